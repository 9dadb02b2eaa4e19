"""Topics for papers nobody has read: the topic model, measured honestly, and the reading queue.

Leave one list out: the read papers of four lists train the model, the fifth list's papers are
classified as if nobody had read them (their readings removed from a copy of taxonomy/readings/),
and their topics are scored three ways: the label evidence alone (every `via` but model), the
model alone (its scores at THRESHOLD), and both (what the build publishes). Truths: the
hand-labelled papers of tests/data/labelled_topics.yml (DEV half: the model's settings were tuned
on it; HELD-OUT half: never looked at to tune) and the topics two readers agree on
(taxonomy/readings/, every paper). Counting as in test_topic_quality.py: a predicted ancestor of
a label is neither right nor wrong, and a predicted concept added after the judges chose (so they
could not give it) counts as its nearest broader concept they could, where they chose it (`as_judge_could_say`). A new
list's headings are unmapped: the same folds are also measured with the held-out list's file in
taxonomy/sources/ removed. The new list versions' unread papers (tests/data/labelled_new_versions.yml,
labelled_new_versions_3.yml, labelled_new_versions_4.yml, labelled_new_versions_5.yml, the last also against
a second judge, labelled_new_versions_6.yml and labelled_new_versions_7.yml) are measured against their judges;
the first five are DEV now (tuned on), the seventh is HELD-OUT.

The goal for unread papers is precision >= 0.90 and recall >= 0.85 (docs/topic-model.md gives
the measured figures and what limits them); the floors below hold what is reached today.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import (
    CURATION,
    MANIFEST,
    NEW_VERSIONS_3,
    NEW_VERSIONS_4,
    NEW_VERSIONS_5,
    NEW_VERSIONS_6,
    NEW_VERSIONS_7,
    NEW_VERSIONS_8,
    NEW_VERSIONS_9,
    NEW_VERSIONS_10,
    NEW_VERSIONS_11,
    TAXONOMY,
    V3_FILES,
    V4_FILES,
    V5_FILES,
    V6_FILES,
    V7_FILES,
    V8_FILES,
    V9_FILES,
    V10_FILES,
    V11_FILES,
    new_versions_curation,
)
from datasette.app import Datasette
from test_topic_quality import is_held_out, labelled_topics

from atlas.build.normalize import title_key
from atlas.build.pipeline import build, build_dataset
from atlas.build.taxonomy import lineage, load_taxonomy
from atlas.build.topic_model import FALLBACK_THRESHOLD, REFINE_THRESHOLD, THRESHOLD, paper_texts, train
from atlas.published import OUR_SCHEME

LISTS = ("dynamics", "optimization", "optimization-analysis", "phenomena", "theory-course")
WAYS = ("label", "model", "both")
# Floors, measured leave-one-list-out against all 137 labelled papers (see the module docstring):
# P 0.893 R 0.720 (model-3; a topic newer than the labellers' vocabulary counts as its broader one),
# P 0.897 with the refine rule off, P 0.906 R 0.720 since model-4's digest labels (docs/topic-model.md),
# P 0.915 R 0.720 since model-5 (its title-only digest words; the HELD-OUT half computed once, at the end).
BOTH_PRECISION_FLOOR, BOTH_RECALL_FLOOR = 0.91, 0.72
MODEL_PRECISION_FLOOR = 0.85
# A new list, leave one list out with its headings unmapped: measured P 0.850 R 0.717 (all labelled),
# P 0.858 R 0.717 since model-4, P 0.867 R 0.717 since model-5.
UNMAPPED_PRECISION_FLOOR, UNMAPPED_RECALL_FLOOR = 0.86, 0.71
# The new list versions' 26 unread papers against their judge: measured P 0.919 R 0.680 (dev). 25 papers since
# 12e4bb2: Garg et al. in theory-course, its title cut at '?', is one paper with its phenomena entry now, so its
# one right topic counts once: P 0.917 R 0.673 (33 right, 3 wrong, 16 missed).
NEW_VERSIONS_PRECISION_FLOOR, NEW_VERSIONS_RECALL_FLOOR = 0.91, 0.67
# The third new versions' 80 unread papers (tests/data/labelled_new_versions_3.yml, judged blind): measured
# once blind at P 0.814 R 0.506, then DEV for model-3: P 0.829 R 0.561 with the refine rule, P 0.824 R 0.543
# without it (off since v4 measured it net wrong); 448 of 452 reach our scheme. model-4: P 0.826 R 0.549;
# P 0.841 R 0.549 under concepts-5's counting (model-5 changed nothing on it); P 0.843 R 0.555 since model-6.
V3_PRECISION_FLOOR, V3_RECALL_FLOOR = 0.84, 0.55
# The fourth new versions' 96 unread papers (tests/data/labelled_new_versions_4.yml, judged blind), measured
# once on model-3's final rules, never tuned on: HELD-OUT, P 0.792 R 0.538 (label alone P 0.833 R 0.516,
# model alone P 0.933 R 0.152); 91 of 96 unread and 461 of 468 papers reach our scheme. Its one use since:
# the refine rule's author said to drop it if v4 disagreed, and v4 did (+2 right, +5 wrong), so it is off:
# P 0.822 R 0.527. DEV since model-4 (its misses and wrong topics chose model-4's curation): P 0.845 R 0.533;
# P 0.846 R 0.538 under concepts-5's counting, P 0.853 R 0.538 since model-5 (FALLBACK_THRESHOLD 0.45: one wrong less),
# P 0.855 R 0.543 since model-6.
V4_PRECISION_FLOOR, V4_RECALL_FLOOR = 0.85, 0.54
# The fifth new versions' 108 unread papers (tests/data/labelled_new_versions_5.yml, judged blind, all five
# lists), measured once on model-3's final rules (refine off) when they arrived: label alone P 0.732 R 0.574,
# model alone P 0.933 R 0.074, both P 0.727 R 0.574 (109 right, 41 wrong, 81 missed); 106 of 108 unread and
# 476 of 480 papers reach our scheme; P 0.722 R 0.574 after concepts-5. DEV since model-5 (its errors, read
# with both judges, chose model-5's curation): P 0.800 R 0.632 (120 right, 30 wrong, 70 missed), against the
# second judge P 0.809 R 0.606; since model-6 P 0.801 R 0.637 (second judge P 0.810 R 0.611). The floors hold
# that, not the goal; the blind sets measure generalisation.
V5_PRECISION_FLOOR, V5_RECALL_FLOOR = 0.80, 0.63
# A second judge of the same papers, blind to the first (labelled_new_versions_5_judge2.yml, 108 papers;
# labelled_new_versions_11_judge2.yml, 80), counted as the model is, the first judge as truth:
# v5 P 0.850 R 0.895 (170 right, 30 wrong, 20 missed); v11 P 0.935 R 0.806 (129 right, 9 wrong, 31 missed).
# Neither second judge meets the goal (P 0.90 and R 0.85) against the first, nor does either first
# judge against its second (the other way: v5 P 0.914 R 0.837, v11 P 0.822 R 0.908): the goal lies where two careful judges
# meet or above it; the model stands far below it. Floors: (precision, recall) per set.
TWO_JUDGES_FLOORS = {"labelled_new_versions_5.yml": (0.85, 0.89), "labelled_new_versions_11.yml": (0.93, 0.80)}
# The sixth new versions' 96 unread papers (tests/data/labelled_new_versions_6.yml, judged blind against the
# 164 concepts of 87fcc00), measured once on arrival on main (c241576, model-4 + concepts-5): label alone
# P 0.701 R 0.577, model alone P 1.000 R 0.049, both P 0.704 R 0.583 (95 right, 40 wrong, 68 missed); 95 of 96
# unread and 465 of 468 papers reach our scheme. HELD-OUT: never tuned on.
# On model-5 (measured once, merged): both P 0.711 R 0.589 (96 right, 39 wrong, 67 missed). DEV since model-6 (its
# errors chose model-6's labels; docs/topic-model.md): label alone P 0.752 R 0.632, model alone P 1.000 R 0.049,
# both P 0.754 R 0.638 (104 right, 34 wrong, 59 missed). The floors hold that, not the goal.
V6_PRECISION_FLOOR, V6_RECALL_FLOOR = 0.75, 0.63
# The seventh new versions' 92 unread papers (tests/data/labelled_new_versions_7.yml, judged blind against the
# 164 concepts of 38604d3), measured once on arrival, on main before model-6 (38604d3) and after (6465e8f), the
# same: label alone P 0.742 R 0.538, model alone P 0.909 R 0.055, both P 0.739 R 0.544 (99 right, 35 wrong,
# 83 missed); 87 of 92 unread and 457 of 464 papers reach our scheme. HELD-OUT: never tuned on.
V7_PRECISION_FLOOR, V7_RECALL_FLOOR = 0.73, 0.54
# The eighth new versions' 87 unread papers (tests/data/labelled_new_versions_8.yml, judged blind against the
# 166 concepts of d7e182a), measured once on arrival on main 889f5db (before model-7's merge, which changes no
# build): label alone P 0.825 R 0.440, model alone P 1.000 R 0.038, both P 0.832 R 0.462 (84 right, 17 wrong,
# 98 missed); 85 of 87 unread and 455 of 459 papers reach our scheme. HELD-OUT: never tuned on.
V8_PRECISION_FLOOR, V8_RECALL_FLOOR = 0.83, 0.46
# The ninth new versions' 85 unread papers (tests/data/labelled_new_versions_9.yml, judged blind against the
# 166 concepts of d83f9ec), measured once on arrival on main 12e4bb2 (bench/topic_model_folds.py --held-out v9):
# both P 0.795 R 0.506 (89 right, 23 wrong, 87 missed); the model also trained on the DEV judged sets (model-8's,
# chosen before v9 existed) P 0.805 R 0.540 (95 right, 23 wrong, 81 missed). HELD-OUT: never tuned on.
V9_PRECISION_FLOOR, V9_RECALL_FLOOR = 0.79, 0.50
# The tenth new versions' 66 unread papers (tests/data/labelled_new_versions_10.yml, judged blind against the
# 166 concepts of 56291d0), measured once on arrival on main (bench/topic_model_folds.py --held-out v10): both
# P 0.774 R 0.480 (72 right, 21 wrong, 78 missed); with the DEV judged sets as training P 0.773 R 0.500 (75/22/75).
# HELD-OUT: never tuned on.
V10_PRECISION_FLOOR, V10_RECALL_FLOOR = 0.77, 0.48
# The eleventh new versions' 80 unread papers (tests/data/labelled_new_versions_11.yml, judged blind against the
# 166 concepts of 92b4d5d; less-known papers, as the well-known ones were taken), measured once on arrival on
# main (bench/topic_model_folds.py --held-out v11): both P 0.763 R 0.463 (74 right, 23 wrong, 86 missed); with the
# DEV judged sets as training P 0.781 R 0.512 (82/23/78); stacked from 0.3 P 0.800 R 0.500. HELD-OUT.
V11_PRECISION_FLOOR, V11_RECALL_FLOOR = 0.76, 0.46
# Its papers reaching our scheme on arrival: 68 of its 80 unread and 438 of the build's 452 (96.9%): the goal
# of 97% is missed there, and its floor is that measurement.
V11_REACH_FLOOR = 438 / 452
REACH_FLOOR = 0.97  # of a held-out list's (or a new list version's) papers, those reaching our scheme


def without_readings_of(folder: Path, title_keys: set[str]) -> Path:
    """A copy of the taxonomy whose readings leave out the papers of the given titles."""
    shutil.copytree(TAXONOMY, folder)
    for path in sorted((folder / "readings").glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        document["readings"] = [r for r in document["readings"] if title_key(r["title"]) not in title_keys]
        path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


def add_item(path: Path, key: str, item: dict) -> None:
    """Append an item to a curated YAML list, as a curator's edit would."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document[key] = [*(document.get(key) or []), item]
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")


