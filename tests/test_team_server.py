"""Team mode against a real PostgreSQL server: the schema and its migrations, who may
read and change what (row-level security, read-only members), the archive and its
search on the server, and faults (a client killed mid-import, two clients at once)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import psycopg
import pytest

from jining_archive.library import Library
from jining_archive.notes.model import Anchor, Bookmark
from jining_archive.notes.store import NotesError
from jining_archive.storage.catalogue import CatalogueError
from jining_archive.storage.server import SCHEMA_VERSION, ServerError, migrate
from jining_archive.storage.server.catalogue import ServerCatalogue
from jining_archive.storage.server.notes import ServerNotes
from jining_archive.storage.server.schema import stored_version
from pg_tools import as_user

ROOT = Path(__file__).resolve().parent.parent
PARKS = "2023-intl-parks"


def passage(article_id: str, note: str, quote: str = "小松") -> Bookmark:
    return Bookmark(
        article_id=article_id, anchor=Anchor(start=0, end=len(quote), quote=quote), note=note
    )


# -- schema --------------------------------------------------------------------------


def test_migrations_run_once_and_record_the_version(team_db: str) -> None:
    with psycopg.connect(team_db, autocommit=True) as conn:
        assert stored_version(conn) == SCHEMA_VERSION
        assert migrate(conn) == SCHEMA_VERSION  # nothing left to do
        count = conn.execute("SELECT count(*) FROM schema_version").fetchone()[0]
        assert count == SCHEMA_VERSION


def test_a_newer_schema_is_refused_and_left_unchanged(team_db: str) -> None:
    with psycopg.connect(team_db, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (SCHEMA_VERSION + 1,))
        with pytest.raises(ServerError) as refused:
            migrate(conn)
        assert refused.value.code == "newer-schema"
        assert "newer version of the app" in str(refused.value)
    with pytest.raises(CatalogueError) as opened:
        ServerCatalogue(as_user(team_db, "alice"))
    assert opened.value.code == "newer"


def test_a_member_cannot_set_up_the_server(team_db: str, pg_server: str) -> None:
    import uuid

    name = f"jining_empty_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        empty = pg_server.replace("/postgres?", f"/{name}?")
        with psycopg.connect(as_user(empty, "bob"), autocommit=True) as conn:
            with pytest.raises(ServerError) as refused:
                migrate(conn)
            assert refused.value.code == "not-initialised"
            assert "server-init" in str(refused.value)
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_an_unreachable_server_is_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as refused:
        ServerCatalogue(f"postgresql://alice@/x?host={tmp_path}&port=1")
    assert "cannot connect to the server" in str(refused.value)


# -- who may read and change what -----------------------------------------------------


def test_the_tag_list_counts_only_the_notes_a_member_sees(team_db: str) -> None:
    def tagged(note: str, *tags: str) -> Bookmark:
        bookmark = passage(PARKS, note)
        bookmark.tags = list(tags)
        return bookmark

    with ServerNotes(as_user(team_db, "alice")) as alice:
        alice.add(tagged("mine", "小松", "产业"))
        alice.add(tagged("ours", "小松", "Zone"), shared=True)
        # Code-point order, as the desktop store lists them: Latin before Han.
        assert alice.tags() == [("Zone", 1), ("产业", 1), ("小松", 2)]
    with ServerNotes(as_user(team_db, "bob")) as bob:
        bob.add(tagged("bob's", "园区"))
        assert bob.tags() == [("Zone", 1), ("园区", 1), ("小松", 1)]


def test_a_private_note_is_its_owners_alone_even_in_plain_sql(team_db: str) -> None:
    with ServerNotes(as_user(team_db, "alice")) as alice:
        private = alice.add(passage(PARKS, "alice's own thought"))
        shared = alice.add(passage(PARKS, "for the desk"), shared=True)
        assert {b.note for b in alice.bookmarks()} == {"alice's own thought", "for the desk"}

    with ServerNotes(as_user(team_db, "bob")) as bob:
        assert [b.note for b in bob.bookmarks()] == ["for the desk"]
        with pytest.raises(NotesError):
            bob.get(private.id)
        assert bob.sharing(shared.id) == ("alice", True)

    with psycopg.connect(as_user(team_db, "bob"), autocommit=True) as conn:
        rows = conn.execute("SELECT id, owner, data ->> 'note' FROM bookmarks").fetchall()
        assert rows == [(shared.id, "alice", "for the desk")]
        # Changing or deleting what bob cannot see touches nothing.
        gone = conn.execute("DELETE FROM bookmarks WHERE id = %s", (private.id,)).rowcount
        assert gone == 0
        changed = conn.execute(
            "UPDATE bookmarks SET data = '{}' WHERE id = %s", (private.id,)
        ).rowcount
        assert changed == 0
        # Nobody takes over a shared note, and only its owner makes it private.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE bookmarks SET owner = 'bob' WHERE id = %s", (shared.id,))
    with psycopg.connect(as_user(team_db, "bob"), autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE bookmarks SET shared = false WHERE id = %s", (shared.id,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO bookmarks (uid, owner, article_id, created, data) "
                "VALUES ('x', 'alice', 'a', 'now', '{}')"
            )

    with ServerNotes(as_user(team_db, "alice")) as alice:
        assert alice.get(private.id).note == "alice's own thought"  # untouched


def test_a_shared_note_is_the_groups_to_edit(team_db: str) -> None:
    with ServerNotes(as_user(team_db, "alice")) as alice:
        shared = alice.add(passage(PARKS, "first draft"), shared=True)
    with ServerNotes(as_user(team_db, "bob")) as bob:
        edited = bob.get(shared.id)
        edited.note = "bob's edit"
        bob.update(edited)
        with pytest.raises(NotesError):
            bob.share(shared.id, False)
    with ServerNotes(as_user(team_db, "alice")) as alice:
        assert alice.get(shared.id).note == "bob's edit"
        alice.share(shared.id, False)
    with ServerNotes(as_user(team_db, "bob")) as bob:
        assert bob.bookmarks() == []


def test_a_read_only_member_reads_the_archive_but_cannot_change_it(
    team_db: str, library: Library
) -> None:
    editor = ServerCatalogue(as_user(team_db, "alice"))
    Library.open(catalogue=editor)
    editor.close()

    reader = ServerCatalogue(as_user(team_db, "reader"))
    assert reader.read_only
    assert any("not change it" in m for m in reader.messages)
    seen = Library.open(catalogue=reader)
    assert sorted(a.id for a in seen.articles) == sorted(a.id for a in library.articles)
    with pytest.raises(CatalogueError) as refused:
        reader.remove(PARKS)
    assert refused.value.code == "unwritable"
    reader.close()
    with (
        psycopg.connect(as_user(team_db, "reader"), autocommit=True) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute("DELETE FROM articles")
    with psycopg.connect(team_db, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(library.articles)
    with ServerNotes(as_user(team_db, "reader")) as notes:  # notes of their own: yes
        assert notes.add(passage(PARKS, "a reader's note")).id > 0


# -- the archive on the server ----------------------------------------------------------


def test_the_archive_on_the_server_is_the_desktop_archive(team_db: str, library: Library) -> None:
    first = ServerCatalogue(as_user(team_db, "alice"))
    on_server = Library.open(catalogue=first)
    assert not on_server.problems, on_server.problems
    again = Library.open(catalogue=ServerCatalogue(as_user(team_db, "bob")))
    for opened in (on_server, again):
        assert [a.id for a in opened.articles] == [a.id for a in library.articles]
        for article in opened.articles:
            desktop = library.article(article.id)
            assert article.text == desktop.text
            assert [(b.id, b.kind, b.start) for b in article.blocks] == [
                (b.id, b.kind, b.start) for b in desktop.blocks
            ]
    with psycopg.connect(team_db, autocommit=True) as conn:  # opened twice, stored once
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(library.articles)


def test_two_clients_importing_and_bookmarking_at_once_lose_nothing(
    team_db: str, tmp_path: Path
) -> None:
    folders = {}
    for member in ("alice", "bob"):
        folder = tmp_path / member
        folder.mkdir()
        for n in range(6):
            (folder / f"{member}-{n}.txt").write_text(
                f"{member}的报道{n}\n\n2024年5月{n + 1}日\n\n"
                f"高新区{member}项目第{n}期总投资{n + 1}亿元，今年开工建设。\n",
                encoding="utf-8",
            )
        folders[member] = folder
    errors: list[BaseException] = []

    def client(member: str) -> None:
        try:
            library = Library.open(catalogue=ServerCatalogue(as_user(team_db, member)))
            results = library.import_paths([folders[member]])
            assert all(r.status == "added" for r in results), results
            with ServerNotes(as_user(team_db, member)) as notes:
                for result in results:
                    notes.add(passage(result.article_id, f"{member} read it"), shared=True)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=client, args=(m,)) for m in folders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    with psycopg.connect(team_db, autocommit=True) as conn:
        imported = conn.execute(
            "SELECT count(*) FROM articles WHERE origin = 'imported'"
        ).fetchone()[0]
        originals = conn.execute("SELECT count(*) FROM originals").fetchone()[0]
    assert imported == 12
    assert originals == 12
    with ServerNotes(as_user(team_db, "alice")) as notes:
        assert (
            sorted(b.note for b in notes.bookmarks()) == ["alice read it"] * 6 + ["bob read it"] * 6
        )


KILLED_CLIENT = r"""
import sys, time
from jining_archive.storage.server import catalogue as server_catalogue
from jining_archive.storage.catalogue import CatalogueRow

