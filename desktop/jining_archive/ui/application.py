"""Start the Qt application and show the main window."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow

from jining_archive.library import Library


def run_gui(args: argparse.Namespace) -> int:
    """Open the window on the bundled archive and run the event loop."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("济宁高新区资料库 Jining Archive")
    articles = QListWidget()
    for article in Library.open().articles:
        articles.addItem(f"{article.date}  {article.title}")
    window.setCentralWidget(articles)
    window.resize(900, 600)
    window.show()
    return int(app.exec())
