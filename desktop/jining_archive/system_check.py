"""What the system must offer before the window can start, checked before Qt loads.

- glibc: a Linux build needs the glibc version it was built against or newer; the
  build records that floor in ``GLIBC_FLOOR`` beside the bundled files, and
  :func:`glibc_problem` compares it with the running C library.
- The Qt platform plugin: ``QT_QPA_PLATFORM=wayland`` makes Qt abort when the plugin
  is missing or no Wayland compositor answers; :func:`choose_platform` turns it into a
  list Qt falls back along (``wayland;xcb``), or into ``xcb`` at once when Wayland
  cannot work, with a note saying so.
- System libraries Qt's GUI modules link against (libGL, libEGL, libxkbcommon,
  fontconfig …): :func:`missing_library_message` turns the loader's error into what
  to install.

These run before the interface language is known (it lives in the settings, read
once Qt is up), so the messages are given in Chinese and English. No Qt import here.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Collection, Mapping
from pathlib import Path

GLIBC_FLOOR_FILE = "GLIBC_FLOOR"
# Platform plugin names that mean Wayland (Qt 6.11: qwayland; earlier: wayland-egl …).
_WAYLAND = ("wayland", "wayland-egl", "wayland-brcm")

# Library file → what provides it, on the distributions users name most.
_SYSTEM_LIBRARIES: dict[str, str] = {
    "libGL.so": "Debian/Ubuntu: libgl1 · Fedora: mesa-libGL · Arch: libglvnd",
    "libEGL.so": "Debian/Ubuntu: libegl1 · Fedora: mesa-libEGL · Arch: libglvnd",
    "libOpenGL.so": "Debian/Ubuntu: libopengl0 · Fedora: libglvnd-opengl · Arch: libglvnd",
    "libxkbcommon.so": "Debian/Ubuntu: libxkbcommon0 · Fedora: libxkbcommon · Arch: libxkbcommon",
    "libxkbcommon-x11.so": (
        "Debian/Ubuntu: libxkbcommon-x11-0 · Fedora: libxkbcommon-x11 · Arch: libxkbcommon-x11"
    ),
    "libfontconfig.so": "Debian/Ubuntu: libfontconfig1 · Fedora: fontconfig · Arch: fontconfig",
    "libwayland-client.so": (
        "Debian/Ubuntu: libwayland-client0 · Fedora: libwayland-client · Arch: wayland"
    ),
    "libwayland-cursor.so": (
        "Debian/Ubuntu: libwayland-cursor0 · Fedora: libwayland-cursor · Arch: wayland"
    ),
    "libxcb-cursor.so": (
        "Debian/Ubuntu: libxcb-cursor0 · Fedora: xcb-util-cursor · Arch: xcb-util-cursor"
    ),
}
_MISSING = re.compile(r"(lib[\w+-]+\.so)(?:\.[\d.]+)?: cannot open shared object file")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", text)[:3])


def running_glibc() -> str:
    """The running C library's glibc version ("" when it is not glibc, e.g. musl)."""
    try:
        found = os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (AttributeError, ValueError, OSError):
        return ""
    return found.split()[-1] if found.startswith("glibc") else ""


def glibc_problem(floor_file: Path, running: str | None = None) -> str | None:
    """A message when the running glibc is older than the one ``floor_file`` names."""
    if not floor_file.is_file():
        return None
    floor = floor_file.read_text(encoding="utf-8").strip()
    running = running_glibc() if running is None else running
    if not floor or not running or _version(running) >= _version(floor):
        return None
    return (
        f"济宁高新区资料库需要 glibc {floor} 或更新的版本，本系统为 glibc {running}。"
        "请在更新的 Linux 发行版上运行，或在最旧的目标系统上自行构建"
        "（见 packaging/README.md）。\n"
        f"Jining Archive needs glibc {floor} or newer; this system has glibc {running}. "
        "Use a newer Linux distribution, or build the app on the oldest system it must "
        "run on (see packaging/README.md)."
    )


