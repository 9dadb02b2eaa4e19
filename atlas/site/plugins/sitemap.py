"""/sitemap.xml, a sitemap index, and its pages /sitemap-<kind>-<n>.xml listing every paper, topic
and author page (atlas.site.sitemaps), as the sitemaps.org protocol has them: absolute URLs, made
from the address the sitemap was asked at, or from `plugins → atlas-sitemap → site_url` in
metadata.yml when the site is served behind a proxy under another name."""

from __future__ import annotations

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from atlas.site import sitemaps

DATABASE = "atlas"
PLUGIN_NAME = "atlas-sitemap"
CONTENT_TYPE = "application/xml; charset=utf-8"


def site_url(datasette, request) -> str:
    """The site's address without a trailing slash, as sitemaps and robots.txt name it."""
    configured = (datasette.plugin_config(PLUGIN_NAME) or {}).get("site_url")
    root = configured or datasette.absolute_url(request, datasette.urls.path("/"))
    return root.rstrip("/")


async def _xml(datasette, request, template: str, context: dict) -> Response:
    body = await datasette.render_template(template, context, request=request)
    return Response(body, content_type=CONTENT_TYPE)


async def sitemap_index(datasette, request) -> Response:
    found = await sitemaps.pages(datasette.get_database(DATABASE))
    context = {"site": site_url(datasette, request), "pages": found}
    return await _xml(datasette, request, "sitemap_index.xml", context)


async def sitemap_page(datasette, request) -> Response:
    kind, number = request.url_vars["kind"], int(request.url_vars["number"])
    paths = await sitemaps.page_paths(datasette.get_database(DATABASE), kind, number)
    if paths is None:
        raise NotFound("No such sitemap page: /sitemap.xml lists them.")
    context = {"site": site_url(datasette, request), "paths": paths}
    return await _xml(datasette, request, "sitemap.xml", context)


@hookimpl
def register_routes():
    kinds = "|".join(sitemaps.KINDS)
    return [
        (r"^/sitemap\.xml$", sitemap_index),
        (rf"^/sitemap-(?P<kind>{kinds})-(?P<number>0|[1-9][0-9]{{0,8}})\.xml$", sitemap_page),
    ]
