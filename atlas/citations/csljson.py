"""CSL-JSON, the citation items citeproc processors (Zotero, Pandoc, Mendeley) read and format.

JSON escapes every character a value holds, so only line breaks are folded (records.one_line),
as in the other formats, for a title that reads the same everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from atlas.citations.records import Citation, one_line, person

# By venue kind: the CSL item type, and the variable and name (short or full) naming the venue.
_TYPES = {
    "conference": ("paper-conference", "container-title", "full_name"),
    "workshop": ("paper-conference", "container-title", "full_name"),
    "journal": ("article-journal", "container-title", "full_name"),
    "book": ("book", "publisher", "name"),
    "thesis": ("thesis", "", ""),
    "preprint": ("article", "publisher", "name"),
}
TRUNCATED_NOTE = "The lists give only the first authors of this paper."


def csl_item(citation: Citation) -> dict:
    kind, variable, which = _TYPES.get(citation.venue_kind, ("document", "", ""))
    item: dict = {"id": citation.key, "type": kind, "title": one_line(citation.title)}
    names = [person(*name) for name in citation.authors]
    authors = [{"family": surname, "given": given} if given else {"family": surname}
               for given, surname in names if surname]
    if authors:
        item["author"] = authors
    if citation.year:
        item["issued"] = {"date-parts": [[citation.year]]}
    venue = citation.venue_full_name if which == "full_name" else citation.venue_name
    if variable and one_line(venue):
        item[variable] = one_line(venue)
    if citation.arxiv_id and kind == "article":  # a preprint's number is its arXiv id, as Zotero writes it
        item["number"] = f"arXiv:{one_line(citation.arxiv_id)}"
    elif citation.arxiv_id:
        item["archive"], item["archive_location"] = "arXiv", one_line(citation.arxiv_id)
    if citation.doi:
        item["DOI"] = one_line(citation.doi)
    if citation.url:
        item["URL"] = one_line(citation.url)
    if citation.authors_truncated:
        item["note"] = TRUNCATED_NOTE
    return item


def csl_json(cited: Iterable[Citation]) -> str:
    """A JSON array of items, one item a line, keys in a fixed order: a diff shows which changed."""
    items = [json.dumps(csl_item(citation), ensure_ascii=False, sort_keys=True) for citation in cited]
    return "[\n" + ",\n".join(items) + "\n]\n"

