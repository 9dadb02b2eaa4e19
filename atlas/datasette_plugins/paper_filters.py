"""`?_topic=<id>` and `?_list=<source id>` on any table of papers: the papers in that topic
(narrower topics included) or that list. They are what the topic and list facets add."""

from __future__ import annotations

from datasette import hookimpl
from datasette.filters import FilterArguments

PAPER_TABLES = {"papers": "id", "paper_browse": "id"}


# A topic holding more papers than this is tested paper by paper (one primary-key probe each)
# rather than listed in full first: listing half a million ids costs more than the probes.
LARGE_TOPIC = 20_000


@hookimpl
def filters_from_request(request, database, table, datasette):
    column = PAPER_TABLES.get(table)
    if column is None:
        return None

    async def topic_and_list_filters():
        return await _filters(datasette.get_database(database), request, column)

    return topic_and_list_filters()


async def _filters(db, request, column: str) -> FilterArguments:
    where, params, described = [], {}, []
    for i, topic_id in enumerate(request.args.getlist("_topic")):
        size = (await db.execute("select papers from topics where id = :id", {"id": topic_id})).rows
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
    return FilterArguments(where, params, described)
