"""Running a parsed query against an open index: exact matching, then ranking.

Matching is grep's: the gram field only proposes candidate blocks (a block
containing a fragment has all of the fragment's grams), and each candidate is
kept only if its folded text really contains the fragment. No positional
phrase queries are run, so common grams cost a set lookup, not a merge of
position lists.

Ranking adds up, for the words and phrases a hit contains:

- BM25F over the block's jieba word field: a fragment that is a real word
  scores higher than one that merely straddles words;
- BM25 over the exact occurrences found by matching, so fragments jieba
  splits differently still rank by how often and how densely they occur;
- BM25 of the query's words in the block's titles (article title, subtitle
  and the headings above the block), weighted :data:`TITLE_BOOST` times: a
  title match counts more than a mention. All blocks under one heading share
  their titles, so this is computed once per distinct title, not per block;

then multiplies by ``1 + ARTICLE_DENSITY * ln(matching blocks in the
article)``, so an article that keeps coming back to the subject ranks above
one that mentions it in passing, and by :data:`HEADING_BOOST` when the block
is itself a title or heading containing the words: the heading of a section
on the subject comes before the paragraphs under it.
"""

from __future__ import annotations

import contextlib
import heapq
import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.searching import Searcher

from jining_archive.documents.model import Article
from jining_archive.search.analysis import query_words
from jining_archive.search.columns import Columns, encoded
from jining_archive.search.query import And, ArticleIs, Kind, Node, Not, Or, Query, Text, Year
from jining_archive.search.results import Hit, find_all, make_snippet, merge_spans

TITLE_BOOST = 3.0
ARTICLE_DENSITY = 0.3
HEADING_BOOST = 1.5
HEADING_KINDS = frozenset({"title", "subtitle", "heading"})
_K1, _B = 1.2, 0.75


