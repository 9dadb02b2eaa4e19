"""The papers table searched answers as Datasette's own queries do: the same count, the papers
newest first then by id, page after page with none lost or repeated, whether its first page is
read from the build's stored pages (`search_newest`), its count from the search index, or a
search inside a topic runs without Datasette's own search clause beside the topic's."""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from datasette.app import Datasette
from datasette.tracer import capture_traces
from datasette.utils import escape_fts
from test_search_rankings import bench_site

from atlas.build.site_files import INSPECT_NAME, inspect_database
from atlas.build.site_tables import write_search_newest
from atlas.site import cache, table_search

SEARCHED = table_search.SEARCHED
MATCHED = "select count(*), json_group_array(rowid) from (select rowid from papers_fts where papers_fts match"
TOPIC = "rowid in (select rowid from papers_fts where papers_fts match :atlas_topic_0)"


def stored_site(built_atlas: Path, folder: Path, broad: int, depth: int, synthetic: int = 0) -> Datasette:
    """A copy of the built site whose words `broad` papers match have their first `depth`
    papers stored, as the build stores them for 10,000 (optionally with synthetic papers)."""
    shutil.copytree(built_atlas.parent, folder)
    if synthetic:
        bench_site().synthesize(folder / "atlas.db", synthetic)
    db = sqlite_utils.Database(folder / "atlas.db")
    write_search_newest(db, broad=broad, depth=depth)
    db.conn.commit()
    db.close()
    (folder / INSPECT_NAME).write_text(json.dumps(inspect_database(folder / "atlas.db"), indent=2) + "\n")
    cache._results.clear()
    return Datasette([], config_dir=folder, settings={
        **json.loads((folder / "settings.json").read_text()), "max_returned_rows": 2_000})


def newest_first(database: Path, search: str, where: str = "", params: dict | None = None) -> list[str]:
    """Every paper the papers table searched for `search` holds, in the table's documented order."""
    with sqlite3.connect(database) as db:
        return [paper_id for (paper_id,) in db.execute(
            "select id from papers where rowid in (select rowid from papers_fts where papers_fts match ?) "
            f"{where} order by year desc, id", [escape_fts(search), *(params or [])])]


async def pages_of(datasette: Datasette, path: str) -> tuple[list[str], set[int]]:
    seen, counts = [], set()
    while path:
        answer = (await datasette.client.get(path + ("" if "_shape=" in path else "&_shape=objects"))).json()
        seen += [row["id"] for row in answer["rows"]]
        counts.add(answer["filtered_table_rows_count"])
        path = answer["next_url"] and answer["next_url"].split("localhost", 1)[-1]
    return seen, counts


def every_page(datasette: Datasette, path: str, ran: list[str] | None = None) -> tuple[list[str], set[int]]:
    """The ids of every page of a table address, following `next_url`, and the counts it gave;
    the statements SQLite ran for them are added to `ran` (Datasette's traces)."""
    async def traced():
        traces: list[dict] = []
        with capture_traces(traces):
            found = await pages_of(datasette, path)
        (ran if ran is not None else []).extend(trace["sql"] for trace in traces if trace.get("sql"))
        return found

    return asyncio.run(traced())


def test_the_real_atlas_stores_no_newest_page_as_no_word_is_broad_among_its_papers(built_atlas):
    assert sqlite_utils.Database(built_atlas).execute("select count(*) from search_newest").fetchone() == (0,)


def test_a_broad_word_pages_newest_first_through_the_stored_page_and_past_it(built_atlas, tmp_path):
    datasette = stored_site(built_atlas, tmp_path / "dist", broad=25, depth=31)
    database = tmp_path / "dist" / "atlas.db"
    expected = newest_first(database, "network")
    assert len(expected) > 31
    ran: list[str] = []
    for size in (30, 7, 50):  # the stored page and the row after it; inside it; larger than it
        seen, counts = every_page(datasette, f"/atlas/papers.json?_search=network&_size={size}", ran)
        assert seen == expected and counts == {len(expected)}, size
    assert sum("from papers join (select paper_id as atlas_paper_id" in sql for sql in ran) == 2
    # The count is the index's: its list of the search's matches, read once (table_search.matched).
    assert sum(sql.startswith(MATCHED) for sql in ran) == 1
    # The HTML table shows the same first page.
    page = asyncio.run(datasette.client.get("/atlas/papers?_search=Network&_size=30&_sort_desc=year"))
    assert page.status_code == 200
    shown = [paper_id for paper_id in expected[:30] if f'href="/atlas/papers/{paper_id}"' in page.text]
    assert shown == expected[:30]


