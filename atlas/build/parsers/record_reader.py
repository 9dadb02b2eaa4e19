"""What a record of fields claims (atlas/build/parsers/field_records.py finds the records).

The keys vary from one list to the next (`title`, `name`, `paper`; `authors`, `author`, `by`;
`venue`, `booktitle`, `journal`, `conference`, `Proceedings Title`; `year`, `date`; `url`,
`link`, `pdf`, `arxiv`, `doi`, `eprint`), so each claim is read from the first key of its kind
the record has. A record is a paper when it names no other kind of work (`type: talk`, `Item
Type: Blog Post`, `@software`, a `{{< video >}}` shortcode, a `:talk:` tag, a speaker), is no
template (`Paper Title`, `<paper title>`, `{{title}}`, `%^{Title}`) and something shows it names a
paper: a link to it, an arXiv id or DOI, or its authors with a venue or a year.
"""

from __future__ import annotations

import html
import re

from pybtex.database import Person
from pybtex.richtext import Text

from atlas.build.names import split_reference_names
from atlas.build.parsers.field_records import TITLE_KEYS, is_title
from atlas.build.parsers.markdown_tree import ListItem
from atlas.build.parsers.reference import arxiv_id_of, is_paper_link, link_kind, other_host, without_nickname
from atlas.build.parsers.registry import NotAPaper, is_template, publication_year
from atlas.build.records import Link
from atlas.build.text import arxiv_id_in, clean_title, collapse_spaces, first_year

_AUTHORS = ("authors", "author", "author(s)", "by", "creators", "creator")
_VENUE = ("venue", "conference", "journal", "journaltitle", "booktitle", "publication", "proceedings title",
          "publication title", "published in", "published at", "proceedings", "container-title", "container",
          "repository", "howpublished", "published", "school", "institution", "publisher")
_YEAR = ("year", "date", "issued", "published", "pubdate")
_LINKS = ("url", "link", "links", "pdf", "paper", "html", "openreview", "arxiv", "eprint", "doi", "code",
          "slides", "video", "website")
_KIND = ("type", "kind", "item type", "itemtype", "category", "entry type", "entrytype", "shortcode", "genre",
         "format")
# Keys only a talk, a post or a program has (Zotero's `Meeting Name`, `Blog Title`); a `speaker`
# names a talk unless the record links the paper (a reading group's presenter of a paper).
_NOT_PAPER_KEYS = {"meeting name": "talk", "blog title": "blog post", "website title": "web page",
                   "programming language": "code"}
_SPEAKER_KEYS = ("speaker", "speakers", "presenter", "event")
# The kinds of work a record may say it is that are no paper (CSL's `post-weblog`, `speech`,
# `motion_picture`; RIS's `VIDEO`, `BLOG`, `COMP`, `SLIDE`, `ELEC`).
_NOT_PAPER_KIND = re.compile(
    r"^(?:post ?weblog|speech|motion picture|broadcast|interview|personal communication|song|graphic|map|"
    r"comp|slide|elec|blog|mpct|sound|advs|video|web|icomm|"
    r"talks?|videos?|slides|presentations?|lectures?|lecture notes|notes|course|tutorials?|keynotes?|"
    r"podcasts?|webinars?|blogs?|blog ?posts?|posts?|web ?pages?|webpages?|online|electronic|www|"
    r"forum ?posts?|threads?|tweets?|code|software|computer ?programs?|programs?|repository|repo|library|"
    r"notebooks?|datasets?|tools?|projects?|newsletters?|podcast episodes?|audio ?recordings?|"
    r"video ?recordings?|film|news|magazine articles?|newspaper articles?)$",
    re.IGNORECASE,
)
_KIND_WORD = re.compile(
    r"\b(?:talks?|slides|videos?|lectures?|keynotes?|tutorials?|podcasts?|blog|posts?|code|software|"
    r"notebooks?|seminars?|workshop talk|invited talk)\b",
    re.IGNORECASE,
)
# A placeholder where a value goes: `<paper title>`, `{{title}}`, `{{ paper.title }}`, `%^{Title}`, `YYYY`.
_PLACEHOLDER = re.compile(r"^\s*(?:<[^<>]+>|\{\{.*\}\}|\{%.*%\}|%\^?\{[^}]*\}|\$\{[^}]*\}|Y{4}|X{4,})\s*$")
_TEMPLATE_LIKE = re.compile(r"\{\{|\{%|%\^\{|^<[^<>]+>$")
_ORG_LINK = re.compile(r"\[\[(?P<url>[^\]]+)\](?:\[(?P<label>[^\]]*)\])?\]")
_MD_LINK = re.compile(r"\[(?P<label>[^\]]*)\]\((?P<url>[^)\s]+)\)")
_URL = re.compile(r"https?://[^\s<>\"'\]\)]+")
_SPLIT_NAMES = re.compile(r"\s*;\s*|\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*")
_OTHER_SECTION = re.compile(
    r"\b(?:cit(?:e|ing|ation)|contribut\w*|talks?|videos?|blogs?|code|slides|tutorials?)\b", re.IGNORECASE)
