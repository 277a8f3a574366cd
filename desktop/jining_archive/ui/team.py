"""The window on a team server: another member's imports and shared notes appear
without a restart, and a server that cannot be reached at start offers the archive in
the user's own folders instead."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from jining_archive.library import Library
from jining_archive.storage import backend
from jining_archive.storage.catalogue import CatalogueError
from jining_archive.storage.server.connection import redact
from jining_archive.ui import settings as opts

if TYPE_CHECKING:
    from jining_archive.ui.main_window import MainWindow

#: Seconds between two looks at the server's change counter.
POLL_S = 2.0


class ChangeWatcher(QObject):
    """Looks at ``token()`` every ``interval`` seconds in a thread of its own and emits
    ``changed`` (in the GUI thread) when it differs from the last look."""

    changed = Signal()

    def __init__(
        self,
        token: Callable[[], object | None],
        interval: float = POLL_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._token = token
        self._interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last = token()

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="team-watch", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(self._interval + 5)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            token = self._token()
            if token is not None and token != self._last:
                self._last = token
                self.changed.emit()


def watch_team_changes(
    window: QWidget, library: Library, interval: float = POLL_S
) -> ChangeWatcher | None:
    """Keep ``window`` in step with other members' changes (None for a catalogue that
    has no other clients)."""
    if library.change_token() is None:
        return None
    watcher = ChangeWatcher(library.change_token, interval, parent=window)

    def changed() -> None:
        library.refresh()
        window.archive.refresh()  # type: ignore[attr-defined]

    watcher.changed.connect(changed)
    window.destroyed.connect(lambda *_: watcher.stop())
    watcher.start()
    return watcher


def open_library(parent: QWidget | None = None) -> Library | None:
    """The library; when the team server cannot be used, the reason and a choice: the
    archive in the user's own folders, or nothing (None: the app quits)."""
    try:
        return Library.open(reprocess=False)
    except CatalogueError as exc:
        if not backend.server_url():
            raise
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("team", "团队服务器"))
        box.setText(QCoreApplication.translate("team", "无法打开团队服务器上的资料库。"))
        box.setInformativeText(str(exc))
        local = box.addButton(
            QCoreApplication.translate("team", "打开本机资料库"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QCoreApplication.translate("team", "退出"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not local:
            return None
        backend.set_server(None, local=True)
        return Library.open(reprocess=False)


def use_remembered_server(settings: opts.Settings) -> None:
    """At start: the team server chosen in the window, unless --server or the
    environment names one."""
    remembered = settings.get(opts.SERVER_URL)
    if remembered and not backend.server_url():
        backend.set_server(remembered)


class TeamServerSetting(QObject):
    """File → 团队服务器…: the server the window opens at the next start (empty: the
    archive on this computer)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.action = window._action()
        self.action.setObjectName("teamServerAction")
        self.action.triggered.connect(lambda: self.choose())
        menu = window.file_menu
        actions = menu.actions()
        before = actions[-1] if actions else None  # above 退出
        if before is not None:
            menu.insertAction(before, self.action)
            menu.insertSeparator(before)
        else:
            menu.addAction(self.action)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(self.tr("团队服务器…"))
        self.action.setToolTip(self.tr("与团队共用 PostgreSQL 服务器上的资料库和笔记"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)

    def choose(self, url: str | None = None) -> str | None:
        """Ask for the server's address (``url`` given: take it); remembered for the
        next start. Returns what was saved, or None when cancelled."""
        settings = self.window.settings
        if url is None:
            current = settings.get(opts.SERVER_URL)
            text, ok = QInputDialog.getText(
                self.window,
                self.tr("团队服务器"),
                self.tr(
                    "PostgreSQL 服务器地址，例如 postgresql://用户名@服务器/资料库\n"
                    "留空则使用本机资料库。下次启动时生效。"
                ),
                QLineEdit.EchoMode.Normal,
                current,
            )
            if not ok:
                return None
            url = text
        url = url.strip()
        settings.set(opts.SERVER_URL, url)
        where = redact(url) if url else self.tr("本机资料库")
        self.window.status.showMessage(self.tr("下次启动时打开：{where}").format(where=where), 8000)
        return url
