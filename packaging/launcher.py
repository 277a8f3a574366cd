"""Entry script of the frozen app (PyInstaller): the main() of the ``jining-archive`` command."""

import multiprocessing
import sys

# Before anything loads a bundled library that needs a newer glibc than this system's.
from jining_archive.system_check import check_glibc_or_exit

check_glibc_or_exit()

from jining_archive.app import main  # noqa: E402

if __name__ == "__main__":
    # A frozen app re-executes itself for worker processes (Whoosh with procs>1, any
    # multiprocessing pool); without this the child would start a second app.
    multiprocessing.freeze_support()
    sys.exit(main())
