"""`format: auto` reads paper lists in styles no parser was written for.

Measured on the list-style corpus (tests/data/list_styles/: the dev styles, and the held-out
styles the reader's authors never opened when a held-out set is there) against hand-written
expected records, and on the five seed lists against what their dedicated parsers read. The
floors are the issue's: ≥ 95% of papers found, ≥ 98% of found titles exact, no non-paper taken
for a paper.
"""

from __future__ import annotations

import html
import random
import re
import shutil
import sqlite3
import textwrap
from dataclasses import replace
from pathlib import Path

import bibtexparser
import marko
import marko.ext.gfm.elements
import pytest
import yaml
from conftest import CURATION, TAXONOMY, papers_of, read_excerpt
from list_style_scores import CORPUS, read_auto, score, total
from test_fuzz import MUTATIONS

from atlas.build.errors import InputError
from atlas.build.parsers import parse_document
from atlas.build.parsers.detected_papers import ADDED
from atlas.build.parsers.record_regions import find_regions
from atlas.build.pipeline import build
from atlas.build.records import Source
from atlas.build.sources import load_manifest, read_source

ROOT = Path(__file__).parent.parent
MANIFEST = ROOT / "data" / "sources.yml"
PHENOMENA_V2 = Path(__file__).parent / "data" / "new_list_versions" / "phenomena_v2.md"


def measure(split: str, show_problems: bool = True):
    scores = [score(path) for path in sorted((CORPUS / split).glob("*.md"))]
    summed = total(split, scores)
    print(f"\n{split} list styles:")
    for one in [*scores, summed]:
        print("  " + one.line())
        for problem in (one.missed + one.wrong_titles) if show_problems else []:
            print("      " + problem)
    return summed


def test_dev_list_styles_find_95_percent_of_papers_98_percent_of_titles_exact_and_no_non_paper():
    summed = measure("dev")
    assert summed.found / summed.papers >= 0.95
    assert summed.exact / summed.found >= 0.98
    assert summed.taken == []


# The held-out sets, each measured once on arrival (docs/list-styles.md, "Measured") and then moved
# to `tuning/` or `dev/` for tuning. A set written later goes to `held_out/` and is measured there
# once (bench/learned_lines.py --held-out-dir), then named here with its floors.
MEASURED_HELD_OUT_SETS = {
    10: ("bbcode_forum_digest", "gdocs_markdown_export", "harvard_talis_reading_list", "lab_pubs_buttons",
         "myst_list_table", "pipermail_text_digest", "zenn_details_ja"),
    # eight structures none of the 94 lists before has: an OPML outline, an HTML <dl>, schema.org
    # JSON-LD, a reStructuredText csv-table, man-page roff, an IRC log, a Google Scholar library paste,
    # a conference schedule paste; on arrival (main 8e0591a, the detector at 0.9) 54/125 found, 41/54
    # exact, 1/84 taken; the rule reader alone 16/125, 16/16, 1/84
    11: ("conference_schedule_paste", "html_dl_reading", "irc_channel_log", "jsonld_scholarly_itemlist",
         "opml_reading_outline", "roff_man_readings", "rst_csv_table", "scholar_library_paste"),
    # eight structures none of the 95 lists before has: EndNote/refer records, a pandoc grid table,
    # raw .ipynb JSON, an RSS feed, a LaTeX longtable, an e-mail thread, a dblp year listing, a
    # Hacker News thread; on arrival (main 6465e8f, reader-11 merged) 114/147 found, 29/114 exact,
    # 5/89 taken (on 38604d3, before reader-11: 102/147, 25/102, 5/89; the rule reader alone
    # 33/147, 11/33, 5/89)
    12: ("dblp_year_listing", "email_quoted_thread", "endnote_refer_records", "hn_thread_text",
         "ipynb_raw_json", "latex_longtable", "pandoc_grid_table", "rss_feed_xml"),
    # eight structures none of the 103 lists before has: a git log, an SQL INSERT dump, a fixed-width
    # text table, a unicode tree, a Discord text export, an OpenReview paste, gemtext, a Graphviz DOT
    # graph; on arrival (main 0740bae, reader-12 merged) 118/143 found, 35/118 exact, 1/72 taken (on
    # 538f6d8, before reader-12: 110/143, 29/110, 1/72; the rule reader alone 0/143)
    13: ("discord_txt_export", "fixed_width_columns", "gemini_gemtext_capsule", "git_log_paper_commits",
         "graphviz_dot_roadmap", "openreview_venue_paste", "sql_insert_dump", "unicode_tree_roadmap"),
}
# The floors of the lists now in `held_out/`, each at its one measurement on arrival: found, exact,
# taken. Empty while no held-out set is there; a list put there must be named here.
# The fourteenth set: eight structures none of the 111 lists before has (a TSV sheet paste, Typst, a
# Python module of dicts, RST simple tables, a Mermaid mindmap, an iCalendar export, todo.txt, a shell
# fetch script), measured once on arrival on main (reader-13 merged): 117/135 found, 72/117 exact,
# 2/80 taken (on 889f5db, before reader-13: 118/135, 62/118, 3/80; the rule reader alone 15/135).
HELD_OUT_FLOORS: dict[str, tuple[float, float, int]] = {
    "icalendar_reading_group": (7 / 16, 0 / 7, 0),
    "mermaid_mindmap": (16 / 17, 14 / 16, 0),
    "python_papers_module": (16 / 18, 16 / 16, 0),
    "rst_simple_tables": (16 / 18, 10 / 16, 0),
    "shell_fetch_script": (15 / 17, 0 / 15, 0),
    "todotxt_reading_queue": (16 / 16, 12 / 16, 1),
    "tsv_sheet_paste": (15 / 16, 15 / 15, 1),
    "typst_reading_list": (16 / 17, 5 / 16, 0),
    # The fifteenth set: eight structures none of the 119 lists before has (an Atom feed, an INI
    # config, a Textile wiki page, JATS XML references, EDN data, protobuf text format, an R tribble,
    # Kindle clippings), measured once on arrival on main 4bdaeb8: 96/131 found, 57/96 exact, 0/76
    # taken (the rule reader alone 16/131; the detector alone at 0.5: 113/131, 2/76 taken).
    "atom_feed_entries": (6 / 14, 6 / 6, 0),
    "edn_readings_data": (9 / 16, 9 / 9, 0),
    "ini_fetch_config": (17 / 17, 0 / 17, 0),
    "jats_ref_list_xml": (14 / 17, 8 / 14, 0),
    "kindle_my_clippings": (1 / 16, 0 / 1, 0),
    "r_tribble_readings": (15 / 17, 4 / 15, 0),
    "textile_redmine_wiki": (16 / 16, 13 / 16, 0),
    "textproto_reading_list": (18 / 18, 17 / 18, 0),
    # The sixteenth set: eight structures none of the 119 lists before has (a psql session, a git
    # format-patch of a README, Perl POD, a PlantUML object map, `gh issue view --comments`, Kotlin
    # seed data, a rendered Wikipedia reference list, Prolog facts), measured once on arrival on main
    # 92b4d5d: 114/137 found, 86/114 exact, 4/79 taken (the rule reader alone 15/137; the detector
    # alone at 0.5: 133/137, 5/79 taken).
    "format_patch_readme_diff": (16 / 16, 16 / 16, 1),
    "gh_issue_view_comments": (15 / 18, 14 / 15, 0),
    "kotlin_seed_data": (14 / 18, 14 / 14, 0),
    "perl_pod_reading_module": (6 / 16, 0 / 6, 0),
    "plantuml_object_map": (17 / 18, 13 / 17, 0),
    "prolog_reading_facts": (14 / 18, 14 / 14, 0),
    "psql_readings_session": (17 / 17, 1 / 17, 2),
    "wikipedia_rendered_references": (15 / 16, 14 / 15, 1),
    # The seventeenth set: eight structures real lists come in that none of the 135 lists before has
    # (a Netscape bookmarks export, a Zotero report pasted as text, a LinkedIn post, a YouTube
    # description with chapters, a WhatsApp chat export, pdftotext references, a Jupyter Book
    # bibliography page, a CITATION.cff), measured once on arrival on main 23528fe: 84/134 found,
    # 42/84 exact, 3/78 taken (the rule reader alone 38/134, 15/38, 0/78; the detector alone at 0.5:
    # 105/134, 3/78 taken).
    "citation_cff_references": (6 / 16, 6 / 6, 0),
    "jupyterbook_alpha_bibliography": (13 / 17, 12 / 13, 0),
    "linkedin_keycap_post": (14 / 17, 3 / 14, 0),
    "netscape_bookmarks_html": (0 / 18, 0 / 1, 0),
    "pdftotext_references": (5 / 17, 2 / 5, 1),
    "whatsapp_chat_export": (15 / 17, 11 / 15, 1),
    "youtube_description_chapters": (16 / 16, 6 / 16, 0),
    "zotero_report_text": (15 / 16, 2 / 15, 1),
}


def test_the_held_out_split_holds_only_lists_measured_once_and_each_measured_set_is_tuning_data():
    """`held_out/` holds the current held-out set, measured once when it arrives (empty between
    sets): every list found there must have floors recorded in HELD_OUT_FLOORS, and hold them. Each
    set measured before (the tenth to the thirteenth) is tuning data now, in `tuning/` or `dev/`."""
    held_out = sorted(path.stem for path in (CORPUS / "held_out").glob("*.md"))
    assert set(held_out) <= set(HELD_OUT_FLOORS), f"held-out lists with no recorded measurement: {held_out}"
    for path in (CORPUS / "held_out").glob("*.md"):
        one = score(path)
        found, exact, taken = HELD_OUT_FLOORS[path.stem]
        assert one.found / one.papers >= found and one.exact / max(one.found, 1) >= exact and len(one.taken) <= taken
    for names in MEASURED_HELD_OUT_SETS.values():
        for name in names:
            assert any((CORPUS / split / f"{name}.md").exists() for split in ("tuning", "dev")), name
            assert not (CORPUS / "held_out" / f"{name}.md").exists(), name


# The sets in `tuning/` measured apart: at least found, at least exact, at most taken (the thirteenth
# at arrival 118, 35, 1; in-sample after reader-13, with the detector retrained on it)
TUNING_FLOORS = {10: (109, 108, 0), 11: (124, 123, 0), 12: (146, 145, 0), 13: (138, 138, 0)}


def test_tuning_list_styles_stay_at_least_at_their_figures():
    """`tuning/` holds the seventh to thirteenth held-out sets, opened for tuning once measured (the
    seventh: 26/143 found on arrival, 93/143 on the reader of records of fields, 93/93 exact, 5/93
    taken; the eighth: 101/166 found, 66/101 exact, 3/109 taken; the ninth: 98/161 found, 60/98
    exact, 3/92 taken on arrival and the same after the seventh and eighth were tuned on; the tenth:
    49/110, 36/49, 1/72 on arrival and after the ninth was tuned on; the eleventh: 54/125, 41/54,
    1/84 on arrival; the twelfth: 114/147, 29/114, 5/89 on arrival; the thirteenth: 118/143, 35/118,
    1/72 on arrival). Tuned on, each by its own tuner (tune-7, tune-8, tune-9): the seventh to ninth
    470/470 found, 470/470 exact, 0/294 taken. The tenth, read by the rules and the line detector
    together (tuning data for both): 107/110 found, 105/107 exact, 0/72 taken. The eleventh, tuned
    on by reader-11, the twelfth by reader-12, the thirteenth by reader-13 (in-sample figures: docs/list-styles.md has the group
    k-fold ones). They stay
    here until the independent count of entries (`count_blocks`) knows their structures, then move
    to `dev/`."""
    summed = measure("tuning")
    rest = [summed.found, summed.exact, len(summed.taken)]
    for number, (found, exact, taken) in TUNING_FLOORS.items():
        one = total(f"set {number}", [score(CORPUS / "tuning" / f"{name}.md") for name in MEASURED_HELD_OUT_SETS[number]])
        print("  " + one.line())
        assert one.found >= found and one.exact >= exact and len(one.taken) <= taken, number
        rest = [rest[0] - one.found, rest[1] - one.exact, rest[2] - len(one.taken)]
    assert tuple(rest) == (470, 470, 0)


@pytest.mark.parametrize("source", load_manifest(MANIFEST), ids=lambda source: source.id)
def test_seed_lists_read_with_auto_keep_95_percent_of_the_dedicated_papers_with_their_titles(source):
    document = read_source(source, MANIFEST.parent)
    dedicated = {entry.line: entry.title for entry in papers_of(parse_document(document))}
    auto_document = replace(document, source=replace(document.source, format="auto"))
    auto = {entry.line: entry.title for entry in papers_of(parse_document(auto_document))}
    found = [line for line in dedicated if line in auto]
    same = [line for line in found if auto[line] == dedicated[line]]
    extra = [line for line in auto if line not in dedicated]
    print(f"\n{source.id} ({source.format}) read with auto: {len(found)}/{len(dedicated)} papers found "
          f"({len(found) / len(dedicated):.1%}), {len(same)} with the same title "
          f"({len(same) / len(dedicated):.1%}); {len(extra)} papers the dedicated parser does not read")
    assert len(same) / len(dedicated) >= 0.95


# --- every item accounted -----------------------------------------------------------------------

_COMMENT = re.compile(r"^\[//\]:\s*#\s*\((.*)\)\s*$")
_REFERENCE_LINE = re.compile(r"^\[\d{1,3}\]\s+\S")


def count_blocks(text: str) -> int:
    """List items, HTML `<li>` items, headings, table body rows, numbered references (`[3] …`) and
    paragraphs of the document opening with a marked title (`**Title.** …`, `[Title](url) …`,
    `"Title" …`) or an inverted first author (`Surname, First, et al. "Title."`) and definition
    list terms (`Title` then `: Authors` lines) as a second implementation (marko, with GitHub's tables) reads them: what `auto`
    makes one entry each. The records of fields (field_records.py) are one entry each, and their
    lines no other (a test below checks what it finds against bibtexparser and PyYAML)."""
    lines = [html.unescape(found[1]) if (found := _COMMENT.match(line)) else line for line in text.split("\n")]
    regions = find_regions(lines)
    for region in regions:
        lines[region.start:region.end] = [""] * (region.end - region.start)
    document = marko.Markdown(extensions=["gfm"]).parse("\n".join(lines) + "\n")
    pending, count = [document], sum(len(region.records) for region in regions)
    in_items, noted = _in_list_items(document), _quoted_notes(document)
    while pending:
        element = pending.pop()
        if isinstance(element, marko.ext.gfm.elements.Table):
            # marko takes `|-&a-|` for a delimiter too; GitHub's spec, and markdown-it, do not
            if all(re.fullmatch(r"\s*:?-+:?\s*", cell) for cell in element.delimiters):
                count += len(element.children) - 1  # its rows but the header
            else:  # a paragraph to markdown-it: one block, its lines opening no sequence
                count += id(element) not in in_items
            continue
        if isinstance(element, marko.block.HTMLBlock):
            items = len(re.findall(r"<li[\s>]", element.body, re.IGNORECASE)) + _html_body_rows(element.body)
            if not items and not element.body.lstrip().startswith("<!--"):
                items = _html_text_groups(element.body)
            count += items
            continue
        if isinstance(element, marko.block.Paragraph) and not isinstance(element, marko.block.SetextHeading):
            # `[4]` opening a wrapped line of an item cites a link, it opens no reference there
            references = 0 if id(element) in in_items else sum(
                1 for line in _paragraph_lines(element) if _REFERENCE_LINE.match(line))
            claimed = element in document.children and (
                _opens_with_title(element) or _opens_with_authors(element) or _defines_a_term(element))
            linked_lines = 0 if id(element) in in_items | noted else _hard_broken_link_lines(element)
            count += references or linked_lines or claimed or (
                0 if id(element) in in_items | noted else _line_groups(element))
        count += isinstance(element, marko.block.ListItem | marko.block.Heading | marko.block.SetextHeading)
        if isinstance(element, marko.block.BlockElement):
            pending.extend(child for child in element.children if isinstance(child, marko.block.BlockElement))
    return count


def added_by_the_detector(entries: list) -> list:
    """The papers the line detector adds besides one entry per block (detected_papers.py): at a
    line no block holds, or one of several in a block; each is a paper at a line of its own."""
    added = [entry for entry in entries if entry.warning.startswith(ADDED)]
    assert all(entry.kind == "paper" for entry in added)
    assert len({entry.ref for entry in entries}) == len(entries)
    return added


# A line opening an entry of a sequence no markdown list reads: `[^4]:`, `2.2 `, `.. [key]`,
# `[key] `, `!!! paper`, `[!paper]-`, `• `.
_SEQUENCE_LINE = re.compile(
    r"^\s*(?:\[\^[^\]\s]+\]:|\d{1,3}(?:\.\d{1,3})+\.?\s|\.\.\s+\[[^\]]+\]|\[[A-Za-z][\w+-]{1,30}\]\s|"
    r"[!?]{3}\+?\s|\[![\w-]+\][+-]?|[•▪‣◦]\s)")


def _line_groups(paragraph) -> int:
    """A paragraph no structure claims is one block per group of lines: the first line and each
    line opening a sequence open one."""
    lines = _all_text(paragraph).split("\n")
    return 1 + sum(1 for line in lines[1:] if _SEQUENCE_LINE.match(line))


def _hard_broken_link_lines(paragraph) -> int:
    """A paragraph whose lines are all parted by hard breaks and each hold a link of two words
    or more: a list without bullets, one block a line (0 for any other paragraph)."""
    lines, breaks = [[]], []
    for child in paragraph.children:
        if isinstance(child, marko.inline.LineBreak):
            breaks.append(not child.soft)
            lines.append([])
        else:
            lines[-1].append(child)
    worded = [any(isinstance(child, marko.inline.Link) and sum(
        1 for word in _all_text(child).split() if re.search(r"[^\W\d_]{2}", word)) >= 2 for child in line)
        for line in lines]
    bylines = [_linked_names_line(line) for line in lines[1:]]
    return len(lines) if len(lines) >= 2 and all(breaks) and all(worded) and not any(bylines) else 0


def _linked_names_line(line) -> bool:
    """Two links or more, or `by` and a link, each two or three capitalized words, with nothing
    but separators around them: a byline of linked names."""
    links = [child for child in line if isinstance(child, marko.inline.Link)]
    between = "".join(_all_text(child) if isinstance(child, marko.inline.RawText) else "x"
                      for child in line if not isinstance(child, marko.inline.Link))
    named = all(re.fullmatch(r"(?:[A-Z]\.\s?)*[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,2}",
                             _all_text(link).strip()) for link in links)
    return bool(links) and (len(links) >= 2 or " by " in f" {between} ") and named \
        and not re.sub(r"\b(?:and|by)\b|[\s,;&·|]", "", between)


def _html_text_groups(body: str) -> int:
    """Groups of lines with text in HTML holding no `<li>` nor `<tr>`: one opens at a line opening
    a block element or a sequence, or after a line of tags only."""
    count, open_group = 0, False
    for line in body.split("\n"):
        if not re.sub(r"<[^>]*>", "", line).strip():
            open_group = False
            continue
        opens = re.match(r"\s*<(?:div|p|dd|dt|section|article|blockquote|figcaption)\b", line, re.IGNORECASE)
        count += not open_group or bool(opens) or bool(_SEQUENCE_LINE.match(line))
        open_group = True
    return count


def _all_text(element) -> str:
    if isinstance(element.children, str):
        return element.children
    if isinstance(element, marko.inline.LineBreak):
        return "\n"
    return "".join(_all_text(child) for child in element.children)


def _in_list_items(document) -> set[int]:
    """The ids of the paragraphs inside list items (the item's text or its notes)."""
    found, pending = set(), [(document, False)]
    while pending:
        element, inside = pending.pop()
        if isinstance(element, marko.block.Paragraph | marko.ext.gfm.elements.Table) and inside:
            found.add(id(element))
        if isinstance(element, marko.block.BlockElement):
            inside = inside or isinstance(element, marko.block.ListItem)
            pending.extend((child, inside) for child in element.children if isinstance(child, marko.block.BlockElement))
    return found


def _quoted_notes(document) -> set[int]:
    """The ids of the paragraphs of a quote right under a paragraph opening with a title: its note."""
    found, before = set(), None
    for element in document.children:
        if isinstance(element, marko.block.BlankLine):  # a blank line between them parts nothing
            continue
        if isinstance(element, marko.block.Quote) and isinstance(before, marko.block.Paragraph) and (
                _opens_with_title(before) or _opens_with_authors(before) or _defines_a_term(before)):
            pending = [element]
            while pending:
                inner = pending.pop()
                if isinstance(inner, marko.block.Paragraph):
                    found.add(id(inner))
                if isinstance(inner, marko.block.BlockElement) and not isinstance(inner, marko.block.List):
                    pending.extend(c for c in inner.children if isinstance(c, marko.block.BlockElement))
        before = element
    return found


def _html_body_rows(body: str) -> int:
    """The `<tr>` rows of raw HTML that hold a `<td>` (a row of `<th>` only is the header)."""
    rows = [re.split(r"</tr>|</table>|<table", row, flags=re.IGNORECASE)[0]
            for row in re.split(r"<tr[\s>]", body, flags=re.IGNORECASE)[1:]]
    return sum(1 for row in rows if re.search(r"<td[\s>]", row, re.IGNORECASE))


def _opens_with_title(paragraph) -> bool:
    children = [child for child in paragraph.children
                if not (isinstance(child, marko.inline.RawText) and not child.children.strip())]
    if not children:
        return False
    first = children[0]
    if isinstance(first, marko.inline.Link):
        return bool(first.children) and isinstance(first.children[0], marko.inline.RawText)
    return isinstance(first, marko.inline.StrongEmphasis) or (
        isinstance(first, marko.inline.RawText) and first.children.lstrip().startswith(('"', "“")))


def _opens_with_authors(paragraph) -> bool:
    """`Surname, First, et al. "Title." …`, `Surname, I. (2019). Title.`, `Surname, I. 2019.
    Title.`: an inverted first author, then a quoted title or a year, on its first line."""
    first = _paragraph_lines(paragraph)[0]
    author = re.match(r"[A-ZÀ-Þ][\w'’-]+(?: [a-z]{1,3})?(?: [A-ZÀ-Þ][\w'’-]+)?, [A-ZÀ-Þ](?:\.|[a-zß-ÿ]+)", first)
    after = first[author.end():author.end() + 310] if author else ""
    return bool(author) and bool(re.search(r"^[^\"“]*?(?:[.,] [\"“]|\((?:19|20)\d\d[a-z]?\)|\. (?:19|20)\d\d\. )", after))


def _defines_a_term(paragraph) -> bool:
    """A definition list's term line with its `: definition` lines under it."""
    lines = _paragraph_lines(paragraph)
    return len(lines) > 1 and not lines[0].startswith(":") and all(line.startswith(": ") for line in lines[1:])


def _paragraph_lines(paragraph) -> list[str]:
    """The paragraph's lines as plain text: its text, line breaks and bare addresses (GitHub's
    autolinks: `[1] https://arxiv.org/abs/…` is a reference line); marked spans left out."""
    kinds = marko.inline.RawText | marko.inline.LineBreak | marko.ext.gfm.elements.Url
    return "".join(_all_text(child) for child in paragraph.children if isinstance(child, kinds)).split("\n")


@pytest.mark.parametrize("path", sorted((CORPUS / "dev").glob("*.md")) + sorted((ROOT / "data" / "sources").glob("*"))
                         + [CORPUS / "tuning" / f"{name}.md" for name in MEASURED_HELD_OUT_SETS[10]],
                         ids=lambda path: path.name)
def test_every_item_heading_table_row_and_numbered_reference_is_one_entry(path):
    entries = read_auto(path)
    assert len(entries) - len(added_by_the_detector(entries)) == count_blocks(path.read_text(encoding="utf-8"))
    assert len({entry.ref for entry in entries}) == len(entries)
    assert all(entry.reason for entry in entries if entry.kind in ("other", "rejected"))


# --- the styles, one line each ------------------------------------------------------------------

def test_a_heading_whose_field_list_gives_authors_and_link_is_a_paper():
    paper, authors, link, section, other = read_excerpt("auto", """
        ### Scaling Laws for Neural Language Models
        - Authors: Jared Kaplan, Sam McCandlish
        - Link: https://arxiv.org/abs/2001.08361

        ### Implicit bias
        - Reading group notes, to be written
        """)
    assert (paper.kind, paper.title, paper.authors, paper.arxiv_id) == (
        "paper", "Scaling Laws for Neural Language Models", ("Jared Kaplan", "Sam McCandlish"), "2001.08361")
    assert (authors.kind, link.kind, section.reason) == ("note", "note", "section heading")
    assert other.kind == "other"


def test_an_html_table_with_a_title_column_gives_one_paper_per_row():
    entries = read_excerpt("auto", """
        <table>
          <tr><th>Year</th><th>Title</th><th>Authors</th><th>Venue</th><th>Links</th></tr>
          <tr><td>2019</td><td><a href="https://arxiv.org/abs/1812.07956">On Lazy Training in Differentiable Programming</a></td><td>Lénaïc Chizat, Edouard Oyallon, Francis Bach</td><td>NeurIPS 2019</td><td></td></tr>
        </table>

        <table>
        <tr><td><img src="fig.png"></td><td><a href="https://github.com/google/neural-tangents">Neural Tangents</a>: a JAX library</td></tr>
        </table>
        """)
    paper, tool = entries
    assert (paper.kind, paper.line, paper.title, paper.authors, paper.venue, paper.year, paper.arxiv_id) == (
        "paper", 3, "On Lazy Training in Differentiable Programming", ("Lénaïc Chizat", "Edouard Oyallon", "Francis Bach"),
        "NeurIPS 2019", 2019, "1812.07956")
    assert (tool.kind, tool.reason) == ("other", "row of a table with no title column")


@pytest.mark.parametrize("column", ["Paper Name", "Title & Authors", "Papers"])
def test_a_title_column_may_be_named_paper_name_or_title_and_authors(column):
    paper, = read_excerpt("auto", f"""
        | {column} | Venue |
        |---|---|
        | **Benign overfitting in linear regression**<br>Peter L. Bartlett, Philip M. Long | PNAS 2020 |
        """)
    assert (paper.kind, paper.title, paper.authors, paper.venue) == (
        "paper", "Benign overfitting in linear regression", ("Peter L. Bartlett", "Philip M. Long"), "PNAS 2020")


def test_a_paper_heading_takes_its_byline_and_the_list_under_it_is_its_notes():
    entries = read_excerpt("auto", """
        ## Implicit bias

        #### 3. [Gradient descent aligns the layers of deep linear networks](https://arxiv.org/abs/1810.02032)
        *Ziwei Ji, Matus Telgarsky* · ICLR 2019

        - Related: [On Lazy Training in Differentiable Programming](https://arxiv.org/abs/1812.07956).
        """)
    section, paper, byline, note = entries
    assert (section.kind, section.reason) == ("other", "section heading")
    assert (paper.kind, paper.line, paper.title) == ("paper", 3, "Gradient descent aligns the layers of deep linear networks")
    assert (paper.authors, paper.venue, paper.year, paper.arxiv_id) == (
        ("Ziwei Ji", "Matus Telgarsky"), "ICLR 2019", 2019, "1810.02032")
    # the byline paragraph is accounted too, as a note of the paper heading it follows
    assert (byline.kind, byline.line, byline.parent_line) == ("note", 4, 3)
    assert (note.kind, note.parent_line) == ("note", 3)


def test_a_heading_naming_its_venue_gives_that_venue_and_a_talk_s_materials_line_is_no_paper():
    """Read on a real list of talks and papers as headings with notes (not in the corpus)."""
    entries = read_excerpt("auto", """
        #### 3. ICML 2018 Invited Talk: Josh Tenenbaum - Building Machines that Learn and Think Like People
          Materials: [paper](https://arxiv.org/pdf/1604.00289.pdf) - 55p, [ICML Video](https://www.youtube.com/watch?v=RB78vRUO6X8)

        ### Papers at ICML 2018

         #### 1. [A Spline Theory of Deep Learning](http://proceedings.mlr.press/v80/balestriero18b.html)
          Materials: [pdf](http://proceedings.mlr.press/v80/balestriero18b/balestriero18b.pdf)
        """)
    papers = [entry for entry in entries if entry.kind == "paper"]
    assert [(paper.line, paper.title, paper.venue, paper.year) for paper in papers] == [
        (6, "A Spline Theory of Deep Learning", "ICML 2018", 2018)]
    materials = next(entry for entry in entries if entry.line == 2)
    assert materials.kind != "paper" and "1604.00289" in materials.raw


def test_a_heading_whose_first_paragraph_is_only_the_paper_s_address_is_that_paper():
    """Read on a real list (papers as headings, then `<arXiv address>`, then a summary), not in the
    corpus: before, no heading was a paper (a heading with no link of its own named a section)."""
    entries = read_excerpt("auto", """
        ### Mean Field Residual Networks: On the Edge of Chaos

        <https://www.arxiv.org/abs/1712.08969>

        Show that adding skip connections allow the network to adopt subexponential dynamics.

        ### Related reading

        Show the chaotic phase networks computes nonlinear functions.
        """)
    paper, address, summary, section, prose = entries
    assert (paper.kind, paper.title, paper.arxiv_id) == (
        "paper", "Mean Field Residual Networks: On the Edge of Chaos", "1712.08969")
    assert [(address.kind, address.parent_line), (summary.kind, summary.parent_line)] == [("note", 1), ("note", 1)]
    assert (section.kind, section.reason, prose.kind) == ("other", "section heading", "other")


def test_a_reading_group_s_semester_heading_gives_no_year_and_two_inverted_names_are_two_authors():
    """Read on a real reading-group list, not in the corpus: `## 2018 Fall` dates the reading (the
    paper is of 2017), and `Schwartz-Ziv, Ravid and Tishby, Naftali` are two people, not four."""
    entries = read_excerpt("auto", """
        ## 2018 Winter
        Schwartz-Ziv, Ravid and Tishby, Naftali. "Opening the black box of Deep Neural Networks via Information."
        </br>[[pdf]](https://arxiv.org/pdf/1703.00810.pdf)
        """)
    paper = next(entry for entry in entries if entry.kind == "paper")
    assert (paper.title, paper.authors, paper.year, paper.arxiv_id) == (
        "Opening the black box of Deep Neural Networks via Information", ("Schwartz-Ziv, Ravid", "Tishby, Naftali"),
        None, "1703.00810")


def test_a_title_of_capitalised_words_after_the_authors_is_the_title_not_one_more_name():
    """Read on a real list, not in the corpus: the paper was lost as 'a venue and its year, no title'."""
    entries = read_excerpt("auto", """
        - Normalization:
          - Nils Bjorck, Carla P. Gomes, Bart Selman, Kilian Q. Weinberger. Understanding Batch Normalizations. NIPS'18
        """)
    paper = next(entry for entry in entries if entry.kind == "paper")
    assert (paper.title, paper.authors[-1], paper.venue, paper.year) == (
        "Understanding Batch Normalizations", "Kilian Q. Weinberger", "NIPS'18", 2018)


def test_a_reading_backlog_of_dash_separated_fields_gives_the_title_cell_and_a_labelled_address_no_paper():
    """Read on a real backlog, not in the corpus: the whole line was the title; `Label: address`
    was a paper titled with its address."""
    entries = read_excerpt("auto", """
        - Boris Hanin - Which Neural Net Architectures Give Rise To Exploding and Vanishing Gradients? - NIPS 2018 - https://arxiv.org/abs/1801.03744 - Failure modes in Deep Learning
        - Mingxing Tan, Quoc V. Le - EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks - 2019 - https://arxiv.org/abs/1905.11946 - SOTA Computer Vision
        - Supermasks: https://arxiv.org/pdf/2006.14769.pdf
        """)
    first, second, labelled = entries
    assert (first.title, first.authors, first.venue, first.year, first.arxiv_id) == (
        "Which Neural Net Architectures Give Rise To Exploding and Vanishing Gradients?", ("Boris Hanin",),
        "NIPS 2018", 2018, "1801.03744")
    assert (second.title, second.authors, second.year) == (
        "EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks", ("Mingxing Tan", "Quoc V. Le"), 2019)
    assert (labelled.kind, labelled.reason) == ("other", "an address under a label, no title")


def test_a_title_column_named_in_another_language_and_a_description_after_a_colon_are_read():
    """Read on two real lists, not in the corpus: a Russian table (`Название`, the year after the
    title) found no title column; a description's `Suggested Edge-popup (EP)` became authors and venue."""
    entries = read_excerpt("auto", """
        | # | Название  | Ссылка | Описание |
        | - | --------- | ------ | -------- |
        | 1 | Omnigrok: Grokking Beyond Algorithmic Data, 2022 | [link](https://arxiv.org/abs/2210.01117) | Наблюдение эффекта гроккинга. |

        * [What’s Hidden in a Randomly Weighted Neural Network?](https://arxiv.org/pdf/1911.13299.pdf): Randomly weighted neural network contains a subnetwork which performs near SOTA. Suggested Edge-popup (EP) algorithm.
        """)
    row, described = [entry for entry in entries if entry.kind == "paper"]
    assert (row.title, row.year, row.arxiv_id) == ("Omnigrok: Grokking Beyond Algorithmic Data", 2022, "2210.01117")
    assert (described.title, described.authors, described.venue) == (
        "What’s Hidden in a Randomly Weighted Neural Network?", (), "")


def test_a_bibliography_pasted_without_its_end_in_an_abbreviating_style_and_a_venue_after_its_year():
    """Read on real lists, not in the corpus: a `thebibliography` cut before `\\end{thebibliography}`
    gave no paper, its `Bartlett, P., Foster, D., and Telgarsky, M.` would read as six names, and
    `[Title](url), 2021 ICLR` lost its venue."""
    entries = read_excerpt("auto", r"""
        \begin{thebibliography}{30}
        \bibitem[Bartlett et~al.(2017)Bartlett, Foster, and Telgarsky]{ba17}
        Bartlett, P., Foster, D., and Telgarsky, M.
        \newblock Spectrally-normalized margin bounds for neural networks.
        \newblock \emph{NeurIPS}, 2017.
        """)
    paper = next(entry for entry in entries if entry.kind == "paper")
    assert (paper.title, paper.authors, paper.venue, paper.year) == (
        "Spectrally-normalized margin bounds for neural networks", ("Bartlett, P.", "Foster, D.", "Telgarsky, M."),
        "NeurIPS", 2017)
    entries = read_excerpt("auto", """
        - [On the Origin of Implicit Regularization in Stochastic Gradient Descent](https://arxiv.org/pdf/2101.12176.pdf), 2021 ICLR
        """)
    assert (entries[0].venue, entries[0].year) == ("ICLR 2021", 2021)


def test_hard_line_breaks_part_title_authors_and_address_and_a_person_with_a_year_is_no_venue():
    """Read on a real list, not in the corpus: `Title··⏎Names (1991)··⏎address` (a hard break is a
    `<br>`) was one title running into its names and address, and the author became the venue."""
    entries = read_excerpt("auto", "1. Approximation Capabilities of Multilayer Feedforward Networks  \n"
                                   "Kurt Hornik (1991)  \n"
                                   "`https://www.sciencedirect.com/science/article/pii/089360809190009T`\n\n"
                                   "2. Efficient Estimation of Word Representations in Latent Space  \n"
                                   "Tomas Mikolov et al  \n"
                                   "`https://arxiv.org/abs/1301.3781`\n")
    first, second = [entry for entry in entries if entry.kind == "paper"]
    assert (first.title, first.authors, first.year, first.venue) == (
        "Approximation Capabilities of Multilayer Feedforward Networks", ("Kurt Hornik",), 1991, "")
    assert (second.title, second.authors, second.arxiv_id) == (
        "Efficient Estimation of Word Representations in Latent Space", ("Tomas Mikolov",), "1301.3781")
    mentioned = read_excerpt("auto", "- [ ] Generating Sequence with RNN (Alex graves, 2013)\n")
    assert all(entry.venue != "Alex graves" for entry in mentioned)