def predictions(data, paper_ids: set[str]) -> dict[str, dict[str, set[str]]]:
    """Each paper's topics of ours, by the label evidence, by the model alone, and by both."""
    ours = {c.id for c in data.taxonomy.concepts.values() if c.scheme == OUR_SCHEME}
    found = {way: {paper: set() for paper in paper_ids} for way in WAYS}
    for t in data.paper_topics:
        if t.paper_id in paper_ids and t.topic_id in ours:
            found["both"][t.paper_id].add(t.topic_id)
            if t.via != "model":
                found["label"][t.paper_id].add(t.topic_id)
    for s in data.model_scores:
        if s.paper_id in paper_ids and s.score >= THRESHOLD:
            found["model"][s.paper_id].add(s.topic_id)
    return found


@dataclass
class Count:
    correct: int = 0
    wrong: int = 0
    missed: int = 0

    def add(self, predicted: set[str], truth: set[str], above: set[str]) -> None:
        self.correct += len(predicted & truth)
        self.wrong += len(predicted - truth - above)
        self.missed += len(truth - predicted)

    @property
    def precision(self) -> float:
        return self.correct / max(1, self.correct + self.wrong)

    @property
    def recall(self) -> float:
        return self.correct / max(1, self.correct + self.missed)

    def __str__(self) -> str:
        return f"P {self.precision:.3f} R {self.recall:.3f} ({self.correct} right, {self.wrong} wrong, {self.missed} missed)"


