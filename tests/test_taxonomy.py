"""The topic taxonomy: validated YAML, SKOS exports read back with rdflib, papers classified."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import CURATION, MANIFEST, TAXONOMY, unread_taxonomy
from pyshacl import validate as shacl_validate
from rdflib import Graph

from atlas.build.errors import InputError
from atlas.build.pipeline import build
from atlas.build.taxonomy import load_taxonomy

BASE = "https://w3id.org/dl-theory-atlas/"


@pytest.fixture(scope="module")
def turtle(built_atlas) -> Graph:
    return Graph().parse(built_atlas.parent / "taxonomy.ttl")


# --- exports, read back -------------------------------------------------------------------------

def test_all_narrower_concepts_of_a_top_concept_by_sparql(turtle):
    rows = turtle.query("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX atlas: <https://w3id.org/dl-theory-atlas/topic/>
        SELECT ?label WHERE {
          atlas:infinite-width-limits skos:topConceptOf ?scheme .
          ?concept skos:broader+ atlas:infinite-width-limits ; skos:prefLabel ?label .
          FILTER(lang(?label) = "en")
        }""")
    labels = {str(row.label) for row in rows}
    assert {"Neural tangent kernel", "Lazy training", "Mean-field limit of training",
            "Signal propagation and dynamical isometry"} <= labels


def test_concepts_by_alt_label_by_sparql(turtle):
    rows = turtle.query("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?concept WHERE { ?concept skos:altLabel ?alt . FILTER(str(?alt) IN ("NTK", "LTH", "IB", "SGD")) }
        ORDER BY ?concept""")
    assert [str(row.concept).removeprefix(BASE + "topic/") for row in rows] == [
        "information-bottleneck", "lottery-ticket-hypothesis", "neural-tangent-kernel", "stochastic-gradient-descent"]


def test_mappings_from_a_source_heading_by_sparql(turtle):
    rows = turtle.query("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?property ?target WHERE {
          ?heading skos:prefLabel "3. Learning Dynmaics of Adaptive Gradient Methods"@en ; ?property ?target .
          FILTER(?property IN (skos:exactMatch, skos:closeMatch, skos:broadMatch, skos:narrowMatch))
        }""")
    assert [(str(r.property).split("#")[1], str(r.target).removeprefix(BASE + "topic/")) for r in rows] == [
        ("exactMatch", "adaptive-method-dynamics")]


def test_scheme_metadata_and_inverses_are_stated(turtle):
    ask = lambda query: turtle.query("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "  # noqa: E731
                                     "PREFIX dct: <http://purl.org/dc/terms/> "
                                     "PREFIX owl: <http://www.w3.org/2002/07/owl#> "
                                     "PREFIX vann: <http://purl.org/vocab/vann/> " + query).askAnswer
    scheme = f"<{BASE}scheme/atlas>"
    assert ask(f"ASK {{ {scheme} a skos:ConceptScheme ; dct:title ?t ; dct:description ?d ; dct:creator ?c ; "
               f"dct:license ?l ; owl:versionInfo ?v ; dct:created ?cr ; dct:modified ?m ; "
               f"vann:preferredNamespaceUri ?ns ; vann:preferredNamespacePrefix ?p . "
               f"FILTER(lang(?t) = 'en' && isIRI(?l)) }}")
    assert ask(f"ASK {{ {scheme} skos:prefLabel ?zh . FILTER(lang(?zh) = 'zh') }}")
    assert not ask("ASK { ?a skos:broader ?b . FILTER NOT EXISTS { ?b skos:narrower ?a } }")
    assert not ask("ASK { ?a skos:narrower ?b . FILTER NOT EXISTS { ?b skos:broader ?a } }")
    assert not ask("ASK { ?s skos:hasTopConcept ?c . FILTER NOT EXISTS { ?c skos:topConceptOf ?s } }")
    assert ask(f"ASK {{ <{BASE}topic/overparametrization> owl:deprecated true ; "
               f"dct:isReplacedBy <{BASE}topic/overparameterization> }}")


