"""One paper per real-world paper: exact keys merge, close titles need evidence, ids stay put."""

from __future__ import annotations

import random
import shutil
import sqlite3
import string
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, papers_of, read_excerpt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas.build.merge import MergeOverrides, _similarity, merge_papers
from atlas.build.normalize import title_key
from atlas.build.people import NameRules
from atlas.build.pipeline import build
from atlas.build.records import Entry
from atlas.build.text import remove_stray_markup

NAMES = NameRules({}, [])


def merge(entries, overrides=None):
    papers, duplicates, paper_of = merge_papers(
        entries,
        lambda e: NAMES.parse(e.authors[0]).key if e.authors else "",
        lambda venue_id: "preprint" if venue_id == "arxiv" else "conference",
        overrides or MergeOverrides(),
    )
    return papers, duplicates, paper_of


def entry(title, line, authors=(), year=2019, venue_id="", arxiv_id="", source="s"):
    [parsed] = read_excerpt("in_venue_pdf", f"- {title}. In *X {year}*.\n")
    return replace(parsed, source_id=source, line=line, authors=tuple(authors), venue_id=venue_id,
                   arxiv_id=arxiv_id)


def test_the_same_title_in_three_spellings_is_one_paper():
    entries = [
        entry("Neural tangent kernel: Convergence and generalization in neural networks", 1, year=2018),
        entry("Neural Tangent Kernel: Convergence and Generalization in Neural Networks", 2, year=2018),
        entry("Neural tangent kernel – convergence and generalization in neural networks", 3, ["Jacot, A."]),
    ]
    papers, _, _ = merge(entries)
    assert len(papers) == 1 and len(papers[0].entries) == 3


def test_a_shared_pdf_link_is_not_evidence():
    entries = papers_of(read_excerpt("in_venue_pdf", """
        - Gradient descent provably optimizes over-parameterized neural networks. In *ICLR 2019*. [[pdf](http://proceedings.mlr.press/v97/du19c/du19c.pdf)]
        - Gradient descent finds global minima of deep neural network. In *ICML 2019*. [[pdf](http://proceedings.mlr.press/v97/du19c/du19c.pdf)]
    """))
    papers, _, _ = merge(entries)
    assert len(papers) == 2


def test_near_identical_titles_by_different_authors_stay_apart_for_review():
    entries = [
        entry("Implicit regularization in deep matrix factorization", 1, ["Sanjeev Arora"], 2019),
        entry("Implicit regularization in matrix factorization", 2, ["Suriya Gunasekar"], 2018),
    ]
    papers, duplicates, _ = merge(entries)
    assert len(papers) == 2
    assert [(d.score >= 85, "first authors differ" in d.reason) for d in duplicates] == [(True, True)]


def test_a_truncated_title_is_the_same_paper_when_authors_agree():
    entries = [
        entry("Reconciling modern deep learning with traditional optimization analyses: The intrinsic learning rat",
              1, ["Zhiyuan Li"], 2020),
        entry("Reconciling Modern Deep Learning with Traditional Optimization Analyses: The Intrinsic Learning Rate",
              2, ["Li, Z."], 2020),
    ]
    papers, _, _ = merge(entries)
    assert len(papers) == 1
    assert papers[0].title.endswith("Intrinsic Learning Rate")  # the most complete title wins


def test_title_variants_merge_only_with_agreeing_evidence():
    v1 = "The anisotropic noise in stochastic gradient descent: Its behavior of escaping from sharp minima and regularization effects"
    v2 = "The anisotropic noise in stochastic gradient descent: Its behavior of escaping from minima and regularization effects"
    agreeing = [entry(v1, 1, ["Zhanxing Zhu"], 2019), entry(v2, 2, ["Zhanxing Zhu"], 2018)]
    assert len(merge(agreeing)[0]) == 1
    years_apart = [entry(v1, 1, year=2019), entry(v2, 2, year=2014)]
    assert len(merge(years_apart)[0]) == 2
    other_arxiv = [entry(v1, 1, arxiv_id="1803.00195"), entry(v2, 2, arxiv_id="1111.11111")]
    assert len(merge(other_arxiv)[0]) == 2


