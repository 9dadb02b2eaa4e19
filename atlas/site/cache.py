"""Results of queries on an immutable database never change: keep the latest few hundred,
keyed by the database's hash and the query, so a page everyone opens counts once per server.

A result still being computed is kept too, as the task computing it: a second ask of the same
key while the first runs (the table view's facets gathered together, or the best matches'
count of a search beside Datasette's own count of it) waits for that task instead of running
the query again on another thread."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

SIZE = 512
_results: dict[tuple, Any] = {}
_MISSING = object()


async def cached(db, key: tuple, compute: Callable[[], Awaitable[Any]]) -> Any:
    """`compute()`, remembered under `key` while `db` is immutable; a mutable one is never cached."""
    if db.is_mutable:
        return await compute()
    full_key = (db.name, db.hash, *key)
    found = _results.get(full_key, _MISSING)
    if found is _MISSING or (
        # started under another event loop (a test's): it cannot be awaited in this one
        isinstance(found, asyncio.Future) and found.get_loop() is not asyncio.get_running_loop()
    ):
        found = asyncio.ensure_future(_settled(full_key, compute))
        _remember(full_key, found)
    # Shielded: a request that stops waiting leaves the computation to the others.
    return await asyncio.shield(found) if isinstance(found, asyncio.Future) else found


def _remember(full_key: tuple, value: Any) -> None:
    if full_key not in _results and len(_results) >= SIZE:
        _results.pop(next(iter(_results)))
    _results[full_key] = value


async def _settled(full_key: tuple, compute: Callable[[], Awaitable[Any]]) -> Any:
    """`compute()`, put in place of its task once known; its task forgotten if it fails."""
    try:
        value = await compute()
    except BaseException:
        if _results.get(full_key) is asyncio.current_task():
            del _results[full_key]
        raise
    if _results.get(full_key) is asyncio.current_task():
        _results[full_key] = value
    return value
