"""Start the Qt application and show the main window.

Also the two measuring modes of the window:

- ``--startup-time``: print the seconds from process start to the first paint
  of the main window, then quit;
- ``--self-test``: start the window, open an article, search for 小松 once the
  index is ready, open the first hit, print one JSON line and exit 0 (1 on any
  failure or after a timeout). Packaging CI runs it with QT_QPA_PLATFORM=offscreen.
  It reads a copy of the user's settings and leaves the real file alone (the
  offscreen window's size would otherwise become the next start's).
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from jining_archive import __version__, paths, system_check
from jining_archive.ui import settings as opts
from jining_archive.ui import team
from jining_archive.ui.fonts import (
    FontCheck,
    FontSource,
    ensure_cjk_font,
    missing_font_message,
    missing_font_title,
)
from jining_archive.ui.i18n import LanguageSwitcher
from jining_archive.ui.main_window import MainWindow
from jining_archive.ui.settings import Settings

SELF_TEST_QUERY = "小松"
SELF_TEST_TIMEOUT_S = 180
APP_ID = "jining-archive"


def seconds_since_process_start() -> float | None:
    """Seconds since this process started (Linux /proc), or None elsewhere."""
    try:
        stat = Path("/proc/self/stat").read_text()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    # Field 22 (starttime, in clock ticks since boot) comes after the ")" of the name.
    fields = stat.rsplit(")", 1)[-1].split()
    try:
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (IndexError, ValueError, OSError):
        return None
    return max(uptime - started, 0.0)


_MODULE_LOADED = time.monotonic()
_PROCESS_AGE_AT_LOAD = seconds_since_process_start()


def elapsed_since_start() -> float:
    """Seconds since the process started (since this module loaded where /proc is missing)."""
    since_load = time.monotonic() - _MODULE_LOADED
    return since_load + (_PROCESS_AGE_AT_LOAD or 0.0)


def stylesheet() -> str:
    """The application style sheet shipped in resources/ (empty if missing)."""
    path = paths.resources_dir() / "styles" / "app.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names, style sheet and high-DPI settings."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    choose_platform()
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName("济宁高新区资料库")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    sheet = stylesheet()
    if sheet:
        app.setStyleSheet(sheet)
    return app


def warn_about_fonts(check: FontCheck, window: MainWindow, settings: Settings) -> None:
    """Without any CJK font, tell the user clearly (a dialog once, then the status bar)."""
    if check.source != FontSource.MISSING:
        return
    message = missing_font_message()
    print(f"jining-archive: {message}", file=sys.stderr)
    if settings.get(opts.FONT_WARNING_SHOWN):
        window.status.show_problem(message.splitlines()[0])
        return
    settings.set(opts.FONT_WARNING_SHOWN, True)
    QMessageBox.warning(window, missing_font_title(), message)


@dataclass
class SelfTest:
    """Drives the window through open → wait for index → search → open hit; see module doc."""

    window: MainWindow
    report: dict[str, Any] = field(default_factory=dict)
    exit_code: int | None = None

    def __post_init__(self) -> None:
        self.window.firstPainted.connect(
            lambda: self.report.setdefault("first_paint_s", round(elapsed_since_start(), 3))
        )

    def start(self) -> None:
        """Begin; the outcome is printed and the application quits."""
        QTimer.singleShot(SELF_TEST_TIMEOUT_S * 1000, self._timeout)
        window = self.window
        articles = window.library.articles
        if not articles:
            self._finish(False, "the library has no articles")
            return
        if not window.open_article(articles[0].id):
            self._finish(False, f"cannot open {articles[0].id}")
            return
        self.report["opened"] = articles[0].id
        window.searchReady.connect(self._search)
        window.searchUnavailable.connect(
            lambda message: self._finish(False, f"search index: {message}")
        )
        window.searchFinished.connect(self._results)
        if window.search_field.isEnabled():
            self._search()

    def _search(self) -> None:
        self.report["index_ready_s"] = round(elapsed_since_start(), 3)
        self.window.search_field.setText(SELF_TEST_QUERY)
        self.window.search.run_now()

    def _results(self, hit_count: int) -> None:
        window = self.window
        model = window.results_model
        self.report.update(
            query=SELF_TEST_QUERY,
            hits=int(model.total),
            articles_with_hits=len(model.groups),
        )
        if hit_count == 0:
            self._finish(False, f"no hits for {SELF_TEST_QUERY}")
            return
        window.open_hit(0, 0)
        article = window.current_article
        current = window.reader.extra_spans()["current"]
        if article is None or not current:
            self._finish(False, "the first hit did not open")
            return
        start, end = current[0]
        found = article.text[start:end]
        self.report.update(first_hit={"article_id": article.id, "start": start, "end": end})
        if SELF_TEST_QUERY not in found:
            self._finish(False, f"highlight {found!r} is not the query")
            return
        self._finish(True)

    def _timeout(self) -> None:
        if self.exit_code is None:
            problem = self.window.status.problem_label.text() or "timed out"
            self._finish(False, f"timeout after {SELF_TEST_TIMEOUT_S} s: {problem}")

    def _finish(self, ok: bool, error: str = "") -> None:
        if self.exit_code is not None:
            return
        self.report["ok"] = ok
        if error:
            self.report["error"] = error
        self.report["seconds"] = round(elapsed_since_start(), 3)
        print(json.dumps(self.report, ensure_ascii=False), flush=True)
        self.exit_code = 0 if ok else 1
        self.window.close()
        QCoreApplication.exit(self.exit_code)


def choose_platform(env: MutableMapping[str, str] | None = None) -> None:
    """Linux: make a request for Wayland fall back to X11 instead of aborting (see
    system_check.choose_platform); the note goes to the terminal."""
    if not sys.platform.startswith("linux"):
        return
    if env is None:
        env = os.environ
    plugins_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    value, note = system_check.choose_platform(env, system_check.platform_plugins(plugins_dir))
    if value is not None:
        env["QT_QPA_PLATFORM"] = value
    if note:
        print(note, file=sys.stderr)


def self_test_settings() -> Settings:
    """A throw-away copy of the user's settings for --self-test (removed at exit)."""
    folder = Path(tempfile.mkdtemp(prefix="jining-archive-self-test-"))
    atexit.register(shutil.rmtree, folder, True)
    copy = folder / "settings.ini"
    real = Path(opts.settings_path())
    if real.is_file():
        shutil.copyfile(real, copy)
    return Settings(str(copy))