def check_glibc_or_exit() -> None:
    """In a frozen Linux build: stop with a clear message when glibc is too old."""
    root = getattr(sys, "_MEIPASS", None)
    if not root or not sys.platform.startswith("linux"):
        return
    problem = glibc_problem(Path(root) / GLIBC_FLOOR_FILE)
    if problem:
        print(problem, file=sys.stderr)
        raise SystemExit(1)


def platform_plugins(plugin_dir: Path) -> set[str]:
    """The platform plugins present in Qt's ``plugins/platforms`` folder (qxcb → xcb)."""
    names = set()
    folder = plugin_dir / "platforms"
    if folder.is_dir():
        for path in folder.iterdir():
            stem = path.name.split(".")[0]
            stem = stem.removeprefix("lib")
            if stem.startswith("q"):
                names.add(stem[1:])
    return names


def _wayland_socket(env: Mapping[str, str]) -> bool:
    display = env.get("WAYLAND_DISPLAY") or "wayland-0"
    if os.path.isabs(display):
        return os.path.exists(display)
    runtime = env.get("XDG_RUNTIME_DIR")
    return bool(runtime) and os.path.exists(os.path.join(runtime, display))  # type: ignore[arg-type]


def choose_platform(
    env: Mapping[str, str], plugins: Collection[str]
) -> tuple[str | None, str | None]:
    """(new QT_QPA_PLATFORM or None to leave it, a note for the user or None).

    Only a request for Wayland is changed: with its plugin and a compositor's socket
    present, into a list Qt walks along (``wayland;xcb``), so a compositor that
    refuses the connection falls back to XWayland instead of aborting; without
    either, straight to ``xcb`` with a note.
    """
    requested = env.get("QT_QPA_PLATFORM", "")
    choices = [c.split(":")[0].strip() for c in requested.split(";") if c.strip()]
    if not choices or choices[0] not in _WAYLAND:
        return None, None
    fallback = requested if "xcb" in choices else requested + ";xcb"
    has_plugin = any(name in plugins for name in (choices[0], "wayland"))
    if has_plugin and _wayland_socket(env):
        return (fallback if fallback != requested else None), None
    reason_zh, reason_en = (
        ("此版本不含 Wayland 平台插件", "this build has no Wayland platform plugin")
        if not has_plugin
        else ("未找到 Wayland 合成器（WAYLAND_DISPLAY）", "no Wayland compositor was found")
    )
    note = (
        f"济宁高新区资料库：QT_QPA_PLATFORM={requested}，但{reason_zh}；改用 X11（xcb）。\n"
        f"Jining Archive: QT_QPA_PLATFORM={requested}, but {reason_en}; using X11 (xcb) instead."
    )
    return "xcb", note


def no_display_message(env: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """On Linux, when no platform is chosen and there is neither an X display nor a
    Wayland compositor: say so (Qt would abort, blaming a library that is installed),
    and how to run without a screen; None when a window can be tried."""
    if not platform.startswith("linux"):
        return None
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return (
        "济宁高新区资料库：没有找到显示器（DISPLAY 和 WAYLAND_DISPLAY 都未设置），无法打开窗口。"
        "命令行功能（如 articles、search）不需要显示器；若要无显示器运行窗口（脚本、测试），"
        "请设置 QT_QPA_PLATFORM=offscreen。\n"
        "Jining Archive: no display was found (neither DISPLAY nor WAYLAND_DISPLAY is set), "
        "so the window cannot open. The command line (articles, search …) needs no display; "
        "to run the window without one (scripts, tests), set QT_QPA_PLATFORM=offscreen."
    )


def missing_library_message(error: BaseException) -> str | None:
    """What to install when Qt could not load because a system library is missing."""
    found = _MISSING.search(str(error))
    if not found:
        return None
    library = found.group(1)
    where = _SYSTEM_LIBRARIES.get(library, "")
    hint_en = f" Install it ({where})." if where else " Install the package that provides it."
    hint_zh = f"请安装（{where}）。" if where else "请安装提供它的软件包。"
    return (
        f"济宁高新区资料库的窗口需要系统库 {library}，但系统中没有。{hint_zh}"
        "命令行功能（如 articles、search）不需要它。\n"
        f"Jining Archive's window needs the system library {library}, which is missing."
        f"{hint_en} The command line (articles, search …) works without it."
    )
