"""Rows written as the JSON module would write them."""

from __future__ import annotations

import json
import random

import sqlite_utils

from atlas.build.database_rows import detach_aside, insert_aside, insert_tuples, json_strings, write_aside


def test_lists_of_strings_are_written_as_json_dumps_writes_them():
    rng = random.Random(17)
    alphabet = ['"', "\\", "/", "\n", "\t", "\x00", "\x1f", "\x7f", "é", "李", "\u2028", "\ud800", "😀", "a", " "]
    lists = [[], [""], ["Jacot, A.", "Clément Hongler"], ["Grokking \"late\" \\ learning"]]
    lists += [["".join(rng.choices(alphabet, k=rng.randint(0, 8))) for _ in range(rng.randint(0, 4))]
              for _ in range(2000)]
    for strings in lists:
        assert json_strings(strings) == json.dumps(strings)
        assert json_strings(tuple(strings), ensure_ascii=False) == json.dumps(strings, ensure_ascii=False)


def test_rows_copied_from_a_scratch_database_give_the_same_file_as_executemany(tmp_path):
    columns = ("source_id", "line", "item", "title", "hidden", "year")
    rng = random.Random(5)
    rows = [
        (f"list-{i % 3}", i, 0, rng.choice(["Grokking", "Ünïcode “title”", None, ""]), i % 2 == 0,
         rng.choice([2021, None]))
        for i in range(500)
    ]
    options = {"pk": ("source_id", "line", "item")}
    direct = sqlite_utils.Database(tmp_path / "direct.db")
    direct.conn.execute("begin")
    insert_tuples(direct, "entries", columns, iter(rows), **options)
    direct.conn.commit()
    direct.close()
    own = 230  # the first rows the build writes itself, more than the first chunk
    write_aside(str(tmp_path / "aside.db"), "entries", columns, rows[own:])
    copied = sqlite_utils.Database(tmp_path / "copied.db")
    copied.conn.execute("begin")
    insert_aside(copied, "entries", columns, iter(rows[:own]), str(tmp_path / "aside.db"), **options)
    copied.conn.commit()
    detach_aside(copied)
    copied.close()
    assert (tmp_path / "copied.db").read_bytes() == (tmp_path / "direct.db").read_bytes()