class StoredTexts:
    """What one searcher has read: stored fields and gram posting sets, kept for reuse."""

    #: Gram posting sets kept at most (typing a query repeats the same grams).
    MAX_GRAM_SETS = 4096

    def __init__(self, searcher: Searcher, columns: Columns) -> None:
        self.searcher = searcher
        #: Article id, kind, start, folded text, titles and word count of every block.
        self.columns = columns
        self._docs: dict[int, dict[str, Any]] = {}
        self._grams: dict[tuple[str, str], frozenset[int]] = {}
        self._postings: dict[tuple[str, str], tuple[list[int], list[float]]] = {}
        self._deleted_docs: dict[int, frozenset[int]] = {}
        self._titles: list[tuple[str, int]] | None = None
        self._title_table: tuple[dict[str, tuple[Counter[str], int]], frozenset[str]] | None = None
        self._title_words: dict[str, Counter[str]] = {}
        self._titles_kept = False  # whether the table came from (or went to) the index's file

    def get(self, docnum: int) -> dict[str, Any]:
        """The stored fields of document ``docnum``."""
        doc = self._docs.get(docnum)
        if doc is None:
            doc = self._docs[docnum] = self.searcher.stored_fields(docnum)
        return doc

    def gram_docs(self, field: str, gram: str) -> frozenset[int]:
        """The live documents whose ``field`` has ``gram``."""
        key = (field, gram)
        docs = self._grams.get(key)
        if docs is None:
            ids, _ = self.postings(field, gram, weights=False)
            docs = frozenset(ids)
            if len(self._grams) >= self.MAX_GRAM_SETS:
                self._grams.clear()
            self._grams[key] = docs
        return docs

    def postings(
        self, field: str, term: str, weights: bool = True
    ) -> tuple[list[int], list[float]]:
        """The live documents with ``term`` in ``field`` in order, and their weights.

        Read a block of postings at a time from each segment (Whoosh's matchers
        would take a Python call or three per posting).
        """
        if weights:
            cached = self._postings.get((field, term))
            if cached is not None:
                return cached
        ids: list[int] = []
        found_weights: list[float] = []
        reader = self.searcher.reader()
        tbytes = term.encode("utf-8")
        for segment_reader, offset in reader.leaf_readers():
            if (field, tbytes) not in segment_reader:
                continue
            matcher = segment_reader._terms.matcher(
                field, tbytes, segment_reader.schema[field].format
            )
            local, local_weights = _read_all(matcher, weights)
            deleted = self._deleted(segment_reader)
            if deleted:
                keep = [i for i, d in enumerate(local) if d not in deleted]
                local = [local[i] for i in keep]
                local_weights = [local_weights[i] for i in keep] if weights else []
            ids.extend([d + offset for d in local] if offset else local)
            found_weights.extend(local_weights)
        if weights:
            if len(self._postings) >= self.MAX_GRAM_SETS:
                self._postings.clear()
            self._postings[(field, term)] = (ids, found_weights)
        return ids, found_weights

    def _deleted(self, segment_reader: Any) -> frozenset[int]:
        key = id(segment_reader)
        deleted = self._deleted_docs.get(key)
        if deleted is None:
            deleted = self._deleted_docs[key] = frozenset(segment_reader._perdoc.deleted_docs())
        return deleted

    def length(self, docnum: int) -> int:
        """The number of jieba words in the block (as Whoosh stores it, approximately)."""
        return self.columns.length[docnum]

    def titles(self) -> list[tuple[str, int]]:
        """Every distinct folded title text in the index, with how many blocks have it."""
        if self._titles is None:
            reader = self.searcher.reader()
            self._titles = [
                (title, reader.doc_frequency("title", title))
                for title in (
                    t if isinstance(t, str) else t.decode("utf-8") for t in reader.lexicon("title")
                )
            ]
        return self._titles

    def title_docs(self, needle: str) -> set[int]:
        """The documents whose titles contain ``needle`` (folded): exact, like grep."""
        found: set[int] = set()
        for title, _ in self.titles():
            if needle in title:
                found |= self.gram_docs("title", title)
        return found

    def title_words(self, docnum: int) -> Counter[str]:
        """The jieba words of the document's titles, counted (shared by blocks with one title)."""
        title = self.columns.title[docnum]
        words = self._title_words.get(title)
        if words is None:
            words = self._title_words[title] = Counter(self.get(docnum)["title_words"])
        return words

    def title_table(self) -> tuple[dict[str, tuple[Counter[str], int]], frozenset[str]]:
        """Each distinct title with its words and number of blocks; all title words."""
        if self._title_table is None:
            table: dict[str, tuple[Counter[str], int]] = {}
            for title, count in self.titles():
                docnum = next(iter(self.gram_docs("title", title)), None)
                if docnum is not None:
                    table[title] = (self.title_words(docnum), count)
            vocabulary = frozenset(word for counts, _ in table.values() for word in counts)
            self._title_table = (table, vocabulary)
        return self._title_table

    def set_titles(self, titles: list[tuple[str, int, list[str]]]) -> None:
        """Take the title table from a file kept with the index: (title, blocks, words)."""
        self._titles = [(title, count) for title, count, _ in titles]
        table = {title: (Counter(words), count) for title, count, words in titles}
        vocabulary = frozenset(word for counts, _ in table.values() for word in counts)
        self._title_table = (table, vocabulary)
        self._titles_kept = True

    def titles_to_keep(self) -> list[tuple[str, int, list[str]]] | None:
        """The title table to keep with the index, once, after a search built it."""
        if self._title_table is None or self._titles_kept:
            return None
        self._titles_kept = True
        table, _ = self._title_table
        return [(title, count, list(words.elements())) for title, (words, count) in table.items()]

    def is_word(self, word: str) -> bool:
        """Whether jieba produced ``word`` anywhere in the indexed block texts."""
        return ("words", word) in self.searcher.reader()

    def candidates(self, field: str, folded: str) -> set[int]:
        """Documents that have every gram of ``folded``: a superset of those containing it.

        Exact for one or two characters. A single character is the prefix of
        the grams that start with it.
        """
        if len(folded) == 1:
            reader = self.searcher.reader()
            found: set[int] = set()
            for gram in reader.expand_prefix(field, folded):
                found |= self.gram_docs(field, gram if isinstance(gram, str) else gram.decode())
            return found
        # Overlapping pairs at a stride of two, plus the last pair, cover every character.
        starts = sorted({*range(0, len(folded) - 1, 2), len(folded) - 2})
        sets = sorted((self.gram_docs(field, folded[i : i + 2]) for i in starts), key=len)
        result = set(sets[0])
        for other in sets[1:]:
            if not result:
                break
            result &= other
        return result


def _read_all(matcher: Any, weights: bool) -> tuple[list[int], list[float]]:
    """Every (id, weight) of a leaf matcher, a block at a time where it is Whoosh's W3."""
    ids: list[int] = []
    found: list[float] = []
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            matcher._read_ids()
            ids.extend(matcher._ids)
            if weights:
                matcher._read_weights()
                found.extend(matcher._weights)
            if matcher._lastblock:
                break
            matcher._goto(matcher._nextoffset)
        return ids, found
    while matcher.is_active():  # e.g. a few postings kept inline in the term table
        ids.append(matcher.id())
        if weights:
            found.append(matcher.weight())
        matcher.next()
    return ids, found


