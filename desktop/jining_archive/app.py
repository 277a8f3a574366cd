"""Entry point: no arguments opens the window; a subcommand runs the CLI."""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys

from jining_archive import cli, system_check


def main(argv: list[str] | None = None) -> int:
    """Run the app; returns the process exit code.

    Without ``argv`` (the program's own command line: the process ends when this
    returns), a command leaves what it made to the end of the process: the last
    garbage collection over a large archive's objects took a fifth of a second at
    10,000 articles, to free memory the system takes back anyway.
    """
    # In a frozen app a segmenting worker process (see search.analysis.segment_many)
    # starts this executable again; this makes it run the worker instead of the app.
    multiprocessing.freeze_support()
    args = cli.parse_args(sys.argv[1:] if argv is None else argv)
    if args.command is None:
        no_display = system_check.no_display_message(os.environ)
        if no_display is not None:
            print(no_display, file=sys.stderr)
            return 1
        try:
            from jining_archive.ui.application import run_gui  # Qt is imported only here
        except ImportError as exc:  # a system library Qt's GUI needs is missing
            message = system_check.missing_library_message(exc)
            if message is None:
                raise
            print(message, file=sys.stderr)
            return 1
        return run_gui(args)
    code = cli.run(args)
    if argv is None:
        # Objects still alive are moved out of the collector's sight: nothing of
        # the command's remains to be finalised (the library, its catalogue and
        # index are freed when the command returns), only memory to give back.
        gc.freeze()
    return code


if __name__ == "__main__":
    sys.exit(main())
