"""Figures in sentences of the genre: kinds, values, units, qualifiers and measures."""

from __future__ import annotations

import pytest

from jining_archive.documents.model import Article, Block, BlockKind
from jining_archive.extraction import Figure, extract_figures
from jining_archive.library import Library


def article_of(*paragraphs: str, date: str = "2023-09") -> Article:
    """An article whose blocks are ``paragraphs`` joined as the parser joins them."""
    blocks = []
    offset = 0
    for index, text in enumerate(paragraphs, 1):
        blocks.append(Block(f"b{index}", BlockKind.PARAGRAPH, text, offset, offset + len(text)))
        offset += len(text) + 2
    return Article("test", "t", "\n\n".join(paragraphs), blocks, [], date=date)


def figures(text: str) -> list[Figure]:
    """The figures of a one-paragraph article."""
    return extract_figures(article_of(text))


def one(text: str) -> Figure:
    """The single figure of ``text``."""
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "figure", "kind", "value", "unit", "qualifier"),
    [
        ("重点聚焦总投资1306亿元的项目", "1306亿元", "money", 1.306e11, "元", None),
        ("年产值8000余万元,", "8000余万元", "money", 8e7, "元", "余"),
        ("可实现产值逾百亿元。", "百亿元", "money", 1e10, "元", "逾"),
        ("3年内将形成千亿元以上规模", "千亿元", "money", 1e11, "元", "以上"),
        ("投资500万美元,", "500万美元", "money", 5e6, "美元", None),
        ("出口增长50%,", "50%", "percent", 50, "%", None),
        ("整个环节缩减百分之二十。", "百分之二十", "percent", 20, "%", None),
        ("六成企业完成改造", "六成", "percent", 60, "%", None),
        ("申报材料减免60%以上,", "60%", "percent", 60, "%", "以上"),
        ("覆盖全国300多个城市", "300多个", "count", 300, "个", "多"),
        ("年交易量超过7万辆,", "7万辆", "count", 70_000, "辆", "超过"),
        ("5万余盆彩菊竞相绽放", "5万余盆", "count", 50_000, "盆", "余"),
        ("年产2000万平方米高强度材料", "2000万平方米", "area", 2e7, "平方米", None),
        ("提速1.2万亩的产业集聚区建设", "1.2万亩", "area", 12_000, "亩", None),
        ("高标准建设40万平米标准化厂房", "40万平米", "area", 4e5, "平方米", None),
        ("新增水系27公里。", "27公里", "length", 27, "公里", None),
        ("整车重量达到106吨,", "106吨", "weight", 106, "吨", "达到"),
        ("900马力推土机", "900马力", "power", 900, "马力", None),
        ("巡航速度200公里每小时,", "200公里每小时", "speed", 200, "公里每小时", None),
        ("仅用半年时间就完成", "半年", "duration", 0.5, "年", None),
        ("济宁高新区位列第65名。", "第65名", "rank", 65, "名", None),
        ("综合成绩位居全市第一名。", "第一名", "rank", 1, "名", None),
        ("外资外贸综合排名均居全市第1位,", "第1位", "rank", 1, "位", None),
        ("前进42个位次。", "42个位次", "rank", 42, "位次", None),
        ("2023年,济宁高新区", "2023年", "date", 2023, "", None),
        ("未来3-5年内", "3-5年", "duration", 3, "年", "内"),
        ("１２０％的完成率", "１２０％", "percent", 120, "%", None),
        ("2023-2025年,全区", "2023-2025年", "date", 2023, "", None),
        ("利润增长-3.2%,", "-3.2%", "percent", -3.2, "%", None),
        ("GDP达1.2万亿元", "1.2万亿元", "money", 1.2e12, "元", "达"),
        ("总投资156.8亿元,", "156.8亿元", "money", 15_680_000_000, "元", None),
        ("总产值突破2000亿,", "2000亿", "money", 2e11, "元", "突破"),
        ("企业营业收入过百亿,", "百亿", "money", 1e10, "元", "过"),
        ("招聘两千多名工人", "两千多名", "count", 2000, "名", "多"),
        ("近三年来", "三年", "duration", 3, "年", "近"),
        ("同比提高2.5个百分点", "2.5个百分点", "percent", 2.5, "个百分点", None),
        # Letters after a unit are the next word; trains are counted in 列; amounts of
        # 招商 or 出口 without 元 are money.
        ("设计年产3万辆SUV整车,", "3万辆", "count", 30_000, "辆", None),
        ("全年开行1500列,", "1500列", "count", 1500, "列", None),
        ("上半年招商超50亿,", "50亿", "money", 5e9, "元", "超"),
        ("出口额180亿,", "180亿", "money", 1.8e10, "元", None),
    ],
)
def test_figure_reading(
    text: str, figure: str, kind: str, value: float, unit: str, qualifier: str | None
) -> None:
    """Each sentence's figure is read with its kind, normalised value, unit and qualifier."""
    found = next(f for f in figures(text) if f.text == figure)
    assert (found.text, found.kind, found.unit, found.qualifier) == (figure, kind, unit, qualifier)
    assert found.value == pytest.approx(value)
    if kind == "money":
        assert found.value == value  # money exactly, as an analyst would sort and sum it


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("重点聚焦总投资1306亿元的项目", "总投资"),
        ("实现进出口总额221.2亿元,", "进出口总额"),
        ("有效拓宽海外市场,出口增长50%,", "出口增长"),
        ("新增城镇就业10353人,", "新增城镇就业"),
        ("共同设立1亿元的创新基金,", "创新基金"),
        ("筛选40家企业纳入培育库", None),
        ("规模以上服务业收入增长6%,", "规模以上服务业收入增长"),
        ("批发业完成销售额12.5亿元,", "销售额"),
        ("完成年度目标的96%,", "完成年度目标"),
        ("技改投资占工业投资总额的41%,", "占工业投资总额"),
        ("主营业务收入同比下降 2.4%,", "主营业务收入同比下降"),
        ("该项目占地 85亩,", "占地"),
        ("全区规上工业产值增长8%,", "规上工业产值增长"),
    ],
)
def test_measures(text: str, measure: str | None) -> None:
    """The measure is the noun phrase the clause gives the figure, when it gives one: a
    threshold after an amount ends it (规模以上 is a term), 完成 that only means achieved is
    not in it, a share through 占…的 keeps 占, and spaces around the number are not in it."""
    assert one(text).measure == measure


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        # Verbs that say which projects or companies are counted belong to the measure.
        ("本次集中开工项目12个,", "集中开工项目"),
        ("全市在建项目35个,", "在建项目"),
        ("园区在谈项目9个,", "在谈项目"),
        ("累计入驻企业240家,", "入驻企业"),
        # 完成投资 is the statistic; 完成 before other amounts only means achieved.
        ("目前已完成投资3亿元,", "完成投资"),
        ("完成利税2.1亿元,", "利税"),
        # A link or a bound between the measure and the figure is not the end of it.
        ("其中产业项目有25项,", "产业项目"),
        ("市场主体总量为8120户,", "市场主体总量"),
        ("年创税收约3000余万元,", "年创税收"),
        # Words jieba cuts apart that belong together.
        ("亩均税收50万元,", "亩均税收"),
        ("三大主导产业产值同比增长12.5%,", "三大主导产业产值同比增长"),
        ("新增年产值12亿元,", "新增年产值"),
        ("总占地面积约80亩,", "总占地面积"),
        # Coordinated and qualified nouns stay whole; time words do not.
        ("基础设施及配套项目11个,", "基础设施及配套项目"),
        ("现代物流项目8个,", "现代物流项目"),
        ("国家级企业品牌3个,", "国家级企业品牌"),
        ("今年工业投资增长9%,", "工业投资增长"),
        # A difference keeps its comparison, with the scope it names.
        ("高于全省平均增速3.2个百分点,", "高于全省平均增速"),
        ("较上年增长5家,", "较上年增长"),
        # A place ends the measure; a place next to the count is not one.
        ("其中郑州市增长达到12%,", "增长"),
        ("更为鲁西3市唯一。", None),
        # What a count counts after its classifier is not a measure before it.
        ("形成电子信息、生物医药2个千亿级产业集群", None),
        ("三大运营商34种套餐类型", None),
        # A character jieba cut off belongs to the noun after it; a count followed by what
        # it counts (a quality, then the noun) has no measure before it.
        ("全区千人托位数达到4.2个,", "千人托位数"),
        ("推动光伏电站12个重大技改项目。", None),
        # A subject before its statistic is not part of it; a bare 项目 or 企业 that opens
        # the clause (with its phase) is the clause's own word for what is measured.
        ("产业园区总用地面积约200亩,", "总用地面积"),
        ("该基地已投产,项目总投资12亿元,", "项目总投资"),
        ("分两期建设,二期项目占地120亩,", "二期项目占地"),
        ("龙湖物流园(一期)项目总投资8亿元,", "总投资"),
        # Kinds and rates keep their last character (类, 率).
        ("其中商贸物流类项目6个,", "商贸物流类项目"),
        ("企业满意率98%,", "企业满意率"),
        # 完成 just before the figure says it was reached; 新设 says which companies are
        # counted; 招引 introduces what was won.
        ("招商进度完成80%,", "招商进度"),
        ("新设外资企业9家,", "新设外资企业"),
        ("成功招引计划投资金额达5亿元的项目", "计划投资金额"),
        # 列入, 纳入 say which projects are counted.
        ("列入省级重点项目25个,", "列入省级重点项目"),
        # A measure of up to sixteen characters is kept whole.
        ("招商引资省外到位资金同比增长12%,", "招商引资省外到位资金同比增长"),
    ],
)
def test_measures_on_other_reports(text: str, measure: str | None) -> None:
    """Measure boundaries as reports from other places write them (gold of other sources)."""
    assert one(text).measure == measure


