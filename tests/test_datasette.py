"""The published atlas, through Datasette itself: pages, facets, search and exports."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import urllib.request

import yaml
from conftest import ROOT

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text())


def test_papers_table_page_renders_with_title_and_facets(get):
    response = get("/atlas/papers")
    assert response.status_code == 200
    assert "DL Theory Atlas" in response.text
    assert "Neural Tangent Kernel" in response.text
    for facet in ("year", "venue_id", "sources"):
        assert f'data-column="{facet}"' in response.text


def test_default_facets_count_papers_per_year_and_venue(get, built_atlas):
    facets = get("/atlas/papers.json?_size=0").json()["facet_results"]
    years = {item["value"]: item["count"] for item in facets["year"]["results"]}
    (expected,) = sqlite3.connect(built_atlas).execute("select count(*) from papers where year = 2020").fetchone()
    assert years[2020] == expected
    venues = {item["label"]: item["count"] for item in facets["venue_id"]["results"]}
    assert venues["NeurIPS"] > venues["ICML"] > 0


def test_list_facet_counts_papers_per_source_list(get, built_atlas):
    facets = get("/atlas/papers.json?_size=0").json()["facet_results"]
    per_list = {item["value"]: item["count"] for item in facets["list"]["results"]}
    assert set(per_list) == {"dynamics", "optimization", "phenomena", "optimization-analysis", "theory-course"}
    (expected,) = sqlite3.connect(built_atlas).execute(
        "select count(*) from papers where sources like '%\"dynamics\"%'").fetchone()
    assert per_list["dynamics"] == expected


def test_entries_facets_by_source_and_kind(get):
    facets = get("/atlas/entries.json?_size=0").json()["facet_results"]
    kinds = {item["value"]: item["count"] for item in facets["kind"]["results"]}
    assert kinds["paper"] > kinds["other"] / 4 and kinds["label"] == 3
    assert len(facets["source_id"]["results"]) == 5


def test_full_text_search_finds_titles_digests_and_authors(get):
    by_title = get("/atlas/papers.json?_search=lottery+ticket&_shape=array").json()
    assert any("Lottery Ticket" in paper["title"] for paper in by_title)
    by_author = get("/atlas/papers.json?_search=Jacot&_shape=array").json()
    assert [paper["id"] for paper in by_author] == [
        "neural-tangent-kernel-convergence-and-generalization-in-neural-networks"]
    by_digest = get("/atlas/papers.json?_search=flooding&_shape=array").json()
    assert by_digest and all("flooding" in (paper["digest"] or "").lower() for paper in by_digest)


def test_csv_export_of_a_table(get, built_atlas):
    response = get("/atlas/venues.csv?_size=max")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    (count,) = sqlite3.connect(built_atlas).execute("select count(*) from venues").fetchone()
    assert len(rows) == count
    assert {"id", "name", "full_name", "kind"} <= set(rows[0])


def test_json_export_of_a_filtered_table(get):
    rows = get("/atlas/entries.json?source_id=optimization&kind=label&_shape=array").json()
    assert [row["title"] for row in rows] == [
        "SGD prefers flat minima, flatter minima seem to generalize better",
        "Learning rate and batch size",
        "Convergence",
    ]


def test_every_table_and_column_is_described_in_metadata(built_atlas):
    tables = METADATA["databases"]["atlas"]["tables"]
    db = sqlite3.connect(built_atlas)
    names = [name for (name,) in db.execute(
        "select name from sqlite_master where type = 'table' and name not like 'papers_fts%' "
        "and name not like 'sqlite_%'")]
    for table in names:
        assert tables.get(table, {}).get("description"), table
        columns = {row[1] for row in db.execute(f"pragma table_info('{table}')")}
        assert columns == set(tables[table].get("columns", {})), table


def test_canned_query_papers_by_author_matches_any_spelling(get):
    rows = get("/atlas/papers_by_author.json?name=Jastrz&_shape=array").json()
    assert {row["id"] for row in rows} >= {"three-factors-influencing-minima-in-sgd"}


def test_the_readme_serve_command_serves_the_atlas_read_only(served_atlas):
    with urllib.request.urlopen(f"{served_atlas}/atlas/sources.json?_shape=array") as reply:
        assert len(json.loads(reply.read())) == 5
    with urllib.request.urlopen(f"{served_atlas}/-/databases.json") as reply:
        assert json.loads(reply.read())[0]["is_mutable"] is False


def test_topic_facets_count_papers_with_narrower_topics_included(get, built_atlas):
    facets = get("/atlas/paper_browse.json?_size=0&_facet_size=max").json()["facet_results"]
    counts = {item["value"]: item["count"] for item in facets["topics_with_broader"]["results"]}
    (expected,) = sqlite3.connect(built_atlas).execute(
        "select papers from topics where id = 'infinite-width-limits'").fetchone()
    assert counts["Infinite-width limits"] == expected
    assert counts["Infinite-width limits"] > counts["Neural tangent kernel"] > 0


def test_canned_query_papers_under_a_topic_includes_narrower_topics(get, built_atlas):
    by_id = get("/atlas/papers_under_topic.json?topic=infinite-width-limits&_shape=array&_size=max").json()
    by_label = get("/atlas/papers_under_topic.json?topic=Infinite-width+limits&_shape=array&_size=max").json()
    (expected,) = sqlite3.connect(built_atlas).execute(
        "select papers from topics where id = 'infinite-width-limits'").fetchone()
    assert len({row["id"] for row in by_id}) == expected
    assert {row["id"] for row in by_id} == {row["id"] for row in by_label}
    assert any("Lazy training" in row["filed_under"] for row in by_id)
