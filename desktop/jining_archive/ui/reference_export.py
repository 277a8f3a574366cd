"""File → 导出文章引用…: every article of the archive as references for a reference manager.

A save dialog offers RIS, BibTeX and CSL-JSON (:mod:`jining_archive.notes.references`);
the file is written on the GUI thread (five or five hundred references take
milliseconds), a complete file or none, and a failure is worded like the notes
export's (:func:`jining_archive.ui.export_errors.describe_export_error`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from jining_archive.notes.destination import ExportError, Written, shown
from jining_archive.notes.references import ReferenceFormat, export_references
from jining_archive.ui.export_errors import describe_export_error

if TYPE_CHECKING:
    from jining_archive.ui.main_window import MainWindow

DEFAULT_NAME = "济宁高新区文章引用"


class ReferenceExporter(QObject):
    """The File menu's 导出文章引用… entry; see the module docstring."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.folder: Path | None = None
        self.action = window._action()
        self.action.setObjectName("exportReferencesAction")
        self.action.triggered.connect(lambda: self.choose_file())
        menu = window.file_menu
        actions = menu.actions()
        after = actions.index(window.export_action) + 1 if window.export_action in actions else 0
        if after < len(actions):
            menu.insertAction(actions[after], self.action)
        else:
            menu.addAction(self.action)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every visible string in the current language."""
        self.action.setText(self.tr("导出文章引用…"))
        self.action.setToolTip(
            self.tr("全部文章导出为 RIS、BibTeX 或 CSL-JSON，供 Zotero、EndNote 等使用")
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Retranslate when the interface language changes."""
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)

    def choose_file(self) -> Written | None:
        """Ask for a file and a format, then export every article to it."""
        folder = self.folder or Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or Path.home()
        )
        filters = {f"{fmt.label} (*.{fmt.suffix})": fmt for fmt in ReferenceFormat}
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            self.window,
            self.tr("导出文章引用"),
            str(folder / f"{DEFAULT_NAME}.{ReferenceFormat.RIS.suffix}"),
            ";;".join(filters),
        )
        if not chosen:
            return None
        fmt = filters.get(chosen_filter) or format_for(Path(chosen))
        return self.export_to(Path(chosen), fmt)

    def export_to(self, target: Path, fmt: ReferenceFormat | str) -> Written | None:
        """Write every article's reference to ``target`` in ``fmt`` and say so in the
        status bar; a failure is shown in a message box. A name without a suffix gets
        the format's."""
        fmt = ReferenceFormat(fmt)
        if not target.suffix:
            target = target.with_suffix(f".{fmt.suffix}")
        articles = list(self.window.library.articles)
        try:
            written = export_references(articles, fmt, target)
        except ExportError as exc:
            QMessageBox.warning(
                self.window,
                self.tr("导出文章引用"),
                self.tr("导出失败:{reason}").format(reason=describe_export_error(exc)),
            )
            return None
        self.folder = written.path.parent
        self.window.status.show_message(
            self.tr("已导出 {n} 篇文章的引用（{format}）到 {path}").format(
                n=len(articles), format=fmt.label, path=shown(written.path)
            )
        )
        return written


def format_for(path: Path) -> ReferenceFormat:
    """The format a file name's suffix stands for (RIS when it names none of them)."""
    suffix = path.suffix.lower().lstrip(".")
    for fmt in ReferenceFormat:
        if suffix == fmt.suffix:
            return fmt
    return ReferenceFormat.RIS
