"""The markdown tree walk every parser shares: list items with their section and line.

markdown-it-py does the parsing, so lists, nesting, emphasis and links follow CommonMark
instead of guesses over raw lines; parsers then read each item's inline spans. The `auto`
reader asks for headings, table rows and reference paragraphs too (`blocks=True`): lists in
styles never seen put their papers there as well (`#### 3. [Title](url)`, `| Title | Authors |
Year |`, a paragraph `**Title.** Authors. *Venue*, 2019.` with a `> note` quote under it).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.token import Token

from atlas.build.errors import InputError
from atlas.build.names import looks_like_name, split_names
from atlas.build.parsers.dialects import as_markdown
from atlas.build.parsers.field_records import Record
from atlas.build.parsers.html_items import HARD_BREAK, html_items
from atlas.build.parsers.plain_lines import MARGIN_ITEM, segment_tokens
from atlas.build.parsers.reading_sentences import cites_a_reading
from atlas.build.parsers.record_regions import find_regions
from atlas.build.records import SourceText, positional_constructor
from atlas.build.text import collapse_spaces

# markdown-it silently drops what is nested deeper than maxNesting levels (a list item is two: its
# list and itself), which the commonmark preset sets at 20: a tenth nested list lost its items.
# Well below the raised limit, a document nested this deep is refused instead, naming its line.
_MAX_NESTING = 60
_DEEPEST_READ = 40
_MARKDOWN = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING})
CHUNK_LINES = 20_000
# A link reference definition (CommonMark 4.7).
_LINK_DEFINITION = re.compile(r"\[(?:[^\]\\\n]|\\.)+\]:")  # anywhere, at any depth: a chunk never guesses
# GitHub's tables, read only for `blocks`: the dedicated parsers keep reading plain CommonMark.
_WITH_TABLES = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).enable("table")
_REFERENCE = re.compile(r"^\[\d{1,3}\]\s+\S")  # a numbered reference opening a line: `[12] A. Author…`
_QUOTE_MARKS = ('"', "“", "«")
_AUTHOR_OPENING = re.compile(  # `Garg, Shivam, et al. "Title."`, `Zhang, C. (2017). Title.`
    r"^[A-ZÀ-Þ][\w'’-]+(?: [a-z]{1,3})?(?: [A-ZÀ-Þ][\w'’-]+)?, (?:[A-ZÀ-Þ]\.|[A-ZÀ-Þ][a-zß-ÿ]+)"
    r"[^\n\"“]{0,300}?(?:[.,] [\"“]|\((?:19|20)\d\d[a-z]?\)|\. (?:19|20)\d\d\. )")
# `- <details><summary>Digest</summary> text</details>` as a list item, the text on the same line
# or in the paragraphs after it: a field named by its summary, read as `Digest: text` would be.
_SUMMARY_FIELD = re.compile(
    r"^\s*<details\b[^>]*>\s*<summary\b[^>]*>\s*(?P<label>[^<>]{1,40}?)\s*:?\s*</summary>"
    r"(?P<body>(?:(?!<li\b|<a\b|<ul\b|<ol\b).)*?)(?:</details>)?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_STYLE_OF = {"em_open": "em", "strong_open": "strong", "link_open": "link"}
# A line opening an entry of a sequence that is no list: a footnote definition (`[^4]:`), a
# sub-number (`2.2`), a citation (`.. [Key]`, `[Key]`), an admonition or callout (`!!! paper`,
# `[!paper]-`), a bullet character no markdown list reads (`•`, `▪`, `‣`).
SEQUENCE_OPENER = re.compile(
    r"^\s*(?:\[\^[^\]\s]+\]:|\d{1,3}(?:\.\d{1,3})+\.?\s|\.\.\s+\[[^\]]+\]|\[[A-Za-z][\w+-]{1,30}\]\s|"
    r"[!?]{3}\+?\s|\[![\w-]+\][+-]?|[•▪‣◦]\s)")
_HTML_TAG = re.compile(r"<[^>]*>")
_HTML_BLOCK_OPENS = re.compile(r"^\s*<(?:div|p|dd|dt|section|article|blockquote|figcaption)\b", re.IGNORECASE)
NOTE_LINE = re.compile(r"^\s*(?:↳|→|⤷|➜|⇒|->)\s*")
_HARD_BREAK_END = re.compile(r"(?: {2,}|\\|\s*<br\s*/?>\s*)$", re.IGNORECASE)
# `Title: https://arxiv.org/abs/… <br/>`: a line of words closed by an address (which words are the
# title, reference.py reads)
_TITLED_ADDRESS_LINE = re.compile(r"\w[^\s:]*:?\s+https?://\S+\s*(?:<br\s*/?>)?\s*$", re.IGNORECASE)
_LINKED_NAME = re.compile(r"(?:[A-Z]\.\s?)*[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,2}")
_LINK_TEXT = re.compile(r"\[(?P<text>[^\[\]\n]+)\]\([^)\s]+\)")
_BOLD_LABEL = re.compile(r"^(?P<lead>\s*)\*\*(?P<key>[A-Za-z][\w ]{0,20}?)\s*:\s*\*\*:?\s*")


@dataclass(frozen=True, slots=True)
class Span:
    """A run of inline text with one style: text, em, strong, link or code."""

    style: str
    text: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class ListItem:
    line: int  # 1-based line of the item's first line
    item: int  # 0 for the first item opening on its line, 1 for one nested on the same line…
    depth: int  # 1 for a top-level item; 0 for a heading or a table row
    section: tuple[str, ...]  # heading path above the item
    spans: tuple[Span, ...]  # inline content of the item's first paragraph
    raw: str  # the item's own markdown as written, nested items excluded
    parent: int | None  # index of the enclosing item in the document's item list
    ordered: bool
    hidden: bool
    wrapper: bool = False  # holds no text, only a list nested on its own line (`* * Title`)
    # item (of a list), heading, row (of a table's body), reference (`[3] …`) or paragraph (one
    # opening with a marked title: `**Title.** …`, `[Title](url) …`, `"Title" …`)
    block: str = "item"
    level: int = 0  # a heading's level: 1 for `#`
    cells: tuple[tuple[Span, ...], ...] = ()  # a table row's cells
    columns: tuple[str, ...] = ()  # a table row's column names, from the table's header
    cell_lines: tuple[int, ...] = ()  # 1-based line of each cell of an HTML row written over lines
    notes: str = ""  # a heading's paragraphs, up to the next heading, list or table; a paragraph's quote
    record: str = ""  # a record of fields (block `record`): its structure (yaml, org, bibtex…)
    byline: int = 0  # 1-based line of a loose item's byline paragraph read as part of its own line

    @property
    def text(self) -> str:
        """The item's plain text, link texts included, markdown removed."""
        return "".join(span.text for span in self.spans if span.style != "image").strip()

    @property
    def links(self) -> list[Span]:
        return [span for span in self.spans if span.style == "link"]


