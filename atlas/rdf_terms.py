"""The RDF vocabularies, prefixes and formats the atlas writes, shared by the export and the site."""

from __future__ import annotations

import json
from collections.abc import Iterable

import rdflib
from pyoxigraph import RdfFormat, Triple, serialize

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "http://schema.org/"
FOAF = "http://xmlns.com/foaf/0.1/"
PROV = "http://www.w3.org/ns/prov#"
VOID = "http://rdfs.org/ns/void#"
VOCABULARIES = {
    "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "skos": SKOS, "dct": DCT,
    "schema": SCHEMA, "foaf": FOAF, "prov": PROV, "void": VOID,
}
# What names a resource, for the labels a resource's description carries of what it links to.
LABEL_PROPERTIES = (f"{SKOS}prefLabel", f"{DCT}title", f"{FOAF}name", f"{SCHEMA}name", f"{RDFS}label")

# The RDF formats a resource is served in: media type → (file extension, pyoxigraph format).
RDF_FORMATS = {
    "text/turtle": ("ttl", RdfFormat.TURTLE),
    "application/ld+json": ("jsonld", RdfFormat.JSON_LD),
    "application/n-triples": ("nt", RdfFormat.N_TRIPLES),
}
MEDIA_TYPE_OF_EXTENSION = {extension: media for media, (extension, _) in RDF_FORMATS.items()}


def prefixes(base: str) -> dict[str, str]:
    """The prefixes of the Turtle forms: the vocabularies and one per kind of resource."""
    kinds = {kind: f"{base}{kind}/" for kind in ("topic", "paper", "author", "venue", "source")}
    return {**VOCABULARIES, "atlas": kinds.pop("topic"), **kinds}


def turtle(triples: Iterable[Triple], base: str) -> bytes:
    """Turtle with our prefixes, declared in a fixed order (the serializer's own order is not ours)."""
    names = prefixes(base)
    body = serialize(triples, format=RdfFormat.TURTLE, prefixes=names).splitlines(keepends=True)
    header = [f"@prefix {name}: <{namespace}> .\n".encode() for name, namespace in sorted(names.items())]
    return b"".join(header + [line for line in body if not line.startswith(b"@prefix ")])


def sorted_ntriples(triples: Iterable[Triple]) -> bytes:
    """Canonical N-Triples, one line per distinct triple, in byte order."""
    lines = serialize(triples, format=RdfFormat.N_TRIPLES).splitlines(keepends=True)
    return b"".join(sorted(set(lines)))


def jsonld_text(graph: rdflib.Graph, context: dict[str, str]) -> str:
    """Compact JSON-LD under `context`, with nodes and values sorted, so the text is stable."""
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    document.pop("@context", None)
    nodes = document.pop("@graph", None) or ([document] if document else [])
    for node in nodes:
        for key, values in node.items():
            if isinstance(values, list):
                node[key] = sorted(
                    values, key=lambda value: json.dumps(value, sort_keys=True, ensure_ascii=False)
                )
    nodes.sort(key=lambda node: node.get("@id", ""))
    text = json.dumps({"@context": context, "@graph": nodes}, indent=2, sort_keys=True, ensure_ascii=False)
    return text + "\n"


def serialize_as(triples: list[Triple], media_type: str, base: str) -> bytes:
    if media_type == "text/turtle":
        return turtle(triples, base)
    ntriples = serialize(triples, format=RdfFormat.N_TRIPLES)
    if media_type == "application/ld+json":
        graph = rdflib.Graph(bind_namespaces="none").parse(data=ntriples, format="nt")
        return jsonld_text(graph, prefixes(base)).encode()
    return ntriples
