"""Precision and recall of the extraction against hand-labelled gold (tests/gold/*.json).

A gold figure and an extracted figure match when they are in the same block
with the same text (taken in reading order, so a text that occurs twice
matches twice); a match counts for a kind only when both say that kind.
Labels marked ``optional`` are neither required nor counted as false positives.
Project and organisation mentions match on block and text.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jining_archive.extraction.figures import KINDS, Figure
from jining_archive.extraction.projects import NamedEntity


class GoldError(Exception):
    """A gold folder or file that cannot be used."""


@dataclass
class Score:
    """Counts for one kind, and the precision and recall they give."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        """Share of what was found that the gold confirms (1.0 when nothing was found)."""
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        """Share of the gold that was found (1.0 when the gold is empty)."""
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0

    def as_json(self) -> dict[str, Any]:
        """The counts with precision and recall."""
        return {
            "tp": self.true_positives,
            "fp": self.false_positives,
            "fn": self.false_negatives,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
        }


@dataclass
class Report:
    """The whole evaluation."""

    articles: list[str] = field(default_factory=list)
    figures: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    figures_all: Score = field(default_factory=Score)
    # field -> kind -> [agreeing, compared]
    agreement: dict[str, dict[str, list[int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(lambda: [0, 0]))
    )
    entities: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    grouping: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    errors: list[str] = field(default_factory=list)

    def values_exact(self, kind: str) -> bool:
        """True when every matched figure of ``kind`` has exactly the gold value."""
        agreeing, compared = self.agreement["value"][kind]
        return agreeing == compared

    def as_json(self) -> dict[str, Any]:
        """The report as plain JSON data."""
        return {
            "articles": self.articles,
            "figures": {
                "all": self.figures_all.as_json(),
                **{kind: self.figures[kind].as_json() for kind in KINDS if kind in self.figures},
            },
            "agreement": {
                name: {kind: {"agree": a, "compared": c} for kind, (a, c) in kinds.items()}
                for name, kinds in self.agreement.items()
            },
            "entities": {name: score.as_json() for name, score in self.entities.items()},
            "grouping": {name: score.as_json() for name, score in self.grouping.items()},
            "errors": self.errors,
        }


def default_gold_dir() -> Path:
    """tests/gold of the source checkout this package runs from."""
    return Path(__file__).resolve().parents[3] / "tests" / "gold"


def load_gold(gold_dir: Path) -> list[dict[str, Any]]:
    """Every gold file in ``gold_dir``; GoldError when there is none or one is unreadable."""
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: no gold folder here")
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise GoldError(f"{gold_dir}: no gold files (*.json)")
    gold = []
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise GoldError(f"{path}: cannot be read ({exc})") from exc
        if not isinstance(data, dict) or "article_id" not in data:
            raise GoldError(f"{path}: not a gold file (no article_id)")
        gold.append(data)
    return gold


def _same_value(found: float | None, wanted: Any) -> bool:
    if found is None or wanted is None:
        return found is None and wanted is None
    return math.isclose(float(found), float(wanted), rel_tol=1e-9, abs_tol=1e-9)


def _match_in_order(
    gold: list[dict[str, Any]], found: list[Any], text_of: Any
) -> list[tuple[dict[str, Any], Any | None]]:
    """Pair each gold label with the first unused extracted item of the same block and text."""
    used: set[int] = set()
    pairs = []
    for label in gold:
        partner = None
        for index, item in enumerate(found):
            if index in used:
                continue
            if item.block_id == label["block_id"] and text_of(item) == label["text"]:
                partner = item
                used.add(index)
                break
        pairs.append((label, partner))
    unmatched = [item for index, item in enumerate(found) if index not in used]
    return pairs + [({}, item) for item in unmatched]


def _score_figures(report: Report, gold: list[dict[str, Any]], found: list[Figure]) -> None:
    for label, figure in _match_in_order(gold, found, lambda f: f.text):
        optional = bool(label.get("optional"))
        if not label:
            assert figure is not None
            report.figures[figure.kind].false_positives += 1
            report.figures_all.false_positives += 1
            report.errors.append(f"extra {figure.kind} {figure.block_id} {figure.text}")
            continue
        if figure is None:
            if not optional:
                report.figures[label["kind"]].false_negatives += 1
                report.figures_all.false_negatives += 1
                report.errors.append(f"missed {label['kind']} {label['block_id']} {label['text']}")
            continue
        if optional:
            continue
        kind = label["kind"]
        if figure.kind == kind:
            report.figures[kind].true_positives += 1
            report.figures_all.true_positives += 1
        else:
            report.figures[kind].false_negatives += 1
            report.figures[figure.kind].false_positives += 1
            report.figures_all.false_negatives += 1
            report.figures_all.false_positives += 1
            report.errors.append(
                f"kind {figure.kind} for {kind} {label['block_id']} {label['text']}"
            )
            continue
        for name, same in (
            ("value", _same_value(figure.value, label["value"])),
            ("unit", figure.unit == label["unit"]),
            ("qualifier", figure.qualifier == label["qualifier"]),
            ("measure", figure.measure == label["measure"]),
        ):
            counts = report.agreement[name][kind]
            counts[1] += 1
            counts[0] += int(same)
            if not same:
                wanted = label[name]
                report.errors.append(
                    f"{name} {getattr(figure, name)!r} for {wanted!r}: {label['block_id']} "
                    f"{label['text']}"
                )


def _score_entities(
    report: Report,
    group_name: str,
    gold_entities: list[dict[str, Any]],
    found_entities: list[NamedEntity],
    article_id: str,
) -> None:
    gold_mentions = [
        {**mention, "entity": entity["name"], "optional": bool(entity.get("optional"))}
        for entity in gold_entities
        for mention in entity["mentions"]
    ]
    found = [
        _Found(m.block_id, m.text, entity.name)
        for entity in found_entities
        for m in entity.mentions
        if m.article_id == article_id
    ]
    score = report.entities[group_name]
    matched: list[tuple[str, str]] = []
    for label, mention in _match_in_order(gold_mentions, found, lambda m: m.text):
        if not label:
            assert mention is not None
            score.false_positives += 1
            report.errors.append(f"extra {group_name} {mention.block_id} {mention.text}")
        elif mention is None:
            if not label["optional"]:
                score.false_negatives += 1
                report.errors.append(f"missed {group_name} {label['block_id']} {label['text']}")
        elif not label["optional"]:
            score.true_positives += 1
            matched.append((label["entity"], mention.entity))
    pairs = report.grouping[group_name]
    for i, (gold_a, found_a) in enumerate(matched):
        for gold_b, found_b in matched[i + 1 :]:
            together_gold, together_found = gold_a == gold_b, found_a == found_b
            pairs.true_positives += int(together_gold and together_found)
            pairs.false_positives += int(together_found and not together_gold)
            pairs.false_negatives += int(together_gold and not together_found)


@dataclass(frozen=True, slots=True)
class _Found:
    block_id: str
    text: str
    entity: str


def evaluate(
    gold: list[dict[str, Any]],
    figures_of: Any,
    projects: list[NamedEntity],
    organizations: list[NamedEntity],
) -> Report:
    """Score the extraction against ``gold``; ``figures_of(article_id)`` gives an article's figures.

    Grouping is scored within each article (pairs of matched mentions).
    """
    report = Report()
    for entry in gold:
        article_id = entry["article_id"]
        report.articles.append(article_id)
        _score_figures(report, entry.get("figures", []), figures_of(article_id))
        _score_entities(report, "projects", entry.get("projects", []), projects, article_id)
        _score_entities(
            report, "organizations", entry.get("organizations", []), organizations, article_id
        )
    return report
