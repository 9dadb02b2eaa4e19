#!/usr/bin/env python3
"""Benchmark the build: the real lists, then synthetic lists of --sizes papers (4 entries each).

For each size and each of --repeat runs, a fresh process builds the list end to end (parse →
database → RDF → BibTeX → site files) and prints one line

    papers=<n> entries=<n> seconds=<s> entries_per_s=<n> peak_rss_mb=<n> peak_all_mb=<n>

(peak_rss_mb: the largest single process; peak_all_mb: the build's process and its forked helpers
together, counted as PSS so that a page a helper shares with its parent counts once, sampled every
0.1 s from /proc; 0 where /proc has no smaps_rollup), then the seconds of each stage, and the
database stage beside a plain-SQLite lower bound measured in the same run: the same rows, read
back from the built atlas.db, written into the same schema with executemany in one transaction,
journal and sync off, indexes after. With --repeat above 1, a last line per size gives the
medians. Synthetic lists use list 002's entry style with titles drawn from a Zipf-like
vocabulary, 5% of them listed twice with a changed capitalisation, so merging has real work to
do; --pairs also counts the title pairs the merge stage compares, to show that blocking keeps
de-duplication near-linear.

    .venv/bin/python bench/bench_build.py [--sizes 50000 250000] [--repeat 3] [--pairs] [--keep DIR]

--keep copies each run's dist/ to DIR/<papers>-<run>/, so that two checkouts' synthetic builds can
be compared file by file (`diff -r`, or `sha256sum`).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atlas.build import merge  # noqa: E402
from atlas.build.normalize import title_key  # noqa: E402
from atlas.build.parsers import parse_document  # noqa: E402
from atlas.build.pipeline import DATABASE_NAME, build  # noqa: E402
from atlas.build.sources import load_manifest, read_source  # noqa: E402

# finish: the part of the database stage after its first commit, beside rdf and bibtex.
STAGES = ("curation", "parse", "merge", "authors", "classify", "database", "finish", "rdf", "bibtex", "site")
PAPERS_PER_LIST = 50_000
HEADER_LINES, LINES_PER_PAPER = 6, 5  # synthetic_list's heading lines, and lines per paper
CHUNK = 20_000  # rows read back at a time for the lower bound, so it holds no table whole


def synthetic_list(papers: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(20000)]
    # Cumulative once: choices() would add up 20,000 weights again for every title.
    weights = list(accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))
    lines = ["# Synthetic Deep Phenomena", "", "## Empirical Study", "", "### Empirical Study: 2021", ""]
    titles = []
    for number in range(papers):
        if titles and rng.random() < 0.05:
            title = rng.choice(titles).upper()
        else:
            words = rng.choices(vocabulary, cum_weights=weights, k=rng.randint(5, 12))
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
    """A copy of data/ whose manifest names the synthetic lists of `papers` papers in all: one list
    per PAPERS_PER_LIST papers, as a source file may not exceed 16 MiB (atlas/build/sources.py)."""
    folder = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    shutil.copytree(ROOT / "data", folder / "data")
    lines = synthetic_list(papers).split("\n")
    header, body = lines[:HEADER_LINES], lines[HEADER_LINES:]
    manifest = ["sources:"]
    for number, start in enumerate(range(0, max(1, papers), PAPERS_PER_LIST)):
        name = "phenomena" if number == 0 else f"phenomena-{number + 1}"
        part = body[start * LINES_PER_PAPER : (start + PAPERS_PER_LIST) * LINES_PER_PAPER]
        (folder / "data" / "sources" / f"{name}.txt").write_text("\n".join(header + part), encoding="utf-8")
        manifest += [f"  - id: {name}", "    title: Synthetic", f"    file: sources/{name}.txt",
                     "    format: awesome_digest"]
    (folder / "data" / "sources.yml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return folder


def count_pairs(manifest: Path) -> tuple[int, int]:
    entries = [e for s in load_manifest(manifest) for e in parse_document(read_source(s, manifest.parent))]
    keys = sorted({title_key(e.title) for e in entries if e.kind == "paper"})
    return len(keys), sum(len(later) for _, later in merge._candidate_partners(keys))


def plain_sqlite_seconds(built: Path, target: Path) -> float:
    """Seconds to write built's rows into an empty copy of its schema the fastest plain way."""
    source = sqlite3.connect(f"file:{built}?mode=ro", uri=True)
    schema = source.execute(
        "select type, name, sql from sqlite_master where sql is not null "
        "and name not like 'sqlite_%' and name not like '%_fts_%' order by rowid"
    ).fetchall()
    db = sqlite3.connect(target, isolation_level=None)
    db.execute("pragma journal_mode = off")
    db.execute("pragma synchronous = off")
    seconds = 0.0
    db.execute("begin")
    for kind, name, sql in schema:
        if kind in ("table",):
            start = time.perf_counter()
            db.execute(sql)
            seconds += time.perf_counter() - start
            seconds += _copy_rows(source, db, name)
    start = time.perf_counter()
    for kind, _, sql in schema:
        if kind in ("index", "view"):
            db.execute(sql)
    db.execute("commit")
    seconds += time.perf_counter() - start
    source.close()
    db.close()
    return seconds


