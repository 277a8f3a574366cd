"""The archive as a whole: every article, bundled and imported, in one catalogue.

The library is what both front ends (CLI and window) talk to. It opens the
catalogue (``storage.catalogue``), brings the bundled articles into it,
imports, removes and edits articles, recognises reposts, and hands out
articles, figures, projects and search results. Parsed articles and their
figures come from the catalogue, so an unchanged article is never parsed or
extracted again; the search index and extraction results are caches.

Imports run on a worker thread while the window reads: every change builds
new article lists and swaps them in at once, under a lock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import operator
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jining_archive import paths
from jining_archive.collection import paused_gc
from jining_archive.documents.corpus import (
    CorpusError,
    ManifestEntry,
    entry_article,
    read_manifest,
)
from jining_archive.documents.dating import DateError, normalise_date
from jining_archive.documents.decode import DecodeError
from jining_archive.documents.formats import FormatError
from jining_archive.documents.model import Article, BlockKind
from jining_archive.documents.serial import (
    EDITABLE,
    StoredArticle,
    article_from_data,
    article_to_data,
    copy_article,
    listed_article,
    meta_of,
)
from jining_archive.importing import (
    ImportResult,
    collect,
    content_hash,
    imported_id,
    path_text,
    prepare,
    read_original,
)
from jining_archive.reposts import (
    SHARED,
    RepostFinder,
    pack,
    shared_share,
    shingles,
    sketch,
    unpack,
)
from jining_archive.storage import backend
from jining_archive.storage.backend import AnyCatalogue
from jining_archive.storage.catalogue import (
    Catalogue,
    CatalogueEntry,
    CatalogueError,
    CatalogueRow,
    original_name,
)
from jining_archive.versions import extraction_version, pipeline_version

if TYPE_CHECKING:
    from jining_archive.extraction import Figure, NamedEntity
    from jining_archive.search import SearchIndex, SearchResults

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]

_BODY_KINDS = (BlockKind.PARAGRAPH, BlockKind.HEADING)


class UnknownArticleError(KeyError):
    """No article has the requested id."""

    def __str__(self) -> str:
        return f"no article with id {self.args[0]!r}"


class LibraryError(Exception):
    """A change to the library that could not be made; ``code`` names it for translation."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def body_text(article: Article) -> str:
    """The text that decides whether two articles are the same report: paragraphs and
    headings, not the title, byline or captions a portal may change."""
    return "\n".join(b.text for b in article.blocks if b.kind in _BODY_KINDS)


def _iso_or_none(text: str) -> str | None:
    """``text`` as the ISO date it stands for, or None when it is no date."""
    try:
        return normalise_date(text)
    except DateError:
        return None


def _apply_edits(article: Article, edits: dict[str, Any]) -> None:
    for name in EDITABLE:
        if name in edits:
            value = edits[name]
            setattr(article, name, list(value) if name == "reporters" else value)
    if "date" in edits:
        article.date_estimated = bool(edits.get("date_estimated", False))
        article.date_note = "date set by the user" if edits["date"] else ""


