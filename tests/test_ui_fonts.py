"""CJK fonts: the system's when it has one, the bundled one when not, else a clear message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jining_archive.library import Library

pytestmark = pytest.mark.gui

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

# Run in a fresh process: fontconfig reads its configuration once, at start.
PROBE = """
import json, sys
from PySide6.QtWidgets import QApplication
from jining_archive.ui.fonts import chinese_families, ensure_cjk_font, missing_font_message
app = QApplication([])
before = chinese_families()
check = ensure_cjk_font(__import__("pathlib").Path(sys.argv[1]))
print(json.dumps({"before": before, "source": check.source.value,
                  "families": list(check.families), "message": missing_font_message()}))
"""


def probe(tmp_path: Path, fonts_folder: Path) -> dict[str, object]:
    """Check fonts with a fontconfig that only knows DejaVu (a machine without CJK fonts)."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{DEJAVU}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(fonts_folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.skipif(not (DEJAVU.is_dir() and WQY.is_file()), reason="needs DejaVu and WQY fonts")
def test_bundled_font_is_loaded_only_without_a_system_cjk_font(tmp_path: Path) -> None:
    bundle = tmp_path / "fonts"
    bundle.mkdir()
    (bundle / WQY.name).write_bytes(WQY.read_bytes())
    result = probe(tmp_path, bundle)
    assert result["before"] == []
    assert result["source"] == "bundled"
    assert any("WenQuanYi" in family for family in result["families"])  # type: ignore[attr-defined]


@pytest.mark.skipif(not DEJAVU.is_dir(), reason="needs DejaVu fonts")
def test_no_cjk_font_at_all_names_the_packages(tmp_path: Path) -> None:
    result = probe(tmp_path, tmp_path / "no-fonts-here")
    assert result["source"] == "missing"
    message = str(result["message"])
    assert "fonts-wqy-microhei" in message and "fonts-noto-cjk" in message
    # Readable without a Chinese font: the English text comes first.
    assert message.startswith("No font that can show Chinese was found")


def test_system_font_wins(qapp: QApplication) -> None:
    from jining_archive.ui.fonts import FontSource, chinese_families, ensure_cjk_font

    if not chinese_families():
        pytest.skip("this machine has no CJK font")
    assert ensure_cjk_font().source == FontSource.SYSTEM


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_missing_font_warning_is_shown_once(
    qtbot: QtBot, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from jining_archive.ui import application
    from jining_archive.ui.fonts import FontCheck, FontSource
    from jining_archive.ui.main_window import MainWindow
    from jining_archive.ui.settings import Settings

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    settings = Settings(str(tmp_path / "settings.ini"))
    window = MainWindow(library, settings)
    qtbot.addWidget(window)
    missing = FontCheck(FontSource.MISSING, ())
    application.warn_about_fonts(missing, window, settings)
    application.warn_about_fonts(missing, window, settings)
    assert len(shown) == 1 and "fonts-wqy-microhei" in shown[0]
    assert window.status.problem_label.text() == shown[0].splitlines()[0]
