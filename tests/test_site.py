"""The site's own pages and the fixes to Datasette's tables, through a real Datasette serving dist/."""

from __future__ import annotations

import asyncio
import html
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import CURATION, MANIFEST, TAXONOMY
from datasette.app import Datasette
from datasette.tracer import capture_traces

from atlas.build.pipeline import build
from atlas.published import topic_token
from atlas.site import cache

NTK_PAPER = "neural-tangent-kernel-convergence-and-generalization-in-neural-networks"


def scalar(built_atlas: Path, sql: str, params=()):
    (value,) = sqlite3.connect(built_atlas).execute(sql, params).fetchone()
    return value


def test_dist_is_a_datasette_configuration_directory(built_atlas):
    dist = built_atlas.parent
    for name in ("atlas.db", "metadata.yml", "settings.json", "inspect-data.json",
                 "templates/atlas_topic.html", "static/atlas.css", "static/downloads/atlas.bib"):
        assert (dist / name).exists(), name
    inspect = json.loads((dist / "inspect-data.json").read_text())
    assert inspect["atlas"]["file"] == "atlas.db"
    assert inspect["atlas"]["tables"]["papers"]["count"] == scalar(built_atlas, "select count(*) from papers")
    assert json.loads((dist / "settings.json").read_text())["suggest_facets"] is False


def test_every_page_answers_and_unknown_ids_answer_404(get):
    for path in ("/", "/topics", "/topic/learning-dynamics", f"/paper/{NTK_PAPER}", "/author/jacot-arthur",
                 "/search?q=lottery", "/topic/phenomena/keyword/lottery-ticket-hypothesis"):
        assert get(path).status_code == 200, path
    for path in ("/topic/no-such-topic", "/paper/no-such-paper", "/author/no-such-author",
                 "/topic/phenomena/no/such", "/author/jacot-arthur-2"):
        assert get(path).status_code == 404, path


def test_home_links_the_topics_the_tree_the_tables_the_downloads_and_the_sources(get):
    page = get("/").text
    for link in ('href="/topic/learning-dynamics"', 'href="/topics"', 'href="/atlas/papers"', 'href="/atlas.db"',
                 'href="/static/downloads/atlas.bib"', 'href="/static/downloads/taxonomy.ttl"',
                 'href="/atlas/sources"', 'action="/search"'):
        assert link in page, link


def test_the_tree_shows_every_topic_with_its_count_including_narrower_topics(get, built_atlas):
    page = get("/topics").text
    for topic_id, papers in sqlite3.connect(built_atlas).execute(
            "select id, papers from topics where scheme_id = 'atlas' and not deprecated"):
        assert re.search(rf'href="/topic/{re.escape(topic_id)}">[^<]+</a> <span class="count">{papers:,}</span>',
                         page), topic_id


def test_topic_page_has_breadcrumb_narrower_crosswalk_papers_and_why(get, built_atlas):
    page = get("/topic/neural-tangent-kernel").text
    assert 'href="/topic/lazy-training">Lazy training</a> › Neural tangent kernel' in page
    assert 'href="/topic/lazy-training">Lazy training</a>' in page
    assert "Awesome Deep Phenomena" in page and "exactMatch" in page
    expected = scalar(built_atlas, "select papers from topics where id = 'neural-tangent-kernel'")
    assert page.count('class="paper-title"') == expected
    assert f'href="/paper/{NTK_PAPER}"' in page
    assert "keyword: “Neural Tangent Kernel”" in page and "title: “Neural Tangent Kernel”" in page
    assert '<link rel="alternate" type="text/turtle" href="/topic/neural-tangent-kernel.ttl">' in page


def test_an_empty_topic_page_says_why_no_paper_is_about_it(get, built_atlas):
    reasons = dict(sqlite3.connect(built_atlas).execute(
        "select id, empty_reason from topics where scheme_id = 'atlas' and not deprecated and papers = 0"))
    assert reasons and all(reasons.values())  # each empty topic of ours carries its curated reason
    page = html.unescape(get("/topic/learning-rate-schedules").text)
    assert "<h2>0 papers</h2>" in page and f"Why none: {reasons['learning-rate-schedules']}</p>" in page
    assert "Why none" not in get("/topic/neural-tangent-kernel").text


