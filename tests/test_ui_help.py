"""Help → Keyboard shortcuts lists the window's real shortcuts; Help → About names the
version and every runtime part with its version and licence (offscreen)."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from jining_archive import __version__
from jining_archive.components import components
from jining_archive.library import Library
from jining_archive.ui.help_dialogs import AboutDialog, ShortcutsDialog
from jining_archive.ui.i18n import LanguageSwitcher
from jining_archive.ui.main_window import MainWindow
from jining_archive.ui.settings import Settings

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def _rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_the_shortcuts_page_lists_the_windows_shortcuts(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    window = MainWindow(library, Settings(str(tmp_path / "s.ini")), LanguageSwitcher())
    qtbot.addWidget(window)
    assert window.shortcuts_action in window.help_menu.actions()
    dialog = ShortcutsDialog(window.findChildren(type(window.find_action)), window)
    qtbot.addWidget(dialog)
    rows = {name: keys for name, keys in _rows(dialog.table)}
    assert rows["添加书签(B)"] == "Ctrl+D"
    assert rows["阅读模式"] == "F11"
    assert rows["复制并附出处"] == "Ctrl+Shift+C"
    assert rows["光标浏览（用方向键选择文字）"] == "F7"
    assert "Ctrl+=" in rows["放大文字"]
    # Keys are named as the platform names them, in its language (Alt+Left, Alt+左方向).
    assert rows["后退"] == QKeySequence("Alt+Left").toString(QKeySequence.SequenceFormat.NativeText)
    assert any("Shift" in keys and "Home" in keys for keys in rows.values())


def test_about_names_every_runtime_part_with_its_licence(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert __version__ in dialog.heading.text()
    rows = {name: (version, licence) for name, version, licence in _rows(dialog.table)}
    names = [
        re.match(r"[A-Za-z0-9._-]+", r).group()  # type: ignore[union-attr]
        for r in metadata.requires("jining-archive") or []
        if "extra ==" not in r
    ]
    assert len(names) >= 10
    for name in names:
        version, licence = rows[name]
        assert version == metadata.version(name)
        assert licence != "—", name
    assert rows["jieba"][1] == "MIT"
    assert rows["whoosh"][0] == "2.7.4"
    assert any(name.startswith("Qt (PySide6") for name in rows)


def test_a_bundled_font_is_listed_with_its_licence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jining_archive import paths

    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "wqy-microhei.ttc").write_bytes(b"\0font")
    (fonts / "wqy-microhei.LICENSE.txt").write_text(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "License: Apache-2.0 or GPL-3 with font embedding exception\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(paths, "resources_dir", lambda: tmp_path)
    font = next(c for c in components() if c.name.startswith("wqy-microhei"))
    assert "Apache-2.0" in font.licence and "GPL-3" in font.licence


@pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")
def test_about_opens_the_licence_texts(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.notices_dialog is None
    dialog.notices_button.click()
    shown = dialog.notices_dialog
    assert shown is not None and shown.isVisible()
    text = shown.text.toPlainText()
    assert "Jining Archive contributors" in text  # the app's own MIT licence
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text  # Qt's
    assert "Whoosh 2.7.4" in text and "Matt Chaput" in text
    assert shown.text.isReadOnly()
    shown.close()
