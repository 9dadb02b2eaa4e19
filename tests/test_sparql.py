"""/sparql: the SPARQL 1.1 Protocol over the whole atlas, read-only and limited, equal to the SQL."""

from __future__ import annotations

import asyncio
import csv
import io
import re
import sqlite3
import time
import xml.etree.ElementTree as ET

import pytest
from datasette.app import Datasette
from rdflib import Graph

from atlas.site.sparql_engine import engine_for

BASE = "https://w3id.org/dl-theory-atlas/"
PREFIXES = f"""PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX atlas: <{BASE}topic/>
"""
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class Site:
    def __init__(self, datasette: Datasette) -> None:
        self.datasette = datasette

    def get(self, query: str | None = None, accept: str | None = None, **params):
        if query is not None:
            params["query"] = query
        headers = {"Accept": accept} if accept else {}
        return asyncio.run(self.datasette.client.get("/sparql", params=params, headers=headers))

    def post(self, content_type: str, body: str, accept: str | None = None):
        headers = {"Content-Type": content_type, **({"Accept": accept} if accept else {})}
        return asyncio.run(self.datasette.client.post("/sparql", content=body.encode(), headers=headers))

    def rows(self, query: str) -> list[dict[str, str]]:
        response = self.get(PREFIXES + query)
        assert response.status_code == 200, response.text
        return [{k: v["value"] for k, v in row.items()} for row in response.json()["results"]["bindings"]]


@pytest.fixture(scope="module")
def site(built_atlas):
    datasette = Datasette(immutables=[str(built_atlas)])
    yield Site(datasette)
    engine_for(datasette).close()


@pytest.fixture(scope="module")
def db(built_atlas):
    return sqlite3.connect(built_atlas)


# --- the protocol ---------------------------------------------------------------------------------

def test_get_post_form_and_post_query_give_the_same_answer(site):
    by_get = site.get(COUNT)
    by_form = site.post("application/x-www-form-urlencoded", f"query={COUNT.replace(' ', '+')}")
    by_body = site.post("application/sparql-query", COUNT)
    assert by_get.status_code == by_form.status_code == by_body.status_code == 200
    assert by_get.json() == by_form.json() == by_body.json()
    assert int(by_get.json()["results"]["bindings"][0]["n"]["value"]) > 15_000


def test_select_answers_json_xml_csv_and_tsv_by_accept(site):
    paper = f"<{BASE}paper/a-closer-look-at-memorization-in-deep-networks>"
    query = f"SELECT ?t WHERE {{ {paper} <http://purl.org/dc/terms/title> ?t }}"
    title = "A Closer Look at Memorization in Deep Networks"
    as_json = site.get(query, accept="application/sparql-results+json")
    assert as_json.headers["content-type"] == "application/sparql-results+json"
    assert as_json.json()["results"]["bindings"][0]["t"]["value"] == title
    as_xml = site.get(query, accept="application/sparql-results+xml")
    assert as_xml.headers["content-type"] == "application/sparql-results+xml"
    literal = ET.fromstring(as_xml.content).find(".//{http://www.w3.org/2005/sparql-results#}literal")
    assert literal.text == title
    as_csv = site.get(query, accept="text/csv")
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(as_csv.text))) == [["t"], [title]]
    as_tsv = site.get(query, accept="text/tab-separated-values")
    assert as_tsv.headers["content-type"].startswith("text/tab-separated-values")
    assert as_tsv.text.splitlines() == ["?t", f'"{title}"']
    assert site.get(query, accept="application/json").json() == as_json.json()


def test_ask_answers_a_boolean(site):
    assert site.get("ASK { ?s ?p ?o }").json()["boolean"] is True
    response = site.get("ASK { <urn:x:nothing> ?p ?o }", accept="application/sparql-results+xml")
    assert b"<boolean>false</boolean>" in response.content


