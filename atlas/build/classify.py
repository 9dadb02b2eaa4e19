"""Stage 5, classify: each paper's key words, and its topics in the taxonomy, each with its evidence.

Evidence comes in kinds, recorded as `via`: the list's heading the paper sits under (section),
001's category label (label), list 002's Key Word (keyword), our labels found in the paper's
title (title) or in a list's digest of it (digest), hand assignments (manual), and what two
curators who each read the paper agree on (reading). Curation wins over automatic matching: a
heading or key word a curator mapped, or marked `not_a_topic`, is never matched automatically; a
paper with a hand assignment takes no title or digest matches; a read paper keeps no topic its
readers all left out; and taxonomy/never.yml keeps named papers out of topics whatever the
evidence says.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from atlas.build.errors import InputError
from atlas.build.label_matching import DIGEST, TERMS, TITLE, LabelIndex, load_text_rules
from atlas.build.merge import Paper
from atlas.build.normalize import title_key
from atlas.build.records import Entry, pickled_by_fields, positional_constructor
from atlas.build.schemas import MANUAL, NEVER, READINGS, Schema
from atlas.build.taxonomy import Taxonomy, heading_text, lineage, term_key
from atlas.build.text import slug
from atlas.build.topic_model import ModelScore, author_topic_label, decide, paper_texts, train
from atlas.build.yamlfile import load_yaml, require
from atlas.published import OUR_SCHEME

AUTOMATIC = ("title", "digest")  # evidence no curator has looked at for this paper


def paper_keywords(papers: list[Paper], entries: list[Entry]) -> dict[str, list[str]]:
    """Each paper's Key Word values as written, first spelling of each slug kept, in order."""
    paper_of = {ref: paper.id for paper in papers for ref in paper.entries}
    keywords: dict[str, list[str]] = {}
    # Each key word's slug made once (a few hundred key words, written on most papers), and each
    # paper's slugs kept beside its key words rather than made again for every key word it gets.
    slugs: dict[str, str] = {}
    taken: dict[str, set[str]] = {}
    for entry in entries:
        if not entry.keywords:
            continue
        paper_id = paper_of.get(entry.ref)
        seen, seen_slugs = keywords.setdefault(paper_id, []), taken.setdefault(paper_id, set())
        for keyword in entry.keywords:
            if keyword not in slugs:
                slugs[keyword] = slug(keyword)
            if slugs[keyword] not in seen_slugs:
                seen.append(keyword)
                seen_slugs.add(slugs[keyword])
    return keywords


@dataclass(frozen=True, slots=True)
class PaperTopic:
    paper_id: str
    topic_id: str
    via: str  # section, label, keyword, title, digest, manual, reading or model
    evidence: str = ""  # the heading, label, key word or matched phrase; for manual and reading, YAML lines


# Brought back from the process that classifies beside the database's first tables
# (atlas/build/pipeline.py): 140,000 of them at 50,000 papers, each rebuilt at half __init__'s cost.
paper_topic_of_values = positional_constructor(PaperTopic, "paper_topic_of_values")
pickled_by_fields(PaperTopic, paper_topic_of_values)


@dataclass(frozen=True)
class UnmappedTerm:
    source_id: str
    kind: str  # heading, label or keyword
    term: str
    topic_id: str  # the source scheme's concept the papers are filed under
    papers: int
    suggested_topic_id: str = ""  # our closest concept, for a curator to confirm
    suggestion: str = ""  # why it is the closest


@dataclass(frozen=True)
class TitledTopics:
    """Topics named for one paper, by title, in a curated YAML file."""

    title_key: str
    topics: tuple[str, ...]
    line: int
    note: str = ""  # why, where the file gives a note (taxonomy/readings/)


def _load_titled(path: Path, key: str, schema: Schema, taxonomy: Taxonomy) -> list[TitledTopics]:
    document = (load_yaml(path, schema) or {}) if path.exists() else {}
    return _titled(document, key, path, taxonomy)


