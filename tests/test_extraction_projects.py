"""Named projects and organisations: left boundaries, generic phrases, aliases, statuses."""

from __future__ import annotations

import pytest

from jining_archive.documents.model import Article, Block, BlockKind
from jining_archive.extraction import NamedEntity, extract_entities
from jining_archive.library import Library


def article_of(article_id: str, date: str, *paragraphs: str) -> Article:
    """An article whose blocks are ``paragraphs``."""
    blocks = []
    offset = 0
    for index, text in enumerate(paragraphs, 1):
        blocks.append(Block(f"b{index}", BlockKind.PARAGRAPH, text, offset, offset + len(text)))
        offset += len(text) + 2
    return Article(article_id, "t", "\n\n".join(paragraphs), blocks, [], date=date)


def project_texts(*paragraphs: str) -> list[str]:
    """Mention texts of the projects in a one-article archive, in reading order."""
    projects, _ = extract_entities([article_of("a", "2023-01", *paragraphs)])
    mentions = sorted((m for p in projects for m in p.mentions), key=lambda m: m.start)
    return [m.text for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推动山推机械四产品生产线建设。", ["山推机械四产品生产线"]),
        ("加快推进小松全球智能制造产业基地开工建设。", ["小松全球智能制造产业基地"]),
        (
            "走进济宁高新区凯登制浆设备(中国)有限公司高端造纸装备项目一期施工现场",
            ["凯登制浆设备(中国)有限公司高端造纸装备项目"],
        ),
        (
            "依托高端装备产业重点打造国际高端装备产业园和中韩高端装备产业园。",
            ["国际高端装备产业园", "中韩高端装备产业园"],
        ),
        (
            "在鲁抗医药与韩国好丽友公司合资疫苗工厂项目推进过程中",
            ["鲁抗医药与韩国好丽友公司合资疫苗工厂项目"],
        ),
        (
            "积极推动小松年产1万台四中大中型液压挖掘机和重卡生产基地申报",
            ["小松年产1万台四中大中型液压挖掘机和重卡生产基地"],
        ),
        ("重点规划建设了航空航天城。", ["航空航天城"]),
    ],
)
def test_left_boundaries(text: str, expected: list[str]) -> None:
    """Verbs, prepositions and the zone's name are not part of a project's name."""
    assert project_texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "重点项目建设是稳定经济发展的重要抓手。",
        "该项目预计年底竣工。",
        "54个项目申报2023年省市重点项目。",
        "作为山东省重大项目,进展顺利。",
        "实实在在解决外商投资项目的难题。",
        "高质量引进一批高端装备制造项目。",
        "坚持“要素跟着项目走”。",
        "隔板组装、管道施工等装饰装修工程也在加紧进行。",
        "推进9个省级重点项目、29个市级重点项目建设。",
        "而园区即是承载项目发展聚集的沃土。",
    ],
)
def test_generic_phrases_are_not_projects(text: str) -> None:
    """重点项目, 该项目, 54个项目, 一批…项目 and list heads are not named projects."""
    assert project_texts(text) == []


def test_aliases_are_grouped_across_articles_with_status_and_date() -> None:
    """Three wordings of one base are one project, followed across two articles."""
    first = article_of("2023-a", "2023-03", "加快推进小松全球智能制造产业基地开工建设。")
    second = article_of(
        "2024-b",
        "2024-01",
        "管委会与小松(中国)投资有限公司签署小松全球智能制造产业基地项目合作协议。",
        "推进会分会场设在“日本小松全球智能制造产业基地项目”现场。",
    )
    projects, organizations = extract_entities([first, second])
    base = [p for p in projects if "小松全球智能制造产业基地" in p.name]
    assert len(base) == 1, [p.name for p in projects]
    entity: NamedEntity = base[0]
    assert [(m.article_id, m.date) for m in entity.mentions] == [
        ("2023-a", "2023-03"),
        ("2024-b", "2024-01"),
        ("2024-b", "2024-01"),
    ]
    assert entity.mentions[0].status == "开工"
    assert entity.mentions[1].status == "签约"
    assert {"小松全球智能制造产业基地项目", "日本小松全球智能制造产业基地项目"} & {
        entity.name,
        *entity.aliases,
    }
    mentioned = {m.text for o in organizations for m in o.mentions}
    assert "小松(中国)投资有限公司" in mentioned
    for mention in entity.mentions:
        article = first if mention.article_id == "2023-a" else second
        assert article.text[mention.start : mention.end] == mention.text


