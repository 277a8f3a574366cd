"""Faults around the notes store, tried as a user would: a full disk, missing permissions,
read-only folders and disks, processes starting together on a fresh folder, large and
hostile notes exports, ids beyond 64 bits, and files readable by others.

Every test shows that no note is hidden or lost once the fault clears, that a user error
is one line on stderr with exit code 2 and no traceback, and that nothing on disk was
replaced or moved that should not have been.

Permission faults need a process without root's powers: as root, ``unshare -U`` gives
one (it keeps the owner's uid but loses CAP_DAC_OVERRIDE). Disk faults use a small
tmpfs, mounted as root; both are skipped with a reason where the machine cannot do it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fault_tools import UNPRIVILEGED, needs_unprivileged, process_env
from jining_archive import paths
from jining_archive.app import main
from jining_archive.notes.jsonform import FORMAT_NAME, FORMAT_VERSION
from jining_archive.notes.model import Anchor, Bookmark, TargetKind
from jining_archive.notes.store import (
    DB_NAME,
    MAX_INTEGER,
    SCHEMA_VERSION,
    NotesError,
    NoteStore,
    set_aside_copies,
)

PARKS = "2023-intl-parks"
NOTES = ["外贸数据", "厂房半年建成", "园区综述"]


# -- running the command line as a user would ----------------------------------------


def cli(
    home: Path, *args: str, unprivileged: bool = False, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """``jining-archive --data-dir HOME ARGS`` in a new process."""
    prefix = (UNPRIVILEGED or []) if unprivileged else []
    return subprocess.run(
        [*prefix, sys.executable, "-m", "jining_archive", "--data-dir", str(home), *args],
        capture_output=True,
        text=True,
        env=process_env(),
        timeout=timeout,
    )


def assert_user_error(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit code 2 and one error line (after any warnings), with no traceback."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    errors = [
        line
        for line in result.stderr.splitlines()
        if line and not line.startswith("jining-archive: warning:")
    ]
    assert len(errors) == 1, result.stderr
    line = errors[0]
    assert line.startswith("jining-archive: ")
    for word in words:
        assert word in line, line
    return line


def listed_notes(home: Path, *, unprivileged: bool = False) -> list[str]:
    """The notes ``bookmarks list --json`` shows (the command must succeed)."""
    result = cli(home, "bookmarks", "list", "--json", unprivileged=unprivileged)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return sorted(b["note"] for b in json.loads(result.stdout))


def add_notes(home: Path, notes: list[str] = NOTES) -> None:
    for note in notes:
        result = cli(home, "bookmarks", "add", PARKS, "--note", note)
        assert result.returncode == 0, result.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of the notes store in ``folder`` with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name.startswith(DB_NAME)}


# -- disks ---------------------------------------------------------------------------


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder`` (skip where it cannot be mounted)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small disk needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def remount(folder: Path, mode: str) -> None:
    done = subprocess.run(
        ["mount", "-o", f"remount,{mode}", str(folder)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot remount the tmpfs {mode}: {done.stderr.strip()}")


def fill(folder: Path) -> Path:
    """Fill the disk holding ``folder`` until it refuses another byte."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle:
        for chunk in (b"\0" * 65536, b"\0" * 4096, b"\0"):
            with contextlib.suppress(OSError):
                while True:
                    handle.write(chunk)
    return filler


# -- 1. a full disk -------------------------------------------------------------------


def test_full_disk_hides_no_note_and_moves_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "home", "2m") as home:
        add_notes(home)
        data = home / "data"
        before = snapshot(data)
        filler = fill(home)

        result = cli(home, "bookmarks", "list", "--json")
        assert result.returncode == 0, result.stderr
        assert sorted(b["note"] for b in json.loads(result.stdout)) == sorted(NOTES)
        assert "read-only" in result.stderr and "is full" in result.stderr

        assert_user_error(cli(home, "bookmarks", "add", PARKS, "--note", "新"), "full")
        assert_user_error(cli(home, "bookmarks", "remove", "1"), "full")
        assert snapshot(data) == before  # nothing renamed, created or written
        assert set_aside_copies(data / DB_NAME) == []

        filler.unlink()
        assert listed_notes(home) == sorted(NOTES)
        after = cli(home, "bookmarks", "list")
        assert "warning" not in after.stderr
        add_notes(home, ["空间已腾出"])
        assert listed_notes(home) == sorted([*NOTES, "空间已腾出"])


