"""The extraction measured against the hand-labelled gold, and the quality command."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from jining_archive import cli
from jining_archive.extraction.quality import GoldError, evaluate, load_gold
from jining_archive.library import Library

GOLD_DIR = Path(__file__).parent / "gold"


@pytest.fixture(scope="module")
def report(library: Library):  # type: ignore[no-untyped-def]
    """The evaluation of the bundled archive against tests/gold."""
    gold = load_gold(GOLD_DIR)
    return evaluate(gold, library.figures, library.projects(), library.organizations())


def test_gold_covers_at_least_two_articles(report) -> None:  # type: ignore[no-untyped-def]
    """The issue's targets are measured on at least two hand-labelled articles."""
    assert len(report.articles) >= 2


def test_figure_targets(report) -> None:  # type: ignore[no-untyped-def]
    """Figures: precision and recall at least 0.95; money and percent values exact."""
    assert report.figures_all.precision >= 0.95, report.errors
    assert report.figures_all.recall >= 0.95, report.errors
    assert report.figures["money"].true_positives > 0
    assert report.figures["percent"].true_positives > 0
    assert report.values_exact("money"), report.errors
    assert report.values_exact("percent"), report.errors


def test_project_targets(report) -> None:  # type: ignore[no-untyped-def]
    """Projects: precision and recall at least 0.85 on the gold mentions."""
    projects = report.entities["projects"]
    assert projects.precision >= 0.85, report.errors
    assert projects.recall >= 0.85, report.errors


def test_quality_command_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    """``extraction-quality`` prints precision and recall per kind."""
    assert cli.run(cli.parse_args(["extraction-quality"])) == 0
    out = capsys.readouterr().out
    for row in ("figures", "money", "percent", "date", "projects", "organizations"):
        assert row in out
    assert "money values exact: yes" in out


def test_quality_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    """``extraction-quality --json`` gives the same numbers as data."""
    assert cli.run(cli.parse_args(["extraction-quality", "--json"])) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["figures"]["all"]["recall"] >= 0.95
    assert set(data["entities"]) == {"projects", "organizations"}


def test_missing_or_broken_gold_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad --gold folder gives a clear message and exit code 2, not a traceback."""
    assert cli.run(cli.parse_args(["extraction-quality", "--gold", str(tmp_path / "none")])) == 2
    assert "no gold folder" in capsys.readouterr().err
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    assert cli.run(cli.parse_args(["extraction-quality", "--gold", str(tmp_path)])) == 2
    assert "cannot be read" in capsys.readouterr().err
    with pytest.raises(GoldError):
        load_gold(tmp_path)


def test_scoring_counts_optional_labels_as_neither(library: Library) -> None:
    """An optional gold label is neither required nor a false positive; kinds must agree."""
    article = library.article("2023-intl-parks")
    gold = [
        {
            "article_id": article.id,
            "figures": [
                {
                    "block_id": "b4",
                    "text": "4市",
                    "kind": "count",
                    "value": 4,
                    "unit": "市",
                    "qualifier": None,
                    "measure": None,
                    "optional": True,
                },
                {
                    "block_id": "b9",
                    "text": "30亩",
                    "kind": "length",
                    "value": 30,
                    "unit": "亩",
                    "qualifier": None,
                    "measure": None,
                    "optional": False,
                },
            ],
            "projects": [],
            "organizations": [],
        }
    ]
    figures = [f for f in library.figures(article.id) if f.text in ("4市", "30亩")]
    result = evaluate(gold, lambda _id: figures, [], [])
    assert result.figures["length"].false_negatives == 1  # 30亩 is an area, not a length
    assert result.figures["area"].false_positives == 1  # the same 30亩, read as an area
    assert result.figures["count"].false_positives == 0  # the optional 4市


def test_a_packaged_app_does_not_offer_the_gold_measure(monkeypatch: pytest.MonkeyPatch) -> None:
    """A frozen app carries no tests/gold, so its help does not list extraction-quality."""
    assert "extraction-quality" in cli.build_parser().format_help()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    help_text = cli.build_parser().format_help()
    assert "extraction-quality" not in help_text
    assert "figures" in help_text and "search" in help_text
    with pytest.raises(SystemExit) as exited:
        cli.parse_args(["extraction-quality"])
    assert exited.value.code == 2
