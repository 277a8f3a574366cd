"""Parse a newspaper page turned into text into an :class:`Article`.

The texts carry the damage of page layout: photo captions standing alone between
paragraphs (sometimes inside a sentence split by a page break), words split over
page breaks, headings in several styles, bylines and source notes. The parser
works in three passes:

1. split the text into lines, remembering how many blank lines stand before each
   (a wide gap is where the layout had a photo or a column break);
2. classify each line by its form alone (byline, heading style, source note,
   short line, short sentence, paragraph);
3. decide in context: the title zone at the top, the trailing zone of captions at
   the end, two-line headings, captions, and paragraphs to rejoin across a page
   break (captions that interrupted them are set apart after the paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum, auto

from jining_archive.documents.model import Article, Block, BlockKind, PageBreakRepair, Section
from jining_archive.documents.normalise import fold

SENTENCE_END = "。！？!?…；;"
# A line ending in a colon introduces what follows; never join across it.
NO_JOIN_END = SENTENCE_END + "：:"
CLOSERS = "”’」』\"'"
SHORT_LINE = 30
TITLE_ZONE_LINES = 6
TITLE_MAX = 60
BULLETS = "◆◎●■□▲△★☆◇○•▶►※"
EDITORIAL_LABELS = frozenset(
    {
        "编辑感言",
        "记者手记",
        "编者按",
        "编后",
        "编后语",
        "短评",
        "延伸阅读",
        "相关链接",
        "链接",
        "背景链接",
        "记者观察",
        "记者感言",
        "结束语",
        "结语",
    }
)

_MD_HEADING = re.compile(r"^(#{1,6})\s*(.+?)\s*#*$")
_BULLET_LINE = re.compile(rf"^[{BULLETS}]\s*(.+)$")
_NUMBERED = re.compile(r"^(?:[(（][一二三四五六七八九十百]+[)）]|[一二三四五六七八九十百]+[、.．])")
_SOURCE_NOTE = re.compile(
    r"^(?:[(（]\s*(?:数据|资料|图片|素材|信息)?来源\s*[:：].*[)）]|(?:数据|资料|稿件)?来源\s*[:：].{1,40})$"
)
_BYLINE_START = re.compile(
    r"^[■●▲□◆]?\s*(?:[一-鿿]{0,12}?(?:记者|通讯员|撰稿)|文\s*[/／]|图\s*[/／])"
)
_BYLINE_ROLE = re.compile(
    r"(?:[一-鿿]{0,10}?(?:记者|通讯员)|撰稿人?|摄影|摄|报道|文\s*[/／]|图\s*[/／])"
)
_MENU_OR_LINK_END = re.compile(
    r"\S\s*[|｜]\s*\S|(?:https?://|www\.|@)[\w./%?=&#-]+$|\.(?:com|cn|net|org|html?)$"
)
_INNER_SPACE = re.compile(r"\S\s+\S")
_CLAUSE_PUNCT = re.compile(r"[，,。；;]")


class Form(Enum):
    """What a line looks like on its own, before context is considered."""

    MD_HEADING = auto()
    BULLET_HEADING = auto()
    STYLED_HEADING = auto()  # spaced two-part, quoted topic, numbered, editorial label
    BYLINE = auto()
    SOURCE_NOTE = auto()
    SHORT_LINE = auto()  # short, unpunctuated: a caption or a plain heading
    SHORT_SENTENCE = auto()  # short and ends a sentence: a caption or a paragraph tail
    PARAGRAPH = auto()


@dataclass
class Line:
    """A non-blank line with the blank lines around it."""

    text: str
    gap_before: int
    gap_after: int = 0
    form: Form = Form.PARAGRAPH
    level: int = 0  # markdown level for MD_HEADING
    heading_text: str = ""


@dataclass
class _Pending:
    kind: BlockKind
    text: str
    level: int = 0
    style: str = ""
    # (offset within text, moved caption) of each repaired page break
    joins: list[tuple[int, str | None]] = field(default_factory=list)


def ends_sentence(text: str) -> bool:
    """True when the line ends a sentence (a closing quote after 。 counts)."""
    t = text.rstrip()
    if t and t[-1] in CLOSERS:
        t = t[:-1]
    return bool(t) and t[-1] in SENTENCE_END


def _joinable_end(text: str) -> bool:
    """Whether a line can continue on the next: not after a sentence end, nor after
    web-page furniture (a menu of "a | b | c", a trailing address or link)."""
    t = text.rstrip()
    if t and t[-1] in CLOSERS and len(t) > 1 and t[-2] in NO_JOIN_END:
        return False
    if _MENU_OR_LINK_END.search(t):
        return False
    return bool(t) and t[-1] not in NO_JOIN_END


def split_lines(raw: str) -> list[Line]:
    """Non-blank lines, stripped, with their blank-line gaps."""
    lines: list[Line] = []
    gap = 0
    for piece in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = piece.strip().lstrip("\ufeff").strip()
        if not stripped:
            gap += 1
            continue
        if lines:
            lines[-1].gap_after = gap
        lines.append(Line(stripped, gap_before=gap if lines else 99))
        gap = 0
    if lines:
        lines[-1].gap_after = 99
    return lines


def is_byline(text: str) -> bool:
    """A line naming reporters: 记者 …, 通讯员 …, ■本报记者 …"""
    if len(text) > 60 or ends_sentence(text) or not _BYLINE_START.match(text):
        return False
    rest = _BYLINE_ROLE.sub(" ", text.lstrip("■●▲□◆ "))
    names = [tok for tok in re.split(r"[\s,，、/／]+", rest) if tok]
    return bool(names) and all(1 <= len(tok) <= 4 for tok in names)


def byline_people(text: str) -> tuple[list[str], list[str]]:
    """Reporters and correspondents named in a byline."""
    reporters: list[str] = []
    correspondents: list[str] = []
    target = reporters
    for token in re.split(r"\s+", text.lstrip("■●▲□◆ ")):
        if not token:
            continue
        role = _BYLINE_ROLE.search(token)
        if role:
            target = correspondents if "通讯员" in role.group(0) else reporters
            token = token[role.end() :]
            if not token:
                continue
        if 1 <= len(token) <= 4:
            target.append(token)
    return reporters, correspondents


def _is_styled_heading(text: str) -> bool:
    if len(text) > SHORT_LINE + 10 or ends_sentence(text):
        return False
    if text in EDITORIAL_LABELS:
        return True
    if _NUMBERED.match(text):
        return True
    if _CLAUSE_PUNCT.search(text):
        return False
    if text.startswith("“") and "”" in text[1:] and len(text) <= SHORT_LINE:
        return True
    return len(text) <= SHORT_LINE and bool(_INNER_SPACE.search(text))


def classify(line: Line) -> None:
    """Set ``line.form`` from the line's own text."""
    text = line.text
    md = _MD_HEADING.match(text)
    if md:
        line.form, line.level = Form.MD_HEADING, len(md.group(1))
        line.heading_text = md.group(2).lstrip(BULLETS + " ")
        return
    if is_byline(text):
        line.form = Form.BYLINE
        return
    bullet = _BULLET_LINE.match(text)
    if bullet and not ends_sentence(text) and len(text) <= 60:
        line.form, line.heading_text = Form.BULLET_HEADING, bullet.group(1).strip()
        return
    if _SOURCE_NOTE.match(text):
        line.form = Form.SOURCE_NOTE
        return
    if _is_styled_heading(text):
        line.form, line.heading_text = Form.STYLED_HEADING, text
        return
    if len(text) <= SHORT_LINE and not ends_sentence(text) and not _CLAUSE_PUNCT.search(text):
        line.form, line.heading_text = Form.SHORT_LINE, text
        return
    if len(text) <= SHORT_LINE and ends_sentence(text):
        line.form = Form.SHORT_SENTENCE
        return
    line.form = Form.PARAGRAPH


