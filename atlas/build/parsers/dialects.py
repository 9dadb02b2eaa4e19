"""Markup of other wikis and documentation tools, rewritten into markdown line for line before
the `auto` reader walks a list: every line keeps its number, so every entry keeps its line.

- a wiki heading (`== Topic ==`, Trac and MediaWiki) is a markdown heading of its level;
- an MkDocs content tab (`=== "Tab"` and its content indented under it) holds markdown as the
  page's own: its content is dedented, so an admonition in a tab reads as one at the margin;
- a reStructuredText link (`` `Title <url>`_ ``, over lines too) is a markdown link.
"""

from __future__ import annotations

import re

_WIKI_HEADING = re.compile(r"^(?P<marks>={1,6})[ \t]+(?P<text>[^=\s](?:[^=]*[^=\s])?)[ \t]+(?P=marks)[ \t]*$")
_CONTENT_TAB = re.compile(r"^(?P<indent>[ \t]*)===[!+]?[ \t]+\"[^\"]*\"[ \t]*$")
_RST_LINK = re.compile(r"`(?P<text>[^`<>]+?)(?P<space>\s*)<(?P<url>(?:https?://|www\.)[^\s<>`]+)>`__?(?!\w)")


def as_markdown(lines: list[str]) -> list[str]:
    """The lines of a list with other markup rewritten into markdown, as many as before."""
    lines = [_heading(line) for line in lines]
    lines = _tab_contents(lines)
    return _RST_LINK.sub(_link, "\n".join(lines)).split("\n")


def _heading(line: str) -> str:
    found = _WIKI_HEADING.match(line)
    return f"{'#' * len(found['marks'])} {found['text']}" if found else line


def _tab_contents(lines: list[str]) -> list[str]:
    """Dedent the content of each content tab by the tab's indent and four spaces, up to the
    first line with text that is not indented under it."""
    lines = list(lines)
    for at, line in enumerate(lines):
        if not (tab := _CONTENT_TAB.match(line)):
            continue
        depth = len(tab["indent"].expandtabs(4)) + 4
        for following in range(at + 1, len(lines)):
            text = lines[following].expandtabs(4)
            if text.strip() and len(text) - len(text.lstrip()) < depth:
                break
            lines[following] = text[depth:] if text.strip() else ""
    return lines


def _link(found: re.Match) -> str:
    """`` `Title <url>`_ `` as `[Title](url)`; a line break before `<url>` stays in the brackets."""
    return f"[{found['text']}{found['space']}]({found['url']})"
