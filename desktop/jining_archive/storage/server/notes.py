"""Bookmarks and notes on the server: each member's private notes and the notes
shared with the group, in one table guarded by row-level security (see
:mod:`.schema`). The interface follows the desktop's
:class:`jining_archive.notes.store.NoteStore`, plus sharing.

What a member cannot see is not filtered here: the server never returns it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jining_archive.documents.model import Article
from jining_archive.notes.jsonform import bookmark_from_dict, bookmark_to_dict
from jining_archive.notes.model import Bookmark, clean_tags, now_iso
from jining_archive.notes.store import (
    NotesError,
    ReconcileReport,
    new_bookmark,
    reconcile_anchors,
)
from jining_archive.storage.server.connection import ServerError, connect, redact
from jining_archive.storage.server.schema import SCHEMA_VERSION, check_version

_COLUMNS = "id, uid, owner, shared, data"


class ServerNotes:
    """The notes the connected member may see: its own and the shared ones."""

    can_share = True

    def __init__(self, url: str) -> None:
        self.url = url
        self.where = redact(url)
        self._lock = threading.RLock()
        try:
            self._conn = connect(url, autocommit=True)
            self._version = check_version(self._conn, self.where)
        except ServerError as exc:
            code = "newer-schema" if exc.code == "newer-schema" else "cannot-open"
            raise NotesError(str(exc), code) from None
        if self._version < SCHEMA_VERSION:
            self._conn.close()
            raise NotesError(
                f"the server {self.where} is not set up for notes; run "
                "`jining-archive server-init`",
                "cannot-open",
            )
        self.member = str(self._conn.execute("SELECT current_user").fetchone()[0])
        #: Warnings for the front end (none: the server keeps no set-aside copies).
        self.messages: list[str] = []
        self.read_only = False
        #: No file: the notes are on the server (``where`` names it).
        self.path: Path | None = None

    def __enter__(self) -> ServerNotes:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def notices(self) -> list[str]:
        return []

    @property
    def schema_version(self) -> int:
        return self._version

    # -- reading -----------------------------------------------------------------------

    def _select(self, where: str = "", params: Iterable[Any] = ()) -> list[Bookmark]:
        import psycopg

        sql = f"SELECT {_COLUMNS} FROM bookmarks"
        if where:
            sql += f" WHERE {where}"
        sql += " ORDER BY article_id, coalesce((data -> 'anchor' ->> 'start')::int, -1), id"
        with self._lock:
            try:
                rows = self._conn.execute(sql, list(params)).fetchall()
            except psycopg.OperationalError as exc:
                self._reconnect()
                raise NotesError(
                    f"the server {self.where} cannot be reached: {exc}", "cannot-read"
                ) from None
        return [self._bookmark(row) for row in rows]

    @staticmethod
    def _bookmark(row: tuple[Any, ...]) -> Bookmark:
        bookmark = bookmark_from_dict(row[4])
        bookmark.id = int(row[0])
        bookmark.uid = row[1]
        return bookmark

    def get(self, bookmark_id: int) -> Bookmark:
        found = self._select("id = %s", [bookmark_id])
        if not found:
            raise NotesError(f"no bookmark with id {bookmark_id}", "not-found")
        return found[0]

    def find_uid(self, uid: str) -> Bookmark | None:
        found = self._select("uid = %s", [uid])
        return found[0] if found else None

    def bookmarks(
        self,
        *,
        tag: str | None = None,
        article_id: str | None = None,
        ids: Iterable[int] | None = None,
    ) -> list[Bookmark]:
        where: list[str] = []
        params: list[Any] = []
        if tag is not None:
            where.append("data -> 'tags' ? %s")
            params.append(tag)
        if article_id is not None:
            where.append("article_id = %s")
            params.append(article_id)
        if ids is not None:
            where.append("id = ANY(%s)")
            params.append([int(i) for i in ids])
        return self._select(" AND ".join(where), params)

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use on the notes this member sees, with its number of bookmarks, in
        code-point order (as the desktop store sorts them), counted by the server."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT tag, count(*) FROM bookmarks, "
                "jsonb_array_elements_text(data -> 'tags') AS tag "
                'GROUP BY tag ORDER BY tag COLLATE "C"'
            ).fetchall()
        return [(str(tag), int(count)) for tag, count in rows]

    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0])

    def sharing(self, bookmark_id: int) -> tuple[str, bool]:
        """(owner, shared) of a bookmark the member can see."""
        with self._lock:
            row = self._conn.execute(
                "SELECT owner, shared FROM bookmarks WHERE id = %s", (bookmark_id,)
            ).fetchone()
        if row is None:
            raise NotesError(f"no bookmark with id {bookmark_id}", "not-found")
        return str(row[0]), bool(row[1])

    # -- writing -----------------------------------------------------------------------

    def reconcile(
        self, articles: Iterable[Article], *, missing_detach: bool = True
    ) -> ReconcileReport:
        """As :meth:`NoteStore.reconcile`, for the notes this member may change."""
        report, changed = reconcile_anchors(self.bookmarks(), articles, missing_detach)
        for bookmark in changed:
            self._store_anchor(bookmark)
        return report

    def _store_anchor(self, bookmark: Bookmark) -> None:
        from psycopg.types.json import Jsonb

        self._execute(
            "UPDATE bookmarks SET data = %s WHERE id = %s",
            [Jsonb(bookmark_to_dict(bookmark)), bookmark.id],
        )

    def _execute(self, sql: str, params: Iterable[Any]) -> list[tuple[Any, ...]]:
        import psycopg

        with self._lock:
            try:
                with self._conn.transaction():
                    cursor = self._conn.execute(sql, list(params))
                    return list(cursor.fetchall()) if cursor.description else []
            except psycopg.errors.InsufficientPrivilege as exc:
                raise NotesError(
                    f"the server refused the change: {exc.diag.message_primary}", "cannot-write"
                ) from None
            except psycopg.errors.UniqueViolation:
                raise NotesError("a bookmark with this uid is already stored", "invalid") from None
            except psycopg.OperationalError as exc:
                self._reconnect()
                raise NotesError(
                    f"the connection to {self.where} was lost ({exc}); the note was not saved "
                    "— try again",
                    "cannot-write",
                ) from None

    def _reconnect(self) -> None:
        """After a dropped connection: a new one for the next call, if the server is back."""
        import contextlib

        with contextlib.suppress(Exception):
            self._conn.close()
        with contextlib.suppress(ServerError):
            self._conn = connect(self.url, autocommit=True)

    def add(self, bookmark: Bookmark, *, shared: bool = False) -> Bookmark:
        """Save a new bookmark, private unless ``shared``; returns it with id and uid."""
        from psycopg.types.json import Jsonb

        saved = new_bookmark(bookmark)
        data = bookmark_to_dict(saved)
        rows = self._execute(
            "INSERT INTO bookmarks (uid, shared, article_id, created, data) "
            "VALUES (%s, %s, %s, %s, %s) RETURNING id",
            [saved.uid, shared, saved.article_id, saved.created, Jsonb(data)],
        )
        saved.id = int(rows[0][0])
        return saved

    def update(self, bookmark: Bookmark) -> Bookmark:
        """Save changes to a bookmark the member may change (its own or a shared one)."""
        from psycopg.types.json import Jsonb

        saved = bookmark.copy()
        saved.tags = clean_tags(saved.tags)
        saved.modified = now_iso()
        rows = self._execute(
            "UPDATE bookmarks SET data = %s, article_id = %s WHERE id = %s RETURNING id",
            [Jsonb(bookmark_to_dict(saved)), saved.article_id, saved.id],
        )
        if not rows:
            raise NotesError(f"no bookmark with id {saved.id}", "not-found")
        return saved

    def share(self, bookmark_id: int, shared: bool = True) -> None:
        """Share a bookmark with the group (or make it private again: its owner only)."""
        rows = self._execute(
            "UPDATE bookmarks SET shared = %s WHERE id = %s AND (owner = current_user OR %s) "
            "RETURNING id",
            [shared, bookmark_id, shared],
        )
        if not rows:
            raise NotesError(
                f"no bookmark with id {bookmark_id} that you may "
                + ("share" if shared else "make private (only its owner may)"),
                "not-found",
            )

    def remove(self, ids: Iterable[int]) -> list[Bookmark]:
        """Delete bookmarks by id (all or none); returns what was deleted."""
        wanted = list(dict.fromkeys(int(i) for i in ids))
        removed = self.bookmarks(ids=wanted)
        missing = sorted(set(wanted) - {b.id for b in removed})
        if missing:
            raise NotesError(
                f"no bookmark with id {', '.join(map(str, missing))}; nothing was removed",
                "not-found",
            )
        self._execute("DELETE FROM bookmarks WHERE id = ANY(%s)", [wanted])
        return removed

    def publish(
        self, bookmarks: Iterable[Bookmark], shared: Callable[[Bookmark], bool]
    ) -> tuple[int, int]:
        """Bring in bookmarks from the member's desktop notes, keeping their uids: a new
        uid is added (shared when ``shared`` says so, else private); a stored one is
        replaced when the incoming copy was modified later. Returns (added, updated);
        a second run with the same notes adds and updates nothing."""
        from psycopg.types.json import Jsonb

        added = updated = 0
        for bookmark in bookmarks:
            stored = self.find_uid(bookmark.uid)
            if stored is None:
                self.add(bookmark, shared=shared(bookmark))
                added += 1
            elif bookmark.modified > stored.modified:
                copy = bookmark.copy()
                copy.id = stored.id
                self._execute(
                    "UPDATE bookmarks SET data = %s, article_id = %s WHERE id = %s",
                    [Jsonb(bookmark_to_dict(copy)), copy.article_id, copy.id],
                )
                updated += 1
        return added, updated
