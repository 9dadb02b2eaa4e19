"""Markup of other wikis and documentation tools, rewritten into markdown line for line before
the `auto` reader walks a list: every line keeps its number, so every entry keeps its line.

- a wiki heading (`== Topic ==`, Trac and MediaWiki; AsciiDoc's `== Topic`) is a markdown heading of
  its level (an MkDocs tab, `=== "Tab"`, is none);
- an MkDocs content tab (`=== "Tab"` and its content indented under it) holds markdown as the
  page's own: its content is dedented, so an admonition in a tab reads as one at the margin;
- a reStructuredText link (`` `Title <url>`_ ``, over lines too) is a markdown link;
- a Trac wiki table (a `||= Title =||= Authors =||` header row, then `|| … || … ||` rows) is the
  HTML table it stands for, a row a line, its cells' wiki markup (`'\''bold'\''`, `''italic''`,
  `[url label]`, `[[Image(…)]]`) as HTML, so its rows are read as any table's;
- a slide deck's header or footer directive in an HTML comment (Marp's `<!-- _footer: 'Text' -->`,
  `<!-- header: Text -->`), where a deck cites the paper of each slide, is its text, read as any
  paragraph is (other comments, such as speaker notes, stay comments);
- a Confluence page in wiki markup (known by its `h1.`–`h6.` headings): headings, `#` and `*`
  list items nested by repeating the mark (`##`, `**`), `*bold*`, `[label|url]` links,
  `{{monospace}}`, `{code}` blocks as fences, `{color}` markup dropped, so its items are read as
  a markdown list's;
- a DokuWiki page (known by its `====== Title ======` headings and a link, media link or table
  header only DokuWiki writes): `[[url|label]]` links and
  `{{file|label}}` media links, `//italic//`, `''monospace''`, and its tables (a `^ Title ^
  Authors ^` header row, then `| … | … |` rows) as HTML tables a row a line, as Trac's;
- a chat export (Slack, Discord, Teams through an export viewer): a message's header, its
  sender in bold and the time it was sent (`**Maya Chen**  9:12 AM`), is a heading, so the
  sender is no paper's title and the message's text its note; a link preview (an unfurl: a
  quote of the site's name in bold, `> **arXiv.org**`, then the page's link, `> [Title](url)`)
  is a list item of the links it previews, read as any linked item is;
- a kramdown attribute list (`[label](url){:target="_blank"}`, `{: .class}`, Jekyll's) sets how a
  page shows what it follows, no words of it: it is dropped; a Jekyll link tag as a link's
  address (`[post]({% post_url 2021-07-11-name %})`) is the address it names.
"""

from __future__ import annotations

import html
import re

_WIKI_HEADING = re.compile(r"^(?P<marks>={1,6})[ \t]+(?P<text>[^=\s](?:[^=]*[^=\s])?)[ \t]+(?P=marks)[ \t]*$")
# AsciiDoc's section titles close with no marks; a quoted title is an MkDocs content tab, no heading
_OPEN_HEADING = re.compile(r"^(?P<marks>={1,6})[ \t]+(?P<text>[^=\s\"].*?)[ \t]*$")
_CONTENT_TAB = re.compile(r"^(?P<indent>[ \t]*)===[!+]?[ \t]+\"[^\"]*\"[ \t]*$")
# Past these, a line is left as written: read further, it would cost time more than linear
_DEEPEST_TAB = 20  # tabs in tabs: as deep as markdown is read (markdown_tree._DEEPEST_READ)
_LONGEST_ROW = 5000
_WIKI_ROW = re.compile(r"^[ \t]*\|\|.*\|\|[ \t]*$")
_WIKI_HEADER_CELL = re.compile(r"^=\s*(?P<text>.*?)\s*=?$")
# in a cell: `[[Image(…)]]` and other macros, `[url label]` and `[wiki:Page label]` links,
# `'\''bold'\''`, `''italic''`, `` `code` `` and `{{{code}}}`
_WIKI_INLINE = re.compile(
    r"\[\[Image\((?P<image>[^),]*)[^\]]*\]\]|\[\[[^\]]*\]\]|"
    r"\[(?P<url>(?:https?://|[a-z]+:)[^\s\]]+)(?:\s+(?P<label>[^\]]*))?\]|"
    r"'\''(?P<bold>.+?)'\''|''(?P<italic>.+?)''|`(?P<code>[^`]+)`|\{\{\{(?P<code2>.+?)\}\}\}"
)
_SLIDE_DIRECTIVE = re.compile(
    r"^[ \t]*<!--[ \t]*_?(?:header|footer)[ \t]*:[ \t]*"
    r"(?P<quote>['\"]?)(?P<text>.*?)(?P=quote)[ \t]*-->[ \t]*$")
