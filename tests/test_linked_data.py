"""IRIs that resolve: /topic, /paper and /author answer RDF by Accept or by extension, HTML passes by."""

from __future__ import annotations

import asyncio
import json
import urllib.request

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, SKOS

from atlas.site.sparql_engine import engine_for

BASE = "https://w3id.org/dl-theory-atlas/"
SCHEMA_NAME = URIRef("http://schema.org/name")
RESOURCES = {
    "topic": "neural-tangent-kernel",
    "paper": "a-closer-look-at-memorization-in-deep-networks",
    "author": "arpit-devansh",
}
FORMATS = {"ttl": ("text/turtle", "turtle"), "jsonld": ("application/ld+json", "json-ld"),
           "nt": ("application/n-triples", "nt")}


@pytest.fixture(scope="module")
def site(built_atlas):
    """GET with headers from a Datasette serving the built atlas, as `datasette dist/atlas.db` would."""
    from datasette.app import Datasette

    datasette = Datasette(immutables=[str(built_atlas)])

    def fetch(path: str, accept: str | None = None, method: str = "GET"):
        headers = {"Accept": accept} if accept else {}
        return asyncio.run(datasette.client.request(method, path, headers=headers))

    yield fetch
    engine_for(datasette).close()


def graph_of(response, syntax: str) -> Graph:
    return Graph().parse(data=response.content, format=syntax)


@pytest.mark.parametrize("kind", RESOURCES)
@pytest.mark.parametrize("extension", FORMATS)
def test_each_kind_answers_each_format_by_extension_and_by_accept(site, kind, extension):
    media_type, syntax = FORMATS[extension]
    path = f"/{kind}/{RESOURCES[kind]}"
    by_extension = site(f"{path}.{extension}")
    by_accept = site(path, accept=media_type)
    for response in (by_extension, by_accept):
        assert response.status_code == 200
        assert response.headers["content-type"].split(";")[0] == media_type
        assert f"<{path}.ttl>; rel=\"alternate\"; type=\"text/turtle\"" in response.headers["link"]
    assert "Accept" in by_accept.headers["vary"]
    graph = graph_of(by_extension, syntax)
    assert (URIRef(f"{BASE}{kind}/{RESOURCES[kind]}"), None, None) in graph
    assert isomorphic(graph, graph_of(by_accept, syntax))


@pytest.mark.parametrize("kind", RESOURCES)
def test_the_three_formats_of_a_description_say_the_same(site, kind):
    path = f"/{kind}/{RESOURCES[kind]}"
    graphs = [graph_of(site(f"{path}.{extension}"), syntax) for extension, (_, syntax) in FORMATS.items()]
    assert isomorphic(graphs[0], graphs[1]) and isomorphic(graphs[0], graphs[2])


def test_a_paper_description_names_what_it_links_to(site):
    graph = graph_of(site("/paper/a-closer-look-at-memorization-in-deep-networks.ttl"), "turtle")
    paper = URIRef(f"{BASE}paper/a-closer-look-at-memorization-in-deep-networks")
    assert graph.value(paper, DCTERMS.title) == Literal("A Closer Look at Memorization in Deep Networks")
    assert graph.value(URIRef(f"{BASE}author/arpit-devansh"), FOAF.name) == Literal("Devansh Arpit")
    assert graph.value(URIRef(f"{BASE}topic/memorization"), SKOS.prefLabel, any=True) is not None
    assert graph.value(URIRef(f"{BASE}venue/icml"), SCHEMA_NAME) == Literal("ICML")
    first = URIRef(f"{BASE}paper/a-closer-look-at-memorization-in-deep-networks/author/1")
    assert graph.value(first, SCHEMA_NAME) == Literal("Devansh Arpit")


def test_an_author_description_lists_their_papers_with_titles(site):
    graph = graph_of(site("/author/arpit-devansh.nt"), "nt")
    paper = URIRef(f"{BASE}paper/a-closer-look-at-memorization-in-deep-networks")
    assert (paper, DCTERMS.creator, URIRef(f"{BASE}author/arpit-devansh")) in graph
    assert graph.value(paper, DCTERMS.title) is not None


