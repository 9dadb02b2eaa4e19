"""The real build's outputs, byte for byte, against the fingerprint of the build before them.

tests/data/build_fingerprint.json holds the SHA-256 of every file of dist/ and of each table of
atlas.db (tests/build_fingerprint.py says how to regenerate it). A change that only makes the
build faster or tidier must leave it as it is; a legitimate change of the published data
regenerates it in the same commit, so the change shows in review.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from build_fingerprint import fingerprint

from atlas.build.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = json.loads((ROOT / "tests" / "data" / "build_fingerprint.json").read_text(encoding="utf-8"))


def build_real_lists(out: Path) -> dict[str, dict[str, str]]:
    build(ROOT / "data" / "sources.yml", out, ROOT / "data", ROOT / "taxonomy")
    return fingerprint(out)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, dict[str, str]]:
    """A build of its own: other tests add files to the shared one (screenshots, templates)."""
    return build_real_lists(tmp_path_factory.mktemp("fingerprinted") / "dist")


def test_every_output_file_is_byte_identical_to_the_fingerprinted_build(built):
    assert sorted(built["files"]) == sorted(EXPECTED["files"])
    changed = [name for name in EXPECTED["files"] if built["files"][name] != EXPECTED["files"][name]]
    assert changed == []


def test_every_table_of_the_database_holds_the_fingerprinted_schema_and_rows(built):
    changed = sorted(
        name for name in EXPECTED["tables"].keys() | built["tables"].keys()
        if built["tables"].get(name) != EXPECTED["tables"].get(name)
    )
    assert changed == []


def test_a_second_build_of_the_same_inputs_is_byte_identical(built, tmp_path):
    assert build_real_lists(tmp_path / "dist") == built
