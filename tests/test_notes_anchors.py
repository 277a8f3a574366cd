"""Anchors re-attach after real edits of a bundled article's source text.

Each test edits the raw text of corpus/articles/002_1819d8ea65dc5648.txt
(2023-intl-parks) the way an edited import or a re-parse would change it, parses
it again and reconciles the stored bookmarks against the new article.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jining_archive import paths
from jining_archive.documents.corpus import read_manifest
from jining_archive.documents.decode import decode_bytes
from jining_archive.documents.model import Article
from jining_archive.documents.parse import parse_article
from jining_archive.notes.anchors import make_anchor, reattach
from jining_archive.notes.model import AnchorState, TargetKind
from jining_archive.notes.store import NoteStore
from jining_archive.notes.targets import passage_bookmark, section_bookmark

ARTICLE_ID = "2023-intl-parks"
# Sentences of the article, read from the source file.
FACTORY = "仅用半年时间就完成1.2万平方米厂房建设"
KOMATSU = (
    "基地预计在2026年3月底建设完成，全部建成后，可实现年产液压挖掘机和重型卡车1万台，产值逾百亿元。"
)
VISITS = "实现走访联系100%、意见诉求收集100%、问题整改和反馈100%。"


def _raw() -> str:
    entry = next(e for e in read_manifest(paths.corpus_dir()) if e.id == ARTICLE_ID)
    text, _ = decode_bytes((paths.corpus_dir() / entry.file).read_bytes())
    return text


def _parse(raw: str) -> Article:
    entry = next(e for e in read_manifest(paths.corpus_dir()) if e.id == ARTICLE_ID)
    return parse_article(raw, ARTICLE_ID, title=entry.title, subtitle=entry.subtitle)


@functools.cache
def _parsed_text() -> str:
    return _parse(_raw()).text


@pytest.fixture
def raw() -> str:
    return _raw()


@pytest.fixture
def store(tmp_path: Path) -> NoteStore:
    with NoteStore(tmp_path / "notes.sqlite3") as s:
        yield s  # type: ignore[misc]


def _bookmark_quote(store: NoteStore, article: Article, quote: str, occurrence: int = 1) -> int:
    start = -1
    for _ in range(occurrence):
        start = article.text.index(quote, start + 1)
    saved = store.add(passage_bookmark(article, start, start + len(quote), note="笔记"))
    return saved.id


def test_the_passages_are_in_the_source(raw: str) -> None:
    assert FACTORY in raw
    assert KOMATSU in raw
    assert VISITS in raw
    assert raw.count("100%") == 3


def test_text_inserted_before_the_passage_moves_the_anchor(store: NoteStore, raw: str) -> None:
    old = _parse(raw)
    bid = _bookmark_quote(store, old, FACTORY)
    before = store.get(bid)
    inserted = "（本报讯）园区新增一处展厅，供来访客商参观。"
    edited = raw.replace("项目是增量之源", inserted + "项目是增量之源", 1)
    new = _parse(edited)

    report = store.reconcile([new])

    after = store.get(bid)
    assert report.checked == 1 and report.moved == 1 and report.detached == 0
    assert after.anchor_state == AnchorState.ATTACHED
    assert after.anchor is not None and before.anchor is not None
    assert after.anchor.start == before.anchor.start + len(inserted)
    assert new.text[after.anchor.start : after.anchor.end] == FACTORY
    assert after.quote == FACTORY == after.original_quote
    assert after.note == "笔记"
    assert after.modified == before.modified  # re-attaching is not an edit by the user


def test_a_new_heading_before_a_section_keeps_the_section(store: NoteStore, raw: str) -> None:
    old = _parse(raw)
    heading = old.section("s2").title
    assert heading == "搭建平台促合作 助力项目建设快马加鞭"
    bid = store.add(section_bookmark(old, "s2", note="平台")).id
    # A new headed section between the first and second: s2 becomes s3 in the new parse.
    # In the source the heading is two lines: 搭建平台促合作 / 助力项目建设快马加鞭.
    edited = raw.replace(
        "搭建平台促合作",
        "园区服务再升级 助力企业发展\n\n"
        "园区本月共接待来访客商十二批次，签约项目三个。\n\n搭建平台促合作",
        1,
    )
    new = _parse(edited)
    assert new.section("s3").title == heading

    store.reconcile([new])

    after = store.get(bid)
    assert after.anchor_state == AnchorState.ATTACHED
    assert after.section_id == "s3"
    assert after.anchor is not None
    assert new.text[after.anchor.start : after.anchor.end] == heading


def test_slightly_changed_passage_reattaches_fuzzily(store: NoteStore, raw: str) -> None:
    old = _parse(raw)
    bid = _bookmark_quote(store, old, KOMATSU)
    changed = KOMATSU.replace("2026年3月底", "2026年6月底").replace("1万台", "1.2万台")
    edited = raw.replace(KOMATSU, changed, 1)
    new = _parse(edited)

    store.reconcile([new])

    after = store.get(bid)
    assert after.anchor_state == AnchorState.FUZZY
    assert after.anchor is not None
    assert after.quote == changed
    assert new.text[after.anchor.start : after.anchor.end] == changed
    assert after.original_quote == KOMATSU  # what the reader bookmarked is remembered


def test_deleted_passage_is_kept_detached(store: NoteStore, raw: str) -> None:
    old = _parse(raw)
    bid = _bookmark_quote(store, old, KOMATSU)
    before = store.get(bid)
    edited = raw.replace(KOMATSU, "", 1)
    new = _parse(edited)
    assert "液压挖掘机" not in new.text

    report = store.reconcile([new])

    after = store.get(bid)
    assert report.detached == 1
    assert after.anchor_state == AnchorState.DETACHED
    assert after.anchor == before.anchor  # quote, context and last offsets all kept
    assert after.note == "笔记"
    assert len(store) == 1


def test_repeated_figure_follows_its_own_context(store: NoteStore, raw: str) -> None:
    old = _parse(raw)
    # The second of the three "100%" in one sentence: 意见诉求收集100%.
    start = old.text.index("意见诉求收集100%") + len("意见诉求收集")
    bid = store.add(passage_bookmark(old, start, start + 4, kind=TargetKind.FIGURE)).id
    inserted = "走访企业覆盖面进一步扩大，"
    edited = raw.replace("实现走访联系", inserted + "实现走访联系", 1)
    new = _parse(edited)

    store.reconcile([new])

    after = store.get(bid)
    assert after.anchor is not None
    assert after.anchor_state == AnchorState.ATTACHED
    label_start = after.anchor.start - len("意见诉求收集")
    assert new.text[label_start : after.anchor.end] == "意见诉求收集100%"


def test_repeated_figure_whose_sentence_is_deleted_is_not_moved(store: NoteStore, raw: str) -> None:
    old = _parse(raw)
    start = old.text.index("意见诉求收集100%") + len("意见诉求收集")
    bid = store.add(passage_bookmark(old, start, start + 4, kind=TargetKind.FIGURE)).id
    # Delete the sentence and put another "100%" in another paragraph, where a careless
    # matcher would jump to it.
    edited = raw.replace(VISITS, "", 1).replace("新增在哥伦比亚国家业务", "合同履约率100%", 1)
    new = _parse(edited)
    assert new.text.count("100%") == 1

    store.reconcile([new])

    assert store.get(bid).anchor_state == AnchorState.DETACHED


def test_reconcile_is_idempotent_and_a_reverted_text_reattaches(store: NoteStore, raw: str) -> None:
    old = _parse(raw)
    bid = _bookmark_quote(store, old, KOMATSU)
    store.reconcile([_parse(raw.replace(KOMATSU, "", 1))])
    assert store.get(bid).is_detached
    assert store.reconcile([_parse(raw.replace(KOMATSU, "", 1))]).checked == 0

    store.reconcile([old])  # the passage is back

    after = store.get(bid)
    assert after.anchor_state == AnchorState.ATTACHED
    assert after.anchor is not None
    assert old.text[after.anchor.start : after.anchor.end] == KOMATSU


def test_full_width_digits_do_not_detach(raw: str) -> None:
    old = _parse(raw)
    start = old.text.index(FACTORY)
    anchor = make_anchor(old.text, start, start + len(FACTORY))
    new = _parse(raw.replace(FACTORY, FACTORY.replace("1.2", "１.２"), 1))

    found = reattach(anchor, new.text)

    assert found.state == AnchorState.ATTACHED
    assert new.text[found.anchor.start : found.anchor.end] == FACTORY.replace("1.2", "１.２")


def test_short_quote_is_never_matched_fuzzily() -> None:
    text = "开头。产值逾百亿元，增长迅速。结尾。"
    anchor = make_anchor(text, text.index("百亿"), text.index("百亿") + 2)
    found = reattach(anchor, "开头。产值逾千亿元，增长迅速。结尾。")
    assert found.state == AnchorState.DETACHED
    assert found.anchor == anchor


def test_make_anchor_keeps_thirty_characters_of_context(raw: str) -> None:
    article = _parse(raw)
    start = article.text.index(FACTORY)
    anchor = make_anchor(article.text, start, start + len(FACTORY))
    assert anchor.quote == FACTORY
    assert anchor.before == article.text[start - 30 : start]
    assert anchor.after == article.text[anchor.end : anchor.end + 30]
    with pytest.raises(ValueError):
        make_anchor(article.text, 10, len(article.text) + 1)


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    inserted=st.text(alphabet="园区项目建设企业服务，。0123456789亿元%", min_size=1, max_size=40),
)
def test_insertions_anywhere_outside_the_passage_keep_it(
    data: st.DataObject, inserted: str
) -> None:
    text = _parsed_text()
    start = text.index(KOMATSU)
    anchor = make_anchor(text, start, start + len(KOMATSU))
    at = data.draw(
        st.one_of(st.integers(0, start), st.integers(start + len(KOMATSU), len(text))),
        label="insert at",
    )
    edited = text[:at] + inserted + text[at:]

    found = reattach(anchor, edited)

    assert found.state == AnchorState.ATTACHED
    assert edited[found.anchor.start : found.anchor.end] == KOMATSU
    assert found.anchor.start == start + (len(inserted) if at <= start else 0)
