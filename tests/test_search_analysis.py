"""The analysis chain: grams, jieba words, lazy loading and parallel segmenting."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jining_archive import paths
from jining_archive.library import Library
from jining_archive.search.analysis import (
    GramField,
    WordField,
    fold,
    gram_counts,
    grams,
    has_searchable_text,
    load_jieba,
    query_words,
    segment,
    segment_many,
)


def test_grams_cover_every_character_and_pair() -> None:
    assert grams("济宁高新") == {"济宁", "宁高", "高新", "新"}
    assert grams("") == set()


def test_fold_keeps_length_and_offsets() -> None:
    text = "濟寧高新區ＰＭ２．５，Ｂ型"
    folded = fold(text)
    assert folded == "济宁高新区pm2.5,b型"
    assert len(folded) == len(text)


def test_segment_drops_spaces_and_punctuation_keeps_letters_and_digits() -> None:
    words = segment(fold("培育山推5G工厂，新建5G基站400个。"))
    assert "5g" in words and "400" in words
    assert all(has_searchable_text(w) for w in words)
    assert "，" not in words and "," not in words


def test_field_postings() -> None:
    postings = dict(
        (term, freq) for term, freq, _, _ in WordField().index(["小松", "基地", "小松"])
    )
    assert postings == {"小松".encode(): 2, "基地".encode(): 1}
    assert {term for term, *_ in GramField().index("小松集团")} == {
        g.encode() for g in ("小松", "松集", "集团", "团")
    }


def test_gram_weights_count_occurrences_as_str_count_does(library: Library) -> None:
    # 哈哈 occurs once in 哈哈哈 without overlapping (str.count, and matching, count so);
    # 哈 ends the text and is also its last gram alone.
    assert gram_counts("哈哈哈") == {"哈哈": 1, "哈": 1}
    assert gram_counts("万元万元") == {"万元": 2, "元万": 1, "元": 1}
    weights = {term.decode(): w for term, _, w, _ in GramField().index("高新区高新")}
    assert weights == {"高新": 2.0, "新区": 1.0, "区高": 1.0, "新": 1.0}
    for article in library.articles:
        for block in article.blocks:
            text = fold(block.text)
            counts = gram_counts(text)
            assert set(counts) == grams(text)
            for gram, count in counts.items():
                if len(gram) == 2:
                    assert count == text.count(gram), (block.id, gram)


@pytest.mark.slow
def test_parallel_segmenting_gives_the_same_words(library: Library) -> None:
    texts = [fold(b.text) for a in library.articles[:2] for b in a.blocks]
    # Workers load jieba from this test's cache folder: give them the dictionary
    # cache this process already built, as a second run of the app would find it.
    jieba = load_jieba()
    built = Path(jieba.dt.tmp_dir) / jieba.dt.cache_file
    if built.is_file():
        shutil.copy(built, paths.cache_dir() / "jieba.cache")
    parallel = list(segment_many(texts, workers=2, chunk_chars=1500, min_parallel_chars=0))
    assert parallel == [segment(t) for t in texts]


def test_jieba_loads_lazily_with_its_cache_in_the_cache_folder(tmp_path: Path) -> None:
    env = {**os.environ, paths.HOME_ENV: str(tmp_path)}

    def python(script: str) -> None:
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""  # jieba's "Building prefix dict" chatter is silenced

    python(
        "import sys\n"
        "import jining_archive.library, jining_archive.search, jining_archive.commands.search\n"
        "assert 'jieba' not in sys.modules, 'jieba imported at startup'\n"
        "from jining_archive.library import Library\n"
        "assert Library.open().search('小松').total > 0\n"
        "assert 'jieba' in sys.modules and 'jieba.analyse' not in sys.modules\n"
    )
    assert (tmp_path / "cache" / "jieba.cache").is_file()
    # With the index built, searching needs no jieba at all.
    python(
        "import sys\n"
        "from jining_archive.library import Library\n"
        "assert Library.open().search('营商环').total > 0\n"
        "assert 'jieba' not in sys.modules\n"
    )


def test_query_words_are_the_indexed_words_inside_the_query() -> None:
    vocabulary = {"高新", "新区", "高新区", "管委会", "区", "港"}
    assert query_words("高新区管委会", vocabulary.__contains__) == [
        "高新",
        "高新区",
        "新区",
        "管委会",
    ]
    assert query_words("港", vocabulary.__contains__) == ["港"]
    assert query_words("区", {"高新"}.__contains__) == []
