"""Stage 3, normalize (people): one author per person, every spelling kept.

A written name is split into given names and surname; people are keyed on folded surname plus
first initial, and each key's most complete spelling becomes the author's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from atlas.disjoint_sets import DisjointSets
from atlas.errors import InputError
from atlas.records import EntryRef
from atlas.schemas import PEOPLE
from atlas.text import collapse_spaces, fold, repair_diacritics, slug
from atlas.yamlfile import load_yaml

_PARTICLES = {"van", "von", "de", "der", "den", "le", "la", "di", "da", "du", "del", "dos", "ter"}


@dataclass(frozen=True)
class PersonName:
    written: str
    given: str
    surname: str

    @property
    def key(self) -> str:
        initial = fold(self.given)[:1]
        return f"{slug(self.surname)}-{initial}" if initial else slug(self.surname)

    @property
    def display(self) -> str:
        return collapse_spaces(f"{self.given} {self.surname}")


class NameRules:
    """The curated aliases and compound surnames of data/people.yml."""

    def __init__(self, aliases: dict[str, str], compound_surnames: list[str]) -> None:
        self.aliases = aliases
        self.compound_surnames = sorted(compound_surnames, key=len, reverse=True)
        self._folded_compounds = [(compound, " " + fold(compound)) for compound in self.compound_surnames]
        self._parsed: dict[str, PersonName] = {}

    @classmethod
    def load(cls, path: Path) -> NameRules:
        document = load_yaml(path, PEOPLE) or {}
        aliases = document.get("aliases") or {}
        compounds = document.get("compound_surnames") or []
        if not isinstance(aliases, dict) or not isinstance(compounds, list):
            raise InputError(path, "expected 'aliases' (a mapping) and 'compound_surnames' (a list)")
        return cls({str(k): str(v) for k, v in aliases.items()}, [str(c) for c in compounds])

    def parse(self, written: str) -> PersonName:
        """Split a name as written ("Jacot, A.", "Arthur Jacot", "A. Jacot") into its parts."""
        if written not in self._parsed:
            self._parsed[written] = self._parse(written)
        return self._parsed[written]

    def _parse(self, written: str) -> PersonName:
        name = collapse_spaces(repair_diacritics(self.aliases.get(written, written)))
        if "," in name:
            surname, given = (part.strip() for part in name.split(",", 1))
            return PersonName(written, given, surname)
        folded = fold(name)
        for compound, folded_compound in self._folded_compounds:
            if folded.endswith(folded_compound):
                return PersonName(written, name[: -len(compound)].strip(), name[-len(compound) :])
        tokens = name.split()
        start = len(tokens) - 1
        while start > 1 and tokens[start - 1].lower() in _PARTICLES:
            start -= 1
        return PersonName(written, " ".join(tokens[:start]), " ".join(tokens[start:]))


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


def _given_tokens(person: PersonName) -> list[str]:
    return [token for token in re.split(r"[\s.\-]+", fold(person.given)) if token]


def _has_full_given_name(person: PersonName) -> bool:
    tokens = _given_tokens(person)
    return bool(tokens) and len(tokens[0]) > 1


def _compatible(initials: PersonName, full: PersonName) -> bool:
    """ "Cox, D. D." fits "David Daniel Cox": every initial starts the given name in its place."""
    return all(a[0] == b[0] for a, b in zip(_given_tokens(initials), _given_tokens(full), strict=False))


def cluster_authors(
    occurrences: dict[Occurrence, str], paper_of: dict[EntryRef, str], rules: NameRules
) -> tuple[list[Author], dict[Occurrence, str]]:
    """One Author per person; returns the authors and, for each name occurrence, its author id.

    People are blocked on folded surname plus first initial. Within a block, full given names
    tell people apart (Xi Chen is not Xiangyi Chen), the same block on the same paper in two
    lists is one person, and a name written with initials joins the one full name it fits;
    where it fits several it stays a person of its own rather than be guessed.
    """
    people = {occ: rules.parse(written) for occ, written in occurrences.items()}
    same_person = DisjointSets(people)
    union, find = same_person.union, same_person.find

    blocks: dict[str, list[Occurrence]] = {}
    for occ in sorted(people):
        blocks.setdefault(people[occ].key, []).append(occ)
    for block in blocks.values():
        by_first_name: dict[str, Occurrence] = {}
        by_paper: dict[str, Occurrence] = {}
        for occ in block:
            person = people[occ]
            if _has_full_given_name(person):
                first = _given_tokens(person)[0]
                union(by_first_name.setdefault(first, occ), occ)
            paper = paper_of.get(occ[:3], "")
            if paper:
                union(by_paper.setdefault(paper, occ), occ)
        clusters: dict[Occurrence, list[Occurrence]] = {}
        for occ in block:
            clusters.setdefault(find(occ), []).append(occ)
        full = [
            root
            for root, members in clusters.items()
            if any(_has_full_given_name(people[m]) for m in members)
        ]
        for root, members in clusters.items():
            if root in full:
                continue
            fits = [
                other
                for other in full
                if any(
                    _compatible(people[m], people[o])
                    for m in members
                    for o in clusters[other]
                    if _has_full_given_name(people[o])
                )
            ]
            if len(fits) > 1:  # "Lee, J. D." fits Jason D. Lee better than Jaehoon Lee
                fits = [
                    other
                    for other in fits
                    if any(
                        _compatible(people[m], people[o])
                        and len(_given_tokens(people[o])) >= len(_given_tokens(people[m]))
                        for m in members
                        for o in clusters[other]
                        if _has_full_given_name(people[o])
                    )
                ]
            if len(fits) == 1:
                union(fits[0], root)

    members_of: dict[str, list[Occurrence]] = {}
    for members in same_person.groups().values():
        # Initials that fit several people share one unresolved author, so ids stay unique.
        best = max((people[m] for m in members), key=completeness)
        members_of.setdefault(_author_id(best), []).extend(members)
    authors, author_of = [], {}
    for author_id, members in members_of.items():
        best = max((people[m] for m in members), key=completeness)
        counts: dict[str, int] = {}
        for member in members:
            counts[occurrences[member]] = counts.get(occurrences[member], 0) + 1
            author_of[member] = author_id
        spellings = tuple(sorted(counts.items()))
        authors.append(Author(author_id, best.display, best.given, best.surname, spellings))
    authors.sort(key=lambda author: author.id)
    return authors, author_of


def _author_id(person: PersonName) -> str:
    """Surname and first given name ("jacot-arthur"), or the initial where no name is known."""
    tokens = _given_tokens(person)
    first = tokens[0] if tokens and len(tokens[0]) > 1 else (tokens[0][:1] if tokens else "")
    return f"{slug(person.surname)}-{slug(first)}".strip("-")
