"""The catalogue: every article, parsed once, in one SQLite file beside the notes.

A row holds an article's origin (bundled or imported, and the path it came
from), the content hash of its original bytes, the parsed body (text, blocks,
sections) and metadata, an outline (the text's length and the section tree:
what the article list shows, so that opening the archive need not read any
body), the user's edits (kept in their own table, so they
survive a re-import and a removal), the character-shingle signature used to
recognise reposts, and cached extraction results. Each row records the parser
version that made it; the library re-processes rows of another version.

Durability follows the notes store: WAL, ``synchronous=FULL``, one
``BEGIN IMMEDIATE`` transaction per write (a crash leaves the whole write or
none of it), the schema version in ``PRAGMA user_version`` and migrations
applied inside one exclusive transaction, so parallel first starts wait for
each other instead of racing.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from jining_archive import paths

DB_NAME = "catalogue.sqlite3"
BUSY_TIMEOUT_S = 10.0


class CatalogueError(Exception):
    """A catalogue problem the user should read about; ``code`` names it for translation.

    Codes: unwritable (folder or file cannot be written), newer (made by a newer
    version), busy, full (disk full), damaged, failed.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    for statement in (
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            origin TEXT NOT NULL CHECK (origin IN ('bundled', 'imported')),
            source_path TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            stored_name TEXT NOT NULL DEFAULT '',
            format TEXT NOT NULL DEFAULT '',
            encoding TEXT NOT NULL DEFAULT '',
            parser_version TEXT NOT NULL,
            meta TEXT NOT NULL,
            body TEXT NOT NULL,
            furniture TEXT NOT NULL DEFAULT '[]',
            repost_of TEXT,
            signature BLOB,
            added TEXT NOT NULL,
            modified TEXT NOT NULL
        )""",
        "CREATE INDEX articles_hash ON articles (content_hash)",
        "CREATE INDEX articles_source ON articles (source_path)",
        """CREATE TABLE edits (
            article_id TEXT PRIMARY KEY,
            fields TEXT NOT NULL,
            modified TEXT NOT NULL
        )""",
        """CREATE TABLE figures (
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            version TEXT NOT NULL,
            data TEXT NOT NULL
        )""",
        # Bundled articles the user removed: not brought back at the next start.
        "CREATE TABLE removed_bundled (article_id TEXT PRIMARY KEY)",
        """CREATE TABLE derived (
            name TEXT PRIMARY KEY,
            key TEXT NOT NULL,
            data TEXT NOT NULL
        )""",
    ):
        conn.execute(statement)


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    # The outline of every stored body, once: later starts read it instead of the bodies.
    conn.execute("ALTER TABLE articles ADD COLUMN outline TEXT")
    cursor = conn.execute("SELECT id, body FROM articles")
    while raws := cursor.fetchmany(256):
        conn.executemany(
            "UPDATE articles SET outline = ? WHERE id = ?",
            [(_outline_json(json.loads(body)), article_id) for article_id, body in raws],
        )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_to_1, _migrate_to_2]
SCHEMA_VERSION = len(MIGRATIONS)

COLUMNS = (
    "id, origin, source_path, content_hash, stored_name, format, encoding, parser_version, "
    "meta, body, furniture, repost_of, signature, added, modified"
)
#: What opening the archive reads of each row: everything but the body and furniture.
_ENTRY_COLUMNS = "id, origin, source_path, content_hash, parser_version, meta, repost_of, signature"


def outline_of(body: dict[str, Any]) -> list[Any]:
    """[length of the text, sections] of a stored body: what the article list needs."""
    return [len(body["text"]), body["sections"]]


def _outline_json(body: dict[str, Any]) -> str | None:
    try:
        return json.dumps(outline_of(body), ensure_ascii=False)
    except (KeyError, TypeError):
        return None  # a body of another shape: read whole when the article is opened


def now_iso() -> str:
    """The current time as the catalogue stores it (local time, seconds)."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass
