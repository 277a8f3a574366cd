"""``series``, ``compare`` and ``project-story``: the archive seen across its articles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from jining_archive.cli import CommandError, print_json
from jining_archive.commands.articles import open_library
from jining_archive.commands.notes import open_store
from jining_archive.commands.output import how_written, is_stdout, write_stdout
from jining_archive.insight import (
    Comparison,
    FigureRow,
    Series,
    UnknownMeasureError,
    UnknownProjectError,
    compare,
    figure_rows,
    find_project,
    find_series,
    project_story,
    series_of,
)
from jining_archive.insight.amounts import format_amount, format_difference
from jining_archive.insight.amounts import number as _number
from jining_archive.insight.snapshots import series_snapshot, story_snapshot
from jining_archive.insight.tables import (
    SERIES_COLUMNS,
    STORY_COLUMNS,
    series_table,
    story_table,
    table_csv,
    table_xlsx,
)
from jining_archive.notes.destination import ExportError, shown, write_export
from jining_archive.notes.snapshot import Snapshot
from jining_archive.notes.store import NotesError
from jining_archive.notes.targets import insight_bookmark


def register(sub: argparse._SubParsersAction) -> None:
    """Add the subcommands."""
    p = sub.add_parser(
        "series", help="figures of the same measure across articles, by article date"
    )
    p.add_argument("--measure", metavar="M", help="only this measure (all its units)")
    p.add_argument("--json", action="store_true", help="print JSON")
    _table_options(p)
    _bookmark_options(p, "each series of --measure (one bookmark per unit)")
    p.set_defaults(handler=cmd_series)
    p = sub.add_parser(
        "compare", help="a measure's values report by report, the differences and conflicts"
    )
    p.add_argument("measure", metavar="MEASURE")
    p.add_argument("--json", action="store_true", help="print JSON")
    _table_options(p)
    _bookmark_options(p, "the comparison (one bookmark per unit)")
    p.set_defaults(handler=cmd_compare)
    p = sub.add_parser(
        "project-story", help="a named project's mentions in date order, with status and figures"
    )
    p.add_argument("name", metavar="NAME", help="the project's name, an alias or part of one")
    p.add_argument("--json", action="store_true", help="print JSON")
    _table_options(p)
    _bookmark_options(p, "the story")
    p.set_defaults(handler=cmd_project_story)


def _table_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--csv", type=Path, metavar="FILE", help="save as CSV (UTF-8 with BOM; - for stdout)"
    )
    p.add_argument("--xlsx", type=Path, metavar="FILE", help="save as an Excel workbook")


def _bookmark_options(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--bookmark",
        action="store_true",
        help=f"keep {what} in your notes, as a table citing its articles",
    )
    p.add_argument("--note", default="", help="with --bookmark: the note")
    p.add_argument("--tag", action="append", default=[], help="with --bookmark: a tag (repeatable)")
    p.add_argument(
        "--shared", action="store_true", help="with --bookmark: share it (on a team server)"
    )


def _save_bookmarks(args: argparse.Namespace, snapshots: list[Snapshot]) -> None:
    """Keep each snapshot as an insight bookmark and say which."""
    with open_store() as store:
        for snapshot in snapshots:
            try:
                saved = store.add(
                    insight_bookmark(snapshot, note=args.note, tags=args.tag), shared=args.shared
                )
            except NotesError as exc:
                raise CommandError(str(exc)) from None
            print(
                f"added bookmark #{saved.id} (insight): {snapshot.summary()}",
                file=sys.stderr if args.json or is_stdout(args.csv) else sys.stdout,
            )


def _check_bookmark_options(args: argparse.Namespace) -> None:
    if not args.bookmark and (args.note or args.tag or args.shared):
        raise CommandError("--note, --tag and --shared go with --bookmark")


def _check_table_options(args: argparse.Namespace) -> None:
    _check_bookmark_options(args)
    if is_stdout(args.xlsx):
        raise CommandError("--xlsx needs a file name (a workbook cannot go to standard output)")


def _save_table(
    args: argparse.Namespace, columns: tuple[str, ...], rows: list[list[Any]], sheet: str
) -> bool:
    """Write the table where --csv and --xlsx say; False when neither was given."""
    wanted = [(args.csv, "csv"), (args.xlsx, "xlsx")]
    if all(target is None for target, _ in wanted):
        return False
    for target, fmt in wanted:
        if target is None:
            continue
        data = table_csv(columns, rows) if fmt == "csv" else table_xlsx(columns, rows, sheet)
        if is_stdout(target):
            write_stdout(data)
            print(f"saved {len(rows)} row(s) to standard output", file=sys.stderr)
            continue
        try:
            written = write_export(target, data)
        except ExportError as exc:
            raise CommandError(str(exc)) from None
        print(f"saved {len(rows)} row(s) to {shown(written.path)}{how_written(written)}")
    return True


def point_json(row: FigureRow) -> dict[str, Any]:
    """One figure of a series as JSON."""
    f = row.figure
    return {
        "article_id": f.article_id,
        "title": row.article_title,
        "date": row.date,
        "date_estimated": row.date_estimated,
        "text": f.text,
        "value": _number(f.value),
        "qualifier": f.qualifier,
        "period": row.period,
        "block_id": f.block_id,
        "start": f.start,
        "end": f.end,
        "sentence": row.sentence,
    }


def series_json(series: Series) -> dict[str, Any]:
    """A series as JSON."""
    return {
        "measure": series.measure,
        "kind": series.kind,
        "unit": series.unit,
        "articles": series.articles,
        "points": [point_json(p) for p in series.points],
    }


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """A comparison as JSON."""
    return {
        **{k: v for k, v in series_json(comparison.series).items() if k != "points"},
        "steps": [
            {
                "from": point_json(s.before),
                "to": point_json(s.after),
                "difference": _number(s.difference),
                "ratio": s.ratio,
            }
            for s in comparison.steps
        ],
        "conflicts": [
            {
                "period": c.period,
                "values": [_number(v) for v in c.values],
                "figures": [point_json(r) for r in c.rows],
            }
            for c in comparison.conflicts
        ],
    }


def _measure_series(rows: list[FigureRow], measure: str) -> list[Series]:
    try:
        return find_series(rows, measure)
    except UnknownMeasureError as exc:
        raise CommandError(str(exc)) from None


def _point_text(row: FigureRow) -> str:
    date = ("~" if row.date_estimated else "") + row.date
    period = f"  (of {row.period})" if row.period is not None else ""
    return f"{date:<9} {row.figure.text:<12} {row.article_id} {row.figure.block_id}{period}"


def cmd_series(args: argparse.Namespace) -> int:
    """``series``: every series across two or more articles, or one measure's."""
    _check_table_options(args)
    rows = figure_rows(open_library())
    if args.bookmark and not args.measure:
        raise CommandError("--bookmark needs --measure (which series to keep)")
    found = _measure_series(rows, args.measure) if args.measure else series_of(rows)
    if args.bookmark:
        _save_bookmarks(args, [series_snapshot(compare(s)) for s in found])
    if _save_table(args, SERIES_COLUMNS, series_table(compare(s) for s in found), "series"):
        return 0
    if args.json:
        print_json([series_json(s) for s in found])
        return 0
    for series in found:
        print(f"{series.measure}  [{series.kind}, {series.unit}]  ×{len(series.points)} "
              f"in {len(series.articles)} article(s)")  # fmt: skip
        for point in series.points:
            print(f"    {_point_text(point)}")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """``compare MEASURE``: values side by side with the differences; conflicts flagged."""
    _check_table_options(args)
    comparisons = [compare(s) for s in _measure_series(figure_rows(open_library()), args.measure)]
    if args.bookmark:
        _save_bookmarks(args, [series_snapshot(c) for c in comparisons])
    if _save_table(args, SERIES_COLUMNS, series_table(comparisons), "compare"):
        return 0
    if args.json:
        print_json([comparison_json(c) for c in comparisons])
        return 0
    for comparison in comparisons:
        series = comparison.series
        print(f"{series.measure}  [{series.kind}, {series.unit}]")
        if not comparison.steps:
            print(f"    only one article reports it: {_point_text(series.points[0])}")
        for step in comparison.steps:
            before = format_amount(step.before.value, series.kind, series.unit)
            after = format_amount(step.after.value, series.kind, series.unit)
            change = format_difference(step.difference, series.kind, series.unit)
            print(f"    {step.before.date} {before} → {step.after.date} {after}  {change}")
        for conflict in comparison.conflicts:
            values = ", ".join(format_amount(v, series.kind, series.unit) for v in conflict.values)
            where = ", ".join(dict.fromkeys(r.article_id for r in conflict.rows))
            print(f"    conflict: {len(set(r.article_id for r in conflict.rows))} articles give "
                  f"different figures for {conflict.period}: {values} ({where})")  # fmt: skip
    return 0


