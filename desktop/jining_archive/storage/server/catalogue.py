"""The catalogue on the server: the same interface as the embedded
:class:`jining_archive.storage.catalogue.Catalogue`, over PostgreSQL.

Every write is one transaction, so a client killed in the middle of an import leaves
the whole article or none of it. A member who is not an editor opens the catalogue
read-only: the server itself refuses the writes (see :mod:`.schema`), and the client
says so before trying.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from jining_archive.storage.catalogue import (
    COLUMNS,
    CatalogueEntry,
    CatalogueError,
    CatalogueRow,
    now_iso,
    row_from_columns,
    row_values,
)
from jining_archive.storage.server.connection import ServerError, connect, redact
from jining_archive.storage.server.schema import SCHEMA_VERSION, check_version, migrate

_ENTRY_COLUMNS = (
    "id, origin, source_path, content_hash, parser_version, meta, repost_of, signature, outline"
)


class ServerCatalogue:
    """The catalogue in the team's database; safe to share between threads."""

    def __init__(self, url: str) -> None:
        self.url = url
        #: What messages name: the server without its password.
        self.path = redact(url)
        self.messages: list[str] = []
        self._lock = threading.RLock()
        self._watch_lock = threading.Lock()
        self._watch: Any = None
        try:
            self._conn = connect(url, autocommit=True)
            version = check_version(self._conn, self.path)
        except ServerError as exc:
            raise CatalogueError(
                "newer" if exc.code == "newer-schema" else "failed", str(exc)
            ) from None
        if version < SCHEMA_VERSION:
            # An older schema is brought up to date on connect when this account may
            # (the administrator's); a member is told to ask for server-init.
            try:
                migrate(self._conn, self.path)
            except ServerError as exc:
                self._conn.close()
                raise CatalogueError(
                    "failed",
                    f"the server {self.path} is not set up for this version of the archive "
                    f"(schema {version}, this version needs {SCHEMA_VERSION}): {exc}",
                ) from None
        row = self._conn.execute("SELECT has_table_privilege('articles', 'INSERT')").fetchone()
        #: True for a member who may read the archive but not change it.
        self.read_only = not row[0]
        if self.read_only:
            self.messages.append(
                f"you may read the archive on {self.path} but not change it (ask the "
                "administrator to make you an editor); imports, removals and edits are "
                "not possible"
            )

    def close(self) -> None:
        with self._lock, contextlib.suppress(Exception):
            self._conn.close()
        with self._watch_lock, contextlib.suppress(Exception):
            if self._watch is not None:
                self._watch.close()

    # -- reading -----------------------------------------------------------------------

    def _fetch(self, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        import psycopg

        with self._lock:
            for attempt in (1, 2):
                try:
                    return list(self._conn.execute(query, params).fetchall())
                except psycopg.OperationalError as exc:
                    if attempt == 2 or not self._reconnect():
                        raise CatalogueError(
                            "failed", f"the server {self.path} cannot be reached: {exc}"
                        ) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _reconnect(self) -> bool:
        """After a dropped connection: a new one, once (reads are safe to repeat)."""
        with contextlib.suppress(Exception):
            self._conn.close()
        try:
            self._conn = connect(self.url, autocommit=True)
        except ServerError:
            return False
        return True

    def rows(self) -> list[CatalogueRow]:
        return [
            row_from_columns(r) for r in self._fetch(f"SELECT {COLUMNS} FROM articles ORDER BY id")
        ]

    def entries(self) -> list[CatalogueEntry]:
        raws = self._fetch(f"SELECT {_ENTRY_COLUMNS} FROM articles ORDER BY id")
        return [
            CatalogueEntry(
                id=raw[0],
                origin=raw[1],
                source_path=raw[2],
                content_hash=raw[3],
                parser_version=raw[4],
                meta=json.loads(raw[5]),
                repost_of=raw[6],
                signature=bytes(raw[7]) if raw[7] is not None else None,
                outline=json.loads(raw[8]) if raw[8] is not None else None,
            )
            for raw in raws
        ]

    def body(self, article_id: str) -> tuple[str, str, dict[str, Any]] | None:
        raws = self._fetch(
            "SELECT content_hash, parser_version, body FROM articles WHERE id = %s",
            (article_id,),
        )
        return (raws[0][0], raws[0][1], json.loads(raws[0][2])) if raws else None

    def bodies(self, article_ids: Iterable[str]) -> dict[str, tuple[str, str, dict[str, Any]]]:
        wanted = sorted(set(article_ids))
        if not wanted:
            return {}
        raws = self._fetch(
            "SELECT id, content_hash, parser_version, body FROM articles WHERE id = ANY(%s)",
            (wanted,),
        )
        return {raw[0]: (raw[1], raw[2], json.loads(raw[3])) for raw in raws}

    def get(self, article_id: str) -> CatalogueRow | None:
        raws = self._fetch(f"SELECT {COLUMNS} FROM articles WHERE id = %s", (article_id,))
        return row_from_columns(raws[0]) if raws else None

    def id_with_hash(self, content_hash: str) -> str | None:
        raws = self._fetch(
            "SELECT id FROM articles WHERE content_hash = %s ORDER BY added, id LIMIT 1",
            (content_hash,),
        )
        return str(raws[0][0]) if raws else None

    def edits(self) -> dict[str, dict[str, Any]]:
        return {a: json.loads(d) for a, d in self._fetch("SELECT article_id, fields FROM edits")}

    def edits_of(self, article_id: str) -> dict[str, Any]:
        raws = self._fetch("SELECT fields FROM edits WHERE article_id = %s", (article_id,))
        return dict(json.loads(raws[0][0])) if raws else {}

    def figures(self, version: str) -> dict[str, list[Any]]:
        raws = self._fetch("SELECT article_id, data FROM figures WHERE version = %s", (version,))
        return {article_id: json.loads(data) for article_id, data in raws}

    def derived(self, name: str, key: str) -> Any:
        raws = self._fetch("SELECT data FROM derived WHERE name = %s AND key = %s", (name, key))
        return json.loads(raws[0][0]) if raws else None

    def removed_bundled(self) -> set[str]:
        return {str(r[0]) for r in self._fetch("SELECT article_id FROM removed_bundled")}

    def change_token(self) -> object | None:
        """The number of the last change to the archive or to a shared note, read on a
        connection of its own (a watcher thread calls it; a slow or lost server must not
        hold up the window's calls)."""
        import psycopg

        with self._watch_lock:
            try:
                if self._watch is None or self._watch.closed:
                    self._watch = connect(self.url, autocommit=True)
                row = self._watch.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()
            except (ServerError, psycopg.Error):
                self._watch = None
                return None
        return int(row[0])

    def original(self, row: CatalogueRow) -> bytes:
        """The bytes an imported article was read from (OSError when they are gone)."""
        raws = self._fetch("SELECT data FROM originals WHERE article_id = %s", (row.id,))
        if not raws:
            raise FileNotFoundError(f"the server {self.path} keeps no original of {row.id}")
        return bytes(raws[0][0])

    # -- writing -----------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[Any]:
        import psycopg

        if self.read_only:
            raise CatalogueError(
                "unwritable",
                f"you may not change the archive on {self.path}; nothing was changed",
            )
        with self._lock:
            try:
                with self._conn.transaction():
                    yield self._conn
            except psycopg.errors.InsufficientPrivilege as exc:
                raise CatalogueError(
                    "unwritable",
                    f"the server {self.path} refused the change ({exc.diag.message_primary}); "
                    "nothing was changed",
                ) from None
            except psycopg.errors.DiskFull:
                raise CatalogueError(
                    "full", f"the server {self.path} is out of disk space; nothing was changed"
                ) from None
            except psycopg.OperationalError as exc:
                self._reconnect()
                raise CatalogueError(
                    "failed",
                    f"the connection to {self.path} was lost ({exc}); the change was not made",
                ) from None
            except psycopg.Error as exc:
                raise CatalogueError(
                    "failed", f"the server {self.path} could not store the change: {exc}"
                ) from None

    def put(self, row: CatalogueRow, original: bytes | None = None) -> None:
        """Store ``row`` (and the bytes it was read from), replacing the article of the
        same id and its cached figures, in one transaction."""
        with self._write() as conn:
            _put_row(conn, row)
            if original is not None:
                conn.execute(
                    "INSERT INTO originals (article_id, name, data) VALUES (%s, %s, %s) "
                    "ON CONFLICT (article_id) DO UPDATE SET name = excluded.name, "
                    "data = excluded.data",
                    (row.id, row.stored_name, original),
                )
            conn.execute("DELETE FROM removed_bundled WHERE article_id = %s", (row.id,))

    def put_many(self, rows: list[CatalogueRow]) -> None:
        with self._write() as conn:
            for row in rows:
                _put_row(conn, row)

    def remove(self, article_id: str) -> CatalogueRow | None:
        row = self.get(article_id)
        if row is None:
            return None
        with self._write() as conn:
            conn.execute("DELETE FROM articles WHERE id = %s", (article_id,))
            conn.execute("UPDATE articles SET repost_of = NULL WHERE repost_of = %s", (article_id,))
            if row.origin == "bundled":
                conn.execute(
                    "INSERT INTO removed_bundled (article_id) VALUES (%s) ON CONFLICT DO NOTHING",
                    (article_id,),
                )
        return row

    def set_edits(self, article_id: str, fields: dict[str, Any]) -> None:
        with self._write() as conn:
            if fields:
                conn.execute(
                    "INSERT INTO edits (article_id, fields, modified) VALUES (%s, %s, %s) "
                    "ON CONFLICT (article_id) DO UPDATE SET fields = excluded.fields, "
                    "modified = excluded.modified",
                    (article_id, json.dumps(fields, ensure_ascii=False), now_iso()),
                )
            else:
                conn.execute("DELETE FROM edits WHERE article_id = %s", (article_id,))

    def put_figures_many(self, version: str, data: dict[str, list[Any]]) -> None:
        with self._write() as conn, conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO figures (article_id, version, data) VALUES (%s, %s, %s) "
                "ON CONFLICT (article_id) DO UPDATE SET version = excluded.version, "
                "data = excluded.data",
                [
                    (article_id, version, json.dumps(rows, ensure_ascii=False))
                    for article_id, rows in data.items()
                ],
            )

    def put_derived(self, name: str, key: str, data: Any) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO derived (name, key, data) VALUES (%s, %s, %s) "
                "ON CONFLICT (name) DO UPDATE SET key = excluded.key, data = excluded.data",
                (name, key, json.dumps(data, ensure_ascii=False)),
            )


def _put_row(conn: Any, row: CatalogueRow) -> None:
    values = row_values(row)
    updates = ", ".join(
        f"{c} = excluded.{c}" for c in (COLUMNS + ", outline").split(", ") if c not in ("id",)
    )
    conn.execute(
        f"INSERT INTO articles ({COLUMNS}, outline) VALUES ({', '.join(['%s'] * 16)}) "
        f"ON CONFLICT (id) DO UPDATE SET {updates}",
        values,
    )
    # The figures cached for the old body go (the search tables see the new fingerprint).
    conn.execute("DELETE FROM figures WHERE article_id = %s", (row.id,))
