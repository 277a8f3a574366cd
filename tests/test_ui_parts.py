"""The window's parts on their own: tree model, reader offsets, translation, colours, tasks."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from jining_archive.documents.model import Article, Block, BlockKind
from jining_archive.library import Library
from jining_archive.ui import tree_model
from jining_archive.ui.highlights import HighlightColours, contrast_ratio
from jining_archive.ui.i18n import LanguageSwitcher, TsTranslator, load_ts, translations_dir
from jining_archive.ui.reader import Mark, MarkKind, ReaderView, utf16_len
from jining_archive.ui.settings import LAST_ARTICLE, LAST_OFFSET, WINDOW_GEOMETRY, Settings
from jining_archive.ui.tasks import TaskCancelled, TaskContext, TaskRunner
from jining_archive.ui.tree_model import ArchiveTreeModel

pytestmark = [
    pytest.mark.gui,
    # The offscreen platform reports every change of a top-level's size limits.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

INTL_PARKS = "2023-intl-parks"


# Tree model


def test_tree_model_passes_the_model_tester(qtmodeltester: ModelTester, library: Library) -> None:
    model = ArchiveTreeModel()
    model.set_articles(library.articles)
    qtmodeltester.check(model, force_py=True)


def test_tree_lists_articles_oldest_first_with_sections(library: Library) -> None:
    model = ArchiveTreeModel()
    model.set_articles(library.articles)
    assert model.rowCount() == 5
    ids = [model.index(r, 0).data(tree_model.ARTICLE_ID_ROLE) for r in range(5)]
    assert ids == [
        "2020-eight-roads",
        "2023-climb-higher",
        "2023-intl-parks",
        "2024-looking-back-2023",
        "2025-lead-goose",
    ]
    parks = model.article_index(INTL_PARKS)
    assert parks.data().startswith("济宁高新区多措并举奏响国际合作园区发展")
    assert "2023-09" in model.index(parks.row(), tree_model.DATE_COLUMN).data()
    # The three headings of the text (lines 13, 27 and 53 of its file).
    titles = [model.index(r, 0, parks).data() for r in range(model.rowCount(parks))]
    assert [t.split()[0] for t in titles] == ["一线调研解难题", "搭建平台促合作", "铆足干劲闯市场"]
    # 2020-eight-roads: eight numbered parts, the first with subsections.
    roads = model.article_index("2020-eight-roads")
    assert model.rowCount(roads) == 8
    first = model.index(0, 0, roads)
    assert model.rowCount(first) > 0
    assert model.index(0, 0, first).data() == "重点谋划产业技改项目"


def test_tree_tooltip_is_escaped() -> None:
    article = Article(
        id="x",
        title="<b>粗体</b> & <img src=x>",
        text="<b>粗体</b> & <img src=x>",
        blocks=[],
        sections=[],
    )
    model = ArchiveTreeModel()
    model.set_articles([article])
    tip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<b>" not in tip and "<img" not in tip
    assert "&lt;b&gt;粗体&lt;/b&gt; &amp; &lt;img src=x&gt;" in tip


def test_section_lookup(library: Library) -> None:
    model = ArchiveTreeModel()
    model.set_articles(library.articles)
    index = model.section_index(INTL_PARKS, "s2")
    assert index.isValid()
    assert index.data().startswith("搭建平台促合作")
    assert not model.section_index(INTL_PARKS, "s99").isValid()
    assert not model.article_index("nope").isValid()
    assert model.parent(index) == model.article_index(INTL_PARKS)
    assert model.parent(model.article_index(INTL_PARKS)) == QModelIndex()


# Reader


def _article(text_blocks: list[tuple[BlockKind, str]]) -> Article:
    blocks, offset, parts = [], 0, []
    for number, (kind, text) in enumerate(text_blocks, start=1):
        blocks.append(Block(f"b{number}", kind, text, offset, offset + len(text)))
        parts.append(text)
        offset += len(text) + 2
    return Article(
        id="t", title=text_blocks[0][1], text="\n\n".join(parts), blocks=blocks, sections=[]
    )


def test_reader_maps_every_offset_both_ways(qtbot: QtBot, library: Library) -> None:
    reader = ReaderView()
    qtbot.addWidget(reader)
    article = library.article(INTL_PARKS)
    reader.show_article(article, "2023-09", [])
    document_text = reader.document().toPlainText()
    for block in article.blocks:
        for offset in range(block.start, block.end, 7):
            position = reader.position(offset)
            assert reader.offset_at_position(position) == offset
            assert document_text[position] == article.text[offset]
    # The date line is not article text.
    meta = reader.document().findBlockByNumber(3)
    assert meta.text() == "2023-09"
    assert reader.offset_at_position(meta.position()) is None


def test_reader_never_interprets_markup(qtbot: QtBot) -> None:
    hostile = (
        '<img src="http://example.invalid/x.png"><script>alert(1)</script><a href="x">链接</a>'
    )
    article = _article([(BlockKind.TITLE, "标题 <b>粗</b>"), (BlockKind.PARAGRAPH, hostile)])
    reader = ReaderView()
    qtbot.addWidget(reader)
    requested: list[object] = []
    original = reader.loadResource

    def spy(kind: int, name: object) -> object:
        requested.append(name)
        return original(kind, name)

    reader.loadResource = spy  # type: ignore[method-assign]
    reader.show_article(article, "", [])
    text = reader.document().toPlainText()
    assert hostile in text
    assert "标题 <b>粗</b>" in text
    assert "<img" not in reader.document().toHtml().replace("&lt;img", "")
    assert requested == []
    assert reader.loadResource(0, "http://example.invalid/x.png") is None


def test_reader_counts_utf16_outside_the_bmp(qtbot: QtBot) -> None:
    # 𠀀 (U+20000) is two UTF-16 units in QTextDocument but one character in Python.
    paragraph = "甲𠀀乙𠀁丙1306亿元"
    article = _article([(BlockKind.TITLE, "题"), (BlockKind.PARAGRAPH, paragraph)])
    start = article.text.index("1306亿元")
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.show_article(article, "", [Mark(MarkKind.FIGURE, "f", start, start + 6)])
    cursor = reader.cursor_for(start, start + 6)
    assert cursor.selectedText() == "1306亿元"
    assert utf16_len("𠀀") == 2
    for offset in range(article.blocks[1].start, article.blocks[1].end + 1):
        assert reader.offset_at_position(reader.position(offset)) == offset


def test_reader_marks_carry_their_keys(qtbot: QtBot, library: Library) -> None:
    article = library.article(INTL_PARKS)
    figure_start = article.text.index("1.2万平方米")
    project_start = article.text.index("小松全球智能制造产业基地")
    marks = [
        Mark(MarkKind.FIGURE, "fig", figure_start, figure_start + len("1.2万平方米")),
        Mark(MarkKind.PROJECT, "project:小松", project_start, project_start + 12),
    ]
    reader = ReaderView()
    reader.resize(700, 500)
    qtbot.addWidget(reader)
    reader.show()
    reader.show_article(article, "", marks)
    reader.scroll_to_offset(figure_start, centre=True)
    cursor = reader.cursor_for(figure_start, figure_start + 1)
    rect = reader.cursorRect(cursor)
    point = rect.center()
    point.setX(rect.right() + 3)
    assert reader.mark_at(point) == ("figure", "fig")
    with qtbot.waitSignal(reader.markClicked) as blocker:
        qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == ["figure", "fig"]
    reader.scroll_to_offset(project_start, centre=True)
    cursor = reader.cursor_for(project_start + 2, project_start + 3)
    rect = reader.cursorRect(cursor)
    point = rect.center()
    point.setX(rect.right() + 3)
    assert reader.mark_at(point) == ("project", "project:小松")


def test_reader_scrolls_to_an_offset(qtbot: QtBot, library: Library) -> None:
    article = library.article("2024-looking-back-2023")
    reader = ReaderView()
    reader.resize(700, 400)
    qtbot.addWidget(reader)
    reader.show()
    reader.show_article(article, "", [])
    section = article.sections[2]
    reader.scroll_to_offset(section.start)
    assert reader.verticalScrollBar().value() > 0
    top = reader.top_offset()
    assert top is not None
    assert article.text[top:].startswith(section.title.split()[0])


def test_search_matches_and_focus_are_extra_selections(qtbot: QtBot, library: Library) -> None:
    article = library.article(INTL_PARKS)
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.show_article(article, "", [])
    start = article.text.index("小松")
    reader.set_matches([(start, start + 2)])
    reader.set_current_match((start, start + 2))
    selections = reader.extraSelections()
    texts = {s.cursor.selectedText() for s in selections}
    assert texts == {"小松"}
    assert reader.extra_spans()["current"] == [(start, start + 2)]


# Colours


@pytest.mark.parametrize("dark", [False, True])
def test_highlight_colours_are_distinct_and_legible(qapp: QApplication, dark: bool) -> None:
    palette = QPalette()
    base, text = (
        (QColor("#1e1e1e"), QColor("#e8e8e8")) if dark else (QColor("white"), QColor("black"))
    )
    palette.setColor(QPalette.ColorRole.Base, base)
    palette.setColor(QPalette.ColorRole.Text, text)
    colours = HighlightColours.from_palette(palette)
    for colour in (colours.figure, colours.project, colours.search, colours.current):
        assert contrast_ratio(colour, text) >= 4.5
    hues = [colours.figure.hslHueF(), colours.project.hslHueF(), colours.search.hslHueF()]
    for i, a in enumerate(hues):
        for b in hues[i + 1 :]:
            distance = min(abs(a - b), 1 - abs(a - b))
            assert distance > 0.15
    if dark:
        assert colours.figure.lightnessF() < 0.5
    else:
        assert colours.figure.lightnessF() > 0.5


# Translation


def test_english_translation_file_is_complete() -> None:
    path = translations_dir() / "jining_archive_en.ts"
    catalogue = load_ts(path)
    assert catalogue[("MainWindow", "目录")] == "Contents"
    assert catalogue[("TeamMembersAction", "团队成员…")] == "Team members…"
    assert catalogue[("marks", "年份按文章日期推算")] == "Year taken from the article's date"
    text = path.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text


def test_language_switch_translates_and_falls_back(qapp: QApplication) -> None:
    from PySide6.QtCore import QCoreApplication

    switcher = LanguageSwitcher()
    try:
        assert switcher.apply("en") == "en"
        assert QCoreApplication.translate("MainWindow", "目录") == "Contents"
        # Unknown context (a subclass): looked up by source text.
        assert QCoreApplication.translate("SomeSubclass", "目录") == "Contents"
        assert switcher.apply("xx") == "zh_CN"
        assert QCoreApplication.translate("MainWindow", "目录") == "目录"
    finally:
        switcher.apply("zh_CN")


def test_ts_translator_ignores_unfinished(tmp_path: Path) -> None:
    ts = tmp_path / "x.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1"><context><name>C</name>'
        "<message><source>甲</source><translation>A</translation></message>"
        '<message><source>乙</source><translation type="unfinished">B</translation></message>'
        "</context></TS>",
        encoding="utf-8",
    )
    catalogue = load_ts(ts)
    assert catalogue == {("C", "甲"): "A"}
    translator = TsTranslator(catalogue)
    assert translator.translate("C", "甲") == "A"
    assert translator.translate("C", "乙") is None


# Settings and tasks


def test_settings_are_kept_in_the_data_folder(isolated_home: Path) -> None:
    settings = Settings()
    assert Path(settings.path).is_relative_to(isolated_home)
    settings.set(LAST_ARTICLE, INTL_PARKS)
    settings.set(LAST_OFFSET, 1234)
    settings.sync()
    again = Settings()
    assert again.get(LAST_ARTICLE) == INTL_PARKS
    assert again.get(LAST_OFFSET) == 1234
    assert again.get(WINDOW_GEOMETRY).isEmpty()


def test_settings_survive_garbage(isolated_home: Path) -> None:
    settings = Settings()
    Path(settings.path).write_text("[reader]\nlast_offset=not a number\n", encoding="utf-8")
    assert Settings().get(LAST_OFFSET) == 0


def test_task_results_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    seen: dict[str, object] = {}

    def work(context: TaskContext) -> str:
        context.progress(1, 2, "half")
        return threading.current_thread().name

    def done(value: object) -> None:
        seen["worker"] = value
        seen["callback"] = threading.current_thread() is threading.main_thread()

    # Wait on the callback, not on task.signals.finished: a fast task can emit
    # before a waitSignal connection made after run() exists.
    runner.run(work, on_success=done)
    qtbot.waitUntil(lambda: "callback" in seen, timeout=5000)
    assert seen["callback"] is True
    assert seen["worker"] != threading.main_thread().name


def test_task_failure_and_cancel(qtbot: QtBot) -> None:
    runner = TaskRunner()
    failures: list[str] = []
    task = runner.run(lambda _c: 1 / 0, on_failure=lambda message, _d: failures.append(message))
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert "division" in failures[0]

    started = threading.Event()

    def slow(context: TaskContext) -> None:
        started.set()
        while True:
            context.check()
            started.wait(0.01)

    task = runner.run(slow)
    started.wait(5)
    with qtbot.waitSignal(task.signals.cancelled, timeout=5000):
        task.cancel()
    assert runner.wait(5000)
    with pytest.raises(TaskCancelled):
        task.context.check()


def test_status_bar_forgets_a_task_that_finished_before_it_was_tracked(qtbot: QtBot) -> None:
    from jining_archive.ui.status import TaskStatus

    status = TaskStatus()
    qtbot.addWidget(status)
    runner = TaskRunner()
    task = runner.run(lambda _c: 42)
    assert task.done.wait(5)
    status.track(task, "quick")
    qtbot.waitUntil(lambda: not status.busy, timeout=5000)
    assert status.progress.isHidden()


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_pyside_calls_keep_none_alive(qapp: QApplication) -> None:
    """PySide6 6.12.0 dropped a reference to None on every void call (hence its exclusion)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(500):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) - before > -50


def test_figure_values_are_formatted_for_reading(qapp: QApplication) -> None:
    from PySide6.QtCore import QLocale

    from jining_archive.ui.figures_model import format_value

    QLocale.setDefault(QLocale("zh_CN"))
    assert format_value(130600000000.0, "money") == "130,600,000,000"
    assert format_value(44.6, "percent") == "44.6"
    assert format_value(2026.0, "date") == "2026"
    assert format_value(None, "date") == ""
    assert format_value(1e30, "money") == "1e+30"


def test_every_figure_kind_has_a_label(qapp: QApplication) -> None:
    from jining_archive.extraction import KINDS
    from jining_archive.ui.figures_model import kind_label

    labels = [kind_label(kind) for kind in KINDS]
    assert all(label != kind for label, kind in zip(labels, KINDS, strict=True))
    assert len(set(labels)) == len(KINDS)
