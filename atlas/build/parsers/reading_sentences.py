"""Readings named in the sentences of a syllabus: `Read Jacot, Gabriel and Hongler's *Title*
(NeurIPS 2018, [arXiv:1806.07572](…)), sections 1–4.`, `Read "Title" by Song Mei, Andrea
Montanari and Phan-Minh Nguyen (PNAS 2018, [arXiv](…)).`

A sentence cites a reading when a title in italics or quotes is followed, after its authors
(`by …`) if the sentence names them there, by a parenthesis opening with a venue and its year
(`(ICLR 2017, …)`, `([PNAS 2019](url))`). Its authors are the names the sentence gives: after
`by`, or right before the title (`Zhang, Bengio and Vinyals, *Title*`, `Lee et al.'s follow-up,
*Title*`), as the sentence writes them. A sentence pointing to a talk, a post or a write-up
names a title with no such parenthesis, and is prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINK = r"\[[^\]\n]*\]\([^()\s]*\)"
_CITING = re.compile(
    r"(?:\*(?P<em>[^*\n]{8,}?)\*|\"(?P<quoted>[^\"\n]{8,}?)\"|“(?P<curly>[^”\n]{8,}?)”)"
    r"(?:\s+by\s+(?P<by>[^()*\"\n]+?))?\s+\((?P<cite>(?:" + _LINK + r"|[^()\n])*)\)"
)
_MARKDOWN_LINK = re.compile(r"\[(?P<label>[^\]\n]*)\]\((?P<url>[^()\s]*)\)")
_VENUE_YEAR = re.compile(r"^(?P<venue>[A-Za-z][\w .&'’-]*?)\s+(?P<year>(?:19|20)\d\d)$")
_NAME = r"[A-ZÀ-Þ][\w'’.-]*(?:\s+(?:[A-ZÀ-Þ][\w'’.-]*|de|van|von|der|den|da|di|le|la|du))*"
_NAME_RUN = re.compile(rf"(?:{_NAME})(?:(?:,\s*and\s+|,\s*|\s+and\s+)(?:{_NAME}))*$")
_NAME_SEPARATOR = re.compile(r",\s*and\s+|,\s*|\s+and\s+")
_POSSESSIVE = re.compile(r"['’]s(?:\s+[a-z][\w-]*){0,3}$")  # `Hongler's`, `Lee et al.'s follow-up`
_ET_AL = re.compile(r",?\s+et\s+al\.?$")


# A sentence citing a reading is a line; a longer one is read no further (the regexes cost time
# more than linear in its length)
_LONGEST_SENTENCE = 2000


@dataclass(frozen=True)
class Reading:
    title: str
    venue: str  # as the parenthesis writes it, year included (`ICLR 2017`)
    links: tuple[tuple[str, str], ...]  # (label, url) of the parenthesis's links
    authors: tuple[str, ...]
    truncated: bool  # `et al.`


def cites_a_reading(line: str) -> bool:
    """Whether a line is a sentence citing a reading: a cited title with words before it."""
    found = _citation(line)
    return found is not None and bool(line[:found.start()].strip(" *_>"))


def read_sentence(line: str) -> Reading | None:
    """The reading a sentence cites, or None."""
    found = _citation(line)
    if found is None:
        return None
    venue, links = _venue(found["cite"])
    title = found["em"] or found["quoted"] or found["curly"]
    if found["by"]:
        authors, truncated = _names(found["by"].strip(" ,")), False
    else:
        authors, truncated = _names_before(line[:found.start()])
    return Reading(title.strip(), venue, links, authors, truncated)


def _citation(line: str) -> re.Match | None:
    if len(line) > _LONGEST_SENTENCE:
        return None
    for found in _CITING.finditer(line):
        if _venue(found["cite"])[0]:
            return found
    return None


def _venue(cite: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The venue and year opening a parenthesis (`ICLR 2017, [arXiv:…](…)`), as its text
    writes them, and its links; "" when it opens with no venue and year."""
    links = tuple((found["label"], found["url"]) for found in _MARKDOWN_LINK.finditer(cite))
    text = _MARKDOWN_LINK.sub(lambda found: found["label"], cite)
    first = text.split(",")[0].strip()
    return (first if _VENUE_YEAR.match(first) else ""), links


def _names_before(text: str) -> tuple[tuple[str, ...], bool]:
    """The names right before a title: `Read Zhang, Bengio and Vinyals, ` or `Lee et al.'s follow-up, `."""
    text = _POSSESSIVE.sub("", text.rstrip(" ,:"))
    truncated = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", text).rstrip(" ,")
    run = _NAME_RUN.search(text)
    if run is None:
        return (), False
    names = _names(run[0])
    # at the sentence's start its first word is a capital for the sentence (`Read Zhang, Bengio…`):
    # dropped when the names around are surnames alone
    surnames = all(len(name.split()) == 1 for name in names[1:]) if len(names) > 1 else truncated
    if run.start() == 0 and len(names[0].split()) > 1 and surnames:
        names = (names[0].split(maxsplit=1)[1],) + names[1:]
    return names, truncated


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in _NAME_SEPARATOR.split(text) if name.strip())