def test_organisations_by_head_brand_and_industry_word() -> None:
    """Registered names, short names with an industry word, and brands alone."""
    article = article_of(
        "a",
        "2023-09",
        "济宁高新区山推股份有效拓宽海外市场;泰丰智能提交上市申请、莱恩光电进入新三板创新层。",
        "将第3个全球供应基地放于此处的株式会社小松制作所(小松集团)即是其中之一。",
        "“小松集团携配套企业共同打造小松全球智能制造产业基地。”小松(中国)投资有限公司总经理称。",
    )
    _, organizations = extract_entities([article])
    by_text = {m.text: o.name for o in organizations for m in o.mentions}
    for name in ("山推股份", "泰丰智能", "莱恩光电", "株式会社小松制作所", "小松集团"):
        assert name in by_text, sorted(by_text)
    assert by_text["小松集团"] == by_text["株式会社小松制作所"] == by_text["小松"]
    assert by_text["小松(中国)投资有限公司"] != by_text["小松集团"]
    assert "第3个全球供应基地" not in project_texts(article.blocks[1].text)


def test_agencies_named_by_their_level_and_bureaus() -> None:
    """区党工委, 市招商局 and …人民政府 are organisations; the level alone is the name's start."""
    article = article_of(
        "a",
        "2023",
        "县党工委召开会议。记者从市统计局获悉,青禾县人民政府与省发展改革委签订协议。",
    )
    _, organizations = extract_entities([article])
    mentioned = {m.text for o in organizations for m in o.mentions}
    assert {"县党工委", "市统计局", "青禾县人民政府", "省发展改革委"} <= mentioned, mentioned


def test_short_names_listed_beside_a_known_company_are_companies() -> None:
    """In 甲、乙、丙 beside a company found on its own, the other items are companies too."""
    article = article_of(
        "a",
        "2023",
        "签约企业包括福州恒昌、厦门翔宇、翔鹭光电等,均为新能源配套企业。",
        "落户企业有泉州聚能、翔鹭光电、漳州华本,均已投产。据青禾县统计局统计,产值增长。",
    )
    _, organizations = extract_entities([article])
    mentioned = {m.text for o in organizations for m in o.mentions}
    assert {"福州恒昌", "厦门翔宇", "翔鹭光电", "泉州聚能", "漳州华本"} <= mentioned, mentioned
    assert "青禾县统计局" in mentioned, mentioned
    assert not any("均为" in m or "配套企业" in m for m in mentioned)


def test_library_entities_of_the_bundled_archive(library: Library) -> None:
    """The Komatsu base is one project followed from the 2023 plan to the 2024 signing."""
    projects = library.projects()
    base = [p for p in projects if p.name.startswith("小松全球智能制造产业基地")]
    assert len(base) == 1
    articles = {m.article_id for m in base[0].mentions}
    assert {"2023-climb-higher", "2023-intl-parks", "2024-looking-back-2023"} <= articles
    lukang = [o for o in library.organizations() if o.name.startswith("鲁抗")]
    assert len(lukang) == 1 and len({m.article_id for m in lukang[0].mentions}) >= 3


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("凯登高端造纸装备项目预计今年7月中旬竣工。", "计划"),
        ("宏达智能装备产业园将于明年投产。", "计划"),
        ("宏达智能装备产业园去年12月正式投产。", "投产"),
        ("宏达智能装备产业园项目今年3月开工。", "开工"),
    ],
)
def test_a_status_announced_for_the_future_is_a_plan(sentence: str, status: str) -> None:
    projects, _ = extract_entities([article_of("x", "2023", sentence)])
    statuses = {m.status for p in projects for m in p.mentions}
    assert statuses == {status}, [(p.name, [m.status for m in p.mentions]) for p in projects]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推进青禾新型墙体材料建设项目落地。", ["青禾新型墙体材料建设项目"]),
        ("签约仪式暨青禾智能装备产业园项目开工。", ["青禾智能装备产业园项目"]),
        ("青禾古镇暨非遗文化产业园项目有序推进。", ["青禾古镇暨非遗文化产业园项目"]),
        ("推进青禾湖片区综合开发项目建设。", ["青禾湖片区综合开发项目"]),
        ("推进青禾智造产业园(三期)工程建设。", ["青禾智造产业园(三期)工程"]),
        ("白鹭湾滨水长廊、青禾数字小镇同步开放。", ["白鹭湾滨水长廊", "青禾数字小镇"]),
        ("青禾标准化厂房开园运营。", ["青禾标准化厂房"]),
        ("拟入驻中国(青禾)国际冷链物流产业园企业5家。", ["中国(青禾)国际冷链物流产业园"]),
        ("润泽新能源电池项目,总投资6亿元。", ["润泽新能源电池项目"]),
    ],
)
def test_whole_names_with_work_words_and_more_heads(text: str, expected: list[str]) -> None:
    """建设 before the head stays in the name; 暨 after an event starts the name and inside
    a name stays; a park inside a longer name is not a second project; buildings and
    quarters (长廊, 小镇, 厂房) are heads; 开园 is what happens to a park, not one; verbs of
    moving in (拟入驻) start the name, a place in brackets inside it stays, and a name whose
    first character jieba reads as a verb (润) is still a name."""
    assert project_texts(text) == expected


