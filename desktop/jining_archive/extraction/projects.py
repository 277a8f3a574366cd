"""Named projects (…项目, …基地, …产业园, …工程, …中心 …), followed across articles.

A project is found by its head, bounded on the left by ``names``, and dropped
when it is a generic phrase (重点项目, 该项目, 54个项目, 等技术升级项目, 一批…项目).
Mentions of one project in different words (日本小松全球智能制造产业基地项目,
小松全球智能制造产业基地) are grouped under one name; each mention keeps the
status its sentence reports (签约, 开工, 在建, 竣工, 投产, 达产, 计划) and the
article's date, so a project can be followed over time.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from jining_archive.documents.normalise import fold_width
from jining_archive.extraction import names, segment


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Mention:
    """One place where a project or organisation is named."""

    article_id: str
    block_id: str
    text: str
    start: int
    end: int
    status: str | None
    date: str


@dataclass
class NamedEntity:
    """A project or organisation with every mention of it, grouped across articles."""

    name: str
    kind: str  # "project" | "organization"
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


_CITY_HEAD = r"(?:科技|科学|产业|航天|智造|医药|汽车|物流|商贸|影视|文化|生态|健康|创新)城"
# Buildings, quarters and works that end a proper name (…长廊, …小镇, …综合体, …大桥).
_BUILT_HEADS = (
    "厂房|公寓|长廊|小镇|综合体|大厦|广场|酒店|码头|枢纽|管廊|立交|大桥|隧道|快速路|片区"
    "|(?<![低山峡河深])谷"
)
PROJECT_HEAD_RE = re.compile(
    rf"(?:项目|生产基地|基地|园区|{_CITY_HEAD}|工程|中心|车间|生产线|工厂|公园|园|{_BUILT_HEADS})"
    r"(?:核心区)?"
    r"(?:\([A-Za-z0-9\u4e00-\u9fff]{1,6}\))?"
)
_BARE_HEADS = ("项目", "工程", "园区", "中心", "基地")
# Heads that need a proper-name part before them, as the bare heads do (标准厂房, 商务综合体
# and 东南片区 are descriptions), and that a quantity never begins (60万平方米厂房).
_BUILT_HEAD_RE = re.compile(rf"(?:{_BUILT_HEADS})$")
# A head followed by these is only the start of a longer name (…项目试验区).
_NAME_GOES_ON_RE = re.compile(
    r"试验区|示范区|集中区|聚集区|孵化器|加速器|体系|机制|清单|库|办(?=主任|副主任|负责人|工作人员)"
)
# A longer class of projects after 等 (等成都科技影视文创产业功能区项目5个): its items are
# projects too, though too far from 项目 to be read as companies listed for them.
_LONG_LIST_HEAD_RE = re.compile(r"等[\u4e00-\u9fff]{9,14}项目(?=\d+个)")
_LIST_HEAD_RE = re.compile(
    r"等(?:\d+|[一二两三四五六七八九十百]+)?(?:个|项|批)?"
    r"(?:[\u4e00-\u9fff]{0,8}项目|[\u4e00-\u9fff]{0,4}(?:重点|重大)[\u4e00-\u9fff]{0,6}(?:建设|工程))"
)
# Leading words of these parts of speech are not part of a name (奏响, 积极, 在, 和).
_LEADING_TAGS = ("v", "vn", "d", "p", "c", "u", "i", "l", "r", "ad", "vd")
# Words a name can begin with though jieba tags them as verbs or adverbs (高新: high-tech,
# the zone's short name, tagged as an adverb).
_NAME_VERBS = frozenset(
    ["新建", "制造", "研发", "生产", "共享", "智造", "合资", "集成", "供应", "高新"]
)
_PLACE_WORD_RE = re.compile(r"(?:高新区|开发区|经开区|园区|全区|全市|全省|街道)$")
_CHAINED_HEAD_RE = re.compile(rf"(?:建设|一期|二期)?(?:项目|基地|园区|{_CITY_HEAD}|工程|中心)")
_NAME_END_RE = re.compile(
    rf"(?:项目|基地|园区|{_CITY_HEAD}|工程|中心|车间|生产线|工厂|园|{_BUILT_HEADS})$"
)
# 中心 as "the core of": 中心城区, 中心任务. 园 in ordinary words: 家园, 校园.
_CENTRE_FOLLOWERS = ("城", "区", "任务", "工作", "环节", "思想", "位置", "地位", "作用", "镇")
_GARDEN_WORDS = "家校田菜乐庄果花儿开入游"  # 开园, 入园: what happens to a park, not one
_WORK_FOLLOWERS = ("机械", "师", "院", "学", "技术", "车", "队", "兵", "量")
# Agencies end in 中心 too; they are organisations, not facilities.
AGENCY_CENTRE_RE = re.compile(r"(?:服务|管理|指挥|调度|政务|运营|营运|监测|交易|发展服务)中心$")
_GENERIC_WORDS = _word_set(
    """
    重点 重大 省级 市级 省 市 省市 国家级 国家 县级 区级 招商引资 招商 产业 技改
    技术改造 技术升级 民生 基础设施 建设 在建 新建 续建 签约 开工 竣工 储备 入库
    外资 外商投资 外商 投资 合作 国际合作 配套 攀登 大 好 优质 该 此 本 这些 这个
    那些 各类 其他 相关 各 大型 重要 标志性 示范 试点 高质量 新 老 整个 全部 所有
    拟 计划 年度 集中 实事 民生实事 社会民生 公益 基建 龙头 支撑 科技 研发 创新
    智能 数字 服务 工业 制造业 项目 特色 实体 标准化 专业 综合 公共 生产 制造 企业
    产业化 省重点 市重点 信息化 数字化 智能化 绿色 低碳 高端 先进 现代 装饰 装修
    土建 主体 附属 改造 提升 升级 扩建 中外 合资 独资 中试 孵化 加速 公共服务
    标准 标准化 高标准 人才 商务 保障性 租赁 关键 重要 东南 西南 东北 西北 城市 高新 事业
    双招双引 省市县 工程 上 下 全 单个 单体 市政 交通 水利  技术 高速
    现有 街道 社区 存量 增量 头号 特色园区 对外 对外合作 高质量发展
    新开工 新开 内资 大 社会事业 服务业 现代服务业 城建 战略 战略性 支撑性 新兴产业
    战略性新兴产业 战略新兴产业 新兴 制造业 机械制造业 先进制造业 产业链 强链 补链
     标杆 智慧 上半年 下半年 社会 技术创新 科技创新 十大 秋季 春季
    新闻 资讯 信息 数据 帮助 客服 用户 网站 媒体
    """
)
# Generic only before a bare head: 国际合作园区 is generic, 国际高端装备产业园 a name.
_BARE_GENERIC_WORDS = frozenset(["国际", "装备", "全球", "园区"])
_TRAILING_BRACKET_RE = re.compile(r"\([^()]{1,6}\)$")  # a phase: (一期), (二期)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_QUANTITY_RE = re.compile(r"\d|[一二两三四五六七八九十百千万]+(?:栋|座|个|亩|平方米|间|层)")
# Characters that end a word (支撑性, 现代化, 新型): a name does not begin with one.
_SUFFIX_CHARS = "性化型式"
# A zone is a place, not a project: 高新技术产业园区, 经济技术开发区 …
_ZONE_RE = re.compile(r"(?:高新技术产业|高新技术|经济技术|工业|新兴产业)园区$")
# A trade or sector before a bare head names a class of projects (制造业项目, 服务业项目).
_TRADE_RE = re.compile(r"[\u4e00-\u9fff]{1,4}业(?:项目|工程)$")
# Words of the work itself, kept before the head: …建设项目, …改造工程.
_KEPT_BEFORE_HEAD = frozenset(["建设", "改造", "提升", "升级", "扩建", "开发"])
# Thresholds, money classes and periods make a class of projects (亿元以上项目,
# 5000万元项目, 1-2月份新开工项目, 一季度内资项目).
_CATEGORY_RE = re.compile(r"[万亿千百]元|亿以上|以上|以下|月份|季度|上半年|下半年|年度")
_CLASS_HEAD_RE = re.compile(r"(?:重大|重点)(?:产业)?项目$|系列项目$")
_COUNTED_AFTER_RE = re.compile(r"([”\"]?项目)?(?:共|有|达|共计)?\d+(?:个|项)")
_CLASS_WORDS_RE = re.compile(r"一批|一系列|一大批|若干|多个|一些|各类|各项|一个|这些|此类")
_COUNT_INSIDE_RE = re.compile(r".*(?:\d+|[一二两三四五六七八九十]+)(?:个|类|项|批|种|大)")
_COUNT_CHAR_RE = re.compile(r"[\d一二两三四五六七八九十]")  # a quick test before the search
_CLAUSE_START_RE = re.compile(r"[，,。；;：:！!？?\n]")
# A status is looked for back to the end of the last sentence: a semicolon joins the parts
# of one sentence (此次开工项目中，A类项目…；B类项目…，包括X).
_STATUS_SENTENCE_END_RE = re.compile(r"[。！!？?\n]")
STATUSES = ("签约", "开工", "在建", "竣工", "投产", "达产", "计划")
_STATUS_WORDS: tuple[tuple[str, str], ...] = (
    ("签约", "签约"),
    ("签署", "签约"),
    ("签订", "签约"),
    ("开工", "开工"),
    ("动工", "开工"),
    ("奠基", "开工"),
    ("全面启动", "开工"),
    ("启动建设", "开工"),
    ("在建", "在建"),
    ("建设现场", "在建"),
    ("建设中", "在建"),
    ("施工", "在建"),
    ("加快建设", "在建"),
    ("推进", "在建"),
    ("竣工", "竣工"),
    ("建成", "竣工"),
    ("完工", "竣工"),
    ("合龙", "竣工"),
    ("投产", "投产"),
    ("投入使用", "投产"),
    ("投用", "投产"),
    ("开园", "投产"),
    ("达产", "达产"),
    ("计划", "计划"),
    ("规划", "计划"),
    ("拟", "计划"),
    ("谋划", "计划"),
    ("申报", "计划"),
)

_STATUS_OF_WORD = dict(_STATUS_WORDS)
# A plan of money or land (计划总投资, 拟投资, 规划面积) says what a project is, not where it
# stands; 的规划 is a noun (the plan of).
_NOT_A_STATUS = {
    "计划": r"(?!总?投|完成|用地|占地|面积)",
    "规划": r"(?!总?投|用地|占地|面积|建筑面积|总建筑面积)",
    "拟": r"(?!总?投)",
}
_STATUS_WORD_RE = re.compile(
    "|".join(
        ("(?<!的)" if word == "规划" else "") + word + _NOT_A_STATUS.get(word, "")
        for word, _ in _STATUS_WORDS
    )
)
# A status is the one the mention's own clause reports; a colon (name: what became of it)
# does not end the clause.
_STATUS_CLAUSE_RE = re.compile(r"[，,。；;！!？?\n]")


@dataclass(frozen=True, slots=True)
class FoundName:
    """A name found in one block: local offsets into the block's folded text."""

    start: int
    end: int
    key: str


