"""/reconcile: a W3C Entity Reconciliation service (API v0.2, as OpenRefine speaks it) over the
atlas's papers, authors and topics, matched by atlas.site.reconcile.

GET without queries: the service manifest. `queries=` (a JSON object of queries, by GET or by a
POSTed form): for each query, its candidates with id, name, type, score and match. An id is the
resource's path (paper/<id>, author/<id>, topic/<id>), so the manifest's identifierSpace, the
atlas's base IRI, followed by the id is the resource's IRI, and the site followed by it its page.
/reconcile/preview shows one candidate; /reconcile/suggest/entity and /reconcile/suggest/type
complete what a user types. A `callback` wraps the answer for JSONP (older OpenRefine).
Bad input (not JSON, unknown types, too many queries) answers 400, never 500.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs

from datasette import hookimpl
from datasette.utils.asgi import Response

from atlas.site import reconcile
from atlas.site.plugins.sitemap import site_url

DATABASE = "atlas"
MAX_QUERIES = 100
DEFAULT_LIMIT = 5
MAX_LIMIT = 100
MAX_TEXT = 1000
CALLBACK = re.compile(r"^[A-Za-z_$][\w$]{0,63}(?:\.[A-Za-z_$][\w$]{0,63}){0,3}$")
TYPES = [{"id": kind, "name": name} for kind, name in reconcile.KINDS.items()]


class BadQuery(ValueError):
    pass


async def _arguments(request) -> dict[str, str]:
    """The request's parameters: the address's, and a POSTed form's over them."""
    values = {key: request.args.get(key) for key in request.args}
    if request.method == "POST":
        body = (await request.post_body()).decode("utf-8", errors="replace")
        values.update({key: items[0] for key, items in parse_qs(body).items()})
    return values


def _answer(document, arguments: dict[str, str], status: int = 200) -> Response:
    callback = arguments.get("callback")
    text = json.dumps(document, ensure_ascii=False)
    if callback is None:
        return Response(text, status=status, content_type="application/json; charset=utf-8")
    if not CALLBACK.match(callback):
        return Response.text("callback must be a JavaScript name.", status=400)
    # The comment keeps a callback name from being read as the start of another file format.
    script = Response(f"/**/{callback}({text});", status=status, content_type="application/javascript")
    script.headers["X-Content-Type-Options"] = "nosniff"
    return script


async def _base_iri(datasette) -> str:
    rows = (await datasette.get_database(DATABASE).execute(
        "select iri, id from topic_schemes where ours = 1 limit 1")).rows
    return rows[0]["iri"].removesuffix(f"scheme/{rows[0]['id']}") if rows else ""


async def manifest(datasette, request) -> dict:
    site = site_url(datasette, request)
    base = await _base_iri(datasette)
    return {
        "versions": ["0.1", "0.2"],
        "name": "DL Theory Atlas",
        "identifierSpace": base,
        "schemaSpace": base,
        "defaultTypes": TYPES,
        "view": {"url": f"{site}/{{{{id}}}}"},
        "preview": {"url": f"{site}/reconcile/preview?id={{{{id}}}}", "width": 430, "height": 150},
        "suggest": {
            "entity": {"service_url": site, "service_path": "/reconcile/suggest/entity"},
            "type": {"service_url": site, "service_path": "/reconcile/suggest/type"},
        },
    }


def _parsed_queries(text: str) -> dict[str, dict]:
    try:
        queries = json.loads(text)
    except ValueError as error:
        raise BadQuery(f"queries is not JSON: {error}") from None
    if not isinstance(queries, dict):
        raise BadQuery('queries must be a JSON object: {"q0": {"query": "…"}, …}')
    if len(queries) > MAX_QUERIES:
        raise BadQuery(f"At most {MAX_QUERIES} queries a request.")
    return {key: _parsed_query(key, query) for key, query in queries.items()}


