"""The SPARQL workers start when a server starts, so the first SPARQL ask finds them loaded.

Each worker loads dist/atlas.nt in a process of its own (atlas.site.sparql_engine): started at the
first ask, that ask waited for a Python to start and the dump to load (174-744 ms at 1M papers,
measured before this). A server (`datasette dist`, uvicorn) opens the ASGI lifespan before any
request; a Datasette that no server runs (the tests' and scripts' in-process clients) never does,
so it starts no worker until something asks SPARQL. A site without a dump starts none.
"""

from __future__ import annotations

from datasette import hookimpl

from atlas.site.sparql_engine import engine_for


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def start_sparql_with_the_server(scope, receive, send):
            if scope["type"] == "lifespan":
                engine = engine_for(datasette)
                if engine is not None:
                    engine.start()
            return await app(scope, receive, send)

        return start_sparql_with_the_server

    return wrap
