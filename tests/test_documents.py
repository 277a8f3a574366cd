"""Decoding, folding and parsing on inputs written for the purpose."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jining_archive.documents.decode import DecodeError, decode_bytes
from jining_archive.documents.model import BlockKind
from jining_archive.documents.normalise import fold, fold_width, to_simplified
from jining_archive.documents.parse import byline_people, is_byline, parse_article

SAMPLE = "济宁高新区进出口总额221.2亿元，增长44.6%。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_decode_common_encodings(encoding: str) -> None:
    text, used = decode_bytes(SAMPLE.encode(encoding), "sample.txt")
    assert text.lstrip("\ufeff") == SAMPLE
    assert used


def test_decode_big5_traditional() -> None:
    traditional = "濟寧高新區的發展與經濟建設成績斐然，進出口總額持續增長。" * 3
    text, _ = decode_bytes(traditional.encode("big5"), "big5.txt")
    assert fold(text).startswith("济宁高新区的发展与经济")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x00\x01\x02PK\x03\x04binary" * 20, "binary"),
    ],
)
def test_decode_rejects_bad_input_with_the_file_name(data: bytes, message: str) -> None:
    with pytest.raises(DecodeError) as err:
        decode_bytes(data, "bad.txt")
    assert "bad.txt" in str(err.value)
    assert message in str(err.value)


def test_fold_width_digits_and_punctuation() -> None:
    assert fold_width("１３０６亿元，ＡＢＣ（中国）") == "1306亿元,ABC(中国)"


def test_fold_traditional_to_simplified() -> None:
    assert fold("濟寧高新區") == "济宁高新区"
    assert to_simplified("發展") == "发展"


@given(st.text(max_size=200))
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_is_byline() -> None:
    assert is_byline("记者 孔茜 通讯员 付永强 吴丛")
    assert is_byline("■本报记者 刘菲 曹俐")
    assert is_byline("济宁日报全媒体记者 曹俐 刘菲 通讯员 靖言 吴丛")
    assert not is_byline("记者从济宁高新区了解到，今年全区新增就业10353人。")
    assert byline_people("记者 孔茜 通讯员 付永强 吴丛") == (["孔茜"], ["付永强", "吴丛"])


def test_parse_markdown_numbered_and_bullets() -> None:
    raw = (
        "# 总标题\n\n本报记者 王五\n\n导语一段，说明情况。\n\n"
        "## (一) 第一部分\n\n### ◎小节甲\n\n正文甲。\n\n### ◎小节乙\n\n正文乙。\n\n"
        "## (二) 第二部分\n\n正文丙。\n"
    )
    article = parse_article(raw, "x")
    assert article.title == "总标题"
    assert [(s.title, s.level) for s in article.iter_sections()] == [
        ("(一) 第一部分", 1),
        ("小节甲", 2),
        ("小节乙", 2),
        ("(二) 第二部分", 1),
    ]
    assert article.reporters == ["王五"]


def test_parse_rejoins_a_word_split_around_a_caption() -> None:
    raw = (
        "标题在此\n\n"
        "第一段讲述园区发展服务中心的情况，第一时间入企调研，摸清症结、对症开方，积极对接高\n\n\n\n"
        "园区人员在车间了解需求。\n\n\n\n"
        "新区国有公司进行资源盘活，整理出30亩土地用于项目二期建设，仅用半年时间就完成厂房建设。\n\n"
        "第二段另起一行，说的是园区的另一件事情，篇幅足够长，不会被当作图片说明。\n"
    )
    article = parse_article(raw, "x")
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert kinds == [
        (BlockKind.TITLE, "标题在此"),
        (
            BlockKind.PARAGRAPH,
            "第一段讲述园区发展服务中心的情况，第一时间入企调研，摸清症结、对症开方，"
            "积极对接高新区国有公司进行资源盘活，整理出30亩土地用于项目二期建设，"
            "仅用半年时间就完成厂房建设。",
        ),
        (BlockKind.CAPTION, "园区人员在车间了解需求。"),
        (
            BlockKind.PARAGRAPH,
            "第二段另起一行，说的是园区的另一件事情，篇幅足够长，不会被当作图片说明。",
        ),
    ]
    (repair,) = article.repairs
    assert article.text[repair.offset - 1 : repair.offset + 2] == "高新区"
    assert repair.moved_caption == "园区人员在车间了解需求。"


def test_parse_does_not_join_a_paragraph_to_a_heading() -> None:
    raw = (
        "标题\n\n第一段没有句号，列出了四场硬仗：产业集聚区建设、企业梯队培育、数字赋能提升\n\n"
        "◆ 小标题\n\n第二段在小标题之下，讲述另一件事情，篇幅也足够长了。\n"
    )
    article = parse_article(raw, "x")
    assert [b.kind for b in article.blocks] == [
        BlockKind.TITLE,
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
    ]
    assert article.repairs == []


def test_a_word_printed_on_both_sides_of_a_page_break_is_kept_and_noted() -> None:
    raw = (
        "标题\n\n这一段讲的是群众的获得感，一张张民生答卷托举起群众实实在在的\n\n\n\n的幸福生活。\n"
    )
    article = parse_article(raw, "x")
    assert article.blocks[-1].text.endswith("实实在在的的幸福生活。")  # as printed
    (repair,) = article.repairs
    assert repair.repeated == "的"
    joined = parse_article(raw.replace("的幸福", "幸福"), "x")
    assert [r.repeated for r in joined.repairs] == [""]


def test_parse_short_sentence_tail_after_a_caption() -> None:
    raw = "标题\n\n这一段讲的是群众的获得感，一张张民生答卷托举起群众实实在在的\n\n\n\n幸福生活。\n"
    article = parse_article(raw, "x")
    assert article.blocks[-1].text.endswith("实实在在的幸福生活。")
    assert len(article.repairs) == 1


def test_parse_empty_and_latin_text() -> None:
    assert parse_article("", "x").blocks == []
    article = parse_article("Plain English heading\n\nA paragraph in English.\n", "x")
    assert article.title == "Plain English heading"
    assert article.blocks[-1].text == "A paragraph in English."


def test_web_page_furniture_is_not_joined_to_the_next_paragraph() -> None:
    raw = (
        "苏州工业园区外资项目加速落地\n\n"
        "今年1至9月，苏州工业园区实际使用外资约12.5亿美元，同比增长18.3%，增速居全省前列。\n\n"
        "网页导航：首页 | 新闻 | 联系我们 电话：0512-66881234 邮箱：news@example.gov.cn\n\n"
        "园区还推动生物制药生产基地二期工程建设，新增就业岗位2000余个，占地面积达150亩。\n"
    )
    article = parse_article(raw, "x")
    assert article.repairs == []
    assert article.blocks[-1].text.startswith("园区还推动")
