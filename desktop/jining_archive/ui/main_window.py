"""The main window: tree left, reader centre, side panel right, search field on top.

Hooks for the notes feature (bookmarks and export are built separately):

- ``MainWindow.bookmark_action`` (Ctrl+D) and ``MainWindow.export_action``
  (Ctrl+E) are QActions on the window, disabled until a feature connects its
  handler to ``triggered`` and enables them;
- ``MainWindow.current_selection()`` gives ``(article_id, start, end)`` of the
  selected passage (article offsets) or None;
- ``MainWindow.open_article(article_id, start=None, end=None)`` opens an article
  and, with offsets, scrolls to the passage and flashes it.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPoint,
    QSignalBlocker,
    QSize,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QTabWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from jining_archive import paths
from jining_archive.documents.model import Article
from jining_archive.library import Library, UnknownArticleError
from jining_archive.ui import settings as opts
from jining_archive.ui import tree_model
from jining_archive.ui.annotations import Annotations
from jining_archive.ui.archive_controller import ArchiveController
from jining_archive.ui.dates import estimate_reason, estimated_date, format_date
from jining_archive.ui.export_errors import describe_export_error
from jining_archive.ui.find_bar import FindBar
from jining_archive.ui.help_dialogs import AboutDialog, ShortcutsDialog
from jining_archive.ui.highlights import set_problem_style
from jining_archive.ui.history import History, Place
from jining_archive.ui.i18n import LANGUAGES, LanguageSwitcher
from jining_archive.ui.import_summary import plain_tooltip
from jining_archive.ui.insight_controller import InsightController
from jining_archive.ui.mark_tips import with_tips
from jining_archive.ui.notes_controller import NotesController
from jining_archive.ui.printing import a4_printer, print_document, printable
from jining_archive.ui.reader import LAYERS, MIN_MEASURE, READING_MEASURE, MarkKind, ReaderView
from jining_archive.ui.reference_export import ReferenceExporter
from jining_archive.ui.results_exporter import ResultsExporter
from jining_archive.ui.results_model import ARTICLE_ID_ROLE as HIT_ARTICLE_ID_ROLE
from jining_archive.ui.results_model import IS_GROUP_ROLE as HIT_IS_GROUP_ROLE
from jining_archive.ui.results_model import START_ROLE as HIT_START_ROLE
from jining_archive.ui.results_model import SearchResultsModel
from jining_archive.ui.results_view import ResultsView
from jining_archive.ui.search_controller import (
    Match,
    QueryProblem,
    SearchController,
    matches_in_order,
)
from jining_archive.ui.search_filters import (
    SearchFilters,
    recent_completer,
    remember,
    with_filters,
)
from jining_archive.ui.settings import Settings
from jining_archive.ui.side_panel import SidePanel
from jining_archive.ui.status import TaskStatus
from jining_archive.ui.tasks import TaskContext, TaskRunner
from jining_archive.ui.team import TeamServerSetting
from jining_archive.ui.team_members import TeamMembersAction
from jining_archive.ui.tree_model import ArchiveTreeModel

TREE_TAB = 0
RESULTS_TAB = 1
DEFAULT_SPLITTER = [300, 760, 380]
BACKGROUND_SWITCH_INTERVAL = 0.001  # seconds; Python's default is 0.005


def safe_file_name(title: str, limit: int = 60) -> str:
    """A file name made from a title: no path separators or characters Windows refuses."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip(" .")
    return name[:limit].rstrip(" .") or "article"


