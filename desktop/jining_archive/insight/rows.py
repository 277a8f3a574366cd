"""Every figure of the archive as a row: what it measures, where it is, and its sentence.

A row adds to the extraction's ``Figure`` what a table across articles needs: the
article's title and date, the sentence around the figure, the year the sentence
speaks of (its period), and the figure's value in a base unit so that figures in
units that convert (亩 and 平方米, 公里 and 米) sort together. Units that do not
convert (家 and 个, 元 and 美元) are never put in one order.

The measure of a row is the extraction's measure; for a count without one it is
the thing counted, the noun phrase after the classifier (56家世界500强企业 →
世界500强企业), so counts of the same thing in different reports line up.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jining_archive.documents.normalise import fold
from jining_archive.extraction import KINDS, Figure

if TYPE_CHECKING:
    from jining_archive.documents.model import Article, Block
    from jining_archive.library import Library

# Factors into one base unit per kind, for the units that convert exactly (亩 is
# 10000/15 m², 马力 the metric horsepower). Units not listed convert to nothing but
# themselves: money in another currency, counts, ranks, months and years.
_BASE_UNITS: dict[str, dict[str, tuple[str, float]]] = {
    "area": {
        "平方米": ("平方米", 1.0),
        "平方公里": ("平方米", 1e6),
        "公顷": ("平方米", 1e4),
        "亩": ("平方米", 10000 / 15),
    },
    "length": {
        "米": ("米", 1.0),
        "公里": ("米", 1000.0),
        "厘米": ("米", 0.01),
        "毫米": ("米", 0.001),
    },
    "weight": {
        "千克": ("千克", 1.0),
        "吨": ("千克", 1000.0),
        "克": ("千克", 0.001),
        "斤": ("千克", 0.5),
    },
    "power": {
        "瓦": ("瓦", 1.0),
        "千瓦": ("瓦", 1e3),
        "兆瓦": ("瓦", 1e6),
        "马力": ("瓦", 735.49875),
    },
    "duration": {
        "秒": ("秒", 1.0),
        "分钟": ("秒", 60.0),
        "小时": ("秒", 3600.0),
        "天": ("秒", 86400.0),
        "周": ("秒", 7 * 86400.0),
        "年": ("个月", 12.0),
        "个月": ("个月", 1.0),
    },
    "speed": {"公里每小时": ("米每秒", 1000 / 3600), "米每秒": ("米每秒", 1.0)},
}
_SENTENCE_END = "。！？；!?;\n"
# What ends the phrase after a classifier: punctuation, digits that start another figure.
_COUNTED_BREAK = re.compile(r"[，,。；;：:、！!？?（）()“”\"《》\n…—]|\s|\d+[年月日]")
_COUNTED_MAX = 10
# Parts of speech that may stand in the name of what is counted (nouns, foreign words
# and numbers in 世界500强企业, distinguishing words such as 规上), and the joining
# words allowed between two nouns (国家和地区).
_COUNTED_TAGS = ("n", "eng", "m", "a", "b", "j", "vn")
_JOINING = frozenset("和与及")
_FIRST_YEAR, _LAST_YEAR = 1949, 2100


@dataclass(frozen=True)
class FigureRow:
    """One figure with its article, sentence, measure, period and comparable value."""

    figure: Figure
    article_title: str
    date: str
    date_estimated: bool
    section_id: str | None
    measure: str | None
    #: "text" when the extraction found the measure, "counted" for what a count counts.
    measure_from: str | None
    sentence: str
    sentence_start: int
    #: The year the sentence speaks of (2022年……221.2亿元), None when it names none.
    period: int | None
    base_unit: str
    base_value: float | None
    #: The article's source (济宁日报 …).
    source: str = ""

    @property
    def article_id(self) -> str:
        """The article's id."""
        return self.figure.article_id

    @property
    def kind(self) -> str:
        """The figure's kind (money, count …)."""
        return self.figure.kind

    @property
    def unit(self) -> str:
        """The figure's unit as the extraction names it (元, 家, 平方米 …)."""
        return self.figure.unit

    @property
    def value(self) -> float | None:
        """The extraction's normalised value (money in yuan …)."""
        return self.figure.value

    @property
    def year(self) -> int | None:
        """The year of the article's date."""
        head = self.date[:4]
        return int(head) if head.isdigit() else None

    @property
    def comparable(self) -> tuple[str, str]:
        """Rows with the same (kind, base unit) can be put in one order of size."""
        return (self.figure.kind, self.base_unit)


