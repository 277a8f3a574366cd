"""What a bookmark keeps of an insight view: a series with its changes, or a project's
story, as a table whose rows cite their articles (see :mod:`jining_archive.notes.snapshot`).

The cells are written in Chinese, as the notes exports are; a chart's picture is added
by the window, which draws it (``image_png``).
"""

from __future__ import annotations

from jining_archive.insight.amounts import format_amount, format_difference
from jining_archive.insight.series import Comparison
from jining_archive.insight.story import ProjectStory
from jining_archive.notes.snapshot import Snapshot, SnapshotRow, make_snapshot

SERIES_HEADERS = ("日期", "数字", "数值", "变化", "所指年份", "文章", "原句")
STORY_HEADERS = ("日期", "进展", "提及", "同句数字", "原句")


def _date(date: str, estimated: bool) -> str:
    if not date:
        return "日期不详"
    return f"约 {date}" if estimated else date


def series_title(comparison: Comparison) -> str:
    """The title of a series: its measure and unit."""
    series = comparison.series
    return f"{series.measure}（{series.unit}）"


def series_snapshot(comparison: Comparison, image_png: bytes = b"") -> Snapshot:
    """A series report by report, with the change from the previous report and, where
    two reports disagree on one period, a note of it in the change column."""
    series = comparison.series
    steps = {id(s.after): s for s in comparison.steps}
    disputed = {id(r) for c in comparison.conflicts for r in c.rows}
    rows = []
    for point in series.points:
        step = steps.get(id(point))
        change = format_difference(step.difference, series.kind, series.unit) if step else ""
        if id(point) in disputed:
            change = f"{change}（与另一篇报道的同年数字不同）".lstrip()
        rows.append(
            SnapshotRow(
                cells=(
                    _date(point.date, point.date_estimated),
                    point.figure.text,
                    format_amount(point.value, series.kind, series.unit),
                    change,
                    str(point.period) if point.period is not None else "",
                    point.article_title,
                    point.sentence.replace("\n", " "),
                ),
                article_id=point.article_id,
                start=point.figure.start,
                end=point.figure.end,
            )
        )
    return make_snapshot(
        "series", series_title(comparison), SERIES_HEADERS, rows, series.measure, image_png
    )


def story_snapshot(story: ProjectStory) -> Snapshot:
    """A project's mentions in date order with the status each reports."""
    rows = []
    for event in story.events:
        status = event.status or "—"
        if event.planned:
            status += f"（计划于 {'、'.join(str(y) for y in event.planned)}）"
        rows.append(
            SnapshotRow(
                cells=(
                    _date(event.date, event.date_estimated),
                    status,
                    event.text,
                    "、".join(r.figure.text for r in event.figures),
                    event.sentence.replace("\n", " "),
                ),
                article_id=event.article_id,
                start=event.start,
                end=event.end,
            )
        )
    stages = " → ".join(story.stages) or "未报道"
    return make_snapshot(
        "story", f"{story.name}（进展：{stages}）", STORY_HEADERS, rows, story.name
    )
