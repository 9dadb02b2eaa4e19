"""The house rules a newcomer relies on, checked on the code: the site never imports the build, no
atlas modules import each other in a circle, and no function runs past a screen."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "atlas"
LONGEST_FUNCTION = 80


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, ast.Module]:
    return {module_name(path): ast.parse(path.read_text(encoding="utf-8")) for path in PACKAGE.rglob("*.py")}


def imports(tree: ast.Module, known: set[str], importer: str) -> set[str]:
    """The atlas modules a module imports, and the packages whose __init__ that import runs."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            for end in range(1, len(parts) + 1):
                prefix = ".".join(parts[:end])
                if prefix in known and prefix != importer and not importer.startswith(prefix + "."):
                    found.add(prefix)
    return found


def test_the_site_never_imports_a_build_module():
    trees = modules()
    for name, tree in trees.items():
        if name.startswith("atlas.site"):
            assert not {m for m in imports(tree, set(trees), name) if m.startswith("atlas.build")}, name


def test_no_atlas_modules_import_each_other_in_a_circle():
    trees = modules()
    graph = {name: imports(tree, set(trees), name) for name, tree in trees.items()}
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        assert name not in path, " → ".join([*path[path.index(name):], name])
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, [*path, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


def test_no_function_is_longer_than_a_screen():
    long = [f"{name}.{node.name}: {node.end_lineno - node.lineno + 1} lines"
            for name, tree in modules().items() for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno - node.lineno + 1 > LONGEST_FUNCTION]
    assert long == []
