"""The SPARQL workers start with a server, not at the first ask; a Datasette no server runs starts none."""

from __future__ import annotations

import asyncio

from datasette.app import Datasette

from atlas.site.sparql_engine import engine_for

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


async def _serve_lifespan(datasette: Datasette) -> None:
    """Open and close the app's ASGI lifespan, as uvicorn does when `datasette dist` starts and stops."""
    messages: asyncio.Queue = asyncio.Queue()
    for message in ("lifespan.startup", "lifespan.shutdown"):
        messages.put_nowait({"type": message})
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    await datasette.app()({"type": "lifespan", "asgi": {"version": "3.0"}}, messages.get, send)
    assert [message["type"] for message in sent] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


def test_a_starting_server_starts_the_workers_before_any_sparql_ask(built_atlas):
    datasette = Datasette([], config_dir=built_atlas.parent)
    engine = engine_for(datasette)
    try:
        asyncio.run(_serve_lifespan(datasette))
        workers = set(engine._all)
        assert len(workers) == engine.limits.workers
        assert all(worker.process.poll() is None for worker in workers)
        response = asyncio.run(datasette.client.get(
            "/sparql", params={"query": COUNT}, headers={"Accept": "application/sparql-results+json"}))
        assert response.status_code == 200
        assert int(response.json()["results"]["bindings"][0]["n"]["value"]) > 0
        assert set(engine._all) == workers  # the ask used the workers the server started
    finally:
        engine.close()


def test_a_datasette_no_server_runs_starts_no_worker_until_sparql_is_asked(built_atlas):
    datasette = Datasette([], config_dir=built_atlas.parent)
    engine = engine_for(datasette)
    try:
        for path in ("/", "/atlas/papers.json", "/topics"):
            assert asyncio.run(datasette.client.get(path)).status_code == 200
        assert engine._all == set()
        asyncio.run(datasette.client.get("/sparql", params={"query": COUNT},
                                         headers={"Accept": "application/sparql-results+json"}))
        assert len(engine._all) == engine.limits.workers
    finally:
        engine.close()
