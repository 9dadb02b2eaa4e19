"""A table's citation file (.bib, .ris, .csljson) that would cite more rows than one cites is
refused before Datasette runs the table view (atlas/site/plugins/citation_refusal.py), with the
renderer's own 400; every other ask is answered byte for byte as before.

The real atlas has 372 papers, so CITED_ROWS is lowered to 100 here, as 1,000 is to a million
papers. "Before" is the same Datasette with the refusal plugin taken out of Datasette's plugins."""

from __future__ import annotations

import urllib.parse
from contextlib import contextmanager

import pytest
from conftest import traced_answer as answer
from datasette.app import Datasette
from datasette.plugins import pm

from atlas.site.plugins import citation_output, citation_refusal

EXTENSIONS = ["bib", "ris", "csljson"]
# Each keeps more than 100 rows of its table.
BROAD = ["papers.{}", "papers.{}?year__gte=2019", "papers.{}?_topic=architectures-and-training",
         "paper_browse.{}?_list=phenomena", "papers.{}?_sort=title&_size=5"]
# Each keeps fewer: a column filter, a search, a topic (what the topic facet adds), all three.
NARROW = ["papers.{}?year=2021", "papers.{}?_search=kernel", "papers.{}?_topic=neural-tangent-kernel",
          "papers.{}?_search=kernel&_topic=infinite-width-limits&year__gte=2018",
          "paper_browse.{}?_topic=neural-tangent-kernel&_sort=title",
          "papers.{}?_facet=year&_labels=on&_list=optimization"]
# The view's own queries: its page of rows (every column) and its count of the filtered rows.
VIEW_QUERIES = ("select id, title, year", "select count(*) from papers", "select count(*) from paper_browse")


@pytest.fixture(scope="module")
def site(built_atlas):
    return Datasette([], config_dir=built_atlas.parent)


@pytest.fixture
def hundred_rows_cited(monkeypatch):
    monkeypatch.setattr(citation_output, "CITED_ROWS", 100)


@contextmanager
def without_refusal():
    """Datasette as it was before the refusal plugin: the renderer alone refuses."""
    name = pm.get_name(citation_refusal)
    pm.unregister(citation_refusal)
    try:
        yield
    finally:
        pm.register(citation_refusal, name=name)


def before_and_after(site, path: str):
    with without_refusal():
        before = answer(site, path)
    return before, answer(site, path)


@pytest.mark.parametrize("extension", EXTENSIONS)
@pytest.mark.parametrize("ask", BROAD)
def test_a_citation_file_of_more_rows_than_it_cites_is_refused_before_the_table_view_runs(
    site, hundred_rows_cited, ask, extension
):
    status, _, body, sql = answer(site, "/atlas/" + ask.format(extension))
    assert status == 400
    assert "Narrow them" in body.decode() and "/static/downloads/" in body.decode()
    assert not [query for query in sql if query.startswith(VIEW_QUERIES)]


@pytest.mark.parametrize("extension", EXTENSIONS)
def test_the_refusal_is_the_renderers_own_answer_byte_for_byte(site, hundred_rows_cited, extension):
    (status, headers, body, sql), refused = before_and_after(site, f"/atlas/papers.{extension}?year__gte=2019")
    assert [query for query in sql if query.startswith(VIEW_QUERIES)]  # the view ran, then the renderer
    assert (status, headers, body) == refused[:3] and status == 400


@pytest.mark.parametrize("extension", EXTENSIONS)
@pytest.mark.parametrize("ask", NARROW)
def test_a_narrow_citation_file_is_byte_identical_to_before(site, hundred_rows_cited, ask, extension):
    before, after = before_and_after(site, "/atlas/" + ask.format(extension))
    assert before[0] == 200 and len(before[2]) > 200
    assert before[:3] == after[:3]


@pytest.mark.parametrize("cited_rows, status", [(372, 200), (371, 400)])
def test_a_table_of_exactly_as_many_rows_as_a_file_cites_is_cited(site, monkeypatch, cited_rows, status):
    monkeypatch.setattr(citation_output, "CITED_ROWS", cited_rows)  # the atlas's 372 papers
    assert answer(site, "/atlas/papers.ris")[0] == status


@pytest.mark.parametrize("path", [
    "/atlas/papers.bib?_next=2019,some-id",  # a later page: the renderer counts from there
    "/atlas/papers.ris?_col=title",  # the paper id left out: the renderer says no papers are named
    "/atlas/papers.csljson?_search=%22&_searchmode=raw",  # a search SQLite cannot read
    "/atlas/papers.bib?year=2021&_sort=nope", "/atlas/papers.ris?_topic=neural-tangent-kernel&_size=x",
    "/atlas/venues.ris",  # rows naming no papers
    "/atlas/papers.json", "/atlas/papers.csv?_size=max", "/atlas/papers?_topic=architectures-and-training",
])
def test_asks_the_refusal_does_not_count_are_answered_as_before(site, hundred_rows_cited, path):
    before, after = before_and_after(site, path)
    assert before[:3] == after[:3]


@pytest.mark.parametrize("mistake", ["_sort=nope", "_sort=year&_sort_desc=year", "_size=x"])
def test_an_ask_both_too_broad_and_malformed_is_still_a_bad_request(site, hundred_rows_cited, mistake):
    """Refused as too broad now, where the view named the mistake: both 400, both true."""
    assert answer(site, f"/atlas/papers.bib?{mistake}")[0] == 400


def test_rows_too_slow_to_count_within_the_time_limit_are_refused_as_too_many(built_atlas, hundred_rows_cited):
    """As the renderer does when citing them outlasts the limit: the ask is too big, not the server broken."""
    hurried = Datasette([], config_dir=built_atlas.parent, settings={"sql_time_limit_ms": 50})
    slow = urllib.parse.quote("(select count(*) from papers a, papers b, papers c) > 0")  # 51M rows
    status, _, body, sql = answer(hurried, f"/atlas/papers.ris?year=2021&_where={slow}")
    assert status == 400 and "Narrow them" in body.decode()
    assert not [query for query in sql if query.startswith(VIEW_QUERIES)]
