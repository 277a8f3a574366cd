"""Hostile-input benchmark: the inputs that used to be quadratic, at a chosen size.

    python -m jining_archive.hostile_bench [--mb 1] [--parser-mb 50] [--cases ...] [--profile]

Each case builds its input, then times one step over it (after jieba is loaded):

- ``headings``: parsing a text of numbered headings, each with a short paragraph;
- ``figures``: figures in one block of repeated ``《a》5个`` (a title, then a count);
- ``entities``: projects and organisations in one block of random ideographs without
  punctuation, with 项目 or 公司 after every eight;
- ``digits``: cutting a line of ``1`` × 10**6 (per MB) into words;
- ``parser``: parsing ``--parser-mb`` MB of headings (as ``headings``), with peak memory.

It prints the seconds of each step (wall clock and CPU) and MB/s. ``--profile`` prints
the costliest functions of each step (cProfile, which slows it down). It is a benchmark, not a test;
the figures depend on the machine. tests/test_faults_hostile.py bounds the same inputs.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import resource
import sys
import time
from collections.abc import Callable

from jining_archive.documents.parse import parse_article
from jining_archive.extraction import extract_entities, extract_figures, segment

MB = 1_000_000
PROFILE_SORT = "cumulative"


def repeat(unit: str, size: int) -> str:
    """``unit`` repeated to about ``size`` bytes of UTF-8."""
    return unit * (size // len(unit.encode("utf-8")) + 1)


def headings(size: int) -> str:
    """About ``size`` bytes of numbered headings, each with a short paragraph."""
    parts, total, n = ["标题"], 0, 0
    while total < size:
        n += 1
        part = f"# 第{n}节\n\n第{n}节的正文，说明一些情况。"
        parts.append(part)
        total += len(part.encode("utf-8"))
    return "\n\n".join(parts)


def unpunctuated_names(size: int, seed: int = 7) -> str:
    """Random ideographs with 项目 or 公司 after every eight and no punctuation."""
    rng = random.Random(seed)
    out, total = [], 0
    while total < size:
        chunk = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(8))
        chunk += rng.choice(("项目", "公司"))
        out.append(chunk)
        total += len(chunk.encode("utf-8"))
    return "".join(out)


def _cases(size: int, parser_size: int) -> dict[str, Callable[[], Callable[[], object]]]:
    """Each case's set-up, which returns the step to time."""

    def figures() -> Callable[[], object]:
        article = parse_article("标题\n\n" + repeat("《a》5个", size), "a")
        return lambda: extract_figures(article)

    def entities() -> Callable[[], object]:
        # A fresh seed each time: names found per block are kept between calls.
        article = parse_article("标题\n\n" + unpunctuated_names(size, time.time_ns()), "a")
        return lambda: extract_entities([article])

    def digits() -> Callable[[], object]:
        text = "1" * size
        return lambda: segment.cut(text)

    def heads(n: int) -> Callable[[], Callable[[], object]]:
        def setup() -> Callable[[], object]:
            text = headings(n)
            return lambda: parse_article(text, "a")

        return setup

    return {
        "headings": heads(size),
        "figures": figures,
        "entities": entities,
        "digits": digits,
        "parser": heads(parser_size),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jining_archive.hostile_bench")
    parser.add_argument("--mb", type=float, default=1.0, help="size of each input (MB)")
    parser.add_argument("--parser-mb", type=float, default=50.0, help="size for 'parser'")
    parser.add_argument(
        "--cases",
        nargs="+",
        default=["headings", "figures", "entities", "digits", "parser"],
        choices=["headings", "figures", "entities", "digits", "parser"],
    )
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    args = parser.parse_args(argv)
    size, parser_size = int(args.mb * MB), int(args.parser_mb * MB)
    started = time.perf_counter()
    segment.load()
    segment.tagged("济宁")
    print(f"jieba loaded in {time.perf_counter() - started:.2f} s")
    cases = _cases(size, parser_size)
    for name in args.cases:
        step = cases[name]()
        mb = (parser_size if name == "parser" else size) / MB
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
        start, cpu = time.perf_counter(), time.process_time()
        step()
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        if args.profile:
            profile.disable()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{name:9} {mb:6.1f} MB  {elapsed:7.3f} s ({cpu:.3f} s CPU)  {mb / elapsed:6.2f} MB/s"
            f"  (peak memory so far {peak:.0f} MiB)"
        )
        if args.profile:
            pstats.Stats(profile, stream=sys.stdout).sort_stats(PROFILE_SORT).print_stats(25)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
