"""The bookmark store: one SQLite file in the user data folder.

Durability rules, because notes are the one thing here the user cannot rebuild:

- WAL journal, ``synchronous=FULL``, foreign keys on; every write runs in one
  ``BEGIN IMMEDIATE … COMMIT`` transaction, so a crash or a kill leaves either
  the whole write or none of it.
- The schema version lives in ``PRAGMA user_version``; :data:`MIGRATIONS` bring
  an older file up to date, all in one ``BEGIN EXCLUSIVE`` transaction that
  reads the version again inside it, so processes starting together on a fresh
  folder wait for each other (busy timeout) instead of creating the tables twice.
  A file written by a newer version of the app is refused, not touched.
- Only a file SQLite itself calls damaged (``SQLITE_CORRUPT``, ``SQLITE_NOTADB``,
  or a failed quick check) is moved aside, together with its ``-wal``/``-shm``
  companions, under a name ending in ``.damaged-<time>``, and a fresh store is
  started. A full disk, missing permissions, a read-only folder, a lock or a
  newer schema never move anything: they raise :class:`NotesError` with a
  ``code`` saying which, and leave the files as they were.
- When the file can be read but not written (read-only file or folder, full
  disk), the store opens read-only (:attr:`NoteStore.read_only`): listing and
  export work, every write raises ``NotesError`` with code ``read-only``.
- Every copy set aside is kept for recovery and never deleted; as long as one
  lies next to the store, every open says so in :attr:`NoteStore.notices`.
- The file and its folder are created readable by the user only (0600, 0700).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote as url_quote

from jining_archive import paths
from jining_archive.documents.model import Article
from jining_archive.documents.normalise import fold
from jining_archive.errors import CodedError
from jining_archive.notes.anchors import reattach, section_at, text_hash
from jining_archive.notes.model import (
    Anchor,
    AnchorState,
    Bookmark,
    TargetKind,
    clean_tags,
    now_iso,
)
from jining_archive.notes.snapshot import Snapshot, SnapshotError
from jining_archive.notes.snapshot import from_dict as snapshot_from_dict

DB_NAME = "notes.sqlite3"
BUSY_TIMEOUT_S = 10.0
SET_ASIDE_MARK = ".damaged-"
# SQLite stores integers in 64 bits: ids and offsets beyond this are refused, not overflowed.
MAX_INTEGER = 2**63 - 1

Progress = Callable[[int, int], None]


class NotesError(CodedError):
    """A problem with the notes store the user should read about (no traceback).

    ``code`` names the fault so that a front end can word it in its own language:
    ``disk-full``, ``cannot-read``, ``cannot-write``, ``read-only``, ``busy``,
    ``newer-schema``, ``upgrade-failed``, ``not-a-file``, ``damaged``,
    ``cannot-open``, ``not-found`` or ``invalid`` (the empty code: any other).
    ``path`` is the file or folder concerned, ``detail`` the system's own words.
    """


class StoreNotice(str):
    """A warning about the store: English text (the CLI prints it as it is) with a
    ``code`` and ``params`` from which the window says it in its own language.

    Codes: ``set-aside-now`` (a damaged file was just moved aside; ``copy``,
    ``reason``), ``set-aside`` (a copy set aside earlier is still there; ``copy``),
    ``read-only`` (``reason`` is ``file``, ``folder`` or ``disk-full``; ``detail``).
    Every notice has ``path`` (the notes database) and ``folder``.
    """

    code: str
    params: dict[str, str]

    def __new__(cls, code: str, text: str, params: dict[str, str]) -> StoreNotice:
        notice = super().__new__(cls, text)
        notice.code = code
        notice.params = dict(params)
        return notice


def restore_help(path: Path, copy: Path) -> str:
    """How to bring a set-aside copy back, in English (the window has its own wording)."""
    return (
        f"To restore it: quit the app, move {path.name} away, copy {copy.name} (and "
        f"{copy.name}-wal if there is one) to {path.name} in {path.parent}, and start again; "
        "or bring notes back from a JSON export with `jining-archive import-notes FILE`. "
        f"Once it is restored or no longer needed, move {copy.name} out of that folder "
        "and this warning stops."
    )


def set_aside_copies(path: Path) -> list[Path]:
    """The copies of the database at ``path`` set aside as damaged, oldest first."""
    try:
        found = [
            p
            for p in path.parent.glob(f"{path.name}{SET_ASIDE_MARK}*")
            if not p.name.endswith(("-wal", "-shm", "-journal"))
        ]
    except OSError:
        return []
    return sorted(found)


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


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    """Insight bookmarks: the kind ``insight`` and a ``snapshot`` column (JSON, '' for
    other kinds). SQLite cannot change a CHECK constraint, so the table is made again
    and the rows copied (foreign keys are off meanwhile: see NoteStore._migrate)."""
    _run_script(
        conn,
        """
        CREATE TABLE bookmarks_2 (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL
                CHECK (kind IN ('article', 'section', 'figure', 'project', 'passage', 'insight')),
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
            snapshot TEXT NOT NULL DEFAULT '',
            CHECK ((start IS NULL) = ("end" IS NULL)),
            CHECK (start IS NULL OR (0 <= start AND start <= "end")),
            CHECK ((kind = 'insight') = (snapshot != ''))
        );
        INSERT INTO bookmarks_2 (id, uid, kind, article_id, section_id, label, start, "end",
            quote, context_before, context_after, original_quote, anchor_state, text_hash,
            note, created, modified)
        SELECT id, uid, kind, article_id, section_id, label, start, "end", quote,
            context_before, context_after, original_quote, anchor_state, text_hash, note,
            created, modified FROM bookmarks;
        DROP TABLE bookmarks;
        ALTER TABLE bookmarks_2 RENAME TO bookmarks;
        CREATE INDEX bookmarks_article ON bookmarks (article_id, start)
        """,
    )
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise sqlite3.IntegrityError(f"{len(broken)} tag links lost their bookmark")


# MIGRATIONS[n] brings a store at schema version n to version n + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_to_1, _migrate_to_2]
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = (
    'id, uid, kind, article_id, section_id, label, start, "end", quote, context_before, '
    "context_after, original_quote, anchor_state, text_hash, note, created, modified, snapshot"
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


def new_bookmark(bookmark: Bookmark) -> Bookmark:
    """A copy of ``bookmark`` ready to be stored as new, on either back end: a uid,
    its times, the quote as first made, clean tags; NotesError when a field is wrong."""
    saved = bookmark.copy()
    saved.id = 0
    saved.uid = saved.uid or uuid.uuid4().hex
    saved.created = saved.created or now_iso()
    saved.modified = saved.modified or saved.created
    saved.original_quote = saved.original_quote or saved.quote
    saved.tags = clean_tags(saved.tags)
    _validate(saved)
    return saved


def reconcile_anchors(
    bookmarks: Iterable[Bookmark], articles: Iterable[Article], missing_detach: bool = True
) -> tuple[ReconcileReport, list[Bookmark]]:
    """What :meth:`NoteStore.reconcile` decides, on either back end: the report, and the
    bookmarks whose anchor, section or state changed (to be stored)."""
    report = ReconcileReport()
    by_id = {a.id: a for a in articles}
    digests: dict[str, str] = {}
    folded: dict[str, str] = {}
    changed: list[Bookmark] = []
    for bookmark in bookmarks:
        if bookmark.kind == TargetKind.INSIGHT:
            continue  # it keeps its own table; no one article's text is its place
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
    return report, changed


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
        if path is None:
            try:
                path = paths.data_dir() / DB_NAME
            except OSError as exc:
                raise _folder_error(Path(exc.filename or "."), exc) from None
        self.path = Path(path)
        #: Warnings for the user (each a :class:`StoreNotice`, or plain text added later).
        self.messages: list[str] = []
        self.damaged_copy: Path | None = None
        #: True when the file could be read but not written; see :attr:`read_only_reason`.
        self.read_only = False
        #: ``file``, ``folder``, ``read-only-disk`` or ``disk-full`` when read-only.
        self.read_only_reason = ""
        self._read_only_text = ""
        self._conn = self._open()
        for copy in set_aside_copies(self.path):
            if copy != self.damaged_copy:
                self.messages.append(self._set_aside_notice(copy))

    @property
    def notices(self) -> list[StoreNotice]:
        """The warnings that carry a code (see :class:`StoreNotice`)."""
        return [m for m in self.messages if isinstance(m, StoreNotice)]

    # -- opening -----------------------------------------------------------------------

    def _params(self, **extra: str) -> dict[str, str]:
        return {"path": str(self.path), "folder": str(self.path.parent), **extra}

    def _set_aside_notice(self, copy: Path) -> StoreNotice:
        return StoreNotice(
            "set-aside",
            f"a damaged notes database was set aside earlier and is kept as {copy}; your "
            f"notes now are those in {self.path}. {restore_help(self.path, copy)}",
            self._params(copy=str(copy)),
        )

    def _connect(self, uri: str | None = None) -> sqlite3.Connection:
        """Open and check the file; nothing is written to it before its version is known."""
        if uri is None:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        else:
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            _check(conn)
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise NotesError(
                    f"the notes database {self.path} was written by a newer version of the app "
                    f"(schema {version}, this version knows {SCHEMA_VERSION}); it was left "
                    "unchanged",
                    "newer-schema",
                    self.path,
                )
            conn.execute("PRAGMA foreign_keys = ON")
            if uri is None:
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
                conn.execute("PRAGMA synchronous = FULL")
        except BaseException:
            conn.close()
            raise
        return conn

    def _open(self) -> sqlite3.Connection:
        folder = self.path.parent
        try:
            paths.private_dir(folder)
        except OSError as exc:
            raise _folder_error(folder, exc) from None
        if self.path.exists() and not self.path.is_file():
            raise NotesError(
                f"the notes database {self.path} is not a regular file; move it away and "
                "try again (nothing was changed)",
                "not-a-file",
                self.path,
            )
        exists = self.path.exists()
        if exists:
            # A file that cannot be read is out of reach, not damaged: never move it.
            try:
                with open(self.path, "rb") as handle:
                    handle.read(1)
            except OSError as exc:
                raise NotesError(
                    f"cannot read the notes database {self.path} ({exc.strerror}); check its "
                    "permissions (nothing was changed)",
                    "cannot-read",
                    self.path,
                    str(exc.strerror),
                ) from None
            problem = self._write_problem()
            if problem is not None:
                return self._open_read_only(*problem)
        else:
            problem = self._write_problem()
            if problem is not None:
                reason, detail = problem
                raise NotesError(
                    f"cannot create the notes database in {folder}: "
                    f"{_reason_text(reason, self.path, detail)} (nothing was changed)",
                    "disk-full" if reason == "disk-full" else "cannot-write",
                    folder,
                    detail,
                )
            self._create_private_file()
        try:
            conn = self._connect()
        except _Damaged as exc:
            self._move_aside(str(exc))
            self._create_private_file()
            try:
                conn = self._connect()
            except sqlite3.Error as exc2:
                raise self._problem(
                    exc2, f"cannot start a new notes database at {self.path}"
                ) from None
        except NotesError:
            raise
        except sqlite3.Error as exc:
            problem_error = self._problem(exc, f"cannot open the notes database {self.path}")
            if exists and problem_error.code in ("disk-full", "cannot-write"):
                reason = "disk-full" if problem_error.code == "disk-full" else "folder"
                return self._open_read_only(reason, problem_error.detail)
            raise problem_error from None
        self._migrate(conn)
        return conn

    def _create_private_file(self) -> None:
        """Create the empty database file as 0600 (SQLite gives its -wal and -shm the
        same mode); another process creating it first is fine."""
        try:
            paths.private_file(self.path)
        except OSError as exc:
            raise _folder_error(self.path.parent, exc) from None

    def _write_problem(self) -> tuple[str, str] | None:
        """Why the store could not be written here, as (reason, detail), or None."""
        folder = self.path.parent
        try:
            vfs = os.statvfs(folder)
        except OSError:
            vfs = None
        if vfs is not None and vfs.f_flag & os.ST_RDONLY:
            return "read-only-disk", os.strerror(errno.EROFS)
        if self.path.exists():
            try:
                os.close(os.open(self.path, os.O_RDWR))  # opening changes nothing
            except OSError as exc:
                if exc.errno == errno.EROFS:
                    return "read-only-disk", str(exc.strerror)
                return "file", str(exc.strerror)
        if not os.access(folder, os.W_OK | os.X_OK):
            return "folder", os.strerror(errno.EACCES)
        if vfs is not None and vfs.f_bavail * vfs.f_frsize < _MIN_FREE_BYTES:
            shm = self.path.with_name(self.path.name + "-shm")
            if not shm.exists():  # SQLite would have to create it and could not
                return "disk-full", os.strerror(errno.ENOSPC)
        return None

    def _open_read_only(self, reason: str, detail: str) -> sqlite3.Connection:
        """Open for reading only; a log with unsaved changes is read, else the file alone
        (``immutable``, so that SQLite creates no -wal or -shm next to it)."""
        wal = self.path.with_name(self.path.name + "-wal")
        try:
            pending = wal.exists() and wal.stat().st_size > 0
        except OSError:
            pending = True
        uri = f"file:{url_quote(str(self.path))}?mode=ro" + ("" if pending else "&immutable=1")
        why = _reason_text(reason, self.path, detail)
        try:
            conn = self._connect(uri)
        except _Damaged as exc:
            raise NotesError(
                f"the notes database {self.path} is damaged ({_one_line(str(exc))}) and "
                f"cannot be set aside because {why}; nothing was changed",
                "damaged",
                self.path,
                _one_line(str(exc)),
            ) from None
        except sqlite3.Error as exc:
            raise self._problem(
                exc, f"cannot read the notes database {self.path} ({why})"
            ) from None
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version < SCHEMA_VERSION:
            conn.close()
            code = "disk-full" if reason == "disk-full" else "cannot-write"
            raise NotesError(
                f"the notes database {self.path} needs setting up or upgrading, and cannot "
                f"be written because {why}; nothing was changed",
                code,
                self.path,
                detail,
            )
        self.read_only = True
        self.read_only_reason = reason
        self._read_only_text = why
        self.messages.append(
            StoreNotice(
                "read-only",
                f"the notes are open read-only because {why}; they can be listed and "
                "exported, but not changed",
                self._params(reason=reason, detail=detail),
            )
        )
        return conn

    def _problem(self, exc: sqlite3.Error, doing: str) -> NotesError:
        """A NotesError saying in the user's terms why SQLite failed."""
        name = getattr(exc, "sqlite_errorname", "") or ""
        detail = _one_line(str(exc))
        folder = self.path.parent
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in detail:
            return NotesError(
                f"{doing}: it is busy (another program is writing to it); try again in a "
                "moment (nothing was changed)",
                "busy",
                self.path,
                detail,
            )
        if name == "SQLITE_FULL" or (name.startswith("SQLITE_IOERR") and _disk_nearly_full(folder)):
            return NotesError(
                f"{doing}: the disk holding {folder} is full; free some space and try again "
                "(nothing was changed, no note was lost)",
                "disk-full",
                self.path,
                detail,
            )
        if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH", "SQLITE_CANTOPEN")):
            problem = self._write_problem()
            why = _reason_text(problem[0], self.path, problem[1]) if problem else detail
            return NotesError(
                f"{doing}: {why} (nothing was changed)",
                "disk-full" if problem and problem[0] == "disk-full" else "cannot-write",
                self.path,
                detail,
            )
        return NotesError(
            f"{doing}: {detail} (nothing was changed)", "cannot-open", self.path, detail
        )

    def _move_aside(self, reason: str) -> None:
        reason = _one_line(reason)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}{SET_ASIDE_MARK}{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}{SET_ASIDE_MARK}{stamp}-{n}")
        try:
            if self.path.exists():
                self.path.rename(target)
            for suffix in ("-wal", "-shm"):
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    side.rename(target.with_name(target.name + suffix))
        except OSError as exc:
            raise NotesError(
                f"the notes database {self.path} is damaged ({reason}) and could not be "
                f"moved aside ({exc.strerror}); nothing was changed",
                "damaged",
                self.path,
                reason,
            ) from None
        self.damaged_copy = target
        self.messages.append(
            StoreNotice(
                "set-aside-now",
                f"the notes database could not be read ({reason}). It was kept as {target} "
                f"for recovery, and a new, empty notes database was started. "
                f"{restore_help(self.path, target)}",
                self._params(copy=str(target), reason=reason),
            )
        )

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version >= SCHEMA_VERSION:
            return
        try:
            # A step that makes a table again must not cascade the drop of the old one to
            # the rows that refer to it; the pragma cannot change inside a transaction.
            conn.execute("PRAGMA foreign_keys = OFF")
            # One exclusive transaction for every step; the version is read again inside
            # it, because another process may have upgraded the file while this one waited.
            conn.execute("BEGIN EXCLUSIVE")
            try:
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                for step in range(version, SCHEMA_VERSION):
                    MIGRATIONS[step](conn)
                if version < SCHEMA_VERSION:
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            except BaseException:
                _rollback(conn)
                raise
            conn.execute("COMMIT")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            conn.close()
            problem = self._problem(exc, "the notes database could not be upgraded")
            raise NotesError(
                f"the notes database {self.path} could not be upgraded to schema "
                f"{SCHEMA_VERSION} ({_one_line(str(exc))}); it was left at schema {version}",
                problem.code if problem.code != "cannot-open" else "upgrade-failed",
                self.path,
                problem.detail,
            ) from None
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

    #: Notes in the user's own file are theirs alone (a team server shares them).
    can_share = False
    member = ""

    def sharing(self, bookmark_id: int) -> tuple[str, bool]:
        """(owner, shared): here always the user, never shared."""
        self.get(bookmark_id)
        return self.member, False

    def share(self, bookmark_id: int, shared: bool = True) -> None:
        """Notes in the user's own file cannot be shared."""
        raise NotesError(
            "a note can be shared only in a team archive (--server); nothing was changed",
            "invalid",
        )

    @property
    def schema_version(self) -> int:
        """The schema version of the open file."""
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    # -- reading -----------------------------------------------------------------------

    def get(self, bookmark_id: int) -> Bookmark:
        """The bookmark with this id (NotesError if there is none)."""
        row = None
        if 0 < bookmark_id <= MAX_INTEGER:  # SQLite cannot even be asked about others
            row = self._conn.execute(
                f"SELECT {_COLUMNS} FROM bookmarks WHERE id = ?", (bookmark_id,)
            ).fetchone()
        if row is None:
            raise NotesError(f"no bookmark with id {bookmark_id}", "not-found")
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
            id_list = [int(i) for i in ids if 0 < int(i) <= MAX_INTEGER]
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
        sql = "SELECT bookmark_id, name FROM bookmark_tags JOIN tags ON tags.id = tag_id"
        params: list[int] = []
        if len(by_id) <= _FEW_IDS:  # a few bookmarks: their own tags, not every tag link
            sql += f" WHERE bookmark_id IN ({','.join('?' * len(by_id))})"
            params = list(by_id)
        rows = self._conn.execute(sql + " ORDER BY bookmark_id, position", params)
        for bookmark_id, name in rows:
            if bookmark_id in by_id:
                by_id[bookmark_id].tags.append(name)
        return bookmarks

    # -- writing -----------------------------------------------------------------------

    def add(self, bookmark: Bookmark, *, shared: bool = False) -> Bookmark:
        """Save a new bookmark; returns it with its id, uid and times filled in.

        Notes in the user's own file are private: ``shared`` is for a team server."""
        if shared:
            raise NotesError(
                "a note can be shared only in a team archive (--server); it was not saved",
                "invalid",
            )
        saved = new_bookmark(bookmark)
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
                raise NotesError(
                    f"no bookmark with id {', '.join(map(str, missing))}; nothing was removed",
                    "not-found",
                )
            self._conn.executemany("DELETE FROM bookmarks WHERE id = ?", [(i,) for i in wanted])
            self._drop_unused_tags()
        return removed

    def import_bookmarks(
        self,
        bookmarks: Iterable[Bookmark],
        *,
        replace: bool = False,
        progress: Progress | None = None,
    ) -> ImportReport:
        """Bring in bookmarks from an export, all in one transaction.

        A bookmark whose uid is new is added with its id (when that id is free), uid,
        times and anchor exactly as exported. One whose uid exists already replaces it
        when ``replace`` is set or when the imported copy was modified later; otherwise
        the stored one is kept. The stored bookmarks are read once and looked up by uid,
        so the time grows with the number of bookmarks, not its square.
        ``progress(done, total)`` is called every few hundred bookmarks and at the end.
        """
        report = ImportReport()
        items = [b.copy() for b in bookmarks]
        for b in items:
            b.tags = clean_tags(b.tags)
            _validate(b)
            if not b.uid or not b.created or not b.modified:
                raise NotesError("an imported bookmark needs its uid and its times", "invalid")
        total = len(items)
        with self._transaction():
            existing = {b.uid: b for b in self._with_tags(self._all_rows())}
            owner_of_id = {b.id: b.uid for b in existing.values()}
            tag_ids = {
                str(name): int(i) for name, i in self._conn.execute("SELECT name, id FROM tags")
            }
            for done, b in enumerate(items, 1):
                current = existing.get(b.uid)
                if current is None:
                    if b.id in owner_of_id or b.id > MAX_INTEGER:
                        b.id = 0  # the id went to another bookmark meanwhile: take a new one
                    b.id = self._insert(b, tag_ids)
                    existing[b.uid] = b
                    owner_of_id[b.id] = b.uid
                    report.added += 1
                else:
                    b.id = current.id
                    if _same(current, b):
                        report.unchanged += 1
                    elif replace or b.modified > current.modified:
                        self._replace(b, tag_ids, drop_unused_tags=False)
                        existing[b.uid] = b
                        report.updated += 1
                    else:
                        report.kept_newer += 1
                if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
                    progress(done, total)
            if report.updated:
                self._drop_unused_tags()
        if progress is not None and total == 0:
            progress(0, 0)
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
        if self.read_only:  # nothing can be recorded; the stored anchors are shown as they are
            return ReconcileReport()
        report, changed = reconcile_anchors(self.bookmarks(), articles, missing_detach)
        if changed:
            with self._transaction():
                for bookmark in changed:
                    self._replace(bookmark, drop_unused_tags=False)
        return report

    # -- SQL ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        if self.read_only:
            raise NotesError(
                f"the notes are open read-only because {self._read_only_text}; nothing was changed",
                "read-only",
                self.path,
            )
        try:
            with _transaction(self._conn):
                yield
        except sqlite3.IntegrityError as exc:
            raise NotesError(f"the bookmark could not be saved: {exc}", "invalid") from None
        except OverflowError:
            raise NotesError(
                f"the bookmark could not be saved: a number is larger than {MAX_INTEGER}",
                "invalid",
            ) from None
        except sqlite3.DatabaseError as exc:
            raise self._problem(
                exc, f"the notes database {self.path} could not be written"
            ) from None

    def _require(self, bookmark_id: int) -> None:
        if (
            not 0 < bookmark_id <= MAX_INTEGER
            or not self._conn.execute(
                "SELECT 1 FROM bookmarks WHERE id = ?", (bookmark_id,)
            ).fetchone()
        ):
            raise NotesError(f"no bookmark with id {bookmark_id}", "not-found")

    def _all_rows(self) -> list[Bookmark]:
        return [_from_row(r) for r in self._conn.execute(f"SELECT {_COLUMNS} FROM bookmarks")]

    def _insert(self, b: Bookmark, tag_ids: dict[str, int] | None = None) -> int:
        values = _values(b)
        cur = self._conn.execute(
            f"INSERT INTO bookmarks ({_COLUMNS}) VALUES ({','.join('?' * len(values))})",
            (None if b.id == 0 else b.id, *values[1:]),
        )
        new_id = int(cur.lastrowid or 0)
        self._write_tags(new_id, b.tags, tag_ids)
        return new_id

    def _put(self, b: Bookmark) -> None:
        taken = (
            0 < b.id <= MAX_INTEGER
            and self._conn.execute("SELECT uid FROM bookmarks WHERE id = ?", (b.id,)).fetchone()
        )
        if taken and taken[0] == b.uid:
            self._replace(b)
            return
        if taken or b.id > MAX_INTEGER:
            b.id = 0  # the id went to another bookmark meanwhile: take a new one
        b.id = self._insert(b)

    def _replace(
        self, b: Bookmark, tag_ids: dict[str, int] | None = None, *, drop_unused_tags: bool = True
    ) -> None:
        values = _values(b)
        assignments = ", ".join(f"{c.strip()} = ?" for c in _COLUMNS.split(",")[1:])
        self._conn.execute(f"UPDATE bookmarks SET {assignments} WHERE id = ?", (*values[1:], b.id))
        self._conn.execute("DELETE FROM bookmark_tags WHERE bookmark_id = ?", (b.id,))
        self._write_tags(b.id, b.tags, tag_ids)
        if drop_unused_tags:
            self._drop_unused_tags()

    def _write_tags(
        self, bookmark_id: int, tags: list[str], tag_ids: dict[str, int] | None = None
    ) -> None:
        """Link the tags (``tag_ids``, when given, caches tag ids across many calls)."""
        rows = []
        for position, name in enumerate(tags):
            tag_id = tag_ids.get(name) if tag_ids is not None else None
            if tag_id is None:
                self._conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (name,))
                tag_id = int(
                    self._conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()[0]
                )
                if tag_ids is not None:
                    tag_ids[name] = tag_id
            rows.append((bookmark_id, tag_id, position))
        self._conn.executemany(
            "INSERT INTO bookmark_tags (bookmark_id, tag_id, position) VALUES (?, ?, ?)", rows
        )

    def _drop_unused_tags(self) -> None:
        self._conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM bookmark_tags)")


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        _rollback(conn)
        raise
    conn.execute("COMMIT")