def test_curated_overrides_force_and_forbid_merges():
    a = entry("Deep learning", 1, ["Goodfellow, I."], 2016)
    b = entry("Deep Learning Book", 2, ["Ian Goodfellow"], 2016)
    forced = MergeOverrides(same=(frozenset({title_key("Deep learning"), title_key("Deep Learning Book")}),))
    assert len(merge([a, b], forced)[0]) == 1
    v1 = entry("Gradient descent finds global minima of deep neural network", 3, year=2019)
    v2 = entry("Gradient descent finds global minima of deep neural networks", 4, year=2019)
    assert len(merge([v1, v2])[0]) == 1
    forbidden = MergeOverrides(different=(frozenset({title_key(v1.title), title_key(v2.title)}),))
    assert len(merge([v1, v2], forbidden)[0]) == 2


# Words of one title, whole, cut short and split by stray markdown: titles made of them share long
# prefixes and reach every branch of the comparison, not only the fuzzy ratio.
TITLE_WORDS = ["Gradient", "descent", "finds", "global", "minima", "of", "deep", "neural", "network",
               "networks", "net", "ne**twork", "ne[twork", "ne)twork", "ne`twork", "Variance(s)", "a", "-"]
any_title = st.one_of(st.text(max_size=80), st.lists(st.sampled_from(TITLE_WORDS), max_size=12).map(" ".join))


@st.composite
def title_pairs(draw) -> tuple[str, str]:
    """Any two titles, or two that share their first words and end each its own way."""
    if draw(st.booleans()):
        return draw(any_title), draw(any_title)
    shared = draw(st.lists(st.sampled_from(TITLE_WORDS), max_size=10))
    ends = st.lists(st.sampled_from(TITLE_WORDS), max_size=3)
    return " ".join(shared + draw(ends)), " ".join(shared + draw(ends))


@settings(suppress_health_check=[HealthCheck.too_slow])  # a loaded machine slows drawing, not the code
@given(title_pairs())
def test_any_two_title_keys_compare_without_failing_and_the_same_either_way(titles):
    key_a, key_b = (title_key(title) for title in titles)
    score, how = _similarity(key_a, key_b)
    assert 0 <= score <= 100 and how in ("equal", "truncated", "close")
    assert _similarity(key_b, key_a) == (score, how)


@given(title_pairs(), st.lists(any_title, max_size=4))
def test_any_titles_merge_into_papers_that_keep_every_entry(pair, others):
    titles = [*pair, *others]
    entries = [Entry(source_id="s", line=line, section=(), kind="paper", raw=f"- {title}", title=title, year=2019)
               for line, title in enumerate(titles, start=1)]
    papers, _, paper_of = merge(entries)
    assert sorted(paper_of) == sorted(entry.ref for entry in entries)
    assert sorted(ref for paper in papers for ref in paper.entries) == sorted(paper_of)


def test_a_title_whose_word_is_split_in_two_is_compared_word_by_word():
    split = title_key("Gradient descent finds global minima of deep neural ne**twork")
    assert _similarity(split, title_key("Gradient Descent Finds Global Minima of Deep Neural Networks"))[1] == "close"
    cut = title_key("Gradient descent finds global minima of deep neural net")
    assert _similarity(cut, title_key("Gradient Descent Finds Global Minima of Deep Neural Networks")) == (
        100, "truncated")


# List 000's line 36 and list 002's line 997: one paper, spelled "network" and "Networks".
DU_ET_AL = "- Gradient descent finds global minima of deep neural {}. In *ICML 2019*. [[pdf](http://proceedings.mlr.press/v97/du19c/du19c.pdf)]\n"
DU_ET_AL_CLEAN = """
    - Gradient Descent Finds Global Minima of Deep Neural Networks. [[paper]](https://arxiv.org/abs/1811.03804)
      - Simon S. Du, Jason D. Lee, Haochuan Li, Liwei Wang, Xiyu Zhai. *ICML 2019*
"""
STRAY_MARKERS = ["**", "*", "`", "[", "]", "[[", "]]", "(", ")"]


@pytest.mark.parametrize("marker", STRAY_MARKERS)
def test_title_cut_by_stray_emphasis_still_merges_with_clean_spelling(marker):
    [stray] = read_excerpt("in_venue_pdf", DU_ET_AL.format(f"ne{marker}twork"))
    clean = [replace(entry, source_id="phenomena") for entry in read_excerpt("awesome_digest", DU_ET_AL_CLEAN)]
    [paper], duplicates, _ = merge([stray, *papers_of(clean)])
    assert stray.title == f"Gradient descent finds global minima of deep neural ne{marker}twork"  # as written
    assert stray.warning == f"stray markdown inside a title word: ne{marker}twork"
    assert (paper.id, paper.title) == ("gradient-descent-finds-global-minima-of-deep-neural-networks",
                                       "Gradient Descent Finds Global Minima of Deep Neural Networks")
    assert duplicates == []


