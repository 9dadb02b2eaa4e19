"""A served atlas answers what it cannot handle with a 4xx, and quickly: the .bib renderer and the
bounds on what one SQL statement may build (atlas/site/plugins/sql_limits.py)."""

from __future__ import annotations

import sqlite3
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from atlas.site.plugins.sql_limits import prepare_connection


def status_of(base: str, path: str) -> int:
    try:
        with urllib.request.urlopen(base + path) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("sql", ["select x'41' as paper_id", "select 1 as paper_id", "select 1 as x"])
def test_bib_of_rows_that_are_not_paper_ids_is_a_bad_request(served_atlas, sql):
    assert status_of(served_atlas, "/atlas.bib?sql=" + urllib.parse.quote(sql)) == 400


@pytest.mark.parametrize("sql", [
    "select length(randomblob(1000000000))",
    "select length(zeroblob(2000000000))",
    "select hex(randomblob(600000))",
    "select printf('%.*c', 2000000000, 'x')",
    "select format('%.2000000000c', 'x')",
    "select instr(printf('%.*c', 900000, 'a'), printf('%.*c', 90000, 'a') || 'b')",
])
def test_a_gigabyte_value_fails_fast(served_atlas, sql):
    started = time.monotonic()
    assert status_of(served_atlas, "/atlas.json?sql=" + urllib.parse.quote(sql)) == 400
    assert time.monotonic() - started < 2  # unbounded, these take 4 to 30 s


def test_values_the_atlas_needs_are_well_inside_the_bounds(served_atlas):
    sql = "select length(randomblob(900000)) as n, length(group_concat(raw)) > 100000 as all_entries from entries"
    with urllib.request.urlopen(f"{served_atlas}/atlas.json?_shape=array&sql=" + urllib.parse.quote(sql)) as page:
        assert page.read() == b'[{"n": 900000, "all_entries": 1}]'


@pytest.mark.parametrize("sql", [
    "select printf('%d-%s %5.2f %%', 3, 'x', 2.5)", "select printf('%.*c', 5, 'x')",
    "select printf('id 20190101 %d', 5000000000)", "select format('%s', null)", "select printf()",
    "select printf('%q', 'it''s')", "select instr('hello', 'll')", "select instr(x'0102', x'02')",
    "select instr(null, 'a')", "select instr('héllo', 'l')", "select instr(12345, 34)",
])
def test_bounded_printf_and_instr_answer_as_sqlite_does(sql):
    bounded = sqlite3.connect(":memory:")
    prepare_connection(bounded)
    assert bounded.execute(sql).fetchall() == sqlite3.connect(":memory:").execute(sql).fetchall()


@pytest.mark.parametrize("path", ["/atlas/papers.json?_sort=nope", "/atlas/papers?_sort_desc=nope",
                                  "/atlas/papers.csv?_sort=no+such+column"])
def test_sorting_by_a_column_the_table_cannot_sort_by_is_a_bad_request_not_a_server_error(served_atlas, path):
    assert status_of(served_atlas, path) == 400
    assert status_of(served_atlas, "/atlas/papers.json?_sort=year") == 200


@pytest.mark.parametrize("path", [
    "/atlas/papers.json?_sort=year&_sort_desc=title", "/atlas/papers?_sort=year&_sort_desc=year",
    "/atlas/paper_browse.csv?_sort_desc=year&_sort=title",
])
def test_sorting_both_ways_at_once_is_a_bad_request_not_a_server_error(served_atlas, path):
    assert status_of(served_atlas, path) == 400


@pytest.mark.parametrize("path, says", [
    ("/atlas/papers.json?_through=not-json", "_through must be JSON"),
    ("/atlas/papers.json?_through=%7B%7D", "_through must be JSON"),
    ("/atlas/papers.bib?_through=%5B1%5D", "_through must be JSON"),
    ('/atlas/papers.json?_through={"table":"venues","column":"x","value":"1"}', "Invalid _through"),
    ("/atlas/papers.json?_timelimit=soon", "_timelimit must be a whole number"),
    ("/atlas/papers?_nocol=year", "sorted by year"),
    ("/atlas/papers.json?_labels=on&_col=venue_id", "keep it among the columns (_col=year)"),
])
def test_a_table_argument_datasette_cannot_read_is_a_bad_request_saying_what_it_must_be(get, path, says):
    answer = get(path)
    assert answer.status_code == 400
    assert says in answer.text


@pytest.mark.parametrize("path", [
    '/atlas/papers.json?_through={"table":"paper_authors","column":"author_id","value":"x"}',
    "/atlas/papers.json?_timelimit=2000", "/atlas/papers.json?_col=title&_col=year", "/atlas/papers.csv?_nocol=year",
])
def test_the_same_arguments_well_formed_are_answered(get, path):
    assert get(path).status_code == 200


@pytest.mark.parametrize("extension", ["bib", "ris", "csljson"])
def test_citations_of_more_papers_than_the_time_limit_allows_are_a_bad_request_saying_what_to_do(
    built_atlas, extension
):
    import asyncio

    from datasette.app import Datasette
    from datasette.utils.asgi import BadRequest

    from atlas.site.plugins import citation_output

    hurried = Datasette([], config_dir=built_atlas.parent, settings={"sql_time_limit_ms": 50})
    # A table page whose filter keeps tens of millions of rows: citing them all outlasts the limit.
    page_sql = "select papers.id as id from papers, papers as b, papers as c limit 101"
    render = citation_output._renderer(extension)["render"]
    with pytest.raises(BadRequest) as refused:
        asyncio.run(render(hurried, "atlas", ["id"], [], "papers", None, page_sql, {}))
    assert "Narrow them" in str(refused.value) and "atlas.ris" in str(refused.value)
