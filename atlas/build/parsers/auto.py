"""`format: auto`: the papers of a markdown list in any common style, without a parser of its own.

A list item, a heading (`#### 3. [Title](url)` and the notes under it), a table row (of a table
with a title column) or a paragraph opening with a marked title (`**Title.** Authors. *Venue*,
2019.`, the `> note` quote under it its digest) is a paper when a title can be read from it
(atlas/build/parsers/reference.py) and something shows the title names a paper: a link to it, an
arXiv id or DOI, a venue, a year or authors. Everything else stays an entry of its own kind: the
details and notes under a paper, labels grouping papers, and, as `other` with the reason, tables
of contents, section headings, talks, slides, code-only links, badges and templates.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace

from atlas.build.names import split_names
from atlas.build.parsers.line_detector import line_probabilities, thresholds
from atlas.build.parsers.line_parts import (
    COMMENTED,
    column_row,
    ends_entry,
    field_line,
    grid_lines,
    grid_row,
    joined_names,
    json_text,
    linked,
    row_kind,
    rows_of_cells,
    tagged_authors,
    tagged_venue,
    title_extent,
    title_line,
    wrapped_column_line,
)
from atlas.build.parsers.markdown_tree import SEQUENCE_OPENER, ListItem, Span, inline_spans
from atlas.build.parsers.properties import read_properties
from atlas.build.parsers.reading_sentences import Reading, cites_a_reading, read_sentence
from atlas.build.parsers.record_reader import read_record
from atlas.build.parsers.reference import (
    TITLE_COLUMN_ELSEWHERE,
    Reference,
    arxiv_id_of,
    full_names,
    is_label_text,
    is_paper_link,
    keys_the_names,
    lenient_names,
    link_kind,
    looks_like_venue,
    names_in,
    other_host,
    person_names,
    read_reference,
    rest_fields,
)
from atlas.build.parsers.registry import (
    CITING_IN,
    NOTE_FIELD_NAME,
    NotAPaper,
    is_template,
    publication_year,
    register,
)
from atlas.build.records import Entry, Link
from atlas.build.text import arxiv_id_in, clean_title, collapse_spaces, first_year, full_year

# A template's placeholder where a title or an author goes: "Paper Title", "Author1", "xxxx".
# Notes under a paper named by their field: `- Key Word: A; B.`, `- Digest: …`, `- TL;DR: …`.
_FIELD = re.compile(rf"^(?P<field>{NOTE_FIELD_NAME})\s*[:：]\s*", re.IGNORECASE)
_AUTHORS_FIELD = re.compile(r"^(?:Authors?|By)\s*[:：]\s*", re.IGNORECASE)
# `- **Year**: 2025`, `- 2007` under a paper: its year, a field of its own
_YEAR_FIELD = re.compile(r"^(?:Year\s*[:：]\s*)?\(?(?P<year>(?:19|20)\d\d)\)?\.?\s*$", re.IGNORECASE)
# `- Link: https://arxiv.org/abs/2001.08361`, `- **Paper**: [arXiv](…)` under a paper heading
_LINK_LABELS = r"links?|url|paper|pdf|arxiv|openreview|doi"
_LINK_FIELD = re.compile(rf"^(?:{_LINK_LABELS})\s*[:：]", re.IGNORECASE)
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]]+")
# `- paper : https://arxiv.org/abs/…` under a title: the paper's address, written bare after its label
_BARE_LINK_FIELD = re.compile(rf"(?P<label>{_LINK_LABELS})\s*[:：]\s*(?P<url>https?://[^\s<>()\[\]]+)",
                              re.IGNORECASE)
_NOT_PAPERS = re.compile(
    r"\b(?:talks?|slides|videos?|lectures?|keynotes?|podcasts?|tutorials?|blogs?|gemlogs?|vlogs?|courses?|"
    r"contributing|contributors?|licen[cs]e|acknowledge?ments?|citation|cite|related lists?|"
    r"awesome lists?|table of contents|contents)\b|博客|视频|讲座|演讲|幻灯片|教程|课程|贡献|目录|"
    # Russian: video, slides, lecture notes, blog, presentation, contents
    r"\b(?:видео\w*|слайд\w*|конспект\w*|блог\w*|презентаци\w*|содержание)\b",
    re.IGNORECASE,
)
# `## Introductory Posts`: a section of blog posts (`Post-training …` is a paper's word)
_POSTS = re.compile(r"\bposts\b", re.IGNORECASE)
# A course's code opening a venue (`COS 511: Foundations of …`, `CS 8803 - Machine Learning Theory`):
# lecture notes, not a publication (a year is no code: `ICML 2019`)
_COURSE_CODE = re.compile(r"^[A-Z]{2,4}\s?(?!(?:19|20)\d\d\b)\d{3,4}[A-Za-z]?\s*(?::|\s[-–—]\s)")
# A school of lectures (`2015 DL Summer School [Title](….pdf)`): what it gives are slides
_LECTURE_SCHOOL = re.compile(r"\b(?:summer|winter|spring|autumn|fall)\s+schools?\b|\bMLSS\b", re.IGNORECASE)
# What a section holding papers among other things names them (`## Surveys, talks and code`)
_PAPER_KINDS = re.compile(r"\b(?:surveys?|papers?|preprints?|articles?|monographs?|books?)\b", re.IGNORECASE)
# What else a list names, in a lead-in (`Code: [Title](github)`, `**Problem set 2:** [ps2.pdf](…)`)
# or as the only links of an entry (`**Title** — [blog](…)`), besides the kinds of _NOT_PAPERS.
_NOT_PAPER_WORKS = re.compile(
    r"\b(?:code|implementations?|library|libraries|software|computer programs?|repository|problem sets?|"
    r"homeworks?|assignments?|"
    r"exercises?)\b|代码|源码|作业",
    re.IGNORECASE,
)
# What an entry says it is, besides its title: an APA descriptor in brackets (`*Title* [Video]`,
# `[Lecture slides]`, `[Computer software]`), a kind closing the title (`Title (talk)`, `name
# (PyTorch re-implementation)`), a day of publication (`(2017, December 8)`: APA dates posts,
# not papers, to the day), a code or video host named as the venue (`GitHub`).
_DESCRIPTOR = re.compile(r"(?<![\]\w])\[(?P<kind>[^\[\]()]{2,40})\](?![(\[:])")
_PARENTHESIZED = re.compile(r"\((?P<kind>[^()]{2,40})\)")
_CLOSING_KIND = re.compile(r"\((?P<kind>[^()]{2,40})\)\s*$")
_BLOG_IN_TITLE = re.compile(r"\bblogs?\b", re.IGNORECASE)
# A title naming its own kind: `Deep learning theory lecture notes`, `Theory of Deep Learning
# workshop` (papers' titles name these too, so only where nothing links or identifies a paper)
_KIND_IN_TITLE = re.compile(
    r"\b(?:talks?|slides|videos?|lectures?|lecture notes|keynotes?|podcasts?|tutorials?|blog posts?|"
    r"courses?|workshops?|threads?|tweets?|webinars?|seminars?|reading groups?|syllabus)\b",
    re.IGNORECASE,
)
# `**2023.03.01**: We released …`, `2022/11: Our paper … is accepted`, `[2023-05] Added …`: a
# news line, dated to the month and told in prose (`[2023/03] **GPT-4 Technical Report**` dates a paper)
_NEWS_DATE = re.compile(
    r"^\W*(?:19|20)\d\d[-./](?:0?[1-9]|1[0-2])(?:[-./]\d{1,2})?\W*[:\]]\W*"
    r"(?:we|our|i|added?|released?|updated?|new|news|congrat\w*|thanks?|welcome|accepted|moved|fixed|"
    r"this (?:list|repo\w*))\b",
    re.IGNORECASE,
)
# `Reference style: Vancouver. Example: Surname AB. Title of the article. …`: a line showing how
# to write a reference, when it names no paper by an arXiv id, a DOI or a link
_FORMAT_CUE = re.compile(r"\b(?:example|e\.\s?g\.|format|template)\s*[:：]", re.IGNORECASE)
# A changelog's kinds of change besides `Added` (Keep a Changelog): an item under them tells what
# changed about a paper the list holds (`Fixed the link of "Title"`), it adds none.
_CHANGE_HEADING = re.compile(r"^\W*(?:changed|fixed|removed|deprecated|security)\W*$", re.IGNORECASE)
# A chat message's header as dialects.py writes it: the sender, then the time it was sent
_CHAT_MESSAGE = re.compile(r"\s\[?\d{1,2}:\d\d(?::\d\d)?(?:\s?[AaPp][Mm])?\]?$")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATED_TO_THE_DAY = re.compile(  # APA `(2017, December 8)`, MLA `*Blog*, 11 Jan. 2022,`
    rf"\((?:19|20)\d\d,\s*{_MONTH}\s+\d{{1,2}}\)|,\s*\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d\d[,.]")
_HOSTED_AT = re.compile(r"^(?:git ?hub|git ?lab|bitbucket|hugging ?face|youtube)\s+(?:repository|repo|project|video|channel)$",
                        re.IGNORECASE)
_HOST_VENUE = re.compile(
    r"^(?:git ?hub|git ?lab|hugging ?face|youtube|vimeo|bilibili|slide ?share|speaker ?deck|medium|"
    r"substack)$",
    re.IGNORECASE,
)
# The kind a sequence's opening mark names: `[!video]`, `!!! code`, `[^talk]:`
_ADMONITION_TITLE = re.compile(r'^[\w-]+(?:[ \t]+[\w-]+)*[ \t]+"(?P<title>[^"\n]+)"[ \t]*(?:\n|$)')
_OPENER_KIND = re.compile(r"(?:\[!|[!?]{3}\+?\s+|\[\^|\.\.\s+\[|^\s*\[)(?P<kind>[A-Za-z][\w-]*)")
# A lowercase word of a sentence, not of a reference (`and`, `et al.`, `pp.`, field keys)
_PROSE_WORD = re.compile(
    r"(?<![\w'’-])(?!(?:and|et|al|von|van|der|den|de|da|di|la|le|du|dos|del|the|for|with|pages|vol|"
    r"preprint|available|online|accessed|retrieved|from|authors?|venue|year|url|link|pdf|arxiv|doi|"
    r"code|slides|video|in|of|on|to|pp|no)\b)[a-zß-ÿа-яё][a-zß-ÿа-яё'’-]+\b")  # Latin or Cyrillic
# `By applying dropout at test time, we can exploit …`: a clause opening with its subject after a comma
_CLAUSE_AFTER_COMMA = re.compile(r",\s+(?:we|you|I)\s+[a-z]{2,}")
_LEAD_IN = re.compile(r"^[^\w\[]*(?P<label>[^\W\d][\w .'-]{0,30}?)\s*[:：]")
# The longest paper entry of the seed and dev lists is 339 characters (a table row with six authors).
_LONGEST_REFERENCE = 2000
# A Pandoc citation closing an entry, `**Title** [@jacotNeuralTangent2018]` (or `[@a; @b]`): the
# entry cites the paper out of a bibliography. The key is a handle: no names nor year are read in it.
_CITED_KEY = r"-?@[\w:.#$%&+?<>~/-]+"
_PANDOC_CITATION = re.compile(rf"[ \t]*\[{_CITED_KEY}(?:\s*;\s*{_CITED_KEY})*\][ \t]*(?=\n|$)")
# A heading that dates when papers were read (a season, term, week or month, `Read in 2023`), or
# spans years (`2017–2018`), not when one was published
_READING_DATE = re.compile(
    r"(?:19|20)\d\d\s*[-–—/]\s*(?:19|20)?\d\d\b|"
    r"\b(?:read|reviewed|added|discussed|spring|summer|fall|autumn|winter|semester|term|quarter|week|"
    r"session|meeting|"
    r"jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?)\b", re.IGNORECASE)
# The words a section heading puts before the venue it names: `Papers at`, `Accepted papers of`
_SECTION_LEAD = re.compile(
    r"^(?:(?:accepted|selected|notable|our|oral|spotlight)\s+)?(?:papers?|publications?|articles?)\s+"
    r"(?:(?:accepted|published|presented)\s+)?(?:at|from|in|of|to)\s+(?=\S)", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[A-Z][.)]|\[\d+\])\s+")
# `Title`, `Paper`, `Paper Name`, `Title & Authors` (a bare `Name` column names tools as often)
_TITLE_COLUMN = re.compile(
    rf"^(?:paper\s*(?:names?|titles?)|titles?|papers?|articles?|publications?|to read|readings?|"
    rf"{TITLE_COLUMN_ELSEWHERE})"
    r"(?:\s*(?:&|and|/|\+|,)\s*(?:authors?|links?))?$",  # `Title & Authors`, `Paper Title and Link`
    re.IGNORECASE,
)
_COLUMNS = {  # in English, Chinese, Japanese and Korean
    "authors": re.compile(r"^(?:authors?|by|researchers?|作者|著者|저자)$", re.IGNORECASE),
    "venue": re.compile(
        r"^(?:venues?|conference|journal|conf\.?|published(?: in| at)?|where|publication venue|"
        r"(?:pub\.?|publication|venue|conf\.?)\s*(?:&|and|/|\+)\s*(?:year|date)|"  # `Pub.&Year`
        r"j\s*/\s*c|c\s*/\s*j|journal\s*/\s*conference|conference\s*/\s*journal|"
        r"会议|期刊|会议/期刊|来源|出处|发表于?|学会|掲載誌|학회)$", re.IGNORECASE
    ),
    "year": re.compile(r"^(?:year|date|time|published|年份?|时间|日期|年度|発表年|연도)$", re.IGNORECASE),
}


# The columns only a table of papers has: who wrote it, where and in which year it was published
_OWN_COLUMNS = re.compile(
    rf"{_COLUMNS['authors'].pattern}|{_COLUMNS['venue'].pattern}|^(?:year|年份?|年度|発表年|연도)$", re.IGNORECASE)


# A title column named for papers (`Paper`, `Paper Title`, `论文`), not just for titles (a talk's too)
_PAPER_COLUMN = re.compile(r"^(?:papers?(?:\s*(?:names?|titles?))?|publications?|articles?|论文(?:标题|名称)?|論文|논문)$",
                           re.IGNORECASE)


_FIRST_PERSON = re.compile(r"^(?:we|I|our|my)\s", re.IGNORECASE)


# Set while reading a line the learned line detector takes for a paper's (detected_papers.py): the
# detector is then the evidence that the entry names a paper, in place of a link, an id, a venue or
# authors; every veto (a kind word, a template, a talk or code link, prose) still applies.
_DETECTED: ContextVar[bool] = ContextVar("detected", default=False)


# Set while reading a title of a reading list of bare titles (_bare_title_runs): a title there may
# read as a name (`Wasserstein GAN`, `Dark Knowledge`); the list says it is a title.
_TITLE_RUN: ContextVar[bool] = ContextVar("title_run", default=False)


@contextmanager
def detected() -> Iterator[None]:
    token = _DETECTED.set(True)
    try:
        yield
    finally:
        _DETECTED.reset(token)


@register("auto", blocks=True)
def read_item(index: int, items: list[ListItem]) -> dict:
    item = items[index]
    if item.block == "record":  # a record nested in a paper, or under a paper heading, is its note
        owner = _owner(index, items)
        return _detail(index, items, owner) if owner is not None else read_record(item)
    if item.block == "heading":
        return _heading(index, items)
    if item.block == "row":
        return _row(item)
    if item.block in ("paragraph", "block") and rows_of_cells(item.raw):
        raise NotAPaper("rows of delimited cells, each read by its line")
    if item.block in ("paragraph", "block") and json_text(item.raw):
        raise NotAPaper("JSON data, each value read by its line")
    owner = _owner(index, items) if item.block in ("item", "paragraph", "block") else None
    if owner is None and item.block == "item" and (field_of := _field_sibling_of(index, items)) is not None \
            and _reads_as_paper(field_of, items):
        owner = field_of
    if owner is None and item.block == "item" and (block := _labelled_fields_of(index, items)) is not None \
            and _reads_as_paper(block, items):
        owner = block
    if owner is not None:
        return _detail(index, items, owner)
    if item.block == "block":
        return _block(item, [items[at] for at in _labelled_fields(index, items)])
    if _is_label(index, items) or _labels_a_citation(index, items):
        return {"kind": "label", "title": collapse_spaces(item.text).rstrip(": ")}
    spans = _unnumbered(item.spans) if item.block == "reference" else item.spans
    spans, tags = read_properties(spans)
    if named := [tag for tag in tags if _names_non_paper(tag)]:  # `[robustness](github) #code`
        raise NotAPaper(f"tagged #{named[0]}, not a paper")
    spans += _child_label_links(index, items, spans)
    fields = [items[at] for at in _field_siblings(index, items)]
    # `* Title` over `* Names` and `` * `ICLR 2020` ``: evidence, as a table's columns
    given = _fields_given(fields)
    if index in _bare_title_runs(items):
        token = _TITLE_RUN.set(True)
        try:
            with detected():  # the list's shape stands for the evidence its lines do not give
                claims = _paper(spans, item.section, given)
        finally:
            _TITLE_RUN.reset(token)
    else:
        claims = _paper(spans, item.section, given)
    details = _details([items[child] for child in _children(index, items)]
                       + [field for field in fields if field.spans[0].style in ("em", "text")])
    if item.block == "paragraph" and item.notes:
        details["digest"].append(item.notes)
    if item.block == "item" and (at := _names_wrapped_title_line(item.raw, claims)) > 0:
        claims["line"] = item.line + at
    return _dated_by(fields, _with_details(claims, details, item.section))


# A numbered item that is a title alone: a phrase of two words or more opening with a letter, with
# no closing stop, colon or comma (a sentence or a label), no year, no markup
_BARE_TITLE = re.compile(r"[^\W\d_][^\n]*[^\s.,;:]")
_YEAR_IN = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_last_runs: tuple[list[ListItem], frozenset[int]] = ([], frozenset())


def _bare_title(item: ListItem, numbered: bool = True) -> bool:
    spans = [span for span in item.spans if span.text.strip()]
    if item.block != "item" or (numbered and not item.ordered) or item.depth != 1 or "\n" in item.raw.strip() \
            or len(spans) != 1 or spans[0].style != "text":
        return False
    text = spans[0].text.strip()
    return 2 <= len(text.split()) <= 25 and bool(_BARE_TITLE.fullmatch(text)) and not _YEAR_IN.search(text) \
        and not _is_field_bullet(item)  # `* Yeming Wen, Dustin Tran, Jimmy Ba`: names under a title, no title


def _linked_title(item: ListItem) -> bool:
    """`4. [Title](../notes/title.html)`: a numbered title linking the list's own page about it."""
    spans = [span for span in item.spans if span.text.strip()]
    return (item.block == "item" and item.ordered and item.depth == 1 and "\n" not in item.raw.strip()
            and len(spans) == 1 and spans[0].style == "link" and "://" not in spans[0].url
            and not spans[0].url.startswith("#"))


