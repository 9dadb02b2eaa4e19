"""What the sitemaps list: every paper, topic and author page, in pages of at most `PAGE_SIZE`.

A page of the sitemap is a range of rowids of one table, so finding it is an index lookup and a
page keeps its URLs as long as the database is the same. The sitemaps protocol allows 50,000 URLs
a page; a tenth of that keeps each page well inside the site's time budget (10,000 took 160 to 220
ms on a loaded machine), at the cost of more entries in the index: some 270 at a million papers,
of the 50,000 it allows.
"""

from __future__ import annotations

from urllib.parse import quote

from atlas.site.cache import cached

PAGE_SIZE = 5_000
# The table holding each kind's pages, and which of its rows have a page worth listing.
KINDS = {
    "paper": ("papers", "1"),
    "topic": ("topics", "not deprecated"),
    "author": ("authors", "1"),
}


async def pages(db) -> list[tuple[str, int]]:
    """(kind, page number) of every non-empty page, kinds in KINDS order."""

    async def compute() -> list[tuple[str, int]]:
        found = []
        for kind, (table, kept) in KINDS.items():
            sql = (
                "with recursive page(n) as (select 0 union all select n + 1 from page "
                f"where n < (select max(rowid) - 1 from {table}) / :size) "
                f"select n from page where exists (select 1 from {table} where "
                f"rowid between n * :size + 1 and (n + 1) * :size and {kept})"
            )
            found += [(kind, row[0]) for row in (await db.execute(sql, {"size": PAGE_SIZE})).rows]
        return found

    return await cached(db, ("sitemap pages", PAGE_SIZE), compute)


async def page_paths(db, kind: str, number: int) -> list[str] | None:
    """The site paths of one page's rows, or None when there is no such page."""
    if kind not in KINDS or number < 0:
        return None
    table, kept = KINDS[kind]
    sql = f"select id from {table} where rowid between :low and :high and {kept} order by rowid"
    params = {"low": number * PAGE_SIZE + 1, "high": (number + 1) * PAGE_SIZE}
    ids = [row[0] for row in (await db.execute(sql, params)).rows]
    if not ids:
        return None
    return [f"/{kind}/{quote(row_id, safe='/-._~')}" for row_id in ids]
