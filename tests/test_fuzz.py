"""Seeded mutations of the real lists and curated YAML: the build either keeps every list item or
stops with one `file:line: message`, never a traceback.

A few dozen cases run every time; FUZZ_PROFILE=explore runs thousands (FUZZ_CASES sets how many),
FUZZ_FIRST_SEED moves the window to fresh ones, and FUZZ_LOG names a file that gets one line per
case (seed, mutation, file, outcome) to count outcomes by. A family of mutations that once broke
the build has cases of its own besides; `-k markdown_marker` runs only that family's.
"""

from __future__ import annotations

import html
import os
import random
import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import marko
import marko.block
import pytest
import yaml
from conftest import ROOT

from atlas.build.errors import InputError
from atlas.build.pipeline import build

EXPLORE = os.environ.get("FUZZ_PROFILE") == "explore"
CASES = int(os.environ.get("FUZZ_CASES", 2000 if EXPLORE else 24))
FIRST_SEED = int(os.environ.get("FUZZ_FIRST_SEED", 0))
LOG = os.environ.get("FUZZ_LOG")

LISTS = sorted((ROOT / "data" / "sources").glob("*.txt"))
YAML_FILES = [*sorted((ROOT / "data").glob("*.yml")), *sorted((ROOT / "taxonomy").rglob("*.yml"))]

HOSTILE = [
    'X"}}@preamble{\\typeout{pwned}\\input{/etc/hostname}}@misc{pwnedkey', "{", "}", "\x00", "\\", "%", "#",
    "[[x]]", "[x](", "](javascript:alert(1))", "**", "`", "|", "<!--", "-->", "<script>", "&#0;", "\u2028",
    "\ufeff", "\r", "'", '"', ": ", "- ", "* ", "1. ", "&a", "*a", "!!python/object:os.system", "{{", "${x}",
    "Ω≈ç√∫", "\U0001f600", "\u202e", "..", "/etc/passwd", "\t",
]


# --- an independent tally of list items ------------------------------------------------------

_COMMENT = re.compile(r"^\[//\]:\s*#\s*\((.*)\)\s*$")


def count_items(text: str) -> int:
    """List items as a second CommonMark implementation (marko) reads them, commented-out ones
    included: a tally that shares no code with the markdown-it walk the parsers use."""
    lines = [html.unescape(found[1]) if (found := _COMMENT.match(line)) else line for line in text.split("\n")]
    # A last line is a line with or without its newline; marko misses an empty item (`-`) there.
    pending, count = [marko.Markdown().parse("\n".join(lines) + "\n")], 0
    while pending:
        element = pending.pop()
        count += isinstance(element, marko.block.ListItem)
        if isinstance(element, marko.block.BlockElement):
            pending.extend(child for child in element.children if isinstance(child, marko.block.BlockElement))
    return count


# --- mutations ---------------------------------------------------------------------------------

Mutation = Callable[[bytes, random.Random], bytes]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return bytes(data)