def _titled(document: dict, key: str, path: Path, taxonomy: Taxonomy) -> list[TitledTopics]:
    found = []
    for item in document.get(key) or []:
        title = require(item, "title", path)
        topics = tuple(require(item, "topics", path, list))
        for topic in topics:
            if topic not in taxonomy.concepts or taxonomy.concepts[topic].scheme != OUR_SCHEME:
                raise InputError(path, f"unknown topic '{topic}'", item.line)
        found.append(TitledTopics(title_key(title), topics, item.line, item.get("note") or ""))
    return found


def load_manual(path: Path, taxonomy: Taxonomy) -> list[TitledTopics]:
    return _load_titled(path, "assignments", MANUAL, taxonomy)


@dataclass(frozen=True)
class Reading:
    """The topics two or more curators, each reading a paper on their own, agree it is about."""

    title_key: str
    topics: tuple[str, ...]  # given by one reader and given, or implied by a narrower one, by another
    readers: int
    evidence: str  # each reader's file and line, where their note says why
    considered: frozenset[str] = frozenset()  # every topic some reader gave, with its broader ones
    offered: frozenset[str] = frozenset()  # the concepts every reader could choose from
    notes: tuple[tuple[str, TitledTopics], ...] = ()  # each reader's name and reading

    def sets_aside(self, topic_id: str) -> bool:
        """A topic of ours its readers could have given, yet none gave it nor a narrower one."""
        return topic_id in self.offered and topic_id not in self.considered


@dataclass(frozen=True)
class PaperReading:
    """One reader's judgement of one paper, published so a user sees why a `reading` topic stands."""

    paper_id: str
    reader: str  # the file's name in taxonomy/readings/, without .yml
    line: int
    topics: tuple[str, ...]
    note: str
    agreed: tuple[str, ...]  # the topics that stand: what this reader and another agree on


def load_readings(folder: Path, taxonomy: Taxonomy) -> tuple[Reading, ...]:
    """taxonomy/readings/*.yml, one file per reader: a topic stands where two readers agree.

    A reader's topic implies its broader ones, so one reader's "Neural tangent kernel" agrees
    with another's "Infinite-width limits" on the latter; a topic only one reader gives is left
    out. Agreement is the evidence: one reader's judgement alone is an opinion. Where two or more
    readers read a paper, a topic of ours that none of them gave, nor a narrower one of, is where
    a list cites the paper or a word its title uses, not what it is about: `classify` sets it
    aside, unless the concept is newer than a reading (not in its file's `read_against`)."""
    by_paper: dict[str, list[tuple[Path, TitledTopics]]] = {}
    offered: dict[Path, frozenset[str]] = {}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        document = load_yaml(path, READINGS)
        offered[path] = frozenset(document["read_against"])
        for concept_id in offered[path] - set(taxonomy.concepts):
            line = document.line_of("read_against")
            raise InputError(path, f"unknown topic '{concept_id}' in read_against", line)
        for item in _titled(document, "readings", path, taxonomy):
            by_paper.setdefault(item.title_key, []).append((path, item))
    readings = []
    for key, reads in sorted(by_paper.items()):
        implied = Counter(
            topic for _, item in reads
            for topic in set().union(*(lineage(taxonomy, t) for t in item.topics))
        )
        given = {topic for _, item in reads for topic in item.topics}
        agreed = tuple(sorted(topic for topic in given if implied[topic] >= 2))
        evidence = ", ".join(f"taxonomy/{folder.name}/{path.name}:{item.line}" for path, item in reads)
        notes = tuple((path.stem, item) for path, item in reads)
        could_give = frozenset.intersection(*(offered[path] for path, _ in reads))
        readings.append(Reading(key, agreed, len(reads), evidence, frozenset(implied), could_give, notes))
    return tuple(readings)


@dataclass(frozen=True)
class ClassifierCuration:
    """What curators decide for the classifier, beyond the mappings in taxonomy/sources/."""

    manual: list[TitledTopics]  # taxonomy/manual.yml: topics a paper has
    never: list[TitledTopics]  # taxonomy/never.yml: topics a paper does not have
    index: LabelIndex  # our labels, with taxonomy/text_matching.yml's rules for free text
    readings: tuple[Reading, ...] = ()  # taxonomy/readings/: what curators who read the papers agree on


