"""``import``, ``remove`` and ``edit``: adding to the archive and changing it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from jining_archive.cli import CommandError, print_json
from jining_archive.commands.articles import get_article, open_library
from jining_archive.library import Library, LibraryError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the subcommands."""
    p = sub.add_parser(
        "import",
        help="import files and folders (txt, md, html, docx, pdf) into the archive",
        description="Import files and folders (recursively) into the archive. Each file "
        "becomes an article; the same content imported again is reported as unchanged, "
        "a near-copy of an article already there as a repost.",
    )
    p.add_argument("paths", metavar="PATH", nargs="+", type=Path)
    p.add_argument(
        "--drop-reposts",
        action="store_true",
        help="do not keep files that repeat an article already in the archive",
    )
    p.add_argument("--json", action="store_true", help="print one result per file as JSON")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser(
        "remove",
        help="remove articles from the archive (their bookmarks are kept, detached)",
    )
    p.add_argument("article_ids", metavar="ARTICLE_ID", nargs="+")
    p.add_argument("--json", action="store_true", help="print what was removed as JSON")
    p.set_defaults(handler=cmd_remove)

    p = sub.add_parser(
        "edit",
        help="change an article's title, date, source … (kept when it is imported again)",
    )
    p.add_argument("article_id", metavar="ARTICLE_ID")
    p.add_argument("--title")
    p.add_argument("--subtitle")
    p.add_argument("--date", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument(
        "--estimated", action="store_true", help="mark the date given with --date as estimated"
    )
    p.add_argument("--source")
    p.add_argument("--reporter", action="append", dest="reporters", help="repeatable")
    p.add_argument(
        "--reset",
        action="append",
        default=[],
        metavar="FIELD",
        choices=["title", "subtitle", "date", "source", "reporters"],
        help="go back to what the file says for FIELD (repeatable)",
    )
    p.add_argument("--json", action="store_true", help="print the article's metadata as JSON")
    p.set_defaults(handler=cmd_edit)


def _writable_library() -> Library:
    library = open_library()
    if library.read_only:
        raise CommandError(
            "the archive cannot be changed: its catalogue cannot be written (see the warning above)"
        )
    return library


def cmd_import(args: argparse.Namespace) -> int:
    """Import the given paths and print one line (or JSON object) per file."""
    library = _writable_library()
    interactive = sys.stderr.isatty() and not args.json

    def progress(done: int, total: int, path: str) -> None:
        if interactive and path:
            print(f"\r[{done + 1}/{total}] {Path(path).name[:60]:<60}", end="", file=sys.stderr)

    try:
        results = library.import_paths(
            args.paths, progress=progress, keep_reposts=not args.drop_reposts
        )
    except LibraryError as exc:
        raise CommandError(str(exc)) from None
    if interactive:
        print("\r" + " " * 72 + "\r", end="", file=sys.stderr)
    if any(r.status in ("added", "repost") and r.article_id for r in results):
        _update_index(library)
    if args.json:
        print_json([r.to_json() for r in results])
    else:
        for r in results:
            head = f"{r.status:<9} {r.path}"
            if r.article_id:
                date = ("~" if r.date_estimated else "") + r.date
                head += f"  →  {r.article_id}  {date}  {r.title}"
            print(head)
            details = [d for d in (r.format, r.encoding) if d]
            if r.replaced:
                details.append(
                    f"{r.replaced} character(s) could not be decoded and were replaced by U+FFFD"
                )
            if r.reason or details:
                print(f"          {'; '.join([*details, r.reason] if r.reason else details)}")
        counts: dict[str, int] = {}
        for r in results:
            counts[r.status] = counts.get(r.status, 0) + 1
        print(", ".join(f"{n} {status}" for status, n in counts.items()) or "nothing to import")
    # A script must notice a file that was not imported, even when the others were.
    return 1 if any(r.status == "error" for r in results) else 0


def _update_index(library: Library) -> None:
    """Bring an existing search index up to date (a missing one is built by the next search)."""
    from jining_archive.search import SearchIndexError

    index = library.search_index()
    if not index.manifest_path.exists():
        return
    try:
        for message in library.prepare_search():
            print(f"jining-archive: {message}", file=sys.stderr)
    except SearchIndexError as exc:
        print(f"jining-archive: warning: {exc}", file=sys.stderr)


def cmd_remove(args: argparse.Namespace) -> int:
    """Remove articles; bookmarks stay, detached, with their quotes."""
    from jining_archive.commands.notes import open_store

    library = _writable_library()
    for article_id in args.article_ids:
        get_article(library, article_id)
    try:
        removed = library.remove(args.article_ids)
    except LibraryError as exc:
        raise CommandError(str(exc)) from None
    _update_index(library)
    with open_store(library) as store:
        report = store.reconcile(library.articles)
    if args.json:
        print_json(
            [
                {"article_id": row.id, "title": row.meta.get("title", ""), "path": row.source_path}
                for row in removed
            ]
        )
    else:
        for row in removed:
            print(f"removed {row.id}  {row.meta.get('title', '')}")
        if report.orphaned:
            print(f"{report.orphaned} bookmark(s) kept, detached, with their quotes")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    """Change an article's metadata."""
    library = _writable_library()
    get_article(library, args.article_id)
    changes: dict[str, Any] = {}
    for name in ("title", "subtitle", "date", "source", "reporters"):
        value = getattr(args, name)
        if value is not None:
            changes[name] = value
    if args.date is not None:
        changes["date_estimated"] = bool(args.estimated)
    for name in args.reset:
        changes[name] = None
        if name == "date":
            changes["date_estimated"] = None
    if not changes:
        raise CommandError("nothing to change: give --title, --date, --source … or --reset FIELD")
    try:
        article = library.edit(args.article_id, changes)
    except LibraryError as exc:
        raise CommandError(str(exc)) from None
    _update_index(library)
    if args.json:
        from jining_archive.commands.articles import article_meta

        print_json(article_meta(article, library))
    else:
        estimated = "~" if article.date_estimated else ""
        print(f"{article.id}  {estimated}{article.date}  {article.source}  {article.title}")
    return 0