# Concepts added after a judge chose from taxonomy/concepts.yml (the commit each file's header names),
# so the judge could not give them: e52d030 for labelled_new_versions.yml, 5943543 for _3.yml.
ADDED_WITH_MODEL_2 = frozenset({"computational-hardness", "variance-reduction", "deep-equilibrium-models",
                                "loss-of-plasticity"})
ADDED_WITH_MODEL_3 = frozenset({"conservation-laws", "weight-averaging", "single-index-models",
                                "biologically-plausible-learning", "data-pruning", "sequence-model-expressivity"})
# Added by concepts-5, the subjects the v4 judge named missing: newer than every judge so far.
ADDED_WITH_CONCEPTS_5 = frozenset({"large-language-models", "distributed-training", "intrinsic-dimension",
                                   "multi-task-learning", "compositional-generalization", "algorithm-unrolling"})
# Added by model-6, the subjects the v6 judge (and earlier ones) named missing: newer than every judge so far.
ADDED_WITH_MODEL_6 = frozenset({"learning-rate-schedules", "state-space-models"})
JUDGES_LACK = {"labelled_new_versions.yml": ADDED_WITH_MODEL_2 | ADDED_WITH_MODEL_3 | ADDED_WITH_CONCEPTS_5 | ADDED_WITH_MODEL_6,
               "labelled_new_versions_3.yml": ADDED_WITH_MODEL_3 | ADDED_WITH_CONCEPTS_5 | ADDED_WITH_MODEL_6,
               # judged against 5943543
               "labelled_new_versions_4.yml": ADDED_WITH_MODEL_3 | ADDED_WITH_CONCEPTS_5 | ADDED_WITH_MODEL_6,
               # judged against the 158 concepts of 8bb9cbc
               "labelled_new_versions_5.yml": ADDED_WITH_CONCEPTS_5 | ADDED_WITH_MODEL_6,
               # judged against the 164 concepts of 87fcc00
               "labelled_new_versions_6.yml": ADDED_WITH_MODEL_6,
               # judged against the 164 concepts of 38604d3
               "labelled_new_versions_7.yml": ADDED_WITH_MODEL_6,
               # judged against the 166 concepts of d7e182a
               "labelled_new_versions_8.yml": frozenset(),
               # judged against the 166 concepts of d83f9ec
               "labelled_new_versions_9.yml": frozenset(),
               # judged against the 166 concepts of 56291d0
               "labelled_new_versions_10.yml": frozenset(),
               # judged against the 166 concepts of 92b4d5d
               "labelled_new_versions_11.yml": frozenset(),
               # labelled against 66b0d1d
               "labelled_topics.yml": ADDED_WITH_MODEL_2 | ADDED_WITH_MODEL_3 | ADDED_WITH_CONCEPTS_5 | ADDED_WITH_MODEL_6}


