"""`?_topic=<id>` and `?_list=<source id>` on any table of papers: the papers in that topic
(narrower topics included) or that list. They are what the topic and list facets add. Tables of
papers without a search index of their own (paper_browse) search the papers' one. Inside a
search of the papers table, a topic of ours is one more word of the same full-text match (the
topic's word in `papers_fts.topic_ids`), so the index intersects the two instead of each matching
paper being probed in the closure; these clauses come first, so SQLite starts from that smaller
set rather than from every paper the words alone match."""

from __future__ import annotations

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import escape_fts

from atlas.published import OUR_SCHEME, SEARCH_TABLE, topic_search_clause, topic_token

PAPER_TABLES = {"papers": "id", "paper_browse": "id"}


# A topic holding more papers than this is tested paper by paper (one primary-key probe each)
# rather than listed in full first: listing half a million ids costs more than the probes.
LARGE_TOPIC = 20_000


@hookimpl(tryfirst=True)
def filters_from_request(request, database, table, datasette):
    column = PAPER_TABLES.get(table)
    if column is None:
        return None

    async def topic_and_list_filters():
        return await _filters(datasette.get_database(database), request, table, column)

    return topic_and_list_filters()


async def _filters(db, request, table_name: str, column: str) -> FilterArguments:
    where, params, described = [], {}, []
    words = _searched_words(request, table_name)
    for i, topic_id in enumerate(request.args.getlist("_topic")):
        size = (await db.execute(
            "select papers, scheme_id from topics where id = :id", {"id": topic_id}
        )).rows
        if size and words and size[0][1] == OUR_SCHEME:
            where.append(topic_search_clause(f"atlas_topic_{i}"))
            params[f"atlas_topic_{i}"] = f"topic_ids : {topic_token(topic_id)} AND ({words})"
            described.append(f"in topic {topic_id}")
            continue
        if size and size[0][0] > LARGE_TOPIC:
            where.append(
                "exists (select 1 from paper_topic_closure where paper_topic_closure.paper_id = "
                f"{column} and paper_topic_closure.topic_id = :atlas_topic_{i})"
            )
        else:
            where.append(
                f"{column} in (select paper_id from paper_topic_closure where topic_id = :atlas_topic_{i})"
            )
        params[f"atlas_topic_{i}"] = topic_id
        described.append(f"in topic {topic_id}")
    for i, source_id in enumerate(request.args.getlist("_list")):
        where.append(
            f"{column} in (select paper_id from entries where kind = 'paper' and source_id = :atlas_list_{i})"
        )
        params[f"atlas_list_{i}"] = source_id
        described.append(f"in list {source_id}")
    search = request.args.get("_search")
    if search and table_name != "papers":
        where.append(
            f"{column} in (select papers.id from {SEARCH_TABLE} "
            f"join papers on papers.rowid = {SEARCH_TABLE}.rowid "
            f"where {SEARCH_TABLE} match escape_fts(:atlas_search))"
        )
        params["atlas_search"] = search
        described.append(f'search matches "{search}"')
    return FilterArguments(where, params, described)


def _searched_words(request, table_name: str) -> str | None:
    """The full-text query of the papers table's own `?_search=`, as Datasette escapes it, when
    it searches every column that way; else None (another table, a raw or per-column search)."""
    search = request.args.get("_search", "")
    if table_name != "papers" or request.args.get("_searchmode") == "raw":
        return None
    return escape_fts(search) or None
