"""The analysis chain of the search index: folding, jieba words and character grams.

Everything here works on *folded* text (see :func:`fold`): one character in,
one character out, so a position in the folded text is a position in the
original and highlights land on the original characters.

Two analyses of the same folded text feed the index:

- **words** (ranking): jieba's search-mode segmentation, so 高新区 also yields
  高新 and 新区. Only used to score, never to decide what matches. Queries
  are not segmented: the indexed words they contain are looked up instead
  (:func:`query_words`), so searching never needs jieba.
- **grams** (recall): every pair of neighbouring characters, and the last
  character of a block on its own. A block contains a 2-character fragment
  exactly when it has that gram; longer fragments are looked up by their
  grams and then checked against the block text, so matching is exactly
  grep's. Every character begins some gram, so a 1-character query is a
  prefix lookup on this field.

The field classes below are pickled into the index's table of contents by
their module path: do not move or rename them. Bump :data:`ANALYSIS_VERSION`
whenever what they produce changes, so existing indexes are rebuilt.

jieba is loaded lazily, only to build or update the index (about a second),
with its dictionary cache in the application's cache folder.
"""

from __future__ import annotations

import logging
import operator
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from whoosh import fields, formats
from whoosh.system import pack_uint

from jining_archive.documents.normalise import fold

__all__ = [
    "ANALYSIS_VERSION",
    "GramField",
    "WordField",
    "fold",
    "gram_counts",
    "grams",
    "has_searchable_text",
    "load_jieba",
    "query_words",
    "segment",
    "segment_many",
]

#: Version of what the analysis produces; part of the index version.
ANALYSIS_VERSION = 3  # 3: gram postings weighted by their counts

_jieba_lock = threading.Lock()
_jieba_module: Any = None


def load_jieba(cache_dir: Path | None = None) -> Any:
    """Import and initialise jieba once, with its dictionary cache in ``cache_dir``.

    ``cache_dir`` defaults to the application's cache folder. Only the core
    segmenter is imported: ``jieba.analyse`` (TF-IDF tables) is never needed.
    """
    global _jieba_module
    with _jieba_lock:
        if _jieba_module is None:
            if cache_dir is None:
                from jining_archive import paths

                cache_dir = paths.cache_dir()
            import jieba

            # It logs "Building prefix dict" (INFO) and, when its dictionary cache cannot
            # be written, its own traceback (ERROR): neither is for the user.
            jieba.setLogLevel(logging.CRITICAL)
            cache_dir.mkdir(parents=True, exist_ok=True)
            jieba.dt.tmp_dir = str(cache_dir)
            jieba.dt.cache_file = "jieba.cache"
            jieba.initialize()
            _jieba_module = jieba
        return _jieba_module


