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
                                "S. Schoenholz, J. Gilmer, ICLR 2017"])
        assert p[1] > 0.5, p
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
