"""Insight bookmarks: a series (with its chart) or a project's story kept in the notes,
through the store and its upgrade, the JSON export, every document export, the command
line, the window and a team server. Expectations are read from the bundled texts:
2023-intl-parks has 21家世界500强企业, 2025-lead-goose 56家 (+35); 小松全球智能制造产业基地
is reported in 2023-climb-higher (开工), 2023-intl-parks (a plan for 2026) and
2024-looking-back-2023 (签约, 在建)."""

from __future__ import annotations

import base64
import csv
import io
import json
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from pytestqt.qtbot import QtBot
from tests.test_ui_window import WAIT_MS, open_window, prepared  # noqa: F401

from jining_archive.app import main
from jining_archive.insight import compare, figure_rows, find_project, find_series, project_story
from jining_archive.insight.snapshots import series_snapshot, story_snapshot
from jining_archive.library import Library
from jining_archive.notes import store as store_module
from jining_archive.notes.export import export_bookmarks
from jining_archive.notes.jsonform import NotesFileError, read_notes_file
from jining_archive.notes.model import Bookmark, TargetKind
from jining_archive.notes.snapshot import (
    MAX_ROWS,
    Snapshot,
    SnapshotError,
    SnapshotRow,
    from_dict,
    make_snapshot,
)
from jining_archive.notes.store import DB_NAME, SCHEMA_VERSION, NotesError, NoteStore
from jining_archive.notes.targets import article_bookmark, cite, insight_bookmark

PARKS = "2023-intl-parks"
GOOSE = "2025-lead-goose"
PARKS_TITLE = "济宁高新区多措并举奏响国际合作园区发展“最强音”"
GOOSE_TITLE = "勇担「唯一」使命 争做高质量发展领头羊"
KOMATSU = "小松全球智能制造产业基地"
# A 1×1 PNG (the chart's picture in tests that do not draw one).
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _lookup(library: Library):  # type: ignore[no-untyped-def]
    return lambda article_id: library.article(article_id) if article_id in library else None


@pytest.fixture(scope="module")
def top500(library: Library) -> Snapshot:
    """The series of 世界500强企业 (家), with a picture."""
    (series,) = find_series(figure_rows(library), "世界500强企业")
    return series_snapshot(compare(series), PIXEL)


@pytest.fixture(scope="module")
def komatsu(library: Library) -> Snapshot:
    project = find_project(library.projects(), KOMATSU)
    articles = {a.id: a for a in library.articles}
    return story_snapshot(project_story(project, articles, figure_rows(library)))


# The snapshots


def test_a_series_snapshot_cites_each_report(top500: Snapshot) -> None:
    assert top500.view == "series" and top500.subject == "世界500强企业"
    assert [(r.article_id, r.cells[1], r.cells[3]) for r in top500.rows] == [
        (PARKS, "21家", ""),
        (GOOSE, "56家", "+35家"),
    ]
    assert top500.article_ids() == [PARKS, GOOSE]
    assert top500.rows[0].cells[0].startswith("约")  # the 2023 article's date is estimated
    assert "56家世界500强企业" in top500.rows[1].cells[-1]


def test_a_story_snapshot_keeps_the_order_and_statuses(komatsu: Snapshot) -> None:
    assert komatsu.view == "story" and komatsu.subject == KOMATSU
    statuses = [r.cells[1] for r in komatsu.rows]
    assert statuses == ["开工", "—（计划于 2026）", "签约", "在建"]
    assert komatsu.article_ids() == ["2023-climb-higher", PARKS, "2024-looking-back-2023"]


def test_a_snapshot_round_trips_and_names_the_wrong_field(top500: Snapshot) -> None:
    assert from_dict(json.loads(json.dumps(top500.to_dict()))) == top500
    data = top500.to_dict()
    for change, field in [
        ({"view": "pie"}, "snapshot.view"),
        ({"columns": []}, "snapshot.columns"),
        ({"rows": [{"cells": ["x"], "article_id": PARKS}]}, "snapshot.rows[0].cells"),
        ({"rows": [{**data["rows"][0], "start": -1}]}, "snapshot.rows[0].start"),
        ({"rows": [{**data["rows"][0], "start": 5, "end": 2}]}, "snapshot.rows[0]"),
        ({"image_png": "not base64!"}, "snapshot.image_png"),
        ({"image_png": base64.b64encode(b"GIF89a").decode()}, "snapshot.image_png"),
        ({"title": "\ud800"}, "snapshot.title"),
        ({"omitted": True}, "snapshot.omitted"),
    ]:
        with pytest.raises(SnapshotError, match=field.replace("[", r"\[").replace("]", r"\]")):
            from_dict({**data, **change})


