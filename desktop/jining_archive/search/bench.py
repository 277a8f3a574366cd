"""Search benchmark: index build speed, query latency and recall against grep.

Run ``python -m jining_archive.search.bench`` (``--help`` for options). It
builds, in temporary folders, the archive's index and, as the reference, a
plain Whoosh index whose one text field uses jieba's ``ChineseAnalyzer``
queried through Whoosh's ``QueryParser`` — the obvious build. Both index the
same blocks: the bundled articles repeated ``--copies`` times under new ids.
It prints build MB/s (UTF-8 bytes of block text per second), query latency
p50/p95 over a fixed query set, and each build's recall against grep (the
blocks whose folded text contains every word of the query).

This is a benchmark, not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jining_archive.documents.model import Article
from jining_archive.documents.normalise import fold
from jining_archive.library import Library
from jining_archive.search import SearchIndex
from jining_archive.search.analysis import load_jieba

#: The fixed query set: (query as typed, the fragments grep looks for).
QUERIES: list[str] = [
    # words a reader would type
    "小松",
    "济宁",
    "高新区",
    "鲁抗",
    "人才",
    "招商引资",
    "营商环境",
    "国际合作",
    "项目建设",
    "智能制造",
    "医药健康",
    "新能源",
    # fragments that cross jieba's word boundaries, or typing in progress
    "快马",
    "营商环",
    "市管",
    "新区管",
    "智能制造产",
    "签约落",
    "高质量发",
    "产业链企",
    # figures, Latin letters and digits
    "5G",
    "2023年",
    "亿元",
    "PM2.5",
    "万平方米",
    # traditional characters
    "濟寧",
    "高新區",
    "國際合作",
    # several words, phrases, operators, single characters
    "小松 基地",
    "济宁 项目 2023",
    '"国际合作园区"',
    "小松 OR 鲁抗",
    "高新区 NOT 小松",
    "港",
]


def _grep_terms(query: str) -> list[str] | None:
    """The fragments every hit must contain, for the plain AND queries; None for OR/NOT."""
    if " OR " in query or " NOT " in query:
        return None
    return [fold(part.strip('"')) for part in query.split()]


def bench_articles(library: Library, copies: int) -> list[Article]:
    """The bundled articles repeated ``copies`` times under new ids."""
    out = []
    for n in range(copies):
        for article in library.articles:
            out.append(replace(article, id=f"{article.id}~{n}") if n else article)
    return out


@dataclass
class BuildFigures:
    """What one build measured."""

    name: str
    seconds: float
    megabytes: float
    size_mb: float

    @property
    def mb_per_s(self) -> float:
        """Block text indexed per second."""
        return self.megabytes / self.seconds if self.seconds else 0.0


def _folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def _latencies(run: Callable[[str], Any], queries: list[str], rounds: int) -> list[float]:
    timings = []
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            run(query)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def _recall(
    results: dict[str, set[tuple[str, str]]], folded: dict[tuple[str, str], str]
) -> tuple[float, int, int]:
    """Mean recall against grep, queries with a miss, queries compared."""
    recalls, missed = [], 0
    for query, found in results.items():
        terms = _grep_terms(query)
        if terms is None:
            continue
        expected = {key for key, text in folded.items() if all(t in text for t in terms)}
        if not expected:
            continue
        recall = len(found & expected) / len(expected)
        recalls.append(recall)
        missed += recall < 1.0
    return (statistics.fmean(recalls) if recalls else 1.0), missed, len(recalls)


def run_bench(copies: int, rounds: int, workers: int) -> dict[str, Any]:
    """Build both indexes, run the queries, return the figures."""
    started = time.perf_counter()
    library = Library.open()
    articles = bench_articles(library, copies)
    blocks = [(a.id, b.id, b.text) for a in articles for b in a.blocks]
    megabytes = sum(len(text.encode("utf-8")) for _, _, text in blocks) / 1e6
    folded = {(aid, bid): fold(text) for aid, bid, text in blocks}
    figures: dict[str, Any] = {
        "copies": copies,
        "articles": len(articles),
        "blocks": len(blocks),
        "text_mb": round(megabytes, 3),
        "queries": len(QUERIES),
        "rounds": rounds,
        "workers": workers,
    }
    t = time.perf_counter()
    load_jieba()
    figures["jieba_load_s"] = round(time.perf_counter() - t, 2)

    tmp = Path(tempfile.mkdtemp(prefix="jining-bench-"))
    try:
        # --- this archive's index ---
        index = SearchIndex(tmp / "archive")
        index.workers = workers
        t = time.perf_counter()
        index.ensure(articles)
        ours = BuildFigures(
            "archive", time.perf_counter() - t, megabytes, _folder_mb(tmp / "archive")
        )
        by_id = {a.id: a for a in articles}
        t = time.perf_counter()
        index.search(QUERIES[0], articles=by_id)
        first_query_ms = (time.perf_counter() - t) * 1000
        ours_times = _latencies(lambda q: index.search(q, articles=by_id), QUERIES, rounds)
        ours_sets = {
            q: {(h.article_id, h.block_id) for h in index.search(q, limit=10**9).hits}
            for q in QUERIES
        }
        index.close()

        # --- the reference: plain Whoosh + jieba's ChineseAnalyzer ---
        t = time.perf_counter()
        from jieba.analyse import ChineseAnalyzer
        from whoosh import fields
        from whoosh import index as whoosh_index
        from whoosh.qparser import QueryParser

        figures["jieba_analyse_import_s"] = round(time.perf_counter() - t, 2)
        schema = fields.Schema(
            article_id=fields.ID(stored=True),
            block_id=fields.ID(stored=True),
            content=fields.TEXT(analyzer=ChineseAnalyzer()),
        )
        (tmp / "reference").mkdir()
        ref_ix = whoosh_index.create_in(str(tmp / "reference"), schema)
        t = time.perf_counter()
        writer = ref_ix.writer(limitmb=256)
        for aid, bid, text in blocks:
            writer.add_document(article_id=aid, block_id=bid, content=text)
        writer.commit()
        ref = BuildFigures(
            "reference", time.perf_counter() - t, megabytes, _folder_mb(tmp / "reference")
        )
        parser = QueryParser("content", schema)
        with ref_ix.searcher() as searcher:

            def ref_search(query: str, limit: int | None = 50) -> set[tuple[str, str]]:
                hits = searcher.search(parser.parse(query), limit=limit)
                return {(h["article_id"], h["block_id"]) for h in hits}

            ref_times = _latencies(ref_search, QUERIES, rounds)
            ref_sets = {q: ref_search(q, limit=None) for q in QUERIES}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    for build, times, sets in ((ours, ours_times, ours_sets), (ref, ref_times, ref_sets)):
        recall, missed, compared = _recall(sets, folded)
        figures[build.name] = {
            "build_s": round(build.seconds, 2),
            "build_mb_per_s": round(build.mb_per_s, 3),
            "index_mb": round(build.size_mb, 2),
            "query_p50_ms": round(_percentile(times, 50), 2),
            "query_p95_ms": round(_percentile(times, 95), 2),
            "query_max_ms": round(max(times), 2),
            "recall_vs_grep": round(recall, 3),
            "queries_missing_blocks": f"{missed}/{compared}",
        }
    figures["archive"]["first_query_ms"] = round(first_query_ms, 1)
    figures["total_s"] = round(time.perf_counter() - started, 1)
    return figures


def _print(figures: dict[str, Any]) -> None:
    print(
        f"corpus: bundled articles x{figures['copies']} = {figures['articles']} articles, "
        f"{figures['blocks']} blocks, {figures['text_mb']} MB of text; "
        f"{figures['queries']} queries x {figures['rounds']} rounds; "
        f"{figures['workers']} segmenting process(es)"
    )
    print(
        f"jieba dictionary load {figures['jieba_load_s']} s; "
        f"import jieba.analyse {figures['jieba_analyse_import_s']} s (reference only)"
    )
    columns = [
        ("build MB/s", "build_mb_per_s"),
        ("build s", "build_s"),
        ("index MB", "index_mb"),
        ("query p50 ms", "query_p50_ms"),
        ("query p95 ms", "query_p95_ms"),
        ("query max ms", "query_max_ms"),
        ("recall vs grep", "recall_vs_grep"),
        ("queries missing blocks", "queries_missing_blocks"),
    ]
    names = [
        ("this archive (jieba words + grams)", "archive"),
        ("plain Whoosh + ChineseAnalyzer", "reference"),
    ]
    width = max(len(label) for label, _ in columns)
    print(f"{'':<{width}}  " + "  ".join(f"{name:>34}" for name, _ in names))
    for label, key in columns:
        row = "  ".join(f"{figures[name][key]!s:>34}" for _, name in names)
        print(f"{label:<{width}}  {row}")
    print(
        f"first query after opening: {figures['archive']['first_query_ms']} ms; "
        f"whole run {figures['total_s']} s"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(
        prog="python -m jining_archive.search.bench", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--copies", type=int, default=20, help="repeat the articles N times")
    parser.add_argument("--rounds", type=int, default=5, help="times each query is run")
    parser.add_argument(
        "--workers", type=int, default=1, help="processes segmenting the text (default 1)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    if args.copies < 1 or args.rounds < 1:
        parser.error("--copies and --rounds must be 1 or more")
    figures = run_bench(args.copies, args.rounds, args.workers)
    if args.json:
        json.dump(figures, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
