"""jieba, loaded lazily and once, with its cache in the user cache folder.

Importing jieba costs about a second and a half (PITFALLS.md), so nothing
loads it until a word boundary is first needed.
"""

from __future__ import annotations

import functools
import threading
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


@functools.lru_cache(maxsize=8192)
def _cut_cached(text: str) -> tuple[str, ...]:
    with _lock:
        tokenizer = _tokenizer()
    return tuple(tokenizer.cut(text, HMM=False))


def words(text: str) -> tuple[str, ...]:
    """``text`` cut into words (jieba's accurate mode without HMM: stable and fast)."""
    if not text:
        return ()
    return _cut_cached(text)


def window_words(text: str, start: int, end: int, margin: int = 10) -> list[tuple[int, str]]:
    """The words of ``text`` around ``start:end`` (``margin`` characters either side), each with
    its offset in ``text``. Cutting a window instead of a whole block keeps extraction fast;
    jieba decides a boundary from a few characters of context, so the window gives the same
    words near its middle."""
    begin = max(0, start - margin)
    out = []
    position = begin
    for word in words(text[begin : end + margin]):
        out.append((position, word))
        position += len(word)
    return out


def word_ends(text: str) -> set[int]:
    """Offsets in ``text`` where a word ends."""
    ends: set[int] = set()
    position = 0
    for word in words(text):
        position += len(word)
        ends.add(position)
    return ends


@functools.lru_cache(maxsize=8192)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """``text`` cut into (word, part-of-speech tag) pairs by jieba.posseg, without HMM."""
    if not text:
        return ()
    import jieba.posseg

    load()
    with _lock:
        return tuple((pair.word, pair.flag) for pair in jieba.posseg.lcut(text, HMM=False))
