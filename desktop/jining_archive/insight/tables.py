"""Figure rows as a spreadsheet: CSV (UTF-8 with a BOM, for Excel) and XLSX (openpyxl).

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


def render_csv(rows: Iterable[FigureRow]) -> bytes:
    """The rows as CSV bytes: a header, one line per figure, UTF-8 with a BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(c) for c in row_values(row)])
    return buffer.getvalue().encode("utf-8-sig")


def render_xlsx(rows: Iterable[FigureRow], sheet_title: str = "figures") -> bytes:
    """The rows as an XLSX workbook (one sheet, a header row, frozen)."""
    from openpyxl import Workbook  # loaded only for this export

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = sheet_title
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(["" if c is None else c for c in row_values(row)])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "f":  # a text that looks like a formula stays text
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
