"""Stage 6, write SQLite (site): derived tables that keep the site's pages and facets fast.

Both are pure functions of tables already written, so they are rebuilt from SQL alone; the site
benchmark (bench/bench_site.py) calls them on synthetic databases of a million papers.
"""

from __future__ import annotations

import sqlite_utils

from atlas.published import (
    FACET_COUNTS_TABLE,
    OUR_SCHEME,
    RELEVANCE,
    RELEVANCE_ORDER,
    SEARCH_NEWEST_TABLE,
    SEARCH_RANKINGS_TABLE,
    SEARCH_TABLE,
    TABLE_ORDER,
    topic_token,
)

# A word is broad when it matches this many papers: ranking every match at search time then takes
# longer than a page may (about 3 µs a match at a million papers).
BROAD_WORD_PAPERS = 10_000
# How many of a broad word's best matches are stored: twenty pages of /search.
RANKING_DEPTH = 1_000
# How many of a broad word's newest matches are stored: the largest page of the papers table
# (`_size=max`, Datasette's 1,000 rows) and the row past it that tells the table view a next page
# exists.
NEWEST_DEPTH = 1_001


def write_site_tables(db: sqlite_utils.Database) -> None:
    """Everything the site reads beyond the public tables; call after papers and topics exist."""
    write_paper_topic_closure(db)
    write_topic_sets(db)
    # The list facet groups papers by their whole `sources` array before splitting it.
    db["papers"].create_index(["sources"], if_not_exists=True)
    write_search_index(db)
    # Both tables key the same words: finding them reads every word list of the index (0.35–0.5 s
    # at 250,000 papers), so once.
    words = broad_words(db, BROAD_WORD_PAPERS)
    write_search_rankings(db, words=words)
    write_search_newest(db, words=words)
    write_facet_counts(db)


def write_paper_topic_closure(db: sqlite_utils.Database) -> None:
    """Each paper with each of its topics and every broader topic, once, indexed by topic:
    counting a topic's papers with its narrower topics included is one index range. The paper's
    year is copied in so a topic page lists its papers newest first, and counts them per year,
    from that index alone. The primary key drops a row met twice (two topics of a paper share
    a broader one) as the sorted rows go in: a DISTINCT would sort them all once more first."""
    db.execute("drop table if exists paper_topic_closure")
    db.execute(
        """
        create table paper_topic_closure (
            paper_id text not null references papers(id),
            topic_id text not null references topics(id),
            year integer,
            primary key (paper_id, topic_id)
        ) without rowid
        """
    )
    db.execute(
        """
        insert or ignore into paper_topic_closure (paper_id, topic_id, year)
        select paper_topics.paper_id, topic_closure.ancestor_id, papers.year
        from paper_topics join topic_closure on topic_closure.descendant_id = paper_topics.topic_id
        join papers on papers.id = paper_topics.paper_id
        order by 1, 2
        """
    )
    db.execute(
        "create index paper_topic_closure_topic_id on paper_topic_closure (topic_id, year desc, paper_id)"
    )


def write_topic_sets(db: sqlite_utils.Database) -> None:
    """Each paper's whole set of topics (its closure) as one number, and each set's topics: the
    topic facet of a searched or filtered set counts its papers per set first (one row a paper)
    and only then per topic, a few hundred sets instead of five closure rows for every paper.
    Sets are numbered in the order of their sorted topic ids, so a build numbers them alike."""
    db.execute("drop table if exists paper_topic_sets")
    db.execute("drop table if exists topic_set_topics")
    db.execute(
        """
        create table paper_topic_sets (
            paper_id text primary key references papers(id),
            topic_set_id integer not null
        ) without rowid
        """
    )
    db.execute(
        """
        insert into paper_topic_sets (paper_id, topic_set_id)
        select paper_id, dense_rank() over (order by topic_set) from (
            select paper_id, group_concat(topic_id, ' ') as topic_set from (
                select paper_id, topic_id from paper_topic_closure order by paper_id, topic_id
            ) group by paper_id
        ) order by paper_id
        """
    )
    db.execute(
        """
        create table topic_set_topics (
            topic_set_id integer not null,
            topic_id text not null references topics(id),
            primary key (topic_set_id, topic_id)
        ) without rowid
        """
    )
    db.execute(
        """
        insert into topic_set_topics (topic_set_id, topic_id)
        select sets.topic_set_id, paper_topic_closure.topic_id from (
            select topic_set_id, min(paper_id) as paper_id from paper_topic_sets group by topic_set_id
        ) as sets join paper_topic_closure on paper_topic_closure.paper_id = sets.paper_id
        order by 1, 2
        """
    )