def lacks(truth_name: str) -> frozenset[str]:
    """The concepts a truth's judges could not give: the labellers' (readers choose from their own
    `read_against`, which classify already honours)."""
    return JUDGES_LACK["labelled_topics.yml"] if truth_name.startswith("labelled") else frozenset()


def as_judge_could_say(topics: set[str], lacks: frozenset[str], taxonomy, judged: set[str]) -> set[str]:
    """A predicted concept the judge's vocabulary lacked counts as those of its nearest broader
    concepts the vocabulary had that the judge chose in its place (loss of plasticity -> continual
    learning; `judged` is the judge's topics and their broader ones). Of the others the judge chose
    none for what it could not name (GPT-3: "no concept for large language models", not
    transformers), so they are not counted: a new concept's papers are checked by hand instead."""
    said = set()
    for topic in topics:
        if topic not in lacks:
            said.add(topic)
            continue
        nearest, frontier = set(), [topic]
        while frontier:
            current = frontier.pop()
            if current in lacks:
                frontier.extend(taxonomy.concepts[current].broader)
            else:
                nearest.add(current)
        said |= nearest & judged
    return said


def count(found: dict[str, set[str]], truth: dict[str, set[str]], taxonomy,
          lacks: frozenset[str] = frozenset()) -> Count:
    result = Count()
    for paper, topics in truth.items():
        if paper in found:
            above = set().union(*(lineage(taxonomy, t) - {t} for t in topics)) if topics else set()
            result.add(as_judge_could_say(found[paper], lacks, taxonomy, topics | above), topics, above)
    return result


@pytest.fixture(scope="module")
def published():
    return build_dataset(MANIFEST, CURATION, TAXONOMY)


@pytest.fixture(scope="module")
def held_out(published, tmp_path_factory) -> dict[str, dict]:
    """For each list: its papers' predictions from a build where only the other lists' papers are read."""
    folds = {}
    for source in LISTS:
        papers = {p.id for p in published.papers if source in {ref[0] for ref in p.entries}}
        keys = {p.title_key for p in published.papers if p.id in papers}
        folder = without_readings_of(tmp_path_factory.mktemp(source) / "taxonomy", keys)
        data = build_dataset(MANIFEST, CURATION, folder)
        assert not {r.paper_id for r in data.paper_readings} & papers  # the held-out list is unread
        folds[source] = predictions(data, papers)
    return folds


def truths(published) -> dict[str, dict[str, set[str]]]:
    labels = labelled_topics()
    agreed = {r.paper_id: set() for r in published.paper_readings}
    for t in published.paper_topics:
        if t.via == "reading":
            agreed[t.paper_id].add(t.topic_id)
    return {"labelled dev": {p: t for p, t in labels.items() if not is_held_out(p)},
            "labelled held-out": {p: t for p, t in labels.items() if is_held_out(p)},
            "labelled all": labels, "readings": agreed}


def folds_reported(published, folds: dict[str, dict], how: str) -> dict[str, dict[str, set[str]]]:
    """Every fold's predictions together, per way, with the figures against each truth printed."""
    merged = {way: {p: t for fold in folds.values() for p, t in fold[way].items()} for way in WAYS}
    for name, truth in truths(published).items():
        print(f"\n{how} vs {name} ({len(truth)} papers): "
              + " | ".join(f"{way}: {count(merged[way], truth, published.taxonomy, lacks(name))}" for way in WAYS))
    return merged


def test_leave_one_list_out_label_evidence_model_and_both_hold_their_floors(published, held_out):
    taxonomy = published.taxonomy
    merged = folds_reported(published, held_out, "leave-one-list-out")
    for source, fold in held_out.items():
        for name in ("labelled all", "readings"):
            truth = truths(published)[name]
            print(f"  held out {source} ({len(fold['both'])} papers, vs {name}): "
                  + " | ".join(f"{way}: {count(fold[way], truth, taxonomy, lacks(name))}" for way in WAYS))
    labelled = truths(published)["labelled all"]
    both = count(merged["both"], labelled, taxonomy, lacks("labelled"))
    model = count(merged["model"], labelled, taxonomy, lacks("labelled"))
    assert both.precision >= BOTH_PRECISION_FLOOR and both.recall >= BOTH_RECALL_FLOOR
    assert model.precision >= MODEL_PRECISION_FLOOR and model.correct > 0
    # the model adds topics, never takes one away
    assert all(merged["label"][p] <= merged["both"][p] for p in merged["both"])


