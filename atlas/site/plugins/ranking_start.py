"""Start ranking a searched papers table page's best matches (ranked_matches.py) as soon as its
filters are read, so the ranking query runs on its own SQL thread beside the table's rows,
count and facet queries, which Datasette runs one after another, instead of after them all: on
this two-core machine that hides the 40-90 ms of a cold ranking at a million papers. The page
awaits the started ranking when it renders; JSON, CSV and other formats start none."""

from __future__ import annotations

import asyncio

from datasette import hookimpl

# The module, not its names: a hook implementation imported by name would be registered twice.
from atlas.site.plugins import ranked_matches


@hookimpl
def filters_from_request(request, database, table, datasette):
    if (
        table != ranked_matches.TABLE
        or request.url_vars.get("format") not in (None, "html")
        or ranked_matches.STARTED in request.scope
    ):
        return None
    match = ranked_matches.ranked_search(datasette, database, request)
    if match is None:
        return None
    # The ranking reads the filters through this hook again once it runs: marked by then.
    request.scope[ranked_matches.STARTED] = asyncio.ensure_future(
        ranked_matches.ranked(datasette, database, request, match)
    )
    return None
