"""Lists parsed in segments on two cores give the entries of one reading on one core."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MANIFEST, ROOT

from atlas.build.errors import InputError
from atlas.build.parse_pool import parse_documents
from atlas.build.parsers import parse_document
from atlas.build.records import Source
from atlas.build.sources import load_manifest, read_source, source_text


def real_documents():
    documents = []
    for manifest in (MANIFEST, ROOT / "tests" / "data" / "quirks" / "sources.yml"):
        documents += [read_source(source, manifest.parent) for source in load_manifest(manifest)]
    for path in sorted((ROOT / "tests" / "data" / "new_list_versions").glob("*.md")):
        documents.append(excerpt(path.read_text(encoding="utf-8")))
    return documents


def excerpt(text: str, format_name: str = "awesome_digest"):
    return source_text(Source(id="x", title="x", file="x.md", format=format_name), Path("x.md"), text)


def one_core(documents):
    return [parse_document(document) for document in documents]


def test_every_real_list_parsed_in_segments_of_any_size_gives_the_entries_of_one_reading():
    documents = real_documents()
    whole = one_core(documents)
    for segment_lines in (1, 7, 50, 20_000):
        assert parse_documents(documents, segment_lines) == whole, segment_lines


def test_a_cut_inside_a_fenced_code_or_html_block_or_a_link_reference_reads_the_list_whole():
    fenced = "# Papers\n\n- A paper. *ICLR 2021*\n\n```\ncode\n\n- not an item\n```\n\n- B paper. *ICLR 2021*\n"
    commented = "# Papers\n\n- A paper.\n\n<!--\n\n- commented out\n\n-->\n\n- B paper.\n"
    referenced = "# Papers\n\n- [A paper][a]\n\n- B paper\n\n[a]: https://arxiv.org/abs/2101.00001\n"
    documents = [excerpt(text) for text in (fenced, commented, referenced)]
    assert parse_documents(documents, 1) == one_core(documents)


def test_a_heading_the_guess_misses_still_gives_each_entry_its_section():
    setext = (
        "# Papers\n\n## Optimization\n\n- A paper. *ICLR 2021*\n\n"
        "Generalization\n--------------\n\n- B paper. *ICLR 2021*\n\n"
        "```\n# not a heading\n```\n\n- C paper. *COLT 2020*\n"
    )
    [parsed] = parse_documents([excerpt(setext)], 1)
    assert [entry.section for entry in parsed] == [
        ("Papers", "Optimization"), ("Papers", "Generalization"), ("Papers", "Generalization")]
    assert [parsed] == one_core([excerpt(setext)])


def test_an_error_in_a_later_segment_names_its_file_and_line():
    deep = "".join("  " * depth + "- item\n" for depth in range(25))
    text = "# Papers\n\n- A paper. *ICLR 2021*\n\n" + deep
    with pytest.raises(InputError, match=r"x\.md:\d+: lists or quotes nested more than 20 deep"):
        parse_documents([excerpt(text), excerpt(text)], 1)
