"""The fields every query reads, for every block, as plain lists kept beside the index.

Matching checks each candidate block's folded text, and ranking needs each
match's article, kind, offset, titles and word count. Reading those from
Whoosh's stored fields costs a decompression and an unpickling per block,
which made a common term (济宁: half of all blocks) take most of a second. So
for each segment of the index its columns are kept in a file of their own
(``jining-cols-<segment id>.pickle``), made once when the segment is first
searched (or given by the writer that made it) and loaded whole when an index
is opened. The folded texts of a segment are kept as one UTF-8 byte string
with the offset where each block's text begins: loading it is one copy, not
one object per block nor a decoding of every text, and matching reads a
block's text in place (``bytes.find`` and ``bytes.count`` take bounds). In
UTF-8 a character's bytes never occur inside another's, so a fragment is
found, and counted, in the bytes exactly where it is in the text. Segments never
change after they are written, so a file is valid as long as its segment
exists; files of segments merged away are deleted. Each file starts with its
format and the CRC-32 of what follows: a file damaged on disk is made again
from its segment, never read as wrong columns.
"""

from __future__ import annotations

import os
import pickle
import struct
import threading
import zlib
from array import array
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh.util.numeric import byte_to_length, length_to_byte

from jining_archive import paths
from jining_archive.documents.normalise import fold

PREFIX = "jining-cols-"
#: Bump when what a columns file holds changes (2: a checksum before the data;
#: 3: folded texts joined as UTF-8, with offsets).
FORMAT = 3
_HEADER = struct.Struct("<II")  # format, CRC-32 of the pickled columns


@dataclass(eq=False)
class SegmentColumns:
    """The columns of one segment, by document number within the segment.

    While a segment is being written, folded texts are appended to
    ``folded_parts``; pickled, they are one byte string (see :meth:`joined`).
    """

    article: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    start: array[int] = field(default_factory=lambda: array("I"))
    title: list[str] = field(default_factory=list)
    length: array[int] = field(default_factory=lambda: array("I"))
    #: The folded texts one after another in UTF-8, and where each begins (one
    #: more offset than blocks).
    folded_text: bytes = b""
    folded_start: array[int] = field(default_factory=lambda: array("Q", [0]))
    folded_parts: list[str] = field(default_factory=list)

    def append(
        self, article: str, kind: str, start: int, folded: str, title: str, length: int
    ) -> None:
        """One more document (shared strings stay shared: see :func:`_intern`)."""
        self.article.append(article)
        self.kind.append(kind)
        self.start.append(start)
        self.folded_parts.append(folded)
        self.title.append(title)
        self.length.append(max(1, length))

    def joined(self) -> bytes:
        """Every folded text, one after another, in UTF-8 (offsets in ``folded_start``)."""
        if self.folded_parts:
            pieces = [encoded(text) for text in self.folded_parts]
            end = self.folded_start[-1]
            for piece in pieces:
                end += len(piece)
                self.folded_start.append(end)
            self.folded_text += b"".join(pieces)
            self.folded_parts = []
        return self.folded_text

    def __getstate__(self) -> dict[str, Any]:
        self.joined()
        return dict(self.__dict__)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SegmentColumns):
            return NotImplemented
        return self._compared() == other._compared()

    def _compared(self) -> tuple[Any, ...]:
        # The texts as they read, whether still in parts or already joined.
        folded = self.joined()
        return (
            self.article,
            self.kind,
            self.start,
            folded,
            self.folded_start,
            self.title,
            self.length,
        )

    def __len__(self) -> int:
        return len(self.article)


def encoded(text: str) -> bytes:
    """``text`` as the folded-text column holds it (UTF-8; a lone surrogate kept)."""
    return text.encode("utf-8", "surrogatepass")


class Columns:
    """The columns of a whole index, by global document number (segments in order).

    ``folded_text[folded_start[d]:folded_start[d + 1]]`` is the folded text of
    document ``d`` in UTF-8 (:meth:`folded` decodes it); hot loops search it in
    place with bounds, for needles made with :func:`encoded`.
    """

    def __init__(self, parts: list[SegmentColumns]) -> None:
        self.article: list[str] = []
        self.kind: list[str] = []
        # Arrays, not lists: joined with one copy, and no object per number to make
        # when an index is opened or to free when the process ends.
        self.start: array[int] = array("I")
        self.title: list[str] = []
        self.length: array[int] = array("I")
        self.folded_start: array[int] = array("Q", [0])
        texts: list[bytes] = []
        base = 0
        for part in parts:
            self.article += part.article
            self.kind += part.kind
            self.start += part.start
            self.title += part.title
            self.length += part.length
            text = part.joined()
            offsets = part.folded_start
            self.folded_start.extend(offsets[1:] if not base else (base + o for o in offsets[1:]))
            texts.append(text)
            base += len(text)
        self.folded_text = b"".join(texts)

    def folded(self, docnum: int) -> str:
        """The folded text of one document."""
        starts = self.folded_start
        piece = self.folded_text[starts[docnum] : starts[docnum + 1]]
        return piece.decode("utf-8", "surrogatepass")

    def __len__(self) -> int:
        return len(self.folded_start) - 1


