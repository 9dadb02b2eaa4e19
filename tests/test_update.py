"""`build.py --update`: a list's newer version taken from where it comes from, with a report of
what changed, and curation that keeps naming the same papers.

Never the network: upstreams are git repositories made here (version 1, the vendored list 000;
version 2, the newer version of it in tests/data/new_list_versions/) and an HTTP server on
127.0.0.1 that the tests start. Version 2 also fixes a real typo of list 000 ("The intrinsic
learning rat" → "rate", a retitle that changes the paper's id) and drops a real paper
("Gradient descent only converges to minimizers", in no other list).
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import CURATION, ROOT, TAXONOMY

from atlas.build.errors import InputError
from atlas.build.pipeline import build
from atlas.build.sources import load_manifest
from atlas.build.yaml_edit import scalar
from atlas.cli import main as atlas_command

V1 = next((CURATION / "sources").glob("000_*.txt")).read_bytes()
V2_ADDITIONS = (Path(__file__).parent / "data" / "new_list_versions" / "dynamics_v2.md").read_bytes()
REMOVED = b"- Gradient descent only converges to minimizers. In *COLT 2016*."
TYPO = b"The intrinsic learning rat. In *NeurIPS 2020*."
OLD_TITLE = "Reconciling modern deep learning with traditional optimization analyses: The intrinsic learning rat"
OLD_ID = "reconciling-modern-deep-learning-with-traditional-optimization-analyses-be55e5"
REMOVED_ID = "gradient-descent-only-converges-to-minimizers"
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull}


def version_2() -> bytes:
    """The newer list with one paper dropped and one title's typo fixed (real lines of list 000)."""
    lines = V2_ADDITIONS.split(b"\n")
    kept = [line for line in lines if not line.startswith(REMOVED)]
    assert len(kept) == len(lines) - 1 and TYPO in V2_ADDITIONS
    return b"\n".join(kept).replace(TYPO, b"The intrinsic learning rate. In *NeurIPS 2020*.")


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, env=GIT_ENV, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def commit(repo: Path, content: bytes, path: str = "README.md") -> str:
    """Commit `content` as the repository's `path`; returns the commit."""
    if not (repo / ".git").exists():
        repo.mkdir(parents=True, exist_ok=True)
        git(repo, "init", "-q", "-b", "main")
    (repo / path).write_bytes(content)
    git(repo, "add", path)
    git(repo, "commit", "-q", "-m", "a version")
    return git(repo, "rev-parse", "HEAD")


@dataclass
class Atlas:
    """A copy of the project's curation and taxonomy in a temporary folder."""

    folder: Path

    @property
    def manifest(self) -> Path:
        return self.folder / "data" / "sources.yml"

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def taxonomy(self) -> Path:
        return self.folder / "taxonomy"

    def name_upstream(self, block: str) -> None:
        """Give list 000 (dynamics) an `upstream:` block, as a curator would write it."""
        text = self.manifest.read_text(encoding="utf-8")
        anchor = "    format: in_venue_pdf\n"
        self.manifest.write_text(text.replace(anchor, anchor + block, 1), encoding="utf-8")

    def update(self, *args: str) -> subprocess.CompletedProcess:
        """`build.py --update`, as a user runs it."""
        command = [sys.executable, str(ROOT / "build.py"), "--sources", str(self.manifest),
                   "--curation", str(self.data), "--taxonomy", str(self.taxonomy), "--update", *args]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    def build(self) -> sqlite3.Connection:
        build(self.manifest, self.folder / "dist", self.data, self.taxonomy)
        return sqlite3.connect(self.folder / "dist" / "atlas.db")

    def snapshot(self) -> dict[str, bytes]:
        return {str(p.relative_to(self.folder)): p.read_bytes()
                for p in sorted(self.data.rglob("*")) if p.is_file()}


def new_atlas(folder: Path) -> Atlas:
    """The project's curation, its lists naming no upstream: a test names the one it serves, and
    an update never reaches the real upstreams."""
    shutil.copytree(CURATION, folder / "data")
    shutil.copytree(TAXONOMY, folder / "taxonomy")
    manifest = folder / "data" / "sources.yml"
    manifest.write_text(re.sub(r"    upstream:\n(      .*\n)+", "", manifest.read_text(encoding="utf-8")),
                        encoding="utf-8")
    return Atlas(folder)


