"""Which back end holds the archive: the embedded one (SQLite files and the Whoosh
index in the user's folders: the default) or a team's PostgreSQL server, named by
``--server`` or the JINING_ARCHIVE_SERVER environment variable.

The library and the front ends open their catalogue, search index and notes here and
never ask which back end they got.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from jining_archive.storage.server.connection import SERVER_ENV

if TYPE_CHECKING:
    from jining_archive.storage.catalogue import Catalogue
    from jining_archive.storage.server.catalogue import ServerCatalogue

#: A catalogue of either back end (they have the same methods).
AnyCatalogue: TypeAlias = "Catalogue | ServerCatalogue"

_server: str | None = None
_local = False


def set_server(url: str | None, *, local: bool = False) -> None:
    """Use the server at ``url`` for this process (None: the environment decides; with
    ``local``, the user's own archive whatever the environment says)."""
    global _server, _local
    _server = url or None
    _local = local


def server_url() -> str | None:
    """The team server in use, or None for the embedded back end."""
    if _local:
        return None
    return _server or os.environ.get(SERVER_ENV) or None


def open_catalogue() -> AnyCatalogue:
    """The catalogue: the server's, or the file in the user data folder."""
    url = server_url()
    if url:
        from jining_archive.storage.server.catalogue import ServerCatalogue

        return ServerCatalogue(url)
    from jining_archive.storage.catalogue import Catalogue

    return Catalogue()


def open_search_index() -> Any:
    """The search index: the server's tables, or the Whoosh index in the cache folder."""
    url = server_url()
    if url:
        from jining_archive.storage.server.search import ServerSearch

        return ServerSearch(url)
    from jining_archive.search import SearchIndex  # whoosh loads only when needed

    return SearchIndex()


def open_notes(path: Path | None = None) -> Any:
    """The notes: the member's and the shared ones on the server, or the user's file."""
    url = server_url()
    if url and path is None:
        from jining_archive.storage.server.notes import ServerNotes

        return ServerNotes(url)
    from jining_archive.notes.store import NoteStore

    return NoteStore(path)
