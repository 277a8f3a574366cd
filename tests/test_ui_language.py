"""One language throughout: a refused query is explained in the interface language,
every kind of refusal has its Chinese text, and English falls back to the search
module's own words (offscreen)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from jining_archive.search.query import MAX_QUERY_CHARS, QuerySyntaxError, parse_query
from jining_archive.ui.i18n import LanguageSwitcher
from jining_archive.ui.search_controller import QueryProblem

pytestmark = [pytest.mark.gui]

# One malformed query for each way a query can be refused.
MALFORMED = {
    "too-long": "济" * (MAX_QUERY_CHARS + 1),
    "empty": "   ",
    "only-punctuation": "。。",
    "field-needs-value": "title: 小松",
    "unclosed-quote": '"小松',
    "empty-quotes": '""',
    "unopened-paren": "小松 )",
    "unclosed-paren": "(小松 OR 鲁抗",
    "empty-parens": "()",
    "nested-too-deep": "(" * 60 + "小松" + ")" * 60,
    "operator-needs-words": "小松 AND",
    "not-needs-word": "济宁 NOT",
    "bad-year": "year:20x3",
    "bad-kind": "kind:poem",
    "bad-article": "article:café",
}
# Words of the query language that stay as they are in any language.
KEEP = {"NOT", "AND", "OR", "year", "kind", "title", "x3", "poem", "caption", "article", "caf",
        "intl", "parks"}  # fmt: skip


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[LanguageSwitcher]:
    switcher = LanguageSwitcher()
    switcher.apply("zh_CN")
    yield switcher
    switcher.apply("zh_CN")


def _problem(query: str) -> QueryProblem:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    return QueryProblem.of(caught.value)


@pytest.mark.parametrize("code", sorted(MALFORMED))
def test_each_refusal_is_said_in_chinese(chinese: LanguageSwitcher, code: str) -> None:
    problem = _problem(MALFORMED[code])
    assert problem.code == code
    text = problem.text()
    assert text != problem.message
    assert re.search(r"[\u4e00-\u9fff]", text)
    english_words = set(re.findall(r"[A-Za-z]{2,}", text)) - KEEP
    kinds = set(problem.params.get("kinds", "").replace("-", " ").replace(",", " ").split())
    assert english_words <= kinds, text  # only the names of passage kinds stay English


def test_details_are_filled_in(chinese: LanguageSwitcher) -> None:
    text = _problem(MALFORMED["too-long"]).text()
    assert str(MAX_QUERY_CHARS + 1) in text and str(MAX_QUERY_CHARS) in text
    assert "year:20x3" in _problem(MALFORMED["bad-year"]).text()
    assert "AND 两边" in _problem(MALFORMED["operator-needs-words"]).text()


@pytest.mark.parametrize("code", sorted(MALFORMED))
def test_the_english_interface_says_it_in_english(chinese: LanguageSwitcher, code: str) -> None:
    chinese.apply("en")
    problem = _problem(MALFORMED[code])
    text = problem.text()
    assert not re.search(r"[\u4e00-\u9fff]", text.replace("小松", "").replace("鲁抗", "")
                         .replace("济宁", "").replace("，", ""))  # fmt: skip
    # The same words as the command line's message (the search module's English).
    assert text == problem.message
