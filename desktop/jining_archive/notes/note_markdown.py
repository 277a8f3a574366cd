"""A note's Markdown, rendered for the HTML and Word exports.

Notes are parsed by markdown-it-py with the CommonMark rules and raw HTML turned
off, so a tag typed in a note (``<script>``, ``<b>``) is text, shown as typed and
never run. A single line break in a note stays a line break (as the note was
written in a plain text box), links keep only the schemes markdown-it-py lets
through (no ``javascript:``, ``vbscript:``, ``file:`` or ``data:`` but images), and
an image is written as ``!`` and a link to it, never loaded. A heading in a note
comes out below the export's own headings.

For Word the same parse is walked into python-docx: paragraphs, **bold**,
*italic*, ``inline code``, links (real hyperlinks), bullet and numbered lists
(up to three levels; each numbered list starts from its own first number),
quotes, code blocks and headings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

#: The font of inline code and code blocks in Word.
CODE_FONT = "Consolas"
#: Note headings start at this level in HTML (the export uses h1 and h2 itself).
HTML_HEADING_BASE = 3


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
    parser.disable("image")  # ![alt](src) stays text: an export never fetches anything
    return parser


_PARSER = _parser()


def parse_note(text: str) -> list[Token]:
    """The block tokens of a note (markdown-it-py's token stream)."""
    return _PARSER.parse(text)


def note_html(text: str) -> str:
    """The note as an HTML fragment; every character the user typed is escaped."""
    tokens = parse_note(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1:]) + HTML_HEADING_BASE - 1)
            token.tag = f"h{level}"
    rendered: str = _PARSER.renderer.render(tokens, _PARSER.options, {})
    return rendered


# -- Word ------------------------------------------------------------------------------


@dataclass
class _List:
    ordered: bool
    start: int
    num_id: int | None = None  # the numbering of this one list (ordered lists only)


@dataclass
class _Inline:
    bold: int = 0
    italic: int = 0
    strike: int = 0
    link: str | None = None


@dataclass
class WordStyles:
    """The paragraph style ids a note uses, looked up once per document."""

    normal: str
    quote: str
    heading: str
    bullets: Sequence[str]  # List Bullet, List Bullet 2, List Bullet 3
    numbers: Sequence[str]  # List Number, ...
    continued: Sequence[str]  # List Continue, ... (a second paragraph in an item)
    numbering: dict[str, int] = field(default_factory=dict)  # style id -> its w:numId

    @classmethod
    def of(cls, document: Any) -> WordStyles:
        """The ids of the styles in ``document`` (python-docx's default template)."""
        styles = document.styles

        def ids(*names: str) -> list[str]:
            return [styles[name].style_id for name in names]

        found = cls(
            normal=styles["Normal"].style_id,
            quote=styles["Quote"].style_id,
            heading=styles["Heading 3"].style_id,
            bullets=ids("List Bullet", "List Bullet 2", "List Bullet 3"),
            numbers=ids("List Number", "List Number 2", "List Number 3"),
            continued=ids("List Continue", "List Continue 2", "List Continue 3"),
        )
        for name in ("List Number", "List Number 2", "List Number 3"):
            ppr = styles[name].element.pPr
            if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
                found.numbering[styles[name].style_id] = int(ppr.numPr.numId.val)
        return found


