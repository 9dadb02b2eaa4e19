"""How the IRI of every resource of the atlas is made, shared by the RDF export and the site.

A resource's IRI is `<base><kind>/<id>` (the base ends in `/`), so its path is the site's path:
a redirect of `<base>(.*)` to the site makes every IRI resolve. Ids are never renamed, only
retired, so an IRI once published keeps its meaning.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from atlas.published import DOWNLOADS_FOLDER

KINDS = ("topic", "paper", "author", "venue", "source", "scheme")
_UNCHANGED_BY_QUOTE = re.compile(r"[A-Za-z0-9/\-._~]*")


def resource_iri(base: str, kind: str, resource_id: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown kind of resource: {kind}")
    if _UNCHANGED_BY_QUOTE.fullmatch(resource_id):  # most ids: quote() would return them as they are
        return f"{base}{kind}/{resource_id}"
    return f"{base}{kind}/{quote(resource_id, safe='/-._~')}"


def entry_iri(base: str, source_id: str, line: int, item: int | None = None) -> str:
    """A list entry, by its list and line; a later item on the same line adds `/item/<n>`.

    The first (or only) item of a line keeps the bare line IRI, so an IRI published before lines
    held several items still names the same entry.
    """
    iri = f"{resource_iri(base, 'source', source_id)}/line/{line}"
    return f"{iri}/item/{item}" if item and item > 1 else iri


def authorship_iri(base: str, paper_id: str, position: int) -> str:
    """The node saying who is the paper's author at `position` (1 is the first author)."""
    return f"{resource_iri(base, 'paper', paper_id)}/author/{position}"


def void_iri(base: str) -> str:
    """The dataset itself, as described at /.well-known/void."""
    return f"{base}.well-known/void#atlas"


def download_iri(base: str, name: str) -> str:
    """A file offered for download (atlas.nt, atlas.ttl): `datasette dist` serves dist/static/
    at /static/, so under the base IRI's redirect the file's IRI is its address."""
    return f"{base}static/{DOWNLOADS_FOLDER}/{quote(name)}"
