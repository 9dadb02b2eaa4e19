"""The learned line detector in the build (atlas/build/parsers/line_detector.py): trained by one
command into a committed JSON file of tree node arrays, predicted with numpy, and read by `auto`
for the lines no rule claimed (atlas/build/parsers/detected_papers.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
from list_style_scores import CORPUS

from atlas.build.parsers import parse_document
from atlas.build.parsers.auto import read_detected_text
from atlas.build.parsers.line_detector import (
    MODEL,
    THRESHOLD,
    line_probabilities,
    model_from_json,
    raw_scores,
)
from atlas.build.parsers.line_features import list_features
from atlas.build.parsers.train_line_detector import TRAINING_SPLITS, as_json, dataset, fit, load
from atlas.build.records import Source, SourceText


def read(markdown: str):
    source = Source(id="x", title="x", file="x.md", format="auto")
    return parse_document(SourceText(source=source, path=CORPUS / "x.md", original=markdown,
                                     markdown=markdown, hidden_lines=frozenset()))


def test_training_again_writes_the_committed_model_byte_for_byte_and_numpy_predicts_as_sklearn():
    lists = [one for split in TRAINING_SPLITS for one in load(CORPUS / split)]
    data = dataset(lists)
    classifier = fit(data)
    written = as_json(classifier)
    assert written == MODEL.read_text(encoding="utf-8")
    model = model_from_json(written)
    assert np.array_equal(raw_scores(data[0], model), classifier.decision_function(data[0]))
    probability = 1.0 / (1.0 + np.exp(-raw_scores(data[0], model)))
    assert np.allclose(probability, classifier.predict_proba(data[0])[:, 1], rtol=0, atol=1e-12)


def test_the_build_reads_the_model_without_scikit_learn_nor_the_corpus():
    code = textwrap.dedent("""
        import sys
        from atlas.build.parsers.line_detector import line_probabilities
        p = line_probabilities(["- [Deep Information Propagation](https://arxiv.org/abs/1611.01232), "
                                "S. Schoenholz, J. Gilmer, ICLR 2017",
                                "- [Exponential expressivity in deep neural networks through transient chaos]"
                                "(https://arxiv.org/abs/1606.05340), B. Poole, S. Lahiri, NIPS 2016"])
        assert p[1] > 0.5 and p[2] > 0.5, p
        assert not any(name.startswith("sklearn") for name in sys.modules), "sklearn imported"
    """)
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_paper_line_is_taken_and_a_talk_line_is_not():
    lines = [
        "## Papers",
        "",
        "- [Neural Tangent Kernel: Convergence and Generalization in Neural Networks](https://arxiv.org/abs/1806.07572)"
        " - Arthur Jacot, Franck Gabriel, Clément Hongler - NeurIPS 2018",
        "- [Deep Information Propagation](https://arxiv.org/abs/1611.01232) - Samuel S. Schoenholz, Justin Gilmer"
        " - ICLR 2017",
        "- [Gradient Descent Finds Global Minima of Deep Neural Networks](https://arxiv.org/abs/1811.03804)"
        " - Simon S. Du, Jason D. Lee - ICML 2019",
        "",
        "Thanks to everyone who sent suggestions; open an issue to add a paper.",
    ]
    probability = line_probabilities(lines)
    assert min(probability[3], probability[4], probability[5]) >= THRESHOLD
    assert probability[1] < THRESHOLD and probability[7] < THRESHOLD
    assert list_features(lines)[0] == [1, 3, 4, 5, 7]


def test_a_list_table_s_rows_in_a_directive_are_papers_with_their_cells_as_fields():
    entries = read(textwrap.dedent("""\
        # Kernel regime

        ```{list-table} Papers
        :header-rows: 1

        * - Paper
          - Authors
          - Venue
          - Link
        * - Neural Tangent Kernel: Convergence and Generalization in Neural Networks {bdg-primary}`core`
          - Arthur Jacot, Franck Gabriel, Clément Hongler
          - NeurIPS 2018
          - [arXiv:1806.07572](https://arxiv.org/abs/1806.07572)
        * - Deep Neural Networks as Gaussian Processes
          - Jaehoon Lee, Yasaman Bahri, Roman Novak et al.
          - ICLR 2018
          - [arXiv:1711.00165](https://arxiv.org/abs/1711.00165)
        ```
        """))
    papers = {entry.line: entry for entry in entries if entry.kind == "paper"}
    assert [papers[line].title for line in sorted(papers)] == [
        "Neural Tangent Kernel: Convergence and Generalization in Neural Networks",
        "Deep Neural Networks as Gaussian Processes"]
    assert sorted(papers) == [10, 14]
    assert papers[10].arxiv_id == "1806.07572"


def test_an_accordion_s_title_line_is_a_paper_without_its_translation_and_a_talk_accordion_is_not():
    entries = read(textwrap.dedent("""\
        ## 汎化

        :::details ⭐ Understanding deep learning requires rethinking generalization（汎化を考え直す）
        - 著者: Chiyuan Zhang, Samy Bengio, Moritz Hardt, Benjamin Recht, Oriol Vinyals
        - 会議: ICLR 2017
        - リンク: https://arxiv.org/abs/1611.03530
        :::

        :::details Spectrally-normalized margin bounds for neural networks
        - 著者: Peter L. Bartlett, Dylan J. Foster, Matus Telgarsky
        - 会議: NIPS 2017
        - リンク: https://arxiv.org/abs/1706.08498
        :::

        :::details Talk: Generalization theory lecture video (Simons Institute)
        - リンク: https://www.youtube.com/watch?v=abc
        :::
        """))
    papers = {entry.line: entry.title for entry in entries if entry.kind == "paper" and entry.line in (3, 9, 15)}
    assert papers == {3: "Understanding deep learning requires rethinking generalization",
                      9: "Spectrally-normalized margin bounds for neural networks"}


def test_every_line_the_detector_reads_stays_one_entry_and_a_rule_s_paper_moves_to_its_title_line():
    entries = read(textwrap.dedent("""\
        ## 2023

        <a id="nanda2023"></a>
        **Progress measures for grokking via mechanistic interpretability**\\
        Neel Nanda, Lawrence Chan, Tom Lieberum, Jess Smith, Jacob Steinhardt\\
        *ICLR 2023*\\
        <a class="btn" role="button" href="https://arxiv.org/abs/2301.05217">arXiv</a>
        """))
    papers = [entry for entry in entries if entry.kind == "paper"]
    assert [(paper.line, paper.title) for paper in papers] == [
        (4, "Progress measures for grokking via mechanistic interpretability")]
    assert len({entry.ref for entry in entries}) == len(entries)


# --- a taken line read by its parts (atlas/build/parsers/line_parts.py) --------------------------

def test_a_taken_element_is_read_by_its_text_attribute_its_note_and_its_address():
    claims = read_detected_text(
        '      <outline text="Three Factors Influencing Minima in SGD" _note="Stanisław Jastrzębski, Zachary '
        'Kenton, Devansh Arpit et al.&#10;arXiv 2017" type="link" url="https://arxiv.org/abs/1711.04623"/>', ())
    assert (claims["title"], claims["authors"][0], claims["year"], claims["arxiv_id"]) == (
        "Three Factors Influencing Minima in SGD", "Stanisław Jastrzębski", 2017, "1711.04623")
    nested = read_detected_text(textwrap.dedent("""\
        <outline text="★ Exploring Generalization in Deep Learning" type="link" url="https://arxiv.org/abs/1706.08947">
          <outline text="Behnam Neyshabur, Srinadh Bhojanapalli, David McAllester, Nathan Srebro"/>
          <outline text="NIPS 2017"/>
        </outline>
        <outline text="Fantastic Generalization Measures and Where to Find Them" url="https://arxiv.org/abs/1912.02178"/>
        """), ())
    assert (nested["title"], nested["venue"], len(nested["authors"])) == (
        "Exploring Generalization in Deep Learning", "NIPS 2017", 4)


def test_a_taken_key_and_value_is_its_value_and_the_object_s_other_values_its_fields():
    claims = read_detected_text(textwrap.dedent("""\
            "name": "The Implicit Bias of Gradient Descent on Separable Data",
            "author": [
              {"@type": "Person", "name": "Daniel Soudry"},
              {"@type": "Person", "name": "Elad Hoffer"}
            ],
            "datePublished": "2018",
            "sameAs": "https://arxiv.org/abs/1710.10345"
          }
        },
        {
          "name": "A talk about something else"
        """), ())
    assert (claims["title"], claims["arxiv_id"]) == (
        "The Implicit Bias of Gradient Descent on Separable Data", "1710.10345")
    assert "talk" not in " ".join(claims["authors"]).lower()


def test_a_taken_chat_message_leaves_out_its_time_and_sender_and_the_messages_after_it():
    claims = read_detected_text(
        "08:15 <juliet> Resurrecting the sigmoid in deep learning through dynamical isometry: theory and practice"
        " — Jeffrey Pennington, Samuel S. Schoenholz, Surya Ganguli — NIPS 2017 — https://arxiv.org/abs/1711.04735\n"
        "08:16 <juliet> and the talk that goes with it: https://www.youtube.com/watch?v=xq5Zm6jdVkA", ())
    assert (claims["title"], claims["venue"], claims["arxiv_id"]) == (
        "Resurrecting the sigmoid in deep learning through dynamical isometry: theory and practice",
        "NIPS 2017", "1711.04735")
    by = read_detected_text("09:20 <mkhan> On the Spectral Bias of Neural Networks by Nasim Rahaman et al. "
                            "(ICML 2019): https://arxiv.org/abs/1806.08734", ())
    assert (by["title"], by["authors"], by["venue"]) == (
        "On the Spectral Bias of Neural Networks", ("Nasim Rahaman",), "ICML 2019")


def test_a_taken_row_of_quoted_cells_takes_its_title_from_the_column_its_header_names():
    header = ['   :header: "Authors", "Title", "Venue", "Year", "Link"', ""]
    claims = read_detected_text('   "M. Telgarsky", "Benefits of depth in neural networks ★", "COLT", 2016, '
                                '`arXiv:1602.04485 <https://arxiv.org/abs/1602.04485>`_', (), header)
    assert (claims["title"], claims["year"], claims["arxiv_id"]) == (
        "Benefits of depth in neural networks", 2016, "1602.04485")


def test_a_taken_title_line_over_its_byline_is_the_title_without_its_award_and_the_names_under_it():
    claims = read_detected_text(textwrap.dedent("""\
        Uniform convergence may be unable to explain generalization in deep learning ★ (Outstanding New Directions Paper)
        Vaishnavh Nagarajan · J. Zico Kolter
        ↳ arXiv:1902.04742 — everyone
        """), ())
    assert (claims["title"], claims["authors"], claims["arxiv_id"]) == (
        "Uniform convergence may be unable to explain generalization in deep learning",
        ("Vaishnavh Nagarajan", "J. Zico Kolter"), "1902.04742")


def test_rows_of_quoted_cells_are_no_one_paper_and_each_row_the_detector_takes_is_one():
    entries = read(textwrap.dedent("""\
        .. csv-table:: Depth versus width
           :header: "Title", "Authors", "Venue", "Year", "Link", "Notes"

           "The Power of Depth for Feedforward Neural Networks", "R. Eldan, O. Shamir", "COLT", 2016, `arXiv:1512.03965 <https://arxiv.org/abs/1512.03965>`_, "a radial function"
           "Benefits of depth in neural networks", "M. Telgarsky", "COLT", 2016, `arXiv:1602.04485 <https://arxiv.org/abs/1602.04485>`_, "sawtooth construction"
           "On the Number of Linear Regions of Deep Neural Networks", "G. Montúfar, R. Pascanu, K. Cho, Y. Bengio", "NIPS", 2014, `arXiv:1402.1869 <https://arxiv.org/abs/1402.1869>`_, ""
        """))
    papers = [(entry.line, entry.title) for entry in entries if entry.kind == "paper"]
    assert papers == [(4, "The Power of Depth for Feedforward Neural Networks"),
                      (5, "Benefits of depth in neural networks"),
                      (6, "On the Number of Linear Regions of Deep Neural Networks")]


def test_a_taken_abstract_or_time_line_gives_way_to_the_title_over_the_byline_in_its_block():
    from atlas.build.parsers.detected_papers import _title_neighbour
    lines = textwrap.dedent("""\
        [PDF] neurips.cc
        Deep learning without poor local minima
        K Kawaguchi - Advances in neural information processing systems, 2016 - proceedings.neurips.cc
        In this paper, we prove a conjecture published in 1989 and also partially address an open problem …
        Save Cite Cited by 1168 Related articles All 12 versions
        """).split("\n")
    assert _title_neighbour(lines, 4) == 2
    assert _title_neighbour(lines, 2) == 2


def test_a_tagged_record_s_author_line_is_one_person_kept_as_written_and_its_journal_is_the_venue():
    claims = read_detected_text(textwrap.dedent("""\
        %T Flat Minima
        %A Hochreiter, Sepp
        %A Schmidhuber, Jürgen
        %J Neural Computation
        %V 9
        %D 1997
        """), ())
    assert (claims["title"], claims["authors"], claims["venue"], claims["year"]) == (
        "Flat Minima", ("Hochreiter, Sepp", "Schmidhuber, Jürgen"), "Neural Computation", 1997)
    more = read_detected_text("%T Sharp Minima Can Generalize For Deep Nets\n%A Dinh, Laurent\n%A et al.\n"
                              "%J arXiv preprint arXiv:1703.04933\n%D 2017\n", ())
    assert (more["authors"], more["authors_truncated"], more["venue"]) == (("Dinh, Laurent",), True, "arXiv preprint")


def test_a_dblp_line_gives_its_names_before_the_colon_as_authors_and_its_container_without_pages():
    entries = read(textwrap.dedent("""\
        - [j4] Dmitry Yarotsky: Error bounds for approximations with deep ReLU networks. Neural Networks 94: 103-114 (2017) [ee](https://arxiv.org/abs/1610.01145) · [dblp](https://dblp.org/rec/journals/nn/Yarotsky17)
        - [c7] Ronen Eldan, Ohad Shamir: The Power of Depth for Feedforward Neural Networks. COLT 2016: 907-940 [ee](https://arxiv.org/abs/1512.03965) · [dblp](https://dblp.org/rec/conf/colt/EldanS16)
        - [j6] Charles H. Martin, Michael W. Mahoney: Implicit Self-Regularization in Deep Neural Networks. J. Mach. Learn. Res. 22 (2021) [ee](https://jmlr.org/papers/v22/) · [dblp](https://dblp.org/rec/journals/jmlr/MartinM21)
        - [i3] Stanislav Fort, Huiyi Hu, Balaji Lakshminarayanan: Deep Ensembles: A Loss Landscape Perspective. CoRR abs/1912.02757 (2019) [ee](https://arxiv.org/abs/1912.02757) · [dblp](https://dblp.org/rec/journals/corr/abs-1912-02757)
        """))
    assert [(entry.title, entry.authors, entry.venue, entry.year) for entry in entries if entry.kind == "paper"] == [
        ("Error bounds for approximations with deep ReLU networks", ("Dmitry Yarotsky",), "Neural Networks", 2017),
        ("The Power of Depth for Feedforward Neural Networks", ("Ronen Eldan", "Ohad Shamir"), "COLT 2016", 2016),
        ("Implicit Self-Regularization in Deep Neural Networks", ("Charles H. Martin", "Michael W. Mahoney"),
         "J. Mach. Learn. Res.", 2021),
        ("Deep Ensembles: A Loss Landscape Perspective", ("Stanislav Fort", "Huiyi Hu", "Balaji Lakshminarayanan"),
         "CoRR", 2019)]


def test_an_address_first_link_line_is_its_label_and_a_parenthesis_of_names_and_venue_its_fields():
    claims = read_detected_text("=> https://arxiv.org/abs/1312.6120 Exact solutions to the nonlinear dynamics of learning "
                                "in deep linear neural networks (Saxe, McClelland, Ganguli — ICLR 2014) (!)", ())
    assert (claims["title"], claims["arxiv_id"], claims["year"]) == (
        "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks", "1312.6120", 2014)


def test_a_label_whose_escaped_line_ends_part_its_fields_is_its_first_part_as_title():
    claims = read_detected_text('  tel16 [label="Benefits of depth in neural networks\\nTelgarsky\\nCOLT 2016", '
                                'URL="https://arxiv.org/abs/1602.04485"];', ())
    assert (claims["title"], claims["venue"], claims["arxiv_id"]) == (
        "Benefits of depth in neural networks", "COLT 2016", "1602.04485")


def test_a_tree_node_is_its_text_without_the_branch_and_its_children_are_its_fields_up_to_a_sibling():
    claims = read_detected_text(textwrap.dedent("""\
        │   └── ★ Deep Neural Networks as Gaussian Processes
        │       ├── Jaehoon Lee, Yasaman Bahri, Roman Novak
        │       ├── ICLR 2018 · arXiv:1711.00165
        │       └── note: NNGP kernel by recursion over layers
        ├── 1. Gaussian-process limits
        """), ())
    assert (claims["title"], claims["authors"], claims["arxiv_id"]) == (
        "Deep Neural Networks as Gaussian Processes", ("Jaehoon Lee", "Yasaman Bahri", "Roman Novak"), "1711.00165")


def test_a_tuple_of_a_data_dump_is_its_cells_and_its_title_the_column_its_statement_names():
    head = ["INSERT INTO `extra` (`id`, `year`, `title`, `who`, `where_published`, `link`, `is_paper`) VALUES"]
    claims = read_detected_text("(4,2016,'Deep Learning without Poor Local Minima','Kenji Kawaguchi','NIPS',"
                                "'https://arxiv.org/abs/1605.07110',1);", (), head)
    assert (claims["title"], claims["authors"], claims["venue"], claims["year"], claims["arxiv_id"]) == (
        "Deep Learning without Poor Local Minima", ("Kenji Kawaguchi",), "NIPS", 2016, "1605.07110")
    quoted = read_detected_text("(5,'paper','What\\'s Hidden in a Randomly Weighted Neural Network?','Vivek Ramanujan; "
                                "Mitchell Wortsman','CVPR',2020,'1911.13299',NULL),", ())
    assert (quoted["title"], quoted["authors"], quoted["year"]) == (
        "What's Hidden in a Randomly Weighted Neural Network?", ("Vivek Ramanujan", "Mitchell Wortsman"), 2020)


def test_a_fixed_width_row_is_its_columns_and_a_title_wrapped_in_its_column_is_one():
    above = ["YEAR  VENUE         TITLE                                           AUTHORS                         LINK",
             "----  ------------  ----------------------------------------------  ------------------------------  ----",
             ""]
    claims = read_detected_text(textwrap.dedent("""\
        2018  ICLR          A PAC-Bayesian Approach to                      Neyshabur, Bhojanapalli,        ax:1707.09564
                            Spectrally-Normalized Margin Bounds for Neural  Srebro
                            Networks
        2018  COLT          Size-Independent Sample Complexity of Neural    Golowich, Rakhlin, Shamir       ax:1712.06541
        """), (), above)
    assert (claims["title"], claims["authors"], claims["venue"], claims["year"]) == (
        "A PAC-Bayesian Approach to Spectrally-Normalized Margin Bounds for Neural Networks",
        ("Neyshabur", "Bhojanapalli", "Srebro"), "ICLR", 2018)


def test_a_row_repeating_its_separator_as_its_neighbours_do_is_its_cells_the_title_the_most_title_like():
    header = ["title\tauthors\tvenue\tyear\turl"]
    tab = read_detected_text("Benefits of depth in neural networks\tMatus Telgarsky\tCOLT\t2016\t"
                             "https://arxiv.org/abs/1602.04485", (), header)
    assert (tab["title"], tab["authors"], tab["venue"], tab["year"]) == (
        "Benefits of depth in neural networks", ("Matus Telgarsky",), "COLT", 2016)
    padded = read_detected_text(
        "2016  COLT   The Power of Depth for Feedforward Neural Networks  Eldan, Shamir         arXiv:1512.03965", (),
        (), ["2016  COLT   Benefits of depth in neural networks                Telgarsky             arXiv:1602.04485"])
    assert (padded["title"], padded["venue"], padded["year"], padded["arxiv_id"]) == (
        "The Power of Depth for Feedforward Neural Networks", "COLT", 2016, "1512.03965")


def test_a_commit_subject_adding_a_paper_is_its_title_and_a_closing_bracket_its_venue_and_year():
    claims = read_detected_text("    papers: add Gradient Descent on Neural Networks Typically Occurs at the Edge of "
                                "Stability [ICLR 2021] (EoS)", ())
    assert (claims["title"], claims["venue"], claims["year"]) == (
        "Gradient Descent on Neural Networks Typically Occurs at the Edge of Stability", "ICLR 2021", 2021)


def test_a_title_line_under_an_embed_s_arxiv_address_states_more_than_a_title_and_takes_its_id():
    from atlas.build.parsers.detected_papers import _arxiv_address_above, _states_more_than_a_title
    text = ["{Embed}", "arXiv.org", "https://arxiv.org/abs/2212.07677", "Transformers learn in-context by gradient descent"]
    assert _states_more_than_a_title(text, 4) and _arxiv_address_above(text, 4) == "2212.07677"


def test_a_row_s_outer_bars_wiki_double_bars_and_semicolons_are_separators_too():
    org = read_detected_text("| Benefits of depth in neural networks  | Matus Telgarsky | COLT 2016 |", (),
                             ["| Title | Authors | Venue |", "|------+---------+-------|"],
                             ["| The Power of Depth for Feedforward Neural Networks | Ronen Eldan, Ohad Shamir | COLT 2016 |"])
    assert (org["title"], org["authors"], org["venue"]) == (
        "Benefits of depth in neural networks", ("Matus Telgarsky",), "COLT 2016")
    wiki = read_detected_text("| 2016 || Benefits of depth in neural networks || Matus Telgarsky || COLT", (),
                              ["! Year !! Title !! Authors !! Venue", "|-"])
    assert (wiki["title"], wiki["year"]) == ("Benefits of depth in neural networks", 2016)
    semicolons = read_detected_text("Benefits of depth in neural networks; Matus Telgarsky; COLT 2016; arXiv:1602.04485",
                                    (), (), ["Deep Learning without Poor Local Minima; Kenji Kawaguchi; NIPS 2016; x"])
    assert (semicolons["title"], semicolons["arxiv_id"]) == ("Benefits of depth in neural networks", "1602.04485")


def test_a_dump_row_whose_kind_column_names_no_paper_or_a_commented_row_is_no_paper():
    import pytest

    from atlas.build.parsers.registry import NotAPaper
    head = ["INSERT INTO `readings` (`id`, `kind`, `title`, `authors`, `venue`, `year`, `arxiv`, `url`, `note`) VALUES"]
    with pytest.raises(NotAPaper, match="kind talk"):
        read_detected_text("(7,'talk','The Lottery Ticket Hypothesis','Jonathan Frankle','ICLR 2019 oral',2019,NULL,"
                           "'https://www.youtube.com/watch?v=s7DqRZVvRiQ','recording of the oral'),", (), head)
    with pytest.raises(NotAPaper, match="commented out"):
        read_detected_text("-- (41,'paper','Paper Title','First Last; First Last','Venue',2024,NULL,NULL,NULL),", (), head)


def test_a_separated_row_whose_type_column_names_a_talk_says_so_and_a_paper_s_row_not():
    from atlas.build.parsers.line_parts import row_kind
    header = ["title\tauthors\ttype\tyear"]
    assert row_kind("Depth separation, an overview\tMatus Telgarsky\tvideo\t2016", header) == "type video"
    assert row_kind("Benefits of depth in neural networks\tMatus Telgarsky\tpaper\t2016", header) == ""


def test_a_link_in_any_markup_gives_its_label_as_the_title_and_its_address_as_the_link():
    for line in ("[[https://arxiv.org/abs/1605.07110][Deep Learning without Poor Local Minima]] Kenji Kawaguchi, NIPS 2016",
                 "<https://arxiv.org/abs/1605.07110|Deep Learning without Poor Local Minima> Kenji Kawaguchi, NIPS 2016",
                 "[https://arxiv.org/abs/1605.07110 Deep Learning without Poor Local Minima] Kenji Kawaguchi, NIPS 2016",
                 "`Deep Learning without Poor Local Minima <https://arxiv.org/abs/1605.07110>`_ Kenji Kawaguchi, NIPS 2016",
                 "https://arxiv.org/abs/1605.07110 Deep Learning without Poor Local Minima - Kenji Kawaguchi, NIPS 2016",
                 "Deep Learning without Poor Local Minima (https://arxiv.org/abs/1605.07110), Kenji Kawaguchi, NIPS 2016",
                 "Deep Learning without Poor Local Minima <https://arxiv.org/abs/1605.07110> Kenji Kawaguchi, NIPS 2016"):
        claims = read_detected_text(line, ())
        assert (claims["title"], claims["arxiv_id"], claims["venue"]) == (
            "Deep Learning without Poor Local Minima", "1605.07110", "NIPS 2016"), line


def test_a_fixed_width_row_joins_its_wrapped_lines_even_when_the_detector_takes_them_and_they_are_no_paper():
    import pytest

    from atlas.build.parsers.registry import NotAPaper
    above = ["YEAR  VENUE  " + "TITLE".ljust(38) + "AUTHORS", "----  -----  " + "-" * 36 + "  -------", ""]
    row = "2017  UAI    " + "Computing Nonvacuous Generalization".ljust(38) + "Dziugaite, Roy"
    wrapped = ["             Bounds for Deep (Stochastic) Neural", "             Networks"]
    claims = read_detected_text(row, (), above, wrapped)
    assert claims["title"] == "Computing Nonvacuous Generalization Bounds for Deep (Stochastic) Neural Networks"
    with pytest.raises(NotAPaper, match="wrapped"):
        read_detected_text(wrapped[0], (), [*above, row])


def test_a_gemlog_or_vlog_is_a_post_not_a_paper():
    import pytest

    from atlas.build.parsers.registry import NotAPaper
    with pytest.raises(NotAPaper):
        read_detected_text("=> /gemlog/2024-02-11-sharp-minima.gmi Sharp Minima Can Generalize For Deep Nets — what I "
                           "got wrong about it (gemlog)", ())