def _bare_title_runs(items: list[ListItem]) -> frozenset[int]:
    """The items of a reading list of bare titles (`## Topic` over `1. Title`, `2. Title`, with no link,
    names or venue): a document whose every list item is a numbered title alone (or one linking the
    list's own page about it), in two runs or more, each under a heading of its own, six titles at
    least, of five words on average as papers' titles are (a course's numbered topics are
    shorter: `1. Linear regression`). Its titles are papers as a reader reads them; none, when any
    list item of the document is of another shape. Once per document (the last one's answer is kept)."""
    global _last_runs
    last = _last_runs
    if last[0] is items:
        return last[1]
    listed = [at for at, item in enumerate(items) if item.block not in ("heading", "paragraph", "block")]
    bare = [at for at in listed if _bare_title(items[at])]
    runs = {items[at].section for at in listed}
    found = frozenset()
    if (len(bare) >= 6 and all(at in bare or _linked_title(items[at]) for at in listed)
            and len(runs) >= 2 and all(runs)
            and sum(len(items[at].text.split()) for at in bare) >= 5 * len(bare)):
        found = frozenset(bare) if _detector_takes_a_fifth(items, bare) else frozenset()
    found = found or _venue_section_titles(items, listed) or _bullet_titles(items, listed)
    _last_runs = (items, found | _titles_linked_to_nothing(items, listed))
    return _last_runs[1]


def _titles_linked_to_nothing(items: list[ListItem], listed: list[int]) -> frozenset[int]:
    """`- [Quantum Recommendation Systems]() #algo` among `- [Title](https://arxiv.org/…) #algo`: a
    title written as a link whose address was left out, of two words or more, in a list where three
    items at least open with a link to a paper, and half as many as with such an empty link: a paper
    as its siblings are."""
    def opening_link(item: ListItem) -> Span | None:
        spans = [span for span in item.spans if span.text.strip()]
        return spans[0] if item.block == "item" and spans and spans[0].style == "link" else None

    empty = [at for at in listed if (link := opening_link(items[at])) and not link.url.strip()
             and len(link.text.split()) >= 2 and not is_label_text(link.text)]
    linked = sum(1 for at in listed if (link := opening_link(items[at])) and link.url.strip()
                 and is_paper_link(Link(link.url, link_kind(link.text, link.url))))
    return frozenset(empty) if empty and linked >= 3 and 2 * linked >= len(empty) else frozenset()


def _bullet_titles(items: list[ListItem], listed: list[int]) -> frozenset[int]:
    """A reading list of bare titles a bullet, with no heading to part it (`* Title`, `* Title`, …):
    ten titles at least, three quarters of the document's list items, all at the margin, of five words
    on average, and the line detector's probabilities adding up to a fifth of them at least (it gives
    a title alone with no more evidence a low one, and a course's topics or a how-to's steps none)."""
    bare = [at for at in listed if _bare_title(items[at], numbered=False)]
    if (len(bare) < 10 or 4 * len(bare) < 3 * len(listed) or any(items[at].depth != 1 for at in listed)
            or sum(len(items[at].text.split()) for at in bare) < 5 * len(bare)):
        return frozenset()
    probability = line_probabilities(_document_lines(items))
    return frozenset(bare) if 5 * sum(probability.get(items[at].line, 0.0) for at in bare) >= len(bare) \
        else frozenset()


def _venue_section_titles(items: list[ListItem], listed: list[int]) -> frozenset[int]:
    """A list of papers by where they appeared (`# 2019` over `## NeurIPS` over `- Title`, one bare
    title a bullet): the bare titles of the sections a venue or a year names, when most items of
    those sections are such titles, in two sections at least, six titles at least, of five words on
    average, and the line detector takes a fifth of them. The heading is the evidence each line
    leaves out."""
    def venue_heading(item: ListItem) -> bool:
        last = item.section[-1].strip() if item.section else ""
        return bool(re.fullmatch(r"(?:19|20)\d\d", last)) or (len(last.split()) <= 3 and looks_like_venue(last))

    under = [at for at in listed if venue_heading(items[at])]
    bare = [at for at in under if _bare_title(items[at], numbered=False)]
    if (len(bare) < 6 or 3 * len(bare) < 2 * len(under) or len({items[at].section for at in bare}) < 2
            or sum(len(items[at].text.split()) for at in bare) < 5 * len(bare)):
        return frozenset()
    return frozenset(bare) if _detector_takes_a_fifth(items, bare) else frozenset()


def _document_lines(items: list[ListItem]) -> list[str]:
    """The document's lines as its items write them (blank elsewhere), for the line detector."""
    lines: list[str] = []
    for item in items:
        own = item.raw.rstrip("\n").split("\n")
        if len(lines) < item.line - 1 + len(own):
            lines.extend([""] * (item.line - 1 + len(own) - len(lines)))
        lines[item.line - 1:item.line - 1 + len(own)] = own
    return lines


def _detector_takes_a_fifth(items: list[ListItem], bare: list[int]) -> bool:
    """Whether the learned line detector, reading the document's lines, takes a fifth of its bare
    titles at least for papers' lines on its own (≥ its threshold): the sign that the numbered
    phrases are papers' titles, not steps of a how-to (`1. Clone the repository`) or a course's
    topics, which no line of the corpus taught it to take."""
    probability = line_probabilities(_document_lines(items))
    threshold = thresholds()[0]
    return 5 * sum(probability.get(items[at].line, 0.0) >= threshold for at in bare) >= len(bare)


# Bullets after a paper's, at its depth, giving its fields one a bullet (a reading log:
# `- Title [[pdf]](…)`, `- *Names*`, `` - `2018-07-10, NeurIPS 2018` ``): italics that are names,
# or a date in code with the venue after it.
_CODE_DATE = re.compile(
    r"^(?P<date>(?:19|20)\d\d-[01]\d(?:-\d\d)?|\d\d-\d\d-(?:19|20)\d\d)(?:,\s*(?P<venue>.+))?$")


def _is_field_bullet(item: ListItem) -> bool:
    spans = [span for span in item.spans if span.text.strip()]
    if item.block != "item" or len(spans) != 1:
        return False
    if spans[0].style == "code":
        return bool(_CODE_DATE.match(spans[0].text.strip()) or _code_venue(spans[0].text))
    # `* Yeming Wen, Dustin Tran, Jimmy Ba`, `* Christopher M. Bishop`: plain names, several parted by
    # commas or one with an initial (a title is neither), and nothing after them (`Names. Title` is an entry)
    if spans[0].style == "text":
        text = spans[0].text.strip()
        names = names_in(text)
        return bool(names) and "." not in re.sub(r"\b[A-Z]\.", "", text) and (
            (len(names[0]) >= 2 and "," in text) or bool(re.search(r"\s[A-Z]\.\s", text)))
    return spans[0].style == "em" and bool(names_in(spans[0].text)) and len(spans[0].text.split(",")) >= 2


