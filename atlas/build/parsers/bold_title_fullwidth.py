"""`* **Title**，*Authors*，Venue，Year [[… PDF]](url)` with full-width commas (list 003)."""

from __future__ import annotations

import re

from atlas.build.parsers.markdown_tree import ListItem
from atlas.build.parsers.registry import NotAPaper, Unreadable, links_of, publication_year, register
from atlas.build.text import arxiv_id_in, clean_title, collapse_spaces, first_year


@register("bold_title_fullwidth")
def read_item(index: int, items: list[ListItem]) -> dict:
    item = items[index]
    title = "".join(span.text for span in item.spans if span.style == "strong")
    if not title:
        if re.match(r"^\(\d+\)", item.text):
            raise NotAPaper("outline of the directions the section covers")
        raise Unreadable("no **bold title**")
    authors_text = "".join(span.text for span in item.spans if span.style == "em")
    tail = "".join(span.text for span in item.spans if span.style == "text")
    parts = [collapse_spaces(part) for part in re.split(r"[，,]", tail) if part.strip(" [")]
    venue = parts[0] if parts else ""
    stated_year = first_year(parts[-1]) if len(parts) > 1 else None
    warnings = [] if authors_text.strip() else ["no *Authors* after the title"]
    if re.fullmatch(r"(?:19|20)\d\d", venue):  # `**Title**，*Authors*，2019`
        venue, stated_year = "", int(venue)
    if not venue:
        warnings.append("no venue after the authors")
    links = links_of(item)
    authors = [collapse_spaces(name) for name in authors_text.split(",") if name.strip()]
    return {
        "kind": "paper",
        "warning": "; ".join(warnings),
        "title": clean_title(title),
        "authors": tuple(authors),
        "venue": venue,
        "stated_year": stated_year,
        "year": publication_year(first_year(venue), stated_year, None),
        "links": links,
        "arxiv_id": arxiv_id_in(item.text)
        or next((arxiv_id_in(link.url) for link in links if arxiv_id_in(link.url)), ""),
    }
