"""A paper that lacks a part its list's style expects is still a paper, with a warning.

`rejected` is for items that are not papers. tests/data/quirks/ holds short versions of the five
lists, in each list's real style, with the quirks of the lists' newer upstream versions.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import CURATION, TAXONOMY, read_excerpt

from atlas.build.pipeline import build

QUIRKS = Path(__file__).parent / "data" / "quirks" / "sources.yml"


def test_a_paper_with_no_venue_after_its_title_keeps_its_pdf_link_and_warns():
    [entry] = read_excerpt("in_venue_pdf", """
        - Three factors influencing minima in SGD. [[pdf](https://arxiv.org/pdf/1711.04623.pdf)]
    """)
    assert (entry.kind, entry.title, entry.venue, entry.year) == (
        "paper", "Three factors influencing minima in SGD", "", None)
    assert entry.arxiv_id == "1711.04623"
    assert entry.warning == "no *Venue Year* after the title"


def test_a_venue_written_without_italics_is_still_read():
    [entry] = read_excerpt("in_venue_pdf", """
        - How to escape saddle points efficiently. In ICML 2017. [[pdf](http://proceedings.mlr.press/v70/jin17a/jin17a.pdf)]
    """)
    assert (entry.title, entry.venue, entry.year) == ("How to escape saddle points efficiently", "ICML 2017", 2017)
    assert entry.warning == "venue not in *italics*"


def test_a_venue_that_is_only_a_year_or_lacks_its_year_is_read_with_a_warning():
    year_only, no_year = read_excerpt("in_venue_pdf", """
        - How to escape saddle points efficiently. In *2017*. [[pdf](http://proceedings.mlr.press/v70/jin17a/jin17a.pdf)]
        - How to escape saddle points efficiently. In *ICML*. [[pdf](http://proceedings.mlr.press/v70/jin17a/jin17a.pdf)]
    """)
    assert (year_only.venue, year_only.year, year_only.warning) == ("", 2017, "no venue before the year")
    assert (no_year.venue, no_year.year, no_year.warning) == ("ICML", None, "no year after the venue")


def test_a_digest_paper_with_no_paper_link_is_read_from_its_detail_lines():
    entries = read_excerpt("awesome_digest", """
        ### Empirical Study: 2021

        - Exploring the Limits of Large Scale Pre-training.
          - Samira Abnar, Mostafa Dehghani, Behnam Neyshabur, Hanie Sedghi. *ICLR 2022*
          - Key Word: Pre-training.
    """)
    paper = entries[0]
    assert (paper.kind, paper.title, paper.venue, paper.year) == (
        "paper", "Exploring the Limits of Large Scale Pre-training", "ICLR 2022", 2022)
    assert paper.authors[0] == "Samira Abnar" and paper.keywords == ("Pre-training",)
    assert paper.warning == "no [[paper]] link after the title" and paper.links == ()


@pytest.mark.parametrize("reference, warning", [
    ("Haber, E., & Ruthotto, L.(2017);. Stable architectures for deep neural networks. Inverse problems, 34(1), 014004.",
     "stray ';.' after the year"),
    ("Haber, E., & Ruthotto, L. 2017. Stable architectures for deep neural networks. Inverse problems, 34(1), 014004.",
     "year written '2017.', not '(2017).'"),
    ("Haber, E., & Ruthotto, L. (2017 Stable architectures for deep neural networks. Inverse problems, 34(1), 014004.",
     "year written '(2017', not '(2017).'"),
])
def test_a_typo_around_the_year_of_a_reference_still_gives_its_parts(reference, warning):
    [entry] = read_excerpt("apa_references", f"+ {reference}\n")
    assert (entry.kind, entry.title, entry.venue, entry.year) == (
        "paper", "Stable architectures for deep neural networks", "Inverse problems", 2017)
    assert entry.authors == ("Haber, E.", "Ruthotto, L.")
    assert entry.warning == warning


def test_a_fullwidth_entry_with_a_year_but_no_venue_does_not_take_the_year_for_a_venue():
    [entry] = read_excerpt("bold_title_fullwidth", """
        * **A Simple Convergence Proof of Adam and Adagrad**，*Alexandre Défossez, Léon Bottou, Francis Bach, Nicolas Usunier*，2020
    """)
    assert (entry.venue, entry.year, entry.warning) == ("", 2020, "no venue after the authors")


def test_items_that_are_not_papers_are_still_rejected_with_their_reason():
    assert read_excerpt("in_venue_pdf", "- More papers are welcome: open a pull request.\n")[0].kind == "rejected"
    assert read_excerpt("awesome_digest", "- To be continued.\n")[0].kind == "rejected"
    [entry] = read_excerpt("apa_references", "+ Slides of this lecture will follow.\n")
    assert (entry.kind, entry.reason) == ("rejected", "no (Year) after the authors")


def test_lists_with_these_quirks_build_every_paper_and_reject_only_what_is_not_one(tmp_path):
    report = build(QUIRKS, tmp_path / "dist", CURATION, TAXONOMY)
    db = sqlite3.connect(tmp_path / "dist" / "atlas.db")
    rejected = {raw for (raw,) in db.execute("select raw from entries where kind = 'rejected'")}
    assert rejected == {
        "- More papers are welcome: open a pull request.",
        "- To be continued.",
        "+ Slides of this lecture will follow.",
    }
    warned = dict(db.execute("select title, warning from entries where warning is not null"))
    assert warned == {
        "Three factors influencing minima in SGD": "no *Venue Year* after the title",
        "How to escape saddle points efficiently": "venue not in *italics*",
        "Exploring the Limits of Large Scale Pre-training": "no [[paper]] link after the title",
        "Stochastic Training is Not Necessary for Generalization": "no [[paper]] link after the title",
        "A Simple Convergence Proof of Adam and Adagrad": "no venue after the authors",
        "Stable architectures for deep neural networks": "stray ';.' after the year",
        "Deep residual learning and pdes on manifold": "year written '2017.', not '(2017).'",
        "Natasha 2: Faster Non-Convex Optimization Than SGD": "no 'Authors.' before the title",
    }
    assert report["entries_with_warnings"] == len(warned)
    assert report["papers"] == 14  # 3 + 3 + 3 + 2 + 3: every item that is a paper
