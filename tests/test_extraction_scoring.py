"""The per-set scores of ``extraction-quality``, on small hand-made examples with known
scores, and the command reporting the bundled and the other-sources gold side by side."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jining_archive import cli
from jining_archive.documents.model import Article, Block, BlockKind
from jining_archive.extraction.figures import Figure
from jining_archive.extraction.projects import Mention, NamedEntity
from jining_archive.extraction.quality import GoldError
from jining_archive.extraction.scoring import score_set

BLOCKS = [
    "总投资908 亿元，出口增长50%，另有130%和30%，新增2023年。",
    "推进甲乙项目，丙丁基地开工，戊己中心签约，庚辛。",
    "与某某集团有限公司签约，另需万元。",
]


def _article() -> Article:
    blocks, offset = [], 0
    for number, text in enumerate(BLOCKS, 1):
        blocks.append(Block(f"b{number}", BlockKind.PARAGRAPH, text, offset, offset + len(text)))
        offset += len(text) + 2
    return Article("a", "t", "\n\n".join(BLOCKS), blocks, [])


ARTICLE = _article()


def _at(block: int, text: str, nth: int = 0) -> tuple[str, int, int]:
    """Block id and article offsets of the nth occurrence of ``text`` in a block."""
    found = -1
    for _ in range(nth + 1):
        found = BLOCKS[block - 1].index(text, found + 1)
    start = ARTICLE.blocks[block - 1].start + found
    return f"b{block}", start, start + len(text)


def _figure(
    block: int, text: str, kind: str, value: float | None, unit: str, measure: str | None = None
) -> Figure:
    block_id, start, end = _at(block, text)
    return Figure("a", block_id, text, kind, value, unit, None, measure, start, end)


def _entity(name: str, kind: str, *mentions: tuple[int, str, str | None]) -> NamedEntity:
    out = []
    for block, text, status in mentions:
        block_id, start, end = _at(block, text)
        out.append(Mention("a", block_id, text, start, end, status, ""))
    return NamedEntity(name, kind, [], out)


def _label(block: str, text: str, kind: str, value: Any, unit: str, measure: str | None = None):  # type: ignore[no-untyped-def]
    return {
        "block_id": block,
        "text": text,
        "kind": kind,
        "value": value,
        "unit": unit,
        "qualifier": None,
        "measure": measure,
        "optional": False,
    }


GOLD = [
    {
        "article_id": "a",
        "labelled_kinds": ["money", "percent"],
        "figures": [
            _label("b1", "908 亿元", "money", 90800000000, "元", "总投资"),
            _label("b1", "50%", "percent", 50, "%", "出口增长"),
            _label("b1", "130%", "percent", 130, "%"),
            _label("b1", "30%", "percent", 30, "%"),
        ],
        "projects": [
            {
                "name": "甲乙项目",
                "optional": False,
                "mentions": [{"block_id": "b2", "text": "甲乙项目", "status": None}],
            },
            {
                "name": "丙丁基地",
                "optional": False,
                "mentions": [{"block_id": "b2", "text": "丙丁基地", "status": "开工"}],
            },
            {
                "name": "戊己中心",
                "optional": True,
                "mentions": [{"block_id": "b2", "text": "戊己中心", "status": "签约"}],
            },
        ],
        "organizations": [
            {
                "name": "某某集团有限公司",
                "optional": False,
                "mentions": [{"block_id": "b3", "text": "某某集团有限公司"}],
            }
        ],
    }
]

FIGURES = [
    _figure(1, "亿元", "money", 100000000, "元"),  # the number lost: a silent wrong value
    _figure(1, "50%", "percent", 50, "%", "增长"),  # right value, measure only lenient
    _figure(1, "130%", "percent", 130, "%", "另有"),  # right value, a measure the gold lacks
    _figure(1, "2023年", "date", 2023, ""),  # a kind this gold does not label: not scored
    _figure(3, "万元", "money", 10000, "元"),  # a unit without a number: silent wrong
]  # the standalone 30% is not found (the 30% inside 130% is not it)

PROJECTS = [
    _entity("推进甲乙项目", "project", (2, "推进甲乙项目", "在建")),  # a verb kept: lenient only
    _entity("丙丁基地", "project", (2, "丙丁基地", "开工")),
    _entity("戊己中心", "project", (2, "戊己中心", None)),  # optional: neither
    _entity("庚辛", "project", (2, "庚辛", None)),  # not in the gold
]
ORGANIZATIONS = [_entity("与某某集团有限公司", "organization", (3, "与某某集团有限公司", None))]


@pytest.fixture(scope="module")
def scores():  # type: ignore[no-untyped-def]
    """The hand-made example scored."""
    return score_set(
        "example", GOLD, lambda _id: ARTICLE, lambda _id: FIGURES, PROJECTS, ORGANIZATIONS
    )


def test_figure_values_and_silent_wrong_values(scores) -> None:  # type: ignore[no-untyped-def]
    """Two of four values right; 亿元 for 908 亿元 and the bare 万元 are silent wrong values;
    the date is not scored, and 30% is not taken for the 30% inside 130%."""
    assert (scores.values.right, scores.values.compared) == (2, 4)
    assert (scores.values_by_kind["money"].right, scores.values_by_kind["money"].compared) == (0, 1)
    assert (scores.values_by_kind["percent"].right, scores.values_by_kind["percent"].compared) == (
        2,
        3,
    )
    assert len(scores.silent_wrong) == 2
    assert any("908 亿元" in line for line in scores.silent_wrong)
    assert any("万元" in line and "without a number" in line for line in scores.silent_wrong)
    assert "figure missed: a b1 30%" in scores.errors


def test_measures(scores) -> None:  # type: ignore[no-untyped-def]
    """Of the two gold measures none is exact; 增长 is within 出口增长 (lenient); 另有 for a
    figure the gold gives no measure is counted apart."""
    assert (scores.measures_exact.right, scores.measures_exact.compared) == (0, 2)
    assert (scores.measures_lenient.right, scores.measures_lenient.compared) == (1, 2)
    assert scores.measures_not_in_gold == 1


def test_projects_exact_and_lenient(scores) -> None:  # type: ignore[no-untyped-def]
    """Exact: 丙丁基地 only (P 1/3, R 1/2); lenient: 推进甲乙项目 overlaps 甲乙项目 (P 2/3, R 1);
    the optional 戊己中心 counts neither way."""
    exact, lenient = scores.projects_exact, scores.projects_lenient
    assert (exact.true_positives, exact.false_positives, exact.false_negatives) == (1, 2, 1)
    assert (lenient.true_positives, lenient.false_positives, lenient.false_negatives) == (2, 1, 0)
    assert exact.precision == pytest.approx(1 / 3)
    assert lenient.recall == 1.0


def test_statuses(scores) -> None:  # type: ignore[no-untyped-def]
    """丙丁基地's 开工 is right; 在建 on a mention whose gold states none is counted apart."""
    assert (scores.statuses.right, scores.statuses.compared) == (1, 1)
    assert scores.statuses_not_in_gold == 1


