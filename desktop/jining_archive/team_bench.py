"""Team benchmark: the same generated archive on the desktop back end and on a
PostgreSQL server, in one run.

    python -m jining_archive.team_bench --server URL [--articles 10000] [--work DIR] [--json]
        [--queries-only]

``URL`` is a database set up with ``jining-archive server-init``, as a member who may
import (its archive is replaced). The archive is generated from the bundled texts
(:func:`jining_archive.import_bench.generate`) and imported into a fresh desktop data
folder and into the server; then the same 200 queries as the scale benchmark
(:func:`jining_archive.scale_bench.make_queries`) run on both, 50 hits each. Reported:
import throughput (articles per second, parsing included), the search build, query
p50 / p95 / max, and whether both back ends found the same blocks for every query.
It is a benchmark, not a test; the figures depend on the machine and the server.
``--queries-only`` times the queries again on the archives a run left in ``--work``
and on the server, without importing anything.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from jining_archive import paths
from jining_archive.import_bench import generate
from jining_archive.library import Library
from jining_archive.scale_bench import _latency, make_queries
from jining_archive.storage.server import connect
from jining_archive.storage.server.catalogue import ServerCatalogue
from jining_archive.storage.server.search import ServerSearch


def _empty_server(url: str) -> None:
    with connect(url, autocommit=True) as conn, conn.transaction():
        for table in ("bookmarks", "edits", "removed_bundled", "derived", "articles"):
            conn.execute(f"DELETE FROM {table}")


def run(
    url: str, count: int, work: Path, rounds: int, queries_only: bool = False
) -> dict[str, Any]:
    files = work / "files"
    if not files.is_dir() and not queries_only:
        generate(files, count)
    report: dict[str, Any] = {"articles": count, "machine": platform.machine()}

    paths.set_home(work / "desktop")
    try:
        desktop = Library.open()
        report["desktop"] = {"import_per_s": "-", "index_build_s": "-"}
        if not queries_only:
            started = time.perf_counter()
            desktop.import_paths([files])
            seconds = time.perf_counter() - started
            started = time.perf_counter()
            desktop.prepare_search()
            report["desktop"] = {
                "import_per_s": round(count / seconds, 1),
                "index_build_s": round(time.perf_counter() - started, 1),
            }
        report["articles"] = len(desktop.articles)
        by_id = {a.id: a for a in desktop.articles}
        blocks = [b.text for a in desktop.articles for b in a.blocks]
        queries = [q for _, q in make_queries(blocks)]
        index = desktop.search_index()
        report["desktop"].update(
            _latency(lambda q: index.search(q, 50, articles=by_id), queries, rounds)
        )

        server = ServerSearch(url)
        report["server"] = {"import_per_s": "-", "index_build_s": "-"}
        if not queries_only:
            _empty_server(url)
            on_server = Library.open(catalogue=ServerCatalogue(url))
            started = time.perf_counter()
            on_server.import_paths([files])
            seconds = time.perf_counter() - started
            started = time.perf_counter()
            server.ensure(on_server.articles)
            report["server"] = {
                "import_per_s": round(count / seconds, 1),
                "index_build_s": round(time.perf_counter() - started, 1),
            }
        report["server"].update(
            _latency(lambda q: server.search(q, 50, articles=by_id), queries, rounds)
        )
        same = 0
        for query in queries:
            mine = index.search(query, 1_000_000, articles=by_id)
            theirs = server.search(query, 1_000_000, articles=by_id)
            if {(h.article_id, h.block_id) for h in mine.hits} == {
                (h.article_id, h.block_id) for h in theirs.hits
            }:
                same += 1
        report["same_blocks"] = f"{same}/{len(queries)}"
        report["blocks"] = len(blocks)
        server.close()
    finally:
        paths.set_home(None)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jining_archive.team_bench")
    parser.add_argument("--server", required=True, metavar="URL")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--work", type=Path, help="keep the generated files here")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--queries-only",
        action="store_true",
        help="time the queries on the archives an earlier run left in --work and the server",
    )
    args = parser.parse_args(argv)
    if args.queries_only and not (args.work and (args.work / "desktop").is_dir()):
        parser.error("--queries-only needs the --work folder of an earlier run")
    work = args.work or Path(tempfile.mkdtemp(prefix="jining-team-bench-"))
    report = run(args.server, args.articles, work, args.rounds, args.queries_only)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(f"{report['articles']} articles, {report['blocks']} blocks")
    print(f"{'':10} {'import/s':>9} {'build s':>8} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")
    for name in ("desktop", "server"):
        r = report[name]
        print(
            f"{name:10} {r['import_per_s']:>9} {r['index_build_s']:>8} {r['p50_ms']:>7} "
            f"{r['p95_ms']:>7} {r['max_ms']:>7}"
        )
    print(f"same blocks found for {report['same_blocks']} queries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
