"""Each entry style read from real lines of its list, quirks included."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import MANIFEST, papers_of, read_excerpt

from atlas.build.parsers.markdown_tree import item_chunks
from atlas.build.records import Source
from atlas.build.sources import load_manifest, read_source, source_text

# --- 000: `- Title. In *Venue Year*. [[pdf](url)]` -----------------------------------------

def test_in_venue_pdf_reads_title_venue_year_and_pdf_link():
    [entry] = read_excerpt("in_venue_pdf", """
        - Gradient descent only converges to minimizers. In *COLT 2016*. [[pdf](http://proceedings.mlr.press/v49/lee16.pdf)]
    """)
    assert (entry.kind, entry.title, entry.venue, entry.year) == (
        "paper", "Gradient descent only converges to minimizers", "COLT 2016", 2016)
    assert [(link.kind, link.url) for link in entry.links] == [("pdf", "http://proceedings.mlr.press/v49/lee16.pdf")]


def test_in_venue_pdf_survives_the_slash_typo_after_the_venue():
    [entry] = read_excerpt("in_venue_pdf", """
        - Gradient descent can take exponential time to escape saddle points. In *NeurIPS 2017*/ [[pdf](https://proceedings.neurips.cc/paper/2017/file/f79921bbae40a577928b76d2fc3edc2a-Paper.pdf)]
    """)
    assert entry.title == "Gradient descent can take exponential time to escape saddle points"
    assert (entry.venue, entry.year, entry.links[0].kind) == ("NeurIPS 2017", 2017, "pdf")


def test_in_venue_pdf_keeps_a_closing_question_mark_and_reads_arxiv_ids_from_links():
    entries = read_excerpt("in_venue_pdf", """
        - An alternative view: When does SGD escape local minima? In *ICML 2018*. [[pdf](http://proceedings.mlr.press/v80/kleinberg18a/kleinberg18a.pdf)]
        - Stochastic gradient descent performs variational inference, converges to limit cycles for deep networks. In *ITA 2018*. [[pdf](https://arxiv.org/pdf/1710.11029.pdf)]
    """)
    assert entries[0].title == "An alternative view: When does SGD escape local minima?"
    assert entries[1].arxiv_id == "1710.11029"


def test_in_venue_pdf_records_the_numbered_section():
    entries = read_excerpt("in_venue_pdf", """
        # 3. Learning Dynmaics of Adaptive Gradient Methods

        - Escaping saddle points with adaptive gradient methods. In *ICML 2019*. [[pdf](http://proceedings.mlr.press/v97/staib19a/staib19a.pdf)]
    """)
    assert entries[0].section == ("3. Learning Dynmaics of Adaptive Gradient Methods",)
    assert entries[0].line == 3


def test_an_item_without_a_venue_is_rejected_with_a_reason_not_dropped():
    [entry] = read_excerpt("in_venue_pdf", "- Just a thought about SGD.\n")
    assert entry.kind == "rejected"
    assert "Venue" in entry.reason


# --- 001: `- Authors. Title. Venue'YY` under venue-year headings ---------------------------

def test_heading_gives_venue_and_year_to_entries_that_name_none():
    [entry] = read_excerpt("venue_year_headings", """
        ## NIPS'19
        - Difan Zou, Quanquan Gu. An Improved Analysis of Training Over-parameterized Deep Neural Networks
    """)
    assert entry.title == "An Improved Analysis of Training Over-parameterized Deep Neural Networks"
    assert entry.authors == ("Difan Zou", "Quanquan Gu")
    assert (entry.venue, entry.year) == ("NIPS'19", 2019)


def test_initials_do_not_end_the_author_list():
    [entry] = read_excerpt("venue_year_headings", """
        ## Loss Surface
        - A. Choromanska, M. Henaff, M. Mathieu, G. B. Arous, and Y. LeCun. The Loss Surfaces of Multilayer Networks. JMLR'15
    """)
    assert entry.authors == ("A. Choromanska", "M. Henaff", "M. Mathieu", "G. B. Arous", "Y. LeCun")
    assert (entry.title, entry.venue, entry.year) == ("The Loss Surfaces of Multilayer Networks", "JMLR'15", 2015)


def test_a_one_letter_surname_ends_the_author_list():
    [entry] = read_excerpt("venue_year_headings", """
        - Lei Wu, Zhanxing Zhu, and Weinan E. Towards understanding generalization of deep learning: Perspective of loss landscapes. arxiv'17
    """)
    assert entry.authors == ("Lei Wu", "Zhanxing Zhu", "Weinan E")
    assert entry.title.startswith("Towards understanding generalization")


def test_title_only_and_title_with_venue_entries():
    entries = read_excerpt("venue_year_headings", """
        ## Unclassified
        - Noam Shazeer and Mitchell Stern. Adafactor: Adaptive learning rates with sublinear memory cost. 2018
        - Provably Correct Automatic Sub-Differentiation for Qualified Programs. NIPS'18
        - L4: Practical loss-based stepsize adaptation for deep learning
    """)
    assert [(e.title, e.authors, e.venue, e.year) for e in entries] == [
        ("Adafactor: Adaptive learning rates with sublinear memory cost", ("Noam Shazeer", "Mitchell Stern"), "", 2018),
        ("Provably Correct Automatic Sub-Differentiation for Qualified Programs", (), "NIPS'18", 2018),
        ("L4: Practical loss-based stepsize adaptation for deep learning", (), "", None),
    ]


def test_a_title_with_no_authors_before_it_says_so():
    entries = read_excerpt("venue_year_headings", """
        - L4: Practical loss-based stepsize adaptation for deep learning
        - Noam Shazeer and Mitchell Stern. Adafactor: Adaptive learning rates with sublinear memory cost. 2018
    """)
    assert [e.warning for e in entries] == ["no 'Authors.' before the title", ""]


def test_a_particle_written_onto_a_surname_is_part_of_a_name():
    [entry] = read_excerpt("venue_year_headings", """
        - M. Geiger, S. Spigler, S. d'Ascoli, L. Sagun, and M. Wyart. Jamming transition as a paradigm to understand the loss landscape of deep neural networks. PRE'19
    """)
    assert entry.authors == ("M. Geiger", "S. Spigler", "S. d'Ascoli", "L. Sagun", "M. Wyart")
    assert entry.title == "Jamming transition as a paradigm to understand the loss landscape of deep neural networks"


def test_a_title_opening_with_words_and_commas_is_no_continuation_of_the_names():
    entries = read_excerpt("venue_year_headings", """
        - Aaron Defazio, Ashok Cutkosky, Harsh Mehta, Konstantin Mishchenko. When, Why and How Much? Adaptive Learning Rate Scheduling by Refinement. arxiv'23
        - Toan Q. Nguyen, Julian Salazar. Transformers without Tears: Improving the Normalization of Self-Attention. IWSLT'19
    """)
    assert [(e.authors, e.title) for e in entries] == [
        (("Aaron Defazio", "Ashok Cutkosky", "Harsh Mehta", "Konstantin Mishchenko"),
         "When, Why and How Much? Adaptive Learning Rate Scheduling by Refinement"),
        (("Toan Q. Nguyen", "Julian Salazar"),
         "Transformers without Tears: Improving the Normalization of Self-Attention")]


def test_a_venue_of_several_words_after_the_title_is_the_venue():
    [entry] = read_excerpt("venue_year_headings", """
        - R. Sun, D. Li, S. Liang, T. Ding, and R. Srikant. The Global Landscape of Neural Networks: An Overview. IEEE SPM'20
    """)
    assert (entry.title, entry.venue, entry.year) == (
        "The Global Landscape of Neural Networks: An Overview", "IEEE SPM'20", 2020)


def test_label_groups_the_papers_below_and_nested_note_is_attached_to_the_paper_above():
    entries = read_excerpt("venue_year_headings", """
        ## SGD Dynamics
        - Learning rate and batch size:
        \t- Stanisław Jastrz˛ebski, Zachary Kenton, Devansh Arpit, Nicolas Ballas, Asja Fischer, Yoshua Bengio, and Amos Storkey. Three factors influencing minima in sgd. arxiv'17
        \t\t- the ratio between the learning rate and the batch size η/B is a key factor for flatness;
    """)
    label, paper, note = entries
    assert (label.kind, label.title) == ("label", "Learning rate and batch size")
    assert (paper.kind, paper.label, paper.title) == ("paper", "Learning rate and batch size", "Three factors influencing minima in sgd")
    assert paper.authors[0] == "Stanisław Jastrzębski"  # the spacing ogonek is rejoined
    assert (note.kind, note.parent_line) == ("note", paper.line)
    assert "η/B" in note.raw


def test_split_diacritics_are_repaired_in_author_names():
    [entry] = read_excerpt("venue_year_headings", """
        - L. Sagun, U. Evci, V. U. Gu ̈ney, Y. Dauphin, and L. Bottou. Empirical analysis of the hessian of over-parametrized neural networks. CoRR'17
    """)
    assert "V. U. Güney" in entry.authors


# --- 002: title + links, then Authors/*Venue*, Key Word and Digest lines -------------------

def test_awesome_digest_lifts_detail_lines_into_the_paper():
    entries = read_excerpt("awesome_digest", """
        ### Empirical Study: 2021

        - Masked Autoencoders Are Scalable Vision Learners. [[paper]](https://arxiv.org/abs/2111.06377) [[code]](https://github.com/facebookresearch/mae)
          - Kaiming He, Xinlei Chen, Saining Xie, Yanghao Li, Piotr Dollár, Ross Girshick. *CVPR 2022*
          - Key Word: Self-Supervision; Autoencoders.
          - Digest: This paper shows that masked autoencoders (MAE) are scalable self-supervised learners for computer vision.
    """)
    paper, *details = entries
    assert paper.title == "Masked Autoencoders Are Scalable Vision Learners"
    assert paper.authors[0] == "Kaiming He" and paper.authors[-1] == "Ross Girshick"
    assert (paper.venue, paper.year) == ("CVPR 2022", 2022)  # the venue year wins over the heading's 2021
    assert paper.keywords == ("Self-Supervision", "Autoencoders")
    assert paper.digest.startswith("This paper shows")
    assert paper.arxiv_id == "2111.06377"
    assert [link.kind for link in paper.links] == ["paper", "code"]
    assert [d.kind for d in details] == ["other", "other", "other"]
    assert all(d.parent_line == paper.line for d in details)


def test_digest_line_without_its_dash_is_still_the_digest():
    [paper, *_] = read_excerpt("awesome_digest", """
        - The Benefits of Implicit Regularization from SGD in Least Squares Problems. [[paper]](https://arxiv.org/abs/2108.04552)
          - Difan Zou, Jingfeng Wu, Vladimir Braverman, Quanquan Gu, Dean P. Foster, Sham M. Kakade. *NeurIPS 2021*
          - Key Word: Implicit Regularization.
          Digest: We show: (1) for every problem instance and for every ridge parameter, (unregularized) SGD generalizes no worse.
    """)
    assert paper.keywords == ("Implicit Regularization",)
    assert paper.digest.startswith("We show: (1)")


@pytest.mark.parametrize("format_name", ["awesome_digest", "auto"])
def test_a_digest_folded_in_a_details_block_is_still_the_digest(format_name):
    """Lists in list 002's style fold long digests: `<details><summary>Digest</summary>`, the
    text on the same line or in the paragraph under it."""
    one_line, _, _, _, paragraph, *_ = papers_and_details = read_excerpt(format_name, """
        - Masked Autoencoders Are Scalable Vision Learners. [[paper]](https://arxiv.org/abs/2111.06377)
          - Kaiming He, Xinlei Chen, Saining Xie, Yanghao Li, Piotr Dollár, Ross Girshick. *CVPR 2022*
          - Key Word: Self-Supervision; Autoencoders.
          - <details><summary>Digest</summary> This paper shows that masked autoencoders (MAE) are scalable self-supervised learners for computer vision.</details>
        - Exploring the Limits of Large Scale Pre-training. [[paper]](https://arxiv.org/abs/2110.02095)
          - Samira Abnar, Mostafa Dehghani, Behnam Neyshabur, Hanie Sedghi. *ICLR 2022*
          - <details><summary>Digest</summary>

            We investigate more than 4800 experiments on Vision Transformers, MLP-Mixers and ResNets.

            </details>
    """)
    assert one_line.digest == ("This paper shows that masked autoencoders (MAE) are scalable self-supervised "
                               "learners for computer vision.")
    assert one_line.keywords == ("Self-Supervision", "Autoencoders")
    assert paragraph.digest == "We investigate more than 4800 experiments on Vision Transformers, MLP-Mixers and ResNets."
    assert len(papers_and_details) == 7


def test_misspelled_key_word_line_is_still_read_as_key_words():
    [paper, *details] = read_excerpt("awesome_digest", """
        - Why ReLU networks yield high-confidence predictions far away from the training data and how to mitigate the problem. [[paper]](https://arxiv.org/abs/1812.05720)
          - Matthias Hein, Maksym Andriushchenko, Julian Bitterwolf. *CVPR 2019*
          - Key Wrod: ReLU; Adversarial Example.
    """)
    assert paper.authors == ("Matthias Hein", "Maksym Andriushchenko", "Julian Bitterwolf")
    assert paper.keywords == ("ReLU", "Adversarial Example")
    assert details[1].reason == "detail line (key word) of the paper above"


def test_heading_year_is_used_only_when_no_venue_year_is_given():
    [paper, *_] = read_excerpt("awesome_digest", """
        ### Empirical Study: 2022

        - Limitations of Neural Collapse for Understanding Generalization in Deep Learning. [[paper]](https://arxiv.org/abs/2202.08384)
          - Like Hui, Mikhail Belkin, Preetum Nakkiran.
          - Key Word: Neural Collapse.
    """)
    assert (paper.venue, paper.year, paper.authors) == ("", 2022, ("Like Hui", "Mikhail Belkin", "Preetum Nakkiran"))


def test_table_of_contents_links_are_other_not_papers():
    entries = read_excerpt("awesome_digest", """
        ## Table of Contents

        - [Empirical Study](#empirical-study)
        - [Deep Double Descent](#deep-double-descent)
    """)
    assert {(e.kind, e.reason.split(":")[0]) for e in entries} == {("other", "table-of-contents entry")}


# --- 003: `* **Title**，*Authors*，Venue，Year [[… PDF]](url)` ------------------------------

def test_bold_title_fullwidth_prefers_the_venue_year_over_the_stated_year():
    [entry] = read_excerpt("bold_title_fullwidth", """
        #### A.2. Convergence analysis of Adaptive Gradient Methods
        * **On the convergence of a class of Adam-type algorithms for non-convex optimization**，*Xiangyi Chen, Sijia Liu, Ruoyu Sun, Mingyi Hong*，ICLR 2019，2018
    """)
    assert entry.title == "On the convergence of a class of Adam-type algorithms for non-convex optimization"
    assert entry.authors == ("Xiangyi Chen", "Sijia Liu", "Ruoyu Sun", "Mingyi Hong")
    assert (entry.venue, entry.stated_year, entry.year) == ("ICLR 2019", 2018, 2019)


def test_bold_title_fullwidth_reads_arxiv_venue_and_pdf_link():
    entries = read_excerpt("bold_title_fullwidth", """
        * **A Simple Convergence Proof of Adam and Adagrad**，*Alexandre Défossez, Léon Bottou, Francis Bach, Nicolas Usunier*，arXiv preprint arXiv:2003.02395，2020
        * **Towards Theoretically Understanding Why SGD Generalizes Better Than ADAM in Deep Learning**，*Pan Zhou, Jiashi Feng, Chao Ma, Caiming Xiong, Steven Chu Hong Hoi, Weinan E*，NeurIPS 2020，2020  [[NeurIPS PDF]](https://proceedings.neurips.cc/paper/2020/file/f3f27a324736617f20abbf2ffd806f6d-Paper.pdf)
    """)
    assert (entries[0].arxiv_id, entries[0].year) == ("2003.02395", 2020)
    assert entries[1].links[0].kind == "pdf"
    assert entries[1].authors[-1] == "Weinan E"


def test_numbered_outline_items_are_other():
    [entry] = read_excerpt("bold_title_fullwidth", "* (1) Convergence Analysis of GD, SGD and Momentum\n")
    assert entry.kind == "other"


# --- 004: APA-like references, some inside markdown comments -------------------------------

def test_apa_reference_with_initials_and_ampersand():
    [entry] = read_excerpt("apa_references", """
        + Goodfellow, I., Bengio, Y., & Courville, A. (2016). Deep learning. MIT press.
    """)
    assert entry.authors == ("Goodfellow, I.", "Bengio, Y.", "Courville, A.")
    assert (entry.title, entry.venue, entry.year) == ("Deep learning", "MIT press", 2016)


def test_a_reference_title_ending_in_an_acronym_ends_at_its_period():
    [entry] = read_excerpt("apa_references", """
        + Mousavi-Hosseini, A., Park, S., Girotti, M., Mitliagkas, I., & Erdogdu, M. A. (2023). Neural networks efficiently learn low-dimensional representations with SGD. In International Conference on Learning Representations.
    """)
    assert entry.title == "Neural networks efficiently learn low-dimensional representations with SGD"
    assert entry.venue == "International Conference on Learning Representations"


def test_a_question_title_keeps_its_subtitle_before_the_venue():
    [entry] = read_excerpt("apa_references", """
        + Strobl, L., Merrill, W., Weiss, G., Chiang, D., & Angluin, D. (2024). What formal languages can transformers express? A survey. Transactions of the Association for Computational Linguistics, 12.
    """)
    assert entry.title == "What formal languages can transformers express? A survey"
    assert entry.venue == "Transactions of the Association for Computational Linguistics"


def test_an_abbreviation_in_a_reference_title_does_not_end_it():
    [entry] = read_excerpt("apa_references", """
        + Frei, S., Vardi, G., Bartlett, P. L., & Srebro, N. (2023). The double-edged sword of implicit bias: Generalization vs. robustness in ReLU networks. Advances in Neural Information Processing Systems, 36.
    """)
    assert entry.title == "The double-edged sword of implicit bias: Generalization vs. robustness in ReLU networks"
    assert entry.venue == "Advances in Neural Information Processing Systems"


def test_full_name_reference_ends_its_title_at_the_comma_before_the_venue():
    [entry] = read_excerpt("apa_references", """
        + Sanjeev Arora, Nadav Cohen, Wei Hu, and Yuping Luo. (2019). Implicit regularization in deep matrix factorization, Advances in Neural Information Processing Systems 32 , 7413–7424.
    """)
    assert entry.title == "Implicit regularization in deep matrix factorization"
    assert entry.authors == ("Sanjeev Arora", "Nadav Cohen", "Wei Hu", "Yuping Luo")
    assert entry.venue == "Advances in Neural Information Processing Systems 32"


def test_reference_title_keeps_its_question_mark_and_truncated_authors_are_flagged():
    entries = read_excerpt("apa_references", """
        + Jonathon Byrd and Zachary Lipton.(2019)  What is the effect of importance weighting in deep learning? International Conference on Machine Learning, PMLR, pp. 872–881.
        + Ledig, C., Theis, L., Huszár, F., Caballero, J., Cunningham, A., Acosta, A., ... & Shi, W. (2017). Photo-realistic single image super-resolution using a generative adversarial network. In Proceedings of the IEEE conference on computer vision and pattern recognition (pp. 4681-4690).
    """)
    assert entries[0].title == "What is the effect of importance weighting in deep learning?"
    assert entries[0].venue == "International Conference on Machine Learning"
    assert entries[1].authors_truncated and "..." not in entries[1].authors and entries[1].authors[-1] == "Shi, W."
    assert entries[1].venue == "Proceedings of the IEEE conference on computer vision and pattern recognition"


def test_commented_out_references_are_kept_and_flagged_hidden():
    entries = read_excerpt("apa_references", """
        ## Introduction to Deep Learning
        + Ruder, S. (2016). An overview of gradient descent optimization algorithms. arXiv preprint arXiv:1609.04747.

        [//]: # (## Neural Tangent Kernel)

        [//]: # (+ Jacot, A., Gabriel, F., & Hongler, C. &#40;2018&#41;. Neural tangent kernel: Convergence and generalization in neural networks. arXiv preprint arXiv:1806.07572.)
    """)
    visible, hidden = entries
    assert not visible.hidden and visible.arxiv_id == "1609.04747"
    assert hidden.hidden and hidden.kind == "paper" and hidden.line == 6
    assert hidden.section == ("Neural Tangent Kernel",)
    assert (hidden.title, hidden.year, hidden.arxiv_id) == (
        "Neural tangent kernel: Convergence and generalization in neural networks", 2018, "1806.07572")
    assert hidden.raw.startswith("[//]: # (+ Jacot")


def test_lectures_of_the_course_outline_are_other():
    entries = read_excerpt("apa_references", """
          1. **Introduction to Deep Learning**  [material](#Introduction-to-deep-learning) [slides](./course_files/Lecture1.Overviewofdeeplearning.pdf)
          6. **To be updated...**
    """)
    assert [e.kind for e in entries] == ["other", "other"]
    assert "lecture" in entries[1].reason


def test_year_in_an_arxiv_id_is_not_a_venue_year():
    [entry] = read_excerpt("apa_references", """
        + Arora, S., Du, S. S., Hu, W., Li, Z., Salakhutdinov, R., & Wang, R. (2019). On exact computation with an infinitely wide neural net. arXiv preprint arXiv:1904.11955.
    """)
    assert entry.year == 2019


def test_every_parser_yields_exactly_one_entry_per_item():
    entries = read_excerpt("apa_references", "+ nonsense without a year\n+ more nonsense\n")
    assert [(e.line, e.kind) for e in entries] == [(1, "rejected"), (2, "rejected")]
    assert papers_of(entries) == []


# --- a long list is read a chunk at a time, and gives the items the whole document gives ------

def _items_by_chunks(document, chunk_lines: int) -> list:
    """Every item of the chunks, with `parent` counted over the whole document again."""
    items = []
    for chunk in item_chunks(document, chunk_lines):
        offset = len(items)
        items.extend(item if item.parent is None else replace(item, parent=item.parent + offset)
                     for item in chunk)
    return items


def _documents():
    for manifest in (MANIFEST, Path(__file__).parent / "data" / "quirks" / "sources.yml"):
        for source in load_manifest(manifest):
            yield read_source(source, manifest.parent)
    for path in sorted((Path(__file__).parent / "data" / "new_list_versions").glob("*.md")):
        yield _excerpt_document(path.read_text(encoding="utf-8"))


def _excerpt_document(text: str):
    return source_text(Source(id="x", title="x", file="x.md", format="awesome_digest"), Path("x.md"), text)


def test_every_real_list_read_in_chunks_of_any_size_gives_the_items_of_the_whole_document():
    for document in _documents():
        whole = _items_by_chunks(document, 10**9)
        for chunk_lines in (1, 2, 7, 50):
            assert _items_by_chunks(document, chunk_lines) == whole, (document.path, chunk_lines)


def test_a_chunk_never_ends_inside_a_fenced_code_or_html_block_nor_where_a_link_reference_is_defined():
    fenced = "# Papers\n\n- A paper. *ICLR 2021*\n\n```\ncode\n\n- not an item\n```\n\n- B paper. *ICLR 2021*\n"
    commented = "# Papers\n\n- A paper.\n\n<!--\n\n- commented out\n\n-->\n\n- B paper.\n"
    referenced = "# Papers\n\n- [A paper][a]\n\n- B paper\n\n[a]: https://arxiv.org/abs/2101.00001\n"
    for text in (fenced, commented, referenced):
        document = _excerpt_document(text)
        assert _items_by_chunks(document, 1) == _items_by_chunks(document, 10**9), text
