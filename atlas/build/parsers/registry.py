"""The registry of entry-style parsers, and the small readers every parser shares.

A parser module registers its item reader here by format name; the parse stage
(atlas/build/parsers/__init__.py) looks the reader up and turns its claims into entries.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from atlas.build.parsers.markdown_tree import ListItem
from atlas.build.records import Link

# A template's placeholder where a title goes ("Paper Title", "Title", "Author1", "xxxx") and where
# its link goes (`https://arxiv.org/abs/xxxx.xxxx`): a list's contributing section shows the format.
_PLACEHOLDER = re.compile(
    r"^(?:paper\s*)?(?:title|name)(?:\s+of\s+(?:the\s+)?paper)?$|^authors?\s*\d*$|^x{3,}|^\.\.\.$|"
    r"^(?:your|the)\s+paper('s)?\s+title$|^templates?\b|"
    # a template engine's variable: `{{ p.title }}`, `{{ p.title | escape }}`, `${title}`
    r"^\{\{\s*[\w.]+\s*(?:\|[^{}]*)?\}\}$|^\{%.*%\}$|^\$\{[^}]*\}$|^<%=?.*%>$",
    re.IGNORECASE,
)
_PLACEHOLDER_URL = re.compile(r"x{4}|example\.com|/abs/\.\.\.|^link$|^url$", re.IGNORECASE)


def is_template(title: str, urls: list[str]) -> bool:
    """An item showing the list's format to contributors, not a paper."""
    return bool(_PLACEHOLDER.match(title.strip())) or any(_PLACEHOLDER_URL.search(url) for url in urls)


class NotAPaper(Exception):
    """Raised by a parser for an item it understands is something else (kind `other`)."""


class Unreadable(Exception):
    """Raised by a parser for an item in no form it knows (kind `rejected`)."""


ItemParser = Callable[[int, list[ListItem]], dict]
PARSERS: dict[str, ItemParser] = {}
# Parsers that read headings and table rows as well as list items, and judge tables of contents
# themselves (`auto`: `+ [Title](./papers/1806.07572.pdf)` links inside the list's folder).
BLOCK_READERS: set[str] = set()


def register(name: str, blocks: bool = False) -> Callable[[ItemParser], ItemParser]:
    def add(parser: ItemParser) -> ItemParser:
        PARSERS[name] = parser
        if blocks:
            BLOCK_READERS.add(name)
        return parser

    return add


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


# `In Proceedings of …`, `In: Venue`: the word that cites a container, no part of its name
CITING_IN = re.compile(r"^In:?\s+")
# `Preprint submitted to Computer Speech & Language`, `Submitted to IEEE SPL`: where it was sent is the venue
SUBMITTED_TO = re.compile(r"^(?:preprint\s+)?submit+ed\s+(?:to\s+)?(?=\S)", re.IGNORECASE)
# The name of a note's field, before its colon: `TL;DR: …`, `**Abstract**: …`, `- Key Words: …`
NOTE_FIELD_NAME = r"(?:Key\s*W[a-z]{2,4}s?|Keywords?|Tags?|Digest|Abstract|Summary|TL;?DR|Notes?|Comments?)"


def venue_name(venue_part: str) -> str:
    """The venue as named: without "In", editors, volume, pages and publisher."""
    venue = SUBMITTED_TO.sub("", CITING_IN.sub("", venue_part.strip()))  # Vancouver writes `In: Venue`
    if "editors," in venue:
        venue = venue.split("editors,", 1)[1]
    venue = re.split(r",|\s?\(pp\.|\s\(\d|\.\s+(?=\d)", venue, maxsplit=1)[0]
    return venue.strip(" .")
