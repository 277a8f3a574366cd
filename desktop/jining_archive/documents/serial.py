"""Articles as plain JSON-ready data, for the catalogue.

Block texts are not stored twice: a block is its offsets into the article text,
so ``Article.text[block.start:block.end] == block.text`` holds by construction
when an article is read back.
"""

from __future__ import annotations

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


class StoredArticle(Article):
    """An article read back from the catalogue whose blocks are built on first use.

    Opening an archive of thousands of articles needs their titles, dates, sections
    and text, not the tens of thousands of Block objects; those are made from the
    stored offsets the first time ``blocks`` is read.
    """

    __slots__ = ("_stored_blocks", "content_key")
    _stored_blocks: list[Any] | None
    #: The stored original's hash and parser version: the text, blocks and sections
    #: follow from them (see ``jining_archive.search.index.article_fingerprint``).
    content_key: str | None

    @property
    def blocks(self) -> list[Block]:
        """The article's blocks (built from the stored offsets on first use)."""
        stored = self._stored_blocks
        if stored is not None:
            text = self.text
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
        self._stored_blocks = None
        _BLOCKS.__set__(self, value)


_BLOCKS = Article.__dict__["blocks"]  # the slot of the base class


def article_from_data(
    article_id: str, data: dict[str, Any], meta: dict[str, Any], content_key: str | None = None
) -> Article:
    """The article stored as ``data`` with the metadata ``meta`` (see :func:`meta_of`);
    ``content_key`` says what the stored body was made from, when known."""
    article = StoredArticle(
        id=article_id,
        title=meta.get("title", ""),
        text=data["text"],
        blocks=[],
        sections=[_section_back(s) for s in data["sections"]],
        subtitle=meta.get("subtitle", ""),
        reporters=list(meta.get("reporters", [])),
        correspondents=list(meta.get("correspondents", [])),
        source=meta.get("source", ""),
        date=meta.get("date", ""),
        date_estimated=bool(meta.get("date_estimated", False)),
        date_note=meta.get("date_note", ""),
        path=meta.get("path", ""),
        origin=meta.get("origin", "imported"),
        repairs=[PageBreakRepair(*r) for r in data.get("repairs", [])],
        problems=list(data.get("problems", [])),
    )
    article._stored_blocks = data["blocks"]
    article.content_key = content_key
    return article


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