def _copy_rows(source: sqlite3.Connection, db: sqlite3.Connection, table: str) -> float:
    columns = [row[1] for row in source.execute(f'pragma table_info("{table}")')]
    if not columns:  # a virtual table: its own columns, and its rowid
        columns = [d[0] for d in source.execute(f'select * from "{table}" limit 0').description]
    names = ", ".join(["rowid", *(f'"{c}"' for c in columns)]) if _has_rowid(source, table) else \
        ", ".join(f'"{c}"' for c in columns)
    insert = f'insert into "{table}" ({names}) values ({", ".join("?" * len(names.split(", ")))})'
    cursor = source.execute(f'select {names} from "{table}"')
    seconds = 0.0
    while rows := cursor.fetchmany(CHUNK):
        start = time.perf_counter()
        db.executemany(insert, rows)
        seconds += time.perf_counter() - start
    return seconds


def _has_rowid(db: sqlite3.Connection, table: str) -> bool:
    try:
        db.execute(f'select rowid from "{table}" limit 0')
        return True
    except sqlite3.OperationalError:
        return False


def run_one(folder: Path) -> dict:
    """Build one workspace in this process; the figures one line of the report shows."""
    timings: dict[str, float] = {}
    start = time.perf_counter()
    report = build(folder / "data" / "sources.yml", folder / "dist", folder / "data", ROOT / "taxonomy",
                   timings=timings)
    seconds = time.perf_counter() - start
    own, helpers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_rss_mb = max(own.ru_maxrss, helpers.ru_maxrss) / 1024
    cpu = own.ru_utime + own.ru_stime + helpers.ru_utime + helpers.ru_stime
    lower = plain_sqlite_seconds(folder / "dist" / DATABASE_NAME, folder / "plain.db")
    return {
        "entries": report["entries"], "seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": peak_rss_mb,
        "stages": timings, "plain_sqlite": lower,
    }


def measure(size: int, repeat: int, keep: Path | None = None) -> list[dict]:
    """`repeat` builds of a synthetic list of `size` papers, each in a fresh process; with `keep`,
    each run's dist/ is copied there."""
    folder = workspace(size)
    runs = []
    try:
        for _ in range(repeat):
            shutil.rmtree(folder / "dist", ignore_errors=True)
            shutil.rmtree(folder / ".dist-builds", ignore_errors=True)
            (folder / "plain.db").unlink(missing_ok=True)
            output, peak_all_mb = run_sampled([sys.executable, __file__, "--one", str(folder)])
            run = json.loads(output.splitlines()[-1])
            run["papers"], run["peak_all_mb"] = size, peak_all_mb
            if keep is not None:
                shutil.copytree(folder / "dist", keep / f"{size}-{len(runs) + 1}")
            print_run(run)
            runs.append(run)
    finally:
        shutil.rmtree(folder)
    return runs


