"""Allow ``python -m jining_archive``."""

import sys

from jining_archive.app import main

sys.exit(main())
