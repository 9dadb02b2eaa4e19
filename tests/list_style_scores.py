"""Scoring the `auto` reader against the hand-written list-style corpus (tests/data/list_styles/):
papers found, found titles exact, and non-papers taken as papers, per list."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from atlas.build.parsers import parse_document
from atlas.build.records import Entry, Source
from atlas.build.sources import source_text

CORPUS = Path(__file__).parent / "data" / "list_styles"


@dataclass
class Score:
    name: str
    papers: int = 0
    found: int = 0
    exact: int = 0
    non_papers: int = 0
    taken: list[int] = field(default_factory=list)  # lines of non-papers read as papers
    missed: list[str] = field(default_factory=list)
    wrong_titles: list[str] = field(default_factory=list)
    fields_right: dict[str, int] = field(default_factory=dict)  # authors, year, venue, arxiv_id

    def line(self) -> str:
        return (f"{self.name:28} papers {self.found}/{self.papers} found ({self.found / self.papers:.1%}), "
                f"titles exact {self.exact}/{self.found} ({self.exact / max(self.found, 1):.1%}), "
                f"non-papers taken {len(self.taken)}/{self.non_papers}; "
                + ", ".join(f"{name} {right}/{self.found}" for name, right in self.fields_right.items()))


def read_auto(path: Path) -> list[Entry]:
    """A list file read as a manifest line with no `format` would have it read."""
    source = Source(id=path.stem.replace("_", "-"), title=path.stem, file=path.name, format="auto")
    return parse_document(source_text(source, path, path.read_text(encoding="utf-8")))


def score(path: Path) -> Score:
    expected = yaml.safe_load(path.with_suffix(".expected.yml").read_text(encoding="utf-8"))
    papers = {entry.line: entry for entry in read_auto(path) if entry.kind == "paper"}
    result = Score(path.stem, papers=len(expected["papers"]), non_papers=len(expected.get("non_papers") or []))
    result.fields_right = {"authors": 0, "year": 0, "venue": 0, "arxiv_id": 0}
    for paper in expected["papers"]:
        entry = papers.get(paper["line"])
        if entry is None:
            result.missed.append(f"{paper['line']}: {paper['title']}")
            continue
        result.found += 1
        if entry.title == paper["title"]:
            result.exact += 1
        else:
            result.wrong_titles.append(f"{paper['line']}: {entry.title!r} != {paper['title']!r}")
        result.fields_right["authors"] += list(entry.authors) == list(paper.get("authors") or [])
        result.fields_right["year"] += entry.year == paper.get("year")
        # both sides without a closing period: an abbreviated venue (`Neural Comput.`) ends in one
        result.fields_right["venue"] += (_without_year(entry.venue) or None) == ((paper.get("venue") or "").strip(" ,.") or None)
        result.fields_right["arxiv_id"] += (entry.arxiv_id or None) == paper.get("arxiv_id")
    result.taken = [item["line"] for item in expected.get("non_papers") or [] if item["line"] in papers]
    return result


def _without_year(venue: str) -> str:
    """The corpus writes a venue without its year (`NeurIPS2018` gives `NeurIPS`); the reader
    keeps the venue as the list writes it, year included, as the dedicated parsers do."""
    return re.sub(r"\s+", " ", re.sub(r"'\d\d\b|(?:19|20)\d\d", " ", venue)).strip(" ,.")


def total(name: str, scores: list[Score]) -> Score:
    summed = Score(name, fields_right={key: 0 for key in ("authors", "year", "venue", "arxiv_id")})
    for one in scores:
        summed.papers += one.papers
        summed.found += one.found
        summed.exact += one.exact
        summed.non_papers += one.non_papers
        summed.taken += one.taken
        for key, right in one.fields_right.items():
            summed.fields_right[key] += right
    return summed
