#!/usr/bin/env python3
"""Time the site's pages on synthetic atlases of 100k and 1M papers, against a real Datasette.

The real lists are built once (for the schema, taxonomy and site files); then synthetic papers,
authors, list entries and topic assignments are added DIRECTLY with SQL in the real schema (the
markdown build would take hours at 1M), the derived tables are rebuilt with the build's own
functions, and each page is fetched in-process through datasette.client: once cold, then the
median of three. The topic facet (paper_topic_closure) is timed beside Datasette's array facet
over paper_browse's JSON arrays, on the same papers, in a Datasette with no other facets.

    .venv/bin/python bench/bench_site.py --sizes 100000 1000000
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import sqlite_utils
import yaml
from datasette.app import Datasette
from datasette.plugins import pm

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from atlas.build.pipeline import build  # noqa: E402
from atlas.build.site_files import INSPECT_NAME, inspect_database  # noqa: E402
from atlas.build.site_tables import write_site_tables  # noqa: E402
from atlas.site import cache, sitemaps, sparql_engine  # noqa: E402

WORDS = (
    "neural tangent kernel gradient descent stochastic implicit regularization lottery ticket sparse "
    "pruning loss landscape sharpness flat minima generalization bound overparameterized wide deep "
    "network convergence dynamics mean field feature learning double descent benign overfitting "
    "adversarial robustness batch normalization residual attention transformer scaling law "
    "information bottleneck representation spectral bias edge of stability catapult phase grokking"
).split()


def synthesize(db_path: Path, papers: int) -> None:
    """Add `papers` synthetic papers (with authors, entries, topics) to a built atlas.db."""
    db = sqlite3.connect(db_path)
    db.execute("create temp table words (k integer primary key, w text)")
    db.executemany("insert into temp.words values (?, ?)", enumerate(WORDS))
    leaves = [row[0] for row in db.execute(
        "select id from topics where scheme_id = 'atlas' and not deprecated "
        "and id not in (select broader_id from topic_broader) order by id")]
    db.execute("create temp table leaves (k integer primary key, id text)")
    db.executemany("insert into temp.leaves values (?, ?)", enumerate(leaves))
    sources = [row[0] for row in db.execute("select id from sources order by id")]
    db.execute("create temp table lists (k integer primary key, id text)")
    db.executemany("insert into temp.lists values (?, ?)", enumerate(sources))
    venues = [row[0] for row in db.execute("select id from venues order by id")][:12]
    db.execute("create temp table venue_list (k integer primary key, id text)")
    db.executemany("insert into temp.venue_list values (?, ?)", enumerate(venues))
    n_words, n_leaves, n_lists, n_authors = len(WORDS), len(leaves), len(sources), max(1, papers // 3)
    seq = f"with recursive seq(i) as (select 1 union all select i + 1 from seq where i < {papers})"
    word = "(select w from temp.words where k = ({expr}) % " + str(n_words) + ")"
    title = " || ' ' || ".join(
        word.format(expr=e) for e in ("seq.i * 7", "seq.i / 3 + 11", "seq.i * 13 / 7", "seq.i / 41")
    )
    db.execute(f"""{seq} insert into papers (id, title, year, venue_id, venue, authors, authors_truncated,
        entries, sources)
        select 'synthetic-' || i, {title} || ' ' || i, 2000 + (i * 7919) % 25,
               (select id from temp.venue_list where k = seq.i % {len(venues)}),
               'Synthetic', 'Synthetic Author',
               0, 1, json_array((select id from temp.lists where k = seq.i % {n_lists}))
        from seq""")
    db.execute(f"""with recursive seq(i) as (select 1 union all select i + 1 from seq where i < {n_authors})
        insert into authors (id, name, given_names, surname)
        select 'synthetic-author-' || i, 'Author ' || i, 'Author', 'Synthetic ' || i from seq""")
    db.execute(f"""{seq} insert into paper_authors (paper_id, author_id, position, written)
        select 'synthetic-' || i, 'synthetic-author-' || ((i * p) % {n_authors} + 1), p, 'Author'
        from seq join (select 1 as p union all select 2 union all select 3)""")
    db.execute(f"""{seq} insert into entries (source_id, line, kind, hidden, authors_truncated, paper_id, raw)
        select (select id from temp.lists where k = seq.i % {n_lists}), 1000000 + i, 'paper', 0, 0,
               'synthetic-' || i, '- synthetic' from seq""")
    # Topics follow a skewed distribution: a few leaves hold many papers, most hold few.
    db.execute(f"""{seq} insert or ignore into paper_topics (paper_id, topic_id, via)
        select 'synthetic-' || i, (select id from temp.leaves where k = (seq.i * seq.i) % {n_leaves}),
               'section' from seq
        union all
        select 'synthetic-' || i, (select id from temp.leaves where k = (seq.i / 7) % {n_leaves}), 'keyword'
        from seq where i % 2 = 0""")
    db.commit()
    sdb = sqlite_utils.Database(db)
    write_site_tables(sdb)
    db.execute(
        "update topics set papers = (select count(*) from paper_topic_closure where topic_id = topics.id)"
    )
    db.execute("""insert into paper_browse (id, title, year, venue, sources, topics, topics_with_broader)
        select papers.id, papers.title, papers.year, papers.venue, papers.sources, '[]',
               (select json_group_array(label) from paper_topic_closure join topics
                on topics.id = paper_topic_closure.topic_id
                where paper_topic_closure.paper_id = papers.id and topics.scheme_id = 'atlas')
        from papers where papers.id like 'synthetic-%'""")
    db.execute("update build_report set value = (select count(*) from papers) where measure = 'papers'")
    db.commit()
    db.execute("analyze")
    db.close()


# How many cold asks each request's cold figure is the median of (--cold-asks).
COLD_ASKS = [1]
# --only: time only the pages whose names hold one of these words (all when empty).
ONLY: list[str] = []


def wanted(name: str) -> bool:
    return not ONLY or any(word.lower() in name.lower() for word in ONLY)


async def timed(datasette: Datasette, path: str, repeat: int = 3, method: str = "GET",
                headers: dict | None = None) -> tuple[float, float, int]:
    """(median cold ms, median warm ms, status) of one request: cold with the site's cache of
    immutable query results emptied before each of COLD_ASKS asks (SQLite's own page cache stays
    warm), warm as visitors after it see it."""
    colds, warm, status = [], [], 0
    for ask in range(COLD_ASKS[0] + repeat):
        if ask < COLD_ASKS[0]:
            cache._results.clear()
        start = time.perf_counter()
        response = await datasette.client.request(method, path, headers=headers or {})
        (colds if ask < COLD_ASKS[0] else warm).append((time.perf_counter() - start) * 1000)
        status = response.status_code
    return statistics.median(colds), statistics.median(warm), status


async def measure(site: Path) -> list[tuple[str, float, float, int]]:
    datasette = Datasette([], config_dir=site)
    db = sqlite3.connect(site / "atlas.db")
    (top,) = db.execute(
        "select id from topics where scheme_id = 'atlas' and top = 1 order by papers desc"
    ).fetchone()
    (leaf,) = db.execute(
        "select id from topics where scheme_id = 'atlas' "
        "and id not in (select broader_id from topic_broader) "
        "and papers > 0 order by papers limit 1").fetchone()
    middle_year = 2012
    pages = {
        "home /": "/",
        "tree /topics": "/topics",
        f"top-level topic /topic/{top}": f"/topic/{top}",
        f"leaf topic /topic/{leaf}": f"/topic/{leaf}",
        "papers page, default facets": "/atlas/papers",
        "papers filtered by year, default facets": f"/atlas/papers?year={middle_year}",
        "search 'neural tangent kernel'": "/atlas/papers?_search=neural+tangent+kernel",
        "search + topic filter": f"/atlas/papers?_search=kernel&_topic={top}",
        "paper page": "/paper/synthetic-500",
        "author page": "/author/synthetic-author-7",
        "search page /search 'network' (HTML)": "/search?q=network",
        "search API /search.json 'neural tangent kernel'": "/search.json?q=neural+tangent+kernel",
        "search API, 4th page": "/search.json?q=neural+tangent+kernel&_next=150",
        "search API in a topic and years": f"/search.json?q=kernel&topic={top}&from=2010&to=2015",
        "search API, a broad word 'network'": "/search.json?q=network",
        "search API, 'network', 20th page": "/search.json?q=network&_next=950",
        "search API, 'network', 21st page (past the stored ranking)": "/search.json?q=network&_next=1000",
        "search API, two broad words 'neural network'": "/search.json?q=neural+network",
        "search page, two broad words 'neural network' (HTML)": "/search?q=neural+network",
        "search API, 'deep neural network learning'": "/search.json?q=deep+neural+network+learning",
        "search API, narrow 'grokking catapult'": "/search.json?q=grokking+catapult",
        "papers table's best matches for 'network'": "/atlas/papers?_search=network",
        "papers table JSON, searched 'network'": "/atlas/papers.json?_search=network",
        "papers table JSON, searched two broad words 'neural network'":
            "/atlas/papers.json?_search=neural+network",
        "papers table JSON, searched 'neural tangent kernel'":
            "/atlas/papers.json?_search=neural+tangent+kernel",
        "papers table, narrow search 'grokking catapult'": "/atlas/papers?_search=grokking+catapult",
        "canned query /atlas/search.json": "/atlas/search.json?q=neural+tangent+kernel",
        "canned query, a broad word 'network'": "/atlas/search.json?q=network",
        "canned query, narrow 'grokking catapult'": "/atlas/search.json?q=grokking+catapult",
        "canned query page, 'neural network' (HTML)": "/atlas/search?q=neural+network",
        "canned query as RIS, narrow": "/atlas/search.ris?q=grokking+catapult",
        f"canned query papers_under_topic as CSL-JSON ({leaf})":
            f"/atlas/papers_under_topic.csljson?topic={leaf}",
        f"leaf topic's papers as RIS ({leaf})": f"/atlas/papers.ris?_topic={leaf}",
        f"top-level topic's papers as CSL-JSON ({top})": f"/atlas/papers.csljson?_topic={top}",
        "feed /feed.atom": "/feed.atom",
        f"top-level topic feed /topic/{top}.atom": f"/topic/{top}.atom",
        f"leaf topic feed /topic/{leaf}.atom": f"/topic/{leaf}.atom",
        "author feed": "/author/synthetic-author-7.atom",
        "paper row as RIS": "/atlas/papers/synthetic-500.ris",
        "paper row as CSL-JSON": "/atlas/papers/synthetic-500.csljson",
        "papers of a year as BibTeX (the existing .bib)": "/atlas/papers.bib?year=2012",
        "papers of a year as RIS": "/atlas/papers.ris?year=2012",
        "searched papers as CSL-JSON": "/atlas/papers.csljson?_search=kernel",
        "every paper as BibTeX /atlas/papers.bib": "/atlas/papers.bib",
        f"paper_browse under a top-level topic as RIS ({top})": f"/atlas/paper_browse.ris?_topic={top}",
        "searched papers in a year as BibTeX":
            f"/atlas/papers.bib?_search=grokking+catapult&year={middle_year}",
    }
    results = [(name, *await timed(datasette, path)) for name, path in pages.items() if wanted(name)]
    results += await integrations(datasette, db)
    if wanted("SPARQL, first ask of a new server"):
        results.append(await first_sparql_ask(site))
    metadata = yaml.safe_load((site / "metadata.yml").read_text())
    bare = copy.deepcopy(metadata)
    for table in ("papers", "paper_browse"):
        bare["databases"]["atlas"]["tables"][table]["facets"] = []
    # Settings given here replace settings.json, so start from it: no facet suggestions.
    settings = json.loads((site / "settings.json").read_text())
    settings.update(facet_time_limit_ms=120_000, sql_time_limit_ms=120_000)
    facets_only = Datasette([], config_dir=site, metadata=bare, settings=settings)
    for label, query in (("all papers", ""), (f"year={middle_year}", f"&year={middle_year}")):
        if not wanted(f"topic facet (closure), {label}"):
            continue
        results.append((f"topic facet (closure), {label}",
                        *await timed(facets_only, f"/atlas/papers.json?_size=0&_facet_topic=id{query}")))
        results.append((f"array facet (JSON), {label}", *await timed(
            facets_only, f"/atlas/paper_browse.json?_size=0&_facet_array=topics_with_broader{query}",
            repeat=1)))
    return results


SPARQL_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?paper a <http://schema.org/ScholarlyArticle> }"
# Malformed asks of each route the integrations add: each must answer 4xx, never 500.
BAD_INPUT = (
    "/search.json?q=", "/search.json?q=kernel&_size=abc", "/search.json?q=kernel&topic=no-such-topic",
    "/search?q=kernel&page=x", "/atlas/search.json?q=%22", "/paper/no-such-paper", "/topic/no-such-topic",
    "/topic/no-such-topic.atom", "/author/no-such-author.atom", "/atlas/papers/no-such-paper.ris",
    "/sitemap-paper-999999.xml", "/sparql?query=SELEC", "/reconcile?queries=not-json",
    "/reconcile/preview?id=nothing", "/atlas/papers.json?_search=%22&_sort=nope",
    "/atlas/papers.json?_sort=year&_sort_desc=title", "/atlas/papers.bib?_sort=year&_sort_desc=title",
    "/atlas/papers.json?_through=not-json", "/atlas/papers.json?_timelimit=soon", "/atlas/papers?_nocol=year",
)


def reconcile_path(*queries: dict) -> str:
    batch = json.dumps({f"q{i}": query for i, query in enumerate(queries)})
    return "/reconcile?" + urlencode({"queries": batch})


async def integrations(datasette: Datasette, db: sqlite3.Connection) -> list[tuple[str, float, float, int]]:
    """The routes other tools call: sitemaps, robots.txt, the SPARQL service description, a CORS
    preflight and the reconciliation service (single queries and an OpenRefine batch of ten)."""
    (papers,) = db.execute("select count(*) from papers").fetchone()
    (title,) = db.execute("select title from papers where id = 'synthetic-500'").fetchone()
    typo = title.replace("e", "a", 1)
    middle = papers // sitemaps.PAGE_SIZE // 2
    paper, author, topic = {"type": "paper"}, {"type": "author"}, {"type": "topic"}
    batch = [{"query": f"{t} {i}", **paper} for i, t in enumerate(WORDS[:10])]
    routes = {
        "sitemap index /sitemap.xml": ("/sitemap.xml", "GET", {}),
        f"sitemap page /sitemap-paper-{middle}.xml": (f"/sitemap-paper-{middle}.xml", "GET", {}),
        "robots.txt": ("/robots.txt", "GET", {}),
        "SPARQL service description": ("/sparql", "GET", {"Accept": "text/turtle"}),
        "CORS preflight OPTIONS /sparql": ("/sparql", "OPTIONS", {
            "Origin": "https://example.org", "Access-Control-Request-Method": "POST"}),
        "reconcile manifest": ("/reconcile", "GET", {}),
        "reconcile paper, exact title": (reconcile_path({"query": title, **paper}), "GET", {}),
        "reconcile paper, title with a typo": (reconcile_path({"query": typo, **paper}), "GET", {}),
        "reconcile paper, common words only": (reconcile_path({"query": "neural tangent kernel", **paper}),
                                               "GET", {}),
        "reconcile author 'Surname, Given'": (reconcile_path({"query": "Synthetic 7, Author", **author}),
                                              "GET", {}),
        "reconcile topic synonym": (reconcile_path({"query": "NTK", **topic}), "GET", {}),
        "reconcile, no type": (reconcile_path({"query": "Implicit bias"}), "GET", {}),
        "reconcile, batch of 10 papers": (reconcile_path(*batch), "GET", {}),
        "reconcile suggest": ("/reconcile/suggest/entity?prefix=neural+tang", "GET", {}),
        "reconcile suggest type": ("/reconcile/suggest/type?prefix=pa", "GET", {}),
        "reconcile preview": ("/reconcile/preview?id=paper/synthetic-500", "GET", {}),
        "SPARQL query, papers under a topic (count)": ("/sparql?" + urlencode({"query": SPARQL_COUNT}), "GET",
                                                       {"Accept": "application/sparql-results+json"}),
        "sitemap page of topics": ("/sitemap-topic-0.xml", "GET", {}),
        "paper page's meta tags and JSON-LD": ("/paper/synthetic-500", "GET", {}),
        **{f"bad input {path}": (path, "GET", {}) for path in BAD_INPUT},
    }
    return [(name, *await timed(datasette, path, method=method, headers=headers))
            for name, (path, method, headers) in routes.items() if wanted(name)]


async def first_sparql_ask(site: Path, asks: int = 3) -> tuple[str, float, float, int]:
    """The first SPARQL ask (the service description) of each of `asks` new servers, median: each
    Datasette is opened as uvicorn opens it (the ASGI lifespan) and asked a second later, as a first
    visitor would; the asks after the first of a server find its workers started either way."""
    colds, status = [], 0
    for _ in range(asks):
        datasette = Datasette([], config_dir=site)
        messages: asyncio.Queue = asyncio.Queue()
        messages.put_nowait({"type": "lifespan.startup"})

        async def ignore(message: dict) -> None:
            pass

        lifespan = asyncio.create_task(datasette.app()({"type": "lifespan"}, messages.get, ignore))
        await asyncio.sleep(1)
        start = time.perf_counter()
        response = await datasette.client.get("/sparql", headers={"Accept": "text/turtle"})
        colds.append((time.perf_counter() - start) * 1000)
        status = response.status_code
        messages.put_nowait({"type": "lifespan.shutdown"})
        await lifespan
        engine = sparql_engine.engine_for(datasette)
        if engine is not None:
            engine.close()
    return "SPARQL, first ask of a new server (service description)", statistics.median(colds), 0.0, status


def print_table(results: list[tuple[str, float, float, int]]) -> None:
    print(f"| page | cold, median of {COLD_ASKS[0]} (ms) | warm median (ms) | status |")
    print("| --- | ---: | ---: | ---: |")
    for name, cold, warm, status in results:
        flag = " **5xx**" if status >= 500 else " (over 200 ms)" if cold > 200 else ""
        print(f"| {name} | {cold:,.0f} | {warm:,.0f} | {status}{flag} |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--keep", type=Path, help="keep the synthetic sites under this folder")
    parser.add_argument("--measure", type=Path, nargs="+", default=[],
                        help="only time sites kept by an earlier run (--keep DIR/site-N)")
    parser.add_argument("--cold-asks", type=int, default=1,
                        help="ask each request this many times cold (cache emptied), give the median")
    parser.add_argument("--only", nargs="+", default=[], metavar="WORD",
                        help="time only the pages whose names hold one of these words (e.g. BibTeX RIS CSL)")
    parser.add_argument("--without", nargs="+", default=[], metavar="PLUGIN",
                        help="take these Datasette plugins out first (entry-point names, e.g. "
                             "atlas_citation_refusal), to time the site as it was before them")
    args = parser.parse_args()
    COLD_ASKS[0] = args.cold_asks
    ONLY[:] = args.only
    for name in args.without:
        pm.unregister(name=name)
    for site in args.measure:
        print(f"\n{site}")
        print_table(asyncio.run(measure(site)))
    if args.measure:
        return 0
    work = Path(tempfile.mkdtemp(prefix="bench-site-"))
    try:
        real = work / "real"
        build(HERE.parent / "data" / "sources.yml", real, HERE.parent / "data", HERE.parent / "taxonomy")
        for size in args.sizes:
            site = (args.keep or work) / f"site-{size}"
            shutil.rmtree(site, ignore_errors=True)
            shutil.copytree(real, site)
            start = time.perf_counter()
            synthesize(site / "atlas.db", size)
            (site / INSPECT_NAME).write_text(json.dumps(inspect_database(site / "atlas.db"), indent=2) + "\n")
            print(f"\n{size:,} synthetic papers (+372 real), built in {time.perf_counter() - start:.0f} s")
            print_table(asyncio.run(measure(site)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
