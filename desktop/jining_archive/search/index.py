"""The search index: one Whoosh document per block, kept in the user cache folder.

The index is a cache of the library, never the only copy of anything. A
manifest beside the Whoosh files records the index version (schema and
analysis), which articles it holds (by content fingerprint) and the size,
modification time and CRC-32 of every file of the committed index.
:meth:`SearchIndex.ensure` compares that with the library and the disk, and
rebuilds or updates what is missing, stale, damaged or changed. Opening checks
sizes, and checksums of the files whose time changed (a file written over in
place); :meth:`SearchIndex.verify` checks every checksum (the window runs it in
the background after every start, ``check-index`` on the command line).

Every change happens under Whoosh's own write lock (a file lock, released by
the operating system if the process dies), so two processes never write at
once; a process that finds the lock taken waits a little, then reports it.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import struct
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import whoosh
from whoosh import fields, scoring
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex
from whoosh.writing import SegmentWriter

from jining_archive import paths
from jining_archive.collection import paused_gc
from jining_archive.documents.model import Article, Block
from jining_archive.search import mapped
from jining_archive.search.analysis import (
    ANALYSIS_VERSION,
    GramField,
    WordField,
    fold,
    segment,
    segment_many,
)
from jining_archive.search.columns import SegmentColumns, load_columns, stored_length
from jining_archive.search.columns import save as save_columns
from jining_archive.search.matching import QueryRun, StoredTexts, make_hit, rank
from jining_archive.search.query import parse_query
from jining_archive.search.results import SearchResults
from jining_archive.search.writer import BulkSegmentWriter

#: Bump when the fields change; with ANALYSIS_VERSION it decides when to rebuild.
SCHEMA_VERSION = 4
INDEX_NAME = "MAIN"
LOCK_NAME = f"{INDEX_NAME}_WRITELOCK"  # the name Whoosh's own writers lock
MANIFEST_NAME = "jining-index.json"
#: The distinct titles of the committed index with their words and block counts, kept
#: beside it: building that table costs every search process a read of each title.
TITLES_NAME = "jining-titles.json"
MANIFEST_FORMAT = 2  # 2: files carry [size, mtime_ns, crc32]
#: Characters of block text per segment written by one build: the writer keeps a
#: segment's postings in memory (about 1.5 bytes of postings a character).
SEGMENT_CHARS = 8_000_000

#: What reading a corrupt index raises: bad lengths, offsets, pickles, compressed blocks.
_READ_ERRORS = (
    OSError,
    EOFError,
    KeyError,
    ValueError,
    IndexError,
    TypeError,
    struct.error,
    zlib.error,
    pickle.UnpicklingError,
)

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

mapped.install()  # segment files read in place, not copied whole when a search opens them


class IndexMessage(str):
    """A message about the index: English text (the CLI prints it as it is) with a
    ``code`` and ``counts`` from which a front end can say it in its own language.

    Codes: built, rebuilt-stale, rebuilt-damaged, updated, cancelled.
    """

    code: str
    counts: dict[str, int]

    def __new__(cls, code: str, text: str, counts: dict[str, int] | None = None) -> IndexMessage:
        message = super().__new__(cls, text)
        message.code = code
        message.counts = dict(counts or {})
        return message


class SearchIndexError(RuntimeError):
    """The index cannot be used right now; ``str(exc)`` is a message for the user."""


class IndexBusyError(SearchIndexError):
    """Another program holds the index's write lock."""


class IndexDamagedError(SearchIndexError):
    """The index could not be read; the next :meth:`SearchIndex.ensure` rebuilds it."""


def index_version() -> dict[str, Any]:
    """What an index must have been made with to be used as it is."""
    return {
        "schema": SCHEMA_VERSION,
        "analysis": ANALYSIS_VERSION,
        "whoosh": whoosh.versionstring(),
    }