_list_item = positional_constructor(ListItem, "_list_item")  # ListItem(...) in half the time


def _check_depth(tokens: list[Token], document: SourceText, first_line: int = 0) -> None:
    for token in tokens:
        if token.level >= _DEEPEST_READ and token.map:
            raise InputError(document.path, f"lists or quotes nested more than {_DEEPEST_READ // 2} deep",
                             first_line + token.map[0] + 1)


def list_items(document: SourceText, blocks: bool = False) -> list[ListItem]:
    """Every list item of a document, in order, each with its heading path; with `blocks`, every
    heading and table body row too, in the order of the document."""
    items: list[ListItem] = []
    for chunk in item_chunks(document, blocks=blocks):
        offset = len(items)
        items.extend(item if item.parent is None else replace(item, parent=item.parent + offset)
                     for item in chunk)
    return items


def item_chunks(
    document: SourceText, chunk_lines: int = CHUNK_LINES, blocks: bool = False
) -> Iterator[list[ListItem]]:
    """The document's list items, a chunk of about `chunk_lines` lines at a time, so a list of a
    million entries never has all its tokens in memory. `parent` indexes the item's own chunk.

    A chunk ends only before a list item at the margin after a blank line, where no block but a
    fenced code or HTML block can go on: a chunk whose last such block runs to its end is joined
    with the next. A document defining a link reference (which any line may use) is one chunk.
    The items are those the whole document would give (tests/test_parsers.py checks each list).

    With `blocks` (the `auto` reader) the document is always one chunk: there a heading's notes,
    a quote noting the paragraph above it, a table's header and an HTML block's `<li>` items all
    carry state from one block to the next, which a cut between two chunks could lose or misread,
    so chunking is not known to be safe and `auto` lists are read whole, as before."""
    original_lines = document.original.split("\n")
    if blocks:
        lines = document.markdown.split("\n")
        regions = find_regions(lines)
        for region in regions:  # lines read as records are read no other way
            lines[region.start:region.end] = [""] * (region.end - region.start)
        lines = as_markdown(lines)
        tokens = _WITH_TABLES.parse("\n".join(lines))
        _check_depth(tokens, document)
        records = [record for region in regions for record in region.records]
        walk = _Walk(document, blocks=True, records=records)
        yield _chunk_items(tokens, document, original_lines, walk)
        return
    lines = document.markdown.split("\n")
    headings: list[tuple[int, str]] = []
    defines = bool(_LINK_DEFINITION.search(document.markdown))
    ends = _chunk_ends(lines, chunk_lines) if not defines else []
    start = 0
    for end in [*ends, len(lines)]:
        if end < len(lines) and end - start < chunk_lines:
            continue
        if defines:  # a reference may be used anywhere: markdown-it reads the document whole
            tokens = _MARKDOWN.parse("\n".join(lines[start:end]))
        else:
            tokens = segment_tokens(lines[start:end], _MARKDOWN)
        if end < len(lines) and _runs_to_its_end(tokens, end - start):
            continue
        _check_depth(tokens, document, start)
        walk = _Walk(document, blocks=False, first_line=start, headings=headings)
        yield _chunk_items(tokens, document, original_lines, walk)
        start = end


