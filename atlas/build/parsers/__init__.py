"""Stage 2, parse entries: one small parser per entry style, registered by format name.

Each parser reads one list item at a time (with the document around it, for nesting) and
returns the claims of that item. `parse_document` guarantees that every item becomes exactly
one Entry: an item a parser cannot read becomes a `rejected` entry carrying the reason.
"""

from __future__ import annotations

from atlas.build.names import repair_author_list
from atlas.build.parsers.markdown_tree import ListItem, item_chunks
from atlas.build.parsers.registry import BLOCK_READERS, PARSERS, NotAPaper, Unreadable
from atlas.build.records import Entry, SourceText, new_entry
from atlas.build.text import remove_stray_markup


def parse_document(document: SourceText) -> list[Entry]:
    """Every list item of a source as an Entry, in file order."""
    read_item = PARSERS[document.source.format]
    blocks = document.source.format in BLOCK_READERS
    entries = []
    # An item's parent and children share its chunk; an `auto` (blocks) document is one chunk.
    for items in item_chunks(document, blocks=blocks):
        chunk = [_entry(document, read_item, blocks, index, items) for index in range(len(items))]
        if document.source.format == "auto":
            detected = without_shared_tags(with_detected_papers(document, items, chunk))
            chunk = [venue_as_named(entry) for entry in detected]
        entries.extend(chunk)
    return entries


def entries_of(document: SourceText, items: list[ListItem]) -> list[Entry]:
    """The entries of one chunk's list items (atlas/build/parse_pool.py reads chunks apart)."""
    read_item = PARSERS[document.source.format]
    return [_entry(document, read_item, False, index, items) for index in range(len(items))]


def _entry(document: SourceText, read_item, blocks: bool, index: int, items: list[ListItem]) -> Entry:
    item = items[index]
    try:
        if item.wrapper:
            raise NotAPaper("holds no text, only the list nested on its line")
        if not blocks and _is_table_of_contents(item):
            raise NotAPaper(
                "table-of-contents entry: links to a part of the list (a section or a lecture)"
            )
        claims = read_item(index, items)
    except NotAPaper as reason:
        claims = {"kind": "other", "reason": str(reason)}
    except Unreadable as reason:
        claims = {"kind": "rejected", "reason": str(reason)}
    if claims.get("authors"):
        claims["authors"], repeated = repair_author_list(claims["authors"])
        if repeated:
            _warn(claims, f"author listed twice: {', '.join(repeated)}")
    if claims.get("kind") == "paper":
        _, stray_words = remove_stray_markup(claims["title"])
        if stray_words:  # kept as written; the merge reads the title without them
            _warn(claims, f"stray markdown inside a title word: {', '.join(stray_words)}")
    if claims.get("parent_line") and "parent_item" not in claims:
        claims["parent_item"] = items[item.parent].item
    return new_entry(
        source_id=document.source.id,
        line=claims.pop("line", item.line),  # a row written over lines: the line of its title
        item=item.item,
        section=item.section,
        raw=item.raw,
        hidden=item.hidden,
        **claims,
    )


def _warn(claims: dict, warning: str) -> None:
    claims["warning"] = "; ".join(filter(None, [claims.get("warning"), warning]))


def _is_table_of_contents(item: ListItem) -> bool:
    """Items whose links all point inside the list or its folder: a TOC, not a paper."""
    links = item.links
    return bool(links) and all(link.url.startswith(("#", "./")) for link in links)


# Importing the parser modules registers them.
from atlas.build.parsers import (  # noqa: E402,F401  (registers each)
    apa_references,
    auto,
    awesome_digest,
    bold_title_fullwidth,
    in_venue_pdf,
    venue_year_headings,
)
from atlas.build.parsers.auto import venue_as_named, without_shared_tags  # noqa: E402
from atlas.build.parsers.detected_papers import with_detected_papers  # noqa: E402
