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
        # A rank before a company or its project is not part of the name; a project named
        # by its company alone names that company too.
        ("民营企业 500 强金龙钢构项目正式签约。", ["金龙钢构项目"], ["金龙钢构"]),
        ("西门子项目、华为项目同时开工。", ["华为项目", "西门子项目"], ["华为", "西门子"]),
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
        # (its company opens its name).
        (
            "其中,华康万洲国际医药产业项目,总投资13亿元。",
            ["华康万洲国际医药产业项目"],
            ["华康万洲"],
        ),
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


@pytest.mark.parametrize(
    ("text", "organizations"),
    [
        # Companies named without a head where the sentence says they are companies.
        ("已初步形成了以金泰阳光为龙头的有机颜料产业集群。", ["金泰阳光"]),
        ("以华泰集团、东方希望为龙头的现代食品产业集群已初具规模。", ["东方希望", "华泰集团"]),
        ("宏达集团及民营 500 强红日美家等知名企业均有意来投资。", ["宏达集团", "红日美家"]),
        ("有力促进京东方、长虹等重特大项目上下游配套企业的深度融合。", ["京东方", "长虹"]),
        # Places and kinds in the same shapes are not companies.
        ("吸引济宁、青岛等地企业入驻。", []),
        ("以高端装备、新材料等为核心的产业体系。", []),
        # A park or a sector named by a place and a trade is not a company.
        ("嘉祥化工产业园累计完成固定资产投资超过80亿元。", []),
        ("形成了以船舶海工、海洋生物医药等为支撑的特色海洋产业体系。", []),
    ],
)
def test_companies_named_by_the_sentence(text: str, organizations: list[str]) -> None:
    assert names(text)[1] == sorted(organizations)


@pytest.mark.parametrize(
    ("text", "projects"),
    [
        # Two or more places in a row before the name say where it is (province, city,
        # county), including a place jieba does not tag as one (保定 is a verb to it).
        ("山东临沂兰陵县银河古城暨文化产业园项目近日开工。", ["银河古城暨文化产业园项目"]),
        ("临沂市兰陵县银河古城项目开工。", ["银河古城项目"]),
        ("江苏苏州吴江绿洲生态产业园建设加快。", ["绿洲生态产业园"]),
        ("河北保定易县凤鸣文化产业园项目开工。", ["凤鸣文化产业园项目"]),
        # One place stays: it is part of the name.
        ("平阳文化产业园项目开工。", ["平阳文化产业园项目"]),
        ("青阳新区综合开发项目总投资18亿元。", ["青阳新区综合开发项目"]),
        # A verbal noun before the name is the act, not the name; 化 of 化工 begins a word.
        (
            "同时管理化工产业园、港口产业园和物流产业园。",
            ["化工产业园", "港口产业园", "物流产业园"],
        ),
        # An item of a list of projects is a whole name, even when it begins with an area or
        # holds a shorter name.
        (
            "还包括滨湖公园西南侧保障性租赁住房、青松公园、50亩人才公寓等配套项目8个。",
            ["50亩人才公寓", "滨湖公园西南侧保障性租赁住房", "青松公园"],
        ),
        # Schools listed with projects are projects, not companies.
        ("启动建设育才实验学校、凤凰山中学等重点配套工程。", ["凤凰山中学", "育才实验学校"]),
    ],
)
def test_where_a_project_name_begins(text: str, projects: list[str]) -> None:
    found, organizations = names(text)
    assert (found, organizations) == (sorted(projects), [])


@pytest.mark.parametrize(
    ("text", "projects"),
    [
        # A kind of work is no project: after 实施 or a count, without a proper-name part.
        ("加快实施城市路网工程。", []),
        ("启动20条城市路网工程建设,", []),
        ("加快实施凤凰大道路网工程。", ["凤凰大道路网工程"]),
    ],
)
def test_kinds_of_work_are_not_projects(text: str, projects: list[str]) -> None:
    assert names(text)[0] == projects


@pytest.mark.parametrize(
    ("text", "organizations"),
    [
        # Three or more items of a city and a short name in one list are companies.
        (
            "集中签约项目4个,包括无锡恒通、杭州金泽、宁波海川、合肥远景,均为新能源企业。",
            ["合肥远景", "宁波海川", "无锡恒通", "杭州金泽"],
        ),
        # Places with a place suffix are not.
        ("涉及四川天府新区、福州新区、哈尔滨新区、江西赣江新区。", []),
        # A hospital's grade is not a hospital's name.
        (
            "5个街道卫生院全部升级为一级甲等医院,济宁市第一人民医院新院区开工。",
            ["济宁市第一人民医院"],
        ),
        # A trade after a name jieba does not know makes a company; 我县 is not part of it.
        ("与我县昇鑫生化就相关合作稳步推进。", ["昇鑫生化"]),
    ],
)
def test_companies_by_their_shape(text: str, organizations: list[str]) -> None:
    assert names(text)[1] == sorted(organizations)


