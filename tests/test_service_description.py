"""/sparql describes itself (SPARQL 1.1 Service Description) when asked for RDF without a query,
and the VoID says where the endpoint and the dumps are: both read back with rdflib, an RDF parser
independent of the one that wrote them."""

from __future__ import annotations

import asyncio

import pytest
from datasette.app import Datasette
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from atlas.site.sparql_engine import engine_for

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
BASE = "https://w3id.org/dl-theory-atlas/"
DATASET = URIRef(f"{BASE}.well-known/void#atlas")
SYNTAX = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld"}


@pytest.fixture(scope="module")
def site(built_atlas):
    datasette = Datasette([], config_dir=built_atlas.parent)

    def get(path: str, accept: str | None = None, method: str = "GET"):
        headers = {"Accept": accept} if accept else {}
        return asyncio.run(datasette.client.request(method, path, headers=headers))

    yield get
    engine_for(datasette).close()


def parsed(response, media_type: str) -> Graph:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media_type)
    return Graph().parse(data=response.text, format=SYNTAX[media_type])


@pytest.mark.parametrize("media_type", list(SYNTAX))
def test_the_endpoint_asked_for_rdf_without_a_query_describes_itself(site, media_type):
    graph = parsed(site("/sparql", media_type), media_type)
    service = URIRef("http://localhost/sparql")
    assert (service, RDF.type, SD.Service) in graph
    assert (service, SD.endpoint, service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    formats = set(graph.objects(service, SD.resultFormat))
    assert {FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV,
            FORMATS.SPARQL_Results_TSV, FORMATS.Turtle, FORMATS["N-Triples"], FORMATS["JSON-LD"]} <= formats


def test_the_default_dataset_is_the_void_dataset_with_its_size(site):
    graph = parsed(site("/sparql", "text/turtle"), "text/turtle")
    dataset = graph.value(URIRef("http://localhost/sparql"), SD.defaultDataset)
    assert dataset == DATASET
    assert (dataset, RDF.type, SD.Dataset) in graph
    assert graph.value(dataset, URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso")) == URIRef(
        "http://localhost/.well-known/void")
    default_graph = graph.value(dataset, SD.defaultGraph)
    assert (default_graph, RDF.type, SD.Graph) in graph
    counted = site("/sparql?query=SELECT+(COUNT(*)+AS+?n)+WHERE+{?s+?p+?o}", "application/sparql-results+json")
    total = int(counted.json()["results"]["bindings"][0]["n"]["value"])
    assert graph.value(default_graph, VOID.triples) == Literal(total)


def test_a_client_without_an_accept_header_gets_the_description_in_turtle(site):
    response = site("/sparql")
    assert response.headers["content-type"].startswith("text/turtle")


def test_a_browser_still_gets_the_query_form(site):
    response = site("/sparql", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200 and "<form" in response.text


def test_asking_for_results_without_a_query_is_a_bad_request(site):
    assert site("/sparql", "application/sparql-results+json").status_code == 400
    assert site("/sparql", "text/turtle", method="POST").status_code == 415


def test_the_void_names_the_endpoint_and_both_dumps(site):
    graph = parsed(site("/.well-known/void", "text/turtle"), "text/turtle")
    assert graph.value(DATASET, VOID.sparqlEndpoint) == URIRef(f"{BASE}sparql")
    dumps = set(graph.objects(DATASET, VOID.dataDump))
    assert dumps == {URIRef(f"{BASE}static/downloads/atlas.nt"), URIRef(f"{BASE}static/downloads/atlas.ttl")}


@pytest.mark.parametrize("name, syntax", [("atlas.nt", "nt"), ("atlas.ttl", "turtle")])
def test_each_dump_the_void_names_is_served_at_its_path_and_names_itself(site, name, syntax):
    response = site(f"/static/downloads/{name}")
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format=syntax)
    assert (DATASET, VOID.dataDump, URIRef(f"{BASE}static/downloads/{name}")) in graph
