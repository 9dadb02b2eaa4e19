"""Stage 1, read sources: the manifest and the text of each list it names."""

from __future__ import annotations

import codecs
import hashlib
import html
import os
import re
import stat
from dataclasses import replace
from pathlib import Path

from atlas.build.errors import InputError
from atlas.build.parsers import PARSERS
from atlas.build.records import Source, SourceText, Upstream
from atlas.build.schemas import SOURCES
from atlas.build.yamlfile import load_yaml, require

# `[//]: # (text)` is the markdown comment idiom: a link reference definition nobody renders.
# The course list keeps its draft lectures this way; we read them as hidden markdown.
_COMMENT_LINE = re.compile(r"^\[//\]:\s*#\s*\((?P<body>.*)\)\s*$")
# A link reference definition alone on its line (`[key]: https://…`): a revealed comment above it
# would open a paragraph that swallows it, and the items citing `[text][key]` would lose its address.
_DEFINITION_LINE = re.compile(r" {0,3}\[[^\]\n]+\]:[ \t]*\S")
# The largest list is 160 KB; a source a hundred times that is a wrong path, not a paper list.
MAX_SOURCE_BYTES = 16 * 1024 * 1024


def load_manifest(manifest_path: Path) -> list[Source]:
    """Read and validate the manifest; the parser registry decides which formats exist."""
    document = load_yaml(manifest_path, SOURCES)
    entries = document.get("sources") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        raise InputError(manifest_path, "expected a non-empty 'sources' list")
    sources: list[Source] = []
    seen: set[str] = set()
    for item in entries:
        line = getattr(item, "line", None)
        source_id = require(item, "id", manifest_path)
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", source_id):
            raise InputError(manifest_path, f"source id '{source_id}' must be a lowercase slug", line)
        if source_id in seen:
            raise InputError(manifest_path, f"duplicate source id '{source_id}'", line)
        seen.add(source_id)
        _check_inside(manifest_path, require(item, "file", manifest_path), item.line_of("file"))
        format_name = str(item.get("format") or "").strip() or "auto"  # a list in a style never seen
        if format_name not in PARSERS:
            known = ", ".join(sorted(PARSERS))
            raise InputError(manifest_path, f"unknown format '{format_name}' (known: {known})", line)
        sources.append(
            Source(
                id=source_id,
                title=require(item, "title", manifest_path),
                file=require(item, "file", manifest_path),
                format=format_name,
                origin=str(item.get("origin") or "").strip(),
                license=str(item.get("license") or "").strip(),
                upstream=_upstream(item.get("upstream"), manifest_path),
            )
        )
    return sources


def _upstream(item: dict | None, manifest_path: Path) -> Upstream | None:
    """Where the list comes from; read only, the build never fetches it (`build.py --update` does)."""
    if not item:
        return None
    url, path = str(item["url"]), str(item.get("path") or "")
    if not path and not re.match(r"https?://", url):
        message = "upstream without 'path' must be an http(s) address of the file; a git repository needs one"
        raise InputError(manifest_path, message, item.line_of("url"))
    return Upstream(url, path, str(item.get("revision") or ""), str(item.get("sha256") or ""))


def _check_inside(manifest_path: Path, file: str, line: int | None) -> None:
    """A source is a regular file of the manifest's folder, of bounded size: not an absolute path,
    nor one that a `..` or a symlink leads out of (the folder itself may be reached through
    symlinks). Reading checks again (`_read_regular_file`), in case the file changes between."""
    folder = manifest_path.parent.resolve()
    try:
        target = (folder / file).resolve()
    except (OSError, ValueError) as error:
        raise InputError(manifest_path, f"source file '{file}' is not a usable path: {error}", line) from None
    if not target.is_relative_to(folder) or target == folder:
        raise InputError(manifest_path, f"source file '{file}' is outside the manifest's folder", line)
    try:
        status = target.stat()
    except OSError as error:
        raise InputError(manifest_path, f"cannot read source file '{file}': {error.strerror}", line) from None
    if not stat.S_ISREG(status.st_mode):
        raise InputError(manifest_path, f"source file '{file}' is not a regular file", line)
    if status.st_size > MAX_SOURCE_BYTES:
        message = f"source file '{file}' is larger than {MAX_SOURCE_BYTES:,} bytes"
        raise InputError(manifest_path, message, line)


def read_source(source: Source, manifest_dir: Path) -> SourceText:
    """Read one list as UTF-8 and reveal its commented-out markdown, keeping line numbers."""
    path = manifest_dir / source.file
    data = _read_regular_file(path, source.id)
    try:
        text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")  # an editor's byte-order mark is no text
    except UnicodeDecodeError as error:
        line = data.removeprefix(codecs.BOM_UTF8)[: error.start].count(b"\n") + 1
        raise InputError(path, "not valid UTF-8", line) from None
    described = replace(source, sha256=hashlib.sha256(data).hexdigest())
    return source_text(described, path, text)


def _read_regular_file(path: Path, source_id: str) -> bytes:
    """The bytes of a regular file of bounded size: never a device, a pipe or a folder."""
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; it is refused below.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise InputError(path, f"cannot read source '{source_id}': {reason}") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise InputError(path, f"source '{source_id}' is not a regular file")
    with os.fdopen(descriptor, "rb") as file:
        data = file.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise InputError(path, f"source '{source_id}' is larger than {MAX_SOURCE_BYTES:,} bytes")
    return data


def require_items(document: SourceText, items: int) -> None:
    """A list with no items is a wrong file or a broken one: building without it would drop the
    whole list from the atlas while reporting success."""
    if items == 0:
        raise InputError(document.path, f"source '{document.source.id}' has no list items", 1)


def source_text(source: Source, path: Path, text: str) -> SourceText:
    """Reveal the commented-out markdown of a list; line numbers stay those of the file."""
    lines = text.split("\n")
    hidden: set[int] = set()
    for number, line_text in enumerate(lines, start=1):
        match = _COMMENT_LINE.match(line_text)
        if match and not _heads_definitions(lines, number):
            lines[number - 1] = html.unescape(match["body"])
            hidden.add(number)
    return SourceText(source, path, text, "\n".join(lines), frozenset(hidden))


def _heads_definitions(lines: list[str], number: int) -> bool:
    """A comment over link reference definitions (`[//]: # (Links)` over `[key]: url` lines) labels
    them and is no hidden markdown: left as written, markdown reads it as one more definition."""
    below = lines[number] if number < len(lines) else ""
    return bool(_DEFINITION_LINE.match(below)) and not _COMMENT_LINE.match(below)
