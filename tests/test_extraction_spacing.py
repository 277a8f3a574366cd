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


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("园区营收3亿元~6亿元的企业有8家。", ("3亿元~6亿元", "money", 300_000_000.0, "元")),
        ("单体投资2亿-4亿元。", ("2亿-4亿元", "money", 200_000_000.0, "元")),
        ("占地20万平方米至30万平方米。", ("20万平方米至30万平方米", "area", 200_000.0, "平方米")),
        ("毛利率12%-15%之间。", ("12%-15%", "percent", 12.0, "%")),
    ],
    ids=["money-both-ends", "multiplier-then-unit", "area-至", "percent"],
)
def test_a_range_with_units_on_both_ends_is_one_figure_at_its_lower_bound(
    paragraph: str, expected: tuple[str, str, float, str]
) -> None:
    found = _figures(paragraph)
    assert expected in found
    assert not [f for f in found if f[0] != expected[0] and f[1] == expected[1]]


def test_an_ideographic_full_stop_between_digits_before_a_unit_is_a_decimal_point() -> None:
    found = _figures("全年税收收入12。8亿元，增长3。5%。新签项目9个。")
    assert ("12。8亿元", "money", 1_280_000_000.0, "元") in found
    assert ("3。5%", "percent", 3.5, "%") in found
    assert ("9个", "count", 9.0, "个") in found


def test_a_capital_abbreviation_before_a_number_names_it_a_single_letter_is_a_code() -> None:
    found = _figures("全市GDP315 亿元，CPI上涨2%。G105国道，A3栋。")
    assert ("315 亿元", "money", 31_500_000_000.0, "元") in found
    assert not [f for f in found if f[0] in ("105", "3栋")]


def test_percentage_points_are_percent_figures_in_their_own_unit() -> None:
    assert ("1.8个百分点", "percent", 1.8, "个百分点") in _figures("占比提高1.8个百分点。")
