"""The README is short and its docs pages are reachable, and what they show still runs: every SQL
block against the built atlas, every SPARQL block on the endpoint, every `atlas` command line
through the command's own argument parser."""

from __future__ import annotations

import asyncio
import re
import shlex
import sqlite3
from pathlib import Path

import pytest
from conftest import ROOT
from datasette.app import Datasette

from atlas.cli import parser
from atlas.site.sparql_engine import engine_for

PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]


def blocks(language: str) -> list[tuple[str, str]]:
    """(page name, block) for every fenced block of a language on every page."""
    found = []
    for page in PAGES:
        for block in re.findall(rf"```{language}\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL):
            found.append((page.relative_to(ROOT).as_posix(), block))
    return found


def test_the_readme_is_a_short_front_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    assert readme.index("## The two commands") < readme.index("## What the data is")


def test_every_docs_page_is_linked_from_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f"(docs/{page.name})" in readme, page.name


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_relative_link_of_a_page_names_a_file_that_exists(page: Path):
    prose = re.sub(r"```.*?```|`[^`\n]*`", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    for target in re.findall(r"\]\((?!https?:|#|mailto:)([^)\s#]+)", prose):
        assert (page.parent / target).exists(), f"{page.name}: {target}"


@pytest.mark.parametrize("number", range(len(blocks("sql"))))
def test_each_documented_sql_query_runs_on_the_atlas(number: int, built_atlas: Path):
    page, query = blocks("sql")[number]
    with sqlite3.connect(built_atlas) as db:
        db.execute(query).fetchall()


@pytest.fixture(scope="module")
def sparql(built_atlas):
    datasette = Datasette(immutables=[str(built_atlas)])

    def select(query: str):
        return asyncio.run(datasette.client.get(
            "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}))

    yield select
    engine_for(datasette).close()


@pytest.mark.parametrize("number", range(len(blocks("sparql"))))
def test_each_documented_sparql_query_answers_on_the_endpoint(number: int, sparql):
    page, query = blocks("sparql")[number]
    response = sparql(query)
    assert response.status_code == 200, f"{page}: {response.text}"
    assert response.json()["results"]["bindings"], f"{page}: no answer"


def command_lines() -> list[tuple[str, list[str]]]:
    """Every `atlas …` command shown on a page, as the words after `atlas`."""
    found = []
    for page, block in blocks("sh"):
        for line in block.splitlines():
            for command in re.split(r"&&|;|\|\|", line):
                command = command.strip(" ()")
                if re.match(r"(\S*/)?atlas(\s|$)", command):
                    found.append((page, shlex.split(command)[1:]))
    return found


@pytest.mark.parametrize("number", range(len(command_lines())))
def test_each_documented_atlas_command_is_one_the_command_accepts(number: int):
    page, words = command_lines()[number]
    parser().parse_args(words)
