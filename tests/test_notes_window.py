"""Bookmarks from the main window: Ctrl+D on a passage, a figure and a section, a restart,
clicking a bookmark, and Ctrl+E."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jining_archive.library import Library
from jining_archive.notes.model import TargetKind
from jining_archive.notes.store import NoteStore
from jining_archive.notes.targets import section_bookmark
from jining_archive.ui.annotations import Annotations
from jining_archive.ui.bookmarks_model import BOOKMARK_ID_ROLE
from jining_archive.ui.export_dialog import ExportDialog
from jining_archive.ui.main_window import MainWindow
from jining_archive.ui.note_editor import NoteEditorDialog

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

PARKS = "2023-intl-parks"
FACTORY = "仅用半年时间就完成1.2万平方米厂房建设"
TRADE_FIGURE = "221.2亿元"


def _window(qtbot: QtBot, library: Library) -> MainWindow:
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def typed_notes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer the note editor as a user would: type a note and tags, press OK."""
    notes = ["厂房半年建成", "进出口总额", "平台建设一节"]
    shown: list[str] = []

    def answer(dialog: NoteEditorDialog) -> int:
        shown.append(dialog.source_label.text())
        dialog.note_edit.setPlainText(notes[len(shown) - 1])
        dialog.tags_edit.setText("园区、窗口测试")
        return int(NoteEditorDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(NoteEditorDialog, "exec", answer)
    return shown


def _select(window: MainWindow, start: int, end: int) -> None:
    window.reader.setTextCursor(window.reader.cursor_for(start, end))


def test_bookmark_passage_figure_section_then_restart(
    qtbot: QtBot, library: Library, typed_notes: list[str], tmp_path: Path
) -> None:
    window = _window(qtbot, library)
    assert window.bookmark_action.isEnabled() and window.export_action.isEnabled()
    window.open_article(PARKS)
    text = library.article(PARKS).text

    start = text.index(FACTORY)
    _select(window, start, start + len(FACTORY))
    assert window.current_selection() == (PARKS, start, start + len(FACTORY))
    window.bookmark_action.trigger()

    window.annotations = Annotations.build(
        list(library.figures()), list(library.projects()), list(library.organizations())
    )
    fig = text.index(TRADE_FIGURE)
    assert any((f.start, f.end) == (fig, fig + 7) for f in library.figures(PARKS))
    _select(window, fig, fig + len(TRADE_FIGURE))
    window.bookmark_action.trigger()

    heading = library.article(PARKS).section("s2")
    window.reader.scroll_to_offset(heading.start)
    _select(window, heading.start + 2, heading.start + 2)  # a click in the heading, no selection
    assert window.current_selection() is None
    window.bookmark_action.trigger()

    assert len(typed_notes) == 3
    assert "济宁日报" in typed_notes[0]  # the editor shows the citation
    store = window.notes.store
    assert store is not None
    made = store.bookmarks()
    by_kind = {b.kind: b for b in made}
    assert set(by_kind) == {TargetKind.PASSAGE, TargetKind.FIGURE, TargetKind.SECTION}
    assert by_kind[TargetKind.PASSAGE].quote == FACTORY
    assert by_kind[TargetKind.FIGURE].quote == TRADE_FIGURE
    assert TRADE_FIGURE in by_kind[TargetKind.FIGURE].label
    assert by_kind[TargetKind.SECTION].section_id == "s2"
    assert by_kind[TargetKind.SECTION].label == "搭建平台促合作 助力项目建设快马加鞭"
    assert [b.note for b in made] == ["厂房半年建成", "平台建设一节", "进出口总额"]
    assert all(b.tags == ["园区", "窗口测试"] for b in made)
    window.close()

    # A new window (as after a restart) reads the same store file.
    again = _window(qtbot, library)
    assert again.notes.store is not None
    assert again.notes.store.bookmarks() == made
    panel = again.notes.panel
    assert panel is not None
    group = panel.proxy.index(0, 0)
    assert panel.proxy.rowCount(group) == 3

    # Clicking the passage opens the article there, highlighted.
    row = next(
        panel.proxy.index(r, 0, group)
        for r in range(3)
        if panel.proxy.index(r, 0, group).data(BOOKMARK_ID_ROLE) == by_kind[TargetKind.PASSAGE].id
    )
    again.open_article("2025-lead-goose")
    panel.view.clicked.emit(row)
    assert again.current_article is not None and again.current_article.id == PARKS
    assert again.reader.extra_spans()["focus"] == [(start, start + len(FACTORY))]
    # Bookmarked passages and figures are underlined; the section bookmark is not a span.
    assert again.reader.extra_spans()["bookmarks"] == [
        (start, start + len(FACTORY)),
        (fig, fig + len(TRADE_FIGURE)),
    ]
    again.open_article("2025-lead-goose")
    assert again.reader.extra_spans()["bookmarks"] == []


def test_ctrl_e_exports(
    qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = _window(qtbot, library)
    store = window.notes.store
    assert store is not None
    assert window.notes.panel is not None
    window.notes.panel.add_bookmark(section_bookmark(library.article(PARKS), "s1", note="第一节"))
    target = tmp_path / "导出.html"

    def answer(dialog: ExportDialog) -> int:
        dialog.set_format("html")
        dialog.path_edit.setText(str(target))
        with qtbot.waitSignal(dialog.exported):  # written by the window's background runner
            assert dialog.export()
        return 1

    monkeypatch.setattr(ExportDialog, "exec", answer)
    window.export_action.trigger()
    html = target.read_text(encoding="utf-8")
    assert "一线调研解难题 助力外资企业“轻装上阵”" in html and "第一节" in html
    assert "导出.html" in window.status.currentMessage()


def test_damaged_store_is_reported_and_the_window_still_opens(
    qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jining_archive import paths
    from jining_archive.ui import notes_controller

    (paths.data_dir() / "notes.sqlite3").write_bytes(b"not a database" * 50)
    warnings: list[str] = []
    monkeypatch.setattr(
        notes_controller.QMessageBox, "warning", lambda _p, _t, text: warnings.append(text)
    )
    window = _window(qtbot, library)
    qtbot.waitUntil(lambda: bool(warnings))
    copies = list(paths.data_dir().glob("notes.sqlite3.damaged-*"))
    assert len(copies) == 1 and str(copies[0]) in warnings[0]
    assert window.bookmark_action.isEnabled()
    assert isinstance(window.notes.store, NoteStore) and len(window.notes.store) == 0


def test_bookmarks_follow_the_interface_language(qtbot: QtBot, library: Library) -> None:
    from jining_archive.ui.i18n import LanguageSwitcher

    window = _window(qtbot, library)
    panel = window.notes.panel
    assert panel is not None
    tab = window.left_tabs.indexOf(panel)
    languages = LanguageSwitcher()
    try:
        languages.apply("en")
        assert window.left_tabs.tabText(tab) == "Bookmarks"
        assert panel.search_field.placeholderText() == "Search bookmarks, quotes, notes, tags"
        assert panel.group_combo.itemText(1) == "By tag"
    finally:
        languages.apply("zh_CN")
    assert window.left_tabs.tabText(tab) == "书签"
    assert panel.group_combo.itemText(1) == "按标签"


def test_a_note_that_cannot_be_saved_stays_in_the_editor(
    qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed save (a full disk, a lost server) shows why and opens the editor again
    with what was typed, until it is saved or the user gives up."""
    from jining_archive.notes.store import NotesError
    from jining_archive.ui import bookmarks_panel, notes_controller
    from jining_archive.ui.note_editor import NoteEditorDialog

    window = _window(qtbot, library)
    window.open_article(PARKS)
    store = window.notes.store
    assert store is not None
    real_add = store.add
    failures = iter([NotesError("the disk is full", "disk-full")])

    def add(bookmark, **kwargs):  # type: ignore[no-untyped-def]
        failure = next(failures, None)
        if failure is not None:
            raise failure
        return real_add(bookmark, **kwargs)

    monkeypatch.setattr(store, "add", add)
    errors: list[str] = []
    monkeypatch.setattr(
        bookmarks_panel.QMessageBox, "warning", lambda _p, _t, text: errors.append(text)
    )
    shown: list[str] = []

    def answer(dialog: NoteEditorDialog) -> int:
        shown.append(dialog.note_edit.toPlainText())
        if not shown[-1]:
            dialog.note_edit.setPlainText("a note worth keeping")
        return int(NoteEditorDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(notes_controller.NoteEditorDialog, "exec", answer)
    saved = window.notes.bookmark_here()
    assert errors == ["the disk is full"]
    assert shown == ["", "a note worth keeping"]  # opened again with the typed text
    assert saved is not None and saved.note == "a note worth keeping"
