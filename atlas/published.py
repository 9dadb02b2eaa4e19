"""The names the build publishes and the site reads: the scheme id of our topics, the derived
tables the site's pages and facets query, and the files offered for download.

Both layers import these from here, so the site never has to import a build stage to know a name.
"""

from __future__ import annotations

import re

OUR_SCHEME = "atlas"

SEARCH_TABLE = "papers_fts"
# BM25 weights of the search columns: title, digest, authors, topic names, topic words (never
# searched by a reader).
SEARCH_WEIGHTS = "10.0, 1.0, 4.0, 2.0, 0.0"
# Relevance, smaller first: BM25 with a title match outweighing an author, a topic name or a
# digest, raised by half for each further list that includes the paper; ties newest first.
RELEVANCE = (
    f"bm25({SEARCH_TABLE}, {SEARCH_WEIGHTS}) * (0.5 + 0.5 * json_array_length(papers.sources))"
)
RELEVANCE_ORDER = f"{RELEVANCE}, papers.year desc, papers.id"
# The whole ranking of each broad word, stored by the build (site_tables.write_search_rankings).
SEARCH_RANKINGS_TABLE = "search_rankings"
# The first papers, newest first, of the papers table searched for each broad word
# (site_tables.write_search_newest).
SEARCH_NEWEST_TABLE = "search_newest"
# The papers table's order, as the table view pages it: newest first, then by id.
TABLE_ORDER = "papers.year desc, papers.id"
FACET_COUNTS_TABLE = "paper_facet_counts"
# The papers table's facets whose counts the build stores, by the facet's name in that table.
STORED_FACETS = ("year", "venue_id", "list")
# The papers table's columns that those facets count (the list facet its `sources` arrays).
TOGETHER_FACET_COLUMNS = ("year", "venue_id", "sources")

# Exports offered for download from the home page, served as static files where they exist
# (atlas.ttl and atlas.nt come from the RDF export of the whole atlas).
DOWNLOADS = (
    "atlas.bib", "atlas.ris", "atlas.csl.json", "atlas.ttl", "atlas.nt", "taxonomy.ttl", "taxonomy.jsonld",
    "build-report.json",
)
DOWNLOADS_FOLDER = "downloads"


def topic_token(topic_id: str) -> str:
    """The one search-index word standing for a topic in `papers_fts.topic_ids`: "topic" and its
    id without hyphens (topicneuraltangentkernel), kept whole by the tokenizer and never a word of
    a title, a name or a label, so a reader's search never matches it."""
    return "topic" + re.sub(r"[^0-9a-z]", "", topic_id.lower())


def topic_search_clause(parameter: str) -> str:
    """The where clause of a table of papers keeping the papers the full-text query in
    `:parameter` matches; a search inside a topic is that query with the topic's word
    (`topic_token`) added, the site's ranking reads it back to rank only those papers."""
    return f"rowid in (select rowid from {SEARCH_TABLE} where {SEARCH_TABLE} match :{parameter})"
