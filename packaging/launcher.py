"""Entry script of the frozen app (PyInstaller): the main() of the ``jining-archive`` command."""

import multiprocessing
import sys

from jining_archive.app import main

if __name__ == "__main__":
    # A frozen app re-executes itself for worker processes (Whoosh with procs>1, any
    # multiprocessing pool); without this the child would start a second app.
    multiprocessing.freeze_support()
    sys.exit(main())
