"""One author per person: names repaired, keyed, merged onto their fullest spelling."""

from __future__ import annotations

import sqlite3

from conftest import CURATION

from atlas.build.people import NameRules, cluster_authors
from atlas.build.text import repair_diacritics

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


def cluster(*names_on_papers, rules=RULES, retired=frozenset()):
    """Cluster author lists given as (paper id, [names]) pairs, one entry per pair."""
    occurrences = {(f"list-{n}", 1, 0, position): name
                   for n, (_, names) in enumerate(names_on_papers)
                   for position, name in enumerate(names, start=1)}
    paper_of = {(f"list-{n}", 1, 0): paper for n, (paper, _) in enumerate(names_on_papers)}
    authors, author_of = cluster_authors(occurrences, paper_of, rules, retired)
    return {a.id: a.name for a in authors}, {(paper_of[o[:3]], o[3]): a for o, a in author_of.items()}


def test_a_new_person_whose_id_was_retired_gets_an_id_of_their_own():
    # "lu-j" was retired for Jianfeng Lu; a J. Lu of a newer list with no evidence of being him
    # must not take it back (the build would stop, or the retired IRI would name two people)
    authors, _ = cluster(("new-paper", ["Lu, J.", "Tan, Y."]), retired=frozenset({"lu-j"}))
    [lu] = [author_id for author_id in authors if author_id.startswith("lu-j")]
    assert lu != "lu-j" and authors[lu] == "J. Lu"


def test_full_name_spellings_merge_onto_the_most_complete_one():
    authors, _ = cluster(("p1", ["Stanislaw Jastrzebski"]), ("p2", ["Stanisław Jastrzębski"]))
    assert authors == {"jastrzebski-stanislaw": "Stanisław Jastrzębski"}


def test_initials_join_a_full_name_written_on_the_same_paper_in_another_list():
    authors, author_of = cluster(("ntk", ["Jacot, A.", "Gabriel, F."]), ("ntk", ["Arthur Jacot", "Franck Gabriel"]))
    assert authors == {"jacot-arthur": "Arthur Jacot", "gabriel-franck": "Franck Gabriel"}


def test_initials_join_a_full_name_through_a_co_author_shared_elsewhere():
    _, author_of = cluster(("p1", ["Mianjy, P.", "Arora, R."]), ("p2", ["Raman Arora", "Poorya Mianjy"]))
    assert author_of[("p1", 2)] == "arora-raman"


def test_initials_without_evidence_stay_their_own_author_under_the_spelling_given():
    # "Sun, J." on ResNet shares no paper and no co-author with Jimeng Sun: it is Jian Sun.
    authors, author_of = cluster(("resnet", ["He, K.", "Zhang, X.", "Ren, S.", "Sun, J."]),
                                 ("pac-bayes-ib", ["Zifeng Wang", "Jimeng Sun", "Xi Chen"]))
    assert author_of[("resnet", 4)] == "sun-j" and authors["sun-j"] == "J. Sun"
    # "P. T. P. Tang" (Keskar et al.) is Ping Tak Peter Tang, not Peng Tang.
    _, author_of = cluster(("large-batch", ["N. S. Keskar", "D. Mudigere", "P. T. P. Tang"]),
                           ("shape-texture", ["Yingwei Li", "Peng Tang"]))
    assert author_of[("large-batch", 3)] == "tang-p"


def test_two_positions_of_one_paper_are_never_one_person():
    # The deep-ResNet mean-field paper: Yiping Lu, Chao Ma, Yulong Lu, Jianfeng Lu, Lexing Ying.
    _, author_of = cluster(("mean-field-resnet", ["Lu, Y.", "Ma, C.", "Lu, Y.", "Lu, J.", "Ying, L."]),
                           ("yopo", ["Dinghuai Zhang", "Yiping Lu", "Bin Dong"]),
                           ("beyond-finite-layer", ["Lu, Y.", "Zhong, A.", "Li, Q.", "Dong, B."]),
                           rules=NameRules({}, []))
    assert author_of[("beyond-finite-layer", 1)] == "lu-yiping"  # Bin Dong is a shared co-author
    assert author_of[("mean-field-resnet", 1)] != author_of[("mean-field-resnet", 3)]
    assert "lu-yiping" not in {author_of[("mean-field-resnet", 1)], author_of[("mean-field-resnet", 3)]}


def test_the_curated_authorship_names_who_initials_are_on_one_paper():
    rules = NameRules({}, [], {("mean-field-resnet", 1, "Lu, Y."): "Yiping Lu",
                               ("mean-field-resnet", 3, "Lu, Y."): "Yulong Lu"})
    _, author_of = cluster(("mean-field-resnet", ["Lu, Y.", "Ma, C.", "Lu, Y."]),
                           ("yopo", ["Yiping Lu", "Bin Dong"]), rules=rules)
    assert (author_of[("mean-field-resnet", 1)], author_of[("mean-field-resnet", 3)]) == ("lu-yiping", "lu-yulong")
    assert author_of[("yopo", 1)] == "lu-yiping"


def test_full_given_names_tell_people_apart_and_initials_that_fit_two_stay_apart():
    authors, author_of = cluster(("p1", ["Xi Chen"]), ("p2", ["Xiangyi Chen"]), ("p3", ["Lee, J."]),
                                 ("p4", ["Jaehoon Lee"]), ("p5", ["Jaeho Lee"]))
    assert {"chen-xi", "chen-xiangyi", "lee-jaehoon", "lee-jaeho", "lee-j"} == set(authors)
    assert author_of[("p3", 1)] == "lee-j"  # fits two people: left unresolved, not guessed
    _, author_of = cluster(("wide-nets", ["Lee, J."]), ("wide-nets", ["Jaehoon Lee"]), ("other", ["Jaeho Lee"]))
    assert author_of[("wide-nets", 1)] == "lee-jaehoon"


def test_built_atlas_keeps_every_spelling_and_no_truncation_marker_is_an_author(built_atlas):
    db = sqlite3.connect(built_atlas)
    spellings = {name for (name,) in db.execute("select name from author_names where author_id = 'jacot-arthur'")}
    assert spellings == {"Arthur Jacot", "Jacot, A."}
    assert db.execute("select name from authors where id = 'e-weinan'").fetchone() == ("Weinan E",)
    markers = db.execute("select count(*) from author_names where name in ('...', '…', 'et al', 'et al.', '')")
    assert markers.fetchone() == (0,)
    truncated = db.execute("select authors_truncated from papers where id = 'attention-is-all-you-need'")
    assert truncated.fetchone() == (1,)


def test_a_name_joined_by_an_underscore_is_read_as_given_name_and_surname():
    person = RULES.parse("Laurent_Viennot")
    assert (person.given, person.surname, person.key) == ("Laurent", "Viennot", "viennot-l")
