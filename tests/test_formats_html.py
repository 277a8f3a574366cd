"""Saved web pages: the article body, metadata, encodings and safety."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from jining_archive.documents.formats import FormatError
from jining_archive.documents.formats.html import companion_folder, declared_charset, read_html
from jining_archive.documents.formats.registry import read_path

FIRST = "5月8日上午，济宁高新区新材料产业园项目集中开工，总投资36亿元的12个项目同时动工。"
SECOND = (
    "产业园重点发展碳纤维复合材料和特种膜材料，项目全部投产后预计年产值可达80亿元，"
    "新增就业岗位3000余个。"
)
LAST = "高新区有关负责人表示，将全程做好项目服务，确保项目早建成、早投产、早见效。"

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}">
<title>高新区新材料产业园开工_济宁新闻网</title>
<meta property="og:title" content="高新区新材料产业园开工">
<meta property="article:published_time" content="2024-05-08T09:30:00+08:00">
<meta property="og:site_name" content="济宁新闻网">
<meta name="author" content="王明; 李华">
<link rel="canonical" href="http://www.jnnews.example/p/1001.html">
<link rel="stylesheet" href="http://static.example.com/site.css">
<script src="http://static.example.com/jquery.js"></script>
<script>document.write('<p>脚本写入的广告文字，这一段不应出现在正文中。</p>');</script>
<style>body {{ color: red }}</style>
</head><body onload="track()">
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/news/">新闻</a></li>
<li><a href="/gov/">政务</a></li><li><a href="/video/">视频</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/news/">本地新闻</a> &gt; 正文</div>
<div class="article">
<h1>高新区新材料产业园开工</h1>
<div class="content">
<p>{first}</p>
<img src="http://img.example.com/photo1.jpg" alt="开工现场">
<h2>产业链条加快延伸</h2>
<p>{second}</p>
<iframe src="http://video.example.com/player.html">视频加载中的提示文字</iframe>
<object data="http://video.example.com/a.swf">插件提示文字</object>
<embed src="http://video.example.com/b.swf">
<div style="display:none">隐藏的推广文字，九九免费视频在线观看。</div>
<p>{last}</p>
</div></div>
<div class="comment"><h3>网友评论</h3>
<form action="/c"><textarea>说点什么吧</textarea><button>发表</button></form>
<ul><li>网友甲：这个项目对周边就业是好事，希望多招本地人。</li>
<li>网友乙：路修好了，就是早晚高峰还是堵车。2024-05-09</li></ul></div>
<div class="related"><h3>相关新闻</h3><ul>
<li><a href="/p/1.html">高新区召开重点项目推进会</a></li>
<li><a href="/p/2.html">济宁市一季度经济运行情况发布</a></li>
<li><a href="/p/3.html">高新区企业入选省级专精特新名单</a></li></ul></div>
<div class="footer">版权所有 济宁新闻网 鲁ICP备12345678号</div>
</body></html>"""

EXPECTED = f"# 高新区新材料产业园开工\n\n{FIRST}\n\n## 产业链条加快延伸\n\n{SECOND}\n\n{LAST}\n"


def page(charset: str = "utf-8") -> str:
    return PAGE.format(charset=charset, first=FIRST, second=SECOND, last=LAST)


def test_news_page_body_and_metadata() -> None:
    source = read_html(page().encode("utf-8"), "page.html")
    assert source.text == EXPECTED
    assert source.format == "html"
    assert source.encoding == "utf-8"
    assert source.title == "高新区新材料产业园开工"
    assert source.date == "2024-05-08"
    assert source.source == "济宁新闻网"
    assert source.reporters == ["王明", "李华"]
    assert source.url == "http://www.jnnews.example/p/1001.html"


@pytest.mark.parametrize(
    "furniture",
    [
        "首页",
        "当前位置",
        "脚本写入",
        "视频加载中",
        "插件提示",
        "九九免费",
        "说点什么吧",
        "网友甲",
        "相关新闻",
        "高新区召开重点项目推进会",
        "版权所有",
        "ICP备",
        "color: red",
        "http://",
    ],
)
def test_page_furniture_is_dropped(furniture: str) -> None:
    assert furniture not in read_html(page().encode("utf-8"), "page.html").text


