"""What each curated YAML file may hold: types, required keys, id syntax and uniqueness.

A schema is built from a few small checkers; `check` walks a loaded document and raises one
InputError naming the file and the line of the first value that does not fit. YAML 1.1 reads
`0x10` as 16, `no` as False and `2026-11-23` as a date, so texts must be texts: a value that YAML
read as something else is an error, never silently turned into a string.

Adding a key a file may hold is one line in its `Record` below.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from atlas.build.errors import InputError

ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
LANGUAGE_TAG = r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*"


class Schema:
    """Checks one value; `line` is where it stands in the file."""

    def check(self, value: Any, path: Path, line: int | None = None) -> None:
        if value is None and isinstance(self, Record) and not self.required:
            return  # an empty file of optional curation
        self.validate(value, path, getattr(value, "line", None) or line or 1, "the file")

    def validate(self, value: Any, path: Path, line: int, what: str) -> None:
        raise NotImplementedError


def _describe(value: Any) -> str:
    kinds = {str: "text", bool: "true/false", int: "a number", float: "a number", date: "a date",
             list: "a list", dict: "a mapping", type(None): "empty", bytes: "binary data"}
    for kind, name in kinds.items():
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _shown(value: Any) -> str:
    """A value as a message quotes it: a hostile 100,000-character line is not repeated whole."""
    text = str(value)
    return text if len(text) <= 60 else text[:60] + "…"


class Text(Schema):
    """A non-empty string, optionally matching a pattern (an id, a language tag)."""

    def __init__(self, pattern: str | None = None, meaning: str = "") -> None:
        self.pattern = re.compile(pattern) if pattern else None
        self.meaning = meaning

    def validate(self, value, path, line, what):
        if not isinstance(value, str):
            quoted = isinstance(value, int | float | bool | date)
            hint = "; put it in quotes to keep it as written" if quoted else ""
            raise InputError(path, f"{what} must be text, not {_describe(value)}{hint}", line)
        if not value.strip():
            raise InputError(path, f"{what} is empty", line)
        if self.pattern and not self.pattern.fullmatch(value):
            meaning = self.meaning or self.pattern.pattern
            raise InputError(path, f"{what} '{_shown(value)}' must be {meaning}", line)


class Integer(Schema):
    def validate(self, value, path, line, what):
        if not isinstance(value, int) or isinstance(value, bool):
            raise InputError(path, f"{what} must be a whole number, not {_describe(value)}", line)


class Boolean(Schema):
    def validate(self, value, path, line, what):
        if not isinstance(value, bool):
            raise InputError(path, f"{what} must be true or false, not {_describe(value)}", line)


class Day(Schema):
    def validate(self, value, path, line, what):
        if not isinstance(value, date):
            raise InputError(path, f"{what} must be a date (YYYY-MM-DD), not {_describe(value)}", line)


class ListOf(Schema):
    """A list of items of one schema; `unique` names the key (or "" for the item itself) that no
    two items may share."""

    def __init__(self, item: Schema, unique: str | None = None) -> None:
        self.item = item
        self.unique = unique

    def validate(self, value, path, line, what):
        if not isinstance(value, list):
            raise InputError(path, f"{what} must be a list, not {_describe(value)}", line)
        seen: set = set()
        for index, item in enumerate(value):
            item_line = value.line_of(index) if hasattr(value, "line_of") else line
            self.item.validate(item, path, item_line, f"item {index + 1} of {what}")
            if self.unique is None:
                continue
            key = item.get(self.unique) if self.unique else item
            if key in seen:
                message = f"duplicate {self.unique or 'item'} '{_shown(key)}' in {what}"
                raise InputError(path, message, item_line)
            seen.add(key)


class MapOf(Schema):
    """A mapping whose keys and values each follow one schema (language → text, name → name)."""

    def __init__(self, key: Schema, value: Schema) -> None:
        self.key = key
        self.value = value

    def validate(self, value, path, line, what):
        if not isinstance(value, dict):
            raise InputError(path, f"{what} must be a mapping, not {_describe(value)}", line)
        for key, item in value.items():
            key_line = value.line_of(key) if hasattr(value, "line_of") else line
            self.key.validate(key, path, key_line, f"a key of {what}")
            self.value.validate(item, path, key_line, f"{what} '{key}'")


class Pair(Schema):
    """A two-item list such as [colt, 2016]."""

    def __init__(self, first: Schema, second: Schema) -> None:
        self.parts = (first, second)

    def validate(self, value, path, line, what):
        if not isinstance(value, list) or len(value) != 2:
            raise InputError(path, f"{what} must be a list of two values", line)
        for part, item in zip(self.parts, value, strict=True):
            part.validate(item, path, line, f"a value of {what}")


class Record(Schema):
    """A mapping with known keys, each with its schema; `required` keys must be present."""

    def __init__(self, required: tuple[str, ...] = (), **fields: Schema) -> None:
        self.fields = fields
        self.required = required

    def validate(self, value, path, line, what):
        if not isinstance(value, dict):
            raise InputError(path, f"{what} must be a mapping, not {_describe(value)}", line)
        line = getattr(value, "line", None) or line
        for key in self.required:
            if value.get(key) is None:
                raise InputError(path, f"missing '{key}' in {what}", line)
        for key, item in value.items():
            key_line = value.line_of(key) if hasattr(value, "line_of") else line
            if key not in self.fields:
                known = ", ".join(self.fields)
                raise InputError(path, f"unknown key '{_shown(key)}' in {what} (known: {known})", key_line)
            if item is None and key not in self.required:
                continue  # `key:` with nothing after it is the same as leaving it out
            self.fields[key].validate(item, path, key_line, f"'{key}'")


ANY_ID = Text(ID, "a lowercase id: letters, digits and single hyphens")
LABEL = MapOf(Text(LANGUAGE_TAG, "a language tag such as en or zh"), Text())
LABELS = MapOf(Text(LANGUAGE_TAG, "a language tag such as en or zh"), ListOf(Text()))
IDS = ListOf(ANY_ID, unique="")
TEXTS = ListOf(Text())

SOURCES = Record(
    ("sources",),
    sources=ListOf(
        Record(
            ("id", "title", "file"),  # no `format`: the `auto` reader
            id=ANY_ID,
            title=Text(),
            file=Text(),
            format=Text(),
            origin=Text(),
            license=Text(),
            upstream=Record(  # issue-14: where the list comes from, for `build.py --update`
                ("url",),
                url=Text(r"\S+", "a git repository (URL or path) or an http(s) address, without spaces"),
                path=Text(),
                revision=Text(),
                sha256=Text(r"[0-9a-f]{64}", "64 lowercase hexadecimal digits"),
            ),
        ),
        unique="id",
    ),
)

VENUES = Record(
    ("venues",),
    venues=ListOf(
        Record(
            ("id", "name", "full_name", "kind"),
            id=ANY_ID,
            name=Text(),
            full_name=Text(),
            kind=Text(),
            aliases=TEXTS,
        ),
        unique="id",
    ),
    arxiv_venue=ANY_ID,
    publishers=TEXTS,
    link_venues=ListOf(
        Record(
            ("pattern",),
            pattern=Text(),
            venue=ANY_ID,
            year_of_volume_zero=Integer(),
            volumes=MapOf(Integer(), Pair(ANY_ID, Integer())),
        )
    ),
)

PEOPLE = Record(
    aliases=MapOf(Text(), Text()),
    compound_surnames=ListOf(Text(), unique=""),
    authorship=ListOf(  # issue-10b: who a name written with initials is on one paper
        Record(("paper", "position", "written", "name"),
               paper=Text(), position=Integer(), written=Text(), name=Text(), reason=Text())
    ),
)

MERGES = Record(
    same=ListOf(TEXTS),
    different=ListOf(TEXTS),
)

SCHEME = Record(
    ("base_iri", "prefix", "title", "creator", "license", "version", "created", "modified"),
    base_iri=Text(r"https?://\S+/", "an http(s) IRI ending in /"),
    prefix=Text(r"[A-Za-z][A-Za-z0-9_-]*", "a prefix name"),
    title=LABEL,
    description=LABEL,
    creator=Text(),
    license=Text(),
    version=Text(),
    created=Day(),
    modified=Day(),
)

CONCEPTS = Record(
    ("concepts",),
    concepts=ListOf(
        Record(
            ("id", "prefLabel"),
            id=ANY_ID,
            top=Boolean(),
            broader=IDS,
            prefLabel=LABEL,
            altLabels=LABELS,
            hiddenLabels=LABELS,
            definition=LABEL,
            scopeNote=LABEL,
            related=IDS,
            deprecated=Boolean(),
            replacedBy=ANY_ID,
        ),
        unique="id",
    ),
)


def _terms(text_key: str) -> ListOf:
    """A list's headings, labels or key words, each mapped onto our topics or said to be none."""
    return ListOf(
        Record(
            (text_key,),
            **{text_key: Text()},
            broader=Text(),
            exactMatch=IDS,
            closeMatch=IDS,
            broadMatch=IDS,
            narrowMatch=IDS,
            relatedMatch=IDS,
            not_a_topic=Text(),
            fallback=Boolean(),  # issue-7: the topic only for papers nothing else classifies
        )
    )