def test_every_held_out_list_reaches_our_scheme(held_out):
    for source, fold in held_out.items():
        reached = sum(1 for topics in fold["both"].values() if topics)
        before = sum(1 for topics in fold["label"].values() if topics)
        print(f"\nheld out {source}: {reached} of {len(fold['both'])} papers reach our scheme "
              f"({before} by the label evidence alone)")
        assert reached / len(fold["both"]) >= REACH_FLOOR


@pytest.fixture(scope="module")
def held_out_unmapped(published, tmp_path_factory) -> dict[str, dict]:
    """As `held_out`, and the list's headings as a new list's are: nobody has mapped them yet
    (its file in taxonomy/sources/ removed), so only our labels found in them say what they mean."""
    folds = {}
    for source in LISTS:
        papers = {p.id for p in published.papers if source in {ref[0] for ref in p.entries}}
        keys = {p.title_key for p in published.papers if p.id in papers}
        folder = without_readings_of(tmp_path_factory.mktemp(f"{source}-unmapped") / "taxonomy", keys)
        (folder / "sources" / f"{source}.yml").unlink()
        folds[source] = predictions(build_dataset(MANIFEST, CURATION, folder), papers)
    return folds


def test_a_new_list_whose_headings_nobody_mapped_holds_its_floors(published, held_out_unmapped):
    merged = folds_reported(published, held_out_unmapped, "leave-one-list-out, headings unmapped")
    both = count(merged["both"], truths(published)["labelled all"], published.taxonomy, lacks("labelled"))
    assert both.precision >= UNMAPPED_PRECISION_FLOOR and both.recall >= UNMAPPED_RECALL_FLOOR
    for fold in held_out_unmapped.values():
        assert sum(1 for topics in fold["both"].values() if topics) / len(fold["both"]) >= REACH_FLOOR


@pytest.fixture(scope="module")
def new_versions(tmp_path_factory) -> tuple[Path, Path]:
    """The newer versions of lists 000, 002 and 004 with today's readings: their new papers are unread."""
    folder = tmp_path_factory.mktemp("new-versions")
    data = new_versions_curation(folder)
    return data, folder


@dataclass
class Judged:
    """A build of newer list versions, its unread papers' predictions, and their judge's topics."""
    data: object
    unread: set[str]
    judged: dict[str, set[str]]
    found: dict[str, dict[str, set[str]]]
    lacks: frozenset[str] = frozenset()  # concepts newer than the judge's vocabulary

    def report(self, what: str) -> Count:
        """Print each way's figures against the judge; the published (`both`) count."""
        print(f"\n{what}: " + " | ".join(
            f"{way}: {count(self.found[way], self.judged, self.data.taxonomy, self.lacks)}" for way in WAYS))
        return count(self.found["both"], self.judged, self.data.taxonomy, self.lacks)

    def reached(self) -> set[str]:
        """The papers of the build filed under at least one topic of ours."""
        concepts = self.data.taxonomy.concepts
        return {t.paper_id for t in self.data.paper_topics if concepts[t.topic_id].scheme == OUR_SCHEME}


def judged_topics(labels: str) -> dict[str, set[str]]:
    """A judge's topics by paper, in the file's order."""
    return {item["paper_id"]: set(item["topics"]) for item in yaml.safe_load(
        (Path(__file__).parent / "data" / labels).read_text(encoding="utf-8"))}


def judged_build(data_folder: Path, labels: str) -> Judged:
    data = build_dataset(data_folder / "sources.yml", data_folder, TAXONOMY)
    judged = judged_topics(labels)
    unread = {p.id for p in data.papers} - {r.paper_id for r in data.paper_readings}
    return Judged(data, unread, judged, predictions(data, unread), JUDGES_LACK[labels])


def blind_set(tmp_path: Path, versions: Path, files: dict[str, str], labels: str, what: str,
              reach_floor: float = REACH_FLOOR) -> tuple[Judged, Count]:
    """A build of newer list versions whose every new paper is judged and nobody's reading; prints how
    many unread papers reach our scheme and returns the published (`both`) count."""
    measured = judged_build(new_versions_curation(tmp_path, versions, files, keep_other_lists=True), labels)
    assert set(measured.judged) == measured.unread  # every new paper judged, and nobody's reading
    both = measured.report(what)
    reached = sum(1 for p in measured.unread if measured.found["both"][p])
    print(f"{reached} of {len(measured.unread)} unread papers and {len(measured.reached())} of "
          f"{len(measured.data.papers)} papers reach our scheme")
    assert len(measured.reached()) / len(measured.data.papers) >= reach_floor
    return measured, both


