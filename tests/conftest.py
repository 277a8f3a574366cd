"""Shared fixtures: every test runs with user data and caches under tmp_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point JINING_ARCHIVE_HOME (data and cache folders) at a fresh temporary folder."""
    from jining_archive import paths

    home = tmp_path / "home"
    monkeypatch.setenv(paths.HOME_ENV, str(home))
    paths.set_home(None)
    yield home
    paths.set_home(None)


@pytest.fixture(scope="session")
def library(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The bundled archive, parsed once per test session (its catalogue in a session
    folder: session fixtures are set up before the per-test home exists)."""
    from jining_archive.library import Library
    from jining_archive.storage.catalogue import Catalogue

    folder = tmp_path_factory.mktemp("session-library")
    lib = Library.open(catalogue=Catalogue(folder / "catalogue.sqlite3"))
    assert not lib.problems, lib.problems
    return lib
