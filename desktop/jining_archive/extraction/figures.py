"""Figures: every quantity a reader would mark, with a normalised value.

The scanner works block by block on folded text (``normalise.fold`` keeps
offsets, so full-width digits and traditional characters need no rules of
their own) and reports offsets into ``Article.text``. Dates are found first
(``dates.find_dates``); the other figures are a number, an optional range,
multipliers (万/亿), an approximation marker (余/多) and a unit or classifier.

Every regular expression here is linear: no nested quantifiers over the same
characters, so adversarial input cannot make it backtrack catastrophically.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from jining_archive.documents.model import Article, Block
from jining_archive.documents.normalise import fold
from jining_archive.extraction.dates import find_dates
from jining_archive.extraction.measure import find_measure
from jining_archive.extraction.numbers import (
    ARABIC_PATTERN,
    CN_BIG_UNITS,
    CN_NUMERAL_CHARS,
    MULTIPLIERS,
    is_bare_magnitude,
    parse_number,
)
from jining_archive.extraction.units import CHINESE_COUNT_CLASSIFIERS, UNIT_SURFACES, UNITS

KINDS = (
    "money",
    "percent",
    "count",
    "area",
    "length",
    "weight",
    "power",
    "speed",
    "duration",
    "rank",
    "date",
    "other",
)


@dataclass(frozen=True)
class Figure:
    """A quantity in an article: its text, where it is, and what it means.

    ``text`` is the article's own characters (number, approximation marker, unit); ``value``
    is normalised (money in yuan unless ``unit`` names another currency, percent as the
    number before %, counts as the count, areas and the rest in ``unit``, dates as the year
    when the text gives one, ranges as their lower bound). ``unit`` and ``qualifier`` come
    from closed vocabularies in simplified characters (元, 平方米, 个; 约, 超过, 以上, 余 …);
    ``measure`` is quoted from the text. ``start``/``end`` are offsets into Article.text.
    """

    article_id: str
    block_id: str
    text: str
    kind: str
    value: float | None
    unit: str
    qualifier: str | None
    measure: str | None
    start: int
    end: int
    #: Where a relative date's year comes from: "" (the text states it, or no year),
    #: "article_date" or "estimated_article_date" (今年 in an article of 2024 → 2024).
    date_basis: str = ""


_CN_NUM = rf"[{CN_NUMERAL_CHARS}]+(?:点[〇零一二三四五六七八九]+)?"
_NUM = rf"(?:{ARABIC_PATTERN}|{_CN_NUM})"
_UNIT_ALT = "|".join(re.escape(u) for u in UNIT_SURFACES)
# Spaces (ASCII, no-break, thin, narrow no-break, ideographic) or a line break that
# newspaper-to-text conversion leaves between a number and its unit: 908 亿元, 70 个.
_GAP = "[ \u00a0\u2009\u202f\u3000]{1,3}|[ \u00a0\u2009\u202f]*\n[ \u00a0\u2009\u202f]*"
_FIGURE_RE = re.compile(
    rf"(?P<ord>第)?(?P<num>{_NUM})(?:(?P<sep>[-—–~～至到])(?P<num2>{_NUM}))?"
    rf"(?:(?P<gap>{_GAP})(?=[万亿]|{_UNIT_ALT}))?"
    rf"(?P<mult>[万亿]{{0,2}})(?P<approx>余|多)?(?P<mult2>[万亿]{{0,2}})(?P<unit>{_UNIT_ALT})?"
)
_PERCENT_WORDS_RE = re.compile(rf"百分之(?P<num>{_NUM})")
_FRACTION_RE = re.compile(
    r"(?<![一二三四五六七八九十\d])(?P<num>[一二三四五六七八九]|\d)成(?![为立长功本员果熟就效交型品])"
)
_HALF_RE = re.compile(r"(?<![上下前后大多一])半(?P<unit>年|个月|天|个小时|小时)(?!度|来)")

LEADING_QUALIFIERS = (
    "不低于",
    "不少于",
    "不超过",
    "不足",
    "不到",
    "将近",
    "接近",
    "大约",
    "超过",
    "高达",
    "多达",
    "至少",
    "最高",
    "达到",
    "突破",
    "约",
    "逾",
    "近",
    "超",
    "过",
    "达",
)
_LEADING_BLOCKERS = {
    "近": "最附将接临靠亲贴",
    "过": "经通不超度跨越闯错路放难",
    "超": "高赶",
    "达": "到抵表传下发",
    "约": "节制签履违契",
}
TRAILING_QUALIFIERS = ("以上", "以下", "以内", "之内", "左右", "上下", "有余", "余", "多", "内")
_QUOTE_OPEN = '“"「『‘'
_QUOTE_CLOSE = '”"」』’'
_CODE_CHARS = re.compile(r"[A-Za-z@#_/\\:]")
_MONEY_MEASURE_HINT = re.compile(
    r"[值额资金收入税润费款本]|产值|投资|规模|招商|引资|营收|销售|出口|进口|融资"
)


def _quoted_name_at(text: str, start: int) -> bool:
    """A number opening a short quotation is a programme name (“1477”, “十四五”, “八条路”)."""
    if start == 0 or text[start - 1] not in _QUOTE_OPEN:
        return False
    closes = [at for at in (text.find(ch, start, start + 14) for ch in _QUOTE_CLOSE) if at >= 0]
    if not closes:
        return False
    inner = text[start : min(closes)]
    return not any(ch in inner for ch in "，,。；;！!？?")


def _title_spans(text: str) -> list[tuple[int, int]]:
    """Spans of 《book titles》: numbers inside them belong to the title."""
    spans = []
    for match in re.finditer(r"《[^《》\n]{0,80}》", text):
        spans.append((match.start(), match.end()))
    return spans


def _by_char(words: tuple[str, ...], at: int) -> dict[str, tuple[str, ...]]:
    """``words`` grouped by their character at ``at``, each group in the original order."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[at], []).append(word)
    return {ch: tuple(group) for ch, group in groups.items()}


