"""Searches too broad to rank when asked: several broad words are ranked from the stored rankings
exactly as ranking every match ranks them (the same papers, order and floating-point scores, ties
included), and a search the site will not rank answers 400 saying how to narrow it, on /search and
/search.json alike, never 500."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest
from datasette.app import Datasette

from atlas.site import broad_search, pages
from test_search_rankings import bench_site, best_matches, every_page, with_rankings

SEVERAL_WORDS = ["neural network", "deep neural network", "gradient descent", "network gradient",
                 "Neural Network", "deep neural network learning", "network network"]


def computed_page(path: Path, query: str, size: int, offset: int) -> list[dict]:
    """A page of the search ranked by scoring every match (the database has no stored rankings)."""
    db = Datasette([str(path)]).get_database()
    return asyncio.run(pages.search_results(db, query, size=size, offset=offset))["papers"]


def proved_page(path: Path, query: str, size: int, offset: int) -> list[dict] | None:
    """The same page as the stored rankings prove it, or None."""
    db = Datasette([str(path)]).get_database()
    words = pages.search_words(query)
    match = " ".join(f'"{word}"' for word in words)
    (total,) = asyncio.run(db.execute("select count(*) from papers_fts where papers_fts match :m", {"m": match})).rows[0]
    return asyncio.run(broad_search.certified_page(db, words, size, offset, total))


def assert_proved_pages_are_the_computed_ones(computed: Path, stored: Path, size: int) -> int:
    """Every page the rankings prove is the computed page; the number of pages proved."""
    proved = 0
    for query in SEVERAL_WORDS:
        for offset in range(0, 300, size):
            page = proved_page(stored, query, size, offset)
            if page is not None:
                assert page == computed_page(computed, query, size, offset), (query, offset)
                proved += 1
    return proved


@pytest.fixture(scope="module")
def synthetic(built_atlas, tmp_path_factory) -> tuple[Path, Path]:
    """The real atlas and 3,000 synthetic papers, whose titles of four words from a small
    vocabulary give thousands of equal scores; rankings of 200 papers for the words 300 match."""
    folder = tmp_path_factory.mktemp("synthetic")
    computed = folder / "computed.db"
    shutil.copy(built_atlas, computed)
    bench_site().synthesize(computed, 3_000)
    with_rankings(computed, folder / "stored.db", broad=300, depth=200)
    return computed, folder / "stored.db"


def test_several_broad_words_rank_from_the_stored_rankings_as_every_match_ranks_them_with_many_ties(synthetic):
    computed, stored = synthetic
    for size in (50, 10, 7):
        assert assert_proved_pages_are_the_computed_ones(computed, stored, size) > 0


def test_several_broad_words_page_the_same_through_search_results_with_many_ties(synthetic):
    computed, stored = synthetic
    for query in SEVERAL_WORDS:
        assert every_page(stored, query, 50) == every_page(computed, query, 50), query
        assert best_matches(stored, query) == best_matches(computed, query), query


def test_the_first_page_of_neural_network_is_proved_from_the_rankings(synthetic):
    computed, stored = synthetic
    page = proved_page(stored, "neural network", 10, 0)
    assert page is not None and len(page) == 10
    assert page == computed_page(computed, "neural network", 10, 0)


def test_a_word_without_a_stored_ranking_is_never_proved_from_the_others(synthetic):
    _, stored = synthetic
    # "learning" is stored as the stem "learn": as typed it is no key, so nothing is proved.
    assert proved_page(stored, "neural learning", 10, 0) is None
    assert proved_page(stored, "network network", 10, 0) is None


def test_broad_words_of_the_real_atlas_rank_the_same_stored_or_computed(built_atlas, tmp_path):
    computed = tmp_path / "computed.db"
    shutil.copy(built_atlas, computed)
    with_rankings(computed, tmp_path / "stored.db", broad=25, depth=60)
    assert assert_proved_pages_are_the_computed_ones(computed, tmp_path / "stored.db", 10) > 0
    for query in SEVERAL_WORDS:
        assert every_page(tmp_path / "stored.db", query, 20) == every_page(computed, query, 20), query


@pytest.fixture
def few_rankable(monkeypatch):
    """The site ranking searches of at most 20 matches when asked, as a million papers make
    "network" too broad to rank."""
    monkeypatch.setattr(broad_search, "RANKABLE_MATCHES", 20)
    broad_search_cache_cleared()


def broad_search_cache_cleared() -> None:
    from atlas.site import cache

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


def test_a_broad_word_pages_through_its_stored_ranking_and_answers_400_past_it(built_atlas, tmp_path, monkeypatch):
    shutil.copytree(built_atlas.parent, tmp_path / "dist")
    with_rankings(built_atlas, tmp_path / "dist" / "atlas.db", broad=25, depth=60)
    monkeypatch.setattr(broad_search, "RANKABLE_MATCHES", 20)
    broad_search_cache_cleared()
    datasette = site(tmp_path / "dist" / "atlas.db")
    inside = asyncio.run(datasette.client.get("/search.json?q=network&_size=20&_next=40"))
    assert inside.status_code == 200 and len(inside.json()["papers"]) == 20
    past = asyncio.run(datasette.client.get("/search.json?q=network&_size=20&_next=60"))
    assert past.status_code == 400 and "Narrow the search" in past.json()["error"]
    assert asyncio.run(datasette.client.get("/search?q=network&page=2")).status_code == 400


def test_a_search_outlasting_the_time_limit_answers_400_on_the_search_page_too(built_atlas):
    broad_search_cache_cleared()
    hurried = site(built_atlas, sql_time_limit_ms=1)
    page = asyncio.run(hurried.client.get("/search?q=network+neural+learning"))
    assert page.status_code == 400
    assert "add a word, a topic or years" in page.text and "/atlas/papers.csv?_search=" in page.text
    answer = asyncio.run(hurried.client.get("/search.json?q=network+neural+learning")).json()
    assert "add a word, a topic or years" in answer["error"] and answer["csv_url"]
