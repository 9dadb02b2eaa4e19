"""A table's citation file (.bib, .ris, .csljson) asks Datasette for its rows only: no count of
the filtered rows and no facets, which a citation file never shows.

Datasette's table view counts the rows its filters keep and draws the table's facets for every
format; for a narrow file at 1M papers that was 30-90 ms of the answer, spent on numbers the
renderer (citation_output.py) throws away. The view's own switches `_nofacet` and `_nocount` are
added to the asks of a table or query in a citation format (`/<database>/<table>.ris`); a canned
query has neither to skip and ignores them. The citations are the same bytes either way.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl

from atlas.site.plugins.citation_output import FORMATS

CITATION_FILE = re.compile(rf"^/[^/]+/[^/]+\.(?:{'|'.join(FORMATS)})$")
SWITCHES = (("_nofacet", "1"), ("_nocount", "1"))


def rows_only(query_string: bytes) -> bytes:
    """The query string with the view's switches for no facets and no count added, once."""
    asked = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    names = {name for name, _ in asked}
    added = [(name, value) for name, value in SWITCHES if name not in names]
    joiner = b"&" if query_string and added else b""
    return query_string + joiner + urlencode(added).encode("latin-1")


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def citation_rows_only(scope, receive, send):
            if scope["type"] == "http" and CITATION_FILE.match(scope.get("path", "")):
                scope = {**scope, "query_string": rows_only(scope.get("query_string", b""))}
            return await app(scope, receive, send)

        return citation_rows_only

    return wrap