#: How far back the start of a clause or sentence is looked for.
_BREAK_WINDOW = 300


def _last_break(
    pattern: re.Pattern[str], folded: str, position: int, window: int = _BREAK_WINDOW
) -> int:
    """Where the clause or sentence holding ``position`` starts (looking back at most ``window``
    characters, so that a huge block without punctuation stays linear)."""
    begin = max(0, position - window)
    found = begin
    for match in pattern.finditer(folded, begin, position):
        found = match.end()
    return found


def _ends_with_project(text: str) -> bool:
    return len(text) >= 4 and bool(_NAME_END_RE.search(text))


def _is_generic(name: str, head: str) -> bool:
    """True when everything before the head is a generic modifier (重点, 省级, 外资 …)."""
    modifier = name[: len(name) - len(head)] if name.endswith(head) else name
    modifier = modifier.strip('“”"')
    if len(modifier) < 2:
        return True
    count = _COUNT_CHAR_RE.search(modifier) and _COUNT_INSIDE_RE.search(modifier)
    if count:
        modifier = modifier[count.end() :]  # 对外合作五类攀登项目: what follows the count decides
        if len(modifier) < 2:
            return True
    tags = segment.tagged(modifier)
    bare = head in _BARE_HEADS or bool(_BUILT_HEAD_RE.search(head))
    if tags and tags[0][1] == "v" and len(tags[0][0]) > 1 and tags[0][0] not in _NAME_VERBS:
        return True  # 打好产业项目: a verb phrase, not a name (润德…: one character of a name)
    if tags and tags[-1][1].startswith("u"):
        return True  # 标志着工程
    if bare and not any(
        tag.startswith(("n", "j", "eng", "x")) and word not in _GENERIC_WORDS for word, tag in tags
    ):
        return True  # 助推项目, 吹响重大项目: nothing names the project
    if bare and _PLACE_WORD_RE.search(modifier):
        return True  # 济宁高新区项目, 高新区园区: the zone's projects in general
    if head in _BARE_HEADS and tags and tags[-1][1] == "v" and len(tags) <= 3:
        return True  # 梳理项目, 化解项目: a verb and its object
    words = [word for word, _ in tags]
    for joiner in ("和", "及", "与"):
        if joiner in words:
            rest = "".join(words[len(words) - words[::-1].index(joiner) :])
            if _is_generic(rest + head, head):
                return True
    return all(
        word in _GENERIC_WORDS
        or word.isdigit()
        or tag == "t"
        or (bare and (tag in ("ns", "f") or word in _BARE_GENERIC_WORDS))
        for word, tag in tags
    )


