"""Bookmarks and notes in the main window.

:class:`NotesController` opens the notes store (reporting a damaged file that
was moved aside), re-attaches anchors to the current article texts, adds the
Bookmarks panel as a tab beside the archive tree and connects the window's
hooks:

- Ctrl+D (``bookmark_action``): bookmark the selected text, or the section
  being read when nothing is selected (the whole article if it has no
  sections), then open the note editor. A selection that is exactly a figure or
  a project mention found by extraction becomes a figure or project bookmark.
- Ctrl+E (``export_action``): the export dialog.
- Clicking a bookmark opens its article at the passage, highlighted.
- File → Import notes: a JSON notes export is imported off the GUI thread (its own
  connection to the store), with progress in the status bar.

Whatever keeps notes out of reach is said every time the window opens and stays
visible: a copy of a damaged database set aside (with how to restore it), a store
open read-only (and why), or a store that could not be opened. A banner above the
bookmarks, a warning button in the status bar and Help → Notes database show it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QBoxLayout,
    QFileDialog,
    QLabel,
    QMessageBox,
    QToolButton,
    QWidget,
)

from jining_archive import paths
from jining_archive.documents.model import Article
from jining_archive.notes.anchors import section_at
from jining_archive.notes.jsonform import NotesFileError, read_notes_file
from jining_archive.notes.model import Bookmark, TargetKind
from jining_archive.notes.snapshot import Snapshot
from jining_archive.notes.store import (
    DB_NAME,
    ImportReport,
    NotesError,
    NoteStore,
    StoreNotice,
    set_aside_copies,
)
from jining_archive.notes.targets import (
    article_bookmark,
    cite,
    insight_bookmark,
    passage_bookmark,
    section_bookmark,
)
from jining_archive.storage import backend
from jining_archive.ui import settings as opts
from jining_archive.ui.bookmarks_panel import BookmarksPanel
from jining_archive.ui.export_dialog import ExportDialog
from jining_archive.ui.highlights import set_problem_style
from jining_archive.ui.note_editor import NoteEditorDialog
from jining_archive.ui.tasks import Task, TaskContext, TaskRunner

if TYPE_CHECKING:
    from jining_archive.ui.main_window import MainWindow


def classify_selection(
    annotations: Any, article_id: str, start: int, end: int
) -> tuple[TargetKind, str]:
    """What a selection is: a figure or a project mention when it is exactly one, else a passage.

    ``annotations`` is the window's :class:`~jining_archive.ui.annotations.Annotations`
    (or None before extraction has finished).
    """
    if annotations is None:
        return TargetKind.PASSAGE, ""
    for figure in annotations.figures(article_id):
        if (figure.start, figure.end) == (start, end):
            measure = getattr(figure, "measure", None)
            return TargetKind.FIGURE, f"{measure} {figure.text}" if measure else figure.text
    for item in annotations.mentions(article_id):
        mention = item.mention
        is_project = annotations.entity_kinds.get(item.key) == "project"
        if (mention.start, mention.end) == (start, end) and is_project:
            return TargetKind.PROJECT, annotations.entities[item.key].name
    return TargetKind.PASSAGE, ""


class NotesController(QObject):
    """Connects bookmarks and export to the main window; see the module docstring."""

    def __init__(self, window: MainWindow, store: NoteStore | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.library = window.library
        self.store: NoteStore | None = None
        self.last_dialog: ExportDialog | None = None
        self.last_editor: NoteEditorDialog | None = None
        self.panel: BookmarksPanel | None = None
        self.export_folder: Path | None = None
        #: Why the store could not be opened (None when it is open).
        self.open_problem: NotesError | None = None
        self.writer = TaskRunner(max_threads=1, parent=self)
        self.import_action = QAction(window)
        self.import_action.setObjectName("importNotes")
        self.import_action.triggered.connect(lambda: self.import_notes())
        file_actions = window.file_menu.actions()
        if len(file_actions) > 1:  # after Export, before the separator above Quit
            window.file_menu.insertAction(file_actions[1], self.import_action)
        else:
            window.file_menu.addAction(self.import_action)
        self.status_action = QAction(window)
        self.status_action.setObjectName("notesStatus")
        self.status_action.triggered.connect(self.show_store_status)
        window.help_menu.insertAction(window.about_action, self.status_action)
        self.warning_button = QToolButton(window.status)
        self.warning_button.setObjectName("notesWarning")
        self.warning_button.setAutoRaise(True)
        self.warning_button.clicked.connect(self.show_store_status)
        set_problem_style(self.warning_button, True)
        window.status.addPermanentWidget(self.warning_button)
        self.banner = QLabel()
        self.banner.setObjectName("notesBanner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_problem_style(self.banner, True)
        window.installEventFilter(self)
        self.retranslate()
        try:
            self.store = store or backend.open_notes()
        except NotesError as exc:
            self.open_problem = exc
            self.import_action.setEnabled(False)
            message = self.problem_text(exc)
            QTimer.singleShot(0, lambda: self._warn(message))
            self.update_warnings()
            return
        detached = 0
        try:
            detached = self.store.reconcile(self.library.articles).detached
        except NotesError as exc:
            self.store.messages.append(str(exc))
        self.panel = BookmarksPanel(self.store, self.article_of, window)
        self.panel.citation_style = lambda: window.settings.get(opts.CITATION_STYLE)
        layout = self.panel.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, self.banner)
        window.left_tabs.addTab(self.panel, self.tr("书签"))
        self.panel.installEventFilter(self)
        self.panel.openRequested.connect(self.open_bookmark)
        self.panel.insightRequested.connect(self.open_insight)
        self.panel.messageRequested.connect(self._status)
        window.bookmark_action.triggered.connect(self.bookmark_here)
        window.bookmark_action.setEnabled(True)
        window.export_action.triggered.connect(lambda: self.export())
        window.export_action.setEnabled(True)
        window.articleOpened.connect(self.mark_bookmarks)
        self.panel.bookmarksChanged.connect(self.mark_bookmarks)
        app = QCoreApplication.instance()
        if app is not None:  # closing folds the write-ahead log back into the one file
            app.aboutToQuit.connect(self.store.close)
        for message in self.store.messages:
            # Copies set aside earlier and a read-only store stay in the banner; a file
            # set aside just now, and other problems, also get a dialog.
            if isinstance(message, StoreNotice) and message.code in ("set-aside", "read-only"):
                continue
            text = self.notice_text(message)
            QTimer.singleShot(0, lambda m=text: self._warn(m))
        self.update_warnings()
        if detached:
            self._status(
                self.tr("{n} 个书签的原文已改动且未能重新定位,已标为“未定位”。").format(n=detached)
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Rename the Bookmarks tab and the warnings when the interface language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            if watched is self.panel:
                tabs = self.window.left_tabs
                tabs.setTabText(tabs.indexOf(self.panel), self.tr("书签"))
            elif watched is self.window:
                self.retranslate()
        return False

    def retranslate(self) -> None:
        """Texts of the controller's own actions and warnings in the current language."""
        self.import_action.setText(self.tr("导入笔记(&N)…"))
        self.import_action.setToolTip(self.tr("从 JSON 笔记导出文件导入书签和笔记"))
        self.status_action.setText(self.tr("笔记数据库(&D)…"))
        self.update_warnings()

    # Warnings about the store

    @property
    def store_path(self) -> Path | None:
        """Where the notes database is (or would be)."""
        if self.store is not None:
            return self.store.path
        if self.open_problem is not None and self.open_problem.path is not None:
            problem_path = self.open_problem.path
            return problem_path if problem_path.name == DB_NAME else problem_path / DB_NAME
        try:
            return paths.data_dir() / DB_NAME
        except OSError:
            return None

    def set_aside(self) -> list[Path]:
        """The copies of a damaged database lying next to the store now."""
        path = self.store_path
        return set_aside_copies(path) if path is not None else []

    def warning_lines(self) -> list[str]:
        """What keeps notes out of reach now, one short line each (empty when nothing)."""
        lines: list[str] = []
        if self.open_problem is not None:
            lines.append(self.problem_text(self.open_problem))
        elif self.store is not None and self.store.read_only:
            lines.append(self.read_only_text(self.store))
        copies = self.set_aside()
        if copies:
            lines.append(
                self.tr(
                    "有 {n} 个损坏的笔记数据库副本被移到一旁：{copies}。"
                    "帮助 → 笔记数据库 说明如何恢复。"
                ).format(n=len(copies), copies="、".join(str(c) for c in copies))
            )
        return lines

    def update_warnings(self) -> None:
        """Show or hide the banner and the status-bar warning."""
        if not hasattr(self, "banner"):
            return
        lines = self.warning_lines()
        self.banner.setText("\n".join(lines))
        self.banner.setVisible(bool(lines))
        copies = self.set_aside()
        if copies:
            short = self.tr("笔记：有损坏的副本被移到一旁")
        elif self.open_problem is not None:
            short = self.tr("笔记无法打开")
        elif self.store is not None and self.store.read_only:
            short = self.tr("笔记为只读")
        else:
            short = ""
        self.warning_button.setText(f"⚠ {short}" if short else "")
        self.warning_button.setToolTip("\n".join(lines))
        self.warning_button.setVisible(bool(short))

    def store_status_text(self) -> str:
        """Help → Notes database: where the notes are, what is wrong, how to restore."""
        path = self.store_path
        parts = [self.tr("笔记数据库：{path}").format(path=path if path else "?")]
        if self.open_problem is not None:
            parts.append(self.problem_text(self.open_problem))
        elif self.store is not None:
            if self.store.read_only:
                parts.append(self.read_only_text(self.store))
            else:
                parts.append(self.tr("状态：正常，共 {n} 个书签。").format(n=len(self.store)))
        for copy in self.set_aside():
            parts.append(self.restore_text(path or copy, copy))
        return "\n\n".join(parts)

    def show_store_status(self) -> None:
        """Help → Notes database (also the status-bar warning)."""
        self.update_warnings()
        text = self.store_status_text()
        if self.warning_lines():
            QMessageBox.warning(self.window, self.tr("笔记数据库"), text)
        else:
            QMessageBox.information(self.window, self.tr("笔记数据库"), text)

    def restore_text(self, path: Path, copy: Path) -> str:
        """How to restore a set-aside copy, in the interface language."""
        return self.tr(
            "损坏的笔记数据库已被移到一旁，保存为 {copy}。当前的笔记在 {path}。\n"
            "恢复方法：退出本程序，把 {name} 移走，再把 {copy_name}（如有 {copy_name}-wal，"
            "也一并复制并改名为 {name}-wal）复制为 {path}，然后重新启动；"
            "也可以从 JSON 导出文件恢复笔记（文件 → 导入笔记，或命令 "
            "jining-archive import-notes 文件）。"
            "恢复后或不再需要时，把 {copy_name} 移出该文件夹，此提示就不再出现。"
        ).format(copy=copy, path=path, name=path.name, copy_name=copy.name)

    def read_only_text(self, store: NoteStore) -> str:
        """Why the store is read-only, in the interface language."""
        reasons = {
            "file": self.tr("文件 {path} 不可写入"),
            "folder": self.tr("文件夹 {folder} 不可写入"),
            "read-only-disk": self.tr("文件夹 {folder} 在只读磁盘上"),
            "disk-full": self.tr("{folder} 所在的磁盘已满"),
        }
        reason = reasons.get(store.read_only_reason, self.tr("无法写入")).format(
            path=store.path, folder=store.path.parent
        )
        return self.tr("笔记以只读方式打开，因为{reason}：可以查看和导出，但不能修改。").format(
            reason=reason
        )

    def problem_text(self, exc: NotesError) -> str:
        """A store error in the interface language (its own English text when unknown)."""
        where = exc.path if exc.path is not None else ""
        texts = {
            "disk-full": self.tr(
                "磁盘已满，无法写入笔记（{path}）。请腾出空间后重试；笔记没有丢失。"
            ),
            "cannot-read": self.tr(
                "无法读取笔记数据库 {path}（{detail}）。请检查它的权限；文件未作改动。"
            ),
            "cannot-write": self.tr("无法写入笔记（{path}：{detail}）；没有任何改动。"),
            "read-only": self.tr("笔记是只读的，未作改动（{path}）。"),
            "busy": self.tr("笔记数据库正被其他程序写入，请稍后再试。"),
            "newer-schema": self.tr(
                "笔记数据库 {path} 由更新版本的程序写入，本版本无法读取；文件未作改动。"
            ),
            "not-a-file": self.tr("{path} 不是普通文件，无法作为笔记数据库；没有任何改动。"),
            "damaged": self.tr(
                "笔记数据库 {path} 已损坏，且无法移到一旁（{detail}）；没有任何改动。"
            ),
        }
        if exc.code == "read-only" and self.store is not None:
            return self.read_only_text(self.store)
        text = texts.get(exc.code)
        return text.format(path=where, detail=exc.detail) if text else str(exc)

    def notice_text(self, message: str) -> str:
        """A store notice in the interface language."""
        if isinstance(message, StoreNotice):
            params = message.params
            if message.code in ("set-aside-now", "set-aside"):
                path, copy = Path(params["path"]), Path(params["copy"])
                return self.restore_text(path, copy)
            if message.code == "read-only" and self.store is not None:
                return self.read_only_text(self.store)
        return str(message)

    def article_of(self, article_id: str) -> Article | None:
        """The library's article with this id, or None."""
        return self.library.article(article_id) if article_id in self.library else None

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self.window, self.tr("书签与笔记"), message)

    # File → Import notes

    def import_notes(self, file_name: str | None = None) -> Task | None:
        """Import a JSON notes export in the background, with progress in the status bar."""
        if self.store is None or self.panel is None:
            if self.open_problem is not None:
                self.window.status.show_problem(self.problem_text(self.open_problem))
            return None
        if self.store.read_only:
            self.window.status.show_problem(self.read_only_text(self.store))
            return None
        if file_name is None:
            start = self.export_folder or Path.home()
            file_name, _filter = QFileDialog.getOpenFileName(
                self.window,
                self.tr("导入笔记"),
                str(start),
                self.tr("JSON 笔记导出文件 (*.json);;所有文件 (*)"),
            )
            if not file_name:
                return None
        source = Path(file_name)
        store_path = self.store.path

        def work(context: TaskContext) -> ImportReport | str | NotesError:
            try:
                bookmarks = read_notes_file(source)
            except NotesFileError as exc:
                return str(exc)
            try:
                with NoteStore(store_path) as writer:
                    return writer.import_bookmarks(
                        bookmarks, progress=lambda done, total: context.progress(done, total, "")
                    )
            except NotesError as exc:
                return exc

        task = self.writer.run(
            work,
            on_success=self._imported,
            on_failure=lambda message, _details: self._import_failed(message),
            name="import-notes",
        )
        self.window.status.track(task, self.tr("正在导入笔记"))
        return task

    def _imported(self, result: ImportReport | str | NotesError) -> None:
        if isinstance(result, NotesError):
            self._import_failed(self.problem_text(result))
            return
        if isinstance(result, str):
            self._import_failed(result)
            return
        if self.panel is not None:
            self.panel.refresh()
        self.mark_bookmarks()
        self._status(
            self.tr(
                "已导入笔记：新增 {added}，更新 {updated}，未变 {unchanged}，保留较新的 {kept}"
            ).format(
                added=result.added,
                updated=result.updated,
                unchanged=result.unchanged,
                kept=result.kept_newer,
            ),
        )

    def _import_failed(self, message: str) -> None:
        self.window.status.show_problem(
            self.tr("无法导入笔记，未作任何改动：{message}").format(message=message)
        )

    def _status(self, message: str) -> None:
        self.window.status.show_message(message)

    # Ctrl+D

    def new_bookmark(self) -> Bookmark | None:
        """The bookmark Ctrl+D would make now (selection, else section, else article)."""
        window = self.window
        selection = window.current_selection()
        if selection is not None:
            article_id, start, end = selection
            article = self.article_of(article_id)
            if article is None:
                return None
            kind, label = classify_selection(window.annotations, article_id, start, end)
            return passage_bookmark(article, start, end, kind=kind, label=label)
        article = window.current_article
        if article is None:
            return None
        section_id = section_at(article, self._reading_offset())
        if section_id is not None:
            return section_bookmark(article, section_id)
        return article_bookmark(article)

    def _reading_offset(self) -> int:
        """Where the reader is: the text cursor if it is in view, else the top of the view."""
        reader = self.window.reader
        cursor_rect = reader.cursorRect()
        if reader.textCursor().position() > 0 and QRect(reader.viewport().rect()).intersects(
            cursor_rect
        ):
            offset = reader.offset_at_position(reader.textCursor().position())
            if offset is not None:
                return offset
        top = reader.top_offset()
        return top if top is not None else 0

    def bookmark_here(self) -> Bookmark | None:
        """Ctrl+D: make a bookmark, let the user write its note, save it."""
        if self.panel is None:
            return None
        try:
            bookmark = self.new_bookmark()
        except NotesError as exc:
            self._status(str(exc))
            return None
        if bookmark is None:
            self._status(self.tr("请先打开一篇文章。"))
            return None
        citation = cite(bookmark, self.article_of)
        draft = bookmark
        while True:
            dialog = NoteEditorDialog(draft, citation, self.panel.known_tags(), self.window)
            if dialog.exec() != NoteEditorDialog.DialogCode.Accepted:
                return None
            draft = dialog.bookmark()
            saved = self.panel.add_bookmark(draft)
            if saved is not None:
                self._status(self.tr("已添加书签 #{id}").format(id=saved.id))
                return saved
            # Not saved (the reason was shown): the editor opens again with what was
            # typed, so that a full disk or a lost server loses no note.

    def bookmark_insight(self, snapshot: object, parent: QWidget | None = None) -> Bookmark | None:
        """Keep an insight view (a series and its chart, or a project's story) as a
        bookmark: the note editor opens on it first, as for Ctrl+D."""
        if self.panel is None or not isinstance(snapshot, Snapshot):
            if self.panel is None:
                self._status(self.tr("笔记库无法打开，不能添加书签。"))
            return None
        draft = insight_bookmark(snapshot)
        citation = cite(draft, self.article_of)
        while True:
            dialog = NoteEditorDialog(
                draft, citation, self.panel.known_tags(), parent or self.window
            )
            self.last_editor = dialog  # for tests
            if dialog.exec() != NoteEditorDialog.DialogCode.Accepted:
                return None
            draft = dialog.bookmark()
            saved = self.panel.add_bookmark(draft)
            if saved is not None:
                self._status(self.tr("已添加书签 #{id}").format(id=saved.id))
                return saved

    def open_insight(self, view: str, subject: str) -> None:
        """Open the view an insight bookmark was made in."""
        self.window.insight.open_snapshot(view, subject)

    # Ctrl+E

    def export(self, article_id: str = "") -> None:
        """Ctrl+E: the export dialog (from the tree: with one article's notes chosen)."""
        if self.panel is None or self.store is None:
            return
        dialog = ExportDialog(
            self.store,
            self.article_of,
            self.panel.selected_ids(),
            self.export_folder,
            self.window,
            runner=self.window.background,
            settings=self.window.settings,
        )
        dialog.exported.connect(self._exported)
        if article_id:
            index = dialog.article_combo.findData(article_id)
            if index >= 0:
                dialog.article_radio.setChecked(True)
                dialog.article_combo.setCurrentIndex(index)
        self.last_dialog = dialog  # for tests
        dialog.exec()

    def _exported(self, path: str, count: int, replaced: int = 0) -> None:
        self.export_folder = Path(path).parent
        message = self.tr("已导出 {n} 个书签到 {path}").format(n=count, path=path)
        if replaced:
            message += self.tr("；{k} 个该格式无法保存的字符（控制字符等）已替换为 U+FFFD").format(
                k=replaced
            )
        self._status(message)

    # Marks in the reader

    def mark_bookmarks(self, *_args: object) -> None:
        """Underline the bookmarked passages of the article in the reader."""
        article = self.window.current_article
        if self.store is None or article is None:
            return
        spans = [
            (b.anchor.start, b.anchor.end)
            for b in self.store.bookmarks(article_id=article.id)
            if b.anchor is not None
            and not b.is_detached
            and b.kind not in (TargetKind.SECTION, TargetKind.ARTICLE)
        ]
        self.window.reader.set_bookmark_spans(spans)

    # Opening

    def open_bookmark(self, article_id: str, start: int, end: int) -> None:
        """Open a bookmark's article at its passage and keep the passage highlighted."""
        if start < 0:
            self.window.open_article(article_id)
            return
        if self.window.open_article(article_id, start, end):
            self.window.reader.focus_spans([(start, end)], scroll=False)
