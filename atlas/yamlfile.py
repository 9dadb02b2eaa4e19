"""Read curated YAML files, keeping the line each mapping starts on for error messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from atlas.errors import InputError


class LineMap(dict):
    """A YAML mapping that remembers its 1-based line in the file."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings are LineMaps."""


def _construct_line_map(loader: _LineLoader, node: yaml.MappingNode) -> LineMap:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:  # PyYAML would silently keep the last; curated files must not
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
        seen.add(key)
    mapping = LineMap(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_line_map)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; a missing or malformed file is an InputError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise InputError(path, f"invalid YAML: {error.problem or error}", line) from None


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
