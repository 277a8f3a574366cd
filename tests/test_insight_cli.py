"""``series``, ``compare``, ``project-story`` and the new options of ``figures``; the CSV
and XLSX files are read back. Expected figures are read from the bundled texts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jining_archive.app import main
from jining_archive.extraction import Figure
from jining_archive.insight import FigureRow
from jining_archive.insight.tables import COLUMNS, render_csv, render_xlsx


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the program with ``argv``; return the exit code, stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_series_of_world_top_500(capsys: pytest.CaptureFixture[str]) -> None:
    """2023-intl-parks: 21家世界500强企业; 2025-lead-goose: 56家世界500强企业."""
    code, out, _ = run_cli(capsys, "series", "--measure", "世界500强企业", "--json")
    assert code == 0
    (series,) = json.loads(out)
    assert (series["measure"], series["kind"], series["unit"]) == ("世界500强企业", "count", "家")
    assert [(p["article_id"], p["text"], p["value"]) for p in series["points"]] == [
        ("2023-intl-parks", "21家", 21),
        ("2025-lead-goose", "56家", 56),
    ]
    assert "56家世界500强企业" in series["points"][1]["sentence"]


def test_series_lists_only_measures_across_articles(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "series", "--json")
    assert code == 0
    found = json.loads(out)
    assert found and all(len(set(s["articles"])) >= 2 for s in found)
    assert ("世界500强企业", "家") in {(s["measure"], s["unit"]) for s in found}
    code, out, _ = run_cli(capsys, "series")
    assert "世界500强企业  [count, 家]" in out


def test_compare_gives_the_difference(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "compare", "世界500强企业")
    assert code == 0
    assert "21家 → 2025-02 56家  +35家" in out
    code, out, _ = run_cli(capsys, "compare", "世界500强企业", "--json")
    (comparison,) = json.loads(out)
    (step,) = comparison["steps"]
    assert (step["from"]["value"], step["to"]["value"], step["difference"]) == (21, 56, 35)
    assert comparison["conflicts"] == []


def test_unknown_measure_and_project_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "compare", "500强")
    assert code == 2 and "no figure measures '500强'" in err and "世界500强企业" in err
    code, _, err = run_cli(capsys, "series", "--measure", "火星移民")
    assert code == 2 and "火星移民" in err
    code, _, err = run_cli(capsys, "project-story", "月球基地")
    assert code == 2 and "no project is named" in err
    code, _, err = run_cli(capsys, "figures", "--measure", "火星移民")
    assert code == 2 and "火星移民" in err


def test_project_story_json(capsys: pytest.CaptureFixture[str]) -> None:
    """小松全球智能制造产业基地: 开工 (2023-03), a plan for 2026 (2023-09), then 签约 and
    在建 (2024-01)."""
    code, out, _ = run_cli(capsys, "project-story", "小松全球智能制造产业基地", "--json")
    assert code == 0
    story = json.loads(out)
    assert [(e["date"], e["status"], e["planned"]) for e in story["events"]] == [
        ("2023-03", "开工", []),
        ("2023-09", None, [2026]),  # no status in its own clause; its sentence plans 2026
        ("2024-01", "签约", []),
        ("2024-01", "在建", []),
    ]
    assert {"1万台", "百亿元"} <= {f["text"] for f in story["events"][1]["figures"]}
    code, out, _ = run_cli(capsys, "project-story", "小松全球")
    assert code == 0 and "stages: 开工 → 签约 → 在建" in out


def test_figures_sorted_by_value(capsys: pytest.CaptureFixture[str]) -> None:
    """Money, largest first: 1306亿元 above 221.2亿元 above 7.6亿元."""
    code, out, _ = run_cli(capsys, "figures", "--kind", "money", "--sort", "value", "--json")
    assert code == 0
    data = json.loads(out)
    values = [f["value"] for f in data]
    assert values == sorted(values, reverse=True)
    texts = [f["text"] for f in data]
    assert texts.index("1306亿元") < texts.index("221.2亿元") < texts.index("7.6亿元")


def test_figures_by_measure_and_year(capsys: pytest.CaptureFixture[str]) -> None:
    """进出口总额 221.2亿元 is 2023-intl-parks' only such figure; 2023's money is six figures."""
    code, out, _ = run_cli(capsys, "figures", "--measure", "进出口总额", "--json")
    assert code == 0
    assert [(f["article_id"], f["text"], f["period"]) for f in json.loads(out)] == [
        ("2023-intl-parks", "221.2亿元", 2022)
    ]
    _, out, _ = run_cli(capsys, "figures", "--year", "2023", "--kind", "money", "--json")
    assert sorted(f["text"] for f in json.loads(out)) == sorted(
        ["1306亿元", "1亿元", "百亿元", "221.2亿元", "5000万元", "1亿元"]
    )


def test_figures_by_source(capsys: pytest.CaptureFixture[str]) -> None:
    """The money of 2023-climb-higher, the publicity department's article: 1306亿元, 1亿元."""
    code, out, _ = run_cli(
        capsys, "figures", "--source", "山东济宁高新区党工委宣传部", "--kind", "money", "--json"
    )
    assert code == 0
    assert [f["text"] for f in json.loads(out)] == ["1306亿元", "1亿元"]
    code, _, err = run_cli(capsys, "figures", "--source", "人民日报")
    assert code == 2 and "济宁日报" in err


