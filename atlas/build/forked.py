"""One function run beside the build's process, on the other core, in a forked child.

Forked, not fresh: the child starts with every record the build holds (the pages are shared until
one side writes them; the collector is paused, so neither walks them), and only what the function
returns crosses back, pickled through a pipe. Where a process cannot fork, the function runs in
the build's own process when its result is asked for: the same result, one core.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def forked(function: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """Start function() in a forked child and run the block; the block gets a call that waits for
    the child and returns what the function returned, or raises what it raised. A child the block
    did not wait for (the block failed) is stopped."""
    if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        yield function
        return
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: it never leaves _child
        os.close(reader)
        _child(function, writer)
    os.close(writer)
    pipe = os.fdopen(reader, "rb")
    reaped = False

    def result() -> T:
        nonlocal reaped
        payload = pipe.read()
        os.waitpid(pid, 0)  # its CPU seconds now count among this process's children's
        reaped = True
        ok, value = pickle.loads(payload)
        if not ok:
            raise value
        return value

    try:
        yield result
    finally:
        pipe.close()
        if not reaped:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _child(function: Callable[[], T], writer: int) -> None:
    """Write (True, result) or (False, the exception) to the pipe and exit at once: no cleanup
    of the parent's (no buffered output written twice, no temporary folder removed)."""
    try:
        try:
            payload = pickle.dumps((True, function()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # noqa: BLE001 - every failure goes back to the build
            try:
                payload = pickle.dumps((False, error), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - an exception that does not pickle, as its words
                payload = pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(0)
