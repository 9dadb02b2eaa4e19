"""Searches too broad to rank every match when asked: several broad words ranked exactly from the
rankings the build stored for each word, and the limit past which a search is not ranked at all.

Ranking a search scores every match (BM25 in SQLite), about 1.5 µs a match at a million papers:
"neural network" matches a third of them and took 600 ms. A page of such a search is either
proved from the stored rankings (`certified_page`) or refused with a 400 saying how to narrow it
(`TooBroad`); it is never ranked approximately."""

from __future__ import annotations

import json
import math

from atlas.published import RELEVANCE, SEARCH_RANKINGS_TABLE, SEARCH_TABLE

# The most matches a search may have for the site to rank them when asked: at a million papers
# 60,000 matches are ranked in about 100 ms (bench/bench_site.py), half the site's 200 ms.
RANKABLE_MATCHES = 60_000
# How far a paper's score for several words, rounded once, may lie above the sum of its scores
# for each word, each rounded: a few units in the 16th digit for up to 32 words; far less than this.
ROUNDING = 1e-12
COLUMNS = "papers.id, papers.title, papers.year, papers.venue, papers.venue_id, papers.authors"


class TooBroad(Exception):
    """A search whose page the site will not rank: more than `RANKABLE_MATCHES` matches and no
    stored ranking that proves the page. Answered 400 with what to do instead."""

    def __init__(self, query: str, total: int, topics: list[dict] | None = None):
        self.query, self.total, self.topics = query, total, topics or []
        super().__init__(
            f"“{query}” matches {total:,} papers, too many to rank when asked (the limit is "
            f"{RANKABLE_MATCHES:,}; the first pages of a single broad word are stored). Narrow the "
            "search: add a word, or search inside a topic. Every match, unranked, is in the papers "
            "table, with its SQL, filters and CSV and JSON exports"
        )


def relevance_key(paper: dict) -> tuple:
    """The order `RELEVANCE_ORDER` sorts by in SQLite: score descending, then year descending
    (a missing year last, as SQLite sorts NULL lowest), then id (UTF-8 bytes, as code points)."""
    return (-paper["score"], paper["year"] is None, -(paper["year"] or 0), paper["id"])


async def certified_page(
    db, words: list[str], size: int, offset: int, total: int | None = None
) -> list[dict] | None:
    """The papers `offset` to `offset + size` of the search for several words, each a word with a
    stored ranking (`search_rankings`), exactly as ranking every match would give them; None when
    the stored rankings cannot prove that page.

    BM25 sums one term per word, the list factor multiplies the sum, so a paper's score is the sum
    of its scores for each word alone (up to rounding). A paper in none of the stored rankings
    scores at most the sum of each ranking's last score (Fagin's threshold algorithm). Every paper
    in some ranking is scored exactly by SQLite; a page whose papers all score above that bound
    is the page ranking every match gives, and so is any page once every match is among them
    (`total`, the search's matches, when known)."""
    keys = [word.lower() for word in words]
    if len(keys) < 2 or len(set(keys)) < len(keys) or not all(key.isascii() for key in keys):
        return None
    rankings = await _rankings(db, keys)
    if rankings is None:
        return None
    floor = {key: ranking[-1][1] for key, ranking in rankings.items()}
    # Above this, a score is above that of every paper in no ranking, however rounded.
    unseen = math.fsum(floor.values()) * (1 + ROUNDING)
    candidates = {paper_id for ranking in rankings.values() for paper_id, _ in ranking}
    scored = sorted(await _scores(db, keys, candidates), key=relevance_key)
    needed = offset + size
    if len(scored) == total or (len(scored) >= needed and scored[needed - 1]["score"] > unseen):
        return scored[offset:needed]
    return None


async def _rankings(db, keys: list[str]) -> dict[str, list[tuple[str, float]]] | None:
    """Each word's stored ranking as (paper id, score), best first; None unless every word has one."""
    rows = (await db.execute(
        f"select word, paper_id, score from {SEARCH_RANKINGS_TABLE} "
        "where word in (select value from json_each(:words)) order by word, position",
        {"words": json.dumps(keys)},
    )).rows
    rankings: dict[str, list[tuple[str, float]]] = {}
    for word, paper_id, score in rows:
        rankings.setdefault(word, []).append((paper_id, score))
    return rankings if len(rankings) == len(keys) else None


async def _scores(db, keys: list[str], paper_ids: set[str]) -> list[dict]:
    """The candidates that match every word, scored by SQLite as ranking every match scores them.
    One pass over the matches, scoring only the candidates: `rowid + 0` keeps their rowids from
    the index, which would otherwise look each up alone and, per lookup, recount each word's
    papers for BM25 (a full pass over each word's list at every lookup)."""
    candidates = (
        "select rowid from papers where id in (select value from json_each(:ids))"
    )
    return [dict(row) for row in (await db.execute(
        f"select {COLUMNS}, -({RELEVANCE}) as score from {SEARCH_TABLE} "
        f"join papers on papers.rowid = {SEARCH_TABLE}.rowid "
        f"where {SEARCH_TABLE} match :match and {SEARCH_TABLE}.rowid + 0 in ({candidates})",
        {"ids": json.dumps(sorted(paper_ids)), "match": " ".join(f'"{key}"' for key in keys)},
    )).rows]
