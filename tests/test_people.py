"""One author per person: names repaired, keyed, merged onto their fullest spelling."""

from __future__ import annotations

import sqlite3

from conftest import CURATION

from atlas.people import NameRules, cluster_authors
from atlas.text import repair_diacritics

RULES = NameRules.load(CURATION / "people.yml")


def test_broken_diacritics_are_repaired():
    assert repair_diacritics("V. U. Gu ̈ney") == "V. U. Güney"
    assert repair_diacritics("Stanisław Jastrz˛ebski") == "Stanisław Jastrzębski"


def test_four_ways_of_writing_a_name_share_one_key():
    keys = {RULES.parse(name).key for name in ("Jacot, A.", "Arthur Jacot", "A. Jacot", "Jacot, Arthur")}
    assert keys == {"jacot-a"}


def test_inverted_weinan_e_is_e_weinan():
    person = RULES.parse("Weinan, E.")
    assert (person.surname, person.given) == ("E", "Weinan")


def test_multi_word_and_hyphenated_surnames():
    assert RULES.parse("Gérard Ben Arous").surname == "Ben Arous"
    assert RULES.parse("G. B. Arous").surname == "Ben Arous"  # list 001's spelling, settled by people.yml
    assert RULES.parse("Simon Lacoste-Julien").surname == "Lacoste-Julien"
    assert RULES.parse("Sohl-Dickstein, J.").surname == "Sohl-Dickstein"
    assert RULES.parse("Nicolas Le Roux").surname == "Le Roux"
    assert RULES.parse("Thorpe, M.").surname == "Thorpe"


def cluster(*names_on_papers):
    occurrences = {(paper, 1, 0, position): name
                   for paper, names in names_on_papers for position, name in enumerate(names, start=1)}
    paper_of = {(paper, 1, 0): paper for paper, _ in names_on_papers}
    authors, author_of = cluster_authors(occurrences, paper_of, RULES)
    return {a.id: a.name for a in authors}, author_of


def test_name_forms_merge_onto_the_most_complete_spelling():
    authors, _ = cluster(("p1", ["Jacot, A."]), ("p2", ["Arthur Jacot"]), ("p3", ["A. Jacot"]))
    assert authors == {"jacot-arthur": "Arthur Jacot"}
    authors, _ = cluster(("p1", ["Stanislaw Jastrzebski"]), ("p2", ["Stanisław Jastrzębski"]))
    assert authors == {"jastrzebski-stanislaw": "Stanisław Jastrzębski"}


def test_full_given_names_tell_people_apart_and_initials_join_the_one_they_fit():
    authors, author_of = cluster(("p1", ["Xi Chen"]), ("p2", ["Xiangyi Chen"]), ("p3", ["Lee, J. D."]),
                                 ("p4", ["Jason D. Lee"]), ("p5", ["Jaehoon Lee"]))
    assert {"chen-xi", "chen-xiangyi", "lee-jason", "lee-jaehoon"} == set(authors)
    assert author_of[("p3", 1, 0, 1)] == "lee-jason"


def test_the_same_paper_in_two_lists_ties_initials_to_the_full_name():
    _, author_of = cluster(("p1", ["Lee, J."]), ("p2", ["Jaehoon Lee"]), ("p3", ["Jaeho Lee"]))
    assert author_of[("p1", 1, 0, 1)] == "lee-j"  # fits two people: left unresolved, not guessed
    occurrences = {("a", 1, 0, 1): "Lee, J.", ("b", 1, 0, 1): "Jaehoon Lee", ("c", 1, 0, 1): "Jaeho Lee"}
    paper_of = {("a", 1, 0): "wide-nets", ("b", 1, 0): "wide-nets", ("c", 1, 0): "other"}
    _, author_of = cluster_authors(occurrences, paper_of, RULES)
    assert author_of[("a", 1, 0, 1)] == "lee-jaehoon"


def test_built_atlas_keeps_every_spelling_and_no_truncation_marker_is_an_author(built_atlas):
    db = sqlite3.connect(built_atlas)
    spellings = {name for (name,) in db.execute("select name from author_names where author_id = 'jacot-arthur'")}
    assert spellings == {"Arthur Jacot", "Jacot, A."}
    assert db.execute("select name from authors where id = 'e-weinan'").fetchone() == ("Weinan E",)
    markers = db.execute("select count(*) from author_names where name in ('...', '…', 'et al', 'et al.', '')")
    assert markers.fetchone() == (0,)
    truncated = db.execute("select authors_truncated from papers where id = 'attention-is-all-you-need'")
    assert truncated.fetchone() == (1,)
