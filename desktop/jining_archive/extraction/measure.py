"""The measure a figure is the value of: 总投资1306亿元, 出口增长50%, 70%的零部件产能.

Two readings, in this order: the noun phrase after ``的`` when the figure
qualifies it (1亿元的创新基金), else the words of the same clause that lead up
to the figure, back to the first word that introduces an amount rather than
naming one (实现, 预计, 将 …), to a place word, or to a word jieba does not know.
"""

from __future__ import annotations

import functools
import re

from jining_archive.extraction import segment


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that stand between a measure and what comes before it.
_BOUNDARY_WORDS = _word_set(
    """
    将 实现 达到 达 累计 共计 共 总计 预计 可 能 已 已经 的 了 在 与 以及 对 把 让 使 为 是
    有 占 占据 约 其中 全年 目前 今年 去年 明年 同期 以 用 就 设立 签订 引进 整理 出 突破 重点 聚焦
    力争 确保 仅 均 更 更为 最 为了 成为 都 也 还 并 共同 每年 高新区 开发区 园区 全区 全市 全省
    全国 我市 我区 新建 建设
    建成 设定 培育 推动 推进 启动 实施 打造 吸引 筛选 划分 明确 组建 等 从 到 向 于 由 比 较 超过
    带动 拥有 总数 分别 逾 近 超 至 提供 服务 累计 新上 开展 举办 引导 落地 入选 获批 获评
    现有 已有 招引
    """
)
# Verbs of change are measures in their own right (增长44.6%).
_CHANGE_WORDS = _word_set(
    "增长 增加 下降 降低 提高 提升 减少 增幅 增速 上涨 下降了 缩减 减免 节省 净增"
)
# 规 上 are the two characters jieba leaves of 规上 (规模以上, "above the designated size").
_SINGLE_CHAR_OK = frozenset("总 年 净 新 亩 人 单 均 日 月 和 及 规 上 类 率")
# 亩均, 人均, 年均, 户均: jieba leaves 均 (also a word of its own, "all") after the unit.
_PER_UNIT = frozenset("亩 人 年 户 日 月")
_NUMERALS = frozenset("一二两三四五六七八九十")
# A link or a bound between the measure and its figure (产业项目有77项, 市场主体存量为36581户,
# 年创税收约6000余万元).
_COPULAS = _word_set("有 为 是 约 近 超 逾 达 达到 超过 共 共计 总计 合计 累计")
# Verbs that say which projects or companies are counted (签约项目, 在建项目, 入驻企业):
# part of the measure, where an act with its object (达成协议27项) is not.
_ATTRIBUTIVE_VERBS = _word_set(
    "签约 开工 新开工 在建 在谈 在产 在研 续建 竣工 投产 入驻 注册 落户 集中 储备 新设 列入 纳入"
)
# A place word ending the measure on the left (郑州市增长, 南沙新区固定资产投资).
_PLACE_SUFFIXES = tuple("市省县区州镇乡村")
# Words that open a measure: nothing before them belongs to it (浩珂科技年产 → 年产).
_MEASURE_HEADS = _word_set(
    "年产 年产值 年均 人均 亩均 总投资 新增 年销售 年处理 年交易量 年营业收入"
)
# A subject word that opens its clause alone (，项目总投资) names what is measured.
_BARE_SUBJECTS = frozenset(("项目", "企业"))
_PHASE_RE = re.compile("[一二三四五六七八九十首]期$")
_PERIOD_RE = re.compile("[前上下]?(?:[一二三四]季度?|半年)")
_SUBJECT_ENDINGS = ("项目", "企业", "公司", "集团", "政府", "园", "园区", "基地", "工程")
_PRODUCTION_HEADS = ("年产", "年处理", "年加工", "年消耗")
# Two-character verbs that jieba glues to the noun after them (签订合同).
_LEADING_VERBS = (
    "签订",
    "实现",
    "完成",
    "达到",
    "引进",
    "设立",
    "新建",
    "推动",
    "推进",
    "打造",
    "现有",
)
# jieba tags these as verbs, but after a noun they finish a noun phrase (零部件产能).
_NOUN_LIKE = _word_set(
    "产能 产值 投资 收入 营收 规模 消费 出口 进口 销售 营业 交易 融资 纳税 占地 用地 就业"
)
# A threshold after an amount (亿元以上项目) ends the measure: the measure is what follows.
_THRESHOLDS = ("以上", "以下")
_UNIT_REMNANTS = "元个家项人亩米吨"
# A share read through 占…的 keeps 占 (占全部营业收入的30%).
_SHARE_RE = re.compile(r"占(?!地|用)([^占]{2,16}?)的?$")  # 占地面积 is an area, not a share
_CLAUSE_BREAK = re.compile(r"[万亿，,。；;：:！!？?、“”\"（）()《》\n%…—]|\d+(?:\s?[年月日号])?")
# _CLAUSE_BREAK read from the end: a break character, or the end of a number (a digit, or
# 年月日号 after one). The last match of _CLAUSE_BREAK ends where this first matches.
_CLAUSE_BREAK_REVERSED = re.compile(
    r"[万亿，,。；;：:！!？?、“”\"（）()《》\n%…—\d]|[年月日号](?=\s?\d)"
)
# A figure that is a difference or a contribution keeps the comparison that makes it one
# (高于全省规模以上工业增速5.1个百分点, 较上年增长3家, 拉动园区规上工业产值增长17.1个百分点).
_COMPARISONS = _word_set("高于 低于 快于 慢于 拉动 较")
_SCOPES = _word_set("全省 全市 全区 全国 全县 园区 全园")
_LEADING_FILLER_TAGS = ("d", "ad", "p", "c", "r", "u", "t")
# A time word (今年, 上半年) is filler; 现代 (also tagged t) is not.
_TIME_CHAR_RE = re.compile("[年月日季期时今昨明去初末底周天晚早]")
MAX_MEASURE_CHARS = 16
# Measures that name a quantity outright; they win over a noun after 的.
_QUANTITY_NOUN_RE = re.compile(
    r"(?:投资|额|值|量|率|收入|产能|规模|增长|增加|年产|利润|税收|利税)$"
)


