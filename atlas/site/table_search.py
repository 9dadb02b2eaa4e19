"""The papers table searched: the same answers as Datasette's own queries, without reading a year
of every match.

For `/atlas/papers?_search=network` Datasette's table view runs two queries that each look up
every matching paper in the papers table (387k of a million synthetic papers for "network",
0.15-0.3 s each on this machine):

    select count(*) from papers where rowid in (select rowid from papers_fts where … match …)
    select <columns> from papers where rowid in (…) order by year desc limit 101

Every paper has exactly one row in the search index, under its own rowid (site_tables.
write_search_index), so the count is the index's count of its matches (12 ms); and the build
stores the first 1,001 papers of each broad word's search in the table's order (`search_newest`),
so a first page of up to 1,000 rows is read from there (1-2 ms). Any other first page of a
search is sorted by id within a year, as its next pages are, by key_order.py, as every sorted
table's first page is. A search inside
a topic of ours is already a full-text query holding the searched words (paper_filters.py), so
Datasette's own search clause beside it keeps no row the topic's drops: it is left out of each
query that carries both, and the count is that query's count in the index, counted once per
search and shared with the best matches above the table (ranked_matches.py), which count the
same matches first.

A search's matches, up to 30,000 (as many as the facets count), are listed once per server as a
JSON array of rowids (`matched`), which gives the count and which Datasette's search clause on
the papers table then reads (`json_each`) in the first page and the facets, instead of matching
the index again in each. A first page of such a search that no stored page of one word answers
walks the table's index on (year desc, id) newest first, testing each paper against the list
(`+rowid in (…)`), when the matches are dense enough that a page of them comes within the first
`WALK_PAPERS` papers of the index as the years are spread (at worst the whole index, 110 ms at
1M); SQLite would otherwise read every match's whole row and sort them all (37 ms for the 15,798
papers of "neural tangent kernel" at 1M, 3-8 ms walking the list).

Only these exact queries are answered differently (`rewritten`); every other query, and every
query on a database that may change, runs as Datasette wrote it."""

from __future__ import annotations

import json
import re

from datasette.database import Results
from datasette.utils import escape_fts

from atlas.published import SEARCH_NEWEST_TABLE, SEARCH_TABLE
from atlas.site.cache import cached

TABLE = "papers"
# Datasette's clause for `?_search=` on a table whose metadata names its full-text table
# (datasette/filters.py, search_filters), and paper_filters.py's for a topic of ours searched.
SEARCHED = f"rowid in (select rowid from {SEARCH_TABLE} where {SEARCH_TABLE} match escape_fts(:search))"
_TOPIC_SEARCHED = re.compile(
    rf"rowid in \(select rowid from {SEARCH_TABLE} where {SEARCH_TABLE} match :(atlas_topic_\d+)\)"
)
_INDEX_CLAUSE = (
    rf"rowid in \(select rowid from {SEARCH_TABLE} where {SEARCH_TABLE} match "
    r"(?P<match>escape_fts\(:search\)|:atlas_topic_\d+)\)"
)
# The table view's count and first page (datasette/views/table.py) when the index's match is the
# table's only filter.
_COUNT = re.compile(rf"select count\(\*\) from {TABLE} where {_INDEX_CLAUSE}\s*")
# The most matches of a search whose rowids its queries share (`matched`): as many as its facets
# count (facets.FACETED_PAPERS); past them, each query matches the index itself.
SHARED_MATCHES = 30_000
_SHARED = "rowid in (select value from json_each(:atlas_matched))"
# How many papers of the year index a first page may expect to walk before it has a page of matches.
WALK_PAPERS = 50_000
_FIRST_PAGE = re.compile(
    rf"select (?P<columns>[\w\[\], ]+) from {TABLE} where (?P<where>.+) "
    r"order by year desc limit (?P<limit>\d+)"
)


def without_repeated_search(sql: str, params: dict) -> str:
    """`sql` without Datasette's search clause where a topic's clause beside it already holds the
    searched words (`topic_ids : <topic> AND (<words>)`): the two keep the same papers as the
    topic's alone. Unchanged unless each clause appears once, the search clause joined by `and`."""
    search = params.get("search")
    topics = _TOPIC_SEARCHED.findall(sql)
    if not isinstance(search, str) or not escape_fts(search) or len(topics) != 1:
        return sql
    topic = params.get(topics[0])
    if sql.count(SEARCHED) != 1 or f" and {SEARCHED}" not in sql or not (
        isinstance(topic, str) and topic.endswith(f" AND ({escape_fts(search)})")
    ):
        return sql
    return sql.replace(f" and {SEARCHED}", "")


def count_from_index(sql: str) -> str | None:
    """The index's own count for Datasette's count of papers a full-text match alone filters."""
    found = _COUNT.fullmatch(sql)
    if found is None:
        return None
    return f"select count(*) from {SEARCH_TABLE} where {SEARCH_TABLE} match {found['match']}"


