"""Which format an Accept header asks for, among those a resource is offered in."""

from __future__ import annotations

import pytest

from atlas.site.negotiation import preferred

OFFERS = ["text/html", "text/turtle", "application/ld+json", "application/n-triples"]


@pytest.mark.parametrize("accept, chosen", [
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),  # a browser
    ("*/*", "text/html"),  # curl
    (None, "text/html"),
    ("text/turtle", "text/turtle"),
    ("text/turtle, */*", "text/turtle"),  # the exact type beats the wildcard at the same quality
    ("text/html;q=0.5, text/turtle", "text/turtle"),
    ("application/ld+json;q=0.9, text/turtle;q=0.5", "application/ld+json"),
    ("application/*", "application/ld+json"),
    ("application/n-triples; charset=utf-8", "application/n-triples"),
    ("text/turtle;q=0, text/html", "text/html"),
    ("image/png", None),
    ("text/turtle;q=0", None),
])
def test_the_client_gets_the_offer_it_prefers(accept, chosen):
    assert preferred(accept, OFFERS) == chosen
