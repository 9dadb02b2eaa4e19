"""The parts of a line the line detector takes for a paper's, as the field readers read them.

The detector finds a paper's line whatever the markup around it (line_detector.py); the field
readers (reference.py) read markdown. Between the two, a taken line written in some other shape is
rewritten as the markdown it stands for, by what its parts look like, never by the list it is in:

- a chat or log message's time and sender before its text (`08:15 <juliet> Title — …`,
  `[09:12] alice: …`), and a search result's markers (`[BOOK][B] Title`), are no part of it;
- a title with its authors after `by` and a parenthesis stating a year (`Title by Full Name et
  al. (ICML 2019)`) is read as that title and those names;
- an element whose words are all in a text attribute (`<outline text="Title" _note="Names"
  url="…"/>`, `<item title="…" href="…">`) is that text, its notes and its address;
- a key and a quoted value (`"name": "Title",`, `title = "Title"`) is the value, as a title when the
  key names one;
- a row of quoted, delimited cells (`"Title", "Names", "Venue", 2016, link, "note"`) is its cells
  read as pipe cells are, the title the cell under a title column of a header above when there is one.

Every other line is left as it is. Lines read by the rules never come here.
"""

from __future__ import annotations

import csv
import html
import re

from atlas.build.names import looks_like_name
from atlas.build.parsers.reference import (
    BARE_ADDRESS,
    FUNCTION_WORDS,
    TITLE_COLUMN_ELSEWHERE,
    closing_fields,
    lenient_names,
    looks_like_venue,
    title_words,
)

# `08:15 <juliet> `, `[08:15] <@juliet> `, `08:15:02 juliet: `, `[2024-03-04 08:15] * juliet `
_CHAT_PREFIX = re.compile(
    r"^\s*\[?(?:\d{4}-\d\d-\d\d[ T])?\d{1,2}:\d\d(?::\d\d)?(?:\s?[AaPp][Mm])?\]?\s+"
    r"(?:<[@+%~&]?[^\s<>]{1,30}>|\*\s+[^\s]{1,30}|[\w.|-]{1,30}:)\s+"
)
# a search engine's markers of what a result is, before its title: `[PDF]`, `[BOOK][B]`, `[CITATION][C]`
_MARKER_TAGS = re.compile(r"^\s*(?:\[(?:PDF|HTML|DOC|DOCX|PS|BOOK|B|CITATION|C|ZIP)\]\s*)+(?=[^\s(\[])")
_SENDER = re.compile(r"^\s*<[@+%~&]?[^\s<>]{1,30}>\s+")
# an element with its attributes and nothing but other tags after it
_ELEMENT = re.compile(r"^\s*<(?P<name>[A-Za-z][\w:.-]*)"
                      r"(?P<attributes>(?:\s+[^\s=>/]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))+)"
                      r"\s*/?>\s*(?:</[A-Za-z][\w:.-]*>\s*)?$")
_ATTRIBUTE = re.compile(r"(?P<key>[^\s=>/]+)\s*=\s*(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)')")
_TEXT_ATTRIBUTES = ("text", "title", "name", "label", "caption")
_NOTE_ATTRIBUTES = ("_note", "note", "description", "summary", "subtitle", "authors", "author", "venue",
                    "year")
_ADDRESS_ATTRIBUTES = ("url", "href", "htmlurl", "link", "src", "xmlurl")
# `"name": "Title",`, `title: "Title"`, `'title' => 'Title',`, `title = "Title"`
_KEY_VALUE = re.compile(r"^\s*[-{,]?\s*[\"']?(?P<key>[@\w][\w -]{0,24}?)[\"']?\s*(?::|=>?)\s*"
                        r"(?P<quote>[\"'])(?P<value>.+)(?P=quote)\s*[,;}]?\s*$")
_OPENING_KEY = re.compile(r'^\s*(?:"[^"]{1,40}"\s*:\s*)?[\[{\]}]+[,;]?\s*$')
_NAME_SEPARATOR = re.compile(r"\s+[·•|/]\s+")
_TITLE_KEYS = {"title", "name", "paper", "headline", "paper title", "papertitle"}
_QUOTED_PAIR = re.compile(r"[\"'](?P<key>[@\w][\w -]{0,24})[\"']\s*:\s*"
                          r"(?:\"(?P<value>[^\"]*)\"|(?P<bare>[\w.-]+))")
# a line of delimited cells, the first quoted: `"Title", "Names", …`
_QUOTED_ROW = re.compile(r"^\s*\"[^\"]+\"\s*[,;\t]")
_TITLE_COLUMN = re.compile(r"^(?:paper\s*(?:names?|titles?)|titles?|papers?|articles?|publications?|"
                           rf"readings?|{TITLE_COLUMN_ELSEWHERE})$",
                           re.IGNORECASE)


def linked(line: str) -> str:
    """A bare address as the link it is (`— https://arxiv.org/abs/…` as `[…](…)`, `Title (https://…)`
    too), so the field readers take it for a link beside the title, not for words of it."""
    line = _PARENTHESISED_ADDRESS.sub(lambda found: f" [{found['url']}]({found['url']})", line)
    return BARE_ADDRESS.sub(lambda found: f"[{found['url']}]({found['url']})", line)


# an address alone in parentheses after words, not a markdown link's (`Title (https://…),`)
_PARENTHESISED_ADDRESS = re.compile(r"(?<=[\w.,;:!?\"”'’])\s*\((?P<url>https?://[^\s()<>]+)\)")


# `Title by Full Name, Full Name et al. (ICML 2019): …`: a title, its authors after `by`, and a
# parenthesis stating a year
_LIST_MARKER = re.compile(r"^(?:[*+-]|\d{1,3}[.)])\s+")
_TITLE_BY_NAMES = re.compile(r"^(?P<title>[^()]{12,}?)\s+by\s+(?P<names>[A-Z][^()]{2,200}?)\s*"
                             r"\((?P<where>[^()]*(?:19|20)\d\d[^()]*)\)")


