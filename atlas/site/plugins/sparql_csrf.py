"""/sparql takes POSTed queries from anywhere (SPARQL 1.1 Protocol): they change nothing, so no CSRF token."""

from __future__ import annotations

from datasette import hookimpl


@hookimpl
def skip_csrf(scope):
    return scope.get("path") == "/sparql"