def _quoted_name(folded: str, head_start: int, end: int) -> int | None:
    """For “中科创”项目: the offset of the opening quote, or None (or -1 to drop the match)."""
    if head_start == 0 or folded[head_start - 1] not in '”"':
        return None
    open_at = folded.rfind("“", max(0, head_start - 18), head_start - 1)
    if open_at < 0:
        return -1
    inner = folded[open_at + 1 : head_start - 1]
    if not inner or any(ch in inner for ch in "，,。；;、！!？?“"):
        return -1
    if _NAME_END_RE.search(inner):
        return -1  # “双百工程”项目: the quoted name stands on its own
    return open_at


def _name_goes_on(folded: str, end: int) -> bool:
    """True when a noun follows ``end`` directly: the head is inside a longer name."""
    after = folded[end : end + 6]
    if not after or not _CJK_RE.match(after):
        return False
    _, tag = segment.tagged(after)[0]
    return tag.startswith(("n", "eng")) and tag != "ns"


def find_projects(folded: str) -> list[FoundName]:
    """The project names in one folded block."""
    found: list[FoundName] = []
    ends = segment.word_ends(folded)
    for match in PROJECT_HEAD_RE.finditer(folded):
        head = match.group(0)
        head_start, end = match.start(), match.end()
        bare_head = head.removesuffix("核心区")
        if _CHAINED_HEAD_RE.match(folded, end) or _NAME_GOES_ON_RE.match(folded, end):
            continue  # 工厂项目: the name runs on to the next head
        if bare_head.endswith("中心") and folded.startswith(_CENTRE_FOLLOWERS, end):
            continue
        if bare_head == "工程" and folded.startswith(_WORK_FOLLOWERS, end):
            continue  # 工程机械, 工程师
        if bare_head == "园" and head_start > 0 and folded[head_start - 1] in _GARDEN_WORDS:
            continue
        bare_head = bare_head.split("(", 1)[0]
        if (
            len(head) == len(bare_head)
            and (head_start + len(bare_head)) not in ends
            and not folded.startswith("建设", end)
            and not (bare_head == "项目" and folded.startswith(_PROJECT_ROLES, end))
        ):
            continue  # 工程机械: the head is the start of a longer word (not 工程建设, 项目经理)
        if _BUILT_HEAD_RE.search(bare_head) and _name_goes_on(folded, end):
            continue  # 枫叶小镇奥特莱斯: the building names what follows
        quoted = _quoted_name(folded, head_start, end)
        if quoted == -1:
            continue
        if quoted is not None:
            start = quoted
        else:
            quote = names.in_short_quote(folded, head_start, end)
            if quote and folded[end : end + 1] not in '”"':
                continue  # 要素跟着项目走: a slogan, not a name
            start = names.raw_start(folded, head_start)
            if start == head_start:
                continue
            start = names.cut_left(folded, start, head_start, _ends_with_project, _KEPT_BEFORE_HEAD)
            start = names.strip_leading(folded, start, end)
            start = strip_leading_words(folded, start, head_start)
            start = _past_locative_char(folded, start, head_start)
            start = _past_place_chain(folded, start, head_start)
        name = folded[start:end]
        if _BUILT_HEAD_RE.search(bare_head) and _QUANTITY_RE.search(name):
            continue  # 60万平方米厂房, 新建2栋厂房: a quantity of buildings
        if quoted is None and _BUILT_HEAD_RE.search(bare_head) and is_kind_phrase(name):
            continue  # 总装厂房, 综合楼: a kind of building, not one named
        if _cut_inside_a_word(name) or _ZONE_RE.search(name) or _is_trade_class(name):
            continue  # 性战略项目 (cut inside a word), 高新技术产业园区, 机械制造业项目
        if _CATEGORY_RE.search(name) or _CLASS_HEAD_RE.search(name):
            continue  # 亿元以上项目, 1-2月份新开工项目, X重大项目: a class of projects, not one
        counted = _COUNTED_AFTER_RE.match(folded, end)
        if counted and (bare_head == "项目" or counted.group(1)):
            continue  # “幸福高新”项目90个: the projects of a programme, counted
        if AGENCY_CENTRE_RE.search(bare_head if bare_head != "中心" else name):
            continue
        if len(name) < len(head) + 2 or names.starts_with_count(name.lstrip("“")):
            continue
        if start > 0 and folded[start - 1] == "等":
            continue  # X、Y等技术升级项目: the head of a list names a class
        clause_start = _last_break(_CLAUSE_START_RE, folded, start)
        if _CLASS_WORDS_RE.search(folded, clause_start, start):
            continue  # 引进一批…的医药及器械研发生产项目
        numeral_start = re.match(r"“?[一二两三四五六七八九十百千万]", name)
        quote_before = start > 0 and folded[start - 1] in '“‘"「'
        if numeral_start and (quoted is not None or quote_before):
            continue  # “一区多园”: a slogan built on numerals
        if quoted is None and _is_generic(_TRAILING_BRACKET_RE.sub("", name), bare_head):
            continue
        if (
            quoted is None
            and (
                _DESCRIBING_RE.search(folded, clause_start, start)
                or _CLASS_AFTER_RE.match(folded, end)
                or (
                    bare_head in ("工程", "项目")
                    and (
                        _PROGRAMME_RE.search(folded, clause_start, start)
                        or _COUNT_BEFORE_RE.search(folded[max(0, start - 6) : start])
                    )
                )
            )
            and not _has_proper_part(folded[start:head_start])
        ):
            continue  # 打造开放式生态公园, 是…全球标杆工厂: a description, not a name
        found.append(FoundName(start, end, project_key(name)))
    found.extend(find_listed_projects(folded, found, long_lists=True))
    found.sort(key=lambda f: (f.start, -f.end))
    # A name inside a longer one (the park of …园区综合开发项目) is part of that name.
    outer: list[FoundName] = []
    for name_found in found:
        if outer and name_found.end <= outer[-1].end:
            continue
        outer.append(name_found)
    return outer