# Looked up by the character next to the figure: most figures have no qualifier, and
# trying every qualifier at every figure dominated the time on text dense with figures.
_LEADING_BY_LAST = _by_char(LEADING_QUALIFIERS, -1)
_TRAILING_BY_FIRST = _by_char(TRAILING_QUALIFIERS, 0)


def _leading_qualifier(text: str, start: int) -> str | None:
    if start == 0:
        return None
    for qualifier in _LEADING_BY_LAST.get(text[start - 1], ()):
        begin = start - len(qualifier)
        if begin >= 0 and text[begin:start] == qualifier:
            blockers = _LEADING_BLOCKERS.get(qualifier, "")
            if begin > 0 and text[begin - 1] in blockers:
                continue
            return qualifier
    return None


def _trailing_qualifier(text: str, end: int) -> str | None:
    if end >= len(text):
        return None
    for qualifier in _TRAILING_BY_FIRST.get(text[end], ()):
        if text.startswith(qualifier, end):
            return qualifier
    return None


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    value: float | None
    unit: str
    qualifier: str | None
    offset: int | None = None  # a relative date's years after the year of writing


_RANGE_SEPARATORS = "-—–~～至到"
# 。 between digits, followed by the rest of a number and a multiplier or unit, stands for
# a decimal point (57。6亿元): a sentence does not end inside a figure.
_IDEOGRAPHIC_POINT_RE = re.compile(rf"(?<=\d)。(?=\d+(?:{_GAP})?(?:[万亿]|{_UNIT_ALT}))")
# Classifiers that are also the first character of a verb (列入, 列为).
_VERB_AFTER_UNIT = {"列": "入为出举"}
# An abbreviation of two to five letters names the measure (GDP762亿元; folded text is in
# lower case); a single letter before digits is a code (G236, A3).
_ABBREVIATION_RE = re.compile(r"(?<![a-z0-9])[a-z]{2,5}\Z")


