"""IRIs that resolve: /topic/<id>, /paper/<id>, /author/<id> answer RDF when asked.

By extension (.ttl, .jsonld, .nt) or by an Accept header preferring text/turtle,
application/ld+json or application/n-triples over HTML. Everything else, HTML first of all,
passes through untouched to whatever serves those pages; every answer on these paths gets
`Vary: Accept` and a `Link: rel="alternate"` to each format. An ASGI wrapper, so the HTML routes
need not know RDF exists. The RDF of a resource is its description (atlas.site.sparql_worker).

Every other IRI of the dump answers RDF the same way, so a redirect of the base IRI to the site
resolves all of them: venues, lists, list entries (/source/<list>/line/<n>), the lists' own
concepts, authorship nodes (/paper/<id>/author/<n>) and concept schemes (/scheme/<id>).
A table row asked for in RDF (/atlas/topics/<id>.ttl) is redirected to its resource's IRI path.
"""

from __future__ import annotations

import re

from datasette import hookimpl
from datasette.utils import tilde_decode

from atlas.iris import KINDS, resource_iri
from atlas.rdf_terms import MEDIA_TYPE_OF_EXTENSION, RDF_FORMATS
from atlas.site.negotiation import preferred
from atlas.site.sparql_engine import engine_for

TABLE_ROW = re.compile(
    r"^/[^/]+/(?P<table>topics|papers|authors)/(?P<id>[^/]+?)\.(?P<extension>ttl|jsonld|nt)$"
)
KIND_OF_TABLE = {"topics": "topic", "papers": "paper", "authors": "author"}
RESOURCE_PATH = re.compile(
    rf"^/(?P<kind>{'|'.join(KINDS)})/(?P<id>[^?#]+?)(?:\.(?P<extension>ttl|jsonld|nt))?(?<!\.atom)$"
)


def _links(datasette, kind: str, resource_id: str) -> str:
    page = datasette.urls.path(f"/{kind}/{resource_id}")
    alternates = [f'<{page}>; rel="alternate"; type="text/html"']
    for media, (extension, _) in RDF_FORMATS.items():
        alternates.append(f'<{page}.{extension}>; rel="alternate"; type="{media}"')
    return ", ".join(alternates)


def _accept(scope) -> str:
    for name, value in scope.get("headers", []):
        if name.lower() == b"accept":
            return value.decode("latin-1")
    return ""


async def _answer_rdf(datasette, scope, send, kind, resource_id, media_type, headers) -> None:
    engine = engine_for(datasette)
    if engine is None:
        status, content_type, body = 404, "text/plain; charset=utf-8", b"No RDF dump is served."
    else:
        answer = await engine.describe(resource_iri("", kind, resource_id), media_type)
        status, content_type, body = answer.status, answer.content_type, answer.body
    headers = [*headers, (b"content-type", content_type.encode()), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


def _row_resource(match: re.Match) -> str:
    """The site path of the resource a table row describes (the lists' concepts live under source/)."""
    resource_id = tilde_decode(match["id"])
    kind = KIND_OF_TABLE[match["table"]]
    if kind == "topic" and "/" in resource_id:
        kind = "source"
    return f"{resource_iri('/', kind, resource_id)}.{match['extension']}"


async def _redirect(send, location: str) -> None:
    headers = [(b"location", location.encode()), (b"content-length", b"0")]
    await send({"type": "http.response.start", "status": 303, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def negotiate(scope, receive, send):
            row = TABLE_ROW.match(scope.get("path", "")) if scope["type"] == "http" else None
            if row is not None:
                return await _redirect(send, datasette.urls.path(_row_resource(row)))
            match = RESOURCE_PATH.match(scope.get("path", "")) if scope["type"] == "http" else None
            if match is None or scope["method"] not in ("GET", "HEAD"):
                return await app(scope, receive, send)
            kind, resource_id, extension = match["kind"], match["id"], match["extension"]
            headers = [(b"link", _links(datasette, kind, resource_id).encode())]
            if extension:
                return await _answer_rdf(
                    datasette, scope, send, kind, resource_id, MEDIA_TYPE_OF_EXTENSION[extension], headers)
            headers.append((b"vary", b"Accept"))
            media_type = preferred(_accept(scope), ["text/html", *RDF_FORMATS])
            if media_type in RDF_FORMATS:
                return await _answer_rdf(datasette, scope, send, kind, resource_id, media_type, headers)

            async def send_with_headers(message):
                if message["type"] == "http.response.start":
                    message = {**message, "headers": [*message.get("headers", []), *headers]}
                await send(message)

            return await app(scope, receive, send_with_headers)

        return negotiate

    return wrap