def load_curation(folder: Path, taxonomy: Taxonomy) -> ClassifierCuration:
    return ClassifierCuration(
        manual=load_manual(folder / "manual.yml", taxonomy),
        never=_load_titled(folder / "never.yml", "never", NEVER, taxonomy),
        index=LabelIndex(taxonomy, load_text_rules(folder / "text_matching.yml", taxonomy)),
        readings=load_readings(folder / "readings", taxonomy),
    )


@dataclass(frozen=True)
class Classification:
    paper_topics: list[PaperTopic]
    unmapped: list[UnmappedTerm]
    unmatched_manual: list[TitledTopics]  # manual, never or reading entries whose title no paper has
    readings: list[PaperReading] = field(default_factory=list)
    model_scores: list[ModelScore] = field(default_factory=list)  # the unread papers' scores, FLOOR and up


class _Found:
    """Paper topics as they are found: the first evidence of each (paper, topic, via) is kept.

    Two kinds of evidence are weaker and kept aside until the rest is known. A chapter-like
    heading (`fallback: true`) gives its topics only to papers nothing else classifies. A digest
    summarises a whole abstract, related work included, so a topic found there is kept only
    where it corroborates: when it shares a top concept with a topic other evidence gives the
    paper, or when the paper has no other evidence. A heading or key word nobody mapped that names
    several unrelated topics gives each only where other evidence points to it (`compound`)."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.rows: dict[tuple[str, str, str], str] = {}
        self.fallback: dict[tuple[str, str, str], str] = {}
        self.digest: dict[tuple[str, str, str], str] = {}
        self.compound: dict[tuple[str, str, str], str] = {}

    def add(self, paper_id: str, topic_id: str, via: str, evidence: str, fallback: bool = False,
            compound: bool = False) -> None:
        bucket = (self.fallback if fallback else self.compound if compound
                  else self.digest if via == "digest" else self.rows)
        bucket.setdefault((paper_id, topic_id, via), evidence)

    def settle(self) -> dict[tuple[str, str, str], str]:
        areas: dict[str, set[str]] = {}
        for paper_id, topic_id, _ in self.rows:
            if self.taxonomy.concepts[topic_id].scheme == OUR_SCHEME:
                areas.setdefault(paper_id, set()).update(lineage(self.taxonomy, topic_id))
        self._settle_compound(areas)
        with_digest = {paper_id for paper_id, _, _ in self.digest}
        for key, evidence in self.fallback.items():
            if key[0] not in areas and key[0] not in with_digest:
                self.rows.setdefault(key, evidence)
                areas.setdefault(key[0], set()).update(lineage(self.taxonomy, key[1]))
        for (paper_id, topic_id, via), evidence in self.digest.items():
            if paper_id not in areas or areas[paper_id] & lineage(self.taxonomy, topic_id):
                self.rows.setdefault((paper_id, topic_id, via), evidence)
        return self.rows

    def _settle_compound(self, areas: dict[str, set[str]]) -> None:
        """A term naming several topics ("Grokking and Emergence") gives a paper those its other
        evidence also points to (the topic or a narrower one, in its title, key words, headings or
        digest); a paper nothing else classifies takes them all."""
        digest: dict[str, set[str]] = {}
        for paper_id, topic_id, _ in self.digest:
            digest.setdefault(paper_id, set()).update(lineage(self.taxonomy, topic_id))
        kept = [(key, evidence) for key, evidence in self.compound.items()
                if key[0] not in areas or key[1] in areas[key[0]] | digest.get(key[0], set())]
        for (paper_id, topic_id, via), evidence in kept:
            self.rows.setdefault((paper_id, topic_id, via), evidence)
            areas.setdefault(paper_id, set()).update(lineage(self.taxonomy, topic_id))


def classify(
    papers: list[Paper], entries: list[Entry], taxonomy: Taxonomy, curation: ClassifierCuration,
    authors: Callable[[], dict[str, tuple[str, ...]]] | None = None,
) -> Classification:
    """File every paper under topics, from every piece of evidence its lists give about it.

    Each paper entry is filed under the deepest heading (or category label) its list gives it,
    a concept of that list's own scheme; our topics come from the nearest of those headings that
    maps onto them, curated or matched by our labels. A heading or key word nothing maps is
    never dropped: it becomes an uncurated concept of its list's scheme, the paper is filed
    there, and it is reported as unmapped with our closest concept as a suggestion. A paper
    nobody has read, nor assigned by hand, also gets the topic model's strongest topics
    (atlas/build/topic_model.py), learned from the papers two curators read; `authors()` gives each
    paper's author ids, so the model knows what its authors' other read papers are about (a call,
    made only then: the build may still be clustering the authors when classify starts).
    """
    paper_of = {ref: paper.id for paper in papers for ref in paper.entries}
    found = _Found(taxonomy)
    terms = _TermMatcher(taxonomy, curation.index, _spanning_headings(entries))
    for entry in entries:
        paper_id = paper_of.get(entry.ref)
        if paper_id:
            _classify_entry(entry, paper_id, taxonomy, terms, found)
    by_key = {paper.title_key: paper.id for paper in papers}
    for entry in entries:
        if entry.kind == "paper":
            by_key.setdefault(title_key(entry.title), paper_of[entry.ref])
    unmatched = []
    curated_papers = set()
    about_none = set()  # papers a curator says are about no topic of ours (`topics: []`)
    read: dict[str, Reading] = {}  # the papers two or more readers read
    read_by: list[PaperReading] = []
    for assignment in curation.manual:
        if assignment.title_key in by_key:
            paper_id = by_key[assignment.title_key]
            curated_papers.add(paper_id)
            if not assignment.topics:
                about_none.add(paper_id)
            for topic in assignment.topics:
                found.add(paper_id, topic, "manual", f"taxonomy/manual.yml:{assignment.line}")
        else:
            unmatched.append(assignment)
    for reading in curation.readings:
        paper_id = by_key.get(reading.title_key)
        if paper_id is None:
            unmatched.append(TitledTopics(reading.title_key, reading.topics, 0))
        else:
            _add_reading(paper_id, reading, found, read, read_by)
    _match_free_text(papers, entries, paper_of, curation.index, curated_papers, found)
    excluded = set()
    for never in curation.never:
        if never.title_key not in by_key:
            unmatched.append(never)
        excluded.update((by_key.get(never.title_key), topic) for topic in never.topics)
    settled = found.settle()
    scores = _model_topics(papers, entries, taxonomy, authors or dict, read, curated_papers, settled)
    paper_topics = sorted(
        (
            PaperTopic(paper_id, topic_id, via, evidence)
            for (paper_id, topic_id, via), evidence in settled.items()
            if via == "manual"
            or (
                (paper_id, topic_id) not in excluded
                and not (paper_id in about_none and taxonomy.concepts[topic_id].scheme == OUR_SCHEME)
                and not (paper_id in read and read[paper_id].sets_aside(topic_id))
            )
        ),
        key=lambda t: (t.paper_id, t.topic_id, t.via),
    )
    read_by.sort(key=lambda r: (r.paper_id, r.reader))
    unmapped = terms.unmapped([t for t in paper_topics if t.via != "model"], taxonomy)
    return Classification(paper_topics, unmapped, unmatched, read_by, scores)


def _add_reading(paper_id: str, reading: Reading, found: _Found, read: dict[str, Reading],
                 read_by: list[PaperReading]) -> None:
    """File a paper under what its readers agree on; keep each reader's reading; a paper two read is read."""
    for topic in reading.topics:
        found.add(paper_id, topic, "reading", reading.evidence)
    for reader, its in reading.notes:
        agreed = tuple(t for t in its.topics if t in reading.topics)
        read_by.append(PaperReading(paper_id, reader, its.line, its.topics, its.note, agreed))
    if reading.readers >= 2:
        read[paper_id] = reading


