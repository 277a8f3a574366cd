"""Making sure Chinese text renders: system CJK font, else a bundled one, else a clear message.

The packaged app carries a free CJK font under ``resources/fonts`` (the
packaging step copies Debian's WenQuanYi Micro Hei with its licence); it is
loaded only when the system has no font for Simplified Chinese, so a machine's
own fonts always win.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase

from jining_archive import paths

FONT_SUFFIXES = (".ttf", ".ttc", ".otf")
# Debian/Ubuntu package names, smallest first.
FONT_PACKAGES = ("fonts-wqy-microhei", "fonts-noto-cjk")


class FontSource(StrEnum):
    """Where the Chinese glyphs come from."""

    SYSTEM = "system"
    BUNDLED = "bundled"
    MISSING = "missing"


@dataclass(frozen=True)
class FontCheck:
    """The outcome of :func:`ensure_cjk_font`: the source and the families found."""

    source: FontSource
    families: tuple[str, ...]


def chinese_families() -> list[str]:
    """Font families installed (or added) that cover Simplified Chinese."""
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def bundled_fonts(folder: Path | None = None) -> list[Path]:
    """Font files shipped with the app."""
    folder = folder or paths.resources_dir() / "fonts"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)


def ensure_cjk_font(folder: Path | None = None) -> FontCheck:
    """Load a bundled CJK font when the system has none; needs a QGuiApplication."""
    families = chinese_families()
    if families:
        return FontCheck(FontSource.SYSTEM, tuple(families))
    added: list[str] = []
    for font_file in bundled_fonts(folder):
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        if font_id >= 0:
            added.extend(QFontDatabase.applicationFontFamilies(font_id))
    if added:
        return FontCheck(FontSource.BUNDLED, tuple(added))
    return FontCheck(FontSource.MISSING, ())


ENGLISH_MISSING_FONT = (
    "No font that can show Chinese was found, so Chinese text shows as boxes. "
    "Install a Chinese font and start the app again, e.g. on Debian/Ubuntu:\n\n"
    "sudo apt install {small}\n\n(or {large}, which covers more characters)"
)


_CHINESE_MISSING_FONT = (
    "没有找到能显示中文的字体，文章中的汉字可能显示为方框。"
    "请安装中文字体后重新启动本程序，例如在 Debian/Ubuntu 上运行：\n\n"
    "sudo apt install {small}\n\n（或字形更全的 {large}）"
)


def missing_font_message() -> str:
    """What to tell the user when no font can show Chinese.

    In the Chinese interface the English text comes first: without a Chinese
    font, a message in Chinese alone would itself show as boxes.
    """
    packages = {"small": FONT_PACKAGES[0], "large": FONT_PACKAGES[1]}
    local = QCoreApplication.translate("fonts", _CHINESE_MISSING_FONT)
    if local != _CHINESE_MISSING_FONT:  # translated: the interface is not Chinese
        return local.format(**packages)
    return f"{ENGLISH_MISSING_FONT}\n\n{_CHINESE_MISSING_FONT}".format(**packages)


def missing_font_title() -> str:
    """The title of the missing-font dialog, readable without a Chinese font."""
    local = QCoreApplication.translate("fonts", "缺少中文字体")
    return local if local != "缺少中文字体" else f"No Chinese font / {local}"
