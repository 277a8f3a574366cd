"""The fast segmenter gives exactly jieba's search-mode words.

The index segments with rjieba where it agrees with jieba (see
``jining_archive.search.analysis.segment``). These tests compare the two
block by block on the bundled texts, on the benchmark archive and on the saved
pages of the development set; any difference would change ranking.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jining_archive.import_bench import generated_articles
from jining_archive.library import Library
from jining_archive.search import analysis
from jining_archive.search.analysis import fold, segment, segment_jieba

DEVSET = Path(__file__).parent / "devset"


def _differences(texts: list[str]) -> list[tuple[str, list[str], list[str]]]:
    out = []
    for text in texts:
        fast, reference = segment(text), segment_jieba(text)
        if fast != reference:
            out.append((text[:40], fast[:20], reference[:20]))
    return out


def test_rjieba_is_used() -> None:
    # Without it the comparisons below would compare jieba with itself.
    assert analysis._load_rjieba() is not None


def test_same_words_as_jieba_on_the_bundled_texts(library: Library) -> None:
    texts = [fold(b.text) for a in library.articles for b in a.blocks]
    texts += [fold(t) for a in library.articles for t in (a.title, a.subtitle) if t]
    assert len(texts) > 200
    assert _differences(texts) == []


def test_same_words_as_jieba_on_the_benchmark_archive() -> None:
    texts = []
    for item in generated_articles(120):
        texts.append(fold(item.title))
        texts.append(fold(item.heading))
        texts.extend(fold(p) for p in item.paragraphs)
    assert _differences(texts) == []


def test_same_words_as_jieba_on_saved_pages() -> None:
    texts = []
    for path in sorted(DEVSET.glob("*.txt")):
        texts.extend(fold(line) for line in path.read_text(encoding="utf-8").splitlines())
    assert len(texts) > 100
    assert _differences(texts) == []


@pytest.mark.parametrize(
    "text",
    # Runs with jieba's symbols, where rjieba alone differs: it adds "pm2" and keeps "a.b".
    ["确保pm2.5浓度持续改善", "a.b", "增长12.5%", "c++与c#", "5g基站400个"],
)
def test_runs_with_symbols_keep_jieba_words(text: str) -> None:
    assert segment(text) == segment_jieba(text)


def test_without_rjieba_jieba_alone_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "_rjieba_tried", True)
    monkeypatch.setattr(analysis, "_rjieba_module", None)
    text = fold("济宁高新区小松全球智能制造产业基地，总投资12.5亿元。")
    assert segment(text) == segment_jieba(text)
    assert "小松" in segment(text)
