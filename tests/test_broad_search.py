"""Searches too broad to rank when asked answer 400 saying how to narrow them and where every match
is, on /search and /search.json alike, never 500 and never an approximate ranking; narrow searches
page to their end and a broad word's stored pages are served as before."""

from __future__ import annotations

import asyncio
import json
import shutil
from urllib.parse import urlencode

import pytest
from datasette.app import Datasette
from test_search_rankings import bench_site, canned_search, with_rankings

from atlas.site import broad_search, cache, facets


@pytest.fixture
def few_rankable(monkeypatch):
    """The site ranking searches of at most 20 matches when asked, as a million papers make
    "network" too broad to rank."""
    monkeypatch.setattr(broad_search, "RANKABLE_MATCHES", 20)
    cache._results.clear()


def site(built_atlas, **settings) -> Datasette:
    configured = {**json.loads((built_atlas.parent / "settings.json").read_text()), **settings}
    return Datasette([], config_dir=built_atlas.parent, settings=configured)


def test_a_search_with_too_many_matches_answers_400_saying_how_to_narrow_it_and_where_every_match_is(
    built_atlas, few_rankable
):
    datasette = site(built_atlas)
    response = asyncio.run(datasette.client.get("/search.json?q=network"))
    assert response.status_code == 400
    answer = response.json()
    assert answer["ok"] is False and answer["total"] > 20
    assert "Narrow the search: add a word, or search inside a topic" in answer["error"]
    assert answer["csv_url"].endswith("/atlas/papers.csv?_search=network&_stream=on&_size=max")
    assert answer["table_url"] in answer["error"]
    page = asyncio.run(datasette.client.get("/search?q=network"))
    assert page.status_code == 400
    assert "Narrow the search" in page.text and 'href="/atlas/papers.csv?_search=network' in page.text
    # Several words, a topic or a page past the first are refused alike when they match too many.
    for refused in ("/search.json?q=neural+network", "/search.json?q=network&topic=architectures-and-training",
                    "/search.json?q=network&_next=50", "/search?q=neural+network&page=3"):
        assert asyncio.run(datasette.client.get(refused)).status_code == 400, refused
    # Every match is where the answer says, unranked.
    csv = asyncio.run(datasette.client.get("/atlas/papers.csv?_search=network&_stream=on&_size=max"))
    assert csv.status_code == 200 and len(csv.text.strip().splitlines()) == answer["total"] + 1


def test_a_narrow_search_still_pages_to_its_end_when_broad_ones_are_refused(built_atlas, few_rankable):
    datasette = site(built_atlas)
    found = asyncio.run(datasette.client.get("/search.json?q=double&_size=3")).json()
    assert 3 < found["total"] <= 20
    offset, seen = 0, []
    while offset is not None:
        page = asyncio.run(datasette.client.get(f"/search.json?q=double&_size=3&_next={offset}"))
        assert page.status_code == 200
        seen += [paper["id"] for paper in page.json()["papers"]]
        offset = page.json()["next"]
    assert len(seen) == found["total"] == len(set(seen))


def test_a_broad_word_pages_through_its_stored_ranking_with_no_link_past_it_and_answers_400_there(built_atlas, tmp_path, monkeypatch):
    shutil.copytree(built_atlas.parent, tmp_path / "dist")
    with_rankings(built_atlas, tmp_path / "dist" / "atlas.db", broad=25, depth=60)
    monkeypatch.setattr(broad_search, "RANKABLE_MATCHES", 20)
    cache._results.clear()
    datasette = site(tmp_path / "dist" / "atlas.db")
    inside = asyncio.run(datasette.client.get("/search.json?q=network&_size=20&_next=40"))
    assert inside.status_code == 200 and len(inside.json()["papers"]) == 20
    assert inside.json()["next"] is None and inside.json()["next_url"] is None  # no link to a refusal
    assert asyncio.run(datasette.client.get("/search.json?q=network&_size=20&_next=20")).json()["next"] == 40
    first_page = asyncio.run(datasette.client.get("/search?q=network"))
    assert first_page.status_code == 200 and "less relevant" not in first_page.text
    past = asyncio.run(datasette.client.get("/search.json?q=network&_size=20&_next=60"))
    assert past.status_code == 400 and "Narrow the search" in past.json()["error"]
    assert asyncio.run(datasette.client.get("/search?q=network&page=2")).status_code == 400


def test_a_search_outlasting_the_time_limit_answers_400_on_the_search_page_too(built_atlas):
    cache._results.clear()
    hurried = site(built_atlas, sql_time_limit_ms=1)
    page = asyncio.run(hurried.client.get("/search?q=network+neural+learning"))
    assert page.status_code == 400
    assert "add a word, a topic or years" in page.text and "/atlas/papers.csv?_search=" in page.text
    answer = asyncio.run(hurried.client.get("/search.json?q=network+neural+learning")).json()
    assert "add a word, a topic or years" in answer["error"] and answer["csv_url"]


