"""The data of each site page: one query per concern, handed to a template as plain dicts.

Every function takes a Datasette `Database` and returns None when the id names nothing, so the
route answers 404. Topic counts and topic papers come from `paper_topic_closure`, indexed by
topic and year, never from JSON arrays.
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import threading
import time

from datasette.database import QueryInterrupted
from datasette.tracer import trace

from atlas.published import (
    OUR_SCHEME,
    RELEVANCE,
    RELEVANCE_ORDER,
    SEARCH_RANKINGS_TABLE,
    SEARCH_TABLE,
    topic_token,
)
from atlas.site import broad_search, table_search
from atlas.site.broad_search import TooBroad
from atlas.site.cache import cached

PAPERS_PER_PAGE = 50
BEST_MATCHES = 10


async def _all(db, sql: str, params: dict | None = None) -> list[dict]:
    return [dict(row) for row in (await db.execute(sql, params or {})).rows]


async def _one(db, sql: str, params: dict) -> dict | None:
    rows = await _all(db, sql, params)
    return rows[0] if rows else None


def _json_list(value: str | None) -> list[str]:
    return json.loads(value) if value else []


async def home(db) -> dict:
    return {
        "top_topics": await _all(
            db,
            "select id, label, definition, papers from topics "
            "where scheme_id = :ours and top = 1 and not deprecated order by papers desc, label",
            {"ours": OUR_SCHEME},
        ),
        "sources": await _all(db, "select id, title, origin, license, entries from sources order by id"),
        # Two subqueries: SQLite reads a lone min() or max() from the year index, both at once by a scan.
        "years": await _one(
            db, "select (select min(year) from papers) as first, (select max(year) from papers) as last", {}
        ),
        "counts": {
            row["measure"]: row["value"]
            for row in await _all(
                db,
                "select measure, value from build_report where measure in ('papers', 'authors', "
                "'topics', 'entries')",
            )
        },
    }


async def topic_tree(db) -> dict:
    """Our topics as a forest, top concepts first; a topic with several broader topics appears
    under each of them."""
    topics = {
        row["id"]: {**row, "narrower": []}
        for row in await _all(
            db,
            "select id, label, papers, top from topics where scheme_id = :ours and not deprecated "
            "order by papers desc, label",
            {"ours": OUR_SCHEME},
        )
    }
    links = await _all(
        db,
        "select topic_broader.topic_id, topic_broader.broader_id from topic_broader "
        "join topics on topics.id = topic_broader.topic_id where topics.scheme_id = :ours",
        {"ours": OUR_SCHEME},
    )
    children: dict[str, list[str]] = {}
    for link in links:
        if link["topic_id"] in topics and link["broader_id"] in topics:
            children.setdefault(link["broader_id"], []).append(link["topic_id"])
    order = list(topics)

    def node(topic_id: str) -> dict:
        narrower = sorted(children.get(topic_id, []), key=order.index)
        return {**topics[topic_id], "narrower": [node(child) for child in narrower]}

    return {"tree": [node(topic_id) for topic_id in order if topics[topic_id]["top"]]}


async def topic(db, topic_id: str, year_from: int | None, year_to: int | None) -> dict | None:
    concept = await _one(
        db,
        "select topics.*, topic_schemes.title as scheme_title, topic_schemes.iri as scheme_iri, "
        "topic_schemes.ours from topics "
        "join topic_schemes on topic_schemes.id = topics.scheme_id where topics.id = :id",
        {"id": topic_id},
    )
    if concept is None:
        return None
    params = {"id": topic_id}
    concept["alt_labels"] = _json_list(concept["alt_labels"])
    papers = await _topic_papers(db, concept, year_from, year_to)
    years = await cached(db, ("topic years", topic_id), lambda: _all(
        db,
        "select year, count(*) as papers from paper_topic_closure where topic_id = :id and year is not null "
        "group by year order by year",
        params,
    ))
    return {
        "topic": concept,
        "paths": await _broader_paths(db, topic_id),
        "narrower": await _all(
            db,
            "select topics.id, topics.label, topics.papers from topic_broader "
            "join topics on topics.id = topic_broader.topic_id where topic_broader.broader_id = :id "
            "order by topics.papers desc, topics.label",
            params,
        ),
        "related": await _all(
            db,
            "select topics.id, topics.label, topics.papers from topic_related "
            "join topics on topics.id = topic_related.related_id where topic_related.topic_id = :id "
            "order by topics.label",
            params,
        ),
        "crosswalk": await _all(
            db,
            "select topic_mappings.property, topics.id, topics.label, topics.kind, "
            "topic_schemes.title as scheme "
            "from topic_mappings join topics on topics.id = "
            "  case when topic_mappings.target_id = :id then topic_mappings.topic_id else "
            "topic_mappings.target_id end "
            "join topic_schemes on topic_schemes.id = topics.scheme_id "
            "where topic_mappings.target_id = :id or topic_mappings.topic_id = :id "
            "order by topic_schemes.id, topics.label",
            params,
        ),
        "years": years,
        "in_range": sum(
            year["papers"] for year in years if (year_from or -9999) <= year["year"] <= (year_to or 9999)
        ),
        "papers": papers,
        "why": await _why(db, topic_id, [paper["id"] for paper in papers]),
        "year_from": year_from,
        "year_to": year_to,
    }


async def _topic_papers(db, concept: dict, year_from: int | None, year_to: int | None) -> list[dict]:
    """The newest papers of a topic, read from the closure's (topic_id, year, paper_id) index."""
    params = {"id": concept["id"], "low": year_from or -9999, "high": year_to or 9999, "n": PAPERS_PER_PAGE}
    sql = (
        "select papers.id, papers.title, papers.year, papers.venue, papers.authors "
        "from paper_topic_closure join papers on papers.id = paper_topic_closure.paper_id "
        "where paper_topic_closure.topic_id = :id and paper_topic_closure.year between :low and :high "
        "order by paper_topic_closure.year desc, paper_topic_closure.paper_id limit :n"
    )
    return await _all(db, sql, params)