class CatalogueRow:
    """One article as stored: where it came from, its parsed body and metadata."""

    id: str
    origin: str
    source_path: str
    content_hash: str
    parser_version: str
    meta: dict[str, Any]
    body: dict[str, Any]
    stored_name: str = ""
    format: str = ""
    encoding: str = ""
    furniture: list[str] = field(default_factory=list)
    repost_of: str | None = None
    signature: bytes | None = None
    added: str = ""
    modified: str = ""


@dataclass
class CatalogueEntry:
    """One stored article without its body: what opening the archive reads.

    ``outline`` is [length of the text, sections] (see :func:`outline_of`), or None
    for a row stored without one (then the body must be read to list the article).
    """

    id: str
    origin: str
    source_path: str
    content_hash: str
    parser_version: str
    meta: dict[str, Any]
    outline: list[Any] | None
    repost_of: str | None = None
    signature: bytes | None = None


def row_from_columns(raw: tuple[Any, ...]) -> CatalogueRow:
    """The row of ``COLUMNS`` values as either back end reads them."""
    return CatalogueRow(
        id=raw[0],
        origin=raw[1],
        source_path=raw[2],
        content_hash=raw[3],
        stored_name=raw[4],
        format=raw[5],
        encoding=raw[6],
        parser_version=raw[7],
        meta=json.loads(raw[8]),
        body=json.loads(raw[9]),
        furniture=json.loads(raw[10]),
        repost_of=raw[11],
        signature=bytes(raw[12]) if raw[12] is not None else None,
        added=raw[13],
        modified=raw[14],
    )


def _is_full(exc: sqlite3.Error) -> bool:
    return "full" in str(exc).lower()


