"""The import summary: what happened to every file of one import.

A line at the top counts the files by status (and says when the import was
cancelled); below, one row per file, problems first (errors, skipped files,
reposts, then unchanged and added files), with the status, the file name (the
full path in the tooltip), the article's title and date (``约`` before an
estimated date) and why. Reasons come as English text and a ``code`` from the
importer; known codes are said in the interface language, and the importer's own
English text is used when the interface is not Chinese and a code has no
translation.

The dialog only reports: removing the reposts and opening an article are asked
for with signals, and the caller does the work (then may call
:meth:`ImportSummaryDialog.mark_dropped`). Text from the files (titles, paths)
is always shown as plain text.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable
from pathlib import PurePath

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jining_archive.documents.formats import MAX_FILE_BYTES
from jining_archive.documents.formats.text import MAX_TEXT_FILE_BYTES
from jining_archive.importing import STATUSES, ImportResult
from jining_archive.ui.dates import estimated_date

STATUS_COLUMN, FILE_COLUMN, ARTICLE_COLUMN, REASON_COLUMN = range(4)
#: Rows are shown in this order: what needs attention first.
STATUS_ORDER = ("error", "skipped", "repost", "unchanged", "added")
#: The item data role holding the row's index into the dialog's results.
RESULT_ROLE = Qt.ItemDataRole.UserRole + 1


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that shows it literally (Qt would render tags in it)."""
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def interface_is_chinese() -> bool:
    """True when the interface is in its source language, Chinese (the language
    switcher sets the default locale along with the translators)."""
    return QLocale().language() == QLocale.Language.Chinese


def _status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


class _ResultItem(QTreeWidgetItem):
    """A row that sorts by status rank in the status column, by text elsewhere."""

    def __init__(self, rank: int) -> None:
        super().__init__()
        self.rank = rank

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        tree = self.treeWidget()
        column = tree.sortColumn() if tree is not None else STATUS_COLUMN
        if column == STATUS_COLUMN and isinstance(other, _ResultItem):
            return (self.rank, self.text(FILE_COLUMN)) < (other.rank, other.text(FILE_COLUMN))
        return self.text(column).casefold() < other.text(column).casefold()


