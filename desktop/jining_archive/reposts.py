"""Recognise reposts: an article whose text is a near-copy of one already in the archive.

Chinese news is republished across portals with small edits (another
headline, a different first line, the portal's own furniture). Two texts are
compared by their character shingles: every run of :data:`SHINGLE` characters
of the folded text with spaces and punctuation left out. An import is a
repost of an article when at least :data:`SHARED` of its shingles occur in
that article.

Comparing every pair would cost the archive size squared. Each article keeps
a bottom-k sketch instead — the :data:`SKETCH` smallest 64-bit hashes of its
shingles, a MinHash variant that needs one hash per shingle — and an inverted
index from sketch values to articles proposes the few candidates that share
enough of them; only those are compared exactly. The cost of one import is
linear in its own length plus the candidates' lengths.
"""

from __future__ import annotations

import hashlib
import heapq
import re
import struct
from collections import Counter
from collections.abc import Iterable

from jining_archive.documents.normalise import fold

SHINGLE = 5
SKETCH = 128
#: Share of an import's shingles found in an article for it to count as a repost.
SHARED = 0.9
#: Sketch values two articles must share to be compared exactly. A quarter of the
#: sketch estimates a resemblance (Jaccard) of 0.25: an import with 90% of its shingles
#: in an article has at least that unless the article is over 3.6 times longer (then it
#: is an excerpt, not a repost). Texts that merely share a few paragraphs stay below it.
_CANDIDATE_MIN_SHARED = SKETCH // 4

_SKIP = re.compile(r"[\s\W_]+", re.UNICODE)


def shingles(text: str) -> set[str]:
    """The character shingles of ``text`` (folded; spaces and punctuation left out)."""
    compact = _SKIP.sub("", fold(text))
    if len(compact) < SHINGLE:
        return {compact} if compact else set()
    return {compact[i : i + SHINGLE] for i in range(len(compact) - SHINGLE + 1)}


def _hash(shingle: str) -> int:
    digest = hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def sketch(shingle_set: Iterable[str]) -> list[int]:
    """The bottom-k sketch of a shingle set: its :data:`SKETCH` smallest hashes, sorted."""
    return sorted(heapq.nsmallest(SKETCH, {_hash(s) for s in shingle_set}))


def pack(values: list[int]) -> bytes:
    """A sketch as bytes for the catalogue."""
    return struct.pack(f"<{len(values)}Q", *values)


def unpack(data: bytes | None) -> list[int]:
    """A sketch back from :func:`pack`."""
    if not data:
        return []
    return list(struct.unpack(f"<{len(data) // 8}Q", data))


def shared_share(new: set[str], old: set[str]) -> float:
    """The share of ``new``'s shingles that also occur in ``old``."""
    if not new:
        return 0.0
    return len(new & old) / len(new)


class RepostFinder:
    """An inverted index of article sketches; proposes candidates for a new text."""

    def __init__(self) -> None:
        self._by_value: dict[int, set[str]] = {}
        self._sketches: dict[str, list[int]] = {}

    def add(self, article_id: str, values: list[int]) -> None:
        """Index an article's sketch (replacing an earlier one)."""
        self.remove(article_id)
        self._sketches[article_id] = values
        for value in values:
            self._by_value.setdefault(value, set()).add(article_id)

    def remove(self, article_id: str) -> None:
        """Forget an article."""
        for value in self._sketches.pop(article_id, []):
            ids = self._by_value.get(value)
            if ids is not None:
                ids.discard(article_id)
                if not ids:
                    del self._by_value[value]

    def candidates(self, values: list[int], exclude: str = "") -> list[str]:
        """Articles whose estimated resemblance to ``values`` is high enough, best first.

        The index counts shared sketch values (a cheap first filter); the estimate is
        then the share of the k smallest values of both sketches together that are in
        both, the unbiased bottom-k estimate of Jaccard resemblance.
        """
        counts: Counter[str] = Counter()
        for value in values:
            for article_id in self._by_value.get(value, ()):
                if article_id != exclude:
                    counts[article_id] += 1
        needed = min(_CANDIDATE_MIN_SHARED, max(1, len(values) // 4))
        own = set(values)
        scored: list[tuple[int, str]] = []
        for article_id, shared in counts.items():
            if shared < needed:
                continue
            theirs = self._sketches[article_id]
            union = heapq.nsmallest(SKETCH, own.union(theirs))
            both = set(theirs)
            in_both = sum(1 for value in union if value in own and value in both)
            if in_both >= needed:
                scored.append((in_both, article_id))
        return [article_id for _, article_id in sorted(scored, reverse=True)]

    def __len__(self) -> int:
        return len(self._sketches)
