"""Batch scanning of large post dumps (``claimcheck scan``).

Data flow, in module order:

* :mod:`.sources` finds the inputs (files, globs, directories, stdin) and opens
  them, undoing gzip/bz2/xz/zstd compression;
* :mod:`.batches` cuts each byte stream into raw batches at record boundaries;
* :mod:`.records` parses a batch into posts (JSON Lines, CSV/TSV, plain text);
* :mod:`.partition` checks the posts of a batch or of a whole partition; both
  engines (:mod:`.engine_local`, :mod:`.engine_dask`) call it;
* :mod:`.report` keeps bounded aggregates, :mod:`.html_report` renders them;
* :mod:`.checkpoint` and :mod:`.progress` serve the local engine;
* :mod:`.command` is the click command, ``claimcheck scan``.

This module imports nothing heavy: worker processes import it too.
"""