def test_topic_page_filters_papers_by_year_range(get, built_atlas):
    page = get("/topic/infinite-width-limits?from=2019&to=2019").text
    expected = scalar(built_atlas, "select count(*) from paper_topic_closure where topic_id = ? and year = 2019",
                      ["infinite-width-limits"])
    assert page.count('class="paper-title"') == expected
    assert "_topic=infinite-width-limits&amp;year__gte=2019&amp;year__lte=2019" in page


def test_topic_downloads_export_exactly_its_papers(get, built_atlas):
    expected = scalar(built_atlas, "select papers from topics where id = 'infinite-width-limits'")
    bib = get("/atlas/papers.bib?_topic=infinite-width-limits").text
    assert bib.count("\n@") + bib.startswith("@") == expected
    rows = get("/atlas/papers.json?_topic=infinite-width-limits&_shape=array&_size=max").json()
    assert len(rows) == expected


def test_paper_page_has_title_authors_venue_links_topics_provenance_and_bibtex(get):
    page = get(f"/paper/{NTK_PAPER}").text
    assert "<h1>Neural Tangent Kernel: Convergence and Generalization in Neural Networks</h1>" in page
    assert '<a href="/author/jacot-arthur">Arthur Jacot</a>' in page
    assert "Conference on Neural Information Processing Systems" in page
    assert 'href="https://arxiv.org/abs/1806.07572"' in page and 'href="https://arxiv.org/pdf/1806.07572"' in page
    assert 'href="/topic/neural-tangent-kernel">Neural tangent kernel</a>' in page
    assert 'href="/atlas/entries/phenomena,820,0"' in page
    assert "The lists disagree on its" in page
    assert f'href="/atlas/papers/{NTK_PAPER}.bib"' in page


def test_paper_page_shows_each_readers_topics_and_note_with_the_agreed_ones_marked(get, built_atlas):
    page = get("/paper/a-bayesian-perspective-on-generalization-and-stochastic-gradient-descent").text
    assert "Read by 2 curators" in page and "reading: two curators agree" in page
    # reader B alone gave flat minima: shown, not in bold, and not among the paper's topics
    assert '<a href="/topic/flat-minima">Flat and sharp minima</a>' in page
    assert '<a href="/topic/sgd-noise"><strong>SGD noise</strong></a>' in page
    notes = [note for (note,) in sqlite3.connect(built_atlas).execute(
        "select note from paper_readings where paper_id = 'a-bayesian-perspective-on-generalization-and-"
        "stochastic-gradient-descent'")]
    assert len(notes) == 2 and all(html.escape(note, quote=False) in page for note in notes)


def test_author_page_has_spellings_papers_coauthors_and_topics(get):
    page = get("/author/jacot-arthur").text
    assert "<h1>Arthur Jacot</h1>" in page
    assert f'href="/paper/{NTK_PAPER}"' in page
    assert 'href="/author/gabriel-franck">Franck Gabriel</a>' in page
    assert 'href="/topic/neural-tangent-kernel"' in page


def test_search_page_ranks_the_ntk_paper_first_and_names_matching_topics(get):
    page = get("/search?q=neural+tangent+kernel").text
    first = re.search(r'class="paper-title" href="([^"]+)"', page)[1]
    assert first == f"/paper/{NTK_PAPER}"
    assert 'href="/topic/neural-tangent-kernel"' in get("/search?q=NTK").text
    assert get('/search?q=%22').status_code == 200


def test_table_search_matches_topic_labels_and_synonyms(get, built_atlas):
    for words, topic in (("NTK", "neural-tangent-kernel"), ("LTH", "lottery-ticket-hypothesis"),
                         ("lottery", "lottery-ticket-hypothesis")):
        found = {row["id"] for row in get(f"/atlas/papers.json?_search={words}&_shape=array&_size=max").json()}
        in_topic = {paper_id for (paper_id,) in sqlite3.connect(built_atlas).execute(
            "select paper_id from paper_topic_closure where topic_id = ?", [topic])}
        assert in_topic <= found, words


