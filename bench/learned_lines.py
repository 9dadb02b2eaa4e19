#!/usr/bin/env python3
"""Experiment (issue 14): can a learned model find the paper lines of a list in a structure it has
never seen? Measured here, not wired into the build.

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

    .venv/bin/python bench/learned_lines.py              # the leave-lists-out figures
    .venv/bin/python bench/learned_lines.py --held-out   # train on dev + tuning, score held_out/
                                                         # (summary only)
    --per-list prints each list's figures; --reader adds the current reader's on the same lists.
"""

from __future__ import annotations

import argparse
import difflib
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "list_styles"
SEED = 14
THRESHOLDS = (0.3, 0.5, 0.7, 0.85)

YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-3]\d)(?!\d)")
ARXIV = re.compile(r"(?<![\d.])\d{4}\.\d{4,5}(?:v\d+)?(?![\d])")
DOI = re.compile(r"\b10\.\d{4,9}/\S+")
URL = re.compile(r"https?://|www\.|\b[a-z0-9-]+\.(?:org|com|io|net|edu)/", re.I)
INITIAL_SURNAME = re.compile(r"\b[A-Z]\.(?:\s?[A-Z]\.)*\s[A-Z][a-z\u00C0-\u024F'-]+")
SURNAME_INITIAL = re.compile(r"\b[A-Z][a-z\u00C0-\u024F'-]+,?\s[A-Z]\.(?:\s?[A-Z]\.)*")
FULL_NAME = re.compile(r"\b[A-Z][a-z\u00C0-\u024F'-]+\s(?:[A-Z]\.\s)?[A-Z][a-z\u00C0-\u024F'-]+"
                       r"(?=\s*(?:,|and\b|&|$|\())")
QUOTED = re.compile(r"[\"“«„'‘]([^\"”»“'’]{15,})[\"”»“'’]")
ITALIC = re.compile(r"(?<![*\w])[*_]([^*_]{15,})[*_](?![*\w])|<i>|<em>|//[^/]{15,}//|\\emph\{|''[^']{15,}''")
BOLD = re.compile(r"\*\*[^*]{15,}\*\*|__[^_]{15,}__|<b>|<strong>|\[b\]|'''")
KEY_VALUE = re.compile(r"^\W{0,6}([A-Za-z][\w -]{0,20}?)\s*(?::{1,2}|=|\s-\s{1,2})\s*\S")
SPLIT = re.compile(r"[.,;:|()\[\]{}<>\"“”«»*_=#/\\—–]|\s-\s")
WORD = re.compile(r"[^\W\d_][\w'-]*")
KIND_WORDS = {
    "talk": r"\btalks?\b|\blecture|\bvideo|youtube|\bwebinar|\bpodcast",
    "slides": r"\bslides?\b|\bdeck\b",
    "code": r"\bcode\b|github|\brepo(?:sitory)?\b|\bsoftware\b|\bimplementation",
    "blog": r"\bblog|\bpost\b|\bsubstack|\bmedium\b|\bnewsletter|\bthread\b",
    "template": r"\btemplate|\bcontribut|\bpull request|\bTODO\b|\bplaceholder",
    "toc": r"\bcontents\b|back to top|\btable of\b|#[a-z-]+\)",
    "badge": r"shields\.io|badge|\.svg\b|\.png\b",
    "title_key": r"\btitle\b|\bpaper\b|\bTI\b",
    "author_key": r"\bauthors?\b|\bby\b|\bAU\b",
    "venue_word": r"NeurIPS|NIPS|ICML|ICLR|COLT|AISTATS|JMLR|UAI|AAAI|IJCAI|CVPR|ACL|EMNLP|TMLR|"
                  r"\bProc|Conference|Journal|Transactions|Workshop|Annals|Review|arXiv|preprint",
}
KIND = {name: re.compile(pattern, re.I) for name, pattern in KIND_WORDS.items()}


@dataclass
class ListFile:
    name: str
    lines: list[str]
    papers: set[int]
    non_papers: set[int]


def load(split: str) -> list[ListFile]:
    lists = []
    for path in sorted((CORPUS / split).glob("*.md")):
        answers = yaml.safe_load(path.with_suffix(".expected.yml").read_text(encoding="utf-8"))
        lists.append(ListFile(
            name=f"{split}/{path.stem}",
            lines=path.read_text(encoding="utf-8").split("\n"),
            papers={paper["line"] for paper in answers.get("papers") or []},
            non_papers={item["line"] for item in answers.get("non_papers") or []},
        ))
    return lists


def shape(text: str) -> str:
    """The line's skeleton: letters a/A, digits 0, spaces dropped, runs collapsed."""
    out = re.sub(r"[^\W\d_]+", lambda m: "A" if m.group()[0].isupper() else "a", text)
    out = re.sub(r"\d+", "0", out)
    return re.sub(r"\s+", "", out)[:60]


