"""Bounds on what one SQL statement may build, on every connection Datasette opens.

Datasette's time limit interrupts a query between steps of SQLite's virtual machine, but a single
step such as `randomblob(1000000000)` allocates its whole result first: a gigabyte and seconds
past the limit, and a few at once stall every other request. No value in the atlas is anywhere
near these bounds, so they only refuse what no page needs.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

# The longest string or blob a statement may make (the largest stored value is a few kilobytes).
MAX_VALUE_BYTES = 10_000_000
# The longest SQL text a request may send.
MAX_SQL_BYTES = 100_000


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_BYTES)
