"""The papers table, searched with no other order asked for, shows its best matches first.

Datasette's table view orders only by a column and pages by that column (its issue #268), so
the table itself keeps its order; above it, the table page lists the most relevant matches
under exactly the filters the table applies: the address's column filters and every plugin's
`filters_from_request` clauses (Datasette's own search, topic, list, `_where`), rebuilt the way
the table view builds them. Exports, facets and pagination are the table's, untouched."""

from __future__ import annotations

# The module, not its functions: a hook implementation imported by name into a plugin module
# would be registered a second time as this plugin's own.
from datasette import filters as datasette_filters
from datasette import hookimpl
from datasette.plugins import pm
from datasette.utils import await_me_maybe, escape_fts

from atlas.published import topic_search_clause
from atlas.site import pages

TABLE = "papers"
# Ranking every match of a very broad search costs more than it helps; past this, no list, and
# the server remembers that for this search. Twice what 37k matches take at 1M papers, so a
# server's first, slower request still ranks them.
TIME_LIMIT_MS = 300


# Where a table page's request holds its ranking once started (ranking_start.py).
STARTED = "atlas_best_matches"


@hookimpl
def extra_template_vars(view_name, database, table, request, datasette):
    if view_name != "table" or table != TABLE or request is None:
        return {}
    match = ranked_search(datasette, database, request)
    if match is None:
        return {}

    async def shown() -> dict:
        started = request.scope.get(STARTED)
        return await started if started is not None else await ranked(datasette, database, request, match)

    return shown


def ranked_search(datasette, database: str, request) -> str | None:
    """The full-text query whose best matches the papers table page shows, or None: none when
    nothing is searched, on a next page, or in an order the reader chose."""
    args = request.args
    search = args.get("_search", "")
    match = escape_fts(search) if args.get("_searchmode") != "raw" else search
    if not match.strip() or args.get("_next") or not _default_order(datasette, database, args):
        return None
    return match


async def ranked(datasette, database: str, request, match: str) -> dict:
    """The page's variables: its best matches, or that ranking them took too long."""
    where, params = await _table_filters(datasette, request, database)
    narrowed, where = _topic_search(match, where, params)
    matches = await pages.best_matches(
        datasette.get_database(database), narrowed, where, params, TIME_LIMIT_MS
    )
    if matches is None:
        return {"atlas_best_matches_timed_out": True}
    return {"atlas_best_matches": matches}


def _default_order(datasette, database: str, args) -> bool:
    """No order asked for, or the table's own: the table view's search form sends the current
    order with every search, so a reader who never chose one arrives with `_sort_desc=year`."""
    metadata = datasette.table_metadata(database, TABLE)
    asked = (args.get("_sort") or None, args.get("_sort_desc") or None)
    return asked in {(None, None), (metadata.get("sort"), metadata.get("sort_desc"))}


async def _table_filters(datasette, request, database: str) -> tuple[list[str], dict]:
    """The where clauses and parameters of the table view for this address (datasette/views/
    table.py): column filters from arguments not starting with `_`, then every plugin's, less
    Datasette's own search clause, which the ranking query's full-text match is."""
    pairs = [
        (key, value)
        for key in request.args
        if not (key.startswith("_") and "__" not in key)
        for value in request.args.getlist(key)
    ]
    where, params = datasette_filters.Filters(sorted(pairs)).build_where_clauses(TABLE)
    for hook in pm.hook.filters_from_request(
        request=request, table=TABLE, database=database, datasette=datasette
    ):
        arguments = await await_me_maybe(hook)
        if arguments:
            where.extend(arguments.where_clauses)
            params.update(arguments.params)
    search = await datasette_filters.search_filters(
        request=request, database=database, table=TABLE, datasette=datasette
    )()
    return [clause for clause in where if clause not in search.where_clauses], params


def _topic_search(match: str, where: list[str], params: dict) -> tuple[str, list[str]]:
    """The full-text query to rank and the clauses left to apply. A search inside one topic of
    ours is already a full-text query of its own (the searched words and the topic's word,
    paper_filters.py): ranking by it scores only the papers in the topic, where ranking the
    words alone scores every match before the topic drops most of them. Each paper scores the
    same, the topic's word having weight 0 (SEARCH_WEIGHTS)."""
    clause = topic_search_clause("atlas_topic_0")
    narrowed = params.get("atlas_topic_0")
    if clause not in where or topic_search_clause("atlas_topic_1") in where or not (
        isinstance(narrowed, str) and narrowed.endswith(f"({match})")
    ):
        return match, where
    return narrowed, [kept for kept in where if kept != clause]
