"""The hand-labelled gold files agree with the parsed articles they describe."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jining_archive.library import Library

GOLD_DIR = Path(__file__).parent / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
KINDS = {
    "money",
    "percent",
    "count",
    "area",
    "length",
    "weight",
    "power",
    "speed",
    "duration",
    "rank",
    "date",
    "other",
}
FIGURE_KEYS = {"block_id", "text", "kind", "value", "unit", "qualifier", "measure", "optional"}


def _load(path: Path) -> dict[str, Any]:
    """Read one gold file."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_there_is_gold_for_at_least_two_articles() -> None:
    """The issue asks for gold on at least two bundled articles."""
    assert len(GOLD_FILES) >= 2


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_is_named_after_its_article(path: Path, library: Library) -> None:
    """The file name is the article id, and the article exists in the archive."""
    gold = _load(path)
    assert gold["article_id"] == path.stem
    library.article(gold["article_id"])


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_figures_lie_in_their_blocks_in_reading_order(path: Path, library: Library) -> None:
    """Each figure's text occurs in its block, after the previous figure's occurrence."""
    gold = _load(path)
    article = library.article(gold["article_id"])
    order = {block.id: index for index, block in enumerate(article.blocks)}
    cursor = (-1, 0)  # (block index, offset in that block after the previous figure)
    for figure in gold["figures"]:
        assert set(figure) == FIGURE_KEYS, figure
        block_index = order[figure["block_id"]]
        assert block_index >= cursor[0], f"figure out of reading order: {figure}"
        start = cursor[1] if block_index == cursor[0] else 0
        found = article.block(figure["block_id"]).text.find(figure["text"], start)
        assert found >= 0, f"not in block after the previous figure: {figure}"
        cursor = (block_index, found + len(figure["text"]))


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_figure_fields_are_well_formed(path: Path) -> None:
    """Kinds come from the allowed set; money and percent carry numeric values."""
    for figure in _load(path)["figures"]:
        assert figure["kind"] in KINDS, figure
        assert isinstance(figure["optional"], bool), figure
        value = figure["value"]
        assert value is None or (isinstance(value, int | float) and not isinstance(value, bool))
        if figure["kind"] in {"money", "percent"}:
            assert isinstance(value, int | float) and not isinstance(value, bool), figure
        if figure["kind"] == "percent":
            assert figure["unit"] == "%", figure


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("group", ["projects", "organizations"])
def test_named_mentions_lie_in_their_blocks(path: Path, group: str, library: Library) -> None:
    """Every project and organisation mention occurs verbatim in its block."""
    gold = _load(path)
    article = library.article(gold["article_id"])
    names = [entry["name"] for entry in gold[group]]
    assert len(names) == len(set(names)), f"duplicate {group} names"
    for entry in gold[group]:
        assert entry["name"], entry
        assert isinstance(entry.get("optional", False), bool), entry
        assert entry["mentions"], entry
        for mention in entry["mentions"]:
            assert mention["text"] in article.block(mention["block_id"]).text, mention
