"""Shared fixtures: parse a markdown excerpt with a named parser; build the real atlas once."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette
from datasette.tracer import capture_traces
from hypothesis import settings
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from atlas.build.parsers import parse_document
from atlas.build.pipeline import build
from atlas.build.records import Entry, Source
from atlas.build.sources import source_text

# Property tests replay the same examples on every run, so a CI result never depends on luck;
# HYPOTHESIS_PROFILE=explore searches fresh random examples, many more of them, before a commit.
settings.register_profile("default", derandomize=True)
settings.register_profile("explore", max_examples=20_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "data" / "sources.yml"
CURATION = ROOT / "data"
TAXONOMY = ROOT / "taxonomy"


NEW_VERSIONS = Path(__file__).parent / "data" / "new_list_versions"
NEW_VERSIONS_3 = Path(__file__).parent / "data" / "new_list_versions_3"
V2_FILES = {"dynamics": "dynamics_v2.md", "phenomena": "phenomena_v2.md", "theory-course": "theory_course_v2.md"}
V3_FILES = {"dynamics": "dynamics_v3.md", "optimization": "optimization_v3.md",
            "phenomena": "phenomena_v3.md", "theory-course": "theory_course_v3.md"}
NEW_VERSIONS_4 = Path(__file__).parent / "data" / "new_list_versions_4"
V4_FILES = {source: name.replace("_v3", "_v4") for source, name in V3_FILES.items()}
NEW_VERSIONS_5 = Path(__file__).parent / "data" / "new_list_versions_5"
V5_FILES = {**{source: name.replace("_v3", "_v5") for source, name in V3_FILES.items()},
            "optimization-analysis": "optimization_analysis_v5.md"}
NEW_VERSIONS_6 = Path(__file__).parent / "data" / "new_list_versions_6"
V6_FILES = {source: name.replace("_v5", "_v6") for source, name in V5_FILES.items()}
NEW_VERSIONS_7 = Path(__file__).parent / "data" / "new_list_versions_7"
V7_FILES = {source: name.replace("_v5", "_v7") for source, name in V5_FILES.items()}
NEW_VERSIONS_8 = Path(__file__).parent / "data" / "new_list_versions_8"
V8_FILES = {source: name.replace("_v5", "_v8") for source, name in V5_FILES.items()}
NEW_VERSIONS_9 = Path(__file__).parent / "data" / "new_list_versions_9"
V9_FILES = {source: name.replace("_v5", "_v9") for source, name in V5_FILES.items()}
NEW_VERSIONS_10 = Path(__file__).parent / "data" / "new_list_versions_10"
V10_FILES = {source: name.replace("_v5", "_v10") for source, name in V5_FILES.items()}
NEW_VERSIONS_11 = Path(__file__).parent / "data" / "new_list_versions_11"
V11_FILES = {source: name.replace("_v5", "_v11") for source, name in V5_FILES.items()}


def new_versions_curation(folder: Path, versions: Path = NEW_VERSIONS, files: dict[str, str] = V2_FILES,
                          keep_other_lists: bool = False) -> Path:
    """A copy of data/ whose manifest names newer versions of some lists (by default lists 000, 002
    and 004 from tests/data/new_list_versions/) in place of their vendored copies; the other lists
    are left out unless `keep_other_lists`."""
    data = folder / "data"
    shutil.copytree(CURATION, data)
    manifest = yaml.safe_load((CURATION / "sources.yml").read_text(encoding="utf-8"))
    sources = [s for s in manifest["sources"] if keep_other_lists or s["id"] in files]
    for source in sources:
        if source["id"] in files:
            shutil.copy(versions / files[source["id"]], data / "sources" / files[source["id"]])
            source["file"] = f"sources/{files[source['id']]}"
    (data / "sources.yml").write_text(yaml.safe_dump({"sources": sources}), encoding="utf-8")
    return data


# What differs between two answers to the same ask: the time the queries took.
TIMING = re.compile(rb'"query_ms": [0-9.e-]+|Queries took [0-9.]+ms')


def traced_answer(site: Datasette, path: str) -> tuple[int, dict, bytes, list[str]]:
    """(status, headers, body with its timing left out, the SQL run to answer) of one GET."""
    async def fetch():
        traces: list[dict] = []
        with capture_traces(traces):
            response = await site.client.get(path)
        return response, [trace["sql"] for trace in traces if trace["type"] == "sql"]

    response, sql = asyncio.run(fetch())
    return response.status_code, dict(response.headers), TIMING.sub(b"(timing)", response.content), sql


def read_excerpt(format_name: str, markdown: str) -> list[Entry]:
    """Every entry a parser reads from a markdown excerpt (dedented, as in the list)."""
    source = Source(id="excerpt", title="excerpt", file="excerpt.md", format=format_name)
    text = textwrap.dedent(markdown).lstrip("\n")
    return parse_document(source_text(source, Path("excerpt.md"), text))


def papers_of(entries: list[Entry]) -> list[Entry]:
    return [entry for entry in entries if entry.kind == "paper"]


@pytest.fixture(scope="session")
def built_atlas(tmp_path_factory) -> Path:
    """The real atlas, built once from the vendored lists; returns dist/atlas.db."""
    out = tmp_path_factory.mktemp("build") / "dist"
    build(MANIFEST, out, CURATION, TAXONOMY)
    return out / "atlas.db"


def unread_taxonomy(folder: Path) -> Path:
    """A copy of the taxonomy without taxonomy/readings/: every paper as nobody has read it yet, as
    the papers of a new list or a new list version are, so only the automatic evidence counts."""
    shutil.copytree(TAXONOMY, folder, ignore=shutil.ignore_patterns("readings"))
    return folder


@pytest.fixture(scope="session")
def automatic_atlas(tmp_path_factory) -> Path:
    """The real atlas classified by its automatic evidence and hand curation only, no readings."""
    root = tmp_path_factory.mktemp("automatic")
    build(MANIFEST, root / "dist", CURATION, unread_taxonomy(root / "taxonomy"))
    return root / "dist" / "atlas.db"


@pytest.fixture(scope="session")
def get(built_atlas):
    """GET a path from a Datasette serving the built dist/ folder, as `datasette dist` does."""
    datasette = Datasette([], config_dir=built_atlas.parent)

    def fetch(path: str):
        return asyncio.run(datasette.client.get(path))

    return fetch


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def served_atlas(built_atlas):
    """A real Datasette server on a free loopback port, started as the README starts it: `datasette dist`."""
    port = free_port()
    datasette = Path(sys.executable).parent / "datasette"
    server = subprocess.Popen(
        [str(datasette), str(built_atlas.parent), "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/-/versions.json").close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                raise
            time.sleep(0.2)
    yield base
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Headless Debian chromium, driven by its own chromedriver; it never reaches the network."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,1800", f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()