def test_disk_filling_up_during_a_write_keeps_what_was_saved(tmp_path: Path) -> None:
    with small_disk(tmp_path / "home", "3m") as home:
        path = home / DB_NAME
        with NoteStore(path) as store:
            for note in NOTES:
                store.add(Bookmark(article_id=PARKS, kind=TargetKind.ARTICLE, note=note))
            filler = home / "filler"
            free = os.statvfs(home).f_bavail * os.statvfs(home).f_frsize
            filler.write_bytes(b"\0" * max(0, free - 400 * 1024))  # room to open, not to write
            with pytest.raises(NotesError) as caught:
                store.add(Bookmark(article_id=PARKS, kind=TargetKind.ARTICLE, note="满" * 400_000))
            assert caught.value.code == "disk-full"
            assert "full" in str(caught.value) and "no note was lost" in str(caught.value)
            assert sorted(b.note for b in store.bookmarks()) == sorted(NOTES)
        assert set_aside_copies(path) == []
        filler.unlink()
        with NoteStore(path) as store:
            assert sorted(b.note for b in store.bookmarks()) == sorted(NOTES)
            assert store.messages == []


# -- 2. permissions and read-only folders --------------------------------------------


@needs_unprivileged
def test_unreadable_database_is_reported_not_replaced(tmp_path: Path) -> None:
    home = tmp_path / "home"
    add_notes(home)
    data = home / "data"
    before = snapshot(data)
    (data / DB_NAME).chmod(0)
    try:
        for args in (("bookmarks", "list"), ("bookmarks", "add", PARKS, "--note", "x")):
            line = assert_user_error(cli(home, *args, unprivileged=True), "cannot read")
            assert str(data / DB_NAME) in line and "damaged" not in line
        (data / DB_NAME).chmod(0o600)
        assert snapshot(data) == before
    finally:
        (data / DB_NAME).chmod(0o600)
    assert set_aside_copies(data / DB_NAME) == []
    assert listed_notes(home, unprivileged=True) == sorted(NOTES)


@needs_unprivileged
@pytest.mark.parametrize("read_only", ["file", "folder"])
def test_read_only_file_or_folder_opens_read_only(tmp_path: Path, read_only: str) -> None:
    home = tmp_path / "home"
    add_notes(home)
    data = home / "data"
    db = data / DB_NAME
    before = snapshot(data)
    target, mode = (db, 0o400) if read_only == "file" else (data, 0o500)
    writable = tmp_path / "out"
    writable.mkdir()
    target.chmod(mode)
    try:
        result = cli(home, "bookmarks", "list", "--json", unprivileged=True)
        assert result.returncode == 0, result.stderr
        assert sorted(b["note"] for b in json.loads(result.stdout)) == sorted(NOTES)
        assert "read-only" in result.stderr and "cannot be written" in result.stderr
        exported = cli(
            home, "export-notes", "--format", "json", "-o", str(writable / "n.json"),
            unprivileged=True,
        )  # fmt: skip
        assert exported.returncode == 0, exported.stderr
        saved = json.loads((writable / "n.json").read_text(encoding="utf-8"))
        assert sorted(b["note"] for b in saved["bookmarks"]) == sorted(NOTES)
        line = assert_user_error(
            cli(home, "bookmarks", "add", PARKS, "--note", "x", unprivileged=True), "read-only"
        )
        assert "nothing was changed" in line
        assert_user_error(cli(home, "bookmarks", "remove", "1", unprivileged=True), "read-only")
        target.chmod(0o700 if read_only == "folder" else 0o600)
        assert snapshot(data) == before  # no -wal or -shm left behind either
    finally:
        target.chmod(0o700 if read_only == "folder" else 0o600)
    assert listed_notes(home) == sorted(NOTES)


def test_read_only_disk_opens_read_only_and_says_so(tmp_path: Path) -> None:
    with small_disk(tmp_path / "home", "2m") as home:
        add_notes(home)
        data = home / "data"
        before = snapshot(data)
        remount(home, "ro")
        try:
            assert listed_notes(home) == sorted(NOTES)
            line = assert_user_error(
                cli(home, "bookmarks", "add", PARKS, "--note", "x"), "read-only"
            )
            assert "read-only disk" in line
            assert snapshot(data) == before
        finally:
            remount(home, "rw")
        assert set_aside_copies(data / DB_NAME) == []
        add_notes(home, ["又可写了"])
        assert listed_notes(home) == sorted([*NOTES, "又可写了"])


