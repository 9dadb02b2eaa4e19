"""Stage 6, write SQLite: the public schema users write SQL against.

Rows are inserted in a fixed order and every table has a primary key, so two builds from the
same inputs hold the same rows in the same order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import sqlite_utils
from sqlite_utils.db import DescIndex

from atlas.build.classify import PaperReading, PaperTopic, UnmappedTerm
from atlas.build.database_rows import (
    detach_aside,
    first_chunk_size,
    insert_aside,
    insert_rows,
    insert_tuples,
    json_strings,
    write_aside,
)
from atlas.build.merge import Paper, PossibleDuplicate
from atlas.build.model_tables import write_model_tables
from atlas.build.normalize import LinkClaim, Venue
from atlas.build.people import Author
from atlas.build.reading_queue import QueueItem
from atlas.build.records import Entry, Source
from atlas.build.retired import RetiredId
from atlas.build.site_tables import write_site_tables
from atlas.build.taxonomy import Taxonomy
from atlas.build.text import slug
from atlas.build.topic_model import ModelScore
from atlas.build.topics_table import write_topics

SECTION_SEPARATOR = " › "
BUSY_SECONDS = 600


@dataclass(frozen=True)
class Dataset:
    """Everything the pipeline produced, as plain data, ready to be written."""

    sources: list[Source]
    entries: list[Entry]
    venues: list[Venue]
    papers: list[Paper]
    possible_duplicates: list[PossibleDuplicate]
    authors: list[Author]
    author_of: dict[tuple[str, int, int, int], str]  # (source_id, line, item, position) of a name → author id
    keywords: dict[str, list[str]]  # paper id → keywords as written
    report: dict[str, int]
    link_claims: list[LinkClaim]
    taxonomy: Taxonomy
    paper_topics: list[PaperTopic]
    unmapped_terms: list[UnmappedTerm]
    paper_readings: list[PaperReading] = field(default_factory=list)
    retired_ids: list[RetiredId] = field(default_factory=list)
    model_scores: list[ModelScore] = field(default_factory=list)
    reading_queue: list[QueueItem] = field(default_factory=list)


def write_tables(path: Path, data: Dataset) -> sqlite_utils.Database:
    """Write the public tables and commit them: what the exports read (atlas/build/export_process.py),
    which may then start while finish_database runs. Returns the open database, for finish_database."""
    db = write_record_tables(path, data)
    write_topic_tables(db, data)
    return db


def write_record_tables(
    path: Path, data: Dataset, entries_aside: Callable[[], str] | None = None
) -> sqlite_utils.Database:
    """Open the first transaction and write the tables that need no topics, the first in the file:
    only these fields of `data` are read, so the build writes them while it classifies elsewhere
    (atlas/build/pipeline.py). Returns the open database, for write_topic_tables. `entries_aside`,
    when given, returns the scratch database write_entries_aside wrote (in another process), from
    which the entries table's rows are copied.

    Their journal in memory and no syncs: a build that fails is thrown away whole
    (atlas/build/publish.py), and publishing syncs every file once it is complete."""
    db = _connect(path)
    db.conn.execute("begin")
    paper_of = _paper_of(data)
    _write_sources(db, data)
    _write_authors(db, data)
    _write_papers(db, data)
    _write_entries(db, data, paper_of, entries_aside)
    _write_links_and_keywords(db, data, paper_of)
    _write_review_tables(db, data, paper_of)
    return db


def write_topic_tables(db: sqlite_utils.Database, data: Dataset) -> None:
    """The taxonomy, each paper's topics and the model's tables, after write_record_tables' tables
    in the same transaction, which this commits."""
    write_topics(db, data.taxonomy, data.paper_topics, data.unmapped_terms, data.paper_readings)
    write_model_tables(db, data.model_scores, data.paper_topics, data.reading_queue)
    db.conn.commit()
    detach_aside(db)


def write_entries_aside(path: str, data: Dataset) -> str:
    """The entries table's rows after the build's own (_own_entries) into a scratch database at
    `path`, for write_record_tables to copy: they need only the entries and papers merge gives, so
    a fork of the build writes them on the other core while the build clusters the authors.
    Returns the path."""
    paper_of = _paper_of(data)
    later = islice(data.entries, _own_entries(len(data.entries)), None)
    write_aside(path, "entries", ENTRY_COLUMNS, (_entry_row(e, paper_of) for e in later))
    return path


def _own_entries(count: int) -> int:
    """How many of the entries' rows the build writes itself when a fork writes the rest aside: an
    eighth. The fork (these rows, then classify) is the longer side: the build waited 0.2-0.3 s
    for it at 50,000 papers under load, 0.46 s on a quiet machine. A row costs the fork ~7 µs
    written aside and the build ~7 µs more written itself than copied, so an eighth (25,000 rows,
    ~0.17 s each way) shortens the wait without making the build the longer side."""
    return max(first_chunk_size(ENTRY_COLUMNS), count // 8)


def _paper_of(data: Dataset) -> dict:
    return {ref: paper.id for paper in data.papers for ref in paper.entries}


def finish_database(db: sqlite_utils.Database, report: dict[str, int]) -> dict[str, int]:
    """In a second transaction, the indexes, the site's tables, the views, the build report and
    the statistics; returns the report completed with counts of the views. The exports read a
    copy of the committed tables meanwhile (atlas/build/export_process.py)."""
    db.conn.execute("begin")
    _index(db)
    write_site_tables(db)
    _create_views(db)
    # Counted from the view users query, so the report and the view can never disagree.
    (papers_with_conflicts,) = db.execute("select count(*) from conflicts").fetchone()
    report = {**report, "papers_with_conflicts": papers_with_conflicts}
    insert_rows(db, "build_report", ({"measure": k, "value": v} for k, v in report.items()), pk="measure")
    db.execute("ANALYZE")
    db.conn.commit()
    db.close()
    return report


def _connect(path: Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    # Should another process read the file while a transaction is open, wait rather than fail.
    db.conn.execute(f"pragma busy_timeout = {BUSY_SECONDS * 1000}")
    db.execute("pragma journal_mode = memory")
    db.execute("pragma synchronous = off")
    # 256 MiB of page cache instead of 2 MiB: indexes, the closure and the full-text index read back
    # what was just written, which at 150,000 papers cost a quarter of the stage's CPU in page reads.
    db.execute("pragma cache_size = -262144")
    return db


def _write_sources(db: sqlite_utils.Database, data: Dataset) -> None:
    """The lists, and the venues their entries name."""
    entries_of = Counter(entry.source_id for entry in data.entries)
    insert_rows(
        db,
        "sources",
        (
            {
                "id": s.id,
                "title": s.title,
                "file": s.file,
                "format": s.format,
                "origin": s.origin,
                "license": s.license,
                "sha256": s.sha256,
                "entries": entries_of[s.id],
                "upstream_url": s.upstream.url if s.upstream else "",
                "upstream_path": s.upstream.path if s.upstream else "",
                "upstream_revision": s.upstream.revision if s.upstream else "",
            }
            for s in data.sources
        ),
        pk="id",
    )
    insert_rows(
        db,
        "venues",
        (
            {"id": v.id, "name": v.name, "full_name": v.full_name, "kind": v.kind, "curated": v.curated}
            for v in sorted(data.venues, key=lambda v: v.id)
        ),
        pk="id",
    )


def _write_authors(db: sqlite_utils.Database, data: Dataset) -> None:
    insert_tuples(
        db,
        "authors",
        ("id", "name", "given_names", "surname"),
        ((a.id, a.name, a.given_names, a.surname) for a in data.authors),
        pk="id",
    )
    insert_tuples(
        db,
        "author_names",
        ("author_id", "name", "entries"),
        ((a.id, name, count) for a in data.authors for name, count in a.spellings),
        pk=("author_id", "name"),
        foreign_keys=[("author_id", "authors", "id")],
    )


def _write_papers(db: sqlite_utils.Database, data: Dataset) -> None:
    """Papers, with their authors as the fullest entry writes them, in order."""
    venue_name = {venue.id: venue.name for venue in data.venues}
    author_name = {author.id: author.name for author in data.authors}
    insert_tuples(
        db,
        "papers",
        ("id", "title", "year", "venue_id", "venue", "arxiv_id", "doi", "authors", "authors_truncated",
         "digest", "entries", "sources"),
        (
            (
                p.id,
                p.title,
                p.year,
                p.venue_id or None,
                venue_name.get(p.venue_id),
                p.arxiv_id or None,
                None,
                ", ".join(
                    author_name[data.author_of[(*p.authors_from, position)]]
                    for position in range(1, len(p.authors) + 1)
                ),
                p.authors_truncated,
                p.digest or None,
                len(p.entries),
                json_strings(sorted({source for source, *_ in p.entries})),
            )
            for p in data.papers
        ),
        pk="id",
        foreign_keys=[("venue_id", "venues", "id")],
    )
    insert_tuples(
        db,
        "paper_authors",
        ("paper_id", "author_id", "position", "written"),
        (
            (p.id, data.author_of[(*p.authors_from, position)], position, name)
            for p in data.papers
            for position, name in enumerate(p.authors, start=1)
        ),
        pk=("paper_id", "position"),
        foreign_keys=[("paper_id", "papers", "id"), ("author_id", "authors", "id")],
    )


def _write_entries(
    db: sqlite_utils.Database, data: Dataset, paper_of: dict, aside: Callable[[], str] | None
) -> None:
    """Every list item as the list wrote it, and each name written in a paper entry."""
    rows = (_entry_row(e, paper_of) for e in data.entries)
    options = {
        "pk": ("source_id", "line", "item"),
        "foreign_keys": [
            ("source_id", "sources", "id"), ("paper_id", "papers", "id"), ("venue_id", "venues", "id"),
        ],
    }
    if aside is None:
        insert_tuples(db, "entries", ENTRY_COLUMNS, rows, **options)
    else:
        own = islice(rows, _own_entries(len(data.entries)))
        insert_aside(db, "entries", ENTRY_COLUMNS, own, aside(), **options)
    author_of = data.author_of
    insert_tuples(
        db,
        "entry_authors",
        ("source_id", "line", "item", "position", "written", "author_id"),
        (
            (e.source_id, e.line, e.item, position, name, author_of[(e.source_id, e.line, e.item, position)])
            for e in data.entries
            if e.kind == "paper"
            for position, name in enumerate(e.authors, start=1)
        ),
        pk=("source_id", "line", "item", "position"),
        foreign_keys=[("author_id", "authors", "id")],
    )


def _write_links_and_keywords(db: sqlite_utils.Database, data: Dataset, paper_of: dict) -> None:
    insert_tuples(
        db,
        "links",
        ("paper_id", "url", "kind", "source_id", "line"),
        _link_rows(data, paper_of),
        pk=("paper_id", "url"),
        foreign_keys=[("paper_id", "papers", "id")],
    )
    keyword_names: dict[str, str] = {}
    slugs: dict[str, str] = {}  # a few hundred key words, written on most papers
    for paper_id in sorted(data.keywords):
        for keyword in data.keywords[paper_id]:
            if keyword not in slugs:
                slugs[keyword] = slug(keyword)
            keyword_names.setdefault(slugs[keyword], keyword)
    insert_rows(db, "keywords", ({"id": k, "name": keyword_names[k]} for k in sorted(keyword_names)), pk="id")
    insert_tuples(
        db,
        "paper_keywords",
        ("paper_id", "keyword_id"),
        (
            (paper_id, slugs[keyword])
            for paper_id in sorted(data.keywords)
            for keyword in data.keywords[paper_id]
        ),
        pk=("paper_id", "keyword_id"),
        foreign_keys=[("paper_id", "papers", "id"), ("keyword_id", "keywords", "id")],
    )


def _write_review_tables(db: sqlite_utils.Database, data: Dataset, paper_of: dict) -> None:
    """What a curator reviews: retired ids, possible duplicates, links that disagree with entries."""
    insert_rows(
        db,
        "retired_ids",
        (
            {"kind": r.kind, "id": r.id, "replaced_by": r.replaced_by or None, "reason": r.reason}
            for r in sorted(data.retired_ids, key=lambda r: (r.kind, r.id))
        ),
        pk=("kind", "id"),
    )
    insert_rows(
        db,
        "possible_duplicates",
        (
            {"paper_id": d.paper_id, "other_paper_id": d.other_paper_id, "score": d.score, "reason": d.reason}
            for d in data.possible_duplicates
        ),
        pk=("paper_id", "other_paper_id"),
        foreign_keys=[("paper_id", "papers", "id"), ("other_paper_id", "papers", "id")],
    )
    insert_rows(
        db,
        "link_claims",
        (
            {
                "source_id": c.source_id,
                "line": c.line,
                "item": c.item,
                "url": c.url,
                "paper_id": paper_of.get((c.source_id, c.line, c.item)),
                "venue_id": c.venue_id,
                "year": c.year,
                "entry_venue_id": c.entry_venue_id or None,
                "entry_year": c.entry_year,
                "agrees": c.agrees,
            }
            for c in data.link_claims
        ),
        pk=("source_id", "line", "item", "url"),
        foreign_keys=[("paper_id", "papers", "id"), ("venue_id", "venues", "id")],
    )


ENTRY_COLUMNS = (
    "source_id", "line", "item", "section", "heading", "kind", "reason", "warning", "hidden", "title",
    "authors", "authors_truncated", "year", "stated_year", "venue", "venue_id", "paper_id",
    "parent_line", "parent_item", "label", "keywords", "arxiv_id", "raw",
)


def _entry_row(entry: Entry, paper_of: dict) -> tuple:
    """An entries row, its values in ENTRY_COLUMNS' order (the table's)."""
    own_paper = paper_of.get(entry.ref)
    belongs_to = paper_of.get(entry.parent_ref) if entry.parent_line else None
    section = entry.section
    return (
        entry.source_id,
        entry.line,
        entry.item,
        SECTION_SEPARATOR.join(section) or None,
        section[-1] if section else None,
        entry.kind,
        entry.reason or None,
        entry.warning or None,
        entry.hidden,
        entry.title or None,
        json_strings(entry.authors, ensure_ascii=False) if entry.authors else None,
        entry.authors_truncated,
        entry.year,
        entry.stated_year,
        entry.venue or None,
        entry.venue_id or None,
        own_paper or belongs_to,
        entry.parent_line,
        entry.parent_item if entry.parent_line else None,
        entry.label or None,
        json_strings(entry.keywords, ensure_ascii=False) if entry.keywords else None,
        entry.arxiv_id or None,
        entry.raw,
    )


def _link_rows(data: Dataset, paper_of: dict) -> list[tuple]:
    """(paper_id, url, kind, source_id, line): each paper's link as its first entry gives it."""
    rows: dict[tuple[str, str], tuple] = {}
    for entry in data.entries:
        if not entry.links:  # most list items: notes, key words, digests
            continue
        paper_id = paper_of.get(entry.ref)
        for link in entry.links:
            if (paper_id, link.url) not in rows:
                rows[paper_id, link.url] = (paper_id, link.url, link.kind, entry.source_id, entry.line)
    return [rows[key] for key in sorted(rows)]