original_put_row = server_catalogue._put_row

def slow_put_row(conn, row):
    original_put_row(conn, row)
    print("article row written", flush=True)
    time.sleep(60)  # killed here, before the original and the commit

server_catalogue._put_row = slow_put_row
cat = server_catalogue.ServerCatalogue(sys.argv[1])
row = CatalogueRow(
    id="half", origin="imported", source_path="half.txt", content_hash="h",
    parser_version="p", meta={"title": "half"}, body={"text": "", "sections": []},
)
row.stored_name = "ha/half.txt"
cat.put(row, original=b"bytes")
"""


def test_a_client_killed_mid_import_leaves_no_half_article(team_db: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "desktop"))
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_CLIENT, as_user(team_db, "alice")],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "article row written"
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    with psycopg.connect(team_db, autocommit=True) as conn:
        # The server notices the dead client and rolls its transaction back.
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE usename = 'alice' AND datname = current_database()"
        )
        assert conn.execute("SELECT count(*) FROM articles WHERE id = 'half'").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM originals").fetchone() == (0,)


# -- search on the server ----------------------------------------------------------------

#: Words, fragments of one to six characters, phrases with punctuation, booleans,
#: filters, traditional and full-width input, very common terms, and nothing at all.
QUERIES = (
    "小松", "济宁", "高新区", "的", "亿", "发展", "营商环", "快马", "高质量发展",
    "智能制造产业", '"八条路"', '"，"', "济宁 小松", "小松 OR 如意", "高新区 NOT 项目",
    "NOT 的", "(小松 OR 鲁抗) AND 项目", "title:开放", "year:2023 开放", "year:2020-2023 NOT 的",
    "kind:heading 高新", "kind:caption,heading", "濟寧", "高新區", "ＡＩ", "ai", "5g",
    "article:2023-intl-parks 小松", "NOT article:2023-intl-parks 小松",
    "2023年", "1306亿元", "\"％\"", "没有这样的词组合", "title:“项目建设”", "year:1990",
)  # fmt: skip


def test_the_server_finds_the_same_blocks_as_the_desktop_index(
    team_db: str, library: Library
) -> None:
    from jining_archive.storage.server.search import ServerSearch

    desktop = library.search_index()
    desktop.ensure(library.articles)
    by_id = {a.id: a for a in library.articles}
    on_server = Library.open(catalogue=ServerCatalogue(as_user(team_db, "alice")))
    server = ServerSearch(as_user(team_db, "alice"))
    assert server.ensure(on_server.articles)  # written once …
    assert server.ensure(on_server.articles) == []  # … and then current
    for query in QUERIES:
        expected = desktop.search(query, limit=1_000_000, articles=by_id)
        found = server.search(query, limit=1_000_000, articles=by_id)
        want = {(h.article_id, h.block_id) for h in expected.hits}
        assert {(h.article_id, h.block_id) for h in found.hits} == want, query
        assert found.total == expected.total == len(want), query
        for hit in found.hits:  # highlights land on the same characters
            same = next(
                h
                for h in expected.hits
                if (h.article_id, h.block_id) == (hit.article_id, hit.block_id)
            )
            assert hit.matches == same.matches, query
    first_page = server.search("济宁", limit=5)
    assert len(first_page.hits) == 5 and first_page.total > 5
    assert len(server.block_ids("济宁")) == first_page.total
    server.close()


def test_server_search_follows_a_removal_and_a_change(team_db: str, library: Library) -> None:
    from jining_archive.storage.server.search import ServerSearch

    Library.open(catalogue=ServerCatalogue(as_user(team_db, "alice")))
    server = ServerSearch(as_user(team_db, "alice"))
    server.ensure(library.articles)
    before = server.search("小松", limit=1000)
    assert any(h.article_id == PARKS for h in before.hits)
    rest = [a for a in library.articles if a.id != PARKS]
    server.ensure(rest)
    after = server.search("小松", limit=1000)
    assert {h.article_id for h in after.hits} == {h.article_id for h in before.hits} - {PARKS}
    server.close()


# -- the command line ----------------------------------------------------------------------


def cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "desktop"), JINING_ARCHIVE_HOME=str(home))
    env.pop("JINING_ARCHIVE_SERVER", None)
    return subprocess.run(
        [sys.executable, "-m", "jining_archive", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_the_command_line_on_a_team_server(
    pg_server: str, tmp_path: Path, library: Library
) -> None:
    import json
    import uuid

    from pg_tools import with_database

    name = f"jining_cli_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    admin = with_database(pg_server, name)
    try:
        done = cli("server-init", admin, home=tmp_path / "admin")
        assert done.returncode == 0, done.stderr
        assert "is set up (schema 0 → 1)" in done.stdout
        again = cli("server-init", admin, home=tmp_path / "admin")
        assert "is up to date" in again.stdout
        for member, flags in (("alice", []), ("bob", []), ("reader", ["--read-only"])):
            done = cli("server-member", admin, member, *flags, home=tmp_path / "admin")
            assert done.returncode == 0, done.stderr

        alice, bob = as_user(admin, "alice"), as_user(admin, "bob")
        listed = cli("--server", alice, "articles", "--json", home=tmp_path / "a")
        assert listed.returncode == 0, listed.stderr
        assert sorted(a["id"] for a in json.loads(listed.stdout)) == sorted(
            a.id for a in library.articles
        )
        found = cli(
            "--server", bob, "search", "小松", "--json", "--limit", "500", home=tmp_path / "b"
        )
        assert found.returncode == 0, found.stderr
        desktop = library.search("小松", limit=500)
        assert json.loads(found.stdout)["total"] == desktop.total

        private = cli(
            "--server", alice, "bookmarks", "add", PARKS, "--note", "mine", home=tmp_path / "a"
        )
        shared = cli(
            "--server", alice, "bookmarks", "add", PARKS, "--note", "ours", "--shared",
            home=tmp_path / "a",
        )  # fmt: skip
        assert private.returncode == 0 and shared.returncode == 0, private.stderr + shared.stderr
        seen = cli("--server", bob, "bookmarks", "list", "--json", home=tmp_path / "b")
        assert [b["note"] for b in json.loads(seen.stdout)] == ["ours"]

        refused = cli("--server", as_user(admin, "reader"), "remove", PARKS, home=tmp_path / "r")
        assert refused.returncode == 2
        assert "not change" in refused.stderr or "may not" in refused.stderr

        local = cli("bookmarks", "add", PARKS, "--shared", home=tmp_path / "l")
        assert local.returncode == 2 and "team archive" in local.stderr
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_server_that_is_down_is_one_clear_line(tmp_path: Path) -> None:
    done = cli(
        "--server", f"postgresql://alice:secret@/x?host={tmp_path}&port=1", "articles",
        home=tmp_path / "h",
    )  # fmt: skip
    assert done.returncode == 2
    assert "cannot connect to the server" in done.stderr
    assert "secret" not in done.stderr
    assert "Traceback" not in done.stderr


def test_sync_publishes_and_takes_a_copy_without_duplicates(team_db: str, tmp_path: Path) -> None:
    import json

    desk = tmp_path / "desk"
    report = tmp_path / "report.txt"
    report.write_text(
        "鲁抗医药新厂区\n\n2024年3月1日\n\n鲁抗医药新厂区项目总投资30亿元，已开工。\n", "utf-8"
    )
    assert cli("import", str(report), home=desk).returncode == 0
    for note, tag in (("kept to myself", "draft"), ("for the desk", "team")):
        done = cli("bookmarks", "add", PARKS, "--note", note, "--tag", tag, home=desk)
        assert done.returncode == 0, done.stderr
    alice = as_user(team_db, "alice")
    for attempt in (1, 2):
        done = cli("sync", "--to", alice, "--share-tag", "team", home=desk)
        assert done.returncode == 0, done.stderr
        if attempt == 1:
            # The five bundled articles and the imported one: the server started empty.
            assert "6 article(s) copied" in done.stdout and "2 note(s) added" in done.stdout
        else:
            assert "0 article(s) copied" in done.stdout and "0 note(s) added" in done.stdout
    with psycopg.connect(team_db, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM originals").fetchone() == (1,)
        rows = conn.execute("SELECT owner, shared, data ->> 'note' FROM bookmarks").fetchall()
    assert sorted(rows) == [("alice", False, "kept to myself"), ("alice", True, "for the desk")]

    laptop = tmp_path / "laptop"
    for _ in (1, 2):
        done = cli("sync", "--from", as_user(team_db, "bob"), home=laptop)
        assert done.returncode == 0, done.stderr
    listed = cli("articles", "--json", home=laptop)
    assert any(a["title"] == "鲁抗医药新厂区" for a in json.loads(listed.stdout))
    notes = cli("bookmarks", "list", "--json", home=laptop)
    assert [b["note"] for b in json.loads(notes.stdout)] == ["for the desk"]  # not alice's own


def test_a_dropped_connection_loses_no_note(team_db: str) -> None:
    with ServerNotes(as_user(team_db, "alice")) as alice:
        alice.add(passage(PARKS, "before the drop"))
        with psycopg.connect(team_db, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE usename = 'alice' AND datname = current_database()"
            )
        with pytest.raises(NotesError) as lost:
            alice.add(passage(PARKS, "typed during the drop"))
        assert lost.value.code == "cannot-write" and "try again" in str(lost.value)
        alice.add(passage(PARKS, "typed during the drop"))  # the next try reconnects
        assert sorted(b.note for b in alice.bookmarks()) == [
            "before the drop",
            "typed during the drop",
        ]


def test_connecting_brings_an_older_schema_up_to_date_when_allowed(pg_server: str) -> None:
    import uuid

    from pg_tools import with_database

    name = f"jining_old_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = with_database(pg_server, name)
    try:
        with pytest.raises(CatalogueError) as refused:  # a member may not set it up
            ServerCatalogue(as_user(url, "bob"))
        assert "server-init" in str(refused.value)
        ServerCatalogue(url).close()  # the administrator's connection migrates
        with psycopg.connect(url, autocommit=True) as conn:
            assert stored_version(conn) == SCHEMA_VERSION
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_members_are_listed_added_read_only_and_removed_from_the_cli(
    team_db: str, new_role: str, tmp_path: Path
) -> None:
    import json

    newcomer, home = new_role, tmp_path / "admin"

    def members() -> dict[str, bool]:
        done = cli("server-members", team_db, "--json", home=home)
        assert done.returncode == 0, done.stderr
        return {m["role"]: m["editor"] for m in json.loads(done.stdout)}

    listed = members()
    # The fixture made alice and bob editors and reader read-only.
    assert (listed["alice"], listed["bob"], listed["reader"]) == (True, True, False)
    assert newcomer not in listed
    assert cli("server-member", team_db, newcomer, "--read-only", home=home).returncode == 0
    assert members()[newcomer] is False
    assert cli("server-member", team_db, newcomer, home=home).returncode == 0
    assert members()[newcomer] is True
    removed = cli("server-member", team_db, newcomer, "--remove", home=home)
    assert removed.returncode == 0, removed.stderr
    assert "no longer a member" in removed.stdout
    assert newcomer not in members()
    # A removed role no longer reaches the archive.
    refused = cli("--server", as_user(team_db, newcomer), "articles", home=tmp_path / "n")
    assert refused.returncode == 2
    assert "not a member of the team archive" in refused.stderr, refused.stderr
    plain = cli("server-members", team_db, home=home)
    assert "alice" in plain.stdout and "read-only" in plain.stdout
    missing = cli("server-member", team_db, f"{newcomer}_gone", home=home)
    assert missing.returncode == 2
    assert f"{newcomer}_gone could not be made a member: role" in missing.stderr, missing.stderr
    assert "Traceback" not in missing.stderr
