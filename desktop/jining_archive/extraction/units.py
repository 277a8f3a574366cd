"""The units and classifiers a figure can carry, and what kind of figure each makes.

A unit is written after the number (and after any 万/亿 multiplier): 亿元 is
亿 + 元, 万平方米 is 万 + 平方米. Each surface form maps to its kind, the unit
name a figure reports, and a factor into that unit (平米 → 平方米 × 1).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    """What a unit's surface form means."""

    kind: str
    name: str
    factor: float = 1.0


_MONEY = {
    "元": "元",
    "元人民币": "元",
    "块钱": "元",
    "美元": "美元",
    "欧元": "欧元",
    "日元": "日元",
    "英镑": "英镑",
    "港元": "港元",
    "港币": "港元",
    "韩元": "韩元",
    "卢布": "卢布",
    "澳元": "澳元",
    "加元": "加元",
    "新台币": "新台币",
}
_AREA = {
    "平方米": "平方米",
    "平米": "平方米",
    "平方公里": "平方公里",
    "平方千米": "平方公里",
    "亩": "亩",
    "公顷": "公顷",
    "m²": "平方米",
    "m2": "平方米",
    "km²": "平方公里",
}
_LENGTH = {"公里": "公里", "千米": "公里", "米": "米", "厘米": "厘米", "毫米": "毫米", "km": "公里"}
_WEIGHT = {"吨": "吨", "千克": "千克", "公斤": "千克", "克": "克", "斤": "斤", "kg": "千克"}
_POWER = {"马力": "马力", "千瓦": "千瓦", "兆瓦": "兆瓦", "瓦": "瓦", "kw": "千瓦", "mw": "兆瓦"}
_SPEED = {
    "公里每小时": "公里每小时",
    "公里/小时": "公里每小时",
    "千米每小时": "公里每小时",
    "千米/小时": "公里每小时",
    "km/h": "公里每小时",
    "米每秒": "米每秒",
    "米/秒": "米每秒",
}
_DURATION = {
    "个多月": "个月",
    "个月": "个月",
    "年": "年",
    "天": "天",
    "个工作日": "个工作日",
    "工作日": "个工作日",
    "小时": "小时",
    "个小时": "小时",
    "分钟": "分钟",
    "秒钟": "秒",
    "周": "周",
    "个星期": "周",
}
_OTHER = {
    "立方米": "立方米",
    "方": "立方米",
    "岁": "岁",
    "倍": "倍",
    "千瓦时": "千瓦时",
    "度电": "千瓦时",
    "标准箱": "标准箱",
    "户次": "户次",
}


def _words(text: str) -> list[str]:
    return text.split()


# Classifiers that make a count. Several are also the first character of a longer
# unit (个月, 方); the longest surface form always wins.
COUNT_CLASSIFIERS = _words(
    "个 家 项 台 人 名 辆 座 条 所 处 支 件 批 次 种 款 场 套 盆 户 间 栋 层 架 艘 部 篇 本 份 只"
    " 头 株 棵 张 块 起 例 组 轮 类 市 县 位 枚 颗 根 匹 人次 家次 列"
)
# Counts in Chinese numerals are read more strictly: 五位一体, 一支渠 and 三区 are names.
CHINESE_COUNT_CLASSIFIERS = frozenset(
    _words(
        "个 家 项 台 人 名 辆 座 条 所 支 件 次 种 款 场 套 盆 户 间 栋 艘 篇 本 份 只"
        " 株 棵 张 例 组 轮 人次"
    )
)


def _build() -> dict[str, Unit]:
    table: dict[str, Unit] = {}
    for kind, names in (
        ("money", _MONEY),
        ("area", _AREA),
        ("length", _LENGTH),
        ("weight", _WEIGHT),
        ("power", _POWER),
        ("speed", _SPEED),
        ("duration", _DURATION),
        ("other", _OTHER),
    ):
        for surface, name in names.items():
            table[surface] = Unit(kind, name)
    for classifier in COUNT_CLASSIFIERS:
        table.setdefault(classifier, Unit("count", classifier))
    table["个位次"] = Unit("rank", "位次")
    table["位次"] = Unit("rank", "位次")
    table["%"] = Unit("percent", "%")
    # Percentage points are percent figures that keep their own unit (3.1个百分点).
    table["个百分点"] = Unit("percent", "个百分点")
    table["百分点"] = Unit("percent", "个百分点")
    table["‰"] = Unit("percent", "%", 0.1)
    return table


UNITS: dict[str, Unit] = _build()
# Longest first, so that 平方公里 wins over 平方 and 个月 over 个.
UNIT_SURFACES: tuple[str, ...] = tuple(sorted(UNITS, key=len, reverse=True))
