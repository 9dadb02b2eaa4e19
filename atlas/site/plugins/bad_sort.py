"""A table asked to sort by a column it cannot sort by (`?_sort=nope`), or both ways at once
(`?_sort=year&_sort_desc=title`), answers 400, not 500.

Datasette raises its generic error for it, whose status is 500, on every table page and its JSON;
the ask is the client's mistake, so the status becomes 400 and Datasette renders the error as
before, with its message ("Cannot sort table by nope", "Cannot use _sort and _sort_desc at the
same time")."""

from __future__ import annotations

from datasette import hookimpl
from datasette.views.base import DatasetteError

CLIENT_MISTAKES = ("Cannot sort table by ", "Cannot use _sort and _sort_desc at the same time")


@hookimpl(tryfirst=True)
def handle_exception(datasette, request, exception):
    if (
        isinstance(exception, DatasetteError)
        and exception.status == 500
        and str(exception.message).startswith(CLIENT_MISTAKES)
    ):
        exception.status = 400
    return None
