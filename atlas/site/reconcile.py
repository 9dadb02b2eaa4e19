"""Which papers, authors and topics of the atlas a spreadsheet cell names (OpenRefine's
reconciliation), each candidate with a score from 0 to 100 and whether it is surely the one.

Candidates are found as the site's search finds papers: in the full-text index (words stemmed, a
word the index lacks, usually a typo, left out), every paper whose title holds the cell's words;
authors by their surname, else by its first letters, else by the index's author names; topics
among every label, alternative and hidden label of the taxonomy. Each candidate is then scored
against the cell with rapidfuzz on accent- and case-folded text, which forgives what the index
cannot: misspellings, a dropped subtitle, "Surname, Given" and initials. A candidate is a
`match` when it scores at least MATCH_SCORE and leads the next one by MATCH_MARGIN: OpenRefine
then accepts it without asking.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from atlas.published import OUR_SCHEME, SEARCH_TABLE
from atlas.site.cache import cached

MATCH_SCORE = 90.0
MATCH_MARGIN = 5.0
# The score of a cell that is a title without its subtitle ("Truth or Backpropaganda"): enough
# to match when no other title starts the same way.
SUBTITLE_DROPPED = 95.0
SUBTITLE = re.compile(r"[:?!.]\s|\s[-–—]\s")
# The most papers the index may propose for one cell, all scored (a few ms): every paper whose
# title holds the cell's words, unless more do (only common words, at a million papers).
CANDIDATES = 1000
AUTHOR_CANDIDATES = 300
# A title missing every word of a longer cell is tried again with each word left out in turn.
MAX_LEAVE_ONE_OUT = 8
# A title longer than this many distinct words is looked up by its first ones (the longest title
# in the atlas has 19).
MAX_WORDS = 32
WORD = re.compile(r"\w+")
KINDS = {"paper": "Paper", "author": "Author", "topic": "Topic"}


@dataclass(frozen=True)
class Candidate:
    kind: str
    id: str
    name: str
    score: float
    description: str = ""

    @property
    def path(self) -> str:
        """The id OpenRefine keeps: the resource's path on the site and under the base IRI."""
        return f"{self.kind}/{self.id}"


def folded(text: str) -> str:
    """Lower case, accents and punctuation gone, one space between words."""
    if text.isascii():
        return " ".join(WORD.findall(text.lower()))
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(WORD.findall(plain))


