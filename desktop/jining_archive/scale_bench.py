"""Scale benchmark: this archive at 1,000 and 10,000 articles, beside its peers.

    python -m jining_archive.scale_bench [--sizes 1000 10000] [--keep DIR] [--json]

For each size it generates an archive from the bundled texts (see
:func:`jining_archive.import_bench.generated_articles`: paragraphs recombined,
numbers varied), imports it into a fresh data folder and prints, in one run
over the same blocks:

- full index build: seconds, MB/s of block text, index size on disk (and as a
  multiple of the text), for this archive, for plain Whoosh with jieba's
  ``ChineseAnalyzer`` and for SQLite FTS5 with the trigram tokenizer;
- query latency p50 / p95 / max and recall against grep over 200 queries
  (words, fragments of 2–6 characters, phrases, booleans, filters,
  traditional input, very common terms), for all three;
- first-page latency (50 hits) of the most common terms, with their match counts;
- adding and removing one article (import, extraction and index update);
- start-up to the painted window, and ``articles --json`` / ``search --json``
  as whole processes (medians of 3 warm runs);
- the window's peak memory and worst GUI-thread stall while it opens, a query
  is typed, a hit is opened, the figures table is scrolled and a file is
  imported (see :mod:`jining_archive.ui.stall_probe`).

It takes minutes at 1,000 articles and about half an hour at 10,000. It is a
benchmark, not a test; the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jining_archive import paths
from jining_archive.documents.model import Article
from jining_archive.documents.normalise import fold
from jining_archive.import_bench import _startup, generate
from jining_archive.library import Library
from jining_archive.search.query import (
    And,
    ArticleIs,
    Kind,
    Node,
    Not,
    Or,
    Text,
    Year,
    parse_query,
)

#: Words a reader of the zone's reports types (all occur in the bundled texts).
WORDS = [
    "小松", "鲁抗", "人才", "招商引资", "营商环境", "国际合作", "项目建设", "智能制造",
    "医药健康", "新能源", "科技创新", "产业园", "高端装备", "工程机械", "双招双引",
    "孵化器", "研发中心", "新材料", "数字经济", "生物医药", "开发区", "投资", "产值",
    "企业", "园区", "签约", "开工", "竣工", "投产", "税收", "就业", "创新", "平台",
    "基地", "集群", "改革", "服务", "市场", "技术", "亿元",
]  # fmt: skip
#: Very common terms: each matches a large share of all blocks.
COMMON = ["济宁", "高新区", "发展", "企业", "项目", "建设", "产业", "经济", "万元", "的"]
#: Fixed queries: fragments across jieba's word boundaries, figures and Latin
#: letters, a single character, several words and a quoted phrase.
FIXED = [
    "快马", "营商环", "新区管", "5G", "2023年", "PM2.5", "万平方米", "港",
    "济宁 项目 2023", '"国际合作园区"',
]  # fmt: skip


def make_queries(blocks: list[str], seed: int = 11) -> list[tuple[str, str]]:
    """200 (category, query) pairs, the same for the same blocks and seed."""
    rng = random.Random(seed)
    long_blocks = [b for b in blocks if len(b) >= 12]
    out: list[tuple[str, str]] = [("word", w) for w in WORDS]

    def fragment(low: int, high: int) -> str:
        while True:
            block = rng.choice(long_blocks)
            size = rng.randint(low, high)
            start = rng.randrange(0, len(block) - size)
            piece = block[start : start + size]
            if re.fullmatch(r"[\u4e00-\u9fff0-9a-zA-Z]+", piece):
                return piece

    out += [("fragment", fragment(2, 6)) for _ in range(60)]
    out += [("phrase", f'"{fragment(4, 8)}"') for _ in range(20)]
    for _ in range(10):
        a, b = rng.sample(WORDS, 2)
        out += [("boolean", f"{a} {b}"), ("boolean", f"{a} OR {b}")]
    out += [("boolean", f"{rng.choice(COMMON)} NOT {rng.choice(WORDS)}") for _ in range(10)]
    for _ in range(10):
        word = rng.choice(WORDS)
        first = rng.randint(2015, 2024)
        out += [("filter", f"{word} year:{first}-{first + 1}"), ("filter", f"{word} kind:heading")]
    out += [("traditional", _traditional(w)) for w in rng.sample(WORDS, 10)]
    out += [("common", term) for term in COMMON]
    out += [("fixed", query) for query in FIXED]
    return out[:200]


def _traditional(text: str) -> str:
    import opencc

    converted: str = opencc.OpenCC("s2t").convert(text)
    return converted


class Grep:
    """What grep finds for a parsed query: the reference for recall."""

    def __init__(self, articles: list[Article]) -> None:
        self.keys: list[tuple[str, str]] = []
        self.folded: list[str] = []
        self.kinds: list[str] = []
        self.years: list[int | None] = []
        self.titles: list[str] = []
        for article in articles:
            head = [t for t in (article.title, article.subtitle) if t]
            for block in article.blocks:
                trail = [s.title for s in article.section_path(block.section_id)]
                self.keys.append((article.id, block.id))
                self.folded.append(fold(block.text))
                self.kinds.append(str(block.kind))
                self.years.append(article.year)
                self.titles.append(fold("\n".join(head + trail)))

    def find(self, query: str) -> set[tuple[str, str]]:
        """The blocks matching ``query`` by substring search."""
        rows = self._rows(parse_query(query).root)
        return {self.keys[i] for i in rows}

    def _rows(self, node: Node) -> set[int]:
        everything = range(len(self.keys))
        if isinstance(node, Text):
            source = self.titles if node.in_title else self.folded
            return {i for i in everything if node.folded in source[i]}
        if isinstance(node, Year):
            return {i for i in everything if (y := self.years[i]) and node.first <= y <= node.last}
        if isinstance(node, Kind):
            return {i for i in everything if self.kinds[i] in node.kinds}
        if isinstance(node, ArticleIs):
            return {i for i in everything if self.keys[i][0] in node.ids}
        if isinstance(node, Not):
            return set(everything) - self._rows(node.child)
        if isinstance(node, Or):
            return set().union(*(self._rows(c) for c in node.children))
        assert isinstance(node, And)
        found = self._rows(node.children[0])
        for child in node.children[1:]:
            found &= self._rows(child)
        return found


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))]


def _latency(run: Callable[[str], Any], queries: list[str], rounds: int) -> dict[str, Any]:
    """p50 / p95 / max over every round, and over the first alone (each query's first
    run: nothing of it cached yet), with the slowest queries of all rounds."""
    times: list[float] = []
    slowest: dict[str, float] = {}
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            run(query)
            ms = (time.perf_counter() - started) * 1000
            times.append(ms)
            slowest[query] = max(ms, slowest.get(query, 0.0))
    first = times[: len(queries)]
    return {
        "p50_ms": round(_percentile(times, 50), 1),
        "p95_ms": round(_percentile(times, 95), 1),
        "max_ms": round(max(times), 1),
        "first_round_p50_ms": round(_percentile(first, 50), 1),
        "first_round_p95_ms": round(_percentile(first, 95), 1),
        "first_round_max_ms": round(max(first), 1),
        "slowest": [
            [q, round(ms, 1)] for q, ms in sorted(slowest.items(), key=lambda x: -x[1])[:5]
        ],
    }


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure of several latency runs as its median (slowest queries of the median
    p95 run), with the spread of p95."""
    out: dict[str, Any] = {
        key: round(statistics.median(run[key] for run in runs), 1)
        for key in runs[0]
        if key != "slowest"
    }
    by_p95 = sorted(runs, key=lambda run: run["p95_ms"])
    out["slowest"] = by_p95[len(by_p95) // 2]["slowest"]
    out["repeats"] = len(runs)
    out["p95_range_ms"] = [by_p95[0]["p95_ms"], by_p95[-1]["p95_ms"]]
    return out


def _recall(
    found: dict[str, set[tuple[str, str]]], expected: dict[str, set[tuple[str, str]]]
) -> tuple[float, int]:
    """Recall over all expected blocks, and the number of queries missing some."""
    want = sum(len(e) for e in expected.values())
    got = sum(len(found[q] & e) for q, e in expected.items())
    missed = sum(1 for q, e in expected.items() if e - found[q])
    return (got / want if want else 1.0), missed


def _folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


# --- the peers -------------------------------------------------------------------


def _key(joined: str) -> tuple[str, str]:
    article_id, _, block_id = joined.partition("\t")
    return article_id, block_id


class PlainWhoosh:
    """Whoosh with one TEXT field analysed by jieba's ChineseAnalyzer: the obvious build."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def build(self, articles: list[Article]) -> None:
        from jieba.analyse import ChineseAnalyzer
        from whoosh import fields
        from whoosh import index as whoosh_index
        from whoosh.qparser import QueryParser

        schema = fields.Schema(
            key=fields.ID(stored=True),
            year=fields.ID(),
            kind=fields.ID(),
            content=fields.TEXT(analyzer=ChineseAnalyzer()),
        )
        self.folder.mkdir(parents=True)
        self.ix = whoosh_index.create_in(str(self.folder), schema)
        writer = self.ix.writer(limitmb=256)
        for article in articles:
            for block in article.blocks:
                writer.add_document(
                    key=f"{article.id}\t{block.id}",
                    year=f"{article.year or 0:04d}",
                    kind=str(block.kind),
                    content=block.text,
                )
        writer.commit()
        self.parser = QueryParser("content", schema)
        self.searcher = self.ix.searcher()

    def search(self, query: str, limit: int | None = 50) -> set[tuple[str, str]]:
        query = re.sub(r"year:(\d{4})-(\d{4})", r"year:[\1 TO \2]", query)
        hits = self.searcher.search(self.parser.parse(query), limit=limit)
        return {_key(h["key"]) for h in hits}


class Fts5Trigram:
    """SQLite FTS5 with the trigram tokenizer over the folded block texts.

    Terms of three or more characters go through MATCH; shorter ones through
    LIKE, which the trigram index cannot serve (SQLite scans the table).
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def build(self, articles: list[Article]) -> None:
        self.db = sqlite3.connect(self.path)
        self.db.execute(
            "CREATE VIRTUAL TABLE blocks USING fts5("
            "text, key UNINDEXED, year UNINDEXED, kind UNINDEXED, tokenize='trigram')"
        )
        rows = (
            (fold(block.text), f"{article.id}\t{block.id}", article.year or 0, str(block.kind))
            for article in articles
            for block in article.blocks
        )
        with self.db:
            self.db.executemany("INSERT INTO blocks VALUES (?, ?, ?, ?)", rows)

    def search(self, query: str, limit: int | None = 50) -> set[tuple[str, str]]:
        where, params = self._where(parse_query(query).root)
        sql = f"SELECT key FROM blocks WHERE {where}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return {_key(k) for (k,) in self.db.execute(sql, params)}

    def _where(self, node: Node) -> tuple[str, list[Any]]:
        if isinstance(node, Text):
            if len(node.folded) >= 3:
                phrase = '"' + node.folded.replace('"', '""') + '"'
                # MATCH cannot stand under OR or NOT: it goes in a subquery.
                return "rowid IN (SELECT rowid FROM blocks WHERE blocks MATCH ?)", [
                    f"text : {phrase}"
                ]
            pattern = node.folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            return "text LIKE ? ESCAPE '\\'", [f"%{pattern}%"]
        if isinstance(node, Year):
            return "year BETWEEN ? AND ?", [node.first, node.last]
        if isinstance(node, Kind):
            marks = ",".join("?" * len(node.kinds))
            return f"kind IN ({marks})", list(node.kinds)
        if isinstance(node, ArticleIs):
            marks = ",".join("?" * len(node.ids))
            return f"substr(key, 1, instr(key, char(9)) - 1) IN ({marks})", list(node.ids)
        if isinstance(node, Not):
            inner, params = self._where(node.child)
            return f"NOT ({inner})", params
        parts = [self._where(child) for child in node.children]
        joiner = " AND " if isinstance(node, And) else " OR "
        return (
            joiner.join(f"({sql})" for sql, _ in parts),
            [p for _, params in parts for p in params],
        )


# --- whole processes -------------------------------------------------------------


def _cli_seconds(home: Path, args: list[str], runs: int = 3) -> float:
    env = {**os.environ, paths.HOME_ENV: str(home)}
    times = []
    for _ in range(runs + 1):  # the first run warms the caches
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "jining_archive", *args],
            env=env,
            capture_output=True,
            check=True,
        )
        times.append(time.perf_counter() - started)
    return round(statistics.median(times[1:]), 2)


