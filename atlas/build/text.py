"""Small text helpers shared by the parsers and the normalizer: one place for each rule."""

from __future__ import annotations

import re
import unicodedata

# Letters Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
)
_SPACED_COMBINING = re.compile(r"(\w)\s+([\u0300-\u036f])")
# A spacing diacritic typed before its letter (PDF copy-paste): "Jastrz˛ebski".
_SPACING_TO_COMBINING = {"\u02db": "\u0328", "\u00a8": "\u0308", "\u00b4": "\u0301", "\u02c7": "\u030c"}
_SPACING_BEFORE_LETTER = re.compile("([" + "".join(_SPACING_TO_COMBINING) + r"])(\w)")
_YEAR = re.compile(r"(?<![\d.:/])(19\d\d|20\d\d)(?!\d|\.\d)")
_SHORT_YEAR = re.compile(r"'(\d\d)\b")
_ARXIV = re.compile(
    r"arxiv(?:\.org/(?:abs|pdf)/|[:\s]+(?:preprint\s+)?(?:arxiv:)?)"
    r"(?P<id>\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})",
    re.IGNORECASE,
)
_OLD_STYLE_ARXIV = re.compile(r"arxiv preprint (?P<id>[a-z-]+/\d{7})", re.IGNORECASE)
# Markdown markers between two letters or digits of one word: `ne**twork`, `ne[twork`.
_MARKUP_IN_WORD = re.compile(r"(?<=[^\W_])[*`\[\]()]+(?=[^\W_])")
_PARTNER = {")": "(", "]": "["}
_KEY_WORD = re.compile(r"[a-z0-9]+")


def repair_diacritics(text: str) -> str:
    """Rejoin accents split from their letter by copy-paste ("Gu ̈ney" → "Güney")."""
    if text.isascii():  # most texts: no accent to rejoin, and NFC leaves ASCII as it is
        return text
    text = _SPACED_COMBINING.sub(r"\1\2", text)
    text = _SPACING_BEFORE_LETTER.sub(lambda m: m[2] + _SPACING_TO_COMBINING[m[1]], text)
    return unicodedata.normalize("NFC", text)


def collapse_spaces(text: str) -> str:
    """Runs of white space as one space, none at the ends. `str.split` knows the same white space
    as the pattern `\\s` (both ask Unicode's White_Space property), and costs a quarter of it."""
    return " ".join(text.split())


def clean_title(text: str) -> str:
    """A title as clean text: no markdown leftovers, no trailing period; a closing ? is kept."""
    text = collapse_spaces(repair_diacritics(text))
    return text.strip(" .,，;:/").strip()


def remove_stray_markup(title: str) -> tuple[str, list[str]]:
    """A title without the markdown markers left inside its words, and those words as written.

    An emphasis or code marker inside a word opened nothing, or it would not be in the text; a
    bracket inside a word is stray only without its partner in the word: "Variance(s)" and
    "f(x)" keep theirs, "ne(twork" loses it.
    """
    if not _MARKUP_IN_WORD.search(title):  # most titles: nothing to look at word by word
        return title, []
    kept, stray_words = [], []
    for word in title.split(" "):
        partnered = _partnered_brackets(word)
        stray = {i for run in _MARKUP_IN_WORD.finditer(word) for i in range(*run.span())} - partnered
        if stray:
            stray_words.append(word)
            word = "".join(ch for i, ch in enumerate(word) if i not in stray)
        kept.append(word)
    return " ".join(kept), stray_words


def _partnered_brackets(word: str) -> set[int]:
    """Positions of the brackets and parentheses of a word that close or are closed."""
    opened: dict[str, list[int]] = {"(": [], "[": []}
    partnered = set()
    for i, ch in enumerate(word):
        if ch in opened:
            opened[ch].append(i)
        elif ch in _PARTNER and opened[_PARTNER[ch]]:
            partnered.update((opened[_PARTNER[ch]].pop(), i))
    return partnered


def fold(text: str) -> str:
    """Unicode-normalized, accent-free, case-folded text: the basis of every matching key."""
    if text.isascii():  # the common case, and one where every step below is lower() alone
        return text.lower()
    # Unicode's compatibility caseless match (casefold around NFKD, twice), so that letters whose
    # upper case spells a mark as a letter (Greek ᾀ → ἈΙ) fold the same in every case.
    text = unicodedata.normalize("NFD", repair_diacritics(text))
    for _ in range(2):
        text = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in text if not unicodedata.combining(ch))
    return stripped.translate(_UNDECOMPOSABLE)


def key_words(text: str) -> list[str]:
    """Folded words with punctuation removed."""
    return _KEY_WORD.findall(fold(text).replace("'", "").replace("’", ""))


def slug(text: str) -> str:
    return "-".join(key_words(text))


def first_year(text: str) -> int | None:
    """The first four-digit year in a text, or a 'YY suffix (NIPS'18) read as 19YY/20YY."""
    match = _YEAR.search(text)
    if match:
        return int(match[1])
    short = _SHORT_YEAR.search(text)
    return full_year(short[1]) if short else None


def full_year(two_digits: str) -> int:
    """A year written with two digits ('18, Zhang17, et al.17): 19YY from 50 on, else 20YY."""
    two = int(two_digits)
    return 1900 + two if two >= 50 else 2000 + two


def arxiv_id_in(text: str) -> str:
    """The arXiv identifier named by an arXiv URL or an `arXiv:` reference, if any."""
    match = _ARXIV.search(text) or _OLD_STYLE_ARXIV.search(text)
    return match["id"] if match else ""