def test_organisations(scores) -> None:  # type: ignore[no-untyped-def]
    """与某某集团有限公司 keeps a word of the sentence: wrong exactly, right leniently."""
    exact, lenient = scores.organizations_exact, scores.organizations_lenient
    assert (exact.true_positives, exact.false_positives, exact.false_negatives) == (0, 1, 1)
    assert (lenient.true_positives, lenient.false_positives, lenient.false_negatives) == (1, 0, 0)


def test_a_label_outside_its_block_is_a_gold_error() -> None:
    """A label whose text its block does not have is reported, not silently skipped."""
    broken = [{**GOLD[0], "figures": [_label("b2", "908 亿元", "money", 1, "元")]}]
    with pytest.raises(GoldError, match="908 亿元"):
        score_set("x", broken, lambda _id: ARTICLE, lambda _id: [], [], [])


def test_the_command_reports_both_gold_sets(capsys: pytest.CaptureFixture[str]) -> None:
    """``extraction-quality`` prints the bundled and the other-sources set side by side."""
    assert cli.run(cli.parse_args(["extraction-quality"])) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("gold set"))
    assert "bundled" in header and "other sources" in header
    for row in (
        "figure value recall",
        "silent wrong values",
        "measures exact",
        "projects exact",
        "projects lenient",
        "organisations exact",
    ):
        assert any(line.startswith(row) for line in out.splitlines()), row


def test_the_command_json_has_both_sets(capsys: pytest.CaptureFixture[str]) -> None:
    """``--json`` carries each set's scores; the other-sources set has its 28 reports."""
    assert cli.run(cli.parse_args(["extraction-quality", "--json"])) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["sets"]) == {"bundled", "other sources"}
    other = data["sets"]["other sources"]
    assert len(other["articles"]) == 28
    assert other["figure_values"]["compared"] >= 250
    assert other["silent_wrong_values"] == len(other["silent_wrong"])
    assert data["sets"]["bundled"]["articles"] == data["articles"]


def test_only_scores_the_matching_reports(capsys: pytest.CaptureFixture[str]) -> None:
    """``--only`` keeps the other-sources reports whose id matches one of its globs."""
    args = ["extraction-quality", "--json", "--only", "0[1-3]*", "--only", "22-*"]
    assert cli.run(cli.parse_args(args)) == 0
    other = json.loads(capsys.readouterr().out)["sets"]["other sources"]
    assert [a[:2] for a in other["articles"]] == ["01", "02", "03", "22"]


def test_only_matching_nothing_is_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(cli.parse_args(["extraction-quality", "--only", "no-such-*"])) != 0
    assert "no-such-*" in capsys.readouterr().err


def test_a_missing_other_gold_folder_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--other-gold naming no folder gives a clear message and exit code 2."""
    args = ["extraction-quality", "--other-gold", str(tmp_path / "none")]
    assert cli.run(cli.parse_args(args)) == 2
    assert "no gold folder" in capsys.readouterr().err