def _read_figure(folded: str, match: re.Match[str], after_range: bool = False) -> _Found | None:
    """Interpret one regex match, or None when it is not a figure; ``after_range`` when the
    match is the upper end of a range (its first character follows the separator)."""
    num, unit_text, ord_, gap, mult, mult2, approx, num2 = match.group(
        "num", "unit", "ord", "gap", "mult", "mult2", "approx", "num2"
    )
    unit_text = unit_text or ""
    start, end = match.start(), match.end()
    ordinal = bool(ord_)
    before = folded[start - 1] if start > 0 else ""
    after = folded[end] if end < len(folded) else ""
    arabic = num[0].isdigit()

    negative = before == "-" and (start < 2 or not folded[start - 2].isascii()) and not after_range
    code_char = before.isascii() and (before.isalnum() or before in ".-+") and not negative
    if code_char and before.isalpha() and unit_text and not unit_text.isascii():
        code_char = not _ABBREVIATION_RE.search(folded, max(0, start - 8), start)
    if after_range:
        code_char = False
    if before and (code_char or before in "数几"):
        return None  # codes (G236), decimals gone wrong (1..2), 数十家
    if after and after.isascii() and after.isalpha() and not unit_text:
        return None  # 5G, 3D, M0 (2万辆SUV: after a unit, the letters are the next word)
    if unit_text in _VERB_AFTER_UNIT and after and after in _VERB_AFTER_UNIT[unit_text]:
        return None  # 3列入 is not three trains
    if after == "级" or (after == "." and end + 1 < len(folded) and folded[end + 1].isdigit()):
        return None  # 千亿级, 三级 are classes, not amounts
    if not arabic and before in CN_NUMERAL_CHARS:
        return None
    if after and after in ":：" and not unit_text:
        return None  # clock times

    if not arabic and all(ch in CN_BIG_UNITS for ch in num):
        return None  # 亿元, 万平方米: a unit without a number is never a figure
    if gap and not arabic:
        return None  # a space after a Chinese numeral: 两 个 is not how figures are written
    value = parse_number(num)
    if value is None:
        return None  # a number that cannot be read is dropped, never given a value
    for ch in (mult or "") + (mult2 or ""):
        value *= MULTIPLIERS[ch]
    multiplied = bool(mult or mult2) or (not arabic and any(ch in "万亿" for ch in num))

    if ordinal:
        if unit_text not in ("名", "位", "个") or num2:
            return None  # 第三代, 第十三届, 第一批: ordinals inside names
        return _Found(start, end, "rank", value, unit_text, None)

    value = _tidy(value)
    plain_number = num.replace(",", "")
    if (
        gap
        and unit_text == "年"
        and plain_number.isdigit()
        and len(plain_number) == 4
        and 1950 <= int(plain_number) <= 2099
        and not num2
    ):
        return _Found(start, end, "date", float(plain_number), "", None)  # 2023 年
    if not unit_text:
        if approx:
            return None
        plain = num.replace(",", "")
        is_year = arabic and plain.isdigit() and len(plain) == 4 and 1950 <= int(plain) <= 2099
        if is_year and not mult and after not in "%‰":
            return _Found(start, end, "date", float(plain), "", None)
        if multiplied and (not is_bare_magnitude(num) or _leading_qualifier(folded, start)):
            return _Found(start, end, "other", value, "", None)
        return None

    unit = UNITS[unit_text]
    kind = unit.kind
    if not arabic:
        if num == "一" and kind not in ("duration", "money"):
            return None  # 一公里, 一个: an article or part of a phrase more often than a figure
        if kind == "count" and (
            unit_text not in CHINESE_COUNT_CLASSIFIERS
            or num in ("一", "二")
            or is_bare_magnitude(num)
        ):
            return None  # 一个, 二支渠, 千人, 万家: articles and names, not counts
        if unit_text in ("方", "米", "克", "周") and len(num) == 1:
            return None  # 三方, 一米阳光
    if unit_text == "年" and arabic:
        plain = num.replace(",", "")
        if plain.isdigit() and len(plain) == 4:
            if num2 and 1900 <= int(plain) <= 2100:
                return _Found(start, end, "date", float(plain), "", None)  # 2023-2025年
            return None  # a year the date scanner declined (e.g. 1477年)
    value = _tidy(value * unit.factor)
    if negative:
        start, value = start - 1, -value  # 增长-3.2%
    return _Found(start, end, kind, value, unit.name, approx)


def _tidy(value: float) -> float:
    """Drop binary noise from decimal arithmetic: 156.8 × 10^8 is 15680000000, not …0.000002."""
    value = float(value)  # int.is_integer is new in Python 3.12
    if value.is_integer() and abs(value) < 1e15:
        return value  # a whole number below 10^15 has no noise to drop
    return float(f"{value:.15g}")


def _with_upper_end(folded: str, figure: _Found) -> _Found:
    """``figure`` extended over the upper end of a range written with a unit on both ends
    (5亿元~10亿元, 5亿~10亿元): one figure valued at its lower bound."""
    end = figure.end
    if figure.kind in ("date", "rank") or end >= len(folded):
        return figure
    if folded[end] not in _RANGE_SEPARATORS:
        return figure
    match = _FIGURE_RE.match(folded, end + 1)
    upper = _read_figure(folded, match, after_range=True) if match else None
    if upper is None or upper.kind in ("date", "rank"):
        return figure
    if (upper.kind, upper.unit) != (figure.kind, figure.unit) and (
        figure.unit or figure.kind != "other"
    ):
        return figure
    return _Found(figure.start, upper.end, upper.kind, figure.value, upper.unit, figure.qualifier)


