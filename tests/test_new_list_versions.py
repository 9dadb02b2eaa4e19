"""New versions of lists classify themselves: renumbered headings, new sections and new key words
reach our topics with no new curation, and what maps to nothing is reported, never dropped.

tests/data/new_list_versions/ holds newer versions of lists 000, 002 and 004 written for this
test: 000 renumbered ("1. Learning Dynamics of GD and SGD"), a heading's typo fixed, two sections
added; 002 with three sections and key words added, some equal to our labels ("Benign
Overfitting", "Adam", "Grokking", "Plasticity", a concept added for it), some naming nothing of
ours ("Neuromorphic Hardware"); 004, the course,
retitled, its lectures numbered ("Lecture 2: Algorithmic Regularization"), its commented-out NTK
lecture taught again and four lectures added (grokking, in-context learning, mean-field limits,
symbolic regression).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import yaml
from conftest import new_versions_curation, unread_taxonomy

from atlas.build.pipeline import build


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> sqlite3.Connection:
    folder = tmp_path_factory.mktemp("new-versions")
    data = new_versions_curation(folder)
    # the new versions' papers as nobody has read them: only the automatic evidence classifies
    build(data / "sources.yml", folder / "dist", data, unread_taxonomy(folder / "taxonomy"))
    return sqlite3.connect(folder / "dist" / "atlas.db")


def our_topics(db, title: str) -> set[str]:
    return {topic for (topic,) in db.execute(
        """select topic_id from paper_topics join papers on papers.id = paper_id
           join topics on topics.id = topic_id where papers.title = ? and topics.scheme_id = 'atlas'""",
        (title,))}


def test_at_least_95_percent_of_the_new_versions_papers_reach_our_scheme(db):
    (papers,) = db.execute("select count(*) from papers").fetchone()
    (reached,) = db.execute("""select count(distinct paper_id) from paper_topics
                               join topics on topics.id = topic_id where topics.scheme_id = 'atlas'""").fetchone()
    print(f"\nnew list versions: {reached} of {papers} papers reach our scheme ({reached / papers:.1%})")
    assert reached / papers >= 0.95


def test_renumbered_headings_keep_their_curated_mapping(db):
    rows = db.execute("""select distinct topic_id from paper_topics
                         where evidence = '1. Learning Dynamics of GD and SGD' and via = 'section'""").fetchall()
    assert ("gd-and-sgd-dynamics",) in rows
    assert "adaptive-method-dynamics" in our_topics(db, "Adaptive inertia: Disentangling the effects of adaptive "
                                                         "learning rate and momentum")


def test_new_sections_and_key_words_naming_our_labels_classify_their_papers(db):
    assert {"implicit-regularization", "edge-of-stability"} <= our_topics(
        db, "Self-stabilization: The implicit bias of gradient descent at the edge of stability")
    assert "feature-learning" in our_topics(db, "Kernel and rich regimes in overparametrized models")
    assert "grokking" in our_topics(db, "Omnigrok: Grokking Beyond Algorithmic Data")
    assert "in-context-learning" in our_topics(db, "In-context Learning and Induction Heads")
    assert "interpolation" in our_topics(db, "Benign Overfitting in Linear Regression")
    assert "adaptive-gradient-methods" in our_topics(db, "Adam Can Converge Without Any Modification On Update Rules")
    assert "emergence-and-phase-transitions" in our_topics(db, "Are Emergent Abilities of Large Language Models "
                                                               "a Mirage?")
    # a section the readers named as a missing concept, added since (taxonomy/concepts.yml)
    assert "loss-of-plasticity" in our_topics(db, "Loss of Plasticity in Deep Continual Learning")


def test_terms_that_map_to_nothing_are_reported_with_a_suggestion_and_their_papers_kept(db):
    rows = db.execute("""select kind, term, papers, suggested_topic_id, suggestion from unmapped_terms
                         order by kind, term""").fetchall()
    assert [(kind, term, papers) for kind, term, papers, _, _ in rows] == [
        ("heading", "Deep Learning Theory (2025 edition)", 82),
        ("heading", "Lecture 10: Neural Networks for Symbolic Regression", 1),
        ("keyword", "Neuromorphic Hardware", 1)]
    for _, term, _, suggested, why in rows:
        if term.startswith("Deep Learning Theory"):
            continue  # the course's new title: below
        assert suggested and why, term
        (scheme,) = db.execute("select scheme_id from topics where id = ?", (suggested,)).fetchone()
        assert scheme == "atlas"
    (filed,) = db.execute("""select count(*) from paper_topics join papers on papers.id = paper_id
                             where papers.title = 'Running Quantized Networks on Neuromorphic Hardware'""").fetchone()
    assert filed > 0


def test_the_curators_query_lists_the_unmapped_terms_with_their_suggested_labels(db):
    metadata = yaml.safe_load((Path(__file__).parent.parent / "metadata.yml").read_text(encoding="utf-8"))
    sql = metadata["databases"]["atlas"]["queries"]["curator_unmapped_terms"]["sql"]
    rows = db.execute(sql).fetchall()
    assert [(row[2], row[3]) for row in rows] == [
        ("Deep Learning Theory (2025 edition)", 82),
        ("Neuromorphic Hardware", 1), ("Lecture 10: Neural Networks for Symbolic Regression", 1)]
    assert all(row[5] for row in rows if row[4])  # every suggestion has our label


def test_a_renamed_list_title_is_reported_as_naming_no_one_topic_rather_than_given_a_poor_suggestion(db):
    (suggested, why) = db.execute("""select suggested_topic_id, suggestion from unmapped_terms
                                     where term = 'Deep Learning Theory (2025 edition)'""").fetchone()
    assert not suggested
    assert "spread over" in why and "not_a_topic" in why


def test_a_course_that_numbers_its_lectures_keeps_their_mappings_and_new_lectures_classify(db):
    assert "implicit-bias-of-sgd" in our_topics(db, "Implicit regularization in deep matrix factorization")
    assert "dropout" in our_topics(db, "On the implicit bias of dropout")
    assert "grokking" in our_topics(db, "Grokking: Generalization Beyond Overfitting on Small Algorithmic Datasets")
    assert "in-context-learning" in our_topics(db, "What Can Transformers Learn In-Context? A Case Study of Simple Function Classes")
    assert "mean-field-theory" in our_topics(
        db, "On the global convergence of gradient descent for over-parameterized models using optimal transport")
    (evidence,) = db.execute("""select distinct evidence from paper_topics where topic_id = 'neural-tangent-kernel'
                                and evidence like 'Lecture%'""").fetchone()
    assert evidence == "Lecture 6: Neural Tangent Kernel"
