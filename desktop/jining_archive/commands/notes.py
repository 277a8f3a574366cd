"""``bookmarks``, ``export-notes`` and ``import-notes``: notes from the command line."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable
from pathlib import Path

from jining_archive import paths
from jining_archive.cli import CommandError, print_json
from jining_archive.commands.articles import get_article, open_library
from jining_archive.commands.output import how_written, is_stdout, write_stdout
from jining_archive.documents.model import Article
from jining_archive.library import Library
from jining_archive.notes.destination import shown
from jining_archive.notes.export import ExportError, ExportFormat, export_bookmarks, render
from jining_archive.notes.jsonform import NotesFileError, bookmark_to_dict, read_notes_file
from jining_archive.notes.model import Bookmark, TargetKind
from jining_archive.notes.store import DB_NAME, NotesError, NoteStore, set_aside_copies
from jining_archive.notes.targets import (
    CitationStyle,
    article_bookmark,
    cite,
    find_quote,
    passage_bookmark,
    section_bookmark,
)
from jining_archive.storage import backend

PASSAGE_KINDS = [str(TargetKind.PASSAGE), str(TargetKind.FIGURE), str(TargetKind.PROJECT)]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    """Add the subcommands."""
    p = sub.add_parser("bookmarks", help="list, add or remove bookmarks")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    q = actions.add_parser("list", help="list bookmarks with their notes")
    q.add_argument("--tag", help="only bookmarks with this tag")
    q.add_argument("--article", metavar="ID", help="only bookmarks in this article")
    q.add_argument("--json", action="store_true", help="print JSON")
    q.set_defaults(handler=cmd_list)

    q = actions.add_parser(
        "add",
        help="bookmark an article, a section (--section) or a passage (--quote or --start/--end)",
    )
    q.add_argument("article_id", metavar="ARTICLE_ID")
    where = q.add_mutually_exclusive_group()
    where.add_argument("--section", metavar="SECTION_ID", help="bookmark this section (e.g. s2)")
    where.add_argument("--quote", metavar="TEXT", help="bookmark this text of the article")
    where.add_argument("--start", type=int, help="start offset of the passage (with --end)")
    q.add_argument("--end", type=int, help="end offset of the passage")
    q.add_argument(
        "--occurrence", type=int, default=1, help="which appearance of --quote (default 1)"
    )
    q.add_argument("--kind", choices=PASSAGE_KINDS, default="passage", help="what the passage is")
    q.add_argument("--label", default="", help="a short name (e.g. the project's name)")
    q.add_argument("--note", default="", help="the note (plain text or Markdown)")
    q.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    q.add_argument(
        "--shared",
        action="store_true",
        help="share the note with the team (on a team server; notes are private by default)",
    )
    q.add_argument("--json", action="store_true", help="print the new bookmark as JSON")
    q.set_defaults(handler=cmd_add)

    q = actions.add_parser("remove", help="delete bookmarks by id")
    q.add_argument("ids", metavar="ID", type=int, nargs="+")
    q.add_argument("--json", action="store_true", help="print what was removed as JSON")
    q.set_defaults(handler=cmd_remove)

    p = sub.add_parser("export-notes", help="export bookmarks and notes with citations")
    p.add_argument("--format", required=True, choices=[str(f) for f in ExportFormat])
    p.add_argument(
        "--style",
        choices=[str(s) for s in CitationStyle],
        default=str(CitationStyle.APP),
        help="how the 出处 (source) line is written: app (《题名》，记者，来源，日期，章节, the "
        "default) or gbt7714 (GB/T 7714-2015, a newspaper article [N])",
    )
    p.add_argument("--tag", help="only bookmarks with this tag")
    p.add_argument("--article", metavar="ID", help="only bookmarks in this article")
    p.add_argument(
        "--id", type=int, action="append", dest="ids", help="only this bookmark (repeatable)"
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        type=Path,
        help="the file to write, or - for standard output. A file is replaced only by a "
        "complete export, and never when it is read-only; a symbolic link is followed (the "
        "file it points to is replaced, the link kept); a device or FIFO is written in place",
    )
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import-notes", help="import bookmarks from a JSON notes export")
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument(
        "--replace",
        action="store_true",
        help="imported copies replace stored ones with the same uid (default: newer wins)",
    )
    p.add_argument("--json", action="store_true", help="print the counts as JSON")
    p.set_defaults(handler=cmd_import)


def open_store(library: Library | None = None) -> NoteStore:
    """Open the store, print its warnings (read-only, copies set aside), and re-attach
    anchors to ``library``. A store that cannot be opened is a one-line error."""
    try:
        store = backend.open_notes()
    except NotesError as exc:
        # Copies set aside are mentioned even when the store itself cannot be opened.
        with contextlib.suppress(OSError):
            for copy in set_aside_copies(paths.data_dir() / DB_NAME):
                _warn(f"a damaged notes database was set aside earlier and is kept as {copy}")
        raise CommandError(str(exc)) from None
    for message in store.messages:
        _warn(message)
    if library is not None:
        try:
            report = store.reconcile(library.articles)
        except NotesError as exc:
            store.close()
            raise CommandError(str(exc)) from None
        if report.detached:
            _warn(
                f"{report.detached} bookmark(s) could not be found in the changed article "
                "text; they keep their quotes and are marked detached"
            )
    return store


def _warn(message: str) -> None:
    print(f"jining-archive: warning: {message}", file=sys.stderr)


def article_lookup(library: Library) -> Callable[[str], Article | None]:
    """A function giving the library's article for an id, or None if it has none."""

    def lookup(article_id: str) -> Article | None:
        return library.article(article_id) if article_id in library else None

    return lookup


