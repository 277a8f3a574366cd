"""Format readers: turn one file (txt, md, html, docx, pdf) into plain lines of text.

Every reader returns a :class:`SourceText`: the text as lines (a blank line
where the layout had a gap, so the one parser in ``documents.parse`` sees the
same shape it sees in the bundled texts), plus whatever metadata the file
itself states (a page's <title> and meta tags, a Word file's core
properties). Page furniture is removed afterwards by
``documents.furniture``; readers only drop what their format alone knows is
not text (a PDF's running headers and page numbers, a page's scripts).

Readers never execute or fetch anything: no scripts, no network, no external
resources. A file that cannot be read raises :class:`FormatError` whose
``code`` says why, so a front end can say it in its own language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Larger files are refused with a clear message instead of being read into memory.
MAX_FILE_BYTES = 64 * 1024 * 1024


class FormatError(ValueError):
    """A file that cannot be imported; ``str(exc)`` is an English message for the user.

    ``code`` is one of: empty, binary, undecodable, too-large, unsupported, not-zip,
    zip-bomb, damaged, encrypted, scanned, no-text, unreadable.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class SourceText:
    """What a reader got out of one file, before page furniture is removed and it is parsed."""

    text: str
    format: str  # txt | md | html | docx | pdf
    encoding: str = ""  # the detected encoding of text formats ("" for binary formats)
    #: Characters that could not be decoded and were replaced by U+FFFD (a UTF-8
    #: file with a few bad bytes); 0 when the file decoded cleanly.
    replaced: int = 0
    title: str = ""
    subtitle: str = ""
    date: str = ""  # ISO YYYY[-MM[-DD]], only when the file's own metadata states it
    #: When the file itself was made (a Word or PDF file's creation date): not a
    #: publication date, used only as an estimate when the text gives none.
    file_date: str = ""
    source: str = ""  # publisher or site name from the file's metadata
    reporters: list[str] = field(default_factory=list)
    url: str = ""  # the page's own address (canonical link or og:url), if stated
    furniture: list[str] = field(default_factory=list)  # lines the reader dropped
