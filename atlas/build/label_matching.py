"""Find our concepts' labels in the lists' headings and key words and in papers' titles and digests.

Texts and labels are compared as words: folded (case and accents), punctuation ignored, a final
plural "s" dropped, so "NTK" matches "NTKs" but never the inside of another word. A hyphenated
label also matches its words run together ("Over-parameterized" finds "overparameterized").
Where labels overlap in a text the longest wins, so "Sharpness-aware minimization" is not also
"Sharpness", nor "Implicit bias of gradient descent" also "Gradient descent".

Headings and key words name topics, so every label is matched there. Titles and digests
mention words in passing, so there only labels the curator trusts are matched, as
`taxonomy/text_matching.yml` says: labels of two or more words unless listed as unsafe (or, for
digests, as title-only), and one-word labels only where listed as safe (or as title words).
A digest summarises a whole abstract, related work included, so it gets the stricter rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from atlas.build.errors import InputError
from atlas.build.schemas import TEXT_MATCHING
from atlas.build.taxonomy import Taxonomy
from atlas.build.text import fold
from atlas.build.yamlfile import load_yaml
from atlas.published import OUR_SCHEME

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_LETTERS = re.compile(r"[^\W_]+")
_HYPHENATED = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)+")

TITLE = "title"
DIGEST = "digest"
TERMS = "terms"  # headings, category labels and key words


@dataclass(frozen=True)
class LabelMatch:
    concept_id: str
    label: str  # the label as the taxonomy writes it
    phrase: str  # the words of the text it matched, as the text writes them
    start: int  # word position in the text
    length: int  # words


@dataclass(frozen=True)
class _Label:
    concept_id: str
    label: str
    words: tuple[str, ...]
    where: frozenset[str]  # TITLE, DIGEST: the free texts it may be matched in


def words(text: str) -> list[tuple[str, int, int]]:
    """(matching form, start, end) of each word of a text, positions in the text as written."""
    found = []
    for match in _WORD.finditer(text):
        form = _form(match[0])
        if form:
            found.append((form, match.start(), match.end()))
    return found


@lru_cache(maxsize=65_536)  # texts repeat their words: each is folded once
def _form(word: str) -> str:
    folded = "".join(_LETTERS.findall(fold(word).replace("'", "").replace("’", "")))
    return _singular(folded) if folded else ""


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _label_forms(label: str) -> set[tuple[str, ...]]:
    split = tuple(w for w, _, _ in words(label))
    joined_text = _HYPHENATED.sub(lambda m: re.sub(r"[-‐‑]", "", m[0]), label)
    joined = tuple(w for w, _, _ in words(joined_text))
    return {form for form in (split, joined) if form}


@dataclass(frozen=True)
class TextRules:
    """Which labels titles and digests may match (taxonomy/text_matching.yml)."""

    safe_words: frozenset[str] = frozenset()  # one-word labels for titles and digests, folded
    title_words: frozenset[str] = frozenset()  # one-word labels for titles only
    unsafe: frozenset[str] = frozenset()  # labels of several words never matched in free text
    title_only: frozenset[str] = frozenset()  # labels of several words matched in titles only

    def free_texts(self, folded: str) -> frozenset[str]:
        """Where a label (folded) may be matched besides headings and key words."""
        if len(folded.split()) > 1:
            if folded in self.unsafe:
                return frozenset()
            return frozenset({TITLE}) if folded in self.title_only else frozenset({TITLE, DIGEST})
        if folded in self.safe_words:
            return frozenset({TITLE, DIGEST})
        return frozenset({TITLE}) if folded in self.title_words else frozenset()


def _folded(label: str) -> str:
    return " ".join(w for w, _, _ in words(label))


def load_text_rules(path: Path, taxonomy: Taxonomy) -> TextRules:
    """Read which labels free text may match; each listed label must be a label of ours."""
    if not path.exists():
        return TextRules()
    document = load_yaml(path, TEXT_MATCHING) or {}
    lines = path.read_text(encoding="utf-8").split("\n")
    known = {_folded(text) for concept in _live_concepts(taxonomy) for _, text in _all_labels(concept)}
    lists = {}
    for key in ("safe_words", "title_words", "unsafe", "title_only"):
        values = document.get(key) or []
        if not isinstance(values, list):
            raise InputError(path, f"'{key}' must be a list of labels", getattr(document, "line", 0))
        for value in values:
            text = str(value)
            if _folded(text) not in known:
                line = next((n for n, row in enumerate(lines, 1) if text in row), 0)
                raise InputError(path, f"'{text}' is not a label of any current concept", line)
        lists[key] = frozenset(_folded(str(v)) for v in values)
    return TextRules(**lists)


def _live_concepts(taxonomy: Taxonomy):
    return [c for c in taxonomy.concepts.values() if c.scheme == OUR_SCHEME and not c.deprecated]


def _all_labels(concept):
    return [*concept.pref_labels, *concept.alt_labels, *concept.hidden_labels]


class LabelIndex:
    """Every label of our live concepts, ready to be found in a text."""

    def __init__(self, taxonomy: Taxonomy, rules: TextRules) -> None:
        self._by_first: dict[str, list[_Label]] = {}
        for concept in sorted(_live_concepts(taxonomy), key=lambda c: c.id):
            for _, text in _all_labels(concept):
                where = rules.free_texts(_folded(text))
                for form in sorted(_label_forms(text)):
                    label = _Label(concept.id, text, form, where)
                    self._by_first.setdefault(form[0], []).append(label)
        for labels in self._by_first.values():
            labels.sort(key=lambda label: (-len(label.words), label.concept_id, label.label))
        # The first words of the labels each kind of text may match: most titles and digests hold
        # none, and are passed over without placing their words (`find`).
        self._firsts = {
            where: frozenset(first for first, labels in self._by_first.items()
                             if where == TERMS or any(where in label.where for label in labels))
            for where in (TITLE, DIGEST, TERMS)
        }

    def find(self, text: str, where: str) -> list[LabelMatch]:
        """Non-overlapping label matches in a text, the longest first where two overlap."""
        if self._firsts[where].isdisjoint(map(_form, _WORD.findall(text))):
            return []
        tokens = words(text)
        forms = [form for form, _, _ in tokens]
        candidates = []
        for start, form in enumerate(forms):
            for label in self._by_first.get(form, ()):
                if where != TERMS and where not in label.where:
                    continue
                end = start + len(label.words)
                if tuple(forms[start:end]) == label.words:
                    phrase = text[tokens[start][1] : tokens[end - 1][2]]
                    match = LabelMatch(label.concept_id, label.label, phrase, start, len(label.words))
                    candidates.append(match)
        candidates.sort(key=lambda m: (-m.length, m.start, m.concept_id))
        taken: set[int] = set()
        chosen = []
        for match in candidates:
            span = set(range(match.start, match.start + match.length))
            if span & taken:
                continue
            taken |= span
            chosen.append(match)
        return sorted(chosen, key=lambda m: (m.start, m.concept_id))

    def closest(self, text: str) -> tuple[str, str, float]:
        """The concept whose label shares most words with a text: (concept id, label, Jaccard)."""
        mine = {form for form, _, _ in words(text)} - _STOP_WORDS
        best = ("", "", 0.0)
        if not mine:
            return best
        for labels in self._by_first.values():
            for label in labels:
                theirs = set(label.words) - _STOP_WORDS
                if not theirs:
                    continue
                score = len(mine & theirs) / len(mine | theirs)
                if score > best[2] or (score == best[2] and score > 0 and label.concept_id < best[0]):
                    best = (label.concept_id, label.label, score)
        return best


_STOP_WORDS = frozenset(
    "a an and as at by deep for from in into is learning neural network networks of on or the to "
    "via with beyond towards toward understanding".split()
) | frozenset({"network"})
