"""Search on the server: the same queries, and the same blocks found, as the desktop
index (:mod:`jining_archive.search`), from tables in PostgreSQL.

Each block is a row with its folded text, its character grams (each character, each
pair of neighbouring characters: :func:`jining_archive.search.analysis.grams`), the
folded titles above it and its jieba words. A word or phrase of the query becomes a
condition the server can answer from an index and that is exact, like grep:

- one or two characters: the block has that gram (a GIN index on the gram array);
- three or more: ``folded LIKE '%…%'``, candidates from pg_trgm's trigram GIN index,
  checked against the text by the server itself;
- ``title:``: the folded titles contain it; ``year:`` and ``kind:`` compare columns.

Hits are ranked by how often the query's jieba words occur in the block, for the
length of the block, headings first among equals; the desktop's ranking (BM25F) is
not repeated here, only its hits.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from jining_archive.documents.model import Article
from jining_archive.documents.normalise import fold
from jining_archive.search.analysis import grams, segment, segment_many
from jining_archive.search.index import _block_titles, article_fingerprint
from jining_archive.search.matching import HEADING_BOOST, HEADING_KINDS, hit_from_stored
from jining_archive.search.query import (
    And,
    ArticleIs,
    Kind,
    Node,
    Not,
    Query,
    Text,
    Year,
    parse_query,
)
from jining_archive.search.results import SearchResults
from jining_archive.storage.server.connection import ServerError, connect, redact

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

_HIT_COLUMNS = (
    "article_id, block_id, kind, start, text, folded, section_id, section_title, article_title"
)


def _like(folded: str) -> str:
    return "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def condition(node: Node) -> tuple[str, list[Any]]:
    """SQL over the blocks table that is true exactly for the blocks matching ``node``."""
    if isinstance(node, Text):
        needle = node.folded
        if node.in_title:
            return "strpos(title_folded, %s) > 0", [needle]
        if len(needle) <= 2:
            return "grams @> ARRAY[%s]::text[]", [needle]
        return "folded LIKE %s", [_like(needle)]
    if isinstance(node, Year):
        # A block without a year is outside every range (and inside NOT year:…).
        return "coalesce(year BETWEEN %s AND %s, false)", [node.first, node.last]
    if isinstance(node, Kind):
        return "kind = ANY(%s)", [list(node.kinds)]
    if isinstance(node, ArticleIs):
        return "article_id = ANY(%s)", [list(node.ids)]
    if isinstance(node, Not):
        inner, inner_params = condition(node.child)
        return f"NOT ({inner})", inner_params
    parts: list[str] = []
    params: list[Any] = []
    for child in node.children:
        sql, child_params = condition(child)
        parts.append(f"({sql})")
        params.extend(child_params)
    return (" AND " if isinstance(node, And) else " OR ").join(parts), params


def _query_words(parsed: Query) -> list[str]:
    words: list[str] = []
    for text in parsed.positive_texts():
        if not text.in_title:
            words.extend(w for w in segment(text.folded) if w not in words)
    return words


class ServerSearch:
    """The search tables of the team's database, with the desktop index's interface
    (``ensure``, ``search``, ``verify``, ``close``)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.where = redact(url)
        self._lock = threading.RLock()
        self._conn = connect(url, autocommit=True)
        #: Not used on the server (the texts come with the articles); kept for the
        #: library, which sets it on either back end.
        self.prefetch: Any = None

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- writing -----------------------------------------------------------------------

    def _can_write(self) -> bool:
        row = self._conn.execute("SELECT has_table_privilege('blocks', 'INSERT')").fetchone()
        return bool(row[0])

    def ensure(
        self,
        articles: Sequence[Article],
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> list[str]:
        """Bring the search tables up to date with ``articles``: blocks of new or changed
        articles written (one transaction per article), of vanished ones removed."""
        with self._lock:
            held = dict(self._conn.execute("SELECT article_id, fingerprint FROM indexed_articles"))
            wanted = {a.id: (a, article_fingerprint(a)) for a in articles}
            stale = [(a, f) for a, f in wanted.values() if held.get(a.id) != f]
            gone = [article_id for article_id in held if article_id not in wanted]
            if not stale and not gone:
                return []
            if not self._can_write():
                return [
                    f"the search tables on {self.where} are behind the archive; an editor's "
                    "client brings them up to date"
                ]
            if gone:
                with self._conn.transaction():
                    self._conn.execute("DELETE FROM blocks WHERE article_id = ANY(%s)", (gone,))
                    self._conn.execute(
                        "DELETE FROM indexed_articles WHERE article_id = ANY(%s)", (gone,)
                    )
            total = sum(len(a.blocks) for a, _ in stale)
            done = 0
            if progress:
                progress(0, total)
            for article, fingerprint in stale:
                if cancel is not None and cancel():
                    break
                self._write_article(article, fingerprint)
                done += len(article.blocks)
                if progress:
                    progress(done, total)
            return [f"search tables on {self.where} updated: {len(stale)} article(s)"]

    def _write_article(self, article: Article, fingerprint: str) -> None:
        folded = [fold(block.text) for block in article.blocks]
        rows = []
        for position, (block, text, words) in enumerate(
            zip(article.blocks, folded, segment_many(folded), strict=True)
        ):
            titles, section_title = _block_titles(article, block)
            rows.append(
                (
                    article.id,
                    block.id,
                    position,
                    str(block.kind),
                    article.year or None,
                    block.start,
                    block.text,
                    text,
                    sorted(grams(text) | set(text)),
                    fold("\n".join(titles)),
                    words,
                    block.section_id or "",
                    section_title,
                    article.title,
                )
            )
        with self._conn.transaction(), self._conn.cursor() as cursor:
            cursor.execute("DELETE FROM blocks WHERE article_id = %s", (article.id,))
            cursor.executemany(
                "INSERT INTO blocks (article_id, block_id, position, kind, year, start, text, "
                "folded, grams, title_folded, words, section_id, section_title, article_title) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
            cursor.execute(
                "INSERT INTO indexed_articles (article_id, fingerprint) VALUES (%s, %s) "
                "ON CONFLICT (article_id) DO UPDATE SET fingerprint = excluded.fingerprint",
                (article.id, fingerprint),
            )

    def add_or_replace(self, article: Article) -> None:
        with self._lock:
            self._write_article(article, article_fingerprint(article))

    def remove(self, article_id: str) -> None:
        with self._lock, self._conn.transaction():
            self._conn.execute("DELETE FROM blocks WHERE article_id = %s", (article_id,))
            self._conn.execute("DELETE FROM indexed_articles WHERE article_id = %s", (article_id,))

    def verify(self) -> bool:
        """The tables are the server's: PostgreSQL checks its own pages."""
        return True

    # -- searching ---------------------------------------------------------------------

    def block_ids(self, query: str) -> set[tuple[str, str]]:
        """(article id, block id) of every block matching ``query``."""
        where, params = condition(parse_query(query).root)
        with self._lock:
            rows = self._conn.execute(
                f"SELECT article_id, block_id FROM blocks WHERE {where}", params
            ).fetchall()
        return {(a, b) for a, b in rows}

    def search(
        self, query: str, limit: int = 50, articles: Mapping[str, Article] | None = None
    ) -> SearchResults:
        """The blocks matching ``query``, best first, as :meth:`SearchIndex.search` gives."""
        import psycopg

        parsed = parse_query(query)
        where, params = condition(parsed.root)
        if articles is not None:
            where = f"({where}) AND article_id = ANY(%s)"
            params = [*params, list(articles)]
        words = _query_words(parsed)
        heading = f"CASE WHEN kind = ANY(%s) THEN {HEADING_BOOST} ELSE 1.0 END"
        # How often the block holds the query's words: one C call per word and row
        # (array_positions), three times faster than counting an unnest of the words.
        occurrences = " + ".join(["cardinality(array_positions(words, %s))"] * len(words)) or "0"
        score = f"({occurrences})::float8 / sqrt(cardinality(words) + 1) * {heading}"
        sql = (
            f"SELECT {_HIT_COLUMNS}, {score} AS score, count(*) OVER () AS total "
            f"FROM blocks WHERE {where} "
            "ORDER BY score DESC, article_id, start LIMIT %s"
        )
        with self._lock:
            try:
                rows = self._conn.execute(
                    sql, [*words, sorted(HEADING_KINDS), *params, max(0, limit)]
                ).fetchall()
                total = (
                    rows[0][-1]
                    if rows
                    else self._conn.execute(
                        f"SELECT count(*) FROM blocks WHERE {where}", params
                    ).fetchone()[0]
                )
            except psycopg.OperationalError as exc:
                raise ServerError(
                    f"the server {self.where} cannot be reached: {exc}", "unreachable"
                ) from None
        hits = []
        for row in rows:
            stored = dict(zip(_HIT_COLUMNS.split(", "), row, strict=False))
            hits.append(hit_from_stored(stored, stored["folded"], parsed, row[-2], articles))
        return SearchResults(query=query, total=int(total), hits=hits)