def test_several_words_page_newest_first_through_a_stored_words_papers_that_match_them_all(
    built_atlas, tmp_path, monkeypatch
):
    # Among a few thousand papers every search is dense enough to walk the year index first
    # (test_searched_page_work.py); here only the stored papers may answer.
    monkeypatch.setattr(table_search, "WALK_PAPERS", 0)
    datasette = stored_site(built_atlas, tmp_path / "dist", broad=25, depth=31)
    database = tmp_path / "dist" / "atlas.db"
    # A phrase is one of the words too; few of "network"'s newest papers say "neural tangent".
    for search, stored in (("neural network", 1), ("deep NETWORKS learning", 1), ('network "neural tangent"', 0)):
        expected = newest_first(database, search)
        ran: list[str] = []
        # Pages of 5 start from the 31 stored papers of one of the words (enough of them match all
        # the words); pages of 30 need more of them than match, so Datasette's query answers.
        for size in (5, 30):
            seen, counts = every_page(datasette, f"/atlas/papers.json?_search={search}&_size={size}", ran)
            assert seen == expected and counts == {len(expected)}, (search, size)
        assert sum("json_each(:atlas_rowids)" in sql for sql in ran) == stored, search


def test_other_searches_page_newest_first_then_by_id_and_other_orders_as_datasette_does(built_atlas, tmp_path):
    datasette = stored_site(built_atlas, tmp_path / "dist", broad=25, depth=31)
    database = tmp_path / "dist" / "atlas.db"
    for search in ("networks", "neural network", "lottery", "jacot", 'network"'):
        seen, counts = every_page(datasette, f"/atlas/papers.json?_search={search}&_size=20")
        assert seen == newest_first(database, search), search
        assert counts == {len(seen)}, search
    by_title = asyncio.run(datasette.client.get("/atlas/papers.json?_search=network&_sort=title&_size=5&_shape=objects"))
    titles = [row["title"] for row in by_title.json()["rows"]]
    assert titles == sorted(titles)
    in_a_year = asyncio.run(datasette.client.get("/atlas/papers.json?_search=network&year=2020&_size=1000&_shape=objects")).json()
    expected = newest_first(database, "network", "and year = ?", [2020])
    assert [row["id"] for row in in_a_year["rows"]] == expected and in_a_year["filtered_table_rows_count"] == len(expected)


def test_a_search_inside_a_topic_keeps_the_papers_and_count_of_both_clauses(built_atlas, tmp_path):
    datasette = stored_site(built_atlas, tmp_path / "dist", broad=25, depth=31, synthetic=3_000)
    database = tmp_path / "dist" / "atlas.db"
    topic = "architectures-and-training"
    closure = f"and id in (select paper_id from paper_topic_closure where topic_id = '{topic}')"
    ran: list[str] = []
    for search in ("kernel", "neural network", "network"):
        expected = newest_first(database, search, closure)
        seen, counts = every_page(datasette, f"/atlas/papers.json?_search={search}&_topic={topic}&_size=20", ran)
        assert 30 < len(expected), search
        assert seen == expected, search  # the first page's ties by id too: none repeated, none lost
        assert counts == {len(expected)}, search
    assert not any(SEARCHED in sql and TOPIC in sql for sql in ran)
    assert sum(sql.startswith(MATCHED) for sql in ran) == 3  # one per search, the topic's clause
    page = asyncio.run(datasette.client.get(f"/atlas/papers?_search=kernel&_topic={topic}"))
    assert page.status_code == 200


@pytest.mark.parametrize("sql, params", [
    # The topic's query does not hold the searched words: both clauses stay.
    (f"select count(*) from papers where {TOPIC} and {SEARCHED} ",
     {"search": "kernel", "atlas_topic_0": 'topic_ids : topicx AND ("other")'}),
    # A raw search is Datasette's other clause, `match :search`.
    ("select count(*) from papers where rowid in (select rowid from papers_fts where papers_fts match :search) ",
     {"search": "kernel"}),
    # Another filter beside the search.
    (f"select count(*) from papers where year = :p0 and {SEARCHED} ", {"search": "kernel", "p0": "2020"}),
    # Another table.
    (f"select count(*) from paper_browse where {SEARCHED} ", {"search": "kernel"}),
])
def test_queries_that_are_not_the_table_views_own_run_unchanged(built_atlas, sql, params):
    db = Datasette([], config_dir=built_atlas.parent).get_database("atlas")

    async def run(sql, params):
        raise AssertionError("nothing to look up")

    assert asyncio.run(table_search.rewritten(db, run, sql, params)) == (sql, params)


def test_a_database_that_may_change_runs_every_query_as_written(built_atlas):
    db = Datasette([str(built_atlas)]).get_database()
    sql = f"select count(*) from papers where {SEARCHED} "
    assert asyncio.run(table_search.rewritten(db, None, sql, {"search": "kernel"})) == (sql, {"search": "kernel"})
