"""In a real browser (Debian chromium) against `datasette dist`, what a citation connector and a
feed reader do, with nothing saved by hand: read a paper page's citation_* tags and JSON-LD from
the DOM, find a topic page's feed in its head and follow it, and ask the search API."""

from __future__ import annotations

import sqlite3

import feedparser
from selenium.webdriver.common.by import By

NTK = "neural-tangent-kernel-convergence-and-generalization-in-neural-networks"
BASE = "https://w3id.org/dl-theory-atlas/"

# What Zotero's Embedded Metadata translator reads: every meta tag's name and content, in order.
READ_META = """return Array.from(document.querySelectorAll('meta[name^="citation_"]'))
    .map(meta => [meta.getAttribute('name'), meta.getAttribute('content')]);"""
READ_JSON_LD = """return Array.from(document.querySelectorAll('script[type="application/ld+json"]'))
    .map(script => JSON.parse(script.textContent));"""
FETCH = """const done = arguments[arguments.length - 1];
fetch(arguments[0]).then(async reply => done([reply.status, reply.headers.get('content-type'), await reply.text()]))
    .catch(error => done([0, '', String(error)]));"""
XML_ERRORS = """return new DOMParser().parseFromString(arguments[0], 'application/xml')
    .getElementsByTagName('parsererror').length;"""


def test_a_connector_reads_a_paper_s_metadata_from_the_page(browser, served_atlas, built_atlas):
    browser.get(f"{served_atlas}/paper/{NTK}")
    tags = browser.execute_script(READ_META)
    db = sqlite3.connect(built_atlas)
    title, year, venue = db.execute("select title, year, venues.full_name from papers join venues "
                                    "on venues.id = venue_id where papers.id = ?", [NTK]).fetchone()
    authors = [f"{surname}, {given}" for surname, given in db.execute(
        "select surname, given_names from paper_authors join authors on authors.id = author_id "
        "where paper_id = ? order by position", [NTK])]
    assert tags == [["citation_title", title], *[["citation_author", name] for name in authors],
                    ["citation_publication_date", str(year)], ["citation_conference_title", venue],
                    ["citation_arxiv_id", "1806.07572"],
                    ["citation_pdf_url", tags[-1][1]]]
    assert tags[-1][1].endswith(".pdf")
    (article,) = browser.execute_script(READ_JSON_LD)
    assert article["@type"] == "ScholarlyArticle" and article["@id"] == f"{BASE}paper/{NTK}"
    assert article["name"] == title and article["datePublished"] == str(year)
    assert [author["name"] for author in article["author"]] == ["Arthur Jacot", "Franck Gabriel", "Clément Hongler"]
    assert f"{BASE}topic/neural-tangent-kernel" in [topic["@id"] for topic in article["about"]]


def test_a_reader_finds_a_topic_s_feed_in_its_head_and_follows_it(browser, served_atlas):
    browser.get(f"{served_atlas}/topic/neural-tangent-kernel")
    (link,) = browser.find_elements(By.CSS_SELECTOR, 'head link[rel="alternate"][type="application/atom+xml"]')
    assert link.get_attribute("title") == "Newest papers: Neural tangent kernel"
    status, content_type, text = browser.execute_async_script(FETCH, link.get_attribute("href"))
    assert status == 200 and content_type.startswith("application/atom+xml")
    assert browser.execute_script(XML_ERRORS, text) == 0
    feed = feedparser.parse(text)
    assert not feed.bozo and feed.feed.title == "DL Theory Atlas: Neural tangent kernel"
    assert len(feed.entries) == 27 and f"{BASE}paper/{NTK}" in [entry.id for entry in feed.entries]
    browser.get(feed.entries[0].link)
    assert browser.find_element(By.TAG_NAME, "h1").text == feed.entries[0].title


def test_a_script_in_the_page_asks_the_search_api_and_gets_the_best_match_first(browser, served_atlas):
    browser.get(f"{served_atlas}/")
    status, content_type, text = browser.execute_async_script(FETCH, "/search.json?q=neural+tangent+kernel&_size=3")
    assert status == 200 and content_type.startswith("application/json")
    assert browser.execute_script("return JSON.parse(arguments[0]).papers[0].id", text) == NTK
