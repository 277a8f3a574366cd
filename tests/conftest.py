"""Shared fixtures: every test runs with user data and caches under tmp_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pg_tools import new_role, pg_server, team_db  # noqa: F401  (fixtures of the team-mode tests)

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


class ModalDialogInTest(AssertionError):
    """A test reached a dialog that waits for a person; offscreen it would wait forever."""


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail, instead of hanging, when code under test opens a modal dialog the test did
    not answer. A test that expects one patches it (monkeypatch or the dialog's hook)."""
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

    def refuse(*args: object, **kwargs: object) -> None:
        raise ModalDialogInTest(f"a modal dialog opened in a test: {args[1:3]!r}")

    for name in ("question", "warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
    for name in (
        "getSaveFileName",
        "getOpenFileName",
        "getOpenFileNames",
        "getExistingDirectory",
    ):
        monkeypatch.setattr(QFileDialog, name, staticmethod(refuse))
    for name in ("getText", "getItem", "getInt", "getMultiLineText"):
        monkeypatch.setattr(QInputDialog, name, staticmethod(refuse))
    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)


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
