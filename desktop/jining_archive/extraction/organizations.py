"""Organisations: companies, groups, institutes and agencies, and their short names.

Three ways in: a registered or institutional head (…有限公司, …集团, …研究院,
…管理委员会, 株式会社…); a rare word followed by an industry word (鲁抗医药,
山推股份, 泰丰智能); and, once a company is known, its brand alone (小松, 凯登,
捷马), wherever it appears, also inside a project's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jining_archive.extraction import names, segment
from jining_archive.extraction.numbers import CN_NUMERAL_CHARS
from jining_archive.extraction.projects import (
    AGENCY_CENTRE_RE,
    PROJECT_HEAD_RE,
    FoundName,
    find_listed_projects,
    is_administrative,
    past_leading_marks,
    strip_leading_words,
)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _word_list(text: str) -> list[str]:
    return text.split()


_COMPANY_HEAD = r"(?:股份有限公司|有限责任公司|有限公司|公司|集团)"
_BODY_HEAD = (
    r"(?:研究院|研究所|研究中心|实验室|大学|学院|医院|银行|委员会|管委会|党工委|工委|监管局|管理局"
    r"|税务局|商务局|分局|宣传部|组织部|统战部|(?:服务|管理|指挥|调度|政务|运营|监测|发展服务)中心"
    r"|协会|商会|交易所|人民政府|市政府|县政府|区政府|发展改革委|发改委|招商局|统计局|经济发展局"
    r"|发展局|财政局|科技局|工信局|经信局|住建局|审批局|市场监管局|自然资源局|生态环境局"
    r"|(?:招商|园区|管委|政府|商务|发改|工信|经信|科技)办(?=主任|副主任|负责人|工作人员)|办公室"
    r"|同学会|联合会|研究会|促进会|学会)"
)
# The central government's bodies, named by their own names alone (国务院批复, 商务部认定).
_NATIONAL_BODY_RE = re.compile(
    r"(?<![省市县区州镇])(?:国务院|国家(?:发展改革委|发改委)|工业和信息化部|工信部|科技部|商务部|财政部|"
    r"自然资源部|生态环境部|交通运输部|农业农村部|海关总署|国家税务总局|国家统计局|"
    r"国家市场监督管理总局|人力资源和社会保障部|住房和城乡建设部|教育部|国家外汇管理局)"
)
# A body's name that runs on (国务院国资委, 商务部研究院): the longer name is found by its head.
_ORG_NAME_GOES_ON_RE = re.compile(r"国资委|研究院|办公厅|[\u4e00-\u9fff]{0,4}(?:司|局|中心)")
# Agencies that the text names by their level alone (区党工委, 市招商局, 省统计局).
_LEVELS = "省市县区镇州"
ORG_HEAD_RE = re.compile(rf"{_COMPANY_HEAD}|{_BODY_HEAD}")
_KABUSHIKI_RE = re.compile(r"株式会社[\u4e00-\u9fff]{2,10}")
INDUSTRY_WORDS = _word_list(
    """
    新材料 商用车 新能源 医药 股份 科技 智能 光电 电子 电器 电气 机械 重工 控股
    药业 制药 生物 化工 航空 能源 物流 汽车 液压 实业 热电 车联 精工 环保
    光学 纺织 食品 建工 置业 传媒 软件 网络 通信 集团
    生化 钢构 建材 纸业 影视 矿业 钢铁 石化 机电 电力
    """
)
_INDUSTRY_RE = re.compile("|".join(INDUSTRY_WORDS))
_GENERIC_ORG_WORDS = _word_set(
    """
    专业 国有 外资 该 本 这家 一家 相关 运营 平台 龙头 配套 合资 子 母 总 分
    控股 投资 国有独资 上市 民营 私营 骨干 重点 领军 链主 科技型 高新技术 中小 大型
    外商 物业 建设 开发 智慧城市 城市 运营商 联合 全资 旗下 下属 各 全体
    其他 有关 金融 保险 证券 咨询 担保 一级 二级 三级 甲等 乙等 一级甲等 三级甲等 三甲
    """
)
_RARE_FREQUENCY = 150
_PLACE_TAGS = ("ns", "nt")
_ORG_GOES_ON_RE = re.compile(r"科技园|园|城|路|站|小区")
_BRAND_TAGS = (None, "nr", "nrt", "nz", "j", "nt", "x", "eng")
_FUNCTION_CHARS = set("和与及的地得在对等是了着过为之将把被从向于以而或且")
# No brand holds these: particles, pronouns and the levels of a place (我县伍星生化: 伍星).
_NOT_IN_BRANDS = _FUNCTION_CHARS | set("我本该其此县市区省镇乡村更多余家个")
_COUNTRY_ABBREVIATIONS = set("中日韩俄美欧德法英澳加印越泰非亚")
_PLACE_FOLLOWS_RE = re.compile(r"[\u4e00-\u9fff]{0,3}(?:小镇|街道|社区|公园|大道|路|镇|村)")
_PARK_AFTER_RE = re.compile(r"产业园|工业园|园区|产业|基地|集群|医药|小镇")
REGION_IN_NAME_RE = re.compile(r"\((?:中国|济宁|山东|上海|北京|天津|青岛|苏州|香港)\)")


def _ends_with_org(text: str) -> bool:
    return len(text) >= 3 and bool(
        re.search(rf"(?:{_COMPANY_HEAD}|{_BODY_HEAD})$", text) or _INDUSTRY_RE.search(text[-3:])
    )


def is_rare_word(word: str) -> bool:
    """True when jieba's dictionary hardly knows ``word`` and does not call it a place."""
    if len(word) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
        return False
    segment.load()
    import jieba
    import jieba.posseg

    frequency = jieba.dt.FREQ.get(word, 0)
    tag = jieba.posseg.dt.word_tag_tab.get(word)
    return (
        frequency < _RARE_FREQUENCY and tag not in _PLACE_TAGS and not (tag or "").startswith("v")
    )