def test_the_new_versions_unread_papers_measured_against_the_judge(new_versions):
    data_folder, _ = new_versions
    measured = judged_build(data_folder, "labelled_new_versions.yml")
    assert set(measured.judged) <= measured.unread  # the judged papers are the new ones, nobody's reading
    both = measured.report("new versions' unread papers vs the judge (25; dev: tuned on since the compound-heading rule)")
    assert both.precision >= NEW_VERSIONS_PRECISION_FLOOR and both.recall >= NEW_VERSIONS_RECALL_FLOOR
    reached_all, unread = measured.reached(), measured.unread
    reached = sum(1 for p in unread if measured.found["both"][p])
    print(f"new versions: {reached} of {len(unread)} unread papers and {len(reached_all)} of "
          f"{len(measured.data.papers)} papers reach our scheme")
    assert len(reached_all) / len(measured.data.papers) >= REACH_FLOOR
    assert reached / len(unread) >= 0.96  # 24 of 25: AI Feynman (symbolic regression) has no concept of ours


def test_the_third_new_versions_unread_papers_measured_against_their_blind_judge(tmp_path):
    """80 real papers added to lists 000, 001, 002 and 004 where their maintainers would put them,
    judged by one judge who never saw the classifier or its topics. Measured once blind (P 0.814
    R 0.506), then tuned on by model-3 (new concepts, labels, REFINE_THRESHOLD): a DEV set now."""
    _, both = blind_set(tmp_path, NEW_VERSIONS_3, V3_FILES, "labelled_new_versions_3.yml",
                        "third new versions' 80 unread papers vs their judge (dev since model-3)")
    assert both.precision >= V3_PRECISION_FLOOR and both.recall >= V3_RECALL_FLOOR


def test_the_fourth_new_versions_unread_papers_measured_against_their_blind_judge(tmp_path):
    """96 more real papers added to lists 000, 001, 002 and 004, judged by a judge who never saw the
    classifier, its curation or its topics: measured once blind on model-3's final rules (P 0.792 R 0.538),
    used for one yes/no choice (the refine rule off: P 0.822 R 0.527), and tuned on since model-4 (P 0.845
    R 0.533): a DEV set now. The floors hold that, not the issue's goal."""
    _, both = blind_set(tmp_path, NEW_VERSIONS_4, V4_FILES, "labelled_new_versions_4.yml",
                        "fourth new versions' 96 unread papers vs their blind judge (dev since model-4)")
    assert both.precision >= V4_PRECISION_FLOOR and both.recall >= V4_RECALL_FLOOR


def test_the_fifth_new_versions_unread_papers_measured_against_their_blind_judge(tmp_path):
    """108 real papers added to all five lists, many on subjects no heading names, judged by a judge who
    never saw the classifier, its curation or its topics: measured once blind (P 0.727 R 0.574), DEV since
    model-5, whose levers its errors (read with both judges) chose."""
    measured, both = blind_set(tmp_path, NEW_VERSIONS_5, V5_FILES, "labelled_new_versions_5.yml",
                               "fifth new versions' 108 unread papers vs their blind judge (dev since model-5)")
    assert both.precision >= V5_PRECISION_FLOOR and both.recall >= V5_RECALL_FLOOR
    second = judged_topics("labelled_new_versions_5_judge2.yml")
    print("the same build against the second judge: "
          f"{count(measured.found['both'], second, measured.data.taxonomy, measured.lacks)}")


@pytest.mark.parametrize("first_judge", sorted(TWO_JUDGES_FLOORS))
def test_two_blind_judges_agree_far_above_the_model_yet_not_up_to_the_goal(first_judge):
    """The ceiling of the measurement: one judge's topics scored against the other's, as the model's are.
    Either way round, two independent judges fall short of P 0.90 and R 0.85 together."""
    second_judge = first_judge.replace(".yml", "_judge2.yml")
    first, second = judged_topics(first_judge), judged_topics(second_judge)
    assert list(first) == list(second)  # the same papers, in the same order
    taxonomy = load_taxonomy(TAXONOMY)
    agreement = count(second, first, taxonomy, JUDGES_LACK[first_judge])
    other_way = count(first, second, taxonomy, JUDGES_LACK[first_judge])
    print(f"\n{second_judge} against {first_judge}: {agreement}; the other way: {other_way}")
    precision_floor, recall_floor = TWO_JUDGES_FLOORS[first_judge]
    assert agreement.precision >= precision_floor and agreement.recall >= recall_floor
    for either in (agreement, other_way):
        assert not (either.precision >= 0.90 and either.recall >= 0.85)


def test_two_trainings_on_the_same_readings_give_the_same_scores(published):
    known = {}
    for t in published.paper_topics:
        if t.via == "reading":
            known[t.paper_id] = (*known.get(t.paper_id, ()), t.topic_id)
    texts = paper_texts(published.papers, published.entries, published.taxonomy, {}, known)
    read = sorted(known)
    half = [texts[p] for p in read[::2]]
    others = [texts[p] for p in read[1::2]]
    first = train(half, known).score(others)
    second = train(list(reversed(half)), known).score(list(reversed(others)))
    assert first and first == second