def test_topic_facet_counts_narrower_topics_and_combines_with_search(get, built_atlas):
    facets = get("/atlas/papers.json?_size=0").json()["facet_results"]
    counts = {item["value"]: item["count"] for item in facets["topic"]["results"]}
    assert counts["learning-dynamics"] == scalar(built_atlas, "select papers from topics where id = 'learning-dynamics'")
    searched = get("/atlas/papers.json?_size=0&_search=kernel&_topic=infinite-width-limits").json()
    expected = scalar(built_atlas, "select count(*) from papers_fts join paper_topic_closure on paper_id = "
                      "(select id from papers where rowid = papers_fts.rowid) where papers_fts match 'kernel' "
                      "and topic_id = 'infinite-width-limits'")
    assert searched["filtered_table_rows_count"] == expected
    chosen = [item for item in searched["facet_results"]["topic"]["results"] if item["selected"]]
    assert [item["value"] for item in chosen] == ["infinite-width-limits"]


def test_topic_facet_of_one_year_counts_that_years_papers_in_each_topic(get, built_atlas):
    year = scalar(built_atlas, "select year from papers group by year order by count(*) desc limit 1")
    for address in (f"/atlas/papers.json?_size=0&year={year}", f"/atlas/papers.json?_size=0&year={year}&_search=network"):
        results = get(address).json()["facet_results"]["topic"]["results"]
        search = "network" if "_search" in address else None
        expected = dict(sqlite3.connect(built_atlas).execute(
            "select topic_id, count(*) from paper_topic_closure join papers on papers.id = paper_id "
            "join topics on topics.id = topic_id where papers.year = ? and topics.scheme_id = 'atlas' "
            "and (? is null or papers.rowid in (select rowid from papers_fts where papers_fts match ?)) "
            "group by topic_id", [year, search, search]).fetchall())
        assert results and {item["value"]: item["count"] for item in results} == {
            topic: count for topic, count in expected.items() if topic in {item["value"] for item in results}}
        assert [item["count"] for item in results] == sorted(expected.values(), reverse=True)[:len(results)]


def test_year_venue_and_list_facets_read_from_stored_counts_equal_a_plain_count(get, built_atlas):
    db = sqlite3.connect(built_atlas)
    year = scalar(built_atlas, "select year from papers group by year order by count(*) desc limit 1")
    for address, where in (("/atlas/papers.json?_size=0&_facet_size=max", "1"),
                           (f"/atlas/papers.json?_size=0&_facet_size=max&year={year}", f"year = {year}")):
        facets = get(address).json()["facet_results"]
        expected = {
            "year": db.execute(f"select year, count(*) from papers where {where} and year is not null "
                               "group by year").fetchall(),
            "venue_id": db.execute(f"select venue_id, count(*) from papers where {where} and venue_id is not null "
                                   "group by venue_id").fetchall(),
            "list": db.execute(f"select listed.value, count(*) from papers, json_each(papers.sources) as listed "
                               f"where {where} group by listed.value").fetchall(),
        }
        for name, counts in expected.items():
            assert {item["value"]: item["count"] for item in facets[name]["results"]} == dict(counts), (address, name)
        venues = [item["count"] for item in facets["venue_id"]["results"]]
        assert venues == sorted(venues, reverse=True)


def test_year_venue_and_list_facets_of_a_searched_or_filtered_set_counted_together_equal_a_plain_count(
    get, built_atlas
):
    db = sqlite3.connect(built_atlas)
    searched = "papers.rowid in (select rowid from papers_fts where papers_fts match 'kernel')"
    in_topic = "papers.id in (select paper_id from paper_topic_closure where topic_id = 'learning-dynamics')"
    venue = scalar(built_atlas, "select venue_id from papers group by venue_id order by count(*) desc limit 1")
    for address, where in (
        ("_search=kernel", searched),
        ("_search=kernel&_topic=learning-dynamics", f"{searched} and {in_topic}"),
        ("_topic=learning-dynamics", in_topic),
        (f"venue_id={venue}&_search=network", "venue_id = ? and papers.rowid in (select rowid from papers_fts "
         "where papers_fts match 'network')"),
        ("_list=phenomena", "papers.id in (select paper_id from entries where kind = 'paper' and source_id = 'phenomena')"),
    ):
        params = [venue] if "venue_id" in address else []
        facets = get(f"/atlas/papers.json?_size=0&_facet_size=max&{address}").json()["facet_results"]
        expected = {
            "year": db.execute(f"select year, count(*) from papers where {where} and year is not null "
                               "group by year", params).fetchall(),
            "venue_id": db.execute(f"select venue_id, count(*) from papers where {where} and venue_id is not null "
                                   "group by venue_id", params).fetchall(),
            "list": db.execute(f"select listed.value, count(*) from papers, json_each(papers.sources) as listed "
                               f"where {where} group by listed.value", params).fetchall(),
        }
        for name, counts in expected.items():
            assert counts, (address, name)
            assert {item["value"]: item["count"] for item in facets[name]["results"]} == dict(counts), (address, name)
        assert [item["value"] for item in facets["year"]["results"]] == sorted(dict(expected["year"]), reverse=True)
        venues = [(-item["count"], item["value"]) for item in facets["venue_id"]["results"]]
        assert venues == sorted(venues)