def _proper_noun(word: str) -> bool:
    """True when jieba's dictionary tags ``word`` as an organisation or other proper noun."""
    segment.load()
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab.get(word) in ("nz", "nt")


def _brand_like(word: str) -> bool:
    """A rare proper-name-like word: a possible brand before an industry word (莱恩, 重汽)."""
    if word in names.BOUNDARY_WORDS or word in INDUSTRY_WORDS or word in _GENERIC_ORG_WORDS:
        return False
    if len(word) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
        return False
    segment.load()
    import jieba
    import jieba.posseg

    tag = jieba.posseg.dt.word_tag_tab.get(word)
    return jieba.dt.FREQ.get(word, 0) < _RARE_FREQUENCY and tag in _BRAND_TAGS


def brand_of(name: str, singles_only: bool = False) -> str | None:
    """The short brand of a company name: 凯登 of 凯登制浆设备(中国)有限公司.

    ``singles_only`` accepts only characters jieba cannot make words of (辰欣 of
    辰欣药物研究院), not rare dictionary words (稀土 of 稀土研究院)."""
    text = name.removeprefix("株式会社")
    text = text.split("(", 1)[0]
    words = segment.words(text)
    brand = ""
    for word in words:
        if len(word) == 1 and "\u4e00" <= word <= "\u9fff":
            brand += word
            continue
        if not brand and not singles_only and is_rare_word(word):
            brand = word
        break
    if len(brand) >= 2 and not re.search(_COMPANY_HEAD, brand):
        return brand
    return None


