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
import io
import math
import pickle
import struct
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain, repeat
from typing import Any

import numpy as np
import numpy.typing as npt
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


#: A set of documents: a boolean mask over every document number of the index.
Mask = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

#: A one-character query whose character begins more grams than this counts the
#: character in every block instead of reading each gram's postings.
MAX_PREFIX_GRAMS = 64
#: The length before each posting block (Whoosh's signed int, as it writes it).
_INT = struct.Struct("!i")


class ColumnVectors:
    """The columns as NumPy arrays, so scoring and filtering work on whole sets at once.

    Article ids, kinds and titles become small integers: an article's number
    follows the order of the ids (ties in ranking are broken by id, then offset).
    """

    def __init__(self, columns: Columns) -> None:
        count = len(columns)
        self.count = count
        self.start: IntArray = np.asarray(columns.start, dtype=np.int64)
        self.length: FloatArray = np.asarray(columns.length, dtype=np.float64)
        self.folded_start: IntArray = np.asarray(columns.folded_start, dtype=np.int64)
        self.article_names = sorted(set(columns.article))
        numbers = {name: i for i, name in enumerate(self.article_names)}
        self.article = np.fromiter(map(numbers.__getitem__, columns.article), np.int64, count)
        self.kind_names = sorted(set(columns.kind))
        numbers = {kind: i for i, kind in enumerate(self.kind_names)}
        self.kind = np.fromiter(map(numbers.__getitem__, columns.kind), np.int64, count)
        heading = np.array([kind in HEADING_KINDS for kind in self.kind_names], dtype=np.bool_)
        self.heading: Mask = heading[self.kind] if count else np.zeros(0, np.bool_)
        #: Distinct folded titles, and each document's title as its index in that list.
        self.title_names: list[str] = list(dict.fromkeys(columns.title))
        numbers = {title: i for i, title in enumerate(self.title_names)}
        self.title = np.fromiter(map(numbers.__getitem__, columns.title), np.int64, count)

    def kinds_mask(self, kinds: Iterable[str]) -> Mask:
        """The documents of one of ``kinds``."""
        wanted = set(kinds)
        table = np.array([kind in wanted for kind in self.kind_names], dtype=np.bool_)
        return table[self.kind] if self.count else np.zeros(0, np.bool_)

    def articles_mask(self, allowed: Mapping[str, Any]) -> Mask:
        """The documents of the articles in ``allowed``."""
        table = np.array([name in allowed for name in self.article_names], dtype=np.bool_)
        return table[self.article] if self.count else np.zeros(0, np.bool_)


class TitleVectors:
    """The title table by title number: block counts, lengths, and each word's titles."""

    def __init__(self, vectors: ColumnVectors, table: dict[str, tuple[Counter[str], int]]) -> None:
        size = len(vectors.title_names)
        self.blocks: IntArray = np.zeros(size, dtype=np.int64)
        self.words_in: FloatArray = np.zeros(size, dtype=np.float64)
        self.known: Mask = np.zeros(size, dtype=np.bool_)
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for number, title in enumerate(vectors.title_names):
            entry = table.get(title)
            if entry is None:
                continue
            counts, blocks = entry
            self.known[number] = True
            self.blocks[number] = blocks
            self.words_in[number] = sum(counts.values())
            for word, n in counts.items():
                numbers, ns = postings.setdefault(word, ([], []))
                numbers.append(number)
                ns.append(n)
        self.postings = {
            word: (np.array(numbers, dtype=np.int64), np.array(ns, dtype=np.float64))
            for word, (numbers, ns) in postings.items()
        }
        #: Statistics over the whole table, as BM25 takes them.
        self.total_docs = sum(count for _, count in table.values()) or 1
        self.avg_length = sum(sum(c.values()) * n for c, n in table.values()) / self.total_docs


