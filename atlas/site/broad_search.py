"""Searches too broad to rank when asked: past `RANKABLE_MATCHES` matches a search is not ranked,
but answered 400 saying how to narrow it, unless the build stored the page (one broad word's first
pages, `search_rankings`). Never an approximate ranking, never a 500.

Ranking a search scores every match (BM25 in SQLite), and its cost grows with the matches and with
each word's papers: at a million synthetic papers "neural tangent kernel" (48,816 matches) took
380-990 ms and "neural network" (274,608) 0.5-1.8 s on this project's shared 2-core machine; only
counting the matches stays fast (50-100 ms), so the count decides (docs/performance.md)."""

from __future__ import annotations

import urllib.parse

# The most matches the site ranks when asked: at a million papers about 100 ms of ranking on a
# quiet machine (300 under the usual load), within the site's 200 ms goal with the rest of a page.
RANKABLE_MATCHES = 30_000


class TooBroad(Exception):
    """A search whose page the site will not rank: more matches than `RANKABLE_MATCHES` and the
    page not stored by the build. Answered 400 with what to do instead."""

    def __init__(self, query: str, total: int, topics: list[dict] | None = None):
        self.query, self.total, self.topics = query, total, topics or []
        super().__init__(
            f"“{query}” matches {total:,} papers, too many to rank when asked (at most "
            f"{RANKABLE_MATCHES:,}; only the first pages of a single broad word are stored). Narrow the "
            "search: add a word, or search inside a topic. Every match, unranked, is in the papers "
            "table, with its SQL, filters and CSV and JSON exports"
        )


def unranked_urls(query: str) -> dict:
    """Where every match of a search is, unranked: the papers table searched, and its CSV."""
    searched = urllib.parse.urlencode({"_search": query.strip()})
    return {"table_url": f"/atlas/papers?{searched}",
            "csv_url": f"/atlas/papers.csv?{searched}&_stream=on&_size=max"}


def refusal_json(refusal: str, total: int | None, urls: dict) -> dict:
    """A refused search as JSON (/search.json, the canned query `search`): the refusal, what to do,
    and the absolute `urls` of every match, unranked."""
    message = f"{refusal}: {urls['table_url']} (CSV: {urls['csv_url']})."
    return {"ok": False, "error": message, "total": total, **urls}
