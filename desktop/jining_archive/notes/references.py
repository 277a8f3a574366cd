"""The archive's articles as references for reference managers: RIS, BibTeX, CSL-JSON.

Zotero, EndNote and NoteExpress read all three; each article is a newspaper
article:

- RIS (written with rispy): ``TY  - NEWS``, the title in ``TI``, each reporter in
  ``AU``, the paper in ``T2`` (the newspaper's title for a NEWS record in the RIS
  specification, and what Zotero and EndNote read as the publication), the
  date in ``DA`` as ``YYYY/MM/DD/`` with the parts not known left empty, and
  the year in ``PY``. Lines end in CR LF, as the specification asks.
- BibTeX (written with bibtexparser): BibTeX and biblatex have no newspaper
  entry type; biblatex's manual asks for ``@article`` with
  ``entrysubtype = {newspaper}``, which Better BibTeX reads back as a newspaper
  article and the GB/T 7714 BibTeX and biblatex styles print as ``[N]``. The
  paper is ``journal`` (an alias of biblatex's ``journaltitle``), the date is
  biblatex's ``date`` and, for classic BibTeX styles, ``year``.
- CSL-JSON: ``type`` ``article-newspaper``, ``container-title`` the paper,
  ``issued`` with ``date-parts`` as far as the date is known. A Chinese name
  is written family name first with no space, and we cannot always tell where
  the family name ends (欧阳, 司马, or a pen name), so each reporter is a
  ``literal`` name, which CSL processors print as it is written.

An estimated date is marked where the format can say so: CSL-JSON's
``circa``, biblatex's EDTF ``~`` (``2020-01~``), and a note in RIS (``N1``) and
BibTeX (``note``), which have no such mark.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from jining_archive.documents.model import Article
from jining_archive.notes.destination import Written, write_export
from jining_archive.notes.gbt7714 import title_part

ESTIMATED_NOTE = "出版日期为推定（原文未载明）"
LANGUAGE = "zh-CN"


class ReferenceFormat(StrEnum):
    """The reference formats, named as on the command line."""

    RIS = "ris"
    BIBTEX = "bibtex"
    CSL_JSON = "csl-json"

    @property
    def suffix(self) -> str:
        """The file name suffix, without the dot."""
        return {"ris": "ris", "bibtex": "bib", "csl-json": "json"}[self.value]

    @property
    def label(self) -> str:
        """The name shown in file dialogs."""
        return {
            "ris": "RIS (.ris)",
            "bibtex": "BibTeX (.bib)",
            "csl-json": "CSL-JSON (.json)",
        }[self.value]


def _date_parts(date: str) -> list[int]:
    """The numbers of an ISO date YYYY[-MM[-DD]] (empty when it has none)."""
    parts: list[int] = []
    for piece in date.strip().split("-")[:3]:
        if not piece.isdigit():
            break
        parts.append(int(piece))
    return parts


def _one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks too) made one space."""
    return " ".join(text.split())


def _title(article: Article) -> str:
    return _one_line(title_part(article.title, article.subtitle))


def _reporters(article: Article) -> list[str]:
    return [_one_line(name) for name in article.reporters if name.strip()]


# -- RIS -------------------------------------------------------------------------------


def ris_record(article: Article) -> dict[str, Any]:
    """The rispy record of one article."""
    record: dict[str, Any] = {"type_of_reference": "NEWS", "id": article.id}
    record["title"] = _title(article)
    if reporters := _reporters(article):
        record["authors"] = reporters
    if article.source:
        record["secondary_title"] = _one_line(article.source)
    parts = _date_parts(article.date)
    if parts:
        shown = [f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])]
        shown += [""] * (3 - len(shown))
        record["date"] = "/".join(shown) + "/"
        record["year"] = f"{parts[0]:04d}"
    if article.date_estimated and parts:
        record["notes"] = [ESTIMATED_NOTE]
    record["language"] = LANGUAGE
    return record


def to_ris(articles: Sequence[Article]) -> str:
    """The RIS file of ``articles``."""
    import rispy  # only the reference export needs it

    class Writer(rispy.RisWriter):
        NEWLINE = "\r\n"

        def set_header(self, count: int) -> str:
            return ""  # rispy numbers records ("1.") by default; RIS has no such line

    return str(rispy.dumps([ris_record(a) for a in articles], implementation=Writer))


