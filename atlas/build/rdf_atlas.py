"""Stage 8, export the whole atlas as RDF: dist/atlas.nt (sorted N-Triples) and dist/atlas.ttl.

The taxonomy (as SKOS, from `rdf.taxonomy_graph`) plus every paper, author, venue, source list
and the list entries attesting each paper, read from the built database (opened read-only), so
whatever the classify stage put in `paper_topics` for our scheme becomes `dcterms:subject`,
whatever its `via`. Triples are built and written with pyoxigraph; blank nodes (only the
course's ordered list of lectures) get canonical labels, and lines are sorted, so two builds
give byte-identical files.
"""

from __future__ import annotations

import heapq
import json
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import IO

from pyoxigraph import (
    CanonicalizationAlgorithm,
    Dataset,
    DefaultGraph,
    NamedNode,
    Quad,
    RdfFormat,
    parse,
    serialize,
)

from atlas.build.rdf import taxonomy_graph
from atlas.build.taxonomy import Taxonomy
from atlas.iris import authorship_iri, download_iri, entry_iri, resource_iri, void_iri
from atlas.published import OUR_SCHEME
from atlas.rdf_terms import DCT, FOAF, OWL, PROV, RDF, SCHEMA, SKOS, VOID, XSD, prefixes

NTRIPLES_NAME = "atlas.nt"
TURTLE_NAME = "atlas.ttl"

ARXIV_ABSTRACT = "https://arxiv.org/abs/"
DOI_RESOLVER = "https://doi.org/"
READ_TIMEOUT = 600  # seconds a read may wait for the build's commit (atlas/build/database.py)
RUN_LINES = 400_000  # lines sorted in memory at a time; longer exports are merged from runs on disk

# N-Triples string escapes, as pyoxigraph (oxrdf) writes them: tests/test_rdf_atlas.py checks
# every character against it.
_ESCAPES = {
    **{code: f"\\u{code:04X}" for code in [*range(0x20), 0x7F, 0xFFFE, 0xFFFF]},
    0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\",
}
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f\ufffe\uffff]')


def literal(text: str, datatype: str = "", language: str = "") -> str:
    """An RDF literal in N-Triples, written as pyoxigraph writes it."""
    quoted = f'"{text.translate(_ESCAPES)}"' if _NEEDS_ESCAPE.search(text) else f'"{text}"'
    if language:
        return f"{quoted}@{language}"
    return f"{quoted}^^<{datatype}>" if datatype else quoted


def iri(value: str) -> str:
    return f"<{value}>"


def _integer(value: int) -> str:
    return literal(str(value), f"{XSD}integer")