def build_schema() -> fields.Schema:
    """The Whoosh schema: what is indexed and stored for each block."""
    return fields.Schema(
        article_id=fields.ID(stored=True),
        kind=fields.ID(stored=True),
        year=fields.ID(),
        words=WordField(),
        grams=GramField(),
        # The folded titles above the block, as one term: title: filters read the
        # few distinct titles from the lexicon instead of indexing grams per block.
        title=fields.ID(),
        block_id=fields.STORED(),
        section_id=fields.STORED(),
        start=fields.STORED(),
        text=fields.STORED(),
        title_folded=fields.STORED(),
        title_words=fields.STORED(),
        article_title=fields.STORED(),
        section_title=fields.STORED(),
    )


#: ``json.dumps(..., ensure_ascii=False)`` made once: a start checks every article.
_FINGERPRINT_JSON = json.JSONEncoder(ensure_ascii=False)


def article_fingerprint(article: Article) -> str:
    """A hash of everything about ``article`` that the index holds.

    An article read back from the catalogue says what its text and blocks were
    made from (``content_key``: the original's hash and the parser version), so
    its blocks need not be built to check that the index is current.
    """
    digest = hashlib.sha256()
    head = [article.id, article.title, article.subtitle, article.date]
    sections = [(s.id, s.title) for s in article.iter_sections()]
    content_key = getattr(article, "content_key", None)
    if content_key:
        digest.update(_FINGERPRINT_JSON.encode([head, sections, content_key]).encode())
        return "k" + digest.hexdigest()[:31]
    blocks = [(b.id, str(b.kind), b.start, b.section_id) for b in article.blocks]
    digest.update(_FINGERPRINT_JSON.encode([head, sections, blocks]).encode("utf-8"))
    digest.update(article.text.encode("utf-8"))
    return digest.hexdigest()[:32]


def _batches(articles: list[Article], limit: int) -> Iterator[list[Article]]:
    """``articles`` in consecutive groups of at most ``limit`` characters (one at least)."""
    batch: list[Article] = []
    size = 0
    for article in articles:
        length = article.text_length  # known without reading a stored article's text
        if batch and size + length > limit:
            yield batch
            batch, size = [], 0
        batch.append(article)
        size += length
    if batch:
        yield batch


def _block_titles(article: Article, block: Block) -> tuple[list[str], str]:
    """The titles above ``block`` (article title, subtitle, section headings) and its section's."""
    titles = [t for t in (article.title, article.subtitle) if t]
    trail = article.section_path(block.section_id)
    titles.extend(section.title for section in trail)
    return titles, trail[-1].title if trail else ""


