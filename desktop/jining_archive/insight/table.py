"""Figure rows prepared for a table that filters and sorts as the user types.

Everything that costs time in proportion to the archive is done once, when the
table is built (off the GUI thread in the window): each row's folded search text
joined into one string, the rows of each kind, unit, article and year, and the
order of every sort key (as NumPy arrays). Choosing a filter or an order afterwards
costs a look-up, a substring search in C over the joined text (over the distinct
measures for the measure field), and one masked pass over the order in NumPy: about
30 ms at 400,000 figures for a one-character filter that keeps a tenth of them.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from jining_archive.documents.normalise import fold
from jining_archive.insight.rows import FigureFilter, FigureRow, value_key

#: The keys a table sorts by; "value" is by size within each kind and unit.
SORT_KEYS = ("position", "kind", "value", "measure", "qualifier", "period", "date", "article",
             "sentence")  # fmt: skip
_SEPARATOR = "\x00"
#: Long lists are sorted, joined and converted in runs of this many (see _sorted_by).
SORT_RUN = 8_192


def search_text(row: FigureRow) -> str:
    """What a text filter looks in: the sentence, the article's title and the measure, folded."""
    text = f"{row.sentence}\n{row.article_title}\n{row.measure or ''}"
    return fold(text).replace(_SEPARATOR, " ")


def _keys() -> dict[str, Callable[[FigureRow], Any]]:
    return {
        "position": lambda r: (r.date, r.article_id, r.figure.start),
        "kind": lambda r: (r.kind, r.date, r.article_id, r.figure.start),
        "value": value_key,
        "measure": lambda r: (r.measure is None, r.measure or "", r.unit, r.date),
        "qualifier": lambda r: (r.figure.qualifier is None, r.figure.qualifier or ""),
        "period": lambda r: (r.period is None, r.period or 0, r.date),
        "date": lambda r: (r.date, r.article_id, r.figure.start),
        "article": lambda r: (r.article_title, r.article_id, r.figure.start),
        "sentence": lambda r: (r.sentence, r.figure.start),
    }


