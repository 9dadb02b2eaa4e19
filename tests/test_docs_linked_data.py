"""The linked-data section of docs/linked-data.md runs: its SPARQL answers the same on the endpoint and on a
bulk-load of dist/atlas.nt, and its Turtle model is what the dump says."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pyoxigraph
import pytest
import yaml
from conftest import ROOT
from datasette.app import Datasette
from rdflib import Graph

from atlas.site.sparql_engine import engine_for

EXAMPLES = Path(ROOT / "atlas" / "site" / "plugins" / "sparql_endpoint" / "examples.yml")


def linked_data_section() -> str:
    page = (ROOT / "docs" / "linked-data.md").read_text(encoding="utf-8")
    start = page.index("\n## Linked data\n")
    end = page.find("\n## ", start + 1)
    return page[start:] if end < 0 else page[start:end]


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", linked_data_section(), re.DOTALL)


@pytest.fixture(scope="module")
def endpoint(built_atlas):
    datasette = Datasette(immutables=[str(built_atlas)])

    def select(query: str) -> dict:
        response = asyncio.run(datasette.client.get(
            "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}))
        assert response.status_code == 200, response.text
        return response.json()

    yield select
    engine_for(datasette).close()


@pytest.fixture(scope="module")
def bulk_loaded(built_atlas):
    store = pyoxigraph.Store()
    store.bulk_load(path=str(built_atlas.parent / "atlas.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)

    def select(query: str) -> dict:
        return json.loads(store.query(query).serialize(format=pyoxigraph.QueryResultsFormat.JSON))

    return select


def test_every_worked_example_of_the_endpoint_page_is_in_the_docs():
    examples = yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))
    assert [example["query"] for example in examples] == blocks("sparql")


@pytest.mark.parametrize("number", range(len(blocks("sparql"))))
def test_each_documented_query_answers_the_same_on_the_endpoint_and_on_a_bulk_load(number, endpoint, bulk_loaded):
    query = blocks("sparql")[number]
    on_endpoint = endpoint(query)
    assert on_endpoint == bulk_loaded(query)
    assert len(on_endpoint["results"]["bindings"]) > 0


def test_the_documented_model_in_turtle_is_what_the_dump_says(built_atlas):
    (model,) = blocks("turtle")
    documented_graph = Graph().parse(data=model, format="turtle")
    dump = Graph().parse(built_atlas.parent / "atlas.nt")
    assert len(documented_graph) > 30
    assert [triple for triple in documented_graph if triple not in dump] == []
