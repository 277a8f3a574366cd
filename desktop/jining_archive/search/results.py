"""Search results: hits with offsets and snippets, grouped by article."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

#: Characters of context shown before the first highlighted match of a snippet.
SNIPPET_LEAD = 30
#: Length of a snippet's window on the block text (not counting the ellipses).
SNIPPET_WIDTH = 120
ELLIPSIS = "…"
#: How far a snippet's edge moves to keep a number or a Latin word whole.
WORD_REACH = 16


@dataclass(frozen=True)
class Hit:
    """One matching block, with every match as offsets into ``Article.text``."""

    article_id: str
    article_title: str
    section_id: str | None
    section_title: str
    block_id: str
    kind: str
    score: float
    matches: list[tuple[int, int]]
    snippet_text: str
    snippet_spans: list[tuple[int, int]] = field(default_factory=list)
    #: (article id, block id) of reposts that repeat this passage word for word.
    also_in: list[tuple[str, str]] = field(default_factory=list)

    def snippet_html(self) -> str:
        """The snippet, HTML-escaped, with ``<mark>…</mark>`` around each highlighted span."""
        parts: list[str] = []
        last = 0
        for start, end in self.snippet_spans:
            parts.append(html.escape(self.snippet_text[last:start], quote=False))
            parts.append("<mark>" + html.escape(self.snippet_text[start:end], quote=False))
            parts.append("</mark>")
            last = end
        parts.append(html.escape(self.snippet_text[last:], quote=False))
        return "".join(parts)


@dataclass
class SearchResults:
    """The best ``hits`` of a query, best first; ``total`` counts every matching block."""

    query: str
    total: int
    hits: list[Hit]

    def by_article(self) -> list[tuple[str, list[Hit]]]:
        """Hits grouped by article id; groups in the order of their best hit."""
        groups: dict[str, list[Hit]] = {}
        for hit in self.hits:
            groups.setdefault(hit.article_id, []).append(hit)
        return list(groups.items())


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined (touching spans stay apart)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def find_all(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Every occurrence of ``needle`` in ``haystack``, overlapping ones included."""
    spans: list[tuple[int, int]] = []
    if not needle:
        return spans
    start = haystack.find(needle)
    while start >= 0:
        spans.append((start, start + len(needle)))
        start = haystack.find(needle, start + 1)
    return spans


def make_snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` around its densest run of ``spans`` (offsets into ``text``).

    Returns the snippet text (line breaks shown as spaces, "…" where text was
    cut) and the spans that fall inside it, as offsets into the snippet.
    """
    if len(text) <= SNIPPET_WIDTH:
        start, end = 0, len(text)
    elif not spans:
        start, end = 0, SNIPPET_WIDTH
    else:
        best_start, best_count = 0, -1
        for anchor, _ in spans:
            window_start = max(0, anchor - SNIPPET_LEAD)
            window_end = window_start + SNIPPET_WIDTH
            count = sum(1 for s, e in spans if s >= window_start and e <= window_end)
            if count > best_count:
                best_start, best_count = window_start, count
        start = min(best_start, len(text) - SNIPPET_WIDTH)
        end = start + SNIPPET_WIDTH
    start, end = _whole_words(text, start, end)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    body = text[start:end].replace("\r", " ").replace("\n", " ")
    shift = len(prefix) - start
    inside = [
        (max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start
    ]
    return prefix + body + suffix, inside


def _word_char(ch: str) -> bool:
    """Part of a number or a Latin word: ASCII or full-width letters and digits, and the
    decimal point and percent sign inside numbers."""
    return (
        (ch.isascii() and ch.isalnum())
        or ch in ".%．％"
        or "０" <= ch <= "９"
        or ("Ａ" <= ch <= "ｚ")
    )


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Move a window's edges off the middle of a number or Latin word ("…023年" becomes
    "…2023年"): the start back to the word's first character, the end on to its last,
    each by at most :data:`WORD_REACH` characters (else the word is left out)."""
    if 0 < start < len(text) and _word_char(text[start - 1]) and _word_char(text[start]):
        first = start
        while first > 0 and _word_char(text[first - 1]) and start - first < WORD_REACH:
            first -= 1
        if first == 0 or not _word_char(text[first - 1]):
            start = first
        else:  # too long to keep whole: start after it
            while start < end and _word_char(text[start]):
                start += 1
    if 0 < end < len(text) and _word_char(text[end - 1]) and _word_char(text[end]):
        last = end
        while last < len(text) and _word_char(text[last]) and last - end < WORD_REACH:
            last += 1
        if last == len(text) or not _word_char(text[last]):
            end = last
        else:
            while end > start and _word_char(text[end - 1]):
                end -= 1
    return start, end
