"""The whole atlas as RDF: dist/atlas.nt and dist/atlas.ttl say what the database says."""

from __future__ import annotations

import sqlite3

import pyoxigraph
import pytest
from conftest import CURATION, MANIFEST, TAXONOMY
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic

from atlas.build.pipeline import build
from atlas.build.rdf_atlas import _check_iri, _entries, _Lines, literal

BASE = "https://w3id.org/dl-theory-atlas/"
PREFIXES = """
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@pytest.fixture(scope="module")
def dist(built_atlas):
    return built_atlas.parent


@pytest.fixture(scope="module")
def store(dist) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.bulk_load(path=str(dist / "atlas.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store


@pytest.fixture(scope="module")
def dump(dist) -> Graph:
    return Graph().parse(dist / "atlas.nt")


@pytest.fixture(scope="module")
def db(built_atlas):
    return sqlite3.connect(built_atlas)


def select(store, query: str) -> list[tuple]:
    return [tuple(term.value if term else None for term in row) for row in store.query(PREFIXES + query)]


def test_both_files_parse_with_rdflib_and_pyoxigraph_and_say_the_same(dist, dump):
    by_rdflib = {"atlas.nt": dump, "atlas.ttl": Graph().parse(dist / "atlas.ttl")}
    by_oxigraph = {name: list(pyoxigraph.parse(path=str(dist / name))) for name in ("atlas.nt", "atlas.ttl")}
    assert isomorphic(by_rdflib["atlas.nt"], by_rdflib["atlas.ttl"])
    assert len(by_oxigraph["atlas.nt"]) == len(by_oxigraph["atlas.ttl"]) == len(by_rdflib["atlas.nt"])
    assert len(by_rdflib["atlas.nt"]) > 15_000


def test_the_dump_holds_every_triple_of_the_taxonomy_export(dist, dump):
    taxonomy = Graph().parse(dist / "taxonomy.ttl")
    atlas = dump
    named = [t for t in taxonomy if not any(isinstance(term, BNode) for term in t)]
    assert len(named) > 1_500
    assert [t for t in named if t not in atlas] == []
    lectures = URIRef(f"{BASE}scheme/theory-course/lectures")
    skos_member_list = URIRef("http://www.w3.org/2004/02/skos/core#memberList")
    in_order = [list(Collection(g, g.value(lectures, skos_member_list))) for g in (taxonomy, atlas)]
    assert in_order[0] == in_order[1] and len(in_order[0]) > 5


def test_n_triples_lines_are_sorted_and_two_builds_are_byte_identical(dist, tmp_path):
    again = tmp_path / "dist"
    build(MANIFEST, again, CURATION, TAXONOMY)
    lines = (dist / "atlas.nt").read_bytes().splitlines()
    assert lines == sorted(lines)
    for name in ("atlas.nt", "atlas.ttl"):
        assert (again / name).read_bytes() == (dist / name).read_bytes(), name


def test_topic_iris_are_the_ones_the_topics_table_publishes(store, db):
    published = {iri for (iri,) in db.execute("select iri from topics where scheme_id = 'atlas'")}
    in_dump = {iri for (iri,) in select(store, f"SELECT ?c WHERE {{ ?c skos:inScheme <{BASE}scheme/atlas> }}")}
    assert in_dump == published
    assert f"{BASE}topic/learning-dynamics" in published


def test_a_paper_has_its_title_year_venue_and_arxiv_abstract(store):
    paper = f"{BASE}paper/a-closer-look-at-memorization-in-deep-networks"
    rows = select(store, f"""
        SELECT ?title ?year ?venue ?same ?owl WHERE {{
          <{paper}> dct:title ?title ; dct:issued ?year ; schema:isPartOf ?venue ;
                    schema:sameAs ?same ; owl:sameAs ?owl . }}""")
    assert rows == [(
        "A Closer Look at Memorization in Deep Networks", "2017", f"{BASE}venue/icml",
        "https://arxiv.org/abs/1706.05394", "https://arxiv.org/abs/1706.05394",
    )]


def test_subjects_are_the_paper_topics_rows_of_our_scheme_whatever_their_via(store, db):
    in_sql = set(db.execute("""
        select distinct paper_topics.paper_id, topics.iri from paper_topics
        join topics on topics.id = paper_topics.topic_id where topics.scheme_id = 'atlas'"""))
    in_rdf = {
        (paper.removeprefix(f"{BASE}paper/"), topic)
        for paper, topic in select(store, "SELECT ?p ?t WHERE { ?p dct:subject ?t }")
    }
    assert in_rdf == in_sql
    assert {via for (via,) in db.execute("select distinct via from paper_topics")} >= {"section", "keyword"}


def test_authors_come_in_order_as_nodes_with_a_position(store, db):
    in_sql = [
        (author_id, position, written) for author_id, position, written in db.execute(
            "select author_id, position, written from paper_authors "
            "where paper_id = 'a-closer-look-at-memorization-in-deep-networks' order by position")
    ]
    rows = select(store, f"""
        SELECT ?author ?position ?written WHERE {{
          <{BASE}paper/a-closer-look-at-memorization-in-deep-networks> schema:author ?role .
          ?role schema:author ?author ; schema:position ?position ; schema:name ?written .
        }} ORDER BY ?position""")
    assert [(a.removeprefix(f"{BASE}author/"), int(p), w) for a, p, w in rows] == in_sql
    assert in_sql[0] == ("arpit-devansh", 1, "Devansh Arpit")


def test_every_paper_entry_of_every_list_attests_its_paper_with_list_line_and_section(store, db):
    in_sql = set(db.execute(
        "select paper_id, source_id, line, coalesce(section, '') from entries where kind = 'paper'"))
    rows = select(store, """
        SELECT ?paper ?source ?line ?section WHERE {
          ?paper prov:wasDerivedFrom ?entry .
          ?entry dct:isPartOf ?source ; schema:position ?line .
          OPTIONAL { ?entry schema:articleSection ?section }
        }""")
    in_rdf = {
        (p.removeprefix(f"{BASE}paper/"), s.removeprefix(f"{BASE}source/"), int(line), section or "")
        for p, s, line, section in rows
    }
    assert in_rdf == in_sql
    assert (f"{BASE}source/dynamics/line/22",) in select(
        store, f"SELECT ?e WHERE {{ ?e dct:isPartOf <{BASE}source/dynamics> }}")


def test_every_paper_author_venue_and_list_is_described(store, db):
    for kind, table in (("paper", "papers"), ("author", "authors"), ("venue", "venues"), ("source", "sources")):
        (in_sql,) = db.execute(f"select count(*) from {table}").fetchone()
        ((in_rdf,),) = select(store, f"""
            SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
              ?s a ?type . FILTER(STRSTARTS(STR(?s), "{BASE}{kind}/") && !CONTAINS(SUBSTR(STR(?s), {len(BASE) + len(kind) + 2}), "/"))
            }}""")
        assert int(in_rdf) == in_sql, kind


def test_the_void_description_counts_every_triple_and_names_the_base(store):
    ((triples, space),) = select(store, """
        PREFIX void: <http://rdfs.org/ns/void#>
        SELECT ?n ?space WHERE { ?d void:triples ?n ; void:uriSpace ?space }""")
    assert int(triples) == len(store)
    assert space == BASE


def test_two_papers_on_one_list_line_get_two_entry_iris_the_first_keeping_the_line_iri(tmp_path):
    db = sqlite3.connect(tmp_path / "entries.db")
    db.row_factory = sqlite3.Row
    db.execute("create table entries (source_id, line, item, section, title, raw, paper_id, kind)")
    raw = "- Paper A. In *ICLR 2019*. - Paper B. In *ICML 2019*."
    db.executemany("insert into entries values (?, ?, ?, ?, ?, ?, ?, 'paper')", [
        ("dynamics", 7, 1, "Optimization", "Paper A", raw, "paper-a"),
        ("dynamics", 7, 2, "Optimization", "Paper B", raw, "paper-b"),
        ("dynamics", 8, 1, "Optimization", "Paper C", "- Paper C.", "paper-c"),
    ])
    out = _Lines(tmp_path)
    _entries(out, db, BASE)
    triples = pyoxigraph.parse("".join(out.lines).encode(), format=pyoxigraph.RdfFormat.N_TRIPLES)
    attested = {(t.subject.value, t.object.value) for t in triples if t.predicate.value.endswith("wasDerivedFrom")}
    assert attested == {
        (f"{BASE}paper/paper-a", f"{BASE}source/dynamics/line/7"),
        (f"{BASE}paper/paper-b", f"{BASE}source/dynamics/line/7/item/2"),
        (f"{BASE}paper/paper-c", f"{BASE}source/dynamics/line/8"),
    }


@pytest.mark.parametrize("datatype, language", [("", ""), ("http://www.w3.org/2001/XMLSchema#integer", ""),
                                                ("", "en")])
def test_literals_are_written_as_pyoxigraph_writes_them_for_every_character(datatype, language):
    """atlas.nt's lines are written as text, so each must be the line pyoxigraph would write."""
    text = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    term = pyoxigraph.Literal(text, datatype=pyoxigraph.NamedNode(datatype) if datatype else None,
                              language=language or None)
    subject, predicate = pyoxigraph.NamedNode(f"{BASE}paper/p"), pyoxigraph.NamedNode(f"{BASE}p")
    expected = pyoxigraph.serialize([pyoxigraph.Triple(subject, predicate, term)],
                                    format=pyoxigraph.RdfFormat.N_TRIPLES)
    written = f"<{BASE}paper/p> <{BASE}p> {literal(text, datatype, language)} .\n"
    assert written.encode() == expected


