"""Third-party notices: the licence text of every part the app carries.

Built from the installed distributions' own metadata with ``importlib.metadata``:
each distribution's licence files (``*.dist-info/licenses/…``, or ``LICENSE``,
``COPYING``, ``NOTICE`` … beside its metadata), and for the few that install none the
texts kept in ``resources/licenses/`` (see its README). Python's own licence comes
from the interpreter's ``LICENSE.txt``; Qt's from the LGPL-3.0 and GPL-3.0 texts,
with how to replace the Qt libraries of a packaged build.

Used twice: the PyInstaller spec writes :data:`NOTICES_FILE` into the bundle for the
distributions PyInstaller collected, and stops the build when one of them has no
licence text; Help → About shows that file, or, run from source or a wheel, the same
notices built from the running environment.
"""

from __future__ import annotations

import os
import platform
import re
import sys
import sysconfig
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from jining_archive import __version__, paths
from jining_archive.components import APP_DISTRIBUTION, licence_of

NOTICES_FILE = "THIRD-PARTY-NOTICES.txt"
# File names that hold licence texts when a distribution does not list them in
# License-File (PEP 639); matched against files beside the metadata only.
_LICENCE_NAME = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|COPYRIGHT|AUTHORS)", re.IGNORECASE)
# Qt and its bindings are used under LGPL-3.0, which is GPL-3.0 plus permissions.
QT_DISTRIBUTIONS = frozenset({"pyside6", "pyside6-essentials", "pyside6-addons", "shiboken6"})
QT_TEXTS = ("LGPL-3.0.txt", "GPL-3.0.txt")
# Qt's Linux libraries in the PySide6 wheel load ICU from the same folder.
ICU_TEXT = "ICU.txt"
RULE = "=" * 78


class MissingLicenceText(RuntimeError):
    """Some distributions carry no licence text and none is kept for them."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)
        super().__init__(
            "no licence text for: "
            + ", ".join(self.names)
            + " (add one to resources/licenses/, named after the distribution)"
        )


@dataclass(frozen=True)
class Notice:
    """One distribution: its name and version, its licence, and the licence texts."""

    name: str
    version: str
    licence: str
    texts: tuple[tuple[str, str], ...]  # (where the text comes from, the text)


def normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them (``PySide6_Essentials``: pyside6-essentials)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def licences_dir() -> Path:
    """The licence texts kept for distributions that carry none."""
    return paths.resources_dir() / "licenses"


def runtime_closure(root: str = APP_DISTRIBUTION) -> list[str]:
    """The distributions ``root`` needs at run time, directly or not (extras left out).

    Requirements whose environment marker does not hold here (another platform,
    another Python) are left out; so are requirements that are not installed.
    """
    try:
        from packaging.requirements import InvalidRequirement, Requirement
    except ImportError:  # pragma: no cover - packaging comes with pip and the build tools
        Requirement = None  # type: ignore[assignment,misc]
        InvalidRequirement = ValueError  # type: ignore[assignment,misc]
    seen: dict[str, str] = {}
    stack = [root]
    while stack:
        name = stack.pop()
        key = normalise(name)
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = dist.metadata["Name"] or name
        for line in dist.requires or []:
            if Requirement is None:
                if "extra ==" in line:
                    continue
                match = re.match(r"[A-Za-z0-9._-]+", line)
                if match:
                    stack.append(match.group())
                continue
            try:
                requirement = Requirement(line)
            except InvalidRequirement:
                continue
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            stack.append(requirement.name)
    return sorted((name for key, name in seen.items() if key != normalise(root)), key=str.lower)


def distributions_owning(files: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The installed distributions that own any of ``files`` (by their RECORD)."""
    wanted = {os.path.normcase(os.path.realpath(f)) for f in files}
    owners: dict[str, str] = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if not name or normalise(name) in owners:
            continue
        for entry in dist.files or []:
            path = os.path.normcase(os.path.realpath(str(dist.locate_file(entry))))
            if path in wanted:
                owners[normalise(name)] = name
                break
    return sorted(owners.values(), key=str.lower)


