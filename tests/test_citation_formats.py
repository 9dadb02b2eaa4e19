"""RIS and CSL-JSON for every paper, in dist/ and wherever the site offers BibTeX, read back with
independent libraries: rispy reads the RIS, citeproc-py formats the CSL-JSON as a reference."""

from __future__ import annotations

import json
import sqlite3
import urllib.parse

import pytest
import rispy
from citeproc import Citation as CiteprocCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from conftest import CURATION, MANIFEST, TAXONOMY

from atlas.build.pipeline import build
from atlas.citations.csljson import csl_json
from atlas.citations.records import Citation
from atlas.citations.ris import ris

NTK = "neural-tangent-kernel-convergence-and-generalization-in-neural-networks"
NTK_AUTHORS = ["Jacot, Arthur", "Gabriel, Franck", "Hongler, Clément"]
NEURIPS = "Conference on Neural Information Processing Systems"


def cite(**fields) -> Citation:
    defaults = dict(key="a-paper", title="A paper", year=2019, authors=(("Arthur", "Jacot"),),
                    authors_truncated=False, venue_kind="conference", venue_name="NeurIPS",
                    venue_full_name=NEURIPS, arxiv_id="", doi="", url="")
    return Citation(**{**defaults, **fields})


def ris_records(text: str) -> dict[str, dict]:
    return {record["id"]: record for record in rispy.loads(text)}


def formatted(items: list[dict], key: str) -> str:
    """The reference citeproc-py formats from CSL-JSON items, in the Harvard style it ships."""
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(CiteprocCitation([CitationItem(key)]))
    return str(bibliography.bibliography()[0])


def test_atlas_ris_cites_every_paper_once_with_its_authors_venue_and_arxiv_id(built_atlas):
    records = ris_records((built_atlas.parent / "atlas.ris").read_text(encoding="utf-8"))
    paper_ids = {paper_id for (paper_id,) in sqlite3.connect(built_atlas).execute("select id from papers")}
    assert set(records) == paper_ids
    ntk = records[NTK]
    assert (ntk["type_of_reference"], ntk["year"], ntk["secondary_title"]) == ("CONF", "2018", NEURIPS)
    assert ntk["authors"] == NTK_AUTHORS
    assert ntk["title"] == "Neural Tangent Kernel: Convergence and Generalization in Neural Networks"
    assert ntk["accession_number"] == "arXiv:1806.07572"


def test_atlas_csl_json_formats_as_a_harvard_reference(built_atlas):
    items = json.loads((built_atlas.parent / "atlas.csl.json").read_text(encoding="utf-8"))
    assert len(items) == len({item["id"] for item in items}) == 372
    reference = formatted(items, NTK)
    assert reference.startswith("Jacot, A., Gabriel, F. and Hongler, C. (2018) “Neural Tangent Kernel:")
    assert NEURIPS in reference


def test_ris_and_csl_json_cite_each_paper_with_the_database_s_title_year_and_authors(built_atlas):
    dist = built_atlas.parent
    records = ris_records((dist / "atlas.ris").read_text(encoding="utf-8"))
    items = {item["id"]: item for item in json.loads((dist / "atlas.csl.json").read_text(encoding="utf-8"))}
    db = sqlite3.connect(built_atlas)
    for paper_id, title, year in db.execute("select id, title, year from papers"):
        names = [surname + (f", {given}" if given else "") for given, surname in db.execute(
            "select authors.given_names, authors.surname from paper_authors join authors "
            "on authors.id = author_id where paper_id = ? order by position", [paper_id])]
        record, item = records[paper_id], items[paper_id]
        assert record["title"] == item["title"] == title
        assert record.get("year") == (str(year) if year else None)
        assert item.get("issued") == ({"date-parts": [[year]]} if year else None)
        assert record.get("authors", []) == names
        assert [name["family"] + (f", {name['given']}" if "given" in name else "")
                for name in item.get("author", [])] == names


@pytest.mark.parametrize("venue_kind, ris_type, csl_type", [
    ("conference", "CONF", "paper-conference"), ("workshop", "CONF", "paper-conference"),
    ("journal", "JOUR", "article-journal"), ("book", "BOOK", "book"), ("thesis", "THES", "thesis"),
    ("preprint", "UNPB", "article"), ("unknown", "GEN", "document"),
])
def test_the_venue_kind_chooses_the_reference_type(venue_kind, ris_type, csl_type):
    cited = [cite(venue_kind=venue_kind)]
    assert rispy.loads(ris(cited))[0]["type_of_reference"] == ris_type
    assert json.loads(csl_json(cited))[0]["type"] == csl_type


