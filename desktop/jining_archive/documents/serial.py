"""Articles as plain JSON-ready data, for the catalogue.

Block texts are not stored twice: a block is its offsets into the article text,
so ``Article.text[block.start:block.end] == block.text`` holds by construction
when an article is read back.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from typing import Any

from jining_archive.documents.model import Article, Block, BlockKind, PageBreakRepair, Section

#: Bump when the shape below changes; the catalogue re-parses rows of another format.
FORMAT = 1

# A dict lookup: calling the enum for each of an archive's blocks costs more at start-up.
_KINDS = {str(kind): kind for kind in BlockKind}


def _section(section: Section) -> list[Any]:
    return [
        section.id,
        section.title,
        section.level,
        section.start,
        section.end,
        section.heading_block_id,
        section.block_ids,
        [_section(child) for child in section.children],
    ]


def _section_back(raw: list[Any]) -> Section:
    sid, title, level, start, end, heading, block_ids, children = raw
    return Section(
        id=sid,
        title=title,
        level=level,
        start=start,
        end=end,
        heading_block_id=heading,
        block_ids=list(block_ids),
        children=[_section_back(child) for child in children],
    )


def article_to_data(article: Article) -> dict[str, Any]:
    """The parsed body of ``article`` (text, blocks, sections, repairs, problems)."""
    return {
        "format": FORMAT,
        "text": article.text,
        "blocks": [[b.id, str(b.kind), b.start, b.end, b.section_id] for b in article.blocks],
        "sections": [_section(s) for s in article.sections],
        "repairs": [
            [r.block_id, r.offset, r.before, r.after, r.moved_caption] for r in article.repairs
        ],
        "problems": list(article.problems),
    }


#: Reads an article's stored body when it is first needed (None: no longer stored).
BodyLoader = Callable[[], "dict[str, Any] | None"]

# One body is read at a time: two threads asking for the same article read it once.
_LOAD_LOCK = threading.RLock()


class StoredArticle(Article):
    """An article read back from the catalogue, whose body is read on first use.

    Opening an archive of thousands of articles needs their titles, dates and
    sections, not their texts: an article listed from the catalogue's outline
    (see :func:`listed_article`) reads its body (text, blocks, repairs,
    problems) through a loader the first time one of those is used, and its
    blocks are built from the stored offsets the first time ``blocks`` is read.
    """

    __slots__ = ("_length", "_loader", "_stored_blocks", "content_key")
    _stored_blocks: list[Any] | None
    #: The stored original's hash and parser version: the text, blocks and sections
    #: follow from them (see ``jining_archive.search.index.article_fingerprint``).
    content_key: str | None
    _loader: BodyLoader | None  # set until the body has been read
    _length: int

    @property
    def body_loaded(self) -> bool:
        """Whether the text and blocks are in memory (not waiting to be read)."""
        return getattr(self, "_loader", None) is None

    def load_body(self) -> None:
        """Read the body now, if it has not been read yet."""
        if getattr(self, "_loader", None) is None:
            return
        with _LOAD_LOCK:
            loader = self._loader
            if loader is None:
                return  # another thread has just read it
            data = loader()
            if data is None:
                # The row went away (removed by another process): an empty article
                # rather than a failure in whatever was reading it.
                data = {"text": "", "blocks": [], "sections": []}
            self._fill(data)
            self._loader = None

    def give_body(self, data: dict[str, Any]) -> None:
        """Take the body read by the caller (several read at once), unless already read."""
        with _LOAD_LOCK:
            if getattr(self, "_loader", None) is not None:
                self._fill(data)
                self._loader = None

    def _fill(self, data: dict[str, Any]) -> None:
        _TEXT.__set__(self, data["text"])
        _REPAIRS.__set__(self, [PageBreakRepair(*r) for r in data.get("repairs", [])])
        _PROBLEMS.__set__(self, list(data.get("problems", [])))
        self._stored_blocks = data["blocks"]

    @property
    def text_length(self) -> int:
        """The length of ``text``, known without reading the body."""
        if getattr(self, "_loader", None) is not None:
            return self._length
        return len(self.text)

    @property
    def text(self) -> str:
        """The article's text (read from the catalogue on first use)."""
        self.load_body()
        value: str = _TEXT.__get__(self, Article)
        return value

    @text.setter
    def text(self, value: str) -> None:
        self.load_body()  # so that reading it later cannot overwrite this value
        _TEXT.__set__(self, value)

    @property
    def repairs(self) -> list[PageBreakRepair]:
        """Where page breaks were repaired (read with the body)."""
        self.load_body()
        value: list[PageBreakRepair] = _REPAIRS.__get__(self, Article)
        return value

    @repairs.setter
    def repairs(self, value: list[PageBreakRepair]) -> None:
        self.load_body()
        _REPAIRS.__set__(self, value)

    @property
    def problems(self) -> list[str]:
        """What went wrong parsing the article (read with the body)."""
        self.load_body()
        value: list[str] = _PROBLEMS.__get__(self, Article)
        return value

    @problems.setter
    def problems(self, value: list[str]) -> None:
        self.load_body()
        _PROBLEMS.__set__(self, value)

    @property
    def blocks(self) -> list[Block]:
        """The article's blocks (built from the stored offsets on first use)."""
        if self._stored_blocks is not None or getattr(self, "_loader", None) is not None:
            self.load_body()
            with _LOAD_LOCK:
                stored = self._stored_blocks
                if stored is not None:
                    text = _TEXT.__get__(self, Article)
                    _BLOCKS.__set__(
                        self,
                        [
                            Block(bid, _KINDS[kind], text[start:end], start, end, section_id)
                            for bid, kind, start, end, section_id in stored
                        ],
                    )
                    self._stored_blocks = None
        value: list[Block] = _BLOCKS.__get__(self, Article)
        return value

    @blocks.setter
    def blocks(self, value: list[Block]) -> None:
        self.load_body()
        self._stored_blocks = None
        _BLOCKS.__set__(self, value)


