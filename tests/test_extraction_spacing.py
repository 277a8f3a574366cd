"""Figures split by the spaces and line breaks that newspaper-to-text conversion leaves
between a number and its unit are one figure; a unit without a number is never a
figure (issue: extraction on other sources)."""

from __future__ import annotations

import pytest

from jining_archive.documents.parse import parse_article
from jining_archive.extraction import extract_figures


def _figures(paragraph: str) -> list[tuple[str, str, float | None, str]]:
    article = parse_article("标题\n\n" + paragraph, "spacing")
    return [(f.text, f.kind, f.value, f.unit) for f in extract_figures(article)]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("地区生产总值908 亿元。", ("908 亿元", "money", 90_800_000_000.0, "元")),
        ("总投资266.2 亿元。", ("266.2 亿元", "money", 26_620_000_000.0, "元")),
        ("新建项目70 个。", ("70 个", "count", 70.0, "个")),
        ("增长5 %。", ("5 %", "percent", 5.0, "%")),
        ("建筑面积12.5\u2009万平方米。", ("12.5\u2009万平方米", "area", 125_000.0, "平方米")),
        ("投资1,306\u00a0亿元。", ("1,306\u00a0亿元", "money", 130_600_000_000.0, "元")),
    ],
    ids=["space-yi", "decimal", "count", "percent", "thin-space", "no-break-space"],
)
def test_a_space_between_number_and_unit_is_one_figure(
    paragraph: str, expected: tuple[str, str, float, str]
) -> None:
    assert expected in _figures(paragraph)


def test_a_year_with_a_space_is_a_date() -> None:
    found = _figures("在2023 年完成，历时3 年。")
    assert ("2023 年", "date", 2023.0, "") in found
    assert ("3 年", "duration", 3.0, "年") in found


@pytest.mark.parametrize(
    "paragraph",
    ["打造亿元级项目。", "亿元项目加快推进。", "万平方米标准厂房。", "建设万亩良田。"],
)
def test_a_unit_without_a_number_is_not_a_figure(paragraph: str) -> None:
    assert [f for f in _figures(paragraph) if f[1] in ("money", "area", "count")] == []


def test_chinese_numerals_keep_their_meaning() -> None:
    found = _figures("投资百亿元，新建3个园区，两万平方米。")
    assert ("百亿元", "money", 10_000_000_000.0, "元") in found
    assert ("3个", "count", 3.0, "个") in found
    assert ("两万平方米", "area", 20_000.0, "平方米") in found