def test_companies_listed_for_their_projects_are_organisations() -> None:
    projects, organizations = extract_entities(
        [article_of("a", "2023", "今年,翔鹭光电、柏恒机械等12个项目实现投产。")]
    )
    assert [p.name for p in projects] == []
    assert {"翔鹭光电", "柏恒机械"} <= {m.text for o in organizations for m in o.mentions}


@pytest.mark.parametrize(
    "text",
    [
        "全县5000万元以上项目达到40个。",
        "亿元以上新开工项目进展顺利。",
        "一季度新开工项目开工率达九成。",
        "现代服务业项目和先进制造业项目齐头并进。",
        "加快新建8栋丙类厂房和3万平方米标准厂房。",
        "落户青禾经济技术开发区和白鹭高新技术产业园区。",
        "这是支撑性战略项目。",
        "并有力促进青禾光电、白鹭电子等重特大项目配套。",
        "布局商务综合体和东南片区。",
    ],
)
def test_classes_quantities_and_zones_are_not_projects(text: str) -> None:
    """Thresholds, periods and sectors name classes of projects; a quantity of buildings, a
    zone, a word cut in the middle and a description without a proper name are not names."""
    assert project_texts(text) == []


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("青松光电产业园项目计划总投资8亿元,占地60亩。", None),
        ("青松光电产业园项目拟投资8亿元。", None),
        ("青松光电产业园项目去年动工,今年将全面投产。", "开工"),
        ("今年新开工的项目包括青松光电产业园、白桦物流基地等。", "开工"),
        ("青松光电产业园:搁置两年后重新动工", "开工"),
        ("依托青松光电产业园的规划布局招引企业。", None),
        ("青松光电产业园项目全面启动。", "开工"),
        ("在青松光电产业园项目建设现场,机器轰鸣。", "在建"),
    ],
)
def test_a_status_comes_from_the_mention_s_own_clause(sentence: str, status: str | None) -> None:
    """Plans of money or land are not statuses; a later clause's status does not leak back;
    a sentence that leads up to a list gives the list its status."""
    projects, _ = extract_entities([article_of("x", "2023", sentence)])
    mentions = [m for p in projects for m in p.mentions if m.text.startswith("青松")]
    assert mentions and {m.status for m in mentions} == {status}, [
        (p.name, [m.status for m in p.mentions]) for p in projects
    ]


def test_names_kept_per_block_give_the_same_entities(library: Library) -> None:
    from jining_archive.extraction import entities

    entities._BLOCK_NAMES.clear()
    fresh = entities.extract_entities(library.articles)
    assert entities._BLOCK_NAMES  # the blocks' names are kept for the next call
    again = entities.extract_entities(library.articles)
    assert again == fresh
    # A subset (an article removed) gives what a fresh extraction of it gives.
    subset = library.articles[1:]
    kept = entities.extract_entities(subset)
    entities._BLOCK_NAMES.clear()
    assert kept == entities.extract_entities(subset)


def test_a_brand_that_comes_with_a_new_article_reaches_the_articles_kept_before() -> None:
    """The kept organisation keys of older blocks follow the brands that an added article
    brings (and that a removed one takes away), as a fresh extraction gives them."""
    from jining_archive.extraction import entities

    older = article_of(
        "old", "2022", "凯登在济宁高新区投资建设新的生产车间。", "园区企业稳步发展。"
    )
    company = article_of("new", "2023", "凯登制浆设备(中国)有限公司今年产值增长两成。")

    def organisations(articles: list[Article]) -> dict[str, set[str]]:
        _, organizations = entities.extract_entities(articles)
        return {o.name: {m.article_id for m in o.mentions} for o in organizations}

    entities._BLOCK_NAMES.clear()
    entities._KEYED.clear()
    alone = organisations([older])
    # Without the company the bare 凯登 is no known brand.
    assert not any("old" in ids for ids in alone.values())
    together = organisations([older, company])
    assert together.get("凯登制浆设备(中国)有限公司") == {"old", "new"}
    assert organisations([older]) == alone  # the brand goes with the article
    for articles in ([older, company], [company], [older]):
        kept = entities.extract_entities(articles)
        entities._BLOCK_NAMES.clear()
        entities._KEYED.clear()
        assert kept == entities.extract_entities(articles)