class StoredTexts:
    """What one searcher has read: stored fields and posting lists, kept for reuse."""

    #: Document numbers kept at most over all cached posting lists and counts (typing
    #: a query repeats the same grams); the caches are emptied when they would hold more.
    MAX_CACHED_POSTINGS = 8_000_000

    def __init__(self, searcher: Searcher, columns: Columns) -> None:
        self.searcher = searcher
        #: Article id, kind, start, folded text, titles and word count of every block.
        self.columns = columns
        self.vectors = ColumnVectors(columns)
        self._docs: dict[int, dict[str, Any]] = {}
        self._postings: dict[tuple[str, str], tuple[IntArray, FloatArray | None]] = {}
        #: Documents containing a needle and its counts in each, by folded needle.
        self._counted: dict[str, tuple[IntArray, IntArray]] = {}
        self._cached = 0
        self._deleted_docs: dict[int, IntArray] = {}
        self._live: Mask | None = None
        self._title_table: tuple[dict[str, tuple[Counter[str], int]], frozenset[str]] | None = None
        self._title_vectors: TitleVectors | None = None
        self._title_words: dict[str, Counter[str]] = {}
        self._known_title_words: dict[str, list[str]] = {}  # from the kept table
        self._new_titles = 0  # titles whose words were read since the table was kept

    def get(self, docnum: int) -> dict[str, Any]:
        """The stored fields of document ``docnum``."""
        doc = self._docs.get(docnum)
        if doc is None:
            doc = self._docs[docnum] = self.searcher.stored_fields(docnum)
        return doc

    def live(self) -> Mask:
        """Every live document (not deleted), as a mask. Do not change it in place."""
        if self._live is None:
            live = np.zeros(self.vectors.count, dtype=np.bool_)
            for segment_reader, offset in self.searcher.reader().leaf_readers():
                count = segment_reader.doc_count_all()
                live[offset : offset + count] = True
                deleted = self._deleted(segment_reader)
                if len(deleted):
                    live[deleted + offset] = False
            self._live = live
        return self._live

    def mask(self, ids: IntArray) -> Mask:
        """``ids`` as a mask over every document."""
        found = np.zeros(self.vectors.count, dtype=np.bool_)
        found[ids] = True
        return found

    def gram_docs(self, field: str, gram: str) -> IntArray:
        """The live documents whose ``field`` has ``gram``, in order."""
        ids, _ = self.postings(field, gram, weights=False)
        return ids

    def postings(
        self, field: str, term: str, weights: bool = True
    ) -> tuple[IntArray, FloatArray | None]:
        """The live documents with ``term`` in ``field`` in order, and their weights
        (None when not asked for).

        Read a block of postings at a time from each segment (Whoosh's matchers
        would take a Python call or three per posting).
        """
        cached = self._postings.get((field, term))
        if cached is not None and (cached[1] is not None or not weights):
            return cached
        id_parts: list[IntArray] = []
        weight_parts: list[FloatArray] = []
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
            if len(deleted):
                keep = ~np.isin(local, deleted)
                local = local[keep]
                local_weights = local_weights[keep] if local_weights is not None else None
            id_parts.append(local + offset if offset else local)
            if local_weights is not None:
                weight_parts.append(local_weights)
        ids = np.concatenate(id_parts) if id_parts else np.zeros(0, dtype=np.int64)
        found_weights = None
        if weights:
            found_weights = (
                np.concatenate(weight_parts) if weight_parts else np.zeros(0, dtype=np.float64)
            )
        self._make_room(len(ids))
        self._postings[(field, term)] = (ids, found_weights)
        self._cached += len(ids)
        return ids, found_weights

    def _deleted(self, segment_reader: Any) -> IntArray:
        key = id(segment_reader)
        deleted = self._deleted_docs.get(key)
        if deleted is None:
            deleted = np.array(sorted(segment_reader._perdoc.deleted_docs()), dtype=np.int64)
            self._deleted_docs[key] = deleted
        return deleted

    def length(self, docnum: int) -> int:
        """The number of jieba words in the block (as Whoosh stores it, approximately)."""
        return self.columns.length[docnum]

    def title_docs(self, needle: str) -> Mask:
        """The live documents whose titles contain ``needle`` (folded): exact, like grep."""
        vectors = self.vectors
        table = np.array([needle in title for title in vectors.title_names], dtype=np.bool_)
        if not vectors.count:
            return np.zeros(0, dtype=np.bool_)
        return table[vectors.title] & self.live()

    def title_words(self, docnum: int) -> Counter[str]:
        """The jieba words of the document's titles, counted (shared by blocks with one title)."""
        title = self.columns.title[docnum]
        words = self._title_words.get(title)
        if words is None:
            words = self._title_words[title] = Counter(self.get(docnum)["title_words"])
        return words

    def title_table(self) -> tuple[dict[str, tuple[Counter[str], int]], frozenset[str]]:
        """Each distinct title with live blocks, with its words and number of blocks
        (deleted ones included, as the index's statistics count them); all title words.

        Words come from the table kept beside the index where it has them (see
        :meth:`set_title_words`), else from the stored fields of one block of the
        title: after an update only the new titles are read.
        """
        if self._title_table is None:
            vectors = self.vectors
            size = len(vectors.title_names)
            every = np.bincount(vectors.title, minlength=size)
            live_ids = np.flatnonzero(self.live())
            first = np.full(size, -1, dtype=np.int64)
            first[vectors.title[live_ids][::-1]] = live_ids[::-1]  # each title's first block
            table: dict[str, tuple[Counter[str], int]] = {}
            known = self._known_title_words
            self._new_titles = 0
            for number, title in enumerate(vectors.title_names):
                docnum = int(first[number])
                if not title or docnum < 0:  # no title, or only deleted blocks
                    continue
                words = known.get(title)
                if words is None:
                    counts = self.title_words(docnum)
                    self._new_titles += 1
                else:
                    counts = self._title_words.setdefault(title, Counter(words))
                table[title] = (counts, int(every[number]))
            vocabulary = frozenset(word for counts, _ in table.values() for word in counts)
            self._title_table = (table, vocabulary)
        return self._title_table

    def title_vectors(self) -> TitleVectors:
        """The title table as arrays by title number (made once)."""
        if self._title_vectors is None:
            table, _ = self.title_table()
            self._title_vectors = TitleVectors(self.vectors, table)
        return self._title_vectors

    def set_title_words(self, words: dict[str, list[str]]) -> None:
        """Take the words of titles from the table kept beside the index."""
        self._known_title_words = words
        self._title_table = None
        self._title_vectors = None

    def titles_to_keep(self) -> list[tuple[str, int, list[str]]] | None:
        """The title table to keep with the index, when a search has just read words
        that the kept one lacked."""
        if self._title_table is None or not self._new_titles:
            return None
        self._new_titles = 0
        table, _ = self._title_table
        return [(title, count, list(words.elements())) for title, (words, count) in table.items()]

    def is_word(self, word: str) -> bool:
        """Whether jieba produced ``word`` anywhere in the indexed block texts."""
        return ("words", word) in self.searcher.reader()

    def counted(self, needle: str) -> tuple[IntArray, IntArray] | None:
        """Every live document containing the folded ``needle``, with how often it
        occurs in each, if a query has counted them."""
        return self._counted.get(needle)

    def keep_counted(self, needle: str, ids: IntArray, counts: IntArray) -> None:
        """Keep the documents containing ``needle`` (all of them) and their counts."""
        self._make_room(len(ids))
        self._counted[needle] = (ids, counts)
        self._cached += len(ids)

    def _make_room(self, entries: int) -> None:
        if self._cached + entries > self.MAX_CACHED_POSTINGS:
            self._postings.clear()
            self._counted.clear()
            self._cached = 0

    def count(self, needle: str, ids: IntArray) -> IntArray:
        """How often the folded ``needle`` occurs in each document of ``ids``."""
        if not len(ids):
            return np.zeros(0, dtype=np.int64)
        starts = self.vectors.folded_start
        wanted = encoded(needle)
        counts = map(
            self.columns.folded_text.count,
            repeat(wanted, len(ids)),
            starts[ids].tolist(),
            starts[ids + 1].tolist(),
        )
        return np.fromiter(counts, dtype=np.int64, count=len(ids))

    def candidates(self, field: str, folded: str) -> Mask | None:
        """Documents that have every gram of ``folded``: a superset of those containing it.

        Exact for one or two characters. A single character is the prefix of
        the grams that start with it; None when it begins so many grams that
        counting it in every block is quicker.
        """
        if len(folded) == 1:
            reader = self.searcher.reader()
            prefixed = []
            for gram in reader.expand_prefix(field, folded):
                prefixed.append(gram if isinstance(gram, str) else gram.decode())
                if len(prefixed) > MAX_PREFIX_GRAMS:
                    return None
            found = np.zeros(self.vectors.count, dtype=np.bool_)
            for gram in prefixed:
                found[self.gram_docs(field, gram)] = True
            return found
        # Overlapping pairs at a stride of two, plus the last pair, cover every character.
        starts = sorted({*range(0, len(folded) - 1, 2), len(folded) - 2})
        lists = sorted((self.gram_docs(field, folded[i : i + 2]) for i in starts), key=len)
        result = self.mask(lists[0])
        for other in lists[1:]:
            result &= self.mask(other)
        return result