def _scan_block(folded: str) -> list[_Found]:
    """All figures of one folded block, in order, without overlaps."""
    found: list[_Found] = []
    for span in find_dates(folded):
        found.append(_Found(span.start, span.end, "date", span.year, "", None, span.offset))
    for match in _FIGURE_RE.finditer(folded):
        figure = _read_figure(folded, match)
        if figure:
            found.append(_with_upper_end(folded, figure))
    for match in _PERCENT_WORDS_RE.finditer(folded):
        value = parse_number(match.group("num"))
        if value is not None:
            found.append(_Found(match.start(), match.end(), "percent", value, "%", None))
    for match in _FRACTION_RE.finditer(folded):
        value = parse_number(match.group("num"))
        if value is not None:
            found.append(_Found(match.start(), match.end(), "percent", value * 10, "%", None))
    for match in _HALF_RE.finditer(folded):
        unit = UNITS[match.group("unit")]
        found.append(_Found(match.start(), match.end(), "duration", 0.5, unit.name, None))

    excluded = _title_spans(folded)
    # Title spans do not overlap and come in order: a binary search finds the one a
    # figure could fall in (testing every span for every figure is quadratic).
    excluded_starts = [a for a, _ in excluded]
    found.sort(key=lambda f: (f.start, -(f.end - f.start), f.kind != "date"))
    kept: list[_Found] = []
    last_end = -1
    for figure in found:
        if figure.start < last_end:
            continue
        at = bisect.bisect_right(excluded_starts, figure.start) - 1
        if at >= 0 and figure.start < excluded[at][1]:
            continue
        if _quoted_name_at(folded, figure.start):
            continue
        kept.append(figure)
        last_end = figure.end
    return kept


def _original_form(text: str, folded: str, phrase: str, start: int, end: int) -> str:
    """``phrase`` (found in the folded text near ``start:end``) in the text's own characters."""
    at = folded.rfind(phrase, max(0, start - 40), start)
    if at < 0:
        at = folded.find(phrase, end, end + 40)
    return text[at : at + len(phrase)] if at >= 0 else phrase


#: What stands between two values of one measure.
_VALUE_JOINERS = frozenset(("、", "和", "及", "与"))


def figures_in_block(
    article_id: str,
    block: Block,
    article_year: int | None = None,
    article_date_estimated: bool = False,
) -> list[Figure]:
    """The figures of one block, with offsets into the article text; a relative date
    (今年7月, 去年) is valued by ``article_year``."""
    folded = _IDEOGRAPHIC_POINT_RE.sub(".", fold(block.text))
    out: list[Figure] = []
    previous: Figure | None = None
    for found in _scan_block(folded):
        qualifier = found.qualifier
        if qualifier is None:
            qualifier = _leading_qualifier(folded, found.start)
        if qualifier is None and found.kind != "date":
            qualifier = _trailing_qualifier(folded, found.end)
        measure = None
        if found.kind not in ("date", "rank"):
            measure = find_measure(
                folded, found.start, found.end, qualifier, counted=found.kind == "count"
            )
            if (
                measure is None
                and previous is not None
                and previous.kind == found.kind
                and folded[previous.end - block.start : found.start] in _VALUE_JOINERS
            ):
                # 完成年度计划的201.2%、122.7%, 分别占…的25%和31.9%: one measure, two values
                measure = previous.measure
        if measure:
            measure = _original_form(block.text, folded, measure, found.start, found.end)
        kind, unit = found.kind, found.unit
        value, basis = found.value, ""
        if value is None and found.offset is not None and article_year is not None:
            value = float(article_year + found.offset)
            basis = "estimated_article_date" if article_date_estimated else "article_date"
        if kind == "other" and not unit and measure and _MONEY_MEASURE_HINT.search(measure):
            kind, unit = "money", "元"  # 总产值突破2000亿: the measure says it is money
        previous = Figure(
            article_id=article_id,
            block_id=block.id,
            text=block.text[found.start : found.end],
            kind=kind,
            value=value,
            unit=unit,
            qualifier=qualifier,
            measure=measure,
            start=block.start + found.start,
            end=block.start + found.end,
            date_basis=basis,
        )
        out.append(previous)
    return out


def extract_figures(article: Article) -> list[Figure]:
    """Every figure of ``article`` in reading order."""
    figures: list[Figure] = []
    for block in article.blocks:
        figures.extend(figures_in_block(article.id, block, article.year, article.date_estimated))
    return figures
