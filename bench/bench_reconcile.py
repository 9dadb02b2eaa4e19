#!/usr/bin/env python3
"""Precision and speed of the atlas's /reconcile against datasette-reconcile, on the hand-made
OpenRefine-style queries of tests/data/reconcile_queries.yml, over the real atlas.

For each query: is the expected entity the first candidate (top-1), is it returned as the `match`
OpenRefine accepts without asking, and is anything wrongly returned as a match. datasette-reconcile
serves one table per endpoint (/atlas/<table>/-/reconcile), so each query goes to its type's
table; a query without a type goes to papers. It is measured when importable (it is not a
dependency of the atlas: `pip install --target DIR datasette-reconcile==0.6.3 fuzzywuzzy` and run
with PYTHONPATH=DIR).

    .venv/bin/python bench/bench_reconcile.py [--site dist]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

import yaml
from datasette.app import Datasette

HERE = Path(__file__).resolve().parent
QUERIES = HERE.parent / "tests" / "data" / "reconcile_queries.yml"
TABLES = {"paper": "papers", "author": "authors", "topic": "topics"}
# How datasette-reconcile is configured for each table: its name column, the full-text index
# where the table has one (the others are matched with LIKE), and the type it answers.
THEIR_CONFIG = {
    "papers": {"name_field": "title", "fts_table": "papers_fts",
               "type_default": [{"id": "paper", "name": "Paper"}]},
    "authors": {"name_field": "name", "type_default": [{"id": "author", "name": "Author"}]},
    "topics": {"name_field": "label", "type_default": [{"id": "topic", "name": "Topic"}]},
}


async def ours(datasette: Datasette, query: dict) -> list[dict]:
    body = {"query": query["query"], **({"type": query["type"]} if query.get("type") else {})}
    response = await datasette.client.get("/reconcile", params={"queries": json.dumps({"q0": body})})
    return response.json()["q0"]["result"]


async def theirs(datasette: Datasette, query: dict) -> list[dict]:
    kind = query.get("type") or "paper"
    path = f"/atlas/{TABLES[kind]}/-/reconcile"
    queries = json.dumps({"q0": {"query": query["query"]}})
    response = await datasette.client.get(path, params={"queries": queries})
    if response.status_code != 200:
        return []
    return [{**result, "id": f"{kind}/{result['id']}"} for result in response.json()["q0"]["result"]]


async def evaluate(datasette: Datasette, service, queries: list[dict]) -> dict[str, dict]:
    stats: dict[str, dict] = {}
    for query in queries:
        start = time.perf_counter()
        results = await service(datasette, query)
        elapsed = (time.perf_counter() - start) * 1000
        top = results[0] if results else None
        expected = query["expected"]
        if expected:
            top1 = top is not None and top["id"] == expected
            matched = top1 and top["match"]
        else:
            top1 = matched = top is None or not top["match"]
        wrong = top is not None and top["match"] and top["id"] != expected
        split = stats.setdefault(query["split"], {"n": 0, "top1": 0, "match": 0, "wrong": 0, "ms": []})
        split["n"] += 1
        split["top1"] += top1
        split["match"] += matched
        split["wrong"] += wrong
        split["ms"].append(elapsed)
    return stats


def print_stats(name: str, stats: dict[str, dict]) -> None:
    for split, s in stats.items():
        print(f"| {name} | {split} | {s['n']} | {s['top1']}/{s['n']} | {s['match']}/{s['n']} | {s['wrong']} "
              f"| {statistics.median(s['ms']):.1f} | {max(s['ms']):.1f} |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=HERE.parent / "dist", help="a built dist/ folder")
    args = parser.parse_args()
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    print("| service | split | queries | top-1 right | right match | wrong match | median ms | max ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    datasette = Datasette([], config_dir=args.site.resolve())
    for _ in range(2):  # the first pass warms the caches of both; the second is timed
        stats = asyncio.run(evaluate(datasette, ours, queries))
    print_stats("atlas /reconcile", stats)
    if importlib.util.find_spec("datasette_reconcile") is None:
        print("datasette-reconcile is not importable: not measured.")
        return 0
    metadata = {"databases": {"atlas": {"tables": {
        table: {"plugins": {"datasette-reconcile": config}} for table, config in THEIR_CONFIG.items()}}}}
    theirs_site = Datasette([], config_dir=args.site.resolve(), metadata=metadata)
    for _ in range(2):
        stats = asyncio.run(evaluate(theirs_site, theirs, queries))
    print_stats("datasette-reconcile 0.6.3", stats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
