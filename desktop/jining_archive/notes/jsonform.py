"""The JSON form of bookmarks: written by the JSON export, read back by the import.

Every stored field is written (id, uid, kind, anchor with offsets, quote and
context, original quote, anchor state, text fingerprint, note, tags, times, and an
insight's snapshot: its table, sources and chart), so
importing an export restores the bookmarks exactly. The ``citation`` object is
there for readers of the file and is ignored on import.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jining_archive.notes.model import Anchor, AnchorState, Bookmark, TargetKind
from jining_archive.notes.snapshot import SnapshotError
from jining_archive.notes.snapshot import from_dict as snapshot_from_dict
from jining_archive.notes.store import MAX_INTEGER
from jining_archive.notes.targets import Citation, CitationStyle

FORMAT_NAME = "jining-archive-notes"
FORMAT_VERSION = 1


class NotesFileError(ValueError):
    """A notes file that cannot be imported; the message says where and why."""


def bookmark_to_dict(
    bookmark: Bookmark,
    citation: Citation | None = None,
    style: CitationStyle = CitationStyle.APP,
) -> dict[str, Any]:
    """The JSON object for one bookmark (with its citation, its reference in ``style``)."""
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
    if bookmark.snapshot is not None:
        data["snapshot"] = bookmark.snapshot.to_dict()
    if citation is not None:
        data["citation"] = {
            "article_title": citation.article_title,
            "date": citation.date,
            "date_estimated": citation.date_estimated,
            "source": citation.source,
            "reporters": list(citation.reporters),
            "section": citation.section,
            "quote": citation.quote,
            "in_context": citation.in_context,
            "reference": citation.reference(style),
            "style": str(style),
        }
    return data


def _has_lone_surrogate(text: str) -> bool:
    # JSON's \\ud800 escapes decode to halves of a pair that UTF-8 cannot hold.
    return any("\ud800" <= c <= "\udfff" for c in text)


def bookmark_from_dict(data: Any, where: str = "bookmark", at: str = "$") -> Bookmark:
    """A bookmark from its JSON object; NotesFileError names the field that is wrong,
    in words (``where``) and as a JSON path from ``at``."""

    def wrong(key: str, problem: str) -> NotesFileError:
        path = f"{at}.{key}" if key else at
        shown = f"{key!r} " if key and "." not in key else (f"'{key}' " if key else "")
        return NotesFileError(f"{where}: {shown}{problem} (at {path})")

    if not isinstance(data, dict):
        raise wrong("", "must be an object")

    def checked_text(value: Any, key: str) -> str:
        if not isinstance(value, str):
            raise wrong(key, "must be text")
        if _has_lone_surrogate(value):
            raise wrong(key, "holds a lone surrogate (\\ud800–\\udfff), which is not text")
        return value

    def text(key: str, *, required: bool = False) -> str:
        value = data.get(key, "")
        if value is None:
            value = ""
        value = checked_text(value, key)
        if required and not value:
            raise wrong(key, "is missing")
        return value

    def integer(value: Any, key: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_INTEGER:
            raise wrong(key, f"must be a whole number from 0 to {MAX_INTEGER}")
        return value

    kind_text = text("kind", required=True)
    if kind_text not in {str(k) for k in TargetKind}:
        raise wrong("kind", f"must be one of {', '.join(str(k) for k in TargetKind)}")
    state_text = text("anchor_state") or "attached"
    if state_text not in {str(s) for s in AnchorState}:
        raise wrong("anchor_state", f"must be one of {', '.join(str(s) for s in AnchorState)}")
    raw_anchor = data.get("anchor")
    anchor = None
    if raw_anchor is not None:
        if not isinstance(raw_anchor, dict):
            raise wrong("anchor", "must be an object")
        start = integer(raw_anchor.get("start"), "anchor.start")
        end = integer(raw_anchor.get("end"), "anchor.end")
        if end < start:
            raise wrong("anchor.end", "is before anchor.start (the anchor ends before it starts)")
        parts = {}
        for key in ("quote", "before", "after"):
            parts[key] = checked_text(raw_anchor.get(key, ""), f"anchor.{key}")
        anchor = Anchor(start, end, parts["quote"], parts["before"], parts["after"])
    tags = data.get("tags", [])
    if not isinstance(tags, list):
        raise wrong("tags", "must be a list of text")
    for n, tag in enumerate(tags):
        checked_text(tag, f"tags[{n}]")
    section_id = data.get("section_id")
    if section_id is not None:
        checked_text(section_id, "section_id")
    insight = kind_text == str(TargetKind.INSIGHT)
    snapshot = None
    if insight or data.get("snapshot") is not None:
        if not insight:
            raise wrong("snapshot", f"belongs only to a bookmark of kind {TargetKind.INSIGHT}")
        try:
            snapshot = snapshot_from_dict(data.get("snapshot"))
        except SnapshotError as exc:
            raise wrong("snapshot", f"is wrong: {exc}") from None
        if text("article_id") or raw_anchor is not None:
            raise wrong("article_id", "must be empty for an insight (it cites its rows' articles)")
    return Bookmark(
        id=integer(data.get("id", 0), "id"),
        uid=text("uid", required=True),
        kind=TargetKind(kind_text),
        article_id=text("article_id", required=not insight),
        section_id=section_id,
        label=text("label"),
        anchor=anchor,
        original_quote=text("original_quote"),
        anchor_state=AnchorState(state_text),
        text_hash=text("text_hash"),
        note=text("note"),
        tags=list(tags),
        created=text("created", required=True),
        modified=text("modified", required=True),
        snapshot=snapshot,
    )


def read_notes_file(path: Path) -> list[Bookmark]:
    """The bookmarks of a JSON notes export (NotesFileError, naming the first wrong field
    with its JSON path, if it is not one; nothing is half read)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotesFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise NotesFileError(f"{path}: is a folder, not a notes export") from None
    except OSError as exc:
        raise NotesFileError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except RecursionError:
        raise NotesFileError(
            f"{path}: not a JSON notes export (it is nested too deeply to read)"
        ) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise NotesFileError(f"{path}: not a JSON notes export ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise NotesFileError(f"{path}: not a notes export of this app (no format {FORMAT_NAME!r})")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise NotesFileError(
            f"{path}: 'version' must be a whole number (this app reads version "
            f"{FORMAT_VERSION}), not {json.dumps(version)} (at $.version)"
        )
    if version > FORMAT_VERSION:
        raise NotesFileError(
            f"{path}: notes format version {version!r} is newer than this app reads "
            f"({FORMAT_VERSION})"
        )
    items = data.get("bookmarks")
    if not isinstance(items, list):
        raise NotesFileError(f"{path}: 'bookmarks' must be a list (at $.bookmarks)")
    bookmarks = [
        bookmark_from_dict(item, f"{path}: bookmark {n + 1}", f"$.bookmarks[{n}]")
        for n, item in enumerate(items)
    ]
    seen: dict[str, int] = {}
    for n, b in enumerate(bookmarks):
        if b.uid in seen:
            raise NotesFileError(
                f"{path}: bookmark {n + 1}: the uid {b.uid!r} appears more than once (also in "
                f"bookmark {seen[b.uid] + 1}) (at $.bookmarks[{n}].uid)"
            )
        seen[b.uid] = n
    return bookmarks