def _blocks(matcher: W3LeafMatcher) -> Iterator[tuple[Any, Any]]:
    """(id differences, weights) of each posting block of a W3 matcher, in order.

    Reads the blocks as Whoosh writes them (a length, negative for the last
    block; a pickled info tuple; the pickled, maybe compressed, data tuple)
    straight from the segment's bytes where they are mapped (see
    :mod:`jining_archive.search.mapped`), without the matcher's few dozen
    small reads a block; otherwise through the matcher itself.
    """
    view = getattr(matcher._postfile, "_buf", None)
    if view is None:
        while matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            yield matcher._data[0], matcher._data[1]
            if matcher._lastblock:
                break
            matcher._goto(matcher._nextoffset)
        return
    position = matcher._baseoffset
    while True:
        (length,) = _INT.unpack_from(view, position)
        end = position + _INT.size + abs(length)
        block = io.BytesIO(view[position + _INT.size : end])
        info = pickle.load(block)
        data = block.read()
        if info[3]:  # compression level
            data = zlib.decompress(data)
        ids, weights, _values = pickle.loads(data)
        yield ids, weights
        if length < 0:
            break
        position = end


def _read_all(matcher: Any, weights: bool) -> tuple[IntArray, FloatArray | None]:
    """Every id (and weight) of a leaf matcher, a block at a time where it is Whoosh's W3."""
    if isinstance(matcher, W3LeafMatcher) and not matcher._byteids:
        # A block holds its ids as differences from the one before (the first from 0).
        deltas: list[Any] = []
        lengths: list[int] = []
        weight_parts: list[Any] = []
        for block_ids, block_weights in _blocks(matcher):
            deltas.append(block_ids)
            lengths.append(len(block_ids))
            if weights:
                if block_weights is None or isinstance(block_weights, float):
                    constant = 1.0 if block_weights is None else block_weights
                    weight_parts.append(np.full(len(block_ids), constant, np.float32))
                else:
                    weight_parts.append(np.asarray(block_weights, dtype=np.float32))
        if not deltas:
            return np.zeros(0, np.int64), (np.zeros(0, np.float64) if weights else None)
        flat = np.fromiter(chain.from_iterable(deltas), dtype=np.int64, count=sum(lengths))
        ids = np.cumsum(flat)
        ends = np.cumsum(lengths)
        # Each block restarts from zero: take away the running total before it.
        before = np.concatenate(([0], ids[ends[:-1] - 1]))
        ids -= np.repeat(before, lengths)
        found = np.concatenate(weight_parts).astype(np.float64) if weights else None
        return ids, found
    ids_list: list[int] = []
    weight_list: list[float] = []
    while matcher.is_active():  # e.g. a few postings kept inline in the term table
        ids_list.append(matcher.id())
        if weights:
            weight_list.append(matcher.weight())
        matcher.next()
    return (
        np.array(ids_list, dtype=np.int64),
        np.array(weight_list, dtype=np.float64) if weights else None,
    )