def base_of(kind: str, unit: str, value: float | None) -> tuple[str, float | None]:
    """The base unit of ``unit`` and ``value`` in it (the unit itself when none converts)."""
    base, factor = _BASE_UNITS.get(kind, {}).get(unit, (unit, 1.0))
    if value is None or not math.isfinite(value):
        return base, None
    return base, value * factor


def sentence_span(block: Block, start: int, end: int) -> tuple[int, int]:
    """Article offsets of the sentence of ``block`` holding ``start``–``end``."""
    text = block.text
    left = max(0, min(start - block.start, len(text)))
    right = max(left, min(end - block.start, len(text)))
    begin = max((text.rfind(mark, 0, left) for mark in _SENTENCE_END), default=-1) + 1
    ends = [i for mark in _SENTENCE_END if (i := text.find(mark, right)) >= 0]
    finish = min(ends) + 1 if ends else len(text)
    while begin < finish and text[begin].isspace():
        begin += 1
    return block.start + begin, block.start + finish


def counted_thing(text_after: str) -> str | None:
    """What a count counts: the noun phrase that follows its classifier, or None."""
    from jining_archive.extraction import segment

    cut = _COUNTED_BREAK.search(text_after)
    clause = text_after[: cut.start()] if cut else text_after
    clause = clause[: _COUNTED_MAX + 4]
    if clause.startswith("的"):
        clause = clause[1:]
    words: list[tuple[str, str]] = []
    for word, tag in segment.tagged(clause):
        if word in _JOINING and words:
            words.append((word, "c"))
            continue
        if not tag.startswith(_COUNTED_TAGS) or (tag in ("m", "eng") and not word.isdigit()):
            break  # 全部 is a numeral word, 500 in 世界500强 a number
        words.append((word, tag))
        if sum(len(w) for w, _ in words) >= _COUNTED_MAX:
            break
    while words and not words[-1][1].startswith(("n", "j")):
        words.pop()  # a phrase ends on a noun: 世界500强企业, not 世界500强
    phrase = "".join(w for w, _ in words)
    if len(phrase) < 2 or not any(t.startswith(("n", "j")) for _, t in words):
        return None
    return phrase


def _periods(figures: Sequence[Figure]) -> list[tuple[int, int]]:
    """(start, year) of the figures that are years, in reading order."""
    out = []
    for f in figures:
        if f.kind == "date" and f.value is not None and _FIRST_YEAR <= f.value <= _LAST_YEAR:
            out.append((f.start, int(f.value)))
    return sorted(out)


def _period(years: list[tuple[int, int]], span: tuple[int, int], start: int) -> int | None:
    """The year of the sentence ``span`` nearest before ``start``, else the first after."""
    inside = [(s, y) for s, y in years if span[0] <= s < span[1]]
    before = [y for s, y in inside if s < start]
    if before:
        return before[-1]
    return inside[0][1] if inside else None


