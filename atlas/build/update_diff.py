"""What an update changes: two builds of the real pipeline compared, entry by entry.

An entry of a list is the same entry in the list's new version when its title key is the same;
failing that, when it carries the same arXiv id, or the same link, as exactly one entry of the
other version; failing that, when its title is close (a fixed typo: rapidfuzz ratio ≥ 90). An
entry of a list not updated is the same at the same line. From the pairs: papers added and removed
per list, entries retitled, entries whose paper (id) or topics changed, and the ids to retire.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from atlas.build.database import Dataset
from atlas.build.merge import paper_slug
from atlas.build.normalize import title_key
from atlas.build.records import Entry
from atlas.build.renamed import current_id
from atlas.build.retired import RetiredId
from atlas.build.yamlfile import load_yaml
from atlas.published import OUR_SCHEME

CLOSE_TITLE = 90  # rapidfuzz ratio of title keys at or above which an unpaired entry is retitled
# Reasons `build.py --update` writes; a retirement with one of them is undone when its paper returns.
UPDATE_REASONS = ("removed upstream from ", "retitled upstream in ", "moved upstream in ")

Pair = tuple[Entry, Entry]


Unpaired = tuple[list[Pair], list[Entry], list[Entry]]  # pairs, old entries left, new entries left


def pair_entries(old: list[Entry], new: list[Entry], same_version: bool) -> Unpaired:
    """Pairs of (old, new) paper entries of one list, and the old and the new left unpaired."""
    if same_version:
        by_ref = {entry.ref: entry for entry in new}
        pairs = [(entry, by_ref[entry.ref]) for entry in old if entry.ref in by_ref]
        paired = {n.ref for _, n in pairs}
        return pairs, [e for e in old if e.ref not in by_ref], [e for e in new if e.ref not in paired]
    pairs: list[Pair] = []
    for keys, unique in ((_title_keys, False), (_arxiv_keys, True), (_link_keys, True)):
        found, old, new = _pair_by(old, new, keys, unique)
        pairs += found
    found, old, new = _pair_close(old, new)
    return pairs + found, old, new


def _title_keys(entry: Entry) -> list[str]:
    return [title_key(entry.title)]


def _arxiv_keys(entry: Entry) -> list[str]:
    return [entry.arxiv_id] if entry.arxiv_id else []


def _link_keys(entry: Entry) -> list[str]:
    return [link.url for link in entry.links]


def _pair_by(
    old: list[Entry], new: list[Entry], keys: Callable[[Entry], list[str]], unique: bool
) -> tuple[list[Pair], list[Entry], list[Entry]]:
    """Entries sharing a key, in list order; with `unique`, only a key one entry on each side has."""
    old_by, new_by = defaultdict(list), defaultdict(list)
    for side, by in ((old, old_by), (new, new_by)):
        for entry in side:
            for key in dict.fromkeys(keys(entry)):
                if key:
                    by[key].append(entry)
    pairs, used = [], set()
    for key in sorted(old_by.keys() & new_by.keys(), key=lambda k: (old_by[k][0].ref, k)):
        olds, news = old_by[key], new_by[key]
        if unique and (len(olds) > 1 or len(news) > 1):
            continue
        free_old = [e for e in olds if ("old", e.ref) not in used]
        free_new = [e for e in news if ("new", e.ref) not in used]
        for a, b in zip(free_old, free_new, strict=False):
            pairs.append((a, b))
            used.update({("old", a.ref), ("new", b.ref)})
    return _rest(pairs, used, old, new)


def _rest(pairs: list[Pair], used: set, old: list[Entry], new: list[Entry]) -> Unpaired:
    left_old = [e for e in old if ("old", e.ref) not in used]
    return pairs, left_old, [e for e in new if ("new", e.ref) not in used]


def _pair_close(old: list[Entry], new: list[Entry]) -> tuple[list[Pair], list[Entry], list[Entry]]:
    scored = sorted(
        ((-fuzz.ratio(title_key(a.title), title_key(b.title)), a.ref, b.ref, a, b) for a in old for b in new),
        key=lambda row: row[:3],
    )
    pairs, used = [], set()
    for negative, _, _, a, b in scored:
        if -negative < CLOSE_TITLE:
            break
        if ("old", a.ref) not in used and ("new", b.ref) not in used:
            pairs.append((a, b))
            used.update({("old", a.ref), ("new", b.ref)})
    return _rest(pairs, used, old, new)


def paper_entries(data: Dataset, source_id: str) -> list[Entry]:
    return [e for e in data.entries if e.source_id == source_id and e.kind == "paper" and e.paper_id]


def our_topics(data: Dataset) -> dict[str, set[str]]:
    topics: dict[str, set[str]] = defaultdict(set)
    for row in data.paper_topics:
        if data.taxonomy.concepts[row.topic_id].scheme == OUR_SCHEME:
            topics[row.paper_id].add(row.topic_id)
    return topics


def list_changes(
    old: Dataset, new: Dataset, source_id: str, same_version: bool, now: dict[str, str] | None = None
) -> tuple[dict, list[Pair]]:
    """What changed in one list: papers added and removed, retitled, moved to another id, and
    entries whose topics of ours changed; with the pairs found. `now` names, for each old paper
    id, the id that names its paper in the new build (itself, or what replaced it)."""
    before, after = paper_entries(old, source_id), paper_entries(new, source_id)
    pairs, gone, came = pair_entries(before, after, same_version)
    old_titles = {paper.id: paper.title for paper in old.papers}
    new_titles = {paper.id: paper.title for paper in new.papers}
    old_topics, new_topics = our_topics(old), our_topics(new)
    if now is None:
        now = {paper_id: paper_id for paper_id in old_titles if paper_id in new_titles}
    changes = {
        "papers_before": len({e.paper_id for e in before}),
        "papers_after": len({e.paper_id for e in after}),
        "added": [row | {"new_to_atlas": row["paper_id"] not in set(now.values())}
                  for row in _papers(came, new_titles)],
        "removed": [row | {
                    "still_in_atlas": row["paper_id"] in now, "now_paper_id": now.get(row["paper_id"], "")}
                    for row in _papers(gone, old_titles)],
        "retitled": _unique([
            {"line": b.line, "old_title": a.title, "new_title": b.title,
             "old_paper_id": a.paper_id, "new_paper_id": b.paper_id}
            for a, b in pairs if a.title != b.title
        ]),
        "identity_changed": _unique([
            {"line": b.line, "old_paper_id": a.paper_id, "new_paper_id": b.paper_id,
             "title": new_titles[b.paper_id]}
            for a, b in pairs if a.paper_id != b.paper_id
        ]),
        "topics_changed": _unique([
            {"paper_id": b.paper_id, "title": new_titles[b.paper_id],
             "added": sorted(new_topics[b.paper_id] - old_topics[a.paper_id]),
             "removed": sorted(old_topics[a.paper_id] - new_topics[b.paper_id])}
            for a, b in pairs if new_topics[b.paper_id] != old_topics[a.paper_id]
        ]),
    }
    entries_before = len(pairs) + len(gone)
    changes["lost_share"] = round(len(gone) / entries_before, 4) if entries_before else 0.0
    return changes, pairs


def _papers(entries: Iterable[Entry], titles: dict[str, str]) -> list[dict]:
    """One row per paper: a paper twice in a list is one paper added or removed."""
    rows = {}
    for entry in entries:
        rows.setdefault(entry.paper_id, {"paper_id": entry.paper_id, "title": titles[entry.paper_id],
                                         "line": entry.line})
    return sorted(rows.values(), key=lambda row: row["line"])


def _unique(rows: list[dict]) -> list[dict]:
    seen, kept = set(), []
    for row in rows:
        key = tuple((k, str(v)) for k, v in row.items() if k != "line")
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def retirements(
    old: Dataset, new: Dataset, pairs: list[Pair], revisions: dict[str, str]
) -> list[RetiredId]:
    """An id for every paper of the old build the new one lacks: replaced by the paper most of
    its entries became, or by nothing when its entries left every list."""
    live = {paper.id for paper in new.papers}
    new_title = {paper.id: paper.title for paper in new.papers}
    votes: dict[str, Counter] = defaultdict(Counter)
    retitled: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        votes[a.paper_id][b.paper_id] += 1
        if title_key(a.title) != title_key(b.title):
            retitled[a.paper_id].add(a.source_id)
    lists_of: dict[str, set[str]] = defaultdict(set)
    for entry in old.entries:
        if entry.paper_id and entry.source_id in revisions:
            lists_of[entry.paper_id].add(entry.source_id)
    records = []
    for paper in old.papers:
        if paper.id in live:
            continue
        ranked = sorted(votes[paper.id].items(), key=lambda item: (-item[1], item[0]))
        replaced_by = next((pid for pid, _ in ranked if pid in live), "")
        lists = sorted(retitled[paper.id] or lists_of[paper.id])
        where = ", ".join(f"{source} at {revisions[source]}" for source in lists if source in revisions)
        where = where or ", ".join(f"{source} at {revisions[source]}" for source in sorted(revisions))
        if not replaced_by:
            reason = f"removed upstream from {where}"
        elif retitled[paper.id]:
            reason = f"retitled upstream in {where}: now \"{new_title[replaced_by]}\""
        else:
            reason = f"moved upstream in {where}: its entries now belong to \"{new_title[replaced_by]}\""
        records.append(RetiredId("paper", paper.id, replaced_by, reason))
    return records


@dataclass(frozen=True)
class CurationReference:
    """A curated line that names a paper, by title or by id."""

    file: str
    line: int
    title: str = ""
    paper_id: str = ""
    follows_retired: bool = True  # merges.yml's titles are matched before ids exist: they do not


def curation_references(curation: Path, taxonomy: Path) -> list[CurationReference]:
    """Every line of curation that names a paper: topics by hand, never, readings, merges, authorship."""
    found: list[CurationReference] = []
    titled = [(taxonomy / "manual.yml", "assignments"), (taxonomy / "never.yml", "never")]
    titled += [(path, "readings") for path in sorted((taxonomy / "readings").glob("*.yml"))]
    for path, key in titled:
        for item in _items(path, key):
            found.append(CurationReference(_shown(path), item.line, title=str(item.get("title") or "")))
            if item.get("paper_id"):
                found.append(CurationReference(_shown(path), item.line, paper_id=str(item["paper_id"])))
    merges = load_yaml(curation / "merges.yml") if (curation / "merges.yml").exists() else None
    for key in ("same", "different"):
        for group in (merges or {}).get(key) or []:
            found += [CurationReference(_shown(curation / "merges.yml"), group.line, str(title), "", False)
                      for title in group]
    for item in _items(curation / "people.yml", "authorship"):
        found.append(CurationReference("people.yml", item.line, paper_id=str(item["paper"])))
    return found


def _items(path: Path, key: str) -> list:
    document = load_yaml(path) if path.exists() else None
    return list((document or {}).get(key) or []) if isinstance(document, dict) else []


def _shown(path: Path) -> str:
    return f"{path.parent.name}/{path.name}" if path.parent.name == "readings" else path.name


def unresolved(
    references: list[CurationReference], data: Dataset, retired: list[RetiredId]
) -> set[CurationReference]:
    """The references that name no paper of `data`, directly or through a retired id."""
    ids = {paper.id for paper in data.papers}
    key_of = {paper.id: paper.title_key for paper in data.papers}
    keys = set(key_of.values()) | {title_key(e.title) for e in data.entries if e.kind == "paper"}
    missing = set()
    for ref in references:
        if ref.paper_id:
            named = current_id(retired, ref.paper_id) in ids
        elif not ref.follows_retired:
            named = title_key(ref.title) in keys
        else:
            key = title_key(ref.title)
            named = key in keys or current_id(retired, paper_slug("", key)) in ids
        if not named:
            missing.add(ref)
    return missing
