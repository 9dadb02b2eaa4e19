"""What a line of a paper list looks like, in features that name no markup: the input of the
learned line detector (atlas/build/parsers/line_detector.py), which picks the line of each paper
where a list's structure is one no rule of the `auto` reader knows.

Each non-blank line is described by character classes, length, capitalised and name-like words
(`Surname, I.`, `I. Surname`, `Full Name`), a four-digit year, arXiv ids, DOIs and URLs,
quoted/italic/bold spans, the longest run of words between punctuation, a `key: value` shape, kind
words (talk, slides, code, blog...), venue words, and its context: the same few facts of the two
lines before and after, its place in its block of non-blank lines, and how like its neighbours its
shape is. Written once for the experiment (bench/learned_lines.py) before its first run, and not
changed after: a change here changes the model (retrain with
`python -m atlas.build.parsers.train_line_detector`).
"""

from __future__ import annotations

import difflib
import math
import re

import numpy as np

YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-3]\d)(?!\d)")
ARXIV = re.compile(r"(?<![\d.])\d{4}\.\d{4,5}(?:v\d+)?(?![\d])")
DOI = re.compile(r"\b10\.\d{4,9}/\S+")
URL = re.compile(r"https?://|www\.|\b[a-z0-9-]+\.(?:org|com|io|net|edu)/", re.I)
INITIAL_SURNAME = re.compile(r"\b[A-Z]\.(?:\s?[A-Z]\.)*\s[A-Z][a-z\u00C0-\u024F'-]+")
SURNAME_INITIAL = re.compile(r"\b[A-Z][a-z\u00C0-\u024F'-]+,?\s[A-Z]\.(?:\s?[A-Z]\.)*")
FULL_NAME = re.compile(r"\b[A-Z][a-z\u00C0-\u024F'-]+\s(?:[A-Z]\.\s)?[A-Z][a-z\u00C0-\u024F'-]+"
                       r"(?=\s*(?:,|and\b|&|$|\())")
QUOTED = re.compile(r"[\"“«„'‘]([^\"”»“'’]{15,})[\"”»“'’]")
ITALIC = re.compile(r"(?<![*\w])[*_]([^*_]{15,})[*_](?![*\w])|<i>|<em>|//[^/]{15,}//|\\emph\{|''[^']{15,}''")
BOLD = re.compile(r"\*\*[^*]{15,}\*\*|__[^_]{15,}__|<b>|<strong>|\[b\]|'''")
KEY_VALUE = re.compile(r"^\W{0,6}([A-Za-z][\w -]{0,20}?)\s*(?::{1,2}|=|\s-\s{1,2})\s*\S")
SPLIT = re.compile(r"[.,;:|()\[\]{}<>\"“”«»*_=#/\\—–]|\s-\s")
WORD = re.compile(r"[^\W\d_][\w'-]*")
KIND_WORDS = {
    "talk": r"\btalks?\b|\blecture|\bvideo|youtube|\bwebinar|\bpodcast",
    "slides": r"\bslides?\b|\bdeck\b",
    "code": r"\bcode\b|github|\brepo(?:sitory)?\b|\bsoftware\b|\bimplementation",
    "blog": r"\bblog|\bpost\b|\bsubstack|\bmedium\b|\bnewsletter|\bthread\b",
    "template": r"\btemplate|\bcontribut|\bpull request|\bTODO\b|\bplaceholder",
    "toc": r"\bcontents\b|back to top|\btable of\b|#[a-z-]+\)",
    "badge": r"shields\.io|badge|\.svg\b|\.png\b",
    "title_key": r"\btitle\b|\bpaper\b|\bTI\b",
    "author_key": r"\bauthors?\b|\bby\b|\bAU\b",
    "venue_word": r"NeurIPS|NIPS|ICML|ICLR|COLT|AISTATS|JMLR|UAI|AAAI|IJCAI|CVPR|ACL|EMNLP|TMLR|"
                  r"\bProc|Conference|Journal|Transactions|Workshop|Annals|Review|arXiv|preprint",
}
KIND = {name: re.compile(pattern, re.I) for name, pattern in KIND_WORDS.items()}



