"""The insight window: the archive's figures table (lazy, filtered, sorted by value),
measures over time with the chart, project stories, and how the main window and the
side panel open them. Expectations are read from the bundled texts."""

from __future__ import annotations

import csv
import io
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from tests.test_ui_window import WAIT_MS, open_window, prepared  # noqa: F401

from jining_archive.extraction import Figure
from jining_archive.insight import FigureFilter, FigureRow
from jining_archive.insight.table import FigureTable
from jining_archive.insight.tables import COLUMNS
from jining_archive.library import Library
from jining_archive.ui import archive_figures_model as afm
from jining_archive.ui import text_table_model
from jining_archive.ui.archive_figures_model import ArchiveFiguresModel
from jining_archive.ui.insight_window import SERIES_TAB, InsightData, InsightWindow, build_insight
from jining_archive.ui.main_window import MainWindow
from jining_archive.ui.side_panel import PROJECTS_TAB

pytestmark = [
    pytest.mark.gui,
    # The offscreen platform reports size limits and raising a window as unsupported.
    pytest.mark.qt_log_ignore(
        "This plugin does not support (raise|grabbing the keyboard|propagateSizeHints)"
    ),
]


@pytest.fixture(scope="module")
def data(prepared: Library) -> InsightData:  # noqa: F811
    """The insight data of the bundled archive, built once."""
    return build_insight(prepared)


@pytest.fixture
def insight(qtbot: QtBot, data: InsightData) -> InsightWindow:
    window = InsightWindow()
    qtbot.addWidget(window)
    window.set_data(data)
    return window


def _texts(model: ArchiveFiguresModel, column: int = afm.TEXT_COLUMN) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _synthetic(count: int) -> list[FigureRow]:
    rows = []
    for n in range(count):
        value = float((n * 7919) % 100_003)
        figure = Figure(f"a{n % 50}", "b1", f"{value:g}家", "count", value, "家", None, None,
                        n, n + 3)  # fmt: skip
        sentence = f"第{n}句：共有{value:g}家企业入驻园区。"
        rows.append(FigureRow(figure, f"文章{n % 50}", f"20{10 + n % 15}-01", n % 2 == 0, None,
                              "企业" if n % 3 else "工厂", "counted", sentence, n, None, "家",
                              value))  # fmt: skip
    return rows


def test_model_passes_the_model_tester(qtmodeltester: ModelTester, data: InsightData) -> None:
    model = ArchiveFiguresModel()
    model.set_table(data.table)
    qtmodeltester.check(model, force_py=True)


def test_rows_arrive_a_batch_at_a_time(qtbot: QtBot) -> None:
    model = ArchiveFiguresModel()
    model.set_rows(_synthetic(1000))
    assert model.rowCount() == afm.BATCH and model.total == 1000
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * afm.BATCH
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 1000


def test_filtering_and_sorting_100000_figures(qtbot: QtBot) -> None:
    """Filters and sort orders over 100,000 rows give the right rows; the GUI-thread time
    of each is printed (``pytest -s``: the README's figures), not bounded here."""
    model = ArchiveFiguresModel()
    model.set_table(FigureTable(_synthetic(100_000)))  # built off the GUI thread in the window
    timings = []
    for wanted in (FigureFilter(text="第9999"), FigureFilter(measure="工厂"),
                   FigureFilter(kind="count", text="企业"), FigureFilter()):  # fmt: skip
        started = time.perf_counter()
        model.set_filter(wanted)
        timings.append(time.perf_counter() - started)
    assert model.total == 100_000
    for column in range(afm.COLUMN_COUNT):
        started = time.perf_counter()
        model.sort(column, Qt.SortOrder.AscendingOrder)
        timings.append(time.perf_counter() - started)
    model.set_filter(FigureFilter(text="第99999句"))
    assert model.total == 1 and model.row(0).figure.start == 99_999
    model.set_filter(FigureFilter(measure="工厂"))
    assert model.total == len(range(0, 100_000, 3))
    print(f"100,000 rows: filters and sorts took {min(timings):.4f}–{max(timings):.4f} s")


def test_table_sorts_by_value_and_filters(qtbot: QtBot, insight: InsightWindow) -> None:
    """Areas by size, 亩 converted (2万亩 = 13.3 million m² between 2000万 and 1000万平方米);
    the measure filter finds the two 世界500强企业 counts (2023-intl-parks, 2025-lead-goose)."""
    table = insight.figures
    table.kind_filter.setCurrentIndex(table.kind_filter.findData("area"))
    assert _texts(table.model)[:4] == ["2000万平方米", "2万亩", "1000万平方米", "1.2万亩"]
    table.view.sortByColumn(afm.VALUE_COLUMN, Qt.SortOrder.AscendingOrder)
    assert _texts(table.model)[:2] == ["1.2万平方米", "30亩"]
    table.kind_filter.setCurrentIndex(table.kind_filter.findData("money"))
    table.source_filter.setCurrentIndex(table.source_filter.findData("山东济宁高新区党工委宣传部"))
    assert _texts(table.model) == ["1亿元", "1306亿元"]  # still smallest first
    table.source_filter.setCurrentIndex(0)
    table.kind_filter.setCurrentIndex(0)
    table.measure_field.setText("世界500强企业")
    qtbot.waitUntil(lambda: table.model.total == 2, timeout=2000)
    assert sorted(_texts(table.model)) == ["21家", "56家"]
    assert "2 " in table.count_label.text() or "2" in table.count_label.text()