def test_mapping_properties_only_link_different_schemes_and_every_text_has_a_language(turtle):
    inside_one_scheme = turtle.query("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT * WHERE {
          ?a ?p ?b . ?a skos:inScheme ?s . ?b skos:inScheme ?s .
          FILTER(?p IN (skos:exactMatch, skos:closeMatch, skos:broadMatch, skos:narrowMatch, skos:relatedMatch))
        }""")
    assert len(inside_one_scheme) == 0
    untagged = turtle.query("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX dct: <http://purl.org/dc/terms/>
        SELECT * WHERE {
          ?s ?p ?o .
          FILTER(?p IN (skos:prefLabel, skos:altLabel, skos:hiddenLabel, skos:definition, skos:scopeNote,
                        dct:title, dct:description, dct:creator))
          FILTER(lang(?o) = "")
        }""")
    assert len(untagged) == 0


def test_course_lectures_are_an_ordered_collection(turtle):
    rows = turtle.query(f"""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?label WHERE {{
          <{BASE}scheme/theory-course/lectures> a skos:OrderedCollection ; skos:memberList ?list .
          ?list rdf:rest*/rdf:first ?lecture . ?lecture skos:prefLabel ?label .
        }}""")
    labels = [str(row.label) for row in rows]
    assert labels[0] == "Introduction to Deep Learning" and labels[-1] == "Generative Model" and len(labels) == 11


SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix ex: <https://example.org/shapes#> .

ex:Concept a sh:NodeShape ;
    sh:targetClass skos:Concept ;
    sh:property [ sh:path skos:prefLabel ; sh:minCount 1 ; sh:uniqueLang true ; sh:datatype rdf:langString ] ;
    sh:property [ sh:path skos:inScheme ; sh:minCount 1 ; sh:class skos:ConceptScheme ] ;
    sh:property [ sh:path skos:broader ; sh:class skos:Concept ] ;
    sh:property [ sh:path skos:altLabel ; sh:datatype rdf:langString ] ;
    sh:property [ sh:path skos:definition ; sh:datatype rdf:langString ] .

ex:OurConcept a sh:NodeShape ;
    sh:targetSubjectsOf skos:definition ;
    sh:property [ sh:path skos:definition ; sh:minCount 1 ; sh:uniqueLang true ] .

ex:DisjointLabels a sh:NodeShape ;
    sh:targetClass skos:Concept ;
    sh:property [ sh:path skos:prefLabel ; sh:disjoint skos:altLabel ] ;
    sh:property [ sh:path skos:prefLabel ; sh:disjoint skos:hiddenLabel ] ;
    sh:property [ sh:path skos:related ; sh:disjoint skos:broader ] .

ex:Scheme a sh:NodeShape ;
    sh:targetClass skos:ConceptScheme ;
    sh:property [ sh:path skos:hasTopConcept ; sh:minCount 1 ; sh:class skos:Concept ] .
