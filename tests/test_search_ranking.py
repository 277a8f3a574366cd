"""Ranking as the search module documents it, computed block by block in plain Python.

The index scores whole sets of blocks at once as arrays, reads posting blocks
straight from the segment and takes a two-character query's counts from the
gram postings. This reference does none of that: it finds matches by substring
search over every block's folded text (as grep would), reads word frequencies
through Whoosh's own matchers and title words from the stored fields, and adds
up the documented formula for each block. Both must give the same blocks in
the same order with the same scores, on the bundled archive and on an index of
several segments with deleted blocks.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from jining_archive.library import Library
from jining_archive.search import SearchIndex
from jining_archive.search.analysis import query_words
from jining_archive.search.matching import (
    _B,
    _K1,
    ARTICLE_DENSITY,
    HEADING_BOOST,
    HEADING_KINDS,
    TITLE_BOOST,
)
from jining_archive.search.query import And, Kind, Node, Not, Or, Text, Year, parse_query

QUERIES = [
    "济宁",
    "高新区",
    "的",
    "港",
    "万元",
    "快马",
    "小松 基地",
    "小松 OR 鲁抗",
    "高新区 NOT 小松",
    "NOT 济宁",
    '"国际合作"',
    "title:招商 项目",
    "year:2023 济宁",
    "year:2020-2023 OR kind:caption",
    "kind:heading 发展",
    "濟寧 高新區",
]


class Reference:
    """The documented ranking over an open index, one block at a time."""

    def __init__(self, index: SearchIndex) -> None:
        self.searcher, stored = index._open_searcher()
        self.reader = self.searcher.reader()
        self.columns = stored.columns
        self.live = set(self.reader.all_doc_ids())
        self.fields = {d: self.reader.stored_fields(d) for d in self.live}
        self.folded = {d: self.columns.folded(d) for d in self.live}
        self.years = {d: self._year(d) for d in self.live}

    def _year(self, docnum: int) -> str | None:
        for term in self.reader.lexicon("year"):
            year = term.decode() if isinstance(term, bytes) else term
            if docnum in set(self.searcher.docs_for_query(_term("year", year))):
                return year
        return None

    def matches(self, node: Node) -> set[int]:
        if isinstance(node, Text):
            if node.in_title:
                return {d for d in self.live if node.folded in self.fields[d]["title_folded"]}
            return {d for d in self.live if node.folded in self.folded[d]}
        if isinstance(node, Year):
            first, last = f"{node.first:04d}", f"{node.last:04d}"
            return {d for d in self.live if (y := self.years[d]) and first <= y <= last}
        if isinstance(node, Kind):
            return {d for d in self.live if self.fields[d]["kind"] in node.kinds}
        if isinstance(node, Not):
            return self.live - self.matches(node.child)
        if isinstance(node, Or):
            return set().union(*(self.matches(c) for c in node.children))
        assert isinstance(node, And)
        found = set(self.live)
        for child in node.children:
            found &= self.matches(child)
        return found

    def rank(self, query: str) -> tuple[int, list[tuple[str, str, float]]]:
        parsed = parse_query(query)
        docs = self.matches(parsed.root)
        texts = parsed.positive_texts()
        scores = dict.fromkeys(docs, 0.0)
        # BM25F of the query's jieba words.
        is_word = lambda w: ("words", w) in self.reader  # noqa: E731
        words = {w for t in texts if not t.in_title for w in query_words(t.folded, is_word)}
        avg = self.searcher.avg_field_length("words") or 1.0
        for word in words:
            if ("words", word) not in self.reader:
                continue
            idf = self.searcher.idf("words", word)
            matcher = self.reader.postings("words", word)
            while matcher.is_active():
                d, tf = matcher.id(), matcher.weight()
                if d in scores:
                    length = self.reader.doc_field_length(d, "words", 1) or 1
                    k = _K1 * (1.0 - _B) + _K1 * _B / avg * length
                    scores[d] += idf * tf * (_K1 + 1.0) / (tf + k)
                matcher.next()
        # BM25 of the exact occurrences of each word or phrase.
        total = max(1, self.searcher.doc_count())
        avg_exact = max(1.0, self.searcher.avg_field_length("words", 1.0))
        for text in texts:
            if text.in_title:
                continue
            containing = self.matches(text)
            df = len(containing)
            idf = math.log(1.0 + (total - df + 0.5) / (df + 0.5))
            for d in docs & containing:
                tf = self.folded[d].count(text.folded)
                length = self.reader.doc_field_length(d, "words", 1) or 1
                k = _K1 * (1.0 - _B) + _K1 * _B / avg_exact * length
                scores[d] += idf * tf * (_K1 + 1.0) / (tf + k)
        # BM25 of the words in the titles, over the distinct titles with live blocks.
        titles: dict[str, tuple[Counter[str], int]] = {}
        for d in sorted(self.live):
            title = self.fields[d]["title_folded"]
            if title and title not in titles:
                count = self.reader.doc_frequency("title", title)
                titles[title] = (Counter(self.fields[d]["title_words"]), count)
        vocabulary = {w for counts, _ in titles.values() for w in counts}
        title_words = {w for t in texts for w in query_words(t.folded, vocabulary.__contains__)}
        if title_words and titles:
            blocks = sum(n for _, n in titles.values())
            avg_title = sum(sum(c.values()) * n for c, n in titles.values()) / blocks
            idf_of = {
                w: math.log(
                    1.0
                    + (blocks - (df := sum(n for c, n in titles.values() if w in c)) + 0.5)
                    / (df + 0.5)
                )
                for w in title_words
            }
            for d in docs:
                counts = titles[self.fields[d]["title_folded"]][0]
                norm = _K1 * (1.0 - _B + _B * sum(counts.values()) / max(avg_title, 1.0))
                scores[d] += TITLE_BOOST * sum(
                    idf_of[w] * counts[w] * (_K1 + 1.0) / (counts[w] + norm)
                    for w in title_words
                    if counts[w]
                )
        # Articles dense with the subject, and headings that contain it.
        per_article = Counter(self.fields[d]["article_id"] for d in docs)
        needles = [t.folded for t in texts if not t.in_title]
        ranked = []
        for d in docs:
            fields = self.fields[d]
            score = scores[d] * (
                1.0 + ARTICLE_DENSITY * math.log(per_article[fields["article_id"]])
            )
            if fields["kind"] in HEADING_KINDS and any(n in self.folded[d] for n in needles):
                score *= HEADING_BOOST
            ranked.append((-score, fields["article_id"], fields["start"], fields["block_id"]))
        ranked.sort()
        return len(docs), [(a, b, -s) for s, a, _, b in ranked]


def _term(field: str, value: str) -> Any:
    from whoosh.query import Term

    return Term(field, value)


def _compare(index: SearchIndex, reference: Reference, query: str, limit: int) -> None:
    total, expected = reference.rank(query)
    results = index.search(query, limit=limit)
    assert results.total == total, query
    got = [(h.article_id, h.block_id) for h in results.hits]
    assert got == [(a, b) for a, b, _ in expected[:limit]], query
    for hit, (_, _, score) in zip(results.hits, expected, strict=False):
        assert hit.score == pytest.approx(round(score, 4), abs=1e-4), query


@pytest.fixture(scope="module")
def bundled_index(library: Library, tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    index = SearchIndex(tmp_path_factory.mktemp("ranking") / "index")
    index.ensure(library.articles)
    return index


@pytest.mark.parametrize("query", QUERIES)
def test_the_ranking_is_the_documented_formula_on_the_bundled_archive(
    bundled_index: SearchIndex, query: str
) -> None:
    reference = Reference(bundled_index)
    _compare(bundled_index, reference, query, limit=10_000)
    _compare(bundled_index, reference, query, limit=7)


def test_the_ranking_holds_over_several_segments_with_deleted_blocks(
    library: Library, tmp_path: Path
) -> None:
    # Three copies of the archive written as separate updates (three segments), then
    # one article replaced and one removed: deleted blocks stay in their segments.
    index = SearchIndex(tmp_path / "index")
    index.workers = 1
    copies = [[replace(a, id=f"{a.id}~{n}") for a in library.articles] for n in range(3)]
    for batch in copies:
        index.ensure([a for done in copies[: copies.index(batch) + 1] for a in done])
    first = copies[0][0]
    edited = replace(first, title=first.title + "（修订）")
    kept = [edited, *copies[0][2:], *copies[1], *copies[2]]
    index.ensure(kept)
    reader = index._open_searcher()[0].reader()
    assert len(list(reader.leaf_readers())) > 1
    assert reader.doc_count_all() > reader.doc_count()  # some blocks are deleted
    reference = Reference(index)
    for query in QUERIES:
        _compare(index, reference, query, limit=25)
