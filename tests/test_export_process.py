"""The RDF and citation exports run in fresh processes beside the database's second transaction
(atlas/build/export_process.py): they write what the build's own process would, and a child that
fails or runs over stops the build with one message, leaving dist/ as it was."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import CURATION, MANIFEST, TAXONOMY

import atlas.build.export_process
from atlas.build.errors import ExportFailed
from atlas.build.export_process import exports_beside, exports_started, write_export
from atlas.build.pipeline import DATABASE_NAME, build
from atlas.build.taxonomy import load_taxonomy
from atlas.cli import main

EXPORT_FILES = {
    "rdf": ["taxonomy.ttl", "taxonomy.jsonld", "atlas.nt", "atlas.ttl"],
    "bibtex": ["atlas.bib", "atlas.ris", "atlas.csl.json"],
}


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("exports") / "dist"
    build(MANIFEST, out, CURATION, TAXONOMY)
    return out


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


@pytest.mark.parametrize("name", EXPORT_FILES)
def test_each_export_written_in_its_own_process_equals_the_one_written_in_the_build_process(dist, name, tmp_path):
    write_export(name, dist / DATABASE_NAME, load_taxonomy(TAXONOMY), tmp_path)
    for file in EXPORT_FILES[name]:
        assert (tmp_path / file).read_bytes() == (dist / file).read_bytes(), file


def test_the_exports_write_the_same_files_beside_the_build_as_in_its_process(dist, tmp_path):
    beside, alone = tmp_path / "beside", tmp_path / "alone"
    for folder in (beside, alone):
        folder.mkdir()
    timings: dict[str, float] = {}
    with exports_beside(dist / DATABASE_NAME, load_taxonomy(TAXONOMY), beside, timings):
        pass
    for name in EXPORT_FILES:
        write_export(name, dist / DATABASE_NAME, load_taxonomy(TAXONOMY), alone)
    assert files_of(beside) == files_of(alone)
    assert sorted(files_of(beside)) == sorted(file for files in EXPORT_FILES.values() for file in files)
    assert {"rdf", "rdf_cpu", "bibtex", "bibtex_cpu"} <= set(timings)


def test_exports_started_before_their_database_exists_read_it_once_told(dist, tmp_path):
    early, alone = tmp_path / "early", tmp_path / "alone"
    for folder in (early, alone):
        folder.mkdir()
    database = tmp_path / DATABASE_NAME
    with exports_started(database, load_taxonomy(TAXONOMY), early) as committed:
        shutil.copyfile(dist / DATABASE_NAME, database)  # the build commits it meanwhile
        committed()
    for name in EXPORT_FILES:
        write_export(name, dist / DATABASE_NAME, load_taxonomy(TAXONOMY), alone)
    assert files_of(early) == files_of(alone)


def test_a_build_that_fails_before_its_database_is_ready_stops_with_its_own_error(tmp_path):
    with pytest.raises(RuntimeError, match="^the topic tables failed$"):
        with exports_started(tmp_path / DATABASE_NAME, load_taxonomy(TAXONOMY), tmp_path):
            raise RuntimeError("the topic tables failed")


def test_an_export_that_cannot_read_the_database_fails_with_the_childs_error(tmp_path):
    sqlite3.connect(tmp_path / DATABASE_NAME).close()  # a database without the atlas's tables
    with pytest.raises(ExportFailed) as failed:
        with exports_beside(tmp_path / DATABASE_NAME, load_taxonomy(TAXONOMY), tmp_path):
            pass
    assert str(failed.value).startswith("the RDF exports (taxonomy.ttl, taxonomy.jsonld, atlas.nt, atlas.ttl) "
                                        "failed: sqlite3.OperationalError: no such table: ")


def test_a_failing_export_stops_the_build_with_its_message_and_leaves_dist_as_it_was(
    dist, monkeypatch, capsys
):
    before = files_of(dist)
    monkeypatch.setitem(atlas.build.export_process.EXPORTS, "missing", "the missing export")
    status = main(["build", "--sources", str(MANIFEST), "--curation", str(CURATION),
                   "--taxonomy", str(TAXONOMY), "--out", str(dist)])
    assert status == 1
    assert capsys.readouterr().err == (
        "error: the missing export failed: ValueError: no export named 'missing'\n"
    )
    assert files_of(dist) == before


def test_an_export_that_runs_over_its_time_is_stopped_and_stops_the_build(dist, monkeypatch, tmp_path):
    monkeypatch.setattr(atlas.build.export_process, "WAIT_SECONDS", 0.0)
    with pytest.raises(ExportFailed, match=r"^the RDF exports .* took over 0 s and was stopped$"):
        with exports_beside(dist / DATABASE_NAME, load_taxonomy(TAXONOMY), tmp_path):
            pass