def test_gbk_page_with_meta_charset() -> None:
    source = read_html(page("gbk").encode("gbk"), "page.htm")
    assert source.encoding == "gb18030"
    assert source.text == EXPECTED


def test_gb2312_http_equiv_and_no_declaration() -> None:
    html = page("utf-8").replace(
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
    )
    assert declared_charset(html.encode("gbk")) == "gb18030"
    assert read_html(html.encode("gbk"), "page.html").text == EXPECTED
    undeclared = page().replace('<meta charset="utf-8">', "")
    source = read_html(undeclared.encode("gbk"), "page.html")
    assert source.encoding == "gb18030"
    assert source.text == EXPECTED


def test_stale_declaration_is_overridden_by_the_bytes() -> None:
    # Re-saved as UTF-8, the page still says gbk; UTF-8 bytes are not valid GBK.
    source = read_html(page("gbk").encode("utf-8"), "page.html")
    assert source.text == EXPECTED


def test_paragraphs_separated_by_br_in_a_layout_table() -> None:
    html = f"""<html><head><meta charset="utf-8"><title>高新区新材料产业园开工</title></head>
<body><div class="nav"><a href="/">首页</a> | <a href="/n">新闻</a> | <a href="/z">政务</a></div>
<table width="760"><tr><td class="title">高新区新材料产业园开工</td></tr>
<tr><td class="zw">　　{FIRST}<br><br>　　{SECOND}<br>
<br>　　{LAST}</td></tr></table>
<div class="footer">版权所有 济宁新闻网</div></body></html>"""
    source = read_html(html.encode("utf-8"), "old.html")
    lines = [line for line in source.text.splitlines() if line]
    assert lines[-3:] == [FIRST, SECOND, LAST]
    assert "版权所有" not in source.text
    assert source.date == ""


def test_data_table_rows_become_paragraph_lines() -> None:
    html = f"""<html><head><meta charset="utf-8"><title>统计</title></head><body><article>
<p>{FIRST}</p><table><tr><th>指标</th><th>1-8月</th><th>增长</th></tr>
<tr><td>工业投资</td><td>289个</td><td>5.4%</td></tr></table><p>{LAST}</p></article></body></html>"""
    lines = [line for line in read_html(html.encode("utf-8"), "t.html").text.splitlines() if line]
    assert lines == [FIRST, "指标；1-8月；增长。", "工业投资；289个；5.4%。", LAST]


def test_comment_dates_are_not_taken_for_the_publication_date() -> None:
    html = page().replace('<meta property="article:published_time"', '<meta property="x"')
    assert read_html(html.encode("utf-8"), "page.html").date == ""


def test_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert read_html(page().encode("utf-8"), "page.html").text == EXPECTED


def test_page_without_text() -> None:
    html = "<html><head><title>空</title><script>var a = '很长的脚本文字';</script></head><body>"
    html += '<div class="nav"><a href="/">首页</a></div><img src="http://x/a.jpg"></body></html>'
    with pytest.raises(FormatError) as info:
        read_html(html.encode("utf-8"), "empty.html")
    assert info.value.code == "no-text"


def test_empty_and_binary_pages() -> None:
    with pytest.raises(FormatError) as info:
        read_html(b"   ", "a.html")
    assert info.value.code == "empty"
    with pytest.raises(FormatError) as info:
        read_html(bytes(range(256)) * 8, "a.html")
    assert info.value.code == "binary"


def test_companion_folder(tmp_path: Path) -> None:
    saved = tmp_path / "新闻.html"
    saved.write_text(page(), encoding="utf-8")
    assert companion_folder(saved) is None
    folder = tmp_path / "新闻_files"
    folder.mkdir()
    (folder / "script.js").write_text("document.write('x')")
    assert companion_folder(saved) == folder
    assert companion_folder(tmp_path / "新闻.txt") is None
    assert read_path(saved).text == EXPECTED
