"""Author identity by evidence, measured on the real atlas against merges judged by hand."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import yaml
from conftest import read_excerpt

from atlas.build.names import repair_author_list

LABELLED = Path(__file__).parent / "data" / "author_merges.yml"


def _occurrence_author(db: sqlite3.Connection, entry: str, position: int, written: str) -> str:
    source_id, line, item = entry.split(":")
    row = db.execute(
        "select written, author_id from entry_authors where source_id = ? and line = ? and item = ? and position = ?",
        [source_id, int(line), int(item), position],
    ).fetchone()
    assert row is not None and row[0] == written, (entry, position, written, row)
    return row[1]


def _person_author(db: sqlite3.Connection, pair: dict) -> str:
    if "other_entry" in pair:
        written = pair.get("other_written", pair["written"])
        return _occurrence_author(db, pair["other_entry"], pair["other_position"], written)
    [(author_id,)] = db.execute(  # a spelling some list writes, or the author's canonical name
        "select author_id from author_names where name = ? union select id from authors where name = ?",
        [pair["person"], pair["person"]],
    ).fetchall()
    return author_id


def test_author_merges_are_right_on_the_labelled_set(built_atlas):
    labelled = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    db = sqlite3.connect(built_atlas)
    for block in ("initials_onto_full_names", "other_merges"):
        pairs = labelled[block]
        merged = [
            pair["same"] for pair in pairs
            if _occurrence_author(db, pair["entry"], pair["position"], pair["written"]) == _person_author(db, pair)
        ]
        same = sum(pair["same"] for pair in pairs)
        precision = sum(merged) / max(1, len(merged))
        print(f"{block}: {len(pairs)} judged, {same} same; the build merges {len(merged)}, "
              f"precision {precision:.3f}, recall {sum(merged) / max(1, same):.3f}")
        assert precision >= 0.98, block
    assert len(labelled["initials_onto_full_names"]) == 113


def test_no_two_positions_of_one_paper_are_one_author(built_atlas):
    db = sqlite3.connect(built_atlas)
    twice = db.execute(
        "select paper_id, author_id from paper_authors group by paper_id, author_id having count(*) > 1"
    ).fetchall()
    assert twice == []
    twice_in_an_entry = db.execute(
        "select source_id, line, item, author_id from entry_authors"
        " group by source_id, line, item, author_id having count(*) > 1"
    ).fetchall()
    assert twice_in_an_entry == []


def test_the_issue_examples_are_told_apart(built_atlas):
    db = sqlite3.connect(built_atlas)
    mean_field = db.execute(
        "select position, author_id from paper_authors"
        " where paper_id = 'a-mean-field-analysis-of-deep-resnet-and-beyond-towards-provably-68400f'"
        " order by position"
    ).fetchall()
    assert mean_field[:3] == [(1, "lu-yiping"), (2, "ma-chao"), (3, "lu-yulong")]
    assert db.execute("select author_id from entry_authors where written = 'P. T. P. Tang'").fetchone() != ("tang-peng",)
    resnet = {a for (a,) in db.execute("select author_id from entry_authors where written = 'Sun, J.'")}
    assert "sun-jimeng" not in resnet


def test_an_author_written_twice_in_one_list_is_kept_once():
    names, dropped = repair_author_list(("Arthur da Cunha", "Emanuele Natale", "Laurent Viennot", "Laurent_Viennot"))
    assert names == ("Arthur da Cunha", "Emanuele Natale", "Laurent Viennot")
    assert dropped == ["Laurent_Viennot"]
    # Initials alone prove nothing: the two "Lu, Y." of the deep-ResNet mean-field paper stay.
    assert repair_author_list(("Lu, Y.", "Ma, C.", "Lu, Y."))[0] == ("Lu, Y.", "Ma, C.", "Lu, Y.")


def test_the_repeated_author_is_dropped_with_a_warning_on_its_entry():
    entries = read_excerpt("awesome_digest", """
        - Proving the Lottery Ticket Hypothesis for Convolutional Neural Networks. [[paper]](https://openreview.net/forum?id=Vjki79-619-)
          - Arthur da Cunha, Emanuele Natale, Laurent Viennot, Laurent_Viennot. *ICLR 2022*
    """)
    assert entries[0].authors == ("Arthur da Cunha", "Emanuele Natale", "Laurent Viennot")
    assert entries[0].warning == "author listed twice: Laurent_Viennot"


def test_a_title_that_swallowed_its_author_list_is_split_and_the_id_follows_the_title(built_atlas):
    [entry] = read_excerpt("venue_year_headings", """
        - Priya Goyal, Piotr Dollár, Ross Girshick, Pieter Noordhuis, Lukasz Wesolowski, Aapo Kyrola, Andrew Tulloch, Yangqing Jia, and Kaiming He. Accurate, large minibatch sgd: training imagenet in 1 hour. arxiv'17
    """)
    assert entry.title == "Accurate, large minibatch sgd: training imagenet in 1 hour"
    assert entry.authors[0] == "Priya Goyal" and entry.authors[-1] == "Kaiming He" and len(entry.authors) == 9
    db = sqlite3.connect(built_atlas)
    ids = {paper_id for (paper_id,) in db.execute("select id from papers where title like 'Accurate, large%'")}
    assert ids == {"accurate-large-minibatch-sgd-training-imagenet-in-1-hour"}
