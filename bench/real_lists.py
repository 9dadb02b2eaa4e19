#!/usr/bin/env python3
"""Measure the `format: auto` reader of a DL Theory Atlas checkout on a round of real lists in
--dir (<name>.md with a hand-written <name>.expected.yml beside it).

Reads each excerpt exactly as tests/test_auto_reader.py does (tests/list_style_scores.py:
`read_auto` and `score`, imported from the checkout), and prints per list and in total:
papers found, found titles exact, non-papers taken, wrong fields (authors, year, venue, arXiv id),
and for every miss, wrong title, wrong field and taken non-paper the expected against what was read.

    python3 bench/real_lists.py --dir SCRATCH                    # this checkout, with its .venv's python
    python3 bench/real_lists.py --dir SCRATCH --checkout OTHER   # another checkout, with its own .venv

Never writes into the checkout.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("authors", "year", "venue", "arxiv_id")


def reexec_with_checkout_python(checkout: Path) -> None:
    venv_python = checkout / ".venv" / "bin" / "python"
    if not venv_python.exists():
        print(f"(no {venv_python}; running with {sys.executable})", file=sys.stderr)
        return
    if os.environ.get("REAL_LISTS_REEXEC") == str(checkout):
        return
    os.environ["REAL_LISTS_REEXEC"] = str(checkout)
    os.execv(str(venv_python), [str(venv_python), str(Path(__file__).resolve()), *sys.argv[1:]])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkout", default=str(ROOT), help="the DL Theory Atlas checkout to measure")
    parser.add_argument("--lists", nargs="*", help="only these list names")
    parser.add_argument(
        "--dir",
        required=True,
        help="a folder holding the excerpts (<name>.md, re-read from a round's SOURCES.md)"
        " beside copies of its <name>.expected.yml",
    )
    args = parser.parse_args()
    checkout = Path(args.checkout).resolve()
    reexec_with_checkout_python(checkout)

    sys.path[:0] = [str(checkout), str(checkout / "tests")]
    os.chdir(checkout)  # as pytest runs from the checkout's root
    import subprocess

    import yaml
    from list_style_scores import _without_year, read_auto, score, total  # noqa: E402

    head = subprocess.run(
        ["git", "-C", str(checkout), "log", "--oneline", "-1"], capture_output=True, text=True
    ).stdout.strip()
    import atlas

    print(
        f"checkout {checkout} at {head or '?'}; python {sys.executable}; "
        f"atlas from {Path(atlas.__file__).parent}"
    )

    paths = sorted(
        p for p in Path(args.dir).resolve().glob("*.md") if p.with_suffix(".expected.yml").exists()
    )
    if args.lists:
        paths = [p for p in paths if p.stem in args.lists]
    scores, wrong_totals = [], {f: 0 for f in FIELDS}
    details = []
    extras = []
    for path in paths:
        expected = yaml.safe_load(path.with_suffix(".expected.yml").read_text(encoding="utf-8"))
        entries = read_auto(path)
        by_line: dict[int, list] = {}
        for entry in entries:
            by_line.setdefault(entry.line, []).append(entry)
        papers = {e.line: e for e in entries if e.kind == "paper"}
        one = score(path)  # the tests' own scoring
        scores.append(one)
        lines = path.read_text(encoding="utf-8").split("\n")
        out = []
        wrong = {f: 0 for f in FIELDS}
        for paper in expected["papers"]:
            entry = papers.get(paper["line"])
            if entry is None:
                near = [
                    f"{e.line}:{e.kind}:{(e.title or e.reason or e.raw)[:70]!r}"
                    for ln in range(paper["line"] - 2, paper["line"] + 3)
                    for e in by_line.get(ln, [])
                ]
                out.append(
                    f"  MISSED  line {paper['line']}: expected {paper['title']!r}\n"
                    f"          source: {lines[paper['line'] - 1].strip()[:160]!r}\n"
                    f"          read near it: {near or 'nothing'}"
                )
                continue
            if entry.title != paper["title"]:
                out.append(
                    f"  TITLE   line {paper['line']}: expected {paper['title']!r}\n"
                    f"                   read     {entry.title!r}"
                )
            got = {
                "authors": list(entry.authors),
                "year": entry.year,
                "venue": _without_year(entry.venue) or None,
                "arxiv_id": entry.arxiv_id or None,
            }
            want = {
                "authors": list(paper.get("authors") or []),
                "year": paper.get("year"),
                "venue": (paper.get("venue") or "").strip(" ,.") or None,
                "arxiv_id": paper.get("arxiv_id"),
            }
            for f in FIELDS:
                if got[f] != want[f]:
                    wrong[f] += 1
                    out.append(
                        f"  FIELD   line {paper['line']} {f}: expected {want[f]!r}, read {got[f]!r}"
                        + (f" (venue as read {entry.venue!r})" if f == "venue" else "")
                    )
        for item in expected.get("non_papers") or []:
            if item["line"] in papers:
                e = papers[item["line"]]
                out.append(
                    f"  TAKEN   line {item['line']} ({item['why']}): read as paper {e.title!r}\n"
                    f"          source: {item['text']!r}"
                )
        judged = {p["line"] for p in expected["papers"]} | {
            n["line"] for n in expected.get("non_papers") or []
        }
        extra = [e for line, e in sorted(papers.items()) if line not in judged]
        for e in extra:
            out.append(
                f"  EXTRA   line {e.line} (in neither list, not scored by the tests): "
                f"read as paper {e.title!r}\n"
                f"          source: {lines[e.line - 1].strip()[:120]!r}"
            )
        extras.append(len(extra))
        for f in FIELDS:
            wrong_totals[f] += wrong[f]
        details.append((one, wrong, out))

    print()
    print(
        f"{'list':28} {'found':>9} {'exact':>9} {'taken':>7}   "
        "wrong fields over found (authors/year/venue/arxiv)"
    )
    for one, wrong, _ in details:
        print(
            f"{one.name:28} {one.found:>4}/{one.papers:<4} {one.exact:>4}/{one.found:<4} "
            f"{len(one.taken):>3}/{one.non_papers:<3}   "
            f"{sum(wrong.values()):>3} "
            f"({wrong['authors']}/{wrong['year']}/{wrong['venue']}/{wrong['arxiv_id']})"
        )
    summed = total("round-7", scores)
    print(
        f"{'TOTAL':28} {summed.found:>4}/{summed.papers:<4} {summed.exact:>4}/{summed.found:<4} "
        f"{len(summed.taken):>3}/{summed.non_papers:<3}   "
        f"{sum(wrong_totals.values()):>3} ({wrong_totals['authors']}/{wrong_totals['year']}/"
        f"{wrong_totals['venue']}/{wrong_totals['arxiv_id']})"
    )
    print(
        f"papers read on lines judged neither paper nor non-paper (not scored): {sum(extras)} "
        f"({', '.join(f'{o.name} {n}' for (o, _, _), n in zip(details, extras, strict=False) if n)})"
    )
    print(
        f"found {summed.found / summed.papers:.1%}, exact {summed.exact / max(summed.found, 1):.1%}, "
        f"taken {len(summed.taken)}/{summed.non_papers}"
    )
    print()
    print("As the tests print them (tests/list_style_scores.py Score.line):")
    for one in [*scores, summed]:
        print("  " + one.line())
    print()
    for one, _, out in details:
        print(f"== {one.name}")
        print("\n".join(out) if out else "  (all found, exact, right fields, none taken)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
