"""Strip web-page furniture from imported article text, keeping what is metadata.

A saved web page carries, around the article, the page it sat on: portal
banners and spam lines above the title, breadcrumbs, menus, date/source/view
counter lines, font-size, print and share controls, comment widgets, editor
lines, copyright and filing numbers, contact lines, related-article lists,
app-download prompts, HTML debris and inline pinyin. :func:`clean_text` drops
such lines by general rules over a line's shape and wording (never by the
strings of a particular site), keeps every dropped line in
``CleanText.furniture`` and reads the publication date, source, editor and
reporters out of the lines it drops.

The input is plain text, one paragraph a line, blank lines marking gaps; the
output text has the same form, so :func:`~jining_archive.documents.parse.parse_article`
can read it. Matching is done on the folded form of a line (full-width to ASCII,
traditional to simplified), which has the same length as the line, so what a
rule finds is sliced from the original characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jining_archive.documents.dating import publication_line_date, stated_date
from jining_archive.documents.normalise import fold
from jining_archive.documents.parse import byline_people, ends_sentence, is_byline

# ---------------------------------------------------------------- inline pieces

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# One pinyin syllable in brackets, carrying at least one tone mark: (chǎn), (yè).
# Bracketed lowercase words without a tone mark are left alone: they may be English.
_PINYIN_SYLLABLE = rf"[(（][a-zü]{{0,5}}[{_TONED}][a-zü{_TONED}]{{0,5}}[)）]"
_PINYIN = re.compile(rf"(?<=[{_CJK}])(?:{_PINYIN_SYLLABLE})+")
# Notes about pictures that say nothing of the article: (资料图片仅供参考).
_PICTURE_NOTE = re.compile(
    r"[(（【\[][^()（）【】\[\]]{0,12}(?:仅供参考|来源于网络|来源网络|来自网络|侵删|如有侵权)"
    r"[^()（）【】\[\]]{0,12}[)）】\]]"
)

# ------------------------------------------------------------ labels and words

_META_LABELS = (
    "发布时间|发布日期|发表时间|更新时间|发布者|发布人|时间|日期|文章来源|信息来源|新闻来源|"
    "稿件来源|来源|稿源|出处|供稿|作者|浏览次数|浏览量|浏览|点击数|点击量|点击次数|点击|阅读数|"
    "阅读量|阅读|字号"
)
_META_START = re.compile(rf"^(?:{_META_LABELS})\s*[:：]")
_KEYWORDS = re.compile(r"^(?:关键词|关键字|标签|tags?)\s*[:：]")
# A title with the publication labels run onto its line: 标题 时间：… 来源：…
_TITLE_WITH_META = re.compile(
    r"^(?P<head>.{4,80}?)\s+(?P<meta>(?:发布时间|发布日期|发表时间|更新时间|时间|日期|"
    r"来源|稿源|作者)\s*[:：].*)$"
)
_SOURCE_LABEL = re.compile(
    r"(?:文章来源|信息来源|新闻来源|稿件来源|来源|稿源|出处|供稿)\s*[:：]\s*"
)
_ANY_LABEL_AHEAD = re.compile(rf"\s+(?:{_META_LABELS}|编辑|责任编辑|作者)\s*[:：]|\s{{2,}}|\s*$")
# What a publisher's name ends with: used to cut words run on after it.
_PUBLISHER_END = re.compile(
    r"(?:客户端|电讯|新闻|日报|晚报|报|网|社|台|在线|杂志|频道|办公室|局|中心|委员会|政府)"
)

# The second form starts only where a run of digits starts: tried inside a long run,
# \d+ takes the rest of it each time, which is quadratic in the run's length.
_COUNTER = re.compile(
    r"(?:阅读|浏览|点击)(?:次数|量|数)?\s*[:：]?\s*(?P<num>\d+)"
    r"|(?<!\d)\d+\s*(?:人参与|条评论|人评论|条回复|人阅读|次阅读|次浏览|人浏览|人点赞|个赞|次分享|人收藏|人已读)"
)
# Words of page controls and widgets. A line made of nothing else is furniture.
_CONTROL_TEXT = """
我来说两句 网友评论 发表评论 参与评论 最热评论 最新评论 热门评论 全部评论 查看评论 评论
发表 快来抢沙发 抢沙发 还没有评论 暂无评论 点击查看更多精彩评论 查看更多精彩评论
查看更多评论 已有 点赞 收藏 加入收藏 设为首页 进入旧版 返回旧版 手机版 电脑版 分享到 分享
打印本页 打印此页 打印文章 打印 关闭窗口 关闭本页 关闭 字号 默认 超大 大 中 小 返回顶部
返回列表 返回首页 返回 查看全文 阅读全文 展开全文 全文 附件 扫一扫 纠错 我要纠错 举报
微信公众号 公众号 微信 官方微博 微博 微网站 客户端 下载 登录 注册 首页 顶 踩 更多 阅读 浏览 点击
"""
# Longest first, so that 打印本页 is taken whole before 打印.
_CONTROL_WORDS = sorted(_CONTROL_TEXT.split(), key=len, reverse=True)
_CONTROLS = re.compile("|".join(re.escape(w) for w in _CONTROL_WORDS))
_COMMENT_PHRASES = re.compile(
    r"(?:还|暂时)?没有(?:人)?评论|(?:快来)?抢沙发|(?:点击)?查看(?:更多)?(?:精彩)?评论|已有|"
    r"评论一下|(?:我来)?说两句"
)
_LEFTOVER_NOISE = re.compile(r"[\s\d\W_]+")

_LEGAL = re.compile(
    r"©|\(c\)|copyright|版权所有|版权声明|免责声明|icp备|icp证|公网安备|网安备|增值电信|"
    r"不良信息举报|网站地图|互联网新闻信息服务许可"
)
_LEGAL_START = re.compile(r"^(?:版权|免责|声明|本网|本站|转载)")
# A site's privacy or cookie notice: 本网站使用相关技术…隐私声明…同意.
_PRIVACY = re.compile(r"隐私(?:权)?(?:声明|政策|规范|条款|保护)|cookie", re.IGNORECASE)
_OPERATOR = re.compile(
    r"^(?:网站|官网)?(?:主办|承办|协办|主管|技术支持|运营|运维|制作)(?:单位)?\s*[:：]"
)
_CONTACT = re.compile(
    r"^(?:联系电话|咨询电话|服务电话|办公电话|举报电话|电话|手机|传真|电子邮箱|邮箱|e-?mail|邮编|"
    r"联系地址|通讯地址|地址|服务热线|热线|客服|联系人|qq)\s*[:：]",
    re.IGNORECASE,
)
_EDITOR_START = re.compile(
    r"^[(（【\[]?\s*(?P<label>责任编辑|责编|编辑|审核|校对|审校|初审|复审|终审|一审|二审|三审|"
    r"编审|美编|值班编辑|监制|统筹|签发|主编)\s*[:：\s]\s*(?P<name>[^\s(（)）】\]]{1,12})?"
)
_EDITOR_GLUED = re.compile(
    r"(?:责任编辑|责编)\s*[:：]\s*(?P<name>[^\s,，()（）】\]]{1,12})\s*[)）】\]]?$"
)
_APP_PROMPT = re.compile(
    r"下载.{0,16}(?:客户端|客户|app)|(?:扫码|扫一扫|长按识别|关注.{0,10}公众号)"
)
_NAV = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|上篇|下篇|上一页|下一页)")
_RELATED_HEADING = re.compile(
    r"^[【\[]?(?:相关阅读|相关新闻|相关文章|相关报道|相关推荐|推荐阅读|热点推荐|热门推荐|猜你喜欢|"
    r"精彩推荐|热门文章|最新文章|往期回顾|更多新闻|更多阅读|热点新闻|热门新闻|大家都在看)"
    r"[】\]]?\s*[:：>》]*\s*(?:更多\s*[>》]*)?$"
)
_BREADCRUMB_WORDS = re.compile(r"当前位置|您的位置|你的位置|您现在的位置|现在的位置|所在位置")
_CRUMB_SEP = re.compile(r"\s*(?:-\s*>|>>|>|»|›|→)\s*")
_HOME_CRUMB = re.compile(r"首页\s*(?:-\s*>|>>|>|»|›|→|/)")
_TAG = re.compile(r"<[^<>]*>")
_LIST_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.、]?\s*$")
_BANNER_SPLIT = re.compile(r"\s*(?:[-_|｜·]|--)\s*")
_SITE_NAME_END = re.compile(r"(?:网|网站|门户网站|门户|官网|官方网站|频道|在线|新闻网)$")
_CLAUSE = re.compile(r"[，,。；;、：:“”\"]")
_PROSE_PUNCT = re.compile(r"[，,、；;]")
_ELLIPSIS_END = re.compile(r"(?:…+|\.{3,})$")
_BYLINE_WORDS = re.compile(r"记者|通讯员|撰稿|摄影|摄|来源|编辑")

# Body paragraphs are long and end a sentence; the title zone lies above the first.
BODY_MIN = 20
BODY_LONG = 80
HEADLINE_MIN, HEADLINE_MAX = 4, 80
# A related-article headline after the body is at least this long; shorter lines
# there (a lone name, 附件) are left to the other rules.
RELATED_MIN = 6
# Lines after an end-of-article marker shorter than this are furniture.
TAIL_SHORT = 40


@dataclass
class CleanText:
    """The text with page furniture removed, and the metadata read from it."""

    text: str
    furniture: list[str] = field(default_factory=list)
    title: str = ""
    date: str = ""
    source: str = ""
    editor: str = ""
    reporters: list[str] = field(default_factory=list)


@dataclass
class _Line:
    text: str
    folded: str
    gap_before: int
    kind: str = ""  # "" is kept; otherwise why the line is furniture


# ------------------------------------------------------------------ line rules


def remove_pinyin(line: str) -> tuple[str, list[str]]:
    """``line`` without bracketed pinyin after characters (產(chǎn) → 產), and what was cut."""
    cut = _PINYIN.findall(line)
    return (_PINYIN.sub("", line), cut) if cut else (line, [])


def _control_leftover(folded: str) -> str:
    """What remains of a line once counters, widget and control words are taken out."""
    rest = _COUNTER.sub(" ", folded.lower())
    rest = _COMMENT_PHRASES.sub(" ", rest)
    rest = _CONTROLS.sub(" ", rest)
    return _LEFTOVER_NOISE.sub("", rest)


def is_controls(folded: str) -> bool:
    """A line of counters, widgets and controls only.

    0人参与 0条评论, 打印 关闭, 【字号 大 中 小】: what is left once those words are
    taken out is at most one character (吧 of 快来抢沙发吧!).
    """
    if not (_COUNTER.search(folded) or _CONTROLS.search(folded.lower())):
        return False
    return len(_control_leftover(folded)) <= 1


def is_breadcrumb(folded: str) -> bool:
    """您的位置：首页 > 新闻中心 > …, or a chain of short items joined by > or »."""
    if len(folded) > BODY_LONG:
        return False
    if _BREADCRUMB_WORDS.search(folded) or _HOME_CRUMB.search(folded):
        return True
    items = [it for it in _CRUMB_SEP.split(folded) if it.strip()]
    return (
        len(items) >= 3
        and len(_CRUMB_SEP.findall(folded)) >= 2
        and all(len(it.strip()) <= 10 and not _CLAUSE.search(it) for it in items)
    )


def is_menu(folded: str) -> bool:
    """A row of short menu items: 加入收藏 | 进入旧版, or four or more 2–4 character words."""
    if len(folded) > 40 or _CLAUSE.search(folded) or _BYLINE_WORDS.search(folded):
        return False
    if re.search(r"[|｜]", folded):
        items = [it.strip() for it in re.split(r"[|｜]", folded) if it.strip()]
        return len(items) >= 2 and all(len(it) <= 8 for it in items)
    items = folded.split()
    return len(items) >= 4 and all(
        2 <= len(it) <= 4 and re.fullmatch(rf"[{_CJK}]+", it) for it in items
    )


def is_banner(folded: str) -> bool:
    """A portal name or an injected spam line: 某某网-某某门户网站, a-b-c-d of phrases."""
    if folded.startswith(("—", "-")) or ends_sentence(folded):
        return False
    parts = [p for p in _BANNER_SPLIT.split(folded) if p]
    if len(parts) == 1 and len(folded) <= 12 and _SITE_NAME_END.search(folded):
        return not _CLAUSE.search(folded)
    if len(parts) >= 2 and any(_SITE_NAME_END.search(p) and len(p) <= 20 for p in parts):
        return True
    return len(parts) >= 3 and len(folded) >= 20 and not _CLAUSE.search(folded)


def editor_name(folded: str, line: str) -> str | None:
    """The name on an editor line (责任编辑：张三), "" when unnamed; None when not one."""
    if len(folded) > 60:
        return None
    m = _EDITOR_START.match(folded)
    if m and not ends_sentence(folded):
        return line[m.start("name") : m.end("name")] if m.group("name") else ""
    m = _EDITOR_GLUED.search(folded)
    if m:
        return line[m.start("name") : m.end("name")]
    return None


def is_metadata(folded: str) -> bool:
    """A publication line: 发布时间：…, 来源：…, or a date line under the title."""
    if len(folded) > 120:
        return False
    if _META_START.match(folded) or _KEYWORDS.match(folded):
        return not folded.rstrip().endswith("。") or len(folded) <= 30
    return bool(publication_line_date(folded))


def line_kind(line: str) -> str:
    """Why one line on its own is furniture ("" when it is not), by its shape and words.

    Banner lines are judged separately: only above the title is a site name one.
    """
    folded = fold(line).strip()
    low = folded.lower()
    if not folded:
        return ""
    if (
        "<" in folded and _TAG.search(folded) and not _TAG.sub("", folded).strip(" .、0123456789")
    ) or (_LIST_NUMBER.match(folded)):
        return "markup"
    if _LEGAL.search(low) and (
        _LEGAL_START.match(folded)
        # A sentence of prose that mentions 版权所有 is body, not a copyright line.
        or (
            len(folded) <= BODY_LONG and not (ends_sentence(folded) and _PROSE_PUNCT.search(folded))
        )
    ):
        return "copyright"
    if _PRIVACY.search(folded) and "同意" in folded and len(folded) <= 2 * BODY_LONG:
        return "privacy notice"
    if _OPERATOR.match(folded) and len(folded) <= 60:
        return "copyright"
    if _CONTACT.match(folded) and len(folded) <= BODY_LONG:
        return "contact"
    if editor_name(folded, line) is not None:
        return "editor"
    if _NAV.match(folded) and len(folded) <= 100:
        return "navigation"
    if _RELATED_HEADING.match(folded):
        return "related"
    if is_breadcrumb(folded):
        return "breadcrumb"
    if is_controls(folded):
        return "controls"
    if _APP_PROMPT.search(low) and len(folded) <= 60 and not folded.endswith("。"):
        return "app prompt"
    if _PICTURE_NOTE.fullmatch(folded):
        return "picture note"
    if is_metadata(folded):
        return "metadata"
    if is_menu(folded):
        return "menu"
    return ""


# ------------------------------------------------------------- splitting lines


def _split_counter(line: str) -> list[str]:
    """A view counter run into what follows: 阅读 19007月30日… → 阅读 1900 | 7月30日….

    The digits of a counter and of a following date run together; the date takes
    the month (or the four-digit year) it needs and the counter keeps the rest.
    """
    folded = fold(line)
    for m in _COUNTER.finditer(folded):
        num = m.group("num")
        prefix = folded[: m.start()].strip()
        # Only a counter opening the line or closing a publication line: 阅读 in prose stays.
        if num is None or (
            prefix and not (_META_START.match(prefix) or publication_line_date(prefix))
        ):
            continue
        end = m.end()
        rest = folded[end:]
        if rest.startswith("月") and len(num) >= 2:
            end -= 2 if num[-1] == "0" else 1
        elif re.match(r"(?:年|[-/.]\d)", rest) and len(num) > 4 and num[-4:-2] in ("19", "20"):
            end -= 4
        tail = line[end:].strip()
        if tail and len(_control_leftover(fold(tail))) > 1:
            return [line[:end].rstrip(), *_split_counter(tail)]
    return [line]


def _split_title_meta(line: str) -> list[str]:
    """A title with its publication labels on the same line: split them apart."""
    folded = fold(line)
    m = _TITLE_WITH_META.match(folded)
    if not m:
        return [line]
    head = m.group("head")
    if _META_START.match(head) or publication_line_date(head) or ends_sentence(head):
        return [line]
    return [line[: m.end("head")].strip(), line[m.start("meta") :].strip()]


# ------------------------------------------------------------------- metadata


def _source_from_meta(line: str) -> str:
    """The publisher on a publication line: 来源：济宁日报, or the name after a date and time."""
    folded = fold(line)
    m = _SOURCE_LABEL.search(folded)
    if m:
        end = _ANY_LABEL_AHEAD.search(folded, m.end())
        value = line[m.end() : end.start() if end else len(line)].strip(" []【】()（）")
        if _META_START.match(fold(value)):
            return ""
        return value
    clock = re.search(r"\d{1,2}:\d{2}(?::\d{2})?", folded)
    if clock and publication_line_date(folded):
        tail = line[clock.end() :].strip()
        word = re.match(rf"[{_CJK}]{{2,20}}", tail)
        if word:
            ends = [e.end() for e in _PUBLISHER_END.finditer(word.group(0))]
            if ends:
                return word.group(0)[: max(ends)]
    return ""


_BYLINE_PAPER = re.compile(
    rf"^[■●▲□◆]?\s*(?P<paper>[{_CJK}]{{2,12}}?(?:日报|晚报|报|网|新闻|电视台|台|社|客户端))"
    r"(?:全媒体|融媒体|首席|特约|见习)?记者"
)
_LEAD_ACCORDING = re.compile(rf"^据(?P<paper>[{_CJK}]{{1,10}}?(?:社|报|网|台|客户端))")
_LEAD_NEWS = re.compile(rf"^(?P<paper>[{_CJK}]{{1,10}}?(?:网|报|社))(?:讯|消息)")
_LEAD_BRACKET = re.compile(rf"^【(?P<paper>[{_CJK}]{{2,12}}?(?:社|报|网|台|客户端))")
_NOTE_SOURCE = re.compile(r"^[(（]\s*(?:来源|稿源)\s*[:：]\s*(?P<paper>[^)）]{2,20})[)）]$")


def _source_from_body(lines: list[_Line]) -> str:
    """A publisher named by a byline (济宁日报记者 …), a lead (据新华社…报道, 中招网讯)
    or a closing note (来源：…); 本报 names none."""
    for ln in lines[:8]:
        for pattern in (_BYLINE_PAPER, _LEAD_ACCORDING, _LEAD_BRACKET, _LEAD_NEWS):
            m = pattern.match(ln.folded)
            if m:
                paper = ln.text[m.start("paper") : m.end("paper")]
                return "" if fold(paper).startswith("本") else paper
    for ln in reversed(lines[-6:]):
        m = _NOTE_SOURCE.match(ln.folded)
        if m:
            return ln.text[m.start("paper") : m.end("paper")].strip()
    return ""


# --------------------------------------------------------------- the whole text


def _reporters(kept: list[_Line]) -> list[str]:
    """Reporters on a byline above the body; a photo credit after it names a photographer."""
    for ln in kept:
        if _is_body(ln):
            break
        if is_byline(ln.folded):
            # Matched on the folded line (記者 → 记者), sliced from the original characters.
            names = byline_people(ln.folded)[0]
            out, at = [], 0
            for name in names:
                at = ln.folded.find(name, at)
                out.append(ln.text[at : at + len(name)])
                at += len(name)
            return out
    return []


def _is_body(line: _Line) -> bool:
    return len(line.folded) > BODY_LONG or (
        len(line.folded) >= BODY_MIN and ends_sentence(line.folded)
    )


def _headline_like(line: _Line) -> bool:
    f = line.folded
    return (
        HEADLINE_MIN <= len(f) <= HEADLINE_MAX
        and not f.endswith(("。", "；", ";"))
        and not _ELLIPSIS_END.search(f)
        and not is_byline(f)
        and bool(re.search(rf"[{_CJK}]", f))
    )


def _same(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return re.sub(r"[\s#]", "", fold(s))

    return bool(a) and bool(b) and key(a) == key(b)


def _read_lines(text: str, furniture: list[str]) -> list[_Line]:
    """Non-blank lines with their gaps, pinyin and picture notes cut, run-on pieces split."""
    out: list[_Line] = []
    gap = 99
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip().lstrip("\ufeff").strip()
        if not line:
            gap += 1
            continue
        line, cut = remove_pinyin(line)
        if cut:
            furniture.append("".join(cut))
        for note in _PICTURE_NOTE.findall(fold(line)):
            if fold(line).strip() != note:
                at = fold(line).find(note)
                furniture.append(line[at : at + len(note)])
                line = (line[:at] + line[at + len(note) :]).strip()
        pieces = [p for part in _split_title_meta(line) for p in _split_counter(part)]
        for piece in pieces:
            if piece:
                out.append(_Line(piece, fold(piece).strip(), gap))
                gap = 0
        gap = 0
    return out


def _mark_tail(lines: list[_Line]) -> None:
    """Furniture after the article: short lines after an end marker, and related
    headlines standing right after the last paragraph."""
    body = [i for i, ln in enumerate(lines) if not ln.kind and _is_body(ln)]
    if not body:
        return
    last = body[-1]
    ended = False
    for ln in lines[body[0] + 1 :]:
        if ln.kind in ("editor", "copyright", "controls", "navigation", "related", "app prompt"):
            ended = True
        elif ended and not ln.kind and len(ln.folded) < TAIL_SHORT and not ends_sentence(ln.folded):
            ln.kind = "after the article"
    run = [i for i in range(last + 1, len(lines)) if not lines[i].kind]
    if not ends_sentence(lines[last].folded):
        return
    for i in run:
        ln = lines[i]
        if not (
            ln.gap_before <= 1
            and len(ln.folded) >= RELATED_MIN
            and not ends_sentence(ln.folded)
            and not _PROSE_PUNCT.search(ln.folded)
            and not ln.folded.startswith(("(", "（", "—", "-"))
            and not _BYLINE_WORDS.search(ln.folded)
            and not is_byline(ln.folded)
        ):
            break
        ln.kind = "related"


def _mark_teasers(lines: list[_Line]) -> None:
    """A line ending in … that repeats the start of another line is a teaser."""
    for ln in lines:
        if ln.kind or not _ELLIPSIS_END.search(ln.folded):
            continue
        stem = _ELLIPSIS_END.sub("", ln.folded).strip()
        if len(stem) >= 8 and any(
            other is not ln and other.folded.startswith(stem) for other in lines
        ):
            ln.kind = "teaser"


def _choose_title(lines: list[_Line], first_body: int, title_hint: str) -> int | None:
    """Index of the title: the hinted line; else the headline just above the publication
    line; else the first headline-like line above the body."""
    head = range(first_body)
    if title_hint:
        for i in head:
            if _same(lines[i].text, title_hint):
                return i
    candidates = [i for i in head if not lines[i].kind and _headline_like(lines[i])]
    if not candidates:
        return None
    meta = next((i for i in head if lines[i].kind == "metadata"), None)
    if meta is not None:
        above = [i for i in candidates if i < meta]
        if above:
            return above[-1]
    return candidates[0]


def _join(lines: list[_Line]) -> str:
    """Kept lines with their gaps; a dropped line leaves the wider of the gaps around it."""
    parts: list[str] = []
    pending = 0
    for ln in lines:
        if ln.kind:
            pending = max(pending, ln.gap_before)
            continue
        gap = max(pending, ln.gap_before) if parts else 0
        if parts:
            parts.append("\n" * (min(gap, 3) + 1))
        parts.append(ln.text)
        pending = 0
    return "".join(parts)


def clean_text(text: str, *, title_hint: str = "") -> CleanText:
    """Drop web-page furniture from ``text`` and read its metadata.

    ``title_hint`` (a curated title) picks the title line when it is present.
    Every dropped line goes to ``furniture`` in order; ``text`` keeps the other
    lines, one a line, with their blank-line gaps.
    """
    furniture: list[str] = []
    lines = _read_lines(text, furniture)
    for ln in lines:
        ln.kind = line_kind(ln.text)
    first_body = next((i for i, ln in enumerate(lines) if not ln.kind and _is_body(ln)), len(lines))
    for ln in lines[:first_body]:
        if not ln.kind and not _same(ln.text, title_hint) and is_banner(ln.folded):
            ln.kind = "banner"
    _mark_tail(lines)
    _mark_teasers(lines)

    title_at = _choose_title(lines, first_body, title_hint)
    title = lines[title_at].text if title_at is not None else ""

    date = source = editor = ""
    for ln in lines:
        if ln.kind == "metadata":
            date = date or publication_line_date(ln.folded)
            source = source or _source_from_meta(ln.text)
        elif ln.kind == "editor":
            editor = editor or (editor_name(ln.folded, ln.text) or "")
    kept = [ln for ln in lines if not ln.kind]
    source = source or _source_from_body(kept)
    date = date or stated_date("\n".join(ln.text for ln in kept))
    reporters = _reporters(kept)

    furniture.extend(ln.text for ln in lines if ln.kind)
    return CleanText(
        text=_join(lines),
        furniture=furniture,
        title=title,
        date=date,
        source=source,
        editor=editor,
        reporters=reporters,
    )