_APA_NAMES = re.compile(r"^[A-ZÀ-Þ][\w'’-]+, (?:[A-Z]\.\s?-?)+(?:,|\s*&|$)")
_TRUNCATION = re.compile(r"^(?:et\.? al\.?|others|\.\.\.|…)$", re.IGNORECASE)
_ARXIV_ID = re.compile(r"^(?:arXiv:)?(?P<id>\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$",
                       re.IGNORECASE)


def read_record(item: ListItem) -> dict:
    """The claims of a record of fields: a paper's, or NotAPaper with the reason."""
    fields = _fields(item)
    if not fields:
        raise NotAPaper(f"lines of a {item.record} block that hold no record")
    title = _title(fields)
    if not title:
        raise NotAPaper("a record with no title")
    links = _links(fields, item.record)
    _refuse_kind(fields)
    urls = [link.url for link in links]
    if _TEMPLATE_LIKE.search(title) or is_template(title, urls) or _placeholders(fields):
        raise NotAPaper(f"template: '{title}' is a placeholder, not a paper")
    authors, truncated = _authors(fields, item.record)
    venue, arxiv_from_venue = _venue(fields, item.record)
    arxiv_id = _arxiv_id(fields, links) or arxiv_from_venue
    doi = _doi(fields)
    stated_year = _year(fields)
    strong = arxiv_id or doi or any(is_paper_link(link) for link in links)
    _refuse_other_works(title, links, strong, item.section, bool(venue))
    if not strong and (speaker := next((key for key in _SPEAKER_KEYS if fields.get(key)), "")):
        raise NotAPaper(f"'{speaker}' names a talk, and no paper is linked")
    if not strong and not (authors and (venue or stated_year)):
        raise NotAPaper("a record with no link to a paper, and no authors with a venue or year")
    venue_year = first_year(venue) if venue else None
    return {
        "kind": "paper",
        "title": title,
        "authors": authors,
        "authors_truncated": truncated,
        "venue": venue,
        "stated_year": stated_year,
        "year": publication_year(venue_year, stated_year, None),
        "links": links,
        "arxiv_id": arxiv_id,
        "doi": doi,
        "digest": collapse_spaces(item.notes),
    }


def _fields(item: ListItem) -> dict[str, list[str]]:
    """Each key's values, in the record's order, as plain text (BibTeX's LaTeX read)."""
    fields: dict[str, list[str]] = {}
    for key, cell in zip(item.columns, item.cells, strict=True):
        values = [_latex(span.text) if item.record in ("bibtex", "bibitem") else span.text for span in cell]
        fields.setdefault(key, []).extend(value.strip() for value in values if value.strip())
    return fields


def _latex(text: str) -> str:
    """BibTeX's LaTeX as text: `G{\\'a}bor` is Gábor, `{Deep Double Descent}` keeps its words."""
    try:
        plain = Text.from_latex(text).render_as("text")
    except Exception:  # pybtex refuses unbalanced braces and some commands: keep the text as written
        plain = text
    return collapse_spaces(re.sub(r"\\(?:url|href|emph|textit|textbf|textsc|texttt|mbox)\b\s*", "", plain)
                           .replace("{", "").replace("}", ""))


def _first(fields: dict[str, list[str]], keys: tuple[str, ...]) -> str:
    return next((fields[key][0] for key in keys if fields.get(key)), "")


def _title(fields: dict[str, list[str]]) -> str:
    """The first title key's title (not an address), without link markup, emphasis, HTML
    entities or a nickname after it."""
    titles = (value for key in TITLE_KEYS for value in fields.get(key, [])[:1] if is_title(key, value))
    title = clean_title(_plain(next(titles, "")))
    # a heading over the fields, `### 1. "Title"`: its number and the quotes around it are not the title's
    title = _QUOTED_WHOLE.sub(r"\g<title>", _HEADING_NUMBER.sub("", title))
    return clean_title(without_nickname(title))


