"""A view across articles kept in a note: a series (with its comparison) or a project's story.

An insight bookmark (kind ``insight``) points at no single article; it keeps what the
view showed when it was bookmarked, as a table whose every row names the article (and
the place in it) it comes from, and for a chart the picture as drawn (PNG). The exports
print the table with a numbered reference for each article a row cites, and the chart
as an image.

The snapshot is stored as JSON (``to_dict``, ``from_dict``) in the notes database, in
the JSON export and on a team server; ``from_dict`` checks every field and names the
first wrong one.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from typing import Any

#: The views a snapshot can come from, with their names in the interface.
VIEWS = {"series": "指标变化", "story": "项目历程"}
#: A snapshot's table is cut at this many rows (a bookmark is not a data export).
MAX_ROWS = 2_000
MAX_COLUMNS = 20
#: The largest chart image kept (bytes of PNG).
MAX_IMAGE = 4 * 1024 * 1024
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class SnapshotError(ValueError):
    """A snapshot that cannot be read; the message names the field."""


@dataclass(frozen=True, slots=True)
class SnapshotRow:
    """One row of a snapshot's table and the place it comes from."""

    cells: tuple[str, ...]
    article_id: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What an insight view showed: a title, a table with sources, maybe a chart."""

    view: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[SnapshotRow, ...]
    image_png: bytes = b""
    #: Rows left out past MAX_ROWS (said in the exports).
    omitted: int = 0
    subject: str = field(default="")  # the measure or project the view was opened on

    @property
    def view_label(self) -> str:
        """The view's name in the interface."""
        return VIEWS.get(self.view, self.view)

    def article_ids(self) -> list[str]:
        """The articles the rows cite, each once, in the order of the rows."""
        seen: dict[str, None] = {}
        for row in self.rows:
            if row.article_id:
                seen.setdefault(row.article_id)
        return list(seen)

    def summary(self) -> str:
        """One line for lists and the CSV export: view, subject, rows and sources."""
        sources = len(self.article_ids())
        return f"{self.view_label}：{self.title}（{len(self.rows)} 行，{sources} 篇文章）"

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this snapshot (the image in base64)."""
        data: dict[str, Any] = {
            "view": self.view,
            "title": self.title,
            "subject": self.subject,
            "columns": list(self.columns),
            "rows": [
                {"cells": list(r.cells), "article_id": r.article_id, "start": r.start, "end": r.end}
                for r in self.rows
            ],
            "omitted": self.omitted,
        }
        if self.image_png:
            data["image_png"] = base64.b64encode(self.image_png).decode("ascii")
        return data


def make_snapshot(
    view: str,
    title: str,
    columns: list[str] | tuple[str, ...],
    rows: list[SnapshotRow],
    subject: str = "",
    image_png: bytes = b"",
) -> Snapshot:
    """A snapshot of ``rows`` (at most MAX_ROWS; the rest counted as omitted)."""
    kept = tuple(rows[:MAX_ROWS])
    snapshot = Snapshot(
        view=view,
        title=title,
        columns=tuple(columns),
        rows=kept,
        image_png=image_png,
        omitted=max(0, len(rows) - MAX_ROWS),
        subject=subject,
    )
    from_dict(snapshot.to_dict())  # the same checks as a stored one
    return snapshot


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise SnapshotError(f"{where} must be text")
    if any("\ud800" <= c <= "\udfff" for c in value):
        raise SnapshotError(f"{where} holds a lone surrogate, which is not text")
    return value


def _offset(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**63:
        raise SnapshotError(f"{where} must be a whole number from 0 to {2**63 - 1}")
    return value


def from_dict(data: Any) -> Snapshot:
    """The snapshot of a JSON object; SnapshotError names the first wrong field."""
    if not isinstance(data, dict):
        raise SnapshotError("snapshot must be an object")
    view = _text(data.get("view"), "snapshot.view")
    if view not in VIEWS:
        raise SnapshotError(f"snapshot.view must be one of {', '.join(VIEWS)}")
    title = _text(data.get("title", ""), "snapshot.title")
    subject = _text(data.get("subject", ""), "snapshot.subject")
    columns = data.get("columns")
    if not isinstance(columns, list) or not columns or len(columns) > MAX_COLUMNS:
        raise SnapshotError(f"snapshot.columns must be a list of 1 to {MAX_COLUMNS} names")
    names = tuple(_text(c, f"snapshot.columns[{n}]") for n, c in enumerate(columns))
    raw_rows = data.get("rows")
    if not isinstance(raw_rows, list) or len(raw_rows) > MAX_ROWS:
        raise SnapshotError(f"snapshot.rows must be a list of at most {MAX_ROWS} rows")
    rows = []
    for n, raw in enumerate(raw_rows):
        where = f"snapshot.rows[{n}]"
        if not isinstance(raw, dict):
            raise SnapshotError(f"{where} must be an object")
        cells = raw.get("cells")
        if not isinstance(cells, list) or len(cells) != len(names):
            raise SnapshotError(f"{where}.cells must be a list of {len(names)} texts")
        start = _offset(raw.get("start"), f"{where}.start")
        end = _offset(raw.get("end"), f"{where}.end")
        if (start is None) != (end is None) or (
            start is not None and end is not None and end < start
        ):
            raise SnapshotError(f"{where}: start and end must both be given, start first")
        rows.append(
            SnapshotRow(
                cells=tuple(_text(c, f"{where}.cells[{i}]") for i, c in enumerate(cells)),
                article_id=_text(raw.get("article_id", ""), f"{where}.article_id"),
                start=start,
                end=end,
            )
        )
    omitted = data.get("omitted", 0)
    if isinstance(omitted, bool) or not isinstance(omitted, int) or omitted < 0:
        raise SnapshotError("snapshot.omitted must be a whole number, 0 or more")
    image = b""
    if data.get("image_png"):
        encoded = _text(data["image_png"], "snapshot.image_png")
        try:
            image = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise SnapshotError("snapshot.image_png must be base64") from None
        if not image.startswith(_PNG_SIGNATURE) or len(image) > MAX_IMAGE:
            raise SnapshotError(
                f"snapshot.image_png must be a PNG image of at most {MAX_IMAGE // 1024**2} MB"
            )
    return Snapshot(view, title, names, tuple(rows), image, omitted, subject)
