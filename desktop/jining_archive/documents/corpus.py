"""Load the bundled archive: manifest.json plus the article texts it names."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from jining_archive.documents.decode import DecodeError, decode_bytes
from jining_archive.documents.model import Article
from jining_archive.documents.parse import parse_article


@dataclass(frozen=True)
class ManifestEntry:
    """Curated metadata for one bundled article."""

    id: str
    file: str
    title: str
    subtitle: str = ""
    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    source: str = ""
    date: str = ""
    date_estimated: bool = False
    date_note: str = ""


class CorpusError(Exception):
    """The corpus folder or its manifest cannot be used at all."""


def read_manifest(corpus: Path) -> list[ManifestEntry]:
    """The entries of ``corpus/manifest.json``."""
    path = corpus / "manifest.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CorpusError(f"{path}: the archive manifest is missing") from exc
    except (OSError, ValueError) as exc:
        raise CorpusError(f"{path}: the archive manifest cannot be read ({exc})") from exc
    entries = []
    for raw in data.get("articles", []):
        entries.append(
            ManifestEntry(
                id=raw["id"],
                file=raw["file"],
                title=raw.get("title", ""),
                subtitle=raw.get("subtitle", ""),
                reporters=tuple(raw.get("reporters", ())),
                correspondents=tuple(raw.get("correspondents", ())),
                source=raw.get("source", ""),
                date=raw.get("date", ""),
                date_estimated=bool(raw.get("date_estimated", False)),
                date_note=raw.get("date_note", ""),
            )
        )
    return entries


def load_entry(corpus: Path, entry: ManifestEntry) -> Article:
    """Read, decode and parse one bundled article (raises DecodeError or OSError)."""
    path = corpus / entry.file
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise DecodeError(f"{path}: the article file is missing") from exc
    return entry_article(data, entry, path)


def entry_article(data: bytes, entry: ManifestEntry, path: Path) -> Article:
    """The article of a manifest entry from the bytes of its file (raises DecodeError)."""
    text, _encoding = decode_bytes(data, str(path))
    article = parse_article(text, entry.id, title=entry.title, subtitle=entry.subtitle)
    article.title = entry.title or article.title
    article.subtitle = entry.subtitle or article.subtitle
    article.reporters = list(entry.reporters) or article.reporters
    article.correspondents = list(entry.correspondents)
    article.source = entry.source
    article.date = entry.date
    article.date_estimated = entry.date_estimated
    article.date_note = entry.date_note
    article.path = str(path)
    article.origin = "bundled"
    return article


def load_corpus(corpus: Path) -> tuple[list[Article], list[str]]:
    """Every article the manifest names that can be read, and a message per one that cannot."""
    articles: list[Article] = []
    problems: list[str] = []
    for entry in read_manifest(corpus):
        try:
            articles.append(load_entry(corpus, entry))
        except (DecodeError, OSError) as exc:
            problems.append(str(exc))
    return articles, problems
