"""What the fault-injection tests share: the environment for running the command line
in a new process, and a way to run it without root's power to ignore file modes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import jining_archive
from jining_archive import paths

SOURCE_ROOT = str(Path(jining_archive.__file__).resolve().parents[1])


def process_env(*, keep_home: bool = False, **extra: str) -> dict[str, str]:
    """The environment for ``python -m jining_archive`` from this checkout; without
    ``keep_home`` the data folder is the one given with ``--data-dir``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = SOURCE_ROOT + os.pathsep + env.get("PYTHONPATH", "")
    if not keep_home:
        env.pop(paths.HOME_ENV, None)
    env.update(extra)
    return env


def _unprivileged_prefix() -> list[str] | None:
    """A command prefix that runs without the power to ignore file modes, or None.

    As root, ``unshare -U`` keeps the owner's uid but drops CAP_DAC_OVERRIDE."""
    if os.geteuid() != 0:
        return []
    if shutil.which("unshare") is None:
        return None
    probe = subprocess.run(["unshare", "-U", "true"], capture_output=True)
    return ["unshare", "-U"] if probe.returncode == 0 else None


UNPRIVILEGED = _unprivileged_prefix()
needs_unprivileged = pytest.mark.skipif(
    UNPRIVILEGED is None, reason="cannot run a process without root's file powers here"
)
