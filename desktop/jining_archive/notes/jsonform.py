"""The JSON form of bookmarks: written by the JSON export, read back by the import.

Every stored field is written (id, uid, kind, anchor with offsets, quote and
context, original quote, anchor state, text fingerprint, note, tags, times), so
importing an export restores the bookmarks exactly. The ``citation`` object is
there for readers of the file and is ignored on import.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jining_archive.notes.model import Anchor, AnchorState, Bookmark, TargetKind
from jining_archive.notes.targets import Citation

FORMAT_NAME = "jining-archive-notes"
FORMAT_VERSION = 1


class NotesFileError(ValueError):
    """A notes file that cannot be imported; the message says where and why."""


def bookmark_to_dict(bookmark: Bookmark, citation: Citation | None = None) -> dict[str, Any]:
    """The JSON object for one bookmark (with its citation, when given)."""
    anchor = bookmark.anchor
    data: dict[str, Any] = {
        "id": bookmark.id,
        "uid": bookmark.uid,
        "kind": str(bookmark.kind),
        "article_id": bookmark.article_id,
        "section_id": bookmark.section_id,
        "label": bookmark.label,
        "anchor": None
        if anchor is None
        else {
            "start": anchor.start,
            "end": anchor.end,
            "quote": anchor.quote,
            "before": anchor.before,
            "after": anchor.after,
        },
        "original_quote": bookmark.original_quote,
        "anchor_state": str(bookmark.anchor_state),
        "text_hash": bookmark.text_hash,
        "note": bookmark.note,
        "tags": list(bookmark.tags),
        "created": bookmark.created,
        "modified": bookmark.modified,
    }
    if citation is not None:
        data["citation"] = {
            "article_title": citation.article_title,
            "date": citation.date,
            "date_estimated": citation.date_estimated,
            "source": citation.source,
            "section": citation.section,
            "quote": citation.quote,
            "in_context": citation.in_context,
            "reference": citation.reference(),
        }
    return data


def bookmark_from_dict(data: Any, where: str = "bookmark") -> Bookmark:
    """A bookmark from its JSON object; NotesFileError names the field that is wrong."""
    if not isinstance(data, dict):
        raise NotesFileError(f"{where}: expected an object")

    def text(key: str, *, required: bool = False) -> str:
        value = data.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise NotesFileError(f"{where}: {key!r} must be text")
        if required and not value:
            raise NotesFileError(f"{where}: {key!r} is missing")
        return value

    def integer(value: Any, key: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise NotesFileError(f"{where}: {key!r} must be a whole number ≥ 0")
        return value

    try:
        kind = TargetKind(text("kind", required=True))
        state = AnchorState(text("anchor_state") or "attached")
    except ValueError as exc:
        raise NotesFileError(f"{where}: {exc}") from None
    raw_anchor = data.get("anchor")
    anchor = None
    if raw_anchor is not None:
        if not isinstance(raw_anchor, dict):
            raise NotesFileError(f"{where}: 'anchor' must be an object")
        start = integer(raw_anchor.get("start"), "anchor.start")
        end = integer(raw_anchor.get("end"), "anchor.end")
        if end < start:
            raise NotesFileError(f"{where}: anchor ends before it starts")
        parts = {}
        for key in ("quote", "before", "after"):
            value = raw_anchor.get(key, "")
            if not isinstance(value, str):
                raise NotesFileError(f"{where}: 'anchor.{key}' must be text")
            parts[key] = value
        anchor = Anchor(start, end, parts["quote"], parts["before"], parts["after"])
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise NotesFileError(f"{where}: 'tags' must be a list of text")
    section_id = data.get("section_id")
    if section_id is not None and not isinstance(section_id, str):
        raise NotesFileError(f"{where}: 'section_id' must be text")
    return Bookmark(
        id=integer(data.get("id", 0), "id"),
        uid=text("uid", required=True),
        kind=kind,
        article_id=text("article_id", required=True),
        section_id=section_id,
        label=text("label"),
        anchor=anchor,
        original_quote=text("original_quote"),
        anchor_state=state,
        text_hash=text("text_hash"),
        note=text("note"),
        tags=list(tags),
        created=text("created", required=True),
        modified=text("modified", required=True),
    )


def read_notes_file(path: Path) -> list[Bookmark]:
    """The bookmarks of a JSON notes export (NotesFileError if it is not one)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotesFileError(f"{path}: no such file") from None
    except OSError as exc:
        raise NotesFileError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise NotesFileError(f"{path}: not a JSON notes export ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise NotesFileError(f"{path}: not a notes export of this app (no format {FORMAT_NAME!r})")
    version = data.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise NotesFileError(
            f"{path}: notes format version {version!r} is newer than this app reads "
            f"({FORMAT_VERSION})"
        )
    items = data.get("bookmarks")
    if not isinstance(items, list):
        raise NotesFileError(f"{path}: 'bookmarks' must be a list")
    bookmarks = [
        bookmark_from_dict(item, f"{path}: bookmark {n}") for n, item in enumerate(items, 1)
    ]
    uids = [b.uid for b in bookmarks]
    if len(set(uids)) != len(uids):
        raise NotesFileError(f"{path}: the same uid appears more than once")
    return bookmarks
