"""Property blocks and note-app syntax in an entry (Logseq, Obsidian, YAML-like fields).

`- DONE [[Title]] #tag` with `authors:: [[Name]], …`, `venue:: ICLR 2019`, `url:: https://…`
lines under it: the page link is the title, the task word and the tags are no part of it, and
each property line is read as the field its key names, as if the entry had written it inline.
"""

from __future__ import annotations

import re

from atlas.build.parsers.html_items import HARD_BREAK
from atlas.build.parsers.markdown_tree import Span

# `key:: value` on a line of its own (Logseq, Obsidian dataview); `authors: …` only for the keys
# that name a reference's fields, so a line of prose with a colon is not taken for one.
_LINE_START = rf"[\n{HARD_BREAK}][ \t]*"  # after a line break, or a hard break (`<br>`, two spaces)
# `作者：Names<br>` and `论文链接：url<br>` under a title: a field named in Chinese, Japanese or Korean
# alone. Only the authors and the paper's own address: `Github链接：` or `项目链接：` stay the links they are.
_CJK_FIELDS = {"作者": "authors", "著者": "authors", "저자": "authors",
               "论文链接": "paper", "論文リンク": "paper", "论文地址": "paper"}
_PROPERTY = re.compile(
    rf"{_LINE_START}(?:(?P<key>[A-Za-z][\w-]{{0,30}})::|(?:[\u4e00-\u9fff]{{1,4}}[ \t]*)?"  # `作者 Authors：`
    r"(?P<field>authors?|venue|year|url|link|pdf|arxiv|doi)[ \t]*(?::(?=[ \t])|：)"
    rf"|(?P<cjk>{'|'.join(_CJK_FIELDS)})[ \t]*[:：])[ \t]*"
    rf"(?P<value>[^\n{HARD_BREAK}]*)",
    re.IGNORECASE)
_WIKI_LINK = re.compile(r"\[\[(?P<page>[^\[\]\n]+)\]\]")
_TASK_WORD = re.compile(r"^\s*(?:DONE|TODO|LATER|NOW|DOING|WAITING|CANCEL+ED)\s+")
_TAG = re.compile(r"(?<!\S)#(?P<tag>[^\W\d][\w/-]*)")
_NAME_KEYS = {"author", "authors", "by"}
_PLACE_KEYS = ("venue", "journal", "conference", "published", "year")
_LINK_KEYS = {"url", "link", "pdf", "arxiv", "doi", "paper", "source"}


def read_properties(spans: tuple[Span, ...]) -> tuple[tuple[Span, ...], tuple[str, ...]]:
    """The entry's spans with its property lines read as fields after the title, and its
    `#tags` (which may say what the entry is: `#talk`, `#code`)."""
    head, fields = _split_off_properties(spans)
    if not fields and not any(_WIKI_LINK.search(span.text) for span in head if span.style == "text"):
        texts = [span.text for span in spans if span.style == "text"]
        return spans, tuple(tag["tag"] for text in texts for tag in _TAG.finditer(text))
    tags: list[str] = []
    read: list[Span] = []
    for at, span in enumerate(head):
        if span.style != "text":
            read.append(span)
            continue
        text = _TASK_WORD.sub("", span.text) if at == 0 else span.text
        tags += [tag["tag"] for tag in _TAG.finditer(text)]
        read += _wiki_spans(_TAG.sub("", text))
    return (*read, *_field_spans(fields)), tuple(tags)


def _split_off_properties(spans: tuple[Span, ...]) -> tuple[list[Span], list[tuple[str, str]]]:
    """The spans without their property lines, and the (key, value) of each property line; a
    link on a line of its own, or as a property's value, stays a link."""
    kept: list[Span] = []
    fields: list[tuple[str, str]] = []
    for span in spans:
        if span.style != "text":
            kept.append(span)
            continue
        fields += [((found["key"] or found["field"] or _CJK_FIELDS[found["cjk"]]).lower(),
                    found["value"].strip()) for found in _PROPERTY.finditer(span.text)]
        kept.append(Span("text", _PROPERTY.sub("", span.text), span.url))
    return kept, fields


def _wiki_spans(text: str) -> list[Span]:
    """`[[Title]]` is a link to a page of its own: the entry's marked title."""
    spans, start = [], 0
    for link in _WIKI_LINK.finditer(text):
        spans += [Span("text", text[start:link.start()]), Span("strong", link["page"])]
        start = link.end()
    spans.append(Span("text", text[start:]))
    return [span for span in spans if span.text]


def _field_spans(fields: list[tuple[str, str]]) -> list[Span]:
    """Property values as the parts of an inline reference: names, then venue and year, then links."""
    names = [_WIKI_LINK.sub(r"\g<page>", value) for key, value in fields if key in _NAME_KEYS]
    venues = [_WIKI_LINK.sub(r"\g<page>", value) for place in _PLACE_KEYS
              for key, value in fields if key == place]  # `venue:: ICML` then `year:: 2019`: `ICML 2019`
    parts = [part for part in (*names, " ".join(venues)) if part]
    spans = [Span("text", "".join(f"{HARD_BREAK}{part}" for part in parts))] if parts else []
    for key, value in fields:
        url = re.search(r"https?://\S+", value)
        if key in _LINK_KEYS and url:
            spans += [Span("text", " · "), Span("link", key, url[0])]
    return spans
