"""Insight across the archive: figure rows, sorting by value, series, comparisons and
project stories. Expectations are read from the bundled texts (corpus/articles)."""

from __future__ import annotations

import pytest

from jining_archive.extraction import Figure
from jining_archive.insight import (
    FigureFilter,
    FigureRow,
    UnknownMeasureError,
    UnknownProjectError,
    compare,
    figure_rows,
    find_project,
    find_series,
    project_story,
    series_of,
    sort_by_value,
)
from jining_archive.insight.rows import filter_rows


@pytest.fixture(scope="module")
def rows(library):  # type: ignore[no-untyped-def]
    """Every figure row of the bundled archive."""
    return figure_rows(library)


def _row(article: str, date: str, measure: str, kind: str, unit: str, value: float,
         period: int | None = None, start: int = 0) -> FigureRow:  # fmt: skip
    figure = Figure(article, "b1", f"{value}{unit}", kind, value, unit, None, measure,
                    start, start + 3)  # fmt: skip
    return FigureRow(figure, article, date, False, None, measure, "text", "", start, period,
                     unit, value)  # fmt: skip


def test_every_figure_becomes_a_row_with_its_sentence(library, rows) -> None:  # type: ignore[no-untyped-def]
    """One row per figure; the sentence around it holds it and comes from its article."""
    assert len(rows) == len(library.figures())
    for row in rows:
        article = library.article(row.article_id)
        assert row.figure.text in row.sentence
        assert article.text[row.sentence_start :].startswith(row.sentence)
        assert row.date == article.date and row.article_title == article.title


def test_counts_measure_what_they_count(rows) -> None:  # type: ignore[no-untyped-def]
    """2023-intl-parks: 21家世界500强企业、29家中国100强企业; 2025-lead-goose: 21个国家和地区,
    56家世界500强企业."""
    found = {(r.article_id, r.figure.text): r.measure for r in rows if r.kind == "count"}
    assert found[("2023-intl-parks", "21家")] == "世界500强企业"
    assert found[("2023-intl-parks", "29家")] == "中国100强企业"
    assert found[("2025-lead-goose", "56家")] == "世界500强企业"
    assert found[("2025-lead-goose", "21个")] == "国家和地区"


def test_money_sorted_by_value(rows) -> None:  # type: ignore[no-untyped-def]
    """总投资1306亿元 (2023-climb-higher) above 进出口总额221.2亿元 (2023-intl-parks) above
    总投资7.6亿元 (2020) above 创新基金1亿元; every money row no larger than the one before."""
    money = [r for r in sort_by_value(rows) if r.kind == "money"]
    values = [r.value for r in money]
    assert values == sorted(values, reverse=True)
    texts = [r.figure.text for r in money]
    assert texts.index("1306亿元") < texts.index("221.2亿元") < texts.index("7.6亿元")
    assert texts.index("7.6亿元") < texts.index("1亿元")


def test_areas_in_mu_and_square_metres_sort_together(rows) -> None:  # type: ignore[no-untyped-def]
    """The nine areas of the texts; 1亩 = 10000/15 m², so 2万亩 (13.3 million m²) stands
    between 2000万平方米 and 1000万平方米, and 30亩 (20,000 m²) above 1.2万平方米."""
    areas = [r.figure.text for r in sort_by_value(rows) if r.kind == "area"]
    assert areas == ["2000万平方米", "2万亩", "1000万平方米", "1.2万亩", "70万平方米",
                     "60万平方米", "40万平米", "30亩", "1.2万平方米"]  # fmt: skip
    ascending = [r.figure.text for r in sort_by_value(rows, descending=False) if r.kind == "area"]
    assert ascending == list(reversed(areas))


def test_sorting_never_interleaves_units_that_do_not_convert(rows) -> None:  # type: ignore[no-untyped-def]
    """All figures of one kind and base unit stand together (家 apart from 个)."""
    groups = [r.comparable for r in sort_by_value(rows)]
    runs = [g for n, g in enumerate(groups) if n == 0 or groups[n - 1] != g]
    assert len(runs) == len(set(runs))
    assert ("count", "家") in runs and ("count", "个") in runs


