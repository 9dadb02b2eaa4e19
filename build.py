#!/usr/bin/env python3
"""Build DL Theory Atlas: the paper lists named in a manifest → dist/. The same as `atlas build`;
`build.py --update [SOURCE…]` is `atlas update [SOURCE…]` (docs/updating.md)."""

from __future__ import annotations

import sys

from atlas.cli import main


def command(argv: list[str]) -> list[str]:
    """The `atlas` command line that build.py's arguments mean."""
    if "--update" in argv:
        return ["update", *(word for word in argv if word != "--update")]
    return ["build", *argv]


if __name__ == "__main__":
    sys.exit(main(command(sys.argv[1:])))
