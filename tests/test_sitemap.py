"""/sitemap.xml and /robots.txt: every paper, topic and author page listed once, in pages a
crawler accepts (sitemaps.org: absolute URLs, at most 50,000 a page), read back with an XML parser
and with Python's robots.txt parser, and counted against the database."""

from __future__ import annotations

import asyncio
import sqlite3
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import pytest
from datasette.app import Datasette

from atlas.site import sitemaps

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "http://localhost"


def fetch(datasette: Datasette, path: str, headers: dict | None = None):
    return asyncio.run(datasette.client.get(path, headers=headers or {}))


@pytest.fixture(scope="module")
def datasette(built_atlas):
    return Datasette([], config_dir=built_atlas.parent)


def listed(datasette: Datasette) -> list[str]:
    """Every URL of every page the index names, in order."""
    index = fetch(datasette, "/sitemap.xml")
    assert index.status_code == 200 and index.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(index.content)
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    urls = []
    for loc in root.findall("sm:sitemap/sm:loc", NS):
        assert loc.text.startswith(f"{SITE}/sitemap-")
        page = fetch(datasette, urlsplit(loc.text).path)
        assert page.status_code == 200
        urlset = ET.fromstring(page.content)
        assert urlset.tag == f"{{{NS['sm']}}}urlset"
        locs = [url.findtext("sm:loc", namespaces=NS) for url in urlset.findall("sm:url", NS)]
        assert 0 < len(locs) <= 50_000 and len(page.content) <= 50 * 1024 * 1024
        urls += locs
    return urls


def expected(built_atlas) -> set[str]:
    db = sqlite3.connect(built_atlas)
    papers = {f"{SITE}/paper/{i}" for (i,) in db.execute("select id from papers")}
    topics = {f"{SITE}/topic/{i}" for (i,) in db.execute("select id from topics where not deprecated")}
    authors = {f"{SITE}/author/{i}" for (i,) in db.execute("select id from authors")}
    return papers | topics | authors


def test_the_sitemaps_list_every_paper_topic_and_author_page_once(datasette, built_atlas):
    urls = listed(datasette)
    assert len(urls) == len(set(urls))
    assert set(urls) == expected(built_atlas)


def test_a_large_atlas_is_split_into_pages_the_index_names(built_atlas, monkeypatch):
    monkeypatch.setattr(sitemaps, "PAGE_SIZE", 100)
    datasette = Datasette([], config_dir=built_atlas.parent)
    urls = listed(datasette)
    assert set(urls) == expected(built_atlas) and len(urls) == len(set(urls))
    db = sqlite3.connect(built_atlas)
    (papers,) = db.execute("select count(*) from papers").fetchone()
    index = ET.fromstring(fetch(datasette, "/sitemap.xml").content)
    paper_pages = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS) if "/sitemap-paper-" in loc.text]
    assert len(paper_pages) == -(-papers // 100)


@pytest.mark.parametrize("kind", ["paper", "topic", "author"])
def test_the_first_listed_pages_of_each_kind_exist(datasette, kind):
    urls = [url for url in listed(datasette) if f"/{kind}/" in url][:5]
    for url in urls:
        assert fetch(datasette, urlsplit(url).path).status_code == 200, url


def test_a_configured_site_url_names_the_pages_behind_a_proxy(built_atlas):
    metadata = {"plugins": {"atlas-sitemap": {"site_url": "https://atlas.example.org/"}}}
    datasette = Datasette([], config_dir=built_atlas.parent, metadata=metadata)
    index = ET.fromstring(fetch(datasette, "/sitemap.xml").content)
    assert all(loc.text.startswith("https://atlas.example.org/sitemap-")
               for loc in index.findall("sm:sitemap/sm:loc", NS))
    assert "Sitemap: https://atlas.example.org/sitemap.xml" in fetch(datasette, "/robots.txt").text


def test_robots_names_the_sitemap_and_lets_every_listed_page_be_crawled(datasette):
    response = fetch(datasette, "/robots.txt")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    robots = RobotFileParser()
    robots.parse(response.text.splitlines())
    assert robots.site_maps() == [f"{SITE}/sitemap.xml"]
    for url in [*listed(datasette), f"{SITE}/", f"{SITE}/topics", f"{SITE}/search?q=kernel",
                f"{SITE}/atlas/papers", f"{SITE}/static/downloads/atlas.nt", f"{SITE}/sparql"]:
        assert robots.can_fetch("Googlebot", url), url
    for url in [f"{SITE}/atlas?sql=select+1", f"{SITE}/sparql?query=ASK{{}}", f"{SITE}/atlas.json?sql=select+1"]:
        assert not robots.can_fetch("Googlebot", url), url


@pytest.mark.parametrize("path", ["/sitemap-paper-999999.xml", "/sitemap-paper-01.xml", "/sitemap-venue-0.xml",
                                  "/sitemap-paper-99999999999999999999.xml", "/sitemap-paper--1.xml"])
def test_a_page_that_does_not_exist_answers_404(datasette, path):
    assert fetch(datasette, path).status_code == 404


def test_a_hostile_host_header_still_gives_well_formed_xml(datasette):
    response = fetch(datasette, "/sitemap.xml", {"Host": 'evil.example"><x>&'})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        ET.fromstring(response.content)
