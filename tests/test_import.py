"""Importing into the catalogue through the library and the CLI: every format and encoding
becomes an article that search, figures, projects and bookmarks see; unchanged content,
reposts, re-imports, removal and bad input."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import docx
import pytest

from jining_archive import paths
from jining_archive.app import main
from jining_archive.library import Library
from jining_archive.notes.model import AnchorState
from jining_archive.notes.store import NoteStore
from jining_archive.notes.targets import passage_bookmark

TITLE = "邹城市新能源装备产业园建设提速"
FIRST = "今年以来，邹城市新能源装备产业园累计完成投资28.6亿元，同比增长35%。"
SECOND = "园区内的华源风电装备制造项目已签约，总投资12亿元，预计明年投产。"
THIRD = "目前，园区已入驻企业46家，带动就业3200人。"
BODY = [FIRST, SECOND, THIRD]
TEXT = f"{TITLE}\n\n2024年5月20日\n\n" + "\n\n".join(BODY) + "\n"


def _library() -> Library:
    return Library.open()


def _import(tmp_path: Path, name: str, data: bytes) -> tuple[Library, object]:
    path = tmp_path / name
    path.write_bytes(data)
    library = _library()
    (result,) = library.import_paths([path])
    return library, result


def _body(library: Library, article_id: str) -> list[str]:
    return [b.text for b in library.article(article_id).blocks if b.kind == "paragraph"]


@pytest.mark.parametrize(
    ("name", "encoding", "expected"),
    [
        ("utf8.txt", "utf-8", "utf-8"),
        ("bom.txt", "utf-8-sig", "utf-8-sig"),
        ("gbk.txt", "gbk", "gb18030"),
        ("gb18030.txt", "gb18030", "gb18030"),
        ("utf16le.txt", "utf-16-le", "utf-16"),
        ("utf16be.txt", "utf-16-be", "utf-16"),
    ],
)
def test_text_in_every_encoding_becomes_the_same_article(
    tmp_path: Path, name: str, encoding: str, expected: str
) -> None:
    data = TEXT.encode(encoding)
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data
    elif encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    library, result = _import(tmp_path, name, data)
    assert result.status == "added", result.reason  # type: ignore[attr-defined]
    assert result.encoding == expected  # type: ignore[attr-defined]
    article = library.article(result.article_id)  # type: ignore[attr-defined]
    assert article.title == TITLE
    assert (article.date, article.date_estimated) == ("2024-05-20", False)
    assert _body(library, article.id) == BODY
    assert article.origin == "imported"


def test_big5_traditional_text(tmp_path: Path) -> None:
    traditional = "鄒城市新能源裝備產業園建設提速\n\n園區已入駐企業46家，帶動就業3200人。\n"
    library, result = _import(tmp_path, "big5.txt", traditional.encode("big5"))
    assert result.encoding == "big5"  # type: ignore[attr-defined]
    article = library.article(result.article_id)  # type: ignore[attr-defined]
    assert article.title == "鄒城市新能源裝備產業園建設提速"
    assert _body(library, article.id) == ["園區已入駐企業46家，帶動就業3200人。"]
    # Search folds traditional and simplified: the simplified query finds it.
    assert {h.article_id for h in library.search("产业园建设").hits} == {article.id}
    assert [f.text for f in library.figures(article.id)] == ["46家", "3200人"]


def test_markdown_headings_become_sections(tmp_path: Path) -> None:
    text = f"# {TITLE}\n\n## 项目建设\n\n{FIRST}\n\n## 招商引资\n\n{SECOND}\n"
    library, result = _import(tmp_path, "a.md", text.encode("utf-8"))
    article = library.article(result.article_id)  # type: ignore[attr-defined]
    assert article.title == TITLE
    assert [(s.title, s.level) for s in article.iter_sections()] == [
        ("项目建设", 1),
        ("招商引资", 1),
    ]


def test_word_file_with_headings_and_a_table(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading(TITLE, level=0)
    document.add_heading("项目建设", level=1)
    document.add_paragraph(FIRST)
    document.add_paragraph(SECOND)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "数值"
    table.cell(1, 0).text, table.cell(1, 1).text = "入驻企业", "46家"
    path = tmp_path / "报告 2024.docx"
    document.save(str(path))
    library = _library()
    (result,) = library.import_paths([path])
    assert result.status == "added", result.reason
    assert result.format == "docx"
    article = library.article(result.article_id)
    assert article.title == TITLE
    assert [s.title for s in article.iter_sections()] == ["项目建设"]
    assert FIRST in article.text and SECOND in article.text
    assert "入驻企业" in article.text and "46家" in article.text


HTML = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{TITLE}_某某新闻网</title>
<meta property="og:title" content="{TITLE}">
<meta property="article:published_time" content="2024-05-20T08:00:00+08:00">
<meta property="og:site_name" content="某某新闻网">
<script>document.write("脚本写出的文字");</script>
</head><body>
<div class="nav"><a href="/">首页</a> | <a href="/news">新闻</a> | <a href="/gov">政务</a></div>
<div class="crumb">您的位置：首页 &gt; 新闻中心 &gt; 县区动态</div>
<article><h1>{TITLE}</h1>
<p>{FIRST}</p><p>{SECOND}</p><p>{THIRD}</p>
<img src="http://example.invalid/track.gif"><iframe src="http://example.invalid/ad"></iframe>
</article>
<div class="comment">0人参与 0条评论</div>
<div class="related"><h3>相关阅读</h3><ul><li><a href="/1">另一篇报道的标题</a></li></ul></div>
<div class="footer">版权所有 某某新闻网 鲁ICP备12345678号</div>
</body></html>"""