def test_notes_database_that_is_a_folder_is_left_alone(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "data" / DB_NAME).mkdir(parents=True)
    assert_user_error(cli(home, "bookmarks", "list"), "not a regular file")
    assert (home / "data" / DB_NAME).is_dir()


def test_newer_schema_is_refused_from_the_command_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    add_notes(home)
    db = home / "data" / DB_NAME
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = snapshot(db.parent)
    assert_user_error(cli(home, "bookmarks", "list"), "newer version")
    assert snapshot(db.parent) == before and set_aside_copies(db) == []


# -- copies set aside: said every time, with how to restore -------------------------


def test_set_aside_copy_is_mentioned_every_time_and_can_be_restored(tmp_path: Path) -> None:
    home = tmp_path / "home"
    add_notes(home)
    db = home / "data" / DB_NAME
    # A healthy database set aside (as an older version did on a full disk) …
    kept = db.with_name(f"{DB_NAME}.damaged-20260101-120000")
    db.rename(kept)
    for _ in range(2):  # … is mentioned on every run, with its path and the way back
        result = cli(home, "bookmarks", "list")
        assert result.returncode == 0
        assert str(kept) in result.stderr and "To restore it" in result.stderr
        assert "import-notes" in result.stderr
    assert str(kept) in cli(home, "bookmarks", "remove", "7").stderr
    # Following the instructions brings every note back; moving the copy away ends the warning.
    db.unlink()
    shutil.copyfile(kept, db)
    assert listed_notes(home) == sorted(NOTES)
    kept.rename(tmp_path / kept.name)
    assert "warning" not in cli(home, "bookmarks", "list").stderr


def test_garbage_is_set_aside_once_and_then_mentioned(tmp_path: Path) -> None:
    home = tmp_path / "home"
    db = home / "data" / DB_NAME
    db.parent.mkdir(parents=True)
    db.write_bytes(b"not a database at all\n" * 200)
    first = cli(home, "bookmarks", "list")
    assert first.returncode == 0
    (copy,) = set_aside_copies(db)
    assert copy.read_bytes() == b"not a database at all\n" * 200
    assert "new, empty notes database" in first.stderr and str(copy) in first.stderr
    second = cli(home, "bookmarks", "list")
    assert str(copy) in second.stderr and set_aside_copies(db) == [copy]


# -- 3. first use, six processes at once --------------------------------------------


def test_parallel_first_use_all_succeed(tmp_path: Path) -> None:
    for trial in range(3):
        home = tmp_path / f"home{trial}"
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "jining_archive",
                    "--data-dir",
                    str(home),
                    "bookmarks",
                    "add",
                    PARKS,
                    "--note",
                    f"并发 {n}",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=process_env(),
            )
            for n in range(6)
        ]
        outcomes = [(p.wait(timeout=60), p.stderr.read() if p.stderr else "") for p in procs]
        for proc in procs:
            for stream in (proc.stdout, proc.stderr):
                if stream:
                    stream.close()
        assert [code for code, _ in outcomes] == [0] * 6, outcomes
        assert listed_notes(home) == sorted(f"并发 {n}" for n in range(6))
        assert set_aside_copies(home / "data" / DB_NAME) == []


# -- 4. re-import is linear -----------------------------------------------------------


def _bookmarks(n: int) -> list[Bookmark]:
    return [
        Bookmark(
            article_id=f"a{i % 40}",
            kind=TargetKind.PASSAGE,
            anchor=Anchor(i, i + 4, "引文内容", "前文", "后文"),
            note=f"笔记 {i}",
            tags=[f"标签{i % 30}", "共同"],
            uid=f"uid-{i}",
            created="2024-01-01T00:00:00.000+00:00",
            modified="2024-01-01T00:00:00.000+00:00",
        )
        for i in range(n)
    ]


def _reimport_seconds(tmp_path: Path, n: int) -> float:
    items = _bookmarks(n)
    best = float("inf")
    with NoteStore(tmp_path / f"linear-{n}.sqlite3") as store:
        store.import_bookmarks(items)
        for _ in range(3):
            started = time.perf_counter()
            report = store.import_bookmarks(items)
            best = min(best, time.perf_counter() - started)
            assert report.unchanged == n and report.added == report.updated == 0
        assert len(store) == n
    return best


