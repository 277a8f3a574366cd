"""Moving an archive between the desktop and a team server.

``publish`` copies the desktop archive (imported articles with their originals, the
user's edits, the bundled articles the user removed) and the user's notes to the
server; ``take_copy`` copies what the member can see on the server (the archive, their
own notes and the shared ones) into the desktop folders for offline use. Articles are
matched by id and content, notes by uid, so running either twice duplicates nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from jining_archive.notes.model import Bookmark
from jining_archive.notes.store import NoteStore
from jining_archive.storage.catalogue import Catalogue
from jining_archive.storage.server.catalogue import ServerCatalogue
from jining_archive.storage.server.notes import ServerNotes


@dataclass
class SyncReport:
    """What one run copied (and what it could not)."""

    articles_copied: int = 0
    articles_current: int = 0
    notes_added: int = 0
    notes_updated: int = 0
    problems: list[str] = field(default_factory=list)


def _copy_archive(
    source: Catalogue | ServerCatalogue, target: Catalogue | ServerCatalogue, report: SyncReport
) -> None:
    for row in source.rows():
        there = target.get(row.id)
        if there is not None and (there.content_hash, there.parser_version) == (
            row.content_hash,
            row.parser_version,
        ):
            report.articles_current += 1
            continue
        original = None
        if row.origin == "imported":
            try:
                original = source.original(row)
            except OSError as exc:
                report.problems.append(f"{row.id}: its original could not be read ({exc})")
                continue
        target.put(row, original=original)
        report.articles_copied += 1
    for article_id, fields in source.edits().items():
        if target.edits_of(article_id) != fields:
            target.set_edits(article_id, fields)
    for article_id in source.removed_bundled() - target.removed_bundled():
        if target.get(article_id) is not None:
            target.remove(article_id)


def publish(
    local: Catalogue,
    notes: NoteStore,
    server: ServerCatalogue,
    server_notes: ServerNotes,
    shared: Callable[[Bookmark], bool] = lambda _b: False,
) -> SyncReport:
    """Copy the desktop archive and notes to the server (notes private unless ``shared``)."""
    report = SyncReport()
    _copy_archive(local, server, report)
    report.notes_added, report.notes_updated = server_notes.publish(notes.bookmarks(), shared)
    return report


def take_copy(
    server: ServerCatalogue, server_notes: ServerNotes, local: Catalogue, notes: NoteStore
) -> SyncReport:
    """Copy what the member can see on the server into the desktop archive and notes."""
    report = SyncReport()
    _copy_archive(server, local, report)
    imported = notes.import_bookmarks(server_notes.bookmarks())
    report.notes_added, report.notes_updated = imported.added, imported.updated
    return report