#: What a project has (项目经理, 项目部): the name before 项目 is still the project's.
_PROJECT_ROLES = ("经理", "部", "负责人", "方", "现场", "工地", "指挥部", "单位")


# Verbs after which a phrase describes what a place is or will be (打造…, 是…, 拥有…);
# there a phrase without a proper-name part is a description.
_DESCRIBING_RE = re.compile(r"打造成|建设成|建成为|是|成为|拥有|形成|主要建设|主要包括")
# A list closed by 等 and a class other than projects (等产业结构, 等26家研发机构): its
# items are kinds of things unless one has a proper name.
_CLASS_AFTER_RE = re.compile(
    r"等[\d一二两三四五六七八九十百多余个家项类种]*[\u4e00-\u9fff]{0,6}?"
    r"(?:产业|领域|行业|结构|机构|方面|类型|业态|平台)"
)
# Before a bare head, verbs of programmes (实施交通路网工程) and a count (30条…工程) make
# a phrase without a proper-name part a kind of work, not one work.
_PROGRAMME_RE = re.compile(r"实施|启动")
_COUNT_BEFORE_RE = re.compile(r"(?:\d+|[一二两三四五六七八九十百]+)(?:条|个|项|批|类|大)$")
# Tags of words that make a name proper: places, people, bodies, Latin (not nz, which jieba
# gives to common words such as 开放式).
_PROPER_TAGS = ("ns", "nr", "nrt", "nt", "eng")