def test_a_bracketed_year_after_the_title_and_a_dash_before_a_bare_address_are_year_and_link():
    """Sixth real round: `- Title [2021] - https://…` kept the year's brackets and the address in its
    title; the year is the paper's, the address its link."""
    entries = read_excerpt("auto", """
        - Neural Tangent Kernel: Convergence and Generalization in Neural Networks [2018] - https://arxiv.org/abs/1806.07572
        - Deep Double Descent: Where Bigger Models and More Data Hurt [2020] - https://openreview.net/forum?id=B1g5sA4twr
        - Deep Information Propagation [ICLR 2017] - Schoenholz, Gilmer, Ganguli, Sohl-Dickstein - https://arxiv.org/abs/1611.01232
        """)
    assert [(paper.title, paper.year, paper.arxiv_id, [link.url for link in paper.links]) for paper in papers_of(entries)] == [
        ("Neural Tangent Kernel: Convergence and Generalization in Neural Networks", 2018, "1806.07572",
         ["https://arxiv.org/abs/1806.07572"]),
        ("Deep Double Descent: Where Bigger Models and More Data Hurt", 2020, "",
         ["https://openreview.net/forum?id=B1g5sA4twr"]),
        ("Deep Information Propagation", 2017, "1611.01232", ["https://arxiv.org/abs/1611.01232"])]
    assert papers_of(entries)[2].venue == "ICLR 2017"


def test_a_hard_break_before_a_doi_or_openreview_address_makes_it_the_paper_s_link():
    """Sixth real round: after a backslash hard break, `Title\\⏎Names\\⏎https://doi.org/…` ran title,
    names and address together; two trailing spaces before an OpenReview line left it no link."""
    entries = read_excerpt("auto", "- Reconciling modern machine-learning practice and the classical bias–variance trade-off\\\n"
                                   "  Mikhail Belkin, Daniel Hsu, Siyuan Ma, Soumik Mandal\\\n"
                                   "  https://doi.org/10.1073/pnas.1903070116\n"
                                   "- Deep Double Descent: Where Bigger Models and More Data Hurt  \n"
                                   "  Preetum Nakkiran, Gal Kaplun, Yamini Bansal, Tristan Yang, Boaz Barak, Ilya Sutskever. ICLR 2020  \n"
                                   "  https://openreview.net/forum?id=B1g5sA4twr\n")
    first, second = papers_of(entries)
    assert (first.title, first.authors, first.doi, [link.url for link in first.links]) == (
        "Reconciling modern machine-learning practice and the classical bias–variance trade-off",
        ("Mikhail Belkin", "Daniel Hsu", "Siyuan Ma", "Soumik Mandal"), "10.1073/pnas.1903070116",
        ["https://doi.org/10.1073/pnas.1903070116"])
    assert (second.title, second.authors[0], second.venue, second.year, [link.url for link in second.links]) == (
        "Deep Double Descent: Where Bigger Models and More Data Hurt", "Preetum Nakkiran", "ICLR 2020", 2020,
        ["https://openreview.net/forum?id=B1g5sA4twr"])


def test_a_citation_key_before_the_title_is_no_part_of_it_and_gives_its_authors_and_year():
    """Sixth real round: `[Jacot et al. 2018] Title` kept `Jacot et al. 2018]` in its title; a
    key, in brackets or parentheses, bold or not, names who and when, glued too (`[Zhang17]`), and
    the venue it may name; an alphabetic key (`[ZBHRV17]`) the year alone; a venue in brackets
    (`[ICML 2019] Title`) stays a venue."""
    entries = read_excerpt("auto", """
        - [Jacot et al. 2018] Neural Tangent Kernel: Convergence and Generalization in Neural Networks. NeurIPS 2018. https://arxiv.org/abs/1806.07572
        - [Zhang17] Understanding deep learning requires rethinking generalization. ICLR 2017.
        - (Arora et al., 2019) Fine-Grained Analysis of Optimization and Generalization for Overparameterized Two-Layer Neural Networks. https://arxiv.org/abs/1901.08584
        - [ICML 2019] Gradient Descent Finds Global Minima of Deep Neural Networks. Du, Lee, Li, Wang, Zhai.
        - **[Jacot et al., NeurIPS 2018]** Neural Tangent Kernel: Convergence and Generalization in Neural Networks
        - [ZBHRV17] Understanding deep learning requires rethinking generalization. https://arxiv.org/abs/1611.03530
        """)
    assert [(paper.title, paper.authors, paper.year, paper.venue) for paper in papers_of(entries)] == [
        ("Neural Tangent Kernel: Convergence and Generalization in Neural Networks", ("Jacot",), 2018, "NeurIPS 2018"),
        ("Understanding deep learning requires rethinking generalization", ("Zhang",), 2017, "ICLR 2017"),
        ("Fine-Grained Analysis of Optimization and Generalization for Overparameterized Two-Layer Neural Networks",
         ("Arora",), 2019, ""),
        ("Gradient Descent Finds Global Minima of Deep Neural Networks", ("Du", "Lee", "Li", "Wang", "Zhai"), 2019,
         "ICML 2019"),
        ("Neural Tangent Kernel: Convergence and Generalization in Neural Networks", ("Jacot",), 2018, "NeurIPS 2018"),
        ("Understanding deep learning requires rethinking generalization", (), 2017, "")]


@pytest.mark.parametrize("line", [
    "- [Gradient Descent Finds Global Minima of Deep Neural Networks](https://arxiv.org/abs/1811.03804) (Du & Lee, 2019)",
    "- Gradient Descent Finds Global Minima of Deep Neural Networks (Du, S. S., 2019)",
    "- Gradient Descent Finds Global Minima of Deep Neural Networks. *Du et al., 2019*",
    "- [Gradient Descent Finds Global Minima of Deep Neural Networks (Du et al., 2019)](https://arxiv.org/abs/1811.03804)",
    "- Gradient Descent Finds Global Minima of Deep Neural Networks (Du, Lee, Li, Wang & Zhai, 2019) ICML 2019",
])
def test_an_author_year_citation_after_the_title_is_who_and_when_never_the_venue(line):
    """Sixth real round: an APA or Harvard in-text citation after a title (`(Du & Lee, 2019)`,
    `(Du, S. S., 2019)`, `*Du et al., 2019*`) was read as the venue."""
    paper = papers_of(read_excerpt("auto", line))[0]
    assert (paper.title, paper.authors[0].split(",")[0], paper.year) == (
        "Gradient Descent Finds Global Minima of Deep Neural Networks", "Du", 2019)
    assert paper.venue in ("", "ICML 2019") and "Du" not in paper.venue


@pytest.mark.parametrize("line, venue, year", [
    ("- Gradient Descent Provably Optimizes Over-parameterized Neural Networks(ICLR 2019) https://arxiv.org/abs/1810.02054",
     "ICLR 2019", 2019),
    ("- Gradient Descent Provably Optimizes Over-parameterized Neural Networks(arXiv) https://arxiv.org/abs/1810.02054",
     "arXiv", None),
    ("- [Gradient Descent Provably Optimizes Over-parameterized Neural Networks(ICLR 2019)](https://arxiv.org/abs/1810.02054)",
     "ICLR 2019", 2019),
    ("- Gradient Descent Provably Optimizes Over-parameterized Neural Networks(ICLR 2019), Simon S. Du, Xiyu Zhai, "
     "Barnabás Póczos, Aarti Singh", "ICLR 2019", 2019),
])
def test_a_title_glued_to_its_opening_parenthesis_ends_before_it_and_the_parenthesis_gives_venue_and_year(
        line, venue, year):
    """Sixth real round: `Title(ICLR 2019) https://…` kept the parenthesis and the address in its title."""
    paper = papers_of(read_excerpt("auto", line))[0]
    assert (paper.title, paper.venue, paper.year) == (
        "Gradient Descent Provably Optimizes Over-parameterized Neural Networks", venue, year)
    assert paper.arxiv_id == ("" if "Póczos" in line else "1810.02054")


def test_a_heading_naming_a_paper_by_its_nickname_is_a_label_and_the_reference_under_it_the_paper():
    """Sixth real round: `### NTK` over `Jacot, Gabriel, Hongler. Title. NeurIPS 2018.` read the
    surnames as the title; a reference closing on its DOI address had no evidence and was lost."""
    entries = read_excerpt("auto", """
        ## Kernel regime

        ### NTK

        Jacot, Gabriel, Hongler. Neural Tangent Kernel: Convergence and Generalization in Neural Networks. NeurIPS 2018.

        ### Double descent

        Belkin, Hsu, Ma, Mandal. Reconciling modern machine-learning practice and the classical bias–variance trade-off. PNAS 2019. https://doi.org/10.1073/pnas.1903070116
        """)
    assert [(paper.line, paper.title, paper.authors, paper.venue, paper.doi) for paper in papers_of(entries)] == [
        (5, "Neural Tangent Kernel: Convergence and Generalization in Neural Networks", ("Jacot", "Gabriel", "Hongler"),
         "NeurIPS 2018", ""),
        (9, "Reconciling modern machine-learning practice and the classical bias–variance trade-off",
         ("Belkin", "Hsu", "Ma", "Mandal"), "PNAS 2019", "10.1073/pnas.1903070116")]
    assert [entry.kind for entry in entries if entry.line in (3, 7)] == ["other", "other"]


def test_a_heading_dating_a_reading_or_spanning_years_and_a_date_of_reading_give_no_paper_its_year():
    """Sixth real round: years came from `## Read in 2023` and `## 2017–2018` headings and from the
    date a paper was read, over the year its line gives or none; a year inside an address or an
    arXiv id is none either."""
    entries = read_excerpt("auto", """
        ## Read in 2023

        - [Tensor Programs II: Neural Tangent Kernel for Any Architecture](https://arxiv.org/abs/2006.14548) Greg Yang
        - Read on 4 March 2023 — Tensor Programs II: Neural Tangent Kernel for Any Architecture (Yang, 2020)
        - The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks, Frankle & Carbin, 2019, https://arxiv.org/abs/1803.03635
        - Understanding deep learning requires rethinking generalization (Zhang et al.) https://arxiv.org/abs/1611.03530
        - [Neural Tangent Kernel: Convergence and Generalization in Neural Networks](https://proceedings.neurips.cc/paper/2018/hash/5a4be1fa34e62bb8a6ec6b91d2462f5a-Abstract.html), Jacot et al.

        ## 2017–2018

        - Mean Field Analysis of Neural Networks: A Law of Large Numbers, Justin Sirignano, Konstantinos Spiliopoulos. arXiv:1805.01053
        """)
    assert [(paper.title, paper.authors, paper.year) for paper in papers_of(entries)] == [
        ("Tensor Programs II: Neural Tangent Kernel for Any Architecture", ("Greg Yang",), None),
        ("Tensor Programs II: Neural Tangent Kernel for Any Architecture", ("Yang",), 2020),
        ("The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks", ("Frankle", "Carbin"), 2019),
        ("Understanding deep learning requires rethinking generalization", ("Zhang",), None),
        ("Neural Tangent Kernel: Convergence and Generalization in Neural Networks", ("Jacot",), None),
        ("Mean Field Analysis of Neural Networks: A Law of Large Numbers", ("Justin Sirignano", "Konstantinos Spiliopoulos"),
         None)]


def test_names_and_venue_in_one_parenthesis_apart_by_a_semicolon_are_read_apart():
    """`Title⏎(Names; Venue Year) https://…`: the names and the venue are the paper's, not its title's."""
    paper = papers_of(read_excerpt("auto", """
        * Trained Transformers Learn Linear Models In-Context
          (Ruiqi Zhang, Spencer Frei, Peter L. Bartlett; JMLR 2024) https://arxiv.org/abs/2306.09927
        """))[0]
    assert (paper.title, paper.authors, paper.venue, paper.year, paper.arxiv_id) == (
        "Trained Transformers Learn Linear Models In-Context", ("Ruiqi Zhang", "Spencer Frei", "Peter L. Bartlett"),
        "JMLR 2024", 2024, "2306.09927")


def test_a_heading_over_paragraphs_of_links_takes_its_paper_link_and_no_link_label_as_its_authors():
    """Read on a real list of notes, not in the corpus: `[Paper](arXiv)` a paragraph of its own under
    the heading was no evidence, and `[PDF Highlight](./local.pdf)` became the authors."""
    entries = read_excerpt("auto", """
        ### Wide Neural Networks of Any Depth Evolve as Linear Models Under Gradient Descent

        [PDF Highlight](./Wide%20Neural%20Networks.pdf)

        ### Finding sparse trainable neural networks through Neural Tangent Transfer

        [Blog](https://zenkelab.org/2020/06/paper-finding-sparse-trainable-neural-networks/)

        [Paper](https://arxiv.org/abs/2006.08228)
        """)
    papers = [entry for entry in entries if entry.kind == "paper"]
    assert [(paper.title, paper.authors, paper.arxiv_id) for paper in papers] == [
        ("Finding sparse trainable neural networks through Neural Tangent Transfer", (), "2006.08228")]
    assert all("PDF Highlight" not in entry.authors for entry in entries)


def test_a_topic_heading_over_paragraphs_of_titled_links_is_a_section_and_each_link_a_paper():
    """Round 9 (alalba, family 1): under `###### topic` each paragraph links a paper by its own
    title; the heading took their links as its own, read as a paper, and the papers as its notes."""
    entries = read_excerpt("auto", """
        ###### sparse recovery

        [Iterative Thresholding for Sparse Signals Revisited](https://arxiv.org/pdf/1111.22222.pdf)

        [A Greedy Pursuit over Learned Dictionaries](https://www.jmlr.org/papers/volume9/someone08a/someone08a.pdf)
        """)
    assert [(entry.kind, entry.title) for entry in entries] == [
        ("other", ""),
        ("paper", "Iterative Thresholding for Sparse Signals Revisited"),
        ("paper", "A Greedy Pursuit over Learned Dictionaries")]
    assert entries[1].arxiv_id == "1111.22222"


def test_a_loose_item_s_later_paragraph_linking_another_titled_paper_is_a_paper_of_its_own():
    """Round 9 (alalba, family 1): `- [Title](arxiv)` with, a blank line on, `  [Other Title](arxiv)`
    in the same item; the line detector took the second paragraph's line and moved the item's
    paper onto it, so one of the two papers was lost."""
    entries = read_excerpt("auto", r"""
        ###### low-rank recovery

        [A Proximal Method for Nuclear Norm Minimization](https://arxiv.org/pdf/0901.11111.pdf)

        [Soft-Impute Variants for Large Sparse Matrices](https://www.jmlr.org/papers/volume12/someone11a/someone11a.pdf)

        - [[2301.00011\] Nuclear Norm Heuristics for Low-Rank Recovery (arxiv.org)](https://arxiv.org/abs/2301.00011)

          [[2301.00012\] Low-Rank Recovery with Corrupted Columns (arxiv.org)](https://arxiv.org/abs/2301.00012)

        - [The Winning Ensemble of a Rating Prediction Contest](https://www.example.edu/stats/contest_report.pdf)

          code [someone/ensemble: A Python take on the winning ensemble (github.com)](https://github.com/someone/ensemble)
        """)
    assert [(paper.line, paper.title, paper.arxiv_id) for paper in papers_of(entries)] == [
        (3, "A Proximal Method for Nuclear Norm Minimization", "0901.11111"),
        (5, "Soft-Impute Variants for Large Sparse Matrices", ""),
        (7, "Nuclear Norm Heuristics for Low-Rank Recovery", "2301.00011"),
        (9, "Low-Rank Recovery with Corrupted Columns", "2301.00012"),
        (11, "The Winning Ensemble of a Rating Prediction Contest", "")]


def test_a_browser_copied_link_label_drops_its_escaped_arxiv_id_and_closing_site_name():
    """Round 9 (alalba, family 2): a link copied from the browser is labelled by the page's title,
    `[[2101.00001\\] Title (arxiv.org)]` (the escaped bracket leaves `2101.00001] Title` as the link's
    text) or `[Title (mit.edu)]`; the id is the arXiv id, the site no part of the title."""
    entries = read_excerpt("auto", r"""
        - [[2101.00001\] Convex Duality for Wide Shallow Networks (arxiv.org)](https://arxiv.org/abs/2101.00001)
        - [[2101.00002\] Mirror Descent Finds Max-Margin Solutions (arxiv.org)](https://example.org/mirror/paper.pdf)
        - [Implicit Bias of Mirror Descent on Separable Data (mit.edu)](https://people.mit.edu/papers/mirror.pdf)
        """)
    assert [(paper.title, paper.arxiv_id) for paper in papers_of(entries)] == [
        ("Convex Duality for Wide Shallow Networks", "2101.00001"),
        ("Mirror Descent Finds Max-Margin Solutions", "2101.00002"),
        ("Implicit Bias of Mirror Descent on Separable Data", "")]


def test_a_venue_and_year_or_the_linked_site_after_a_dash_in_a_link_s_text_is_no_part_of_the_title():
    """Round 9 (nicolehao, family 3): `[Title — arXiv 2024](…)` kept the venue in the title and read
    no year; `[Title — Springer](link.springer.com/…)` kept the site. A dash of the title's own
    (`Learning Rates — the Hard Way`) stays."""
    entries = read_excerpt("auto", """
        - [Wide Networks Stay Near Their Linearization — arXiv 2024](https://arxiv.org/html/2401.00003v1) — a short note on it
        - [Infinite-Width Limits of Residual Networks — Springer](https://link.springer.com/chapter/10.1007/978-3-000-00000-0_1)
        - [Why Wide Networks Generalize – NeurIPS 2019](https://example.org/wide.pdf)
        - [Learning Rates — the Hard Way](https://example.org/rates.pdf)
        """)
    assert [(paper.title, paper.venue, paper.year) for paper in papers_of(entries)] == [
        ("Wide Networks Stay Near Their Linearization", "arXiv 2024", 2024),
        ("Infinite-Width Limits of Residual Networks", "", None),
        ("Why Wide Networks Generalize", "NeurIPS 2019", 2019),
        ("Learning Rates — the Hard Way", "", None)]


def test_an_example_in_parentheses_is_no_venue_so_a_bold_label_over_prose_is_no_paper():
    """Round 9 (nicolehao, family 4): `(e.g. XPINNs)` in a bold-labelled prose bullet read as the
    venue, the only evidence that made the label a paper's title."""
    entries = read_excerpt("auto", """
        - **Open questions** — Scale separation (e.g. MGNets), transfer across geometries, noisy sparse data
        - [Operator Learning on Irregular Meshes](https://arxiv.org/abs/2302.00004) — NeurIPS 2023 (i.e. the main track)
        """)
    assert [(entry.kind, entry.title, entry.venue) for entry in entries] == [
        ("other", "", ""), ("paper", "Operator Learning on Irregular Meshes", "NeurIPS 2023")]


def test_labelled_field_bullets_under_a_details_block_give_its_authors_venue_year_and_link():
    """Tuning (zenn_details_ja: authors, years and venues 0/16): a `:::details Title` block over
    `- 著者: Names`, `- 会議: Venue Year（award）`, `- リンク: address` bullets; the fields sat on other
    lines than the title and were read as entries of their own (`著者: Name` as a paper)."""
    entries = read_excerpt("auto", """
        ## 最適化

        :::details ⭐ Sharpness Bounds for Two-Layer Networks（二層ネットの鋭さ）
        - 著者: Aiko Tanaka, Brian Moore ほか
        - 会議: COLT 2021（Best Student Paper）
        - リンク: https://arxiv.org/abs/2105.00005
        - メモ: 短いメモ。
        :::

        :::details Implicit Regularization of Mirror Descent
        - Authors: Carla Diaz, Deepak Rao
        - Journal: Annals of Statistics (2019)
        :::
        """)
    papers = papers_of(entries)
    assert [(paper.line, paper.title, paper.authors, paper.authors_truncated, paper.venue, paper.year,
             paper.arxiv_id) for paper in papers] == [
        (3, "Sharpness Bounds for Two-Layer Networks", ("Aiko Tanaka", "Brian Moore"), True, "COLT 2021", 2021,
         "2105.00005"),
        (10, "Implicit Regularization of Mirror Descent", ("Carla Diaz", "Deepak Rao"), False,
         "Annals of Statistics", 2019, "")]
    assert {entry.kind for entry in entries if entry.line in (4, 5, 6, 7, 11, 12)} == {"note"}


def test_a_bold_title_key_is_no_part_of_the_title_and_a_closing_bare_arxiv_id_is_the_id():
    """Read on a real list, not in the corpus: `1. **Title**: Title (2503.15579)` kept `Title:` and
    the id in its title, and gave no arXiv id."""
    entries = read_excerpt("auto", """
        1. **Title**: Understanding the Generalization of In-Context Learning in Transformers: An Empirical Study (2503.15579)
           - **Authors**: Xingxuan Zhang, Haoran Wang, Jiansheng Li
        """)
    paper = next(entry for entry in entries if entry.kind == "paper")
    assert (paper.title, paper.arxiv_id, paper.authors[0]) == (
        "Understanding the Generalization of In-Context Learning in Transformers: An Empirical Study", "2503.15579",
        "Xingxuan Zhang")


def test_a_table_with_a_title_column_gives_one_paper_per_row_and_a_table_without_one_none():
    entries = read_excerpt("auto", """
        | Year | Title | Venue | Authors | Links |
        |:----:|-------|:-----:|---------|-------|
        | 2020 | **Scaling Laws for Neural Language Models** | arXiv | Jared Kaplan, Sam McCandlish | [arXiv](https://arxiv.org/abs/2001.08361) |

        | Name | Kind | Link |
        |------|------|------|
        | Neural Tangents | JAX library for infinite-width networks | [GitHub](https://github.com/google/neural-tangents) |
        """)
    paper, tool = entries
    assert (paper.kind, paper.line, paper.title, paper.authors, paper.venue, paper.year, paper.arxiv_id) == (
        "paper", 3, "Scaling Laws for Neural Language Models", ("Jared Kaplan", "Sam McCandlish"), "arXiv", 2020,
        "2001.08361")
    assert (tool.kind, tool.reason) == ("other", "row of a table with no title column")


def test_an_arxiv_named_pdf_gives_the_arxiv_id_and_a_local_slides_pdf_is_not_a_paper():
    paper, slides = read_excerpt("auto", """
        + [Sharp Minima Can Generalize For Deep Nets](./papers/1703.04933.pdf) — Dinh, Pascanu, Bengio, Bengio. ICML 2017.
        + [Slides: double descent, reading group week 3](./slides/double-descent-week3.pdf)
        """)
    assert (paper.title, paper.arxiv_id, paper.year) == ("Sharp Minima Can Generalize For Deep Nets", "1703.04933", 2017)
    # two Bengios by surname alone read as one author listed twice, as in every list (names.py)
    assert (paper.authors, paper.warning) == (("Dinh", "Pascanu", "Bengio"), "author listed twice: Bengio")
    assert slides.kind == "other"


def test_venue_in_backticks_and_venue_in_a_bold_bracket_prefix():
    backticks, prefix = papers_of(read_excerpt("auto", """
        - [Spectrally-normalized margin bounds for neural networks](https://arxiv.org/abs/1706.08498), Peter L. Bartlett, Dylan J. Foster, Matus Telgarsky, `NIPS2017`
        - **[ICLR 2019]** The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks. *Jonathan Frankle, Michael Carbin*. [[paper]](https://arxiv.org/abs/1803.03635) [[code]](https://github.com/google-research/lottery-ticket-hypothesis)
        """))
    assert (backticks.title, backticks.venue, backticks.year) == (
        "Spectrally-normalized margin bounds for neural networks", "NIPS 2017", 2017)
    assert backticks.authors == ("Peter L. Bartlett", "Dylan J. Foster", "Matus Telgarsky")
    assert (prefix.title, prefix.venue, prefix.authors) == (
        "The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks", "ICLR 2019",
        ("Jonathan Frankle", "Michael Carbin"))


def test_numbered_references_in_a_paragraph_are_one_entry_each():
    first, second = read_excerpt("auto", """
        [1] S. Arora, A. Bhaskara, R. Ge, T. Ma. Provable bounds for learning some deep representations. In ICML, 2014. arXiv:1310.6343

        [2] S. Mallat. Understanding deep convolutional networks. Philosophical Transactions of the Royal Society A, 2016. arXiv:1601.04920
        """)
    assert (first.title, first.authors[0], first.year, first.arxiv_id) == (
        "Provable bounds for learning some deep representations", "S. Arora", 2014, "1310.6343")
    assert (second.title, second.line, second.arxiv_id) == ("Understanding deep convolutional networks", 3, "1601.04920")


def test_a_bold_title_paragraph_is_a_paper_and_the_quote_under_it_its_digest():
    paper, course_link = read_excerpt("auto", """
        **Breaking the Curse of Dimensionality with Convex Neural Networks.** Francis Bach. *JMLR*, 2017. [[arXiv]](https://arxiv.org/abs/1412.8690)
        > See also the [blog post on Barron spaces](https://francisbach.com/) for background.

        **Problem set 2:** [ps2.pdf](psets/ps2.pdf), due before lecture 8.
        """)
    assert (paper.kind, paper.line, paper.title, paper.authors, paper.venue, paper.year, paper.arxiv_id) == (
        "paper", 1, "Breaking the Curse of Dimensionality with Convex Neural Networks", ("Francis Bach",), "JMLR",
        2017, "1412.8690")
    assert paper.digest == "See also the blog post on Barron spaces for background."
    assert (course_link.kind, course_link.reason) == ("other", "'Problem set 2:' names no paper")


def test_a_paragraph_of_prose_is_no_paper_and_italics_before_a_year_are_the_venue():
    entries = read_excerpt("auto", """
        Each entry reads **Title.** Authors. *Venue*, Year.

        **Optimal approximation of piecewise smooth functions using deep ReLU neural networks.** Philipp Petersen, Felix Voigtlaender. *Neural Networks*, 2018.
        """)
    assert [(entry.kind, entry.line, entry.venue) for entry in entries] == [
        ("other", 1, ""), ("paper", 3, "Neural Networks")]


def test_a_lead_in_or_links_naming_code_or_a_blog_are_not_papers_and_a_title_may_open_with_in():
    code, blog, paper = read_excerpt("auto", """
        * Code: [PAC-Bayes bounds for deep nets](https://github.com/gkdziugaite/pacbayes-opt) — reference implementation of the UAI 2017 bound
        - **Some Math behind Neural Tangent Kernel** — [blog](https://lilianweng.github.io/posts/2022-09-08-ntk/) | Lilian Weng
        * Behnam Neyshabur, Ryota Tomioka, Nathan Srebro (2015). *In Search of the Real Inductive Bias: On the Role of Implicit Regularization in Deep Learning*. ICLR 2015 Workshop. [arXiv](https://arxiv.org/abs/1412.6614)
        """)
    assert (code.kind, code.reason) == ("other", "'Code:' names no paper")
    assert (blog.kind, blog.reason) == ("other", "links only to its blog, not to a paper")
    assert (paper.kind, paper.title) == (
        "paper", "In Search of the Real Inductive Bias: On the Role of Implicit Regularization in Deep Learning")


def test_tables_of_contents_badges_code_and_talks_are_not_papers():
    entries = read_excerpt("auto", """
        - [Neural Tangent Kernel](#neural-tangent-kernel)
        - ![Last commit](https://img.shields.io/github/last-commit/dl-theory/awesome-dl-theory)
        - [neural-tangents](https://github.com/google/neural-tangents): fast and easy infinite-width networks in JAX (code)
        - **[Tutorial]** Adversarial Robustness: Theory and Practice. *Zico Kolter, Aleksander Madry*. NeurIPS 2018 tutorial. [[website]](https://adversarial-ml-tutorial.org/)
        """)
    assert [entry.kind for entry in entries] == ["other"] * 4
    assert all(entry.reason for entry in entries)


HTML_AND_BADGES = """
    ## Wide networks

    <details>
    <summary>2019</summary>
    <ul>
    <li><a href="https://arxiv.org/abs/1904.11955">On Exact Computation with an Infinitely Wide Neural Net</a>, Sanjeev Arora, Simon S. Du, Wei Hu, Zhiyuan Li, Ruslan Salakhutdinov, Ruosong Wang (NeurIPS 2019)</li>
    <li><a href="https://github.com/google/neural-tangents">neural-tangents</a> (code)</li>
    </ul>
    </details>

    - <a href="https://arxiv.org/abs/1812.07956">On Lazy Training in Differentiable Programming</a> — Lénaïc Chizat, Edouard Oyallon, Francis Bach (NeurIPS 2019)
    - :page_facing_up: **Deep Learning without Poor Local Minima** [![NeurIPS](https://img.shields.io/badge/NeurIPS-2016-blue)](https://papers.nips.cc/paper/6112) [![arXiv](https://img.shields.io/badge/arXiv-1605.07110-b31b1b.svg)](https://arxiv.org/abs/1605.07110)
    - 🔥 Gradient Descent Finds Global Minima of Deep Neural Networks ![ICML 2019](https://img.shields.io/badge/ICML-2019-green) ![arXiv](https://img.shields.io/badge/arXiv-1811.03804-red)
    - ![Last commit](https://img.shields.io/github/last-commit/dl-theory/awesome-dl-theory)
    """


def test_html_list_items_are_read_with_their_summary_as_section():
    entries = {entry.line: entry for entry in read_excerpt("auto", HTML_AND_BADGES)}
    paper, code = entries[6], entries[7]
    assert (paper.kind, paper.title, paper.venue, paper.year, paper.arxiv_id, paper.section) == (
        "paper", "On Exact Computation with an Infinitely Wide Neural Net", "NeurIPS 2019", 2019, "1904.11955",
        ("Wide networks", "2019"))
    assert paper.authors[:2] == ("Sanjeev Arora", "Simon S. Du")
    assert (code.kind, code.reason) == ("other", "code link, not a paper")
    linked = entries[11]
    assert (linked.title, linked.authors, linked.arxiv_id) == (
        "On Lazy Training in Differentiable Programming", ("Lénaïc Chizat", "Edouard Oyallon", "Francis Bach"),
        "1812.07956")


def test_venue_year_and_arxiv_id_stated_only_by_badges_and_emoji_left_out_of_titles():
    entries = {entry.line: entry for entry in read_excerpt("auto", HTML_AND_BADGES)}
    linked_badges, plain_badges, badge_only = entries[12], entries[13], entries[14]
    assert (linked_badges.title, linked_badges.venue, linked_badges.year, linked_badges.arxiv_id) == (
        "Deep Learning without Poor Local Minima", "NeurIPS 2016", 2016, "1605.07110")
    assert (plain_badges.title, plain_badges.venue, plain_badges.year, plain_badges.arxiv_id) == (
        "Gradient Descent Finds Global Minima of Deep Neural Networks", "ICML 2019", 2019, "1811.03804")
    assert (badge_only.kind, badge_only.reason) == ("other", "no text (an image or badge only)")


def test_html_items_and_badges_are_accounted():
    assert len(read_excerpt("auto", HTML_AND_BADGES)) == count_blocks(textwrap.dedent(HTML_AND_BADGES).lstrip("\n"))


def test_topic_and_year_bullets_are_not_papers_and_a_closing_parenthesis_is_the_venue():
    topic, year, *papers = read_excerpt("auto", """
        - Mean field
          - 2018
            - Mean Field Analysis of Neural Networks: A Law of Large Numbers (SIAM J. Appl. Math. 2020) [[pdf]](https://arxiv.org/pdf/1805.01053.pdf)
            - Scaling Limits of Wide Neural Networks with Weight Sharing: Gaussian Process Behavior, Gradient Independence, and Neural Tangent Kernel Derivation (arXiv 2019) [[pdf]](https://arxiv.org/pdf/1902.04760.pdf)
        """)
    assert (topic.kind, year.kind) == ("other", "other")
    assert [(paper.title, paper.venue, paper.year, paper.arxiv_id) for paper in papers] == [
        ("Mean Field Analysis of Neural Networks: A Law of Large Numbers", "SIAM J. Appl. Math", 2020, "1805.01053"),
        ("Scaling Limits of Wide Neural Networks with Weight Sharing: Gaussian Process Behavior, Gradient "
         "Independence, and Neural Tangent Kernel Derivation", "arXiv 2019", 2019, "1902.04760"),
    ]


def test_apa_references_that_say_they_are_a_post_slides_a_video_or_code_are_not_papers():
    paper, post, slides, video, code = read_excerpt("auto", """
        - Dziugaite, G. K., & Roy, D. M. (2017). Computing nonvacuous generalization bounds for deep (stochastic) neural networks with many more parameters than training data. *Uncertainty in Artificial Intelligence*. https://arxiv.org/abs/1703.11008
        - Arora, S. (2017, December 8). Generalization theory and deep nets, an introduction. *Off the Convex Path*. http://www.offconvex.org/2017/12/08/generalization1/
        - Srebro, N. (2017). *Optimization's hidden gift to learning: Implicit regularization* [Lecture slides]. ./slides/srebro-implicit-reg.pdf
        - Bartlett, P. (2019). *Generalization in deep learning* [Video]. Simons Institute. https://simons.berkeley.edu/programs/dl2019
        - Jiang, Y., et al. (2020). *Predicting Generalization in Deep Learning* [Competition and starter code]. GitHub. https://github.com/google-research/google-research
        """)
    # the italics after a plain-text title are the venue, not the title
    assert (paper.kind, paper.title, paper.venue, paper.year, paper.arxiv_id) == (
        "paper", "Computing nonvacuous generalization bounds for deep (stochastic) neural networks with many more "
        "parameters than training data", "Uncertainty in Artificial Intelligence", 2017, "1703.11008")
    assert (post.kind, post.reason) == ("other", "dated to the day, as a post is, not a paper")
    assert [(entry.kind, entry.reason) for entry in (slides, video, code)] == [
        ("other", "'Lecture slides' names no paper"), ("other", "'Video' names no paper"),
        ("other", "'Competition and starter code' names no paper")]


def test_cards_whose_only_link_is_their_video_or_blog_or_whose_venue_is_github_are_not_papers():
    paper, talk, blog, code = read_excerpt("auto", """
        * **Sharpness-Aware Minimization for Efficiently Improving Generalization** (SAM)<br>Pierre Foret, Ariel Kleiner, Hossein Mobahi, Behnam Neyshabur<br>ICLR 2021 · [Paper](https://arxiv.org/abs/2010.01412) · [Code](https://github.com/google-research/sam)
        * **Inductive Bias and Optimization in Deep Learning (talk)**<br>Nathan Srebro<br>Simons Institute 2019 · [Video](https://simons.berkeley.edu/programs/dl2019)
        * **Can increasing depth serve to accelerate optimization?**<br>Nadav Cohen<br>Off the Convex Path 2018 · [Blog](http://www.offconvex.org/2018/03/02/acceleration-overparameterization/)
        * **Sharpness-aware minimization in PyTorch**<br>davda54<br>GitHub · [Code](https://github.com/davda54/sam)
        """)
    # a `<br>` parts the fields; the nickname `(SAM)` gives way to the venue with its year
    assert (paper.title, paper.authors, paper.venue, paper.year) == (
        "Sharpness-Aware Minimization for Efficiently Improving Generalization",
        ("Pierre Foret", "Ariel Kleiner", "Hossein Mobahi", "Behnam Neyshabur"), "ICLR 2021", 2021)
    assert (talk.kind, talk.reason) == ("other", "links only to its Video, not to a paper")
    assert (blog.kind, blog.reason) == ("other", "links only to its Blog, not to a paper")
    assert (code.kind, code.reason) == ("other", "'GitHub' hosts code or videos, it is no venue")


