"""Stage 2, parse entries: one small parser per entry style, registered by format name.

Each parser reads one list item at a time (with the document around it, for nesting) and
returns the claims of that item. `parse_document` guarantees that every item becomes exactly
one Entry: an item a parser cannot read becomes a `rejected` entry carrying the reason.
"""

from __future__ import annotations

from collections.abc import Callable

from atlas.markdown_tree import ListItem, list_items
from atlas.records import Entry, Link
from atlas.sources import SourceText


class NotAPaper(Exception):
    """Raised by a parser for an item it understands is something else (kind `other`)."""


class Unreadable(Exception):
    """Raised by a parser for an item in no form it knows (kind `rejected`)."""


ItemParser = Callable[[int, list[ListItem]], dict]
PARSERS: dict[str, ItemParser] = {}


def register(name: str) -> Callable[[ItemParser], ItemParser]:
    def add(parser: ItemParser) -> ItemParser:
        PARSERS[name] = parser
        return parser

    return add


def parse_document(document: SourceText) -> list[Entry]:
    """Every list item of a source as an Entry, in file order."""
    read_item = PARSERS[document.source.format]
    items = list_items(document)
    entries = []
    for index, item in enumerate(items):
        try:
            if item.wrapper:
                raise NotAPaper("holds no text, only the list nested on its line")
            if _is_table_of_contents(item):
                raise NotAPaper(
                    "table-of-contents entry: links to a part of the list (a section or a lecture)"
                )
            claims = read_item(index, items)
        except NotAPaper as reason:
            claims = {"kind": "other", "reason": str(reason)}
        except Unreadable as reason:
            claims = {"kind": "rejected", "reason": str(reason)}
        if claims.get("parent_line"):
            claims["parent_item"] = items[item.parent].item
        entries.append(
            Entry(
                source_id=document.source.id,
                line=item.line,
                item=item.item,
                section=item.section,
                raw=item.raw,
                hidden=item.hidden,
                **claims,
            )
        )
    return entries


def _is_table_of_contents(item: ListItem) -> bool:
    """Items whose links all point inside the list or its folder: a TOC, not a paper."""
    links = item.links
    return bool(links) and all(link.url.startswith(("#", "./")) for link in links)


def link_kind(label: str) -> str:
    """Classify a link by its label ("pdf", "NeurIPS PDF", "paper", "code", "slides")."""
    words = label.lower().strip("[] ").split()
    for kind in ("pdf", "paper", "code", "slides"):
        if kind in words:
            return kind
    return "other"


def links_of(item: ListItem) -> tuple[Link, ...]:
    return tuple(Link(span.url, link_kind(span.text)) for span in item.links if span.url)


def parent_line(index: int, items: list[ListItem]) -> int | None:
    parent = items[index].parent
    return items[parent].line if parent is not None else None


def publication_year(venue_year: int | None, stated_year: int | None, heading_year: int | None):
    """The venue's year where the entry names one, else the year it states, else its heading's."""
    for year in (venue_year, stated_year, heading_year):
        if year:
            return year
    return None


# Importing the parser modules registers them.
from atlas.parsers import (  # noqa: E402,F401
    apa_references,
    awesome_digest,
    bold_title_fullwidth,
    in_venue_pdf,
    venue_year_headings,
)