def test_topic_facet_of_a_searched_set_counted_by_topic_sets_equals_a_plain_count_of_the_closure(get, built_atlas):
    db = sqlite3.connect(built_atlas)
    assert db.execute("select count(*) from paper_topic_sets").fetchone() == db.execute(
        "select count(distinct paper_id) from paper_topic_closure").fetchone()
    for address, search in (("_search=kernel", "kernel"), ("_search=network&_topic=learning-dynamics", "network"),
                            ("_search=lottery", "lottery")):
        results = get(f"/atlas/papers.json?_size=0&_facet_size=max&{address}").json()["facet_results"]["topic"]
        topic = "learning-dynamics" if "_topic" in address else None
        expected = dict(db.execute(
            "select closure.topic_id, count(*) from paper_topic_closure as closure join topics on topics.id = topic_id "
            "where topics.scheme_id = 'atlas' and closure.paper_id in (select papers.id from papers where "
            "papers.rowid in (select rowid from papers_fts where papers_fts match ?) and (? is null or papers.id in "
            "(select paper_id from paper_topic_closure where topic_id = ?))) group by closure.topic_id",
            [search, topic, topic]).fetchall())
        assert expected and {item["value"]: item["count"] for item in results["results"]} == expected, address


def test_a_search_inside_a_topic_matches_exactly_the_searched_papers_of_that_topic(get, built_atlas):
    db = sqlite3.connect(built_atlas)
    topics = [topic for (topic,) in db.execute("select id from topics where scheme_id = 'atlas' and papers > 0")]
    tokens = {topic: db.execute("select count(*) from papers_fts where papers_fts match ?",
                                [f"topic_ids : {topic_token(topic)}"]).fetchone()[0] for topic in topics}
    assert tokens == {topic: scalar(built_atlas, "select count(*) from paper_topic_closure where topic_id = ?", [topic])
                      for topic in topics}
    assert len({topic_token(topic) for topic in topics}) == len(topics)
    assert db.execute("select count(*) from papers_fts where papers_fts match 'generalization'").fetchone() == \
        db.execute("select count(*) from papers_fts where papers_fts match '{title digest authors topics} : "
                   "generalization'").fetchone()
    for words, topic in (("kernel", "infinite-width-limits"), ("neural tangent", "learning-dynamics"),
                         ("lottery", "generalization"), ('"deep', "optimization"),
                         ("lottery", "phenomena/lottery-ticket-hypothesis")):
        found = get(f"/atlas/papers.json?_size=max&_shape=objects&_nofacet=1&_search={words}&_topic={topic}").json()
        searched = {row["id"] for row in get(
            f"/atlas/papers.json?_size=max&_shape=array&_search={words}").json()}
        in_topic = {paper for (paper,) in db.execute(
            "select paper_id from paper_topic_closure where topic_id = ?", [topic])}
        assert found["filtered_table_rows_count"] == len(searched & in_topic) > 0, (words, topic)
        assert {row["id"] for row in found["rows"]} == searched & in_topic


def test_year_facet_lists_years_newest_first(get):
    years = [item["value"] for item in get("/atlas/papers.json?_size=0").json()["facet_results"]["year"]["results"]]
    assert years == sorted(years, reverse=True) and len(years) > 5


