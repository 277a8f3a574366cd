"""Entry point: no arguments opens the window; a subcommand runs the CLI."""

from __future__ import annotations

import multiprocessing
import sys

from jining_archive import cli


def main(argv: list[str] | None = None) -> int:
    """Run the app; returns the process exit code."""
    # In a frozen app a segmenting worker process (see search.analysis.segment_many)
    # starts this executable again; this makes it run the worker instead of the app.
    multiprocessing.freeze_support()
    args = cli.parse_args(sys.argv[1:] if argv is None else argv)
    if args.command is None:
        from jining_archive.ui.application import run_gui  # Qt is imported only here

        return run_gui(args)
    return cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