@functools.lru_cache(maxsize=4096)
def _is_plain_verb(word: str) -> bool:
    """True when jieba tags ``word`` as a verb (筛选, 划分) rather than a noun or verbal noun."""
    import jieba.posseg

    segment.load()
    tags = [flag for _, flag in jieba.posseg.lcut(word, HMM=False)]
    return len(tags) == 1 and tags[0] in ("v", "vd", "vi")


def _joined_per_unit(words: tuple[str, ...]) -> list[str]:
    """``words`` with 亩 均 (人 均, 年 均 …), 年 创, 三 大 and 在 谈 joined into one word each."""
    out: list[str] = []
    for word in words:
        if out and (
            (word == "均" and out[-1] in _PER_UNIT)
            or (word == "创" and out[-1] == "年")  # 年创税收
            or (word == "大" and out[-1] in _NUMERALS)  # 三大主导产业
            or (word == "人" and out[-1] in ("千", "万", "百"))  # 千人托位数
            or (out[-1] in "在新" and out[-1] + word in _ATTRIBUTIVE_VERBS)  # 在谈, 新设
        ):
            out[-1] += word
        else:
            out.append(word)
    return out


def _inside_a_noun(char: str, collected: list[str]) -> bool:
    """True when a lone character jieba cut off belongs to the noun after it (托 位数 of
    千人托位数): a content character, not a particle or a function word, before a noun."""
    if not collected or char in _NOT_IN_MEASURES or not "\u4e00" <= char <= "\u9fff":
        return False
    tags = segment.tagged(char)
    tag = tags[0][1] if tags else "x"
    if tag in _LEADING_FILLER_TAGS or tag in ("m", "q", "f", "x", "uj", "ul", "y", "e", "o"):
        return False
    following = segment.tagged(collected[-1])
    return bool(following) and following[0][1].startswith("n") and len(collected[-1]) >= 2


# Characters that never sit inside a measure's noun.
_NOT_IN_MEASURES = frozenset("的地得了着过在对把被从向于以而或且与及和等是为有将这那其此该各每全")


