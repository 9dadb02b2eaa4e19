"""A function run in a forked child gives what it gives in the build's own process."""

from __future__ import annotations

import os
import time

import pytest

from atlas.build.classify import PaperTopic
from atlas.build.errors import InputError
from atlas.build.forked import Forked, forked


def test_the_result_comes_back_from_the_child():
    topics = [PaperTopic("paper-a", "grokking", "title", "grokking"), PaperTopic("paper-b", "ntk", "keyword")]
    with forked(lambda: {"pid": os.getpid(), "paper_topics": topics}) as result:
        got = result()
    assert got["paper_topics"] == topics
    assert got["pid"] != os.getpid() or (os.cpu_count() or 1) < 2  # one core: run in this process


def test_a_curation_mistake_in_the_child_stops_the_build_with_its_place():
    def mistake():
        raise InputError("taxonomy/manual.yml", "unknown topic 'grokk'", 12)

    with forked(mistake) as result, pytest.raises(InputError) as raised:
        result()
    assert str(raised.value) == "taxonomy/manual.yml:12: unknown topic 'grokk'"
    assert (raised.value.path, raised.value.line) == ("taxonomy/manual.yml", 12)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: nothing is forked")
def test_a_child_not_waited_for_is_stopped_when_the_block_fails(tmp_path):
    said = tmp_path / "pid"

    def slow():
        said.write_text(str(os.getpid()))
        time.sleep(60)

    with pytest.raises(RuntimeError, match="the block"), forked(slow):
        while not said.exists() or not said.read_text():
            time.sleep(0.01)
        raise RuntimeError("the block failed")
    with pytest.raises(ProcessLookupError):  # stopped and reaped: no such process any more
        os.kill(int(said.read_text()), 0)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: nothing is forked")
def test_the_first_result_comes_back_while_the_child_goes_on(tmp_path):
    go_on = tmp_path / "go-on"

    def function():
        while not go_on.exists():  # still running when the build reads the first result
            time.sleep(0.01)
        return "classified"

    with forked(function, first=lambda: str(tmp_path / "entries.db")) as child:
        assert child.first() == str(tmp_path / "entries.db")
        go_on.touch()
        assert child() == "classified"


def test_a_first_result_that_fails_stops_the_build_with_its_error():
    def first():
        raise InputError("data/sources.yml", "no such list", 3)

    with forked(lambda: "never", first=first) as child, pytest.raises(InputError, match="no such list"):
        child.first()


def test_without_a_fork_the_first_result_is_made_here_once_and_only_when_asked_for():
    calls = []
    child = Forked(lambda: len(calls), takes_input=False, first=lambda: calls.append(1) or "aside")
    assert not child.is_forked
    assert child() == 0
    assert (child.first(), child.first(), child()) == ("aside", "aside", 1)
