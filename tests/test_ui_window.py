"""The main window end to end, through the real widgets (offscreen).

The library, its search index and its extraction results are prepared once
for the module in a temporary folder; each test opens a fresh window on them
with its own settings file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QModelIndex, QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from jining_archive import paths
from jining_archive.documents.normalise import fold
from jining_archive.library import Library
from jining_archive.ui import figures_model, projects_model, results_model
from jining_archive.ui.main_window import RESULTS_TAB, TREE_TAB, MainWindow
from jining_archive.ui.settings import LANGUAGE, Settings
from jining_archive.ui.side_panel import FIGURES_TAB, PROJECTS_TAB
from window_tools import indexed, library_in, show_window

pytestmark = [
    pytest.mark.gui,
    # The offscreen platform reports every change of a top-level's size limits.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

INTL_PARKS = "2023-intl-parks"
LOOKING_BACK = "2024-looking-back-2023"
WAIT_MS = 60_000


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """The bundled library with its index built and extraction run, in a module folder."""

    def prepare(library: Library) -> None:
        indexed(library)
        library.search("济宁", 1)
        library.figures()
        library.projects()

    yield from library_in(tmp_path_factory.mktemp("window-home"), prepare)


def open_window(qtbot: QtBot, library: Library, settings_file: Path) -> MainWindow:
    """A shown window with search and side panel ready."""
    return show_window(qtbot, library, settings_file, annotations=True, wait_ms=WAIT_MS)


@pytest.fixture
def window(qtbot: QtBot, prepared: Library, tmp_path: Path) -> MainWindow:
    """A fresh window with its own settings file."""
    return open_window(qtbot, prepared, tmp_path / "settings.ini")


def search(qtbot: QtBot, window: MainWindow, query: str) -> None:
    """Type ``query`` (setText: no key clicks with Chinese) and wait for the results."""
    with qtbot.waitSignal(window.searchFinished, timeout=WAIT_MS):
        window.search_field.setText(query)


def click_tree_row(qtbot: QtBot, window: MainWindow, index: QModelIndex) -> None:
    """Click a row of the archive tree like a user."""
    view = window.tree_view
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def visible_in_reader(window: MainWindow, start: int) -> bool:
    """Whether article offset ``start`` is inside the reader's viewport."""
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(window.reader.position(start))
    return window.reader.viewport().rect().contains(window.reader.cursorRect(cursor).center())


# Tree and reader


def test_tree_lists_the_five_articles(window: MainWindow) -> None:
    model = window.tree_view.model()
    assert model.rowCount() == 5
    titles = [model.index(row, 0).data() for row in range(5)]
    assert titles[2].startswith("济宁高新区多措并举奏响国际合作园区发展")
    assert titles[4].startswith("勇担「唯一」使命")
    assert window.left_tabs.currentIndex() == TREE_TAB


def test_clicking_a_section_scrolls_the_reader_and_narrows_the_panel(
    qtbot: QtBot, window: MainWindow, prepared: Library
) -> None:
    model = window.tree_model
    index = model.section_index(LOOKING_BACK, "s11")
    assert index.data() == "“城市建设”融合发展"
    click_tree_row(qtbot, window, index)
    article = prepared.article(LOOKING_BACK)
    assert window.current_article is article
    assert window.reader.verticalScrollBar().value() > 0
    top = window.reader.top_offset()
    assert top is not None
    assert article.text[top:].startswith("“城市建设”融合发展")
    section = article.section("s11")
    assert window.side_panel.span == (section.start, section.end)
    assert "城市建设" in window.side_panel.figures_scope.text()
    figures = window.side_panel.figures_proxy
    for row in range(figures.rowCount()):
        start = figures.index(row, 0).data(figures_model.START_ROLE)
        assert section.start <= start < section.end
    # Back to the whole article from the panel.
    window.side_panel.whole_article_button.click()
    assert window.side_panel.span is None
    assert figures.rowCount() == len(prepared.figures(LOOKING_BACK))


def test_reader_shows_escaped_article_text(window: MainWindow, prepared: Library) -> None:
    window.open_article(INTL_PARKS)
    text = window.reader.document().toPlainText()
    article = prepared.article(INTL_PARKS)
    for block in article.blocks:
        assert block.text in text
    assert "约 2023年9月" in text


# Search


