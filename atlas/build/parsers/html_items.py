"""The `<li>` items of a block of raw HTML in a markdown list, as the `auto` reader reads them.

GitHub lists fold long sections into `<details><summary>2019</summary><ul><li><a href=…>Title</a>
…</li></ul></details>`; markdown-it hands such a block over as raw HTML, so its items are read
here: each `<li>` with its line, its nesting and its inline spans (links, bold, italics, code,
images), the `<summary>` it sits under as its section.
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


class _ItemReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[HtmlItem] = []
        self.open: list[int] = []  # the `<li>` items open, innermost last
        self.lists: list[int] = []  # for each open `<ul>`/`<ol>`: how many items were open at it
        self.styles: list[tuple[str, str]] = []
        self.summary, self.in_summary = "", False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0] - 1
        if tag in ("ul", "ol"):
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
        elif tag == "img" and self.open:
            self._add(("image", values.get("alt", ""), values.get("src", "")))
            if self.styles and self.styles[-1][0] == "link":  # a badge linking somewhere
                self._add(("link", "", self.styles[-1][1]))
        elif tag == "br":
            self.handle_data(HARD_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self.open:
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
        elif self.open and data:
            style, url = self.styles[-1] if self.styles else ("text", "")
            self._add((style, data, url))

    def _add(self, span: tuple[str, str, str]) -> None:
        spans = self.items[self.open[-1]].spans
        style, text, url = span
        if spans and spans[-1][0] == style and spans[-1][2] == url and style != "image":
            spans[-1] = (style, spans[-1][1] + text, url)
        else:
            spans.append(span)


def html_items(block: str) -> list[HtmlItem]:
    """Every `<li>` of a block of HTML, in order."""
    reader = _ItemReader()
    reader.feed(block)
    reader.close()
    return reader.items
