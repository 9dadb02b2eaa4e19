#!/usr/bin/env python3
"""Experiment (stop 33): would the learned line detector, trained also on the real rounds' judged
lines, read a real round it never saw better? Leave-one-round-out: for each round R given, the
detector is trained as the build trains it (train_line_detector.TRAINING_SPLITS: dev + tuning)
plus every other round's lines, and the `auto` reader reads R with it (line_detector.using_model,
as bench/learned_lines.py does); scored as the tests score (tests/list_style_scores.score), beside
the shipped detector (line_detector.json, dev + tuning only) on the same lists.

A measurement only, kept out of the tests and the build: the real rounds' excerpts are not in the
repository (their licences), so a model trained on them could not be retrained from a clean clone,
and tests/test_line_detector.py checks that training reproduces line_detector.json byte for byte.
Never writes into atlas/ (models live in memory, or in --cache outside the checkout).

Thresholds: each round is read at every --thresholds value; the "chosen" column takes, for round
R, the threshold with the most found less taken over the OTHER rounds' leave-one-round-out reading
(ties to the shipped 0.9), never R's own figures. With --forward, R is read by a model trained
only on the rounds given before it (what could have been trained when R arrived).

    .venv/bin/python bench/detector_rounds.py --rounds /work/reallists7 /work/scratch10 ...
    .venv/bin/python bench/detector_rounds.py --rounds DIR... --corpus   # also dev/tuning/held_out,
                                    # shipped against a model trained on dev + tuning + every round
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from list_style_scores import Score, score, total  # noqa: E402

from atlas.build.parsers.line_detector import THRESHOLD, model_from_json, using_model  # noqa: E402
from atlas.build.parsers.train_line_detector import (  # noqa: E402
    CORPUS,
    TRAINING_SPLITS,
    as_json,
    dataset,
    fit,
    load,
)

FIELDS = 4  # authors, year, venue, arxiv_id


def round_name(folder: Path) -> str:
    digits = re.findall(r"\d+", folder.name)
    return f"round {digits[-1]}" if digits else folder.name


def wrong_fields(one: Score) -> int:
    return FIELDS * one.found - sum(one.fields_right.values())


def figures(one: Score) -> str:
    return (f"{one.found:>3}/{one.papers:<3} {one.exact:>3}/{one.found:<3} "
            f"{len(one.taken):>2}/{one.non_papers:<3} {wrong_fields(one):>3}")


def joined(parts: list[tuple]) -> tuple:
    return tuple(np.concatenate([part[index] for part in parts]) for index in range(5))


def trained(parts: list[tuple], cache: Path | None):
    """A model fitted on these datasets' lines (one OpenMP thread: several times faster here, same trees)."""
    data = joined(parts)
    key = hashlib.sha256(b"".join(np.ascontiguousarray(a).tobytes() for a in data[:3])).hexdigest()[:16]
    path = cache / f"{key}.json" if cache else None
    if path and path.exists():
        return model_from_json(path.read_text(encoding="utf-8"))
    with threadpool_limits(1):
        text = as_json(fit(data))
    if path:
        path.write_text(text, encoding="utf-8")
    return model_from_json(text)


def read(folder: Path, model, threshold: float) -> Score:
    with using_model(model, threshold):
        return total(round_name(folder), [score(path) for path in sorted(folder.glob("*.md"))
                                          if path.with_suffix(".expected.yml").exists()])


def chosen_thresholds(loro: dict[Path, dict[float, Score]],
                      thresholds: tuple[float, ...]) -> dict[Path, float]:
    """For each round, the threshold the other rounds' leave-one-round-out reading prefers."""
    chosen = {}
    for held in loro:
        def gain(threshold: float, held: Path = held) -> tuple[int, bool]:
            others = [loro[folder][threshold] for folder in loro if folder != held]
            return (sum(o.found - len(o.taken) for o in others), threshold == THRESHOLD)
        chosen[held] = max(thresholds, key=gain)
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=Path, nargs="+", default=[],
                        help="folders of excerpts (<name>.md) with their <name>.expected.yml")
    parser.add_argument("--thresholds", type=float, nargs="+", default=(THRESHOLD, 0.7))
    parser.add_argument("--corpus", action="store_true",
                        help="also dev/tuning/held_out: shipped against dev + tuning + every round")
    parser.add_argument("--forward", action="store_true",
                        help="train only on the rounds given before R (as they arrived), never later ones")
    parser.add_argument("--cache", type=Path, help="keep trained models here (outside the checkout)")
    args = parser.parse_args()
    if args.cache:
        if args.cache.resolve().is_relative_to(ROOT / "atlas"):
            parser.error("--cache must not be inside atlas/")
        args.cache.mkdir(parents=True, exist_ok=True)
    thresholds = tuple(dict.fromkeys(args.thresholds))
    base = dataset([one for split in TRAINING_SPLITS for one in load(CORPUS / split)])
    rounds = {folder: dataset(load(folder, round_name(folder))) for folder in args.rounds}

    shipped: dict[Path, dict[float, Score]] = {}
    loro: dict[Path, dict[float, Score]] = {}
    order = list(rounds)
    for held in rounds:
        others = order[:order.index(held)] if args.forward else [f for f in order if f != held]
        model = trained([base, *(rounds[folder] for folder in others)], args.cache)
        shipped[held] = {t: read(held, None, t) for t in thresholds}
        loro[held] = {t: read(held, model, t) for t in thresholds}
    chosen = chosen_thresholds(loro, thresholds) if len(rounds) > 1 else {f: THRESHOLD for f in rounds}

    head = "found   exact   taken  wrong"
    columns = [f"shipped {t:.2f}" for t in thresholds]
    columns += [f"LORO {t:.2f}" for t in thresholds] + ["LORO chosen"]
    print(f"{'':10} " + " | ".join(f"{c:<27}" for c in columns))
    print(f"{'':10} " + " | ".join(f"{head:<27}" for _ in columns))
    sums: dict[str, list[Score]] = {c: [] for c in columns}
    for held in rounds:
        row = [shipped[held][t] for t in thresholds] + [loro[held][t] for t in thresholds]
        row.append(loro[held][chosen[held]])
        for column, one in zip(columns, row, strict=True):
            sums[column].append(one)
        print(f"{round_name(held):10} " + " | ".join(f"{figures(one):<27}" for one in row)
              + f"  (chosen {chosen[held]:.2f})")
    if rounds:
        print(f"{'TOTAL':10} " + " | ".join(f"{figures(total('t', sums[c])):<27}" for c in columns))

    if args.corpus:
        everything = trained([base, *rounds.values()], args.cache)
        print("\ncorpus (dev + tuning are the training lists of both models; held_out is sealed):")
        for split in ("dev", "tuning", "held_out"):
            folder = CORPUS / split
            cells = [f"shipped {t:.2f} {figures(read(folder, None, t))}" for t in thresholds]
            cells += [f"all rounds {t:.2f} {figures(read(folder, everything, t))}" for t in thresholds]
            print(f"{split:10} " + " | ".join(cells))


if __name__ == "__main__":
    main()