async def _why(db, topic_id: str, paper_ids: list[str]) -> dict[str, list[dict]]:
    """For each listed paper, the topics under `topic_id` it is filed in, with how and, where the
    build records it, the evidence (the heading, key word or phrase)."""
    columns = await db.table_columns("paper_topics")
    evidence = "paper_topics.evidence" if "evidence" in columns else "null"
    rows = await _all(
        db,
        f"select paper_topics.paper_id, topics.id, topics.label, paper_topics.via, {evidence} as evidence "
        "from paper_topics join topic_closure on topic_closure.descendant_id = paper_topics.topic_id "
        "join topics on topics.id = paper_topics.topic_id "
        "where topic_closure.ancestor_id = :id and paper_topics.paper_id in (select value from "
        "json_each(:ids)) "
        "order by paper_topics.paper_id, topic_closure.depth, topics.label, paper_topics.via",
        {"id": topic_id, "ids": json.dumps(paper_ids)},
    )
    by_paper: dict[str, list[dict]] = {}
    for row in rows:
        by_paper.setdefault(row["paper_id"], []).append(row)
    return {paper_id: _reasons_per_topic(found) for paper_id, found in by_paper.items()}


def _reasons_per_topic(rows: list[dict]) -> list[dict]:
    """One item per topic, with every (via, evidence) that files the paper there."""
    topics: dict[str, dict] = {}
    for row in rows:
        topic = topics.setdefault(row["id"], {**row, "reasons": []})
        topic["reasons"].append({"via": row["via"], "evidence": row["evidence"]})
    return list(topics.values())


async def _broader_paths(db, topic_id: str) -> list[list[dict]]:
    """Every chain of broader topics from a top concept down to (not including) this one."""
    ancestors = {
        row["id"]: row
        for row in await _all(
            db,
            "select topics.id, topics.label from topic_closure join topics on topics.id = "
            "topic_closure.ancestor_id "
            "where topic_closure.descendant_id = :id",
            {"id": topic_id},
        )
    }
    links = await _all(
        db,
        "select topic_id, broader_id from topic_broader where topic_id in (select value from "
        "json_each(:ids)) "
        "order by topic_id, broader_id",
        {"ids": json.dumps(sorted(ancestors))},
    )
    broader: dict[str, list[str]] = {}
    for link in links:
        broader.setdefault(link["topic_id"], []).append(link["broader_id"])

    def up(current: str) -> list[list[str]]:
        if not broader.get(current):
            return [[current]]
        return [path + [current] for parent in broader[current] for path in up(parent)]

    return [[ancestors[step] for step in path[:-1]] for path in up(topic_id) if len(path) > 1]