def _parsed_query(key: str, query) -> dict:
    if not isinstance(query, dict) or not isinstance(query.get("query"), str):
        raise BadQuery(f"Query {key} must be an object with a string `query`.")
    if len(query["query"]) > MAX_TEXT:
        raise BadQuery(f"Query {key} is longer than {MAX_TEXT} characters.")
    kinds = query.get("type") or []
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if not isinstance(kinds, list) or any(kind not in reconcile.KINDS for kind in kinds):
        raise BadQuery(f"Query {key}: type must be one of {', '.join(reconcile.KINDS)}.")
    limit = query.get("limit", DEFAULT_LIMIT)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise BadQuery(f"Query {key}: limit must be a positive integer.")
    return {"text": query["query"], "kinds": kinds, "limit": min(limit, MAX_LIMIT),
            "properties": _properties(key, query.get("properties") or [])}


def _properties(key: str, properties) -> dict[str, str]:
    """OpenRefine's `properties` ([{"pid": "year", "v": "2018"}]) as {pid: value}; year and author
    are the ones that score papers, others are kept but not used."""
    if not isinstance(properties, list) or not all(isinstance(p, dict) and "pid" in p for p in properties):
        raise BadQuery(f'Query {key}: properties must be a list of {{"pid": …, "v": …}}.')
    found = {}
    for item in properties:
        value = item.get("v")
        value = value[0] if isinstance(value, list) and value else value
        value = value.get("id") or value.get("name") if isinstance(value, dict) else value
        found[str(item["pid"])] = "" if value is None else str(value)
    return found


def _result(candidate: reconcile.Candidate, match: bool) -> dict:
    return {
        "id": candidate.path,
        "name": candidate.name,
        "type": [{"id": candidate.kind, "name": reconcile.KINDS[candidate.kind]}],
        "score": candidate.score,
        "match": match,
        "description": candidate.description,
    }


async def answer_queries(db, queries: dict[str, dict]) -> dict:
    answers = {}
    for key, query in queries.items():
        found = await reconcile.reconcile(db, query["text"], query["kinds"], query["properties"])
        answers[key] = {"result": [_result(c, match) for c, match in reconcile.ranked(found, query["limit"])]}
    return answers


async def service(datasette, request) -> Response:
    arguments = await _arguments(request)
    if arguments.get("extend"):
        return _answer({"error": "Data extension is not offered; see the manifest."}, arguments, 400)
    if not arguments.get("queries"):
        return _answer(await manifest(datasette, request), arguments)
    try:
        queries = _parsed_queries(arguments["queries"])
    except BadQuery as error:
        return _answer({"error": str(error)}, arguments, 400)
    return _answer(await answer_queries(datasette.get_database(DATABASE), queries), arguments)


async def suggest_entity(datasette, request) -> Response:
    arguments = await _arguments(request)
    prefix = (arguments.get("prefix") or "")[:MAX_TEXT]
    kinds = [kind for kind in (arguments.get("type") or "").split(",") if kind]
    if any(kind not in reconcile.KINDS for kind in kinds):
        return _answer({"error": f"type must be one of {', '.join(reconcile.KINDS)}."}, arguments, 400)
    found = await reconcile.reconcile(datasette.get_database(DATABASE), prefix, kinds, {}) if prefix else []
    results = [{"id": c.path, "name": c.name, "description": c.description}
               for c, _ in reconcile.ranked(found, 10)]
    return _answer({"result": results}, arguments)


async def suggest_type(datasette, request) -> Response:
    arguments = await _arguments(request)
    prefix = (arguments.get("prefix") or "").casefold()
    return _answer({"result": [t for t in TYPES if t["name"].casefold().startswith(prefix)]}, arguments)


async def preview(datasette, request) -> Response:
    kind, _, resource_id = (request.args.get("id") or "").partition("/")
    db = datasette.get_database(DATABASE)
    found = await reconcile.describe(db, kind, resource_id) if kind in reconcile.KINDS else None
    if found is None:
        return Response.text("No paper, author or topic has this id.", status=404)
    context = {"item": found, "kind": kind}
    html = await datasette.render_template("reconcile_preview.html", context, request=request)
    return Response.html(html)


@hookimpl
def register_routes():
    return [
        (r"^/reconcile$", service),
        (r"^/reconcile/suggest/entity$", suggest_entity),
        (r"^/reconcile/suggest/type$", suggest_type),
        (r"^/reconcile/preview$", preview),
    ]
