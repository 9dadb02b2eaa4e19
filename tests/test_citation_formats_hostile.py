"""RIS and CSL-JSON that no value can break: every hostile string stays inside its own field of its
own reference, read back with rispy and citeproc-py (the strings are test_bibtex_hostile's)."""

from __future__ import annotations

import json
import sqlite3
import sys

import pytest
import rispy
from test_bibtex_hostile import HOSTILE, PWNED, cite, hostile_atlas  # noqa: F401 - a fixture
from test_citation_formats import formatted

from atlas.citations.csljson import csl_json
from atlas.citations.records import one_line
from atlas.citations.ris import ris

MORE_HOSTILE = [
    "ER  - ",
    "A title\nER  - \nTY  - JOUR\nTI  - injected",
    "line\u2028separator\u2029paragraph\x85next\x1crecord",
    "</script><script>alert(1)</script>",
    '"]}, {"id": "injected',
]


@pytest.mark.parametrize("value", HOSTILE + MORE_HOSTILE)
def test_a_hostile_value_in_every_field_stays_inside_its_ris_reference(value):
    records = rispy.loads(ris([cite("hostile", value), cite("next-paper")]))
    assert [record["id"] for record in records] == ["hostile", "next-paper"]
    hostile, following = records
    assert following["title"] == "A paper" and following["authors"] == ["A paper, A paper", "A paper, Arthur",
                                                                        "Jacot, A paper"]
    assert hostile.get("title", "") == one_line(value)
    assert len(hostile.get("authors", [])) == (3 if one_line(value) else 2)
    assert "unknown_tag" not in hostile


@pytest.mark.parametrize("value", HOSTILE + MORE_HOSTILE)
def test_a_hostile_value_in_every_field_stays_inside_its_csl_item_and_formats(value):
    items = json.loads(csl_json([cite("hostile", value), cite("next-paper")]))
    assert [item["id"] for item in items] == ["hostile", "next-paper"]
    hostile = items[0]
    assert hostile.get("title", "") == one_line(value)
    assert all("\n" not in text and "\u2028" not in text for text in map(str, hostile.values()))
    assert "A paper" in formatted(items, "next-paper")
    if one_line(value):
        assert formatted(items, "hostile")


def test_a_hostile_name_keeps_atlas_ris_and_csl_json_readable(hostile_atlas):  # noqa: F811
    papers = {paper_id for (paper_id,) in sqlite3.connect(hostile_atlas / "atlas.db").execute("select id from papers")}
    records = rispy.loads((hostile_atlas / "atlas.ris").read_text(encoding="utf-8"))
    assert {record["id"] for record in records} == papers
    written = [record for record in records if any("pwned" in name for name in record.get("authors", []))]
    assert len(written) == 1 and any(PWNED in name for name in written[0]["authors"])
    items = json.loads((hostile_atlas / "atlas.csl.json").read_text(encoding="utf-8"))
    assert {item["id"] for item in items} == papers


def test_one_line_folds_every_character_as_the_pattern_does_whatever_its_neighbours():
    """one_line skips the substitution for a printable value without a double space: that holds
    only while every character the pattern matches, but the space, is unprintable."""
    from atlas.citations.records import _BREAKS

    for code in range(sys.maxunicode + 1):
        character = chr(code)
        for text in (character, f"a{character}b", f" {character}", f"{character} ", f"a {character} b",
                     character * 2):
            assert one_line(text) == _BREAKS.sub(" ", text).strip(), hex(code)
