"""The papers table searched does each piece of work once and the cheaper way: the best matches
above the table and the table's own count share one count of the search's matches; a dense
search's first page walks the year index newest first rather than sorting every match; and a
result asked for twice while it is being computed is computed once. The rows, their order and the
counts stay those of Datasette's own queries."""

from __future__ import annotations

import asyncio
import sqlite3

from datasette.app import Datasette
from datasette.tracer import capture_traces
from datasette.utils import escape_fts
from test_table_search import newest_first, stored_site

from atlas.site import cache

INDEX_COUNTS = ("select count(*) from papers_fts where papers_fts match", "select count(*), json_group_array(rowid)")


def traced(datasette: Datasette, path: str) -> tuple[object, list[str]]:
    async def ask():
        traces: list[dict] = []
        with capture_traces(traces):
            response = await datasette.client.get(path)
        return response, [trace["sql"] for trace in traces if trace.get("sql")]

    return asyncio.run(ask())


def test_the_searched_pages_best_matches_and_its_count_count_the_matches_once(built_atlas, tmp_path):
    datasette = stored_site(built_atlas, tmp_path / "dist", broad=25, depth=31, synthetic=3_000)
    database = tmp_path / "dist" / "atlas.db"
    expected = newest_first(database, "neural tangent kernel")
    page, ran = traced(datasette, "/atlas/papers?_search=neural+tangent+kernel")
    assert page.status_code == 200
    assert "<h2>Best matches</h2>" in page.text
    assert sum(sql.startswith(INDEX_COUNTS) for sql in ran) == 1
    assert f"{len(expected):,} row" in page.text
    shown = [paper_id for paper_id in expected if f'href="/atlas/papers/{paper_id}"' in page.text]
    assert shown[:20] == expected[:20]


def test_a_dense_searchs_first_page_walks_the_year_index_and_pages_as_datasette_does(built_atlas, tmp_path):
    datasette = stored_site(built_atlas, tmp_path / "dist", broad=25, depth=31, synthetic=3_000)
    database = tmp_path / "dist" / "atlas.db"
    for search in ("neural tangent kernel", "grokking", "neural network"):
        expected = newest_first(database, search)
        answer, ran = traced(datasette, f"/atlas/papers.json?_search={search}&_size=20&_shape=objects")
        assert [row["id"] for row in answer.json()["rows"]] == expected[:20], search
        assert answer.json()["filtered_table_rows_count"] == len(expected), search
        walked = "where +rowid in (select value from json_each(:atlas_matched)) order by year desc, id limit 21"
        assert any(walked in sql for sql in ran), search


def test_a_sparse_searchs_first_page_is_datasettes_own_query(built_atlas, tmp_path):
    datasette = stored_site(built_atlas, tmp_path / "dist", broad=25, depth=31, synthetic=3_000)
    database = tmp_path / "dist" / "atlas.db"
    expected = newest_first(database, "jacot")
    assert 0 < len(expected) < 20  # fewer than a page: walking would read the whole index
    answer, ran = traced(datasette, "/atlas/papers.json?_search=jacot&_size=20&_shape=objects")
    assert [row["id"] for row in answer.json()["rows"]] == expected
    assert not any("where +rowid in" in sql for sql in ran)


def test_a_result_asked_for_again_while_being_computed_is_computed_once(built_atlas):
    db = Datasette([], config_dir=built_atlas.parent).get_database("atlas")
    computed = []

    async def compute():
        computed.append(1)
        await asyncio.sleep(0.01)
        return len(computed)

    async def twice():
        cache._results.clear()
        return await asyncio.gather(cache.cached(db, ("twice",), compute), cache.cached(db, ("twice",), compute))

    assert asyncio.run(twice()) == [1, 1] and computed == [1]


def test_a_computation_that_failed_is_not_remembered(built_atlas):
    db = Datasette([], config_dir=built_atlas.parent).get_database("atlas")
    attempts = []

    async def compute():
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("interrupted")
        return "counted"

    async def again():
        cache._results.clear()
        try:
            await cache.cached(db, ("failing",), compute)
        except RuntimeError:
            pass
        return await cache.cached(db, ("failing",), compute)

    assert asyncio.run(again()) == "counted" and len(attempts) == 2


def test_a_searched_tables_facets_count_every_match_as_the_papers_table_holds_them(built_atlas, tmp_path):
    datasette = stored_site(built_atlas, tmp_path / "dist", broad=25, depth=31, synthetic=3_000)
    database = tmp_path / "dist" / "atlas.db"
    answer = asyncio.run(datasette.client.get("/atlas/papers.json?_search=neural+tangent+kernel&_size=0")).json()
    facets = answer["facet_results"]
    matches = "rowid in (select rowid from papers_fts where papers_fts match ?)"
    with sqlite3.connect(database) as db:
        years = dict(db.execute(f"select year, count(*) from papers where {matches} group by year",
                                [escape_fts("neural tangent kernel")]))
        topics = dict(db.execute(
            "select topic_id, count(*) from paper_topic_closure where paper_id in "
            f"(select id from papers where {matches}) group by topic_id", [escape_fts("neural tangent kernel")]))
    assert {row["value"]: row["count"] for row in facets["year"]["results"]} == years
    shown = {row["value"]: row["count"] for row in facets["topic"]["results"]}
    assert shown and all(topics[topic] == count for topic, count in shown.items())