def test_reimporting_an_unchanged_export_is_linear(tmp_path: Path) -> None:
    small = _reimport_seconds(tmp_path, 1000)
    large = _reimport_seconds(tmp_path, 4000)
    assert large < 3.0  # it took 15 s when each bookmark re-read every tag
    assert large / max(small, 0.005) < 6.0  # 4× the bookmarks; quadratic would be 16×


def test_import_reports_progress_to_the_end(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    with NoteStore(tmp_path / DB_NAME) as store:
        store.import_bookmarks(_bookmarks(1001), progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (1001, 1001)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) >= 4


def test_cli_reimport_of_a_large_export_is_quick(tmp_path: Path) -> None:
    home = tmp_path / "home"
    export = tmp_path / "many.json"
    items = [
        {
            "id": i + 1,
            "uid": f"uid-{i}",
            "kind": "article",
            "article_id": PARKS,
            "note": f"笔记 {i}",
            "tags": [f"t{i % 20}"],
            "created": "2024-01-01T00:00:00.000+00:00",
            "modified": "2024-01-01T00:00:00.000+00:00",
        }
        for i in range(4000)
    ]
    doc = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "bookmarks": items}
    export.write_text(json.dumps(doc), encoding="utf-8")
    assert cli(home, "import-notes", str(export)).returncode == 0
    started = time.perf_counter()
    again = cli(home, "import-notes", str(export), "--json")
    elapsed = time.perf_counter() - started
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == {
        "added": 0,
        "updated": 0,
        "unchanged": 4000,
        "kept_newer": 0,
    }
    assert elapsed < 6.0  # a process start, reading 4,000 bookmarks twice; was over 15 s


# -- 5. files the app makes are the user's alone -------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_files_are_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    from jining_archive.search.index import SearchIndex
    from jining_archive.ui.settings import TREE_GROUPING, Settings

    old = os.umask(umask)
    try:
        with NoteStore() as store:
            store.add(Bookmark(article_id=PARKS, kind=TargetKind.ARTICLE, note="私密"))
            companions = [store.path.with_name(store.path.name + s) for s in ("-wal", "-shm")]
            assert all(p.exists() for p in companions)
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in [store.path, *companions]}
        settings = Settings()
        settings.set(TREE_GROUPING, "year")
        settings.sync()
        index = SearchIndex()
        with index._write_lock():
            pass
    finally:
        os.umask(old)
    assert set(modes.values()) == {0o600}, modes
    assert stat.S_IMODE(Path(settings.path).stat().st_mode) == 0o600
    home = paths.data_dir().parent
    for folder in (home, paths.data_dir(), paths.cache_dir(), index.folder):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


# -- 6. hostile values in an export, ids beyond 64 bits -------------------------------


def _export_doc() -> dict[str, object]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "bookmarks": [
            {
                "id": 1,
                "uid": "u1",
                "kind": "passage",
                "article_id": PARKS,
                "anchor": {"start": 3, "end": 9, "quote": "引文", "before": "", "after": ""},
                "note": "第一条",
                "tags": ["甲"],
                "created": "2024-01-01T00:00:00.000+00:00",
                "modified": "2024-01-01T00:00:00.000+00:00",
            },
            {
                "id": 2,
                "uid": "u2",
                "kind": "article",
                "article_id": PARKS,
                "note": "第二条",
                "tags": [],
                "created": "2024-01-01T00:00:00.000+00:00",
                "modified": "2024-01-01T00:00:00.000+00:00",
            },
        ],
    }


def _set(doc: dict[str, object], path: str, value: object) -> None:
    keys: list[str | int] = [int(k) if k.isdigit() else k for k in path.split(".")]
    target: object = doc
    for key in keys[:-1]:
        target = target[key]  # type: ignore[index]
    target[keys[-1]] = value  # type: ignore[index]


HOSTILE = [
    ("bookmarks.1.id", 2**63, "$.bookmarks[1].id"),
    ("bookmarks.0.anchor.end", 10**30, "$.bookmarks[0].anchor.end"),
    ("bookmarks.0.anchor.start", -1, "$.bookmarks[0].anchor.start"),
    ("bookmarks.1.note", "\ud800 孤立代理", "$.bookmarks[1].note"),
    ("bookmarks.0.tags", ["甲", 5], "$.bookmarks[0].tags[1]"),
    ("bookmarks.0.kind", "poem", "$.bookmarks[0].kind"),
    ("bookmarks.1.label", {"x": 1}, "$.bookmarks[1].label"),
    ("bookmarks.1.created", None, "$.bookmarks[1].created"),
    ("version", True, "$.version"),
    ("bookmarks", {"0": {}}, "$.bookmarks"),
]