def _byline(found: re.Match) -> bool:
    """Whether `Title by Names (…)` holds a byline: the words after `by` read as names, and the
    parenthesis names no authors of its own (`Learning Representations by Error
    Propagation(D. Surname et al. 1986. Venue)`: there ` by ` is the title's own word)."""
    if not lenient_names(found["names"]):
        return False
    return closing_fields(f"{found['title']} ({found['where']})") is None


# A link line written address first (gemtext's `=> url label`): the label, then its address
_ADDRESS_FIRST = re.compile(r"^\s*(?:=>\s*(?P<url>\S+)|(?P<bare>https?://\S+))\s+(?P<label>[^\s\-–—:|].*)$")
# A tree's branch before a node (`│   ├── `, `└── `, `|-- `): drawing, no part of the line's text
_TREE_BRANCH = re.compile(r"^(?P<indent>[\s│┃|]*)(?P<branch>[├└┣┗╰]|[|`]--)[─━-]*\s+")
_TREE_STEM = re.compile(r"^[\s│┃]*[│┃][\s│┃]*$")
# A string's escaped line ends inside a value (`label="Title\nNames\nVenue 2016"`): its fields
_ESCAPED_BREAK = re.compile(r"\s*\\n\s*")


# Links written in other markups, as markdown's `[label](url)`: org's `[[url][label]]`, a wiki's
# `[url label]`, Slack's `<url|label>`, reStructuredText's `` `label <url>`_ ``
_OTHER_LINKS = (
    re.compile(r"\[\[(?P<url>https?://[^\]\s]+)\]\[(?P<label>[^\]]+)\]\]"),
    re.compile(r"(?<![\[\]])\[(?P<url>https?://[^\]\s]+)\s+(?P<label>[^\]]+)\](?!\()"),
    re.compile(r"<(?P<url>https?://[^|>\s]+)\|(?P<label>[^>]+)>"),
    re.compile(r"`(?P<label>[^`<]+?)\s*<(?P<url>https?://[^>\s]+)>`__?"),
)


def markdown_links(line: str) -> str:
    """A line's links written in another markup as markdown links (`[[url][Title]]` as
    `[Title](url)`), so the label is read as the title and the address as its link."""
    for pattern in _OTHER_LINKS:
        line = pattern.sub(lambda found: f"[{found['label'].strip()}]({found['url']})", line)
    return line


def address_first(line: str) -> str:
    """`=> https://arxiv.org/abs/1406.2572 Title (Names — NIPS 2014)` (gemtext) or a bare address
    before its label, as the label and its address after it, read as a markdown line's text and a
    bare link are."""
    if (found := _ADDRESS_FIRST.match(line)) is None:
        return line
    url = found["url"] or found["bare"]
    if not re.search(r"[/:]", url) or len(found["label"].split()) < 2:
        return line
    return f"{_opened_parenthesis(found['label'].strip())} {url}"


# A parenthesis closing a title that holds its fields apart by dashes (`Title (Names — Venue 2014)`)
_FIELDS_PARENTHESIS = re.compile(r"^(?P<title>.{10,}?)\s+"
                                 r"\((?P<fields>[^()]*\s[—–]\s[^()]*(?:19|20)\d\d[^()]*)\)"
                                 r"(?P<rest>[^()]*(?:\([^()\w]*\))?\s*)$")


def _opened_parenthesis(text: str) -> str:
    """`Title (Names — Venue 2014) (!)` as `Title — Names — Venue 2014`: its fields as parts."""
    if (found := _FIELDS_PARENTHESIS.match(text)) is None:
        return text
    return f"{found['title']} — {found['fields']}"


def without_branch(line: str) -> str:
    """A tree node's text without the branch drawn before it (`│   ├── Title` is `Title`)."""
    return _TREE_BRANCH.sub("", line, count=1)


def tree_depth(line: str) -> int | None:
    """Where a tree node's branch stands (its depth in columns), None for a line with no branch."""
    found = _TREE_BRANCH.match(line)
    return len(found["indent"]) if found else None


def title_line(line: str, before: list[str] | tuple = (), after: list[str] | tuple = ()) -> str:
    """The taken line as the markdown it stands for; `before` are the lines above it (for a
    header naming the row's columns), `after` those under it (rows like it)."""
    line = markdown_links(address_first(without_branch(_MARKER_TAGS.sub("", _without_sender(line), count=1))))
    bare = _LIST_MARKER.sub("", line.strip(), count=1)  # `- Title by Names (2021)`: the bullet is no title's
    if (found := _TITLE_BY_NAMES.match(bare)) and _byline(found):
        rest = bare[found.end():].lstrip(" :,-—")
        return f"**{found['title'].strip()}** — {found['names']} ({found['where']}) {rest}".rstrip()
    if (element := _element(line)) is not None:
        return element
    if (text := _element_text(line)) is not None and text[0].split(":")[-1].lower() in _TITLE_ELEMENTS:
        return f"**{text[1]}**"
    if (pair := _KEY_VALUE.match(line)) and pair["key"].strip().lower() in _TITLE_KEYS:
        return f"**{_unquoted(pair['value'])}**"
    if (broken := _escaped_fields(line)) is not None:
        return broken
    if _QUOTED_ROW.match(line) and (row := _row(line, before)) is not None:
        return row
    if (row := tuple_row(line, before)) is not None:
        return row
    if (tagged := _TAGGED.match(line)) and tagged["tag"].strip(" -").lstrip("%") in _TITLE_TAGS:
        return f"**{tagged['value'].strip()}**"
    if (cells := _cell_row(line)) is not None:
        return cells
    if _GRID_ROW.match(line) and _grid_above(before) is not None:
        return grid_row([line], before)
    if (row := separated_row(line, before, after)) is not None:
        return row
    return _closing_bracket(_COMMIT_SUBJECT.sub("", line, count=1))