def cmd_project_story(args: argparse.Namespace) -> int:
    """``project-story NAME``: the project's mentions in date order."""
    _check_table_options(args)
    library = open_library()
    try:
        project = find_project(library.projects(), args.name)
    except UnknownProjectError as exc:
        raise CommandError(str(exc)) from None
    story = project_story(project, {a.id: a for a in library.articles}, figure_rows(library))
    if args.bookmark:
        _save_bookmarks(args, [story_snapshot(story)])
    if _save_table(args, STORY_COLUMNS, story_table(story), "project-story"):
        return 0
    if args.json:
        print_json(
            {
                "name": story.name,
                "aliases": story.aliases,
                "stages": story.stages,
                "latest_stage": story.latest_stage,
                "events": [
                    {
                        "article_id": e.article_id,
                        "title": e.article_title,
                        "date": e.date,
                        "date_estimated": e.date_estimated,
                        "status": e.status,
                        "planned": e.planned,
                        "text": e.text,
                        "block_id": e.block_id,
                        "start": e.start,
                        "end": e.end,
                        "sentence": e.sentence,
                        "figures": [
                            {
                                "text": r.figure.text,
                                "kind": r.kind,
                                "value": _number(r.value),
                                "unit": r.unit,
                                "measure": r.measure,
                            }
                            for r in e.figures
                        ],
                    }
                    for e in story.events
                ],
            }
        )
        return 0
    aliases = f"  (also: {', '.join(story.aliases)})" if story.aliases else ""
    print(f"{story.name}{aliases}")
    if story.stages:
        print(f"  stages: {' → '.join(story.stages)}")
    for e in story.events:
        date = ("~" if e.date_estimated else "") + e.date
        status = e.status or "-"
        if e.planned:
            status += f" (planned for {', '.join(map(str, e.planned))})"
        print(f"  {date:<9} {status:<6} {e.article_id} {e.block_id}  {e.text}")
        if e.figures:
            print(f"            figures: {'、'.join(r.figure.text for r in e.figures)}")
        print(f"            {e.sentence}")
    return 0
