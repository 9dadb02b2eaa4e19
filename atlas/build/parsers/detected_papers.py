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

import re
from dataclasses import replace

from atlas.build.parsers.auto import read_detected, read_detected_text
from atlas.build.parsers.line_detector import CONFIRMED_FROM, line_probabilities, thresholds
from atlas.build.parsers.line_features import ARXIV, DOI, URL, YEAR
from atlas.build.parsers.line_parts import extent_and_head, field_line, names_before_colon, title_line
from atlas.build.parsers.markdown_tree import ListItem
from atlas.build.parsers.reference import arxiv_id_of, closing_fields, lenient_names, names_in
from atlas.build.parsers.registry import NotAPaper
from atlas.build.records import Entry, SourceText

_READ_AGAIN = ("other", "rejected")
# A rule's reason that says what else an entry is, not that it lacks the evidence of a paper
_VETO = re.compile(r"names (?:no paper(?!'s venue)|a )|not a paper|template|placeholder|tagged|links only|"
                   r"hosts code|dated to the day|news line|a talk|lecture", re.IGNORECASE)
# The warning of an entry the detector adds: a paper at a line no block holds (a fence's), or one of
# several papers in a block a rule read as one entry. Each block is still one entry besides these.
ADDED = "added by the line detector"


def with_detected_papers(document: SourceText, items: list[ListItem], entries: list[Entry]) -> list[Entry]:
    """`entries` (one per item of `items`) with the papers of the lines the detector takes, each
    paper's title read to its extent (`[c19] Names: Title`, line_parts.title_extent)."""
    read = _with_detected_papers(document, items, entries)
    # a list whose papers open with their names and a colon (three at least): one name is a head too
    one_name = sum(entry.kind == "paper" and names_before_colon(entry.title) for entry in read) >= 3
    return _without_repeats([_extent(entry, one_name) for entry in read])


# Editors before a title (`A. Name, B. Name (eds.): Proceedings of …`): a volume, not a paper; a
# link inviting to download (`[Download the PDF handout](./readings.pdf)`): the list's own file
_EDITORS = re.compile(r"\((?:eds?|Hrsg|éds?)\.\)\s*[:.,]", re.IGNORECASE)
_DOWNLOAD = re.compile(r"^\W*download\b", re.IGNORECASE)
_QUOTED = re.compile(r"^\s*>")
# a title naming itself notes of a course, with no arXiv id or DOI: `Deep learning theory lecture notes`
_NOTES = re.compile(r"\b(?:lecture|course|class)\s+notes$", re.IGNORECASE)


def _edited_volume(line: str, title: str) -> bool:
    """Editors before the title: the entry is their volume; after it (`Title. In A. Name (Ed.), Book`),
    the title is a chapter of it, a paper."""
    editors = _EDITORS.search(line)
    titled = line.find(title[:30]) if title else -1
    chapter = editors and 0 <= titled < editors.start() \
        and re.search(r"\bIn:?\s", line[titled:editors.start()])  # `Title. In A. Name (Ed.), Book`
    return bool(editors) and not chapter


def _without_repeats(entries: list[Entry]) -> list[Entry]:
    """Papers, less those that are no paper by what their line says (editors of a volume, a link
    to download the list's file, lecture notes with no arXiv id or DOI) and a quoted line repeating
    a paper read above (an e-mail's
    reply quoting the message before it)."""
    seen: set[str] = set()
    out = []
    for entry in entries:
        if entry.kind == "paper":
            key = " ".join(re.findall(r"\w+", entry.title.lower()))
            first = entry.raw.split("\n")[0]
            reason = ("a volume's editors" if _edited_volume(first, entry.title) else
                      "a link to download the list's file" if _DOWNLOAD.match(entry.title) else
                      "a quoted repeat of a paper above" if key in seen and _QUOTED.match(first) else
                      "lecture notes" if _NOTES.search(entry.title) and not (entry.arxiv_id or entry.doi)
                      else "")
            seen.add(key)
            if reason:
                entry = replace(entry, kind="other", reason=reason)
        out.append(entry)
    return out