class _TermMatcher:
    """Headings, labels and key words: curated concepts first, else our labels found in them."""

    def __init__(self, taxonomy: Taxonomy, index: LabelIndex, spanning: set[tuple[str, str]]) -> None:
        self.taxonomy, self.index, self.spanning = taxonomy, index, spanning
        self.targets: dict[str, list[tuple[str, str]]] = {}  # source concept → (topic, evidence)
        self.fallback: set[str] = set()  # source concepts whose topics are a fallback
        self.compound: set[str] = set()  # uncurated terms naming several topics, none broader than another
        self.papers: dict[str, set[str]] = {}  # uncurated source concept → its papers
        self.terms: dict[str, tuple[str, str, str]] = {}

    def concept(self, source_id: str, kind: str, text: str, paper_id: str) -> str:
        """The list's concept for a term, created (uncurated) when nobody mapped it yet."""
        taxonomy = self.taxonomy
        lookup = "heading" if kind == "lecture" else kind
        topic_id = taxonomy.find(source_id, lookup, text)
        if topic_id is None:
            topic_id = taxonomy.add_uncurated(source_id, kind, text)
        concept = taxonomy.concepts[topic_id]
        if topic_id not in self.targets:
            if concept.curated:
                self.targets[topic_id] = [(target, text) for target in concept.classifies_into]
                if concept.fallback:
                    self.fallback.add(topic_id)
            else:
                if (source_id, term_key(text)) in self.spanning:
                    self.fallback.add(topic_id)
                matches = self.index.find(heading_text(text), TERMS)
                self.targets[topic_id] = [(m.concept_id, text) for m in matches]
                if _unrelated({m.concept_id for m in matches}, taxonomy):
                    self.compound.add(topic_id)
        if not concept.curated:
            self.terms[topic_id] = (source_id, kind, text)
            self.papers.setdefault(topic_id, set()).add(paper_id)
        return topic_id

    def unmapped(self, paper_topics: list[PaperTopic], taxonomy: Taxonomy) -> list[UnmappedTerm]:
        ours: dict[str, Counter] = {}
        for t in paper_topics:
            if taxonomy.concepts[t.topic_id].scheme == OUR_SCHEME:
                ours.setdefault(t.paper_id, Counter())[t.topic_id] += 1
        rows = []
        for topic_id, (source_id, kind, text) in sorted(self.terms.items()):
            if self.targets[topic_id]:
                continue
            papers = self.papers[topic_id]
            suggested, why = self._suggest(text, papers, ours)
            rows.append(UnmappedTerm(source_id, kind, text, topic_id, len(papers), suggested, why))
        return rows

    def _suggest(self, text: str, papers: set[str], ours: dict[str, Counter]) -> tuple[str, str]:
        concept_id, label, score = self.index.closest(heading_text(text))
        if score >= 0.34:
            return concept_id, f"shares words with our label '{label}'"
        counts = Counter(topic for paper in papers for topic in ours.get(paper, {}))
        if counts:
            topic, n = min(counts.items(), key=lambda item: (-item[1], item[0]))
            if len(papers) >= 10 and 2 * n < len(papers):
                # A list's title or a chapter over many subjects: no one topic is its subject.
                return "", (f"its {len(papers)} papers are spread over {len(counts)} of our topics, "
                            f"none holding half: a heading to mark not_a_topic?")
            return topic, f"{n} of its {len(papers)} papers are filed under it"
        if concept_id:
            return concept_id, f"shares words with our label '{label}'"
        return "", ""


