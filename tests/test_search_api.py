"""/search.json and the canned query `search`: what /search ranks, best matches first, as data."""

from __future__ import annotations

import re
import sqlite3
import urllib.parse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

NTK = "neural-tangent-kernel-convergence-and-generalization-in-neural-networks"
QUERIES = ["neural tangent kernel", "lottery ticket", "Jacot", "double descent", "NTK", "sharpness flat minima"]


def api(get, **args) -> dict:
    response = get("/search.json?" + urllib.parse.urlencode(args))
    assert response.status_code == 200, response.text
    return response.json()


def test_the_ntk_paper_is_the_best_match_for_neural_tangent_kernel(get):
    found = api(get, q="neural tangent kernel")
    first = found["papers"][0]
    assert first["id"] == NTK and first["year"] == 2018 and first["venue"] == "NeurIPS"
    assert [author["name"] for author in first["authors"]] == ["Arthur Jacot", "Franck Gabriel", "Clément Hongler"]
    assert {"id": "neural-tangent-kernel", "label": "Neural tangent kernel"} in first["topics"]
    assert first["url"].endswith(f"/paper/{NTK}")
    assert {"id": "neural-tangent-kernel", "label": "Neural tangent kernel", "papers": 27,
            "url": "http://localhost/topic/neural-tangent-kernel"} in found["topics"]


@pytest.mark.parametrize("query", QUERIES)
def test_the_json_ranks_as_the_search_page_does(get, query):
    page = get("/search?" + urllib.parse.urlencode({"q": query})).text
    shown = re.findall(r'class="paper-title" href="/paper/([^"]+)"', page)
    found = api(get, q=query)
    assert [paper["id"] for paper in found["papers"]] == shown
    assert f"{found['total']:,} paper" in page
    scores = [paper["score"] for paper in found["papers"]]
    assert scores == sorted(scores, reverse=True) and all(score > 0 for score in scores)


@pytest.mark.parametrize("query", QUERIES)
def test_the_canned_query_search_ranks_as_search_json_with_the_same_scores(get, query):
    rows = get("/atlas/search.json?" + urllib.parse.urlencode({"q": query, "_shape": "array"})).json()
    found = api(get, q=query, _size=200)
    assert [(row["id"], row["score"]) for row in rows] == [(p["id"], p["score"]) for p in found["papers"]]


def test_each_paper_s_authors_and_topics_are_the_database_s(get, built_atlas):
    db = sqlite3.connect(built_atlas)
    for paper in api(get, q="gradient descent", _size=100)["papers"]:
        authors = db.execute("select author_id from paper_authors where paper_id = ? order by position",
                             [paper["id"]]).fetchall()
        assert [author["id"] for author in paper["authors"]] == [author_id for (author_id,) in authors]
        topics = db.execute("select distinct topic_id from paper_topics join topics on topics.id = topic_id "
                            "where paper_id = ? and scheme_id = 'atlas'", [paper["id"]]).fetchall()
        assert {topic["id"] for topic in paper["topics"]} == {topic_id for (topic_id,) in topics}


def test_size_max_is_the_largest_page(get):
    assert len(api(get, q="network", _size="max")["papers"]) == 200


def test_pages_follow_one_another_through_next_url(get):
    whole = api(get, q="network", _size=12)["papers"]
    first = api(get, q="network", _size=5)
    second = get(first["next_url"].removeprefix("http://localhost")).json()
    assert first["next"] == 5 and second["next"] == 10
    assert [p["id"] for p in first["papers"] + second["papers"]] == [p["id"] for p in whole[:10]]
    last = api(get, q="network", _size=5, _next=first["total"] - 2)
    assert len(last["papers"]) == 2 and last["next"] is None and last["next_url"] is None


def test_a_topic_and_years_narrow_the_matches_to_those_of_the_papers_table(get):
    found = api(get, q="kernel", topic="infinite-width-limits", **{"from": 2019, "to": 2020}, _size=200)
    table = get("/atlas/papers.json?_search=kernel&_topic=infinite-width-limits&year__gte=2019&year__lte=2020"
                "&_shape=array&_size=max").json()
    assert sorted(p["id"] for p in found["papers"]) == sorted(row["id"] for row in table)
    assert found["total"] == len(table) > 0
    in_a_list_s_heading = api(get, q="network", topic="phenomena/lottery-ticket-hypothesis", _size=200)
    table = get("/atlas/papers.json?_search=network&_topic=phenomena/lottery-ticket-hypothesis"
                "&_shape=array&_size=max").json()
    assert sorted(p["id"] for p in in_a_list_s_heading["papers"]) == sorted(row["id"] for row in table)
    assert len(table) > 0


@pytest.mark.parametrize("address", [
    "/search.json", "/search.json?q=", "/search.json?q=%22%28%29*", "/search.json?q=" + "+".join(["w"] * 33),
    "/search.json?q=kernel&_size=0", "/search.json?q=kernel&_size=201", "/search.json?q=kernel&_size=-1",
    "/search.json?q=kernel&_size=abc", "/search.json?q=kernel&_next=-1", "/search.json?q=kernel&_next=1e3",
    "/search.json?q=kernel&_next=99999999999999999999999", "/search.json?q=kernel&from=two",
    "/search.json?q=kernel&to=20201", "/search.json?q=kernel&topic=no-such-topic",
    "/search.json?q=kernel&topic=%00", "/search.json?q=kernel&topic=..%2F..%2Fetc%2Fpasswd",
])
def test_a_bad_argument_answers_400_with_the_reason_as_json(get, address):
    response = get(address)
    assert response.status_code == 400
    assert response.json()["ok"] is False and response.json()["error"]


@settings(max_examples=150, deadline=None)
@given(q=st.text(max_size=60), size=st.text(max_size=6), after=st.text(max_size=6), topic=st.text(max_size=20))
def test_no_argument_makes_search_json_fail(get, q, size, after, topic):
    address = "/search.json?" + urllib.parse.urlencode({"q": q, "_size": size, "_next": after, "topic": topic})
    assert get(address).status_code in (200, 400)
    canned = "/atlas/search.json?" + urllib.parse.urlencode({"q": q})
    assert get(canned).status_code in (200, 400)


def test_a_search_too_broad_to_rank_in_time_answers_400_saying_how_to_narrow_it(built_atlas):
    import asyncio
    import json

    from datasette.app import Datasette

    settings = {**json.loads((built_atlas.parent / "settings.json").read_text()), "sql_time_limit_ms": 1}
    hurried = Datasette([], config_dir=built_atlas.parent, settings=settings)
    response = asyncio.run(hurried.client.get("/search.json?q=network+neural+learning"))
    assert response.status_code == 400 and "add a word, a topic or years" in response.json()["error"]
