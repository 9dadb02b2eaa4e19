"""Stage 2 on both cores: long lists parsed in segments by forked workers, entries in file order.

A list is cut where `item_chunks` may cut it (an item at the margin after a blank line), so each
segment gives the entries the whole list would. A segment needs the heading path open where it
starts; it is guessed from the ATX heading lines above it and checked against the path the
segment before it really left. A wrong guess (a setext heading, a `#` line inside a fenced block)
costs only a second reading of that segment in the build's own process, with the right path; a
cut that falls inside a fenced code or HTML block sends the whole list back to `parse_document`.
So the entries are always those of `parse_document`, in the same order. Venues are attached after,
in the build's process: resolving one may add an uncurated venue to the table, which must be the
build's own.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from atlas.build.errors import InputError
from atlas.build.parsers import entries_of, parse_document
from atlas.build.parsers.markdown_tree import CHUNK_LINES, follow_headings, read_segment, segment_ends
from atlas.build.parsers.registry import BLOCK_READERS
from atlas.build.records import Entry, Link, SourceText, entry_of_values, pickled_by_fields

WORKERS = 2  # the machine's two cores; one worker where there is one core
_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")


@dataclass(frozen=True)
class _Job:
    document: int  # index in the documents being parsed
    start: int = 0  # first line (0-based) of the segment
    end: int | None = None  # None: the whole document, by parse_document
    headings: tuple[tuple[int, str], ...] = ()  # the guessed heading path open at `start`


pickled_by_fields(Entry, entry_of_values)
pickled_by_fields(Link)

# What forked workers read: set before the pool starts, so only jobs and entries are pickled.
_DOCUMENTS: list[SourceText] = []
_LINES: dict[int, tuple[list[str], list[str]]] = {}


def parse_documents(documents: list[SourceText], segment_lines: int = CHUNK_LINES) -> list[list[Entry]]:
    """Each document's entries: `parse_document(d)` for each, on both cores."""
    with parsing(documents, segment_lines) as parsed:
        return parsed()


@contextmanager
def parsing(
    documents: list[SourceText], segment_lines: int = CHUNK_LINES
) -> Iterator[Callable[[], list[list[Entry]]]]:
    """Start parse_documents and run the block, which gets the call that waits for its result:
    the build loads its curation meanwhile. The workers have ended once the call returns."""
    jobs = [job for number, document in enumerate(documents)
            for job in _jobs(number, document, segment_lines)]
    workers = min(WORKERS, os.cpu_count() or 1)
    if workers < 2 or len(jobs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda: [parse_document(document) for document in documents]
        return
    _DOCUMENTS[:] = documents
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.imap(_run, jobs)

            def parsed() -> list[list[Entry]]:
                entries = _gather(documents, jobs, results)
                pool.close()
                pool.join()  # the workers' CPU seconds now count among this process's children's
                return entries

            yield parsed
    finally:
        _DOCUMENTS.clear()
        _LINES.clear()


def _jobs(number: int, document: SourceText, segment_lines: int) -> list[_Job]:
    """The document's segments, each with a guess at its heading path; one whole job if uncut."""
    ends = None if document.source.format in BLOCK_READERS else segment_ends(document, segment_lines)
    if not ends:
        return [_Job(number)]
    lines = document.markdown.split("\n")
    jobs, headings, start = [], [], 0
    for end in [*ends, len(lines)]:
        jobs.append(_Job(number, start, end, tuple(headings)))
        follow_headings(document, headings, [line for line in lines[start:end] if _ATX_HEADING.match(line)])
        start = end
    return jobs


def _run(job: _Job):
    """In a worker: a job's entries and the heading path it leaves open; None for a cut that is
    not safe; an InputError, returned (it pickles whole) to be raised in its turn."""
    try:
        return _read(job, list(job.headings))
    except InputError as error:
        return error


def _read(job: _Job, headings: list[tuple[int, str]]):
    document = _DOCUMENTS[job.document]
    if job.end is None:
        return parse_document(document), ()
    if job.document not in _LINES:
        _LINES.clear()
        _LINES[job.document] = (document.markdown.split("\n"), document.original.split("\n"))
    items = read_segment(document, *_LINES[job.document], job.start, job.end, headings)
    if items is None:
        return None
    return entries_of(document, items), tuple(headings)


def _gather(documents: list[SourceText], jobs: list[_Job], results: Iterator) -> list:
    """The workers' entries per document in job order, each guess checked, each failure redone."""
    parsed: list[list[Entry]] = [[] for _ in documents]
    open_path: tuple[tuple[int, str], ...] = ()
    whole: set[int] = set()  # documents read again whole: a cut was not safe
    for job, result in zip(jobs, results, strict=True):
        if job.document in whole:
            continue
        if job.start == 0:
            open_path = ()
        if isinstance(result, InputError):
            raise result
        if result is not None and job.headings != open_path:  # a wrong guess: read it again here
            result = _read(job, list(open_path))
        if result is None:
            whole.add(job.document)
            parsed[job.document] = parse_document(documents[job.document])
            continue
        entries, open_path = result
        parsed[job.document].extend(entries)
    return parsed
