"""The article timeline: the bundled reports in date order with their estimated dates
marked and explained, undated articles kept apart, and a click that opens an article."""

from __future__ import annotations

import dataclasses

import pytest
from pytestqt.qtbot import QtBot

from jining_archive.insight.timeline import article_timeline, date_position
from jining_archive.library import Library

# From corpus/manifest.json: every bundled date is estimated from the text.
IN_DATE_ORDER = [
    ("2020-eight-roads", "2020-01"),
    ("2023-climb-higher", "2023-03"),
    ("2023-intl-parks", "2023-09"),
    ("2024-looking-back-2023", "2024-01"),
    ("2025-lead-goose", "2025-02"),
]


def test_date_positions_order_dates_of_any_precision() -> None:
    assert date_position("2023") == pytest.approx(2023.5, abs=0.05)  # a bare year: mid-July
    assert date_position("2023-01-01") == 2023.0
    assert date_position("2023-09") < date_position("2023-10-02") < date_position("2024")  # type: ignore[operator]
    assert date_position("") is None


def test_the_bundled_reports_in_date_order(library: Library) -> None:
    timeline = article_timeline(reversed(library.articles))
    assert [(e.article_id, e.date) for e in timeline.entries] == IN_DATE_ORDER
    assert all(e.date_estimated and e.date_note for e in timeline.entries)
    assert timeline.undated == []


def test_an_undated_article_is_kept_apart(library: Library) -> None:
    undated = dataclasses.replace(library.articles[0], id="no-date", date="")
    timeline = article_timeline([*library.articles, undated])
    assert timeline.undated == ["no-date"]
    assert len(timeline.entries) == len(library.articles)


@pytest.mark.gui
def test_the_timeline_tab_marks_estimates_and_opens_an_article(
    qtbot: QtBot, library: Library
) -> None:
    from jining_archive.ui.article_timeline import ArticleTimeline
    from jining_archive.ui.dates import estimate_reason

    view = ArticleTimeline()
    qtbot.addWidget(view)
    view.set_timeline(article_timeline(library.articles))
    placed = {
        int(p.data()): (item, p) for item in view._scatters for p in item.points()
    }  # one item per style: filled (a date given) and hollow (estimated)
    assert sorted(placed) == list(range(len(IN_DATE_ORDER)))
    xs = [placed[n][1].pos().x() for n in sorted(placed)]
    assert xs == sorted(xs)
    for n, (_item, point) in placed.items():
        hollow = point.brush().color().name() == "#ffffff"
        assert hollow == view.entries[n].date_estimated
    first = view.entries[0]
    tip = view.tooltip(first)
    assert first.title in tip and estimate_reason(first.date_note) in tip
    assert "单击打开文章" in tip
    item, third = placed[2]
    with qtbot.waitSignal(view.articleRequested) as opened:
        item.sigClicked.emit(item, [third], None)
    assert opened.args == ["2023-intl-parks"]