async def paper(db, paper_id: str) -> dict | None:
    found = await _one(
        db,
        "select papers.*, venues.name as venue_name, venues.full_name as venue_full_name, "
        "venues.kind as venue_kind "
        "from papers left join venues on venues.id = papers.venue_id where papers.id = :id",
        {"id": paper_id},
    )
    if found is None:
        return None
    params = {"id": paper_id}
    columns = await db.table_columns("paper_topics")
    evidence = "paper_topics.evidence" if "evidence" in columns else "null"
    entries = await _all(
        db,
        "select entries.source_id, sources.title as source_title, entries.line, entries.item, "
        "entries.section, entries.kind, "
        "entries.title, entries.venue, entries.venue_id, entries.year, entries.hidden, entries.raw "
        "from entries join sources on sources.id = entries.source_id where entries.paper_id = :id "
        "order by entries.source_id, entries.line, entries.item",
        params,
    )
    return {
        "paper": found,
        "authors": await _all(
            db,
            "select paper_authors.author_id, authors.name, authors.given_names, authors.surname, "
            "paper_authors.written from paper_authors "
            "join authors on authors.id = paper_authors.author_id where paper_authors.paper_id = :id "
            "order by paper_authors.position",
            params,
        ),
        "links": await _all(
            db, "select url, kind from links where paper_id = :id order by kind, url", params
        ),
        "topics": _reasons_per_topic(await _all(
            db,
            f"select topics.id, topics.label, topics.iri, topics.scheme_id = :ours as ours, "
            "topic_schemes.title as scheme, "
            f"paper_topics.via, {evidence} as evidence from paper_topics "
            "join topics on topics.id = paper_topics.topic_id "
            "join topic_schemes on topic_schemes.id = topics.scheme_id "
            "where paper_topics.paper_id = :id order by ours desc, topics.label, paper_topics.via",
            {**params, "ours": OUR_SCHEME},
        )),
        "keywords": await _all(
            db,
            "select keywords.id, keywords.name from paper_keywords join keywords on keywords.id = "
            "paper_keywords.keyword_id where paper_keywords.paper_id = :id order by keywords.name",
            params,
        ),
        "entries": entries,
        "conflicts": _conflicts([entry for entry in entries if entry["kind"] == "paper"]),
        "readings": await _readings(db, paper_id),
    }


async def _readings(db, paper_id: str) -> list[dict]:
    """What each curator who read the paper judged it about, each topic marked if it stands."""
    if not await db.table_exists("paper_readings"):
        return []
    rows = await _all(
        db,
        "select paper_readings.reader, paper_readings.note, given.value as id, topics.label, "
        "given.value in (select value from json_each(paper_readings.agreed)) as agreed "
        "from paper_readings left join json_each(paper_readings.topics) as given "
        "left join topics on topics.id = given.value "
        "where paper_readings.paper_id = :id order by paper_readings.reader, given.key",
        {"id": paper_id},
    )
    readings: dict[str, dict] = {}
    for row in rows:
        empty = {"reader": row["reader"], "note": row["note"], "topics": []}
        reading = readings.setdefault(row["reader"], empty)
        if row["id"]:
            topic = {"id": row["id"], "label": row["label"] or row["id"], "agreed": row["agreed"]}
            reading["topics"].append(topic)
    return list(readings.values())


def _conflicts(listings: list[dict]) -> list[str]:
    """What the lists that include the paper disagree about, as the `conflicts` view counts it."""
    disagreements = []
    for field in ("year", "venue_id", "title"):
        claims = {listing[field] for listing in listings if listing[field] is not None}
        if len(claims) > 1:
            disagreements.append(field.removesuffix("_id"))
    return disagreements


