"""Retired ids: what an id that once named a paper or an author names now.

Ids are never renamed, only retired: when a fix changes an id (a title that swallowed its
author list, a name that turns out to be someone else), data/retired_ids.yml records the old
id, its replacement and why, and the build writes them to the retired_ids table so links to
the old id can be followed. The build checks that no retired id names something again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from atlas.build.errors import InputError
from atlas.build.schemas import RETIRED_IDS
from atlas.build.yamlfile import load_yaml, require

KINDS = ("paper", "author")


@dataclass(frozen=True)
class RetiredId:
    kind: str  # paper or author
    id: str
    replaced_by: str  # the id that names it now; empty when nothing does
    reason: str
    line: int = 0


def load_retired(path: Path) -> list[RetiredId]:
    """The curated retirements; a missing file retires nothing."""
    if not path.exists():
        return []
    document = load_yaml(path, RETIRED_IDS) or {}
    items = document.get("retired") if isinstance(document, dict) else None
    if not isinstance(items, list):
        raise InputError(path, "expected 'retired': a list of retired ids")
    retired, seen = [], set()
    for item in items:
        kind = require(item, "kind", path)
        if kind not in KINDS:
            raise InputError(path, f"kind '{kind}' is not one of {', '.join(KINDS)}", item.line)
        old_id, reason = require(item, "id", path), require(item, "reason", path)
        record = RetiredId(kind, old_id, str(item.get("replaced_by") or ""), reason, item.line)
        if (kind, record.id) in seen:
            raise InputError(path, f"{kind} id '{record.id}' is retired twice", item.line)
        seen.add((kind, record.id))
        retired.append(record)
    return retired


def check_retired(retired: list[RetiredId], live: dict[str, set[str]], path: Path) -> None:
    """A retired id must name nothing now.

    That its replacement exists is checked on the real lists (tests/test_retired_ids.py), not
    here: a build of other lists (a benchmark, a test excerpt) need not hold every paper.
    """
    for record in retired:
        if record.id in live[record.kind]:
            message = f"{record.kind} id '{record.id}' is retired but is in use again"
            raise InputError(path, message, record.line)