def test_a_period_before_the_measure_is_not_in_it() -> None:
    """前三季度, 上半年 say when (a date of their own), not what is measured."""
    cases = [
        ("全市前三季度出口同比增长12%,", "出口同比增长"),
        ("全区上半年进出口增长8%,", "进出口增长"),
    ]
    for text, measure in cases:
        assert figures(text)[-1].measure == measure, text


def test_one_measure_for_values_joined_by_and() -> None:
    """分别占…的40%和35%: both values are shares of the same thing."""
    found = figures("分别占全部投资的40%和35%。")
    assert [(f.text, f.measure) for f in found] == [("40%", "占全部投资"), ("35%", "占全部投资")]


@pytest.mark.parametrize(
    "text",
    [
        "聚焦“1477”发展思路布局",
        "聚焦济宁市231产业集群",
        "第三代半导体等新兴产业",
        "济宁高新区第十三届金秋菊花展",
        "落实好“两个毫不动摇”",
        "聚力发展“七大主导产业”",
        "实施三大行动",
        "高质量完成“十四五”规划",
        "启动实施“四个一百”计划",
        "咨询电话0537-2345678,邮箱info2023@example.com",
        "沿G236国道,5G基站,PM2.5浓度",
        "制定《企业上市三年行动计划》",
        "“2号车间建成",
        "21家世界500强企业入驻",
        "培育形成一批千亿级产业",
        "唯一一个获批的中心",
        "打通政策落实“最后一公里”",
        "推进十里湖二期、二支渠建成通水",
        "千家万户",
        "地址:洸河路18号,身份证370802199001011234,电话13912345678",
        "数百家企业、上百家商户、十几家银行、万余人参加",
        "见第1页",
        "3列入省级名单",
    ],
)
def test_not_figures(text: str) -> None:
    """Codes, programme names, ordinals in names, slogans, phones and e-mails are not figures."""
    found = figures(text)
    kept = [f.text for f in found if f.text not in ("21家",)]
    assert kept == []


