"""File → 团队成员…: who is in the team archive, and what each may do.

A thin window over ``storage.server.schema`` (the same calls as ``server-members`` and
``server-member``). Changing members needs the administrator's rights on the server;
an account without them sees the list and a clear message when it tries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jining_archive.storage import backend
from jining_archive.storage.server import ServerError, on_server, redact
from jining_archive.storage.server.schema import add_member, list_members, remove_member

if TYPE_CHECKING:
    from jining_archive.ui.main_window import MainWindow


class MembersDialog(QDialog):
    """The team's members in a table, with 添加…, 设为编辑/只读 and 移除."""

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamMembersDialog")
        self.url = url
        self.members: list[tuple[str, bool]] = []
        self.where = QLabel(self)
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, 2, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setObjectName("membersProblem")
        self.add_button = QPushButton(self)
        self.role_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.add_button.clicked.connect(self._ask_to_add)
        self.role_button.clicked.connect(self._toggle_selected)
        self.remove_button.clicked.connect(self._remove_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.role_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(520, 360)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("团队成员"))
        self.where.setText(self.tr("服务器：{where}").format(where=redact(self.url)))
        self.table.setHorizontalHeaderLabels([self.tr("成员（数据库角色）"), self.tr("权限")])
        self.add_button.setText(self.tr("添加成员…"))
        self.remove_button.setText(self.tr("移除"))
        self._update_buttons()
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- what the buttons do, callable without them ----------------------------------

    def refresh(self) -> bool:
        """Read the members again; False (and the reason shown) when that failed."""
        members = self._run(list_members)
        if members is None:
            return False
        self.members = members
        self._fill()
        return True

    def add(self, role: str, editor: bool) -> bool:
        """Make the existing role a member (an editor, or read-only)."""
        role = role.strip()
        if not role:
            return False
        done = self._run(lambda conn: add_member(conn, role, editor=editor)) is not None
        return done and self.refresh()

    def remove(self, role: str) -> bool:
        """Take the role out of the team (its notes stay on the server)."""
        done = self._run(lambda conn: remove_member(conn, role)) is not None
        return done and self.refresh()

    def selected(self) -> tuple[str, bool] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.members):
            return None
        return self.members[rows[0].row()]

    # -- internals ---------------------------------------------------------------------

    def _run(self, step: Any) -> Any:
        """``step(conn)`` on a connection of its own; None when it failed (said in the
        dialog: no rights, the role does not exist, the server is down)."""
        try:
            result = on_server(self.url, step)
        except ServerError as exc:
            if exc.code == "refused":
                self._show_problem(
                    self.tr("服务器拒绝了这项操作：{reason}").format(reason=exc.detail)
                )
            else:
                self._show_problem(str(exc))
            return None
        self.problem.clear()
        return True if result is None else result

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.members))
        for row, (name, editor) in enumerate(self.members):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            what = self.tr("编辑（可导入、修改、删除）") if editor else self.tr("只读")
            self.table.setItem(row, 1, QTableWidgetItem(what))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected() if hasattr(self, "members") else None
        self.role_button.setEnabled(chosen is not None)
        self.remove_button.setEnabled(chosen is not None)
        editor = chosen[1] if chosen else True
        self.role_button.setText(self.tr("设为只读") if editor else self.tr("设为编辑"))

    def _ask_to_add(self) -> None:
        role, ok = QInputDialog.getText(
            self,
            self.tr("添加成员"),
            self.tr("已有的数据库角色名（由管理员用 CREATE ROLE … LOGIN 创建）："),
        )
        if not ok or not role.strip():
            return
        read_only = QMessageBox.question(
            self,
            self.tr("添加成员"),
            self.tr(
                "让 {role} 只读吗？只读成员可以阅读和写笔记，但不能导入、修改或删除文章。"
            ).format(role=role.strip()),
        )
        self.add(role, editor=read_only != QMessageBox.StandardButton.Yes)

    def _toggle_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.add(chosen[0], editor=not chosen[1])

    def _remove_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("移除成员"),
            self.tr("从团队中移除 {role}？其笔记保留在服务器上，重新加入后仍可见。").format(
                role=chosen[0]
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(chosen[0])


class TeamMembersAction(QObject):
    """File → 团队成员…, enabled while the window shows a team server's archive."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: MembersDialog | None = None
        self.action = window._action()
        self.action.setObjectName("teamMembersAction")
        self.action.triggered.connect(self.open)
        menu = window.file_menu
        anchor = window.team_server.action
        actions = menu.actions()
        position = actions.index(anchor) + 1 if anchor in actions else len(actions)
        before = actions[position] if position < len(actions) else None
        if before is not None:
            menu.insertAction(before, self.action)
        else:
            menu.addAction(self.action)
        self.action.setEnabled(backend.server_url() is not None)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(self.tr("团队成员…"))
        self.action.setToolTip(self.tr("查看和管理团队服务器上的成员（需要管理员权限才能修改）"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)

    def open(self) -> MembersDialog | None:
        """Show the members of the server in use (None when the archive is local)."""
        url = backend.server_url()
        if url is None:
            return None
        if self.dialog is None or self.dialog.url != url:
            self.dialog = MembersDialog(url, self.window)
        else:
            self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog
