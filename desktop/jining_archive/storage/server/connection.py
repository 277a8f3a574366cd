"""Connecting to the team's PostgreSQL server, with faults in words a user knows."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from jining_archive.errors import CodedError

#: The environment variable that names the server (a libpq connection string or URL).
SERVER_ENV = "JINING_ARCHIVE_SERVER"
CONNECT_TIMEOUT_S = 10


class ServerError(CodedError):
    """A server problem the user should read about. Codes: ``no-driver`` (psycopg is
    not installed), ``unreachable``, ``denied`` (authentication or a missing privilege),
    ``newer-schema``, ``not-initialised``, ``read-only`` (the member may not change the
    archive), ``refused`` (the server said no to a statement), ``failed``."""


T = TypeVar("T")


def redact(url: str) -> str:
    """``url`` without its password, for messages."""
    url = re.sub(r"(postgres(?:ql)?://[^:/@]*):[^@]*@", r"\1:***@", url)
    return re.sub(r"(password\s*=\s*)\S+", r"\1***", url)


def connect(url: str, **kwargs: Any) -> Any:
    """A psycopg connection to ``url`` (autocommit off), or ServerError saying why not."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        raise ServerError(
            "the team server needs the psycopg package (pip install psycopg[binary])",
            "no-driver",
        ) from None
    try:
        return psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S, **kwargs)
    except psycopg.OperationalError as exc:
        text = " ".join(str(exc).split())
        code = "denied" if "authentication" in text or "role" in text else "unreachable"
        raise ServerError(
            f"cannot connect to the server {redact(url)}: {text}", code, detail=text
        ) from None
    except psycopg.ProgrammingError as exc:  # a malformed connection string
        raise ServerError(
            f"the server address {redact(url)} cannot be read: {exc}", "failed", detail=str(exc)
        ) from None


def on_server(url: str, step: Callable[[Any], T]) -> T:
    """``step(connection)`` on a connection of its own (autocommit). What the server
    refuses is a ServerError with the code ``refused`` and the server's reason as its
    text and ``detail``."""
    import psycopg

    with connect(url, autocommit=True) as conn:
        try:
            return step(conn)
        except psycopg.Error as exc:
            reason = exc.diag.message_primary or str(exc)
            raise ServerError(reason, "refused", detail=reason) from None
