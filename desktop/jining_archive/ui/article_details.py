"""The article details dialog: edit an article's title, date, source and reporters.

The editable fields are those of :data:`jining_archive.documents.serial.EDITABLE`.
The date is checked as it is typed (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``;
``/`` or ``.`` between the parts and one-digit months and days are accepted and
written the ISO way); while it or the title is not valid, a message says why and
OK is disabled. Typing a date clears "日期为估计" unless the reader set that box
themselves. Below the fields, read-only lines say where the article comes from.

:meth:`ArticleDetailsDialog.changes` gives only what the reader changed, in the
shape :meth:`jining_archive.library.Library.edit` takes; "恢复文件中的信息" asks
for every field to go back to what the file itself says (every value None).
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jining_archive.documents.dating import DateError, normalise_date
from jining_archive.documents.model import Article
from jining_archive.documents.serial import EDITABLE

_REPORTER_SEPARATORS = re.compile(r"[,，、;；]")


def split_reporters(text: str) -> list[str]:
    """Reporters typed in one field, separated by commas (either width), 、 or semicolons."""
    return [name.strip() for name in _REPORTER_SEPARATORS.split(text) if name.strip()]


class ArticleDetailsDialog(QDialog):
    """Edit one article's metadata; see the module docstring.

    Attributes:
        reset_all: True after "恢复文件中的信息": :meth:`changes` then resets every field.
    """

    def __init__(
        self,
        article: Article,
        *,
        origin_path: str = "",
        format: str = "",
        encoding: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("articleDetails")
        self.setMinimumWidth(520)
        self._article = article
        self._origin_path = origin_path or article.path
        self._format = format
        self._encoding = encoding
        self._estimate_touched = False
        self.reset_all = False

        self.title_edit = self._line_edit("detailsTitle", article.title)
        self.subtitle_edit = self._line_edit("detailsSubtitle", article.subtitle)
        self.date_edit = self._line_edit("detailsDate", article.date)
        self.date_edit.setPlaceholderText("YYYY-MM-DD")
        self.estimated_check = QCheckBox(self)
        self.estimated_check.setObjectName("detailsDateEstimated")
        self.estimated_check.setChecked(article.date_estimated)
        self.source_edit = self._line_edit("detailsSource", article.source)
        self.reporters_edit = self._line_edit("detailsReporters", "、".join(article.reporters))

        self.error_label = QLabel(self)
        self.error_label.setObjectName("detailsError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.reset_label = QLabel(self)
        self.reset_label.setObjectName("detailsResetNote")
        self.reset_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reset_label.setWordWrap(True)
        self.reset_label.hide()

        self.id_value = self._info_label(article.id)
        self.origin_value = self._info_label("")
        self.path_value = QLineEdit(self._origin_path, self)
        self.path_value.setObjectName("detailsPath")
        self.path_value.setReadOnly(True)
        self.path_value.setFrame(False)
        self.path_value.setCursorPosition(0)
        self.format_value = self._info_label(format)
        self.encoding_value = self._info_label(encoding)
        self.date_note_value = self._info_label(article.date_note)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.reset_button = QPushButton(self)
        self.reset_button.setObjectName("detailsReset")
        self.reset_button.setAutoDefault(False)
        self.buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.reset_button.clicked.connect(self._toggle_reset)

        self.form = QFormLayout()
        self.title_label = QLabel(self)
        self.subtitle_label = QLabel(self)
        self.date_label = QLabel(self)
        self.source_label = QLabel(self)
        self.reporters_label = QLabel(self)
        self.form.addRow(self.title_label, self.title_edit)
        self.form.addRow(self.subtitle_label, self.subtitle_edit)
        self.form.addRow(self.date_label, self.date_edit)
        self.form.addRow("", self.estimated_check)
        self.form.addRow(self.source_label, self.source_edit)
        self.form.addRow(self.reporters_label, self.reporters_edit)

        self.info = QFormLayout()
        self.id_label = QLabel(self)
        self.origin_label = QLabel(self)
        self.path_label = QLabel(self)
        self.format_label = QLabel(self)
        self.encoding_label = QLabel(self)
        self.date_note_label = QLabel(self)
        self.info.addRow(self.id_label, self.id_value)
        self.info.addRow(self.origin_label, self.origin_value)
        self.info.addRow(self.path_label, self.path_value)
        self.info.addRow(self.format_label, self.format_value)
        self.info.addRow(self.encoding_label, self.encoding_value)
        self.info.addRow(self.date_note_label, self.date_note_value)
        self.info.setRowVisible(self.path_value, bool(self._origin_path))
        self.info.setRowVisible(self.format_value, bool(format))
        self.info.setRowVisible(self.encoding_value, bool(encoding))
        self.info.setRowVisible(self.date_note_value, bool(article.date_note))

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.reset_label)
        layout.addSpacing(8)
        layout.addLayout(self.info)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        for edit in (self.title_edit, self.date_edit):
            edit.textChanged.connect(self._validate)
        self.date_edit.textEdited.connect(self._date_edited)
        self.estimated_check.clicked.connect(self._estimate_clicked)
        self.retranslate()
        self.title_edit.setFocus()

    def _line_edit(self, name: str, text: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setText(text)
        edit.setCursorPosition(0)
        return edit

    def _info_label(self, text: str) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        label.setText(text)
        return label

    def retranslate(self) -> None:
        """Set every visible string in the interface language."""
        self.setWindowTitle(self.tr("编辑文章信息"))
        self.title_label.setText(self.tr("标题"))
        self.subtitle_label.setText(self.tr("副标题"))
        self.date_label.setText(self.tr("日期"))
        self.estimated_check.setText(self.tr("日期为估计"))
        self.source_label.setText(self.tr("来源"))
        self.reporters_label.setText(self.tr("记者"))
        self.reporters_edit.setPlaceholderText(self.tr("用逗号或顿号分隔"))
        self.id_label.setText(self.tr("文章编号"))
        self.origin_label.setText(self.tr("出处"))
        origins = {"bundled": self.tr("随附"), "imported": self.tr("导入")}
        self.origin_value.setText(origins.get(self._article.origin, self._article.origin))
        self.path_label.setText(self.tr("原始文件"))
        self.format_label.setText(self.tr("格式"))
        self.encoding_label.setText(self.tr("编码"))
        self.date_note_label.setText(self.tr("日期说明"))
        self.reset_label.setText(self.tr("所有信息将恢复为文件中的内容，你的修改会被丢弃。"))
        self._retranslate_reset_button()
        self._validate()

    def _retranslate_reset_button(self) -> None:
        if self.reset_all:
            self.reset_button.setText(self.tr("撤销恢复"))
        else:
            self.reset_button.setText(self.tr("恢复文件中的信息"))

    def changeEvent(self, event: QEvent) -> None:
        """Follow a change of the interface language."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # -- checking ----------------------------------------------------------

    def error_text(self) -> str:
        """Why the fields cannot be saved as they are ("" when they can)."""
        if self.reset_all:
            return ""
        if not self.title_edit.text().strip():
            return self.tr("标题不能为空。")
        try:
            normalise_date(self.date_edit.text())
        except DateError as exc:
            if exc.kind == "range":
                return self.tr("没有这个日期：{date}。月份应为 1–12，日期应在当月之内。").format(
                    date=self.date_edit.text().strip()
                )
            return self.tr("日期应写成 YYYY、YYYY-MM 或 YYYY-MM-DD，例如 2023-05-18。")
        return ""

    def is_valid(self) -> bool:
        """True when OK would save the fields."""
        return not self.error_text()

    def _validate(self) -> None:
        message = self.error_text()
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        self.ok_button.setEnabled(not message)

    def _date_edited(self, _text: str) -> None:
        if not self._estimate_touched:
            self.estimated_check.setChecked(False)

    def _estimate_clicked(self, _checked: bool) -> None:
        self._estimate_touched = True

    def _toggle_reset(self) -> None:
        self.set_reset_all(not self.reset_all)

    def set_reset_all(self, reset: bool) -> None:
        """Ask (or stop asking) for every field to go back to the file's own value."""
        self.reset_all = reset
        for widget in (
            self.title_edit,
            self.subtitle_edit,
            self.date_edit,
            self.estimated_check,
            self.source_edit,
            self.reporters_edit,
        ):
            widget.setEnabled(not reset)
        self.reset_label.setVisible(reset)
        self._retranslate_reset_button()
        self._validate()

    def accept(self) -> None:
        """Close with OK, unless a field is not valid."""
        if self.is_valid():
            super().accept()

    # -- the result --------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        """The fields the reader changed, as :meth:`Library.edit` takes them.

        Reporters are a list; ``date_estimated`` is included whenever the date or the
        box changed; {} when nothing changed; every editable field as None after
        "恢复文件中的信息". Raises ValueError when the date is not valid.
        """
        if self.reset_all:
            return dict.fromkeys(EDITABLE)
        article = self._article
        changes: dict[str, Any] = {}
        for name, edit in (
            ("title", self.title_edit),
            ("subtitle", self.subtitle_edit),
            ("source", self.source_edit),
        ):
            value = edit.text().strip()
            if value != getattr(article, name).strip():
                changes[name] = value
        date = normalise_date(self.date_edit.text())
        estimated = self.estimated_check.isChecked()
        try:
            before = normalise_date(article.date)
        except DateError:
            before = article.date.strip()
        date_changed = date != before
        if date_changed:
            changes["date"] = date
        if date_changed or estimated != article.date_estimated:
            changes["date_estimated"] = estimated
        reporters = split_reporters(self.reporters_edit.text())
        if reporters != [r.strip() for r in article.reporters if r.strip()]:
            changes["reporters"] = reporters
        return {name: changes[name] for name in EDITABLE if name in changes}