def _own_licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    texts = []
    for entry in dist.files or []:
        parts = entry.parts
        if len(parts) < 2 or not parts[0].endswith(".dist-info"):
            continue
        in_licences = len(parts) > 2 and parts[1] == "licenses"
        if not (in_licences or (len(parts) == 2 and _LICENCE_NAME.match(entry.name))):
            continue
        try:
            text = entry.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if text and text.strip():
            texts.append(("/".join(parts[1:]), text.strip()))
    return texts


def _kept_text(file_name: str, folder: Path) -> list[tuple[str, str]]:
    path = folder / file_name
    if not path.is_file():
        return []
    return [(f"resources/licenses/{file_name}", path.read_text(encoding="utf-8").strip())]


def notice_for(name: str, folder: Path | None = None) -> Notice:
    """The notice of one installed distribution (its texts may be empty)."""
    folder = folder or licences_dir()
    dist = metadata.distribution(name)
    real_name = dist.metadata["Name"] or name
    key = normalise(real_name)
    texts = _own_licence_texts(dist)
    if key in QT_DISTRIBUTIONS:
        for file_name in QT_TEXTS:
            texts += _kept_text(file_name, folder)
        if any(Path(str(f)).name.startswith("libicu") for f in dist.files or []):
            texts += _kept_text(ICU_TEXT, folder)
    if not texts:
        texts = _kept_text(f"{key}.txt", folder)
    return Notice(real_name, dist.version or "", licence_of(real_name), tuple(texts))


def collect(
    names: Iterable[str], folder: Path | None = None, require_text: bool = True
) -> list[Notice]:
    """Notices for ``names`` (the app itself left out), sorted by name.

    Raises MissingLicenceText, naming them all, when ``require_text`` and some
    distribution has no licence text.
    """
    notices: dict[str, Notice] = {}
    for name in names:
        key = normalise(name)
        if key == normalise(APP_DISTRIBUTION) or key in notices:
            continue
        try:
            notices[key] = notice_for(name, folder)
        except metadata.PackageNotFoundError:
            continue
    missing = [n.name for n in notices.values() if not n.texts]
    if missing and require_text:
        raise MissingLicenceText(sorted(missing, key=str.lower))
    return sorted(notices.values(), key=lambda n: n.name.lower())


def python_licence_text() -> str:
    """The running Python's own LICENSE.txt ("" when this Python ships none)."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    candidates = [
        Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt",
        Path(sys.base_prefix) / "LICENSE.txt",  # Windows
        Path(f"/usr/share/doc/python{version}/copyright"),  # Debian removes LICENSE.txt
    ]
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8", errors="replace").strip()
    return ""


def app_licence_text() -> str:
    """The app's own LICENSE: beside the bundled files, in a checkout, or in the wheel."""
    path = paths.bundled_root() / "LICENSE"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    try:
        for _where, text in _own_licence_texts(metadata.distribution(APP_DISTRIBUTION)):
            return text
    except metadata.PackageNotFoundError:
        pass
    return ""


def _qt_section(qt_version: str, pyside_version: str) -> str:
    series = ".".join(qt_version.split(".")[:2])
    if sys.platform == "win32":
        where = "_internal\\PySide6\\ (Qt6Core.dll, Qt6Gui.dll, Qt6Widgets.dll, Qt6Svg.dll …)"
    elif sys.platform == "darwin":
        where = "Contents/Frameworks/PySide6/Qt/lib/ (QtCore.framework, QtGui.framework …)"
    else:
        where = "_internal/PySide6/Qt/lib/ (libQt6Core.so.6, libQt6Gui.so.6, libQt6Widgets.so.6 …)"
    return f"""\
Qt {qt_version} and PySide6 {pyside_version} (Qt for Python), with shiboken6, are
used under the GNU Lesser General Public License version 3 (LGPL-3.0); its text,
with the GNU General Public License version 3 that it supplements, is in the PySide6
and shiboken6 sections below.
Copyright (C) The Qt Company Ltd. and other contributors.

Replacing the Qt libraries: this build is a folder of separate files, not one
archive, so Qt's libraries can be replaced with modified or newer builds of the
same Qt {series} series. They are in
    {where}
and the Qt plugins in the plugins/ folder beside them. Build Qt from its source
(https://download.qt.io/official_releases/qt/ or https://code.qt.io), and PySide6
and shiboken6 from theirs (https://code.qt.io/cgit/pyside/pyside-setup.git, tag
v{pyside_version}) if the binding must change too; then put the new files in place
of the old ones under the same names. The app loads them from that folder at every
start, nothing else is linked into it. On macOS, re-sign the app after replacing
files (codesign --force --sign - on the app, or with your own identity).
The source of the exact versions used is available from The Qt Company's download
site under the version numbers above."""


