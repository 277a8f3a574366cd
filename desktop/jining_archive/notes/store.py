"""The bookmark store: one SQLite file in the user data folder.

Durability rules, because notes are the one thing here the user cannot rebuild:

- WAL journal, ``synchronous=FULL``, foreign keys on; every write runs in one
  ``BEGIN IMMEDIATE … COMMIT`` transaction, so a crash or a kill leaves either
  the whole write or none of it.
- The schema version lives in ``PRAGMA user_version``; :data:`MIGRATIONS` bring
  an older file up to date, each step in its own transaction. A file written by
  a newer version of the app is refused, not touched.
- A file that SQLite cannot read as a database (or that fails its quick check)
  is moved aside, together with its ``-wal``/``-shm`` companions, under a name
  ending in ``.damaged-<time>``, and a fresh store is started. The old file is
  kept for recovery and never deleted; :attr:`NoteStore.messages` says where.
"""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from jining_archive import paths
from jining_archive.documents.model import Article
from jining_archive.documents.normalise import fold
from jining_archive.notes.anchors import reattach, section_at, text_hash
from jining_archive.notes.model import (
    Anchor,
    AnchorState,
    Bookmark,
    TargetKind,
    clean_tags,
    now_iso,
)

DB_NAME = "notes.sqlite3"
BUSY_TIMEOUT_S = 5.0


class NotesError(Exception):
    """A problem with the notes store the user should read about (no traceback)."""


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run ``;``-separated statements inside the current transaction.

    (``executescript`` would commit the open transaction first.)
    """
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE bookmarks (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL
                CHECK (kind IN ('article', 'section', 'figure', 'project', 'passage')),
            article_id TEXT NOT NULL,
            section_id TEXT,
            label TEXT NOT NULL DEFAULT '',
            start INTEGER,
            "end" INTEGER,
            quote TEXT NOT NULL DEFAULT '',
            context_before TEXT NOT NULL DEFAULT '',
            context_after TEXT NOT NULL DEFAULT '',
            original_quote TEXT NOT NULL DEFAULT '',
            anchor_state TEXT NOT NULL DEFAULT 'attached'
                CHECK (anchor_state IN ('attached', 'fuzzy', 'detached')),
            text_hash TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            CHECK ((start IS NULL) = ("end" IS NULL)),
            CHECK (start IS NULL OR (0 <= start AND start <= "end"))
        );
        CREATE INDEX bookmarks_article ON bookmarks (article_id, start);
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE bookmark_tags (
            bookmark_id INTEGER NOT NULL REFERENCES bookmarks (id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            PRIMARY KEY (bookmark_id, tag_id)
        );
        CREATE INDEX bookmark_tags_tag ON bookmark_tags (tag_id);
        """,
    )


# MIGRATIONS[n] brings a store at schema version n to version n + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_to_1]
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = (
    'id, uid, kind, article_id, section_id, label, start, "end", quote, context_before, '
    "context_after, original_quote, anchor_state, text_hash, note, created, modified"
)


