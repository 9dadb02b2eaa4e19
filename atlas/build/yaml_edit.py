"""Edit a curated YAML file line by line: only the lines an update changes, comments and order kept.

A YAML library that writes a document back would drop the comments curators write beside their
data; these edits touch one list item's lines and leave every other byte as it was. The places
come from the loader's line numbers (atlas/build/yamlfile.py); each edit is checked by loading
the result again before anything is written (`update.py`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from atlas.build.records import Upstream
from atlas.build.yamlfile import load_yaml

_PLAIN = re.compile(r"[A-Za-z0-9_./@+~-][A-Za-z0-9_./:@+~%=?&#-]*")
# Plain words YAML 1.1 reads as something else than text: numbers, times, booleans, null.
_NOT_TEXT = re.compile(r"[-+.\d_:eE]+|true|false|yes|no|on|off|y|n|null|~", re.IGNORECASE)


def scalar(value: str) -> str:
    """A YAML text as written in a file: plain when YAML reads it back as the same text."""
    if _PLAIN.fullmatch(value) and not _NOT_TEXT.fullmatch(value):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def item_spans(path: Path, key: str) -> list[tuple[int, int]]:
    """The 0-based [start, end) line range of each item of the top-level list `key`.

    An item ends where the next begins; the last ends at the last line indented deeper than its
    dash (blank and comment lines after it belong to what follows)."""
    document = load_yaml(path)
    items = document.get(key) if isinstance(document, dict) else None
    lines = path.read_text(encoding="utf-8").split("\n")
    starts = [line - 1 for line in getattr(items, "item_lines", [])]
    spans = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        dash = len(lines[start]) - len(lines[start].lstrip())
        while end > start + 1 and not _deeper(lines[end - 1], dash):
            end -= 1
        spans.append((start, end))
    return spans


def _deeper(line: str, column: int) -> bool:
    stripped = line.lstrip()
    return bool(stripped) and not stripped.startswith("#") and len(line) - len(stripped) > column


def set_key(lines: list[str], span: tuple[int, int], key: str, value: str | list[str]) -> list[str]:
    """Lines of the item in `span` with `key` set: a one-line value (a YAML scalar as written) or a
    block (its lines, unindented). A key the item lacks is added at its end."""
    start, end = span
    item = lines[start:end]
    column = len(item[0]) - len(item[0].lstrip()) + 2  # the item's keys stand after "- "
    pattern = re.compile(rf"\s*(?:-\s+)?{re.escape(key)}:")
    found = next((i for i, text in enumerate(item) if pattern.match(text)), None)
    if found is None:
        prefix, found, stop = " " * column, len(item), len(item)
    else:
        prefix = re.match(r"\s*(?:-\s+)?", item[found]).group(0)
        stop = found + 1
        while stop < len(item) and _deeper(item[stop], column):
            stop += 1
    if isinstance(value, str):
        new = [f"{prefix}{key}: {value}"]
    else:
        new = [f"{prefix}{key}:"] + [" " * (column + 2) + text for text in value]
    return item[:found] + new + item[stop:]


def upstream_lines(upstream: Upstream) -> list[str]:
    """The `upstream:` block of a manifest entry; revision and checksum always quoted, as a
    revision of digits could otherwise read as a number."""
    lines = [f"url: {scalar(upstream.url)}"]
    if upstream.path:
        lines.append(f"path: {scalar(upstream.path)}")
    if upstream.revision:
        lines.append(f"revision: {json.dumps(upstream.revision, ensure_ascii=False)}")
    if upstream.sha256:
        lines.append(f'sha256: "{upstream.sha256}"')
    return lines