def invalid_utf8(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + rng.choice([b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xc0\xaf"]) + data[at:]


def bom(data: bytes, rng: random.Random) -> bytes:
    at = 0 if rng.random() < 0.5 else rng.randrange(len(data))
    return data[:at] + b"\xef\xbb\xbf" + data[at:]


def crlf(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"\n", b"\r\n")


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def nest(data: bytes, rng: random.Random) -> bytes:
    """Indent a line under the one above, or open a list on its line (`- 1. Title`)."""
    lines = _lines(data)
    at = rng.randrange(len(lines))
    # No tab: after spaces, markdown-it and marko disagree on the column a tab reaches.
    prefix = rng.choice([b"  ", b"    ", b"- ", b"* ", b"1. ", b"  - ", b"- - "])
    lines[at] = prefix + lines[at]
    return b"\n".join(lines)


def long_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    lines[at] += rng.choice([b"a", b"word ", b"[", b"*", b"{"]) * rng.choice([1000, 100_000])
    return b"\n".join(lines)


def hostile_string(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    line = lines[at].decode("utf-8", "surrogateescape")
    cut = rng.randrange(len(line) + 1)
    line = line[:cut] + rng.choice(HOSTILE) + line[cut:]
    lines[at] = line.encode("utf-8", "surrogateescape")
    return b"\n".join(lines)


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    depth = rng.choice([10, 100, 10_000])
    lines[at] += rng.choice([b"[" * depth, b"{" * depth, b"- " * depth, b"> " * depth])
    return b"\n".join(lines)


MARKERS = [b"[", b"]", b"(", b")", b"*", b"**", b"[[", b"]]", b"`"]
_INSIDE_A_WORD = re.compile(rb"(?<=\w)(?=\w)")
_LINK = re.compile(rb"\[[^\n]*?\]\([^)\n]*\)")


def markdown_marker(data: bytes, rng: random.Random) -> bytes:
    """A markdown marker inside a word (`ne**twork`, issue 19) or inside a link (`[[pd*f](…)]`)."""
    if rng.random() < 0.5:
        places = [place for link in _LINK.finditer(data) for place in range(link.start() + 1, link.end())]
    else:
        places = [inside.start() for inside in _INSIDE_A_WORD.finditer(data)]
    at = rng.choice(places or range(len(data) + 1))
    return data[:at] + rng.choice(MARKERS) + data[at:]


MUTATIONS: list[Mutation] = [
    flip_bytes, invalid_utf8, bom, crlf, truncate, nest, long_line, hostile_string, deep_nesting,
]
# Families with cases of their own, on the real lists only: the markdown is where they bite.
FAMILIES = [markdown_marker]
FAMILY_CASES = int(os.environ.get("FUZZ_CASES", 2000 if EXPLORE else 8))


def mutate(tree: Path, seed: int, mutation: Mutation | None = None) -> tuple[Path, str]:
    """Apply one seeded mutation to one real list or curated YAML file of the copied tree; a
    mutation given, to one real list."""
    rng = random.Random(seed)
    if mutation:
        original = rng.choice(LISTS)
    else:
        original = rng.choice(LISTS if rng.random() < 0.6 else YAML_FILES)
        mutation = rng.choice(MUTATIONS)
    path = tree / original.relative_to(ROOT)
    data = path.read_bytes()
    path.write_bytes(mutation(data, rng) if data else data)
    return path, f"{mutation.__name__} of {original.relative_to(ROOT)} (seed {seed})"


def log(what: str, outcome: str) -> None:
    if LOG:
        with open(LOG, "a", encoding="utf-8") as file:
            file.write(f"{what}\t{outcome}\n")


@pytest.mark.parametrize("seed", range(FIRST_SEED, FIRST_SEED + CASES))
def test_a_mutated_input_builds_with_every_item_or_stops_with_one_line(tmp_path, seed):
    build_mutated(tmp_path, seed)


@pytest.mark.parametrize("mutation", FAMILIES, ids=lambda mutation: mutation.__name__)
@pytest.mark.parametrize("seed", range(FIRST_SEED, FIRST_SEED + FAMILY_CASES))
def test_a_family_of_mutations_builds_with_every_item_or_stops_with_one_line(tmp_path, seed, mutation):
    build_mutated(tmp_path, seed, mutation)


def build_mutated(tmp_path: Path, seed: int, mutation: Mutation | None = None) -> None:
    """Build a mutated copy of the real data: every item kept, or one `file:line: message`."""
    for folder in ("data", "taxonomy"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    path, what = mutate(tmp_path, seed, mutation)
    try:
        report = build(tmp_path / "data" / "sources.yml", tmp_path / "dist", tmp_path / "data",
                       tmp_path / "taxonomy")
    except InputError as error:
        message = str(error)
        assert "\n" not in message, what
        assert re.match(rf"{re.escape(str(tmp_path))}/\S+:\d+: \S", message), f"{what}: {message}"
        assert not (tmp_path / "dist").exists(), what
        log(what, "stopped: " + message.replace(str(tmp_path) + "/", "").replace("\t", " "))
        return
    assert report["entries"] > 0
    manifest = yaml.safe_load((tmp_path / "data" / "sources.yml").read_text(encoding="utf-8-sig"))
    db = sqlite3.connect(tmp_path / "dist" / "atlas.db")
    for source in manifest["sources"]:
        text = (tmp_path / "data" / source["file"]).read_bytes().decode("utf-8-sig")
        (entries,) = db.execute("select count(*) from entries where source_id = ?", [source["id"]]).fetchone()
        assert entries == count_items(text), f"{what}: {source['id']}"
    log(what, f"built: {report['entries']} entries")


def test_the_tally_counts_items_nested_on_one_line_and_not_code_or_html():
    text = ("- a\n  - b\n\n* * **Title**\n- 1. Noam\n\n---\n* * *\n```\n- not an item\n```\n"
            "[//]: # (- hidden)\n\n1) x\n\n<!--\n- commented out\n-->\n\n\t- code\n")
    assert count_items(text) == 8
