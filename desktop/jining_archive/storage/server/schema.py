"""The server's tables and access rules, as versioned migrations.

Each member of a team is a PostgreSQL role. Two group roles carry the rights:

- ``jining_member``: reads the archive and the shared notes, and keeps notes of its own;
- ``jining_editor`` (also a member): imports, edits and removes articles.

Row-level security on ``bookmarks`` lets a member read and change its own notes and
the notes shared with the group, and nothing else, whatever SQL it sends; a note is
created by its owner only. The archive's tables are readable by every member and
writable by editors only.

Migrations run in order, in one transaction, under an advisory lock, so that two
clients connecting at once to a new server wait for each other instead of racing; the
version is kept in ``schema_version``. A client that finds a newer version refuses to
write (see :func:`migrate`).
"""

from __future__ import annotations

from typing import Any

from jining_archive.storage.server.connection import ServerError

MEMBER_ROLE = "jining_member"
EDITOR_ROLE = "jining_editor"
#: The channel on which every change to the archive or the shared notes is announced.
CHANNEL = "jining_archive_changes"
_LOCK_KEY = 0x4A494E49  # "JINI": the advisory lock migrations hold

_ARCHIVE_TABLES = (
    "articles",
    "originals",
    "edits",
    "figures",
    "removed_bundled",
    "derived",
    "blocks",
    "indexed_articles",
)