def _has_proper_part(modifier: str) -> bool:
    """True when ``modifier`` holds a proper name: a place or brand jieba knows, Latin
    letters or digits, or two or more characters in a row jieba knows no word for (凯登)."""
    singles = 0
    for word, tag in segment.tagged(modifier):
        if word in _GENERIC_WORDS:
            singles = 0
            continue  # 城市 (a place to jieba)
        if tag in _PROPER_TAGS or (word.isascii() and word.isalnum()):
            return True
        if len(word) == 1 and _CJK_RE.match(word) and word not in "的和与及、之":
            singles += 1
            if singles >= 2:
                return True
        else:
            singles = 0
    return False


def _cut_inside_a_word(name: str) -> bool:
    """True when ``name`` begins with the end of a word (性战略项目 of 支撑性; not 化工…)."""
    if name[0] not in _SUFFIX_CHARS:
        return False
    words = segment.words(name[:6])
    return bool(words) and len(words[0]) == 1


def _is_trade_class(name: str) -> bool:
    """机械制造业项目, 重点服务业项目: a trade with only generic words before it names a
    class of projects (以岭万洲国际医药产业项目 names one)."""
    match = _TRADE_RE.search(name)
    if match is None:
        return False
    before = name[: match.start()]
    return not before or all(word in _GENERIC_WORDS for word in segment.words(before))


@functools.lru_cache(maxsize=4096)
def is_administrative(word: str) -> bool:
    """True when ``word`` names a province, city or county: jieba's dictionary knows it with
    the suffix (保定市, 三水市, 河北省), or tags it a place and it is a county (易县)."""
    if len(word) < 2 or not _CJK_RE.match(word):
        return False
    segment.load()
    import jieba.posseg

    table = jieba.posseg.dt.word_tag_tab
    if word.endswith(("省", "市", "县", "区")) and table.get(word[:-1]) == "ns":
        return True  # 兰陵县, 临沂市
    if word + "市" in table or word + "省" in table:
        return True  # 保定 (a verb to jieba), 三水 (a noun), 河北
    return table.get(word) == "ns" and (
        word.endswith(("省", "市", "县", "区")) or word + "县" in table
    )  # 易县; not 燕都, a place of old with no city of its name


def _past_place_chain(folded: str, start: int, head_start: int) -> int:
    """Past two or more places in a row that begin the name (河北保定易县燕都古城…, 佛山三水
    宝华生态产业园): where the project is, not what it is called. One place stays (平潭…)."""
    words = segment.words(folded[start:head_start])
    count, length = 0, 0
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if following in ("省", "市", "县", "区") and segment.is_place(word):
            word += following  # 兰陵 县: jieba leaves the suffix on its own
        elif word in ("省", "市", "县", "区") and count:
            continue  # the suffix joined to the place before it
        if not is_administrative(word):
            break
        count, length = count + 1, length + len(word)
    if count >= 2 and head_start - (start + length) >= 2:
        return start + length
    return start


