"""A named project's story: its mentions in date order, each with the status its
sentence reports (签约 → 开工 → 在建 → 竣工 → 投产 / 达产, or 计划 with the planned
date) and the figures of that sentence (investment, capacity, area).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jining_archive.documents.normalise import fold
from jining_archive.extraction import STATUSES, NamedEntity
from jining_archive.insight.rows import FigureRow, sentence_span

if TYPE_CHECKING:
    from jining_archive.documents.model import Article

#: The stages in the order a project goes through them; 计划 (a plan) is not one.
STAGES = tuple(s for s in STATUSES if s != "计划")


class UnknownProjectError(KeyError):
    """No project, or more than one, answers to the name asked for."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.candidates = candidates

    def __str__(self) -> str:
        if self.candidates:
            return f"{self.name!r} names several projects; give one of: " + ", ".join(
                self.candidates
            )
        return f"no project is named {self.name!r}"


@dataclass(frozen=True)
class StoryEvent:
    """One mention of the project."""

    article_id: str
    article_title: str
    date: str
    date_estimated: bool
    block_id: str
    start: int
    end: int
    text: str
    status: str | None
    sentence: str
    sentence_start: int
    #: Years named in the sentence of a plan, or after the article's own year.
    planned: list[int] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)


@dataclass(frozen=True)
class ProjectStory:
    """A project with its mentions in date order."""

    name: str
    aliases: list[str]
    events: list[StoryEvent]

    @property
    def stages(self) -> list[str]:
        """The statuses reported, in date order, a repeated one once (签约, 开工, 在建)."""
        out: list[str] = []
        for event in self.events:
            if event.status and event.status != "计划" and event.status not in out:
                out.append(event.status)
        return out

    @property
    def latest_stage(self) -> str | None:
        """The furthest stage any report gives (投产 beats 在建), or None."""
        reached = [STAGES.index(s) for s in self.stages if s in STAGES]
        return STAGES[max(reached)] if reached else None


def find_project(projects: Sequence[NamedEntity], name: str) -> NamedEntity:
    """The project called ``name`` or with it as an alias; else the only one whose name
    contains it. Raises UnknownProjectError otherwise."""
    wanted = fold(name.strip())
    for project in projects:
        if wanted in (fold(n) for n in [project.name, *project.aliases]):
            return project
    near = [p for p in projects if any(wanted in fold(n) for n in [p.name, *p.aliases])]
    if len(near) == 1:
        return near[0]
    raise UnknownProjectError(name, sorted(p.name for p in near)[:20] if wanted else [])


def rows_by_article(rows: Iterable[FigureRow]) -> dict[str, list[FigureRow]]:
    """The figure rows of each article (for :func:`project_story`, made once)."""
    by_article: dict[str, list[FigureRow]] = {}
    for row in rows:
        by_article.setdefault(row.article_id, []).append(row)
    return by_article


def project_story(
    project: NamedEntity,
    articles: Mapping[str, Article],
    rows: Iterable[FigureRow] | Mapping[str, list[FigureRow]],
) -> ProjectStory:
    """The story of ``project``: each mention with its status, planned years and the
    figures (not dates) of its sentence, oldest article first. ``rows`` are the
    archive's figure rows, or those rows by article (:func:`rows_by_article`)."""
    by_article = rows if isinstance(rows, Mapping) else rows_by_article(rows)
    events: list[StoryEvent] = []
    for mention in project.mentions:
        article = articles.get(mention.article_id)
        if article is None:
            continue
        try:
            block = article.block(mention.block_id)
        except KeyError:
            continue
        span = sentence_span(block, mention.start, mention.end)
        inside = [r for r in by_article.get(article.id, []) if span[0] <= r.figure.start < span[1]]
        years = [int(r.value) for r in inside if r.kind == "date" and r.value is not None]
        own_year = article.year
        planned = [
            y for y in years if mention.status == "计划" or (own_year is not None and y > own_year)
        ]
        events.append(
            StoryEvent(
                article_id=article.id,
                article_title=article.title,
                date=article.date,
                date_estimated=article.date_estimated,
                block_id=mention.block_id,
                start=mention.start,
                end=mention.end,
                text=mention.text,
                status=mention.status,
                sentence=article.text[span[0] : span[1]],
                sentence_start=span[0],
                planned=sorted(set(planned)),
                figures=[r for r in inside if r.kind != "date"],
            )
        )
    events.sort(key=lambda e: (e.date, e.article_id, e.start))
    return ProjectStory(project.name, list(project.aliases), events)
