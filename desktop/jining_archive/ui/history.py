"""Back and Forward through the places a reader jumped to, as in a browser.

A place is an article and an offset in it (the text at the top of the reader).
Jumping records where the reader was; Back returns there and keeps the place it
left for Forward; a new jump after going back drops what was ahead.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Places kept behind the reader (the oldest are forgotten).
HISTORY_LIMIT = 100


@dataclass(frozen=True)
class Place:
    """Where the reader is: an article and the offset at the top of the view."""

    article_id: str
    offset: int


class History:
    """The places behind and ahead of the reader."""

    def __init__(self, limit: int = HISTORY_LIMIT) -> None:
        self.limit = limit
        self._back: list[Place] = []
        self._forward: list[Place] = []

    def record(self, left: Place | None, going_to: Place | None = None) -> None:
        """A jump from ``left``: it goes behind, and what was ahead is dropped. A jump
        to the place just left (or nowhere new) records nothing."""
        if left is None or left == going_to:
            return
        if self._back and self._back[-1] == left:
            self._forward.clear()
            return
        self._back.append(left)
        del self._back[: -self.limit]
        self._forward.clear()

    def back(self, current: Place | None) -> Place | None:
        """The place behind (None when there is none); ``current`` goes ahead."""
        if not self._back:
            return None
        if current is not None:
            self._forward.append(current)
        return self._back.pop()

    def forward(self, current: Place | None) -> Place | None:
        """The place ahead (None when there is none); ``current`` goes behind."""
        if not self._forward:
            return None
        if current is not None:
            self._back.append(current)
        return self._forward.pop()

    @property
    def can_go_back(self) -> bool:
        """Whether Back has somewhere to go."""
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        """Whether Forward has somewhere to go."""
        return bool(self._forward)