def find_named_organizations(folded: str) -> list[FoundName]:
    """Organisations named by their head (…有限公司, …研究院, 株式会社…) in one block."""
    found: list[FoundName] = []
    ends = segment.word_ends(folded)
    covered = names.Covered()
    for match in _KABUSHIKI_RE.finditer(folded):
        found.append(FoundName(match.start(), match.end(), match.group(0)))
        covered.add(match.start(), match.end())
    for match in _NATIONAL_BODY_RE.finditer(folded):
        if not covered.overlaps(match.start(), match.end()) and not _ORG_NAME_GOES_ON_RE.match(
            folded, match.end()
        ):
            found.append(FoundName(match.start(), match.end(), match.group(0)))
            covered.add(match.start(), match.end())
    for match in ORG_HEAD_RE.finditer(folded):
        head_start, end = match.start(), match.end()
        if covered.overlaps(head_start, head_start + 1):
            continue
        if ORG_HEAD_RE.match(folded, end) or _ORG_GOES_ON_RE.match(folded, end):
            continue
        if end not in ends:
            continue  # 工程机械有限公司 … a head inside a longer word
        if re.match(r"有限|股份|集团", folded[end : end + 2]):
            continue  # 公司 of 公司有限: wait for the full head
        start = names.raw_start(folded, head_start)
        if start == head_start:
            continue
        start = names.cut_left(folded, start, head_start, _ends_with_org)
        company = match.group(0) in ("股份有限公司", "有限责任公司", "有限公司", "公司", "集团")
        start = names.strip_leading(folded, start, end, keep_place=not company)
        start = strip_leading_words(folded, start, head_start)
        name = folded[start:end]
        modifier = folded[start:head_start]
        if not company and len(modifier) < 2 and head_start > 0:
            level = folded[head_start - 1]
            if level in _LEVELS and (modifier == level or not modifier):
                start, modifier, name = head_start - 1, level, folded[head_start - 1 : end]
                found.append(FoundName(start, end, org_key(name)))
                covered.add(start, end)
                continue
        if len(modifier) < 2 or names.starts_with_count(name) or "+" in name:
            continue
        if AGENCY_CENTRE_RE.search(name) and len(modifier) < 2:
            continue
        words = segment.words(modifier)
        if all(word in _GENERIC_ORG_WORDS for word in words):
            continue
        found.append(FoundName(start, end, org_key(name)))
        covered.add(start, end)
    found.extend(_industry_names(folded, found))
    found.extend(_listed_with(folded, found))
    found.extend(_listed_for_projects(folded, found))
    found.extend(_listed_companies(folded, found))
    found.extend(_place_brand_lists(folded, found))
    found.sort(key=lambda f: f.start)
    return found


_LIST_CLAUSE_RE = re.compile(r"[，,。；;：:！!？?\n()]")
_LIST_ITEM_RE = re.compile(r"[\u4e00-\u9fff]{2,8}")
_BODY_END_RE = re.compile(rf"{_BODY_HEAD}$")


def _after_last_boundary(folded: str, start: int, end: int, shortest: int = 3) -> int:
    """Where the first item of a list begins: after the last word that introduces it (包括,
    有) and leaves a name of at least ``shortest`` characters."""
    position, cut = start, start
    for word in segment.words(folded[start:end]):
        position += len(word)
        if word in names.BOUNDARY_WORDS and end - position >= shortest:
            cut = position
    return cut


