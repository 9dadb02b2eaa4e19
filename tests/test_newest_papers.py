"""The atlas feed's newest papers (pages._newest_paper_ids) are those of `order by year desc, id`,
read a year at a time: a crowded year by walking the id index, a sparse one sorted."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from datasette.app import Datasette
from datasette.tracer import capture_traces

from atlas.site.pages import _newest_paper_ids

# (year, papers): a crowded newest year, a sparse one, a gap, another crowded one, and papers without a year.
YEARS = [(2023, 3000), (2022, 5), (2020, 800), (None, 40)]


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    path = tmp_path_factory.mktemp("newest") / "atlas.db"
    db = sqlite3.connect(path)
    db.execute("create table papers (id text primary key, title text, year integer)")
    db.execute("create index idx_papers_year on papers (year)")
    rows = [(f"paper-{(i * 7919) % 10007:05d}-{year}", "A title", year)
            for year, count in YEARS for i in range(count)]
    db.executemany("insert into papers values (?, ?, ?)", sorted(rows, key=lambda row: hash(row[0])))
    db.commit()
    expected = lambda n: [row[0] for row in db.execute(  # noqa: E731
        "select id from papers where year is not null order by year desc, id limit ?", (n,))]
    return Datasette([str(path)]).get_database("atlas"), expected


def newest(db, n: int) -> tuple[list[str], list[str]]:
    async def read():
        traces: list[dict] = []
        with capture_traces(traces):
            ids = await _newest_paper_ids(db, n)
        return ids, [trace["sql"] for trace in traces if trace["type"] == "sql"]

    return asyncio.run(read())


@pytest.mark.parametrize("n", [1, 50, 2999, 3000, 3001, 3005, 3100, 3805, 4000])
def test_the_newest_papers_are_those_of_year_then_id_order(database, n):
    db, expected = database
    assert newest(db, n)[0] == expected(n)


def test_a_crowded_year_is_walked_in_id_order_not_sorted(database):
    db, _ = database
    _, sql = newest(db, 50)
    assert [query for query in sql if "+year = :year order by id" in query]
    assert not [query for query in sql if "where year = :year order by id" in query]


def test_a_sparse_year_is_read_from_the_year_index(database):
    db, _ = database
    _, sql = newest(db, 3003)  # the rest of 2022's five papers
    assert [query for query in sql if "where year = :year order by id" in query]
