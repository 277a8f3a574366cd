"""The scores of one gold set: values, silent wrong values, names exact and lenient, measures.

Gold labels are placed by block and text (the n-th label with a text in a block is the
n-th occurrence of that text there). An extracted figure or mention *overlaps* a label
when it lies in the same block and their character spans share at least one character;
labels and extracted items are paired one to one, in reading order, taking for each label
the unused item that overlaps it most.

- Figure value recall: the share of required gold figures whose overlapping figure has
  the gold kind, value and unit.
- Silent wrong values: a figure that overlaps a gold figure but gives it another value or
  unit, and a figure of a unit-bearing kind (money, percent, count, area) whose text has
  no number at all (亿元 read as 100000000).
- Projects and organisations, exact: a mention counts when its text is exactly the
  label's; lenient: when it overlaps the label. Precision counts every extracted mention
  that is neither a match nor overlapping an optional label.
- Measures: of the required gold figures that have a measure, how many were found with
  exactly that measure, and how many with a measure that contains it or is contained in
  it; figures the gold gives no measure but the extraction does are counted apart.
- Statuses: of the matched project mentions whose gold states a status, how many carry
  that status.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from jining_archive.documents.model import Article
from jining_archive.extraction.figures import Figure
from jining_archive.extraction.projects import Mention, NamedEntity
from jining_archive.extraction.quality import GoldError, Score, load_gold

#: Figure kinds that carry a unit, so that a figure of them needs a number.
UNIT_KINDS = ("money", "percent", "count", "area")
_DIGITS = set("0123456789０１２３４５６７８９〇零一二两兩三四五六七八九十百千")


@dataclass
class Ratio:
    """``right`` of ``compared``."""

    right: int = 0
    compared: int = 0

    @property
    def share(self) -> float:
        """right / compared (1.0 when nothing was compared)."""
        return self.right / self.compared if self.compared else 1.0

    def add(self, right: bool) -> None:
        """Count one comparison."""
        self.compared += 1
        self.right += int(right)

    def as_json(self) -> dict[str, Any]:
        """The counts and their share."""
        return {"right": self.right, "compared": self.compared, "share": round(self.share, 4)}


@dataclass
class SetScores:
    """The scores of the extraction on one gold set."""

    name: str
    articles: list[str] = field(default_factory=list)
    values: Ratio = field(default_factory=Ratio)
    values_by_kind: dict[str, Ratio] = field(default_factory=dict)
    silent_wrong: list[str] = field(default_factory=list)
    measures_exact: Ratio = field(default_factory=Ratio)
    measures_lenient: Ratio = field(default_factory=Ratio)
    measures_not_in_gold: int = 0
    projects_exact: Score = field(default_factory=Score)
    projects_lenient: Score = field(default_factory=Score)
    statuses: Ratio = field(default_factory=Ratio)
    statuses_not_in_gold: int = 0
    organizations_exact: Score = field(default_factory=Score)
    organizations_lenient: Score = field(default_factory=Score)
    errors: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The scores as plain JSON data."""
        return {
            "articles": self.articles,
            "figure_values": self.values.as_json(),
            "figure_values_by_kind": {
                k: r.as_json() for k, r in sorted(self.values_by_kind.items())
            },
            "silent_wrong_values": len(self.silent_wrong),
            "silent_wrong": self.silent_wrong,
            "measures_exact": self.measures_exact.as_json(),
            "measures_lenient": self.measures_lenient.as_json(),
            "measures_not_in_gold": self.measures_not_in_gold,
            "projects_exact": self.projects_exact.as_json(),
            "projects_lenient": self.projects_lenient.as_json(),
            "statuses": self.statuses.as_json(),
            "statuses_not_in_gold": self.statuses_not_in_gold,
            "organizations_exact": self.organizations_exact.as_json(),
            "organizations_lenient": self.organizations_lenient.as_json(),
            "errors": self.errors,
        }


