"""The main window on a fresh data folder with the bundled archive, for the screenshot scripts.

Importing this module sets up a throwaway JINING_ARCHIVE_HOME (before the app's modules
load), creates the application and the window, shows it and starts its background work.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))
HOME = tempfile.mkdtemp()
os.environ["JINING_ARCHIVE_HOME"] = HOME

from PySide6.QtWidgets import QWidget  # noqa: E402

from jining_archive.library import Library  # noqa: E402
from jining_archive.ui.application import create_application  # noqa: E402
from jining_archive.ui.fonts import ensure_cjk_font  # noqa: E402
from jining_archive.ui.i18n import LanguageSwitcher  # noqa: E402
from jining_archive.ui.main_window import MainWindow  # noqa: E402
from jining_archive.ui.settings import Settings  # noqa: E402

OUT = ROOT / "resources" / "screenshots"
app = create_application()
ensure_cjk_font()
library = Library.open(reprocess=False)
window = MainWindow(library, Settings(os.path.join(HOME, "s.ini")), LanguageSwitcher())
window.resize(1400, 880)
window.show()
window.start_background_work()


def save(widget: QWidget, name: str) -> None:
    """Grab ``widget`` into OUT/name.png."""
    widget.grab().save(str(OUT / f"{name}.png"))
    print("saved", OUT / f"{name}.png", flush=True)