def write_search_index(db: sqlite_utils.Database) -> None:
    """Full-text search over titles, digests, authors and the labels, synonyms and misspellings of
    every topic a paper is under (its own and their broader ones), so "NTK" or "lottery" finds the
    papers a topic holds even when their titles never say so. `topic_ids` holds one word per such
    topic (`topic_token`), so a search inside a topic is one MATCH, an intersection of two word
    lists in the index, instead of probing the closure paper by paper. The topic words are made
    once per set of topics (write_topic_sets), a few hundred, rather than once per paper; call
    after it."""
    db.execute(f"drop table if exists {SEARCH_TABLE}")
    db.execute(
        f"create virtual table {SEARCH_TABLE} using fts5 "
        "(title, digest, authors, topics, topic_ids, tokenize='porter')"
    )
    db.register_function(topic_token, deterministic=True, replace=True)
    db.execute("drop table if exists temp.topic_set_words")
    db.execute(
        """
        create temp table topic_set_words as
        select sets.topic_set_id, (
            select group_concat(words, ' ') from (
                select topics.label || ' ' || coalesce(topics.label_zh, '') || ' '
                       || coalesce(topics.alt_labels, '') || ' ' || coalesce(topics.hidden_labels, '')
                       as words
                from topic_set_topics join topics on topics.id = topic_set_topics.topic_id
                where topic_set_topics.topic_set_id = sets.topic_set_id and topics.scheme_id = ?
                order by topics.id
            )
        ) as topics, (
            select group_concat(topic_token(topic_id), ' ') from (
                select topic_set_topics.topic_id from topic_set_topics
                join topics on topics.id = topic_set_topics.topic_id
                where topic_set_topics.topic_set_id = sets.topic_set_id and topics.scheme_id = ?
                order by topic_set_topics.topic_id
            )
        ) as topic_ids
        from (select distinct topic_set_id from topic_set_topics) as sets
        """,
        [OUR_SCHEME, OUR_SCHEME],
    )
    db.execute(
        f"""
        insert into {SEARCH_TABLE} (rowid, title, digest, authors, topics, topic_ids)
        select papers.rowid, papers.title, papers.digest, papers.authors,
               topic_set_words.topics, topic_set_words.topic_ids
        from papers
        left join paper_topic_sets on paper_topic_sets.paper_id = papers.id
        left join temp.topic_set_words on topic_set_words.topic_set_id = paper_topic_sets.topic_set_id
        order by papers.rowid
        """
    )
    db.execute("drop table temp.topic_set_words")


def write_search_rankings(
    db: sqlite_utils.Database, broad: int = BROAD_WORD_PAPERS, depth: int = RANKING_DEPTH,
    words: list[str] | None = None,
) -> None:
    """The best `depth` matches of each word of the index that `broad` papers or more match, as the
    site ranks a search for that one word, with their scores: ranking the 361k papers "network"
    matches in a million takes a second, reading its first pages from here a few milliseconds.
    Rankings are a function of the finished index, so this runs after it is written. The words
    are the index's own (stemmed, lower case) and each ranking is that of the word searched as
    a reader would, so a search uses it only for a word the same as its key. `words`, when given,
    are broad_words(db, broad), found already."""
    db.execute(f"drop table if exists {SEARCH_RANKINGS_TABLE}")
    db.execute(
        f"""
        create table {SEARCH_RANKINGS_TABLE} (
            word text not null,
            position integer not null,
            paper_id text not null references papers(id),
            score real not null,
            primary key (word, position)
        ) without rowid
        """
    )
    for word in broad_words(db, broad) if words is None else words:
        ranked = db.execute(
            f"select papers.id, -({RELEVANCE}) from {SEARCH_TABLE} "
            f"join papers on papers.rowid = {SEARCH_TABLE}.rowid "
            f"where {SEARCH_TABLE} match ? order by {RELEVANCE_ORDER} limit ?",
            [f'"{word}"', depth],
        ).fetchall()
        db.conn.executemany(
            f"insert into {SEARCH_RANKINGS_TABLE} (word, position, paper_id, score) values (?, ?, ?, ?)",
            [(word, position, paper_id, score) for position, (paper_id, score) in enumerate(ranked, 1)],
        )
    db.execute(f"create index {SEARCH_RANKINGS_TABLE}_paper_id on {SEARCH_RANKINGS_TABLE} (paper_id)")


