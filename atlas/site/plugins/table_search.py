"""The papers table's searches answered from the search index and the build's stored pages
(atlas/site/table_search.py): each immutable database's queries pass through `rewritten` first,
which changes only the table view's count and first page of a searched papers table."""

from __future__ import annotations

from datasette import hookimpl

from atlas.site import table_search


@hookimpl
def startup(datasette):
    for db in datasette.databases.values():
        if not db.is_mutable and not getattr(db.execute, "atlas_table_search", False):
            db.execute = _shortcut(db)


def _shortcut(db):
    run = db.execute

    async def execute(sql, params=None, *args, **kwargs):
        sql, params = await table_search.rewritten(db, run, sql, params)
        return await run(sql, params, *args, **kwargs)

    execute.atlas_table_search = True
    return execute
