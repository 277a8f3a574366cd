"""Bookmarks as the reader knows them: what they point at, the note, the tags.

A bookmark points at a whole article, a section, a figure, a project mention or
a passage the reader selected, or keeps a view across articles (an insight: a series,
a comparison or a project's story, see :mod:`jining_archive.notes.snapshot`), which
belongs to no one article (its ``article_id`` is empty). Every other kind but a
whole-article bookmark carries an :class:`Anchor`: offsets into ``Article.text``
plus the quoted text and a little context either side, so the bookmark can find
its place again when the article text changes (see :mod:`jining_archive.notes.anchors`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from jining_archive.notes.snapshot import Snapshot


class TargetKind(StrEnum):
    """What a bookmark points at."""

    ARTICLE = "article"
    SECTION = "section"
    FIGURE = "figure"
    PROJECT = "project"
    PASSAGE = "passage"
    INSIGHT = "insight"  # a series, comparison or story across articles (notes.snapshot)

    @property
    def label_zh(self) -> str:
        """The kind's name in the Chinese interface."""
        return _KIND_ZH[self]


_KIND_ZH = {
    TargetKind.ARTICLE: "文章",
    TargetKind.SECTION: "章节",
    TargetKind.FIGURE: "数据",
    TargetKind.PROJECT: "项目",
    TargetKind.PASSAGE: "段落",
    TargetKind.INSIGHT: "洞察",
}


class AnchorState(StrEnum):
    """How well a bookmark's anchor matches the current article text."""

    ATTACHED = "attached"  # the quote is where the offsets say
    FUZZY = "fuzzy"  # re-attached to text that changed a little since it was bookmarked
    DETACHED = "detached"  # the quote is no longer in the article; offsets are the last known


@dataclass(frozen=True, slots=True)
class Anchor:
    """A place in an article's text that survives edits of the text around it."""

    start: int
    end: int
    quote: str
    before: str = ""
    after: str = ""


@dataclass(slots=True)
class Bookmark:
    """One bookmark with its note. ``id`` is 0 until the store saves it.

    ``uid`` identifies the bookmark across export and import; ``original_quote``
    is the text as it was when the bookmark was made (``anchor.quote`` follows the
    article when the anchor re-attaches to text that changed).
    """

    article_id: str
    kind: TargetKind = TargetKind.PASSAGE
    anchor: Anchor | None = None
    section_id: str | None = None
    label: str = ""
    note: str = ""
    tags: list[str] = field(default_factory=list)
    anchor_state: AnchorState = AnchorState.ATTACHED
    original_quote: str = ""
    text_hash: str = ""
    created: str = ""
    modified: str = ""
    uid: str = ""
    id: int = 0
    #: What an insight bookmark keeps of its view (None for every other kind).
    snapshot: Snapshot | None = None

    @property
    def quote(self) -> str:
        """The quoted text ('' for a whole-article bookmark)."""
        return self.anchor.quote if self.anchor else ""

    @property
    def is_detached(self) -> bool:
        """True when the quote could not be found in the current article text."""
        return self.anchor_state == AnchorState.DETACHED

    def copy(self) -> Bookmark:
        """An independent copy (tags list included)."""
        return dataclasses.replace(self, tags=list(self.tags))


def now_iso() -> str:
    """The current time as stored in bookmarks: UTC, ISO 8601, milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def clean_tags(tags: list[str] | tuple[str, ...]) -> list[str]:
    """Tags stripped of spaces, without empties or repeats, in the order given."""
    seen: set[str] = set()
    out: list[str] = []
    for tag in tags:
        name = " ".join(str(tag).split())
        if name and name not in seen:
            seen.add(name)
            out.append(name)
    return out


def split_tags(text: str) -> list[str]:
    """Tags typed in one field, separated by commas (either width), semicolons or 、."""
    for sep in "，;；、":
        text = text.replace(sep, ",")
    return clean_tags(text.split(","))
