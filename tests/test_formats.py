"""Text files and the registry: encodings, sniffing, size limits and bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from jining_archive.documents import formats
from jining_archive.documents.formats import FormatError
from jining_archive.documents.formats.registry import SUPPORTED_SUFFIXES, read_bytes, read_path
from jining_archive.documents.formats.text import read_text, table_row

PARAGRAPH = (
    "济宁高新区2020年“四个一批”项目二季度集中开工\n"
    "\n"
    "本次集中开工的10个项目，总投资51.8亿元，涵盖高端装备、医养健康、新材料等多个领域。\n"
)
TRADITIONAL = (
    "濟寧高新區召開招商引資工作新聞發佈會\n\n今年以來，高新區累計簽約項目23個，總投資195億元。\n"
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PARAGRAPH.encode("gbk"), "gb18030"),
        (PARAGRAPH.encode("gb18030"), "gb18030"),
        (codecs.BOM_UTF8 + PARAGRAPH.encode("utf-8"), "utf-8-sig"),
        (PARAGRAPH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + PARAGRAPH.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + PARAGRAPH.encode("utf-16-be"), "utf-16"),
    ],
    ids=["gbk", "gb18030", "utf8-bom", "utf8", "utf16le-bom", "utf16be-bom"],
)
def test_text_encodings(data: bytes, encoding: str) -> None:
    source = read_text(data, "news.txt", ".txt")
    assert source.text == PARAGRAPH
    assert source.encoding == encoding
    assert source.format == "txt"
    assert source.text.splitlines()[0] == "济宁高新区2020年“四个一批”项目二季度集中开工"


def test_big5_text() -> None:
    source = read_text(TRADITIONAL.encode("big5"), "news.txt", ".txt")
    assert source.text == TRADITIONAL
    assert source.encoding == "big5"


def test_markdown_keeps_headings_as_they_are() -> None:
    text = "# 济宁高新区\n\n## 项目建设\n\n本次集中开工的10个项目，总投资51.8亿元。\n"
    source = read_bytes(text.encode("utf-8"), "a.md", ".MD")
    assert source.format == "md"
    assert source.text == text


def test_markdown_suffix_variant() -> None:
    assert read_bytes(b"# T\n\nbody.\n", "a.markdown", ".markdown").format == "md"


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        (b"", "empty", "empty"),
        (b"  \n\r\n\t ", "empty", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary", "PDF"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "binary", "zip"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", "PNG"),
        (bytes(range(256)) * 4, "binary", "binary"),
        (bytes(range(128, 256)) * 40, "undecodable", "encoding"),
    ],
    ids=["empty", "blank", "pdf", "zip", "png", "binary", "undecodable"],
)
def test_text_bad_input(data: bytes, code: str, words: str) -> None:
    with pytest.raises(FormatError) as info:
        read_bytes(data, "news.txt", ".txt")
    assert info.value.code == code
    assert words in str(info.value)
    assert "news.txt" in str(info.value)


def test_table_row_reads_as_one_paragraph() -> None:
    assert table_row(["指标", " 1-8月 ", "", "增长"]) == "指标；1-8月；增长。"
    assert table_row(["说明", "详见附件。"]) == "说明；详见附件。"
    assert table_row(["", " "]) == ""


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")


def test_read_path_dispatches_by_lower_case_suffix(tmp_path: Path) -> None:
    path = tmp_path / "报道.TXT"
    path.write_bytes(PARAGRAPH.encode("gbk"))
    source = read_path(path)
    assert source.text == PARAGRAPH
    assert source.format == "txt"


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(b"whatever")
    with pytest.raises(FormatError) as info:
        read_path(path)
    assert info.value.code == "unsupported"
    assert str(info.value) == (
        "report.doc: .doc files are not supported "
        "(supported: .txt .md .markdown .html .htm .docx .pdf)"
    )
    with pytest.raises(FormatError) as info:
        read_bytes(b"x", "README", "")
    assert info.value.code == "unsupported"


def test_too_large_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    # A sparse file: the size is there without writing the bytes.
    with open(path, "wb") as handle:
        handle.truncate(formats.MAX_FILE_BYTES + 1)
    opened: list[object] = []
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a) or None)
    with pytest.raises(FormatError) as info:
        read_path(path)
    assert info.value.code == "too-large"
    assert "64 MB" in str(info.value)
    assert opened == []


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(FormatError) as info:
        read_path(tmp_path / "gone.txt")
    assert info.value.code == "unreadable"
    assert "No such file" in str(info.value)


def test_directory_is_unreadable(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(FormatError) as info:
        read_path(folder)
    assert info.value.code == "unreadable"


def test_empty_file(tmp_path: Path) -> None:
    for suffix in SUPPORTED_SUFFIXES:
        path = tmp_path / f"empty{suffix}"
        path.write_bytes(b"")
        with pytest.raises(FormatError) as info:
            read_path(path)
        assert info.value.code == "empty", suffix


def test_binary_renamed_txt(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(200))
    with pytest.raises(FormatError) as info:
        read_path(path)
    assert info.value.code == "binary"
    assert str(info.value) == "photo.txt: this is a JPEG image, not a text file"
