"""The bookmarks panel, note editor and export dialog on their own (offscreen Qt)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from jining_archive.documents.model import Article
from jining_archive.library import Library
from jining_archive.notes.model import Bookmark, TargetKind
from jining_archive.notes.store import NoteStore
from jining_archive.notes.targets import (
    article_bookmark,
    cite,
    passage_bookmark,
    section_bookmark,
)
from jining_archive.ui.bookmarks_model import (
    BOOKMARK_ID_ROLE,
    IS_GROUP_ROLE,
    BookmarkFilterProxy,
    BookmarksModel,
    Grouping,
)
from jining_archive.ui.bookmarks_panel import BookmarksPanel
from jining_archive.ui.export_dialog import ExportDialog
from jining_archive.ui.note_editor import NoteEditorDialog
from jining_archive.ui.tasks import TaskRunner

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

PARKS = "2023-intl-parks"
TRADE = "实现进出口总额221.2亿元，增长44.6%"
FACTORY = "仅用半年时间就完成1.2万平方米厂房建设"


def _quote(article: Article, quote: str, **kw: object) -> Bookmark:
    start = article.text.index(quote)
    return passage_bookmark(article, start, start + len(quote), **kw)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path, library: Library) -> NoteStore:
    parks = library.article(PARKS)
    with NoteStore(tmp_path / "notes.sqlite3") as s:
        s.add(_quote(parks, TRADE, note="外贸数据", tags=["外贸", "数据"]))
        s.add(_quote(parks, FACTORY, note="**半年**建成厂房", tags=["园区"]))
        s.add(section_bookmark(parks, "s2", note="平台一节"))
        s.add(article_bookmark(library.article("2025-lead-goose"), note="综述", tags=["外贸"]))
        yield s  # type: ignore[misc]


def _lookup(library: Library):  # type: ignore[no-untyped-def]
    return lambda article_id: library.article(article_id) if article_id in library else None


@pytest.fixture
def panel(qtbot: QtBot, store: NoteStore, library: Library) -> BookmarksPanel:
    widget = BookmarksPanel(store, _lookup(library))
    qtbot.addWidget(widget)
    widget.resize(500, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _titles(model: object, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]  # type: ignore[attr-defined]


def test_model_passes_the_model_tester(
    qtmodeltester: ModelTester, store: NoteStore, library: Library
) -> None:
    model = BookmarksModel(lambda i: library.article(i).title)
    model.set_bookmarks(store.bookmarks())
    qtmodeltester.check(model, force_py=True)
    model.set_grouping(Grouping.TAG)
    qtmodeltester.check(model, force_py=True)


def test_proxy_passes_the_model_tester(
    qtmodeltester: ModelTester, store: NoteStore, library: Library
) -> None:
    model = BookmarksModel(lambda i: library.article(i).title)
    model.set_bookmarks(store.bookmarks())
    proxy = BookmarkFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_query("外贸")
    qtmodeltester.check(proxy, force_py=True)


def test_grouping_by_article_and_by_tag(store: NoteStore, library: Library) -> None:
    model = BookmarksModel(lambda i: library.article(i).title)
    model.set_bookmarks(store.bookmarks())
    groups = _titles(model)
    assert groups == [
        "济宁高新区多措并举奏响国际合作园区发展“最强音” (3)",
        "勇担「唯一」使命 争做高质量发展领头羊 (1)",
    ]
    first = model.index(0, 0)
    assert model.data(first, IS_GROUP_ROLE) is True
    # Reading order inside the article: factory (section 1), section 2, trade (section 3).
    assert _titles(model, first) == [
        f"[段落] {FACTORY}",
        "[章节] 搭建平台促合作 助力项目建设快马加鞭",
        f"[段落] {TRADE}",
    ]
    model.set_grouping(Grouping.TAG)
    assert _titles(model) == ["园区 (1)", "外贸 (2)", "数据 (1)", "(无标签) (1)"]


def test_search_filters_as_you_type(qtbot: QtBot, panel: BookmarksPanel) -> None:
    panel.search_field.setText("厂房")
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1)
    group = panel.proxy.index(0, 0)
    assert _titles(panel.proxy, group) == [f"[段落] {FACTORY}"]
    panel.search_field.setText("外贸")  # a tag: matches in both articles
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 2)
    panel.search_field.setText("綜述")  # traditional form of 综述, folded
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1)
    panel.search_field.clear()
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 2)


def _row_of(panel: BookmarksPanel, title_start: str) -> QModelIndex:
    for g in range(panel.proxy.rowCount()):
        group = panel.proxy.index(g, 0)
        for r in range(panel.proxy.rowCount(group)):
            index = panel.proxy.index(r, 0, group)
            if str(index.data()).startswith(title_start):
                return index
    raise AssertionError(title_start)


def test_click_opens_the_passage_and_shows_the_note(
    qtbot: QtBot, panel: BookmarksPanel, library: Library
) -> None:
    index = _row_of(panel, "[段落] 仅用半年")
    rect = panel.view.visualRect(index)
    with qtbot.waitSignal(panel.openRequested) as blocker:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    article_id, start, end = blocker.args
    assert article_id == PARKS
    assert library.article(PARKS).text[start:end] == FACTORY
    html = panel.preview.toPlainText()
    assert FACTORY in html and "半年建成厂房" in html
    assert "济宁日报" in html  # the citation


def test_delete_and_undo_restores_exactly(
    qtbot: QtBot, panel: BookmarksPanel, store: NoteStore
) -> None:
    before = store.bookmarks()
    panel.view.setCurrentIndex(_row_of(panel, "[段落] 实现进出口"))
    target = panel.selected_ids()
    assert len(target) == 1
    with qtbot.waitSignal(panel.bookmarksChanged):
        panel.delete_action.trigger()
    assert len(store) == 3
    assert panel.undo_action.isEnabled()
    panel.undo_action.trigger()
    assert store.bookmarks() == before
    panel.redo_action.trigger()
    assert target[0] not in [b.id for b in store.bookmarks()]
    panel.undo_action.trigger()
    assert store.bookmarks() == before


def test_edit_and_retag_with_undo(qtbot: QtBot, panel: BookmarksPanel, store: NoteStore) -> None:
    original = next(b for b in store.bookmarks() if b.quote == TRADE)
    edited = original.copy()
    edited.note = "改过的笔记"
    edited.tags = ["出口"]
    panel.apply_edit(original, edited)
    assert store.get(original.id).note == "改过的笔记"
    assert ("出口", 1) in store.tags()
    panel.group_combo.setCurrentIndex(1)  # by tag
    assert "出口 (1)" in _titles(panel.proxy)
    panel.undo_action.trigger()
    assert store.get(original.id) == original
    assert "出口 (1)" not in _titles(panel.proxy)


def test_note_editor_returns_the_edits(qtbot: QtBot, store: NoteStore, library: Library) -> None:
    bookmark = _quote(library.article(PARKS), "221.2亿元")
    dialog = NoteEditorDialog(bookmark, cite(bookmark, _lookup(library)), ["外贸", "园区"])
    qtbot.addWidget(dialog)
    assert "济宁日报" in dialog.source_label.text()
    assert dialog.quote_view.toPlainText() == "221.2亿元"
    dialog.kind_combo.setCurrentIndex(1)  # figure
    assert dialog.label_edit.text() == "221.2亿元"
    dialog.label_edit.setText("进出口总额")
    dialog.note_edit.setPlainText("2022年\n外贸")
    dialog.tags_edit.setText("外贸，数据、外贸")
    result = dialog.bookmark()
    assert result.kind == TargetKind.FIGURE
    assert result.label == "进出口总额"
    assert result.note == "2022年\n外贸"
    assert result.tags == ["外贸", "数据"]
    assert result.anchor == bookmark.anchor


def test_export_dialog_writes_the_chosen_scope(
    qtbot: QtBot, store: NoteStore, library: Library, tmp_path: Path
) -> None:
    dialog = ExportDialog(store, _lookup(library), folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.set_format("docx")
    assert dialog.path_edit.text() == str(tmp_path / "书签与笔记.docx")
    dialog.tag_combo.setCurrentIndex(dialog.tag_combo.findData("园区"))
    dialog.tag_radio.setChecked(True)
    with qtbot.waitSignal(dialog.exported) as blocker:
        assert dialog.export()
    assert blocker.args == [str(tmp_path / "书签与笔记.docx"), 1, 0]
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "书签与笔记.docx")).paragraphs]
    assert f"“{FACTORY}”" in paragraphs
    assert f"“{TRADE}”" not in paragraphs


def test_export_dialog_renders_notes_markdown_in_word_and_html(
    qtbot: QtBot, store: NoteStore, library: Library, tmp_path: Path
) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm

    dialog = ExportDialog(store, _lookup(library), folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.tag_combo.setCurrentIndex(dialog.tag_combo.findData("园区"))
    dialog.tag_radio.setChecked(True)
    dialog.set_format("docx")
    with qtbot.waitSignal(dialog.exported):
        assert dialog.export()
    document = docx.Document(str(tmp_path / "书签与笔记.docx"))
    (note,) = [p for p in document.paragraphs if p.text == "半年建成厂房"]  # "**半年**建成厂房"
    assert [r.text for r in note.runs if r.bold] == ["半年"]
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    normal = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "SimSun"

    dialog = ExportDialog(store, _lookup(library), folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.tag_combo.setCurrentIndex(dialog.tag_combo.findData("园区"))
    dialog.tag_radio.setChecked(True)
    dialog.set_format("html")
    with qtbot.waitSignal(dialog.exported):
        assert dialog.export()
    page = (tmp_path / "书签与笔记.html").read_text(encoding="utf-8")
    assert '<div class="note"><p><strong>半年</strong>建成厂房</p>' in page


def test_export_dialog_explains_a_missing_folder(
    qtbot: QtBot, store: NoteStore, library: Library, tmp_path: Path
) -> None:
    dialog = ExportDialog(store, _lookup(library), selected_ids=[1], folder=tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.all_radio.isChecked() and dialog.selection_radio.isEnabled()
    dialog.selection_radio.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "missing" / "notes.md"))
    assert not dialog.export()
    assert not dialog.error_label.isHidden()
    assert (
        dialog.error_label.text()
        == f"导出失败:文件夹 {tmp_path / 'missing'} 不存在，请选择一个已有的文件夹"
    )
    assert dialog.result() == 0  # still open
    dialog.path_edit.setText(str(tmp_path / "notes.md"))  # a valid name: the old error goes
    assert dialog.error_label.isHidden() and dialog.error_label.text() == ""


def test_export_dialog_asks_before_replacing_a_file(
    qtbot: QtBot, store: NoteStore, library: Library, tmp_path: Path
) -> None:
    target = tmp_path / "notes.md"
    target.write_text("three bookmarks of mine", encoding="utf-8")
    dialog = ExportDialog(store, _lookup(library), folder=tmp_path)
    qtbot.addWidget(dialog)
    asked: list[Path] = []
    dialog.confirm_replace = lambda path: asked.append(path) or False  # "No"
    dialog.path_edit.setText(str(target))
    assert not dialog.export()
    assert asked == [target]
    assert target.read_text(encoding="utf-8") == "three bookmarks of mine"
    assert dialog.result() == 0  # still open, to choose another name
    dialog.confirm_replace = lambda path: True  # "Yes"
    with qtbot.waitSignal(dialog.exported):
        assert dialog.export()
    assert "# 书签与笔记" in target.read_text(encoding="utf-8")
    asked.clear()
    fresh = tmp_path / "new.md"
    dialog.confirm_replace = lambda path: asked.append(path) or False
    dialog.path_edit.setText(str(fresh))
    with qtbot.waitSignal(dialog.exported):
        assert dialog.export()
    assert asked == []  # a new file is not asked about


def test_the_default_export_folder_exists(tmp_path: Path) -> None:
    from jining_archive.ui.export_dialog import default_export_folder

    assert default_export_folder(tmp_path) == tmp_path
    chosen = default_export_folder(tmp_path / "gone")
    assert chosen.is_dir() and chosen != tmp_path / "gone"


def test_bookmark_ids_roles(store: NoteStore) -> None:
    model = BookmarksModel()
    model.set_bookmarks(store.bookmarks())
    group = model.index(0, 0)
    ids = [model.index(r, 0, group).data(BOOKMARK_ID_ROLE) for r in range(model.rowCount(group))]
    assert sorted(ids) == sorted(b.id for b in store.bookmarks(article_id=PARKS))


def test_export_dialog_writes_in_the_background(
    qtbot: QtBot, store: NoteStore, library: Library, tmp_path: Path
) -> None:
    runner = TaskRunner()
    dialog = ExportDialog(store, _lookup(library), folder=tmp_path, runner=runner)
    qtbot.addWidget(dialog)
    dialog.set_format("csv")
    with qtbot.waitSignal(dialog.exported) as blocker:
        assert dialog.export()
    assert blocker.args == [str(tmp_path / "书签与笔记.csv"), 4, 0]
    assert FACTORY in (tmp_path / "书签与笔记.csv").read_text(encoding="utf-8-sig")
    dialog.path_edit.setText(str(tmp_path / "no" / "x.csv"))
    assert dialog.export()  # started; the failure comes back from the worker
    qtbot.waitUntil(lambda: f"文件夹 {tmp_path / 'no'} 不存在" in dialog.error_label.text())
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    runner.wait()


def test_undo_and_redo_follow_the_interface_language(
    qtbot: QtBot, panel: BookmarksPanel, store: NoteStore
) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from jining_archive.ui.i18n import LanguageSwitcher

    assert not panel.undo_action.isEnabled() and panel.undo_action.text() == "撤销"
    panel.view.setCurrentIndex(_row_of(panel, "[段落] 实现进出口"))
    with qtbot.waitSignal(panel.bookmarksChanged):
        panel.delete_action.trigger()
    assert panel.undo_action.text() == "撤销 删除书签"
    languages = LanguageSwitcher()
    try:
        languages.apply("en")
        QApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
        assert panel.undo_action.text() == "Undo Delete bookmarks"
        panel.undo_action.trigger()
        assert panel.redo_action.text() == "Redo Delete bookmarks"
        assert panel.undo_action.text() == "Undo" and not panel.undo_action.isEnabled()
    finally:
        languages.apply("zh_CN")
        QApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
    assert panel.redo_action.text() == "重做 删除书签"
