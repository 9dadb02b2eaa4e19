"""Stage 4, de-duplicate: one paper per real-world paper, across all lists.

Entries whose title keys are equal are one paper. Close titles (a fuzzy match, or a truncated
title that is a prefix of a longer one) are merged only with agreeing evidence and nothing
against: same arXiv id, same first author, years at most one apart. Close pairs that fail go
to `possible_duplicates` for review. A shared PDF link is never evidence: list 000 links two
different Du et al. papers to one PDF. Curated overrides (data/merges.yml) win over rules.

A title with stray markdown inside a word (`ne**twork`) is compared without it, as a close title:
it joins its clean spelling only with the same agreeing evidence, never on its key alone.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from rapidfuzz import fuzz, process

from atlas.build.disjoint_sets import DisjointSets
from atlas.build.errors import InputError
from atlas.build.normalize import title_key
from atlas.build.records import Entry, EntryRef
from atlas.build.schemas import MERGES
from atlas.build.text import remove_stray_markup
from atlas.build.yamlfile import load_yaml

MERGE_SCORE = 90  # rapidfuzz ratio of title keys at or above which evidence may merge
REVIEW_SCORE = 85  # ... at or above which an unmerged pair is listed for review
MIN_PREFIX_WORDS = 6  # a truncated title must keep this many words to match by prefix
BLOCK_TOKENS = 3  # each title is compared within the blocks of its rarest words
MAX_BLOCK = 50  # words shared by more titles than this are too common to block on
SLUG_LENGTH = 80


@dataclass(frozen=True, slots=True)
class Paper:
    id: str
    title: str
    title_key: str
    year: int | None
    venue_id: str
    arxiv_id: str
    digest: str
    authors: tuple[str, ...]  # as written by the entry with the fullest author list
    authors_from: EntryRef  # the entry they are written in
    authors_truncated: bool
    entries: tuple[EntryRef, ...]  # every entry of this paper


@dataclass(frozen=True)
class PossibleDuplicate:
    paper_id: str
    other_paper_id: str
    score: int
    reason: str


@dataclass(frozen=True)
class MergeOverrides:
    same: tuple[frozenset[str], ...] = ()
    different: tuple[frozenset[str], ...] = ()

    @classmethod
    def load(cls, path: Path) -> MergeOverrides:
        document = load_yaml(path, MERGES) or {}
        groups = {}
        for name in ("same", "different"):
            value = document.get(name) or []
            if not isinstance(value, list) or not all(isinstance(group, list) for group in value):
                raise InputError(path, f"'{name}' must be a list of lists of titles")
            groups[name] = tuple(frozenset(title_key(str(title)) for title in group) for group in value)
        return cls(**groups)

    def forbids(self, key_a: str, key_b: str) -> bool:
        return any(key_a in group and key_b in group for group in self.different)


@dataclass
class _Group:
    """Entries sharing one exact title key, with the evidence they bring together."""

    key: str
    entries: list[Entry]
    first_authors: set[str]
    years: set[int]
    arxiv_ids: set[str]

    @property
    def match_key(self) -> str:
        """The key compared with other groups': without stray markdown when every entry has some."""
        repaired = {
            self.key if clean == entry.title else title_key(clean)  # the group's titles share its key
            for entry in self.entries
            for clean in (remove_stray_markup(entry.title)[0],)
        }
        return self.key if self.key in repaired else min(repaired)


def paper_slug(title: str, key: str) -> str:
    """A readable id from the title; a cut title carries a hash of its whole key to stay unique."""
    words = key.split()
    slug = "-".join(words)
    if len(slug) <= SLUG_LENGTH:
        return slug
    cut = ""
    for word in words:
        if len(cut) + len(word) + 1 > SLUG_LENGTH - 7:
            break
        cut = f"{cut}-{word}" if cut else word
    return f"{cut}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"


