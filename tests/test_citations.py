"""Citations Chinese users need: GB/T 7714-2015 references and RIS, BibTeX, CSL-JSON files.

The GB/T 7714 expectations are written from the standard's rules for an article
in a newspaper (§4.4.2: 主要责任者. 题名[N]. 报纸名, 出版日期(版次).), its author
rule (§8.1.2: more than three, the first three and ", 等"), its date rules
(§8.4.3.2 YYYY-MM-DD; §8.4.3.3 an estimated year in square brackets) and, for the
first two, from its own example (丁文祥 … 中国青年报, 2000-11-20(15)).
"""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import docx
import pytest
import rispy
from bibtexparser.middlewares import SeparateCoAuthors
from pytestqt.qtbot import QtBot

from jining_archive.app import main
from jining_archive.documents.model import Article
from jining_archive.library import Library
from jining_archive.notes.gbt7714 import newspaper_reference
from jining_archive.notes.references import (
    ESTIMATED_NOTE,
    ReferenceFormat,
    render_references,
    to_bibtex,
    to_ris,
)
from jining_archive.notes.store import NoteStore
from jining_archive.notes.targets import CitationStyle, article_bookmark, cite, section_bookmark

EIGHT_ROADS = "2020-eight-roads"
PARKS = "2023-intl-parks"
GOOSE = "2025-lead-goose"
BUNDLED = (
    "2020-eight-roads",
    "2023-climb-higher",
    "2023-intl-parks",
    "2024-looking-back-2023",
    "2025-lead-goose",
)
PARKS_TITLE = "济宁高新区多措并举奏响国际合作园区发展“最强音”"
PARKS_SUBTITLE = "聚焦主导产业，实现高质量发展"
PARKS_S3 = "铆足干劲闯市场 助力产业能级上新台阶"
# The parks article by GB/T 7714: its reporter, title: subtitle, paper, and the year of
# its estimated date (September 2023, guessed from the text) in square brackets.
PARKS_GBT = f"孔茜. {PARKS_TITLE}：{PARKS_SUBTITLE}[N]. 济宁日报, [2023]."


# -- GB/T 7714-2015 -------------------------------------------------------------------


def test_the_standards_own_newspaper_example() -> None:
    assert (
        newspaper_reference(
            authors=["丁文祥"],
            title="数字革命与竞争国际化",
            paper="中国青年报",
            date="2000-11-20",
            page="15",
        )
        == "丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15)."
    )


@pytest.mark.parametrize(
    ("authors", "head"),
    [
        (["张慧"], "张慧. "),
        (["刘菲", "曹俐"], "刘菲, 曹俐. "),
        (["李四光", "华罗庚", "茅以升"], "李四光, 华罗庚, 茅以升. "),
        (["印森林", "吴胜和", "李俊飞", "冯文杰"], "印森林, 吴胜和, 李俊飞, 等. "),
        ([], ""),  # no author: the title comes first (§8.1.3, numbered lists)
    ],
)
def test_authors(authors: list[str], head: str) -> None:
    got = newspaper_reference(
        authors=authors, title="济宁高新区开创格局新", paper="济宁日报", date="2020-01-07", page="3"
    )
    assert got == f"{head}济宁高新区开创格局新[N]. 济宁日报, 2020-01-07(3)."


@pytest.mark.parametrize(
    ("date", "estimated", "shown"),
    [
        ("2020-01-07", False, ", 2020-01-07"),  # a day
        ("2020-01", False, ", 2020-01"),  # a month only
        ("2020", False, ", 2020"),  # a year only
        ("2020-01", True, ", [2020]"),  # estimated: the year, in square brackets
        ("2020-01-07", True, ", [2020]"),
        ("", False, ""),  # no date: the paper alone
    ],
)
def test_dates(date: str, estimated: bool, shown: str) -> None:
    got = newspaper_reference(
        authors=["张慧"], title="走好高质量发展的“八条路”", paper="济宁日报", date=date,
        date_estimated=estimated,
    )  # fmt: skip
    assert got == f"张慧. 走好高质量发展的“八条路”[N]. 济宁日报{shown}."


