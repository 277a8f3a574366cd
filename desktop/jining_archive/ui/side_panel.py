"""The side panel: the current article's figures and named entities, narrowed to a section.

Figures: a sortable table filtered by kind. Projects: projects and
organisations with mention counts; below, the other articles that mention the
selected one. Choosing a row asks the window to show those offsets in the
reader (``spansChosen``) or to open another article (``articleRequested``).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QSignalBlocker,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jining_archive.documents.model import Article
from jining_archive.ui import figures_model, projects_model
from jining_archive.ui.annotations import PROJECT, Annotations
from jining_archive.ui.figures_model import (
    FIGURE_KINDS,
    FigureFilterProxy,
    FiguresModel,
    kind_label,
)
from jining_archive.ui.projects_model import ElsewhereModel, ProjectsModel

FIGURES_TAB = 0
PROJECTS_TAB = 1


def _table(parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def _fit_columns(table: QTableView, stretch: int) -> None:
    """Columns as wide as their contents, except ``stretch``, which takes the rest."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column in range(table.model().columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column == stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)


class SidePanel(QTabWidget):
    """Figures and projects of the current article; see the module docstring.

    Signals:
        spansChosen(list, str, str, bool): offsets to show in the reader, the mark kind
            and key, and whether the reader should scroll to them.
        articleRequested(str, int, int): open another article at these offsets.
        scopeCleared(): the user asked to see the whole article again.
        storyRequested(str): show the story of the project with this name (the button
            under the list, or a double-click on a project).
    """

    spansChosen = Signal(list, str, str, bool)
    articleRequested = Signal(str, int, int)
    scopeCleared = Signal()
    storyRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        self.annotations: Annotations | None = None
        self.articles: dict[str, Article] = {}
        self.article_id: str | None = None
        self.span: tuple[int, int] | None = None
        self.scope_title = ""
        self._scroll = True  # False while a selection comes from a click in the reader
        self.unavailable = ""  # why there are no figures and projects (extraction failed)

        # Figures tab
        self.figures = FiguresModel(self)
        self.figures_proxy = FigureFilterProxy(self)
        self.figures_proxy.setSourceModel(self.figures)
        figures_page = QWidget(self)
        layout = QVBoxLayout(figures_page)
        layout.setContentsMargins(4, 4, 4, 4)
        self.figures_scope = QLabel(figures_page)
        self.figures_scope.setTextFormat(Qt.TextFormat.PlainText)
        self.figures_scope.setWordWrap(True)
        row = QHBoxLayout()
        self.kind_label = QLabel(figures_page)
        self.kind_filter = QComboBox(figures_page)
        self.kind_filter.setObjectName("figureKind")
        self.kind_label.setBuddy(self.kind_filter)
        row.addWidget(self.kind_label)
        row.addWidget(self.kind_filter, 1)
        self.figures_view = _table(figures_page)
        self.figures_view.setObjectName("figuresTable")
        self.figures_view.setModel(self.figures_proxy)
        self.figures_view.setSortingEnabled(True)
        self.figures_view.sortByColumn(figures_model.TEXT_COLUMN, Qt.SortOrder.AscendingOrder)
        _fit_columns(self.figures_view, stretch=figures_model.MEASURE_COLUMN)
        layout.addWidget(self.figures_scope)
        layout.addLayout(row)
        layout.addWidget(self.figures_view, 1)
        self.addTab(figures_page, "")

        # Projects tab
        self.projects = ProjectsModel(self)
        self.projects_proxy = QSortFilterProxyModel(self)
        self.projects_proxy.setSourceModel(self.projects)
        self.projects_proxy.setSortRole(projects_model.SORT_ROLE)
        self.elsewhere = ElsewhereModel(self)
        projects_page = QWidget(self)
        layout = QVBoxLayout(projects_page)
        layout.setContentsMargins(4, 4, 4, 4)
        self.projects_scope = QLabel(projects_page)
        self.projects_scope.setTextFormat(Qt.TextFormat.PlainText)
        self.projects_scope.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical, projects_page)
        splitter.setObjectName("projectsSplitter")
        self.projects_view = _table(splitter)
        self.projects_view.setObjectName("projectsTable")
        self.projects_view.setModel(self.projects_proxy)
        self.projects_view.setSortingEnabled(True)
        self.projects_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        _fit_columns(self.projects_view, stretch=projects_model.NAME_COLUMN)
        elsewhere_box = QWidget(splitter)
        elsewhere_layout = QVBoxLayout(elsewhere_box)
        elsewhere_layout.setContentsMargins(0, 0, 0, 0)
        self.elsewhere_label = QLabel(elsewhere_box)
        self.elsewhere_label.setTextFormat(Qt.TextFormat.PlainText)
        self.elsewhere_label.setWordWrap(True)
        self.elsewhere_view = _table(elsewhere_box)
        self.elsewhere_view.setObjectName("elsewhereTable")
        self.elsewhere_view.setModel(self.elsewhere)
        _fit_columns(self.elsewhere_view, stretch=projects_model.TITLE_COLUMN)
        self.story_button = QPushButton(elsewhere_box)
        self.story_button.setObjectName("projectStoryButton")
        self.story_button.setEnabled(False)
        elsewhere_layout.addWidget(self.story_button)
        elsewhere_layout.addWidget(self.elsewhere_label)
        elsewhere_layout.addWidget(self.elsewhere_view, 1)
        splitter.addWidget(self.projects_view)
        splitter.addWidget(elsewhere_box)
        splitter.setSizes([300, 160])
        layout.addWidget(self.projects_scope)
        layout.addWidget(splitter, 1)
        self.addTab(projects_page, "")

        self.whole_article_button = QPushButton(self)
        self.whole_article_button.setObjectName("wholeArticle")
        self.whole_article_button.setFlat(True)
        self.whole_article_button.clicked.connect(self.scopeCleared)
        self.setCornerWidget(self.whole_article_button, Qt.Corner.TopRightCorner)

        self.kind_filter.currentIndexChanged.connect(self._kind_changed)
        self.figures_view.selectionModel().selectionChanged.connect(self._figure_selected)
        self.projects_view.selectionModel().selectionChanged.connect(self._entity_selected)
        self.elsewhere_view.activated.connect(self._elsewhere_activated)
        self.story_button.clicked.connect(self._story_clicked)
        self.projects_view.doubleClicked.connect(self._story_clicked)
        self.elsewhere_view.clicked.connect(self._elsewhere_activated)
        self.retranslate()

    # Content

    def set_annotations(self, annotations: Annotations | None, articles: list[Article]) -> None:
        """The extraction results (None while they are being computed)."""
        self.annotations = annotations
        self.articles = {a.id: a for a in articles}
        self._refill()

    def set_unavailable(self, message: str) -> None:
        """Say why the lists stay empty (the extraction failed)."""
        self.unavailable = message
        self._update_scope_labels()

    def set_article(self, article_id: str | None) -> None:
        """Show the figures and entities of ``article_id`` (whole article)."""
        self.article_id = article_id
        self.span = None
        self.scope_title = ""
        self._refill()

    def set_scope(self, span: tuple[int, int] | None, title: str = "") -> None:
        """Narrow the lists to article offsets ``span`` (a section); None for the whole article."""
        self.span = span
        self.scope_title = title if span is not None else ""
        self.figures_proxy.set_range(span)
        self._fill_projects()
        self._update_scope_labels()

    def _refill(self) -> None:
        figures = (
            self.annotations.figures(self.article_id)
            if self.annotations is not None and self.article_id
            else []
        )
        self.figures.set_figures(figures)
        self.figures_proxy.set_range(self.span)
        self._fill_projects()
        self._update_scope_labels()

    def _fill_projects(self) -> None:
        self.projects.set_article(self.annotations, self.article_id, self.span)
        self.elsewhere.set_entity(None, None, self.articles, None)
        self._update_elsewhere_label(None)

    # Selection from outside (a click on a highlight in the reader)

    def select_figure(self, key: str, scroll_reader: bool = True) -> bool:
        """Select the figure ``key`` in the table; False if it is not listed."""
        self._scroll = scroll_reader
        try:
            return self._select_figure(key)
        finally:
            self._scroll = True

    def _select_figure(self, key: str) -> bool:
        row = self.figures.row_of(key)
        if row < 0:
            return False
        proxy_index = self.figures_proxy.mapFromSource(self.figures.index(row, 0))
        if not proxy_index.isValid():  # filtered out: show all kinds and the whole article
            self.kind_filter.setCurrentIndex(0)
            if self.span is not None:
                self.scopeCleared.emit()
            proxy_index = self.figures_proxy.mapFromSource(self.figures.index(row, 0))
        if not proxy_index.isValid():
            return False
        self.setCurrentIndex(FIGURES_TAB)
        self.figures_view.selectRow(proxy_index.row())
        self.figures_view.scrollTo(proxy_index)
        return True

    def select_entity(self, key: str, scroll_reader: bool = True) -> bool:
        """Select project or organisation ``key``; False if it is not listed."""
        self._scroll = scroll_reader
        try:
            return self._select_entity(key)
        finally:
            self._scroll = True

    def _select_entity(self, key: str) -> bool:
        row = self.projects.row_of(key)
        if row < 0 and self.span is not None:
            self.scopeCleared.emit()
            row = self.projects.row_of(key)
        if row < 0:
            return False
        proxy_index = self.projects_proxy.mapFromSource(self.projects.index(row, 0))
        self.setCurrentIndex(PROJECTS_TAB)
        self.projects_view.selectRow(proxy_index.row())
        self.projects_view.scrollTo(proxy_index)
        return True

    # Reactions

    def _kind_changed(self, index: int) -> None:
        self.figures_proxy.set_kind(self.kind_filter.itemData(index) or "")

    def _figure_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes or self.article_id is None:
            return
        index = indexes[0]
        start = int(index.data(figures_model.START_ROLE))
        end = int(index.data(figures_model.END_ROLE))
        key = str(index.data(figures_model.FIGURE_KEY_ROLE))
        self.spansChosen.emit([(start, end)], "figure", key, self._scroll)

    def _entity_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes or self.article_id is None or self.annotations is None:
            return
        key = str(indexes[0].data(projects_model.ENTITY_KEY_ROLE))
        spans = self.annotations.entity_spans(key, self.article_id)
        if self.span is not None:
            spans = [s for s in spans if self.span[0] <= s[0] < self.span[1]] or spans
        self.elsewhere.set_entity(self.annotations, key, self.articles, self.article_id)
        self._update_elsewhere_label(key)
        kind = self.annotations.entity_kinds.get(key, "project")
        self.story_button.setEnabled(kind == PROJECT)
        self.spansChosen.emit(spans, kind, key, self._scroll)

    def selected_project(self) -> str | None:
        """The name of the project selected in the list (None: none, or an organisation)."""
        selected = self.projects_view.selectionModel().selectedRows()
        if not selected or self.annotations is None:
            return None
        key = str(selected[0].data(projects_model.ENTITY_KEY_ROLE))
        if self.annotations.entity_kinds.get(key) != PROJECT:
            return None
        return self.annotations.entities[key].name

    def _story_clicked(self, *_args: object) -> None:
        name = self.selected_project()
        if name:
            self.storyRequested.emit(name)

    def _elsewhere_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.articleRequested.emit(
            str(index.data(projects_model.ARTICLE_ID_ROLE)),
            int(index.data(projects_model.START_ROLE)),
            int(index.data(projects_model.END_ROLE)),
        )

    # Language

    def _update_scope_labels(self) -> None:
        if self.span is None:
            text = self.tr("范围：全文")
        else:
            text = self.tr("范围：{section}").format(section=self.scope_title)
        self.figures_scope.setText(text)
        self.projects_scope.setText(text)
        self.whole_article_button.setVisible(self.span is not None)
        if self.annotations is None and self.article_id:
            waiting = self.unavailable or self.tr("正在提取数字和项目……")
            self.figures_scope.setText(waiting)
            self.projects_scope.setText(waiting)

    def _update_elsewhere_label(self, key: str | None) -> None:
        if key is None or self.annotations is None:
            self.elsewhere_label.setText(self.tr("选择一个项目或机构，查看其他文章中的提及。"))
            return
        name = self.annotations.entities[key].name
        if self.elsewhere.rowCount() == 0:
            self.elsewhere_label.setText(self.tr("“{name}”未在其他文章中出现。").format(name=name))
        else:
            self.elsewhere_label.setText(self.tr("“{name}”在其他文章中的提及：").format(name=name))

    def retranslate(self) -> None:
        """Set every visible string in the current language."""
        self.setTabText(FIGURES_TAB, self.tr("数字"))
        self.setTabText(PROJECTS_TAB, self.tr("项目与机构"))
        self.kind_label.setText(self.tr("类型："))
        self.whole_article_button.setText(self.tr("显示全文"))
        self.whole_article_button.setToolTip(self.tr("不再限于所选章节"))
        self.story_button.setText(self.tr("项目历程…"))
        self.story_button.setToolTip(self.tr("按时间查看这个项目在全部文章中的进展"))
        current = self.kind_filter.currentData() or ""
        with QSignalBlocker(self.kind_filter):
            self.kind_filter.clear()
            self.kind_filter.addItem(self.tr("全部"), "")
            for kind in FIGURE_KINDS:
                self.kind_filter.addItem(kind_label(kind), kind)
            self.kind_filter.setCurrentIndex(max(self.kind_filter.findData(current), 0))
        self.figures.retranslate()
        self.projects.retranslate()
        self.elsewhere.retranslate()
        self._update_scope_labels()
        selected = self.projects_view.selectionModel().selectedRows()
        key = str(selected[0].data(projects_model.ENTITY_KEY_ROLE)) if selected else None
        self._update_elsewhere_label(key)

    def changeEvent(self, event: QEvent) -> None:
        """Follow language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