def test_saved_web_page(tmp_path: Path) -> None:
    library, result = _import(tmp_path, "page.html", HTML.encode("utf-8"))
    assert result.status == "added", result.reason  # type: ignore[attr-defined]
    article = library.article(result.article_id)  # type: ignore[attr-defined]
    assert article.title == TITLE
    assert article.date == "2024-05-20" and not article.date_estimated
    assert _body(library, article.id) == BODY
    for junk in ("脚本写出的文字", "您的位置", "0人参与", "相关阅读", "ICP", "首页"):
        assert junk not in article.text
    assert not any(f.text in ("0人", "0条") for f in library.figures(article.id))


def test_search_figures_projects_and_bookmarks_see_an_import(tmp_path: Path) -> None:
    library, result = _import(tmp_path, "a.txt", TEXT.encode("gbk"))
    article_id = result.article_id  # type: ignore[attr-defined]
    hits = library.search("华源风电").hits
    assert [h.article_id for h in hits] == [article_id]
    (start, end) = hits[0].matches[0]
    assert library.article(article_id).text[start:end] == "华源风电"
    figures = {f.text: f for f in library.figures(article_id)}
    assert figures["28.6亿元"].value == 2_860_000_000
    assert figures["35%"].value == 35
    names = {e.name for e in library.projects()}
    assert "华源风电装备制造项目" in names
    with NoteStore() as store:
        article = library.article(article_id)
        start = article.text.index(THIRD)
        store.add(passage_bookmark(article, start, start + len(THIRD), note="入驻"))
    code = main(["bookmarks", "list", "--json"])
    assert code == 0


def test_the_same_content_twice_is_unchanged(tmp_path: Path) -> None:
    library, first = _import(tmp_path, "a.txt", TEXT.encode("utf-8"))
    copy = tmp_path / "copy.txt"
    copy.write_bytes(TEXT.encode("utf-8"))
    (again,) = library.import_paths([copy])
    assert again.status == "unchanged"
    assert again.article_id == first.article_id  # type: ignore[attr-defined]
    assert len(library) == 6


def test_a_repost_is_recognised_and_can_be_dropped(tmp_path: Path) -> None:
    original = "\n\n".join([TITLE, *BODY, "园区还将建设研发中心和人才公寓，进一步完善配套服务。"])
    library, first = _import(tmp_path, "first.txt", original.encode("utf-8"))
    repost = (
        "转载自某某网\n\n" + original.replace(TITLE, TITLE + "（图）") + "\n\n（来源：某某网）\n"
    )
    path = tmp_path / "repost.txt"
    path.write_text(repost, encoding="utf-8")
    (kept,) = library.import_paths([path], keep_reposts=True)
    assert kept.status == "repost"
    assert kept.repost_of == first.article_id  # type: ignore[attr-defined]
    assert library.article(kept.article_id).repost_of == first.article_id  # type: ignore[attr-defined]
    assert [a.id for a in library.reposts_of(first.article_id)] == [kept.article_id]  # type: ignore[attr-defined]
    # Search shows the passage once, with the repost as another source.
    hits = library.search("华源风电").hits
    assert len(hits) == 1
    assert hits[0].article_id == first.article_id  # type: ignore[attr-defined]
    assert [a for a, _ in hits[0].also_in] == [kept.article_id]
    # Dropping instead: reported, not kept.
    library.remove([kept.article_id])
    (dropped,) = library.import_paths([path], keep_reposts=False)
    assert dropped.status == "repost" and dropped.article_id == ""
    assert len(library) == 6


