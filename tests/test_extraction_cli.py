"""The ``figures``, ``projects`` and ``organizations`` commands."""

from __future__ import annotations

import json

import pytest

from jining_archive.app import main


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the program with ``argv``; return the exit code, stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_figures_json_filtered_by_article_and_kind(capsys: pytest.CaptureFixture[str]) -> None:
    """The money of 2023-climb-higher, read from b8 and b16: 1306亿元 and 1亿元, in yuan."""
    code, out, _ = run_cli(
        capsys, "figures", "--article", "2023-climb-higher", "--kind", "money", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert [(f["text"], f["value"], f["unit"], f["measure"]) for f in data] == [
        ("1306亿元", 130_600_000_000, "元", "总投资"),
        ("1亿元", 100_000_000, "元", "创新基金"),
    ]
    keys = {"article_id", "block_id", "text", "kind", "value", "unit", "qualifier", "measure"}
    assert set(data[0]) == keys | {"start", "end", "date_basis"}


def test_figures_text_listing(capsys: pytest.CaptureFixture[str]) -> None:
    """The plain listing shows kind, text and normalised value."""
    code, out, _ = run_cli(capsys, "figures", "--article", "2023-intl-parks", "--kind", "percent")
    assert code == 0
    assert "44.6%" in out and "percent" in out


def test_unknown_article_is_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown id is a clear message with exit code 2."""
    code, _, err = run_cli(capsys, "figures", "--article", "no-such-article")
    assert code == 2
    assert "no article with id" in err


def test_projects_json_follow_the_komatsu_base(capsys: pytest.CaptureFixture[str]) -> None:
    """The Komatsu base is one project whose mentions span articles, with dates and statuses."""
    code, out, _ = run_cli(capsys, "projects", "--json")
    assert code == 0
    data = json.loads(out)
    base = [p for p in data if p["name"].startswith("小松全球智能制造产业基地")]
    assert len(base) == 1
    mentions = base[0]["mentions"]
    assert {m["date"][:4] for m in mentions} >= {"2023", "2024"}
    assert set(mentions[0]) == {"article_id", "block_id", "text", "start", "end", "status", "date"}
    assert any(m["status"] == "签约" for m in mentions)  # the 2023-05-12 signing


def test_organizations_for_one_article(capsys: pytest.CaptureFixture[str]) -> None:
    """``organizations --article`` lists only bodies named in that article."""
    code, out, _ = run_cli(capsys, "organizations", "--article", "2023-intl-parks", "--json")
    assert code == 0
    data = json.loads(out)
    mentioned = {m["text"] for org in data for m in org["mentions"]}
    assert {"山特维克公司", "中煤集团", "株式会社小松制作所"} <= mentioned
    assert all(m["article_id"] == "2023-intl-parks" for org in data for m in org["mentions"])
    code, out, _ = run_cli(capsys, "projects", "--article", "2023-intl-parks")
    assert code == 0 and "航空航天城" in out
