"""Atom feeds of the newest papers: /feed.atom (the atlas), /topic/<id>.atom (a topic, narrower
topics included) and /author/<id>.atom, so a reader can follow a topic in a feed reader.

Papers carry only a year, so "newest" is by year, then by id; an entry's `updated` is the first
of January of its year, and a feed's the newest of its entries': the same data gives the same
feed, byte for byte. Feed and entry ids are the atlas's IRIs (the paper's IRI for its entry), so
they stay the same wherever the site is served. The page data is pages.feed; the XML is the
template atlas_feed.xml, escaped as XML by autoescaping once characters XML forbids are dropped.
"""

from __future__ import annotations

import re

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from atlas.iris import resource_iri
from atlas.published import OUR_SCHEME
from atlas.site import pages

DATABASE = "atlas"
CONTENT_TYPE = "application/atom+xml; charset=utf-8"
ID = r"(?P<id>[^.]+)"
# Characters XML 1.0 cannot hold even escaped: control characters other than tab and line breaks,
# lone surrogates and the two non-characters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
TITLES = {"atlas": "DL Theory Atlas: newest papers", "topic": "DL Theory Atlas: {label}",
          "author": "DL Theory Atlas: papers by {label}"}


def xml_text(value):
    """A value the XML of a feed can hold: text without the characters XML forbids."""
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def _timestamp(year: int) -> str:
    return f"{year:04d}-01-01T00:00:00Z"


def _entry(paper: dict, base: str, url) -> dict:
    venue = paper["venue_full_name"] or paper["venue"]
    venue_line = ", ".join(str(part) for part in (venue, paper["year"]) if part)
    return {
        "id": resource_iri(base, "paper", paper["id"]), "title": xml_text(paper["title"]),
        "url": url(f"/paper/{paper['id']}"), "updated": _timestamp(paper["year"]),
        "authors": [{"name": xml_text(author["name"]), "url": url(f"/author/{author['id']}")}
                    for author in paper["authors"]],
        "topics": [{"id": topic["id"], "label": xml_text(topic["label"])} for topic in paper["topics"]],
        "summary": xml_text(paper["digest"] or venue_line), "venue_line": xml_text(venue_line),
    }


async def _feed(datasette, request, scope: str, subject_id: str | None) -> Response:
    data = await pages.feed(datasette.get_database(DATABASE), scope, subject_id)
    if data is None:
        raise NotFound(f"No {scope} has this id")
    base, subject = data["base"], data["subject"]

    def url(path: str) -> str:
        return datasette.absolute_url(request, path)

    page = f"/{scope}/{subject_id}" if subject_id else "/"
    entries = [_entry(paper, base, url) for paper in data["papers"]]
    context = {
        "feed_id": f"{resource_iri(base, scope, subject_id)}.atom" if subject_id else f"{base}feed.atom",
        "title": xml_text(TITLES[scope].format(label=subject.get("label"))),
        "self_url": url(request.path), "page_url": url(page), "entries": entries,
        "updated": max((entry["updated"] for entry in entries), default=_timestamp(1970)),
        "curators": xml_text((datasette.metadata() or {}).get("creator") or "DL Theory Atlas"),
        "scheme": f"{base}scheme/{OUR_SCHEME}", "size": pages.FEED_SIZE,
    }
    body = await datasette.render_template("atlas_feed.xml", context, request=request)
    return Response(body, content_type=CONTENT_TYPE)


async def atlas_feed(datasette, request):
    return await _feed(datasette, request, "atlas", None)


async def topic_feed(datasette, request):
    return await _feed(datasette, request, "topic", request.url_vars["id"])


async def author_feed(datasette, request):
    return await _feed(datasette, request, "author", request.url_vars["id"])


@hookimpl
def register_routes():
    return [
        (r"^/feed\.atom$", atlas_feed),
        (rf"^/topic/{ID}\.atom$", topic_feed),
        (rf"^/author/{ID}\.atom$", author_feed),
    ]
