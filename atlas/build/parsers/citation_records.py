"""Citations written as records by a program or a markup language, found in a list's text.

Four structures atlas/build/parsers/field_records.py does not know, each found here as records of
fields (record_reader.py says what a record claims):

- a LaTeX bibliography pasted as is (`\\bibitem[…]{key}`, a line of names, then `\\newblock` parts:
  the title, `In \\emph{Venue}, Year.`, `URL \\url{…}`), inside `\\begin{thebibliography}`;
- MediaWiki citation templates (`{{cite journal |last1=… |first1=… |title=… |journal=… |year=…}}`),
  on one line or one parameter group a line; the template's kind (`cite web`, `cite AV media`) is
  the record's kind;
- the printed repr of a Python record, as a notebook's output shows it (`Paper(title='…',
  authors=['…'], venue='ICLR', year=2020, arxiv='1909.12673')`), one a line;
- `Title:` / `Authors:` fields wrapped onto indented continuation lines, as arXiv's mailings
  write them (`Journal-ref:`, `Comments:`), with the rest of the paragraph (an abstract, the
  `\\\\ ( https://arxiv.org/abs/… )` line) as the record's notes and its addresses as its links.
"""

from __future__ import annotations

import ast
import bisect
import re

from atlas.build.parsers.field_records import (
    _FIELD_KEYS,
    _KEY_VALUE,
    Field,
    Record,
    Region,
    has_title,
    paragraphs,
)

_LONGEST_RECORD = 200  # lines
# No record of these structures is longer (the longest paper entry of the corpus is 339
# characters): text past this is read no further, so that no pattern runs long on hostile input.
_LONGEST_TEXT = 5000

# --- LaTeX bibliography -------------------------------------------------------------------------

_BIBLIOGRAPHY_OPEN = re.compile(r"^\s*\\begin\{thebibliography\}")
_BIBLIOGRAPHY_CLOSE = re.compile(r"^\s*\\end\{thebibliography\}")
_BIBITEM = re.compile(r"^\s*\\bibitem(?:\[(?P<label>(?:[^\[\]]|\[[^\]]*\])*)\])?\{[^}]*\}\s*(?P<rest>.*)$")
_NEWBLOCK = re.compile(r"\\newblock\s*")
_EMPH = re.compile(r"\\(?:emph|textit|textsl)\s*\{(?P<inner>(?:[^{}]|\{[^{}]*\})*)\}")
_LATEX_URL = re.compile(r"\\(?:url|href)\s*\{(?P<url>[^}]*)\}")
_CLOSING_YEAR = re.compile(r"[,\s]*\(?(?P<year>(?:19|20)\d\d)[a-z]?\)?\.?\s*$")
_CLOSING_KIND = re.compile(r"\((?P<kind>[^()]{2,40})\)\s*\.?\s*$")


def bibliographies(lines: list[str]) -> list[Region]:
    """A `thebibliography` environment: one record for each `\\bibitem`."""
    regions, at = [], 0
    while at < len(lines):
        if not _BIBLIOGRAPHY_OPEN.match(lines[at]):
            at += 1
            continue
        end = next((close for close in range(at + 1, len(lines))
                    if _BIBLIOGRAPHY_CLOSE.match(lines[close])), len(lines))  # a paste cut short: to its end
        starts = [line for line in range(at + 1, end) if _BIBITEM.match(lines[line])]
        records = []
        for first, following in zip(starts, [*starts[1:], end], strict=True):
            last = first + 1
            while last < following and lines[last].strip():
                last += 1
            records.append(_bibitem(lines, first, last))
        regions.append(Region(at, min(end + 1, len(lines)), tuple(record for record in records if record)))
        at = end + 1
    return regions