def test_figures_csv_and_xlsx_read_back(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    csv_path, xlsx_path = tmp_path / "figures.csv", tmp_path / "figures.xlsx"
    code, out, _ = run_cli(
        capsys, "figures", "--kind", "money", "--sort", "value", "--csv", str(csv_path)
    )
    assert code == 0 and str(csv_path) in out
    data = csv_path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(table[0]) == COLUMNS
    climb = next(r for r in table if r["text"] == "1306亿元")
    assert (climb["value"], climb["unit"], climb["measure"]) == ("130600000000", "元", "总投资")
    code, _, _ = run_cli(
        capsys, "figures", "--kind", "area", "--sort", "value", "--xlsx", str(xlsx_path)
    )
    assert code == 0
    sheet = load_workbook(xlsx_path).active
    assert sheet is not None
    cells = list(sheet.iter_rows(values_only=True))
    assert cells[0] == COLUMNS
    text_at = COLUMNS.index("text")
    assert [r[text_at] for r in cells[1:3]] == ["2000万平方米", "2万亩"]
    assert cells[1][COLUMNS.index("value")] == 20_000_000


def test_figures_export_to_a_bad_place_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run_cli(capsys, "figures", "--csv", str(tmp_path / "missing" / "f.csv"))
    assert code == 2 and "does not exist" in err
    code, _, err = run_cli(capsys, "figures", "--xlsx", "-")
    assert code == 2 and "--xlsx" in err
    assert not (tmp_path / "missing").exists()


def test_exported_cells_never_run_as_formulas() -> None:
    """A sentence that starts with = or @ is text in both files."""
    figure = Figure("a", "b1", "5家", "count", 5, "家", None, "=HYPERLINK(1)", 0, 2)
    row = FigureRow(figure, "@SUM(A1)", "2024", False, None, "=HYPERLINK(1)", "text",
                    "=1+1 5家", 0, None, "家", 5)  # fmt: skip
    table = list(csv.reader(io.StringIO(render_csv([row]).decode("utf-8-sig"))))
    assert table[1][COLUMNS.index("title")] == "'@SUM(A1)"
    assert table[1][COLUMNS.index("sentence")] == "'=1+1 5家"
    book = load_workbook(io.BytesIO(render_xlsx([row])))
    sheet = book.active
    assert sheet is not None
    cell = sheet.cell(row=2, column=COLUMNS.index("sentence") + 1)
    assert (cell.value, cell.data_type) == ("=1+1 5家", "s")
    assert sheet.cell(row=2, column=COLUMNS.index("value") + 1).value == 5