def _rollback(conn: sqlite3.Connection) -> None:
    # SQLite may have rolled back already (a full disk does that); the first error counts.
    with contextlib.suppress(sqlite3.Error):
        if conn.in_transaction:
            conn.execute("ROLLBACK")


class _Damaged(sqlite3.DatabaseError):
    """SQLite says the file is not a sound database: the one reason to set it aside."""


_DAMAGE_NAMES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
# Below this much free space SQLite cannot create its shared-memory file (32 KiB) and log.
_MIN_FREE_BYTES = 128 * 1024
PROGRESS_EVERY = 250
_FEW_IDS = 200


def _check(conn: sqlite3.Connection) -> None:
    """Raise _Damaged if SQLite calls the file damaged; other errors pass unchanged."""
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as exc:
        name = getattr(exc, "sqlite_errorname", "") or ""
        if name.startswith(_DAMAGE_NAMES):
            raise _Damaged(str(exc)) from exc
        raise
    if not result or result[0] != "ok":
        raise _Damaged(f"integrity check failed: {result[0] if result else '?'}")


def _disk_nearly_full(folder: Path) -> bool:
    try:
        vfs = os.statvfs(folder)
    except OSError:
        return False
    return vfs.f_bavail * vfs.f_frsize < _MIN_FREE_BYTES


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _reason_text(reason: str, path: Path, detail: str) -> str:
    """Why the store cannot be written, in English."""
    if reason == "disk-full":
        return f"the disk holding {path.parent} is full"
    if reason == "read-only-disk":
        return f"the folder {path.parent} is on a read-only disk"
    if reason == "file":
        return f"the file {path} cannot be written ({detail})"
    return f"the folder {path.parent} cannot be written ({detail})"


