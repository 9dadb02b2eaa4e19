"""/sparql (SPARQL 1.1 Protocol) and /reconcile (OpenRefine's POSTed form of queries) take POSTed
queries from anywhere: they change nothing, so no CSRF token."""

from __future__ import annotations

from datasette import hookimpl

QUERY_PATHS = {"/sparql", "/reconcile", "/reconcile/suggest/entity", "/reconcile/suggest/type"}


@hookimpl
def skip_csrf(scope):
    return scope.get("path") in QUERY_PATHS
