"""The plain data that flows between the pipeline's stages."""

from __future__ import annotations

import copyreg
from dataclasses import MISSING, dataclass, fields
from operator import attrgetter
from pathlib import Path


@dataclass(frozen=True)
class Source:
    """One paper list as described in the manifest."""

    id: str
    title: str
    file: str
    format: str
    origin: str = ""
    license: str = ""
    sha256: str = ""
    upstream: Upstream | None = None


@dataclass(frozen=True)
class Upstream:
    """Where a vendored list comes from: a git repository and the file's path in it, or (no
    path) an http(s) address of the file; the revision and checksum of the copy we hold."""

    url: str
    path: str = ""
    revision: str = ""  # a commit (git); an ETag, Last-Modified or checksum (http); "" when unknown
    sha256: str = ""  # of the file as fetched at `revision`

    @property
    def is_git(self) -> bool:
        return bool(self.path)


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    kind: str  # pdf, paper, code, slides or other


@dataclass(frozen=True, slots=True)
class Entry:
    """One list item of one source, and what it claims.

    Every item becomes an Entry, so nothing in a list is lost: papers, notes and labels,
    items that are something else (`other`) and items no parser understood (`rejected`).
    """

    source_id: str
    line: int
    section: tuple[str, ...]
    kind: str  # paper, note, label, other, rejected
    raw: str
    reason: str = ""  # why an item is not a paper (kinds other and rejected)
    warning: str = ""  # for a paper: the part the list's style expects but the item lacks
    hidden: bool = False
    title: str = ""
    authors: tuple[str, ...] = ()
    authors_truncated: bool = False
    venue: str = ""  # the venue as written
    year: int | None = None  # publication year after the precedence rule
    stated_year: int | None = None  # the year the entry states outside its venue
    links: tuple[Link, ...] = ()
    keywords: tuple[str, ...] = ()
    digest: str = ""
    arxiv_id: str = ""
    doi: str = ""
    parent_line: int | None = None  # for notes and details: the entry they belong to
    label: str = ""  # the category label grouping this entry, if any
    venue_id: str = ""
    paper_id: str = ""
    item: int = 0  # 0 for the first item of its line, 1 for an item nested on the same line…
    parent_item: int = 0  # the `item` of the entry at parent_line

    @property
    def ref(self) -> EntryRef:
        """What identifies an entry: two items can share a line (`* * **Title**`)."""
        return (self.source_id, self.line, self.item)

    @property
    def parent_ref(self) -> EntryRef | None:
        return (self.source_id, self.parent_line, self.parent_item) if self.parent_line else None


EntryRef = tuple[str, int, int]  # (source_id, line, item) of an entry
_ENTRY_FIELDS = tuple(field.name for field in fields(Entry))
_ENTRY_VALUES = attrgetter(*_ENTRY_FIELDS)
_ENTRY_POSITION = {name: position for position, name in enumerate(_ENTRY_FIELDS)}


def positional_constructor(record_class: type, name: str):
    """A function making a frozen, slotted record from all its field values in order, as its
    __init__ does but in about half the time: __init__ sets each field through
    `object.__setattr__` (frozen forbids plain assignment), which looks the slot up again for each
    field of each record; this calls each slot's setter directly. Made from the class's fields,
    as dataclasses makes __init__; for records with no __post_init__ (nothing else to run)."""
    names = [field.name for field in fields(record_class)]
    # The function's own names start with "__", which no field's does, so none hides a field.
    assert not hasattr(record_class, "__post_init__") and not any(n.startswith("__") for n in names)
    scope = {"__new": object.__new__, "__class": record_class}
    scope.update({f"__set_{at}": getattr(record_class, field).__set__ for at, field in enumerate(names)})
    lines = [f"def {name}({', '.join(names)}):", "    __made = __new(__class)"]
    lines += [f"    __set_{at}(__made, {field})" for at, field in enumerate(names)]
    exec("\n".join([*lines, "    return __made"]), scope)  # noqa: S102 (text made above, from field names)
    function = scope[name]
    function.__module__ = record_class.__module__
    function.__doc__ = f"A {record_class.__name__} from its field values in order."
    return function


def pickled_by_fields(record_class: type, constructor=None) -> None:
    """Pickle a slotted dataclass as its class (or `constructor`) and field values: the default
    state of one calls dataclasses.fields() per object, which was most of the cost of bringing
    entries back from the parse workers; then Entry's own __init__ was most of what was left."""
    values = attrgetter(*(field.name for field in fields(record_class)))
    constructor = constructor or record_class
    copyreg.pickle(record_class, lambda record: (constructor, values(record)))


# Rebuilt from its values: each entry brought back from a parse worker, and in entry_with.
entry_of_values = positional_constructor(Entry, "entry_of_values")


_ENTRY_DEFAULTS = tuple(field.default for field in fields(Entry))
_ENTRY_REQUIRED = tuple(position for position, value in enumerate(_ENTRY_DEFAULTS) if value is MISSING)


def new_entry(**values) -> Entry:
    """Entry(**values), at the cost of entry_of_values: every list item of every list makes one."""
    row = list(_ENTRY_DEFAULTS)
    for name, value in values.items():
        if name not in _ENTRY_POSITION:
            raise TypeError(f"Entry has no field '{name}'")
        row[_ENTRY_POSITION[name]] = value
    for position in _ENTRY_REQUIRED:
        if row[position] is MISSING:
            raise TypeError(f"Entry needs '{_ENTRY_FIELDS[position]}'")
    return entry_of_values(*row)


def entry_with(entry: Entry, **changes) -> Entry:
    """dataclasses.replace for an Entry, several times as fast: the build sets a venue id and a
    paper id on every paper entry (Entry has no __post_init__ for replace to run)."""
    values = list(_ENTRY_VALUES(entry))
    for name, value in changes.items():
        values[_ENTRY_POSITION[name]] = value
    return entry_of_values(*values)


@dataclass(frozen=True)
class SourceText:
    """A list's markdown with comments revealed, and which 1-based lines were hidden."""

    source: Source
    path: Path
    original: str
    markdown: str
    hidden_lines: frozenset[int]
