"""Stage 7, export RDF: the taxonomy as SKOS, in Turtle and JSON-LD, with rdflib.

Everything comes from the taxonomy's YAML (dates and version included), never from the clock,
and the JSON-LD is written with sorted keys and nodes, so two builds give identical files.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, SKOS, XSD

from atlas.build.taxonomy import Taxonomy
from atlas.iris import resource_iri
from atlas.published import OUR_SCHEME
from atlas.rdf_terms import jsonld_text

TAXONOMY_TURTLE_NAME = "taxonomy.ttl"
TAXONOMY_JSONLD_NAME = "taxonomy.jsonld"
VANN = Namespace("http://purl.org/vocab/vann/")
MAPPING = {
    prop: SKOS[prop] for prop in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
}


def taxonomy_graph(taxonomy: Taxonomy) -> Graph:
    graph = Graph(bind_namespaces="none")
    ours = taxonomy.schemes[OUR_SCHEME]
    for prefix, namespace in (
        ("rdf", RDF),
        ("skos", SKOS),
        ("dct", DCTERMS),
        ("owl", OWL),
        ("xsd", XSD),
        ("vann", VANN),
        (ours.prefix, f"{taxonomy.base_iri}topic/"),
        ("source", f"{taxonomy.base_iri}source/"),
        ("scheme", f"{taxonomy.base_iri}scheme/"),
    ):
        graph.bind(prefix, namespace)
    for scheme in taxonomy.schemes.values():
        iri = URIRef(taxonomy.scheme_iri(scheme.id))
        graph.add((iri, RDF.type, SKOS.ConceptScheme))
        for language, text in scheme.titles:
            graph.add((iri, DCTERMS.title, Literal(text, lang=language)))
            graph.add((iri, SKOS.prefLabel, Literal(text, lang=language)))
        for language, text in scheme.descriptions:
            graph.add((iri, DCTERMS.description, Literal(text, lang=language)))
        if scheme.id == OUR_SCHEME:
            graph.add((iri, DCTERMS.creator, Literal(scheme.creator, lang="en")))
            graph.add((iri, DCTERMS.license, URIRef(scheme.license)))
            graph.add((iri, OWL.versionInfo, Literal(scheme.version)))
            graph.add((iri, DCTERMS.created, Literal(scheme.created, datatype=XSD.date)))
            graph.add((iri, DCTERMS.modified, Literal(scheme.modified, datatype=XSD.date)))
            graph.add((iri, VANN.preferredNamespacePrefix, Literal(scheme.prefix)))
            graph.add(
                (iri, VANN.preferredNamespaceUri, Literal(f"{taxonomy.base_iri}topic/", datatype=XSD.anyURI))
            )
        else:
            graph.add((iri, DCTERMS.source, URIRef(resource_iri(taxonomy.base_iri, "source", scheme.id))))
    for concept in sorted(taxonomy.concepts.values(), key=lambda c: c.id):
        _add_concept(graph, taxonomy, concept)
    _add_collections(graph, taxonomy)
    return graph


def _add_concept(graph: Graph, taxonomy: Taxonomy, concept) -> None:
    iri = URIRef(taxonomy.iri(concept.id))
    scheme = URIRef(taxonomy.scheme_iri(concept.scheme))
    graph.add((iri, RDF.type, SKOS.Concept))
    graph.add((iri, SKOS.inScheme, scheme))
    is_top = concept.top if concept.scheme == OUR_SCHEME else not concept.broader
    if is_top and not concept.deprecated:
        graph.add((iri, SKOS.topConceptOf, scheme))
        graph.add((scheme, SKOS.hasTopConcept, iri))
    for prop, labels in (
        (SKOS.prefLabel, concept.pref_labels),
        (SKOS.altLabel, concept.alt_labels),
        (SKOS.hiddenLabel, concept.hidden_labels),
        (SKOS.definition, concept.definitions),
        (SKOS.scopeNote, concept.scope_notes),
    ):
        for language, text in labels:
            graph.add((iri, prop, Literal(text, lang=language)))
    for parent in concept.broader:
        graph.add((iri, SKOS.broader, URIRef(taxonomy.iri(parent))))
        graph.add((URIRef(taxonomy.iri(parent)), SKOS.narrower, iri))
    for other in concept.related:
        graph.add((iri, SKOS.related, URIRef(taxonomy.iri(other))))
        graph.add((URIRef(taxonomy.iri(other)), SKOS.related, iri))
    for prop, target in concept.mappings:
        graph.add((iri, MAPPING[prop], URIRef(taxonomy.iri(target))))
    if concept.deprecated:
        graph.add((iri, OWL.deprecated, Literal(True)))
        graph.add((iri, DCTERMS.isReplacedBy, URIRef(taxonomy.iri(concept.replaced_by))))


def _add_collections(graph: Graph, taxonomy: Taxonomy) -> None:
    for scheme in taxonomy.schemes.values():
        if scheme.lectures:
            lectures = URIRef(f"{taxonomy.scheme_iri(scheme.id)}/lectures")
            graph.add((lectures, RDF.type, SKOS.OrderedCollection))
            graph.add((lectures, SKOS.prefLabel, Literal("Lectures, in course order", lang="en")))
            members = [URIRef(taxonomy.iri(concept_id)) for concept_id in scheme.lectures]
            head = BNode("lectures")
            Collection(graph, head, members)
            graph.add((lectures, SKOS.memberList, head))
        keywords = sorted(
            c.id for c in taxonomy.concepts.values() if c.scheme == scheme.id and c.kind == "keyword"
        )
        if keywords:
            collection = URIRef(f"{taxonomy.scheme_iri(scheme.id)}/keywords")
            graph.add((collection, RDF.type, SKOS.Collection))
            graph.add((collection, SKOS.prefLabel, Literal("Key words", lang="en")))
            for concept_id in keywords:
                graph.add((collection, SKOS.member, URIRef(taxonomy.iri(concept_id))))


def write_exports(taxonomy: Taxonomy, folder: Path) -> None:
    """dist/taxonomy.ttl and dist/taxonomy.jsonld."""
    graph = taxonomy_graph(taxonomy)
    (folder / TAXONOMY_TURTLE_NAME).write_text(graph.serialize(format="turtle"), encoding="utf-8")
    context = {prefix: str(namespace) for prefix, namespace in graph.namespaces()}
    (folder / TAXONOMY_JSONLD_NAME).write_text(jsonld_text(graph, context), encoding="utf-8")
