"""A reference written to the Russian standard (GOST R 7.0.5–2008, GOST 7.1), as Russian
course pages and theses cite, in Cyrillic or Latin script.

Its areas are parted by `. — `; the first holds the description: `Surname I. O., Surname I. O.
Title` (up to three authors, named first, surname before initials) or `Title / I. O. Surname,
I. O. Surname [et al.]` (more authors, after a slash); then `// Container` names the journal or
proceedings the paper is in. The areas after it give the year (`— 2018.`), the volume, the pages,
the address (`— URL: …`); a book's gives the place and the publisher (`— New York : Springer,
1996.`), the publisher its venue.
"""

from __future__ import annotations

import re

from atlas.build.text import first_year

_AREA = re.compile(r"\.\s+[—–]\s+")
_CONTAINER = re.compile(r"\s+//\s+")
_RESPONSIBILITY = re.compile(r"\s+/\s+")
_INITIALS = r"(?:[A-ZА-ЯЁ]\.\s?-?)+"
_SURNAME = r"[A-ZА-ЯЁ][\w'’]+(?:-[A-ZА-ЯЁ][\w'’]+)?"
# `Neal R. M.`, `Nguyen P.-M.`, `Колмогоров А. Н.`: the surname, then the initials
_NAME_FIRST = rf"{_SURNAME} {_INITIALS}"
_LEADING_AUTHORS = re.compile(rf"^(?P<authors>{_NAME_FIRST}(?:,\s*{_NAME_FIRST})*)\s+(?P<title>\S.*)$")
_TRUNCATION = re.compile(r"\s*\[(?:et al\.?|и др\.?)\]\s*$", re.IGNORECASE)
_PUBLISHER = re.compile(r"^[^:]{2,60}?\s:\s(?P<publisher>[^,]{2,80}),\s*(?:19|20)\d\d\b")


def is_gost(text: str) -> bool:
    """A reference with a `// Container` after its description, or a book's `. — Place :
    Publisher, Year` area, and a year in an area of its own."""
    areas = _AREA.split(text)
    if len(areas) < 2 or not any(first_year(area) for area in areas[1:]):
        return False
    return bool(_CONTAINER.search(areas[0]) or any(_PUBLISHER.match(area) for area in areas[1:]))


def read_gost(text: str) -> tuple[str, dict] | None:
    """The title and the authors, venue and year of a GOST reference, or None when it is none."""
    if not is_gost(text):
        return None
    head, *areas = _AREA.split(text.strip())
    description, container = _parts(head)
    truncated = False
    if (slash := _RESPONSIBILITY.search(description)) is not None:
        title, responsibility = description[: slash.start()], description[slash.end():]
        truncated = bool(_TRUNCATION.search(responsibility))
        authors = [name.strip(" .") if not re.search(r"\b\w\.$", name.strip()) else name.strip()
                   for name in _TRUNCATION.sub("", responsibility).split(",") if name.strip()]
    elif leading := _LEADING_AUTHORS.match(description):
        title = leading["title"]
        authors = [name.strip() for name in leading["authors"].split(",")]
    else:
        title, authors = description, []
    venue = container.strip(" .")
    if not venue:
        venue = next((found["publisher"].strip() for area in areas if (found := _PUBLISHER.match(area))), "")
    year = next((first_year(area) for area in areas if first_year(area) and not area.startswith("URL")), None)
    return title.strip(" ."), {"authors": tuple(authors), "authors_truncated": truncated, "venue": venue,
                              "stated_year": year}


def _parts(head: str) -> tuple[str, str]:
    """The description and the container (`Title / Authors // Journal`)."""
    parts = _CONTAINER.split(head, maxsplit=1)
    return parts[0].strip(), parts[1].strip() if len(parts) > 1 else ""
