"""Hostile or broken input: every curated YAML file and every source either builds or stops the
build with one `file:line: message`, never a traceback, never a silently wrong value."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from atlas.build.errors import InputError
from atlas.build.pipeline import build, build_dataset
from atlas.build.records import Source
from atlas.build.sources import read_source


@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of data/ and taxonomy/ to break one file at a time."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "taxonomy", tmp_path / "taxonomy")
    return tmp_path


def load(tree: Path):
    return build_dataset(tree / "data" / "sources.yml", tree / "data", tree / "taxonomy")


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first `old` with `new`; return the 1-based line it was on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def fails_with(tree: Path, where: str, *words: str) -> str:
    with pytest.raises(InputError) as raised:
        load(tree)
    message = str(raised.value)
    assert where in message, message
    for word in words:
        assert word in message, message
    return message


# --- broken YAML ---------------------------------------------------------------------------

def test_a_list_inside_broader_names_the_concept_line(tree):
    line = edit(tree / "taxonomy" / "concepts.yml", "broader: [optimization]", "broader: [[optimization]]")
    fails_with(tree, f"concepts.yml:{line}:", "must be text, not a list")


def test_deep_nesting_is_refused_without_exhausting_the_stack(tree):
    line = edit(tree / "taxonomy" / "concepts.yml", "broader: [optimization]", "broader: " + "[" * 5000)
    fails_with(tree, f"concepts.yml:{line}:", "nested deeper than")


def test_a_nul_byte_names_its_line(tree):
    line = edit(tree / "data" / "venues.yml", "name: ICLR", "name: IC\x00LR")
    fails_with(tree, f"venues.yml:{line}:", "character 0x0 is not allowed")


def test_invalid_utf8_names_its_line(tree):
    path = tree / "data" / "people.yml"
    data = path.read_bytes()
    path.write_bytes(data.replace(b"Adil SALIM", b"Adil S\xc3LIM"))
    line = data[: data.index(b"Adil SALIM")].count(b"\n") + 1
    fails_with(tree, f"people.yml:{line}:", "not valid UTF-8")


def test_a_byte_order_mark_at_the_start_is_accepted(tree):
    for path in [tree / "data" / "sources.yml", tree / "taxonomy" / "scheme.yml"]:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load(tree).report["papers"] == 372


def test_a_list_where_a_mapping_belongs(tree):
    (tree / "data" / "merges.yml").write_text("- same\n- different\n")
    fails_with(tree, "merges.yml:1:", "the file must be a mapping, not a list")


def test_a_list_of_words_where_a_list_of_mappings_belongs(tree):
    line = edit(tree / "data" / "venues.yml", "venues:\n", "venues: [neurips, icml]\nold_venues:\n")
    fails_with(tree, f"venues.yml:{line}:", "item 1 of 'venues' must be a mapping, not text")


def test_a_key_that_is_a_list_is_refused(tree):
    line = edit(tree / "data" / "people.yml", '  "Adil SALIM": Adil Salim', "  ? [Adil]\n  : Adil Salim")
    fails_with(tree, f"people.yml:{line}:", "a key must be a plain word")


def test_aliases_cannot_expand_a_small_file(tree):
    edit(tree / "data" / "merges.yml", "same: []", "same: &a [[x, x]]\nbig: [*a, *a, *a]")
    fails_with(tree, "merges.yml:", "aliases (*a) are not allowed")


def test_an_unknown_key_is_named_with_the_known_ones(tree):
    line = edit(tree / "taxonomy" / "concepts.yml", "    top: true\n", "    top: true\n    narrower: [x]\n")
    fails_with(tree, f"concepts.yml:{line + 1}:", "unknown key 'narrower'", "known: id, top, broader")


def test_an_empty_optional_file_is_allowed_and_a_required_one_is_not(tree):
    (tree / "data" / "merges.yml").write_text("# nothing to force yet\n")
    assert load(tree).report["papers"] == 372
    (tree / "taxonomy" / "scheme.yml").write_text("")
    fails_with(tree, "scheme.yml:1:", "must be a mapping, not empty")


# --- YAML 1.1 types are never silently converted -------------------------------------------

def test_a_hexadecimal_license_does_not_become_16(tree):
    line = edit(tree / "data" / "sources.yml", "license: not stated in the list", "license: 0x10")
    fails_with(tree, f"sources.yml:{line}:", "'license' must be text, not a number", "quotes")


def test_a_yes_no_alias_does_not_become_a_boolean(tree):
    line = edit(tree / "data" / "venues.yml", "aliases: [UAI]", "aliases: [UAI, no]")
    fails_with(tree, f"venues.yml:{line}:", "must be text, not true/false")


def test_a_date_must_be_a_date(tree):
    line = edit(tree / "taxonomy" / "scheme.yml", "created: 2026-11-23", "created: soon")
    fails_with(tree, f"scheme.yml:{line}:", "'created' must be a date")


# --- ids: syntax and uniqueness ------------------------------------------------------------

@pytest.mark.parametrize("bad_id", ['"-"', "a/b", "ICLR", "a--b", "7"])
def test_a_malformed_venue_id_is_rejected(tree, bad_id):
    line = edit(tree / "data" / "venues.yml", "id: iclr", f"id: {bad_id}")
    fails_with(tree, f"venues.yml:{line}:", "'id'")


def test_a_duplicate_venue_id_is_rejected(tree):
    line = edit(tree / "data" / "venues.yml", "id: colt", "id: iclr")
    fails_with(tree, f"venues.yml:{line}:", "duplicate id 'iclr'")


def test_a_duplicate_source_id_is_rejected(tree):
    line = edit(tree / "data" / "sources.yml", "id: phenomena", "id: dynamics")
    fails_with(tree, f"sources.yml:{line}:", "duplicate id 'dynamics'")


def test_a_duplicate_concept_id_is_rejected(tree):
    line = edit(tree / "taxonomy" / "concepts.yml", "id: gradient-descent", "id: optimization")
    fails_with(tree, f"concepts.yml:{line}:", "duplicate id 'optimization'")


def test_a_mapping_target_must_be_an_id(tree):
    line = edit(tree / "taxonomy" / "sources" / "phenomena.yml", "exactMatch: [double-descent]",
                "exactMatch: [Double Descent]")
    fails_with(tree, f"phenomena.yml:{line}:", "'Double Descent' must be a lowercase id")


# --- sources: regular files of the manifest's folder, bounded, with items -------------------

def point_source_at(tree: Path, file: str) -> int:
    return edit(tree / "data" / "sources.yml", "file: sources/003_61fd843217666980.txt", f"file: {file}")


@pytest.mark.parametrize("file", ["/etc/passwd", "../../../../etc/passwd", "/dev/zero", "sources/../../x.txt"])
def test_a_source_outside_the_manifest_folder_is_refused(tree, file):
    line = point_source_at(tree, file)
    fails_with(tree, f"sources.yml:{line}:", "outside the manifest's folder")


def test_a_symlink_out_of_the_manifest_folder_is_refused(tree):
    (tree / "data" / "sources" / "link.txt").symlink_to("/etc/passwd")
    line = point_source_at(tree, "sources/link.txt")
    fails_with(tree, f"sources.yml:{line}:", "outside the manifest's folder")


def test_a_device_reached_through_a_symlink_inside_is_refused(tree):
    os.symlink("/dev/zero", tree / "data" / "zero")
    shutil.move(tree / "data" / "zero", tree / "data" / "sources" / "zero")
    line = point_source_at(tree, "sources/zero")
    fails_with(tree, f"sources.yml:{line}:", "outside the manifest's folder")


def test_a_folder_or_a_pipe_is_not_a_source(tree):
    (tree / "data" / "sources" / "folder").mkdir()
    line = point_source_at(tree, "sources/folder")
    fails_with(tree, f"sources.yml:{line}:", "'sources/folder' is not a regular file")
    os.mkfifo(tree / "data" / "sources" / "pipe")
    edit(tree / "data" / "sources.yml", "file: sources/folder", "file: sources/pipe")
    fails_with(tree, f"sources.yml:{line}:", "'sources/pipe' is not a regular file")


def test_a_missing_source_names_the_manifest_line(tree):
    line = point_source_at(tree, "sources/nowhere.txt")
    fails_with(tree, f"sources.yml:{line}:", "cannot read source file 'sources/nowhere.txt'")


def test_a_source_larger_than_the_bound_is_refused(tree, monkeypatch):
    monkeypatch.setattr("atlas.build.sources.MAX_SOURCE_BYTES", 100_000)
    fails_with(tree, "sources.yml:", "'sources/002_7c4f858ec4966e05.txt' is larger than 100,000 bytes")


def test_reading_refuses_what_the_manifest_check_did_not_see(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    source = Source(id="piped", title="piped", file="pipe", format="in_venue_pdf")
    with pytest.raises(InputError, match="source 'piped' is not a regular file"):
        read_source(source, tmp_path)


def test_a_source_with_no_list_items_stops_the_build(tree):
    (tree / "data" / "sources" / "003_61fd843217666980.txt").write_text("# Analysis\n\nNothing yet.\n")
    fails_with(tree, "003_61fd843217666980.txt:1:", "source 'optimization-analysis' has no list items")


def nest_first_item(tree: Path, depth: int) -> tuple[Path, int]:
    path = tree / "data" / "sources" / "003_61fd843217666980.txt"
    line = edit(path, "* **On the convergence of a class", "* " * depth + "**On the convergence of a class")
    return path, line


def test_items_nested_ten_deep_are_all_kept(tree):
    nest_first_item(tree, 12)
    entries = [e for e in load(tree).entries if e.source_id == "optimization-analysis"]
    assert len(entries) == 8 + 12  # markdown-it's default nesting limit kept 10 of the 12 on that line


def test_items_nested_deeper_than_the_parser_reads_stop_the_build(tree):
    path, line = nest_first_item(tree, 25)
    fails_with(tree, f"{path.name}:{line}:", "lists or quotes nested more than 20 deep")


@pytest.mark.parametrize("only", ["dynamics", "optimization"])
def test_a_manifest_of_one_list_without_authors_or_links_builds_every_table(tree, only):
    manifest = tree / "data" / "sources.yml"
    document = yaml.safe_load(manifest.read_text())
    document["sources"] = [source for source in document["sources"] if source["id"] == only]
    manifest.write_text(yaml.safe_dump(document))
    build(manifest, tree / "dist", tree / "data", tree / "taxonomy")
    db = sqlite3.connect(tree / "dist" / "atlas.db")
    tables = {name for (name,) in db.execute("select name from sqlite_master where type = 'table'")}
    assert {"authors", "author_names", "paper_authors", "links", "keywords", "paper_keywords"} <= tables
    assert db.execute("select count(*) from entries").fetchone()[0] > 0


def test_the_command_line_reports_a_broken_file_in_one_line(tree):
    edit(tree / "taxonomy" / "concepts.yml", "broader: [optimization]", "broader: [[optimization]]")
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--sources", str(tree / "data" / "sources.yml"),
         "--curation", str(tree / "data"), "--taxonomy", str(tree / "taxonomy"), "--out", str(tree / "dist")],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: {tree / 'taxonomy' / 'concepts.yml'}:")
    assert not (tree / "dist").exists()
