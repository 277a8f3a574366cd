"""The catalogue: articles parsed once and kept; remove, restore and edit; damage and races."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jining_archive import paths
from jining_archive.documents import parse as parse_module
from jining_archive.documents.model import Article
from jining_archive.documents.serial import article_from_data
from jining_archive.library import Library, LibraryError
from jining_archive.reposts import RepostFinder, shared_share, shingles, sketch
from jining_archive.storage.catalogue import DB_NAME, Catalogue

KOMATSU_ID = "2023-intl-parks"


def test_a_second_open_parses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    first = Library.open()
    assert len(first) == 5
    first.catalogue.close()  # type: ignore[union-attr]

    def fail(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an unchanged article was parsed again")

    monkeypatch.setattr(parse_module, "parse_article", fail)
    import jining_archive.documents.corpus as corpus_module

    monkeypatch.setattr(corpus_module, "parse_article", fail)
    second = Library.open()
    assert [a.id for a in second.articles] == [a.id for a in first.articles]
    for a, b in zip(first.articles, second.articles, strict=True):
        assert a.text == b.text
        assert [(x.id, x.kind, x.start, x.end, x.text) for x in a.blocks] == [
            (x.id, x.kind, x.start, x.end, x.text) for x in b.blocks
        ]
        assert [s.title for s in a.iter_sections()] == [s.title for s in b.iter_sections()]
        assert (a.title, a.date, a.date_estimated, a.source) == (
            b.title,
            b.date,
            b.date_estimated,
            b.source,
        )


def test_figures_are_extracted_once_and_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    first = Library.open()
    figures = first.figures(KOMATSU_ID)
    assert figures
    first.catalogue.close()  # type: ignore[union-attr]
    import jining_archive.extraction as extraction

    def fail(*_args: object) -> None:
        raise AssertionError("figures were extracted again")

    monkeypatch.setattr(extraction, "extract_figures", fail)
    again = Library.open().figures(KOMATSU_ID)
    assert again == figures


def test_a_changed_bundled_file_is_parsed_again(tmp_path: Path) -> None:
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(paths.corpus_dir(), corpus)
    Library.open(corpus).catalogue.close()  # type: ignore[union-attr]
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    entry = next(a for a in manifest["articles"] if a["id"] == KOMATSU_ID)
    path = corpus / entry["file"]
    path.write_text(path.read_text(encoding="utf-8") + "\n\n新加的一段文字。\n", encoding="utf-8")
    library = Library.open(corpus)
    assert library.article(KOMATSU_ID).text.endswith("新加的一段文字。")


def test_edit_survives_reopening_and_can_be_reset() -> None:
    library = Library.open()
    original = library.article(KOMATSU_ID)
    library.edit(KOMATSU_ID, {"title": "新标题", "date": "2023-09-15", "source": "某网站"})
    again = Library.open().article(KOMATSU_ID)
    assert (again.title, again.date, again.date_estimated, again.source) == (
        "新标题",
        "2023-09-15",
        False,
        "某网站",
    )
    assert again.text == original.text
    library = Library.open()
    library.edit(KOMATSU_ID, {"title": None, "date": None, "date_estimated": None, "source": None})
    back = Library.open().article(KOMATSU_ID)
    assert (back.title, back.date, back.date_estimated, back.source) == (
        original.title,
        original.date,
        original.date_estimated,
        original.source,
    )


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"date": "2024-13-01"}, "date"),
        ({"date": "2023-02-30"}, "date"),
        ({"date": "2024-5-1"}, "date"),
        ({"date": "yesterday"}, "date"),
        ({"title": "  "}, "title"),
        ({"text": "x"}, "field"),
    ],
)
def test_bad_edits_are_refused(changes: dict[str, object], code: str) -> None:
    library = Library.open()
    with pytest.raises(LibraryError) as caught:
        library.edit(KOMATSU_ID, changes)
    assert caught.value.code == code
    assert library.article(KOMATSU_ID).title != "  "


def test_remove_and_restore() -> None:
    library = Library.open()
    rows = library.remove([KOMATSU_ID])
    assert KOMATSU_ID not in library
    assert KOMATSU_ID not in Library.open()
    library.restore(rows)
    assert KOMATSU_ID in library
    assert KOMATSU_ID in Library.open()


def test_a_damaged_catalogue_is_kept_aside_and_the_archive_opens(isolated_home: Path) -> None:
    Library.open().catalogue.close()  # type: ignore[union-attr]
    db = paths.data_dir() / DB_NAME
    db.write_bytes(b"this is not a database" * 100)
    library = Library.open()
    assert len(library) == 5
    assert any("damaged" in p for p in library.problems)
    kept = [p for p in db.parent.iterdir() if p.name.startswith(f"{DB_NAME}.damaged-")]
    assert kept and kept[0].read_bytes().startswith(b"this is not a database")


def test_a_read_only_catalogue_shows_the_archive_and_refuses_changes(
    isolated_home: Path,
) -> None:
    Library.open().catalogue.close()  # type: ignore[union-attr]
    db = paths.data_dir() / DB_NAME
    catalogue = Catalogue(Path(f"{db}"))
    catalogue.close()
    # Read-only as a non-root user would see it: open the file with mode=ro.
    ro = Catalogue.__new__(Catalogue)
    ro.path, ro.messages, ro.read_only = db, [], False
    import threading

    ro._lock = threading.RLock()
    ro._conn = ro._open_read_only(__import__("sqlite3").OperationalError("readonly"))
    library = Library.open(catalogue=ro)
    assert len(library) == 5
    assert library.read_only
    with pytest.raises(LibraryError) as caught:
        library.remove([KOMATSU_ID])
    assert caught.value.code == "read-only"
    assert KOMATSU_ID in library


def test_parallel_first_starts_all_succeed(tmp_path: Path) -> None:
    home = tmp_path / "race"
    code = "from jining_archive.library import Library; print(len(Library.open()))"
    env = {**os.environ, paths.HOME_ENV: str(home)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err.decode()
        assert out.decode().strip() == "5"


def test_shingles_ignore_spaces_and_punctuation() -> None:
    assert shingles("济宁 高新区，项目") == shingles("济宁高新区项目")
    assert shingles("濟寧高新區項目") == shingles("济宁高新区项目")


def test_the_finder_proposes_a_near_copy_and_not_an_unrelated_text(library: Library) -> None:
    finder = RepostFinder()
    for article in library.articles:
        finder.add(article.id, sketch(shingles(article.text)))
    source = library.article(KOMATSU_ID).text
    copy = "转自某网站\n" + source[: len(source) * 19 // 20]
    own = shingles(copy)
    candidates = finder.candidates(sketch(own))
    assert candidates[0] == KOMATSU_ID
    assert shared_share(own, shingles(source)) >= 0.9
    other = library.articles[0] if library.articles[0].id != KOMATSU_ID else library.articles[1]
    assert shared_share(own, shingles(other.text)) < 0.3


def test_an_unusable_data_folder_still_opens_the_archive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse() -> Path:
        raise PermissionError(13, "Permission denied", str(tmp_path / "data"))

    monkeypatch.setattr(paths, "data_dir", refuse)
    library = Library.open()
    assert len(library) == 5
    data = tmp_path / "data"
    assert any(f"data folder {data} cannot be used" in p for p in library.problems)
    assert any("permission" in p for p in library.problems)


# -- bodies read on first use --------------------------------------------------------


def _count_body_reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the catalogue's body reads from now on: one article, or several at once."""
    counts = {"body": 0, "bodies": 0}
    body, bodies = Catalogue.body, Catalogue.bodies

    def one(self: Catalogue, article_id: str) -> object:
        counts["body"] += 1
        return body(self, article_id)

    def several(self: Catalogue, article_ids: object) -> object:
        counts["bodies"] += 1
        return bodies(self, article_ids)  # type: ignore[arg-type]

    monkeypatch.setattr(Catalogue, "body", one)
    monkeypatch.setattr(Catalogue, "bodies", several)
    return counts


