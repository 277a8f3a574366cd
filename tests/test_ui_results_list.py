"""The search results list as a reader sees it: rows as tall as their text (no blank
space after a hit), a heading's hit without its title twice, a selected row whose
matches stay readable, snippets that keep numbers whole, and one vocabulary for
passages and matches (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jining_archive.library import Library
from jining_archive.search.results import ELLIPSIS, make_snippet
from jining_archive.ui import results_model
from jining_archive.ui.i18n import LanguageSwitcher
from jining_archive.ui.main_window import MainWindow
from jining_archive.ui.results_view import snippet_html
from jining_archive.ui.settings import Settings
from window_tools import indexed, library_in, show_window

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    yield from library_in(tmp_path_factory.mktemp("results-home"), indexed)


@pytest.fixture
def window(qtbot: QtBot, prepared: Library, tmp_path: Path) -> MainWindow:
    return show_window(
        qtbot, prepared, tmp_path / "settings.ini", size=(1360, 860), background=True
    )


def search(qtbot: QtBot, window: MainWindow, query: str) -> None:
    with qtbot.waitSignal(window.searchFinished, timeout=60_000):
        window.search_field.setText(query)
    QApplication.processEvents()


def hits(window: MainWindow) -> Iterator[QModelIndex]:
    model = window.results_model
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        for hit_row in range(model.rowCount(group)):
            yield model.index(hit_row, 0, group)


def text_height(window: MainWindow, index: QModelIndex, width: int) -> float:
    """The height of a hit's two lines of text laid out at ``width`` (what it needs)."""
    section = index.data(results_model.SECTION_TITLE_ROLE) or ""
    snippet = index.data(results_model.SNIPPET_ROLE) or ""
    document = QTextDocument()
    document.setDefaultFont(window.results_view.font())
    document.setDocumentMargin(2)
    document.setPlainText(f"{section}\n{snippet}" if section else snippet)
    document.setTextWidth(width)
    return document.size().height()


def test_hit_rows_are_as_tall_as_their_text(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "高新区")
    view = window.results_view
    window.left_tabs.setCurrentWidget(window.left_tabs.widget(1))
    view.expandAll()
    QApplication.processEvents()
    checked = 0
    for index in list(hits(window))[:12]:
        view.scrollTo(index)
        QApplication.processEvents()
        rect = view.visualRect(index)
        assert rect.isValid()
        needed = text_height(window, index, rect.width())
        # A line of slack at most (the old rows were measured at another width and
        # left 50-160 px of blank space under each hit).
        assert rect.height() <= needed + view.fontMetrics().height(), index.data()
        assert rect.height() >= needed - 2
        checked += 1
    assert checked >= 5


def test_a_headings_hit_does_not_repeat_its_title(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "高新区")
    found = window.library.search("高新区", 1000).hits
    assert any(h.kind == "heading" and h.section_title for h in found)
    for index in hits(window):
        snippet = (index.data(results_model.SNIPPET_ROLE) or "").strip(ELLIPSIS + " ")
        section = index.data(results_model.SECTION_TITLE_ROLE) or ""
        assert snippet != section.strip(), snippet


def test_passages_and_matches_are_named_apart(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "高新区")
    model = window.results_model
    label = window.results_label.text()
    assert f"找到 {model.total} 段" in label
    group = model.index(0, 0)
    assert f"（{model.rowCount(group)} 段）" in group.data()
    window.next_match_action.trigger()
    matches = len(window._matches)
    assert f"第 1 处匹配，共 {matches} 处" in window.status.currentMessage()
    assert matches >= model.total  # a passage holds one match or more


def test_a_selected_rows_matches_keep_dark_ink() -> None:
    html = snippet_html("济宁高新区", [(2, 5)], QColor("#ffc0e0"), QColor("#000000"))
    assert 'style="background-color:#ffc0e0;color:#000000"' in html
    plain = snippet_html("济宁高新区", [(2, 5)], QColor("#ffc0e0"))
    assert "color:#000000" not in plain


def _is_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        # The window starts 30 characters before the match: inside 2023.
        ("甲" * 18 + "2023年" + "济宁" * 100, 50),
        # The window ends 120 characters on: inside 12345678.
        ("济宁" + "乙" * 116 + "12345678" + "丙" * 100, 0),
        # A run too long to keep whole is left out rather than cut.
        ("丁" * 5 + "1" * 40 + "济宁" * 100, 45 + 30),
    ],
)
def test_snippets_keep_numbers_and_words_whole(text: str, anchor: int) -> None:
    snippet, spans = make_snippet(text, [(anchor, anchor + 2)])
    body = snippet.strip(ELLIPSIS)
    start = text.index(body)
    end = start + len(body)
    assert not (start > 0 and _is_word(text[start - 1]) and _is_word(text[start])), snippet
    assert not (end < len(text) and _is_word(text[end - 1]) and _is_word(text[end])), snippet
    assert [snippet[s:e] for s, e in spans] == [text[anchor : anchor + 2]]


# -- filters, recent searches, the last search -------------------------------------------


def test_year_and_kind_filters_narrow_the_search(
    qtbot: QtBot, window: MainWindow, prepared: Library
) -> None:
    filters = window.search_filters
    years = [filters.year.itemData(i) for i in range(1, filters.year.count())]
    assert years == sorted({a.date[:4] for a in prepared.articles}, reverse=True)
    search(qtbot, window, "高新区")
    everything = window.results_model.total
    expected_2023 = prepared.search("高新区 year:2023", 1000).total
    assert 0 < expected_2023 < everything
    with qtbot.waitSignal(window.searchFinished, timeout=60_000):
        filters.year.setCurrentIndex(filters.year.findData("2023"))
    assert window.results_model.total == expected_2023
    assert window.search_field.text() == "高新区"  # the field keeps what was typed
    with qtbot.waitSignal(window.searchFinished, timeout=60_000):
        filters.kind.setCurrentIndex(filters.kind.findData("heading"))
    found = prepared.search("高新区 year:2023 kind:heading", 1000)
    assert window.results_model.total == found.total
    assert all(h.kind == "heading" for h in found.hits)


def test_recent_searches_and_the_last_search_come_back(
    qtbot: QtBot, prepared: Library, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.ini"

    def open_window() -> MainWindow:
        window = MainWindow(prepared, Settings(str(settings)), LanguageSwitcher())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        with qtbot.waitSignal(window.searchReady, timeout=60_000):
            window.start_background_work()
        return window

    first = open_window()
    for query in ("小松", "营商环境", "小松"):
        search(qtbot, first, query)
        first._search_return()  # Enter: the query is kept
    assert first.recent_queries() == ["小松", "营商环境"]
    search(qtbot, first, "济宁")
    first.close()

    second = open_window()
    qtbot.waitUntil(lambda: second.search_field.text() == "济宁")  # the last search
    completions = second.recent_completer.model()
    assert completions.stringList() == ["小松", "营商环境"]  # type: ignore[attr-defined]
    second.search_field.clear()
    second.close()
    third = open_window()
    QApplication.processEvents()
    assert third.search_field.text() == ""  # a cleared field stays clear