class _Joined:
    """Texts joined into strings of SORT_RUN texts each, for finding which of them
    contain a needle. Not one string: joining 400,000 texts at once is a single call
    that holds the interpreter (see :func:`_sorted_by`) for a fifth of a second."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.runs: list[tuple[str, np.ndarray]] = []
        for first in range(0, len(texts), SORT_RUN):
            part = texts[first : first + SORT_RUN]
            starts: list[int] = []
            position = 0
            for text in part:
                starts.append(position)
                position += len(text) + 1
            self.runs.append((_SEPARATOR.join(part), np.array(starts, dtype=np.int64)))

    def containing(self, needle: str) -> list[int]:
        """Indices of the texts that contain ``needle``, in order.

        Every occurrence is found by the regular-expression engine (in C) and placed
        in its text by a binary search over all of them at once."""
        if not needle or _SEPARATOR in needle:
            return []
        pattern = re.compile(re.escape(needle))
        found: list[int] = []
        for number, (text, starts) in enumerate(self.runs):
            positions = np.fromiter((m.start() for m in pattern.finditer(text)), dtype=np.int64)
            if len(positions):
                inside = np.searchsorted(starts, positions, side="right") - 1
                found.extend((np.unique(inside) + number * SORT_RUN).tolist())
        return found


def _sorted_by(rows: Sequence[FigureRow], key: Callable[[FigureRow], Any]) -> list[int]:
    """The indices of ``rows`` in the order of ``key`` (ties in their order).

    One ``sorted`` of 400,000 keys is a single call in C that holds the interpreter
    for about half a second, and with it the window, whose event loop waits for the
    interpreter while the table is prepared on a worker thread. Short runs sorted
    one by one and merged by :func:`heapq.merge` (a generator: the interpreter can
    switch threads between its steps) give the same order with no long hold.
    """
    keyed = [(key(row), n) for n, row in enumerate(rows)]
    if len(keyed) <= SORT_RUN:
        keyed.sort()
        return [n for _, n in keyed]
    runs = [sorted(keyed[s : s + SORT_RUN]) for s in range(0, len(keyed), SORT_RUN)]
    return [n for _, n in heapq.merge(*runs)]


def _array(values: Sequence[int], dtype: Any) -> np.ndarray:
    """``values`` as a NumPy array, converted a run at a time (see :func:`_sorted_by`)."""
    if not values:
        return np.zeros(0, dtype=dtype)
    runs = [
        np.array(values[s : s + SORT_RUN], dtype=dtype) for s in range(0, len(values), SORT_RUN)
    ]
    return np.concatenate(runs)


class FigureTable:
    """Rows with their search texts, groups and orders; see the module docstring."""

    def __init__(self, rows: Sequence[FigureRow], texts: Sequence[str] | None = None) -> None:
        self.rows = list(rows)
        self._texts = _Joined(list(texts) if texts is not None else [search_text(r) for r in rows])
        # The measure field looks in the distinct measures (a few thousand), each with its rows.
        measure_rows: dict[str, list[int]] = {}
        for n, row in enumerate(self.rows):
            folded = fold(row.measure or "").replace(_SEPARATOR, " ")
            measure_rows.setdefault(folded, []).append(n)
        self._measure_keys = list(measure_rows)
        self._measure_rows = [measure_rows[m] for m in self._measure_keys]
        self._measures = _Joined(self._measure_keys)
        self._groups: dict[str, dict[Any, list[int]]] = {
            "kind": {},
            "unit": {},
            "article": {},
            "year": {},
            "source": {},
        }
        for n, row in enumerate(self.rows):
            self._groups["kind"].setdefault(row.kind, []).append(n)
            self._groups["unit"].setdefault(row.unit, []).append(n)
            if row.base_unit != row.unit:
                self._groups["unit"].setdefault(row.base_unit, []).append(n)
            self._groups["article"].setdefault(row.article_id, []).append(n)
            self._groups["year"].setdefault(row.year, []).append(n)
            self._groups["source"].setdefault(row.source, []).append(n)
        self.years = sorted(y for y in self._groups["year"] if y is not None)
        keys = _keys()
        self._orders: dict[tuple[str, bool], np.ndarray] = {}
        for name in SORT_KEYS:
            ascending = _sorted_by(self.rows, keys[name])
            if name == "value":  # by value, "descending" is largest first in each group
                orders = (ascending, self._smallest_first(ascending))
            else:
                orders = (ascending[::-1], ascending)
            self._orders[(name, True)] = _array(orders[0], np.int32)
            self._orders[(name, False)] = _array(orders[1], np.int32)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def sources(self) -> list[str]:
        """The sources of the rows' articles, sorted, without the empty one."""
        return sorted(s for s in self._groups["source"] if s)

    def _smallest_first(self, order: list[int]) -> list[int]:
        out: list[int] = []
        group: list[int] = []
        for i in order:
            if group and self.rows[group[0]].comparable != self.rows[i].comparable:
                out.extend(self._reverse_valued(group))
                group = []
            group.append(i)
        out.extend(self._reverse_valued(group))
        return out

    def _reverse_valued(self, group: list[int]) -> list[int]:
        valued = [i for i in group if self.rows[i].base_value is not None]
        return [*reversed(valued), *(i for i in group if self.rows[i].base_value is None)]

    def select(
        self, wanted: FigureFilter, key: str = "value", descending: bool = True
    ) -> list[int]:
        """Indices of the rows ``wanted`` keeps, in the order of ``key`` (the source as
        a whole name, as a list offers it; the measure and text as parts)."""
        order = self._orders[(key, descending)]
        candidates: list[list[int]] = []
        for name, value in (("kind", wanted.kind), ("unit", wanted.unit),
                            ("article", wanted.article_id), ("source", wanted.source)):  # fmt: skip
            if value:
                candidates.append(self._groups[name].get(value, []))
        if wanted.year is not None:
            candidates.append(self._groups["year"].get(wanted.year, []))
        if wanted.measure:
            found = self._measures.containing(fold(wanted.measure.strip()))
            candidates.append([n for m in found for n in self._measure_rows[m]])
        if wanted.text:
            candidates.append(self._texts.containing(fold(wanted.text)))
        every = len(self.rows)
        candidates = [c for c in candidates if len(c) < every]  # those that keep all rows
        if not candidates:
            return list(order.tolist())
        keep = np.ones(every, dtype=bool)
        for candidate in candidates:
            mask = np.zeros(every, dtype=bool)
            mask[np.asarray(candidate, dtype=np.int64)] = True
            keep &= mask
        return list(order[keep[order]].tolist())
