"""Stages 7 and 8, each in a fresh process: the RDF exports and the citation files, read from the
tables of atlas.db the build has committed, while the build's own process finishes the database
(indexes, site tables, search index) on the other core.

The children read a copy of atlas.db as committed, not the file the build goes on writing: in
SQLite's rollback journal a writer whose pages outgrow its cache (above ~100,000 papers) takes the
exclusive lock until its commit, and readers wait for it; a writer that keeps its pages waits at
the commit for the readers instead. Either way one side stood idle (round 10 of
docs/performance-build.md); copying the file costs ~1 s at 250,000 papers.

Fresh, not forked: a fork of the build would inherit its whole heap (every stage's records) and
copy each page that reference counting touches, where a new interpreter holds only what its export
reads. A child gets plain data: its export's name, the paths, and the taxonomy pickled on its
standard input; it prints the seconds it took as JSON and exits 0, or prints its error and exits
non-zero, and the build stops with that error (ExportFailed) as its one message. The build starts
the children while it commits the first transaction (exports_started), so that their start, their
imports and the taxonomy's RDF take the core the commit leaves idle; they read atlas.db once told.
"""

from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from atlas.build.errors import ExportFailed
from atlas.build.publish import fsync_path
from atlas.build.stage_timer import stage

if TYPE_CHECKING:  # the child imports the taxonomy's module only once it has read its input
    from atlas.build.taxonomy import Taxonomy

# What each child writes, as a failure names it.
EXPORTS = {
    "rdf": "the RDF exports (taxonomy.ttl, taxonomy.jsonld, atlas.nt, atlas.ttl)",
    "bibtex": "the citation files (atlas.bib, atlas.ris, atlas.csl.json)",
}
# The longest the build waits for its exports once the database is finished: at 250,000 papers
# they take about a minute. A child still running then is stopped, and the build with it.
WAIT_SECONDS = 3600.0
PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent
# -I: the child's imports come from PACKAGE_ROOT and the interpreter's packages, never from the
# working folder or PYTHONPATH, so it runs this checkout's code, as the build does.
# What the build sends a child, after the taxonomy, once the copy of atlas.db is there to read.
_READY = b"ready"
_CHILD = ("import sys; sys.path.insert(0, sys.argv[1]); "
          "from atlas.build.export_process import main; main(sys.argv[2:])")


def write_export(name: str, database: Path, taxonomy: Taxonomy, folder: Path) -> dict[str, float]:
    """Write one export into `folder` in this process; the seconds it took, for the bench."""
    from_taxonomy, from_database = _writers(name)
    timings: dict[str, float] = {}
    with stage(timings, name):
        from_taxonomy(taxonomy, folder)
        from_database(database, taxonomy, folder)
    return timings


def _writers(name: str) -> tuple[Callable[[Taxonomy, Path], None], Callable[[Path, Taxonomy, Path], None]]:
    """An export's two writers, its modules imported: the files the taxonomy alone gives (written
    by a child before the database is committed), and those read from the database."""
    if name == "rdf":
        from atlas.build.rdf import write_exports
        from atlas.build.rdf_atlas import write_atlas_rdf

        return write_exports, write_atlas_rdf
    if name == "bibtex":
        from atlas.build.citation_files import write_citation_files

        return _nothing, lambda database, _taxonomy, folder: write_citation_files(database, folder)
    raise ValueError(f"no export named {name!r}")


def _nothing(_taxonomy: Taxonomy, _folder: Path) -> None:
    """The citation files need nothing but the database."""


@contextmanager
def exports_beside(
    database: Path, taxonomy: Taxonomy, folder: Path, timings: dict[str, float] | None = None
) -> Iterator[None]:
    """Start every export in a process of its own, reading a copy of `database` as it is now, run
    the block, then wait for them, at most WAIT_SECONDS in all; a child that failed or ran over
    raises ExportFailed. Should the block fail, the children are stopped. The copy is removed
    either way. `timings` receives each child's seconds."""
    with exports_started(database, taxonomy, folder, timings) as database_ready:
        database_ready()
        yield


