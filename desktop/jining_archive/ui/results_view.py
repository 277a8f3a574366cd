"""The results list: article rows, hit rows with the section title and a highlighted snippet.

Snippets are drawn from plain text and match spans by :func:`snippet_html`,
which escapes every character of the document before adding its own markup.
"""

from __future__ import annotations

import contextlib
import html

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QKeyEvent,
    QPainter,
    QPalette,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from jining_archive.ui.highlights import HighlightColours, muted_text
from jining_archive.ui.results_model import (
    IS_GROUP_ROLE,
    SECTION_TITLE_ROLE,
    SNIPPET_ROLE,
    SNIPPET_SPANS_ROLE,
)

AnyIndex = QModelIndex | QPersistentModelIndex


def snippet_html(
    text: str, spans: list[tuple[int, int]], colour: QColor, ink: QColor | None = None
) -> str:
    """``text`` as HTML with ``spans`` (offsets into ``text``) on a ``colour`` background,
    drawn in ``ink`` when given (a selected row's light text would not read on the tint)."""
    ink_style = f";color:{ink.name()}" if ink is not None else ""
    pieces: list[str] = []
    position = 0
    for start, end in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if end <= start:
            continue
        pieces.append(html.escape(text[position:start]))
        pieces.append(
            f'<span style="background-color:{colour.name()}{ink_style}">'
            f"{html.escape(text[start:end])}</span>"
        )
        position = end
    pieces.append(html.escape(text[position:]))
    return "".join(pieces).replace("\n", " ")


class SnippetDelegate(QStyledItemDelegate):
    """Paints hit rows as two lines: the section title, then the highlighted snippet.

    A row's height needs its snippet laid out; the view asks for it again at
    every layout (each expanded group, each scroll), so heights are kept per
    row and width until the model changes (:meth:`forget_sizes`).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sizes: dict[tuple[int, int, int, int], QSize] = {}

    def forget_sizes(self, *_args: object) -> None:
        """Drop the kept row heights (the rows or the font have changed)."""
        self._sizes.clear()

    def _document(
        self, option: QStyleOptionViewItem, index: AnyIndex, width: int | None = None
    ) -> QTextDocument:
        palette = option.palette
        colours = HighlightColours.from_palette(palette)
        section = index.data(SECTION_TITLE_ROLE) or ""
        snippet = index.data(SNIPPET_ROLE) or ""
        spans = index.data(SNIPPET_SPANS_ROLE) or []
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        muted = (
            palette.color(QPalette.ColorRole.HighlightedText) if selected else muted_text(palette)
        ).name()
        ink = palette.color(QPalette.ColorRole.Text) if selected else None
        body = snippet_html(snippet, spans, colours.search, ink)
        markup = (
            f'<div style="color:{muted}">{html.escape(section)}</div><div>{body}</div>'
            if section
            else f"<div>{body}</div>"
        )
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(2)
        document.setHtml(markup)
        document.setTextWidth(max(option.rect.width() if width is None else width, 120))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        """Draw the row; article rows use the default look."""
        if index.data(IS_GROUP_ROLE):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem,
                text_option,
                painter,
                option.widget,
            )
        document = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        rect = option.rect
        painter.translate(rect.topLeft())
        painter.setClipRect(rect.translated(-rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        """Tall enough for the section line and the wrapped snippet."""
        if index.data(IS_GROUP_ROLE):
            return super().sizeHint(option, index)
        width = self._row_width(option, index)
        key = (index.internalId(), index.row(), width, option.font.pointSize())
        size = self._sizes.get(key)
        if size is None:
            self.initStyleOption(option, index)
            document = self._document(option, index, width)
            size = QSize(int(document.idealWidth()), int(document.size().height()) + 4)
            self._sizes[key] = size
        return QSize(size)

    @staticmethod
    def _row_width(option: QStyleOptionViewItem, index: AnyIndex) -> int:
        """The width the row is painted at. The view asks for sizes with an option
        whose rect is not the row's, so the height was measured at the wrong width
        (blank space under every hit): take the view's column, less the indent."""
        view = option.widget
        if not isinstance(view, QTreeView):
            return option.rect.width()
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        indent = view.indentation() * (depth + (1 if view.rootIsDecorated() else 0))
        return max(1, view.columnWidth(0) - indent)


class ResultsView(QTreeView):
    """The results tree; Enter or a click on a hit emits ``hitActivated``.

    Signals:
        hitActivated(QModelIndex): a hit (or an article row) was chosen.
    """

    hitActivated = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setRootIsDecorated(True)
        self.setExpandsOnDoubleClick(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._delegate = SnippetDelegate(self)
        self.setItemDelegate(self._delegate)
        self.clicked.connect(self.hitActivated)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        """Show ``model``; kept row heights are dropped whenever its rows change."""
        old = self.model()
        if old is not None:
            for signal in (old.modelReset, old.layoutChanged, old.rowsRemoved, old.dataChanged):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(self._delegate.forget_sizes)
        super().setModel(model)
        if model is not None:
            for signal in (
                model.modelReset,
                model.layoutChanged,
                model.rowsRemoved,
                model.dataChanged,
            ):
                signal.connect(self._delegate.forget_sizes)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Snippets wrap to the width: lay the rows out again."""
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter opens the current hit (``activated`` is platform-dependent for Enter)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.hitActivated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)