def _is_filler(word: str) -> bool:
    """True when ``word`` opens a clause without naming anything (先后, 顺利, 今年)."""
    if word in ("和", "与", "及") or _PERIOD_RE.fullmatch(word):
        return True  # 三季度 (of 前三季度), 上半年: when, not what
    tags = segment.tagged(word)
    if not tags or word in _SINGLE_CHAR_OK or word in _ATTRIBUTIVE_VERBS or _PHASE_RE.match(word):
        return False  # 一期 (a phase, tagged as a time) names which part is measured
    tag = tags[0][1]
    return tag in _LEADING_FILLER_TAGS and (tag != "t" or bool(_TIME_CHAR_RE.search(word)))


def _measured_of_subject(collected: list[str]) -> bool:
    """True when the words after a subject (项目, 企业 …) are what is said or measured of it
    (完成年度计划, 总投资, 投资完成率) rather than a noun it qualifies (企业品牌)."""
    following = collected[-1]
    return (
        _is_plain_verb(following)
        or following.startswith("总")
        or bool(_QUANTITY_NOUN_RE.search(collected[0]))
    )


def _is_ns(word: str) -> bool:
    return len(word) >= 2 and segment.is_place(word)


def _is_place(word: str, first: bool, before: str) -> bool:
    """True when ``word`` is a place that ends the measure: a place name next to the figure
    (鲁南4市), or a named place with a place suffix anywhere (郑州市, 南沙 新区; not 城镇)."""
    if not _is_ns(word):
        return False
    if first:
        return True
    return word.endswith(_PLACE_SUFFIXES) and (len(word) >= 3 or _is_ns(before))


def _phrase_after_de(folded: str, end: int) -> str | None:
    """The noun phrase after 的 that a figure qualifies (70%的零部件产能)."""
    if not folded.startswith("的", end):
        return None
    rest = folded[end + 1 : end + 1 + 16]
    cut = _CLAUSE_BREAK.search(rest)
    rest = rest[: cut.start()] if cut else rest
    phrase = ""
    for word in segment.words(rest):
        if word in _BOUNDARY_WORDS or (len(word) == 1 and word not in _SINGLE_CHAR_OK):
            break
        if phrase and _is_plain_verb(word) and word not in _NOUN_LIKE:
            break
        phrase += word
        if len(phrase) >= MAX_MEASURE_CHARS:
            break
    return phrase if len(phrase) >= 2 else None


