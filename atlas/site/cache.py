"""Results of queries on an immutable database never change: keep the latest few hundred,
keyed by the database's hash and the query, so a page everyone opens counts once per server."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

SIZE = 512
_results: dict[tuple, Any] = {}


async def cached(db, key: tuple, compute: Callable[[], Awaitable[Any]]) -> Any:
    """`compute()`, remembered under `key` while `db` is immutable; a mutable one is never cached."""
    if db.is_mutable:
        return await compute()
    full_key = (db.name, db.hash, *key)
    if full_key not in _results:
        value = await compute()
        if len(_results) >= SIZE:
            _results.pop(next(iter(_results)))
        _results[full_key] = value
    return _results[full_key]