def _fields_given(fields: list[ListItem]) -> tuple[str, ...]:
    """What a paper's field bullets give: its authors (a bullet of names) and its venue (a code
    span naming one with its year)."""
    given = ("authors",) if any(field.spans[0].style in ("em", "text") for field in fields) else ()
    return given + (("venue",) if any(field.spans[0].style == "code" and _code_venue(field.text)
                                      for field in fields) else ())


def _code_venue(text: str) -> str:
    """`` `ICLR 2020` `` alone in a field bullet: a venue and its year, or ""."""
    text = text.strip()
    return text if first_year(text) and looks_like_venue(text) and not _CODE_DATE.match(text) else ""


def _field_siblings(index: int, items: list[ListItem]) -> list[int]:
    """The field bullets right after item `index` at its depth, under its parent and section."""
    item, found = items[index], []
    if item.block != "item" or _is_field_bullet(item):
        return found
    for at in range(index + 1, len(items)):
        other = items[at]
        if (other.parent, other.depth, other.section) != (item.parent, item.depth, item.section) \
                or not _is_field_bullet(other):
            break
        found.append(at)
    return found


def _field_sibling_of(index: int, items: list[ListItem]) -> int | None:
    """The item whose field bullet item `index` is, if any."""
    if not _is_field_bullet(items[index]):
        return None
    for before in range(index - 1, -1, -1):
        if index in _field_siblings(before, items):
            return before
        if not _is_field_bullet(items[before]):
            return None
    return None


def _dated_by(fields: list[ListItem], claims: dict) -> dict:
    """The venue and year a field bullet's `` `2018-07-10, NeurIPS 2018` `` gives: the venue's
    year where it names one (`Medical Image Analysis (January 2022)`), else the date's."""
    for field in fields:
        venue = _code_venue(field.text) if field.spans[0].style == "code" else ""
        if venue and claims.get("kind", "paper") == "paper":
            claims["venue"] = claims.get("venue") or venue
            claims["year"] = claims.get("stated_year") or first_year(venue)  # over a heading's year
            continue
        dated = _CODE_DATE.match(field.text) if field.spans[0].style == "code" else None
        if not dated or claims.get("kind", "paper") != "paper":
            continue
        venue = dated["venue"] or ""
        if venue and not claims.get("venue"):
            claims["venue"] = re.sub(r"\s*\((?:\w+\s+)?((?:19|20)\d\d)\)$", r" \1", venue).strip()
        claims["year"] = claims.get("year") or first_year(venue) or first_year(dated["date"])
    return claims


# A block's fields, one a bullet right under it (`:::details Title` over `- 著者: Names`,
# `- 会議: ICLR 2017（Best Paper）`, `- リンク: https://arxiv.org/abs/…`): the label says which field.
_LABELLED = re.compile(r"^(?P<label>[^\W\d_][\w .-]{0,24}?)\s*[:：]\s*(?P<value>.*)$", re.DOTALL)
_FIELD_LABELS = {
    "authors": re.compile(r"^(?:authors?|by|著者|作者|авторы|autor(?:en|es)?|auteurs?)$", re.IGNORECASE),
    "venue": re.compile(r"^(?:venue|conference|journal|published(?: in| at)?|会議|掲載|掲載先|学会|会议|期刊|"
                        r"конференция|журнал)$", re.IGNORECASE),
    "link": re.compile(r"^(?:links?|url|paper|pdf|arxiv|リンク|链接|ссылка)$", re.IGNORECASE),
}
_ET_AL = re.compile(r"\s*(?:ほか|他|等|et al\.?)\s*$")


def _field_label(text: str) -> str:
    labelled = _LABELLED.match(text.strip())
    return next((name for name, label in _FIELD_LABELS.items()
                 if labelled and label.match(labelled["label"].strip())), "")


def _labelled_fields(index: int, items: list[ListItem]) -> list[int]:
    """The bullets right under a block (at the margin, in its section) when each is a `Label:
    value` line and one at least names the authors or the venue."""
    block, found = items[index], []
    if block.block != "block":
        return found
    for at in range(index + 1, len(items)):
        other = items[at]
        if other.block != "item" or other.parent is not None or other.section != block.section \
                or not _LABELLED.match(other.text.strip()):
            break
        found.append(at)
    return found if any(_field_label(items[at].text) in ("authors", "venue") for at in found) else []


def _labelled_fields_of(index: int, items: list[ListItem]) -> int | None:
    """The block whose labelled field bullet item `index` is, if any."""
    for before in range(index - 1, -1, -1):
        if items[before].block == "block":
            return before if index in _labelled_fields(before, items) else None
        if items[before].block != "item" or items[before].parent is not None:
            return None
    return None


def _labelled_evidence(fields: list[ListItem]) -> tuple[str, ...]:
    """What a block's field bullets show of a paper, as a reference's evidence names it."""
    found = []
    for field in fields:
        label, value = _field_label(field.text), _LABELLED.match(field.text.strip())["value"].strip()
        urls = [span.url for span in field.links if span.url] + _BARE_URL.findall(value)
        if label == "link" and any(is_paper_link(Link(url, link_kind(url, url))) for url in urls):
            found.append("link to the paper")
        elif label in ("authors", "venue") and value:
            found.append(label)
    return tuple(found)


def _with_labelled_fields(claims: dict, fields: list[ListItem]) -> dict:
    """A block's claims with the authors, venue, year and link its field bullets give."""
    for field in fields:
        label, value = _field_label(field.text), _LABELLED.match(field.text.strip())["value"].strip()
        if label == "authors" and not claims["authors"] and (names := lenient_names(_ET_AL.sub("", value))):
            claims["authors"], claims["authors_truncated"] = tuple(names[0]), bool(_ET_AL.search(value))
        elif label == "venue" and not claims["venue"] and value:
            claims["venue"] = re.split(r"\s*[（(]", value)[0].strip()
            year = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", value)
            claims["stated_year"] = claims["stated_year"] or (int(year[1]) if year else None)
            claims["year"] = claims["year"] or claims["stated_year"]
        elif label == "link":
            for url in [span.url for span in field.links if span.url] + _BARE_URL.findall(value):
                link = Link(url.rstrip(".,)"), link_kind(url, url))
                claims["links"] = (*claims["links"], link)
                claims["arxiv_id"] = claims["arxiv_id"] or arxiv_id_of(link.url)
    return claims


def _block(item: ListItem, fields: list[ListItem] = ()) -> dict:
    """A block no structure rule claimed (a paragraph, a quote's lines, a footnote definition, a
    sub-numbered line) is a paper by its content alone: a title read as from any entry, what
    shows it names a paper, and no sentence of prose around it. A chat message's text (under its
    header, `###### Maya Chen 9:12 AM`, atlas/build/parsers/dialects.py) is talk about papers:
    the papers it names are those its link previews show."""
    if item.section and _CHAT_MESSAGE.search(item.section[-1]):
        raise NotAPaper("a chat message's text; its link previews are its papers")
    if "\n" not in item.raw.strip() and cites_a_reading(item.raw):
        return _reading(read_sentence(item.raw), item.section)
    spans, kind = _without_opener(item.spans)
    if kind and _names_non_paper(kind):
        raise NotAPaper(f"'{kind}' names no paper")
    if fields and spans and spans[0].style == "text":  # `:::details ⭐ Title（和訳）` over its fields
        opened = _LEADING_MARKS.sub("", _CONTAINER_OPENER.sub("", spans[0].text, count=1))
        spans = (Span("text", opened), *spans[1:])
    spans, tags = read_properties(spans)
    if named := [tag for tag in tags if _names_non_paper(tag)]:
        raise NotAPaper(f"tagged #{named[0]}, not a paper")
    claims = _with_labelled_fields(_paper(spans, item.section, _labelled_evidence(fields)), list(fields))
    strong = claims["arxiv_id"] or claims["doi"] or any(is_paper_link(link) for link in claims["links"])
    shown = strong or (claims["authors"] and (claims["venue"] or claims["stated_year"]))
    if not shown and not _DETECTED.get():
        raise NotAPaper("no link to a paper, and no authors with a venue or year")
    _refuse_prose("".join(span.text for span in spans if span.style != "image"), claims["title"])
    if item.notes:
        claims["digest"] = collapse_spaces(item.notes)
    if fields:
        claims = _without_translation(claims)
    if (at := _title_line(item.raw, claims["title"])) > 0:
        claims["line"] = item.line + at
    return claims


def _title_line(raw: str, title: str) -> int:
    """The line of a block, counted from its first, where its title opens: `.. [Key] A. Author,
    B. Author.` and then the title on the line below is a paper at its title's line, as a record
    is."""
    words = re.findall(r"\w+", title)[:4]
    found = re.search(r"\W+".join(map(re.escape, words)), raw) if words else None
    at = raw.count("\n", 0, found.start()) if found else 0
    # only after lines the names' sentence closes (`… and O. Vinyals.`), or a tag alone over a bold title
    # (`[Transformer]` over `**Title**`): a title read from a later line of any other block is no sign of
    # where the entry is
    lines = raw.split("\n")
    tagged = at == 1 and re.fullmatch(r"\s*\[[^\[\]]+\]\s*", lines[0]) and lines[1].lstrip().startswith("**")
    return at if tagged or all(line.rstrip().endswith((".", ",")) for line in lines[:at]) else 0


def _names_wrapped_title_line(raw: str, claims: dict) -> int:
    """The line of an item, counted from its first, where its title opens when the names before it
    wrap onto that line (`* A. One, B. Two, and C.⏎  Three, *Title*. ICML 2017.`): a citation
    wrapped over lines is at its title's line, as a block's is (`_title_line`). Only when the item
    opens with its first author and the text before the title closes with its last author's name."""
    authors, title = claims.get("authors") or (), claims.get("title") or ""
    words = re.findall(r"\w+", title)[:4]
    found = re.search(r"\W+".join(map(re.escape, words)), raw) if words and authors else None
    if not found or "\n" not in raw[:found.start()]:
        return 0
    before = raw[:found.start()]
    first, last = authors[0].split()[0], authors[-1].split()[-1]
    # after the item's number (`[3] A. One`), a name's initial closing on its stop (`A.`), and
    # before the marks that open a title (`["Title"](…)`, `“Title”`)
    opens = re.match(r"\W*(?:\[\d+\]\s*)?" + re.escape(first) + r"(?!\w)", before)
    # `… C. Three.`, `… C. Three <br />`
    closes = re.search(r"\b" + re.escape(last) + r"(?:\s*<br\s*/?>)?[\s,.:;*_\[\"“']*$", before)
    return before.count("\n") if opens and closes else 0


def _reading(reading: Reading, section: tuple[str, ...]) -> dict:
    """A reading a syllabus sentence cites: the claims of its title and parenthesis, read as an
    entry `**Title** (Venue Year)` linking its links, with the authors the sentence names."""
    links = tuple(Span("link", "[link]", url) for _, url in reading.links)
    claims = _paper((Span("strong", reading.title), Span("text", f" ({reading.venue})")) + links, section)
    claims["authors"], claims["authors_truncated"] = reading.authors, reading.truncated
    return claims


def _without_opener(spans: tuple[Span, ...]) -> tuple[tuple[Span, ...], str]:
    """A block's spans without the mark opening its sequence (`[^4]:`, `2.2`, `.. [key]`,
    `!!! paper`, `[!paper]-`), and the kind that mark names (`paper`, `video`, `talk`); a
    callout's first line is its title."""
    first = spans[0] if spans else None
    opener = SEQUENCE_OPENER.match(first.text) if first is not None and first.style == "text" else None
    if opener is None:
        return spans, ""
    kind = _OPENER_KIND.search(opener[0])
    rest = first.text[opener.end():].lstrip(" -+")
    head = (Span("text", rest),) if rest.strip() else ()
    if opener[0].lstrip().startswith("[!") and rest.strip():  # `[!paper]- Title` then its fields
        line, _, after = rest.partition("\n")
        head = (Span("strong", line.strip()),) + ((Span("text", "\n" + after),) if after else ())
    elif titled := _ADMONITION_TITLE.match(rest):  # `??? abstract "Title"`: the type, then the title
        after = rest[titled.end():]
        head = (Span("strong", titled["title"]),) + ((Span("text", "\n" + after),) if after else ())
    return head + spans[1:], kind["kind"] if kind else ""


