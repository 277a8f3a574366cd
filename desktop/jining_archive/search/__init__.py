"""Full-text search over the archive: grep-exact matching, jieba-ranked, highlighted.

See :mod:`jining_archive.search.query` for the query language and
:mod:`jining_archive.search.index` for the index on disk.
"""

import warnings

# whoosh 2.7.4 has invalid escape sequences that Python warns about when compiling it.
_WHOOSH_FILES = r"(.*[\\/])?whoosh([\\/.]|$)"
warnings.filterwarnings("ignore", category=SyntaxWarning, module=_WHOOSH_FILES)
warnings.filterwarnings(
    "ignore", "invalid escape sequence", category=DeprecationWarning, module=_WHOOSH_FILES
)

from jining_archive.search.index import (  # noqa: E402
    IndexBusyError,
    IndexDamagedError,
    SearchIndex,
    SearchIndexError,
)
from jining_archive.search.query import QuerySyntaxError, parse_query, phrase_query  # noqa: E402
from jining_archive.search.results import Hit, SearchResults  # noqa: E402

__all__ = [
    "Hit",
    "IndexBusyError",
    "IndexDamagedError",
    "QuerySyntaxError",
    "SearchIndex",
    "SearchIndexError",
    "SearchResults",
    "parse_query",
    "phrase_query",
]