def _is_damage(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


class Catalogue:
    """The catalogue file; safe to share between threads (calls are serialised)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else paths.data_dir() / DB_NAME
        self.messages: list[str] = []
        #: True when the file could only be opened for reading (a read-only folder).
        self.read_only = False
        self._lock = threading.RLock()
        self._conn = self._open()

    # -- opening -----------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        made = False
        if str(self.path) != ":memory:" and not self.path.exists():
            # Made readable by the user only before SQLite opens it (its -wal and -shm
            # files take the same mode); a folder that cannot take it is reported below.
            with contextlib.suppress(OSError):
                paths.private_file(self.path)
                made = True
        try:
            conn = self._connect(self.path)
        except sqlite3.Error as exc:
            if made and self.path.stat().st_size == 0:
                with contextlib.suppress(OSError):
                    self.path.unlink()  # the empty file made above: as if never tried
            if _is_damage(exc):
                self._move_aside(str(exc))
                return self._connect_or_memory()
            if self.path.exists() and not self._writable():
                return self._open_read_only(exc)
            if not self.path.exists():
                return self._in_memory(
                    f"the catalogue {self.path} cannot be created ({exc}); the archive is "
                    "open for this session only and imports will not be kept"
                )
            raise CatalogueError(
                "failed", f"the catalogue {self.path} cannot be opened: {exc}"
            ) from exc
        return conn

    def _writable(self) -> bool:
        return os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)

    def _connect(self, target: Path | str, *, uri: bool = False) -> sqlite3.Connection:
        conn = sqlite3.connect(
            target,
            timeout=BUSY_TIMEOUT_S,
            isolation_level=None,
            check_same_thread=False,
            uri=uri,
        )
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise CatalogueError(
                    "newer",
                    f"the catalogue {target} was written by a newer version of the app "
                    f"(schema {version}, this version knows {SCHEMA_VERSION}); it was left "
                    "unchanged",
                )
            conn.execute("PRAGMA foreign_keys = ON")
            if not uri:
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
                conn.execute("PRAGMA synchronous = FULL")
                self._migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        # BEGIN IMMEDIATE takes the write lock before reading the version, so a
        # second process starting at the same moment waits, then sees it done.
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](conn)
            if version < SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise

    def _connect_or_memory(self) -> sqlite3.Connection:
        try:
            return self._connect(self.path)
        except sqlite3.Error as exc:
            return self._in_memory(f"a new catalogue {self.path} cannot be started ({exc})")

    def _open_read_only(self, exc: sqlite3.Error) -> sqlite3.Connection:
        try:
            conn = self._connect(f"file:{self.path}?mode=ro", uri=True)
            conn.execute("SELECT count(*) FROM articles").fetchone()
        except sqlite3.Error:
            raise CatalogueError(
                "unwritable", f"the catalogue {self.path} cannot be read or written: {exc}"
            ) from exc
        self.read_only = True
        self.messages.append(
            f"the catalogue {self.path} cannot be written (read-only folder or file); the "
            "archive is shown as it is and imports, removals and edits are not possible"
        )
        return conn

    def _in_memory(self, message: str) -> sqlite3.Connection:
        self.messages.append(message)
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        self._migrate(conn)
        return conn

    def _move_aside(self, reason: str) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                with contextlib.suppress(OSError):
                    source.rename(Path(f"{target}{suffix}"))
        self.messages.append(
            f"the catalogue {self.path} was damaged ({' '.join(reason.split())}); it was kept "
            f"as {target.name} and a new one started (bundled articles are added again; "
            "imported originals are still in the originals folder and can be imported again)"
        )

    def close(self) -> None:
        """Close the file (folding the write-ahead log back into it)."""
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._conn.close()

    # -- reading -----------------------------------------------------------------------

    def rows(self) -> list[CatalogueRow]:
        """Every stored article."""
        with self._lock:
            cursor = self._conn.execute(f"SELECT {COLUMNS} FROM articles ORDER BY id")
            return [row_from_columns(raw) for raw in cursor.fetchall()]

    def entries(self) -> list[CatalogueEntry]:
        """Every stored article without its body (see :meth:`body` for that)."""
        with self._lock:
            has_outline = self._has_outline()
            outline = "outline" if has_outline else "NULL"
            cursor = self._conn.execute(
                f"SELECT {_ENTRY_COLUMNS}, {outline} FROM articles ORDER BY id"
            )
            raws = cursor.fetchall()
        return [
            CatalogueEntry(
                id=raw[0],
                origin=raw[1],
                source_path=raw[2],
                content_hash=raw[3],
                parser_version=raw[4],
                meta=json.loads(raw[5]),
                repost_of=raw[6],
                signature=raw[7],
                outline=json.loads(raw[8]) if raw[8] is not None else None,
            )
            for raw in raws
        ]

    def _has_outline(self) -> bool:
        # A catalogue of schema 1 opened read-only is not migrated: it has no outlines.
        columns = self._conn.execute("PRAGMA table_info(articles)").fetchall()
        return any(column[1] == "outline" for column in columns)

    def body(self, article_id: str) -> tuple[str, str, dict[str, Any]] | None:
        """(content hash, parser version, parsed body) of one article, if stored: the
        body is the text, blocks, sections … that hash and version made."""
        with self._lock:
            raw = self._conn.execute(
                "SELECT content_hash, parser_version, body FROM articles WHERE id = ?",
                (article_id,),
            ).fetchone()
        return (raw[0], raw[1], json.loads(raw[2])) if raw else None

    def bodies(self, article_ids: Iterable[str]) -> dict[str, tuple[str, str, dict[str, Any]]]:
        """What :meth:`body` gives, for several articles read in one pass (ids not
        stored are left out)."""
        wanted = set(article_ids)
        if not wanted:
            return {}
        query = "SELECT id, content_hash, parser_version, body FROM articles"
        with self._lock:
            if len(wanted) * 4 < self._count():
                raws = [
                    raw
                    for article_id in sorted(wanted)
                    for raw in self._conn.execute(f"{query} WHERE id = ?", (article_id,))
                ]
            else:  # most of the archive: one scan of the table
                raws = self._conn.execute(query).fetchall()
        return {raw[0]: (raw[1], raw[2], json.loads(raw[3])) for raw in raws if raw[0] in wanted}

    def _count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def get(self, article_id: str) -> CatalogueRow | None:
        """The row of one article, if stored."""
        with self._lock:
            raw = self._conn.execute(
                f"SELECT {COLUMNS} FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
        return row_from_columns(raw) if raw else None

    def id_with_hash(self, content_hash: str) -> str | None:
        """The article whose original bytes have this hash, if any."""
        with self._lock:
            raw = self._conn.execute(
                "SELECT id FROM articles WHERE content_hash = ? ORDER BY added LIMIT 1",
                (content_hash,),
            ).fetchone()
        return str(raw[0]) if raw else None

    def edits(self) -> dict[str, dict[str, Any]]:
        """The user's metadata edits of every article id (also of removed ones)."""
        with self._lock:
            cursor = self._conn.execute("SELECT article_id, fields FROM edits")
            return {article_id: json.loads(data) for article_id, data in cursor.fetchall()}

    def edits_of(self, article_id: str) -> dict[str, Any]:
        """The user's edits of one article ({} when there are none)."""
        with self._lock:
            raw = self._conn.execute(
                "SELECT fields FROM edits WHERE article_id = ?", (article_id,)
            ).fetchone()
        return dict(json.loads(raw[0])) if raw else {}

    def figures(self, version: str) -> dict[str, list[Any]]:
        """Cached figure rows of every article, made by extractor ``version``."""
        with self._lock:
            cursor = self._conn.execute(
                "SELECT article_id, data FROM figures WHERE version = ?", (version,)
            )
            return {article_id: json.loads(data) for article_id, data in cursor.fetchall()}

    def derived(self, name: str, key: str) -> Any:
        """A cached archive-wide result stored under ``name`` for ``key`` (None if stale)."""
        with self._lock:
            raw = self._conn.execute(
                "SELECT data FROM derived WHERE name = ? AND key = ?", (name, key)
            ).fetchone()
        return json.loads(raw[0]) if raw else None

    # -- writing -----------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise CatalogueError(
                "unwritable", f"the catalogue {self.path} is read-only; nothing was changed"
            )
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                if _is_full(exc):
                    raise CatalogueError(
                        "full", f"the disk is full: the catalogue {self.path} was not changed"
                    ) from exc
                if "locked" in str(exc).lower() or "busy" in str(exc).lower():
                    raise CatalogueError(
                        "busy", f"the catalogue {self.path} is busy; try again in a moment"
                    ) from exc
                if "readonly" in str(exc).lower() or "read-only" in str(exc).lower():
                    raise CatalogueError(
                        "unwritable", f"the catalogue {self.path} cannot be written: {exc}"
                    ) from exc
                raise CatalogueError(
                    "failed", f"the catalogue {self.path} could not be written: {exc}"
                ) from exc

    def put(self, row: CatalogueRow, original: bytes | None = None) -> None:
        """Store ``row``, replacing the article of the same id (and its cached figures);
        with ``original``, the bytes it was read from are kept first, as
        ``row.stored_name`` in the originals folder (see :func:`original_name`)."""
        if original is not None:
            _keep_original(row.stored_name, original)
        try:
            with self._write() as conn:
                _put_row(conn, row)
                conn.execute("DELETE FROM removed_bundled WHERE article_id = ?", (row.id,))
        except CatalogueError:
            if original is not None and self.id_with_hash(row.content_hash) is None:
                with contextlib.suppress(OSError):
                    (paths.imports_dir() / row.stored_name).unlink()
            raise

    def change_token(self) -> object | None:
        """None: the user's own catalogue has no other clients to watch for."""
        return None

    def original(self, row: CatalogueRow) -> bytes:
        """The bytes an imported article was read from (OSError when they are gone)."""
        return (paths.imports_dir() / row.stored_name).read_bytes()

    def put_many(self, rows: list[CatalogueRow]) -> None:
        """Store several rows in one write (the bundled articles at first start)."""
        with self._write() as conn:
            for row in rows:
                _put_row(conn, row)

    def remove(self, article_id: str) -> CatalogueRow | None:
        """Delete an article (its edits stay, for a later re-import); returns what was removed.

        A bundled article is remembered as removed, so it is not added again."""
        row = self.get(article_id)
        if row is None:
            return None
        with self._write() as conn:
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            conn.execute("UPDATE articles SET repost_of = NULL WHERE repost_of = ?", (article_id,))
            if row.origin == "bundled":
                conn.execute(
                    "INSERT OR IGNORE INTO removed_bundled (article_id) VALUES (?)", (article_id,)
                )
        return row

    def removed_bundled(self) -> set[str]:
        """The bundled articles the user removed."""
        with self._lock:
            cursor = self._conn.execute("SELECT article_id FROM removed_bundled")
            return {str(raw[0]) for raw in cursor.fetchall()}

    def set_edits(self, article_id: str, fields: dict[str, Any]) -> None:
        """Replace the user's edits of one article (an empty dict removes them)."""
        with self._write() as conn:
            if fields:
                conn.execute(
                    "INSERT OR REPLACE INTO edits (article_id, fields, modified) VALUES (?, ?, ?)",
                    (article_id, json.dumps(fields, ensure_ascii=False), now_iso()),
                )
            else:
                conn.execute("DELETE FROM edits WHERE article_id = ?", (article_id,))

    def put_figures_many(self, version: str, data: dict[str, list[Any]]) -> None:
        """Cache the figures of several articles in one write."""
        with self._write() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO figures (article_id, version, data) VALUES (?, ?, ?)",
                [
                    (article_id, version, json.dumps(rows, ensure_ascii=False))
                    for article_id, rows in data.items()
                ],
            )

    def put_derived(self, name: str, key: str, data: Any) -> None:
        """Cache an archive-wide result (replacing the one stored under ``name``)."""
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO derived (name, key, data) VALUES (?, ?, ?)",
                (name, key, json.dumps(data, ensure_ascii=False)),
            )


