"""Window probe for the scale benchmark: peak memory and the worst GUI-thread stall.

    python -m jining_archive.ui.stall_probe [--import FILE]

Opens the window on the archive of the data folder (``JINING_ARCHIVE_HOME``),
and while a timer on the GUI thread ticks every 5 ms, goes through what a
user does: waits for the index and the side panel, types a query one
character at a time, opens the best hit, scrolls the figures table from top
to bottom, opens the insight window (跨文章洞察) and scrolls, filters and sorts
its table of every figure and goes through its tabs, and imports FILE. A tick that
comes late is a stall: the longest lateness of each phase is reported, with the
process's peak memory (maximum resident set size), as one JSON line. Run by
:mod:`jining_archive.scale_bench`.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer

from jining_archive.library import Library
from jining_archive.memory import peak_resident_mb
from jining_archive.ui.application import create_application
from jining_archive.ui.fonts import ensure_cjk_font
from jining_archive.ui.i18n import LanguageSwitcher
from jining_archive.ui.main_window import MainWindow
from jining_archive.ui.settings import Settings

TICK_MS = 5
QUERY = "济宁高新区"
TYPING_GAP_MS = 150
PHASE_TIMEOUT_S = 600
#: The insight window's figures table: pages scrolled, then what is typed in its filters.
SCROLL_PAGES = 400
FILTER_TEXT = "亿元"
FILTER_MEASURE = "企业"


class StallProbe:
    """A 5 ms timer whose late ticks are counted against the current phase."""

    def __init__(self) -> None:
        self.phase = "open"
        self.worst: dict[str, float] = {}
        #: Resident memory (MB) at the end of each phase.
        self.memory: dict[str, int] = {}
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        late = (now - self._last) * 1000 - TICK_MS
        self._last = now
        if late > self.worst.get(self.phase, 0.0):
            self.worst[self.phase] = late

    def enter(self, phase: str) -> None:
        """Count later ticks against ``phase``."""
        self._tick()
        self.memory[self.phase] = _resident_mb()
        self.phase = phase


def _resident_mb() -> int:
    """The process's resident memory now, in MB (0 where /proc is missing)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return round(pages * resource.getpagesize() / 1e6)


def _wait(condition: Callable[[], bool], timeout_s: float = PHASE_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QCoreApplication.processEvents()
        time.sleep(0.001)


def _pause(ms: int) -> None:
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        QCoreApplication.processEvents()
        time.sleep(0.001)


def run(import_file: Path | None) -> dict[str, object]:
    """Drive the window; returns the figures."""
    app = create_application()
    ensure_cjk_font()
    library = Library.open(reprocess=False)
    window = MainWindow(library, Settings(), LanguageSwitcher())
    probe = StallProbe()
    ready = {"search": False, "panel": False, "results": 0, "imported": False}
    window.searchReady.connect(lambda: ready.__setitem__("search", True))
    window.annotationsReady.connect(lambda: ready.__setitem__("panel", True))
    window.searchFinished.connect(lambda n: ready.__setitem__("results", ready["results"] + 1))
    window.archive.importFinished.connect(lambda _r: ready.__setitem__("imported", True))
    started = time.perf_counter()
    window.show()
    window.start_background_work()
    _wait(lambda: bool(ready["search"] and ready["panel"]))
    figures: dict[str, object] = {"ready_s": round(time.perf_counter() - started, 2)}

    probe.enter("typing")
    window.search_field.setFocus()
    for n in range(1, len(QUERY) + 1):
        window.search_field.setText(QUERY[:n])
        _pause(TYPING_GAP_MS)
    window.search.run_now()
    _wait(lambda: bool(ready["results"]))
    _pause(300)

    probe.enter("open hit")
    hits = window.results_model.total
    first = window.library.articles[0].id
    for group in window.results_model.groups:
        first = group.article_id
        break
    window.open_article(first)
    _pause(300)

    probe.enter("figures scroll")
    view = window.side_panel.figures_view
    bar = view.verticalScrollBar()
    step = max(1, bar.pageStep())
    while bar.value() < bar.maximum():
        bar.setValue(bar.value() + step)
        _pause(10)
    figures_rows = view.model().rowCount()

    insight_figures = _insight_phases(window, probe)

    if import_file is not None:
        probe.enter("import")
        window.archive.import_paths([import_file])
        _wait(lambda: bool(ready["imported"]))
        _pause(500)
        # The index update and extraction after an import run in the background.
        _wait(lambda: window.search_field.isEnabled())
        _pause(2000)

    probe.enter("end")
    probe.timer.stop()
    figures.update(
        peak_mb=round(peak_resident_mb()),
        worst_stall_ms={k: round(v) for k, v in probe.worst.items() if k != "end"},
        resident_mb_after=probe.memory,
        hits=int(hits),
        figures_rows=int(figures_rows),
        **insight_figures,
    )
    window.close()
    app.processEvents()
    return figures


def _insight_phases(window: MainWindow, probe: StallProbe) -> dict[str, object]:
    """The insight window on the whole archive: built in the background, then its
    figures table scrolled (rows fetched as they come into view), filtered by typing,
    by kind and by year, and sorted by other columns and back by value."""
    from jining_archive.ui import archive_figures_model as afm

    probe.enter("insight open")
    started = time.perf_counter()
    insight = window.insight.open_window()
    _wait(lambda: insight.data is not None)
    built_s = round(time.perf_counter() - started, 2)
    _pause(300)
    table = insight.figures
    total = table.model.total

    probe.enter("insight scroll")
    bar = table.view.verticalScrollBar()
    pages = 0
    while pages < SCROLL_PAGES and (
        bar.value() < bar.maximum() or table.model.canFetchMore(table.model.index(-1, -1))
    ):
        bar.setValue(bar.value() + max(1, bar.pageStep()))
        pages += 1
        _pause(10)
    fetched = table.model.rowCount()

    probe.enter("insight filter")
    for text in (FILTER_TEXT, FILTER_MEASURE):
        field = table.text_field if text == FILTER_TEXT else table.measure_field
        for n in range(1, len(text) + 1):
            field.setText(text[:n])
            _pause(TYPING_GAP_MS)
        table.apply_filter()
        _pause(200)
    filtered = table.model.total
    table.text_field.clear()
    table.measure_field.clear()
    table.apply_filter()
    _pause(200)
    for combo in (table.kind_filter, table.year_filter, table.source_filter):
        for index in range(min(combo.count(), 4)):
            combo.setCurrentIndex(index)
            _pause(100)
        combo.setCurrentIndex(0)
        _pause(100)

    probe.enter("insight sort")
    header = table.view.horizontalHeader()
    for column in (afm.DATE_COLUMN, afm.TEXT_COLUMN, afm.VALUE_COLUMN):
        header.setSortIndicator(column, Qt.SortOrder.DescendingOrder)
        _pause(200)

    probe.enter("insight tabs")
    for tab in range(insight.tabs.count()):
        insight.tabs.setCurrentIndex(tab)
        _pause(300)
    insight.close()
    return {
        "insight_build_s": built_s,
        "insight_figures": int(total),
        "insight_rows_fetched": int(fetched),
        "insight_filtered": int(filtered),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the probe and print its JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--import", dest="import_file", type=Path)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.import_file), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