@pytest.mark.parametrize(("field", "value", "where"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_export_values_are_named_and_nothing_is_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, value: object, where: str
) -> None:
    with NoteStore() as store:
        store.add(Bookmark(article_id=PARKS, kind=TargetKind.ARTICLE, note="已有"))
    doc = _export_doc()
    _set(doc, field, value)
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    assert main(["import-notes", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert where in err and str(path) in err
    with NoteStore() as store:
        assert [b.note for b in store.bookmarks()] == ["已有"]


def test_deeply_nested_export_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep.json"
    depth = 100_000
    path.write_text(
        f'{{"format": "{FORMAT_NAME}", "version": 1, "bookmarks": '
        + "[" * depth + "]" * depth + "}",
        encoding="utf-8",
    )  # fmt: skip
    assert main(["import-notes", str(path)]) == 2
    err = capsys.readouterr().err
    assert "nested too deeply" in err and err.count("\n") == 1
    with NoteStore() as store:
        assert len(store) == 0


@pytest.mark.parametrize("huge", [2**70, 2**63, -(2**70)])
def test_ids_beyond_64_bits_are_simply_not_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], huge: int
) -> None:
    with NoteStore() as store:
        kept = store.add(Bookmark(article_id=PARKS, kind=TargetKind.ARTICLE, note="留着"))
        with pytest.raises(NotesError, match="no bookmark with id"):
            store.get(huge)
    capsys.readouterr()
    assert main(["bookmarks", "remove", str(huge), str(kept.id)]) == 2
    err = capsys.readouterr().err
    assert f"no bookmark with id {huge}" in err and err.count("\n") == 1
    out = tmp_path / "x.md"
    assert main(["export-notes", "--format", "md", "--id", str(huge), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"no bookmark with id {huge}" in err and "Traceback" not in err
    assert not out.exists()
    with NoteStore() as store:
        assert [b.note for b in store.bookmarks()] == ["留着"]  # the valid id was not removed


def test_store_refuses_numbers_sqlite_cannot_hold(tmp_path: Path) -> None:
    with NoteStore(tmp_path / DB_NAME) as store:
        for anchor in (Anchor(0, MAX_INTEGER + 1, "x"), Anchor(-1, 3, "x")):
            with pytest.raises(NotesError, match="bad offsets"):
                store.add(Bookmark(article_id=PARKS, anchor=anchor))
        assert len(store) == 0


@pytest.mark.parametrize("option", ["--note", "--tag", "--label"])
def test_bytes_that_are_not_utf8_on_the_command_line_are_refused(
    tmp_path: Path, option: str
) -> None:
    home = tmp_path / "home"
    add_notes(home, NOTES[:1])
    args = [sys.executable, "-m", "jining_archive", "--data-dir", str(home), "bookmarks", "add"]
    args += [PARKS, "--quote", "济宁高新区"] if option == "--label" else [PARKS]
    result = subprocess.run(
        [os.fsencode(a) for a in args] + [option.encode(), b"bad \xff\xfe bytes"],
        capture_output=True,
        env=process_env(),
        timeout=60,
    )
    decoded = subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )
    assert_user_error(decoded, "not UTF-8 text", "nothing was saved")
    assert listed_notes(home) == NOTES[:1]


def test_data_folder_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.write_bytes(b"a file where the data folder should be")
    assert_user_error(cli(home, "bookmarks", "remove", "1"), "is a file, not a folder")
    assert home.read_bytes() == b"a file where the data folder should be"


# -- the window ------------------------------------------------------------------------

gui = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def _window(qtbot, library):  # type: ignore[no-untyped-def]
    from jining_archive.ui.main_window import MainWindow

    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.gui
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_window_shows_a_set_aside_copy_at_every_start(qtbot, library, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from jining_archive.ui import notes_controller
    from jining_archive.ui.i18n import LanguageSwitcher

    dialogs: list[str] = []
    monkeypatch.setattr(
        notes_controller.QMessageBox, "warning", lambda _p, _t, text: dialogs.append(text)
    )
    db = paths.data_dir() / DB_NAME
    with NoteStore(db) as store:
        for note in NOTES:
            store.add(Bookmark(article_id=PARKS, kind=TargetKind.ARTICLE, note=note))
    kept = db.with_name(f"{DB_NAME}.damaged-20260101-120000")
    db.rename(kept)
    for _start in range(2):
        window = _window(qtbot, library)
        notes = window.notes
        assert not notes.banner.isHidden() and str(kept) in notes.banner.text()
        assert notes.warning_button.isVisible()
        assert notes.status_action in window.help_menu.actions()
        details = notes.store_status_text()
        assert str(kept) in details and "import-notes" in details and str(db) in details
        notes.show_store_status()
        assert dialogs and str(kept) in dialogs[-1]
        languages = LanguageSwitcher()
        try:
            languages.apply("en")
            assert "To restore it" in notes.store_status_text()
            assert "set aside" in notes.banner.text()
        finally:
            languages.apply("zh_CN")
        window.close()
    # Restored as the instructions say: every note is back and the warning is gone.
    assert notes.store is not None
    notes.store.close()
    db.unlink()
    for side in db.parent.glob(f"{DB_NAME}-*"):
        side.unlink()
    shutil.copyfile(kept, db)
    kept.rename(kept.parent.parent / kept.name)
    window = _window(qtbot, library)
    assert window.notes.store is not None
    assert sorted(b.note for b in window.notes.store.bookmarks()) == sorted(NOTES)
    assert window.notes.banner.isHidden() and not window.notes.warning_button.isVisible()


@pytest.mark.gui
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_window_on_a_read_only_disk_shows_the_notes_and_says_why(  # type: ignore[no-untyped-def]
    qtbot, library, tmp_path, monkeypatch
) -> None:
    from jining_archive.ui import bookmarks_panel

    with small_disk(tmp_path / "ro-home", "2m") as home:
        monkeypatch.setenv(paths.HOME_ENV, str(home))
        db = paths.data_dir() / DB_NAME
        with NoteStore(db) as store:
            for note in NOTES:
                store.add(Bookmark(article_id=PARKS, kind=TargetKind.ARTICLE, note=note))
        before = snapshot(db.parent)
        remount(home, "ro")
        try:
            window = _window(qtbot, library)
            notes = window.notes
            assert notes.store is not None and notes.store.read_only
            assert sorted(b.note for b in notes.store.bookmarks()) == sorted(NOTES)
            assert not notes.banner.isHidden() and "只读" in notes.banner.text()
            assert notes.warning_button.isVisible()
            assert notes.panel is not None
            refused: list[str] = []
            monkeypatch.setattr(
                bookmarks_panel.QMessageBox, "warning", lambda _p, _t, text: refused.append(text)
            )
            assert (
                notes.panel.add_bookmark(
                    Bookmark(article_id=PARKS, kind=TargetKind.ARTICLE, note="写不进")
                )
                is None
            )
            assert len(refused) == 1 and "read-only" in refused[0]
            assert notes.store.close() is None
            window.close()
            assert snapshot(db.parent) == before
        finally:
            remount(home, "rw")


@pytest.mark.gui
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_window_imports_notes_in_the_background_with_progress(  # type: ignore[no-untyped-def]
    qtbot, library, tmp_path
) -> None:
    export = tmp_path / "many.json"
    items = [
        {
            "id": i + 1,
            "uid": f"uid-{i}",
            "kind": "article",
            "article_id": PARKS,
            "note": f"笔记 {i}",
            "tags": [f"t{i % 20}"],
            "created": "2024-01-01T00:00:00.000+00:00",
            "modified": "2024-01-01T00:00:00.000+00:00",
        }
        for i in range(1200)
    ]
    doc = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "bookmarks": items}
    export.write_text(json.dumps(doc), encoding="utf-8")
    window = _window(qtbot, library)
    notes = window.notes
    assert notes.import_action in window.file_menu.actions()
    task = notes.import_notes(str(export))
    assert task is not None
    seen: list[tuple[int, int]] = []
    task.signals.progress.connect(lambda done, total, _m: seen.append((done, total)))
    qtbot.waitUntil(lambda: notes.store is not None and len(notes.store) == 1200, timeout=10000)
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == (1200, 1200), timeout=10000)
    assert notes.panel is not None
    qtbot.waitUntil(lambda: notes.panel.model.rowCount() > 0, timeout=5000)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "jining-archive-notes", "version": true}', encoding="utf-8")
    assert notes.import_notes(str(bad)) is not None
    qtbot.waitUntil(lambda: "$.version" in window.status.problem_label.text(), timeout=10000)
    assert len(notes.store) == 1200
