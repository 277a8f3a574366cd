"""Making bookmarks for the things a reader points at, and their citations.

Both front ends create bookmarks through these functions, so a bookmark made
from the window and one made with ``jining-archive bookmarks add`` are alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from jining_archive.documents.model import Article
from jining_archive.notes.anchors import make_anchor, section_at, text_hash
from jining_archive.notes.gbt7714 import newspaper_reference
from jining_archive.notes.model import AnchorState, Bookmark, TargetKind, clean_tags
from jining_archive.notes.snapshot import Snapshot
from jining_archive.notes.store import NotesError

SECTION_SEPARATOR = " › "
SENTENCE_ENDS = "。！？!?；;\n"


def _after_last(text: str, marks: str) -> str:
    """The part of ``text`` after its last sentence end (all of it if there is none)."""
    cut = max(text.rfind(mark) for mark in marks)
    return text[cut + 1 :] if cut >= 0 else text


def _through_first(text: str, marks: str) -> str:
    """The part of ``text`` up to and including its first sentence end (a newline excluded)."""
    found = [i for i in (text.find(mark) for mark in marks) if i >= 0]
    if not found:
        return text
    cut = min(found)
    return text[:cut] if text[cut] == "\n" else text[: cut + 1]


def passage_bookmark(
    article: Article,
    start: int,
    end: int,
    *,
    kind: TargetKind = TargetKind.PASSAGE,
    label: str = "",
    note: str = "",
    tags: list[str] | None = None,
) -> Bookmark:
    """A bookmark on ``article.text[start:end]`` (a passage, a figure or a project mention)."""
    if kind in (TargetKind.ARTICLE, TargetKind.SECTION):
        raise NotesError(f"use article_bookmark or section_bookmark for a {kind} bookmark")
    if not 0 <= start < end <= len(article.text):
        raise NotesError(
            f"offsets {start}-{end} do not select text in {article.id} (length {len(article.text)})"
        )
    if not article.text[start:end].strip():
        raise NotesError("the selection holds no text")
    anchor = make_anchor(article.text, start, end)
    return Bookmark(
        article_id=article.id,
        kind=kind,
        anchor=anchor,
        section_id=section_at(article, start),
        label=label or (anchor.quote if kind != TargetKind.PASSAGE else ""),
        note=note,
        tags=clean_tags(tags or []),
        original_quote=anchor.quote,
        text_hash=text_hash(article.text),
    )


def section_bookmark(
    article: Article, section_id: str, *, note: str = "", tags: list[str] | None = None
) -> Bookmark:
    """A bookmark on a section, anchored on its heading."""
    try:
        section = article.section(section_id)
    except KeyError:
        known = ", ".join(s.id for s in article.iter_sections()) or "none"
        raise NotesError(
            f"{article.id} has no section {section_id!r} (sections: {known})"
        ) from None
    if section.heading_block_id:
        heading = article.block(section.heading_block_id)
        start, end = heading.start, heading.end
    else:
        start, end = section.start, section.start + len(section.title)
    anchor = make_anchor(article.text, start, end)
    return Bookmark(
        article_id=article.id,
        kind=TargetKind.SECTION,
        anchor=anchor,
        section_id=section.id,
        label=section.title,
        note=note,
        tags=clean_tags(tags or []),
        original_quote=anchor.quote,
        text_hash=text_hash(article.text),
    )


def article_bookmark(
    article: Article, *, note: str = "", tags: list[str] | None = None
) -> Bookmark:
    """A bookmark on a whole article."""
    return Bookmark(
        article_id=article.id,
        kind=TargetKind.ARTICLE,
        label=article.title,
        note=note,
        tags=clean_tags(tags or []),
        text_hash=text_hash(article.text),
    )


def insight_bookmark(
    snapshot: Snapshot, *, note: str = "", tags: list[str] | None = None
) -> Bookmark:
    """A bookmark on an insight view: no article of its own, its snapshot cites them."""
    return Bookmark(
        article_id="",
        kind=TargetKind.INSIGHT,
        label=snapshot.title,
        note=note,
        tags=clean_tags(tags or []),
        snapshot=snapshot,
    )


def find_quote(article: Article, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """The offsets of the ``occurrence``-th (1-based) appearance of ``quote`` in the article."""
    if not quote:
        raise NotesError("the quote is empty")
    positions: list[int] = []
    i = article.text.find(quote)
    while i >= 0:
        positions.append(i)
        i = article.text.find(quote, i + 1)
    if not positions:
        raise NotesError(f"{article.id} does not contain {quote!r}")
    if not 1 <= occurrence <= len(positions):
        raise NotesError(
            f"{quote!r} occurs {len(positions)} time(s) in {article.id}; "
            f"occurrence {occurrence} does not exist"
        )
    return positions[occurrence - 1], positions[occurrence - 1] + len(quote)


class CitationStyle(StrEnum):
    """How a citation's reference line is written."""

    #: The app's own line: 《题名》，记者，来源，日期，章节.
    APP = "app"
    #: GB/T 7714-2015, a newspaper article ([N]); see :mod:`jining_archive.notes.gbt7714`.
    GBT7714 = "gbt7714"


