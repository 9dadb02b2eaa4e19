"""Stage 8, export BibTeX: citations for papers, read back from the written database.

The build's dist/atlas.bib and Datasette's .bib links (atlas/site/plugins) both run the
queries of atlas/citations/records.py and format with `bibliography`, so a downloaded .bib and
the file in dist/ never differ for the same paper. pybtex writes the BibTeX, so escaping and name
order follow BibTeX's own rules rather than ours.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer

# Citation, citation_queries and citations are imported from here by the site and the tests.
from atlas.citations.records import Citation, citation_queries, citations, one_line

__all__ = ["Citation", "bibliography", "citation_queries", "citations", "protect_case", "write_bibtex"]

# By venue kind: the BibTeX entry type, the field naming the venue, and which of its names it takes.
_ENTRY_TYPES = {
    "conference": ("inproceedings", "booktitle", "full_name"),
    "workshop": ("inproceedings", "booktitle", "full_name"),
    "journal": ("article", "journal", "full_name"),
    "book": ("book", "publisher", "name"),
    "thesis": ("phdthesis", "", ""),
    "preprint": ("misc", "howpublished", "name"),
}
_WORD = re.compile(r"[^\s]+")
_VERBATIM_FIELDS = {"url", "doi", "eprint"}
# The only characters pybtex's UTF-8 LaTeX codec changes (checked over all of Unicode).
_LATEX_ESCAPED = frozenset("#%&_~")
# What the codec leaves as LaTeX syntax, written instead as the character a list wrote.
_LITERAL = {"\\": r"\textbackslash{}", "$": r"\$", "^": r"\textasciicircum{}"}
_LITERAL_CHARACTER = re.compile("[" + re.escape("".join(_LITERAL)) + "]")
# A name part BibTeX would read as more than one name or the "others" of a truncated list, or one
# that becomes a LaTeX command once escaped: braced, it stays one part of one name for any reader.
_NAME_SYNTAX = re.compile(r"[,\\$^#%&_~]|(?:^|\s)and(?:\s|$)|^others$", re.IGNORECASE)
# Characters a URL, DOI or arXiv id may hold as they are; anything else is percent-encoded.
_URL_SAFE = "!#$%&'()*+,-./:;=?@[]_~"


def protect_case(title: str) -> str:
    """Brace the words a bibliography style must not lowercase.

    Acronyms and inner capitals (SGD, ResNets) always; in a sentence-case title, every capitalised
    word after the first is a proper noun (Gaussian, Hessian) and is braced too. A brace the title
    itself holds is dropped: BibTeX would read an unbalanced one as the end of the field.
    """
    title = plain_text(title)
    words = _WORD.findall(title)
    capitalised_later = sum(1 for word in words[1:] if word[:1].isupper())
    sentence_case = capitalised_later * 2 < len(words) - 1

    def brace(match: re.Match) -> str:
        word = match[0]
        inner_capital = any(ch.isupper() for ch in word[1:])
        later_capital = match.start() > 0 and word[:1].isupper() and sentence_case
        return "{" + word + "}" if inner_capital or later_capital else word

    return _WORD.sub(brace, title)


def plain_text(text: str) -> str:
    """A value as one line without braces: no value can then close its field, nor open an entry.

    BibTeX counts every brace, escaped or not, so a brace cannot be written safely: it is dropped.
    """
    return one_line(text.replace("{", "").replace("}", ""))


def literal(text: str) -> str:
    """Backslashes, dollars and carets written as themselves, never as LaTeX commands or maths."""
    return _LITERAL_CHARACTER.sub(lambda match: _LITERAL[match[0]], text)


def verbatim(text: str) -> str:
    """A URL, DOI or arXiv id percent-encoded wherever it holds a brace, quote, backslash or space."""
    return urllib.parse.quote(text.strip(), safe=_URL_SAFE)


def _name_part(text: str) -> str:
    """A given name or surname that BibTeX reads as one part of one person's name."""
    text = plain_text(text)
    return "{" + text + "}" if _NAME_SYNTAX.search(text) else text


@lru_cache(maxsize=65_536)  # pybtex parses each name it is given; people are named again and again
def _person(given: str, surname: str) -> Person:
    if not plain_text(surname):  # a one-word name the lists wrote as given names only
        given, surname = "", given
    return Person(first=_name_part(given), last=_name_part(surname))


def bibtex_entry(citation: Citation) -> Entry:
    entry_type, venue_field, venue_name = _ENTRY_TYPES.get(citation.venue_kind, ("misc", "", ""))
    fields = {"title": protect_case(citation.title)}
    if citation.year:
        fields["year"] = str(citation.year)
    if venue_field:
        venue = citation.venue_full_name if venue_name == "full_name" else citation.venue_name
        fields[venue_field] = plain_text(venue)
    if citation.arxiv_id:
        fields["eprint"] = verbatim(citation.arxiv_id)
        fields["archiveprefix"] = "arXiv"
    if citation.doi:
        fields["doi"] = verbatim(citation.doi)
    if citation.url:
        fields["url"] = verbatim(citation.url)
    people = [_person(first, last) for first, last in citation.authors if plain_text(first + last)]
    if citation.authors_truncated:
        people.append(Person("others"))
    return Entry(entry_type, fields=fields, persons={"author": people} if people else {})


class _BibTeXWriter(Writer):
    """pybtex's writer, except that addresses and identifiers are written verbatim, and fast.

    Its LaTeX escaping is right for titles (100% → 100\\%) but would turn an underscore in a URL
    into a backslash the reader then sees.
    """

    def _encode(self, text):
        """Skip the codec, which reads text a character at a time, where it would change nothing."""
        return super()._encode(text) if _LATEX_ESCAPED.intersection(text) else text

    def check_braces(self, s):
        """pybtex's check, which reads a value a character at a time, only where it can fail: a
        value with no opening brace ends at brace level 0 (or below, which pybtex allows too)."""
        if "{" in s:
            super().check_braces(s)

    def _write_field(self, stream, type, value):  # noqa: A002 - pybtex's own signature
        if type in _VERBATIM_FIELDS:
            stream.write(f",\n    {type} = {self.quote(value)}")
        else:
            super()._write_field(stream, type, literal(value))


def bibliography(cited: Iterable[Citation]) -> str:
    data = BibliographyData(entries={citation.key: bibtex_entry(citation) for citation in cited})
    return _BibTeXWriter(encoding="utf-8").to_string(data)


def write_bibtex(cited: Sequence[Citation], target: Path, batch: int = 1000) -> None:
    """dist/atlas.bib: every paper of `cited` (all_citations: in id order), `batch` papers at a time
    so that the text is never whole in memory. pybtex writes one blank line between entries, so
    the batches joined by one give the file of all papers at once."""
    with target.open("w", encoding="utf-8") as file:
        for start in range(0, len(cited), batch):
            text = bibliography(cited[start : start + batch])
            file.write(text if start == 0 else "\n" + text)
