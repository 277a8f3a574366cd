"""Why a query was refused, in the interface language. The search module says it in
English, with a code and its details (see ``QuerySyntaxError``); the window says it
from this table, translated like every other text of the interface."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("query", text)


def query_problem_text(code: str, params: dict[str, Any], english: str) -> str:
    """The message for a refused query; the search module's own when the code is unknown."""
    texts = {
        "too-long": _tr("查询太长（{length} 个字符），请搜索更短的片段（最多 {limit} 个字符）"),
        "empty": _tr("请输入要搜索的词语"),
        "too-many-terms": _tr("查询的词语太多，最多 {limit} 个词语和条件"),
        "only-punctuation": _tr(
            '没有可搜索的内容：查询只有标点或符号；要按原样搜索，请加引号，例如 "，"'
        ),
        "field-needs-value": _tr("{field}: 冒号后面要紧跟要找的内容，例如 {example}"),
        "unclosed-quote": _tr('引号（"）没有闭合：补上后引号，或删去它'),
        "empty-quotes": _tr('引号（""）里是空的：请在引号里写要搜索的短语'),
        "unopened-paren": _tr("右括号没有对应的左括号"),
        "unclosed-paren": _tr("括号没有闭合：补上 )"),
        "empty-parens": _tr("括号里是空的：请在括号里写词语，例如 (小松 OR 鲁抗)"),
        "nested-too-deep": _tr("括号嵌套太深"),
        "operator-needs-words": _tr("{operator} 两边都要有词语，例如 小松 {operator} 鲁抗"),
        "not-needs-word": _tr("NOT 后面要有词语，例如 济宁 NOT 小松"),
        "bad-year": _tr("year:{value} 不是年份：请写 year:2023 或范围 year:2020-2023"),
        "bad-kind": _tr("kind:{value} 不是段落类型；可用的类型：{kinds}"),
        "bad-article": _tr(
            "article:{value} 不是文章编号：请写文章列表中的编号，例如 article:2023-intl-parks"
        ),
    }
    text = texts.get(code)
    if text is None:
        return english
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return english
