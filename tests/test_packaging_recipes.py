"""The Windows and macOS recipes cannot be built here; what can be checked without their
systems is checked by reading them: the files they name exist where they look, the
output folder of the documented build is the one the installer reads, minimum system
versions, version strings (pre-releases included) and the signing steps."""

from __future__ import annotations

import plistlib
import re
import sys
from pathlib import Path, PureWindowsPath

import pytest

from jining_archive import __version__

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = (PACKAGING / "jining-archive.spec").read_text(encoding="utf-8")
ISS_PATH = PACKAGING / "windows" / "jining-archive.iss"
ISS = ISS_PATH.read_text(encoding="utf-8-sig")
DMG = (PACKAGING / "macos" / "build-dmg.sh").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
PACKAGING_README = (PACKAGING / "README.md").read_text(encoding="utf-8")

sys.path.insert(0, str(PACKAGING))
from version_numbers import windows_numbers  # noqa: E402


def _iss_setup(key: str) -> str:
    found = re.search(rf"^{key}=(.*)$", ISS, re.MULTILINE)
    assert found, f"{key} missing from the [Setup] section"
    return found.group(1).strip()


def _iss_path(relative: str) -> Path:
    """A path of the .iss (relative to the script's folder, backslashes) on this system."""
    return (ISS_PATH.parent / Path(*PureWindowsPath(relative).parts)).resolve()


def test_the_spec_names_files_that_exist() -> None:
    for name in re.findall(r'icon_dir / "([^"]+)"', SPEC):
        assert (ROOT / "resources" / "icons" / name).is_file(), name
    assert 'SPEC_DIR / "launcher.py"' in SPEC and (PACKAGING / "launcher.py").is_file()
    for folder in re.findall(r'_tree\(\s*ROOT / "([^"]+)"', SPEC):
        assert (ROOT / folder).is_dir(), folder
    assert 'ROOT / "LICENSE"' in SPEC and (ROOT / "LICENSE").is_file()
    assert 'ROOT / "resources" / "licenses"' in SPEC
    assert (ROOT / "resources" / "licenses").is_dir()


def test_the_documented_windows_build_writes_where_the_installer_reads() -> None:
    build_dir = re.search(r'#define BuildDir AddBackslash\(SourcePath\) \+ "([^"]+)"', ISS)
    assert build_dir
    assert _iss_path(build_dir.group(1)) == PACKAGING / "dist" / "jining-archive"
    windows_commands = [
        line
        for text in (README, PACKAGING_README)
        for line in text.splitlines()
        if "jining-archive.spec" in line and "PyInstaller" in line and "\\" in line
    ]
    assert windows_commands, "no Windows PyInstaller command in the READMEs"
    for line in windows_commands:
        assert "--distpath packaging\\dist" in line, line
        assert "--workpath packaging\\build" in line, line
    assert _iss_path(_iss_setup("SetupIconFile")).is_file()
    assert _iss_path(_iss_setup("OutputDir")) == PACKAGING / "dist"


def test_the_installer_asks_for_windows_10_and_a_recent_inno_setup() -> None:
    assert _iss_setup("MinVersion") == "10.0"
    assert _iss_setup("ArchitecturesAllowed") == "x64compatible"
    # x64compatible is new in Inno Setup 6.3: the script and both READMEs say so.
    for text in (ISS, PACKAGING_README):
        assert "Inno Setup 6.3" in text


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("0.2.0rc1", (0, 2, 0, 0)), ("1.2", (1, 2, 0, 0)),
     ("2.0.1.dev3", (2, 0, 1, 0)), ("1.2.3.4", (1, 2, 3, 4))],
)  # fmt: skip
def test_windows_version_numbers_take_the_release_part(
    version: str, numbers: tuple[int, ...]
) -> None:
    assert windows_numbers(version) == numbers


def test_a_pre_release_cannot_break_the_installers_version_fields() -> None:
    assert windows_numbers(__version__)  # the current version is one Windows accepts
    with pytest.raises(ValueError):
        windows_numbers("rc1")
    # The numeric field takes the exe's fixed version numbers, never the version string.
    assert _iss_setup("VersionInfoVersion") == "{#AppVersionNumbers}"
    assert 'GetVersionNumbersString(BuildDir + "\\" + AppExe)' in ISS
    assert "from version_numbers import windows_numbers" in SPEC


def test_the_macos_bundle_matches_its_localisations_and_minimum() -> None:
    region = re.search(r'"CFBundleDevelopmentRegion": "([^"]+)"', SPEC)
    localisations = re.search(r'"CFBundleLocalizations": \[([^\]]+)\]', SPEC)
    assert region and localisations
    names = re.findall(r'"([^"]+)"', localisations.group(1))
    assert region.group(1) in names
    for name in names:
        strings = PACKAGING / "macos" / f"{name}.lproj" / "InfoPlist.strings"
        assert strings.is_file(), f"{name} is listed but has no {strings}"
    folders = {p.name.removesuffix(".lproj") for p in (PACKAGING / "macos").glob("*.lproj")}
    assert folders == set(names)
    minimum = re.search(r'"LSMinimumSystemVersion": "([^"]+)"', SPEC)
    assert minimum and minimum.group(1) == "13.0"
    assert "**macOS** (13 or newer" in README


def test_macos_signing_goes_inside_out_with_entitlements() -> None:
    signing = [line for line in DMG.splitlines() if "codesign" in line and "--verify" not in line]
    assert signing
    assert not [line for line in signing if "--deep" in line and not line.lstrip().startswith("#")]
    assert '--entitlements "$ENTITLEMENTS"' in DMG
    entitlements = PACKAGING / "macos" / "entitlements.plist"
    assert 'ENTITLEMENTS="$ROOT/packaging/macos/entitlements.plist"' in DMG
    with entitlements.open("rb") as handle:
        granted = plistlib.load(handle)
    assert granted == {"com.apple.security.cs.allow-unsigned-executable-memory": True}
    assert "--options runtime" in DMG
    # macOS 15 dropped right-click > Open for unsigned apps: the way that works is written down.
    for text in (DMG, README, PACKAGING_README):
        assert "Open Anyway" in text


def test_qt_translations_are_pruned_on_every_platform() -> None:
    wanted = re.search(r"def _translation_wanted.*?(?=\n\n\n)", SPEC, re.DOTALL)
    assert wanted
    namespace: dict[str, object] = {"Path": Path, "re": re}
    exec(  # the spec's own filter, on the layouts of the three platforms
        re.search(r"^QT_TRANSLATIONS = .*$", SPEC, re.MULTILINE).group(0)  # type: ignore[union-attr]
        + "\n"
        + wanted.group(0),
        namespace,
    )
    keep = namespace["_translation_wanted"]
    assert callable(keep)
    for folder in ("PySide6/Qt/translations", "PySide6/translations"):
        assert keep(f"{folder}/qtbase_zh_CN.qm")
        assert not keep(f"{folder}/qtbase_de.qm")
        assert not keep(f"{folder}/qtdeclarative_zh_CN.qm")
    assert keep("resources/translations/jining_archive_en.ts")
