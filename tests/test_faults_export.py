"""Faults on the way out: where an export is written, what it may hold, how notes show.

Device nodes are made in tmp_path with os.mknod (1,3 behaves as a null device, 1,7
as a full one); no test opens a real /dev node. Root ignores file modes, so the
permission tests run a child process as an unprivileged user (setpriv) or mount a
read-only tmpfs, and are skipped when neither is possible here.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from fault_tools import SOURCE_ROOT, process_env
from jining_archive.app import main
from jining_archive.library import Library
from jining_archive.notes.destination import NEW_FILE_MODE, ExportError, WriteMode, write_export
from jining_archive.notes.export import (
    REPLACEMENT,
    ExportFormat,
    export_bookmarks,
    render,
)
from jining_archive.notes.jsonform import read_notes_file
from jining_archive.notes.model import Bookmark
from jining_archive.notes.store import NoteStore
from jining_archive.notes.targets import article_bookmark

GOOSE = "2025-lead-goose"
PARKS = "2023-intl-parks"
HOSTILE_HTML = "<b>bold</b><script>x</script>"
# One of each: SOH, ESC, vertical tab, NUL, and a lone surrogate (bytes that were not UTF-8).
CONTROL_NOTE = "a\x01b\x1bc\x0bd\x00e\udcff"
CONTROL_CLEANED = REPLACEMENT.join(["a", "b", "c", "d", "e", ""])


def _lookup(library: Library):  # type: ignore[no-untyped-def]
    return lambda article_id: library.article(article_id) if article_id in library else None


def _bookmarks(library: Library, *notes: str) -> list[Bookmark]:
    """Bookmarks on whole articles with these notes (not stored: a store refuses some)."""
    out = []
    for n, note in enumerate(notes, 1):
        b = article_bookmark(library.article(GOOSE if n % 2 else PARKS), note=note, tags=["t"])
        b.id, b.uid = n, f"uid-{n}"
        out.append(b)
    return out


def _stored(library: Library, *notes: str) -> None:
    """Store bookmarks with these notes in the test's data folder (the CLI's)."""
    with NoteStore() as store:
        for b in _bookmarks(library, *notes):
            b.id = 0
            store.add(b)


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _process(*argv: str, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    """The command line in a new process (the data folder is the test's, from the env)."""
    return subprocess.run(
        [sys.executable, "-m", "jining_archive", *argv],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        env=process_env(keep_home=True),
        timeout=60,
    )


def _one_error_line(code: int, err: str, *words: str) -> str:
    """Exit code 2 and one message line, no traceback."""
    assert code == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line and "warning:" not in line]
    assert len(lines) == 1, err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def _device(path: Path, minor: int) -> Path:
    """A private character device node: minor 3 behaves as null, 7 as full."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("cannot make device nodes here (not root)")
    return path


@contextlib.contextmanager
def _umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@contextlib.contextmanager
def _tmpfs(folder: Path, options: str) -> Iterator[Path]:
    """A small tmpfs mounted on ``folder`` (skipped where mounting is not allowed)."""
    folder.mkdir(exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace')}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def _as_nobody(code: str) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` as an unprivileged user with the package importable."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run a process without root's file powers")
    program = f"import sys; sys.path.insert(0, {SOURCE_ROOT!r})\n" + code
    result = subprocess.run(
        [
            *("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
            *(sys.executable, "-c", program),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if (
        result.returncode != 0
        and "Permission denied" in result.stderr
        and "python" in (result.stderr)
    ):
        pytest.skip("the interpreter cannot be run by an unprivileged user here")
    return result


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder every user can reach (pytest's own folders are root's only)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="jining-export-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


# -- 1. what the target is decides how it is written ------------------------------------


def test_a_new_file_is_private_whatever_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "new.md"
    with _umask(0):
        written = write_export(target, b"notes")
    assert written.mode == WriteMode.CREATED
    assert target.read_bytes() == b"notes"
    assert stat.S_IMODE(target.stat().st_mode) == NEW_FILE_MODE == 0o600
    assert os.listdir(tmp_path) == ["new.md"]  # no temporary file left behind


def test_a_regular_file_is_replaced_by_rename_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    before = target.stat().st_ino
    seen_during_write: list[bytes] = []
    real_fsync = os.fsync

    def fsync_and_look(fd: int) -> None:
        # While the new bytes are being flushed the target still holds the old ones.
        seen_during_write.append(target.read_bytes())
        real_fsync(fd)

    with pytest.MonkeyPatch.context() as mp:
        from jining_archive.notes import destination

        mp.setattr(destination.os, "fsync", fsync_and_look)
        written = write_export(target, b"new")
    assert written.mode == WriteMode.REPLACED
    assert seen_during_write and seen_during_write[0] == b"old"
    assert target.read_bytes() == b"new"
    assert target.stat().st_ino != before  # a new file renamed over the old one
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["notes.md"]


def test_a_null_device_is_written_in_place_and_stays_a_device(tmp_path: Path) -> None:
    null = _device(tmp_path / "null", 3)
    written = write_export(null, b"x" * 100_000)
    assert written.mode == WriteMode.DIRECT
    info = os.lstat(null)
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 3)
    assert sorted(os.listdir(tmp_path)) == ["null"]


def test_export_notes_to_a_null_device_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], library: Library
) -> None:
    _stored(library, "一条笔记")
    null = _device(tmp_path / "null", 3)
    code, out, err = _cli(capsys, "export-notes", "--format", "docx", "-o", str(null))
    assert code == 0, err
    assert "written in place" in out
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_a_full_device_is_a_one_line_disk_full_and_stays_a_device(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], library: Library
) -> None:
    full = _device(tmp_path / "full", 7)
    with pytest.raises(ExportError) as caught:
        write_export(full, b"notes")
    assert caught.value.code == "disk-full"
    _stored(library, "一条笔记")
    code, _out, err = _cli(capsys, "export-notes", "--format", "md", "-o", str(full))
    _one_error_line(code, err, "disk is full", str(full))
    info = os.lstat(full)
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 7)


def test_a_fifo_gets_the_bytes_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    data = os.urandom(300_000)  # more than a pipe holds: the writer must wait for the reader
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as pipe:
            received.append(pipe.read())

    reader = threading.Thread(target=read)
    reader.start()
    deadline = time.monotonic() + 5
    written = None
    while written is None:  # the reader may not have opened its end yet
        try:
            written = write_export(fifo, data)
        except ExportError as exc:
            assert exc.code == "no-reader"
            assert time.monotonic() < deadline
            time.sleep(0.02)
    reader.join(5)
    assert written.mode == WriteMode.DIRECT
    assert received == [data]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_fifo_nobody_reads_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(ExportError) as caught:
        write_export(fifo, b"notes")
    assert caught.value.code == "no-reader"
    assert time.monotonic() - started < 3
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symbolic_link_is_followed_and_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], library: Library
) -> None:
    real = tmp_path / "real" / "notes.csv"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    _stored(library, "笔记一")
    code, out, err = _cli(capsys, "export-notes", "--format", "csv", "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "笔记一" in real.read_text(encoding="utf-8-sig")
    assert f"through the symbolic link {link}, which was kept" in out
    assert sorted(os.listdir(real.parent)) == ["notes.csv"]  # the temporary file was beside it


def test_a_link_to_nowhere_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "missing.md")
    with pytest.raises(ExportError) as caught:
        write_export(link, b"notes")
    assert caught.value.code == "dangling-link"
    assert "does not exist" in str(caught.value)
    assert sorted(os.listdir(tmp_path)) == ["link.md"] and link.is_symlink()


def test_a_link_loop_and_a_link_to_a_read_only_file_are_refused(tmp_path: Path) -> None:
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    with pytest.raises(ExportError) as caught:
        write_export(loop, b"notes")
    assert caught.value.code == "link-loop"
    kept = tmp_path / "kept.md"
    kept.write_bytes(b"keep me")
    kept.chmod(0o400)
    link = tmp_path / "link.md"
    link.symlink_to("kept.md")  # relative, as a user would make it
    with pytest.raises(ExportError) as caught:
        write_export(link, b"notes")
    assert caught.value.code == "read-only-file" and caught.value.path == kept
    assert kept.read_bytes() == b"keep me" and link.is_symlink()
    assert sorted(os.listdir(tmp_path)) == ["kept.md", "link.md", "loop.md"]


def test_a_disk_device_node_is_refused_without_being_opened(tmp_path: Path) -> None:
    node = tmp_path / "disk"
    try:
        # A loop device number unlikely to exist: even a wrong open would find nothing.
        os.mknod(node, 0o600 | stat.S_IFBLK, os.makedev(7, 250))
    except PermissionError:
        pytest.skip("cannot make device nodes here (not root)")
    with pytest.raises(ExportError) as caught:
        write_export(node, b"notes")
    assert caught.value.code == "not-writable-kind"
    assert "a disk device" in str(caught.value)
    assert stat.S_ISBLK(os.lstat(node).st_mode)


def test_a_read_only_file_is_never_replaced_even_by_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], library: Library
) -> None:
    target = tmp_path / "notes.md"
    target.write_bytes(b"keep me")
    target.chmod(0o444)
    _stored(library, "笔记一")
    code, _out, err = _cli(capsys, "export-notes", "--format", "md", "-o", str(target))
    _one_error_line(code, err, "read-only", "not replaced")
    assert target.read_bytes() == b"keep me"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert sorted(os.listdir(tmp_path)) == ["home", "notes.md"]


def test_a_file_the_user_cannot_write_is_not_replaced_in_a_folder_they_own(
    open_folder: Path,
) -> None:
    # The folder is the user's, so a rename would succeed: the file's own permission decides.
    folder = open_folder / "theirs"
    folder.mkdir()
    os.chown(folder, 65534, 65534)
    target = folder / "notes.md"
    target.write_bytes(b"root's file")
    target.chmod(0o644)
    result = _as_nobody(
        "from pathlib import Path\n"
        "from jining_archive.notes.destination import ExportError, write_export\n"
        "try:\n"
        f"    write_export(Path({str(target)!r}), b'new')\n"
        "except ExportError as exc:\n"
        "    print(exc.code)\n"
    )
    assert result.stdout.strip() == "read-only-file", result.stderr
    assert target.read_bytes() == b"root's file"


def test_a_folder_the_user_cannot_write_is_named(open_folder: Path) -> None:
    folder = open_folder / "roots"
    folder.mkdir(mode=0o755)
    result = _as_nobody(
        "from pathlib import Path\n"
        "from jining_archive.notes.destination import ExportError, write_export\n"
        "try:\n"
        f"    write_export(Path({str(folder / 'notes.md')!r}), b'new')\n"
        "except ExportError as exc:\n"
        "    print(exc.code, exc, sep='|')\n"
    )
    code, message = result.stdout.strip().split("|")
    assert code == "cannot-write-folder", result.stderr
    assert f"cannot write in the folder {folder}" in message
    assert os.listdir(folder) == []


def test_a_read_only_disk_is_named_and_its_file_kept(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "disk", "size=1m") as disk:
        (disk / "notes.md").write_bytes(b"keep me")
        remount = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True)
        if remount.returncode != 0:
            pytest.skip("cannot remount the tmpfs read-only")
        with pytest.raises(ExportError) as caught:
            write_export(disk / "notes.md", b"new")
        assert caught.value.code == "read-only-disk"
        assert "read-only disk" in str(caught.value)
        assert (disk / "notes.md").read_bytes() == b"keep me"


def test_a_full_disk_leaves_the_old_export_and_no_temporary_file(
    tmp_path: Path, library: Library
) -> None:
    with _tmpfs(tmp_path / "disk", "size=64k") as disk:
        target = disk / "notes.json"
        target.write_bytes(b"the old export")
        with pytest.raises(ExportError) as caught:
            write_export(target, os.urandom(256 * 1024))  # four times what the disk holds
        assert caught.value.code == "disk-full"
        assert "the disk is full" in str(caught.value)
        assert target.read_bytes() == b"the old export"
        assert os.listdir(disk) == ["notes.json"]


# -- 2. standard output ---------------------------------------------------------------


def test_dash_writes_the_export_to_standard_output(tmp_path: Path, library: Library) -> None:
    _stored(library, "笔记一", "笔记二")
    piped = _process("export-notes", "--format", "csv", "-o", "-")
    assert piped.returncode == 0, piped.stderr
    file_run = _process("export-notes", "--format", "csv", "-o", str(tmp_path / "notes.csv"))
    assert file_run.returncode == 0
    # The same bytes as the file (CSV carries no export time); the report goes to stderr.
    assert piped.stdout == (tmp_path / "notes.csv").read_bytes()
    assert b"exported 2 bookmark(s) to standard output" in piped.stderr
    assert not (Path.cwd() / "-").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ("export-notes", "--format", "md", "-o", "-"),
        ("bookmarks", "list"),  # any command's output, through the CLI's common path
    ],
)
def test_standard_output_on_a_full_device_is_one_line(
    tmp_path: Path, argv: tuple[str, ...], library: Library
) -> None:
    _stored(library, "笔记一")
    full = _device(tmp_path / "full", 7)
    with open(full, "wb") as out:
        result = _process(*argv, stdout=out)
    err = result.stderr.decode("utf-8")
    _one_error_line(result.returncode, err, "disk is full")
    assert stat.S_ISCHR(os.lstat(full).st_mode)


# -- 3. names and folders ---------------------------------------------------------------


def test_a_name_over_255_bytes_is_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], library: Library
) -> None:
    _stored(library, "笔记一")
    name = "笔记" * 50 + ".md"  # 303 bytes in UTF-8, 103 characters
    code, _out, err = _cli(capsys, "export-notes", "--format", "md", "-o", str(tmp_path / name))
    line = _one_error_line(code, err, "file name is too long", "303 bytes")
    assert "at most 255" in line
    assert sorted(os.listdir(tmp_path)) == ["home"]


def test_a_name_near_255_bytes_is_written_beside_a_shorter_temporary_name(tmp_path: Path) -> None:
    name = "笔" * 83 + ".md"  # 252 bytes: the temporary file's name must not grow past 255
    assert len(name.encode("utf-8")) == 252
    written = write_export(tmp_path / name, b"notes")
    assert written.mode == WriteMode.CREATED
    assert os.listdir(tmp_path) == [name]


def test_a_missing_folder_and_a_file_as_folder_are_clear_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], library: Library
) -> None:
    _stored(library, "笔记一")
    code, _out, err = _cli(
        capsys, "export-notes", "--format", "md", "-o", str(tmp_path / "nowhere" / "x.md")
    )
    _one_error_line(code, err, f"the folder {tmp_path / 'nowhere'} does not exist")
    (tmp_path / "plain").write_text("x")
    code, _out, err = _cli(
        capsys, "export-notes", "--format", "md", "-o", str(tmp_path / "plain" / "x.md")
    )
    _one_error_line(code, err, "is not a folder")
    assert (tmp_path / "plain").read_text() == "x"


# -- 4. characters a format cannot hold -------------------------------------------------


def test_word_export_replaces_what_xml_cannot_hold_and_keeps_every_note(
    tmp_path: Path, library: Library
) -> None:
    bookmarks = _bookmarks(library, "前一条", CONTROL_NOTE, "后一条")
    result = export_bookmarks(bookmarks, "docx", tmp_path / "notes.docx", _lookup(library))
    assert result.replaced == 5
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "notes.docx")).paragraphs]
    assert "前一条" in paragraphs and "后一条" in paragraphs
    assert CONTROL_CLEANED in paragraphs


def test_the_command_line_says_how_many_characters_were_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], library: Library
) -> None:
    _stored(library, "干净的笔记", "a\x01b\x1bc\x0bd\x00e")
    code, out, err = _cli(capsys, "export-notes", "--format", "docx", "-o", str(tmp_path / "n"))
    assert code == 0, err
    assert "exported 2 bookmark(s)" in out
    assert "warning: 4 character(s) that Word (.docx) cannot hold" in err
    texts = [p.text for p in docx.Document(str(tmp_path / "n")).paragraphs]
    assert "a\ufffdb\ufffdc\ufffdd\ufffde" in texts and "干净的笔记" in texts
    code, out, err = _cli(capsys, "export-notes", "--format", "md", "-o", str(tmp_path / "n.md"))
    assert code == 0 and "warning" not in err  # Markdown holds control characters


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_every_format_stays_valid_with_hostile_text(library: Library, fmt: ExportFormat) -> None:
    bookmarks = _bookmarks(library, CONTROL_NOTE, HOSTILE_HTML)
    rendered = render(bookmarks, fmt, _lookup(library))
    if fmt == ExportFormat.DOCX:
        import io

        texts = [p.text for p in docx.Document(io.BytesIO(rendered.data)).paragraphs]
        assert CONTROL_CLEANED in texts and HOSTILE_HTML in texts
        assert rendered.replaced == 5
        return
    text = rendered.data.decode("utf-8-sig")  # valid UTF-8: the lone surrogate is gone
    if fmt == ExportFormat.HTML:
        # XML-safe: only tab and line breaks below U+0020.
        assert not [ch for ch in text if ord(ch) < 0x20 and ch not in "\t\n\r"]
        assert rendered.replaced == 5
        assert html.escape(HOSTILE_HTML) in text and "<script>" not in text
    else:
        assert rendered.replaced == 1  # only the surrogate; control characters are kept
    if fmt == ExportFormat.JSON:
        notes = [b["note"] for b in json.loads(text)["bookmarks"]]
        assert notes == [CONTROL_NOTE.replace("\udcff", REPLACEMENT), HOSTILE_HTML]


def test_a_json_export_with_control_characters_imports_back_unchanged(
    tmp_path: Path, library: Library
) -> None:
    note = "a\x01b\x1bc\x0bd\x00e"
    target = tmp_path / "notes.json"
    _stored(library, note)
    with NoteStore() as store:
        assert [b.note for b in store.bookmarks()] == [note]
        export_bookmarks(store.bookmarks(), "json", target, _lookup(library))
    assert [b.note for b in read_notes_file(target)] == [note]


def test_markdown_export_shows_html_in_notes_as_text(qapp: object, library: Library) -> None:
    from PySide6.QtGui import QTextDocument

    rendered = render(_bookmarks(library, HOSTILE_HTML), ExportFormat.MARKDOWN, _lookup(library))
    text = rendered.data.decode("utf-8")
    assert "<script>" not in text and "<b>" not in text
    # What a Markdown viewer shows: the note exactly as typed.
    document = QTextDocument()
    document.setMarkdown(text)
    assert HOSTILE_HTML in document.toPlainText()


# -- 5. display of notes in the window ----------------------------------------------------


@pytest.mark.gui
def test_the_preview_shows_a_notes_html_as_typed(qtbot: object, library: Library) -> None:
    from PySide6.QtCore import QModelIndex

    from jining_archive.ui.bookmarks_model import BOOKMARK_ID_ROLE
    from jining_archive.ui.bookmarks_panel import BookmarksPanel

    with NoteStore() as store:
        stored = store.add(article_bookmark(library.article(GOOSE), note=HOSTILE_HTML))
        panel = BookmarksPanel(store, _lookup(library))
        qtbot.addWidget(panel)  # type: ignore[attr-defined]
        group = panel.proxy.index(0, 0, QModelIndex())
        row = panel.proxy.index(0, 0, group)
        assert row.data(BOOKMARK_ID_ROLE) == stored.id
        panel.view.setCurrentIndex(row)
        shown = panel.preview.toPlainText()
        assert shown.rstrip().endswith(HOSTILE_HTML)  # the note, after the citation
        assert "<script>x</script>" in shown
        assert "<script" not in panel.preview.toHtml()  # never a live element


@pytest.mark.gui
def test_bookmark_tooltips_are_escaped_text(qapp: object, library: Library) -> None:
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtGui import QTextDocument

    from jining_archive.ui.bookmarks_model import BookmarksModel

    model = BookmarksModel()
    model.set_bookmarks(_bookmarks(library, HOSTILE_HTML))
    group = model.index(0, 0, QModelIndex())
    tip = model.index(0, 0, group).data(Qt.ItemDataRole.ToolTipRole)
    assert "<script>" not in tip and html.escape(HOSTILE_HTML) in tip
    document = QTextDocument()
    document.setHtml(tip)  # how Qt reads a tooltip that looks like rich text
    assert document.toPlainText().splitlines()[-1] == HOSTILE_HTML


@pytest.mark.gui
def test_the_export_dialog_words_a_read_only_file_and_counts_replacements(
    qtbot: object, library: Library, tmp_path: Path
) -> None:
    from jining_archive.ui.export_dialog import ExportDialog

    with NoteStore() as store:
        store.add(article_bookmark(library.article(GOOSE), note="a\x01b\x1bc"))
        dialog = ExportDialog(store, _lookup(library), folder=tmp_path)
        qtbot.addWidget(dialog)  # type: ignore[attr-defined]
        dialog.set_format("docx")
        target = tmp_path / "notes.docx"
        target.write_bytes(b"keep me")
        target.chmod(0o444)
        dialog.path_edit.setText(str(target))
        assert not dialog.export()
        assert dialog.error_label.text() == (
            f"导出失败:{target} 是只读文件，没有被替换（请先设为可写，或另选文件名）"
        )
        assert target.read_bytes() == b"keep me"
        dialog.path_edit.setText(str(tmp_path / "other.docx"))
        with qtbot.waitSignal(dialog.exported) as blocker:  # type: ignore[attr-defined]
            assert dialog.export()
        assert blocker.args == [str(tmp_path / "other.docx"), 1, 2]


EXPORT_FAULT_CODES = (
    "no-folder", "not-a-folder", "is-a-folder", "cannot-write-folder", "read-only-disk",
    "disk-full", "name-too-long", "read-only-file", "dangling-link", "link-loop",
    "not-writable-kind", "no-reader", "reader-gone", "write-failed",
)  # fmt: skip


@pytest.mark.gui
def test_the_export_dialog_words_every_fault_in_both_languages(
    qtbot: object, library: Library, tmp_path: Path
) -> None:
    from jining_archive.notes import destination
    from jining_archive.ui.export_dialog import ExportDialog
    from jining_archive.ui.i18n import LanguageSwitcher

    documented = destination.ExportError.__doc__ or ""
    assert all(f"``{code}``" in documented for code in EXPORT_FAULT_CODES)
    target = tmp_path / "notes.md"
    with NoteStore() as store:
        dialog = ExportDialog(store, _lookup(library), folder=tmp_path)
        qtbot.addWidget(dialog)  # type: ignore[attr-defined]
        switcher = LanguageSwitcher()
        worded: dict[str, list[str]] = {}
        try:
            for language in ("zh_CN", "en"):
                switcher.apply(language)
                for code in EXPORT_FAULT_CODES:
                    error = ExportError("the English message", code, target, "255")
                    worded.setdefault(code, []).append(dialog.describe(error))
        finally:
            switcher.apply("zh_CN")
    for code, (chinese, english) in worded.items():
        assert "the English message" not in chinese + english, code
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), (code, chinese)
        assert english.isascii() and english != chinese, (code, english)
    assert worded["read-only-file"][1] == (
        f"{target} is read-only and was not replaced (make it writable or choose another name)"
    )
    assert worded["name-too-long"][0] == "文件名太长（8 字节；此磁盘上的文件名最多 255 字节）"


@pytest.mark.gui
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_window_says_how_many_characters_an_export_replaced(
    qtbot: object, library: Library, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from jining_archive.ui.export_dialog import ExportDialog
    from jining_archive.ui.main_window import MainWindow

    window = MainWindow(library)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    assert window.notes.panel is not None
    window.notes.panel.add_bookmark(article_bookmark(library.article(GOOSE), note="a\x01b\x1bc"))
    target = tmp_path / "notes.docx"

    def answer(dialog: ExportDialog) -> int:
        dialog.set_format("docx")
        dialog.path_edit.setText(str(target))
        with qtbot.waitSignal(dialog.exported):  # type: ignore[attr-defined]
            assert dialog.export()
        return 1

    monkeypatch.setattr(ExportDialog, "exec", answer)
    window.export_action.trigger()
    assert window.status.currentMessage() == (
        f"已导出 1 个书签到 {target}；2 个该格式无法保存的字符（控制字符等）已替换为 U+FFFD"
    )
    assert "a\ufffdb\ufffdc" in [p.text for p in docx.Document(str(target)).paragraphs]
