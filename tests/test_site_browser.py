"""A researcher's walk through the site in a real browser (Debian chromium) against `datasette dist`:
home → search → paper → topic → broader topic → paper → author, the topic's downloads, and every
internal link of the pages on the way."""

from __future__ import annotations

import csv
import io
import sqlite3
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

NTK_PAPER = "neural-tangent-kernel-convergence-and-generalization-in-neural-networks"


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def click(browser, selector: str, wait_for: str) -> None:
    browser.find_element(By.CSS_SELECTOR, selector).click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains(wait_for))


def internal_links(browser, base: str) -> set[str]:
    links = set()
    for anchor in browser.find_elements(By.CSS_SELECTOR, "a[href]"):
        url = urljoin(browser.current_url, anchor.get_attribute("href"))
        if url.startswith(base):
            links.add(url.split("#")[0])
    return links


def test_search_to_paper_to_topic_to_parent_to_paper_to_author_then_downloads(browser, served_atlas, built_atlas):
    db = sqlite3.connect(built_atlas)
    screenshots = built_atlas.parent
    links: set[str] = set()

    browser.get(f"{served_atlas}/")
    links |= internal_links(browser, served_atlas)
    browser.find_element(By.NAME, "q").send_keys("neural tangent kernel", Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/search?q=neural"))
    links |= internal_links(browser, served_atlas)
    browser.save_screenshot(str(screenshots / "site-search.png"))

    first = browser.find_element(By.CSS_SELECTOR, "a.paper-title")
    assert urlsplit(first.get_attribute("href")).path == f"/paper/{NTK_PAPER}"
    click(browser, "a.paper-title", f"/paper/{NTK_PAPER}")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Neural Tangent Kernel: Convergence")
    links |= internal_links(browser, served_atlas)
    browser.save_screenshot(str(screenshots / "site-paper.png"))

    click(browser, 'ul.topics a[href="/topic/neural-tangent-kernel"]', "/topic/neural-tangent-kernel")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Neural tangent kernel"
    links |= internal_links(browser, served_atlas)
    browser.save_screenshot(str(screenshots / "site-topic.png"))

    click(browser, "p.breadcrumb a", "/topic/infinite-width-limits")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Infinite-width limits"
    links |= internal_links(browser, served_atlas)
    bibtex = browser.find_element(By.LINK_TEXT, "BibTeX").get_attribute("href")
    table_csv = browser.find_element(By.LINK_TEXT, "CSV").get_attribute("href")

    click(browser, "a.paper-title", "/paper/")
    links |= internal_links(browser, served_atlas)
    click(browser, "p.authors a", "/author/")
    assert browser.find_element(By.TAG_NAME, "h1").text
    links |= internal_links(browser, served_atlas)
    browser.save_screenshot(str(screenshots / "site-author.png"))

    (expected,) = db.execute("select papers from topics where id = 'infinite-width-limits'").fetchone()
    status, body = fetch(bibtex)
    assert status == 200 and body.decode().count("\n@") + body.decode().startswith("@") == expected
    status, body = fetch(table_csv)
    assert status == 200 and len(list(csv.DictReader(io.StringIO(body.decode())))) == expected

    broken = sorted(url for url in links if fetch(url)[0] != 200)
    assert len(links) > 100 and broken == []


def test_searching_the_papers_table_shows_the_ntk_paper_first(browser, served_atlas, built_atlas):
    browser.get(f"{served_atlas}/atlas/papers")
    browser.find_element(By.ID, "_search").send_keys("neural tangent kernel", Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("_search=neural"))
    browser.save_screenshot(str(built_atlas.parent / "site-table-search.png"))
    first = browser.find_element(By.CSS_SELECTOR, "section.atlas-best-matches a.paper-title")
    assert urlsplit(first.get_attribute("href")).path == f"/paper/{NTK_PAPER}"
    assert browser.find_element(By.CSS_SELECTOR, "table.rows-and-columns").is_displayed()
