"""Cross-origin reads of the atlas's data: a web page on any other site may fetch() it.

The data is public and read-only, and no answer depends on who asks, so every data answer says
`Access-Control-Allow-Origin: *` and never allows credentials (a browser then sends no cookies).
Data answers are /sparql, /reconcile, the VoID, the resources' IRIs (RDF by Accept) and every
path ending in a data format's extension: Datasette's JSON and CSV, the RDF forms, the feeds,
the citation formats, the downloads, the sitemaps. A preflight OPTIONS on those paths is answered
here, before any route sees it: POST where the route takes POSTed queries, GET and HEAD elsewhere.

An ASGI wrapper rather than Datasette's `--cors`: that is a command-line flag (`datasette dist`
would not have it), covers only Datasette's own views, not the plugins' routes, and answers no
preflight. A header Datasette already set is replaced, never doubled: a browser refuses `*, *`.
"""

from __future__ import annotations

import re

from datasette import hookimpl

from atlas.iris import KINDS

DATA_EXTENSIONS = ("json", "csv", "tsv", "atom", "rss", "ttl", "nt", "jsonld", "rdf", "ris", "csljson",
                   "bib", "xml", "txt")
DATA_PATH = re.compile(
    rf"^/(?:sparql|reconcile(?:/.*)?|\.well-known/void|(?:{'|'.join(KINDS)})/.+)$"
    rf"|\.(?:{'|'.join(DATA_EXTENSIONS)})$"
)
# Routes that answer POSTed queries (the SPARQL 1.1 Protocol; OpenRefine's form-encoded batches).
POSTED = re.compile(r"^/(?:sparql|reconcile)$")
ALLOW_HEADERS = b"Accept, Accept-Language, Content-Language, Content-Type"
EXPOSE_HEADERS = b"Link, Vary, Content-Length"
MAX_AGE = b"86400"
OURS = {b"access-control-allow-origin", b"access-control-allow-headers", b"access-control-expose-headers",
        b"access-control-allow-methods", b"access-control-max-age", b"access-control-allow-credentials"}


def methods(path: str) -> bytes:
    return b"GET, HEAD, POST, OPTIONS" if POSTED.match(path) else b"GET, HEAD, OPTIONS"


def _with_cors(headers: list, extra: list[tuple[bytes, bytes]]) -> list:
    kept = [(name, value) for name, value in headers if name.lower() not in OURS]
    return [*kept, (b"access-control-allow-origin", b"*"), (b"access-control-expose-headers", EXPOSE_HEADERS),
            *extra]


async def _preflight(path: str, send) -> None:
    headers = _with_cors([], [
        (b"access-control-allow-methods", methods(path)),
        (b"access-control-allow-headers", ALLOW_HEADERS),
        (b"access-control-max-age", MAX_AGE),
        (b"allow", methods(path)),
        (b"content-length", b"0"),
    ])
    await send({"type": "http.response.start", "status": 204, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


# Last to wrap, so outermost: answers other wrappers make themselves (the RDF of an IRI) get it too.
@hookimpl(trylast=True)
def asgi_wrapper(datasette):
    def wrap(app):
        async def cors(scope, receive, send):
            path = scope.get("path", "") if scope["type"] == "http" else ""
            if not DATA_PATH.search(path):
                return await app(scope, receive, send)
            if scope["method"] == "OPTIONS":
                return await _preflight(path, send)

            async def send_with_cors(message):
                if message["type"] == "http.response.start":
                    message = {**message, "headers": _with_cors(list(message.get("headers", [])), [])}
                await send(message)

            return await app(scope, receive, send_with_cors)

        return cors

    return wrap
