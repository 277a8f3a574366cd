"""Views across the whole archive: every figure as a row, series of one measure over the
reports, what changed between them, and each named project's story.

Plain Python over the extraction results the library already keeps
(``Library.figures()``, ``Library.projects()``); nothing here imports Qt.
"""

from __future__ import annotations

from jining_archive.insight.rows import (
    FigureFilter,
    FigureRow,
    figure_rows,
    sort_by_value,
)
from jining_archive.insight.series import (
    Comparison,
    Conflict,
    Series,
    Step,
    UnknownMeasureError,
    compare,
    find_series,
    series_of,
)
from jining_archive.insight.story import (
    ProjectStory,
    StoryEvent,
    UnknownProjectError,
    find_project,
    project_story,
)

__all__ = [
    "Comparison",
    "Conflict",
    "FigureFilter",
    "FigureRow",
    "ProjectStory",
    "Series",
    "Step",
    "StoryEvent",
    "UnknownMeasureError",
    "UnknownProjectError",
    "compare",
    "figure_rows",
    "find_project",
    "find_series",
    "project_story",
    "series_of",
    "sort_by_value",
]