class WordNote:
    """Writes one note's Markdown into a python-docx document, paragraph by paragraph.

    ``clean`` is applied to every piece of text (XML cannot hold every character);
    ``finish`` is called on each paragraph made (the export sets its fonts there).
    """

    def __init__(
        self,
        document: Any,
        styles: WordStyles,
        clean: Callable[[str], str],
        finish: Callable[[Any], None],
    ) -> None:
        self.document = document
        self.styles = styles
        self.clean = clean
        self.finish = finish
        self.lists: list[_List] = []
        self.quotes = 0
        self.item_started = False  # the current list item has its first paragraph
        self.paragraph: Any = None
        self._link: tuple[Any, str, Any] | None = None  # paragraph, URL, w:hyperlink

    def add(self, text: str) -> None:
        """Add the paragraphs of ``text`` (a note) to the document."""
        for token in parse_note(text):
            self._block(token)

    def _block(self, token: Token) -> None:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1)
            self.lists.append(_List(kind == "ordered_list_open", start))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.item_started = False
        elif kind == "blockquote_open":
            self.quotes += 1
        elif kind == "blockquote_close":
            self.quotes -= 1
        elif kind == "paragraph_open":
            self.paragraph = self._new_paragraph()
        elif kind == "heading_open":
            self.paragraph = self._new_paragraph(self.styles.heading)
        elif kind == "inline":
            if self.paragraph is None:  # pragma: no cover - markdown-it opens one first
                self.paragraph = self._new_paragraph()
            self._inline(token.children or [])
        elif kind in ("paragraph_close", "heading_close"):
            if self.paragraph is not None:
                self.finish(self.paragraph)
            self.paragraph = None
        elif kind in ("code_block", "fence"):
            paragraph = self._new_paragraph()
            self._code_run(paragraph, token.content.rstrip("\n"))
            self.finish(paragraph)
        elif kind == "hr":
            paragraph = self._new_paragraph()
            paragraph.add_run("* * *")
            paragraph.alignment = 1  # centred
            self.finish(paragraph)

    def _new_paragraph(self, style_id: str | None = None) -> Any:
        paragraph = self.document.add_paragraph()
        if style_id is None:
            style_id = self.styles.normal
            if self.lists:
                level = min(len(self.lists), 3) - 1
                current = self.lists[-1]
                if self.item_started:
                    style_id = self.styles.continued[level]
                elif current.ordered:
                    style_id = self.styles.numbers[level]
                    self._number(paragraph, style_id, current)
                else:
                    style_id = self.styles.bullets[level]
                self.item_started = True
            elif self.quotes:
                style_id = self.styles.quote
        paragraph._p.style = style_id
        return paragraph

    def _number(self, paragraph: Any, style_id: str, current: _List) -> None:
        """Give an ordered list its own numbering, so it starts at its first number
        instead of going on from the previous list of the document."""
        base = self.styles.numbering.get(style_id)
        if base is None:
            return
        if current.num_id is None:
            numbering = self.document.part.numbering_part.element
            abstract = numbering.num_having_numId(base).abstractNumId.val
            num = numbering.add_num(abstract)
            num.add_lvlOverride(ilvl=0).add_startOverride(current.start)
            current.num_id = int(num.numId)
        numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = 0
        numpr.get_or_add_numId().val = current.num_id

    def _inline(self, children: Sequence[Token]) -> None:
        state = _Inline()
        for child in children:
            kind = child.type
            if kind == "text":
                self._text_run(child.content, state)
            elif kind in ("softbreak", "hardbreak"):
                self._text_run("\n", state)
            elif kind == "strong_open":
                state.bold += 1
            elif kind == "strong_close":
                state.bold -= 1
            elif kind == "em_open":
                state.italic += 1
            elif kind == "em_close":
                state.italic -= 1
            elif kind == "s_open":
                state.strike += 1
            elif kind == "s_close":
                state.strike -= 1
            elif kind == "link_open":
                state.link = str(child.attrGet("href") or "")
            elif kind == "link_close":
                state.link = None
            elif kind == "code_inline":
                self._code_run(self.paragraph, child.content, state)
            else:  # anything else is kept as the text it was typed as
                self._text_run(child.content, state)

    def _text_run(self, text: str, state: _Inline) -> None:
        if not text:
            return
        run = self._run(self.paragraph, state)
        run.text = self.clean(text)  # python-docx writes "\n" as a line break
        self._format(run, state)

    def _code_run(self, paragraph: Any, text: str, state: _Inline | None = None) -> None:
        run = self._run(paragraph, state)
        run.text = self.clean(text)
        run.font.name = CODE_FONT
        if state is not None:
            self._format(run, state)

    def _run(self, paragraph: Any, state: _Inline | None) -> Any:
        """A new run at the end of ``paragraph``, inside a hyperlink when in a link
        (the runs of one link share one w:hyperlink)."""
        if state is None or not state.link:
            self._link = None
            return paragraph.add_run()
        if self._link is None or self._link[0] is not paragraph or self._link[1] != state.link:
            self._link = (paragraph, state.link, _hyperlink(paragraph, state.link))
        return _run_in(self._link[2], paragraph)

    @staticmethod
    def _format(run: Any, state: _Inline) -> None:
        if state.bold:
            run.bold = True
        if state.italic:
            run.italic = True
        if state.strike:
            run.font.strike = True
        if state.link:
            run.font.underline = True
            run.font.color.rgb = _link_colour()


def _link_colour() -> Any:
    from docx.shared import RGBColor

    return RGBColor(0x05, 0x63, 0xC1)


def _hyperlink(paragraph: Any, url: str) -> Any:
    """A w:hyperlink to ``url`` at the end of ``paragraph`` (Word opens it on Ctrl+click)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    paragraph._p.append(link)
    return link


def _run_in(link: Any, paragraph: Any) -> Any:
    """A new run at the end of the hyperlink ``link``."""
    from docx.oxml import OxmlElement
    from docx.text.run import Run

    r = OxmlElement("w:r")
    link.append(r)
    return Run(r, paragraph)