def _folder_error(folder: Path, exc: OSError) -> NotesError:
    code = "disk-full" if exc.errno == errno.ENOSPC else "cannot-write"
    problem = str(exc.strerror)
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        code = "not-a-file"
        problem = f"{exc.filename or folder} is a file, not a folder"
    return NotesError(
        f"cannot create the notes folder {folder}: {problem} (nothing was changed)",
        code,
        folder,
        str(exc.strerror),
    )


def _validate(b: Bookmark) -> None:
    if b.kind == TargetKind.INSIGHT:
        if b.snapshot is None or b.article_id or b.anchor is not None:
            raise NotesError(
                "an insight bookmark keeps a view (a snapshot), not a place in one article",
                "invalid",
            )
    elif b.snapshot is not None:
        raise NotesError(f"a {b.kind} bookmark cannot keep a snapshot", "invalid")
    elif not b.article_id:
        raise NotesError("a bookmark needs an article", "invalid")
    if b.kind not in (TargetKind.ARTICLE, TargetKind.INSIGHT) and b.anchor is None:
        raise NotesError(f"a {b.kind} bookmark needs a place in the text", "invalid")
    if b.anchor is not None and not 0 <= b.anchor.start <= b.anchor.end <= MAX_INTEGER:
        raise NotesError(f"bad offsets {b.anchor.start}-{b.anchor.end}", "invalid")
    if not 0 <= b.id <= MAX_INTEGER:
        raise NotesError(f"bad id {b.id}", "invalid")
    anchor = b.anchor
    texts = {
        "the note": b.note,
        "the label": b.label,
        "the article id": b.article_id,
        "the section id": b.section_id or "",
        "the quote": anchor.quote if anchor else "",
        "the text before the quote": anchor.before if anchor else "",
        "the text after the quote": anchor.after if anchor else "",
        "a tag": "".join(b.tags),
    }
    for name, value in texts.items():
        if _has_surrogate(value):
            # A command line with bytes that are not UTF-8 arrives as lone surrogates,
            # which SQLite cannot store; the user gets told, not a traceback.
            raise NotesError(
                f"{name} holds bytes that are not UTF-8 text; nothing was saved", "invalid"
            )


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


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
        json.dumps(b.snapshot.to_dict(), ensure_ascii=False) if b.snapshot else "",
    )


def _from_row(row: tuple[object, ...]) -> Bookmark:
    (id_, uid, kind, article_id, section_id, label, start, end, quote, before, after,
     original_quote, state, digest, note, created, modified, snapshot) = row  # fmt: skip
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
        snapshot=_snapshot_of(str(snapshot)) if snapshot else None,
    )


def _snapshot_of(text: str) -> Snapshot | None:
    """A stored snapshot; one that cannot be read any more is kept on disk and shown as
    an insight without its table (None), never a reason to hide the note."""
    try:
        return snapshot_from_dict(json.loads(text))
    except (ValueError, SnapshotError):
        return None