def test_every_column_of_every_table_sorts(get, built_atlas):
    db = sqlite3.connect(built_atlas)
    for table in ("papers", "topics", "authors", "entries", "venues"):
        for column in [row[1] for row in db.execute(f"pragma table_info('{table}')")]:
            for order in ("_sort", "_sort_desc"):
                assert get(f"/atlas/{table}.json?{order}={column}&_size=1").status_code == 200, (table, column)


def test_bib_link_exports_the_whole_filtered_set_not_one_page(get, built_atlas):
    bib = get("/atlas/papers.bib").text
    assert bib.count("\n@") + 1 == scalar(built_atlas, "select count(*) from papers") > 100
    bib_2019 = get("/atlas/papers.bib?year=2019&_size=5").text
    assert bib_2019.count("\n@") + 1 == scalar(built_atlas, "select count(*) from papers where year = 2019")


def test_topic_canned_query_takes_any_label_or_synonym_in_any_case_once_per_paper(get, built_atlas):
    def ids(topic: str) -> list[str]:
        return [row["id"] for row in get(
            f"/atlas/papers_under_topic.json?topic={topic}&_shape=array&_size=max").json()]

    ntk = scalar(built_atlas, "select papers from topics where id = 'neural-tangent-kernel'")
    for spelling in ("NTK", "ntk", "Neural+Tangent+Kernel", "neural+tangent+kernel", "neural-tangent-kernel"):
        assert len(ids(spelling)) == len(set(ids(spelling))) == ntk, spelling
    dynamics = ids("learning+dynamics")
    assert len(dynamics) == len(set(dynamics)) == scalar(
        built_atlas, "select papers from topics where id = 'learning-dynamics'")


def test_json_arrays_render_as_lists_and_ids_as_labelled_links(get):
    papers = get("/atlas/papers?_size=5").text
    assert '<ul class="cell-list"><li><a href="/atlas/sources/' in papers
    topics = get("/atlas/topics?id=neural-tangent-kernel").text
    assert '<ul class="cell-list"><li>NTK</li><li>' in topics
    entries = get("/atlas/paper_entries?paper_id=" + NTK_PAPER).text
    assert (f'<a href="/paper/{NTK_PAPER}">Neural Tangent Kernel: Convergence and Generalization in Neural '
            'Networks</a>') in entries
    query = get("/atlas/papers_under_topic?topic=NTK").text
    assert f'<a href="/paper/{NTK_PAPER}">' in query
    row = get("/atlas/paper_browse/" + NTK_PAPER).text
    assert f'href="/paper/{NTK_PAPER}"' in row


@pytest.fixture(scope="module")
def hostile_site(built_atlas, tmp_path_factory) -> Datasette:
    """dist/ with a paper, an author and a topic whose names hold markup and quotes."""
    dist = tmp_path_factory.mktemp("hostile") / "dist"
    shutil.copytree(built_atlas.parent, dist)
    db = sqlite3.connect(dist / "atlas.db")
    db.execute("update papers set title = ? where id = ?", ['<script>alert("x")</script> "Kernel" & co', NTK_PAPER])
    db.execute("update authors set name = ? where id = 'jacot-arthur'", ['Arthur "<b>" Jacot'])
    db.execute("update topics set label = ? where id = 'neural-tangent-kernel'", ['NTK <script>x</script>'])
    db.commit()
    db.close()
    return Datasette([], config_dir=dist)


def test_titles_with_markup_and_quotes_render_escaped(hostile_site):
    for path in (f"/paper/{NTK_PAPER}", "/topic/neural-tangent-kernel", "/author/jacot-arthur",
                 "/topic/infinite-width-limits", "/topics", "/search?q=kernel", "/atlas/papers?_search=kernel",
                 "/atlas/paper_entries?paper_id=" + NTK_PAPER):
        page = asyncio.run(hostile_site.client.get(path)).text
        assert "<script>alert" not in page and "<script>x" not in page, path
        assert "&lt;script&gt;" in page, path
        assert '<b>"' not in page, path


