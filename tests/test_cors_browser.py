"""A SPARQL client on another site, in a real browser (Debian chromium): a page served from a second
local server, on another port and so another origin, queries the atlas's /sparql with fetch() (a
simple GET and a preflighted POST) and reconciles a cell; the browser, which enforces CORS, lets it
read the rows, and refuses it a page the atlas does not open to other origins."""

from __future__ import annotations

import functools
import sqlite3
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

PAGE = Path(__file__).parent / "data" / "cross_origin_page.html"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's signature
        pass


@pytest.fixture(scope="module")
def other_origin(tmp_path_factory):
    """A plain static server on a free port of 127.0.0.1, serving only the client page."""
    folder = tmp_path_factory.mktemp("other-origin")
    (folder / "client.html").write_bytes(PAGE.read_bytes())
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def listed(browser, list_id: str) -> list[str]:
    return [item.text for item in browser.find_elements(By.CSS_SELECTOR, f"#{list_id} li")]


def test_a_page_on_another_origin_queries_sparql_and_reconciles(browser, served_atlas, other_origin, built_atlas):
    assert other_origin.rsplit(":", 1)[1] != served_atlas.rsplit(":", 1)[1]
    browser.get(f"{other_origin}/client.html?atlas={served_atlas}")
    WebDriverWait(browser, 60).until(lambda b: b.find_element(By.ID, "done").text)
    assert browser.find_element(By.ID, "done").text == "done"

    db = sqlite3.connect(built_atlas)
    top_topics = sorted(label for (label,) in db.execute(
        "select label from topics where scheme_id = 'atlas' and top = 1 and not deprecated"))
    assert sorted(listed(browser, "get-rows")) == top_topics
    assert sorted(listed(browser, "post-rows")) == top_topics
    assert listed(browser, "reconciled")[0] == "author/jacot-arthur true"
    assert browser.find_element(By.ID, "closed").text == "refused by the browser"
