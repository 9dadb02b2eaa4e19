"""dist/ is never missing nor half-written: builds are swapped in by one rename of a symlink, one
at a time, and whatever a killed build left is cleaned by the next."""

from __future__ import annotations

import asyncio
import fcntl
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import CURATION, MANIFEST, ROOT, TAXONOMY
from datasette.app import Datasette

import atlas.build.publish
from atlas.build.pipeline import build
from atlas.build.publish import builds_folder

# A build that writes one file, sleeps, and publishes: the swap and the lock without the pipeline.
PUBLISH = """
import os, signal, sys, time
from pathlib import Path
import atlas.build.publish
out, text, pause, kill_at = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4]
def kill(*args):
    os.kill(os.getpid(), signal.SIGKILL)
if kill_at == "swap":
    atlas.build.publish._rename_over = kill
for _ in range(int(sys.argv[5])):
    with atlas.build.publish.publish(out) as staging:
        (staging / "build-report.json").write_text(text)
        time.sleep(pause)
        if kill_at == "writing":
            kill()
"""


def publish(out: Path, text: str, pause: float = 0.0, kill_at: str = "", times: int = 1) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", PUBLISH, str(out), text, str(pause), kill_at, str(times)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kept(out: Path) -> list[str]:
    return sorted(child.name for child in builds_folder(out).iterdir())


def make_plain_dist(out: Path, text: str) -> None:
    """dist/ as the pipeline before atlas/build/publish.py left it: a plain folder."""
    out.mkdir(parents=True)
    (out / "build-report.json").write_text(text)


@pytest.fixture(scope="module")
def real_build(tmp_path_factory) -> Path:
    """The real atlas, built under a umask that would hide it from other users."""
    out = tmp_path_factory.mktemp("real") / "dist"
    old_umask = os.umask(0o077)
    try:
        build(MANIFEST, out, CURATION, TAXONOMY)
    finally:
        os.umask(old_umask)
    return out


def test_dist_links_to_a_complete_build_that_any_user_can_read(real_build):
    assert real_build.is_symlink() and os.readlink(real_build) == ".dist-builds/1"
    assert {"atlas.bib", "atlas.ris", "atlas.csl.json", "atlas.db", "atlas.nt", "atlas.ttl", "build-report.json",
            "inspect-data.json",
            "metadata.yml", "settings.json", "static", "taxonomy.jsonld", "taxonomy.ttl", "templates",
            } == {p.name for p in real_build.iterdir()}
    for folder, _, files in os.walk(builds_folder(real_build)):
        assert os.stat(folder).st_mode & 0o777 == 0o755, folder
        for name in files:
            assert os.stat(os.path.join(folder, name)).st_mode & 0o777 == 0o644, name


def test_datasette_serves_dist_through_the_symlink(real_build):
    datasette = Datasette(config_dir=real_build)
    response = asyncio.run(datasette.client.get("/atlas.json?_shape=array&sql=select+count(*)+as+n+from+papers"))
    assert response.json() == [{"n": 372}]


@pytest.mark.parametrize("kill_at", ["writing", "swap"])
def test_a_build_killed_while_writing_or_just_before_the_swap_leaves_the_previous_dist(tmp_path, kill_at):
    out = tmp_path / "dist"
    assert publish(out, "first").wait() == 0
    assert publish(out, "second", kill_at=kill_at).wait() == -signal.SIGKILL
    assert os.readlink(out) == ".dist-builds/1" and (out / "build-report.json").read_text() == "first"
    left = {"writing": ["1", "2", "lock"], "swap": ["1", "2", "dist-link.new", "lock"]}[kill_at]
    assert kept(out) == left  # until the next build cleans them
    assert publish(out, "third").wait() == 0
    assert kept(out) == ["1", "2", "lock"] and (out / "build-report.json").read_text() == "third"


def test_a_failed_build_removes_its_folder_and_leaves_dist(tmp_path):
    out = tmp_path / "dist"
    assert publish(out, "first").wait() == 0
    with pytest.raises(RuntimeError), atlas.build.publish.publish(out) as staging:
        (staging / "build-report.json").write_text("half")
        raise RuntimeError("a stage failed")
    assert kept(out) == ["1", "lock"] and (out / "build-report.json").read_text() == "first"


