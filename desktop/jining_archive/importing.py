"""Importing files: from the bytes of one file to an :class:`Article` ready for the catalogue.

One pipeline for every source, the bundled texts included: a format reader
(``documents.formats``) gives lines and the file's own metadata, page
furniture is set apart (``documents.furniture``), the one parser builds the
sections and blocks, and the date is the one stated by the file or the text,
or else estimated from the text and marked as such. Nothing here writes
anywhere; :class:`jining_archive.library.Library` stores the result.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from jining_archive.documents.formats import MAX_FILE_BYTES, FormatError, SourceText
from jining_archive.documents.model import Article

STATUSES = ("added", "unchanged", "repost", "skipped", "error")


@dataclass
class ImportResult:
    """What happened to one file of an import (the JSON of ``import --json``)."""

    path: str
    status: str  # one of STATUSES
    article_id: str = ""
    title: str = ""
    date: str = ""
    date_estimated: bool = False
    source: str = ""
    format: str = ""
    encoding: str = ""
    #: Characters that could not be decoded and were replaced by U+FFFD.
    replaced: int = 0
    reason: str = ""
    repost_of: str = ""
    #: Why, as a code a front end can say in its own language (FormatError codes,
    #: "replaced", "same-content", "disappeared", "catalogue-<code>" …); "" when added.
    code: str = ""

    def to_json(self) -> dict[str, Any]:
        """The documented JSON fields (the code is for front ends, not part of the JSON)."""
        data = asdict(self)
        data.pop("code")
        return data


@dataclass
class Prepared:
    """One file read and parsed, not yet stored."""

    path: Path
    data: bytes
    content_hash: str
    article: Article
    source: SourceText
    furniture: list[str] = field(default_factory=list)


def content_hash(data: bytes) -> str:
    """The hash that identifies a file's content in the catalogue."""
    return hashlib.sha256(data).hexdigest()


def imported_id(path: Path) -> str:
    """The stable id of the article imported from ``path`` (re-importing the same
    path replaces that article)."""
    key = os.path.normcase(str(path.expanduser().resolve()))
    # The name's own bytes (the same as UTF-8 for a UTF-8 name, and any bytes work).
    return "imp-" + hashlib.sha1(os.fsencode(key)).hexdigest()[:10]


def path_text(path: Path | str) -> str:
    """A path as text that can be stored and printed: bytes of a file name that are
    not UTF-8 (a name made under another locale) are shown as ``\\xNN`` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def supported_suffixes() -> tuple[str, ...]:
    """The file endings the readers handle."""
    from jining_archive.documents.formats.registry import SUPPORTED_SUFFIXES

    return tuple(SUPPORTED_SUFFIXES)


def collect(paths: Iterable[Path]) -> Iterator[tuple[Path, ImportResult | None]]:
    """Every file to import from ``paths`` (folders recursively, in name order), with a
    ready "skipped" result for files no reader handles."""
    suffixes = supported_suffixes()
    for path in paths:
        if path.is_dir():
            yield from _walk(path, suffixes)
        elif not path.exists():
            yield (
                path,
                ImportResult(
                    path_text(path), "error", reason="the file does not exist", code="missing"
                ),
            )
        else:
            yield path, _check_suffix(path, suffixes)


def _walk(folder: Path, suffixes: tuple[str, ...]) -> Iterator[tuple[Path, ImportResult | None]]:
    from jining_archive.documents.formats.html import companion_folder

    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield (
            folder,
            ImportResult(
                str(folder),
                "error",
                reason=f"the folder cannot be read: {exc.strerror}",
                code="unreadable",
            ),
        )
        return
    # A page saved "complete" keeps its images and scripts in NAME_files/: part of
    # the page, never read.
    companions = {companion_folder(p) for p in entries if p.suffix.lower() in (".html", ".htm")}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if entry in companions:
                continue
            yield from _walk(entry, suffixes)
        elif entry.is_file():
            yield entry, _check_suffix(entry, suffixes)


def _check_suffix(path: Path, suffixes: tuple[str, ...]) -> ImportResult | None:
    if path.suffix.lower() in suffixes:
        return None
    kind = path.suffix.lower() or "files without an extension"
    return ImportResult(
        path_text(path),
        "skipped",
        reason=f"{kind} files are not supported (supported: {', '.join(suffixes)})",
        code="unsupported",
    )


def read_original(path: Path) -> bytes:
    """The bytes of ``path``, refusing files over the size limit (FormatError)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FormatError(
                "too-large",
                f"the file is {size / 2**20:.0f} MB; files over {MAX_FILE_BYTES // 2**20} MB "
                "are not imported",
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as exc:
        raise FormatError("disappeared", "the file disappeared during the import") from exc
    except OSError as exc:
        raise FormatError("unreadable", f"the file cannot be read: {exc.strerror}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise FormatError("too-large", f"files over {MAX_FILE_BYTES // 2**20} MB are not imported")
    return data


def prepare(path: Path, data: bytes, article_id: str, *, origin: str = "imported") -> Prepared:
    """Read, clean and parse one file (FormatError when it cannot be)."""
    from jining_archive.documents.formats.registry import read_bytes

    source = read_bytes(data, path.name, path.suffix.lower())
    article, furniture = build_article(source, article_id)
    article.path = path_text(path)
    article.origin = origin
    return Prepared(path, data, content_hash(data), article, source, furniture)


def build_article(source: SourceText, article_id: str) -> tuple[Article, list[str]]:
    """The article in ``source`` and the page furniture set apart from it."""
    from jining_archive.documents.dating import estimate_date, stated_date
    from jining_archive.documents.furniture import clean_text
    from jining_archive.documents.parse import parse_article, same_title, split_lines

    cleaned = clean_text(source.text, title_hint=source.title)
    # A Markdown title line comes back with its marks.
    title = re.sub(r"^#{1,6}\s*", "", source.title or cleaned.title).strip()
    text = cleaned.text
    if title and not any(same_title(line.text, title) for line in split_lines(text)[:6]):
        # Pages and Word files often state the title only in their metadata.
        text = f"{title}\n\n{text}"
    article = parse_article(text, article_id, title=title, subtitle=source.subtitle)
    if not any(b.kind != "title" for b in article.blocks):
        raise FormatError("no-text", "no article text was found in the file")
    # The publisher the text names (来源：济宁日报) before the site the page was saved from.
    article.source = cleaned.source or source.source
    article.reporters = list(source.reporters or cleaned.reporters or article.reporters)
    date = source.date or cleaned.date or stated_date(source.text)
    if date:
        article.date, article.date_estimated, article.date_note = date, False, ""
    else:
        estimated, note = estimate_date(text)
        if not estimated and source.file_date:
            estimated = source.file_date
            note = f"the text states no date; the file was made on {source.file_date}"
        article.date = estimated
        article.date_estimated = bool(estimated)
        article.date_note = note or "the text states no date"
    return article, [*source.furniture, *cleaned.furniture]
