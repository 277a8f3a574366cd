"""The command line: argparse subcommands over the same library the window uses.

Each feature keeps its subcommands in a module of ``jining_archive.commands``
with a ``register(subparsers)`` function; handlers return an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from typing import Any

from jining_archive import __version__, paths

COMMAND_MODULES = ("articles", "notes", "extraction", "search")


class CommandError(Exception):
    """A user-facing failure: printed as a message, exit code 2, no traceback."""


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    parser = argparse.ArgumentParser(
        prog="jining-archive",
        description="Archive browser for reports on the Jining High-tech Zone. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"folder for user data and caches (default: per-user folders; env {paths.HOME_ENV})",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start the window, search once the index is ready, print a JSON line and exit "
        "(0 ok, 1 failure)",
    )
    parser.add_argument(
        "--startup-time",
        action="store_true",
        help="print the seconds from process start to the window's first paint, then exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"jining_archive.commands.{name}").register(sub)
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse ``argv`` and apply global options."""
    args = build_parser().parse_args(argv)
    if args.data_dir:
        paths.set_home(args.data_dir)
    return args


def run(args: argparse.Namespace) -> int:
    """Run the chosen subcommand; user errors become a message and exit code 2."""
    try:
        code: int = args.handler(args)
    except CommandError as exc:
        print(f"jining-archive: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    return code


def print_json(data: Any) -> None:
    """Print JSON the way every --json option does: UTF-8, indented, stable key order."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")