@pytest.mark.parametrize("doi", ['10.1000/a"b', "10.1000/a b", "10.1000/50%", "10.1000/a{b}", "10.1000/a<b"])
def test_a_doi_that_makes_no_iri_stops_the_export_as_the_strict_parse_of_atlas_nt_did(doi):
    with pytest.raises(ValueError):
        _check_iri(f"https://doi.org/{doi}")
    with pytest.raises(SyntaxError):
        list(pyoxigraph.parse(f'<https://x.org/p> <https://x.org/q> <https://doi.org/{doi}> .\n',
                              format=pyoxigraph.RdfFormat.N_TRIPLES))
    _check_iri("https://doi.org/10.1000/182")


def test_lines_spilled_in_runs_come_back_sorted_once_each(tmp_path, monkeypatch):
    import random

    from atlas.build import rdf_atlas
    monkeypatch.setattr(rdf_atlas, "RUN_LINES", 7)
    lines = [f"<s{random.Random(n).randrange(40)}> <p> \"é{n % 9}\" .\n" for n in range(200)]
    out = _Lines(tmp_path)
    for line in lines:
        out.lines.append(line)
        if len(out.lines) >= rdf_atlas.RUN_LINES:
            out._spill()
    assert list(out.sorted_unique()) == sorted(set(lines))


@pytest.mark.parametrize(("lines_after", "most"), [(9, 12), (9, 99), (9, 100), (9, 5_000), (60_000, 1_000_000)])
@pytest.mark.parametrize("lines_before", [0, 3])
def test_the_void_block_is_written_in_its_sorted_place_however_many_lines_were_guessed(
    tmp_path, lines_before, lines_after, most
):
    from atlas.build.rdf_atlas import _write_with_void

    lines = sorted([f"<a{n}> <p> \"é\" .\n" for n in range(lines_before)]
                   + [f"<z{n:06d}> <p> \"ü\" .\n" for n in range(lines_after)])

    def void(count: int) -> bytes:
        return f"<m> <count> \"{count}\" .\n".encode()

    with (tmp_path / "atlas.nt").open("w+b") as file:
        count = _write_with_void(iter(lines), file, "<m> ", void, max(most, len(lines)))
    before = "".join(line for line in lines if line < "<m> ").encode()
    after = "".join(line for line in lines if line >= "<m> ").encode()
    assert count == len(lines)
    assert (tmp_path / "atlas.nt").read_bytes() == before + void(count) + after