async def author(db, author_id: str) -> dict | None:
    found = await _one(db, "select * from authors where id = :id", {"id": author_id})
    if found is None:
        return None
    params = {"id": author_id, "ours": OUR_SCHEME}
    return {
        "author": found,
        "spellings": await _all(
            db,
            "select name, entries from author_names where author_id = :id order by entries desc, name",
            params,
        ),
        "papers": await _all(
            db,
            "select papers.id, papers.title, papers.year, papers.venue, papers.authors from paper_authors "
            "join papers on papers.id = paper_authors.paper_id where paper_authors.author_id = :id "
            "order by papers.year desc, papers.id",
            params,
        ),
        "coauthors": await _all(
            db,
            "select authors.id, authors.name, count(*) as papers from paper_authors as mine "
            "join paper_authors as theirs on theirs.paper_id = mine.paper_id and "
            "theirs.author_id != mine.author_id "
            "join authors on authors.id = theirs.author_id where mine.author_id = :id "
            "group by authors.id order by papers desc, authors.surname, authors.name",
            params,
        ),
        "topics": await _all(
            db,
            "select topics.id, topics.label, count(distinct paper_topics.paper_id) as papers "
            "from paper_authors "
            "join paper_topics on paper_topics.paper_id = paper_authors.paper_id "
            "join topics on topics.id = paper_topics.topic_id "
            "where paper_authors.author_id = :id and topics.scheme_id = :ours "
            "group by topics.id order by papers desc, topics.label",
            params,
        ),
    }


async def search(db, query: str, page: int) -> dict:
    """The /search page: papers ranked by relevance (`search_results`), 50 a page, and the topics
    whose names or synonyms contain the words."""
    found = await search_results(db, query, size=PAPERS_PER_PAGE, offset=PAPERS_PER_PAGE * (page - 1))
    more = has_next_page(found, PAPERS_PER_PAGE * page, PAPERS_PER_PAGE)
    return {**found, "query": query, "page": page, "more": more}


def search_words(query: str) -> list[str]:
    """The words a search looks for: runs of letters and digits, so no character is FTS syntax."""
    return re.findall(r"\w+", query)


async def search_results(
    db, query: str, size: int, offset: int = 0, topic: dict | None = None,
    year_from: int | None = None, year_to: int | None = None,
) -> dict:
    """Papers ranked by relevance, optionally inside a topic (a row of `topics`) and a range of
    years, and the topics of ours whose names or synonyms contain the query.

    Relevance is BM25 (a title match outweighs an author, a topic name or a digest), raised by
    half for each further list that includes the paper: a paper several curators chose is more
    often the one a reader is looking for (Jacot et al. first for "neural tangent kernel"). The
    score is that relevance with its sign turned, larger for better matches."""
    words = search_words(query)
    if not words:
        return {"topics": [], "papers": [], "total": 0}
    key = ("search", tuple(words), query.strip(), size, offset, topic and topic["id"], year_from, year_to)
    found = await cached(db, key, lambda: _ranked(db, words, query, size, offset, topic, year_from, year_to))
    if found["papers"] is None:
        raise TooBroad(query.strip(), found["total"], found["topics"])
    return found


