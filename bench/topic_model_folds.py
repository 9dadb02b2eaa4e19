#!/usr/bin/env python3
"""Experiment (issue 15, model-7): does the topic model find more when it also learns from the
papers the judges of the new list versions chose topics for?

Grouped by set. Each DEV set of new list versions (v2-v6: tests/data/new_list_versions*/ with
tests/data/labelled_new_versions*.yml) is built once, as tests/test_topic_model.py builds it; its
judged papers are unread there. For each set left out in turn, a model is trained on the read
papers (taxonomy/readings/, as the build trains today) and the judged papers of the other four
sets (what that set's build reads of each: title, digests, headings, key words; its judge's
topics as targets, v5's first judge; no author features, which a paper outside the build has not),
and scores the left-out set's judged papers. A paper judged in two sets (one: "Online stochastic
gradient descent on non-convex losses…", in v4 and v6) is left out of training when either is
tested. The build's rules (`decide`) add the model's topics to the label evidence, and the result
is counted as tests/test_topic_model.py counts (right / wrong / missed against the set's judge;
v5 also against its second judge). "today" is the build's model, read papers only, on the same
folds: it reproduces the suite's figures. v7, the HELD-OUT set, is never built here.

    .venv/bin/python bench/topic_model_folds.py            # today vs + the judged sets, per fold
    .venv/bin/python bench/topic_model_folds.py --levers   # and the levers tried with them
    .venv/bin/python bench/topic_model_folds.py --logistic # and logistic regression (minutes)
    .venv/bin/python bench/topic_model_folds.py --stacked  # and a second learner deciding each topic
    .venv/bin/python bench/topic_model_folds.py --held-out v7   # once, by the lead: the held-out set
                         # scored by today's model, by one trained on all five DEV sets too, and stacked

Deterministic: sorted inputs, closed-form ridge (Newton-CG for the logistic regression), no seeds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import conftest as sets  # noqa: E402
from test_topic_model import JUDGES_LACK, Count, count, judged_topics  # noqa: E402

from atlas.build import topic_model  # noqa: E402
from atlas.build.pipeline import _author_ids, build_dataset  # noqa: E402
from atlas.build.taxonomy import lineage  # noqa: E402
from atlas.build.topic_model import ModelScore, PaperText, TopicModel, paper_texts  # noqa: E402
from atlas.published import OUR_SCHEME  # noqa: E402

DEV_SETS = {  # name: (versions folder, files, the other lists kept, judge)
    "v2": (sets.NEW_VERSIONS, sets.V2_FILES, False, "labelled_new_versions.yml"),
    "v3": (sets.NEW_VERSIONS_3, sets.V3_FILES, True, "labelled_new_versions_3.yml"),
    "v4": (sets.NEW_VERSIONS_4, sets.V4_FILES, True, "labelled_new_versions_4.yml"),
    "v5": (sets.NEW_VERSIONS_5, sets.V5_FILES, True, "labelled_new_versions_5.yml"),
    "v6": (sets.NEW_VERSIONS_6, sets.V6_FILES, True, "labelled_new_versions_6.yml"),
}
HELD_OUT = {"v7": (sets.NEW_VERSIONS_7, sets.V7_FILES, True, "labelled_new_versions_7.yml"),
            "v8": (sets.NEW_VERSIONS_8, sets.V8_FILES, True, "labelled_new_versions_8.yml"),
            "v9": (sets.NEW_VERSIONS_9, sets.V9_FILES, True, "labelled_new_versions_9.yml"),
            "v10": (sets.NEW_VERSIONS_10, sets.V10_FILES, True, "labelled_new_versions_10.yml"),
            "v11": (sets.NEW_VERSIONS_11, sets.V11_FILES, True, "labelled_new_versions_11.yml")}
SECOND_JUDGE = {"v5": "labelled_new_versions_5_judge2.yml"}
DEFAULT = (topic_model.THRESHOLD, topic_model.REFINE_THRESHOLD, topic_model.FALLBACK_THRESHOLD)


@dataclass
class JudgedSet:
    """One DEV set's build: what the model reads of every paper, and what the label evidence gives."""

    name: str
    taxonomy: object
    read: list[PaperText]  # the read papers, as the build trains on them
    known: dict[str, tuple[str, ...]]  # their agreed topics
    judged: dict[str, set[str]]  # the judged (unread) papers' topics, first judge
    texts: dict[str, PaperText]  # the judged papers' texts
    label: dict[str, set[str]]  # the judged papers' topics of ours from every `via` but the model
    keys: dict[str, str]  # judged paper id -> title key
    lacks: frozenset[str]
    second: dict[str, set[str]] | None = None
    venue: dict[str, str] | None = None  # every paper's venue id
    vias: dict[str, dict[str, set[str]]] | None = None  # judged paper -> topic -> its kinds of evidence


