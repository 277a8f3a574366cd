"""``articles`` and ``show``: the catalogue and one article's blocks."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from jining_archive.cli import CommandError, print_json
from jining_archive.documents.model import Article, Section
from jining_archive.library import Library, UnknownArticleError, paused_gc
from jining_archive.storage.catalogue import CatalogueError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the subcommands."""
    p = sub.add_parser("articles", help="list the articles with their section trees")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_articles)
    p = sub.add_parser("show", help="print one article's blocks with kinds and offsets")
    p.add_argument("article_id", metavar="ARTICLE_ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_show)


def open_library() -> Library:
    """Open the library and report unreadable files on stderr."""
    try:
        library = Library.open(reprocess=False)
    except CatalogueError as exc:  # the team server cannot be used: nothing to fall back on
        raise CommandError(str(exc)) from None
    if library.stale:
        print(
            f"jining-archive: parsing {len(library.stale)} imported article(s) again "
            "with this version's parser …",
            file=sys.stderr,
        )
        library.reprocess_stale()
    for problem in library.problems:
        print(f"jining-archive: warning: {problem}", file=sys.stderr)
    return library


def get_article(library: Library, article_id: str) -> Article:
    """The article, or a CommandError listing the known ids."""
    try:
        return library.article(article_id)
    except UnknownArticleError as exc:
        known = ", ".join(a.id for a in library.articles)
        raise CommandError(f"{exc}; known ids: {known}") from None


def section_json(section: Section) -> dict[str, Any]:
    """A section and its children as JSON."""
    return {
        "id": section.id,
        "title": section.title,
        "level": section.level,
        "children": [section_json(child) for child in section.children],
    }


def article_meta(article: Article, library: Library | None = None) -> dict[str, Any]:
    """The metadata fields shared by ``articles`` and ``show``."""
    meta: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "subtitle": article.subtitle,
        "date": article.date,
        "date_estimated": article.date_estimated,
        "source": article.source,
        "reporters": list(article.reporters),
        "origin": article.origin,
        "path": article.path,
        "repost_of": article.repost_of or None,
    }
    if library is not None:
        meta["reposts"] = [a.id for a in library.reposts_of(article.id)]
    return meta


def cmd_articles(args: argparse.Namespace) -> int:
    library = open_library()
    if args.json:
        with paused_gc():  # tens of thousands of small dicts, made at once
            listing = [
                {**article_meta(a, library), "sections": [section_json(s) for s in a.sections]}
                for a in library.articles
            ]
        print_json(listing)
        return 0
    for article in library.articles:
        estimated = "~" if article.date_estimated else ""
        print(f"{article.id}  {estimated}{article.date}  {article.title}")
        for section in article.iter_sections():
            print(f"{'  ' * section.level}{section.id} {section.title}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    library = open_library()
    article = get_article(library, args.article_id)
    if args.json:
        print_json(
            {
                **article_meta(article, library),
                "date_note": article.date_note,
                "furniture": library.furniture(article.id),
                "correspondents": list(article.correspondents),
                "blocks": [
                    {
                        "id": b.id,
                        "kind": str(b.kind),
                        "section_id": b.section_id,
                        "start": b.start,
                        "end": b.end,
                        "text": b.text,
                    }
                    for b in article.blocks
                ],
                "repairs": [
                    {
                        "block_id": r.block_id,
                        "offset": r.offset,
                        "before": r.before,
                        "after": r.after,
                        "moved_caption": r.moved_caption,
                        "repeated": r.repeated,
                    }
                    for r in article.repairs
                ],
            }
        )
        return 0
    print(article.title)
    if article.subtitle:
        print(article.subtitle)
    print(f"{article.date}{' (estimated)' if article.date_estimated else ''}  {article.source}")
    print()
    for b in article.blocks:
        print(f"[{b.id} {b.kind} {b.start}-{b.end}] {b.text}")
    for r in article.repairs:
        joined = f"{r.before}|{r.after}"
        note = f"; {r.repeated!r} stands on both sides, kept as printed" if r.repeated else ""
        moved = f"; the caption {r.moved_caption!r} was set apart" if r.moved_caption else ""
        print(f"page break joined in {r.block_id} at {r.offset}: {joined}{moved}{note}")
    return 0
