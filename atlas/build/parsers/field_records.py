"""Records of fields in a list's text: papers written as data rather than as lines of prose.

A list may give each paper as a record of named fields instead of a line: YAML, JSON or TOML
data (a front matter, a fenced block, JSON lines, a JSON file; CSL references too), a CSV or TSV
block with a header, org-mode headlines with a `:PROPERTIES:` drawer, Hugo or Jekyll shortcodes
and MDX components with `key="value"` arguments, Zotero (mdnotes) notes whose `# Title` heading is
followed by `* Field: value` bullets, BibTeX entries and RIS records (fenced or not), and blocks of
`Title: …` / `Authors: …` lines. This module only finds them and their fields, with the line of
each field; atlas/build/parsers/record_reader.py says what a record claims. A region read as
records is read no other way: the markdown walk sees its lines blank
(atlas/build/parsers/markdown_tree.py), and the region's lines no record holds are one record
without fields, so that every line stays in an entry (atlas/build/parsers/record_regions.py).

Only what holds a title field is a record, so a front matter of page settings stays what it was.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

# What names a record's title, in every structure (`title:`, `name:`, `:TITLE:`, `Paper:`).
TITLE_KEYS = ("title", "paper title", "paper_title", "paper", "name")
# The keys a `Field: value` block or a Zotero note must use beyond its title for its lines to be
# read as a record's fields: those of a reference (a line of prose has a colon too).
_FIELD_KEYS = re.compile(
    r"^(?:authors?|by|creators?|speakers?|presenters?|venue|conference|journal|booktitle|"
    r"proceedings(?: title)?|publication(?: title)?|published(?: in| at)?|repository|year|date|"
    r"url|link|links|pdf|arxiv|doi|code|item ?type|type|kind|category|tags?|notes?|abstract|"
    r"cite ?key|volume|issue|pages|extra|blog title|meeting name|website title)$",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"^(?:<?https?://|\[[^\]]*\]\(https?://|\[\[https?://)\S*$")
_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<mark>`{3,}|~{3,})\s*(?P<info>[\w+-]*)")
_DATA_FENCES = {"yaml", "yml", "json", "jsonl", "ndjson", "json5", "geojson"}
_TABLE_FENCES = {"csv": ",", "tsv": "\t"}
_TOML_TABLE = re.compile(r"^\s*\[\[?\s*(?P<name>[\w.\"' -]+?)\s*\]\]?\s*(?:#.*)?$")
_ORG_HEADLINE = re.compile(
    r"^(?P<stars>\*+)\s+(?:(?P<task>TODO|DONE|NEXT|WAITING|HOLD|CANCEL+ED|READ|READING|LATER|NOW)\s+)?"
    r"(?:\[#[A-Z0-9]\]\s+)?(?P<title>.*?)(?:\s+(?P<tags>:[\w@#%:]+:))?\s*$")
_ORG_PROPERTY = re.compile(r"^\s*:(?P<key>[\w-]+?)(?:\+)?:(?:\s+(?P<value>.*?))?\s*$")
_ORG_PLANNING = re.compile(r"^\s*(?:SCHEDULED|DEADLINE|CLOSED):")
# `{{< paper`, `{{% paper`, `{% include paper.html`, `{% paper`, and an MDX/JSX component `<Paper`;
# a bullet may come first (`- {{< paper … >}}`).
_SHORTCODE_OPEN = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\{\{[<%]\s*(?P<hugo>[A-Za-z][\w-]*)|"
    r"\{%-?\s*(?:include\s+(?P<include>[\w./-]+)|(?P<liquid>[A-Za-z][\w-]*))|<(?P<jsx>[A-Z][\w.]*)(?=\s|/?>|$))")
_SHORTCODE_CLOSE = {"hugo": re.compile(r"[>%]\}\}\s*$"), "include": re.compile(r"-?%\}\s*$"),
                    "liquid": re.compile(r"-?%\}\s*$"), "jsx": re.compile(r"(?<![=-])/?>\s*$")}
_ARGUMENT = re.compile(
    r"""(?P<key>[A-Za-z][\w-]*)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|\{(?P<braced>[^{}]*)\}|"""
    r"""(?P<bare>[^\s"'>%}/]+))""")
# `Title: …`, `- Title: …`, `**Title:** …`, `**Title**: …`
_KEY_VALUE = re.compile(
    r"^\s*(?:>\s?)*(?:[-*+]\s+)?(?:\*\*|__)?(?P<key>[A-Za-z][\w ()/.-]{0,28}?)\s*"
    r"(?:(?:\*\*|__)\s*:|:(?:\*\*|__)?)\s+(?P<value>\S.*?)\s*$")
_MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
_BULLET_FIELD = re.compile(
    r"^\s*[-*+]\s+(?:\*\*|__)?(?P<key>[A-Za-z][\w ]{0,28}?)\s*(?:(?:\*\*|__)\s*:|:(?:\*\*|__)?)"
    r"\s*(?P<value>.*?)\s*$")
_METADATA_HEADING = re.compile(r"^#{1,6}\s+Metadata\s*$", re.IGNORECASE)
_WIKI_LINK = re.compile(r"\[\[(?P<page>[^\[\]\n]+)\]\]")
_BIBTEX_OPEN = re.compile(r"^\s*@(?P<type>[A-Za-z]+)\s*[{(]\s*(?P<key>[^,\s{}()]*)\s*,")
# `@string{name = {text}}` names no key: its fields are macros
_BIBTEX_STRING = re.compile(r"^\s*@(?P<type>string)\s*[{(]\s*", re.IGNORECASE)
_BIBTEX_FIELD = re.compile(r"(?P<key>[A-Za-z][\w:-]*)\s*=\s*")
_IDENTIFYING_KEYS = {"authors", "author", "date", "url", "doi"}
_LONGEST_RECORD = 200  # lines: no record of any of these structures runs longer
# RIS: `TY  - JOUR` … `ER  -`, a tag and a value a line; each tag as the field it names.
_RIS_LINE = re.compile(r"^\s*(?P<tag>[A-Z][A-Z0-9])  -(?: (?P<value>.*?))?\s*$")
_RIS_FIELDS = {
    "TY": "type", "TI": "title", "T1": "title", "CT": "title", "AU": "authors", "A1": "authors",
    "T2": "venue", "JF": "journal", "JO": "journal", "JA": "journal", "J2": "journal", "BT": "booktitle",
    "PY": "year", "Y1": "year", "DA": "date", "UR": "url", "L1": "pdf", "DO": "doi", "PB": "publisher",
    "N1": "notes", "AB": "abstract", "KW": "keywords",
}


Leaf = tuple[str, tuple[str, ...], int]  # a nested value's key, values and line


@dataclass(frozen=True, slots=True)
class Field:
    key: str  # lower case, as written otherwise (`item type`, `proceedings title`)
    values: tuple[str, ...]  # a list's items, or one value
    line: int  # 0-based


@dataclass(frozen=True, slots=True)
class Record:
    """One record of fields: the lines it spans, its fields, the notes written under it."""

    start: int  # 0-based first line
    end: int  # 0-based line after its last
    fields: tuple[Field, ...]
    structure: str  # yaml, json, org, shortcode, zotero, bibtex, fields
    notes: str = ""

    @property
    def title_line(self) -> int:
        lines = (field.line for key in TITLE_KEYS for field in self.fields
                 if field.key == key and field.values and is_title(key, field.values[0]))
        return next(lines, self.start)


@dataclass(frozen=True, slots=True)
class Region:
    """Lines read as records (a fence, a front matter, an org entry), and the records in them."""

    start: int
    end: int
    records: tuple[Record, ...]


def with_rest(region: Region, lines: list[str]) -> Region:
    """The region, with the text of its lines no record holds (a front matter's own settings, a
    fenced block's `papers:` key) as one record without fields before and after its records, so
    that every line stays in some entry."""
    records = list(region.records)
    head = (region.start, records[0].start)
    tail = (max(record.end for record in records), region.end)
    for start, end in (head, tail):
        if any(re.search(r"\w", line) and not _FENCE.match(line) for line in lines[start:end]):
            records.append(Record(start, end, (), records[0].structure))
    return Region(region.start, region.end, tuple(sorted(records, key=lambda record: record.start)))




def paragraphs(lines: list[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of non-blank lines, in order."""
    at = 0
    while at < len(lines):
        if not lines[at].strip():
            at += 1
            continue
        end = at
        while end < len(lines) and lines[end].strip():
            end += 1
        yield at, end
        at = end


def has_title(fields: list[Field]) -> bool:
    return any(is_title(field.key, field.values[0]) for field in fields if field.values)


def is_title(key: str, value: str) -> bool:
    """A title key with a title, not an address (`paper: https://arxiv.org/abs/…` is a link)."""
    return key in TITLE_KEYS and bool(value.strip()) and not _ADDRESS.match(value.strip())


# --- YAML and JSON ------------------------------------------------------------------------------


def _fenced_and_front_matter(lines: list[str]) -> list[Region]:
    regions = []
    text = "\n".join(lines).strip()
    if text[:1] in ("[", "{") and text[-1:] in ("]", "}"):  # a JSON data file
        return [Region(0, len(lines), _yaml_records(lines, 0, "json"))]
    if lines and lines[0].strip() == "---":
        end = next((at for at in range(1, len(lines)) if lines[at].strip() in ("---", "...")), None)
        if end is not None:
            regions.append(Region(0, end + 1, _yaml_records(lines[1:end], 1, "yaml")))
    if lines and lines[0].strip() == "+++":  # Hugo's TOML front matter
        end = next((at for at in range(1, len(lines)) if lines[at].strip() == "+++"), None)
        if end is not None:
            regions.append(Region(0, end + 1, _toml_records(lines[1:end], 1)))
    for start, end, info in _fences(lines):
        body, last = lines[start + 1:end], min(end + 1, len(lines))
        if info == "toml":
            regions.append(Region(start, last, _toml_records(body, start + 1)))
        elif info in _TABLE_FENCES:
            regions.append(Region(start, last, _table_records(body, start + 1, _TABLE_FENCES[info])))
        elif info in _DATA_FENCES:
            records = _json_line_records(body, start + 1) if info in ("jsonl", "ndjson") else ()
            records = records or _yaml_records(body, start + 1, "json" if info.startswith("json") else "yaml")
            regions.append(Region(start, last, records))
    return regions


def _fences(lines: list[str]) -> list[tuple[int, int, str]]:
    """(opening line, closing line, info word) of each fenced code block."""
    found, at = [], 0
    while at < len(lines):
        opening = _FENCE.match(lines[at])
        if not opening:
            at += 1
            continue
        mark = opening["mark"]
        closing = (end for end in range(at + 1, len(lines))
                   if lines[end].strip().startswith(mark) and not lines[end].strip(mark[0] + " "))
        close = next(closing, len(lines))
        found.append((at, close, opening["info"].lower()))
        at = close + 1
    return found


def _yaml_records(body: list[str], first: int, structure: str) -> tuple[Record, ...]:
    """The mappings with a title of the sequences of a YAML (or JSON) text; not those nested in
    a record (`links:` of a paper), nor a top-level mapping (a page's own settings)."""
    try:
        root = yaml.compose("\n".join(body), Loader=yaml.SafeLoader)
        return _sequence_records(root, first, structure) if root is not None else ()
    except (yaml.YAMLError, RecursionError):
        return ()


def _sequence_records(root: yaml.Node, first: int, structure: str) -> tuple[Record, ...]:
    """Each node is read once: an alias (`*a`) names a node read already, so a text of aliases of
    aliases (a "billion laughs") costs no more than its length."""
    records: list[Record] = []
    pending, seen = [root], set()
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            pending.extend(value for _, value in reversed(node.value))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                fields = _node_fields(item, first, seen) if isinstance(item, yaml.MappingNode) else []
                if has_title(fields):
                    records.append(Record(first + item.start_mark.line, first + _last_line(item) + 1,
                                          tuple(fields), structure))
                else:
                    pending.append(item)
    return tuple(sorted(records, key=lambda record: record.start))


def _toml_records(body: list[str], first: int) -> tuple[Record, ...]:
    """TOML's arrays of tables (`[[papers]]` then `title = "…"`, `authors = […]`): each table with
    a title a record, each key at its line."""
    heads = [at for at, line in enumerate(body) if _TOML_TABLE.match(line)]
    records = []
    for head, end in zip(heads, [*heads[1:], len(body)], strict=False):
        if not body[head].strip().startswith("[["):
            continue
        try:
            table = tomllib.loads("\n".join(body[head + 1:end]))
        except (tomllib.TOMLDecodeError, RecursionError):
            continue
        fields = [Field(key.lower(), _toml_values(value), first + _key_line(body, head + 1, end, key))
                  for key, value in table.items() if _toml_values(value)]
        while end > head + 1 and not body[end - 1].strip():
            end -= 1
        if has_title(fields):
            records.append(Record(first + head, first + end, tuple(fields), "toml"))
    return tuple(records)


def _toml_values(value: object) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(item) for item in value if not isinstance(item, dict | list))
    if isinstance(value, dict):
        return ()
    return (str(value).lower() if isinstance(value, bool) else str(value),)


def _key_line(body: list[str], start: int, end: int, key: str) -> int:
    written = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    return next((at for at in range(start, end) if written.match(body[at])), start)


def _table_records(body: list[str], first: int, delimiter: str) -> tuple[Record, ...]:
    """A CSV (or TSV) block whose header names a title column: each row a record from its first
    line to its last (a quoted cell, such as a note, may run over several lines)."""
    rows, reader, at = [], csv.reader(body, delimiter=delimiter), 0
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((at, reader.line_num, row))
            at = reader.line_num
    except csv.Error:
        return ()
    if len(rows) < 2:
        return ()
    header = [cell.strip().lower() for cell in rows[0][2]]
    records = []
    for at, end, row in rows[1:]:
        fields = [Field(key, tuple(cell.strip() for cell in [value]), first + at)
                  for key, value in zip(header, row, strict=False) if key and value.strip()]
        if has_title(fields):
            records.append(Record(first + at, first + end, tuple(fields), "table"))
    return tuple(records)


def _json_line_records(body: list[str], first: int) -> tuple[Record, ...]:
    """JSON lines: each line an object, each object with a title a record."""
    records = []
    for at, line in enumerate(body):
        if not line.strip().startswith("{"):
            continue
        try:
            node = yaml.compose(line, Loader=yaml.SafeLoader)
        except (yaml.YAMLError, RecursionError):
            continue
        fields = _node_fields(node, first + at, set()) if isinstance(node, yaml.MappingNode) else []
        if has_title(fields):
            records.append(Record(first + at, first + at + 1, tuple(fields), "json"))
    return tuple(records)


def _json_lines(lines: list[str]) -> list[Region]:
    """JSON objects on lines of their own outside a fence: each line with a title a record."""
    regions = []
    for at, line in enumerate(lines):
        text = line.strip()
        if text.startswith("{") and text.endswith("}") and ('"title"' in text or '"name"' in text):
            regions.append(Region(at, at + 1, _json_line_records([line], at)))
    return regions


def _node_fields(mapping: yaml.MappingNode, first: int, seen: set[int]) -> list[Field]:
    """A mapping's fields: scalars as they are written (an unquoted `1611.01232` stays that
    text), lists as their items; a nested mapping's scalars as `key.inner` fields."""
    fields = []
    for key, value in mapping.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        name = str(key.value).strip().lower()
        line = first + key.start_mark.line
        if isinstance(value, yaml.ScalarNode):
            fields.append(Field(name, (str(value.value),), line))
        elif _scalars(value):
            fields.append(Field(name, tuple(str(item.value) for item in value.value), line))
        elif names := _person_names(value):
            fields.append(Field(name, names, line))
        else:
            fields += [Field(f"{name}.{inner}", values, at)
                       for inner, values, at in _leaves(value, first, seen)]
    return fields


def _person_names(node: yaml.Node) -> tuple[str, ...]:
    """CSL's names: `- {family: Bruna, given: Joan}`, `- literal: OpenAI`, `- name: …`."""
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        return ()
    names = []
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            return ()
        parts = {str(key.value).lower(): str(value.value) for key, value in item.value
                 if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)}
        written = (parts.get("given"), parts.get("non-dropping-particle"), parts.get("family"))
        name = parts.get("literal") or parts.get("name") or " ".join(part for part in written if part)
        if not name:
            return ()
        names.append(name)
    return tuple(names)


def _scalars(node: yaml.Node) -> bool:
    """A list of plain values (`authors: [A, B]`), not of mappings."""
    if not isinstance(node, yaml.SequenceNode):
        return False
    return all(isinstance(item, yaml.ScalarNode) for item in node.value)


def _leaves(node: yaml.Node, first: int, seen: set[int], key: str = "") -> list[Leaf]:
    """The scalars under a nested value, each named by the key right above it; a node aliased
    twice is read once."""
    if id(node) in seen:
        return []
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return [(key, (str(node.value),), first + node.start_mark.line)]
    if isinstance(node, yaml.SequenceNode):
        return [leaf for item in node.value for leaf in _leaves(item, first, seen, key)]
    if isinstance(node, yaml.MappingNode):
        return [leaf for inner, value in node.value if isinstance(inner, yaml.ScalarNode)
                for leaf in _leaves(value, first, seen, str(inner.value).lower())]
    return []


def _last_line(node: yaml.Node) -> int:
    """The 0-based last line holding the node's text (its end mark may sit on the next line)."""
    end = node.end_mark
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


# --- org-mode -----------------------------------------------------------------------------------


def _org_entries(lines: list[str]) -> list[Region]:
    """`** DONE [#A] Title :tag:` followed by a `:PROPERTIES:` drawer (after planning lines): the
    headline is the title, each `:KEY: value` a field, the text up to the next headline its notes."""
    regions = []
    heads = [at for at, line in enumerate(lines) if line.startswith("*") and _ORG_HEADLINE.match(line)]
    for head, following in zip(heads, [*heads[1:], len(lines)], strict=False):
        drawer = head + 1
        while drawer < following and (_ORG_PLANNING.match(lines[drawer]) or not lines[drawer].strip()):
            drawer += 1
        if drawer >= following or lines[drawer].strip().upper() != ":PROPERTIES:":
            continue
        close = next((at for at in range(drawer + 1, following) if lines[at].strip().upper() == ":END:"),
                     None)
        if close is None:
            continue
        headline = _ORG_HEADLINE.match(lines[head])
        fields = [Field("title", (headline["title"],), head)]
        if headline["task"]:
            fields.append(Field("task", (headline["task"],), head))
        if headline["tags"]:
            fields.append(Field("tags", tuple(tag for tag in headline["tags"].split(":") if tag), head))
        for at in range(drawer + 1, close):
            if found := _ORG_PROPERTY.match(lines[at]):
                fields.append(Field(found["key"].lower(), ((found["value"] or "").strip(),), at))
        end = following
        while end > close + 1 and not lines[end - 1].strip():
            end -= 1
        notes = " ".join(line.strip() for line in lines[close + 1:end] if line.strip())
        record = Record(head, end, tuple(fields), "org", notes)
        regions.append(Region(head, end, (record,) if has_title(fields) else ()))
    return regions


# --- shortcodes ---------------------------------------------------------------------------------


def _shortcodes(lines: list[str]) -> list[Region]:
    """`{{< paper title="…" authors="…" >}}` on a line or over several, `{{% … %}}`, Jekyll's
    `{% include paper.html title="…" %}`, an MDX component `<Paper title="…" year={2019} />`: its
    arguments are the fields, its name the kind; a paired one's inner text is its notes. An
    escaped shortcode (`{{</* … */>}}`) is none."""
    regions, at = [], 0
    while at < len(lines):
        opening = _SHORTCODE_OPEN.match(lines[at])
        if not opening:
            at += 1
            continue
        style = next(name for name in ("hugo", "include", "liquid", "jsx") if opening[name])
        end = next((close for close in range(at, min(at + _LONGEST_RECORD, len(lines)))
                    if _SHORTCODE_CLOSE[style].search(lines[close])), None)
        if end is None:
            at += 1
            continue
        name = opening[style].split("/")[-1].split(".")[0] if style == "include" else opening[style]
        fields = [Field("shortcode", (name.lower(),), at)]
        for line in range(at, end + 1):
            text = lines[line][opening.end():] if line == at else lines[line]
            fields += [Field(found["key"].lower(), _argument_values(found), line)
                       for found in _ARGUMENT.finditer(text)]
        last, notes = end + 1, ""
        paired = style in ("hugo", "jsx") and not lines[end].rstrip().endswith("/>")
        if paired and (close := _paired_close(lines, end + 1, opening[style], style)) is not None:
            notes = " ".join(line.strip() for line in lines[end + 1:close] if line.strip())
            last = close + 1
        record = Record(at, last, tuple(fields), "shortcode", notes)
        regions.append(Region(at, last, (record,) if has_title(fields) else ()))
        at = last
    return regions


def _argument_values(found: re.Match) -> tuple[str, ...]:
    """`key="value"`, `key='value'`, `key=value`; a JSX expression `{2019}`, `{["A", "B"]}`."""
    if found["braced"] is not None:
        try:
            value = json.loads(found["braced"])
        except ValueError:
            return (found["braced"].strip(),)
        return tuple(str(item) for item in value) if isinstance(value, list) else (str(value),)
    written = (found["double"], found["single"], found["bare"], "")
    return (next(value for value in written if value is not None),)


def _paired_close(lines: list[str], start: int, name: str, style: str) -> int | None:
    closing = re.compile(r"^\s*\{\{[<%]\s*/\s*" + re.escape(name) + r"\s*[>%]\}\}\s*$" if style == "hugo"
                         else r"^\s*</" + re.escape(name) + r"\s*>\s*$")
    for at in range(start, min(start + _LONGEST_RECORD, len(lines))):
        if closing.match(lines[at]):
            return at
        if _SHORTCODE_OPEN.match(lines[at]) or _MD_HEADING.match(lines[at]):
            return None
    return None


# --- Zotero notes -------------------------------------------------------------------------------


def _zotero_notes(lines: list[str]) -> list[Region]:
    """`# Title`, then (past blank lines and a `## Metadata` heading) a list of `* Field: value`
    bullets: one naming the item's type, or three or more a reference's fields, one of them its
    authors, date or address."""
    regions = []
    for at, line in enumerate(lines):
        heading = _MD_HEADING.match(line)
        if not heading:
            continue
        start = at + 1
        while start < len(lines) and (not lines[start].strip() or _METADATA_HEADING.match(lines[start])):
            start += 1
        end, fields = start, [Field("title", (heading["title"],), at)]
        while end < len(lines) and (found := _BULLET_FIELD.match(lines[end])):
            fields.append(Field(found["key"].strip().lower(), _wiki_values(found["value"]), end))
            end += 1
        while end < len(lines) and lines[end].startswith((" ", "\t")) and lines[end].strip():
            end += 1  # `* PDF Attachments` and the links indented under it
        keys = {field.key for field in fields[1:]}
        known = sum(bool(_FIELD_KEYS.match(key)) for key in keys)
        # two fields under a heading (`- Authors: …`, `- Link: …`) are a paper heading's notes
        if keys & {"item type", "itemtype"} or (known >= 3 and keys & _IDENTIFYING_KEYS):
            regions.append(Region(at, end, (Record(at, end, tuple(fields), "zotero"),)))
    return regions


def _wiki_values(value: str) -> tuple[str, ...]:
    """`[[Anna Choromanska]], [[Yann LeCun]]` is a list of its pages; other text one value."""
    pages = _WIKI_LINK.findall(value)
    return tuple(pages) if pages and not _WIKI_LINK.sub("", value).strip(" ,;") else (value,)


# --- BibTeX -------------------------------------------------------------------------------------


def _bibtex_entries(lines: list[str]) -> list[Region]:
    """`@article{key, title = {…}, author = {A and B}, …}`, fenced or not, one field a line or
    several: the fields up to the brace closing the entry."""
    regions, at = [], 0
    macros: dict[str, str] = {}  # `@string{icml = {International Conference on Machine Learning}}`
    while at < len(lines):
        opening = _BIBTEX_OPEN.match(lines[at]) or _BIBTEX_STRING.match(lines[at])
        if opening and opening["type"].lower() == "string":
            end, fields = _bibtex_fields(lines, at, opening.end(), macros)
            macros.update({field.key: field.values[0] for field in fields})
            at = at + 1 if end is None else end + 1
            continue
        if not opening or opening["type"].lower() in ("comment", "preamble"):
            at += 1
            continue
        end, fields = _bibtex_fields(lines, at, opening.end(), macros)
        if end is None:
            at += 1
            continue
        fields = [Field("entry type", (opening["type"].lower(),), at), *fields]
        record = Record(at, end + 1, tuple(fields), "bibtex")
        regions.append(Region(at, end + 1, (record,) if has_title(fields) else ()))
        at = end + 1
    return regions


def _bibtex_fields(lines: list[str], start: int, column: int,
                   macros: dict[str, str]) -> tuple[int | None, list[Field]]:
    """The fields of the entry opening at lines[start], and the line its closing brace is on; a
    bare value naming a macro the block's `@string`s define (`booktitle = icml`) is its text."""
    text = "\n".join(lines[start:start + _LONGEST_RECORD])
    starts = [0]
    for line in lines[start:start + _LONGEST_RECORD]:
        starts.append(starts[-1] + len(line) + 1)
    line_of = lambda offset: start + next(n for n, s in enumerate(starts) if s > offset) - 1  # noqa: E731
    fields, at = [], column
    while at < len(text):
        while at < len(text) and (text[at] in " \t\n," or _LINE_BREAK_TAG.match(text, at)):
            # `…},<br>`: a web page's line ends
            at = _LINE_BREAK_TAG.match(text, at).end() if text[at] == "<" else at + 1
        if at < len(text) and text[at] in "})":
            return line_of(at), fields
        key = _BIBTEX_FIELD.match(text, at)
        if not key:
            return None, []
        value, at = _bibtex_value(text, key.end())
        if value is None:
            return None, []
        if text[key.end()] not in '{"':
            value = macros.get(value.lower(), value)
        fields.append(Field(key["key"].lower(), (value,), line_of(key.start())))
    return None, []


_LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _bibtex_value(text: str, at: int) -> tuple[str | None, int]:
    """A field's value: `{…}` with nested braces, `"…"`, or a number or macro name."""
    if at < len(text) and text[at] == "{":
        depth, end = 0, at
        while end < len(text):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0:
                return text[at + 1:end], end + 1
            end += 1
        return None, at
    if at < len(text) and text[at] == '"':
        end = text.find('"', at + 1)
        return (text[at + 1:end], end + 1) if end > 0 else (None, at)
    bare = re.match(r"[\w.:-]+", text[at:])
    return (bare[0], at + bare.end()) if bare else (None, at)


# --- RIS -----------------------------------------------------------------------------------------


def _ris_records(lines: list[str]) -> list[Region]:
    """`TY  - CONF`, `TI  - Title`, one `AU  - Surname, First` line per author, … `ER  -`."""
    regions, at = [], 0
    while at < len(lines):
        opening = _RIS_LINE.match(lines[at])
        if not opening or opening["tag"] != "TY":
            at += 1
            continue
        end = next((close for close in range(at + 1, min(at + _LONGEST_RECORD, len(lines)))
                    if (found := _RIS_LINE.match(lines[close])) and found["tag"] in ("ER", "TY")
                    or not lines[close].strip()), None)
        if end is None or not (_RIS_LINE.match(lines[end]) or ["", ""])[1] == "ER":
            at += 1
            continue
        grouped: dict[str, list[tuple[str, int]]] = {}
        for line in range(at, end):
            if (found := _RIS_LINE.match(lines[line])) and found["tag"] in _RIS_FIELDS and found["value"]:
                grouped.setdefault(_RIS_FIELDS[found["tag"]], []).append((found["value"], line))
        fields = tuple(Field(key, tuple(value for value, _ in values), values[0][1])
                       for key, values in grouped.items())
        record = Record(at, end + 1, fields, "ris")
        regions.append(Region(at, end + 1, (record,) if has_title(list(fields)) else ()))
        at = end + 1
    return regions


# --- blocks of `Field: value` lines ---------------------------------------------------------------


def _field_blocks(lines: list[str]) -> list[Region]:
    """A paragraph (or list item) every line of which is `Key: value`, the first naming the
    title (`Title:`, `Paper:`) and another a reference's field (`Authors:`, `Venue:`, `URL:`)."""
    regions = []
    for at, end in paragraphs(lines):
        found = [_KEY_VALUE.match(line) for line in lines[at:end]]
        if all(found) and is_title(found[0]["key"].strip().lower(), found[0]["value"]):
            # a record opens at each title line: blocks written with no blank line between them
            starts = [offset for offset, match in enumerate(found)
                      if is_title(match["key"].strip().lower(), match["value"])]
            records = [_field_record(found[first:last], at + first)
                       for first, last in zip(starts, [*starts[1:], len(found)], strict=True)]
            if all(records):
                regions.append(Region(at, end, tuple(records)))
    return regions


def _field_record(found: list[re.Match], start: int) -> Record | None:
    """A title line and at least one line naming a reference's field (a line of prose has a colon
    too), or None."""
    if len(found) < 2 or not any(_FIELD_KEYS.match(match["key"].strip()) for match in found[1:]):
        return None
    fields = tuple(Field(match["key"].strip().lower(), (match["value"],), start + offset)
                   for offset, match in enumerate(found))
    return Record(start, start + len(found), fields, "fields")


# This module's finders, in the order they claim lines: those before the citation finders
# (atlas/build/parsers/citation_records.py) and those after; atlas/build/parsers/record_regions.py
# runs them all.
FIRST_FINDERS = (_fenced_and_front_matter, _bibtex_entries, _ris_records, _org_entries, _shortcodes)
LAST_FINDERS = (_zotero_notes, _json_lines, _field_blocks)
