"""``export-references``: the archive's articles for reference managers (RIS, BibTeX, CSL-JSON)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jining_archive.cli import CommandError
from jining_archive.commands.articles import get_article, open_library
from jining_archive.commands.output import how_written, is_stdout, write_stdout
from jining_archive.notes.destination import ExportError, shown
from jining_archive.notes.references import ReferenceFormat, export_references, render_references


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    """Add the subcommand."""
    p = sub.add_parser(
        "export-references",
        help="export articles as references (RIS, BibTeX, CSL-JSON) for Zotero, EndNote, "
        "NoteExpress …",
    )
    p.add_argument("--format", required=True, choices=[str(f) for f in ReferenceFormat])
    p.add_argument(
        "--article",
        metavar="ID",
        action="append",
        dest="articles",
        help="only this article (repeatable; default: every article)",
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        type=Path,
        help="the file to write, or - for standard output (a file is replaced only by a "
        "complete export, and never when it is read-only)",
    )
    p.set_defaults(handler=cmd_export_references)


def cmd_export_references(args: argparse.Namespace) -> int:
    library = open_library()
    if args.articles:
        articles = [get_article(library, article_id) for article_id in dict.fromkeys(args.articles)]
    else:
        articles = list(library.articles)
    if not articles:
        raise CommandError("the library has no articles; nothing was exported")
    fmt = ReferenceFormat(args.format)
    if is_stdout(args.output):
        write_stdout(render_references(articles, fmt))
        print(f"exported {len(articles)} reference(s) to standard output", file=sys.stderr)
        return 0
    try:
        written = export_references(articles, fmt, args.output)
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    print(
        f"exported {len(articles)} reference(s) ({fmt}) to {shown(written.path)}"
        f"{how_written(written)}"
    )
    return 0