def load_set(name: str) -> JudgedSet:
    versions, files, keep, labels = {**DEV_SETS, **HELD_OUT}[name]
    with tempfile.TemporaryDirectory() as folder:
        curation = sets.new_versions_curation(Path(folder), versions, files, keep_other_lists=keep)
        data = build_dataset(curation / "sources.yml", curation, sets.TAXONOMY)
    ours = {c.id for c in data.taxonomy.concepts.values() if c.scheme == OUR_SCHEME}
    readers = Counter(r.paper_id for r in data.paper_readings)
    known: dict[str, tuple[str, ...]] = {p: () for p, n in readers.items() if n >= 2}  # read: two readers
    for t in data.paper_topics:
        if t.via == "reading" and t.paper_id in known:
            known[t.paper_id] = (*known[t.paper_id], t.topic_id)
    authors = _author_ids(data.papers, data.author_of)
    texts = paper_texts(data.papers, data.entries, data.taxonomy, authors, known)
    judged = judged_topics(labels)
    label = {p: set() for p in judged}
    vias: dict[str, dict[str, set[str]]] = {p: {} for p in judged}
    for t in data.paper_topics:
        if t.paper_id in judged and t.topic_id in ours and t.via != "model":
            label[t.paper_id].add(t.topic_id)
            vias[t.paper_id].setdefault(t.topic_id, set()).add(t.via)
    title = {p.id: p.title_key for p in data.papers}
    second = judged_topics(SECOND_JUDGE[name]) if name in SECOND_JUDGE else None
    return JudgedSet(name, data.taxonomy, [texts[p] for p in sorted(known)], known, judged,
                     {p: texts[p] for p in judged}, label, {p: title[p] for p in judged}, JUDGES_LACK[labels],
                     second, {p.id: p.venue_id for p in data.papers}, vias)


def with_venue(text: PaperText, venue: str) -> PaperText:
    """The paper's text with its venue as one more word (`venue-colt`)."""
    return replace(text, words=f"{text.words} \n venue-{venue}") if venue else text


def training(held: JudgedSet, all_sets: dict[str, JudgedSet], leave_out: set[str], hierarchy: bool = False,
             venue: bool = False):
    """The read papers and the judged papers of the sets not left out (none a left-out set has)."""
    texts, topics = list(held.read), dict(held.known)
    unseen = {key for name in leave_out for key in all_sets[name].keys.values()}
    for name, other in all_sets.items():
        if name in leave_out:
            continue
        for paper, judged in sorted(other.judged.items()):
            if other.keys[paper] not in unseen:
                texts.append(replace(other.texts[paper], author_topics=frozenset()))
                topics[paper] = tuple(sorted(judged))
    if venue:
        venues = {p: v for s in (*all_sets.values(), held) for p, v in s.venue.items()}
        texts = [with_venue(t, venues.get(t.paper_id, "")) for t in texts]
    if hierarchy:  # a topic's broader concepts as positive labels too
        topics = {p: tuple(sorted(set().union(*(lineage(held.taxonomy, t) for t in ts)) if ts else ()))
                  for p, ts in topics.items()}
    return texts, topics


