"""`build.py --update`: take the newer version of lists from where they come from.

For each source whose manifest entry names an `upstream`, fetch the file (atlas/build/fetch.py),
build the atlas as it is and as it would be with the new versions (the real pipeline, twice, in a
temporary folder), and report per list what changed (atlas/build/update_diff.py). Unless refused,
vendor each new version in the old one's folder under a name carrying its checksum, delete the
old copy (git keeps it; the manifest's revision says where it came from), record the revision and
checksum in the manifest, and retire the ids of papers the update made vanish. Nothing touches the
network but the fetch; the build never does.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from atlas.build.database import Dataset
from atlas.build.errors import InputError
from atlas.build.fetch import Fetched, fetch
from atlas.build.pipeline import RETIRED_NAME, build_dataset
from atlas.build.records import Source
from atlas.build.retired import RetiredId, load_retired
from atlas.build.sources import load_manifest
from atlas.build.update_diff import (
    UPDATE_REASONS,
    curation_references,
    list_changes,
    retirements,
    unresolved,
)
from atlas.build.yaml_edit import item_spans, scalar, set_key, upstream_lines

DEFAULT_MAX_LOSS = 0.20  # a list that loses more than this share of its paper entries is refused
RETIRED_HEADER = "# Ids that named a paper or an author and name nothing now (atlas/build/retired.py).\n" \
    "retired: []\n"


@dataclass
class Plan:
    """What an update would write, and its report."""

    manifest_text: str = ""
    retired_text: str = ""
    files: dict[str, bytes] = field(default_factory=dict)  # manifest-relative path → bytes to vendor
    stale: list[str] = field(default_factory=list)  # vendored files no source names any more
    report: dict = field(default_factory=dict)
    refusals: list[str] = field(default_factory=list)  # what --accept may take all the same
    broken: str = ""  # why the new versions do not build: never taken


def update(
    manifest: Path, source_ids: list[str] | tuple[str, ...] = (), accept: bool = False,
    report_path: Path | None = None, curation: Path | None = None, taxonomy: Path | None = None,
    max_loss: float = DEFAULT_MAX_LOSS, stream: TextIO = sys.stdout,
) -> int:
    """Update the named sources (all with an upstream when none is named); 0 when taken or nothing
    changed, 1 on an error, 2 when refused (nothing written). The report goes to `stream` and,
    as JSON, to `report_path`."""
    curation = curation or manifest.parent
    taxonomy = taxonomy or manifest.parent.parent / "taxonomy"
    try:
        plan = plan_update(manifest, list(source_ids), curation, taxonomy, max_loss)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    refused = bool(plan.broken) or (bool(plan.refusals) and not accept)
    plan.report["taken"] = not refused and any(s["status"] == "updated" for s in plan.report["lists"])
    print_update(plan.report, stream)
    if report_path:
        report_path.write_text(json.dumps(plan.report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if plan.broken:
        print(f"refused: {plan.broken}; nothing written (--accept cannot take what the build refuses)",
              file=sys.stderr)
        return 2
    if refused:
        print(f"refused: {'; '.join(plan.refusals)}; nothing written (review the report, then run again "
              "with --accept to take it)", file=sys.stderr)
        return 2
    apply_plan(plan, manifest, curation)
    return 0


def plan_update(
    manifest: Path, source_ids: list[str], curation: Path, taxonomy: Path, max_loss: float
) -> Plan:
    """Fetch, build both versions and compare; raises InputError when nothing can be compared."""
    sources = _chosen(load_manifest(manifest), source_ids, manifest)
    fetched = {s.id: fetch(s.upstream, f"{manifest}: source '{s.id}'") for s in sources}
    old = build_dataset(manifest, curation, taxonomy)
    plan = Plan(report={"manifest": str(manifest), "max_loss": max_loss, "lists": [], "retired": [],
                        "unretired": [], "curation_unmatched": []})
    changed = [s for s in sources if _vendored_sha(manifest, s) != fetched[s.id].sha256]
    names = {s.id: _vendored_name(s, fetched[s.id]) if s in changed else s.file for s in sources}
    plan.manifest_text = _manifest_text(manifest, sources, fetched, names)
    plan.files = {names[s.id]: fetched[s.id].data for s in changed}
    plan.stale = [s.file for s in changed if _vendored_name(s, fetched[s.id]) != s.file]
    if not changed:
        plan.report["lists"] = [_unchanged(s, fetched[s.id]) for s in sources]
        return plan
    with tempfile.TemporaryDirectory(prefix="atlas-update-") as folder:
        staged = _stage(Path(folder), manifest, curation, plan)
        try:
            new = _build_new(staged, old, {s.id: fetched[s.id].revision for s in changed}, taxonomy, plan)
        except InputError as error:
            shown = str(error).replace(str(Path(folder) / "data"), str(manifest.parent))
            shown = shown.replace(str(Path(folder) / "curation"), str(curation))
            plan.broken = f"the new version does not build: {shown}"
            plan.report["lists"] = [_unchanged(s, fetched[s.id]) | {"status": "refused"} for s in changed]
            return plan
    _compare(plan, old, new, sources, changed, fetched, max_loss)
    _check_curation(plan, old, new, curation, taxonomy)
    return plan


def _chosen(sources: list[Source], source_ids: list[str], manifest: Path) -> list[Source]:
    known = {source.id: source for source in sources}
    for source_id in source_ids:
        if source_id not in known:
            raise InputError(manifest, f"no source '{source_id}' (known: {', '.join(known)})")
        if not known[source_id].upstream:
            raise InputError(manifest, f"source '{source_id}' names no upstream to update from")
    chosen = [known[i] for i in dict.fromkeys(source_ids)] or [s for s in sources if s.upstream]
    if not chosen:
        raise InputError(manifest, "no source names an upstream (see docs/updating.md)")
    return chosen


def _edited(source: Source, vendored_sha256: str) -> bool:
    """Our copy is not the file its recorded revision had: someone edited it since (the update
    replaces those edits; the report says so, for the curator to carry them over)."""
    return bool(source.upstream.sha256) and source.upstream.sha256 != vendored_sha256


def _vendored_sha(manifest: Path, source: Source) -> str:
    path = manifest.parent / source.file
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def _vendored_name(source: Source, fetched: Fetched) -> str:
    """The new copy's name, beside the old: the list's number (or id) and the checksum's start."""
    old = Path(source.file)
    number = re.match(r"(\d+)_", old.name)
    stem = number.group(1) if number else source.id
    return str(old.with_name(f"{stem}_{fetched.sha256[:16]}{old.suffix or '.md'}"))


