"""Third-party notices: built from the installed distributions' own licence files, for
every distribution the app needs at run time, and refusing a distribution without one
(the packaging step stops on it). Runs on the current environment, without a build."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from jining_archive import notices, paths

ROOT = Path(__file__).resolve().parents[1]


def _direct_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [re.match(r"[A-Za-z0-9._-]+", r).group() for r in project["dependencies"]]  # type: ignore[union-attr]


def test_the_closure_holds_every_requirement_and_their_own_requirements() -> None:
    closure = {notices.normalise(n) for n in notices.runtime_closure()}
    for name in _direct_requirements():
        assert notices.normalise(name) in closure, name
    # Dependencies of dependencies: trafilatura needs courlan and htmldate, PySide6 shiboken6.
    assert {"courlan", "htmldate", "shiboken6"} <= closure
    # Extras (test, package) are not run-time parts.
    assert "pytest" not in closure and "pyinstaller" not in closure
    assert notices.normalise("jining-archive") not in closure


def test_every_runtime_distribution_has_a_licence_text() -> None:
    found = notices.collect(notices.runtime_closure())  # raises when one has none
    by_name = {notices.normalise(n.name): n for n in found}
    assert len(by_name) == len(notices.runtime_closure())
    for notice in found:
        assert notice.texts and all(text.strip() for _where, text in notice.texts), notice.name
    # A distribution's own file is used as it is: lxml ships LICENSE.txt in its metadata.
    lxml = metadata.distribution("lxml")
    own = next(f for f in lxml.files or [] if f.name == "LICENSE.txt" and ".dist-info" in str(f))
    assert own.read_text(encoding="utf-8").strip() in [t for _w, t in by_name["lxml"].texts]
    # jieba's wheel carries no licence file: the text kept in resources/licenses is used.
    assert not [f for f in metadata.distribution("jieba").files or [] if "LICEN" in f.name.upper()]
    assert by_name["jieba"].texts[0][0] == "resources/licenses/jieba.txt"
    assert "Copyright (c) 2013 Sun Junyi" in by_name["jieba"].texts[0][1]
    # Qt's bindings: the LGPL-3.0 with the GPL-3.0 it supplements.
    qt_texts = " ".join(t for _w, t in by_name["shiboken6"].texts)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in qt_texts
    assert "GNU GENERAL PUBLIC LICENSE" in qt_texts and "Version 3, 29 June 2007" in qt_texts


def test_a_distribution_without_licence_text_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = tmp_path / "unlicensed_part-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: unlicensed-part\nVersion: 1.0\nLicense: MIT\n",
        encoding="utf-8",
    )
    (info / "RECORD").write_text("unlicensed_part-1.0.dist-info/METADATA,,\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(notices.MissingLicenceText) as raised:
        notices.collect(["jieba", "unlicensed-part"])
    assert raised.value.names == ["unlicensed-part"]
    assert "resources/licenses" in str(raised.value)
    # With a text kept for it, the same distribution passes.
    kept = tmp_path / "licenses"
    kept.mkdir()
    (kept / "unlicensed-part.txt").write_text("MIT License\n\nCopyright (c) 2020 X\n", "utf-8")
    (found,) = notices.collect(["unlicensed-part"], folder=kept)
    assert found.texts == (
        ("resources/licenses/unlicensed-part.txt", "MIT License\n\nCopyright (c) 2020 X"),
    )
    assert found.licence == "MIT"


def test_files_are_traced_to_the_distribution_that_installed_them() -> None:
    import rapidfuzz
    import whoosh

    files = [whoosh.__file__, str(Path(rapidfuzz.__file__).parent / "fuzz.py")]
    assert [notices.normalise(n) for n in notices.distributions_owning(files)] == [
        "rapidfuzz",
        "whoosh",
    ]
    assert notices.distributions_owning([str(ROOT / "README.md")]) == []


def test_the_rendered_notices_list_every_part_with_its_text() -> None:
    found = notices.collect(notices.runtime_closure())
    fonts = [("wqy-microhei.ttc", "Apache License Version 2.0 (font licence text)")]
    text = notices.render(found, qt_version="6.11.3", fonts=fonts)
    contents = text.split("\n\n" + notices.RULE)[0]
    for notice in found:
        assert f"  {notice.name} {notice.version} — " in contents
        assert f"\n{notice.name} {notice.version} — " in text  # its own section
        assert notice.texts[0][1][:200] in text
    # The app's own licence first, Python's, Qt's with how to replace its libraries.
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").strip() in text
    assert "Jining Archive contributors" in text
    assert "Python " in contents and "PSF-2.0" in contents
    python_text = notices.python_licence_text()
    assert python_text and python_text[:300] in text
    assert "Replacing the Qt libraries" in text and "same Qt 6.11 series" in text
    assert "libQt6Core.so.6" in text or "Qt6Core.dll" in text or "QtCore.framework" in text
    assert "wqy-microhei.ttc (font)" in contents and "(font licence text)" in text


def test_the_bundled_notices_file_is_shown_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / notices.NOTICES_FILE).write_text("bundled notices\n", "utf-8")
    monkeypatch.setattr(paths, "bundled_root", lambda: tmp_path)
    assert notices.notices_text("6.11.3") == "bundled notices\n"