def _bibitem(lines: list[str], first: int, end: int) -> Record | None:
    """The names before the first `\\newblock`, then the title, the venue and year, the address."""
    if sum(len(line) for line in lines[first:end]) > _LONGEST_TEXT:
        return None
    parts: list[tuple[int, str]] = []  # each \newblock part (the names first), with its line
    opening = _BIBITEM.match(lines[first])
    for line in range(first, end):
        text = opening["rest"] if line == first else lines[line]
        pieces = _NEWBLOCK.split(text)
        if parts and pieces[0].strip() and not _NEWBLOCK.match(text.strip()):
            parts[-1] = (parts[-1][0], f"{parts[-1][1]} {pieces[0].strip()}")
        elif pieces[0].strip() or not parts:
            parts.append((line, pieces[0].strip()))
        parts += [(line, piece.strip()) for piece in pieces[1:]]
    parts = [(line, text) for line, text in parts if text]
    if len(parts) < 2:
        return None
    (names_line, names), (title_line, title), *rest = parts
    fields = [Field("authors", _bibitem_names(names), names_line)]
    title = title.strip().rstrip(".")
    emphasized = _EMPH.fullmatch(title)
    fields.append(Field("title", (emphasized["inner"] if emphasized else title,), title_line))
    if kind := _CLOSING_KIND.search(title):
        fields.append(Field("type", tuple(part.strip() for part in kind["kind"].split(",")), title_line))
    year = None
    for line, text in rest:
        urls = [found["url"] for found in _LATEX_URL.finditer(text)]
        if urls:
            fields.append(Field("url", tuple(urls), line))
        written = _LATEX_URL.sub("", text).strip(" ,.")
        if found := _CLOSING_YEAR.search(written):
            year = year or found["year"]
            written = written[:found.start()].strip(" ,.")
        written = re.sub(r"^(?:URL|In)\b\s*", "", written).strip(" ,.")
        if not written or any(field.key in ("venue", "howpublished") for field in fields):
            continue
        venue = _EMPH.search(written)
        if venue:  # `In \emph{Venue}, 2017`: the container in italics
            fields.append(Field("venue", (venue["inner"],), line))
        else:  # `Cambridge University Press`, `Blog post`: as written, for what it says it is
            fields.append(Field("howpublished", (written,), line))
    label_year = re.search(r"\((?P<year>(?:19|20)\d\d)[a-z]?\)", opening["label"] or "")
    if year or label_year:
        fields.append(Field("year", (year or label_year["year"],), first))
    return Record(first, end, tuple(fields), "bibitem")


# `Bartlett, P., Foster, D., and Telgarsky, M.` (an abbreviating style): surnames each before initials
_INVERTED_INITIALS = re.compile(
    r"\s*(?P<name>[^\W\d_][^,]*?,\s*(?:[A-Z][a-z]?\.[\s~-]*)+?)\s*(?:,\s*(?:and\s+)?|\s+and\s+|$)")


def _bibitem_names(text: str) -> tuple[str, ...]:
    """`A. One, B. Two, and C. Three.` as three names, and `One, A., Two, B., and Three, C.` as
    three too (LaTeX in them read with the record)."""
    inverted, at = [], 0
    while at < len(text.strip()) and (found := _INVERTED_INITIALS.match(text.strip(), at)):
        inverted.append(found["name"].strip())
        at = found.end()
    if inverted and at >= len(text.strip()):
        return tuple(inverted)
    text = re.sub(r"\.\s*$", "", text.strip()) if not re.search(r"\b[A-Z]\.$", text.strip()) else text.strip()
    return tuple(name.strip() for name in re.split(r",\s*(?:and\s+)?|\s+and\s+", text) if name.strip())


# --- MediaWiki citation templates ---------------------------------------------------------------

_WIKI_CITE = re.compile(r"\{\{\s*(?:cite|citation)\b\s*(?P<kind>[^|{}]*?)\s*(?=\||\}\}|$)", re.IGNORECASE)
_WIKI_PARAMETER = re.compile(r"\|\s*(?P<key>[\w -]+?)\s*=\s*(?P<value>[^|]*)")
_WIKI_NAME = re.compile(r"^(?P<part>last|first|surname|given|author-last|author-first)(?P<number>\d*)$")
_WIKI_KEYS = {"journal": "journal", "conference": "conference", "work": "venue", "website": "venue",
              "eprint": "arxiv", "arxiv": "arxiv", "url": "url", "doi": "doi", "year": "year", "date": "date",
              "title": "title", "publisher": "publisher", "medium": "type", "people": "authors"}
_WIKI_KINDS = {"av media": "video", "av media notes": "video", "episode": "video", "podcast": "podcast",
               "web": "web", "speech": "speech", "tweet": "tweet", "mailing list": "post",
               "press release": "news"}


