"""The window's remembered state: one registry where each option is declared once.

Settings live in an INI file in the user data folder (``paths.data_dir()``), so
``--data-dir`` / ``JINING_ARCHIVE_HOME`` moves them with everything else and
tests never touch the real user's settings.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from jining_archive import paths

T = TypeVar("T")

SETTINGS_FILE = "settings.ini"


@dataclass(frozen=True)
class Option(Generic[T]):
    """One remembered value: its key in the INI file, its type and its default."""

    key: str
    type: type[T]
    default: T


WINDOW_GEOMETRY = Option("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Option("window/state", QByteArray, QByteArray())
MAIN_SPLITTER = Option("window/main_splitter", QByteArray, QByteArray())
READING_MODE = Option("window/reading_mode", bool, False)
LAST_ARTICLE = Option("reader/last_article", str, "")
LAST_OFFSET = Option("reader/last_offset", int, 0)
READER_ZOOM = Option("reader/zoom", int, 100)
CARET_BROWSING = Option("reader/caret_browsing", bool, False)
RECENT_QUERIES = Option("search/recent", str, "")  # newest first, one a line
LAST_QUERY = Option("search/last", str, "")
HIDDEN_LAYERS = Option("reader/hidden_layers", str, "")  # comma-separated, see reader.LAYERS
LANGUAGE = Option("ui/language", str, "zh_CN")
FONT_WARNING_SHOWN = Option("ui/font_warning_shown", bool, False)
FIGURE_KIND_FILTER = Option("panel/figure_kind", str, "")
SIDE_TAB = Option("panel/tab", int, 0)
TREE_GROUPING = Option("tree/grouping", str, "none")
CITATION_STYLE = Option("export/citation_style", str, "app")  # notes.targets.CitationStyle
SERVER_URL = Option("team/server", str, "")  # empty: the archive on this computer


def settings_path() -> str:
    """The INI file holding the settings."""
    return str(paths.data_dir() / SETTINGS_FILE)


class Settings:
    """Typed access to the options above; see the module docstring."""

    def __init__(self, path: str | None = None) -> None:
        path = path or settings_path()
        # Made 0600 before Qt writes it: QSaveFile keeps the mode of the file it replaces.
        with contextlib.suppress(OSError):
            paths.private_file(Path(path))
        self._qsettings = QSettings(path, QSettings.Format.IniFormat)

    def get(self, option: Option[T]) -> T:
        """The stored value of ``option``, or its default when missing or unreadable."""
        raw: Any = self._qsettings.value(option.key, None)
        if raw is None:
            return option.default
        try:
            if option.type is bool:
                if isinstance(raw, str):
                    return (raw.lower() in ("1", "true", "yes")) is True  # type: ignore[return-value]
                return bool(raw)  # type: ignore[return-value]
            if option.type is QByteArray:
                return raw if isinstance(raw, QByteArray) else option.default  # type: ignore[return-value]
            return option.type(raw)  # type: ignore[call-arg]
        except (TypeError, ValueError):
            return option.default

    def set(self, option: Option[T], value: T) -> None:
        """Store ``value`` for ``option``."""
        self._qsettings.setValue(option.key, value)

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self._qsettings.sync()

    @property
    def path(self) -> str:
        """The file the settings are kept in."""
        return self._qsettings.fileName()