def rows_of_article(article: Article, figures: Sequence[Figure]) -> list[FigureRow]:
    """The rows of one article's figures, in reading order."""
    blocks = {b.id: b for b in article.blocks}
    years = _periods(figures)
    rows: list[FigureRow] = []
    for figure in sorted(figures, key=lambda f: (f.start, f.end)):
        block = blocks.get(figure.block_id)
        if block is not None:
            span = sentence_span(block, figure.start, figure.end)
            sentence = article.text[span[0] : span[1]]
            after = article.text[figure.end : block.end]
        else:
            span, sentence, after = (figure.start, figure.end), figure.text, ""
        measure, source = figure.measure, "text" if figure.measure else None
        if measure is None and figure.kind == "count":
            measure = counted_thing(after)
            source = "counted" if measure else None
        base_unit, base_value = base_of(figure.kind, figure.unit, figure.value)
        rows.append(
            FigureRow(
                figure=figure,
                article_title=article.title,
                date=article.date,
                date_estimated=article.date_estimated,
                section_id=block.section_id if block is not None else None,
                measure=measure,
                measure_from=source,
                sentence=sentence,
                sentence_start=span[0],
                period=None if figure.kind == "date" else _period(years, span, figure.start),
                base_unit=base_unit,
                base_value=base_value,
                source=article.source,
            )
        )
    return rows


def figure_rows(library: Library) -> list[FigureRow]:
    """Every figure of the archive as a row, articles oldest first, in reading order."""
    by_article: dict[str, list[Figure]] = {}
    for figure in library.figures():
        by_article.setdefault(figure.article_id, []).append(figure)
    rows: list[FigureRow] = []
    for article in library.articles:
        found = by_article.get(article.id)
        if found:
            rows.extend(rows_of_article(article, found))
    return rows


def measure_key(measure: str) -> str:
    """The form in which two measures are the same (traditional, width and case folded)."""
    return fold(measure.strip())


_KIND_ORDER = {kind: n for n, kind in enumerate(KINDS)}


def value_key(row: FigureRow) -> tuple[int, str, int, float]:
    """Sort key, largest first within a comparable group; groups in the order of KINDS."""
    value = row.base_value
    return (
        _KIND_ORDER.get(row.kind, len(KINDS)),
        row.base_unit,
        1 if value is None else 0,
        -(value if value is not None else 0.0),
    )


def sort_by_value(rows: Iterable[FigureRow], descending: bool = True) -> list[FigureRow]:
    """Rows by size within each comparable group (kind and base unit), largest first.

    Rows of groups that do not convert into each other are never interleaved: all
    money, then all percentages …; a row without a value ends its group.
    """
    ordered = sorted(rows, key=value_key)
    if descending:
        return ordered
    out: list[FigureRow] = []
    group: list[FigureRow] = []
    for row in ordered:
        if group and group[0].comparable != row.comparable:
            out.extend(_ascending(group))
            group = []
        group.append(row)
    out.extend(_ascending(group))
    return out


def _ascending(group: list[FigureRow]) -> list[FigureRow]:
    valued = [r for r in group if r.base_value is not None]
    return [*reversed(valued), *(r for r in group if r.base_value is None)]


@dataclass(frozen=True)
class FigureFilter:
    """Which rows to keep; an empty field keeps every row."""

    kind: str = ""
    unit: str = ""
    measure: str = ""
    article_id: str = ""
    year: int | None = None
    source: str = ""
    text: str = ""

    def is_empty(self) -> bool:
        """True when it keeps every row."""
        return self == FigureFilter()

    def matches(self, row: FigureRow) -> bool:
        """Whether ``row`` passes."""
        if self.kind and row.kind != self.kind:
            return False
        if self.unit and self.unit not in (row.unit, row.base_unit):
            return False
        if self.measure and (
            row.measure is None or measure_key(self.measure) not in measure_key(row.measure)
        ):
            return False
        if self.article_id and row.article_id != self.article_id:
            return False
        if self.year is not None and row.year != self.year:
            return False
        if self.source and self.source != row.source:
            return False
        if self.text:
            needle = fold(self.text)
            haystack = fold(f"{row.sentence}\n{row.article_title}\n{row.measure or ''}")
            if needle not in haystack:
                return False
        return True


def filter_rows(rows: Iterable[FigureRow], wanted: FigureFilter) -> list[FigureRow]:
    """The rows ``wanted`` keeps."""
    if wanted.is_empty():
        return list(rows)
    return [r for r in rows if wanted.matches(r)]