def ranked(candidates: list[Candidate], limit: int) -> list[tuple[Candidate, bool]]:
    """The best `limit` candidates, best first, each with whether it is the match."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:
        if candidate.path not in best or candidate.score > best[candidate.path].score:
            best[candidate.path] = candidate
    ordered = sorted(best.values(), key=lambda c: (-c.score, c.kind, c.id))
    lead = ordered[0].score - ordered[1].score if len(ordered) > 1 else 100.0
    return [
        (candidate, position == 0 and candidate.score >= MATCH_SCORE and lead >= MATCH_MARGIN)
        for position, candidate in enumerate(ordered[:limit])
    ]


async def reconcile(db, text: str, kinds: list[str], properties: dict[str, str]) -> list[Candidate]:
    """Every candidate of the given kinds (all kinds when none is given) for one cell."""
    finders = {"paper": papers, "author": authors, "topic": topics}
    found: list[Candidate] = []
    for kind in kinds or list(KINDS):
        found += await finders[kind](db, text, properties)
    return found


# --- papers ---------------------------------------------------------------------------------------


def title_score(a: str, title: str) -> float:
    """How well a cell names a title: whole-title similarity; a cell holding exactly the title
    without its subtitle; or one holding most of the title within more words (or the reverse),
    less the more words either side adds, since a longer title is most often another paper.
    `a` is the cell, folded."""
    b = folded(title)
    whole = fuzz.ratio(a, b)
    main_title = folded(SUBTITLE.split(title)[0]) if SUBTITLE.search(title) else ""
    if main_title and a == main_title:
        return max(whole, SUBTITLE_DROPPED)
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) < 12:
        return whole
    covered = len(shorter) / len(longer)
    return max(whole, fuzz.partial_ratio(shorter, longer) * (0.6 + 0.4 * covered))


async def _words_in_index(db, words: list[str]) -> list[str]:
    present = []
    for word in words:
        sql = f"select 1 from {SEARCH_TABLE} where {SEARCH_TABLE} match :match limit 1"
        if (await db.execute(sql, {"match": f'title : "{word}"'})).rows:
            present.append(word)
    return present


async def _matching(db, match: str) -> list[dict]:
    sql = (
        f"select papers.id, papers.title, papers.year, papers.authors from {SEARCH_TABLE} "
        f"join papers on papers.rowid = {SEARCH_TABLE}.rowid where {SEARCH_TABLE} match :match "
        f"limit {CANDIDATES}"
    )
    return [dict(row) for row in (await db.execute(sql, {"match": match})).rows]


async def _count_up_to(db, match: str, most: int) -> int:
    sql = (
        f"select count(*) from (select 1 from {SEARCH_TABLE} where {SEARCH_TABLE} match :match "
        f"limit {most})"
    )
    return (await db.execute(sql, {"match": match})).rows[0][0]


async def _title_matches(db, words: list[str]) -> list[dict]:
    """Papers whose titles hold every word. When more do than can be scored (only common words,
    at a million papers), those holding the words in the cell's order; when even those are too
    many, the first of them."""
    every_word = "title : (" + " ".join(f'"{word}"' for word in words) + ")"
    if await _count_up_to(db, every_word, CANDIDATES + 1) <= CANDIDATES:
        return await _matching(db, every_word)
    in_order = 'title : "' + " ".join(words) + '"'
    return await _matching(db, in_order if await _count_up_to(db, in_order, 1) else every_word)


async def _paper_rows(db, text: str) -> list[dict]:
    words = list(dict.fromkeys(folded(text).split()))[:MAX_WORDS]
    present = await _words_in_index(db, words)
    if not present:
        return []
    rows = await _title_matches(db, present)
    if rows or len(present) < 3:
        return rows
    for left_out in present[:MAX_LEAVE_ONE_OUT]:
        rows += await _title_matches(db, [word for word in present if word != left_out])
    return rows


def _property_penalty(row: dict, properties: dict[str, str]) -> float:
    """Points off for a paper whose year or authors disagree with the columns sent with the cell."""
    penalty = 0.0
    year = properties.get("year", "").strip()
    if year and str(row.get("year") or "") != year:
        penalty += 10.0
    author = folded(properties.get("author", ""))
    if author:
        written = folded(row.get("authors") or "")
        penalty += 0.0 if any(word in written for word in author.split() if len(word) > 1) else 10.0
    return penalty


async def papers(db, text: str, properties: dict[str, str]) -> list[Candidate]:
    found, cell = [], folded(text)
    for row in await _paper_rows(db, text):
        score = max(0.0, title_score(cell, row["title"]) - _property_penalty(row, properties))
        description = ", ".join(str(part) for part in (row["authors"], row["year"]) if part)
        found.append(Candidate("paper", row["id"], row["title"], round(score, 1), description))
    return found


# --- authors --------------------------------------------------------------------------------------


def name_parts(text: str) -> tuple[str, str]:
    """(given names, surname) of "Surname, Given" or "Given Surname", folded."""
    if "," in text:
        surname, _, given = text.partition(",")
        return folded(given), folded(surname)
    words = folded(text).split()
    return " ".join(words[:-1]), (words[-1] if words else "")


def name_score(cell: str, given: str, surname: str) -> float:
    """Surname similarity, weighed with whether the given names agree: in full, or by initials
    when either side gives only initials."""
    cell_given, cell_surname = name_parts(cell)
    given, surname = folded(given or ""), folded(surname or "")
    surname_score = fuzz.ratio(cell_surname, surname)
    if not cell_given or not given:
        return surname_score * 0.9
    if min(len(cell_given.split()[0]), len(given.split()[0])) == 1:
        initials = [word[0] for word in cell_given.split()], [word[0] for word in given.split()]
        shorter, longer = sorted(initials, key=len)
        given_score = 100.0 if longer[: len(shorter)] == shorter else 0.0
    else:
        given_score = fuzz.ratio(cell_given, given)
    return 0.7 * surname_score + 0.3 * given_score


async def _author_ids(db, text: str) -> list[str]:
    """Authors with the cell's surname; failing that, those whose surname starts as the cell's
    does (a misspelled or unaccented surname usually starts right); failing that, the authors of
    the papers whose author names the index finds for the surname, accents folded."""
    _, surname = name_parts(text)
    if not surname:
        return []
    written = text.partition(",")[0].strip() if "," in text else text.split()[-1]
    spellings = list(dict.fromkeys([written, surname, surname.title(), surname.capitalize()]))
    exact = await db.execute(
        "select id from authors where surname in (select value from json_each(:names)) "
        f"limit {AUTHOR_CANDIDATES}",
        {"names": json.dumps(spellings)},
    )
    if exact.rows:
        return [row[0] for row in exact.rows]
    upper, end = surname[:3].capitalize(), "\uffff"
    prefixed = await db.execute(
        "select id from authors where (surname >= :upper and surname < :upper_end) "
        f"or (surname >= :lower and surname < :lower_end) limit {AUTHOR_CANDIDATES}",
        {"upper": upper, "upper_end": upper + end, "lower": surname[:3], "lower_end": surname[:3] + end},
    )
    if prefixed.rows:
        return [row[0] for row in prefixed.rows]
    indexed = await db.execute(
        f"select distinct paper_authors.author_id from {SEARCH_TABLE} join papers on papers.rowid = "
        f"{SEARCH_TABLE}.rowid join paper_authors on paper_authors.paper_id = papers.id "
        f"where {SEARCH_TABLE} match :match limit {AUTHOR_CANDIDATES}",
        {"match": f'authors : "{surname}"'},
    )
    return [row[0] for row in indexed.rows]


async def authors(db, text: str, properties: dict[str, str]) -> list[Candidate]:
    ids = await _author_ids(db, text)
    if not ids:
        return []
    sql = (
        "select authors.id, authors.name, authors.given_names, authors.surname, "
        "(select json_group_array(name) from author_names where author_id = authors.id) as spellings, "
        "(select count(*) from paper_authors where author_id = authors.id) as papers "
        "from authors where id in (select value from json_each(:ids))"
    )
    found = []
    for row in (await db.execute(sql, {"ids": json.dumps(ids)})).rows:
        spellings = [name_parts(spelling) for spelling in json.loads(row["spellings"])]
        score = max(name_score(text, given, surname)
                    for given, surname in [(row["given_names"], row["surname"]), *spellings])
        description = f"{row['papers']} paper{'s' if row['papers'] != 1 else ''} in the atlas"
        found.append(Candidate("author", row["id"], row["name"], round(score, 1), description))
    return found


# --- topics ---------------------------------------------------------------------------------------


async def _topic_names(db) -> list[tuple[str, str, str, str]]:
    """(id, label, definition, one of its names folded) for every name of every topic of ours."""

    async def load() -> list[tuple[str, str, str, str]]:
        rows = (await db.execute(
            "select id, label, definition, alt_labels, hidden_labels from topics "
            "where scheme_id = :ours and not deprecated order by id", {"ours": OUR_SCHEME},
        )).rows
        names = []
        for row in rows:
            other = [*json.loads(row["alt_labels"] or "[]"), *json.loads(row["hidden_labels"] or "[]")]
            labels = [row["label"], *other]
            names += [(row["id"], row["label"], row["definition"] or "", folded(label)) for label in labels]
        return names

    return await cached(db, ("reconcile topic names",), load)


async def topics(db, text: str, properties: dict[str, str]) -> list[Candidate]:
    cell = folded(text)
    if not cell:
        return []
    return [
        Candidate("topic", topic_id, label, round(float(fuzz.ratio(cell, name)), 1), definition)
        for topic_id, label, definition, name in await _topic_names(db)
        if fuzz.ratio(cell, name) >= 50
    ]


# --- previews -------------------------------------------------------------------------------------

DESCRIBE_SQL = {
    "paper": "select id, title as name, year, venue, authors from papers where id = :id",
    "author": (
        "select id, name, (select count(*) from paper_authors where author_id = authors.id) as papers "
        "from authors where id = :id"
    ),
    "topic": "select id, label as name, definition, papers from topics where id = :id and scheme_id = :ours",
}


async def describe(db, kind: str, resource_id: str) -> dict | None:
    """What a preview shows of one candidate, or None when the id names nothing of that kind."""
    rows = (await db.execute(DESCRIBE_SQL[kind], {"id": resource_id, "ours": OUR_SCHEME})).rows
    return dict(rows[0]) if rows else None
