"""Stage 8, export BibTeX: citations for papers, read back from the written database.

The build's dist/atlas.bib and Datasette's .bib links (atlas/site/plugins) both run the
queries of atlas/citations/records.py and format with `bibliography`, so a downloaded .bib and
the file in dist/ never differ for the same paper. The text is pybtex's writer's, byte for byte
(its escaping, name order and delimiters, which tests/test_bibtex.py holds it to), written here
without pybtex's objects: making them took most of the citation files' time.
"""

from __future__ import annotations

import codecs
import re
import urllib.parse
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import latexcodec  # noqa: F401 - registers the "ulatex+utf-8" codec pybtex's writer escapes with
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
_INNER_BRACES = re.compile(r"\{[^{}]*\}")
# What urllib.parse.quote leaves as it is: its always-safe characters and _URL_SAFE.
_URL_PLAIN = re.compile(r"[A-Za-z0-9_.\-~" + re.escape(_URL_SAFE) + "]*")
# The characters `literal` or the LaTeX codec change.
_SPECIAL = re.compile("[" + re.escape("".join(_LITERAL) + "".join(sorted(_LATEX_ESCAPED))) + "]")


def protect_case(title: str) -> str:
    """Brace the words a bibliography style must not lowercase.

    Acronyms and inner capitals (SGD, ResNets) always; in a sentence-case title, every capitalised
    word after the first is a proper noun (Gaussian, Hessian) and is braced too. A brace the title
    itself holds is dropped: BibTeX would read an unbalanced one as the end of the field.
    """
    title = plain_text(title)
    words = title.split(" ")  # one space between words: plain_text folds every other
    capitalised_later = sum(1 for word in words[1:] if word[:1].isupper())
    sentence_case = capitalised_later * 2 < len(words) - 1
    braced = [_inner_capital(words[0])]
    braced += [(sentence_case and word[:1].isupper()) or _inner_capital(word) for word in words[1:]]
    return " ".join("{" + word + "}" if brace else word for word, brace in zip(words, braced, strict=True))


def _inner_capital(word: str) -> bool:
    """Whether a character after a word's first is a capital (SGD, ResNets), read by str's methods:
    a generator over the characters took a third of protect_case's time."""
    rest = word[1:]
    return not rest.islower() and any(map(str.isupper, rest))


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
    text = text.strip()
    return text if _URL_PLAIN.fullmatch(text) else urllib.parse.quote(text, safe=_URL_SAFE)


def _name_part(text: str) -> str:
    """A given name or surname that BibTeX reads as one part of one person's name."""
    text = plain_text(text)
    return "{" + text + "}" if _NAME_SYNTAX.search(text) else text


@cache  # one short string per distinct person; a paper names several, and names come back
def _author(given: str, surname: str) -> str:
    """One person as pybtex writes a Person(first=, last=) of the parts: "Surname, Given"; empty
    for a name with nothing to write.

    pybtex splits each part into words and joins them with one space; a part from `_name_part`
    is already one braced word or words one space apart, so the join gives the part back."""
    if not plain_text(given + surname):
        return ""
    if not plain_text(surname):  # a one-word name the lists wrote as given names only
        given, surname = "", given
    given, surname = _name_part(given), _name_part(surname)
    return f"{surname}, {given}" if given else surname


def _fields(citation: Citation) -> tuple[str, list[tuple[str, str]]]:
    """The entry type and the fields of one paper, in pybtex's order: author first."""
    entry_type, venue_field, venue_name = _ENTRY_TYPES.get(citation.venue_kind, ("misc", "", ""))
    fields = []
    names = [name for first, last in citation.authors if (name := _author(first, last))]
    if citation.authors_truncated:
        names.append("others")
    if names:
        fields.append(("author", " and ".join(names)))
    fields.append(("title", protect_case(citation.title)))
    if citation.year:
        fields.append(("year", str(citation.year)))
    if venue_field:
        venue = citation.venue_full_name if venue_name == "full_name" else citation.venue_name
        fields.append((venue_field, plain_text(venue)))
    if citation.arxiv_id:
        fields.append(("eprint", verbatim(citation.arxiv_id)))
        fields.append(("archiveprefix", "arXiv"))
    if citation.doi:
        fields.append(("doi", verbatim(citation.doi)))
    if citation.url:
        fields.append(("url", verbatim(citation.url)))
    return entry_type, fields


def _escaped(text: str) -> str:
    """A field's text as written: `literal`, then pybtex's LaTeX escaping; most text has neither's
    characters and is its own."""
    return _latex(literal(text)) if _SPECIAL.search(text) else text


def _latex(text: str) -> str:
    """pybtex's LaTeX escaping (its UTF-8 codec), skipped where it would change nothing: the codec
    reads text a character at a time."""
    return codecs.encode(text, "ulatex+utf-8") if _LATEX_ESCAPED.intersection(text) else text


def _quoted(value: str) -> str:
    """A field's value delimited as pybtex's writer delimits it: in quotes, or in braces if it holds
    a quote; with pybtex's check that its braces match wherever it holds one."""
    if "{" in value and not _nested(value):
        Writer().check_braces(value)
    return f'"{value}"' if '"' not in value else f"{{{value}}}"


def _nested(value: str) -> bool:
    """Whether every brace of a value pairs with another, innermost pairs first: what protect_case
    and the escapes write. pybtex's own check, a character at a time, is left for the rest."""
    while (inner := _INNER_BRACES.sub("", value)) != value:
        value = inner
    return "{" not in value and "}" not in value


def entry_text(citation: Citation) -> str:
    """One paper's BibTeX entry, byte for byte as pybtex's writer wrote it, ending in a newline.

    Addresses and identifiers are written verbatim: pybtex's LaTeX escaping is right for titles
    (100% → 100\\%) but would turn an underscore in a URL into a backslash the reader then sees."""
    entry_type, fields = _fields(citation)
    lines = [f"@{entry_type}{{{citation.key}"]
    for name, value in fields:
        text = _quoted(value) if name in _VERBATIM_FIELDS else _quoted(_escaped(value))
        lines.append(f",\n    {name} = {text}")
    lines.append("\n}\n")
    return "".join(lines)


def bibliography(cited: Iterable[Citation]) -> str:
    """Entries one blank line apart, each paper once (where first cited), as pybtex wrote them."""
    return "\n".join(entry_text(citation) for citation in {c.key: c for c in cited}.values())


def write_bibtex(cited: Sequence[Citation], target: Path, batch: int = 1000) -> None:
    """dist/atlas.bib: every paper of `cited` (all_citations: in id order), `batch` papers at a time
    so that the text is never whole in memory."""
    with target.open("w", encoding="utf-8") as file:
        for start in range(0, len(cited), batch):
            text = bibliography(cited[start : start + batch])
            file.write(text if start == 0 else "\n" + text)
