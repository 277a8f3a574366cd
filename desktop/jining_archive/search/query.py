"""The query language: what the user types, parsed into a small tree.

- Plain typing: ``济宁 小松`` — every word must occur (in any order). Each
  word matches as a substring of the folded block text, exactly as grep or
  Ctrl+F would, so 快马 finds 快马加鞭 and 营商环 finds 营商环境.
- ``"exact phrase"`` — the text between ASCII double quotes, spaces and
  punctuation included.
- ``AND``, ``OR``, ``NOT`` (upper case) and parentheses; NOT binds tightest,
  then AND, then OR. Words side by side are joined by AND.
- Filters: ``title:词`` (the article's title or subtitle, or a heading of the
  block's section, contains 词), ``year:2023`` or ``year:2020-2023``,
  ``kind:caption`` (``kind:heading,caption`` for several), ``article:ID`` (one
  article by its id, as ``articles`` lists them; ``article:ID1,ID2`` for several).
- Traditional and simplified characters, full-width and ASCII forms, and
  upper and lower case all match each other (both sides are folded).
- A single character is searched like any fragment: every block containing it.
- A word made only of punctuation or symbols is ignored unless quoted, so
  ``小松 ，`` means ``小松`` and ``"，"`` searches for the comma.

Only ASCII ``"``, ``(``, ``)`` and ``:`` are syntax; their full-width forms
(“ ” （ ） ：) are ordinary characters to search for.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jining_archive.documents.model import BlockKind
from jining_archive.documents.normalise import fold, fold_width
from jining_archive.search.analysis import has_searchable_text

#: Longer queries are refused with a message rather than searched.
MAX_QUERY_CHARS = 1000
#: At most this many words, phrases and filters in one query.
MAX_QUERY_TERMS = 64

FIELDS = ("title", "year", "kind", "article")
OPERATORS = ("AND", "OR", "NOT")
KIND_NAMES = tuple(str(kind) for kind in BlockKind)


class QuerySyntaxError(ValueError):
    """The query cannot be understood; ``str(exc)`` says why, for the user (in English).

    ``code`` names the fault and ``params`` its details, so a front end can say it in
    its own language: too-long (length, limit), empty, too-many-terms (limit),
    only-punctuation, field-needs-value (field, example), unclosed-quote, empty-quotes,
    unopened-paren, unclosed-paren, empty-parens, nested-too-deep, operator-needs-words
    (operator), not-needs-word, bad-year (value), bad-kind (value, kinds), bad-article
    (value), unexpected.
    """

    def __init__(self, message: str, code: str = "", **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Text:
    """A word or phrase that must occur in the block text (or in its titles)."""

    text: str
    folded: str
    in_title: bool = False
    quoted: bool = False


@dataclass(frozen=True)
class Year:
    """The article's year lies in ``first..last``."""

    first: int
    last: int


@dataclass(frozen=True)
class Kind:
    """The block is of one of these kinds."""

    kinds: tuple[str, ...]


@dataclass(frozen=True)
class ArticleIs:
    """The block belongs to one of these articles (by id)."""

    ids: tuple[str, ...]