def test_no_page_means_no_parentheses() -> None:
    got = newspaper_reference(authors=["孔茜"], title="题名", paper="济宁日报", date="2023-09-05")
    assert got == "孔茜. 题名[N]. 济宁日报, 2023-09-05."
    assert "(" not in got


def test_an_online_article_adds_ol_the_date_consulted_and_the_url() -> None:
    url = "http://epaper.gmw.cn/gmrb/html/2012-05/31/nw.D110000gmrb_20120531_3-02.htm"
    got = newspaper_reference(
        authors=["李强"],
        title="化解医患矛盾需釜底抽薪",
        paper="光明日报",
        date="2012-05-31",
        page="2",
        url=url,
        accessed="2012-06-11",
    )
    assert got == f"李强. 化解医患矛盾需釜底抽薪[N/OL]. 光明日报, 2012-05-31(2)[2012-06-11]. {url}."


def test_a_subtitle_follows_the_title_after_a_colon() -> None:
    got = newspaper_reference(
        authors=[], title="回望2023", subtitle="步履坚实", paper="济宁日报", date="2024-01"
    )
    assert got == "回望2023：步履坚实[N]. 济宁日报, 2024-01."
    latin = newspaper_reference(authors=[], title="Zone", subtitle="A review", paper="X")
    assert latin == "Zone: A review[N]. X."


def _lookup(library: Library):  # type: ignore[no-untyped-def]
    return lambda article_id: library.article(article_id) if article_id in library else None


def test_both_styles_name_the_reporters(library: Library) -> None:
    parks = cite(section_bookmark(library.article(PARKS), "s3"), _lookup(library))
    assert parks.reference() == f"《{PARKS_TITLE}》，孔茜，济宁日报，约 2023-09，{PARKS_S3}"
    assert parks.reference(CitationStyle.GBT7714) == PARKS_GBT
    goose = cite(article_bookmark(library.article(GOOSE)), _lookup(library))
    title = "勇担「唯一」使命 争做高质量发展领头羊"
    assert goose.reference("app") == f"《{title}》，曹俐、刘菲，济宁日报，约 2025-02"
    assert goose.reference("gbt7714") == f"曹俐, 刘菲. {title}[N]. 济宁日报, [2025]."


# -- export-notes --style --------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_notes_style_gbt7714_in_every_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "bookmarks", "add", PARKS, "--section", "s3", "--note", "一节")[0] == 0
    app_md = tmp_path / "app.md"
    assert run(capsys, "export-notes", "--format", "md", "-o", str(app_md))[0] == 0
    text = app_md.read_text(encoding="utf-8")
    assert f"- 出处：《{PARKS_TITLE}》，孔茜，济宁日报，约 2023-09，{PARKS_S3}" in text
    assert "[N]" not in text

    for fmt in ("md", "html", "csv", "json", "docx"):
        target = tmp_path / f"gbt.{fmt}"
        code, _, err = run(
            capsys, "export-notes", "--format", fmt, "--style", "gbt7714", "-o", str(target)
        )
        assert code == 0, err
        if fmt == "docx":
            body = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
        else:
            body = target.read_text(encoding="utf-8-sig")
        assert PARKS_GBT in body, fmt
        assert "约 2023-09" not in body or fmt == "csv", fmt  # the CSV keeps its date column
        if fmt in ("md", "docx"):
            assert f"出处：{PARKS_GBT}" in body and f"章节：{PARKS_S3}" in body
        if fmt == "html":
            assert f"出处：{PARKS_GBT}" in body and f"章节：{PARKS_S3}" in body
        if fmt == "json":
            citation = json.loads(body)["bookmarks"][0]["citation"]
            assert citation["reference"] == PARKS_GBT
            assert citation["style"] == "gbt7714" and citation["reporters"] == ["孔茜"]

    with pytest.raises(SystemExit) as refused:
        main(["export-notes", "--format", "md", "--style", "mla", "-o", "-"])
    assert refused.value.code == 2 and "invalid choice: 'mla'" in capsys.readouterr().err


