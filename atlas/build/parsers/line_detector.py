"""The learned line detector: how likely a line of a list is the line of a paper (its title's),
from what the line and its neighbours look like (atlas/build/parsers/line_features.py), whatever
the markup. The `auto` reader asks it for the lines no rule of its own claimed as papers.

The model is gradient-boosted trees trained once on the list-style corpus's dev and tuning lists
(`python -m atlas.build.parsers.train_line_detector`) and kept as plain data beside this file:
per tree its node arrays, and the baseline. Predicting is a walk down each tree with numpy, so the
build reads no corpus, trains nothing and needs no scikit-learn.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

import numpy as np

from atlas.build.parsers.line_features import list_features

MODEL = Path(__file__).with_name("line_detector.json")
# A line no rule claimed becomes a paper candidate from this probability on. Chosen on dev and
# tuning by group 5-fold by list (bench/learned_lines.py --combined): 0.5, 0.7, 0.9, 0.95 found
# 1388, 1389, 1392, 1391 of 1406 papers and took 2, 2, 1, 1 of 907 non-papers; a lower threshold
# took more lines that break a rule's reading of a block than it added papers. With set 11 and
# the lines read by their parts (95 lists): 1499, 1495, 1490, 1488 of 1531, none of 991 taken at
# any; kept at 0.9, lines from CONFIRMED_FROM taken only when the field readers confirm them.
THRESHOLD = 0.9
# A line from this probability up to THRESHOLD is taken too when the field readers confirm it: read
# with the lines under it, it states an arXiv id, a DOI or a paper link, or authors with a venue or
# a year (detected_papers.py); never inside an entry a rule read as a paper. Group 5-fold by list
# over dev + tuning with set 12 (103 lists, 1,678 papers, 1,080 non-papers), take >= 0.9: from 0.5
# 1621 found, from 0.3 1630, from 0.15 1635; 2 non-papers taken at each (reader-12).
CONFIRMED_FROM = 0.15
Model = tuple[float, list[dict[str, np.ndarray]]]  # the baseline, and per tree its node arrays
# A rule reader's paper whose line the detector gives less than this stays a paper: measured by
# leave-lists-out, turning such papers to `other` lost more papers than it saved non-papers.
REJECT_BELOW = 0.0


# A model trained without some lists, for measuring the reader on them (bench/learned_lines.py)
_TRAINED_WITHOUT: ContextVar[Model | None] = ContextVar("trained_without", default=None)


_THRESHOLDS: ContextVar[tuple[float, float] | None] = ContextVar("thresholds", default=None)


@contextmanager
def using_model(model: Model | None, threshold: float | None = None,
                reject_below: float | None = None) -> Iterator[None]:
    """Read with another model (one trained without the lists being measured) or other thresholds
    while inside: for measuring, never for the build."""
    token = _TRAINED_WITHOUT.set(model)
    limits = _THRESHOLDS.set((THRESHOLD if threshold is None else threshold,
                              REJECT_BELOW if reject_below is None else reject_below))
    try:
        yield
    finally:
        _TRAINED_WITHOUT.reset(token)
        _THRESHOLDS.reset(limits)


def thresholds() -> tuple[float, float]:
    """The probability from which a line is taken for a paper's, and below which a rule's paper is
    rejected."""
    return _THRESHOLDS.get() or (THRESHOLD, REJECT_BELOW)


@cache
def _trees(path: Path = MODEL) -> Model:
    return model_from_json(path.read_text(encoding="utf-8"))


def raw_scores(features: np.ndarray, model: Model | None = None) -> np.ndarray:
    """The trees' summed leaf values for each row of features (before the logistic link), added in
    the order scikit-learn adds them, so the figures are its own."""
    baseline, trees = model or _TRAINED_WITHOUT.get() or _trees()
    rows = np.arange(len(features))
    total = np.full(len(features), baseline, dtype=float)
    for tree in trees:
        node = np.zeros(len(features), dtype=int)
        while not (leaf := tree["leaf"][node]).all():
            value = features[rows, tree["feature"][node]]
            left = np.where(np.isnan(value), tree["missing_left"][node], value <= tree["threshold"][node])
            node = np.where(leaf, node, np.where(left, tree["left"][node], tree["right"][node]))
        total += tree["value"][node]
    return total


def probabilities(features: np.ndarray, model: Model | None = None) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(raw_scores(features, model), -700.0, 700.0)))


def line_probabilities(lines: list[str], model=None) -> dict[int, float]:
    """Each non-blank line's probability of being a paper's line, by its 1-based number."""
    numbers, features = list_features(lines)
    if not numbers:
        return {}
    return dict(zip(numbers, probabilities(features, model).tolist(), strict=True))


def model_from_json(text: str) -> Model:
    model = json.loads(text)
    return model["baseline"], [{name: np.array(values) for name, values in tree.items()}
                               for tree in model["trees"]]
