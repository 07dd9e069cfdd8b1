"""Trained claim models: corpus, features, training, evaluation, fast inference."""
