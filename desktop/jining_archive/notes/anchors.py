"""Anchors that find their passage again after the article text changes.

An anchor keeps offsets, the quoted text and about 30 characters of context on
either side. When the article is re-parsed or an imported file is edited, the
anchor re-attaches in this order:

1. the exact quote with its exact context (nearest the old offset if the pair
   occurs more than once): text inserted or removed elsewhere just moves it;
2. the exact quote where the context looks most alike (nearest the old offset
   on a tie), when the place is not in doubt: the context still looks alike, or
   a long quote occurs only once;
3. a fuzzy match of the quote (rapidfuzz) scoring at least ``FUZZY_THRESHOLD``,
   with the span trimmed to the best-matching characters: the passage itself
   was edited a little.

Otherwise the anchor is *detached*: it keeps its quote and old offsets and the
bookmark is shown as detached. It is never dropped, and never moved to a place
that merely resembles it (short quotes are not matched fuzzily; two equally
good places are treated as no place). Matching compares folded text
(:func:`~jining_archive.documents.normalise.fold`), which keeps offsets, so a
change between full-width and ASCII forms or traditional and simplified
characters does not detach anything.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from rapidfuzz import fuzz

from jining_archive.documents.model import Article
from jining_archive.documents.normalise import fold
from jining_archive.notes.model import Anchor, AnchorState

CONTEXT_CHARS = 30
# Below this length an exact quote must also have its context look alike to be trusted.
UNIQUE_QUOTE_MIN = 12
CONTEXT_ALIKE = 50.0
# Quotes shorter than this are never matched fuzzily: too many places look alike.
FUZZY_MIN_QUOTE = 6
FUZZY_THRESHOLD = 80.0
# A second place scoring within this margin of the best makes a fuzzy match ambiguous.
AMBIGUITY_MARGIN = 4.0


@dataclass(frozen=True, slots=True)
class Reattachment:
    """The outcome of :func:`reattach`: the anchor to keep, its state, how it was found."""

    anchor: Anchor
    state: AnchorState
    method: str  # "exact", "quote", "fuzzy" or "none"
    score: float = 100.0


def text_hash(text: str) -> str:
    """A short fingerprint of an article's text; anchors are re-checked when it changes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def make_anchor(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Anchor:
    """The anchor for ``text[start:end]`` with ``context`` characters either side."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"offsets {start}-{end} are outside the text (length {len(text)})")
    return Anchor(
        start=start,
        end=end,
        quote=text[start:end],
        before=text[max(0, start - context) : start],
        after=text[end : end + context],
    )


def reattach(anchor: Anchor, text: str, folded: str | None = None) -> Reattachment:
    """Find ``anchor`` in ``text``; see the module docstring for the order of attempts.

    ``folded`` is ``fold(text)`` when the caller already has it (many anchors, one text).
    """
    ftext = fold(text) if folded is None else folded
    quote, before, after = fold(anchor.quote), fold(anchor.before), fold(anchor.after)
    if not quote:
        return Reattachment(anchor, AnchorState.DETACHED, "none", 0.0)
    hits = _occurrences(ftext, quote)

    def context_ok(i: int) -> bool:
        j = i + len(quote)
        return ftext[max(0, i - len(before)) : i] == before and ftext[j : j + len(after)] == after

    exact = [i for i in hits if context_ok(i)]
    if exact:
        i = _nearest(exact, anchor.start)
        return Reattachment(make_anchor(text, i, i + len(quote)), AnchorState.ATTACHED, "exact")

    scored = {i: _context_score(ftext, i, i + len(quote), before, after) for i in hits}
    alike = [i for i in hits if scored[i] >= CONTEXT_ALIKE]
    if alike or (len(hits) == 1 and len(quote) >= UNIQUE_QUOTE_MIN):
        # The place whose surroundings look most like the old ones; the nearest on a tie.
        i = max(alike or hits, key=lambda i: (round(scored[i]), -abs(i - anchor.start)))
        return Reattachment(make_anchor(text, i, i + len(quote)), AnchorState.ATTACHED, "quote")
    if hits:
        # The quote is there, but more than once and nothing says which: no guessing.
        return Reattachment(anchor, AnchorState.DETACHED, "none", 0.0)

    found = _fuzzy(ftext, quote, before, after, anchor.start)
    if found is None:
        return Reattachment(anchor, AnchorState.DETACHED, "none", 0.0)
    start, end, score = found
    return Reattachment(make_anchor(text, start, end), AnchorState.FUZZY, "fuzzy", score)


def section_at(article: Article, offset: int) -> str | None:
    """The id of the section holding ``offset`` (the next block's, between blocks)."""
    block = article.block_at(offset)
    if block is None:
        following = [b for b in article.blocks if b.start >= offset]
        block = following[0] if following else None
    return block.section_id if block else None


def _occurrences(text: str, quote: str) -> list[int]:
    out: list[int] = []
    i = text.find(quote)
    while i >= 0:
        out.append(i)
        i = text.find(quote, i + 1)
    return out


def _nearest(positions: list[int], old: int) -> int:
    return min(positions, key=lambda i: (abs(i - old), i))


def _context_score(text: str, start: int, end: int, before: str, after: str) -> float:
    """How alike the text around ``start:end`` is to the stored context (0–100)."""
    scores = []
    if before:
        scores.append(fuzz.ratio(before, text[max(0, start - len(before)) : start]))
    if after:
        scores.append(fuzz.ratio(after, text[end : end + len(after)]))
    return sum(scores) / len(scores) if scores else 100.0


def _fuzzy(
    text: str, quote: str, before: str, after: str, old_start: int
) -> tuple[int, int, float] | None:
    if len(quote) < FUZZY_MIN_QUOTE or len(quote) > len(text):
        return None
    best = _best_span(text, quote)
    if best is None:
        return None
    start, end, score = best
    # Look for a second place as good as the first, elsewhere in the text.
    masked = text[:start] + "\0" * (end - start) + text[end:]
    second = _best_span(masked, quote)
    if second is not None and second[2] >= score - AMBIGUITY_MARGIN:
        first_ctx = _context_score(text, start, end, before, after)
        second_ctx = _context_score(text, second[0], second[1], before, after)
        if abs(first_ctx - second_ctx) < 20:
            return None
        if second_ctx > first_ctx:
            start, end, score = second
    return start, end, score


def _best_span(text: str, quote: str) -> tuple[int, int, float] | None:
    """The span of ``text`` most like ``quote``, if it scores at least the threshold."""
    found = fuzz.partial_ratio_alignment(quote, text, score_cutoff=FUZZY_THRESHOLD)
    if found is None:
        return None
    # partial_ratio aligns a window as long as the quote; the edited passage may be
    # longer or shorter, so move each end to where the whole quote matches best.
    slack = len(quote) // 3 + 3
    start, end = found.dest_start, found.dest_end
    lo, hi = max(0, start - slack), min(len(text), end + slack)

    def score(s: int, e: int) -> float:
        return float(fuzz.ratio(quote, text[s:e])) if e > s else 0.0

    best = score(start, end)
    for _ in range(3):
        improved = False
        for s in range(lo, min(end, start + slack) + 1):
            value = score(s, end)
            if value > best:
                best, start, improved = value, s, True
        for e in range(max(start + 1, end - slack), hi + 1):
            value = score(start, e)
            if value > best:
                best, end, improved = value, e, True
        if not improved:
            break
    if best < FUZZY_THRESHOLD or "\0" in text[start:end]:
        return None
    return start, end, best