_HEADING_FORMS = (Form.MD_HEADING, Form.BULLET_HEADING, Form.STYLED_HEADING)


def _is_caption_like(line: Line) -> bool:
    """A short line standing apart: what a photo caption looks like."""
    return line.form in (Form.SHORT_LINE, Form.SHORT_SENTENCE) and line.gap_before >= 2


def same_title(a: str, b: str) -> bool:
    """Whether two lines are the same title (ignoring spaces, # marks and folding)."""

    def key(s: str) -> str:
        return re.sub(r"[\s#]", "", fold(s))

    return bool(a) and bool(b) and key(a) == key(b)


def _title_zone(lines: list[Line], title: str) -> int:
    """How many lines at the top are title, subtitle, byline or captions.

    With a byline near the top, everything down to it is front matter. Without
    one, the zone is the title plus captions standing apart after it and lines
    opening with a dash (a subtitle: ——记……).
    """
    head: list[Line] = []
    for line in lines[:TITLE_ZONE_LINES]:
        if ends_sentence(line.text) or len(line.text) > TITLE_MAX:
            break
        if line.form == Form.MD_HEADING and line.level > 1:
            break
        head.append(line)
        if line.form == Form.BYLINE:
            return len(head)
    if not head:
        return 0
    title_index = next((i for i, ln in enumerate(head) if same_title(ln.text, title)), 0)
    zone = title_index + 1
    while zone < len(head):
        line = head[zone]
        if line.text.startswith(("—", "－", "--")) or (
            line.form == Form.SHORT_LINE and line.gap_before >= 2
        ):
            zone += 1
            continue
        break
    return zone


