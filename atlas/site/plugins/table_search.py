"""The table view's queries on each immutable database, answered faster or in a steadier order:
each query passes through `table_search.index_counted` (a searched count answered once per
search), `table_search.rewritten` (the papers table's searches answered from the search index
and the build's stored pages), `table_search.with_shared_matches` (a search's matches read from
their list, read once), then `key_order.in_key_order` (a sorted table's first page ordered by its
primary key within ties, as its next pages are). One wrapper, so they always apply in this
order: a searched first page the stored pages answer is never reordered."""

from __future__ import annotations

from datasette import hookimpl

from atlas.site import key_order, table_search


@hookimpl
def startup(datasette):
    for db in datasette.databases.values():
        if not db.is_mutable and not getattr(db.execute, "atlas_table_search", False):
            db.execute = _shortcut(db)


def _shortcut(db):
    run = db.execute

    async def execute(sql, params=None, *args, **kwargs):
        counted = await table_search.index_counted(db, run, sql, params)
        if counted is not None:
            return counted
        sql, params = await table_search.rewritten(db, run, sql, params)
        sql, params = await table_search.with_shared_matches(db, run, sql, params)
        sql = await key_order.in_key_order(db, sql)
        return await run(sql, params, *args, **kwargs)

    execute.atlas_table_search = True
    return execute