class MainWindow(QMainWindow):
    """The archive window; see the module docstring.

    Signals:
        articleOpened(str): an article is shown in the reader.
        searchReady(): the index is built and the search field is enabled.
        annotationsReady(): figures and projects are available.
        searchFinished(int): the results of the newest query are shown (hit count).
        firstPainted(): the window was painted for the first time.
    """

    articleOpened = Signal(str)
    searchReady = Signal()
    searchUnavailable = Signal(str)  # the index could not be built: why
    annotationsReady = Signal()
    searchFinished = Signal(int)
    firstPainted = Signal()

    def __init__(
        self,
        library: Library,
        settings: Settings | None = None,
        languages: LanguageSwitcher | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.library = library
        self.settings = settings or Settings()
        self.languages = languages
        self.annotations: Annotations | None = None
        self.current_article: Article | None = None
        self._syncing_tree = False
        self._painted = False
        self.history = History()
        self._navigating = False  # going back or forward: not a new jump
        self._query_restored = False
        self.reader_menu: QMenu | None = None
        self.results_menu: QMenu | None = None
        self._matches: list[Match] = []
        self._match_index = -1
        self._open_first_hit = False
        self._search_message = ""
        self._search_ready = False
        self._index_task_failed = ""
        self._annotation_task_failed = ""
        self._saved_switch_interval: float | None = None
        self._background_left = 0
        self._reprocessed = 0

        self.background = TaskRunner(parent=self)
        self.index_writer = TaskRunner(max_threads=1, parent=self)
        self.search = SearchController(self._run_query, parent=self)
        self._results_keep_tab = False  # see _query_changed

        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._connect()
        self.retranslate()
        self.tree_model.set_articles(library.articles)
        self.tree_view.expandToDepth(0)
        self.notes = NotesController(self)  # bookmarks tab, Ctrl+D, Ctrl+E
        self.archive = ArchiveController(self)  # import, remove, edit details
        self.references = ReferenceExporter(self)  # File → 导出文章引用…
        self.results_export = ResultsExporter(self)  # File → 导出搜索结果…
        self.team_server = TeamServerSetting(self)  # File → 团队服务器…
        self.team_members = TeamMembersAction(self)  # File → 团队成员…
        self.archive.articlesChanged.connect(self._update_filter_lists)
        self._restore_state()

    # Construction

    def _build_widgets(self) -> None:
        self.tree_model = ArchiveTreeModel(self)
        self.tree_view = QTreeView(self)
        self.tree_view.setObjectName("archiveTree")
        self.tree_view.setModel(self.tree_model)
        self.tree_view.setUniformRowHeights(True)
        self.tree_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree_view.setWordWrap(False)
        self.tree_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(tree_model.TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        # A fixed width for the widest date ("约 2024-12-31"): sizing the column to its
        # contents would ask every row of a large archive for its text at start-up.
        header.setSectionResizeMode(tree_model.DATE_COLUMN, QHeaderView.ResizeMode.Fixed)
        metrics = self.tree_view.fontMetrics()
        header.resizeSection(
            tree_model.DATE_COLUMN, metrics.horizontalAdvance("约 2024-12-31") + 16
        )

        self.results_model = SearchResultsModel(self)
        self.results_view = ResultsView(self)
        self.results_view.setModel(self.results_model)
        self.results_label = QLabel(self)
        self.results_label.setObjectName("resultsCount")
        self.results_label.setTextFormat(Qt.TextFormat.PlainText)
        self.results_label.setWordWrap(True)
        results_page = QWidget(self)
        layout = QVBoxLayout(results_page)
        layout.setContentsMargins(4, 4, 4, 4)
        self.search_filters = SearchFilters(results_page)
        layout.addWidget(self.search_filters)
        self.results_header = QHBoxLayout()  # the count, and the export button beside it
        self.results_header.addWidget(self.results_label, 1)
        layout.addLayout(self.results_header)
        layout.addWidget(self.results_view, 1)

        self.left_tabs = QTabWidget(self)
        self.left_tabs.setObjectName("leftTabs")
        self.left_tabs.setDocumentMode(True)
        self.left_tabs.addTab(self.tree_view, "")
        self.left_tabs.addTab(results_page, "")

        self.reader = ReaderView(self)
        self.reader.setMinimumWidth(200)  # its real floor is MIN_MEASURE, see _fit_reader
        self.reader.viewport().installEventFilter(self)
        self.side_panel = SidePanel(self)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left_tabs)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        reader_page = QWidget(self)
        reader_layout = QVBoxLayout(reader_page)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.setSpacing(0)
        reader_layout.addWidget(self.reader, 1)
        reader_layout.addWidget(self.find_bar)
        self.splitter.addWidget(reader_page)
        self.splitter.addWidget(self.side_panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setChildrenCollapsible(True)
        self.splitter.setSizes(DEFAULT_SPLITTER)
        #: Panes the window folded away to keep the reader readable, with their widths.
        self._folded: dict[int, int] = {}
        self.splitter.splitterMoved.connect(lambda *_: self._folded.clear())
        self.setCentralWidget(self.splitter)

        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("searchField")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setEnabled(False)
        self.search_field.setMinimumWidth(320)
        self.recent_completer = recent_completer(self.search_field)
        model = self.recent_completer.model()
        if isinstance(model, QStringListModel):
            model.setStringList(self.recent_queries())
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

        self.status = TaskStatus(self)
        self.setStatusBar(self.status)
        icon_path = self._icon_path()
        if icon_path:
            self.setWindowIcon(QIcon(icon_path))

    @staticmethod
    def _icon_path() -> str:
        icon = paths.resources_dir() / "icons" / "jining-archive.svg"
        return str(icon) if icon.is_file() else ""

    def _action(self, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.addAction(action)  # shortcuts work in reading mode too
        return action

    def _build_actions(self) -> None:
        self.find_action = self._action("Ctrl+Shift+F")
        self.find_in_article_action = self._action(QKeySequence(QKeySequence.StandardKey.Find))
        self.next_match_action = self._action("F3")
        self.previous_match_action = self._action("Shift+F3")
        self.bookmark_action = self._action("Ctrl+D")
        self.bookmark_action.setObjectName("bookmarkAction")
        self.bookmark_action.setEnabled(False)
        self.export_action = self._action("Ctrl+E")
        self.export_action.setObjectName("exportAction")
        self.export_action.setEnabled(False)
        self.print_action = self._action(QKeySequence(QKeySequence.StandardKey.Print))
        self.pdf_action = self._action()
        self.quit_action = self._action("Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.reading_mode_action = self._action("F11")
        self.reading_mode_action.setCheckable(True)
        self.leave_reading_action = self._action("Escape")  # not in a menu: Esc leaves F11
        self.leave_reading_action.setEnabled(False)
        self.zoom_in_action = self._action()
        self.zoom_in_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn),
                                          QKeySequence("Ctrl+=")])  # fmt: skip
        self.zoom_out_action = self._action(QKeySequence(QKeySequence.StandardKey.ZoomOut))
        self.zoom_reset_action = self._action("Ctrl+0")
        self.copy_cited_action = self._action("Ctrl+Shift+C")
        self.back_action = self._action(QKeySequence(QKeySequence.StandardKey.Back))
        self.back_action.setEnabled(False)
        self.forward_action = self._action(QKeySequence(QKeySequence.StandardKey.Forward))
        self.forward_action.setEnabled(False)
        self.search_selection_action = QAction(self)
        self.show_in_panel_action = QAction(self)
        self.caret_action = self._action("F7")
        self.caret_action.setCheckable(True)
        self.layer_actions: dict[str, QAction] = {}
        for layer in LAYERS:
            action = QAction(self)
            action.setCheckable(True)
            action.setChecked(True)
            action.setData(layer)
            self.layer_actions[layer] = action
        self.show_tree_action = self._action()
        self.show_tree_action.setCheckable(True)
        self.show_tree_action.setChecked(True)
        self.show_panel_action = self._action()
        self.show_panel_action.setCheckable(True)
        self.show_panel_action.setChecked(True)
        self.whole_article_action = self._action()
        self.insight = InsightController(self)
        self.about_action = self._action()
        self.shortcuts_action = self._action()
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, self.language_group)  # each name in its own language
            action.setCheckable(True)
            action.setData(code)
            self.language_actions[code] = action
        current = self.languages.current if self.languages else "zh_CN"
        if current in self.language_actions:
            self.language_actions[current].setChecked(True)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.export_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.print_action)
        self.file_menu.addAction(self.pdf_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addAction(self.find_in_article_action)
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addAction(self.next_match_action)
        self.edit_menu.addAction(self.previous_match_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.copy_cited_action)
        self.edit_menu.addAction(self.bookmark_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.addAction(self.back_action)
        self.view_menu.addAction(self.forward_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.reading_mode_action)
        self.view_menu.addAction(self.zoom_in_action)
        self.view_menu.addAction(self.zoom_out_action)
        self.view_menu.addAction(self.zoom_reset_action)
        self.view_menu.addAction(self.caret_action)
        self.highlights_menu = self.view_menu.addMenu("")
        for action in self.layer_actions.values():
            self.highlights_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.show_tree_action)
        self.view_menu.addAction(self.show_panel_action)
        self.view_menu.addAction(self.whole_article_action)
        self.view_menu.addAction(self.insight.action)
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)

        self.toolbar.addAction(self.back_action)
        self.toolbar.addAction(self.forward_action)
        self.search_label = QLabel(self)
        self.toolbar.addWidget(self.search_label)
        self.toolbar.addWidget(self.search_field)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.previous_match_action)
        self.toolbar.addAction(self.next_match_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.reading_mode_action)

    def _connect(self) -> None:
        self.tree_view.selectionModel().selectionChanged.connect(self._tree_selection_changed)
        self.search_field.textChanged.connect(self._query_changed)
        self.search_filters.changed.connect(self._query_changed)
        self.search_field.returnPressed.connect(self._search_return)
        self.search.resultsReady.connect(self._show_results)
        self.search.queryFailed.connect(self._show_query_problem)
        self.search.cleared.connect(self._clear_results)
        self.results_view.hitActivated.connect(self._hit_activated)
        self.reader.markClicked.connect(self._mark_clicked)
        self.side_panel.spansChosen.connect(self._spans_chosen)
        self.side_panel.articleRequested.connect(self._open_elsewhere)
        self.side_panel.storyRequested.connect(self.insight.open_story)
        self.side_panel.scopeCleared.connect(self._clear_scope)
        self.find_action.triggered.connect(self.focus_search)
        self.find_in_article_action.triggered.connect(self.find_in_article)
        self.find_bar.matchesChanged.connect(self._find_matches_changed)
        self.find_bar.currentChanged.connect(self._find_current_changed)
        self.find_bar.closed.connect(self.reader.setFocus)
        self.next_match_action.triggered.connect(self.next_match)
        self.previous_match_action.triggered.connect(self.previous_match)
        self.quit_action.triggered.connect(self.close)
        self.reading_mode_action.toggled.connect(self.set_reading_mode)
        self.leave_reading_action.triggered.connect(lambda: self.set_reading_mode(False))
        self.zoom_in_action.triggered.connect(self.reader.zoom_in)
        self.zoom_out_action.triggered.connect(self.reader.zoom_out)
        self.zoom_reset_action.triggered.connect(self.reader.reset_zoom)
        self.reader.zoomChanged.connect(self._zoom_changed)
        self.caret_action.toggled.connect(self._caret_toggled)
        self.copy_cited_action.triggered.connect(self.copy_with_citation)
        self.print_action.triggered.connect(self.print_article)
        self.pdf_action.triggered.connect(lambda: self.save_pdf())
        self.back_action.triggered.connect(self.go_back)
        self.forward_action.triggered.connect(self.go_forward)
        self.search_selection_action.triggered.connect(self._search_selection)
        self.reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.reader.customContextMenuRequested.connect(self._reader_menu)
        self.results_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.results_view.customContextMenuRequested.connect(self._results_menu)
        for action in self.layer_actions.values():
            action.toggled.connect(self._layers_changed)
        self.show_tree_action.toggled.connect(self.left_tabs.setVisible)
        self.show_panel_action.toggled.connect(self.side_panel.setVisible)
        self.whole_article_action.triggered.connect(self._clear_scope)
        self.about_action.triggered.connect(self._about)
        self.shortcuts_action.triggered.connect(self._shortcuts)
        self.language_group.triggered.connect(self._language_chosen)
        self.status.cancelRequested.connect(self._cancel_background)

    # Language

    def retranslate(self) -> None:
        """Set every visible string in the current language."""
        self.setWindowTitle(self._title())
        self.left_tabs.setTabText(TREE_TAB, self.tr("目录"))
        self.left_tabs.setTabText(RESULTS_TAB, self.tr("搜索结果"))
        self.file_menu.setTitle(self.tr("文件(&F)"))
        self.edit_menu.setTitle(self.tr("编辑(&E)"))
        self.view_menu.setTitle(self.tr("视图(&V)"))
        self.help_menu.setTitle(self.tr("帮助(&H)"))
        self.language_menu.setTitle(self.tr("语言 / Language"))
        self.find_action.setText(self.tr("搜索全部文章(&S)"))
        self.find_action.setToolTip(self.tr("在全部文章中搜索 (Ctrl+Shift+F)"))
        self.find_in_article_action.setText(self.tr("在本文中查找(&F)"))
        self.find_bar.retranslate()
        self.search_filters.retranslate()
        self.next_match_action.setText(self.tr("下一处"))
        self.next_match_action.setToolTip(self.tr("下一处匹配 (F3)"))
        self.previous_match_action.setText(self.tr("上一处"))
        self.previous_match_action.setToolTip(self.tr("上一处匹配 (Shift+F3)"))
        self.bookmark_action.setText(self.tr("添加书签(&B)"))
        self.export_action.setText(self.tr("导出笔记(&X)…"))
        self.quit_action.setText(self.tr("退出(&Q)"))
        self.reading_mode_action.setText(self.tr("阅读模式"))
        self.reading_mode_action.setToolTip(self.tr("只显示正文 (F11)"))
        self.zoom_in_action.setText(self.tr("放大文字"))
        self.zoom_out_action.setText(self.tr("缩小文字"))
        self.zoom_reset_action.setText(self.tr("原始大小"))
        self.caret_action.setText(self.tr("光标浏览（用方向键选择文字）"))
        self.copy_cited_action.setText(self.tr("复制并附出处"))
        self.print_action.setText(self.tr("打印本文(&P)…"))
        self.pdf_action.setText(self.tr("将本文存为 PDF…"))
        self.back_action.setText(self.tr("后退"))
        self.back_action.setToolTip(self.tr("回到跳转前的位置 (Alt+←)"))
        self.forward_action.setText(self.tr("前进"))
        self.forward_action.setToolTip(self.tr("前进 (Alt+→)"))
        self.search_selection_action.setText(self.tr("在全部文章中搜索所选文字"))
        self.highlights_menu.setTitle(self.tr("高亮显示"))
        layer_names = {
            "figure": self.tr("数字"),
            "date": self.tr("日期"),
            "project": self.tr("项目"),
            "organization": self.tr("机构"),
            "search": self.tr("搜索匹配"),
        }
        for layer, action in self.layer_actions.items():
            action.setText(layer_names[layer])
        self.show_tree_action.setText(self.tr("显示目录"))
        self.show_panel_action.setText(self.tr("显示数字与项目栏"))
        self.whole_article_action.setText(self.tr("侧栏显示全文内容"))
        self.insight.retranslate()
        self.about_action.setText(self.tr("关于(&A)"))
        self.shortcuts_action.setText(self.tr("键盘快捷键(&K)"))
        self.search_label.setText(self.tr("搜索："))
        self.search_label.setBuddy(self.search_field)
        self._update_search_placeholder()
        self.tree_model.retranslate()
        self.results_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)
        self._update_results_label()
        self.status.retranslate()
        if self.current_article is not None:
            self.reader.set_meta_text(
                self._meta_text(self.current_article), self._meta_tip(self.current_article)
            )
        elif not self.library.articles:
            self.reader.show_placeholder(self.tr("资料库中没有文章。"))
        else:
            self.reader.show_placeholder(self.tr("请在左侧目录中选择一篇文章。"))

    def changeEvent(self, event: QEvent) -> None:
        """Follow language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _language_chosen(self, action: QAction) -> None:
        code = str(action.data())
        if self.languages is not None:
            code = self.languages.apply(code)
        self.settings.set(opts.LANGUAGE, code)

    def _title(self) -> str:
        app = self.tr("济宁高新区资料库")
        if self.current_article is None:
            return app
        return f"{self.current_article.title} — {app}"

    def _meta_text(self, article: Article) -> str:
        date = format_date(article.date)
        if article.date_estimated and date:
            date = estimated_date(date)
        parts = [p for p in (date, article.source) if p]
        return " · ".join(parts)

    def _meta_tip(self, article: Article) -> str:
        """Why the date is an estimate (the reader's hover text on the date line)."""
        if not (article.date_estimated and article.date):
            return ""
        return plain_tooltip(estimate_reason(article.date_note))

    def _update_search_placeholder(self) -> None:
        if self._search_ready:
            self.search_field.setPlaceholderText(
                self.tr('输入词语或片段，例如 小松、亿元、"产业园"')
            )
        elif self._index_task_failed:
            self.search_field.setPlaceholderText(self.tr("搜索不可用"))
        else:
            self.search_field.setPlaceholderText(self.tr("正在准备搜索……"))

    # Opening articles

    def open_article(
        self, article_id: str, start: int | None = None, end: int | None = None
    ) -> bool:
        """Show an article; with offsets, scroll to that passage and flash it.

        Returns False (with a message in the status bar) when the id is unknown.
        """
        try:
            article = self.library.article(article_id)
        except UnknownArticleError:
            self.status.show_message(self.tr("找不到文章 {id}").format(id=article_id))
            return False
        left = self.current_place()
        self._show_article(article)
        self._select_in_tree(article_id, None)
        if start is not None or left is None or left.article_id != article_id:
            self._record_jump(left, Place(article_id, start if start is not None else 0))
        if start is not None:
            end = start if end is None else end
            self.reader.scroll_to_offset(start, centre=True)
            if end > start:
                self.reader.flash(start, end)
        return True

    def _show_article(self, article: Article) -> None:
        if self.current_article is not None and self.current_article.id == article.id:
            return
        self.current_article = article
        marks = with_tips(self.annotations, article.id) if self.annotations else []
        self.reader.show_article(article, self._meta_text(article), marks, self._meta_tip(article))
        self.reader.set_matches(self._matches_for(article.id))
        if self.find_bar.isVisible():
            self.find_bar.set_article_text(article.text)
        self.side_panel.set_article(article.id)
        self.setWindowTitle(self._title())
        self.articleOpened.emit(article.id)
        if self.search_filters.follows_current_article() and self.search_field.text().strip():
            # "Current article only": the results follow the reader.
            self._query_changed(keep_tab=True)

    def _select_in_tree(self, article_id: str, section_id: str | None) -> None:
        index = (
            self.tree_model.section_index(article_id, section_id)
            if section_id
            else self.tree_model.article_index(article_id)
        )
        if not index.isValid():
            return
        self._syncing_tree = True
        try:
            self.tree_view.setCurrentIndex(index)
            self.tree_view.scrollTo(index)
        finally:
            self._syncing_tree = False

    def _tree_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        if self._syncing_tree:
            return
        indexes = selected.indexes()
        if not indexes:
            return
        self.show_tree_row(indexes[0])

    def show_tree_row(self, index: QModelIndex) -> None:
        """Open the article of a tree row and scroll to its section."""
        article_id = index.data(tree_model.ARTICLE_ID_ROLE)
        section_id = index.data(tree_model.SECTION_ID_ROLE)
        try:
            article = self.library.article(article_id)
        except UnknownArticleError:
            return
        self._show_article(article)
        if section_id:
            start = int(index.data(tree_model.OFFSET_ROLE))
            end = int(index.data(tree_model.END_OFFSET_ROLE))
            self.reader.scroll_to_offset(start)
            self.side_panel.set_scope((start, end), str(index.data()))
        else:
            self.reader.scroll_to_offset(0)
            self.side_panel.set_scope(None)

    def _clear_scope(self) -> None:
        self.side_panel.set_scope(None)
        if self.current_article is not None:
            self._select_in_tree(self.current_article.id, None)

    def current_selection(self) -> tuple[str, int, int] | None:
        """The selected passage as (article id, start, end) in article offsets, or None."""
        if self.current_article is None:
            return None
        span = self.reader.current_selection()
        if span is None:
            return None
        return self.current_article.id, span[0], span[1]

    # Side panel and reader highlights

    # History, copying, the reader's menu

    def current_place(self) -> Place | None:
        """The article on screen and the offset at the top of the reader."""
        if self.current_article is None:
            return None
        return Place(self.current_article.id, self.reader.top_offset() or 0)

    def _record_jump(self, left: Place | None, going_to: Place) -> None:
        if not self._navigating:
            self.history.record(left, going_to)
        self._update_history_actions()

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back)
        self.forward_action.setEnabled(self.history.can_go_forward)

    def go_back(self) -> None:
        """Alt+Left: back to where the reader was before the last jump."""
        self._go_to_place(self.history.back(self.current_place()))

    def go_forward(self) -> None:
        """Alt+Right: forward again after going back."""
        self._go_to_place(self.history.forward(self.current_place()))

    def _go_to_place(self, place: Place | None) -> None:
        if place is not None:
            self._navigating = True
            try:
                if self.open_article(place.article_id):
                    self.reader.scroll_to_offset(place.offset)
            finally:
                self._navigating = False
        self._update_history_actions()

    def _printable(self) -> QTextDocument | None:
        """The open article as printed: the reader's text and highlights, then its notes."""
        from jining_archive.notes.targets import cite

        article = self.current_article
        if article is None:
            self.status.show_message(self.tr("请先打开一篇文章"), 4000)
            return None
        store = self.notes.store
        bookmarks = store.bookmarks(article_id=article.id) if store is not None else []
        citations = [cite(b, self._article_or_none) for b in bookmarks]
        return printable(self.reader.document(), citations)

    def print_article(self) -> None:
        """Ctrl+P: print the open article with its highlights and notes."""
        document = self._printable()
        if document is None or self.current_article is None:
            return
        printer = a4_printer()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_document(document, printer, self.current_article.title)

    def save_pdf(self, target: Path | None = None) -> bool:
        """File → Save as PDF: the printed article as a PDF file (written whole, or not
        at all: a read-only file or a full disk leaves what was there)."""
        from jining_archive.notes.destination import ExportError, write_export

        document = self._printable()
        if document is None or self.current_article is None:
            return False
        if target is None:
            folder = self.notes.export_folder or Path.home()
            suggested = str(folder / f"{safe_file_name(self.current_article.title)}.pdf")
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("将本文存为 PDF"), suggested, self.tr("PDF 文件 (*.pdf)")
            )
            if not name:
                return False
            target = Path(name)
        with tempfile.TemporaryDirectory(prefix="jining-pdf-") as scratch:
            draft = Path(scratch) / "article.pdf"
            print_document(document, a4_printer(str(draft)), self.current_article.title)
            try:
                data = draft.read_bytes()
                written = write_export(target, data)
            except ExportError as exc:
                self.status.show_problem(
                    self.tr("无法保存 PDF：{reason}").format(reason=describe_export_error(exc))
                )
                return False
            except OSError as exc:
                self.status.show_problem(
                    self.tr("无法保存 PDF：{reason}").format(reason=exc.strerror or str(exc))
                )
                return False
        self.status.show_message(self.tr("已存为 {path}").format(path=str(written.path)), 6000)
        return True

    def copy_with_citation(self) -> None:
        """Ctrl+Shift+C: the selected passage and its citation on the clipboard."""
        from jining_archive.notes.targets import cite, passage_bookmark

        article = self.current_article
        selection = self.reader.current_selection()
        if article is None or selection is None:
            self.status.show_message(self.tr("请先选中要复制的文字"), 4000)
            return
        bookmark = passage_bookmark(article, *selection)
        citation = cite(bookmark, self._article_or_none)
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(citation.with_quote(self.settings.get(opts.CITATION_STYLE)))
        self.status.show_message(self.tr("已复制所选文字及出处"), 4000)

    def _article_or_none(self, article_id: str) -> Article | None:
        try:
            return self.library.article(article_id)
        except UnknownArticleError:
            return None

    def _search_selection(self) -> None:
        from jining_archive.search.query import phrase_query

        text = self.reader.textCursor().selectedText().replace("\u2029", " ").strip()
        if text:
            self.search_field.setText(phrase_query(text))
            self.search.run_now()

    def _reader_menu(self, pos: QPoint) -> None:
        """The reader's context menu: copy, copy with citation, bookmark, search for the
        selection, show the figure or project under the pointer in the side panel."""
        menu = QMenu(self.reader)
        selected = self.reader.textCursor().hasSelection()
        copy = menu.addAction(self.tr("复制"))
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setEnabled(selected)
        copy.triggered.connect(self.reader.copy)
        menu.addAction(self.copy_cited_action)
        self.copy_cited_action.setEnabled(selected)
        menu.addAction(self.bookmark_action)
        menu.addAction(self.search_selection_action)
        self.search_selection_action.setEnabled(selected and self._search_ready)
        mark = self.reader.mark_at(pos)
        if mark is not None:
            menu.addSeparator()
            kind, key = mark
            label = (
                self.tr("在侧栏中显示这个数字")
                if kind == MarkKind.FIGURE.value
                else self.tr("在侧栏中显示这个项目或机构")
            )
            show = menu.addAction(label)
            show.triggered.connect(lambda: self._mark_clicked(kind, key))
            project = self.annotations.entities.get(key) if self.annotations else None
            if kind == MarkKind.PROJECT.value and project is not None:
                story = menu.addAction(self.tr("查看这个项目的历程"))
                story.triggered.connect(lambda: self.insight.open_story(project.name))
        menu.addSeparator()
        select_all = menu.addAction(self.tr("全选"))
        select_all.triggered.connect(self.reader.selectAll)
        self.reader_menu = menu  # kept for tests; replaced by the next one
        menu.popup(self.reader.viewport().mapToGlobal(pos))
        menu.aboutToHide.connect(lambda: self.copy_cited_action.setEnabled(True))

    def _hit_passage(self, index: QModelIndex) -> tuple[Article, int, int] | None:
        """The article and the whole block of a hit row (None for an article row)."""
        if not index.isValid() or index.data(HIT_IS_GROUP_ROLE):
            return None
        article = self._article_or_none(str(index.data(HIT_ARTICLE_ID_ROLE)))
        start = int(index.data(HIT_START_ROLE))
        if article is None or start < 0:
            return None
        for block in article.blocks:
            if block.start <= start < block.end:
                return article, block.start, block.end
        return None

    def copy_hit(self, index: QModelIndex, with_citation: bool) -> None:
        """A hit's passage (the whole block) on the clipboard, with its citation if asked."""
        from jining_archive.notes.targets import cite, passage_bookmark

        found = self._hit_passage(index)
        clipboard = QGuiApplication.clipboard()
        if found is None or clipboard is None:
            return
        article, start, end = found
        if with_citation:
            citation = cite(passage_bookmark(article, start, end), self._article_or_none)
            clipboard.setText(citation.with_quote(self.settings.get(opts.CITATION_STYLE)))
        else:
            clipboard.setText(article.text[start:end])

    def _results_menu(self, point: QPoint) -> None:
        """The results list's context menu: open, copy, copy with citation."""
        index = self.results_view.indexAt(point)
        if not index.isValid():
            return
        menu = QMenu(self.results_view)
        open_hit = menu.addAction(self.tr("打开"))
        open_hit.triggered.connect(lambda: self._hit_activated(index))
        is_hit = self._hit_passage(index) is not None
        copy = menu.addAction(self.tr("复制这段文字"))
        copy.setEnabled(is_hit)
        copy.triggered.connect(lambda: self.copy_hit(index, False))
        cited = menu.addAction(self.tr("复制这段文字并附出处"))
        cited.setEnabled(is_hit)
        cited.triggered.connect(lambda: self.copy_hit(index, True))
        self.results_menu = menu
        menu.popup(self.results_view.viewport().mapToGlobal(point))

    def _mark_clicked(self, kind: str, key: str) -> None:
        if self.side_panel.isHidden():
            self.show_panel_action.setChecked(True)
        if kind == MarkKind.FIGURE.value:
            self.side_panel.select_figure(key, scroll_reader=False)
        else:
            self.side_panel.select_entity(key, scroll_reader=False)

    def _spans_chosen(
        self, spans: list[tuple[int, int]], _kind: str, _key: str, scroll: bool
    ) -> None:
        self.reader.focus_spans([(int(s), int(e)) for s, e in spans], scroll=scroll)

    def _open_elsewhere(self, article_id: str, start: int, end: int) -> None:
        self.open_article(article_id, start, end)

    # Search

    def _run_query(self, query: str, limit: int) -> Any:
        """Runs on the search worker thread; a malformed query becomes a QueryProblem."""
        from jining_archive.search import QuerySyntaxError  # Whoosh loads off the GUI thread

        try:
            return self.library.search(query, limit)
        except QuerySyntaxError as exc:
            return QueryProblem.of(exc)

    def find_in_article(self) -> None:
        """Ctrl+F: find in the open article (the bar under the reader)."""
        if self.current_article is None:
            return
        self.find_bar.set_article_text(self.current_article.text)
        selected = self.reader.textCursor().selectedText()
        self.find_bar.open_bar(selected)

    def _find_matches_changed(self, matches: list[tuple[int, int]]) -> None:
        """The bar's matches replace the archive search's in the reader while it is open."""
        if self.current_article is None:
            return
        if matches or self.find_bar.isVisible():
            self.reader.set_matches(list(matches))
        else:
            self.reader.set_matches(self._matches_for(self.current_article.id))
        if not matches:
            self.reader.set_current_match(None)

    def _find_current_changed(self, start: int, end: int) -> None:
        self.reader.set_current_match((start, end))

    def focus_search(self) -> None:
        """Ctrl+Shift+F: put the cursor in the archive search field."""
        if self.reading_mode_action.isChecked():
            self.reading_mode_action.setChecked(False)
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _query_changed(self, *_args: object, keep_tab: bool = False) -> None:
        """The typed text or a filter changed: search for the text with the filters.

        ``keep_tab``: the answer does not bring the results list to the front (the
        results follow the article opened from the tree, which stays in front)."""
        self._results_keep_tab = keep_tab
        filters = self.search_filters
        current = self.current_article.id if self.current_article is not None else None
        self.search.text_changed(
            with_filters(
                self.search_field.text(),
                filters.chosen_year(),
                filters.chosen_kind(),
                filters.chosen_article(current),
            )
        )

    def _remember_query(self) -> None:
        """Keep what was typed among the recent searches (Enter, or a result opened)."""
        text = self.search_field.text().strip()
        if not text:
            return
        recent = remember(self.recent_queries(), text)
        self.settings.set(opts.RECENT_QUERIES, "\n".join(recent))
        model = self.recent_completer.model()
        if isinstance(model, QStringListModel):
            model.setStringList(recent)

    def recent_queries(self) -> list[str]:
        """The recent searches, newest first."""
        return [q for q in self.settings.get(opts.RECENT_QUERIES).split("\n") if q.strip()]

    def _search_return(self) -> None:
        self._remember_query()
        if self.search.pending:
            self._open_first_hit = True
            self.search.run_now()
            return
        self.open_hit(0, 0)

    def _show_results(self, results: Any, query: str) -> None:
        self._search_message = ""
        self.results_model.set_results(results, query)
        self._matches = matches_in_order(self.results_model.groups)
        self._match_index = -1
        self._update_results_label()
        if not self._results_keep_tab:
            self.left_tabs.setCurrentIndex(RESULTS_TAB)
        self.results_view.expandAll()  # one layout pass, not one per group
        if self.current_article is not None:
            self.reader.set_matches(self._matches_for(self.current_article.id))
        self.searchFinished.emit(self.results_model.hit_count())
        if self._open_first_hit:
            self._open_first_hit = False
            self.open_hit(0, 0)

    def _show_query_problem(self, message: str, query: str) -> None:
        self._open_first_hit = False
        self.results_model.clear()
        self._matches = []
        self._match_index = -1
        self._search_message = message
        self._update_results_label()
        if not self._results_keep_tab:
            self.left_tabs.setCurrentIndex(RESULTS_TAB)
        if self.current_article is not None:
            self.reader.set_matches([])
        self.searchFinished.emit(0)

    def _clear_results(self) -> None:
        self._open_first_hit = False
        self._search_message = ""
        self.results_model.clear()
        self._matches = []
        self._match_index = -1
        self._update_results_label()
        self.left_tabs.setCurrentIndex(TREE_TAB)
        self.reader.set_matches([])

    def _update_results_label(self) -> None:
        label = self.results_label
        problem = False
        if self._search_message:
            text = self._search_message
            problem = True
        elif not self.results_model.query:
            text = self.tr("在上方输入要搜索的内容。")
        elif self.results_model.total == 0:
            text = self.tr("没有找到“{query}”。").format(query=self.results_model.query)
        else:
            shown = self.results_model.hit_count()
            text = self.tr("找到 {hits} 段，分布在 {articles} 篇文章中").format(
                hits=self.results_model.total, articles=len(self.results_model.groups)
            )
            if shown < self.results_model.total:
                text += self.tr("（显示前 {shown} 段）").format(shown=shown)
        label.setText(text)
        set_problem_style(label, problem)

    def _matches_for(self, article_id: str) -> list[tuple[int, int]]:
        return [(s, e) for a, s, e in self._matches if a == article_id]

    def open_hit(self, group_row: int, hit_row: int) -> None:
        """Open hit ``hit_row`` of result group ``group_row`` (as a click on it would)."""
        if not self.results_model.groups:
            return
        self.results_model.fetch_all_for(group_row, hit_row)
        group_index = self.results_model.index(group_row, 0)
        index = self.results_model.index(hit_row, 0, group_index)
        if index.isValid():
            self.results_view.setCurrentIndex(index)
            self._hit_activated(index)

    def _hit_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self._remember_query()
        article_id = str(index.data(HIT_ARTICLE_ID_ROLE))
        start = int(index.data(HIT_START_ROLE))
        if start < 0:  # a hit without a match in the text (e.g. a title: filter)
            self.open_article(article_id)
            return
        for position, (a, s, _e) in enumerate(self._matches):
            if a == article_id and s == start:
                self._go_to_match(position)
                return
        self.open_article(article_id)

    def _go_to_match(self, position: int) -> None:
        if not self._matches:
            return
        position %= len(self._matches)
        self._match_index = position
        article_id, start, end = self._matches[position]
        try:
            article = self.library.article(article_id)
        except UnknownArticleError:
            return
        left = self.current_place()
        self._show_article(article)
        if left is not None and left.article_id != article_id:
            self._record_jump(left, Place(article_id, start))
        self._select_in_tree(article_id, None)
        self.reader.set_matches(self._matches_for(article_id))
        self.reader.set_current_match((start, end))
        self.status.show_message(
            self.tr("第 {n} 处匹配，共 {total} 处").format(n=position + 1, total=len(self._matches))
        )

    def next_match(self) -> None:
        """F3: the next search match, across articles."""
        if self._matches:
            self._go_to_match(self._match_index + 1)

    def previous_match(self) -> None:
        """Shift+F3: the previous search match, across articles."""
        if self._matches:
            self._go_to_match(self._match_index - 1 if self._match_index >= 0 else -1)

    @property
    def search_matches(self) -> list[Match]:
        """All matches of the current results, in navigation order."""
        return list(self._matches)

    # Background work

    def start_background_work(self) -> None:
        """Build the search index and run the extraction off the GUI thread."""
        library = self.library
        # The workers are pure Python and hold the GIL; a short switch interval
        # hands it to the GUI thread sooner, so the window stays responsive.
        if self._saved_switch_interval is None:
            self._saved_switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(BACKGROUND_SWITCH_INTERVAL)
        self._background_left = 2

        def build_index(context: TaskContext) -> list[str]:
            if library.stale:  # parsed by other parser code: parse again from the originals
                self._reprocessed = library.reprocess_stale(
                    progress=context.progress, cancel=context.cancel_event.is_set
                )
            messages = library.prepare_search(
                progress=context.progress, cancel=context.cancel_event.is_set
            )
            context.check()
            # Every file against its checksum: damage that kept a file's size and
            # time (a failing disk) is found before the first search, not after.
            messages += library.verify_search(
                progress=context.progress, cancel=context.cancel_event.is_set
            )
            context.check()
            return messages

        task = self.index_writer.run(
            build_index,
            on_success=self._index_ready,
            on_failure=self._index_failed,
            on_finished=self._background_done,
            name="index",
        )
        self.status.track(task, self.tr("正在建立搜索索引"))

        self.refresh_annotations(on_finished=self._background_done)

    def refresh_annotations(self, on_finished: Callable[[], None] | None = None) -> None:
        """Extract figures, projects and organisations in the background (again after the
        articles changed: new ones join the panel, cached ones come from the catalogue)."""
        library = self.library

        def extract(_context: TaskContext) -> Annotations:
            return Annotations.build(
                list(library.figures()), list(library.projects()), list(library.organizations())
            )

        task = self.background.run(
            extract,
            on_success=self._annotations_ready,
            on_failure=self._annotations_failed,
            on_finished=on_finished,
            name="extraction",
        )
        self.status.track(task, self.tr("正在提取数字和项目"))

    def _background_done(self) -> None:
        self._background_left -= 1
        if self._background_left <= 0 and self._saved_switch_interval is not None:
            sys.setswitchinterval(self._saved_switch_interval)
            self._saved_switch_interval = None

    def _update_filter_lists(self) -> None:
        """The years and articles the search filters offer, from the archive as it is."""
        articles = list(self.library.articles)
        self.search_filters.set_years(a.date[:4] for a in articles if a.date[:4].isdigit())
        self.search_filters.set_articles((a.id, a.title) for a in articles)

    def _index_ready(self, messages: list[str]) -> None:
        self._update_filter_lists()
        if self._reprocessed:
            self._reprocessed = 0
            self.archive.refresh()
        self._search_ready = True
        self.search_field.setEnabled(True)
        self._update_search_placeholder()
        self.search.set_enabled(True)
        note = "；".join(self._index_message(m) for m in messages if m)
        text = self.tr("搜索已就绪")
        self.status.show_message(f"{text}（{note}）" if note else text, 8000)
        cache_notice = paths.cache_notice()
        if cache_notice:
            self.status.show_problem(
                self.tr("缓存文件夹无法使用，搜索索引本次保存在临时文件夹中，下次启动会重建")
            )
            self.status.problem_label.setToolTip(cache_notice)
        if not self._query_restored:
            # The search of the last session, once, unless something was typed meanwhile.
            self._query_restored = True
            last = self.settings.get(opts.LAST_QUERY)
            if last.strip() and not self.search_field.text():
                self.search_field.setText(last)
        self.searchReady.emit()

    def _index_message(self, message: str) -> str:
        """An index message from the search module, in the interface language."""
        code = getattr(message, "code", "")
        counts: dict[str, int] = getattr(message, "counts", {})
        texts = {
            "built": self.tr("已建立搜索索引"),
            "rebuilt-stale": self.tr("搜索索引来自其他版本，已重建"),
            "rebuilt-damaged": self.tr("搜索索引已损坏，已重建"),
            "cancelled": self.tr("搜索索引更新已取消"),
            "updated": self.tr("搜索索引已更新：新增 {added}，修改 {changed}，删除 {removed}"),
        }
        return texts[code].format(**counts) if code in texts else str(message)

    def _index_failed(self, message: str, details: str) -> None:
        self._index_task_failed = message
        self._update_search_placeholder()
        self.status.show_problem(self.tr("无法建立搜索索引：{message}").format(message=message))
        self.searchUnavailable.emit(message)

    def _annotations_ready(self, annotations: Annotations) -> None:
        self.annotations = annotations
        self.insight.archive_changed()
        self.side_panel.set_annotations(annotations, self.library.articles)
        if self.current_article is not None:
            self.side_panel.set_article(self.current_article.id)
            self.reader.set_marks(with_tips(annotations, self.current_article.id))
        self.annotationsReady.emit()

    def _annotations_failed(self, message: str, details: str) -> None:
        self._annotation_task_failed = message
        text = self.tr("无法提取数字和项目：{message}").format(message=message)
        self.status.show_problem(text)
        self.side_panel.set_unavailable(text)

    def _cancel_background(self) -> None:
        self.index_writer.cancel_all()
        self.background.cancel_all()

    # Reading mode, about

    def set_reading_mode(self, on: bool) -> None:
        """F11: only the text (tree, side panel and toolbar hidden), or everything back."""
        if self.reading_mode_action.isChecked() != on:
            self.reading_mode_action.setChecked(on)
            return
        top = self.reader.top_offset()
        self.left_tabs.setVisible(not on and self.show_tree_action.isChecked())
        self.side_panel.setVisible(not on and self.show_panel_action.isChecked())
        self.toolbar.setVisible(not on)
        self.menuBar().setVisible(True)
        self.leave_reading_action.setEnabled(on)
        self.reader.set_measure(READING_MEASURE if on else None)
        if top is not None:
            # The text reflows at its new width: keep the same passage at the top.
            article = self.current_article.id if self.current_article is not None else ""
            QTimer.singleShot(0, lambda: self._restore_offset(article, top))

    def _zoom_changed(self, percent: int) -> None:
        self.settings.set(opts.READER_ZOOM, percent)
        self.status.show_message(self.tr("文字大小 {percent}%").format(percent=percent), 2000)

    def _layers_changed(self) -> None:
        hidden = {layer for layer, a in self.layer_actions.items() if not a.isChecked()}
        self.reader.set_hidden_layers(hidden)
        self.settings.set(opts.HIDDEN_LAYERS, ",".join(sorted(hidden)))

    def _caret_toggled(self, on: bool) -> None:
        self.reader.set_caret_browsing(on)
        self.settings.set(opts.CARET_BROWSING, on)
        if on:
            self.reader.setFocus()

    def _about(self) -> None:
        AboutDialog(self).exec()

    def _shortcuts(self) -> None:
        ShortcutsDialog(self.findChildren(QAction), self).exec()

    # Remembered state

    def _default_size(self) -> QSize:
        """1360×860, or 90% of a smaller screen's free area."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        wanted = QSize(1360, 860)
        if screen is None:
            return wanted
        free = screen.availableGeometry().size()
        return wanted.boundedTo(QSize(int(free.width() * 0.9), int(free.height() * 0.9)))

    def _restore_state(self) -> None:
        s = self.settings
        geometry = s.get(opts.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(self._default_size())
        state = s.get(opts.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        splitter = s.get(opts.MAIN_SPLITTER)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        self.side_panel.setCurrentIndex(s.get(opts.SIDE_TAB))
        kind = s.get(opts.FIGURE_KIND_FILTER)
        index = self.side_panel.kind_filter.findData(kind)
        if index >= 0:
            self.side_panel.kind_filter.setCurrentIndex(index)
        article_id = s.get(opts.LAST_ARTICLE)
        if article_id not in self.library and self.library.articles:
            article_id = self.library.articles[0].id
        if article_id in self.library:
            self.open_article(article_id)
            offset = s.get(opts.LAST_OFFSET)
            if offset > 0:
                # After the first layout at the real size, or the offset lands wrong.
                QTimer.singleShot(0, lambda: self._restore_offset(article_id, offset))
        self.reader.set_zoom(s.get(opts.READER_ZOOM))
        for layer in filter(None, s.get(opts.HIDDEN_LAYERS).split(",")):
            if layer in self.layer_actions:
                self.layer_actions[layer].setChecked(False)
        if s.get(opts.CARET_BROWSING):
            self.caret_action.setChecked(True)
        if s.get(opts.READING_MODE):
            self.reading_mode_action.setChecked(True)

    def _restore_offset(self, article_id: str, offset: int) -> None:
        if self.current_article is not None and self.current_article.id == article_id:
            self.reader.scroll_to_offset(offset)

    def save_state(self) -> None:
        """Remember geometry, splitter, article and scroll position."""
        s = self.settings
        s.set(opts.WINDOW_GEOMETRY, self.saveGeometry())
        s.set(opts.WINDOW_STATE, self.saveState())
        if not self.reading_mode_action.isChecked():
            s.set(opts.MAIN_SPLITTER, self.splitter.saveState())
        s.set(opts.READING_MODE, self.reading_mode_action.isChecked())
        s.set(opts.LAST_QUERY, self.search_field.text())
        s.set(opts.SIDE_TAB, self.side_panel.currentIndex())
        s.set(opts.FIGURE_KIND_FILTER, self.side_panel.figures_proxy.kind)
        if self.current_article is not None:
            s.set(opts.LAST_ARTICLE, self.current_article.id)
            s.set(opts.LAST_OFFSET, self.reader.top_offset() or 0)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save state, stop background work, close."""
        self.save_state()
        self._cancel_background()
        self.search.shutdown()
        self.background.wait(10000)
        self.index_writer.wait(10000)
        super().closeEvent(event)

    # Files dropped on the window are imported

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept files and folders (see ArchiveController)."""
        self.archive.drag_entered(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Keep accepting while the files move over the window."""
        self.archive.drag_entered(event)

    def dropEvent(self, event: QDropEvent) -> None:
        """Import what was dropped."""
        self.archive.dropped(event)

    # First paint (startup measurement)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the reader at a readable measure: side panes give way on a small screen."""
        super().resizeEvent(event)
        self._fit_reader()

    def _fit_reader(self) -> None:
        """Fold the side panel, then the tree, while the reader would set fewer than
        MIN_MEASURE characters a line; unfold them when there is room again."""
        if self.reading_mode_action.isChecked() or not self.reader.isVisible():
            return
        sizes = self.splitter.sizes()
        if len(sizes) != 3 or sum(sizes) <= 0:
            return
        needed = self.reader.width_for(MIN_MEASURE)
        total = sum(sizes)
        # Unfold what fits again (the tree first: it was folded last).
        for pane in (0, 2):
            width = self._folded.get(pane)
            if (
                width
                and sizes[pane] == 0
                and total - sum(sizes[i] for i in (0, 2)) - width >= needed
            ):
                sizes[pane] = width
                sizes[1] = total - sizes[0] - sizes[2]
                del self._folded[pane]
        for pane in (2, 0):  # the side panel gives way first
            if sizes[1] >= needed:
                break
            if sizes[pane] == 0:
                continue
            widget = self.splitter.widget(pane)
            floor = widget.minimumSizeHint().width() if widget is not None else 0
            room = sizes[pane] - floor
            deficit = needed - sizes[1]
            if room >= deficit:
                sizes[pane] -= deficit
                sizes[1] += deficit
            else:
                self._folded[pane] = sizes[pane]
                sizes[1] += sizes[pane]
                sizes[pane] = 0
        if sizes != self.splitter.sizes():
            with QSignalBlocker(self.splitter):
                self.splitter.setSizes(sizes)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """The mouse's back and forward buttons go back and forward."""
        if self._history_button(event):
            return
        super().mousePressEvent(event)

    def _history_button(self, event: QMouseEvent) -> bool:
        if event.button() == Qt.MouseButton.BackButton:
            self.go_back()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.go_forward()
        else:
            return False
        event.accept()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Report the first paint of the reader (the window's centre); the mouse's back
        and forward buttons over the text."""
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(event, QMouseEvent)
            and self._history_button(event)
        ):
            return True
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            QTimer.singleShot(0, self.firstPainted.emit)
        return super().eventFilter(watched, event)