@dataclass(frozen=True)
class And:
    """Every child matches."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """At least one child matches."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """The child does not match."""

    child: Node


Node = Text | Year | Kind | ArticleIs | And | Or | Not


@dataclass(frozen=True)
class Query:
    """A parsed query: the original string and its tree."""

    source: str
    root: Node

    def positive_texts(self) -> list[Text]:
        """The words and phrases that a hit contains (those not under NOT), in query order."""
        out: list[Text] = []

        def walk(node: Node, negated: bool) -> None:
            if isinstance(node, Text):
                if not negated and node not in out:
                    out.append(node)
            elif isinstance(node, And | Or):
                for child in node.children:
                    walk(child, negated)
            elif isinstance(node, Not):
                walk(node.child, not negated)

        walk(self.root, False)
        return out


# --- tokens -----------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # "word", "phrase", "field", "op", "(", ")"
    value: str = ""
    field_name: str = ""
    quoted: bool = False


def drop_invisible(text: str) -> str:
    """``text`` without format characters (Unicode category Cf: zero-width spaces and
    joiners, direction marks, the byte-order mark, soft hyphens). Invisible where a
    query was copied from, they are taken out, so the query finds what the user sees."""
    if text.isascii():
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def _is_space(ch: str) -> bool:
    return ch.isspace()


def _tokens(query: str) -> Iterator[_Token]:
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if _is_space(ch):
            i += 1
        elif ch in "()":
            yield _Token(ch)
            i += 1
        elif ch == '"':
            text, i = _read_quoted(query, i)
            yield _Token("phrase", text, quoted=True)
        else:
            j = i
            while j < n and not _is_space(query[j]) and query[j] not in '()"':
                j += 1
            word = query[i:j]
            i = j
            name, colon, value = word.partition(":")
            if colon and name.lower() in FIELDS:
                name = name.lower()
                if value:
                    yield _Token("field", value, field_name=name)
                elif i < n and query[i] == '"':
                    text, i = _read_quoted(query, i)
                    yield _Token("field", text, field_name=name, quoted=True)
                else:
                    raise QuerySyntaxError(
                        f"{name}: needs something to look for right after the colon, "
                        f"e.g. {_FIELD_EXAMPLES[name]}",
                        "field-needs-value",
                        field=name,
                        example=_FIELD_EXAMPLES[name],
                    )
            elif word in OPERATORS:
                yield _Token("op", word)
            else:
                yield _Token("word", word)


_FIELD_EXAMPLES = {
    "title": "title:小松",
    "year": "year:2023",
    "kind": "kind:caption",
    "article": "article:2023-intl-parks",
}


def _read_quoted(query: str, start: int) -> tuple[str, int]:
    end = query.find('"', start + 1)
    if end < 0:
        raise QuerySyntaxError(
            'a quotation mark (") is not closed; add the closing " or remove it', "unclosed-quote"
        )
    text = query[start + 1 : end]
    if not text:
        raise QuerySyntaxError(
            'empty quotation marks (""): put the phrase to search for inside', "empty-quotes"
        )
    return text, end + 1


# --- parser -----------------------------------------------------------------


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Node:
        node = self.or_expr()
        token = self.peek()
        if token is not None:
            if token.kind == ")":
                raise QuerySyntaxError("a closing parenthesis has no opening one", "unopened-paren")
            raise QuerySyntaxError(  # pragma: no cover
                f"unexpected {token.value or token.kind}", "unexpected"
            )
        return node

    def or_expr(self) -> Node:
        children = [self.and_expr()]
        while (token := self.peek()) is not None and token.kind == "op" and token.value == "OR":
            self.take()
            if not self._starts_operand(self.peek()):
                raise QuerySyntaxError(
                    "OR needs a word on each side, e.g. 小松 OR 鲁抗",
                    "operator-needs-words",
                    operator="OR",
                )
            children.append(self.and_expr())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def and_expr(self) -> Node:
        token = self.peek()
        if token is not None and token.kind == "op" and token.value in ("AND", "OR"):
            raise QuerySyntaxError(
                f"{token.value} needs a word on each side, e.g. 小松 {token.value} 鲁抗",
                "operator-needs-words",
                operator=token.value,
            )
        children = [self.unary()]
        while True:
            token = self.peek()
            if token is not None and token.kind == "op" and token.value == "AND":
                self.take()
                if not self._starts_operand(self.peek()):
                    raise QuerySyntaxError(
                        "AND needs a word on each side, e.g. 小松 AND 鲁抗",
                        "operator-needs-words",
                        operator="AND",
                    )
                children.append(self.unary())
            elif self._starts_operand(token):
                children.append(self.unary())
            else:
                break
        return children[0] if len(children) == 1 else And(tuple(children))

    @staticmethod
    def _starts_operand(token: _Token | None) -> bool:
        if token is None:
            return False
        return token.kind in ("word", "phrase", "field", "(") or (
            token.kind == "op" and token.value == "NOT"
        )

    def unary(self) -> Node:
        token = self.peek()
        if token is None:
            raise QuerySyntaxError("type a word to search for", "empty")
        if token.kind == "op" and token.value == "NOT":
            self.take()
            if not self._starts_operand(self.peek()):
                raise QuerySyntaxError(
                    "NOT needs a word after it, e.g. 济宁 NOT 小松", "not-needs-word"
                )
            return Not(self.unary())
        return self.atom()

    def atom(self) -> Node:
        token = self.take()
        if token.kind == "(":
            if (inner := self.peek()) is not None and inner.kind == ")":
                raise QuerySyntaxError(
                    "empty parentheses: put words inside, e.g. (小松 OR 鲁抗)", "empty-parens"
                )
            self.depth += 1
            if self.depth > 20:
                raise QuerySyntaxError("parentheses are nested too deeply", "nested-too-deep")
            node = self.or_expr()
            self.depth -= 1
            closing = self.peek()
            if closing is None or closing.kind != ")":
                raise QuerySyntaxError(
                    "a parenthesis is not closed; add the closing )", "unclosed-paren"
                )
            self.take()
            return node
        if token.kind == ")":
            raise QuerySyntaxError("a closing parenthesis has no opening one", "unopened-paren")
        if token.kind == "field":
            return _field_node(token)
        if token.kind in ("word", "phrase"):
            return Text(token.value, fold(token.value), quoted=token.quoted)
        raise QuerySyntaxError(  # pragma: no cover
            f"{token.value} needs a word on each side",
            "operator-needs-words",
            operator=token.value,
        )


def _field_node(token: _Token) -> Node:
    value = token.value
    if token.field_name == "title":
        return Text(value, fold(value), in_title=True, quoted=token.quoted)
    if token.field_name == "year":
        return _year_node(value)
    if token.field_name == "article":
        return _article_node(value)
    return _kind_node(value)


def _article_node(value: str) -> ArticleIs:
    """``article:ID`` (ids are ASCII: letters, digits and hyphens; see ``articles``)."""
    ids: list[str] = []
    for raw in fold_width(value).split(","):
        article_id = raw.strip()
        if not article_id or not article_id.isascii() or not article_id.isprintable():
            raise QuerySyntaxError(
                f"article:{value} is not an article id; write the id the articles list "
                "gives, e.g. article:2023-intl-parks",
                "bad-article",
                value=value,
            )
        if article_id not in ids:
            ids.append(article_id)
    return ArticleIs(tuple(ids))


def _year_node(value: str) -> Year:
    text = fold_width(value).strip()
    first, sep, last = text.partition("-")
    if not sep:
        first, sep, last = text.partition("..")
    if not sep:
        last = first
    if not (_is_year(first) and _is_year(last)):
        raise QuerySyntaxError(
            f"year:{value} is not a year; write year:2023 or a range such as year:2020-2023",
            "bad-year",
            value=value,
        )
    lo, hi = sorted((int(first), int(last)))
    return Year(lo, hi)


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isascii() and text.isdigit()


def _kind_node(value: str) -> Kind:
    kinds: list[str] = []
    for raw in fold(value).split(","):
        name = raw.strip().replace("_", "-")
        if name == "source":
            name = "source-note"
        if name not in KIND_NAMES:
            raise QuerySyntaxError(
                f"kind:{value} is not a kind of passage; kinds are: {', '.join(KIND_NAMES)}",
                "bad-kind",
                value=value,
                kinds=", ".join(KIND_NAMES),
            )
        if name not in kinds:
            kinds.append(name)
    return Kind(tuple(kinds))


# --- clean-up ---------------------------------------------------------------


def _drop_unsearchable(node: Node) -> Node | None:
    """Remove unquoted words that are only punctuation; None if nothing is left."""
    if isinstance(node, Text):
        if node.quoted:
            return node
        return node if has_searchable_text(node.folded) else None
    if isinstance(node, And | Or):
        kept = [c for c in (_drop_unsearchable(child) for child in node.children) if c is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else type(node)(tuple(kept))
    if isinstance(node, Not):
        child = _drop_unsearchable(node.child)
        return None if child is None else Not(child)
    return node


def _count_leaves(node: Node) -> int:
    if isinstance(node, And | Or):
        return sum(_count_leaves(child) for child in node.children)
    if isinstance(node, Not):
        return _count_leaves(node.child)
    return 1


def parse_query(query: str) -> Query:
    """Parse what the user typed; raises QuerySyntaxError with a message for the user."""
    if len(query) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"the query is too long ({len(query)} characters); "
            f"search for a shorter passage (at most {MAX_QUERY_CHARS} characters)",
            "too-long",
            length=len(query),
            limit=MAX_QUERY_CHARS,
        )
    tokens = list(_tokens(drop_invisible(query)))
    if not tokens:
        raise QuerySyntaxError("type a word to search for", "empty")
    root = _Parser(tokens).parse()
    if _count_leaves(root) > MAX_QUERY_TERMS:
        raise QuerySyntaxError(
            f"the query has too many words; use at most {MAX_QUERY_TERMS} words and filters",
            "too-many-terms",
            limit=MAX_QUERY_TERMS,
        )
    cleaned = _drop_unsearchable(root)
    if cleaned is None:
        raise QuerySyntaxError(
            "nothing to search for: the query has only punctuation or symbols; "
            'to search for them as written, put them in quotes, e.g. "，"',
            "only-punctuation",
        )
    return Query(query, cleaned)


def phrase_query(text: str) -> str:
    """A query string that searches for ``text`` exactly as written (for "find this passage").

    ASCII double quotes cannot appear inside a phrase, so ``text`` is split at
    them into phrases that must all occur.
    """
    parts = [part for part in text.split('"') if part]
    return " ".join(f'"{part}"' for part in parts)