@dataclass(frozen=True)
class Citation:
    """Everything an exported note says about where it comes from."""

    bookmark_id: int
    kind: TargetKind
    label: str
    article_id: str
    article_title: str
    date: str
    date_estimated: bool
    source: str
    section: str
    quote: str
    original_quote: str
    note: str
    tags: list[str] = field(default_factory=list)
    detached: bool = False
    text_changed: bool = False
    article_missing: bool = False
    created: str = ""
    modified: str = ""
    start: int | None = None
    end: int | None = None
    before: str = ""
    after: str = ""
    reporters: list[str] = field(default_factory=list)
    subtitle: str = ""
    #: An insight's table and chart, and the citation of each article its rows cite (in
    #: the order of ``snapshot.article_ids()``; a removed article is cited by its id).
    snapshot: Snapshot | None = None
    sources: tuple[Citation, ...] = ()

    def source_number(self, article_id: str) -> int:
        """The number (from 1) of ``article_id`` among an insight's sources, else 0."""
        for n, source in enumerate(self.sources, 1):
            if source.article_id == article_id:
                return n
        return 0

    @property
    def in_context(self) -> str:
        """The quote within the rest of its sentence, the quote in 【】 (figures and mentions).

        A figure such as 221.2亿元 says little alone; its sentence says what it measures.
        Empty for other kinds, or when the stored context adds nothing.
        """
        if self.kind not in (TargetKind.FIGURE, TargetKind.PROJECT) or not self.quote:
            return ""
        before = _after_last(self.before, SENTENCE_ENDS)
        after = _through_first(self.after, SENTENCE_ENDS)
        if not before.strip() and not after.strip():
            return ""
        lead = "…" if before == self.before and self.before else ""
        tail = "…" if after == self.after and self.after else ""
        return f"{lead}{before}【{self.quote}】{after}{tail}"

    @property
    def date_text(self) -> str:
        """The date as printed in a citation; an estimated date says so."""
        if not self.date:
            return "日期不详"
        return f"约 {self.date}" if self.date_estimated else self.date  # as the window marks it

    def reference(self, style: CitationStyle | str = CitationStyle.APP) -> str:
        """One line saying where the note comes from, in ``style``.

        The app's style: 《title》, reporters, source, date, section. GB/T 7714 has no
        place for the section; exports print it on a line of its own. An insight's
        line names its view and how many articles it cites (see :meth:`with_quote`).
        """
        if self.snapshot is not None:
            return self.snapshot.summary()
        if CitationStyle(style) == CitationStyle.GBT7714:
            return newspaper_reference(
                authors=self.reporters,
                title=self.article_title,
                subtitle=self.subtitle,
                paper=self.source,
                date=self.date,
                date_estimated=self.date_estimated,
            )
        parts = [f"《{self.article_title}》"]
        if self.reporters:
            parts.append("、".join(self.reporters))
        if self.source:
            parts.append(self.source)
        parts.append(self.date_text)
        if self.section:
            parts.append(self.section)
        return "，".join(parts)

    def with_quote(self, style: CitationStyle | str = CitationStyle.APP) -> str:
        """The quoted passage and, on the next line, where it comes from in ``style``
        (for the clipboard: Ctrl+Shift+C)."""
        if self.snapshot is not None:
            return "\n".join(
                [self.reference(style)]
                + [f"[{n}] {s.reference(style)}" for n, s in enumerate(self.sources, 1)]
            )
        quote = self.quote or self.original_quote
        lines = [f"“{quote}”"] if quote else []
        lines.append(f"——{self.reference(style)}")
        if CitationStyle(style) == CitationStyle.GBT7714 and self.section:
            lines.append(f"章节：{self.section}")
        return "\n".join(lines)


def cite(bookmark: Bookmark, article_of: Callable[[str], Article | None]) -> Citation:
    """The citation of ``bookmark``; ``article_of`` returns an article by id (or None)."""
    if bookmark.kind == TargetKind.INSIGHT:
        return _cite_insight(bookmark, article_of)
    article = article_of(bookmark.article_id)
    section = ""
    if article is not None and bookmark.section_id:
        section = SECTION_SEPARATOR.join(s.title for s in article.section_path(bookmark.section_id))
    quote = bookmark.quote if bookmark.kind != TargetKind.ARTICLE else ""
    return Citation(
        bookmark_id=bookmark.id,
        kind=bookmark.kind,
        label=bookmark.label,
        article_id=bookmark.article_id,
        article_title=article.title if article else bookmark.article_id,
        date=article.date if article else "",
        date_estimated=article.date_estimated if article else False,
        source=article.source if article else "",
        section=section,
        quote=quote,
        original_quote=bookmark.original_quote,
        note=bookmark.note,
        tags=list(bookmark.tags),
        detached=bookmark.anchor_state == AnchorState.DETACHED,
        text_changed=bool(bookmark.original_quote) and bookmark.original_quote != quote,
        article_missing=article is None,
        created=bookmark.created,
        modified=bookmark.modified,
        start=bookmark.anchor.start if bookmark.anchor else None,
        end=bookmark.anchor.end if bookmark.anchor else None,
        before=bookmark.anchor.before if bookmark.anchor else "",
        after=bookmark.anchor.after if bookmark.anchor else "",
        reporters=list(article.reporters) if article else [],
        subtitle=article.subtitle if article else "",
    )


def _cite_insight(bookmark: Bookmark, article_of: Callable[[str], Article | None]) -> Citation:
    """An insight's citation: its own title, and one citation for each article it cites."""
    snapshot = bookmark.snapshot
    sources = tuple(
        cite(Bookmark(article_id=article_id, kind=TargetKind.ARTICLE), article_of)
        for article_id in (snapshot.article_ids() if snapshot else [])
    )
    return Citation(
        bookmark_id=bookmark.id,
        kind=bookmark.kind,
        label=bookmark.label or (snapshot.title if snapshot else ""),
        article_id="",
        article_title=bookmark.label or (snapshot.title if snapshot else ""),
        date="",
        date_estimated=False,
        source="",
        section="",
        quote="",
        original_quote="",
        note=bookmark.note,
        tags=list(bookmark.tags),
        created=bookmark.created,
        modified=bookmark.modified,
        snapshot=snapshot,
        sources=sources,
    )