def shape(text: str) -> str:
    """The line's skeleton: letters a/A, digits 0, spaces dropped, runs collapsed."""
    out = re.sub(r"[^\W\d_]+", lambda m: "A" if m.group()[0].isupper() else "a", text)
    out = re.sub(r"\d+", "0", out)
    return re.sub(r"\s+", "", out)[:60]


def own_features(text: str) -> list[float]:
    stripped = text.strip()
    n = max(len(stripped), 1)
    words = WORD.findall(stripped)
    capitalised = sum(word[0].isupper() for word in words)
    segments = [segment.strip() for segment in SPLIT.split(stripped)]
    longest_words = max((len(segment.split()) for segment in segments), default=0)
    urls = len(URL.findall(stripped))
    key_value = KEY_VALUE.match(stripped)
    leading = len(stripped) - len(stripped.lstrip("-*+#>|!:~`[({<0123456789. \t"))
    return [
        math.log1p(len(stripped)),
        len(words),
        len(text) - len(text.lstrip()),
        sum(c.isalpha() for c in stripped) / n,
        sum(c.isdigit() for c in stripped) / n,
        sum(c.isupper() for c in stripped) / n,
        sum(not c.isalnum() and not c.isspace() for c in stripped) / n,
        sum(ord(c) > 127 for c in stripped) / n,
        capitalised,
        capitalised / max(len(words), 1),
        longest_words,
        len(YEAR.findall(stripped)),
        len(ARXIV.findall(stripped)),
        bool(DOI.search(stripped)),
        urls,
        stripped.count("]("),
        len(INITIAL_SURNAME.findall(stripped)),
        len(SURNAME_INITIAL.findall(stripped)),
        len(FULL_NAME.findall(stripped)),
        stripped.count(" and ") + stripped.count(" & ") + stripped.count(" et al"),
        bool(QUOTED.search(stripped)),
        bool(ITALIC.search(stripped)),
        bool(BOLD.search(stripped)),
        bool(key_value),
        len(key_value.group(1)) if key_value else 0,
        leading,
        stripped[:1].isdigit(),
        stripped[-1:] in ".?!",
        stripped[-1:] in ",;:",
        stripped.count("|"),
        stripped.count("<"),
        len(set(stripped)) <= 3,  # rules, fences, separators
        *(bool(pattern.search(stripped)) for pattern in KIND.values()),
    ]


CONTEXT = (0, 1, 8, 11, 12, 14, 16, 17, 18, 23, 20, 21, 22)  # features told of a neighbour


def list_features(lines: list[str]) -> tuple[list[int], np.ndarray]:
    """Features of every non-blank line of one list (its 1-based line numbers and the matrix)."""
    numbers = [i + 1 for i, line in enumerate(lines) if line.strip()]
    own = {number: own_features(lines[number - 1]) for number in numbers}
    shapes = {number: shape(lines[number - 1]) for number in numbers}
    blank = [not line.strip() for line in lines]
    rows = []
    for index, number in enumerate(numbers):
        start = number
        while start > 1 and not blank[start - 2]:
            start -= 1
        end = number
        while end < len(lines) and not blank[end]:
            end += 1
        context: list[float] = []
        for offset in (-2, -1, 1, 2):
            other = index + offset
            if 0 <= other < len(numbers):
                context += [own[numbers[other]][k] for k in CONTEXT] + [abs(numbers[other] - number)]
            else:
                context += [0.0] * len(CONTEXT) + [-1]
        similar = [difflib.SequenceMatcher(None, shapes[number], shapes[numbers[other]]).ratio()
                   if 0 <= other < len(numbers) else 0.0 for other in (index - 1, index + 1)]
        run = 0
        for step in (-1, 1):
            other = index + step
            while 0 <= other < len(numbers) and shapes[numbers[other]][:4] == shapes[number][:4]:
                run += 1
                other += step
        rows.append(own[number] + context + similar + [
            max(similar), run, math.log1p(run),
            number - start, end - number, end - start + 1,
            number / max(len(lines), 1),
        ])
    return numbers, np.array(rows, dtype=float)
