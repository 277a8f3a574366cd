"""Golden structure of the five bundled articles.

Every expectation here was written by reading the source texts in corpus/articles
line by line: which lines are captions, which are headings (and at what level),
and where a sentence or word was split by a page break.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pytest

from jining_archive.documents.model import Article, BlockKind


@dataclass
class Golden:
    title: str
    subtitle: str
    bylines: list[str]
    # (title, level) of every section in reading order
    sections: list[tuple[str, int]]
    kinds: dict[str, int]
    captions: list[str]
    # (text just before the join, text just after it, caption moved out of the way)
    repairs: list[tuple[str, str, str | None]] = field(default_factory=list)
    source_notes: list[str] = field(default_factory=list)


GOLDEN: dict[str, Golden] = {
    # 000: no byline; photo captions above the title, after it, between sections and at the end.
    "2023-climb-higher": Golden(
        title="山东济宁高新区 笃行实干 向“更高更新”攀登",
        subtitle="",
        bylines=[],
        sections=[
            ("攻坚重点项目 奏响项目建设奋进曲", 1),
            ("产业转型突破 优势产业聚链成群", 1),
            ("突破“科技+”模式 打造科技创新高地", 1),
        ],
        kinds={"title": 1, "heading": 3, "paragraph": 10, "caption": 7, "source-note": 1},
        captions=[
            "济宁高新区柳行互通立交",
            "济宁高新区数创中心",
            "济宁高新区鸿雁湖公园",
            "鲁抗医药",
            "山推工程机械有限公司生产车间",
            "辰欣药物研究院",
            "济宁高新区数创中心",
        ],
        repairs=[("制定《企业上市三年行动计划》，", "建立三级包保机制", None)],
        source_notes=["(数据来源:山东济宁高新区党工委宣传部)"],
    ),
    # 001: "title topic" headings with a space; an editor's note; five split sentences.
    "2025-lead-goose": Golden(
        title="勇担「唯一」使命 争做高质量发展领头羊",
        subtitle="",
        bylines=["济宁日报全媒体记者 曹俐 刘菲 通讯员 靖言 吴丛"],
        sections=[
            ("绿色高新 数智转型激活发展动能", 1),
            ("科创高新 “聚才引智”突破产业瓶颈", 1),
            ("开放高新 “链”通世界打造对外窗口", 1),
            ("服务高新 优化营商环境彰显“助企温度”", 1),
            ("幸福高新 “产城融合”提升满意指数", 1),
            ("编辑感言", 1),
        ],
        kinds={"title": 1, "byline": 1, "heading": 6, "paragraph": 23},
        captions=[],
        repairs=[
            ("技改奖补项目9个,", "数量、金额全市", None),
            ("累计登记技术合同378个,同比增", "长11.2%", None),
            ("区域内跨境电商企业发", "展到126家", None),
            ("“企事有解·民事无忧·高兴办”政务服务品", "牌,创新18项", None),
            ("托举起群众实实在在的", "的幸福生活。", None),
        ],
    ),
    # 002: a kicker above the title, two-line headings, a caption inside a split sentence.
    "2023-intl-parks": Golden(
        title="济宁高新区多措并举奏响国际合作园区发展“最强音”",
        subtitle="聚焦主导产业，实现高质量发展",
        bylines=["记者 孔茜 通讯员 付永强 吴丛"],
        sections=[
            ("一线调研解难题 助力外资企业“轻装上阵”", 1),
            ("搭建平台促合作 助力项目建设快马加鞭", 1),
            ("铆足干劲闯市场 助力产业能级上新台阶", 1),
        ],
        kinds={
            "title": 1,
            "subtitle": 1,
            "byline": 1,
            "heading": 3,
            "paragraph": 18,
            "caption": 4,
        },
        captions=[
            "园区人员在捷马车间了解企业需求。",
            "艾美科健新建30吨泰拉霉素产业化项目。",
            "凯登绿色制浆装备与集成供应链全球制造中心项目。",
            "工作人员在企业一线了解情况。",
        ],
        repairs=[
            ("不仅为企业插上了腾飞的翅膀，也为企业发展", "得了不少订单", None),
            ("积极对接高", "新区国有公司进行资源盘活", "园区人员在捷马车间了解企业需求。"),
            ("工程机械高质量产", "业集群。", None),
            ("工作专班一线办公，及", "时化解项目建设中", None),
        ],
    ),
    # 003: quoted-topic headings over ◆ headings; no damage to repair.
    "2024-looking-back-2023": Golden(
        title="回望2023 济宁高新区高质量发展步履坚实",
        subtitle="",
        bylines=["■本报记者 刘菲 曹俐"],
        sections=[
            ("“项目建设”真抓实干", 1),
            ("围绕主导产业核心产业链 签约落地2个百亿级大项目", 2),
            ("举办上海、青岛等重点地区招商活动 招大引强实现新突破", 2),
            ("37个项目参加全市高质量发展重大项目建设现场推进会 掀起项目建设热潮", 2),
            ("山东重工大型矿山设备智造基地项目参加山东省重点装备制造业项目推进会", 2),
            ("盯紧靠上 全力推动项目建设提速增效", 2),
            ("“产业发展”逐高向新", 1),
            ("2023年制造业单项冠军企业经验交流会在济宁高新区召开", 2),
            ("在全市上半年绿色低碳高质量发展暨招商引资重点项目现场观摩评比中荣获综合第一名", 2),
            ("在全市下半年绿色低碳高质量发展重点项目现场观摩评比中再获佳绩", 2),
            ("“城市建设”融合发展", 1),
            ("海川路北延上跨新兖铁路立交桥转体合龙", 2),
            ("济宁高新区幸福河公园正式开园纳客", 2),
            ("金秋时节“菊花盛宴” 济宁高新区第十三届金秋菊花展在蓼河公园开展", 2),
            ("“营商环境”向优而行", 1),
            ("“电子营业执照+移动入网”业务系统正式上线 大大节省办事时间及成本", 2),
            ("强力打造“高兴办”服务品牌 持续优化营商环境", 2),
            ("济宁高新区:“一件事一次办”便民利企出实招", 2),
            ("打造全市首个企业综合服务平台 让“企业最有感”", 2),
            ("“民生福祉”大步提升", 1),
            ("全力扩大就业 打造“三公里”就业圈", 2),
            ("打造“智慧居家养老”服务项目 护航老人幸福晚年生活", 2),
            ("高点定位超前谋划 全力推动托育服务事业高质量发展", 2),
            ("济宁高新区实验学校交接仪式举行 又一高品质名校投入使用", 2),
        ],
        kinds={"title": 1, "byline": 1, "heading": 24, "paragraph": 25},
        captions=[],
        repairs=[],
    ),
    # 004: Markdown headings "#"/"##"/"###" with (一) numbering and ◎ bullets; ten split lines.
    "2020-eight-roads": Golden(
        title=(
            "济宁高新区开创格局新、体制新、面貌新、风气新的“三次创业”新局面 "
            "走好高质量发展的“八条路”"
        ),
        subtitle="",
        bylines=["本报记者 张慧"],
        sections=[
            ("(一) “有效投资”之路,坚持稳中求进", 1),
            ("重点谋划产业技改项目", 2),
            ("提速推进水系贯通工程", 2),
            ("加快实施交通路网工程", 2),
            ("加快推进乡村振兴重点项目", 2),
            ("加快实施民生改善项目", 2),
            ("(二) “产业升级”之路,新旧动能转换", 1),
            ("打好产业集聚区建设“硬仗”", 2),
            ("打好企业梯队培育“硬仗”", 2),
            ("打好数字赋能提升“硬仗”", 2),
            ("打好产业项目建设“硬仗”", 2),
            ("(三) “创新驱动”之路,打造济宁创新谷", 1),
            ("做好创新平台集聚的文章", 2),
            ("做好人才创新支撑的文章", 2),
            ("做好产业基金引导的文章", 2),
            ("做好创新成果转化的文章", 2),
            ("(四) “产城融合”之路,建设生态科技新城", 1),
            ("建设新型智慧城市", 2),
            ("优化城市管理水平", 2),
            ("提升绿化亮化水平", 2),
            ("提升城市商气人气", 2),
            ("(五) “深化改革”之路,激发活力动力", 1),
            ("深化“公司+”改革", 2),
            ("铺开亩产效益评价", 2),
            ("(六) “对外开放”之路,集聚全球资源", 1),
            ("塑造双招双引“大格局”", 2),
            ("开拓对外贸易“大市场”", 2),
            ("开辟对外合作“大通道”", 2),
            ("(七) “党建双基”之路,创新基层治理", 1),
            ("(八) “共建共享”之路,提升民生幸福", 1),
            ("建设温暖家园", 2),
            ("建设生态家园", 2),
            ("建设平安家园", 2),
            ("建设文明家园", 2),
        ],
        kinds={"title": 1, "byline": 1, "heading": 34, "paragraph": 39},
        captions=[],
        repairs=[
            ("内环高架快速路(高新", "段)建成通车", None),
            ("“准独角兽”企业群", "培育名录", None),
            ("拿出绣花功夫,打好", "“露天烧烤、渣土治理”", None),
            ("实施沿路楼体、", "主道路两侧", None),
            ("云创农贸商城等重点项目建设方面为", "重点,同时强化", None),
            ("推行“标准地”", "“M0新型产业用地”", None),
            ("打造“慧聚高新”", "招才品牌", None),
            ("年内打造3", "处园区党群中心", None),
            ("探索“乡村振", "兴合伙人”", None),
            ("营造“安", "全放心、公平有序", None),
        ],
    ),
}


@pytest.fixture(params=sorted(GOLDEN))
def case(request: pytest.FixtureRequest, library) -> tuple[Article, Golden]:  # type: ignore[no-untyped-def]
    return library.article(request.param), GOLDEN[request.param]


def test_every_bundled_article_has_a_golden_structure(library) -> None:  # type: ignore[no-untyped-def]
    assert sorted(a.id for a in library.articles) == sorted(GOLDEN)


def test_offsets_are_the_contract(case: tuple[Article, Golden]) -> None:
    article, _ = case
    for block in article.blocks:
        assert article.text[block.start : block.end] == block.text
    starts = [b.start for b in article.blocks]
    assert starts == sorted(starts)


def test_title_subtitle_byline(case: tuple[Article, Golden]) -> None:
    article, golden = case
    assert article.title == golden.title
    assert article.subtitle == golden.subtitle
    titles = [b.text for b in article.blocks if b.kind == BlockKind.TITLE]
    assert titles == [golden.title]
    assert [b.text for b in article.blocks if b.kind == BlockKind.BYLINE] == golden.bylines


def test_sections_titles_and_levels(case: tuple[Article, Golden]) -> None:
    article, golden = case
    assert [(s.title, s.level) for s in article.iter_sections()] == golden.sections


def test_section_nesting_follows_levels(case: tuple[Article, Golden]) -> None:
    article, _ = case
    for section in article.iter_sections():
        for child in section.children:
            assert child.level == section.level + 1
            assert section.start < child.start and child.end <= section.end
        heading = article.block(section.heading_block_id or "")
        assert heading.text == section.title
        assert heading.start == section.start


def test_block_counts_per_kind(case: tuple[Article, Golden]) -> None:
    article, golden = case
    assert Counter(str(b.kind) for b in article.blocks) == Counter(golden.kinds)


def test_every_caption(case: tuple[Article, Golden]) -> None:
    article, golden = case
    assert [b.text for b in article.blocks if b.kind == BlockKind.CAPTION] == golden.captions


def test_source_notes(case: tuple[Article, Golden]) -> None:
    article, golden = case
    notes = [b.text for b in article.blocks if b.kind == BlockKind.SOURCE_NOTE]
    assert notes == golden.source_notes


def test_every_page_break_repaired(case: tuple[Article, Golden]) -> None:
    article, golden = case
    assert len(article.repairs) == len(golden.repairs)
    for before, after, caption in golden.repairs:
        joined = [
            r
            for r in article.repairs
            if article.text[r.offset - len(before) : r.offset] == before
            and article.text[r.offset : r.offset + len(after)] == after
        ]
        assert len(joined) == 1, (before, after)
        repair = joined[0]
        assert repair.moved_caption == caption
        block = article.block(repair.block_id)
        assert block.kind == BlockKind.PARAGRAPH
        assert before + after in block.text


def test_no_caption_left_inside_a_paragraph(case: tuple[Article, Golden]) -> None:
    article, golden = case
    # Short captions such as 鲁抗医药 are names that paragraphs mention too.
    for caption in (c for c in golden.captions if len(c) >= 12):
        for block in article.blocks:
            if block.kind == BlockKind.PARAGRAPH:
                assert caption not in block.text


def test_moved_caption_follows_its_paragraph(library) -> None:  # type: ignore[no-untyped-def]
    article = library.article("2023-intl-parks")
    blocks = article.blocks
    index = next(i for i, b in enumerate(blocks) if "积极对接高新区国有公司" in b.text)
    assert blocks[index + 1].kind == BlockKind.CAPTION
    assert blocks[index + 1].text == "园区人员在捷马车间了解企业需求。"