class QueryRun:
    """One evaluation of a query against a searcher: every set is a mask."""

    def __init__(self, searcher: Searcher, stored: StoredTexts) -> None:
        self.searcher = searcher
        self.stored = stored
        #: The documents each word or phrase of the query matched (before filters).
        self.text_docs: dict[Text, Mask] = {}

    def universe(self) -> Mask:
        """Every live document."""
        return self.stored.live()

    def docs(self, node: Node) -> Mask:
        """The documents matching ``node`` (a new mask or a cached one: never changed)."""
        if isinstance(node, Text):
            return self._text_docs(node)
        if isinstance(node, Year):
            return self._year_docs(node)
        if isinstance(node, Kind):
            return self.stored.vectors.kinds_mask(node.kinds) & self.universe()
        if isinstance(node, ArticleIs):
            return self.stored.vectors.articles_mask(dict.fromkeys(node.ids)) & self.universe()
        if isinstance(node, Not):
            return self.universe() & ~self.docs(node.child)
        if isinstance(node, Or):
            found = np.zeros(self.stored.vectors.count, dtype=np.bool_)
            for child in node.children:
                found |= self.docs(child)
            return found
        return self._and_docs(node)

    def _year_docs(self, node: Year) -> Mask:
        found = np.zeros(self.stored.vectors.count, dtype=np.bool_)
        first, last = f"{node.first:04d}", f"{node.last:04d}"
        for term in self.searcher.reader().lexicon("year"):
            year = term if isinstance(term, str) else term.decode("utf-8")
            if first <= year <= last:
                found[self.stored.gram_docs("year", year)] = True
        return found

    def _and_docs(self, node: And) -> Mask:
        positives: list[Node] = [c for c in node.children if not isinstance(c, Not)]
        negatives: list[Node] = [c.child for c in node.children if isinstance(c, Not)]
        if positives:
            found = self.docs(positives[0]).copy()
            for child in positives[1:]:
                if not found.any():
                    return found
                found &= self.docs(child)
        else:
            found = self.universe().copy()
        for child in negatives:
            if not found.any():
                break
            found &= ~self.docs(child)
        return found

    def _text_docs(self, text: Text) -> Mask:
        cached = self.text_docs.get(text)
        if cached is not None:
            return cached
        needle = text.folded
        stored = self.stored
        if text.in_title:
            found = stored.title_docs(needle)
        else:
            counted = stored.counted(needle)
            if counted is not None:
                found = stored.mask(counted[0])
            else:
                candidates = None if len(needle) == 2 else stored.candidates("grams", needle)
                if len(needle) == 2:
                    # A gram lookup is already exact, and its weights are the counts.
                    ids, weights = stored.postings("grams", needle)
                    assert weights is not None
                    stored.keep_counted(needle, ids, weights.astype(np.int64))
                    found = stored.mask(ids)
                elif candidates is not None and len(needle) == 1:
                    found = candidates  # the grams it begins: exact
                else:
                    ids = np.flatnonzero(candidates if candidates is not None else stored.live())
                    counts = stored.count(needle, ids)
                    keep = counts > 0
                    stored.keep_counted(needle, ids[keep], counts[keep])
                    found = stored.mask(ids[keep])
        self.text_docs[text] = found
        return found

    def occurrences(self, text: Text, ids: IntArray) -> IntArray:
        """How often ``text`` occurs in each of ``ids`` (documents it matches, in order)."""
        stored = self.stored
        known = stored.counted(text.folded)
        if known is None:
            matching = self.text_docs[text]
            every = int(np.count_nonzero(matching))
            if len(ids) * 4 < every:  # a few of many: count just those
                return stored.count(text.folded, ids)
            # Most of them: count them all, for the next query with this text.
            all_ids = np.flatnonzero(matching)
            known = (all_ids, stored.count(text.folded, all_ids))
            stored.keep_counted(text.folded, *known)
        counted_ids, counts = known
        return counts[np.searchsorted(counted_ids, ids)]