def _section(title: str, licence: str, texts: Sequence[tuple[str, str]]) -> str:
    lines = [RULE, f"{title} — {licence or 'licence: see text'}", RULE]
    for where, text in texts:
        lines += ["", f"[{where}]", "", text]
    return "\n".join(lines)


def render(
    notices: Sequence[Notice],
    *,
    qt_version: str = "",
    fonts: Sequence[tuple[str, str]] = (),
    system_libraries: Sequence[tuple[str, str, str]] = (),
) -> str:
    """The notices file: the app, Python, Qt, every distribution, fonts, system libraries.

    ``fonts`` are (font file name, licence text); ``system_libraries`` are (library
    file names, package, licence text) for libraries copied from the build system.
    """
    qt_notices = [n for n in notices if normalise(n.name) in QT_DISTRIBUTIONS]
    pyside_version = next((n.version for n in qt_notices if "pyside" in normalise(n.name)), "")
    contents = [
        f"Jining Archive {__version__} — MIT",
        f"Python {platform.python_version()} — PSF-2.0",
    ]
    contents += [f"{n.name} {n.version} — {n.licence or 'see text'}" for n in notices]
    contents += [f"{name} (font)" for name, _text in fonts]
    contents += [f"{libs} (system library, {package})" for libs, package, _ in system_libraries]
    parts = [
        "Jining Archive (济宁高新区资料库) — licences and third-party notices",
        "",
        "This build of Jining Archive carries the components below. Each is listed with",
        "its licence as its own metadata states it, followed by its licence texts.",
        "",
        "Contents:",
        *(f"  {line}" for line in contents),
        "",
        _section(f"Jining Archive {__version__}", "MIT", [("LICENSE", app_licence_text())]),
        "",
        _section(
            f"Python {platform.python_version()}",
            "PSF-2.0",
            [("Python's LICENSE.txt", python_licence_text())],
        ),
    ]
    if qt_notices:
        parts += ["", RULE, f"Qt {qt_version}".rstrip() + " — LGPL-3.0", RULE, ""]
        parts.append(_qt_section(qt_version or "6", pyside_version))
    for notice in notices:
        parts += ["", _section(f"{notice.name} {notice.version}", notice.licence, notice.texts)]
    for name, text in fonts:
        parts += ["", _section(f"{name} (font)", "", [(f"{name} licence", text)])]
    for libs, package, text in system_libraries:
        parts += ["", _section(f"{libs} (system library)", package, [(package, text)])]
    return "\n".join(parts).rstrip() + "\n"


def bundled_fonts() -> list[tuple[str, str]]:
    """(font file, licence text) for the fonts in resources/fonts that have a licence file."""
    folder = paths.resources_dir() / "fonts"
    if not folder.is_dir():
        return []
    fonts = []
    for font in sorted(folder.iterdir()):
        licence = folder / f"{font.stem}.LICENSE.txt"
        if font.suffix.lower() in (".ttf", ".ttc", ".otf") and licence.is_file():
            fonts.append((font.name, licence.read_text(encoding="utf-8", errors="replace")))
    return fonts


def notices_text(qt_version: str = "") -> str:
    """What Help → About shows: the bundled notices file, or the running environment's."""
    bundled = paths.resources_dir() / NOTICES_FILE
    if bundled.is_file():
        return bundled.read_text(encoding="utf-8")
    notices = collect(runtime_closure(), require_text=False)
    return render(notices, qt_version=qt_version, fonts=bundled_fonts())
