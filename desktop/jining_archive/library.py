"""The archive as a whole: every article, bundled and imported, in one catalogue.

The library is what both front ends (CLI and window) talk to. It loads the
bundled corpus and the user's imports, reports files it could not read without
failing the rest, and hands out articles by id.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from jining_archive import paths
from jining_archive.documents.corpus import CorpusError, load_corpus
from jining_archive.documents.model import Article

if TYPE_CHECKING:
    from jining_archive.extraction import Figure, NamedEntity
    from jining_archive.search import SearchIndex, SearchResults


class UnknownArticleError(KeyError):
    """No article has the requested id."""

    def __str__(self) -> str:
        return f"no article with id {self.args[0]!r}"


class Library:
    """The catalogue of articles; see the module docstring."""

    def __init__(self, articles: list[Article], problems: list[str] | None = None) -> None:
        self._articles = sorted(articles, key=lambda a: (a.date, a.id))
        self._by_id = {a.id: a for a in self._articles}
        self.problems: list[str] = list(problems or [])
        self._figures: dict[str, list[Figure]] = {}
        self._entities: tuple[list[NamedEntity], list[NamedEntity]] | None = None
        self._search_index: SearchIndex | None = None
        self._search_ready: list[Article] = []  # the article objects ensure() last saw

    @classmethod
    def open(cls, corpus: Path | None = None) -> Library:
        """Load the bundled archive (or ``corpus``); unreadable files become ``problems``."""
        try:
            articles, problems = load_corpus(corpus or paths.corpus_dir())
        except CorpusError as exc:
            articles, problems = [], [str(exc)]
        return cls(articles, problems)

    @property
    def articles(self) -> list[Article]:
        """All articles, oldest first."""
        return list(self._articles)

    def article(self, article_id: str) -> Article:
        """The article with this id; raises UnknownArticleError."""
        try:
            return self._by_id[article_id]
        except KeyError:
            raise UnknownArticleError(article_id) from None

    def figures(self, article_id: str | None = None) -> list[Figure]:
        """The figures of one article (UnknownArticleError if none has that id), or of all."""
        from jining_archive.extraction import extract_figures  # loaded on first use

        articles = [self.article(article_id)] if article_id is not None else self._articles
        out: list[Figure] = []
        for article in articles:
            if article.id not in self._figures:
                self._figures[article.id] = extract_figures(article)
            out.extend(self._figures[article.id])
        return out

    def projects(self) -> list[NamedEntity]:
        """Named projects of the whole archive, aliases grouped, most mentioned first."""
        return self._named()[0]

    def organizations(self) -> list[NamedEntity]:
        """Organisations of the whole archive, aliases grouped, most mentioned first."""
        return self._named()[1]

    def _named(self) -> tuple[list[NamedEntity], list[NamedEntity]]:
        if self._entities is None:
            from jining_archive.extraction import extract_entities  # loaded on first use

            self._entities = extract_entities(self._articles)
        return self._entities

    def search_index(self) -> SearchIndex:
        """The full-text index in the cache folder (opened on first use; see ``search``)."""
        if self._search_index is None:
            from jining_archive.search import SearchIndex  # whoosh loads only when needed

            self._search_index = SearchIndex()
        return self._search_index

    def prepare_search(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> list[str]:
        """Build or update the index for the current articles; returns its messages
        (index built, rebuilt, updated …) for the front end to show."""
        messages = self.search_index().ensure(self._articles, progress=progress, cancel=cancel)
        if not (cancel and cancel()):
            self._search_ready = list(self._articles)
        return list(messages or [])

    def search(self, query: str, limit: int = 50) -> SearchResults:
        """Search every article; builds or updates the index first when it needs it.

        Raises QuerySyntaxError for a malformed query and SearchIndexError when
        the index is locked by another process.
        """
        from jining_archive.search import IndexBusyError, SearchIndexError

        index = self.search_index()
        seen = self._search_ready
        if len(seen) != len(self._articles) or any(
            a is not b for a, b in zip(seen, self._articles, strict=True)
        ):
            self.prepare_search()
        try:
            return index.search(query, limit, articles=self._by_id)
        except IndexBusyError:
            raise
        except SearchIndexError:  # deleted or damaged since ensure() looked: rebuild once
            index.ensure(self._articles)
            return index.search(query, limit, articles=self._by_id)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._by_id

    def __len__(self) -> int:
        return len(self._articles)
