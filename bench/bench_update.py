#!/usr/bin/env python3
"""Benchmark `build.py --update`: lists 000, 002 and 004 updated from local git repositories.

Each repository holds our vendored copy, then the list's newer version in
tests/data/new_list_versions/. Prints wall-clock seconds (best of --repeat runs) of updating one
list and the three at once, and what each update found. No network: the repositories are local.

    .venv/bin/python bench/bench_update.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atlas.build.update import update  # noqa: E402

NEWER = ROOT / "tests" / "data" / "new_list_versions"
LISTS = {  # source id: (its vendored file's number, its newer version)
    "dynamics": ("000", "dynamics_v2.md"),
    "phenomena": ("002", "phenomena_v2.md"),
    "theory-course": ("004", "theory_course_v2.md"),
}
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, env=GIT_ENV, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def workspace(folder: Path) -> Path:
    """A copy of data/ whose lists 000, 002 and 004 name local repositories as their upstream."""
    data = folder / "data"
    shutil.copytree(ROOT / "data", data)
    text = (data / "sources.yml").read_text(encoding="utf-8")
    for source_id, (number, newer) in LISTS.items():
        repo = folder / "repos" / source_id
        repo.mkdir(parents=True)
        git(repo, "init", "-q")
        ours = next((data / "sources").glob(f"{number}_*")).read_bytes()
        for content in (ours, (NEWER / newer).read_bytes()):
            (repo / "README.md").write_bytes(content)
            git(repo, "add", "README.md")
            git(repo, "commit", "-q", "-m", "a version")
        start = text.index(f"  - id: {source_id}\n")
        url_line = text.index("      url: ", start)
        text = text[:url_line] + f"      url: {repo}\n" + text[text.index("\n", url_line) + 1:]
    (data / "sources.yml").write_text(text, encoding="utf-8")
    return data / "sources.yml"


def timed_update(source_ids: list[str]) -> tuple[float, dict]:
    with tempfile.TemporaryDirectory() as folder:
        manifest = workspace(Path(folder))
        start = time.perf_counter()
        code = update(manifest, source_ids, report_path=Path(folder) / "report.json",
                      taxonomy=ROOT / "taxonomy", stream=io.StringIO())
        seconds = time.perf_counter() - start
        assert code == 0, code
        return seconds, json.loads((Path(folder) / "report.json").read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for source_ids in (["dynamics"], ["phenomena"], list(LISTS)):
        runs = [timed_update(source_ids) for _ in range(args.repeat)]
        seconds, report = min(runs, key=lambda run: run[0])
        print(f"update {', '.join(source_ids)}: {seconds:.2f} s (best of {args.repeat})")
        for row in report["lists"]:
            counts = ", ".join(f"{len(row.get(key, []))} {key.replace('_', ' ')}"
                               for key in ("added", "removed", "retitled", "topics_changed"))
            print(f"  {row['source']}: {row['status']}, papers {row.get('papers_before')} → "
                  f"{row.get('papers_after')}, {counts}")


if __name__ == "__main__":
    main()