async def _ranked(
    db, words: list[str], query: str, size: int, offset: int, topic: dict | None,
    year_from: int | None, year_to: int | None,
) -> dict:
    match = " ".join(f'"{word}"' for word in words)
    params = {"match": match, "like": f"%{query.strip()}%", "ours": OUR_SCHEME, "n": size, "skip": offset,
              "low": -9999 if year_from is None else year_from, "high": 9999 if year_to is None else year_to}
    kept = []
    if topic is not None and topic["scheme_id"] == OUR_SCHEME:
        params["match"] = f"topic_ids : {topic_token(topic['id'])} AND ({match})"
    elif topic is not None:
        kept.append("papers.id in (select paper_id from paper_topic_closure where topic_id = :topic)")
        params["topic"] = topic["id"]
    if year_from is not None or year_to is not None:
        kept.append("papers.year between :low and :high")
    where = " ".join(f"and {clause}" for clause in kept)
    matched = (
        f"from {SEARCH_TABLE} join papers on papers.rowid = {SEARCH_TABLE}.rowid "
        f"where {SEARCH_TABLE} match :match {where}"
    )
    # Every row of the index is a paper's, so the index alone counts the matches; years are
    # counted (a join) only for a search that can be ranked (`broad_search.RANKABLE_MATCHES`).
    total = await _matches(db, params["match"])
    topics = await _all(
        db,
        "select id, label, papers from topics where scheme_id = :ours and not deprecated "
        "and (label like :like "
        "or exists (select 1 from json_each(topics.alt_labels) where value like :like)) "
        "order by papers desc, label limit 12",
        params,
    )
    papers = None if kept or topic is not None else await _stored_ranking(db, words, size, offset, total)
    if papers is None and total > broad_search.RANKABLE_MATCHES:
        return {"total": total, "papers": None, "topics": topics}
    # the matches whose pages are served: all of a rankable search's, else the stored best ones
    served = total if total <= broad_search.RANKABLE_MATCHES else await _stored_count(db, words)
    if kept:
        (total,) = (await db.execute(f"select count(*) {matched}", params)).rows[0]
    if papers is None:
        papers = await _all(
            db,
            "select papers.id, papers.title, papers.year, papers.venue, papers.venue_id, papers.authors, "
            f"-({RELEVANCE}) as score {matched} "
            f"order by {RELEVANCE_ORDER} limit :n offset :skip",
            params,
        )
    return {"total": total, "papers": papers, "topics": topics, "served": served}


def has_next_page(found: dict, following: int, size: int) -> bool:
    """Whether the page from `following` is one the site serves: a search too broad to rank has
    only its stored pages, so no link leads past them to a refusal."""
    if following >= found["total"]:
        return False
    return found["served"] == found["total"] or following + size <= found["served"]


async def _stored_count(db, words: list[str]) -> int:
    """How many best matches the build stored for a one-word search (0 for any other search)."""
    if len(words) != 1 or not words[0].isascii():
        return 0
    counted = await db.execute(
        f"select count(*) from {SEARCH_RANKINGS_TABLE} where word = :word", {"word": words[0].lower()})
    return counted.rows[0][0]


async def _stored_ranking(
    db, words: list[str], size: int, offset: int, total: int | None = None
) -> list[dict] | None:
    """A page of the ranking the build stored for a broad word (`search_rankings`), the same rows
    and scores as ranking its matches here, or None when the search is not one such word or the
    page lies past the stored best matches (`total`, the word's matches, when known, tells whether
    they are all stored). A word is a key only as the index spells it (lower case, stemmed), so
    any other spelling is ranked here, as before."""
    stored = await _stored_count(db, words)
    word = words[0].lower() if stored else ""
    if not stored or (offset + size > stored and stored != total):
        return None
    return await _all(
        db,
        "select papers.id, papers.title, papers.year, papers.venue, papers.venue_id, papers.authors, "
        f"{SEARCH_RANKINGS_TABLE}.score from {SEARCH_RANKINGS_TABLE} "
        f"join papers on papers.id = {SEARCH_RANKINGS_TABLE}.paper_id "
        f"where {SEARCH_RANKINGS_TABLE}.word = :word and {SEARCH_RANKINGS_TABLE}.position > :skip "
        f"order by {SEARCH_RANKINGS_TABLE}.position limit :n",
        {"word": word, "skip": offset, "n": size},
    )


async def papers_authors_and_topics(db, paper_ids: list[str]) -> tuple[dict, dict]:
    """For each paper, its authors in order and its own topics of ours, as {id, name} and
    {id, label} lists: what an API answer gives beside a paper's title."""
    params = {"ids": json.dumps(paper_ids), "ours": OUR_SCHEME}
    authors: dict[str, list[dict]] = {paper_id: [] for paper_id in paper_ids}
    for row in await _all(
        db,
        "select paper_authors.paper_id, authors.id, authors.name from paper_authors "
        "join authors on authors.id = paper_authors.author_id "
        "where paper_authors.paper_id in (select value from json_each(:ids)) "
        "order by paper_authors.paper_id, paper_authors.position",
        params,
    ):
        authors[row["paper_id"]].append({"id": row["id"], "name": row["name"]})
    topics: dict[str, list[dict]] = {paper_id: [] for paper_id in paper_ids}
    for row in await _all(
        db,
        "select distinct paper_topics.paper_id, topics.id, topics.label from paper_topics "
        "join topics on topics.id = paper_topics.topic_id "
        "where paper_topics.paper_id in (select value from json_each(:ids)) and topics.scheme_id = :ours "
        "order by paper_topics.paper_id, topics.label",
        params,
    ):
        topics[row["paper_id"]].append({"id": row["id"], "label": row["label"]})
    return authors, topics


