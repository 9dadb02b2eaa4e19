"""A function run in a forked child gives what it gives in the build's own process."""

from __future__ import annotations

import os

import pytest

from atlas.build.classify import PaperTopic
from atlas.build.errors import InputError
from atlas.build.forked import forked


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


def test_a_child_not_waited_for_is_stopped_when_the_block_fails():
    with pytest.raises(RuntimeError, match="the block"), forked(lambda: os.getpid()):
        raise RuntimeError("the block failed")
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind, running or unreaped