# A conventional commit's type and verb before what it adds (`papers: add Title`, `feat(list): add …`)
_COMMIT_SUBJECT = re.compile(r"^\s*[a-z][\w-]*(?:\([^()\s]+\))?!?:\s+(?:[Aa]dd(?:s|ed)?|[Nn]ew)\s+(?=\S)")
# A bracket closing a title with its venue and year (`Title [ICLR 2021]`)
_CLOSING_BRACKET = re.compile(r"^(?P<title>\s*\S.{9,}?)\s+"
                             r"\[(?P<where>[^\[\]]{0,60}(?:19|20)\d\d[^\[\]]{0,20})\]"
                             r"(?:\s+\([^()\s]{1,12}\))?\s*$")


def _closing_bracket(line: str) -> str:
    """`Title [ICLR 2021]` as `Title — ICLR 2021`: the bracket's venue and year a part of its own
    (a nickname after it, `(EoS)`, left out)."""
    found = _CLOSING_BRACKET.match(line)
    return f"{found['title']} — {found['where']}" if found else line


# A node's quoted label with its other attributes (`id [label="…", URL="…"];`)
_LABEL_VALUE = re.compile(r"\b(?:label|title|text|name|caption)\s*=\s*\"(?P<value>(?:[^\"\\]|\\.)*)\"",
                          re.IGNORECASE)
_ADDRESS_VALUE = re.compile(r"\b(?:URL|href|link)\s*=\s*\"(?P<url>[^\"]+)\"", re.IGNORECASE)


def _escaped_fields(line: str) -> str | None:
    """A quoted label whose escaped line ends part its fields (`label="Title\\nNames\\nVenue 2016"`,
    a DOT node's): the first part as the title, the others and an address beside it as its fields."""
    found = _LABEL_VALUE.search(line)
    if found is None or not _ESCAPED_BREAK.search(found["value"]):
        return None
    parts = [part for part in _ESCAPED_BREAK.split(_unquoted(found["value"])) if part.strip()]
    if len(parts) < 2:
        return None
    address = _ADDRESS_VALUE.search(line)
    return " — ".join([f"**{parts[0].strip()}**", *(part.strip() for part in parts[1:])]
                      + ([f"[link]({address['url']})"] if address else []))


# A parenthesised tuple of values, quoted strings among them, one row of a data dump (SQL's
# `(1,'paper','Title','Names',2019,NULL),`), after its statement's head on the same line or not
_TUPLE = re.compile(r"^\s*(?:INSERT\s+INTO\s+\S+\s*(?P<columns>\([^()]*\))?\s*VALUES\s*)?"
                    r"\((?P<cells>.*['\"].*)\)\s*[,;]?\s*$", re.IGNORECASE)
_TUPLE_CELL = re.compile(r"\s*(?P<cell>'(?:[^'\\]|\\.|'')*'|\"(?:[^\"\\]|\\.)*\"|[^,'\"]*?)\s*(?:,|$)")
_COLUMNS = re.compile(r"^\s*INSERT\s+INTO\s+\S+\s*\((?P<columns>[^()]*)\)\s*VALUES\b", re.IGNORECASE)


def tuple_row(line: str, before: list[str] | tuple = ()) -> str | None:
    """A tuple of values with quoted strings among them (`(1,'paper','Title','A Name; B Name','ICLR',
    2019,NULL),`): its cells, the title's first (the column its statement names `title`, else the
    first string of words), the others after it; None for a line that is no such tuple."""
    found = _TUPLE.match(line)
    if found is None:
        return None
    cells, at = [], 0
    text = found["cells"]
    while at <= len(text):
        cell = _TUPLE_CELL.match(text, at)
        if cell is None or cell.end() == at:
            break
        cells.append(cell["cell"])
        at = cell.end()
    if at < len(text) or len(cells) < 3 or sum(cell[:1] in "'\"" for cell in cells) < 2:
        return None
    values = [_tuple_value(cell) for cell in cells]
    columns = found["columns"] or next((head["columns"] for previous in reversed(before[-200:])
                                        if (head := _COLUMNS.match(previous))), "")
    names = [name.strip(" `'\"[]()") for name in columns.split(",")] if columns else []
    title = next((index for index, name in enumerate(names)
                  if len(names) == len(values) and _TITLE_COLUMN.match(name) and values[index]), None)
    if title is None:
        strings = [value if cell[:1] in "'\"" else "" for value, cell in zip(values, cells, strict=True)]
        title = _words_cell(strings)
    if title is None:
        return None
    # a number is a row's id, unless a year; an arXiv number alone is the paper's id
    rest = [f"arXiv:{value}" if re.fullmatch(r"\d{4}\.\d{4,5}(?:v\d+)?", value) else value
            for index, value in enumerate(values)
            if index != title and value and not re.fullmatch(r"(?!(?:19|20)\d\d$)\d+", value)]
    return " — ".join([f"**{values[title]}**", *rest])


_KIND_COLUMN = re.compile(r"^(?:kind|type|category|item_?type|entry_?type|is_?paper)$", re.IGNORECASE)
_PAPER_KINDS = {"paper", "article", "preprint", "inproceedings", "conference", "journal", "journal article",
                "conference paper", "proceedings", "1", "true", "yes", "y"}
# A line commented out in code or a data dump (`-- (41,'paper','Paper Title',…)`, `// …`)
COMMENTED = re.compile(r"^\s*(?:--|//|/\*)\s")


def row_kind(line: str, before: list[str] | tuple = ()) -> str:
    """What a row of a data dump says it is, when its kind column (`kind`, `type`, `is_paper`)
    says it is no paper (`talk`, `course`, `0`); "" for a paper's row or a line that is none."""
    found = _TUPLE.match(line)
    if found is None:
        separated = _separated_cells(line, before, ())
        if separated is None or separated[1] is None:
            return ""
        return _kind_of(*reversed(separated))
    columns = found["columns"] or next((head["columns"] for previous in reversed(before[-200:])
                                        if (head := _COLUMNS.match(previous))), "")
    names = [name.strip(" `'\"[]()") for name in columns.split(",")] if columns else []
    cells = [cell["cell"] for cell in _TUPLE_CELL.finditer(found["cells"]) if cell.group(0)]
    if not names or len(names) != len(cells):
        return ""
    return _kind_of(names, [_tuple_value(cell) for cell in cells])


