"""Canonical venues from the curated alias table; links that name a venue are checked too."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import CURATION

from atlas.build.normalize import VenueTable

VENUES = VenueTable.load(CURATION / "venues.yml")


@pytest.mark.parametrize("written, venue_id", [
    ("NIPS'18", "neurips"),
    ("NeurIPS 2017", "neurips"),
    ("Advances in Neural Information Processing Systems 32", "neurips"),
    ("Advances in neural information processing systems", "neurips"),
    ("AISTAT 2019", "aistats"),
    ("NC'97", "neural-computation"),
    ("CoRR'17", "arxiv"),
    ("arxiv'14", "arxiv"),
    ("arXiv preprint arXiv:1806.07572", "arxiv"),
    ("Proceedings of the IEEE conference on computer vision and pattern recognition", "cvpr"),
    ("Comput. Vis. Pattern Recognit.(CVPR)", "cvpr"),
    ("The Journal of Machine Learning Research 19", "jmlr"),
    ("Proceedings of the National Academy of Sciences", "pnas"),
    ("2018 Information Theory and Applications Workshop (ITA)", "ita"),
    ("ICML 2019 Workshop", "icml-workshops"),
    ("PhD Thesis", "phd-thesis"),
])
def test_venue_spellings_resolve_to_one_canonical_venue(written, venue_id):
    assert VENUES.resolve(written).id == venue_id


def test_a_publisher_is_not_a_venue():
    assert VenueTable.load(CURATION / "venues.yml").resolve("PMLR") is None


@pytest.mark.parametrize("written, venue_id", [
    ("International Conference on Machine Learning. PMLR", "icml"),
    ("Conference On Learning Theory. PMLR", "colt"),
    ("Advances in Neural Information Processing Systems. Curran Associates", "neurips"),
])
def test_a_venue_closed_by_its_publisher_is_the_venue(written, venue_id):
    assert VENUES.resolve(written).id == venue_id


def test_a_venue_nobody_curated_is_named_without_the_year_it_was_first_written_with():
    """Its papers come from several years: "Annals of Statistics 2022" would mislabel a 2020 paper."""
    table = VenueTable.load(CURATION / "venues.yml")
    first, second = table.resolve("Annals of Statistics 2022"), table.resolve("Annals of Statistics (2020)")
    assert first == second and first.name == "Annals of Statistics" and not first.curated
    assert table.resolve("Cambridge University Press, 2022").name == "Cambridge University Press"
    assert table.resolve("IWSLT'19").name == "IWSLT" and table.resolve("IWSLT’20").name == "IWSLT"


def test_canonical_names_are_the_current_official_short_names():
    names = {v.id: v.name for v in VENUES.venues.values()}
    assert (names["neurips"], names["arxiv"], names["aistats"]) == ("NeurIPS", "arXiv", "AISTATS")


def test_every_venue_string_in_the_five_lists_is_curated(built_atlas):
    db = sqlite3.connect(built_atlas)
    unknown = db.execute("select entries.venue from entries join venues on venues.id = entries.venue_id "
                         "where not venues.curated").fetchall()
    assert unknown == []
    unresolved = db.execute("select venue from entries where venue is not null and venue_id is null").fetchall()
    assert unresolved == []


def test_a_link_naming_another_venue_is_recorded_as_a_conflict(built_atlas):
    db = sqlite3.connect(built_atlas)
    rows = db.execute("select source_id, line, venue_id, year, entry_venue_id from link_claims where not agrees")
    assert ("dynamics", 34, "icml", 2019, "iclr") in rows.fetchall()
    (agreeing,) = db.execute("select count(*) from link_claims where agrees").fetchone()
    assert agreeing > 40


def test_the_build_report_is_written_as_json_and_as_a_table(built_atlas):
    report = json.loads((built_atlas.parent / "build-report.json").read_text())
    for measure in ("entries", "papers", "merged_entries", "possible_duplicates", "papers_with_conflicts",
                    "entries_rejected", "link_conflicts"):
        assert measure in report
    db = sqlite3.connect(built_atlas)
    assert dict(db.execute("select measure, value from build_report")) == report


def test_conflicts_view_shows_each_sources_claim(built_atlas):
    db = sqlite3.connect(built_atlas)
    (claims,) = db.execute("select claims from conflicts where paper_id = "
                           "'on-the-information-bottleneck-theory-of-deep-learning'").fetchone()
    assert "ICLR 2018" in claims and "Journal of Statistical Mechanics" in claims


def test_a_paper_known_only_by_its_arxiv_id_is_filed_as_an_arxiv_preprint(built_atlas):
    db = sqlite3.connect(built_atlas)
    paper = db.execute("select venue_id, arxiv_id from papers where id = "
                       "'limitations-of-neural-collapse-for-understanding-generalization-in-deep-learning'").fetchone()
    assert paper == ("arxiv", "2202.08384")
    claimed = db.execute("select venue_id from entries where source_id = 'phenomena' and line = 19").fetchone()
    assert claimed == (None,)
    (without_venue_but_with_arxiv_id,) = db.execute(
        "select count(*) from papers where venue_id is null and arxiv_id is not null").fetchone()
    assert without_venue_but_with_arxiv_id == 0


def test_the_arxiv_venue_must_be_a_curated_venue(tmp_path):
    from atlas.build.errors import InputError
    venues = tmp_path / "venues.yml"
    venues.write_text("venues:\n  - {id: icml, name: ICML, full_name: ICML, kind: conference}\narxiv_venue: arxiv\n")
    with pytest.raises(InputError, match="arxiv_venue names unknown venue 'arxiv'") as raised:
        VenueTable.load(venues)
    assert "venues.yml" in str(raised.value)