def segment_ends(document: SourceText, segment_lines: int = CHUNK_LINES) -> list[int] | None:
    """Where a list-items-only document may be cut into segments read apart (see `item_chunks`):
    the end line of each segment but the last, about `segment_lines` apart. None when the
    document defines a link reference, which any line may use: it is read whole."""
    if _LINK_DEFINITION.search(document.markdown):
        return None
    lines = document.markdown.split("\n")
    ends, start = [], 0
    for end in _chunk_ends(lines, segment_lines):
        if end - start >= segment_lines:
            ends.append(end)
            start = end
    return ends


def read_segment(
    document: SourceText, lines: list[str], original_lines: list[str], start: int, end: int,
    headings: list[tuple[int, str]],
) -> list[ListItem] | None:
    """The list items of lines [start, end), as `item_chunks` reads a chunk: `headings` is the
    heading path open at `start`, and is left as the path open at `end`. None when a fenced code
    or HTML block runs to the segment's end, so that the cut is not safe there."""
    tokens = segment_tokens(lines[start:end], _MARKDOWN)
    if end < len(lines) and _runs_to_its_end(tokens, end - start):
        return None
    _check_depth(tokens, document, start)
    walk = _Walk(document, blocks=False, first_line=start, headings=headings)
    return _chunk_items(tokens, document, original_lines, walk)


def follow_headings(document: SourceText, headings: list[tuple[int, str]], heading_lines: list[str]) -> None:
    """Update the open heading path with the given heading lines, as the walk reads headings."""
    walk = _Walk(document, blocks=False, headings=headings)
    tokens = _MARKDOWN.parse("\n\n".join(heading_lines))
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            walk._heading(token, _spans(tokens[index + 1]))


def _chunk_items(
    tokens: list[Token], document: SourceText, original_lines: list[str], walk: _Walk
) -> list[ListItem]:
    """The items of one chunk's tokens, walked in order."""
    for index, token in enumerate(tokens):
        walk.step(tokens, index, token)
    walk.records_before(len(original_lines))
    return [_finished(item, original_lines) for item in walk.items]


def _chunk_ends(lines: list[str], chunk_lines: int) -> list[int]:
    """Lines a chunk may end before: an item at the margin, after a blank line."""
    return [
        number for number in range(chunk_lines, len(lines))
        if not lines[number - 1].strip() and MARGIN_ITEM.match(lines[number])
    ]


def _runs_to_its_end(tokens: list[Token], length: int) -> bool:
    """Whether a fenced code or HTML block of the chunk is still open at its last line."""
    return any(
        token.type in ("fence", "html_block") and token.map and token.map[1] >= length - 1
        for token in tokens
    )