def _kind_of(names: list[str], values: list[str]) -> str:
    for name, value in zip(names, values, strict=True):
        if _KIND_COLUMN.match(name) and value.strip() and value.strip().lower() not in _PAPER_KINDS:
            return f"{name} {value.strip().lower()}"
    return ""


def _tuple_value(cell: str) -> str:
    """A tuple's cell as its text: a string unquoted, `NULL` nothing, names apart by `;` by commas."""
    if cell.upper() == "NULL":
        return ""
    if cell[:1] in "'\"":
        cell = re.sub(r"\\(.)", r"\1", cell[1:-1].replace(cell[0] * 2, cell[0]))
    parts = [part.strip() for part in cell.split(";")]
    if len(parts) > 1 and all(looks_like_name(part) or part.lower().startswith("et al") for part in parts):
        return ", ".join(parts)
    return cell.strip()


_COLUMN_GAP = re.compile(r"\S+(?: \S+)*")


def column_row(given: list[str], before: list[str] | tuple) -> tuple[str, int] | None:
    """A row of a fixed-width text table (cells padded with spaces to the columns a header line
    above sets, `YEAR  VENUE  TITLE  AUTHORS`), with the lines under it whose first columns are
    blank (a title or names wrapped within their columns): its cells joined across its lines, the
    title's first (the column the header names, else the first of words), and how many lines of
    `given` it spans; None when given[0] is no such row."""
    starts, names = _column_header(before)
    if not starts or not given or not _on_columns(given[0], starts):
        return None
    rows = [given[0]]
    for line in given[1:]:
        if not line.strip() or line[:starts[1]].strip() or not _on_columns(line, starts, wrapped=True):
            break
        rows.append(line)
    columns = [" ".join(part for row in rows if (part := row[start:end].strip()))
               for start, end in zip(starts, [*starts[1:], None], strict=True)]
    at = next((index for index, name in enumerate(names) if _TITLE_COLUMN.match(name) and columns[index]),
              None)
    at = at if at is not None else _words_cell(columns)
    if at is None:
        return None
    rest = [column for index, column in enumerate(columns) if index != at and column]
    return " — ".join([f"**{columns[at]}**", *rest]), len(rows)


def wrapped_column_line(line: str, before: list[str] | tuple) -> bool:
    """Whether a line of a fixed-width table is the wrapped part of the row above (its first
    columns blank, its text within the columns)."""
    starts, _ = _column_header(before)
    above = next((text for text in reversed(before) if text.strip()), "")
    return bool(starts) and len(starts) > 1 and not line[:starts[1]].strip() and bool(line.strip()) \
        and _on_columns(line, starts, wrapped=True) and _on_columns(above, starts, wrapped=True)


def _column_header(before: list[str] | tuple) -> tuple[list[int], list[str]]:
    """The columns of the nearest header line above (three names or more, apart by runs of two
    spaces or more, over a rule of dashes or not): where each starts, and its name."""
    for line in reversed(before[-80:]):
        cells = list(_COLUMN_GAP.finditer(line.rstrip()))
        gaps_wide = all(line[cell.start() - 2:cell.start()] == "  " for cell in cells[1:])
        if (len(cells) >= 3 and gaps_wide and all(len(cell.group(0).split()) <= 3 for cell in cells)
                and any(_TITLE_COLUMN.match(cell.group(0)) for cell in cells)
                and all(cell.group(0)[:1].isupper() for cell in cells)):
            return [cell.start() for cell in cells], [cell.group(0) for cell in cells]
    return [], []


def _on_columns(line: str, starts: list[int], wrapped: bool = False) -> bool:
    """Whether a line's cells open where the header's columns do (a wrapped line's, past its first
    column, open in some)."""
    opened = [start for start in starts if start < len(line) and line[start] != " "
              and (start == 0 or line[start - 1] == " ")]
    cells = [cell.start() for cell in _COLUMN_GAP.finditer(line.rstrip())]
    return len(opened) >= (1 if wrapped else 3) and all(cell in starts for cell in cells)


# The separators a row of cells repeats (a tab, a spaced bar, a run of spaces), most telling first
_ROW_SEPARATORS = (re.compile(r"\t+"), re.compile(r"\s*(?:\|\||!!)\s*"), re.compile(r"\s+\|\s+"),
                   re.compile(r"\s*;\s+"), re.compile(r"(?<=\S) {2,}(?=\S)"))
# A row's opening and closing marks (`| a | b |`, a wiki table's `| a || b`, `! a !! b`)
_ROW_ENDS = re.compile(r"^\s*[|!]\s*|\s*\|\s*$")


def separated_row(line: str, before: list[str] | tuple = (), after: list[str] | tuple = ()) -> str | None:
    """A line of cells apart by a separator it repeats, as the line next to it does (a tab-separated
    row, `2016 | NIPS | Title | Names`, a row padded with spaces): its cells, the title's first (the
    column a header above names, else the cell most like a title: words, not names, a venue, a year
    or an address), the others after it; None for a line that is no such row."""
    found = _separated_cells(line, before, after)
    if found is None:
        return None
    cells, header = found
    at = None
    if header is not None:
        at = next(index for index, cell in enumerate(header) if _TITLE_COLUMN.match(cell))
        at = at if cells[at] else None
    if at is None:
        at = _title_cell(cells)
    if at is None:
        return None
    rest = [cell for index, cell in enumerate(cells) if index != at and cell]
    return " — ".join([f"**{cells[at]}**", *rest])


def _separated_cells(line: str, before: list[str] | tuple, after: list[str] | tuple
                     ) -> tuple[list[str], list[str] | None] | None:
    """A separated row's cells, and the header above naming its title column, if any."""
    separator = _row_separator(line, before, after)
    if separator is None:
        return None
    cells = [cell.strip() for cell in separator.split(_ROW_ENDS.sub("", line))]
    heads = [[cell.strip() for cell in separator.split(_ROW_ENDS.sub("", text))]
             for text in reversed(before[-80:]) if text.strip()]
    header = next((head for head in heads
                   if len(head) == len(cells) and any(_TITLE_COLUMN.match(cell) for cell in head)), None)
    return cells, header


