"""Exports: citations in every format, CJK fonts in Word, safe CSV and HTML, JSON round trip."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from jining_archive.library import Library
from jining_archive.notes import destination as destination_module
from jining_archive.notes.export import (
    EAST_ASIAN_FONT,
    EAST_ASIAN_HEADING_FONT,
    ExportError,
    ExportFormat,
    export_bookmarks,
    neutralise,
)
from jining_archive.notes.jsonform import NotesFileError, read_notes_file
from jining_archive.notes.model import Bookmark, TargetKind
from jining_archive.notes.store import NoteStore
from jining_archive.notes.targets import article_bookmark, passage_bookmark, section_bookmark

PARKS_TITLE = "济宁高新区多措并举奏响国际合作园区发展“最强音”"
PARKS_SECTION_3 = "铆足干劲闯市场 助力产业能级上新台阶"
TRADE = "实现进出口总额221.2亿元，增长44.6%"
GOOSE_TITLE = "勇担「唯一」使命 争做高质量发展领头羊"


@pytest.fixture
def store(tmp_path: Path, library: Library) -> NoteStore:
    parks = library.article("2023-intl-parks")
    goose = library.article("2025-lead-goose")
    with NoteStore(tmp_path / "notes.sqlite3") as s:
        start = parks.text.index(TRADE)
        s.add(
            passage_bookmark(
                parks, start, start + len(TRADE), note="外贸**快速**增长\n第二行", tags=["外贸"]
            )
        )
        fig = parks.text.index("221.2亿元")
        s.add(passage_bookmark(parks, fig, fig + 7, kind=TargetKind.FIGURE, tags=["数据"]))
        s.add(section_bookmark(parks, "s2", note="平台建设一节"))
        s.add(article_bookmark(goose, note="全文综述", tags=["外贸", "综述"]))
        yield s  # type: ignore[misc]


def _lookup(library: Library):  # type: ignore[no-untyped-def]
    return lambda article_id: library.article(article_id) if article_id in library else None


def _export(store: NoteStore, library: Library, fmt: str, path: Path, **kw: object) -> Path:
    result = export_bookmarks(store.bookmarks(**kw), fmt, path, _lookup(library))  # type: ignore[arg-type]
    return result.path


def test_markdown_carries_every_citation(
    store: NoteStore, library: Library, tmp_path: Path
) -> None:
    text = _export(store, library, "md", tmp_path / "notes.md").read_text(encoding="utf-8")
    assert f"> {TRADE}" in text
    assert "外贸**快速**增长\n第二行" in text
    assert f"《{PARKS_TITLE}》，孔茜，济宁日报，约 2023-09，{PARKS_SECTION_3}" in text
    assert "标签：外贸" in text
    # In reading order the section (s2) comes before the passage and figure (s3).
    assert "## 1. [章节] 搭建平台促合作 助力项目建设快马加鞭\n\n平台建设一节" in text
    assert f"《{GOOSE_TITLE}》，曹俐、刘菲，济宁日报" in text and "全文综述" in text
    assert text.count("- 出处：") == 4


def test_docx_has_chinese_text_citations_and_east_asian_fonts(
    store: NoteStore, library: Library, tmp_path: Path
) -> None:
    path = _export(store, library, "docx", tmp_path / "notes.docx")
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    assert f"“{TRADE}”" in paragraphs
    # The note's Markdown is Word formatting: 快速 in bold, the line break kept.
    (note,) = [p for p in document.paragraphs if p.text == "外贸快速增长\n第二行"]
    assert [r.text for r in note.runs if r.bold] == ["快速"]
    body = "\n".join(paragraphs)
    assert f"出处：《{PARKS_TITLE}》，孔茜，济宁日报，约 2023-09，{PARKS_SECTION_3}" in body
    assert "标签：外贸" in body
    fonts_of = {"Normal": EAST_ASIAN_FONT, "Quote": EAST_ASIAN_FONT,
                "Heading 2": EAST_ASIAN_HEADING_FONT}  # fmt: skip
    for name, font in fonts_of.items():
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font
        assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would override it
    for p in document.paragraphs:
        heading = p.style.name in ("Title", "Heading 2")
        font = EAST_ASIAN_HEADING_FONT if heading else EAST_ASIAN_FONT
        assert p.runs and all(
            r._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == font for r in p.runs
        )


def test_csv_has_bom_citations_and_neutralised_formulas(
    store: NoteStore, library: Library, tmp_path: Path
) -> None:
    first = store.bookmarks()[0]
    first.note = '=HYPERLINK("http://example.invalid","点我")'
    first.tags = ["+1", "-2", "@SUM(A1)", "正常"]
    store.update(first)
    raw = _export(store, library, "csv", tmp_path / "notes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 4
    by_quote = {r["quote"]: r for r in rows}
    trade = by_quote[TRADE]
    assert trade["article_title"] == PARKS_TITLE
    assert trade["date"] == "约 2023-09"
    assert trade["source"] == "济宁日报"
    assert trade["section"] == PARKS_SECTION_3
    row = next(r for r in rows if r["id"] == str(first.id))
    assert row["note"].startswith("'=HYPERLINK")
    assert row["tags"] == "'+1、-2、@SUM(A1)、正常"
    for r in rows:
        assert not any(v.startswith(("=", "+", "-", "@")) for v in r.values())


def test_neutralise() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("@cmd") == "'@cmd"
    assert neutralise("\t=x") == "'\t=x"
    assert neutralise("增长44.6%") == "增长44.6%"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_everything_typed(store: NoteStore, library: Library, tmp_path: Path) -> None:
    first = store.bookmarks()[0]
    first.note = '<script>alert("x")</script><img src=x onerror=alert(1)> & 笔记'
    first.tags = ["<b>粗</b>"]
    store.update(first)
    text = _export(store, library, "html", tmp_path / "notes.html").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(text)
    assert "script" not in parser.tags and "img" not in parser.tags and "b" not in parser.tags
    shown = "".join(parser.text)
    assert '<script>alert("x")</script>' in shown  # shown as text, not run
    assert "<b>粗</b>" in shown
    assert TRADE in shown and PARKS_TITLE in shown and PARKS_SECTION_3 in shown
    assert "default-src 'none'" in text


def test_json_round_trip_restores_exactly(
    store: NoteStore, library: Library, tmp_path: Path
) -> None:
    original = store.bookmarks()
    path = _export(store, library, "json", tmp_path / "notes.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["bookmarks"][0]["citation"]["reference"].startswith(f"《{PARKS_TITLE}》")
    store.remove([b.id for b in original])
    assert len(store) == 0

    report = store.import_bookmarks(read_notes_file(path))

    assert report.added == 4
    assert store.bookmarks() == original
    assert store.tags() == [("外贸", 2), ("数据", 1), ("综述", 1)]


def test_json_import_into_another_store(store: NoteStore, library: Library, tmp_path: Path) -> None:
    path = _export(store, library, "json", tmp_path / "notes.json")
    with NoteStore(tmp_path / "other.sqlite3") as other:
        other.add(Bookmark(article_id="x", kind=TargetKind.ARTICLE))  # takes id 1
        other.import_bookmarks(read_notes_file(path))
        imported = {b.uid: b for b in other.bookmarks()}
    for b in store.bookmarks():
        got = imported[b.uid]
        assert (got.note, got.tags, got.anchor, got.created, got.modified) == (
            b.note,
            b.tags,
            b.anchor,
            b.created,
            b.modified,
        )


def test_bad_notes_files_say_why(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(NotesFileError, match="not a JSON notes export"):
        read_notes_file(path)
    path.write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(NotesFileError, match="not a notes export"):
        read_notes_file(path)
    path.write_text(
        '{"format": "jining-archive-notes", "version": 1, "bookmarks": [{"uid": "a"}]}',
        encoding="utf-8",
    )
    with pytest.raises(NotesFileError, match="bookmark 1: 'kind' is missing"):
        read_notes_file(path)
    with pytest.raises(NotesFileError, match="no such file"):
        read_notes_file(tmp_path / "missing.json")


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_selection_by_tag_and_article(
    store: NoteStore, library: Library, tmp_path: Path, fmt: ExportFormat
) -> None:
    path = _export(store, library, fmt, tmp_path / f"tag.{fmt}", tag="外贸")
    assert path.stat().st_size > 0
    if fmt == ExportFormat.JSON:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert sorted(b["article_id"] for b in data["bookmarks"]) == [
            "2023-intl-parks",
            "2025-lead-goose",
        ]
    only = store.bookmarks(article_id="2025-lead-goose")
    assert [b.kind for b in only] == [TargetKind.ARTICLE]


def test_missing_folder_gives_a_clear_message(
    store: NoteStore, library: Library, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        _export(store, library, "md", tmp_path / "nowhere" / "notes.md")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="not a folder"):
        _export(store, library, "md", tmp_path / "file" / "notes.md")
    with pytest.raises(ExportError, match="is a folder"):
        _export(store, library, "md", tmp_path)


def test_unwritable_folder_gives_a_clear_message(
    store: NoteStore, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(destination_module.tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match=r"cannot write in the folder .*Permission denied"):
        _export(store, library, "md", tmp_path / "notes.md")


def test_failed_write_never_replaces_a_good_file(
    store: NoteStore, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "notes.docx"
    _export(store, library, "docx", target)
    good = target.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(destination_module.os, "fsync", disk_full)
    with pytest.raises(ExportError, match="No space left on device"):
        _export(store, library, "docx", target)
    assert target.read_bytes() == good
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".part")]


def test_detached_bookmark_is_exported_with_its_quote(
    store: NoteStore, library: Library, tmp_path: Path
) -> None:
    first = store.bookmarks()[0]
    first.text_hash = "changed"
    store.put(first)
    parks = library.article("2023-intl-parks")
    edited = dataclasses.replace(parks, text=parks.text.replace(TRADE, ""))
    store.reconcile([edited, library.article("2025-lead-goose")])
    text = _export(store, library, "md", tmp_path / "notes.md").read_text(encoding="utf-8")
    assert f"> {TRADE}" in text
    assert "未能重新定位" in text


def test_figures_are_quoted_within_their_sentence(
    store: NoteStore, library: Library, tmp_path: Path
) -> None:
    text = _export(store, library, "md", tmp_path / "notes.md").read_text(encoding="utf-8")
    # The figure's sentence in 2023-intl-parks: …实现进出口总额221.2亿元，增长44.6%……
    assert "实现进出口总额【221.2亿元】，增长44.6%" in text
    rows = list(
        csv.DictReader(
            io.StringIO(
                _export(store, library, "csv", tmp_path / "n.csv").read_text(encoding="utf-8-sig")
            )
        )
    )
    figure = next(r for r in rows if r["kind"] == "figure")
    assert figure["quote"] == "221.2亿元"
    assert "进出口总额【221.2亿元】" in figure["context"]