def git_upstream(atlas: Atlas, repo: Path, revision: str) -> None:
    atlas.name_upstream(f"    upstream:\n      url: {repo}\n      path: README.md\n      revision: \"{revision}\"\n")


@dataclass
class Updated:
    atlas: Atlas
    before: dict[str, bytes]
    run: subprocess.CompletedProcess
    report: dict
    revision: str


@pytest.fixture(scope="module")
def updated(tmp_path_factory) -> Updated:
    """List 000 updated from a git repository from version 1 to version 2, with a hand topic and
    a merge decision naming the paper whose title version 2 fixes."""
    folder = tmp_path_factory.mktemp("git-update")
    atlas = new_atlas(folder)
    with (atlas.taxonomy / "manual.yml").open("a", encoding="utf-8") as manual:
        manual.write(f'  - title: "{OLD_TITLE}"\n    topics: [normalization-layers, weight-decay]\n')
    with (atlas.data / "merges.yml").open("a", encoding="utf-8") as merges:
        merges.write(f'  - - "{OLD_TITLE}"\n    - Three mechanisms of weight decay regularization\n')
    repo = folder / "upstream"
    first = commit(repo, V1)
    revision = commit(repo, version_2())
    git_upstream(atlas, repo, first)
    before = atlas.snapshot()
    run = atlas.update("--report", str(folder / "report.json"))
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    return Updated(atlas, before, run, report, revision)


def dynamics(report: dict) -> dict:
    return next(row for row in report["lists"] if row["source"] == "dynamics")


def test_a_git_update_reports_papers_added_removed_and_retitled(updated):
    assert updated.run.returncode == 0, updated.run.stderr
    row = dynamics(updated.report)
    assert row["status"] == "updated" and row["new_revision"] == updated.revision
    added = {paper["title"] for paper in row["added"]}
    assert "Width and depth limits commute in residual networks" in added
    assert "Saddle-to-saddle dynamics in diagonal linear networks" in added
    assert [paper["paper_id"] for paper in row["removed"]] == [REMOVED_ID]
    [retitled] = row["retitled"]
    assert retitled["old_title"] == OLD_TITLE and retitled["new_title"] == OLD_TITLE + "e"
    assert retitled["old_paper_id"] == OLD_ID != retitled["new_paper_id"]
    assert row["papers_before"] + len(row["added"]) - len(row["removed"]) == row["papers_after"]


def test_the_printed_report_says_the_same_per_list(updated):
    out = updated.run.stdout
    row = dynamics(updated.report)
    assert "dynamics: updated (" in out and f"→ {updated.revision})" in out
    assert f"papers {row['papers_before']} → {row['papers_after']}: {len(row['added'])} added, 1 removed" in out
    assert "+ Width and depth limits commute in residual networks [width-and-depth-limits-commute" in out
    assert f"- Gradient descent only converges to minimizers [{REMOVED_ID}]" in out
    assert f'~ "{OLD_TITLE}" → "{OLD_TITLE}e"' in out


def test_an_entry_whose_paper_changed_id_is_reported_with_both_ids(updated):
    row = dynamics(updated.report)
    new_id = row["retitled"][0]["new_paper_id"]
    assert {"old_paper_id": OLD_ID, "new_paper_id": new_id} in [
        {k: item[k] for k in ("old_paper_id", "new_paper_id")} for item in row["identity_changed"]]


def test_the_manifest_records_the_new_revision_and_checksum_and_keeps_every_other_line(updated):
    text = updated.atlas.manifest.read_text(encoding="utf-8")
    sha = hashlib.sha256(version_2()).hexdigest()
    [source] = [s for s in load_manifest(updated.atlas.manifest) if s.id == "dynamics"]
    assert source.upstream.revision == updated.revision and source.upstream.sha256 == sha
    assert source.file == f"sources/000_{sha[:16]}.txt"
    before = updated.before["data/sources.yml"].decode().split("\n")
    after = text.split("\n")
    changed = [line for line in after if line not in before]
    assert changed == [f"    file: sources/000_{sha[:16]}.txt", f'      revision: "{updated.revision}"',
                       f'      sha256: "{sha}"']
    assert [line for line in before if line not in after] == [
        "    file: sources/000_c0894582068b27f9.txt", next(line for line in before if "revision:" in line)]


