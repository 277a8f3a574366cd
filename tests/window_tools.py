"""Building blocks for window tests: a library in a module's own home folder, and a
shown main window waiting for what a test needs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jining_archive import paths
from jining_archive.library import Library
from jining_archive.ui.i18n import LanguageSwitcher
from jining_archive.ui.main_window import MainWindow
from jining_archive.ui.settings import Settings

WAIT_MS = 60_000


def library_in(home: Path, prepare: Callable[[Library], object] | None = None) -> Iterator[Library]:
    """The library opened with ``home`` as the app's home folder (for a module-scoped
    fixture to yield from), after ``prepare`` has run on it; the home is reset after."""
    paths.set_home(home)
    try:
        library = Library.open()
        if prepare is not None:
            prepare(library)
        yield library
    finally:
        paths.set_home(None)


def indexed(library: Library) -> None:
    """Build the search index."""
    library.search_index().ensure(library.articles, None, None)


def show_window(
    qtbot: QtBot,
    library: Library,
    settings_file: Path,
    *,
    size: tuple[int, int] | None = None,
    active: bool = False,
    background: bool = False,
    annotations: bool = False,
    wait_ms: int = WAIT_MS,
) -> MainWindow:
    """A shown main window: resized to ``size``, made the active window (shortcuts
    reach only the active window), and with the background work started and waited for
    (search ready; with ``annotations``, the side panel's too)."""
    window = MainWindow(library, Settings(str(settings_file)), LanguageSwitcher())
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    if active:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    if background or annotations:
        with ExitStack() as waits:
            waits.enter_context(qtbot.waitSignal(window.searchReady, timeout=wait_ms))
            if annotations:
                waits.enter_context(qtbot.waitSignal(window.annotationsReady, timeout=wait_ms))
            window.start_background_work()
    return window