class _Walk:
    """The state of one pass over the token stream: open items, headings, the table read.

    `first_line` is the chunk's first line in the document and `headings` the heading path the
    chunks before it left open (list items only: with `blocks` the document is one chunk)."""

    def __init__(
        self, document: SourceText, blocks: bool, first_line: int = 0,
        headings: list[tuple[int, str]] | None = None, records: list[Record] | None = None,
    ) -> None:
        self.document, self.blocks, self.first_line = document, blocks, first_line
        self.records = list(reversed(records or []))  # those not yet placed, the next one last
        self.items: list[dict] = []
        self.open_items: list[int] = []
        self.headings: list[tuple[int, str]] = [] if headings is None else headings
        self.ordered = False
        self.columns: list[str] = []
        self.html_columns: tuple[str, ...] = ()  # those of an HTML table a block left open
        self.row: dict | None = None
        self.in_head = False
        self.heading: dict | None = None  # the heading whose paragraphs are being read
        self.paragraph: dict | None = None  # the reference paragraph a quote right under it notes
        self.quoted = False  # inside a quote that is a paragraph's note

    def step(self, tokens: list[Token], index: int, token: Token) -> None:
        kind = token.type
        if self.records and token.map and token.level == 0:
            self.records_before(token.map[0])
        elif self.records and token.type == "fence" and self.open_items:  # a BibTeX block under an item
            self.records_before(token.map[1], parent=self.open_items[-1])
        if self.blocks and token.level == 0 and kind.endswith("_open"):
            self._block_opens(tokens, index, token)
        if kind == "heading_open":
            self._heading(token, _spans(tokens[index + 1], self.blocks))
        elif kind == "html_block" and self._summary_field(token):
            pass
        elif kind == "html_block" and self.blocks:
            self._html_block(token)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            self.ordered = kind == "ordered_list_open"
            self.heading = None
        elif kind == "list_item_open":
            self._item(token)
        elif kind == "list_item_close":
            self.open_items.pop()
        elif kind in ("table_open", "thead_open", "thead_close", "tr_open", "tr_close"):
            self._table(kind, token)
        elif kind == "inline" and self.row is not None:
            (self.columns if self.in_head else self.row["cells"]).append(_spans(token, self.blocks))
        elif kind == "inline" and self.open_items and self.items[self.open_items[-1]]["spans"] is None:
            item = self.items[self.open_items[-1]]
            item["spans"] = tuple(item.pop("field", ())) + _spans(token, self.blocks)
        elif kind == "inline" and self.blocks and not self.open_items and not self.quoted \
                and tokens[index - 1].type == "paragraph_open" and self.items \
                and self.items[-1] is self.paragraph and _part_of_title_paragraph(self.paragraph, token):
            self.paragraph["spans"] += (Span("text", HARD_BREAK),) + _spans(token, self.blocks)
            self.paragraph["byline"] = self.paragraph.get("byline") or self.first_line + token.map[0] + 1
            self.paragraph["own_end"] = token.map[1]
        elif kind == "inline" and self.blocks and self.open_items \
                and tokens[index - 1].type == "paragraph_open" \
                and _byline_of_bold_title(self.items[self.open_items[-1]], token):
            item = self.items[self.open_items[-1]]
            item["spans"] += (Span("text", HARD_BREAK),) + _spans(token, self.blocks)
            item["byline"] = self.first_line + token.map[0] + 1
        elif kind == "inline" and self.blocks and not self.open_items and _REFERENCE.match(token.content):
            self._references(token)
        elif kind == "inline" and self.blocks and not self.open_items and not self.quoted \
                and tokens[index - 1].type == "paragraph_open" and hard_broken_link_lines(token.content):
            self._link_lines(token)
        elif kind == "inline" and self.quoted and not self.open_items:
            text = "".join(span.text for span in _spans(token, True) if span.style != "image").strip()
            self.paragraph["notes"] = "\n".join(filter(None, [self.paragraph.get("notes", ""), text]))
        elif kind == "inline" and self.blocks and tokens[index - 1].type == "paragraph_open" \
                and token.level == 1 and (opens_with_title(token) or opens_with_authors(token)
                                          or defines_a_term(token)):
            self.paragraph = self._new(token.map[0], token.map[1], depth=0, parent=None)
            self.paragraph.update(block="paragraph", spans=_paragraph_spans(token))
            if self.heading:  # `**Authors:** …` under a paper heading: its byline as well
                self._heading_note(token)
        elif kind == "inline" and self.heading and not self.open_items:
            self._heading_note(token)
            if tokens[index - 1].type == "paragraph_open":
                self._line_groups(token)
        elif kind == "inline" and self.blocks and not self.open_items \
                and tokens[index - 1].type == "paragraph_open":
            self._line_groups(token)

    def records_before(self, line: int, parent: int | None = None) -> None:
        """Place the records of fields that open before `line` (0-based), in the order of the
        document: one item each, at the line of its title, holding its fields as named cells;
        those of a fenced block nested in a list item are nested in it."""
        while self.records and self.records[-1].start < line:
            record = self.records.pop()
            if parent is None:
                self.heading = self.paragraph = None
            depth = self.items[parent]["depth"] + 1 if parent is not None else 0
            item = self._new(record.title_line, record.end, depth=depth, parent=parent)
            title = next((field.values[0] for field in record.fields if field.line == record.title_line), "")
            item.update(block="record", record=record.structure, first=record.start, notes=record.notes,
                        spans=(Span("text", title),), columns=[field.key for field in record.fields],
                        cells=[tuple(Span("text", value) for value in field.values)
                               for field in record.fields],
                        cell_lines=tuple(field.line + 1 for field in record.fields))

    def _block_opens(self, tokens: list[Token], index: int, token: Token) -> None:
        """A quote right under a reference paragraph is its note; any other block ends it."""
        closed = index >= 2 and tokens[index - 1].type == "paragraph_close"
        right_under = closed and self.paragraph is not None \
            and self.paragraph["line"] == tokens[index - 2].map[0] + 1
        self.quoted = token.type == "blockquote_open" and right_under
        if not self.quoted and token.type != "paragraph_open":
            self.paragraph = None

    def _references(self, token: Token) -> None:
        """`[3] S. Shalev-Shwartz, O. Shamir. Failures of gradient-based deep learning. In ICML,
        2017.`: each numbered reference of a paragraph is an item, its lines up to the next one."""
        lines = token.content.split("\n")
        starts = [at for at, text in enumerate(lines) if _REFERENCE.match(text)]
        for start, end in zip(starts, starts[1:] + [len(lines)], strict=True):
            first = token.map[0] + start
            item = self._new(first, first + end - start, depth=0, parent=None)
            spans = _spans(_WITH_TABLES.parseInline("\n".join(lines[start:end]))[0], rich=True)
            item.update(block="reference", spans=spans)

    def _link_lines(self, token: Token) -> None:
        """`[Title](url)  ⏎ [Title](url)  ⏎ Surname (1951) [Title](url)`: lines of one paragraph
        joined by hard breaks, each holding its own link, are one entry each, as the items of a
        list would be; a line opening as a reference does is read as such a paragraph."""
        self.paragraph = None
        for at, line in enumerate(token.content.split("\n")):
            inline = _WITH_TABLES.parseInline(_HARD_BREAK_END.sub("", line))[0]
            item = self._new(token.map[0] + at, token.map[0] + at + 1, depth=0, parent=None)
            block = "paragraph" if opens_with_title(inline) or opens_with_authors(inline) else "block"
            item.update(block=block, spans=_spans(inline, rich=True))

    def _line_groups(self, token: Token) -> None:
        """A paragraph no structure claimed (at the margin or in a quote, `> [!paper]- Title`):
        each group of its lines is a block whose content the reader scores. A group opens at
        the first line and at each line opening a sequence (`[^4]:`, `2.2`, `.. [key]`, `!!!`);
        a line opening with an arrow (`↳ note`) is a note of its group."""
        lines = token.content.split("\n")
        for start, end in line_groups(lines):
            spans, notes = [], []
            for line in lines[start:end]:  # `**Authors:** …` under the first line: a field, as `Authors: …`
                (notes if spans and NOTE_LINE.match(line) else spans).append(
                    _BOLD_LABEL.sub(r"\g<key>: ", line) if spans else line)
            item = self._new(token.map[0] + start, token.map[0] + end, depth=0, parent=None)
            inline = _WITH_TABLES.parseInline("\n".join(spans))[0]
            item.update(block="block", spans=_spans(inline, rich=True),
                        notes="\n".join(NOTE_LINE.sub("", note) for note in notes))

    def _html_line_groups(self, token: Token) -> None:
        """A block of HTML holding no `<li>` nor `<tr>` (`<div class="csl-entry">…</div>`, `<p>`
        references): each group of its lines with text is a block whose content the reader scores."""
        lines = token.content.split("\n")
        for start, end in html_line_groups(lines):
            item = self._new(token.map[0] + start, token.map[0] + end, depth=0, parent=None)
            inline = _WITH_TABLES.parseInline("\n".join(lines[start:end]).strip())[0]
            item.update(block="block", spans=_spans(inline, rich=True))

    def _summary_field(self, token: Token) -> bool:
        """An item opening with `<details><summary>Digest</summary>`: its text is that field's,
        whether it follows on the same line or in the paragraph below (until `</details>`)."""
        item = self.items[self.open_items[-1]] if self.open_items else None
        found = _SUMMARY_FIELD.match(token.content)
        if item is None or item["spans"] is not None or "field" in item or not found:
            return False
        label = Span("text", f"{found['label']}: ")
        body = collapse_spaces(html.unescape(re.sub(r"<[^>]*>", " ", found["body"])))
        if body:
            item["spans"] = (Span("text", f"{found['label']}: {body}"),)
        else:
            item["field"] = (label,)
        return True

    def _html_block(self, token: Token) -> None:
        """The `<li>` items of raw HTML (`<details>` of `<li><a href>`), the `<summary>` above
        them as the last part of their section."""
        first = len(self.items)
        found_items = html_items(token.content, self.html_columns)
        if not found_items and not token.content.lstrip().startswith("<!--"):
            self._html_line_groups(token)
        for found in found_items:
            parent = first + found.parent if found.parent is not None else (
                self.open_items[-1] if self.open_items else None)
            start = token.map[0] + found.line
            if len(self.open_items) + found.depth > _DEEPEST_READ // 2:
                raise InputError(self.document.path, f"HTML lists nested more than {_DEEPEST_READ // 2} deep",
                                 start + 1)
            if found.cells is not None:  # a `<tr>`: a row, as a markdown table's
                self.html_columns = found.columns if "</table>" not in token.content.lower() else ()
                item = self._new(start, token.map[0] + found.end, 0, None)
                item.update(block="row", columns=found.columns,
                            cells=[tuple(Span(*span) for span in cell) for cell in found.cells],
                            cell_lines=tuple(token.map[0] + line + 1 for line in found.cell_lines))
            else:
                item = self._new(start, token.map[0] + found.end, len(self.open_items) + found.depth, parent)
                item["spans"] = tuple(Span(*span) for span in found.spans)
            if found.summary:
                item["section"] += (found.summary,)

    def _heading_note(self, token: Token) -> None:
        if token.map[0] + 1 != self.heading["line"]:  # not the heading's own text
            text = "".join(span.text for span in _spans(token, True) if span.style != "image").strip()
            self.heading["notes"] = "\n".join(filter(None, [self.heading.get("notes", ""), text]))

    def _heading(self, token: Token, spans: tuple[Span, ...]) -> None:
        level = int(token.tag[1:])
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        if self.blocks:
            self.heading = self._new(token.map[0], token.map[1], depth=0, parent=None)
            self.heading.update(block="heading", level=level, spans=spans)
        self.headings.append((level, "".join(span.text for span in spans if span.style != "image").strip()))

    def _table(self, kind: str, token: Token) -> None:
        self.heading = None
        if kind == "table_open":
            self.columns = []
        elif kind in ("thead_open", "thead_close"):
            self.in_head = kind == "thead_open"
        elif kind == "tr_open":
            self.row = {"cells": []} if self.in_head or not self.blocks else None
            if self.row is None:
                self.row = self._new(token.map[0], token.map[1], depth=0, parent=None)
                self.row.update(block="row", cells=[], columns=self.columns)
        elif kind == "tr_close":
            if self.in_head:
                self.columns = ["".join(span.text for span in cell).strip() for cell in self.columns]
            self.row = None

    def _item(self, token: Token) -> None:
        start, end = (self.first_line + line for line in token.map)
        parent_index = self.open_items[-1] if self.open_items else None
        depth = len(self.open_items) + 1
        same_line = 0
        if parent_index is not None:
            parent = self.items[parent_index]
            if parent["line"] == start + 1 and parent["spans"] is None:
                # `* * **Title**`: the outer item holds no text, only the list nested on its
                # line, so that list's items stand where the outer item stands.
                parent["wrapper"] = True
                same_line = parent["item"] + 1
                parent["own_end"] = start + 1
            else:
                parent["own_end"] = min(parent["own_end"], start)
            if parent.get("wrapper"):
                parent_index, depth = parent["parent"], parent["depth"]
        item = self._new(start, end, depth, parent_index)
        item.update(item=same_line, ordered=self.ordered)
        self.open_items.append(len(self.items) - 1)

    def _new(self, start: int, end: int, depth: int, parent: int | None) -> dict:
        item = {
            "line": start + 1,
            "item": 0,
            "depth": depth,
            "section": tuple(title for _, title in self.headings),
            "spans": None,
            "own_end": end,
            "parent": parent,
            "ordered": False,
            "hidden": (start + 1) in self.document.hidden_lines,
        }
        self.items.append(item)
        return item


