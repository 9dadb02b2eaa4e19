"""Every item of a list is kept as an entry of its own, even where markdown puts two on one line."""

from __future__ import annotations

import pickle
import shutil
import sqlite3
from dataclasses import fields

import pytest
from conftest import MANIFEST, TAXONOMY, papers_of, read_excerpt

import atlas.build.parse_pool  # noqa: F401  (registers how entries are pickled)
from atlas.build.parsers.markdown_tree import ListItem, _list_item
from atlas.build.pipeline import build
from atlas.build.records import Entry, entry_of_values, entry_with, new_entry

# --- items nested on one line --------------------------------------------------------------


def test_a_list_nested_on_its_parents_line_keeps_both_items():
    wrapper, paper = read_excerpt("bold_title_fullwidth", """
        * * **On the convergence proof of AMSGrad and a new version**，*Tran Thi Phuong,  Le Trieu Phong*，IEEE Access，2019
    """)
    assert (wrapper.line, wrapper.item, wrapper.kind) == (1, 0, "other")
    assert "nested on its line" in wrapper.reason
    assert (paper.line, paper.item, paper.kind) == (1, 1, "paper")
    assert paper.title == "On the convergence proof of AMSGrad and a new version"
    assert wrapper.ref != paper.ref


def test_a_numbered_item_inside_a_bullet_on_one_line_is_read_as_the_paper():
    entries = read_excerpt("venue_year_headings", """
        ## NIPS'19
        - 1. Difan Zou, Quanquan Gu. An Improved Analysis of Training Over-parameterized Deep Neural Networks
    """)
    [paper] = papers_of(entries)
    assert (paper.line, paper.item) == (2, 1)
    assert paper.authors == ("Difan Zou", "Quanquan Gu")
    assert (paper.venue, paper.year, paper.label) == ("NIPS'19", 2019, "")


def test_a_note_under_an_item_nested_on_one_line_belongs_to_that_item():
    entries = read_excerpt("venue_year_headings", """
        ## NIPS'19
        - - Difan Zou, Quanquan Gu. An Improved Analysis of Training Over-parameterized Deep Neural Networks
            - the ratio between width and depth matters
    """)
    note = entries[-1]
    assert note.kind == "note"
    assert note.parent_ref == ("excerpt", 2, 1)


def test_a_build_with_items_nested_on_one_line_keeps_every_item(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MANIFEST.parent, data)
    for name, old, new in [
        ("003_61fd843217666980.txt", "* **On the convergence proof of AMSGrad", "* * **On the convergence proof of AMSGrad"),
        ("001_291fab3290cb6b5f.txt", "- Noam Shazeer and Mitchell Stern.", "- 1. Noam Shazeer and Mitchell Stern."),
    ]:
        path = data / "sources" / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    build(data / "sources.yml", tmp_path / "dist", data, TAXONOMY)
    db = sqlite3.connect(tmp_path / "dist" / "atlas.db")
    rows = db.execute(
        "select source_id, item, kind, paper_id from entries where raw like '* * **On the convergence proof%'"
        " or raw like '- 1. Noam Shazeer%' order by source_id, item"
    ).fetchall()
    assert rows == [
        ("optimization", 0, "other", None),
        ("optimization", 1, "paper", "adafactor-adaptive-learning-rates-with-sublinear-memory-cost"),
        ("optimization-analysis", 0, "other", None),
        ("optimization-analysis", 1, "paper", "on-the-convergence-proof-of-amsgrad-and-a-new-version"),
    ]


# --- records made from their values ----------------------------------------------------------


def _distinct_values(record_class) -> list:
    """A value for each field that no other field has, so a field set from the wrong one shows."""
    return [f"value of {field.name}" for field in fields(record_class)]


def test_a_record_made_from_its_values_equals_the_one_its_class_makes():
    for record_class, made_by in ((Entry, entry_of_values), (ListItem, _list_item)):
        values = _distinct_values(record_class)
        record = made_by(*values)
        assert type(record) is record_class
        assert record == record_class(*values) and repr(record) == repr(record_class(*values))
        assert hash(record) == hash(record_class(*values))
    entry = Entry(*_distinct_values(Entry))
    assert pickle.loads(pickle.dumps(entry)) == entry
    assert entry_with(entry, paper_id="p") == Entry(*_distinct_values(Entry)[:-3], "p", *_distinct_values(Entry)[-2:])
    assert new_entry(source_id="s", line=1, section=(), kind="paper", raw="r") == Entry("s", 1, (), "paper", "r")


def test_an_entry_needs_its_fields_and_knows_no_other():
    with pytest.raises(TypeError, match="needs 'raw'"):
        new_entry(source_id="s", line=1, section=(), kind="paper")
    with pytest.raises(TypeError, match="no field 'titel'"):
        new_entry(source_id="s", line=1, section=(), kind="paper", raw="r", titel="T")
