"""``jining-archive search``: the command line over the same index."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jining_archive import paths
from jining_archive.app import main
from jining_archive.library import Library


@pytest.fixture(scope="session")
def shared_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data folder for the CLI tests, so the index is built once."""
    return tmp_path_factory.mktemp("cli-home")


@pytest.fixture
def home(shared_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(paths.HOME_ENV, str(shared_home))
    paths.set_home(None)
    yield shared_home


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_komatsu_json_has_every_article_and_exact_offsets(
    home: Path, library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "search", "小松", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"query", "total", "hits"}
    assert data["query"] == "小松"
    assert data["total"] == len(data["hits"])
    keys = {
        "article_id",
        "article_title",
        "section_id",
        "section_title",
        "block_id",
        "kind",
        "snippet",
        "score",
        "matches",
        "also_in",
    }
    for hit in data["hits"]:
        assert set(hit) == keys
        assert hit["also_in"] == []  # no reposts among the bundled articles
        text = library.article(hit["article_id"]).text
        assert hit["matches"] and all(text[s:e] == "小松" for s, e in hit["matches"])
        assert "<mark>小松</mark>" in hit["snippet"]
    assert {hit["article_id"] for hit in data["hits"]} == {
        a.id for a in library.articles if "小松" in a.text
    }
    found = sum(len(hit["matches"]) for hit in data["hits"])
    assert found == sum(a.text.count("小松") for a in library.articles)


def test_traditional_query_equals_simplified(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, traditional, _ = run_cli(capsys, "search", "濟寧", "--json", "--limit", "500")
    _, simplified, _ = run_cli(capsys, "search", "济宁", "--json", "--limit", "500")
    left, right = json.loads(traditional), json.loads(simplified)
    assert left["total"] == right["total"] > 50
    assert left["hits"] == right["hits"]


def test_text_output_groups_by_article(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "search", "快马", "--limit", "1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "2 passages match 快马, showing the best 1"
    assert lines[2].startswith("2023-intl-parks  ")
    assert "«快马»" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search", '"小松'], "not closed"),
        (["search", "AND"], "AND needs a word"),
        (["search", "，。"], "only punctuation"),
        (["search", "济" * 10_000], "too long"),
    ],
)
def test_bad_queries_exit_2_with_a_message(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run_cli(capsys, *argv)
    assert code == 2
    assert out == ""
    assert message in err and "Traceback" not in err
    assert len(err) < 400


def test_locked_index_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from whoosh.filedb.filestore import FileStorage

    from jining_archive.search import index as search_index
    from jining_archive.search.index import LOCK_NAME

    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path))
    folder = paths.cache_dir() / "index"
    folder.mkdir(parents=True)
    lock = FileStorage(str(folder)).lock(LOCK_NAME)
    assert lock.acquire(blocking=False)
    original_init = search_index.SearchIndex.__init__

    def quick_init(self: search_index.SearchIndex, folder: Path | None = None) -> None:
        original_init(self, folder)
        self.lock_timeout = 0.2

    monkeypatch.setattr(search_index.SearchIndex, "__init__", quick_init)
    try:
        code, _, err = run_cli(capsys, "search", "小松")
    finally:
        lock.release()
    assert code == 2
    assert "being updated by another copy of Jining Archive" in err


@pytest.mark.slow
def test_two_processes_building_at_once_both_succeed(tmp_path: Path) -> None:
    env = {**os.environ, paths.HOME_ENV: str(tmp_path)}
    command = [sys.executable, "-m", "jining_archive", "search", "小松", "--json"]
    procs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], [err for _, err in outputs]
    first, second = (json.loads(out) for out, _ in outputs)
    assert first == second and first["total"] > 0
    # The index they left behind is whole: a third run uses it without rebuilding.
    third = subprocess.run(command, env=env, capture_output=True, timeout=120, check=True)
    assert json.loads(third.stdout) == first
    assert third.stderr == b""
