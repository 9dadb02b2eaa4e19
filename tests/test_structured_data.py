"""What a citation manager or a search engine reads from a page's head, read as they read it: the
Highwire citation_* tags with lxml, the schema.org JSON-LD with extruct, each checked against the
database, on every paper and every topic of ours."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3

import extruct
import lxml.html
import pytest
from datasette.app import Datasette

BASE = "https://w3id.org/dl-theory-atlas/"
NTK = "neural-tangent-kernel-convergence-and-generalization-in-neural-networks"
HOSTILE = '</script><script>alert("pwned")</script><!-- & \' " \u2028 </SCRIPT >'


def citation_tags(html: str) -> list[tuple[str, str]]:
    head = lxml.html.fromstring(html).find("head")
    return [(meta.get("name"), meta.get("content")) for meta in head.iter("meta")
            if (meta.get("name") or "").startswith("citation_")]


def json_ld(html: str, url: str) -> list[dict]:
    return extruct.extract(html, base_url=url, syntaxes=["json-ld"], uniform=False)["json-ld"]


def expected_tags(db, paper_id: str) -> list[tuple[str, str]]:
    """The tags a paper's row says it should carry, from the database alone."""
    title, year, kind, full_name, name, arxiv_id, doi = db.execute(
        "select title, year, venues.kind, venues.full_name, venues.name, arxiv_id, doi from papers "
        "left join venues on venues.id = venue_id where papers.id = ?", [paper_id]).fetchone()
    tags = [("citation_title", title)]
    tags += [("citation_author", ", ".join(part for part in row if part)) for row in db.execute(
        "select surname, given_names from paper_authors join authors on authors.id = author_id "
        "where paper_id = ? order by position", [paper_id])]
    tags += [("citation_publication_date", str(year))] if year else []
    venue_tag = {"journal": "citation_journal_title", "conference": "citation_conference_title",
                 "workshop": "citation_conference_title", "book": "citation_publisher"}.get(kind)
    tags += [(venue_tag, name if kind == "book" else full_name)] if venue_tag else []
    tags += [("citation_arxiv_id", arxiv_id)] if arxiv_id else []
    tags += [("citation_doi", doi)] if doi else []
    pdf = db.execute("select min(url) from links where paper_id = ? and kind = 'pdf'", [paper_id]).fetchone()[0]
    pdf = pdf or (f"https://arxiv.org/pdf/{arxiv_id}" if arxiv_id else None)
    return tags + ([("citation_pdf_url", pdf)] if pdf else [])


def test_every_paper_page_carries_the_database_s_citation_tags(get, built_atlas):
    db = sqlite3.connect(built_atlas)
    for (paper_id,) in db.execute("select id from papers order by id"):
        assert citation_tags(get(f"/paper/{paper_id}").text) == expected_tags(db, paper_id), paper_id


def test_the_ntk_paper_reads_as_a_connector_would_read_it(get):
    tags = dict(citation_tags(get(f"/paper/{NTK}").text))
    assert tags["citation_conference_title"] == "Conference on Neural Information Processing Systems"
    assert tags["citation_arxiv_id"] == "1806.07572" and tags["citation_publication_date"] == "2018"


def test_every_paper_page_describes_itself_as_a_scholarly_article_with_the_rdf_s_iris(get, built_atlas):
    db = sqlite3.connect(built_atlas)
    subjects = (built_atlas.parent / "atlas.nt").read_text(encoding="utf-8")
    for paper_id, title, year, arxiv_id in db.execute("select id, title, year, arxiv_id from papers order by id"):
        (article,) = json_ld(get(f"/paper/{paper_id}").text, f"http://localhost/paper/{paper_id}")
        assert (article["@type"], article["name"], article.get("datePublished")) == \
            ("ScholarlyArticle", title, str(year) if year else None)
        assert f"<{article['@id']}>" in subjects and article["url"] == f"http://localhost/paper/{paper_id}"
        authors = db.execute("select author_id from paper_authors where paper_id = ? order by position", [paper_id])
        assert [author["@id"] for author in article["author"]] == [f"{BASE}author/{a}" for (a,) in authors]
        topics = db.execute("select distinct topics.iri from paper_topics join topics on topics.id = topic_id "
                            "where paper_id = ? and scheme_id = 'atlas'", [paper_id])
        assert {topic["@id"] for topic in article["about"]} == {iri for (iri,) in topics}
        assert article.get("sameAs", []) == ([f"https://arxiv.org/abs/{arxiv_id}"] if arxiv_id else [])