_HEADING_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})*[.)]\s+(?=\S)")
_QUOTED_WHOLE = re.compile(r"^[\"“](?P<title>[^\"“”]{4,})[\"”]$")


def _plain(text: str) -> str:
    """A value as text: `[[url][label]]` and `[label](url)` as their labels, `*Title*` and
    `<i>Title</i>` without their marks, `&amp;` as `&`."""
    text = _ORG_LINK.sub(lambda link: link["label"] or link["url"], text)
    text = _MD_LINK.sub(lambda link: link["label"], text)
    text = re.sub(r"</?(?:i|b|em|strong|span|sub|sup)\b[^>]*>", "", html.unescape(text))
    emphasis = re.fullmatch(r"(\*{1,2}|_{1,2}|`)(?P<inner>.+)\1", text.strip())
    return emphasis["inner"] if emphasis else text


def _placeholders(fields: dict[str, list[str]]) -> bool:
    """A record whose values are placeholders (`%^{Authors}`, `<names>`): a template to fill in."""
    values = [value for key, found in fields.items() if key not in _KIND for value in found]
    return sum(bool(_PLACEHOLDER.match(value) or _TEMPLATE_LIKE.search(value)) for value in values) >= 2


def _refuse_kind(fields: dict[str, list[str]]) -> None:
    """A record that says it is a talk, a post, code…: by a kind field, a BibTeX entry type, a
    shortcode's name, a tag, or a key only such works have."""
    for key in _KIND:
        for value in fields.get(key, []):
            kind = re.sub(r"[\[\]#]", "", value).strip().replace("_", " ").replace("-", " ")
            if _NOT_PAPER_KIND.match(kind):
                raise NotAPaper(f"its {key} '{value}' names no paper")
    for tag in fields.get("tags", []) + fields.get("keywords", []):
        if _NOT_PAPER_KIND.match(tag.strip("#: ").replace("_", " ")):
            raise NotAPaper(f"tagged '{tag}', not a paper")
    for key, kind in _NOT_PAPER_KEYS.items():
        if fields.get(key):
            raise NotAPaper(f"'{key}' names a {kind}, not a paper")
    published = _first(fields, ("howpublished",))
    if published and not _URL.search(published) and _KIND_WORD.search(published):
        raise NotAPaper(f"'{published}' names no paper")


def _refuse_other_works(title: str, links: tuple[Link, ...], strong: bool, section: tuple[str, ...],
                        venue: bool) -> None:
    """With no link to a paper, arXiv id or DOI: a record linking only code, a video or a post,
    titled as a lecture or a talk, or filed under a section of such works or of the list's citation."""
    if strong:
        return
    hosts = [other_host(link.url) for link in links]
    if links and all(hosts) and not venue:
        raise NotAPaper(f"links only to {hosts[0]}, not to a paper")
    if re.search(r"\b(?:lecture notes|lectures?|talks?|tutorials?|course|slides|keynote|workshop talk)\b",
                 title, re.IGNORECASE):
        raise NotAPaper(f"'{title}' names no paper")
    if section and _OTHER_SECTION.search(section[-1]):
        raise NotAPaper(f"under '{section[-1]}', with no link to a paper")


def _authors(fields: dict[str, list[str]], structure: str) -> tuple[tuple[str, ...], bool]:
    """A list's names, or one string's: `A, B and C`, `A; B`, BibTeX's `Surname, First and …`
    (first name first, as RIS's one name a line), APA's `Surname, I., & Surname, I.` (as written)."""
    values = next((fields[key] for key in _AUTHORS if fields.get(key)), [])
    if len(values) == 1 and structure != "ris":
        values = _split_names(_plain(values[0]), structure)
    elif structure == "ris":
        values = [_inverted_name(value) for value in values]
    names = [collapse_spaces(value.strip(" .,;[]") if not re.search(r"\b[A-Z]\.$", value.strip())
                             else value.strip(" ,;[]")) for value in values]
    truncated = any(_TRUNCATION.match(name) for name in names)
    return tuple(name for name in names if name and not _TRUNCATION.match(name)), truncated


def _split_names(text: str, structure: str) -> list[str]:
    parts = re.split(r"\s+and\s+", text)
    if structure == "bibtex" or (len(parts) > 1 and all(part.count(",") == 1 for part in parts)):
        return [_inverted_name(part) for part in parts]
    if _APA_NAMES.match(text):
        names, truncated = split_reference_names(text)
        return [*names, "et al."] if truncated else names
    return _SPLIT_NAMES.split(re.sub(r",?\s+(et\s+al\.?)\s*$", r", \1", text))  # `Jerry Wei et al.`


