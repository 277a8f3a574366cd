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
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from jining_archive.documents.model import Article
from jining_archive.notes.destination import read_only_refusal
from jining_archive.notes.export import ExportError, ExportFormat, ExportResult, export_bookmarks
from jining_archive.notes.model import Bookmark
from jining_archive.notes.store import NotesError, NoteStore
from jining_archive.notes.targets import CitationStyle
from jining_archive.ui import settings as opts
from jining_archive.ui.export_errors import describe_export_error
from jining_archive.ui.settings import Settings
from jining_archive.ui.tasks import TaskContext, TaskRunner

ALL, TAG, ARTICLE, SELECTION = 0, 1, 2, 3
DEFAULT_NAME = "书签与笔记"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportDialog", text)


def default_export_folder(remembered: Path | None = None) -> Path:
    """Where exports go first: the folder used last, else the documents folder, else
    home — the first of them that exists (a new account may have no ~/Documents)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for candidate in (remembered, Path(documents) if documents else None, Path.home()):
        if candidate is not None and candidate.is_dir():
            return candidate
    return Path.home()


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
        self._folder = default_export_folder(folder)
        #: Asks before an existing file is replaced (a function, so tests can answer).
        self.confirm_replace: Callable[[Path], bool] = self._ask_replace

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

        self.path_edit.textChanged.connect(self._clear_error)  # a new name: the old error goes
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
            if b.article_id:  # insights cite several articles and belong to none
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
        # Qt's own "Cancel" stays English without Qt's translations installed.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

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
        if target.is_file():
            refused = read_only_refusal(target)
            if refused is not None:
                return self._finished(str(target), refused)
            if not self.confirm_replace(target):
                return False  # the user keeps the file: the dialog stays open to pick another
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

    def _ask_replace(self, target: Path) -> bool:
        """The platform's "replace this file?" question; No is the default."""
        answer = QMessageBox.question(
            self,
            self.tr("替换文件"),
            self.tr("{name} 已经存在。要替换它吗？").format(name=target.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _clear_error(self, *_args: object) -> None:
        if not self._busy:
            self.error_label.clear()
            self.error_label.hide()

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
