"""The citation record every format is written from, and the two queries that read it.

BibTeX, RIS and CSL-JSON, in dist/ and on the site, all start from these rows, so a paper is
cited with the same title, authors, venue and identifiers whichever format a reader picks.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

_SELECTED = "where {column} in (select value from json_each(:paper_ids))"
PAPERS_SQL = """
select papers.id, papers.title, papers.year, papers.arxiv_id, papers.doi, papers.authors_truncated,
       venues.name as venue_name, venues.full_name as venue_full_name, venues.kind as venue_kind,
       (select links.url from links where links.paper_id = papers.id
        order by case links.kind when 'paper' then 0 when 'pdf' then 1 else 2 end, links.url
        limit 1) as url
from papers left join venues on venues.id = papers.venue_id
{where} order by papers.id
"""
AUTHORS_SQL = """
select paper_authors.paper_id, authors.given_names, authors.surname
from paper_authors join authors on authors.id = paper_authors.author_id
{where} order by paper_authors.paper_id, paper_authors.position
"""
# Control characters and line breaks of every kind; a field is one line of text.
_BREAKS = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")


@dataclass(frozen=True)
class Citation:
    key: str
    title: str
    year: int | None
    authors: tuple[tuple[str, str], ...]  # (given names, surname), in order
    authors_truncated: bool
    venue_kind: str
    venue_name: str
    venue_full_name: str
    arxiv_id: str
    doi: str
    url: str


def citation_queries(paper_ids: list[str] | None) -> tuple[str, str]:
    """The papers and authors queries, for the given papers (bound as :paper_ids) or for all."""
    def where(column: str) -> str:
        return _SELECTED.format(column=column) if paper_ids is not None else ""

    papers_sql = PAPERS_SQL.format(where=where("papers.id"))
    return papers_sql, AUTHORS_SQL.format(where=where("paper_authors.paper_id"))


def citations(paper_rows: Iterable[Mapping], author_rows: Iterable[Mapping]) -> list[Citation]:
    authors: dict[str, list[tuple[str, str]]] = {}
    for row in author_rows:
        authors.setdefault(row["paper_id"], []).append((row["given_names"] or "", row["surname"]))
    return [
        Citation(
            key=row["id"],
            title=row["title"],
            year=row["year"],
            authors=tuple(authors.get(row["id"], [])),
            authors_truncated=bool(row["authors_truncated"]),
            venue_kind=row["venue_kind"] or "",
            venue_name=row["venue_name"] or "",
            venue_full_name=row["venue_full_name"] or "",
            arxiv_id=row["arxiv_id"] or "",
            doi=row["doi"] or "",
            url=row["url"] or "",
        )
        for row in paper_rows
    ]


def all_citations(database: Path) -> list[Citation]:
    """Every paper of a written database, in id order: what the files in dist/ cite. The build may
    be finishing the database meanwhile: the read waits for its commit (up to 600 s) rather than fail."""
    db = sqlite3.connect(database, timeout=600)
    db.row_factory = sqlite3.Row
    papers_sql, authors_sql = citation_queries(None)
    cited = citations(db.execute(papers_sql), db.execute(authors_sql))
    db.close()
    return cited


def one_line(text: str) -> str:
    """A value as one line: no value can then start a field, a tag or an entry of its own.

    Most values hold nothing to fold: every character the pattern matches but the space is
    unprintable (checked over all of Unicode in tests/test_citation_formats_hostile.py), so a
    printable value without two spaces in a row only needs its ends stripped, ten times faster
    than the substitution, which a build makes for every field of every format."""
    if text.isprintable() and "  " not in text:
        return text.strip()
    return _BREAKS.sub(" ", text).strip()


def person(given: str, surname: str) -> tuple[str, str]:
    """(given, surname) of a name, a one-word name the lists wrote as given names only taken as
    the surname, both on one line."""
    given, surname = one_line(given), one_line(surname)
    return ("", given) if not surname else (given, surname)
