"""Faults around the command line, the cache and the search index, tried as a user would:
bytes that are not UTF-8 in arguments, a cache or data folder that is read-only, cannot
be made or is a file, the index manifest replaced by a folder, a damaged index that
kept its size, queries with invisible characters, and text files in Western encodings
or UTF-8 with a few bad bytes.

Every test shows one clear line on stderr and exit code 2 for a user error (never a
traceback), and that search keeps working wherever it can. Permission faults run the
command in ``unshare -U`` (as root that keeps the owner's uid but loses the power to
ignore file modes); they are skipped where the machine cannot do it.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import jining_archive
from fault_tools import UNPRIVILEGED, needs_unprivileged, process_env
from jining_archive.documents.decode import decode_text
from jining_archive.search.query import drop_invisible, parse_query

CORPUS = Path(jining_archive.__file__).resolve().parents[2] / "corpus" / "articles"


def run(
    home: Path, *args: str | bytes, unprivileged: bool = False, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``jining-archive --data-dir HOME ARGS`` in a new process (bytes arguments kept)."""
    prefix = (UNPRIVILEGED or []) if unprivileged else []
    argv = [*prefix, sys.executable, "-m", "jining_archive", "--data-dir", str(home), *args]
    done = subprocess.run(
        [a if isinstance(a, bytes) else os.fsencode(a) for a in argv],
        capture_output=True,
        env=process_env(),
        timeout=timeout,
    )
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


def one_error(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit code 2, no traceback, exactly one error line (warnings aside) holding ``words``."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    errors = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and not line.startswith("jining-archive: warning:")
    ]
    assert len(errors) == 1, result.stderr
    for word in words:
        assert word in errors[0], errors[0]
    return errors[0]


def total(result: subprocess.CompletedProcess[str]) -> int:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    count: int = json.loads(result.stdout)["total"]
    return count


@pytest.fixture(scope="module")
def jining_total(tmp_path_factory: pytest.TempPathFactory) -> int:
    """How many passages 济宁 matches in a healthy archive (every bundled text names it)."""
    found = total(run(tmp_path_factory.mktemp("healthy"), "search", "济宁", "--json"))
    assert found > 5
    return found


# -- arguments that are not text -------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [b"search", b"\xff\xfe\xe6\xb5\x8e"],
        [b"bookmarks", b"list", b"--tag", b"bad\xff"],
        [b"show", b"x\xc3"],
    ],
    ids=["query", "tag", "article"],
)
def test_text_arguments_that_are_not_utf8_are_one_line(tmp_path: Path, args: list[bytes]) -> None:
    result = run(tmp_path, *args)
    one_error(result, "is not UTF-8 text", "nothing was saved or searched")


def test_a_file_name_that_is_not_utf8_is_still_a_file_name(tmp_path: Path) -> None:
    """File names on Linux are bytes: an import of one is tried, not refused as text."""
    source = sorted(CORPUS.glob("*.txt"))[0]
    name = tmp_path / os.fsdecode(b"caf\xe9.txt")
    shutil.copyfile(source, name)
    result = run(tmp_path / "home", "import", os.fsencode(name), "--json")
    assert result.returncode == 0, result.stderr
    (row,) = json.loads(result.stdout)
    assert row["status"] in ("unchanged", "repost", "added")  # the text is a bundled one


# -- folders that cannot be used -------------------------------------------------------


@needs_unprivileged
def test_read_only_cache_still_searches_and_says_why(tmp_path: Path, jining_total: int) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    os.chmod(cache, 0o555)
    result = run(tmp_path, "search", "济宁", "--json", unprivileged=True)
    assert total(result) == jining_total
    assert "the cache folder" in result.stderr and "temporary folder" in result.stderr
    assert "jieba" not in result.stderr.lower()  # no log or traceback of its own
    assert list(cache.iterdir()) == []  # nothing written into the read-only folder


def test_cache_that_is_a_file_still_searches(tmp_path: Path, jining_total: int) -> None:
    (tmp_path / "cache").write_bytes(b"not a folder")
    result = run(tmp_path, "search", "济宁", "--json")
    assert total(result) == jining_total
    assert "a file is in the way" in result.stderr
    assert (tmp_path / "cache").read_bytes() == b"not a folder"


def test_index_folder_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "index").write_bytes(b"in the way")
    one_error(run(tmp_path, "search", "济宁"), "search index folder", "a file is in the way")
    assert (tmp_path / "cache" / "index").read_bytes() == b"in the way"