@dataclass
class ReconcileReport:
    """What :meth:`NoteStore.reconcile` did to anchors of articles whose text changed."""

    checked: int = 0
    moved: int = 0
    fuzzy: int = 0
    detached: int = 0
    #: Bookmarks newly detached because their article is no longer in the archive.
    orphaned: int = 0
    missing_articles: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """Counts from :meth:`NoteStore.import_bookmarks`."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_newer: int = 0


class NoteStore:
    """Bookmarks and notes in SQLite; see the module docstring."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else paths.data_dir() / DB_NAME
        self.messages: list[str] = []
        self.damaged_copy: Path | None = None
        self._conn = self._open()

    # -- opening -----------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        """Open and check the file; nothing is written to it before its version is known."""
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            self._check(conn)
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise NotesError(
                    f"the notes database {self.path} was written by a newer version of the app "
                    f"(schema {version}, this version knows {SCHEMA_VERSION}); it was left "
                    "unchanged"
                )
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
        except BaseException:
            conn.close()
            raise
        return conn

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise NotesError(f"cannot create the notes folder {self.path.parent}: {exc}") from exc
        try:
            conn = self._connect()
        except sqlite3.DatabaseError as exc:
            if _is_busy(exc):
                raise NotesError(
                    f"the notes database {self.path} is busy (another program is writing to "
                    "it); try again in a moment"
                ) from exc
            self._move_aside(str(exc))
            try:
                conn = self._connect()
            except sqlite3.Error as exc2:
                raise NotesError(
                    f"cannot start a new notes database at {self.path}: {exc2}"
                ) from exc2
        self._migrate(conn)
        return conn

    def _check(self, conn: sqlite3.Connection) -> None:
        """Raise sqlite3.DatabaseError if the file is not a sound database."""
        result = conn.execute("PRAGMA quick_check").fetchone()
        if not result or result[0] != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {result[0] if result else '?'}")

    def _move_aside(self, reason: str) -> None:
        reason = " ".join(reason.split())
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}")
        try:
            if self.path.exists():
                self.path.rename(target)
            for suffix in ("-wal", "-shm"):
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    side.rename(target.with_name(target.name + suffix))
        except OSError as exc:
            raise NotesError(
                f"the notes database {self.path} cannot be read ({reason}) and could not be "
                f"moved aside ({exc}); nothing was changed"
            ) from exc
        self.damaged_copy = target
        self.messages.append(
            f"The notes database could not be read ({reason}). It was kept as {target} for "
            "recovery, and a new, empty notes database was started."
        )

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        try:
            for step in range(version, SCHEMA_VERSION):
                with _transaction(conn):
                    MIGRATIONS[step](conn)
                    conn.execute(f"PRAGMA user_version = {step + 1}")
        except sqlite3.Error as exc:
            conn.close()
            raise NotesError(
                f"the notes database {self.path} could not be upgraded to schema "
                f"{SCHEMA_VERSION} ({exc}); it was left at schema {version}"
            ) from exc
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        """Close the database (committed writes are already on disk)."""
        self._conn.close()

    def __enter__(self) -> NoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the open file."""
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    # -- reading -----------------------------------------------------------------------

    def get(self, bookmark_id: int) -> Bookmark:
        """The bookmark with this id (NotesError if there is none)."""
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM bookmarks WHERE id = ?", (bookmark_id,)
        ).fetchone()
        if row is None:
            raise NotesError(f"no bookmark with id {bookmark_id}")
        return self._with_tags([_from_row(row)])[0]

    def find_uid(self, uid: str) -> Bookmark | None:
        """The bookmark with this uid, if any."""
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM bookmarks WHERE uid = ?", (uid,)
        ).fetchone()
        return self._with_tags([_from_row(row)])[0] if row else None

    def bookmarks(
        self,
        *,
        tag: str | None = None,
        article_id: str | None = None,
        ids: Iterable[int] | None = None,
    ) -> list[Bookmark]:
        """Bookmarks in reading order (by article, then position), optionally filtered."""
        where: list[str] = []
        params: list[object] = []
        if tag is not None:
            where.append(
                "id IN (SELECT bookmark_id FROM bookmark_tags JOIN tags ON tags.id = tag_id "
                "WHERE tags.name = ?)"
            )
            params.append(tag)
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        if ids is not None:
            id_list = [int(i) for i in ids]
            where.append(f"id IN ({','.join('?' * len(id_list))})" if id_list else "0")
            params.extend(id_list)
        sql = f"SELECT {_COLUMNS} FROM bookmarks"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY article_id, COALESCE(start, -1), id"
        return self._with_tags([_from_row(r) for r in self._conn.execute(sql, params)])

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use with its number of bookmarks, by name."""
        rows = self._conn.execute(
            "SELECT name, COUNT(bookmark_id) FROM tags JOIN bookmark_tags ON tags.id = tag_id "
            "GROUP BY tags.id ORDER BY name"
        )
        return [(str(name), int(count)) for name, count in rows]

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM bookmarks").fetchone()[0])

    def _with_tags(self, bookmarks: list[Bookmark]) -> list[Bookmark]:
        if not bookmarks:
            return bookmarks
        by_id = {b.id: b for b in bookmarks}
        rows = self._conn.execute(
            "SELECT bookmark_id, name FROM bookmark_tags JOIN tags ON tags.id = tag_id "
            "ORDER BY bookmark_id, position"
        )
        for bookmark_id, name in rows:
            if bookmark_id in by_id:
                by_id[bookmark_id].tags.append(name)
        return bookmarks

    # -- writing -----------------------------------------------------------------------

    def add(self, bookmark: Bookmark) -> Bookmark:
        """Save a new bookmark; returns it with its id, uid and times filled in."""
        saved = bookmark.copy()
        stamp = now_iso()
        saved.id = 0
        saved.uid = saved.uid or uuid.uuid4().hex
        saved.created = saved.created or stamp
        saved.modified = saved.modified or saved.created
        saved.original_quote = saved.original_quote or saved.quote
        saved.tags = clean_tags(saved.tags)
        _validate(saved)
        with self._transaction():
            saved.id = self._insert(saved)
        return saved

    def update(self, bookmark: Bookmark) -> Bookmark:
        """Save changes to an existing bookmark; its modified time becomes now."""
        saved = bookmark.copy()
        saved.tags = clean_tags(saved.tags)
        saved.modified = now_iso()
        _validate(saved)
        with self._transaction():
            self._require(saved.id)
            self._replace(saved)
        return saved

    def put(self, bookmark: Bookmark) -> Bookmark:
        """Store ``bookmark`` exactly as given (id, uid and times kept): undo and restore."""
        saved = bookmark.copy()
        saved.tags = clean_tags(saved.tags)
        _validate(saved)
        if not saved.uid or not saved.created or not saved.modified:
            raise NotesError("a restored bookmark needs its uid and its times")
        with self._transaction():
            self._put(saved)
        return saved

    def remove(self, ids: Iterable[int]) -> list[Bookmark]:
        """Delete bookmarks by id (all or none); returns what was deleted, for undo."""
        wanted = list(dict.fromkeys(int(i) for i in ids))
        with self._transaction():
            removed = self.bookmarks(ids=wanted)
            missing = sorted(set(wanted) - {b.id for b in removed})
            if missing:
                raise NotesError(f"no bookmark with id {', '.join(map(str, missing))}")
            self._conn.executemany("DELETE FROM bookmarks WHERE id = ?", [(i,) for i in wanted])
            self._drop_unused_tags()
        return removed

    def import_bookmarks(
        self, bookmarks: Iterable[Bookmark], *, replace: bool = False
    ) -> ImportReport:
        """Bring in bookmarks from an export, all in one transaction.

        A bookmark whose uid is new is added with its id (when that id is free), uid,
        times and anchor exactly as exported. One whose uid exists already replaces it
        when ``replace`` is set or when the imported copy was modified later; otherwise
        the stored one is kept.
        """
        report = ImportReport()
        items = [b.copy() for b in bookmarks]
        for b in items:
            b.tags = clean_tags(b.tags)
            _validate(b)
            if not b.uid or not b.created or not b.modified:
                raise NotesError("an imported bookmark needs its uid and its times")
        with self._transaction():
            for b in items:
                row = self._conn.execute(
                    "SELECT id FROM bookmarks WHERE uid = ?", (b.uid,)
                ).fetchone()
                if row is None:
                    self._put(b)
                    report.added += 1
                    continue
                current = self.get(int(row[0]))
                b.id = current.id
                if _same(current, b):
                    report.unchanged += 1
                elif replace or b.modified > current.modified:
                    self._replace(b)
                    report.updated += 1
                else:
                    report.kept_newer += 1
        return report

    def reconcile(
        self, articles: Iterable[Article], *, missing_detach: bool = True
    ) -> ReconcileReport:
        """Re-attach anchors of bookmarks whose article text changed since they were saved.

        Bookmarks of articles not given are reported as missing and (unless
        ``missing_detach`` is False) marked detached: the article was removed, the
        bookmark stays with its quote. A detached bookmark whose article is back is
        re-attached when its quote is found.
        Offsets, quote and context follow the text when an anchor re-attaches; a
        detached bookmark keeps all of them. Modified times are not touched.
        """
        report = ReconcileReport()
        by_id = {a.id: a for a in articles}
        digests: dict[str, str] = {}
        folded: dict[str, str] = {}
        changed: list[Bookmark] = []
        for bookmark in self.bookmarks():
            article = by_id.get(bookmark.article_id)
            if article is None:
                if bookmark.article_id not in report.missing_articles:
                    report.missing_articles.append(bookmark.article_id)
                if missing_detach and bookmark.anchor_state != AnchorState.DETACHED:
                    # The article was removed: the bookmark stays, with its quote.
                    bookmark.anchor_state = AnchorState.DETACHED
                    bookmark.text_hash = ""  # so that the article's return re-attaches it
                    report.orphaned += 1
                    changed.append(bookmark)
                continue
            if article.id not in digests:
                digests[article.id] = text_hash(article.text)
            digest = digests[article.id]
            if bookmark.text_hash == digest:
                continue
            report.checked += 1
            bookmark.text_hash = digest
            if bookmark.anchor is not None:
                if article.id not in folded:
                    folded[article.id] = fold(article.text)
                found = reattach(bookmark.anchor, article.text, folded[article.id])
                if found.state == AnchorState.DETACHED:
                    report.detached += 1
                else:
                    if found.anchor.start != bookmark.anchor.start:
                        report.moved += 1
                    if found.state == AnchorState.FUZZY:
                        report.fuzzy += 1
                    bookmark.anchor = found.anchor
                    section_id = section_at(article, found.anchor.start)
                    if bookmark.kind == TargetKind.SECTION:
                        section_id = section_id or bookmark.section_id
                    bookmark.section_id = section_id
                bookmark.anchor_state = found.state
            else:  # a bookmark of a whole article: attached again once the article is back
                bookmark.anchor_state = AnchorState.ATTACHED
            changed.append(bookmark)
        if changed:
            with self._transaction():
                for bookmark in changed:
                    self._replace(bookmark)
        return report

    # -- SQL ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        try:
            with _transaction(self._conn):
                yield
        except sqlite3.IntegrityError as exc:
            raise NotesError(f"the bookmark could not be saved: {exc}") from exc
        except sqlite3.OperationalError as exc:
            raise NotesError(f"the notes database {self.path} could not be written: {exc}") from exc

    def _require(self, bookmark_id: int) -> None:
        if not self._conn.execute(
            "SELECT 1 FROM bookmarks WHERE id = ?", (bookmark_id,)
        ).fetchone():
            raise NotesError(f"no bookmark with id {bookmark_id}")

    def _insert(self, b: Bookmark) -> int:
        values = _values(b)
        cur = self._conn.execute(
            f"INSERT INTO bookmarks ({_COLUMNS}) VALUES ({','.join('?' * len(values))})",
            (None if b.id == 0 else b.id, *values[1:]),
        )
        new_id = int(cur.lastrowid or 0)
        self._write_tags(new_id, b.tags)
        return new_id

    def _put(self, b: Bookmark) -> None:
        taken = (
            b.id
            and self._conn.execute("SELECT uid FROM bookmarks WHERE id = ?", (b.id,)).fetchone()
        )
        if taken and taken[0] == b.uid:
            self._replace(b)
            return
        if taken:
            b.id = 0  # the id went to another bookmark meanwhile: take a new one
        b.id = self._insert(b)

    def _replace(self, b: Bookmark) -> None:
        values = _values(b)
        assignments = ", ".join(f"{c.strip()} = ?" for c in _COLUMNS.split(",")[1:])
        self._conn.execute(f"UPDATE bookmarks SET {assignments} WHERE id = ?", (*values[1:], b.id))
        self._conn.execute("DELETE FROM bookmark_tags WHERE bookmark_id = ?", (b.id,))
        self._write_tags(b.id, b.tags)
        self._drop_unused_tags()

    def _write_tags(self, bookmark_id: int, tags: list[str]) -> None:
        for position, name in enumerate(tags):
            self._conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (name,))
            tag_id = self._conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()[0]
            self._conn.execute(
                "INSERT INTO bookmark_tags (bookmark_id, tag_id, position) VALUES (?, ?, ?)",
                (bookmark_id, tag_id, position),
            )

    def _drop_unused_tags(self) -> None:
        self._conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM bookmark_tags)")


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _is_busy(exc: sqlite3.DatabaseError) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