def test_the_new_version_is_vendored_beside_the_old_place_and_the_old_copy_goes(updated):
    sources = updated.atlas.data / "sources"
    sha = hashlib.sha256(version_2()).hexdigest()
    assert (sources / f"000_{sha[:16]}.txt").read_bytes() == version_2()
    assert not (sources / "000_c0894582068b27f9.txt").exists()
    assert sorted(p.name for p in sources.iterdir() if not p.name.startswith("000_")) == sorted(
        Path(name).name for name in updated.before if "/sources/" in name and "/000_" not in name)


def test_the_build_passes_on_the_updated_manifest_with_the_new_papers(updated):
    db = updated.atlas.build()
    assert db.execute("select upstream_revision from sources where id = 'dynamics'").fetchone() == (updated.revision,)
    assert db.execute("select 1 from papers where title = 'Width and depth limits commute in residual networks'"
                      ).fetchone()
    assert db.execute("select 1 from papers where id = ?", (REMOVED_ID,)).fetchone() is None


def test_a_paper_removed_upstream_from_every_list_keeps_its_id_as_retired_with_the_reason(updated):
    db = updated.atlas.build()
    row = db.execute("select replaced_by, reason from retired_ids where id = ?", (REMOVED_ID,)).fetchone()
    assert row == (None, f"removed upstream from dynamics at {updated.revision}")
    assert {"id": REMOVED_ID, "replaced_by": "", "reason": row[1]} in updated.report["retired"]


def test_a_retitled_papers_old_id_is_retired_for_the_new_one(updated):
    db = updated.atlas.build()
    new_id = dynamics(updated.report)["retitled"][0]["new_paper_id"]
    replaced_by, reason = db.execute("select replaced_by, reason from retired_ids where id = ?", (OLD_ID,)).fetchone()
    assert replaced_by == new_id
    assert reason.startswith(f"retitled upstream in dynamics at {updated.revision}")
    assert db.execute("select title from papers where id = ?", (new_id,)).fetchone() == (OLD_TITLE + "e",)


def test_hand_topics_and_readings_naming_the_old_title_still_name_the_retitled_paper(updated):
    db = updated.atlas.build()
    new_id = dynamics(updated.report)["retitled"][0]["new_paper_id"]
    manual = {t for (t,) in db.execute("select topic_id from paper_topics where paper_id = ? and via = 'manual'",
                                       (new_id,))}
    assert manual == {"normalization-layers", "weight-decay"}
    readers = {r for (r,) in db.execute("select reader from paper_readings where paper_id = ?", (new_id,))}
    assert readers == {"reader-a", "reader-b"}
    assert (updated.atlas.taxonomy / "readings" / "reader-a.yml").read_text().count(f'title: "{OLD_TITLE}"') == 1
    (unmatched,) = db.execute("select count(*) from paper_topics where paper_id = ?", (OLD_ID,)).fetchone()
    assert unmatched == 0


def test_authorship_naming_a_retitled_papers_id_still_names_its_authors(tmp_path):
    """data/people.yml says "Lu, J." on the deep-ResNet mean-field paper (list 004, by id) is
    Jianfeng Lu. Upstream fixing the title's typo ("provably" → "provable") changes the id; the
    curated authorship follows the retired id, so "Lu, J." does not become the retired `lu-j`."""
    atlas = new_atlas(tmp_path)
    v1 = next((atlas.data / "sources").glob("004_*")).read_bytes()
    repo = tmp_path / "upstream"
    commit(repo, v1)
    commit(repo, v1.replace(b"Towards provably optimization", b"Towards provable optimization"))
    text = atlas.manifest.read_text(encoding="utf-8")
    anchor = "    format: apa_references\n"
    atlas.manifest.write_text(text.replace(anchor, anchor + f"    upstream:\n      url: {repo}\n      path: README.md\n"),
                              encoding="utf-8")
    run = atlas.update()
    assert run.returncode == 0, run.stderr
    db = atlas.build()
    (new_id,) = db.execute("select replaced_by from retired_ids where id = ?",
                           ("a-mean-field-analysis-of-deep-resnet-and-beyond-towards-provably-68400f",)).fetchone()
    assert new_id.startswith("a-mean-field-analysis-of-deep-resnet-and-beyond-towards-provable-")
    authors = db.execute("select author_id from paper_authors where paper_id = ? order by position", (new_id,))
    assert [a for (a,) in authors] == ["lu-yiping", "ma-chao", "lu-yulong", "lu-jianfeng", "ying-lexing"]


