"""Printing the open article, or saving it as PDF: the text as the reader shows it,
with its highlights, followed by the article's bookmarks and notes.

Uses Qt's print support (QPrinter): the platform's print dialog for paper, and
Qt's own PDF writer for a file, on A4.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from jining_archive.notes.targets import Citation


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


def printable(document: QTextDocument, citations: list[Citation]) -> QTextDocument:
    """A copy of the reader's ``document`` with the bookmarks and notes added at the end."""
    copy = document.clone()
    if not citations:
        return copy
    cursor = QTextCursor(copy)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    heading = QTextCharFormat()
    heading.setFontWeight(QFont.Weight.Bold)
    heading.setFontPointSize(max(document.defaultFont().pointSizeF(), 9.0) * 1.3)
    plain = QTextCharFormat()
    spaced = QTextBlockFormat()
    spaced.setTopMargin(18)
    cursor.insertBlock(spaced, heading)
    cursor.insertText(_tr("本文的书签和笔记（{n} 条）").format(n=len(citations)), heading)
    for number, citation in enumerate(citations, start=1):
        block = QTextBlockFormat()
        block.setTopMargin(8)
        cursor.insertBlock(block, plain)
        quote = citation.quote or citation.original_quote or citation.label
        cursor.insertText(f"{number}. “{quote}”", plain)
        if citation.note:
            cursor.insertBlock(QTextBlockFormat(), plain)
            cursor.insertText(_tr("笔记：{note}").format(note=citation.note), plain)
        if citation.tags:
            cursor.insertBlock(QTextBlockFormat(), plain)
            cursor.insertText(_tr("标签：{tags}").format(tags="、".join(citation.tags)), plain)
    return copy


def a4_printer(pdf_path: str = "") -> QPrinter:
    """A printer on A4 with 15 mm margins; with ``pdf_path``, one that writes that PDF."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    if pdf_path:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(pdf_path)
    return printer


def print_document(document: QTextDocument, printer: QPrinter, title: str) -> None:
    """Lay ``document`` out on the printer's pages and print it."""
    printer.setDocName(title)
    document.print_(printer)
