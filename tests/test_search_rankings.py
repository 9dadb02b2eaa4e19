"""A broad word's ranking, stored by the build, is exactly the ranking a search computes: the same
papers, in the same order, with the same scores, on every page, on the real atlas and on a
synthetic one with many tied scores."""

from __future__ import annotations

import asyncio
import importlib.util
import shutil
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from datasette.app import Datasette

from atlas.build.site_tables import write_search_rankings
from atlas.site import pages

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench" / "bench_site.py"
CANNED_SEARCH = yaml.safe_load((ROOT / "metadata.yml").read_text())["databases"]["atlas"]["queries"]["search"]["sql"]


def bench_site():
    spec = importlib.util.spec_from_file_location("bench_site", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def with_rankings(computed: Path, stored: Path, broad: int, depth: int) -> list[str]:
    """A copy of `computed` with the rankings of the words `broad` papers match; the words."""
    shutil.copy(computed, stored)
    db = sqlite_utils.Database(stored)
    write_search_rankings(db, broad=broad, depth=depth)
    db.conn.commit()
    return [word for (word,) in db.execute("select distinct word from search_rankings order by word")]


def every_page(path: Path, query: str, size: int) -> list[dict]:
    """Each page of the search for `query` in the database at `path`, to one past the last."""
    db = Datasette([str(path)]).get_database()
    found, offset = [], 0
    while True:
        page = asyncio.run(pages.search_results(db, query, size=size, offset=offset))
        found.append(page)
        if offset >= page["total"]:
            return found
        offset += size


def best_matches(path: Path, query: str) -> list[dict] | None:
    db = Datasette([str(path)]).get_database()
    return asyncio.run(pages.best_matches(db, f'"{query}"', [], {}, time_limit_ms=60_000))


def canned_search(path: Path, query: str) -> list[tuple]:
    """The rows of the canned query `search` (metadata.yml) for `query`."""
    db = Datasette([str(path)]).get_database()
    return [tuple(row) for row in asyncio.run(db.execute(CANNED_SEARCH, {"q": query})).rows]


def uses_stored_ranking(path: Path, word: str) -> bool:
    db = Datasette([str(path)]).get_database()
    return asyncio.run(pages._stored_ranking(db, [word], size=1, offset=0)) is not None


def assert_same_rankings(computed: Path, stored: Path, queries: list[str], size: int) -> None:
    for query in queries:
        assert every_page(stored, query, size) == every_page(computed, query, size), query
        assert best_matches(stored, query) == best_matches(computed, query), query
        assert canned_search(stored, query) == canned_search(computed, query), query


@pytest.fixture(scope="module")
def real(built_atlas, tmp_path_factory) -> tuple[Path, Path, list[str]]:
    folder = tmp_path_factory.mktemp("real")
    computed = folder / "computed.db"
    shutil.copy(built_atlas, computed)
    return computed, folder / "stored.db", with_rankings(computed, folder / "stored.db", broad=25, depth=60)


def test_the_real_atlas_stores_no_ranking_as_no_word_is_broad_among_its_papers(built_atlas):
    assert sqlite_utils.Database(built_atlas).execute("select count(*) from search_rankings").fetchone() == (0,)


def test_broad_words_rank_the_same_stored_or_computed_on_the_real_atlas(real):
    computed, stored, words = real
    assert {"network", "gradient", "learn", "neural"} <= set(words)
    assert uses_stored_ranking(stored, "network") and not uses_stored_ranking(computed, "network")
    # Pages of 50 run past the 60 stored matches; pages of 7 end inside them and past them.
    for size in (50, 7):
        assert_same_rankings(computed, stored, ["network", "gradient", "Neural", "learn", "deep"], size)


def test_narrow_words_and_other_spellings_rank_the_same_on_the_real_atlas(real):
    computed, stored, words = real
    assert not {"lottery", "jacot", "networks"} & set(words)
    assert_same_rankings(computed, stored, ["lottery", "Jacot", "networks", "NETWORK", "neural tangent kernel"], 50)


def test_broad_and_narrow_words_rank_the_same_stored_or_computed_on_a_synthetic_atlas(built_atlas, tmp_path):
    computed = tmp_path / "computed.db"
    shutil.copy(built_atlas, computed)
    bench_site().synthesize(computed, 3_000)
    # The canned query reads a stored ranking only when it holds its 1,000 rows; "network" has
    # more matches than that, so its last pages lie past the stored ones.
    words = with_rankings(computed, tmp_path / "stored.db", broad=400, depth=1_000)
    broad, narrow = ["network", "Network", "descent", "gradient"], ["jacot", "lottery", "grokking"]
    assert {"network", "descent", "gradient"} <= set(words) and not set(narrow) & set(words)
    db = sqlite_utils.Database(tmp_path / "stored.db")
    assert db.execute("select count(*) from search_rankings where word = 'network'").fetchone() == (1_000,)
    assert every_page(computed, "network", 1_000)[0]["total"] > 1_000
    for size in (50, 40):
        assert_same_rankings(computed, tmp_path / "stored.db", broad + narrow, size)