def test_a_long_table_is_cut_and_says_how_much() -> None:
    rows = [SnapshotRow((str(n),), PARKS, n, n + 1) for n in range(MAX_ROWS + 5)]
    snapshot = make_snapshot("series", "长表", ["数"], rows, "长表")
    assert len(snapshot.rows) == MAX_ROWS and snapshot.omitted == 5


# The store


def test_the_store_keeps_an_insight(tmp_path: Path, top500: Snapshot) -> None:
    with NoteStore(tmp_path / DB_NAME) as store:
        saved = store.add(insight_bookmark(top500, note="外资", tags=["外资"]))
    with NoteStore(tmp_path / DB_NAME) as store:
        (again,) = store.bookmarks()
    assert again.kind == TargetKind.INSIGHT and again.article_id == ""
    assert again.snapshot == top500 and again.snapshot.image_png == PIXEL
    assert (again.id, again.note, again.tags) == (saved.id, "外资", ["外资"])


def test_the_store_refuses_half_insights(
    tmp_path: Path, top500: Snapshot, library: Library
) -> None:
    with NoteStore(tmp_path / DB_NAME) as store:
        with pytest.raises(NotesError):
            store.add(Bookmark(article_id="", kind=TargetKind.INSIGHT))  # no snapshot
        with pytest.raises(NotesError):
            store.add(Bookmark(article_id=PARKS, kind=TargetKind.INSIGHT, snapshot=top500))
        plain = article_bookmark(library.article(PARKS))
        plain.snapshot = top500
        with pytest.raises(NotesError):
            store.add(plain)  # a snapshot belongs to an insight only
        assert len(store) == 0


def test_a_schema_1_store_is_upgraded_with_its_notes_and_tags(
    tmp_path: Path, top500: Snapshot
) -> None:
    """A notes file written before insights existed: its bookmarks, tags and their links
    survive the rebuild of the bookmarks table, and an insight can then be added."""
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    store_module.MIGRATIONS[0](conn)
    conn.execute(
        "INSERT INTO bookmarks (id, uid, kind, article_id, label, note, created, modified) "
        "VALUES (7, 'u-7', 'article', ?, '标题', '旧笔记', '2026-01-01T00:00:00+00:00', "
        "'2026-01-01T00:00:00+00:00')",
        (PARKS,),
    )
    conn.execute("INSERT INTO tags (id, name) VALUES (3, '外贸')")
    conn.execute("INSERT INTO bookmark_tags VALUES (7, 3, 0)")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with NoteStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        (old,) = store.bookmarks()
        assert (old.id, old.uid, old.note, old.tags) == (7, "u-7", "旧笔记", ["外贸"])
        assert old.snapshot is None
        store.add(insight_bookmark(top500, tags=["外贸"]))
        assert store.tags() == [("外贸", 2)]
        store.remove([7])  # the tag links still cascade
        assert store.tags() == [("外贸", 1)]
    check = sqlite3.connect(path)
    try:
        assert check.execute("PRAGMA foreign_key_check").fetchall() == []
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        check.close()


# Exports


@pytest.fixture
def notes(tmp_path: Path, library: Library, top500: Snapshot, komatsu: Snapshot) -> list[Bookmark]:
    with NoteStore(tmp_path / DB_NAME) as store:
        store.add(insight_bookmark(top500, note="外资企业增多", tags=["外资"]))
        store.add(insight_bookmark(komatsu, note="小松的进展"))
        store.add(article_bookmark(library.article(GOOSE), note="全文"))
        return store.bookmarks()


def test_markdown_has_the_table_the_picture_and_the_references(
    notes: list[Bookmark], library: Library, tmp_path: Path
) -> None:
    path = export_bookmarks(notes, "md", tmp_path / "n.md", _lookup(library)).path
    text = path.read_text(encoding="utf-8")
    assert "| 日期 | 数字 | 数值 | 变化 | 所指年份 | 文章 | 原句 | 出处 |" in text
    row_56 = next(
        line for line in text.splitlines() if line.startswith("| ") and "| 56家 |" in line
    )
    assert "+35家" in row_56 and row_56.endswith("| [2] |")
    assert f"[1] 《{PARKS_TITLE}》，孔茜，济宁日报，约 2023-09" in text
    assert f"[2] 《{GOOSE_TITLE}》" in text
    assert "](data:image/png;base64," in text
    assert "外资企业增多" in text and "小松的进展" in text
    story_rows = [line for line in text.splitlines() if f"| {KOMATSU}" in line]
    assert len(story_rows) >= 2 and "| 签约 |" in "\n".join(story_rows)