def _eager(catalogue: Catalogue) -> dict[str, Article]:
    """Every stored article with its body decoded at once, as opening did before."""
    return {row.id: article_from_data(row.id, row.body, row.meta) for row in catalogue.rows()}


def _content(article: Article) -> tuple[object, ...]:
    return (
        article.text,
        [(b.id, b.kind, b.start, b.end, b.text, b.section_id) for b in article.blocks],
        [(s.id, s.title, s.level, s.start, s.end, s.block_ids) for s in article.iter_sections()],
        article.repairs,
        article.problems,
    )


def test_opening_reads_no_body_and_an_article_reads_its_own_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    Library.open().catalogue.close()  # type: ignore[union-attr]
    counts = _count_body_reads(monkeypatch)
    library = Library.open()
    assert len(library) == 5
    assert counts == {"body": 0, "bodies": 0}
    assert not any(a.body_loaded for a in library.articles)  # type: ignore[attr-defined]
    eager = _eager(library.catalogue)  # type: ignore[arg-type]
    # What the article list shows comes without the body, and agrees with it.
    for article in library.articles:
        expected = eager[article.id]
        assert article.text_length == len(expected.text)
        assert [s.title for s in article.iter_sections()] == [
            s.title for s in expected.iter_sections()
        ]
        assert (article.title, article.date, article.source) == (
            expected.title,
            expected.date,
            expected.source,
        )
    assert counts == {"body": 0, "bodies": 0}
    article = library.article(KOMATSU_ID)
    assert "小松" in article.text
    assert counts["body"] == 1
    assert _content(article) == _content(eager[KOMATSU_ID])
    assert counts["body"] == 1  # blocks, repairs and problems came with the text
    for other in library.articles:
        assert _content(other) == _content(eager[other.id])
    assert counts == {"body": 5, "bodies": 0}


