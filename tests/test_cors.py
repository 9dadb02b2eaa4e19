"""Cross-origin reads: every data answer of the atlas says `Access-Control-Allow-Origin: *`, a
preflight is answered, credentials are never allowed, and HTML pages of Datasette are left alone."""

from __future__ import annotations

import asyncio

import pytest
from datasette.app import Datasette

from atlas.site.sparql_engine import engine_for

ORIGIN = {"Origin": "https://yasgui.example"}
PREFLIGHT = {**ORIGIN, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}


@pytest.fixture(scope="module")
def site(built_atlas):
    datasette = Datasette([], config_dir=built_atlas.parent)

    def request(method: str, path: str, headers: dict | None = None, **kwargs):
        return asyncio.run(datasette.client.request(method, path, headers={**ORIGIN, **(headers or {})}, **kwargs))

    yield request
    engine = engine_for(datasette)
    if engine is not None:
        engine.close()


@pytest.mark.parametrize("path, accept", [
    ("/sparql?query=ASK%7B%7D", "application/sparql-results+json"),
    ("/sparql", "text/turtle"),
    ("/.well-known/void", "text/turtle"),
    ("/topic/neural-tangent-kernel", "text/turtle"),
    ("/topic/neural-tangent-kernel.ttl", None),
    ("/paper/neural-tangent-kernel-convergence-and-generalization-in-neural-networks.jsonld", None),
    ("/author/jacot-arthur.nt", None),
    ("/atlas/papers.json?_size=2", None),
    ("/atlas/papers.csv?_size=2", None),
    ("/atlas/topics.json?_shape=objects", None),
    ("/atlas/papers.bib?_size=2", None),
    ("/atlas.json?sql=select+1", None),
    ("/static/downloads/atlas.nt", None),
])
def test_every_data_answer_allows_any_origin_without_credentials(site, path, accept):
    response = site("GET", path, {"Accept": accept} if accept else {})
    assert response.status_code == 200, response.text[:300]
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
    assert "Link" in response.headers["access-control-expose-headers"]


def test_an_error_answer_of_a_data_route_is_readable_cross_origin_too(site):
    response = site("GET", "/sparql?query=SELEC", {"Accept": "application/sparql-results+json"})
    assert response.status_code == 400
    assert response.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("path", ["/sparql", "/reconcile"])
def test_a_preflight_of_a_posted_query_is_answered_with_post(site, path):
    response = site("OPTIONS", path, PREFLIGHT)
    assert response.status_code == 204
    headers = response.headers
    assert headers["access-control-allow-origin"] == "*"
    assert {"GET", "POST"} <= {m.strip() for m in headers["access-control-allow-methods"].split(",")}
    allowed = {h.strip().lower() for h in headers["access-control-allow-headers"].split(",")}
    assert {"accept", "content-type"} <= allowed
    assert int(headers["access-control-max-age"]) > 0
    assert "access-control-allow-credentials" not in headers


@pytest.mark.parametrize("path", ["/atlas/papers.json", "/topic/neural-tangent-kernel.ttl", "/feed.atom",
                                  "/topic/neural-tangent-kernel.atom", "/atlas/papers.ris", "/search.json"])
def test_a_preflight_of_a_read_only_path_allows_reading_only(site, path):
    response = site("OPTIONS", path, {**ORIGIN, "Access-Control-Request-Method": "GET"})
    assert response.status_code == 204
    methods = {m.strip() for m in response.headers["access-control-allow-methods"].split(",")}
    assert "GET" in methods and "POST" not in methods


def test_a_page_for_people_gets_no_cors_headers(site):
    response = site("GET", "/atlas/papers")
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_datasettes_own_cors_flag_and_ours_give_one_header_not_two(built_atlas):
    datasette = Datasette([], config_dir=built_atlas.parent, cors=True)
    response = asyncio.run(datasette.client.get("/atlas/papers.json?_size=1", headers=ORIGIN))
    assert response.headers.get_list("access-control-allow-origin") == ["*"]
