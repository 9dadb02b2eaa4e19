"""Plain list lines read without markdown-it's block rules give markdown-it's tokens and items."""

from __future__ import annotations

import sys
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import MANIFEST, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas.build.parsers import markdown_tree, plain_lines
from atlas.build.parsers.markdown_tree import _LINK_DEFINITION, _MARKDOWN, item_chunks
from atlas.build.parsers.plain_lines import _parsed, _plain_tokens
from atlas.build.records import Source
from atlas.build.sources import load_manifest, read_source, source_text

sys.path.insert(0, str(ROOT / "bench"))
from bench_build import synthetic_list  # noqa: E402

# What the tree walk reads of a token; paragraph and heading closings it never reads.
_UNREAD = {"paragraph_open", "paragraph_close", "heading_close"}


def _read(tokens) -> list[tuple]:
    return [
        (token.type, token.tag, token.map, token.level, token.content, token.markup, token.info,
         [(child.type, child.tag, child.content, child.attrs, child.level, child.markup, child.nesting)
          for child in token.children or []])
        for token in tokens if token.type not in _UNREAD
    ]


def _excerpt(text: str):
    return source_text(Source(id="x", title="x", file="x.md", format="awesome_digest"), Path("x.md"), text)


def _documents():
    for manifest in (MANIFEST, ROOT / "tests" / "data" / "quirks" / "sources.yml"):
        for source in load_manifest(manifest):
            yield read_source(source, manifest.parent)
    for path in sorted((ROOT / "tests" / "data").glob("**/*.md")) + sorted((ROOT / "tests" / "data").glob("**/*.txt")):
        yield _excerpt(path.read_text(encoding="utf-8"))
    yield _excerpt(synthetic_list(300))


def _pieces(lines: list[str]) -> list[tuple[int, int]]:
    cuts = [n for n in range(1, len(lines)) if markdown_tree.MARGIN_ITEM.match(lines[n]) and not lines[n - 1].strip()]
    bounds = [0, *cuts, len(lines)]
    return list(pairwise(bounds))


def _plain_pieces_agree(lines: list[str]) -> int:
    """Check every plain piece's tokens against markdown-it's reading of that piece; return how
    many pieces were plain."""
    plain = 0
    line_max = len(lines) - (not lines[-1].strip(" \t"))
    for start, end in _pieces(lines):
        last = end == len(lines)
        tokens = _plain_tokens(lines, start, end, line_max if last else end, _MARKDOWN)
        if tokens is not None:
            plain += 1
            assert _read(tokens) == _read(_parsed(lines, start, end, _MARKDOWN, last=True) if last
                                          else _parsed_whole(lines, start, end)), (start, end)
    return plain


def _parsed_whole(lines, start, end):
    tokens = _parsed(lines, start, end, _MARKDOWN)
    assert tokens is not None
    return tokens


def test_every_plain_piece_of_every_list_has_the_tokens_markdown_it_gives_it():
    plain = pieces = 0
    for document in _documents():
        if _LINK_DEFINITION.search(document.markdown):
            continue
        lines = document.markdown.split("\n")
        plain += _plain_pieces_agree(lines)
        pieces += len(_pieces(lines))
    assert plain > pieces // 4  # the path is taken, on the real lists too


def _items(document) -> list:
    return [item for chunk in item_chunks(document, 10**9) for item in chunk]


def test_every_list_gives_the_items_markdown_it_alone_gives(monkeypatch):
    documents = list(_documents())
    fast = [_items(document) for document in documents]
    monkeypatch.setattr(markdown_tree, "segment_tokens", lambda lines, markdown: markdown.parse("\n".join(lines)))
    assert [_items(document) for document in documents] == fast


