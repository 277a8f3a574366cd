"""``figures``, ``projects``, ``organizations`` and ``extraction-quality``."""

from __future__ import annotations

import argparse
import sys
import time
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jining_archive.cli import CommandError, print_json
from jining_archive.commands.articles import get_article, open_library
from jining_archive.extraction import (
    KINDS,
    Figure,
    NamedEntity,
    extract_entities,
    extract_figures,
    segment,
)
from jining_archive.extraction.quality import GoldError, default_gold_dir, evaluate, load_gold
from jining_archive.extraction.scoring import SetScores, load_file_gold, score_set
from jining_archive.insight.amounts import number

if TYPE_CHECKING:
    from jining_archive.insight import FigureRow
    from jining_archive.library import Library


def register(sub: argparse._SubParsersAction) -> None:
    """Add the subcommands."""
    p = sub.add_parser("figures", help="list the figures (money, percentages, counts, dates …)")
    p.add_argument("--article", metavar="ID", help="only this article")
    p.add_argument("--kind", choices=KINDS, help="only this kind of figure")
    p.add_argument(
        "--measure", metavar="M", help="only figures whose measure (or what they count) has M"
    )
    p.add_argument("--year", type=int, metavar="YYYY", help="only articles of this year")
    p.add_argument("--source", metavar="S", help="only articles from this source (济宁日报 …)")
    p.add_argument(
        "--sort",
        choices=("position", "value"),
        default="position",
        help="value: largest first within each kind and unit (default: article by article)",
    )
    p.add_argument(
        "--csv", type=Path, metavar="FILE", help="save as CSV (UTF-8 with BOM; - for stdout)"
    )
    p.add_argument("--xlsx", type=Path, metavar="FILE", help="save as an Excel workbook")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_figures)
    for name, help_text in (
        ("projects", "list the named projects, aliases grouped, with every mention"),
        ("organizations", "list the organisations, aliases grouped, with every mention"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--article", metavar="ID", help="only those mentioned in this article")
        p.add_argument("--json", action="store_true", help="print JSON")
        p.set_defaults(handler=cmd_entities, group=name)
    if getattr(sys, "frozen", False):
        # A developer's measure against tests/gold, which a packaged app does not carry.
        return
    p = sub.add_parser(
        "extraction-quality", help="precision and recall of the extraction against the gold"
    )
    p.add_argument("--gold", metavar="DIR", help="gold folder (default: tests/gold)")
    p.add_argument(
        "--other-gold",
        metavar="DIR",
        help="gold of reports from other sources, with the files (default: tests/gold/other)",
    )
    p.add_argument(
        "--only",
        metavar="GLOB",
        action="append",
        help="score only the other-sources reports whose id matches GLOB (repeatable)",
    )
    p.add_argument("--errors", action="store_true", help="list every disagreement")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_quality)


def figure_json(figure: Figure) -> dict[str, Any]:
    """One figure as JSON."""
    value: float | int | None = figure.value
    if value is not None and float(value).is_integer() and abs(value) < 2**53:
        value = int(value)
    return {
        "article_id": figure.article_id,
        "block_id": figure.block_id,
        "text": figure.text,
        "kind": figure.kind,
        "value": value,
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "measure": figure.measure,
        "start": figure.start,
        "end": figure.end,
        "date_basis": figure.date_basis or None,
    }


def entity_json(entity: NamedEntity, article_id: str | None = None) -> dict[str, Any]:
    """One project or organisation as JSON (mentions of one article if ``article_id``)."""
    return {
        "name": entity.name,
        "aliases": list(entity.aliases),
        "mentions": [
            {
                "article_id": m.article_id,
                "block_id": m.block_id,
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "status": m.status,
                "date": m.date,
            }
            for m in entity.mentions
            if article_id is None or m.article_id == article_id
        ],
    }


def _format_value(figure: Figure) -> str:
    if figure.value is None:
        return "-"
    return f"{figure.value:,.10g}"


def row_json(row: FigureRow) -> dict[str, Any]:
    """One figure row as JSON: the figure's fields and where it stands in the archive."""
    counted = row.measure if row.measure_from == "counted" else None
    return {
        **figure_json(row.figure),
        "counted": counted,
        "title": row.article_title,
        "date": row.date,
        "date_estimated": row.date_estimated,
        "period": row.period,
        "base_value": number(row.base_value),
        "base_unit": row.base_unit,
        "sentence": row.sentence,
    }


def _wants_rows(args: argparse.Namespace) -> bool:
    return bool(
        args.measure
        or args.year is not None
        or args.source
        or args.sort == "value"
        or args.csv
        or args.xlsx
    )


def _save(target: Path, data: bytes, count: int) -> None:
    from jining_archive.notes.destination import ExportError, shown, write_all, write_export

    try:
        if str(target) == "-":
            sys.stdout.flush()
            write_all(sys.stdout.fileno(), data, "standard output")
            where = "standard output"
        else:
            where = shown(write_export(target, data).path)
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    print(
        f"saved {count} figure(s) to {where}", file=sys.stderr if str(target) == "-" else sys.stdout
    )


def cmd_figure_rows(args: argparse.Namespace, library: Library, article_id: str | None) -> int:
    """``figures`` with --measure, --year, --sort value, --csv or --xlsx."""
    from jining_archive.insight import FigureFilter, figure_rows, sort_by_value
    from jining_archive.insight.rows import filter_rows
    from jining_archive.insight.tables import render_csv, render_xlsx

    if args.xlsx is not None and str(args.xlsx) == "-":
        raise CommandError("--xlsx needs a file name (a workbook cannot go to standard output)")
    wanted = FigureFilter(
        kind=args.kind or "", measure=args.measure or "", article_id=article_id or "",
        year=args.year, source=args.source or "",
    )  # fmt: skip
    all_rows = figure_rows(library)
    rows = filter_rows(all_rows, wanted)
    if args.measure and not rows and not filter_rows(all_rows, FigureFilter(measure=args.measure)):
        raise CommandError(f"no figure measures {args.measure!r}")
    if args.source and not any(r.source == args.source for r in all_rows):
        known = ", ".join(sorted({r.source for r in all_rows if r.source}))
        raise CommandError(f"no article is from {args.source!r}; sources: {known}")
    if args.sort == "value":
        rows = sort_by_value(rows)
    if args.csv is not None:
        _save(args.csv, render_csv(rows), len(rows))
    if args.xlsx is not None:
        _save(args.xlsx, render_xlsx(rows), len(rows))
    if args.csv is not None or args.xlsx is not None:
        return 0
    if args.json:
        print_json([row_json(r) for r in rows])
        return 0
    for row in rows:
        f = row.figure
        measure = f"  measure={row.measure}" if row.measure else ""
        print(
            f"{f.article_id} {f.block_id} {f.start}-{f.end}  {f.kind:<8} {f.text}  "
            f"= {_format_value(f)} {f.unit}{measure}".rstrip()
        )
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    """``figures``: one line (or JSON object) per figure."""
    library = open_library()
    article_id = get_article(library, args.article).id if args.article else None
    if _wants_rows(args):
        return cmd_figure_rows(args, library, article_id)
    figures = [f for f in library.figures(article_id) if args.kind in (None, f.kind)]
    if args.json:
        print_json([figure_json(f) for f in figures])
        return 0
    for f in figures:
        extras = "  ".join(
            part
            for part in (
                f"qualifier={f.qualifier}" if f.qualifier else "",
                f"measure={f.measure}" if f.measure else "",
            )
            if part
        )
        print(
            f"{f.article_id} {f.block_id} {f.start}-{f.end}  {f.kind:<8} {f.text}  "
            f"= {_format_value(f)} {f.unit}  {extras}".rstrip()
        )
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    """``projects`` and ``organizations``: each entity with its aliases and mentions."""
    library = open_library()
    article_id = get_article(library, args.article).id if args.article else None
    entities = library.projects() if args.group == "projects" else library.organizations()
    if article_id:
        entities = [e for e in entities if any(m.article_id == article_id for m in e.mentions)]
    if args.json:
        print_json([entity_json(e, article_id) for e in entities])
        return 0
    for entity in entities:
        mentions = [m for m in entity.mentions if article_id is None or m.article_id == article_id]
        aliases = f"  (also: {', '.join(entity.aliases)})" if entity.aliases else ""
        print(f"{entity.name}  ×{len(mentions)}{aliases}")
        for m in mentions:
            status = f"  [{m.status}]" if m.status else ""
            print(
                f"    {m.date:<10} {m.article_id} {m.block_id} {m.start}-{m.end}  {m.text}{status}"
            )
    return 0


def cmd_quality(args: argparse.Namespace) -> int:
    """``extraction-quality``: precision and recall per kind against the gold."""
    gold_dir = Path(args.gold) if args.gold else default_gold_dir()
    try:
        gold = load_gold(gold_dir)
    except GoldError as exc:
        raise CommandError(str(exc)) from None
    library = open_library()
    missing = [entry["article_id"] for entry in gold if entry["article_id"] not in library]
    if missing:
        raise CommandError(f"gold names articles the archive does not have: {', '.join(missing)}")
    library.load_bodies()  # the texts, read before the clock starts: it times extraction
    started = time.perf_counter()
    segment.load()
    loaded = time.perf_counter()
    figures = {a.id: extract_figures(a) for a in library.articles}
    projects, organizations = extract_entities(library.articles)
    extracted = time.perf_counter()
    report = evaluate(gold, lambda article_id: figures[article_id], projects, organizations)
    sets = [
        score_set("bundled", gold, library.article, figures.__getitem__, projects, organizations),
        _score_other(
            Path(args.other_gold) if args.other_gold else default_gold_dir() / "other", args.only
        ),
    ]
    timing = {
        "jieba_load_seconds": round(loaded - started, 3),
        "extraction_seconds": round(extracted - loaded, 3),
        "articles": len(library.articles),
        "characters": sum(len(a.text) for a in library.articles),
    }
    if args.json:
        print_json(
            {**report.as_json(), "sets": {s.name: s.as_json() for s in sets}, "timing": timing}
        )
        return 0
    print(f"gold: {gold_dir} ({', '.join(report.articles)})")
    print(f"{'':<16}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}")

    def row(name: str, score: Any) -> None:
        """One table row."""
        print(
            f"{name:<16}{score.true_positives:>5}{score.false_positives:>5}"
            f"{score.false_negatives:>5}{score.precision:>11.3f}{score.recall:>8.3f}"
        )

    row("figures", report.figures_all)
    for kind in KINDS:
        if kind in report.figures:
            row(f"  {kind}", report.figures[kind])
    for name, score in report.entities.items():
        row(name, score)
    for name, score in report.grouping.items():
        row(f"{name} grouping", score)
    print()
    for name, kinds in report.agreement.items():
        agree = sum(a for a, _ in kinds.values())
        compared = sum(c for _, c in kinds.values())
        detail = ", ".join(f"{kind} {a}/{c}" for kind, (a, c) in sorted(kinds.items()) if a != c)
        print(
            f"{name} agrees on {agree}/{compared} matched figures{'; ' + detail if detail else ''}"
        )
    for kind in ("money", "percent"):
        print(f"{kind} values exact: {'yes' if report.values_exact(kind) else 'NO'}")
    print(
        f"extraction of {timing['articles']} articles ({timing['characters']:,} characters): "
        f"{timing['extraction_seconds']:.3f} s after jieba loaded "
        f"(loading took {timing['jieba_load_seconds']:.3f} s)"
    )
    print()
    _print_sets(sets)
    if args.errors:
        print()
        for error in report.errors:
            print(f"  {error}")
        for scores in sets:
            print(f"\n{scores.name}:")
            for line in [*(f"silent wrong: {s}" for s in scores.silent_wrong), *scores.errors]:
                print(f"  {line}")
    return 0


def _score_other(gold_dir: Path, only: list[str] | None = None) -> SetScores:
    """The extraction scored on the gold of reports from other sources, read from their files;
    with ``only``, on the reports whose id matches one of those globs."""
    try:
        gold, articles = load_file_gold(gold_dir)
        if only:
            gold = [e for e in gold if any(fnmatch(str(e["article_id"]), g) for g in only)]
            if not gold:
                raise CommandError(f"no report of {gold_dir} matches {', '.join(only)}")
            articles = {e["article_id"]: articles[e["article_id"]] for e in gold}
        figures = {article_id: extract_figures(a) for article_id, a in articles.items()}
        projects, organizations = extract_entities(list(articles.values()))
        return score_set(
            "other sources",
            gold,
            articles.__getitem__,
            figures.__getitem__,
            projects,
            organizations,
        )
    except GoldError as exc:
        raise CommandError(str(exc)) from None


def _print_sets(sets: list[SetScores]) -> None:
    """The scores of each gold set side by side."""

    def ratio(r: Any) -> str:
        return f"{r.share:.3f} ({r.right}/{r.compared})"

    def pr(score: Any) -> str:
        return f"P {score.precision:.2f} R {score.recall:.2f}"

    rows: list[tuple[str, Any]] = [
        ("articles", lambda s: str(len(s.articles))),
        ("figure value recall", lambda s: ratio(s.values)),
        *(
            (f"  {kind}", lambda s, kind=kind: ratio(s.values_by_kind[kind]))
            for kind in ("money", "percent", "count", "area")
        ),
        ("silent wrong values", lambda s: str(len(s.silent_wrong))),
        ("measures exact", lambda s: ratio(s.measures_exact)),
        ("measures lenient", lambda s: ratio(s.measures_lenient)),
        ("measures not in gold", lambda s: str(s.measures_not_in_gold)),
        ("projects exact", lambda s: pr(s.projects_exact)),
        ("projects lenient", lambda s: pr(s.projects_lenient)),
        ("project statuses", lambda s: ratio(s.statuses)),
        ("statuses not in gold", lambda s: str(s.statuses_not_in_gold)),
        ("organisations exact", lambda s: pr(s.organizations_exact)),
        ("organisations lenient", lambda s: pr(s.organizations_lenient)),
    ]
    width = 22
    print(f"{'gold set':<{width}}" + "".join(f"{s.name:>22}" for s in sets))
    for label, cell in rows:
        cells = []
        for scores in sets:
            try:
                cells.append(f"{cell(scores):>22}")
            except KeyError:
                cells.append(f"{'-':>22}")
        print(f"{label:<{width}}" + "".join(cells))