class ImportSummaryDialog(QDialog):
    """The results of one import, file by file; see the module docstring.

    Signals:
        dropRepostsRequested(list): the article ids of the reposts this import kept,
            when the reader asks to remove them (the dialog does not remove them).
        articleRequested(str): the id of the article of a row the reader activated
            (double-click or Enter).
    """

    dropRepostsRequested = Signal(list)
    articleRequested = Signal(str)

    def __init__(
        self,
        results: Iterable[ImportResult],
        *,
        cancelled: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importSummary")
        self.setMinimumSize(640, 360)
        self.resize(860, 480)
        self._results = list(results)
        self._cancelled = cancelled
        self._dropped: set[str] = set()

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("importSummaryLine")
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)

        self.table = QTreeWidget(self)
        self.table.setObjectName("importResults")
        self.table.setColumnCount(4)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(STATUS_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FILE_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ARTICLE_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(FILE_COLUMN, 220)
        self.table.setColumnWidth(ARTICLE_COLUMN, 280)
        self.table.itemActivated.connect(self._activated)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        self.drop_button = QPushButton(self)
        self.drop_button.setObjectName("dropReposts")
        self.drop_button.setAutoDefault(False)
        self.buttons.addButton(self.drop_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.drop_button.clicked.connect(self._drop_reposts)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

        self._items: list[_ResultItem] = []
        for row, result in enumerate(self._results):
            item = _ResultItem(_status_rank(result.status))
            item.setData(STATUS_COLUMN, RESULT_ROLE, row)
            self._items.append(item)
        self.table.addTopLevelItems(self._items)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(STATUS_COLUMN, Qt.SortOrder.AscendingOrder)
        self.retranslate()
        self._update_drop_button()
        self.table.setFocus()

    # -- what the dialog shows ---------------------------------------------

    def results(self) -> list[ImportResult]:
        """The results shown, in the order given."""
        return list(self._results)

    def counts(self) -> dict[str, int]:
        """The number of files of each status (every status, zero included)."""
        counter = Counter(r.status for r in self._results)
        return {status: counter.get(status, 0) for status in STATUSES}

    def summary_text(self) -> str:
        """The one-line summary: counts per status, and whether the import was cancelled."""
        counts = self.counts()
        parts = [self.tr("已添加 {n} 篇").format(n=counts["added"])]
        if counts["unchanged"]:
            parts.append(self.tr("未变 {n} 篇").format(n=counts["unchanged"]))
        if counts["repost"]:
            parts.append(self.tr("转载 {n} 篇").format(n=counts["repost"]))
        if counts["skipped"]:
            parts.append(self.tr("跳过 {n} 个文件").format(n=counts["skipped"]))
        if counts["error"]:
            parts.append(self.tr("出错 {n} 个").format(n=counts["error"]))
        line = self.tr("，").join(parts)
        if self._cancelled:
            return self.tr("导入已取消。{summary}").format(summary=line)
        if not self._results:
            return self.tr("没有可导入的文件。")
        return line

    def status_text(self, status: str) -> str:
        """The name of an import status in the interface language."""
        names = {
            "added": self.tr("已添加"),
            "unchanged": self.tr("未变"),
            "repost": self.tr("转载"),
            "skipped": self.tr("已跳过"),
            "error": self.tr("出错"),
        }
        return names.get(status, status)

    def reason_text(self, result: ImportResult) -> str:
        """Why a file got its status, in the interface language, and how many
        characters could not be decoded when some were replaced."""
        reason = self._reason_text(result)
        if not result.replaced:
            return reason
        replaced = self.tr("{n} 个字符无法解码，已替换为 �").format(n=result.replaced)
        separator = "；" if interface_is_chinese() else "; "
        return f"{reason}{separator}{replaced}" if reason else replaced

    def _reason_text(self, result: ImportResult) -> str:
        """Why a file got its status, in the interface language.

        Known codes have a Chinese text translated from the .ts file; when the
        interface is not Chinese and a code has no translation, the importer's own
        English reason is used. Unknown codes show the importer's reason.
        """
        code, english = result.code, result.reason
        if result.article_id in self._dropped:
            code, english = "dropped", "a repost, removed from the archive"
        if code.startswith("catalogue-"):
            source = "资料库无法写入："
            translated = self.tr("资料库无法写入：")
            if translated == source and not interface_is_chinese():
                return english
            return translated + english
        texts = {
            "empty": self.tr("文件是空的"),
            "binary": self.tr("不是文本文件"),
            "undecodable": self.tr("无法识别文本编码"),
            "too-large": self.tr(
                "文件太大（文本文件最多 {text} MB，其他格式最多 {other} MB）"
            ).format(text=MAX_TEXT_FILE_BYTES // 2**20, other=MAX_FILE_BYTES // 2**20),
            "unsupported": self.tr("不支持的文件类型"),
            "not-zip": self.tr("文件已损坏或不是 Word 文件"),
            "damaged": self.tr("文件已损坏"),
            "zip-bomb": self.tr("压缩内容异常庞大，已拒绝"),
            "encrypted": self.tr("文件有密码保护"),
            "scanned": self.tr("扫描件，没有文字层（不支持 OCR）"),
            "no-text": self.tr("文件里没有找到正文"),
            "unreadable": self.tr("无法读取文件"),
            "disappeared": self.tr("导入时文件已不存在"),
            "missing": self.tr("文件不存在"),
            "same-content": self.tr("相同内容已在资料库中"),
            "repost": self.tr("与已有文章几乎相同（转载）"),
            "replaced": self.tr("替换了此文件先前导入的版本"),
            "dropped": self.tr("转载，未保留"),
        }
        text = texts.get(code)
        if text is None:
            return english
        if english and not interface_is_chinese() and _has_cjk(text):
            return english
        return text

    def article_text(self, result: ImportResult) -> str:
        """The title and date of a row's article ("" when there is none)."""
        if not result.date:
            return result.title
        date = estimated_date(result.date) if result.date_estimated else result.date
        if not result.title:
            return date
        return self.tr("{title}（{date}）").format(title=result.title, date=date)

    def retranslate(self) -> None:
        """Set every visible string in the interface language."""
        self.setWindowTitle(self.tr("导入结果"))
        self.summary_label.setText(self.summary_text())
        self.table.setHeaderLabels(
            [self.tr("状态"), self.tr("文件"), self.tr("文章"), self.tr("原因")]
        )
        self.drop_button.setText(self.tr("删除这些转载"))
        self.drop_button.setToolTip(self.tr("从资料库中删除本次导入的转载文章"))
        self._fill_rows()

    def _fill_rows(self) -> None:
        sorting = self.table.isSortingEnabled()
        self.table.setSortingEnabled(False)
        for item in self._items:
            result = self._results[item.data(STATUS_COLUMN, RESULT_ROLE)]
            item.setText(STATUS_COLUMN, self.status_text(result.status))
            name = PurePath(result.path).name or result.path
            item.setText(FILE_COLUMN, name)
            item.setToolTip(FILE_COLUMN, plain_tooltip(result.path))
            article = self.article_text(result)
            item.setText(ARTICLE_COLUMN, article)
            item.setToolTip(ARTICLE_COLUMN, plain_tooltip(article))
            reason = self.reason_text(result)
            item.setText(REASON_COLUMN, reason)
            tip = (
                reason
                if reason == result.reason or not result.reason
                else f"{reason}\n{result.reason}"
            )
            item.setToolTip(REASON_COLUMN, plain_tooltip(tip))
        self.table.setSortingEnabled(sorting)

    def changeEvent(self, event: QEvent) -> None:
        """Follow a change of the interface language."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # -- reposts and articles ----------------------------------------------

    def repost_ids(self) -> list[str]:
        """The ids of the reposts this import kept in the library (and not yet removed)."""
        seen: list[str] = []
        for result in self._results:
            if (
                result.status == "repost"
                and result.article_id
                and result.article_id not in self._dropped
                and result.article_id not in seen
            ):
                seen.append(result.article_id)
        return seen

    def mark_dropped(self, article_ids: Iterable[str]) -> None:
        """Show these reposts as removed (after the caller removed them from the library)."""
        self._dropped.update(article_ids)
        self._fill_rows()
        self._update_drop_button()

    def _update_drop_button(self) -> None:
        self.drop_button.setEnabled(bool(self.repost_ids()))

    def _drop_reposts(self) -> None:
        ids = self.repost_ids()
        if ids:
            self.dropRepostsRequested.emit(ids)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        row = item.data(STATUS_COLUMN, RESULT_ROLE)
        if row is None:
            return
        article_id = self._results[int(row)].article_id
        if article_id and article_id not in self._dropped:
            self.articleRequested.emit(article_id)

    def row_of(self, path: str) -> QTreeWidgetItem | None:
        """The row showing the file ``path`` (None if there is none)."""
        for item in self._items:
            if self._results[item.data(STATUS_COLUMN, RESULT_ROLE)].path == path:
                return item
        return None


def _has_cjk(text: str) -> bool:
    return any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)
