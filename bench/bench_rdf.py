#!/usr/bin/env python3
"""Benchmark linked data: the RDF export's share of the build, and SPARQL on a ~1M-triple graph.

1. Export: builds the real lists (and synthetic lists of --sizes papers, as bench_build.py makes
   them), then times `write_atlas_rdf` alone on the built database: the build time it adds.
2. Endpoint: the real atlas.nt plus synthetic papers (each with a title, year, venue, two
   topics, three authors as positioned nodes, a list entry) up to --triples, served by a real
   `datasette` process; prints the median and 95th-percentile latency of the topic-subtree
   queries over HTTP.
3. Engines: the same queries in-process on pyoxigraph and on rdflib's SPARQL, at --compare sizes.

    .venv/bin/python bench/bench_rdf.py [--sizes 4000] [--triples 1000000] [--compare 100000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pyoxigraph  # noqa: E402
from bench_build import workspace  # noqa: E402

from atlas.build.pipeline import DATABASE_NAME, build  # noqa: E402
from atlas.build.rdf_atlas import write_atlas_rdf  # noqa: E402
from atlas.build.taxonomy import load_taxonomy  # noqa: E402

BASE = "https://w3id.org/dl-theory-atlas/"
NEWLINE = b"\n"
PREFIXES = f"""PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX atlas: <{BASE}topic/>
"""
QUERIES = {
    "count of papers under a top topic (learning dynamics)": PREFIXES
    + """SELECT (COUNT(DISTINCT ?paper) AS ?n) WHERE {
  ?topic skos:broader* atlas:learning-dynamics . ?paper dct:subject ?topic }""",
    "papers under a topic and its narrower ones (NTK), as in the README": PREFIXES
    + """SELECT DISTINCT ?paper ?title ?year WHERE {
  ?topic skos:broader* atlas:neural-tangent-kernel .
  ?paper dct:subject ?topic ; dct:title ?title ; dct:issued ?year .
} ORDER BY DESC(?year) ?title""",
    "the 100 latest papers under a top topic (learning dynamics)": PREFIXES
    + """SELECT DISTINCT ?paper ?title ?year WHERE {
  ?topic skos:broader* atlas:learning-dynamics .
  ?paper dct:subject ?topic ; dct:title ?title ; dct:issued ?year .
} ORDER BY DESC(?year) ?title LIMIT 100""",
}


def timed(action, *args) -> float:
    start = time.perf_counter()
    action(*args)
    return time.perf_counter() - start


def bench_export(sizes: list[int]) -> None:
    print("| papers | triples | full build (s) | RDF export (s) | share |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    runs = [("real lists", ROOT / "data")] + [(f"{size:,}", workspace(size) / "data") for size in sizes]
    for label, data in runs:
        out = Path(tempfile.mkdtemp(prefix="atlas-bench-rdf-")) / "dist"
        manifest = data / "sources.yml"
        full = timed(build, manifest, out, data, ROOT / "taxonomy")
        taxonomy = load_taxonomy(ROOT / "taxonomy")
        export = min(timed(write_atlas_rdf, out / DATABASE_NAME, taxonomy, out) for _ in range(2))
        triples = (out / "atlas.nt").read_bytes().count(b"\n")
        print(f"| {label} | {triples:,} | {full:.2f} | {export:.2f} | {100 * export / full:.0f}% |")
        shutil.rmtree(out.parent, ignore_errors=True)
        if data != ROOT / "data":
            shutil.rmtree(data.parent, ignore_errors=True)


def synthetic_graph(real_nt: Path, triples: int, seed: int = 11) -> bytes:
    """The real dump plus synthetic papers in the real model, until about `triples` lines."""
    real = real_nt.read_bytes()
    store = pyoxigraph.Store()
    store.bulk_load(real, format=pyoxigraph.RdfFormat.N_TRIPLES)
    topics = sorted(s["t"].value for s in store.query(
        f"SELECT ?t WHERE {{ ?t <http://www.w3.org/2004/02/skos/core#inScheme> <{BASE}scheme/atlas> }}"))
    venues = sorted({q.subject.value for q in store.quads_for_pattern(
        None, pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        pyoxigraph.NamedNode("http://schema.org/CreativeWorkSeries"))})
    rng = random.Random(seed)
    weights = [1 / (rank + 1) ** 0.5 for rank in range(len(topics))]
    dct, schema, xsd = "http://purl.org/dc/terms/", "http://schema.org/", "http://www.w3.org/2001/XMLSchema#"
    lines, count, number = [], real.count(b"\n"), 0
    authors = max(1000, triples // 60)
    while count < triples:
        paper = f"<{BASE}paper/synthetic-{number}>"
        entry = f"<{BASE}source/synthetic/line/{number + 1}>"
        new = [
            f'{paper} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{schema}ScholarlyArticle> .',
            f'{paper} <{dct}title> "Synthetic paper {number} on w{rng.randint(0, 5000)}" .',
            f'{paper} <{dct}issued> "{rng.randint(2012, 2026)}"^^<{xsd}gYear> .',
            f'{paper} <{schema}isPartOf> <{rng.choice(venues)}> .',
            f'{paper} <{dct}source> <{BASE}source/synthetic> .',
            f'{paper} <http://www.w3.org/ns/prov#wasDerivedFrom> {entry} .',
            f'{entry} <{dct}isPartOf> <{BASE}source/synthetic> .',
            f'{entry} <{schema}position> "{number + 1}"^^<{xsd}integer> .',
        ]
        for topic in set(rng.choices(topics, weights, k=2)):
            new.append(f"{paper} <{dct}subject> <{topic}> .")
        for position in (1, 2, 3):
            author = f"<{BASE}author/synthetic-{rng.randint(0, authors)}>"
            role = f"<{BASE}paper/synthetic-{number}/author/{position}>"
            new += [
                f"{paper} <{dct}creator> {author} .",
                f"{paper} <{schema}author> {role} .",
                f"{role} <{schema}author> {author} .",
                f'{role} <{schema}position> "{position}"^^<{xsd}integer> .',
            ]
        lines += new
        count += len(new)
        number += 1
    for author in range(authors + 1):
        name = f'<http://xmlns.com/foaf/0.1/name> "Author {author}"'
        lines.append(f"<{BASE}author/synthetic-{author}> {name} .")
    return real + ("\n".join(lines) + "\n").encode()


def fetch(request: urllib.request.Request) -> bytes:
    return urllib.request.urlopen(request, timeout=60).read()


def run(engine, query: str) -> list:
    return list(engine.query(query))


def percentiles(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[max(0, round(0.95 * len(samples)) - 1)]
    return f"{1000 * statistics.median(samples):.1f} ms median, {1000 * p95:.1f} ms p95"


def bench_endpoint(graph: bytes, real_db: Path, runs: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="atlas-bench-sparql-"))
    (folder / "atlas.nt").write_bytes(graph)
    shutil.copy(real_db, folder / "atlas.db")
    datasette = Path(sys.executable).parent / "datasette"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(datasette), "-i", str(folder / "atlas.db"), "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                fetch(urllib.request.Request(f"http://127.0.0.1:{port}/-/versions.json"))
                break
            except OSError:
                time.sleep(0.2)
        for name, query in QUERIES.items():
            url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": query})
            request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
            for _ in range(3):  # the first loads the graph into the workers
                body = urllib.request.urlopen(request, timeout=600).read()
            samples = []
            for _ in range(runs):
                samples.append(timed(fetch, request))
            print(f"- endpoint, {name}: {percentiles(samples)} ({len(body):,} bytes of JSON)")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(folder, ignore_errors=True)


def bench_engines(graph: bytes, size: int, runs: int) -> None:
    lines = graph.splitlines(keepends=True)[:size]
    data = b"".join(lines)
    store = pyoxigraph.Store()
    load_oxigraph = timed(store.bulk_load, data, pyoxigraph.RdfFormat.N_TRIPLES)
    from rdflib import Graph

    rdflib_graph = Graph()
    load_rdflib = timed(lambda: rdflib_graph.parse(data=data.decode(), format="nt"))
    print(f"- {len(lines):,} triples: load {load_oxigraph:.2f} s pyoxigraph, {load_rdflib:.1f} s rdflib")
    for name, query in QUERIES.items():
        oxigraph = [timed(run, store, query) for _ in range(runs)]
        rdflib_runs = [timed(run, rdflib_graph, query) for _ in range(max(1, runs // 10))]
        ratio = statistics.median(rdflib_runs) / statistics.median(oxigraph)
        print(f"  - {name}: pyoxigraph {1000 * statistics.median(oxigraph):.1f} ms, "
              f"rdflib {1000 * statistics.median(rdflib_runs):.0f} ms ({ratio:.0f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[4000], help="synthetic list sizes to export")
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the endpoint's graph")
    parser.add_argument("--compare", type=int, nargs="*", default=[100_000], help="graph sizes for rdflib")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    bench_export(args.sizes)
    real = Path(tempfile.mkdtemp(prefix="atlas-bench-real-")) / "dist"
    build(ROOT / "data" / "sources.yml", real, ROOT / "data", ROOT / "taxonomy")
    graph = synthetic_graph(real / "atlas.nt", args.triples)
    print(f"\nendpoint on {graph.count(NEWLINE):,} triples:")
    bench_endpoint(graph, real / DATABASE_NAME, args.runs)
    print("\nengines, in-process:")
    for size in args.compare:
        bench_engines(graph, size, args.runs)
    shutil.rmtree(real.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
