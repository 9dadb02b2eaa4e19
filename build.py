#!/usr/bin/env python3
"""Build DL Theory Atlas: the paper lists named in a manifest → dist/atlas.db."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas.build.errors import InputError, OutputBusy
from atlas.build.pipeline import build, print_report

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sources",
        type=Path,
        default=HERE / "data" / "sources.yml",
        help="the manifest of paper lists (default: data/sources.yml)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("dist"),
        help="output folder, a symlink to the latest complete build; the database is OUT/atlas.db "
        "(default: dist/)",
    )
    parser.add_argument(
        "--curation",
        type=Path,
        default=HERE / "data",
        help="folder of venues.yml, people.yml and merges.yml (default: data/)",
    )
    parser.add_argument("--taxonomy", type=Path, default=HERE / "taxonomy",
                        help="folder of the topic taxonomy YAML (default: taxonomy/)")
    parser.add_argument("--no-wait", action="store_true",
                        help="stop at once, rather than wait, when another build is writing OUT")
    args = parser.parse_args(argv)
    try:
        report = build(args.sources, args.out, args.curation, args.taxonomy, wait=not args.no_wait)
    except (InputError, OutputBusy) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # the output cannot be written: a folder not ours, a full disk
        print(f"error: {error.filename or args.out}: {error.strerror or error}", file=sys.stderr)
        return 1
    print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