def searched_words(params: dict) -> tuple[list[str], int]:
    """The keys `search_newest` could hold among the parts of `?_search=` as Datasette escapes
    it (each a quoted word or phrase, all required): its single words as the index spells them;
    and how many parts it has."""
    search = params.get("search")
    parts = re.findall(r'"[^"]*"', escape_fts(search)) if isinstance(search, str) else []
    words = [part[1:-1].lower() for part in parts if re.fullmatch(r'"[A-Za-z0-9_]+"', part)]
    return words, len(parts)


def first_page(sql: str) -> tuple[str, int] | None:
    """For the table view's first page of a search alone, newest first: its columns and size."""
    found = _FIRST_PAGE.fullmatch(sql)
    if found is None or found["where"] != SEARCHED:
        return None
    return found["columns"], int(found["limit"])


def _stored_page(columns: str, limit: int, where: str = "") -> str:
    """The first `limit` of a word's stored papers (`:atlas_word`) kept by `where`, in order."""
    return (
        f"select {columns} from {TABLE} join (select paper_id as atlas_paper_id, position as "
        f"atlas_position from {SEARCH_NEWEST_TABLE} where word = :atlas_word) "
        f"on {TABLE}.id = atlas_paper_id {where}order by atlas_position limit {limit}"
    )


# The rowids of a word's stored papers that the whole search matches: one pass over the search's
# matches in the index, each tested against the thousand stored (`+rowid`: SQLite would otherwise
# probe the index once per stored paper, 94 µs each).
_STORED_AND_MATCHED = (
    f"select rowid from {SEARCH_TABLE} where {SEARCH_TABLE} match escape_fts(:search) and +rowid in "
    f"(select {TABLE}.rowid from {SEARCH_NEWEST_TABLE} join {TABLE} on {TABLE}.id = "
    f"{SEARCH_NEWEST_TABLE}.paper_id where {SEARCH_NEWEST_TABLE}.word = :atlas_word)"
)


async def newest_stored(db, run, page: tuple[str, int], params: dict) -> tuple[str, dict] | None:
    """The first page of a search from a broad word's stored papers, or None.

    One word: its stored papers are the page. Several: every match of the search is a match of
    each of its words, in the same order, so the search's first papers are the first of one
    word's stored papers that match the whole search, whenever a page of them do; else None
    (Datasette's query then runs), after trying the first stored word only."""
    columns, limit = page
    words, parts = searched_words(params)
    stored = [word for word in words if await _stored(db, run, word) >= limit]
    if not stored:
        return None
    word = stored[0]
    named = {**params, "atlas_word": word}
    if parts == 1:
        return _stored_page(columns, limit), named
    key = ("search newest matched", word, params["search"])
    matched = await cached(db, key, lambda: _matched(run, named))
    if len(matched) < limit:
        return None
    where = f"where {TABLE}.rowid in (select value from json_each(:atlas_rowids)) "
    return _stored_page(columns, limit, where), {**named, "atlas_rowids": json.dumps(matched)}


async def rewritten(db, run, sql: str, params) -> tuple[str, dict]:
    """The query to run for `sql` (and its parameters): one of the above, or `sql` unchanged.
    `run` executes a query on `db` as Datasette would."""
    if db.is_mutable or not isinstance(params, dict) or SEARCH_TABLE not in sql:
        return sql, params
    sql = without_repeated_search(sql, params)
    counted = count_from_index(sql)
    if counted is not None:
        return counted, params
    page = first_page(sql)
    if page is None:
        return sql, params
    words, parts = searched_words(params)
    if parts == 1 and words and await _stored(db, run, words[0]) >= page[1]:
        return await newest_stored(db, run, page, params) or (sql, params)
    if await _walkable(db, run, page[1], params):
        return f"select {page[0]} from {TABLE} where +{SEARCHED} order by year desc limit {page[1]}", params
    return await newest_stored(db, run, page, params) or (sql, params)


async def index_counted(db, run, sql: str, params) -> Results | None:
    """Datasette's count of the papers a full-text match alone keeps, answered by `index_count`
    (so counted once however many ask); None for any other query."""
    if db.is_mutable or not isinstance(params, dict) or SEARCH_TABLE not in sql:
        return None
    sql = without_repeated_search(sql, params)
    counted = count_from_index(sql)
    if counted is None:
        return None
    clause = _COUNT.fullmatch(sql)["match"]
    searched = clause == "escape_fts(:search)"
    match = escape_fts(params.get("search", "")) if searched else params.get(clause[1:])
    if not isinstance(match, str):
        return None
    total = await index_count(db, run, match)
    return Results([(total,)], False, [("count(*)",)])


