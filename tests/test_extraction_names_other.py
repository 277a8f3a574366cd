"""Project and organisation names as reports from other places write them.

Each sentence is written for the test in the shape the other-sources gold showed (a
project's manager, the city's park, a rank before a company, a numbered heading, a
description after 是, items of a list of kinds, companies listed for their projects);
the expected names were decided by reading the sentence.
"""

from __future__ import annotations

import pytest

from jining_archive.documents.parse import parse_article
from jining_archive.extraction import extract_entities


def names(text: str) -> tuple[list[str], list[str]]:
    """(projects, organisations) named in a one-paragraph article."""
    projects, organizations = extract_entities([parse_article("标题\n\n" + text, "t")])
    return sorted(p.name for p in projects), sorted(o.name for o in organizations)


@pytest.mark.parametrize(
    ("text", "projects", "organizations"),
    [
        # 项目经理: the project is still named before its manager.
        ("金山湾科技园综合开发项目经理李明介绍,项目进展顺利。", ["金山湾科技园综合开发项目"], []),
        # A lone 市 before the name is the city's, not the name's.
        ("4月10日,市智能装备配套产业园内,一片繁忙。", ["智能装备配套产业园"], []),
        # A rank before a company or its project is not part of the name.
        ("民营企业 500 强金龙钢构项目正式签约。", ["金龙钢构项目"], []),
        ("世界500强企业中远(天津)实业有限公司与我区签约。", [], ["中远(天津)实业有限公司"]),
        # A numbered heading's number does not begin a name.
        ("3.园区发展换挡升级。1-9月,园区产值增长。", [], []),
        # Companies listed for their projects, after a bracketed building verb.
        ("上半年,新(扩)建金龙环保、银河电子等12个项目实现达产达效。", [], ["金龙环保", "银河电子"]),
        ("华影传媒、金鹰时代等商贸流通项目3个。", [], ["华影传媒", "金鹰时代"]),
        # Works in a list of projects stay projects.
        (
            "大禹大道东延、西城污水处理厂等民生项目加快建设。",
            ["大禹大道东延", "西城污水处理厂"],
            [],
        ),
        # An industry before 项目 after a proper name does not make it a class.
        ("其中,华康万洲国际医药产业项目,总投资13亿元。", ["华康万洲国际医药产业项目"], []),
        # A description after 是 or 主要建设, or an item of a list of kinds, is not a name.
        ("滨河公园是高新区重点打造的开放式生态公园,满足居民需求。", ["滨河公园"], []),
        ("项目主要建设绿色环保新型建筑材料生产线,建成后年产值5亿元。", [], []),
        ("将着力打造机械加工制造、电子研发生产基地等产业结构。", [], []),
    ],
)
def test_names_in_reports_from_other_places(
    text: str, projects: list[str], organizations: list[str]
) -> None:
    assert names(text) == (sorted(projects), sorted(organizations))


def test_a_described_park_with_a_proper_name_is_still_a_project() -> None:
    """是 only makes a description of a phrase without a proper-name part."""
    found, _ = names("该园区是济宁新能源汽车配套产业园,总投资10亿元。")
    assert found == ["济宁新能源汽车配套产业园"]