def _listed_with(folded: str, taken: list[FoundName]) -> list[FoundName]:
    """Short names listed with 、 beside a known company (甲方电子、乙地丙丁、…): the other items
    of that list name companies too."""
    found: list[FoundName] = []
    covered = names.Covered((f.start, f.end) for f in taken)
    done: set[int] = set()
    for known in taken:
        before = folded[known.start - 1 : known.start]
        after = folded[known.end : known.end + 1]
        if "、" not in (before, after) or not (after in "、等" or _LIST_CLAUSE_RE.match(after)):
            continue  # the known company must be a whole item of the list
        clause_start = known.start
        while clause_start > 0 and not _LIST_CLAUSE_RE.match(folded, clause_start - 1):
            clause_start -= 1
            if known.start - clause_start > 200:
                break
        if clause_start in done:
            continue
        done.add(clause_start)
        stop = _LIST_CLAUSE_RE.search(folded, known.end, known.end + 200)
        clause_end = stop.start() if stop else min(len(folded), known.end + 200)
        position = clause_start
        items = folded[clause_start:clause_end].split("、")
        for index, item in enumerate(items):
            start, end = position, position + len(item)
            position = end + 1
            if index == len(items) - 1:
                cut = item.find("等")
                if cut >= 0:
                    end = start + cut
                elif stop is None:
                    continue  # the last item runs on into the sentence
            if index == 0:
                start = _after_last_boundary(folded, start, end)
                start = strip_leading_words(folded, start, end)
            name = folded[start:end]
            if covered.overlaps(start, end) or not _LIST_ITEM_RE.fullmatch(name):
                continue
            words = segment.words(name)
            if PROJECT_HEAD_RE.search(name) or _BODY_END_RE.search(name):
                continue  # a project or a body listed with the company: not a short name
            if any(
                len(w) > 1 and (w in _GENERIC_ORG_WORDS or w in names.BOUNDARY_WORDS) for w in words
            ):
                continue
            found.append(FoundName(start, end, name))
            covered.add(start, end)
    return found


# Items of a project list that name works or places, not companies: roads, plants, schools,
# islands, phases …
_WORKS_END_RE = re.compile(
    r"(?:[厂路道桥站馆场线楼港村镇城所学校院岛湖湾]|[东西南北]延|[一二三四五]期|一体化|改造|提升|整治)$"
)
# Lists whose items are companies: 以A、B为龙头, A、B及C等(知名)企业.
_PROJECT_LIST_COMPANY_MAX = 5
_LEADERS_RE = re.compile(
    r"以([^，,。；;：:！!？?\n以]{2,40}?)等?为(?:龙头|引领|核心|牵引|纽带|代表|主体)"
)
_COMPANIES_AFTER_RE = re.compile(
    r"等(?!地|城市|省|市|县|国|地区)(?:\d+|[一二两三四五六七八九十百]+)?(?:家|个)?"
    r"(?:[\u4e00-\u9fff]{0,6}?(?:企业|公司|集团)|[\u4e00-\u9fff]{0,14}?(?<!等)项目)"
)
# Where a listed name ends: punctuation, the end of a list (等) or a coordinator.
_ITEM_ENDS_RE = re.compile(r"[^\u4e00-\u9fff]|[等和与及]|$")
_KINDS_LISTED_RE = re.compile(r"领域|行业|类|方面")
_COMPANY_ITEM_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,8}")
_ITEM_SPLIT_RE = re.compile(r"[、及]")


def _has_generic_word(words: tuple[str, ...]) -> bool:
    """True when a word of a short name is a common word of kinds (装备, 产业, 技术 …)."""
    return any(len(word) > 1 and word in _KIND_WORDS for word in words)


_KIND_WORDS = _word_set(
    """
    产业 装备 技术 高端 节能 项目 工程 领域 行业 制造 设备 材料 服务 基础设施 配套
    民生 城建 社会 事业 文旅 旅游 农业 工业 商贸 物流 流通 智能 数字 绿色 新型
    """
)


_CLAUSE_RE = re.compile(r"[^，,。；;：:！!？?\n()]+")
_PLACE_BRAND_LIST_MIN = 3
_PLACE_ENDS = ("区", "市", "县", "省", "镇", "州", "园", "城", "港", "湾", "岛")


def _place_brand(folded: str, start: int, end: int) -> bool:
    """True for a city or province, then a short name that is neither a place nor a kind of
    thing: 常州瑞德丰, 福建星云 (a company listed by where it is from)."""
    words = segment.words(folded[start:end])
    if len(words) < 2 or not is_administrative(words[0]):
        return False
    rest = folded[start + len(words[0]) : end]
    if not 2 <= len(rest) <= 4 or not _COMPANY_ITEM_RE.fullmatch(rest):
        return False
    if rest.endswith(_PLACE_ENDS) or _has_generic_word(segment.words(rest)):
        return False
    return not is_administrative(rest)