def _row_separator(line: str, before: list[str] | tuple, after: list[str] | tuple) -> re.Pattern | None:
    """The separator a line repeats (twice at least) as its nearest line above or under it does."""
    if (_GRID_ROW.match(line) and _grid_above(before) is not None) or not line.strip():
        return None
    above = [text for text in reversed(before[-3:]) if text.strip() and not _RULE.match(text)][:1]
    under = [text for text in after[:3] if text.strip() and not _RULE.match(text)][:1]
    for separator in _ROW_SEPARATORS:
        if len(separator.findall(_ROW_ENDS.sub("", line))) >= 2 and any(
                len(separator.findall(_ROW_ENDS.sub("", text))) >= 2 for text in [*above, *under]):
            return separator
    return None


# A table's rule line (`|----+----|`, `|-`, `----  ----`)
_RULE = re.compile(r"^\s*[|+]?[-=:+| ]*-[-=:+| ]*$")


def _title_cell(cells: list[str]) -> int | None:
    """The cell most like a title: the one of most words among those that are no names, venue,
    year, identifier or address."""
    def title_like(cell: str) -> bool:
        return (len(cell.split()) >= 2 and not BARE_ADDRESS.search(cell) and not lenient_names(cell)
                and not looks_like_venue(cell) and not re.fullmatch(r"[\W\d_]*(?:19|20)\d\d[\W\d_]*", cell))
    chosen = max((index for index, cell in enumerate(cells) if title_like(cell)),
                 key=lambda index: len(cells[index].split()), default=None)
    return chosen


def rows_of_cells(text: str) -> bool:
    """A block whose lines are rows of quoted, delimited cells (a CSV or an RST csv-table's body),
    one wrapped inside a quoted cell at most every other line: rows, each an entry of its own."""
    lines = [line for line in text.split("\n") if line.strip()]
    rows = sum(bool(_QUOTED_ROW.match(line)) for line in lines)
    return rows >= 2 and 2 * rows >= len(lines)


_JSON_LINE = re.compile(r'^\s*(?:[\[{\]}],?\s*$|[{\[]?\s*"[^"\n]{1,40}"\s*:)')


def json_text(text: str) -> bool:
    """A block of JSON (`"key": value` lines, braces and brackets): data whose values may be a
    paper's fields, each read by its line, never one reference."""
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= 2 and 2 * sum(bool(_JSON_LINE.match(line)) for line in lines) >= len(lines)


def ends_entry(title: str, line: str) -> bool:
    """Whether `line`, under the taken line `title` rewritten by its parts, is past its entry: the
    next message of a chat, a line less indented (the end of the element or object holding it), a
    closing tag at its indentation or a sibling element, or the next row of delimited cells."""
    if _CHAT_PREFIX.match(title) or _cell_row(title) is not None or tuple_row(title) is not None:
        return True
    if (separator := _row_separator(title, (), [line])) is not None:  # the next row of cells like it
        return len(separator.findall(line.strip())) >= 2
    if (depth := tree_depth(title)) is not None:  # a tree node's lines are its children's
        below = tree_depth(line)
        return below is not None and below <= depth
    if title_line(title) == title and not _QUOTED_ROW.match(title):
        return False
    if _QUOTED_ROW.match(title):
        return bool(_QUOTED_ROW.match(line))
    indent = len(title) - len(title.lstrip())
    own = len(line) - len(line.lstrip())
    if own <= indent and _LIST_MARKER.match(title.lstrip()) and _LIST_MARKER.match(line.lstrip()):
        return True  # the next item of the list the taken line opens an item of
    opening = _ELEMENT.match(title)
    return own < indent or (own == indent and (line.lstrip().startswith("</") or (
        opening is not None and line.lstrip().startswith(f"<{opening['name']}"))))


def field_line(line: str) -> str:
    """A line under a taken one, as a part of its entry: an element's text, the values of its
    keys, or the line as it is."""
    if _TREE_STEM.match(line):  # `│   │`: a tree's drawing alone
        return ""
    line = markdown_links(address_first(without_branch(line)))
    if (element := _element(line, titled=False)) is not None:
        return element
    if (text := _element_text(line)) is not None:  # `<dc:creator>Names</dc:creator>`: its text
        return text[1] if text[0].split(":")[-1].lower() not in _NO_FIELD_ELEMENTS else ""
    values = [_unquoted(found["value"] if found["value"] is not None else found["bare"])
              for found in _QUOTED_PAIR.finditer(line) if not found["key"].startswith("@")]
    if values:
        return " ".join(value for value in values if value and not value.startswith(("@", "http"))
                        ) + "".join(f" {value}" for value in values if value.startswith("http"))
    if (pair := _KEY_VALUE.match(line)) is not None:
        return _unquoted(pair["value"])
    if tagged := _TAGGED.match(line):  # `%B Venue`, `PY  - 2019`: the value
        # an abstract, keywords or notes (`%X`, `%K`, `AB  -`) say nothing a paper is read by; an
        # author's line is one person, read apart (tagged_authors)
        tag = tagged["tag"].strip(" -").lstrip("%")
        return "" if tag in _PROSE_TAGS or _AUTHOR_TAG.fullmatch(tag) else tagged["value"].strip()
    if _OPENING_KEY.match(line):  # `"author": [`, `],`: structure, no words
        return ""
    parts = [part.strip() for part in _NAME_SEPARATOR.split(line.strip())]
    if len(parts) > 1 and all(lenient_names(part) for part in parts):  # `A Name · B Name · C Name`
        return ", ".join(parts)
    return line


