"""Extraction: figures, dates and named projects and organisations, as pure functions.

Nothing here imports Qt. Every offset is an offset into ``Article.text``.
"""

from __future__ import annotations

from jining_archive.extraction.figures import KINDS, Figure, extract_figures

__all__ = ["KINDS", "Figure", "extract_figures"]