def has_searchable_text(text: str) -> bool:
    """Whether ``text`` has a letter, digit or ideograph (not only punctuation and spaces)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


#: A run of jieba's word characters without its symbols (+#&._%-): ideographs,
#: lower-case letters and digits, as folded text has them.
_PLAIN_RUN = re.compile("[\u4e00-\u9fd5a-z0-9]+")

_rjieba_module: Any = None
_rjieba_tried = False


def _load_rjieba() -> Any:
    """rjieba (jieba's algorithm and dictionary in Rust), or None where it is missing."""
    global _rjieba_module, _rjieba_tried
    with _jieba_lock:
        if not _rjieba_tried:
            _rjieba_tried = True
            try:
                import rjieba

                _rjieba_module = rjieba
            except ImportError:  # the pure-Python segmenter gives the same words
                _rjieba_module = None
        return _rjieba_module


def segment(folded: str) -> list[str]:
    """jieba search-mode words of folded text, without spaces and punctuation.

    jieba cuts a text into runs of its word characters (ideographs, ASCII
    letters and digits, ``+#&._%-``) and segments each run on its own. Runs of
    ideographs, letters and digits go to rjieba, about twenty times faster, which
    gives the same words for them (tests/test_segmenter.py checks it on the bundled
    texts, the benchmark archive and the saved pages of the development set); runs
    with jieba's symbols, where the two differ (pm2.5, a.b), and everything else go
    to jieba itself.
    """
    if not folded:
        return []
    fast = _load_rjieba()
    if fast is None:
        return segment_jieba(folded)
    jieba = load_jieba()
    words: list[str] = []
    for run in jieba.re_han_default.split(folded):
        if not run:
            continue
        if _PLAIN_RUN.fullmatch(run):
            words.extend(fast.cut_for_search(run))
        elif jieba.re_han_default.fullmatch(run):
            words.extend(jieba.cut_for_search(run))
        else:
            # Between word runs jieba yields each character (and each run of
            # spaces) on its own: no word, only letters outside its alphabet.
            words.extend(run)
    return [w for w in words if w.isalnum() or has_searchable_text(w)]


def segment_jieba(folded: str) -> list[str]:
    """:func:`segment` by jieba alone (the reference the fast path must equal)."""
    if not folded:
        return []
    return [w for w in load_jieba().cut_for_search(folded) if has_searchable_text(w)]


#: Longest word looked for inside a query (jieba's dictionary words are shorter).
MAX_WORD_CHARS = 12


def query_words(folded: str, is_word: Callable[[str], bool]) -> list[str]:
    """The indexed words inside a folded query fragment, for ranking.

    Rather than segmenting the query (which would load jieba, about a second,
    for every command-line search), every substring of two or more characters
    that jieba produced somewhere in the index counts: the same words
    search-mode segmentation of the query would give, plus any longer word
    the fragment happens to contain. A one-character query is its own word.
    """
    if len(folded) == 1:
        return [folded] if is_word(folded) else []
    found = []
    for start in range(len(folded)):
        for end in range(start + 2, min(len(folded), start + MAX_WORD_CHARS) + 1):
            word = folded[start:end]
            if word not in found and has_searchable_text(word) and is_word(word):
                found.append(word)
    return found


def grams(folded: str) -> set[str]:
    """The distinct grams of folded text: each character with the next one, and the last alone."""
    return {folded[i : i + 2] for i in range(len(folded))}


def gram_counts(folded: str) -> dict[str, int]:
    """Each distinct gram of folded text with how often it occurs, counted as
    ``str.count`` counts (occurrences that do not overlap: 哈哈 once in 哈哈哈)."""
    if not folded:
        return {}
    counts = Counter(map(operator.add, folded, folded[1:]))
    counts[folded[-1]] += 1  # the last character alone
    for gram in counts:
        if len(gram) == 2 and gram[0] == gram[1]:
            counts[gram] = folded.count(gram)
    return dict(counts)


def _segment_chunk(texts: Sequence[str]) -> list[list[str]]:
    return [segment(text) for text in texts]


def _init_worker(cache_dir: str) -> None:
    load_jieba(Path(cache_dir))


#: Below this much text, starting worker processes (each loads jieba, about a
#: second) costs more than it saves.
PARALLEL_THRESHOLD_CHARS = 400_000


def segment_many(
    texts: Sequence[str],
    workers: int = 1,
    chunk_chars: int = 50_000,
    min_parallel_chars: int = PARALLEL_THRESHOLD_CHARS,
) -> Iterator[list[str]]:
    """Words of many folded texts, in order; spread over ``workers`` processes if large.

    Results are yielded as soon as each chunk is ready, so the caller can
    write the index while later chunks are still being segmented. Worker
    processes are started with "spawn" (forking a process that runs GUI
    threads can deadlock), which imports the program's main module again:
    it must keep its work under ``if __name__ == "__main__":``, and a frozen
    app must call ``multiprocessing.freeze_support()``.
    """
    total = sum(len(t) for t in texts)
    if workers <= 1 or total < min_parallel_chars:
        for text in texts:
            yield segment(text)
        return
    chunks = list(_chunks(texts, chunk_chars))
    from jining_archive import paths

    pool: Executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),
        initializer=_init_worker,
        initargs=(str(paths.cache_dir()),),
    )
    done = 0
    try:
        futures = [pool.submit(_segment_chunk, chunk) for chunk in chunks]
        for future in futures:
            try:
                words = future.result()
            except (BrokenProcessPool, OSError) as exc:
                # A worker could not start (e.g. the main module cannot be imported
                # again) or died: the rest is segmented here.
                logging.getLogger(__name__).warning("segmenting in one process: %s", exc)
                break
            yield from words
            done += 1
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    for chunk in chunks[done:]:
        yield from _segment_chunk(chunk)


def _chunks(texts: Sequence[str], chunk_chars: int) -> Iterator[Sequence[str]]:
    start = size = 0
    for i, text in enumerate(texts):
        size += len(text)
        if size >= chunk_chars:
            yield texts[start : i + 1]
            start, size = i + 1, 0
    if start < len(texts):
        yield texts[start:]


class WordField(fields.FieldType):
    """An index field of pre-segmented words with frequencies, for BM25F scoring.

    The value given to ``add_document`` is the list of words from
    :func:`segment`: segmenting happens before Whoosh sees the text, so it can
    run in other processes and is never done twice.
    """

    def __init__(self) -> None:
        super().__init__(format=formats.Frequency(), analyzer=None, scorable=True)

    def index(self, value: Iterable[str], **kwargs: Any) -> list[tuple[bytes, int, float, bytes]]:
        """Postings of one document: (term, frequency, weight, encoded frequency)."""
        return [
            (word.encode("utf-8"), freq, float(freq), pack_uint(freq))
            for word, freq in Counter(value).items()
        ]

    def term_counts(self, value: Iterable[str]) -> dict[bytes, int]:
        """The terms of :meth:`index` with their frequencies only."""
        return {word.encode("utf-8"): freq for word, freq in Counter(value).items()}


class GramField(fields.FieldType):
    """An index field of character grams (see :func:`grams`), unscored; each posting's
    weight is how often the gram occurs in the block (see :func:`gram_counts`), so a
    two-character query's occurrences are read from its postings, not counted."""

    def __init__(self) -> None:
        super().__init__(format=formats.Existence(), analyzer=None, scorable=False)

    def index(self, value: str, **kwargs: Any) -> list[tuple[bytes, int, float, bytes]]:
        """Postings of one document: each distinct gram of the folded text ``value``."""
        return [
            (gram.encode("utf-8"), count, float(count), b"")
            for gram, count in gram_counts(value).items()
        ]

    def weighted_terms(self, value: str) -> dict[bytes, int]:
        """The terms of :meth:`index` with their weights only."""
        return {gram.encode("utf-8"): count for gram, count in gram_counts(value).items()}