def _place_brand_lists(folded: str, taken: list[FoundName]) -> list[FoundName]:
    """Companies in a list whose items are mostly a city and a short name (包括常州瑞德丰、
    苏州斯莱克、福建星云): three or more such items make each of them a company."""
    if folded.count("、") < _PLACE_BRAND_LIST_MIN - 1:
        return []
    found: list[FoundName] = []
    covered = names.Covered((f.start, f.end) for f in taken)
    for clause in _CLAUSE_RE.finditer(folded):
        if clause.group(0).count("、") < _PLACE_BRAND_LIST_MIN - 1:
            continue
        items: list[tuple[int, int]] = []
        position = clause.start()
        parts = clause.group(0).split("、")
        for index, part in enumerate(parts):
            start, end = position, position + len(part)
            position = end + 1
            if index == 0:
                start = _after_last_boundary(folded, start, end, shortest=2)
            if index == len(parts) - 1 and "等" in part:
                end = start + part.index("等")
            if _place_brand(folded, start, end) and not covered.overlaps(start, end):
                items.append((start, end))
        if len(items) >= _PLACE_BRAND_LIST_MIN:
            for start, end in items:
                found.append(FoundName(start, end, folded[start:end]))
                covered.add(start, end)
    return found


_COMPANY_OF_PROJECT_RE = re.compile(r"([\u4e00-\u9fff]{2,5})(?:建设)?项目")
_NAME_TAGS = ("nr", "nrt", "nz", "nt")


def company_of_project(name: str) -> str | None:
    """The company a project is named by (西门子 of 西门子项目, 杭萧钢构 of 杭萧钢构项目, 澳都 of
    澳都服装制造项目), or None. The part before 项目 is short, names no place or kind of
    thing, and is a name jieba knows as one or cannot make words of; or the name opens with
    characters jieba cannot make words of, then a word of what the project makes."""
    match = _COMPANY_OF_PROJECT_RE.fullmatch(name)
    if match is None:
        return _brand_opening(name) or _brand_of_a_local_base(name)
    company = match.group(1)
    words = segment.words(company)
    if is_administrative(words[0]) or _has_generic_word(words) or company.endswith(_PLACE_ENDS):
        return None
    if any(word in _GENERIC_ORG_WORDS or word in INDUSTRY_WORDS for word in words[:1]):
        return None
    tags = segment.tagged(company)
    singles = sum(1 for word, _ in tags if len(word) == 1)
    if singles >= 2 or all(tag in _NAME_TAGS for _, tag in tags):
        return company
    return None


_BRAND_OPENING_MAX = 4
# What a maker's project makes or holds (a brand may open its name) …
_MAKES_RE = re.compile(
    "制造|生产|研发|加工|装备|设备|零部件|医疗|医药|制剂|智能|新能源|材料|电子|汽车|食品|鞋"
    "|服装|纺织|化工|科技|技术|产业化|车间|生产线|工厂|机械|电器"
)
# … and the works of a place, which its name opens instead (小镇, 公园, 路, 工程).
_PUBLIC_WORK_RE = re.compile("小镇|公园|立交|[路桥]|工程|商城|示范镇|处理厂|城市更新|景观")
_UNIT_CHARS = frozenset("吨个家亩台件条套只头")
# Words that end a firm's own name (杰耀鞋业, 金龙重工), not what a project makes; and words
# of the trade ending in 业 (鞋业, 纸业, 药业).
_FIRM_SUFFIXES = frozenset(["重工", "精工", "钢构", "制药", "传媒", "控股", "股份"])