@pytest.mark.parametrize("accept, syntax", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
])
def test_construct_and_describe_answer_turtle_n_triples_and_json_ld(site, accept, syntax):
    topic = f"<{BASE}topic/neural-tangent-kernel>"
    construct = site.get(f"CONSTRUCT {{ {topic} ?p ?o }} WHERE {{ {topic} ?p ?o }}", accept=accept)
    describe = site.get(f"DESCRIBE {topic}", accept=accept)
    for response in (construct, describe):
        assert response.status_code == 200
        assert response.headers["content-type"].split(";")[0] == accept
    graph = Graph().parse(data=construct.content, format=syntax)
    assert len(graph) > 5
    assert len(Graph().parse(data=describe.content, format=syntax)) >= len(graph)


def test_a_browser_gets_the_form_with_the_worked_examples_and_the_results(site):
    page = site.get(accept="text/html")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<form" in page.text and "Papers under a topic" in page.text and "Papers that two lists" in page.text
    assert "Authors by topic" in page.text and "headings and key words map onto our topics" in page.text
    results = site.get("SELECT ?l WHERE { atlas:learning-dynamics skos:prefLabel ?l }", accept="text/html")
    assert results.status_code == 400  # no PREFIX: the page shows the parser's message
    assert "syntax error" in results.text
    results = site.get(PREFIXES + "SELECT ?t ?l WHERE { ?t skos:prefLabel ?l FILTER(?t = atlas:learning-dynamics) }",
                       accept="text/html")
    assert "<td>Learning dynamics</td>" in results.text
    assert f'<td><a href="/topic/learning-dynamics">{BASE}topic/learning-dynamics</a></td>' in results.text
    everything = site.get("SELECT * WHERE { ?s ?p ?o }", accept="text/html")
    count = re.search(r"<h2>([\d,]+) results</h2>", everything.text)
    assert int(count[1].replace(",", "")) > 15_000 and "The first 1,000 are shown here" in everything.text
    assert everything.text.count("<tr>") == 1_001


# --- read-only and safe -----------------------------------------------------------------------------

def test_updates_are_refused_however_they_are_sent(site):
    insert = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    assert site.post("application/sparql-update", insert).status_code == 403
    assert site.post("application/x-www-form-urlencoded", "update=" + insert.replace(" ", "+")).status_code == 403
    assert site.get(update=insert).status_code == 403
    for text in (insert, "LOAD <http://example.org/data.ttl>", "PREFIX x: <urn:x:> DELETE WHERE { ?s ?p ?o }"):
        response = site.get(text)
        assert response.status_code == 403, text
        assert "read-only" in response.text
    assert site.get("ASK { <urn:x:a> <urn:x:b> <urn:x:c> }").json()["boolean"] is False


def test_service_is_refused_so_the_server_never_fetches_a_url(site):
    response = site.get("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")
    assert response.status_code == 400 and "SERVICE is refused" in response.text
    response = site.get("select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }")
    assert response.status_code == 400
    quoted = site.get('SELECT ?s WHERE { ?s ?p "SERVICE" } LIMIT 1')
    assert quoted.status_code == 200


def test_a_syntax_error_answers_400_with_the_parser_message(site):
    response = site.get("SELECT ?s WHERE { ?s ?p }")
    assert response.status_code == 400
    assert response.text.startswith("SPARQL syntax error: error at 1:")


def test_a_post_of_another_content_type_is_refused(site):
    assert site.post("text/plain", COUNT).status_code == 415


def test_a_result_past_the_size_limit_is_refused_not_truncated(built_atlas):
    datasette = Datasette(immutables=[str(built_atlas)],
                          metadata={"plugins": {"atlas-sparql": {"max_result_bytes": 100_000, "workers": 1}}})
    small = Site(datasette)
    try:
        response = small.get("SELECT * WHERE { ?s ?p ?o }")
        assert response.status_code == 422
        assert "larger than 100,000 bytes" in response.text
        assert small.get("CONSTRUCT WHERE { ?s ?p ?o }", accept="text/turtle").status_code == 422
        assert small.get("SELECT * WHERE { ?s ?p ?o } LIMIT 10").status_code == 200
    finally:
        engine_for(datasette).close()