_MIGRATION_1 = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE TABLE articles (
        id text PRIMARY KEY,
        origin text NOT NULL CHECK (origin IN ('bundled', 'imported')),
        source_path text NOT NULL,
        content_hash text NOT NULL,
        stored_name text NOT NULL DEFAULT '',
        format text NOT NULL DEFAULT '',
        encoding text NOT NULL DEFAULT '',
        parser_version text NOT NULL,
        meta text NOT NULL,
        body text NOT NULL,
        outline text,
        furniture text NOT NULL DEFAULT '[]',
        repost_of text,
        signature bytea,
        added text NOT NULL,
        modified text NOT NULL
    )""",
    "CREATE INDEX articles_hash ON articles (content_hash)",
    """CREATE TABLE originals (
        article_id text PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        name text NOT NULL,
        data bytea NOT NULL
    )""",
    """CREATE TABLE edits (
        article_id text PRIMARY KEY,
        fields text NOT NULL,
        modified text NOT NULL
    )""",
    """CREATE TABLE figures (
        article_id text PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        version text NOT NULL,
        data text NOT NULL
    )""",
    "CREATE TABLE removed_bundled (article_id text PRIMARY KEY)",
    """CREATE TABLE derived (
        name text PRIMARY KEY,
        key text NOT NULL,
        data text NOT NULL
    )""",
    # The search tables: one row a block, with the folded text (candidates from its
    # trigrams for queries of three characters or more), the distinct characters and
    # character pairs of the folded text (queries of one or two characters: exact), the
    # folded titles above the block (title: filters) and its jieba words (ranking).
    """CREATE TABLE blocks (
        article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        block_id text NOT NULL,
        position integer NOT NULL,
        kind text NOT NULL,
        year integer,
        start integer NOT NULL,
        text text NOT NULL,
        folded text NOT NULL,
        grams text[] NOT NULL,
        title_folded text NOT NULL,
        words text[] NOT NULL,
        section_id text NOT NULL DEFAULT '',
        section_title text NOT NULL DEFAULT '',
        article_title text NOT NULL DEFAULT '',
        PRIMARY KEY (article_id, block_id)
    )""",
    "CREATE INDEX blocks_folded_trgm ON blocks USING gin (folded gin_trgm_ops)",
    "CREATE INDEX blocks_grams ON blocks USING gin (grams)",
    "CREATE INDEX blocks_title_trgm ON blocks USING gin (title_folded gin_trgm_ops)",
    # What the search tables hold of each article: its fingerprint when indexed.
    """CREATE TABLE indexed_articles (
        article_id text PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        fingerprint text NOT NULL
    )""",
    """CREATE TABLE bookmarks (
        id bigserial PRIMARY KEY,
        uid text NOT NULL UNIQUE,
        owner name NOT NULL DEFAULT current_user,
        shared boolean NOT NULL DEFAULT false,
        article_id text NOT NULL,
        created text NOT NULL,
        data jsonb NOT NULL
    )""",
    "CREATE INDEX bookmarks_article ON bookmarks (article_id)",
    "CREATE INDEX bookmarks_tags ON bookmarks USING gin ((data -> 'tags'))",
    "ALTER TABLE bookmarks ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE bookmarks FORCE ROW LEVEL SECURITY",
    """CREATE POLICY bookmarks_read ON bookmarks FOR SELECT
        USING (owner = current_user OR shared)""",
    """CREATE POLICY bookmarks_create ON bookmarks FOR INSERT
        WITH CHECK (owner = current_user)""",
    # A shared note may be changed by any member; only its owner makes a note private
    # (the new row must still be visible to the one who changes it).
    """CREATE POLICY bookmarks_change ON bookmarks FOR UPDATE
        USING (owner = current_user OR shared)
        WITH CHECK (owner = current_user OR shared)""",
    """CREATE POLICY bookmarks_remove ON bookmarks FOR DELETE
        USING (owner = current_user OR shared)""",
    # The change counter: a cheap poll for clients that do not LISTEN.
    "CREATE TABLE changes (id bigserial PRIMARY KEY, what text NOT NULL)",
    f"""CREATE FUNCTION note_change() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path = public AS $$
        BEGIN
            -- A private note is nobody else's business: it is not announced.
            IF TG_TABLE_NAME = 'bookmarks' THEN
                IF NOT coalesce(NEW.shared, false) AND NOT coalesce(OLD.shared, false) THEN
                    RETURN NULL;
                END IF;
            END IF;
            INSERT INTO changes (what) VALUES (TG_TABLE_NAME);
            PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
            RETURN NULL;
        END $$""",
    """CREATE TRIGGER articles_changed AFTER INSERT OR UPDATE OR DELETE ON articles
        FOR EACH STATEMENT EXECUTE FUNCTION note_change()""",
    """CREATE TRIGGER bookmarks_changed AFTER INSERT OR UPDATE OR DELETE ON bookmarks
        FOR EACH ROW EXECUTE FUNCTION note_change()""",
]


def _grants_1() -> list[str]:
    tables = ", ".join(_ARCHIVE_TABLES)
    return [
        f"GRANT SELECT ON {tables}, changes, schema_version TO {MEMBER_ROLE}",
        f"GRANT INSERT, UPDATE, DELETE ON {tables} TO {EDITOR_ROLE}",
        # Not the owner nor the uid: nobody takes over a shared note to make it private.
        f"GRANT SELECT, INSERT, DELETE ON bookmarks TO {MEMBER_ROLE}",
        f"GRANT UPDATE (shared, article_id, data) ON bookmarks TO {MEMBER_ROLE}",
        f"GRANT USAGE ON SEQUENCE bookmarks_id_seq TO {MEMBER_ROLE}",
        f"GRANT {MEMBER_ROLE} TO {EDITOR_ROLE}",
    ]


MIGRATIONS: list[list[str]] = [_MIGRATION_1 + _grants_1()]
SCHEMA_VERSION = len(MIGRATIONS)


def ensure_roles(conn: Any) -> None:
    """Create the two group roles when missing (needs CREATEROLE)."""
    for role in (MEMBER_ROLE, EDITOR_ROLE):
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        if not exists:
            conn.execute(f"CREATE ROLE {role} NOLOGIN")


def stored_version(conn: Any) -> int:
    """The schema version of the database (0 for a database never initialised)."""
    row = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    if not row[0]:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def check_version(conn: Any, where: str) -> int:
    """The stored version; ServerError when it is newer than this app knows, or when
    this account is not a member of the team."""
    import psycopg

    try:
        version = stored_version(conn)
    except psycopg.errors.InsufficientPrivilege:
        raise ServerError(
            f"this account is not a member of the team archive on {where}; ask the "
            "administrator to run `jining-archive server-member URL ROLE`",
            "not-a-member",
        ) from None
    if version > SCHEMA_VERSION:
        raise ServerError(
            f"the server {where} was set up by a newer version of the app (schema "
            f"{version}, this version knows {SCHEMA_VERSION}); nothing was changed — "
            "update the app",
            "newer-schema",
        )
    return version


def migrate(conn: Any, where: str = "") -> int:
    """Bring the schema up to date, in one transaction; returns the version before.

    Needs the rights to create tables and roles (the server's administrator, through
    ``jining-archive server-init``); a member's client only checks the version.
    """
    import psycopg

    try:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            version = check_version(conn, where)
            if version == SCHEMA_VERSION:
                return version
            ensure_roles(conn)
            if version == 0:
                conn.execute("CREATE TABLE schema_version (version integer NOT NULL)")
            for step in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[step]:
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (step + 1,))
            return version
    except psycopg.errors.InsufficientPrivilege as exc:
        raise ServerError(
            f"the server {where} needs setting up or upgrading, which this account may not "
            f"do ({exc.diag.message_primary}); ask the administrator to run "
            "`jining-archive server-init`",
            "not-initialised",
        ) from None


def add_member(conn: Any, name: str, *, editor: bool) -> None:
    """Make the existing role ``name`` a member (an editor with ``editor``)."""
    from psycopg import sql

    role = sql.Identifier(name)
    with conn.transaction():
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(MEMBER_ROLE), role))
        if editor:
            conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(EDITOR_ROLE), role))
        else:
            conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(EDITOR_ROLE), role))


def remove_member(conn: Any, name: str) -> None:
    """Take the role ``name`` out of the team (its notes stay, and come back with it)."""
    from psycopg import sql

    role = sql.Identifier(name)
    with conn.transaction():
        for group in (EDITOR_ROLE, MEMBER_ROLE):
            conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), role))


def list_members(conn: Any) -> list[tuple[str, bool]]:
    """(role, is an editor) for every member of the team, by name."""
    rows = conn.execute(
        """SELECT r.rolname,
                  EXISTS (SELECT 1 FROM pg_auth_members e JOIN pg_roles eg ON eg.oid = e.roleid
                          WHERE e.member = r.oid AND eg.rolname = %(editor)s)
           FROM pg_auth_members m
           JOIN pg_roles g ON g.oid = m.roleid
           JOIN pg_roles r ON r.oid = m.member
           WHERE g.rolname = %(member)s AND r.rolname <> %(editor)s
           ORDER BY r.rolname""",
        {"member": MEMBER_ROLE, "editor": EDITOR_ROLE},
    ).fetchall()
    return [(name, bool(editor)) for name, editor in rows]
