"""The furniture rules against the hand-labelled development set of saved web pages.

Each page in tests/devset/ is cleaned, parsed, and checked against its labels
(see tests/devset/README.md for the conventions). A label the general rules do
not meet is marked ``"xfail"`` in labels.json (a reason, or a map from label kind
to reason) and is then expected to fail here, strictly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jining_archive.documents.furniture import CleanText, clean_text
from jining_archive.documents.model import Article, BlockKind
from jining_archive.documents.parse import parse_article

DEVSET = Path(__file__).parent / "devset"
LABELS: list[dict[str, Any]] = json.loads((DEVSET / "labels.json").read_text(encoding="utf-8"))
KINDS = ("title", "date", "source", "first", "last", "junk")


def _load(label: dict[str, Any]) -> tuple[str, CleanText, Article]:
    raw = (DEVSET / label["file"]).read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    return raw, cleaned, parse_article(cleaned.text, "dev", title=cleaned.title)


def _paragraphs(article: Article) -> list[str]:
    return [b.text for b in article.blocks if b.kind == BlockKind.PARAGRAPH]


def _cases() -> list[Any]:
    cases = []
    for label in LABELS:
        for kind in KINDS:
            # "xfail" is a reason for the whole page, or a {kind: reason} map.
            xfail = label.get("xfail")
            reason = xfail.get(kind) if isinstance(xfail, dict) else xfail
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(label, kind, id=f"{label['file']}-{kind}", marks=marks))
    return cases


def test_devset_size() -> None:
    assert len(LABELS) >= 16
    assert len({label["site"] for label in LABELS}) >= 8
    for label in LABELS:
        assert (DEVSET / label["file"]).is_file(), label["file"]


@pytest.mark.parametrize(("label", "kind"), _cases())
def test_label(label: dict[str, Any], kind: str) -> None:
    raw, cleaned, article = _load(label)
    paragraphs = _paragraphs(article)
    if kind == "title":
        assert article.title == label["title"]
    elif kind == "date":
        assert cleaned.date == label["date"]
    elif kind == "source":
        # A source the text does not name (the label then gives the site) cannot be read.
        expected = label["source"] if label["source"] in raw else ""
        assert cleaned.source == expected
    elif kind == "first":
        assert paragraphs, "no paragraph"
        assert paragraphs[0].startswith(label["first_sentence"]), paragraphs[0][:80]
    elif kind == "last":
        if label.get("truncated"):
            # The stored copy stops mid-sentence: the last paragraph with a sentence end.
            paragraphs = [p for p in paragraphs if any(c in p for c in "。！？")]
        assert paragraphs, "no paragraph"
        last = paragraphs[-1]
        assert last.endswith(label["last_sentence"]) or label["last_sentence"] in last, last[-80:]
    else:
        found = [j for j in label["junk"] for b in article.blocks if j in b.text]
        assert not found, found
