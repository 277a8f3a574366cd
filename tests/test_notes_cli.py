"""The bookmarks, export-notes and import-notes commands, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from jining_archive.app import main

FACTORY = "仅用半年时间就完成1.2万平方米厂房建设"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_remove(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "bookmarks", "add", "2023-intl-parks", "--quote", FACTORY,
        "--note", "半年建成", "--tag", "园区", "--tag", "速度", "--json",
    )  # fmt: skip
    assert code == 0
    added = json.loads(out)
    assert added["anchor"]["quote"] == FACTORY
    assert added["citation"]["section"] == "一线调研解难题 助力外资企业“轻装上阵”"
    assert added["tags"] == ["园区", "速度"]

    assert run(capsys, "bookmarks", "add", "2023-intl-parks", "--section", "s2")[0] == 0
    code, out, _ = run(
        capsys, "bookmarks", "add", "2023-intl-parks", "--quote", "100%", "--occurrence", "2",
        "--kind", "figure",
    )  # fmt: skip
    assert code == 0
    assert run(capsys, "bookmarks", "add", "2025-lead-goose", "--note", "综述")[0] == 0

    code, out, _ = run(capsys, "bookmarks", "list")
    assert code == 0
    assert f"“{FACTORY}”" in out and "| 半年建成" in out and "tags: 园区, 速度" in out
    assert "搭建平台促合作 助力项目建设快马加鞭" in out

    code, out, _ = run(capsys, "bookmarks", "list", "--json", "--tag", "园区")
    assert [b["id"] for b in json.loads(out)] == [added["id"]]
    code, out, _ = run(capsys, "bookmarks", "list", "--json", "--article", "2023-intl-parks")
    listed = json.loads(out)
    assert len(listed) == 3
    figure = next(b for b in listed if b["kind"] == "figure")
    # The second 100% of the article is in 意见诉求收集100%.
    assert figure["anchor"]["before"].endswith("意见诉求收集")

    code, out, _ = run(capsys, "bookmarks", "remove", str(added["id"]))
    assert code == 0 and f"#{added['id']}" in out
    code, out, _ = run(capsys, "bookmarks", "list", "--json")
    assert added["id"] not in [b["id"] for b in json.loads(out)]


def test_user_errors_are_messages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "bookmarks", "add", "no-such-article")
    assert code == 2 and "no article with id 'no-such-article'" in err
    code, _, err = run(capsys, "bookmarks", "add", "2023-intl-parks", "--quote", "不存在的句子")
    assert code == 2 and "does not contain" in err
    code, _, err = run(capsys, "bookmarks", "add", "2023-intl-parks", "--section", "s9")
    assert code == 2 and "no section 's9'" in err
    code, _, err = run(capsys, "bookmarks", "add", "2023-intl-parks", "--start", "5")
    assert code == 2 and "--start needs --end" in err
    code, _, err = run(capsys, "bookmarks", "remove", "42")
    assert code == 2 and "no bookmark with id 42" in err
    code, _, err = run(capsys, "export-notes", "--format", "md", "-o", str(tmp_path / "x.md"))
    assert code == 2 and "nothing was exported" in err
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    code, _, err = run(capsys, "import-notes", str(bad))
    assert code == 2 and "not a notes export" in err


def test_export_each_format_and_import(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(
        capsys,
        "bookmarks",
        "add",
        "2023-intl-parks",
        "--quote",
        FACTORY,
        "--note",
        "速度",
        "--tag",
        "园区",
    )
    run(capsys, "bookmarks", "add", "2025-lead-goose", "--note", "综述", "--tag", "综述")
    for fmt in ("md", "docx", "csv", "json", "html"):
        target = tmp_path / f"notes.{fmt}"
        code, out, err = run(capsys, "export-notes", "--format", fmt, "-o", str(target))
        assert code == 0, err
        assert "exported 2 bookmark(s)" in out
    assert FACTORY in (tmp_path / "notes.md").read_text(encoding="utf-8")
    assert FACTORY in (tmp_path / "notes.html").read_text(encoding="utf-8")
    assert FACTORY in (tmp_path / "notes.csv").read_text(encoding="utf-8-sig")
    assert f"“{FACTORY}”" in [
        p.text for p in docx.Document(str(tmp_path / "notes.docx")).paragraphs
    ]

    code, out, _ = run(
        capsys, "export-notes", "--format", "md", "--tag", "综述", "-o", str(tmp_path / "t.md")
    )
    text = (tmp_path / "t.md").read_text(encoding="utf-8")
    assert "综述" in text and FACTORY not in text
    code, out, _ = run(
        capsys, "export-notes", "--format", "md", "--article", "2023-intl-parks",
        "-o", str(tmp_path / "a.md"),
    )  # fmt: skip
    assert FACTORY in (tmp_path / "a.md").read_text(encoding="utf-8")

    before = json.loads(run(capsys, "bookmarks", "list", "--json")[1])
    run(capsys, "bookmarks", "remove", *(str(b["id"]) for b in before))
    code, out, _ = run(capsys, "import-notes", str(tmp_path / "notes.json"), "--json")
    assert json.loads(out) == {"added": 2, "updated": 0, "unchanged": 0, "kept_newer": 0}
    after = json.loads(run(capsys, "bookmarks", "list", "--json")[1])
    assert after == before


def test_export_to_missing_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "bookmarks", "add", "2025-lead-goose")
    code, _, err = run(
        capsys, "export-notes", "--format", "docx", "-o", str(tmp_path / "no" / "notes.docx")
    )
    assert code == 2 and "does not exist" in err


def test_damaged_database_warns_and_keeps_the_file(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    from jining_archive import paths

    db = paths.data_dir() / "notes.sqlite3"
    db.write_bytes(b"\x00garbage" * 200)
    code, out, err = run(capsys, "bookmarks", "list")
    assert code == 0 and "no bookmarks" in out
    assert "could not be read" in err and "kept as" in err
    kept = list(db.parent.glob("notes.sqlite3.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"\x00garbage" * 200
