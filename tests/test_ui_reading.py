"""Reading habits in the window: zoom that acts at once and is remembered, selecting
text with the keyboard (Shift+arrows, caret browsing on F7), reading mode that
Escape leaves and that keeps the reading place, and secondary text that keeps
WCAG AA contrast in light and dark palettes (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPalette, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jining_archive.documents.model import BlockKind
from jining_archive.library import Library
from jining_archive.ui.highlights import MIN_CONTRAST, contrast_ratio, muted_text
from jining_archive.ui.main_window import MainWindow
from jining_archive.ui.reader import READING_MEASURE, ReaderView
from window_tools import library_in, show_window

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

INTL_PARKS = "2023-intl-parks"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    yield from library_in(tmp_path_factory.mktemp("reading-home"))


def open_window(qtbot: QtBot, library: Library, settings: Path) -> MainWindow:
    window = show_window(qtbot, library, settings, size=(1360, 860), active=True)
    window.open_article(INTL_PARKS)
    return window


@pytest.fixture
def window(qtbot: QtBot, prepared: Library, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, prepared, tmp_path / "settings.ini")


def paragraph_size(reader: ReaderView) -> float:
    """The point size of the first body paragraph as the reader set it."""
    article = reader.article
    assert article is not None
    block = next(b for b in article.blocks if b.kind == BlockKind.PARAGRAPH)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.position(block.start) + 1)
    return cursor.charFormat().fontPointSize()


def wheel(reader: ReaderView, notches: int, modifiers: Qt.KeyboardModifier) -> None:
    centre = QPointF(reader.viewport().rect().center())
    event = QWheelEvent(
        centre,
        QPointF(reader.viewport().mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(reader.viewport(), event)


# -- zoom ------------------------------------------------------------------------------


def test_zoom_changes_the_open_article_at_once_and_is_remembered(
    qtbot: QtBot, prepared: Library, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.ini"
    window = open_window(qtbot, prepared, settings)
    reader = window.reader
    normal = paragraph_size(reader)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert reader.zoom == 110
    assert paragraph_size(reader) == pytest.approx(normal * 1.1)
    wheel(reader, 1, Qt.KeyboardModifier.ControlModifier)  # Ctrl+wheel: this article too
    assert reader.zoom == 120
    assert paragraph_size(reader) == pytest.approx(normal * 1.2)
    top = reader.verticalScrollBar().value()
    wheel(reader, -1, Qt.KeyboardModifier.NoModifier)  # a plain wheel still scrolls
    assert reader.zoom == 120
    assert reader.verticalScrollBar().value() >= top
    window.close()

    again = open_window(qtbot, prepared, settings)
    assert again.reader.zoom == 120
    assert paragraph_size(again.reader) == pytest.approx(normal * 1.2)
    qtbot.keyClick(again, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.reader.zoom == 100
    assert paragraph_size(again.reader) == pytest.approx(normal)
    qtbot.keyClick(again, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert paragraph_size(again.reader) == pytest.approx(normal * 0.9)


def test_zoom_stays_within_its_limits(window: MainWindow) -> None:
    for _ in range(40):
        window.zoom_in_action.trigger()
    assert window.reader.zoom == 300
    for _ in range(60):
        window.zoom_out_action.trigger()
    assert window.reader.zoom == 50


def test_zoom_actions_are_in_the_view_menu(window: MainWindow) -> None:
    actions = window.view_menu.actions()
    for action in (window.zoom_in_action, window.zoom_out_action, window.zoom_reset_action):
        assert action in actions and action.text()
    shortcuts = {s.toString() for s in window.zoom_in_action.shortcuts()}
    assert "Ctrl+=" in shortcuts


# -- selecting with the keyboard -------------------------------------------------------


def test_shift_arrows_select_from_the_top_of_the_view(qtbot: QtBot, window: MainWindow) -> None:
    reader = window.reader
    article = reader.article
    assert article is not None
    reader.verticalScrollBar().setValue(0)
    reader.setFocus()
    for _ in range(4):
        qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    selection = reader.current_selection()
    assert selection is not None
    start, end = selection
    first = article.blocks[0]  # the top of the view is the start of the first block
    assert (start, end) == (first.start, first.start + 4)
    assert article.text[start:end] == first.text[:4]
    qtbot.keyClick(reader, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    longer = reader.current_selection()
    assert longer is not None and longer[0] == start and longer[1] > end
    assert window.bookmark_action.isEnabled()  # the passage can be bookmarked now


def test_caret_browsing_moves_a_visible_caret(qtbot: QtBot, window: MainWindow) -> None:
    reader = window.reader
    reader.verticalScrollBar().setValue(0)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert reader.caret_browsing and window.caret_action.isChecked()
    assert reader.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert reader.cursorWidth() > 0
    before = reader.textCursor().position()
    qtbot.keyClick(reader, Qt.Key.Key_Right)
    assert reader.textCursor().position() == before + 1
    assert not reader.textCursor().hasSelection()
    qtbot.keyClick(reader, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert reader.textCursor().hasSelection()
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert not reader.caret_browsing
    assert not reader.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard


# -- reading mode ----------------------------------------------------------------------


def test_escape_leaves_reading_mode_and_the_place_is_kept(qtbot: QtBot, window: MainWindow) -> None:
    reader = window.reader
    article = reader.article
    assert article is not None
    middle = next(b for b in article.blocks[len(article.blocks) // 2 :] if b.kind == "paragraph")
    reader.scroll_to_offset(middle.start)
    QApplication.processEvents()
    before = reader.top_offset()
    assert before is not None

    def block_of(offset: int) -> str:
        return next(b.id for b in article.blocks if b.start <= offset <= b.end)

    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.left_tabs.isHidden()
    qtbot.wait(50)
    inside = reader.top_offset()
    assert inside is not None and block_of(inside) == block_of(before)
    # A readable column, centred: at most the measure, however wide the window.
    width = reader.viewport().width()
    advance = reader.fontMetrics().horizontalAdvance("国")
    assert reader.viewportMargins().left() > 0
    assert width <= advance * READING_MEASURE * 1.4 + 48

    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.reading_mode_action.isChecked()
    assert window.left_tabs.isVisible()
    qtbot.wait(50)
    after = reader.top_offset()
    assert after is not None and block_of(after) == block_of(before)
    assert reader.viewportMargins().left() == 0


def test_escape_does_nothing_to_reading_mode_when_it_is_off(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert not window.leave_reading_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.left_tabs.isVisible() and not window.reading_mode_action.isChecked()


# -- contrast --------------------------------------------------------------------------


def _palette(base: str, text: str, placeholder: str) -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    palette.setColor(QPalette.ColorRole.Text, QColor(text))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(placeholder))
    return palette


@pytest.mark.parametrize(
    ("base", "text", "placeholder"),
    [
        ("#ffffff", "#000000", "#a0a0a0"),  # a light theme's pale grey: about 2.6:1
        ("#1e1e1e", "#e6e6e6", "#6e6e6e"),  # a dark theme's dim grey: about 3.1:1
        ("#ffffff", "#000000", "#767676"),  # already AA: kept as it is
    ],
)
def test_captions_reach_wcag_aa(base: str, text: str, placeholder: str) -> None:
    palette = _palette(base, text, placeholder)
    muted = muted_text(palette)
    assert contrast_ratio(muted, QColor(base)) >= MIN_CONTRAST
    # Still secondary: no stronger than the body text.
    assert contrast_ratio(muted, QColor(base)) <= contrast_ratio(QColor(text), QColor(base))


def test_the_reader_draws_captions_in_the_muted_colour(window: MainWindow) -> None:
    reader = window.reader
    article = reader.article
    assert article is not None
    caption = next(b for b in article.blocks if b.kind == BlockKind.CAPTION)  # it has four
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.position(caption.start) + 1)
    colour = cursor.charFormat().foreground().color()
    base = reader.palette().color(QPalette.ColorRole.Base)
    assert contrast_ratio(colour, base) >= MIN_CONTRAST


# -- hover texts: highlights and estimated dates -----------------------------------------


def _tip_at(reader: ReaderView, offset: int) -> str:
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.position(offset) + 1)
    return cursor.charFormat().toolTip()


def test_a_figure_says_its_kind_value_and_measure_on_hover(
    qtbot: QtBot, window: MainWindow, prepared: Library
) -> None:
    with qtbot.waitSignal(window.annotationsReady, timeout=60_000):
        window.refresh_annotations()
    article = prepared.article(INTL_PARKS)
    assert article is not None
    money = next(f for f in prepared.figures() if f.article_id == INTL_PARKS and f.kind == "money")
    assert money.value is not None
    tip = _tip_at(window.reader, money.start)
    assert f"金额：{money.text}" in tip
    # The normalised value in yuan (digit grouping follows the locale).
    assert "数值：" in tip and "元" in tip
    assert str(int(money.value)) in tip.replace(",", "").replace("\u00a0", "")
    if money.measure:
        assert f"指标：{money.measure}" in tip


def test_a_project_says_its_kind_and_status_on_hover(
    qtbot: QtBot, window: MainWindow, prepared: Library
) -> None:
    with qtbot.waitSignal(window.annotationsReady, timeout=60_000):
        window.refresh_annotations()
    mention = next(
        m
        for p in prepared.projects()
        for m in p.mentions
        if m.article_id == INTL_PARKS and m.status
    )
    project = next(p for p in prepared.projects() if mention in p.mentions)
    tip = _tip_at(window.reader, mention.start)
    assert f"项目：{project.name}" in tip
    assert f"状态：{mention.status}" in tip


def test_an_estimated_date_has_one_marker_and_its_reason(
    window: MainWindow, prepared: Library
) -> None:
    article = prepared.article(INTL_PARKS)
    assert article is not None and article.date_estimated and article.date_note
    text = window.reader.toPlainText()
    assert "约 2023年9月" in text and "推测）" not in text
    meta = text.index("约 2023年9月")
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(meta + 1)
    assert "日期是推测的：" in cursor.charFormat().toolTip()
    # The tree: the same marker, and the reason in the row's tooltip.
    model = window.tree_view.model()
    for row in range(model.rowCount()):
        title = model.index(row, 0)
        if model.data(title, Qt.ItemDataRole.UserRole + 1) == INTL_PARKS:
            assert model.data(model.index(row, 1)) == "约 2023-09"
            tip = model.data(title, Qt.ItemDataRole.ToolTipRole)
            assert "日期是推测的：" in tip and article.date_note[:20] in tip
            break
    else:
        raise AssertionError("the article is not in the tree")


# -- highlight layers ----------------------------------------------------------------------


def _background_at(reader: ReaderView, offset: int) -> QColor:
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.position(offset) + 1)
    return cursor.charFormat().background().color()


def test_each_highlight_layer_can_be_hidden_and_is_remembered(
    qtbot: QtBot, prepared: Library, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.ini"
    window = open_window(qtbot, prepared, settings)
    with qtbot.waitSignal(window.annotationsReady, timeout=60_000):
        window.refresh_annotations()
    reader = window.reader
    figures = [f for f in prepared.figures() if f.article_id == INTL_PARKS]
    date = next(f for f in figures if f.kind == "date")
    money = next(f for f in figures if f.kind == "money")
    amber = reader.colours.figure
    assert _background_at(reader, date.start) == amber
    assert _background_at(reader, money.start) == amber

    window.layer_actions["date"].setChecked(False)  # View → Highlights → Dates
    assert _background_at(reader, date.start) != amber
    assert _background_at(reader, money.start) == amber  # other figures stay
    assert window.layer_actions["date"] in window.highlights_menu.actions()

    window.layer_actions["search"].setChecked(False)
    reader.set_matches([(money.start, money.end)])
    assert not any(
        s.format.background().color() == reader.colours.search for s in reader.extraSelections()
    )
    window.close()

    again = open_window(qtbot, prepared, settings)
    assert not again.layer_actions["date"].isChecked()
    assert again.reader.hidden_layers == {"date", "search"}
    again.layer_actions["date"].setChecked(True)
    with qtbot.waitSignal(again.annotationsReady, timeout=60_000):
        again.refresh_annotations()
    assert _background_at(again.reader, date.start) == again.reader.colours.figure


# -- small screens ---------------------------------------------------------------------------


def test_on_a_small_screen_the_side_panes_give_way_to_the_reader(
    qtbot: QtBot, window: MainWindow
) -> None:
    from jining_archive.ui.reader import MIN_MEASURE

    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    QApplication.processEvents()
    reader = window.reader
    assert reader.characters_per_line() >= MIN_MEASURE - 0.5
    tree, text, panel = window.splitter.sizes()
    assert text >= tree and text >= panel  # the reader is not the narrowest pane
    assert tree > 0  # the side panel gave way first, the tree is still there

    window.resize(800, 600)  # narrower still: the tree folds too if it must
    qtbot.waitUntil(lambda: window.width() == 800)
    QApplication.processEvents()
    assert reader.characters_per_line() >= MIN_MEASURE - 0.5 or window.splitter.sizes()[0] == 0

    window.resize(1600, 900)  # room again: both come back
    qtbot.waitUntil(lambda: window.width() == 1600)
    QApplication.processEvents()
    tree, text, panel = window.splitter.sizes()
    assert tree > 0 and panel > 0
    assert reader.characters_per_line() >= MIN_MEASURE


def test_a_relative_date_says_its_year_comes_from_the_estimated_article_date(
    qtbot: QtBot, prepared: Library, tmp_path: Path
) -> None:
    # 今年7月中旬 in an article whose date (2023-03) is estimated from its text.
    window = show_window(qtbot, prepared, tmp_path / "settings.ini", annotations=True)
    window.open_article("2023-climb-higher")
    article = window.reader.article
    assert article is not None and article.date_estimated
    at = article.text.index("今年7月中旬")
    (mark,) = [m for m in window.reader._marks if (m.start, m.end) == (at, at + 6)]
    assert "2023" in mark.tip
    assert "年份按估计的文章日期推算" in mark.tip
