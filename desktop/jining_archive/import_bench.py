"""Import benchmark: a folder of generated articles in mixed formats and encodings.

    python -m jining_archive.import_bench [--articles 1000] [--keep DIR]

Articles are made from the bundled texts: each takes a distinct title and a
random selection of paragraphs from all five, with its figures changed, so no
two are near-copies. They are written as UTF-8, GB18030, Big5 and UTF-16 text,
Markdown, HTML (with page furniture around the text) and Word files. The
benchmark imports the folder into a fresh data folder and prints files/s and
MB/s, then times the window's start-up (to its first paint) with that archive
against the bundled five, as whole processes (median of 3 runs).
"""

from __future__ import annotations

import argparse
import html
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jining_archive import paths
from jining_archive.documents.model import BlockKind
from jining_archive.library import Library
from jining_archive.storage.catalogue import Catalogue

FORMATS = ("utf8.txt", "gb18030.txt", "utf16.txt", "md", "html", "docx", "big5.txt")


def _paragraphs() -> list[str]:
    library = Library.open(catalogue=Catalogue(Path(":memory:")))
    return [
        block.text
        for article in library.articles
        for block in article.blocks
        if block.kind == BlockKind.PARAGRAPH and len(block.text) > 40
    ]


def _vary(text: str, rng: random.Random) -> str:
    """``text`` with each number scaled at random, keeping its count of decimals."""

    def scaled(match: re.Match[str]) -> str:
        number = match.group()
        decimals = len(number.partition(".")[2])
        return f"{float(number) * rng.uniform(0.5, 2):.{decimals}f}"

    return re.sub(r"\d+(?:\.\d+)?", scaled, text)


@dataclass(frozen=True)
class GeneratedArticle:
    """One article of a generated archive, before it is written as a file."""

    number: int
    title: str
    heading: str
    year: int
    paragraphs: list[str]


def generated_articles(count: int, seed: int = 7) -> Iterator[GeneratedArticle]:
    """``count`` articles made from the bundled paragraphs, the same for the same seed."""
    rng = random.Random(seed)
    pool = _paragraphs()
    for n in range(count):
        year = 2015 + n % 11
        topic = rng.choice(["项目建设", "招商引资", "科技创新", "园区发展"])
        title = f"济宁高新区第{n + 1}期产业观察：{topic}"
        paras = [_vary(p, rng) for p in rng.sample(pool, rng.randint(12, 30))]
        yield GeneratedArticle(n, title, f"{year}年重点工作", year, paras)


def generate(folder: Path, count: int, seed: int = 7) -> int:
    """Write ``count`` articles into ``folder``; returns the bytes written."""
    import docx

    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for item in generated_articles(count, seed):
        n, title, heading, year, paras = (
            item.number,
            item.title,
            item.heading,
            item.year,
            item.paragraphs,
        )
        kind = FORMATS[n % len(FORMATS)]
        path = folder / f"{n + 1:05d}-{kind}".replace("-md", ".md").replace(
            "-html", ".html"
        ).replace("-docx", ".docx")
        if kind.endswith(".txt") or kind == "md":
            lines = [title, "", f"{year}年{n % 12 + 1}月{n % 28 + 1}日", ""]
            if kind == "md":
                lines = [f"# {title}", "", f"## {heading}", ""]
            lines += [p + "\n" for p in paras]
            text = "\n".join(lines)
            encoding = {"utf8.txt": "utf-8", "gb18030.txt": "gb18030", "utf16.txt": "utf-16"}.get(
                kind, "big5" if kind == "big5.txt" else "utf-8"
            )
            data = text.encode(encoding, errors="replace" if encoding == "big5" else "strict")
            path.write_bytes(data)
        elif kind == "html":
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
            page = (
                f"<html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
                f"<meta property='article:published_time' content='{year}-03-0{n % 9 + 1}'>"
                "</head><body><div class='nav'>首页 | 新闻 | 政务 | 服务</div>"
                f"<article><h1>{html.escape(title)}</h1><h2>{heading}</h2>{body}</article>"
                "<div class='footer'>版权所有 © 某某网 鲁ICP备00000000号</div></body></html>"
            )
            path.write_text(page, encoding="utf-8")
        else:
            document = docx.Document()
            document.add_heading(title, level=0)
            document.add_heading(heading, level=1)
            for p in paras:
                document.add_paragraph(p)
            document.save(str(path))
        total += path.stat().st_size
    return total


def _startup(home: Path, runs: int = 3) -> float:
    env = {**os.environ, paths.HOME_ENV: str(home), "QT_QPA_PLATFORM": "offscreen"}
    times = []
    for _ in range(runs + 1):  # the first run warms the caches
        out = subprocess.run(
            [sys.executable, "-m", "jining_archive", "--startup-time"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        times.append(float(out.strip().splitlines()[-1]))
    return statistics.median(times[1:])


def main(argv: list[str] | None = None) -> int:
    """Generate, import, time; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up timing")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = args.keep or work / "articles"
        size = generate(folder, args.articles)
        print(f"generated {args.articles} files, {size / 1e6:.1f} MB ({', '.join(FORMATS)})")
        home = work / "home"
        paths.set_home(home)
        library = Library.open()
        started = time.perf_counter()
        results = library.import_paths([folder])
        seconds = time.perf_counter() - started
        counts: dict[str, int] = {}
        for r in results:
            counts[r.status] = counts.get(r.status, 0) + 1
        print(
            f"import: {seconds:.1f} s, {len(results) / seconds:.1f} files/s, "
            f"{size / 1e6 / seconds:.2f} MB/s; {counts}"
        )
        started = time.perf_counter()
        library.prepare_search()
        print(f"index update for the new articles: {time.perf_counter() - started:.1f} s")
        library.catalogue.close()  # type: ignore[union-attr]
        paths.set_home(None)
        if not args.no_startup:
            bundled_home = work / "bundled"
            paths.set_home(bundled_home)
            Library.open().prepare_search()
            paths.set_home(None)
            five = _startup(bundled_home)
            many = _startup(home)
            print(
                f"start-up to first paint: bundled five {five:.2f} s; "
                f"with {args.articles} imported {many:.2f} s (+{many - five:.2f} s)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
