"""``search``: full-text search from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jining_archive.cli import CommandError, print_json
from jining_archive.commands.articles import open_library

if TYPE_CHECKING:
    from jining_archive.documents.model import Article
    from jining_archive.library import Library
    from jining_archive.search import Hit, SearchResults

QUERY_HELP = """\
query syntax:
  济宁 小松            blocks containing both (any order); each word matches
                       anywhere in the text, as Ctrl+F would (快马 finds 快马加鞭)
  "国际 合作"          an exact phrase, spaces and punctuation included
  小松 OR 鲁抗         either; also AND, NOT and (parentheses)
  title:招商           the article title or a heading above the block contains 招商
  year:2023            articles of 2023; year:2020-2023 for a range
  kind:caption         captions only; kinds: title, subtitle, byline, heading,
                       paragraph, caption, source-note
Traditional and simplified characters, full-width and ASCII forms and letter
case all match each other. A single character finds every block containing it.
"""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    """Add the subcommand."""
    p = sub.add_parser(
        "search",
        help="full-text search over every article",
        epilog=QUERY_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("query", nargs="+", metavar="QUERY", help="what to look for (see below)")
    p.add_argument("--limit", type=_positive_int, default=50, help="at most N hits (default 50)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--export",
        choices=("csv", "md"),
        help="save the hits, each passage with its citation, as CSV or Markdown (with -o)",
    )
    p.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="the file for --export, or - for stdout"
    )
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser(
        "check-index",
        help="read the whole search index against its checksums; rebuild it if damaged",
    )
    p.set_defaults(handler=cmd_check_index)


def hit_json(hit: Hit) -> dict[str, Any]:
    """One hit as the JSON of ``search --json``."""
    return {
        "article_id": hit.article_id,
        "article_title": hit.article_title,
        "section_id": hit.section_id,
        "section_title": hit.section_title,
        "block_id": hit.block_id,
        "kind": hit.kind,
        "snippet": hit.snippet_html(),
        "score": hit.score,
        "matches": [[start, end] for start, end in hit.matches],
        "also_in": [{"article_id": a, "block_id": b} for a, b in hit.also_in],
    }


def results_json(results: SearchResults) -> dict[str, Any]:
    """Search results as the JSON of ``search --json``."""
    return {
        "query": results.query,
        "total": results.total,
        "hits": [hit_json(hit) for hit in results.hits],
    }


def _marked(hit: Hit, tty: bool) -> str:
    start_mark, end_mark = ("\x1b[1;33m", "\x1b[0m") if tty else ("«", "»")
    parts, last = [], 0
    for start, end in hit.snippet_spans:
        parts += [hit.snippet_text[last:start], start_mark, hit.snippet_text[start:end], end_mark]
        last = end
    parts.append(hit.snippet_text[last:])
    return "".join(parts)


def cmd_search(args: argparse.Namespace) -> int:
    """Run a search and print the hits grouped by article."""
    from jining_archive.search import QuerySyntaxError, SearchIndexError  # whoosh loads here

    query = " ".join(args.query)
    library = open_library()
    try:
        for message in library.prepare_search():
            print(f"jining-archive: {message}", file=sys.stderr)
        results = library.search(query, limit=args.limit)
    except QuerySyntaxError as exc:
        quoted = query if len(query) <= 40 else query[:40] + "…"
        raise CommandError(f"cannot search for {quoted!r}: {exc}") from None
    except SearchIndexError as exc:
        raise CommandError(str(exc)) from None
    if args.export:
        return _export(results, args, library)
    if args.json:
        print_json(results_json(results))
        return 0
    shown = len(results.hits)
    more = f", showing the best {shown}" if shown < results.total else ""
    print(f"{results.total} passage{'s' if results.total != 1 else ''} match {query}{more}")
    tty = sys.stdout.isatty()
    for article_id, hits in results.by_article():
        print()
        print(f"{article_id}  {hits[0].article_title}")
        for hit in hits:
            where = f"  {hit.section_title}" if hit.section_title else ""
            first = f" @{hit.matches[0][0]}" if hit.matches else ""
            print(f"  {hit.block_id} {hit.kind}{first}{where}")
            if hit.also_in:
                print(f"    also in: {', '.join(a for a, _ in hit.also_in)}")
            print(f"    {_marked(hit, tty)}")
    return 0


def _export(results: SearchResults, args: argparse.Namespace, library: Library) -> int:
    """``--export csv|md -o FILE``: the hits with their citations, written safely."""
    from jining_archive.commands.output import is_stdout, write_stdout
    from jining_archive.notes.destination import ExportError, shown, write_export
    from jining_archive.results_export import render_results

    if args.output is None:
        raise CommandError("--export needs -o FILE (or -o - for standard output)")

    def article_of(article_id: str) -> Article | None:
        return library.article(article_id) if article_id in library else None

    data = render_results(results, args.export, article_of)
    if is_stdout(args.output):
        write_stdout(data)
        where = "standard output"
    else:
        try:
            where = shown(write_export(args.output, data).path)
        except ExportError as exc:
            raise CommandError(str(exc)) from None
    print(
        f"saved {len(results.hits)} of {results.total} passage(s) matching {results.query} to "
        f"{where}",
        file=sys.stderr if is_stdout(args.output) else sys.stdout,
    )
    return 0


def cmd_check_index(args: argparse.Namespace) -> int:
    """Verify every file of the search index, rebuilding it when one is damaged."""
    from jining_archive.search import SearchIndexError

    library = open_library()
    try:
        messages = library.prepare_search()  # a missing or stale index is made first
        messages += library.verify_search()
    except SearchIndexError as exc:
        raise CommandError(str(exc)) from None
    for message in messages:
        print(f"jining-archive: {message}", file=sys.stderr)
    damaged = any(getattr(m, "code", "") == "rebuilt-damaged" for m in messages)
    print("search index rebuilt: it was damaged" if damaged else "search index is whole")
    return 0