def test_reimporting_a_changed_file_replaces_it_and_reattaches_bookmarks(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    library = _library()
    (first,) = library.import_paths([path])
    article = library.article(first.article_id)
    with NoteStore() as store:
        start = article.text.index(THIRD)
        bookmark = store.add(passage_bookmark(article, start, start + len(THIRD)))
    library.edit(first.article_id, {"source": "邹城融媒"})
    path.write_text(TEXT.replace(FIRST, "新增的一句话。" + FIRST), encoding="utf-8")
    (second,) = library.import_paths([path])
    assert second.status == "added" and second.code == "replaced"
    assert second.article_id == first.article_id
    assert len(library) == 6
    changed = library.article(first.article_id)
    assert "新增的一句话。" in changed.text
    assert changed.source == "邹城融媒"  # the edit survived the re-import
    with NoteStore() as store:
        store.reconcile(library.articles)
        moved = store.get(bookmark.id)
    assert moved.anchor_state == AnchorState.ATTACHED
    assert moved.anchor is not None
    assert changed.text[moved.anchor.start : moved.anchor.end] == THIRD


def test_removing_keeps_bookmarks_detached_with_their_quotes(tmp_path: Path) -> None:
    library, result = _import(tmp_path, "a.txt", TEXT.encode("utf-8"))
    article = library.article(result.article_id)  # type: ignore[attr-defined]
    with NoteStore() as store:
        start = article.text.index(SECOND)
        made = store.add(passage_bookmark(article, start, start + len(SECOND)))
    library.remove([article.id])
    assert article.id not in _library()
    assert not library.search("华源风电").hits
    with NoteStore() as store:
        store.reconcile(library.articles)
        kept = store.get(made.id)
    assert kept.anchor_state == AnchorState.DETACHED
    assert kept.quote == SECOND


def _zip_bomb(path: Path) -> None:
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z,
        z.open("word/document.xml", "w", force_zip64=True) as member,
    ):
        chunk = b"\0" * (1 << 20)
        for _ in range(300):
            member.write(chunk)


