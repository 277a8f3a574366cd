"""jieba, loaded lazily and once, with its cache in the user cache folder.

Importing jieba costs about a second and a half (PITFALLS.md), so nothing
loads it until a word boundary is first needed. Runs of plain word characters
are cut by rjieba, which gives jieba's words in linear time (see :func:`cut`).
"""

from __future__ import annotations

import functools
import itertools
import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any

_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import logging

    import jieba

    from jining_archive import paths

    # CRITICAL, not WARNING: jieba logs its own traceback (at ERROR) when it cannot
    # write its dictionary cache, which costs only load time.
    jieba.setLogLevel(logging.CRITICAL)
    try:
        cache = paths.cache_dir()
        cache.mkdir(parents=True, exist_ok=True)
        jieba.dt.tmp_dir = str(cache)
    except OSError:
        pass  # an unwritable cache folder only costs load time
    jieba.dt.initialize()
    import jieba.posseg  # its tag table loads on import: load it with the rest

    return jieba.dt


def load() -> None:
    """Load the dictionary now (e.g. off the GUI thread) instead of on first use."""
    with _lock:
        _tokenizer()


#: A run of jieba's word characters without its symbols (+#&._%-) and capitals:
#: ideographs, lower-case letters and digits. rjieba cuts such a run into the same
#: words as jieba (tests/test_faults_hostile.py checks it on the bundled texts) about
#: twenty times faster, and in linear time where jieba is quadratic in a long run of
#: digits or letters ("1" × 10**6 took jieba 9 s).
_PLAIN_RUN = re.compile("[\u4e00-\u9fd5a-z0-9]+")


_HAN_SPLIT = re.compile("([\u4e00-\u9fd5]+)")
_ASCII = re.compile(r"[\x00-\x7f]")


@functools.lru_cache(maxsize=1)
def _fast_cutter() -> Any:
    """rjieba (jieba's algorithm and dictionary in Rust), or None where it is missing."""
    try:
        import rjieba
    except ImportError:
        return None
    return rjieba


def cut(text: str) -> list[str]:
    """jieba's accurate-mode words of ``text`` without HMM, not cached.

    jieba cuts a text into runs of its word characters and cuts each run on its own;
    plain runs go to rjieba, the rest (symbols, capitals, punctuation) to jieba.
    """
    with _lock:
        tokenizer = _tokenizer()
    fast = _fast_cutter()
    if fast is None:
        return list(tokenizer.cut(text, HMM=False))
    if _PLAIN_RUN.fullmatch(text):
        return list(fast.cut(text, False))  # one run (most names and phrases)
    import jieba

    out: list[str] = []
    for index, run in enumerate(jieba.re_han_default.split(text)):
        if not run:
            continue
        if not index % 2 and "\r\n" not in run:
            out.extend(run)  # between word runs jieba makes each character a word (\r\n one)
        elif index % 2 and _PLAIN_RUN.fullmatch(run):
            out.extend(fast.cut(run, False))
        else:
            out.extend(tokenizer.cut(run, HMM=False))
    return out


@functools.lru_cache(maxsize=8192)
def _cut_cached(text: str) -> tuple[str, ...]:
    return tuple(cut(text))


def words(text: str) -> tuple[str, ...]:
    """``text`` cut into words (jieba's accurate mode without HMM: stable and fast)."""
    if not text:
        return ()
    return _cut_cached(text)


def word_offsets(text: str) -> tuple[tuple[str, ...], list[int]]:
    """``text``'s words and the offset of each, with ``len(text)`` last (so word ``i`` is
    ``text[offsets[i]:offsets[i + 1]]``)."""
    cut_words = words(text)
    return cut_words, list(itertools.accumulate(map(len, cut_words), initial=0))


def window_words(text: str, start: int, end: int, margin: int = 10) -> list[tuple[int, str]]:
    """The words of ``text`` around ``start:end`` (``margin`` characters either side), each with
    its offset in ``text``. Cutting a window instead of a whole block keeps extraction fast;
    jieba decides a boundary from a few characters of context, so the window gives the same
    words near its middle."""
    begin = max(0, start - margin)
    cut_words, offsets = word_offsets(text[begin : end + margin])
    return list(zip((begin + offset for offset in offsets), cut_words, strict=False))


def word_ends(text: str) -> set[int]:
    """Offsets in ``text`` where a word ends."""
    return set(itertools.accumulate(map(len, words(text))))


def _table_pairs(text: str) -> Iterator[Iterable[tuple[str, str]]]:
    """The (word, tag) pairs of a text without ASCII, run by run, lazily.

    posseg cuts runs of ideographs as jieba does and tags each word from its table (x where
    the table has none); any other character without ASCII (CJK extensions, punctuation) is
    a word of its own tagged x. The fast cut and the table give the same pairs, without
    posseg's second pass over the dictionary."""
    import jieba.posseg

    load()
    get = jieba.posseg.dt.word_tag_tab.get
    for index, part in enumerate(_HAN_SPLIT.split(text)):
        if index % 2:
            cut_words = words(part)
            yield zip(cut_words, map(get, cut_words, itertools.repeat("x")), strict=False)
        else:
            yield zip(part, itertools.repeat("x"), strict=False)


@functools.lru_cache(maxsize=8192)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """``text`` cut into (word, part-of-speech tag) pairs by jieba.posseg, without HMM."""
    if not text:
        return ()
    if not _ASCII.search(text):
        return tuple(itertools.chain.from_iterable(_table_pairs(text)))
    import jieba.posseg

    load()
    with _lock:
        return tuple((pair.word, pair.flag) for pair in jieba.posseg.lcut(text, HMM=False))


def tagged_from_start(text: str) -> Iterator[tuple[str, str]]:
    """The pairs of :func:`tagged`, made one at a time from the start: for a reader that
    usually stops after the first word or two of a long text."""
    if not text:
        return
    if _ASCII.search(text):
        yield from tagged(text)
        return
    for pairs in _table_pairs(text):
        yield from pairs


def is_place(word: str) -> bool:
    """True when jieba tags ``word`` as one word, a place name (ns)."""
    tags = tagged(word)
    return len(tags) == 1 and tags[0][1] == "ns"
