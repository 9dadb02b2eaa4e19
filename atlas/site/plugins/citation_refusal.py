"""A table's citation file (.bib, .ris, .csljson) that would cite more than `CITED_ROWS` rows is
refused before Datasette runs the table view.

The renderer (citation_output.py) refuses the same ask with the same 400, but only once the view
has read its page of rows, counted every row the filters keep and drawn its facets: up to 1.9 s
at a million papers (a top-level topic's papers) for an ask that is answered "no". Datasette
reads a table's filters before any of that, through this hook; so here, for a citation format
only, the rows the request's filters keep are counted, up to one past the limit, from the same
clauses the view builds (the address's column filters, Datasette's own search, `_where` and
`_through`, every plugin's `_topic`, `_list`), and a count past the limit raises the renderer's
BadRequest, which Datasette renders as it renders the renderer's. Every other ask, and every ask
this cannot count as the renderer would, returns no clause and goes on to the view unchanged."""

from __future__ import annotations

import sqlite3
import sys

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.filters import Filters
from datasette.plugins import pm
from datasette.utils import await_me_maybe, escape_sqlite
from datasette.utils.asgi import BadRequest
from datasette.views.base import ureg

# The module, not its names: CITED_ROWS is read when asked (tests lower it).
from atlas.site.plugins import citation_output

# Asks whose cited rows the renderer reads otherwise than the filters alone keep them: a later
# page (`_next` adds its own clause), or columns chosen (the paper id may be left out, which the
# renderer answers with its own 400). The renderer still refuses these if they are too many.
LEFT_TO_THE_RENDERER = ("_next", "_col", "_nocol")


@hookimpl(trylast=True)
def filters_from_request(request, database, table, datasette):
    if request.url_vars.get("format") not in citation_output.FORMATS or any(
        name in request.args for name in LEFT_TO_THE_RENDERER
    ):
        return None

    async def refuse_too_many():
        if await _too_many(datasette, request, database, table):
            raise BadRequest(citation_output.TOO_MANY)
        return None

    # The function, not its coroutine: a hook awaited before it may raise (a malformed `_through`),
    # and a coroutine never awaited is a warning in the log.
    return refuse_too_many


async def _too_many(datasette, request, database: str, table: str) -> bool:
    """Whether the table's filtered rows are more than a citation file cites. A table naming no
    papers, or filters SQLite cannot run, are the view's and the renderer's to answer."""
    db = datasette.get_database(database)
    if citation_output._paper_id_column(datasette, await db.table_columns(table), table, None) is None:
        return False
    where, params = await _table_filters(datasette, request, database, table)
    kept = (
        f"select count(*) from (select 1 from {escape_sqlite(table)}"
        f"{' where ' + ' and '.join(where) if where else ''} limit {citation_output.CITED_ROWS + 1})"
    )
    try:
        return (await db.execute(kept, params)).single_value() > citation_output.CITED_ROWS
    except QueryInterrupted:
        # Counting them outlasts the time limit: citing them would too (the renderer's answer).
        return True
    except sqlite3.Error:
        return False


async def _table_filters(datasette, request, database: str, table: str) -> tuple[list[str], dict]:
    """The where clauses and parameters of the table view (datasette/views/table.py), built as it
    builds them: the address's column filters, then every other `filters_from_request` hook."""
    pairs = [
        (key, value)
        for key in request.args
        if not (key.startswith("_") and "__" not in key)
        for value in request.args.getlist(key)
    ]
    units = datasette.table_metadata(database, table).get("units", {})
    where, params = Filters(sorted(pairs), units, ureg).build_where_clauses(table)
    others = pm.subset_hook_caller("filters_from_request", remove_plugins=[sys.modules[__name__]])
    for hook in others(request=request, table=table, database=database, datasette=datasette):
        arguments = await await_me_maybe(hook)
        if arguments:
            where.extend(arguments.where_clauses)
            params.update(arguments.params)
    return where, params
