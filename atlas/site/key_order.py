"""A table's first page in the order of its next pages: the sort column, then the primary key.

Datasette's table view sorted by a column (`sort`/`sort_desc` in metadata.yml, `?_sort=`,
`?_sort_desc=`) asks for its first page as `order by year desc limit 21`, and for each next page
after the last row shown, `where (year < :p0 or (year = :p0 and id > :p1)) order by year desc, id`
(datasette/views/table.py). Rows tied on the sort column come back in whatever order SQLite
meets them on the first page, so the next page, starting after the first's last id, repeated
some of the ties and skipped others: paging the real papers table 20 at a time listed 369 rows,
353 of them distinct, of 372 papers.

`in_key_order` gives that first page the next pages' order: the primary key (or keys, or the
rowid of a table without one) after the sort column. A view has no key: its pages are offsets
into `order by year desc limit 8 offset 7`, and SQLite sorts only the first `limit + offset`
rows of each, so nothing holds ties in one order from page to page (paper_entries sorted by year
listed its ties in one order seven at a time and in another on one page, though each row once);
each sorted page of a view is ordered by every column it shows after the sort column, so rows
alike in all of them are the only ties left, and they look the same whichever comes first.

Only the table view's exact pages are changed."""

from __future__ import annotations

import re

from datasette.utils import escape_sqlite

from atlas.site.cache import cached

_NAME = r"(?:\w+|\[[^\]]+\])"
# The table view's first page of a table, or any page of a view (datasette/views/table.py): its
# columns, each as `escape_sqlite` writes it, the table, its filters, the one column it is sorted
# by, and a view's offset.
_SORTED_PAGE = re.compile(
    rf"select (?P<columns>{_NAME}(?:, {_NAME})*) from (?P<table>{_NAME}) (?:where .+ )?"
    rf"order by (?P<column>{_NAME})(?P<desc> desc)? limit (?P<limit>\d+)(?P<offset> offset \d+)?",
    re.DOTALL,
)


def with_key(sql: str, keys: list[str]) -> str:
    """`sql`, a sorted page, ordered by `keys` (escaped) after its sort column: unchanged unless
    `sql` is one, or when the sort column is the whole key. The sort column is left out of the
    keys after it: the same order, and SQLite then reads `order by source_id, line, item` from
    the entries' primary key, where `source_id, source_id, line, item` sorted every source."""
    found = _SORTED_PAGE.fullmatch(sql)
    keys = [key for key in keys if found is None or key != found["column"]]
    if found is None or not keys:
        return sql
    sort = f"order by {found['column']}{found['desc'] or ''}"
    rest = f" limit {found['limit']}{found['offset'] or ''}"
    return sql.removesuffix(sort + rest) + f"{sort}, {', '.join(keys)}{rest}"


def _unescaped(name: str) -> str:
    return name[1:-1] if name.startswith("[") else name


async def table_key(db, table: str) -> list[str] | None:
    """The columns Datasette's next pages of `table` are ordered by after the sort column, as
    `escape_sqlite` writes them: its primary keys, or `rowid`; None for a view; none for neither."""
    async def key() -> list[str] | None:
        if await db.table_exists(table):
            return [escape_sqlite(pk) for pk in await db.primary_keys(table)] or ["rowid"]
        return None if table in await db.view_names() else []

    return await cached(db, ("table key", table), key)


async def in_key_order(db, sql: str) -> str:
    """`sql`, or the table view's sorted page ordered after the sort by its table's key (a first
    page of a table) or by the columns it shows (any page of a view)."""
    if db.is_mutable:
        return sql
    found = _SORTED_PAGE.fullmatch(sql)
    if found is None:
        return sql
    key = await table_key(db, _unescaped(found["table"]))
    if key is None:
        return with_key(sql, found["columns"].split(", "))
    return sql if found["offset"] else with_key(sql, key)