def rank(
    run: QueryRun,
    parsed: Query,
    docs: Mask,
    articles: Mapping[str, Article] | None = None,
    limit: int | None = None,
) -> list[tuple[float, int]]:
    """(score, docnum) for ``docs``, best first; ties in reading order. With ``limit``,
    only the first ``limit`` of that order (the same ones, without sorting the rest)."""
    texts = parsed.positive_texts()
    ids = np.flatnonzero(docs)
    if not len(ids):
        return []
    vectors = run.stored.vectors
    scores = np.zeros(len(ids), dtype=np.float64)
    _add_word_scores(run, texts, docs, ids, scores)
    contains_any = _add_exact_scores(run, texts, ids, scores)
    _add_title_scores(run, texts, ids, scores)

    # 1 + ARTICLE_DENSITY * ln(n), with n the article's matching blocks (math.log, as
    # it always was: the scores shown stay the same to the last digit).
    article = vectors.article[ids]
    per_article = np.bincount(article)
    most = int(per_article.max())
    boosts = np.array([1.0 + ARTICLE_DENSITY * math.log(n) if n else 0.0 for n in range(most + 1)])
    scores *= boosts[per_article[article]]
    heading = vectors.heading[ids] & contains_any
    scores[heading] *= HEADING_BOOST

    start = vectors.start[ids]
    chosen = np.arange(len(ids))
    if limit is not None and limit < len(ids):
        if limit <= 0:
            return []
        # Every document scoring at least the limit-th best score, ties included.
        threshold = -np.partition(-scores, limit - 1)[limit - 1]
        chosen = np.flatnonzero(scores >= threshold)
    order = chosen[np.lexsort((start[chosen], article[chosen], -scores[chosen]))]
    if limit is not None:
        order = order[:limit]
    return list(zip(scores[order].tolist(), ids[order].tolist(), strict=True))