def _front_matter(lines: list[Line], title: str, subtitle: str) -> tuple[list[_Pending], str, str]:
    out: list[_Pending] = []
    title_index = next((i for i, ln in enumerate(lines) if same_title(ln.text, title)), None)
    if title_index is None:
        title_index = next(
            (i for i, ln in enumerate(lines) if ln.form == Form.MD_HEADING and ln.level == 1), None
        )
    if title_index is None:
        title_index = next((i for i, ln in enumerate(lines) if ln.form != Form.BYLINE), None)
    found_title, found_subtitle = "", ""
    for i, line in enumerate(lines):
        text = line.heading_text if line.form == Form.MD_HEADING else line.text
        if line.form == Form.BYLINE:
            out.append(_Pending(BlockKind.BYLINE, text))
        elif i == title_index:
            out.append(_Pending(BlockKind.TITLE, text))
            found_title = text
        elif same_title(text, subtitle) or (
            title_index is not None and i > title_index and line.gap_before <= 1 and not subtitle
        ):
            out.append(_Pending(BlockKind.SUBTITLE, text))
            found_subtitle = found_subtitle or text
        else:
            out.append(_Pending(BlockKind.CAPTION, text))
    return out, found_title, found_subtitle


def _trailing_start(lines: list[Line], start: int) -> int:
    """Index of the first line after the body: captions and notes at the end."""
    end = len(lines)
    while end > start:
        line = lines[end - 1]
        if line.form == Form.SOURCE_NOTE:
            end -= 1
            continue
        if line.form in (Form.SHORT_LINE, Form.SHORT_SENTENCE) and line.gap_before >= 2:
            before = lines[end - 2] if end - 2 >= start else None
            if (
                line.form == Form.SHORT_SENTENCE
                and before is not None
                and before.form == Form.PARAGRAPH
                and _joinable_end(before.text)
            ):
                break  # the tail of a sentence split by the page break
            end -= 1
            continue
        break
    return end


def _body(lines: list[Line]) -> list[_Pending]:
    out: list[_Pending] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < n else None
        if line.form == Form.MD_HEADING:
            out.append(_Pending(BlockKind.HEADING, line.heading_text, level=line.level, style="md"))
        elif line.form == Form.BULLET_HEADING:
            out.append(_Pending(BlockKind.HEADING, line.heading_text, style="bullet"))
        elif line.form == Form.STYLED_HEADING:
            out.append(_Pending(BlockKind.HEADING, line.heading_text, style="plain"))
        elif line.form == Form.BYLINE:
            out.append(_Pending(BlockKind.BYLINE, line.text))
        elif line.form == Form.SOURCE_NOTE:
            out.append(_Pending(BlockKind.SOURCE_NOTE, line.text))
        elif line.form == Form.SHORT_LINE:
            after = lines[i + 2] if i + 2 < n else None
            if (
                nxt is not None
                and nxt.form == Form.SHORT_LINE
                and nxt.gap_before <= 1
                and line.gap_after <= 1
                and after is not None
                and after.form in (Form.PARAGRAPH, Form.SHORT_SENTENCE)
            ):
                # A heading set on two lines: 一线调研解难题 / 助力外资企业“轻装上阵”
                text = f"{line.text} {nxt.text}"
                out.append(_Pending(BlockKind.HEADING, text, style="plain"))
                i += 2
                continue
            if line.gap_before >= 2 or (nxt is not None and nxt.form in _HEADING_FORMS):
                out.append(_Pending(BlockKind.CAPTION, line.text))
            elif nxt is not None and nxt.form in (Form.PARAGRAPH, Form.SHORT_SENTENCE):
                out.append(_Pending(BlockKind.HEADING, line.text, style="plain"))
            else:
                out.append(_Pending(BlockKind.CAPTION, line.text))
        elif line.form == Form.SHORT_SENTENCE and _is_caption_like(line) and line.gap_after >= 2:
            out.append(_Pending(BlockKind.CAPTION, line.text))
        else:
            i = _paragraph(lines, i, out)
            continue
        i += 1
    return out


