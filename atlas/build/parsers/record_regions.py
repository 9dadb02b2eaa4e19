"""Where a list's text holds records of fields, and which lines each region claims: the finders of
atlas/build/parsers/field_records.py (data, org, shortcodes, BibTeX, RIS, Zotero, field blocks) and
of atlas/build/parsers/citation_records.py (bibitems, cite templates, printed records…) in one
order, the first to claim a line keeping it."""

from __future__ import annotations

from atlas.build.parsers import citation_records, field_records
from atlas.build.parsers.field_records import Region, with_rest

FINDERS = (*field_records.FIRST_FINDERS, *citation_records.FINDERS, *field_records.LAST_FINDERS)


def find_regions(lines: list[str]) -> list[Region]:
    """Every region of records in a document's lines, in order, none overlapping."""
    found: list[Region] = []
    taken: set[int] = set()
    for finder in FINDERS:
        for region in finder(lines):
            span = set(range(region.start, region.end))
            if region.records and not span & taken:
                found.append(with_rest(region, lines))
                taken |= span
    return sorted(found, key=lambda region: region.start)