class Logistic(TopicModel):
    """One-vs-rest logistic regression on the build's features, in place of the ridge."""

    def __init__(self, read, topics, c: float = 10.0) -> None:
        from sklearn.linear_model import LogisticRegression

        super().__init__(read, topics)
        rows = self._features(self.read, self.word_rows)
        fits = [LogisticRegression(C=c, solver="newton-cg", max_iter=1000).fit(rows, self.carries[:, k])
                for k in range(len(self.topics))]
        self.coef = np.array([f.coef_[0] for f in fits])
        self.intercept = np.array([f.intercept_[0] for f in fits])

    def score(self, texts):
        texts = sorted(texts, key=lambda t: t.paper_id)
        rows = self._features(texts, self.vectorizer.transform([t.words for t in texts]))
        scores = 1 / (1 + np.exp(-(np.asarray(rows @ self.coef.T) + self.intercept)))
        return [ModelScore(texts[i].paper_id, self.topics[k], round(float(scores[i, k]), 3), (), ())
                for i, k in zip(*np.nonzero(scores >= 0.05), strict=True)]


def decide(scores, label: dict[str, set[str]], taxonomy, thresholds=DEFAULT,
           per_topic=None) -> dict[str, set[str]]:
    """The build's `decide` with its thresholds as arguments (and optionally one per topic),
    returning each paper's published topics: the label evidence and the model's."""
    threshold, refine, fallback = thresholds
    best: dict[str, ModelScore] = {}
    for s in scores:
        if s.paper_id not in best or s.score > best[s.paper_id].score:
            best[s.paper_id] = s
    both = {p: set(t) for p, t in label.items()}
    for s in scores:
        has = label.get(s.paper_id, set())
        implied = set().union(*(lineage(taxonomy, t) for t in has)) if has else set()
        refines = bool((lineage(taxonomy, s.topic_id) - {s.topic_id}) & has)
        given = (per_topic or {}).get(s.topic_id, threshold)
        if (s.score >= given or (refines and s.score >= refine)
                or (not has and best[s.paper_id] == s and s.score >= fallback)) and s.topic_id not in implied:
            both[s.paper_id].add(s.topic_id)
    return both


def per_topic_thresholds(held: JudgedSet, all_sets: dict[str, JudgedSet], target: float = 0.9,
                         least: int = 2) -> dict[str, float]:
    """Each topic's lowest threshold (0.25-0.55) at which the model's additions to the label
    evidence reach `target` precision with `least` right, out of fold over the other sets (each
    scored by a model that saw neither it nor the held-out set)."""
    additions = []
    for name, inner in all_sets.items():
        if name == held.name:
            continue
        model = topic_model.train(*training(held, all_sets, {held.name, name}))
        for s in model.score(list(inner.texts.values())):
            has = inner.label[s.paper_id]
            if s.topic_id in set().union(*(lineage(inner.taxonomy, t) for t in has)):
                continue
            truth = inner.judged[s.paper_id]
            above = set().union(*(lineage(inner.taxonomy, t) - {t} for t in truth))
            verdict = 1 if s.topic_id in truth else 0 if s.topic_id in above else -1
            additions.append((s.topic_id, s.score, verdict))
    chosen = {}
    for topic in sorted({a[0] for a in additions}):
        for threshold in (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55):
            verdicts = [v for t, s, v in additions if t == topic and s >= threshold]
            right, wrong = verdicts.count(1), verdicts.count(-1)
            if right >= least and right / (right + wrong) >= target:
                chosen[topic] = threshold
                break
    return chosen


KINDS = ("title", "digest", "keyword", "section", "label", "manual")