def test_table_exports_what_it_shows(qtbot: QtBot, insight: InsightWindow, tmp_path: Path) -> None:
    table = insight.figures
    table.kind_filter.setCurrentIndex(table.kind_filter.findData("money"))
    assert table.export_to(tmp_path / "money.csv", "csv")
    lines = list(csv.DictReader(io.StringIO((tmp_path / "money.csv").read_text("utf-8-sig"))))
    assert lines[0]["text"] == "2000亿" and len(lines) == table.model.total
    assert table.export_to(tmp_path / "money", "xlsx")
    sheet = load_workbook(tmp_path / "money.xlsx").active
    assert sheet is not None
    assert sheet.cell(row=2, column=COLUMNS.index("text") + 1).value == "2000亿"
    assert not table.export_to(tmp_path / "missing" / "money.csv", "csv")
    assert table.message and not (tmp_path / "missing").exists()


def test_double_click_asks_for_the_passage(qtbot: QtBot, insight: InsightWindow) -> None:
    table = insight.figures
    index = table.model.index(0, afm.SENTENCE_COLUMN)
    row = table.model.row(0)
    with qtbot.waitSignal(insight.passageRequested) as signal:
        table.view.doubleClicked.emit(index)
    assert signal.args == [row.article_id, row.figure.start, row.figure.end]


def test_series_view_compares_and_draws(qtbot: QtBot, insight: InsightWindow) -> None:
    """世界500强企业: 21家 (2023-09) → 56家 (2025-02), +35家; the 2023 date is estimated."""
    assert insight.series.series == []  # filled when its tab is first shown
    insight.show_series("世界500强企业")
    assert insight.tabs.currentIndex() == SERIES_TAB
    view = insight.series
    model = view.table_model
    cells = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert [c[1] for c in cells] == ["21家", "56家"]
    assert cells[1][3] == "+35家" and cells[0][3] == ""
    assert cells[0][0].startswith("约")
    assert len(view.chart.points) == 2
    labels = [i.toPlainText() for i in view.chart.plot.plotItem.items if hasattr(i, "toPlainText")]
    assert sorted(labels) == ["21家", "56家"]  # a short series has its values written
    assert view.chart.png_bytes().startswith(b"\x89PNG")
    svg = ET.fromstring(view.chart.svg_bytes())
    assert svg.tag.endswith("svg")


def test_series_and_story_tables_pass_the_model_tester(
    qtmodeltester: ModelTester, insight: InsightWindow
) -> None:
    insight.show_series("世界500强企业")
    qtmodeltester.check(insight.series.table_model, force_py=True)
    insight.show_story("小松全球智能制造产业基地")
    qtmodeltester.check(insight.story.model, force_py=True)
    model = insight.story.model
    index = model.index(2, 1)  # 签约 (2024-01): the row opens its passage
    assert index.data(text_table_model.ARTICLE_ID_ROLE) == "2024-looking-back-2023"


def test_a_long_series_is_drawn_without_a_label_per_point(qtbot: QtBot) -> None:
    """Thousands of points: every one is drawn and can be clicked, but values are written
    beside the points only for short series (they would cover each other), and the axis
    keeps a readable number of dates."""
    import pyqtgraph as pg

    from jining_archive.insight import series_of
    from jining_archive.ui.series_chart import MAX_TICKS
    from jining_archive.ui.series_view import SeriesView

    view = SeriesView()
    qtbot.addWidget(view)
    companies = next(s for s in series_of(_synthetic(6_000)) if s.measure == "企业")
    view.set_series([companies])
    chart = view.chart
    assert len(chart.points) == len(companies.points) == 4_000
    labels = [i for i in chart.plot.plotItem.items if isinstance(i, pg.TextItem)]
    assert labels == []
    assert sum(len(item.points()) for item in chart._scatters) == 4_000
    assert view.table_model.rowCount() == 4_000
    assert view.table_model.index(3_999, 1).data() == companies.points[-1].figure.text
    ticks = chart.plot.getAxis("bottom")._tickLevels[0]
    assert 1 < len(ticks) <= MAX_TICKS