def _validate(b: Bookmark) -> None:
    if not b.article_id:
        raise NotesError("a bookmark needs an article")
    if b.kind != TargetKind.ARTICLE and b.anchor is None:
        raise NotesError(f"a {b.kind} bookmark needs a place in the text")
    if b.anchor is not None and not 0 <= b.anchor.start <= b.anchor.end:
        raise NotesError(f"bad offsets {b.anchor.start}-{b.anchor.end}")


def _same(a: Bookmark, b: Bookmark) -> bool:
    return _values(a)[1:] == _values(b)[1:] and a.tags == b.tags


def _values(b: Bookmark) -> tuple[object, ...]:
    anchor = b.anchor
    return (
        b.id,
        b.uid,
        str(b.kind),
        b.article_id,
        b.section_id,
        b.label,
        anchor.start if anchor else None,
        anchor.end if anchor else None,
        anchor.quote if anchor else "",
        anchor.before if anchor else "",
        anchor.after if anchor else "",
        b.original_quote,
        str(b.anchor_state),
        b.text_hash,
        b.note,
        b.created,
        b.modified,
    )


def _from_row(row: tuple[object, ...]) -> Bookmark:
    (id_, uid, kind, article_id, section_id, label, start, end, quote, before, after,
     original_quote, state, digest, note, created, modified) = row  # fmt: skip
    anchor = None
    if start is not None and end is not None:
        anchor = Anchor(int(str(start)), int(str(end)), str(quote), str(before), str(after))
    return Bookmark(
        id=int(str(id_)),
        uid=str(uid),
        kind=TargetKind(str(kind)),
        article_id=str(article_id),
        section_id=None if section_id is None else str(section_id),
        label=str(label),
        anchor=anchor,
        original_quote=str(original_quote),
        anchor_state=AnchorState(str(state)),
        text_hash=str(digest),
        note=str(note),
        created=str(created),
        modified=str(modified),
    )
