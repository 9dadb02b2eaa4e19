"""The whole build: nothing lost, deterministic exports, bad input stops it cleanly."""

from __future__ import annotations

import csv
import io
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import CURATION, MANIFEST, ROOT, TAXONOMY

from atlas.build.errors import InputError
from atlas.build.pipeline import build

LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s")
COMMENT = re.compile(r"^\[//\]:\s*#\s*\((.*)\)\s*$")


def count_list_items(path: Path) -> int:
    """Count list items straight from the file, commented-out ones included: an independent tally."""
    count = 0
    for line in path.read_text(encoding="utf-8").split("\n"):
        revealed = COMMENT.match(line)
        if LIST_ITEM.match(revealed[1] if revealed else line):
            count += 1
    return count


def test_every_list_item_of_every_source_is_an_entry(built_atlas):
    manifest = yaml.safe_load(MANIFEST.read_text())
    db = sqlite3.connect(built_atlas)
    for source in manifest["sources"]:
        expected = count_list_items(MANIFEST.parent / source["file"])
        (entries,) = db.execute("select count(*) from entries where source_id = ?", [source["id"]]).fetchone()
        assert entries == expected, source["id"]


def test_every_entry_is_a_paper_or_says_why_not(built_atlas):
    db = sqlite3.connect(built_atlas)
    unexplained = db.execute(
        "select source_id, line from entries where kind in ('other', 'rejected') and reason is null"
    ).fetchall()
    assert unexplained == []
    orphans = db.execute("select count(*) from entries where kind in ('paper', 'note') and paper_id is null")
    assert orphans.fetchone() == (0,)


def test_entry_counts_per_source_and_kind(built_atlas):
    db = sqlite3.connect(built_atlas)
    counts = dict(
        ((source, kind), n)
        for source, kind, n in db.execute("select source_id, kind, count(*) from entries group by 1, 2")
    )
    assert counts[("dynamics", "paper")] == 63
    assert counts[("optimization", "label")] == 3 and counts[("optimization", "note")] == 6
    assert counts[("phenomena", "paper")] == 210
    assert counts[("theory-course", "paper")] == 75
    hidden = db.execute("select count(*) from entries where source_id = 'theory-course' and hidden and kind = 'paper'")
    assert hidden.fetchone() == (36,)


def test_foreign_keys_hold_and_are_indexed(built_atlas):
    db = sqlite3.connect(built_atlas)
    assert db.execute("pragma foreign_key_check").fetchall() == []
    for (table,) in db.execute("select name from sqlite_master where type = 'table' and name not like '%fts%'"):
        indexed = {row[2] for row in db.execute(f"select * from pragma_index_list('{table}')")
                   for row in db.execute(f"select * from pragma_index_info('{row[1]}')")}
        first_pk = [row[1] for row in db.execute(f"pragma table_info('{table}')") if row[5] == 1]
        for fk in db.execute(f"pragma foreign_key_list('{table}')"):
            assert fk[3] in indexed | set(first_pk), f"{table}.{fk[3]} has no index"


def export_every_table(database: Path) -> dict[str, str]:
    db = sqlite3.connect(database)
    exports = {}
    tables = [name for (name,) in db.execute("select name from sqlite_master where type in ('table', 'view') "
                                             "and name not like 'papers_fts%' and name not like 'sqlite_%' order by name")]
    for table in tables:
        cursor = db.execute(f"select * from [{table}] order by 1, 2")
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([column[0] for column in cursor.description])
        writer.writerows(cursor)
        exports[table] = buffer.getvalue()
    return exports


def test_two_builds_give_byte_identical_csv_exports_of_every_table(built_atlas, tmp_path):
    build(MANIFEST, tmp_path / "again", CURATION, TAXONOMY)
    first, second = export_every_table(built_atlas), export_every_table(tmp_path / "again" / "atlas.db")
    assert first.keys() == second.keys() and len(first) >= 12
    for table in first:
        assert first[table] == second[table], table
    assert (built_atlas.parent / "build-report.json").read_bytes() == \
        (tmp_path / "again" / "build-report.json").read_bytes()


# --- bad input: one clear line, non-zero exit, previous dist untouched ------------------------

@pytest.fixture
def workspace(tmp_path) -> Path:
    """A copy of data/ and a previous good build, to break one file at a time."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    build(tmp_path / "data" / "sources.yml", tmp_path / "dist", tmp_path / "data", TAXONOMY)
    return tmp_path


def run_build(workspace: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--sources", str(workspace / "data" / "sources.yml"),
         "--out", str(workspace / "dist"), "--curation", str(workspace / "data")],
        capture_output=True, text=True,
    )


def assert_fails_cleanly(workspace: Path, *expected_in_message: str) -> None:
    before = (workspace / "dist" / "atlas.db").read_bytes()
    result = run_build(workspace)
    assert result.returncode != 0
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert "Traceback" not in message
    for expected in expected_in_message:
        assert expected in message
    assert (workspace / "dist" / "atlas.db").read_bytes() == before
    assert sorted(p.name for p in workspace.iterdir()) == [".dist-builds", "data", "dist"]
    assert sorted(p.name for p in (workspace / ".dist-builds").iterdir()) == ["1", "lock"]  # no staging left


def test_missing_source_file_names_the_file(workspace):
    (workspace / "data" / "sources" / "001_291fab3290cb6b5f.txt").unlink()
    assert_fails_cleanly(workspace, "001_291fab3290cb6b5f.txt", "cannot read")


def test_source_that_is_not_utf8_names_file_and_line(workspace):
    path = workspace / "data" / "sources" / "003_61fd843217666980.txt"
    path.write_bytes(path.read_bytes().replace(b"Analysis", b"An\xffalysis", 1))
    assert_fails_cleanly(workspace, "003_61fd843217666980.txt:1:", "UTF-8")


def test_manifest_that_is_not_valid_yaml_names_file_and_line(workspace):
    manifest = workspace / "data" / "sources.yml"
    manifest.write_text(manifest.read_text().replace("  - id: optimization\n", "  - id: [optimization\n"))
    assert_fails_cleanly(workspace, "sources.yml:", "invalid YAML")


def test_unknown_format_names_manifest_line(workspace):
    manifest = workspace / "data" / "sources.yml"
    manifest.write_text(manifest.read_text().replace("format: apa_references", "format: bibtex"))
    assert_fails_cleanly(workspace, "sources.yml:", "unknown format 'bibtex'")


def test_manifest_entry_without_file_names_its_line(workspace):
    manifest = workspace / "data" / "sources.yml"
    text = manifest.read_text().replace("    file: sources/003_61fd843217666980.txt\n", "")
    manifest.write_text(text)
    line = text.splitlines().index("  - id: optimization-analysis") + 1
    assert_fails_cleanly(workspace, f"sources.yml:{line}:", "missing 'file'")


def test_venue_alias_table_that_does_not_validate(workspace):
    venues = workspace / "data" / "venues.yml"
    venues.write_text(venues.read_text().replace("    kind: conference", "    kind: party", 1))
    assert_fails_cleanly(workspace, "venues.yml:", "venue kind 'party'")


def test_input_error_reads_as_file_line_message():
    assert str(InputError("data/sources.yml", "missing 'file'", 12)) == "data/sources.yml:12: missing 'file'"
