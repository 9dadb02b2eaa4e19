"""/reading-queue: the papers nobody has read yet, most worth a curator's reading first.

Reads the build's `reading_queue` table (atlas/build/reading_queue.py says how papers are ranked)
with the topics each is filed under now, and renders atlas_reading_queue.html."""

from __future__ import annotations

from datasette import hookimpl
from datasette.utils.asgi import Response

DATABASE = "atlas"
SHOWN = 200

_QUEUE = """
select reading_queue.rank, reading_queue.paper_id, papers.title, papers.year, papers.venue,
  reading_queue.priority, reading_queue.confidence, reading_queue.disagreements, reading_queue.lists,
  reading_queue.readings, reading_queue.reason
from reading_queue join papers on papers.id = reading_queue.paper_id
order by reading_queue.rank limit :n
"""
# Each proposed topic with how it is filed there: the via of each piece of evidence, in order.
_PROPOSED = """
select reading_queue.paper_id, topics.id, topics.label,
  (select group_concat(via, ', ') from (select via from paper_topics
     where paper_topics.paper_id = reading_queue.paper_id and paper_topics.topic_id = topics.id
     order by via)) as via
from reading_queue join json_each(reading_queue.topics) as proposed
join topics on topics.id = proposed.value
where reading_queue.rank <= :n order by reading_queue.rank, topics.label
"""


async def reading_queue_page(datasette, request):
    db = datasette.get_database(DATABASE)
    papers = [dict(row) for row in (await db.execute(_QUEUE, {"n": SHOWN})).rows]
    proposed: dict[str, list[dict]] = {}
    for row in (await db.execute(_PROPOSED, {"n": SHOWN})).rows:
        proposed.setdefault(row["paper_id"], []).append(dict(row))
    (total,) = (await db.execute("select count(*) from reading_queue")).first()
    context = {"papers": papers, "proposed": proposed, "total": total, "shown": SHOWN}
    html = await datasette.render_template("atlas_reading_queue.html", context, request=request)
    return Response.html(html)


@hookimpl
def register_routes():
    return [(r"^/reading-queue$", reading_queue_page)]