def test_bad_input_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "01-empty.txt").write_bytes(b"")
    (folder / "02-binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "03-not-a-zip.docx").write_bytes(b"this is not a word file")
    _zip_bomb(folder / "04-bomb.docx")
    (folder / "05-truncated.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    other = "曲阜市文旅项目集中签约\n\n本次签约项目共8个，总投资56亿元，涵盖文化演艺等领域。\n"
    (folder / "06-good 文件.txt").write_text(other, encoding="utf-8")
    (folder / "07-photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    page_files = folder / "page_files"
    page_files.mkdir()
    (page_files / "script.js").write_text("alert(1)", encoding="utf-8")
    (folder / "page.html").write_text(HTML, encoding="utf-8")
    library = _library()
    results = {Path(r.path).name: r for r in library.import_paths([folder])}
    assert "script.js" not in results  # the saved page's companion folder is not read
    assert results["01-empty.txt"].status == "error"
    assert results["01-empty.txt"].code == "empty"
    assert results["02-binary.txt"].code == "binary"
    assert results["03-not-a-zip.docx"].code == "not-zip"
    assert results["04-bomb.docx"].code == "zip-bomb"
    assert results["05-truncated.pdf"].code == "damaged"
    assert results["06-good 文件.txt"].status == "added"
    assert results["07-photo.png"].status == "skipped"
    assert results["page.html"].status == "added"
    assert len(library) == 7
    for result in results.values():
        assert result.reason or result.status == "added"


def test_a_file_over_the_size_limit_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jining_archive.importing as importing

    monkeypatch.setattr(importing, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text(TEXT * 20, encoding="utf-8")
    (result,) = _library().import_paths([path])
    assert result.status == "error" and result.code == "too-large"


def test_a_full_disk_leaves_no_half_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = _library()
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    (result,) = library.import_paths([path])
    assert result.status == "error" and result.code == "catalogue-full"
    assert len(library) == 5
    assert len(_library()) == 5
    assert not any(p.is_file() for p in paths.imports_dir().rglob("*"))


def test_cli_import_json_and_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "新闻 一则.txt"
    path.write_bytes(TEXT.encode("gbk"))
    assert main(["import", str(path), "--json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert set(result) == {
        "path",
        "status",
        "article_id",
        "title",
        "date",
        "date_estimated",
        "source",
        "format",
        "encoding",
        "replaced",
        "reason",
        "repost_of",
    }
    assert result["replaced"] == 0  # GBK that decodes cleanly
    assert (result["status"], result["title"], result["format"], result["encoding"]) == (
        "added",
        TITLE,
        "txt",
        "gb18030",
    )
    article_id = result["article_id"]
    assert main(["articles", "--json"]) == 0
    listed = {a["id"]: a for a in json.loads(capsys.readouterr().out)}
    assert listed[article_id]["origin"] == "imported"
    assert listed[article_id]["path"] == str(path)
    assert main(["import", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["status"] == "unchanged"
    assert main(["edit", article_id, "--title", "改过的标题", "--date", "2024-06"]) == 0
    capsys.readouterr()
    assert main(["show", article_id, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["title"], shown["date"]) == ("改过的标题", "2024-06")
    assert main(["search", "华源风电", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["hits"][0]["article_id"] == article_id
    assert main(["edit", article_id, "--date", "2024-99"]) == 2
    assert "not a date" in capsys.readouterr().err
    assert main(["remove", article_id]) == 0
    assert "removed" in capsys.readouterr().out
    assert main(["show", article_id]) == 2


def test_import_exits_1_when_one_of_several_files_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(TEXT.encode("gbk"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["import", str(good), str(empty)]) == 1
    out = capsys.readouterr().out
    assert "1 added" in out and "1 error" in out
    assert main(["articles", "--json"]) == 0  # the good file is in the archive all the same
    assert TITLE in [a["title"] for a in json.loads(capsys.readouterr().out)]
    assert main(["import", str(good)]) == 0  # nothing failed: unchanged
    assert "1 unchanged" in capsys.readouterr().out


_CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
_CJK_FONT = next((f for f in _CJK_FONTS if Path(f).is_file()), None)


@pytest.mark.skipif(_CJK_FONT is None, reason="no CJK font file (fonts-wqy-microhei)")
def test_pdf_with_a_running_header_imports_as_an_article(tmp_path: Path) -> None:
    from fpdf import FPDF

    class Paper(FPDF):
        def header(self) -> None:
            self.set_font("cjk", size=9)
            self.cell(0, 8, "某某日报  第3版  经济", align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("cjk", size=9)
            self.cell(0, 8, str(self.page_no()), align="C")

    pdf = Paper(format="A4")
    pdf.add_font("cjk", fname=_CJK_FONT)
    pdf.set_auto_page_break(True, margin=22)
    pdf.set_title(TITLE)
    pdf.add_page()
    pdf.set_font("cjk", size=16)
    pdf.multi_cell(0, 10, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=11)
    filler = "园区同步推进道路、管网和标准化厂房建设，为企业入驻创造条件。" * 50
    for text in (FIRST, filler, SECOND, filler, THIRD):
        pdf.set_x(pdf.l_margin + 22)
        pdf.write(6, text)
        pdf.ln(8)
    path = tmp_path / "第3版.pdf"
    pdf.output(str(path))
    library = _library()
    (result,) = library.import_paths([path])
    assert result.status == "added", result.reason
    assert result.format == "pdf"
    article = library.article(result.article_id)
    assert article.title == TITLE
    paragraphs = _body(library, article.id)
    assert paragraphs[0] == FIRST and paragraphs[2] == SECOND and paragraphs[-1] == THIRD
    assert "第3版" not in article.text  # the running header is page furniture
    assert {h.article_id for h in library.search("华源风电").hits} == {article.id}
    assert "28.6亿元" in {f.text for f in library.figures(article.id)}
    assert "华源风电装备制造项目" in {e.name for e in library.projects()}


def test_a_scanned_pdf_is_reported_as_such(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    (result,) = _library().import_paths([path])
    assert (result.status, result.code) == ("error", "scanned")
    assert "no text layer" in result.reason


def test_a_reader_failing_unexpectedly_is_reported_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jining_archive.documents.formats import docx as docx_reader

    def broken(_data: bytes, _name: str) -> None:
        raise KeyError("no relationship of type styles")

    monkeypatch.setattr(docx_reader, "read_docx", broken)
    document = docx.Document()
    document.add_paragraph(FIRST)
    document.save(str(tmp_path / "a.docx"))
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    results = {Path(r.path).name: r for r in _library().import_paths([tmp_path])}
    assert (results["a.docx"].status, results["a.docx"].code) == ("error", "damaged")
    assert "could not be read" in results["a.docx"].reason
    assert results["b.txt"].status == "added"


def test_a_word_files_creation_date_is_only_an_estimate(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    document = docx.Document()
    document.add_heading(TITLE, level=0)
    document.add_paragraph("园区内的华源风电装备制造项目已签约，预计明年投产。")
    document.core_properties.created = datetime(2021, 6, 1, 8, 0, tzinfo=UTC)
    path = tmp_path / "a.docx"
    document.save(str(path))
    (result,) = _library().import_paths([path])
    assert (result.date, result.date_estimated) == ("2021-06-01", True)


def test_the_publisher_named_on_a_page_is_its_source(tmp_path: Path) -> None:
    page = HTML.replace("<p>" + FIRST, "<p>发布时间：2024-05-20 来源：邹城日报</p><p>" + FIRST)
    library, result = _import(tmp_path, "page.html", page.encode("utf-8"))
    assert result.source == "邹城日报"  # type: ignore[attr-defined]
    assert "来源" not in library.article(result.article_id).text  # type: ignore[attr-defined]


def test_a_file_that_disappears_during_the_import_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jining_archive.library as library_module

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT.replace(TITLE, "另一篇"), encoding="utf-8")
    real_collect = library_module.collect

    def collect_then_delete(targets):  # type: ignore[no-untyped-def]
        found = list(real_collect(targets))
        (tmp_path / "a.txt").unlink()  # gone between listing and reading
        return iter(found)

    monkeypatch.setattr(library_module, "collect", collect_then_delete)
    library = _library()
    results = {Path(r.path).name: r for r in library.import_paths([tmp_path])}
    assert (results["a.txt"].status, results["a.txt"].code) == ("error", "disappeared")
    assert results["b.txt"].status == "added"
    assert len(library) == 6


def test_a_reimported_file_gets_figures_of_its_new_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    library = _library()
    (first,) = library.import_paths([path])
    assert "28.6亿元" in {f.text for f in library.figures(first.article_id)}
    library = _library()  # figures now come from the catalogue's cache
    assert "28.6亿元" in {f.text for f in library.figures(first.article_id)}
    path.write_text(TEXT.replace("28.6亿元", "31.5亿元"), encoding="utf-8")
    library.import_paths([path])
    texts = {f.text for f in library.figures(first.article_id)}
    assert "31.5亿元" in texts and "28.6亿元" not in texts


def test_articles_parsed_by_other_parser_code_are_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jining_archive.library as library_module

    library, result = _import(tmp_path, "a.txt", TEXT.encode("utf-8"))
    article_id = result.article_id  # type: ignore[attr-defined]
    library.edit(article_id, {"source": "邹城融媒"})
    monkeypatch.setattr(library_module, "pipeline_version", lambda: "another-parser")
    reopened = Library.open(reprocess=False)
    assert article_id in reopened.stale
    assert reopened.article(article_id).title == TITLE  # shown meanwhile as stored
    assert reopened.reprocess_stale() == 1
    assert reopened.stale == []
    assert reopened.row(article_id).parser_version == "another-parser"  # type: ignore[union-attr]
    again = reopened.article(article_id)
    assert _body(reopened, article_id) == BODY
    assert again.source == "邹城融媒"  # the user's edit is applied again
    assert Library.open(reprocess=False).stale == []


def test_a_relative_path_is_remembered_as_an_absolute_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (result,) = _library().import_paths(["a.txt"])
    assert result.path == str(tmp_path / "a.txt")
    assert _library().article(result.article_id).path == str(tmp_path / "a.txt")


def test_the_index_stays_current_across_a_restart(tmp_path: Path) -> None:
    # What the index holds is checked by a key the catalogue gives: the next start
    # must find the index current without reading any article's text or blocks.
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    library = _library()
    library.prepare_search()
    library.import_paths([path])
    assert library.prepare_search()[0].counts == {"added": 1, "changed": 0, "removed": 0}
    library.edit(library.articles[-1].id, {"title": "改过的标题"})
    assert library.prepare_search()[0].counts == {"added": 0, "changed": 1, "removed": 0}
    again = _library()
    assert again.prepare_search() == []
    assert not any(a.body_loaded for a in again.articles)  # type: ignore[attr-defined]
    assert again.search("title:改过的标题").total > 0


def test_a_relative_date_follows_the_article_date_when_it_is_confirmed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 2023-climb-higher's date (2023-03) is estimated; its 今年7月中旬 takes that year.
    def relative() -> tuple[float, str]:
        assert main(["figures", "--article", "2023-climb-higher", "--json"]) == 0
        (date,) = [f for f in json.loads(capsys.readouterr().out) if f["text"] == "今年7月中旬"]
        return date["value"], date["date_basis"]

    assert relative() == (2023, "estimated_article_date")
    assert main(["edit", "2023-climb-higher", "--date", "2023-03"]) == 0  # the same date, confirmed
    capsys.readouterr()
    assert relative() == (2023, "article_date")  # not the figures kept for the estimate
