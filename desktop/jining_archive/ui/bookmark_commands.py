"""Undoable changes to bookmarks (QUndoCommand over the notes store).

The panel first makes a change in the store and only then pushes the command,
created with ``done=True`` so that its first ``redo`` (which QUndoStack.push
calls) does nothing: a failed write never reaches the undo stack. Later undo and
redo restore exact copies with :meth:`NoteStore.put` (same id, uid and times);
a failure there is reported through ``on_error`` instead of raising inside Qt.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from jining_archive.notes.model import Bookmark
from jining_archive.notes.store import NotesError, NoteStore

Callback = Callable[[], None]
ErrorCallback = Callable[[str], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("BookmarksPanel", text)


class _StoreCommand(QUndoCommand):
    def __init__(
        self, text: str, store: NoteStore, on_change: Callback, on_error: ErrorCallback
    ) -> None:
        super().__init__(_tr(text))
        #: The untranslated name, so Undo and Redo can say it in a later language.
        self.source_text = text
        self._store = store
        self._on_change = on_change
        self._on_error = on_error
        self._skip_redo = True

    def _run(self, action: Callable[[], object]) -> None:
        try:
            action()
        except NotesError as exc:
            self._on_error(str(exc))
        self._on_change()

    def _do(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        """Apply the change (skipped once: the panel already applied it)."""
        if self._skip_redo:
            self._skip_redo = False
            return
        self._run(self._do)

    def undo(self) -> None:
        """Take the change back."""
        self._run(self._undo)


class AddBookmarkCommand(_StoreCommand):
    """A bookmark was added."""

    def __init__(
        self, store: NoteStore, saved: Bookmark, on_change: Callback, on_error: ErrorCallback
    ) -> None:
        super().__init__("添加书签", store, on_change, on_error)
        self.saved = saved.copy()

    def _do(self) -> None:
        self._store.put(self.saved)

    def _undo(self) -> None:
        self._store.remove([self.saved.id])


class EditBookmarkCommand(_StoreCommand):
    """A bookmark's note, tags, kind or label changed."""

    def __init__(
        self,
        store: NoteStore,
        before: Bookmark,
        after: Bookmark,
        on_change: Callback,
        on_error: ErrorCallback,
    ) -> None:
        super().__init__("编辑书签", store, on_change, on_error)
        self.before = before.copy()
        self.after = after.copy()

    def _do(self) -> None:
        self._store.put(self.after)

    def _undo(self) -> None:
        self._store.put(self.before)


class DeleteBookmarksCommand(_StoreCommand):
    """Bookmarks were deleted; undo puts them back exactly."""

    def __init__(
        self,
        store: NoteStore,
        removed: list[Bookmark],
        on_change: Callback,
        on_error: ErrorCallback,
    ) -> None:
        super().__init__("删除书签", store, on_change, on_error)
        self.removed = [b.copy() for b in removed]

    def _do(self) -> None:
        self._store.remove([b.id for b in self.removed])

    def _undo(self) -> None:
        self._store.import_bookmarks(self.removed, replace=True)
