"""The ``articles`` and ``show`` commands, and a damaged corpus."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jining_archive import paths
from jining_archive.app import main
from jining_archive.library import Library


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_articles_json_lists_five_articles_with_section_trees(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(capsys, "articles", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data) == 5
    assert [a["date"][:4] for a in data] == ["2020", "2023", "2023", "2024", "2025"]
    for article in data:
        assert set(article) == {
            "id",
            "title",
            "subtitle",
            "date",
            "date_estimated",
            "source",
            "reporters",
            "origin",
            "path",
            "repost_of",
            "reposts",
            "sections",
        }
        assert article["origin"] == "bundled"
        assert article["path"].endswith(".txt")
        assert article["repost_of"] is None
        assert article["sections"]
        for section in article["sections"]:
            assert set(section) == {"id", "title", "level", "children"}
    eight_roads = next(a for a in data if a["id"] == "2020-eight-roads")
    first = eight_roads["sections"][0]
    assert first["title"] == "(一) “有效投资”之路,坚持稳中求进"
    children = [c["title"] for c in first["children"]]
    assert children[:2] == ["重点谋划产业技改项目", "提速推进水系贯通工程"]


def test_show_json_blocks_with_offsets(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "show", "2025-lead-goose", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["id"] == "2025-lead-goose"
    assert data["reporters"] == ["曹俐", "刘菲"]
    blocks = data["blocks"]
    assert {"id", "kind", "section_id", "start", "end", "text"} <= set(blocks[0])
    repaired = next(b for b in blocks if "同比增长11.2%" in b["text"])
    assert repaired["kind"] == "paragraph"
    assert repaired["end"] - repaired["start"] == len(repaired["text"])


def test_show_unknown_id_fails_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "show", "no-such-article")
    assert code == 2
    assert out == ""
    assert "no-such-article" in err
    assert "Traceback" not in err


def test_data_dir_option_sets_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "portable"
    code, _, _ = run_cli(capsys, "--data-dir", str(target), "articles")
    assert code == 0
    assert paths.data_dir() == target / "data"
    assert paths.cache_dir() == target / "cache"


def test_damaged_corpus_loads_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(paths.corpus_dir(), corpus)
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    files = [corpus / a["file"] for a in manifest["articles"]]
    files[0].unlink()  # missing
    files[1].write_bytes(b"")  # empty
    files[2].write_bytes(b"\x00\xff\x00\xfe" * 100)  # binary
    library = Library.open(corpus)
    assert len(library) == 2
    assert len(library.problems) == 3
    for path, problem in zip(files[:3], library.problems, strict=True):
        assert path.name in problem


def test_module_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "jining_archive", "articles"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "2023-intl-parks" in result.stdout


def test_command_table_matches_the_modules() -> None:
    from jining_archive import cli

    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == set(cli.COMMANDS)
    for name, module in cli.COMMANDS.items():
        alone = cli.build_parser((module,))
        only = next(a for a in alone._actions if isinstance(a, argparse._SubParsersAction))
        assert name in only.choices


def test_only_the_needed_command_module_is_imported() -> None:
    code = (
        "import sys; from jining_archive import cli; "
        "cli.parse_args(['--data-dir', 'search', 'articles']); "
        "print(sorted(m for m in sys.modules if m.startswith('jining_archive.commands.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['jining_archive.commands.articles']"
