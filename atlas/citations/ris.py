"""RIS, the tagged format Zotero, Mendeley and EndNote import: one `TAG  - value` line per field.

A value is written on one line (records.one_line), so no title or name can end its reference or
start a tag of its own; the rest of the line is read as it is, so nothing else needs escaping.
"""

from __future__ import annotations

from collections.abc import Iterable

from atlas.citations.records import Citation, one_line, person

# By venue kind: the RIS reference type, and the tag and name (short or full) naming the venue.
_TYPES = {
    "conference": ("CONF", "T2", "full_name"),
    "workshop": ("CONF", "T2", "full_name"),
    "journal": ("JOUR", "T2", "full_name"),
    "book": ("BOOK", "PB", "name"),
    "thesis": ("THES", "", ""),
    "preprint": ("UNPB", "PB", "name"),
}
TRUNCATED_NOTE = "The lists give only the first authors of this paper."


def _venue(citation: Citation, which: str) -> str:
    return citation.venue_full_name if which == "full_name" else citation.venue_name


def ris_fields(citation: Citation) -> list[tuple[str, str]]:
    """The (tag, value) lines of one reference, TY first and ER last, as RIS requires."""
    kind, venue_tag, which = _TYPES.get(citation.venue_kind, ("GEN", "", ""))
    fields = [("TY", kind), ("ID", citation.key), ("TI", citation.title)]
    for given, surname in (person(*name) for name in citation.authors):
        if surname:
            fields.append(("AU", f"{surname}, {given}" if given else surname))
    if citation.year:
        fields.append(("PY", str(citation.year)))
    if venue_tag and _venue(citation, which):
        fields.append((venue_tag, _venue(citation, which)))
    if citation.doi:
        fields.append(("DO", citation.doi))
    if citation.arxiv_id:
        fields.append(("AN", f"arXiv:{citation.arxiv_id}"))
    if citation.url:
        fields.append(("UR", citation.url))
    if citation.authors_truncated:
        fields.append(("N1", TRUNCATED_NOTE))
    return [(tag, text) for tag, value in fields if (text := one_line(value))] + [("ER", "")]


def ris(cited: Iterable[Citation]) -> str:
    """References separated by a blank line; CRLF is not needed by any reader we know."""
    return "\n".join(
        "".join(f"{tag}  - {value}\n" for tag, value in ris_fields(citation))
        for citation in cited
    )