def test_posts_threads_lecture_notes_and_workshops_are_not_papers_and_a_name_with_a_year_is_no_venue():
    post, thread, notes, workshop, course, paper = read_excerpt("auto", """
        - [Spectral bias and implicit regularization, explained](https://someone.github.io/posts/spectral-bias/) - Jane Doe, 2020
        - [Twitter thread on grokking](https://twitter.com/someone/status/1234567890) - Neel Nanda, 2022
        - [Deep learning theory lecture notes](https://mjt.cs.illinois.edu/dlt/) - Matus Telgarsky, 2021
        - [Theory of Deep Learning workshop](https://sites.google.com/view/icml2018-theory-dl) - ICML 2018 Workshop
        - [Stanford STATS 385: Theories of Deep Learning](https://stats385.github.io/) (Fall 2017)
        - [Deep Learning without Poor Local Minima](https://www.kenjikawaguchi.com/papers/dlwplm.html) - Kenji Kawaguchi, 2016
        """)
    assert [(entry.kind, entry.reason) for entry in (post, thread, notes, workshop)] == [
        ("other", "blog or post link, not a paper"), ("other", "blog or post link, not a paper"),
        ("other", "'Deep learning theory lecture notes' names a lecture, not a paper"),
        ("other", "'Theory of Deep Learning workshop' names a workshop, not a paper")]
    assert course.kind == "other"  # `Fall 2017` is a term, not a venue
    assert (paper.kind, paper.authors, paper.venue, paper.year) == ("paper", ("Kenji Kawaguchi",), "", 2016)


def test_a_person_linked_to_a_homepage_is_not_a_paper_but_a_two_word_title_with_its_year_is():
    person, other_person, paper = read_excerpt("auto", """
        - [Sanjeev Arora](https://www.cs.princeton.edu/~arora/) - Princeton University
        - [Matus Telgarsky](https://mjt.cs.illinois.edu/), UIUC
        - Flat Minima — Sepp Hochreiter, Jürgen Schmidhuber (Neural Computation 1997)
        """)
    assert (person.kind, person.reason) == ("other", "'Sanjeev Arora' names a person, with no year")
    assert other_person.kind == "other"
    assert (paper.kind, paper.title, paper.venue) == ("paper", "Flat Minima", "Neural Computation 1997")


def test_a_news_line_dated_to_the_month_is_not_a_paper_but_a_paper_dated_so_is():
    news, other_news, paper = read_excerpt("auto", """
        - **2023.03.01**: We released the [survey](https://arxiv.org/abs/2303.00001) on deep learning theory!
        - 2022/11: Our paper [Grokking: Generalization Beyond Overfitting](https://arxiv.org/abs/2201.02177) is accepted to ICLR 2023 🎉
        - [2023/03] **Scaling Laws for Neural Language Models** [[paper](https://arxiv.org/abs/2001.08361)]
        """)
    assert [(entry.kind, entry.reason) for entry in (news, other_news)] == [
        ("other", "a dated news line, not a paper")] * 2
    assert (paper.kind, paper.title, paper.arxiv_id) == ("paper", "Scaling Laws for Neural Language Models", "2001.08361")


def test_a_paper_with_only_its_code_link_and_a_venue_stays_a_paper():
    paper, = read_excerpt("auto", """
        - Sharpness-Aware Minimization for Efficiently Improving Generalization, ICLR 2021 [[code]](https://github.com/google-research/sam)
        """)
    assert (paper.kind, paper.venue) == ("paper", "ICLR 2021")


def test_an_italic_author_sub_bullet_gives_the_authors_and_a_question_title_goes_on_past_its_mark():
    paper, authors, question = read_excerpt("auto", """
        - Deep Neural Networks as Gaussian Processes. [[arXiv](https://arxiv.org/abs/1711.00165)]
          - *Jaehoon Lee, Yasaman Bahri, Roman Novak, Samuel S. Schoenholz, Jeffrey Pennington, Jascha Sohl-Dickstein*
        - [ ] What Happens after SGD Reaches Zero Loss? A Mathematical Framework — Zhiyuan Li, Tianhao Wang, Sanjeev Arora (ICLR 2022) [pdf](https://arxiv.org/pdf/2110.06914.pdf)
        """)
    assert paper.authors == ("Jaehoon Lee", "Yasaman Bahri", "Roman Novak", "Samuel S. Schoenholz",
                             "Jeffrey Pennington", "Jascha Sohl-Dickstein")
    assert authors.kind == "note"
    assert (question.title, question.authors, question.venue) == (
        "What Happens after SGD Reaches Zero Loss? A Mathematical Framework",
        ("Zhiyuan Li", "Tianhao Wang", "Sanjeev Arora"), "ICLR 2022")


@pytest.mark.parametrize("line", [
    "- `ICML 2017` Sharp Minima Can Generalize For Deep Nets [paper](https://arxiv.org/abs/1703.04933)",
    "- [2017 ICML] Sharp Minima Can Generalize For Deep Nets [[paper]](https://arxiv.org/abs/1703.04933)",
    "- 2017.03 | Sharp Minima Can Generalize For Deep Nets | Laurent Dinh, Razvan Pascanu | ICML 2017 | [link](https://arxiv.org/abs/1703.04933)",
    '- L. Dinh, R. Pascanu, S. Bengio, and Y. Bengio, "Sharp Minima Can Generalize For Deep Nets," in ICML, 2017, pp. 1019–1028.',
])
def test_a_venue_before_the_title_in_code_or_year_first_brackets_pipes_and_ieee_read_the_same(line):
    paper, = read_excerpt("auto", line)
    assert (paper.kind, paper.title, paper.year) == ("paper", "Sharp Minima Can Generalize For Deep Nets", 2017)
    assert paper.venue in ("ICML 2017", "ICML")


def test_authors_and_year_in_bold_or_before_a_dash_are_not_the_title():
    bold, dashed = read_excerpt("auto", """
        1. **Zhang et al. (2017)** - Understanding deep learning requires rethinking generalization. ICLR. [arXiv](https://arxiv.org/abs/1611.03530)
        2. Kaplan et al. (2020) — Scaling Laws for Neural Language Models [paper](https://arxiv.org/abs/2001.08361)
        """)
    assert (bold.title, bold.authors, bold.year) == (
        "Understanding deep learning requires rethinking generalization", ("Zhang",), 2017)
    assert (dashed.title, dashed.authors, dashed.year) == ("Scaling Laws for Neural Language Models", ("Kaplan",), 2020)


def test_a_venue_in_the_title_link_or_bold_parentheses_and_surnames_joined_by_and_are_read_apart():
    in_link, bold, surnames = read_excerpt("auto", """
        - [Implicit Gradient Regularization (ICLR 2021)](https://arxiv.org/abs/2009.11162)
        - 🔥 [Gradient Descent on Neural Networks Typically Occurs at the Edge of Stability](https://arxiv.org/abs/2103.00065) **(ICLR 2021 Oral)**
        - Implicit Gradient Regularization (Barrett & Dherin, ICLR 2021) [📄](https://arxiv.org/abs/2009.11162)
        """)
    assert (in_link.title, in_link.venue) == ("Implicit Gradient Regularization", "ICLR 2021")
    assert bold.venue == "ICLR 2021"  # how it was presented (Oral) is not where it appeared
    assert (surnames.title, surnames.authors, surnames.venue) == (
        "Implicit Gradient Regularization", ("Barrett", "Dherin"), "ICLR 2021")


def test_a_bracketed_year_before_the_title_is_the_year_and_not_part_of_the_title():
    paper, = read_excerpt("auto", """
        - [2020] Implicit Regularization in Deep Learning May Not Be Explainable by Norms - Noam Razin, Nadav Cohen [paper](https://arxiv.org/abs/2005.06398)
        """)
    assert (paper.title, paper.authors, paper.year, paper.arxiv_id) == (
        "Implicit Regularization in Deep Learning May Not Be Explainable by Norms", ("Noam Razin", "Nadav Cohen"),
        2020, "2005.06398")


def test_plain_text_references_with_no_links_part_title_from_one_name_et_al_or_particles():
    one, et_al, particles = read_excerpt("auto", """
        * Tensor Programs II: Neural Tangent Kernel for Any Architecture, Greg Yang. arXiv:2006.14548
        * Deep Neural Networks as Gaussian Processes, Jaehoon Lee et al. ICLR 2018. arXiv:1711.00165
        * Gaussian Process Behaviour in Wide Deep Neural Networks, Alexander G. de G. Matthews, Mark Rowland, Jiri Hron, Richard E. Turner, Zoubin Ghahramani. ICLR 2018. arXiv:1804.11271
        """)
    assert (one.title, one.authors, one.venue, one.arxiv_id) == (
        "Tensor Programs II: Neural Tangent Kernel for Any Architecture", ("Greg Yang",), "", "2006.14548")
    assert (et_al.title, et_al.authors, et_al.venue) == (
        "Deep Neural Networks as Gaussian Processes", ("Jaehoon Lee",), "ICLR 2018")
    assert (particles.title, particles.authors[0]) == (
        "Gaussian Process Behaviour in Wide Deep Neural Networks", "Alexander G. de G. Matthews")


def test_works_cited_paragraphs_in_mla_chicago_and_acm_are_references_with_their_authors_and_container():
    mla, chicago, blog, acm = read_excerpt("auto", """
        Garg, Shivam, et al. "What Can Transformers Learn In-Context? A Case Study of Simple Function Classes." *Advances in Neural Information Processing Systems*, vol. 35, 2022, arxiv.org/abs/2208.01066.

        Bartlett, Peter L., Dylan J. Foster, and Matus Telgarsky. "Spectrally-Normalized Margin Bounds for Neural Networks." In *Advances in Neural Information Processing Systems*, 6240–49. 2017.

        Steinhardt, Jacob. "Future ML Systems Will Be Qualitatively Different." *Bounded Regret*, 11 Jan. 2022, bounded-regret.ghost.io/future-ml-systems-will-be-qualitatively-different/.

        * Youngmin Cho and Lawrence K. Saul. 2009. Kernel Methods for Deep Learning. In *Advances in Neural Information Processing Systems*, Vol. 22.
        """)
    assert (mla.title, mla.authors, mla.authors_truncated, mla.venue, mla.year, mla.arxiv_id) == (
        "What Can Transformers Learn In-Context? A Case Study of Simple Function Classes", ("Garg, Shivam",), True,
        "Advances in Neural Information Processing Systems", 2022, "2208.01066")
    assert chicago.authors == ("Bartlett, Peter L.", "Dylan J. Foster", "Matus Telgarsky")
    assert blog.kind == "other"  # dated to the day, as a post is
    assert (acm.title, acm.authors, acm.year) == (
        "Kernel Methods for Deep Learning", ("Youngmin Cho", "Lawrence K. Saul"), 2009)


def test_a_nature_reference_opens_with_surnames_and_initials_and_its_italics_are_the_journal():
    paper, = read_excerpt("auto", """
        1. Belkin, M., Hsu, D., Ma, S. & Mandal, S. Reconciling modern machine-learning practice and the classical bias–variance trade-off. *Proc. Natl Acad. Sci. USA* **116**, 15849–15854 (2019). [arXiv](https://arxiv.org/abs/1812.11118)
        """)
    assert (paper.title, paper.authors, paper.venue, paper.year) == (
        "Reconciling modern machine-learning practice and the classical bias–variance trade-off",
        ("Belkin, M.", "Hsu, D.", "Ma, S.", "Mandal, S."), "Proc. Natl Acad. Sci. USA", 2019)


def test_a_definition_list_term_is_the_title_and_its_definitions_the_authors_venue_and_links():
    paper, library = read_excerpt("auto", """
        Identifying and attacking the saddle point problem in high-dimensional non-convex optimization
        : Yann N. Dauphin, Razvan Pascanu, Caglar Gulcehre, Kyunghyun Cho, Surya Ganguli, Yoshua Bengio
        : NIPS 2014 · [arXiv:1406.2572](https://arxiv.org/abs/1406.2572)

        Neural Tangents
        : a JAX library for infinite-width networks
        : [GitHub](https://github.com/google/neural-tangents)
        """)
    assert (paper.title, paper.authors[0], paper.venue, paper.arxiv_id) == (
        "Identifying and attacking the saddle point problem in high-dimensional non-convex optimization",
        "Yann N. Dauphin", "NIPS 2014", "1406.2572")
    assert library.kind == "other"


def test_property_lines_under_a_block_are_its_fields_and_a_tag_may_say_it_is_no_paper():
    paper, labelled, code = read_excerpt("auto", """
        - DONE [[Theoretically Principled Trade-off between Robustness and Accuracy]] (TRADES) #robustness
          authors:: [[Hongyang Zhang]], [[Yaodong Yu]], [[Jiantao Jiao]]
          venue:: ICML 2019
          url:: https://arxiv.org/abs/1901.08573
        1. **SNIP: Single-shot Network Pruning based on Connection Sensitivity**（SNIP：基于连接敏感度的单次剪枝） [ICLR'19]
           作者 Authors：Namhoon Lee, Thalaiyasingam Ajanthan, Philip H. S. Torr
           [论文 Paper](https://arxiv.org/abs/1810.02340)
        - [robustness](https://github.com/MadryLab/robustness) (Python library from MadryLab) #code
        """)
    assert (paper.title, paper.authors, paper.venue, paper.year, paper.arxiv_id) == (
        "Theoretically Principled Trade-off between Robustness and Accuracy",
        ("Hongyang Zhang", "Yaodong Yu", "Jiantao Jiao"), "ICML 2019", 2019, "1901.08573")
    assert (labelled.authors, labelled.arxiv_id) == (
        ("Namhoon Lee", "Thalaiyasingam Ajanthan", "Philip H. S. Torr"), "1810.02340")
    assert code.kind == "other"


def test_headerless_pipe_fields_are_read_by_what_each_looks_like():
    paper, = read_excerpt("auto", """
        - 2017 | NIPS | Spectrally-normalized margin bounds for neural networks | P. L. Bartlett, D. J. Foster, M. Telgarsky | arXiv:1706.08498
        """)
    assert (paper.title, paper.authors, paper.venue, paper.year, paper.arxiv_id) == (
        "Spectrally-normalized margin bounds for neural networks", ("P. L. Bartlett", "D. J. Foster", "M. Telgarsky"),
        "NIPS", 2017, "1706.08498")


def test_a_log_date_opening_an_entry_is_not_the_title_nor_the_year_and_the_presenter_no_author():
    paper, social = read_excerpt("auto", """
        - **Mon 25 Mar 2024** · *Self-Stabilization: The Implicit Bias of Gradient Descent at the Edge of Stability* by Alex Damian, Eshaan Nichani and Jason D. Lee (ICLR 2023). Presenter: Tomás. [arXiv](https://arxiv.org/abs/2209.15594)
        - **Mon 11 Mar 2024** · blog club: the Off the Convex Path posts on SGD, SDEs and sharpness ([offconvex.org](http://www.offconvex.org/))
        """)
    assert (paper.title, paper.authors, paper.year) == (
        "Self-Stabilization: The Implicit Bias of Gradient Descent at the Edge of Stability",
        ("Alex Damian", "Eshaan Nichani", "Jason D. Lee"), 2023)
    assert social.kind == "other"


def test_harvard_single_quotes_and_a_chicago_year_after_the_authors_are_read_too():
    harvard, chicago = read_excerpt("auto", """
        - Jacot, A., Gabriel, F. and Hongler, C. (2018) 'Neural tangent kernel: convergence and generalization in neural networks', *Advances in Neural Information Processing Systems*, 31, pp. 8571–8580.

        Jacot, Arthur, Franck Gabriel, and Clément Hongler. 2018. "Neural Tangent Kernel: Convergence and Generalization in Neural Networks." In *Advances in Neural Information Processing Systems 31*.
        """)
    assert (harvard.title, harvard.authors, harvard.year) == (
        "Neural tangent kernel: convergence and generalization in neural networks",
        ("Jacot, A.", "Gabriel, F.", "Hongler, C."), 2018)
    assert (chicago.title, chicago.authors) == (
        "Neural Tangent Kernel: Convergence and Generalization in Neural Networks",
        ("Jacot, Arthur", "Franck Gabriel", "Clément Hongler"))


def test_vancouver_names_with_initials_and_no_periods_close_before_the_title():
    paper, = read_excerpt("auto", """
        1. Jacot A, Gabriel F, Hongler C. Neural tangent kernel: convergence and generalization in neural networks. Adv Neural Inf Process Syst. 2018;31:8571-80.
        """)
    assert (paper.title, paper.authors, paper.year) == (
        "Neural tangent kernel: convergence and generalization in neural networks",
        ("Jacot A", "Gabriel F", "Hongler C"), 2018)


def test_a_plain_log_date_and_who_presented_are_no_part_of_the_title():
    paper, = read_excerpt("auto", """
        - 2024-03-25 — Neural Tangent Kernel: Convergence and Generalization in Neural Networks (Jacot et al., NeurIPS 2018) — presented by Sam
        """)
    assert (paper.title, paper.authors, paper.venue, paper.year) == (
        "Neural Tangent Kernel: Convergence and Generalization in Neural Networks", ("Jacot",), "NeurIPS 2018", 2018)


def test_chinese_link_labels_are_labels_and_name_code_or_videos():
    paper, video, code = read_excerpt("auto", """
        - **Spectrally-normalized margin bounds for neural networks** — Peter L. Bartlett, Dylan J. Foster, Matus Telgarsky (NIPS 2017) [[论文]](https://arxiv.org/abs/1706.08498) [[知乎笔记]](https://zhuanlan.zhihu.com/p/71203452)
        - **深度学习理论讲座 Deep learning theory lectures** — Matus Telgarsky [[视频]](https://www.youtube.com/playlist?list=dl-theory-lectures)
        - **Neural Tangents** — Google Research [[代码]](https://github.com/google/neural-tangents)
        """)
    assert (paper.title, paper.venue, paper.arxiv_id) == (
        "Spectrally-normalized margin bounds for neural networks", "NIPS 2017", "1706.08498")
    assert (video.kind, code.kind) == ("other", "other")


@pytest.mark.parametrize("line", [
    "- Deep Learning without Poor Local Minima (Kenji Kawaguchi, NeurIPS 2016) [[pdf]](https://arxiv.org/pdf/1605.07110.pdf)",
    "- Deep Learning without Poor Local Minima - Kenji Kawaguchi - NeurIPS 2016",
    '- "Deep Learning without Poor Local Minima", Kenji Kawaguchi, NeurIPS 2016.',
    "- *Deep Learning without Poor Local Minima*, Kenji Kawaguchi, NeurIPS 2016",
    "- [Deep Learning without Poor Local Minima](https://arxiv.org/abs/1605.07110) (NeurIPS 2016) by Kenji Kawaguchi",
    "- Kenji Kawaguchi. Deep Learning without Poor Local Minima. NeurIPS 2016.",
])
def test_one_reference_written_six_ways_reads_the_same(line):
    (paper,) = read_excerpt("auto", line)
    assert (paper.title, paper.authors, paper.venue, paper.year) == (
        "Deep Learning without Poor Local Minima", ("Kenji Kawaguchi",), "NeurIPS 2016", 2016)


@pytest.mark.parametrize("markdown", [
    "- " + "a. " * 7000,  # sentences without end: reading them all would take minutes
    "<ul>" + "<li>" * 5000 + "</ul>",  # items the HTML closes one by one
    "| Title |\n|---|\n| " + "A. " * 7000 + "|",
    "[1] " + "Aa, " * 5000,
    # a front matter of aliases of aliases ("billion laughs"): each node is read once
    "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))
    + "papers:\n  - title: T\n    links: *i\n---\n",
    "@article{key,\n" * 3000,  # records that never close
    "{{< paper title=\"x\"\n" * 3000,
], ids=["sentences", "html-items", "table-cell", "reference", "yaml-aliases", "bibtex-unclosed",
        "shortcode-unclosed"])
def test_hostile_entries_are_read_in_bounded_time_and_every_item_accounted(markdown):
    entries = read_excerpt("auto", markdown)
    assert len(entries) == count_blocks(markdown)
    assert not papers_of(entries)


def test_html_lists_nested_past_the_limit_stop_the_build_naming_the_line():
    with pytest.raises(InputError, match="HTML lists nested more than 20 deep"):
        read_excerpt("auto", "# A list\n\n" + "<ul><li>x\n" * 30)


# The six lists first written for development, named so that the seeds keep their cases as the
# corpus grows (held-out sets move into dev/ once measured).
FIRST_DEV_LISTS = ("backtick_venue", "bold_venue_prefix", "heading_papers", "numbered_refs", "reflinks_pdf",
                   "table_rows")
MUTATED = [CORPUS / "dev" / f"{name}.md" for name in FIRST_DEV_LISTS] + sorted(
    (ROOT / "data" / "sources").glob("*.txt"))


@pytest.mark.parametrize("seed", range(24))
def test_a_mutated_list_read_by_auto_keeps_every_block_or_stops_with_one_line(tmp_path, seed):
    """test_fuzz.py's mutations, applied to the dev lists and the seeds read with `auto`."""
    rng = random.Random(seed)
    original = rng.choice(MUTATED)
    mutation = rng.choice(MUTATIONS)
    data = mutation(original.read_bytes(), rng)
    path = tmp_path / "list.md"
    path.write_bytes(data)
    what = f"{mutation.__name__} of {original.name} (seed {seed})"
    source = Source(id="mutated", title="mutated", file="list.md", format="auto")
    try:
        entries = parse_document(read_source(source, tmp_path))
    except InputError as error:
        assert "\n" not in str(error) and re.match(rf"{re.escape(str(tmp_path))}/\S+:\d+: \S", str(error)), what
        return
    text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    assert len(entries) - len(added_by_the_detector(entries)) == count_blocks(text), what


# --- templates ----------------------------------------------------------------------------------

# The "Contributing" section of the newer upstream README of list 002, as written there.
CONTRIBUTING_TEMPLATE = """
# Contributing

Formatting (The order of the papers is reversed based on the initial submission time to arXiv)
- Paper Title [[paper]](https://arxiv.org/abs/xxxx.xxxx)
  - Authors. *Published Conference or Journal*
  - Key Word: XXX.
  - <details><summary>Digest</summary> XXXXXX
"""


@pytest.mark.parametrize("format_name", ["awesome_digest", "auto"])
def test_the_contributing_template_of_list_002_is_not_a_paper(format_name):
    entries = read_excerpt(format_name, CONTRIBUTING_TEMPLATE)
    template = next(entry for entry in entries if entry.line == 4)
    assert template.kind == "other"
    assert "template" in template.reason
    assert papers_of(entries) == []


def test_a_manifest_line_with_no_format_is_read_by_auto(tmp_path):
    (tmp_path / "list.md").write_text("- [Deep Learning without Poor Local Minima](https://arxiv.org/abs/1605.07110), "
                                      "Kenji Kawaguchi, `NIPS2016`\n", encoding="utf-8")
    manifest = tmp_path / "sources.yml"
    manifest.write_text("sources:\n  - id: x\n    title: A list\n    file: list.md\n", encoding="utf-8")
    (source,) = load_manifest(manifest)
    assert source.format == "auto"
    (paper,) = parse_document(read_source(source, tmp_path))
    assert (paper.title, paper.arxiv_id, paper.year) == ("Deep Learning without Poor Local Minima", "1605.07110", 2016)