def test_manifest_replaced_by_a_folder_is_rebuilt(tmp_path: Path, jining_total: int) -> None:
    total(run(tmp_path, "search", "济宁", "--json"))
    manifest = tmp_path / "cache" / "index" / "jining-index.json"
    manifest.unlink()
    manifest.mkdir()
    (manifest / "inside").write_text("x")
    result = run(tmp_path, "search", "济宁", "--json")
    assert total(result) == jining_total
    assert "damaged and has been rebuilt" in result.stderr
    assert manifest.is_file()


def test_data_folder_that_is_a_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.write_bytes(b"a file")
    one_error(run(home, "bookmarks", "list"), "is a file, not a folder")
    assert home.read_bytes() == b"a file"


@needs_unprivileged
def test_data_folder_that_cannot_be_made(tmp_path: Path, jining_total: int) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o555)
    home = locked / "home"
    one_error(run(home, "bookmarks", "list", unprivileged=True), "Permission denied")
    # Reading the bundled archive needs no data folder: search works, and says why it
    # cannot keep anything.
    result = run(home, "search", "济宁", "--json", unprivileged=True)
    assert total(result) == jining_total
    assert "cannot be used" in result.stderr
    assert not home.exists()


@needs_unprivileged
def test_read_only_data_folder_keeps_listing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    added = run(home, "bookmarks", "add", "2023-intl-parks", "--quote", "济宁高新区")
    assert added.returncode == 0, added.stderr
    data = home / "data"
    for folder in [data, *(p for p in data.rglob("*") if p.is_dir())]:
        os.chmod(folder, 0o555)
    listed = run(home, "bookmarks", "list", "--json", unprivileged=True)
    assert listed.returncode == 0, listed.stderr
    assert "济宁高新区" in listed.stdout
    one_error(
        run(home, "bookmarks", "add", "2023-intl-parks", "--quote", "园区", unprivileged=True)
    )


