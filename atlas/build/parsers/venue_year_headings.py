"""`- Authors. Title. Venue'YY` under venue-year headings such as `## NIPS'19` (list 001).

Nested items are papers, notes about the paper above (`- the ratio between …`), or category
labels ending in a colon that group the papers below them (`- SGD prefers flat minima, …:`).
"""

from __future__ import annotations

import re

from atlas.build.names import split_leading_names
from atlas.build.parsers.markdown_tree import ListItem
from atlas.build.parsers.registry import Unreadable, links_of, parent_line, publication_year, register
from atlas.build.text import clean_title, collapse_spaces, first_year

_HEADING_VENUE = re.compile(r"^(?P<venue>[A-Za-z][\w-]*)'(?P<yy>\d\d)$")
_TRAILING_VENUE = re.compile(r"[.\s]\s*(?P<venue>[A-Za-z][\w-]*'\d\d)\s*$")
# A venue of several words after the title's period: `Title. IEEE SPM'20`
_TRAILING_VENUE_WORDS = re.compile(r"\.\s+(?P<venue>(?:[A-Z][\w&-]*\s+){1,3}[A-Za-z][\w-]*'\d\d)\s*$")
_TRAILING_YEAR = re.compile(r"[.\s]\s*(?P<year>(?:19|20)\d\d)\s*$")


def is_label(index: int, items: list[ListItem]) -> bool:
    item = items[index]
    has_children = index + 1 < len(items) and items[index + 1].parent == index
    return has_children and item.text.endswith(":")


def _label_text(item: ListItem) -> str:
    return collapse_spaces(item.text).rstrip(": ")


@register("venue_year_headings")
def read_item(index: int, items: list[ListItem]) -> dict:
    item = items[index]
    if is_label(index, items):
        return {"kind": "label", "title": _label_text(item)}
    parent = item.parent
    if parent is not None and not is_label(parent, items):
        return {"kind": "note", "parent_line": parent_line(index, items)}
    text = item.text
    venue = ""
    stated_year = None
    if match := _TRAILING_VENUE_WORDS.search(text) or _TRAILING_VENUE.search(text):
        venue, text = match["venue"], text[: match.start()]
    elif match := _TRAILING_YEAR.search(text):
        stated_year, text = int(match["year"]), text[: match.start()]
    authors, title = split_leading_names(text)
    title = clean_title(title)
    if not title:
        raise Unreadable("no title")
    heading_venue, heading_year = "", None
    if item.section and (heading := _HEADING_VENUE.match(item.section[-1])):
        heading_venue, heading_year = heading["venue"] + "'" + heading["yy"], first_year(item.section[-1])
    venue = venue or heading_venue
    return {
        "kind": "paper",
        "warning": "" if authors else "no 'Authors.' before the title",
        "title": title,
        "authors": tuple(authors),
        "venue": venue,
        "stated_year": stated_year,
        "year": publication_year(first_year(venue) if venue else None, stated_year, heading_year),
        "links": links_of(item),
        "label": _label_text(items[parent]) if parent is not None else "",
    }
