"""Creating and filling tables the same way whether or not a build has rows for them.

Tables are created by sqlite-utils, from the columns and types of their first rows exactly as
its `insert_all` would, so the schema users read stays what it was; the rows themselves go in
with one `executemany`, inside the caller's transaction, which is several times faster than
`insert_all`'s statement per hundred rows and commit per chunk.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from json.encoder import encode_basestring, encode_basestring_ascii
from operator import itemgetter

import sqlite_utils
from sqlite_utils.db import SQLITE_MAX_VARS
from sqlite_utils.utils import suggest_column_types

# Tables that a smaller or cleaner list could leave empty still exist, with these columns.
EMPTY_TABLE_COLUMNS = {
    "possible_duplicates": {"paper_id": str, "other_paper_id": str, "score": int, "reason": str},
    "link_claims": {
        "source_id": str,
        "line": int,
        "item": int,
        "url": str,
        "paper_id": str,
        "venue_id": str,
        "year": int,
        "entry_venue_id": str,
        "entry_year": int,
        "agrees": int,
    },
    "unmapped_terms": {
        "source_id": str,
        "kind": str,
        "term": str,
        "topic_id": str,
        "papers": int,
        "suggested_topic_id": str,
        "suggestion": str,
    },
    "keywords": {"id": str, "name": str},
    "paper_readings": {
        "paper_id": str, "reader": str, "line": int, "topics": str, "agreed": str, "note": str,
    },
    # the topic model's tables: empty while every paper is read by two curators
    "paper_topic_scores": {
        "paper_id": str, "topic_id": str, "score": float, "filed": int, "words": str,
        "similar_paper_ids": str,
    },
    "reading_queue": {
        "paper_id": str, "rank": int, "priority": float, "confidence": float, "disagreements": int,
        "lists": int, "readings": int, "topics": str, "reason": str,
    },
    "retired_ids": {"kind": str, "id": str, "replaced_by": str, "reason": str},
    # A list that names no authors (list 000) or has no links (001, 004) built alone left these out.
    "authors": {"id": str, "name": str, "given_names": str, "surname": str},
    "author_names": {"author_id": str, "name": str, "entries": int},
    "paper_authors": {"paper_id": str, "author_id": str, "position": int, "written": str},
    "links": {"paper_id": str, "url": str, "kind": str, "source_id": str, "line": int},
    "entry_authors": {
        "source_id": str, "line": int, "item": int, "position": int, "written": str, "author_id": str,
    },
    "paper_keywords": {"paper_id": str, "keyword_id": str},
    "topic_related": {"topic_id": str, "related_id": str},
    "topic_mappings": {"topic_id": str, "property": str, "target_id": str},
}


def insert_rows(db: sqlite_utils.Database, table: str, rows: Iterable[dict], **options) -> None:
    """Insert dict rows, creating the table (pk=, foreign_keys=) as insert_all would; tables in
    EMPTY_TABLE_COLUMNS are created even when there are no rows."""
    if table in EMPTY_TABLE_COLUMNS and not db[table].exists():
        db[table].create(
            EMPTY_TABLE_COLUMNS[table], pk=options.get("pk"), foreign_keys=options.get("foreign_keys")
        )
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    # insert_all guesses the column types from its first chunk, as many rows as fit 999 variables.
    chunk = [first, *islice(rows, max(1, min(100, SQLITE_MAX_VARS // max(1, len(first)))) - 1)]
    if not db[table].exists():
        db[table].create(suggest_column_types(chunk), pk=options.get("pk"),
                         foreign_keys=options.get("foreign_keys"))
    columns = sorted({column for row in chunk for column in row})
    names = ", ".join(f"[{column}]" for column in columns)
    db.conn.executemany(
        f"insert into [{table}] ({names}) values ({', '.join('?' * len(columns))})",
        _values(chain(chunk, rows), columns),
    )


def insert_tuples(
    db: sqlite_utils.Database, table: str, columns: tuple[str, ...], rows: Iterable[tuple], **options
) -> None:
    """insert_rows for rows given as tuples of the `columns`' values, in that order: the first
    chunk goes in as dicts, from which the table is created exactly as insert_rows creates it,
    the rest as they are, without a dict and a lookup per value (the entries table's 23 columns
    for every list item)."""
    rows = iter(rows)
    chunk = list(islice(rows, first_chunk_size(columns)))
    insert_rows(db, table, (dict(zip(columns, row, strict=True)) for row in chunk), **options)
    if chunk:
        names = ", ".join(f"[{column}]" for column in columns)
        db.conn.executemany(f"insert into [{table}] ({names}) values ({', '.join('?' * len(columns))})", rows)


def _values(rows: Iterable[dict], columns: list[str]) -> Iterator[tuple]:
    if len(columns) == 1:
        for row in rows:
            yield (row[columns[0]],)
        return
    get = itemgetter(*columns)
    for row in rows:
        yield get(row)


def json_strings(strings: Iterable[str], ensure_ascii: bool = True) -> str:
    """json.dumps(list(strings), ensure_ascii=ensure_ascii), for strings only, in a third of the time:
    json.dumps makes an encoder at each call, and the tables hold ~300,000 short lists at 50,000
    papers (an entry's authors and key words, a paper's lists, topics and labels)."""
    quote = encode_basestring_ascii if ensure_ascii else encode_basestring
    return "[" + ", ".join(map(quote, strings)) + "]"


def first_chunk_size(columns: tuple[str, ...]) -> int:
    """How many rows insert_tuples takes to create a table of `columns` (insert_all's first chunk)."""
    return max(1, min(100, SQLITE_MAX_VARS // max(1, len(columns))))


def write_aside(path: str, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """The rows into a table of a new scratch database, in order, untyped (each value kept as
    bound): another process writes them there, and copy_aside brings them into the build's file."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("pragma journal_mode = off")
        db.execute("pragma synchronous = off")
        db.execute("begin")
        db.execute(f"create table [{table}] ({', '.join(f'[{column}]' for column in columns)})")
        db.executemany(f"insert into [{table}] values ({', '.join('?' * len(columns))})", rows)
        db.execute("commit")
    finally:
        db.close()


def insert_aside(
    db: sqlite_utils.Database, table: str, columns: tuple[str, ...], rows: Iterable[tuple], aside: str,
    **options,
) -> None:
    """insert_tuples for `rows` (at least the first chunk, which creates the table), then every
    row of the table of the scratch database `aside` (write_aside), which holds the rows after
    them, copied in SQLite in one statement, several times faster than binding them from Python.
    Row by row in rowid order, as executemany inserts them, so the pages come out byte for byte
    the same (the transfer optimisation, which copies a table and then each index, would not:
    the ORDER BY keeps SQLite from it). The scratch stays attached, as `aside`, until the
    transaction ends (detach_aside)."""
    rows = list(rows)
    insert_tuples(db, table, columns, rows, **options)
    if not rows:
        return
    names = ", ".join(f"[{column}]" for column in columns)
    db.conn.execute("attach database ? as aside", (aside,))
    db.conn.execute(
        f"insert into main.[{table}] ({names}) select {names} from aside.[{table}] order by rowid"
    )


def detach_aside(db: sqlite_utils.Database) -> None:
    """Detach insert_aside's scratch database, once the transaction that read it is committed."""
    if any(name == "aside" for _, name, *_ in db.conn.execute("pragma database_list")):
        db.conn.execute("detach database aside")