def merge_papers(
    entries: list[Entry],
    first_author_key: Callable[[Entry], str],
    venue_kind: Callable[[str], str],
    overrides: MergeOverrides = MergeOverrides(),
    arxiv_venue: str = "",
) -> tuple[list[Paper], list[PossibleDuplicate], dict[tuple[str, int], str]]:
    """Group paper entries into papers; returns papers, review pairs and entry → paper id.

    `arxiv_venue` is the venue of a paper no entry names a venue for but one gives an arXiv id.
    """
    groups: dict[str, _Group] = {}
    for entry in entries:
        if entry.kind != "paper":
            continue
        key = title_key(entry.title)
        group = groups.setdefault(key, _Group(key, [], set(), set(), set()))
        group.entries.append(entry)
        first_author = first_author_key(entry)
        if first_author:
            group.first_authors.add(first_author)
        if entry.year:
            group.years.add(entry.year)
        if entry.arxiv_id:
            group.arxiv_ids.add(entry.arxiv_id)

    same_paper = DisjointSets(groups)

    for group_keys in overrides.same:
        present = sorted(key for key in group_keys if key in groups)
        for other in present[1:]:
            same_paper.union(present[0], other)

    review: list[tuple[str, str, int, str]] = []
    match_keys = {key: group.match_key for key, group in groups.items()}
    openings = {match: _opening(match) for match in match_keys.values()}
    same_match, same_opening = Counter(match_keys.values()), Counter(filter(None, openings.values()))
    keys = sorted(match_keys)
    matches = [match_keys[key] for key in keys]
    for number, later in _candidate_partners(matches):
        key_a, match_a = keys[number], matches[number]
        # Each pair of a key equal to another or opening with its words is weighed one by one.
        careful = same_match[match_a] > 1 or same_opening[openings[match_a]] > 1
        for at, score, how in _close(match_a, [matches[other] for other in later], openings, careful):
            key_b, match_b = keys[later[at]], matches[later[at]]
            if overrides.forbids(key_a, key_b) or overrides.forbids(match_a, match_b):
                review.append((key_a, key_b, score, "curated as different papers"))
                continue
            verdict = _evidence(groups[key_a], groups[key_b])
            if score >= MERGE_SCORE and verdict == "agrees":
                same_paper.union(key_a, key_b)
            else:
                repaired = " once stray markdown is removed" if (match_a, match_b) != (key_a, key_b) else ""
                review.append((key_a, key_b, score, f"{how} titles{repaired}; evidence {verdict}"))

    papers: list[Paper] = []
    paper_of_key: dict[str, str] = {}
    for keys in same_paper.groups().values():
        group_list = [groups[key] for key in keys]
        paper = _paper(group_list, venue_kind, arxiv_venue)
        papers.append(paper)
        paper_of_key.update({group.key: paper.id for group in group_list})
    papers.sort(key=lambda paper: paper.id)
    paper_of_entry = {ref: paper.id for paper in papers for ref in paper.entries}
    duplicates = sorted(
        {
            PossibleDuplicate(*sorted((paper_of_key[a], paper_of_key[b])), score, reason)
            for a, b, score, reason in review
            if paper_of_key[a] != paper_of_key[b]
        },
        key=lambda pair: (pair.paper_id, pair.other_paper_id),
    )
    return papers, duplicates, paper_of_entry


def _candidate_partners(matches: list[str]) -> Iterator[tuple[int, list[int]]]:
    """Each key's number with the later numbers whose match keys share one of its rarest words:
    near-linear, unlike all pairs. `matches` are the match keys in the sorted order of the keys.

    Each key's later partners are gathered from its own blocks when its turn comes: the list of
    every pair (16 a title) grew faster than the titles, in time and memory."""
    frequency = Counter(chain.from_iterable(map(set, map(str.split, matches))))
    blocks: dict[str, list[int]] = defaultdict(list)
    rarest_of: list[list[str]] = []
    for number, match in enumerate(matches):
        words = match.split()[:-1] or match.split()  # the last word may be cut short
        # by (frequency, word): sorted by word, then (stably) by frequency, both keys in C
        rarest = sorted(sorted(set(words)), key=frequency.__getitem__)[:BLOCK_TOKENS]
        for word in rarest:
            blocks[word].append(number)  # in ascending order, each key once
        rarest_of.append(rarest)
    for number, rarest in enumerate(rarest_of):
        later: set[int] = set()
        for word in rarest:
            block = blocks[word]
            if len(block) <= MAX_BLOCK:
                later.update(block[bisect_right(block, number) :])
        yield number, sorted(later)


def _close(
    match: str, others: list[str], openings: dict[str, tuple[str, ...] | None], careful: bool
) -> list[tuple[int, int, str]]:
    """(position in others, score, how) of the others scoring REVIEW_SCORE or more against match.

    Careful (an other may equal match or open with its words): each pair by `_similarity`. Else
    only the fuzzy ratio counts, so one call of rapidfuzz weighs all the others and picks those
    near the cut-off; each one picked is scored again on its own, as the careful way does."""
    found = []
    if careful:
        for at, other in enumerate(others):
            if match != other and (openings[match] is None or openings[match] != openings[other]):
                # Neither equal nor one cut from the other: only the fuzzy ratio, cut off where too low.
                score, how = round(fuzz.ratio(match, other, score_cutoff=REVIEW_SCORE - 0.5)), "close"
            else:
                score, how = _similarity(match, other)
            found.append((at, score, how))
    else:
        near = process.extract(match, others, scorer=fuzz.ratio, score_cutoff=REVIEW_SCORE - 1, limit=None)
        found = [(at, round(fuzz.ratio(match, other, score_cutoff=REVIEW_SCORE - 0.5)), "close")
                 for other, _, at in near]
    return sorted(item for item in found if item[1] >= REVIEW_SCORE)


