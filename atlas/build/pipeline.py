"""The stages wired in order: read → parse → normalize → de-duplicate → classify → write."""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from atlas.build.classify import ClassifierCuration, classify, load_curation, paper_keywords
from atlas.build.collector import collector_paused
from atlas.build.database import (
    Dataset,
    finish_database,
    write_entries_aside,
    write_record_tables,
    write_topic_tables,
)
from atlas.build.export_process import exports_started
from atlas.build.forked import forked
from atlas.build.merge import MergeOverrides, merge_papers
from atlas.build.normalize import VenueTable, link_claims, with_venues
from atlas.build.parse_pool import parsing
from atlas.build.people import NameRules, cluster_authors
from atlas.build.publish import publish, synced_beside
from atlas.build.reading_queue import reading_queue
from atlas.build.records import EntryRef, entry_with
from atlas.build.renamed import follow_authorship, follow_titles
from atlas.build.retired import check_retired, load_retired
from atlas.build.site_files import inspect_database, write_site
from atlas.build.sources import load_manifest, read_source, require_items
from atlas.build.stage_timer import stage
from atlas.build.taxonomy import load_taxonomy
from atlas.published import OUR_SCHEME

DATABASE_NAME = "atlas.db"
REPORT_NAME = "build-report.json"
RETIRED_NAME = "retired_ids.yml"


@dataclass(frozen=True)
class _Merged:
    """What the stages up to de-duplication give: the dataset without its authors, key words, link
    claims, topics and report, and what the later stages read besides."""

    records: Dataset
    paper_of: dict[EntryRef, str]
    venues: VenueTable
    names: NameRules
    topic_curation: ClassifierCuration


def build_dataset(
    manifest: Path, curation: Path, taxonomy_folder: Path, timings: dict[str, float] | None = None
) -> Dataset:
    """Run every stage up to the database; `curation` is the folder of the curated YAML."""
    merged = _merged(manifest, curation, taxonomy_folder, timings)
    records = _with_authors(merged, curation, timings)
    with stage(timings, "classify"):
        fields, unmatched = _classified(merged.records, merged.topic_curation, lambda: _author_ids(records))
        return _with_report(replace(records, **fields), unmatched)


def _merged(
    manifest: Path, curation: Path, taxonomy_folder: Path, timings: dict[str, float] | None
) -> _Merged:
    """The stages up to de-duplication. Classify needs no more than these until its topic model
    asks for each paper's authors, so it may start here, in a fork, beside the authors stage."""
    with stage(timings, "curation"):
        sources = load_manifest(manifest)
    with stage(timings, "parse"):
        documents = [read_source(source, manifest.parent) for source in sources]
    # The lists are parsed on both cores while this process reads the curation.
    with parsing(documents) as parsed_documents:
        with stage(timings, "curation"):
            taxonomy = load_taxonomy(taxonomy_folder)
            topic_curation = load_curation(taxonomy_folder, taxonomy)
            venues = VenueTable.load(curation / "venues.yml")
            names = NameRules.load(curation / "people.yml")
            overrides = MergeOverrides.load(curation / "merges.yml")
            retired = load_retired(curation / RETIRED_NAME)
            names = follow_authorship(names, retired)
        with stage(timings, "parse"):
            entries = []
            for document, parsed in zip(documents, parsed_documents(), strict=True):
                require_items(document, len(parsed))
                entries.extend(parsed)
            entries = with_venues(entries, venues)  # here: an uncurated venue joins this process's table

    def first_author_key(entry):
        return names.parse(entry.authors[0]).key if entry.authors else ""

    with stage(timings, "merge"):
        papers, duplicates, paper_of = merge_papers(
            entries, first_author_key, lambda venue_id: venues.venues[venue_id].kind, overrides,
            arxiv_venue=venues.arxiv_venue,
        )
        entries = [entry_with(e, paper_id=paper_of.get(e.ref, "")) if e.ref in paper_of or e.paper_id else e
                   for e in entries]  # the other entries keep paper_id "" as they are
    records = Dataset(
        sources=[document.source for document in documents], entries=entries,
        venues=list(venues.venues.values()), papers=papers, possible_duplicates=duplicates,
        authors=[], author_of={}, keywords={}, link_claims=[], taxonomy=taxonomy, report={},
        paper_topics=[], unmapped_terms=[], retired_ids=retired,
    )
    return _Merged(records, paper_of, venues, names, topic_curation)