# papers by (year desc, id) and authors by (surname, id): each table's pages in its metadata.yml
# order with ties by id (atlas/site/key_order.py), read straight from the index, which still
# serves every filter on the year or surname.
_INDEXES = {
    "entries": [["paper_id"], ["venue_id"], ["kind"], ["year"], ["hidden"], ["heading"]],
    "papers": [[DescIndex("year"), "id"], ["venue_id"], ["arxiv_id"]],
    "authors": [["surname", "id"]],
    "paper_authors": [["author_id"]],
    "entry_authors": [["author_id"]],
    "author_names": [["name"]],
    "links": [["kind"]],
    "paper_keywords": [["keyword_id"]],
    "possible_duplicates": [["other_paper_id"]],
    "link_claims": [["paper_id"], ["venue_id"], ["agrees"]],
    "venues": [["kind"]],
}


def _index(db: sqlite_utils.Database) -> None:
    for table, column_sets in _INDEXES.items():
        for columns in column_sets:
            db[table].create_index(columns)


def _create_views(db: sqlite_utils.Database) -> None:
    db.create_view(
        "paper_entries",
        """
        select papers.id as paper_id, papers.title, papers.year, venues.name as venue,
               entries.source_id, entries.line, entries.section, entries.title as entry_title,
               entries.year as entry_year, entries.venue as entry_venue, entries.hidden
        from papers join entries on entries.paper_id = papers.id and entries.kind = 'paper'
        left join venues on venues.id = papers.venue_id
        order by papers.id, entries.source_id, entries.line
        """,
    )
    db.create_view(
        "papers_per_venue_year",
        """
        select venues.name as venue, venues.kind as venue_kind, papers.year, count(*) as papers
        from papers left join venues on venues.id = papers.venue_id
        group by venues.name, venues.kind, papers.year order by papers.year desc, papers desc
        """,
    )
    db.create_view(
        "conflicts",
        """
        select paper_id, count(distinct entries.year) as years, count(distinct entries.venue_id) as venues,
               count(distinct entries.title) as titles,
               group_concat(entries.source_id || ':' || entries.line || ' ' || coalesce(entries.venue, '-')
                            || ' ' || coalesce(entries.year, '-') || ' ' || entries.title, char(10)) as claims
        from entries where kind = 'paper'
        group by paper_id
        having count(distinct entries.year) > 1 or count(distinct entries.venue_id) > 1
            or count(distinct entries.title) > 1
        order by paper_id
        """,
    )
    db.create_view(
        "rejected_entries",
        """
        select source_id, line, section, reason, raw from entries
        where kind = 'rejected' order by source_id, line
        """,
    )
    db.create_view(
        "paper_notes",
        """
        select entries.paper_id, entries.source_id, entries.line, entries.raw as note
        from entries where kind = 'note' order by paper_id, source_id, line
        """,
    )