def test_the_papers_table_lists_no_best_matches_for_a_search_search_refuses_but_still_its_rows(
    built_atlas, few_rankable
):
    datasette = site(built_atlas)
    table = asyncio.run(datasette.client.get("/atlas/papers?_search=network"))
    assert table.status_code == 200
    assert "too many papers to rank them in time: add a word" in table.text
    assert "atlas-best-matches" not in table.text
    narrow = asyncio.run(datasette.client.get("/atlas/papers?_search=double"))
    assert "Most relevant first" in narrow.text


def canned_rows(datasette: Datasette, query: str) -> list[tuple]:
    answer = asyncio.run(datasette.client.get("/atlas/search.json?" + urlencode({"q": query})))
    assert answer.status_code == 200, query
    return [tuple(row) for row in answer.json()["rows"]]


def test_the_canned_query_refuses_a_search_too_broad_to_rank_saying_how_to_narrow_it(built_atlas, few_rankable):
    datasette = site(built_atlas)
    response = asyncio.run(datasette.client.get("/atlas/search.json?q=neural+network"))
    assert response.status_code == 400
    answer = response.json()
    assert answer["ok"] is False and answer["total"] > 20
    assert answer["error"] == asyncio.run(datasette.client.get("/search.json?q=neural+network")).json()["error"]
    assert "Narrow the search: add a word, or search inside a topic" in answer["error"]
    assert answer["csv_url"].endswith("/atlas/papers.csv?_search=neural+network&_stream=on&_size=max")
    page = asyncio.run(datasette.client.get("/atlas/search?q=neural+network"))
    assert page.status_code == 400
    assert "Narrow the search" in page.text and 'href="/atlas/papers.csv?_search=neural+network' in page.text
    for other in ("/atlas/search.csv?q=neural+network", "/atlas/search.ris?q=neural+network",
                  "/atlas/search?q=neural+network&_format=json"):
        refused = asyncio.run(datasette.client.get(other))
        assert refused.status_code == 400 and "Narrow the search" in refused.text, other


def test_the_canned_query_answers_narrow_searches_and_bad_input_as_before(built_atlas, few_rankable, monkeypatch):
    datasette = site(built_atlas)
    for narrow in ("double", "Jacot", "edge of stability", "double descent"):
        assert canned_rows(datasette, narrow) == canned_search(built_atlas, narrow), narrow
    assert len(canned_rows(datasette, "double")) > 3
    # Refused only past the limit: a search just as broad as it allows is answered.
    monkeypatch.setattr(broad_search, "RANKABLE_MATCHES", len(canned_rows(datasette, "double")))
    cache._results.clear()
    assert canned_rows(datasette, "double") == canned_search(built_atlas, "double")
    monkeypatch.setattr(broad_search, "RANKABLE_MATCHES", len(canned_rows(datasette, "double")) - 1)
    cache._results.clear()
    assert asyncio.run(datasette.client.get("/atlas/search.json?q=double")).status_code == 400
    for odd in ('"', "AND", "*", "", "  ", "neural OR"):
        status = asyncio.run(datasette.client.get("/atlas/search.json?" + urlencode({"q": odd}))).status_code
        assert status in (200, 400), odd


def test_the_canned_query_still_reads_a_broad_words_stored_ranking(built_atlas, tmp_path, monkeypatch):
    computed = tmp_path / "dist" / "atlas.db"
    shutil.copytree(built_atlas.parent, tmp_path / "dist")
    bench_site().synthesize(computed, 3_000)
    stored = tmp_path / "stored.db"
    with_rankings(computed, stored, broad=400, depth=1_000)
    shutil.copy(stored, computed)
    monkeypatch.setattr(broad_search, "RANKABLE_MATCHES", 20)
    cache._results.clear()
    datasette = site(computed)
    # "network" is stored 1,000 deep, as many rows as the query answers: read, not refused.
    assert canned_rows(datasette, "network") == canned_search(computed, "network")
    assert len(canned_rows(datasette, "network")) == 1_000
    # Another spelling, or two words, would be ranked when asked: refused.
    for refused in ("networks", "neural network"):
        answer = asyncio.run(datasette.client.get("/atlas/search.json?" + urlencode({"q": refused})))
        assert answer.status_code == 400 and "Narrow the search" in answer.json()["error"], refused


def test_the_papers_table_counts_no_facets_for_more_papers_than_a_search_ranks(built_atlas, monkeypatch):
    monkeypatch.setattr(facets, "FACETED_PAPERS", 20)
    cache._results.clear()
    datasette = site(built_atlas)
    broad = asyncio.run(datasette.client.get("/atlas/papers?_search=network"))
    assert broad.status_code == 200
    assert "These facets timed out: topic, list, year, venue_id" in broad.text
    listed = asyncio.run(datasette.client.get("/atlas/papers.json?_search=network")).json()
    assert listed["filtered_table_rows_count"] > 20 and listed["facet_results"] == {}
    # A narrow search, and the unfiltered table (its stored counts), keep every facet.
    for counted in ("/atlas/papers.json?_search=double", "/atlas/papers.json", "/atlas/papers.json?year=2020"):
        assert set(asyncio.run(datasette.client.get(counted)).json()["facet_results"]) == {
            "topic", "year", "venue_id", "list"}, counted
