"""Bounds on what one SQL statement may build, on every connection Datasette opens.

Datasette's time limit interrupts a query between steps of SQLite's virtual machine, but a single
step such as `randomblob(1000000000)` allocates its whole result first: a gigabyte and seconds
past the limit, and a few at once stall every other request. SQLite's length limit makes such a
value fail at once. Two functions stay slow under it because their time grows with an argument,
not with their result: printf's width and precision (`printf('%.*c', 2000000000, 'x')` runs for
seconds to build a string the limit then refuses) and instr's search (quadratic in the lengths of
its arguments). They are replaced by wrappers that refuse those arguments and hand every other
call to SQLite's own function, so results never differ. No value in the atlas comes near these
bounds (the largest stored value is some 4 KB), so they only refuse what no page needs.
"""

from __future__ import annotations

import re
import sqlite3
import threading

from datasette import hookimpl

# The longest string or blob a statement may make.
MAX_VALUE_BYTES = 1_000_000
# The longest SQL text a request may send.
MAX_SQL_BYTES = 100_000
# instr compares at most this many bytes (haystack length × needle length): well under a second.
MAX_INSTR_WORK = 2_000_000_000
# A conversion's width and precision: %-10.3f, %.*c.
_SPEC = re.compile(r"%[-+ #0,!]*(\d*)(?:\.(\d*))?")
_builtins = threading.local()


class RefusedArgument(ValueError):
    pass


def _limit(connection: sqlite3.Connection) -> sqlite3.Connection:
    connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    connection.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_BYTES)
    return connection


def _builtin(function: str, args: tuple):
    """SQLite's own function, on a private connection of this thread that has no wrappers."""
    if not hasattr(_builtins, "connection"):
        _builtins.connection = _limit(sqlite3.connect(":memory:"))
    placeholders = ", ".join("?" * len(args))
    return _builtins.connection.execute(f"select {function}({placeholders})", args).fetchone()[0]


def _printf(function: str):
    def bounded(*args):
        form = args[0] if args and isinstance(args[0], str) else ""
        widths = [int(number or 0) for spec in _SPEC.findall(form) for number in spec]
        if "*" in form:  # width or precision taken from the arguments
            widths += [value for value in args[1:] if isinstance(value, int)]
        if any(abs(width) > MAX_VALUE_BYTES for width in widths):
            raise RefusedArgument(f"{function} width or precision above {MAX_VALUE_BYTES}")
        return _builtin(function, args)

    return bounded


def _instr(haystack, needle):
    if isinstance(haystack, str | bytes) and isinstance(needle, str | bytes):
        if len(haystack) * len(needle) > MAX_INSTR_WORK:
            raise RefusedArgument("instr of values this long")
    return _builtin("instr", (haystack, needle))


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    _limit(conn)
    for function in ("printf", "format"):
        conn.create_function(function, -1, _printf(function), deterministic=True)
    conn.create_function("instr", 2, _instr, deterministic=True)