def line_groups(lines: list[str]) -> list[tuple[int, int]]:
    """The (start, end) of each group of a paragraph's lines: a group opens at its first line
    and at each line opening a sequence (SEQUENCE_OPENER); a sentence citing a reading, in a
    syllabus written a sentence a line, is a group of its own."""
    citing = [cites_a_reading(line) for line in lines]
    starts = [0] + [at for at, line in enumerate(lines) if at and (
        SEQUENCE_OPENER.match(line) or citing[at] or citing[at - 1])]
    return list(zip(starts, starts[1:] + [len(lines)], strict=True))


def hard_broken_link_lines(content: str) -> bool:
    """A paragraph of two lines or more, each but the last ended by a hard break (two spaces, a
    backslash or `<br>`) and each holding a link with words for text, or an address after words
    (`Title: https://arxiv.org/abs/… <br/>`): a list written without bullets.
    `**Title**  ⏎ Names  ⏎ [pdf](url)` is one entry: its lines do not each hold such a link."""
    lines = content.split("\n")
    return len(lines) >= 2 and all(_HARD_BREAK_END.search(line) for line in lines[:-1]) \
        and all(any(_worded(found["text"]) for found in _LINK_TEXT.finditer(line))
                or _TITLED_ADDRESS_LINE.search(line) for line in lines) \
        and not any(_linked_names(line) for line in lines[1:])


