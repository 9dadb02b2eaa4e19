"""/robots.txt: crawl everything a reader can link to, name the sitemap, and keep crawlers out
of the pages that run a visitor's own query (arbitrary SQL, SPARQL queries), which are endless
and cost the server a query each."""

from __future__ import annotations

from datasette import hookimpl
from datasette.utils.asgi import Response

from atlas.site.plugins.sitemap import site_url


async def robots(datasette, request) -> Response:
    context = {"site": site_url(datasette, request), "database": "atlas"}
    body = await datasette.render_template("robots.txt", context, request=request)
    return Response.text(body)


@hookimpl
def register_routes():
    return [(r"^/robots\.txt$", robots)]