def _gui_probe(home: Path, extra_file: Path) -> dict[str, Any]:
    env = {**os.environ, paths.HOME_ENV: str(home), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "jining_archive.ui.stall_probe", "--import", str(extra_file)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    if out.returncode != 0:
        return {"error": (out.stderr or out.stdout).strip()[-500:]}
    data: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return data


# --- one size --------------------------------------------------------------------


#: The systems compared (``--systems`` picks some).
SYSTEMS = ("archive", "plain_whoosh", "fts5_trigram")

#: Run in a process of its own: the archive's search alone, for its peak memory.
_QUERY_PROCESS = """
import json, sys
from jining_archive.library import Library
from jining_archive.memory import peak_resident_mb
library = Library.open()
for query in json.load(sys.stdin):
    library.search(query, 50)
print(peak_resident_mb())
"""


def _query_process_mb(home: Path, queries: list[str]) -> float:
    """Peak resident memory (MiB) of a process that opens the archive and runs ``queries``."""
    env = {**os.environ, paths.HOME_ENV: str(home)}
    out = subprocess.run(
        [sys.executable, "-c", _QUERY_PROCESS],
        input=json.dumps(queries),
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def _first_page(library: Library, term: str) -> dict[str, Any]:
    """The first page of ``term`` from a freshly opened index: nothing of it cached."""
    library.search_index().close()
    library._search_index = None  # a new index object: its caches start empty
    library.search("小松", 1)  # opening the index (columns, title table) is not the query's
    started = time.perf_counter()
    results = library.search(term, 50)
    return {"ms": round((time.perf_counter() - started) * 1000, 1), "blocks": results.total}


def _timed(run: Callable[[], Any]) -> float:
    started = time.perf_counter()
    run()
    return round(time.perf_counter() - started, 2)


def _add_and_remove(library: Library, new_file: Path, label: str) -> dict[str, float]:
    """One article imported and removed again, each step timed on its own."""
    out: dict[str, float] = {}
    results: list[Any] = []
    out[f"add_{label}_import_s"] = _timed(lambda: results.extend(library.import_paths([new_file])))
    out[f"add_{label}_index_s"] = _timed(library.prepare_search)
    out[f"add_{label}_first_search_s"] = _timed(lambda: library.search("小松", 50))
    out[f"add_{label}_figures_s"] = _timed(library.figures)
    out[f"add_{label}_projects_s"] = _timed(library.projects)
    new_id = results[0].article_id if results else ""
    if new_id:
        out[f"remove_{label}_s"] = _timed(lambda: library.remove([new_id]))
        out[f"remove_{label}_index_s"] = _timed(library.prepare_search)
        out[f"remove_{label}_projects_s"] = _timed(library.projects)
    return out


def run_size(
    count: int,
    work: Path,
    rounds: int,
    gui: bool,
    systems: tuple[str, ...] = SYSTEMS,
    rebuild: bool = True,
    processes: bool = True,
    repeats: int = 1,
) -> dict[str, Any]:
    """Every figure for an archive of ``count`` generated articles.

    ``rebuild`` False keeps a current index of the archive instead of timing a full
    build; ``processes`` False leaves out start-up, whole-process and memory figures;
    the query latencies are measured ``repeats`` times and their medians reported.
    """
    figures: dict[str, Any] = {"articles": count}
    files = work / "files"
    if not files.is_dir():
        generate(files, count)
    extra = work / "extra"
    if not extra.is_dir():
        generate(extra, 2, seed=count)  # two more articles, not in the archive
    home = work / "home"
    paths.set_home(home)
    peers_dir = work / "peers"
    try:
        library = Library.open()
        if len(library.articles) < count:
            started = time.perf_counter()
            library.import_paths([files])
            figures["import_s"] = round(time.perf_counter() - started, 1)
            library.figures()  # the window's side panel reads these: cached in the catalogue
            library.projects()
        articles = library.articles
        blocks = [b for a in articles for b in a.blocks]
        text_mb = sum(len(b.text.encode("utf-8")) for b in blocks) / 1e6
        figures.update(blocks=len(blocks), text_mb=round(text_mb, 1))

        # Builds, all from the same articles.
        index = library.search_index()
        builds: dict[str, dict[str, Any]] = {}
        if rebuild or "archive" not in systems:
            index.close()
            shutil.rmtree(index.folder, ignore_errors=True)
        started = time.perf_counter()
        library.prepare_search()
        seconds = time.perf_counter() - started
        if "archive" in systems:
            builds["archive"] = {"build_s": seconds, "index_mb": _folder_mb(index.folder)}
        shutil.rmtree(peers_dir, ignore_errors=True)
        peers_dir.mkdir()
        whoosh = PlainWhoosh(peers_dir / "whoosh")
        fts = Fts5Trigram(peers_dir / "fts5.sqlite3")
        for name, peer, folder in (
            ("plain_whoosh", whoosh, peers_dir / "whoosh"),
            ("fts5_trigram", fts, peers_dir / "fts5.sqlite3"),
        ):
            if name not in systems:
                continue
            started = time.perf_counter()
            peer.build(articles)
            seconds = time.perf_counter() - started
            size = _folder_mb(folder) if folder.is_dir() else folder.stat().st_size / 1e6
            builds[name] = {"build_s": seconds, "index_mb": size}
        for name, build in builds.items():
            if name == "archive" and not rebuild:
                build["build_s"] = None  # kept, not built in this run
                build["build_mb_per_s"] = None
            else:
                build["build_mb_per_s"] = round(text_mb / build["build_s"], 2)
                build["build_s"] = round(build["build_s"], 1)
            build["index_x_text"] = round(build["index_mb"] / text_mb, 2)
            build["index_mb"] = round(build["index_mb"], 1)

        # Queries.
        grep = Grep(articles)
        queries = make_queries(grep.folded)
        texts = [q for _, q in queries]
        expected = {q: grep.find(q) for q in texts}

        def ours(query: str, limit: int = 50) -> set[tuple[str, str]]:
            results = library.search(query, limit)
            found = {(h.article_id, h.block_id) for h in results.hits}
            found |= {pair for h in results.hits for pair in h.also_in}
            return found

        library.search(texts[0])  # opens the index, as the window does once
        searches = {
            "archive": ours,
            "plain_whoosh": whoosh.search,
            "fts5_trigram": fts.search,
        }
        for name in systems:
            search = searches[name]
            runs = []
            for _ in range(repeats):
                if name == "archive":  # each repeat from a freshly opened index
                    library.search_index().close()
                    library._search_index = None
                    library.search(texts[0])
                runs.append(_latency(search, texts, rounds))
            builds[name].update(_median_run(runs))
            found = {q: search(q, 10**9) for q in texts}
            recall, missed = _recall(found, expected)
            builds[name]["recall"] = round(recall, 4)
            builds[name]["queries_missing_blocks"] = missed
        figures["systems"] = builds
        figures["query_mix"] = sorted({c for c, _ in queries})

        # First page of the most common terms, each from a freshly opened index.
        if "archive" in systems:
            figures["first_page"] = {term: _first_page(library, term) for term in COMMON[:4]}

            # One article in, one out: the first time in a process loads jieba and its
            # part-of-speech tables (as the window does once, in the background).
            for label in ("cold", "warm"):
                figures.update(_add_and_remove(library, sorted(extra.iterdir())[0], label))
        index = library.search_index()
        index.close()
        library.catalogue.close()  # type: ignore[union-attr]
    finally:
        paths.set_home(None)
    shutil.rmtree(peers_dir, ignore_errors=True)

    if processes:
        figures["query_process_peak_mb"] = _query_process_mb(home, texts)
        figures["startup_to_paint_s"] = round(_startup(home), 2)
        figures["cli_articles_json_s"] = _cli_seconds(home, ["articles", "--json"])
        figures["cli_search_json_s"] = _cli_seconds(home, ["search", "营商环境", "--json"])
        figures["cli_search_common_json_s"] = _cli_seconds(home, ["search", "济宁", "--json"])
    if gui:
        figures["gui"] = _gui_probe(home, sorted(extra.iterdir())[-1])
    return figures


def _print(report: dict[str, Any]) -> None:
    print(f"{report['machine']}; {report['date']}; load average at start {report['load']}")
    for size in report["sizes"]:
        print()
        print(
            f"== {size['articles']} articles, {size['blocks']} blocks, {size['text_mb']} MB "
            f"of text; 200 queries ({', '.join(size['query_mix'])}) x {report['rounds']} rounds"
        )
        systems = size["systems"]
        names = [n for n in SYSTEMS if n in systems]
        labels = {
            "archive": "this app",
            "plain_whoosh": "plain Whoosh+jieba",
            "fts5_trigram": "SQLite FTS5 trigram",
        }
        rows = [
            ("build s", "build_s"),
            ("build MB/s", "build_mb_per_s"),
            ("index MB", "index_mb"),
            ("index / text", "index_x_text"),
            ("query p50 ms", "p50_ms"),
            ("query p95 ms", "p95_ms"),
            ("query max ms", "max_ms"),
            ("first round p50 ms", "first_round_p50_ms"),
            ("first round p95 ms", "first_round_p95_ms"),
            ("first round max ms", "first_round_max_ms"),
            ("recall vs grep", "recall"),
            ("queries missing blocks", "queries_missing_blocks"),
        ]
        print(f"{'':<24}" + "".join(f"{labels[n]:>22}" for n in names))
        for label, key in rows:
            print(f"{label:<24}" + "".join(f"{systems[n][key]!s:>22}" for n in names))
        if "archive" in systems and "fts5_trigram" in systems:
            ratio = systems["archive"]["p95_ms"] / max(systems["fts5_trigram"]["p95_ms"], 0.001)
            print(f"p95 of this app / p95 of FTS5: {ratio:.2f}")
        for n in names:
            if systems[n].get("repeats", 1) > 1:
                low, high = systems[n]["p95_range_ms"]
                print(
                    f"{labels[n]}: medians of {systems[n]['repeats']} runs; "
                    f"p95 ranged {low}-{high} ms"
                )
        for n in names:
            slow = ", ".join(f"{q} {ms} ms" for q, ms in systems[n]["slowest"])
            print(f"slowest, {labels[n]}: {slow}")
        if "first_page" in size:
            pages = ", ".join(
                f"{term} {v['ms']} ms ({v['blocks']} blocks)"
                for term, v in size["first_page"].items()
            )
            print(f"first page (50 hits) from a freshly opened index: {pages}")
        for label in ("cold", "warm"):
            steps = [k for k in size if k.startswith(f"add_{label}_")]
            if not steps:
                continue
            parts = ", ".join(f"{k[len(f'add_{label}_') : -2]} {size[k]} s" for k in steps)
            removal = ", ".join(f"{k} {size[k]} s" for k in size if k.startswith(f"remove_{label}"))
            print(f"add one article ({label}): {parts}; {removal}")
        if "startup_to_paint_s" in size:
            print(
                f"start-up to painted window {size['startup_to_paint_s']} s; whole process: "
                f"articles --json {size['cli_articles_json_s']} s, "
                f"search 营商环境 --json {size['cli_search_json_s']} s, "
                f"search 济宁 --json {size['cli_search_common_json_s']} s; "
                f"a process running the 200 queries: peak {size['query_process_peak_mb']} MiB"
            )
        gui = size.get("gui")
        if gui and "error" in gui:
            print(f"window probe failed: {gui['error']}")
        elif gui:
            stalls = ", ".join(f"{k} {v} ms" for k, v in gui["worst_stall_ms"].items())
            memory = ", ".join(f"{k} {v}" for k, v in gui["resident_mb_after"].items())
            print(f"window: peak memory {gui['peak_mb']} MiB; worst GUI-thread stall: {stalls}")
            print(f"window: resident MB after each step: {memory}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark at each size and print the figures."""
    parser = argparse.ArgumentParser(
        prog="python -m jining_archive.scale_bench", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=2, help="times each query is run")
    parser.add_argument("--keep", type=Path, help="keep generated archives here (reused)")
    parser.add_argument(
        "--systems",
        nargs="+",
        choices=SYSTEMS,
        default=list(SYSTEMS),
        help="what to build and query (default: all three)",
    )
    parser.add_argument(
        "--keep-index",
        action="store_true",
        help="use the archive's index as it is (when current) instead of timing a full build",
    )
    parser.add_argument(
        "--no-processes",
        action="store_true",
        help="skip start-up, whole-process and memory figures",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=1,
        help="measure query latency this many times and report the medians",
    )
    parser.add_argument("--no-gui", action="store_true", help="skip the window probe")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="jining-scale-"))
    report: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "load": " ".join(f"{v:.1f}" for v in os.getloadavg()),
        "rounds": args.rounds,
        "sizes": [],
    }
    try:
        for count in args.sizes:
            work = root / str(count)
            work.mkdir(parents=True, exist_ok=True)
            report["sizes"].append(
                run_size(
                    count,
                    work,
                    args.rounds,
                    not args.no_gui,
                    systems=tuple(s for s in SYSTEMS if s in args.systems),
                    rebuild=not args.keep_index,
                    processes=not args.no_processes,
                    repeats=max(1, args.repeats),
                )
            )
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        _print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