def original_name(digest: str, suffix: str) -> str:
    """Where an imported file's bytes are kept: named by their content hash."""
    return f"{digest[:2]}/{digest}{suffix}"


def _keep_original(name: str, data: bytes) -> None:
    """Keep a copy of the imported bytes (written whole, then renamed into place)."""
    target = paths.imports_dir() / name
    if target.is_file() and target.stat().st_size == len(data):
        return
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        code = "full" if exc.errno == 28 else "unwritable"
        raise CatalogueError(
            code, f"the copy of the file could not be kept in {target.parent}: {exc.strerror}"
        ) from exc


def row_values(row: CatalogueRow) -> tuple[Any, ...]:
    """The stored columns of ``row`` (``COLUMNS``, then the outline), its times set:
    what either back end writes."""
    row.modified = now_iso()
    row.added = row.added or row.modified
    return (
        row.id,
        row.origin,
        row.source_path,
        row.content_hash,
        row.stored_name,
        row.format,
        row.encoding,
        row.parser_version,
        json.dumps(row.meta, ensure_ascii=False),
        json.dumps(row.body, ensure_ascii=False),
        json.dumps(row.furniture, ensure_ascii=False),
        row.repost_of,
        row.signature,
        row.added,
        row.modified,
        _outline_json(row.body),
    )


def _put_row(conn: sqlite3.Connection, row: CatalogueRow) -> None:
    values = row_values(row)
    conn.execute("DELETE FROM articles WHERE id = ?", (row.id,))
    conn.execute(f"INSERT INTO articles ({COLUMNS}, outline) VALUES ({','.join('?' * 16)})", values)
