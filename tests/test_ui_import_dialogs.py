"""The import summary and the article details dialogs on their own (offscreen Qt)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jining_archive.documents.model import Article
from jining_archive.documents.serial import EDITABLE
from jining_archive.importing import ImportResult
from jining_archive.ui.article_details import ArticleDetailsDialog, normalise_date
from jining_archive.ui.import_summary import (
    ARTICLE_COLUMN,
    FILE_COLUMN,
    REASON_COLUMN,
    STATUS_COLUMN,
    ImportSummaryDialog,
)

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

LONG_NAME = "济宁市" + "高新区国际合作园区建设情况报告" * 6 + ".docx"


@pytest.fixture(autouse=True)
def chinese_interface(qapp: QApplication) -> Iterator[None]:
    """The interface in its source language (the default locale says which)."""
    before = QLocale()
    QLocale.setDefault(QLocale("zh_CN"))
    yield
    QLocale.setDefault(before)


def _results() -> list[ImportResult]:
    return [
        ImportResult("/in/园区.docx", "added", "imp-1", "国际园区", "2023-05-18", code=""),
        ImportResult(
            f"/in/{LONG_NAME}",
            "added",
            "imp-2",
            "<b>x</b>",
            "2024",
            True,
            code="replaced",
            reason="replaces the earlier import of this file",
        ),
        ImportResult(
            "/in/同一.txt",
            "unchanged",
            "imp-3",
            "同一篇",
            "2022-01",
            reason="the same content is already in the archive as imp-3",
            code="same-content",
        ),
        ImportResult(
            "/in/转载.html",
            "repost",
            "imp-4",
            "转载的文章",
            "2023-05-19",
            reason="a near-copy of imp-1 (国际园区)",
            repost_of="imp-1",
            code="repost",
        ),
        ImportResult(
            "/in/图片.png", "skipped", reason=".png files are not supported", code="unsupported"
        ),
        ImportResult("/in/空.txt", "error", reason="the file is empty", code="empty"),
    ]


@pytest.fixture
def summary(qtbot: QtBot) -> ImportSummaryDialog:
    dialog = ImportSummaryDialog(_results())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _row_texts(dialog: ImportSummaryDialog, path: str) -> list[str]:
    item = dialog.row_of(path)
    assert item is not None
    return [item.text(c) for c in range(4)]


def test_summary_line_counts_every_status(summary: ImportSummaryDialog) -> None:
    assert summary.counts() == {"added": 2, "unchanged": 1, "repost": 1, "skipped": 1, "error": 1}
    assert summary.summary_label.text() == (
        "已添加 2 篇，未变 1 篇，转载 1 篇，跳过 1 个文件，出错 1 个"
    )
    assert summary.windowTitle() == "导入结果"


def test_summary_says_when_the_import_was_cancelled(qtbot: QtBot) -> None:
    dialog = ImportSummaryDialog(_results()[:1], cancelled=True)
    qtbot.addWidget(dialog)
    assert dialog.summary_label.text() == "导入已取消。已添加 1 篇"


def test_rows_are_in_status_order_with_chinese_reasons(summary: ImportSummaryDialog) -> None:
    table = summary.table
    statuses = [table.topLevelItem(r).text(STATUS_COLUMN) for r in range(table.topLevelItemCount())]
    assert statuses == ["出错", "已跳过", "转载", "未变", "已添加", "已添加"]
    assert _row_texts(summary, "/in/空.txt")[REASON_COLUMN] == "文件是空的"
    assert _row_texts(summary, "/in/图片.png")[REASON_COLUMN] == "不支持的文件类型"
    assert _row_texts(summary, "/in/同一.txt")[REASON_COLUMN] == "相同内容已在资料库中"
    assert _row_texts(summary, "/in/转载.html")[REASON_COLUMN] == "与已有文章几乎相同（转载）"
    assert _row_texts(summary, "/in/园区.docx") == [
        "已添加",
        "园区.docx",
        "国际园区（2023-05-18）",
        "",
    ]


def test_catalogue_errors_and_unknown_codes(qtbot: QtBot) -> None:
    results = [
        ImportResult("/a.txt", "error", reason="the disk is full", code="catalogue-full"),
        ImportResult("/b.txt", "error", reason="something new", code="new-code"),
    ]
    dialog = ImportSummaryDialog(results)
    qtbot.addWidget(dialog)
    assert _row_texts(dialog, "/a.txt")[REASON_COLUMN] == "资料库无法写入：the disk is full"
    assert _row_texts(dialog, "/b.txt")[REASON_COLUMN] == "something new"


def test_english_interface_falls_back_to_the_importers_reason(qtbot: QtBot) -> None:
    from jining_archive.ui.i18n import LanguageSwitcher

    languages = LanguageSwitcher()
    try:
        languages.apply("en")
        dialog = ImportSummaryDialog(_results())
        qtbot.addWidget(dialog)
        reason = _row_texts(dialog, "/in/空.txt")[REASON_COLUMN]
        assert reason and all(not "\u4e00" <= ch <= "\u9fff" for ch in reason)
    finally:
        languages.apply("zh_CN")


def test_file_names_elide_in_the_middle_with_the_path_as_tooltip(
    summary: ImportSummaryDialog,
) -> None:
    item = summary.row_of(f"/in/{LONG_NAME}")
    assert item is not None
    assert item.text(FILE_COLUMN) == LONG_NAME
    assert LONG_NAME in item.toolTip(FILE_COLUMN)
    assert summary.table.textElideMode() == Qt.TextElideMode.ElideMiddle


def test_titles_are_plain_text(summary: ImportSummaryDialog) -> None:
    item = summary.row_of(f"/in/{LONG_NAME}")
    assert item is not None
    assert item.text(ARTICLE_COLUMN) == "<b>x</b>（约 2024）"
    # The tooltip is escaped, so Qt shows the tags rather than bold text.
    assert "&lt;b&gt;x&lt;/b&gt;" in item.toolTip(ARTICLE_COLUMN)
    assert "<b>" not in item.toolTip(ARTICLE_COLUMN)
    assert summary.summary_label.textFormat() == Qt.TextFormat.PlainText


def test_drop_reposts_emits_the_repost_ids(qtbot: QtBot, summary: ImportSummaryDialog) -> None:
    assert summary.drop_button.isEnabled()
    assert summary.drop_button.text() == "删除这些转载"
    with qtbot.waitSignal(summary.dropRepostsRequested, timeout=1000) as blocker:
        qtbot.mouseClick(summary.drop_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [["imp-4"]]
    summary.mark_dropped(["imp-4"])
    assert not summary.drop_button.isEnabled()
    assert _row_texts(summary, "/in/转载.html")[REASON_COLUMN] == "转载，未保留"


def test_drop_reposts_is_disabled_without_kept_reposts(qtbot: QtBot) -> None:
    dropped = ImportResult(
        "/in/c.txt", "repost", "", "转载", reason="a near-copy of imp-1; not kept", code="dropped"
    )
    dialog = ImportSummaryDialog([_results()[0], dropped])
    qtbot.addWidget(dialog)
    assert not dialog.drop_button.isEnabled()
    assert _row_texts(dialog, "/in/c.txt")[REASON_COLUMN] == "转载，未保留"


def test_double_click_asks_for_the_article(qtbot: QtBot, summary: ImportSummaryDialog) -> None:
    table = summary.table
    item = summary.row_of("/in/同一.txt")
    assert item is not None
    rect = table.visualItemRect(item)
    # A real double-click is a press, a release, then the double-click event.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(summary.articleRequested, timeout=1000) as blocker:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["imp-3"]
    # A row without an article asks for nothing.
    empty = summary.row_of("/in/空.txt")
    assert empty is not None
    with qtbot.assertNotEmitted(summary.articleRequested):
        table.itemActivated.emit(empty, 0)


def test_escape_and_close_button_close_the_summary(
    qtbot: QtBot, summary: ImportSummaryDialog
) -> None:
    qtbot.keyClick(summary, Qt.Key.Key_Escape)
    assert not summary.isVisible()
    summary.show()
    qtbot.mouseClick(summary.close_button, Qt.MouseButton.LeftButton)
    assert not summary.isVisible()


# -- the article details dialog ------------------------------------------------


def _article(**kw: object) -> Article:
    fields: dict[str, object] = {
        "subtitle": "副题",
        "reporters": ["张三", "李四"],
        "source": "济宁日报",
        "date": "2023-05-18",
        "date_note": "",
        "path": "/in/园区.docx",
        "origin": "imported",
    }
    fields.update(kw)
    return Article("imp-1", "国际园区", "正文", [], [], **fields)  # type: ignore[arg-type]


@pytest.fixture
def details(qtbot: QtBot) -> ArticleDetailsDialog:
    dialog = ArticleDetailsDialog(_article(), format="docx", encoding="")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_unchanged_dialog_gives_no_changes(details: ArticleDetailsDialog) -> None:
    assert details.windowTitle() == "编辑文章信息"
    assert details.changes() == {}
    assert details.ok_button.isEnabled()
    assert details.origin_value.text() == "导入"
    assert details.path_value.text() == "/in/园区.docx"
    assert details.format_value.text() == "docx"


def test_changed_title_and_date(details: ArticleDetailsDialog) -> None:
    details.title_edit.setText("新标题")
    details.date_edit.setText("2024-02")
    assert details.changes() == {"title": "新标题", "date": "2024-02", "date_estimated": False}


def test_typing_a_date_clears_the_estimate(qtbot: QtBot) -> None:
    dialog = ArticleDetailsDialog(_article(date="2023", date_estimated=True))
    qtbot.addWidget(dialog)
    assert dialog.estimated_check.isChecked()
    dialog.date_edit.selectAll()
    qtbot.keyClicks(dialog.date_edit, "2021-7-1")
    assert not dialog.estimated_check.isChecked()
    assert dialog.changes() == {"date": "2021-07-01", "date_estimated": False}


def test_checkbox_alone_changes_the_estimate(details: ArticleDetailsDialog) -> None:
    details.estimated_check.setChecked(True)
    assert details.changes() == {"date_estimated": True}


def test_reporters_are_a_list(details: ArticleDetailsDialog) -> None:
    details.reporters_edit.setText("张三，王五、 赵六 ,")
    assert details.changes() == {"reporters": ["张三", "王五", "赵六"]}
    details.reporters_edit.setText("张三、李四")
    assert details.changes() == {}


@pytest.mark.parametrize("bad", ["2024-13-01", "abc", "2023-02-30", "20240"])
def test_invalid_dates_disable_ok(details: ArticleDetailsDialog, bad: str) -> None:
    details.date_edit.setText(bad)
    assert not details.ok_button.isEnabled()
    assert details.error_label.isVisible()
    assert details.error_label.text()
    details.accept()
    assert details.isVisible()
    details.date_edit.setText("2024-12-01")
    assert details.ok_button.isEnabled()
    assert not details.error_label.isVisible()


def test_empty_title_disables_ok(details: ArticleDetailsDialog) -> None:
    details.title_edit.setText("  ")
    assert not details.ok_button.isEnabled()
    assert details.error_label.text() == "标题不能为空。"


def test_reset_gives_every_field_as_none(qtbot: QtBot, details: ArticleDetailsDialog) -> None:
    details.title_edit.setText("新标题")
    qtbot.mouseClick(details.reset_button, Qt.MouseButton.LeftButton)
    assert details.reset_all
    assert details.changes() == dict.fromkeys(EDITABLE)
    assert set(details.changes()) == {
        "title",
        "subtitle",
        "date",
        "date_estimated",
        "source",
        "reporters",
    }
    assert not details.title_edit.isEnabled()
    qtbot.mouseClick(details.reset_button, Qt.MouseButton.LeftButton)
    assert not details.reset_all
    assert details.changes() == {"title": "新标题"}


def test_normalise_date() -> None:
    assert normalise_date(" 2024 ") == "2024"
    assert normalise_date("2024/5/1") == "2024-05-01"
    assert normalise_date("2024-02-29") == "2024-02-29"
    assert normalise_date("") == ""


def test_characters_replaced_on_decoding_are_counted_in_both_languages(qtbot: QtBot) -> None:
    from jining_archive.ui.i18n import LanguageSwitcher

    results = [
        ImportResult("/in/坏.txt", "added", "imp-5", "坏字节", "2023", replaced=3),
        ImportResult(
            "/in/又.txt",
            "added",
            "imp-6",
            "又一篇",
            "2023",
            replaced=2,
            code="replaced",
            reason="replaces the earlier import of this file",
        ),
    ]
    dialog = ImportSummaryDialog(results)
    qtbot.addWidget(dialog)
    assert _row_texts(dialog, "/in/坏.txt")[REASON_COLUMN] == "3 个字符无法解码，已替换为 �"
    assert _row_texts(dialog, "/in/又.txt")[REASON_COLUMN] == (
        "替换了此文件先前导入的版本；2 个字符无法解码，已替换为 �"
    )
    languages = LanguageSwitcher()
    try:
        languages.apply("en")
        english = ImportSummaryDialog(results)
        qtbot.addWidget(english)
        assert _row_texts(english, "/in/坏.txt")[REASON_COLUMN] == (
            "3 character(s) could not be decoded and were replaced by �"
        )
    finally:
        languages.apply("zh_CN")


def test_a_file_too_large_names_the_limits(qtbot: QtBot) -> None:
    results = [
        ImportResult(
            "/in/大.txt",
            "error",
            reason="大.txt: the file is 25.0 MB; text files larger than 20 MB are not imported",
            code="too-large",
        )
    ]
    dialog = ImportSummaryDialog(results)
    qtbot.addWidget(dialog)
    assert _row_texts(dialog, "/in/大.txt")[REASON_COLUMN] == (
        "文件太大（文本文件最多 20 MB，其他格式最多 64 MB）"
    )