def own_features(text: str) -> list[float]:
    stripped = text.strip()
    n = max(len(stripped), 1)
    words = WORD.findall(stripped)
    capitalised = sum(word[0].isupper() for word in words)
    segments = [segment.strip() for segment in SPLIT.split(stripped)]
    longest_words = max((len(segment.split()) for segment in segments), default=0)
    urls = len(URL.findall(stripped))
    key_value = KEY_VALUE.match(stripped)
    leading = len(stripped) - len(stripped.lstrip("-*+#>|!:~`[({<0123456789. \t"))
    return [
        math.log1p(len(stripped)),
        len(words),
        len(text) - len(text.lstrip()),
        sum(c.isalpha() for c in stripped) / n,
        sum(c.isdigit() for c in stripped) / n,
        sum(c.isupper() for c in stripped) / n,
        sum(not c.isalnum() and not c.isspace() for c in stripped) / n,
        sum(ord(c) > 127 for c in stripped) / n,
        capitalised,
        capitalised / max(len(words), 1),
        longest_words,
        len(YEAR.findall(stripped)),
        len(ARXIV.findall(stripped)),
        bool(DOI.search(stripped)),
        urls,
        stripped.count("]("),
        len(INITIAL_SURNAME.findall(stripped)),
        len(SURNAME_INITIAL.findall(stripped)),
        len(FULL_NAME.findall(stripped)),
        stripped.count(" and ") + stripped.count(" & ") + stripped.count(" et al"),
        bool(QUOTED.search(stripped)),
        bool(ITALIC.search(stripped)),
        bool(BOLD.search(stripped)),
        bool(key_value),
        len(key_value.group(1)) if key_value else 0,
        leading,
        stripped[:1].isdigit(),
        stripped[-1:] in ".?!",
        stripped[-1:] in ",;:",
        stripped.count("|"),
        stripped.count("<"),
        len(set(stripped)) <= 3,  # rules, fences, separators
        *(bool(pattern.search(stripped)) for pattern in KIND.values()),
    ]


CONTEXT = (0, 1, 8, 11, 12, 14, 16, 17, 18, 23, 20, 21, 22)  # features told of a neighbour


def list_features(lines: list[str]) -> tuple[list[int], np.ndarray]:
    """Features of every non-blank line of one list (its 1-based line numbers and the matrix)."""
    numbers = [i + 1 for i, line in enumerate(lines) if line.strip()]
    own = {number: own_features(lines[number - 1]) for number in numbers}
    shapes = {number: shape(lines[number - 1]) for number in numbers}
    blank = [not line.strip() for line in lines]
    rows = []
    for index, number in enumerate(numbers):
        start = number
        while start > 1 and not blank[start - 2]:
            start -= 1
        end = number
        while end < len(lines) and not blank[end]:
            end += 1
        context: list[float] = []
        for offset in (-2, -1, 1, 2):
            other = index + offset
            if 0 <= other < len(numbers):
                context += [own[numbers[other]][k] for k in CONTEXT] + [abs(numbers[other] - number)]
            else:
                context += [0.0] * len(CONTEXT) + [-1]
        similar = [difflib.SequenceMatcher(None, shapes[number], shapes[numbers[other]]).ratio()
                   if 0 <= other < len(numbers) else 0.0 for other in (index - 1, index + 1)]
        run = 0
        for step in (-1, 1):
            other = index + step
            while 0 <= other < len(numbers) and shapes[numbers[other]][:4] == shapes[number][:4]:
                run += 1
                other += step
        rows.append(own[number] + context + similar + [
            max(similar), run, math.log1p(run),
            number - start, end - number, end - start + 1,
            number / max(len(lines), 1),
        ])
    return numbers, np.array(rows, dtype=float)


def dataset(lists: list[ListFile]):
    features, labels, weights, groups, kinds = [], [], [], [], []
    for group, one in enumerate(lists):
        numbers, matrix = list_features(one.lines)
        features.append(matrix)
        for number in numbers:
            kind = "paper" if number in one.papers else "non_paper" if number in one.non_papers else "neither"
            kinds.append(kind)
            labels.append(kind == "paper")
            weights.append(1.0 if kind != "neither" else 0.5)
            groups.append(group)
    return (np.vstack(features), np.array(labels), np.array(weights), np.array(groups), np.array(kinds))


def model() -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(max_iter=300, learning_rate=0.08, max_leaf_nodes=31,
                                          l2_regularization=1.0, random_state=SEED)


def fit_predict(train, test_x) -> np.ndarray:
    x, y, w, _, _ = train
    classifier = model().fit(x, y, sample_weight=w)
    return classifier.predict_proba(test_x)[:, 1]


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


def reader_summary(title: str, lists: list[ListFile]) -> None:
    """The current `auto` reader on the same lists: it was tuned on every one of them, so these
    are dev figures, the ceiling of rules, not their first-run figures on a new structure."""
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    from list_style_scores import read_auto

    kinds, verdicts = [], []
    for one in lists:
        split, stem = one.name.split("/")
        read = {entry.line for entry in read_auto(CORPUS / split / f"{stem}.md") if entry.kind == "paper"}
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


def held_out(dev: list[ListFile], tuning: list[ListFile], split: str = "held_out") -> None:
    """The lead's one measurement: train on everything labelled, print only the summary."""
    lists = load(split)
    test = dataset(lists)
    report(f"train on dev + tuning, test on {split} ({len(lists)} lists)",
           lists, test, fit_predict(dataset(dev + tuning), test[0]), per_list=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--held-out", action="store_true", help="train on dev + tuning, score held_out/ once")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--per-list", action="store_true", help="print each list's figures")
    parser.add_argument("--without-siblings", action="store_true",
                        help="also train on dev less the lists in a tuning list's structure")
    parser.add_argument("--reader", action="store_true", help="also the current reader on the same lists")
    args = parser.parse_args()
    dev, tuning = load("dev"), load("tuning")
    if args.held_out:
        held_out(dev, tuning)
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