class QueryRun:
    """One evaluation of a query against a searcher."""

    def __init__(self, searcher: Searcher, stored: StoredTexts) -> None:
        self.searcher = searcher
        self.stored = stored
        self._universe: set[int] | None = None
        self.text_docs: dict[Text, set[int]] = {}

    def universe(self) -> set[int]:
        """Every live document."""
        if self._universe is None:
            self._universe = set(self.searcher.reader().all_doc_ids())
        return self._universe

    def docs(self, node: Node) -> set[int]:
        """The documents matching ``node``."""
        if isinstance(node, Text):
            return self._text_docs(node)
        if isinstance(node, Year):
            years = wq.TermRange("year", f"{node.first:04d}", f"{node.last:04d}")
            return set(self.searcher.docs_for_query(years))
        if isinstance(node, Kind):
            kinds = wq.Or([wq.Term("kind", kind) for kind in node.kinds])
            return set(self.searcher.docs_for_query(kinds))
        if isinstance(node, ArticleIs):
            articles = wq.Or([wq.Term("article_id", article_id) for article_id in node.ids])
            return set(self.searcher.docs_for_query(articles))
        if isinstance(node, Not):
            return self.universe() - self.docs(node.child)
        if isinstance(node, Or):
            found: set[int] = set()
            for child in node.children:
                found |= self.docs(child)
            return found
        return self._and_docs(node)

    def _and_docs(self, node: And) -> set[int]:
        positives: list[Node] = [c for c in node.children if not isinstance(c, Not)]
        negatives: list[Node] = [c.child for c in node.children if isinstance(c, Not)]
        if positives:
            # Cheapest first: filters and rare fragments shrink the set early.
            found = self.docs(positives[0])
            for child in positives[1:]:
                if not found:
                    return found
                found &= self.docs(child)
        else:
            found = set(self.universe())
        for child in negatives:
            if not found:
                break
            found -= self.docs(child)
        return found

    def _text_docs(self, text: Text) -> set[int]:
        cached = self.text_docs.get(text)
        if cached is not None:
            return cached
        needle = text.folded
        if text.in_title:
            found = self.stored.title_docs(needle)
        elif len(needle) <= 2:
            found = self.stored.candidates("grams", needle)  # a gram lookup is already exact
        else:
            candidates = self.stored.candidates("grams", needle)
            columns = self.stored.columns
            find, starts, wanted = columns.folded_text.find, columns.folded_start, encoded(needle)
            found = {d for d in candidates if find(wanted, starts[d], starts[d + 1]) >= 0}
        self.text_docs[text] = found
        return found


def rank(
    run: QueryRun,
    parsed: Query,
    docs: set[int],
    articles: Mapping[str, Article] | None = None,
    limit: int | None = None,
) -> list[tuple[float, int]]:
    """(score, docnum) for ``docs``, best first; ties in reading order. With ``limit``,
    only the first ``limit`` of that order (the same ones, without sorting the rest)."""
    texts = parsed.positive_texts()
    scores: defaultdict[int, float] = defaultdict(float)
    if docs:
        _add_word_scores(run, texts, sorted(docs), scores)
        _add_exact_scores(run, texts, docs, scores)
        _add_title_scores(run, texts, docs, scores)

    columns = run.stored.columns
    article_of, kind_of, start_of = columns.article, columns.kind, columns.start
    find, folded_start = columns.folded_text.find, columns.folded_start
    per_article = Counter(article_of[d] for d in docs)
    boost_log = {a: 1.0 + ARTICLE_DENSITY * math.log(n) for a, n in per_article.items()}
    needles = [encoded(t.folded) for t in texts if not t.in_title]
    ranked = []
    for docnum in docs:
        score = scores[docnum] * boost_log[article_of[docnum]]
        if kind_of[docnum] in HEADING_KINDS:
            begin, end = folded_start[docnum], folded_start[docnum + 1]
            if any(find(n, begin, end) >= 0 for n in needles):
                score *= HEADING_BOOST
        ranked.append((score, docnum))

    def order(item: tuple[float, int]) -> tuple[float, str, int]:
        return -item[0], article_of[item[1]], start_of[item[1]]

    if limit is not None and limit < len(ranked):
        # As sorted(...)[:limit], ties included: a common word matches 100,000 blocks.
        return heapq.nsmallest(limit, ranked, key=order)
    ranked.sort(key=order)
    return ranked


def _add_word_scores(
    run: QueryRun, texts: Iterable[Text], docs: list[int], scores: defaultdict[int, float]
) -> None:
    """BM25F of the query's jieba words in the block word field, for ``docs`` (sorted).

    Computed here with Whoosh's BM25F formula and statistics rather than by a
    Whoosh search, which sizes its arrays by the whole index and looks up each
    document's length again for every term. Each term's postings are read
    whole (see :meth:`StoredTexts.postings`) and either walked or searched
    for each document, whichever touches fewer entries.
    """
    searcher = run.searcher
    reader = searcher.reader()
    is_word = run.stored.is_word
    words = {w for text in texts if not text.in_title for w in query_words(text.folded, is_word)}
    avg_length = searcher.avg_field_length("words") or 1.0
    wanted = set(docs)
    length_of = run.stored.columns.length
    k1_plus = _K1 + 1.0
    base, per_word = _K1 * (1.0 - _B), _K1 * _B / avg_length
    for word in words:
        if ("words", word) not in reader:
            continue
        idf = searcher.idf("words", word)
        ids, weights = run.stored.postings("words", word)
        if len(docs) * 16 < len(ids):  # few documents: look each one up
            pairs = []
            for docnum in docs:
                i = bisect_left(ids, docnum)
                if i < len(ids) and ids[i] == docnum:
                    pairs.append((docnum, weights[i]))
        else:
            pairs = [(d, tf) for d, tf in zip(ids, weights, strict=True) if d in wanted]
        for docnum, tf in pairs:
            scores[docnum] += idf * tf * k1_plus / (tf + base + per_word * length_of[docnum])


