"""The query language and result helpers, without an index."""

from __future__ import annotations

import pytest

from jining_archive.search import Hit, QuerySyntaxError, SearchResults, parse_query, phrase_query
from jining_archive.search.query import And, Kind, Not, Or, Text, Year
from jining_archive.search.results import find_all, make_snippet, merge_spans


def test_plain_words_are_all_required_and_folded() -> None:
    root = parse_query("濟寧  小松").root
    assert root == And((Text("濟寧", "济宁"), Text("小松", "小松")))


def test_phrase_keeps_spaces_and_punctuation() -> None:
    root = parse_query('"回望2023 济宁"').root
    assert root == Text("回望2023 济宁", "回望2023 济宁", quoted=True)


def test_operators_precedence_not_and_or() -> None:
    root = parse_query("小松 OR 鲁抗 AND NOT 山推").root
    assert root == Or(
        (
            Text("小松", "小松"),
            And((Text("鲁抗", "鲁抗"), Not(Text("山推", "山推")))),
        )
    )


def test_parentheses_group() -> None:
    root = parse_query("(小松 OR 鲁抗) 基地").root
    assert root == And((Or((Text("小松", "小松"), Text("鲁抗", "鲁抗"))), Text("基地", "基地")))


def test_field_filters() -> None:
    root = parse_query('title:招商 year:2020-2023 kind:heading,caption title:"国际 合作"').root
    assert root == And(
        (
            Text("招商", "招商", in_title=True),
            Year(2020, 2023),
            Kind(("heading", "caption")),
            Text("国际 合作", "国际 合作", in_title=True, quoted=True),
        )
    )
    assert parse_query("year:２０２４").root == Year(2024, 2024)
    assert parse_query("YEAR:2024..2020").root == Year(2020, 2024)


def test_unknown_field_and_full_width_syntax_are_plain_text() -> None:
    assert parse_query("10:30").root == Text("10:30", "10:30")
    # Full-width parentheses and colon are characters to find; folding makes them ASCII.
    assert parse_query("（一）").root == Text("（一）", "(一)")
    assert parse_query("标题：小松").root == Text("标题：小松", "标题:小松")


def test_lower_case_operators_are_words() -> None:
    assert parse_query("and").root == Text("and", "and")


def test_unquoted_punctuation_is_ignored_quoted_is_searched() -> None:
    assert parse_query("小松 ，").root == Text("小松", "小松")
    assert parse_query('"，"').root == Text("，", ",", quoted=True)


def test_positive_texts_skip_negated_ones() -> None:
    query = parse_query("小松 NOT 鲁抗 title:基地 NOT NOT 山推")
    assert [t.folded for t in query.positive_texts()] == ["小松", "基地", "山推"]


@pytest.mark.parametrize(
    ("query", "message_part"),
    [
        ("", "type a word"),
        ("   　 ", "type a word"),
        ("，。！", "only punctuation"),
        ('"小松', "not closed"),
        ('""', "empty quotation"),
        ("AND", "AND needs a word on each side"),
        ("小松 AND", "AND needs a word on each side"),
        ("OR 小松", "OR needs a word on each side"),
        ("小松 OR OR 鲁抗", "OR needs a word on each side"),
        ("NOT", "NOT needs a word after it"),
        ("小松 NOT", "NOT needs a word after it"),
        ("(小松", "not closed"),
        ("小松)", "no opening one"),
        ("()", "empty parentheses"),
        ("title:", "needs something to look for"),
        ("year:23", "not a year"),
        ("year:2023-", "not a year"),
        ("kind:photo", "kinds are: title, subtitle"),
        ("济" * 10_000, "too long"),
        (" ".join(["小松"] * 65), "too many words"),
        ("(" * 30 + "小松" + ")" * 30, "nested too deeply"),
    ],
)
def test_malformed_queries_give_clear_messages(query: str, message_part: str) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        parse_query(query)
    assert message_part in str(info.value)
    assert "Traceback" not in str(info.value)


def test_phrase_query_round_trips_text() -> None:
    assert parse_query(phrase_query("a (b) OR c:d")).root == Text(
        "a (b) OR c:d", "a (b) or c:d", quoted=True
    )


def test_find_all_counts_overlapping_and_merge_joins_them() -> None:
    assert find_all("哈哈哈", "哈哈") == [(0, 2), (1, 3)]
    assert merge_spans([(1, 3), (0, 2), (5, 6), (6, 7)]) == [(0, 3), (5, 6), (6, 7)]


def test_snippet_centres_on_matches_and_shifts_spans() -> None:
    text = "甲" * 200 + "小松" + "乙" * 200
    snippet, spans = make_snippet(text, [(200, 202)])
    assert snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[s:e] for s, e in spans] == ["小松"]
    short, short_spans = make_snippet("第一行\n小松", [(4, 6)])
    assert short == "第一行 小松" and short_spans == [(4, 6)]


def test_snippet_html_escapes_and_marks() -> None:
    hit = Hit("a", "A", None, "", "b1", "paragraph", 1.0, [(10, 12)], "<x>小松&", [(3, 5)])
    assert hit.snippet_html() == "&lt;x&gt;<mark>小松</mark>&amp;"


def test_by_article_orders_groups_by_best_hit() -> None:
    def hit(article: str, block: str, score: float) -> Hit:
        return Hit(article, article, None, "", block, "paragraph", score, [], "")

    results = SearchResults("q", 3, [hit("x", "b1", 3), hit("y", "b2", 2), hit("x", "b3", 1)])
    assert [(a, [h.block_id for h in hs]) for a, hs in results.by_article()] == [
        ("x", ["b1", "b3"]),
        ("y", ["b2"]),
    ]
