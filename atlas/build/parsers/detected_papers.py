"""The `auto` reader's second look: the lines the learned line detector (line_detector.py) takes for
a paper's that no rule read as one.

The rule reader's records stay. A line the detector takes (probability ≥ its threshold) inside an
entry no rule read as a paper (`other` or `rejected`) makes that entry a paper candidate, read by
the same field readers with the same vetoes (auto.read_detected): the detector stands in only for
the evidence a rule would ask for (a link, an id, a venue, authors). A taken line that no entry
holds (inside a fence or a directive no rule reads) becomes an entry of its own when it reads as a
paper. Every line stays accounted: an entry changes kind, or one is added for a paper read.
"""

from __future__ import annotations

from dataclasses import replace

from atlas.build.parsers.auto import read_detected, read_detected_text
from atlas.build.parsers.line_detector import THRESHOLD, line_probabilities
from atlas.build.parsers.markdown_tree import ListItem
from atlas.build.parsers.registry import NotAPaper
from atlas.build.records import Entry, SourceText

_READ_AGAIN = ("other", "rejected")


def with_detected_papers(document: SourceText, items: list[ListItem], entries: list[Entry]) -> list[Entry]:
    """`entries` (one per item of `items`) with the papers of the lines the detector takes."""
    lines = document.original.split("\n")
    probability = line_probabilities(lines)
    papers = {entry.line for entry in entries if entry.kind == "paper"}
    taken = [line for line, p in sorted(probability.items()) if p >= THRESHOLD and line not in papers]
    if not taken:
        return entries
    extents = [(item.line, item.line + item.raw.rstrip("\n").count("\n")) for item in items]
    read, added = list(entries), []
    refs = {entry.ref for entry in entries}
    changed: set[int] = set()
    for line in taken:
        holder = _holder(extents, line)
        if holder is None:
            if entry := _new_entry(document, lines, line, read, refs, set(taken)):
                added.append(entry)
                refs.add(entry.ref)
            continue
        if read[holder].kind not in _READ_AGAIN or holder in changed:
            continue
        try:
            claims = read_detected(holder, items, line)
        except NotAPaper:
            continue
        changed.add(holder)
        read[holder] = _as_paper(read[holder], claims, line, refs)
        refs.add(read[holder].ref)
    return sorted(read + added, key=lambda entry: (entry.line, entry.item)) if added else read


def _holder(extents: list[tuple[int, int]], line: int) -> int | None:
    """The item whose lines hold `line` (the last opening before it, nested items being apart)."""
    found = None
    for index, (first, last) in enumerate(extents):
        if first > line:
            break
        if first <= line <= last:
            found = index
    return found


def _as_paper(entry: Entry, claims: dict, line: int, refs: set) -> Entry:
    claims = {key: value for key, value in claims.items() if key not in ("line", "parent_item")}
    item = entry.item
    if line != entry.line:
        while (entry.source_id, line, item) in refs:
            item += 1
    return replace(entry, line=line, item=item, reason="", **claims)


def _new_entry(document: SourceText, lines: list[str], line: int, read: list[Entry], refs: set,
               taken: set[int]) -> Entry | None:
    """A paper at a taken line no entry holds, read from it and the lines under it up to a blank
    line or the next taken line; None when it reads as no paper."""
    end = line
    while end < len(lines) and lines[end].strip() and end + 1 not in taken:
        end += 1
    text = "\n".join(lines[line - 1:end])
    section = next((entry.section for entry in reversed(read) if entry.line <= line), ())
    try:
        claims = read_detected_text(text, section)
    except NotAPaper:
        return None
    item = 0
    while (document.source.id, line, item) in refs:
        item += 1
    claims.pop("line", None)
    return Entry(source_id=document.source.id, line=line, item=item, section=section, raw=text,
                 hidden=line in document.hidden_lines, **claims)
