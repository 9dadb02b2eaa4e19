"""`- Title. In *Venue Year*. [[pdf](url)]`, under numbered sections (list 000)."""

from __future__ import annotations

import re

from atlas.markdown_tree import ListItem
from atlas.parsers import Unreadable, links_of, register
from atlas.text import arxiv_id_in, clean_title, first_year


@register("in_venue_pdf")
def read_item(index: int, items: list[ListItem]) -> dict:
    item = items[index]
    before, venue = [], ""
    for span in item.spans:
        if span.style == "em":
            venue = span.text.strip()
            break
        before.append(span.text)
    if not venue:
        raise Unreadable("no *Venue Year* after the title")
    title = clean_title(re.sub(r"\bIn\s*$", "", "".join(before).strip()))
    if not title:
        raise Unreadable("no title before the venue")
    links = links_of(item)
    year = first_year(venue)
    return {
        "kind": "paper",
        "title": title,
        "venue": venue,
        "year": year,
        "links": links,
        "arxiv_id": next((arxiv_id_in(link.url) for link in links if arxiv_id_in(link.url)), ""),
    }
