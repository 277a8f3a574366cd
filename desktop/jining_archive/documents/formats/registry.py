"""Pick the reader for a file by its suffix, after checking its size and its content."""

from __future__ import annotations

import os
from pathlib import Path

from jining_archive.documents.formats import MAX_FILE_BYTES, FormatError, SourceText

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")


def read_path(path: Path) -> SourceText:
    """Read the file at ``path`` with the reader for its suffix.

    The size is checked before anything is read, so a huge file is refused without
    being loaded. Raises :class:`FormatError` for every file that cannot be imported.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    _check_suffix(path.name, suffix)
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise FormatError("unreadable", f"{path.name}: cannot be read ({_reason(exc)})") from exc
    if size > MAX_FILE_BYTES:
        raise FormatError(
            "too-large",
            f"{path.name}: the file is {size / 2**20:.0f} MB; "
            f"files larger than {MAX_FILE_BYTES // 2**20} MB are not imported",
        )
    try:
        with open(path, "rb") as handle:
            # Read one byte past the limit: the file may have grown since stat.
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise FormatError("unreadable", f"{path.name}: cannot be read ({_reason(exc)})") from exc
    if len(data) > MAX_FILE_BYTES:
        raise FormatError(
            "too-large",
            f"{path.name}: files larger than {MAX_FILE_BYTES // 2**20} MB are not imported",
        )
    return read_bytes(data, path.name, suffix)


def read_bytes(data: bytes, name: str, suffix: str) -> SourceText:
    """Read ``data`` (the content of a file called ``name``) with the reader for ``suffix``."""
    suffix = suffix.lower()
    if suffix and not suffix.startswith("."):
        suffix = "." + suffix
    _check_suffix(name, suffix)
    if not data.strip():
        raise FormatError("empty", f"{name}: the file is empty")
    # The readers are imported on use: the HTML and PDF libraries take a while to load
    # and most sessions never import a file.
    if suffix in (".txt", ".md", ".markdown"):
        from jining_archive.documents.formats.text import read_text

        return read_text(data, name, suffix)
    if suffix in (".html", ".htm"):
        from jining_archive.documents.formats.html import read_html

        return read_html(data, name)
    if suffix == ".docx":
        from jining_archive.documents.formats.docx import read_docx

        return read_docx(data, name)
    from jining_archive.documents.formats.pdf import read_pdf

    return read_pdf(data, name)


def _check_suffix(name: str, suffix: str) -> None:
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"{suffix} files are" if suffix else "files without a suffix are"
        raise FormatError(
            "unsupported",
            f"{name}: {kind} not supported (supported: {' '.join(SUPPORTED_SUFFIXES)})",
        )


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