def run_sampled(command: list[str], interval: float = 0.1) -> tuple[str, float]:
    """Run command; its output, and the peak of its memory and its descendants' together (MB).

    Each process's PSS (proportional set size) splits the pages it shares with others among them,
    so the sum counts a page a forked helper still shares with its parent once, where summing RSS
    would count it in both. The output goes to a file, so the loop never waits on a pipe."""
    with tempfile.TemporaryFile("w+") as output:
        child = subprocess.Popen(command, stdout=output, text=True)
        peak = 0
        while child.poll() is None:
            peak = max(peak, sum(_pss_kb(pid) for pid in _process_tree(child.pid)))
            time.sleep(interval)
        if child.returncode:
            raise subprocess.CalledProcessError(child.returncode, command)
        output.seek(0)
        return output.read(), peak / 1024


def _process_tree(pid: int) -> list[int]:
    tree, todo = [], [pid]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except OSError:  # gone meanwhile, or no /proc
            pass
    return tree


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def print_run(run: dict, label: str = "") -> None:
    print(f"{label}papers={run['papers']} entries={run['entries']} seconds={run['seconds']:.2f} "
          f"entries_per_s={run['entries'] / run['seconds']:.0f} peak_rss_mb={run['peak_rss_mb']:.0f} "
          f"peak_all_mb={run['peak_all_mb']:.0f}")
    stages = run["stages"]
    print("    stages: " + " ".join(f"{name}={stages.get(name, 0):.2f}" for name in STAGES))
    print(f"    cpu={run['cpu_seconds']:.2f} stages_cpu: "
          + " ".join(f"{name}={stages.get(name + '_cpu', 0):.2f}" for name in STAGES))
    print(f"    database={stages['database']:.2f} s, plain SQLite lower bound={run['plain_sqlite']:.2f} s, "
          f"ratio={stages['database'] / run['plain_sqlite']:.2f}")
    sys.stdout.flush()


def median_run(runs: list[dict]) -> dict:
    def middle(values):
        return statistics.median(values)

    return {
        "papers": runs[0]["papers"], "entries": runs[0]["entries"],
        "seconds": middle([r["seconds"] for r in runs]),
        "cpu_seconds": middle([r["cpu_seconds"] for r in runs]),
        "peak_rss_mb": middle([r["peak_rss_mb"] for r in runs]),
        "peak_all_mb": middle([r["peak_all_mb"] for r in runs]),
        "stages": {name: middle([r["stages"].get(name, 0) for r in runs])
                   for stage in STAGES for name in (stage, f"{stage}_cpu")},
        "plain_sqlite": middle([r["plain_sqlite"] for r in runs]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[50000, 250000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pairs", action="store_true", help="count the title pairs merge compares")
    parser.add_argument("--keep", type=Path, help="copy each run's dist/ to KEEP/<papers>-<run>/")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # a child: build this workspace
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    out = Path(tempfile.mkdtemp(prefix="atlas-bench-out-"))
    start = time.perf_counter()
    build(ROOT / "data" / "sources.yml", out / "dist", ROOT / "data", ROOT / "taxonomy")
    print(f"real lists: full build {time.perf_counter() - start:.2f} s")
    shutil.rmtree(out)
    for size in args.sizes:
        runs = measure(size, args.repeat, args.keep)
        if len(runs) > 1:
            print_run(median_run(runs), label=f"median of {len(runs)}: ")
        if args.pairs:
            folder = workspace(size)
            titles, pairs = count_pairs(folder / "data" / "sources.yml")
            print(f"    titles={titles} pairs={pairs} pairs_per_title={pairs / titles:.2f}")
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