@pytest.mark.parametrize(
    ("text", "projects", "organizations"),
    [
        # A count of companies, or companies of listed fields, names no company.
        ("已有30多家纺织、服装等服饰类企业前来咨询。", [], []),
        ("将定向招引更多生物医药、新材料等领域企业入驻。", [], []),
        # 高新 (the zone's short name, which jieba tags as an adverb) begins a name.
        ("高新至东城快速干道工程同日开工。", ["高新至东城快速干道工程"], []),
        # A second industry word after a company's brand is still its name.
        ("瑞呢新能源汽车等20个项目新开工建设。", [], ["瑞呢新能源汽车"]),
        # Projects of a programme, counted, and a body's major projects are classes; a
        # park with a count after it is still the park.
        ("其中“美丽城乡”项目45个,“活力园区”项目30个。", [], []),
        ("在2024东湖新城产业强链重大项目签约仪式上,12个项目签约。", [], []),
        ("拟入驻东湖国际物流产业园6个,总投资30亿元。", ["东湖国际物流产业园"], []),
        # The central government's bodies by their own names; an agency's office by its
        # officer; an association of alumni.
        ("2022年国务院批复设立该区,商务部予以支持。", [], ["商务部", "国务院"]),
        ("青州经济开发区招商办主任王强介绍说。", [], ["青州经济开发区招商办"]),
        ("福清经济开发区东石园区办主任许明介绍。", [], ["福清经济开发区东石园区办"]),
        ("由欧亚同学会牵头建设。", [], ["欧亚同学会"]),
        # A brand jieba cannot make words of opens a maker's project and is its company
        # (with a firm's trade in 业 it keeps it); a place's works are not a company's.
        (
            "开工项目包括澳森服装制造项目、杰诚鞋业生产项目。",
            ["杰诚鞋业生产项目", "澳森服装制造项目"],
            ["杰诚鞋业", "澳森"],
        ),
        ("埃诺高端汽车零部件项目开工。", ["埃诺高端汽车零部件项目"], ["埃诺"]),
        ("蓼河公园和凤栖湖景观区项目建成开放。", ["凤栖湖景观区项目", "蓼河公园"], []),
        ("中德智能制造产业园开园。", ["中德智能制造产业园"], []),
        # A listed brand's trade words end with the item; in a project name what follows
        # the trade is what the project makes (润丰环保 of 润丰环保智能装备项目).
        ("润丰环保智能装备项目总投资10亿元。", ["润丰环保智能装备项目"], ["润丰环保"]),
        # A list of kinds before 等…项目 names neither projects nor companies; a list of
        # companies does.
        ("涵盖乡村振兴、医疗卫生、学校改造、人才公寓等项目。", [], []),
        ("包括轨道交通、道路桥梁、绿化等项目。", [], []),
        ("包括京东方、长虹等重特大项目。", [], ["京东方", "长虹"]),
        # The class after 等 may be long (等成都中国川菜产业功能区项目).
        ("此次开工的项目包括乡禾食品等西部中国川菜产业功能区项目2个。", [], ["乡禾食品"]),
        # Items before a long, counted class of projects are projects.
        ("数字科技城等西部科技影视文创产业功能区项目5个,总投资20亿元。", ["数字科技城"], []),
        # 的 before a name is never a character of it.
        ("园区内的华源风电装备制造项目已签约。", ["华源风电装备制造项目"], []),
        # A series of projects and a kind of building are not names.
        ("包括人才房、安置房系列项目等。", [], []),
        ("规划建设涂装、总装厂房及生产辅助设施。", [], []),
        # A company jieba knows by name, with its base in a city (one trade word: its firm name).
        ("飞鹰汽车长沙制造基地投产。", ["飞鹰汽车长沙制造基地"], ["飞鹰汽车"]),
        # … and one whose name is a common word (星河), found by its base alone.
        ("星河汽车长沙制造基地投产。", ["星河汽车长沙制造基地"], ["星河汽车"]),
        ("星河新能源汽车长沙基地开工。", ["星河新能源汽车长沙基地"], ["星河"]),
    ],
)
def test_names_in_the_third_round(text: str, projects: list[str], organizations: list[str]) -> None:
    """Shapes the reports labelled after the second round of rules showed (23–28)."""
    assert names(text) == (sorted(projects), sorted(organizations))


def test_a_slogan_with_ban_names_no_office() -> None:
    """园区事园区办 (the park's matters handled by the park): 办 is the verb."""
    assert names("做到园区事园区办,企业事马上办。")[1] == []


def test_a_status_reaches_across_a_semicolon_of_its_sentence() -> None:
    """此次开工项目中，…；服务业项目包括A: the list's projects are those that started; a
    status after the sentence's end (。) does not reach back."""
    text = (
        "此次集中开工项目中,制造业项目5个,包括华科电子项目;服务业项目2个,包括海川文旅小镇。"
        "明年,滨湖公园将竣工。"
    )
    projects, _ = extract_entities([parse_article("标题\n\n" + text, "t")])
    statuses = {p.name: p.mentions[0].status for p in projects}
    assert statuses["海川文旅小镇"] == "开工"
    assert statuses["华科电子项目"] == "开工"