def _refuse_prose(text: str, title: str) -> None:
    """A sentence citing a paper is no entry of a list: a block whose title follows words of a
    sentence (`For a gentler introduction, read …`) or which goes on as prose after it."""
    text = _BARE_URL.sub(" ", text)
    at = text.find(title)
    before = text[:at] if at > 0 else ""
    # the lines after the title's own are its fields or notes (`> **Venue:** …`, an indented note)
    after = (text[at + len(title):] if at >= 0 else text).split("\n")[0]
    words_before, words_after = len(_PROSE_WORD.findall(before)), len(_PROSE_WORD.findall(after))
    if words_before >= 3 or (words_before and words_after >= 3):
        raise NotAPaper("a sentence citing a paper, not an entry")
    if words_after > 8:
        raise NotAPaper("prose around a title, not an entry")


def _refuse_quotation(text: str, title: str) -> None:
    """`At train time, dropout reduces overfitting by “approximately combining …” (Name 2014).`:
    words quoted inside a sentence, its words running on into the quote mark, are a quotation,
    not a title; a reference's quoted title follows names and a stop or a comma."""
    line = text.split("\n")[0]  # the sentence of the entry's own line
    quote = re.search(r"[\"“«]\s*" + re.escape(title[:40]), line)
    before = line[: quote.start()] if quote else ""
    if re.search(r"[a-zß-ÿ]{2,}\s*$", before) and len(_PROSE_WORD.findall(before)) >= 3:
        raise NotAPaper("words quoted in a sentence, not a title")


# `As of 2019, this paper by Name et al. may be the best account …` over the linked paper: a title
# written as text never points at the paper it would name ("this paper", "this work")
_POINTS_AT_A_PAPER = re.compile(r"\b(?:this|that|the following) (?:paper|work|article|preprint)\b")


def _paper(spans: tuple[Span, ...], section: tuple[str, ...], columns: tuple[str, ...] = ()) -> dict:
    """The claims of an entry read as a paper; NotAPaper, with the reason, when it is not one.
    `columns` names the evidence a table row gives in columns of their own (authors, year)."""
    text = "".join(span.text for span in spans if span.style != "image").strip()
    if not text:
        raise NotAPaper("no text (an image or badge only)")
    if len(text) > _LONGEST_REFERENCE:  # reading it would cost time quadratic in its length
        raise NotAPaper(f"{len(text):,} characters: longer than any reference")
    links = [span for span in spans if span.style == "link"]
    if links and all(span.url.startswith("#") for span in links) and len(links) == len(
            [s for s in spans if s.text.strip(" -–,.|")]):
        raise NotAPaper("table-of-contents entry: links to a part of the list")
    if _NEWS_DATE.match(text) and " | " not in text:
        raise NotAPaper("a dated news line, not a paper")
    spans = _names_closed_by_key(_with_emphasis_in_links(spans))
    spans, cited = _without_pandoc_citation(_byline_out_of_title_link(spans))
    reference = read_reference(spans)
    if reference is None:
        raise NotAPaper("no title")
    reference = _with_dated_lead(reference, spans)
    if not reference.title_url and _POINTS_AT_A_PAPER.search(reference.title):
        raise NotAPaper("a remark pointing at a paper ('this paper by …'), not a title")
    if _VENUE_AND_YEAR.fullmatch(reference.title.strip()):  # `## ICLR 2019` over its sessions
        raise NotAPaper("a venue and its year, no title")
    if _SCHEDULE_SLOT.fullmatch(reference.title.strip()):  # `1. Week starting Jan 13: [__akaike74__](doi)`
        raise NotAPaper("a slot of a schedule (a week, a lecture, a date), no title")
    if re.match(r"@\w+\s*\{", reference.title):  # `@article{gao2022nerf,<br>`: a BibTeX record's first line
        raise NotAPaper("a BibTeX record's type and key, no title")
    if _HOSTED_AT.match(reference.title.strip()):  # APA's `Names (2017). Name. *GitHub repository*.`
        raise NotAPaper(f"'{reference.title}' hosts code or videos: the entry cites no paper")
    keyed = (opening := _ALPHABETIC_KEY.match(text)) and keys_the_names(opening["key"], text[opening.end():])
    _refuse_non_paper(reference, section, columns + (("citation key",) if cited or keyed else ()))
    if not _DETECTED.get():  # the detector's lines are joined with ` — `: their own quotes are titles
        _refuse_quotation(text, reference.title)
    if not reference.title_url and _CLAUSE_AFTER_COMMA.search(reference.title) and not re.search(
            r"[\"“'‘]\s*" + re.escape(reference.title[:40]), text) \
            and not any(span.style in ("strong", "em") and reference.title in span.text for span in spans):
        raise NotAPaper("a sentence (a clause with its subject after a comma), not a title")
    school = _LECTURE_SCHOOL.search(text.replace(reference.title, " "))
    if school and not (reference.arxiv_id or reference.doi):
        raise NotAPaper(f"'{school[0]}' is a school of lectures: what it gives are slides")
    _refuse_named_non_paper(text, links, reference, _bold_label(spans), columns)
    if not {"arXiv id", "DOI", "link to the paper"} & set(reference.evidence):
        plain = "".join(span.text for span in spans if span.style == "text")
        # a citation naming who wrote it, where and when (`Names. "Title … in videos." Venue. 2014.`)
        # is published as a table row whose columns give venue and year is
        _refuse_described_non_paper(plain, reference, section,
                                    {"venue", "year"} <= set(columns) or _fully_cited(reference))
        # the title link's text stays: `[Title](youtube) — recorded talk, COLT 2016`
        unlinked = "".join(span.text for span in spans if span.style not in ("image", "link")
                           or (span.style == "link" and span.url == reference.title_url))
        if kind := _kind_after_title(unlinked, reference.title):
            raise NotAPaper(f"'{kind}' after the title names no paper")
    return _claims(reference, section)


# `[SHNGS] Soudry, D., Hoffer, E., …`: an alphabetic citation key opening an entry
_ALPHABETIC_KEY = re.compile(r"^\s*\[(?P<key>[A-Z]{2,8})\]\s+")
# In a link's text, a quoted title and the names after it: `["Title", F. Bach](url)`,
# `["Title," M. Mason (2018)](url)`
_QUOTED_THEN_NAMES = re.compile(
    r"^\s*[\"“](?P<title>[^\"“”]{8,}?)(?:[\"”]\s*,|,[\"”])\s*(?P<names>\S.*)$")
# …or a title and the names closing it, marked as names are (`et al`, `&`, an initial, a year):
# `[Title, Gilmer et al.17](url)`, `[Title, Kingma & Welling'14](url)`, `[Title, B. and Mallat'18](url)`
_SURNAME_WORD = r"(?:[A-Z]\.\s?){0,3}[A-Z][a-zß-ÿ'’-]+|[A-Z]\."
_CLOSING_NAMES = re.compile(
    rf",\s*(?P<names>(?:{_SURNAME_WORD})(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)(?:{_SURNAME_WORD}))*"
    rf"(?:\s+et\s+al\b\.?)?(?:\s*,?\s*['’]?\s*\d\d)?)\s*$")
# Two digits closing names, glued to them or after a comma or an apostrophe, are the year:
# `Gilmer et al.17`, `Bronstein et al, 17`, `Mallat'18`, `Vedaldi et al,'17`
_NAMES_SHORT_YEAR = re.compile(r"(?<=[a-z.])(?:\s*,\s*['’]?\s?|\s*['’]\s?|(?<=\bal\.))(?P<year>\d\d)\.?\s*$")
# `, CVPR15.`: a conference's acronym glued to a two-digit year
_GLUED_VENUE_YEAR = re.compile(r",\s*(?P<venue>[A-Z]{3,6})(?P<year>\d\d)\.?\s*$")


