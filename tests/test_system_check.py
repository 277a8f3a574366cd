"""Checks before Qt loads: the glibc floor of a Linux build, a request for Wayland that
cannot be met (no plugin, no compositor) falling back to X11 instead of aborting, and
a missing libGL/libEGL named with what to install. No compositor or old glibc is needed:
the environment and the plugin folder are made here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jining_archive import system_check
from jining_archive.system_check import choose_platform

PLUGINS = {"xcb", "wayland", "offscreen"}


def _socket(tmp_path: Path, name: str = "wayland-0") -> dict[str, str]:
    runtime = tmp_path / "run"
    runtime.mkdir()
    (runtime / name).touch()  # stands for the compositor's socket: only its presence counts
    return {"XDG_RUNTIME_DIR": str(runtime)}


def test_wayland_with_plugin_and_compositor_gets_xcb_as_fallback(tmp_path: Path) -> None:
    env = {**_socket(tmp_path, "wayland-1"), "WAYLAND_DISPLAY": "wayland-1"}
    assert choose_platform({**env, "QT_QPA_PLATFORM": "wayland"}, PLUGINS) == (
        "wayland;xcb",
        None,
    )
    # Already a list with xcb in it, or not a Wayland request: left alone.
    assert choose_platform({**env, "QT_QPA_PLATFORM": "wayland;xcb"}, PLUGINS) == (None, None)
    assert choose_platform({**env, "QT_QPA_PLATFORM": "xcb"}, PLUGINS) == (None, None)
    assert choose_platform({**env, "QT_QPA_PLATFORM": "offscreen"}, PLUGINS) == (None, None)
    assert choose_platform(env, PLUGINS) == (None, None)


def test_wayland_without_a_compositor_uses_xcb_with_a_note(tmp_path: Path) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir()  # no socket in it
    env = {"XDG_RUNTIME_DIR": str(runtime), "QT_QPA_PLATFORM": "wayland"}
    value, note = choose_platform(env, PLUGINS)
    assert value == "xcb"
    assert note is not None
    assert "QT_QPA_PLATFORM=wayland" in note and "no Wayland compositor" in note
    assert "改用 X11" in note
    # WAYLAND_DISPLAY naming a socket that does not exist, or no runtime folder at all.
    assert choose_platform({**env, "WAYLAND_DISPLAY": "wayland-9"}, PLUGINS)[0] == "xcb"
    assert choose_platform({"QT_QPA_PLATFORM": "wayland"}, PLUGINS)[0] == "xcb"
    # An absolute WAYLAND_DISPLAY is a socket path of its own.
    sock = tmp_path / "elsewhere.sock"
    sock.touch()
    absolute = {"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": str(sock)}
    assert choose_platform(absolute, PLUGINS) == ("wayland;xcb", None)


def test_wayland_without_its_plugin_uses_xcb_with_a_note(tmp_path: Path) -> None:
    env = {**_socket(tmp_path), "QT_QPA_PLATFORM": "wayland"}
    value, note = choose_platform(env, {"xcb", "offscreen"})
    assert value == "xcb"
    assert note is not None and "no Wayland platform plugin" in note


def test_platform_plugins_are_read_from_the_plugin_folder(tmp_path: Path) -> None:
    folder = tmp_path / "platforms"
    folder.mkdir()
    for name in ("libqxcb.so", "libqwayland.so", "qwindows.dll", "libqoffscreen.so"):
        (folder / name).touch()
    assert system_check.platform_plugins(tmp_path) == {"xcb", "wayland", "windows", "offscreen"}
    assert system_check.platform_plugins(tmp_path / "none") == set()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's platform plugins on Linux")
def test_the_window_starts_when_wayland_is_asked_for_without_a_compositor(
    tmp_path: Path,
) -> None:
    """The real app: QT_QPA_PLATFORM=wayland with no compositor starts on xcb (Xvfb) or,
    without an X server either, stops with Qt's message, but never aborts with 134."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "wayland",
        "XDG_RUNTIME_DIR": str(runtime),
        "JINING_ARCHIVE_HOME": str(tmp_path / "home"),
    }
    env.pop("WAYLAND_DISPLAY", None)
    code = (
        "import os, sys\n"
        "from jining_archive.ui.application import choose_platform\n"
        "choose_platform()\n"
        "print(os.environ['QT_QPA_PLATFORM'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "xcb"
    assert "no Wayland compositor was found" in done.stderr


def test_an_old_glibc_is_refused_with_the_floor_named(tmp_path: Path) -> None:
    floor = tmp_path / system_check.GLIBC_FLOOR_FILE
    floor.write_text("2.36\n", encoding="utf-8")
    message = system_check.glibc_problem(floor, running="2.31")
    assert message is not None
    assert "glibc 2.36" in message and "glibc 2.31" in message
    assert "需要 glibc 2.36" in message
    assert system_check.glibc_problem(floor, running="2.36") is None
    assert system_check.glibc_problem(floor, running="2.39") is None
    assert system_check.glibc_problem(floor, running="2.100") is None  # numbers, not text
    assert system_check.glibc_problem(tmp_path / "absent", running="2.17") is None
    # musl or an unknown C library: nothing to compare with.
    assert system_check.glibc_problem(floor, running="") is None


def test_the_running_glibc_is_read_from_the_c_library() -> None:
    if not sys.platform.startswith("linux"):
        assert system_check.running_glibc() == ""
        return
    found = system_check.running_glibc()
    ldd = subprocess.run(["ldd", "--version"], capture_output=True, text=True).stdout
    assert found and found in ldd.splitlines()[0]


def test_a_missing_gl_library_says_what_to_install() -> None:
    error = ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")
    message = system_check.missing_library_message(error)
    assert message is not None
    assert "libEGL.so" in message and "libegl1" in message and "mesa-libEGL" in message
    assert "系统库 libEGL.so" in message
    gl = system_check.missing_library_message(
        ImportError("libGL.so.1: cannot open shared object file: No such file or directory")
    )
    assert gl is not None and "libgl1" in gl
    unknown = system_check.missing_library_message(
        OSError("libfoo.so.3: cannot open shared object file: No such file or directory")
    )
    assert unknown is not None and "libfoo.so" in unknown
    assert system_check.missing_library_message(ImportError("No module named 'PySide6'")) is None


def test_the_app_reports_a_missing_gl_library_instead_of_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import builtins

    from jining_archive import app

    real_import = builtins.__import__

    def failing_import(name: str, *args: object, **kwargs: object) -> object:
        if name == "jining_archive.ui.application":
            raise ImportError(
                "libEGL.so.1: cannot open shared object file: No such file or directory"
            )
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", failing_import)
    assert app.main([]) == 1
    err = capsys.readouterr().err
    assert "libEGL.so" in err and "libegl1" in err and "Traceback" not in err


def test_no_display_is_said_plainly_and_the_way_out_named() -> None:
    message = system_check.no_display_message({}, "linux")
    assert message is not None
    assert "没有找到显示器" in message and "no display was found" in message
    assert "QT_QPA_PLATFORM=offscreen" in message
    for env in (
        {"DISPLAY": ":0"},
        {"WAYLAND_DISPLAY": "wayland-0"},
        {"QT_QPA_PLATFORM": "offscreen"},
    ):
        assert system_check.no_display_message(env, "linux") is None
    assert system_check.no_display_message({}, "darwin") is None
    assert system_check.no_display_message({}, "win32") is None


def test_the_window_without_a_display_exits_with_the_message(tmp_path: Path) -> None:

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["JINING_ARCHIVE_HOME"] = str(tmp_path)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent / "desktop")
    done = subprocess.run(
        [sys.executable, "-m", "jining_archive"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1
    assert "no display was found" in done.stderr and "Traceback" not in done.stderr
    assert "xcb" not in done.stderr  # not Qt's misleading plugin message
