"""What a citation manager, a search engine or a dataset search reads from a page's head: Highwire
`citation_*` tags and schema.org JSON-LD, made from the data a page already fetched (pages.py).

The pages write the tags through their templates (escaped as any attribute) and the JSON-LD with
Jinja's `tojson`, which escapes `<`, `>` and `&`, so no title can close the script element.
IRIs are the RDF's own (atlas/iris.py); `url`s are the pages on the host that served them.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from atlas.iris import resource_iri

SCHEMA = "https://schema.org"
# Highwire tag naming the venue, by the venue's kind; a preprint's venue is its arXiv id's.
VENUE_TAGS = {"journal": "citation_journal_title", "conference": "citation_conference_title",
              "workshop": "citation_conference_title", "book": "citation_publisher"}
# File extension of a download → its media type, for the Dataset's distribution.
MEDIA_TYPES = {
    ".db": "application/vnd.sqlite3", ".nt": "application/n-triples", ".ttl": "text/turtle",
    ".bib": "application/x-bibtex", ".ris": "application/x-research-info-systems",
    ".csl.json": "application/vnd.citationstyles.csl+json", ".jsonld": "application/ld+json",
    ".json": "application/json",
}


def citation_name(author: dict) -> str:
    """"Surname, Given names", as Highwire tags name authors; one part alone where one is empty."""
    return ", ".join(part for part in (author["surname"], author["given_names"]) if part)


def pdf_url(paper: dict, links: list[dict]) -> str | None:
    """The first PDF link a list gives, else arXiv's PDF of the paper's arXiv id."""
    pdfs = [link["url"] for link in links if link["kind"] == "pdf"]
    if pdfs:
        return pdfs[0]
    return f"https://arxiv.org/pdf/{paper['arxiv_id']}" if paper["arxiv_id"] else None


def citation_tags(data: dict) -> list[tuple[str, str]]:
    """The (name, content) of each Highwire meta tag of a paper page (pages.paper's data)."""
    paper = data["paper"]
    tags = [("citation_title", paper["title"])]
    tags += [("citation_author", citation_name(author)) for author in data["authors"]]
    if paper["year"]:
        tags.append(("citation_publication_date", str(paper["year"])))
    venue_tag = VENUE_TAGS.get(paper["venue_kind"] or "")
    if venue_tag:
        which = "venue_name" if venue_tag == "citation_publisher" else "venue_full_name"
        tags.append((venue_tag, paper[which]))
    if paper["arxiv_id"]:
        tags.append(("citation_arxiv_id", paper["arxiv_id"]))
    if paper["doi"]:
        tags.append(("citation_doi", paper["doi"]))
    pdf = pdf_url(paper, data["links"])
    if pdf:
        tags.append(("citation_pdf_url", pdf))
    return [(name, content) for name, content in tags if content]


def _venue(paper: dict, base: str) -> dict:
    """Where the paper appeared: the journal or conference series it is part of, or the publisher."""
    kind = paper["venue_kind"] or ""
    venue = {"@id": resource_iri(base, "venue", paper["venue_id"]), "name": paper["venue_full_name"]}
    if paper["venue_name"] and paper["venue_name"] != paper["venue_full_name"]:
        venue["alternateName"] = paper["venue_name"]
    if kind == "journal":
        return {"isPartOf": {"@type": "Periodical", **venue}}
    if kind in ("conference", "workshop"):
        return {"isPartOf": {"@type": "CreativeWorkSeries", **venue}}
    if kind in ("book", "preprint"):
        return {"publisher": {"@type": "Organization", **venue, "name": paper["venue_name"]}}
    return {}


def scholarly_article(data: dict, base: str, url: Callable[[str], str]) -> dict:
    """schema.org ScholarlyArticle of a paper page; `url(path)` makes a page's absolute URL."""
    paper = data["paper"]
    article = {
        "@context": SCHEMA, "@type": "ScholarlyArticle", "@id": resource_iri(base, "paper", paper["id"]),
        "name": paper["title"], "url": url(f"/paper/{paper['id']}"),
        "author": [{"@type": "Person", "@id": resource_iri(base, "author", author["author_id"]),
                    "name": author["name"], "url": url(f"/author/{author['author_id']}")}
                   for author in data["authors"]],
        "about": [{"@type": "DefinedTerm", "@id": topic["iri"], "name": topic["label"]}
                  for topic in data["topics"] if topic["ours"]],
    }
    if paper["year"]:
        article["datePublished"] = str(paper["year"])
    if paper["venue_id"]:
        article.update(_venue(paper, base))
    if paper["digest"]:
        article["abstract"] = paper["digest"]
    same = [f"https://arxiv.org/abs/{paper['arxiv_id']}"] if paper["arxiv_id"] else []
    same += [f"https://doi.org/{paper['doi']}"] if paper["doi"] else []
    if same:
        article["sameAs"] = same
    return article


def defined_term(data: dict, url: Callable[[str], str]) -> dict:
    """schema.org DefinedTerm of a topic page, in the DefinedTermSet of its scheme."""
    topic = data["topic"]
    term = {
        "@context": SCHEMA, "@type": "DefinedTerm", "@id": topic["iri"], "termCode": topic["id"],
        "name": topic["label"], "url": url(f"/topic/{topic['id']}"),
        "inDefinedTermSet": {
            "@type": "DefinedTermSet", "@id": topic["scheme_iri"], "name": topic["scheme_title"],
        },
    }
    if topic["alt_labels"]:
        term["alternateName"] = topic["alt_labels"]
    if topic["definition"]:
        term["description"] = topic["definition"]
    return term


def dataset(data: dict, metadata: dict, downloads: list[dict], url: Callable[[str], str]) -> dict:
    """schema.org Dataset of the home page, for Google Dataset Search: what the atlas is, under
    which license, from which lists, and each file to download."""
    files = [{"name": "atlas.db", "url": "/atlas.db"}, *downloads]
    described = {
        "@context": SCHEMA, "@type": "Dataset", "@id": url("/"), "url": url("/"),
        "name": metadata.get("title", ""),
        "description": Markup(metadata.get("description_html", "")).striptags(),
        "license": metadata.get("license_url", ""), "isAccessibleForFree": True,
        "keywords": [topic["label"] for topic in data["top_topics"]],
        "creator": {"@type": "Organization", "name": metadata.get("creator", ""), "url": url("/")},
        "isBasedOn": [
            {"@type": "CreativeWork", "name": source["title"], "description": source["origin"] or ""}
            for source in data["sources"]
        ],
        "distribution": [{"@type": "DataDownload", "name": file["name"], "contentUrl": url(file["url"]),
                          "encodingFormat": _media_type(file["name"])} for file in files],
    }
    years = data.get("years") or {}
    if years.get("first") and years.get("last"):
        described["temporalCoverage"] = f"{years['first']}/{years['last']}"
    return described


def _media_type(name: str) -> str:
    return next((media for suffix, media in MEDIA_TYPES.items() if name.endswith(suffix)), "")