def _spanning_headings(entries: list[Entry]) -> set[tuple[str, str]]:
    """(list, heading) for each heading every paper of a list sits under: the list's title, or a
    chapter holding all of it, which spans its subjects rather than naming one of them."""
    common: dict[str, set[str]] = {}
    for entry in entries:
        if entry.kind == "paper":
            keys = {term_key(h) for h in entry.section}
            common[entry.source_id] = common[entry.source_id] & keys if entry.source_id in common else keys
    return {(source_id, key) for source_id, keys in common.items() for key in keys}


def _unrelated(topics: set[str], taxonomy: Taxonomy) -> bool:
    """Two topics or more, none broader than another: a term naming several subjects."""
    return len(topics) >= 2 and not any(a != b and a in lineage(taxonomy, b) for a in topics for b in topics)


def _classify_entry(
    entry: Entry, paper_id: str, taxonomy: Taxonomy, terms: _TermMatcher, found: _Found
) -> None:
    scheme = taxonomy.schemes.get(entry.source_id)
    structural = scheme.structural_headings if scheme else frozenset()
    places = [("label", entry.label)] if entry.label else []
    places += [("heading", h) for h in reversed(entry.section) if term_key(h) not in structural]
    place_topics = [terms.concept(entry.source_id, kind, text, paper_id) for kind, text in places]
    if place_topics:
        via = "label" if places[0][0] == "label" else "section"
        found.add(paper_id, place_topics[0], via, places[0][1])
    # The evidence is this entry's own heading or key word as written ("Neural Tangent Kernel: 2018"),
    # not the first spelling that created the list's concept.
    for (kind, text), topic_id in zip(places, place_topics, strict=True):
        if terms.targets[topic_id]:
            for target, _ in terms.targets[topic_id]:
                via = "label" if kind == "label" else "section"
                found.add(paper_id, target, via, text, fallback=topic_id in terms.fallback,
                          compound=topic_id in terms.compound)
            break
    for keyword in entry.keywords:
        topic_id = terms.concept(entry.source_id, "keyword", keyword, paper_id)
        for target, _ in terms.targets[topic_id]:
            found.add(paper_id, target, "keyword", keyword, compound=topic_id in terms.compound)
        if not terms.targets[topic_id] and not taxonomy.concepts[topic_id].curated:
            found.add(paper_id, topic_id, "keyword", keyword)


