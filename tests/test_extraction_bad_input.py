"""Bad input: empty, no Chinese, huge, absurd and malformed numbers, adversarial strings."""

from __future__ import annotations

import time

import pytest

from jining_archive.documents.model import Article, Block, BlockKind
from jining_archive.extraction import extract_entities, extract_figures


def article_of(text: str) -> Article:
    """A one-block article."""
    blocks = [Block("b1", BlockKind.PARAGRAPH, text, 0, len(text))] if text else []
    return Article("bad", "t", text, blocks, [], date="2024")


def run_all(text: str) -> None:
    """Both extractors over ``text``: they must not raise."""
    article = article_of(text)
    for figure in extract_figures(article):
        assert article.text[figure.start : figure.end] == figure.text
    extract_entities([article])


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no chinese here, just 42 words and 3.14 and e-mail a@b.c",
        "1..2亿元, 亿亿元, 万万人, 三三两两个, 1,,000元, ..%, %%, 第第名",
        "1" + "0" * 30 + "亿元",
        "9" * 500 + "万元",
        "“”“”《《》》（（））",
        "\x00\x01\ufffd\u200b项目\ud7ff基地",
    ],
    ids=lambda text: f"{text[:8]}…{len(text)}",
)
def test_odd_texts_do_not_raise(text: str) -> None:
    """No exception, and offsets still point at the figure text."""
    run_all(text)


def test_absurd_magnitude_is_finite() -> None:
    """10^30 亿元 is read as a (huge) finite number; a 500-digit string is no figure."""
    found = extract_figures(article_of("投资" + "1" + "0" * 30 + "亿元。"))
    assert len(found) == 1 and found[0].value == pytest.approx(1e38)
    assert all(
        f.value is None or f.value < float("inf")
        for f in extract_figures(article_of("9" * 500 + "万元"))
    )


@pytest.mark.parametrize(
    "text",
    [
        "1" * 20_000 + "亿",
        "一二三四五六七八九十百千万亿" * 3000,
        "1.1.1.1.1." * 4000 + "亿元",
        "推动" * 10_000 + "项目",
        "“" * 10_000 + "项目" + "”" * 10_000,
        ("济宁高新区" + "、") * 5000 + "等重点项目",
        "2023年" * 5000,
        "第" * 20_000 + "1名",
        "(" * 20_000 + "有限公司",
    ],
    ids=lambda text: f"{text[:8]}…{len(text)}",
)
def test_adversarial_strings_finish_quickly(text: str) -> None:
    """No catastrophic backtracking: each long adversarial string is done within seconds."""
    started = time.perf_counter()
    run_all(text)
    assert time.perf_counter() - started < 10


@pytest.mark.slow
def test_five_megabyte_article() -> None:
    """A 5 MB article of repeated real sentences: figures within a time bound, entities linear.

    Entities are checked on the first megabyte (jieba segmentation dominates and is linear)."""
    sentence = (
        "今年济宁高新区将重点聚焦总投资1306亿元的181个项目建设，推动山推机械四产品生产线建设。\n"
    )
    count = 5_000_000 // len(sentence)
    started = time.perf_counter()
    found = extract_figures(article_of(sentence * count))
    assert len(found) == 2 * count
    assert time.perf_counter() - started < 120
    started = time.perf_counter()
    projects, _ = extract_entities([article_of(sentence * (count // 5))])
    assert [p.name for p in projects] == ["山推机械四产品生产线"]
    assert len(projects[0].mentions) == count // 5
    assert time.perf_counter() - started < 120