def broad_words(db: sqlite_utils.Database, broad: int) -> list[str]:
    """The words of the search index that `broad` papers or more match, as the index spells them
    (stemmed, lower case), topics' own words (`topic_token`) left out: no reader searches them."""
    db.execute(f"create virtual table temp.search_vocabulary using fts5vocab(main, {SEARCH_TABLE}, row)")
    topic_words = {topic_token(topic_id) for (topic_id,) in db.execute("select id from topics")}
    words = [word for (word,) in db.execute(
        "select term from temp.search_vocabulary where doc >= ? order by term", [broad]
    ) if word not in topic_words]
    db.execute("drop table temp.search_vocabulary")
    return words


def write_search_newest(
    db: sqlite_utils.Database, broad: int = BROAD_WORD_PAPERS, depth: int = NEWEST_DEPTH,
    words: list[str] | None = None,
) -> None:
    """The first `depth` papers of the papers table searched for each word `broad` papers or more
    match, in the table's order (newest first, then by id): the table view reads a year of every
    match to find its newest hundred, 0.2 s for the 387k papers "network" matches in a million,
    and reads them from here instead (atlas/site/table_search.py). Like the rankings, a function
    of the finished index, keyed by the index's own spelling of each word; `words` as for
    write_search_rankings."""
    db.execute(f"drop table if exists {SEARCH_NEWEST_TABLE}")
    db.execute(
        f"""
        create table {SEARCH_NEWEST_TABLE} (
            word text not null,
            position integer not null,
            paper_id text not null references papers(id),
            primary key (word, position)
        ) without rowid
        """
    )
    for word in broad_words(db, broad) if words is None else words:
        newest = db.execute(
            f"select papers.id from {SEARCH_TABLE} join papers on papers.rowid = {SEARCH_TABLE}.rowid "
            f"where {SEARCH_TABLE} match ? order by {TABLE_ORDER} limit ?",
            [f'"{word}"', depth],
        ).fetchall()
        db.conn.executemany(
            f"insert into {SEARCH_NEWEST_TABLE} (word, position, paper_id) values (?, ?, ?)",
            [(word, position, paper_id) for position, (paper_id,) in enumerate(newest, 1)],
        )
    db.execute(f"create index {SEARCH_NEWEST_TABLE}_paper_id on {SEARCH_NEWEST_TABLE} (paper_id)")


def write_facet_counts(db: sqlite_utils.Database) -> None:
    """The papers per year, venue and list, for each year: the database never changes once
    built, so the papers table's facets read these few hundred rows instead of counting a
    million papers when nothing, or only a year, is chosen."""
    db.execute(f"drop table if exists {FACET_COUNTS_TABLE}")
    # `value` has no type, so a year stays an integer and a venue or list id text.
    db.execute(
        f"""
        create table {FACET_COUNTS_TABLE} (
            facet text not null,
            year integer,
            value,
            papers integer not null
        )
        """
    )
    db.execute(
        f"""
        insert into {FACET_COUNTS_TABLE} (facet, year, value, papers)
        select 'year', year, year, count(*) from papers where year is not null group by year
        union all
        select 'venue_id', year, venue_id, count(*) from papers where venue_id is not null
        group by year, venue_id
        union all
        select 'list', papers.year, listed.value, count(*) from papers, json_each(papers.sources) as listed
        group by papers.year, listed.value
        order by 1, 2, 3
        """
    )
    db.execute(f"create index {FACET_COUNTS_TABLE}_facet on {FACET_COUNTS_TABLE} (facet, year)")
