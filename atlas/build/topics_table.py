"""Stage 6, write SQLite (topics): the taxonomy and each paper's topics, for SQL and facets."""

from __future__ import annotations

import json
from functools import cache

import sqlite_utils
from sqlite_utils.db import DescIndex

from atlas.build.classify import PaperReading, PaperTopic, UnmappedTerm
from atlas.build.database_rows import insert_rows, insert_tuples, json_strings
from atlas.build.taxonomy import Taxonomy
from atlas.published import OUR_SCHEME


def closure(taxonomy: Taxonomy) -> list[tuple[str, str, int]]:
    """(ancestor, descendant, depth) for every concept and each of its ancestors, itself at 0."""
    rows = []
    for concept_id in sorted(taxonomy.concepts):
        depth_of = {concept_id: 0}
        frontier = [concept_id]
        while frontier:
            following = []
            for current in frontier:
                for parent in taxonomy.concepts[current].broader:
                    if parent not in depth_of:
                        depth_of[parent] = depth_of[current] + 1
                        following.append(parent)
            frontier = following
        rows.extend((ancestor, concept_id, depth) for ancestor, depth in sorted(depth_of.items()))
    return rows


def write_topics(
    db: sqlite_utils.Database,
    taxonomy: Taxonomy,
    paper_topics: list[PaperTopic],
    unmapped: list[UnmappedTerm],
    readings: list[PaperReading] = (),
) -> None:
    concepts = [taxonomy.concepts[c] for c in sorted(taxonomy.concepts)]
    closure_rows = closure(taxonomy)
    _write_schemes_and_topics(db, taxonomy, concepts, _paper_counts(paper_topics, closure_rows))
    _write_topic_relations(db, taxonomy, concepts, closure_rows)
    _write_paper_topics(db, paper_topics, unmapped, readings)
    _write_browse_table(db, taxonomy, paper_topics, closure_rows)
    for table, columns in {
        "topics": [["scheme_id"], ["kind"], ["replaced_by"]],
        "topic_broader": [["broader_id"]],
        "topic_related": [["related_id"]],
        "topic_mappings": [["target_id"], ["property"]],
        "topic_closure": [["descendant_id"]],
        "paper_topics": [["topic_id"], ["via"]],
        "unmapped_terms": [["topic_id"], ["suggested_topic_id"]],
    }.items():
        for column_set in columns:
            db[table].create_index(column_set)


def _paper_counts(paper_topics: list[PaperTopic], closure_rows: list) -> dict[str, int]:
    """How many papers each topic holds, its narrower topics' included."""
    papers_of: dict[str, set[str]] = {}
    for t in paper_topics:
        papers_of.setdefault(t.topic_id, set()).add(t.paper_id)
    papers_under: dict[str, set[str]] = {}
    for ancestor, descendant, _ in closure_rows:
        papers_under.setdefault(ancestor, set()).update(papers_of.get(descendant, ()))
    return {topic_id: len(papers) for topic_id, papers in papers_under.items()}


def _write_schemes_and_topics(
    db: sqlite_utils.Database, taxonomy: Taxonomy, concepts: list, papers: dict[str, int]
) -> None:
    insert_rows(
        db,
        "topic_schemes",
        (
            {
                "id": s.id,
                "title": dict(s.titles).get("en"),
                "iri": taxonomy.scheme_iri(s.id),
                "ours": s.id == OUR_SCHEME,
            }
            for s in sorted(taxonomy.schemes.values(), key=lambda s: (s.id != OUR_SCHEME, s.id))
        ),
        pk="id",
    )
    insert_rows(
        db,
        "topics",
        (
            {
                "id": c.id,
                "scheme_id": c.scheme,
                "iri": taxonomy.iri(c.id),
                "label": c.label("en"),
                "label_zh": c.label("zh") or None,
                "definition": dict(c.definitions).get("en"),
                "scope_note": dict(c.scope_notes).get("en"),
                "alt_labels": json.dumps([t for _, t in c.alt_labels], ensure_ascii=False)
                if c.alt_labels
                else None,
                "hidden_labels": json.dumps([t for _, t in c.hidden_labels], ensure_ascii=False)
                if c.hidden_labels
                else None,
                "kind": c.kind,
                "top": c.top,
                "deprecated": c.deprecated,
                "replaced_by": c.replaced_by or None,
                "curated": c.curated,
                "papers": papers.get(c.id, 0),
                "empty_reason": None if papers.get(c.id) else taxonomy.empty_reasons.get(c.id),
            }
            for c in concepts
        ),
        pk="id",
        foreign_keys=[("scheme_id", "topic_schemes", "id"), ("replaced_by", "topics", "id")],
    )


