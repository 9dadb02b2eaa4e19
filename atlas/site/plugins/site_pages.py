"""The site's own pages, beside Datasette's tables: /, /topics, /search, /topic/<id>,
/paper/<id>, /author/<id>. Each route fetches its page data (atlas/site/pages.py) and renders a template
extending Datasette's base; an id that names nothing answers 404."""

from __future__ import annotations

from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from atlas.published import DOWNLOADS, DOWNLOADS_FOLDER
from atlas.site import pages

DATABASE = "atlas"
# Ids are slugs (a list's concepts add their list and kind: phenomena/keyword/…); a dot starts a
# format suffix (/topic/<id>.ttl), served by the RDF plugin.
ID = r"(?P<id>[^.]+)"


def _year(request, name: str) -> int | None:
    value = request.args.get(name, "").strip()
    return int(value) if value.isdigit() else None


async def _render(datasette, request, template: str, context: dict) -> Response:
    return Response.html(await datasette.render_template(template, context, request=request))


def _downloads(datasette) -> list[dict]:
    """The export files dist/ offers (static/downloads/), with their sizes."""
    found = []
    for mount, folder in datasette.static_mounts:
        for name in DOWNLOADS:
            path = Path(folder) / DOWNLOADS_FOLDER / name
            if path.exists():
                url = f"/{mount}/{DOWNLOADS_FOLDER}/{name}"
                found.append({"name": name, "url": url, "bytes": path.stat().st_size})
    return found


async def home_page(datasette, request):
    data = await pages.home(datasette.get_database(DATABASE))
    context = {**data, "metadata": datasette.metadata(), "downloads": _downloads(datasette)}
    return await _render(datasette, request, "atlas_home.html", context)


async def topics_page(datasette, request):
    data = await pages.topic_tree(datasette.get_database(DATABASE))
    return await _render(datasette, request, "atlas_topics.html", data)


async def search_page(datasette, request):
    query = request.args.get("q", "")
    page = max(1, int(request.args.get("page", "1"))) if request.args.get("page", "1").isdigit() else 1
    data = await pages.search(datasette.get_database(DATABASE), query, page)
    return await _render(datasette, request, "atlas_search.html", data)


async def topic_page(datasette, request):
    data = await pages.topic(
        datasette.get_database(DATABASE), request.url_vars["id"], _year(request, "from"), _year(request, "to")
    )
    if data is None:
        raise NotFound("No topic has this id")
    return await _render(datasette, request, "atlas_topic.html", data)


async def paper_page(datasette, request):
    data = await pages.paper(datasette.get_database(DATABASE), request.url_vars["id"])
    if data is None:
        raise NotFound("No paper has this id")
    return await _render(datasette, request, "atlas_paper.html", data)


async def author_page(datasette, request):
    data = await pages.author(datasette.get_database(DATABASE), request.url_vars["id"])
    if data is None:
        raise NotFound("No author has this id")
    return await _render(datasette, request, "atlas_author.html", data)


@hookimpl
def register_routes():
    return [
        (r"^/$", home_page),
        (r"^/topics$", topics_page),
        (r"^/search$", search_page),
        (rf"^/topic/{ID}$", topic_page),
        (rf"^/paper/{ID}$", paper_page),
        (rf"^/author/{ID}$", author_page),
    ]
