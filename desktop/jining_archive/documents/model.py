"""The document model: Article → Section tree → Block.

Offsets are the contract of the whole application: every ``start``/``end`` is a
character offset into ``Article.text``, and ``Article.text[block.start:block.end]
== block.text`` always holds. Extraction, search highlights, the reader and
bookmarks all speak in these offsets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    """What a block of text is, as a reader of the page would name it."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    BYLINE = "byline"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    CAPTION = "caption"
    SOURCE_NOTE = "source-note"


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of text: a paragraph, a heading, a caption …"""

    id: str
    kind: BlockKind
    text: str
    start: int
    end: int
    section_id: str | None = None


@dataclass(slots=True)
class Section:
    """A titled part of an article; ``level`` 1 is the top."""

    id: str
    title: str
    level: int
    start: int
    end: int
    heading_block_id: str | None = None
    children: list[Section] = field(default_factory=list)
    block_ids: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class PageBreakRepair:
    """A place where text split by the page layout was joined again.

    ``offset`` is where the two halves meet in ``Article.text``; ``before`` and
    ``after`` are a few characters either side of the join; ``moved_caption`` is
    the text of a caption that stood between the halves and was set apart.
    """

    block_id: str
    offset: int
    before: str
    after: str
    moved_caption: str | None = None

    @property
    def repeated(self) -> str:
        """Characters printed on both sides of the break ("实实在在的" + "的幸福生活"):
        the page repeated them, or the text says them twice. The text keeps them as
        printed; this tells the reader where to look."""
        for size in range(min(len(self.before), len(self.after)), 0, -1):
            if self.before.endswith(self.after[:size]) and not self.after[:size].isspace():
                return self.after[:size]
        return ""


@dataclass(slots=True)
class Article:
    """A whole report with its metadata, text, blocks and sections."""

    id: str
    title: str
    text: str
    blocks: list[Block]
    sections: list[Section]
    subtitle: str = ""
    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    source: str = ""
    date: str = ""
    date_estimated: bool = False
    date_note: str = ""
    path: str = ""
    origin: str = "bundled"
    #: The id of the article this one repeats (a repost recognised at import), or "".
    repost_of: str = ""
    repairs: list[PageBreakRepair] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def text_length(self) -> int:
        """``len(self.text)`` (an article read from the catalogue knows it without its text)."""
        return len(self.text)

    @property
    def year(self) -> int | None:
        """The year of ``date`` (ISO ``YYYY[-MM[-DD]]``), if known."""
        head = self.date[:4]
        return int(head) if head.isdigit() else None

    def block(self, block_id: str) -> Block:
        """The block with this id (KeyError if there is none)."""
        for block in self.blocks:
            if block.id == block_id:
                return block
        raise KeyError(block_id)

    def iter_sections(self) -> Iterator[Section]:
        """Every section, depth first, in reading order."""
        for section in self.sections:
            yield from section.walk()

    def section(self, section_id: str) -> Section:
        """The section with this id (KeyError if there is none)."""
        for section in self.iter_sections():
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def section_path(self, section_id: str | None) -> list[Section]:
        """The sections from the top level down to ``section_id``."""
        if section_id is None:
            return []

        def search(sections: list[Section], trail: list[Section]) -> list[Section] | None:
            for section in sections:
                here = [*trail, section]
                if section.id == section_id:
                    return here
                found = search(section.children, here)
                if found:
                    return found
            return None

        return search(self.sections, []) or []

    def blocks_in(self, section_id: str) -> list[Block]:
        """The blocks of a section and of all its subsections."""
        section = self.section(section_id)
        return [b for b in self.blocks if section.start <= b.start < section.end]

    def block_at(self, offset: int) -> Block | None:
        """The block containing character ``offset``, if any."""
        for block in self.blocks:
            if block.start <= offset < block.end:
                return block
        return None
