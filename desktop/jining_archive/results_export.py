"""Search results as a file: CSV (for a spreadsheet) or Markdown (for a report), each
passage with its citation — article, date, source and section — and the query.

The passage is the whole matching block, not the snippet, so a quote in the file
is never cut mid-sentence; the matches are marked in Markdown as **bold**.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from jining_archive.documents.model import Article
from jining_archive.notes.export import markdown_text, neutralise

if TYPE_CHECKING:  # importing the search package loads Whoosh
    from jining_archive.search.results import SearchResults

COLUMNS = ("rank", "article_id", "title", "date", "source", "section", "kind", "passage",
           "matches", "start", "end")  # fmt: skip


class ResultsFormat(StrEnum):
    """The formats search results are saved in."""

    CSV = "csv"
    MARKDOWN = "md"


def _rows(
    results: SearchResults, article_of: Callable[[str], Article | None]
) -> list[dict[str, str]]:
    rows = []
    for rank, hit in enumerate(results.hits, start=1):
        article = article_of(hit.article_id)
        block = None
        if article is not None:
            with contextlib.suppress(KeyError):
                block = article.block(hit.block_id)
        passage = block.text if block is not None else hit.snippet_text
        start = block.start if block is not None else (hit.matches[0][0] if hit.matches else -1)
        date = ""
        if article is not None and article.date:
            date = ("约 " if article.date_estimated else "") + article.date
        rows.append(
            {
                "rank": str(rank),
                "article_id": hit.article_id,
                "title": hit.article_title,
                "date": date,
                "source": article.source if article is not None else "",
                "section": hit.section_title,
                "kind": hit.kind,
                "passage": passage,
                "matches": str(len(hit.matches)),
                "start": str(start),
                "end": str(start + len(passage)) if start >= 0 else "",
                "_spans": ";".join(f"{s - start}-{e - start}" for s, e in hit.matches),
            }
        )
    return rows


def render_results(
    results: SearchResults,
    fmt: ResultsFormat | str,
    article_of: Callable[[str], Article | None],
) -> bytes:
    """The bytes of a results file (CSV as UTF-8 with a BOM, for spreadsheets)."""
    rows = _rows(results, article_of)
    if ResultsFormat(fmt) == ResultsFormat.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([neutralise(row[column]) for column in COLUMNS])
        return buffer.getvalue().encode("utf-8-sig")
    shown = len(rows)
    out = [
        f"# 搜索结果：{markdown_text(results.query)}",
        "",
        f"共 {results.total} 段" + (f"，以下为前 {shown} 段" if shown < results.total else ""),
        "",
    ]
    for row in rows:
        passage = row["passage"]
        spans = [tuple(int(x) for x in s.split("-")) for s in row["_spans"].split(";") if s]
        out += [f"## {row['rank']}. {markdown_text(row['title'])}", ""]
        out += [f"> {_bold_matches(passage, spans)}", ""]
        where = [f"《{row['title']}》"] + [row[k] for k in ("source", "date", "section") if row[k]]
        out += [f"- 出处：{markdown_text('，'.join(where))}", ""]
    return "\n".join(out).encode("utf-8")


def _bold_matches(text: str, spans: list[tuple[int, ...]]) -> str:
    """``text`` for Markdown with each match in **bold** (line breaks kept in the quote)."""
    pieces = []
    position = 0
    for start, end in sorted((s, e) for s, e in spans if 0 <= s < e <= len(text)):
        if start < position:
            continue
        pieces.append(markdown_text(text[position:start]))
        pieces.append(f"**{markdown_text(text[start:end])}**")
        position = end
    pieces.append(markdown_text(text[position:]))
    return "".join(pieces).replace("\n", "\n> ")