def _byline_out_of_title_link(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """An entry opening with a link whose text holds the title and its names (`["Title", Names](url)`,
    `[Title, Names'18](url)`) reads as `[Title](url), Names, 2018`: the names move out of the
    title, after the link; a short year closing the names after it is spelled out."""
    first = next((at for at, span in enumerate(spans) if span.text.strip()), None)
    if first is None or spans[first].style != "link":
        return spans
    link = spans[first]
    title, names = link.text, ""
    if quoted := _QUOTED_THEN_NAMES.match(link.text):
        title, names = quoted["title"], quoted["names"]
    elif (closing := _CLOSING_NAMES.search(link.text)) and _marked_as_names(closing["names"]) \
            and len(link.text[: closing.start()].split()) >= 2:
        title, names = link.text[: closing.start()], closing["names"]
    elif (by := link.text.rfind(" by ")) > 0 and len(link.text[:by].split()) >= 3 \
            and full_names(link.text[by + 4:]):  # `[Title by Full Name, Full Name](url)`
        title, names = link.text[:by], link.text[by + 4:]
    moved = (Span("link", title, link.url), Span("text", _spelled_years(f", {names}"))) if names else (link,)
    tail = spans[first + 1:]
    if tail and tail[-1].style == "text":
        tail = (*tail[:-1], Span("text", _spelled_years(tail[-1].text)))
    return (*spans[:first], *moved, *tail) if names or tail != spans[first + 1:] else spans


# A full name: given names or initials, then the surname (`Zack C. Lipton`, `Mu Li`)
_FULL_NAME = re.compile(r"(?:[A-Z][\w'’-]*\.?\s+){1,3}(?P<surname>[A-Z][\w'’-]+)")


def _names_closed_by_key(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """`[ZLLS] Aston Zhang, Zack C. Lipton, Mu Li, Alex J. Smola, Dive into Deep Learning, 2018.`:
    an alphabetic key counts the names after it, one a letter, each letter its surname's initial;
    the comma after the last of them closes the names, as a stop would (`Names. Title, 2018.`)."""
    opening = _ALPHABETIC_KEY.match(spans[0].text) if spans and spans[0].style == "text" else None
    if not opening:
        return spans
    text, key = spans[0].text, opening["key"]
    parts = text[opening.end():].split(", ")
    if len(parts) <= len(key) or not all(
            (name := _FULL_NAME.fullmatch(part.strip())) and name["surname"][0] == letter
            for part, letter in zip(parts, key, strict=False)):
        return spans
    names = ", ".join(parts[: len(key)])
    return (Span("text", f"{text[: opening.end()]}{names}. {', '.join(parts[len(key):])}"), *spans[1:])


def _with_emphasis_in_links(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """`[The Text _Eugene Onegin_ and Chains](url)`: words emphasized inside a link's text are
    the link's text still; the title does not end where they open."""
    joined: list[Span] = []
    for at, span in enumerate(spans):
        linked = joined and joined[-1].style == "link"
        inside = linked and span.style in ("em", "strong") and at + 1 < len(spans) \
            and spans[at + 1].style == "link" and spans[at + 1].url == joined[-1].url
        following = linked and span.style == "link" and joined[-1].url == span.url
        if inside or following:
            joined[-1] = Span("link", joined[-1].text + span.text, joined[-1].url)
        else:
            joined.append(span)
    return tuple(joined) if len(joined) < len(spans) else spans


# `Shannon (1951) [Title](url)`, `Lovelace and Babbage (2019): [Title](url)`: names and the year
# in parentheses before a linked title
_LEAD_NAME = r"[A-ZÀ-Þ][\w'’-]+(?:\([^()\s]{1,20}\))?"
_DATED_LEAD = re.compile(
    rf"^\s*(?P<names>{_LEAD_NAME}(?:\s*(?:,|\band\b|&)\s*{_LEAD_NAME})*(?:,?\s+et\s+al\.?)?)"
    rf"\s*\((?P<year>(?:19|20)\d\d)[a-z]?\)[.,:]?\s*$")


def _with_dated_lead(reference: Reference, spans: tuple[Span, ...]) -> Reference:
    """A linked title after surnames and a year in parentheses: those are its authors and year
    (`Good(-Turing)`: the surname, its note dropped)."""
    at = next((at for at, span in enumerate(spans) if span.style == "link" and span.url == reference.title_url
               and span.text.strip()), None)
    lead = _DATED_LEAD.match("".join(span.text for span in spans[:at])) if at else None
    if not lead or reference.authors:
        return reference
    names, truncated = split_names(re.sub(r"\([^()]*\)", "", lead["names"]))
    return replace(reference, authors=tuple(names), authors_truncated=truncated,
                   stated_year=reference.stated_year or int(lead["year"]))


def _marked_as_names(names: str) -> bool:
    return bool(re.search(r"\bet\s+al\b|&|\b[A-Z]\.|\d\d\s*$", names))


def _spelled_years(text: str) -> str:
    if glued := _GLUED_VENUE_YEAR.search(text):
        return f"{text[: glued.start()]}, {glued['venue']} {full_year(glued['year'])}"
    if short := _NAMES_SHORT_YEAR.search(text):
        return f"{text[: short.start()]}, {full_year(short['year'])}"
    return text


def _without_pandoc_citation(spans: tuple[Span, ...]) -> tuple[tuple[Span, ...], bool]:
    """The spans without a Pandoc citation closing an entry's first line, and whether one did:
    after a marked title alone (bold, italic or quoted), a citation shows, as a link to the
    paper would, that the title names a paper."""
    first_line = next((at for at, span in enumerate(spans) if "\n" in span.text), len(spans) - 1)
    at, found = next(((at, found) for at, span in enumerate(spans[: first_line + 1]) if span.style == "text"
                      and (found := _PANDOC_CITATION.search(span.text))), (0, None))
    if found is None:  # the citation closes the entry's first line, or there is none
        return spans, False
    before = spans[:at] + (Span("text", spans[at].text[: found.start()]),)
    marked = [part for part in before if part.style != "image" and part.text.strip(" \t*_-–—:.,")]
    quoted = len(marked) == 1 and re.fullmatch(r"\s*[\"“].{8,}[\"”][.,]?\s*", marked[0].text)
    if len(marked) != 1 or not (marked[0].style in ("strong", "em") or quoted):
        return spans, False  # a sentence citing a paper (`as shown in [@key]`) names none
    return before, True  # the lines under it are its note: they give the paper no field


def _bold_label(spans: tuple[Span, ...]) -> str:
    """The label of an entry opening with bold that ends in a colon (`**Instructor:** …`), or ""."""
    first = next((span for span in spans if span.text.strip()), None)
    if first is not None and first.style == "strong" and first.text.strip().endswith((":", "：")):
        return first.text.strip().rstrip(":：")
    return ""


_TALK_TAG = re.compile(r"\b(?:talks?|keynotes?|tutorials?|slides)\b", re.IGNORECASE)
# A title naming a list of papers: `JMLR Paper List`, `ACL, EMNLP, COLING, SemEval Paper List`
_LIST_OF_PAPERS = re.compile(r"\b(?:papers?|reading)\s+lists?$", re.IGNORECASE)


def _names_non_paper(text: str) -> bool:
    return bool(_NOT_PAPERS.search(text) or _NOT_PAPER_WORKS.search(text))


def _refuse_named_non_paper(text: str, links: list[Span], reference: Reference, bold_label: str,
                            columns: tuple[str, ...] = ()) -> None:
    """`Code: [Title](url)`, `**Talk:** …`: an entry its own lead-in names something else; and
    `**Title** — [blog](url) | Author`: one whose only links name something else, or go to posts,
    talks or code (`**Title** by Name. https://name.github.io/post/…`)."""
    lead_in = _LEAD_IN.match(text)
    if lead_in and len(lead_in["label"].split()) <= 4 and _names_non_paper(lead_in["label"]):
        raise NotAPaper(f"'{lead_in['label']}:' names no paper")
    # `Supermasks: https://arxiv.org/pdf/2006.14769.pdf`: an address under a label; no title to read
    label = _BARE_URL.sub("", reference.title).strip(" :-–—,.")
    if label != reference.title.strip(" :-–—,.") and len(label.split()) <= 3:
        raise NotAPaper("an address under a label, no title")
    # `Materials: [paper](url), [video](url)` under a talk: one word labelling the links after it
    if lead_in and reference.title.strip() == lead_in["label"].strip() and len(reference.title.split()) == 1:
        raise NotAPaper(f"'{lead_in['label']}:' labels the links after it; no title")
    strong = {"arXiv id", "DOI", "link to the paper"} & set(reference.evidence)
    if _FORMAT_CUE.search(text) and not strong:
        raise NotAPaper("shows the format a reference is written in, a template")
    # `**Instructor:** Prof. …, **Lectures:** …`: a labelled line of prose, whatever it links
    if bold_label and not {"arXiv id", "DOI"} & strong:
        raise NotAPaper(f"'{bold_label}:' labels a line of prose, not a paper")
    labels = [span.text.strip("[]() ") for span in links if span.url and span.url != reference.title_url]
    # `Title · NeurIPS 2019 · [Code]` is a paper by its venue; `Title · Off the Convex Path 2018 ·
    # [Blog]` is the blog post its one link names, unless its venue is a publication's
    own_kind = all(_NOT_PAPERS.search(label) for label in labels) and not looks_like_venue(reference.venue)
    if labels and not strong and (not reference.venue or own_kind) and all(
            len(label.split()) <= 2 and _names_non_paper(label) for label in labels):
        raise NotAPaper(f"links only to its {', '.join(labels)}, not to a paper")
    # `[Title blog by Full Name on the paper](github.io)`: the link's own words call it a blog
    if _BLOG_IN_TITLE.search(reference.title) and not {"arXiv id", "DOI"} & set(reference.evidence) \
            and not looks_like_venue(reference.venue):
        raise NotAPaper(f"'{reference.title}' names a blog, not a paper")
    if not {"arXiv id", "DOI"} & strong and _LIST_OF_PAPERS.search(reference.title):
        raise NotAPaper(f"'{reference.title}' names a list of papers, not a paper")  # `[JMLR Paper List](…)`
    hosts = [other_host(link.url) for link in reference.links]
    if not strong and not columns and not reference.title_url and not reference.venue and hosts and all(hosts):
        raise NotAPaper(f"{hosts[0]} link, not a paper")
    # `Names (2019), ["Statistical Rethinking 2019" Lecture 6 (DAGs)](https://youtu.be/…)`: a title that
    # names a lecture or a talk, linked to its video and nothing else, is that recording
    if not strong and reference.title_url and hosts and all(host == "talk or video" for host in hosts) \
            and _names_non_paper(reference.title):
        raise NotAPaper(f"'{reference.title}' is a recording, linked to its video")


def _refuse_described_non_paper(text: str, reference: Reference, section: tuple[str, ...],
                                published: bool = False) -> None:
    """An entry with no arXiv id, DOI or paper link whose text outside its links says what else
    it is (_DESCRIPTOR…); `[[code]](url)` is a link, not a descriptor. `published`: a venue and
    year go with it, so a kind named inside its title (`… compact neural video delivery …`, in a
    row whose columns give ICCV and 2021) is a word of the title."""
    described = [found["kind"] for found in _DESCRIPTOR.finditer(text)]
    # `(blog post, 2019)`: a kind in parentheses, before a comma
    described += [found["kind"].split(",")[0] for found in _PARENTHESIZED.finditer(text)]
    if closing := _CLOSING_KIND.search(reference.title):
        described.append(closing["kind"])
    for kind in described:
        if len(kind.split()) <= 4 and _names_non_paper(kind):
            raise NotAPaper(f"'{kind}' names no paper")
    person = person_names(reference.title)  # `[Sanjeev Arora](homepage) - Princeton University`
    dated = reference.stated_year or first_year(reference.venue) or (section and first_year(section[-1]))
    if person and len(person[0]) == 1 and not person[1] and not dated and not _TITLE_RUN.get():
        raise NotAPaper(f"'{reference.title}' names a person, with no year")
    kind = _KIND_IN_TITLE.search(reference.title)
    if kind and not (published and kind.start() > 0):
        raise NotAPaper(f"'{reference.title}' names a {kind[0].lower()}, not a paper")
    if _DATED_TO_THE_DAY.search(text):
        raise NotAPaper("dated to the day, as a post is, not a paper")
    if _HOST_VENUE.match(re.sub(r"\s*(?:19|20)\d\d\s*", "", reference.venue)):
        raise NotAPaper(f"'{reference.venue}' hosts code or videos, it is no venue")


def _kind_after_title(text: str, title: str) -> str:
    """`“Title.” Video lecture, Simons Institute.`, `**Title.** Slides (@misc), 2022.`, `“Title.”
    GitHub repository.`: the words right after the title, when they say what else it is."""
    at = text.find(title)
    after = text[at + len(title):] if at >= 0 else ""
    words = re.split(r"[.,;(]", after.strip(" \"”'*_.,"), maxsplit=1)[0].strip()
    if words and len(words.split()) <= 3 and (_names_non_paper(words) or _HOST_VENUE.match(words.split()[0])):
        return words
    return ""


def _refuse_non_paper(reference: Reference, section: tuple[str, ...], columns: tuple[str, ...]) -> None:
    links = reference.links
    if section and _CHANGE_HEADING.match(section[-1]):
        raise NotAPaper(f"a change under '{section[-1]}': it names a paper of the list, it lists none")
    if is_template(reference.title, [link.url for link in links]):
        raise NotAPaper(f"template: '{reference.title}' is a placeholder, not a paper")
    linked = any(is_paper_link(link) and "://" in link.url for link in links)  # not a local slides PDF
    if any(link.url.startswith("#") for link in links) and not (reference.arxiv_id or reference.doi
                                                                 or linked):
        raise NotAPaper("table-of-contents entry: links to a part of the list")
    evidence = reference.evidence + list(columns)
    strong = {"arXiv id", "DOI", "link to the paper"} & set(evidence)
    host = other_host(reference.title_url) if reference.title_url else ""
    # a paper titled by its code link names its venue; slides name the event they were shown at
    if host and not strong and (not reference.venue or host == "slides"):
        raise NotAPaper(f"{host} link, not a paper")
    # `[**WSDM'15 Talk**] [Title](….pdf)`: a short tag naming the entry a talk outweighs a link to a file
    talk_tag = len(reference.venue.split()) <= 4 and _TALK_TAG.search(reference.venue)
    if (not strong or talk_tag and not {"arXiv id", "DOI"} & strong) \
            and (_NOT_PAPERS.search(reference.venue) or _COURSE_CODE.match(reference.venue)):
        raise NotAPaper(f"'{reference.venue}' names no paper's venue")
    kind_first = re.match(r"^\W*(?P<word>\w+)\W*[:\]]", reference.title)  # `Slides: …`, `Tutorial] …`
    if kind_first and _NOT_PAPERS.match(kind_first["word"]):
        raise NotAPaper(f"'{reference.title}' is not a paper")
    # under `### Blogs:` a Distill article, linked alone, is read as one of the blogs
    heading = section[-1] if section else ""
    distill = (_BLOG_IN_TITLE.search(heading) or _POSTS.search(heading)) \
        and all("distill.pub/" in link.url for link in links)
    if (not strong or distill) and (_NOT_PAPERS.search(heading) or _POSTS.search(heading)) \
            and not _PAPER_KINDS.search(heading):
        raise NotAPaper(f"under '{section[-1]}', with no link to a paper")
    if not set(evidence) - {"year"} and not _DETECTED.get():
        raise NotAPaper("no link to a paper, arXiv id, venue or authors")
    # `Surname, Given. Causality. Publisher, 2009.`: a one-word title is one when its citation names
    # who wrote it, where and when
    if not strong and len(reference.title.split()) < 2 and not _fully_cited(reference):
        raise NotAPaper("a word, not a title")


def _fully_cited(reference: Reference) -> bool:
    """Whether an entry names who wrote it, where and when: a citation, whatever its words say."""
    return bool(reference.authors and reference.venue and reference.stated_year)


def _section_year(section: tuple[str, ...]) -> int | None:
    """The year a section heading gives its papers (`#### 2019`, `## ICML 2019`); none when the
    heading dates a reading, not the papers (`## 2018 Fall`, `### Week 3 (March 2021)`)."""
    if not section or _READING_DATE.search(section[-1]):
        return None
    return first_year(section[-1])


def _claims(reference: Reference, section: tuple[str, ...]) -> dict:
    heading_year = _section_year(section)
    if not reference.venue and section and looks_like_venue(section[-1]) and first_year(section[-1]):
        # under `## NIPS'19`, `## ICML 2019`, `### Papers at ICML 2018` (the venue the heading names)
        reference = replace(reference, venue=_SECTION_LEAD.sub("", section[-1]))
    venue_year = first_year(reference.venue) if reference.venue else None
    return {
        "kind": "paper",
        "title": reference.title,
        "authors": reference.authors,
        "authors_truncated": reference.authors_truncated,
        "venue": reference.venue,
        "stated_year": reference.stated_year,
        "year": publication_year(venue_year, reference.stated_year, heading_year),
        "links": reference.links,
        "arxiv_id": reference.arxiv_id,
        "doi": reference.doi,
    }


def _children(index: int, items: list[ListItem]) -> list[int]:
    """The items nested in items[index]: they follow it, deeper, until one is not."""
    children = []
    for following in range(index + 1, len(items)):
        other = items[following]
        if other.block != "item" or other.depth <= items[index].depth:
            break
        if other.parent == index:
            children.append(following)
    return children


def _child_label_links(index: int, items: list[ListItem], spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """`* Title` over `  - By Names` and `  - [[ArXiv]](https://arxiv.org/abs/…)` (or `- arXiv: [id](…)`):
    the links of a nested item that holds only labelled links, for an item that links nothing itself:
    its title's links, as the links under a heading are the heading's."""
    if items[index].block != "item" or any(span.style == "link" for span in spans):
        return ()
    found: list[Span] = []
    for child in _children(index, items):
        links = items[child].links
        rest = "".join(span.text for span in items[child].spans if span.style not in ("link", "image"))
        rest = _LINK_FIELD.sub("", rest.strip(" *_"), count=1)  # `- arXiv: [2602.05770](…)`
        if links and not rest.strip(" *_,;|·•-–—") and all(is_label_text(span.text) for span in links):
            found += [span for span in links if "://" in span.url]
        elif not links and (bare := _BARE_LINK_FIELD.fullmatch(items[child].text.strip())):
            found.append(Span("link", bare["label"], bare["url"]))  # `- paper : https://arxiv.org/abs/…`
    return tuple(found)


def _is_label(index: int, items: list[ListItem]) -> bool:
    """`- SGD prefers flat minima:` over nested papers: a label grouping them."""
    text = items[index].text
    return text.endswith((":", "：")) and bool(_children(index, items)) and not _FIELD.match(text)


def _labels_a_citation(index: int, items: list[ListItem]) -> bool:
    """`* LSTM [[Paper](url)]` over `  * Names, *Long Short-Term Memory*, Venue 1997` (a model's or
    a lab's name, and a link labelled by a word, over one sub-bullet citing a paper by its own
    italic title): the bullet labels the citation under it, which is the paper."""
    item = items[index]
    links = [span for span in item.spans if span.style == "link"]
    words = "".join(span.text for span in item.spans if span.style != "link").strip(" []()")
    kids = _children(index, items)
    if item.block != "item" or not links or not all(is_label_text(span.text) for span in links) \
            or len(words.split()) > 12 or len(kids) != 1:
        return False
    child = items[kids[0]]
    titled = [span.text for span in child.spans if span.style == "em" and len(span.text.split()) >= 2]
    titled += re.findall(r"[\"“]([^\"“”]{8,})[\"”]", child.text)
    if not titled or _children(kids[0], items) or looks_like_venue(titled[0]):
        return False
    try:
        read = _paper(child.spans, child.section)
    except NotAPaper:
        return False
    return bool(read["authors"]) and read["title"] == clean_title(titled[0]).strip(" ,.")


def _owner(index: int, items: list[ListItem]) -> int | None:
    """The paper an item is a detail or a note of: the paper item it is nested in, or the paper
    heading it follows directly."""
    item = items[index]
    if item.parent is not None:
        return item.parent if _reads_as_paper(item.parent, items) else None
    for before in range(index - 1, -1, -1):
        other = items[before]
        if other.block == "heading":
            under = other.section + (other.text,) == item.section
            return before if under and _reads_as_paper(before, items) else None
        if other.block == "row":
            return None
    return None


def _reads_as_paper(index: int, items: list[ListItem]) -> bool:
    token = _DETECTED.set(False)  # whether the item above is a paper is the rules' answer
    try:
        return _reads_as_paper_by_rules(index, items)
    finally:
        _DETECTED.reset(token)


def _reads_as_paper_by_rules(index: int, items: list[ListItem]) -> bool:
    try:
        if items[index].block == "heading":
            return bool(_heading_reference(items[index], _heading_links(index, items),
                                           _opens_with_links(index, items)))
        return read_item(index, items)["kind"] == "paper"
    except NotAPaper:
        return False


def _detail(index: int, items: list[ListItem], owner: int) -> dict:
    """An item under a paper is a detail or a note of it, even one naming another paper
    (`- Related: [Title](arxiv)`): the list files that paper elsewhere, if at all."""
    return {"kind": "note", "parent_line": items[owner].line, "parent_item": items[owner].item}


def _names_part(spans: tuple[Span, ...]) -> str:
    """`Authors. *Venue*`: the text before the italic venue."""
    return "".join(span.text for span in spans if span.style not in ("em", "link", "code"))


def _details(children: list[ListItem]) -> dict:
    """Authors, venue, key words and digest from the detail lines under a paper (list 002); a
    field's value runs on over the lines after it until another field opens."""
    found: dict = {"authors": (), "truncated": False, "venue": "", "keywords": [], "digest": []}
    for child in children:
        current = ""
        for line in "".join(span.text for span in child.spans).split("\n"):
            current = _detail_line(line, child, found, current)
    return found


def _detail_line(line: str, child: ListItem, found: dict, current: str) -> str:
    """Read one line into `found`; the field it belongs to, for the next line."""
    line = re.sub(r"<[^>]*>", " ", line).strip()
    if year := _YEAR_FIELD.match(line):
        found["year"] = found.get("year") or int(year["year"])
        return ""
    if field := _FIELD.match(line):
        name, line = field["field"].lower(), line[field.end():]
        current = "keywords" if name.startswith(("key", "tag")) else (
            "digest" if name.startswith(("digest", "abstract", "summary", "tl")) else "other")
    if current == "keywords":
        for keyword in (collapse_spaces(part).rstrip(".") for part in re.split(r"[;,]", line)):
            if keyword and keyword not in found["keywords"]:
                found["keywords"].append(keyword)
    elif current == "digest":
        found["digest"].append(line)
    elif not current and not found["authors"]:
        italics = "".join(span.text for span in child.spans if span.style == "em").strip()
        names = lenient_names(_AUTHORS_FIELD.sub("", _names_part(child.spans)))
        if names:
            found["authors"], found["truncated"] = tuple(names[0]), names[1]
            found["venue"] = italics
        elif italics and not _names_part(child.spans).strip(" .,") and (names := names_in(italics)):
            found["authors"], found["truncated"] = tuple(names[0]), names[1]  # `  - *Full Name, Full Name*`
    return current


def _with_details(claims: dict, details: dict, section: tuple[str, ...]) -> dict:
    if not claims.get("authors") and details["authors"]:
        claims["authors"], claims["authors_truncated"] = details["authors"], details["truncated"]
    if not claims.get("venue") and details["venue"]:
        claims["venue"] = details["venue"]
        heading_year = _section_year(section)
        claims["year"] = publication_year(first_year(details["venue"]), claims["stated_year"], heading_year)
    claims = _with_year_detail(claims, details)
    claims["keywords"] = tuple(details["keywords"])
    claims["digest"] = collapse_spaces(" ".join(details["digest"]))
    return claims


def _with_year_detail(claims: dict, details: dict) -> dict:
    """A `Year: 2025` detail line gives the year an entry does not state itself."""
    if details.get("year") and not claims.get("stated_year"):
        claims["stated_year"] = details["year"]
        claims["year"] = claims.get("year") or details["year"]
    return claims


def _heading(index: int, items: list[ListItem]) -> dict:
    """`#### 3. [Title](url)`: a paper when it links one, its paragraphs and the list right
    under it its notes; any other heading names a section."""
    if index in _title_headings(items):
        claims = _title_heading(index, items)
    else:
        links, links_first = _heading_links(index, items), _opens_with_links(index, items)
        claims = _heading_reference(items[index], links, links_first)
    children = []
    for following in range(index + 1, len(items)):
        if items[following].block != "item":
            break
        if _owner(following, items) == index:
            children.append(items[following])
    return _with_details(claims, _details(children), items[index].section)


_last_title_headings: tuple[list[ListItem], frozenset[int]] = ([], frozenset())


_CLOSING_VENUE_TAG = re.compile(r"\((?:NeurIPS|NIPS|ICML|ICLR|ACL|EMNLP|NAACL|COLING|AAAI|IJCAI|CVPR|ICCV|"
                                r"ECCV|KDD|SIGIR|WWW|JMLR|TPAMI)\b[^()]*\)\s*$")


def _title_headings(items: list[ListItem]) -> frozenset[int]:
    """A file of notes a paper a heading (`### 1. Collaborative Filtering for Implicit Feedback Datasets`
    over numbered notes, `### 2. Title`, …), no link to any paper in it: the headings of one level, six
    at least, four in five of them numbered, of four words on average, and the line detector taking a
    fifth of them for papers' lines (a course's numbered topics, `### 1. Linear regression`, it takes not)
    or a third of them closing on a venue's name (`## 4. Title(EMNLP)`).
    Each heading then names the paper its notes are on. Once per document."""
    global _last_title_headings
    if _last_title_headings[0] is items:
        return _last_title_headings[1]
    found: frozenset[int] = frozenset()
    levels = Counter(item.level for item in items if item.block == "heading" and _NUMBERING.match(item.text))
    if levels and not any(is_paper_link(Link(span.url, link_kind(span.text, span.url)))
                          for item in items for span in item.links if span.url):
        level = levels.most_common(1)[0][0]
        headings = [at for at, item in enumerate(items) if item.block == "heading" and item.level == level]
        numbered = [at for at in headings if _NUMBERING.match(items[at].text)]
        words = sum(len(_unnumbered_text(items[at]).split()) for at in headings)
        # `## 4. Title(EMNLP)`: a venue closing a third of them is the sign the detector would be
        venued = sum(bool(_CLOSING_VENUE_TAG.search(items[at].text)) for at in headings)
        if len(numbered) >= 6 and 5 * len(numbered) >= 4 * len(headings) and words >= 4 * len(headings) \
                and (3 * venued >= len(headings) or _detector_takes_a_fifth(items, headings)):
            found = frozenset(headings)
    _last_title_headings = (items, found)
    return found


def _title_heading(index: int, items: list[ListItem]) -> dict:
    """A heading of a notes file (_title_headings): the paper it names, with the fields its notes give
    a line each and the arXiv id of a `- **arXiv:** https://arxiv.org/abs/…` bullet under it."""
    heading = items[index]
    token = _TITLE_RUN.set(True)
    try:
        with detected():  # the file's shape stands for the evidence its headings do not give
            claims = _with_noted_fields(_paper(_unnumbered(heading.spans), heading.section), heading.notes)
    finally:
        _TITLE_RUN.reset(token)
    if not claims["arxiv_id"]:
        under = itertools.takewhile(lambda item: item.block != "heading", items[index + 1:])
        fields = (item.text for item in under if item.block == "item" and _LINK_FIELD.match(item.text))
        claims["arxiv_id"] = next(filter(None, map(arxiv_id_in, fields)), "")
    return claims


def _with_noted_fields(claims: dict, notes: str) -> dict:
    """A title heading's claims with the fields its notes give a line each (`**Authors:** Names`,
    `**Year:** 2020`, `**Conference:** NeurIPS 2020`); other lines of the notes are no field."""
    for line in notes.splitlines():
        labelled = _LABELLED.match(re.sub(r"[*_]{2}", "", line).strip())
        label, value = (_field_label(labelled.group(0)), labelled["value"].strip()) if labelled else ("", "")
        if label == "authors" and not claims["authors"] and (names := names_in(value)):
            claims["authors"], claims["authors_truncated"] = tuple(names[0]), names[1]
        elif label == "venue" and not claims["venue"] and value:
            claims["venue"] = re.split(r"\s*[（(]", value)[0].strip()  # `CVPR 2022 (Oral)`
        elif labelled and labelled["label"].strip().lower() == "year" and (year := first_year(value)):
            claims["stated_year"] = claims["stated_year"] or year
    return _with_glued_venue(claims)


def _with_glued_venue(claims: dict) -> dict:
    """A heading's claims with a venue glued to its title (`Title(EMNLP)`) as its venue, and the year
    its venue and its stated year give."""
    if tag := _CLOSING_VENUE_TAG.search(claims["title"]):
        claims["title"] = claims["title"][: tag.start()].rstrip()
        claims["venue"] = claims["venue"] or tag[0].strip("() ")
    venue_year = first_year(claims["venue"]) if claims["venue"] else None
    claims["year"] = publication_year(venue_year, claims["stated_year"], None)
    return claims


def _unnumbered_text(item: ListItem) -> str:
    return "".join(span.text for span in _unnumbered(item.spans))


def _field_links(index: int, items: list[ListItem]) -> tuple[Span, ...]:
    """The links of the field list right under a heading (`- Link: https://arxiv.org/abs/…`,
    `- Paper: [arXiv](…)`), as label links the heading's title can rest on; bare addresses too."""
    heading, found = items[index], []
    under = heading.section + (heading.text,)
    for following in items[index + 1:]:
        if following.block != "item" or following.section != under:
            break
        if following.parent is None and _LINK_FIELD.match(following.text):
            found += [Span("link", "[link]", span.url) for span in following.links if span.url]
            found += [Span("link", "[link]", url.rstrip(".,)")) for url in _BARE_URL.findall(following.text)]
    return tuple(found)


def _heading_links(index: int, items: list[ListItem]) -> tuple[Span, ...]:
    """The links right under a heading its title can rest on."""
    return (_field_links(index, items) + _address_paragraph(items[index])
            + _paper_link_paragraphs(index, items))


def _link_paragraphs(index: int, items: list[ListItem]) -> list[ListItem]:
    """The paragraphs under a heading, up to the next heading or list, that hold only links
    (`[Blog](…)`, `[Paper](https://arxiv.org/abs/…)`, each a paragraph of its own)."""
    heading, found = items[index], []
    under = heading.section + (heading.text,)
    for following in items[index + 1:]:
        if following.block not in ("paragraph", "block") or following.section != under:
            break
        texts = [span.text for span in following.spans if span.style not in ("link", "image")]
        # `Links: [paper on arxiv](…), [lecture on YouTube](…)`: a label before them is no text
        unlabelled = "".join(texts)
        if len(following.spans) > 1:
            unlabelled = re.sub(r"^\s*\w+(?:\s\w+)?\s*[:：]", "", unlabelled)
        if following.spans and not unlabelled.strip(" ,;|·•-–—"):
            found.append(following)
    return found


def _paper_link_paragraphs(index: int, items: list[ListItem]) -> tuple[Span, ...]:
    """`### Title` over a paragraph `[Paper](https://arxiv.org/abs/…)`: the paper's address (a
    local file, a blog or a video is none). A link titled by its own words (`###### topic` over
    `[A Title of Its Own](arxiv)`) is a paper of its own under a section heading, not the heading's."""
    return tuple(Span("link", "[link]", span.url) for paragraph in _link_paragraphs(index, items)
                 for span in paragraph.spans if span.style == "link" and "://" in span.url
                 and is_label_text(span.text)
                 and is_paper_link(Link(span.url, link_kind(span.text, span.url))))


def _opens_with_links(index: int, items: list[ListItem]) -> bool:
    """Whether the first paragraph under a heading is links only: its labels are no byline; or
    opens with a linked title of its own (`[Title](url), Liu et al., (Jul 22 2020)` under
    `#### Topic:`): an entry, no byline either."""
    following = items[index + 1] if index + 1 < len(items) else None
    if following is not None and following.block == "paragraph" and following.spans \
            and following.spans[0].style == "link" and len(following.spans[0].text.split()) >= 2 \
            and not is_label_text(following.spans[0].text):
        return True
    return following is not None and following in _link_paragraphs(index, items)[:1]


def _address_paragraph(heading: ListItem) -> tuple[Span, ...]:
    """`### Title` with a first paragraph that is only the paper's address
    (`<https://arxiv.org/abs/1806.05394>`): that link is the heading's."""
    first = heading.notes.split("\n")[0].strip() if heading.notes else ""
    url = first.strip("<>").rstrip(".,")
    if _BARE_URL.fullmatch(url) and is_paper_link(Link(url, link_kind(url, url))):
        return (Span("link", "[link]", url),)
    return ()


def _heading_reference(item: ListItem, field_links: tuple[Span, ...] = (), links_first: bool = False) -> dict:
    """A heading's own claims, with the authors, venue and year of its first paragraph
    (`*Ziwei Ji, Matus Telgarsky* · ICLR 2019`). A heading with no link is a paper only when
    that paragraph opens with its authors, or a field list under it links the paper."""
    spans = _unnumbered(item.spans) + field_links
    first_note = item.notes.split("\n")[0] if item.notes and not links_first else ""
    byline = rest_fields([Span("text", _AUTHORS_FIELD.sub("", first_note))]) if first_note else {}
    has_link = any(span.style == "link" and not span.url.startswith("#") for span in spans)
    opens_with_names = bool(names_in(re.split(r"[.;·•|]", first_note)[0].strip(" *_"))) \
        and not _cites_its_own_title(first_note)
    text = "".join(span.text for span in _unnumbered(item.spans) if span.style != "image")
    if not has_link and (cited := _CLOSING_CITATION.search(text.rstrip())):
        spans, byline, opens_with_names = (Span("text", text[: cited.start()]),), _cited_byline(cited), True
    elif not has_link and (closing := _closing_author_list(text)) is not None:
        spans, byline, opens_with_names = (Span("text", closing[0]),), closing[1], True
    if not has_link and not re.search(r"arxiv|doi", item.text, re.IGNORECASE) and not (
            byline.get("authors") and opens_with_names):
        raise NotAPaper("section heading")
    try:
        claims = _paper(spans, item.section, ("authors",) if byline.get("authors") else ())
    except NotAPaper as reason:
        raise NotAPaper(f"section heading ({reason})") from None
    if byline.get("authors") and not claims["authors"]:
        claims["authors"], claims["authors_truncated"] = byline["authors"], byline["authors_truncated"]
    if byline.get("venue") and not claims["venue"]:
        claims["venue"] = byline["venue"]
    claims["stated_year"] = claims["stated_year"] or byline.get("stated_year")
    return _with_glued_venue(claims)


# `## Title (Jacot et al., NIPS'18)`, `(Rahimi & Recht, NIPS'07)`, `(Greg Yang, arXiv'20)`: a heading
# closing in who wrote it and where and when it appeared names that paper, link or none.
_CITED_NAME = r"[A-ZÀ-Þ][\w'’-]+(?: [A-ZÀ-Þ][\w'’-]+){0,2}"
_CLOSING_CITATION = re.compile(
    rf"\s\((?P<names>{_CITED_NAME}(?:\s*(?:&|and|,)\s*{_CITED_NAME})*)(?P<et_al> et al\.?)?,\s*"
    r"(?P<venue>[A-Z][A-Za-z]*[A-Z][A-Za-z]*|arXiv|arxiv)\s*(?:'(?P<yy>\d\d)|(?P<year>(?:19|20)\d\d))\)$")


def _closing_author_list(text: str) -> tuple[str, dict] | None:
    """`### Title. Ada Lovelace, Alan Turing, Grace Hopper.`: a heading whose last sentence is a
    list of two people or more (full names, none a title's word) closes in its byline; the title
    and the byline, or None."""
    text = text.strip().rstrip(".")
    for stop in re.finditer(r"(?<=[^\W\d_]{2})\.\s+", text):  # not an initial's period (`Simon S. Du`)
        title, found = text[: stop.start()], person_names(text[stop.end():])
        if found and len(found[0]) >= 2 and all(" " in name for name in found[0]) and len(title.split()) >= 3:
            return title, {"authors": tuple(found[0]), "authors_truncated": found[1]}
    return None


def _cited_byline(cited: re.Match) -> dict:
    """The authors, venue and year of a closing `(Lee & Bahri et al., ICLR'18)`."""
    names = re.split(r"\s*(?:&|\band\b|,)\s*", cited["names"])
    authors = tuple(name.strip() for name in names if name.strip())
    two_digits = int(cited["yy"] or 0)
    year = int(cited["year"]) if cited["year"] else (2000 if two_digits < 50 else 1900) + two_digits
    return {"authors": authors, "authors_truncated": bool(cited["et_al"]), "venue": cited["venue"],
            "stated_year": year}


def _cites_its_own_title(note: str) -> bool:
    """`Olsson et al. In-context Learning and Induction Heads. Transformer Circuits Thread 2022`
    under a slide's heading: past its names, a sentence no venue, year or name list is, so the
    paragraph is a reference of its own, not the heading's byline."""
    parts = re.split(r"(?<=[.?!])\s+|\s*[;·•|]\s*", note)[1:]
    return any(len(part.split()) >= 4 and not first_year(part) and not looks_like_venue(part)
               and not person_names(part) and not re.search(r"arxiv|doi|https?:", part, re.IGNORECASE)
               for part in parts)


def _unnumbered(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """A heading's spans without its numbering (`3.`, `A.1`, `[12]`)."""
    if spans and spans[0].style == "text" and (number := _NUMBERING.match(spans[0].text)):
        rest = spans[0].text[number.end():]
        return ((Span("text", rest),) if rest.strip() else ()) + spans[1:]
    return spans


def _row(item: ListItem) -> dict:
    """A table row: a paper when its table has a title column and the row fills it."""
    columns = _column_names(item)
    title_at = _title_column(item)
    if title_at is None or title_at >= len(item.cells):
        raise NotAPaper("row of a table with no title column")
    cell = {name: _cell(item, next((at for at, c in enumerate(columns) if pattern.match(c)), None))
            for name, pattern in _COLUMNS.items()}
    others = [span for at, cell_spans in enumerate(item.cells) if at != title_at for span in cell_spans]
    filled = tuple(name for name, text in cell.items() if text)
    # a header naming who wrote, where or when beside the title says its rows are papers, also
    # where a row leaves those cells empty
    # (a `Date` is a schedule's as often: when the paper was read)
    # …or names the title column for papers, unless the cell tells what the readers did (`We decided …`)
    paper_table = any(_OWN_COLUMNS.match(column) for column in columns) or bool(
        _PAPER_COLUMN.match(columns[title_at]) and not _FIRST_PERSON.match(_cell(item, title_at)))
    if paper_table:
        filled += ("a column of a paper's own",)
    # `| [Toy Models of Superposition](https://transformer-circuits.pub/…) |` in a Paper column:
    # the column says its link is the paper's, wherever it is published (not code, a video, a post)
    linked = [span.url for span in item.cells[title_at] if span.style == "link" and "://" in span.url]
    if linked and not other_host(linked[0]) and len(clean_title(item.cells[title_at][0].text).split()) >= 3 \
            and item.cells[title_at][0].style == "link":
        filled += ("link to the paper",)
    # `| [[pdf(https://…) |`: an address a broken link leaves as text in a cell is still the row's link
    addresses = tuple(Span("link", "[link]", found[0].rstrip(".,;")) for span in others
                      if span.style == "text" for found in _BARE_URL.finditer(span.text))
    titled, dated = (_dated_title_cell(item.cells[title_at]) if cell["authors"]
                     else (item.cells[title_at], None))
    spans = titled + _other_cells_links(item.cells[title_at], others) + addresses
    token = _TITLE_RUN.set(paper_table)  # its title cell is a title, `Mask R-CNN` reading as a name too
    try:
        claims = _paper(spans, item.section, filled)
    finally:
        _TITLE_RUN.reset(token)
    claims["stated_year"] = claims["stated_year"] or dated
    if not (claims["arxiv_id"] or claims["doi"]) and (kind := _row_kind(item, title_at)):
        raise NotAPaper(f"'({kind})' in its row names no paper")
    if cell["venue"] and _NOT_PAPERS.fullmatch(cell["venue"].strip(" .")) and not claims["arxiv_id"]:
        raise NotAPaper(f"its venue column says '{cell['venue'].strip()}', no paper")  # `| Title | blog |`
    if cell["authors"]:
        # as written when they read as no names; `et al.` still truncates them (`d'Ascoli et al.`)
        written = re.sub(r",?\s+et\s+al\b\.?", "", cell["authors"])
        names = names_in(cell["authors"]) or (
            [collapse_spaces(n) for n in re.split(r",|\band\b|&", written) if n.strip(" .")],
            written != cell["authors"])
        claims["authors"], claims["authors_truncated"] = tuple(names[0]), names[1]
    if cell["venue"]:
        claims["venue"] = re.sub(r"\s*'\s*(?=(?:19|20)\d\d\b)", " ", cell["venue"])  # `NIPS '2019`
    year = first_year(cell["year"]) if cell["year"] else None
    claims["stated_year"] = year or claims["stated_year"]
    venue_year = first_year(claims["venue"]) if claims["venue"] else None
    claims["year"] = publication_year(venue_year, claims["stated_year"], None)
    if title_at < len(item.cell_lines):  # an HTML row written a cell a line: the title's line
        claims["line"] = item.cell_lines[title_at]
    return claims


# `Title (2016), Sections 6.1 - 6.3` in the title cell of a row whose Authors column names who
# wrote it: the year in parentheses closes the title, no name list before it, and what follows is
# the part read
_DATED_TITLE_CELL = re.compile(
    r"^(?P<title>[^()]{4,}?)\s*\((?P<year>(?:19|20)\d\d)\)(?:\s*[,.:;]\s*(?P<part>.*))?$")


# A link text that is a file's name (`week2.pdf`): it says what the link is, as a label does
_FILE_NAME = re.compile(r"[\w.-]+\.[A-Za-z0-9]{2,4}")


def _other_cells_links(title_cell: tuple[Span, ...], others: list[Span]) -> tuple[Span, ...]:
    """The links of a row's other cells. Where the title cell writes the title in words of its
    own (`| [R-FCN++](pdf) | [AAAI2018] R-FCN++: Towards … |`, `| Title [[pdf]](…) | [Dermofit](…) |`),
    another cell's link text is a model's or a data set's name, never the title: the row keeps its
    address. Labels and file names keep their text, which says what the link is (`[week2.pdf](drive)`)."""
    links = tuple(span for span in others if span.style == "link")
    words = "".join(span.text for span in title_cell if span.style not in ("image", "link")).split()
    if len(words) < 2:
        return links
    return tuple(span if is_label_text(span.text) or _FILE_NAME.fullmatch(span.text.strip())
                 else Span("link", "[link]", span.url) for span in links)


def _dated_title_cell(spans: tuple[Span, ...]) -> tuple[tuple[Span, ...], int | None]:
    """A title cell of plain text `Title (2016)[, part]`: the title alone and its year; else as it is."""
    plain = len(spans) == 1 and spans[0].style == "text"
    found = _DATED_TITLE_CELL.match(spans[0].text.strip()) if plain else None
    if found is None:
        return spans, None
    return (Span("text", found["title"]),), int(found["year"])


def _column_names(item: ListItem) -> list[str]:
    """A table's column names as its header row writes them, less a plural's `(s)` (`Paper(s)`)."""
    return [re.sub(r"\(s\)$", "", clean_title(column)).strip() for column in item.columns]


def _title_column(item: ListItem) -> int | None:
    """Which column of a row's table holds the titles, by its header's name; None when none does."""
    return next((at for at, column in enumerate(_column_names(item)) if _TITLE_COLUMN.match(column)), None)


def _row_kind(item: ListItem, title_at: int) -> str:
    """`| Grokking (blog) | [Title](…) |`: a short cell of the row closing with the kind of work
    the row is, when that is no paper's (a blog, a talk, code)."""
    for at in range(len(item.cells)):
        text = _cell(item, at)
        closing = _CLOSING_KIND.search(text) if at != title_at and len(text.split()) <= 5 else None
        if closing and _names_non_paper(closing["kind"]):
            return closing["kind"]
    return ""


def _cell(item: ListItem, at: int | None) -> str:
    if at is None or at >= len(item.cells):
        return ""
    return collapse_spaces("".join(span.text for span in item.cells[at])).strip(" .")


# What opens a container no rule reads, before the title on its line: `:::details Title` (Zenn,
# Docusaurus, pandoc divs), `* - Title` (a MyST list-table's first cell), `[*]` (BBCode)
_CONTAINER_OPENER = re.compile(r"^\s*(?::{3,}\s*[\w-]*\s|[*+-]\s+-\s|\[\*\])\s*")
# A translation after a title, in full-width parentheses: `Title（汎化を考え直す）`
_TRANSLATION = re.compile(r"\s*（[^（）]*[\u3040-\u30ff\u3400-\u9fff][^（）]*）\s*$")
_FIELD_LINE = re.compile(r"^\s*(?:[*+-]\s+)+")
_FENCE = re.compile(r"^\s*(?:```|~~~|:::)")
# The most lines under a taken line read as its fields; the line that opened it (`.TP`, `Poster`)
# opens the next entry when it comes again
_MOST_FIELD_LINES = 12


def read_detected(index: int, items: list[ListItem], line: int, lines: list[str] | tuple = ()) -> dict:
    """The claims of a line the line detector takes for a paper's, inside items[index] (which no
    rule read as a paper): the item itself when the line opens it and reads so, else the line and
    the lines of the item after it, read as one entry; NotAPaper when a veto holds. `lines` are the
    document's: a line in a shape of its own (line_parts.py) is read with the lines under it
    wherever its item ends."""
    item = items[index]
    raw = item.raw.split("\n")
    before = list(lines[:line - 1])
    own = raw[line - item.line] if 0 <= line - item.line < len(raw) else ""
    if item.block == "row" and _title_column(item) is not None:  # its header says which cell is the title
        with detected():
            claims = _row(item)
        if claims.get("kind") != "paper":
            raise NotAPaper("a row of a table whose title cell names no paper")
        return claims
    # a record's fields are read by the records reader, with its vetoes (`type: talk`)
    if title_line(own, before) != own and lines and item.block != "record":
        return read_detected_text("\n".join(lines[line - 1:line + 60]), item.section, before)
    below = [text for text in raw[line - item.line + 1:] if text.strip()]
    if (line == item.line and not _CONTAINER_OPENER.match(item.raw)
            and not (below and _alone(own.strip(), item.section) != own.strip())):
        with detected():
            claims = read_item(index, items)
        if claims.get("kind") != "paper":
            raise NotAPaper("a note or label of the entry above")
        return _without_translation(claims)
    return read_detected_text("\n".join(raw[line - item.line:]), item.section, before)


def read_detected_text(text: str, section: tuple[str, ...], before: list[str] | tuple = (),
                       after: list[str] | tuple = ()) -> dict:
    """A line the detector takes, with the lines under it up to a blank line or a fence (its
    fields: names, venue, links, one a line as list-table cells or bullets are): read as one entry
    whose parts the lines are, the title's the first. A line in another shape (a chat message, an
    element's text attribute, a key and its value, a row of delimited cells) is read by its parts
    (atlas/build/parsers/line_parts.py); `before` are the lines above it, for a header, `after`
    those under the text, for rows like it."""
    lines, given = [], text.split("\n")
    if COMMENTED.match(given[0]):
        raise NotAPaper("a line commented out")
    if kind := row_kind(given[0], before):
        raise NotAPaper(f"its row says what it is: {kind}")
    if wrapped_column_line(given[0], before):
        raise NotAPaper("a line wrapped within the columns of the row above")
    if grid := grid_lines(given, before):  # a grid table's row: its lines' cells joined
        given = [grid_row(grid[0], before[:len(before) - (len(grid[0]) - grid[1])])]
    # a fixed-width table's row, with the lines wrapped within its columns (taken by the detector or not)
    elif fixed := column_row([given[0], *max(given[1:], list(after), key=len)], before):
        given = [fixed[0]]
    opener = before[-1].strip() if before and before[-1].strip() else None
    for number, line in enumerate(given):
        if not line.strip() or (number and (_FENCE.match(line) or ends_entry(given[0], line)
                                             or line.strip() == opener or number > _MOST_FIELD_LINES)):
            break
        if number:
            lines.append(_FIELD_LINE.sub("", field_line(line)))
        else:
            read = title_line(line, list(before), [*given[1:], *after])
            lines.append(_CONTAINER_OPENER.sub("", read, count=1))
    fields = joined_names([line.strip() for line in lines[1:] if line.strip()])
    joined = linked(_alone(lines[0].strip(), section) if fields else lines[0].strip())
    joined += "".join(f" — {linked(line)}" for line in fields)
    with detected():
        spans, kind = _without_opener(inline_spans(joined))
        if kind and _names_non_paper(kind):
            raise NotAPaper(f"'{kind}' names no paper")
        spans, tags = read_properties(spans)
        if named := [tag for tag in tags if _names_non_paper(tag)]:
            raise NotAPaper(f"tagged #{named[0]}, not a paper")
        claims = _paper(spans, section)
        first_line = "".join(span.text for span in spans if span.style != "image").split(" — ")[0]
        _refuse_prose(first_line, claims["title"])
        claims["title"] = title_extent(claims["title"])
        authors, more = tagged_authors(given[1:len(lines)])
        if authors:  # `%A Surname, Given`: one a line
            claims["authors"], claims["authors_truncated"] = authors, more
        claims["venue"] = tagged_venue(given[1:len(lines)]) or claims["venue"]
        return _without_translation(_without_dangling_separator(claims))


def _without_dangling_separator(claims: dict) -> dict:
    """A link's text closed on the line under it (`<a href="…"> Title⏎ </a>`) is joined to that line
    by a separator: a dash closing the title is that separator, no word of the title."""
    claims["title"] = re.sub(r"\s+[—–]$", "", claims["title"])
    return claims


def _alone(line: str, section: tuple[str, ...]) -> str:
    """A taken line over lines of its fields, when it holds nothing but a title (`Title` over `A
    Name · B Name`): the title, marked so the lines under it are read as its fields; a line
    that reads as more (names, a venue, a link) as it is."""
    if _STYLED.search(line) or line.endswith((",", ";", ":", "-", "–", " and")):
        return line
    try:
        with detected():
            claims = _paper(inline_spans(line), section)
    except NotAPaper:
        return line
    if claims["authors"] or claims["venue"] or claims["stated_year"] or claims["links"]:
        return line
    line = _LEADING_MARKS.sub("", line)  # `★ Title`: a mark before it
    if not line.startswith(claims["title"]):
        return line
    # what the title leaves is a marker or a nickname (`★`, `(Oral Paper)`); words after a period
    # inside it (`Nets v.s. their Induced Kernel`) are still the title's
    rest = line[len(claims["title"]):]
    return f"**{claims['title']}**" if _MARKERS_ONLY.match(rest) else f"**{clean_title(line)}**"


_STYLED = re.compile(r"[*_`\[<]")
_VENUE_AND_YEAR = re.compile(r"(?:[A-Z][A-Za-z&-]*[A-Z][A-Za-z&-]*|arXiv)\s*'?(?:19|20)?\d\d"
                             r"(?:\s+(?:Workshops?|Oral|Spotlight|Posters?|Conference|Track))?")
# A slot of a schedule: `Week 3`, `Week starting Jan 13`, `Lecture 2, Feb 3`, `Jan 13`, `1/14`
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_SCHEDULE_SLOT = re.compile(
    r"(?=\S)(?:(?:week|lecture|class|session|meeting|day)(?:\s+\d{1,2})?"
    r"(?:\s+(?:starting|beginning|of|on))?)?"
    rf"[\s,:-]*(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}/\d{{1,2}})?[\s:]*", re.IGNORECASE)
_LEADING_MARKS = re.compile(r"^[★☆†‡✓✔✗⭐🌟]+\s*")
_MARKERS_ONLY = re.compile(r"^[^\w(]*(?:\([^()]*\))?[^\w]*$")


# `ICLR 2023 Spotlight`: how a paper was presented there is not where it appeared
_PRESENTED_AS = re.compile(r"(?<=\d)\s+(?:oral|spotlight|posters?)(?:\s+(?:paper|presentation))?$",
                           re.IGNORECASE)


# `arXiv:1406.1078 / EMNLP 2014`, `arXiv:0810.4752v1, 2008`: an arXiv id opening the venue is the
# paper's preprint, no part of where it appeared
_OPENING_ARXIV_ID = re.compile(r"^arXiv:\s*(?P<id>\d{4}\.\d{4,5})(?:v\d+)?(?:\s*[/,;]\s*|\s+|$)",
                               re.IGNORECASE)
# `Annals of Statistics 50(2), 2022` read as `Annals of Statistics 50`: a journal's volume after its name
_CLOSING_VOLUME = re.compile(r"(?<=[A-Za-z])\s+\d{1,3}$")
# `2020.09 EMNLP 2020`, `SIGIR 2021 2021.04`: the month a list noted the paper, not its venue
_NOTED_MONTH = re.compile(
    r"^(?:19|20)\d\d\.\d\d?(?:\.\d\d?)?(?:,?\s+(?=\S)|$)|\s+(?:19|20)\d\d\.\d\d?(?:\.\d\d?)?$")
# `CoRR, abs/1510.00149`: DBLP's arXiv volume and the paper's arXiv id after the name
_CORR_ID = re.compile(r",?\s*abs/(?P<id>\d{4}\.\d{4,5})\b.*$")


# `[Causal Inference] Title`: a list's tag before its titles, in square brackets
_LEADING_TAG = re.compile(r"^\[(?P<tag>[^\[\]]*[A-Za-z][^\[\]]{2,40})\]\s+(?=\S)")


def without_shared_tags(entries: list[Entry]) -> list[Entry]:
    """`**[Causal Inference] Title**`: a tag in brackets that opens three or more of a list's
    titles, or names the paper's own section, is the list's filing, not part of the title."""
    tags = Counter(found["tag"] for entry in entries if entry.kind == "paper"
                   and (found := _LEADING_TAG.match(entry.title)))
    kept = []
    for entry in entries:
        found = entry.kind == "paper" and _LEADING_TAG.match(entry.title)
        shared = found and (tags[found["tag"]] >= 3 or found["tag"].casefold() in
                            {heading.casefold() for heading in entry.section})
        kept.append(replace(entry, title=entry.title[found.end():]) if shared else entry)
    return kept


def venue_as_named(entry: Entry) -> Entry:
    """A paper's venue as named: without `In` before it, the kind of presentation after its year,
    an arXiv id before or after it (the paper's id, kept where it has none), a journal's volume or
    the month a list noted the paper."""
    if entry.kind != "paper" or not entry.venue:
        return entry
    venue = _PRESENTED_AS.sub("", CITING_IN.sub("", entry.venue))
    arxiv_id = entry.arxiv_id
    if opening := _OPENING_ARXIV_ID.match(venue):
        venue, arxiv_id = venue[opening.end():], arxiv_id or opening["id"]
        venue = "" if re.fullmatch(r"\(?(?:19|20)\d\d\)?", venue.strip(" .,")) else venue
    if corr := _CORR_ID.search(venue):
        venue, arxiv_id = venue[:corr.start()], arxiv_id or corr["id"]
    venue = _NOTED_MONTH.sub("", _CLOSING_VOLUME.sub("", venue))
    return entry if venue == entry.venue else replace(entry, venue=venue, arxiv_id=arxiv_id)


def _without_translation(claims: dict) -> dict:
    claims["title"] = _TRANSLATION.sub("", claims["title"])
    return claims