def test_offsets_point_into_the_article_text() -> None:
    """Figure offsets are offsets into Article.text, across blocks."""
    article = article_of("第一段没有数字。", "实现进出口总额221.2亿元,增长44.6%。")
    found = extract_figures(article)
    assert [f.text for f in found] == ["221.2亿元", "44.6%"]
    for figure in found:
        assert article.text[figure.start : figure.end] == figure.text
        assert figure.block_id == "b2"


def test_traditional_and_full_width_text() -> None:
    """Folding first: traditional characters and full-width digits read like the rest."""
    found = figures("實現進出口總額２２１．２億元，增長４４．６％")
    assert [(f.kind, f.value) for f in found] == [
        ("money", pytest.approx(2.212e10)),
        ("percent", pytest.approx(44.6)),
    ]
    assert found[0].text == "２２１．２億元"


def test_bundled_articles_money_and_percent(library: Library) -> None:
    """Every 亿元 figure of 2023-intl-parks, read from the text: 百亿元 (逾) and 221.2亿元."""
    money = [f for f in library.figures("2023-intl-parks") if f.kind == "money"]
    assert [(f.text, f.value, f.qualifier) for f in money] == [
        ("百亿元", 1e10, "逾"),
        ("221.2亿元", pytest.approx(2.212e10), None),
        ("5000万元", 5e7, None),
        ("1亿元", 1e8, None),
    ]
    for figure in library.figures():
        article = library.article(figure.article_id)
        assert article.text[figure.start : figure.end] == figure.text