def test_curation_that_names_no_paper_after_the_update_is_named_in_the_report(updated):
    """merges.yml decides before ids exist, so it cannot follow a retired id; the readings of a
    paper gone from every list name nothing now. The report names both, to the line."""
    merges_line = len(updated.before["data/merges.yml"].decode().splitlines()) - 1
    unmatched = {(item["file"], item["line"], item["names"]) for item in updated.report["curation_unmatched"]}
    assert unmatched == {
        ("merges.yml", merges_line, OLD_TITLE),
        ("readings/reader-a.yml", 587, "Gradient descent only converges to minimizers"),
        ("readings/reader-a.yml", 587, REMOVED_ID),
        ("readings/reader-b.yml", 587, "Gradient descent only converges to minimizers"),
        ("readings/reader-b.yml", 587, REMOVED_ID),
    }
    assert f"curation names no paper now: merges.yml:{merges_line}: {OLD_TITLE}" in updated.run.stdout


def test_updating_again_finds_the_list_unchanged_and_changes_nothing(updated):
    before = updated.atlas.snapshot()
    run = updated.atlas.update()
    assert run.returncode == 0 and run.stdout == f"dynamics: unchanged at {updated.revision}\n"
    assert updated.atlas.snapshot() == before


def test_an_entry_moved_to_another_section_is_reported_with_its_topics_changed(tmp_path):
    """As nobody has read the paper (no readings), its list's heading is what files it."""
    atlas = new_atlas(tmp_path)
    shutil.rmtree(atlas.taxonomy / "readings")
    lines = V1.split(b"\n")
    moved = lines.pop(next(i for i, line in enumerate(lines) if line.startswith(REMOVED)))
    lines.insert(next(i for i, line in enumerate(lines) if line.startswith(b"# 5. Learning Dynamics beyond")) + 2,
                 moved)
    repo = tmp_path / "upstream"
    git_upstream(atlas, repo, commit(repo, V1))
    commit(repo, b"\n".join(lines))
    run = atlas.update("--report", str(tmp_path / "report.json"))
    row = dynamics(json.loads((tmp_path / "report.json").read_text()))
    assert (row["added"], row["removed"], row["retitled"]) == ([], [], [])
    assert row["topics_changed"] == [{"paper_id": REMOVED_ID, "title": "Gradient descent only converges to minimizers",
                                      "added": ["dynamics-beyond-standard-training"],
                                      "removed": ["gd-and-sgd-dynamics"]}]
    assert f"# {REMOVED_ID}: topics +dynamics-beyond-standard-training, -gd-and-sgd-dynamics" in run.stdout


def test_a_paper_removed_and_then_back_upstream_is_no_longer_retired(tmp_path):
    atlas = new_atlas(tmp_path)
    repo = tmp_path / "upstream"
    first = commit(repo, V1)
    git_upstream(atlas, repo, first)
    commit(repo, version_2())
    assert atlas.update().returncode == 0
    commit(repo, V1)
    run = atlas.update()
    assert run.returncode == 0, run.stderr
    assert f"un-retire {REMOVED_ID}: its paper is back" in run.stdout
    db = atlas.build()
    assert db.execute("select 1 from papers where id = ?", (REMOVED_ID,)).fetchone()
    assert db.execute("select replaced_by from retired_ids where id = ?", (OLD_ID,)).fetchone() is None
    new_id = db.execute("select id from retired_ids where replaced_by = ?", (OLD_ID,)).fetchone()
    assert new_id is not None  # the corrected title's id, retired in turn for the old one


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def http_upstream(tmp_path):
    """A folder served on 127.0.0.1 by http.server in a thread; yields (folder, base address)."""
    folder = tmp_path / "served"
    folder.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_http_update_records_the_last_modified_date_and_checksum(tmp_path, http_upstream):
    served, base = http_upstream
    atlas = new_atlas(tmp_path / "atlas")
    (served / "README.md").write_bytes(V2_ADDITIONS)
    atlas.name_upstream(f"    upstream:\n      url: {base}/README.md\n")
    run = atlas.update("--report", str(tmp_path / "report.json"))
    assert run.returncode == 0, run.stderr
    row = dynamics(json.loads((tmp_path / "report.json").read_text()))
    assert len(row["added"]) == 9 and row["removed"] == [] and row["old_revision"] == ""
    [source] = [s for s in load_manifest(atlas.manifest) if s.id == "dynamics"]
    assert source.upstream.revision.endswith(" GMT")  # http.server's Last-Modified
    assert source.upstream.sha256 == hashlib.sha256(V2_ADDITIONS).hexdigest()
    assert atlas.build().execute("select count(*) from papers where title like 'Width and depth limits%'"
                                 ).fetchone() == (1,)