def _add_word_scores(
    run: QueryRun, texts: Iterable[Text], docs: Mask, ids: IntArray, scores: FloatArray
) -> None:
    """BM25F of the query's jieba words in the block word field, for ``ids`` (in order).

    Computed here with Whoosh's BM25F formula and statistics rather than by a
    Whoosh search, which sizes its arrays by the whole index and looks up each
    document's length again for every term. Each term's postings are read
    whole (see :meth:`StoredTexts.postings`) and cut to the matching documents.
    """
    searcher = run.searcher
    reader = searcher.reader()
    is_word = run.stored.is_word
    words = {w for text in texts if not text.in_title for w in query_words(text.folded, is_word)}
    avg_length = searcher.avg_field_length("words") or 1.0
    length_of = run.stored.vectors.length
    k1_plus = _K1 + 1.0
    base, per_word = _K1 * (1.0 - _B), _K1 * _B / avg_length
    for word in words:
        if ("words", word) not in reader:
            continue
        idf = searcher.idf("words", word)
        posting_ids, weights = run.stored.postings("words", word)
        assert weights is not None
        inside = docs[posting_ids]
        found, tf = posting_ids[inside], weights[inside]
        where = np.searchsorted(ids, found)
        scores[where] += idf * tf * k1_plus / (tf + base + per_word * length_of[found])


def _add_title_scores(
    run: QueryRun, texts: Iterable[Text], ids: IntArray, scores: FloatArray
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
    table = stored.title_vectors()
    total_docs = table.total_docs
    per_title = np.zeros(len(table.blocks), dtype=np.float64)
    norm = _K1 * (1.0 - _B + _B * table.words_in / max(table.avg_length, 1.0))
    for word in words:
        numbers, counts = table.postings[word]
        df = int(table.blocks[numbers].sum())
        idf = math.log(1.0 + (total_docs - df + 0.5) / (df + 0.5))
        per_title[numbers] += idf * counts * (_K1 + 1.0) / (counts + norm[numbers])
    per_title *= TITLE_BOOST
    scores += per_title[stored.vectors.title[ids]]
    unknown = ~table.known[stored.vectors.title[ids]]
    for i in np.flatnonzero(unknown).tolist():  # a title missing from a kept table
        docnum = int(ids[i])
        counts_of = stored.title_words(docnum)
        length = sum(counts_of.values())
        title_norm = _K1 * (1.0 - _B + _B * length / max(table.avg_length, 1.0))
        score = 0.0
        for word in words:
            if counts_of[word]:
                numbers, _ = table.postings.get(word, (np.zeros(0, np.int64), None))
                df = int(table.blocks[numbers].sum())
                idf = math.log(1.0 + (total_docs - df + 0.5) / (df + 0.5))
                score += idf * counts_of[word] * (_K1 + 1.0) / (counts_of[word] + title_norm)
        scores[i] += TITLE_BOOST * score


def _add_exact_scores(
    run: QueryRun, texts: Iterable[Text], ids: IntArray, scores: FloatArray
) -> Mask:
    """BM25 of the exact occurrences of each word or phrase; returns which of ``ids``
    contain at least one of them."""
    searcher = run.searcher
    total_docs = max(1, searcher.doc_count())
    avg_length = max(1.0, searcher.avg_field_length("words", 1.0))
    length_of = run.stored.vectors.length
    k1_plus = _K1 + 1.0
    base, per_word = _K1 * (1.0 - _B), _K1 * _B / avg_length
    contains = np.zeros(len(ids), dtype=np.bool_)
    for text in texts:
        if text.in_title:
            continue
        matching = run.text_docs.get(text)
        if matching is None:
            continue
        df = int(np.count_nonzero(matching))
        idf = math.log(1.0 + (total_docs - df + 0.5) / (df + 0.5))
        inside = matching[ids]
        found = ids[inside]
        tf = run.occurrences(text, found).astype(np.float64)
        scores[inside] += idf * tf * k1_plus / (tf + base + per_word * length_of[found])
        contains |= inside
    return contains


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