def _linked_names(line: str) -> bool:
    """`[Ada Lovelace](…), [Charles Babbage](…)`, `by [Ada Lovelace](…)` under a title: a byline of
    linked names (two or three capitalized words each, nothing but separators between them), no
    entry of its own."""
    between = _LINK_TEXT.sub(" ", _HARD_BREAK_END.sub("", line))
    links = list(_LINK_TEXT.finditer(line))
    return (len(links) >= 2 or bool(re.search(r"\bby\b", between))) \
        and not re.sub(r"\b(?:and|by)\b|[\s,;&·|]", "", between) \
        and all(_LINKED_NAME.fullmatch(found["text"].strip()) for found in links)


def _worded(text: str) -> bool:
    """Two words or more (two letters or more each): a title's, not `[pdf]` nor `[1]`."""
    return sum(1 for word in text.split() if re.search(r"[^\W\d_]{2}", word)) >= 2


def html_line_groups(lines: list[str]) -> list[tuple[int, int]]:
    """The (start, end) of each group of lines with text in a block of HTML: a group opens at a
    line opening a block element (`<div`, `<p`, `<dd`…) or a sequence, or after a line of tags only."""
    groups: list[list[int]] = []
    open_group = False
    for at, line in enumerate(lines):
        if not _HTML_TAG.sub("", line).strip():
            open_group = False
            continue
        if not open_group or _HTML_BLOCK_OPENS.match(line) or SEQUENCE_OPENER.match(line):
            groups.append([at, at + 1])
        groups[-1][1] = at + 1
        open_group = True
    return [(start, end) for start, end in groups]


def opens_with_title(inline: Token) -> bool:
    """A paragraph opening as a reference does, with a marked title: bold, a link with text
    (not a badge), or a quote mark."""
    children = [child for child in inline.children or [] if child.type != "text" or child.content.strip()]
    if not children:
        return False
    first = children[0]
    if first.type == "link_open":
        return len(children) > 1 and children[1].type == "text"
    quoted = first.type == "text" and first.content.lstrip().startswith(_QUOTE_MARKS)
    return first.type == "strong_open" or quoted


def opens_with_authors(inline: Token) -> bool:
    """A paragraph opening with an inverted first author (`Surname, First`, `Surname, I.`) whose
    title follows in quotes or after a year (MLA, Chicago, APA, ACM): a Works Cited entry."""
    return bool(_AUTHOR_OPENING.match(inline.content))


def defines_a_term(inline: Token) -> bool:
    """A definition list (kramdown, PHP Markdown Extra): a bare term line, then `: definition`
    lines; a paper's title, then its authors, venue and links."""
    lines = inline.content.split("\n")
    return len(lines) >= 2 and bool(lines[0].strip()) and not lines[0].startswith(":") and all(
        line.startswith(": ") for line in lines[1:])