def test_an_unchanged_list_gets_its_revision_and_checksum_recorded_and_nothing_else(tmp_path, http_upstream):
    served, base = http_upstream
    atlas = new_atlas(tmp_path / "atlas")
    (served / "README.md").write_bytes(V1)
    atlas.name_upstream(f"    upstream:\n      url: {base}/README.md\n")
    before = atlas.snapshot()
    run = atlas.update()
    assert run.returncode == 0 and run.stdout.startswith("dynamics: unchanged at ")
    [source] = [s for s in load_manifest(atlas.manifest) if s.id == "dynamics"]
    assert source.file == "sources/000_c0894582068b27f9.txt" and source.upstream.sha256 == hashlib.sha256(V1).hexdigest()
    assert source.upstream.revision == run.stdout.removeprefix("dynamics: unchanged at ").strip()
    after = atlas.snapshot()
    assert {name for name in after if after[name] != before.get(name)} == {"data/sources.yml"}


def test_a_local_edit_of_the_vendored_copy_is_named_before_the_update_replaces_it(tmp_path, http_upstream):
    served, base = http_upstream
    atlas = new_atlas(tmp_path / "atlas")
    (served / "README.md").write_bytes(V1)
    atlas.name_upstream(f"    upstream:\n      url: {base}/README.md\n")
    assert atlas.update().returncode == 0  # records the checksum of version 1
    copy = atlas.data / "sources" / "000_c0894582068b27f9.txt"
    copy.write_bytes(V1.replace(TYPO, b"The intrinsic learning rate. In *NeurIPS 2020*."))
    (served / "README.md").write_bytes(V2_ADDITIONS)
    run = atlas.update()
    assert run.returncode == 0
    assert "  warning: our copy was edited since its recorded revision; the update replaces the edits" in run.stdout


def test_an_http_upstream_that_answers_404_is_one_error_line(tmp_path, http_upstream):
    _, base = http_upstream
    atlas = new_atlas(tmp_path / "atlas")
    atlas.name_upstream(f"    upstream:\n      url: {base}/moved.md\n")
    run = atlas.update()
    assert run.returncode == 1 and run.stderr.count("\n") == 1
    assert f"GET {base}/moved.md failed: HTTP 404" in run.stderr


def shrunk(share: float) -> bytes:
    """Version 1 with the first `share` of its paper lines gone (real lines, fewer of them)."""
    lines = V1.split(b"\n")
    papers = [i for i, line in enumerate(lines) if line.startswith(b"- ") and b"In *" in line]
    gone = set(papers[: int(len(papers) * share)])
    return b"\n".join(line for i, line in enumerate(lines) if i not in gone)


def test_a_list_that_lost_more_than_the_share_is_refused_and_nothing_is_written(tmp_path):
    atlas = new_atlas(tmp_path)
    repo = tmp_path / "upstream"
    git_upstream(atlas, repo, commit(repo, V1))
    commit(repo, shrunk(0.3))
    before = atlas.snapshot()
    run = atlas.update("--report", str(tmp_path / "report.json"))
    assert run.returncode == 2 and atlas.snapshot() == before
    row = dynamics(json.loads((tmp_path / "report.json").read_text()))
    assert row["status"] == "refused" and 0.28 <= row["lost_share"] <= 0.31
    assert run.stderr.startswith(f"refused: dynamics lost {row['lost_share']:.0%} of its paper entries (more "
                                 "than 20%); nothing written") and run.stderr.count("\n") == 1


