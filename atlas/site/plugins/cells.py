"""How Datasette's tables, views and queries show the atlas's values to a reader: ids of papers,
authors and topics as links to their pages, labelled with the title or name, and JSON arrays
as lists (of links where they name rows)."""

from __future__ import annotations

import json

from datasette import hookimpl
from markupsafe import Markup, escape

# Columns that name a row with a page of its own, and the kind of that page.
ID_COLUMNS = {
    "paper_id": "paper", "other_paper_id": "paper", "author_id": "author", "topic_id": "topic",
    "broader_id": "topic", "related_id": "topic", "target_id": "topic", "ancestor_id": "topic",
    "descendant_id": "topic", "replaced_by": "topic",
}
PAGE_OF_TABLE = {"papers": "paper", "authors": "author", "topics": "topic", "paper_browse": "paper"}
LABEL_SQL = {
    "paper": "select title from papers where id = :id",
    "author": "select name from authors where id = :id",
    "topic": "select label from topics where id = :id",
}
LABEL_COLUMN = {"papers": "title", "paper_browse": "title", "authors": "name", "topics": "label"}
# JSON arrays whose items are ids of rows, and where those rows live.
ARRAY_LINKS = {"sources": "/{database}/sources/{item}"}
_labels: dict[tuple[str, str, str], str | None] = {}


def _link(kind: str, row_id: str, label: str) -> Markup:
    return Markup('<a href="/{}/{}">{}</a>').format(kind, row_id, label)


async def _label(datasette, database: str, kind: str, row_id: str) -> str | None:
    """The title or name of a row; the database is served immutable, so labels are cached."""
    key = (database, kind, row_id)
    if key not in _labels:
        rows = (await datasette.get_database(database).execute(LABEL_SQL[kind], {"id": row_id})).rows
        if len(_labels) > 100_000:
            _labels.clear()
        _labels[key] = rows[0][0] if rows else None
    return _labels[key]


def _json_list(value) -> list | None:
    if not isinstance(value, str) or not value.startswith("["):
        return None
    try:
        items = json.loads(value)
    except ValueError:
        return None
    return items if isinstance(items, list) and all(isinstance(i, str) for i in items) else None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if isinstance(value, dict) and "value" in value:
        kind = ID_COLUMNS.get(column) or (PAGE_OF_TABLE.get(table) if column == "id" else None)
        return _link(kind, value["value"], value.get("label") or value["value"]) if kind else None
    if table in LABEL_COLUMN and column == LABEL_COLUMN[table] and isinstance(value, str):
        keys = row.keys() if hasattr(row, "keys") else []
        return _link(PAGE_OF_TABLE[table], row["id"], value) if "id" in keys else None
    items = _json_list(value)
    if items is not None:
        pattern = ARRAY_LINKS.get(column)
        shown = [
            Markup('<a href="{}">{}</a>').format(pattern.format(database=database, item=item), item)
            if pattern else escape(item)
            for item in items
        ]
        return Markup('<ul class="cell-list">{}</ul>').format(
            Markup("").join(Markup("<li>{}</li>").format(item) for item in shown)
        )
    kind = ID_COLUMNS.get(column) or (PAGE_OF_TABLE.get(table) if column == "id" else None)
    if kind is None and column == "id" and table is None:
        kind = "paper"
    if kind and isinstance(value, str) and value:

        async def labelled():
            label = await _label(datasette, database, kind, value)
            return _link(kind, value, label) if label is not None else None

        return labelled()
    return None
