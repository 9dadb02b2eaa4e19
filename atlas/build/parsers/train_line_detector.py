"""Train the learned line detector on the list-style corpus and write it as plain data.

    python -m atlas.build.parsers.train_line_detector          # writes line_detector.json

Trained on every labelled line of tests/data/list_styles/dev and tuning/ (never held_out/). A
paper's line (an answer's `line`) is positive; a non-paper's negative; every other non-blank line
(a paper's authors or venue line, a heading, prose) negative at half weight: the detector must pick
the one line of each paper the field readers start from. scikit-learn's
HistGradientBoostingClassifier with a fixed random_state: training again writes the same file,
byte for byte (tests/test_line_detector.py). Run only to retrain; the build reads the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from atlas.build.parsers.line_detector import MODEL
from atlas.build.parsers.line_features import list_features

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "data" / "list_styles"
SEED = 14
TRAINING_SPLITS = ("dev", "tuning")


@dataclass
class ListFile:
    name: str
    lines: list[str]
    papers: set[int]
    non_papers: set[int]


def load(folder: Path, name: str | None = None) -> list[ListFile]:
    """The lists of one folder of the corpus (or any folder of lists with their answers)."""
    lists = []
    for path in sorted(folder.glob("*.md")):
        answers = yaml.safe_load(path.with_suffix(".expected.yml").read_text(encoding="utf-8"))
        lists.append(ListFile(
            name=f"{name or folder.name}/{path.stem}",
            lines=path.read_text(encoding="utf-8").split("\n"),
            papers={paper["line"] for paper in answers.get("papers") or []},
            non_papers={item["line"] for item in answers.get("non_papers") or []},
        ))
    return lists


def dataset(lists: list[ListFile]):
    """Features, labels, weights, the list each line is of, and its kind, for every non-blank line."""
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


def model():
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(max_iter=300, learning_rate=0.08, max_leaf_nodes=31,
                                          l2_regularization=1.0, random_state=SEED)


def fit(data):
    x, y, w, _, _ = data
    return model().fit(x, y, sample_weight=w)


def as_json(classifier) -> str:
    """The fitted trees as plain data: per tree the node arrays a walk needs, one tree a line."""
    trees = []
    for (predictor,) in classifier._predictors:  # one tree per iteration for a binary task
        nodes = predictor.nodes
        trees.append({
            "feature": nodes["feature_idx"].tolist(),
            "threshold": [float(value) for value in nodes["num_threshold"]],
            "missing_left": nodes["missing_go_to_left"].astype(bool).tolist(),
            "left": nodes["left"].tolist(),
            "right": nodes["right"].tolist(),
            "leaf": nodes["is_leaf"].astype(bool).tolist(),
            "value": [float(value) for value in nodes["value"]],
        })
    baseline = float(np.asarray(classifier._baseline_prediction).ravel()[0])
    lines = [json.dumps(tree, separators=(",", ":")) for tree in trees]
    return ('{"baseline": ' + json.dumps(baseline) + ',\n"trees": [\n' + ",\n".join(lines) + "\n]}\n")


def trained_json(splits: tuple[str, ...] = TRAINING_SPLITS) -> str:
    lists = [one for split in splits for one in load(CORPUS / split)]
    return as_json(fit(dataset(lists)))


def main() -> None:
    MODEL.write_text(trained_json(), encoding="utf-8")
    print(f"wrote {MODEL.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