def _brand_opening(name: str) -> str | None:
    """A brand that opens a project's name: two to four characters jieba leaves one by one
    (澳都, 埃顿, 睿斯科), none a particle, a level of place or all countries (中德), before a
    word of two or more characters; with an industry word after it (杰耀鞋业) the company's
    name keeps it."""
    tags = segment.tagged(name)
    singles = 0
    for word, _ in tags:
        if len(word) != 1:
            break
        singles += 1
    if not 2 <= singles <= _BRAND_OPENING_MAX or singles == len(tags):
        return None
    brand = name[:singles]
    if len(brand) > 2 and brand.endswith("新"):
        brand, singles = brand[:-1], singles - 1  # 小松新基地: 新 (new) is the base's
    rest = name[singles:]
    if not _MAKES_RE.search(rest) or _PUBLIC_WORK_RE.search(rest):
        return None  # 蓼河公园, 柳行汽车文旅小镇: a place's works, not a maker's project
    if brand[0] in _UNIT_CHARS or any(
        ch in _NOT_IN_BRANDS or not "\u4e00" <= ch <= "\u9fff" for ch in brand
    ):
        return None
    if all(ch in _COUNTRY_ABBREVIATIONS or ch in CN_NUMERAL_CHARS for ch in brand):
        return None  # 中德产业园, 三一: countries or numbers, not a brand of their own
    following = tags[singles][0]
    if following.endswith("业") or following in _FIRM_SUFFIXES:
        return brand + following  # 杰耀鞋业生产项目: the company is 杰耀鞋业 (a firm's trade)
    return brand  # 澳都服装制造项目: 服装 is what the project makes


_LOCAL_BASE_RE = re.compile(r"(?:制造|生产|研发)?(?:基地|工厂)(?:项目)?$")


def _brand_of_a_local_base(name: str) -> str | None:
    """The company of its base in a city (天际 of 天际新能源汽车泉州基地, 比亚迪 of 比亚迪长沙
    工厂): a name, then only industry words, then a place, then 基地 or 工厂."""
    tags = segment.tagged(name)
    if len(tags) < 3 or not _LOCAL_BASE_RE.search(name):
        return None
    place = next((i for i, (_, tag) in enumerate(tags) if tag == "ns" and i > 0), None)
    if place is None or not _LOCAL_BASE_RE.fullmatch("".join(w for w, _ in tags[place + 1 :])):
        return None
    brand, tag = tags[0]
    if not 2 <= len(brand) <= 4 or tag not in ("n", "nz", "nr", "nrt", "j", "x"):
        return None
    if brand in INDUSTRY_WORDS or brand in _GENERIC_ORG_WORDS or brand in _KIND_WORDS:
        return None
    trade = [word for word, _ in tags[1:place]]
    if not all(word in INDUSTRY_WORDS for word in trade):
        return None
    # One trade word makes the firm's name (天际汽车泉州制造基地); more say what the base
    # makes (天际新能源汽车泉州基地: the company is 天际).
    return brand + trade[0] if len(trade) == 1 else brand


