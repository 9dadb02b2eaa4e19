"""Atom feeds of the newest papers of the atlas, of each topic and of each author, read with
feedparser: well-formed, found from the pages' heads, the same bytes for the same data."""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3

import feedparser
import pytest
from conftest import CURATION, MANIFEST, TAXONOMY
from datasette.app import Datasette

from atlas.build.pipeline import build

BASE = "https://w3id.org/dl-theory-atlas/"
NTK = "neural-tangent-kernel-convergence-and-generalization-in-neural-networks"


def read(get, path: str):
    response = get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def newest(db, sql: str, params: list) -> list[str]:
    """The ids of the query's rows (id, year): the 50 of the latest years, then by id."""
    rows = db.execute(f"select id from ({sql}) order by year desc, id limit 50", params)
    return [paper_id for (paper_id,) in rows]


def test_the_topic_feed_lists_its_newest_papers_newest_first(get, built_atlas):
    feed = read(get, "/topic/neural-tangent-kernel.atom")
    assert feed.feed.title == "DL Theory Atlas: Neural tangent kernel"
    assert feed.feed.id == f"{BASE}topic/neural-tangent-kernel.atom"
    assert feed.feed.link == "http://localhost/topic/neural-tangent-kernel"
    db = sqlite3.connect(built_atlas)
    expected = newest(db, "select papers.id as id, papers.year as year from paper_topic_closure join papers on papers.id = paper_id "
                          "where topic_id = ? and papers.year is not null", ["neural-tangent-kernel"])
    assert [entry.id for entry in feed.entries] == [f"{BASE}paper/{paper_id}" for paper_id in expected]
    assert len(expected) == 27


def test_an_entry_carries_its_link_authors_year_topics_and_summary(get):
    feed = read(get, "/author/jacot-arthur.atom")
    entry = next(entry for entry in feed.entries if entry.id == f"{BASE}paper/{NTK}")
    assert entry.link == f"http://localhost/paper/{NTK}"
    assert [author.name for author in entry.authors] == ["Arthur Jacot", "Franck Gabriel", "Clément Hongler"]
    assert entry.authors[0].href == "http://localhost/author/jacot-arthur"
    assert entry.updated == "2018-01-01T00:00:00Z" and entry.updated_parsed.tm_year == 2018
    assert {"term": "neural-tangent-kernel", "scheme": f"{BASE}scheme/atlas", "label": "Neural tangent kernel"} in [
        dict(tag) for tag in entry.tags]
    assert entry.summary.startswith("We prove that the evolution of an ANN")


def test_a_paper_without_a_digest_is_summed_up_by_its_venue_and_year(get, built_atlas):
    feed = read(get, "/feed.atom")
    db = sqlite3.connect(built_atlas)
    for entry in feed.entries:
        paper_id = entry.id.removeprefix(f"{BASE}paper/")
        digest, venue, year = db.execute("select digest, coalesce(venues.full_name, papers.venue), year from papers "
                                         "left join venues on venues.id = venue_id where papers.id = ?",
                                         [paper_id]).fetchone()
        assert entry.summary == (digest or ", ".join(str(part) for part in (venue, year) if part))


def test_the_atlas_feed_holds_the_fifty_newest_papers_and_is_as_new_as_the_newest(get, built_atlas):
    feed = read(get, "/feed.atom")
    db = sqlite3.connect(built_atlas)
    expected = newest(db, "select id, year from papers where year is not null", [])
    assert [entry.id.removeprefix(f"{BASE}paper/") for entry in feed.entries] == expected
    (last,) = db.execute("select max(year) from papers").fetchone()
    assert feed.feed.updated == f"{last}-01-01T00:00:00Z"


def test_every_topic_author_and_home_page_links_its_feed_from_its_head(get, built_atlas):
    db = sqlite3.connect(built_atlas)
    pages = ["/"] + [f"/topic/{topic_id}" for (topic_id,) in db.execute("select id from topics where scheme_id = 'atlas'")]
    pages += [f"/author/{author_id}" for (author_id,) in db.execute("select id from authors order by id limit 40")]
    for page in pages:
        head = get(page).text.split("</head>")[0]
        (href,) = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]+)">', head)
        assert href == ("/feed.atom" if page == "/" else f"{page}.atom")
        feed = read(get, href)
        assert len(feed.entries) <= 50 and all(entry.link.startswith("http://localhost/paper/") for entry in feed.entries)


@pytest.mark.parametrize("path", [
    "/topic/no-such-topic.atom", "/author/no-such-author.atom", "/topic/%00.atom", "/author/%3Cscript%3E.atom",
    "/topic/" + "x" * 5000 + ".atom", "/author/..%2F..%2Fetc%2Fpasswd.atom", "/topic/.atom",
])
def test_an_id_that_names_nothing_answers_404(get, path):
    response = get(path)
    if response.status_code == 302:  # Datasette's own redirect of a NUL to its ~00 spelling
        response = get(response.headers["location"])
    assert response.status_code == 404


def test_two_builds_serve_the_same_feeds_byte_for_byte(get, tmp_path):
    build(MANIFEST, tmp_path / "again", CURATION, TAXONOMY)
    again = Datasette([], config_dir=tmp_path / "again")
    for path in ("/feed.atom", "/topic/neural-tangent-kernel.atom", "/author/jacot-arthur.atom"):
        assert asyncio.run(again.client.get(path)).content == get(path).content


def test_hostile_text_keeps_a_feed_well_formed(built_atlas, tmp_path):
    hostile = "]]></title></entry></feed><x>\x00\x07\x1b &amp; <b>é</b> \ufffe"
    site = tmp_path / "dist"
    shutil.copytree(built_atlas.parent, site)
    db = sqlite3.connect(site / "atlas.db")
    db.execute("update papers set title = ?, digest = ? where id = ?", [hostile, hostile, NTK])
    db.execute("update authors set name = ? where id = 'jacot-arthur'", [hostile])
    db.execute("update topics set label = ? where id = 'neural-tangent-kernel'", [hostile])
    db.commit()
    db.close()
    (site / "inspect-data.json").unlink()
    datasette = Datasette([], config_dir=site)
    for path in ("/author/jacot-arthur.atom", "/topic/neural-tangent-kernel.atom"):
        feed = feedparser.parse(asyncio.run(datasette.client.get(path)).content)
        assert not feed.bozo, feed.get("bozo_exception")
        entry = next(entry for entry in feed.entries if entry.id == f"{BASE}paper/{NTK}")
        assert entry.title == "]]></title></entry></feed><x> &amp; <b>é</b>"  # feedparser trims the end
