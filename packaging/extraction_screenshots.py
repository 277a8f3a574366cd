"""Screenshots of the reader's highlights on the bundled archive, for the README.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" \
        python3 packaging/extraction_screenshots.py

Opens the window on a fresh data folder, waits for the extraction, and saves two
passages with QWidget.grab() into resources/screenshots: a kind of work after 实施 that
is not marked as a project beside a named one with its own clause's status
(extraction-projects.png), and figures whose measures come from their own clause
(extraction-measures.png).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QTimer
from screenshot_window import app, library, save, window

from jining_archive.ui.side_panel import FIGURES_TAB, PROJECTS_TAB


def show(article_id: str, passage: str, tab: int, name: str, then, row: str = "") -> None:  # type: ignore[no-untyped-def]
    """Open ``article_id`` at ``passage`` with the side panel on ``tab`` (its figure ``row``
    selected), save, go on."""
    text = library.article(article_id).text
    window.open_article(article_id, text.index(passage), text.index(passage) + len(passage))
    side = window.side_panel
    side.setCurrentIndex(tab)
    if row:
        proxy = side.figures_proxy
        for index in range(proxy.rowCount()):
            if proxy.index(index, 0).data() == row:
                side.figures_view.selectRow(index)
                side.figures_view.scrollTo(proxy.index(index, 0))

    def grab() -> None:
        save(window, name)
        then()

    QTimer.singleShot(1500, grab)


def projects() -> None:
    show("2020-eight-roads", "加快实施交通路网工程", PROJECTS_TAB, "extraction-projects", measures)


def measures() -> None:
    show(
        "2024-looking-back-2023",
        "千人托位数",
        FIGURES_TAB,
        "extraction-measures",
        app.quit,
        row="5.57个",
    )


window.annotationsReady.connect(lambda: QTimer.singleShot(500, projects))
QTimer.singleShot(120_000, app.quit)
app.exec()
