"""`- Title. [[paper]](url) [[code]](url)` with indented detail lines (list 002).

The detail lines are `- Authors. *Venue*`, `- Key Word: A; B.` and `- Digest: …`. One Digest
line lacks its `- ` and so continues the Key Word item's paragraph: details are read line by
line, whichever item they landed in.
"""

from __future__ import annotations

import re

from atlas.build.names import split_names
from atlas.build.parsers.markdown_tree import ListItem
from atlas.build.parsers.registry import (
    NotAPaper,
    Unreadable,
    is_template,
    links_of,
    parent_line,
    publication_year,
    register,
)
from atlas.build.text import arxiv_id_in, clean_title, collapse_spaces, first_year

# "Key Wrod:" occurs too: any "Key W…:" is the key-word line.
_FIELD = re.compile(r"^(?P<field>Key\s*W[a-z]{2,4}|Digest)\s*:\s*", re.IGNORECASE)


@register("awesome_digest")
def read_item(index: int, items: list[ListItem]) -> dict:
    item = items[index]
    if item.parent is not None:
        field = _FIELD.match(item.text)
        what = _field_name(field) if field else "authors and venue"
        raise_detail = {"kind": "other", "reason": f"detail line ({what}) of the paper above"}
        return {**raise_detail, "parent_line": parent_line(index, items)}
    children = _children(index, items)
    warning = ""
    if not item.links:
        # Detail lines (authors, Key Word, Digest) below the title still make it a paper.
        if not children:
            raise Unreadable("no [[paper]] link after the title")
        warning = "no [[paper]] link after the title"
    title_spans = []
    for span in item.spans:
        if span.style == "link":
            break
        title_spans.append(span.text)
    title = clean_title("".join(title_spans).rstrip(" ["))
    if not title:
        raise NotAPaper("no title before the links")
    if is_template(title, [span.url for span in item.links]):
        raise NotAPaper(f"template: '{title}' is a placeholder, not a paper")
    details = _details(children)
    venue = details["venue"]
    heading_year = first_year(item.section[-1]) if item.section else None
    links = links_of(item)
    return {
        "kind": "paper",
        "warning": warning,
        "title": title,
        "authors": tuple(details["authors"]),
        "authors_truncated": details["truncated"],
        "venue": venue,
        "year": publication_year(first_year(venue), None, heading_year),
        "links": links,
        "keywords": tuple(details["keywords"]),
        "digest": details["digest"],
        "arxiv_id": next((arxiv_id_in(link.url) for link in links if arxiv_id_in(link.url)), ""),
    }


def _field_name(match: re.Match) -> str:
    return "digest" if match["field"].lower() == "digest" else "key word"


def _children(index: int, items: list[ListItem]) -> list[ListItem]:
    """The items nested in items[index]: they follow it, deeper, until one is not."""
    children = []
    for following in range(index + 1, len(items)):  # not items[index + 1:], which copies the rest
        other = items[following]
        if other.depth <= items[index].depth:
            break
        if other.parent == index:
            children.append(other)
    return children


def _details(children: list[ListItem]) -> dict:
    found = {"authors": [], "truncated": False, "venue": "", "keywords": [], "digest": ""}
    digest_lines: list[str] = []
    for child in children:
        venue = "".join(span.text for span in child.spans if span.style == "em").strip()
        text = "".join(span.text for span in child.spans if span.style != "em")
        current = None
        for line in text.split("\n"):
            field = _FIELD.match(line)
            if field:
                current = _field_name(field)
                line = line[field.end() :]
            if current == "key word":
                for keyword in line.split(";"):
                    keyword = collapse_spaces(keyword).rstrip(".")
                    if keyword and keyword not in found["keywords"]:
                        found["keywords"].append(keyword)
            elif current == "digest":
                digest_lines.append(line)
            elif line.strip() and not found["authors"]:
                found["authors"], found["truncated"] = split_names(line)
                found["venue"] = found["venue"] or venue
    found["digest"] = collapse_spaces(" ".join(digest_lines))
    return found