def _add_title_scores(
    run: QueryRun, texts: Iterable[Text], docs: set[int], scores: defaultdict[int, float]
) -> None:
    """BM25 of the query's words in each block's titles, times TITLE_BOOST.

    Blocks under one heading share their titles, so the statistics are taken
    over the distinct titles (each weighted by its number of blocks) and each
    distinct title is scored once.
    """
    stored = run.stored
    titles, vocabulary = stored.title_table()
    words = {w for text in texts for w in query_words(text.folded, vocabulary.__contains__)}
    if not words or not titles:
        return
    total_docs = sum(count for _, count in titles.values()) or 1
    avg_length = sum(sum(c.values()) * n for c, n in titles.values()) / total_docs
    idf = {}
    for word in words:
        df = sum(count for counts, count in titles.values() if word in counts)
        idf[word] = math.log(1.0 + (total_docs - df + 0.5) / (df + 0.5))
    per_title: dict[str, float] = {}
    title_of = stored.columns.title
    for docnum in docs:
        title = title_of[docnum]
        score = per_title.get(title)
        if score is None:
            counts = titles[title][0] if title in titles else stored.title_words(docnum)
            norm = _K1 * (1.0 - _B + _B * sum(counts.values()) / max(avg_length, 1.0))
            score = per_title[title] = TITLE_BOOST * sum(
                idf[w] * counts[w] * (_K1 + 1.0) / (counts[w] + norm) for w in words if counts[w]
            )
        if score:
            scores[docnum] += score


def _add_exact_scores(
    run: QueryRun, texts: Iterable[Text], docs: set[int], scores: defaultdict[int, float]
) -> None:
    searcher = run.searcher
    total_docs = max(1, searcher.doc_count())
    avg_length = max(1.0, searcher.avg_field_length("words", 1.0))
    for text in texts:
        if text.in_title:
            continue
        matching = run.text_docs.get(text, set())
        df = len(matching)
        idf = math.log(1.0 + (total_docs - df + 0.5) / (df + 0.5))
        columns = run.stored.columns
        count, starts, length_of = columns.folded_text.count, columns.folded_start, columns.length
        needle = encoded(text.folded)
        k1_plus = _K1 + 1.0
        base, per_word = _K1 * (1.0 - _B), _K1 * _B / avg_length
        for docnum in docs & matching:
            tf = count(needle, starts[docnum], starts[docnum + 1])
            scores[docnum] += idf * tf * k1_plus / (tf + base + per_word * length_of[docnum])


def make_hit(
    run: QueryRun,
    parsed: Query,
    docnum: int,
    score: float,
    articles: Mapping[str, Article] | None = None,
) -> Hit:
    """The hit for one ranked document: matches, snippet and titles."""
    return hit_from_stored(
        run.stored.get(docnum), run.stored.columns.folded(docnum), parsed, score, articles
    )


def hit_from_stored(
    stored: Mapping[str, Any],
    folded: str,
    parsed: Query,
    score: float,
    articles: Mapping[str, Article] | None = None,
) -> Hit:
    """The hit for one block from its stored fields (article_id, block_id, kind, start,
    text, section_id, article_title, section_title) and folded text."""
    start: int = stored["start"]
    local = merge_spans(
        [span for text in parsed.positive_texts() for span in find_all(folded, text.folded)]
    )
    snippet_text, snippet_spans = make_snippet(stored["text"], local)
    article_title = stored["article_title"]
    section_title = stored["section_title"]
    article = articles.get(stored["article_id"]) if articles is not None else None
    if article is not None:
        article_title = article.title
        section_id = stored["section_id"]
        if section_id:
            with contextlib.suppress(KeyError):
                section_title = article.section(section_id).title
    return Hit(
        article_id=stored["article_id"],
        article_title=article_title,
        section_id=stored["section_id"] or None,
        section_title=section_title,
        block_id=stored["block_id"],
        kind=stored["kind"],
        score=round(score, 4),
        matches=[(start + s, start + e) for s, e in local],
        snippet_text=snippet_text,
        snippet_spans=snippet_spans,
    )