class Library:
    """The catalogue of articles; see the module docstring."""

    def __init__(
        self,
        articles: list[Article],
        problems: list[str] | None = None,
        catalogue: AnyCatalogue | None = None,
    ) -> None:
        self._lock = threading.RLock()
        self.catalogue = catalogue
        self.problems: list[str] = list(problems or [])
        #: Ids whose stored parse was made by other parser code (see reprocess_stale).
        self.stale: list[str] = []
        self._base_meta: dict[str, dict[str, Any]] = {}
        self._signatures: dict[str, list[int]] = {}
        # Sketches as stored, unpacked only when an import looks for reposts.
        self._packed: dict[str, bytes | None] = {}
        self._reposts: dict[str, list[Article]] | None = None
        self._finder: RepostFinder | None = None
        self._figures: dict[str, list[Figure]] = {}
        self._figure_cache: dict[str, list[Any]] | None = None
        self._entities: tuple[list[NamedEntity], list[NamedEntity]] | None = None
        self._search_index: SearchIndex | None = None
        self._search_ready: list[Article] = []  # the article objects ensure() last saw
        self._set_articles(articles)

    def _set_articles(self, articles: Iterable[Article]) -> None:
        ordered = sorted(articles, key=lambda a: (a.date, a.id))
        with self._lock:
            self._articles = ordered
            self._by_id = {a.id: a for a in ordered}
            self._entities = None
            self._reposts = None

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        corpus: Path | None = None,
        *,
        catalogue: AnyCatalogue | None = None,
        reprocess: bool = True,
    ) -> Library:
        """Open the catalogue, bring the bundled archive (or ``corpus``) into it and load
        every article. Unreadable files and catalogue problems become ``problems``.

        With ``reprocess`` (the CLI), articles parsed by other parser code are parsed
        again now; the window passes False and calls :meth:`reprocess_stale` in the
        background.
        """
        problems: list[str] = []
        if catalogue is None:
            try:
                catalogue = backend.open_catalogue()
            except CatalogueError as exc:
                if backend.server_url():
                    raise  # no archive to fall back on: the front end says so
                problems.append(str(exc))
                catalogue = Catalogue(Path(":memory:"))
            except OSError as exc:  # the data folder itself cannot be made
                problems.append(
                    f"the data folder {exc.filename} cannot be used: "
                    f"{paths.describe_os_error(exc)}; the "
                    "archive is open for this session only and imports will not be kept"
                )
                catalogue = Catalogue(Path(":memory:"))
        problems.extend(catalogue.messages)
        # Bodies (texts and blocks) are not read here: each article reads its own the
        # first time it is needed (see serial.StoredArticle), so opening an archive
        # reads only what the article list shows.
        with paused_gc():
            rows = {row.id: row for row in catalogue.entries()}
            edits = catalogue.edits()
            articles, base_meta, packed, bundled_problems = _sync_bundled(
                catalogue, corpus or paths.corpus_dir(), rows
            )
            problems.extend(bundled_problems)
            version = pipeline_version()
            stale: list[str] = []
            for row in rows.values():
                if row.origin != "imported":
                    continue
                article = _listed(catalogue, row)
                if article is None:
                    stale.append(row.id)
                    continue
                article.repost_of = row.repost_of or ""
                articles.append(article)
                base_meta[row.id] = dict(row.meta)
                packed[row.id] = row.signature
                if row.parser_version != version:
                    stale.append(row.id)
            for article in articles:
                if article.id in edits:
                    _apply_edits(article, edits[article.id])
            library = cls(articles, problems, catalogue)
        library._base_meta = base_meta
        library._packed = packed
        library.stale = stale
        if reprocess and stale:
            library.reprocess_stale()
        return library

    @property
    def read_only(self) -> bool:
        """Whether imports, removals and edits are impossible (a read-only catalogue)."""
        return self.catalogue is None or self.catalogue.read_only

    # -- reading -----------------------------------------------------------------------

    @property
    def articles(self) -> list[Article]:
        """All articles, oldest first."""
        return list(self._articles)

    def article(self, article_id: str) -> Article:
        """The article with this id; raises UnknownArticleError."""
        try:
            return self._by_id[article_id]
        except KeyError:
            raise UnknownArticleError(article_id) from None

    def reposts_of(self, article_id: str) -> list[Article]:
        """The articles recognised as reposts of ``article_id``, oldest first."""
        with self._lock:
            reposts = self._reposts
            if reposts is None:
                # Once for all articles: listing every article's reposts must not
                # walk the whole archive for each one.
                reposts = {}
                for article in self._articles:
                    if article.repost_of:
                        reposts.setdefault(article.repost_of, []).append(article)
                self._reposts = reposts
        return list(reposts.get(article_id, []))

    def load_bodies(self, articles: Iterable[Article] | None = None) -> None:
        """Read the bodies of ``articles`` (default: all) not yet read, in one pass over
        the catalogue: for work that reads every text (extraction, a full index build)."""
        if self.catalogue is not None:
            _read_bodies(self.catalogue, self._articles if articles is None else articles)

    def row(self, article_id: str) -> CatalogueRow | None:
        """The catalogue row of an article (where it came from, format, encoding …)."""
        return self.catalogue.get(article_id) if self.catalogue is not None else None

    def furniture(self, article_id: str) -> list[str]:
        """The page furniture set apart from an imported article when it was parsed."""
        row = self.row(article_id)
        return list(row.furniture) if row is not None else []

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._by_id

    def __len__(self) -> int:
        return len(self._articles)

    # -- importing ---------------------------------------------------------------------

    def _require_writable(self) -> AnyCatalogue:
        if self.catalogue is None or self.catalogue.read_only:
            where = self.catalogue.path if self.catalogue is not None else "the catalogue"
            raise LibraryError(
                "read-only", f"{where} cannot be written; the archive cannot be changed"
            )
        return self.catalogue

    def import_paths(
        self,
        targets: Iterable[Path | str],
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        *,
        keep_reposts: bool = True,
    ) -> list[ImportResult]:
        """Import files and folders (recursively); one result per file, in order.

        Each file is stored whole or not at all; a file that cannot be read is
        reported and the rest go on. With ``keep_reposts`` False a near-copy of an
        article already in the archive is reported and not kept. Cancelling stops
        before the next file; what was imported stays.
        """
        catalogue = self._require_writable()
        # Absolute, so that the article remembers where it came from wherever it is read.
        items = list(collect(Path(t).expanduser().absolute() for t in targets))
        results: list[ImportResult] = []
        for done, (path, ready) in enumerate(items):
            if cancel is not None and cancel():
                break
            if progress is not None:
                progress(done, len(items), path_text(path))
            if ready is not None:
                results.append(ready)
                continue
            try:
                results.append(self._import_one(catalogue, path, keep_reposts))
            except CatalogueError as exc:
                results.append(
                    ImportResult(
                        path_text(path), "error", reason=str(exc), code=f"catalogue-{exc.code}"
                    )
                )
        if progress is not None:
            progress(len(results), len(items), "")
        return results

    def _import_one(self, catalogue: AnyCatalogue, path: Path, keep_reposts: bool) -> ImportResult:
        try:
            data = read_original(path)
        except FormatError as exc:
            return ImportResult(path_text(path), "error", reason=str(exc), code=exc.code)
        digest = content_hash(data)
        same = catalogue.id_with_hash(digest)
        if same is not None and same in self._by_id:
            result = self._result(path, "unchanged", self._by_id[same], code="same-content")
            result.reason = f"the same content is already in the archive as {same}"
            return result
        article_id = imported_id(path)
        try:
            prepared = prepare(path, data, article_id)
        except FormatError as exc:
            return ImportResult(path_text(path), "error", reason=str(exc), code=exc.code)
        except RecursionError:
            return ImportResult(
                path_text(path),
                "error",
                reason="the file is nested too deeply to read",
                code="damaged",
            )
        except Exception as exc:  # a reader's library failing on odd input: report, go on
            return ImportResult(
                path_text(path),
                "error",
                reason=f"the file could not be read ({type(exc).__name__}: {exc})",
                code="damaged",
            )
        article = prepared.article
        base_meta = meta_of(article)
        edits = catalogue.edits_of(article_id)
        if edits:
            _apply_edits(article, edits)
        own = shingles(body_text(article))
        signature = sketch(own)
        original = self._repost_original(article_id, own, signature)
        if original and not keep_reposts:
            result = self._result(path, "repost", article, repost_of=original, code="dropped")
            result.article_id = ""
            result.reason = f"a near-copy of {original}; not kept"
            return result
        article.repost_of = original
        replaced = article_id in self._by_id
        row = CatalogueRow(
            id=article_id,
            origin="imported",
            source_path=path_text(path),
            content_hash=digest,
            parser_version=pipeline_version(),
            meta=base_meta,
            body=article_to_data(article),
            stored_name=original_name(digest, path.suffix.lower()),
            format=prepared.source.format,
            encoding=prepared.source.encoding,
            furniture=prepared.furniture,
            repost_of=original or None,
            signature=pack(signature),
        )
        catalogue.put(row, original=data)
        article = _as_stored(article, row)
        self._store(article, base_meta, signature)
        status = "repost" if original else "added"
        result = self._result(path, status, article, repost_of=original)
        result.format, result.encoding = prepared.source.format, prepared.source.encoding
        result.replaced = prepared.source.replaced
        if replaced:
            result.reason, result.code = "replaces the earlier import of this file", "replaced"
        elif original:
            result.reason = f"a near-copy of {original} ({self._by_id[original].title})"
            result.code = "repost"
        return result

    def _result(
        self, path: Path, status: str, article: Article, *, repost_of: str = "", code: str = ""
    ) -> ImportResult:
        return ImportResult(
            path=path_text(path),
            status=status,
            article_id=article.id,
            title=article.title,
            date=article.date,
            date_estimated=article.date_estimated,
            source=article.source,
            repost_of=repost_of,
            code=code,
        )

    def _repost_original(self, article_id: str, own: set[str], signature: list[int]) -> str:
        """The article ``own`` repeats (the first publication of a chain), or ""."""
        finder = self._repost_finder()
        for candidate in finder.candidates(signature, exclude=article_id):
            other = self._by_id.get(candidate)
            if other is None:
                continue
            if shared_share(own, shingles(body_text(other))) >= SHARED:
                return other.repost_of or other.id
        return ""

    def _repost_finder(self) -> RepostFinder:
        with self._lock:
            if self._finder is None:
                finder = RepostFinder()
                for article in self._articles:
                    signature = self._signatures.get(article.id)
                    if not signature:
                        signature = unpack(self._packed.get(article.id))
                        self._signatures[article.id] = signature
                    if not signature:
                        signature = sketch(shingles(body_text(article)))
                        self._signatures[article.id] = signature
                    finder.add(article.id, signature)
                self._finder = finder
            return self._finder

    def _store(self, article: Article, base_meta: dict[str, Any], signature: list[int]) -> None:
        """Put one new or replaced article into the in-memory lists."""
        with self._lock:
            others = [a for a in self._articles if a.id != article.id]
            self._set_articles([*others, article])
            self._base_meta[article.id] = base_meta
            self._signatures[article.id] = signature
            self._figures.pop(article.id, None)
            if self._figure_cache is not None:  # the stored figures went with the old row
                self._figure_cache.pop(article.id, None)
            if self._finder is not None:
                self._finder.add(article.id, signature)

    def reprocess_stale(
        self, progress: Progress | None = None, cancel: Cancel | None = None
    ) -> int:
        """Parse again, from their kept originals, the articles parsed by other parser code;
        returns how many were redone."""
        catalogue = self.catalogue
        if catalogue is None or catalogue.read_only:
            return 0
        done = 0
        stale = list(self.stale)
        for n, article_id in enumerate(stale):
            if cancel is not None and cancel():
                break
            if progress is not None:
                progress(n, len(stale), article_id)
            row = catalogue.get(article_id)
            if row is None:
                continue
            try:
                data = catalogue.original(row)
                prepared = prepare(Path(row.source_path), data, article_id)
            except (OSError, FormatError) as exc:
                self.problems.append(f"{row.source_path}: could not be parsed again ({exc})")
                continue
            article = prepared.article
            row.meta, row.body = meta_of(article), article_to_data(article)
            row.parser_version, row.furniture = pipeline_version(), prepared.furniture
            article = _as_stored(article, row)
            edits = catalogue.edits_of(article_id)
            if edits:
                _apply_edits(article, edits)
            article.repost_of = row.repost_of or ""
            catalogue.put(row)
            self._store(article, dict(row.meta), unpack(row.signature))
            self.stale.remove(article_id)
            done += 1
        return done

    # -- removing and editing ----------------------------------------------------------

    def remove(self, article_ids: Iterable[str]) -> list[CatalogueRow]:
        """Take articles out of the archive; returns their rows, for :meth:`restore`.

        Their bookmarks are kept (the notes store marks them detached); reposts of a
        removed article become originals.
        """
        catalogue = self._require_writable()
        ids = list(article_ids)
        for article_id in ids:
            self.article(article_id)
        removed: list[CatalogueRow] = []
        for article_id in ids:
            row = catalogue.remove(article_id)
            if row is not None:
                removed.append(row)
        gone = {row.id for row in removed}
        with self._lock:
            kept = [a for a in self._articles if a.id not in gone]
            for article in kept:
                if article.repost_of in gone:
                    article.repost_of = ""
            self._set_articles(kept)
            for article_id in gone:
                self._figures.pop(article_id, None)
                if self._finder is not None:
                    self._finder.remove(article_id)
        return removed

    def change_token(self) -> object | None:
        """Something that changes whenever another client changes the shared archive or
        its shared notes (None when the catalogue is the user's own)."""
        catalogue = self.catalogue
        return catalogue.change_token() if catalogue is not None else None

    def refresh(self) -> tuple[list[str], list[str]]:
        """Take in the articles other clients added to or removed from the catalogue
        since it was opened; returns (added ids, removed ids)."""
        catalogue = self.catalogue
        if catalogue is None:
            return [], []
        entries = {row.id: row for row in catalogue.entries()}
        edits = catalogue.edits()
        added: list[str] = []
        for row in entries.values():
            if row.id in self._by_id:
                continue
            article = _listed(catalogue, row)
            if article is None:
                continue
            article.repost_of = row.repost_of or ""
            if row.id in edits:
                _apply_edits(article, edits[row.id])
            self._store(article, dict(row.meta), unpack(row.signature))
            added.append(row.id)
        gone = [a.id for a in self._articles if a.id not in entries]
        if gone:
            with self._lock:
                self._set_articles([a for a in self._articles if a.id not in entries])
                for article_id in gone:
                    self._figures.pop(article_id, None)
                    if self._finder is not None:
                        self._finder.remove(article_id)
        return added, gone

    def restore(self, rows: Iterable[CatalogueRow]) -> list[Article]:
        """Put removed articles back (undo of :meth:`remove`)."""
        catalogue = self._require_writable()
        restored: list[Article] = []
        edits = catalogue.edits()
        for row in rows:
            catalogue.put(row)
            article = article_from_data(row.id, row.body, row.meta, _content_key(row))
            article.repost_of = row.repost_of if row.repost_of in self._by_id else ""
            if row.id in edits:
                _apply_edits(article, edits[row.id])
            self._store(article, dict(row.meta), unpack(row.signature))
            restored.append(article)
        return restored

    def edit(self, article_id: str, changes: dict[str, Any]) -> Article:
        """Change an article's metadata (fields of ``serial.EDITABLE``); a value of None
        goes back to what the file itself said. Edits survive a re-import."""
        catalogue = self._require_writable()
        article = self.article(article_id)
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise LibraryError(
                "field", f"these fields cannot be edited: {', '.join(sorted(unknown))}"
            )
        date = changes.get("date")
        if date and _iso_or_none(str(date)) != date:
            raise LibraryError("date", f"{date!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        if (
            "title" in changes
            and changes["title"] is not None
            and not str(changes["title"]).strip()
        ):
            raise LibraryError("title", "the title cannot be empty")
        edits = catalogue.edits_of(article_id)
        for name, value in changes.items():
            if value is None:
                edits.pop(name, None)
            else:
                edits[name] = value
        catalogue.set_edits(article_id, edits)
        base = self._base_meta.get(article_id, meta_of(article))
        # The text and blocks are the same (and stay unread if they were).
        updated = copy_article(
            article,
            **{k: base[k] for k in ("title", "subtitle", "source", "date", "date_estimated")},
            reporters=list(base.get("reporters", [])),
            date_note=base.get("date_note", ""),
        )
        _apply_edits(updated, edits)
        with self._lock:
            others = [a for a in self._articles if a.id != article_id]
            self._set_articles([*others, updated])
            self._figures.pop(article_id, None)  # figure years follow the article date
        return updated

    # -- extraction --------------------------------------------------------------------

    def figures(self, article_id: str | None = None) -> list[Figure]:
        """The figures of one article (UnknownArticleError if none has that id), or of all."""
        from jining_archive.extraction import Figure, extract_figures  # loaded on first use

        articles = [self.article(article_id)] if article_id is not None else self._articles
        version = extraction_version()
        if article_id is None:  # the texts still to extract from, read in one pass
            cached_all = self._cached_figures(version)
            self.load_bodies(
                a
                for a in articles
                if a.id not in self._figures
                and cached_all.get(a.id, [None])[0] != _figures_key(version, a)
            )
        fresh: dict[str, list[Any]] = {}
        out: list[Figure] = []
        for article in articles:
            found = self._figures.get(article.id)
            if found is None:
                key = _figures_key(version, article)
                cached = self._cached_figures(version).get(article.id)
                if cached is not None and cached[0] == key:
                    found = [Figure(*fields) for fields in cached[1]]
                else:
                    found = extract_figures(article)
                    fresh[article.id] = [key, [dataclasses.astuple(f) for f in found]]
                self._figures[article.id] = found
            out.extend(found)
        if fresh and self.catalogue is not None and not self.catalogue.read_only:
            with contextlib.suppress(CatalogueError):  # a cache: failing to keep it is harmless
                self.catalogue.put_figures_many(version, fresh)
        return out

    def _cached_figures(self, version: str) -> dict[str, list[Any]]:
        if self._figure_cache is None:
            self._figure_cache = self.catalogue.figures(version) if self.catalogue else {}
        return self._figure_cache

    def projects(self) -> list[NamedEntity]:
        """Named projects of the whole archive, aliases grouped, most mentioned first."""
        return self._named()[0]

    def organizations(self) -> list[NamedEntity]:
        """Organisations of the whole archive, aliases grouped, most mentioned first."""
        return self._named()[1]

    def _named(self) -> tuple[list[NamedEntity], list[NamedEntity]]:
        entities = self._entities
        if entities is not None:
            return entities
        articles = self._articles
        key = self._entities_key(articles)
        cached = self.catalogue.derived("entities", key) if self.catalogue else None
        if cached is not None:
            with paused_gc():
                entities = _entities_from_json(cached)
        else:
            from jining_archive.extraction import extract_entities  # loaded on first use

            self.load_bodies(articles)  # every text, read in one pass
            with paused_gc():  # hundreds of thousands of mentions, none cyclic
                entities = extract_entities(articles)
                if self.catalogue is not None and not self.catalogue.read_only:
                    with contextlib.suppress(CatalogueError):
                        self.catalogue.put_derived("entities", key, _entities_to_json(entities))
        with self._lock:
            if articles is self._articles:
                self._entities = entities
        return entities

    @staticmethod
    def _entities_key(articles: list[Article]) -> str:
        digest = hashlib.sha256(extraction_version().encode())
        for article in sorted(articles, key=lambda a: a.id):
            digest.update(f"\0{article.id}\0{article.date}\0".encode())
            # A stored article's text follows from its content key: checking that the
            # cache is current need not read every text.
            content_key = getattr(article, "content_key", None)
            if content_key:
                digest.update(f"key:{content_key}".encode())
            else:
                digest.update(article.text.encode("utf-8"))
        return digest.hexdigest()

    # -- search ------------------------------------------------------------------------

    def search_index(self) -> SearchIndex:
        """The full-text index in the cache folder (opened on first use; see ``search``)."""
        if self._search_index is None:
            index = backend.open_search_index()
            # The texts it indexes, read in one pass (the catalogue's, not a method of
            # the library, which would make a reference cycle of library and index).
            index.prefetch = functools.partial(_read_bodies, self.catalogue)
            self._search_index = index
        return self._search_index

    def prepare_search(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> list[str]:
        """Build or update the index for the current articles; returns its messages
        (index built, rebuilt, updated …) for the front end to show. Only changed
        articles are written: an import or removal updates just those."""
        articles = self._articles
        messages = self.search_index().ensure(articles, progress=progress, cancel=cancel)
        if not (cancel and cancel()):
            self._search_ready = list(articles)
        return list(messages or [])

    def verify_search(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> list[str]:
        """Read the whole index against its checksums; a damaged one is rebuilt now.

        Returns the rebuild's messages ("search index was damaged and has been
        rebuilt"), or nothing when the index is whole.
        """
        index = self.search_index()
        if index.verify():
            return []
        return self.prepare_search(progress=progress, cancel=cancel)

    def search(self, query: str, limit: int = 50) -> SearchResults:
        """Search every article; builds or updates the index first when it needs it.

        A passage that a repost repeats word for word is shown once, under the
        original, with the repost listed in ``Hit.also_in``.

        Raises QuerySyntaxError for a malformed query and SearchIndexError when
        the index is locked by another process.
        """
        from jining_archive.search import IndexBusyError, SearchIndexError

        index = self.search_index()
        seen, articles = self._search_ready, self._articles
        if len(seen) != len(articles) or any(
            a is not b for a, b in zip(seen, articles, strict=True)
        ):
            self.prepare_search()
        by_id = self._by_id
        try:
            with paused_gc():  # a query makes many short-lived objects and no cycles
                results = index.search(query, limit, articles=by_id)
        except IndexBusyError:
            raise
        except SearchIndexError:  # deleted or damaged since ensure() looked: rebuild once
            index.ensure(self._articles)
            results = index.search(query, limit, articles=by_id)
        return _fold_reposts(results, by_id)


def _as_stored(article: Article, row: CatalogueRow) -> Article:
    """``article`` as the catalogue now holds it (as the next start will read it),
    so that it has the same content key and fingerprint in this process and the next."""
    stored = article_from_data(row.id, row.body, row.meta, _content_key(row))
    for name in meta_of(article):  # the metadata as in memory (edits applied)
        setattr(stored, name, getattr(article, name))
    stored.repost_of = article.repost_of
    return stored


def _content_key(row: CatalogueRow | CatalogueEntry) -> str:
    """What decides a stored article's text and blocks: its original and the parser."""
    return f"{row.content_hash}:{row.parser_version}"


def _content_key_of(found: tuple[str, str, dict[str, Any]]) -> str:
    """The content key of a body as :meth:`Catalogue.body` returns it."""
    return f"{found[0]}:{found[1]}"


def _read_bodies(catalogue: AnyCatalogue | None, articles: Iterable[Article]) -> None:
    """Read the stored bodies of ``articles`` not yet read, in one pass over ``catalogue``."""
    waiting = [a for a in articles if isinstance(a, StoredArticle) and not a.body_loaded]
    if not waiting or catalogue is None:
        return
    stored = catalogue.bodies(a.id for a in waiting)
    for article in waiting:
        found = stored.get(article.id)
        if found is not None and _content_key_of(found) == article.content_key:
            article.give_body(found[2])
        else:
            article.load_body()  # changed since: the loader decides


def _body_loader(catalogue: AnyCatalogue, article_id: str, key: str) -> Callable[[], Any]:
    """Reads the stored body of ``article_id`` when it is still the one made from ``key``."""

    def load() -> dict[str, Any] | None:
        try:
            found = catalogue.body(article_id)
        except ValueError:  # a body that is not JSON: read as empty, not as a failure
            return None
        if found is None or _content_key_of(found) != key:
            return None  # replaced or removed since the archive was opened
        return found[2]

    return load


def _listed(catalogue: AnyCatalogue, row: CatalogueEntry) -> Article | None:
    """The article of ``row``, its body left to be read on first use when the row
    has an outline; None when the stored body cannot be read (parsed again later)."""
    key = _content_key(row)
    if row.outline is not None:
        with contextlib.suppress(KeyError, TypeError, ValueError):
            return listed_article(
                row.id, row.outline, row.meta, _body_loader(catalogue, row.id, key), key
            )
    try:
        found = catalogue.body(row.id)
        if found is None:
            return None
        return article_from_data(row.id, found[2], row.meta, key)
    except (KeyError, TypeError, ValueError):
        return None


def _sync_bundled(
    catalogue: AnyCatalogue, corpus: Path, rows: dict[str, CatalogueEntry]
) -> tuple[list[Article], dict[str, dict[str, Any]], dict[str, bytes | None], list[str]]:
    """The bundled articles, from the catalogue where their file and the parser are
    unchanged, parsed (and stored) otherwise; with their stored sketches."""
    articles: list[Article] = []
    base_meta: dict[str, dict[str, Any]] = {}
    signatures: dict[str, bytes | None] = {}
    problems: list[str] = []
    try:
        entries = read_manifest(corpus)
    except CorpusError as exc:
        return articles, base_meta, signatures, [str(exc)]
    version = pipeline_version()
    fresh: list[CatalogueRow] = []
    wanted: set[str] = set()
    removed = catalogue.removed_bundled()
    for entry in entries:
        wanted.add(entry.id)
        if entry.id in removed:
            continue
        path = corpus / entry.file
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            problems.append(f"{path}: the article file is missing")
            continue
        except OSError as exc:
            problems.append(f"{path}: the article file cannot be read ({exc.strerror})")
            continue
        key = _bundled_key(data, entry)
        row = rows.get(entry.id)
        article: Article | None = None
        if row is not None and row.content_hash == key and row.parser_version == version:
            article = _listed(catalogue, row)
            if article is not None:
                article.path = str(path)  # the install folder may have moved
                signatures[entry.id] = row.signature
        if article is None:
            try:
                article = entry_article(data, entry, path)
            except DecodeError as exc:
                problems.append(str(exc))
                continue
            signature = sketch(shingles(body_text(article)))
            signatures[entry.id] = pack(signature)
            fresh.append(
                CatalogueRow(
                    id=entry.id,
                    origin="bundled",
                    source_path=entry.file,
                    content_hash=key,
                    parser_version=version,
                    meta=meta_of(article),
                    body=article_to_data(article),
                    format=Path(entry.file).suffix.lstrip(".") or "txt",
                    signature=pack(signature),
                )
            )
        articles.append(article)
        base_meta[entry.id] = meta_of(article)
    if fresh and not catalogue.read_only:
        try:
            catalogue.put_many(fresh)
        except CatalogueError as exc:
            problems.append(str(exc))
        else:
            stored = {row.id: row for row in fresh}
            articles = [_as_stored(a, stored[a.id]) if a.id in stored else a for a in articles]
    for row in rows.values():
        if row.origin == "bundled" and row.id not in wanted and not catalogue.read_only:
            with contextlib.suppress(CatalogueError):
                catalogue.remove(row.id)
    return articles, base_meta, signatures, problems


def _bundled_key(data: bytes, entry: ManifestEntry) -> str:
    digest = hashlib.sha256(data)
    digest.update(json.dumps(dataclasses.asdict(entry), ensure_ascii=False).encode("utf-8"))
    return "bundled:" + digest.hexdigest()


def _figures_key(version: str, article: Article) -> str:
    """What an article's kept figures were made for: the extraction, and the date that
    relative dates (今年, 去年) take their year from, estimated or not."""
    return f"{version}:{article.date}{'~' if article.date_estimated else ''}"


def _entities_to_json(entities: tuple[list[NamedEntity], list[NamedEntity]]) -> list[Any]:
    from jining_archive.extraction import Mention

    # A mention's fields in order, as dataclasses.astuple gives them (which deep-copies
    # each one: ten times slower for the archive's hundreds of thousands).
    fields = operator.attrgetter(*(f.name for f in dataclasses.fields(Mention)))
    return [
        [[e.name, e.kind, e.aliases, [fields(m) for m in e.mentions]] for e in group]
        for group in entities
    ]


def _entities_from_json(data: list[Any]) -> tuple[list[NamedEntity], list[NamedEntity]]:
    from jining_archive.extraction import Mention, NamedEntity

    groups = [
        [
            NamedEntity(name, kind, list(aliases), [Mention(*m) for m in mentions])
            for name, kind, aliases, mentions in group
        ]
        for group in data
    ]
    return groups[0], groups[1]


def _fold_reposts(results: SearchResults, by_id: dict[str, Article]) -> SearchResults:
    """Show a passage that a repost repeats once: the repost's hit joins the original's."""
    from jining_archive.search.results import SearchResults

    if not any(by_id[h.article_id].repost_of for h in results.hits if h.article_id in by_id):
        return results
    first: dict[tuple[str, str], int] = {}
    hits: list[Any] = []
    dropped = 0
    for hit in results.hits:
        article = by_id.get(hit.article_id)
        root = (article.repost_of or article.id) if article else hit.article_id
        text = article.block(hit.block_id).text if article else hit.snippet_text
        key = (root, text)
        if key in first:
            kept = hits[first[key]]
            if hit.article_id == root and kept.article_id != root:  # the original leads
                kept, hit = hit, kept
            hits[first[key]] = dataclasses.replace(
                kept, also_in=[*kept.also_in, (hit.article_id, hit.block_id), *hit.also_in]
            )
            dropped += 1
            continue
        first[key] = len(hits)
        hits.append(hit)
    return SearchResults(query=results.query, total=results.total - dropped, hits=hits)
