"""The article filter beside the year and kind lists (one article, or whichever is open),
the ``article:`` syntax it stands for, and saving the results list from the window
as CSV or Markdown with citations (offscreen)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from jining_archive import paths
from jining_archive.documents.normalise import fold
from jining_archive.library import Library
from jining_archive.results_export import COLUMNS
from jining_archive.search.query import ArticleIs, QuerySyntaxError, parse_query
from jining_archive.ui.i18n import LanguageSwitcher
from jining_archive.ui.main_window import TREE_TAB, MainWindow
from jining_archive.ui.search_filters import CURRENT_ARTICLE, with_filters
from jining_archive.ui.settings import Settings

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

PARKS = "2023-intl-parks"
GOOSE = "2025-lead-goose"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    home = tmp_path_factory.mktemp("search-export-home")
    paths.set_home(home)
    try:
        library = Library.open()
        library.search_index().ensure(library.articles, None, None)
        yield library
    finally:
        paths.set_home(None)


@pytest.fixture
def window(qtbot: QtBot, prepared: Library, tmp_path: Path) -> MainWindow:
    window = MainWindow(prepared, Settings(str(tmp_path / "settings.ini")), LanguageSwitcher())
    qtbot.addWidget(window)
    window.resize(1360, 860)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.searchReady, timeout=60_000):
        window.start_background_work()
    return window


def search(qtbot: QtBot, window: MainWindow, query: str) -> None:
    with qtbot.waitSignal(window.searchFinished, timeout=60_000):
        window.search_field.setText(query)
    QApplication.processEvents()


def _blocks_with(library: Library, article_id: str, word: str) -> int:
    """How many passages of the article contain ``word``, read from the text itself."""
    return sum(1 for b in library.article(article_id).blocks if fold(word) in fold(b.text))


# -- the article: syntax -----------------------------------------------------------------


def test_article_syntax_names_one_or_several_articles(library: Library) -> None:
    assert parse_query(f"article:{PARKS}").root == ArticleIs((PARKS,))
    assert parse_query(f"article:{PARKS},{GOOSE},{PARKS}").root == ArticleIs((PARKS, GOOSE))
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query("小松 article:园区")
    assert caught.value.code == "bad-article"
    found = library.search(f"小松 article:{PARKS}", 1000)
    assert found.total == _blocks_with(library, PARKS, "小松") > 0
    assert {h.article_id for h in found.hits} == {PARKS}
    assert library.search("小松 article:no-such-article", 1000).total == 0


def test_filters_narrow_all_of_a_query_with_or() -> None:
    assert with_filters("小松 OR 鲁抗", "", "", PARKS) == f"(小松 OR 鲁抗) article:{PARKS}"
    assert with_filters("小松", "2023", "", PARKS) == f"小松 year:2023 article:{PARKS}"
    assert with_filters("小松 OR 鲁抗", "", "", "") == "小松 OR 鲁抗"
    assert with_filters("  ", "2023", "heading", PARKS) == ""


# -- the article filter ------------------------------------------------------------------


def test_article_filter_narrows_like_the_syntax(
    qtbot: QtBot, window: MainWindow, prepared: Library
) -> None:
    filters = window.search_filters
    listed = [filters.article.itemData(i) for i in range(filters.article.count())]
    assert listed == ["", CURRENT_ARTICLE, *(a.id for a in prepared.articles)]
    assert filters.article.itemText(2) == prepared.articles[0].title
    search(qtbot, window, "高新区")
    everything = window.results_model.total
    with qtbot.waitSignal(window.searchFinished, timeout=60_000):
        filters.article.setCurrentIndex(filters.article.findData(PARKS))
    typed = prepared.search(f"高新区 article:{PARKS}", 1000)
    assert window.results_model.total == typed.total == _blocks_with(prepared, PARKS, "高新区")
    assert 0 < window.results_model.total < everything
    assert [g.article_id for g in window.results_model.groups] == [PARKS]
    assert window.search_field.text() == "高新区"  # the field keeps what was typed
    # With the year and kind lists too: the same as all three typed.
    with qtbot.waitSignal(window.searchFinished, timeout=60_000):
        filters.kind.setCurrentIndex(filters.kind.findData("heading"))
    both = prepared.search(f"高新区 kind:heading article:{PARKS}", 1000)
    assert window.results_model.total == both.total
    assert all(h.kind == "heading" and h.article_id == PARKS for h in both.hits)
    with qtbot.waitSignal(window.searchFinished, timeout=60_000):
        filters.set_article("")
        filters.kind.setCurrentIndex(0)
    assert window.results_model.total == everything


def test_current_article_only_follows_the_reader(
    qtbot: QtBot, window: MainWindow, prepared: Library
) -> None:
    window.open_article(GOOSE)
    search(qtbot, window, "高新区")
    with qtbot.waitSignal(window.searchFinished, timeout=60_000):
        window.search_filters.set_article(CURRENT_ARTICLE)
    assert [g.article_id for g in window.results_model.groups] == [GOOSE]
    assert window.results_model.total == _blocks_with(prepared, GOOSE, "高新区")
    window.left_tabs.setCurrentIndex(TREE_TAB)  # choosing another article in the tree
    with qtbot.waitSignal(window.searchFinished, timeout=60_000):
        window.open_article(PARKS)
    assert [g.article_id for g in window.results_model.groups] == [PARKS]  # they follow
    assert window.results_model.total == _blocks_with(prepared, PARKS, "高新区")
    assert window.left_tabs.currentIndex() == TREE_TAB  # and the tree stays in front


# -- saving the results list ---------------------------------------------------------------


class _SaveAs:
    """Answers the save dialog with a file name, and remembers what it was asked."""

    def __init__(self, answer: Path | None, chosen_filter: str = "") -> None:
        self.answer = answer
        self.chosen_filter = chosen_filter
        self.asked: list[tuple[Any, ...]] = []

    def __call__(self, *args: Any, **kwargs: Any) -> tuple[str, str]:
        self.asked.append(args + tuple(kwargs.values()))
        return (str(self.answer) if self.answer else "", self.chosen_filter)


def test_results_are_saved_as_csv_and_markdown_with_citations(
    qtbot: QtBot,
    window: MainWindow,
    prepared: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exporter = window.results_export
    assert not exporter.action.isEnabled() and not exporter.button.isEnabled()
    assert exporter.action in window.file_menu.actions()
    search(qtbot, window, "小松")
    assert exporter.action.isEnabled() and exporter.button.isEnabled()
    target = tmp_path / "results.csv"
    dialog = _SaveAs(target, "CSV (*.csv)")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    exporter.button.click()
    # The platform's dialog asks before replacing a file: it is not told not to.
    assert dialog.asked and not any(isinstance(a, QFileDialog.Option) for a in dialog.asked[0])
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == window.results_model.hit_count() == _count_all(prepared, "小松")
    for row in rows:
        article = prepared.article(row["article_id"])
        passage = row["passage"].removeprefix("'")
        assert "小松" in passage
        assert passage in {b.text for b in article.blocks}  # the whole passage
        assert row["title"] == article.title and row["source"] == article.source
        assert row["date"].endswith(article.date)
    assert str(target) in window.statusBar().currentMessage()

    md = tmp_path / "results.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", _SaveAs(md, "Markdown (*.md)"))
    window.results_export.action.trigger()
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# 搜索结果：小松\n")
    parks = prepared.article(PARKS)
    assert f"- 出处：《{parks.title}》，{parks.source}，约 {parks.date}" in text
    assert text.count("- 出处：") == len(rows) and "**小松**" in text

    window.search_field.setText("")  # nothing to save once the field is emptied
    assert not exporter.action.isEnabled() and not exporter.button.isEnabled()


def _count_all(library: Library, word: str) -> int:
    """Passages containing ``word`` in the whole archive, reposts shown once."""
    return library.search(word, 1000).total


def test_a_failed_results_export_is_worded_like_the_others(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    search(qtbot, window, "小松")
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *a: warnings.append(text)
    )
    missing = tmp_path / "no-such-folder" / "results.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", _SaveAs(missing, "CSV (*.csv)"))
    assert window.results_export.choose_file() is None
    assert warnings == [f"导出失败:文件夹 {missing.parent} 不存在，请选择一个已有的文件夹"]
    kept = tmp_path / "kept.md"
    kept.write_text("mine", encoding="utf-8")
    kept.chmod(0o444)
    assert window.results_export.export_to(kept, "md") is None
    assert "只读文件" in warnings[-1] and kept.read_text(encoding="utf-8") == "mine"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", _SaveAs(None))
    assert window.results_export.choose_file() is None  # cancelled: nothing written


def test_the_export_controls_speak_english(qtbot: QtBot, window: MainWindow) -> None:
    switcher = window.languages
    try:
        switcher.apply("en")
        assert window.results_export.action.text() == "Export Search Results…"
        assert window.search_filters.article_label.text() == "Article:"
        assert window.search_filters.article.itemText(1) == "Current article only"
    finally:
        switcher.apply("zh_CN")
    assert window.results_export.button.text() == "导出…"
