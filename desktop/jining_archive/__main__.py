"""Allow ``python -m jining_archive``."""

import sys

from jining_archive.app import main

# The guard matters: worker processes started with "spawn" import __main__ again.
if __name__ == "__main__":
    sys.exit(main())
