"""Exported external vocabularies (see scripts/build_vocab.py for sources and licences)."""