class _Lines:
    """Collects N-Triples lines, sorted in runs of RUN_LINES, each run past the first kept on
    disk, so memory stays bounded whatever the number of triples."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lines: list[str] = []
        self.runs: list[Path] = []
        self.spilled = 0  # lines sorted into runs, duplicates included

    def add(self, subject: str, predicate: str, term: str) -> None:
        """A triple whose object is an N-Triples term: `iri(...)`, `literal(...)`."""
        self.lines.append(f"<{subject}> <{predicate}> {term} .\n")
        if len(self.lines) >= RUN_LINES:
            self._spill()

    def extend(self, lines: list[str]) -> None:
        """Lines already written as add writes them."""
        self.lines += lines
        if len(self.lines) >= RUN_LINES:
            self._spill()

    def text(self, subject: str, predicate: str, value: str | None) -> None:
        """A plain literal, skipped when empty, so writers need no `if` per optional column."""
        if value:
            self.add(subject, predicate, literal(value))

    def _spill(self) -> None:
        run = self.folder / f"run-{len(self.runs)}.nt"
        with run.open("w", encoding="utf-8", newline="\n") as file:
            file.writelines(_unique(sorted(self.lines)))
        self.runs.append(run)
        self.spilled += len(self.lines)
        self.lines = []

    def most(self) -> int:
        """At least as many as sorted_unique gives: every line added, duplicates included."""
        return self.spilled + len(self.lines)

    def sorted_unique(self) -> Iterator[str]:
        """Every line once, in code point order (which is UTF-8 byte order)."""
        self.lines.sort()
        if not self.runs:
            return _unique(self.lines)
        files = [run.open(encoding="utf-8", newline="\n") for run in self.runs]
        return _unique(heapq.merge(*files, self.lines))


def _unique(lines: Iterable[str]) -> Iterator[str]:
    previous = None
    for line in lines:
        if line != previous:
            yield line
            previous = line


def _check_iri(value: str) -> None:
    """Raise ValueError for an address made from a list's text (an arXiv id, a DOI) that is no IRI:
    the Turtle pass reads atlas.nt without checking IRIs, so pyoxigraph's check is made here, where
    the export's other IRIs are quoted ids under the taxonomy's base."""
    NamedNode(value)


def _sources(out: _Lines, db: sqlite3.Connection, base: str) -> None:
    sql = "select id, title, origin, license, sha256, entries from sources order by id"
    for source_id, title, origin, license_, sha256, entries in db.execute(sql):
        subject = resource_iri(base, "source", source_id)
        out.add(subject, f"{RDF}type", iri(f"{SCHEMA}ItemList"))
        out.add(subject, f"{RDF}type", iri(f"{PROV}Entity"))
        out.text(subject, f"{DCT}title", title)
        out.text(subject, f"{DCT}description", origin)
        out.text(subject, f"{DCT}rights", license_)
        out.text(subject, f"{SCHEMA}sha256", sha256)
        out.add(subject, f"{SCHEMA}numberOfItems", _integer(entries))


def _venues(out: _Lines, db: sqlite3.Connection, base: str) -> None:
    sql = "select id, name, full_name, kind from venues order by id"
    for venue_id, name, full_name, kind in db.execute(sql):
        subject = resource_iri(base, "venue", venue_id)
        out.add(subject, f"{RDF}type", iri(f"{SCHEMA}CreativeWorkSeries"))
        out.text(subject, f"{SCHEMA}name", name)
        if full_name != name:
            out.text(subject, f"{SCHEMA}alternateName", full_name)
        out.text(subject, f"{DCT}type", kind)


# The writers of the large tables below make a row's lines at once (`<s> <p> o .\n`, as
# _Lines.add writes them) and hand them over together: at 50,000 papers they write 1.6 M lines,
# and a call of add for each was a fifth of the export's time.
_TYPE = f"<{RDF}type>"


def _authors(out: _Lines, db: sqlite3.Connection, base: str) -> None:
    types = f"{_TYPE} <{FOAF}Person> .\n", f"{_TYPE} <{SCHEMA}Person> .\n"
    names = f"<{FOAF}name>", f"<{FOAF}givenName>", f"<{FOAF}familyName>"
    for author_id, *values in db.execute("select id, name, given_names, surname from authors order by id"):
        subject = f"<{resource_iri(base, 'author', author_id)}>"
        lines = [f"{subject} {types[0]}", f"{subject} {types[1]}"]
        lines += [
            f"{subject} {name} {literal(value)} .\n"
            for name, value in zip(names, values, strict=True) if value
        ]
        out.extend(lines)


def _papers(out: _Lines, db: sqlite3.Connection, base: str) -> None:
    article, title_, issued = f"{_TYPE} <{SCHEMA}ScholarlyArticle> .\n", f"<{DCT}title>", f"<{DCT}issued>"
    part_of, description, source_ = f"<{SCHEMA}isPartOf>", f"<{DCT}description>", f"<{DCT}source>"
    same_as = f"<{OWL}sameAs>", f"<{SCHEMA}sameAs>"
    sql = "select id, title, year, venue_id, arxiv_id, doi, digest, sources from papers order by id"
    for paper_id, title, year, venue_id, arxiv_id, doi, digest, sources in db.execute(sql):
        subject = f"<{resource_iri(base, 'paper', paper_id)}>"
        lines = [f"{subject} {article}"]
        if title:
            lines.append(f"{subject} {title_} {literal(title)} .\n")
        if year:
            lines.append(f"{subject} {issued} {literal(str(year), f'{XSD}gYear')} .\n")
        if venue_id:
            lines.append(f"{subject} {part_of} <{resource_iri(base, 'venue', venue_id)}> .\n")
        if digest:
            lines.append(f"{subject} {description} {literal(digest)} .\n")
        same = [f"{ARXIV_ABSTRACT}{arxiv_id}" if arxiv_id else None]
        same.append(f"{DOI_RESOLVER}{doi}" if doi else None)
        for other in filter(None, same):
            _check_iri(other)
            lines += [f"{subject} {same_as[0]} <{other}> .\n", f"{subject} {same_as[1]} <{other}> .\n"]
        for source_id in json.loads(sources or "[]"):
            lines.append(f"{subject} {source_} <{resource_iri(base, 'source', source_id)}> .\n")
        out.extend(lines)


def _authorships(out: _Lines, db: sqlite3.Connection, base: str) -> None:
    """Authors in order, as nodes with a position (queryable, unlike an rdf:List)."""
    creator, author_, role = f"<{DCT}creator>", f"<{SCHEMA}author>", f"{_TYPE} <{SCHEMA}Role> .\n"
    position_, name_ = f"<{SCHEMA}position>", f"<{SCHEMA}name>"
    sql = "select paper_id, author_id, position, written from paper_authors order by paper_id, position"
    for paper_id, author_id, position, written in db.execute(sql):
        paper = f"<{resource_iri(base, 'paper', paper_id)}>"
        author = f"<{resource_iri(base, 'author', author_id)}>"
        node = f"<{authorship_iri(base, paper_id, position)}>"
        lines = [
            f"{paper} {creator} {author} .\n", f"{paper} {author_} {node} .\n", f"{node} {role}",
            f"{node} {author_} {author} .\n", f"{node} {position_} {_integer(position)} .\n",
        ]
        if written:
            lines.append(f"{node} {name_} {literal(written)} .\n")
        out.extend(lines)


def _subjects(out: _Lines, db: sqlite3.Connection, base: str) -> None:
    sql = """
        select distinct paper_topics.paper_id, topics.iri from paper_topics
        join topics on topics.id = paper_topics.topic_id
        where topics.scheme_id = ? order by 1, 2"""
    subject = f"<{DCT}subject>"
    out.extend([f"<{resource_iri(base, 'paper', paper_id)}> {subject} <{topic_iri}> .\n"
                for paper_id, topic_iri in db.execute(sql, [OUR_SCHEME])])


def _entries(out: _Lines, db: sqlite3.Connection, base: str) -> None:
    """Provenance: each list entry that names a paper, with its list, line and section.

    Should a line hold several papers, they are numbered in table order, and the second and later
    get an `/item/<n>` IRI (atlas.iris.entry_iri), whatever column tells them apart.
    """
    derived, entity, part_of = f"<{PROV}wasDerivedFrom>", f"{_TYPE} <{PROV}Entity> .\n", f"<{DCT}isPartOf>"
    texts = f"<{SCHEMA}articleSection>", f"<{DCT}title>", f"<{SCHEMA}text>"
    position_ = f"<{SCHEMA}position>"
    sql = """
        select source_id, line, paper_id, section, title, raw from entries
        where kind = 'paper' and paper_id is not null order by source_id, line, rowid"""
    previous, item = None, 0
    for source_id, line, paper_id, *values in db.execute(sql):
        item = item + 1 if (source_id, line) == previous else 1
        previous = (source_id, line)
        subject = f"<{entry_iri(base, source_id, line, item)}>"
        lines = [
            f"<{resource_iri(base, 'paper', paper_id)}> {derived} {subject} .\n", f"{subject} {entity}",
            f"{subject} {part_of} <{resource_iri(base, 'source', source_id)}> .\n",
            f"{subject} {position_} {_integer(line)} .\n",
        ]
        lines += [
            f"{subject} {name} {literal(value)} .\n"
            for name, value in zip(texts, values, strict=True) if value
        ]
        out.extend(lines)


def _taxonomy(out: _Lines, taxonomy: Taxonomy) -> None:
    """The SKOS taxonomy, with its one list's blank nodes relabelled canonically."""
    graph = taxonomy_graph(taxonomy)
    dataset = Dataset(
        Quad(t.subject, t.predicate, t.object, DefaultGraph())
        for t in parse(graph.serialize(format="nt", encoding="utf-8"), format=RdfFormat.N_TRIPLES)
    )
    dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
    lines = serialize((quad.triple for quad in dataset), format=RdfFormat.N_TRIPLES).decode()
    out.lines.extend(lines.splitlines(keepends=True))


