"""The shape of an error a front end words in its own language."""

from __future__ import annotations

from pathlib import Path


class CodedError(Exception):
    """English text for the command line, with a ``code`` from which the window says the
    same in the interface language; ``path`` is the file or folder concerned and
    ``detail`` the system's own words (or the part the code alone does not say)."""

    def __init__(
        self, message: str, code: str = "", path: Path | None = None, detail: str = ""
    ) -> None:
        super().__init__(message)
        self.code = code
        self.path = path
        self.detail = detail
