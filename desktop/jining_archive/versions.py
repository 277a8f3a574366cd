"""Versions of the code that makes cached data, so caches made by other code are redone.

A version is the app's version plus a hash of the package's own source files:
any change to the parser or the extractor re-processes what they made, with no
constant to remember to bump. A frozen app has no sources to hash and relies
on the app version alone.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from jining_archive import __version__

_ROOT = Path(__file__).resolve().parent


@functools.cache
def code_version(*packages: str) -> str:
    """A short hash of the app version and the .py files of ``packages`` (sub-packages
    of jining_archive, or single module names ending in .py)."""
    digest = hashlib.sha256(__version__.encode())
    for name in packages:
        target = _ROOT / name
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for path in files:
            try:
                digest.update(path.relative_to(_ROOT).as_posix().encode())
                digest.update(path.read_bytes())
            except OSError:
                continue
    return digest.hexdigest()[:16]


def pipeline_version() -> str:
    """The version of everything from a file's bytes to its Article."""
    return code_version("documents", "importing.py")


def extraction_version() -> str:
    """The version of figure and entity extraction."""
    return code_version("extraction")
