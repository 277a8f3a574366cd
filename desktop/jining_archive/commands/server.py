"""``server-init``, ``server-member`` and ``server-members``: set up a team's PostgreSQL
server and its members."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, TypeVar

from jining_archive.cli import CommandError, print_json
from jining_archive.storage.server import (
    SCHEMA_VERSION,
    ServerError,
    connect,
    migrate,
    on_server,
    redact,
)
from jining_archive.storage.server.schema import (
    EDITOR_ROLE,
    MEMBER_ROLE,
    add_member,
    list_members,
    remove_member,
)

T = TypeVar("T")


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
    how = p.add_mutually_exclusive_group()
    how.add_argument(
        "--read-only",
        action="store_true",
        help="the member reads the archive and keeps notes, but cannot import, edit or remove",
    )
    how.add_argument(
        "--remove",
        action="store_true",
        help="take the role out of the team (its notes are kept, and return if it rejoins)",
    )
    p.set_defaults(handler=cmd_server_member)

    p = sub.add_parser("server-members", help="list the team's members and what each may do")
    p.add_argument("url", metavar="URL", help="the database")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_server_members)

    p = sub.add_parser(
        "sync",
        help="publish the desktop archive and notes to a team server (--to), or take a copy "
        "of the team archive for offline use (--from); running it twice copies nothing twice",
    )
    way = p.add_mutually_exclusive_group(required=True)
    way.add_argument("--to", metavar="URL", help="publish to this server")
    way.add_argument("--from", dest="source", metavar="URL", help="take a copy from this server")
    p.add_argument(
        "--share-tag",
        metavar="TAG",
        action="append",
        default=[],
        help="with --to: share notes with this tag with the team (repeatable; the others "
        "stay private)",
    )
    p.add_argument("--share-all", action="store_true", help="with --to: share every note")
    p.set_defaults(handler=cmd_sync)


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


def _on_server(url: str, failure: str, step: Callable[[Any], T]) -> T:
    """``step(connection)`` on the server; a refusal is one line: ``failure``, then the
    server's reason."""
    try:
        return on_server(url, step)
    except ServerError as exc:
        text = f"{failure}: {exc.detail}" if exc.code == "refused" else str(exc)
        raise CommandError(text) from None


def cmd_server_member(args: argparse.Namespace) -> int:
    if args.remove:
        _on_server(
            args.url,
            f"{args.role} could not be taken out of the team",
            lambda conn: remove_member(conn, args.role),
        )
    else:
        _on_server(
            args.url,
            f"{args.role} could not be made a member",
            lambda conn: add_member(conn, args.role, editor=not args.read_only),
        )
    if args.remove:
        print(f"{args.role} is no longer a member of the archive on {redact(args.url)}")
        return 0
    what = "a read-only member" if args.read_only else "an editor"
    print(f"{args.role} is now {what} of the archive on {redact(args.url)}")
    return 0


def cmd_server_members(args: argparse.Namespace) -> int:
    members = _on_server(args.url, "the members could not be read", list_members)
    if args.json:
        print_json([{"role": name, "editor": editor} for name, editor in members])
        return 0
    for name, editor in members:
        print(f"{'editor' if editor else 'read-only':<10} {name}")  # names may be Chinese
    if not members:
        print("no members yet: add one with `jining-archive server-member URL ROLE`")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from jining_archive.library import Library
    from jining_archive.notes.model import Bookmark
    from jining_archive.notes.store import NotesError, NoteStore
    from jining_archive.storage.catalogue import Catalogue, CatalogueError
    from jining_archive.storage.server.catalogue import ServerCatalogue
    from jining_archive.storage.server.notes import ServerNotes
    from jining_archive.storage.sync import publish, take_copy

    url = args.to or args.source
    if args.source and (args.share_tag or args.share_all):
        raise CommandError("--share-tag and --share-all go with --to")
    wanted = set(args.share_tag)

    def shared(bookmark: Bookmark) -> bool:
        return args.share_all or bool(wanted & set(bookmark.tags))

    try:
        local = Catalogue()
        server = ServerCatalogue(url)
        # Either archive gets its bundled articles first, as opening it in the app would.
        Library.open(catalogue=local if args.to else server)
        with NoteStore() as notes, ServerNotes(url) as server_notes:
            if args.to:
                report = publish(local, notes, server, server_notes, shared)
            else:
                report = take_copy(server, server_notes, local, notes)
                Library.open(catalogue=local)
    except (CatalogueError, NotesError) as exc:
        raise CommandError(str(exc)) from None
    for problem in report.problems:
        print(f"jining-archive: warning: {problem}")
    where = f"to {redact(url)}" if args.to else f"from {redact(url)}"
    print(
        f"synced {where}: {report.articles_copied} article(s) copied, "
        f"{report.articles_current} already current; {report.notes_added} note(s) added, "
        f"{report.notes_updated} updated"
    )
    return 0
