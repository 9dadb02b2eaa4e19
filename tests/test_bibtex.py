"""BibTeX for every paper: dist/atlas.bib and a .bib link on Datasette pages whose rows are papers.

The files are parsed back with bibtexparser, a parser independent of the pybtex writer.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
import urllib.request

import bibtexparser
import pytest
from conftest import CURATION, MANIFEST, TAXONOMY

from atlas.build.pipeline import build
from atlas.citations.bibtex import Citation, bibliography, protect_case

NTK = "neural-tangent-kernel-convergence-and-generalization-in-neural-networks"


def cite(**fields) -> Citation:
    defaults = dict(key="a-paper", title="A paper", year=2019, authors=(("Arthur", "Jacot"),),
                    authors_truncated=False, venue_kind="conference", venue_name="NeurIPS",
                    venue_full_name="Conference on Neural Information Processing Systems",
                    arxiv_id="", doi="", url="")
    return Citation(**{**defaults, **fields})


def parsed(text: str) -> dict[str, dict]:
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    return {entry.key: {"type": entry.entry_type, **{k: f.value for k, f in entry.fields_dict.items()}}
            for entry in library.entries}


def test_acronyms_and_inner_capitals_are_protected_from_lowercasing():
    assert protect_case("Why SGD prefers flat minima in ResNets") == "Why {SGD} prefers flat minima in {ResNets}"


def test_proper_nouns_of_a_sentence_case_title_are_protected_but_title_case_is_left_to_the_style():
    assert protect_case("Gaussian process behaviour of wide Bayesian networks") == \
        "Gaussian process behaviour of wide {Bayesian} networks"
    assert protect_case("Deep Neural Networks as Gaussian Processes") == "Deep Neural Networks as Gaussian Processes"


def test_a_brace_in_a_listed_title_cannot_break_the_bibtex():
    entry = parsed(bibliography([cite(title="On the {unbalanced brace of a title")]))["a-paper"]
    assert entry["title"] == "On the unbalanced brace of a title"


@pytest.mark.parametrize("venue_kind, entry_type, venue_field, named", [
    ("conference", "inproceedings", "booktitle", "Conference on Neural Information Processing Systems"),
    ("journal", "article", "journal", "Conference on Neural Information Processing Systems"),
    ("book", "book", "publisher", "NeurIPS"),
    ("preprint", "misc", "howpublished", "NeurIPS"),
])
def test_the_venue_kind_chooses_the_entry_type(venue_kind, entry_type, venue_field, named):
    entry = parsed(bibliography([cite(venue_kind=venue_kind)]))["a-paper"]
    assert entry["type"] == entry_type and entry[venue_field] == named


def test_a_truncated_author_list_ends_with_others_and_a_url_stays_verbatim():
    text = bibliography([cite(authors=(("Gérard", "Ben Arous"), ("Weinan", "E")), authors_truncated=True,
                              url="https://openreview.net/pdf?id=wXgk_iCiYGo", title="Learning 100% of it")])
    entry = parsed(text)["a-paper"]
    assert entry["author"] == "Ben Arous, Gérard and E, Weinan and others"
    assert entry["url"] == "https://openreview.net/pdf?id=wXgk_iCiYGo"
    assert entry["title"] == r"Learning 100\% of it"


def test_atlas_bib_cites_every_paper_once_and_parses_back(built_atlas):
    entries = parsed((built_atlas.parent / "atlas.bib").read_text(encoding="utf-8"))
    paper_ids = {paper_id for (paper_id,) in sqlite3.connect(built_atlas).execute("select id from papers")}
    assert set(entries) == paper_ids
    ntk = entries[NTK]
    assert ntk["type"] == "inproceedings" and ntk["year"] == "2018"
    assert ntk["author"] == "Jacot, Arthur and Gabriel, Franck and Hongler, Clément"
    assert ntk["booktitle"] == "Conference on Neural Information Processing Systems"
    assert (ntk["eprint"], ntk["archiveprefix"]) == ("1806.07572", "arXiv")


def test_two_builds_write_the_same_atlas_bib(built_atlas, tmp_path):
    build(MANIFEST, tmp_path / "again", CURATION, TAXONOMY)
    assert (tmp_path / "again" / "atlas.bib").read_bytes() == (built_atlas.parent / "atlas.bib").read_bytes()


def test_papers_page_offers_a_bib_link_and_other_tables_do_not(get):
    assert 'href="/atlas/papers.bib' in get("/atlas/papers").text
    assert 'href="/atlas/entries.bib' in get("/atlas/entries").text  # its rows name papers by paper_id
    assert ".bib" not in get("/atlas/venues").text


def test_a_filtered_papers_page_downloads_as_the_same_bibtex_as_dist(get, built_atlas):
    response = get(f"/atlas/papers.bib?id={NTK}")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/x-bibtex")
    in_dist = parsed((built_atlas.parent / "atlas.bib").read_text(encoding="utf-8"))[NTK]
    assert parsed(response.text) == {NTK: in_dist}


def test_a_canned_query_downloads_as_bibtex_in_its_row_order(get):
    response = get("/atlas/papers_by_author.bib?name=Jacot")
    keys = list(parsed(response.text))
    assert NTK in keys
    assert keys == [row["id"] for row in get("/atlas/papers_by_author.json?name=Jacot&_shape=objects").json()["rows"]]


def test_entries_of_one_list_download_as_bibtex_of_their_papers(get):
    text = get("/atlas/entries.bib?source_id=optimization-analysis&kind=paper").text
    assert len(parsed(text)) == 5


def test_the_readme_serve_command_serves_bibtex_too(served_atlas):
    with urllib.request.urlopen(f"{served_atlas}/atlas/papers.bib?_size=max") as response:
        assert len(parsed(response.read().decode("utf-8"))) == 372


def test_the_writer_escapes_exactly_what_pybtex_would():
    import codecs

    from atlas.citations.bibtex import _latex
    for text in ("Learning 100% & more_of it #1 ~ roughly", "Plain: α-β — {SGD} $x$ \\emph{y}", "Jastrzębski"):
        assert _latex(text) == codecs.encode(text, "ulatex+utf-8")


def test_a_paper_row_page_and_any_sql_with_a_paper_id_column_download_as_bibtex(get):
    assert list(parsed(get(f"/atlas/papers/{NTK}.bib").text)) == [NTK]
    query = "select paper_id from paper_authors where author_id = 'jacot-arthur' order by paper_id"
    assert NTK in parsed(get(f"/atlas.bib?sql={urllib.parse.quote(query)}").text)