def test_word_has_the_tables_and_the_chart(
    notes: list[Bookmark], library: Library, tmp_path: Path
) -> None:
    path = export_bookmarks(notes, "docx", tmp_path / "n.docx", _lookup(library)).path
    document = docx.Document(str(path))
    series_table, story_table = document.tables
    header = [cell.text for cell in series_table.rows[0].cells]
    assert header == ["日期", "数字", "数值", "变化", "所指年份", "文章", "原句", "出处"]
    assert [row.cells[1].text for row in series_table.rows[1:]] == ["21家", "56家"]
    assert series_table.rows[2].cells[3].text == "+35家"
    assert series_table.rows[2].cells[-1].text == "[2]"
    assert [row.cells[1].text for row in story_table.rows[1:]] == [
        "开工",
        "—（计划于 2026）",
        "签约",
        "在建",
    ]
    assert len(document.inline_shapes) == 1  # the series' chart; the story has none
    body = "\n".join(p.text for p in document.paragraphs)
    assert f"[1] 《{PARKS_TITLE}》" in body and "小松的进展" in body


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.cells: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_cell = tag in ("td", "th")
        if self._in_cell:
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._in_cell = False

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.cells[-1] += data


def test_html_has_the_table_the_picture_and_the_references(
    notes: list[Bookmark], library: Library, tmp_path: Path
) -> None:
    path = export_bookmarks(notes, "html", tmp_path / "n.html", _lookup(library)).path
    page = _Html()
    page.feed(path.read_text(encoding="utf-8"))
    images = [attrs for tag, attrs in page.tags if tag == "img"]
    assert len(images) == 1
    src = images[0]["src"] or ""
    assert base64.b64decode(src.split(",", 1)[1]) == PIXEL
    assert "56家" in page.cells and "+35家" in page.cells and "[2]" in page.cells
    assert sum(1 for tag, _ in page.tags if tag == "table") == 2
    csp = next(a for t, a in page.tags if t == "meta" and a.get("http-equiv"))
    assert "img-src data:" in (csp["content"] or "") and "script-src" not in (csp["content"] or "")


def test_csv_gives_an_insight_one_row_with_its_references(
    notes: list[Bookmark], library: Library, tmp_path: Path
) -> None:
    path = export_bookmarks(notes, "csv", tmp_path / "n.csv", _lookup(library)).path
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    insight = next(r for r in rows if r["kind"] == "insight" and "500强" in r["label"])
    assert insight["article_id"] == "" and insight["note"] == "外资企业增多"
    assert f"[1] 《{PARKS_TITLE}》" in insight["reference"]
    assert f"[2] 《{GOOSE_TITLE}》" in insight["reference"]


