"""Checks of a built Linux app folder that CI runs after the build (packaging/ci-package.sh).

    python3 packaging/check_bundle.py packaging/dist/jining-archive [--budget-mb N]

- notices: ``_internal/resources/THIRD-PARTY-NOTICES.txt`` and ``_internal/LICENSE`` are
  there; every distribution whose metadata the bundle carries has its own section with
  a licence text, and so do Python, Qt and the fallback font;
- search paths: no bundled library looks for libraries in a folder of the build machine
  (an RPATH/RUNPATH outside ``$ORIGIN``);
- glibc: the highest GLIBC_ symbol version the bundle needs equals the floor recorded in
  ``_internal/GLIBC_FLOOR`` (what the app checks at start and README.txt states);
- size: the unpacked folder stays within the budget.

Exits 1 with one line per problem.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from email.parser import Parser
from pathlib import Path

RULE = "=" * 78
DEFAULT_BUDGET_MB = 235.0


def _sections(text: str) -> dict[str, str]:
    """Section title line → section body, for the notices file's RULE-framed sections."""
    pieces = text.split(RULE + "\n")
    sections = {}
    # pieces: [preamble, title, body, title, body ...] (each title ends with a newline)
    for i in range(1, len(pieces) - 1, 2):
        sections[pieces[i].strip()] = pieces[i + 1].strip()
    return sections


def check_notices(internal: Path) -> list[str]:
    problems = []
    notices = internal / "resources" / "THIRD-PARTY-NOTICES.txt"
    if not (internal / "LICENSE").is_file():
        problems.append("LICENSE is not in the bundle")
    if not notices.is_file():
        return [*problems, f"{notices} is missing"]
    sections = _sections(notices.read_text(encoding="utf-8"))
    titles = list(sections)

    def body_of(prefix: str) -> str | None:
        for title in titles:
            if title.startswith(prefix):
                return sections[title]
        return None

    for info in sorted(internal.glob("*.dist-info")):
        meta = Parser().parsestr((info / "METADATA").read_text(encoding="utf-8"))
        name, version = meta["Name"], meta["Version"]
        if name == "jining-archive":
            name = "Jining Archive"
        body = body_of(f"{name} {version} — ")
        if body is None:
            problems.append(f"{name} {version} has no section in the notices")
        elif len(body) < 100:
            problems.append(f"{name} {version} has no licence text in the notices")
    for prefix, words in (
        ("Python ", "PYTHON SOFTWARE FOUNDATION LICENSE"),
        ("Qt ", "Replacing the Qt libraries"),
        ("PySide6", "GNU LESSER GENERAL PUBLIC LICENSE"),
    ):
        body = body_of(prefix)
        if body is None or words not in body:
            problems.append(f"the notices lack {prefix.strip()}'s licence ({words})")
    for font in sorted((internal / "resources" / "fonts").glob("*.tt[cf]")):
        if body_of(f"{font.name} (font)") is None:
            problems.append(f"the font {font.name} has no section in the notices")
    return problems


def _elf_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def glibc_floor(folder: Path) -> str:
    """The highest GLIBC_x.y symbol version any ELF file in ``folder`` needs (objdump -T)."""
    best: tuple[int, ...] = ()
    for path in _elf_files(folder):
        out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
        for match in re.finditer(r"GLIBC_(\d+(?:\.\d+)+)", out):
            best = max(best, tuple(int(n) for n in match.group(1).split(".")))
    return ".".join(str(n) for n in best)


def check_search_paths(folder: Path) -> list[str]:
    problems = []
    for path in _elf_files(folder):
        out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
        for match in re.finditer(r"^\s*(RPATH|RUNPATH)\s+(\S+)", out, re.MULTILINE):
            outside = [p for p in match.group(2).split(":") if p and not p.startswith("$ORIGIN")]
            if outside:
                rel = path.relative_to(folder)
                problems.append(f"{rel} searches {':'.join(outside)} ({match.group(1)})")
    return problems


def check_glibc(folder: Path, internal: Path) -> list[str]:
    recorded_file = internal / "GLIBC_FLOOR"
    if not recorded_file.is_file():
        return ["GLIBC_FLOOR is not in the bundle"]
    recorded = recorded_file.read_text(encoding="utf-8").strip()
    needed = glibc_floor(folder)
    if recorded != needed:
        return [f"GLIBC_FLOOR says {recorded} but the bundle needs glibc {needed}"]
    return []


def folder_size_mb(folder: Path) -> float:
    return sum(p.lstat().st_size for p in folder.rglob("*")) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app_folder", type=Path)
    parser.add_argument("--budget-mb", type=float, default=DEFAULT_BUDGET_MB)
    parser.add_argument(
        "--print-glibc-floor", action="store_true", help="print the glibc the folder needs, only"
    )
    args = parser.parse_args(argv)
    folder: Path = args.app_folder
    if args.print_glibc_floor:
        print(glibc_floor(folder))
        return 0
    internal = folder / "_internal"
    problems = check_notices(internal) + check_search_paths(folder) + check_glibc(folder, internal)
    size = folder_size_mb(folder)
    if size > args.budget_mb:
        problems.append(f"the app folder is {size:.1f} MB, over the budget of {args.budget_mb} MB")
    for problem in problems:
        print(f"check_bundle: {problem}", file=sys.stderr)
    if not problems:
        floor = (internal / "GLIBC_FLOOR").read_text(encoding="utf-8").strip()
        print(
            f"check_bundle: notices, search paths and glibc {floor} floor OK; "
            f"{size:.1f} MB of {args.budget_mb} MB"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