def test_filters(rows) -> None:  # type: ignore[no-untyped-def]
    """The money of the two 2023 reports: 1306亿元 and 1亿元 (climb-higher), 百亿元,
    221.2亿元, 5000万元 and 1亿元 (intl-parks)."""
    money_2023 = filter_rows(rows, FigureFilter(kind="money", year=2023))
    assert sorted(r.figure.text for r in money_2023) == sorted(
        ["1306亿元", "1亿元", "百亿元", "221.2亿元", "5000万元", "1亿元"]
    )
    exports = filter_rows(rows, FigureFilter(measure="进出口总额"))
    assert [(r.figure.text, r.period) for r in exports] == [("221.2亿元", 2022)]
    assert {r.article_id for r in filter_rows(rows, FigureFilter(text="小松"))} >= {
        "2023-climb-higher", "2023-intl-parks"}  # fmt: skip
    assert not filter_rows(rows, FigureFilter(text="没有这句话"))
    # 2023-climb-higher is the one article from the zone's publicity department.
    publicity = filter_rows(rows, FigureFilter(kind="money", source="山东济宁高新区党工委宣传部"))
    assert [r.figure.text for r in publicity] == ["1306亿元", "1亿元"]
    daily = filter_rows(rows, FigureFilter(kind="money", source="济宁日报"))
    assert daily and "1306亿元" not in {r.figure.text for r in daily}


def test_world_top_500_is_one_series_with_its_change(rows) -> None:  # type: ignore[no-untyped-def]
    """21家 (2023-09) → 56家 (2025-02): +35."""
    (series,) = find_series(rows, "世界500强企业")
    assert (series.kind, series.unit) == ("count", "家")
    assert [(p.article_id, p.value) for p in series.points] == [
        ("2023-intl-parks", 21), ("2025-lead-goose", 56)]  # fmt: skip
    comparison = compare(series)
    assert [(s.before.value, s.after.value, s.difference) for s in comparison.steps] == [
        (21, 56, 35)
    ]
    assert comparison.conflicts == []
    assert series in series_of(rows)


def test_countries_series_goes_down(rows) -> None:  # type: ignore[no-untyped-def]
    """30多个国家和地区 (2023-09) → 21个国家和地区 (2025-02): −9."""
    (series,) = find_series(rows, "国家和地区")
    step = compare(series).steps[0]
    assert (step.before.figure.qualifier, step.difference) == ("多", -9)


def test_series_never_mix_kinds_or_units() -> None:
    """The same measure in 元, in 美元 and as a count makes three series."""
    made = [
        _row("a", "2022", "总投资", "money", "元", 1e8),
        _row("b", "2023", "总投资", "money", "元", 3e8),
        _row("a", "2022", "总投资", "money", "美元", 5e6, start=10),
        _row("b", "2023", "总投资", "money", "美元", 6e6, start=10),
        _row("a", "2022", "总投资", "count", "个", 3, start=20),
        _row("b", "2023", "总投资", "count", "个", 4, start=20),
    ]
    found = series_of(made)
    assert sorted((s.kind, s.unit, len(s.points)) for s in found) == [
        ("count", "个", 2), ("money", "元", 2), ("money", "美元", 2)]  # fmt: skip
    for series in found:
        assert len({(p.kind, p.unit) for p in series.points}) == 1


def test_conflicting_figures_for_one_period_are_flagged() -> None:
    """Two reports giving different totals for 2022 conflict; the same total, or totals
    for different years, do not."""
    made = [
        _row("a", "2023-01", "进出口总额", "money", "元", 2.0e10, period=2022),
        _row("b", "2024-01", "进出口总额", "money", "元", 2.2e10, period=2022),
        _row("b", "2024-01", "进出口总额", "money", "元", 3.0e10, period=2023, start=9),
        _row("c", "2025-01", "进出口总额", "money", "元", 3.0e10, period=2023),
    ]
    (series,) = series_of(made)
    comparison = compare(series)
    assert [(c.period, c.values) for c in comparison.conflicts] == [(2022, [2.0e10, 2.2e10])]
    assert [s.difference for s in comparison.steps] == [2.0e9, 8.0e9]  # a → b's first → c