def _model_topics(
    papers: list[Paper], entries: list[Entry], taxonomy: Taxonomy,
    authors: Callable[[], dict[str, tuple[str, ...]]], read: dict[str, Reading], curated_papers: set[str],
    found: dict[tuple[str, str, str], str],
) -> list[ModelScore]:
    """Score the papers nobody read, from a model trained on those two curators read; add the
    scores `decide` accepts to `found` as `via = model`, unless the paper is assigned by hand
    (taxonomy/manual.yml). Returns every score."""
    unread = [p.id for p in papers if p.id not in read]
    if not unread:
        return []
    known = {paper_id: reading.topics for paper_id, reading in read.items()}
    texts = paper_texts(papers, entries, taxonomy, authors(), known)
    model = train([texts[paper_id] for paper_id in sorted(read)], known)
    if model is None:
        return []
    scores = model.score([texts[paper_id] for paper_id in unread])
    label_topics: dict[str, set[str]] = {}
    for paper_id, topic_id, _ in found:
        if taxonomy.concepts[topic_id].scheme == OUR_SCHEME:
            label_topics.setdefault(paper_id, set()).add(topic_id)
    title = {paper.id: paper.title for paper in papers}
    # a paper assigned by hand is scored (for the reading queue) but takes no model topic
    for s in decide([s for s in scores if s.paper_id not in curated_papers], label_topics, taxonomy):
        found[(s.paper_id, s.topic_id, "model")] = model_evidence(s, title, taxonomy)
    return scores


def model_evidence(score: ModelScore, title: dict[str, str], taxonomy: Taxonomy) -> str:
    """The model's reason as a reader sees it on a topic or paper page."""
    similar = ", ".join(f"“{title[paper_id]}”" for paper_id in score.similar)
    words = ", ".join(
        f"authors' other papers on {taxonomy.concepts[author_topic_label(w)].label('en')}"
        if author_topic_label(w) else w
        for w in score.words
    )
    parts = [f"similar read papers: {similar}" if similar else "", f"words: {words}" if words else "",
             f"score {score.score:.2f}"]
    return "; ".join(part for part in parts if part)


def _match_free_text(
    papers: list[Paper],
    entries: list[Entry],
    paper_of: dict,
    index: LabelIndex,
    curated_papers: set[str],
    found: _Found,
) -> None:
    """Our labels in each paper's title and in the digests its lists give, unless curated by hand."""
    for paper in papers:
        if paper.id not in curated_papers:
            for match in index.find(paper.title, TITLE):
                found.add(paper.id, match.concept_id, "title", match.phrase)
    for entry in entries:
        paper_id = paper_of.get(entry.ref)
        if paper_id and entry.digest and paper_id not in curated_papers:
            for match in index.find(entry.digest, DIGEST):
                found.add(paper_id, match.concept_id, "digest", match.phrase)