def test_typing_a_query_shows_results_grouped_by_article(
    qtbot: QtBot, window: MainWindow, prepared: Library
) -> None:
    search(qtbot, window, "小松")
    assert window.left_tabs.currentIndex() == RESULTS_TAB
    model = window.results_model
    expected = {a.id for a in prepared.articles if "小松" in fold(a.text)}
    grouped = [
        model.index(row, 0).data(results_model.ARTICLE_ID_ROLE) for row in range(model.rowCount())
    ]
    assert set(grouped) == expected
    assert len(grouped) == len(set(grouped))  # one row per article
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        assert model.rowCount(group) >= 1
        for hit_row in range(model.rowCount(group)):
            hit = model.index(hit_row, 0, group)
            snippet = hit.data(results_model.SNIPPET_ROLE)
            spans = hit.data(results_model.SNIPPET_SPANS_ROLE)
            assert any(snippet[s:e] == "小松" for s, e in spans)
    # The count line names the hits and articles.
    label = window.results_label.text()
    assert str(model.total) in label and str(len(expected)) in label


def test_activating_a_hit_opens_the_article_at_the_match(
    qtbot: QtBot, window: MainWindow, prepared: Library
) -> None:
    search(qtbot, window, "快马加鞭")
    model = window.results_model
    group = next(
        model.index(r, 0)
        for r in range(model.rowCount())
        if model.index(r, 0).data(results_model.ARTICLE_ID_ROLE) == INTL_PARKS
    )
    hit = model.index(0, 0, group)
    view = window.results_view
    view.scrollTo(hit)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(hit).center())
    article = prepared.article(INTL_PARKS)
    assert window.current_article is article
    current = window.reader.extra_spans()["current"]
    assert len(current) == 1
    start, end = current[0]
    assert article.text[start:end] == "快马加鞭"
    # The extra selection drawn for it covers exactly those offsets.
    positions = {
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in window.reader.extraSelections()
        if s.cursor.selectedText() == "快马加鞭"
    }
    assert positions
    assert (window.reader.position(start), window.reader.position(end)) in positions
    assert any(
        window.reader.offset_at_position(a) == start and window.reader.offset_at_position(b) == end
        for a, b in positions
    )
    assert visible_in_reader(window, start)


def test_enter_f3_and_shift_f3_walk_through_matches(
    qtbot: QtBot, window: MainWindow, prepared: Library
) -> None:
    search(qtbot, window, "小松")
    window.search_field.setFocus()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    matches = window.search_matches
    assert len(matches) >= 2
    first = matches[0]
    assert window.current_article is not None and window.current_article.id == first[0]
    assert window.reader.extra_spans()["current"] == [(first[1], first[2])]
    qtbot.keyClick(window, Qt.Key.Key_F3)
    second = matches[1]
    assert window.current_article.id == second[0]
    assert window.reader.extra_spans()["current"] == [(second[1], second[2])]
    article = prepared.article(second[0])
    assert article.text[second[1] : second[2]] == "小松"
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.reader.extra_spans()["current"] == [(first[1], first[2])]


def test_malformed_query_gets_a_clear_message(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "小松 AND")
    assert window.results_model.rowCount() == 0
    message = window.results_label.text()
    # Said in the interface language, prefix and reason alike.
    assert message == "查询写法有误：AND 两边都要有词语，例如 小松 AND 鲁抗"
    assert window.results_label.property("problem") is True
    # Clearing the field goes back to the tree.
    window.search_field.clear()
    assert window.left_tabs.currentIndex() == TREE_TAB