async def topic_row(db, topic_id: str) -> dict | None:
    return await _one(db, "select id, label, scheme_id from topics where id = :id", {"id": topic_id})


async def best_matches(
    db, match: str, where: list[str], params: dict, time_limit_ms: int
) -> list[dict] | None:
    """The papers table's best matches for the full-text query `match` among the rows its
    where clauses keep (as Datasette built them for the table), most relevant first, as `search`
    ranks them; None when ranking every match takes longer than `time_limit_ms`, or when nothing
    but the words narrows a search /search would refuse as too broad to rank. The clauses
    name the table's columns bare, so they filter the papers in a subquery of their own rather
    than beside the index's same-named columns."""
    kept = f"and papers.rowid in (select rowid from papers where {' and '.join(where)})" if where else ""
    sql = (
        "select papers.id, papers.title, papers.year, papers.venue, papers.authors "
        f"from {SEARCH_TABLE} join papers on papers.rowid = {SEARCH_TABLE}.rowid "
        f"where {SEARCH_TABLE} match :atlas_match {kept} "
        f"order by {RELEVANCE_ORDER} limit {BEST_MATCHES}"
    )
    named = {**params, "atlas_match": match}
    word = re.fullmatch(r'"(\w+)"', match)

    async def rank() -> list[dict] | None:
        stored = None if where or not word else await _stored_ranking(db, [word[1]], BEST_MATCHES, 0)
        if stored is not None:
            return [{key: row[key] for key in ("id", "title", "year", "venue", "authors")} for row in stored]
        if where:
            try:
                results = await db.execute(sql, named, custom_time_limit=time_limit_ms)
            except QueryInterrupted:
                return None
            return [dict(row) for row in results.rows]
        # Ranked while the matches are counted, on two threads: the count no longer delays the
        # ranking (13-18 ms of 15,798 matches at 1M); too many matches stop the ranking at once.
        refused = threading.Event()
        ranking = asyncio.ensure_future(_ranked_until(db, sql, named, time_limit_ms, refused))
        try:
            rankable = broad_search.RANKABLE_MATCHES
            too_broad = await table_search.more_matches_than(db, db.execute, match, rankable)
        except BaseException:
            refused.set()
            raise
        if too_broad:
            refused.set()
            await ranking
            return None
        return await ranking

    return await cached(db, ("best_matches", sql, tuple(sorted(named.items()))), rank)


async def _ranked_until(
    db, sql: str, params: dict, time_limit_ms: int, refused: threading.Event
) -> list[dict] | None:
    """The rows of the ranking query `sql`, or None when it outlasts `time_limit_ms` or is
    `refused` while it runs (Datasette's time limit, with the refusal checked beside it)."""
    deadline = time.perf_counter() + time_limit_ms / 1000

    def stopped() -> bool:
        return refused.is_set() or time.perf_counter() >= deadline

    def in_thread(conn) -> list[dict] | None:
        conn.set_progress_handler(stopped, 1000)
        try:
            return [dict(row) for row in conn.execute(sql, params).fetchall()]
        except sqlite3.OperationalError:
            if stopped():
                return None
            raise
        finally:
            conn.set_progress_handler(None, 1000)

    with trace("sql", database=db.name, sql=sql.strip(), params=params):
        return await db.execute_fn(in_thread)


async def _matches(db, match: str) -> int:
    """The papers the full-text query `match` matches, counted by the index alone: the count the
    papers table searched shows too (table_search.index_count, counted once for both)."""
    return await table_search.index_count(db, db.execute, match)