def test_a_threshold_after_an_amount_ends_the_measure() -> None:
    found = {f.text: f.measure for f in figures("其中2亿元以上工业项目12个,")}
    assert found["12个"] == "工业项目"


RELATIVE_DATES = [
    # (text, date text, year in an article of 2024-05); labelled by reading.
    ("今年7月中旬，项目主体完工。", "今年7月中旬", 2024),
    ("去年全区实现生产总值500亿元。", "去年", 2023),
    ("上半年，全区新签约项目20个。", "上半年", 2024),
    ("明年3月底前建成投用。", "明年3月底", 2025),
    ("前年引进的企业已投产。", "前年", 2022),
    ("全区一季度实现进出口总额10亿元。", "一季度", 2024),
]


@pytest.mark.parametrize(("text", "date_text", "year"), RELATIVE_DATES)
def test_a_relative_date_is_valued_by_the_article_date(
    text: str, date_text: str, year: int
) -> None:
    found = [f for f in extract_figures(article_of(text, date="2024-05")) if f.kind == "date"]
    assert [(f.text, f.value, f.date_basis) for f in found] == [(date_text, year, "article_date")]


def test_a_relative_date_in_an_article_of_estimated_date_is_marked_so() -> None:
    article = article_of("去年全区实现生产总值500亿元。", date="2024")
    article.date_estimated = True
    (date,) = [f for f in extract_figures(article) if f.kind == "date"]
    assert (date.value, date.date_basis) == (2023, "estimated_article_date")


def test_dates_relative_to_a_year_named_elsewhere_or_stated_keep_their_own_value() -> None:
    text = "2019年项目开工，当年建成，同年投产。2022年3月，二期开工。"
    found = [f for f in extract_figures(article_of(text, date="2024-05")) if f.kind == "date"]
    assert [(f.text, f.value, f.date_basis) for f in found] == [
        ("2019年", 2019, ""),
        ("2022年3月", 2022, ""),
    ]


def test_a_relative_date_without_an_article_date_has_no_value() -> None:
    (date,) = [f for f in extract_figures(article_of("去年建成。", date="")) if f.kind == "date"]
    assert (date.text, date.value, date.date_basis) == ("去年", None, "")