async def index_count(db, run, match: str) -> int:
    """How many papers the full-text query `match` matches (`matched`)."""
    return (await matched(db, run, match))[0]


async def matched(db, run, match: str) -> tuple[int, str | None]:
    """How many papers the full-text query `match` matches and, up to SHARED_MATCHES of them,
    their rowids as a JSON array, read from the index once per server: the search's count, its
    first page and its facets then read the list (`with_shared_matches`) instead of matching
    the index again each (13 ms a time for 15,798 matches at 1M)."""
    listed, rowids = await _listed(db, run, match)
    if rowids is not None:
        return listed, rowids

    async def count() -> int:
        counting = f"select count(*) from {SEARCH_TABLE} where {SEARCH_TABLE} match :match"
        return (await run(counting, {"match": match})).rows[0][0]

    return await cached(db, ("matches counted", match), count), None


async def more_matches_than(db, run, match: str, most: int) -> bool:
    """Whether the full-text query `match` matches more than `most` papers: known from the list
    of its matches alone (`matched`) when `most` is within it, without counting them all."""
    if most > SHARED_MATCHES:
        return await index_count(db, run, match) > most
    return (await _listed(db, run, match))[0] > most


async def _listed(db, run, match: str) -> tuple[int, str | None]:
    """The matches of `match`, up to one more than SHARED_MATCHES, counted, and their rowids as a
    JSON array when they are no more than SHARED_MATCHES (both in SQLite: 15,798 in 13 ms)."""
    async def read() -> tuple[int, str | None]:
        listing = (
            "select count(*), json_group_array(rowid) from (select rowid from "
            f"{SEARCH_TABLE} where {SEARCH_TABLE} match :match limit :atlas_limit)"
        )
        found, rowids = (await run(listing, {"match": match, "atlas_limit": SHARED_MATCHES + 1})).rows[0]
        return found, rowids if found <= SHARED_MATCHES else None

    return await cached(db, ("matches listed", match), read)


async def with_shared_matches(db, run, sql: str, params) -> tuple[str, dict]:
    """`sql` with Datasette's search clause on the papers table read from the search's shared
    list of matches (`matched`), when it has one; else unchanged. Only a clause whose nearest
    `from` is the papers table's own (`from papers where …`) is read so: another table's rowids
    are not the papers'."""
    if db.is_mutable or not isinstance(params, dict) or sql.count(SEARCHED) != 1:
        return sql, params
    search = params.get("search")
    at = sql.index(SEARCHED)
    table_from = sql.rfind(f"from {TABLE} where ", 0, at)
    own_clause = table_from >= 0 and sql.rfind("from ", 0, at) == table_from
    if not own_clause or not isinstance(search, str) or not escape_fts(search):
        return sql, params
    shared = (await matched(db, run, escape_fts(search)))[1]
    if shared is None:
        return sql, params
    return sql.replace(SEARCHED, _SHARED), {**params, "atlas_matched": shared}


async def _walkable(db, run, limit: int, params: dict) -> bool:
    """Whether a first page of `limit` papers of the search is met within WALK_PAPERS of the year
    index, were the matches spread evenly over the years, and the table has that index; and the
    matches are listed (`matched`), so each paper walked is tested against the list. More matches
    than that are a few broad words', whose stored papers answer (and are remembered) sooner."""
    search = params.get("search")
    if not isinstance(search, str) or not escape_fts(search):
        return False
    matches, listed = await matched(db, run, escape_fts(search))
    papers = await _papers_and_year_index(db, run)
    return listed is not None and matches > 0 and papers > 0 and limit * papers <= WALK_PAPERS * matches


async def _papers_and_year_index(db, run) -> int:
    """The papers table's largest rowid (its papers, as the build writes them), or 0 when it has
    no index leading with `year desc`."""
    async def read() -> int:
        indexed = (await run(
            f"select count(*) from pragma_index_list('{TABLE}') as listed "
            "join pragma_index_xinfo(listed.name) as info "
            "where info.seqno = 0 and info.name = 'year' and info.desc = 1"
        )).rows[0][0]
        if not indexed:
            return 0
        return (await run(f"select max(rowid) from {TABLE}")).rows[0][0] or 0

    return await cached(db, ("papers and year index",), read)


async def _matched(run, named: dict) -> list[int]:
    return [row[0] for row in (await run(_STORED_AND_MATCHED, named)).rows]


async def _stored(db, run, word: str) -> int:
    """How many papers of `word`'s search the build stored (0 for a database without them)."""
    async def count() -> int:
        if not await db.table_exists(SEARCH_NEWEST_TABLE):
            return 0
        sql = f"select count(*) from {SEARCH_NEWEST_TABLE} where word = :word"
        return (await run(sql, {"word": word})).rows[0][0]

    return await cached(db, ("search newest stored", word), count)
