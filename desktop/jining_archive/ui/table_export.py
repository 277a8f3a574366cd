"""Saving an insight table (a series, a project story) as CSV or Excel from the window:
the file dialog, the write by the rules of ``notes.destination``, and the outcome in
the interface language."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("TableExport", text)


def ask_table_file(parent: QWidget, fmt: str, name: str) -> Path | None:
    """Ask where to save a table as ``fmt`` (csv or xlsx); None when cancelled."""
    if fmt == "csv":
        title, pattern = _tr("导出为 CSV"), _tr("CSV 文件 (*.csv)")
    else:
        title, pattern = _tr("导出为 Excel"), _tr("Excel 工作簿 (*.xlsx)")
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, f"{name}.{fmt}", pattern)
    return Path(chosen) if chosen else None


def save_table(
    target: Path,
    fmt: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    sheet: str,
) -> tuple[bool, str]:
    """Write the table to ``target``; (saved, the message to show)."""
    from jining_archive.insight.tables import table_csv, table_xlsx
    from jining_archive.notes.destination import ExportError, write_export
    from jining_archive.ui.export_errors import describe_export_error

    if fmt == "xlsx" and target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    data = table_csv(columns, rows) if fmt == "csv" else table_xlsx(columns, rows, sheet)
    try:
        write_export(target, data)
    except ExportError as exc:
        return False, describe_export_error(exc)
    return True, _tr("已将 {count} 行导出到 {path}").format(count=len(rows), path=str(target))
