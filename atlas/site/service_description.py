"""The SPARQL 1.1 Service Description of /sparql, as triples: what a SPARQL client asks the endpoint
itself for before it queries (which language, which result formats, which dataset).

The endpoint is named by the address it was reached at; its default dataset is the atlas's VoID
dataset (the dump's void:Dataset, whose IRI and size the dump itself states), so a client finds
the VoID description, the dumps and the vocabularies from here.
"""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from atlas.rdf_terms import DCT, RDF, RDFS, VOID, XSD

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
ENTAILMENT = "http://www.w3.org/ns/entailment/"
# The formats /sparql answers in, by media type (the protocol's plugin offers these), as named by
# the W3C's unique URIs for file formats.
RESULT_FORMATS = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/ld+json": "JSON-LD",
}
# Which dataset the dump describes, and how many triples the endpoint holds.
DATASET_QUERY = (
    f"SELECT ?dataset ?triples WHERE {{ ?dataset a <{VOID}Dataset> ; <{VOID}triples> ?triples }} "
    "ORDER BY ?dataset LIMIT 1"
)


def service_description(
    endpoint: str, dataset: str | None, triples: int | None, void_page: str
) -> list[Triple]:
    """The triples describing the endpoint at `endpoint`, whose default dataset is `dataset` (the
    VoID dataset's IRI) of `triples` triples, described at `void_page`."""
    service, graph = NamedNode(endpoint), BlankNode("defaultGraph")
    described = [
        (service, f"{RDF}type", NamedNode(f"{SD}Service")),
        (service, f"{SD}endpoint", service),
        (service, f"{SD}supportedLanguage", NamedNode(f"{SD}SPARQL11Query")),
        (service, f"{SD}defaultEntailmentRegime", NamedNode(f"{ENTAILMENT}Simple")),
        (service, f"{DCT}title", Literal("DL Theory Atlas SPARQL endpoint", language="en")),
        *[(service, f"{SD}resultFormat", NamedNode(FORMATS + name)) for name in RESULT_FORMATS.values()],
    ]
    if dataset:
        node = NamedNode(dataset)
        described += [
            (service, f"{SD}defaultDataset", node),
            (node, f"{RDF}type", NamedNode(f"{SD}Dataset")),
            (node, f"{RDF}type", NamedNode(f"{VOID}Dataset")),
            (node, f"{RDFS}seeAlso", NamedNode(void_page)),
            (node, f"{VOID}sparqlEndpoint", service),
            (node, f"{SD}defaultGraph", graph),
            (graph, f"{RDF}type", NamedNode(f"{SD}Graph")),
        ]
        if triples is not None:
            size = Literal(str(triples), datatype=NamedNode(f"{XSD}integer"))
            described.append((graph, f"{VOID}triples", size))
    return [Triple(s, NamedNode(p), o) for s, p, o in described]
