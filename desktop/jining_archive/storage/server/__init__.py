"""The server back end: the archive, its search tables and the team's notes in one
PostgreSQL database (see :mod:`.schema` for the tables and the access rules)."""

from jining_archive.storage.server.connection import ServerError, connect, on_server, redact
from jining_archive.storage.server.schema import SCHEMA_VERSION, migrate

__all__ = ["SCHEMA_VERSION", "ServerError", "connect", "migrate", "on_server", "redact"]
