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
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, QTimer
from PySide6.QtWidgets import QMessageBox

from jining_archive.documents.model import Article
from jining_archive.notes.anchors import section_at
from jining_archive.notes.model import Bookmark, TargetKind
from jining_archive.notes.store import NotesError, NoteStore
from jining_archive.notes.targets import (
    article_bookmark,
    cite,
    passage_bookmark,
    section_bookmark,
)
from jining_archive.ui.bookmarks_panel import BookmarksPanel
from jining_archive.ui.export_dialog import ExportDialog
from jining_archive.ui.note_editor import NoteEditorDialog

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
        self.panel: BookmarksPanel | None = None
        self.export_folder: Path | None = None
        try:
            self.store = store or NoteStore()
        except NotesError as exc:
            message = str(exc)
            QTimer.singleShot(0, lambda: self._warn(message))
            return
        detached = 0
        try:
            detached = self.store.reconcile(self.library.articles).detached
        except NotesError as exc:
            self.store.messages.append(str(exc))
        self.panel = BookmarksPanel(self.store, self.article_of, window)
        window.left_tabs.addTab(self.panel, self.tr("书签"))
        self.panel.installEventFilter(self)
        self.panel.openRequested.connect(self.open_bookmark)
        self.panel.messageRequested.connect(self._status)
        window.bookmark_action.triggered.connect(self.bookmark_here)
        window.bookmark_action.setEnabled(True)
        window.export_action.triggered.connect(self.export)
        window.export_action.setEnabled(True)
        window.articleOpened.connect(self.mark_bookmarks)
        self.panel.bookmarksChanged.connect(self.mark_bookmarks)
        app = QCoreApplication.instance()
        if app is not None:  # closing folds the write-ahead log back into the one file
            app.aboutToQuit.connect(self.store.close)
        for message in self.store.messages:
            QTimer.singleShot(0, lambda m=message: self._warn(m))
        if detached:
            self._status(
                self.tr("{n} 个书签的原文已改动且未能重新定位,已标为“未定位”。").format(n=detached)
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Rename the Bookmarks tab when the interface language changes."""
        if watched is self.panel and event.type() == QEvent.Type.LanguageChange:
            tabs = self.window.left_tabs
            tabs.setTabText(tabs.indexOf(self.panel), self.tr("书签"))
        return False

    def article_of(self, article_id: str) -> Article | None:
        """The library's article with this id, or None."""
        return self.library.article(article_id) if article_id in self.library else None

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self.window, self.tr("书签与笔记"), message)

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
        dialog = NoteEditorDialog(
            bookmark, cite(bookmark, self.article_of), self.panel.known_tags(), self.window
        )
        if dialog.exec() != NoteEditorDialog.DialogCode.Accepted:
            return None
        saved = self.panel.add_bookmark(dialog.bookmark())
        if saved is not None:
            self._status(self.tr("已添加书签 #{id}").format(id=saved.id))
        return saved

    # Ctrl+E

    def export(self) -> None:
        """Ctrl+E: the export dialog."""
        if self.panel is None or self.store is None:
            return
        dialog = ExportDialog(
            self.store,
            self.article_of,
            self.panel.selected_ids(),
            self.export_folder,
            self.window,
            runner=self.window.background,
        )
        dialog.exported.connect(self._exported)
        dialog.exec()

    def _exported(self, path: str, count: int) -> None:
        self.export_folder = Path(path).parent
        self._status(self.tr("已导出 {n} 个书签到 {path}").format(n=count, path=path))

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
