"""The window over an archive of 1,000 generated articles: search, open, side panel.

The archive is the scale benchmark's (see ``jining_archive.import_bench``),
written as UTF-8 text files and imported once for the module. Expectations
come from the articles' own text (what grep finds), not from the index.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jining_archive import paths
from jining_archive.documents.normalise import fold
from jining_archive.import_bench import generated_articles
from jining_archive.library import Library
from jining_archive.ui import figures_model, results_model
from jining_archive.ui.main_window import MainWindow
from window_tools import show_window

pytestmark = [
    pytest.mark.gui,
    # The offscreen platform reports every change of a top-level's size limits.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

ARTICLES = 1000
WAIT_MS = 120_000


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """The bundled five and 1,000 generated articles, imported, indexed and extracted."""
    home = tmp_path_factory.mktemp("scale-home")
    files = tmp_path_factory.mktemp("scale-files")
    for item in generated_articles(ARTICLES):
        lines = [item.title, "", f"{item.year}年3月1日", "", item.heading, ""]
        lines += [p + "\n" for p in item.paragraphs]
        (files / f"{item.number + 1:05d}.txt").write_text("\n".join(lines), encoding="utf-8")
    paths.set_home(home)
    try:
        library = Library.open()
        results = library.import_paths([files])
        assert sum(r.status == "added" for r in results) == ARTICLES
        library.prepare_search()
        library.figures()
        library.projects()
        yield library
    finally:
        paths.set_home(None)


@pytest.fixture
def window(qtbot: QtBot, big: Library, tmp_path: Path) -> MainWindow:
    return show_window(qtbot, big, tmp_path / "settings.ini", annotations=True, wait_ms=WAIT_MS)


def _grep(library: Library, needle: str) -> tuple[int, set[str]]:
    """Blocks and articles whose folded text contains ``needle``."""
    blocks, articles = 0, set()
    for article in library.articles:
        for block in article.blocks:
            if needle in fold(block.text):
                blocks += 1
                articles.add(article.id)
    return blocks, articles


def _search(qtbot: QtBot, window: MainWindow, query: str) -> None:
    with qtbot.waitSignal(window.searchFinished, timeout=WAIT_MS):
        window.search_field.setText(query)


def test_tree_lists_every_article(window: MainWindow, big: Library) -> None:
    assert len(big.articles) == ARTICLES + 5
    model = window.tree_view.model()
    assert model.rowCount() == ARTICLES + 5


def test_search_open_and_side_panel(qtbot: QtBot, window: MainWindow, big: Library) -> None:
    blocks, articles = _grep(big, "营商环境")
    assert blocks > 100  # the generator spreads the bundled paragraphs over many articles
    _search(qtbot, window, "营商环境")
    model = window.results_model
    assert model.total == blocks
    shown = {model.index(r, 0).data(results_model.ARTICLE_ID_ROLE) for r in range(model.rowCount())}
    assert shown <= articles and shown
    # Open the best hit: the reader shows its article with the match marked.
    window.open_hit(0, 0)
    article = window.current_article
    assert article is not None and article.id in articles
    (start, end) = window.reader.extra_spans()["current"][0]
    assert fold(article.text[start:end]) == "营商环境"
    # The side panel lists the article's figures; scroll the table to the end.
    proxy = window.side_panel.figures_proxy
    assert proxy.rowCount() > 0
    view = window.side_panel.figures_view
    view.scrollToBottom()
    qtbot.wait(10)
    last = proxy.index(proxy.rowCount() - 1, figures_model.TEXT_COLUMN).data()
    assert last and last in article.text


def test_a_very_common_term_shows_a_first_page(
    qtbot: QtBot, window: MainWindow, big: Library
) -> None:
    blocks, articles = _grep(big, "济宁")
    assert blocks > 5000
    _search(qtbot, window, "济宁")
    model = window.results_model
    assert model.total == blocks  # the exact total, though only the best hits are listed
    assert 0 < model.hit_count() <= blocks
    first = model.index(0, 0)
    assert first.data(results_model.ARTICLE_ID_ROLE) in articles
    hit = model.index(0, 0, first)
    snippet = hit.data(results_model.SNIPPET_ROLE)
    spans = hit.data(results_model.SNIPPET_SPANS_ROLE)
    assert any(fold(snippet[s:e]) == "济宁" for s, e in spans)