def tagged_authors(lines: list[str]) -> tuple[tuple[str, ...], bool]:
    """The authors of a tagged record's lines (`%A Hochreiter, Sepp`, `AU  - Hochreiter, Sepp`,
    `A1  - …`): one person a line, kept as written, in their order; and whether a line says there
    are more (`%A et al.`)."""
    values = [tagged["value"].strip() for line in lines if (tagged := _TAGGED.match(line))
              and _AUTHOR_TAG.fullmatch(tagged["tag"].strip(" -").lstrip("%"))]
    return (tuple(value for value in values if not _MORE_AUTHORS.fullmatch(value)),
            any(_MORE_AUTHORS.fullmatch(value) for value in values))


def tagged_venue(lines: list[str]) -> str:
    """The container a tagged record names (`%J Neural Computation`, `%B …`, `T2  - …`), an arXiv
    number in it (`arXiv preprint arXiv:1812.04754`) left to the id it is."""
    return next((re.sub(r"\s*arXiv:\s*\d{4}\.\d{4,5}(?:v\d+)?", "", tagged["value"]).strip(" ,")
                 for line in lines if (tagged := _TAGGED.match(line))
                 and tagged["tag"].strip(" -").lstrip("%") in _VENUE_TAGS), "")


def joined_names(fields: list[str]) -> list[str]:
    """Field lines with each run of lines of one name (`Daniel Soudry`, `Elad Hoffer`, one a line
    as a data file or an outline lists them) as one line of names."""
    out: list[str] = []
    run: list[str] = []
    for field in [*fields, ""]:
        one = lenient_names(field)
        if field and one and len(one[0]) == 1 and not re.search(r"\d", field):
            run.append(field.strip(" ,"))
            continue
        if run:
            out.append(", ".join(run))
            run = []
        if field:
            out.append(field)
    return out


def _without_sender(line: str) -> str:
    return _SENDER.sub("", _CHAT_PREFIX.sub("", line, count=1), count=1)


def _unquoted(value: str) -> str:
    return html.unescape(value.replace('\\"', '"'))


def _element(line: str, titled: bool = True) -> str | None:
    """`<outline text="Title" _note="Names&#10;Venue Year" url="…"/>`: the text, as a title with its
    notes and its address; None for a line that is no such element."""
    found = _ELEMENT.match(line)
    if found is None:
        return None
    attributes = {m["key"].lower(): html.unescape(m["double"] if m["double"] is not None else m["single"])
                  for m in _ATTRIBUTE.finditer(found["attributes"])}
    text = next((attributes[key] for key in _TEXT_ATTRIBUTES if attributes.get(key, "").strip()), "")
    if not text:
        return None
    notes = [attributes[key] for key in _NOTE_ATTRIBUTES if attributes.get(key, "").strip()]
    address = next((attributes[key] for key in _ADDRESS_ATTRIBUTES if attributes.get(key, "").strip()), "")
    parts = [f"**{text.strip()}**" if titled else text.strip(),
             *(part.strip() for note in notes for part in note.split("\n") if part.strip())]
    if address:
        parts.append(f"[link]({address})" if not address.startswith("#") else f"[{text.strip()}]({address})")
        if address.startswith("#"):
            return parts[-1]
    return " — ".join(parts)


def _row(line: str, before: list[str]) -> str | None:
    """A row of delimited cells, as pipe cells (`Title | Names | Venue | 2016 | link`), the title
    first when a header above names its column."""
    delimiter = "\t" if "\t" in line else ";" if re.search(r"\"\s*;", line) else ","
    try:
        cells = [cell.strip() for cell in next(csv.reader([line.strip()], delimiter=delimiter,
                                                          skipinitialspace=True))]
    except (csv.Error, StopIteration):
        return None
    if len(cells) < 3:
        return None
    at = _title_column(before, delimiter, len(cells))
    if at is not None and cells[at]:
        cells = [cells[at], *cells[:at], *cells[at + 1:]]
        return f"**{cells[0]}** — " + " — ".join(cell for cell in cells[1:] if cell)
    return " | ".join(cell if cell else "-" for cell in cells)


def _title_column(before: list[str], delimiter: str, width: int) -> int | None:
    """The column a header line above names the title's (`:header: "Title", "Authors", …`, a CSV's
    first line), looking back over the rows above to the nearest such header."""
    for line in reversed(before[-40:]):
        text = re.sub(r"^\s*:?[\w-]*:\s*(?=\")", "", line.strip())  # an option naming it, `:header:`
        if not text.startswith('"') and delimiter not in text:
            continue
        try:
            row = next(csv.reader([text], delimiter=delimiter, skipinitialspace=True))
            cells = [cell.strip() for cell in row]
        except (csv.Error, StopIteration):
            continue
        named = [at for at, cell in enumerate(cells) if _TITLE_COLUMN.match(cell)]
        if named and len(cells) == width:
            return named[0]
    return None


# A tagged record's line: refer/EndNote `%T Title`, RIS-like `TI  - Title`
_TAGGED = re.compile(r"^\s*(?P<tag>%[A-Z0-9@!#$&()*+^|]|[A-Z][A-Z0-9]\s{1,2}-)\s+(?P<value>\S.*)$")
_TITLE_TAGS = {"T", "TI", "T1"}
_PROSE_TAGS = {"X", "K", "Z", "AB", "KW", "N1", "N2"}
_AUTHOR_TAG = re.compile(r"A|AU|A[1-4]")
_MORE_AUTHORS = re.compile(r"(?:et al\.?|others|\.\.\.|…)", re.IGNORECASE)
_VENUE_TAGS = ("J", "B", "JO", "JF", "T2", "BT")
# A LaTeX row of `&`-separated cells ending in `\\` (a tabular's or longtable's)
_CELL_SPLIT = re.compile(r"(?<!\\)&")
_ROW_END = re.compile(r"\\\\\s*(?:\\(?:hline|midrule|addlinespace|toprule|bottomrule)\b.*)?$")
_HREF = re.compile(r"\\href\{(?P<url>[^{}]*)\}\{(?P<text>(?:[^{}]|\{[^{}]*\})*)\}")
_STYLED_COMMAND = re.compile(r"\\(?:textit|emph|textbf|textsc|textsl|mbox)"
                             r"\{(?P<text>(?:[^{}]|\{[^{}]*\})*)\}")
