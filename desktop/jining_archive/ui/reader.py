"""The reader: one article as read-only rich text with figure, project and search highlights.

The document is built with QTextCursor.insertText, never from HTML, so no
character of an article is ever interpreted as markup, and nothing is loaded:
``loadResource`` answers every request with nothing and links are not
followed.

Each article block becomes one QTextBlock, so article offsets map to document
positions block by block (QTextDocument counts UTF-16 code units, so characters
outside the BMP count twice there). :class:`OffsetMap` keeps that mapping in
both directions; everything the window asks of the reader is in article
offsets.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from jining_archive.documents.model import Article, Block, BlockKind
from jining_archive.ui.highlights import HighlightColours, muted_text

MARK_KIND_PROPERTY = QTextFormat.Property.UserProperty + 1
MARK_KEY_PROPERTY = QTextFormat.Property.UserProperty + 2
FIGURE_KEY_PROPERTY = QTextFormat.Property.UserProperty + 3

_PROPORTIONAL = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value

#: Text size, in percent of the default; Ctrl+wheel and Ctrl+= / Ctrl+- step by ZOOM_STEP.
ZOOM_DEFAULT = 100
ZOOM_MIN = 50
ZOOM_MAX = 300
ZOOM_STEP = 10
#: The longest line the reader sets when it is given a measure (reading mode), in
#: characters of the body text: about 40 CJK characters reads comfortably.
READING_MEASURE = 40
_SELECT_KEYS = {
    Qt.Key.Key_Left: QTextCursor.MoveOperation.PreviousCharacter,
    Qt.Key.Key_Right: QTextCursor.MoveOperation.NextCharacter,
    Qt.Key.Key_Up: QTextCursor.MoveOperation.Up,
    Qt.Key.Key_Down: QTextCursor.MoveOperation.Down,
    Qt.Key.Key_Home: QTextCursor.MoveOperation.StartOfLine,
    Qt.Key.Key_End: QTextCursor.MoveOperation.EndOfLine,
}
#: Highlight layers View → Highlights can hide: figures, dates (figures that are
#: dates, most of the amber in a report), projects, organisations, search matches.
LAYERS = ("figure", "date", "project", "organization", "search")
FLASH_TOGGLES = 6
FLASH_INTERVAL_MS = 140

# Separators QTextCursor.insertText would turn into new blocks; replaced by a
# space (same length) so offsets stay put.
_BLOCK_BREAKING = str.maketrans({"\n": " ", "\r": " ", "\u2028": " ", "\u2029": " "})


class MarkKind(StrEnum):
    """What a highlighted span is."""

    FIGURE = "figure"
    PROJECT = "project"
    ORGANIZATION = "organization"


@dataclass(frozen=True)
class Mark:
    """A highlighted span of the article: a figure or a mention of a named entity."""

    kind: MarkKind
    key: str
    start: int
    end: int
    tip: str = ""  # shown on hover (rich text, escaped by whoever makes it)
    #: The highlight layer it belongs to (see LAYERS); "" means the kind's own.
    layer: str = ""

    @property
    def layer_name(self) -> str:
        """The layer View → Highlights shows or hides this mark with."""
        return self.layer or self.kind.value


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (what QTextDocument counts)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class OffsetMap:
    """Article offsets ↔ document positions for one rendered article."""

    def __init__(self) -> None:
        self._blocks: list[Block] = []
        self._starts: list[int] = []  # article start of each block, sorted
        self._positions: list[int] = []  # document position of each block's first character
        self._decorations: list[int] = []  # units of decoration before the text (caption mark)
        self._narrow: list[bool] = []  # block text is BMP-only: positions and offsets agree
        self._by_doc_block: dict[int, int] = {}  # QTextBlock number → index in _blocks

    def add(self, block: Block, position: int, doc_block_number: int, decoration: int = 0) -> None:
        """Record that ``block``'s text starts at document ``position``; call in article order.

        ``decoration`` is the number of units inserted before the text in the same
        QTextBlock (the caption mark).
        """
        self._by_doc_block[doc_block_number] = len(self._blocks)
        self._blocks.append(block)
        self._starts.append(block.start)
        self._positions.append(position)
        self._decorations.append(decoration)
        self._narrow.append(utf16_len(block.text) == len(block.text))

    def _block_index(self, offset: int) -> int | None:
        if not self._blocks:
            return None
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return 0
        # Offsets in the "\n\n" between two blocks belong to the end of the earlier block
        # (an exclusive end) or, past it, snap to the next block's start.
        if offset > self._blocks[i].end and i + 1 < len(self._blocks):
            return i + 1
        return i

    def position(self, offset: int) -> int:
        """The document position of article ``offset`` (clamped into the nearest block)."""
        i = self._block_index(offset)
        if i is None:
            return 0
        block = self._blocks[i]
        inside = min(max(offset - block.start, 0), len(block.text))
        if self._narrow[i]:
            return self._positions[i] + inside
        return self._positions[i] + utf16_len(block.text[:inside])

    def offset(self, doc_block_number: int, position_in_block: int) -> int | None:
        """The article offset at a position inside QTextBlock ``doc_block_number``.

        ``position_in_block`` counts from the QTextBlock's start; None when that
        block is not article text (the date line).
        """
        i = self._by_doc_block.get(doc_block_number)
        if i is None:
            return None
        block = self._blocks[i]
        units = max(position_in_block - self._decorations[i], 0)
        if self._narrow[i]:
            return block.start + min(units, len(block.text))
        count = 0
        for index, ch in enumerate(block.text):
            if count >= units:
                return block.start + index
            count += 2 if ord(ch) > 0xFFFF else 1
        return block.end

    def __bool__(self) -> bool:
        return bool(self._blocks)


class ReaderView(QTextBrowser):
    """The article reader; see the module docstring.

    Signals:
        markClicked(str, str): a highlighted figure or entity was clicked (kind, key).
        zoomChanged(int): the text size changed (percent of the default).

    Keys: Shift with the arrows, Home or End selects from the caret (or from the
    top of the view when nothing is selected), so a passage can be bookmarked
    without dragging; with caret browsing (F7) the caret is shown and moves with
    the arrows as in a browser. Ctrl+wheel zooms the text.
    """

    markClicked = Signal(str, str)
    zoomChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zoom = ZOOM_DEFAULT
        self._measure: int | None = None  # characters a line at most, None: full width
        self._caret = False
        self._hidden: frozenset[str] = frozenset()  # layers not drawn
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setObjectName("reader")
        self.viewport().setMouseTracking(True)
        self.article: Article | None = None
        self.offsets = OffsetMap()
        self._marks: list[Mark] = []
        self._meta_text = ""
        self._meta_tip = ""
        self._placeholder = ""
        self._colours = HighlightColours.from_palette(self.palette())
        self._matches: list[tuple[int, int]] = []
        self._current_match: tuple[int, int] | None = None
        self._focus: list[tuple[int, int]] = []
        self._bookmarks: list[tuple[int, int]] = []
        self._flash: tuple[int, int] | None = None
        self._flash_on = False
        self._flash_left = 0
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(FLASH_INTERVAL_MS)
        self._flash_timer.timeout.connect(self._flash_step)

    # Safety: nothing is ever fetched, whatever a document contains.

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        """Refuse every resource (images, style sheets, links)."""
        return None

    def setSource(self, name: QUrl | str, type: Any = None) -> None:
        """Never navigate."""

    # Rendering

    @property
    def colours(self) -> HighlightColours:
        """The highlight colours in use."""
        return self._colours

    def show_placeholder(self, text: str) -> None:
        """Show a hint instead of an article."""
        self.article = None
        self.offsets = OffsetMap()
        self._marks = []
        self._matches = []
        self._current_match = None
        self._focus = []
        self._placeholder = text
        document = QTextDocument(self)
        cursor = QTextCursor(document)
        fmt = QTextBlockFormat()
        fmt.setAlignment(self._centre())
        fmt.setTopMargin(40)
        cursor.setBlockFormat(fmt)
        cursor.insertText(text)
        self.setDocument(document)
        self._refresh_extra_selections()

    def show_article(
        self, article: Article, meta_text: str, marks: list[Mark], meta_tip: str = ""
    ) -> None:
        """Render ``article`` with ``marks`` highlighted; ``meta_text`` is the date line
        and ``meta_tip`` its hover text (why a date is estimated)."""
        same = self.article is not None and self.article.id == article.id
        if not same:
            self._matches = []
            self._current_match = None
            self._focus = []
            self._bookmarks = []
            self._flash = None
        self.article = article
        self._meta_text = meta_text
        self._meta_tip = meta_tip
        self._marks = list(marks)
        self._render()

    def set_marks(self, marks: list[Mark]) -> None:
        """Replace the highlights of the current article, keeping the scroll position."""
        self._marks = list(marks)
        if self.article is not None:
            top = self.top_offset()
            self._render()
            if top is not None:
                self.scroll_to_offset(top)

    def set_meta_text(self, text: str, tip: str = "") -> None:
        """Replace the date line and its hover text (after a language change)."""
        self._meta_text = text
        self._meta_tip = tip
        if self.article is not None:
            top = self.top_offset()
            self._render()
            if top is not None:
                self.scroll_to_offset(top)

    @staticmethod
    def _centre() -> Qt.AlignmentFlag:
        return Qt.AlignmentFlag.AlignHCenter

    def _render(self) -> None:
        article = self.article
        assert article is not None
        document = QTextDocument(self)
        base_font = QFont(self.font())
        base_size = base_font.pointSizeF() if base_font.pointSizeF() > 0 else 10.0
        base_size *= self._zoom / 100
        base_font.setPointSizeF(base_size * 1.15)
        document.setDefaultFont(base_font)
        document.setDocumentMargin(24)
        self.offsets = OffsetMap()
        offsets = self.offsets
        cursor = QTextCursor(document)
        heading_levels = {
            s.heading_block_id: s.level for s in article.iter_sections() if s.heading_block_id
        }
        meta_after = self._meta_position(article)
        first = True
        for index, block in enumerate(article.blocks):
            block_format, char_format, decoration = self._formats(
                block, heading_levels.get(block.id, 1), base_size
            )
            if first:
                cursor.setBlockFormat(block_format)
                first = False
            else:
                cursor.insertBlock(block_format, char_format)
            cursor.setCharFormat(char_format)
            if decoration:
                cursor.insertText(decoration, char_format)
            offsets.add(
                block, cursor.position(), cursor.block().blockNumber(), utf16_len(decoration)
            )
            cursor.insertText(block.text.translate(_BLOCK_BREAKING), char_format)
            if index == meta_after and self._meta_text:
                meta_block = QTextBlockFormat()
                meta_block.setAlignment(self._centre())
                meta_block.setBottomMargin(18)
                meta_char = QTextCharFormat()
                meta_char.setFontPointSize(base_size * 0.95)
                if self._meta_tip:
                    meta_char.setToolTip(self._meta_tip)
                cursor.insertBlock(meta_block, meta_char)
                cursor.insertText(self._meta_text.translate(_BLOCK_BREAKING), meta_char)
        if meta_after < 0 and self._meta_text:
            cursor.movePosition(QTextCursor.MoveOperation.Start)
            cursor.insertText(self._meta_text.translate(_BLOCK_BREAKING))
            cursor.insertBlock()
        self._apply_marks(document)
        self.setDocument(document)
        self._refresh_extra_selections()

    @staticmethod
    def _meta_position(article: Article) -> int:
        """Index of the block after which the date line goes (-1: at the top)."""
        position = -1
        for index, block in enumerate(article.blocks):
            if block.kind in (BlockKind.TITLE, BlockKind.SUBTITLE, BlockKind.BYLINE):
                position = index
            elif block.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING):
                break
        return position

    def _formats(
        self, block: Block, level: int, base: float
    ) -> tuple[QTextBlockFormat, QTextCharFormat, str]:
        block_format = QTextBlockFormat()
        char_format = QTextCharFormat()
        block_format.setBottomMargin(10)
        block_format.setLineHeight(150, _PROPORTIONAL)
        decoration = ""
        kind = block.kind
        if kind == BlockKind.TITLE:
            block_format.setAlignment(self._centre())
            block_format.setTopMargin(6)
            block_format.setLineHeight(120, _PROPORTIONAL)
            char_format.setFontPointSize(base * 1.75)
            char_format.setFontWeight(QFont.Weight.Bold)
        elif kind == BlockKind.SUBTITLE:
            block_format.setAlignment(self._centre())
            char_format.setFontPointSize(base * 1.25)
        elif kind == BlockKind.BYLINE:
            block_format.setAlignment(self._centre())
            block_format.setBottomMargin(2)
            char_format.setFontPointSize(base * 0.95)
        elif kind == BlockKind.HEADING:
            block_format.setTopMargin(18 if level <= 1 else 10)
            scale = {1: 1.4, 2: 1.2}.get(level, 1.1)
            char_format.setFontPointSize(base * scale)
            char_format.setFontWeight(QFont.Weight.Bold)
        elif kind == BlockKind.CAPTION:
            block_format.setAlignment(self._centre())
            char_format.setFontPointSize(base * 0.95)
            char_format.setFontItalic(False)
            char_format.setForeground(muted_text(self.palette()))
            decoration = "▲ "
        elif kind == BlockKind.SOURCE_NOTE:
            char_format.setFontPointSize(base * 0.95)
            char_format.setForeground(muted_text(self.palette()))
        else:
            block_format.setTextIndent(base * 1.15 * 2 * 1.33)  # two characters, in pixels
            char_format.setFontPointSize(base * 1.15)
        return block_format, char_format, decoration

    def _apply_marks(self, document: QTextDocument) -> None:
        colours = self._colours
        cursor = QTextCursor(document)
        # Entities first, figures last: where a figure sits inside a project's name
        # the figure's background wins and the project's underline stays.
        order = {MarkKind.ORGANIZATION: 0, MarkKind.PROJECT: 1, MarkKind.FIGURE: 2}
        for mark in sorted(self._marks, key=lambda m: order[m.kind]):
            if mark.layer_name in self._hidden:
                continue
            start, end = self.offsets.position(mark.start), self.offsets.position(mark.end)
            if end <= start:
                continue
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            if mark.tip:
                fmt.setToolTip(mark.tip)
            if mark.kind == MarkKind.FIGURE:
                fmt.setBackground(colours.figure)
                fmt.setProperty(FIGURE_KEY_PROPERTY, mark.key)
            else:
                fmt.setProperty(MARK_KIND_PROPERTY, mark.kind.value)
                fmt.setProperty(MARK_KEY_PROPERTY, mark.key)
                fmt.setUnderlineColor(colours.project_line)
                if mark.kind == MarkKind.PROJECT:
                    fmt.setBackground(colours.project)
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                else:
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            cursor.mergeCharFormat(fmt)

    # Offsets

    def position(self, offset: int) -> int:
        """Document position of an article offset."""
        return self.offsets.position(offset)

    def offset_at_position(self, position: int) -> int | None:
        """Article offset at a document position (None outside article text)."""
        block = self.document().findBlock(position)
        if not block.isValid():
            return None
        return self.offsets.offset(block.blockNumber(), position - block.position())

    def cursor_for(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting article offsets ``start``..``end``."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.position(start))
        cursor.setPosition(self.position(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def current_selection(self) -> tuple[int, int] | None:
        """The selected article text as offsets, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or not self.offsets:
            return None
        start = self.offset_at_position(cursor.selectionStart())
        end = self.offset_at_position(cursor.selectionEnd())
        if start is None or end is None or end <= start:
            return None
        return start, end

    # Scrolling

    def _document_y(self, offset: int) -> float:
        self.document().documentLayout().documentSize()  # lays out what is needed
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.position(offset))
        rect = self.cursorRect(cursor)
        return float(rect.top() + self.verticalScrollBar().value())

    def scroll_to_offset(self, offset: int, centre: bool = False) -> None:
        """Scroll so that article ``offset`` is at the top (or a third down when ``centre``)."""
        if not self.offsets:
            return
        y = self._document_y(offset)
        margin = self.viewport().height() / 3 if centre else 8
        self.verticalScrollBar().setValue(int(max(0.0, y - margin)))

    def top_offset(self) -> int | None:
        """The article offset of the first character visible at the top of the view."""
        if not self.offsets:
            return None
        cursor = self.cursorForPosition(QPoint(8, 8))
        return self.offset_at_position(cursor.position())

    # Search matches, focus and flash (extra selections: they never touch the document)

    def set_matches(self, matches: list[tuple[int, int]]) -> None:
        """Highlight search matches (article offsets) in the search colour."""
        self._matches = sorted(matches)
        if self._current_match not in self._matches:
            self._current_match = None
        self._refresh_extra_selections()

    @property
    def matches(self) -> list[tuple[int, int]]:
        """The highlighted search matches."""
        return list(self._matches)

    def set_current_match(self, match: tuple[int, int] | None) -> None:
        """Mark one match as the current one, scroll to it and flash it."""
        self._current_match = match
        self._refresh_extra_selections()
        if match is not None:
            self.scroll_to_offset(match[0], centre=True)
            self.flash(*match)

    def focus_spans(self, spans: list[tuple[int, int]], scroll: bool = True) -> None:
        """Highlight the spans of a figure or entity chosen elsewhere, scroll to the first."""
        self._focus = sorted(spans)
        self._refresh_extra_selections()
        if spans and scroll:
            first = self._focus[0]
            self.scroll_to_offset(first[0], centre=True)
            self.flash(*first)

    def set_bookmark_spans(self, spans: list[tuple[int, int]]) -> None:
        """Mark bookmarked passages (article offsets) with a dashed underline."""
        self._bookmarks = sorted(spans)
        self._refresh_extra_selections()

    def flash(self, start: int, end: int) -> None:
        """Blink a span a few times to draw the eye to it."""
        self._flash = (start, end)
        self._flash_left = FLASH_TOGGLES
        self._flash_on = True
        self._refresh_extra_selections()
        self._flash_timer.start()

    def _flash_step(self) -> None:
        self._flash_left -= 1
        self._flash_on = not self._flash_on and self._flash_left > 0
        if self._flash_left <= 0:
            self._flash_timer.stop()
            self._flash = None
        self._refresh_extra_selections()

    def extra_spans(self) -> dict[str, list[tuple[int, int]]]:
        """The spans drawn as extra selections, by purpose, in article offsets."""
        spans: dict[str, list[tuple[int, int]]] = {
            "matches": list(self._matches),
            "current": [self._current_match] if self._current_match else [],
            "focus": list(self._focus),
            "bookmarks": list(self._bookmarks),
            "flash": [self._flash] if self._flash and self._flash_on else [],
        }
        return spans

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self.cursor_for(start, end)
        selection.format = fmt
        return selection

    def _refresh_extra_selections(self) -> None:
        if not self.offsets:
            self.setExtraSelections([])
            return
        colours = self._colours
        selections: list[QTextEdit.ExtraSelection] = []
        match_format = QTextCharFormat()
        match_format.setBackground(colours.search)
        current_format = QTextCharFormat()
        current_format.setBackground(colours.current)
        current_format.setFontWeight(QFont.Weight.Bold)
        focus_format = QTextCharFormat()
        focus_format.setBackground(colours.current)
        focus_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        focus_format.setUnderlineColor(self.palette().color(QPalette.ColorRole.Text))
        flash_format = QTextCharFormat()
        flash_format.setBackground(self.palette().color(QPalette.ColorRole.Highlight))
        flash_format.setForeground(self.palette().color(QPalette.ColorRole.HighlightedText))
        bookmark_format = QTextCharFormat()
        bookmark_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        bookmark_format.setUnderlineColor(self.palette().color(QPalette.ColorRole.Link))
        for start, end in self._bookmarks:
            selections.append(self._selection(start, end, bookmark_format))
        for start, end in [] if "search" in self._hidden else self._matches:
            selections.append(self._selection(start, end, match_format))
        if self._current_match:
            selections.append(self._selection(*self._current_match, current_format))
        for start, end in self._focus:
            selections.append(self._selection(start, end, focus_format))
        if self._flash and self._flash_on:
            selections.append(self._selection(*self._flash, flash_format))
        self.setExtraSelections(selections)

    # Clicking a highlight

    def _format_at(self, point: QPoint) -> QTextFormat | None:
        document_point = QPointF(
            point.x() + self.horizontalScrollBar().value(),
            point.y() + self.verticalScrollBar().value(),
        )
        fmt = self.document().documentLayout().formatAt(document_point)
        return fmt if fmt.isValid() else None

    def mark_at(self, point: QPoint) -> tuple[str, str] | None:
        """The (kind, key) of the highlight under a viewport point, if any."""
        fmt = self._format_at(point)
        if fmt is None:
            return None
        figure = fmt.property(FIGURE_KEY_PROPERTY)
        if figure:
            return MarkKind.FIGURE.value, str(figure)
        kind = fmt.property(MARK_KIND_PROPERTY)
        if kind:
            return str(kind), str(fmt.property(MARK_KEY_PROPERTY))
        return None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A plain click (no text selected) on a highlight reports it."""
        super().mouseReleaseEvent(event)
        if self.textCursor().hasSelection():
            return
        found = self.mark_at(event.position().toPoint())
        if found is not None:
            event.accept()
            self.markClicked.emit(*found)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Show a pointing hand over clickable highlights."""
        super().mouseMoveEvent(event)
        over = self.mark_at(event.position().toPoint()) is not None
        self.viewport().setCursor(
            Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor
        )

    # Zoom, measure, keyboard selection

    @property
    def zoom(self) -> int:
        """The text size in percent of the default."""
        return self._zoom

    def set_zoom(self, percent: int) -> None:
        """Set the text size (clamped to ZOOM_MIN..ZOOM_MAX), keeping the reading place."""
        percent = max(ZOOM_MIN, min(ZOOM_MAX, int(percent)))
        if percent == self._zoom:
            return
        self._zoom = percent
        self._rerender_in_place()
        self._apply_measure()
        self.zoomChanged.emit(percent)

    def zoom_in(self) -> None:
        """One step larger (Ctrl+=)."""
        self.set_zoom(self._zoom + ZOOM_STEP)

    def zoom_out(self) -> None:
        """One step smaller (Ctrl+-)."""
        self.set_zoom(self._zoom - ZOOM_STEP)

    def reset_zoom(self) -> None:
        """The default size (Ctrl+0)."""
        self.set_zoom(ZOOM_DEFAULT)

    def _rerender_in_place(self) -> None:
        if self.article is None:
            if self._placeholder:
                self.show_placeholder(self._placeholder)
            return
        top = self.top_offset()
        self._render()
        if top is not None:
            self.scroll_to_offset(top)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms the text (of this article and the next), else scrolls."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self._zoom + round(steps * ZOOM_STEP) or (1 if steps > 0 else -1))
            event.accept()
            return
        super().wheelEvent(event)

    def set_measure(self, characters: int | None) -> None:
        """Keep lines at most ``characters`` wide, centred (None: the full width)."""
        self._measure = characters
        self._apply_measure()

    def _apply_measure(self) -> None:
        side = 0
        if self._measure:
            font = QFont(self.document().defaultFont())
            font.setPointSizeF(self._body_size())
            advance = QFontMetricsF(font, self.viewport()).horizontalAdvance("国")
            column = advance * self._measure + 2 * self.document().documentMargin()
            bar = self.verticalScrollBar().sizeHint().width()
            side = max(0, int((self.width() - bar - column) / 2))
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)

    def _body_size(self) -> float:
        """The point size of body paragraphs at the current zoom (see :meth:`_formats`)."""
        size = self.font().pointSizeF()
        return (size if size > 0 else 10.0) * self._zoom / 100 * 1.15

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Recentre the text column when a measure is set."""
        self._apply_measure()
        super().resizeEvent(event)

    @property
    def hidden_layers(self) -> frozenset[str]:
        """The highlight layers not drawn (see LAYERS)."""
        return self._hidden

    def set_hidden_layers(self, layers: set[str] | frozenset[str]) -> None:
        """Draw every highlight layer but ``layers``; the reading place is kept. The
        current match and a chosen figure or passage are always shown."""
        hidden = frozenset(layers) & frozenset(LAYERS)
        if hidden == self._hidden:
            return
        self._hidden = hidden
        self._rerender_in_place()

    @property
    def caret_browsing(self) -> bool:
        """Whether the caret is shown and the arrows move it (F7)."""
        return self._caret

    def set_caret_browsing(self, on: bool) -> None:
        """Caret browsing on or off; turning it on puts the caret at the top of the view."""
        self._caret = on
        flags = Qt.TextInteractionFlag.TextBrowserInteraction
        if on:
            flags |= Qt.TextInteractionFlag.TextSelectableByKeyboard
        self.setTextInteractionFlags(flags)
        self.setCursorWidth(1 if on else 0)
        if on and not self.textCursor().hasSelection():
            self.setTextCursor(self.cursorForPosition(QPoint(0, 0)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Shift with an arrow, Home or End extends the selection, caret browsing or not."""
        key = Qt.Key(event.key())
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if self._caret or not shift or key not in _SELECT_KEYS:
            super().keyPressEvent(event)
            return
        cursor = self.textCursor()
        if not cursor.hasSelection() and not self._cursor_in_view(cursor):
            cursor = self.cursorForPosition(QPoint(0, 0))
        cursor.movePosition(_SELECT_KEYS[key], QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        event.accept()

    def _cursor_in_view(self, cursor: QTextCursor) -> bool:
        return self.viewport().rect().contains(self.cursorRect(cursor).center())

    def changeEvent(self, event: QEvent) -> None:
        """Recolour the highlights when the palette changes (dark mode)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colours = HighlightColours.from_palette(self.palette())
            if self.article is not None:
                self.set_marks(self._marks)
            else:
                self._refresh_extra_selections()

    def highlight_colour(self, kind: MarkKind) -> QColor:
        """The background colour of a kind of mark (for legends)."""
        return self._colours.figure if kind == MarkKind.FIGURE else self._colours.project
