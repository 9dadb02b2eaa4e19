"""Stage 3, normalize (people): one author per person, every spelling kept.

A written name is split into given names and surname; people are blocked on folded surname
plus first initial, a name written with initials joins a full name only with evidence, and
each person's most complete spelling becomes the author's name.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from atlas.build.disjoint_sets import DisjointSets
from atlas.build.errors import InputError
from atlas.build.names import NAME_PARTICLES
from atlas.build.records import EntryRef
from atlas.build.schemas import PEOPLE
from atlas.build.text import collapse_spaces, fold, repair_diacritics, slug
from atlas.build.yamlfile import load_yaml, require

_GIVEN_SEPARATOR = re.compile(r"[\s.\-]+")


@dataclass(frozen=True)
class PersonName:
    written: str
    given: str
    surname: str

    @cached_property  # asked for each of a name's occurrences: once per spelling is enough
    def key(self) -> str:
        initial = fold(self.given)[:1]
        return f"{slug(self.surname)}-{initial}" if initial else slug(self.surname)

    @cached_property
    def display(self) -> str:
        return collapse_spaces(f"{self.given} {self.surname}")


class NameRules:
    """The curated aliases and compound surnames of data/people.yml."""

    def __init__(
        self, aliases: dict[str, str], compound_surnames: list[str],
        authorship: dict[tuple[str, int, str], str] | None = None,
    ) -> None:
        self.aliases = aliases
        self.authorship = authorship or {}
        self.compound_surnames = sorted(compound_surnames, key=len, reverse=True)
        self._folded_compounds = [(compound, " " + fold(compound)) for compound in self.compound_surnames]
        self._parsed: dict[str, PersonName] = {}

    @classmethod
    def load(cls, path: Path) -> NameRules:
        document = load_yaml(path, PEOPLE) or {}
        aliases = document.get("aliases") or {}
        compounds = document.get("compound_surnames") or []
        authorship = document.get("authorship") or []
        if not (isinstance(aliases, dict) and isinstance(compounds, list) and isinstance(authorship, list)):
            raise InputError(
                path, "expected 'aliases' (a mapping), 'compound_surnames' and 'authorship' (lists)"
            )
        return cls(
            {str(k): str(v) for k, v in aliases.items()},
            [str(c) for c in compounds],
            _authorship(authorship, path),
        )

    def curated_name(self, paper_id: str, position: int, written: str) -> str:
        """The full name data/people.yml gives a name written on one paper, if any."""
        return self.authorship.get((paper_id, position, written), "")

    def parse(self, written: str) -> PersonName:
        """Split a name as written ("Jacot, A.", "Arthur Jacot", "A. Jacot") into its parts."""
        if written not in self._parsed:
            self._parsed[written] = self._parse(written)
        return self._parsed[written]

    def _parse(self, written: str) -> PersonName:
        name = collapse_spaces(repair_diacritics(self.aliases.get(written, written)).replace("_", " "))
        if "," in name:
            surname, given = (part.strip() for part in name.split(",", 1))
            return PersonName(written, given, surname)
        folded = fold(name)
        for compound, folded_compound in self._folded_compounds:
            if folded.endswith(folded_compound):
                return PersonName(written, name[: -len(compound)].strip(), name[-len(compound) :])
        tokens = name.split()
        start = len(tokens) - 1
        while start > 1 and tokens[start - 1].lower() in NAME_PARTICLES:
            start -= 1
        return PersonName(written, " ".join(tokens[:start]), " ".join(tokens[start:]))


def _authorship(items: list, path: Path) -> dict[tuple[str, int, str], str]:
    """`authorship`: who a name written with initials is on one paper, where no list says."""
    found: dict[tuple[str, int, str], str] = {}
    for item in items:
        paper = require(item, "paper", path)
        position = require(item, "position", path, int)
        written = require(item, "written", path)
        require(item, "reason", path)
        key = (paper, position, written)
        if key in found:
            raise InputError(path, f"authorship of '{written}' on '{paper}' given twice", item.line)
        found[key] = require(item, "name", path)
    return found


@lru_cache(maxsize=1 << 16)  # a person's spellings recur on each of their papers
def completeness(name: PersonName) -> tuple:
    """Full given names beat initials; accents beat their absence; then the longer form."""
    given_words = [word for word in re.split(r"[\s.-]+", name.given) if len(word) > 1]
    accents = sum(1 for ch in name.display if ord(ch) > 127)
    return (len(given_words), accents, len(name.display), name.display)


@dataclass(frozen=True)
class Author:
    id: str
    name: str
    given_names: str
    surname: str
    spellings: tuple[tuple[str, int], ...]  # every written form seen, with how many entries


Occurrence = tuple[str, int, int, int]  # (source_id, line, item, position) of a name in an entry


def _given_tokens(person: PersonName) -> tuple[str, ...]:
    return _tokens_of_given(person.given)


@lru_cache(maxsize=1 << 16)  # asked several times for each occurrence of a name
def _tokens_of_given(given: str) -> tuple[str, ...]:
    return tuple(token for token in _GIVEN_SEPARATOR.split(fold(given)) if token)


def _has_full_given_name(person: PersonName) -> bool:
    """ "Jason D. Lee" and "J Zico Kolter" write a given name out; "Lee, J. D." does not."""
    return any(len(token) > 1 for token in _given_tokens(person))


def _compatible(initials: PersonName, full: PersonName) -> bool:
    """ "Cox, D. D." fits "David Daniel Cox": every initial starts the given name in its place."""
    return all(a[0] == b[0] for a, b in zip(_given_tokens(initials), _given_tokens(full), strict=False))


def cluster_authors(
    occurrences: dict[Occurrence, str], paper_of: dict[EntryRef, str], rules: NameRules,
    retired_ids: frozenset[str] = frozenset(),
) -> tuple[list[Author], dict[Occurrence, str]]:
    """One Author per person; returns the authors and, for each name occurrence, its author id.

    People are blocked on folded surname plus first initial. Within a block, full given names
    tell people apart (Xi Chen is not Xiangyi Chen). A name written with initials only joins a
    full name only with evidence: the same paper written with that full name in another list,
    or a co-author it shares with that person on another paper (a curated authorship in
    data/people.yml turns initials into a full name). Without evidence it stays an author of
    its own, under the spelling given. Two positions of one entry are never one person. An id
    retired in data/retired_ids.yml is never given again (its IRI names the person it went to).
    """
    people = {occ: rules.parse(rules.curated_name(paper_of.get(occ[:3], ""), occ[3], written) or written)
              for occ, written in occurrences.items()}
    clusters = _Clusters(people)
    blocks: dict[str, list[Occurrence]] = {}
    for occ in sorted(people):
        blocks.setdefault(people[occ].key, []).append(occ)
    coauthors = _coauthor_keys(people)
    for block in blocks.values():
        full = [occ for occ in block if _has_full_given_name(people[occ])]
        by_first_name: dict[str, Occurrence] = {}
        for occ in full:
            first = by_first_name.setdefault(_given_tokens(people[occ])[0], occ)
            if first is not occ:
                clusters.join(first, occ)
        by_paper: dict[str, Occurrence] = {}
        for occ in full:  # "Jason Lee" in one list, "Jason D. Lee" in another, one paper
            paper = paper_of.get(occ[:3], "")
            if paper and by_paper.setdefault(paper, occ) is not occ:
                clusters.join(by_paper[paper], occ)
        full_set = set(full)
        initials = [occ for occ in block if occ not in full_set]
        full_roots = sorted({clusters.find(occ) for occ in full})
        evidence = {root: _Evidence() for root in full_roots}
        for occ in full:
            evidence[clusters.find(occ)].add(occ, paper_of.get(occ[:3], ""), coauthors[occ])
        joins = []
        for occ in initials:
            paper = paper_of.get(occ[:3], "")
            fits = [root for root in full_roots if _fits(people[occ], clusters.members(root), people)]
            found = _by_evidence(occ, paper, coauthors[occ], fits, evidence)
            if found:
                joins.append((found, occ))
        for root, occ in joins:
            clusters.join(root, occ)
        alone = [occ for occ in initials if len(clusters.members(occ)) == 1]
        _join_initials_by_evidence(alone, people, paper_of, coauthors, clusters)
    return _authors(clusters, people, occurrences, paper_of, retired_ids)


class _Clusters:
    """Union-find over name occurrences that refuses to make two positions of one entry one person."""

    def __init__(self, people: dict[Occurrence, PersonName]) -> None:
        self.sets = DisjointSets(people)
        self._members = {occ: [occ] for occ in people}
        self._positions = {occ: {occ[:3]: occ[3]} for occ in people}  # entry → the position held

    def find(self, occ: Occurrence) -> Occurrence:
        return self.sets.find(occ)

    def members(self, occ: Occurrence) -> list[Occurrence]:
        return self._members[self.find(occ)]

    def join(self, a: Occurrence, b: Occurrence) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        small, large = sorted((self._positions[root_a], self._positions[root_b]), key=len)
        if any(large.get(entry, position) != position for entry, position in small.items()):
            return False
        self.sets.union(root_a, root_b)
        root = self.find(root_a)
        other = root_b if root == root_a else root_a
        large.update(small)
        self._positions[root] = large
        del self._positions[other]
        # The longer list takes the shorter one in, so joining a person named on every paper one
        # name at a time stays linear (members are only ever tested with any() or counted).
        kept, added = sorted((self._members.pop(root_a), self._members.pop(root_b)), key=len, reverse=True)
        kept.extend(added)
        self._members[root] = kept
        return True


@dataclass
class _Evidence:
    """What is known of one person written with a full name: the papers and their co-authors."""

    papers: dict[str, set[int]] = field(default_factory=dict)  # paper id → positions
    coauthors: dict[str, set[str]] = field(default_factory=dict)  # paper id → co-author keys

    def add(self, occ: Occurrence, paper: str, coauthors: frozenset[str]) -> None:
        if paper:
            self.papers.setdefault(paper, set()).add(occ[3])
            self.coauthors.setdefault(paper, set()).update(coauthors)


def _coauthor_keys(people: dict[Occurrence, PersonName]) -> dict[Occurrence, frozenset[str]]:
    """For each occurrence, the person keys of the other names in its author list."""
    key = {occ: person.key for occ, person in people.items()}
    by_entry: dict[EntryRef, set[str]] = {}
    for occ in people:
        by_entry.setdefault(occ[:3], set()).add(key[occ])
    return {occ: frozenset(by_entry[occ[:3]] - {key[occ]}) for occ in people}


def _fits(initials: PersonName, members: list[Occurrence], people: dict[Occurrence, PersonName]) -> bool:
    return any(_compatible(initials, people[m]) for m in members if _has_full_given_name(people[m]))


def _by_evidence(
    occ: Occurrence, paper: str, coauthors: frozenset[str], fits: list[Occurrence],
    evidence: dict[Occurrence, _Evidence],
) -> Occurrence | None:
    """The one full-name person the lists give evidence for, or None where none or several."""
    same_paper = [root for root in fits if paper and paper in evidence[root].papers]
    if len(same_paper) > 1:  # "Lu, Y." where another list writes Yiping Lu and Yulong Lu
        same_paper = [root for root in same_paper if occ[3] in evidence[root].papers[paper]]
    if same_paper:
        return same_paper[0] if len(same_paper) == 1 else None
    shared = [
        root for root in fits
        if any(keys & coauthors for other, keys in evidence[root].coauthors.items() if other != paper)
    ]
    return shared[0] if len(shared) == 1 else None


def _join_initials_by_evidence(
    initials: list[Occurrence], people: dict[Occurrence, PersonName], paper_of: dict[EntryRef, str],
    coauthors: dict[Occurrence, frozenset[str]], clusters: _Clusters,
) -> None:
    """Initials no full name claimed are one author per spelling ("Hornik, K."), or where they
    fit each other, with evidence (one paper, or a co-author), unless they share an author list."""
    for i, occ in enumerate(initials):
        for other in initials[i + 1 :]:
            if _given_tokens(people[occ]) == _given_tokens(people[other]):
                clusters.join(occ, other)
                continue
            if not (_compatible(people[occ], people[other]) or _compatible(people[other], people[occ])):
                continue
            paper, other_paper = paper_of.get(occ[:3], ""), paper_of.get(other[:3], "")
            shared = paper != other_paper and coauthors[occ] & coauthors[other]
            if (paper and paper == other_paper) or shared:
                clusters.join(occ, other)


def _authors(
    clusters: _Clusters, people: dict[Occurrence, PersonName], occurrences: dict[Occurrence, str],
    paper_of: dict[EntryRef, str], retired_ids: frozenset[str],
) -> tuple[list[Author], dict[Occurrence, str]]:
    """Name each cluster; clusters that would share an id, or take a retired one, get a suffix."""
    by_id: dict[str, list[tuple[PersonName, list[Occurrence]]]] = {}
    for members in clusters.sets.groups().values():
        # Most people are named once: their one spelling is the best, without weighing it.
        if len(members) == 1:
            best = people[members[0]]
        else:
            best = max((people[m] for m in members), key=completeness)
        by_id.setdefault(_author_id(best), []).append((best, members))
    authors, author_of = [], {}
    for base_id, groups in by_id.items():
        # The person with a full name, else the one named most often, keeps the plain id.
        if len(groups) > 1:
            groups.sort(key=lambda group: (not _has_full_given_name(group[0]), -len(group[1]),
                                           _first_authorship(group[1], paper_of)))
        for rank, (best, members) in enumerate(groups):
            if rank == 0 and base_id not in retired_ids:
                author_id = base_id
            else:
                author_id = f"{base_id}-{_short_hash(_first_authorship(members, paper_of))}"
            counts: dict[str, int] = {}
            for member in members:
                counts[occurrences[member]] = counts.get(occurrences[member], 0) + 1
                author_of[member] = author_id
            spellings = tuple(sorted(counts.items()))
            authors.append(Author(author_id, best.display, best.given, best.surname, spellings))
    authors.sort(key=lambda author: author.id)
    return authors, author_of


def _first_authorship(members: list[Occurrence], paper_of: dict[EntryRef, str]) -> str:
    """The first paper (and position) a person is named on: stable while paper ids are."""
    return min(f"{paper_of.get(m[:3], '')}#{m[3]}" for m in members)


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]


def _author_id(person: PersonName) -> str:
    """Surname and first given name ("jacot-arthur"), or the initial where no name is known."""
    tokens = _given_tokens(person)
    first = tokens[0] if tokens and len(tokens[0]) > 1 else (tokens[0][:1] if tokens else "")
    return f"{slug(person.surname)}-{slug(first)}".strip("-")
