"""Never rename an id: retire it, and say what replaced it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import MANIFEST, TAXONOMY

from atlas.build.errors import InputError
from atlas.build.pipeline import build
from atlas.build.retired import load_retired

PREVIOUS_RELEASE = Path(__file__).parent / "data" / "previous_release_ids.txt"


def test_every_id_of_the_previous_release_still_names_something_or_is_retired(built_atlas):
    db = sqlite3.connect(built_atlas)
    live = {("paper", i) for (i,) in db.execute("select id from papers")}
    live |= {("author", i) for (i,) in db.execute("select id from authors")}
    retired = {(kind, i): replaced for kind, i, replaced in db.execute("select kind, id, replaced_by from retired_ids")}
    lines = PREVIOUS_RELEASE.read_text().splitlines()
    previous = [tuple(line.split("|")) for line in lines if line and not line.startswith("#")]
    vanished = [kind_id for kind_id in previous if kind_id not in live]
    assert vanished and all(kind_id in retired for kind_id in vanished), vanished
    assert all((kind, retired[kind, i]) in live for kind, i in vanished)


def test_the_paper_whose_title_held_its_authors_is_retired_for_the_real_title(built_atlas):
    db = sqlite3.connect(built_atlas)
    row = db.execute("select replaced_by from retired_ids where id like 'priya-goyal-%'").fetchone()
    assert row == ("accurate-large-minibatch-sgd-training-imagenet-in-1-hour",)


def test_a_retired_id_in_use_again_stops_the_build_at_its_line(tmp_path):
    shutil.copytree(MANIFEST.parent, tmp_path / "data")
    path = tmp_path / "data" / "retired_ids.yml"
    path.write_text(path.read_text() + "  - {kind: paper, id: attention-is-all-you-need, reason: test}\n")
    with pytest.raises(InputError) as error:
        build(tmp_path / "data" / "sources.yml", tmp_path / "dist", tmp_path / "data", TAXONOMY)
    line = len(path.read_text().splitlines())
    assert str(error.value).endswith(
        f"retired_ids.yml:{line}: paper id 'attention-is-all-you-need' is retired but is in use again"
    )


@pytest.mark.parametrize("record, message", [
    ("  - {kind: author, id: old-id, replaced_by: new-id}", "missing 'reason' in item 6 of 'retired'"),
    ("  - {kind: venue, id: old-id, reason: test}", "kind 'venue' is not one of paper, author"),
    ("  - {kind: author, id: lu-j, reason: test}", "author id 'lu-j' is retired twice"),
])
def test_a_retirement_that_does_not_validate_names_its_line(tmp_path, record, message):
    path = tmp_path / "retired_ids.yml"
    path.write_text((MANIFEST.parent / "retired_ids.yml").read_text() + record + "\n")
    with pytest.raises(InputError) as error:
        load_retired(path)
    assert str(error.value).endswith(f"retired_ids.yml:{len(path.read_text().splitlines())}: {message}")
