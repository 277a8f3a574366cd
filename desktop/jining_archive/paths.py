"""Where things live: user data, caches and the bundled archive.

Every location can be overridden, so tests and portable installs never touch the
real user folders:

- ``JINING_ARCHIVE_HOME`` (or ``--data-dir``) puts data in ``HOME/data`` and
  caches in ``HOME/cache``;
- otherwise platformdirs' per-user data and cache folders are used.

Bundled files (corpus/, resources/) are found in a frozen app's bundle, in an
installed wheel (``jining_archive/_bundled``) or in a source checkout.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "jining-archive"
HOME_ENV = "JINING_ARCHIVE_HOME"

_home_override: Path | None = None


def set_home(path: str | os.PathLike[str] | None) -> None:
    """Point data and cache folders at ``path`` for this process (the ``--data-dir`` option)."""
    global _home_override
    _home_override = Path(path).expanduser().resolve() if path else None


def _home() -> Path | None:
    if _home_override is not None:
        return _home_override
    env = os.environ.get(HOME_ENV)
    return Path(env).expanduser().resolve() if env else None


def data_dir() -> Path:
    """The folder for what the user makes: bookmarks, notes, imported articles."""
    home = _home()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """The folder for what can be rebuilt: the search index, jieba's dictionary cache."""
    home = _home()
    path = home / "cache" if home else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def imports_dir() -> Path:
    """Articles the user added, kept as copies of the files they chose."""
    path = data_dir() / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _bundled_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    installed = Path(__file__).resolve().parent / "_bundled"
    if installed.is_dir():
        return installed
    # Source checkout: desktop/jining_archive/paths.py -> repository root.
    return Path(__file__).resolve().parents[2]


def corpus_dir() -> Path:
    """The bundled archive: article texts and manifest.json."""
    return _bundled_root() / "corpus"


def resources_dir() -> Path:
    """Icons, stylesheets, translations and fonts shipped with the app."""
    return _bundled_root() / "resources"
