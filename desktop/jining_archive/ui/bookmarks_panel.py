"""The Bookmarks panel: every bookmark, grouped by article or by tag, searchable.

Above the list: a search field (filtering as you type, debounced) and the
grouping. Below it: the selected bookmark's citation and note (Markdown shown
as rich text; nothing is loaded from outside). Clicking a bookmark asks the
window to open the article at the passage. Edit, retag and delete go through a
QUndoStack, so each can be undone.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelection,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QTextDocument, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from jining_archive.documents.model import Article
from jining_archive.notes.model import Bookmark
from jining_archive.notes.store import NotesError, NoteStore
from jining_archive.notes.targets import Citation, cite
from jining_archive.ui.bookmark_commands import (
    AddBookmarkCommand,
    DeleteBookmarksCommand,
    EditBookmarkCommand,
)
from jining_archive.ui.bookmarks_model import (
    BOOKMARK_ID_ROLE,
    NOTE_COLUMN,
    TAGS_COLUMN,
    TITLE_COLUMN,
    BookmarkFilterProxy,
    BookmarksModel,
    Grouping,
)
from jining_archive.ui.note_editor import NoteEditorDialog

SEARCH_DELAY_MS = 200
_MARKDOWN_AS_TEXT = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML
)


class _NotePreview(QTextBrowser):
    """Rich text view of a note that never loads images, links or style sheets."""

    def loadResource(self, type: int, name: QUrl | str) -> object:
        """Refuse every resource a note could name."""
        return None

    def setSource(self, name: QUrl | str, type: object = None) -> None:
        """Never navigate."""


class BookmarksPanel(QWidget):
    """The list of bookmarks; see the module docstring.

    Signals:
        openRequested(str, int, int): open this article at these offsets (-1, -1: the top).
        insightRequested(str, str): open an insight bookmark's view (series or story)
            on its subject (a measure or a project's name).
        bookmarksChanged(): bookmarks were added, edited, deleted, undone or redone.
        messageRequested(str): a short message for the status bar.
    """

    openRequested = Signal(str, int, int)
    insightRequested = Signal(str, str)
    bookmarksChanged = Signal()
    messageRequested = Signal(str)

    def __init__(
        self,
        store: NoteStore,
        article_of: Callable[[str], Article | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarksPanel")
        self.store = store
        self.article_of = article_of
        self.undo_stack = QUndoStack(self)
        self.model = BookmarksModel(self._article_title, self)
        self.proxy = BookmarkFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("bookmarkSearch")
        self.search_field.setClearButtonEnabled(True)
        self.group_combo = QComboBox(self)
        self.group_combo.setObjectName("bookmarkGrouping")
        self.group_combo.addItem("", Grouping.ARTICLE.value)
        self.group_combo.addItem("", Grouping.TAG.value)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        self.view = QTreeView(self)
        self.view.setObjectName("bookmarkTree")
        self.view.setModel(self.proxy)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformRowHeights(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TAGS_COLUMN, QHeaderView.ResizeMode.Interactive)

        self.preview = _NotePreview(self)
        self.preview.setObjectName("bookmarkPreview")
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("bookmarkEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.edit_action = QAction(self)
        self.edit_action.triggered.connect(self.edit_selected)
        self.delete_action = QAction(self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        # On a team server: share a note with the group, or make one's own private again.
        self.share_action = QAction(self)
        self.share_action.setCheckable(True)
        self.share_action.triggered.connect(self.share_selected)
        # Plain actions, worded here: QUndoStack's own keep the language they were made in.
        self.undo_action = QAction(self)
        self.undo_action.triggered.connect(self.undo_stack.undo)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.redo_action = QAction(self)
        self.redo_action.triggered.connect(self.undo_stack.redo)
        self.redo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        self.redo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for action in (self.edit_action, self.delete_action, self.undo_action, self.redo_action):
            self.addAction(action)
        self.undo_stack.indexChanged.connect(self._update_undo_actions)
        self.undo_stack.cleanChanged.connect(self._update_undo_actions)
        self._update_undo_actions()
        self.edit_button = self._button(self.edit_action, "bookmarkEdit")
        self.delete_button = self._button(self.delete_action, "bookmarkDelete")
        self.undo_button = self._button(self.undo_action, "bookmarkUndo")
        self.redo_button = self._button(self.redo_action, "bookmarkRedo")

        top = QHBoxLayout()
        top.addWidget(self.search_field, 1)
        top.addWidget(self.group_combo)
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.delete_button, self.undo_button, self.redo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        list_page = QWidget(self)
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.view, 1)
        list_layout.addWidget(self.empty_label, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(list_page)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)

        self.search_field.textChanged.connect(lambda _t: self._search_timer.start())
        self._search_timer.timeout.connect(self._apply_search)
        self.group_combo.currentIndexChanged.connect(self._grouping_changed)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.copy_action = QAction(self)
        self.copy_action.triggered.connect(self.copy_selected)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.context_menu: QMenu | None = None
        #: The citation style for copies (the window sets it to the remembered choice).
        self.citation_style: Callable[[], str] = lambda: "app"
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.retranslate()
        self.refresh()

    def _button(self, action: QAction, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _article_title(self, article_id: str) -> str:
        article = self.article_of(article_id)
        return article.title if article else article_id

    # Content

    def refresh(self) -> None:
        """Reload the bookmarks from the store, keeping the selection where possible."""
        keep = self.selected_ids()
        self.model.set_bookmarks(self.store.bookmarks())
        self.view.expandToDepth(0)
        self._update_empty()
        if keep:
            self.select_bookmarks(keep)
        else:
            self._show_preview(None)
        self._update_actions()

    def _update_empty(self) -> None:
        empty = len(self.model.bookmarks()) == 0
        self.empty_label.setVisible(empty)
        self.view.setVisible(not empty)

    def _changed(self) -> None:
        self.refresh()
        self.bookmarksChanged.emit()

    def _error(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("书签"), message)

    def citation(self, bookmark: Bookmark) -> Citation:
        """The citation of a bookmark, from the library's articles."""
        return cite(bookmark, self.article_of)

    # Selection

    def selected_ids(self) -> list[int]:
        """Ids of the selected bookmarks (each once, in list order)."""
        ids: list[int] = []
        for index in self.view.selectionModel().selectedRows(TITLE_COLUMN):
            value = index.data(BOOKMARK_ID_ROLE)
            if value is not None and value not in ids:
                ids.append(int(value))
        return ids

    def select_bookmarks(self, ids: list[int]) -> None:
        """Select these bookmarks in the list (the first one current)."""
        selection = self.view.selectionModel()
        selection.clearSelection()
        first: QModelIndex | None = None
        for bookmark_id in ids:
            for source in self.model.indexes_of(bookmark_id):
                index = self.proxy.mapFromSource(source)
                if not index.isValid():
                    continue
                selection.select(
                    index,
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )
                if first is None:
                    first = index
        if first is not None:
            self.view.scrollTo(first)
            selection.setCurrentIndex(first, selection.SelectionFlag.NoUpdate)
        self._selection_changed(QItemSelection(), QItemSelection())

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        ids = self.selected_ids()
        bookmark = None
        if len(ids) == 1:
            bookmark = next((b for b in self.model.bookmarks() if b.id == ids[0]), None)
        self._show_preview(bookmark)
        self._update_actions()

    def _update_actions(self) -> None:
        ids = self.selected_ids()
        self.edit_action.setEnabled(len(ids) == 1)
        self.delete_action.setEnabled(bool(ids))

    def _show_preview(self, bookmark: Bookmark | None) -> None:
        if bookmark is None:
            self.preview.clear()
            return
        c = self.citation(bookmark)
        document = QTextDocument(self.preview)
        # Markdown without its HTML: a note's "<script>" or "<b>" is shown as typed.
        document.setMarkdown(bookmark.note or "", _MARKDOWN_AS_TEXT)
        note_html = document.toHtml() if bookmark.note else ""
        quote = f"<blockquote>“{_escape(c.quote)}”</blockquote>" if c.quote else ""
        if c.snapshot is not None:
            quote = _snapshot_html(c)
        warn = ""
        if bookmark.is_detached:
            warn = "<p><b>⚠ {}</b></p>".format(
                _escape(self.tr("原文已改动，未能重新定位此书签；引文为书签时的原文。"))
            )
        tags = ""
        if bookmark.tags:
            tags = "<p>{}{}</p>".format(
                _escape(self.tr("标签:")), _escape("、".join(bookmark.tags))
            )
        self.preview.setHtml(
            f"<p><small>{_escape(c.reference())}</small></p>{warn}{quote}{tags}"
            f"<hr>{_body_of(note_html)}"
        )

    def _clicked(self, index: QModelIndex) -> None:
        bookmark_id = index.data(BOOKMARK_ID_ROLE)
        if bookmark_id is None:
            return
        bookmark = next((b for b in self.model.bookmarks() if b.id == bookmark_id), None)
        if bookmark is None:
            return
        if bookmark.snapshot is not None:
            self.insightRequested.emit(bookmark.snapshot.view, bookmark.snapshot.subject)
            return
        if bookmark.anchor is None or bookmark.is_detached:
            self.openRequested.emit(bookmark.article_id, -1, -1)
            if bookmark.is_detached:
                self.messageRequested.emit(self.tr("此书签的原文已改动,只能打开文章开头。"))
        else:
            self.openRequested.emit(bookmark.article_id, bookmark.anchor.start, bookmark.anchor.end)

    # Search and grouping

    def _apply_search(self) -> None:
        self.proxy.set_query(self.search_field.text())
        self.view.expandToDepth(0)

    def _grouping_changed(self, _index: int) -> None:
        keep = self.selected_ids()
        self.model.set_grouping(self.group_combo.currentData())
        self.view.expandToDepth(0)
        if keep:
            self.select_bookmarks(keep)

    # Changes (each one undoable)

    def add_bookmark(self, bookmark: Bookmark) -> Bookmark | None:
        """Save a new bookmark, select it and put the addition on the undo stack."""
        try:
            saved = self.store.add(bookmark)
        except NotesError as exc:
            self._error(str(exc))
            return None
        self.undo_stack.push(AddBookmarkCommand(self.store, saved, self._changed, self._error))
        self._changed()
        self.select_bookmarks([saved.id])
        return saved

    def apply_edit(self, before: Bookmark, after: Bookmark) -> Bookmark | None:
        """Save an edited bookmark (note, tags, kind, label) undoably."""
        try:
            saved = self.store.update(after)
        except NotesError as exc:
            self._error(str(exc))
            return None
        self.undo_stack.push(
            EditBookmarkCommand(self.store, before, saved, self._changed, self._error)
        )
        self._changed()
        return saved

    def copy_selected(self) -> None:
        """The selected bookmarks' quotes, each with its citation, on the clipboard."""
        texts = []
        for bookmark_id in self.selected_ids():
            try:
                bookmark = self.store.get(bookmark_id)
            except NotesError:  # deleted meanwhile (another window, another copy)
                continue
            texts.append(cite(bookmark, self.article_of).with_quote(self.citation_style()))
        clipboard = QGuiApplication.clipboard()
        if texts and clipboard is not None:
            clipboard.setText("\n\n".join(texts))

    def _menu(self, point: QPoint) -> None:
        """The list's context menu: edit, copy with citation, delete."""
        selected = bool(self.selected_ids())
        menu = QMenu(self.view)
        for action in (self.edit_action, self.copy_action, self.delete_action):
            action.setEnabled(selected)
            menu.addAction(action)
        ids = self.selected_ids()
        if self.store.can_share and len(ids) == 1:
            try:
                owner, shared = self.store.sharing(ids[0])
            except NotesError:
                owner, shared = "", False
            self.share_action.setChecked(shared)
            # Only its owner makes a shared note private again.
            self.share_action.setEnabled(not shared or owner == self.store.member)
            menu.addSeparator()
            menu.addAction(self.share_action)
        self.context_menu = menu
        menu.popup(self.view.viewport().mapToGlobal(point))

    def share_selected(self, shared: bool) -> None:
        """Share the selected note with the team (checked) or make it private."""
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        try:
            self.store.share(ids[0], shared)
        except NotesError as exc:
            self._error(str(exc))
            return
        self.refresh()

    def edit_selected(self) -> None:
        """Open the note editor on the selected bookmark."""
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        try:
            before = self.store.get(ids[0])
        except NotesError as exc:
            self._error(str(exc))
            return
        draft = before
        while True:  # a save that fails (the reason was shown) opens the editor again
            dialog = NoteEditorDialog(draft, self.citation(before), self.known_tags(), self)
            if dialog.exec() != NoteEditorDialog.DialogCode.Accepted:
                return
            draft = dialog.bookmark()
            if draft == before or self.apply_edit(before, draft) is not None:
                return

    def delete_selected(self) -> None:
        """Delete the selected bookmarks (undoable, so no confirmation is asked)."""
        ids = self.selected_ids()
        if not ids:
            return
        try:
            removed = self.store.remove(ids)
        except NotesError as exc:
            self._error(str(exc))
            return
        self.undo_stack.push(
            DeleteBookmarksCommand(self.store, removed, self._changed, self._error)
        )
        self._changed()
        self.messageRequested.emit(self.tr("已删除 {n} 个书签(可撤销)").format(n=len(removed)))

    def known_tags(self) -> list[str]:
        """Every tag in use."""
        return [name for name, _count in self.store.tags()]

    # Language

    def retranslate(self) -> None:
        """Set every visible string in the interface language."""
        self.search_field.setPlaceholderText(self.tr("搜索书签、引文、笔记、标签"))
        self.group_combo.setItemText(0, self.tr("按文章"))
        self.group_combo.setItemText(1, self.tr("按标签"))
        self.edit_action.setText(self.tr("编辑"))
        self.delete_action.setText(self.tr("删除"))
        self.copy_action.setText(self.tr("复制引文和出处"))
        self.share_action.setText(self.tr("与团队共享"))
        self._update_undo_actions()
        self.empty_label.setText(self.tr("还没有书签。在阅读时选中一段文字,按 Ctrl+D 添加书签。"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)

    def _update_undo_actions(self, *_args: object) -> None:
        """Undo / Redo enabled as the stack allows, named with its command, in the
        current language ("撤销 删除书签", "Undo Delete bookmark")."""
        stack = self.undo_stack
        index = stack.index()
        for action, word, command in (
            (self.undo_action, self.tr("撤销"), stack.command(index - 1) if index > 0 else None),
            (self.redo_action, self.tr("重做"), stack.command(index)),
        ):
            name = getattr(command, "source_text", "") if command is not None else ""
            action.setEnabled(command is not None)
            action.setText(f"{word} {QCoreApplication.translate('BookmarksPanel', name)}"
                           if name else word)  # fmt: skip

    def changeEvent(self, event: QEvent) -> None:
        """Follow a change of the interface language."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _body_of(html_document: str) -> str:
    """The inside of <body> of a Qt HTML document (so it can be embedded)."""
    start = html_document.find("<body")
    if start < 0:
        return html_document
    start = html_document.find(">", start) + 1
    end = html_document.rfind("</body>")
    return html_document[start : end if end >= 0 else None]


#: Rows of an insight's table shown in the preview (the exports have them all).
PREVIEW_ROWS = 30


def _snapshot_html(c: Citation) -> str:
    """An insight's table (its first rows) and the articles it cites, as preview HTML."""
    snapshot = c.snapshot
    if snapshot is None:
        return ""
    head = "".join(f"<th>{_escape(name)}</th>" for name in snapshot.columns)
    body = []
    for row in snapshot.rows[:PREVIEW_ROWS]:
        cells = "".join(f"<td>{_escape(cell)}</td>" for cell in row.cells)
        number = c.source_number(row.article_id)
        body.append(f"<tr>{cells}<td>{f'[{number}]' if number else ''}</td></tr>")
    more = len(snapshot.rows) - PREVIEW_ROWS + snapshot.omitted
    rest = ""
    if more > 0:
        rest = QCoreApplication.translate("BookmarksPanel", "…另有 {n} 行").format(n=more)
        rest = f"<p>{_escape(rest)}</p>"
    chart = ""
    if snapshot.image_png:
        chart = QCoreApplication.translate("BookmarksPanel", "（含图表，导出时一并输出）")
        chart = f"<p>{_escape(chart)}</p>"
    source_head = _escape(QCoreApplication.translate("BookmarksPanel", "出处"))
    sources = "".join(f"<li>{_escape(s.reference())}</li>" for s in c.sources)
    return (
        f"<p><b>{_escape(snapshot.title)}</b></p>{chart}"
        f'<table border="1" cellspacing="0" cellpadding="2">'
        f"<tr>{head}<th>{source_head}</th></tr>"
        f"{''.join(body)}</table>{rest}<ol>{sources}</ol>"
    )