def test_unknown_measure_suggests_near_ones(rows) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownMeasureError) as caught:
        find_series(rows, "500强")
    assert "世界500强企业" in caught.value.suggestions
    assert "500强" in str(caught.value)


def test_komatsu_project_story(library, rows) -> None:  # type: ignore[no-untyped-def]
    """小松全球智能制造产业基地: 2023-03 加快推进…开工建设 in the sentence of 总投资1306亿元 and
    年产2000万平方米; 2023-09 "共同打造小松全球智能制造产业基地，基地预计在2026年3月底建设
    完成": the mention's own clause gives no status (a status never comes from a later
    clause), but its sentence plans 2026, with 年产…1万台 and 产值逾百亿元; 2024-01
    签署…合作协议 (签约), then the 推进会 at the site (在建)."""
    project = find_project(library.projects(), "小松全球智能制造产业基地项目")
    story = project_story(project, {a.id: a for a in library.articles}, rows)
    assert [(e.date, e.status) for e in story.events] == [
        ("2023-03", "开工"),
        ("2023-09", None),
        ("2024-01", "签约"),
        ("2024-01", "在建"),
    ]
    first, plan = story.events[0], story.events[1]
    assert {"1306亿元", "2000万平方米"} <= {r.figure.text for r in first.figures}
    assert first.planned == []
    assert plan.planned == [2026]
    assert {"1万台", "百亿元"} <= {r.figure.text for r in plan.figures}
    assert all(r.kind != "date" for e in story.events for r in e.figures)
    assert story.stages == ["开工", "签约", "在建"]
    assert story.latest_stage == "在建"


def test_find_project_by_part_of_the_name_or_not_at_all(library) -> None:  # type: ignore[no-untyped-def]
    projects = library.projects()
    assert find_project(projects, "小松全球").name == "小松全球智能制造产业基地"
    with pytest.raises(UnknownProjectError) as caught:
        find_project(projects, "小松")
    assert "小松全球智能制造产业基地" in caught.value.candidates
    assert "several" in str(caught.value)
    with pytest.raises(UnknownProjectError):
        find_project(projects, "月球基地")


def test_amounts_are_written_as_the_reports_write_them() -> None:
    from jining_archive.insight.amounts import format_amount, format_difference

    assert format_amount(130_600_000_000, "money", "元") == "1306亿元"
    assert format_amount(12_000, "area", "平方米") == "1.2万平方米"
    assert format_amount(56, "count", "家") == "56家"
    assert format_difference(35, "count", "家") == "+35家"
    assert format_difference(-9, "count", "个") == "−9个"
    assert format_difference(2.5, "percent", "%") == "+2.5个百分点"


@pytest.mark.parametrize("run", [1, 3, 4, 1000])
def test_text_search_and_sorts_work_across_runs(run: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The table joins texts and sorts keys in runs (so that no single call holds the
    interpreter long); a needle is found in every text that holds it, whichever run
    the text is in, and the merged order is the stable sort's."""
    from jining_archive.insight import table as table_module

    monkeypatch.setattr(table_module, "SORT_RUN", run)
    texts = ["甲乙丙", "", "乙丙丁乙丙", "丙", "丁甲乙", "乙", "甲乙", "", "乙丙", "丙乙"]
    joined = table_module._Joined(texts)
    for needle in ["乙丙", "乙", "甲乙", "丁", "戊", "丙乙"]:
        assert joined.containing(needle) == [n for n, t in enumerate(texts) if needle in t]
    assert joined.containing("") == []
    keys = [3, 1, 2, 1, 3, 0, 2, 1, 0, 3]
    rows = list(range(len(keys)))
    order = table_module._sorted_by(rows, lambda r: keys[r])  # type: ignore[arg-type]
    assert order == sorted(rows, key=lambda r: keys[r])
    assert table_module._array(order, "int32").tolist() == order
