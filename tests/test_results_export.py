"""Saving search results with their citations: CSV for a spreadsheet, Markdown for a
report, from the command line (and the same function the window calls)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from jining_archive.app import main
from jining_archive.library import Library
from jining_archive.results_export import COLUMNS, render_results


def _lookup(library: Library):  # type: ignore[no-untyped-def]
    return lambda article_id: library.article(article_id) if article_id in library else None


def test_csv_rows_are_whole_passages_with_citations(library: Library) -> None:
    results = library.search("小松", 1000)
    data = render_results(results, "csv", _lookup(library))
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(results.hits)
    for row, hit in zip(rows, results.hits, strict=True):
        article = library.article(hit.article_id)
        block = article.block(hit.block_id)
        passage = row["passage"].removeprefix("'")  # a formula-looking cell is neutralised
        assert passage == block.text  # the whole block, never a cut snippet
        assert article.text[int(row["start"]) : int(row["end"])] == block.text
        assert row["title"] == article.title and row["source"] == article.source
        assert row["date"].endswith(article.date)
        assert "小松" in passage and int(row["matches"]) == len(hit.matches)


def test_markdown_quotes_each_passage_with_matches_in_bold(library: Library) -> None:
    results = library.search("小松", 3)
    text = render_results(results, "md", _lookup(library)).decode("utf-8")
    assert text.startswith("# 搜索结果：小松\n")
    assert f"共 {results.total} 段，以下为前 3 段" in text
    assert text.count("**小松**") >= 3
    first = library.article(results.hits[0].article_id)
    assert f"- 出处：《{first.title}》，{first.source}" in text


def test_cli_saves_results_and_refuses_without_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], library: Library
) -> None:
    target = tmp_path / "results.md"
    assert main(["search", "营商环境", "--export", "md", "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "saved" in out and str(target) in out
    assert target.read_text(encoding="utf-8").startswith("# 搜索结果：营商环境")
    assert main(["search", "营商环境", "--export", "csv"]) == 2
    assert "needs -o" in capsys.readouterr().err
    read_only = tmp_path / "kept.csv"
    read_only.write_text("mine", encoding="utf-8")
    read_only.chmod(0o444)
    assert main(["search", "营商环境", "--export", "csv", "-o", str(read_only)]) == 2
    assert read_only.read_text(encoding="utf-8") == "mine"
    assert main(["search", "营商环境", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["query"] == "营商环境"  # --json unchanged
