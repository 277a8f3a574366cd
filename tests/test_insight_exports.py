"""Series tables and project stories saved as CSV and XLSX, from the command line and
from the insight window; the files are read back. Expected figures are read from the
bundled texts: 21家世界500强企业 in 2023-intl-parks (2023-09), 56家 in 2025-lead-goose
(2025-02); 小松全球智能制造产业基地 开工 (2023-03), a plan for 2026 with no status of its
own clause (2023-09), 签约 and 在建 (2024-01)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot
from tests.test_insight_window import data, insight  # noqa: F401
from tests.test_ui_window import prepared  # noqa: F401

from jining_archive.app import main
from jining_archive.extraction import Figure
from jining_archive.insight import FigureRow, Series, compare
from jining_archive.insight.tables import (
    SERIES_COLUMNS,
    STORY_COLUMNS,
    series_table,
    table_csv,
    table_xlsx,
)
from jining_archive.ui.insight_window import InsightWindow


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _csv(raw: bytes) -> list[dict[str, str]]:
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def _sheet(path: Path) -> list[dict[str, object]]:
    sheet = load_workbook(path).active
    assert sheet is not None
    header, *rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_compare_csv_to_stdout_and_xlsx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run_cli(capsys, "compare", "世界500强企业", "--csv", "-")
    assert code == 0 and "2 row(s) to standard output" in err
    table = _csv(out.encode("utf-8"))
    assert [(r["article_id"], r["text"], r["value"], r["difference"]) for r in table] == [
        ("2023-intl-parks", "21家", "21", ""),
        ("2025-lead-goose", "56家", "56", "35"),
    ]
    assert table[0]["date_estimated"] == "true" and table[1]["conflict"] == "false"
    code, out, _ = run_cli(capsys, "compare", "世界500强企业", "--xlsx", str(tmp_path / "c.xlsx"))
    assert code == 0 and str(tmp_path / "c.xlsx") in out
    rows = _sheet(tmp_path / "c.xlsx")
    assert [(r["text"], r["value"], r["difference"]) for r in rows] == [
        ("21家", 21, None),
        ("56家", 56, 35),
    ]


def test_series_csv_has_every_series(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, _ = run_cli(capsys, "series", "--csv", str(tmp_path / "s.csv"))
    assert code == 0
    table = _csv((tmp_path / "s.csv").read_bytes())
    keys = {(r["measure"], r["kind"], r["unit"]) for r in table}
    assert ("世界500强企业", "count", "家") in keys
    for key in keys:  # each series spans two or more articles
        articles = {r["article_id"] for r in table if (r["measure"], r["kind"], r["unit"]) == key}
        assert len(articles) >= 2


def test_project_story_csv_and_xlsx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, _ = run_cli(
        capsys, "project-story", "小松全球", "--csv", str(tmp_path / "p.csv"),
        "--xlsx", str(tmp_path / "p.xlsx"),
    )  # fmt: skip
    assert code == 0
    table = _csv((tmp_path / "p.csv").read_bytes())
    assert [(r["date"], r["status"], r["planned"]) for r in table] == [
        ("2023-03", "开工", ""),
        ("2023-09", "", "2026"),  # no status in its own clause (see test_insight.py)
        ("2024-01", "签约", ""),
        ("2024-01", "在建", ""),
    ]
    assert {r["project"] for r in table} == {"小松全球智能制造产业基地"}
    assert "1万台" in table[1]["figures"]
    rows = _sheet(tmp_path / "p.xlsx")
    assert [r["status"] for r in rows] == ["开工", None, "签约", "在建"]
    assert list(rows[0]) == list(STORY_COLUMNS)


def test_table_exports_fail_with_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for argv in (
        ["series", "--xlsx", "-"],
        ["compare", "世界500强企业", "--xlsx", "-"],
        ["project-story", "小松全球", "--xlsx", "-"],
    ):
        code, _, err = run_cli(capsys, *argv)
        assert code == 2 and "--xlsx needs a file name" in err
    code, _, err = run_cli(
        capsys, "project-story", "小松全球", "--csv", str(tmp_path / "missing" / "p.csv")
    )
    assert code == 2 and "does not exist" in err
    assert not (tmp_path / "missing").exists()


def test_series_cells_never_run_as_formulas() -> None:
    figure = Figure("a", "b1", "5家", "count", 5, "家", None, "=HYPERLINK(1)", 0, 2)
    row = FigureRow(figure, "@SUM(A1)", "2024", False, None, "=HYPERLINK(1)", "text",
                    "=1+1 5家", 0, None, "家", 5)  # fmt: skip
    rows = series_table([compare(Series("=HYPERLINK(1)", "count", "家", [row]))])
    table = list(csv.reader(io.StringIO(table_csv(SERIES_COLUMNS, rows).decode("utf-8-sig"))))
    assert table[1][SERIES_COLUMNS.index("measure")] == "'=HYPERLINK(1)"
    assert table[1][SERIES_COLUMNS.index("title")] == "'@SUM(A1)"
    sheet = load_workbook(io.BytesIO(table_xlsx(SERIES_COLUMNS, rows, "series"))).active
    assert sheet is not None
    cell = sheet.cell(row=2, column=SERIES_COLUMNS.index("sentence") + 1)
    assert (cell.value, cell.data_type) == ("=1+1 5家", "s")


@pytest.mark.gui
def test_window_exports_the_series_shown(
    qtbot: QtBot,
    insight: InsightWindow,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = insight.series
    insight.show_series("世界500强企业")
    assert view.comparison is not None
    target = tmp_path / "series.csv"
    monkeypatch.setattr(
        "jining_archive.ui.table_export.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(target), ""),
    )
    view.csv_button.click()
    table = _csv(target.read_bytes())
    assert [(r["text"], r["difference"]) for r in table] == [("21家", ""), ("56家", "35")]
    assert str(target) in view.status.text()
    assert view.export_table_to(tmp_path / "series", "xlsx")
    assert [r["text"] for r in _sheet(tmp_path / "series.xlsx")] == ["21家", "56家"]
    assert not view.export_table_to(tmp_path / "gone" / "s.csv", "csv")
    assert "不存在" in view.message and not (tmp_path / "gone").exists()


@pytest.mark.gui
def test_window_exports_the_story_shown(
    qtbot: QtBot,
    insight: InsightWindow,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    insight.show_story("小松全球智能制造产业基地")
    story = insight.story
    target = tmp_path / "story.xlsx"
    monkeypatch.setattr(
        "jining_archive.ui.table_export.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(target), ""),
    )
    story.xlsx_button.click()
    rows = _sheet(target)
    assert [(r["date"], r["status"]) for r in rows] == [
        ("2023-03", "开工"),
        ("2023-09", None),
        ("2024-01", "签约"),
        ("2024-01", "在建"),
    ]
    assert story.export_table_to(tmp_path / "story.csv", "csv")
    assert _csv((tmp_path / "story.csv").read_bytes())[0]["status"] == "开工"