def candidates(judged: JudgedSet, model: TopicModel) -> list[tuple[str, str, list[float], int]]:
    """(paper, topic, features, verdict) for every topic of ours the label evidence gives a judged
    paper or the model scores at 0.2 or more (not one the label evidence implies already). The
    features: the model's score for the topic and the best of its narrower ones, whether it refines
    a label topic, whether the label evidence gives it and by which kinds of evidence, how many
    topics the label evidence gives the paper, and the paper's best score. Verdict as counted:
    1 right, 0 an ancestor of a judged topic, -1 wrong."""
    texts = sorted(judged.texts.values(), key=lambda t: t.paper_id)
    rows = model._features(texts, model.vectorizer.transform([t.words for t in texts]))
    scores = np.asarray(rows @ model.ridge.coef_.T)
    column = {topic: k for k, topic in enumerate(model.topics)}
    taxonomy, found = judged.taxonomy, []
    for i, text in enumerate(texts):
        paper, truth, vias = text.paper_id, judged.judged[text.paper_id], judged.vias[text.paper_id]
        label = set(vias)
        implied = set().union(*(lineage(taxonomy, t) for t in label))
        above = set().union(*(lineage(taxonomy, t) - {t} for t in truth))
        for topic in sorted(label | {model.topics[k] for k in np.flatnonzero(scores[i] >= 0.2)}):
            if topic not in label and topic in implied:
                continue
            own = scores[i, column[topic]] if topic in column else 0.0
            narrower = max((scores[i, column[t]] for t in model.topics
                            if t != topic and topic in lineage(taxonomy, t)), default=0.0)
            refines = bool((lineage(taxonomy, topic) - {topic}) & label)
            kinds = vias.get(topic, set())
            features = [own, narrower, float(refines), float(topic in label), len(label),
                        float(scores[i].max()), *(float(kind in kinds) for kind in KINDS), float(len(kinds))]
            verdict = 1 if topic in truth else 0 if topic in above else -1
            found.append((paper, topic, features, verdict))
    return found


def stacked(held: JudgedSet, all_sets: dict[str, JudgedSet], keep: tuple[float, ...]) -> dict[float, dict]:
    """Each held-out paper's topics by a second learner that decides, for every topic the label
    evidence or the model proposes, whether it is published: logistic regression on `candidates`,
    trained on the other sets' judged papers (each scored by a model that saw neither it nor the
    held-out set). It can drop a label topic as well as add a model one."""
    from sklearn.linear_model import LogisticRegression

    train = []
    for name, inner in all_sets.items():
        if name != held.name:
            train += candidates(inner, topic_model.train(*training(held, all_sets, {held.name, name})))
    train = [r for r in train if r[3] != 0]  # an ancestor of a judged topic is neither right nor wrong
    learner = LogisticRegression(C=1.0, solver="newton-cg", max_iter=1000).fit(
        np.array([r[2] for r in train]), np.array([r[3] == 1 for r in train]))
    test = candidates(held, topic_model.train(*training(held, all_sets, {held.name})))
    chances = learner.predict_proba(np.array([r[2] for r in test]))[:, 1]
    published = {threshold: {p: set() for p in held.judged} for threshold in keep}
    for (paper, topic, _, _), chance in zip(test, chances, strict=True):
        for threshold in keep:
            if chance >= threshold:
                published[threshold][paper].add(topic)
    return published


def row(name: str, results: dict[str, dict[str, set[str]]], all_sets: dict[str, JudgedSet]) -> str:
    cells, total = [], Count()
    for set_name, s in all_sets.items():
        n = count(results[set_name], s.judged, s.taxonomy, s.lacks)
        cells.append(f"{n.correct}/{n.wrong}/{n.missed}")
        total.correct, total.wrong, total.missed = (total.correct + n.correct, total.wrong + n.wrong,
                                                    total.missed + n.missed)
        if s.second is not None:
            m = count(results[set_name], s.second, s.taxonomy, s.lacks)
            cells.append(f"{m.correct}/{m.wrong}/{m.missed}")
    return f"| {name} | " + " | ".join(cells) + f" | {total} |"


def scored(held: JudgedSet, all_sets: dict[str, JudgedSet], leave_out: set[str], learner=topic_model.train,
           **options) -> list[ModelScore]:
    """The held-out set's papers scored by a model trained on the read papers and the sets not left out."""
    texts = list(held.texts.values())
    if options.get("venue"):
        texts = [with_venue(t, held.venue[t.paper_id]) for t in texts]
    return learner(*training(held, all_sets, leave_out, **options)).score(texts)