def test_a_title_with_stray_markdown_joins_its_clean_spelling_only_with_agreeing_evidence():
    [stray] = read_excerpt("in_venue_pdf", DU_ET_AL.format("ne**twork"))
    years_apart = entry("Gradient descent finds global minima of deep neural network", 2, year=2012)
    papers, [duplicate], _ = merge([stray, years_apart])
    assert len(papers) == 2
    assert duplicate.reason == ("equal titles once stray markdown is removed; "
                                "evidence against: years differ by more than one")
    no_year = replace(years_apart, year=None)
    papers, [duplicate], _ = merge([stray, no_year])
    assert len(papers) == 2  # the same key once repaired is not evidence: nothing else links them
    assert duplicate.reason == "equal titles once stray markdown is removed; evidence missing"
    assert len(merge([replace(stray, title=no_year.title, warning=""), no_year])[0]) == 1  # clean: one key


def test_a_title_with_stray_markdown_stays_apart_from_titles_curated_as_different():
    [stray] = read_excerpt("in_venue_pdf", "- Implicit regularization in deep ma**trix factorization. In *NeurIPS 2019*. [[pdf](https://arxiv.org/pdf/1905.13655.pdf)]\n")
    other = entry("Implicit regularization in matrix factorization", 2, year=2019)
    different = MergeOverrides(different=(frozenset({title_key("Implicit regularization in deep matrix factorization"),
                                                     title_key(other.title)}),))
    assert len(merge([stray, other], different)[0]) == 2


@given(st.lists(st.text(string.ascii_letters, min_size=2, max_size=9), min_size=1, max_size=9),
       st.sampled_from(STRAY_MARKERS), st.data())
def test_a_marker_inside_any_word_of_a_title_is_found_and_read_past(words, marker, data):
    at = data.draw(st.integers(0, len(words) - 1))
    cut = data.draw(st.integers(1, len(words[at]) - 1))
    marked = [*words[:at], words[at][:cut] + marker + words[at][cut:], *words[at + 1:]]
    assert remove_stray_markup(" ".join(marked)) == (" ".join(words), [marked[at]])


def test_brackets_partnered_inside_a_word_are_part_of_the_title():
    [paper] = papers_of(read_excerpt("awesome_digest", """
        - Double Trouble in Double Descent : Bias and Variance(s) in the Lazy Regime. [[paper]](https://arxiv.org/abs/2003.01054) [[code]](https://github.com/lightonai/double-trouble-in-double-descent)
          - Stéphane d'Ascoli, Maria Refinetti, Giulio Biroli, Florent Krzakala. *ICML 2020*
    """))
    assert (paper.title, paper.warning) == ("Double Trouble in Double Descent : Bias and Variance(s) in the Lazy Regime", "")


def test_the_real_lists_with_stray_emphasis_in_a_title_build_the_same_paper(tmp_path):
    for folder in ("data", "taxonomy"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    path = tmp_path / "data" / "sources" / "000_c0894582068b27f9.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[35] == DU_ET_AL.format("network").rstrip("\n")
    lines[35] = DU_ET_AL.format("ne**twork").rstrip("\n")
    path.write_text("\n".join(lines), encoding="utf-8")
    build(tmp_path / "data" / "sources.yml", tmp_path / "dist", tmp_path / "data", tmp_path / "taxonomy")
    db = sqlite3.connect(tmp_path / "dist" / "atlas.db")
    assert db.execute("select paper_id, warning from entries where source_id = 'dynamics' and line = 36").fetchone() == (
        "gradient-descent-finds-global-minima-of-deep-neural-networks", "stray markdown inside a title word: ne**twork")


def test_canonical_venue_prefers_peer_review_and_takes_its_year():
    entries = [
        entry("Neural ordinary differential equations", 1, year=2018, venue_id="arxiv"),
        entry("Neural Ordinary Differential Equations", 2, year=2019, venue_id="neurips"),
    ]
    [paper], _, _ = merge(entries)
    assert (paper.venue_id, paper.year, paper.title) == ("neurips", 2019, "Neural Ordinary Differential Equations")


def titles(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join("".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 9))) for _ in range(7))
            for _ in range(count)]