def test_json_export_and_import_keep_the_snapshot(
    notes: list[Bookmark], library: Library, tmp_path: Path, top500: Snapshot
) -> None:
    path = export_bookmarks(notes, "json", tmp_path / "n.json", _lookup(library)).path
    imported = read_notes_file(path)
    kept = next(b for b in imported if b.kind == TargetKind.INSIGHT and b.snapshot.view == "series")
    assert kept.snapshot == top500
    with NoteStore(tmp_path / "other.sqlite3") as other:
        assert other.import_bookmarks(imported).added == 3
        assert other.import_bookmarks(imported).unchanged == 3
    data = json.loads(path.read_text(encoding="utf-8"))
    insight = next(b for b in data["bookmarks"] if b["kind"] == "insight")
    insight["snapshot"]["rows"][0]["cells"] = ["too few"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(NotesFileError, match=r"snapshot\.rows\[0\]\.cells"):
        read_notes_file(path)


def test_a_citation_lists_the_sources(top500: Snapshot, library: Library) -> None:
    citation = cite(insight_bookmark(top500), _lookup(library))
    assert [s.article_id for s in citation.sources] == [PARKS, GOOSE]
    assert citation.source_number(GOOSE) == 2 and citation.source_number("nowhere") == 0
    lines = citation.with_quote().splitlines()
    assert lines[0] == top500.summary() and lines[2].startswith(f"[2] 《{GOOSE_TITLE}》")


# The command line


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_bookmarks_a_comparison_and_a_story(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run_cli(capsys, "compare", "世界500强企业", "--bookmark", "--tag", "外资")
    assert code == 0 and "added bookmark #1 (insight)" in out and "+35家" in out
    code, out, err = run_cli(capsys, "project-story", KOMATSU, "--bookmark", "--json")
    assert code == 0 and "added bookmark #2 (insight)" in err
    assert json.loads(out)["name"] == KOMATSU  # the JSON on stdout stays whole
    code, out, _ = run_cli(capsys, "bookmarks", "list", "--json")
    listed = json.loads(out)
    assert [b["kind"] for b in listed] == ["insight", "insight"]
    assert listed[0]["tags"] == ["外资"]
    code, out, _ = run_cli(capsys, "bookmarks", "list")
    assert "#1  insight  series" in out and f"sources: {PARKS}, {GOOSE}" in out
    target = tmp_path / "notes.md"
    assert run_cli(capsys, "export-notes", "--format", "md", "-o", str(target))[0] == 0
    text = target.read_text(encoding="utf-8")
    assert "| 21家 |" in text and "| 在建 |" in text


def test_cli_bookmark_mistakes_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "series", "--bookmark")
    assert code == 2 and "--bookmark needs --measure" in err
    code, _, err = run_cli(capsys, "compare", "世界500强企业", "--note", "x")
    assert code == 2 and "go with --bookmark" in err
    assert run_cli(capsys, "bookmarks", "list")[1] == "no bookmarks\n"


# The window


@pytest.mark.gui
# The offscreen platform reports size limits and raising a window as unsupported.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")
def test_window_keeps_a_series_and_opens_it_again(
    qtbot: QtBot,
    prepared: Library,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from jining_archive.ui import notes_controller
    from jining_archive.ui.bookmarks_model import Grouping
    from jining_archive.ui.insight_window import SERIES_TAB, STORY_TAB

    shown: list[str] = []

    def answer(dialog: notes_controller.NoteEditorDialog) -> int:
        shown.append(dialog.source_label.text() + "\n" + dialog.quote_view.toPlainText())
        dialog.note_edit.setPlainText("外资企业增多")
        dialog.tags_edit.setText("外资")
        return int(notes_controller.NoteEditorDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(notes_controller.NoteEditorDialog, "exec", answer)
    window = open_window(qtbot, prepared, tmp_path / "settings.ini")
    insight = window.insight.open_window()
    with qtbot.waitSignal(insight.dataShown, timeout=WAIT_MS):
        pass
    insight.show_series("世界500强企业")
    insight.series.bookmark_button.click()
    assert "[洞察] 指标变化：世界500强企业（家）" in shown[0]
    assert f"[2] 《{GOOSE_TITLE}》" in shown[0]
    insight.show_story(KOMATSU)
    insight.story.bookmark_button.click()
    store = window.notes.store
    assert store is not None
    series_note, story_note = store.bookmarks()
    assert series_note.snapshot is not None and story_note.snapshot is not None
    assert series_note.snapshot.image_png.startswith(b"\x89PNG")  # the chart as drawn
    assert [r.cells[1] for r in series_note.snapshot.rows] == ["21家", "56家"]
    assert story_note.snapshot.subject == KOMATSU and not story_note.snapshot.image_png

    panel = window.notes.panel
    assert panel is not None
    panel.model.set_grouping(Grouping.ARTICLE)
    groups = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert "跨文章洞察 (2)" in groups
    panel.select_bookmarks([series_note.id])
    preview = panel.preview.toPlainText()
    assert "56家" in preview and "+35家" in preview and GOOSE_TITLE in preview

    insight.tabs.setCurrentIndex(STORY_TAB)
    with qtbot.waitSignal(panel.insightRequested) as signal:
        panel._clicked(panel.view.currentIndex())
    assert signal.args == ["series", "世界500强企业"]
    assert insight.tabs.currentIndex() == SERIES_TAB
    assert insight.series.comparison is not None
    assert insight.series.comparison.series.measure == "世界500强企业"
    insight.close()


# A team server


def test_a_server_keeps_an_insight(team_db: str, top500: Snapshot) -> None:
    from jining_archive.storage.server.notes import ServerNotes
    from pg_tools import as_user

    with ServerNotes(as_user(team_db, "alice")) as alice:
        saved = alice.add(insight_bookmark(top500, note="团队看的"), shared=True)
    with ServerNotes(as_user(team_db, "bob")) as bob:
        (seen,) = bob.bookmarks()
    assert seen.uid == saved.uid and seen.snapshot == top500 and seen.note == "团队看的"
