"""``server-init`` and ``server-member``: set up a team's PostgreSQL server."""

from __future__ import annotations

import argparse

from jining_archive.cli import CommandError
from jining_archive.storage.server import SCHEMA_VERSION, ServerError, connect, migrate, redact
from jining_archive.storage.server.schema import EDITOR_ROLE, MEMBER_ROLE, add_member


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    """Add the subcommands."""
    p = sub.add_parser(
        "server-init",
        help="set up (or upgrade) the archive's tables and access rules on a PostgreSQL "
        "server; run once by the server's administrator",
    )
    p.add_argument("url", metavar="URL", help="the database, e.g. postgresql://admin@host/archive")
    p.set_defaults(handler=cmd_server_init)

    p = sub.add_parser(
        "server-member",
        help="let an existing PostgreSQL role use the team archive (as an editor, or "
        "read-only with --read-only)",
    )
    p.add_argument("url", metavar="URL", help="the database, as the administrator")
    p.add_argument(
        "role", metavar="ROLE", help="the member's PostgreSQL role (CREATE ROLE … LOGIN)"
    )
    p.add_argument(
        "--read-only",
        action="store_true",
        help="the member reads the archive and keeps notes, but cannot import, edit or remove",
    )
    p.set_defaults(handler=cmd_server_member)


def cmd_server_init(args: argparse.Namespace) -> int:
    try:
        with connect(args.url, autocommit=True) as conn:
            before = migrate(conn, redact(args.url))
    except ServerError as exc:
        raise CommandError(str(exc)) from None
    where = redact(args.url)
    if before == SCHEMA_VERSION:
        print(f"the server {where} is up to date (schema {SCHEMA_VERSION})")
    else:
        print(
            f"the server {where} is set up (schema {before} → {SCHEMA_VERSION}); give members "
            f"access with `jining-archive server-member {where} ROLE` ({MEMBER_ROLE}, "
            f"{EDITOR_ROLE})"
        )
    return 0


def cmd_server_member(args: argparse.Namespace) -> int:
    import psycopg

    try:
        with connect(args.url, autocommit=True) as conn:
            add_member(conn, args.role, editor=not args.read_only)
    except ServerError as exc:
        raise CommandError(str(exc)) from None
    except psycopg.Error as exc:
        raise CommandError(
            f"{args.role} could not be made a member: {exc.diag.message_primary or exc}"
        ) from None
    what = "a read-only member" if args.read_only else "an editor"
    print(f"{args.role} is now {what} of the archive on {redact(args.url)}")
    return 0
