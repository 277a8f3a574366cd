"""The bulk segment writer writes the postings Whoosh's own writer writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from jining_archive.library import Library
from jining_archive.search.analysis import fold, segment
from jining_archive.search.index import build_schema
from jining_archive.search.writer import BulkSegmentWriter


def _write(folder: Path, writer_class: type, library: Library, merged: bool = False) -> dict:
    folder.mkdir()
    ix = FileStorage(str(folder)).create_index(build_schema(), indexname="MAIN")
    # Every block twice: common grams then fill more than one block of 128 postings.
    # With ``merged``, the second copy goes in a second commit that merges the first
    # segment into its own (as Whoosh's merge policy does after small updates).
    copies = [library.articles, library.articles]
    writer = writer_class(ix)
    for number, articles in enumerate(copies):
        if merged and number == 1:
            writer.commit()
            writer = writer_class(ix)
        for article in articles:
            for block in article.blocks:
                text = fold(block.text)
                writer.add_document(
                    article_id=article.id,
                    kind=str(block.kind),
                    year=f"{article.year:04d}" if article.year else None,
                    words=segment(text),
                    grams=text,
                    title=fold(article.title),
                    block_id=block.id,
                    start=block.start,
                    text=block.text,
                )
    writer.commit(optimize=True)
    postings: dict = {}
    with ix.reader() as reader:
        for fieldname, tbytes in reader.all_terms():
            matcher = reader.postings(fieldname, tbytes)
            items = []
            while matcher.is_active():
                items.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            postings[(fieldname, tbytes)] = items
        stored = [reader.stored_fields(n) for n in range(reader.doc_count_all())]
        lengths = [reader.doc_field_length(n, "words") for n in range(reader.doc_count_all())]
        info = {key: (reader.doc_frequency(*key), reader.frequency(*key)) for key in postings}
    return {"postings": postings, "stored": stored, "lengths": lengths, "info": info}


@pytest.mark.parametrize("merged", [False, True], ids=["one commit", "merging a segment"])
def test_same_postings_stored_fields_and_lengths(
    tmp_path: Path, library: Library, merged: bool
) -> None:
    ours = _write(tmp_path / "bulk", BulkSegmentWriter, library, merged)
    whoosh = _write(tmp_path / "whoosh", SegmentWriter, library, merged)
    assert len(ours["postings"]) > 1000
    assert max(len(items) for items in whoosh["postings"].values()) > 128
    assert ours["postings"].keys() == whoosh["postings"].keys()
    for key, items in whoosh["postings"].items():
        assert ours["postings"][key] == items, key
    assert ours["info"] == whoosh["info"]
    assert ours["stored"] == whoosh["stored"]
    assert ours["lengths"] == whoosh["lengths"]


def test_columns_kept_by_the_writer_equal_those_read_back(tmp_path: Path, library: Library) -> None:
    from jining_archive.search import SearchIndex
    from jining_archive.search.columns import _load, from_segment

    index = SearchIndex(tmp_path / "index")
    index.ensure(library.articles)
    ix = FileStorage(str(index.folder)).open_index("MAIN")
    with ix.reader() as reader:
        for segment_reader, _ in reader.leaf_readers():
            segment_id = segment_reader.segment().segment_id()
            kept = _load(index.folder, segment_id, segment_reader.doc_count_all())
            assert kept is not None  # written with the segment, not on first search
            assert kept == from_segment(segment_reader)
    # A damaged columns file is made again from the segment.
    (path,) = index.folder.glob("jining-cols-*.pickle")
    path.write_bytes(b"garbage")
    index.close()
    hits = index.search("小松", limit=1000, articles={a.id: a for a in library.articles})
    assert hits.total > 0
    assert path.read_bytes() != b"garbage"


def test_folded_texts_are_found_and_counted_in_their_bytes_as_in_the_text(
    tmp_path: Path,
) -> None:
    # Matching and ranking search one UTF-8 string of all texts with each block's
    # byte bounds; every answer must be the one the block's own text gives.
    from jining_archive.search.columns import Columns, SegmentColumns, encoded, load_columns
    from jining_archive.search.columns import save as save_columns

    texts = [
        "济宁高新区济宁",
        "ab济宁ab",
        "𠀀济𠀀宁𠀀",  # characters beyond the BMP: four bytes each
        "",
        "宁济宁济宁济",
        "aaaa",
        "孤\ud800立",  # a lone surrogate, as an undecodable file name might leave
    ]
    needles = ["济宁", "宁", "济", "𠀀", "a", "aa", "ab", "宁济", "\ud800", "高新区济宁", "x"]
    parts = [SegmentColumns(), SegmentColumns()]
    for number, text in enumerate(texts):
        parts[number % 2].append(f"a{number}", "paragraph", 0, text, "", 1)
    # Through a columns file, as a search reads them.
    for number, part in enumerate(parts):
        save_columns(tmp_path, f"MAIN_{number}", part)

    class Segment:
        def __init__(self, number: int) -> None:
            self.number = number

        def segment(self) -> Segment:
            return self

        def segment_id(self) -> str:
            return f"MAIN_{self.number}"

        def doc_count_all(self) -> int:
            return len(parts[self.number])

    class Reader:
        def leaf_readers(self) -> list[tuple[Segment, int]]:
            return [(Segment(0), 0), (Segment(1), len(parts[0]))]

    columns = load_columns(tmp_path, Reader(), "MAIN")
    assert isinstance(columns, Columns)
    order = texts[0::2] + texts[1::2]  # segment by segment
    assert len(columns) == len(order)
    for docnum, text in enumerate(order):
        assert columns.folded(docnum) == text
        begin, end = columns.folded_start[docnum], columns.folded_start[docnum + 1]
        for needle in needles:
            wanted = encoded(needle)
            assert (columns.folded_text.find(wanted, begin, end) >= 0) == (needle in text)
            assert columns.folded_text.count(wanted, begin, end) == text.count(needle)
