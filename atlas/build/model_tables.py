"""Stage 6, write SQLite (topic model): the model's scores for unread papers, and the reading queue."""

from __future__ import annotations

import sqlite_utils

from atlas.build.classify import PaperTopic
from atlas.build.database_rows import insert_rows, insert_tuples, json_strings
from atlas.build.reading_queue import QueueItem
from atlas.build.topic_model import ModelScore


def write_model_tables(
    db: sqlite_utils.Database, scores: list[ModelScore], paper_topics: list[PaperTopic],
    queue: list[QueueItem],
) -> None:
    """paper_topic_scores: every score of the model at its floor or above, marked where it files the
    paper (paper_topics.via = 'model'); reading_queue: the unread papers, most worth reading first."""
    accepted = {(t.paper_id, t.topic_id) for t in paper_topics if t.via == "model"}
    insert_rows(
        db,
        "paper_topic_scores",
        (
            {
                "paper_id": s.paper_id,
                "topic_id": s.topic_id,
                "score": s.score,
                "filed": (s.paper_id, s.topic_id) in accepted,
                "words": json_strings(s.words, ensure_ascii=False),
                "similar_paper_ids": json_strings(s.similar),
            }
            for s in sorted(scores, key=lambda s: (s.paper_id, s.topic_id))
        ),
        pk=("paper_id", "topic_id"),
        foreign_keys=[("paper_id", "papers", "id"), ("topic_id", "topics", "id")],
    )
    insert_tuples(
        db,
        "reading_queue",
        ("paper_id", "rank", "priority", "confidence", "disagreements", "lists", "readings", "topics",
         "reason"),
        (
            (item.paper_id, item.rank, item.priority, item.confidence, item.disagreements, item.lists,
             item.readings, json_strings(item.topics), item.reason)
            for item in queue
        ),
        pk="paper_id",
        foreign_keys=[("paper_id", "papers", "id")],
    )
    for table, column in (("paper_topic_scores", "topic_id"), ("reading_queue", "rank")):
        db[table].create_index([column], if_not_exists=True)