def _write_topic_relations(
    db: sqlite_utils.Database, taxonomy: Taxonomy, concepts: list, closure_rows: list
) -> None:
    """Broader, related and mapped topics, and the closure of broader."""
    insert_rows(
        db,
        "topic_broader",
        ({"topic_id": c.id, "broader_id": b} for c in concepts for b in c.broader),
        pk=("topic_id", "broader_id"),
        foreign_keys=[("topic_id", "topics", "id"), ("broader_id", "topics", "id")],
    )
    insert_rows(
        db,
        "topic_related",
        ({"topic_id": a, "related_id": b} for a, b in sorted(_symmetric_related(taxonomy))),
        pk=("topic_id", "related_id"),
        foreign_keys=[("topic_id", "topics", "id"), ("related_id", "topics", "id")],
    )
    insert_rows(
        db,
        "topic_mappings",
        (
            {"topic_id": c.id, "property": prop, "target_id": target}
            for c in concepts
            for prop, target in c.mappings
        ),
        pk=("topic_id", "property", "target_id"),
        foreign_keys=[("topic_id", "topics", "id"), ("target_id", "topics", "id")],
    )
    insert_rows(
        db,
        "topic_closure",
        ({"ancestor_id": a, "descendant_id": d, "depth": depth} for a, d, depth in closure_rows),
        pk=("ancestor_id", "descendant_id"),
        foreign_keys=[("ancestor_id", "topics", "id"), ("descendant_id", "topics", "id")],
    )


def _write_paper_topics(
    db: sqlite_utils.Database, paper_topics: list[PaperTopic], unmapped: list[UnmappedTerm],
    readings: list[PaperReading],
) -> None:
    """Each paper's topics with their evidence, the terms no topic maps, and the readings."""
    insert_tuples(
        db,
        "paper_topics",
        ("paper_id", "topic_id", "via", "evidence"),
        ((t.paper_id, t.topic_id, t.via, t.evidence) for t in paper_topics),
        pk=("paper_id", "topic_id", "via"),
        foreign_keys=[("paper_id", "papers", "id"), ("topic_id", "topics", "id")],
    )
    insert_rows(
        db,
        "unmapped_terms",
        (
            {
                "source_id": u.source_id,
                "kind": u.kind,
                "term": u.term,
                "topic_id": u.topic_id,
                "papers": u.papers,
                "suggested_topic_id": u.suggested_topic_id or None,
                "suggestion": u.suggestion or None,
            }
            for u in unmapped
        ),
        pk=("source_id", "kind", "term"),
        foreign_keys=[
            ("source_id", "sources", "id"),
            ("topic_id", "topics", "id"),
            ("suggested_topic_id", "topics", "id"),
        ],
    )
    insert_rows(
        db,
        "paper_readings",
        (
            {
                "paper_id": r.paper_id,
                "reader": r.reader,
                "line": r.line,
                "topics": json_strings(r.topics),
                "agreed": json_strings(r.agreed),
                "note": r.note,
            }
            for r in readings
        ),
        pk=("paper_id", "reader"),
        foreign_keys=[("paper_id", "papers", "id")],
    )


def _symmetric_related(taxonomy: Taxonomy) -> set[tuple[str, str]]:
    pairs = set()
    for concept in taxonomy.concepts.values():
        for other in concept.related:
            pairs.update({(concept.id, other), (other, concept.id)})
    return pairs


def _write_browse_table(
    db: sqlite_utils.Database, taxonomy: Taxonomy, paper_topics: list[PaperTopic], closure_rows: list
) -> None:
    """Papers with JSON arrays of their topics and of every ancestor, so array facets count
    a topic's papers with its narrower topics included. Materialised: facets stay fast at scale."""
    direct: dict[str, set[str]] = {}
    for t in paper_topics:
        if taxonomy.concepts[t.topic_id].scheme == OUR_SCHEME:
            direct.setdefault(t.paper_id, set()).add(t.topic_id)
    ancestors = {}
    for ancestor, descendant, _ in closure_rows:
        ancestors.setdefault(descendant, set()).add(ancestor)
    label = {c.id: c.label("en") for c in taxonomy.concepts.values()}

    @cache  # a few hundred sets of topics among all the papers: each set's arrays made once
    def arrays(topics: frozenset[str]) -> tuple[str, str]:
        everything = set().union(*(ancestors[t] for t in topics))
        return (json_strings(sorted(label[t] for t in topics)),
                json_strings(sorted(label[t] for t in everything)))

    def rows():
        sets = {paper_id: frozenset(topics) for paper_id, topics in direct.items()}
        for paper in db.execute("select id, title, year, venue, sources from papers order by id"):
            yield (*paper, *arrays(sets.get(paper[0], frozenset())))

    insert_tuples(
        db, "paper_browse", ("id", "title", "year", "venue", "sources", "topics", "topics_with_broader"),
        rows(), pk="id", foreign_keys=[("id", "papers", "id")],
    )
    # Newest first and by id within a year, as metadata.yml sorts the table and its pages follow.
    db["paper_browse"].create_index([DescIndex("year"), "id"])