def _listed_companies(folded: str, taken: list[FoundName]) -> list[FoundName]:
    """Companies named without a head as items of a list of companies: 以世纪阳光为龙头,
    瑞丰集团及民营500强红星美凯龙等知名企业."""
    spans: list[tuple[int, int, int]] = []  # (begin, stop, longest item)
    for match in _LEADERS_RE.finditer(folded):
        begin, stop = match.span(1)
        listed = folded.rfind("等", begin, stop)
        spans.append((begin, listed if listed > begin else stop, 8))  # 以A、B等…企业为牵引
    for match in _COMPANIES_AFTER_RE.finditer(folded):
        if _KINDS_LISTED_RE.search(match.group(0)):
            continue  # 电子信息、集成电路等领域企业: the items are fields, not companies
        begin = match.start()
        while begin > 0 and not _LIST_CLAUSE_RE.match(folded, begin - 1):
            begin -= 1
            if match.start() - begin > 120:
                break
        # In a list of projects only a short item is a company (京东方、长虹等…项目).
        longest = _PROJECT_LIST_COMPANY_MAX if match.group(0).endswith("项目") else 8
        spans.append((begin, match.start(), longest))
    found: list[FoundName] = []
    covered = names.Covered((f.start, f.end) for f in taken)
    for begin, stop, longest in spans:
        position = begin
        for index, item in enumerate(_ITEM_SPLIT_RE.split(folded[begin:stop])):
            start, end = position, position + len(item)
            position = end + 1
            if index == 0:
                start = _after_last_boundary(folded, start, end, shortest=2)
            start = strip_leading_words(folded, start, end)
            while start < end and folded[start] == " ":
                start += 1
            name = folded[start:end]
            if covered.overlaps(start, end) or not _COMPANY_ITEM_RE.fullmatch(name):
                continue
            if len(name) > longest or names.starts_with_count(name):
                continue  # 40多家泳装: a count of companies, not one
            words = segment.words(name)
            if all(word in _GENERIC_ORG_WORDS or word in names.BOUNDARY_WORDS for word in words):
                continue
            if PROJECT_HEAD_RE.search(name) or _BODY_END_RE.search(name):
                continue
            in_projects = longest == _PROJECT_LIST_COMPANY_MAX
            works = _WORKS_END_RE.search(name) and (in_projects or len(name) >= 4)  # 长城
            if works or _has_generic_word(words):
                continue  # 济宁大道东延, 高端装备: works and kinds listed with projects
            tags = segment.tagged(name)
            if len(tags) == 1 and tags[0][1] in ("n", "v", "vn", "a"):
                continue  # a common word, not a company's name (a place may be: 长城)
            found.append(FoundName(start, end, name))
            covered.add(start, end)
    return found


#: Longest item of a 等…项目 list read as the company whose project it is.
_LISTED_COMPANY_MAX = 7


def _listed_for_projects(folded: str, taken: list[FoundName]) -> list[FoundName]:
    """Short items of a list closed by 等…项目 (横店影视、步步高等商贸流通项目): companies
    listed for their projects, named without a head of their own."""
    found: list[FoundName] = []
    covered = names.Covered((f.start, f.end) for f in taken)
    for item in find_listed_projects(folded, taken):
        if item.end - item.start > _LISTED_COMPANY_MAX or covered.overlaps(item.start, item.end):
            continue
        name = folded[item.start : item.end]
        if PROJECT_HEAD_RE.search(name) or _BODY_END_RE.search(name) or _WORKS_END_RE.search(name):
            continue  # a project, a work (济宁大道东延, 污水处理厂) or a body of its own
        found.append(FoundName(item.start, item.end, name))
        covered.add(item.start, item.end)
    return found