def _with_authors(merged: _Merged, curation: Path, timings: dict[str, float] | None) -> Dataset:
    """The authors stage, and the key words and link claims: the dataset but for its topics."""
    records, paper_of, venues = merged.records, merged.paper_of, merged.venues
    entries, papers, retired = records.entries, records.papers, records.retired_ids
    with stage(timings, "authors"):
        occurrences = {
            (*entry.ref, position): name
            for entry in entries
            if entry.kind == "paper"
            for position, name in enumerate(entry.authors, start=1)
        }
        retired_authors = frozenset(record.id for record in retired if record.kind == "author")
        authors, author_of = cluster_authors(occurrences, paper_of, merged.names, retired_authors)
        live = {"paper": {paper.id for paper in papers}, "author": {author.id for author in authors}}
        check_retired(retired, live, curation / RETIRED_NAME)
    with stage(timings, "classify"):  # its parts that need no topics
        return replace(
            records, authors=authors, author_of=author_of, keywords=paper_keywords(papers, entries),
            link_claims=link_claims(entries, venues),
        )


def _classified(
    merged: Dataset, topic_curation, author_ids: Callable[[], dict[str, tuple[str, ...]]]
) -> tuple[dict, int]:
    """Stage 5: the fields of the dataset that classify gives, the taxonomy among them (classify adds
    to it the headings and key words nobody mapped), and how many manual assignments matched no
    paper. Reads the dataset as merge leaves it; `author_ids` gives each paper's author ids, asked
    for only when the topic model needs them (a fork of the build receives them meanwhile)."""
    papers, taxonomy = merged.papers, merged.taxonomy
    topic_curation = follow_titles(topic_curation, papers, merged.entries, merged.retired_ids)
    classification = classify(papers, merged.entries, taxonomy, topic_curation, author_ids)
    return {
        "taxonomy": taxonomy,
        "paper_topics": classification.paper_topics,
        "unmapped_terms": classification.unmapped,
        "paper_readings": classification.readings,
        "model_scores": classification.model_scores,
        "reading_queue": reading_queue(papers, classification.paper_topics, classification.model_scores,
                                       classification.readings, taxonomy),
    }, len(classification.unmatched_manual)


def _author_ids(records: Dataset) -> dict[str, tuple[str, ...]]:
    """Each paper's author ids, in order: the topic model learns from an author's other papers."""
    papers, author_of = records.papers, records.author_of
    return {
        paper.id: tuple(author_of[(*paper.authors_from, i)] for i in range(1, len(paper.authors) + 1))
        for paper in papers
    }


def _with_report(data: Dataset, unmatched_manual: int) -> Dataset:
    """The dataset with its report: the counts build-report.json and the build_report table give,
    in their fixed order."""
    return replace(data, report=_report(data, unmatched_manual))


def _report(records: Dataset, unmatched_manual: int) -> dict[str, int]:
    entries, papers, taxonomy = records.entries, records.papers, records.taxonomy
    paper_topics, unmapped = records.paper_topics, records.unmapped_terms
    classified = {t.paper_id for t in paper_topics if taxonomy.concepts[t.topic_id].scheme == OUR_SCHEME}
    kinds = Counter(entry.kind for entry in entries)
    return {
        "entries": len(entries),
        **{f"entries_{kind}": kinds[kind] for kind in ("paper", "note", "label", "other", "rejected")},
        "entries_with_warnings": sum(1 for entry in entries if entry.warning),
        "papers": len(papers),
        "merged_entries": kinds["paper"] - len(papers),
        "possible_duplicates": len(records.possible_duplicates),
        "link_conflicts": sum(1 for claim in records.link_claims if not claim.agrees),
        "authors": len(records.authors),
        "venues_uncurated": sum(1 for venue in records.venues if not venue.curated),
        "topics": sum(1 for c in taxonomy.concepts.values() if c.scheme == OUR_SCHEME and not c.deprecated),
        "papers_classified": len(classified),
        "papers_classified_permille": round(1000 * len(classified) / max(1, len(papers))),
        "unmapped_terms": len(unmapped),
        "manual_assignments_unmatched": unmatched_manual,
    }


