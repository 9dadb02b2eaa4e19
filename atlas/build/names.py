"""Reading author lists as written: where a list of names ends and how it splits."""

from __future__ import annotations

import re

from atlas.build.text import collapse_spaces, fold, repair_diacritics

# The particles a surname may start with ("van der Vaart"), lower-case: one list for every reader
# of names.
NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "le", "la", "di", "da", "du", "del", "dos",
                            "ter"})
# A particle written onto the surname: "d'Ascoli", "dell'Aquila", "l'Huillier"
_PARTICLE_SURNAME = re.compile(r"(?:d|l|dall|dell|degl)['’][A-Z][\w'’\-]*\.?")
_INITIALS = re.compile(r"^(?:[A-Z]\.\s*-?\s*)+$")
_NAME_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+")
_TRUNCATION = re.compile(r"\.\.\.|…|\bet(?:\.? |\.)al\b\.?")  # `et al.`, `et. al.`, `et.al`
# "Lu, Y.", "Y. Lu", "P. T. P. Tang": no given name written out
_INITIALS_ONLY_NAME = re.compile(r"^(?:[^,]+,\s*(?:[A-Z]\.\s*-?\s*)+|(?:[A-Z]\.\s*-?\s*)+\S+)$")


def _is_name_token(token: str) -> bool:
    if token in NAME_PARTICLES or _PARTICLE_SURNAME.fullmatch(token):
        return True
    if re.fullmatch(r"(?:[A-Z]\.)+(?:-[A-Z]\.)?", token):
        return True
    return token[:1].isupper() and re.fullmatch(r"[\w'’\-]+\.?", token) is not None


def looks_like_name(text: str) -> bool:
    """ "A. Choromanska", "Weinan E", "Nicolas Le Roux": capitalised tokens, one a real word."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or not all(_is_name_token(token) for token in tokens):
        return False
    return any(len(token.rstrip(".")) >= 2 and not token.endswith(".") for token in tokens)


def split_names(text: str) -> tuple[list[str], bool]:
    """Split "A, B, and C" into names; report whether the list was truncated ("…", "et al.")."""
    truncated = bool(_TRUNCATION.search(text))
    text = _TRUNCATION.sub("", repair_diacritics(text))
    names = [collapse_spaces(part) for part in _NAME_SEPARATOR.split(text.strip(" .,"))]
    return [name for name in names if name], truncated


def split_leading_names(text: str) -> tuple[list[str], str]:
    """Split "Authors. Title" at the first period that closes a list of names.

    Initials contain periods too ("A. Choromanska, ... Y. LeCun. The Loss Surfaces…"), so each
    period is tried in turn and the prefix is accepted only if every part of it is a name.
    """
    for match in re.finditer(r"\.\s+", text):
        prefix, rest = text[: match.start()], text[match.end() :]
        names, _ = split_names(prefix)
        # "Toan Q. Nguyen, Julian …": the period was an initial's, the name goes on; after a full word
        # ("… Konstantin Mishchenko. When, Why and How Much?") it ended the names
        ends_with_initial = re.search(r"(?:^|\s)[A-Z]$", prefix)
        continues_a_name = ends_with_initial and re.match(r"^[\w'’\-]+[.,]\s+[A-Z]", rest)
        if rest and not continues_a_name and names and all(looks_like_name(n) for n in names):
            return names, rest
    return [], text


def split_reference_names(text: str) -> tuple[list[str], bool]:
    """Split APA-like author lists ("Goodfellow, I., Bengio, Y., & Courville, A.") as written.

    A comma separates a surname from its initials as well as one author from the next, so a
    part that is only initials is joined to the surname before it. Full-name lists
    ("Sanjeev Arora, Nadav Cohen, and Wei Hu") pass through unchanged.
    """
    truncated = bool(_TRUNCATION.search(text))
    text = _TRUNCATION.sub(",", repair_diacritics(text))
    parts = [collapse_spaces(part) for part in re.split(r",|&|\band\b", text)]
    parts = [part for part in parts if part]
    names: list[str] = []
    for part in parts:
        if _INITIALS.match(part) and names and not _INITIALS.match(names[-1].split(", ")[-1]):
            names[-1] = f"{names[-1]}, {part}"
        else:
            names.append(part if _INITIALS.match(part.split()[-1]) else part.rstrip("."))
    return names, truncated


def repair_author_list(names: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
    """Drop a second copy of a name in one author list ("Laurent Viennot, Laurent_Viennot").

    Two positions of one paper are never one person, so a full name written twice (spaces and
    underscores aside) is one author listed twice. Initials alone prove nothing: "Lu, Y." and
    "Lu, Y." on one paper are Yiping Lu and Yulong Lu. Returns the names and what was dropped.
    """
    kept: list[str] = []
    seen: set[str] = set()
    dropped: list[str] = []
    for name in names:
        key = fold(collapse_spaces(name.replace("_", " ")))
        if key in seen and not _INITIALS_ONLY_NAME.match(name):
            dropped.append(name)
            continue
        seen.add(key)
        kept.append(name)
    return tuple(kept), dropped