def _with_detected_papers(document: SourceText, items: list[ListItem], entries: list[Entry]) -> list[Entry]:
    lines = document.original.split("\n")
    probability = line_probabilities(lines)
    threshold, reject_below = thresholds()
    entries = [_rejected(entry, probability.get(entry.line, 0.0), reject_below) for entry in entries]
    papers = {entry.line for entry in entries if entry.kind == "paper"}
    extents = [_extent_lines(item) for item in items]
    # a line a rule read and refused for what it says it is (`Type: talk`, a template) stays so
    vetoed = {entry.line for entry in entries if entry.kind in _READ_AGAIN and _VETO.search(entry.reason)}
    low = min(CONFIRMED_FROM, threshold)
    taken = [line for line, p in sorted(probability.items()) if line not in papers | vetoed and (
        p >= threshold or (low <= p and _confirmed(document, lines, line, entries, extents)))]
    # a taken line next to the title (a schedule's time, a search result's abstract) gives way to
    # the line of its block that holds a title alone over a line of names
    taken = sorted({_title_neighbour(lines, line) for line in taken} - papers - vetoed)
    if not taken:
        return entries
    # a paper states something besides its title: a year, an arXiv id, a DOI or an address, on its
    # line or the lines under it (`- 会議: ICLR 2017`); a numbered topic or a section's name does not
    taken = [line for line in taken if _states_more_than_a_title(lines, line)]
    by_holder: dict[int | None, list[int]] = {}
    for line in taken:
        by_holder.setdefault(_holder(extents, line), []).append(line)
    read, refs = list(entries), {entry.ref for entry in entries}
    added = [entry for line in by_holder.pop(None, [])
             if (entry := _new_entry(document, lines, line, read, refs, taken))]
    moved: dict[tuple[int, int], tuple[int, int]] = {}
    for holder, held in by_holder.items():
        entry = read[holder]
        # a record's title line is its title key's, which a structure reader found: it stays
        # the byline a bold title's loose item reads as its own (markdown_tree) is no title's line
        if entry.kind == "paper" and held == [items[holder].byline]:
            continue
        # a loose item's later paragraph linking another paper by its own title: a paper of its own
        if entry.kind == "paper" and items[holder].block == "item" and len(held) == 1 \
                and (second := _paper_of_its_own(items[holder], entry, held[0], lines)):
            added.append(_added(document, items[holder], held[0], second, refs))
            continue
        if (entry.kind == "paper" and items[holder].block != "record"
                and probability.get(entry.line, 0.0) < threshold):
            read[holder], more = _moved(document, items[holder], entry, held, refs, lines)
            moved[(entry.line, entry.item)] = (read[holder].line, read[holder].item)
            added += more
        elif (entry.kind == "paper" and items[holder].block != "record"
              and _alike(lines, [entry.line, *held])):
            # a block of like lines a rule read as one paper, the detector taking each (rows of
            # delimited cells): a paper per line
            read[holder], more = _moved(document, items[holder], entry, [entry.line, *held], refs, lines)
            added += more
        elif entry.kind in _READ_AGAIN:
            read[holder], more = _read_again(document, items, holder, entry, held, refs, lines)
            added += more
    if not (added or moved):
        return read
    read = [_renoted(entry, moved) for entry in read]
    return sorted(read + added, key=lambda entry: (entry.line, entry.item))


def _extent_lines(item: ListItem) -> tuple[int, int]:
    """The first and last line an item holds; a record's from its first field's line, which may
    be above its title's (`author('A and B'),` over `title('Title'),`)."""
    first = min(item.line, *item.cell_lines) if item.block == "record" and item.cell_lines else item.line
    return first, item.line + item.raw.rstrip("\n").count("\n")


def _extent(entry: Entry, one_name: bool) -> Entry:
    """A paper's title to its extent; a head of names cut before it (`A. Name, B. Name: Title`)
    is the paper's authors as its line states them."""
    if entry.kind != "paper" or not entry.title:
        return entry
    entry = _run_on(entry)
    title, head = extent_and_head(entry.title, one_name)
    if title == entry.title:
        return entry
    names = names_in(re.sub(r"\s*\([^()]*\)$", "", head)) if head else None
    if names and _named_elsewhere(entry, names[0]):
        return entry
    if head and not names and entry.authors \
            and not set(re.split(r"\s*(?:,|&|\band\b)\s*", head)) & set(entry.authors):
        return entry  # `Show, Control and Tell: Title. A. Name, B. Name`: words, the names are elsewhere
    if names:
        return replace(entry, title=title, authors=tuple(names[0]), authors_truncated=names[1])
    return replace(entry, title=title)


