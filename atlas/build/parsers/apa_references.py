"""APA-like references: `+ Surname, I., & Surname, I. (2019). Title. Venue, vol, pages.` (list 004).

Two reference styles meet in this list. Entries with initials ("Surname, I.") close the title
with a period; entries with full names ("Sanjeev Arora, …") close it with a comma before the
venue. Commented-out draft lectures arrive here revealed and flagged hidden by the reader.
"""

from __future__ import annotations

import re

from atlas.build.names import looks_like_name, split_reference_names
from atlas.build.parsers.markdown_tree import ListItem
from atlas.build.parsers.reference import NOT_AN_ABBREVIATION, looks_like_venue
from atlas.build.parsers.registry import (
    NotAPaper,
    Unreadable,
    links_of,
    publication_year,
    register,
    venue_name,
)
from atlas.build.text import arxiv_id_in, clean_title, collapse_spaces, first_year, repair_diacritics

_DATE = re.compile(r"\(\s*(?P<year>(?:19|20)\d\d)(?:,\s*[A-Za-z]+)?\s*\)\.?")
# A year after the authors, its parentheses or period mistyped: `L. 2017. Title`, `L. (2017 Title`.
_LOOSE_DATE = re.compile(
    r"(?<=[A-Za-z.,])\s*[(\[]?\s*(?P<year>(?:19|20)\d\d)[a-z]?\s*[)\]]?[.;:,]?\s+(?=[A-Z])"
)
_STRAY = re.compile(r"^[\s.;:,)\]]*[;:,)\]][\s.;:,)\]]*")
# A period after a lone capital is an initial's ("J. Smith"), not the title's end; after an
# acronym ("… with SGD. In International Conference …") it ends the title.
# Nor is an abbreviation's ("Generalization vs. robustness", "e.g. ReLU").
_PERIOD_END = re.compile(r"(?<!\b[A-Z])" + NOT_AN_ABBREVIATION + r"[.?]\s+(?=\S)")
_COMMA_END = re.compile(r",\s+(?=[A-Z0-9])")


@register("apa_references")
def read_item(index: int, items: list[ListItem]) -> dict:
    item = items[index]
    text = collapse_spaces(repair_diacritics(item.text))
    warnings = []
    date = _DATE.search(text)
    if not date and not item.ordered and (date := _loose_date(text)):
        warnings.append(f"year written '{date[0].strip()}', not '({date['year']}).'")
    if not date:
        if item.ordered:
            raise NotAPaper("lecture in the course outline")
        raise Unreadable("no (Year) after the authors")
    authors, truncated = split_reference_names(text[: date.start()].strip())
    rest = text[date.end() :].strip()
    if stray := _STRAY.match(rest):  # `Ruthotto, L.(2017);. Stable architectures…`
        warnings.append(f"stray '{stray[0].strip()}' after the year")
        rest = rest[stray.end() :]
    full_names = bool(authors) and "," not in authors[0]
    title, venue_part = _split_title(rest, full_names)
    if not title:
        raise Unreadable("no title after the year")
    venue = venue_name(venue_part)
    stated_year = int(date["year"])
    return {
        "kind": "paper",
        "warning": "; ".join(warnings),
        "title": title,
        "authors": tuple(authors),
        "authors_truncated": truncated,
        "venue": venue,
        "stated_year": stated_year,
        "year": publication_year(first_year(venue), stated_year, None),
        "links": links_of(item),
        "arxiv_id": arxiv_id_in(venue_part),
    }


def _loose_date(text: str) -> re.Match | None:
    """A mistyped year counts only where what precedes it reads as the authors."""
    date = _LOOSE_DATE.search(text)
    if not date:
        return None
    authors, _ = split_reference_names(text[: date.start()].strip())
    return date if authors and all("," in name or looks_like_name(name) for name in authors) else None


def _split_title(rest: str, full_names: bool) -> tuple[str, str]:
    ends = [match for match in [_PERIOD_END.search(rest)] if match]
    if full_names:
        ends += [match for match in [_COMMA_END.search(rest)] if match]
    if not ends:
        return clean_title(rest), ""
    end = min(ends, key=lambda match: match.start())
    title = rest[: end.start()] + ("?" if rest[end.start()] == "?" else "")
    if rest[end.start()] == "?" and (subtitle := _subtitle_after_question(rest[end.end() :])):
        title = f"{title} {subtitle}"
        return clean_title(title), rest[end.end() + len(subtitle) :].lstrip(". ")
    return clean_title(title), rest[end.end() :]


def _subtitle_after_question(after: str) -> str:
    """`… express? A survey. Transactions of …`: the part before the venue is the title's subtitle
    when it reads as no venue and what follows it does."""
    end = _PERIOD_END.search(after)
    if not end or looks_like_venue(after[: end.start()]) or not looks_like_venue(after[end.end() :]):
        return ""
    return after[: end.start()]