class _Spanned(Protocol):
    @property
    def block_id(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_Item = TypeVar("_Item", bound=_Spanned)


@dataclass(frozen=True, slots=True)
class _Label:
    data: dict[str, Any]
    block_id: str
    start: int  # in the block
    end: int
    optional: bool


def _place(
    labels: Iterable[dict[str, Any]], article: Article, optional_of: Any, *, in_order: bool
) -> list[_Label]:
    """Each label with its span in its block.

    Labels ``in_order`` (figures) are in reading order: each is looked for after the
    previous one of its block, so 30% after 130% is not the 30% inside it. Mentions are
    listed by entity, so they are placed longest first, each at the first occurrence of its
    text that no other mention of the group has taken (小松 is not the 小松 inside
    株式会社小松制作所 when that is a mention too)."""
    texts = {block.id: block.text for block in article.blocks}
    items = list(labels)
    spans: dict[int, tuple[int, int]] = {}
    cursor: dict[str, int] = {}
    taken: dict[str, list[tuple[int, int]]] = {}
    order = (
        range(len(items))
        if in_order
        else sorted(range(len(items)), key=lambda i: -len(items[i]["text"]))
    )
    for number in order:
        label = items[number]
        block_id, text = label["block_id"], label["text"]
        block_text = texts.get(block_id, "")
        at = block_text.find(text, cursor.get(block_id, 0) if in_order else 0)
        if not in_order:
            while at >= 0 and any(
                at < end and start < at + len(text) for start, end in taken.get(block_id, [])
            ):
                at = block_text.find(text, at + 1)
        if at < 0:
            raise GoldError(f"{article.id}: {text!r} is not in block {block_id} where expected")
        cursor[block_id] = at + len(text)
        taken.setdefault(block_id, []).append((at, at + len(text)))
        spans[number] = (at, at + len(text))
    return [
        _Label(label, label["block_id"], *spans[number], optional_of(label))
        for number, label in enumerate(items)
    ]


def _pair(
    labels: Sequence[_Label], found: Sequence[_Item], block_start: dict[str, int]
) -> tuple[list[tuple[_Label, _Item | None]], list[_Item]]:
    """Each label with an unused overlapping item: first the items that cover exactly the
    label's span, then, for the labels left, the item that shares most characters with it."""
    used: set[int] = set()
    partner: dict[int, int] = {}

    def span(item: _Item) -> tuple[int, int]:
        offset = block_start[item.block_id]
        return item.start - offset, item.end - offset

    for exact in (True, False):
        for number, label in enumerate(labels):
            if number in partner:
                continue
            best, best_overlap = None, 0
            for index, item in enumerate(found):
                if index in used or item.block_id != label.block_id:
                    continue
                start, end = span(item)
                if exact and (start, end) != (label.start, label.end):
                    continue
                overlap = min(label.end, end) - max(label.start, start)
                if overlap > best_overlap:
                    best, best_overlap = index, overlap
            if best is not None:
                used.add(best)
                partner[number] = best
    pairs = [
        (label, found[partner[number]] if number in partner else None)
        for number, label in enumerate(labels)
    ]
    return pairs, [item for index, item in enumerate(found) if index not in used]


def _same_value(found: float | None, wanted: Any) -> bool:
    if found is None or wanted is None:
        return found is None and wanted is None
    return math.isclose(float(found), float(wanted), rel_tol=1e-9, abs_tol=1e-9)


def _has_number(text: str) -> bool:
    return any(ch in _DIGITS for ch in text) or "万亿" in text


def _contains_either(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a in b or b in a)


def _score_figures(
    scores: SetScores, article: Article, gold: dict[str, Any], figures: list[Figure]
) -> None:
    kinds = set(gold.get("labelled_kinds") or []) or None
    labels = _place(
        gold.get("figures", []), article, lambda label: bool(label.get("optional")), in_order=True
    )
    if kinds is not None:
        labels = [label for label in labels if label.data["kind"] in kinds]
        figures = [f for f in figures if f.kind in kinds]
    block_start = {block.id: block.start for block in article.blocks}
    pairs, unpaired = _pair(labels, figures, block_start)
    where = article.id
    for label, figure in pairs:
        data = label.data
        text = f"{where} {label.block_id} {data['text']}"
        if label.optional:
            continue
        right = (
            figure is not None
            and figure.kind == data["kind"]
            and _same_value(figure.value, data["value"])
            and figure.unit == data["unit"]
        )
        scores.values.add(right)
        scores.values_by_kind.setdefault(data["kind"], Ratio()).add(right)
        if figure is None:
            scores.errors.append(f"figure missed: {text}")
        elif not right:
            found_as = f"{figure.text!r} = {figure.value} {figure.unit} ({figure.kind})"
            wanted = f"{data['value']} {data['unit']} ({data['kind']})"
            if _same_value(figure.value, data["value"]) and figure.unit == data["unit"]:
                scores.errors.append(f"figure kind: {text} read as {found_as}, gold {wanted}")
            else:
                scores.silent_wrong.append(f"{text} read as {found_as}, gold {wanted}")
        if data["measure"] is not None:
            measure = figure.measure if figure is not None else None
            scores.measures_exact.add(measure == data["measure"])
            scores.measures_lenient.add(_contains_either(measure or "", data["measure"]))
            if measure != data["measure"]:
                scores.errors.append(f"measure {measure!r} for {data['measure']!r}: {text}")
        elif figure is not None and figure.measure:
            scores.measures_not_in_gold += 1
            scores.errors.append(f"measure {figure.measure!r} where the gold has none: {text}")
    for figure in unpaired:
        if figure.kind in UNIT_KINDS and not _has_number(figure.text):
            scores.silent_wrong.append(
                f"{where} {figure.block_id} {figure.text!r} = {figure.value} {figure.unit} "
                f"({figure.kind}): a unit without a number"
            )


def _score_names(
    scores: SetScores,
    group: str,
    article: Article,
    gold_entities: list[dict[str, Any]],
    found_entities: list[NamedEntity],
) -> None:
    labels = _place(
        (
            {**mention, "_optional": bool(entity.get("optional"))}
            for entity in gold_entities
            for mention in entity["mentions"]
        ),
        article,
        lambda label: label["_optional"],
        in_order=False,
    )
    mentions = [m for e in found_entities for m in e.mentions if m.article_id == article.id]
    block_start = {block.id: block.start for block in article.blocks}
    exact = scores.projects_exact if group == "projects" else scores.organizations_exact
    lenient = scores.projects_lenient if group == "projects" else scores.organizations_lenient
    for score, same_text in ((exact, True), (lenient, False)):
        pairs, unpaired = _pair(labels, mentions, block_start)
        extra = list(unpaired)
        for label, found in pairs:
            text = found.text if found is not None else None
            matched = found is not None and (not same_text or text == label.data["text"])
            if label.optional:
                continue  # neither required nor, whatever overlaps it, a false positive
            if matched:
                score.true_positives += 1
            else:
                score.false_negatives += 1
                if found is not None:
                    extra.append(found)
            if same_text:
                where = f"{article.id} {label.block_id} {label.data['text']}"
                if found is None:
                    scores.errors.append(f"{group} missed: {where}")
                elif not matched:
                    scores.errors.append(f"{group} name {text!r} for {where}")
                if group == "projects" and found is not None:
                    _score_status(scores, label, found, where)
        score.false_positives += len(extra)
        if same_text:
            for item in unpaired:
                scores.errors.append(
                    f"{group} not in the gold: {article.id} {item.block_id} {item.text}"
                )


def _score_status(scores: SetScores, label: _Label, found: Mention, where: str) -> None:
    if "status" not in label.data:
        return
    wanted = label.data["status"]
    if wanted is None:
        if found.status:
            scores.statuses_not_in_gold += 1
            scores.errors.append(f"status {found.status} where the gold has none: {where}")
        return
    scores.statuses.add(found.status == wanted)
    if found.status != wanted:
        scores.errors.append(f"status {found.status} for {wanted}: {where}")


def score_set(
    name: str,
    gold: list[dict[str, Any]],
    article_of: Callable[[str], Article],
    figures_of: Callable[[str], list[Figure]],
    projects: list[NamedEntity],
    organizations: list[NamedEntity],
) -> SetScores:
    """Score the extraction against one gold set (see the module's description)."""
    scores = SetScores(name)
    for entry in gold:
        article = article_of(entry["article_id"])
        scores.articles.append(article.id)
        _score_figures(scores, article, entry, figures_of(article.id))
        _score_names(scores, "projects", article, entry.get("projects", []), projects)
        _score_names(
            scores, "organizations", article, entry.get("organizations", []), organizations
        )
    return scores


def load_file_gold(gold_dir: Path) -> tuple[list[dict[str, Any]], dict[str, Article]]:
    """The gold files of ``gold_dir`` that each name the file they label (``"file"``), and
    those files read and parsed by the importer, by article id; GoldError when the folder,
    a gold file or a labelled file cannot be used."""
    from jining_archive.documents.formats import FormatError
    from jining_archive.importing import prepare, read_original

    gold = load_gold(gold_dir)
    articles: dict[str, Article] = {}
    for entry in gold:
        name = entry.get("file")
        if not isinstance(name, str) or not name:
            raise GoldError(f"{gold_dir}: {entry['article_id']} names no labelled file")
        path = gold_dir / name
        try:
            article = prepare(path, read_original(path), str(entry["article_id"])).article
        except FormatError as exc:
            raise GoldError(f"{path}: cannot be imported ({exc})") from exc
        articles[article.id] = article
    return gold, articles