def wiki_citations(lines: list[str]) -> list[Region]:
    """`{{cite journal |…}}` to its closing braces, over as many lines as it runs."""
    regions, at = [], 0
    closing = [line for line, text in enumerate(lines) if "}}" in text]
    while at < len(lines):
        opening = _WIKI_CITE.search(lines[at])
        if not opening:
            at += 1
            continue
        first = lines[at][opening.end():]
        after_first = bisect.bisect_right(closing, at)
        end = at if "}}" in first else closing[after_first] if after_first < len(closing) else None
        if (end is None or end - at >= _LONGEST_RECORD
                or sum(len(line) for line in lines[at:end + 1]) > _LONGEST_TEXT):
            at += 1
            continue
        body, after = "\n".join([first, *lines[at + 1:end + 1]]).split("}}", 1)
        fields = _wiki_fields(body, at, opening["kind"])
        record = Record(at, end + 1, tuple(fields), "wiki", after.strip())
        regions.append(Region(at, end + 1, (record,) if has_title(fields) else ()))
        at = end + 1
    return regions


def _wiki_fields(body: str, first: int, kind: str) -> list[Field]:
    fields = [Field("type", (_WIKI_KINDS.get(kind.lower(), kind.lower() or "citation"),), first)]
    if kind.lower() == "arxiv":  # `{{cite arXiv |eprint=…}}`: a preprint, on arXiv
        fields.append(Field("venue", ("arXiv",), first))
    names: dict[str, dict[str, str]] = {}
    truncated = False
    offset = 0
    for line_text in body.split("\n"):
        for found in _WIKI_PARAMETER.finditer(line_text):
            key, value = found["key"].strip().lower(), found["value"].strip()
            name = _WIKI_NAME.match(key)
            if key == "display-authors" and value.lower() in ("etal", "et al"):
                truncated = True
            elif name and value:
                part = "first" if name["part"] in ("first", "given", "author-first") else "last"
                names.setdefault(name["number"] or "1", {})[part] = value
            elif re.fullmatch(r"author\d*", key) and value:
                names.setdefault(key[6:] or "1", {})["full"] = value
            elif key in _WIKI_KEYS and value:
                fields.append(Field(_WIKI_KEYS[key], (value,), first + offset))
        offset += 1
    written = []
    for number in sorted(names, key=int):
        parts = names[number]
        full = " ".join(parts[part] for part in ("first", "last") if part in parts)
        written.append(parts.get("full") or full)
    if written:
        fields.append(Field("authors", (*written, *(["et al."] if truncated else [])), first))
    return fields


# --- printed Python records ---------------------------------------------------------------------

_REPR = re.compile(r"^\s*(?P<name>[A-Z]\w*)\((?P<arguments>\w+=.*)\)\s*,?\s*$")


def printed_records(lines: list[str]) -> list[Region]:
    """`Paper(title='…', authors=['…'], year=2020)`: a line a record, its keywords its fields, the
    class's name no field (`Skipped(kind='talk', …)` says its kind in its own field)."""
    regions = []
    for at, line in enumerate(lines):
        found = _REPR.match(line) if len(line) <= _LONGEST_TEXT else None
        if not found:
            continue
        try:
            call = ast.parse(f"f({found['arguments']})", mode="eval").body
        except (SyntaxError, ValueError, RecursionError):
            continue
        if not isinstance(call, ast.Call) or call.args:
            continue
        fields = []
        for keyword in call.keywords:
            try:
                value = ast.literal_eval(keyword.value)
            except (ValueError, SyntaxError, TypeError, RecursionError):
                continue
            if keyword.arg and value not in (None, "", True, False):
                items = value if isinstance(value, (list, tuple)) else (value,)
                fields.append(Field(keyword.arg.lower(), tuple(str(item) for item in items), at))
        notes = next((field.values[0] for field in fields if field.key in ("note", "notes")), "")
        regions.append(Region(at, at + 1, (Record(at, at + 1, tuple(fields), "repr", notes),)
                              if has_title(fields) else ()))
    return regions


# --- wrapped `Key: value` fields ----------------------------------------------------------------

_CONTINUATION = re.compile(r"^\s{2,}\S")
_WRAPPED_KEYS = {"journal-ref": "journal", "comments": "notes"}
_BARE_URL = re.compile(r"https?://[^\s<>()\[\],]+")
# A new-style arXiv id's first two digits are the year it was submitted (`1804.06561`: 2018).
_ARXIV_YEAR = re.compile(r"arxiv\.org/abs/(?P<yy>[0-9]{2})(?:0[1-9]|1[0-2])\.\d{4,5}\b")


def wrapped_field_blocks(lines: list[str]) -> list[Region]:
    """A paragraph opening with `Title:` whose fields may wrap onto indented lines, the first naming
    the title and another a reference's field; the paragraph's lines after the fields are notes."""
    regions = []
    for at, end in paragraphs(lines):
        record = _wrapped_record(lines, at, end)
        if record:
            regions.append(Region(at, end, (record,)))
    return regions


