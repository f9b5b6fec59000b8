"""Normalisation: printed annex text into one vocabulary (pure functions, polars)."""
