"""Going back and forward after jumps, copying a passage with its citation, and the
reader's context menu (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jining_archive.library import Library
from jining_archive.ui.history import History, Place
from jining_archive.ui.main_window import MainWindow
from window_tools import library_in, show_window

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

PARKS = "2023-intl-parks"
ROADS = "2020-eight-roads"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    yield from library_in(tmp_path_factory.mktemp("navigation-home"))


@pytest.fixture
def window(qtbot: QtBot, prepared: Library, tmp_path: Path) -> MainWindow:
    window = show_window(qtbot, prepared, tmp_path / "settings.ini", size=(1360, 860), active=True)
    window.open_article(ROADS)
    QApplication.processEvents()
    return window


# -- the history on its own ------------------------------------------------------------


def test_history_goes_back_and_forward_like_a_browser() -> None:
    history = History()
    a, b, c = Place("a", 0), Place("b", 10), Place("c", 20)
    history.record(a, b)  # a → b
    history.record(b, c)  # b → c
    assert history.back(c) == b
    assert history.back(b) == a
    assert history.back(a) is None and not history.can_go_back
    assert history.forward(a) == b
    history.record(b, Place("d", 0))  # a new jump drops what was ahead
    assert not history.can_go_forward
    assert history.back(Place("d", 0)) == b


def test_history_keeps_only_its_limit() -> None:
    history = History(limit=3)
    for n in range(10):
        history.record(Place("x", n), Place("x", n + 1))
    behind = []
    place: Place | None = Place("x", 10)
    while (place := history.back(place)) is not None:
        behind.append(place.offset)
    assert behind == [9, 8, 7]


# -- in the window ---------------------------------------------------------------------


def test_back_and_forward_after_jumps(qtbot: QtBot, window: MainWindow, prepared: Library) -> None:
    parks = prepared.article(PARKS)
    target = parks.text.index("进出口")
    assert not window.back_action.isEnabled()
    window.open_article(PARKS, target, target + 3)  # e.g. a search hit or a bookmark
    assert window.current_article is not None and window.current_article.id == PARKS
    assert window.back_action.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_article.id == ROADS
    assert window.forward_action.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_article.id == PARKS
    top = window.reader.top_offset()
    assert top is not None and top <= target  # the passage is on screen again

    # The mouse's back button does the same.
    viewport = window.reader.viewport()
    centre = QPointF(viewport.rect().center())
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        centre,
        QPointF(viewport.mapToGlobal(centre.toPoint())),
        Qt.MouseButton.BackButton,
        Qt.MouseButton.BackButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, press)
    assert window.current_article.id == ROADS


def test_copy_with_citation(qtbot: QtBot, window: MainWindow, prepared: Library) -> None:
    window.open_article(PARKS)
    parks = prepared.article(PARKS)
    start = parks.text.index("进出口")
    cursor = window.reader.cursor_for(start, start + 3)
    window.reader.setTextCursor(cursor)
    qtbot.keyClick(
        window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    copied = QGuiApplication.clipboard().text()
    quote, reference = copied.split("\n")
    assert quote == "“进出口”"
    assert reference.startswith(f"——《{parks.title}》")
    assert parks.source in reference and "2023-09" in reference


def test_copy_with_citation_without_a_selection_says_so(window: MainWindow) -> None:
    window.reader.setTextCursor(QTextCursor(window.reader.document()))
    QGuiApplication.clipboard().setText("before")
    window.copy_cited_action.trigger()
    assert QGuiApplication.clipboard().text() == "before"
    assert "先选中" in window.status.currentMessage()


@pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing the keyboard|propagateSizeHints)"
)
def test_reader_menu_offers_copy_cite_bookmark_search_and_the_side_panel(
    qtbot: QtBot, window: MainWindow, prepared: Library
) -> None:
    with qtbot.waitSignal(window.annotationsReady, timeout=60_000):
        window.refresh_annotations()
    figure = next(f for f in prepared.figures() if f.article_id == ROADS)
    cursor = window.reader.cursor_for(figure.start, figure.end)
    window.reader.setTextCursor(cursor)
    rect = window.reader.cursorRect(window.reader.cursor_for(figure.start, figure.start))
    point = QPoint(rect.right() + 3, rect.center().y())
    assert window.reader.mark_at(point) is not None
    window._reader_menu(point)
    menu = window.reader_menu
    assert menu is not None
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:2] == ["复制", "复制并附出处"]
    assert window.bookmark_action.text() in texts
    assert "在全部文章中搜索所选文字" in texts
    assert "在侧栏中显示这个数字" in texts and texts[-1] == "全选"
    show = next(a for a in menu.actions() if a.text() == "在侧栏中显示这个数字")
    show.trigger()
    assert window.side_panel.isVisible()
    menu.close()


# -- find in this article --------------------------------------------------------------


def test_find_in_article_is_its_own_search(
    qtbot: QtBot, window: MainWindow, prepared: Library
) -> None:
    from jining_archive.ui.find_bar import find_all_folded

    roads = prepared.article(ROADS)
    expected = []
    at = roads.text.find("高新区")
    while at >= 0:
        expected.append((at, at + 3))
        at = roads.text.find("高新区", at + 3)
    assert len(expected) >= 3
    assert find_all_folded(roads.text, "高新區") == expected  # traditional input folds

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    assert not window.search_field.hasFocus()  # the archive search is another thing
    bar.field.setText("高新区")
    assert bar.matches == expected
    assert window.reader.matches == expected
    assert bar.count_label.text() == f"第 1 个，共 {len(expected)} 个"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # Enter right after typing: the first
    assert window.reader._current_match == expected[0]
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert window.reader._current_match == expected[1]
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.reader._current_match == expected[0]
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.reader._current_match == expected[-1]  # round to the last

    window.open_article(PARKS)  # another article: found again in it
    parks = prepared.article(PARKS)
    assert bar.matches == find_all_folded(parks.text, "高新区")
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.reader.matches == []  # no archive search: nothing left marked

    bar.field.setText("没有这样的文字")
    assert bar.count_label.text() == "没有找到"


def test_archive_search_has_its_own_shortcut(qtbot: QtBot, window: MainWindow) -> None:
    with (
        qtbot.waitSignal(window.searchReady, timeout=60_000),
        qtbot.waitSignal(window.annotationsReady, timeout=60_000),
    ):
        window.start_background_work()  # the search field is enabled once the index is ready
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert QApplication.focusWidget() is window.search_field
    assert not window.find_bar.isVisible()


# -- the other context menus -------------------------------------------------------------


MENU_LOG = "This plugin does not support (raise|grabbing the keyboard|propagateSizeHints)"


@pytest.mark.qt_log_ignore(MENU_LOG)
def test_results_menu_opens_and_copies_whole_passages(
    qtbot: QtBot, window: MainWindow, prepared: Library
) -> None:
    with qtbot.waitSignal(window.searchReady, timeout=60_000):
        window.start_background_work()
    with qtbot.waitSignal(window.searchFinished, timeout=60_000):
        window.search_field.setText("进出口")
    QApplication.processEvents()
    group = window.results_model.index(0, 0)
    hit = window.results_model.index(0, 0, group)
    window.results_view.scrollTo(hit)
    point = window.results_view.visualRect(hit).center()
    window._results_menu(point)
    menu = window.results_menu
    assert menu is not None
    texts = [a.text() for a in menu.actions()]
    assert texts == ["打开", "复制这段文字", "复制这段文字并附出处"]
    article_id = hit.data(Qt.ItemDataRole.UserRole + 30)
    article = prepared.article(article_id)
    start = hit.data(Qt.ItemDataRole.UserRole + 31)
    block = next(b for b in article.blocks if b.start <= start < b.end)
    menu.actions()[1].trigger()
    assert QGuiApplication.clipboard().text() == block.text
    menu.actions()[2].trigger()
    quote, reference = QGuiApplication.clipboard().text().split("\n")
    assert quote == f"“{block.text}”" and reference.startswith(f"——《{article.title}》")
    menu.actions()[0].trigger()
    assert window.current_article is not None and window.current_article.id == article_id
    menu.close()


@pytest.mark.qt_log_ignore(MENU_LOG)
def test_tree_menu_exports_one_articles_notes(
    qtbot: QtBot, window: MainWindow, prepared: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jining_archive.notes.targets import passage_bookmark
    from jining_archive.ui import tree_model
    from jining_archive.ui.export_dialog import ExportDialog

    parks = prepared.article(PARKS)
    start = parks.text.index("进出口")
    store = window.notes.store
    assert store is not None
    store.add(passage_bookmark(parks, start, start + 3))
    monkeypatch.setattr(ExportDialog, "exec", lambda self: 0)  # look at it, do not block
    view = window.tree_view
    model = view.model()
    row = next(
        r
        for r in range(model.rowCount())
        if model.index(r, 0).data(tree_model.ARTICLE_ID_ROLE) == PARKS
    )
    point = view.visualRect(model.index(row, 0)).center()
    window.archive._tree_menu(point)
    action = window.archive.export_article_notes_action
    assert action.isEnabled() and action.text() == "导出本文的书签和笔记…"
    action.trigger()
    dialog = window.notes.last_dialog
    assert dialog is not None
    assert dialog.article_radio.isChecked()
    assert dialog.article_combo.currentData() == PARKS
    assert [b.article_id for b in dialog.chosen_bookmarks()] == [PARKS]


@pytest.mark.qt_log_ignore(MENU_LOG)
def test_bookmarks_menu_edits_copies_and_deletes(
    qtbot: QtBot, window: MainWindow, prepared: Library
) -> None:
    from jining_archive.notes.targets import passage_bookmark

    parks = prepared.article(PARKS)
    start = parks.text.index("进出口")
    panel = window.notes.panel
    assert panel is not None and window.notes.store is not None
    saved = window.notes.store.add(passage_bookmark(parks, start, start + 3))
    panel.refresh()
    panel.select_bookmarks([saved.id])
    panel._menu(QPoint(5, 5))
    menu = panel.context_menu
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["编辑", "复制引文和出处", "删除"]
    panel.copy_action.trigger()
    quote, reference = QGuiApplication.clipboard().text().split("\n")
    assert quote == "“进出口”" and reference.startswith(f"——《{parks.title}》")
    menu.close()


# -- print and PDF ---------------------------------------------------------------------------


def test_the_article_is_saved_as_pdf_with_its_notes(
    qtbot: QtBot, window: MainWindow, prepared: Library, tmp_path: Path
) -> None:
    import pypdfium2

    from jining_archive.notes.targets import passage_bookmark

    parks = prepared.article(PARKS)
    start = parks.text.index("进出口")
    bookmark = passage_bookmark(parks, start, start + 3, note="外贸的数字要核对")
    assert window.notes.store is not None
    window.notes.store.add(bookmark)
    window.open_article(PARKS)
    target = tmp_path / "parks.pdf"
    assert window.save_pdf(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    document = pypdfium2.PdfDocument(data)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    flat = "".join(text.split())
    assert "".join(parks.title.split())[:12] in flat
    assert "本文的书签和笔记（1条）" in flat
    assert "“进出口”" in flat and "外贸的数字要核对" in flat
    width, height = document[0].get_size()
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)  # A4, in mm


def test_a_read_only_pdf_is_not_replaced(window: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "kept.pdf"
    target.write_bytes(b"mine")
    target.chmod(0o444)
    assert not window.save_pdf(target)
    assert target.read_bytes() == b"mine"
    assert "只读" in window.status.problem_label.text()


def test_copy_with_citation_follows_the_chosen_style(window: MainWindow, prepared: Library) -> None:
    from jining_archive.ui import settings as opts

    window.settings.set(opts.CITATION_STYLE, "gbt7714")
    window.open_article(PARKS)
    parks = prepared.article(PARKS)
    start = parks.text.index("进出口")
    window.reader.setTextCursor(window.reader.cursor_for(start, start + 3))
    window.copy_cited_action.trigger()
    lines = QGuiApplication.clipboard().text().split("\n")
    assert lines[0] == "“进出口”"
    # GB/T 7714 for a newspaper: 著者. 题名[N]. 报纸名, 日期. — the estimated date as [2023].
    assert lines[1].startswith("——") and "[N]. " in lines[1]
    assert f"{parks.source}, [2023]." in lines[1]
    assert lines[2].startswith("章节：")
