"""The extraction results arranged for the window: by article, by entity key, as reader marks.

Built off the GUI thread from ``Library.figures()``, ``Library.projects()`` and
``Library.organizations()``; it only regroups what the extraction found.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from jining_archive.extraction import Figure, Mention, NamedEntity
from jining_archive.ui.reader import Mark, MarkKind

PROJECT = "project"
ORGANIZATION = "organization"


def entity_key(kind: str, name: str) -> str:
    """The key that names one project or organisation in the window."""
    return f"{kind}:{name}"


def figure_key(figure: Figure) -> str:
    """The key that names one figure in the window (its offsets are unique in an article)."""
    return f"{figure.start}-{figure.end}"


@dataclass
class EntityMention:
    """A mention of a named entity, with the entity's key."""

    key: str
    mention: Mention


@dataclass
class Annotations:
    """Figures and named entities of the whole library, indexed for the window."""

    figures_by_article: dict[str, list[Figure]] = field(default_factory=dict)
    entities: dict[str, NamedEntity] = field(default_factory=dict)
    entity_kinds: dict[str, str] = field(default_factory=dict)  # key → PROJECT/ORGANIZATION
    mentions_by_article: dict[str, list[EntityMention]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        figures: list[Figure],
        projects: list[NamedEntity],
        organizations: list[NamedEntity],
    ) -> Annotations:
        """Index the extraction results (plain Python, safe on any thread)."""
        result = cls()
        by_article: dict[str, list[Figure]] = defaultdict(list)
        for figure in figures:
            by_article[figure.article_id].append(figure)
        result.figures_by_article = {
            article_id: sorted(items, key=lambda f: (f.start, f.end))
            for article_id, items in by_article.items()
        }
        mentions: dict[str, list[EntityMention]] = defaultdict(list)
        for kind, entities in ((PROJECT, projects), (ORGANIZATION, organizations)):
            for entity in entities:
                key = entity_key(kind, entity.name)
                result.entities[key] = entity
                result.entity_kinds[key] = kind
                for mention in entity.mentions:
                    mentions[mention.article_id].append(EntityMention(key, mention))
        result.mentions_by_article = {
            article_id: sorted(items, key=lambda m: (m.mention.start, m.mention.end))
            for article_id, items in mentions.items()
        }
        return result

    def figures(self, article_id: str) -> list[Figure]:
        """Figures of one article, in reading order."""
        return self.figures_by_article.get(article_id, [])

    def mentions(self, article_id: str) -> list[EntityMention]:
        """Entity mentions in one article, in reading order."""
        return self.mentions_by_article.get(article_id, [])

    def figure(self, article_id: str, key: str) -> Figure | None:
        """The figure of ``article_id`` with this key."""
        for figure in self.figures(article_id):
            if figure_key(figure) == key:
                return figure
        return None

    def entity_spans(self, key: str, article_id: str) -> list[tuple[int, int]]:
        """Offsets of every mention of entity ``key`` in one article."""
        entity = self.entities.get(key)
        if entity is None:
            return []
        return sorted((m.start, m.end) for m in entity.mentions if m.article_id == article_id)

    def marks(self, article_id: str) -> list[Mark]:
        """The reader highlights of one article."""
        marks = [
            Mark(
                MarkKind.FIGURE,
                figure_key(f),
                f.start,
                f.end,
                layer="date" if f.kind == "date" else "figure",
            )
            for f in self.figures(article_id)
        ]
        for item in self.mentions(article_id):
            kind = (
                MarkKind.PROJECT
                if self.entity_kinds[item.key] == PROJECT
                else MarkKind.ORGANIZATION
            )
            marks.append(Mark(kind, item.key, item.mention.start, item.mention.end))
        return marks