# The slots of the base class, which the properties above stand in front of.
_BLOCKS = Article.__dict__["blocks"]
_TEXT = Article.__dict__["text"]
_REPAIRS = Article.__dict__["repairs"]
_PROBLEMS = Article.__dict__["problems"]


def _stored(
    article_id: str,
    meta: dict[str, Any],
    sections: list[Any],
    content_key: str | None,
) -> StoredArticle:
    article = StoredArticle(
        id=article_id,
        title=meta.get("title", ""),
        text="",
        blocks=[],
        sections=[_section_back(s) for s in sections],
        subtitle=meta.get("subtitle", ""),
        reporters=list(meta.get("reporters", [])),
        correspondents=list(meta.get("correspondents", [])),
        source=meta.get("source", ""),
        date=meta.get("date", ""),
        date_estimated=bool(meta.get("date_estimated", False)),
        date_note=meta.get("date_note", ""),
        path=meta.get("path", ""),
        origin=meta.get("origin", "imported"),
    )
    article._stored_blocks = None
    article.content_key = content_key
    return article


def article_from_data(
    article_id: str, data: dict[str, Any], meta: dict[str, Any], content_key: str | None = None
) -> Article:
    """The article stored as ``data`` with the metadata ``meta`` (see :func:`meta_of`);
    ``content_key`` says what the stored body was made from, when known."""
    article = _stored(article_id, meta, data["sections"], content_key)
    article._fill(data)
    return article


def listed_article(
    article_id: str,
    outline: list[Any],
    meta: dict[str, Any],
    loader: BodyLoader,
    content_key: str | None = None,
) -> StoredArticle:
    """The article with the metadata ``meta`` and the outline ``outline`` ([length of
    the text, sections], as the catalogue keeps it beside the body), whose body
    ``loader`` reads when it is first needed."""
    length, sections = outline
    article = _stored(article_id, meta, sections, content_key)
    article._length = int(length)
    article._loader = loader
    return article


def copy_article(article: Article, **changes: Any) -> Article:
    """``dataclasses.replace(article, **changes)`` that leaves a body not yet read unread."""
    if not isinstance(article, StoredArticle) or article.body_loaded:
        updated = dataclasses.replace(article, **changes)
        if isinstance(article, StoredArticle) and isinstance(updated, StoredArticle):
            updated.content_key = article.content_key
        return updated
    fields = {
        f.name: getattr(article, f.name)
        for f in dataclasses.fields(article)
        if f.name not in _BODY_FIELDS
    }
    fields.update(changes)
    copy = StoredArticle(**fields, text="", blocks=[], repairs=[], problems=[])
    copy._stored_blocks = None
    copy.content_key = article.content_key
    copy._length = article._length
    # Both read the same stored body (what the catalogue holds under this id).
    copy._loader = article._loader
    return copy


_BODY_FIELDS = ("text", "blocks", "repairs", "problems")


#: The metadata fields a user can edit, in the order the CLI and the dialog show them.
EDITABLE = ("title", "subtitle", "date", "date_estimated", "source", "reporters")


def meta_of(article: Article) -> dict[str, Any]:
    """The metadata of ``article`` as stored beside its body."""
    return {
        "title": article.title,
        "subtitle": article.subtitle,
        "reporters": list(article.reporters),
        "correspondents": list(article.correspondents),
        "source": article.source,
        "date": article.date,
        "date_estimated": article.date_estimated,
        "date_note": article.date_note,
        "path": article.path,
        "origin": article.origin,
    }
