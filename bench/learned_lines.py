#!/usr/bin/env python3
"""Experiment (issue 14): can a learned model find the paper lines of a list in a structure it has
never seen? The features (atlas/build/parsers/line_features.py) and the training
(atlas/build/parsers/train_line_detector.py) are the build's; this measures them, and the `auto`
reader built on the detector (atlas/build/parsers/detected_papers.py).

Units are the non-blank lines of a list: the corpus's answers name one line per paper (the line
that carries its title) and one line per non-paper, so a line is the unit the answers score, and
a block would hide which of its lines is the title. Each line is described by features that name
no markup: character classes, length, capitalised and name-like words (`Surname, I.`, `I.
Surname`, `Full Name`), a four-digit year, arXiv ids, DOIs and URLs, quoted/italic/bold spans, the
longest run of words between punctuation, a `key: value` shape, kind words (talk, slides, code,
blog...), venue words, and its context: the same few facts of the two lines before and after,
its place in its block of non-blank lines, and how like its neighbours its shape is.

Labels: a paper line (the answer's `line`) is positive; a non-paper line is negative; every other
non-blank line (a paper's authors or venue line, a heading, prose) is negative too, with half the
weight of an explicit non-paper: a detector must pick the one line of each paper the field
readers would start from, and a line the answers list in neither is still no paper's line.
The existing reader's verdict is NOT a feature: it was tuned on all these lists, so on them its
verdict is a dev figure the model would learn to copy, and the held-out folds would mean nothing.

Measured (gradient-boosted trees, fixed random_state) by leave-lists-out:
- 5-fold group k-fold by list over dev + tuning;
- train on dev, test on tuning (tuning's sets were written later, by other curators).
Figures: papers found (recall of paper lines), non-papers taken (explicit non-paper lines
predicted papers), precision over all lines predicted papers.

    .venv/bin/python bench/learned_lines.py              # the detector's leave-lists-out figures
    .venv/bin/python bench/learned_lines.py --combined   # the reader, rules alone and with the
                                                         # detector, by group k-fold over dev + tuning
    .venv/bin/python bench/learned_lines.py --held-out-dir DIR   # score a held-out folder once:
                         # the build's reader (its committed model, trained on dev + tuning), per list
    --per-list prints each list's figures; --reader adds the current reader's on the same lists.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from list_style_scores import Score, read_auto, score, total  # noqa: E402

from atlas.build.parsers.line_detector import THRESHOLD, model_from_json, using_model  # noqa: E402
from atlas.build.parsers.train_line_detector import (  # noqa: E402
    CORPUS,
    ListFile,
    as_json,
    dataset,
    fit,
    load,
)

THRESHOLDS = (0.3, 0.5, 0.7, 0.85)
COMBINED_THRESHOLDS = (0.5, 0.7, 0.9, 0.95)
NO_DETECTOR = (-1e9, [])  # a model that takes no line: the rule reader alone


def fit_predict(train, test_x) -> np.ndarray:
    return fit(train).predict_proba(test_x)[:, 1]


def subset(data, mask):
    return tuple(part[mask] for part in data)


def summary(kinds: np.ndarray, probability: np.ndarray, threshold: float) -> str:
    taken_all = probability >= threshold
    papers = kinds == "paper"
    non_papers = kinds == "non_paper"
    found = int((taken_all & papers).sum())
    taken = int((taken_all & non_papers).sum())
    predicted = int(taken_all.sum())
    return (f"found {found}/{int(papers.sum())} ({found / max(papers.sum(), 1):.1%}), "
            f"non-papers taken {taken}/{int(non_papers.sum())}, "
            f"precision {found}/{predicted} ({found / max(predicted, 1):.1%})")


def report(title: str, lists: list[ListFile], data, probability: np.ndarray, per_list: bool) -> None:
    _, _, _, groups, kinds = data
    print(f"\n## {title}")
    for threshold in THRESHOLDS:
        print(f"threshold {threshold:.2f}: {summary(kinds, probability, threshold)}")
    if per_list:
        print("per list, threshold 0.50:")
        for group, one in enumerate(lists):
            mask = groups == group
            if mask.any():
                print(f"  {one.name:38} {summary(kinds[mask], probability[mask], 0.5)}")


def path_of(one: ListFile) -> Path:
    split, stem = one.name.split("/")
    return CORPUS / split / f"{stem}.md"


def reader_summary(title: str, lists: list[ListFile]) -> None:
    """The current `auto` reader on the same lists: it was tuned on every one of them, so these
    are dev figures, the ceiling of rules, not their first-run figures on a new structure."""
    kinds, verdicts = [], []
    for one in lists:
        read = {entry.line for entry in read_auto(path_of(one)) if entry.kind == "paper"}
        for number in range(1, len(one.lines) + 1):
            if one.lines[number - 1].strip() or number in read:
                kinds.append("paper" if number in one.papers
                             else "non_paper" if number in one.non_papers else "neither")
                verdicts.append(1.0 if number in read else 0.0)
    print(f"current reader (tuned on these lists: dev figures), {title}: "
          f"{summary(np.array(kinds), np.array(verdicts), 0.5)}")


def leave_lists_out(lists: list[ListFile], folds: int, per_list: bool) -> None:
    data = dataset(lists)
    x, _, _, groups, _ = data
    probability = np.zeros(len(x))
    for train_index, test_index in GroupKFold(n_splits=folds).split(x, groups=groups):
        mask = np.zeros(len(x), dtype=bool)
        mask[train_index] = True
        probability[test_index] = fit_predict(subset(data, mask), x[test_index])
    report(f"group {folds}-fold by list, dev + tuning ({len(lists)} lists)",
           lists, data, probability, per_list)


def dev_to_tuning(dev: list[ListFile], tuning: list[ListFile], per_list: bool) -> None:
    train = dataset(dev)
    test = dataset(tuning)
    report(f"train on dev ({len(dev)} lists), test on tuning ({len(tuning)} lists)",
           tuning, test, fit_predict(train, test[0]), per_list)


# dev lists written in the structure of a tuning list (same markup family): left out of training
# by --without-siblings, so that "train on dev, test on tuning" sees no structure twice
SIBLINGS = ("rst_citations", "org_reading_queue", "hugo_shortcodes_depth", "zotero_mdnotes_landscape",
            "yaml_frontmatter_reading", "pandoc_csl_references", "bibtex_readme", "toml_csv_data",
            "admonition_cards")


def scores_with(paths: list[Path], model, threshold: float | None = None,
                reject_below: float | None = None) -> list[Score]:
    with using_model(model, threshold, reject_below):
        return [score(path) for path in paths]


def brief(one: Score) -> str:
    return (f"found {one.found}/{one.papers} ({one.found / max(one.papers, 1):.1%}), "
            f"exact {one.exact}/{one.found} ({one.exact / max(one.found, 1):.1%}), "
            f"taken {len(one.taken)}/{one.non_papers}")


def combined(lists: list[ListFile], folds: int, per_list: bool, reject: tuple[float, ...]) -> None:
    """The reader by group k-fold by list over dev + tuning: each fold's lists read with a
    detector trained without them; the rule reader alone (no line taken) beside it. Every figure
    is a dev figure: the rules were tuned on all these lists, only the detector is held out."""
    data = dataset(lists)
    groups = data[3]
    rules: list[Score] = []
    by_setting: dict[tuple[float, float], list[Score]] = {}
    for train_index, test_index in GroupKFold(n_splits=folds).split(data[0], groups=groups):
        mask = np.zeros(len(data[0]), dtype=bool)
        mask[train_index] = True
        model = model_from_json(as_json(fit(subset(data, mask))))
        paths = [path_of(lists[group]) for group in sorted(set(groups[test_index]))]
        rules += scores_with(paths, NO_DETECTOR)
        for threshold in COMBINED_THRESHOLDS:
            for reject_below in (0.0, *reject):
                by_setting.setdefault((threshold, reject_below), []).extend(
                    scores_with(paths, model, threshold, reject_below))
    print(f"\n## the reader, group {folds}-fold by list over dev + tuning ({len(lists)} lists; dev figures)")
    print(f"rule reader alone:                        {brief(total('rules', rules))}")
    for (threshold, reject_below), scores in by_setting.items():
        print(f"combined, take >= {threshold:.2f}, reject < {reject_below:.2f}:  {brief(total('x', scores))}")
    if per_list:
        for one, two in zip(rules, by_setting[(THRESHOLD, 0.0)], strict=True):
            if brief(one) != brief(two):
                print(f"  {one.name:30} rules {brief(one):50} combined {brief(two)}")


def held_out_dir(folder: Path) -> None:
    """The lead's one measurement of a folder of lists never seen (each `x.md` with its
    `x.expected.yml`): the build's reader, with its committed detector (trained on dev + tuning),
    and the rule reader alone, per list and in total."""
    paths = sorted(folder.glob("*.md"))
    rules, both = scores_with(paths, NO_DETECTOR), scores_with(paths, None)
    print(f"\n## {folder}: {len(paths)} lists (the rule reader alone | the reader with the line detector, "
          f"threshold {THRESHOLD})")
    for one, two in zip([*rules, total("total", rules)], [*both, total("total", both)], strict=True):
        print(f"  {one.name:30} {brief(one):50} | {brief(two)}")
    lists = load(folder, "held_out")
    test = dataset(lists)
    report(f"the line detector alone (trained on dev + tuning), on {folder}", lists, test,
           fit_predict(dataset(load(CORPUS / "dev") + load(CORPUS / "tuning")), test[0]), per_list=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--held-out-dir", type=Path, help="score a folder of held-out lists once")
    parser.add_argument("--combined", action="store_true", help="the reader with the detector, by k-fold")
    parser.add_argument("--reject", type=float, nargs="*", default=(),
                        help="also try rejecting rule papers below these probabilities")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--per-list", action="store_true", help="print each list's figures")
    parser.add_argument("--without-siblings", action="store_true",
                        help="also train on dev less the lists in a tuning list's structure")
    parser.add_argument("--reader", action="store_true", help="also the current reader on the same lists")
    args = parser.parse_args()
    if args.held_out_dir:
        held_out_dir(args.held_out_dir)
        return
    dev, tuning = load(CORPUS / "dev"), load(CORPUS / "tuning")
    if args.combined:
        combined(dev + tuning, args.folds, args.per_list, tuple(args.reject))
        return
    leave_lists_out(dev + tuning, args.folds, args.per_list)
    dev_to_tuning(dev, tuning, args.per_list)
    if args.without_siblings:
        dev_to_tuning([one for one in dev if one.name.split("/")[1] not in SIBLINGS], tuning, args.per_list)
    if args.reader:
        print()
        reader_summary("dev + tuning", dev + tuning)
        reader_summary("tuning", tuning)


if __name__ == "__main__":
    main()