def test_paper_ids_do_not_change_when_other_entries_are_added_removed_or_reordered():
    base = [entry(title, line) for line, title in enumerate(titles(60, 1), start=1)]
    base += [entry("Neural tangent kernel: Convergence and generalization in neural networks", 100, year=2018)]
    ids = {p.title: p.id for p in merge(base)[0]}
    added = base + [entry(title, 200 + i) for i, title in enumerate(titles(40, 2))]
    removed = base[10:]
    shuffled = random.Random(3).sample(base, len(base))
    for variant in (added, removed, shuffled):
        for paper in merge(variant)[0]:
            if paper.title in ids:
                assert paper.id == ids[paper.title]


def test_long_titles_get_a_readable_id_with_a_short_hash():
    [paper], _, _ = merge([entry("Towards Theoretically Understanding Why SGD Generalizes Better Than ADAM in Deep Learning", 1)])
    assert paper.id.startswith("towards-theoretically-understanding-why-sgd") and len(paper.id) <= 80


@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs"]), min_size=1, max_size=60))
def test_title_keys_ignore_case(title):
    assert title_key(title.upper()) == title_key(title.lower()) == title_key(title)


def test_every_letter_and_digit_folds_the_same_in_upper_and_lower_case():
    """Exhaustive over Unicode, because random search once missed Greek ᾀ (upper case ἈΙ)."""
    import unicodedata
    letters = (chr(code) for code in range(sys.maxunicode + 1)
               if unicodedata.category(chr(code))[0] in "LN")
    differing = [ch for ch in letters if not title_key(ch.upper()) == title_key(ch.lower()) == title_key(ch)]
    assert differing == []


@given(st.lists(st.sampled_from(["neural", "tangent", "kernel", "sgd", "flat", "minima"]), min_size=1, max_size=8),
       st.lists(st.sampled_from([".", ",", ":", "?", "!", "(", ")", "–", "'", "\"", "/"]), min_size=8, max_size=8))
def test_title_keys_ignore_punctuation(words, marks):
    plain = " ".join(words)
    punctuated = " ".join(word + mark for word, mark in zip(words, marks, strict=False))
    assert title_key(punctuated) == title_key(plain)


@given(st.lists(st.sampled_from(["Lénaïc", "Jastrzębski", "Güney", "Défossez", "Dollár", "naïve", "Schölkopf"]),
                min_size=1, max_size=5))
def test_title_keys_ignore_accents(words):
    import unicodedata
    accented = " ".join(words)
    bare = "".join(c for c in unicodedata.normalize("NFKD", accented) if not unicodedata.combining(c))
    assert title_key(accented) == title_key(bare)
    assert title_key(unicodedata.normalize("NFD", accented)) == title_key(accented)


def test_merge_precision_and_recall_on_labelled_pairs(built_atlas):
    labelled = yaml.safe_load((Path(__file__).parent / "data" / "labelled_pairs.yml").read_text())
    db = sqlite3.connect(built_atlas)
    paper_of = {f"{s}:{line}": p for s, line, p in db.execute(
        "select source_id, line, paper_id from entries where kind = 'paper'")}
    predicted_same = lambda a, b: paper_of[a] == paper_of[b]  # noqa: E731
    true_positive = sum(predicted_same(a, b) for a, b in labelled["same"])
    false_positive = sum(predicted_same(a, b) for a, b in labelled["different"])
    precision = true_positive / max(1, true_positive + false_positive)
    recall = true_positive / len(labelled["same"])
    print(f"merge precision {precision:.3f}, recall {recall:.3f} on "
          f"{len(labelled['same'])} same / {len(labelled['different'])} different pairs")
    assert precision == 1.0 and recall >= 0.95


def test_real_cases_in_the_built_atlas(built_atlas):
    db = sqlite3.connect(built_atlas)
    ntk = db.execute("select group_concat(source_id, ' ') from (select source_id from entries where paper_id = "
                     "'neural-tangent-kernel-convergence-and-generalization-in-neural-networks' "
                     "and kind = 'paper' order by source_id)").fetchone()
    assert ntk == ("dynamics phenomena theory-course",)  # three lists, three spellings, one paper
    du = db.execute("select count(distinct paper_id) from entries where source_id = 'dynamics' and line in (34, 36)")
    assert du.fetchone() == (2,)  # one PDF link, two papers
    factorization = db.execute("select count(distinct paper_id) from entries "
                               "where source_id = 'theory-course' and line in (53, 58)")
    assert factorization.fetchone() == (2,)
    venue, year = db.execute("select venue_id, year from papers where id = "
                             "'neural-tangent-kernel-convergence-and-generalization-in-neural-networks'").fetchone()
    assert (venue, year) == ("neurips", 2018)  # NeurIPS over the arXiv preprint