def test_the_ntk_article_is_part_of_the_neurips_series(get):
    (article,) = json_ld(get(f"/paper/{NTK}").text, "http://localhost/")
    assert article["isPartOf"] == {"@type": "CreativeWorkSeries", "@id": f"{BASE}venue/neurips",
                                   "name": "Conference on Neural Information Processing Systems",
                                   "alternateName": "NeurIPS"}


def test_every_topic_of_ours_is_a_defined_term_of_the_scheme(get, built_atlas):
    db = sqlite3.connect(built_atlas)
    rows = db.execute("select id, iri, label, definition from topics where scheme_id = 'atlas' order by id")
    for topic_id, iri, label, definition in rows:
        (term,) = json_ld(get(f"/topic/{topic_id}").text, f"http://localhost/topic/{topic_id}")
        assert (term["@type"], term["@id"], term["termCode"], term["name"]) == ("DefinedTerm", iri, topic_id, label)
        assert term.get("description") == definition
        assert term["inDefinedTermSet"]["@id"] == f"{BASE}scheme/atlas"
    (lists_concept,) = json_ld(get("/topic/phenomena/lottery-ticket-hypothesis").text, "http://localhost/")
    assert lists_concept["inDefinedTermSet"]["@id"] == f"{BASE}scheme/phenomena"


def test_the_home_page_is_a_dataset_whose_every_distribution_downloads(get, built_atlas):
    (dataset,) = json_ld(get("/").text, "http://localhost/")
    assert dataset["@type"] == "Dataset" and dataset["name"] == "DL Theory Atlas"
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert len(dataset["description"]) >= 50 and "<" not in dataset["description"]
    first, last = sqlite3.connect(built_atlas).execute("select min(year), max(year) from papers").fetchone()
    assert dataset["temporalCoverage"] == f"{first}/{last}"
    assert "Neural tangent kernel" not in dataset["keywords"] and "Optimization" in dataset["keywords"]
    files = {item["name"]: item for item in dataset["distribution"]}
    assert {"atlas.db", "atlas.nt", "atlas.ttl", "atlas.bib", "atlas.ris", "atlas.csl.json"} <= set(files)
    for item in files.values():
        assert get(item["contentUrl"].removeprefix("http://localhost")).status_code == 200, item
    assert files["atlas.ris"]["encodingFormat"] == "application/x-research-info-systems"


@pytest.fixture(scope="module")
def hostile_site(built_atlas, tmp_path_factory):
    """The built atlas with a paper's title, digest, venue, an author's name and a topic's label
    and definition each made to break out of a script element or an attribute."""
    site = tmp_path_factory.mktemp("hostile-site") / "dist"
    shutil.copytree(built_atlas.parent, site, symlinks=False)
    db = sqlite3.connect(site / "atlas.db")
    db.execute("update papers set title = ?, digest = ?, doi = ? where id = ?", [HOSTILE, HOSTILE, HOSTILE, NTK])
    db.execute("update authors set name = ?, surname = ? where id = 'jacot-arthur'", [HOSTILE, HOSTILE])
    db.execute("update venues set full_name = ? where id = 'neurips'", [HOSTILE])
    db.execute("update topics set label = ?, definition = ? where id = 'neural-tangent-kernel'", [HOSTILE, HOSTILE])
    db.commit()
    db.close()
    (site / "inspect-data.json").unlink()  # the database changed: let Datasette read it as it is
    datasette = Datasette([], config_dir=site)
    return lambda path: asyncio.run(datasette.client.get(path)).text


def test_hostile_values_stay_inside_their_tag_and_their_json_ld(hostile_site):
    page = hostile_site(f"/paper/{NTK}")
    tags = dict(citation_tags(page))
    assert tags["citation_title"] == HOSTILE and tags["citation_conference_title"] == HOSTILE
    assert ("citation_author", f"{HOSTILE}, Arthur") in citation_tags(page)
    (article,) = json_ld(page, "http://localhost/")
    assert article["name"] == article["abstract"] == HOSTILE and article["author"][0]["name"] == HOSTILE
    assert "alert" not in "".join(lxml.html.fromstring(page).xpath("//script[not(@type)]/text()"))
    topic = hostile_site("/topic/neural-tangent-kernel")
    (term,) = json_ld(topic, "http://localhost/")
    assert term["name"] == term["description"] == HOSTILE
    assert len(lxml.html.fromstring(topic).xpath("//script[@type='application/ld+json']")) == 1