def _json_list(bookmarks: list[Bookmark], library: Library) -> list[dict[str, object]]:
    lookup = article_lookup(library)
    return [bookmark_to_dict(b, cite(b, lookup)) for b in bookmarks]


def cmd_list(args: argparse.Namespace) -> int:
    library = open_library()
    with open_store(library) as store:
        bookmarks = store.bookmarks(tag=args.tag, article_id=args.article)
    if args.json:
        print_json(_json_list(bookmarks, library))
        return 0
    if not bookmarks:
        print("no bookmarks")
        return 0
    for b in bookmarks:
        if b.snapshot is not None:
            print(f"#{b.id}  {b.kind}  {b.snapshot.view}")
            print(f"    {b.snapshot.summary()}")
            sources = b.snapshot.article_ids()
            shown_ids = ", ".join(sources[:5]) + (" …" if len(sources) > 5 else "")
            print(f"    sources: {shown_ids or '-'}")
            _print_note_and_tags(b)
            continue
        where = f"{b.anchor.start}-{b.anchor.end}" if b.anchor else "-"
        flags = " (detached)" if b.is_detached else ""
        head = f"#{b.id}  {b.article_id}  {b.kind}  {b.section_id or '-'}  {where}{flags}"
        print(head)
        if b.kind in (TargetKind.ARTICLE, TargetKind.SECTION) or b.label:
            print(f"    {b.label}")
        if b.quote and b.kind != TargetKind.SECTION:
            quote = b.quote if len(b.quote) <= 80 else b.quote[:79] + "…"
            print(f"    “{quote}”")
        _print_note_and_tags(b)
    return 0


def _print_note_and_tags(b: Bookmark) -> None:
    if b.note:
        for line in b.note.splitlines():
            print(f"    | {line}")
    if b.tags:
        print(f"    tags: {', '.join(b.tags)}")


def cmd_add(args: argparse.Namespace) -> int:
    library = open_library()
    article = get_article(library, args.article_id)
    try:
        if args.section:
            bookmark = section_bookmark(article, args.section, note=args.note, tags=args.tag)
        elif args.quote is not None or args.start is not None:
            if args.quote is not None:
                start, end = find_quote(article, args.quote, args.occurrence)
            elif args.end is None:
                raise CommandError("--start needs --end")
            else:
                start, end = args.start, args.end
            bookmark = passage_bookmark(
                article,
                start,
                end,
                kind=TargetKind(args.kind),
                label=args.label,
                note=args.note,
                tags=args.tag,
            )
        else:
            bookmark = article_bookmark(article, note=args.note, tags=args.tag)
        with open_store(library) as store:
            saved = store.add(bookmark, shared=args.shared)
    except NotesError as exc:
        raise CommandError(str(exc)) from None
    if args.json:
        print_json(_json_list([saved], library)[0])
    else:
        print(f"added bookmark #{saved.id} ({saved.kind}) in {saved.article_id}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    with open_store() as store:
        try:
            removed = store.remove(args.ids)
        except NotesError as exc:
            raise CommandError(str(exc)) from None
    if args.json:
        print_json([bookmark_to_dict(b) for b in removed])
    else:
        print(f"removed {len(removed)} bookmark(s): {', '.join(f'#{b.id}' for b in removed)}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    library = open_library()
    if args.article:
        get_article(library, args.article)
    with open_store(library) as store:
        bookmarks = store.bookmarks(tag=args.tag, article_id=args.article, ids=args.ids)
    missing = sorted(set(args.ids or ()) - {b.id for b in bookmarks})
    if missing and args.tag is None and args.article is None:
        raise CommandError(
            f"no bookmark with id {', '.join(map(str, missing))}; nothing was exported"
        )
    if not bookmarks:
        raise CommandError("no bookmarks match; nothing was exported")
    if is_stdout(args.output):
        return _export_to_stdout(bookmarks, args.format, library, args.style)
    try:
        result = export_bookmarks(
            bookmarks, args.format, args.output, article_lookup(library), args.style
        )
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    _warn_replaced(result.replaced, args.format)
    print(
        f"exported {len(bookmarks)} bookmark(s) to {shown(result.path)}"
        f"{how_written(result.written)}"
    )
    return 0


def _export_to_stdout(
    bookmarks: list[Bookmark], fmt: str, library: Library, style: str = CitationStyle.APP
) -> int:
    """``-o -``: the export on standard output, the report on standard error."""
    rendered = render(bookmarks, ExportFormat(fmt), article_lookup(library), CitationStyle(style))
    write_stdout(rendered.data)
    _warn_replaced(rendered.replaced, fmt)
    print(f"exported {len(bookmarks)} bookmark(s) to standard output", file=sys.stderr)
    return 0


def _warn_replaced(replaced: int, fmt: str) -> None:
    if replaced:
        what = (
            "control characters or broken surrogates"
            if fmt in (ExportFormat.DOCX, ExportFormat.HTML)
            else "broken surrogates"
        )
        print(
            f"jining-archive: warning: {replaced} character(s) that {ExportFormat(fmt).label} "
            f"cannot hold ({what}) were replaced by U+FFFD; everything else was exported",
            file=sys.stderr,
        )


def cmd_import(args: argparse.Namespace) -> int:
    try:
        bookmarks = read_notes_file(args.file)
    except NotesFileError as exc:
        raise CommandError(str(exc)) from None
    with open_store() as store:
        try:
            report = store.import_bookmarks(bookmarks, replace=args.replace)
        except NotesError as exc:
            raise CommandError(f"{args.file}: {exc}; nothing was imported") from None
    counts = {
        "added": report.added,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "kept_newer": report.kept_newer,
    }
    if args.json:
        print_json(counts)
    else:
        print(
            f"imported {args.file}: {report.added} added, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.kept_newer} kept (stored copy newer)"
        )
    return 0
