"""Stage 3, normalize: canonical venues and title keys, from curated YAML tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from atlas.build.errors import InputError
from atlas.build.records import Entry, entry_with
from atlas.build.schemas import VENUES
from atlas.build.text import fold, key_words, slug
from atlas.build.yamlfile import load_yaml, require

VENUE_KINDS = {"conference", "journal", "preprint", "book", "thesis", "workshop", "unknown"}
_NOT_PART_OF_A_NAME = re.compile(
    r"arxiv:\s*\S+|[a-z-]+/\d{7}|\d{4}\.\d{4,5}|(?<!\w)(?:19|20)\d\d(?!\w)|'\d\d\b|\b\d+\b"
)
_JOINING = re.compile(r"[-‐‑–'’]")
_TITLE_WORD = re.compile(r"[^\W_]+")
# An uncurated venue is named as first written but without a year: the venue holds papers of other years.
_TRAILING_YEAR = re.compile(r"[\s,.]*(?:\(\s*)?(?:19|20)\d\d(?:\s*\))?$|(?<=\w)['’]\d\d$")
_LEADING_NOISE = re.compile(r"^(?:in |the |proceedings of (?:the )?)+")


@dataclass(frozen=True)
class Venue:
    id: str
    name: str
    full_name: str
    kind: str
    curated: bool = True


def venue_key(written: str) -> str:
    """What identifies a venue in the way a list writes it: no years, volumes or ids."""
    text = _NOT_PART_OF_A_NAME.sub(" ", fold(written))
    text = " ".join(key_words(text))
    return _LEADING_NOISE.sub("", text).strip()


@dataclass(frozen=True)
class LinkVenueRule:
    """A link address pattern that names a venue and year (a proceedings URL)."""

    pattern: re.Pattern
    venue: str = ""
    year_of_volume_zero: int | None = None
    volumes: tuple[tuple[int, str, int], ...] = ()

    def claim(self, url: str) -> tuple[str, int] | None:
        match = self.pattern.search(url)
        if not match:
            return None
        found = match.groupdict()
        if "year" in found:
            return self.venue, int(found["year"])
        volume = int(found["volume"])
        if self.year_of_volume_zero:
            return self.venue, self.year_of_volume_zero + volume
        for number, venue, year in self.volumes:
            if number == volume:
                return venue, year
        return None


@dataclass(frozen=True, slots=True)
class LinkClaim:
    """What a link's address says of its entry's venue and year, and whether they agree."""

    source_id: str
    line: int
    url: str
    venue_id: str
    year: int
    entry_venue_id: str
    entry_year: int | None
    item: int = 0  # the entry's item on its line

    @property
    def agrees(self) -> bool:
        return self.venue_id == self.entry_venue_id and self.year == self.entry_year


class VenueTable:
    """The curated venues, every alias that names them, and links that name them too."""

    def __init__(
        self,
        venues: list[Venue],
        aliases: dict[str, str],
        publishers: frozenset[str] = frozenset(),
        link_rules: tuple[LinkVenueRule, ...] = (),
        arxiv_venue: str = "",
    ) -> None:
        self.venues = {venue.id: venue for venue in venues}
        self.aliases = aliases
        self.publishers = publishers
        self.link_rules = link_rules
        self.arxiv_venue = arxiv_venue

    @classmethod
    def load(cls, path: Path) -> VenueTable:
        document = load_yaml(path, VENUES)
        items = document.get("venues") if isinstance(document, dict) else None
        if not isinstance(items, list):
            raise InputError(path, "expected a 'venues' list")
        venues, aliases = [], {}
        for item in items:
            venue = Venue(
                id=require(item, "id", path),
                name=require(item, "name", path),
                full_name=require(item, "full_name", path),
                kind=require(item, "kind", path),
            )
            if venue.kind not in VENUE_KINDS:
                raise InputError(
                    path, f"venue kind '{venue.kind}' is not one of {sorted(VENUE_KINDS)}", item.line
                )
            venues.append(venue)
            for alias in [venue.name, venue.full_name, *(item.get("aliases") or [])]:
                key = venue_key(str(alias))
                if aliases.get(key, venue.id) != venue.id:
                    raise InputError(
                        path, f"alias '{alias}' names two venues: {aliases[key]}, {venue.id}", item.line
                    )
                aliases[key] = venue.id
        publishers = frozenset(venue_key(str(name)) for name in document.get("publishers") or [])
        rules = tuple(_link_rule(rule, path, aliases) for rule in document.get("link_venues") or [])
        arxiv_venue = document.get("arxiv_venue") or ""
        if arxiv_venue and arxiv_venue not in aliases.values():
            raise InputError(path, f"arxiv_venue names unknown venue '{arxiv_venue}'")
        return cls(venues, aliases, publishers, rules, arxiv_venue)

    def resolve(self, written: str) -> Venue | None:
        """The venue a written name refers to; an unknown one is added, marked uncurated."""
        if not written.strip():
            return None
        key = self._without_publisher(venue_key(written))
        if not key or key in self.publishers:
            return None
        if key in self.aliases:
            return self.venues[self.aliases[key]]
        name = _TRAILING_YEAR.sub("", written.strip()) or written.strip()
        venue = Venue(id=slug(key) or slug(written), name=name, full_name=name, kind="unknown", curated=False)
        self.venues.setdefault(venue.id, venue)
        self.aliases[key] = venue.id
        return venue


    def _without_publisher(self, key: str) -> str:
        """"International Conference on Machine Learning. PMLR" is ICML: a reference may close its
        venue with the publisher, which names no venue of its own."""
        for publisher in sorted(self.publishers):
            if key.endswith(" " + publisher) and key[: -len(publisher) - 1] in self.aliases:
                return key[: -len(publisher) - 1]
        return key


def with_venues(entries: list[Entry], table: VenueTable) -> list[Entry]:
    """Attach a canonical venue id to every entry that names a venue."""
    result = []
    for entry in entries:
        venue = table.resolve(entry.venue) if entry.kind == "paper" else None
        result.append(entry_with(entry, venue_id=venue.id) if venue else entry)
    return result


def link_claims(entries: list[Entry], table: VenueTable) -> list[LinkClaim]:
    """Every venue and year a paper entry's links name, beside what the entry claims."""
    claims = []
    for entry in entries:
        if entry.kind != "paper":
            continue
        for link in entry.links:
            for rule in table.link_rules:
                found = rule.claim(link.url)
                if found:
                    claims.append(
                        LinkClaim(
                            entry.source_id, entry.line, link.url, *found,
                            entry.venue_id, entry.year, entry.item,
                        )
                    )
                    break
    return claims


def _link_rule(rule: dict, path: Path, aliases: dict[str, str]) -> LinkVenueRule:
    line = getattr(rule, "line", None)
    try:
        pattern = re.compile(require(rule, "pattern", path))
    except re.error as error:
        raise InputError(path, f"bad link pattern: {error}", line) from None
    volumes = tuple(
        (int(number), str(venue_year[0]), int(venue_year[1]))
        for number, venue_year in (rule.get("volumes") or {}).items()
    )
    known = set(aliases.values())
    for venue in [rule.get("venue"), *(venue for _, venue, _ in volumes)]:
        if venue and venue not in known:
            raise InputError(path, f"link rule names unknown venue '{venue}'", line)
    return LinkVenueRule(pattern, rule.get("venue") or "", rule.get("year_of_volume_zero"), volumes)


def title_key(title: str) -> str:
    """Titles compared as keys: accents folded, case folded, punctuation removed.

    Hyphens and apostrophes join their words ("over-parameterized" = "overparameterized").
    """
    return " ".join(_TITLE_WORD.findall(_JOINING.sub("", fold(title))))