SOURCE_SCHEME = Record(
    ("source", "title"),
    source=ANY_ID,
    title=LABEL,
    keywords_title=LABEL,
    structural=TEXTS,
    headings=_terms("heading"),
    lectures=_terms("heading"),
    labels=_terms("label"),
    keywords=_terms("keyword"),
)

_TITLED_TOPICS = ListOf(Record(("title", "topics"), title=Text(), topics=IDS))

MANUAL = Record(assignments=_TITLED_TOPICS)

NEVER = Record(never=_TITLED_TOPICS)

READINGS = Record(
    ("read_against", "readings"),
    read_against=IDS,
    readings=ListOf(
        Record(("title", "topics", "note"), paper_id=ANY_ID, title=Text(), topics=IDS, note=Text()),
        unique="title",
    ),
)

TEXT_MATCHING = Record(
    safe_words=TEXTS,
    title_words=TEXTS,
    unsafe=TEXTS,
    title_only=TEXTS,
)

RETIRED_IDS = Record(
    ("retired",),
    retired=ListOf(
        Record(("kind", "id", "reason"), kind=Text(), id=ANY_ID, replaced_by=ANY_ID, reason=Text())
    ),
)

EMPTY_CONCEPTS = Record(("empty",), empty=MapOf(ANY_ID, Text()))
