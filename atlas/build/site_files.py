"""Write the site files that make dist/ a Datasette configuration directory.

`datasette dist` then serves everything: atlas.db, metadata.yml, settings.json, templates/ and
static/ from atlas/site/, and inspect-data.json, whose presence makes Datasette open the
database immutable (cached counts, far-future cache headers) without a command-line flag.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path

from atlas.published import DOWNLOADS, DOWNLOADS_FOLDER

SITE = Path(__file__).resolve().parent.parent / "site"
METADATA = Path(__file__).resolve().parent.parent.parent / "metadata.yml"
INSPECT_NAME = "inspect-data.json"


def write_site(
    staging: Path, database_name: str, metadata: Path = METADATA, site: Path = SITE,
    inspect: dict | None = None,
) -> None:
    """Copy metadata, settings, templates and static files into `staging`, then describe the
    finished database in the inspect file; call it after every writer of the database. `inspect`:
    inspect_database's description, when the build made it already (while its exports ended)."""
    shutil.copyfile(metadata, staging / "metadata.yml")
    shutil.copyfile(site / "settings.json", staging / "settings.json")
    for folder in ("templates", "static"):
        shutil.copytree(site / folder, staging / folder)
    (staging / "static" / DOWNLOADS_FOLDER).mkdir()
    for name in DOWNLOADS:
        if (staging / name).exists():
            _second_name(staging / name, staging / "static" / DOWNLOADS_FOLDER / name)
    if inspect is None:
        inspect = inspect_database(staging / database_name)
    text = json.dumps(inspect, indent=2, sort_keys=True) + "\n"
    (staging / INSPECT_NAME).write_text(text, encoding="utf-8")


def _second_name(source: Path, target: Path) -> None:
    """The same bytes under `target`: a hard link where the file system has them (the downloads
    are ~400 MB at 50,000 papers, which a copy wrote and publishing synced a second time), else
    a copy. Nothing writes a published file in place: each build writes a new folder."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def inspect_database(database: Path) -> dict:
    """What `datasette inspect` writes, with the file named relative to dist/ so it can move."""
    with database.open("rb") as file:  # a block at a time: the database can outgrow memory
        digest = hashlib.file_digest(file, "sha256").hexdigest()
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        tables = db.execute("select name from sqlite_master where type = 'table' order by name")
        names = [name for (name,) in tables]
        counts = {name: db.execute(f'select count(*) from "{name}"').fetchone()[0] for name in names}
    db.close()
    return {
        database.stem: {
            "hash": digest,
            "size": database.stat().st_size,
            "file": database.name,
            "tables": {name: {"count": count} for name, count in counts.items()},
        }
    }
