"""Left boundaries of names: where a project's or a company's name begins.

A name is found by its head (…项目, …基地, …有限公司); its left edge is found
by walking back over characters a name can hold, then cutting after the last
word that introduces a name rather than belonging to it (推动, 加快推进, 在,
对, 的 …), and dropping a leading place (济宁高新区 in 济宁高新区凯登…项目).
All functions take folded text and local offsets.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable

from jining_archive.extraction import segment


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words after which a name begins: verbs that take a name as object, prepositions,
# adverbs and particles. Verbs that can sit inside a name (新建, 制造, 研发) are absent.
BOUNDARY_WORDS = _word_set(
    """
    推动 推进 加快 加速 加快推进 积极推动 全力推动 建设 建成 打造 签署 签约 签订 开工 走进 来到 前往
    参加 入选 位居 依托 规划 聚焦 围绕 携 实施 启动 引进 落地 培育 设在 位于 地处 包括 涵盖 其中
    在 对 于 将 把 为 是 的 了 等 以 从 向 还 也 都 又 已 即 系 作为 成为 有 拥有
    新上 谋划 申报 纳入 列入 获批 获评 评为 认定 中标 承建 重点 积极 全力 大力 力争 确保 成功 正式
    全面 深入 持续 进一步 做好 抓好 支持 助力 保障 完成 投用 投产 竣工 开展 举办 组织 参观 考察 调研
    观摩 视察 走访 对接 设立 成立 组建 共同 共建 可 能 能够 可以 满足 策划
    拟 入驻 进驻 落户 筹建 兴建 新开工 据 根据 获悉 了解到 促进 有力
    充分发挥 充分利用 充分运用 携手 通过 由 被 让 使 并 且 或 但 而 就 才 再 更
    加强 强化 优化 完善 深化 推广 发挥 放大 形成 实现 带动 吸引 招引 承接 面向 连线 解决
    提出 变更 落实 创建 争创 申请 提交 进入 迈入 跻身 探索 构建 搭建 布局 集聚 引领 联动 整合
    标志着 奏响 见证 举行 召开 亮相 展示 推介 洽谈 签下 达成 用于 用 之 所 该 此 这 那
    旗下 下属 一批 一系列 若干 一些 各类 各项 一大批 多个 各 每个 一个
    这些 那些 其 其他 相关 此次 本次
    """
)
# A coordination only splits names when a whole name stands before it.
COORDINATORS = frozenset(["和", "与", "及", "以及", "、", "暨"])
_CUTTING = COORDINATORS | BOUNDARY_WORDS

_PLACE_PREFIX_RE = re.compile(
    r"^(?:(?:[\u4e00-\u9fff]{2,4}?)?(?:国家)?(?:高新技术产业开发区|经济技术开发区|高新区|开发区|经开区)"
    r"|全区|全市|全省|我市|我区|本区|区内|市内|辖区|园区内)"
)
COUNTRIES = _word_set(
    """
    日本 韩国 美国 德国 法国 英国 瑞典 瑞士 意大利 荷兰 比利时 丹麦 芬兰 挪威 奥地利 西班牙 葡萄牙
    俄罗斯 加拿大 澳大利亚 新加坡 马来西亚 泰国 印度 印尼 越南 以色列 巴西 墨西哥 哥伦比亚 新西兰
    """
)
# Characters a name can hold: CJK, ASCII letters and digits, parentheses, a few joiners.
_NAME_CHAR_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9()·.\-+&]")
_NAME_RUN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9()·.\-+&]*")
# No country's name begins another's, so the alternation finds the one that starts a text.
_COUNTRY_RE = re.compile("|".join(sorted(COUNTRIES, key=len, reverse=True)))
_NUMERAL_LEAD_RE = re.compile(
    r"^(?:第)?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)(?:余|多)?"
    r"(?:个|家|项|类|批|座|条|所|处|大|种|期|号|届|支)"
)
_DATE_LEAD_RE = re.compile(
    r"^(?:\d{4}|[〇零一二三四五六七八九]{4})年(?:度)?(?:\d{1,2}月(?:份)?)?(?:\d{1,2}日)?"
)
MAX_NAME = 40
# 暨 joins an event to what it celebrates (动员会暨…项目, 开工暨…): the name starts after it.
_EVENT_END_RE = re.compile(r"(?:会|仪式|典礼|活动|开工|开园|签约|奠基|启动|竣工|投产)$")


def raw_start(folded: str, end: int, limit: int = MAX_NAME) -> int:
    """Walk back from ``end`` over name characters (balanced parentheses only)."""
    floor = max(0, end - limit)
    window = folded[floor:end]
    if "(" not in window and ")" not in window:
        # Without parentheses the name is the run of name characters before ``end``.
        run = _NAME_RUN_RE.match(window[::-1])
        return end - (run.end() if run else 0)
    start = end
    depth = 0
    while start > floor:
        ch = folded[start - 1]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                break
            depth -= 1
        elif not _NAME_CHAR_RE.match(ch):
            break
        start -= 1
    while depth and start < end:  # an unclosed ")" inside: drop up to it
        close = folded.find(")", start, end)
        if close < 0:
            break
        start = close + 1
        depth -= 1
    return start


def cut_left(
    folded: str,
    start: int,
    head_start: int,
    ends_with_name: Callable[[str], bool],
    kept_before_head: frozenset[str] = frozenset(),
) -> int:
    """The offset where the name in ``folded[start:…]`` begins, after boundary words.

    ``head_start`` is where the name's head (its suffix) begins; only words before
    it can be cut. A coordinator (和, 与, 及) splits only when a whole name stands
    before it (``ends_with_name``): 国际…产业园和中韩…产业园, but 挖掘机和重卡生产基地.
    A word of ``kept_before_head`` right before the head is part of the name (…建设项目).
    """
    cut = start
    cut_words, offsets = segment.word_offsets(folded[start:head_start])
    # Only coordinators and boundary words can move the cut: the others are skipped at
    # C speed (a long run of name characters has twenty words or more before each head).
    for index in itertools.compress(itertools.count(), map(_CUTTING.__contains__, cut_words)):
        word = cut_words[index]
        position, word_end = start + offsets[index], start + offsets[index + 1]
        if word in COORDINATORS:
            before = folded[cut:position]
            if (
                position == cut
                or ends_with_name(before)
                or (word == "暨" and _EVENT_END_RE.search(before))
            ):
                cut = word_end
        elif not (word_end == head_start and word in kept_before_head and position > cut) and not (
            len(word) == 1 and index > 0 and _inside_unknown_name(cut_words, index)
        ):
            cut = word_end
    return cut


def _inside_unknown_name(cut_words: tuple[str, ...], index: int) -> bool:
    """True when the one-character word at ``index`` follows a character of a name jieba
    does not know and precedes a word (澳 都 服装: 都 is the name's, not "all")."""
    before = cut_words[index - 1]
    if len(before) != 1 or before in _CUTTING or index + 1 >= len(cut_words):
        return False
    if len(cut_words[index + 1]) < 2:
        return False
    own = segment.tagged(cut_words[index])
    if not own or own[0][1] != "d":
        return False  # only an adverb (都, 也) can be a character of a name; 的, 在 cannot
    tags = segment.tagged(before)
    return bool(tags) and tags[0][1] in ("n", "ns", "nr", "nrt", "ng", "j", "nz")


def strip_leading(folded: str, start: int, end: int, keep_place: bool = False) -> int:
    """Drop dates, counts and (unless ``keep_place``) the zone or a country from the front."""
    while start < end:
        text = folded[start:end]
        match = _DATE_LEAD_RE.match(text)
        if match:
            start += match.end()
            continue
        if not keep_place:
            match = _PLACE_PREFIX_RE.match(text)
            if match and end - start - match.end() >= 3:
                start += match.end()
                continue
            country = _COUNTRY_RE.match(text)
            if country and end - start - country.end() >= 3:
                start += country.end()
                continue
        break
    return start


def starts_with_count(text: str) -> bool:
    """True for 54个项目, 第3个基地, 一批项目, 五类攀登项目: a counted class, not a name."""
    return bool(_NUMERAL_LEAD_RE.match(text))


def in_short_quote(folded: str, start: int, end: int) -> tuple[int, int] | None:
    """The (open, close) of a short quotation (a slogan or name) around ``start:end``, if any."""
    # Both looked for only as far back as a short quotation reaches: a search back to the
    # start of the block for every name is quadratic in a long block.
    begin = max(0, start - 20)
    open_at = max(folded.rfind("“", begin, start + 1), folded.rfind('"', begin, start))
    if open_at < 0 or start - open_at > 20:
        return None
    close_at = folded.find("”", open_at + 1, open_at + 24)
    if close_at < 0 or close_at < end:
        return None
    inner = folded[open_at + 1 : close_at]
    if any(ch in inner for ch in "，,。；;！!？?"):
        return None
    return open_at, close_at


class Covered:
    """Character offsets already claimed by found names: overlap tests in time linear in the
    name's length, whatever the number of names (a 5 MB block has tens of thousands)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._claimed = bytearray()  # 1 at each claimed offset
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        """Claim ``start:end``."""
        if end > len(self._claimed):
            self._claimed.extend(bytes(max(end - len(self._claimed), len(self._claimed))))
        self._claimed[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """True when any offset of ``start:end`` is claimed."""
        return self._claimed.find(1, start, max(end, start + 1)) != -1
