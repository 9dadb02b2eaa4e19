#!/usr/bin/env python3
"""Benchmark the build: the real lists, then synthetic lists 10x to 250x larger.

Prints wall-clock seconds per stage (best of --repeat runs) and the number of title pairs the
merge stage compares, to show that blocking keeps de-duplication near-linear. Synthetic lists
use list 002's entry style with titles drawn from a Zipf-like vocabulary, 5% of them listed
twice with a changed capitalisation, so merging has real work to do.

    .venv/bin/python bench/bench_build.py [--sizes 4000 40000 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atlas.build import merge  # noqa: E402
from atlas.build.normalize import title_key  # noqa: E402
from atlas.build.parsers import parse_document  # noqa: E402
from atlas.build.pipeline import build  # noqa: E402
from atlas.build.sources import load_manifest, read_source  # noqa: E402


def best_of(repeat: int, action, *args) -> float:
    """The fastest of `repeat` runs of action(*args), in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def parse_all(manifest: Path) -> None:
    for source in load_manifest(manifest):
        parse_document(read_source(source, manifest.parent))


def synthetic_list(papers: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(20000)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    lines = ["# Synthetic Deep Phenomena", "", "## Empirical Study", "", "### Empirical Study: 2021", ""]
    titles = []
    for number in range(papers):
        if titles and rng.random() < 0.05:
            title = rng.choice(titles).upper()
        else:
            words = rng.choices(vocabulary, weights, k=rng.randint(5, 12))
            title = " ".join(words).capitalize() + f" {number}"
            titles.append(title)
        lines += [
            f"- {title}. [[paper]](https://arxiv.org/abs/2101.{number:05d})",
            f"  - Author{rng.randint(0, 5000)} Surname{rng.randint(0, 5000)}, Other Person. *ICLR 2021*",
            "  - Key Word: Lottery Ticket Hypothesis; Neural Tangent Kernel.",
            "  - Digest: A synthetic digest.",
            "",
        ]
    return "\n".join(lines)


def workspace(papers: int) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    shutil.copytree(ROOT / "data", folder / "data")
    (folder / "data" / "sources" / "synthetic.txt").write_text(synthetic_list(papers), encoding="utf-8")
    manifest = folder / "data" / "sources.yml"
    manifest.write_text(
        "sources:\n  - id: phenomena\n    title: Synthetic\n    file: sources/synthetic.txt\n"
        "    format: awesome_digest\n",
        encoding="utf-8",
    )
    return folder


def count_pairs(manifest: Path) -> tuple[int, int]:
    entries = [e for s in load_manifest(manifest) for e in parse_document(read_source(s, manifest.parent))]
    keys = sorted({title_key(e.title) for e in entries if e.kind == "paper"})
    return len(keys), len(merge._candidate_pairs(keys))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[4000, 40000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="atlas-bench-out-"))
    real = best_of(
        args.repeat, build, ROOT / "data" / "sources.yml", out / "dist", ROOT / "data", ROOT / "taxonomy"
    )
    print(f"real lists (5 lists, 1055 entries): full build {real:.2f} s")
    print(f"{'papers':>8} {'parse s':>8} {'build s':>8} {'titles':>8} {'pairs':>9} {'pairs/title':>11}")
    for size in args.sizes:
        folder = workspace(size)
        manifest = folder / "data" / "sources.yml"
        parse = best_of(1, parse_all, manifest)
        whole = best_of(1, build, manifest, folder / "dist", folder / "data", ROOT / "taxonomy")
        titles, pairs = count_pairs(manifest)
        print(f"{size:>8} {parse:>8.2f} {whole:>8.2f} {titles:>8} {pairs:>9} {pairs / titles:>11.2f}")
        shutil.rmtree(folder)
    shutil.rmtree(out)


if __name__ == "__main__":
    main()
