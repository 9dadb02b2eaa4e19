"""Python's cyclic garbage collector, paused while a stage makes objects that live to its end.

The build and the citation export (a process of its own) each make millions of objects that live
until they end and form no cycles; the collector would walk them again and again (a third of the
parse stage's time, a tenth of the citation files') to free nothing. Reference counting still
frees the rest.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
