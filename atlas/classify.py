"""Stage 5, classify: each paper's key words, and its topics in the taxonomy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from atlas.errors import InputError
from atlas.merge import Paper
from atlas.normalize import title_key
from atlas.records import Entry
from atlas.schemas import MANUAL
from atlas.taxonomy import OUR_SCHEME, Taxonomy, term_key
from atlas.text import slug
from atlas.yamlfile import load_yaml, require


def paper_keywords(papers: list[Paper], entries: list[Entry]) -> dict[str, list[str]]:
    """Each paper's Key Word values as written, first spelling of each slug kept, in order."""
    paper_of = {ref: paper.id for paper in papers for ref in paper.entries}
    keywords: dict[str, list[str]] = {}
    for entry in entries:
        paper_id = paper_of.get(entry.ref)
        for keyword in entry.keywords:
            seen = keywords.setdefault(paper_id, [])
            if slug(keyword) not in {slug(k) for k in seen}:
                seen.append(keyword)
    return keywords


@dataclass(frozen=True)
class PaperTopic:
    paper_id: str
    topic_id: str
    via: str  # section, label, keyword or manual


@dataclass(frozen=True)
class UnmappedTerm:
    source_id: str
    kind: str  # heading, label or keyword
    term: str
    topic_id: str  # the source scheme's concept the papers are filed under
    papers: int


@dataclass(frozen=True)
class ManualAssignment:
    title_key: str
    topics: tuple[str, ...]
    line: int


def load_manual(path: Path, taxonomy: Taxonomy) -> list[ManualAssignment]:
    document = load_yaml(path, MANUAL) or {}
    assignments = []
    for item in document.get("assignments") or []:
        title = require(item, "title", path)
        topics = tuple(require(item, "topics", path, list))
        for topic in topics:
            if topic not in taxonomy.concepts or taxonomy.concepts[topic].scheme != OUR_SCHEME:
                raise InputError(path, f"unknown topic '{topic}'", item.line)
        assignments.append(ManualAssignment(title_key(title), topics, item.line))
    return assignments


@dataclass(frozen=True)
class Classification:
    paper_topics: list[PaperTopic]
    unmapped: list[UnmappedTerm]
    unmatched_manual: list[ManualAssignment]  # assignments whose title no paper has any more


def classify(
    papers: list[Paper], entries: list[Entry], taxonomy: Taxonomy, manual: list[ManualAssignment]
) -> Classification:
    """File every paper under topics, from its sections, labels and key words through the mappings.

    Each paper entry is filed under the deepest heading (or category label) its list gives it,
    a concept of that list's own scheme; our topics come from the nearest of those headings that
    maps onto them. A heading or key word nobody mapped is never dropped: it becomes an uncurated
    concept of its list's scheme, the paper is filed there, and it is reported as unmapped.
    """
    paper_of = {ref: paper.id for paper in papers for ref in paper.entries}
    found: set[PaperTopic] = set()
    unmapped: dict[str, tuple[str, str, str, set[str]]] = {}

    def note_unmapped(source_id: str, kind: str, text: str, paper_id: str) -> str:
        topic_id = taxonomy.find(source_id, kind, text) or taxonomy.add_uncurated(source_id, kind, text)
        if not taxonomy.concepts[topic_id].curated:
            unmapped.setdefault(topic_id, (source_id, kind, text, set()))[3].add(paper_id)
        return topic_id

    for entry in entries:
        paper_id = paper_of.get(entry.ref)
        if not paper_id:
            continue
        scheme = taxonomy.schemes.get(entry.source_id)
        structural = scheme.structural_headings if scheme else frozenset()
        places = [("label", entry.label)] if entry.label else []
        places += [("heading", h) for h in reversed(entry.section) if term_key(h) not in structural]
        place_topics = [note_unmapped(entry.source_id, kind, text, paper_id) for kind, text in places]
        if place_topics:
            via = places[0][0] if places[0][0] == "label" else "section"
            found.add(PaperTopic(paper_id, place_topics[0], via))
        for (kind, _), topic_id in zip(places, place_topics, strict=True):
            targets = taxonomy.concepts[topic_id].classifies_into
            if targets:
                found.update(
                    PaperTopic(paper_id, t, "label" if kind == "label" else "section") for t in targets
                )
                break
        for keyword in entry.keywords:
            topic_id = note_unmapped(entry.source_id, "keyword", keyword, paper_id)
            targets = taxonomy.concepts[topic_id].classifies_into
            if targets:
                found.update(PaperTopic(paper_id, t, "keyword") for t in targets)
            elif not taxonomy.concepts[topic_id].curated:
                found.add(PaperTopic(paper_id, topic_id, "keyword"))
    by_key = {paper.title_key: paper.id for paper in papers}
    for entry in entries:
        if entry.kind == "paper":
            by_key.setdefault(title_key(entry.title), paper_of[entry.ref])
    unmatched = []
    for assignment in manual:
        if assignment.title_key in by_key:
            found.update(PaperTopic(by_key[assignment.title_key], t, "manual") for t in assignment.topics)
        else:
            unmatched.append(assignment)
    unmapped_terms = [
        UnmappedTerm(source_id, kind, text, topic_id, len(paper_ids))
        for topic_id, (source_id, kind, text, paper_ids) in sorted(unmapped.items())
    ]
    return Classification(
        sorted(found, key=lambda t: (t.paper_id, t.topic_id, t.via)), unmapped_terms, unmatched
    )