def test_a_list_that_lost_more_than_the_share_is_taken_with_accept(tmp_path):
    atlas = new_atlas(tmp_path)
    repo = tmp_path / "upstream"
    git_upstream(atlas, repo, commit(repo, V1))
    revision = commit(repo, shrunk(0.3))
    assert atlas.update("--accept", "--report", str(tmp_path / "report.json")).returncode == 0
    [source] = [s for s in load_manifest(atlas.manifest) if s.id == "dynamics"]
    assert source.upstream.revision == revision
    gone = {p["paper_id"] for p in dynamics(json.loads((tmp_path / "report.json").read_text()))["removed"]
            if not p["still_in_atlas"]}
    db = atlas.build()
    retired = {i for (i,) in db.execute("select id from retired_ids where reason = ?",
                                        (f"removed upstream from dynamics at {revision}",))}
    assert len(gone) >= 10 and retired == gone


def test_the_share_a_list_may_lose_is_settable(tmp_path):
    atlas = new_atlas(tmp_path)
    repo = tmp_path / "upstream"
    git_upstream(atlas, repo, commit(repo, V1))
    commit(repo, shrunk(0.3))
    assert atlas.update("--max-loss", "0.5").returncode == 0


def test_a_version_that_no_longer_parses_is_refused_even_with_accept(tmp_path):
    atlas = new_atlas(tmp_path)
    repo = tmp_path / "upstream"
    git_upstream(atlas, repo, commit(repo, V1))
    commit(repo, b"# deep-learning-dynamics-paper-list\n\nThis list has moved to a website.\n")
    before = atlas.snapshot()
    run = atlas.update("--accept")
    assert run.returncode == 2 and atlas.snapshot() == before
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("refused: the new version does not build: ")
    assert "source 'dynamics' has no list items" in run.stderr and str(tmp_path / "data") in run.stderr


def test_a_git_path_the_repository_lacks_is_one_error_line(tmp_path):
    atlas = new_atlas(tmp_path)
    repo = tmp_path / "upstream"
    atlas.name_upstream(f"    upstream:\n      url: {repo}\n      path: LIST.md\n")
    commit(repo, V1)
    run = atlas.update()
    assert run.returncode == 1 and run.stderr.count("\n") == 1 and "git show failed" in run.stderr


def test_updating_a_source_without_upstream_names_it(tmp_path, capsys):
    atlas = new_atlas(tmp_path)
    run = atlas.update("optimization")
    message = f"error: {atlas.manifest}: source 'optimization' names no upstream to update from\n"
    assert run.returncode == 1 and run.stderr == message
    words = ["update", "optimization", "--sources", str(atlas.manifest), "--curation", str(atlas.data)]
    assert atlas_command(words) == 1 and capsys.readouterr().err == message


@pytest.mark.parametrize("block, message", [
    ("    upstream:\n      url: /some/repo\n", "upstream without 'path' must be an http(s) address"),
    ("    upstream:\n      url: https://example.org/a.md\n      branch: main\n", "unknown key 'branch'"),
    ("    upstream:\n      url: https://example.org/a.md\n      sha256: abc\n", "must be 64 lowercase hexadecimal"),
    ("    upstream:\n      path: README.md\n", "missing 'url'"),
])
def test_an_upstream_that_does_not_validate_names_its_line(tmp_path, block, message):
    atlas = new_atlas(tmp_path)
    atlas.name_upstream(block)
    with pytest.raises(InputError) as error:
        load_manifest(atlas.manifest)
    assert message in str(error.value) and f"sources.yml:{str(error.value).split(':')[1]}" in str(error.value)


def test_revisions_and_checksums_are_written_so_yaml_reads_them_back_as_text():
    assert scalar("https://github.com/owner/list.git") == "https://github.com/owner/list.git"
    assert scalar("1234e5") == '"1234e5"' and scalar("no") == '"no"'
    assert scalar('W/"abc"') == '"W/\\"abc\\""'
