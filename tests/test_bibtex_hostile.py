"""BibTeX that no value can break, read back with bibtexparser (independent of the pybtex writer)."""

from __future__ import annotations

import shutil
import sqlite3

import bibtexparser
import pytest
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
from conftest import ROOT, TAXONOMY

from atlas.build.pipeline import build
from atlas.citations.bibtex import Citation, bibliography

PWNED = 'X"}}@preamble{\\typeout{pwned}\\input{/etc/hostname}}@misc{pwnedkey'
HOSTILE = [
    PWNED,
    "{",
    "}}}",
    "a}b{c",
    "@comment{x}",
    "line one\n@misc{injected,\ntitle={x}}",
    "100% of #1 & ~_ $x^2$",
    "\\input{/etc/passwd}",
    "\\",
    '"',
    "Smith, Jr",
    "Tom and Jerry",
    "others",
    "\x00\x07\x1b[31m\r\n",
    "",
]


def cite(key: str, value: str = "A paper") -> Citation:
    return Citation(key=key, title=value, year=2019, authors=((value, value), ("Arthur", value), (value, "Jacot")),
                    authors_truncated=False, venue_kind="conference", venue_name=value, venue_full_name=value,
                    arxiv_id=value, doi=value, url="https://example.org/" + value)


def read_back(text: str):
    library = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    assert library.failed_blocks == []
    assert [type(block).__name__ for block in library.blocks] == ["Entry"] * len(library.entries)
    assert library.preambles == [] and library.strings == [] and library.comments == []
    return library


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_value_in_every_field_stays_inside_its_field(value):
    text = bibliography([cite("hostile", value), cite("next-paper")])
    library = read_back(text)
    assert [entry.key for entry in library.entries] == ["hostile", "next-paper"]
    hostile, following = library.entries
    assert following.fields_dict["title"].value == "A paper"
    assert len(hostile.fields_dict["author"].value) == (3 if value.strip("{} \x00\x07\x1b\r\n") else 2)
    for field in hostile.fields:
        if field.key != "author":
            assert "\n" not in field.value and "@misc{" not in field.value and "\\input{" not in field.value


def test_the_issue_s_author_neither_adds_a_preamble_nor_truncates_its_entry():
    entry = read_back(bibliography([cite("a-paper", PWNED)])).entries[0]
    assert set(entry.fields_dict) >= {"author", "title", "year", "booktitle", "eprint", "doi", "url"}
    assert entry.fields_dict["year"].value == "2019"
    first = entry.fields_dict["author"].value[0]
    assert first.last == ['{X"@preamble\\textbackslash{}typeoutpwned\\textbackslash{}input/etc/hostname@miscpwnedkey}']
    assert entry.fields_dict["url"].value.startswith("https://example.org/X%22%7D%7D@preamble%7B%5Ctypeout")


def test_latex_commands_in_a_name_are_written_as_text():
    entry = read_back(bibliography([cite("a-paper", "\\input{/etc/passwd}")])).entries[0]
    assert entry.fields_dict["title"].value == "\\textbackslash{}input/etc/passwd"


def test_commas_and_the_word_and_inside_a_name_keep_one_person():
    entry = read_back(bibliography([cite("a-paper", "Tom and Jerry, Jr")])).entries[0]
    names = entry.fields_dict["author"].value
    assert [(name.first, name.last) for name in names] == [
        (["{Tom and Jerry, Jr}"], ["{Tom and Jerry, Jr}"]), (["Arthur"], ["{Tom and Jerry, Jr}"]),
        (["{Tom and Jerry, Jr}"], ["Jacot"]),
    ]


@pytest.fixture(scope="module")
def hostile_atlas(tmp_path_factory):
    """The real atlas, with a person the lists name renamed (in people.yml) to the issue's author."""
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copytree(ROOT / "data", folder / "data")
    people = folder / "data" / "people.yml"
    escaped = PWNED.replace("\\", "\\\\").replace('"', '\\"')
    people.write_text(people.read_text().replace('"Adil SALIM": Adil Salim', f'"Adil SALIM": "{escaped} {{"'))
    build(folder / "data" / "sources.yml", folder / "dist", folder / "data", TAXONOMY)
    return folder / "dist"


def test_a_hostile_name_with_a_stray_brace_does_not_stop_the_build_nor_break_atlas_bib(hostile_atlas):
    library = read_back((hostile_atlas / "atlas.bib").read_text(encoding="utf-8"))
    papers = {paper_id for (paper_id,) in sqlite3.connect(hostile_atlas / "atlas.db").execute("select id from papers")}
    assert {entry.key for entry in library.entries} == papers
    written = [entry for entry in library.entries if "pwned" in str(entry.fields_dict.get("author"))]
    assert len(written) == 1
