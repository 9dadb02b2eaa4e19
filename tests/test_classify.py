"""Classification: our labels found in headings, key words, titles and digests, with the traps the
lists set, the evidence each assignment records, and concepts left empty only for a reason."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
import yaml
from conftest import CURATION, MANIFEST, TAXONOMY

from atlas.build.classify import load_curation, load_readings
from atlas.build.errors import InputError
from atlas.build.label_matching import DIGEST, TERMS, TITLE
from atlas.build.pipeline import build
from atlas.build.schemas import EMPTY_CONCEPTS
from atlas.build.taxonomy import load_taxonomy, term_key
from atlas.build.yamlfile import load_yaml


@pytest.fixture(scope="module")
def index():
    taxonomy = load_taxonomy(TAXONOMY)
    return load_curation(TAXONOMY, taxonomy).index


def found(index, text: str, where: str = TITLE) -> list[str]:
    return sorted({match.concept_id for match in index.find(text, where)})


def topics_of(db: sqlite3.Connection, title: str) -> dict[str, set[str]]:
    rows = db.execute("""select paper_topics.topic_id, paper_topics.via from paper_topics
                         join papers on papers.id = paper_topics.paper_id
                         join topics on topics.id = paper_topics.topic_id
                         where papers.title = ? and topics.scheme_id = 'atlas'""", (title,)).fetchall()
    assert rows, f"no topics for {title!r}"
    topics: dict[str, set[str]] = {}
    for topic, via in rows:
        topics.setdefault(topic, set()).add(via)
    return topics


@pytest.fixture(scope="module")
def db(built_atlas):
    return sqlite3.connect(built_atlas)


# --- matching labels in text ---------------------------------------------------------------------

def test_an_acronym_matches_whole_words_only(index):
    assert found(index, "Neural Tangent Kernel (NTK) analysis of wide nets") == ["neural-tangent-kernel"]
    assert found(index, "Ensembles via NTKs") == ["bayesian-deep-learning", "neural-tangent-kernel"]  # plural
    assert found(index, "PNTK: a pruned kernel") == []
    assert found(index, "ANTKnowledge bases") == []


def test_the_longest_label_wins_where_labels_overlap(index):
    assert found(index, "Sharpness-Aware Minimization for Efficiently Improving Generalization") == [
        "sharpness-aware-minimization"]
    assert found(index, "The implicit bias of gradient descent on separable data") == ["implicit-bias-of-sgd"]


def test_labels_match_folded_and_with_hyphens_joined_or_split(index):
    assert found(index, "Implicit acceleration by overparameterization") == ["overparameterization"]
    assert found(index, "Three mechanisms of weight-decay regularization") == ["weight-decay"]
    assert found(index, "A Mean-Field Analysis of Deep ResNet") == ["mean-field-theory", "residual-networks"]
    assert found(index, "Mean Field Analysis of Neural Networks: A Central Limit Theorem") == ["mean-field-theory"]


def test_one_word_labels_match_free_text_only_where_the_curator_trusts_them(index):
    assert found(index, "Dropout: A simple way to prevent neural networks from overfitting") == ["dropout"]
    assert found(index, "networks trained with dropout and gradient clipping", DIGEST) == ["gradient-clipping"]
    assert found(index, "The Emergence of Spectral Universality in Deep Networks") == ["signal-propagation"]
    assert found(index, "Emergence", TERMS) == ["emergence-and-phase-transitions"]


def test_a_digests_fine_tuning_or_local_minimum_is_a_method_step_not_the_papers_subject(index):
    # measured on the dev sets (docs/topic-model.md): such digest matches were 0 right, 9 wrong
    # (model-5: weight decay, early stopping and finite width, 0 right and 5 wrong)
    assert found(index, "SGD with weight decay and early stopping converges to a finite-width kernel", DIGEST) == []
    assert found(index, "For structured pruning methods, fine-tuning a pruned model performs no better", DIGEST) == []
    assert found(index, "We study what emerges when pretraining documents have long-range coherence", DIGEST) == []
    assert found(index, "gradient descent can take exponential time to reach a local minimum", DIGEST) == []
    assert found(index, "Revisiting fine-tuning for few-shot learning") == ["transfer-learning"]  # a title still says it


def test_the_fields_wordings_of_residual_connections_and_private_sgd_are_their_topics(index):
    assert found(index, "Batch normalization biases residual blocks towards the identity function") == [
        "normalization-layers", "residual-networks"]
    assert found(index, "Towards understanding residual and dilated dense neural networks") == ["residual-networks"]
    assert found(index, "Understanding gradient clipping in private SGD: a geometric perspective") == [
        "differential-privacy", "gradient-clipping"]
    assert found(index, "the block is a residual connection around attention", DIGEST) == []  # its architecture


def test_heading_numbers_and_trailing_years_are_not_part_of_a_heading():
    assert term_key("1. Learning Dynamics of GD and SGD") == term_key("2. Learning Dynamics of GD and SGD")
    assert term_key("A.1. Convergence analysis of GD, SGD and Momentum") == term_key(
        "Convergence analysis of GD, SGD and Momentum")
    assert term_key("Deep Double Descent: 2020") == term_key("Deep Double Descent")
    assert term_key("Lecture 2: Algorithmic Regularization") == term_key("Algorithmic Regularization")
    assert term_key("Chapter 3 - Dropout") == term_key("Dropout")
    assert term_key("Part of the landscape") != term_key("of the landscape")  # a word, not a number


# --- the traps the lists set ---------------------------------------------------------------------

def test_baldi_and_hornik_is_not_a_dropout_paper_for_being_cited_in_the_dropout_lecture(db):
    topics = topics_of(db, "Neural networks and principal component analysis: Learning from examples "
                           "without local minima")
    assert "dropout" not in topics
    assert "tractable-landscapes" in topics


def test_list_001s_root_and_venue_headings_file_no_paper_under_optimization(db):
    rows = db.execute("""select paper_id from paper_topics where topic_id = 'optimization'
                         and via in ('section', 'label')""").fetchall()
    assert rows == []
    assert "optimization" not in topics_of(db, "Deep Equilibrium Models")
    assert "optimal-transport" in topics_of(db, "Maximum Mean Discrepancy Gradient Flow")


def test_lottery_tickets_in_the_double_descent_section_are_not_double_descent(db):
    topics = topics_of(db, "Gradient Flow in Sparse Neural Networks and How Lottery Tickets Win")
    assert "double-descent" not in topics
    assert {"lottery-ticket-hypothesis", "dynamic-sparse-training"} <= set(topics)


def test_mode_connectivity_papers_are_under_mode_connectivity_not_tractable_landscapes(db):
    for title in ("Git re-basin: Merging models modulo permutation symmetries",
                  "Loss surfaces, mode connectivity, and fast ensembling of dnns",
                  "Linear Mode Connectivity and the Lottery Ticket Hypothesis",
                  "The role of permutation invariance in linear mode connectivity of neural networks",
                  "Rethink model re-basin and the linear mode connectivity"):
        topics = topics_of(db, title)
        assert "mode-connectivity" in topics and "tractable-landscapes" not in topics, title
    assert "tractable-landscapes" in topics_of(db, "Matrix completion has no spurious local minimum")


def test_both_edge_of_stability_papers_are_under_edge_of_stability(db):
    for title in ("Gradient descent on neural networks typically occurs at the edge of stability",
                  "Understanding gradient descent on the edge of stability in deep learning"):
        assert "edge-of-stability" in topics_of(db, title), title


def test_the_mean_field_theory_key_word_does_not_send_signal_propagation_to_training_limits(db):
    for title in ("A Mean Field Theory of Batch Normalization", "Deep Information Propagation",
                  "Mean Field Residual Networks: On the Edge of Chaos"):
        assert "mean-field-theory" not in topics_of(db, title), title
    assert "signal-propagation" in topics_of(db, "Mean Field Residual Networks: On the Edge of Chaos")
    assert "mean-field-theory" in topics_of(db, "A mean field view of the landscape of two-layer neural networks")


def test_weak_labels_no_longer_classify(db):
    assert "applications" not in topics_of(db, "Why does deep and cheap learning work so well?")
    rows = db.execute("select * from paper_topics where evidence like '%Rethinking generalization%'").fetchall()
    assert rows == []


def test_concepts_the_issue_found_empty_now_hold_their_papers(db):
    for topic in ("mode-connectivity", "heavy-tailed-noise", "stochastic-differential-equations",
                  "spectral-bias", "early-training", "hessian-and-curvature", "weight-decay",
                  "edge-of-stability", "expressivity", "mean-field-theory"):
        (papers,) = db.execute("select papers from topics where id = ?", (topic,)).fetchone()
        assert papers > 0, topic


# --- evidence ------------------------------------------------------------------------------------

def test_every_assignment_records_its_evidence(db):
    assert db.execute("select count(*) from paper_topics where coalesce(evidence, '') = ''").fetchone() == (0,)
    rows = dict(db.execute("""select via, evidence from paper_topics
                              where paper_id = 'git-rebasin-merging-models-modulo-permutation-symmetries'
                              and topic_id = 'mode-connectivity'"""))
    assert rows["title"] == "re-basin"
    assert rows["reading"] == "taxonomy/readings/reader-a.yml:567, taxonomy/readings/reader-b.yml:567"
    (title,) = db.execute("select title from papers where id = 'the-heavytail-phenomenon-in-sgd'").fetchone()
    (evidence,) = db.execute("""select evidence from paper_topics where via = 'title'
                                and paper_id = 'the-heavytail-phenomenon-in-sgd'
                                and topic_id = 'heavy-tailed-noise'""").fetchone()
    assert evidence in title


def test_a_heading_or_key_word_is_recorded_as_this_papers_list_wrote_it(db):
    # Jacot et al. sit under list 002's "Neural Tangent Kernel: 2018"; the 2021 heading maps to the
    # same list concept, but it is not where this paper is.
    rows = set(db.execute("""select via, evidence from paper_topics
                             where paper_id = 'neural-tangent-kernel-convergence-and-generalization-in-neural-networks'
                             and topic_id = 'neural-tangent-kernel'"""))
    assert ("section", "Neural Tangent Kernel: 2018") in rows
    assert not any("2021" in evidence for _, evidence in rows)
    sections = {evidence for (evidence,) in db.execute(
        """select distinct paper_topics.evidence from paper_topics where via = 'section'""")}
    written = {heading for (section,) in db.execute("select section from entries") for heading in section.split(" › ")}
    written |= {label for (label,) in db.execute("select label from entries where label is not null")}
    assert sections <= written


def test_a_hand_assignment_replaces_title_and_digest_matches(db):
    vias = {via for (via,) in db.execute(
        "select via from paper_topics where paper_id = 'attention-is-all-you-need'")}
    assert "manual" in vias and not vias & {"title", "digest"}


# --- no concept empty while a list holds a paper about it ----------------------------------------

def test_every_empty_concept_is_justified_and_no_justified_one_holds_papers(db):
    justified = load_yaml(TAXONOMY / "empty_concepts.yml", EMPTY_CONCEPTS)["empty"]
    empty = {topic for (topic,) in db.execute(
        "select id from topics where scheme_id = 'atlas' and not deprecated and papers = 0")}
    print(f"\nempty concepts: {len(empty)}: {', '.join(sorted(empty))}")
    assert empty == set(justified)
    assert all(len(reason) > 20 for reason in justified.values())


def test_a_fallback_chapter_classifies_only_the_papers_nothing_else_does(automatic_atlas):
    db = sqlite3.connect(automatic_atlas)
    assert topics_of(db, "Gradient descent only converges to minimizers") == {"gd-and-sgd-dynamics": {"section"}}
    assert "gd-and-sgd-dynamics" not in topics_of(db, "The heavy-tail phenomenon in SGD")


def test_a_read_paper_keeps_no_topic_its_readers_all_left_out(db, automatic_atlas):
    # Read, the paper is about saddle points (both readers); the GD/SGD chapter it sits in no longer
    # stands in for a topic
    assert topics_of(db, "Gradient descent only converges to minimizers") == {"saddle-points": {"reading"}}
    # "Weight Agnositic Neural Networks" is list 002's key word on this paper; both readers judged it
    # about lottery tickets, so the key word files it under the list's concept only
    title = "What's Hidden in a Randomly Weighted Neural Network?"
    assert "weight-agnostic-networks" in topics_of(sqlite3.connect(automatic_atlas), title)
    assert "weight-agnostic-networks" not in topics_of(db, title)
    assert "lottery-ticket-hypothesis" in topics_of(db, title)


# --- the curator's view ---------------------------------------------------------------------------

def test_curator_canned_queries_list_empty_topics_weak_evidence_and_single_paper_topics(get, automatic_atlas):
    empty = get("/atlas/curator_empty_topics.json?_shape=array").json()
    justified = load_yaml(TAXONOMY / "empty_concepts.yml", EMPTY_CONCEPTS)["empty"]
    assert {row["id"] for row in empty} == set(justified)
    # every paper of today's lists has been read, so none rests on one title or digest match alone;
    # unread (a new list's papers), some do, and the query lists each once
    assert get("/atlas/curator_weak_evidence.json?_shape=array&_size=max").json() == []
    metadata = yaml.safe_load((TAXONOMY.parent / "metadata.yml").read_text(encoding="utf-8"))
    sql = metadata["databases"]["atlas"]["queries"]["curator_weak_evidence"]["sql"]
    weak = sqlite3.connect(automatic_atlas).execute(sql).fetchall()
    assert weak and all(via in ("title", "digest") and evidence for *_, via, evidence in weak)
    assert len({row[0] for row in weak}) == len(weak)
    single = get("/atlas/curator_topics_with_one_paper.json?_shape=array&_size=max").json()
    assert single and len({row["topic_id"] for row in single}) == len(single)
    disagreements = get("/atlas/curator_reader_disagreements.json?_shape=array&_size=max").json()
    title = "A bayesian perspective on generalization and stochastic gradient descent"
    assert {(row["reader"], row["topic_id"]) for row in disagreements if row["title"] == title} == {
        ("reader-b", "flat-minima")}
    assert all(row["note"] for row in disagreements)
    unmapped = get("/atlas/curator_unmapped_terms.json?_shape=array").json()
    assert unmapped == []  # every term of the five lists is curated or matched


# --- curation files fail the build with file and line --------------------------------------------

def test_a_free_text_rule_naming_no_label_fails_with_file_and_line(tmp_path):
    folder = tmp_path / "taxonomy"
    shutil.copytree(TAXONOMY, folder)
    path = folder / "text_matching.yml"
    path.write_text(path.read_text().replace("  - Grokking\n", "  - Grokkking\n"))
    with pytest.raises(InputError) as error:
        load_curation(folder, load_taxonomy(folder))
    assert error.value.path.endswith("text_matching.yml") and "Grokkking" in error.value.message
    assert error.value.line == path.read_text().split("\n").index("  - Grokkking") + 1


def test_a_never_entry_naming_an_unknown_topic_fails_with_file_and_line(tmp_path):
    folder = tmp_path / "taxonomy"
    shutil.copytree(TAXONOMY, folder)
    path = folder / "never.yml"
    path.write_text(path.read_text().replace("topics: [double-descent]", "topics: [double-decent]"))
    with pytest.raises(InputError) as error:
        load_curation(folder, load_taxonomy(folder))
    assert error.value.path.endswith("never.yml") and "double-decent" in error.value.message
    lines = path.read_text().split("\n")
    assert error.value.line == lines.index("  - title: Gradient Flow in Sparse Neural Networks and How Lottery Tickets Win") + 1


# --- readings: curators who read a paper on their own -------------------------------------------

def write_reading(folder, name: str, topics: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(
        "read_against: [global-convergence-of-wide-networks, neural-tangent-kernel]\n"
        "readings:\n"
        "  - title: \"Gradient Descent Provably Optimizes Over-parameterized Neural Networks\"\n"
        f"    topics: {topics}\n"
        "    note: proves global convergence of GD for wide two-layer ReLU networks via a fixed Gram matrix\n")


def test_a_topic_read_stands_only_where_two_readers_agree_a_broader_one_agreeing_with_a_narrower(tmp_path):
    taxonomy = load_taxonomy(TAXONOMY)
    write_reading(tmp_path, "reader-1.yml", "[global-convergence-of-wide-networks, neural-tangent-kernel]")
    write_reading(tmp_path, "reader-2.yml", "[global-convergence-of-wide-networks, infinite-width-limits, sgd-noise]")
    (reading,) = load_readings(tmp_path, taxonomy)
    # NTK implies infinite-width limits, so the readers agree on that; SGD noise is one reader's only
    assert reading.topics == ("global-convergence-of-wide-networks", "infinite-width-limits")
    assert reading.evidence == "taxonomy/" + tmp_path.name + "/reader-1.yml:3, taxonomy/" + tmp_path.name + "/reader-2.yml:3"


def test_one_readers_topics_alone_stand_for_nothing(tmp_path):
    write_reading(tmp_path, "reader-1.yml", "[neural-tangent-kernel]")
    (reading,) = load_readings(tmp_path, load_taxonomy(TAXONOMY))
    assert reading.topics == () and reading.readers == 1


def test_a_reading_naming_an_unknown_topic_fails_with_file_and_line(tmp_path):
    write_reading(tmp_path, "reader-1.yml", "[neural-tangent-kernal]")
    with pytest.raises(InputError) as error:
        load_readings(tmp_path, load_taxonomy(TAXONOMY))
    assert error.value.path.endswith("reader-1.yml") and "neural-tangent-kernal" in error.value.message
    assert error.value.line == 3


def test_a_concept_newer_than_the_readings_is_not_set_aside_on_the_papers_they_read(tmp_path):
    # as if "Weight-agnostic networks" had been added after the readers read the papers
    taxonomy = shutil.copytree(TAXONOMY, tmp_path / "taxonomy")
    for reader in (taxonomy / "readings").glob("*.yml"):
        reader.write_text(reader.read_text().replace(" weight-agnostic-networks,", ""))
    build(MANIFEST, tmp_path / "dist", CURATION, taxonomy)
    db = sqlite3.connect(tmp_path / "dist" / "atlas.db")
    assert topics_of(db, "What's Hidden in a Randomly Weighted Neural Network?")["weight-agnostic-networks"] == {
        "keyword"}


def test_every_reading_lands_on_the_paper_its_reader_named(db):
    # readings are matched by title, like every curated file; the id each reader wrote must agree
    landed = set(db.execute("select reader, paper_id from paper_readings"))
    for path in sorted((TAXONOMY / "readings").glob("*.yml")):
        named = {(path.stem, item["paper_id"]) for item in yaml.safe_load(path.read_text())["readings"]}
        assert named <= landed, sorted(named - landed)[:5]


# --- headings nobody has mapped yet: a new list ----------------------------------------------------

NEW_COURSE = """\
# Optimization for Deep Learning

