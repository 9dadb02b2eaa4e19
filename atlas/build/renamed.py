"""Curation keeps naming its paper after the paper's title, and so its id, changes.

Curators name papers by title (taxonomy/manual.yml, never.yml, readings/) or by id
(data/people.yml's authorship). When a list retitles a paper, its id changes and the old id is
retired with `replaced_by` (data/retired_ids.yml; `build.py --update` writes it). A curated title
no paper has now, whose id (the slug of its title) is retired, names the paper that replaced it;
a curated id that is retired names its replacement. So a curator's judgement follows the paper,
and the curator's files stay as they were written.
"""

from __future__ import annotations

from dataclasses import replace

from atlas.build.classify import ClassifierCuration, TitledTopics
from atlas.build.merge import Paper, paper_slug
from atlas.build.normalize import title_key
from atlas.build.people import NameRules
from atlas.build.records import Entry
from atlas.build.retired import RetiredId


def current_id(retired: list[RetiredId], paper_id: str) -> str:
    """The id that names a paper now: `paper_id` followed along `replaced_by` (cycles stop)."""
    replaced = {record.id: record.replaced_by for record in retired if record.kind == "paper"}
    seen = {paper_id}
    while replaced.get(paper_id):
        paper_id = replaced[paper_id]
        if paper_id in seen:
            break
        seen.add(paper_id)
    return paper_id


def follow_titles(
    curation: ClassifierCuration, papers: list[Paper], entries: list[Entry], retired: list[RetiredId]
) -> ClassifierCuration:
    """Manual, never and reading entries whose title names no paper now, re-keyed to the title of
    the paper their retired id was replaced by."""
    live = {paper.title_key for paper in papers}
    live |= {title_key(entry.title) for entry in entries if entry.kind == "paper"}
    key_of = {paper.id: paper.title_key for paper in papers}

    def now(key: str) -> str:
        if key in live:
            return key
        return key_of.get(current_id(retired, paper_slug("", key)), key)

    def titled(items: list[TitledTopics]) -> list[TitledTopics]:
        return [replace(item, title_key=now(item.title_key)) for item in items]

    readings = tuple(replace(reading, title_key=now(reading.title_key)) for reading in curation.readings)
    return replace(curation, manual=titled(curation.manual), never=titled(curation.never), readings=readings)


def follow_authorship(names: NameRules, retired: list[RetiredId]) -> NameRules:
    """data/people.yml's authorship, each on the paper its (possibly retired) id names now."""
    moved = {(current_id(retired, paper), position, written): name
             for (paper, position, written), name in names.authorship.items()}
    if moved == names.authorship:
        return names
    return NameRules(names.aliases, names.compound_surnames, moved)
