"""Page-furniture rules, each on small synthetic lines, and the bundled corpus kept whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jining_archive.documents.furniture import (
    clean_text,
    is_banner,
    line_kind,
    remove_pinyin,
)
from jining_archive.documents.normalise import fold

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _kept(text: str) -> list[str]:
    return [ln for ln in clean_text(text).text.split("\n") if ln]


# ------------------------------------------------------------- single lines


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("您的位置：首页 > 新闻中心 > 高新区动态", "breadcrumb"),
        ("当前位置:首页 - > 区域频道 - > 区域快讯", "breadcrumb"),
        ("首頁>印象山東>濟寧>正文", "breadcrumb"),
        ("首页 | 新闻 | 政务 | 招商", "menu"),
        ("新闻 政务 招商 旅游 文化", "menu"),
        ("【字号 大 中 小】", "controls"),
        ("打印本页 关闭窗口", "controls"),
        ("打印 关闭", "controls"),
        ("0人参与 0条评论", "controls"),
        ("我来说两句 0人参与,0条评论", "controls"),
        ("阅读 1900", "controls"),
        ("阅读 分享 评论", "controls"),
        ("还没有评论,快来抢沙发吧!", "controls"),
        ("微信公眾號", "controls"),
        ("分享到：", "controls"),
        ("登录 评论一下", "controls"),
        ("請同意我們的隱私權規範,才能啟用聽新聞的功能。", "privacy notice"),
        ("版权所有 © 济宁新闻网", "copyright"),
        ("鲁ICP备12345678号-1", "copyright"),
        ("蘇公網安備 32090202000961號", "copyright"),
        ("版权及免责声明：本网所转载稿件仅出于传递更多信息的目的，不代表本网立场。", "copyright"),
        ("主办单位：某某市人民政府", "copyright"),
        ("联系电话：0537-2345678", "contact"),
        ("电话：0537-2345678", "contact"),
        ("邮箱：news@example.com", "contact"),
        ("E-mail: news@example.com", "contact"),
        ("地址：济宁市高新区海川路1号", "contact"),
        ("责任编辑：李四", "editor"),
        ("責任編輯: 陳可軒", "editor"),
        ("编辑 王五", "editor"),
        ("（编辑：赵六）", "editor"),
        ("关键词:高新区建设责任编辑:尹琨山", "editor"),
        ("上一篇：济宁高新区召开经济工作会议", "navigation"),
        ("下一篇：没有了", "navigation"),
        ("相关阅读", "related"),
        ("【推荐阅读】", "related"),
        ("(资料图片仅供参考)", "picture note"),
        ("更多精彩资讯请下载某某新闻客户端", "app prompt"),
        ("发布时间：2024-02-26 10:30 来源：济宁日报", "metadata"),
        ("浏览次数：", "metadata"),
        ("2020年04月13日20:58  来源:济宁新闻客户端", "metadata"),
        ("2015-06-13 2293", "metadata"),
        ('<div id="x"><ol></ol></div>', "markup"),
        ('1. <em id="x"></em>', "markup"),
    ],
)
def test_furniture_line(line: str, kind: str) -> None:
    assert line_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "一、项目建设提速",
        "（一）强化要素保障",
        "城市地位",
        "编辑感言",
        "企业负责人介绍，客户可拨打服务电话咨询，编辑部也收到了不少来信。",
        "园区设立服务热线，企业遇到问题可以随时打电话反映，编辑人员也会跟进报道。",
        "济宁高新区的阅读推广活动吸引了大批市民。",
        "2023年7月3日,济宁高新区实验学校交接仪式举行。",
        "“版权所有”的意识在企业中逐步增强，园区去年新增发明专利800余件，同比增长20%，"
        "企业知识产权保护工作不断加强。",
        "记者 张三 李四",
        "■本报记者 刘菲 曹俐",
        "分享经济",
    ],
)
def test_body_line_is_kept(line: str) -> None:
    assert line_kind(line) == ""


@pytest.mark.parametrize(
    ("line", "banner"),
    [
        ("淮海发展网-淮海经济区门户网站", True),
        ("济宁新闻网", True),
        ("精品一区-在线观看视频-免费高清网站-国产热门推荐", True),
        ("济宁高新区2020年“四个一批”项目二季度集中开工", False),
        ("——记济宁高新区一线干部", False),
        ("回望2023 济宁高新区高质量发展步履坚实", False),
    ],
)
def test_banner(line: str, banner: bool) -> None:
    assert is_banner(fold(line)) is banner


# ------------------------------------------------------------- inline repairs


def test_pinyin_annotations_are_removed() -> None:
    assert remove_pinyin("產(chǎn)業(yè)園") == ("產業園", ["(chǎn)", "(yè)"])
    assert remove_pinyin("高新區(qū)召開發(fā)布會(huì)")[0] == "高新區召開發布會"


def test_brackets_that_are_not_pinyin_stay() -> None:
    assert remove_pinyin("山东济宁(高新区)项目")[0] == "山东济宁(高新区)项目"
    assert remove_pinyin("济宁高新保税物流中心(B型)")[0] == "济宁高新保税物流中心(B型)"
    assert remove_pinyin("采用(ai)技术")[0] == "采用(ai)技术"  # no tone mark: maybe English


def test_counter_glued_to_a_date_is_split() -> None:
    cleaned = clean_text("标题行在这里\n阅读 19007月30日，济宁高新区举行重点项目签约仪式。")
    assert "7月30日，济宁高新区举行重点项目签约仪式。" in cleaned.text.split("\n")
    assert "19007月" not in cleaned.text
    assert "阅读 1900" in cleaned.furniture


def test_counter_glued_to_a_byline_is_split() -> None:
    cleaned = clean_text("标题\n发布日期:2024-12-06 23:45 点击次数:76某某新闻记者 张三\n正文。")
    assert "某某新闻记者 张三" in cleaned.text.split("\n")
    assert cleaned.date == "2024-12-06"
    assert cleaned.reporters == ["张三"]
    assert cleaned.source == "某某新闻"


def test_title_with_labels_on_its_line_is_split() -> None:
    cleaned = clean_text(
        "某某高新区：解码产业园发展 时间:2024-12-04  来源:某某日报\n正文第一句话写在这里。"
    )
    assert cleaned.title == "某某高新区：解码产业园发展"
    assert (cleaned.date, cleaned.source) == ("2024-12-04", "某某日报")


def test_picture_note_inside_a_line_is_cut() -> None:
    cleaned = clean_text("园区新建的厂房(资料图片仅供参考)\n正文。")
    assert cleaned.text.split("\n")[0] == "园区新建的厂房"
    assert "(资料图片仅供参考)" in cleaned.furniture


# ------------------------------------------------------------- whole pages

PAGE = """济宁新闻网
您的位置：首页 > 新闻中心 > 高新区
济宁高新区：项目建设跑出加速度
发布时间：2024-02-26 10:30  来源：济宁日报  作者：张三
【字号 大 中 小】 打印本页 关闭窗口