_write_lock = threading.Lock()


def _path(folder: Path, segment_id: str) -> Path:
    return folder / f"{PREFIX}{segment_id}.pickle"


def save(folder: Path, segment_id: str, columns: SegmentColumns) -> None:
    """Keep ``columns`` for the segment (a cache: failing to write it is not an error)."""
    path = _path(folder, segment_id)
    tmp = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        data = pickle.dumps(columns, protocol=pickle.HIGHEST_PROTOCOL)
        # Readable by the user only, like the rest of the index: it holds the texts.
        descriptor = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, paths.PRIVATE_FILE_MODE)
        with open(descriptor, "wb") as out:
            out.write(_HEADER.pack(FORMAT, zlib.crc32(data)))
            out.write(data)
        os.replace(tmp, path)
    except OSError:
        with suppress(OSError):
            tmp.unlink()


def _load(folder: Path, segment_id: str, count: int) -> SegmentColumns | None:
    try:
        raw = _path(folder, segment_id).read_bytes()
        version, crc = _HEADER.unpack_from(raw)
        if version != FORMAT or zlib.crc32(memoryview(raw)[_HEADER.size :]) != crc:
            return None  # another format, or damaged on disk
        columns = pickle.loads(memoryview(raw)[_HEADER.size :])
    except Exception:  # missing, truncated or foreign: made again from the segment
        return None
    if (
        not isinstance(columns, SegmentColumns)
        or len(columns) != count
        or not isinstance(columns.folded_text, bytes)
        or len(columns.folded_start) != count + 1
        or len(columns.folded_text) != columns.folded_start[-1]
    ):
        return None
    return columns


def from_segment(segment_reader: Any) -> SegmentColumns:
    """Read the columns of a segment from its stored fields (deleted documents included)."""
    columns = SegmentColumns()
    shared: dict[str, str] = {}
    perdoc = segment_reader._perdoc
    for docnum in range(segment_reader.doc_count_all()):
        doc = perdoc.stored_fields(docnum)
        columns.append(
            _intern(shared, doc["article_id"]),
            _intern(shared, doc["kind"]),
            int(doc["start"]),
            fold(doc["text"]),  # not stored twice: folding is quick
            _intern(shared, doc["title_folded"]),
            perdoc.doc_field_length(docnum, "words", 1) or 1,
        )
    return columns


def stored_length(words: int) -> int:
    """A field length as Whoosh keeps it (one byte, approximate) and reads it back."""
    return max(1, byte_to_length(length_to_byte(words)))


def _intern(shared: dict[str, str], value: str) -> str:
    return shared.setdefault(value, value)


def load_columns(
    folder: Path, reader: Any, index_name: str, loaded: dict[str, SegmentColumns] | None = None
) -> Columns:
    """The columns of every segment of ``reader``, made and kept where missing.

    ``loaded`` keeps the columns of segments already read, by segment id: a
    segment never changes, so after an update only the new segments are read.
    It is left holding those of ``reader``'s segments only.
    """
    parts = []
    current: dict[str, SegmentColumns] = {}
    for segment_reader, _offset in reader.leaf_readers():
        segment_id = segment_reader.segment().segment_id()
        count = segment_reader.doc_count_all()
        columns = (loaded or {}).get(segment_id)
        if columns is None or len(columns) != count:
            columns = _load(folder, segment_id, count)
        if columns is None:
            columns = from_segment(segment_reader)
            with _write_lock:
                save(folder, segment_id, columns)
        parts.append(columns)
        current[segment_id] = columns
    if loaded is not None:
        loaded.clear()
        loaded.update(current)
    forget_merged(folder, index_name)
    return Columns(parts)


def forget_merged(folder: Path, index_name: str) -> None:
    """Delete the columns of segments whose files are gone (merged away or rebuilt)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    segments = {n.split(".", 1)[0] for n in names if n.startswith(f"{index_name}_")}
    for name in names:
        if name.startswith(PREFIX) and name.endswith(".pickle"):
            segment_id = name[len(PREFIX) : -len(".pickle")]
            if segment_id not in segments:
                with suppress(OSError):
                    (folder / name).unlink()