# -- BibTeX ----------------------------------------------------------------------------

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_SPECIAL_RE = re.compile("|".join(re.escape(c) for c in _BIBTEX_SPECIAL))
_KEY_UNSAFE = re.compile(r"[^\w.:-]")


def bibtex_text(text: str) -> str:
    """``text`` for a BibTeX field: LaTeX's special characters escaped, braces balanced."""
    return _BIBTEX_SPECIAL_RE.sub(lambda m: _BIBTEX_SPECIAL[m.group()], _one_line(text))


def bibtex_key(article_id: str) -> str:
    """A citation key from an article id (only letters, digits and ``_ . : -``)."""
    return _KEY_UNSAFE.sub("-", article_id) or "article"


def _bibtex_name(name: str) -> str:
    """A reporter's name for ``author``: BibTeX splits names at spaces, commas and
    "and"; a Chinese name (or a pen name) holding one of them is braced whole."""
    text = bibtex_text(name)
    if re.search(r"[\s,]", text):
        return "{" + text + "}"
    return text


def bibtex_fields(article: Article) -> dict[str, str]:
    """The BibTeX fields of one article, escaped, without their enclosing braces."""
    fields: dict[str, str] = {}
    if reporters := _reporters(article):
        fields["author"] = " and ".join(_bibtex_name(name) for name in reporters)
    fields["title"] = bibtex_text(_title(article))
    if article.source:
        fields["journal"] = bibtex_text(article.source)
    fields["entrysubtype"] = "newspaper"
    parts = _date_parts(article.date)
    if parts:
        date = "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])
        fields["date"] = date + ("~" if article.date_estimated else "")
        fields["year"] = f"{parts[0]:04d}"
    if article.date_estimated and parts:
        fields["note"] = ESTIMATED_NOTE
    fields["langid"] = "chinese"
    return fields


def to_bibtex(articles: Sequence[Article]) -> str:
    """The BibTeX file of ``articles`` (UTF-8; for biber, or bibtexu / a UTF-8 BibTeX)."""
    import bibtexparser  # only the reference export needs it
    from bibtexparser.model import Entry, Field

    library = bibtexparser.Library()
    used: set[str] = set()
    for article in articles:
        key = bibtex_key(article.id)
        n = 1
        while key in used:
            n += 1
            key = f"{bibtex_key(article.id)}-{n}"
        used.add(key)
        # bibtexparser encloses each value in braces as it writes it.
        fields = [Field(name, value) for name, value in bibtex_fields(article).items()]
        library.add(Entry("article", key, fields))
    return str(bibtexparser.write_string(library))


# -- CSL-JSON --------------------------------------------------------------------------


def csl_item(article: Article) -> dict[str, Any]:
    """The CSL-JSON item of one article."""
    item: dict[str, Any] = {"id": article.id, "type": "article-newspaper"}
    item["title"] = _title(article)
    if reporters := _reporters(article):
        item["author"] = [{"literal": name} for name in reporters]
    if article.source:
        item["container-title"] = _one_line(article.source)
    parts = _date_parts(article.date)
    if parts:
        issued: dict[str, Any] = {"date-parts": [parts]}
        if article.date_estimated:
            issued["circa"] = True
        item["issued"] = issued
    if article.date_estimated and parts:
        item["note"] = ESTIMATED_NOTE
    item["language"] = LANGUAGE
    return item


def to_csl_json(articles: Sequence[Article]) -> str:
    """The CSL-JSON file of ``articles`` (a JSON array of items)."""
    return json.dumps([csl_item(a) for a in articles], ensure_ascii=False, indent=2) + "\n"


# -- files -----------------------------------------------------------------------------


def render_references(articles: Sequence[Article], fmt: ReferenceFormat | str) -> bytes:
    """The bytes of the reference file (UTF-8)."""
    fmt = ReferenceFormat(fmt)
    if fmt == ReferenceFormat.RIS:
        text = to_ris(articles)
    elif fmt == ReferenceFormat.BIBTEX:
        text = to_bibtex(articles)
    else:
        text = to_csl_json(articles)
    # Lone surrogates (bytes that were not UTF-8, decoded leniently) cannot be written.
    return text.encode("utf-8", "replace")


def export_references(
    articles: Sequence[Article], fmt: ReferenceFormat | str, target: Path
) -> Written:
    """Write the reference file of ``articles`` to ``target`` (see
    :func:`jining_archive.notes.destination.write_export`: a complete file or none)."""
    return write_export(Path(target), render_references(articles, fmt))
