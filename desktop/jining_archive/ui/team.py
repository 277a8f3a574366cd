"""The window on a team server: another member's imports and shared notes appear
without a restart, and a server that cannot be reached at start offers the archive in
the user's own folders instead."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from jining_archive.library import Library
from jining_archive.storage import backend
from jining_archive.storage.catalogue import CatalogueError

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