def test_a_list_added_with_one_manifest_line_builds_into_the_atlas(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(CURATION, data)
    shutil.copy(CORPUS / "dev" / "backtick_venue.md", data / "sources" / "backtick_venue.md")
    (data / "sources.yml").write_text(
        "sources:\n  - id: dl-theory\n    title: Awesome Deep Learning Theory\n    file: sources/backtick_venue.md\n",
        encoding="utf-8")
    report = build(data / "sources.yml", tmp_path / "dist", data, TAXONOMY)
    db = sqlite3.connect(tmp_path / "dist" / "atlas.db")
    (papers,) = db.execute("select count(distinct paper_id) from entries where kind = 'paper'").fetchone()
    (ntk,) = db.execute("select year from papers where title = ?",
                        ["Neural Tangent Kernel: Convergence and Generalization in Neural Networks"]).fetchone()
    assert (report["entries"], papers, ntk) == (count_blocks((CORPUS / "dev" / "backtick_venue.md").read_text()), 26, 2018)


# --- blocks no structure rule claims, scored by their content -------------------------------------

def test_a_footnote_definition_or_a_sub_numbered_line_is_a_paper_by_its_content():
    footnote, sub_numbered, note_line, talk = read_excerpt("auto", """
        [^3]: Lénaïc Chizat, Edouard Oyallon, Francis Bach. "On Lazy Training in Differentiable Programming." NeurIPS 2019. [arXiv](https://arxiv.org/abs/1812.07956)

        1.3 Sharp Minima Can Generalize For Deep Nets. Laurent Dinh, Razvan Pascanu, Samy Bengio, Yoshua Bengio (ICML 2017)
        → reparametrization changes sharpness but not the function
        2.5 Lecture: Generalization bounds for deep nets, Matus Telgarsky. [video](https://www.youtube.com/watch?v=gen123)

        [^talk]: Talk: Francis Bach, "Gradient descent on infinitely wide neural networks", [YouTube](https://www.youtube.com/watch?v=abc123) (2020)
        """)
    assert (footnote.kind, footnote.title, footnote.authors, footnote.year, footnote.arxiv_id) == (
        "paper", "On Lazy Training in Differentiable Programming",
        ("Lénaïc Chizat", "Edouard Oyallon", "Francis Bach"), 2019, "1812.07956")
    # the arrow line is a note of its group, not part of the title; the next number opens a block
    assert (sub_numbered.kind, sub_numbered.title, sub_numbered.venue, sub_numbered.digest) == (
        "paper", "Sharp Minima Can Generalize For Deep Nets", "ICML 2017",
        "reparametrization changes sharpness but not the function")
    assert (note_line.line, note_line.kind) == (5, "other")
    assert (talk.kind, talk.reason) == ("other", "'talk' names no paper")


def test_a_callout_is_a_paper_by_its_title_line_and_bold_fields_and_a_video_callout_is_not():
    paper, video = read_excerpt("auto", """
        > [!paper]- Gradient Descent Maximizes the Margin of Homogeneous Neural Networks
        > **Authors:** Kaifeng Lyu, Jian Li
        > **Venue:** ICLR 2020 · [arXiv](https://arxiv.org/abs/1906.05890)

        > [!video]- Implicit regularization in deep learning
        > **Authors:** Nathan Srebro
        > **Venue:** Simons Institute 2017 · [YouTube](https://www.youtube.com/watch?v=xyz987)
        """)
    assert (paper.kind, paper.title, paper.authors, paper.year, paper.arxiv_id) == (
        "paper", "Gradient Descent Maximizes the Margin of Homogeneous Neural Networks",
        ("Kaifeng Lyu", "Jian Li"), 2020, "1906.05890")
    assert (video.kind, video.reason) == ("other", "'video' names no paper")


def test_a_sentence_citing_a_paper_is_no_paper():
    (prose,) = read_excerpt("auto", """
        As shown in [Understanding deep learning requires rethinking generalization](https://arxiv.org/abs/1611.03530), networks fit random labels.
        """)
    assert (prose.kind, prose.reason) == ("other", "a sentence citing a paper, not an entry")


def test_an_html_table_written_a_cell_a_line_carries_a_rowspan_cell_down_and_puts_the_paper_at_its_title():
    first, second = read_excerpt("auto", """
        <table>
          <tr><th>Year</th><th>Paper</th><th>Venue</th></tr>
          <tr>
            <td rowspan="2">2019</td>
            <td><a href="https://arxiv.org/abs/1812.11118">Reconciling modern machine-learning practice and the classical bias–variance trade-off</a></td>
            <td>PNAS</td>
          </tr>
          <tr>
            <td><a href="https://arxiv.org/abs/1903.08560">Surprises in High-Dimensional Ridgeless Least Squares Interpolation</a></td>
            <td>Annals of Statistics</td>
          </tr>
        </table>
        """)
    assert [(paper.line, paper.title[:25], paper.venue, paper.year) for paper in (first, second)] == [
        (5, "Reconciling modern machin", "PNAS", 2019), (9, "Surprises in High-Dimensi", "Annals of Statistics", 2019)]


def test_an_issue_number_and_its_venue_tag_are_no_part_of_a_linked_title():
    paper, meta = read_excerpt("auto", """
        - 🟣 [#44 [NeurIPS 2018] Visualizing the Loss Landscape of Neural Nets](https://github.com/landscape-rg/papers/issues/44) · closed 22 May 2023 · `visualization`
        - 🟢 [#58 [Meta] Fall 2023 schedule and presenters](https://github.com/landscape-rg/papers/issues/58) · opened 18 Sep 2023 · `meta`
        """)
    assert (paper.kind, paper.title, paper.venue, paper.year) == (
        "paper", "Visualizing the Loss Landscape of Neural Nets", "NeurIPS 2018", 2018)
    assert meta.kind == "other"


def test_a_nickname_after_a_title_is_left_out_but_an_abbreviation_of_its_last_words_stays():
    nickname, abbreviation = read_excerpt("auto", """
        - **Tensor Programs IV: Feature Learning in Infinite-Width Neural Networks (μP)** — Greg Yang, Edward J. Hu (ICML 2021) [arXiv](https://arxiv.org/abs/2011.14522)
        - **On the Validity of Modeling SGD with Stochastic Differential Equations (SDEs)** — Zhiyuan Li, Sadhika Malladi, Sanjeev Arora (NeurIPS 2021) [arXiv](https://arxiv.org/abs/2102.12470)
        """)
    assert nickname.title == "Tensor Programs IV: Feature Learning in Infinite-Width Neural Networks"
    assert abbreviation.title == "On the Validity of Modeling SGD with Stochastic Differential Equations (SDEs)"


def test_what_follows_a_title_may_say_it_is_a_repository_or_a_lecture_and_italics_after_the_authors_are_the_title():
    code, paper = read_excerpt("auto", """
        Belkin, Mikhail. 2020. “The Puzzle of Interpolation.” Video lecture, Simons Institute program on the Foundations of Deep Learning. <https://simons.berkeley.edu/programs/dl2019>.

        [^1]: Yann LeCun, John S. Denker, Sara A. Solla. *Optimal Brain Damage*. NIPS 1989.
        """)
    assert (code.kind, code.reason) == ("other", "'Video lecture' after the title names no paper")
    assert (paper.kind, paper.title, paper.venue) == ("paper", "Optimal Brain Damage", "NIPS 1989")


# --- records of fields (field_records.py, record_reader.py) --------------------------------------

def test_a_yaml_sequence_in_the_front_matter_gives_a_paper_a_mapping_at_the_line_of_its_title():
    settings, paper, blog, template, page = read_excerpt("auto", """
        ---
        title: Wide networks
        papers:
          - title: "Neural Tangent Kernel: Convergence and Generalization in Neural Networks"
            authors: [Arthur Jacot, Franck Gabriel, Clément Hongler]
            venue: NeurIPS
            year: 2018
            arxiv: 1806.07572
          - title: Ultra-wide deep nets and the Neural Tangent Kernel (NTK)
            type: blog
            url: https://www.offconvex.org/2019/10/03/NTK/
          - title: Paper Title
            authors: [First Author]
            url: https://arxiv.org/abs/xxxx.xxxxx
        ---

        # Wide networks
        """)
    assert page.kind == "other"  # the page's heading
    assert (settings.line, settings.kind, settings.reason) == (1, "other", "lines of a yaml block that hold no record")
    # an unquoted `1806.07572` is read as written, not as the number YAML would make of it
    assert (paper.kind, paper.line, paper.title, paper.authors, paper.year, paper.venue, paper.arxiv_id) == (
        "paper", 4, "Neural Tangent Kernel: Convergence and Generalization in Neural Networks",
        ("Arthur Jacot", "Franck Gabriel", "Clément Hongler"), 2018, "NeurIPS", "1806.07572")
    assert (blog.kind, blog.line, blog.reason) == ("other", 9, "its type 'blog' names no paper")
    assert (template.kind, template.reason) == ("other", "template: 'Paper Title' is a placeholder, not a paper")


def test_a_front_matter_of_page_settings_is_no_record_and_reads_as_before():
    markdown = """
        ---
        title: A reading list
        layout: page
        ---

        - [Deep Information Propagation](https://arxiv.org/abs/1611.01232), Schoenholz et al., ICLR 2017
        """
    assert find_regions(textwrap.dedent(markdown).lstrip("\n").split("\n")) == []
    assert [entry.title for entry in papers_of(read_excerpt("auto", markdown))] == ["Deep Information Propagation"]


@pytest.mark.parametrize("record", [
    """
    ```json
    [{"name": "Deep Information Propagation", "by": "Samuel S. Schoenholz, Justin Gilmer, Surya Ganguli, Jascha Sohl-Dickstein", "conference": "ICLR 2017", "pdf": "https://arxiv.org/pdf/1611.01232.pdf"}]
    ```
    """,
    """
    ```jsonl
    {"paper": "Deep Information Propagation", "author": ["Samuel S. Schoenholz", "Justin Gilmer", "Surya Ganguli", "Jascha Sohl-Dickstein"], "journal": "ICLR", "date": "2017-04", "links": {"arxiv": "https://arxiv.org/abs/1611.01232"}}
    ```
    """,
    """
    * DONE [#A] Deep Information Propagation :signal_propagation:
      :PROPERTIES:
      :AUTHOR: Samuel S. Schoenholz and Justin Gilmer and Surya Ganguli and Jascha Sohl-Dickstein
      :BOOKTITLE: ICLR 2017
      :URL: [[https://arxiv.org/abs/1611.01232][arXiv]]
      :END:
    """,
    """
    {{< publication name="Deep Information Propagation" authors="Samuel S. Schoenholz; Justin Gilmer; Surya Ganguli; Jascha Sohl-Dickstein" venue="ICLR" year="2017" arxiv="1611.01232" >}}
    """,
    """
    @inproceedings{schoenholz2017deep,
      author = {Schoenholz, Samuel S. and Gilmer, Justin and Ganguli, Surya and Sohl-Dickstein, Jascha},
      title = {Deep Information Propagation},
      booktitle = {ICLR 2017},
      eprint = {1611.01232}, archivePrefix = {arXiv}
    }
    """,
    """
    Paper: Deep Information Propagation
    Authors: Samuel S. Schoenholz, Justin Gilmer, Surya Ganguli, Jascha Sohl-Dickstein
    Published in: ICLR 2017
    arXiv: 1611.01232
    """,
    """
    +++
    title = "Signal propagation"

    [[papers]]
    title = "Deep Information Propagation"
    authors = ["Samuel S. Schoenholz", "Justin Gilmer", "Surya Ganguli", "Jascha Sohl-Dickstein"]
    venue = "ICLR"
    year = 2017
    arxiv = "1611.01232"
    +++
    """,
    """
    ```csv
    Paper,Authors,Venue,Year,arXiv
    Deep Information Propagation,Samuel S. Schoenholz; Justin Gilmer; Surya Ganguli; Jascha Sohl-Dickstein,ICLR,2017,1611.01232
    ```
    """,
    """
    TY  - CONF
    TI  - Deep Information Propagation
    AU  - Schoenholz, Samuel S.
    AU  - Gilmer, Justin
    AU  - Ganguli, Surya
    AU  - Sohl-Dickstein, Jascha
    T2  - ICLR
    PY  - 2017
    UR  - https://arxiv.org/abs/1611.01232
    ER  -
    """,
    """
    <Paper
      title="Deep Information Propagation"
      authors={["Samuel S. Schoenholz", "Justin Gilmer", "Surya Ganguli", "Jascha Sohl-Dickstein"]}
      venue="ICLR" year={2017} href="https://arxiv.org/abs/1611.01232"
    />
    """,
], ids=["json array", "json lines", "org drawer", "shortcode", "bibtex", "field block", "toml tables", "csv",
        "ris", "mdx component"])
def test_one_paper_as_a_record_of_fields_under_any_key_names_reads_the_same(record):
    (paper,) = papers_of(read_excerpt("auto", record))
    assert (paper.title, paper.authors, paper.year, paper.arxiv_id) == (
        "Deep Information Propagation", ("Samuel S. Schoenholz", "Justin Gilmer", "Surya Ganguli", "Jascha Sohl-Dickstein"),
        2017, "1611.01232")
    assert paper.venue.startswith("ICLR")


def test_a_zotero_note_is_a_paper_by_its_metadata_and_its_item_type_may_say_it_is_a_post():
    paper, post = read_excerpt("auto", """
        # Flat Minima

        ## Metadata

        * Item Type: [[Journal Article]]
        * Authors: [[Sepp Hochreiter]], [[Jürgen Schmidhuber]]
        * Date: [[1997-01-01]]
        * Publication: Neural Computation

        # Escaping from Saddle Points

        * Item Type: [[Blog Post]]
        * Authors: [[Rong Ge]]
        * URL: https://www.offconvex.org/2016/03/22/saddlepoints/
        """)
    assert (paper.kind, paper.line, paper.title, paper.authors, paper.year, paper.venue) == (
        "paper", 1, "Flat Minima", ("Sepp Hochreiter", "Jürgen Schmidhuber"), 1997, "Neural Computation")
    assert (post.kind, post.reason) == ("other", "its item type 'Blog Post' names no paper")


def test_bibtex_names_are_read_first_name_first_and_a_scholar_arxiv_journal_gives_venue_and_id():
    (paper,) = read_excerpt("auto", """
        @article{bartlett2020benign,
          title = {Benign overfitting in linear regression},
          author = {Bartlett, Peter L. and Long, Philip M. and Lugosi, G{\\'a}bor and Tsigler, Alexander},
          journal = {arXiv preprint arXiv:1906.11300},
          year = {2019}
        }
        """)
    assert (paper.line, paper.authors, paper.venue, paper.arxiv_id, paper.year) == (
        2, ("Peter L. Bartlett", "Philip M. Long", "Gábor Lugosi", "Alexander Tsigler"), "arXiv preprint",
        "1906.11300", 2019)


@pytest.mark.parametrize("record, reason", [
    ('@software{nt2020,\n  title = {Neural Tangents},\n  url = {https://github.com/google/neural-tangents}\n}',
     "its entry type 'software' names no paper"),
    ('@misc{srebro2017,\n  title = {Implicit regularization in deep learning},\n  author = {Srebro, Nathan},\n'
     '  howpublished = {Talk at the Simons Institute},\n  year = {2017}\n}', "'Talk at the Simons Institute' names no paper"),
    ('{{< talk title="Benefits of depth in neural networks" speaker="Matus Telgarsky" >}}',
     "its shortcode 'talk' names no paper"),
    ('* TODO Implicit regularization in deep learning :talk:\n  :PROPERTIES:\n  :YEAR: 2017\n  :END:',
     "tagged 'talk', not a paper"),
    ('Title: icl-linear-regression\nURL: https://github.com/example/icl-linear-regression',
     "links only to code, not to a paper"),
    ('Title: <paper title>\nAuthors: <names>\nLink: <url>', "template: '<paper title>' is a placeholder, not a paper"),
])
def test_records_of_talks_posts_code_and_templates_are_not_papers(record, reason):
    (entry,) = read_excerpt("auto", record)
    assert (entry.kind, entry.reason) == ("other", reason)


def test_the_records_found_in_the_dev_lists_are_those_other_readers_find():
    """A second reading of two structures: bibtexparser's entries with a title, and PyYAML's
    mappings with a title in the front matter's sequences."""
    bibtex = (CORPUS / "dev" / "bibtex_readme.md").read_text(encoding="utf-8")
    library = bibtexparser.parse_string(bibtex)
    titled = [entry for entry in library.entries if "title" in entry.fields_dict]
    regions = find_regions(bibtex.split("\n"))
    assert len(titled) == sum(1 for region in regions for record in region.records if record.fields)
    front = (CORPUS / "dev" / "yaml_frontmatter_reading.md").read_text(encoding="utf-8").split("---\n")[1]
    papers = yaml.safe_load(front)["papers"]
    (region, *_) = find_regions((CORPUS / "dev" / "yaml_frontmatter_reading.md").read_text(encoding="utf-8").split("\n"))
    assert len([record for record in region.records if record.fields]) == len(papers)


def test_a_bibtex_block_under_a_paper_item_or_heading_is_its_note_not_a_second_paper():
    item, details, item_bibtex, heading, heading_bibtex = read_excerpt("auto", """
        - [Benign overfitting in linear regression](https://arxiv.org/abs/1906.11300), PNAS 2020
          <details><summary>BibTeX</summary>

          ```bibtex
          @article{bartlett2020benign,
            title = {Benign overfitting in linear regression},
            author = {Bartlett, Peter L. and Long, Philip M.},
            year = {2020}
          }
          ```
          </details>

        ### [Deep Double Descent](https://arxiv.org/abs/1912.02292)

        ```bibtex
        @inproceedings{nakkiran2020deep,
          title = {Deep Double Descent},
          author = {Nakkiran, Preetum},
          eprint = {1912.02292}, archivePrefix = {arXiv}
        }
        ```
        """)
    assert (item.kind, heading.kind) == ("paper", "paper")
    assert (item_bibtex.kind, item_bibtex.line, item_bibtex.parent_line) == ("note", 6, 1)
    assert (heading_bibtex.kind, heading_bibtex.parent_line) == ("note", 13)


@pytest.mark.parametrize("record, authors, venue", [
    ("Title: Sharp Minima Can Generalize For Deep Nets\nAuthors: Dinh, L., Pascanu, R., Bengio, S., & Bengio, Y.\n"
     "Venue: ICML 2017\nPaper: https://arxiv.org/abs/1703.04933",
     ("Dinh, L.", "Pascanu, R.", "Bengio, S.", "Bengio, Y."), "ICML 2017"),
    ("* DONE Sharp Minima Can Generalize For Deep Nets\n  :PROPERTIES:\n"
     "  :AUTHOR: Dinh, Laurent and Pascanu, Razvan and Bengio, Samy and Bengio, Yoshua\n"
     "  :PUBLISHED: ICML 2017\n  :URL: https://arxiv.org/abs/1703.04933\n  :END:",
     ("Laurent Dinh", "Razvan Pascanu", "Samy Bengio", "Yoshua Bengio"), "ICML 2017"),
    ('```yaml\n- name: "*Sharp Minima Can Generalize For Deep Nets*"\n  paper: https://arxiv.org/abs/1703.04933\n'
     "  authors: Laurent Dinh, Razvan Pascanu, Samy Bengio &amp; Yoshua Bengio\n  published: 2017-03-15\n```",
     ("Laurent Dinh", "Razvan Pascanu", "Samy Bengio", "Yoshua Bengio"), ""),
], ids=["apa names, a paper address", "bibtex names in org", "emphasis, entity, a date published"])
def test_a_record_s_names_are_split_as_written_and_an_address_under_a_title_key_is_a_link(record, authors, venue):
    (paper,) = papers_of(read_excerpt("auto", record))
    assert (paper.title, paper.authors, paper.venue, paper.year, paper.arxiv_id) == (
        "Sharp Minima Can Generalize For Deep Nets", authors, venue, 2017, "1703.04933")


@pytest.mark.parametrize("record", [
    '[\n  {"title": "Deep Information Propagation", "authors": ["Samuel S. Schoenholz", "Justin Gilmer"],'
    ' "venue": "ICLR 2017", "arxiv": "1611.01232"}\n]',
    "> Title: Deep Information Propagation\n> Authors: Samuel S. Schoenholz, Justin Gilmer\n> Venue: ICLR 2017",
    "## Deep Information Propagation\n\n- **Item Type:** Conference Paper\n"
    "- **Authors:** Samuel S. Schoenholz, Justin Gilmer\n- **Proceedings Title:** ICLR 2017\n- **Date:** 2017",
], ids=["a json data file", "a quoted field block", "zotero bullets with bold keys"])
def test_a_json_file_a_quoted_field_block_and_bold_zotero_keys_are_records(record):
    (paper,) = papers_of(read_excerpt("auto", record))
    assert (paper.title, paper.authors, paper.venue, paper.year) == (
        "Deep Information Propagation", ("Samuel S. Schoenholz", "Justin Gilmer"), "ICLR 2017", 2017)


def test_a_speaker_makes_a_record_a_talk_unless_it_links_the_paper_and_a_presenter_s_date_is_no_year():
    talk, presented = read_excerpt("auto", """
        ```yaml
        - title: Implicit regularization in deep learning
          speaker: Nathan Srebro
          date: 2017-03-20
        - title: Deep Information Propagation
          presenter: Alice
          date: 2024-03-20
          arxiv: 1611.01232
        ```
        """)[:2]
    assert (talk.kind, talk.reason) == ("other", "'speaker' names a talk, and no paper is linked")
    # the date a reading group presents a paper on is not the paper's year
    assert (presented.kind, presented.title, presented.arxiv_id, presented.year) == (
        "paper", "Deep Information Propagation", "1611.01232", None)


def test_a_latex_bibliography_pasted_as_is_gives_one_paper_per_bibitem_and_its_software_none():
    entries = read_excerpt("auto", r"""
        \begin{thebibliography}{21}
        \providecommand{\natexlab}[1]{#1}

        \bibitem[Hanin and Nica(2020)]{hanin2020finite}
        Boris Hanin and Mihai Nica.
        \newblock Finite depth and width corrections to the neural tangent kernel.
        \newblock In \emph{International Conference on Learning Representations}, 2020.
        \newblock URL \url{https://arxiv.org/abs/1909.05989}.

        \bibitem[Roberts et~al.(2022)Roberts, Yaida, and Hanin]{roberts2022principles}
        Daniel~A. Roberts, Sho Yaida, and Boris Hanin.
        \newblock \emph{The Principles of Deep Learning Theory}.
        \newblock Cambridge University Press, 2022.

        \bibitem[Neural Tangents(2020)]{neuraltangents2020}
        {Neural Tangents}.
        \newblock Fast and easy infinite neural networks in {P}ython (software).
        \newblock \url{https://github.com/google/neural-tangents}, 2020.
        \end{thebibliography}
        """)
    paper, book, software = [entry for entry in entries if entry.line in (6, 12, 17)]
    assert (paper.kind, paper.line, paper.title, paper.authors, paper.venue, paper.year, paper.arxiv_id) == (
        "paper", 6, "Finite depth and width corrections to the neural tangent kernel", ("Boris Hanin", "Mihai Nica"),
        "International Conference on Learning Representations", 2020, "1909.05989")
    assert (book.kind, book.title, book.authors, book.venue, book.year) == (
        "paper", "The Principles of Deep Learning Theory", ("Daniel A. Roberts", "Sho Yaida", "Boris Hanin"),
        "Cambridge University Press", 2022)
    assert software.kind == "other"


def test_mediawiki_cite_templates_on_one_line_or_many_are_papers_and_cite_web_or_av_media_are_not():
    journal, conference, video, web = read_excerpt("auto", """
        * {{cite journal |last=Cybenko |first=G. |title=Approximation by superpositions of a sigmoidal function |journal=Mathematics of Control, Signals and Systems |year=1989 |doi=10.1007/BF02551274}}
        * {{star}} {{cite conference
         |last1=Raghu |first1=Maithra |last2=Poole |first2=Ben |display-authors=etal
         |title=On the Expressive Power of Deep Neural Networks
         |conference=ICML |year=2017 |arxiv=1606.05336
        }} (the "trajectory length" paper)
        * {{cite AV media |people=Matus Telgarsky |title=Benefits of depth in neural networks |medium=Video |year=2016 |url=https://www.youtube.com/watch?v=x}}
        * {{cite web |title=regions-count: exact counting of linear regions |website=GitHub |url=https://github.com/approx-lab/regions-count}}
        """)
    assert (journal.kind, journal.title, journal.authors, journal.venue, journal.year, journal.doi) == (
        "paper", "Approximation by superpositions of a sigmoidal function", ("G. Cybenko",),
        "Mathematics of Control, Signals and Systems", 1989, "10.1007/BF02551274")
    # the entry is at its `|title=` line; `display-authors=etal` says the names stop short
    assert (conference.line, conference.title, conference.authors, conference.arxiv_id, conference.digest) == (
        4, "On the Expressive Power of Deep Neural Networks", ("Maithra Raghu", "Ben Poole"), "1606.05336",
        '(the "trajectory length" paper)')
    assert (video.kind, web.kind) == ("other", "other")


def test_a_printed_record_repr_is_a_paper_by_its_keywords_and_a_skipped_kind_is_not():
    paper, talk = read_excerpt("auto", """
            Paper(title="Don't Decay the Learning Rate, Increase the Batch Size", authors=['Samuel L. Smith', 'Pieter-Jan Kindermans', 'Chris Ying', 'Quoc V. Le'], venue='ICLR', year=2018, arxiv='1711.00489', starred=False, note='')
            Skipped(kind='talk', title='Scaling Laws for Neural Language Models', url='https://www.youtube.com/watch?v=x')
        """)
    assert (paper.kind, paper.title, paper.authors[0], paper.venue, paper.year, paper.arxiv_id) == (
        "paper", "Don't Decay the Learning Rate, Increase the Batch Size", "Samuel L. Smith", "ICLR", 2018,
        "1711.00489")
    assert talk.kind == "other"


def test_an_arxiv_mailing_entry_reads_its_wrapped_fields_and_journal_ref():
    entry = [entry for entry in read_excerpt("auto", r"""
        Title: Dynamics of stochastic gradient descent for two-layer neural networks in
          the teacher-student setup
        Authors: Sebastian Goldt, Madhu S. Advani, Andrew M. Saxe, Florent Krzakala,
          Lenka Zdeborová
        Categories: stat.ML cond-mat.dis-nn cs.LG
        Journal-ref: NeurIPS 2019
        \\
          Ordinary differential equations for the generalisation error of online SGD.
        \\
        \\ ( https://arxiv.org/abs/1906.08632 ,  1087kb)
        """) if entry.kind == "paper"]
    (paper,) = entry
    assert (paper.line, paper.title, paper.authors[-1], paper.venue, paper.year, paper.arxiv_id) == (
        1, "Dynamics of stochastic gradient descent for two-layer neural networks in the teacher-student setup",
        "Lenka Zdeborová", "NeurIPS", 2019, "1906.08632")


def test_asciidoc_bibliography_anchors_are_papers_under_their_section_and_a_video_only_entry_is_not():
    entries = read_excerpt("auto", """
        == Separable data

        [bibliography]
        - [[[soudry2018]]] icon:star[] Daniel Soudry, Elad Hoffer, Mor Shpigel Nacson, Suriya Gunasekar, Nathan Srebro.
          _The Implicit Bias of Gradient Descent on Separable Data_.
          Journal of Machine Learning Research, 2018.
          https://arxiv.org/abs/1710.10345[arXiv:1710.10345]
        - [[[woodworth2020]]] Woodworth et al. _Kernel and Rich Regimes in Overparametrized Models_. COLT, 2020.
        // - [[[razin2020]]] Noam Razin, Nadav Cohen. _Implicit Regularization in Deep Learning May Not Be Explainable by Norms_. NeurIPS, 2020.
        - [[[soudry-talk]]] Daniel Soudry. _The Implicit Bias of Gradient Descent on Separable Data_ (talk). Simons Institute, 2019. https://www.youtube.com/watch?v=x[video]
        """)
    papers = [entry for entry in entries if entry.kind == "paper"]
    assert [(paper.line, paper.title, paper.venue, paper.year, paper.section) for paper in papers] == [
        (5, "The Implicit Bias of Gradient Descent on Separable Data", "Journal of Machine Learning Research", 2018,
         ("Separable data",)),
        (8, "Kernel and Rich Regimes in Overparametrized Models", "COLT", 2020, ("Separable data",))]
    assert papers[1].authors == ("Woodworth",) and papers[1].authors_truncated
    assert {entry.line: entry.kind for entry in entries}[9] == "other"  # the comment
    assert {entry.line: entry.kind for entry in entries}[10] == "other"  # the talk


def test_a_quoted_title_line_with_a_byline_under_it_is_a_paper_each_in_a_post_of_two():
    entries = read_excerpt("auto", """
        13/ Chain of thought changes the answer. Two papers:
        📌 "The Expressive Power of Transformers with Chain of Thought"
        William Merrill & Ashish Sabharwal — ICLR 2024
        arxiv.org/abs/2310.07923
        📌 "Chain of Thought Empowers Transformers to Solve Inherently Serial Problems"
        Zhiyuan Li, Hong Liu, Denny Zhou & Tengyu Ma — ICLR 2024
        arxiv.org/abs/2402.12875
        """)
    papers = [entry for entry in entries if entry.kind == "paper"]
    assert [(paper.line, paper.title, paper.authors, paper.venue, paper.arxiv_id) for paper in papers] == [
        (2, "The Expressive Power of Transformers with Chain of Thought", ("William Merrill", "Ashish Sabharwal"),
         "ICLR", "2310.07923"),
        (5, "Chain of Thought Empowers Transformers to Solve Inherently Serial Problems",
         ("Zhiyuan Li", "Hong Liu", "Denny Zhou", "Tengyu Ma"), "ICLR", "2402.12875")]


def test_a_changelog_change_and_a_format_example_are_not_papers():
    entries = read_excerpt("auto", """
        ### Fixed

        - Broken arXiv link of "Computing Nonvacuous Generalization Bounds for Deep (Stochastic) Neural Networks" (#214)

        ### Notes

        *Reference style: Vancouver (NLM). Example:* Surname AB, Surname CD. Title of the article. Abbrev Journal. Year;Vol(Issue):pages.
        """)
    assert [entry.kind for entry in entries if entry.line in (3, 7)] == ["other", "other"]


# --- markup of other tools, and sentences of a syllabus (the seventh set) -------------------------

def test_a_trac_wiki_table_gives_one_paper_per_row_under_its_wiki_heading():
    heading, paper, unlinked = read_excerpt("auto", """
        == Critical points ==

        ||= Title =||= Authors =||= Venue =||= Year =||= Links =||
        || '''Deep Learning without Poor Local Minima''' [[Image(wiki:Icons:star.png)]] || K. Kawaguchi || NIPS || 2016 || [https://arxiv.org/abs/1605.07110 arXiv] ||
        || The Loss Surface of Deep and Wide Neural Networks || Q. Nguyen, M. Hein || ICML || 2017 || ||
        """)
    assert (heading.kind, heading.reason) == ("other", "section heading")
    assert (paper.kind, paper.line, paper.title, paper.authors, paper.venue, paper.year, paper.arxiv_id) == (
        "paper", 4, "Deep Learning without Poor Local Minima", ("K. Kawaguchi",), "NIPS", 2016, "1605.07110")
    assert (unlinked.kind, unlinked.line, unlinked.section) == ("paper", 5, ("Critical points",))


def test_an_admonition_in_a_content_tab_reads_as_one_at_the_margin():
    tab, paper = read_excerpt("auto", """
        === "Matrix factorization"

            ??? paper "Implicit Regularization in Deep Matrix Factorization"
                **Sanjeev Arora, Nadav Cohen, Wei Hu, Yuping Luo**
                *NeurIPS* 2019 · [arXiv](https://arxiv.org/abs/1905.13655)
        """)
    assert tab.kind == "other"
    assert (paper.kind, paper.line, paper.title, paper.authors[0], paper.arxiv_id) == (
        "paper", 3, "Implicit Regularization in Deep Matrix Factorization", "Sanjeev Arora", "1905.13655")


def test_an_admonition_type_is_no_part_of_its_title_and_a_survey_section_holds_papers():
    _, survey = read_excerpt("auto", """
        ## Surveys, talks and code

        ??? abstract "On the Implicit Bias in Deep-Learning Algorithms"
            **Gal Vardi**
            *Communications of the ACM* 2023
        """)
    assert (survey.kind, survey.title, survey.authors, survey.venue) == (
        "paper", "On the Implicit Bias in Deep-Learning Algorithms", ("Gal Vardi",), "Communications of the ACM")


def test_an_rst_citation_is_a_paper_at_the_line_of_its_title_link():
    paper, = read_excerpt("auto", """
        .. [Bartlett2017] P. L. Bartlett, D. J. Foster, and M. Telgarsky.
           `Spectrally-normalized margin bounds for neural networks <https://arxiv.org/abs/1706.08498>`_.
           In *NIPS*, 2017.
        """)
    assert (paper.kind, paper.line, paper.title, paper.arxiv_id, paper.venue) == (
        "paper", 2, "Spectrally-normalized margin bounds for neural networks", "1706.08498", "NIPS")


def test_a_syllabus_sentence_citing_a_reading_is_a_paper_with_the_names_it_gives():
    entries = read_excerpt("auto", """
        Read Zhang, Bengio, Hardt, Recht and Vinyals, *Understanding deep learning requires rethinking generalization* (ICLR 2017, [arXiv:1611.03530](https://arxiv.org/abs/1611.03530)).
        If you have time, skim Lee et al.'s follow-up, *Wide Neural Networks of Any Depth Evolve as Linear Models Under Gradient Descent* (NeurIPS 2019, [arXiv](https://arxiv.org/abs/1902.06720)).
        Read "A mean field view of the landscape of two-layer neural networks" by Song Mei, Andrea Montanari and Phan-Minh Nguyen (PNAS 2018).
        Arthur Jacot's own talk, [*Neural Tangent Kernel: Convergence and Generalization in Neural Networks*](https://www.youtube.com/watch?v=x), is a good warm-up.
        We will come back to *Deep Double Descent* next week, so finish this week's readings first.
        """)
    zhang, lee, mei, talk_and_prose = entries  # the lines citing no reading: one block, as before
    assert (zhang.kind, zhang.line, zhang.authors, zhang.venue, zhang.year, zhang.arxiv_id) == (
        "paper", 1, ("Zhang", "Bengio", "Hardt", "Recht", "Vinyals"), "ICLR 2017", 2017, "1611.03530")
    assert (lee.kind, lee.line, lee.authors, lee.authors_truncated) == ("paper", 2, ("Lee",), True)
    assert (mei.kind, mei.title, mei.authors) == (
        "paper", "A mean field view of the landscape of two-layer neural networks",
        ("Song Mei", "Andrea Montanari", "Phan-Minh Nguyen"))
    assert (talk_and_prose.kind, talk_and_prose.line) == ("other", 4)


def test_a_template_engine_variable_is_no_title_and_a_record_closing_in_et_al_is_truncated():
    card, = read_excerpt("auto", """
        <div class="card">
          <a href="https://arxiv.org/abs/{{ p.arxiv }}">{{ p.title }}</a><br>{{ p.venue }} {{ p.year }}
        </div>
        """)
    assert card.kind == "other"
    paper, = read_excerpt("auto", """
        {{< paper title="Larger language models do in-context learning differently" authors="Jerry Wei et al." venue="arXiv" year="2023" arxiv="2303.03846" >}}
        """)
    assert (paper.kind, paper.authors, paper.authors_truncated) == ("paper", ("Jerry Wei",), True)


def test_a_csv_row_whose_note_runs_over_two_lines_keeps_the_block_and_a_talk_row_is_no_paper():
    entries = read_excerpt("auto", '''
        ```csv
        Name,Authors,Venue,Year,Link,Type,Status,Notes
        Uniform convergence may be unable to explain generalization in deep learning,"Vaishnavh Nagarajan, J. Zico Kolter",NeurIPS,2019,https://arxiv.org/abs/1902.04742,Paper,Required,"Outstanding New Directions paper.
        Read with the Jiang et al. row below."
        PAC-Bayes tutorial (ICML 2019),"John Shawe-Taylor, Omar Rivasplata",ICML,2019,https://www.youtube.com/results?search_query=pac-bayes,Talk,Optional,
        Stability and Generalization,"Olivier Bousquet, André Elisseeff",JMLR,2002,,Paper,Optional,no PDF in the base
        ```
        ''')
    papers = papers_of(entries)
    assert [(paper.line, paper.title, paper.venue, paper.year) for paper in papers] == [
        (3, "Uniform convergence may be unable to explain generalization in deep learning", "NeurIPS", 2019),
        (6, "Stability and Generalization", "JMLR", 2002)]
    assert papers[0].authors == ("Vaishnavh Nagarajan", "J. Zico Kolter")


def test_a_slide_footer_directive_citing_a_paper_is_read_as_a_paragraph_and_speaker_notes_are_not():
    entries = read_excerpt("auto", """
        ## A clean testbed: learning function classes

        ![bg right:40% 90%](figures/garg-linear.png)

        <!-- _footer: '⭐ Garg, Tsipras, Liang & Valiant. *What Can Transformers Learn In-Context? A Case Study of Simple Function Classes*. NeurIPS 2022. [arXiv:2208.01066](https://arxiv.org/abs/2208.01066)' -->

        <!--
        Speaker notes: everything after builds on "What Can Transformers Learn In-Context?".
        -->

        ## The induction-head bump

        <!-- _footer: 'Olsson et al. *In-context Learning and Induction Heads*. Transformer Circuits Thread 2022' -->
        """)
    papers = papers_of(entries)
    assert [(paper.line, paper.title, paper.authors, paper.venue) for paper in papers] == [
        (5, "What Can Transformers Learn In-Context? A Case Study of Simple Function Classes",
         ("Garg", "Tsipras", "Liang", "Valiant"), "NeurIPS 2022"),
        (13, "In-context Learning and Induction Heads", ("Olsson",), "Transformer Circuits Thread 2022")]


def test_a_chat_export_s_link_previews_are_its_papers_and_its_messages_are_not():
    entries = read_excerpt("auto", """
        ### Monday, March 4th, 2024

        **Maya Chen**  9:12 AM
        one gradient step is already enough, by Ba et al. (NeurIPS 2022) https://arxiv.org/abs/2205.01445
        > **arXiv.org**
        > [[2205.01445] High-dimensional Asymptotics of Feature Learning: How One Gradient Step Improves the Representation](https://arxiv.org/abs/2205.01445)
        :+1: 4

        **Priya Raman**  2:05 PM
        the talk is good too
        > **YouTube**
        > [Neural Networks can Learn Representations with Gradient Descent - Alex Damian](https://www.youtube.com/watch?v=x)
        """)
    papers = papers_of(entries)
    assert [(paper.line, paper.title, paper.arxiv_id) for paper in papers] == [
        (6, "High-dimensional Asymptotics of Feature Learning: How One Gradient Step Improves the Representation",
         "2205.01445")]
    assert next(entry for entry in entries if entry.line == 4).kind == "other"


def test_gost_references_give_the_title_before_the_slash_or_after_the_initials_and_the_container_as_venue():
    entries = read_excerpt("auto", """
        1. Neal R. M. Bayesian Learning for Neural Networks. — New York : Springer, 1996. — (Lecture Notes in Statistics ; vol. 118).
        2. Deep Neural Networks as Gaussian Processes / J. Lee, Y. Bahri, R. Novak [et al.] // International Conference on Learning Representations. — 2018. — URL: https://arxiv.org/abs/1711.00165 (дата обращения: 10.02.2024).
        3. Mei S., Montanari A., Nguyen P.-M. A mean field view of the landscape of two-layer neural networks // Proceedings of the National Academy of Sciences. — 2018. — Vol. 115, № 33. — P. E7665–E7671.

        На семинаре разбираем статью «On the Global Convergence of Gradient Descent for Over-parameterized Models using Optimal Transport» ([arXiv](https://arxiv.org/abs/1805.09545)).
        """)
    papers = papers_of(entries)
    assert [(paper.title, paper.authors, paper.venue, paper.year) for paper in papers] == [
        ("Bayesian Learning for Neural Networks", ("Neal R. M.",), "Springer", 1996),
        ("Deep Neural Networks as Gaussian Processes", ("J. Lee", "Y. Bahri", "R. Novak"),
         "International Conference on Learning Representations", 2018),
        ("A mean field view of the landscape of two-layer neural networks", ("Mei S.", "Montanari A.", "Nguyen P.-M."),
         "Proceedings of the National Academy of Sciences", 2018)]
    assert papers[1].authors_truncated


def test_confluence_and_dokuwiki_markup_read_as_the_markdown_they_stand_for():
    confluence = papers_of(read_excerpt("auto", """
        h2. Landscapes

        # [How to Escape Saddle Points Efficiently|https://arxiv.org/abs/1703.00887] — Chi Jin, Rong Ge ({{ICML 2017}})
        ## Found with [~mhart]; see the [blog|https://optim-guild.example.com/blog/escape].
        # *Gradient Descent Only Converges to Minimizers* — Jason D. Lee, Max Simchowitz. _COLT 2016_.
        """))
    assert [(paper.line, paper.title, paper.venue) for paper in confluence] == [
        (3, "How to Escape Saddle Points Efficiently", "ICML 2017"),
        (5, "Gradient Descent Only Converges to Minimizers", "COLT 2016")]
    doku = papers_of(read_excerpt("auto", """
        ===== Rates and regions =====

          * [[https://arxiv.org/abs/1602.04485|Benefits of depth in neural networks]] — Matus Telgarsky. //COLT 2016//
          * [[https://www.youtube.com/watch?v=x|The Power of Depth for Feedforward Neural Networks]] — recorded talk, COLT 2016

        ^ Paper ^ Authors ^ Where ^ Link ^
        | Complexity of Linear Regions in Deep Networks | Boris Hanin, David Rolnick | ICML 2019 | [[https://arxiv.org/abs/1901.09021|arXiv]] |
        """))
    assert [(paper.line, paper.title, paper.venue) for paper in doku] == [
        (3, "Benefits of depth in neural networks", "COLT 2016"),
        (7, "Complexity of Linear Regions in Deep Networks", "ICML 2019")]


def test_a_chicago_short_note_and_a_blog_row_are_not_papers_and_a_bibtex_macro_is_its_venue():
    notes = papers_of(read_excerpt("auto", """
        2. Sepp Hochreiter and Jürgen Schmidhuber, "Flat Minima," *Neural Computation* 9, no. 1 (1997): 1–42.
        20. Zhang et al., "Rethinking Generalization," 9.
        """))
    assert [(paper.line, paper.title) for paper in notes] == [(1, "Flat Minima")]
    rows = papers_of(read_excerpt("auto", """
        | # | Method | Paper |
        |--:|--------|-------|
        | 10 | Grokking circuits | [Progress measures for grokking via mechanistic interpretability](https://arxiv.org/abs/2301.05217)<br>Nanda, Chan · ICLR 2023 |
        | 11 | Grokking (blog) | [A Mechanistic Interpretability Analysis of Grokking](https://www.alignmentforum.org/)<br>Nanda, Lieberum · Alignment Forum 2022 |
        """))
    assert [paper.line for paper in rows] == [3]
    bibtex = papers_of(read_excerpt("auto", """
        ```bibtex
        @string{icml = {International Conference on Machine Learning}}

        @inproceedings{arora2018optimization,
          title     = {On the Optimization of Deep Networks: Implicit Acceleration by Overparameterization},
          author    = {Arora, Sanjeev and Cohen, Nadav and Hazan, Elad},
          booktitle = icml,
          year      = {2018}
        }
        ```
        """))
    assert [(paper.line, paper.venue) for paper in bibtex] == [(5, "International Conference on Machine Learning")]


# --- a page pasted as text (the thirteenth set) ---------------------------------------------------

def test_a_title_over_its_line_of_names_in_a_pasted_paragraph_is_that_line_and_a_venue_heading_no_paper():
    heading, paper = read_excerpt("auto", """
        ## ICLR 2020

        Deep Double Descent: Where Bigger Models and More Data Hurt
        Preetum Nakkiran, Gal Kaplun, Yamini Bansal, Tristan Yang, Boaz Barak, Ilya Sutskever
        Published: 20 Dec 2019, Last Modified: 05 May 2023
        ICLR 2020 Conference
        """)
    assert (heading.kind, paper.kind, paper.title, paper.authors[:2], paper.year) == (
        "other", "paper", "Deep Double Descent: Where Bigger Models and More Data Hurt",
        ("Preetum Nakkiran", "Gal Kaplun"), 2020)


def test_a_series_part_in_parentheses_after_a_title_is_a_nickname_outside_it():
    paper, = read_excerpt("auto", """
        - [Feature Learning in Infinite-Width Neural Networks (Tensor Programs IV)](https://arxiv.org/abs/2011.14522), Yang and Hu, ICML 2021
        """)
    assert paper.title == "Feature Learning in Infinite-Width Neural Networks"


# --- the seventh real round (reader-17) ------------------------------------------------------------

def test_a_kramdown_item_under_a_linked_citation_key_is_the_paper_its_quoted_title_names():
    papers = read_excerpt("auto", """
        * _Implicit bias:_
            * **[SHNGS18](https://arxiv.org/abs/1710.10345){:target="_blank"}. [[notes]]({% post_url 2022-01-03-shngs18 %}){:target="_blank"}.** Soudry, Hoffer, Nacson, Gunasekar, and Srebro. "The implicit bias of gradient descent on separable data." 2018.
            * **[JT19](https://arxiv.org/abs/1803.07300){:target="_blank"}.**Ji and Telgarsky. "Risk and parameter convergence of logistic regression." 2019.
            * **[Bac17](https://jmlr.org/papers/v18/14-546.html){:target="_blank"}.** Bach. "Breaking the curse of dimensionality with convex neural networks." 2017.
        """)[1:]
    assert [(paper.kind, paper.title, paper.authors, paper.year, paper.arxiv_id) for paper in papers] == [
        ("paper", "The implicit bias of gradient descent on separable data",
         ("Soudry", "Hoffer", "Nacson", "Gunasekar", "Srebro"), 2018, "1710.10345"),
        ("paper", "Risk and parameter convergence of logistic regression", ("Ji", "Telgarsky"), 2019, "1803.07300"),
        ("paper", "Breaking the curse of dimensionality with convex neural networks", ("Bach",), 2017, ""),
    ]
    assert papers[2].links[0].url == "https://jmlr.org/papers/v18/14-546.html"


def test_lecture_notes_slides_and_homework_linked_by_their_path_are_not_papers_beside_the_readings():
    entries = read_excerpt("auto", """
        #### Week 3
        - Neural tangent kernel
            - [Lecture 5](note/lec5.pdf)
            - [Slides of the guest talk](slide/ntk-guest.pdf)
            - [Neural Tangent Kernel: Convergence and Generalization in Neural Networks](https://arxiv.org/abs/1806.07572)
            - [On Exact Computation with an Infinitely Wide Neural Net](https://proceedings.neurips.cc/paper/2019/file/dbc4d84bfcfe2284ba11beffb853a8c4-Paper.pdf)
        - 7/9: [Homework 2](homework/homework2.pdf) is out.

        | Date | Paper | Notes |
        |---|---|---|
        | 11/01 | [Topics in Machine Learning: Neural Net Training Dynamics](https://www.cs.toronto.edu/~rgrosse/courses/csc2541_2021/readings/L02_taylor_approximations.pdf) Lecture 2 | |
        | 18/01 | [Deep Information Propagation](https://openreview.net/pdf?id=H1W1UN9gg) | |

        - 2015 ICML [Deep Learning with Limited Numerical Precision](https://proceedings.mlr.press/v37/gupta15.pdf)
        - 2015 DL Summer School [Optimization for Deep Networks](https://www.iro.umontreal.ca/~memisevr/dlss2015/2015_DLSS_optimization.pdf)
        """)
    assert [paper.title for paper in papers_of(entries)] == [
        "Neural Tangent Kernel: Convergence and Generalization in Neural Networks",
        "On Exact Computation with an Infinitely Wide Neural Net",
        "Deep Information Propagation",
        "Deep Learning with Limited Numerical Precision",
    ]


def test_a_heading_keyed_by_year_and_names_over_a_links_line_is_that_paper_and_the_line_its_note():
    heading, links, note = read_excerpt("auto", """
        ### `[2019 | Arora, Du, Hu, Li, Wang]` Fine-Grained Analysis of Optimization and Generalization for Overparameterized Two-Layer Neural Networks

        Links: [paper on arxiv](https://arxiv.org/abs/1901.08584), [talk at ICML on YouTube](https://www.youtube.com/watch?v=0pz1sBjcVDc)

        - The kernel's Gram matrix gives the generalization bound
        """)
    assert (heading.kind, heading.title, heading.authors, heading.year, heading.arxiv_id) == (
        "paper", "Fine-Grained Analysis of Optimization and Generalization for Overparameterized Two-Layer Neural Networks",
        ("Arora", "Du", "Hu", "Li", "Wang"), 2019, "1901.08584")
    assert (links.kind, note.kind) == ("note", "note")


def test_a_one_author_key_and_a_hyphenated_name_in_a_bracketed_key_give_authors_and_year():
    one, hyphenated = read_excerpt("auto", """
        - [Telgarsky 2016] Benefits of depth in neural networks
        - [Shalev-Shwartz, Shamir, Shammah 2017] Failures of Gradient-Based Deep Learning
        """)
    assert [(paper.title, paper.authors, paper.year) for paper in (one, hyphenated)] == [
        ("Benefits of depth in neural networks", ("Telgarsky",), 2016),
        ("Failures of Gradient-Based Deep Learning", ("Shalev-Shwartz", "Shamir", "Shammah"), 2017),
    ]
    venue_tag, = read_excerpt("auto", "- [Nature 2019] Deep learning and the information bottleneck principle\n")
    assert venue_tag.authors == ()


def test_a_venue_tag_in_code_gives_the_venue_as_written_and_its_year_and_a_topic_tag_none():
    tagged, topic = read_excerpt("auto", """
        - [Gradient Descent Finds Global Minima of Deep Neural Networks](https://arxiv.org/abs/1811.03804), Nov. 2018. `icml2019`.
        - [Fantastic Generalization Measures and Where to Find Them](https://arxiv.org/abs/1912.02178), Dec. 2019. `generalization measures`
        """)
    assert (tagged.venue, tagged.year) == ("icml 2019", 2019)
    assert (topic.venue, topic.year) == ("", 2019)


def test_a_capitalised_name_closing_a_sentence_case_title_is_its_nickname_not_its_words():
    nicknamed, own = read_excerpt("auto", """
        - [Learning representations by back-propagating errors (Backpropagation)](https://www.nature.com/articles/323533a0), Nature 1986
        - [Neural Ordinary Differential Equations (Best Paper Award)](https://arxiv.org/abs/1806.07366), NeurIPS 2018
        """)
    assert nicknamed.title == "Learning representations by back-propagating errors"
    # in a title of capitalised words, the parenthesis may be the title's own: it stays
    assert own.title == "Neural Ordinary Differential Equations (Best Paper Award)"


def test_surnames_with_a_capitalised_or_glued_particle_are_names_and_et_al_truncates_a_cell():
    particle, glued = read_excerpt("auto", """
        - **[DRCDO05](https://jmlr.org/papers/v6/devito05a.html).** De Vito, Rosasco, Caponnetto, De Giovannini, and Odone. "Learning from examples as an inverse problem." 2005.
        - **[dRBK20](https://arxiv.org/abs/2003.01054).** d'Ascoli, Refinetti, Biroli, and Krzakala. "Double trouble in double descent: bias and variance(s) in the lazy regime." 2020.
        """)
    assert particle.authors == ("De Vito", "Rosasco", "Caponnetto", "De Giovannini", "Odone")
    assert glued.authors == ("d'Ascoli", "Refinetti", "Biroli", "Krzakala")
    row, = papers_of(read_excerpt("auto", """
        | Authors | Title | Venue | Year |
        |---|---|---|---|
        | d'Ascoli et al. | Triple descent and the two kinds of overfitting: where & why do they appear? | NeurIPS | 2020 |
        """))
    assert (row.authors, row.authors_truncated) == (("d'Ascoli",), True)


def test_a_row_whose_columns_give_venue_and_year_is_a_paper_though_its_title_says_video():
    paper, recording = read_excerpt("auto", """
        | Authors | Title | Venue | Year |
        |---|---|---|---|
        | Bertasius et al. | Is Space-Time Attention All You Need for Video Understanding? | ICML | 2021 |
        | Arora | Toward theoretical understanding of deep learning: lecture videos | | |
        """)
    assert (paper.kind, paper.title, paper.venue, paper.year) == (
        "paper", "Is Space-Time Attention All You Need for Video Understanding?", "ICML", 2021)
    assert recording.kind != "paper"


def test_a_paper_column_s_link_to_a_site_no_paper_host_is_the_paper_but_a_talk_s_is_not():
    entries = read_excerpt("auto", """
        | Date | Paper | Notes |
        |---|---|---|
        | 02/03/2022 | [A Mathematical Framework for Transformer Circuits](https://transformer-circuits.pub/2021/framework/index.html) Sections 1-3 | |
        | 09/03/2022 | [Zoom In: An Introduction to Circuits](https://distill.pub/2020/circuits/zoom-in/) | |
        | 16/03/2022 | [Neural Tangent Kernel talk](https://www.youtube.com/watch?v=raT2ECrvbag) | |
        """)
    assert [paper.title for paper in papers_of(entries)] == [
        "A Mathematical Framework for Transformer Circuits", "Zoom In: An Introduction to Circuits"]


# --- the eighth real round (reader-18) -------------------------------------------------------------

def test_a_bold_title_alone_on_its_item_takes_the_byline_paragraph_under_it_which_is_no_paper():
    entries = read_excerpt("auto", """
        ## Mode connectivity
        - (Barriers) **Essentially No Barriers in Neural Network Energy Landscape.**

          *Felix Draxler, Kambis Veschgini, Manfred Salmhofer, Fred A. Hamprecht* [[ICML18]](http://proceedings.mlr.press/v80/draxler18a/draxler18a.pdf)[[codes]](https://github.com/fdraxler/PyTorch-AutoNEB)

        - **Deep Ensembles: A Loss Landscape Perspective.**

          *Stanislav Fort, Huiyi Hu, Balaji Lakshminarayanan* [[paper19]](https://arxiv.org/pdf/1912.02757.pdf)
        """)
    assert [(paper.line, paper.title, paper.authors, paper.year, paper.venue, paper.arxiv_id)
            for paper in papers_of(entries)] == [
        (2, "Essentially No Barriers in Neural Network Energy Landscape",
         ("Felix Draxler", "Kambis Veschgini", "Manfred Salmhofer", "Fred A. Hamprecht"), 2018, "ICML", ""),
        (6, "Deep Ensembles: A Loss Landscape Perspective",
         ("Stanislav Fort", "Huiyi Hu", "Balaji Lakshminarayanan"), 2019, "", "1912.02757"),
    ]


def test_a_link_labelled_by_a_venue_and_two_digit_year_or_year_and_month_gives_both():
    papers = papers_of(read_excerpt("auto", """
        - Understanding Deep Learning Requires Rethinking Generalization [[arxiv, 16.11]](https://arxiv.org/abs/1611.03530)
        - *Sharp Minima Can Generalize For Deep Nets* [[ICML, 17.03]](https://arxiv.org/abs/1703.04933)
        - **Fantastic Generalization Measures and Where to Find Them** [[ICLR20]](https://openreview.net/forum?id=SJgIPJBFvH)
        """))
    assert [(paper.title, paper.year, paper.venue) for paper in papers] == [
        ("Understanding Deep Learning Requires Rethinking Generalization", 2016, "arxiv"),
        ("Sharp Minima Can Generalize For Deep Nets", 2017, "ICML"),
        ("Fantastic Generalization Measures and Where to Find Them", 2020, "ICLR"),
    ]


def test_a_heading_closing_in_an_author_venue_citation_is_that_paper_with_no_link_and_its_bullet_a_note():
    entries = read_excerpt("auto", """
        # Kernel regime

        ## Neural Tangent Kernel: Convergence and Generalization in Neural Networks (Jacot et al., NIPS'18)

        - The kernel stays fixed during training in the infinite-width limit.

        ## Random Features for Large-Scale Kernel Machines (Rahimi & Recht, NIPS'07)

        ## On Lazy Training in Differentiable Programming (Chizat & Bach et al., NeurIPS 2019)

        ## Recap (Part 2, 2019)
        """)
    assert [(entry.kind, entry.title, entry.authors, entry.year, entry.venue) for entry in entries[1:]] == [
        ("paper", "Neural Tangent Kernel: Convergence and Generalization in Neural Networks",
         ("Jacot",), 2018, "NIPS"),
        ("note", "", (), None, ""),
        ("paper", "Random Features for Large-Scale Kernel Machines", ("Rahimi", "Recht"), 2007, "NIPS"),
        ("paper", "On Lazy Training in Differentiable Programming", ("Chizat", "Bach"), 2019, "NeurIPS"),
        ("other", "", (), None, ""),
    ]


def test_names_and_a_dated_venue_on_bullets_after_a_title_bullet_are_its_fields_not_papers():
    entries = read_excerpt("auto", """
        ##### [19-03-02] [paper41]
        - Gradient Descent Provably Optimizes Over-parameterized Neural Networks
         [[pdf]](https://arxiv.org/abs/1810.02054)
        - *Simon S. Du, Xiyu Zhai, Barnabás Póczos, Aarti Singh*
        - `2018-10-04, ICLR 2019`
        - [[Optimization]](#optimization)

        ##### [19-02-27] [paper40]
        - Reconciling Modern Machine Learning Practice and the Bias-Variance Trade-off
         [[pdf]](https://arxiv.org/abs/1812.11118)
        - *Mikhail Belkin, Daniel Hsu, Siyuan Ma, Soumik Mandal*
        - `2018-12-28`
        """)
    assert [(paper.line, paper.title, paper.authors, paper.year, paper.venue, paper.arxiv_id)
            for paper in papers_of(entries)] == [
        (2, "Gradient Descent Provably Optimizes Over-parameterized Neural Networks",
         ("Simon S. Du", "Xiyu Zhai", "Barnabás Póczos", "Aarti Singh"), 2019, "ICLR 2019", "1810.02054"),
        (9, "Reconciling Modern Machine Learning Practice and the Bias-Variance Trade-off",
         ("Mikhail Belkin", "Daniel Hsu", "Siyuan Ma", "Soumik Mandal"), 2018, "", "1812.11118"),
    ]
    assert [entry.kind for entry in entries if entry.line in (4, 5, 11, 12)] == ["note"] * 4


def test_tags_in_brackets_before_a_bold_title_are_no_authors_and_a_bracketed_venue_after_it_gives_venue_and_year():
    papers = papers_of(read_excerpt("auto", """
        - (Width, Depth)(Barriers) **The Role of Permutation Invariance in Linear Mode Connectivity of Neural Networks.**

          *Rahim Entezari, Hanie Sedghi, Olga Saukh, Behnam Neyshabur* [[ICLR22]](https://openreview.net/forum?id=dNigytemkL)

        - [Flat minima] **Averaging Weights Leads to Wider Optima and Better Generalization.** [uai18]

          *Pavel Izmailov, Dmitrii Podoprikhin, Timur Garipov, Dmitry Vetrov, Andrew Gordon Wilson* [[paper]](https://arxiv.org/abs/1803.05407)
        """))
    assert [(paper.authors[:2], paper.year, paper.venue) for paper in papers] == [
        (("Rahim Entezari", "Hanie Sedghi"), 2022, "ICLR"),
        (("Pavel Izmailov", "Dmitrii Podoprikhin"), 2018, "uai"),
    ]


@pytest.mark.parametrize("line, authors, year, venue", [
    ("- Training Deep Networks by Minimising Sharpness(K. Author et al. 2021. ICLR.)", ("K. Author",), 2021, "ICLR"),
    ("- Implicit Regularization by Gradient Descent (Smithson 2019. NeurIPS.)", ("Smithson",), 2019, "NeurIPS"),
    ("- Gradient Noise by Design (P. Roe & Q. Doe. Neural Computation. 2003.)", ("P. Roe", "Q. Doe"), 2003,
     "Neural Computation 2003"),
    ("- Kernel Limits by Random Features(Ada Lovelace 2018. University of Somewhere.)", ("Ada Lovelace",), 2018,
     "University of Somewhere"),
])
def test_a_title_s_own_by_stays_and_a_closing_parenthesis_of_names_year_and_venue_gives_them(
        line, authors, year, venue):
    """Tenth real round: `Title by Words(I. Surname et al. 1996. Venue )` was rewritten as
    `Title** — Words`, ` by ` inside the title taken for a byline although the parenthesis names the
    authors; and `Title (Surname Year. Venue.)` kept the parenthesis in its title, or was no paper."""
    paper = papers_of(read_excerpt("auto", line))[0]
    assert (paper.title, paper.authors, paper.year, paper.venue) == (
        line[2:line.index("(")].strip(), authors, year, venue)


def test_a_taken_line_s_by_is_a_byline_only_when_its_parenthesis_names_no_authors():
    """A taken line (line_parts.title_line) is rewritten as title and byline at ` by ` only when no
    parenthesis after it names the authors itself: then ` by ` is the title's own word."""
    from atlas.build.parsers.line_parts import title_line
    assert title_line("Wide Networks Learn Kernels by Ada Lovelace et al. (ICML 2019)") == (
        "**Wide Networks Learn Kernels** — Ada Lovelace et al. (ICML 2019)")
    line = "Training Deep Networks by Minimising Sharpness(K. Author et al. 2021. ICLR.)"
    assert title_line(line) == line


def test_a_bullet_s_byline_is_read_on_its_own_item_never_from_the_next():
    """`- Title by Names (2021)` over another bullet: the second look (a line the detector takes,
    rewritten as title and byline) read the bullet into the title (`- Title`) and, with a sibling
    under it, took the sibling's link for this entry's title. Each bullet is its own entry."""
    entries = read_excerpt("auto", """
        # Reading list

        - Formal Language Models Meet Grammar Induction by Ada Lovelace (2021)
        - [Wide Networks Learn Kernels](https://www.example.org/wide.html) by Alan Turing and Grace Hopper
        """)
    assert [(paper.line, paper.title, paper.authors, paper.year) for paper in papers_of(entries)] == [
        (3, "Formal Language Models Meet Grammar Induction", ("Ada Lovelace",), 2021),
        (4, "Wide Networks Learn Kernels", ("Alan Turing", "Grace Hopper"), None),
    ]


def test_a_heading_closing_in_a_sentence_of_two_names_or_more_is_a_paper_with_its_authors():
    """Round 18: `### Title. Names.` (a reading note's paper headings): the last sentence, a list of
    full names, is the byline; a heading whose last sentence names no people stays a section."""
    entries = read_excerpt("auto", """
        # Notes

        ### Wide Networks Learn Kernels. Ada B. Lovelace, Alan Turing, Grace Hopper.

        Idea: the kernel stays close to its initial value.

        ### Results. Gradient Descent, Neural Networks.
        """)
    assert [(paper.line, paper.title, paper.authors) for paper in papers_of(entries)] == [
        (3, "Wide Networks Learn Kernels", ("Ada B. Lovelace", "Alan Turing", "Grace Hopper"))]
    assert entries[-1].kind == "other"


def test_a_table_naming_an_authors_venue_or_year_column_holds_papers_in_its_title_column():
    """Round 19: `| Num | Title | Field | Author | Time |` with the Author and Time cells left empty,
    and a Chinese header `| 论文 | 年份 | 阅读 |` (paper, year, read): the header says each row is a
    paper (`Mask R-CNN` in the title column is a title, not a person's name) and where its year is.
    A schedule's `Date` column says when a paper was read: it makes no row a paper."""
    papers = papers_of(read_excerpt("auto", """
        | Num | Title                      | Field     | Author | Time |
        | --- | -------------------------- | --------- | ------ | ---- |
        | 1   | Mask R-CNN                 | detection |        |      |
        | 2   | Focal Loss for Dense Object Detection | detection |  |  |

        | 论文 | 年份 | 阅读 |
        | --- | --- | --- |
        | [Wide Networks Learn Kernels](https://www.example.org/wide.html) | 2019 | Y |
        """))
    assert [(paper.line, paper.title, paper.year) for paper in papers] == [
        (3, "Mask R-CNN", None), (4, "Focal Loss for Dense Object Detection", None),
        (8, "Wide Networks Learn Kernels", 2019)]
    schedule = read_excerpt("auto", """
        | Date       | Paper                                          |
        | ---------- | ---------------------------------------------- |
        | 27/07/2022 | We decided to change approach and read papers |
        """)
    assert papers_of(schedule) == []


def test_bare_titles_under_headings_naming_venues_are_papers_and_short_topics_there_are_not():
    """Round 19: `# 2019` over `## NeurIPS` over `- Title`, no link, names or year on the lines: the
    headings say where each appeared, so the bare titles are papers (the year and venue stay the
    headings', as the entry line states neither). Short phrases under such headings are topics."""
    titles = [
        "Post-training Quantization of Convolutional Networks for Rapid Deployment",
        "Efficient and Effective Pruning for Sparse Deep Neural Networks",
        "Exploring Tensor Decompositions for Compact Convolutional Networks",
        "Learning to Quantize Deep Networks by Optimizing Quantization Intervals",
        "Structured Pruning of Neural Networks with Budget-Aware Regularization",
        "Towards Optimal Structured Pruning via Generative Adversarial Learning",
        "Scalable Methods for Low-bit Training of Neural Networks",
        "Energy-Constrained Compression for Deep Neural Networks via Weighted Sparse Projection",
        "Cascaded Projection: End-to-End Network Compression and Acceleration",
    ]
    document = ("# 2019\n\n## NeurIPS\n" + "".join(f"- {t}\n" for t in titles[:3])
                + "\n## CVPR\n\n" + "".join(f"* {t}\n" for t in titles[3:6])
                + "\n# 2018\n\n## ICML\n" + "".join(f"- {t}\n" for t in titles[6:]))
    papers = papers_of(read_excerpt("auto", document))
    assert [(paper.title, paper.venue, paper.year) for paper in papers] == [(t, "", None) for t in titles]
    topics = "# 2019\n\n## NeurIPS\n- Pruning\n- Quantization\n- Distillation\n\n## CVPR\n" \
        "- Low-rank factorisation\n- Binary networks\n- Sparse training\n"
    assert papers_of(read_excerpt("auto", topics)) == []


def test_a_schedule_s_reading_opens_with_its_day_then_full_names_each_with_its_comma_then_the_title():
    """Round 19: `[1/14] Names, Title. Venue 2020. https://arxiv.org/abs/…` (a course's presentation
    schedule): the day is when it was read; two full names or more, none a title's word, then the
    title (a hyphened surname, `Sanchez-Gonzalez`, is a name); a remark in parentheses before the
    names (`(Optional Reading)`, `(GNN and WL)`) is neither title nor author."""
    papers = papers_of(read_excerpt("auto", """
        - Graphs and physics
          - [1/19] Ada Lovelace, Alan Turing, Composition-based Multi-Relational Graph Networks. ICLR 2020. https://arxiv.org/abs/1911.03082
          - [2/4] Alvaro Sanchez-Gonzalez, Grace Hopper, Learning to Simulate Physics with Graph Networks, ICML 2020. https://arxiv.org/abs/2002.09405
          - (Optional Reading) Ada Lovelace, Alan Turing, and Grace Hopper. How powerful are graph kernels? ICLR 2019.
          - [1/28] Ada Lovelace, Alan Turing, Interaction Kernels for Learning about Objects, Relations and Physics, NIPS 2016.
          - [3/4] Ada Lovelace, Grace Hopper, Provably Powerful Kernel Networks, NeurIPS, 2019. https://arxiv.org/abs/1905.11136
          - [1/14] Ada Lovelace, Grace Hopper, Heterogeneous Kernel Transformer. WWW 2020. https://arxiv.org/abs/2003.01332 (**Guest Lecture**)
        """))
    assert [(paper.title, paper.authors, paper.year) for paper in papers] == [
        ("Composition-based Multi-Relational Graph Networks", ("Ada Lovelace", "Alan Turing"), 2020),
        ("Learning to Simulate Physics with Graph Networks", ("Alvaro Sanchez-Gonzalez", "Grace Hopper"), 2020),
        ("How powerful are graph kernels?", ("Ada Lovelace", "Alan Turing", "Grace Hopper"), 2019),
        # the names read before the title, its own `…, Relations and Physics` are no names
        ("Interaction Kernels for Learning about Objects, Relations and Physics", ("Ada Lovelace", "Alan Turing"), 2016),
        ("Provably Powerful Kernel Networks", ("Ada Lovelace", "Grace Hopper"), 2019),  # `, NeurIPS, 2019`
        ("Heterogeneous Kernel Transformer", ("Ada Lovelace", "Grace Hopper"), 2020),  # a closing bold remark
    ]


def test_entries_under_a_posts_section_are_no_papers_and_a_venue_drops_in_and_the_presentation_kind():
    """Round 19: `## Introductory Posts` over `**Title** \\` / `*Author*` / `[[Website](…)]` entries:
    blog posts (`## Post-training quantization` names no posts). Round 18-19: `In the Handbook of
    Brain Theory, 2003` is cited in that volume, `ICLR 2023 Spotlight` was presented at ICLR."""
    entries = read_excerpt("auto", """
        ## Introductory Posts

        - **What are Diffusion Models?** *Ada Lovelace* [[Website](https://www.example.org/diffusion.html)], 2021

        ## Post-training quantization

        - Ada Lovelace and Alan Turing. Wide Networks Learn Kernels. In the Handbook of Brain Theory, 2003.
        - [Wide Networks Learn Kernels Again](https://arxiv.org/abs/2301.00001). ICLR 2023 Spotlight.
        """)
    assert [(paper.line, paper.venue) for paper in papers_of(entries)] == [
        (7, "the Handbook of Brain Theory, 2003"), (8, "ICLR 2023")]
    assert entries[1].kind == "other"


def test_a_model_s_name_with_a_paper_link_over_one_citation_labels_it_and_the_citation_is_the_paper():
    """Round 20: `* LSTM [[Paper](url)]` over `  * Names, *Title*, Venue 1997` (or a quoted title):
    the bullet names the model or the lab, the sub-bullet cites the paper by its own title. A
    title with its link over a byline stays the paper, its byline a note."""
    entries = read_excerpt("auto", """
        * WNK [[Paper](http://www.example.org/wnk.pdf)]
          * Ada Lovelace and Alan Turing, *Wide Networks Learn Kernels*, Neural Computation 1997
        * Univ. Somewhere + Other Tech. Univ. [[Paper](http://arxiv.org/abs/1506.07285)]
          * Grace Hopper, Alan Turing, "Ask Me Anything: Kernels for Language", arXiv:1506.07285
        * Deep Residual Kernels for Image Recognition [[Paper](http://arxiv.org/abs/1512.03385)]
          * Ada Lovelace, Grace Hopper, *CVPR 2016*
        """)
    assert [(entry.line, entry.kind) for entry in entries] == [
        (1, "label"), (2, "paper"), (3, "label"), (4, "paper"), (5, "paper"), (6, "note")]
    assert [paper.title for paper in papers_of(entries)] == [
        "Wide Networks Learn Kernels", "Ask Me Anything: Kernels for Language",
        "Deep Residual Kernels for Image Recognition"]


def test_a_table_whose_title_column_is_named_for_papers_holds_papers_beside_code_links():
    """Round 20: `| Number | Method | Paper | Code |` with a title and a GitHub address per row: the
    `Paper` column says each title is a paper's, its code link no veto; a schedule's remark there
    (`We decided to read papers`) is none."""
    entries = read_excerpt("auto", """
        | Number | Method | Paper | Code |
        |:------:|--------|-------|------|
        | 1 | WNK | Wide Networks Learn Kernels for Node Classification | https://github.com/example/wnk |
        | 2 | DGN | Deeper Graph Networks with Group Normalization | |
        | 3 | | We decided to change approach and read papers | |
        """)
    assert [(entry.line, entry.kind, entry.title) for entry in entries if entry.kind == "paper"] == [
        (3, "paper", "Wide Networks Learn Kernels for Node Classification"),
        (4, "paper", "Deeper Graph Networks with Group Normalization")]


def test_bold_apa_names_before_the_year_are_the_authors_and_a_hosted_repository_is_no_paper():
    """Round 20: `**Surname, I., & Surname, I.** (2018). *Title*. Publisher.`: the bold block is the
    authors', not a marked title; `**Surname, I., et al.** (2017). Name. *GitHub repository*.` is code."""
    entries = read_excerpt("auto", """
        1. **Lovelace, A. B., & Turing, A.** (2018). *Wide networks learn kernels: An introduction* (2nd ed.). MIT Press.

        2. **Hopper, G.** (1992). Q-learning with kernels. *Machine learning*, 8(3-4), 279-292.

        3. **Hopper, G., et al.** (2017). Kernel baselines. *GitHub repository*. https://github.com/example/baselines
        """)
    assert [(paper.line, paper.title, paper.authors, paper.year) for paper in papers_of(entries)] == [
        (1, "Wide networks learn kernels: An introduction", ("Lovelace, A. B.", "Turing, A."), 2018),
        (3, "Q-learning with kernels", ("Hopper, G.",), 1992)]
    assert entries[-1].kind == "other"


def test_round_21_posts_by_their_address_a_part_read_names_under_a_loose_item_and_bibtex_names():
    """Round 21: `**Title** by Name. https://name.github.io/post/…` (every link a post's or a talk's,
    none the title's) is no paper; `**Book (Chapter 15)** by Name` reads the book, the chapter no
    part of its title; a loose item's second paragraph of names alone is its byline, links or not
    in the first; `by *Surname, Given, Surname, Given and Surname, Given*` are three inverted names."""
    entries = read_excerpt("auto", """
        ## Reading

        1.  **Kernels for Dummies** by Ada Lovelace. http://ada.github.io/post/kernels-for-dummies/
        2.  **Kernel Methods and Machine Learning (Chapter 15)** by Alan Turing. https://mitpress.mit.edu/books/kernels

        ## Surveys

        1. **Toward Causal Kernel Learning**, *IEEE*, 2021. [paper](https://ieeexplore.ieee.org/document/9363924)

            Grace Hopper, Alan Turing, Ada Lovelace.

        ## Classics

        - [**Lifelong kernel learning**](http://www.example.org/lifelong.pdf) , (1995) by *Hopper, Grace, Turing, Alan and Lovelace, Ada* [[bib]](bibtex.bib#L87-L96)
        """)
    assert next(entry for entry in entries if entry.line == 3).kind == "other"
    assert [(paper.title, paper.authors) for paper in papers_of(entries)] == [
        ("Kernel Methods and Machine Learning", ("Alan Turing",)),
        ("Toward Causal Kernel Learning", ("Grace Hopper", "Alan Turing", "Ada Lovelace")),
        ("Lifelong kernel learning", ("Hopper, Grace", "Turing, Alan", "Lovelace, Ada")),
    ]


def test_round_22_a_heading_s_number_and_quotes_an_abstract_link_and_an_html_anchor():
    """Round 22: `### 1. "Title"` over `- **Authors**: …` field bullets is the paper titled without its
    number and quotes; `- Title` over `[[Abstract]](…)` links the paper's own page; `<a id="key">Names</a>`
    is an anchor around the names, no link titling the entry."""
    entries = read_excerpt("auto", """
        ### 1. "Wide Networks Learn Kernels: An Open Architecture"
        - **Authors**: Lovelace, A., & Turing, A.
        - **Year**: 1994
        - **Conference**: CSCW

        ## Session

        - Real-Time Kernel Grasping with Spatio-Temporal Sparse Convolution
        [[Abstract]](https://events.example.org/presentation?id=93401)

        1.  <a id="lovelace2017">Ada Lovelace and Alan Turing</a>. [*Direct Kernels for Speech Recognition*](https://www.example.org/0723.pdf). Interspeech 2017.
        """)
    assert [(paper.title, paper.authors) for paper in papers_of(entries)] == [
        ("Wide Networks Learn Kernels: An Open Architecture", ("Lovelace, A.", "Turing, A.")),
        ("Real-Time Kernel Grasping with Spatio-Temporal Sparse Convolution", ()),
        ("Direct Kernels for Speech Recognition", ("Ada Lovelace", "Alan Turing")),
    ]


@pytest.mark.parametrize("label, title, authors", [
    ("Combination of Kernel Predictors for Classification by Ada Lovelace, Charles Babbage",
     "Combination of Kernel Predictors for Classification", ("Ada Lovelace", "Charles Babbage")),
    ("Asymptotic Properties of Kernels on Manifolds by Grace B. Hopper",
     "Asymptotic Properties of Kernels on Manifolds", ("Grace B. Hopper",)),
    # ` by ` and a title's own capitalised words: no names
    ("Accelerating Deep Network Training by Reducing Internal Covariate Shift",
     "Accelerating Deep Network Training by Reducing Internal Covariate Shift", ()),
    ("Learning Representations by Back-Propagating Errors", "Learning Representations by Back-Propagating Errors", ()),
    ("Facilitating Continual Learning by Natural Gradients and Stein Gradients",
     "Facilitating Continual Learning by Natural Gradients and Stein Gradients", ()),
])
def test_a_link_s_text_closing_in_by_and_full_names_holds_title_and_byline(label, title, authors):
    """Rounds 15 and 23: `[Title by Full Name, Full Name](pdf)`: the names after the last ` by ` are
    the authors when each is a person's full name (two or three words, none a title's word or a
    noun's ending: `Reducing …`, `… Propagation`; so a surname ending as a gerund, `Turing`, leaves
    the byline in the title, as written)."""
    paper, = papers_of(read_excerpt("auto", f"* [{label}](http://proceedings.mlr.press/v60/paper17a.pdf)"))
    assert (paper.title, paper.authors) == (title, authors)


def test_a_venue_and_year_right_after_a_title_and_a_note_in_lenticular_brackets():
    """Round 24: `- Title RecSys 2021 【中文的说明】`: an acronym's venue and its year close the title with
    no mark between them, the bracketed note is a remark; `Title - Names - ICLR 2017` reads as before."""
    papers = papers_of(read_excerpt("auto", """
        - Page-level Optimization of Kernel Recommendations RecSys 2021 【商品详细信息页面的推荐模块】
        - Wide Networks Learn Kernels - Ada Lovelace, Grace Hopper - ICLR 2017 - [https://arxiv.org/abs/1611.01838](https://arxiv.org/abs/1611.01838)
        """))
    assert [(paper.title, paper.venue, paper.year, paper.authors) for paper in papers] == [
        ("Page-level Optimization of Kernel Recommendations", "RecSys 2021", 2021, ()),
        ("Wide Networks Learn Kernels", "ICLR 2017", 2017, ("Ada Lovelace", "Grace Hopper")),
    ]


def test_a_journal_named_nature_or_science_and_a_field_is_never_an_author():
    """Round 24: `[Title](pdf), Pierson, Emma, Nature Human Behaviour` gave the authors `Pierson`,
    `Emma` and `Nature Human Behaviour`: a journal read as a person. Better no authors than that."""
    paper, = papers_of(read_excerpt(
        "auto", "- [A large-scale analysis of kernels](https://www.example.org/kernels.pdf), Lovelace, Ada, Nature Human Behaviour"))
    assert "Nature Human Behaviour" not in paper.authors


@pytest.mark.parametrize("line", [
    "- Sparse Coding of Natural Images (Nature 2015)",
    "- Sparse Coding of Natural Images (Neural Networks 2020)",
])
def test_a_journal_and_year_closing_a_title_are_no_author(line):
    """A lone word or two before a year with nothing after may be a journal's: no author from it."""
    entries = read_excerpt("auto", line)
    assert all(not entry.authors for entry in entries)


def test_a_year_alone_closing_a_link_s_text_is_the_paper_s_year():
    """Tenth real round: `[arXiv] [Title (2017)](url)` left `(2017)` out of the title but read no year."""
    paper = papers_of(read_excerpt("auto", "* [arXiv] [Sharp Minima Can Generalize (2016)](https://arxiv.org/abs/1703.04933)"))[0]
    assert (paper.title, paper.year, paper.arxiv_id) == ("Sharp Minima Can Generalize", 2016, "1703.04933")


def test_a_link_s_text_closed_on_the_line_under_it_keeps_no_separator_in_its_title():
    """Tenth real round: `<a href="…"> Title⏎ </a>` in an HTML `<ol>` read `Title —`."""
    entries = read_excerpt("auto", """
        <ol>
            <li>
            <a href="https://arxiv.org/abs/1703.04933"> Sharp Minima Can Generalize for Deep Nets
         </a>
            </li>
        </ol>
        """)
    assert {paper.title for paper in papers_of(entries)} == {"Sharp Minima Can Generalize for Deep Nets"}


@pytest.mark.parametrize("line, authors", [
    ("1. K. Author and L. Writer, Sharp Minima Can Generalize for Deep Nets, ICML 2017, "
     "[https://arxiv.org/pdf/1703.04933.pdf](https://arxiv.org/pdf/1703.04933.pdf)", ("K. Author", "L. Writer")),
    ("2. K. Author, M. N. Other and L. Writer, Sharp Minima Can Generalize for Deep Nets, ICML 2017, "
     "[https://arxiv.org/abs/1703.04933](https://arxiv.org/abs/1703.04933)", ("K. Author", "M. N. Other", "L. Writer")),
    ("3. (optional) K. Author et al., Sharp Minima Can Generalize for Deep Nets, ICML 2017, "
     "[https://arxiv.org/abs/1703.04933](https://arxiv.org/abs/1703.04933)", ("K. Author",)),
])
def test_names_with_initials_before_a_comma_are_the_authors_and_no_part_of_the_title(line, authors):
    """Tenth real round: `A. Surname and B. Surname, Title, VENUE YEAR, [url]` (a course's numbered
    readings) kept the names in the title."""
    paper = papers_of(read_excerpt("auto", line))[0]
    assert (paper.title, paper.authors, paper.venue, paper.year, paper.arxiv_id) == (
        "Sharp Minima Can Generalize for Deep Nets", authors, "ICML 2017", 2017, "1703.04933")


def test_words_before_a_colon_stay_in_the_title_when_a_closing_parenthesis_names_the_authors():
    """Tenth real round: `A and B: Rest (Surname. 2015. ICML.)` was cut at its colon, `A`, `B` read as
    authors, although the parenthesis names them."""
    paper = papers_of(read_excerpt("auto", "* Kernel Methods and Random Features: Closing the Gap (Lovelace. 2019. ICML.)"))[0]
    assert (paper.title, paper.authors, paper.year) == (
        "Kernel Methods and Random Features: Closing the Gap", ("Lovelace",), 2019)


@pytest.mark.parametrize("line", [
    "* VC Dimension and Sample Complexity (K. Lecturer. CSE 547: Statistical Learning Theory. 2012.)",
    "* Uniform Convergence (K. Lecturer. ECE 7750 - Theory of Learning. 2014.)",
])
def test_a_course_code_as_the_venue_names_lecture_notes_and_no_paper(line):
    """Tenth real round: lecture notes cited as `(I. Surname. COS 511: Course Name. 2006.)`."""
    assert papers_of(read_excerpt("auto", line)) == []


def test_a_paragraph_of_field_calls_with_a_title_call_is_one_record():
    """Tenth real round: a Ruby DSL bibliography (`entry!('key',` / `author('A and B'),` /
    `title('…'),` / `nips(1996),` / `nil)`) gave no paper; a call stating a year names the venue,
    by its string or its own name; a string may wrap onto the next line."""
    entries = read_excerpt("auto", """
        entry!('lovelace2019sharp',
          author('Ada Lovelace and Charles
        Babbage'),
          title('Sharp Minima Can Generalize
        for Deep Nets'),
          iclrWorkshop(2019),
          pages(1, 9),
        nil)

        entry!('babbage1999kernel',
          author('Charles Babbage'),
          title('Kernel Machines in Practice'),
          book('Analytical Engine Press', 1999),
        nil)
        """)
    papers = papers_of(entries)
    assert [(paper.title, paper.authors, paper.venue, paper.year) for paper in papers] == [
        ("Sharp Minima Can Generalize for Deep Nets", ("Ada Lovelace", "Charles Babbage"), "ICLR Workshop 2019", 2019),
        ("Kernel Machines in Practice", ("Charles Babbage",), "Analytical Engine Press 1999", 1999)]
    assert [paper.line for paper in papers] == [4, 12]


def test_an_html_item_whose_tag_is_alone_on_its_line_is_one_paper_at_its_text_s_line():
    """Tenth real round: `<li>` over `<a href="…"> Title </a>` gave a paper on the `<li>` line and
    the detector a second on the link's line (or only the first)."""
    entries = read_excerpt("auto", """
        <strong>Readings</strong>
        <ol>
            <li>
            <a href="https://arxiv.org/abs/1703.04933"> Sharp Minima Can Generalize for Deep Nets </a>
            </li>
            <li>
            <a href="https://example.org/papers/kernel-machines.pdf"> Kernel Machines in Practice </a>
            </li>
        </ol>
        """)
    assert [(paper.line, paper.title) for paper in papers_of(entries)] == [
        (4, "Sharp Minima Can Generalize for Deep Nets"), (7, "Kernel Machines in Practice")]


def test_a_seminar_citation_whose_names_wrap_onto_its_title_s_line_is_at_that_line():
    """Eleventh real round: a dated seminar bullet's citation wrapped over lines, names running onto
    the line where the italic title opens, was read at the item's first line; the judges' convention
    (round 8's, as a wrapped block is read) puts it where the title starts. Italics after names
    closed by a comma are the title, however much they read like a name (`*Wasserstein GAN*` was
    read as one more author and `Preprint` as the title)."""
    entries = read_excerpt("auto", """
        ## Past meetings
        * March 3, 2019
          * Ada Lovelace, Charles Babbage, Mary Somerville, and Grace
          Hopper, *Kernel Machines in
          Practice*. COLT 2018. [link](https://arxiv.org/abs/1801.00001)
          * Alan Turing and Emmy Noether,
          *Lattice Nets*. Preprint, 2017.
          [link](https://arxiv.org/abs/1702.00002)
          * Ada Lovelace and Alan Turing, *Sharp Minima Can Generalize*. ICML 2017.
          [link](https://arxiv.org/abs/1703.00003)
        """)
    assert [(paper.line, paper.title, paper.authors, paper.venue) for paper in papers_of(entries)] == [
        (4, "Kernel Machines in Practice",
         ("Ada Lovelace", "Charles Babbage", "Mary Somerville", "Grace Hopper"), "COLT 2018"),
        (7, "Lattice Nets", ("Alan Turing", "Emmy Noether"), "Preprint"),
        (9, "Sharp Minima Can Generalize", ("Ada Lovelace", "Alan Turing"), "ICML 2017")]


_BARE_TITLES = """
    # Reading notes

    ## Optimization

    1. Sharp Minima Can Generalize For Deep Nets
    2. On the Implicit Bias of Adaptive Gradient Methods in Overparameterized Networks
    3. Entropy-Regularized Descent Finds Wide Valleys
    4. Understanding Momentum

    ## Generalization

    1. Rethinking Margin Bounds for Deep Neural Networks
    2. Stability of Stochastic Gradient Descent on Nonsmooth Convex Losses
    3. Kernel Regression Explains Benign Overfitting in Wide Networks
    4. Exploring Generalization in Deep Learning
    """


def test_a_reading_list_of_bare_numbered_titles_under_topic_headings_is_a_list_of_papers():
    """Eleventh real round: `## Topic` over `1. Title`, `2. Title`, with no link, names or venue on any
    line, found 1 of 39. A document whose every list item is a numbered title alone, in runs under
    headings of their own, titles as long as papers' and a fifth of them taken by the line detector
    on its own, is a reading list: each title a paper with no other field (two words that read like
    a name, `Understanding Momentum`, too)."""
    papers = papers_of(read_excerpt("auto", _BARE_TITLES))
    assert [(paper.line, paper.title) for paper in papers] == [
        (5, "Sharp Minima Can Generalize For Deep Nets"),
        (6, "On the Implicit Bias of Adaptive Gradient Methods in Overparameterized Networks"),
        (7, "Entropy-Regularized Descent Finds Wide Valleys"), (8, "Understanding Momentum"),
        (12, "Rethinking Margin Bounds for Deep Neural Networks"),
        (13, "Stability of Stochastic Gradient Descent on Nonsmooth Convex Losses"),
        (14, "Kernel Regression Explains Benign Overfitting in Wide Networks"),
        (15, "Exploring Generalization in Deep Learning")]
    assert all(not (paper.authors or paper.venue or paper.year or paper.links) for paper in papers)


@pytest.mark.parametrize("markdown", [
    # the steps of a how-to, numbered phrases as long as titles: the detector takes none
    """
    ## Installation

    1. Clone the repository from the main server
    2. Install the dependencies with the package manager
    3. Create a virtual environment for the project

    ## Usage

    1. Open the notebook in your browser window
    2. Run every cell of the first section
    3. Save the figures to the output folder
    """,
    # one list item of another shape: the list is not one of bare titles
    _BARE_TITLES + "\n    ## Next\n\n    - Ask Ada which of these to present.\n",
    # a single run: no sign that the phrases are more than one topic's points
    "\n".join(_BARE_TITLES.split("\n")[:10]),
    # a course's numbered topics, shorter than papers' titles
    """
    ## Part one

    1. Linear regression
    2. Kernel methods
    3. Neural tangent kernel

    ## Part two

    1. Mean field limits
    2. Implicit bias
    3. Benign overfitting
    """,
])
def test_numbered_phrases_of_another_shape_are_no_reading_list(markdown):
    assert papers_of(read_excerpt("auto", markdown)) == []


def test_a_bare_address_after_a_bracketed_year_or_a_glued_dash_is_the_link_not_the_title_s():
    """Eleventh real round: `* Title [2018] https://…` (no dash) and `* Title [2018] -https://…` (the
    dash glued to the address) kept the year and the address in the title."""
    entries = read_excerpt("auto", """
        * Kernel Machines in Practice [2018] https://arxiv.org/abs/1801.00001
        * Sharp minima can generalize for wide nets [2017] -https://arxiv.org/abs/1703.00003
        """)
    assert [(paper.title, paper.year, paper.arxiv_id) for paper in papers_of(entries)] == [
        ("Kernel Machines in Practice", 2018, "1801.00001"),
        ("Sharp minima can generalize for wide nets", 2017, "1703.00003")]


def test_a_scholar_s_bullet_naming_selected_papers_is_the_paper_it_links_with_the_scholar_as_author():
    """Eleventh real round: `+ [Name](homepage), a school. Selected publications: [Title - ICLR 2017](arXiv)`
    was read with the scholar's name as the title. The paper is the linked title, the person linked
    first one of its authors, and ` - ICLR 2017` closing the link's text its venue and year; a bullet
    naming no selected paper stays a person's."""
    entries = read_excerpt("auto", """
        #### people
        + [Ada Lovelace](https://ada.example.org/), Analytical Engine College. Selected publications: [Kernel Machines in Practice - ICLR 2017](https://arxiv.org/abs/1701.00001)
        + [Alan Turing](https://turing.example.org/home.html), a researcher. Selected papers on depth include [Sharp Minima Can Generalize For Deep Nets](https://arxiv.org/abs/1703.00003).
        + [Emmy Noether](https://noether.example.org/), professor of algebra at a university.
        """)
    assert [(paper.line, paper.title, paper.authors, paper.venue, paper.year) for paper in papers_of(entries)] == [
        (2, "Kernel Machines in Practice", ("Ada Lovelace",), "ICLR 2017", 2017),
        (3, "Sharp Minima Can Generalize For Deep Nets", ("Alan Turing",), "", None)]


def test_a_table_written_with_doubled_pipes_is_read_as_a_table_and_its_presenter_is_no_author():
    """Eleventh real round: a reading group's table with `||` between its cells (its delimiter row
    holding empty cells, which GFM reads as no table) was read line by line, presenters taken for
    authors and a two-word title missed. Each doubled pipe is one; `Paper Title and Link` names the
    title column."""
    entries = read_excerpt("auto", """
        | Date      ||Presenter ||Paper Title and Link |
        | :-------- | |  :------- ||  :--------- |
        |3/5/2022\t|| No Meeting \t|| \t|
        |3/12/2022\t|| Ada Lovelace || [Kernel Machines in Practice](https://arxiv.org/abs/1801.00001) |
        |3/19/2022\t|| Turing || [Lattice ODEs](https://arxiv.org/abs/1802.00002) |
        """)
    assert [(paper.line, paper.title, paper.authors, paper.year) for paper in papers_of(entries)] == [
        (4, "Kernel Machines in Practice", (), None), (5, "Lattice ODEs", (), None)]


def test_presenters_column_is_not_the_authors_and_a_paper_s_column_may_be_named_paper_s():
    """Thirteenth real round: a reading group's table headed `Presenters | Paper(s) | Link(s)` was
    read line by line, the presenters taken for the authors and a row with no number of its own
    titled with its leading `| `. The header says which cell is the title (`Paper(s)` is `Paper`);
    a row the line detector takes is read by its cells too, and an address a broken link leaves as
    text is still the row's link."""
    first, second, third = papers_of(read_excerpt("auto", """
        | Id | Presenters | Paper(s) | Link(s) |
        |----|------------|----------|---------|
        | 1. | Ada Lovelace and Alan Turing | Kernel machines in practice (2018), B. Quill and C. Wren | [[pdf]](https://arxiv.org/pdf/1801.00001) |
        |    |  | Lattice flows for sparse models, D. Moss. | [[pdf(https://arxiv.org/abs/1802.00002) |
        | 2. | Grace Hopper | Tensor sketches of wide layers (2019), E. Fenn and F. Hale | [[pdf]](https://arxiv.org/pdf/1903.00003) |
        """))
    assert (first.title, first.authors, first.year, first.arxiv_id) == (
        "Kernel machines in practice", ("B. Quill", "C. Wren"), 2018, "1801.00001")
    assert (second.line, second.title, second.arxiv_id) == (4, "Lattice flows for sparse models", "1802.00002")
    assert (third.title, third.authors) == ("Tensor sketches of wide layers", ("E. Fenn", "F. Hale"))


def test_a_year_in_parentheses_after_the_title_then_a_byline_gives_year_and_authors():
    """`Title (2016), A. Surname et al.` is citation grammar: the year, then who wrote it. The title
    was cut at the names (`A. Surname et al` read as the title, its own words as the authors), or
    `et. al,` read as a venue `al`."""
    one, two, three, four = papers_of(read_excerpt("auto", """
        - Layer widths (2016), J. Quill et al. [[pdf]](https://arxiv.org/pdf/1607.00001)
        - Wide nets need no tuning, (2017) C. Wren et al. [[pdf]](https://arxiv.org/pdf/1611.00002)
        - Flat energy landscapes (2016) Moss et. al, [[pdf]](https://arxiv.org/pdf/1609.00003)
        - Linear regions of deep nets (2014) Fenwick, Odile et.al, [[pdf]](https://arxiv.org/pdf/1402.00004)
        """))
    assert (one.title, one.authors, one.authors_truncated, one.year) == ("Layer widths", ("J. Quill",), True, 2016)
    assert (two.title, two.authors, two.year) == ("Wide nets need no tuning", ("C. Wren",), 2017)
    assert (three.title, three.authors, three.venue, three.year) == ("Flat energy landscapes", ("Moss",), "", 2016)
    assert (four.title, four.authors, four.year) == ("Linear regions of deep nets", ("Fenwick, Odile",), 2014)


def test_an_italic_venue_a_comma_and_its_year_under_the_names_is_the_venue():
    paper, = papers_of(read_excerpt("auto", """
        **Flat minima of shallow circuits** [[link](https://arxiv.org/abs/1705.00001)] \\
        Ada Quill, Bo Wren\\
        *NeurIPS, 2017*
        <br>
        """))
    assert (paper.title, paper.authors, paper.venue, paper.year) == (
        "Flat minima of shallow circuits", ("Ada Quill", "Bo Wren"), "NeurIPS 2017", 2017)


def test_an_acronym_a_description_defines_is_no_venue():
    paper, = papers_of(read_excerpt("auto", """
        * 2016 : [Sparse Coding of Wide Layers](https://arxiv.org/pdf/1612.00001) <br>
        This paper proposed a bound on the sparse coding (SC) objective for deep neural networks (DNNs), which they trained with gradient descent.
        """))
    assert (paper.title, paper.venue, paper.year) == ("Sparse Coding of Wide Layers", "", 2016)


def test_a_kind_word_inside_a_cited_title_is_a_word_of_the_title():
    """`… recognition in videos.` closes a title, not the entry's kind, when the entry cites who
    wrote it, where and when; with none of that, `Title videos` still names no paper."""
    paper, = papers_of(read_excerpt("auto", """
        - Quill, Ada, and Bo Wren. "Sparse motion features for gesture recognition in videos." Advances in Imaginary Processing Systems. 2014.
        """))
    assert (paper.title, paper.authors, paper.venue, paper.year) == (
        "Sparse motion features for gesture recognition in videos", ("Quill, Ada", "Bo Wren"),
        "Advances in Imaginary Processing Systems", 2014)


def test_a_one_word_title_is_a_title_when_its_citation_names_authors_publisher_and_year():
    book, word = read_excerpt("auto", """
        - Fenwick, Odile. Sparsity. Harbor Academic Press, 2009.
        - Sparsity
        """)
    assert (book.kind, book.title, book.authors, book.venue, book.year) == (
        "paper", "Sparsity", ("Fenwick, Odile",), "Harbor Academic Press", 2009)
    assert word.kind == "other"


def test_pages_closing_an_apa_title_after_a_comma_are_no_part_of_it():
    paper, = papers_of(read_excerpt("auto", """
        - Quill, A., & Wren, B. (2014). Learning to Sort Sparse Lists, 1–25. Retrieved from http://arxiv.org/abs/1410.00001
        """))
    assert (paper.title, paper.authors, paper.year) == ("Learning to Sort Sparse Lists", ("Quill, A.", "Wren, B."), 2014)


def test_a_doubled_pipe_table_with_a_valid_delimiter_row_is_left_as_written():
    """Only a table GFM refuses (an empty cell in its delimiter row) has its doubled pipes read as
    one: in a valid table `||` is an empty cell."""
    from atlas.build.parsers.dialects import as_markdown
    valid = ["| Title || Year |", "| --- | --- | --- |", "| A || 2019 |"]
    assert as_markdown(valid) == valid
    assert as_markdown(["| A || B |", "| --- | | --- |", "| x || y |"]) == ["| A | B |", "| --- | --- |", "| x | y |"]


def test_apa_venues_keep_their_abbreviation_leave_the_arxiv_number_and_a_surname_may_open_with_by():
    """Eleventh real round: `In 2018 Engine Workshop (EW) (pp. 1-10)` lost its `(EW)`; Google Scholar's
    `arXiv preprint arXiv:NNNN.NNNNN` kept the number in the venue (the id is the paper's); a first
    author whose surname opens with `By` (`Byrd, J.`) lost those letters as if they were `by`, and the
    title was read as the names."""
    entries = read_excerpt("auto", """
        + Lovelace, A., & Babbage, C. (2018, February). Kernel machines in practice. In 2018 Analytical Engine Workshop (AEW) (pp. 1-10). IEEE.
        + Turing, A. (2016). An overview of lattice descent methods. arXiv preprint arXiv:1609.00001.
        + Byrne, J., & Noether, E. (2019, May). What is the effect of symmetry in deep learning?. In International Conference on Machine Learning (pp. 872-881). PMLR.
        """)
    assert [(paper.title, paper.authors, paper.venue, paper.year, paper.arxiv_id) for paper in papers_of(entries)] == [
        ("Kernel machines in practice", ("Lovelace, A.", "Babbage, C."),
         "2018 Analytical Engine Workshop (AEW)", 2018, ""),
        ("An overview of lattice descent methods", ("Turing, A.",), "arXiv preprint", 2016, "1609.00001"),
        ("What is the effect of symmetry in deep learning?", ("Byrne, J.", "Noether, E."),
         "International Conference on Machine Learning", 2019, "")]


def test_words_before_a_colon_in_a_title_after_its_names_are_the_title_s_own():
    """Eleventh real round: `Names, *Train Faster, Generalize Better: Title*` lost its head to the
    authors (`Train Faster`, `Generalize Better`, in place of the names read before it): a head of
    capitalised words before a colon is a title's own when the entry's names come before the title."""
    entries = read_excerpt("auto", """
        * Ada Lovelace, Charles Babbage, and Alan Turing, *Think Slower, Learn Faster: Kernel
          Machines in Practice*. ICML 2016. [link](https://arxiv.org/abs/1509.00001)
        """)
    assert [(paper.title, paper.authors) for paper in papers_of(entries)] == [
        ("Think Slower, Learn Faster: Kernel Machines in Practice", ("Ada Lovelace", "Charles Babbage", "Alan Turing"))]


@pytest.mark.parametrize(("line", "venue", "year"), [
    ("* Ada Lovelace and Alan Turing, *Kernel Machines in Practice*. IEEE Trans. Eng. Proc. 65(16), 2017."
     " [link](https://arxiv.org/abs/1703.00001)", "IEEE Trans. Eng. Proc", 2017),
    ("* Ada Lovelace, *Lattice Nets: An Overview*. Neural Networks (61), 2015. [link](https://arxiv.org/abs/1404.00001)",
     "Neural Networks", 2015),
])
def test_a_journal_with_its_volume_and_year_after_an_italic_title_is_the_venue(line, venue, year):
    """Eleventh real round: `*Title*. IEEE Trans. Sig. Proc. 65(16), 2017.` and `*Title*. Neural Networks
    (61), 2015.` gave no venue (abbreviation periods parted the name; no venue's word in it): the
    journal as written before its volume (issue) and year is the venue."""
    [paper] = papers_of(read_excerpt("auto", line + "\n"))
    assert (paper.venue, paper.year) == (venue, year)


def test_a_parenthesis_opening_an_entry_with_a_date_to_the_day_is_the_writer_s_note():
    """Eleventh real round: `+ (Nov 1, 2018. I found it at the end of [this paper](arXiv)) [Title](arXiv)`
    took the note's link's arXiv id and the note's date as the paper's year: the parenthesis says
    when and where the writer found the paper; the paper is what follows it."""
    entries = read_excerpt("auto", """
        + (Nov 1, 2018. I found it at the end of [this paper](https://arxiv.org/abs/1806.00001)) [Kernel Machines in Practice](https://arxiv.org/abs/1712.00002). It reads kernels as lattices.
        + (Nov 14, 2018. A colleague recommended it to me.) [Lattice Nets: An Overview](https://example.org/lattice-nets.pdf). It shows the lattice view.
        """)
    assert [(paper.title, paper.arxiv_id, paper.year) for paper in papers_of(entries)] == [
        ("Kernel Machines in Practice", "1712.00002", None), ("Lattice Nets: An Overview", "", None)]


def test_a_comment_over_link_definitions_is_no_paper_and_the_definitions_give_the_cited_items_their_links():
    """Twelfth real round: `[//]: # (Some Links)` over `[key]: url` lines was revealed as text and
    swallowed the definitions into one invented paper; the items citing `[2013][key]` lost their links.
    An item numbered `N:<TAB>` inside its bullet is numbered by it."""
    entries = read_excerpt("auto", """
        - 1:\tKernel Machines in Practice - [1999][kernels]
        - 2:  Sharp Minima Can Generalize for Deep Nets - [2017][sharp]

        [//]: # (Reading Links)
        [kernels]: https://example.org/papers/kernel-machines.pdf
        [sharp]: https://arxiv.org/pdf/1703.04933.pdf
        """)
    assert [(paper.line, paper.title, paper.year, paper.arxiv_id) for paper in papers_of(entries)] == [
        (1, "Kernel Machines in Practice", 1999, ""),
        (2, "Sharp Minima Can Generalize for Deep Nets", 2017, "1703.04933")]


@pytest.mark.parametrize("line, venue, year, authors", [
    ("3. Sharp Minima Can Generalize for Deep Nets, ICML17", "ICML", 2017, ()),
    ("4. Kernel Machines and Random Features in Practice, ICLR19", "ICLR", 2019, ()),
    ("5. Sharp Minima Can Generalize for Deep Nets, Ada Lovelace, Charles Babbage ; PMLR 70:1019-1028", "PMLR",
     None, ("Ada Lovelace", "Charles Babbage")),
])
def test_a_venue_tag_with_a_two_digit_year_or_a_series_volume_and_pages_closing_a_numbered_line_is_no_title(
        line, venue, year, authors):
    """Twelfth real round: `N. Title, ICLR17` and `N. Title, Names ; PMLR 70:2847-2854` kept the tail in
    the title (or were no paper); the tag gives venue and year, the series the venue and no year."""
    paper = papers_of(read_excerpt("auto", line))[0]
    assert (paper.title, paper.venue, paper.year, paper.authors) == (
        line[3:line.index(",")], venue, year, authors)


def test_a_parenthesis_closing_the_names_after_a_dash_is_an_alias_and_no_part_of_the_title_or_authors():
    """Twelfth real round: `&emsp;\\[2014\\] Title – Surname et al. (Alias)` paragraphs (a post's
    timeline) lost their names to the alias, or kept it in the title, or were no paper."""
    entries = read_excerpt("auto", """
        &emsp;\\[2017\\] Sharp Minima Can Generalize for Deep Nets – Lovelace, Babbage (SharpNet)

        &emsp;\\[2019\\] Kernel Machines and Random Features in Practice – Lovelace et al. (KRF, a later version)
        """)
    assert [(paper.title, paper.authors, paper.year) for paper in papers_of(entries)] == [
        ("Sharp Minima Can Generalize for Deep Nets", ("Lovelace", "Babbage"), 2017),
        ("Kernel Machines and Random Features in Practice", ("Lovelace",), 2019)]


def test_a_year_field_bullet_under_a_labelled_title_is_the_paper_s_year():
    """Twelfth real round: `N. **Title**: Title` over `- **Authors**: …` and `- **Year**: 2025`
    sub-bullets read the authors (reader-19) but no year."""
    paper = papers_of(read_excerpt("auto", """
        1. **Title**: Sharp Minima Can Generalize for Deep Nets
           - **Authors**: Ada Lovelace, Charles Babbage
           - **Summary**: A study of flat and sharp minima, written in 2016 and revised.
           - **Year**: 2017
        """))[0]
    assert (paper.title, paper.authors, paper.year) == (
        "Sharp Minima Can Generalize for Deep Nets", ("Ada Lovelace", "Charles Babbage"), 2017)


def test_an_entry_written_as_three_paragraphs_title_names_and_venue_link_is_one_paper():
    """Fifteenth real round: `**Title**`, a names paragraph and a `[VENUE'YY](arXiv)` paragraph,
    blank lines between, were three notes, and the heading above took the venue's link as its own."""
    entries = read_excerpt("auto", """
        ## Analysis of shallow networks (`./shallow`)
        **Sharp Minima Can Generalize for Deep Nets**

        Ada Lovelace, Charles Babbage

        [NeurIPS'23](https://arxiv.org/abs/1703.04933)

        **Kernel Machines and Random Features in Practice** (`./kernels`)

        Ada Lovelace

        ICML 2021 [link](https://arxiv.org/abs/1806.07572), *Honorable Mention*
        """)
    assert [(paper.line, paper.title, paper.authors, paper.year, paper.arxiv_id) for paper in papers_of(entries)] == [
        (2, "Sharp Minima Can Generalize for Deep Nets", ("Ada Lovelace", "Charles Babbage"), 2023, "1703.04933"),
        (8, "Kernel Machines and Random Features in Practice", ("Ada Lovelace",), 2021, "1806.07572")]


def test_topics_numbered_in_parentheses_naming_methods_by_acronym_are_no_papers():
    """Fifteenth real round: `* (1) Convergence Analysis of GD, SGD and Momentum` was a paper by
    `SGD` and `Momentum`, titled `1) Convergence Analysis of GD`."""
    entries = read_excerpt("auto", """
        This survey covers:
        * (1) Generalization Bounds of SGD, GD and Momentum
        * (2) Generalization Bounds of Adaptive Methods
        """)
    assert papers_of(entries) == []
    paper = papers_of(read_excerpt("auto", "* (3) Sharp Minima Can Generalize [pdf](https://arxiv.org/pdf/1703.04933.pdf)"))[0]
    assert paper.title == "Sharp Minima Can Generalize"


def test_a_link_whose_own_words_call_it_a_blog_is_no_paper():
    """Fifteenth real round: `[Title blog by Full Name on the paper of the same name](github.io)` was a paper."""
    entries = read_excerpt("auto", """
        1. [Kernel Machines in Practice blog by Ada Lovelace on the paper of the same name](https://lovelace.github.io/kernels/)
        2. [Kernel Machines in Practice](https://arxiv.org/abs/1703.04933) _Lovelace et al._
        """)
    assert [paper.line for paper in papers_of(entries)] == [2]


def test_a_bold_title_in_quotes_leaves_its_closing_quote_out_of_the_venue():
    """Fifteenth real round: Google Scholar's MLA pasted with the title bold inside its quotes,
    `"**Title**." Venue. 2014.`, read the venue as `" Venue`."""
    paper = papers_of(read_excerpt("auto", '* Lovelace, Ada, et al. "**Sharp minima can generalize for deep nets**." '
                                           "Proceedings of the Imaginary Conference on Learning. 2014. "
                                           "[[pdf]](https://example.org/sharp.pdf)"))[0]
    assert (paper.title, paper.venue, paper.year) == (
        "Sharp minima can generalize for deep nets", "Proceedings of the Imaginary Conference on Learning", 2014)


@pytest.mark.parametrize("label, venue, year", [("NeurIPS'23", "NeurIPS", 2023), ("ICLR 2024", "ICLR", 2024)])
def test_a_link_labelled_by_a_venue_and_its_year_gives_both(label, venue, year):
    """Fifteenth real round: `[NeurIPS'23](arXiv)` under a title and its names gave the year, no venue."""
    paper = papers_of(read_excerpt("auto", f"- **Sharp Minima Can Generalize**<br>Ada Lovelace<br>"
                                           f"[{label}](https://arxiv.org/abs/1703.04933)"))[0]
    assert (paper.venue, paper.year, paper.arxiv_id) == (venue, year, "1703.04933")


def test_names_before_a_bold_title_after_two_hyphens_are_its_authors():
    """Fifteenth real round: `Names -- **Title**` read no authors; `Names - **Title**` did."""
    paper = papers_of(read_excerpt("auto", "* Ada Lovelace, Charles Babbage -- **Sharp Minima Can Generalize** "
                                           "[[pdf]](https://arxiv.org/abs/1703.04933)"))[0]
    assert (paper.title, paper.authors) == ("Sharp Minima Can Generalize", ("Ada Lovelace", "Charles Babbage"))


@pytest.mark.parametrize("byline", ["_Lovelace et. al._", "_Lovelace et.al_", "by _Lovelace et. al._"])
def test_an_et_al_written_with_a_period_after_et_still_truncates_the_byline(byline):
    """Fifteenth real round: `[Title](url) _Surname et. al._` read no author."""
    paper = papers_of(read_excerpt("auto", f"1. [Sharp Minima Can Generalize](https://arxiv.org/abs/1703.04933) {byline}"))[0]
    assert (paper.title, paper.authors, paper.authors_truncated) == ("Sharp Minima Can Generalize", ("Lovelace",), True)


@pytest.mark.parametrize("line, title", [
    ("""- ["Beyond 'Sharp Minima Generalize Badly'"](https://example.org/beyond.pdf){:target="_blank"} by Ada Lovelace""",
     "Beyond 'Sharp Minima Generalize Badly'"),
    ("""- ["Kernel Machines in Practice"](https://arxiv.org/abs/1703.04933){:target="_blank"} by Ada Lovelace""",
     "Kernel Machines in Practice"),
])
def test_a_quoted_link_text_loses_its_quotes_and_keeps_a_quotation_closing_the_title(line, title):
    """Twelfth real round: `["Moving Beyond 'X'"](url)` lost the single quote closing its own quotation."""
    paper = papers_of(read_excerpt("auto", line))[0]
    assert (paper.title, paper.authors) == (title, ("Ada Lovelace",))


def test_affiliations_after_names_closing_a_numbered_line_are_neither_title_nor_author():
    """Twelfth real round: `N. Title, Full Name (Univ. X), Full Name, Full Name (Lab Y)` kept the
    names in the title and read no authors."""
    paper = papers_of(read_excerpt("auto", "4. Sharp Minima Can Generalize for Deep Nets, Ada Lovelace (Univ. Somewhere), "
                                           "Charles Babbage, Mary Somerville (Analytical Lab)"))[0]
    assert (paper.title, paper.authors) == (
        "Sharp Minima Can Generalize for Deep Nets", ("Ada Lovelace", "Charles Babbage", "Mary Somerville"))


def test_a_title_s_own_parenthesis_before_a_comma_is_never_taken_for_an_affiliation():
    entries = read_excerpt("auto", "5. Kernel Machines in Practice (Extended Version), Ada Lovelace (Univ. Somewhere), "
                                   "Charles Babbage")
    assert all(not paper.title.startswith("Kernel Machines in Practice") or "(Extended Version)" in paper.title
               for paper in papers_of(entries))


def test_comments_over_comments_stay_hidden_markdown():
    """A `[//]: # ()` comment over another comment is no comment over link definitions: both are
    revealed as before (the course list keeps draft headings so)."""
    from atlas.build.sources import source_text
    text = "[//]: # ()\n[//]: # (### Key papers)\n- [Kernel Machines](https://arxiv.org/abs/1703.04933)\n"
    document = source_text(Source(id="x", title="x", file="x.md", format="auto"), Path("x.md"), text)
    assert document.markdown.split("\n")[:2] == ["", "### Key papers"]


def test_an_mla_first_author_of_two_words_opens_with_a_particle_and_names_in_order_stay_in_order():
    particle, book, in_order = read_excerpt("auto", """
        - Du Marchais, Elodie, and Tobias R. Wendt. "Margins of sparse ensembles." Journal of Imaginary Learning 9.2 (2018): 12-30.
        - Ter Horst, J. Anke, and Milo Fenwick, eds. Depth and width of shallow circuits. Harbor Academic Press, 2007.
        - Hanna Voss, Pell Marrin, Odo Kassel, and Rita Quell. "Implicit bias of flat minima." Journal of Imaginary Learning 4.1 (2020): 1-9.
        """)
    assert (particle.authors, particle.venue) == (("Du Marchais, Elodie", "Tobias R. Wendt"), "Journal of Imaginary Learning")
    assert (book.title, book.authors, book.venue) == (
        "Depth and width of shallow circuits", ("Ter Horst, J. Anke", "Milo Fenwick"), "Harbor Academic Press")
    assert in_order.authors == ("Hanna Voss", "Pell Marrin", "Odo Kassel", "Rita Quell")


def test_scholar_mla_books_are_titled_after_their_authors_and_a_journal_keeps_no_volume():
    book, article, single = read_excerpt("auto", """
        - Quillfeather, Marten, and Odile P. Brackwater. Gradient flows on curved manifolds: a primer. Harbor Academic Press, 2011.
        - Tamsworth, Ilse, et al. "Sharpness of wide residual networks." Signal Theory, Journal of Imaginary Learning 12.4 (2019): 211-240.
        - Okonkwo, Delphine. "Spectral bias in shallow models." Annals of Learning Systems 86.11 (2016): 44-59.
        """)
    assert (book.title, book.authors, book.venue, book.year) == (
        "Gradient flows on curved manifolds: a primer", ("Quillfeather, Marten", "Odile P. Brackwater"),
        "Harbor Academic Press", 2011)
    assert (article.title, article.authors, article.authors_truncated, article.venue, article.year) == (
        "Sharpness of wide residual networks", ("Tamsworth, Ilse",), True,
        "Signal Theory, Journal of Imaginary Learning", 2019)
    assert (single.authors, single.venue, single.year) == (("Okonkwo, Delphine",), "Annals of Learning Systems", 2016)


def test_link_lines_joined_by_hard_breaks_are_one_paper_each():
    """Fourteenth real round: unbulleted `[Title](url)` lines ended by two spaces make one
    paragraph; only its first line was read, the others were lost."""
    text = ("## Kernels\n"
            "[Spectral Bias of Shallow Kernel Machines](https://arxiv.org/abs/1901.00001)  \n"
            "[Wide Networks as Gaussian Processes](https://example.org/wide-gp.pdf)  \n"
            "[Sharp Minima Can Generalize for Deep Nets](https://arxiv.org/abs/1703.04933)\n")
    papers = papers_of(read_excerpt("auto", text))
    assert [(paper.title, paper.line) for paper in papers] == [
        ("Spectral Bias of Shallow Kernel Machines", 2), ("Wide Networks as Gaussian Processes", 3),
        ("Sharp Minima Can Generalize for Deep Nets", 4)]
    assert count_blocks(text) == 4


def test_a_bold_title_over_its_hard_broken_byline_and_link_stays_one_paper():
    papers = papers_of(read_excerpt("auto", "**Spectral Bias of Shallow Kernel Machines**  \nAda Lovelace, Charles Babbage  \n"
                                            "[pdf](https://arxiv.org/abs/1901.00001)\n"))
    assert [(paper.title, paper.authors) for paper in papers] == [
        ("Spectral Bias of Shallow Kernel Machines", ("Ada Lovelace", "Charles Babbage"))]


def test_a_bold_title_with_a_pandoc_citation_key_is_a_paper():
    """Fourteenth real round: `- **Title** [@citekey]` bullets, no link nor byline, were read as
    prose. The key cites the paper; it is a handle, so no author nor year is read out of it."""
    cited, italic = papers_of(read_excerpt("auto", """
        - **Spectral Bias of Shallow Kernel Machines** [@lovelaceSpectralBiasShallow2019]
          A note under it, citing [@babbageKernels2020] on its second line.
        - *Wide Networks as Gaussian Processes* [@somervilleWide2021; @lovelaceWide2022]
        """))
    assert (cited.title, cited.authors, cited.year) == ("Spectral Bias of Shallow Kernel Machines", (), None)
    assert (italic.title, italic.authors, italic.year) == ("Wide Networks as Gaussian Processes", (), None)


def test_a_sentence_closed_by_a_pandoc_citation_is_no_paper():
    assert papers_of(read_excerpt("auto", "- As the kernel view of wide networks shows [@babbageKernels2018]\n")) == []


@pytest.mark.parametrize("line, title, authors, year", [
    ('* ["Spectral Bias of Shallow Kernel Machines", A. Lovelace](https://example.org/bias.pdf)',
     "Spectral Bias of Shallow Kernel Machines", ("A. Lovelace",), None),
    ("* [Wide Networks as Gaussian Processes, Lovelace et al.19](https://arxiv.org/abs/1901.00001)",
     "Wide Networks as Gaussian Processes", ("Lovelace",), 2019),
    ("* [Sharp Minima Can Generalize for Deep Nets, Lovelace & Babbage'17](https://arxiv.org/abs/1703.04933)",
     "Sharp Minima Can Generalize for Deep Nets", ("Lovelace", "Babbage"), 2017),
    ("* [Kernel Machines in Practice](https://example.org/kernels.pdf), C. Babbage et al, 18",
     "Kernel Machines in Practice", ("C. Babbage",), 2018),
])
def test_names_inside_or_after_a_title_link_are_its_authors_and_a_short_year_closing_them_is_its_year(
        line, title, authors, year):
    """Fourteenth real round: `["Title", Names](url)` and `[Title, Names'18](url)` kept their names
    in the title; `[Title](url), Names et al, 17` was no paper."""
    paper = papers_of(read_excerpt("auto", line))[0]
    assert (paper.title, paper.authors, paper.year) == (title, authors, year)


def test_a_title_link_with_commas_of_its_own_keeps_them():
    paper = papers_of(read_excerpt("auto", "* [Rotation, Scaling and Shearing of Kernel Machines](https://arxiv.org/abs/1901.00001)"))[0]
    assert paper.title == "Rotation, Scaling and Shearing of Kernel Machines"


def test_a_note_bullet_quoting_words_inside_its_sentence_is_no_paper():
    """Fourteenth real round: note bullets under a post's heading quoting a phrase in curly quotes
    were read as papers titled by the quotation (or by the sentence)."""
    entries = read_excerpt("auto", """
        * Wide layers help, since the kernel becomes “almost constant during training of wide networks” (Lovelace 2019).
        * By also widening the last layer, we can keep the kernel fixed for the whole of training (Babbage 2020).
        * Lovelace, Ada. “Spectral Bias of Shallow Kernel Machines.” Journal of Imaginary Learning, 2019.
        """)
    assert [paper.title for paper in papers_of(entries)] == ["Spectral Bias of Shallow Kernel Machines"]


def test_an_alphabetic_key_made_of_the_authors_initials_is_no_venue():
    """Fourteenth real round: `N. [SHNGS] Soudry, D., Hoffer, E., … (2018). Title. Venue.` read the
    key as the venue."""
    keyed, venue = papers_of(read_excerpt("auto", """
        1. [LBS] Lovelace, A., Babbage, C., & Somerville, M. (2019). Spectral bias of shallow kernel machines. Journal of Imaginary Learning.
        2. [ICML 2019] Spectral bias of deep kernel machines. Ada Lovelace, Charles Babbage.
        """))
    assert (keyed.title, keyed.venue, keyed.year) == ("Spectral bias of shallow kernel machines", "Journal of Imaginary Learning", 2019)
    assert venue.venue == "ICML 2019"


def test_surnames_and_a_year_in_parentheses_before_a_linked_title_are_its_authors_and_year():
    """Fourteenth real round: `Surname (Year) [Title](url)` classics were no papers, and a word
    emphasized inside the link ended the title there."""
    shannon, markov = papers_of(read_excerpt("auto", """
        - Lovelace(-Babbage) (1943) [Notes on the Analytical Engine](https://example.org/notes.pdf)
        - Somerville (1934) [On the Connexion of the _Physical_ Sciences](https://example.org/connexion.pdf)
        """))
    assert (shannon.title, shannon.authors, shannon.year) == ("Notes on the Analytical Engine", ("Lovelace",), 1943)
    assert (markov.title, markov.authors, markov.year) == (
        "On the Connexion of the Physical Sciences", ("Somerville",), 1934)


def test_a_title_link_over_a_hard_broken_byline_of_linked_names_stays_one_entry():
    text = ("[Spectral Bias of Shallow Kernel Machines](https://arxiv.org/abs/1901.00001)  \n"
            "[Ada Lovelace](https://example.org/ada), [Charles Babbage](https://example.org/babbage)\n")
    papers = papers_of(read_excerpt("auto", text))
    assert [paper.title for paper in papers] == ["Spectral Bias of Shallow Kernel Machines"]
    assert count_blocks(text) == 1


def test_an_alphabetic_key_counts_the_names_a_comma_only_entry_opens_with():
    """Fourteenth real round: `[ZLLS] Names, Names, Names, Names, Title, Year.` kept its names in
    the title; the key's letters are their surnames' initials, one a name."""
    paper = papers_of(read_excerpt("auto", "6. [LBS] Ada Lovelace, Charles P. Babbage, Mary Somerville, "
                                           "Notes on the Analytical Engine, 2018.\n"))[0]
    assert (paper.title, paper.authors, paper.year) == (
        "Notes on the Analytical Engine", ("Ada Lovelace", "Charles P. Babbage", "Mary Somerville"), 2018)


def test_a_numbered_reference_wrapped_onto_its_quoted_title_s_line_is_at_that_line():
    """Sixteenth real round: `[N] I. Surname and I. Surname,` references with the linked quoted
    title on the line below were read at the `[N]` line; as a seminar citation wrapped onto its
    title's line is, they are at the title's line. The number before the first name, the first
    initial's stop and the quote and bracket opening the title no longer hide the names."""
    entries = read_excerpt("auto", """
        # References
        -   [1] Q. Marple and R. T. Lindqvist,
            ["Sparse Kernels at Width"](https://arxiv.org/abs/1904.00011),
            arXiv preprint arXiv:1904.00011, 2019.
        -   [2] B. Okafor,
            ["Lattice Nets Revisited"](https://arxiv.org/abs/1905.00012), _CoRR_, 2019.
        """)
    assert [(paper.line, paper.title, paper.authors) for paper in papers_of(entries)] == [
        (3, "Sparse Kernels at Width", ("Q. Marple", "R. T. Lindqvist")),
        (6, "Lattice Nets Revisited", ("B. Okafor",))]


def test_a_bullet_titled_before_a_described_dash_and_a_view_link_is_that_title():
    """Sixteenth real round: `- Title — 中文说明。/ A note. [查看 View](pdf)` bullets were titled by
    their link's label; a link labelled by what to do with it (`View`, `查看`) names no paper, and a
    description after a spaced dash opening in lower case or CJK script is a remark on the paper,
    no part of its title. A title-case subtitle after a dash stays the title's, `[Novel View
    Synthesis]` a title."""
    entries = read_excerpt("auto", """
        # Picks
        - Sparse Kernels at Width — 宽度与稀疏核的经典研究。/ A classic study of width. [查看 View](../lib/sk.pdf)
        - Lattice Nets — a note on lattices. [View](../lib/ln.pdf)
        - Kernel Machines — A Second Look. [pdf](../lib/km.pdf)
        - [Novel View Synthesis](https://arxiv.org/abs/1906.00021)
        """)
    assert [(paper.line, paper.title, paper.authors) for paper in papers_of(entries)] == [
        (2, "Sparse Kernels at Width", ()), (3, "Lattice Nets", ()),
        (4, "Kernel Machines — A Second Look", ()), (5, "Novel View Synthesis", ())]


def test_a_reading_group_table_reads_its_to_read_column_and_its_authors_column():
    """Sixteenth real round: `| Date | Presenter | To Read | Authors |` had no title column, and its
    rows were read as text with the presenter for the authors. `To Read` (or `Reading`) is the
    title column; with an Authors column, a title cell `Title (2016), Chapter 3` is the title, its
    year in parentheses (no name list before it) and the part read after it."""
    entries = read_excerpt("auto", """
        | Date    | Presenter   | To Read                               | Authors               |
        | :---    | :---:       | :---:                                 | ---:                  |
        | 2 March | Rosa Lindgren | Kernel Machines (2011), Chapters 2 - 3 | Marple and Okafor     |
        | 9 March | Tomas Ekdahl  | Sparse Kernels at Width (2019)        | Lindqvist, Ng and Oduya |
        """)
    assert [(paper.line, paper.title, paper.authors, paper.year) for paper in papers_of(entries)] == [
        (3, "Kernel Machines", ("Marple", "Okafor"), 2011),
        (4, "Sparse Kernels at Width", ("Lindqvist", "Ng", "Oduya"), 2019)]


def test_a_claim_bullet_pointing_at_this_paper_is_no_paper_and_its_linked_child_is():
    """Sixteenth real round: a bullet remarking on the paper linked below it (`As of 2020, this
    paper by Name et al. may be …`) was taken for a paper and the linked paper for its note; a
    title written as text never points at `this paper`."""
    entries = read_excerpt("auto", """
        ### Depth
        * As of March 2020, this paper by Rosa Lindgren et al. may be the clearest account yet of width in a network.  Sadly the proofs are for: (a) GD; (b) two layers only.
          - [Kernel Machines at Width](https://arxiv.org/abs/2003.00013)
        """)
    assert entries[1].kind == "other"
    assert [(paper.line, paper.title) for paper in papers_of(entries)] == [(3, "Kernel Machines at Width")]


def test_a_venue_written_on_a_labelled_line_of_its_own_is_read_without_its_label():
    """Seventeenth real round (read held out): `Publication: arXiv` under a bold linked title and
    its `Authors:` line was read as the venue `Publication: arXiv`. A venue field's label
    (Publication, Venue, Published in, Conference, Journal) names the field; the value is the venue."""
    entries = read_excerpt("auto", """
        ## Width

        **[Kernel Machines at Width](https://arxiv.org/abs/2003.00013)**
        Authors: Rosa Lindgren, Tomas Ekdahl (2020)
        Publication: arXiv

        **[Sparse Kernels in Deep Networks](https://example.org/sparse.pdf)**
        Authors: Ana Oduya (2019)
        Venue: NeurIPS 2019
        """)
    assert [(paper.line, paper.title, paper.authors, paper.year, paper.venue) for paper in papers_of(entries)] == [
        (3, "Kernel Machines at Width", ("Rosa Lindgren", "Tomas Ekdahl"), 2020, "arXiv"),
        (7, "Sparse Kernels in Deep Networks", ("Ana Oduya",), 2019, "NeurIPS 2019")]


def test_a_method_label_and_colon_before_a_marked_title_is_neither_its_authors_nor_its_venue():
    """Stop 34, from rounds 16, 18 and 24 (in-sample): `Batch Norm: [Title](url)` read `Batch Norm` as
    the authors, `PRML: [Title](url) Names, 2006` read `PRML` as the venue. One to three words and a
    colon right before the title name the method or book; a bracketed tag before them stays read."""
    entries = read_excerpt("auto", """
        ## Width
        - Width Norm: [Kernel Machines at Width](https://arxiv.org/abs/2003.00013)
        - KMW: [Sparse Kernels in Deep Networks](https://example.org/sparse.pdf) Rosa Lindgren, 2019.
        * [2014 NIPS] Sparse MF: **Sparse Matrix Kernels for Width**. [[PDF](https://example.org/smk.pdf)]
        - Lindgren and Okafor: [Deep Kernels at Depth](https://arxiv.org/abs/2003.00014)
        """)
    assert [(paper.line, paper.title, paper.authors, paper.venue) for paper in papers_of(entries)] == [
        (2, "Kernel Machines at Width", (), ""),
        (3, "Sparse Kernels in Deep Networks", ("Rosa Lindgren",), ""),
        (4, "Sparse Matrix Kernels for Width", (), "NIPS 2014"),
        (5, "Deep Kernels at Depth", ("Lindgren", "Okafor"), "")]


def test_a_pdf_in_a_folder_of_papers_is_a_paper_link_even_on_a_course_s_pages():
    """Stop 34, round 24 (in-sample): a course's `/Teaching/…/papers/x.pdf` counted as course
    material, so a bold title whose one link it was went unread."""
    entries = read_excerpt("auto", """
        ## Width
        * [2009] **Sparse Matrix Kernels for Width**. [[PDF](https://example.edu/teaching/w101/papers/smk.pdf)]
        * [2010] **Lecture Four**. [[PDF](https://example.edu/teaching/w101/lec4.pdf)]
        """)
    assert [(paper.line, paper.title) for paper in papers_of(entries)] == [(2, "Sparse Matrix Kernels for Width")]


def test_an_arxiv_id_before_a_venue_and_a_volume_after_a_journal_are_no_part_of_the_venue():
    """Stop 34, rounds 18 and 20 (in-sample): `arXiv:1406.1078 / EMNLP 2014` was read as the venue,
    `arXiv:0810.4752v1, 2008` too, and `Annals of Statistics 50(2), 2022` kept its volume."""
    entries = read_excerpt("auto", """
        ## Width
        * Rosa Lindgren and Tomas Ekdahl, *Kernel Machines at Width*, arXiv:2003.00013 / ICML 2020
        * Ana Oduya, *Sparse Kernels in Deep Networks*, arXiv:2003.00014v2, 2020.
        * Rosa Lindgren, *Deep Kernels at Depth*, Annals of Statistics 48(3), 2020. [Preprint](https://arxiv.org/abs/2003.00015)
        """)
    assert [(paper.line, paper.title, paper.venue, paper.arxiv_id) for paper in papers_of(entries)] == [
        (2, "Kernel Machines at Width", "ICML 2020", "2003.00013"),
        (3, "Sparse Kernels in Deep Networks", "", "2003.00014"),
        (4, "Deep Kernels at Depth", "Annals of Statistics", "2003.00015")]


def test_mla_names_right_after_a_linked_title_are_its_authors_and_what_follows_its_venue():
    """Stop 34, round 24 (in-sample): `[Title](url), Surname, Given, Given Surname, and Given Surname.
    Venue, 2022.` read no authors, or the venue as one (`AISTATS PMLR`); `Surname, Given.` alone
    only with a year after it (`Springer, Berlin.` could be a publisher and its city)."""
    entries = read_excerpt("auto", """
        ## Width
        - [Kernel Machines at Width](https://arxiv.org/abs/2003.00013), Lindgren, Rosa, Tomas Ekdahl, and Ana Oduya. KDD Cup, 2022.
        - [Sparse Kernels in Deep Networks](https://example.org/sparse.pdf) Oduya, Ana, et al. ICML, 2021.
        - [Deep Kernels at Depth](https://example.org/deep.pdf), Ekdahl, Tomas. Big data (2017)
        """)
    assert [(paper.line, paper.authors, paper.venue, paper.year) for paper in papers_of(entries)] == [
        (2, ("Lindgren, Rosa", "Tomas Ekdahl", "Ana Oduya"), "KDD Cup", 2022),
        (3, ("Oduya, Ana",), "ICML 2021", 2021),
        (4, ("Ekdahl, Tomas",), "Big data", 2017)]


def test_vancouver_names_and_an_italic_journal_before_its_bold_volume_are_read():
    """Stop 34, round 23 (in-sample): `Lindgren R, Ekdahl T` (PubMed's style, initials in capitals
    without periods) read no authors, or `Oduya AB, Ng C` one person; `_Physics Reports_ **924**,
    1-18 (2021)` no venue."""
    entries = read_excerpt("auto", """
        ## Width

        - **Kernel Machines at Width** <br />
          Lindgren R, Ekdahl T <br />
          _Physics Reports_ **924**, 1-18 (2021) <br />
          https://doi.org/10.1016/j.physrep.2021.04.001

        - **Sparse Kernels in Deep Networks** <br />
          Oduya AB, Ng C <br />
          _ICLR_ (2020) <br />
          https://openreview.net/forum?id=rkxZyaNtwB
        """)
    assert [(paper.line, paper.authors, paper.venue, paper.year) for paper in papers_of(entries)] == [
        (3, ("Lindgren R", "Ekdahl T"), "Physics Reports", 2021),
        (8, ("Oduya AB", "Ng C"), "ICLR", 2020)]


def test_a_book_s_publisher_after_its_title_is_its_venue():
    """Stop 34, rounds 14, 16, 20, 21 and 23 (in-sample): `*Title* (2nd ed.). MIT Press.`, `published
    by The MIT Press`, `Cambridge: MIT press, 2016` read no venue; the publisher, as written, is it."""
    entries = read_excerpt("auto", """
        ## Books
        1. **Lindgren, R., & Ekdahl, T.** (2018). *Kernel Machines at Width* (2nd ed.). Athena Scientific.
        2. **Sparse Kernels in Deep Networks** by Ana Oduya published by The MIT Press. https://example.org/sparse.pdf
        3. **Oduya, A.** (2020). *Deep Kernels at Depth*. John Wiley & Sons.
        """)
    assert [(paper.line, paper.title, paper.venue) for paper in papers_of(entries)] == [
        (2, "Kernel Machines at Width", "Athena Scientific"),
        (3, "Sparse Kernels in Deep Networks", "The MIT Press"),
        (4, "Deep Kernels at Depth", "John Wiley & Sons")]


def test_an_mla_journal_with_its_year_alone_and_dblp_s_corr_volume_are_read():
    """Stop 34, rounds 15, 21 and 22 (in-sample): `"**Title**." Nature (2016). [[pdf]](…)` read no venue
    (the link's label and a glued `APA` kept the container from being read), and `CoRR,
    abs/1510.00149 2 (2015)` kept DBLP's arXiv id in the venue."""
    entries = read_excerpt("auto", """
        ## Width
        * Lindgren, Rosa, et al. "**Kernel machines at width**." Nature (2016). [[pdf]](https://example.org/kmw.pdf)
        - Oduya, Ana. "Sparse kernels in deep networks." Frontiers of Width 10.4 (2016): 589-590.APA[[pdf]](https://example.org/skd.pdf)
        * Ekdahl, Tomas, Ana Oduya, and Rosa Lindgren. "**Deep kernels at depth**." CoRR, abs/1510.00149 2 (2015). [[pdf]](https://example.org/dkd.pdf)
        """)
    assert [(paper.line, paper.venue, paper.year, paper.arxiv_id) for paper in papers_of(entries)] == [
        (2, "Nature", 2016, ""), (3, "Frontiers of Width", 2016, ""), (4, "CoRR", 2015, "1510.00149")]


def test_bibtex_names_with_particles_tildes_open_emphasis_and_others_are_read():
    """Stop 34, round 21 (in-sample): BibTeX author fields pasted after `by` read no authors when a
    given name held a particle (`Oduya, Ana de Sol`), an initial a tie (`I.~J.`), the emphasis
    was left open (`*… Surname, Given *`) or the field closed with `and others`."""
    entries = read_excerpt("auto", """
        ## Width
        - [**Kernel Machines at Width**](https://arxiv.org/abs/2003.00013) , (2017) by *Lindgren, Rosa, Oduya, Ana de Sol and Ekdahl, Tomas*
        - [**Sparse Kernels in Deep Networks**](https://arxiv.org/abs/2003.00014) , (2013) by *Ekdahl, T.~J., Ng, C. and Oduya, A.*
        - [**Deep Kernels at Depth**](https://arxiv.org/abs/2003.00015) , (2017) by *Ng, Cecilia, Lindgren, Rosa and Oduya, Ana *
        - [**Wide Kernels**](https://arxiv.org/abs/2003.00016) , (2017) by *Ng, Cecilia, Lindgren, Rosa, Ekdahl, Tomas and others*
        """)
    assert [(paper.line, paper.authors) for paper in papers_of(entries)] == [
        (2, ("Lindgren, Rosa", "Oduya, Ana de Sol", "Ekdahl, Tomas")),
        (3, ("Ekdahl, T. J.", "Ng, C.", "Oduya, A.")),
        (4, ("Ng, Cecilia", "Lindgren, Rosa", "Oduya, Ana")),
        (5, ("Ng, Cecilia", "Lindgren, Rosa", "Ekdahl, Tomas"))]


def test_distill_articles_publisher_book_pages_and_a_lab_s_publication_page_are_paper_links():
    """Stop 34, rounds 12, 14, 17 and 18 (in-sample): a title linking only to a Distill article, a
    book's page at cambridge.org or a research lab's page of one publication went unread."""
    entries = read_excerpt("auto", """
        ## Width
        12. [Kernel Machines at Width](https://distill.pub/2019/kernel-width/)
        13. [Sparse Kernels in Deep Networks](https://www.cambridge.org/core/books/sparse-kernels/1234)
        14. [Deep Kernels at Depth](https://www.kernel-lab.org/en-us/research/publication/deep-kernels-at-depth/)
        15. [Our research](https://www.kernel-lab.org/research/)
        """)
    assert [(paper.line, paper.title) for paper in papers_of(entries)] == [
        (2, "Kernel Machines at Width"), (3, "Sparse Kernels in Deep Networks"), (4, "Deep Kernels at Depth")]


def test_names_with_et_al_before_a_noted_month_and_a_venue_are_read_apart():
    """Stop 35, round 27 (in-sample): `Name, et al., 2020.09 NeurIPS2020` read the names and the
    month as a venue; the month a list noted a paper (`2020.09`) is not part of its venue."""
    entries = read_excerpt("auto", """
        ## Width
        - [Kernel Machines at Width](https://arxiv.org/abs/2003.00013), Rosa Lindgren, et al., 2020.09 NeurIPS2020
        - [Sparse Kernels in Deep Networks](https://arxiv.org/abs/2003.00014), Tomas Ekdahl, et al., 2021.04 SIGIR 2021
        - [Deep Kernels at Depth](https://arxiv.org/abs/2003.00015), Cecilia Ng, et al., SIGIR 2021 2021.04
        - [Wide Kernels](https://arxiv.org/abs/2003.00016) Rosa Lindgren et al., 2022.03, ICLR2022
        - [Kernels at Random](https://arxiv.org/abs/2003.00017), Ekdahl, Ng et al,'17
        """)
    assert [(paper.line, paper.authors, paper.venue) for paper in papers_of(entries)] == [
        (2, ("Rosa Lindgren",), "NeurIPS 2020"), (3, ("Tomas Ekdahl",), "SIGIR 2021"),
        (4, ("Cecilia Ng",), "SIGIR 2021"), (5, ("Rosa Lindgren",), "ICLR 2022"),
        (6, ("Ekdahl", "Ng"), "")]


def test_a_list_s_bracketed_tag_a_year_venue_pair_and_a_tldr_note_are_no_part_of_title_or_venue():
    """Stop 35, round 28 (in-sample): `**[Section] Title**. (2023-ICLR) Names.` over a `**TLDR**:`
    line kept the list's tag in the title and read `TLDR` as the venue; `**Title**, EMNLP, 2020.`
    read no venue."""
    entries = read_excerpt("auto", """
        ### Kernel Methods

        **[Kernel Methods] Kernel Machines at Width**. (2023-ICLR) Rosa Lindgren, Tomas Ekdahl. 
        **TLDR**: Wide kernels behave as kernels. (宽核) 

        **[Kernel Methods] Sparse Kernels in Deep Networks**. (2022) Cecilia Ng. 
        **TLDR**: Sparse kernels. 

        ## Papers
        * **Deep Kernels at Depth**, EMNLP, 2021. [paper](https://arxiv.org/abs/1809.09337)
        * **[Re] Wide Kernels**, IEEE, 2020. [paper](https://arxiv.org/abs/1809.09338)
        """)
    assert [(paper.line, paper.title, paper.venue) for paper in papers_of(entries)] == [
        (3, "Kernel Machines at Width", "ICLR 2023"), (6, "Sparse Kernels in Deep Networks", ""),
        (10, "Deep Kernels at Depth", "EMNLP 2021"), (11, "[Re] Wide Kernels", "IEEE 2020")]


def test_a_distill_article_under_a_blogs_heading_is_one_of_the_blogs():
    """Stop 35, round 30 on arrival: stop 34 made a Distill article a paper link, and two of them
    listed under `### Blogs:` were taken as papers; elsewhere a Distill article stays a paper."""
    entries = read_excerpt("auto", """
        ### Blogs:
        - [A Gentle Introduction to Kernels](https://distill.pub/2021/kernel-intro/)

        ### Papers:
        - [Kernel Machines at Width](https://distill.pub/2019/kernel-width/)
        """)
    assert [(entry.line, entry.kind) for entry in entries if entry.line in (2, 5)] == [
        (2, "other"), (5, "paper")]


def test_apa_names_and_year_in_one_bold_span_are_the_byline_not_the_title():
    """Stop 35, round 30 (in-sample): `**Surname, I., & Surname, I. (2022)**. "Title." *Venue*.` read no
    authors, and where one name stood alone in bold, `Ng, C` as the title."""
    entries = read_excerpt("auto", """
        ## Circuits
        - **Lindgren, R., Ekdahl, T., & Oduya, A. (2022)**. "Kernel machines at width." *Advances in Neural Information Processing Systems*. arXiv:2202.05262
        - **Ng, C. (2021)**. "Sparse kernels in deep networks." *Neural Computation*. arXiv:2211.00593
        """)
    assert [(paper.line, paper.title, paper.authors, paper.year) for paper in papers_of(entries)] == [
        (2, "Kernel machines at width", ("Lindgren, R.", "Ekdahl, T.", "Oduya, A."), 2022),
        (3, "Sparse kernels in deep networks", ("Ng, C.",), 2021)]


def test_a_table_s_plain_title_cell_is_the_title_and_its_bracketed_venue_tag_the_venue():
    """Stop 36, round 29 (in-sample): in `| Model | Paper |` rows whose `Paper` cell writes
    `[NIPS2016] Title` and whose `Model` cell links the paper under a nickname, the reader titled
    rows `R-FCN++` and read `Mask R-CNN` as an author; `[2019]Title` kept `2019]` in the title.
    A slides link in another cell keeps its text, which says what it is."""
    entries = read_excerpt("auto", """
        | V | Model | Paper | Note |
        | -- | -- | -- | -- |
        |  | [R-FCN++](https://pdfs.semanticscholar.org/f4a2/7320.pdf) | [AAAI2018] R-FCN++: Towards Accurate Region-Based Detection | ![13](13.png) |
        | V | [Mask RCNN](https://arxiv.org/pdf/1703.06870.pdf) | [ICCV2017] Mask R-CNN | The method, called Mask R-CNN, extends Faster R-CNN. |
        |  | [Paper](https://arxiv.org/pdf/1902.07296.pdf) | [2019]Augmentation for small object detection | |
        """)
    assert [(paper.line, paper.title, paper.authors, paper.year, paper.venue)
            for paper in papers_of(entries)] == [
        (3, "R-FCN++: Towards Accurate Region-Based Detection", (), 2018, "AAAI2018"),
        (4, "Mask R-CNN", (), 2017, "ICCV2017"),
        (5, "Augmentation for small object detection", (), 2019, "")]


def test_a_bracketed_citation_closing_a_title_names_its_author_and_year():
    """Stop 36, round 29 (in-sample): `Title, [Surname et al., 2013] url` kept the citation in the
    title, also where the list lost the space before `et al.`."""
    entries = read_excerpt("auto", """
        ## Optimisation
        - Gradient Clipping, [Pascanu et al., 2013] https://arxiv.org/pdf/1211.5063.pdf
        - Kernel Machines at Width, [Lindgrenet al., 2020] https://arxiv.org/pdf/2003.00013.pdf
        """)
    assert [(paper.line, paper.title, paper.authors, paper.year) for paper in papers_of(entries)] == [
        (2, "Gradient Clipping", ("Pascanu",), 2013), (3, "Kernel Machines at Width", ("Lindgren",), 2020)]


def test_a_venue_and_date_leading_a_title_are_its_venue_and_year():
    """Stop 36, round 31 (in-sample): `arXiv  2015.05, Title, [paper](…)` kept `arXiv 2015.05,` in the
    title; APA's `N.d.,` (no date) opening an entry is no part of it either."""
    entries = read_excerpt("auto", """
        ### NTK
        arXiv  2018.06, Neural Tangent Kernel: Convergence and Generalization, [paper](http://arxiv.org/abs/1806.07572)
        ### Width
        ICML 2019: Wide Networks Are Kernel Machines, [paper](http://arxiv.org/abs/1902.06720)
        """)
    assert [(paper.line, paper.title, paper.year, paper.venue) for paper in papers_of(entries)] == [
        (2, "Neural Tangent Kernel: Convergence and Generalization", 2018, "arXiv"),
        (4, "Wide Networks Are Kernel Machines", 2019, "ICML")]


def test_a_title_bullet_takes_the_links_and_year_of_its_field_sub_bullets():
    """Stop 36, rounds 31 and 32 (in-sample): `* Title` over `- By Names`, `- 2007` and
    `- [[ArXiv]](…)` (or `- arXiv: [id](…)`) read no id and no year; a paper linked only there was lost."""
    entries = read_excerpt("auto", """
        ## Calibration
        * Kernel Machines at Width
            - By Rosa Lindgren, Tomas Ekdahl, and Cecilia Ng
            - 2007
            - [[PDF]](https://arxiv.org/pdf/2003.00013.pdf), [[Link]](https://example.org/kernels)

        - **Sparse Kernels in Deep Networks**
          - Authors: Tomas Ekdahl et.al.
          - arXiv: [2602.05770](https://arxiv.org/abs/2602.05770)
        """)
    assert [(paper.line, paper.title, paper.year, paper.arxiv_id) for paper in papers_of(entries)] == [
        (2, "Kernel Machines at Width", 2007, "2003.00013"), (7, "Sparse Kernels in Deep Networks", None, "2602.05770")]


def test_a_title_s_own_words_after_a_comma_are_no_names():
    """Stop 36, round 31 (in-sample): `Scoring Rules, Prediction, and Estimation` read two authors
    `Prediction` and `Estimation`; `…: A Distribution-Free, Ensembled Approach` lost its last words."""
    entries = read_excerpt("auto", """
        ## Scoring
        - Strictly Proper Scoring Rules, Prediction, and Estimation [pdf](https://arxiv.org/abs/2003.00013)
        - Prediction Intervals for Deep Learning: A Distribution-Free, Ensembled Approach [pdf](https://arxiv.org/abs/2003.00014)
        """)
    assert [(paper.title, paper.authors) for paper in papers_of(entries)] == [
        ("Strictly Proper Scoring Rules, Prediction, and Estimation", ()),
        ("Prediction Intervals for Deep Learning: A Distribution-Free, Ensembled Approach", ())]


def test_an_address_closing_a_title_is_its_link_and_a_citation_count_no_title():
    """Stop 36, round 32 (in-sample): `Title, https://ieeexplore.ieee.org/…` read the address as part
    of the title or not at all; `… (2013): 109-132.[Cited 1546](pdf)` titled the paper `Cited 1546`;
    a struck-out `~~Names. "Title." …~~` read no names. `Retrieved from` before an address stays a
    phrase of the reference."""
    entries = read_excerpt("auto", """
        ## Markets
        - Kernel Markets with Social Internet of Things, https://ieeexplore.ieee.org/abstract/document/9918042
        - Lindgren, Rosa, and Tomas Ekdahl. "Recommender kernels survey." Knowledge-based systems 46 (2013): 109-132.[Cited 1546](https://arxiv.org/pdf/1707.07435.pdf)
        - ~~Ng, Cecilia, and Rosa Lindgren. "Kernel factorization." Computer 8 (2009): 30-37.[Cited 5124](https://ieeexplore.ieee.org/stamp/stamp.jsp?arnumber=5197422)~~
        """)
    assert [(paper.line, paper.title, paper.authors, [link.url for link in paper.links][:1])
            for paper in papers_of(entries)] == [
        (2, "Kernel Markets with Social Internet of Things", (), ["https://ieeexplore.ieee.org/abstract/document/9918042"]),
        (3, "Recommender kernels survey", ("Lindgren, Rosa", "Tomas Ekdahl"), ["https://arxiv.org/pdf/1707.07435.pdf"]),
        (4, "Kernel factorization", ("Ng, Cecilia", "Rosa Lindgren"),
         ["https://ieeexplore.ieee.org/stamp/stamp.jsp?arnumber=5197422"])]


def test_a_bold_nickname_before_a_linked_title_is_no_venue():
    """Stop 36, round 31 (in-sample): `**NCSN** [Title](…) 2019, note` read `NCSN` as the venue; a
    venue's acronym in bold stays the venue."""
    entries = read_excerpt("auto", """
        ## Kernels
        1. **KMW** [Kernel machines at width](https://proceedings.neurips.cc/paper/2019/hash/3001ef-Abstract.html) 2019, the first kernel machine
        2. **ICML** [Sparse kernels in deep networks](https://arxiv.org/abs/2003.00013) 2020
        """)
    assert [(paper.line, paper.venue, paper.year) for paper in papers_of(entries)] == [(2, "", 2019), (3, "ICML", 2020)]


def test_a_linked_title_holding_a_label_word_is_still_a_title():
    """Stop 36, round 31 (in-sample): `[Local Reparameterization Trick](arxiv)` read as a label
    (`local`, as in `[local copy]`) and the paper was lost; `[Blog Post]`, `[NeurIPS PDF]` stay labels."""
    entries = read_excerpt("auto", """
        ### Variational Inference
        - [Local Kernel Trick](https://arxiv.org/abs/1506.02557). More in the related [PhD thesis (PDF)](https://example.org/thesis.pdf).
        - [Blog Post](https://example.org/kernels), [NeurIPS PDF](https://example.org/kernels.pdf)
        """)
    assert [(entry.line, entry.kind, entry.title) for entry in entries if entry.line > 1] == [
        (2, "paper", "Local Kernel Trick"), (3, "other", "")]


def test_a_bullet_list_of_bare_titles_is_a_reading_list_and_a_list_of_steps_is_not():
    """Stop 36, round 31 (in-sample): `* Title` bullets alone, no heading, link or names (17 of 26 lost).
    Ten such titles at least, three quarters of the list, and the line detector's probabilities summing
    to a fifth of them: a list of steps or topics of the same length stays what it is."""
    titles = read_excerpt("auto", """
        * Indexing by Latent Semantic Analysis
        * Stability and Generalization of Stochastic Gradient Methods
        * Adaptive Subgradient Methods for Online Learning and Stochastic Optimization
        * A semismooth newton method for fast, generic convex programming
        * On projection algorithms for solving convex feasibility problems
        * Distributed optimization and statistical learning via the alternating directions method of multipliers
        * A Convex Optimization Approach to Radiation Treatment Planning with Dose Constraints
        * Densely Connected Convolutional Networks
        * Learning from Simulated and Unsupervised Images through Adversarial Training
        * Two Classes of Multisecant Methods for Nonlinear Acceleration
        * Breaking the Curse of Dimensionality with Convex Neural Networks
        """)
    steps = read_excerpt("auto", """
        * Clone the repository and create a virtual environment
        * Install the requirements listed in the setup file
        * Download the data set into the data folder first
        * Run the training script with the default configuration
        * Check the logs for the loss of each epoch
        * Evaluate the model on the held out test split
        * Write the results table into the report folder
        * Plot the learning curves for the three optimisers
        * Compare the runs with and without weight decay
        * Open a pull request with your changes and results
        """)
    assert len(papers_of(titles)) == 11 and papers_of(steps) == []


def test_an_address_in_brackets_closing_a_title_is_its_link():
    """Stop 36, round 31 (in-sample): `Title (http://…)` and `Title [https://…pdf]` kept the address in the title."""
    entries = read_excerpt("auto", """
        ## Kernels
        - Multi-Period Kernel Machines via Convex Optimization (http://stanford.edu/~boyd/papers/kernels.pdf)
        - A Tutorial on Kernel Machines at Width [https://arxiv.org/pdf/1012.2599.pdf]
        """)
    assert [(paper.title, paper.arxiv_id) for paper in papers_of(entries)] == [
        ("Multi-Period Kernel Machines via Convex Optimization", ""), ("A Tutorial on Kernel Machines at Width", "1012.2599")]


def test_a_title_linked_to_nothing_among_linked_papers_is_a_paper():
    """Stop 36, round 32 (in-sample): `- [Title]() #algo` beside `- [Title](https://arxiv.org/…) #algo`:
    the list left the address out; a one-word `[Qiskit]()` or a list with no linked papers gives none."""
    entries = read_excerpt("auto", """
        #### 2018
        - [Kernel Machines at Width](https://arxiv.org/pdf/1812.04877.pdf) `#review`
        - [Sparse Kernels in Deep Networks](https://arxiv.org/pdf/1807.03341.pdf) `#algo`
        - [Quantum Kernel Recommendation Systems]() `#algo`
        - [Deep Kernels at Depth](https://arxiv.org/abs/1710.07405) `#algo`
        - [Qiskit]()
        """)
    assert [(entry.line, entry.kind) for entry in entries if entry.line > 1] == [
        (2, "paper"), (3, "paper"), (4, "paper"), (5, "paper"), (6, "other")]
    alone = read_excerpt("auto", """
        ## Notes to write
        - [Kernel machines at width]()
        - [Sparse kernels in deep networks]()
        """)
    assert papers_of(alone) == []


def test_a_tables_j_c_column_is_its_venue_and_a_data_set_s_link_no_title():
    """Stop 36, round 30 (in-sample since): `| Paper Title | DB | J/C | Year |` rows read no venue, and
    where the DB cell linked a data set, its name (`Dermofit`) as the title."""
    entries = read_excerpt("auto", """
        | Technique | Paper Title | DB | J/C | Year |
        | --- | --- | --- | --- | --- |
        | CNN | Kernel Machines at Width [[pdf]](https://arxiv.org/pdf/1609.02469) | [O.E.1](https://oai.example.org/data/) | arXiv | 2016 |
        | M-CNN | Sparse Kernels in Deep Networks [[pdf]](http://www.cs.example.edu/kernels.pdf) | [Dermofit](https://example.org/dermofit.html) | MLMI | 2016 |
        """)
    assert [(paper.title, paper.venue, paper.year) for paper in papers_of(entries)] == [
        ("Kernel Machines at Width", "arXiv", 2016), ("Sparse Kernels in Deep Networks", "MLMI", 2016)]


def test_bibtex_braces_in_a_title_are_no_part_of_it():
    """Stop 36, round 26 (in-sample since): `**Improving {Visual} {Reasoning} by …**` kept the braces of a
    BibTeX export; a template's `{{ p.title }}` or kramdown's `{: external}` is not unwrapped."""
    entries = read_excerpt("auto", """
        ## 2021-2-24
        - Lindgren, Rosa and Ekdahl, Tomas,**{SLAKE}: {A} {Semantically}-{Labeled} {Kernel} for {Deep} {Networks}**,arXiv:2102.04760 [cs] 2021 [[Paper]](http://arxiv.org/abs/2102.04760)
        """)
    assert [paper.title for paper in papers_of(entries)] == ["SLAKE: A Semantically-Labeled Kernel for Deep Networks"]


def test_an_emphasized_link_text_is_the_title_and_its_last_sentence_the_venue():
    """Stop 36, round 33 (in-sample since): `- [*Title. ICLR 2014*](url)` read no link and no title (0 of
    24 found): emphasis inside a link is the link's text; a last sentence naming a venue and year is them."""
    entries = read_excerpt("auto", """
        ## Kernels
        - [*Kernel Machines at Width. ICLR 2014*](https://arxiv.org/abs/1312.6114)
        - [*Sparse Kernels in Deep Networks*](https://arxiv.org/abs/1711.00937)
        """)
    assert [(paper.title, paper.venue, paper.year) for paper in papers_of(entries)] == [
        ("Kernel Machines at Width", "ICLR 2014", 2014), ("Sparse Kernels in Deep Networks", "", None)]


def test_lines_ended_by_br_each_holding_a_title_and_an_address_are_entries_of_their_own():
    """Stop 36, round 34 (in-sample since): a paragraph of `Title: https://arxiv.org/abs/… <br/>` lines
    read as one paper whose title ran on with the first address."""
    entries = read_excerpt("auto", """
        ### Ranking:
        Kernel Machines at Width: https://arxiv.org/pdf/2003.07820.pdf <br/>
        Sparse Kernels in Deep Networks: https://arxiv.org/abs/1901.04085 <br/>
        """)
    assert [(paper.line, paper.title, paper.arxiv_id) for paper in papers_of(entries)] == [
        (2, "Kernel Machines at Width", "2003.07820"), (3, "Sparse Kernels in Deep Networks", "1901.04085")]


def test_names_closed_by_etc_are_truncated_and_a_long_proceedings_venue_ends_at_its_comma():
    """Stop 36, round 34 (in-sample since): `Names, etc. Title. in Proceedings of …, SIGIR 2020, Virtual
    Event, China, July 25-30, 2020` read `etc` as the title or no names, and no venue (too long for one)."""
    entries = read_excerpt("auto", """
        - **Kernel Machines at Width.**
            > Rosa Lindgren, Tomas Ekdahl, Cecilia Ng, etc. Kernel Machines at Width. in Proceedings of the 43rd International ACM SIGIR conference on research and development in Information Retrieval, SIGIR 2020, Virtual Event, China, July 25-30, 2020(SIGIR' 20). 119-128. [paper](https://doi.org/10.1145/3397271.3401140)
        """)
    [paper] = papers_of(entries)
    assert (paper.title, paper.authors, paper.venue) == (
        "Kernel Machines at Width", ("Rosa Lindgren", "Tomas Ekdahl", "Cecilia Ng"),
        "Proceedings of the 43rd International ACM SIGIR conference on research and development in Information Retrieval")


def test_a_day_closing_an_entry_is_its_date_and_a_topic_heading_over_linked_entries_no_paper():
    """Stop 36, round 33 (in-sample since): `Title, Names, (Dec 17 2020) | [pdf](…)` read `Dec 17 2020` as
    the venue and the names in the title; `#### -Topic:` over `[Title](url), Names, (date) | …`
    paragraphs was read as a paper and the paragraphs as its notes."""
    entries = read_excerpt("auto", """
        ## Survey papers:

        Kernel Machines at Width, Lindgren and Ekdahl, (Dec 17 2020) | [pdf](https://arxiv.org/abs/2101.05204) | [bibtex](https://github.com/x/y/blob/main/Citations/lindgren2020)

        #### -Non-baked (Faster Inference):

        [Sparse Kernels in Deep Networks](https://example.github.io/papers/SKDN/), Ng et al., (Jul 22 2020) | [pdf](https://arxiv.org/abs/2007.11571)

        [Kernel Flows for Fast Rendering](https://kernels.github.io/kffr/), Ekdahl et al., (Dec 3 2020) | [pdf](https://arxiv.org/abs/2012.01714)
        """)
    assert [(entry.line, entry.kind, entry.title, entry.venue, entry.year) for entry in entries if entry.line > 1] == [
        (3, "paper", "Kernel Machines at Width", "", 2020), (5, "other", "", "", None),
        (7, "paper", "Sparse Kernels in Deep Networks", "", 2020), (9, "paper", "Kernel Flows for Fast Rendering", "", 2020)]


def test_a_bibtex_record_with_br_line_ends_is_read_as_a_record():
    """Stop 36, round 33 (in-sample since): `@article{key,<br>` over `title={…},<br>` lines (a web page's
    line ends) read `@article{key` as a title, then `title={…}` as one."""
    entries = read_excerpt("auto", """
        @article{lindgren2022kernels,<br>
          title={Kernel machines at width, a comprehensive review},<br>
          author={Lindgren, Rosa and Ekdahl, Tomas},<br>
          journal={arXiv preprint arXiv:2210.00379},<br>
          year={2022}<br>
        }<br>
        """)
    assert [(paper.line, paper.title, paper.authors) for paper in papers_of(entries)] == [
        (2, "Kernel machines at width, a comprehensive review", ("Rosa Lindgren", "Tomas Ekdahl"))]


def test_a_rating_a_year_before_the_venue_and_a_github_pages_post():
    """Stop 36, round 33 (in-sample since): `(+++)Title, ACL 2018` kept `+++)` in the title; `Title, 2015
    MICCAI` the venue; a Jekyll post (`karpathy.github.io/2015/05/21/…`) was taken as a paper."""
    entries = read_excerpt("auto", """
        * Captioning
            * (+++)Kernel Machines at Width, ACL 2018
            * Sparse Kernels in Deep Networks, 2015 MICCAI
            * [The Unreasonable Effectiveness of Kernels](http://kernels.github.io/2015/05/21/kernel-effectiveness/)
        """)
    assert [(entry.line, entry.kind, entry.title, entry.venue) for entry in entries if entry.line > 1] == [
        (2, "paper", "Kernel Machines at Width", "ACL 2018"), (3, "paper", "Sparse Kernels in Deep Networks", "MICCAI 2015"),
        (4, "other", "", "")]


def test_a_numbered_task_box_nature_references_bracketed_authors_and_russian_labels():
    """Stop 36, rounds 35 and 36 (in-sample since): `- [x] 1. Names. Title. Trends Biochem. Sci. 40, 49–57
    (2015).` kept the names in the title and read `1` as the venue; `[Title [Lai, Robbins]](pdf)` kept the
    authors in the title; `Title [(ссылка на статью)](pdf)[Докладчик: Name]` was titled by its label."""
    entries = read_excerpt("auto", """
        # Reference Papers List
        - [x] 1. Lindgren, R. C., Ekdahl, T. O. & Ng, C. A. Kernel machines at width for structure determination. Trends Biochem. Sci. 40, 49–57 (2015).
        - [x] 2. Ng, C. Sparse kernels in deep networks. F1000Res. 9, (2020).

        [Deep Kernels for Adaptive Allocation Rules [Lai, Robbins]](https://core.ac.uk/download/pdf/82425825.pdf)

        * Аппроксимация Лапласа с ядрами [(ссылка на статью)](https://openreview.net/pdf?id=Skdvd2xAZ)[Докладчик: Колесов Александр]
        """)
    assert [(paper.line, paper.title, paper.authors, paper.venue, paper.year) for paper in papers_of(entries)] == [
        (2, "Kernel machines at width for structure determination", ("Lindgren, R. C.", "Ekdahl, T. O.", "Ng, C. A."),
         "Trends Biochem. Sci", 2015),
        (3, "Sparse kernels in deep networks", ("Ng, C.",), "F1000Res", 2020),
        (5, "Deep Kernels for Adaptive Allocation Rules", ("Lai", "Robbins"), "", None),
        (7, "Аппроксимация Лапласа с ядрами", (), "", None)]


def test_field_bullets_of_plain_names_and_a_coded_venue_and_a_quoted_title_with_its_comma():
    """Stop 36, rounds 35 and 36 (in-sample since): `* Title` over `* Names, Names`, `` * `ICLR 2020` ``
    read no authors nor venue (and under `### 2020` the names as a paper); `<a>"Title," M. Mason (2018)</a>`
    kept `," M. Mason` in the title."""
    entries = read_excerpt("auto", """
        ### 2020

        [14-06-2020][paper6]
        * Kernel Machines at Width: an Alternative Approach to Ensembles
        * Rosa Lindgren, Tomas Ekdahl, Cecilia Ng
        * `ICML 2015`
        * [[Kernels]](#kernels)

        [10-06-2020][paper5]
        * Sparse Kernels in Deep Networks
        * Tomas Ekdahl, Cecilia Ng
        * `05-12-2019, ICLR 2020`

        - ["Deep Kernels at Depth," M. Mason (2018)](https://www.annualreviews.org/doi/pdf/10.1146/annurev-control-060117-104848)
        """)
    assert [(paper.line, paper.title, paper.authors, paper.venue, paper.year) for paper in papers_of(entries)] == [
        (4, "Kernel Machines at Width: an Alternative Approach to Ensembles", ("Rosa Lindgren", "Tomas Ekdahl", "Cecilia Ng"),
         "ICML 2015", 2015),
        (10, "Sparse Kernels in Deep Networks", ("Tomas Ekdahl", "Cecilia Ng"), "ICLR 2020", 2020),
        (14, "Deep Kernels at Depth", ("M. Mason",), "", 2018)]


def test_a_coded_link_label_and_a_bold_bracketed_venue_after_a_title():
    """Stop 36, round 36 (in-sample since): `- Title | **[KDD' 19]** | [`[pdf]`](url)` lost its link (the label
    in code) and kept the venue in the title, or took `[IJCAI 19]` for the title."""
    entries = read_excerpt("auto", """
        ## Survey Paper
        - Kernel Machines at Width: A Survey  | **[arXiv' 19]** |[`[pdf]`](https://arxiv.org/pdf/1901.03407.pdf)
        - Sparse Kernels in Deep Networks | **[IJCAI 19]** | [`[pdf]`](https://www.ijcai.org/Proceedings/2019/0616.pdf)
        """)
    assert [(paper.title, paper.venue, paper.year, paper.arxiv_id) for paper in papers_of(entries)] == [
        ("Kernel Machines at Width: A Survey", "arXiv'19", 2019, "1901.03407"),
        ("Sparse Kernels in Deep Networks", "IJCAI'19", 2019, "")]


def test_a_glued_number_a_presentation_tag_and_in_before_an_italic_venue_are_no_part_of_a_title():
    """Stop 36, rounds 37 and 38 (in-sample since): `100.Title<br>`, `Title(oral)<br>` and `* Title, in *ICLR*
    2022. [\\[paper\\]]()` kept `100.`, `(oral)` and `, in` in their titles."""
    entries = read_excerpt("auto", """
        ## Papers
        * Kernel Machines at Width, in *ICLR* 2022. [\\[paper\\]](https://arxiv.org/abs/2003.00013)

        100.Sparse Kernels in Deep Networks<br>
        论文链接：https://arxiv.org/abs/1903.02196<br>
        <br>

        98.CANet: Deep Kernels at Depth(oral)<br>
        论文链接：https://arxiv.org/abs/1903.02351<br>
        """)
    assert [(paper.title, paper.venue) for paper in papers_of(entries)] == [
        ("Kernel Machines at Width", "ICLR"), ("Sparse Kernels in Deep Networks", ""),
        ("CANet: Deep Kernels at Depth", "")]


def test_a_lecture_linked_only_to_its_video_is_a_recording():
    """Stop 36, round 29 (in-sample): `- McElreath (2019), ["Statistical Rethinking 2019" Lecture 6 (DAGs)](youtu.be)`
    was taken as a paper by its names and year; a paper's title linked to a video stays a paper when an
    arXiv id or a paper link shows it is one."""
    entries = read_excerpt("auto", """
        ## Readings
        - Lindgren (2019), ["Kernel Rethinking 2019" Lecture 6 (DAGs)](https://youtu.be/l_7yIUqWBmE)
        - Lindgren (2019), ["Kernel Rethinking" Lecture notes](https://youtu.be/l_7yIUqWBmF) [arXiv](https://arxiv.org/abs/2003.00013)
        """)
    assert [(entry.line, entry.kind) for entry in entries if entry.line > 1] == [(2, "other"), (3, "paper")]


def test_a_bold_title_over_a_linked_citation_under_a_tag_line():
    """Stop 36, round 36 (in-sample): `[Transformer]` over `**Title**` over `[Jumper, John, et al. Nature 596
    (2021).](doi)` read the citation as the title and the entry on the tag's line."""
    entries = read_excerpt("auto", """
        ### Predicting structure
        [Transformer]
        **Kernel machines at width for protein structure prediction**   
        [Lindgren, Rosa, et al. Nature 596.7873 (2021): 583-589.](https://doi.org/10.1038/s41586-021-03819-2)
        """)
    assert [(paper.line, paper.title, paper.authors, paper.year) for paper in papers_of(entries)] == [
        (3, "Kernel machines at width for protein structure prediction", ("Lindgren, Rosa",), 2021)]


def test_field_lines_named_in_chinese_give_the_authors_and_the_paper():
    """Stop 37, round 38 (in-sample): `作者：Names<br>` and `论文链接：url<br>` under a `NN.Title<br>` line
    left the authors unread (0/29), and a label closing the title in Chinese (`（实例分割）`, `(检测)`) or
    a presentation in full-width brackets (`（oral)`, `(Oral Presentation)`) stayed in it; a `Github链接：`
    line stays a link of its own."""
    entries = read_excerpt("auto", """
        # Kernel papers

        99.Sparse Kernels in Deep Networks（实例分割）<br>
        作者：Rosa Lindgren, Ivo Tanaka<br>
        论文链接：https://arxiv.org/abs/1903.02196<br>
        Github链接：https://github.com/example/sparse-kernels<br>
        <br>

        98.Deep Kernels at Depth(Oral Presentation)<br>
        作者：Amal Ferreira<br>
        论文链接：https://arxiv.org/abs/1903.02351<br>
        """)
    assert [(paper.title, paper.authors, paper.arxiv_id) for paper in papers_of(entries)] == [
        ("Sparse Kernels in Deep Networks", ("Rosa Lindgren", "Ivo Tanaka"), "1903.02196"),
        ("Deep Kernels at Depth", ("Amal Ferreira",), "1903.02351")]


def test_capitalised_words_before_a_colon_are_the_title_when_the_names_follow_it():
    """Stop 37, round 38 (in-sample): `Show, Control and Tell: A Framework for …` lost `Show, Control and
    Tell:` as a head of surnames, though the names stood after the title; surnames before the colon of
    an entry naming nobody else are still cut off."""
    entries = read_excerpt("auto", """
        - Wait, Look and Tell: Kernels for Grounded Captions. Rosa Lindgren, Ivo Tanaka. CVPR 2019
        - Lindgren, Tanaka & Ferreira: Sparse Kernels in Deep Networks. ICML 2019
        """)
    assert [(paper.title, paper.authors) for paper in papers_of(entries)] == [
        ("Wait, Look and Tell: Kernels for Grounded Captions", ("Rosa Lindgren", "Ivo Tanaka")),
        ("Sparse Kernels in Deep Networks", ())]


def test_a_paper_address_written_bare_in_a_field_bullet_under_its_title():
    """Stop 37, round 39 (on arrival 0/8): `* Title (PPO) [2017.07]` over `- paper : https://arxiv.org/abs/…`
    and an empty `- github : ` read no paper: the bare address after its label is the title's link, a
    bracketed year and month its year; an abbreviation of the title's words stays its own (round 39's
    judge dropped it, round 44's judges kept it)."""
    entries = read_excerpt("auto", """
        # Kernel papers
        * Trust Region Kernel Optimization (TRKO) [2015.02]
          - paper : https://arxiv.org/abs/1502.05477
          - github : 
        * Sparse Kernels as Stochastic Differential Equations (SDEs) [2018]
          - paper : https://openreview.net/forum?id=H1lJJnR5Ym
        """)
    assert [(paper.line, paper.title, paper.year, paper.arxiv_id) for paper in papers_of(entries)] == [
        (2, "Trust Region Kernel Optimization (TRKO)", 2015, "1502.05477"),
        (5, "Sparse Kernels as Stochastic Differential Equations (SDEs)", 2018, "")]


def test_a_schedule_citing_its_readings_by_key_over_a_list_of_references():
    """Stop 37, round 40 (on arrival 1/13 found, 13/14 taken): `1. Week starting Jan 13: [__akaike74__](doi)`
    took the key for a paper's title; a citation key is no title, nor is a week of a schedule. The
    references below (`[__key__](doi).` over an APA citation) are the papers, each on its citation's line."""
    entries = read_excerpt("auto", """
        ## Schedule

        1. Week starting Jan 13: [__lindgren74__](https://doi.org/10.1109/TAC.1974.1100705)
        <br>
        Why have these kernels been so persistent?

        ## References

        [__lindgren74__](https://doi.org/10.1109/TAC.1974.1100705).
        Lindgren, R. (1974). A new look at sparse kernels. _IEEE Transactions on Automatic Control_, 19(6), 716-723.

        [__tanaka01__](https://doi.org/10.1126/science.1062226).
        Tanaka, I. N., & Ferreira, A. T. (2001). Noisy kernels: a time series analysis. Science, 293(5530), 638-643.
        """)
    assert [(entry.line, entry.kind) for entry in entries if entry.line == 3] == [(3, "other")]
    assert [(paper.line, paper.title, paper.authors, paper.year) for paper in papers_of(entries)] == [
        (10, "A new look at sparse kernels", ("Lindgren, R.",), 1974),
        (13, "Noisy kernels: a time series analysis", ("Tanaka, I. N.", "Ferreira, A. T."), 2001)]


def test_a_whole_nature_citation_written_as_a_link_text_is_read_as_a_citation():
    """Stop 37, round 40 (on arrival 5/22 exact): `[Love, M.I., Huber, W. & Anders, S. Title. Genome Biol
    15, 550 (2014).](doi)` kept the names and the journal in its title; a particle (`van Eck, N.J.`) and a
    title opening on a name in camel case (`pipeComp, a …`) end the names as a capital would."""
    entries = read_excerpt("auto", """
        - [Lindgren, R.A., Tanaka, I. & van Eck, N.J. Moderated estimation of sparse kernels. Genome Biol 15, 550 (2014).](https://doi.org/10.1186/s13059-014-0550-8)
        - [Ferreira, A., Lindgren, R. & Tanaka, I.N. kernComp, a framework for sparse kernels. Genome Biol 21, 227 (2020).](https://doi.org/10.1186/s13059-020-02136-7)
        """)
    assert [(paper.title, paper.authors, paper.year, paper.venue) for paper in papers_of(entries)] == [
        ("Moderated estimation of sparse kernels", ("Lindgren, R.A.", "Tanaka, I.", "van Eck, N.J."), 2014,
         "Genome Biol"),
        ("kernComp, a framework for sparse kernels", ("Ferreira, A.", "Lindgren, R.", "Tanaka, I.N."), 2020,
         "Genome Biol")]


def test_a_bold_method_name_before_a_colon_over_a_quoted_title_in_proceedings():
    """Stop 37, round 40 (on arrival 30/43 exact): `**SA-EEND (1)**: “Title”, in *Proc. ASRU*, 2019.` took the
    bold name for the title (or, before a straight-quoted title, for the venue) and `*Proc. Interspeech*` for
    the authors; `Proc.` names proceedings."""
    entries = read_excerpt("auto", """
        - **SK-EEND (1)**: “Sparse Kernels for Speaker Diarization with Self-attention”, in *Proc. ASRU*, 2019. (Lab) [[Paper](https://arxiv.org/abs/1909.05952)]
        - **DK-EEND**: "Deep Kernels for Speaker Diarization", in *Proc. Interspeech*, 2020. (Lab) [[Paper](https://arxiv.org/abs/2006.01796)]
        """)
    assert [(paper.title, paper.authors, paper.venue, paper.year) for paper in papers_of(entries)] == [
        ("Sparse Kernels for Speaker Diarization with Self-attention", (), "Proc. ASRU", 2019),
        ("Deep Kernels for Speaker Diarization", (), "Proc. Interspeech", 2020)]


def test_a_pub_and_year_column_gives_the_venue_and_year_and_a_blog_in_it_is_no_paper():
    """Stop 37, round 40 (in-sample): a `Pub.&Year` column (`NIPS '2019`) gave neither venue nor year (13
    of 14 rows), and a row saying `blog` there was taken for a paper."""
    entries = read_excerpt("auto", """
        |   |Title|Pub.&Year|Notes|
        |---|-----|---------|-----|
        |SK|[Evaluating Sparse Kernels with Protein Transfer](http://biorxiv.org/lookup/doi/10.1101/676825)|NIPS '2019|
        |AA|[A Protein Kernel Trained on Two Billion Sequences](https://www.example.com/2024/09/17/aa-0/)|blog|650M|
        """)
    assert [(entry.line, entry.kind, entry.venue, entry.year) for entry in entries if entry.line > 2] == [
        (3, "paper", "NIPS 2019", 2019), (4, "other", "", None)]


def test_numbered_headings_each_over_its_notes_name_the_papers_of_a_notes_file():
    """Stop 37, round 39 (on arrival 0/25): a file of reading notes, `### 1. Title` over numbered notes, no
    link anywhere, read no paper; its headings of one level, numbered and of four words on average, are
    the papers its notes are on. A course's numbered topics stay sections."""
    notes = "\n".join(f"### {number}. {title}\n1. a note on it\n2. another note\n" for number, title in enumerate([
        "Collaborative Filtering for Implicit Feedback Datasets", "Deep Neural Networks for Kernel Recommendations",
        "Sparse Kernels as Metric Learning", "Wide and Deep Kernel Learning for Recommender Systems",
        "Recurrent Recommender Networks with Sparse Kernels", "Kernel Methods for Cross Domain Recommendation"], 1))
    entries = read_excerpt("auto", f"## Recommender system papers\n\n{notes}")
    assert [paper.title for paper in papers_of(entries)][:2] == [
        "Collaborative Filtering for Implicit Feedback Datasets", "Deep Neural Networks for Kernel Recommendations"]
    assert len(papers_of(entries)) == 6
    course = "\n".join(f"### {number}. {topic}\n1. a note on it\n" for number, topic in enumerate([
        "Linear regression", "Logistic regression", "Neural networks", "Convolutions", "Recurrent networks",
        "Attention"], 1))
    assert papers_of(read_excerpt("auto", f"## Course\n\n{course}")) == []


def test_citations_in_full_names_chicago_issues_and_a_physicists_journal_volume():
    """Stop 37, round 42 (on arrival 0/15 exact, 38 wrong fields): `### 1. [Full Name, and Full Name. Title.
    arXiv preprint arXiv:…, 2020.](./a.pdf)` kept the names in its title; `Journal 222, no. 1 (2021): 429-450`
    kept `222, no` in its venue; `A. Name, & B. Name, Nature **559**, 547–555 (2018)` under a linked title
    gave neither names nor journal."""
    headed = read_excerpt("auto", """
        ### 1. [Rosa Lindgren, Ivo Tanaka, and Amal Ferreira. Sign: Sparse inception kernel networks. arXiv preprint arXiv:2004.11198, 2020.](./sign.pdf)
        """)
    entries = headed + read_excerpt("auto", """
        - Lindgren, Rosa, Ivo Tanaka, and Amal Ferreira. "Autoencoder kernel pricing models." Journal of Econometrics 222, no. 1 (2021): 429-450. [pdf](https://example.org/a.pdf)

        1. [Kernel learning for molecular and materials science.](https://www.nature.com/articles/s41586-018-0337-2)
            K. T. Lindgren, D. W. Tanaka, & A. Ferreira, Nature **559**(7715), 547–555 (2018)
        """)
    assert [(paper.title, paper.authors, paper.venue, paper.year) for paper in papers_of(entries)] == [
        ("Sign: Sparse inception kernel networks", ("Rosa Lindgren", "Ivo Tanaka", "Amal Ferreira"),
         "arXiv preprint", 2020),
        ("Autoencoder kernel pricing models", ("Lindgren, Rosa", "Ivo Tanaka", "Amal Ferreira"),
         "Journal of Econometrics", 2021),
        ("Kernel learning for molecular and materials science", ("K. T. Lindgren", "D. W. Tanaka", "A. Ferreira"),
         "Nature", 2018)]


def test_a_link_to_a_list_of_papers_and_a_tag_naming_a_talk_are_no_papers():
    """Stop 37, round 41 (in-sample): `[JMLR Paper List](http://www.jmlr.org/papers/)` and `[**WSDM'15
    Talk**] [Title](….pdf)` were taken for papers; a book series of lectures (`In Advanced Lectures on
    Machine Learning, 2003`) names a venue still."""
    entries = read_excerpt("auto", """
        - [JMLR Paper List](http://www.jmlr.org/papers/)
        - [**WSDM'15 Talk**] [Semantic Kernels in App Search](http://www.example.org/2015/kernels-talk.pdf), by Rosa Lindgren
        - Ivo Tanaka, _[A Few Notes on Sparse Kernel Theory](http://example.edu/notes02.pdf)_, In Advanced Lectures on Machine Learning, 2003.
        """)
    assert [(entry.line, entry.kind) for entry in entries] == [(1, "other"), (2, "other"), (3, "paper")]


def test_a_bracketed_title_whose_address_was_left_out_loses_both_brackets():
    """Stop 37, round 41 (in-sample, 9 titles): `` 2. `ARXIV` [Title] `` (a link's text, no address, wrapped or
    not) kept its closing bracket."""
    entries = read_excerpt("auto", """
        ### 2014
        1. `ICLR` [Intriguing kernels of neural networks](./2014/Intriguing_kernels.md)
        2. `ARXIV` [Identifying and attacking the sparse kernel problem in
          high-dimensional non-convex optimization]
        3. `NIPS` [Adversarial Kernels for Variational Autoencoders]
        """)
    assert [paper.title for paper in papers_of(entries)] == [
        "Intriguing kernels of neural networks",
        "Identifying and attacking the sparse kernel problem in high-dimensional non-convex optimization",
        "Adversarial Kernels for Variational Autoencoders"]


def test_where_a_paper_was_submitted_is_its_venue():
    """Stop 37, round 40 (in-sample): `*Preprint submitted to Computer Speech & Language,* 2023` and `in
    *submitted to IEEE/ACM TASLP*, 2024` kept `submitted to` in the venue (the judges' convention since
    round 22: the journal it was sent to is the venue)."""
    entries = read_excerpt("auto", """
        - "An Experimental Review of Sparse Kernel Methods for Speech", in *Preprint submitted to Computer Speech & Language,* 2023. [[Paper](https://arxiv.org/abs/2305.18074)]
        - **SK-EEND**: "Sparse Kernel Diarization with an Embedding Enhancer," in *submitted to IEEE/ACM TASLP*, 2024. [[Paper](https://arxiv.org/abs/2309.06672)]
        """)
    assert [paper.venue for paper in papers_of(entries)] == ["Computer Speech & Language", "IEEE/ACM TASLP"]


def test_names_closed_by_a_br_tag_over_a_quoted_title_put_the_entry_on_the_title_line():
    """Stop 37, round 43 (in-sample): `* Names <br />` over `"Title".` over ` [[paper](url)]` read the entry on
    the names' line; a wrapped citation is at its title's line, and a `<br />` closes the names as a period."""
    entries = read_excerpt("auto", """
        * Rosa Lindgren, Ivo Tanaka, Amal Ferreira <br />
        "SparseGrad: A Kernel-equivalent Model for Backpropagation with Spikes".
         [[paper](https://openreview.net/forum?id=rkxs0yHFPH)]
        """)
    assert [(paper.line, paper.title, paper.authors) for paper in papers_of(entries)] == [
        (2, "SparseGrad: A Kernel-equivalent Model for Backpropagation with Spikes",
         ("Rosa Lindgren", "Ivo Tanaka", "Amal Ferreira"))]


def test_a_chapter_in_an_edited_volume_is_a_paper_and_and_others_truncates_the_names():
    """Stop 37, round 43 (in-sample): `Names (2006). Title. In A. Name (Ed.), Book (pp. 93-120).` was taken
    for the editors' volume (their `(Ed.)` stands after the title: the title is a chapter), and APA's
    `…, Harris, F.C., & Others (2007). Title.` read `C., & Others` as its title. A volume named by its
    editors before its title stays no paper."""
    entries = read_excerpt("auto", """
        - Lindgren, A., & Tanaka, P.C. (2006). Contribution of sparse kernels to the receptive field of V1 neurons. In S. Ferreira (Ed.), Progress in Kernel Research (pp. 93-120). Elsevier.
        - Lindgren, R., Tanaka, M., Ferreira, F.C., & Others (2007). Simulation of networks of sparse kernels: A review of tools. Journal of Computational Neuroscience, 23, 349-398.
        - R. Lindgren, I. Tanaka (eds.): Proceedings of the Kernel Workshop 2019. Springer.
        """)
    assert [(entry.kind, entry.title, entry.authors) for entry in entries][:2] == [
        ("paper", "Contribution of sparse kernels to the receptive field of V1 neurons",
         ("Lindgren, A.", "Tanaka, P.C.")),
        ("paper", "Simulation of networks of sparse kernels: A review of tools",
         ("Lindgren, R.", "Tanaka, M.", "Ferreira, F.C."))]
    assert entries[2].kind != "paper"


def test_a_title_heading_takes_its_fields_from_labelled_lines_and_bullets_under_it():
    """Stop 37, round 44 (in-sample; read on arrival with 43 fields missing): `### 1. Title` headings over
    `**Authors:** Names`, `**Year:** 2020`, `**Conference:** NeurIPS 2020 (Oral)` lines and a
    `- **arXiv:** url` bullet; other lines under the heading (`**Key Contribution:** …`) give no field."""
    papers = "\n".join(f"""### {number}. {title}
**Authors:** Rosa Lindgren, Ivo Tanaka  
**Year:** 2020  
**Conference:** NeurIPS 2020 (Oral)  

**Key Contribution:** A sparse kernel for it.

- **arXiv:** https://arxiv.org/abs/2006.1123{number}
- **GitHub:** https://github.com/example/kernels{number}
""" for number, title in enumerate([
        "Denoising Sparse Kernel Probabilistic Models", "Denoising Sparse Kernel Implicit Models",
        "Score-Based Kernel Modeling through Stochastic Equations",
        "High-Resolution Kernel Synthesis with Latent Models",
        "Classifier-Free Sparse Kernel Guidance for Diffusion",
        "Adding Conditional Control to Sparse Kernel Models"], 1))
    entries = read_excerpt("auto", f"# Kernel papers\n\n## Core papers\n\n{papers}")
    first = papers_of(entries)[0]
    assert (first.title, first.authors, first.year, first.venue, first.arxiv_id) == (
        "Denoising Sparse Kernel Probabilistic Models", ("Rosa Lindgren", "Ivo Tanaka"), 2020, "NeurIPS 2020",
        "2006.11231")


def test_numbered_title_headings_closing_on_a_venue_are_papers_even_where_the_detector_is_silent():
    """Stop 37, round 41 (in-sample; 0/18 on arrival): `## 4. Title(EMNLP)` over a date line, a heading a
    paper, and the line detector taking none of them: a venue closing a third of the headings says so, and the
    venue glued to a title is its venue."""
    papers = "\n".join(f"## {number}. {title}\n    - 23 Jul 2017\n" for number, title in enumerate([
        "A Persona-Based Sparse Kernel Conversation Model",
        "Kernel Examples for Evaluating Reading Systems(EMNLP)",
        "Unsupervised Kernel Translation Using Monolingual Corpora Only(ICLR)", "Graph Kernel Networks(ICLR)",
        "Universal Sentence Kernel Encoder(EMNLP)",
        "Probing sentence kernels for linguistic properties(ACL)"], 1))
    entries = read_excerpt("auto", f"# NLP paper review\n\n{papers}")
    assert [(paper.title, paper.venue) for paper in papers_of(entries)][:2] == [
        ("A Persona-Based Sparse Kernel Conversation Model", ""),
        ("Kernel Examples for Evaluating Reading Systems", "EMNLP")]
