"""Where an exporting command writes: a file (by the rules of
:func:`jining_archive.notes.destination.write_export`) or, for ``-o -``, standard output."""

from __future__ import annotations

import sys
from pathlib import Path

from jining_archive.cli import CommandError
from jining_archive.notes.destination import ExportError, WriteMode, Written, shown, write_all

STDOUT = "-"


def is_stdout(output: Path | str | None) -> bool:
    """True for ``-o -``."""
    return output is not None and str(output) == STDOUT


def write_stdout(data: bytes) -> None:
    """Write ``data`` to standard output, unbuffered where it has a file descriptor, so
    that a failed write leaves nothing behind to fail again at exit."""
    try:
        fd: int | None = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # no file descriptor (a test's capture)
        fd = None
    try:
        sys.stdout.flush()
        if fd is None:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            write_all(fd, data, "standard output")
    except ExportError as exc:
        raise CommandError(str(exc)) from None


def how_written(written: Written) -> str:
    """`` (replaced)`` and the like: what the write did to the file that was there."""
    how = {
        WriteMode.CREATED: "",
        WriteMode.REPLACED: " (replaced)",
        WriteMode.DIRECT: " (written in place: not a regular file)",
    }[written.mode]
    if written.link is not None:
        how += f" through the symbolic link {shown(written.link)}, which was kept"
    return how
