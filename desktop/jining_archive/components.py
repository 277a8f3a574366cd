"""The parts the app is made of, with their versions and licences (Help → About).

Read from the installed packages' own metadata: the app's runtime requirements,
Python itself, and the fallback font a packaged app carries with its licence file.
"""

from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from importlib import metadata

from jining_archive import __version__, paths

APP_DISTRIBUTION = "jining-archive"
_NAME = re.compile(r"^[A-Za-z0-9._-]+")
_LICENCE_WORDS = re.compile(r"(Apache|GPL|LGPL|MIT|BSD|OFL|MPL)[-\w. ]*", re.IGNORECASE)


@dataclass(frozen=True)
class Component:
    """One part of the app: its name, version and licence ("" when not known)."""

    name: str
    version: str
    licence: str


def components() -> list[Component]:
    """The app, Python, every runtime dependency and any bundled font."""
    parts = [
        Component("Jining Archive", __version__, licence_of(APP_DISTRIBUTION) or "MIT"),
        Component("Python", platform.python_version(), "PSF-2.0"),
    ]
    for name in _runtime_requirements():
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = ""
        parts.append(Component(name, version, licence_of(name)))
    parts.extend(_bundled_fonts())
    return parts


def _runtime_requirements() -> list[str]:
    """The app's requirements without extras (test, package), by name."""
    try:
        requires = metadata.requires(APP_DISTRIBUTION) or []
    except metadata.PackageNotFoundError:  # a frozen app without its metadata
        return []
    names = []
    for requirement in requires:
        if "extra ==" in requirement:
            continue
        match = _NAME.match(requirement.strip())
        if match and match.group() not in names:
            names.append(match.group())
    return sorted(names, key=str.lower)


def licence_of(name: str) -> str:
    """A distribution's licence as its metadata states it (expression, field or classifier)."""
    try:
        meta = metadata.metadata(name)
    except metadata.PackageNotFoundError:
        return ""
    expression = meta["License-Expression"]
    if expression:
        return str(expression)
    field = str(meta["License"] or "").strip()
    if field and "\n" not in field and len(field) <= 60:
        return field
    classifiers = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    if classifiers:
        return ", ".join(classifiers)
    found = _LICENCE_WORDS.search(field)
    return found.group().strip() if found else ""


def _bundled_fonts() -> list[Component]:
    """Fonts in resources/fonts (a packaged app's fallback), with their licence files."""
    folder = paths.resources_dir() / "fonts"
    if not folder.is_dir():
        return []
    fonts = []
    for font in sorted(folder.iterdir()):
        if font.suffix.lower() not in (".ttf", ".ttc", ".otf"):
            continue
        licence_file = folder / f"{font.stem}.LICENSE.txt"
        licence = ""
        if licence_file.is_file():
            text = licence_file.read_text(encoding="utf-8", errors="replace")
            names = dict.fromkeys(m.group().strip() for m in _LICENCE_WORDS.finditer(text))
            licence = ", ".join(list(names)[:3])
        fonts.append(Component(f"{font.stem} (font)", "", licence))
    return fonts