def _named_elsewhere(entry: Entry, head: list[str]) -> bool:
    """Whether the line names its authors in a parenthesis closing it (`Words and Words: Title
    (Surname. 2015. Venue.)`, reference.closing_fields): a line names them once, so a head before
    a colon is the title's own words."""
    line = re.sub(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+", "", entry.raw.strip().split("\n")[0])
    closing = closing_fields(line.strip())
    authors = set(entry.authors)
    if set(head) & authors:
        return False
    # `A. One and B. Two, *Train Faster, Generalize Better: Title*`: the names read before the title
    named_at = entry.raw.find(entry.authors[0].split()[-1]) if entry.authors else -1
    titled_at = entry.raw.find(entry.title.split()[0])
    return 0 <= named_at < titled_at or (closing is not None and set(closing[1][0]) == authors)


def _run_on(entry: Entry) -> Entry:
    """A paper whose title runs on from its block's first line into the line of names under it
    (a page pasted as text: `Title` over `A Name, B Name` over `Published: …`, read as one
    paragraph): the first line is the title, the names its authors."""
    lines = [" ".join(line.split()) for line in entry.raw.split("\n")]
    if len(lines) < 2 or not lines[0] or not entry.title.startswith(f"{lines[0]} {lines[1][:20]}"):
        return entry
    names = names_in(lines[1])
    if not names or len(names[0]) < 2 or len(lines[0].split()) < 3:
        return entry
    return replace(entry, title=lines[0], authors=entry.authors or tuple(names[0]),
                   authors_truncated=entry.authors_truncated if entry.authors else names[1])


def _title_neighbour(lines: list[str], line: int) -> int:
    """The line itself when it is a title over its byline, or holds more than a title; else the
    nearest line of its block, three above to one below, that is a title alone over a line of
    names (`Deep learning without poor local minima` over `K Kawaguchi - Advances in …, 2016`)."""
    if _title_over_names(lines, line) or not (_prose_or_time(lines[line - 1])):
        return line
    for other in (line - 1, line + 1, line - 2, line - 3):
        if not 1 <= other <= len(lines) or any(not lines[at - 1].strip()
                                               for at in range(min(line, other), max(line, other) + 1)):
            continue
        if _title_over_names(lines, other):
            return other
    return line


_SENTENCE_WORDS = re.compile(r"\b(?:we|our|this|these|is|are|was|were|has|have|in this|can|that)\b", re.I)
_TIME = re.compile(r"\b\d{1,2}:\d\d\b")


def _prose_or_time(text: str) -> bool:
    """A line of sentences (an abstract: `In this paper, we prove …`) or of times and places."""
    return bool(_TIME.search(text) or len(_SENTENCE_WORDS.findall(text)) >= 2
                or text.rstrip().endswith(("…", "...")))


def _title_over_names(lines: list[str], line: int) -> bool:
    """A line holding only a title (words, no address, no closing period) over a line whose first
    part is names (`A Jacot, F Gabriel - …`, `Zeyuan Allen-Zhu · Yuanzhi Li`)."""
    text = lines[line - 1].strip()
    if (line >= len(lines) or not lines[line].strip() or len(text.split()) < 2 or URL.search(text)
            or text.endswith((".", "…", ":", ",")) or _prose_or_time(text) or not text[:1].isalpha()):
        return False
    below = re.split(r"\s+[-–—]\s+", field_line(lines[line]).strip())[0]
    names = lenient_names(below)
    return bool(names and names[0] and not lenient_names(text))


def _confirmed(document: SourceText, lines: list[str], line: int, entries: list[Entry],
               extents: list[tuple[int, int]]) -> bool:
    """A line the detector gives less than its threshold, taken when the field readers find what a
    rule would ask of a paper in it and the lines under it: an arXiv id, a DOI or a paper link, or
    authors with a venue or a year; never inside a rule's paper."""
    holder = _holder(extents, line)
    if holder is not None and entries[holder].kind not in _READ_AGAIN:
        return False
    end = line
    while end < min(len(lines), line + 60) and lines[end].strip():
        end += 1
    try:
        claims = read_detected_text("\n".join(lines[line - 1:end]), (), lines[:line - 1])
    except NotAPaper:
        return False
    strong = claims["arxiv_id"] or claims["doi"] or any(link.kind == "paper" for link in claims["links"])
    return bool(strong or (claims["authors"] and (claims["venue"] or claims["stated_year"])))


def _holds_title(line: str, title: str) -> bool:
    """Whether the rule's title opens on this line (its first words, in order), or the rule read
    its block from some other line (`[PDF] arxiv.org` above the title)."""
    words = [word.lower() for word in _WORD.findall(title)[:4]]
    return " ".join(words) in " ".join(word.lower() for word in _WORD.findall(line))


_WORD = re.compile(r"\w+")


def _alike(lines: list[str], taken: list[int]) -> bool:
    """Three lines or more of one shape (`"Title", "Names", "Venue", 2016, …` rows): each opens at
    the same indentation with the same mark as the first, and none is a word's letter (a callout's
    title and its `> **Venue:**` line are two lines of one paper)."""
    openings = {(len(text) - len(text.lstrip()), text.lstrip()[:1])
                for text in (lines[line - 1] for line in taken)}
    return len(taken) > 2 and len(openings) == 1 and not next(iter(openings))[1].isalnum()


def _renoted(entry: Entry, moved: dict[tuple[int, int], tuple[int, int]]) -> Entry:
    """A note of a paper that moved to another line of its block names it where it is now."""
    if entry.parent_line is None or (entry.parent_line, entry.parent_item) not in moved:
        return entry
    line, item = moved[(entry.parent_line, entry.parent_item)]
    return replace(entry, parent_line=line, parent_item=item)


def _read_again(document: SourceText, items: list[ListItem], holder: int, entry: Entry, held: list[int],
                refs: set, lines: list[str]) -> tuple[Entry, list[Entry]]:
    """An entry no rule read as a paper, holding taken lines: the first taken line that reads as
    a paper makes it one; each taken line after it is a paper of its own, read from its lines."""
    first, added = entry, []
    for at, line in enumerate(held):
        try:
            if first is entry:
                claims = (read_detected(holder, items, line, lines) if len(held) == 1
                          else _lines_claims(items[holder], held, at, lines))
                first = _as_paper(entry, claims, line, refs)
                continue
            claims = _lines_claims(items[holder], held, at, lines)
            added.append(_added(document, items[holder], line, claims, refs))
        except NotAPaper:
            continue
    return first, added


def _moved(document: SourceText, item: ListItem, entry: Entry, held: list[int],
           refs: set, lines: list[str]) -> tuple[Entry, list[Entry]]:
    """A rule's paper at a line the detector does not take, whose block holds lines it does: with one
    such line, the paper is at that line (`<a id="…"></a>` then `**Title**\\`); with more, the
    block holds a paper at each, read from its lines, and the rule's reading of it whole gives way."""
    if len(held) == 1:  # read again from its line when that line is in a shape of its own
        own = lines[held[0] - 1]
        claims = {}
        if title_line(own, lines[:held[0] - 1]) != own or not _holds_title(own, entry.title):
            try:
                claims = _lines_claims(item, held, 0, lines)
            except NotAPaper:
                claims = {}
        return _as_paper(entry, claims, held[0], refs), []
    papers = []
    for at, line in enumerate(held):
        try:
            papers.append((line, _lines_claims(item, held, at, lines)))
        except NotAPaper:
            continue
    if len(papers) < 2:
        return entry, []
    first = _as_paper(entry, papers[0][1], papers[0][0], refs)
    return first, [_added(document, item, line, claims, refs) for line, claims in papers[1:]]


def _paper_of_its_own(item: ListItem, entry: Entry, line: int, lines: list[str]) -> dict:
    """The claims of a later paragraph of a loose item that is a paper of its own: the rule's paper
    stands on the item's first line with its title, and the paragraph, after a blank line, links
    another paper by another title (`- [Title](arxiv)` ⏎⏎ `  [Other Title](arxiv)`); else {}."""
    own_line = lines[entry.line - 1]
    if line <= entry.line + 1 or lines[line - 2].strip() or not _holds_title(own_line, entry.title):
        return {}
    try:
        claims = _lines_claims(item, [line], 0, lines)
    except NotAPaper:
        return {}
    strong = claims["arxiv_id"] or claims["doi"] or any(link.kind == "paper" for link in claims["links"])
    other = claims["title"] and not _holds_title(lines[line - 1], entry.title)
    return claims if strong and other and _holds_title(lines[line - 1], claims["title"]) else {}


def _lines_claims(item: ListItem, held: list[int], at: int, lines: list[str]) -> dict:
    """The claims of the taken line held[at] of an item, with its lines up to the next taken one."""
    raw = item.raw.split("\n")
    end = held[at + 1] - item.line if at + 1 < len(held) else len(raw)
    text = "\n".join(raw[held[at] - item.line:end])
    own = lines[held[at] - 1]
    if title_line(own, lines[:held[at] - 1]) != own:  # a line in a shape of its own says where it ends
        last = held[at + 1] - 1 if at + 1 < len(held) else min(len(lines), held[at] + 60)
        text = "\n".join(lines[held[at] - 1:last])
    return read_detected_text(text, item.section, lines[:held[at] - 1], lines[held[at]:held[at] + 6])


def _added(document: SourceText, item: ListItem, line: int, claims: dict, refs: set) -> Entry:
    number = 0
    while (document.source.id, line, number) in refs:
        number += 1
    refs.add((document.source.id, line, number))
    claims = {key: value for key, value in claims.items() if key not in ("line", "parent_item")}
    return Entry(source_id=document.source.id, line=line, item=number, section=item.section,
                 raw=document.original.split("\n")[line - 1], hidden=item.hidden,
                 warning=f"{ADDED}: one of several papers in the block at line {item.line}", **claims)


def _rejected(entry: Entry, probability: float, reject_below: float) -> Entry:
    """A rule's paper whose line the detector all but rules out, as `other` (off by default)."""
    if entry.kind != "paper" or probability >= reject_below:
        return entry
    reason = f"the line detector gives it {probability:.3f}, below {reject_below}"
    return replace(entry, kind="other", reason=reason)


def _states_more_than_a_title(lines: list[str], line: int) -> bool:
    """Whether a taken line, with the lines of its block under it (or the three above it: an
    embed's address over its title), states something besides a title."""
    end, start = line, line
    while end < min(len(lines), line + 12) and lines[end].strip():  # the most field lines read
        end += 1
    while start > max(1, line - 3) and lines[start - 2].strip():
        start -= 1
    text = "\n".join(lines[start - 1:end])
    if YEAR.search(text) or ARXIV.search(text) or DOI.search(text) or URL.search(text):
        return True
    # or its authors, on the line under it (`A Name · B Name`, a schedule's byline)
    names = lenient_names(field_line(lines[line])) if line < len(lines) and lines[line].strip() else None
    return bool(names and len(names[0]) >= 2)


_ARXIV_ADDRESS = re.compile(r"^\s*<?https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/\S+\s*$")


def _arxiv_address_above(lines: list[str], line: int) -> str:
    """The arXiv id of an address alone on a line right above a title in its block (at most
    three lines up, an embed's site name between), or ""."""
    for at in range(line - 1, max(0, line - 4), -1):
        if not lines[at - 1].strip():
            return ""
        if _ARXIV_ADDRESS.match(lines[at - 1]):
            return arxiv_id_of(lines[at - 1].strip(" <>"))
    return ""


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
    refs.add((entry.source_id, line, item))
    return replace(entry, line=line, item=item, reason="", **claims)


def _new_entry(document: SourceText, lines: list[str], line: int, read: list[Entry], refs: set,
               taken: list[int]) -> Entry | None:
    """A paper at a taken line no entry holds, read from it and the lines under it up to a blank
    line or the next taken line; None when it reads as no paper."""
    end = line
    while end < len(lines) and lines[end].strip() and end + 1 not in taken:
        end += 1
    text = "\n".join(lines[line - 1:end])
    section = next((entry.section for entry in reversed(read) if entry.line <= line), ())
    try:
        claims = read_detected_text(text, section, lines[:line - 1], lines[line:line + 6])
    except NotAPaper:
        return None
    if not claims.get("arxiv_id") and (above := _arxiv_address_above(lines, line)):
        claims["arxiv_id"] = above  # an embed's arXiv address over its title
    item = 0
    while (document.source.id, line, item) in refs:
        item += 1
    refs.add((document.source.id, line, item))
    claims.pop("line", None)
    return Entry(source_id=document.source.id, line=line, item=item, section=section, raw=text,
                 hidden=line in document.hidden_lines, warning=f"{ADDED}: no block holds its line", **claims)