class SearchIndex:
    """Full-text search over the blocks of the library's articles.

    Safe to share between threads (calls are serialised); building and
    searching never touch Qt. Several processes may use the same folder.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else paths.cache_dir() / "index"
        #: Seconds to wait for another process's write lock before giving up.
        self.lock_timeout = 30.0
        #: Processes for segmenting large builds (one per core, at most two: the
        #: index writer takes the other); more than 1 needs an import-safe main
        #: module (see :func:`jining_archive.search.analysis.segment_many`).
        self.workers = min(2, os.cpu_count() or 1)
        #: Called with the articles about to be written, before their blocks are
        #: read: the library reads their stored bodies there in one pass.
        self.prefetch: Callable[[list[Article]], None] | None = None
        # Writers wait for each other; searches only for the searcher's state, so
        # the old index stays searchable while an update is being written.
        self._write_mutex = threading.Lock()
        self._lock = threading.RLock()
        self._ix: FileIndex | None = None
        self._opened: tuple[str, int] | None = None  # (build id, generation) of self._ix
        self._searcher: Any = None
        self._stored: StoredTexts | None = None
        self._held: frozenset[str] = frozenset()  # the article ids the open index holds
        self._manifest_seen: tuple[int, int, int] | None = None  # inode, size, time
        #: The columns of the segments read so far, by segment id (segments never change).
        self._segment_columns: dict[str, SegmentColumns] = {}

    # --- state on disk ------------------------------------------------------

    @property
    def manifest_path(self) -> Path:
        """The file recording version, contents and file sizes of the committed index."""
        return self.folder / MANIFEST_NAME

    def _read_manifest(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write_manifest(self, manifest: dict[str, Any]) -> None:
        unique = f"{os.getpid()}-{threading.get_ident()}"
        tmp = self.manifest_path.with_name(f"{MANIFEST_NAME}.{unique}.tmp")
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.manifest_path)
        self._make_private()

    def _make_private(self) -> None:
        """Files of the index readable by the user only (0600): it holds the user's texts.
        Whoosh creates them with the umask's mode; they are fixed after each commit."""
        with suppress(OSError):
            for entry in os.scandir(self.folder):
                with suppress(OSError):
                    if entry.is_file(follow_symlinks=False) and entry.stat().st_mode & 0o077:
                        os.chmod(entry.path, paths.PRIVATE_FILE_MODE)

    def _drop_manifest(self) -> None:
        path = self.manifest_path
        if path.is_dir() and not path.is_symlink():  # something made a folder of that name
            shutil.rmtree(path, ignore_errors=True)
        with suppress(FileNotFoundError):
            path.unlink()

    def _index_files(
        self, ix: FileIndex, known: Mapping[str, Any] | None = None
    ) -> dict[str, list[int]]:
        """[size, mtime_ns, crc32] of every file of the committed index (its table of
        contents and its segments). A file whose size and time
        are those in ``known`` keeps its recorded checksum instead of being read."""
        toc = ix._read_toc()
        prefixes = [segment.segment_id() for segment in toc.segments]
        toc_name = f"_{INDEX_NAME}_{toc.generation}.toc"
        files: dict[str, list[int]] = {}
        for name in os.listdir(self.folder):
            # Column files are a cache with checksums of their own (see columns.py).
            if not (name == toc_name or any(name.startswith(p + ".") for p in prefixes)):
                continue
            info = (self.folder / name).stat()
            old = (known or {}).get(name)
            if (
                isinstance(old, list)
                and _entry_ok(old)
                and old[:2] == [info.st_size, info.st_mtime_ns]
            ):
                files[name] = list(old)
            else:
                files[name] = [info.st_size, info.st_mtime_ns, _crc32(self.folder / name)]
        return files

    def _check(self) -> tuple[str, dict[str, Any] | None]:
        """("ok" | "missing" | "stale" | "damaged", manifest) of the index on disk."""
        manifest = self._read_manifest()
        if manifest is None:
            return "missing", None
        form = manifest.get("format")
        if isinstance(form, int) and not isinstance(form, bool) and 0 < form < MANIFEST_FORMAT:
            return "stale", None  # written by an earlier version: rebuilt, not "damaged"
        if form != MANIFEST_FORMAT or not isinstance(manifest.get("articles"), dict):
            return "damaged", None
        if manifest.get("version") != index_version():
            return "stale", None
        if manifest.get("damaged"):
            return "damaged", None
        files = manifest.get("files")
        if not isinstance(files, dict) or not all(_entry_ok(v) for v in files.values()):
            return "damaged", None
        for name, (size, mtime_ns, crc) in files.items():
            try:
                info = (self.folder / name).stat()
                if info.st_size != size:
                    return "damaged", None
                # Written over in place (same size, new time): read it to be sure.
                if info.st_mtime_ns != mtime_ns and _crc32(self.folder / name) != crc:
                    return "damaged", None
            except OSError:
                return "damaged", None
        try:
            ix = FileStorage(str(self.folder)).open_index(INDEX_NAME)
            if (
                ix.latest_generation() != manifest.get("generation")
                or ix.doc_count() != manifest.get("blocks")
                or set(self._index_files(ix, files)) != set(files)
            ):
                return "damaged", None
        except Exception:  # an unreadable index fails in many ways; all mean "rebuild"
            return "damaged", None
        return "ok", manifest

    def verify(self) -> bool:
        """Read every file of the index and compare it with its recorded checksum.

        True when the index is whole (or there is none yet: nothing to check). A
        mismatch marks the index damaged, so the next :meth:`ensure` rebuilds it,
        and returns False.
        """
        with self._write_mutex:
            manifest = self._read_manifest()
            if manifest is None:
                return True
            files = manifest.get("files")
            whole = isinstance(files, dict) and all(_entry_ok(v) for v in files.values())
            if whole and isinstance(files, dict):
                for name, (size, _mtime, crc) in files.items():
                    try:
                        path = self.folder / name
                        if path.stat().st_size != size or _crc32(path) != crc:
                            whole = False
                            break
                    except OSError:
                        whole = False
                        break
            if not whole:
                with self._lock:
                    self._close()
                with suppress(OSError):
                    self._write_manifest({**manifest, "damaged": True})
            return whole

    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        try:
            paths.ensure_folder(self.folder, "the search index folder")
        except paths.FolderError as exc:
            raise SearchIndexError(f"{exc}; search needs it to build its index") from exc
        lock = FileStorage(str(self.folder)).lock(LOCK_NAME)
        deadline = time.monotonic() + self.lock_timeout
        while not lock.acquire(blocking=False):
            if time.monotonic() >= deadline:
                raise IndexBusyError(
                    "the search index is being updated by another copy of Jining Archive; "
                    "try again when it has finished"
                )
            time.sleep(0.1)
        try:
            yield
        finally:
            lock.release()

    # --- building -----------------------------------------------------------

    def ensure(
        self,
        articles: list[Article],
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> list[str]:
        """Build or update the index so it holds exactly ``articles``.

        Returns messages for the user, e.g. "search index was damaged and has
        been rebuilt". Raises IndexBusyError when another process is writing
        and this index cannot be used meanwhile.
        """
        with paused_gc():  # a fingerprint for every article: many small objects
            wanted = {a.id: article_fingerprint(a) for a in articles}
        with self._write_mutex:
            status, manifest = self._check()
            if status == "ok" and manifest is not None and manifest["articles"] == wanted:
                return []
            try:
                with self._write_lock():
                    return self._ensure_locked(articles, wanted, progress, cancel)
            except IndexBusyError:
                if status == "ok":
                    return [
                        "the search index is being updated by another copy of Jining Archive; "
                        "results may be incomplete until it has finished"
                    ]
                raise

    def _ensure_locked(
        self,
        articles: list[Article],
        wanted: dict[str, str],
        progress: Progress | None,
        cancel: Cancel | None,
    ) -> list[str]:
        status, manifest = self._check()  # again: another process may have just done it
        if status != "ok" or manifest is None:
            if not self._rebuild(articles, progress, cancel):
                return [IndexMessage("cancelled", "search index update was cancelled")]
            return [
                {
                    "missing": IndexMessage("built", "search index has been built"),
                    "stale": IndexMessage(
                        "rebuilt-stale",
                        "search index was made by another version and has been rebuilt",
                    ),
                    "damaged": IndexMessage(
                        "rebuilt-damaged", "search index was damaged and has been rebuilt"
                    ),
                }[status]
            ]
        held: dict[str, str] = manifest["articles"]
        changed = [a for a in articles if held.get(a.id) != wanted[a.id]]
        removed = [article_id for article_id in held if article_id not in wanted]
        if not changed and not removed:
            return []
        if not self._update(manifest, changed, removed, progress, cancel):
            return [IndexMessage("cancelled", "search index update was cancelled")]
        added = sum(1 for a in changed if a.id not in held)
        counts = {"added": added, "changed": len(changed) - added, "removed": len(removed)}
        return [
            IndexMessage(
                "updated",
                "search index updated: {added} added, {changed} changed, {removed} removed".format(
                    **counts
                ),
                counts,
            )
        ]

    def _close(self) -> None:
        if self._searcher is not None:
            # Closing a damaged reader may fail; it is dropped either way.
            with suppress(Exception):
                self._searcher.close()
        self._searcher = self._ix = self._opened = self._stored = None
        self._manifest_seen = None

    def _rebuild(
        self, articles: list[Article], progress: Progress | None, cancel: Cancel | None
    ) -> bool:
        """Replace whatever is in the folder by a fresh index of ``articles`` (lock held)."""
        with self._lock:
            self._close()
        self._drop_manifest()
        for name in os.listdir(self.folder):
            # Only what Whoosh or this class wrote: the folder is not ours to empty.
            ours = name.startswith((INDEX_NAME, f"_{INDEX_NAME}_", MANIFEST_NAME))
            if name == LOCK_NAME or not ours:
                continue
            path = self.folder / name
            try:
                if path.is_dir():
                    for child in path.iterdir():
                        child.unlink()
                    path.rmdir()
                else:
                    path.unlink()
            except OSError:
                pass  # a file another process still has open; Whoosh ignores strays
        storage = FileStorage(str(self.folder))
        ix = storage.create_index(build_schema(), indexname=INDEX_NAME)
        manifest: dict[str, Any] = {
            "format": MANIFEST_FORMAT,
            "version": index_version(),
            "build": uuid.uuid4().hex,
            "articles": {},
        }
        return self._write(ix, manifest, articles, [], progress, cancel, merge=False)

    def _update(
        self,
        manifest: dict[str, Any],
        changed: list[Article],
        removed: list[str],
        progress: Progress | None,
        cancel: Cancel | None,
    ) -> bool:
        ix = FileStorage(str(self.folder)).open_index(INDEX_NAME)
        return self._write(ix, manifest, changed, removed, progress, cancel)

    def _write(
        self,
        ix: FileIndex,
        manifest: dict[str, Any],
        articles: list[Article],
        removed: list[str],
        progress: Progress | None,
        cancel: Cancel | None,
        merge: bool = True,
    ) -> bool:
        """Replace ``articles`` and delete ``removed`` (lock held), then record the result.

        A large batch is written as several segments of at most
        :data:`SEGMENT_CHARS` characters each, which bounds the writer's memory;
        the manifest is written only after the last, so an interrupted batch
        leaves no manifest claiming articles the index lacks.
        """
        if self.prefetch is not None and articles:
            self.prefetch(articles)
        batches = list(_batches(articles, SEGMENT_CHARS)) or [[]]
        total = sum(len(a.blocks) for a in articles)
        done = 0
        for number, batch in enumerate(batches):
            writer = BulkSegmentWriter(ix, _lk=False)
            try:
                if number == 0:
                    for article_id in [*removed, *(a.id for a in articles)]:
                        writer.delete_by_term("article_id", article_id)
                offset = done

                def step(n: int, _total: int, offset: int = offset) -> None:
                    if progress:
                        progress(offset + n, total)

                columns = self._add_articles(writer, batch, step, cancel)
                if columns is None:
                    writer.cancel()
                    return False
                done += sum(len(a.blocks) for a in batch)
                # Merging the segments of one build would read every posting back.
                writer.commit(merge=merge and len(batches) == 1)
                segment = writer.newsegment
                if segment.doc_count_all() == len(columns):  # nothing merged in
                    save_columns(self.folder, segment.segment_id(), columns)
            except BaseException:
                with suppress(Exception):  # keep the original error, not a clean-up failure
                    writer.cancel()
                raise
        held = dict(manifest["articles"])
        for article_id in removed:
            held.pop(article_id, None)
        held.update({a.id: article_fingerprint(a) for a in articles})
        manifest = {
            **manifest,
            "articles": held,
            "generation": ix.latest_generation(),
            "blocks": ix.doc_count(),
            "files": self._index_files(ix, manifest.get("files")),
        }
        self._write_manifest(manifest)
        return True

    def _add_articles(
        self,
        writer: SegmentWriter,
        articles: list[Article],
        progress: Progress | None,
        cancel: Cancel | None,
    ) -> SegmentColumns | None:
        """Add the blocks of ``articles``; their columns, or None when cancelled."""
        pairs = [(article, block) for article in articles for block in article.blocks]
        total = len(pairs)
        folded = [fold(block.text) for _, block in pairs]
        title_words: dict[str, list[str]] = {}
        if progress:
            progress(0, total)
        words_iter = segment_many(folded, workers=self.workers)
        shared: dict[str, str] = {}
        columns = SegmentColumns()
        try:
            for done, ((article, block), text, words) in enumerate(
                zip(pairs, folded, words_iter, strict=True), start=1
            ):
                titles, section_title = _block_titles(article, block)
                title_folded = fold("\n".join(titles))
                if title_folded not in title_words:
                    title_words[title_folded] = segment(title_folded)
                writer.add_document(
                    article_id=article.id,
                    kind=str(block.kind),
                    year=f"{article.year:04d}" if article.year else None,
                    words=words,
                    grams=text,
                    title=title_folded,
                    block_id=block.id,
                    section_id=block.section_id or "",
                    start=block.start,
                    text=block.text,
                    title_folded=title_folded,
                    title_words=title_words[title_folded],
                    article_title=article.title,
                    section_title=section_title,
                )
                columns.append(
                    shared.setdefault(article.id, article.id),
                    shared.setdefault(str(block.kind), str(block.kind)),
                    block.start,
                    text,
                    shared.setdefault(title_folded, title_folded),
                    stored_length(len(words)),
                )
                if done % 64 == 0 or done == total:
                    if cancel is not None and cancel():
                        return None
                    if progress:
                        progress(done, total)
        finally:
            close = getattr(words_iter, "close", None)
            if close is not None:
                close()
        return columns

    def add_or_replace(self, article: Article) -> None:
        """Index ``article``, replacing any earlier version of it, without a full rebuild."""
        with self._write_mutex, self._write_lock():
            status, manifest = self._check()
            if status != "ok" or manifest is None:
                # Start a fresh index holding this article; ensure() adds the rest.
                self._rebuild([article], None, None)
            else:
                self._update(manifest, [article], [], None, None)

    def remove(self, article_id: str) -> None:
        """Take the article's blocks out of the index."""
        with self._write_mutex, self._write_lock():
            status, manifest = self._check()
            if status != "ok" or manifest is None:
                return  # nothing usable to remove from; the next ensure() rebuilds
            if article_id in manifest["articles"]:
                self._update(manifest, [], [article_id], None, None)

    # --- searching ----------------------------------------------------------

    def _open_searcher(self) -> tuple[Any, StoredTexts]:
        # The manifest is replaced whole (a new file) whenever the index changes: while
        # its file is the one last read, the open searcher is current. Reading it for
        # every query cost milliseconds (it lists every article).
        try:
            info = self.manifest_path.stat()
            seen: tuple[int, int, int] | None = (info.st_ino, info.st_size, info.st_mtime_ns)
        except OSError:
            seen = None
        if (
            seen is not None
            and seen == self._manifest_seen
            and self._searcher is not None
            and self._stored is not None
        ):
            return self._searcher, self._stored
        manifest = self._read_manifest()
        if not manifest or "build" not in manifest:
            raise SearchIndexError("the search index has not been built yet")
        key = (manifest["build"], manifest.get("generation", -1))
        if self._opened != key or self._searcher is None or self._stored is None:
            self._close()
            try:
                ix = FileStorage(str(self.folder)).open_index(INDEX_NAME)
                searcher = ix.searcher(weighting=scoring.BM25F())
            except Exception as exc:
                raise self._damaged() from exc
            self._ix, self._searcher, self._opened = ix, searcher, key
            try:
                columns = load_columns(
                    self.folder, searcher.reader(), INDEX_NAME, self._segment_columns
                )
            except _READ_ERRORS as exc:
                raise self._damaged() from exc
            self._stored = StoredTexts(searcher, columns)
            self._held = frozenset(manifest.get("articles", {}))
            self._load_titles(self._stored, key)
            try:
                # Made once with the index, not by whichever query first has a title word.
                self._stored.title_vectors()
            except _READ_ERRORS as exc:
                raise self._damaged() from exc
        self._manifest_seen = seen
        return self._searcher, self._stored

    def _load_titles(self, stored: StoredTexts, key: tuple[str, int]) -> None:
        """Use the words of the title table kept for this build of the index, if any
        (of any generation: a title's words do not change; counts come from the columns)."""
        try:
            data = json.loads((self.folder / TITLES_NAME).read_text(encoding="utf-8"))
            index = data.get("index")
            if not isinstance(index, list) or not index or index[0] != key[0]:
                return
            words = {str(t): [str(w) for w in ws] for t, _n, ws in data["titles"]}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return  # a cache: without it the words are read from the index
        stored.set_title_words(words)

    def _save_titles(self, stored: StoredTexts) -> None:
        """Keep the title table a search has built, for the next process."""
        table = stored.titles_to_keep()
        if table is None or self._opened is None:
            return
        data = {"index": list(self._opened), "titles": table}
        unique = f"{os.getpid()}-{threading.get_ident()}"
        tmp = self.folder / f"{TITLES_NAME}.{unique}.tmp"
        try:
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.chmod(tmp, paths.PRIVATE_FILE_MODE)
            os.replace(tmp, self.folder / TITLES_NAME)
        except OSError:
            with suppress(OSError):
                tmp.unlink()

    def _damaged(self) -> IndexDamagedError:
        self._close()
        self._segment_columns.clear()
        manifest = self._read_manifest()
        if manifest:
            with suppress(OSError):
                self._write_manifest({**manifest, "damaged": True})
        return IndexDamagedError(
            "the search index could not be read; it will be rebuilt the next time it is needed"
        )

    def search(
        self, query: str, limit: int = 50, articles: Mapping[str, Article] | None = None
    ) -> SearchResults:
        """The blocks matching ``query``, best first (see :mod:`jining_archive.search.query`).

        ``articles``, when given, limits hits to those articles and takes
        titles from them. Raises QuerySyntaxError for a malformed query and
        SearchIndexError when the index is not built or cannot be read.
        """
        parsed = parse_query(query)
        with self._lock:
            searcher, stored = self._open_searcher()
            try:
                run = QueryRun(searcher, stored)
                docs = run.docs(parsed.root)
                # Only when the index holds articles the caller does not know (an update
                # not yet written).
                if articles is not None and not self._held <= articles.keys():
                    docs = docs & stored.vectors.articles_mask(articles)
                ranked = rank(run, parsed, docs, articles, limit=max(0, limit))
                hits = [
                    make_hit(run, parsed, docnum, score, articles)
                    for score, docnum in ranked[: max(0, limit)]
                ]
            except _READ_ERRORS as exc:
                raise self._damaged() from exc
            self._save_titles(stored)
        return SearchResults(query=query, total=int(docs.sum()), hits=hits)

    def close(self) -> None:
        """Close open files (the index stays on disk)."""
        with self._lock:
            self._close()


def _entry_ok(entry: Any) -> bool:
    """A manifest's record of one file: [size, mtime_ns, crc32], all integers."""
    return (
        isinstance(entry, list)
        and len(entry) == 3
        and all(isinstance(v, int) and not isinstance(v, bool) for v in entry)
    )


def _crc32(path: Path) -> int:
    """The CRC-32 of a file, read in 1 MiB pieces."""
    crc = 0
    with open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc
