"""Insight tables as spreadsheets: CSV (UTF-8 with a BOM, for Excel) and XLSX (openpyxl).

Three tables: the figure rows (``render_csv``, ``render_xlsx``), series with the change
between reports (``series_table``) and a project's story (``story_table``); any of them
goes through ``table_csv`` and ``table_xlsx``.

Text cells never run as formulas: in CSV a cell that a spreadsheet would read as a
formula (=, +, -, @ …) is written as text (``notes.export.neutralise``); in XLSX such
cells are stored as strings, which Excel never evaluates. Values stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from jining_archive.insight.amounts import number
from jining_archive.insight.rows import FigureRow
from jining_archive.insight.series import Comparison
from jining_archive.insight.story import ProjectStory
from jining_archive.notes.export import neutralise

COLUMNS = ("article_id", "title", "date", "date_estimated", "kind", "text", "value", "unit",
           "base_value", "base_unit", "qualifier", "measure", "measure_from", "period",
           "sentence", "block_id", "start", "end")  # fmt: skip


def row_values(row: FigureRow) -> list[Any]:
    """The cells of one row, in the order of COLUMNS (numbers as numbers)."""
    f = row.figure
    return [
        f.article_id, row.article_title, row.date, row.date_estimated, f.kind, f.text,
        number(f.value), f.unit, number(row.base_value), row.base_unit, f.qualifier or "",
        row.measure or "", row.measure_from or "", row.period, row.sentence, f.block_id,
        f.start, f.end,
    ]  # fmt: skip


def _csv_cell(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return neutralise(cell) if isinstance(cell, str) else str(cell)


SERIES_COLUMNS = ("measure", "kind", "unit", "article_id", "title", "date", "date_estimated",
                  "text", "value", "qualifier", "difference", "period", "conflict", "sentence",
                  "block_id", "start", "end")  # fmt: skip

STORY_COLUMNS = ("project", "article_id", "title", "date", "date_estimated", "status",
                 "planned", "text", "figures", "sentence", "block_id", "start", "end")  # fmt: skip


def series_table(comparisons: Iterable[Comparison]) -> list[list[Any]]:
    """One row per figure of each series (cells in the order of SERIES_COLUMNS).

    ``difference`` is the change from the previous report's figure, on the figure that
    stands for its article in the comparison; ``conflict`` is true for a figure whose
    measure and period another article gives a different value for.
    """
    table: list[list[Any]] = []
    for comparison in comparisons:
        series = comparison.series
        steps = {id(s.after): s for s in comparison.steps}
        disputed = {id(r) for c in comparison.conflicts for r in c.rows}
        for point in series.points:
            step = steps.get(id(point))
            f = point.figure
            table.append([
                series.measure, series.kind, series.unit, f.article_id, point.article_title,
                point.date, point.date_estimated, f.text, number(f.value), f.qualifier or "",
                number(step.difference) if step is not None else None, point.period,
                id(point) in disputed, point.sentence, f.block_id, f.start, f.end,
            ])  # fmt: skip
    return table


def story_table(story: ProjectStory) -> list[list[Any]]:
    """One row per mention of the project (cells in the order of STORY_COLUMNS)."""
    table: list[list[Any]] = []
    for e in story.events:
        planned = "、".join(str(y) for y in e.planned)
        figures = "、".join(r.figure.text for r in e.figures)
        table.append([
            story.name, e.article_id, e.article_title, e.date, e.date_estimated, e.status or "",
            planned, e.text, figures, e.sentence, e.block_id, e.start, e.end,
        ])  # fmt: skip
    return table


def table_csv(columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> bytes:
    """A header and the rows as CSV bytes, UTF-8 with a BOM; text never a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(list(columns))
    for row in rows:
        writer.writerow([_csv_cell(c) for c in row])
    return buffer.getvalue().encode("utf-8-sig")


def table_xlsx(columns: Iterable[str], rows: Iterable[Iterable[Any]], sheet_title: str) -> bytes:
    """A header and the rows as an XLSX workbook (one sheet, the header frozen)."""
    from openpyxl import Workbook  # loaded only for this export

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = sheet_title
    sheet.append(list(columns))
    for row in rows:
        sheet.append(["" if c is None else c for c in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "f":  # a text that looks like a formula stays text
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render_csv(rows: Iterable[FigureRow]) -> bytes:
    """The figure rows as CSV bytes: a header, one line per figure, UTF-8 with a BOM."""
    return table_csv(COLUMNS, (row_values(r) for r in rows))


def render_xlsx(rows: Iterable[FigureRow], sheet_title: str = "figures") -> bytes:
    """The figure rows as an XLSX workbook (one sheet, a header row, frozen)."""
    return table_xlsx(COLUMNS, (row_values(r) for r in rows), sheet_title)