def test_a_one_word_name_is_a_family_name_and_a_truncated_list_says_so():
    cited = [cite(authors=(("Plato", ""), ("Gérard", "Ben Arous")), authors_truncated=True)]
    record = rispy.loads(ris(cited))[0]
    assert record["authors"] == ["Plato", "Ben Arous, Gérard"] and "first authors" in record["notes"][0]
    item = json.loads(csl_json(cited))[0]
    assert item["author"] == [{"family": "Plato"}, {"family": "Ben Arous", "given": "Gérard"}]
    assert "first authors" in item["note"]


def test_two_builds_write_the_same_ris_and_csl_json(built_atlas, tmp_path):
    build(MANIFEST, tmp_path / "again", CURATION, TAXONOMY)
    for name in ("atlas.ris", "atlas.csl.json"):
        assert (tmp_path / "again" / name).read_bytes() == (built_atlas.parent / name).read_bytes()


def test_every_page_offering_bibtex_offers_ris_and_csl_json_and_other_tables_do_not(get):
    for path in ("/atlas/papers", "/atlas/entries", f"/atlas/papers/{NTK}", "/atlas/papers_by_author?name=Jacot",
                 "/atlas/search?q=neural+tangent+kernel"):
        page = get(path).text
        assert ".bib" in page and ".ris" in page and ".csljson" in page, path
    assert ".ris" not in get("/atlas/venues").text


def test_a_filtered_papers_page_downloads_as_the_same_ris_and_csl_json_as_dist(get, built_atlas):
    ris_page = get(f"/atlas/papers.ris?id={NTK}")
    assert ris_page.headers["content-type"].startswith("application/x-research-info-systems")
    in_dist = ris_records((built_atlas.parent / "atlas.ris").read_text(encoding="utf-8"))[NTK]
    assert ris_records(ris_page.text) == {NTK: in_dist}
    csl_page = get(f"/atlas/papers.csljson?id={NTK}")
    assert csl_page.headers["content-type"].startswith("application/vnd.citationstyles.csl+json")
    items = json.loads((built_atlas.parent / "atlas.csl.json").read_text(encoding="utf-8"))
    assert csl_page.json() == [item for item in items if item["id"] == NTK]


def test_a_canned_query_a_row_and_any_sql_download_in_their_row_order(get):
    order = [row["id"] for row in get("/atlas/papers_by_author.json?name=Jacot&_shape=objects").json()["rows"]]
    assert [record["id"] for record in rispy.loads(get("/atlas/papers_by_author.ris?name=Jacot").text)] == order
    assert [item["id"] for item in get("/atlas/papers_by_author.csljson?name=Jacot").json()] == order
    assert [item["id"] for item in get(f"/atlas/papers/{NTK}.csljson").json()] == [NTK]
    query = "select paper_id from paper_authors where author_id = 'jacot-arthur' order by paper_id"
    assert NTK in ris_records(get(f"/atlas.ris?sql={urllib.parse.quote(query)}").text)


def test_a_topic_s_papers_download_as_ris_from_its_page(get):
    page = get("/topic/neural-tangent-kernel").text
    assert 'href="/atlas/papers.ris?_topic=neural-tangent-kernel' in page
    assert 'href="/atlas/papers.csljson?_topic=neural-tangent-kernel' in page
    assert NTK in ris_records(get("/atlas/papers.ris?_topic=neural-tangent-kernel").text)


def test_rows_naming_no_paper_answer_400_not_500(get):
    assert get("/atlas/venues.ris").status_code in (400, 404)
    assert get("/atlas.csljson?sql=select+1+as+paper_id").status_code == 400


def test_the_home_page_offers_the_ris_and_csl_json_files(get):
    page = get("/").text
    for name in ("atlas.ris", "atlas.csl.json"):
        assert f'href="/static/downloads/{name}"' in page
        assert get(f"/static/downloads/{name}").status_code == 200


def test_a_table_larger_than_one_read_cites_every_paper_in_its_order(get, built_atlas, monkeypatch):
    from atlas.site.plugins import citation_output
    monkeypatch.setattr(citation_output, "CHUNK", 50)  # 372 papers: eight reads, as 1M papers would take
    order = [row["id"] for row in get("/atlas/papers.json?_shape=array&_size=max&_col=id").json()]
    records = rispy.loads(get("/atlas/papers.ris").text)
    assert [record["id"] for record in records] == order
    in_dist = ris_records((built_atlas.parent / "atlas.ris").read_text(encoding="utf-8"))
    assert {record["id"]: record for record in records} == in_dist


def test_a_table_naming_more_papers_than_a_citation_file_cites_is_a_bad_request_saying_what_to_do(
    get, monkeypatch
):
    from atlas.site.plugins import citation_output
    monkeypatch.setattr(citation_output, "CITED_ROWS", 100)  # 372 papers: as a million would be
    for extension in ("bib", "ris", "csljson"):
        refused = get(f"/atlas/papers.{extension}")
        assert refused.status_code == 400
        assert "Narrow them" in refused.text and "/static/downloads/" in refused.text
        assert get(f"/atlas/papers.{extension}?_search=double").status_code == 200
