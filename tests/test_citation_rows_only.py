"""A table's citation file asks Datasette's table view for its rows only: no count of the filtered
rows, no facets (atlas/site/plugins/citation_rows_only.py); every answer is byte for byte as before.

"Before" is a Datasette made while the plugin is out of Datasette's plugins (an ASGI wrapper is
bound when Datasette is made)."""

from __future__ import annotations

import re

import pytest
from conftest import traced_answer as answer
from datasette.app import Datasette
from datasette.plugins import pm

from atlas.site.plugins import citation_rows_only
from atlas.site.plugins.citation_rows_only import rows_only

EXTENSIONS = ["bib", "ris", "csljson"]
ASKS = ["papers.{}?year=2021", "papers.{}?_search=kernel", "papers.{}?_topic=neural-tangent-kernel",
        "papers.{}?_search=kernel&_topic=infinite-width-limits&year__gte=2018&_sort=title",
        "paper_browse.{}?_topic=neural-tangent-kernel&_facet=year", "papers.{}?_facet=year&_labels=on&_list=optimization",
        "papers.{}?_nocount=0&year=2020", "papers.{}?_size=5&_next=5", "papers.{}",
        "search.{}?q=neural+tangent+kernel", "papers_under_topic.{}?topic=neural-tangent-kernel",
        "papers.{}?year=2021&_sort=nope", "venues.{}"]
# What the view runs besides its rows: the count of the filtered rows and each facet's query.
COUNT_OR_FACET = re.compile(r"count\(\*\)|\bas count\b|json_each\(:atlas_pairs\)")
REFUSAL_COUNT = re.compile(r"^select count\(\*\) from \(select 1 from ")


@pytest.fixture(scope="module")
def sites(built_atlas) -> tuple[Datasette, Datasette]:
    """(before, after): the same site without and with the plugin."""
    name = pm.get_name(citation_rows_only)
    pm.unregister(citation_rows_only)
    try:
        before = Datasette([], config_dir=built_atlas.parent)
    finally:
        pm.register(citation_rows_only, name=name)
    return before, Datasette([], config_dir=built_atlas.parent)


def counts_and_facets(sql: list[str]) -> list[str]:
    return [query for query in sql if COUNT_OR_FACET.search(query) and not REFUSAL_COUNT.match(query)]


@pytest.mark.parametrize("extension", EXTENSIONS)
@pytest.mark.parametrize("ask", ASKS)
def test_a_citation_file_is_byte_identical_to_before(sites, ask, extension):
    before, after = (answer(site, "/atlas/" + ask.format(extension)) for site in sites)
    assert before[:3] == after[:3]


@pytest.mark.parametrize("extension", EXTENSIONS)
def test_a_tables_citation_file_runs_no_count_and_no_facet(sites, extension):
    path = "/atlas/papers.{}?_search=kernel&_facet=year&_topic=infinite-width-limits"
    before, after = (answer(site, path.format(extension)) for site in sites)
    assert after[0] == 200 and len(after[2]) > 200
    assert counts_and_facets(before[3])  # the view counted and drew facets for nothing
    assert not counts_and_facets(after[3])


def test_other_formats_still_count_and_draw_facets(sites):
    for path in ("/atlas/papers.json?_search=kernel&_facet=year", "/atlas/papers?_search=kernel"):
        status, _, body, sql = answer(sites[1], path)
        assert status == 200 and counts_and_facets(sql)
    assert '"count": ' in answer(sites[1], "/atlas/papers.json?_facet=year")[2].decode()


@pytest.mark.parametrize("query_string, expected", [
    (b"", b"_nofacet=1&_nocount=1"),
    (b"year=2021", b"year=2021&_nofacet=1&_nocount=1"),
    (b"_nocount=0&q=a%20b", b"_nocount=0&q=a%20b&_nofacet=1"),
    (b"_nofacet=1&_nocount=1", b"_nofacet=1&_nocount=1"),
])
def test_the_switches_are_added_once_and_the_ask_is_kept_as_written(query_string, expected):
    assert rows_only(query_string) == expected