def test_two_builds_give_byte_identical_sites(built_atlas, tmp_path):
    build(MANIFEST, tmp_path / "again", CURATION, TAXONOMY)
    first = sorted(p.relative_to(built_atlas.parent) for p in built_atlas.parent.rglob("*")
                   if p.is_file() and p.suffix != ".png")
    again = sorted(p.relative_to(tmp_path / "again") for p in (tmp_path / "again").rglob("*") if p.is_file())
    assert first == again
    for name in first:
        assert (built_atlas.parent / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name


def test_paper_browse_search_is_no_longer_ignored(get, built_atlas):
    browse = get("/atlas/paper_browse.json?_search=NTK&_size=0").json()
    papers = get("/atlas/papers.json?_search=NTK&_size=0").json()
    assert browse["filtered_table_rows_count"] == papers["filtered_table_rows_count"] < scalar(
        built_atlas, "select count(*) from papers")


def best_matches(page: str) -> list[str]:
    """The paper ids of the table page's "Best matches" list, in its order."""
    block = re.search(r'<section class="atlas-best-matches">(.*?)</section>', page, re.S)
    return re.findall(r'class="paper-title" href="/paper/([^"]+)"', block[1]) if block else []


def test_table_search_in_the_tables_own_order_shows_the_best_matches_first(get):
    page = get("/atlas/papers?_search=neural+tangent+kernel").text
    assert best_matches(page)[0] == NTK_PAPER
    assert page.index("Best matches") < page.index('<table class="rows-and-columns">')
    assert "All " in page and "matches, newest first" in page
    # The table's search form sends its current order, the default one, with every search.
    for default in ("_sort_desc=year", "_sort="):
        assert best_matches(get(f"/atlas/papers?_search=neural+tangent+kernel&{default}").text)[0] == NTK_PAPER
    for address in ("/atlas/papers?_search=neural+tangent+kernel&_sort=title", "/atlas/papers",
                    "/atlas/papers?_search=neural+tangent+kernel&_sort=year"):
        assert best_matches(get(address).text) == [], address
    rows = get("/atlas/papers.json?_search=neural+tangent+kernel&_shape=array&_size=max").json()
    assert rows == sorted(rows, key=lambda row: -(row["year"] or 0))


def test_best_matches_are_the_filtered_rows_in_the_order_search_ranks_them(get):
    ranked = re.findall(r'class="paper-title" href="/paper/([^"]+)"', get("/search?q=kernel").text)
    for filters in ("", "&_topic=infinite-width-limits", "&year__gte=2020", "&_list=phenomena",
                    "&_topic=optimization&venue_id=neurips", "&_where=entries+%3E+1"):
        kept = {row["id"] for row in get(f"/atlas/papers.json?_search=kernel{filters}&_shape=array&_size=max").json()}
        assert kept, filters
        shown = best_matches(get(f"/atlas/papers?_search=kernel{filters}").text)
        assert shown == [paper for paper in ranked if paper in kept][:10], filters
    assert best_matches(get("/atlas/papers?_search=no+such+words+anywhere").text) == []


def test_a_searched_page_ranks_its_matches_once_and_its_exports_rank_none(built_atlas):
    async def ranking_queries(path: str) -> int:
        datasette = Datasette([], config_dir=built_atlas.parent)
        cache._results.clear()
        traces = []
        with capture_traces(traces):
            response = await datasette.client.get(path)
            await asyncio.sleep(0.2)  # a ranking started and never awaited would finish by now
        assert response.status_code == 200
        return sum("bm25(" in trace.get("sql", "") for trace in traces)

    for path, rankings in (("/atlas/papers?_search=kernel", 1), ("/atlas/papers?_search=kernel&_topic=optimization", 1),
                           ("/atlas/papers.json?_search=kernel", 0), ("/atlas/papers.csv?_search=kernel", 0),
                           ("/atlas/papers?_search=kernel&_sort=title", 0)):
        assert asyncio.run(ranking_queries(path)) == rankings, path


def test_the_next_page_of_a_searched_table_lists_rows_only(get):
    first = get("/atlas/papers.json?_search=network&_size=5").json()
    assert first["next"]
    page = get(f"/atlas/papers?_search=network&_size=5&_next={first['next']}").text
    assert best_matches(page) == [] and '<table class="rows-and-columns">' in page


