"""The SQLite bookmark store: CRUD, transactions, schema, damaged files, kills mid-write."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from jining_archive import paths
from jining_archive.library import Library
from jining_archive.notes import store as store_module
from jining_archive.notes.model import AnchorState, Bookmark, TargetKind, split_tags
from jining_archive.notes.store import DB_NAME, SCHEMA_VERSION, NotesError, NoteStore
from jining_archive.notes.targets import article_bookmark, passage_bookmark, section_bookmark

QUOTE = "实现进出口总额221.2亿元，增长44.6%"


@pytest.fixture
def store(tmp_path: Path) -> NoteStore:
    with NoteStore(tmp_path / DB_NAME) as s:
        yield s  # type: ignore[misc]


def _passage(library: Library, quote: str = QUOTE, **kw: object) -> Bookmark:
    article = library.article("2023-intl-parks")
    start = article.text.index(quote)
    return passage_bookmark(article, start, start + len(quote), **kw)  # type: ignore[arg-type]


def test_default_location_is_the_data_folder() -> None:
    with NoteStore() as s:
        assert s.path == paths.data_dir() / DB_NAME
    assert (paths.data_dir() / DB_NAME).exists()


def test_pragmas_and_schema_version(store: NoteStore) -> None:
    assert store.schema_version == SCHEMA_VERSION
    conn = sqlite3.connect(store.path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
    assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_add_get_update_remove(store: NoteStore, library: Library) -> None:
    saved = store.add(_passage(library, note="外贸数据", tags=["外贸", " 2022 ", "外贸"]))
    assert saved.id > 0 and len(saved.uid) == 32
    assert saved.created == saved.modified
    got = store.get(saved.id)
    assert got == saved
    assert got.tags == ["外贸", "2022"]
    assert got.quote == QUOTE == got.original_quote
    assert got.section_id == "s3"  # 铆足干劲闯市场 …, the third heading of the article

    got.note = "改过的笔记"
    got.tags = ["出口"]
    updated = store.update(got)
    assert updated.modified >= saved.modified
    assert store.get(saved.id).note == "改过的笔记"
    assert store.tags() == [("出口", 1)]  # the unused tags are gone

    removed = store.remove([saved.id])
    assert [b.uid for b in removed] == [saved.uid]
    assert len(store) == 0
    assert store.tags() == []
    with pytest.raises(NotesError, match="no bookmark with id"):
        store.get(saved.id)


def test_filters_and_order(store: NoteStore, library: Library) -> None:
    parks = library.article("2023-intl-parks")
    goose = library.article("2025-lead-goose")
    a = store.add(_passage(library, tags=["外贸"]))
    b = store.add(section_bookmark(parks, "s1", tags=["服务"]))
    c = store.add(article_bookmark(goose, tags=["外贸", "总览"]))
    assert [x.id for x in store.bookmarks()] == [b.id, a.id, c.id]  # by article, then position
    assert [x.id for x in store.bookmarks(tag="外贸")] == [a.id, c.id]
    assert [x.id for x in store.bookmarks(article_id="2025-lead-goose")] == [c.id]
    assert [x.id for x in store.bookmarks(ids=[c.id, a.id])] == [a.id, c.id]
    assert store.bookmarks(ids=[]) == []
    assert store.tags() == [("外贸", 2), ("总览", 1), ("服务", 1)]


def test_failed_remove_changes_nothing(store: NoteStore, library: Library) -> None:
    a = store.add(_passage(library))
    with pytest.raises(NotesError, match="999"):
        store.remove([a.id, 999])
    assert len(store) == 1


def test_put_restores_exactly_for_undo(store: NoteStore, library: Library) -> None:
    a = store.add(_passage(library, note="n", tags=["x", "y"]))
    (removed,) = store.remove([a.id])
    store.put(removed)
    assert store.get(a.id) == a


def test_import_is_all_or_nothing(store: NoteStore, library: Library) -> None:
    good = store.add(_passage(library))
    store.remove([good.id])
    bad = good.copy()
    bad.uid = "other"
    bad.kind = TargetKind.FIGURE
    bad.anchor = None  # a figure bookmark without a place is refused
    with pytest.raises(NotesError):
        store.import_bookmarks([good, bad])
    assert len(store) == 0


def test_import_newer_wins_unless_replace(store: NoteStore, library: Library) -> None:
    a = store.add(_passage(library, note="old"))
    exported = store.get(a.id)
    edited = store.update(_with_note(store.get(a.id), "new"))
    report = store.import_bookmarks([exported])
    assert report.kept_newer == 1 and store.get(a.id).note == "new"
    report = store.import_bookmarks([exported], replace=True)
    assert report.updated == 1 and store.get(a.id) == exported
    assert store.import_bookmarks([exported]).unchanged == 1
    assert edited.note == "new"


def _with_note(b: Bookmark, note: str) -> Bookmark:
    b.note = note
    return b


def test_bad_bookmarks_are_refused(store: NoteStore, library: Library) -> None:
    article = library.article("2023-intl-parks")
    with pytest.raises(NotesError, match="no section"):
        section_bookmark(article, "s99")
    with pytest.raises(NotesError, match="offsets"):
        passage_bookmark(article, 10, 10)
    with pytest.raises(NotesError, match="needs a place"):
        store.add(Bookmark(article_id="x", kind=TargetKind.PASSAGE))
    with pytest.raises(NotesError, match="needs an article"):
        store.add(Bookmark(article_id="", kind=TargetKind.ARTICLE))


def test_split_tags() -> None:
    assert split_tags("外贸, 出口，项目；园区、 外贸 ,") == ["外贸", "出口", "项目", "园区"]


def test_garbage_file_is_moved_aside_and_kept(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    garbage = b"this is not a database, it is a shopping list\n" * 100
    path.write_bytes(garbage)

    with NoteStore(path) as s:
        assert len(s) == 0
        assert s.damaged_copy is not None
        assert s.damaged_copy.read_bytes() == garbage
        assert len(s.messages) == 1
        assert str(s.damaged_copy) in s.messages[0]
        assert "new, empty notes database" in s.messages[0]
        s.add(Bookmark(article_id="a", kind=TargetKind.ARTICLE))
    with NoteStore(path) as again:  # the set-aside copy is mentioned every time
        assert len(again) == 1 and again.damaged_copy is None
        assert [n.code for n in again.notices] == ["set-aside"]
        assert str(s.damaged_copy) in again.messages[0]


def test_damaged_page_is_detected_and_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    with NoteStore(path) as s:
        for n in range(40):
            s.add(Bookmark(article_id="a", kind=TargetKind.ARTICLE, note="笔记" * 300 + str(n)))
        s._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    data[2 * page : 3 * page] = b"\x5a" * page  # overwrite the third page
    path.write_bytes(bytes(data))

    with NoteStore(path) as s:
        assert s.damaged_copy is not None and s.damaged_copy.read_bytes() == bytes(data)
        assert "could not be read" in s.messages[0]
        assert len(s) == 0


def test_newer_schema_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotesError, match="newer version"):
        NoteStore(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.damaged-*"))


def test_migrations_run_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []

    following = SCHEMA_VERSION + 1

    def to_next(conn: sqlite3.Connection) -> None:
        seen.append(following)
        conn.execute("ALTER TABLE bookmarks ADD COLUMN colour TEXT NOT NULL DEFAULT ''")

    path = tmp_path / DB_NAME
    NoteStore(path).close()
    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, to_next])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", following)
    with NoteStore(path) as s:
        assert s.schema_version == following
        columns = [r[1] for r in s._conn.execute("PRAGMA table_info(bookmarks)")]
        assert "colour" in columns
    with NoteStore(path):
        pass
    assert seen == [following]


def test_failed_migration_leaves_the_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE bookmarks ADD COLUMN half TEXT")
        raise sqlite3.OperationalError("disk I/O error")

    path = tmp_path / DB_NAME
    with NoteStore(path) as s:
        s.add(Bookmark(article_id="a", kind=TargetKind.ARTICLE))
    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, broken])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(NotesError, match="could not be upgraded"):
        NoteStore(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        columns = [r[1] for r in conn.execute("PRAGMA table_info(bookmarks)")]
        assert "half" not in columns
        assert conn.execute("SELECT COUNT(*) FROM bookmarks").fetchone()[0] == 1
    finally:
        conn.close()


def test_locked_database_is_not_moved_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / DB_NAME
    NoteStore(path).close()
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.1)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with NoteStore(path) as s:
            with pytest.raises(NotesError, match="could not be written"):
                s.add(Bookmark(article_id="a", kind=TargetKind.ARTICLE))
            assert s.messages == []
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not list(tmp_path.glob("*.damaged-*"))


def test_reconcile_records_the_text_fingerprint(store: NoteStore, library: Library) -> None:
    a = store.add(_passage(library))
    report = store.reconcile(library.articles)
    assert report.checked == 0  # nothing changed since the bookmark was made
    store.put(_with_hash(store.get(a.id), "stale"))
    report = store.reconcile(library.articles)
    assert report.checked == 1 and report.moved == 0
    assert store.get(a.id).anchor_state == AnchorState.ATTACHED
    missing = store.add(Bookmark(article_id="gone", kind=TargetKind.ARTICLE))
    assert store.reconcile(library.articles).missing_articles == ["gone"]
    assert store.get(missing.id).article_id == "gone"  # kept, never dropped


def _with_hash(b: Bookmark, digest: str) -> Bookmark:
    b.text_hash = digest
    return b


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from jining_archive.notes.model import Anchor, Bookmark, TargetKind
    from jining_archive.notes.store import NoteStore

    store = NoteStore(Path(sys.argv[1]))
    batch = 0
    while True:
        batch += 1
        items = [
            Bookmark(
                article_id="2023-intl-parks",
                kind=TargetKind.PASSAGE,
                anchor=Anchor(j, j + 5, "引文" * 40, "前文", "后文"),
                note=f"批次 {batch} 第 {j} 条 " + "笔记" * 200,
                tags=[f"批次{batch}", "测试"],
                uid=f"{batch}-{j}",
                created="2024-01-01T00:00:00.000+00:00",
                modified="2024-01-01T00:00:00.000+00:00",
            )
            for j in range(50)
        ]
        store.import_bookmarks(items)
        print(batch, flush=True)
    """
)


@pytest.mark.parametrize("batches_before_kill", [3, 17])
def test_kill_during_writes_keeps_every_committed_bookmark(
    tmp_path: Path, batches_before_kill: int
) -> None:
    path = tmp_path / DB_NAME
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    committed = 0
    try:
        for line in proc.stdout:
            committed = int(line)
            if committed >= batches_before_kill:
                break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert committed >= batches_before_kill

    with NoteStore(path) as s:
        assert s.messages == []
        assert s._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = s.bookmarks()
        by_uid = {b.uid: b for b in stored}
        for batch in range(1, committed + 1):
            for j in range(50):
                b = by_uid[f"{batch}-{j}"]
                assert b.note.startswith(f"批次 {batch} 第 {j} 条 ")
                assert b.tags == [f"批次{batch}", "测试"]
        # Whole batches only: a transaction cut by the kill left nothing behind.
        assert len(stored) % 50 == 0
        assert committed * 50 <= len(stored) <= (committed + 1) * 50
