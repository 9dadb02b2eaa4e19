"""Stage 8b, export RIS and CSL-JSON beside atlas.bib: every paper, in id order, read back from the
written database with the same queries as the site's .ris and .csljson links."""

from __future__ import annotations

from pathlib import Path

from atlas.citations.csljson import csl_json
from atlas.citations.records import all_citations
from atlas.citations.ris import ris

RIS_NAME = "atlas.ris"
CSL_JSON_NAME = "atlas.csl.json"


def write_citation_files(database: Path, folder: Path) -> None:
    cited = all_citations(database)
    (folder / RIS_NAME).write_text(ris(cited), encoding="utf-8")
    (folder / CSL_JSON_NAME).write_text(csl_json(cited), encoding="utf-8")
