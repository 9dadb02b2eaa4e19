"""BibTeX, RIS and CSL-JSON links (.bib, .ris, .csljson) beside CSV and JSON on every Datasette
page whose rows name papers.

Rows name papers through a `paper_id` column, or through the column metadata.yml names for a
table or canned query (plugins → atlas-bibtex → paper_id_columns, e.g. papers: id; the name is
older than the other two formats). The citations come from the same queries and formatters as
dist/atlas.bib, atlas.ris and atlas.csl.json, in the page's row order. A table's file of more
than CITED_ROWS rows is refused here too, but most such asks never reach this renderer:
citation_refusal.py refuses them before Datasette runs the table view.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils.asgi import BadRequest, Response

from atlas.citations.bibtex import bibliography
from atlas.citations.csljson import csl_json
from atlas.citations.records import Citation, citation_queries, citations
from atlas.citations.ris import ris

PLUGIN_NAME = "atlas-bibtex"
# Extension → (format's name, content type, formatter).
FORMATS: dict[str, tuple[str, str, Callable[[Iterable[Citation]], str]]] = {
    "bib": ("BibTeX", "application/x-bibtex; charset=utf-8", bibliography),
    "ris": ("RIS", "application/x-research-info-systems; charset=utf-8", ris),
    "csljson": ("CSL-JSON", "application/vnd.citationstyles.csl+json; charset=utf-8", csl_json),
}
# A table page's SQL ends with its page size; a citation file of a table cites every row the
# filters keep, up to CITED_ROWS.
# Papers read by one query: their ids as JSON stay well under sql_limits.MAX_VALUE_BYTES.
CHUNK = 5_000
# The most rows a citation file of a table cites. Formatting citations costs about 0.3 ms a paper
# (1,000 RIS records in 270-320 ms at 1M papers; 40k papers of a year as BibTeX took 10.8 s): past
# this the ask is answered 400, pointing to the whole atlas's files, as Datasette's JSON pages
# stop at 1,000 rows (max_returned_rows).
CITED_ROWS = 1_000
TOO_MANY = (
    f"These rows name more papers than a citation file cites when asked (at most {CITED_ROWS:,} rows, "
    "within the time limit). Narrow them (a topic, a year, a search), or download every paper's "
    "citations at once: /static/downloads/ (atlas.bib, atlas.ris, atlas.csl.json)."
)
PAGE_LIMIT = re.compile(r"\s+limit\s+\d+(\s+offset\s+\d+)?\s*$", re.IGNORECASE)


def _paper_id_column(datasette, columns: list[str], table: str | None, query_name: str | None) -> str | None:
    configured = (datasette.plugin_config(PLUGIN_NAME) or {}).get("paper_id_columns") or {}
    named = configured.get(table or query_name or "")
    if named in columns:
        return named
    return "paper_id" if "paper_id" in columns else None


def can_render_citations(datasette, columns, table, query_name) -> bool:
    return _paper_id_column(datasette, columns, table, query_name) is not None


async def _paper_ids(datasette, database, columns, rows, table, query_name, sql, data) -> list[str]:
    """The papers the page's rows name, each once, in row order (every filtered row of a table)."""
    column = _paper_id_column(datasette, columns, table, query_name)
    if column is None:
        # The page's status would override a Response's own; an exception keeps the 400.
        raise BadRequest("These rows name no papers, so there are no citations for them.")
    db = datasette.get_database(database)
    if table and sql and PAGE_LIMIT.search(sql):
        whole = f"select [{column}] from ({PAGE_LIMIT.sub('', sql)}) limit {CITED_ROWS + 1}"
        params = (data.get("query") or {}).get("params") or {}
        values = [row[0] for row in (await db.execute(whole, params, truncate=False)).rows]
        if len(values) > CITED_ROWS:
            raise BadRequest(TOO_MANY)
    else:
        position = columns.index(column)
        values = (row[position] for row in rows)
    # With _labels=on a foreign key arrives as {"value": ..., "label": ...}.
    paper_ids = [value["value"] if isinstance(value, dict) else value for value in values]
    if not all(isinstance(paper_id, str) or paper_id is None for paper_id in paper_ids):
        raise BadRequest(f"The {column} column must hold paper ids, which are text.")
    return list(dict.fromkeys(paper_id for paper_id in paper_ids if paper_id))


async def _cited(datasette, database, paper_ids: list[str]) -> list[Citation]:
    """The papers' citations in the given order, read a few thousand papers at a time: the ids
    of a whole filtered table, as one JSON value, would pass the length a value may have
    (sql_limits.py)."""
    db = datasette.get_database(database)
    papers_sql, authors_sql = citation_queries(paper_ids)
    papers, authors = {}, []
    for start in range(0, len(paper_ids), CHUNK):
        params = {"paper_ids": json.dumps(paper_ids[start:start + CHUNK])}
        papers.update((row["id"], row) for row in (await db.execute(papers_sql, params)).rows)
        authors.extend((await db.execute(authors_sql, params)).rows)
    return citations([papers[paper_id] for paper_id in paper_ids if paper_id in papers], authors)


def _renderer(extension: str) -> dict:
    _, content_type, formatter = FORMATS[extension]

    async def render(datasette, database, columns, rows, table, query_name, sql, data) -> Response:
        try:
            paper_ids = await _paper_ids(datasette, database, columns, rows, table, query_name, sql, data)
            cited = await _cited(datasette, database, paper_ids)
        except QueryInterrupted as error:
            # Citing every paper a broad filter keeps (half a million under a top topic at 1M
            # papers) outlasts the time limit: the client's ask is too big, not the server broken.
            raise BadRequest(TOO_MANY) from error
        return Response(formatter(cited), content_type=content_type)

    return {"extension": extension, "render": render, "can_render": can_render_citations}


@hookimpl
def register_output_renderer(datasette):
    return [_renderer(extension) for extension in FORMATS]