def _past_locative_char(folded: str, start: int, head_start: int) -> int:
    """Past a lone 市, 县 or 省 that begins the name (市新能源汽车配套产业园: the city's park),
    where jieba makes it a word of its own (not 市政工程, 县域…)."""
    if folded[start : start + 1] not in ("市", "县", "省") or head_start - start < 5:
        return start
    words = segment.words(folded[start:head_start])
    return start + 1 if words and words[0] == folded[start] else start


# A list number (3.园区…), a rank (世界500强企业…) or a building verb split by a bracket
# (新(扩)建): what follows is the name.
_LIST_NUMBER_RE = re.compile(r"\d{1,2}[.．、]")
_RANK_RE = re.compile(r"\d+\s*强(?:企业|公司)?")
_BRACKETED_VERB_RE = re.compile(r"[新改扩续]\([新改扩续]\)建")


def past_leading_marks(folded: str, start: int, head_start: int) -> int:
    """``start`` moved past a list number, a rank or a bracketed building verb."""
    mark = _LIST_NUMBER_RE.match(folded, start, head_start) or _BRACKETED_VERB_RE.match(
        folded, start, head_start
    )
    if mark:
        start = mark.end()
    elif start >= 4 and folded[start - 1] == ")":
        split = _BRACKETED_VERB_RE.match(folded, start - 4, start + 1)
        if split:
            start += 1  # a list read from after the bracket: 建 of 新(扩)建 is still the verb
    ranks = list(_RANK_RE.finditer(folded, max(0, start - 6), head_start))
    if ranks and ranks[-1].end() > start and head_start - ranks[-1].end() >= 2:
        start = ranks[-1].end()
    return start


def strip_leading_words(folded: str, start: int, head_start: int) -> int:
    """Move ``start`` past leading verbs, adverbs and prepositions (积极, 充分发挥, 在).

    Drop leading verbs, adverbs and prepositions that the boundary words missed, and the
    marks before a name: a list number (3.), a rank (500强企业), 新(扩)建."""
    start = past_leading_marks(folded, start, head_start)
    for word, tag in segment.tagged_from_start(folded[start:head_start]):
        if tag not in _LEADING_TAGS or word in _NAME_VERBS or len(word) < 2:
            break
        if start + len(word) >= head_start:
            break
        start += len(word)
    return start


# An item of a list of projects may begin with its area (77亩人才公寓).
_AREA_LEAD_RE = re.compile(r"\d+(?:\.\d+)?(?:亩|万?平方米|公顷)[\u4e00-\u9fff]{4}")


def _item_extends_a_name(taken: list[FoundName], start: int, end: int) -> bool:
    """True when the list item ``start:end`` is a found name and more (…体育公园东北侧保障性租赁
    住房): the whole item is the project, the name inside it only its place."""
    inside = [f for f in taken if f.start < end and f.end > start]
    return len(inside) == 1 and inside[0].start == start and end - inside[0].end >= 4


def find_listed_projects(
    folded: str, taken: list[FoundName], long_lists: bool = False
) -> list[FoundName]:
    """Items of a list closed by 等…项目 (A、B、C等重点项目) that carry no head of their own;
    with ``long_lists`` also of a list closed by a long, counted class of projects."""
    found: list[FoundName] = []
    covered = names.Covered((f.start, f.end) for f in taken)
    heads = list(_LIST_HEAD_RE.finditer(folded))
    if long_lists:
        heads += _LONG_LIST_HEAD_RE.finditer(folded)
    for match in heads:
        clause_start = _last_break(_CLAUSE_START_RE, folded, match.start())
        position = clause_start
        items = []
        for item in folded[clause_start : match.start()].split("、"):
            start, end = position, position + len(item)
            position = end + 1
            start = names.cut_left(folded, start, end, _ends_with_project)
            start = strip_leading_words(folded, start, end)
            items.append((start, end))
        kinds = sum(1 for start, end in items if is_kind_phrase(folded[start:end]))
        if len(items) >= 2 and 2 * kinds > len(items):
            continue  # 乡村振兴、医疗卫生、学校改造等项目: kinds of projects, not names
        for start, end in items:
            if covered.overlaps(start, end) and not _item_extends_a_name(taken, start, end):
                continue
            name = folded[start:end]
            if (
                len(name) < 4
                or (name[0].isdigit() and not _AREA_LEAD_RE.match(name))
                or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9()]+", name)
            ):
                continue
            if names.starts_with_count(name) or all(
                word in _GENERIC_WORDS for word in segment.words(name)
            ):
                continue
            found.append(FoundName(start, end, project_key(name)))
    return found


#: Tags of the words of a kind of thing (乡村振兴, 轨道交通): common nouns, verbs and
#: adjectives, where a name has a word jieba cannot tag or tags as a name (nz, nr, ns).
_KIND_TAGS = frozenset(["n", "vn", "v", "l", "a", "an", "ad", "b", "d", "vd", "i"])