def held_out(name: str, all_sets: dict[str, JudgedSet]) -> None:
    """One set scored by today's model and by one trained on every DEV set but it."""
    held = all_sets.get(name) or load_set(name)
    with_it = {**all_sets, held.name: held}
    models = (("today: read papers only", set(with_it)), ("read + the DEV judged sets", {held.name}))
    for what, leave_out in models:
        both = decide(scored(held, with_it, leave_out), held.label, held.taxonomy)
        second = held.second and f"; second judge: {count(both, held.second, held.taxonomy, held.lacks)}"
        print(f"{held.name}, {what}: {count(both, held.judged, held.taxonomy, held.lacks)}{second or ''}")
    for threshold, both in stacked(held, with_it, (0.3, 0.4, 0.5)).items():
        second = held.second and f"; second judge: {count(both, held.second, held.taxonomy, held.lacks)}"
        print(f"{held.name}, stacked from {threshold}: {count(both, held.judged, held.taxonomy, held.lacks)}"
              f"{second or ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levers", action="store_true", help="also the levers tried with the judged sets")
    parser.add_argument("--logistic", action="store_true", help="also logistic regression (slow)")
    parser.add_argument("--stacked", action="store_true", help="also a learner deciding every proposed topic")
    parser.add_argument("--held-out", metavar="SET", help="score one set (v7, or a DEV set) by models "
                        "trained on the read papers, and on them and every DEV set but it")
    args = parser.parse_args()
    all_sets = {name: load_set(name) for name in DEV_SETS}
    if args.held_out:
        held_out(args.held_out, all_sets)
        return

    def show(name: str, scores: dict[str, list[ModelScore]], **options) -> None:
        print(row(name, {n: decide(scores[n], s.label, s.taxonomy, **options) for n, s in all_sets.items()},
                  all_sets))

    def alone(name: str, scores: dict[str, list[ModelScore]], threshold: float) -> None:
        print(row(name, {n: {p: {x.topic_id for x in scores[n] if x.paper_id == p and x.score >= threshold}
                             for p in s.judged} for n, s in all_sets.items()}, all_sets))

    print("| model (right/wrong/missed) | v2 | v3 | v4 | v5 j1 | v5 j2 | v6 | sum (first judges) |")
    print("|---|---|---|---|---|---|---|---|")
    today = {n: scored(s, all_sets, set(all_sets)) for n, s in all_sets.items()}
    show("today: read papers only", today)
    judged = {n: scored(s, all_sets, {n}) for n, s in all_sets.items()}
    show("read + the other judged sets", judged)
    for threshold in (topic_model.THRESHOLD, 0.4):
        alone(f"model alone from {threshold}, today", today, threshold)
        alone(f"model alone from {threshold}, + the judged sets", judged, threshold)
    if args.levers:
        for thresholds in ((0.5, 0.5, 0.45), (0.4, 0.4, 0.4), (0.6, 0.4, 0.45), (0.6, 0.3, 0.45)):
            show(f"… thresholds {thresholds}", judged, thresholds=thresholds)
        for target, least in ((0.9, 2), (0.9, 3)):
            per = {n: per_topic_thresholds(s, all_sets, target, least) for n, s in all_sets.items()}
            published = {n: decide(judged[n], s.label, s.taxonomy, per_topic=per[n])
                         for n, s in all_sets.items()}
            print(row(f"… per-topic thresholds, precision {target} with {least} right", published, all_sets))
        show("… the venue as a word", {n: scored(s, all_sets, {n}, venue=True) for n, s in all_sets.items()})
        show("… broader concepts as positive labels",
             {n: scored(s, all_sets, {n}, hierarchy=True) for n, s in all_sets.items()})
    if args.stacked:
        keep = (0.3, 0.4, 0.5, 0.6)
        published = {n: stacked(s, all_sets, keep) for n, s in all_sets.items()}
        for threshold in keep:
            print(row(f"… stacked: a topic published from {threshold}",
                      {n: published[n][threshold] for n in all_sets}, all_sets))
    if args.logistic:
        logistic = {n: scored(s, all_sets, {n}, learner=Logistic) for n, s in all_sets.items()}
        for threshold in (0.5, 0.3, 0.2):
            show(f"… logistic regression from {threshold}", logistic, thresholds=(threshold,) * 3)


if __name__ == "__main__":
    main()