def _wrapped_record(lines: list[str], start: int, end: int) -> Record | None:
    if not re.match(r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?title\b", lines[start], re.IGNORECASE):
        return None
    fields: list[list] = []  # key, value, line
    at = start
    while at < end:
        found = _KEY_VALUE.match(lines[at])
        if found and not _CONTINUATION.match(lines[at]):
            fields.append([found["key"].strip().lower(), found["value"], at])
        elif fields and _CONTINUATION.match(lines[at]):
            fields[-1][1] += " " + lines[at].strip()
        else:
            break
        at += 1
    if (len(fields) < 2 or fields[0][0] != "title" or (at == end and at - start == len(fields))
            or not any(_FIELD_KEYS.match(key) for key, _, _ in fields[1:])):
        return None  # a block every line of which is a field is field_records' to read
    rest = [lines[line].strip() for line in range(at, end)]
    notes = " ".join(text for text in rest if text.strip("\\ "))
    record_fields = [Field(_WRAPPED_KEYS.get(key, key), (_field_value(key, value),), line)
                     for key, value, line in fields]
    if urls := [url for text in rest for url in _BARE_URL.findall(text)]:
        record_fields.append(Field("url", tuple(urls), at))
    journal = " ".join(value for key, value, _ in fields if key == "journal-ref")
    published = re.search(r"\b(?:19|20)\d\d\b", journal)
    submitted = _ARXIV_YEAR.search(" ".join(rest))
    if published or submitted:
        year = published[0] if published else f"20{submitted['yy']}"
        record_fields.append(Field("year", (year,), fields[0][2]))
    return Record(start, end, tuple(record_fields), "fields", notes)


def _field_value(key: str, value: str) -> str:
    return _journal_ref(value) if key == "journal-ref" else value


def _journal_ref(value: str) -> str:
    """`Ann. Statist. 49(2): 1029-1054 (2021)` names the journal `Ann. Statist.`."""
    value = re.sub(r"[\s,]*\((?:19|20)\d\d\)\s*$", "", value.strip())
    value = re.sub(r"[\s,]*\b(?:19|20)\d\d\s*$", "", value)
    return re.sub(r"[\s,]*\d[\d()\s:,.–-]*$", "", value).strip()


# --- AsciiDoc bibliography ----------------------------------------------------------------------

_ASCIIDOC_ENTRY = re.compile(r"^\s*[-*]+\s+\[\[\[(?P<anchor>[^\]]*)\]\]\]\s*")
_ASCIIDOC_COMMENT = re.compile(r"^\s*//(?!/)")
_ASCIIDOC_TITLE = re.compile(r"(?<![\w_])(?P<mark>__?)(?P<title>[^_\s](?:[^_]*[^_\s])?)(?P=mark)(?![\w_])")
_ASCIIDOC_LINK = re.compile(r"(?:link:)?(?P<url>https?://[^\s\[]+)\[(?P<label>[^\]]*)\]")
_ASCIIDOC_ICON = re.compile(r"\bicon:[\w-]+\[[^\]]*\]\s*")
# What a link's label may say it links, when no link of the entry is to a paper.
_OTHER_LABEL = re.compile(r"^(?:video|talk|slides|code|repo(?:sitory)?|post|blog(?: post)?|lecture notes|"
                          r"notes|notebooks?|recording|podcast|website|homepage)$", re.IGNORECASE)


def asciidoc_bibliographies(lines: list[str]) -> list[Region]:
    """A list of `- [[[key]]] Authors. _Title_. Venue, Year. https://…[label]` entries (AsciiDoc's
    bibliography anchors), each with its indented continuation lines; a `// ` comment line between
    them is a record of its own, with no fields."""
    regions, at = [], 0
    while at < len(lines):
        if not _ASCIIDOC_ENTRY.match(lines[at]):
            at += 1
            continue
        start, records = at, []
        while at < len(lines) and (_ASCIIDOC_ENTRY.match(lines[at]) or _ASCIIDOC_COMMENT.match(lines[at])):
            end = at + 1
            if _ASCIIDOC_COMMENT.match(lines[at]):
                records.append(Record(at, end, (), "asciidoc"))
            else:
                while (end < len(lines) and _CONTINUATION.match(lines[end])
                       and not _ASCIIDOC_ENTRY.match(lines[end])):
                    end += 1
                records.append(_asciidoc_entry(lines, at, end))
            at = end
        regions.append(Region(start, at, tuple(records)))
    return regions


def _asciidoc_entry(lines: list[str], start: int, end: int) -> Record:
    text = "\n".join(lines[start:end])
    if len(text) > _LONGEST_TEXT:
        return Record(start, end, (), "asciidoc")
    text = _ASCIIDOC_ICON.sub("", text[_ASCIIDOC_ENTRY.match(text).end():])
    fields = []
    links = list(_ASCIIDOC_LINK.finditer(text))
    if links:
        fields.append(Field("url", tuple(link["url"] for link in links), start))
        labels = [link["label"].strip() for link in links]
        if all(_OTHER_LABEL.match(label) for label in labels):  # `[video]`, `[code]`: and nothing else
            fields.append(Field("type", tuple(labels), start))
    title = _ASCIIDOC_TITLE.search(text)
    if not title:
        return Record(start, end, tuple(fields), "asciidoc")
    line = start + text.count("\n", 0, title.start())
    fields.append(Field("title", (title["title"].strip(),), line))
    names = text[:title.start()].strip().rstrip(".")
    if names:
        truncated = re.search(r",?\s+et\.? al\.?$", names)
        written = names[:truncated.start()] if truncated else names
        names = [name.strip() for name in re.split(r",\s*(?:and\s+)?|\s+and\s+", written)]
        fields.append(Field("authors", (*names, *(["et al."] if truncated else [])), start))
    after = _ASCIIDOC_LINK.sub("", text[title.end():]).strip(" .\n")
    if kind := re.match(r"^\((?P<kind>[^()]{2,40})\)", after):
        fields.append(Field("type", tuple(part.strip() for part in kind["kind"].split(",")), line))
        after = after[kind.end():].strip(" .")
    if year := _CLOSING_YEAR.search(after):
        fields.append(Field("year", (year["year"],), line))
        after = after[:year.start()]
    if after := " ".join(after.split()).strip(" ,."):
        fields.append(Field("venue", (after,), line))
    return Record(start, end, tuple(fields), "asciidoc")


# --- quoted titles with a byline under them -----------------------------------------------------

_QUOTED_TITLE_LINE = re.compile(
    r"[\"“](?P<title>[^\"“”]{8,}?[^\s\"“”])[\"”](?:\s*\([^()]{1,60}\))?\s*$")
_BYLINE = re.compile(r"^\s*(?P<names>[^—–|]+?)\s+[—–]\s+(?P<venue>.*?)[\s,]*(?P<year>(?:19|20)\d\d)\s*$")
_NAME = re.compile(r"^[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þa-z][\w'’.-]*){0,3}$")
_BARE_ADDRESS = re.compile(r"(?<![\w/.@])(?:https?://)?(?:www\.)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})"
                           r"(?P<path>/[^\s<>()\[\]]*)")


def quoted_title_cards(lines: list[str]) -> list[Region]:
    """Paragraphs in which a line closes with a quoted title (`2/ 📌 "Title"`) and the line under it
    is a byline, `Names — Venue Year`: a record from each such line to the next, the byline its
    authors, venue and year, bare addresses under it its links and the other lines its notes (a
    thread unrolled, a newsletter's cards)."""
    regions = []
    for at, end in paragraphs(lines):
        starts = [line for line in range(at, end - 1) if _card_opens(lines, line)]
        if starts:
            ends = [*starts[1:], end]
            regions.append(Region(at, end, tuple(_card(lines, first, last)
                                                 for first, last in zip(starts, ends, strict=True))))
    return regions


def _card_opens(lines: list[str], line: int) -> bool:
    if len(lines[line]) > _LONGEST_TEXT or len(lines[line + 1]) > 500:  # a byline is short
        return False
    byline = _QUOTED_TITLE_LINE.search(lines[line]) and _BYLINE.match(lines[line + 1])
    return bool(byline and _names(byline["names"]))


def _names(text: str) -> tuple[str, ...]:
    """`Pérez, Barceló & Marinkovic`, `Delétang et al.`: the names, `et al.` last; none unless each
    part reads as a name."""
    truncated = re.search(r",?\s+et\.? al\.?$", text)
    written = text[:truncated.start()] if truncated else text
    names = [name.strip() for name in re.split(r",\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", written)]
    if not all(_NAME.match(name) for name in names):
        return ()
    return (*names, *(["et al."] if truncated else []))


def _card(lines: list[str], first: int, end: int) -> Record:
    title = _QUOTED_TITLE_LINE.search(lines[first])
    byline = _BYLINE.match(lines[first + 1])
    fields = [Field("title", (title["title"],), first), Field("authors", _names(byline["names"]), first + 1),
              Field("year", (byline["year"],), first + 1)]
    if venue := byline["venue"].strip(" ,"):
        fields.append(Field("venue", (venue,), first + 1))
    notes, urls = [], []
    for line in range(first + 2, end):
        addresses = [found[0] for found in _BARE_ADDRESS.finditer(lines[line])]
        if addresses and not _BARE_ADDRESS.sub("", lines[line]).strip():
            urls += [address if address.startswith("http") else f"https://{address}" for address in addresses]
        else:
            notes.append(lines[line].strip())
    if urls:
        fields.append(Field("url", tuple(urls), first + 2))
    return Record(first, end, tuple(fields), "card", " ".join(notes))


# --- records of calls, one a field: `title('…')`, `author('A and B')`, `nips(1996)` -------------------

# A call of a word with literal arguments (strings, numbers), as a DSL writes a field (Ruby's
# `title('Title'),`); a string may run onto the next line
_CALL = re.compile(r"(?<![\w.])(?P<name>[A-Za-z_]\w{0,40})\(\s*"
                   r"(?P<arguments>(?:'[^'\\]*'|\"[^\"\\]*\"|[\d\s,.])*)\)")
_TITLE_CALL = re.compile(r"^\s*(?:title|name|paper)\(\s*['\"]", re.IGNORECASE)
# calls that name a field of their own; any other call stating a year names the venue (`nips(1996)`,
# `article('Venue', 2003, 2)`)
_FIELD_CALLS = {"title": "title", "name": "title", "paper": "title", "author": "authors",
                "authors": "authors", "url": "url", "link": "url", "doi": "doi", "eprint": "arxiv",
                "arxiv_id": "arxiv"}


def call_records(lines: list[str]) -> list[Region]:
    """A paragraph whose fields are calls, one a line (`entry!('key',` / `author('A and B'),` /
    `title('Title'),` / `nips(1996),` / `nil)`), one of them a title's: one record, its calls its
    fields; a call stating a year names the venue, by its string (`book('Publisher', 2007)`) or by
    its own name (`iclrWorkshop(2019)`: `ICLR Workshop`)."""
    regions = []
    for start, end in paragraphs(lines):
        if end - start > _LONGEST_RECORD or not any(_TITLE_CALL.match(line) for line in lines[start:end]):
            continue
        text = "\n".join(lines[start:end])
        if len(text) > _LONGEST_TEXT:
            continue
        fields = [field for call in _CALL.finditer(text) if (field := _call_field(call, start, text))]
        if has_title(fields):
            regions.append(Region(start, end, (Record(start, end, tuple(fields), "calls"),)))
    return regions


def _call_field(call: re.Match, start: int, text: str) -> Field | None:
    try:
        # a string wrapped onto the next line is one value, its line end a space
        written = " ".join(call["arguments"].split("\n"))
        arguments = ast.literal_eval(f"({written},)") if written.strip() else ()
    except (SyntaxError, ValueError, RecursionError):
        return None
    line = start + text.count("\n", 0, call.start())
    strings = [" ".join(value.split()) for value in arguments if isinstance(value, str)]
    years = [value for value in arguments if isinstance(value, int) and 1900 <= value <= 2099]
    key = _FIELD_CALLS.get(call["name"].lower())
    if key and strings:
        return Field(key, (strings[0],), line)
    if years and not key:
        venue = strings[0] if strings else _call_venue(call["name"])
        return Field("venue", (f"{venue} {years[0]}",), line)
    return None


def _call_venue(name: str) -> str:
    """`nips` → `NIPS`, `iclrWorkshop` → `ICLR Workshop`, `arxiv` → `arXiv`: a call's name as the
    venue it abbreviates (its first word an acronym, the others words)."""
    first, *rest = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", name) or [name]
    first = "arXiv" if first.lower() == "arxiv" else first.upper()
    return " ".join([first, *(word.capitalize() for word in rest)])


# In the order they claim lines, between field_records' first and last finders.
FINDERS = (bibliographies, wiki_citations, printed_records, wrapped_field_blocks, asciidoc_bibliographies,
           quoted_title_cards, call_records)
