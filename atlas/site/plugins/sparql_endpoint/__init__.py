"""/sparql: a read-only SPARQL 1.1 Protocol endpoint over dist/atlas.nt, with an HTML form.

GET ?query=, POST form (query=) and POST application/sparql-query; GET without a query answers
the endpoint's SPARQL 1.1 Service Description (atlas.site.service_description) in RDF.
SELECT and ASK answer SPARQL JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE Turtle, N-Triples or
JSON-LD, as the Accept header prefers; a browser gets the HTML page with the form, the worked
examples and the results.
Updates are refused (403); the engine (atlas.site.sparql_engine) enforces the other limits.
A package, not a module, so Datasette finds its templates folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs

import yaml
from datasette import hookimpl
from datasette.utils.asgi import Response

from atlas.rdf_terms import RDF_FORMATS, serialize_as
from atlas.site.negotiation import preferred
from atlas.site.service_description import DATASET_QUERY, service_description
from atlas.site.sparql_engine import TEXT, Answer, engine_for

RESULT_TYPES = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
]
GRAPH_TYPES = list(RDF_FORMATS)
EXAMPLES = yaml.safe_load((Path(__file__).parent / "examples.yml").read_text(encoding="utf-8"))
HTML_ROWS = 1000  # the page shows this many rows; the other formats give them all
READ_ONLY = "This endpoint is read-only: SPARQL Update is refused."


def _plain(status: int, message: str) -> Response:
    return Response(message, status=status, content_type=TEXT)


async def _query_text(request) -> tuple[str | None, Response | None]:
    """The query a request carries, or the response refusing it."""
    if request.method in ("GET", "HEAD"):
        if "update" in request.args:
            return None, _plain(403, READ_ONLY)
        return request.args.get("query"), None
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = (await request.post_body()).decode("utf-8", errors="replace")
    if content_type == "application/sparql-query":
        return body, None
    if content_type == "application/sparql-update":
        return None, _plain(403, READ_ONLY)
    if content_type == "application/x-www-form-urlencoded":
        form = parse_qs(body)
        if "update" in form:
            return None, _plain(403, READ_ONLY)
        return (form.get("query") or [None])[0], None
    return None, _plain(415, "POST a query as application/sparql-query or as a form field `query`.")


def _wants_html(accept: str) -> bool:
    offers = ["text/html", *RESULT_TYPES, *GRAPH_TYPES]
    return "text/html" in accept and preferred(accept, offers) == "text/html"


def _results_type(accept: str) -> str:
    chosen = preferred(accept, [*RESULT_TYPES, "application/json"]) or RESULT_TYPES[0]
    return RESULT_TYPES[0] if chosen == "application/json" else chosen


def _cell(datasette, term: dict | None, base: str) -> dict:
    """A result cell; an IRI of the atlas links to its page on this site."""
    value = (term or {}).get("value", "")
    local = term and term["type"] == "uri" and base and value.startswith(base)
    return {"value": value, "href": datasette.urls.path("/" + value[len(base):]) if local else None}


async def _page(datasette, request, query: str, answer: Answer | None) -> Response:
    results = {"kind": None}
    if answer is not None and answer.status == 200:
        if answer.content_type.startswith("application/sparql-results+json"):
            document = json.loads(answer.body)
            if "boolean" in document:
                results = {"kind": "boolean", "value": document["boolean"]}
            else:
                variables = document["head"]["vars"]
                bindings = document["results"]["bindings"]
                rows = [[_cell(datasette, row.get(v), answer.base) for v in variables]
                        for row in bindings[:HTML_ROWS]]
                results = {"kind": "table", "variables": variables, "rows": rows, "count": len(bindings)}
        else:
            results = {"kind": "graph", "text": answer.body.decode("utf-8")}
    elif answer is not None:
        results = {"kind": "error", "text": answer.body.decode("utf-8", errors="replace")}
    context = {"query": query or EXAMPLES[0]["query"], "examples": EXAMPLES, "results": results}
    html = await datasette.render_template("sparql.html", context, request=request)
    return Response.html(html, status=answer.status if answer is not None else 200)


async def _description_or_refusal(datasette, request, engine, accept: str) -> Response:
    """Asked for RDF (or for nothing in particular) without a query, the endpoint describes
    itself, as SPARQL 1.1 Service Description says it should; asked for results, it wants a query."""
    graph_type = preferred(accept, [*GRAPH_TYPES, *RESULT_TYPES, "application/json"])
    if request.method not in ("GET", "HEAD") or graph_type not in GRAPH_TYPES:
        return _plain(400, "Send a SPARQL query: /sparql?query=SELECT…")
    found = await engine.query(DATASET_QUERY, RESULT_TYPES[0], graph_type)
    if found.status != 200:
        return Response(found.body, status=found.status, content_type=found.content_type)
    rows = json.loads(found.body)["results"]["bindings"]
    dataset = rows[0]["dataset"]["value"] if rows else None
    triples = int(rows[0]["triples"]["value"]) if rows else None
    endpoint = datasette.absolute_url(request, datasette.urls.path("/sparql"))
    void_page = datasette.absolute_url(request, datasette.urls.path("/.well-known/void"))
    described = service_description(endpoint, dataset, triples, void_page)
    return Response(serialize_as(described, graph_type, found.base), content_type=_typed(graph_type))


def _typed(media_type: str) -> str:
    return media_type + "; charset=utf-8" if media_type.startswith("text/") else media_type


async def sparql(request, datasette) -> Response:
    engine = engine_for(datasette)
    if engine is None:
        return _plain(503, "No RDF dump (atlas.nt) is served beside the database: build the atlas first.")
    query, refusal = await _query_text(request)
    if refusal is not None:
        return refusal
    accept = request.headers.get("accept", "")
    if _wants_html(accept):
        answer = None
        if query:
            answer = await engine.query(query, RESULT_TYPES[0], "text/turtle")
        response = await _page(datasette, request, query, answer)
    elif not query:
        response = await _description_or_refusal(datasette, request, engine, accept)
    else:
        graph_type = preferred(accept, GRAPH_TYPES) or GRAPH_TYPES[0]
        answer = await engine.query(query, _results_type(accept), graph_type)
        response = Response(answer.body, status=answer.status, content_type=answer.content_type)
    response.headers["Vary"] = "Accept"
    return response


@hookimpl
def register_routes():
    return [(r"^/sparql$", sparql)]
