"""The wheel (``pip install .``, not editable) carries corpus/ and resources/ and runs anywhere.

Builds the wheel, installs it with its dependencies into a fresh virtual
environment (no system site-packages; pip may use its local cache) and runs the
installed ``jining-archive`` from an unrelated folder. Installing PySide6 and the
rest takes a minute, so the normal suite skips it; packaging/ci-package.sh runs it
with JINING_ARCHIVE_WHEEL_TEST=1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("JINING_ARCHIVE_WHEEL_TEST") != "1",
        reason="installs every dependency into a new venv; set JINING_ARCHIVE_WHEEL_TEST=1 "
        "(packaging/ci-package.sh does)",
    ),
]


def clean_env(home: Path) -> dict[str, str]:
    """The environment of a user who installed the wheel: no PYTHONPATH, no other venv."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PYTHONSTARTUP"}
    }
    env["JINING_ARCHIVE_HOME"] = str(home)
    env["PYTHONUTF8"] = "1"
    return env


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> str:
    """Run a command; on failure show its output in the assertion."""
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=timeout
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the project's wheel and its dependencies; returns its bin folder."""
    base = tmp_path_factory.mktemp("wheel")
    env = clean_env(base / "home")
    wheels = base / "wheels"
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        cwd=base,
        env=env,
    )
    (wheel,) = wheels.glob("jining_archive-*.whl")
    venv.EnvBuilder(with_pip=True, system_site_packages=False, clear=True).create(base / "venv")
    bin_dir = base / "venv" / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "--no-compile",
            str(wheel),
        ],
        cwd=base,
        env=env,
    )
    return bin_dir


def manifest_ids() -> set[str]:
    """The article ids of corpus/manifest.json."""
    manifest = json.loads((ROOT / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    return {entry["id"] for entry in manifest["articles"]}


def test_installed_command_lists_the_bundled_articles(installed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = clean_env(tmp_path / "home")
    exe = str(installed / "jining-archive")

    listing = run([exe, "articles"], cwd=elsewhere, env=env)
    manifest = json.loads((ROOT / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["articles"]:
        assert entry["id"] in listing

    listed = json.loads(run([exe, "articles", "--json"], cwd=elsewhere, env=env))
    assert {article["id"] for article in listed} == manifest_ids()


def test_installed_package_reads_its_own_copy_of_the_archive(
    installed: Path, tmp_path: Path
) -> None:
    env = clean_env(tmp_path / "home")
    probe = (
        "import json; from jining_archive import paths; "
        "print(json.dumps([str(paths.corpus_dir()), str(paths.resources_dir())]))"
    )
    corpus, resources = json.loads(
        run([str(installed / "python"), "-c", probe], cwd=tmp_path, env=env)
    )
    venv_dir = installed.parent.resolve()
    assert Path(corpus).resolve().is_relative_to(venv_dir), corpus
    assert (Path(corpus) / "manifest.json").is_file()
    assert sorted(p.name for p in (Path(corpus) / "articles").glob("*.txt")) == sorted(
        p.name for p in (ROOT / "corpus" / "articles").glob("*.txt")
    )
    assert Path(resources).resolve().is_relative_to(venv_dir), resources
    assert (Path(resources) / "icons" / "jining-archive.svg").is_file()
    assert (Path(resources) / "jining-archive.desktop").is_file()
