"""Two windows on one team server: what one member shares, or imports, appears in the
other's window without a restart; a server that is down at start offers the local
archive (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jining_archive.library import Library
from jining_archive.notes.model import Anchor, Bookmark, TargetKind
from jining_archive.storage import backend
from jining_archive.storage.server.catalogue import ServerCatalogue
from jining_archive.ui import team
from jining_archive.ui.i18n import LanguageSwitcher
from jining_archive.ui.main_window import MainWindow
from jining_archive.ui.settings import Settings
from pg_tools import as_user

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]
PARKS = "2023-intl-parks"


@pytest.fixture
def server_of() -> Iterator[None]:
    yield
    backend.set_server(None)


def member_window(qtbot: QtBot, url: str, settings: Path) -> tuple[MainWindow, Library]:
    backend.set_server(url)
    library = Library.open(catalogue=ServerCatalogue(url))
    window = MainWindow(library, Settings(str(settings)), LanguageSwitcher())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, library


def notes_shown(window: MainWindow) -> list[str]:
    panel = window.notes.panel
    assert panel is not None
    return [b.note for b in panel.model.bookmarks()]


def test_a_note_shared_in_one_window_appears_in_the_other(
    qtbot: QtBot, team_db: str, tmp_path: Path, server_of: None
) -> None:
    alice_window, _ = member_window(qtbot, as_user(team_db, "alice"), tmp_path / "a.ini")
    bob_window, bob_library = member_window(qtbot, as_user(team_db, "bob"), tmp_path / "b.ini")
    watcher = team.watch_team_changes(bob_window, bob_library, interval=0.2)
    assert watcher is not None
    assert notes_shown(bob_window) == []

    store = alice_window.notes.store
    assert store is not None
    quote = "小松"
    start = alice_window.library.article(PARKS).text.index(quote)
    anchor = Anchor(start=start, end=start + len(quote), quote=quote)
    store.add(Bookmark(article_id=PARKS, anchor=anchor, note="kept to myself"))
    store.add(Bookmark(article_id=PARKS, anchor=anchor, note="for the desk"), shared=True)
    qtbot.waitUntil(lambda: notes_shown(bob_window) == ["for the desk"], timeout=10_000)
    watcher.stop()


def test_an_article_imported_by_one_member_appears_in_the_others_tree(
    qtbot: QtBot, team_db: str, tmp_path: Path, server_of: None
) -> None:
    _, alice_library = member_window(qtbot, as_user(team_db, "alice"), tmp_path / "a.ini")
    bob_window, bob_library = member_window(qtbot, as_user(team_db, "bob"), tmp_path / "b.ini")
    watcher = team.watch_team_changes(bob_window, bob_library, interval=0.2)
    assert watcher is not None
    report = tmp_path / "report.txt"
    report.write_text("鲁抗医药新厂区开工\n\n2024年3月1日\n\n新厂区项目总投资30亿元。\n", "utf-8")
    (result,) = alice_library.import_paths([report])

    def listed() -> bool:
        model = bob_window.tree_model
        titles = [model.index(r, 0).data() for r in range(model.rowCount())]
        return any("鲁抗医药新厂区开工" in str(t) for t in titles)

    qtbot.waitUntil(listed, timeout=10_000)
    assert result.article_id in bob_library
    watcher.stop()


def test_a_server_down_at_start_offers_the_local_archive(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server_of: None
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box.text() + " " + box.informativeText())
        local = next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        )
        box.setProperty("clicked", True)
        local.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    backend.set_server(f"postgresql://alice@/x?host={tmp_path}&port=1")
    library = team.open_library()
    assert library is not None and backend.server_url() is None
    assert {a.id for a in library.articles} >= {PARKS}
    assert "无法打开团队服务器上的资料库" in shown[0] and "cannot connect" in shown[0]


@pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing the keyboard|propagateSizeHints)"
)
def test_sharing_from_the_bookmarks_list(
    qtbot: QtBot, team_db: str, tmp_path: Path, server_of: None
) -> None:
    alice_window, _ = member_window(qtbot, as_user(team_db, "alice"), tmp_path / "a.ini")
    store = alice_window.notes.store
    panel = alice_window.notes.panel
    assert store is not None and panel is not None
    saved = store.add(
        Bookmark(article_id=PARKS, kind=TargetKind.ARTICLE, note="draft for the desk")
    )
    panel.refresh()
    panel.select_bookmarks([saved.id])
    panel._menu(panel.view.rect().center())
    assert panel.share_action in panel.context_menu.actions()
    assert panel.share_action.text() == "与团队共享" and not panel.share_action.isChecked()
    panel.share_action.trigger()
    assert store.sharing(saved.id) == ("alice", True)
    bob_window, _ = member_window(qtbot, as_user(team_db, "bob"), tmp_path / "b.ini")
    assert notes_shown(bob_window) == ["draft for the desk"]
    bob_panel = bob_window.notes.panel
    assert bob_panel is not None
    bob_panel.select_bookmarks([saved.id])
    bob_panel._menu(bob_panel.view.rect().center())
    # Bob may edit the shared note but only alice makes it private again.
    assert bob_panel.share_action.isChecked() and not bob_panel.share_action.isEnabled()


def test_the_team_server_chosen_in_the_window_is_used_at_the_next_start(
    qtbot: QtBot, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    server_of: None,
) -> None:  # fmt: skip
    from PySide6.QtWidgets import QInputDialog

    from jining_archive.ui import settings as opts

    monkeypatch.delenv("JINING_ARCHIVE_SERVER", raising=False)
    settings = Settings(str(tmp_path / "settings.ini"))
    window = MainWindow(library, settings, LanguageSwitcher())
    qtbot.addWidget(window)
    action = window.team_server.action
    assert action in window.file_menu.actions() and action.text() == "团队服务器…"
    url = "postgresql://alice:secret@db.example.org/archive"
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: (url, True))
    assert window.team_server.choose() == url
    assert "secret" not in window.status.currentMessage()
    assert Settings(str(tmp_path / "settings.ini")).get(opts.SERVER_URL) == url
    team.use_remembered_server(Settings(str(tmp_path / "settings.ini")))
    assert backend.server_url() == url
    backend.set_server(None)
    monkeypatch.setenv("JINING_ARCHIVE_SERVER", "postgresql://bob@elsewhere/archive")
    team.use_remembered_server(settings)  # the environment (or --server) wins
    assert backend.server_url() == "postgresql://bob@elsewhere/archive"
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("", True))
    assert window.team_server.choose() == ""
    assert "本机资料库" in window.status.currentMessage()


def test_the_members_dialog_lists_adds_and_removes_members(
    qtbot: QtBot, team_db: str, new_role: str, tmp_path: Path, server_of: None
) -> None:
    newcomer = new_role
    # The administrator's window: it may change members.
    window, _ = member_window(qtbot, team_db, tmp_path / "admin.ini")
    assert window.team_members.action.isEnabled()
    dialog = window.team_members.open()
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    rows = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
        for r in range(dialog.table.rowCount())
    }
    assert rows["reader"] == "只读" and rows["alice"].startswith("编辑")
    assert dialog.add(newcomer, editor=False)
    assert (newcomer, False) in dialog.members
    dialog.table.selectRow([m[0] for m in dialog.members].index(newcomer))
    assert dialog.role_button.text() == "设为编辑"
    dialog.role_button.click()
    assert (newcomer, True) in dialog.members
    assert dialog.remove(newcomer)
    assert newcomer not in [m[0] for m in dialog.members]

    # A member without the rights sees the list and why a change was refused.
    bob_window, _ = member_window(qtbot, as_user(team_db, "bob"), tmp_path / "b.ini")
    bob_dialog = bob_window.team_members.open()
    assert bob_dialog is not None
    qtbot.addWidget(bob_dialog)
    assert "alice" in [m[0] for m in bob_dialog.members]
    assert not bob_dialog.add("reader", editor=True)
    assert "服务器拒绝了这项操作" in bob_dialog.problem.text()
    for shown in (dialog, bob_dialog):
        shown.close()


def test_the_members_action_is_off_for_a_local_archive(
    qtbot: QtBot, tmp_path: Path, server_of: None
) -> None:
    from window_tools import library_in, show_window

    for library in library_in(tmp_path / "home"):
        window = show_window(qtbot, library, tmp_path / "s.ini")
        assert not window.team_members.action.isEnabled()
        assert window.team_members.open() is None
