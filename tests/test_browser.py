"""The published pages in a real browser (Debian chromium): what a researcher clicks and types."""

from __future__ import annotations

import sqlite3

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait


def row_count_heading(browser) -> str:
    return browser.find_element(By.CSS_SELECTOR, "h3").text


def test_typing_in_the_search_box_finds_papers(browser, served_atlas, built_atlas):
    (expected,) = sqlite3.connect(built_atlas).execute(
        "select count(*) from papers_fts where papers_fts match 'lottery ticket'").fetchone()
    browser.get(f"{served_atlas}/atlas/papers")
    box = browser.find_element(By.NAME, "_search")
    box.send_keys("lottery ticket", Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("_search=lottery"))
    assert row_count_heading(browser).startswith(f'{expected} rows where search matches "lottery ticket"')
    titles = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "td.col-title")]
    topic_titles = {title for (title,) in sqlite3.connect(built_atlas).execute(
        "select title from papers join paper_topic_closure on paper_id = id"
        " where topic_id = 'lottery-ticket-hypothesis'")}
    # Search knows topic names: every paper of the lottery ticket topic is found, titled so or not.
    assert len(titles) == expected and topic_titles <= set(titles)
    assert 0 < sum("lottery" in title.lower() for title in titles) < len(titles)


def test_clicking_a_topic_facet_lists_its_papers_with_narrower_topics(browser, served_atlas, built_atlas):
    (expected,) = sqlite3.connect(built_atlas).execute(
        "select papers from topics where id = 'infinite-width-limits'").fetchone()
    browser.get(f"{served_atlas}/atlas/paper_browse")
    browser.find_element(By.LINK_TEXT, "Infinite-width limits").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("topics_with_broader__arraycontains"))
    assert row_count_heading(browser).startswith(f"{expected} rows")
    browser.save_screenshot(str(built_atlas.parent / "browser-topic-facet.png"))