@pytest.mark.parametrize("text", [
    "# Papers\n\n- A paper. *ICLR 2021*\n\n```\ncode\n\n- not an item\n```\n\n- B paper.\n",
    "# Papers\n\n- A paper.\n\n<!--\n\n- commented out\n\n-->\n\n- B paper.\n  - Its authors\n",
    "- A\n  - B\n    - C\n  - D\n- E\n\n## H\n\n- F\n\n* G\n  + H\n",
    "- A\n\n  - loose child\n\n- B\n",
    "- A  \n  - B #\n## C ##\n- D\n\n\n\n",
    "- A\n    - four spaces\n  - two\n",
    "- A\n  - B\n  * other marker\n",
    "- 2021. A numbered title\n- *Emphasis* first\n- **Bold** first\n- - nested on its line\n- ---\n",
    "- A\n  ===\n- B\n  - C\nlazy line\n",
    "- A\u00a0\n- \u3000B\n\u00a0\n- C\n",
])
def test_quirky_lines_give_the_items_markdown_it_gives(text, monkeypatch):
    document = _excerpt(text)
    _plain_pieces_agree(document.markdown.split("\n"))
    fast = _items(document)
    monkeypatch.setattr(markdown_tree, "segment_tokens", lambda lines, markdown: markdown.parse("\n".join(lines)))
    assert _items(document) == fast


_LINE = st.one_of(
    st.sampled_from(["", " ", "  ", "# Papers", "## Section 2021", "### A # B", "#### Closed ##", "#nope",
                     "```", "~~~", "> quote", "<div>", "<!--", "-->", "---", "***", "===", "lazy text",
                     "[a]: https://x.org", "1. first", "2) second", "\t- tab", "- ", "-", "* "]),
    st.builds(lambda indent, marker, text: " " * indent + marker + " " + text,
              st.integers(0, 7), st.sampled_from(["-", "-", "-", "*", "+"]),
              st.sampled_from(["Title. [[paper]](https://arxiv.org/abs/2101.00001)", "A B, C D. *ICLR 2021*",
                               "Key Word: A; B.", "Digest: plain words", "**Bold** title", "`code` x",
                               "a &amp; b", "x\\*y", "<b>html</b>", "trailing  ", "# not heading",
                               "1. nested", "- nested", "* * *", "2021. numbered", "_x_", "[link](u) ![i](v)",
                               "\u00a0nbsp", "ends with #"])),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=14))
def test_generated_lines_give_the_items_markdown_it_gives(lines):
    text = "\n".join(lines)
    document = _excerpt(text)
    fast = _items(document)
    original = markdown_tree.segment_tokens
    markdown_tree.segment_tokens = lambda lines, markdown: markdown.parse("\n".join(lines))
    try:
        assert _items(document) == fast
    finally:
        markdown_tree.segment_tokens = original
    if not _LINK_DEFINITION.search(document.markdown):
        _plain_pieces_agree(document.markdown.split("\n"))


_URL = st.from_regex(plain_lines._URL, fullmatch=True)
_FRAGMENT = st.one_of(
    st.sampled_from(["Title", " ", "  ", "2021", ".", ",", "(", ")", ":", "*", "**", "_", "[", "]", "!", "`",
                     "&amp;", "<b>", "\\", "é", "\u00a0", "paper", "[paper]", "Über", "a_b", "$", "~", "#", "@",
                     "-", ">", "|", '"', "{}", "%", "^", "\u2003", "σ"]),
    st.builds(lambda label, url: f"[{label}]({url})", st.sampled_from(["paper", "[paper]", "code", "a b", "*x*", ""]),
              _URL),
    st.builds(lambda url: f"({url})", _URL),
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_FRAGMENT, min_size=1, max_size=10))
def test_text_read_here_has_the_inline_tokens_markdown_it_gives(fragments):
    content = "".join(fragments).strip()
    children = plain_lines._inline_parts(content)
    if children is not None:
        assert children == _MARKDOWN.parseInline(content)[0].children


@settings(max_examples=1500, deadline=None)
@given(_URL)
def test_a_url_read_here_is_one_markdown_it_leaves_as_written(url):
    assert _MARKDOWN.normalizeLink(url) == url and _MARKDOWN.validateLink(url)


def test_titles_with_links_and_emphasis_are_read_here():
    content = "T 1. [[paper]](https://arxiv.org/abs/2101.00001) [code](http://g.com/x) A, B. *ICLR 2021*."
    assert plain_lines._inline_parts(content) == _MARKDOWN.parseInline(content)[0].children
    assert plain_lines._inline_parts("x*y*") is None