_DROPPED_COMMAND = re.compile(r"\\(?:textsuperscript|footnote|cite|label)\{(?:[^{}]|\{[^{}]*\})*\}|\$[^$]*\$")
_URL_COMMAND = re.compile(r"\\url\{(?P<url>[^{}]*)\}")


def _cell_row(line: str) -> str | None:
    """A LaTeX row (`\\href{url}{Title}\\textsuperscript{$\\star$} & Names & Venue & 2019 \\\\`): its
    cells, the title's first (the cell of a link or italics, else the first of words), its link last."""
    if not _ROW_END.search(line) or len(cells := _CELL_SPLIT.split(_ROW_END.sub("", line))) < 3:
        return None
    read, links, title = [], [], None
    for cell in cells:
        text = _DROPPED_COMMAND.sub("", cell)
        if found := _HREF.search(text):
            links.append(found["url"])
            text = _HREF.sub(lambda m: m["text"], text)
            title = title if title is not None else len(read)
        if found := _STYLED_COMMAND.search(text):
            title = title if title is not None else len(read)
            text = _STYLED_COMMAND.sub(lambda m: m["text"], text)
        text = _URL_COMMAND.sub(lambda m: m["url"], text).replace("~", " ").replace("\\&", "&")
        read.append(re.sub(r"\s+", " ", text.replace("{", "").replace("}", "")).strip())
    if title is None:
        title = _words_cell(read)
    if title is None or not read[title]:
        return None
    parts = [f"**{read[title]}**", *(cell for at, cell in enumerate(read) if at != title and cell)]
    return " — ".join(parts + [f"[link]({url})" for url in links])


# A grid table's row line (`| 4 | Title, first line | Names |`) and border (`+----+====+`)
_GRID_ROW = re.compile(r"^\s*\|.*\|\s*$")
_GRID_BORDER = re.compile(r"^\s*\+[-=:+]+\+\s*$")
_MARKER_END = re.compile(r"[\s★☆*†‡✓✔]+$")


def _grid_above(before: list[str] | tuple) -> int | None:
    """How many row lines of a grid table are above, up to its border; None when no border is."""
    count = 0
    for line in reversed(before):
        if _GRID_BORDER.match(line):
            return count
        if not _GRID_ROW.match(line):
            return None
        count += 1
    return None


def grid_lines(given: list[str], before: list[str] | tuple) -> tuple[list[str], int] | None:
    """The lines of the grid table row holding given[0] (`before` being the lines above it), and
    how many of `given` it spans; None when given[0] is in no grid table row."""
    above = _grid_above(before) if given and _GRID_ROW.match(given[0]) else None
    if above is None:
        return None
    below = 0
    while below < len(given) and _GRID_ROW.match(given[below]):
        below += 1
    return [*before[len(before) - above:], *given[:below]], below


def grid_row(row: list[str], before: list[str] | tuple) -> str:
    """A grid table's row, its cells' lines joined (a title wrapped over lines is one), as the
    title's cell first (the column a header names, else the first of words) and the others."""
    border = next((line for line in reversed(before) if _GRID_BORDER.match(line)), "")
    cuts = [at for at, char in enumerate(border) if char == "+"]
    cells = _grid_cells(row, cuts)
    if not cells:
        return " ".join(line.strip(" |") for line in row)
    at = None
    header_end = next((index for index in range(len(before) - 1, -1, -1)
                       if _GRID_BORDER.match(before[index]) and "=" in before[index]), None)
    if header_end is not None:
        start = header_end - 1
        while start > 0 and _GRID_ROW.match(before[start - 1]):
            start -= 1
        header = _grid_cells(before[start:header_end], cuts)
        at = next((index for index, cell in enumerate(header) if _TITLE_COLUMN.match(cell.split(" ")[0])),
                  None)
    if at is None or at >= len(cells) or not cells[at]:
        at = _words_cell(cells) or 0
    title = _MARKER_END.sub("", cells[at])
    rest = [cell for index, cell in enumerate(cells)
            if index != at and cell and not re.fullmatch(r"[\d#.]+", cell)]
    return " — ".join([f"**{title}**", *rest])


def _words_cell(cells: list[str]) -> int | None:
    """The first cell of words that are no names (a title's, in a row with no header naming it)."""
    return next((at for at, cell in enumerate(cells) if len(cell.split()) >= 2 and not lenient_names(cell)),
                None)


def _grid_cells(row: list[str], cuts: list[int]) -> list[str]:
    if len(cuts) < 2:
        return []
    columns: list[list[str]] = [[] for _ in cuts[1:]]
    for line in row:
        for index, (start, end) in enumerate(zip(cuts, cuts[1:], strict=False)):
            part = line[start + 1:end].strip(" |")
            if part:
                columns[index].append(part)
    return [re.sub(r"(?<=\w-) (?=\w)", "", " ".join(column)) for column in columns]


# An element holding text on one line (`<title>Title</title>`, `<title><![CDATA[Title]]></title>`)
_ELEMENT_TEXT = re.compile(r"^\s*<(?P<name>[A-Za-z][\w:.-]*)(?:\s[^<>]*)?>(?P<text>.*?)</(?P=name)>\s*$")
_CDATA = re.compile(r"<!\[CDATA\[(?P<text>.*?)\]\]>", re.DOTALL)
_INNER_ITALIC = re.compile(r"<(?P<tag>em|i|cite)\b[^<>]*>(?P<text>[^<>]*)</(?P=tag)>", re.IGNORECASE)
_INNER_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_TITLE_ELEMENTS = {"title", "headline", "name", "articletitle"}
_NO_FIELD_ELEMENTS = {"guid", "id", "pubdate", "updated", "published", "lastbuilddate", "date"}


def _element_text(line: str) -> tuple[str, str] | None:
    """An element and its text, CDATA and entities read, when the line is that element alone."""
    found = _ELEMENT_TEXT.match(line)
    if found is None:
        return None
    text = html.unescape(_CDATA.sub(lambda m: m["text"], found["text"]))
    if "<" in text:  # markup inside (`<p><em>ICLR 2023</em></p>` in CDATA): italics kept, tags dropped
        text = _INNER_TAG.sub("", _INNER_ITALIC.sub(lambda m: f"*{m['text'].strip()}*", text))
    text = text.strip()
    return (found["name"], text) if text and "<" not in text else None