def _manifest_text(
    manifest: Path, sources: list[Source], fetched: dict[str, Fetched], names: dict[str, str]
) -> str:
    """The manifest with each updated source's `file` and `upstream` lines rewritten, nothing else."""
    lines = manifest.read_text(encoding="utf-8").split("\n")
    spans = dict(zip((s.id for s in load_manifest(manifest)), item_spans(manifest, "sources"), strict=True))
    for source in sorted(sources, key=lambda s: spans[s.id], reverse=True):  # bottom up: spans stay valid
        got = fetched[source.id]
        upstream = replace(source.upstream, revision=got.revision, sha256=got.sha256)
        item = set_key(lines, spans[source.id], "file", scalar(names[source.id]))
        start, end = spans[source.id]
        item = set_key(item, (0, len(item)), "upstream", upstream_lines(upstream))
        lines[start:end] = item
    return "\n".join(lines)


def _unchanged(source: Source, got: Fetched) -> dict:
    return {"source": source.id, "status": "unchanged", "old_revision": source.upstream.revision,
            "new_revision": got.revision, "sha256": got.sha256}


def _stage(folder: Path, manifest: Path, curation: Path, plan: Plan) -> tuple[Path, Path]:
    """The manifest with the new versions in place, the other lists and the curated YAML, copied
    into `folder`: what the build reads, and nothing else of the folders they are in."""
    data, staged_curation = folder / "data", folder / "curation"
    data.mkdir()
    staged_curation.mkdir()
    for source in load_manifest(manifest):
        (data / source.file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(manifest.parent / source.file, data / source.file)
    for path in curation.glob("*.yml"):
        shutil.copyfile(path, staged_curation / path.name)
    for name, content in plan.files.items():
        (data / name).write_bytes(content)
    (data / manifest.name).write_text(plan.manifest_text, encoding="utf-8")
    return data / manifest.name, staged_curation


def _build_new(staged: tuple[Path, Path], old: Dataset, revisions: dict[str, str], taxonomy: Path,
               plan: Plan) -> Dataset:
    """Build the new versions twice: first with no retirements, to learn which papers the new
    versions hold (ids come from titles alone; a paper an earlier update retired may be back, and
    curation cannot follow the ids this update retires yet), then with the retirements this update
    makes: the build the new manifest has."""
    manifest, curation = staged
    path = curation / RETIRED_NAME
    if not path.exists():
        path.write_text(RETIRED_HEADER, encoding="utf-8")
    original = path.read_text(encoding="utf-8")
    existing = load_retired(path)
    by_update = {r.id for r in existing if r.kind == "paper" and r.reason.startswith(UPDATE_REASONS)}
    path.write_text(RETIRED_HEADER, encoding="utf-8")
    first = build_dataset(manifest, curation, taxonomy)
    pairs = [pair for source in old.sources for pair in _changes(old, first, source.id, revisions)[1]]
    back = by_update & {paper.id for paper in first.papers}
    added = retirements(old, first, pairs, revisions)
    path.write_text(original, encoding="utf-8")
    plan.retired_text = _retired_text(path, back, added, existing)
    path.write_text(plan.retired_text, encoding="utf-8")
    plan.report["retired"] = [{"id": r.id, "replaced_by": r.replaced_by, "reason": r.reason} for r in added]
    plan.report["unretired"] = [{"id": r.id, "reason": r.reason} for r in existing if r.id in back]
    return build_dataset(manifest, curation, taxonomy)


def _changes(old: Dataset, new: Dataset, source_id: str, revisions: dict[str, str]) -> tuple[dict, list]:
    return list_changes(old, new, source_id, same_version=source_id not in revisions)


def _retired_text(path: Path, remove: set[str], add: list[RetiredId], existing: list[RetiredId]) -> str:
    """data/retired_ids.yml with paper ids in `remove` un-retired, `add` appended, and a retirement
    whose replacement is retired now pointed at what replaced that."""
    lines = path.read_text(encoding="utf-8").split("\n")
    moved = {record.id: record.replaced_by for record in add if record.replaced_by}
    spans = item_spans(path, "retired") if existing else []
    for record, span in reversed(list(zip(existing, spans, strict=True))):
        if record.kind != "paper":
            continue
        if record.id in remove:
            del lines[span[0]:span[1]]
        elif record.replaced_by in moved:
            lines[span[0]:span[1]] = set_key(lines, span, "replaced_by", scalar(moved[record.replaced_by]))
    while lines and not lines[-1].strip():
        lines.pop()
    remaining = sum(1 for r in existing if not (r.kind == "paper" and r.id in remove)) + len(add)
    lines = [("retired:" if remaining else "retired: []") if re.fullmatch(r"retired:\s*(\[\s*\])?\s*", line)
             else line for line in lines]
    for record in add:
        lines += [f"  - kind: {record.kind}", f"    id: {record.id}"]
        lines += [f"    replaced_by: {record.replaced_by}"] if record.replaced_by else []
        lines += [f"    reason: {scalar(record.reason)}"]
    return "\n".join(lines) + "\n"


def _compare(plan: Plan, old: Dataset, new: Dataset, sources: list[Source], changed: list[Source],
             fetched: dict[str, Fetched], max_loss: float) -> None:
    """Each list's changes into the report; a list that lost too much is refused."""
    revisions = {s.id: fetched[s.id].revision for s in changed}
    chosen = {s.id: s for s in sources}
    live = {paper.id for paper in new.papers}
    now = {paper.id: paper.id for paper in old.papers if paper.id in live}
    now |= {item["id"]: item["replaced_by"] for item in plan.report["retired"] if item["replaced_by"]}
    for source in old.sources:
        changes, _ = list_changes(old, new, source.id, source.id not in revisions, now)
        if source.id in chosen and source.id not in revisions:
            plan.report["lists"].append(_unchanged(source, fetched[source.id]))
            continue
        if source.id not in revisions and not any(changes[k] for k in ("identity_changed", "topics_changed")):
            continue
        row = {"source": source.id, "status": "updated" if source.id in revisions else "not updated"}
        if source.id in revisions:
            row |= {"old_revision": chosen[source.id].upstream.revision, "new_revision": revisions[source.id],
                    "old_file": source.file, "new_file": _vendored_name(source, fetched[source.id]),
                    "sha256": fetched[source.id].sha256,
                    "local_copy_edited": _edited(chosen[source.id], source.sha256)}
        plan.report["lists"].append(row | changes)
        if source.id in revisions and changes["lost_share"] > max_loss:
            row["status"] = plan.report["lists"][-1]["status"] = "refused"
            plan.refusals.append(f"{source.id} lost {changes['lost_share']:.0%} of its paper entries "
                                 f"(more than {max_loss:.0%})")


def _check_curation(plan: Plan, old: Dataset, new: Dataset, curation: Path, taxonomy: Path) -> None:
    """Curated lines that named a paper before the update and name none after it."""
    references = curation_references(curation, taxonomy)
    before = unresolved(references, old, load_retired(curation / RETIRED_NAME))
    with tempfile.TemporaryDirectory(prefix="atlas-retired-") as folder:
        path = Path(folder) / RETIRED_NAME
        path.write_text(plan.retired_text, encoding="utf-8")
        after = unresolved(references, new, load_retired(path))
    plan.report["curation_unmatched"] = [
        {"file": ref.file, "line": ref.line, "names": ref.title or ref.paper_id}
        for ref in sorted(after - before, key=lambda ref: (ref.file, ref.line, ref.title, ref.paper_id))
    ]


def apply_plan(plan: Plan, manifest: Path, curation: Path) -> None:
    """Write the new copies, the retirements, then the manifest; last, delete the old copies."""
    folder = manifest.parent
    for name, content in plan.files.items():
        _replace(folder / name, content)
    if plan.retired_text:
        _replace(curation / RETIRED_NAME, plan.retired_text.encode("utf-8"))
    _replace(manifest, plan.manifest_text.encode("utf-8"))
    named = {source.file for source in load_manifest(manifest)}
    for name in plan.stale:
        if name not in named:
            (folder / name).unlink(missing_ok=True)


def _replace(path: Path, content: bytes) -> None:
    """Write beside, then rename over: a file is never seen half written."""
    temporary = path.with_name(f".{path.name}.updating")
    temporary.write_bytes(content)
    os.replace(temporary, path)


def print_update(report: dict, stream: TextIO = sys.stdout) -> None:
    """Per list: counts, then one line per paper added, removed, retitled or changed."""
    for row in report["lists"]:
        if row["status"] == "unchanged":
            print(f"{row['source']}: unchanged at {row['new_revision']}", file=stream)
            continue
        revisions = f" ({row.get('old_revision') or 'revision not recorded'} → {row['new_revision']})" \
            if "new_revision" in row else ""
        print(f"{row['source']}: {row['status']}{revisions}", file=stream)
        if row.get("local_copy_edited"):
            print("  warning: our copy was edited since its recorded revision; the update replaces the edits",
                  file=stream)
        if "added" not in row:
            continue
        print(f"  papers {row['papers_before']} → {row['papers_after']}: {len(row['added'])} added, "
              f"{len(row['removed'])} removed, {len(row['retitled'])} retitled, "
              f"{len(row['identity_changed'])} with a new id, {len(row['topics_changed'])} with new topics; "
              f"lost {row['lost_share']:.0%} of its paper entries", file=stream)
        for mark, key, text in _LINES:
            for item in row[key]:
                print(f"  {mark} {text(item)}", file=stream)
    for item in report["retired"]:
        print(f"retire {item['id']} → {item['replaced_by'] or '(nothing)'}: {item['reason']}", file=stream)
    for item in report["unretired"]:
        print(f"un-retire {item['id']}: its paper is back", file=stream)
    for item in report["curation_unmatched"]:
        print(f"curation names no paper now: {item['file']}:{item['line']}: {item['names']}", file=stream)


_LINES = (  # the mark, the report's key, and how one item of it reads
    ("+", "added", lambda i: f"{i['title']} [{i['paper_id']}]"
     + ("" if i["new_to_atlas"] else " (already in the atlas)")),
    ("-", "removed", lambda i: f"{i['title']} [{i['paper_id']}]"
     + (f" (still in the atlas as {i['now_paper_id']})" if i["still_in_atlas"] else "")),
    ("~", "retitled", lambda i: f"\"{i['old_title']}\" → \"{i['new_title']}\""),
    ("=", "identity_changed", lambda i: f"{i['old_paper_id']} → {i['new_paper_id']}"),
    ("#", "topics_changed", lambda i: f"{i['paper_id']}: topics +{', '.join(i['added']) or 'none'}, "
     f"-{', '.join(i['removed']) or 'none'}"),
)
