"""A SPARQL worker process: loads dist/atlas.nt into pyoxigraph and answers one request at a time.

Run as `python -m atlas.site.sparql_worker DUMP MAX_BYTES MAX_MEMORY`; the site (atlas.site.sparql_engine)
starts a few and kills one whose query runs past the time limit, which is the only way to stop a
query pyoxigraph is evaluating; one that needs more than MAX_MEMORY bytes dies of it instead.
Requests are JSON lines on stdin; each answer is a JSON line (status, content type, length)
followed by that many bytes on stdout.

Read-only and safe for the open web: the store lives in memory and only `Store.query` is ever
called (never `update`, so no LOAD); SERVICE, which would make the worker fetch URLs, is refused
before evaluation; a result stops being written once it passes MAX_BYTES.
"""

from __future__ import annotations

import json
import re
import resource
import sys
from typing import BinaryIO

from pyoxigraph import NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, Store

from atlas.rdf_terms import LABEL_PROPERTIES, PROV, RDF_FORMATS, SCHEMA, VOID, serialize_as

RESULT_FORMATS = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
# Strings, IRIs and comments, which may hold the word SERVICE without it being the keyword.
NOT_KEYWORDS = re.compile(
    r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|<[^<>\s]*>|#[^\n]*", re.DOTALL
)
SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:-])", re.IGNORECASE)
UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*|BASE\s+)\s*\S+\s*)*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
# Linked from a resource and described with it: its authorship nodes and the entries attesting it.
PART_OF_DESCRIPTION = {NamedNode(f"{SCHEMA}author"), NamedNode(f"{PROV}wasDerivedFrom")}
LABELS = [NamedNode(iri) for iri in LABEL_PROPERTIES]


class ResultTooLarge(Exception):
    pass


class CappedBuffer:
    """A binary sink that stops a serializer once it has written more than `limit` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit, self.parts, self.size, self.exceeded = limit, [], 0, False

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            self.exceeded = True
            raise ResultTooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def refusal(query: str) -> tuple[int, str] | None:
    """Why a query text is refused before it is evaluated, with the HTTP status to say it with."""
    code = NOT_KEYWORDS.sub(lambda match: "<>" if match[0].startswith("<") else " ", query)
    if UPDATE.match(code):
        return 403, "This endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, …) is refused."
    if SERVICE.search(code):
        return 400, "SERVICE is refused: this endpoint does not query other endpoints."
    return None


def answer_query(store: Store, query: str, results_type: str, graph_type: str,
                 max_bytes: int) -> tuple[int, str, bytes]:
    refused = refusal(query)
    if refused:
        return refused[0], "text/plain; charset=utf-8", refused[1].encode()
    try:
        result = store.query(query)
    except SyntaxError as error:
        return 400, "text/plain; charset=utf-8", f"SPARQL syntax error: {error}".encode()
    except OSError as error:
        return 400, "text/plain; charset=utf-8", f"The query was refused: {error}".encode()
    sink = CappedBuffer(max_bytes)
    try:
        if isinstance(result, QuerySolutions | QueryBoolean):
            result.serialize(sink, RESULT_FORMATS[results_type])
            content_type = results_type
        else:
            result.serialize(sink, RDF_FORMATS[graph_type][1])
            content_type = graph_type
    except Exception as error:  # the serializer passes our ResultTooLarge on as an error of its own
        if not sink.exceeded:
            return 400, "text/plain; charset=utf-8", f"The query failed: {error}".encode()
        message = f"The result is larger than {max_bytes:,} bytes: add a LIMIT or narrow the query."
        return 422, "text/plain; charset=utf-8", message.encode()
    charset = "; charset=utf-8" if content_type.startswith("text/") else ""
    return 200, content_type + charset, sink.getvalue()


def _labels(store: Store, node, into: set) -> None:
    if isinstance(node, NamedNode):
        for label in LABELS:
            into.update(quad.triple for quad in store.quads_for_pattern(node, label, None))


def description(store: Store, iri: str) -> list:
    """A resource's triples, those of its parts (authorship nodes, attesting entries), the triples
    that point at it, and the labels of everything these link to; empty for an unknown IRI."""
    node = NamedNode(iri)
    triples: set = set()
    for quad in store.quads_for_pattern(node, None, None):
        triples.add(quad.triple)
        _labels(store, quad.object, triples)
        if quad.predicate in PART_OF_DESCRIPTION:
            for part in store.quads_for_pattern(quad.object, None, None):
                triples.add(part.triple)
                _labels(store, part.object, triples)
    if not triples:
        return []
    for quad in store.quads_for_pattern(None, None, node):
        triples.add(quad.triple)
        _labels(store, quad.subject, triples)
        if quad.predicate in PART_OF_DESCRIPTION:
            for whole in store.quads_for_pattern(None, quad.predicate, quad.subject):
                triples.add(whole.triple)
                _labels(store, whole.subject, triples)
            triples.update(part.triple for part in store.quads_for_pattern(quad.subject, None, None))
    return list(triples)


def answer_describe(store: Store, iri: str, media_type: str, base: str) -> tuple[int, str, bytes]:
    triples = description(store, iri)
    if not triples:
        return 404, "text/plain; charset=utf-8", f"Nothing is known about <{iri}>.".encode()
    ordered = sorted(triples, key=str)
    charset = "; charset=utf-8" if media_type.startswith("text/") else ""
    return 200, media_type + charset, serialize_as(ordered, media_type, base)


def base_iri(store: Store) -> str:
    for quad in store.quads_for_pattern(None, NamedNode(f"{VOID}uriSpace"), None):
        return quad.object.value
    return ""


def serve(dump: str, max_bytes: int, max_memory: int, requests: BinaryIO, answers: BinaryIO) -> None:
    resource.setrlimit(resource.RLIMIT_DATA, (max_memory, max_memory))
    store = Store()
    store.bulk_load(path=dump, format=RdfFormat.N_TRIPLES)
    base = base_iri(store)
    _send(answers, {"ready": True, "base": base, "triples": len(store)}, b"")
    for line in requests:
        request = json.loads(line)
        if request["op"] == "describe":
            iri = base + request["path"]
            status, content_type, body = answer_describe(store, iri, request["media_type"], base)
        else:
            status, content_type, body = answer_query(
                store, request["query"], request["results_type"], request["graph_type"], max_bytes)
        _send(answers, {"status": status, "content_type": content_type}, body)


def _send(answers: BinaryIO, header: dict, body: bytes) -> None:
    answers.write(json.dumps({**header, "length": len(body)}).encode() + b"\n" + body)
    answers.flush()


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.stdin.buffer, sys.stdout.buffer)