def test_a_plain_dist_folder_of_an_older_build_is_exchanged_for_the_symlink(tmp_path, monkeypatch):
    out = tmp_path / "dist"
    make_plain_dist(out, "older")
    (tmp_path / ".dist-retired").mkdir()  # what the older pipeline left when killed
    exchanged = []
    exchange = atlas.build.publish._exchange
    monkeypatch.setattr(atlas.build.publish, "_exchange", lambda a, b: exchanged.append(b) or exchange(a, b))
    with atlas.build.publish.publish(out) as staging:
        (staging / "build-report.json").write_text("new")
    assert exchanged == [out] and out.is_symlink() and (out / "build-report.json").read_text() == "new"
    assert kept(out) == ["1", "legacy", "lock"]  # the replaced build is kept for readers still in it
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dist-builds", "dist"]
    with atlas.build.publish.publish(out) as staging:
        (staging / "build-report.json").write_text("newer")
    assert kept(out) == ["1", "2", "lock"]


def test_without_the_exchange_rename_the_old_folder_moves_aside_and_the_link_replaces_it(tmp_path, monkeypatch):
    out = tmp_path / "dist"
    make_plain_dist(out, "older")
    monkeypatch.setattr(atlas.build.publish, "_exchange", lambda a, b: False)
    with atlas.build.publish.publish(out) as staging:
        (staging / "build-report.json").write_text("new")
    assert out.is_symlink() and (builds_folder(out) / "legacy" / "build-report.json").read_text() == "older"


def test_readers_always_find_dist_while_builds_replace_it(tmp_path):
    out = tmp_path / "dist"
    make_plain_dist(out, "older")
    misses, reads, done = [], [0], threading.Event()

    def read_continuously():
        while not done.is_set():
            try:
                (out / "build-report.json").read_text()
                reads[0] += 1
            except OSError as error:
                misses.append(error)

    reader = threading.Thread(target=read_continuously)
    reader.start()
    try:
        assert publish(out, "new", pause=0.01, times=30).wait(timeout=60) == 0
    finally:
        done.set()
        reader.join()
    assert misses == [] and reads[0] > 100
    assert kept(out) == ["29", "30", "lock"]


def test_a_second_build_waits_for_the_first(tmp_path):
    out = tmp_path / "dist"
    assert publish(out, "first").wait() == 0
    descriptor = os.open(builds_folder(out) / "lock", os.O_RDWR)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        waiting = publish(out, "second")
        assert waiting.stderr.readline() == f"waiting for another build writing {out} to finish\n"
        time.sleep(0.2)
        assert waiting.poll() is None and os.readlink(out) == ".dist-builds/1"
    finally:
        os.close(descriptor)
    assert waiting.wait(timeout=60) == 0
    assert (out / "build-report.json").read_text() == "second"


def test_with_no_wait_a_second_build_stops_with_one_clear_line(real_build):
    descriptor = os.open(builds_folder(real_build) / "lock", os.O_RDWR)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        stopped = subprocess.run([sys.executable, str(ROOT / "build.py"), "--out", str(real_build), "--no-wait"],
                                 cwd=ROOT, capture_output=True, text=True)
    finally:
        os.close(descriptor)
    assert stopped.returncode == 1
    assert stopped.stderr == (f"error: another build is writing {real_build} "
                              f"(it holds {builds_folder(real_build) / 'lock'}); try again when it ends\n")


def test_two_builds_at_once_both_succeed_one_after_the_other(tmp_path):
    out = tmp_path / "dist"
    started = time.monotonic()
    builds = [publish(out, text, pause=0.5) for text in ("one", "two")]
    assert [process.wait(timeout=60) for process in builds] == [0, 0]
    assert time.monotonic() - started >= 1.0  # the second wrote only once the first was done
    assert kept(out) == ["1", "2", "lock"] and (out / "build-report.json").read_text() in ("one", "two")


def test_an_output_folder_that_cannot_be_written_is_one_line_not_a_traceback(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--out", "/proc/atlas/dist"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and result.stderr.startswith("error: /proc/atlas")
    assert result.stderr.count("\n") == 1, result.stderr
