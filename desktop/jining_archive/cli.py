"""The command line: argparse subcommands over the same library the window uses.

Each feature keeps its subcommands in a module of ``jining_archive.commands``
with a ``register(subparsers)`` function; handlers return an exit code.
``COMMANDS`` names the module of every subcommand, so that a run imports only
the module it needs (the window, started without a command, imports none).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import json
import os
import sys
from typing import Any

from jining_archive import __version__, paths

COMMAND_MODULES = (
    "articles",
    "imports",
    "notes",
    "references",
    "extraction",
    "insight",
    "search",
    "server",
)
# Every subcommand and the module that registers it (tests/test_cli_articles.py
# checks this table against the modules).
COMMANDS: dict[str, str] = {
    "articles": "articles",
    "show": "articles",
    "import": "imports",
    "remove": "imports",
    "edit": "imports",
    "bookmarks": "notes",
    "export-notes": "notes",
    "import-notes": "notes",
    "export-references": "references",
    "figures": "extraction",
    "projects": "extraction",
    "organizations": "extraction",
    "extraction-quality": "extraction",
    "series": "insight",
    "compare": "insight",
    "project-story": "insight",
    "search": "search",
    "check-index": "search",
    "server-init": "server",
    "server-member": "server",
    "server-members": "server",
    "sync": "server",
}
_OPTIONS_WITH_VALUE = ("--data-dir", "--server")


class CommandError(Exception):
    """A user-facing failure: printed as a message, exit code 2, no traceback."""


def modules_for(argv: list[str]) -> tuple[str, ...]:
    """The command modules a parse of ``argv`` needs: the chosen command's, none for
    the window, all for help or an unknown command (so the error lists them all)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in _OPTIONS_WITH_VALUE:
            skip = True
            continue
        if arg in ("-h", "--help"):
            return COMMAND_MODULES
        if not arg.startswith("-"):
            return (COMMANDS[arg],) if arg in COMMANDS else COMMAND_MODULES
    return ()


def build_parser(modules: tuple[str, ...] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The argument parser, with the subcommands of ``modules`` (default: all)."""
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
        "--server",
        metavar="URL",
        help="use the team's archive on this PostgreSQL server (postgresql://user@host/db; "
        "env JINING_ARCHIVE_SERVER) instead of the one in the user's folders",
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
    for name in modules:
        importlib.import_module(f"jining_archive.commands.{name}").register(sub)
    return parser


def _check_text(args: argparse.Namespace) -> None:
    """Exit with a message when a text argument (a query, a note, a tag, an id) is not
    valid text in the system's encoding: Python keeps such bytes as lone surrogates,
    which nothing downstream can store or print. File names (Path values) may hold
    any bytes and are left alone."""
    for name, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if not isinstance(item, str):
                continue
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                shown = item.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                option = name.replace("_", "-")
                print(
                    f"jining-archive: {option} {shown!r} is not UTF-8 text; nothing was saved "
                    "or searched (check the terminal's encoding)",
                    file=sys.stderr,
                )
                raise SystemExit(2) from None


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse ``argv`` and apply global options."""
    args = build_parser(modules_for(argv)).parse_args(argv)
    _check_text(args)
    if args.data_dir:
        paths.set_home(args.data_dir)
    if args.server:
        from jining_archive.storage import backend

        backend.set_server(args.server)
    return args


def run(args: argparse.Namespace) -> int:
    """Run the chosen subcommand; user errors become a message and exit code 2."""
    for stream in (sys.stdout, sys.stderr):
        # A file name's bytes that are not UTF-8 are printed as escapes, not a traceback.
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        code: int = args.handler(args)
        sys.stdout.flush()  # here, so that a failed write is reported, not at exit
    except (CommandError, paths.FolderError) as exc:
        print(f"jining-archive: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        _discard_stdout()
        return 0
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        _discard_stdout()
        where = exc.filename or "the output"
        print(f"jining-archive: could not write {where}: the disk is full", file=sys.stderr)
        return 2
    finally:
        notice = paths.cache_notice()
        if notice:
            print(f"jining-archive: warning: {notice}", file=sys.stderr)
    return code


def _discard_stdout() -> None:
    """After a failed write to standard output, point it at the null device, so the
    interpreter's last flush at exit does not fail (and print a traceback) again."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def print_json(data: Any) -> None:
    """Print JSON the way every --json option does: UTF-8, indented, stable key order."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")