def _void(base: str, taxonomy: Taxonomy, data_triples: int) -> list[str]:
    """The dataset's VoID description; the site reads the base IRI back from void:uriSpace."""
    ours = taxonomy.schemes[OUR_SCHEME]
    out = _Lines(Path())
    subject = void_iri(base)
    out.add(subject, f"{RDF}type", iri(f"{VOID}Dataset"))
    out.add(subject, f"{DCT}title", literal("DL Theory Atlas", language="en"))
    out.add(subject, f"{DCT}description", literal(
        "Deep-learning theory papers from five curated lists: papers, authors, venues, the lists and "
        "their entries, and a SKOS taxonomy of topics.", language="en"))
    out.add(subject, f"{DCT}license", iri(ours.license))
    out.add(subject, f"{DCT}modified", literal(ours.modified, f"{XSD}date"))
    out.text(subject, f"{VOID}uriSpace", base)
    out.add(subject, f"{VOID}sparqlEndpoint", iri(f"{base}sparql"))
    for dump in (NTRIPLES_NAME, TURTLE_NAME):
        out.add(subject, f"{VOID}dataDump", iri(download_iri(base, dump)))
    out.add(subject, f"{VOID}rootResource", iri(taxonomy.scheme_iri(OUR_SCHEME)))
    for namespace in (SKOS, DCT, SCHEMA, FOAF, PROV, OWL):
        out.add(subject, f"{VOID}vocabulary", iri(namespace))
    out.add(subject, f"{VOID}triples", _integer(data_triples + len(out.lines) + 1))
    return sorted(out.lines)