def test_a_topic_description_has_its_broader_topic_and_its_papers(site):
    graph = graph_of(site("/topic/neural-tangent-kernel.ttl"), "turtle")
    topic = URIRef(f"{BASE}topic/neural-tangent-kernel")
    assert graph.value(topic, SKOS.broader) is not None
    assert len(set(graph.subjects(DCTERMS.subject, topic))) >= 3


@pytest.mark.parametrize("path", [
    "venue/icml", "source/dynamics", "source/dynamics/line/22", "source/dynamics/2-learning-dynamics-of-gd-and-sgd",
    "paper/a-closer-look-at-memorization-in-deep-networks/author/1", "scheme/atlas",
])
def test_every_other_kind_of_iri_in_the_dump_resolves_too(site, path):
    for response in (site(f"/{path}.ttl"), site(f"/{path}", accept="text/turtle")):
        assert response.status_code == 200, path
        assert (URIRef(f"{BASE}{path}"), None, None) in graph_of(response, "turtle")


@pytest.mark.parametrize("row, resource", [
    ("/atlas/topics/learning-dynamics.ttl", "/topic/learning-dynamics.ttl"),
    ("/atlas/topics/dynamics~2F2-learning-dynamics-of-gd-and-sgd.nt",
     "/source/dynamics/2-learning-dynamics-of-gd-and-sgd.nt"),
    ("/atlas/papers/a-closer-look-at-memorization-in-deep-networks.jsonld",
     "/paper/a-closer-look-at-memorization-in-deep-networks.jsonld"),
    ("/atlas/authors/arpit-devansh.ttl", "/author/arpit-devansh.ttl"),
])
def test_a_table_row_asked_for_in_rdf_is_redirected_to_its_resource(site, row, resource):
    response = site(row)
    assert response.status_code == 303
    assert response.headers["location"] == resource
    assert site(resource).status_code == 200


@pytest.mark.parametrize("kind", RESOURCES)
def test_unknown_ids_answer_404_in_every_format(site, kind):
    path = f"/{kind}/no-such-{kind}-anywhere"
    for extension, (media_type, _) in FORMATS.items():
        assert site(f"{path}.{extension}").status_code == 404
        assert site(path, accept=media_type).status_code == 404


@pytest.mark.parametrize("kind", RESOURCES)
def test_a_browser_asking_for_html_is_passed_through_with_vary_and_link(site, kind):
    path = f"/{kind}/{RESOURCES[kind]}"
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    for accept in (browser, "*/*", None):
        response = site(path, accept=accept)
        assert response.headers["content-type"].startswith("text/html")
        assert "Accept" in response.headers["vary"]
        assert f"<{path}.jsonld>; rel=\"alternate\"; type=\"application/ld+json\"" in response.headers["link"]


def test_turtle_preferred_over_html_by_quality_is_answered_in_turtle(site):
    response = site("/topic/neural-tangent-kernel", accept="text/html;q=0.5, text/turtle")
    assert response.headers["content-type"].startswith("text/turtle")


def test_the_void_description_says_where_the_data_and_the_endpoint_are(site):
    response = site("/.well-known/void")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = graph_of(response, "turtle")
    dataset = URIRef(f"{BASE}.well-known/void#atlas")
    void = "http://rdfs.org/ns/void#"
    assert str(graph.value(dataset, URIRef(f"{void}uriSpace"))) == BASE
    assert graph.value(dataset, URIRef(f"{void}sparqlEndpoint")) == URIRef(f"{BASE}sparql")
    assert int(graph.value(dataset, URIRef(f"{void}triples"))) > 15_000
    as_json = site("/.well-known/void", accept="application/ld+json")
    assert as_json.headers["content-type"].startswith("application/ld+json")
    assert isomorphic(graph, Graph().parse(data=json.dumps(as_json.json()), format="json-ld"))


def test_datasette_serving_the_dist_folder_finds_the_dump_there(served_atlas):
    """`datasette dist`: dist/ as the configuration directory, served by the real command."""
    with urllib.request.urlopen(f"{served_atlas}/paper/{RESOURCES['paper']}.nt") as response:
        assert response.headers["content-type"] == "application/n-triples"
        assert f"<{BASE}paper/{RESOURCES['paper']}>".encode() in response.read()
    ask = urllib.request.Request(f"{served_atlas}/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D",
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(ask) as response:
        assert json.loads(response.read())["boolean"] is True