# A citation key before a title (`[c19] `, `[j6] `, `[14] `, `c19] ` once a reader took its `[`)
_KEY_MARKER = re.compile(r"^\[?[A-Za-z]{0,3}\d{1,4}[a-z]?\]\s+(?=\S)")
# A string's escaped line end left on a title read from data (`Title\n`)
_ESCAPED_END = re.compile(r"(?:\\[nrt])+$")
_SURNAME = r"[A-ZÀ-Þ][\w'’-]+"
# Surnames joined (`Belkin, Ma & Mandal`, `Arpit et al.`, `Smith & Le`), then an optional parenthesis
# (`(NeurIPS 2020)`): a head of names
_SURNAMES = re.compile(rf"^(?P<names>{_SURNAME}(?:(?:,\s+|\s+&\s+|\s+and\s+){_SURNAME})*(?:,?\s+et\s+al\.?)?)"
                       r"(?:\s+\([^()]{2,40}\))?$")
# A parenthesis stating a year after a title, and what follows it (a link, a remark): no part of it
_DATED_PARENTHESIS = re.compile(r"^(?P<title>.{10,}?)\s+\([^()]*\b(?:19|20)\d\d\b[^()]*\)(?:[\s,.;:—–-].*)?$")
_SEPARATOR = re.compile(r":\s+|,\s+")
_TAIL = re.compile(r"^(?P<rest>.{10,}?)(?P<separator>\s+--?\s+|\s+[—–]\s+|,\s+)"
                   r"(?P<tail>[^,:;()]+(?:,\s+[^,:;()]+)*)$")


def title_extent(title: str, one_name: bool = False) -> str:
    """A title read from a taken line, without what its line adds around it in no markup: a
    citation key before it (`[c19] `), an escaped line end after it (`\\n`), a head of names
    (`A. Name, B. Name: Title`, `Belkin, Ma & Mandal, Title`, `Brown et al. (NeurIPS 2020): Title`)
    and a tail of names (`Title -- Hardt, Recht, Singer`, `Title, Francis Bach`). `one_name`: a
    single full name before a colon is a head of names too (where the list's other entries say
    `Names: Title`; alone, `Neural Tangents: …` may be a title's)."""
    return extent_and_head(title, one_name)[0]


def extent_and_head(title: str, one_name: bool = False) -> tuple[str, str]:
    """The title to its extent (title_extent), and the head of names cut before it, if any: the
    paper's authors as the line states them (`A. Name, B. Name: Title`)."""
    text = _ESCAPED_END.sub("", _KEY_MARKER.sub("", title.strip())).strip()
    heads = [found for found in _SEPARATOR.finditer(text) if ":" not in text[:found.start()]]
    names = ""
    for found in reversed(heads):  # the longest head of names: `Hoffer, Hubara & Soudry, Title`
        head, rest = text[:found.start()], text[found.end():]
        if len(rest) >= 10 and (found.group(0).startswith(":") or rest[:1].isupper() or rest[:1] in "\"“") \
                and _names_head(head, found.group(0), one_name):
            text, names = rest.strip(), head.strip()
            break
    # `Title (Names; Venue 2023) https://…`, `Title (ICLR 2018), no arXiv`
    if found := _DATED_PARENTHESIS.match(text):
        text = found["title"].strip()
    if (found := _TAIL.match(text)) and _names_tail(found["tail"], found["separator"]) \
            and (found["separator"].strip() != ","
                 or (len(found["rest"].split()) >= 4 and "," not in found["rest"])):
        text = found["rest"].strip()
    return (text, names) if text else (title, "")


def names_before_colon(title: str) -> bool:
    """Whether a title opens with two full names or more and a colon (`A. Name, B. Name: Title`)."""
    head = _KEY_MARKER.sub("", title.strip()).split(": ", 1)
    return len(head) == 2 and len(head[1]) >= 10 and _names_head(head[0], ": ")


def _names_head(head: str, separator: str, one_name: bool = False) -> bool:
    """Names before a title: surnames joined by `,`/`&`/`and`/`et al.` (two at least, or et al.),
    or full names before a colon, two at least (one alone may be a title's: `Neural Tangents:`)."""
    # `&`, `et al.` or (before a colon) a comma says names; `and` alone does not (`Sharpness,
    # Flatness and Generalization, …`, `Depth and Width: …` are titles')
    joined = r",|&|et al" if separator.lstrip().startswith(":") else r"&|et al"
    if (found := _SURNAMES.match(head.strip())) and re.search(joined, found["names"]):
        return True
    names = lenient_names(head) if separator.lstrip().startswith(":") else None
    words = [word for name in (names[0] if names else []) for word in name.split()]
    return bool(names and len(names[0]) >= (1 if one_name else 2)
                and all(len(name.split()) >= 2 for name in names[0])
                and all(word[:1].isupper() and word.lower() not in FUNCTION_WORDS for word in words))


def _names_tail(tail: str, separator: str) -> bool:
    """Names after a title: surnames joined after a dash (`-- Hardt, Recht, Singer`), or one full
    name after a comma (`, Francis Bach`), no word of it one a title has."""
    if separator.strip(" ,") and (found := _SURNAMES.match(tail.strip())) and "(" not in tail:
        return bool(re.search(r",|&|\band\b|et al", found["names"]))
    words = tail.split()
    # `Francis Bach`, `Francis R. Bach` (`, Trainable Neural Networks` is a title's)
    initial = len(words) == 3 and re.fullmatch(r"[A-Z]\.", words[1])
    return bool(separator.strip() == "," and (len(words) == 2 or initial) and "," not in tail
                and looks_like_name(tail.strip()) and not title_words({word.lower() for word in words})
                and all(word[:1].isupper() and word.lower() not in FUNCTION_WORDS for word in words))
