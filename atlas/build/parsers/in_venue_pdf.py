"""`- Title. In *Venue Year*. [[pdf](url)]`, under numbered sections (list 000)."""

from __future__ import annotations

import re

from atlas.build.parsers.markdown_tree import ListItem
from atlas.build.parsers.registry import Unreadable, links_of, register
from atlas.build.text import arxiv_id_in, clean_title, first_year

_PLAIN_VENUE = re.compile(r"[.?]\s+In\s+(?P<venue>[^.]*?(?:19|20)\d\d)\s*[./]?\s*$")


@register("in_venue_pdf")
def read_item(index: int, items: list[ListItem]) -> dict:
    item = items[index]
    before, venue = [], ""
    for span in item.spans:
        if span.style == "em":
            venue = span.text.strip()
            break
        before.append(span.text)
    links = links_of(item)
    warning = ""
    if not venue:
        # `- Title. [[pdf](url)]`: a paper the list forgot to give a venue; without a link to
        # the paper, an item with no venue is not one.
        if not any(link.kind in ("pdf", "paper") or arxiv_id_in(link.url) for link in links):
            raise Unreadable("no *Venue Year* after the title")
        before = []
        for span in item.spans:
            if span.style == "link":
                break
            before.append(span.text)
        written = _PLAIN_VENUE.search("".join(before).rstrip(" ["))
        if written:  # `- Title. In COLT 2016. [[pdf](…)]`: the venue, not in italics
            venue, before = written["venue"], [written.string[: written.start()]]
            warning = "venue not in *italics*"
        else:
            warning = "no *Venue Year* after the title"
    title = clean_title(re.sub(r"\bIn\s*$", "", "".join(before).strip(" [")))
    if not title:
        raise Unreadable("no title before the venue")
    year = first_year(venue)
    if venue and re.fullmatch(r"(?:19|20)\d\d", venue):  # `In *2021*.`: a year, no venue
        venue, warning = "", "no venue before the year"
    elif venue and not year:
        warning = "no year after the venue"
    return {
        "kind": "paper",
        "warning": warning,
        "title": title,
        "venue": venue,
        "year": year,
        "links": links,
        "arxiv_id": next((arxiv_id_in(link.url) for link in links if arxiv_id_in(link.url)), ""),
    }