def _phrase_before(
    folded: str, start: int, qualifier: str | None, counted: bool = False
) -> str | None:
    """The words of the clause that lead up to the figure."""
    begin = max(0, start - 24)
    prefix = folded[begin:start]
    if qualifier and prefix.endswith(qualifier):
        prefix = prefix[: -len(qualifier)]
    # After the last break: the first one found in the reversed prefix.
    last_break = _CLAUSE_BREAK_REVERSED.search(prefix[::-1])
    after_bracket = False
    if last_break:
        after_bracket = prefix[len(prefix) - last_break.start() - 1] in ")）"
        prefix = prefix[len(prefix) - last_break.start() :]
    prefix = prefix.rstrip()  # 同比下降 2.4%: the space before the number is not a word
    if len(prefix) < 2:
        return None  # the clause starts at the figure: no words lead up to it
    share = _SHARE_RE.search(prefix)
    if share and not counted:
        return "占" + share.group(1)  # 占在建项目总数的25%
    if prefix.endswith("的"):
        prefix = prefix[:-1]
    collected: list[str] = []
    compared = ""
    position = len(prefix)
    backwards = _joined_per_unit(segment.words(prefix))[::-1]
    for index, word in enumerate(backwards):
        position -= len(word)
        if not collected and (word in _COPULAS or (word == "完成" and index + 1 < len(backwards))):
            continue  # 招商进度完成95%: 完成 only says it was reached
        if collected and word in _COMPARISONS:
            compared = word
            break
        if word in _BOUNDARY_WORDS:
            before = backwards[index + 1] if index + 1 < len(backwards) else ""
            if collected and word in _SCOPES and before in _COMPARISONS:
                collected.append(word)  # 高于全省…增速: the scope is the comparison's
                compared = before
            break
        if _is_place(
            word, not collected, backwards[index + 1] if index + 1 < len(backwards) else ""
        ):
            break
        if word in _THRESHOLDS and (position <= 1 or prefix[position - 1] in _UNIT_REMNANTS):
            break  # 亿元以上项目: what is counted above the amount; 规模以上 is a term
        if (
            word == "完成"
            and collected
            and _QUANTITY_NOUN_RE.search(collected[0])
            and collected != ["投资"]
        ):
            break  # 完成销售额 (achieved); 完成投资 is the statistic; 完成年度计划 the whole
        if len(word) == 1 and word not in _SINGLE_CHAR_OK and not _inside_a_noun(word, collected):
            break
        if collected and word.endswith(_SUBJECT_ENDINGS) and _measured_of_subject(collected):
            rest = backwards[index + 1 :]
            alone = not rest or (len(rest) == 1 and bool(_PHASE_RE.match(rest[0])))
            if word in _BARE_SUBJECTS and alone and not after_bracket:
                # ，项目总投资, 一期项目占地: the clause's own subject word names what is measured
                collected.extend([word, *rest])
            break  # 重点项目完成年度计划的, X项目总投资: the named projects are the subject
        stripped = word[2:] if word.startswith(_LEADING_VERBS) else None  # all two characters
        if stripped and len(stripped) >= 2:
            collected.append(stripped)  # 签订合同 is one jieba word; the measure is 合同
            break
        collected.append(word)
        if word in _MEASURE_HEADS and not (len(collected) == 1 and prefix.endswith("新增" + word)):
            break  # 新增年产值: 新增 opens it
    if collected and collected[-1] in _PRODUCTION_HEADS:
        return collected[-1]  # 年产液压挖掘机和重型卡车1万台: the product is not the measure
    while collected and sum(len(w) for w in collected) > MAX_MEASURE_CHARS:
        collected.pop()
    words = ([compared] if compared else []) + list(reversed(collected))
    while words and words[-1] in ("和", "与", "及"):
        words.pop()
    while words and _is_filler(words[0]):
        words.pop(0)  # 先后顺利迎接: adverbs do not belong to the measure
    if (
        counted
        and len(words) >= 2
        and _is_plain_verb(words[0])
        and words[0] not in _CHANGE_WORDS
        and words[0] not in _ATTRIBUTIVE_VERBS
    ):
        last_tag = segment.tagged(words[-1])[-1][1] if segment.tagged(words[-1]) else ""
        if last_tag.startswith("n") and last_tag != "nr":
            words.pop(0)  # 达成技术合作协议27项: the measure is what was counted, not the act
    phrase = "".join(words).strip()  # spaces the conversion left around it are not its words
    if len(phrase) < 2:
        return None
    verbs_only = all(
        w not in _CHANGE_WORDS and w not in _NOUN_LIKE and _is_plain_verb(w) for w in words
    )
    if verbs_only and (len(words) == 1 or counted):
        return None  # 筛选40家, 孵化支持100名: the verbs introduce the count, they do not name it
    return phrase


_NOT_COUNTED = ("以上", "以下", "左右", "上下", "之多", "次之")


def _noun_follows(folded: str, end: int) -> bool:
    """True when a noun follows a count directly (2个千亿级产业集群, 10个行业小类)."""
    after = folded[end : end + 10]
    if not after or not "\u4e00" <= after[0] <= "\u9fff" or after.startswith(_NOT_COUNTED):
        return False
    tags = segment.tagged(after)
    if not tags:
        return False
    for word, tag in tags:
        if tag in ("m", "a") or word == "级":
            continue  # 2个千亿级产业集群, 67个重大技改项目: a class or a quality, then the noun
        return len(word) >= 2 and (tag.startswith("n") or tag in ("vn", "b", "j"))
    return False


def find_measure(
    folded: str, start: int, end: int, qualifier: str | None, counted: bool = False
) -> str | None:
    """The measure of the figure at ``folded[start:end]``, or None when the clause names none.

    ``counted`` says the figure is a count, whose verbs introduce the counted thing
    (孵化支持100名创客) rather than name a measure (走访联系100%)."""
    tail = end
    if qualifier and folded.startswith(qualifier, end):
        tail += len(qualifier)
    before = _phrase_before(folded, start, qualifier, counted)
    if (
        before
        and counted
        and not before.startswith(_PRODUCTION_HEADS)
        and _noun_follows(folded, tail)
    ):
        # 电子信息、汽车制造2个千亿级产业集群: what is counted comes after the classifier;
        # the words before it are not its measure.
        return None
    if before and _QUANTITY_NOUN_RE.search(before):
        return before  # 总投资1306亿元的项目: the clause already names the measure
    return _phrase_after_de(folded, tail) or before