# -- RIS, BibTeX, CSL-JSON -------------------------------------------------------------


def _bundled(library: Library) -> list[Article]:
    articles = [library.article(article_id) for article_id in BUNDLED]
    assert all(a.origin == "bundled" for a in articles)
    return articles


def _title(article: Article) -> str:
    # The standard's "other title information" rule, also used in the reference files.
    return f"{article.title}：{article.subtitle}" if article.subtitle else article.title


def test_the_bundled_articles_have_what_the_checks_below_expect(library: Library) -> None:
    parks = library.article(PARKS)
    assert parks.subtitle == PARKS_SUBTITLE and parks.reporters == ["孔茜"]
    assert library.article("2023-climb-higher").reporters == []
    assert library.article("2024-looking-back-2023").reporters == ["刘菲", "曹俐"]
    assert all(a.date_estimated and len(a.date) == 7 for a in _bundled(library))


def test_ris_reads_back_with_rispy(library: Library) -> None:
    articles = _bundled(library)
    text = to_ris(articles)
    assert text.startswith("TY  - NEWS\r\n")  # no record number line before TY
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    records = rispy.loads(text)
    assert len(records) == 5
    for record, article in zip(records, articles, strict=True):
        assert record["type_of_reference"] == "NEWS"
        assert record["id"] == article.id
        assert record["title"] == _title(article)
        assert record.get("authors", []) == article.reporters
        assert record["secondary_title"] == article.source
        year, month = article.date.split("-")
        assert record["date"] == f"{year}/{month}//"  # RIS: YYYY/MM/DD/other, day unknown
        assert record["year"] == year
        assert record["notes"] == [ESTIMATED_NOTE]


def test_bibtex_reads_back_with_bibtexparser(library: Library) -> None:
    articles = _bundled(library)
    parsed = bibtexparser.parse_string(to_bibtex(articles), append_middleware=[SeparateCoAuthors()])
    assert not parsed.failed_blocks
    assert [e.key for e in parsed.entries] == list(BUNDLED)
    for entry, article in zip(parsed.entries, articles, strict=True):
        assert entry.entry_type == "article"
        assert entry["entrysubtype"] == "newspaper"
        assert entry["title"] == _title(article)
        if article.reporters:
            assert entry["author"] == article.reporters
        else:
            assert "author" not in entry
        assert entry["journal"] == article.source
        assert entry["date"] == f"{article.date}~"  # biblatex's EDTF mark for "circa"
        assert entry["year"] == article.date[:4]


def test_bibtex_escapes_what_latex_would_read_as_commands(library: Library) -> None:
    parks = library.article(PARKS)
    odd = Article(
        id="odd id,1",
        title="R&D 投入增长 50%，{括号} #1 a_b",
        text=parks.text,
        blocks=parks.blocks,
        sections=parks.sections,
        reporters=["Li Ming", "王 芳"],
        source="济宁日报",
        date="2023-09-05",
    )
    parsed = bibtexparser.parse_string(to_bibtex([odd]), append_middleware=[SeparateCoAuthors()])
    assert not parsed.failed_blocks
    entry = parsed.entries[0]
    assert entry.key == "odd-id-1"
    assert entry["title"] == r"R\&D 投入增长 50\%，\{括号\} \#1 a\_b"
    # Names holding a space are braced whole, so BibTeX does not split them.
    assert entry["author"] == ["{Li Ming}", "{王 芳}"]
    assert entry["date"] == "2023-09-05" and "note" not in entry


