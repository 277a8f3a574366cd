"""Publication dates: stated on the page, or estimated from the years a text reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from jining_archive.documents.corpus import read_manifest
from jining_archive.documents.dating import estimate_date, publication_line_date, stated_date

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("济宁高新区项目签约\n发布时间：2024-02-26 10:30", "2024-02-26"),
        ("标题\n2012/8/2", "2012-08-02"),
        ("标题\n2024.02.26 来源：本站", "2024-02-26"),
        ("济宁高新区召开会议\n2024年2月26日", "2024-02-26"),
        ("标题\n来源：济宁日报 2024-02-26", "2024-02-26"),
        ("标题\n日期：２０２４－０２－２６", "2024-02-26"),  # full-width digits
        ("标题\n發布時間：2023-06-11", "2023-06-11"),  # traditional labels
        ("标题\n发布时间：2024-02-30", ""),  # no such day
        ("标题\n2024-13-01", ""),
        ("2023年7月3日,济宁高新区实验学校交接仪式举行。", ""),  # a body sentence
        ("没有日期的文本。", ""),
    ],
)
def test_stated_date(text: str, expected: str) -> None:
    assert stated_date(text) == expected


def test_labelled_line_wins_over_a_date_line() -> None:
    text = "标题\n2019-01-01\n发布日期：2019-09-24 09:26"
    assert stated_date(text) == "2019-09-24"


def test_publication_line_date() -> None:
    assert publication_line_date("招商引资 2022-02-25 15:40济宁市人民政府网") == "2022-02-25"
    assert publication_line_date("2015-06-13 2293") == "2015-06-13"
    assert publication_line_date("2023年12月9日,全市下半年绿色低碳高质量发展项目观摩。") == ""


def test_estimate_from_results_and_plans() -> None:
    text = "2023年，全区实现营业收入100亿元，同比增长8%。2024年，济宁高新区将继续攻坚。"
    assert estimate_date(text) == (
        "2024",
        "latest year in text is 2023; looks ahead to 2024, so 2024",
    )


def test_estimate_from_december_results() -> None:
    date, reason = estimate_date("截至2024年12月底，累计签约项目30个。2025年将再接再厉。")
    assert date == "2025-01"
    assert "results up to 2024年12月" in reason


def test_estimate_with_a_month_and_no_look_ahead() -> None:
    assert estimate_date("2022年8月，项目建成投产。")[0] == "2022-08"


def test_plan_words_do_not_count_as_results() -> None:
    # 预计 2026 is a plan; the report is of 2022.
    text = "2022年，完成投资50亿元。基地预计在2026年3月底建设完成。"
    assert estimate_date(text)[0] == "2022"


def test_estimate_without_a_year() -> None:
    assert estimate_date("今年以来，高新区项目建设提速。") == ("", "")


@pytest.mark.parametrize("entry", read_manifest(CORPUS), ids=lambda e: e.id)
def test_estimate_agrees_with_the_manifest(entry) -> None:  # type: ignore[no-untyped-def]
    if not entry.date_estimated:
        pytest.skip("date stated")
    text = (CORPUS / entry.file).read_text(encoding="utf-8")
    date, reason = estimate_date(text)
    assert date[:4] == entry.date[:4], reason
    assert reason.startswith(("latest year in text is", "no results are dated"))
    if len(date) == 7 and len(entry.date) == 7:
        months = int(date[:4]) * 12 + int(date[5:])
        expected = int(entry.date[:4]) * 12 + int(entry.date[5:])
        assert abs(months - expected) <= 1, (date, entry.date)