def test_load_bodies_reads_every_body_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    Library.open().catalogue.close()  # type: ignore[union-attr]
    counts = _count_body_reads(monkeypatch)
    library = Library.open()
    library.load_bodies()
    assert counts == {"body": 0, "bodies": 1}
    assert all(a.body_loaded for a in library.articles)  # type: ignore[attr-defined]
    eager = _eager(library.catalogue)  # type: ignore[arg-type]
    assert [_content(a) for a in library.articles] == [
        _content(eager[a.id]) for a in library.articles
    ]
    assert counts == {"body": 0, "bodies": 1}


def test_an_edit_leaves_the_body_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    Library.open().catalogue.close()  # type: ignore[union-attr]
    counts = _count_body_reads(monkeypatch)
    library = Library.open()
    edited = library.edit(KOMATSU_ID, {"title": "改过的标题"})
    assert counts["body"] == 0
    assert not edited.body_loaded  # type: ignore[attr-defined]
    assert edited.title == "改过的标题"
    assert _content(edited) == _content(_eager(library.catalogue)[KOMATSU_ID])  # type: ignore[arg-type]


def test_a_search_reads_no_body(monkeypatch: pytest.MonkeyPatch) -> None:
    Library.open().prepare_search()
    counts = _count_body_reads(monkeypatch)
    library = Library.open()
    assert library.prepare_search() == []  # the index is current: checked by content keys
    lazy = library.search("小松")
    assert lazy.total > 0
    assert counts == {"body": 0, "bodies": 0}
    eager = Library.open()
    eager.load_bodies()
    assert eager.search("小松") == lazy


def _to_schema_1(db: Path) -> None:
    """Make the catalogue at ``db`` look as the previous version left it: no outlines."""
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE articles DROP COLUMN outline")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_a_catalogue_of_the_previous_schema_gets_outlines() -> None:
    Library.open().catalogue.close()  # type: ignore[union-attr]
    db = paths.data_dir() / DB_NAME
    _to_schema_1(db)
    library = Library.open()
    assert int(library.catalogue._conn.execute("PRAGMA user_version").fetchone()[0]) == 2  # type: ignore[union-attr]
    assert not any(a.body_loaded for a in library.articles)  # type: ignore[attr-defined]
    eager = _eager(library.catalogue)  # type: ignore[arg-type]
    for article in library.articles:
        assert article.text_length == len(eager[article.id].text)
        assert _content(article) == _content(eager[article.id])


def test_a_read_only_catalogue_of_the_previous_schema_reads_bodies_at_once() -> None:
    import sqlite3
    import threading

    Library.open().catalogue.close()  # type: ignore[union-attr]
    db = paths.data_dir() / DB_NAME
    _to_schema_1(db)
    # Opened read-only, it cannot be migrated: without outlines, bodies are read now.
    ro = Catalogue.__new__(Catalogue)
    ro.path, ro.messages, ro.read_only = db, [], False
    ro._lock = threading.RLock()
    ro._conn = ro._open_read_only(sqlite3.OperationalError("readonly"))
    library = Library.open(catalogue=ro)
    assert len(library) == 5
    assert all(a.body_loaded for a in library.articles)  # type: ignore[attr-defined]
    eager = _eager(ro)
    assert [_content(a) for a in library.articles] == [
        _content(eager[a.id]) for a in library.articles
    ]


def test_work_that_reads_every_text_reads_the_bodies_in_one_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    Library.open().catalogue.close()  # type: ignore[union-attr]
    counts = _count_body_reads(monkeypatch)
    library = Library.open()
    assert library.prepare_search()[0].code == "built"  # type: ignore[attr-defined]
    assert counts == {"body": 0, "bodies": 1}
    assert library.search("小松").total > 0
    figures = library.figures()  # none kept yet: extracted from every text
    assert figures
    assert counts == {"body": 0, "bodies": 1}  # the texts were already read
    again = Library.open()
    assert [dataclasses.astuple(f) for f in again.figures()] == [
        dataclasses.astuple(f) for f in figures
    ]
    assert counts == {"body": 0, "bodies": 1}  # kept in the catalogue: no text needed
