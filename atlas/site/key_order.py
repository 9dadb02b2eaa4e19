"""A table's first page in the order of its next pages: the sort column, then the primary key.

Datasette's table view sorted by a column (`sort`/`sort_desc` in metadata.yml, `?_sort=`,
`?_sort_desc=`) asks for its first page as `order by year desc limit 21`, and for each next page
after the last row shown, `where (year < :p0 or (year = :p0 and id > :p1)) order by year desc, id`
(datasette/views/table.py). Rows tied on the sort column come back in whatever order SQLite
meets them on the first page, so the next page, starting after the first's last id, repeated
some of the ties and skipped others: paging the real papers table 20 at a time listed 369 rows,
353 of them distinct, of 372 papers.

`in_key_order` gives that first page the next pages' order: the primary key (or keys, or the
rowid of a table without one) after the sort column. Only the table view's exact first page of a
table is changed; a view's pages are offsets into one query and are left as Datasette wrote them."""

from __future__ import annotations

import re

from datasette.utils import escape_sqlite

from atlas.site.cache import cached

_NAME = r"(?:\w+|\[[^\]]+\])"
# The table view's first page (datasette/views/table.py): its columns, each as `escape_sqlite`
# writes it, the table, its filters, and the one column it is sorted by.
_SORTED_FIRST_PAGE = re.compile(
    rf"select (?P<columns>{_NAME}(?:, {_NAME})*) from (?P<table>{_NAME}) (?:where .+ )?"
    rf"order by (?P<column>{_NAME})(?P<desc> desc)? limit (?P<limit>\d+)",
    re.DOTALL,
)


def with_key(sql: str, keys: list[str]) -> str:
    """`sql`, a sorted first page, ordered by `keys` (escaped) after its sort column: unchanged
    unless `sql` is one, or when the sort column is already the whole key."""
    found = _SORTED_FIRST_PAGE.fullmatch(sql)
    if found is None or not keys or [found["column"]] == keys:
        return sql
    order = f"order by {found['column']}{found['desc'] or ''} limit {found['limit']}"
    keyed = f"order by {found['column']}{found['desc'] or ''}, {', '.join(keys)} limit {found['limit']}"
    return sql.removesuffix(order) + keyed


def _unescaped(name: str) -> str:
    return name[1:-1] if name.startswith("[") else name


async def table_key(db, table: str) -> list[str]:
    """The columns Datasette's next pages of `table` are ordered by after the sort column, as
    `escape_sqlite` writes them: its primary keys, or `rowid`; none for a view or no table."""
    async def key() -> list[str]:
        if not await db.table_exists(table):
            return []
        return [escape_sqlite(pk) for pk in await db.primary_keys(table)] or ["rowid"]

    return await cached(db, ("table key", table), key)


async def in_key_order(db, sql: str) -> str:
    """`sql`, or the table view's sorted first page ordered by its table's key after the sort."""
    if db.is_mutable:
        return sql
    found = _SORTED_FIRST_PAGE.fullmatch(sql)
    if found is None:
        return sql
    return with_key(sql, await table_key(db, _unescaped(found["table"])))
