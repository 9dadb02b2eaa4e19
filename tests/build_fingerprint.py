#!/usr/bin/env python3
"""The fingerprint of a build: the SHA-256 of every file in dist/, and of each table of atlas.db.

tests/test_build_outputs.py builds the real lists and compares their fingerprint with
tests/data/build_fingerprint.json, so a change meant only to make the build faster (or tidier)
cannot change a published byte unnoticed. A legitimate change of the published data (a new
table or column, a curated fix, a new list) regenerates the fingerprint in the same commit, so
the change shows in review:

    .venv/bin/python build.py --out /tmp/dist
    .venv/bin/python tests/build_fingerprint.py /tmp/dist > tests/data/build_fingerprint.json

Each table is also hashed apart (its schema, then its rows in stored order, as `iterdump` gives
them), so when atlas.db differs the failure names the tables whose content changed.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from pathlib import Path

DATABASE_NAME = "atlas.db"


def file_hashes(dist: Path) -> dict[str, str]:
    """Every file below dist/ (symlinks followed), by its path relative to dist/."""
    return {
        path.relative_to(dist).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(dist.rglob("*"))
        if path.is_file()
    }


def table_hashes(database: Path) -> dict[str, str]:
    """Per table (and index, view, trigger): a hash of the statements `iterdump` writes for it."""
    digests: dict[str, hashlib._Hash] = {}
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        names = [name for (name,) in db.execute("select name from sqlite_master order by length(name) desc")]
        for statement in db.iterdump():
            name = _statement_object(statement, names)
            digests.setdefault(name, hashlib.sha256()).update(statement.encode() + b"\n")
    finally:
        db.close()
    return {name: digest.hexdigest() for name, digest in sorted(digests.items())}


def _statement_object(statement: str, names: list[str]) -> str:
    """The table, index or view a dump statement creates or fills (longest name first)."""
    head = statement[:300]
    for name in names:
        if f'"{name}"' in head or f" {name} " in head or f" {name}(" in head or f"'{name}'" in head:
            return name
    return "(other)"


def fingerprint(dist: Path) -> dict[str, dict[str, str]]:
    return {"files": file_hashes(dist), "tables": table_hashes(dist / DATABASE_NAME)}


if __name__ == "__main__":
    print(json.dumps(fingerprint(Path(sys.argv[1])), indent=2, sort_keys=True))