async def base_iri(db) -> str:
    """The base every IRI of the atlas starts with, read back from our scheme's IRI
    (`<base>scheme/atlas`), so a page names its resources as the RDF does."""
    async def read() -> str:
        row = await _one(db, "select iri from topic_schemes where id = :ours", {"ours": OUR_SCHEME})
        return row["iri"].removesuffix(f"scheme/{OUR_SCHEME}") if row else "/"

    return await cached(db, ("base iri",), read)


FEED_SIZE = 50
_FEED_COLUMNS = (
    "select papers.id, papers.title, papers.year, papers.venue, venues.full_name as venue_full_name, "
    "papers.digest, papers.arxiv_id "
)
# The newest papers of the whole atlas, of a topic (narrower topics included) and of an author:
# by year, newest first, then by id, from the index each scope has on its year (the atlas's, found
# a year at a time by _newest_paper_ids).
_FEED_QUERIES = {
    "atlas": "from papers left join venues on venues.id = papers.venue_id "
             "where papers.id in (select value from json_each(:ids)) order by papers.year desc, papers.id",
    "topic": "from paper_topic_closure join papers on papers.id = paper_topic_closure.paper_id "
             "left join venues on venues.id = papers.venue_id "
             "where paper_topic_closure.topic_id = :id and paper_topic_closure.year is not null "
             "order by paper_topic_closure.year desc, paper_topic_closure.paper_id limit :n",
    "author": "from paper_authors join papers on papers.id = paper_authors.paper_id "
              "left join venues on venues.id = papers.venue_id "
              "where paper_authors.author_id = :id and papers.year is not null "
              "order by papers.year desc, papers.id limit :n",
}


async def feed(db, scope: str, subject_id: str | None = None) -> dict | None:
    """The subject of a feed (a topic, an author, or the atlas) and its newest papers, each with
    its authors and topics; None when the id names nothing. A paper without a year cannot be
    placed in time, so no feed lists it (nor does a topic page)."""
    subject: dict | None = {"id": None}
    if scope == "topic":
        subject = await _one(db, "select id, label from topics where id = :id", {"id": subject_id})
    elif scope == "author":
        subject = await _one(db, "select id, name as label from authors where id = :id", {"id": subject_id})
    if subject is None:
        return None
    params = {"id": subject_id, "n": FEED_SIZE}
    if scope == "atlas":
        params["ids"] = json.dumps(await _newest_paper_ids(db, FEED_SIZE))
    papers = await _all(db, _FEED_COLUMNS + _FEED_QUERIES[scope], params)
    authors, topics = await papers_authors_and_topics(db, [paper["id"] for paper in papers])
    for paper in papers:
        paper.update(authors=authors[paper["id"]], topics=topics[paper["id"]])
    return {"subject": subject, "papers": papers, "base": await base_iri(db)}


async def _newest_paper_ids(db, n: int) -> list[str]:
    """The ids of the atlas's `n` newest papers: by year, newest first, then by id; a year at a time.

    The year index orders the years but not the ids inside one, so `order by year desc, id` sorted
    the whole newest year (40,000 papers at 1M: 100-300 ms) to keep 50. Inside a crowded year,
    walking the primary key's index in id order and keeping that year's papers reads about
    n × papers ÷ (the year's papers) rows and stops at the n-th; a sparse year is read from the year
    index and sorted, whichever reads fewer rows."""
    (papers,) = (await db.execute("select max(rowid) from papers")).rows[0]
    ids: list[str] = []
    below = None
    while len(ids) < n:
        older = "" if below is None else " where year < :below"
        (year,) = (await db.execute(f"select max(year) from papers{older}", {"below": below})).rows[0]
        if year is None:
            break
        count = "select count(*) from papers where year = :year"
        (in_year,) = (await db.execute(count, {"year": year})).rows[0]
        left = n - len(ids)
        # `+year` keeps SQLite off the year index, so it walks the id index instead of sorting.
        walk = left * papers < in_year * in_year
        sql = f"select id from papers where {'+year' if walk else 'year'} = :year order by id limit :left"
        ids += [row[0] for row in (await db.execute(sql, {"year": year, "left": left})).rows]
        below = year
    return ids