def build(
    manifest: Path, out: Path, curation: Path, taxonomy: Path, wait: bool = True,
    timings: dict[str, float] | None = None,
) -> dict[str, int]:
    """Build into a fresh folder, then swap it in as `out` (atlas/build/publish.py): a failed or killed
    build leaves `out` as it was; a second build into the same `out` waits, or with wait=False stops.
    `timings`, when given, receives the seconds each stage took."""
    with collector_paused():
        return _build(manifest, out, curation, taxonomy, wait, timings)


def _build(manifest: Path, out: Path, curation: Path, taxonomy: Path, wait: bool, timings) -> dict[str, int]:
    merged = _merged(manifest, curation, taxonomy, timings)
    # On the other core from here: the entries table's rows into a scratch file, then classify,
    # while this core clusters the authors (handed to the fork once known, for the topic model)
    # and writes the tables that need no topics, the first in the file, copying the entries' rows
    # from the scratch; what classify gives then goes into the same transaction, after them.
    classified = partial(_classified, merged.records, merged.topic_curation)
    with tempfile.TemporaryDirectory(prefix="atlas-entries-") as scratch, forked(
        classified, takes_input=True,
        first=partial(write_entries_aside, f"{scratch}/entries.db", merged.records),
    ) as classification:
        records = _with_authors(merged, curation, timings)
        del merged
        classification.send(_author_ids(records))
        with publish(out, wait=wait) as staging:
            with stage(timings, "database"):
                aside = classification.first if classification.is_forked else None
                db = write_record_tables(staging / DATABASE_NAME, records, aside)
            with stage(timings, "classify"):  # the wait for the fork, and its CPU seconds
                fields, unmatched = classification()
                data = _with_report(replace(records, **fields), unmatched)
            del records
            return _written(db, data, staging, timings)


def _written(db, data: Dataset, staging: Path, timings: dict[str, float] | None) -> dict[str, int]:
    """The topic tables into the open transaction, the second transaction beside the exports, and
    the site's files; returns the report."""
    # The exports (RDF, and BibTeX, RIS, CSL-JSON) read the committed tables in processes of
    # their own while this one finishes the database; the site copies both, so it comes after.
    # They start now, the taxonomy complete, beside the topic tables and the commit.
    with ExitStack() as beside:
        with exports_started(staging / DATABASE_NAME, data.taxonomy, staging, timings) as committed:
            with stage(timings, "database"):
                write_topic_tables(db, data)
            report = data.report
            del data  # every record is in atlas.db now: the stages below read it from there
            committed()
            with stage(timings, "database"), stage(timings, "finish"):  # finish: the second transaction
                report = finish_database(db, report)
            # atlas.db is complete: on its way to disk, and described for the site, while the
            # exports end.
            beside.enter_context(synced_beside(staging / DATABASE_NAME))
            with stage(timings, "site"):
                inspect = inspect_database(staging / DATABASE_NAME)
        with stage(timings, "site"):
            (staging / REPORT_NAME).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
            write_site(staging, DATABASE_NAME, inspect=inspect)
    return report


def print_report(report: dict[str, int], stream=sys.stdout, done: str = "built") -> None:
    print(f"{done}:", ", ".join(f"{key}={value}" for key, value in report.items()), file=stream)
    if report.get("unmapped_terms"):
        print(
            f"warning: {report['unmapped_terms']} headings or key words map to no topic; "
            "see the unmapped_terms table",
            file=stream,
        )
    if report.get("manual_assignments_unmatched"):
        print(
            f"warning: {report['manual_assignments_unmatched']} manual topic assignments match no paper "
            "(taxonomy/manual.yml, taxonomy/never.yml, taxonomy/readings/)",
            file=stream,
        )
    if report.get("entries_with_warnings"):
        print(
            f"warning: {report['entries_with_warnings']} papers carry a warning (a part their list's style "
            "expects is missing, or stray markdown in a title); "
            "see entries.warning",
            file=stream,
        )
    if report.get("entries_rejected"):
        print(
            f"warning: {report['entries_rejected']} entries rejected; see the rejected_entries view",
            file=stream,
        )