def write_atlas_rdf(database: Path, taxonomy: Taxonomy, folder: Path) -> int:
    """Write atlas.nt (lines sorted, each triple once) and atlas.ttl (the same triples, grouped by
    subject), streaming: neither the triples nor the files are ever held whole in memory.

    Returns the number of triples.
    """
    with tempfile.TemporaryDirectory(dir=folder, prefix=".rdf-") as work:
        out = _Lines(Path(work))
        _taxonomy(out, taxonomy)
        # The build may be finishing the database meanwhile: wait for its commit rather than fail.
        db = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=READ_TIMEOUT)
        try:
            for writer in (_sources, _venues, _authors, _papers, _authorships, _subjects, _entries):
                writer(out, db, taxonomy.base_iri)
        finally:
            db.close()
        def void(triples: int) -> bytes:
            return "".join(_void(taxonomy.base_iri, taxonomy, triples)).encode()

        with (folder / NTRIPLES_NAME).open("w+b") as file:  # read too, should the lines move up
            triples = _write_with_void(out.sorted_unique(), file, f"<{void_iri(taxonomy.base_iri)}> ",
                                       void, out.most())
        _write_turtle(folder / NTRIPLES_NAME, folder / TURTLE_NAME, taxonomy.base_iri, Path(work))
    return triples + len(_void(taxonomy.base_iri, taxonomy, triples))


def _write_with_void(
    lines: Iterator[str], file: IO[bytes], before: str, void: Callable[[int], bytes], most: int
) -> int:
    """Write the sorted lines with the VoID block at its sorted place (where the first line not
    below `before` starts); returns the number of lines. The block states that number, known only
    once every line is written, so the lines after it are written first, behind room for the block
    as `most` lines would make it, then the block: fewer lines can only shorten the number, and
    then the lines written are moved up to close the gap (so `file` is open for reading too).
    Before, the lines went to a scratch file that was then copied into atlas.nt with the block:
    271 MB at 50,000 papers."""
    lines, head = iter(lines), []
    for line in lines:
        if line >= before:
            lines = chain([line], lines)
            break
        head.append(line)
    start = len("".join(head).encode()) + len(void(most))
    file.seek(start)
    count, written = len(head), 0
    while batch := list(islice(lines, 10_000)):
        written += file.write("".join(batch).encode())
        count += len(batch)
    block = "".join(head).encode() + void(count)
    if len(block) != start:
        _move(file, start, len(block), written)
    file.seek(0)
    file.write(block)
    return count


def _move(file: IO[bytes], start: int, to: int, size: int) -> None:
    """Move `size` bytes of the file from `start` down to `to` (to < start), and end it there."""
    file.flush()
    for offset in range(0, size, 1 << 20):
        chunk = os.pread(file.fileno(), min(1 << 20, size - offset), start + offset)
        os.pwrite(file.fileno(), chunk, to + offset)
    file.truncate(to + size)


def _write_turtle(ntriples: Path, target: Path, base: str, work: Path) -> None:
    """The N-Triples as Turtle with our prefixes, declared in a fixed order (the serializer's own
    order is not ours), as atlas.rdf_terms.turtle writes them."""
    names = prefixes(base)
    body = work / "body.ttl"
    # lenient: the lines are ours, their IRIs checked as written (_check_iri), and checking them
    # again took a third of the pass.
    triples = parse(path=ntriples, format=RdfFormat.N_TRIPLES, lenient=True)
    serialize(triples, output=body, format=RdfFormat.TURTLE, prefixes=names)
    header = "".join(f"@prefix {name}: <{namespace}> .\n" for name, namespace in sorted(names.items()))
    with body.open("rb") as reading, target.open("wb") as writing:
        writing.write(header.encode())
        line = reading.readline()
        while line.startswith(b"@prefix "):
            line = reading.readline()
        writing.write(line)
        shutil.copyfileobj(reading, writing)
