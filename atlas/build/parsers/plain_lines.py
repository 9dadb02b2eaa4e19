"""The tokens of a segment of a list, with plain list lines read without markdown-it's block rules.

Most lines of a long list are single-line bullet items (`- Title. [[paper]](url)`, `  - Digest:
…`), blank lines and ATX headings, which markdown-it-py reads through a dozen block rules in pure
Python: that was about half of the parse stage. A segment is cut where `item_chunks` may cut a
document (before an item at the margin after a blank line), and each piece made only of such
lines gets here the tokens markdown-it gives it, as far as the tree walk reads them (lists, items,
headings and their inline content: no paragraph tokens). Any other piece, with the pieces after it up
to the next plain one, is read by markdown-it as before; and the rest of the segment too where the
plain piece may not be read apart from them (a fenced code or HTML block left open before it, or
an ordered list read last).
tests/test_plain_lines.py checks the tokens against markdown-it's on every list and on generated
pieces, and the items of every list with and without this path.
"""

from __future__ import annotations

import re
from itertools import pairwise

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.token import Token

# A list item opening at the margin, and so a place a list may be cut after a blank line.
MARGIN_ITEM = re.compile(r"(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$)")
# A plain line: a bullet item on one line, its marker followed by one space, or an ATX heading.
_ITEM = re.compile(r"( *)([-*+]) (\S.*)")
_HEADING = re.compile(r"(#{1,6}) (.*)")
# What the first character of an item's text must not open: a quote, HTML, a fence, a nested list
# on the same line (bullet or ordered), a thematic break, a heading.
_BLOCK_OPENING = re.compile(
    r"[><]|```|~~~|[-*+](?:[ \t]|$)|[0-9]{1,9}[.)](?:[ \t]|$)|#{1,6}(?:[ \t]|$)"
    r"|([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# Characters some inline rule of the commonmark preset reacts to; a text without them is one text
# token, as it stands.
_INLINE_MARKUP = re.compile(r"[\n\\`*_\[!<&]")
# A text with no markup but links `[label](url)` (a label may be bracketed: `[[paper]](url)`) to
# URLs markdown-it leaves as written, and `*emphasis*` between spaces: its tokens are made here.
_TEXT = r"(?:[^\n\\`*_\[\]!<&]|!(?!\[))"
# (mdurl drops a host name over 255 characters, and moves a part of it over 63 into the path)
_URL = (r"(?:https?|ftp)://[A-Za-z0-9-]{1,40}(?:\.[A-Za-z0-9-]{1,40}){0,5}(?::[0-9]{1,5})?"
        r"(?:/[A-Za-z0-9/._~:?=+-]*)?")
_INLINE_PART = re.compile(
    rf"(?P<text>{_TEXT}+)|\[(?P<label>\[{_TEXT}+\]|{_TEXT}+)\]\((?P<url>{_URL})\)"
    rf"|\*(?P<em>[^\W_](?:{_TEXT}*[^\W_])?)\*")
_BEFORE_EMPHASIS = " ("  # where `*` opens emphasis and cannot close one
_AFTER_EMPHASIS = " .,;:)"  # where `*` closes emphasis and cannot open one
_DEEPEST = 12  # deeper items are left to markdown-it, which checks nesting limits


def segment_tokens(lines: list[str], markdown: MarkdownIt) -> list[Token]:
    """The tokens `markdown.parse("\\n".join(lines))` gives for the lines, as far as the tree walk
    reads them; `lines` define no link reference (the caller checks the document)."""
    if not lines:
        return markdown.parse("")
    cuts = [number for number in range(1, len(lines))
            if MARGIN_ITEM.match(lines[number]) and not lines[number - 1].strip()]
    bounds = [0, *cuts, len(lines)]
    line_max = len(lines) - (not lines[-1].strip(" \t"))  # markdown-it counts no final blank line
    tokens: list[Token] = []
    run_start = None  # where the pieces markdown-it reads begin
    for start, end in pairwise(bounds):
        plain = _plain_tokens(lines, start, end, end if end < len(lines) else line_max, markdown)
        if plain is None:
            run_start = start if run_start is None else run_start
            continue
        if run_start is not None:
            run = _parsed(lines, run_start, start, markdown)
            if run is None:  # markdown-it may read this piece otherwise: it reads the rest
                break
            tokens.extend(run)
            run_start = None
        tokens.extend(plain)
    if run_start is not None:
        tokens.extend(_parsed(lines, run_start, len(lines), markdown, last=True))
    return tokens


def _parsed(lines: list[str], start: int, end: int, markdown: MarkdownIt, last: bool = False):
    """markdown-it's tokens for lines [start, end), their lines counted from the segment's start;
    None when a fenced code or HTML block may still be open at `end`, or an ordered list was read
    last (see `_last_list_ordered`). Before a cut, the lines are
    read as the whole segment reads them: up to `end`, where the next item opens."""
    piece = lines[start:end]
    tokens = markdown.parse("\n".join(piece if last else [*piece, ""]))
    length = end - start
    if not last and any(token.type in ("fence", "html_block") and token.map and token.map[1] >= length - 1
                        for token in tokens):
        return None
    if not last and _last_list_ordered(tokens):
        return None
    for token in tokens:
        if token.map:
            token.map = [token.map[0] + start, token.map[1] + start]
    return tokens


def _last_list_ordered(tokens: list[Token]) -> bool:
    """Whether the last list the tokens open is ordered. The tree walk takes an item's `ordered`
    from the last list opened before it: read whole, a bullet item after the cut may continue a
    bullet list that opened before that ordered one, and so be read as ordered; read apart, it
    opens a list of its own. Such a run is not cut there."""
    for token in reversed(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            return token.type == "ordered_list_open"
    return False


def _plain_tokens(lines: list[str], start: int, end: int, after: int, markdown: MarkdownIt):
    """The tokens of lines [start, end) if every line is plain (see the module's docstring), else
    None; `after` is the line where items still open at `end` end (markdown-it's next non-blank
    line, or its line count)."""
    tokens: list[Token] = []
    levels: list[tuple[Token, str, Token]] = []  # per depth: its list, the list's marker, the open item
    blank_before = False
    for number in range(start, end):
        line = lines[number]
        if not line.strip(" "):
            blank_before = True
            continue
        if "\t" in line or "\r" in line or "\0" in line:
            return None
        item = _ITEM.match(line)
        if item is None:
            heading = _HEADING.match(line)
            if heading is None or not _plain_heading(heading[2]):
                return None
            _close(tokens, levels, 0, number)
            level = len(heading[1])
            tokens.append(Token("heading_open", f"h{level}", 1, map=[number, number + 1], markup=heading[1]))
            tokens.append(_inline(mdTrim(heading[2]), number, 1, markdown))
            blank_before = False
            continue
        indent, marker, text = item.groups()
        depth = len(indent) // 2
        content = mdTrim(text)
        if (len(indent) % 2 or depth > len(levels) or depth >= _DEEPEST or (blank_before and depth)
                or not content or _BLOCK_OPENING.match(text)):
            return None
        _close(tokens, levels, depth + 1, number)
        if depth < len(levels):  # the next item of an open list
            if levels[depth][1] != marker:
                return None
            _close_item(tokens, levels[depth][2], number)
            list_open = levels.pop()[0]
        else:
            list_open = Token("bullet_list_open", "ul", 1, map=[number, number], level=2 * depth,
                              markup=marker)
            tokens.append(list_open)
        item_open = Token("list_item_open", "li", 1, map=[number, number], level=2 * depth + 1, markup=marker)
        tokens.append(item_open)
        tokens.append(_inline(content, number, 2 * depth + 3, markdown))
        levels.append((list_open, marker, item_open))
        blank_before = False
    _close(tokens, levels, 0, after)
    return tokens


def _plain_heading(text: str) -> bool:
    """A heading's text that markdown-it reads as it stands: no closing `#`s to cut."""
    return bool(mdTrim(text)) and not text.rstrip(" ").endswith("#")


def _inline(content: str, number: int, level: int, markdown: MarkdownIt) -> Token:
    if not _INLINE_MARKUP.search(content):
        children = [Token("text", "", 0, content=content)]
    else:
        children = _inline_parts(content)
        if children is None:
            children = markdown.parseInline(content)[0].children
    return Token("inline", "", 0, map=[number, number + 1], level=level, content=content, children=children)


def _inline_parts(content: str) -> list[Token] | None:
    """The inline tokens markdown-it gives a text of plain text, links and emphasis (_INLINE_PART),
    or None for any other text."""
    children: list[Token] = []
    position = 0
    while position < len(content):
        part = _INLINE_PART.match(content, position)
        if part is None:
            return None
        if part["text"] is not None:
            children.append(Token("text", "", 0, content=part["text"]))
        elif part["url"] is not None:
            children += [Token("link_open", "a", 1, attrs={"href": part["url"]}),
                         Token("text", "", 0, level=1, content=part["label"]), Token("link_close", "a", -1)]
        else:
            if content[position - 1:position] not in ("", *_BEFORE_EMPHASIS) or (
                    content[part.end():part.end() + 1] not in ("", *_AFTER_EMPHASIS)):
                return None
            children += [Token("em_open", "em", 1, markup="*"),
                         Token("text", "", 0, level=1, content=part["em"]),
                         Token("em_close", "em", -1, markup="*")]
        position = part.end()
    return children


def _close(tokens: list[Token], levels: list, depth: int, end: int) -> None:
    """Close the items and lists deeper than `depth`, ending at line `end`."""
    while len(levels) > depth:
        list_open, marker, item_open = levels.pop()
        _close_item(tokens, item_open, end)
        list_open.map[1] = end
        tokens.append(Token("bullet_list_close", "ul", -1, level=list_open.level, markup=marker))


def _close_item(tokens: list[Token], item_open: Token, end: int) -> None:
    item_open.map[1] = end
    tokens.append(Token("list_item_close", "li", -1, level=item_open.level, markup=item_open.markup))
