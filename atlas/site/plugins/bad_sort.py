"""A table asked what it cannot do because the address is wrong answers 400, not 500: a sort by a
column it cannot sort by (`?_sort=nope`), both ways at once (`?_sort=year&_sort_desc=title`),
columns chosen without the one the rows are sorted by (`?_nocol=year`), a `_through` that is not
a table's JSON or names no link, a `_timelimit` that is not a number.

Datasette answers each with a 500 on every table page and its JSON: for the sort and `_through`
asks its generic error, whose status becomes 400 and which Datasette renders as before, with its
message ("Cannot sort table by nope"); for the rest an exception of Python's own, raised where
Datasette reads the argument without checking it, answered here as Datasette answers a bad
request, saying what the argument must be. Found by the benchmark's bad-input rows and a scan of
Datasette's table arguments at 1M papers (docs/performance.md)."""

from __future__ import annotations

import json

# The module, not its function: a hook implementation imported by name would be registered twice.
from datasette import handle_exception as datasette_errors
from datasette import hookimpl
from datasette.utils.asgi import BadRequest
from datasette.views.base import DatasetteError

CLIENT_MISTAKES = ("Cannot sort table by ", "Cannot use _sort and _sort_desc at the same time",
                   "Invalid _through - could not find corresponding foreign key")
THROUGH = ('_through must be JSON naming a table that links to this one, the linking column and a '
           'value: {"table": "...", "column": "...", "value": "..."}')
TIME_LIMIT = "_timelimit must be a whole number of milliseconds"


@hookimpl(tryfirst=True)
def handle_exception(datasette, request, exception):
    if isinstance(exception, DatasetteError):
        if exception.status == 500 and str(exception.message).startswith(CLIENT_MISTAKES):
            exception.status = 400
        return None
    message = _unreadable_argument(request, exception)
    if message is None:
        return None
    return datasette_errors.handle_exception(datasette=datasette, request=request,
                                             exception=BadRequest(message))


def _unreadable_argument(request, exception: Exception) -> str | None:
    """What an argument of the address must be, when Datasette failed reading it; None when the
    failure is not one of these arguments'."""
    if isinstance(exception, ValueError) and not _whole_number(request.args.get("_timelimit") or "0"):
        return TIME_LIMIT
    if isinstance(exception, (ValueError, KeyError, TypeError)) and not all(
        _names_a_link(through) for through in request.args.getlist("_through")
    ):
        return THROUGH
    if isinstance(exception, KeyError) and exception.args and _left_out(request, exception.args[0]):
        return (f"The rows are sorted by {exception.args[0]}, and pages follow that column: keep it "
                f"among the columns (_col={exception.args[0]}), or sort by one you keep (_sort=...).")
    return None


def _whole_number(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True


def _names_a_link(through: str) -> bool:
    try:
        named = json.loads(through)
    except ValueError:
        return False
    return isinstance(named, dict) and {"table", "column", "value"} <= named.keys()


def _left_out(request, column) -> bool:
    """Whether the address's choice of columns (`_col`, `_nocol`) leaves `column` out."""
    chosen, dropped = request.args.getlist("_col"), request.args.getlist("_nocol")
    return isinstance(column, str) and (column in dropped or bool(chosen) and column not in chosen)
