"""Extraction: figures, dates and named projects and organisations, as pure functions.

Nothing here imports Qt. Every offset is an offset into ``Article.text``.
"""

from __future__ import annotations

from jining_archive.extraction.entities import extract_entities
from jining_archive.extraction.figures import KINDS, Figure, extract_figures
from jining_archive.extraction.projects import STATUSES, Mention, NamedEntity

__all__ = [
    "KINDS",
    "STATUSES",
    "Figure",
    "Mention",
    "NamedEntity",
    "extract_entities",
    "extract_figures",
]