def _industry_names(folded: str, taken: list[FoundName]) -> list[FoundName]:
    """Short company names: a word jieba does not know, then an industry word (泰丰智能)."""
    found: list[FoundName] = []
    covered = names.Covered((f.start, f.end) for f in taken)
    words, offsets = segment.word_offsets(folded)
    tokens = list(zip(offsets, words, strict=False))
    starts = dict(zip(offsets, range(len(words)), strict=False))
    ends = set(offsets[1:])
    by_end = dict(zip(offsets[1:], tokens, strict=False))
    for match in _INDUSTRY_RE.finditer(folded):
        # jieba knows some companies whole (山推股份/nz): a proper noun ending in an industry word.
        at, word = by_end.get(match.end(), (0, ""))
        if _PARK_AFTER_RE.match(folded, match.end()):
            continue  # 嘉祥化工产业园, 海洋生物医药: a park or a sector named by place and trade
        if len(word) >= 4 and _proper_noun(word) and is_rare_word(word):
            if not covered.overlaps(at, match.end()):
                found.append(FoundName(at, match.end(), word[: len(word) - len(match.group(0))]))
                covered.add(at, match.end())
            continue
        start, end = match.start(), match.end()
        index = starts.get(start)
        if end not in ends:
            continue  # 智能化: the industry word is part of a longer word
        if index is None or covered.overlaps(start, end):
            continue
        brand_start = start
        singles = 0
        cursor = index - 1
        while cursor >= 0 and singles < 4:
            at, word = tokens[cursor]
            if len(word) != 1 or not "\u4e00" <= word <= "\u9fff" or word in _NOT_IN_BRANDS:
                break
            brand_start, singles, cursor = at, singles + 1, cursor - 1
        if singles < 2:
            if singles or index == 0 or not _brand_like(tokens[index - 1][1]):
                continue
            brand_start = tokens[index - 1][0]
        brand_start = past_leading_marks(folded, brand_start, start)
        brand = folded[brand_start:start]
        if len(brand) < 2 or brand in _GENERIC_ORG_WORDS or brand in names.BOUNDARY_WORDS:
            continue
        if all(ch in _COUNTRY_ABBREVIATIONS for ch in brand):
            continue  # 日俄新材料: countries, not a company
        if _PLACE_FOLLOWS_RE.match(folded, end):
            continue  # 柳行汽车文旅小镇: a place named after the road, not a company
        tail = _INDUSTRY_RE.match(folded, end)
        if tail and tail.end() in ends and _ITEM_ENDS_RE.match(folded, tail.end()):
            # 爱呢新能源汽车等: a second industry word ending the item is the name's.
            end = tail.end()
        found.append(FoundName(brand_start, end, brand))
        covered.add(brand_start, end)
    return found


def org_key(name: str) -> str:
    """The grouping key of an organisation name (locative prefix dropped)."""
    start = names.strip_leading(name, 0, len(name))
    return name[start:]


def find_brand_mentions(
    folded: str, brands: Iterable[str], taken: list[FoundName]
) -> list[FoundName]:
    """Occurrences of known brands (小松, 凯登) not already inside a found organisation."""
    return BrandMatcher(brands).find(folded, taken)


class BrandMatcher:
    """Finds known brands in a text; made once for a set of brands, used on many blocks."""

    # Left to right, the longest brand at each place, the next looked for after it (what an
    # alternation of the brands, longest first, finds). One regex alternation of every brand
    # is quadratic when there are thousands: each place tries them all.
    def __init__(self, brands: Iterable[str]) -> None:
        self.known = frozenset(brand for brand in brands if brand)
        lengths: dict[str, set[int]] = {}
        for brand in self.known:
            lengths.setdefault(brand[0], set()).add(len(brand))
        self._lengths = {ch: sorted(sizes, reverse=True) for ch, sizes in lengths.items()}
        self._first = (
            re.compile("[" + "".join(re.escape(ch) for ch in self._lengths) + "]")
            if self._lengths
            else None
        )

    def find(self, folded: str, taken: list[FoundName]) -> list[FoundName]:
        """Brand mentions in ``folded`` outside the ``taken`` names."""
        if self._first is None:
            return []
        known, lengths, first = self.known, self._lengths, self._first
        found: list[FoundName] = []
        covered: names.Covered | None = None
        position = 0
        while (candidate := first.search(folded, position)) is not None:
            start = candidate.start()
            brand = next(
                (
                    folded[start : start + size]
                    for size in lengths[folded[start]]
                    if folded[start : start + size] in known
                ),
                "",
            )
            if not brand:
                position = start + 1
                continue
            position = end = start + len(brand)
            if covered is None:
                covered = names.Covered((f.start, f.end) for f in taken)
            if covered.overlaps(start, start + 1):
                continue
            tail = _INDUSTRY_RE.match(folded, end)
            if tail and not PROJECT_HEAD_RE.match(folded, tail.end()):
                end = tail.end()  # 长城重工; in 长城新能源基地 the company is 长城
            found.append(FoundName(start, end, brand))
        return found
