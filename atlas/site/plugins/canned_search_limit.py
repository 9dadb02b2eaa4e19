"""The canned query `search` (metadata.yml, `/atlas/search.json?q=…`) refuses what /search refuses.

The query is plain SQL: it ranks every match of its words when asked, and only Datasette's time
limit (3 s) stops it; at a million papers "neural tangent kernel" (48,816 matches) took 300-450 ms
and "neural network" 1.5 s. So before Datasette runs it, this wrapper counts the matches from the
search index alone, as /search does, and a search with more than `broad_search.RANKABLE_MATCHES`
matches whose 1,000 rows the build did not store (a single broad word's ranking, which the query
reads instead) is answered 400 at once: the same message and links as /search.json (JSON), the
search page's refusal (HTML), the message as text (CSV and the citation formats). Every other
ask reaches Datasette unchanged, so its answers are the query's own."""

from __future__ import annotations

import re
import sqlite3
import urllib.parse

from datasette import hookimpl
from datasette.utils import escape_fts
from datasette.utils.asgi import Request, Response

from atlas.site import broad_search, pages
from atlas.site.cache import cached

DATABASE, QUERY = "atlas", "search"
PATH = re.compile(rf"^/{DATABASE}/{QUERY}(?:\.(?P<format>\w+))?$")
# The rows the canned query answers (its `limit 1000`): it reads a stored ranking only when that
# holds them all.
CANNED_ROWS = 1000
# What the canned query's SQL reads as a stored word: letters, digits and `_` (its `glob`).
STORED_WORD = re.compile(r"[A-Za-z0-9_]+")


async def too_broad(datasette, query: str) -> int | None:
    """The matches of the canned query's search `query` when it would rank them when asked and
    they are more than the site ranks (`RANKABLE_MATCHES`); else None. A query the index cannot
    read is left to Datasette, which answers it 400 as before."""
    db = datasette.get_database(DATABASE)
    match = escape_fts(query) or '""'
    try:
        total = await cached(db, ("canned search matches", match), lambda: pages._matches(db, match))
    except sqlite3.DatabaseError:
        return None
    if total <= broad_search.RANKABLE_MATCHES:
        return None
    if STORED_WORD.fullmatch(query) and await pages._stored_count(db, [query]) >= CANNED_ROWS:
        return None
    return total


async def refusal(datasette, request: Request, query: str, total: int, form: str | None) -> Response:
    """The 400 answer, in the asked format, saying how to narrow the search and where every
    match is, unranked: /search.json's JSON, the search page's HTML, else its message as text."""
    message = str(broad_search.TooBroad(query.strip(), total))
    paths = broad_search.unranked_urls(query)
    if form in (None, "html") and request.args.get("_format") in (None, "html"):
        context = {"query": query, "page": 1, "total": 0, "papers": [], "refusal": message, "topics": [],
                   **paths}
        html = await datasette.render_template("atlas_search.html", context, request=request)
        return Response.html(html, status=400)
    urls = {name: datasette.absolute_url(request, path) for name, path in paths.items()}
    answer = broad_search.refusal_json(message, total, urls)
    if "json" in (form, request.args.get("_format")):
        return Response.json(answer, status=400)
    return Response.text(answer["error"], status=400)


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def limited(scope, receive, send):
            found = PATH.match(scope.get("path", "")) if scope["type"] == "http" else None
            if found is None or scope["method"] not in ("GET", "HEAD"):
                return await app(scope, receive, send)
            asked = urllib.parse.parse_qs(scope.get("query_string", b"").decode("latin-1"))
            query = asked.get("q", [""])[0]
            total = await too_broad(datasette, query) if query.strip() else None
            if total is None:
                return await app(scope, receive, send)
            # Datasette's CSRF wrapper, inside this one, has not set a token; the page posts nothing.
            request = Request({**scope, "csrftoken": lambda: ""}, receive)
            response = await refusal(datasette, request, query, total, found["format"])
            await response.asgi_send(send)

        return limited

    return wrap