@pytest.fixture(scope="module")
def phenomena_unread(published, tmp_path_factory) -> Path:
    """The real atlas built as if list 002's papers were unread: dist/ with model topics and a queue."""
    folder = tmp_path_factory.mktemp("phenomena-unread")
    keys = {p.title_key for p in published.papers if "phenomena" in {ref[0] for ref in p.entries}}
    taxonomy = without_readings_of(folder / "taxonomy", keys)
    build(MANIFEST, folder / "dist", CURATION, taxonomy)
    return folder


def test_a_model_topic_names_its_similar_read_papers_words_and_score(phenomena_unread):
    db = sqlite3.connect(phenomena_unread / "dist" / "atlas.db")
    rows = db.execute("select paper_id, topic_id, evidence from paper_topics where via = 'model'").fetchall()
    assert rows
    for paper_id, topic_id, evidence in rows:
        assert evidence.startswith("similar read papers: “") and "; words: " in evidence
        score = float(evidence.rsplit("score ", 1)[1])
        (filed, published_score) = db.execute("select filed, score from paper_topic_scores where paper_id = ? "
                                              "and topic_id = ?", (paper_id, topic_id)).fetchone()
        assert filed == 1 and abs(score - published_score) < 0.006
        assert published_score >= min(REFINE_THRESHOLD, FALLBACK_THRESHOLD)
    # the model scores only unread papers
    assert not db.execute("""select 1 from paper_topic_scores join paper_readings using (paper_id)""").fetchall()


def test_never_yml_wins_over_the_model(published, phenomena_unread, tmp_path):
    db = sqlite3.connect(phenomena_unread / "dist" / "atlas.db")
    paper_id, topic_id = db.execute("select paper_id, topic_id from paper_topics where via = 'model' "
                                    "order by paper_id, topic_id").fetchone()
    (title,) = db.execute("select title from papers where id = ?", (paper_id,)).fetchone()
    taxonomy = tmp_path / "taxonomy"
    shutil.copytree(phenomena_unread / "taxonomy", taxonomy)
    add_item(taxonomy / "never.yml", "never", {"title": title, "topics": [topic_id]})
    data = build_dataset(MANIFEST, CURATION, taxonomy)
    assert not [t for t in data.paper_topics if (t.paper_id, t.topic_id) == (paper_id, topic_id)]


def test_the_reading_queue_holds_every_unread_paper_most_worth_reading_first(phenomena_unread):
    db = sqlite3.connect(phenomena_unread / "dist" / "atlas.db")
    queue = db.execute("select paper_id, rank, priority, reason, topics from reading_queue order by rank").fetchall()
    unread = {p for (p,) in db.execute("select id from papers where id not in (select paper_id from paper_readings)")}
    assert {row[0] for row in queue} == unread
    assert [row[1] for row in queue] == list(range(1, len(queue) + 1))
    assert all(a[2] >= b[2] for a, b in zip(queue, queue[1:], strict=False))
    assert all(row[3] for row in queue)
    metadata = yaml.safe_load((Path(__file__).parent.parent / "metadata.yml").read_text(encoding="utf-8"))
    sql = metadata["databases"]["atlas"]["queries"]["curator_reading_queue"]["sql"]
    rows = db.execute(sql).fetchall()
    assert [row[1] for row in rows] == [row[0] for row in queue]


def test_the_real_atlas_has_an_empty_queue_while_every_paper_is_read(built_atlas):
    db = sqlite3.connect(built_atlas)
    assert db.execute("select count(*) from reading_queue").fetchone() == (0,)
    assert db.execute("select count(*) from paper_topic_scores").fetchone() == (0,)


def test_a_reading_added_to_the_readers_files_takes_the_paper_off_the_queue(phenomena_unread, tmp_path):
    db = sqlite3.connect(phenomena_unread / "dist" / "atlas.db")
    paper_id, title = db.execute("""select reading_queue.paper_id, papers.title from reading_queue
                                    join papers on papers.id = reading_queue.paper_id where rank = 1""").fetchone()
    taxonomy = tmp_path / "taxonomy"
    shutil.copytree(phenomena_unread / "taxonomy", taxonomy)
    for reader in ("reader-a", "reader-b"):  # as docs/topic-model.md says: one item in each reader's file
        add_item(taxonomy / "readings" / f"{reader}.yml", "readings", {
            "paper_id": paper_id, "title": title, "topics": ["generalization"], "note": "Read for the test."})
    data = build_dataset(MANIFEST, CURATION, taxonomy)
    assert paper_id not in {item.paper_id for item in data.reading_queue}
    assert ("generalization", "reading") in {(t.topic_id, t.via) for t in data.paper_topics if t.paper_id == paper_id}
    assert not [s for s in data.model_scores if s.paper_id == paper_id]