def _byline_of_bold_title(item: dict, inline: Token) -> bool:
    """A loose item's second paragraph, `  *Names* [[ICML20]](pdf)` under `- (tags) **Title.**`,
    when the first holds a bold title and nothing else a paper gives (no link, no other words
    than a few tags): that paragraph is the title's byline and venue, so it is read as a part
    of the item's own line, as `**Title.**<br>*Names* [[ICML20]](pdf)` would be."""
    spans = item["spans"]
    if item.get("byline") or item.get("block", "item") != "item" or not spans:
        return False
    bold = [span for span in spans if span.style == "strong"]
    others = "".join(span.text for span in spans if span.style not in ("strong", "image"))
    if len(bold) != 1 or len(others.strip()) > 60 or len(bold[0].text.split()) < 3 or "\n" in inline.content:
        return False
    if any(span.style == "link" for span in spans):  # `1. **Title**, *IEEE*, 2021. [paper](…)` over `Names.`
        return len(inline.content) <= 400 and _names_alone(inline.content.strip(" *_."))
    byline = _spans(inline, rich=True)
    return any(span.style == "link" for span in byline) or byline[0].style == "em"


def _names_alone(text: str) -> bool:
    """`Full Name, Full Name.`: a paragraph that is a byline and nothing else."""
    names, _ = split_names(text)
    return bool(names) and all(looks_like_name(name) for name in names)


def _part_of_title_paragraph(paragraph: dict, inline: Token) -> bool:
    """A paragraph of one line under a paragraph that is a bold title alone (`**Title**`, a tag
    or a folder in parentheses at most), as an entry written a part a paragraph is: the title,
    then its names (`Full Name, Full Name`), then its venue and link (`[NeurIPS'23](arXiv)`).
    The names, and the line with the first link, are parts of the title's entry, as
    `**Title**<br>Names<br>[Venue](url)` would write them; the next bold title opens another."""
    spans = [span for span in paragraph["spans"] or () if span.text.strip() or span.style == "link"]
    if paragraph.get("block") != "paragraph" or not spans or spans[0].style != "strong" \
            or any(span.style == "link" for span in spans):
        return False
    children = [child for child in inline.children or [] if child.type != "text" or child.content.strip()]
    labelled = len(children) > 1 and children[0].type == "link_open" and len(children[1].content.split()) <= 3
    if "\n" in inline.content or len(inline.content) > 160 or opens_with_authors(inline) \
            or (opens_with_title(inline) and not labelled):  # `[NeurIPS'23](…)`, not `**Title**`
        return False
    if not paragraph.get("byline"):  # the title alone so far: a short bold phrase, nothing else
        others = "".join(span.text for span in spans[1:] if span.style != "image")
        if len(spans[0].text.split()) < 3 or len(others.strip()) > 60 or "\n" in spans[0].text:
            return False
        if _names_alone(inline.content.strip(" *_")):
            return True
    return any(child.type == "link_open" for child in children)


def _paragraph_spans(inline: Token) -> tuple[Span, ...]:
    """A paragraph's spans; a defined term is its marked title and each definition a part of
    its own, as `**Title**<br>Authors<br>Venue` would write them."""
    if not defines_a_term(inline):
        return _spans(inline, rich=True)
    term, *definitions = inline.content.split("\n")
    text = f"**{term.strip()}**" + "".join(f"{HARD_BREAK}{line[2:].strip()}" for line in definitions)
    return _spans(_WITH_TABLES.parseInline(text)[0], rich=True)


def _finished(item: dict, original_lines: list[str]) -> ListItem:
    own_lines = original_lines[item.get("first", item["line"] - 1) : item["own_end"]]
    while own_lines and not own_lines[-1].strip():
        own_lines.pop()
    cells = tuple(item.get("cells", ()))
    spans = item["spans"] or ()
    if item.get("block") == "row":
        spans = tuple(span for number, cell in enumerate(cells)
                      for span in ((Span("text", " | "),) if number else ()) + cell)
    return _list_item(
        line=item["line"],
        item=item["item"],
        depth=item["depth"],
        section=item["section"],
        spans=spans,
        raw="\n".join(own_lines),
        parent=item["parent"],
        ordered=item["ordered"],
        hidden=item["hidden"],
        wrapper=item.get("wrapper", False),
        block=item.get("block", "item"),
        level=item.get("level", 0),
        cells=cells,
        columns=tuple(item.get("columns", ())),
        cell_lines=item.get("cell_lines", ()),
        notes=item.get("notes", ""),
        record=item.get("record", ""),
        byline=item.get("byline", 0),
    )