def test_results_model_passes_the_model_tester(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(results_model, "HIT_BATCH", 2)  # exercise fetchMore on real results
    search(qtbot, window, "发展")
    model = window.results_model
    group = model.index(0, 0)
    total = len(model.groups[0].hits)
    assert total > 2
    while model.canFetchMore(group):
        model.fetchMore(group)
    assert model.rowCount(group) == total
    qtmodeltester.check(model, force_py=True)


# Side panel


def test_selecting_a_figure_highlights_its_text(
    qtbot: QtBot, window: MainWindow, prepared: Library
) -> None:
    window.open_article(INTL_PARKS)
    panel = window.side_panel
    panel.setCurrentIndex(FIGURES_TAB)
    proxy = panel.figures_proxy
    row = next(
        r
        for r in range(proxy.rowCount())
        if proxy.index(r, figures_model.TEXT_COLUMN).data() == "1.2万平方米"
    )
    index = proxy.index(row, 0)
    view = panel.figures_view
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    article = prepared.article(INTL_PARKS)
    start = article.text.index("1.2万平方米")
    end = start + len("1.2万平方米")
    assert window.reader.extra_spans()["focus"] == [(start, end)]
    drawn = {s.cursor.selectedText() for s in window.reader.extraSelections()}
    assert "1.2万平方米" in drawn
    assert visible_in_reader(window, start)


def test_figure_kind_filter_and_sorting(window: MainWindow) -> None:
    window.open_article(INTL_PARKS)
    panel = window.side_panel
    panel.kind_filter.setCurrentIndex(panel.kind_filter.findData("percent"))
    proxy = panel.figures_proxy
    assert proxy.rowCount() > 0
    texts = [proxy.index(r, figures_model.TEXT_COLUMN).data() for r in range(proxy.rowCount())]
    assert all(t.endswith("%") for t in texts)
    assert "44.6%" in texts
    panel.figures_view.sortByColumn(figures_model.VALUE_COLUMN, Qt.SortOrder.DescendingOrder)
    values = [
        proxy.index(r, figures_model.VALUE_COLUMN).data(figures_model.SORT_ROLE)
        for r in range(proxy.rowCount())
    ]
    assert values == sorted(values, reverse=True)
    assert values[0] == pytest.approx(201.2)


def test_clicking_a_highlighted_figure_selects_it_in_the_panel(
    qtbot: QtBot, window: MainWindow, prepared: Library
) -> None:
    window.open_article(INTL_PARKS)
    article = prepared.article(INTL_PARKS)
    start = article.text.index("221.2亿元")
    reader = window.reader
    reader.scroll_to_offset(start, centre=True)
    cursor = reader.cursor_for(start + 1, start + 2)
    rect = reader.cursorRect(cursor)
    point = QPoint(rect.right() + 2, rect.center().y())
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    panel = window.side_panel
    assert panel.currentIndex() == FIGURES_TAB
    selected = panel.figures_view.selectionModel().selectedRows()
    assert [i.data() for i in selected] == ["221.2亿元"]


def test_projects_tab_counts_mentions_and_jumps_elsewhere(
    qtbot: QtBot, window: MainWindow, prepared: Library
) -> None:
    window.open_article(INTL_PARKS)
    panel = window.side_panel
    panel.setCurrentIndex(PROJECTS_TAB)
    proxy = panel.projects_proxy
    names = {proxy.index(r, projects_model.NAME_COLUMN).data(): r for r in range(proxy.rowCount())}
    name = "小松全球智能制造产业基地"
    assert name in names
    row = names[name]
    count = proxy.index(row, projects_model.COUNT_COLUMN).data()
    article = prepared.article(INTL_PARKS)
    assert count >= 1
    panel.projects_view.selectRow(row)
    focus = window.reader.extra_spans()["focus"]
    assert len(focus) == count
    assert all(name in article.text[s - 2 : e + 2] or article.text[s:e] in name for s, e in focus)
    # Elsewhere: the 2023 and 2024 reports name the same base (read in their texts).
    elsewhere = panel.elsewhere
    others = {
        elsewhere.index(r, 0).data(projects_model.ARTICLE_ID_ROLE): r
        for r in range(elsewhere.rowCount())
    }
    assert {"2023-climb-higher", LOOKING_BACK} <= set(others)
    index = elsewhere.index(others[LOOKING_BACK], 0)
    start = int(index.data(projects_model.START_ROLE))
    view = panel.elsewhere_view
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert window.current_article is prepared.article(LOOKING_BACK)
    assert "小松" in prepared.article(LOOKING_BACK).text[start - 4 : start + 14]
    assert visible_in_reader(window, start)


def test_side_panel_models_pass_the_model_tester(
    window: MainWindow, qtmodeltester: ModelTester, prepared: Library
) -> None:
    window.open_article(INTL_PARKS)
    panel = window.side_panel
    qtmodeltester.check(panel.figures, force_py=True)
    qtmodeltester.check(panel.figures_proxy, force_py=True)
    qtmodeltester.check(panel.projects, force_py=True)
    proxy = panel.projects_proxy
    row = next(
        r
        for r in range(proxy.rowCount())
        if proxy.index(r, projects_model.OTHER_ARTICLES_COLUMN).data() > 0
    )
    panel.projects_view.selectRow(row)
    assert panel.elsewhere.rowCount() > 0
    qtmodeltester.check(panel.elsewhere, force_py=True)


# Window state, language, hooks


def test_settings_survive_a_restart(qtbot: QtBot, prepared: Library, tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.ini"
    first = open_window(qtbot, prepared, settings_file)
    first.resize(760, 560)
    first.splitter.setSizes([180, 400, 180])
    qtbot.waitUntil(lambda: first.size().width() == 760)
    QApplication.processEvents()  # let the reader lay out at its new width
    first.open_article(LOOKING_BACK)
    article = prepared.article(LOOKING_BACK)
    target = article.section("s7").start
    first.reader.scroll_to_offset(target)
    sizes = first.splitter.sizes()
    top = first.reader.top_offset()
    assert top is not None and article.text[top:].startswith("“产业发展”逐高向新")
    first.close()

    second = open_window(qtbot, prepared, settings_file)
    qtbot.waitUntil(lambda: second.reader.top_offset() == top, timeout=5000)
    assert second.current_article is article
    assert second.size().width() == 760 and second.size().height() == 560
    assert second.splitter.sizes() == sizes


def test_english_interface(qtbot: QtBot, window: MainWindow) -> None:
    assert window.left_tabs.tabText(TREE_TAB) == "目录"
    window.language_actions["en"].trigger()
    try:
        assert window.left_tabs.tabText(TREE_TAB) == "Contents"
        assert window.file_menu.title() == "&File"
        assert window.side_panel.tabText(FIGURES_TAB) == "Figures"
        assert window.tree_model.headerData(0, Qt.Orientation.Horizontal) == "Title"
        assert window.settings.get(LANGUAGE) == "en"
    finally:
        window.language_actions["zh_CN"].trigger()
    assert window.left_tabs.tabText(TREE_TAB) == "目录"


def test_reading_mode_hides_the_panels(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.left_tabs.isHidden() and window.side_panel.isHidden()
    assert window.reader.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.left_tabs.isVisible() and window.side_panel.isVisible()


def test_notes_hooks(qtbot: QtBot, window: MainWindow, prepared: Library) -> None:
    assert window.bookmark_action.shortcut().toString() == "Ctrl+D"
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    window.open_article(INTL_PARKS)
    assert window.current_selection() is None
    article = prepared.article(INTL_PARKS)
    start = article.text.index("小松全球智能制造产业基地")
    end = start + len("小松全球智能制造产业基地")
    window.reader.setTextCursor(window.reader.cursor_for(start, end))
    assert window.current_selection() == (INTL_PARKS, start, end)
    assert window.open_article(LOOKING_BACK, 10, 20)
    assert window.current_article is prepared.article(LOOKING_BACK)
    assert not window.open_article("no-such-article")


@pytest.mark.slow
def test_self_test_mode(tmp_path: Path) -> None:
    """``--self-test`` (used by packaging CI): window, index, search for 小松, one JSON line;
    the user's settings file is left as it was (the offscreen window size never lands in it)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", paths.HOME_ENV: str(tmp_path)}
    user_settings = tmp_path / "data" / "settings.ini"
    user_settings.parent.mkdir(parents=True)
    user_settings.write_text("[reader]\nzoom=130\nlast_article=\n", encoding="utf-8")
    before = user_settings.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "jining_archive", "--self-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["ok"] is True
    assert report["query"] == "小松"
    assert report["articles_with_hits"] == 5  # every bundled text names 小松
    first = report["first_hit"]
    start, end = first["start"], first["end"]
    assert Library.open().article(first["article_id"]).text[start:end] == "小松"
    assert 0 < report["first_paint_s"] <= report["index_ready_s"]
    assert user_settings.read_bytes() == before
    assert sorted(p.name for p in user_settings.parent.iterdir() if p.suffix == ".ini") == [
        "settings.ini"
    ]


def test_self_test_settings_read_the_users_and_write_elsewhere(tmp_path: Path) -> None:
    from jining_archive.ui import settings as opts
    from jining_archive.ui.application import self_test_settings

    paths.set_home(tmp_path)
    try:
        real = Path(opts.settings_path())
        Settings(str(real)).set(opts.READER_ZOOM, 130)
        before = real.read_bytes()
        copy = self_test_settings()
        assert copy.get(opts.READER_ZOOM) == 130  # the user's language, zoom ... apply
        copy.set(opts.READER_ZOOM, 80)
        copy.set(opts.WINDOW_GEOMETRY, QByteArray(b"offscreen 792x543"))
        copy.sync()
        assert real.read_bytes() == before
        assert Settings(str(real)).get(opts.READER_ZOOM) == 130
    finally:
        paths.set_home(None)


def test_index_messages_are_said_in_the_interface_language(qtbot: QtBot, library: Library) -> None:
    from jining_archive.search.index import IndexMessage

    window = MainWindow(library)
    qtbot.addWidget(window)
    built = IndexMessage("built", "search index has been built")
    updated = IndexMessage(
        "updated",
        "search index updated: 1 added, 0 changed, 2 removed",
        {"added": 1, "changed": 0, "removed": 2},
    )
    assert window._index_message(built) == "已建立搜索索引"
    assert window._index_message(updated) == "搜索索引已更新：新增 1，修改 0，删除 2"
    assert window._index_message("something else") == "something else"
