"""The seconds each stage takes, by the clock and in CPU, for bench/bench_build.py."""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def stage(timings: dict[str, float] | None, name: str) -> Iterator[None]:
    """Add the seconds the block takes to timings[name], and the CPU seconds of this process and
    of its finished helpers to timings[name + "_cpu"]."""
    start, cpu = time.perf_counter(), cpu_seconds()
    yield
    if timings is not None:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - start
        timings[f"{name}_cpu"] = timings.get(f"{name}_cpu", 0.0) + cpu_seconds() - cpu


def cpu_seconds() -> float:
    """User and system seconds of this process and of the helper processes it has waited for."""
    own, helpers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + helpers.ru_utime + helpers.ru_stime