"""


def test_exported_graph_passes_an_independent_shacl_check(turtle):
    conforms, _, report = shacl_validate(turtle, shacl_graph=Graph().parse(data=SHAPES, format="turtle"),
                                         inference="none")
    assert conforms, report


def test_turtle_and_json_ld_say_the_same_and_rebuild_identically(built_atlas, tmp_path):
    from rdflib.compare import isomorphic
    jsonld = Graph().parse(built_atlas.parent / "taxonomy.jsonld", format="json-ld")
    assert isomorphic(jsonld, Graph().parse(built_atlas.parent / "taxonomy.ttl"))
    build(MANIFEST, tmp_path / "again", CURATION, TAXONOMY)
    for name in ("taxonomy.ttl", "taxonomy.jsonld"):
        assert (tmp_path / "again" / name).read_bytes() == (built_atlas.parent / name).read_bytes()


def test_concept_iris_come_from_the_configured_base(tmp_path):
    copy = tmp_path / "taxonomy"
    shutil.copytree(TAXONOMY, copy)
    scheme = copy / "scheme.yml"
    scheme.write_text(scheme.read_text().replace(BASE, "https://example.org/atlas/"))
    taxonomy = load_taxonomy(copy)
    assert taxonomy.iri("neural-tangent-kernel") == "https://example.org/atlas/topic/neural-tangent-kernel"


# --- validation: the build fails with the YAML file and line -----------------------------------

def broken(tmp_path: Path, file: str, old: str, new: str) -> Path:
    copy = tmp_path / "taxonomy"
    shutil.copytree(TAXONOMY, copy)
    path = copy / file
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    return copy


def line_of(folder: Path, file: str, text: str) -> int:
    return (folder / file).read_text().split("\n").index(text) + 1


def assert_rejected(folder: Path, file: str, line_text: str, *words: str) -> None:
    with pytest.raises(InputError) as error:
        load_taxonomy(folder)
    assert error.value.path.endswith(file)
    assert error.value.line == line_of(folder, file, line_text)
    for word in words:
        assert word in error.value.message


def test_unknown_id_in_broader(tmp_path):
    folder = broken(tmp_path, "concepts.yml", "broader: [sgd-noise]\n    prefLabel: {en: Heavy",
                    "broader: [sgd-nosie]\n    prefLabel: {en: Heavy")
    assert_rejected(folder, "concepts.yml", "  - id: heavy-tailed-noise", "unknown concept 'sgd-nosie'")


def test_an_empty_concepts_reason_for_an_unknown_concept(tmp_path):
    folder = broken(tmp_path, "empty_concepts.yml", "  algorithm-unrolling: >-", "  algorithm-unroling: >-")
    assert_rejected(folder, "empty_concepts.yml", "  algorithm-unroling: >-", "'algorithm-unroling' is not a live concept")


def test_unknown_id_in_a_mapping(tmp_path):
    folder = broken(tmp_path, "sources/dynamics.yml", "exactMatch: [gd-and-sgd-dynamics]", "exactMatch: [gd-dynamics]")
    assert_rejected(folder, "sources/dynamics.yml", "  - heading: 2. Learning Dynamics of GD and SGD",
                    "unknown concept 'gd-dynamics'")


def test_cycle_in_broader(tmp_path):
    folder = broken(tmp_path, "concepts.yml", "  - id: sgd-noise\n    broader: [gd-and-sgd-dynamics]",
                    "  - id: sgd-noise\n    broader: [heavy-tailed-noise]")
    with pytest.raises(InputError, match="broader cycle"):
        load_taxonomy(folder)


def test_concept_not_reachable_from_a_top_concept(tmp_path):
    folder = broken(tmp_path, "concepts.yml", "  - id: scaling-laws\n    broader: [generalization]",
                    "  - id: scaling-laws\n    broader: [overparametrization]")  # a retired concept
    assert_rejected(folder, "concepts.yml", "  - id: scaling-laws", "not reachable from a top concept")


def test_a_concept_is_either_top_or_has_a_broader(tmp_path):
    folder = broken(tmp_path, "concepts.yml", "  - id: optimization\n    top: true",
                    "  - id: optimization\n    top: false")
    assert_rejected(folder, "concepts.yml", "  - id: optimization", "top: true or a broader")


def test_two_pref_labels_in_one_language(tmp_path):
    folder = broken(tmp_path, "concepts.yml", "prefLabel: {en: Neural tangent kernel}",
                    "prefLabel: {en: Neural tangent kernel, en: NTK theory}")
    with pytest.raises(InputError) as error:
        load_taxonomy(folder)
    assert "duplicate key 'en'" in error.value.message
    assert error.value.line == line_of(folder, "concepts.yml", "    prefLabel: {en: Neural tangent kernel, en: NTK theory}")


def test_pref_label_equal_to_another_concepts_alt_label(tmp_path):
    folder = broken(tmp_path, "concepts.yml", "prefLabel: {en: Lazy training}", "prefLabel: {en: NTK}")
    assert_rejected(folder, "concepts.yml", "  - id: lazy-training", "'NTK'@en", "neural-tangent-kernel")


def test_an_alt_label_naming_two_concepts_is_rejected(tmp_path):
    folder = broken(tmp_path, "concepts.yml", "altLabels: {en: [Kernel regime,", "altLabels: {en: [ntk, Kernel regime,")
    assert_rejected(folder, "concepts.yml", "  - id: lazy-training", "altLabel 'ntk'@en", "neural-tangent-kernel")


def test_a_list_heading_and_key_word_of_one_name_live_in_two_titled_schemes(built_atlas):
    db = sqlite3.connect(built_atlas)
    rows = db.execute("""select topics.scheme_id, topic_schemes.title from topics
                         join topic_schemes on topic_schemes.id = topics.scheme_id
                         where label = 'Neural Tangent Kernel' and scheme_id like 'phenomena%'
                         order by topics.scheme_id""").fetchall()
    assert rows == [("phenomena", "Awesome Deep Phenomena: contents"),
                    ("phenomena-keywords", "Awesome Deep Phenomena: key words")]
    untitled = db.execute("select id from topic_schemes where coalesce(title, '') in ('', id)").fetchall()
    assert untitled == []


def test_related_between_concepts_linked_by_broader(tmp_path):
    folder = broken(tmp_path, "concepts.yml", "  - id: lazy-training\n    broader: [infinite-width-limits]\n    related: [",
                    "  - id: lazy-training\n    broader: [infinite-width-limits]\n    related: [infinite-width-limits, ")
    assert_rejected(folder, "concepts.yml", "  - id: lazy-training", "related to 'infinite-width-limits'")


def test_concept_without_definition(tmp_path):
    folder = broken(tmp_path, "concepts.yml",
                    '    definition: {en: "The kernel that governs gradient-descent training of a network in the infinite-width limit."}\n', "")
    assert_rejected(folder, "concepts.yml", "  - id: neural-tangent-kernel", "no definition")


def test_heading_without_mapping_or_reason(tmp_path):
    folder = broken(tmp_path, "sources/dynamics.yml", "    exactMatch: [training-technique-dynamics]\n", "")
    assert_rejected(folder, "sources/dynamics.yml", "  - heading: 4. Learning Dynamics with Training Techniques",
                    "needs a mapping")


def test_a_bad_taxonomy_stops_the_build_and_keeps_the_previous_dist(tmp_path, built_atlas):
    shutil.copytree(built_atlas.parent, tmp_path / "dist")
    folder = broken(tmp_path, "concepts.yml", "broader: [sgd-noise]", "broader: [nowhere]")
    with pytest.raises(InputError):
        build(MANIFEST, tmp_path / "dist", CURATION, folder)
    assert (tmp_path / "dist" / "atlas.db").read_bytes() == built_atlas.read_bytes()


# --- classification -----------------------------------------------------------------------------

def test_every_paper_is_classified_into_our_scheme_unless_curated_as_about_none(built_atlas):
    db = sqlite3.connect(built_atlas)
    unclassified = db.execute("""
        select id from papers where id not in (
          select paper_id from paper_topics join topics on topics.id = paper_topics.topic_id
          where topics.scheme_id = 'atlas') order by id""").fetchall()
    # manual.yml: `topics: []` for the field's textbook and a cloth simulator
    assert unclassified == [("deep-learning",), ("differentiable-cloth-simulation-for-inverse-problems",)]
    for (paper_id,) in unclassified:  # still reachable under their list's heading
        assert db.execute("select count(*) from paper_topics where paper_id = ?", (paper_id,)).fetchone()[0] > 0
    report = dict(db.execute("select measure, value from build_report"))
    assert report["papers_classified"] == report["papers"] - 2 and report["unmapped_terms"] == 0


def test_every_heading_holding_papers_and_every_key_word_is_in_the_taxonomy(built_atlas):
    db = sqlite3.connect(built_atlas)
    uncurated = db.execute("select id from topics where not curated").fetchall()
    assert uncurated == []
    (keywords,) = db.execute("select count(*) from keywords").fetchone()
    (keyword_concepts,) = db.execute("select count(*) from topics where kind = 'keyword'").fetchone()
    assert keyword_concepts >= keywords


def test_papers_record_how_they_were_classified(built_atlas):
    db = sqlite3.connect(built_atlas)
    vias = dict(db.execute("""
        select via, group_concat(topic_id) from paper_topics
        where paper_id = 'neural-tangent-kernel-convergence-and-generalization-in-neural-networks' group by via"""))
    assert "neural-tangent-kernel" in vias["section"] and "neural-tangent-kernel" in vias["keyword"]
    # list 000's GD and SGD chapter is a fallback: the paper is filed under the chapter, and under
    # our topic only if nothing else classified it
    assert "dynamics/2-learning-dynamics-of-gd-and-sgd" in vias["section"] and "gd-and-sgd-dynamics" not in vias["section"]
    manual = db.execute("select topic_id from paper_topics where via = 'manual' and paper_id = "
                        "'attention-is-all-you-need'").fetchall()
    assert manual == [("transformers",)]
    label = db.execute("select topic_id from paper_topics where via = 'label' and paper_id = 'flat-minima'")
    assert ("flat-minima",) in label.fetchall()


def build_with_heading(tmp_path: Path, heading: str) -> sqlite3.Connection:
    data = tmp_path / "data"
    shutil.copytree(CURATION, data)
    source = data / "sources" / "000_c0894582068b27f9.txt"
    source.write_text(source.read_text().replace("# 5. Learning Dynamics beyond Standard Training", heading))
    build(data / "sources.yml", tmp_path / "dist", data, unread_taxonomy(tmp_path / "taxonomy"))
    return sqlite3.connect(tmp_path / "dist" / "atlas.db")


def test_a_new_heading_naming_one_of_our_labels_classifies_its_papers_with_no_curation(tmp_path):
    db = build_with_heading(tmp_path, "# 5. Learning Dynamics of Spiking Networks")
    assert db.execute("select * from unmapped_terms").fetchall() == []
    rows = db.execute("""select topic_id, evidence, count(*) from paper_topics where via = 'section'
                         and evidence = '5. Learning Dynamics of Spiking Networks' group by topic_id""").fetchall()
    assert rows == [("dynamics/5-learning-dynamics-of-spiking-networks", "5. Learning Dynamics of Spiking Networks", 7),
                    ("learning-dynamics", "5. Learning Dynamics of Spiking Networks", 7)]


def test_an_unmapped_heading_is_reported_with_a_suggestion_and_its_papers_stay_reachable(tmp_path):
    db = build_with_heading(tmp_path, "# 5. Neuromorphic Hardware")
    rows = db.execute("""select kind, term, topic_id, papers, suggested_topic_id is not null, suggestion is not null
                         from unmapped_terms""").fetchall()
    assert rows == [("heading", "5. Neuromorphic Hardware", "dynamics/5-neuromorphic-hardware", 7, 1, 1)]
    (suggested,) = db.execute("""select scheme_id from topics where id =
                                 (select suggested_topic_id from unmapped_terms)""").fetchone()
    assert suggested == "atlas"
    (filed,) = db.execute("select count(*) from paper_topics where topic_id = "
                          "'dynamics/5-neuromorphic-hardware'").fetchone()
    assert filed == 7


def test_topic_closure_counts_narrower_topics(built_atlas):
    db = sqlite3.connect(built_atlas)
    depth = dict(db.execute("select descendant_id, depth from topic_closure where ancestor_id = 'learning-dynamics'"))
    assert depth["learning-dynamics"] == 0 and depth["sgd-noise"] == 2 and depth["heavy-tailed-noise"] == 3
    (under,) = db.execute("select papers from topics where id = 'infinite-width-limits'").fetchone()
    (direct,) = db.execute("select papers from topics where id = 'neural-tangent-kernel'").fetchone()
    assert under > direct > 0
