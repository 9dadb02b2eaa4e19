"""The markdown tree walk every parser shares: list items with their section and line.

markdown-it-py does the parsing, so lists, nesting, emphasis and links follow CommonMark
instead of guesses over raw lines; parsers then read each item's inline spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.token import Token

from atlas.build.errors import InputError
from atlas.build.records import SourceText

# markdown-it silently drops what is nested deeper than maxNesting levels (a list item is two: its
# list and itself), which the commonmark preset sets at 20: a tenth nested list lost its items.
# Well below the raised limit, a document nested this deep is refused instead, naming its line.
_MAX_NESTING = 60
_DEEPEST_READ = 40
_MARKDOWN = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING})
CHUNK_LINES = 20_000
# A list item opening at the margin, and a link reference definition (CommonMark 4.7).
_MARGIN_ITEM = re.compile(r"(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_LINK_DEFINITION = re.compile(r"\[(?:[^\]\\\n]|\\.)+\]:")  # anywhere, at any depth: a chunk never guesses
_STYLE_OF = {"em_open": "em", "strong_open": "strong", "link_open": "link"}


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
    depth: int  # 1 for a top-level item
    section: tuple[str, ...]  # heading path above the item
    spans: tuple[Span, ...]  # inline content of the item's first paragraph
    raw: str  # the item's own markdown as written, nested items excluded
    parent: int | None  # index of the enclosing item in the document's item list
    ordered: bool
    hidden: bool
    wrapper: bool = False  # holds no text, only a list nested on its own line (`* * Title`)

    @property
    def text(self) -> str:
        """The item's plain text, link texts included, markdown removed."""
        return "".join(span.text for span in self.spans).strip()

    @property
    def links(self) -> list[Span]:
        return [span for span in self.spans if span.style == "link"]


def _check_depth(tokens: list[Token], document: SourceText, first_line: int = 0) -> None:
    for token in tokens:
        if token.level >= _DEEPEST_READ and token.map:
            raise InputError(document.path, f"lists or quotes nested more than {_DEEPEST_READ // 2} deep",
                             first_line + token.map[0] + 1)


def list_items(document: SourceText) -> list[ListItem]:
    """Every list item of a document, in order, each with its heading path."""
    items: list[ListItem] = []
    for chunk in item_chunks(document):
        offset = len(items)
        items.extend(item if item.parent is None else replace(item, parent=item.parent + offset)
                     for item in chunk)
    return items


def item_chunks(document: SourceText, chunk_lines: int = CHUNK_LINES) -> Iterator[list[ListItem]]:
    """The document's list items, a chunk of about `chunk_lines` lines at a time, so a list of a
    million entries never has all its tokens in memory. `parent` indexes the item's own chunk.

    A chunk ends only before a list item at the margin after a blank line, where no block but a
    fenced code or HTML block can go on: a chunk whose last such block runs to its end is joined
    with the next. A document defining a link reference (which any line may use) is one chunk.
    The items are those the whole document would give (tests/test_parsers.py checks each list)."""
    original_lines = document.original.split("\n")
    lines = document.markdown.split("\n")
    headings: list[tuple[int, str]] = []
    ends = _chunk_ends(lines, chunk_lines) if not _LINK_DEFINITION.search(document.markdown) else []
    start = 0
    for end in [*ends, len(lines)]:
        if end < len(lines) and end - start < chunk_lines:
            continue
        tokens = _MARKDOWN.parse("\n".join(lines[start:end]))
        if end < len(lines) and _runs_to_its_end(tokens, end - start):
            continue
        _check_depth(tokens, document, start)
        yield _items(tokens, document, original_lines, start, headings)
        start = end


def _chunk_ends(lines: list[str], chunk_lines: int) -> list[int]:
    """Lines a chunk may end before: an item at the margin, after a blank line."""
    return [
        number for number in range(chunk_lines, len(lines))
        if not lines[number - 1].strip() and _MARGIN_ITEM.match(lines[number])
    ]


def _runs_to_its_end(tokens: list[Token], length: int) -> bool:
    """Whether a fenced code or HTML block of the chunk is still open at its last line."""
    return any(
        token.type in ("fence", "html_block") and token.map and token.map[1] >= length - 1
        for token in tokens
    )


def _items(
    tokens: list[Token], document: SourceText, original_lines: list[str], first_line: int,
    headings: list[tuple[int, str]],
) -> list[ListItem]:
    """The list items of one chunk's tokens; `headings` carries the heading path across chunks."""
    items: list[dict] = []
    open_items: list[int] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1:])
            while headings and headings[-1][0] >= level:
                headings.pop()
            title = "".join(span.text for span in _spans(tokens[index + 1])).strip()
            headings.append((level, title))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            ordered = token.type == "ordered_list_open"
        elif token.type == "list_item_open":
            start, end = (first_line + line for line in token.map)
            parent_index = open_items[-1] if open_items else None
            depth = len(open_items) + 1
            same_line = 0
            if parent_index is not None:
                parent = items[parent_index]
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
            items.append(
                {
                    "line": start + 1,
                    "item": same_line,
                    "depth": depth,
                    "section": tuple(title for _, title in headings),
                    "spans": None,
                    "own_end": end,
                    "parent": parent_index,
                    "ordered": ordered,
                    "hidden": (start + 1) in document.hidden_lines,
                }
            )
            open_items.append(len(items) - 1)
        elif token.type == "list_item_close":
            open_items.pop()
        elif token.type == "inline" and open_items and items[open_items[-1]]["spans"] is None:
            items[open_items[-1]]["spans"] = _spans(token)
    result = []
    for item in items:
        own_lines = original_lines[item["line"] - 1 : item["own_end"]]
        while own_lines and not own_lines[-1].strip():
            own_lines.pop()
        result.append(
            ListItem(
                line=item["line"],
                item=item["item"],
                depth=item["depth"],
                section=item["section"],
                spans=item["spans"] or (),
                raw="\n".join(own_lines),
                parent=item["parent"],
                ordered=item["ordered"],
                hidden=item["hidden"],
                wrapper=item.get("wrapper", False),
            )
        )
    return result


def _spans(inline: Token) -> tuple[Span, ...]:
    spans: list[Span] = []
    styles: list[tuple[str, str]] = []
    for child in inline.children or []:
        if child.type in _STYLE_OF:
            styles.append((_STYLE_OF[child.type], str(child.attrs.get("href", ""))))
        elif child.type.endswith("_close") and styles:
            styles.pop()
        elif child.type in ("text", "html_inline", "code_inline", "softbreak", "hardbreak"):
            text = "\n" if child.type.endswith("break") else child.content
            style, url = styles[-1] if styles else ("text", "")
            if child.type == "code_inline":
                style = "code"
            if spans and spans[-1].style == style and spans[-1].url == url:
                spans[-1] = Span(style, spans[-1].text + text, url)
            else:
                spans.append(Span(style, text, url))
    return tuple(spans)
