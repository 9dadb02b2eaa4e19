"""The `atlas` command: `build` writes dist/ as build.py does, `check` writes nothing and stops
on a bad file in one line, `serve` serves a built folder with Datasette."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import CURATION, ROOT, free_port

ATLAS = Path(sys.executable).parent / "atlas"


def run(*words: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(ATLAS), *words], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_help_names_every_command():
    result = run("--help")
    assert result.returncode == 0
    for command in ("build", "check", "serve"):
        assert command in result.stdout


def test_check_reports_the_build_counts_and_writes_nothing(tmp_path):
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "papers=" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_check_stops_on_a_bad_curated_file_with_one_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(CURATION, data)
    venues = data / "venues.yml"
    venues.write_text(venues.read_text(encoding="utf-8") + "\n- id: [broken\n", encoding="utf-8")
    result = run("check", "--curation", str(data), "--sources", str(data / "sources.yml"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: ") and "venues.yml:" in result.stderr


def test_build_then_serve_answers_the_home_page(tmp_path):
    built = run("build", "--out", str(tmp_path / "dist"))
    assert built.returncode == 0, built.stderr
    port = free_port()
    server = subprocess.Popen([str(ATLAS), "serve", str(tmp_path / "dist"), "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/topics", timeout=5) as page:
                    assert page.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "atlas serve did not answer"
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_without_a_build_says_what_to_run(tmp_path):
    result = run("serve", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "atlas build" in result.stderr
