"""The stages wired in order: read → parse → normalize → de-duplicate → classify → write."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from atlas.build.classify import classify, load_curation, paper_keywords
from atlas.build.collector import collector_paused
from atlas.build.database import Dataset, finish_database, write_record_tables, write_topic_tables
from atlas.build.export_process import exports_beside
from atlas.build.forked import forked
from atlas.build.merge import MergeOverrides, merge_papers
from atlas.build.normalize import VenueTable, link_claims, with_venues
from atlas.build.parse_pool import parse_documents
from atlas.build.people import NameRules, cluster_authors
from atlas.build.publish import publish
from atlas.build.reading_queue import reading_queue
from atlas.build.records import entry_with
from atlas.build.renamed import follow_authorship, follow_titles
from atlas.build.retired import check_retired, load_retired
from atlas.build.site_files import write_site
from atlas.build.sources import load_manifest, read_source, require_items
from atlas.build.stage_timer import stage
from atlas.build.taxonomy import load_taxonomy
from atlas.published import OUR_SCHEME

DATABASE_NAME = "atlas.db"
REPORT_NAME = "build-report.json"
RETIRED_NAME = "retired_ids.yml"


def build_dataset(
    manifest: Path, curation: Path, taxonomy_folder: Path, timings: dict[str, float] | None = None
) -> Dataset:
    """Run every stage up to the database; `curation` is the folder of the curated YAML."""
    records, classified = _records(manifest, curation, taxonomy_folder, timings)
    with stage(timings, "classify"):
        return replace(records, **classified())


def _records(
    manifest: Path, curation: Path, taxonomy_folder: Path, timings: dict[str, float] | None
) -> tuple[Dataset, Callable[[], dict]]:
    """Every stage before classify: the dataset without its topics and report, and the call that
    gives those (a function of the records and the curation alone, so it may run in a fork)."""
    with stage(timings, "curation"):
        sources = load_manifest(manifest)
        taxonomy = load_taxonomy(taxonomy_folder)
        topic_curation = load_curation(taxonomy_folder, taxonomy)
        venues = VenueTable.load(curation / "venues.yml")
        names = NameRules.load(curation / "people.yml")
        overrides = MergeOverrides.load(curation / "merges.yml")
        retired = load_retired(curation / RETIRED_NAME)
        names = follow_authorship(names, retired)
    with stage(timings, "parse"):
        documents = [read_source(source, manifest.parent) for source in sources]
        entries = []
        for document, parsed in zip(documents, parse_documents(documents), strict=True):
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
    with stage(timings, "authors"):
        occurrences = {
            (*entry.ref, position): name
            for entry in entries
            if entry.kind == "paper"
            for position, name in enumerate(entry.authors, start=1)
        }
        retired_authors = frozenset(record.id for record in retired if record.kind == "author")
        authors, author_of = cluster_authors(occurrences, paper_of, names, retired_authors)
        live = {"paper": {paper.id for paper in papers}, "author": {author.id for author in authors}}
        check_retired(retired, live, curation / RETIRED_NAME)
    with stage(timings, "classify"):  # its parts that need no topics
        records = Dataset(
            sources=[document.source for document in documents],
            entries=entries,
            venues=list(venues.venues.values()),
            papers=papers,
            possible_duplicates=duplicates,
            authors=authors,
            author_of=author_of,
            keywords=paper_keywords(papers, entries),
            link_claims=link_claims(entries, venues),
            taxonomy=taxonomy,
            report={},
            paper_topics=[],
            unmapped_terms=[],
            retired_ids=retired,
        )
    return records, partial(_classified, records, topic_curation)


def _classified(records: Dataset, topic_curation) -> dict:
    """Stage 5: the fields of the dataset that classify gives, the taxonomy among them (classify adds
    to it the headings and key words nobody mapped), and the report, which counts them."""
    papers, taxonomy = records.papers, records.taxonomy
    topic_curation = follow_titles(topic_curation, papers, records.entries, records.retired_ids)
    classification = classify(papers, records.entries, taxonomy, topic_curation,
                              _author_ids(papers, records.author_of))
    return {
        "taxonomy": taxonomy,
        "paper_topics": classification.paper_topics,
        "unmapped_terms": classification.unmapped,
        "paper_readings": classification.readings,
        "model_scores": classification.model_scores,
        "reading_queue": reading_queue(papers, classification.paper_topics, classification.model_scores,
                                       classification.readings, taxonomy),
        "report": _report(records, classification),
    }


def _author_ids(papers: list, author_of: dict) -> dict[str, tuple[str, ...]]:
    """Each paper's author ids, in order: the topic model learns from an author's other papers."""
    return {
        paper.id: tuple(author_of[(*paper.authors_from, i)] for i in range(1, len(paper.authors) + 1))
        for paper in papers
    }


def _report(records: Dataset, classification) -> dict[str, int]:
    """The counts build-report.json and the build_report table give, in their fixed order."""
    entries, papers, taxonomy = records.entries, records.papers, records.taxonomy
    paper_topics, unmapped = classification.paper_topics, classification.unmapped
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
        "manual_assignments_unmatched": len(classification.unmatched_manual),
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
    records, classified = _records(manifest, curation, taxonomy, timings)
    # Classify on the other core while this one writes the tables that need no topics, the first
    # in the file; what classify gives then goes into the same transaction, after them.
    with forked(classified) as classification, publish(out, wait=wait) as staging:
        with stage(timings, "database"):
            db = write_record_tables(staging / DATABASE_NAME, records)
        with stage(timings, "classify"):  # the wait for the fork, and its CPU seconds
            data = replace(records, **classification())
        del records
        with stage(timings, "database"):
            write_topic_tables(db, data)
        concepts, report = data.taxonomy, data.report
        del data  # every record is in atlas.db now: the stages below read it from there
        # The exports (RDF, and BibTeX, RIS, CSL-JSON) read the committed tables in processes of
        # their own while this one finishes the database; the site copies both, so it comes after.
        with exports_beside(staging / DATABASE_NAME, concepts, staging, timings):
            with stage(timings, "database"), stage(timings, "finish"):  # finish: the second transaction
                report = finish_database(db, report)
        with stage(timings, "site"):
            (staging / REPORT_NAME).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
            write_site(staging, DATABASE_NAME)
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
