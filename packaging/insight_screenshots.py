"""Screenshots of the insight views with the bundled archive, for the README.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" \
        python3 packaging/insight_screenshots.py

Opens the window on a fresh data folder, waits for the extraction, opens 视图 →
跨文章洞察…, and saves each view with QWidget.grab() into resources/screenshots.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import Qt, QTimer
from screenshot_window import app, save, window

from jining_archive.ui.side_panel import PROJECTS_TAB


def insight_window():  # type: ignore[no-untyped-def]
    """The insight window (open by then)."""
    return window.insight.window


def start() -> None:
    insight = window.insight.open_window()
    insight.resize(1380, 860)
    insight.dataShown.connect(
        lambda: QTimer.singleShot(800, figures), Qt.ConnectionType.SingleShotConnection
    )


def figures() -> None:
    insight_window().tabs.setCurrentIndex(0)
    QTimer.singleShot(500, lambda: (save(insight_window(), "insight-figures"), areas()))


def areas() -> None:
    table = insight_window().figures
    table.kind_filter.setCurrentIndex(table.kind_filter.findData("area"))
    QTimer.singleShot(500, lambda: (save(insight_window(), "insight-figures-area"), series()))


def series() -> None:
    insight_window().show_series("世界500强企业")
    QTimer.singleShot(800, lambda: (save(insight_window(), "insight-series"), story()))


def story() -> None:
    insight_window().show_story("小松全球智能制造产业基地")
    QTimer.singleShot(800, lambda: (save(insight_window(), "insight-project-story"), timeline()))


def timeline() -> None:
    insight_window().tabs.setCurrentIndex(3)
    QTimer.singleShot(800, lambda: (save(insight_window(), "insight-timeline"), bookmark()))


def bookmark() -> None:
    """加入笔记… on the series: the note editor is grabbed and answered, then the
    bookmarks tab shows the kept table with its sources."""
    from PySide6.QtWidgets import QApplication

    from jining_archive.ui.note_editor import NoteEditorDialog

    def answer() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, NoteEditorDialog) and w.isVisible()
        )  # fmt: skip
        dialog.note_edit.setPlainText("世界500强企业两年增加 35 家，见 2025 年报道。")
        dialog.tags_edit.setText("外资")
        save(dialog, "insight-bookmark-editor")
        dialog.accept()

    insight_window().show_series("世界500强企业")
    QTimer.singleShot(1500, answer)
    QTimer.singleShot(300, insight_window().series.bookmark_button.click)
    QTimer.singleShot(2500, bookmarks_tab)


def bookmarks_tab() -> None:
    insight_window().hide()
    panel_widget = window.notes.panel
    window.left_tabs.setCurrentWidget(panel_widget)
    saved = panel_widget.model.bookmarks()
    panel_widget.select_bookmarks([saved[-1].id])
    QTimer.singleShot(800, lambda: (save(window, "insight-bookmark"), panel()))


def panel() -> None:
    insight_window().hide()
    window.open_article("2023-intl-parks")
    side = window.side_panel
    side.setCurrentIndex(PROJECTS_TAB)
    proxy = side.projects_proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, 0).data() == "小松全球智能制造产业基地":
            side.projects_view.selectRow(row)
    QTimer.singleShot(800, lambda: (save(window, "insight-side-panel-story"), app.quit()))


window.annotationsReady.connect(lambda: QTimer.singleShot(500, start))
QTimer.singleShot(120_000, app.quit)
app.exec()
