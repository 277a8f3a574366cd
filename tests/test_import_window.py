"""Importing from the window: drop a folder, watch the summary, read and bookmark the new
article, restart; remove with undo; edit details; group the tree."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from jining_archive.library import Library
from jining_archive.notes.model import AnchorState
from jining_archive.ui import tree_model
from jining_archive.ui.main_window import MainWindow
from jining_archive.ui.note_editor import NoteEditorDialog
from jining_archive.ui.settings import Settings

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

WAIT_MS = 120_000
TITLE = "任城区智能装备产业园二期项目开工"
PASSAGE = "园区二期规划建设标准化厂房12万平方米"
PAGE = f"""您的位置：首页 > 新闻中心 > 县区动态
{TITLE}
发布时间：2024-03-18 09:30  来源：任城融媒  浏览次数：1234
【字号 大 中 小】 打印本页 关闭窗口

3月16日，任城区智能装备产业园二期项目正式开工。{PASSAGE}，计划总投资15亿元，建成后可容纳企业40家。

项目负责人介绍，二期工程预计2025年底竣工投产，年产值可达30亿元。

责任编辑：王某
版权所有：某某融媒体中心 鲁ICP备12345678号
"""


def _drop(window: MainWindow, target: Path) -> None:
    """Drag ``target`` over the window and drop it, as the platform's drag and drop does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(target))])
    enter = QDragEnterEvent(
        QPoint(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    window = MainWindow(Library.open(), Settings(str(tmp_path / "settings.ini")))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "收集 的 文章"
    (root / "子文件夹").mkdir(parents=True)
    (root / "子文件夹" / "任城 产业园.txt").write_bytes(PAGE.encode("gb18030"))
    (root / "照片.jpg").write_bytes(b"\xff\xd8\xff\xe0not really")
    return root


def test_drop_a_folder_import_read_bookmark_restart(
    qtbot: QtBot, tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, tmp_path)
    with qtbot.waitSignal(window.archive.importFinished, timeout=WAIT_MS) as finished:
        _drop(window, folder)
    results = finished.args[0]
    by_status = {r.status: r for r in results}
    assert set(by_status) == {"added", "skipped"}
    added = by_status["added"]
    assert added.title == TITLE
    assert (added.date, added.date_estimated) == ("2024-03-18", False)
    assert added.encoding == "gb18030"
    assert by_status["skipped"].path.endswith("照片.jpg")

    summary = window.archive.summary
    assert summary is not None and summary.isVisible()
    summary.close()

    # The new article is in the tree and opens clean: no page furniture in the text.
    index = window.tree_model.article_index(added.article_id)
    assert index.isValid()
    assert index.data() == TITLE
    assert window.open_article(added.article_id)
    article = window.current_article
    assert article is not None
    for junk in ("您的位置", "浏览次数", "打印本页", "责任编辑", "ICP"):
        assert junk not in article.text
    assert PASSAGE in article.text

    # Bookmark a passage in it.
    def answer(dialog: NoteEditorDialog) -> int:
        dialog.note_edit.setPlainText("二期厂房")
        return int(NoteEditorDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(NoteEditorDialog, "exec", answer)
    start = article.text.index(PASSAGE)
    window.reader.setTextCursor(window.reader.cursor_for(start, start + len(PASSAGE)))
    window.bookmark_action.trigger()
    window.close()

    # After a restart: the article, its place in search and the bookmark are all there.
    again = _window(qtbot, tmp_path)
    assert added.article_id in again.library
    assert again.tree_model.article_index(added.article_id).isValid()
    store = again.notes.store
    assert store is not None
    (bookmark,) = store.bookmarks(article_id=added.article_id)
    assert bookmark.quote == PASSAGE and bookmark.note == "二期厂房"
    hits = again.library.search("智能装备产业园").hits
    assert {h.article_id for h in hits} == {added.article_id}
    assert any(f.text == "15亿元" for f in again.library.figures(added.article_id))

    # Remove it (confirmed), the bookmark is kept detached; undo brings both back.
    monkeypatch.setattr(QMessageBox, "exec", _press_destructive)
    assert again.archive.remove_article(added.article_id)
    assert added.article_id not in again.library
    assert not again.tree_model.article_index(added.article_id).isValid()
    (kept,) = store.bookmarks(article_id=added.article_id)
    assert kept.anchor_state == AnchorState.DETACHED and kept.quote == PASSAGE
    again.archive.undo_remove_action.trigger()
    assert added.article_id in again.library
    (back,) = store.bookmarks(article_id=added.article_id)
    assert back.anchor_state == AnchorState.ATTACHED


def _press_destructive(box: QMessageBox) -> int:
    for button in box.buttons():
        if box.buttonRole(button) == QMessageBox.ButtonRole.DestructiveRole:
            button.click()
            return 0
    raise AssertionError("no destructive button")


def test_edit_details_and_group_the_tree(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    article_id = "2023-intl-parks"
    assert window.archive.apply_edit(article_id, {"source": "大众日报", "date": "2022-05"})
    assert window.library.article(article_id).source == "大众日报"
    window.archive.grouping_actions["source"].trigger()
    groups = [window.tree_model.index(r, 0).data() for r in range(window.tree_model.rowCount())]
    assert groups == sorted(groups)
    assert "大众日报" in groups and "济宁日报" in groups
    dazhong = window.tree_model.index(groups.index("大众日报"), 0)
    assert window.tree_model.is_group(dazhong)
    assert window.tree_model.rowCount(dazhong) == 1
    assert window.tree_model.index(0, 0, dazhong).data(tree_model.ARTICLE_ID_ROLE) == article_id
    window.archive.grouping_actions["year"].trigger()
    years = [window.tree_model.index(r, 0).data() for r in range(window.tree_model.rowCount())]
    assert years == ["2020", "2022", "2023", "2024", "2025"]
    window.close()
    # The grouping is remembered.
    again = _window(qtbot, tmp_path)
    assert again.tree_model.grouping == "year"


def test_an_error_is_said_in_the_interface_language(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    assert not window.archive.apply_edit("2023-intl-parks", {"date": "2024-13"})
    assert (
        window.status.problem_label.text() == "无法保存：日期应写成 YYYY、YYYY-MM 或 YYYY-MM-DD。"
    )
    assert window.library.article("2023-intl-parks").date != "2024-13"