def test_chart_exports_png_and_svg(qtbot: QtBot, insight: InsightWindow, tmp_path: Path) -> None:
    insight.show_series("世界500强企业")
    view = insight.series
    assert view.export_chart_to(tmp_path / "chart.png", "png")
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")
    assert view.export_chart_to(tmp_path / "chart.svg", "svg")
    ET.parse(tmp_path / "chart.svg")
    assert not view.export_chart_to(tmp_path / "nowhere" / "chart.svg", "svg")


def test_project_story_view(qtbot: QtBot, insight: InsightWindow) -> None:
    """小松全球智能制造产业基地: 开工 (2023-03), a plan for 2026 with no status of its own
    clause (2023-09), then 签约 and 在建 (2024-01)."""
    insight.show_story("小松全球智能制造产业基地")
    assert insight.tabs.currentIndex() == 2
    model = insight.story.model
    statuses = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert statuses == ["开工", "—（计划于 2026）", "签约", "在建"]  # see test_insight.py
    assert "1万台" in model.index(1, 3).data()
    assert "开工 → 签约 → 在建" in insight.story.stages_label.text()


def test_main_window_opens_insight_and_the_passage(
    qtbot: QtBot,
    prepared: Library,  # noqa: F811
    tmp_path: Path,
) -> None:
    window: MainWindow = open_window(qtbot, prepared, tmp_path / "settings.ini")
    assert window.insight.action in window.view_menu.actions()
    insight = window.insight.open_window()
    with qtbot.waitSignal(insight.dataShown, timeout=WAIT_MS):
        pass
    table = insight.figures
    table.measure_field.setText("世界500强企业")
    table.apply_filter()
    row = next(table.model.row(r) for r in range(table.model.total) if row_is_56(table, r))
    index = table.model.index(_row_number(table, row), 0)
    table.view.doubleClicked.emit(index)
    assert window.current_article is not None
    assert window.current_article.id == "2025-lead-goose"
    cursor_text = window.current_article.text[row.figure.start : row.figure.end]
    assert cursor_text == "56家"
    insight.close()


def row_is_56(table, r: int) -> bool:  # type: ignore[no-untyped-def]
    return bool(table.model.row(r).figure.text == "56家")


def _row_number(table, row: FigureRow) -> int:  # type: ignore[no-untyped-def]
    return next(r for r in range(table.model.total) if table.model.row(r) is row)


def test_side_panel_opens_a_project_story(
    qtbot: QtBot,
    prepared: Library,  # noqa: F811
    tmp_path: Path,
) -> None:
    window: MainWindow = open_window(qtbot, prepared, tmp_path / "settings.ini")
    window.open_article("2023-intl-parks")
    panel = window.side_panel
    panel.setCurrentIndex(PROJECTS_TAB)
    assert not panel.story_button.isEnabled()
    proxy = panel.projects_proxy
    row = next(
        r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == "小松全球智能制造产业基地"
    )
    panel.projects_view.selectRow(row)
    assert panel.story_button.isEnabled()
    with qtbot.waitSignal(panel.storyRequested) as signal:
        panel.story_button.click()
    assert signal.args == ["小松全球智能制造产业基地"]
    insight = window.insight.window
    assert insight is not None and insight.tabs.currentIndex() == 2
    qtbot.waitUntil(lambda: insight.story.story is not None, timeout=WAIT_MS)
    assert insight.story.story is not None
    assert insight.story.story.name == "小松全球智能制造产业基地"
    insight.close()


def test_reader_menu_opens_the_story_of_the_project_under_the_pointer(
    qtbot: QtBot,
    prepared: Library,  # noqa: F811
    tmp_path: Path,
) -> None:
    """2023-intl-parks names 小松全球智能制造产业基地 (b15); its context menu offers the story."""
    from PySide6.QtCore import QPoint

    window: MainWindow = open_window(qtbot, prepared, tmp_path / "settings.ini")
    window.open_article("2023-intl-parks")
    project = next(p for p in prepared.projects() if p.name == "小松全球智能制造产业基地")
    mention = next(m for m in project.mentions if m.article_id == "2023-intl-parks")
    window.reader.scroll_to_offset(mention.start, centre=True)
    rect = window.reader.cursorRect(window.reader.cursor_for(mention.start, mention.start))
    point = QPoint(rect.right() + 3, rect.center().y())
    assert window.reader.mark_at(point) is not None
    window._reader_menu(point)
    menu = window.reader_menu
    story = next(a for a in menu.actions() if a.text() == "查看这个项目的历程")
    story.trigger()
    menu.close()
    insight = window.insight.window
    assert insight is not None and insight.tabs.currentIndex() == 2
    qtbot.waitUntil(lambda: insight.story.story is not None, timeout=WAIT_MS)
    assert insight.story.story is not None
    assert insight.story.story.name == "小松全球智能制造产业基地"
    insight.close()