@pytest.mark.slow
def test_self_test_fails_at_once_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "index").write_bytes(b"in the way")
    done = subprocess.run(
        [sys.executable, "-m", "jining_archive", "--data-dir", str(tmp_path), "--self-test"],
        env=process_env(QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["ok"] is False
    assert "a file is in the way" in report["error"]
    assert report["seconds"] < 60  # it used to wait 180 s for an index that never came


# -- the index checks itself -----------------------------------------------------------


def _flip_inside_largest_segment(folder: Path, keep_time: bool) -> None:
    segment = max(folder.glob("*.seg"), key=lambda p: p.stat().st_size)
    info = segment.stat()
    with open(segment, "r+b") as data:
        data.seek(info.st_size // 2)
        byte = data.read(1)
        data.seek(info.st_size // 2)
        data.write(bytes([byte[0] ^ 0x5A]))
    assert segment.stat().st_size == info.st_size
    if keep_time:
        os.utime(segment, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_a_segment_written_over_in_place_is_found_when_the_index_opens(
    tmp_path: Path, jining_total: int
) -> None:
    total(run(tmp_path, "search", "济宁", "--json"))
    _flip_inside_largest_segment(tmp_path / "cache" / "index", keep_time=False)
    result = run(tmp_path, "search", "济宁", "--json")
    assert "damaged and has been rebuilt" in result.stderr
    assert total(result) == jining_total


def test_damage_that_kept_size_and_time_is_found_by_check_index(
    tmp_path: Path, jining_total: int
) -> None:
    assert run(tmp_path, "check-index").stdout.strip() == "search index is whole"
    _flip_inside_largest_segment(tmp_path / "cache" / "index", keep_time=True)
    checked = run(tmp_path, "check-index")
    assert checked.returncode == 0, checked.stderr
    assert "damaged" in checked.stdout and "damaged and has been rebuilt" in checked.stderr
    assert run(tmp_path, "check-index").stdout.strip() == "search index is whole"
    assert total(run(tmp_path, "search", "济宁", "--json")) == jining_total


def test_a_damaged_columns_file_is_made_again(tmp_path: Path, jining_total: int) -> None:
    total(run(tmp_path, "search", "济宁", "--json"))
    (columns,) = (tmp_path / "cache" / "index").glob("jining-cols-*.pickle")
    raw = bytearray(columns.read_bytes())
    raw[len(raw) // 2] ^= 0x5A
    columns.write_bytes(bytes(raw))
    assert total(run(tmp_path, "search", "济宁", "--json")) == jining_total
    assert columns.read_bytes() != bytes(raw)


def test_index_files_are_readable_by_the_user_only(tmp_path: Path) -> None:
    total(run(tmp_path, "search", "济宁", "--json"))
    folder = tmp_path / "cache" / "index"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path.name


# -- queries with invisible characters ---------------------------------------------------


@pytest.mark.parametrize(
    "query", ["济\u200b宁", "\ufeff济宁", "\u200e济宁\u200f", "济\u2060宁"], ids=repr
)
def test_invisible_characters_in_a_query_are_dropped(query: str) -> None:
    assert drop_invisible(query) == "济宁"
    assert parse_query(query).root == parse_query("济宁").root


def test_a_pasted_query_with_a_zero_width_space_finds_the_same(
    tmp_path: Path, jining_total: int
) -> None:
    assert total(run(tmp_path, "search", "济\u200b宁", "--json")) == jining_total


# -- encodings ---------------------------------------------------------------------------

WESTERN = {
    "fr": "Le café de la zone économique a ouvert à Jining. Les élèves étudient "
    "l'économie, la société et les échanges. Très bien, déjà vu, garçon.",
    "de": "Die Straße in der Hochtechnologiezone ist schön. Über fünf Jahre wurden "
    "Fabriken gebaut, größer und mächtiger als zuvor. Grüße aus Jining.",
    "es": "La zona de alta tecnología de Jining creció un 50% en el año. ¿Qué pasó? "
    "El niño comió. ¡Económico!",
}


@pytest.mark.parametrize("language", sorted(WESTERN))
def test_latin1_text_is_read_as_western(language: str) -> None:
    text = WESTERN[language]
    decoded = decode_text(text.encode("latin-1"), "page.txt")
    assert decoded.text == text
    assert decoded.encoding == "cp1252"
    assert decoded.replaced == 0


ONE_LINE_WESTERN = [
    "A população da região aumentou.\n",  # ção: two accented letters together
    "Ação\n",
    "Perché è così\n",  # was guessed as Urdu (cp1006)
    "Grüße aus Jining\n",
    "é\n",
]


@pytest.mark.parametrize("text", ONE_LINE_WESTERN)
def test_one_line_of_latin1_is_read_as_western(text: str) -> None:
    decoded = decode_text(text.encode("latin-1"), "line.txt")
    assert (decoded.text, decoded.encoding) == (text, "cp1252")


@pytest.mark.parametrize(
    "text", ["济宁高新区", "高新區發展", "买了T恤，", "园区企业稳步发展，iPhone手机A股市场。"]
)
def test_short_gbk_text_is_not_read_as_utf8_or_western(text: str) -> None:
    decoded = decode_text(text.encode("gbk"), "short.txt")
    assert (decoded.text, decoded.encoding) == (text, "gb18030")


@pytest.mark.parametrize(
    "text",
    [
        "济宁高新区今年实现生产总值1306亿元。\n园区企业稳步发展。\n",
        "Jining high-tech zone output rose 50% this year.\nSecond line, café.\n",
    ],
)
def test_two_short_lines_of_utf8_with_three_bad_bytes_are_read(text: str) -> None:
    data = text.encode()
    cut = data.index(b"\n") + 1
    decoded = decode_text(data[:cut] + b"\xff\xfe\xfd" + data[cut:], "two-lines.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.replaced == 3
    assert decoded.text.replace("\ufffd", "") == text


def _bundled_with_bad_bytes(bad: bytes) -> tuple[bytes, str]:
    source = sorted(CORPUS.glob("*.txt"))[0].read_bytes().removeprefix(b"\xef\xbb\xbf")
    cut = source.index(b"\n", len(source) // 2) + 1  # between two lines: no character split
    return source[:cut] + bad + source[cut:], source.decode("utf-8")


def test_utf8_with_three_bad_bytes_is_read_with_them_replaced() -> None:
    data, original = _bundled_with_bad_bytes(b"\xff\xfe\xfd")  # three bytes UTF-8 never has
    decoded = decode_text(data, "damaged.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.replaced == 3
    assert decoded.text.replace("\ufffd", "") == original


def test_utf8_with_many_bad_bytes_is_not_called_utf8() -> None:
    data, _ = _bundled_with_bad_bytes(bytes(range(0x80, 0x100)) * 4)
    try:
        decoded = decode_text(data, "mixed.txt")
    except ValueError:
        return
    assert decoded.encoding != "utf-8"


def test_import_reports_how_many_characters_were_replaced(tmp_path: Path) -> None:
    data, _ = _bundled_with_bad_bytes(b"\xff\xfe\xfd")
    # A text of its own, so that it is added rather than recognised as the bundled one.
    data = "新导入的报道\n\n".encode() + data.replace("济宁".encode(), "嘉祥".encode())
    source = tmp_path / "damaged.txt"
    source.write_bytes(data)
    result = run(tmp_path / "home", "import", str(source), "--json")
    assert result.returncode == 0, result.stderr
    (row,) = json.loads(result.stdout)
    assert row["encoding"] == "utf-8"
    assert row["replaced"] == 3
    plain = run(tmp_path / "home2", "import", str(source))
    assert "3 character(s) could not be decoded and were replaced by U+FFFD" in plain.stdout
