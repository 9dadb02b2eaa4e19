"""The `<li>` items and `<table>` rows of a block of raw HTML in a markdown list, as the `auto`
reader reads them.

GitHub lists fold long sections into `<details><summary>2019</summary><ul><li><a href=…>Title</a>
…</li></ul></details>`, or lay papers out in an HTML `<table>` (a `<th>` header row naming the
columns, a `<td>` per cell); markdown-it hands such a block over as raw HTML, so its items are
read here: each `<li>` with its line, its nesting and its inline spans (links, bold, italics,
code, images), the `<summary>` it sits under as its section; each body `<tr>` as a row with its
cells and the columns of the header above it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# What a `<br>` leaves in an item's text: a line separator, which ends a sentence where no
# punctuation does (`<li>Title<br>Authors. <i>Venue</i>`) and is white space to everything else.
HARD_BREAK = "\u2028"

_STYLE_OF_TAG = {"a": "link", "b": "strong", "strong": "strong", "i": "em", "em": "em", "code": "code"}


@dataclass
class HtmlItem:
    line: int  # 0-based line in the block where the `<li>` opens
    depth: int  # 1 for an item of the block's outermost list
    parent: int | None  # index of the enclosing `<li>` among the block's items
    summary: str  # the text of the `<summary>` the item sits under, if any
    spans: list[tuple[str, str, str]] = field(default_factory=list)  # (style, text, url), as a Span
    end: int = 0  # 0-based line where the item's own text ends
    cells: list[list[tuple[str, str, str]]] | None = None  # a table row's cells; None for an `<li>`
    columns: tuple[str, ...] = ()  # a table row's column names, from the `<th>` row above it
    cell_lines: list[int] = field(default_factory=list)  # 0-based line where each cell opens


class _ItemReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[HtmlItem] = []
        self.open: list[int] = []  # the `<li>` items open, innermost last
        self.lists: list[int] = []  # for each open `<ul>`/`<ol>`: how many items were open at it
        self.styles: list[tuple[str, str]] = []
        self.summary, self.in_summary = "", False
        self.columns: tuple[str, ...] = ()  # the header of the table being read
        self.row: HtmlItem | None = None  # the `<tr>` being read
        self.header = False  # whether that row's cells are all `<th>`: the header
        self.in_cell = False
        # `<td rowspan="2">2019</td>`: a cell merged down, by column: (spans, line, rows still to fill)
        self.spanning: dict[int, tuple[list, int, int]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0] - 1
        if tag in ("table", "tr", "th", "td"):
            self._table_tag(tag, line, values)
        elif tag in ("ul", "ol"):
            self.lists.append(len(self.open))
        elif tag == "li":
            while self.open and len(self.open) > (self.lists[-1] if self.lists else 0):
                self.open.pop()  # `<li>` closes the item before it in the same list, as in HTML
            if self.open:
                self.items[self.open[-1]].end = line
            parent = self.open[-1] if self.open else None
            self.items.append(HtmlItem(line, len(self.open) + 1, parent, self.summary, end=line + 1))
            self.open.append(len(self.items) - 1)
        elif tag == "summary":
            self.summary, self.in_summary = "", True
        elif tag in _STYLE_OF_TAG:
            self.styles.append((_STYLE_OF_TAG[tag], values.get("href", "")))
        elif tag == "img" and (self.open or self.in_cell):
            self._add(("image", values.get("alt", ""), values.get("src", "")))
            if self.styles and self.styles[-1][0] == "link":  # a badge linking somewhere
                self._add(("link", "", self.styles[-1][1]))
        elif tag == "br":
            self.handle_data(HARD_BREAK)

    def _table_tag(self, tag: str, line: int, values: dict[str, str]) -> None:
        """`<table>` opens a header-less table; `<tr>` a row (ending the one before); `<th>`
        and `<td>` a cell of it."""
        if tag == "table":
            self._end_row()
            self.columns, self.spanning = (), {}
        elif tag == "tr":
            self._end_row()
            self.row, self.header = HtmlItem(line, 1, None, self.summary, end=line + 1, cells=[]), False
        elif self.row is not None:
            self.header = tag == "th" and (self.header or not self.row.cells)  # all its cells `<th>`
            self._carry_spanning()
            rows = int(values.get("rowspan", "1")) if values.get("rowspan", "").isdigit() else 1
            self.row.cells.append([])
            self.row.cell_lines.append(line)
            if rows > 1:
                self.spanning[len(self.row.cells) - 1] = (self.row.cells[-1], line, rows - 1)
            self.in_cell = True

    def _carry_spanning(self) -> None:
        """Put the cells merged down from rows above into the row being read, at their columns."""
        while (at := len(self.row.cells)) in self.spanning:
            cells, line, rows = self.spanning.pop(at)
            self.row.cells.append(cells)
            self.row.cell_lines.append(line)
            if rows > 1:
                self.spanning[at] = (cells, line, rows - 1)

    def _end_row(self) -> None:
        row, self.row, self.in_cell = self.row, None, False
        if row is None or not row.cells:
            return
        self.row = row
        self._carry_spanning()  # a merged cell in the last column
        self.row = None
        if self.header:
            self.columns = tuple("".join(text for _, text, _ in cell).strip() for cell in row.cells)
        else:
            row.columns = self.columns
            self.items.append(row)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("tr", "table"):
            self._end_row()
        elif tag in ("td", "th"):
            self.in_cell = False
        elif tag == "li" and self.open:
            self.open.pop()
        elif tag in ("ul", "ol") and self.lists:
            del self.open[self.lists.pop():]
        elif tag == "summary":
            self.in_summary = False
        elif tag in _STYLE_OF_TAG and self.styles:
            self.styles.pop()

    def handle_data(self, data: str) -> None:
        if self.in_summary:
            self.summary += data.strip()
        elif (self.open or self.in_cell) and data:
            style, url = self.styles[-1] if self.styles else ("text", "")
            if not self.in_cell:
                self._first_text(data)
            self._add((style, data, url))

    def _first_text(self, data: str) -> None:
        """A `<li>` alone on its line, its text on the lines under it (`<li>` over `<a href="…">
        Title </a>`): the item's line is its first text's, where a reader sees the paper."""
        item = self.items[self.open[-1]]
        if not data.strip() or any(text.strip() or url for _, text, url in item.spans):
            return
        line = self.getpos()[0] - 1 + data[: len(data) - len(data.lstrip())].count("\n")
        if line > item.line:
            item.line, item.end = line, max(item.end, line + 1)

    def _add(self, span: tuple[str, str, str]) -> None:
        spans = self.row.cells[-1] if self.in_cell and self.row else self.items[self.open[-1]].spans
        style, text, url = span
        if spans and spans[-1][0] == style and spans[-1][2] == url and style != "image":
            spans[-1] = (style, spans[-1][1] + text, url)
        else:
            spans.append(span)


def html_items(block: str, columns: tuple[str, ...] = ()) -> list[HtmlItem]:
    """Every `<li>` and body `<tr>` of a block of HTML, in order; `columns` are those of a table
    an earlier block left open (a blank line between two rows ends a block of HTML)."""
    reader = _ItemReader()
    reader.columns = columns
    reader.feed(block)
    reader.close()
    reader._end_row()  # a table the block leaves open (a blank line inside it ends the block)
    return reader.items
