"""Help → Keyboard shortcuts and Help → About.

The shortcuts page is read from the window's own actions (so it cannot fall out of
step with them), plus the keys that belong to widgets rather than actions. About
shows the version and every bundled part with its version and licence, and opens
the full licence texts (:mod:`jining_archive.notices`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jining_archive import __version__, notices
from jining_archive.components import Component, components


def _table(headers: list[str], rows: Sequence[tuple[str, ...]], parent: QWidget) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def action_shortcuts(actions: list[QAction]) -> list[tuple[str, str]]:
    """(what it does, keys) for every action with a shortcut, in menu wording."""
    rows: list[tuple[str, str]] = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        name = action.text().replace("&", "").split("\t")[0].strip()
        if keys and name and (name, " / ".join(keys)) not in rows:
            rows.append((name, " / ".join(keys)))
    return rows


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut of the window."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("键盘快捷键"))
        widget_keys = [
            (self.tr("按住 Shift 用方向键、Home、End 选择文字"), "Shift+←→↑↓ / Shift+Home / End"),
            (self.tr("放大或缩小文字"), self.tr("Ctrl+鼠标滚轮")),
            (self.tr("立即搜索"), "Enter"),
            (self.tr("打开所选的搜索结果"), "Enter"),
            (self.tr("复制所选文字"), QKeySequence(QKeySequence.StandardKey.Copy).toString(
                QKeySequence.SequenceFormat.NativeText)),
        ]  # fmt: skip
        self.rows = action_shortcuts(actions) + widget_keys
        self.table = _table([self.tr("操作"), self.tr("按键")], self.rows, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 520)


class AboutDialog(QDialog):
    """The version, and every part the app is made of with its licence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于"))
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setText(
            "<p><b>{}</b> {}</p><p>{}</p>".format(
                html.escape(self.tr("济宁高新区资料库")),
                html.escape(__version__),
                html.escape(self.tr("济宁国家高新技术产业开发区报道的阅读、检索与标注工具。")),
            )
        )
        self.parts: list[Component] = components()
        self.parts.insert(
            2, Component(f"Qt (PySide6 {pyside_version})", qVersion(), "LGPL-3.0-only")
        )
        rows = [(p.name, p.version or "—", p.licence or "—") for p in self.parts]
        self.table = _table([self.tr("组件"), self.tr("版本"), self.tr("许可证")], rows, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.notices_button = QPushButton(self.tr("许可证全文与第三方声明…"), self)
        buttons.addButton(self.notices_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.notices_button.clicked.connect(self.show_notices)
        self.notices_dialog: NoticesDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def show_notices(self) -> None:
        """Open the licence texts of every part (the bundled notices file, when there is one)."""
        if self.notices_dialog is None:
            self.notices_dialog = NoticesDialog(notices.notices_text(qVersion()), self)
        self.notices_dialog.show()
        self.notices_dialog.raise_()


class NoticesDialog(QDialog):
    """The licence texts of the app and of everything it carries, read-only."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("许可证全文与第三方声明"))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setPlainText(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(720, 600)
