"""The export dialog: which bookmarks, which format, which file.

Scopes: all bookmarks, one tag, one article, or the bookmarks selected in the
panel. The file name follows the chosen format's suffix. The citation style
(引文格式: the app's own line or GB/T 7714-2015) decides how each note's 出处
line is written, and is remembered in the settings when given. Failures (missing or
unwritable folder, disk full, a read-only file, a name too long) are shown in the
dialog in the interface language, and the dialog stays open; a file that existed
before is only replaced by a complete export, and never when it is read-only
(see :mod:`jining_archive.notes.destination`). Given a
:class:`~jining_archive.ui.tasks.TaskRunner`, the file is rendered and written
off the GUI thread (the bookmarks are read from the store first, on the GUI
thread, which owns the database connection).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from jining_archive.documents.model import Article
from jining_archive.notes.destination import shown
from jining_archive.notes.export import ExportError, ExportFormat, ExportResult, export_bookmarks
from jining_archive.notes.model import Bookmark
from jining_archive.notes.store import NotesError, NoteStore
from jining_archive.notes.targets import CitationStyle
from jining_archive.ui import settings as opts
from jining_archive.ui.settings import Settings
from jining_archive.ui.tasks import TaskContext, TaskRunner

ALL, TAG, ARTICLE, SELECTION = 0, 1, 2, 3
DEFAULT_NAME = "书签与笔记"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportDialog", text)


def describe_export_error(error: ExportError) -> str:
    """Why an export (of notes or of references) could not be written, in the interface
    language (the messages belong to the export dialog's translation context)."""
    path = shown(error.path) if error.path is not None else ""
    code = error.code
    if code == "no-folder":
        return _tr("文件夹 {path} 不存在，请选择一个已有的文件夹").format(path=path)
    if code == "not-a-folder":
        return _tr("{path} 不是文件夹").format(path=path)
    if code == "is-a-folder":
        return _tr("{path} 是文件夹，请填写文件名").format(path=path)
    if code == "cannot-write-folder":
        return _tr("无法在文件夹 {path} 中写入（{reason}）").format(path=path, reason=error.detail)
    if code == "read-only-disk":
        return _tr("文件夹 {path} 在只读磁盘上，请选择其他文件夹").format(path=path)
    if code == "disk-full":
        return _tr("磁盘已满，无法写入 {path}；原有文件没有被替换").format(path=path)
    if code == "name-too-long":
        size = len(os.fsencode(error.path.name)) if error.path is not None else 0
        return _tr("文件名太长（{size} 字节；此磁盘上的文件名最多 {limit} 字节）").format(
            size=size, limit=error.detail
        )
    if code == "read-only-file":
        return _tr("{path} 是只读文件，没有被替换（请先设为可写，或另选文件名）").format(path=path)
    if code == "dangling-link":
        return _tr("{path} 是指向 {target} 的符号链接，而该文件不存在；未写入任何内容").format(
            path=path, target=shown(error.detail)
        )
    if code == "link-loop":
        return _tr("{path} 是指回自身的符号链接；未写入任何内容").format(path=path)
    if code == "not-writable-kind":
        return _tr("{path} 是磁盘设备或其他特殊文件，不是普通文件；未写入任何内容").format(
            path=path
        )
    if code == "no-reader":
        return _tr("没有程序在读取管道 {path}；未写入任何内容").format(path=path)
    if code == "reader-gone":
        return _tr("读取 {path} 的程序在导出完成前停止了").format(path=path)
    if code == "write-failed":
        return _tr("无法写入 {path}（{reason}）").format(path=path, reason=error.detail)
    return str(error)


class ExportDialog(QDialog):
    """Export bookmarks with citations; see the module docstring.

    Signals:
        exported(str, int, int): the path written, the number of bookmarks in it, and
            how many characters the format could not hold and were replaced by U+FFFD.
    """

    exported = Signal(str, int, int)

    def __init__(
        self,
        store: NoteStore,
        article_of: Callable[[str], Article | None],
        selected_ids: list[int] | None = None,
        folder: Path | None = None,
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._settings = settings
        self._busy = False
        self.setObjectName("exportDialog")
        self.setMinimumWidth(520)
        self._store = store
        self._article_of = article_of
        self._selected = list(selected_ids or [])
        self._total = len(store)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        self._folder = folder or Path(documents or Path.home())

        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("exportFormat")
        for fmt in ExportFormat:
            self.format_combo.addItem(fmt.label, fmt.value)

        self.style_combo = QComboBox(self)
        self.style_combo.setObjectName("exportCitationStyle")
        for style in CitationStyle:
            self.style_combo.addItem("", style.value)  # named in retranslate()
        remembered = settings.get(opts.CITATION_STYLE) if settings is not None else ""
        self.set_citation_style(
            remembered if remembered in set(CitationStyle) else CitationStyle.APP
        )

        self.scope_group = QButtonGroup(self)
        self.all_radio = QRadioButton(self)
        self.tag_radio = QRadioButton(self)
        self.article_radio = QRadioButton(self)
        self.selection_radio = QRadioButton(self)
        for scope_id, radio in enumerate(
            (self.all_radio, self.tag_radio, self.article_radio, self.selection_radio)
        ):
            self.scope_group.addButton(radio, scope_id)
        self.tag_combo = QComboBox(self)
        self.tag_combo.setObjectName("exportTag")
        self.article_combo = QComboBox(self)
        self.article_combo.setObjectName("exportArticle")
        self._fill_choices()
        self.selection_radio.setEnabled(bool(self._selected))
        self.all_radio.setChecked(True)

        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("exportPath")
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self._browse)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("exportError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)

        scope = QGridLayout()
        scope.addWidget(self.all_radio, 0, 0, 1, 2)
        scope.addWidget(self.tag_radio, 1, 0)
        scope.addWidget(self.tag_combo, 1, 1)
        scope.addWidget(self.article_radio, 2, 0)
        scope.addWidget(self.article_combo, 2, 1)
        scope.addWidget(self.selection_radio, 3, 0, 1, 2)
        scope.setColumnStretch(1, 1)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self.form = QFormLayout()
        self.format_label = QLabel(self)
        self.scope_label = QLabel(self)
        self.path_label = QLabel(self)
        self.style_label = QLabel(self)
        self.form.addRow(self.format_label, self.format_combo)
        self.form.addRow(self.style_label, self.style_combo)
        self.form.addRow(self.scope_label, scope)
        self.form.addRow(self.path_label, path_row)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.style_combo.currentIndexChanged.connect(self._style_changed)
        self.tag_combo.activated.connect(lambda _i: self.tag_radio.setChecked(True))
        self.article_combo.activated.connect(lambda _i: self.article_radio.setChecked(True))
        self.path_edit.setText(str(self._folder / f"{DEFAULT_NAME}.{self.format()}"))
        self.retranslate()

    def _fill_choices(self) -> None:
        for name, count in self._store.tags():
            self.tag_combo.addItem(f"{name} ({count})", name)
        counts: dict[str, int] = {}
        for b in self._store.bookmarks():
            counts[b.article_id] = counts.get(b.article_id, 0) + 1
        for article_id, count in counts.items():
            article = self._article_of(article_id)
            title = article.title if article else article_id
            self.article_combo.addItem(f"{title} ({count})", article_id)
        self.tag_radio.setEnabled(self.tag_combo.count() > 0)
        self.tag_combo.setEnabled(self.tag_combo.count() > 0)
        self.article_radio.setEnabled(self.article_combo.count() > 0)
        self.article_combo.setEnabled(self.article_combo.count() > 0)

    def retranslate(self) -> None:
        """Set every visible string in the interface language."""
        self.setWindowTitle(self.tr("导出笔记"))
        self.format_label.setText(self.tr("格式"))
        self.style_label.setText(self.tr("引文格式"))
        names = {
            CitationStyle.APP: self.tr("本程序格式：《题名》，记者，来源，日期，章节"),
            CitationStyle.GBT7714: self.tr("GB/T 7714-2015（报纸文章 [N]）"),
        }
        for i in range(self.style_combo.count()):
            self.style_combo.setItemText(i, names[CitationStyle(self.style_combo.itemData(i))])
        self.scope_label.setText(self.tr("范围"))
        self.path_label.setText(self.tr("文件"))
        self.all_radio.setText(self.tr("全部书签 ({n})").format(n=self._total))
        self.tag_radio.setText(self.tr("标签"))
        self.article_radio.setText(self.tr("文章"))
        self.selection_radio.setText(self.tr("选中的书签 ({n})").format(n=len(self._selected)))
        self.browse_button.setText(self.tr("浏览…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("导出"))

    def changeEvent(self, event: QEvent) -> None:
        """Follow a change of the interface language."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def format(self) -> ExportFormat:
        """The chosen format."""
        return ExportFormat(self.format_combo.currentData())

    def set_format(self, fmt: ExportFormat | str) -> None:
        """Choose a format (the file suffix follows)."""
        self.format_combo.setCurrentIndex(self.format_combo.findData(ExportFormat(fmt).value))

    def citation_style(self) -> CitationStyle:
        """The chosen citation style of the 出处 lines."""
        return CitationStyle(self.style_combo.currentData())

    def set_citation_style(self, style: CitationStyle | str) -> None:
        """Choose a citation style."""
        self.style_combo.setCurrentIndex(self.style_combo.findData(CitationStyle(style).value))

    def _style_changed(self, _index: int) -> None:
        if self._settings is not None:
            self._settings.set(opts.CITATION_STYLE, str(self.citation_style()))

    def _format_changed(self, _index: int) -> None:
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(f".{self.format()}")))

    def _browse(self) -> None:
        fmt = self.format()
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("导出到"), self.path_edit.text(), f"{fmt.label} (*.{fmt})"
        )
        if chosen:
            self.path_edit.setText(chosen)

    def chosen_bookmarks(self) -> list[Bookmark]:
        """The bookmarks of the chosen scope, in reading order."""
        scope = self.scope_group.checkedId()
        if scope == TAG:
            return self._store.bookmarks(tag=self.tag_combo.currentData())
        if scope == ARTICLE:
            return self._store.bookmarks(article_id=self.article_combo.currentData())
        if scope == SELECTION:
            return self._store.bookmarks(ids=self._selected)
        return self._store.bookmarks()

    def export(self) -> bool:
        """Write the file; on success close the dialog, otherwise show why and stay open.

        With a runner the writing happens in the background: returns True when it
        started, and ``exported`` (or the error text) follows.
        """
        if self._busy:
            return False
        text = self.path_edit.text().strip()
        if not text:
            return self._fail(self.tr("请填写要导出的文件名。"))
        target = Path(text).expanduser()
        if not target.suffix:
            target = target.with_suffix(f".{self.format()}")
        fmt = self.format()
        style = self.citation_style()
        try:
            bookmarks = self.chosen_bookmarks()
        except NotesError as exc:
            return self._fail(self.tr("导出失败:{reason}").format(reason=str(exc)))
        if not bookmarks:
            return self._fail(self.tr("所选范围内没有书签。"))
        article_of = self._article_of

        def work(_context: TaskContext | None = None) -> ExportResult | ExportError:
            # The error is returned, not raised, so that its code reaches the GUI thread,
            # where it is worded in the interface language.
            try:
                return export_bookmarks(bookmarks, fmt, target, article_of, style)
            except ExportError as exc:
                return exc

        if self._runner is None:
            return self._finished(str(target), work())

        def finished(result: ExportResult | ExportError) -> None:
            self._finished(str(target), result)

        self._set_busy(True)
        self._runner.run(
            work,
            on_success=finished,
            on_failure=lambda message, _details: self._background_failed(message),
            name="export",
        )
        return True

    def _finished(self, target: str, result: ExportResult | ExportError) -> bool:
        if isinstance(result, ExportError):
            self._set_busy(False)
            return self._fail(self.tr("导出失败:{reason}").format(reason=self.describe(result)))
        self._done(target, result.count, result.replaced)
        return True

    def describe(self, error: ExportError) -> str:
        """Why an export could not be written, in the interface language."""
        return describe_export_error(error)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.buttons.setEnabled(not busy)
        if busy:
            self.error_label.setStyleSheet("")
            self.error_label.setText(self.tr("正在导出…"))
            self.error_label.show()

    def reject(self) -> None:
        """Cancel closes the dialog, except while a file is being written."""
        if not self._busy:
            super().reject()

    def _background_failed(self, message: str) -> None:
        self._set_busy(False)
        self._fail(self.tr("导出失败:{reason}").format(reason=message))

    def _done(self, path: str, count: int, replaced: int) -> None:
        self._set_busy(False)
        self.error_label.hide()
        self.exported.emit(path, count, replaced)
        self.accept()

    def _fail(self, message: str) -> bool:
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setText(message)
        self.error_label.show()
        return False
