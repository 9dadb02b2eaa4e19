"""Read curated YAML files, keeping the line of every value for error messages.

Whatever a file holds, reading it either returns plain data or raises an InputError naming the
file and line: bytes that are not UTF-8, characters YAML forbids (a NUL), nesting deeper than any
curated file needs, aliases (which could make a small file expand without bound) and keys that
are not plain scalars all stop here. What each file may hold is checked by `atlas.build.schemas`.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from atlas.build.errors import InputError

if TYPE_CHECKING:
    from atlas.build.schemas import Schema

# No curated file nests deeper than five; a hostile one must not exhaust Python's stack.
MAX_DEPTH = 32
# The largest curated file is some 30 KB; a bigger one is a mistake, not curation.
MAX_BYTES = 4 * 1024 * 1024


class LineMap(dict):
    """A YAML mapping that remembers its 1-based line, and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: Any) -> int:
        return getattr(self, "key_lines", {}).get(key, self.line)


class LineList(list):
    """A YAML sequence that remembers its 1-based line, and the line of each item."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        lines = getattr(self, "item_lines", [])
        return lines[index] if index < len(lines) else self.line


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings and sequences know their lines, with bounded nesting and no aliases."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"aliases (*{event.anchor}) are not allowed in curated files", event.start_mark
            )
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _construct_line_map(loader: _LineLoader, node: yaml.MappingNode) -> LineMap:
    mapping = LineMap()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain word, not a list or mapping", key_node.start_mark
            )
        if key in mapping:  # PyYAML would silently keep the last; curated files must not
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = value_node.start_mark.line + 1
    return mapping


def _construct_line_list(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    sequence = LineList(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_line_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_line_list)


def load_yaml(path: Path, schema: Schema | None = None) -> Any:
    """Parse a YAML file, and check it against `schema` when given; every problem is an InputError.

    A UTF-8 byte-order mark at the start is accepted (some editors write one) and ignored.
    """
    data = _read_bytes(path).removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(path, "not valid UTF-8", line) from None
    try:
        document = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise InputError(path, f"invalid YAML: {error.problem or error}", line) from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        message = f"invalid YAML: character {code:#x} is not allowed"
        raise InputError(path, message, line) from None
    except yaml.YAMLError as error:
        raise InputError(path, f"invalid YAML: {error}") from None
    except RecursionError:
        raise InputError(path, "invalid YAML: nested too deeply") from None
    if schema is not None:
        schema.check(document, path)
    return document


def _read_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_BYTES + 1)
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise InputError(path, f"cannot read: {reason}") from None
    if len(data) > MAX_BYTES:
        raise InputError(path, f"larger than {MAX_BYTES // (1024 * 1024)} MiB; not a curated file")
    return data


def require(mapping: Any, key: str, path: Path, kind: type = str) -> Any:
    """Fetch a required key of the expected type, or fail naming the mapping's line."""
    line = getattr(mapping, "line", None)
    if not isinstance(mapping, dict):
        raise InputError(path, f"expected a mapping with '{key}'", line)
    if key not in mapping or mapping[key] in (None, ""):
        raise InputError(path, f"missing '{key}'", line)
    if not isinstance(mapping[key], kind):
        raise InputError(path, f"'{key}' must be a {kind.__name__}", line)
    return mapping[key]