## Lecture 7: Grokking and Emergence

### Key papers
+ Power, A., Burda, Y., Edwards, H., Babuschkin, I., & Misra, V. (2022). Grokking: Generalization beyond overfitting on small algorithmic datasets. arXiv preprint arXiv:2201.02177.
+ Wei, J., Tay, Y., Bommasani, R., Raffel, C., Zoph, B., Borgeaud, S., ... & Fedus, W. (2022). Emergent abilities of large language models. Transactions on Machine Learning Research.
+ Liu, Z., Michaud, E. J., & Tegmark, M. (2023). Omnigrok: Beyond algorithmic data. In International Conference on Learning Representations.
+ Doe, J., & Roe, R. (2023). A closer look at training curves. In International Conference on Learning Representations.

## Lecture 8: Further Reading

### Key papers
+ Foret, P., Kleiner, A., Mobahi, H., & Neyshabur, B. (2021). Sharpness-aware minimization for efficiently improving generalization. In International Conference on Learning Representations.
+ Roe, R. (2024). Notes on a training recipe. In International Conference on Learning Representations.
"""


@pytest.fixture(scope="module")
def new_course(tmp_path_factory) -> sqlite3.Connection:
    """The atlas of one new list, in the course's style, whose headings no curator has mapped."""
    data = tmp_path_factory.mktemp("new-course") / "data"
    shutil.copytree(CURATION, data)
    (data / "sources" / "new_course.md").write_text(NEW_COURSE, encoding="utf-8")
    manifest = {"sources": [{"id": "new-course", "title": "A new course", "file": "sources/new_course.md",
                             "format": "apa_references"}]}
    (data / "sources.yml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    build(data / "sources.yml", data.parent / "dist", data, TAXONOMY)
    return sqlite3.connect(data.parent / "dist" / "atlas.db")


def test_a_heading_naming_two_topics_gives_each_paper_the_one_its_title_names(new_course):
    grokking = topics_of(new_course, "Grokking: Generalization beyond overfitting on small algorithmic datasets")
    emergent = topics_of(new_course, "Emergent abilities of large language models")
    assert "grokking" in grokking and "emergence-and-phase-transitions" not in grokking
    assert "emergence-and-phase-transitions" in emergent and "grokking" not in emergent
    # a paper nothing else files takes every topic the heading names
    assert {"grokking", "emergence-and-phase-transitions"} <= set(topics_of(new_course, "A closer look at training curves"))


def test_a_heading_over_a_whole_list_files_only_papers_nothing_else_files(new_course):
    # "Optimization for Deep Learning" is the list's title: every paper sits under it, and it is the
    # nearest heading naming a topic for the two papers of "Further Reading"
    sam = topics_of(new_course, "Sharpness-aware minimization for efficiently improving generalization")
    assert "sharpness-aware-minimization" in sam and "optimization" not in sam
    assert topics_of(new_course, "Notes on a training recipe") == {"optimization": {"section"}}