def _paragraph(lines: list[Line], i: int, out: list[_Pending]) -> int:
    """Emit the paragraph at ``i``, rejoined across page breaks; return the next index."""
    para = _Pending(BlockKind.PARAGRAPH, lines[i].text)
    moved: list[str] = []
    i += 1
    while _joinable_end(para.text) and i < len(lines):
        j = i
        skipped: list[str] = []
        while j < len(lines) and _is_caption_like(lines[j]):
            skipped.append(lines[j].text)
            j += 1
        if j >= len(lines) or lines[j].form not in (Form.PARAGRAPH, Form.SHORT_SENTENCE):
            # Nothing but short lines follow: a short sentence among them is the tail.
            tail = next((k for k in range(i, j) if lines[k].form == Form.SHORT_SENTENCE), None)
            if tail is None:
                break
            skipped = [lines[k].text for k in range(i, tail)]
            j = tail
        para.joins.append((len(para.text), skipped[0] if skipped else None))
        para.text += lines[j].text
        moved.extend(skipped)
        i = j + 1
    out.append(para)
    out.extend(_Pending(BlockKind.CAPTION, caption) for caption in moved)
    return i


def _heading_levels(pending: list[_Pending]) -> None:
    headings = [p for p in pending if p.kind == BlockKind.HEADING]
    if any(p.style == "md" for p in headings):
        md_levels = sorted({p.level for p in headings if p.style == "md"})
        top = md_levels[0] if md_levels else 2
        for p in headings:
            p.level = max(1, p.level - top + 1) if p.style == "md" else len(md_levels) + 1
        return
    has_plain = any(p.style == "plain" for p in headings)
    for p in headings:
        p.level = 2 if (p.style == "bullet" and has_plain) else 1


def parse_article(
    raw: str,
    article_id: str,
    *,
    title: str = "",
    subtitle: str = "",
) -> Article:
    """Parse ``raw`` text into an Article; ``title``/``subtitle`` from curated metadata help
    tell the title from a kicker or a caption above it."""
    lines = split_lines(raw)
    for line in lines:
        classify(line)
    zone = _title_zone(lines, title)
    front, found_title, found_subtitle = _front_matter(lines[:zone], title, subtitle)
    tail_start = max(zone, _trailing_start(lines, zone))
    pending = front + _body(lines[zone:tail_start])
    for line in lines[tail_start:]:
        if line.form == Form.SOURCE_NOTE:
            pending.append(_Pending(BlockKind.SOURCE_NOTE, line.text))
        elif line.form == Form.BYLINE:
            pending.append(_Pending(BlockKind.BYLINE, line.text))
        else:
            pending.append(_Pending(BlockKind.CAPTION, line.text))
    _heading_levels(pending)
    return _assemble(article_id, pending, title or found_title, subtitle or found_subtitle)


def _assemble(article_id: str, pending: list[_Pending], title: str, subtitle: str) -> Article:
    parts: list[str] = []
    blocks: list[Block] = []
    repairs: list[PageBreakRepair] = []
    sections: list[Section] = []
    stack: list[Section] = []
    offset = 0
    section_count = 0  # counted as they are made: walking the tree per heading is quadratic
    reporters: list[str] = []
    for n, item in enumerate(pending, start=1):
        block_id = f"b{n}"
        if parts:
            parts.append("\n\n")
            offset += 2
        start, end = offset, offset + len(item.text)
        if item.kind == BlockKind.HEADING:
            while stack and stack[-1].level >= item.level:
                stack.pop()
            section_count += 1
            section = Section(
                id=f"s{section_count}",
                title=item.text,
                level=item.level,
                start=start,
                end=start,
                heading_block_id=block_id,
            )
            (stack[-1].children if stack else sections).append(section)
            stack.append(section)
        if item.kind == BlockKind.BYLINE and not reporters:
            reporters = byline_people(item.text)[0]
        section_id = stack[-1].id if stack else None
        if stack:
            stack[-1].block_ids.append(block_id)
        blocks.append(Block(block_id, item.kind, item.text, start, end, section_id))
        for join_at, caption in item.joins:
            repairs.append(
                PageBreakRepair(
                    block_id=block_id,
                    offset=start + join_at,
                    before=item.text[max(0, join_at - 6) : join_at],
                    after=item.text[join_at : join_at + 6],
                    moved_caption=caption,
                )
            )
        parts.append(item.text)
        offset = end
    text = "".join(parts)
    _close_sections(sections, len(text))
    return Article(
        id=article_id,
        title=title,
        subtitle=subtitle,
        text=text,
        blocks=blocks,
        sections=sections,
        reporters=reporters,
        repairs=repairs,
    )


def _close_sections(sections: list[Section], text_end: int) -> None:
    """Each section runs to the start of the next section at its level or above."""
    for i, section in enumerate(sections):
        section.end = sections[i + 1].start - 2 if i + 1 < len(sections) else text_end
        _close_sections(section.children, section.end)
