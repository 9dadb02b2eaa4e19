"""Stage 8, export the citation files: atlas.bib, atlas.ris and atlas.csl.json, every paper in id
order, read back from the written database once, with the same queries as the site's .bib, .ris
and .csljson links."""

from __future__ import annotations

from pathlib import Path

from atlas.build.collector import collector_paused
from atlas.citations.bibtex import write_bibtex
from atlas.citations.csljson import csl_json
from atlas.citations.records import all_citations
from atlas.citations.ris import ris

BIBTEX_NAME = "atlas.bib"
RIS_NAME = "atlas.ris"
CSL_JSON_NAME = "atlas.csl.json"


def write_citation_files(database: Path, folder: Path) -> None:
    """The three files, with the collector paused as the build pauses it (atlas/build/collector.py)."""
    with collector_paused():
        cited = all_citations(database)
        write_bibtex(cited, folder / BIBTEX_NAME)
        (folder / RIS_NAME).write_text(ris(cited), encoding="utf-8")
        (folder / CSL_JSON_NAME).write_text(csl_json(cited), encoding="utf-8")
