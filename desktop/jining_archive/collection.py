"""Garbage collection put off while a large archive's objects are made or searched.

Opening 10,000 articles makes some 150,000 objects (articles, sections, their
metadata) that live as long as the archive; a search makes as many short-lived
ones. Each run of Python's cyclic collector walks every object made so far, so
the collections such work sets off took about a third of its time. None of it
makes reference cycles: what becomes garbage is freed at once by reference
counting, and the collector resumes when the block ends.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside the block (see the module docstring).

    Collection is only put off: cyclic garbage made meanwhile is collected after
    the block. Blocks may overlap in several threads; the collector is enabled
    again by the block that found it enabled.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
