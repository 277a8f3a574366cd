"""Garbage collection put off while a large archive's objects are made or searched.

Opening 10,000 articles makes some 150,000 objects (articles, sections, their
metadata) that live as long as the archive; a search makes as many short-lived
ones. Each run of Python's cyclic collector walks every object made so far, so
the collections such work sets off took about a third of its time. None of it
makes reference cycles: what becomes garbage is freed at once by reference
counting, and the collector resumes when the block ends.

Data that will live long (the insight window's 400,000 figure rows of a 10,000-article
archive) can be moved out of the collector's sight at the end of the block
(``freeze=True``: :func:`gc.freeze`): otherwise every full collection afterwards
walks it again, and while it is being made on a worker thread, the collections it
sets off hold the interpreter — and so the window — for up to 0.9 s each. Objects
frozen are still freed by reference counting when they are no longer used.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc(freeze: bool = False) -> Iterator[None]:
    """No cyclic garbage collection inside the block (see the module docstring).

    Collection is only put off: cyclic garbage made meanwhile is collected after
    the block. Blocks may overlap in several threads; the collector is enabled
    again by the block that found it enabled. With ``freeze``, every object alive at
    the end is left out of later collections (:func:`gc.freeze`).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()
