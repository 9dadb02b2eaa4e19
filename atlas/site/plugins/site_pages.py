"""The site's own pages, beside Datasette's tables: /, /topics, /search, /topic/<id>,
/paper/<id>, /author/<id>, and /search.json, the search as JSON. Each route fetches its page data
(atlas/site/pages.py) and renders a template extending Datasette's base; an id that names nothing
answers 404, a malformed argument 400."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils import path_with_replaced_args
from datasette.utils.asgi import NotFound, Response

from atlas.published import DOWNLOADS, DOWNLOADS_FOLDER
from atlas.site import pages, structured_data
from atlas.site.broad_search import TooBroad, refusal_json, unranked_urls

DATABASE = "atlas"
# Ids are slugs (a list's concepts add their list and kind: phenomena/keyword/…); a dot starts a
# format suffix (/topic/<id>.ttl), served by the RDF plugin.
ID = r"(?P<id>[^.]+)"
# /search.json: papers per answer by default and at most, and the most words a search may hold.
API_PAGE_SIZE, API_MAX_PAGE_SIZE, API_MAX_WORDS = 50, 200, 32
# Datasette's time limit interrupting a query; one striking while SQLite opens the search index
# is reported as that index failing to open.
INTERRUPTED = re.compile(r"interrupted|vtable constructor failed")
COUNT = re.compile(r"^\d{1,9}$")
YEAR = re.compile(r"^-?\d{1,4}$")


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


def _url(datasette, request):
    """A function making a site path into the absolute URL a client reached this site by."""
    return lambda path: datasette.absolute_url(request, path)


async def home_page(datasette, request):
    data = await pages.home(datasette.get_database(DATABASE))
    downloads, metadata = _downloads(datasette), datasette.metadata()
    jsonld = structured_data.dataset(data, metadata, downloads, _url(datasette, request))
    context = {**data, "metadata": metadata, "downloads": downloads, "jsonld": jsonld}
    return await _render(datasette, request, "atlas_home.html", context)


async def topics_page(datasette, request):
    data = await pages.topic_tree(datasette.get_database(DATABASE))
    return await _render(datasette, request, "atlas_topics.html", data)


async def search_page(datasette, request):
    """/search; a search too broad to rank, or that outlasts the time limit, answers 400 with the
    page saying how to narrow it and where every match is, unranked."""
    query = request.args.get("q", "")
    page = max(1, int(request.args.get("page", "1"))) if request.args.get("page", "1").isdigit() else 1
    try:
        data = await pages.search(datasette.get_database(DATABASE), query, page)
    except (TooBroad, QueryInterrupted, sqlite3.OperationalError) as error:
        refusal = _refusal(error, query)
        context = {"query": query, "page": page, "total": 0, "papers": [], "refusal": refusal,
                   "topics": error.topics if isinstance(error, TooBroad) else [], **unranked_urls(query)}
        html = await datasette.render_template("atlas_search.html", context, request=request)
        return Response.html(html, status=400)
    return await _render(datasette, request, "atlas_search.html", data)


def _refusal(error: Exception, query: str) -> str:
    """What a search that was not ranked says, or `error` raised again when it is no refusal."""
    if isinstance(error, TooBroad):
        return str(error)
    if not isinstance(error, QueryInterrupted) and not INTERRUPTED.search(str(error)):
        raise error
    return (f"“{query.strip()}” matches too many papers to rank in time: add a word, a topic or years. "
            "Every match, unranked, is in the papers table, with its SQL, filters and CSV and JSON exports")


async def topic_page(datasette, request):
    data = await pages.topic(
        datasette.get_database(DATABASE), request.url_vars["id"], _year(request, "from"), _year(request, "to")
    )
    if data is None:
        raise NotFound("No topic has this id")
    jsonld = structured_data.defined_term(data, _url(datasette, request))
    return await _render(datasette, request, "atlas_topic.html", {**data, "jsonld": jsonld})


async def paper_page(datasette, request):
    db = datasette.get_database(DATABASE)
    data = await pages.paper(db, request.url_vars["id"])
    if data is None:
        raise NotFound("No paper has this id")
    article = structured_data.scholarly_article(data, await pages.base_iri(db), _url(datasette, request))
    context = {**data, "citation_tags": structured_data.citation_tags(data), "jsonld": article}
    return await _render(datasette, request, "atlas_paper.html", context)


async def author_page(datasette, request):
    data = await pages.author(datasette.get_database(DATABASE), request.url_vars["id"])
    if data is None:
        raise NotFound("No author has this id")
    return await _render(datasette, request, "atlas_author.html", data)


class _BadArgument(ValueError):
    """An argument of /search.json that cannot be read: answered 400 with its message."""


def _argument(request, name: str, pattern: re.Pattern, default: int | None) -> int | None:
    value = request.args.get(name)
    if value is None or value == "":
        return default
    if not pattern.match(value):
        raise _BadArgument(f"{name} must be a whole number, not {value[:40]!r}")
    return int(value)


async def _search_arguments(db, request) -> dict:
    """The search and its filters from the address, or _BadArgument naming what is wrong."""
    query = request.args.get("q", "")
    words = pages.search_words(query)
    if not words:
        raise _BadArgument("q must hold a word to search for, e.g. ?q=neural+tangent+kernel")
    if len(words) > API_MAX_WORDS:
        raise _BadArgument(f"q may hold at most {API_MAX_WORDS} words")
    size = API_MAX_PAGE_SIZE if request.args.get("_size") == "max" else _argument(
        request, "_size", COUNT, API_PAGE_SIZE)
    if not 1 <= size <= API_MAX_PAGE_SIZE:
        raise _BadArgument(f"_size must be between 1 and {API_MAX_PAGE_SIZE}")
    topic = None
    if request.args.get("topic"):
        topic = await pages.topic_row(db, request.args["topic"])
        if topic is None:
            raise _BadArgument("topic names no topic; see /topics for their ids")
    return {
        "query": query, "size": size, "offset": _argument(request, "_next", COUNT, 0), "topic": topic,
        "year_from": _argument(request, "from", YEAR, None), "year_to": _argument(request, "to", YEAR, None),
    }


async def search_json(datasette, request):
    """/search.json: what /search ranks, as data, with each paper's authors, topics and score."""
    db = datasette.get_database(DATABASE)
    try:
        asked = await _search_arguments(db, request)
    except _BadArgument as error:
        return Response.json({"ok": False, "error": str(error)}, status=400)
    try:
        found = await pages.search_results(db, **asked)
    except (TooBroad, QueryInterrupted, sqlite3.OperationalError) as error:
        unranked = unranked_urls(asked["query"]).items()
        urls = {name: datasette.absolute_url(request, path) for name, path in unranked}
        answer = refusal_json(_refusal(error, asked["query"]), getattr(error, "total", None), urls)
        return Response.json(answer, status=400)
    ids = [paper["id"] for paper in found["papers"]]
    authors, topics = await pages.papers_authors_and_topics(db, ids)
    papers = [
        {**paper, "url": datasette.absolute_url(request, f"/paper/{paper['id']}"),
         "authors": authors[paper["id"]], "topics": topics[paper["id"]], "score": round(paper["score"], 4)}
        for paper in found["papers"]
    ]
    following = asked["offset"] + len(papers)
    more = bool(papers) and pages.has_next_page(found, following, asked["size"])
    next_url = datasette.absolute_url(request, path_with_replaced_args(request, {"_next": str(following)}))
    return Response.json({
        "ok": True, "q": asked["query"], "total": found["total"], "papers": papers,
        "topics": [{**topic, "url": datasette.absolute_url(request, f"/topic/{topic['id']}")}
                   for topic in found["topics"]],
        "next": following if more else None, "next_url": next_url if more else None,
    })


@hookimpl
def register_routes():
    return [
        (r"^/$", home_page),
        (r"^/topics$", topics_page),
        (r"^/search$", search_page),
        (r"^/search\.json$", search_json),
        (rf"^/topic/{ID}$", topic_page),
        (rf"^/paper/{ID}$", paper_page),
        (rf"^/author/{ID}$", author_page),
    ]