def _opening(key: str) -> tuple[str, ...] | None:
    """The first words two keys must share for `_similarity` to find one cut from the other."""
    words = key.split()
    return tuple(words[: MIN_PREFIX_WORDS - 1]) if len(words) >= MIN_PREFIX_WORDS - 1 else None


def _similarity(key_a: str, key_b: str) -> tuple[int, str]:
    """100 for a title cut short (whole words, then the start of the next), else the fuzzy ratio.

    Compared word by word, the title of fewer words as the cut one: a word split in two by stray
    markdown (`ne**twork` → `ne twork`) makes a key longer in words though not in letters.
    """
    if key_a == key_b:
        return 100, "equal"
    by_words = sorted((key_a, key_b), key=lambda key: (key.count(" "), len(key)))
    shorter, longer = by_words[0].split(), by_words[1].split()
    if (
        len(shorter) >= MIN_PREFIX_WORDS
        and shorter[:-1] == longer[: len(shorter) - 1]
        and longer[len(shorter) - 1].startswith(shorter[-1])
    ):
        return 100, "truncated"
    return round(fuzz.ratio(key_a, key_b)), "close"


def _evidence(a: _Group, b: _Group) -> str:
    """'agrees' when something links the two and nothing sets them apart."""
    against = []
    if a.arxiv_ids and b.arxiv_ids and not a.arxiv_ids & b.arxiv_ids:
        against.append("arXiv ids differ")
    if a.first_authors and b.first_authors and not a.first_authors & b.first_authors:
        against.append("first authors differ")
    if a.years and b.years and min(abs(x - y) for x in a.years for y in b.years) > 1:
        against.append("years differ by more than one")
    if against:
        return "against: " + ", ".join(against)
    agreeing = (
        a.arxiv_ids & b.arxiv_ids
        or a.first_authors & b.first_authors
        or (a.years and b.years and min(abs(x - y) for x in a.years for y in b.years) <= 1)
    )
    return "agrees" if agreeing else "missing"


def _paper(groups: list[_Group], venue_kind: Callable[[str], str], arxiv_venue: str) -> Paper:
    if len(groups) == 1 and len(groups[0].entries) == 1:
        return _paper_of_one(groups[0].key, groups[0].entries[0], arxiv_venue)
    entries = sorted(
        (entry for group in groups for entry in group.entries), key=lambda e: e.ref
    )
    title = entries[0].title if len(entries) == 1 else max(
        (entry.title for entry in entries),
        key=lambda t: (
            not remove_stray_markup(t)[1], len(title_key(t).split()), sum(ch.isupper() for ch in t), t
        ),
    )
    key = groups[0].key if len(groups) == 1 else title_key(title)  # a group's titles share its key
    with_venue = [entry for entry in entries if entry.venue_id]
    peer_reviewed = [entry for entry in with_venue if venue_kind(entry.venue_id) != "preprint"]
    venue_votes = Counter(entry.venue_id for entry in (peer_reviewed or with_venue))
    venue_id = min(venue_votes, key=lambda venue: (-venue_votes[venue], venue)) if venue_votes else ""
    venue_years = Counter(entry.year for entry in entries if entry.venue_id == venue_id and entry.year)
    all_years = Counter(entry.year for entry in entries if entry.year)
    years = venue_years or all_years
    year = min(years, key=lambda y: (-years[y], y)) if years else None
    arxiv_votes = Counter(entry.arxiv_id for entry in entries if entry.arxiv_id)
    arxiv_id = min(arxiv_votes, key=lambda a: (-arxiv_votes[a], a)) if arxiv_votes else ""
    if not venue_id and arxiv_id:
        venue_id = arxiv_venue
    fullest = max(
        range(len(entries)), key=lambda i: (not entries[i].authors_truncated, len(entries[i].authors), -i)
    )
    author_source = entries[fullest]
    return Paper(
        id=paper_slug(title, key),
        title=title,
        title_key=key,
        year=year,
        venue_id=venue_id,
        arxiv_id=arxiv_id,
        digest=next((entry.digest for entry in entries if entry.digest), ""),
        authors=author_source.authors,
        authors_from=author_source.ref,
        authors_truncated=author_source.authors_truncated,
        entries=tuple(entry.ref for entry in entries),
    )


def _paper_of_one(key: str, entry: Entry, arxiv_venue: str) -> Paper:
    """`_paper` for a paper listed once (most papers), without the votes: its entry has the say."""
    return Paper(
        id=paper_slug(entry.title, key),
        title=entry.title,
        title_key=key,
        year=entry.year or None,
        venue_id=entry.venue_id or (arxiv_venue if entry.arxiv_id else ""),
        arxiv_id=entry.arxiv_id,
        digest=entry.digest,
        authors=entry.authors,
        authors_from=entry.ref,
        authors_truncated=entry.authors_truncated,
        entries=(entry.ref,),
    )
