"""Index files read in place from the memory map, not copied whole when opened.

Whoosh 2.7.4 maps each segment file into memory, then wraps every part of it
that a reader opens (terms, postings, stored fields, lengths) in a
``BufferFile``, whose ``io.BytesIO`` copies the whole part: a search process
copied most of the index (190 MB of segments at 10,000 articles), touching
every page, to read the few blocks a query needs.
:class:`MappedBufferFile` reads through the map instead; the bytes read are
the same. Installed for the pinned Whoosh version only (see :func:`install`).
"""

from __future__ import annotations

import os
from contextlib import suppress
from typing import Any

from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile


class MappedReader:
    """A read-only file over a memoryview that reads without copying the whole view."""

    def __init__(self, view: Any) -> None:
        self._view = memoryview(view)
        self._length = len(self._view)
        self._pos = 0
        self.closed = False

    def read(self, size: int | None = -1) -> bytes:
        """Up to ``size`` bytes from the current position (all that is left when -1)."""
        start = self._pos
        end = self._length if size is None or size < 0 else min(self._length, start + size)
        if end <= start:
            return b""
        self._pos = end
        return bytes(self._view[start:end])

    def readinto(self, target: Any) -> int:
        """Fill ``target`` from the current position; returns the number of bytes read."""
        out = memoryview(target).cast("B")
        start = self._pos
        end = min(self._length, start + len(out))
        count = max(0, end - start)
        out[:count] = self._view[start : start + count]
        self._pos = start + count
        return count

    def readline(self, size: int | None = -1) -> bytes:
        """The bytes up to and including the next newline (or ``size`` bytes)."""
        limit = self._length if size is None or size < 0 else min(self._length, self._pos + size)
        end = self._pos
        while end < limit:
            chunk = bytes(self._view[end : min(limit, end + 256)])
            found = chunk.find(b"\n")
            if found >= 0:
                end += found + 1
                break
            end += len(chunk)
        return self.read(end - self._pos)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        """Move to ``offset`` (from the start, the current position or the end)."""
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self._length}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        """The current position."""
        return self._pos

    def close(self) -> None:
        """Let go of the view (the map itself is closed by its storage)."""
        self.closed = True
        with suppress(BufferError):  # a part still read elsewhere keeps it
            self._view.release()

    def __iter__(self) -> Any:
        while line := self.readline():
            yield line


class MappedBufferFile(BufferFile):
    """Whoosh's ``BufferFile`` reading through :class:`MappedReader` instead of a copy."""

    def __init__(self, buf: Any, name: str | None = None, onclose: Any = None) -> None:
        self._buf = buf
        self._name = name
        self.file = MappedReader(buf)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False


def install() -> None:
    """Make Whoosh's compound (segment) files open their parts as MappedBufferFile.

    Only for Whoosh 2.7.4, whose ``CompoundStorage.open_file`` this was written
    against (``pyproject.toml`` pins it); any other version is left as it is.
    """
    import whoosh

    if whoosh.versionstring() == "2.7.4" and compound.BufferFile is BufferFile:
        compound.BufferFile = MappedBufferFile
