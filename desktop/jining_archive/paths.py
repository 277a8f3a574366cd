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

import atexit
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

import platformdirs

APP_NAME = "jining-archive"
HOME_ENV = "JINING_ARCHIVE_HOME"

_home_override: Path | None = None
_cache_lock = threading.Lock()
_cache_fallback: dict[Path, Path] = {}  # unusable cache folder -> temporary stand-in
_cache_notice: list[str] = []


class FolderError(OSError):
    """A folder the app needs cannot be made or written; ``str(exc)`` says why, for the user."""

    def __str__(self) -> str:
        return str(self.strerror)


def describe_os_error(exc: OSError) -> str:
    """A short reason for ``exc`` in words a user knows (permission denied, disk full …)."""
    import errno

    reasons = {
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the disk is read-only",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.ENOTDIR: "a file is in the way (not a folder)",
        errno.EEXIST: "a file is in the way (not a folder)",
        errno.EISDIR: "a folder is in the way (not a file)",
        errno.ENAMETOOLONG: "the name is too long",
        errno.ENOENT: "it does not exist",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def ensure_folder(path: Path, what: str) -> Path:
    """Make ``path`` (and parents) if needed and check that it is a writable folder.

    Raises FolderError naming ``what`` (e.g. "the cache folder") and the reason.
    """
    try:
        private_dir(path)
        if not path.is_dir():
            raise NotADirectoryError(20, "Not a directory", str(path))
        # os.access() says yes to root on a read-only bind mount: try it for real.
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-check-", delete=True):
            pass
    except OSError as exc:
        raise FolderError(
            exc.errno or 0, f"{what} {path} cannot be used: {describe_os_error(exc)}"
        ) from exc
    return path


def set_home(path: str | os.PathLike[str] | None) -> None:
    """Point data and cache folders at ``path`` for this process (the ``--data-dir`` option)."""
    global _home_override
    _home_override = Path(path).expanduser().resolve() if path else None


def _home() -> Path | None:
    if _home_override is not None:
        return _home_override
    env = os.environ.get(HOME_ENV)
    return Path(env).expanduser().resolve() if env else None


PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents readable by the user only (0700, whatever
    the umask); folders that exist already keep their mode."""
    missing: list[Path] = []
    folder = path
    while not folder.is_dir() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_FOLDER_MODE)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # made by another process meanwhile
        os.chmod(folder, PRIVATE_FOLDER_MODE)  # mkdir's mode passes through the umask
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty and readable by the user only (0600) unless it exists; files
    written over it later (SQLite, QSaveFile) keep that mode."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    except FileExistsError:
        return path
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)
    finally:
        os.close(fd)
    return path


def data_dir() -> Path:
    """The folder for what the user makes: bookmarks, notes, imported articles."""
    home = _home()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return private_dir(path)


def cache_dir() -> Path:
    """The folder for what can be rebuilt: the search index, jieba's dictionary cache.

    When it cannot be made or written (read-only, a file in the way, no
    permission), a temporary folder stands in for this process and is removed
    at exit; :func:`cache_notice` says so. Everything still works, only the
    index is built again by every process.
    """
    home = _home()
    path = home / "cache" if home else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    with _cache_lock:
        if path in _cache_fallback:
            return _cache_fallback[path]
        try:
            return ensure_folder(path, "the cache folder")
        except FolderError as exc:
            stand_in = Path(tempfile.mkdtemp(prefix="jining-archive-cache-"))
            atexit.register(shutil.rmtree, stand_in, True)
            _cache_fallback[path] = stand_in
            _cache_notice.append(
                f"{exc}; the search index is kept in a temporary folder for this session "
                "and built again next time"
            )
            return stand_in


def cache_notice() -> str | None:
    """Why the cache folder could not be used, once it has been found unusable (or None)."""
    with _cache_lock:
        return _cache_notice[-1] if _cache_notice else None


def imports_dir() -> Path:
    """Articles the user added, kept as copies of the files they chose."""
    return private_dir(data_dir() / "imports")


def bundled_root() -> Path:
    """The folder holding corpus/ and resources/ (and a packaged build's LICENSE)."""
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
    return bundled_root() / "corpus"


def resources_dir() -> Path:
    """Icons, stylesheets, translations and fonts shipped with the app."""
    return bundled_root() / "resources"
