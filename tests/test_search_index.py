"""The search index over the bundled archive: grep-exact matching, ranking, highlights.

The index of the whole archive is built once per session; tests that damage,
lock or update an index build their own small one.
"""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from jining_archive.documents.model import Article
from jining_archive.documents.normalise import fold
from jining_archive.library import Library
from jining_archive.search import (
    IndexBusyError,
    IndexDamagedError,
    QuerySyntaxError,
    SearchIndex,
    SearchIndexError,
    SearchResults,
    phrase_query,
)
from jining_archive.search.index import LOCK_NAME, MANIFEST_NAME

ALL = 100_000  # a limit above the number of blocks: every hit


@pytest.fixture(scope="session")
def built_index(library: Library, tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    """The index of the whole bundled archive, built once."""
    index = SearchIndex(tmp_path_factory.mktemp("search") / "index")
    assert index.ensure(library.articles) == ["search index has been built"]
    return index


@pytest.fixture(scope="session")
def folded_blocks(library: Library) -> dict[tuple[str, str], str]:
    """Every block's folded text, by (article id, block id): what grep would search."""
    return {(a.id, b.id): fold(b.text) for a in library.articles for b in a.blocks}


def block_ids(results: SearchResults) -> set[tuple[str, str]]:
    return {(hit.article_id, hit.block_id) for hit in results.hits}


def grep(folded_blocks: dict[tuple[str, str], str], fragment: str) -> set[tuple[str, str]]:
    needle = fold(fragment)
    return {key for key, text in folded_blocks.items() if needle in text}


# --- matching is grep's -----------------------------------------------------


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_random_fragments_find_exactly_the_blocks_containing_them(
    data: st.DataObject,
    library: Library,
    built_index: SearchIndex,
    folded_blocks: dict[tuple[str, str], str],
) -> None:
    article = data.draw(st.sampled_from(library.articles), label="article")
    length = data.draw(st.integers(2, 8), label="length")
    start = data.draw(st.integers(0, len(article.text) - length), label="start")
    fragment = article.text[start : start + length]
    assume('"' not in fragment)
    expected = grep(folded_blocks, fragment)

    results = built_index.search(phrase_query(fragment), limit=ALL)
    assert block_ids(results) == expected
    assert results.total == len(expected)

    # Typed without quotes, a fragment that is one plain word behaves the same.
    plain = not any(ch.isspace() or ch in '()":' for ch in fragment)
    if plain and any(ch.isalnum() for ch in fragment):
        assert block_ids(built_index.search(fragment, limit=ALL)) == expected


def test_every_short_fragment_of_one_article_finds_exactly_its_blocks(
    library: Library, built_index: SearchIndex, folded_blocks: dict[tuple[str, str], str]
) -> None:
    article = library.article("2023-climb-higher")
    fragments = {
        article.text[i : i + n]
        for n in (2, 3, 4)
        for i in range(len(article.text) - n + 1)
        if '"' not in article.text[i : i + n]
    }
    assert len(fragments) > 3000
    wrong = []
    for fragment in sorted(fragments):
        got = block_ids(built_index.search(phrase_query(fragment), limit=ALL))
        if got != grep(folded_blocks, fragment):
            wrong.append(fragment)
    assert wrong == []


def test_fragments_that_jieba_segments_differently_are_found(
    built_index: SearchIndex, folded_blocks: dict[tuple[str, str], str]
) -> None:
    # From the issue: 快马 (in 快马加鞭), 营商环 (typing in progress), 市管 (城市管理).
    for fragment in ("快马", "营商环", "市管"):
        expected = grep(folded_blocks, fragment)
        assert expected, fragment
        assert block_ids(built_index.search(fragment, limit=ALL)) == expected


def test_single_character_finds_every_block_containing_it(
    built_index: SearchIndex, folded_blocks: dict[tuple[str, str], str]
) -> None:
    for char in ("港", "鲁", "5", "。"):
        query = f'"{char}"' if char == "。" else char
        assert block_ids(built_index.search(query, limit=ALL)) == grep(folded_blocks, char)


def test_traditional_and_full_width_input_match_simplified_and_ascii(
    built_index: SearchIndex,
) -> None:
    def same(a: str, b: str) -> None:
        left, right = built_index.search(a, limit=ALL), built_index.search(b, limit=ALL)
        assert left.total > 0
        assert [(h.block_id, h.article_id, h.matches) for h in left.hits] == [
            (h.block_id, h.article_id, h.matches) for h in right.hits
        ]

    same("濟寧", "济宁")
    same("濟寧高新區", "济宁高新区")
    same("５ｇ", "5G")
    same("pm2.5", "PM2.5")


# --- query language over the index -------------------------------------------


def test_boolean_queries_combine_block_sets(
    built_index: SearchIndex, folded_blocks: dict[tuple[str, str], str]
) -> None:
    def ids(query: str) -> set[tuple[str, str]]:
        return block_ids(built_index.search(query, limit=ALL))

    komatsu, lukang = grep(folded_blocks, "小松"), grep(folded_blocks, "鲁抗")
    zone = grep(folded_blocks, "高新区")
    assert ids("小松 OR 鲁抗") == komatsu | lukang
    assert ids("小松 AND 高新区") == ids("小松 高新区") == komatsu & zone
    assert ids("高新区 NOT 小松") == zone - komatsu
    assert ids("NOT 高新区") == set(folded_blocks) - zone
    assert ids("(小松 OR 鲁抗) NOT 高新区") == (komatsu | lukang) - zone


def test_filters_by_year_kind_and_title(library: Library, built_index: SearchIndex) -> None:
    def ids(query: str) -> set[tuple[str, str]]:
        return block_ids(built_index.search(query, limit=ALL))

    assert ids("小松 year:2023") == {
        (a.id, b.id)
        for a in library.articles
        if a.year == 2023
        for b in a.blocks
        if "小松" in b.text
    }
    assert ids("kind:caption") == {
        (a.id, b.id) for a in library.articles for b in a.blocks if b.kind == "caption"
    }
    # 2023-intl-parks has 国际合作 in its title: every block of it, and no other block.
    intl = library.article("2023-intl-parks")
    assert ids("title:国际合作") == {(intl.id, b.id) for b in intl.blocks}
    # Section s3 of 2020-eight-roads is headed 提速推进水系贯通工程.
    roads = library.article("2020-eight-roads")
    section_blocks = {(roads.id, b.id) for b in roads.blocks_in("s3")}
    assert ids("title:水系贯通") == section_blocks


def test_malformed_query_raises_query_syntax_error(built_index: SearchIndex) -> None:
    for query in ('"小松', "AND", "  ", "kind:photo"):
        with pytest.raises(QuerySyntaxError):
            built_index.search(query)


# --- results: offsets, snippets, ranking --------------------------------------


def test_hits_are_limited_to_the_articles_given(library: Library, built_index: SearchIndex) -> None:
    # The index holds all five; a caller that knows only two (an update not yet
    # written) gets hits in those two only.
    known = {a.id: a for a in library.articles[:2]}
    results = built_index.search("小松", limit=ALL, articles=known)
    assert results.hits
    assert {hit.article_id for hit in results.hits} <= set(known)
    assert results.total == len(results.hits)


def test_every_article_mentioning_komatsu_is_found_with_exact_offsets(
    library: Library, built_index: SearchIndex
) -> None:
    articles = {a.id: a for a in library.articles}
    results = built_index.search("小松", limit=ALL, articles=articles)
    mentioning = {a.id for a in library.articles if "小松" in a.text}
    assert len(mentioning) == 5
    assert {hit.article_id for hit in results.hits} == mentioning
    found = sorted((hit.article_id, span) for hit in results.hits for span in hit.matches)
    expected = sorted(
        (a.id, (i, i + 2)) for a in library.articles for i in _positions(a.text, "小松")
    )
    assert found == expected
    for hit in results.hits:
        article = articles[hit.article_id]
        block = article.block(hit.block_id)
        assert all(block.start <= s < e <= block.end for s, e in hit.matches)
        assert [hit.snippet_text[s:e] for s, e in hit.snippet_spans] == ["小松"] * len(
            hit.snippet_spans
        )
        assert hit.snippet_spans
        assert hit.snippet_html().count("<mark>小松</mark>") == len(hit.snippet_spans)
        assert hit.article_title == article.title
        if hit.section_id:
            assert hit.section_title == article.section(hit.section_id).title


def _positions(text: str, needle: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(needle, i)]


def test_traditional_query_highlights_the_original_characters(
    library: Library, built_index: SearchIndex
) -> None:
    articles = {a.id: a for a in library.articles}
    results = built_index.search("高新區", limit=ALL)
    assert results.total > 50
    for hit in results.hits:
        for start, end in hit.matches:
            assert articles[hit.article_id].text[start:end] == "高新区"


def test_every_matched_word_of_a_query_is_highlighted(
    library: Library, built_index: SearchIndex
) -> None:
    results = built_index.search("小松 基地", limit=ALL)
    article_text = {a.id: a.text for a in library.articles}
    for hit in results.hits:
        texts = {article_text[hit.article_id][s:e] for s, e in hit.matches}
        assert texts == {"小松", "基地"}


def test_a_heading_match_outranks_passing_mentions(built_index: SearchIndex) -> None:
    # 2020-eight-roads: heading b7 "提速推进水系贯通工程"; paragraphs mention 水系 in passing.
    first = built_index.search("水系").hits[0]
    assert (first.article_id, first.block_id, first.kind) == ("2020-eight-roads", "b7", "heading")
    # Heading b29 "做好人才创新支撑的文章" beats paragraphs naming 人才 several times.
    first = built_index.search("人才").hits[0]
    assert (first.article_id, first.block_id) == ("2020-eight-roads", "b29")


def test_an_article_dense_with_the_term_outranks_a_single_mention(
    built_index: SearchIndex,
) -> None:
    # 2023-intl-parks names 小松 six times; 2020-eight-roads once (以小松系、艾美科健等为纽带).
    order = [article for article, _ in built_index.search("小松").by_article()]
    assert order[0] == "2023-intl-parks"
    assert order[-1] == "2020-eight-roads"
    # 国际合作: eight times in 2023-intl-parks (and its title); twice in 2020-eight-roads.
    order = [article for article, _ in built_index.search("国际合作").by_article()]
    assert order.index("2023-intl-parks") < order.index("2020-eight-roads")


def test_limit_keeps_the_best_hits_and_the_total(built_index: SearchIndex) -> None:
    full = built_index.search("济宁", limit=ALL)
    top = built_index.search("济宁", limit=5)
    assert top.total == full.total > 5
    assert top.hits == full.hits[:5]
    assert [h.score for h in full.hits] == sorted((h.score for h in full.hits), reverse=True)


def test_concurrent_searches_from_threads_agree(built_index: SearchIndex) -> None:
    queries = ["小松", "济宁", "营商环", "高新区 NOT 小松", "year:2024 项目"]
    expected = {q: block_ids(built_index.search(q, limit=ALL)) for q in queries}
    failures: list[str] = []

    def worker() -> None:
        for _ in range(5):
            for q in queries:
                if block_ids(built_index.search(q, limit=ALL)) != expected[q]:
                    failures.append(q)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


# --- the index on disk: updates, damage, locks ---------------------------------


@pytest.fixture
def two_articles(library: Library) -> list[Article]:
    return [library.article("2023-climb-higher"), library.article("2023-intl-parks")]


def _seg_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.seg"))


def test_missing_index_is_built_and_reused(tmp_path: Path, two_articles: list[Article]) -> None:
    index = SearchIndex(tmp_path / "index")
    with pytest.raises(SearchIndexError, match="not been built"):
        index.search("小松")
    progress: list[tuple[int, int]] = []
    messages = index.ensure(two_articles, progress=lambda d, t: progress.append((d, t)))
    assert messages == ["search index has been built"]
    blocks = sum(len(a.blocks) for a in two_articles)
    assert progress[0] == (0, blocks) and progress[-1] == (blocks, blocks)
    assert index.ensure(two_articles) == []
    assert index.search("快马").total == 2


def test_deleted_index_folder_is_rebuilt(tmp_path: Path, two_articles: list[Article]) -> None:
    index = SearchIndex(tmp_path / "index")
    index.ensure(two_articles)
    before = block_ids(index.search("小松", limit=ALL))
    index.close()
    shutil.rmtree(tmp_path / "index")
    assert index.ensure(two_articles) == ["search index has been built"]
    assert block_ids(index.search("小松", limit=ALL)) == before


def test_truncated_index_file_is_detected_and_rebuilt(
    tmp_path: Path, two_articles: list[Article]
) -> None:
    index = SearchIndex(tmp_path / "index")
    index.ensure(two_articles)
    before = block_ids(index.search("小松", limit=ALL))
    index.close()
    seg = _seg_files(tmp_path / "index")[0]
    seg.write_bytes(seg.read_bytes()[: seg.stat().st_size // 2])
    reopened = SearchIndex(tmp_path / "index")
    assert reopened.ensure(two_articles) == ["search index was damaged and has been rebuilt"]
    assert block_ids(reopened.search("小松", limit=ALL)) == before


def test_garbage_in_the_index_folder_is_rebuilt(
    tmp_path: Path, two_articles: list[Article]
) -> None:
    index = SearchIndex(tmp_path / "index")
    index.ensure(two_articles)
    index.close()
    for path in (tmp_path / "index").iterdir():
        if path.name != LOCK_NAME:
            path.write_bytes(b"\x00garbage")
    assert index.ensure(two_articles) == ["search index was damaged and has been rebuilt"]
    assert index.search("小松").total > 0


def test_index_of_another_version_is_rebuilt(tmp_path: Path, two_articles: list[Article]) -> None:
    index = SearchIndex(tmp_path / "index")
    index.ensure(two_articles)
    manifest_path = tmp_path / "index" / MANIFEST_NAME
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["version"]["analysis"] = -1
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    assert index.ensure(two_articles) == [
        "search index was made by another version and has been rebuilt"
    ]


def test_damage_found_while_searching_is_reported_then_rebuilt(
    tmp_path: Path, two_articles: list[Article]
) -> None:
    index = SearchIndex(tmp_path / "index")
    index.ensure(two_articles)
    index.close()
    for seg in _seg_files(tmp_path / "index"):
        data = bytearray(seg.read_bytes())
        data[len(data) // 3 :] = b"\xff" * (len(data) - len(data) // 3)  # same size, bad bytes
        seg.write_bytes(bytes(data))
    with pytest.raises(IndexDamagedError, match="rebuilt"):
        for query in ("小松", "济宁", "国际合作", "year:2023", "港"):
            index.search(query, limit=ALL)
    assert index.ensure(two_articles) == ["search index was damaged and has been rebuilt"]
    assert index.search("小松").total > 0


def test_library_search_recovers_from_a_damaged_index(library: Library) -> None:
    index = library.search_index()
    assert library.search("小松").total > 0
    index.close()
    for seg in _seg_files(index.folder):
        seg.write_bytes(b"")
    assert library.search("小松").total > 0
    # Deleted while the program runs (its searcher still open): rebuilt on the next search.
    shutil.rmtree(index.folder)
    assert library.search("小松").total > 0
    assert (index.folder / MANIFEST_NAME).is_file()


def test_locked_index_gives_a_clear_message(tmp_path: Path, two_articles: list[Article]) -> None:
    from whoosh.filedb.filestore import FileStorage

    folder = tmp_path / "index"
    folder.mkdir()
    lock = FileStorage(str(folder)).lock(LOCK_NAME)
    assert lock.acquire(blocking=False)
    try:
        index = SearchIndex(folder)
        index.lock_timeout = 0.2
        with pytest.raises(IndexBusyError, match="another copy of Jining Archive"):
            index.ensure(two_articles)
    finally:
        lock.release()
    index.ensure(two_articles[:1])
    assert lock.acquire(blocking=False)
    try:
        # A usable but out-of-date index is still searched, with a message.
        messages = index.ensure(two_articles)
        assert messages and "results may be incomplete" in messages[0]
        assert index.search("小松").total > 0
        with pytest.raises(IndexBusyError):
            index.add_or_replace(two_articles[1])
    finally:
        lock.release()


def test_cancelled_build_leaves_no_half_index(tmp_path: Path, two_articles: list[Article]) -> None:
    index = SearchIndex(tmp_path / "index")
    assert index.ensure(two_articles, cancel=lambda: True) == ["search index update was cancelled"]
    with pytest.raises(SearchIndexError):
        index.search("小松")
    assert index.ensure(two_articles) == ["search index has been built"]


def test_articles_are_added_replaced_and_removed_without_a_rebuild(
    tmp_path: Path, two_articles: list[Article]
) -> None:
    climb, intl = two_articles
    index = SearchIndex(tmp_path / "index")
    index.ensure([climb])
    build = json.loads((tmp_path / "index" / MANIFEST_NAME).read_text(encoding="utf-8"))["build"]
    assert {h.article_id for h in index.search("小松", limit=ALL).hits} == {climb.id}

    assert index.ensure([climb, intl]) == ["search index updated: 1 added, 0 changed, 0 removed"]
    assert {h.article_id for h in index.search("小松", limit=ALL).hits} == {climb.id, intl.id}

    # An edited article: one block's text replaced (offsets of later blocks shift).
    block = climb.blocks[5]
    new_text = "新增段落提到松小两字。"
    edited_blocks = list(climb.blocks)
    shift = len(new_text) - len(block.text)
    edited_blocks[5] = type(block)(
        block.id, block.kind, new_text, block.start, block.start + len(new_text), block.section_id
    )
    for i in range(6, len(edited_blocks)):
        b = edited_blocks[i]
        edited_blocks[i] = type(b)(
            b.id, b.kind, b.text, b.start + shift, b.end + shift, b.section_id
        )
    edited = Article(
        id=climb.id,
        title=climb.title,
        text=climb.text[: block.start] + new_text + climb.text[block.end :],
        blocks=edited_blocks,
        sections=climb.sections,
        date=climb.date,
    )
    index.add_or_replace(edited)
    hits = index.search("松小两字").hits
    assert [(h.article_id, h.block_id) for h in hits] == [(climb.id, block.id)]
    start = edited.text.index("松小两字")
    assert hits[0].matches == [(start, start + 4)]
    later = edited_blocks[8]
    fragment = later.text[:6]
    moved = [
        h for h in index.search(phrase_query(fragment), limit=ALL).hits if h.article_id == climb.id
    ]
    assert moved[0].matches[0][0] == later.start

    index.remove(intl.id)
    assert {h.article_id for h in index.search("小松", limit=ALL).hits} <= {climb.id}
    assert index.ensure([edited]) == []
    manifest = json.loads((tmp_path / "index" / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["build"] == build  # never rebuilt from scratch


def test_searching_goes_on_while_an_update_is_written(
    tmp_path: Path, two_articles: list[Article]
) -> None:
    climb, intl = two_articles
    index = SearchIndex(tmp_path / "index")
    index.ensure([climb])
    before = block_ids(index.search("小松", limit=ALL))
    seen: list[set[tuple[str, str]]] = []
    errors: list[BaseException] = []
    updating = threading.Thread(target=lambda: index.ensure([climb, intl]))
    updating.start()
    while updating.is_alive() or not seen:
        try:
            seen.append(block_ids(index.search("小松", limit=ALL)))
        except BaseException as exc:  # any failure is the test's failure
            errors.append(exc)
            break
    updating.join()
    assert errors == []
    after = block_ids(index.search("小松", limit=ALL))
    assert all(found in (before, after) for found in seen)
    assert {article for article, _ in after} == {climb.id, intl.id}


def _title_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record every title whose words are read from an index's stored fields."""
    from jining_archive.search.matching import StoredTexts

    reads: list[int] = []
    original = StoredTexts.title_words

    def counting(self: StoredTexts, docnum: int) -> Any:
        if self.columns.title[docnum] not in self._title_words:
            reads.append(docnum)
        return original(self, docnum)

    monkeypatch.setattr(StoredTexts, "title_words", counting)
    return reads


def _ranked(results: SearchResults) -> list[tuple[str, str, float]]:
    return [(h.article_id, h.block_id, h.score) for h in results.hits]


def test_the_title_table_is_kept_beside_the_index_and_gives_the_same_results(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jining_archive.search.index import TITLES_NAME

    folder = tmp_path / "index"
    first = SearchIndex(folder)
    first.ensure(library.articles)
    articles = {a.id: a for a in library.articles}
    queries = ("小松", "title:招商 项目", "园区 OR 基地", "year:2023 济宁")
    reads = _title_reads(monkeypatch)
    before = [first.search(q, limit=ALL, articles=articles) for q in queries]
    # Every distinct title (article title and headings above a block) read once.
    distinct = {
        fold("\n".join([a.title, a.subtitle] if a.subtitle else [a.title]))
        for a in library.articles
    }
    assert len(reads) >= len(distinct) > 1
    kept = folder / TITLES_NAME
    assert kept.is_file()
    # Another process opening the same index takes the words from the kept table.
    reads.clear()
    second = SearchIndex(folder)
    after = [second.search(q, limit=ALL, articles=articles) for q in queries]
    assert reads == []
    for a, b in zip(before, after, strict=True):
        assert _ranked(a) == _ranked(b)
    # A table kept for another build, or a damaged file, is not used.
    for content in ('{"index": ["other", 1], "titles": []}', "not json"):
        kept.write_text(content, encoding="utf-8")
        third = SearchIndex(folder)
        reads.clear()
        again = third.search("title:招商 项目", limit=ALL, articles=articles)
        assert len(reads) >= len(distinct)
        assert _ranked(again) == _ranked(before[1])


def test_after_an_update_only_the_new_titles_are_read(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    *older, newest = library.articles
    index = SearchIndex(tmp_path / "index")
    index.ensure(older)
    index.search("济宁")  # the table is made and kept
    reads = _title_reads(monkeypatch)
    index.add_or_replace(newest)
    articles = {a.id: a for a in library.articles}
    updated = index.search("济宁 项目", limit=ALL, articles=articles)
    # Only titles of the new article's blocks were read from its stored fields.
    assert reads and {index._stored.columns.article[d] for d in reads} == {newest.id}
    # The same ranking as an index built with every article at once.
    fresh = SearchIndex(tmp_path / "fresh")
    fresh.ensure(library.articles)
    assert _ranked(updated) == _ranked(fresh.search("济宁 项目", limit=ALL, articles=articles))


@pytest.mark.parametrize("query", ["的", "济宁", "高新区 OR 项目", "kind:paragraph 发展"])
def test_the_best_few_hits_are_the_first_of_all_ranked(
    library: Library, built_index: SearchIndex, query: str
) -> None:
    # Ranking keeps only the hits asked for; they must be the head of the whole order,
    # ties broken the same way (a common character gives many equal scores).
    articles = {a.id: a for a in library.articles}
    everything = built_index.search(query, limit=100_000, articles=articles)
    assert everything.total == len(everything.hits) > 10
    for limit in (1, 7, 10):
        few = built_index.search(query, limit=limit, articles=articles)
        assert few.total == everything.total
        assert few.hits == everything.hits[:limit]