def _inverted_name(name: str) -> str:
    """BibTeX's and RIS's `Belkin, Mikhail` is Mikhail Belkin; `Song Mei` stays; `{OpenAI}` is one name."""
    name = name.strip()
    if "," not in name:
        return name
    try:
        person = Person(name)
    except Exception:  # a name pybtex cannot split: as written
        return name
    parts = [*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names,
             *person.lineage_names]
    return " ".join(parts) if parts else name


def _venue(fields: dict[str, list[str]], structure: str) -> tuple[str, str]:
    """The venue as written, without `In`; Google Scholar's `arXiv preprint arXiv:2001.08361`
    gives venue `arXiv preprint` and that arXiv id."""
    for key in _VENUE:
        for value in fields.get(key, []):
            value = _plain(value).strip()
            if not value or _URL.search(value) or (key == "howpublished" and not _looks_published(value)):
                continue
            if key == "published" and re.fullmatch(r"[\d\s./-]+|\w+\.? \d{1,2},? \d{4}", value):
                continue  # `published: 2019-06-01` dates it
            arxiv = arxiv_id_in(value)
            venue = re.sub(r"\s*(?:arXiv\s*:\s*)?\d{4}\.\d{4,5}(?:v\d+)?\s*$", "", value) if arxiv else value
            return clean_title(re.sub(r"^In\s+", "", venue)), arxiv
    return "", ""


def _looks_published(value: str) -> bool:
    return bool(re.search(r"\b(?:arXiv|preprint|journal|proceedings|conference|press)\b", value,
                          re.IGNORECASE))


def _year(fields: dict[str, list[str]]) -> int | None:
    """The year, date or issued field's year (CSL's `issued: {date-parts: [[2020]]}` too); in a
    record naming who presents it, the date is the meeting's, not the paper's."""
    presented = any(fields.get(key) for key in _SPEAKER_KEYS)
    for name in _YEAR:
        if presented and name == "date":
            continue
        for key, values in fields.items():
            if key.split(".")[0] == name:
                if year := next((first_year(value) for value in values if first_year(value)), None):
                    return year
    return None


def _links(fields: dict[str, list[str]], structure: str) -> tuple[Link, ...]:
    """Every address the record gives: its link fields, nested `links:`, a bare arXiv id or DOI."""
    found: list[Link] = []
    eprint_is_arxiv = any("arxiv" in value.lower() for key in ("archiveprefix", "eprinttype")
                          for value in fields.get(key, []))
    for key, values in fields.items():
        base = key.split(".")[0]
        if base not in _LINKS and key.split(".")[-1] not in ("url", "link", "href"):
            continue
        for value in values:
            label = key.split(".")[-1] if base in ("code", "slides", "video") else ""
            found += [Link(url, link_kind(label, url)) for url in _addresses(value)]
            bare = value.strip()
            if base in ("arxiv",) or (base == "eprint" and eprint_is_arxiv):
                if found_id := _ARXIV_ID.match(bare):
                    found.append(Link(f"https://arxiv.org/abs/{found_id['id']}", "paper"))
            if base == "doi" and re.match(r"^10\.\d{4,9}/\S+$", bare):
                found.append(Link(f"https://doi.org/{bare}", "paper"))
    unique = []
    for link in found:
        if link.url not in [seen.url for seen in unique]:
            unique.append(link)
    return tuple(unique)


def _addresses(value: str) -> list[str]:
    urls = [link["url"] for link in _ORG_LINK.finditer(value) if _URL.match(link["url"])]
    urls += [link["url"] for link in _MD_LINK.finditer(value) if _URL.match(link["url"])]
    return urls or [url.rstrip(".,;") for url in _URL.findall(value)]


def _arxiv_id(fields: dict[str, list[str]], links: tuple[Link, ...]) -> str:
    for link in links:
        if found := arxiv_id_of(link.url):
            return found
    for key in ("arxiv", "arxiv id", "arxivid"):
        for value in fields.get(key, []):
            if found := _ARXIV_ID.match(value.strip()):
                return found["id"]
    return ""


def _doi(fields: dict[str, list[str]]) -> str:
    value = _first(fields, ("doi",))
    found = re.search(r"10\.\d{4,9}/[^\s\])>]+", value)
    return found[0] if found else ""