def _spans(inline: Token, rich: bool = False) -> tuple[Span, ...]:
    """The styled runs of an inline token. `rich` (for `auto`) reads inline HTML tags as the
    styles they stand for (`<a href>`, `<b>`, `<i>`, `<code>`) and keeps images (badges) as
    `image` spans; otherwise tags stay text and images are left out, as the parsers expect."""
    spans: list[Span] = []
    styles: list[tuple[str, str]] = []
    for child in inline.children or []:
        if rich and child.type in ("html_inline", "image"):
            _rich_span(child, styles, spans)
        elif rich and child.type in ("em_open", "strong_open") and styles and styles[-1][0] == "link":
            styles.append(styles[-1])  # `[*Title. ICLR 2014*](url)`: emphasis inside a link is its text still
        elif child.type in _STYLE_OF:
            styles.append((_STYLE_OF[child.type], str(child.attrs.get("href", ""))))
        elif child.type.endswith("_close") and styles:
            styles.pop()
        elif child.type in ("text", "html_inline", "code_inline", "softbreak", "hardbreak"):
            # a hard break (two spaces or a backslash at a line's end) is a `<br>`: `Title  ⏎ Authors`
            text = {"hardbreak": HARD_BREAK, "softbreak": "\n"}.get(child.type, child.content)
            style, url = styles[-1] if styles else ("text", "")
            # `[`[pdf]`](url)`: the link's text
            if child.type == "code_inline" and not (rich and style == "link"):
                style = "code"
            _add_span(spans, Span(style, text, url))
    return tuple(spans)


def _add_span(spans: list[Span], span: Span) -> None:
    if spans and spans[-1].style == span.style and spans[-1].url == span.url and span.style != "image":
        spans[-1] = Span(span.style, spans[-1].text + span.text, span.url)
    else:
        spans.append(span)


_TAG = re.compile(r"^<(?P<close>/)?(?P<tag>[a-zA-Z]+)(?P<attrs>[^>]*)>$")
_ATTRIBUTE = re.compile(
    r"""(?P<name>[a-zA-Z-]+)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s>]+))"""
)
_STYLE_OF_TAG = {"a": "link", "b": "strong", "strong": "strong", "i": "em", "em": "em", "code": "code"}


def _rich_span(child: Token, styles: list[tuple[str, str]], spans: list[Span]) -> None:
    """An image, or an inline HTML tag read as the style it opens or closes."""
    if child.type == "image":
        attributes = {"alt": child.content, "src": str(child.attrs.get("src", ""))}
    else:
        tag = _TAG.match(child.content.strip())
        if not tag:
            return
        name = tag["tag"].lower()
        attributes = {m["name"].lower(): html.unescape(m["double"] or m["single"] or m["bare"] or "")
                      for m in _ATTRIBUTE.finditer(tag["attrs"])}
        if name in _STYLE_OF_TAG:
            if tag["close"]:
                if styles:
                    styles.pop()
            elif name == "a" and not attributes.get("href"):  # `<a id="key">Names</a>`: an anchor, no link
                styles.append(styles[-1] if styles else ("text", ""))
            else:
                styles.append((_STYLE_OF_TAG[name], attributes.get("href", "")))
            return
        if name in ("br", "sub", "sup"):  # `Title <sub>Authors · Venue</sub>`: a line of its own
            style, url = styles[-1] if styles else ("text", "")
            _add_span(spans, Span(style, HARD_BREAK, url))
        if name != "img":
            return
    _add_span(spans, Span("image", attributes.get("alt", ""), attributes.get("src", "")))
    if styles and styles[-1][0] == "link":  # a badge that links somewhere: keep the link
        _add_span(spans, Span("link", "", styles[-1][1]))


# A MyST or Sphinx role: `{bdg-primary}`core``, `{cite:t}`jacot2018``: markup, no words of a title
_ROLE = re.compile(r"\{[\w.:-]+\}`[^`]*`")


def inline_spans(text: str) -> tuple[Span, ...]:
    """The styled runs of a few lines of markdown read as one paragraph (inline HTML read as the
    styles it stands for, as for `auto`): for a line no block rule claimed."""
    text = _from_bbcode(_ROLE.sub("", text.replace("\n", " "))).strip()
    tokens = _MARKDOWN.parse(text)
    spans: list[Span] = []
    for token in tokens:
        if token.type == "inline":
            for span in _spans(token, rich=True):
                _add_span(spans, span)
    return tuple(spans)


# BBCode, as forums write it: `[url=…]Title[/url]`, `[b]…[/b]`, `[i]…[/i]`; its other tags
# (`[color=…]`, `[size=…]`, `[*]`) carry no words
_BBCODE_LINK = re.compile(r"\[url=([^\]\s]+)\](.*?)\[/url\]", re.IGNORECASE)
_BBCODE_STYLE = re.compile(r"\[(b|i)\](.*?)\[/\1\]", re.IGNORECASE)
_BBCODE_TAG = re.compile(
    r"\[/?(?:color|size|font|u|s|\*|list|anchor|img|quote|center|left|right)(?:=[^\]]*)?\]", re.IGNORECASE)


def _from_bbcode(text: str) -> str:
    if "[/" not in text and "[*]" not in text:
        return text
    text = _BBCODE_LINK.sub(lambda found: f"[{found[2]}]({found[1]})", text)
    text = _BBCODE_STYLE.sub(lambda found: ("**" if found[1].lower() == "b" else "*") + found[2]
                             + ("**" if found[1].lower() == "b" else "*"), text)
    return _BBCODE_TAG.sub("", text)