_CHAT_HEADER = re.compile(
    r"^(?:\*\*|__)(?P<sender>[^*_\n]{1,60}?)(?:\*\*|__)[ \t]*(?:[·—–-][ \t]*)?"
    r"(?P<time>(?:\[)?\d{1,2}:\d\d(?::\d\d)?(?:[ \t]?[AaPp][Mm])?(?:\])?)[ \t]*$")
_PREVIEW_SITE = re.compile(r"^(?P<quote>[ \t]*>[ \t]?)(?:\*\*|__)[^*_\n]{1,60}(?:\*\*|__)[ \t]*$")
_PREVIEW_LINK = re.compile(
    r"^(?P<quote>[ \t]*>[ \t]?)(?P<link>\[(?:[^\[\]\n]|\[[^\[\]\n]*\])+\]\([^()\s]+\))[ \t]*$")
_CONFLUENCE_HEADING = re.compile(r"^h(?P<level>[1-6])\.[ \t]+(?P<text>\S.*)$")
_CONFLUENCE_ITEM = re.compile(r"^(?P<marks>[#*-]+)[ \t]+(?P<text>\S.*)$")
_CONFLUENCE_CODE = re.compile(r"^\s*\{(?:code|noformat)(?::[^}]*)?\}\s*$")
_CONFLUENCE_LINK = re.compile(r"\[(?:(?P<label>[^\[\]|]+)\|)?(?P<target>(?:https?://|#|/|\^|~|mailto:)[^\[\]|\s]*)\]")
_CONFLUENCE_BOLD = re.compile(r"(?<![\w*])\*(?=[^\s*])(?P<text>[^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_CONFLUENCE_MONOSPACE = re.compile(r"\{\{(?P<text>.+?)\}\}")
_CONFLUENCE_COLOR = re.compile(r"\{color(?::[^}]*)?\}")
_DOKU_HEADING = re.compile(r"^={2,6}[ \t]+\S.*?[ \t]+={2,6}[ \t]*$")
_DOKU_LINK = re.compile(r"\[\[(?P<url>https?://[^\[\]|\s]+)\|(?P<label>[^\[\]]+)\]\]")
_DOKU_PAGE_LINK = re.compile(r"\[\[(?P<page>[\w:.#/-]+)\|(?P<label>[^\[\]]+)\]\]")
_DOKU_MEDIA = re.compile(r"\{\{\s*(?P<file>:?[\w:./-]+\.\w{2,4})(?:\?[\w&=]*)?\s*\|(?P<label>[^{}|]+)\}\}")
_DOKU_ITALIC = re.compile(r"(?<![:\w/])//(?=\S)(?P<text>(?:(?!//).)+?)(?<=\S)//(?![\w/])")
_DOKU_MONOSPACE = re.compile(r"''(?P<text>[^'\n]+?)''")
_DOKU_ROW = re.compile(r"^[ \t]*[|^].*[|^][ \t]*$")
_MD_LINK = re.compile(r"\[(?P<label>[^\[\]]+)\]\((?P<url>[^()\s]+)\)")
# `{:target="_blank"}`, `{: .note #intro}`; not a format spec (`{:.2f}`)
_KRAMDOWN_ATTRIBUTES = re.compile(
    r"\{:(?:[ \t]*(?:[.#][A-Za-z][\w-]*"
    r"|[A-Za-z][\w-]*=(?:\"[^\"\n]{0,100}\"|'[^'\n]{0,100}'|[^\s{}]{1,100})))+[ \t]*\}")
_LIQUID_ADDRESS = re.compile(r"\]\(\{%-?[ \t]*(?:post_url|link)[ \t]+(?P<target>[^\s%]+)[ \t]*-?%\}\)")
_RST_LINK = re.compile(r"`(?P<text>[^`<>]+?)(?P<space>\s*)<(?P<url>(?:https?://|www\.)[^\s<>`]+)>`__?(?!\w)")


def as_markdown(lines: list[str]) -> list[str]:
    """The lines of a list with other markup rewritten into markdown, as many as before."""
    doku = _is_dokuwiki([line for line in lines if len(line) <= _LONGEST_ROW])
    lines = [_heading(_directive(line)) for line in lines]
    lines = _tab_contents(lines)
    lines = _chat_messages(lines)
    lines = _confluence(lines)
    lines = _dokuwiki(lines) if doku else lines
    lines = _wiki_tables(lines)
    lines = _doubled_pipe_tables(lines)
    text = "\n".join(lines)
    if "{:" in text or "{%" in text:
        text = _LIQUID_ADDRESS.sub(r"](\g<target>)", _KRAMDOWN_ATTRIBUTES.sub("", text))
    return _RST_LINK.sub(_link, text).split("\n")


def _heading(line: str) -> str:
    found = _WIKI_HEADING.match(line) or _OPEN_HEADING.match(line)
    return f"{'#' * len(found['marks'])} {found['text']}" if found else line


def _directive(line: str) -> str:
    found = _SLIDE_DIRECTIVE.match(line)
    return found["text"] if found and len(line) <= _LONGEST_ROW else line


def _confluence(lines: list[str]) -> list[str]:
    """A Confluence page's wiki markup as markdown, line for line; a page without `h1.`–`h6.`
    headings is left as written (a markdown `# Title` is a heading, not an item)."""
    if not any(_CONFLUENCE_HEADING.match(line) for line in lines if len(line) <= _LONGEST_ROW):
        return lines
    out, in_code = [], False
    for line in lines:
        if _CONFLUENCE_CODE.match(line):
            out.append("```")
            in_code = not in_code
            continue
        if in_code or len(line) > _LONGEST_ROW:
            out.append(line)
            continue
        if heading := _CONFLUENCE_HEADING.match(line):
            out.append(f"{'#' * int(heading['level'])} {_confluence_inline(heading['text'])}")
        elif (item := _CONFLUENCE_ITEM.match(line)) and len(item["marks"]) <= _DEEPEST_TAB:
            indent = "".join("   " if mark == "#" else "  " for mark in item["marks"][:-1])
            bullet = "1." if item["marks"][-1] == "#" else "-"
            out.append(f"{indent}{bullet} {_confluence_inline(item['text'])}")
        else:
            out.append(_confluence_inline(line))
    return out


def _confluence_inline(text: str) -> str:
    text = _CONFLUENCE_COLOR.sub("", text)
    text = _CONFLUENCE_MONOSPACE.sub(lambda found: f"`{found['text']}`", text)
    text = _CONFLUENCE_LINK.sub(_confluence_link, text)
    return _CONFLUENCE_BOLD.sub(lambda found: f"**{found['text']}**", text)


def _confluence_link(found: re.Match) -> str:
    """`[label|url]` as `[label](url)`; a mention (`[~user]`) and an attachment (`[^file]`) as text."""
    target = found["target"]
    if target.startswith(("~", "^")):
        return found["label"] or target[1:]
    return f"[{found['label'] or target}]({target})"


def _is_dokuwiki(lines: list[str]) -> bool:
    """DokuWiki's headings (as Trac's and MediaWiki's), and a link, a media link or a table header
    only DokuWiki writes (`[[https://…|label]]`, `{{:file.pdf|label}}`, `^ Paper ^`): Trac and
    MediaWiki keep their `''italic''`."""
    return any(_DOKU_HEADING.match(line) for line in lines) and any(
        _DOKU_LINK.search(line) or _DOKU_MEDIA.search(line) or line.lstrip().startswith("^") and
        _DOKU_ROW.match(line) for line in lines)


def _dokuwiki(lines: list[str]) -> list[str]:
    """A DokuWiki page's links, emphasis and tables as markdown and HTML, line for line; a page
    without DokuWiki headings keeps its `//` and `''` as written."""
    out = [_doku_inline(line) if len(line) <= _LONGEST_ROW else line for line in lines]
    at = 0
    while at < len(out):
        end = at
        while end < len(out) and len(out[end]) <= _LONGEST_ROW and _DOKU_ROW.match(out[end]):
            end += 1
        if end > at and out[at].strip().startswith("^"):
            for row in range(at, end):
                out[row] = _doku_row(out[row], first=row == at, last=row == end - 1)
        at = max(end, at + 1)
    return out


def _doku_inline(text: str) -> str:
    text = _DOKU_LINK.sub(lambda found: f"[{found['label'].strip()}]({found['url']})", text)
    text = _DOKU_PAGE_LINK.sub(lambda found: found["label"].strip(), text)
    text = _DOKU_MEDIA.sub(lambda found: f"[{found['label'].strip()}]({found['file']})", text)
    text = _DOKU_ITALIC.sub(lambda found: f"*{found['text']}*", text)
    return _DOKU_MONOSPACE.sub(lambda found: f"`{found['text']}`", text)


def _doku_row(line: str, first: bool, last: bool) -> str:
    """`^ Paper ^ Authors ^` (header cells) or `| … | … |` as an HTML table row, its markdown
    links as HTML links, its text escaped."""
    cells = re.findall(r"([|^])([^|^]*)", line.strip())[:-1]
    tags = [("th" if mark == "^" else "td", text) for mark, text in cells]
    row = "".join(f"<{tag}>{_html_cell(text.strip())}</{tag}>" for tag, text in tags)
    return ("<table>" if first else "") + f"<tr>{row}</tr>" + ("</table>" if last else "")


def _html_cell(text: str) -> str:
    out, at = [], 0
    for found in _MD_LINK.finditer(text):
        out.append(html.escape(text[at:found.start()]))
        out.append(f'<a href="{html.escape(found["url"])}">{html.escape(found["label"])}</a>')
        at = found.end()
    return "".join(out) + html.escape(text[at:])


def _chat_messages(lines: list[str]) -> list[str]:
    """A chat message's header as a heading, the links of a link preview as list items."""
    out, previewing = [], False
    for line in lines:
        site = link = None
        if len(line) > _LONGEST_ROW:
            out.append(line)
            previewing = False
            continue
        if header := _CHAT_HEADER.match(line):
            line = f"###### {header['sender'].strip()} {header['time']}"
        elif previewing and (link := _PREVIEW_LINK.match(line)):
            line = f"{link['quote']}- {link['link']}"
        elif site := _PREVIEW_SITE.match(line):  # an item of its own, so no preview runs on into it
            line = f"{site['quote']}- {line[site.end('quote'):]}"
        previewing = bool(site) or (previewing and bool(link))
        out.append(line)
    return out


def _tab_contents(lines: list[str]) -> list[str]:
    """Dedent the content of each content tab by four spaces, up to the first line with text
    that is not indented under the tab; a tab in a tab's content, by four more. One pass, with
    the column each open tab's content starts at."""
    out, open_tabs = [], []  # columns in the lines as written
    for line in lines:
        text = line.expandtabs(4)
        if not text.strip():
            out.append("" if open_tabs else line)
            continue
        indent = len(text) - len(text.lstrip())
        while open_tabs and indent < open_tabs[-1]:
            open_tabs.pop()
        out.append(text[4 * len(open_tabs):] if open_tabs else line)
        if _CONTENT_TAB.match(line) and len(open_tabs) < _DEEPEST_TAB:
            open_tabs.append(indent + 4)
    return out


def _link(found: re.Match) -> str:
    """`` `Title <url>`_ `` as `[Title](url)`; a line break before `<url>` stays in the brackets."""
    return f"[{found['text']}{found['space']}]({found['url']})"


def _wiki_tables(lines: list[str]) -> list[str]:
    """Each run of wiki table rows opening with a header row, as an HTML table a row a line."""
    lines = list(lines)
    at = 0
    while at < len(lines):
        end = at
        while end < len(lines) and len(lines[end]) <= _LONGEST_ROW and _WIKI_ROW.match(lines[end]):
            end += 1
        if end > at and _cells(lines[at])[0].startswith("="):
            for row in range(at, end):
                lines[row] = _html_row(lines[row], first=row == at, last=row == end - 1)
        at = max(end, at + 1)
    return lines


# a table's delimiter row holding an empty cell (`| :--- | | :--- || :--- |`), which GFM refuses
_DELIMITER_ROW = re.compile(r"[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*(?::?-+:?[ \t]*)?)*")
_EMPTY_CELL = re.compile(r"\|[ \t]*\|")


def _doubled_pipe_tables(lines: list[str]) -> list[str]:
    """A markdown table written with doubled pipes between its cells (`| Date || Presenter || Title |`
    over `| :--- | | :--- || :--- |`): each doubled pipe one, so the table is read as any table.
    Only where the header row doubles its pipes and the delimiter row holds an empty cell (GFM reads
    no table there); the rows under it to the first line that is no row."""
    lines = list(lines)
    for at in range(len(lines) - 1):
        header, delimiter = lines[at], lines[at + 1]
        if len(header) > _LONGEST_ROW or len(delimiter) > _LONGEST_ROW or "||" not in header \
                or not _DELIMITER_ROW.fullmatch(delimiter) or not _EMPTY_CELL.search(delimiter):
            continue
        end = at
        while end < len(lines) and len(lines[end]) <= _LONGEST_ROW and lines[end].lstrip().startswith("|"):
            lines[end] = _EMPTY_CELL.sub("|", lines[end])
            end += 1
    return lines


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip()[2:-2].split("||")]


