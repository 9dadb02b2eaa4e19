"""Stage 8, export the whole atlas as RDF: dist/atlas.nt (sorted N-Triples) and dist/atlas.ttl.

The taxonomy (as SKOS, from `rdf.taxonomy_graph`) plus every paper, author, venue, source list
and the list entries attesting each paper, read from the built database (opened read-only), so
whatever the classify stage put in `paper_topics` for our scheme becomes `dcterms:subject`,
whatever its `via`. Triples are built and written with pyoxigraph; blank nodes (only the
course's ordered list of lectures) get canonical labels, and lines are sorted, so two builds
give byte-identical files.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from pyoxigraph import (
    CanonicalizationAlgorithm,
    Dataset,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    RdfFormat,
    Triple,
    parse,
)

from atlas.build.rdf import taxonomy_graph
from atlas.build.taxonomy import Taxonomy
from atlas.iris import authorship_iri, download_iri, entry_iri, resource_iri, void_iri
from atlas.published import OUR_SCHEME
from atlas.rdf_terms import DCT, FOAF, OWL, PROV, RDF, SCHEMA, SKOS, VOID, XSD, sorted_ntriples, turtle

NTRIPLES_NAME = "atlas.nt"
TURTLE_NAME = "atlas.ttl"

ARXIV_ABSTRACT = "https://arxiv.org/abs/"
DOI_RESOLVER = "https://doi.org/"


def _iri(value: str) -> NamedNode:
    return NamedNode(value)


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=NamedNode(f"{XSD}integer"))


class _Triples:
    """Collects triples; `add` skips empty values so writers need no `if` per optional column."""

    def __init__(self) -> None:
        self.triples: list[Triple] = []

    def add(self, subject: str, predicate: str, obj) -> None:
        if obj is None or obj == "":
            return
        if isinstance(obj, str):
            obj = Literal(obj)
        self.triples.append(Triple(_iri(subject), _iri(predicate), obj))


def _sources(out: _Triples, db: sqlite3.Connection, base: str) -> None:
    for row in db.execute("select id, title, origin, license, sha256, entries from sources order by id"):
        iri = resource_iri(base, "source", row["id"])
        out.add(iri, f"{RDF}type", _iri(f"{SCHEMA}ItemList"))
        out.add(iri, f"{RDF}type", _iri(f"{PROV}Entity"))
        out.add(iri, f"{DCT}title", row["title"])
        out.add(iri, f"{DCT}description", row["origin"])
        out.add(iri, f"{DCT}rights", row["license"])
        out.add(iri, f"{SCHEMA}sha256", row["sha256"])
        out.add(iri, f"{SCHEMA}numberOfItems", _integer(row["entries"]))


def _venues(out: _Triples, db: sqlite3.Connection, base: str) -> None:
    for row in db.execute("select id, name, full_name, kind from venues order by id"):
        iri = resource_iri(base, "venue", row["id"])
        out.add(iri, f"{RDF}type", _iri(f"{SCHEMA}CreativeWorkSeries"))
        out.add(iri, f"{SCHEMA}name", row["name"])
        if row["full_name"] != row["name"]:
            out.add(iri, f"{SCHEMA}alternateName", row["full_name"])
        out.add(iri, f"{DCT}type", row["kind"])


def _authors(out: _Triples, db: sqlite3.Connection, base: str) -> None:
    for row in db.execute("select id, name, given_names, surname from authors order by id"):
        iri = resource_iri(base, "author", row["id"])
        out.add(iri, f"{RDF}type", _iri(f"{FOAF}Person"))
        out.add(iri, f"{RDF}type", _iri(f"{SCHEMA}Person"))
        out.add(iri, f"{FOAF}name", row["name"])
        out.add(iri, f"{FOAF}givenName", row["given_names"])
        out.add(iri, f"{FOAF}familyName", row["surname"])


def _papers(out: _Triples, db: sqlite3.Connection, base: str) -> None:
    sql = "select id, title, year, venue_id, arxiv_id, doi, digest, sources from papers order by id"
    for row in db.execute(sql):
        iri = resource_iri(base, "paper", row["id"])
        out.add(iri, f"{RDF}type", _iri(f"{SCHEMA}ScholarlyArticle"))
        out.add(iri, f"{DCT}title", row["title"])
        if row["year"]:
            out.add(iri, f"{DCT}issued", Literal(str(row["year"]), datatype=NamedNode(f"{XSD}gYear")))
        if row["venue_id"]:
            out.add(iri, f"{SCHEMA}isPartOf", _iri(resource_iri(base, "venue", row["venue_id"])))
        out.add(iri, f"{DCT}description", row["digest"])
        same = [f"{ARXIV_ABSTRACT}{row['arxiv_id']}" if row["arxiv_id"] else None]
        same.append(f"{DOI_RESOLVER}{row['doi']}" if row["doi"] else None)
        for other in filter(None, same):
            out.add(iri, f"{OWL}sameAs", _iri(other))
            out.add(iri, f"{SCHEMA}sameAs", _iri(other))
        for source_id in json.loads(row["sources"] or "[]"):
            out.add(iri, f"{DCT}source", _iri(resource_iri(base, "source", source_id)))


def _authorships(out: _Triples, db: sqlite3.Connection, base: str) -> None:
    """Authors in order, as nodes with a position (queryable, unlike an rdf:List)."""
    sql = "select paper_id, author_id, position, written from paper_authors order by paper_id, position"
    for row in db.execute(sql):
        paper = resource_iri(base, "paper", row["paper_id"])
        author = _iri(resource_iri(base, "author", row["author_id"]))
        node = authorship_iri(base, row["paper_id"], row["position"])
        out.add(paper, f"{DCT}creator", author)
        out.add(paper, f"{SCHEMA}author", _iri(node))
        out.add(node, f"{RDF}type", _iri(f"{SCHEMA}Role"))
        out.add(node, f"{SCHEMA}author", author)
        out.add(node, f"{SCHEMA}position", _integer(row["position"]))
        out.add(node, f"{SCHEMA}name", row["written"])


def _subjects(out: _Triples, db: sqlite3.Connection, base: str) -> None:
    sql = """
        select distinct paper_topics.paper_id, topics.iri from paper_topics
        join topics on topics.id = paper_topics.topic_id
        where topics.scheme_id = ? order by 1, 2"""
    for paper_id, topic_iri in db.execute(sql, [OUR_SCHEME]):
        out.add(resource_iri(base, "paper", paper_id), f"{DCT}subject", _iri(topic_iri))


def _entries(out: _Triples, db: sqlite3.Connection, base: str) -> None:
    """Provenance: each list entry that names a paper, with its list, line and section.

    Should a line hold several papers, they are numbered in table order, and the second and later
    get an `/item/<n>` IRI (atlas.iris.entry_iri), whatever column tells them apart.
    """
    sql = """
        select source_id, line, section, title, raw, paper_id from entries
        where kind = 'paper' and paper_id is not null order by source_id, line, rowid"""
    previous, item = None, 0
    for row in db.execute(sql):
        item = item + 1 if (row["source_id"], row["line"]) == previous else 1
        previous = (row["source_id"], row["line"])
        iri = entry_iri(base, row["source_id"], row["line"], item)
        out.add(resource_iri(base, "paper", row["paper_id"]), f"{PROV}wasDerivedFrom", _iri(iri))
        out.add(iri, f"{RDF}type", _iri(f"{PROV}Entity"))
        out.add(iri, f"{DCT}isPartOf", _iri(resource_iri(base, "source", row["source_id"])))
        out.add(iri, f"{SCHEMA}position", _integer(row["line"]))
        out.add(iri, f"{SCHEMA}articleSection", row["section"])
        out.add(iri, f"{DCT}title", row["title"])
        out.add(iri, f"{SCHEMA}text", row["raw"])


def _taxonomy(out: _Triples, taxonomy: Taxonomy) -> None:
    """The SKOS taxonomy, with its one list's blank nodes relabelled canonically."""
    graph = taxonomy_graph(taxonomy)
    dataset = Dataset(
        Quad(t.subject, t.predicate, t.object, DefaultGraph())
        for t in parse(graph.serialize(format="nt", encoding="utf-8"), format=RdfFormat.N_TRIPLES)
    )
    dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
    out.triples.extend(quad.triple for quad in dataset)