@contextmanager
def exports_started(
    database: Path, taxonomy: Taxonomy, folder: Path, timings: dict[str, float] | None = None
) -> Iterator[Callable[[], None]]:
    """exports_beside, the children started before `database` is ready: each imports its modules
    and writes what the taxonomy alone gives, on a core the build leaves idle while it commits,
    then waits. The block calls the function given once the database is committed; the children
    then read a copy of it as it is (at the block's end, should the block not call it)."""
    payload = pickle.dumps(taxonomy, protocol=pickle.HIGHEST_PROTOCOL)
    with ExitStack() as stack:
        copy = Path(stack.enter_context(tempfile.TemporaryDirectory(dir=folder, prefix=".exports-")))
        children = {}
        for name in EXPORTS:
            children[name] = stack.enter_context(_child(name, copy / database.name, folder, payload))
        ready = []

        def database_ready() -> None:
            if not ready:
                shutil.copyfile(database, copy / database.name)
                for child, _, _ in children.values():
                    _send(child.stdin, _READY, close=True)
                ready.append(True)

        yield database_ready
        database_ready()
        deadline = time.monotonic() + WAIT_SECONDS
        for name, (child, output, errors) in children.items():
            _finished(name, child, errors, deadline)
            if timings is not None:
                output.seek(0)
                timings.update(json.loads(output.read()))


@contextmanager
def _child(name: str, database: Path, folder: Path, payload: bytes) -> Iterator[tuple]:
    """A started export process, with the files its output and errors go to (files, not pipes:
    a child that says much never waits for the build to read it); stopped if still running."""
    with tempfile.TemporaryFile("w+") as output, tempfile.TemporaryFile("w+") as errors:
        child = subprocess.Popen(
            [sys.executable, "-I", "-c", _CHILD, str(PACKAGE_ROOT), name, str(database), str(folder)],
            stdin=subprocess.PIPE, stdout=output, stderr=errors,
        )
        try:
            _send(child.stdin, payload, close=False)
            yield child, output, errors
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()


def _send(stdin: IO[bytes], payload: bytes, close: bool) -> None:
    try:
        stdin.write(payload)
        stdin.flush()
        if close:
            stdin.close()
    except BrokenPipeError:  # the child died at start; waiting for it says why
        pass


def _finished(name: str, child: subprocess.Popen, errors: IO[str], deadline: float) -> None:
    """Wait for a child until `deadline`; raise ExportFailed, naming what went wrong, if it failed."""
    try:
        status = child.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        raise ExportFailed(f"{EXPORTS[name]} took over {WAIT_SECONDS:.0f} s and was stopped") from None
    if status:
        errors.seek(0)
        lines = [line.strip() for line in errors.read().splitlines() if line.strip()]
        ended = f"killed by signal {-status}" if status < 0 else f"exit status {status}"
        why = lines[-1] if lines else ended
        raise ExportFailed(f"{EXPORTS[name]} failed: {why}")


def export_files(name: str) -> tuple[str, ...]:
    """The files one export writes into its folder."""
    from atlas.build.citation_files import BIBTEX_NAME, CSL_JSON_NAME, RIS_NAME
    from atlas.build.rdf import TAXONOMY_JSONLD_NAME, TAXONOMY_TURTLE_NAME
    from atlas.build.rdf_atlas import NTRIPLES_NAME, TURTLE_NAME

    if name == "rdf":
        return (TAXONOMY_TURTLE_NAME, TAXONOMY_JSONLD_NAME, NTRIPLES_NAME, TURTLE_NAME)
    return (BIBTEX_NAME, RIS_NAME, CSL_JSON_NAME)


def main(arguments: list[str]) -> None:
    """A child: import the export's modules, read the taxonomy from standard input and write what
    it alone gives, wait for the build to say its database is ready (then standard input ends),
    write the rest, put its files on disk, print its seconds. Synced here, beside the build's
    second transaction, publishing finds them already on disk (its fsync of a clean file is
    immediate) instead of writing ~400 MB at 50,000 papers after the database is done
    (atlas/build/publish.py)."""
    name, database, folder = arguments
    from_taxonomy, from_database = _writers(name)
    taxonomy = pickle.load(sys.stdin.buffer)
    timings: dict[str, float] = {}
    with stage(timings, name):
        from_taxonomy(taxonomy, Path(folder))
    if sys.stdin.buffer.read() != _READY:  # the build stopped before its database was committed
        sys.exit("the build stopped before the database was ready")
    with stage(timings, name):
        from_database(Path(database), taxonomy, Path(folder))
    for file_name in export_files(name):
        fsync_path(Path(folder) / file_name)
    print(json.dumps(timings))