def _html_row(line: str, first: bool, last: bool) -> str:
    cells = _cells(line)
    if all(header := [_WIKI_HEADER_CELL.match(cell) for cell in cells]):
        row = "".join(f"<th>{_inline(found['text'])}</th>" for found in header)
    else:
        row = "".join(f"<td>{_inline(cell)}</td>" for cell in cells)
    return ("<table>" if first else "") + f"<tr>{row}</tr>" + ("</table>" if last else "")


def _inline(text: str) -> str:
    """A cell's wiki markup as HTML, its text escaped."""
    out, at = [], 0
    for found in _WIKI_INLINE.finditer(text):
        out.append(html.escape(text[at:found.start()]))
        at = found.end()
        if found["image"] is not None:
            out.append(f'<img src="{html.escape(found["image"])}" alt="">')
        elif found["url"]:
            label = found["label"] or found["url"]
            out.append(f'<a href="{html.escape(found["url"])}">{html.escape(label)}</a>')
        elif found["bold"]:
            out.append(f"<b>{_inline(found['bold'])}</b>")
        elif found["italic"]:
            out.append(f"<i>{_inline(found['italic'])}</i>")
        elif found["code"] or found["code2"]:
            out.append(f"<code>{html.escape(found['code'] or found['code2'])}</code>")
    return "".join(out) + html.escape(text[at:])