def _void(out: _Triples, base: str, taxonomy: Taxonomy, data_triples: int) -> None:
    """The dataset's VoID description; the site reads the base IRI back from void:uriSpace."""
    ours = taxonomy.schemes[OUR_SCHEME]
    iri = void_iri(base)
    added = len(out.triples)
    out.add(iri, f"{RDF}type", _iri(f"{VOID}Dataset"))
    out.add(iri, f"{DCT}title", Literal("DL Theory Atlas", language="en"))
    out.add(iri, f"{DCT}description", Literal(
        "Deep-learning theory papers from five curated lists: papers, authors, venues, the lists and "
        "their entries, and a SKOS taxonomy of topics.", language="en"))
    out.add(iri, f"{DCT}license", _iri(ours.license))
    out.add(iri, f"{DCT}modified", Literal(ours.modified, datatype=NamedNode(f"{XSD}date")))
    out.add(iri, f"{VOID}uriSpace", base)
    out.add(iri, f"{VOID}sparqlEndpoint", _iri(f"{base}sparql"))
    for dump in (NTRIPLES_NAME, TURTLE_NAME):
        out.add(iri, f"{VOID}dataDump", _iri(download_iri(base, dump)))
    out.add(iri, f"{VOID}rootResource", _iri(taxonomy.scheme_iri(OUR_SCHEME)))
    for namespace in (SKOS, DCT, SCHEMA, FOAF, PROV, OWL):
        out.add(iri, f"{VOID}vocabulary", _iri(namespace))
    own = len(out.triples) - added + 1
    out.add(iri, f"{VOID}triples", _integer(data_triples + own))


def atlas_triples(database: Path, taxonomy: Taxonomy) -> list[Triple]:
    """Every triple of the atlas, unsorted, without duplicates."""
    base = taxonomy.base_iri
    out = _Triples()
    _taxonomy(out, taxonomy)
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        for writer in (_sources, _venues, _authors, _papers, _authorships, _subjects, _entries):
            writer(out, db, base)
    finally:
        db.close()
    out.triples = list(dict.fromkeys(out.triples))
    _void(out, base, taxonomy, len(out.triples))
    return out.triples


def write_atlas_rdf(database: Path, taxonomy: Taxonomy, folder: Path) -> int:
    """Write atlas.nt (lines sorted) and atlas.ttl (the same triples, grouped by subject).

    Returns the number of triples.
    """
    ntriples = sorted_ntriples(atlas_triples(database, taxonomy))
    (folder / NTRIPLES_NAME).write_bytes(ntriples)
    (folder / TURTLE_NAME).write_bytes(turtle(parse(ntriples, format=RdfFormat.N_TRIPLES), taxonomy.base_iri))
    return ntriples.count(b"\n")
