#!/usr/bin/env python3
"""Build DL Theory Atlas: the paper lists named in a manifest → dist/. The same as `atlas build`."""

from __future__ import annotations

import sys

from atlas.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
