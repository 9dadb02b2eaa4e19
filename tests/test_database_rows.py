"""Rows written as the JSON module would write them."""

from __future__ import annotations

import json
import random

from atlas.build.database_rows import json_strings


def test_lists_of_strings_are_written_as_json_dumps_writes_them():
    rng = random.Random(17)
    alphabet = ['"', "\\", "/", "\n", "\t", "\x00", "\x1f", "\x7f", "é", "李", "\u2028", "\ud800", "😀", "a", " "]
    lists = [[], [""], ["Jacot, A.", "Clément Hongler"], ["Grokking \"late\" \\ learning"]]
    lists += [["".join(rng.choices(alphabet, k=rng.randint(0, 8))) for _ in range(rng.randint(0, 4))]
              for _ in range(2000)]
    for strings in lists:
        assert json_strings(strings) == json.dumps(strings)
        assert json_strings(tuple(strings), ensure_ascii=False) == json.dumps(strings, ensure_ascii=False)