def test_a_query_past_the_memory_limit_is_stopped_and_the_next_one_answered(built_atlas):
    datasette = Datasette(immutables=[str(built_atlas)],
                          metadata={"plugins": {"atlas-sparql": {"max_memory_bytes": 300_000_000, "workers": 1}}})
    small = Site(datasette)
    try:
        response = small.get("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1")
        assert response.status_code == 422
        assert "more than 300,000,000 bytes of memory" in response.text
        assert small.get(COUNT).status_code == 200
    finally:
        engine_for(datasette).close()


def test_a_query_past_the_time_limit_is_stopped_while_another_request_is_answered(built_atlas):
    datasette = Datasette(immutables=[str(built_atlas)],
                          metadata={"plugins": {"atlas-sparql": {"time_limit_seconds": 2, "workers": 2}}})
    client = datasette.client
    engine = engine_for(datasette)

    async def scenario():
        query = {"query": COUNT}
        await asyncio.gather(client.get("/sparql", params=query), client.get("/sparql", params=query))
        before = {worker.process.pid for worker in engine._all}
        started = time.monotonic()
        runaway = asyncio.create_task(client.get("/sparql", params={"query": RUNAWAY}))
        await asyncio.sleep(0.3)
        quick = await client.get("/sparql", params=query)
        page = await client.get("/-/versions.json")
        still_running = not runaway.done()
        stopped = await runaway
        return before, quick, page, still_running, stopped, time.monotonic() - started

    try:
        before, quick, page, still_running, stopped, took = asyncio.run(scenario())
        assert quick.status_code == 200 and page.status_code == 200
        assert still_running, "the second query waited for the runaway one"
        assert stopped.status_code == 503 and "time limit of 2 s" in stopped.text
        assert 2 <= took < 8
        after = {worker.process.pid for worker in engine._all}
        assert len(after) == 2 and len(before - after) == 1, "the runaway's worker was killed and replaced"
        assert all(worker.process.poll() is None for worker in engine._all)
        assert asyncio.run(client.get("/sparql", params={"query": COUNT})).status_code == 200
    finally:
        engine.close()


# --- the same answers as SQL ------------------------------------------------------------------------

def test_paper_counts_under_every_top_topic_equal_the_sql_counts(site, db):
    tops = [topic for (topic,) in db.execute("select id from topics where scheme_id = 'atlas' and top = 1")]
    assert len(tops) >= 8
    for topic in tops:
        (in_sql,) = db.execute("""
            select count(distinct paper_topics.paper_id) from topic_closure
            join paper_topics on paper_topics.topic_id = topic_closure.descendant_id
            where topic_closure.ancestor_id = ?""", [topic]).fetchone()
        (row,) = site.rows(f"""
            SELECT (COUNT(DISTINCT ?paper) AS ?n) WHERE {{
              ?topic skos:broader* atlas:{topic} . ?paper dct:subject ?topic }}""")
        assert int(row["n"]) == in_sql, topic
        assert in_sql > 0


def test_papers_in_several_lists_equal_the_sql_answer(site, db):
    in_sql = {paper for (paper,) in db.execute("select id from papers where json_array_length(sources) >= 2")}
    rows = site.rows("""
        SELECT DISTINCT ?paper WHERE { ?paper dct:source ?one , ?other . FILTER(?one != ?other) }""")
    assert {row["paper"].removeprefix(f"{BASE}paper/") for row in rows} == in_sql
    assert len(in_sql) >= 10


def test_authors_of_a_topic_equal_the_sql_answer(site, db):
    in_sql = {author for (author,) in db.execute("""
        select distinct paper_authors.author_id from topic_closure
        join paper_topics on paper_topics.topic_id = topic_closure.descendant_id
        join paper_authors on paper_authors.paper_id = paper_topics.paper_id
        where topic_closure.ancestor_id = 'infinite-width-limits'""")}
    rows = site.rows("""
        SELECT DISTINCT ?author WHERE {
          ?topic skos:broader* atlas:infinite-width-limits . ?paper dct:subject ?topic ; dct:creator ?author }""")
    assert {row["author"].removeprefix(f"{BASE}author/") for row in rows} == in_sql
    assert len(in_sql) > 20
