"""`?_topic=<id>` and `?_list=<source id>` on any table of papers: the papers in that topic
(narrower topics included) or that list. They are what the topic and list facets add."""

from __future__ import annotations

from datasette import hookimpl
from datasette.filters import FilterArguments

PAPER_TABLES = {"papers": "id", "paper_browse": "id"}


@hookimpl
def filters_from_request(request, database, table, datasette):
    column = PAPER_TABLES.get(table)
    if column is None:
        return None
    where, params, described = [], {}, []
    for i, topic_id in enumerate(request.args.getlist("_topic")):
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