def test_csl_json_has_the_fields_csl_requires(library: Library) -> None:
    articles = _bundled(library)
    items = json.loads(render_references(articles, "csl-json").decode("utf-8"))
    assert len(items) == 5
    for item, article in zip(items, articles, strict=True):
        assert item["id"] == article.id and item["type"] == "article-newspaper"
        assert item["title"] == _title(article)
        assert item["container-title"] == article.source
        year, month = (int(p) for p in article.date.split("-"))
        assert item["issued"] == {"date-parts": [[year, month]], "circa": True}
        names = [name["literal"] for name in item.get("author", [])]
        assert names == article.reporters
        assert all(set(name) == {"literal"} for name in item.get("author", []))


def test_a_csl_processor_formats_the_csl_json(library: Library) -> None:
    """citeproc-py, with the Harvard style it ships, reads every item and prints the
    reporters (literal names, whole), title, paper and year."""
    import citeproc
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    articles = _bundled(library)
    items = json.loads(render_references(articles, "csl-json").decode("utf-8"))
    style_file = Path(citeproc.__file__).parent / "data/styles/harvard-cite-them-right.csl"
    style = CitationStylesStyle(str(style_file), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    entries = {str(entry) for entry in bibliography.bibliography()}
    assert len(entries) == 5
    for article in articles:
        (entry,) = [e for e in entries if _title(article) in e]
        # With no reporter the style puts the paper in the author's place.
        authors = " and ".join(article.reporters) or article.source
        assert entry.startswith(f"{authors} ({article.date[:4]})"), entry
        assert f", {article.source}," in entry


# -- export-references -----------------------------------------------------------------


def test_export_references_writes_each_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for fmt in ReferenceFormat:
        target = tmp_path / f"refs.{fmt.suffix}"
        code, out, err = run(capsys, "export-references", "--format", str(fmt), "-o", str(target))
        assert code == 0, err
        assert f"exported 5 reference(s) ({fmt})" in out
        text = target.read_text(encoding="utf-8")
        if fmt == ReferenceFormat.RIS:
            assert len(rispy.loads(text)) == 5
        elif fmt == ReferenceFormat.BIBTEX:
            assert len(bibtexparser.parse_string(text).entries) == 5
        else:
            assert [item["id"] for item in json.loads(text)] == list(BUNDLED)
    code, out, _ = run(
        capsys, "export-references", "--format", "ris", "--article", PARKS,
        "--article", EIGHT_ROADS, "-o", str(tmp_path / "two.ris"),
    )  # fmt: skip
    assert code == 0 and "exported 2 reference(s)" in out
    assert [r["id"] for r in rispy.loads((tmp_path / "two.ris").read_text("utf-8"))] == [
        PARKS,
        EIGHT_ROADS,
    ]


def test_export_references_to_standard_output(capfd: pytest.CaptureFixture[str]) -> None:
    code = main(["export-references", "--format", "csl-json", "--article", PARKS, "-o", "-"])
    out, err = capfd.readouterr()
    assert code == 0
    assert [item["id"] for item in json.loads(out)] == [PARKS]
    assert "exported 1 reference(s) to standard output" in err


def test_export_references_refuses_an_unknown_article_and_a_missing_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(
        capsys, "export-references", "--format", "ris", "--article", "nope", "-o", "-"
    )
    assert code == 2 and "known ids" in err
    target = tmp_path / "missing" / "refs.ris"
    code, _, err = run(capsys, "export-references", "--format", "ris", "-o", str(target))
    assert code == 2 and not target.parent.exists()


# -- the window ------------------------------------------------------------------------


@pytest.mark.gui
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_export_dialog_style_changes_the_source_line_and_is_remembered(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    from jining_archive.ui import settings as opts
    from jining_archive.ui.export_dialog import ExportDialog
    from jining_archive.ui.settings import Settings

    with NoteStore(tmp_path / "notes.sqlite3") as store:
        store.add(section_bookmark(library.article(PARKS), "s3", note="一节"))
        dialog = ExportDialog(store, _lookup(library), folder=tmp_path, settings=Settings())
        qtbot.addWidget(dialog)
        assert dialog.citation_style() == CitationStyle.APP  # the default
        assert dialog.style_label.text() == "引文格式"
        dialog.set_format("md")
        with qtbot.waitSignal(dialog.exported):
            assert dialog.export()
        text = (tmp_path / "书签与笔记.md").read_text(encoding="utf-8")
        assert f"出处：《{PARKS_TITLE}》，孔茜，济宁日报" in text and PARKS_GBT not in text

        dialog = ExportDialog(store, _lookup(library), folder=tmp_path, settings=Settings())
        qtbot.addWidget(dialog)
        dialog.style_combo.setCurrentIndex(dialog.style_combo.findData("gbt7714"))
        dialog.set_format("md")
        replaced: list[Path] = []
        dialog.confirm_replace = lambda path: replaced.append(path) or True  # "Yes"
        with qtbot.waitSignal(dialog.exported):
            assert dialog.export()
        text = (tmp_path / "书签与笔记.md").read_text(encoding="utf-8")
        assert f"- 出处：{PARKS_GBT}" in text and f"- 章节：{PARKS_S3}" in text
        assert replaced == [tmp_path / "书签与笔记.md"]

        assert Settings().get(opts.CITATION_STYLE) == "gbt7714"
        again = ExportDialog(store, _lookup(library), folder=tmp_path, settings=Settings())
        qtbot.addWidget(again)
        assert again.citation_style() == CitationStyle.GBT7714
        assert again.style_combo.currentText().startswith("GB/T 7714-2015")


@pytest.mark.gui
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_file_menu_exports_article_references(
    qtbot: QtBot, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jining_archive.ui import reference_export
    from jining_archive.ui.main_window import MainWindow

    warnings: list[str] = []
    monkeypatch.setattr(
        reference_export.QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text)
    )

    window = MainWindow(library)
    qtbot.addWidget(window)
    action = window.references.action
    file_actions = window.file_menu.actions()
    assert action in file_actions
    assert file_actions.index(action) == file_actions.index(window.export_action) + 1
    assert action.text() == "导出文章引用…" and action.isEnabled()

    written = window.references.export_to(tmp_path / "refs", ReferenceFormat.BIBTEX)
    assert written is not None and written.path == tmp_path / "refs.bib"
    entries = bibtexparser.parse_string(written.path.read_text("utf-8")).entries
    assert sorted(e.key for e in entries) == sorted(a.id for a in library.articles)
    assert "refs.bib" in window.status.currentMessage()

    assert window.references.export_to(tmp_path / "missing" / "refs.ris", "ris") is None
    assert warnings == [f"导出失败:文件夹 {tmp_path / 'missing'} 不存在，请选择一个已有的文件夹"]


@pytest.mark.gui
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_new_window_strings_have_english(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    from jining_archive.ui.export_dialog import ExportDialog
    from jining_archive.ui.i18n import LanguageSwitcher
    from jining_archive.ui.main_window import MainWindow

    window = MainWindow(library)
    qtbot.addWidget(window)
    switcher = LanguageSwitcher()
    try:
        assert switcher.apply("en") == "en"
        with NoteStore(tmp_path / "notes.sqlite3") as store:
            dialog = ExportDialog(store, _lookup(library), folder=tmp_path)
            qtbot.addWidget(dialog)
            assert dialog.style_label.text() == "Citation style"
            names = [dialog.style_combo.itemText(i) for i in range(dialog.style_combo.count())]
            assert names[1] == "GB/T 7714-2015 (newspaper article [N])"
            assert names[0].startswith("This app")
        # The window's language change reaches the menu entry (through its event filter).
        qtbot.waitUntil(lambda: window.references.action.text() == "Export Article References…")
    finally:
        switcher.apply("zh_CN")
    qtbot.waitUntil(lambda: window.references.action.text() == "导出文章引用…")
