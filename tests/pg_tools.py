"""A PostgreSQL server for the team-mode tests.

CI's ``.ci/run`` starts a throwaway cluster and names it in JINING_ARCHIVE_TEST_POSTGRES
(and sets JINING_ARCHIVE_REQUIRE_POSTGRES, so that the tests fail rather than skip).
Elsewhere, when PostgreSQL's programs are installed, the tests start a cluster of their
own in a temporary folder; without them the team-mode tests are skipped, saying why.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

URL_ENV = "JINING_ARCHIVE_TEST_POSTGRES"
REQUIRE_ENV = "JINING_ARCHIVE_REQUIRE_POSTGRES"
PORT = 54331


def _bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the ``postgres`` user then."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextlib.contextmanager
def own_cluster() -> Iterator[str]:
    """Start a cluster on a Unix socket in a temporary folder; yields its URL."""
    bin_dir = _bin_dir()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL's initdb was not found")
    folder = Path(tempfile.mkdtemp(prefix="jining-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data = folder / "data"
    run = dict(check=True, capture_output=True, text=True)
    subprocess.run(
        _as_server_user(
            [str(bin_dir / "initdb"), "-D", str(data), "--auth=trust", "-U", "postgres",
             "--encoding=UTF8", "--locale=C.UTF-8"]
        ),
        **run,
    )  # fmt: skip
    options = f"-k {folder} -p {PORT} -c listen_addresses='' -c fsync=off"
    subprocess.run(
        _as_server_user(
            [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
             str(folder / "log"), "-w", "start"]
        ),
        **run,
    )  # fmt: skip
    try:
        yield f"postgresql://postgres@/postgres?host={folder}&port={PORT}"
    finally:
        subprocess.run(
            _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"team-mode tests need PostgreSQL, which CI must provide: {reason}")
    pytest.skip(f"team-mode tests need PostgreSQL: {reason}")


def with_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` instead."""
    base, _, query = url.partition("?")
    head = base.rsplit("/", 1)[0]
    return f"{head}/{name}" + (f"?{query}" if query else "")


def as_user(url: str, user: str) -> str:
    """``url`` connecting as ``user``."""
    scheme, rest = url.split("://", 1)
    rest = rest.split("@", 1)[1] if "@" in rest.split("/", 1)[0] else rest
    return f"{scheme}://{user}@{rest}"


MEMBERS = ("alice", "bob", "reader")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server where the tests may create databases and roles."""
    try:
        import psycopg
    except ImportError:
        unavailable("the psycopg package is not installed")
    url = os.environ.get(URL_ENV)
    with contextlib.ExitStack() as stack:
        if not url:
            try:
                url = stack.enter_context(own_cluster())
            except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
                detail = getattr(exc, "stderr", "") or str(exc)
                unavailable(f"no {URL_ENV} and no cluster could be started ({detail.strip()})")
        with psycopg.connect(url, autocommit=True) as conn:
            for member in MEMBERS:
                if not conn.execute(
                    "SELECT 1 FROM pg_roles WHERE rolname = %s", (member,)
                ).fetchone():
                    conn.execute(f'CREATE ROLE "{member}" LOGIN')
        yield url


@pytest.fixture
def team_db(pg_server: str) -> Iterator[str]:
    """A fresh database set up by ``server-init``'s migrations, with alice and bob as
    editors and reader as a read-only member; yields the administrator's URL."""
    import uuid

    import psycopg

    from jining_archive.storage.server.schema import add_member, migrate

    name = f"jining_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = with_database(pg_server, name)
    with psycopg.connect(url, autocommit=True) as conn:
        migrate(conn)
        add_member(conn, "alice", editor=True)
        add_member(conn, "bob", editor=True)
        add_member(conn, "reader", editor=False)
    try:
        yield url
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def new_role(pg_server: str) -> Iterator[str]:
    """A login role made for one test (no member of the team yet), dropped after it."""
    import uuid

    import psycopg

    name = f"jining_new_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{name}" LOGIN')
    try:
        yield name
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')