def is_kind_phrase(text: str) -> bool:
    """True when ``text`` is made of common words only (学校改造, 轨道交通, 大科学装置): a
    kind of thing, not a name. A single adjective may open it (大, 新), a single noun close
    it (安置房)."""
    tags = segment.tagged(text)
    if not tags:
        return False
    for index, (word, tag) in enumerate(tags):
        opening = index == 0 and tag in ("a", "b")  # 大科学装置
        closing = index == len(tags) - 1 and index > 0 and tag == "n"  # 安置房
        if len(word) == 1 and not (opening or closing):
            return False
        if len(word) > 1 and tag not in _KIND_TAGS:
            return False
    return True


def project_key(name: str) -> str:
    """The grouping key of a project name: without quotes, 核心区 or a trailing 项目."""
    key = name.replace("“", "").replace("”", "").replace('"', "")
    key = re.sub(r"\([^()]{1,6}\)$", "", key.removesuffix("核心区"))
    for tail in ("建设项目", "项目"):
        rest = key.removesuffix(tail)
        if rest != key and (_NAME_END_RE.search(rest) or len(rest) >= 6):
            key = rest
            break
    return key


# Words that put what follows in the future: 预计…竣工 is a plan, not a completion.
_FUTURE_RE = re.compile(r"预计|计划|将|力争|争取|有望|确保|拟|预期")
_FUTURE_REACH = 20


#: How far after a mention its clause or sentence is looked for (the window of _last_break).
_STATUS_REACH = 300
#: The longest status word (4) with its longest lookahead (总建筑面积, 5): a word that starts
#: this close to the end of a part of the block is matched within that part alone.
_STATUS_TAIL = 9


class StatusReader:
    """The statuses of mentions in one folded block, read from one pass over it.

    The status words and the clause and sentence breaks are found once; each mention's
    status is then looked up in them, so a block with many names costs little more than
    one with a few."""

    def __init__(self, folded: str) -> None:
        self.folded = folded
        # Every offset where a status word starts, also inside another (在建成: 建成), in
        # order, with the status of the word found there.
        self._starts: list[int] = []
        self._words: list[str] = []
        for match in _STATUS_WORD_RE.finditer(folded):
            self._starts.append(match.start())
            self._words.append(_STATUS_OF_WORD[match.group(0)])
            for inside in range(match.start() + 1, match.end()):
                again = _STATUS_WORD_RE.match(folded, inside)
                if again:
                    self._starts.append(inside)
                    self._words.append(_STATUS_OF_WORD[again.group(0)])
        # Offsets just after each clause break and each sentence end.
        self._clause_breaks = [m.end() for m in _STATUS_CLAUSE_RE.finditer(folded)]
        self._sentence_breaks = [m.end() for m in _STATUS_SENTENCE_END_RE.finditer(folded)]

    def _break_before(self, breaks: list[int], position: int) -> int:
        """As _last_break: where the clause or sentence holding ``position`` starts."""
        begin = max(0, position - _BREAK_WINDOW)
        index = bisect.bisect_right(breaks, position) - 1
        if index >= 0 and breaks[index] > begin:
            return breaks[index]
        return begin

    def _word_in(self, begin: int, end: int, last: bool) -> tuple[int, str] | None:
        """(offset, status) of the first (or ``last``) status word in ``folded[begin:end]``,
        as a search of that part alone finds it. Inside the part, a word found in the whole
        block is the part's; at the part's first offset (a lookbehind) and in its last
        _STATUS_TAIL offsets (a word or lookahead cut off) the part itself is matched."""
        tail = max(begin + 1, end - _STATUS_TAIL)
        sliced: list[str] = []  # the part, cut from the block when first needed

        def the_part() -> str:
            if not sliced:
                sliced.append(self.folded[begin:end])
            return sliced[0]

        def at_edge(at: int) -> tuple[int, str] | None:
            match = _STATUS_WORD_RE.match(the_part(), at - begin)
            return (at, _STATUS_OF_WORD[match.group(0)]) if match else None

        def in_tail() -> tuple[int, str] | None:
            part = the_part()
            match = _STATUS_WORD_RE.search(part, tail - begin)
            while last and match is not None:  # every later start, also inside a match
                later = _STATUS_WORD_RE.search(part, match.start() + 1)
                if later is None:
                    break
                match = later
            return (begin + match.start(), _STATUS_OF_WORD[match.group(0)]) if match else None

        def inside() -> tuple[int, str] | None:
            low = bisect.bisect_left(self._starts, begin + 1)
            high = bisect.bisect_left(self._starts, tail)
            if low >= high:
                return None
            index = high - 1 if last else low
            return self._starts[index], self._words[index]

        if last:
            return in_tail() or inside() or at_edge(begin)
        return at_edge(begin) or inside() or in_tail()

    def _status_in(self, begin: int, end: int, last: bool) -> str | None:
        """The status word within ``begin:end`` nearest to the mention; one announced for
        the future (预计…竣工, 将…投产) is reported as 计划."""
        if begin >= end:
            return None
        word = self._word_in(begin, end, last)
        if word is None:
            return None
        at, status = word
        if _FUTURE_RE.search(self.folded, max(begin, at - _FUTURE_REACH), at):
            return "计划"
        return status

    def status(self, start: int, end: int) -> str | None:
        """The status reported for the mention at ``start:end`` by its own clause (after the
        mention, then before it), else by the part of its sentence that leads up to it
        (本次集中开工的项目包括A、B): what the sentence goes on to say after the mention's
        clause is about something else."""
        reach = min(len(self.folded), end + _STATUS_REACH)
        index = bisect.bisect_right(self._clause_breaks, end)
        clause_end = reach
        if index < len(self._clause_breaks) and self._clause_breaks[index] - 1 < reach:
            clause_end = self._clause_breaks[index] - 1
        clause_begin = self._break_before(self._clause_breaks, start)
        sentence_begin = self._break_before(self._sentence_breaks, start)
        return (
            self._status_in(end, clause_end, last=False)
            or self._status_in(clause_begin, start, last=True)
            or self._status_in(sentence_begin, clause_begin, last=True)
        )