def run_gui(args: argparse.Namespace) -> int:
    """Open the window on the library and run the event loop; returns the exit code."""
    app = create_application()
    fonts = ensure_cjk_font()  # before any text is laid out
    self_test = bool(getattr(args, "self_test", False))
    settings = self_test_settings() if self_test else Settings()
    languages = LanguageSwitcher()
    languages.apply(settings.get(opts.LANGUAGE))
    # Articles parsed by other parser code are parsed again in the background.
    team.use_remembered_server(settings)
    library = team.open_library()
    if library is None:
        return 1
    window = MainWindow(library, settings, languages)
    team.watch_team_changes(window, library)
    startup_time = bool(getattr(args, "startup_time", False))
    if startup_time:

        def painted() -> None:
            print(f"{elapsed_since_start():.3f}", flush=True)
            window.close()
            QCoreApplication.exit(0)

        window.firstPainted.connect(painted)
    test = SelfTest(window) if self_test else None
    window.show()
    if not startup_time:
        warn_about_fonts(fonts, window, settings)
        for problem in library.problems:
            window.status.show_problem(problem)
        # After the first paint: the workers compete for the GIL, so starting them
        # earlier would delay the window's appearance.
        window.firstPainted.connect(window.start_background_work)
    if test is not None:
        test.start()
    code = int(app.exec())
    if test is not None and test.exit_code is not None:
        return test.exit_code
    return code