本报记者 王五

阅读 19007月30日，济宁高新区举行重点项目集中签约仪式，共签约项目12个，总投资86亿元。

一、项目建设提速

企业负责人介绍，客户可拨打服务电话咨询，编辑部也收到了不少来信。

0人参与 0条评论
责任编辑：李四
电话：0537-2345678
版权所有 © 济宁新闻网 鲁ICP备12345678号
上一篇：济宁高新区召开经济工作会议
相关阅读
济宁高新区召开经济工作会议
济宁高新区产业园开工仪式举行
"""


def test_whole_page() -> None:
    cleaned = clean_text(PAGE)
    assert _kept(PAGE) == [
        "济宁高新区：项目建设跑出加速度",
        "本报记者 王五",
        "7月30日，济宁高新区举行重点项目集中签约仪式，共签约项目12个，总投资86亿元。",
        "一、项目建设提速",
        "企业负责人介绍，客户可拨打服务电话咨询，编辑部也收到了不少来信。",
    ]
    assert cleaned.title == "济宁高新区：项目建设跑出加速度"
    assert cleaned.date == "2024-02-26"
    assert cleaned.source == "济宁日报"
    assert cleaned.editor == "李四"
    assert cleaned.reporters == ["王五"]
    assert cleaned.furniture[0] == "济宁新闻网"
    assert "济宁高新区产业园开工仪式举行" in cleaned.furniture
    assert "0人参与 0条评论" in cleaned.furniture


def test_blank_line_gaps_are_kept() -> None:
    text = (
        "标题\n\n第一段正文写在这里，内容完整。\n\n\n\n图片说明\n\n\n第二段正文写在这里，内容完整。"
    )
    assert clean_text(text).text == text


def test_gap_left_by_a_dropped_line_does_not_widen() -> None:
    text = "标题\n\n责任编辑：李四\n\n正文写在这里，内容完整。"
    assert clean_text(text).text == "标题\n\n正文写在这里，内容完整。"


def test_nothing_is_lost() -> None:
    # Every character of the page is in the kept text or in the furniture.
    cleaned = clean_text(PAGE)
    out = cleaned.text + "".join(cleaned.furniture)
    assert sorted(PAGE.replace(" ", "").replace("\n", "")) == sorted(
        out.replace(" ", "").replace("\n", "")
    )


def test_teaser_repeating_a_title_is_dropped() -> None:
    text = (
        "济宁高新区产业园开工仪式隆重举行\n正文写在这里，内容完整，共有十个项目开工。\n"
        "济宁高新区产业园开工仪式…"
    )
    cleaned = clean_text(text)
    assert "济宁高新区产业园开工仪式…" in cleaned.furniture


def test_news_agency_lead_names_the_source() -> None:
    assert clean_text("【新华社济南1月1日电】济宁高新区今天举行签约仪式。").source == "新华社"
    assert clean_text("据新华社报道，济宁高新区今天举行签约仪式。").source == "新华社"
    assert clean_text("本报讯 济宁高新区今天举行签约仪式。").source == ""


def test_trailing_caption_set_apart_is_kept() -> None:
    text = "标题\n\n正文写在这里，内容完整，共有十个项目开工。\n\n\n\n济宁高新区数创中心"
    assert _kept(text)[-1] == "济宁高新区数创中心"


# ------------------------------------------------------------- the bundled corpus


def _corpus() -> list[tuple[str, str, str]]:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    return [
        (a["id"], (CORPUS / a["file"]).read_text(encoding="utf-8"), a["title"])
        for a in manifest["articles"]
    ]


@pytest.mark.parametrize(("article_id", "text", "title"), _corpus(), ids=lambda v: str(v)[:24])
def test_bundled_texts_lose_no_line(article_id: str, text: str, title: str) -> None:
    for hint in (title, ""):
        cleaned = clean_text(text, title_hint=hint)
        assert cleaned.furniture == [], article_id
        before = [ln.strip() for ln in text.splitlines() if ln.strip()]
        after = [ln for ln in cleaned.text.split("\n") if ln]
        assert after == before, article_id


@pytest.mark.parametrize(("article_id", "text", "title"), _corpus(), ids=lambda v: str(v)[:24])
def test_bundled_title_hint_is_the_title(article_id: str, text: str, title: str) -> None:
    assert fold(clean_text(text, title_hint=title).title).lstrip("# ") == fold(title)