def test_the_reading_queue_page_and_a_papers_model_evidence_read_well(phenomena_unread):
    datasette = Datasette([], config_dir=phenomena_unread / "dist")
    db = sqlite3.connect(phenomena_unread / "dist" / "atlas.db")
    first, title = db.execute("""select reading_queue.paper_id, papers.title from reading_queue
                                 join papers on papers.id = reading_queue.paper_id where rank = 1""").fetchone()
    page = asyncio.run(datasette.client.get("/reading-queue"))
    assert page.status_code == 200
    assert f'href="/paper/{first}"' in page.text and "proposed topics:" in page.text
    assert "taxonomy/readings/" in page.text
    paper_id, topic_id = db.execute("select paper_id, topic_id from paper_topics where via = 'model' "
                                    "order by paper_id").fetchone()
    paper = asyncio.run(datasette.client.get(f"/paper/{paper_id}"))
    assert "model, learned from the read papers (similar read papers: “" in paper.text
    (year,) = db.execute("select year from papers where id = ?", (paper_id,)).fetchone()
    topic = asyncio.run(datasette.client.get(f"/topic/{topic_id}?from={year}&to={year}"))
    assert topic.status_code == 200 and f'href="/paper/{paper_id}"' in topic.text
    assert "model, learned from the read papers (similar read papers: “" in topic.text


def test_the_reading_queue_page_says_so_when_every_paper_is_read(get):
    page = get("/reading-queue")
    assert page.status_code == 200 and "every paper has been read by two curators" in page.text


def test_a_paper_assigned_by_hand_takes_no_model_topic_yet_is_scored_for_the_queue(phenomena_unread):
    db = sqlite3.connect(phenomena_unread / "dist" / "atlas.db")
    manual = {title_key(item["title"]) for item in yaml.safe_load(
        (TAXONOMY / "manual.yml").read_text(encoding="utf-8"))["assignments"]}
    unread = {paper for (paper,) in db.execute("select paper_id from reading_queue")}
    by_hand = {paper for paper, title in db.execute("select id, title from papers")
               if title_key(title) in manual and paper in unread}
    assert by_hand
    model_rows = db.execute("select paper_id from paper_topics where via = 'model'").fetchall()
    assert not {paper for (paper,) in model_rows} & by_hand
    scored = {paper for (paper,) in db.execute("select distinct paper_id from paper_topic_scores")}
    assert scored & by_hand


def test_the_sixth_new_versions_unread_papers_measured_against_their_blind_judge(tmp_path):
    """96 real papers added to all five lists, judged by a judge who never saw the classifier, its
    curation or its topics: measured once blind on arrival (main P 0.704 R 0.583, model-5 P 0.711
    R 0.589), DEV since model-6, whose labels its errors chose: the floors hold that, not the goal."""
    _, both = blind_set(tmp_path, NEW_VERSIONS_6, V6_FILES, "labelled_new_versions_6.yml",
                        "sixth new versions' 96 unread papers vs their blind judge (dev since model-6)")
    assert both.precision >= V6_PRECISION_FLOOR and both.recall >= V6_RECALL_FLOOR


# The held-out blind sets: (name, versions, files, judge's file, its papers, floors: precision, recall, reach)
HELD_OUT_BLIND_SETS = [
    ("seventh", NEW_VERSIONS_7, V7_FILES, "labelled_new_versions_7.yml", 92, (V7_PRECISION_FLOOR, V7_RECALL_FLOOR, REACH_FLOOR)),
    ("eighth", NEW_VERSIONS_8, V8_FILES, "labelled_new_versions_8.yml", 87, (V8_PRECISION_FLOOR, V8_RECALL_FLOOR, REACH_FLOOR)),
    ("ninth", NEW_VERSIONS_9, V9_FILES, "labelled_new_versions_9.yml", 85, (V9_PRECISION_FLOOR, V9_RECALL_FLOOR, REACH_FLOOR)),
    ("tenth", NEW_VERSIONS_10, V10_FILES, "labelled_new_versions_10.yml", 66, (V10_PRECISION_FLOOR, V10_RECALL_FLOOR, REACH_FLOOR)),
    ("eleventh", NEW_VERSIONS_11, V11_FILES, "labelled_new_versions_11.yml", 80, (V11_PRECISION_FLOOR, V11_RECALL_FLOOR, V11_REACH_FLOOR)),
]


@pytest.mark.parametrize("name, versions, files, labels, papers, floors", HELD_OUT_BLIND_SETS,
                         ids=[blind[0] for blind in HELD_OUT_BLIND_SETS])
def test_each_held_out_new_versions_unread_papers_measured_against_their_blind_judge(
        tmp_path, name, versions, files, labels, papers, floors):
    """Real papers added to all five lists, judged by a judge who never saw the classifier, its
    curation or its topics: each set HELD-OUT, measured once on arrival; the floors hold that (and
    the share of papers reaching our scheme, the goal's 97% but for the eleventh's measured 96.9%)."""
    precision_floor, recall_floor, reach_floor = floors
    measured, both = blind_set(tmp_path, versions, files, labels,
                               f"{name} new versions' {papers} unread papers vs their blind judge (held out)", reach_floor)
    assert both.precision >= precision_floor and both.recall >= recall_floor
    second_judge = labels.replace(".yml", "_judge2.yml")
    if (Path(__file__).parent / "data" / second_judge).exists():
        print("the same build against the second judge: "
              f"{count(measured.found['both'], judged_topics(second_judge), measured.data.taxonomy, measured.lacks)}")