def status_of(folded: str, start: int, end: int) -> str | None:
    """The status of one mention (see StatusReader.status)."""
    return StatusReader(folded).status(start, end)


def _is_subsequence(short: str, long: str) -> bool:
    position = 0
    for ch in short:
        position = long.find(ch, position) + 1
        if not position:
            return False
    return True


def _same_project(short: str, long: str) -> bool:
    """鲁抗好丽友疫苗工厂 within 鲁抗医药与韩国好丽友公司合资疫苗工厂: same start, same head,
    and every character of the shorter name in order in the longer one."""
    return (
        len(long) > len(short) >= 6
        and short[:2] == long[:2]
        and short[-2:] == long[-2:]
        and _is_subsequence(short, long)
    )


def group(
    found: list[tuple[FoundName, Mention]], kind: str, fuzzy: bool = False, shortest: int = 6
) -> list[NamedEntity]:
    """Group mentions by key; a key that ends another key (with ≤ 4 more characters) joins it,
    and with ``fuzzy`` (projects) so does an abbreviated name (see ``_same_project``)."""
    by_key: dict[str, list[tuple[FoundName, Mention]]] = {}
    for item in found:
        by_key.setdefault(item[0].key, []).append(item)
    keys = sorted(by_key, key=len)
    # Each key joins the first later key (in this order) that ends with it or, with
    # ``fuzzy``, abbreviates to it. The candidates are looked up in two indexes instead
    # of trying every later key: by suffix, and by first and last two characters.
    by_suffix: dict[str, list[int]] = {}
    by_ends: dict[tuple[str, str], list[int]] = {}
    for position, key in enumerate(keys):
        for cut in range(max(1, len(key) - 4), len(key)):
            by_suffix.setdefault(key[-cut:], []).append(position)
        if fuzzy:
            by_ends.setdefault((key[:2], key[-2:]), []).append(position)
    parent = list(range(len(keys)))
    for index, short in enumerate(keys):
        if len(short) < shortest:
            continue
        # Keys ending with ``short`` are longer, so they all come after it.
        close = by_suffix.get(short)
        joined = close[0] if close else len(keys)
        if fuzzy and len(short) >= 6:
            bucket = by_ends.get((short[:2], short[-2:]), [])
            for position in bucket[bisect.bisect_right(bucket, index) :]:
                if position >= joined:
                    break
                if _same_project(short, keys[position]):
                    joined = position
                    break
        if joined < len(keys):
            parent[index] = joined
    # A key's parent comes after it: roots are found from the end in one pass.
    root = list(range(len(keys)))
    for index in range(len(keys) - 1, -1, -1):
        root[index] = index if parent[index] == index else root[parent[index]]
    clusters: dict[str, list[tuple[FoundName, Mention]]] = {}
    for index, key in enumerate(keys):
        clusters.setdefault(keys[root[index]], []).extend(by_key[key])
    entities = []
    order = {id(item): index for index, item in enumerate(found)}
    for items in clusters.values():
        if len(items) == 1:  # most names in a long text: nothing to count or order
            name = fold_width(items[0][1].text).replace("“", "").replace("”", "")
            entities.append(NamedEntity(name=name, kind=kind, mentions=[items[0][1]]))
            continue
        items.sort(key=lambda item: order[id(item)])
        forms = Counter(
            fold_width(mention.text).replace("“", "").replace("”", "") for _, mention in items
        )
        name = max(forms, key=lambda form: (forms[form], -len(form)))
        entities.append(
            NamedEntity(
                name=name,
                kind=kind,
                aliases=sorted(form for form in forms if form != name),
                mentions=[mention for _, mention in items],
            )
        )
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    return entities
