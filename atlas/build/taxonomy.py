"""Read and validate the topic taxonomy (taxonomy/*.yml) into plain Concepts.

Our scheme lives in taxonomy/concepts.yml; each source list's own contents (headings, category
labels, key words, lectures) is a scheme of its own in taxonomy/sources/, mapped onto ours with
SKOS mapping properties. Every rule the build enforces fails with the YAML file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from atlas.build.errors import InputError
from atlas.build.normalize import title_key
from atlas.build.schemas import CONCEPTS, EMPTY_CONCEPTS, SCHEME, SOURCE_SCHEME
from atlas.build.text import slug
from atlas.build.yamlfile import load_yaml, require
from atlas.published import OUR_SCHEME

MAPPING_PROPERTIES = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
# A paper filed under a source concept belongs to the concepts it maps to with these: a
# narrowMatch target is narrower than the heading, so it would claim too much.
CLASSIFYING_PROPERTIES = ("exactMatch", "closeMatch", "broadMatch")
_TRAILING_YEAR = re.compile(r"[\s:]*(?<!\d)(?:19|20)\d\d$")
# "2. ", "A.1. ", "B.", "Lecture 3: ", "Chapter 2 - ": the numbering of a heading, which a new
# version of a list may change.
_HEADING_NUMBER = re.compile(
    r"^\s*(?:(?:\d+|[A-Z])\.(?:\d+\.?)*|(?i:lecture|chapter|part|week|lesson|section)\s+\d+\s*[:.\-\u2013])\s*"
)

Labels = tuple[tuple[str, str], ...]  # (language, text) pairs


@dataclass(frozen=True)
class Concept:
    id: str
    scheme: str
    pref_labels: Labels
    definitions: Labels = ()
    alt_labels: Labels = ()
    hidden_labels: Labels = ()
    scope_notes: Labels = ()
    broader: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    top: bool = False
    deprecated: bool = False
    replaced_by: str = ""
    mappings: tuple[tuple[str, str], ...] = ()  # (SKOS mapping property, our concept id)
    not_a_topic: str = ""
    fallback: bool = False  # a list's chapter: its topics only for papers nothing else classifies
    kind: str = "concept"  # concept, heading, label, keyword or lecture
    curated: bool = True
    file: str = ""
    line: int = 0

    def label(self, language: str = "en") -> str:
        return next((text for lang, text in self.pref_labels if lang == language), "")

    @property
    def classifies_into(self) -> list[str]:
        return [target for prop, target in self.mappings if prop in CLASSIFYING_PROPERTIES]


@dataclass(frozen=True)
class SchemeInfo:
    id: str
    titles: Labels
    descriptions: Labels = ()
    creator: str = ""
    license: str = ""
    version: str = ""
    created: str = ""
    modified: str = ""
    prefix: str = ""
    structural_headings: frozenset[str] = frozenset()
    lectures: tuple[str, ...] = ()  # concept ids in the course's order


@dataclass
class Taxonomy:
    base_iri: str
    schemes: dict[str, SchemeInfo]
    concepts: dict[str, Concept]
    # source id → (kind, matching key) → concept id
    terms: dict[str, dict[tuple[str, str], str]] = field(default_factory=dict)
    # concept id → why no paper of the lists is about it (empty_concepts.yml), shown on its page
    empty_reasons: dict[str, str] = field(default_factory=dict)

    def iri(self, concept_id: str) -> str:
        concept = self.concepts[concept_id]
        area = "topic" if concept.scheme == OUR_SCHEME else "source"
        return f"{self.base_iri}{area}/{concept_id}"

    def scheme_iri(self, scheme_id: str) -> str:
        return f"{self.base_iri}scheme/{scheme_id}"

    def find(self, source_id: str, kind: str, text: str) -> str | None:
        return self.terms.get(source_id, {}).get((kind, term_key(text)))

    def add_source_concept(self, source_id: str, kind: str, text: str, **fields) -> str:
        """A heading, lecture, label or key word of a list, as a concept of that list's scheme."""
        concept_id = source_concept_id(source_id, kind, text)
        self.concepts[concept_id] = Concept(
            id=concept_id, scheme=source_scheme_id(source_id, kind), pref_labels=(("en", text),), kind=kind,
            **fields,
        )
        match_kind = "heading" if kind == "lecture" else kind  # lectures are headings in the list
        self.terms.setdefault(source_id, {})[(match_kind, term_key(text))] = concept_id
        return concept_id

    def add_uncurated(self, source_id: str, kind: str, text: str) -> str:
        """A heading, label or key word nobody mapped yet becomes a concept of its list's scheme."""
        concept_id = source_concept_id(source_id, kind, text)
        if concept_id not in self.concepts:
            self.add_source_concept(
                source_id,
                kind,
                text,
                curated=False,
                scope_notes=(("en", "Not yet mapped onto the DL Theory Atlas topics."),),
            )
            scheme_id = source_scheme_id(source_id, kind)
            what = "key words" if kind == "keyword" else "headings"
            self.schemes.setdefault(scheme_id, SchemeInfo(scheme_id, (("en", f"{source_id}: {what}"),)))
        return concept_id


@lru_cache(maxsize=1 << 16)
def term_key(text: str) -> str:
    """Headings, labels and key words match ignoring case, punctuation, numbering and a trailing year.
    Remembered: every entry of a list repeats its few headings and key words (classify asks 14 times
    an entry)."""
    return title_key(heading_text(text))


def heading_text(term: str) -> str:
    """A heading without its numbering or trailing year: what it says about its papers."""
    return _HEADING_NUMBER.sub("", strip_year(term)).strip() or term


def strip_year(heading: str) -> str:
    """ "Empirical Study: 2021" and "Deep Double Descent 2022" group by year under one heading."""
    return _TRAILING_YEAR.sub("", heading).strip() or heading


def source_scheme_id(source_id: str, kind: str) -> str:
    """A list's key words are a vocabulary of their own, apart from its headings: list 002 has a
    heading and a key word both called "Neural Tangent Kernel", two concepts one scheme cannot
    both label so."""
    return f"{source_id}-keywords" if kind == "keyword" else source_id


def source_concept_id(source_id: str, kind: str, text: str) -> str:
    area = "" if kind in ("heading", "lecture") else f"{kind}/"
    return f"{source_id}/{area}{slug(strip_year(text))}"


def load_taxonomy(folder: Path) -> Taxonomy:
    """Read scheme.yml, concepts.yml and sources/*.yml, then validate the whole."""
    scheme_path = folder / "scheme.yml"
    meta = load_yaml(scheme_path, SCHEME)
    base_iri = require(meta, "base_iri", scheme_path)
    if not re.match(r"^https?://\S+/$", base_iri):
        raise InputError(scheme_path, "base_iri must be an http(s) IRI ending in /", meta.line)
    schemes = {OUR_SCHEME: _our_scheme_info(meta, scheme_path)}
    concepts: dict[str, Concept] = {}
    concepts_path = folder / "concepts.yml"
    for item in load_yaml(concepts_path, CONCEPTS)["concepts"]:
        concept = _our_concept(item, concepts_path)
        if concept.id in concepts:
            raise InputError(concepts_path, f"duplicate concept id '{concept.id}'", item.line)
        concepts[concept.id] = concept
    taxonomy = Taxonomy(base_iri, schemes, concepts)
    for path in sorted((folder / "sources").glob("*.yml")):
        _load_source_scheme(path, taxonomy)
    validate(taxonomy)
    taxonomy.empty_reasons = _empty_reasons(folder / "empty_concepts.yml", concepts)
    return taxonomy


def _empty_reasons(path: Path, concepts: dict[str, Concept]) -> dict[str, str]:
    """Why a live concept of ours holds no paper: a reader of its empty page deserves the reason."""
    if not path.exists():
        return {}
    empty = load_yaml(path, EMPTY_CONCEPTS)["empty"]
    for concept_id in empty:
        concept = concepts.get(concept_id)
        if concept is None or concept.scheme != OUR_SCHEME or concept.deprecated:
            raise InputError(path, f"'{concept_id}' is not a live concept of ours", empty.line_of(concept_id))
    return {concept_id: " ".join(str(reason).split()) for concept_id, reason in empty.items()}


def _labels(value, path: Path, line: int, what: str, many: bool = False) -> Labels:
    """{en: text, zh: text}, or with many=True {en: [text, …]}; every literal has a language."""
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise InputError(
            path, f"'{what}' must map a language tag to {'a list of texts' if many else 'a text'}", line
        )
    pairs = []
    for language, texts in value.items():
        if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", str(language)):
            raise InputError(path, f"'{what}' has a bad language tag '{language}'", line)
        if many and not isinstance(texts, list):
            raise InputError(path, f"'{what}' in '{language}' must be a list", line)
        if not many and not isinstance(texts, str):
            raise InputError(path, f"'{what}' has two or more values in '{language}'; one is allowed", line)
        for text in texts if many else [texts]:
            pairs.append((str(language), str(text).strip()))
    return tuple(pairs)


def _our_scheme_info(meta, path: Path) -> SchemeInfo:
    def day(key: str) -> str:
        value = meta.get(key)
        if not isinstance(value, date):
            raise InputError(path, f"'{key}' must be a date (YYYY-MM-DD)", meta.line)
        return value.isoformat()

    return SchemeInfo(
        id=OUR_SCHEME,
        titles=_labels(require(meta, "title", path, dict), path, meta.line, "title"),
        descriptions=_labels(meta.get("description"), path, meta.line, "description"),
        creator=require(meta, "creator", path),
        license=require(meta, "license", path),
        version=str(require(meta, "version", path)),
        created=day("created"),
        modified=day("modified"),
        prefix=require(meta, "prefix", path),
    )


def _our_concept(item, path: Path) -> Concept:
    line = getattr(item, "line", 0)
    concept_id = require(item, "id", path)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", concept_id):
        raise InputError(path, f"concept id '{concept_id}' must be a lowercase slug", line)
    return Concept(
        id=concept_id,
        scheme=OUR_SCHEME,
        pref_labels=_labels(require(item, "prefLabel", path, dict), path, line, "prefLabel"),
        definitions=_labels(item.get("definition"), path, line, "definition"),
        alt_labels=_labels(item.get("altLabels"), path, line, "altLabels", many=True),
        hidden_labels=_labels(item.get("hiddenLabels"), path, line, "hiddenLabels", many=True),
        scope_notes=_labels(item.get("scopeNote"), path, line, "scopeNote"),
        broader=tuple(item.get("broader") or ()),
        related=tuple(item.get("related") or ()),
        top=bool(item.get("top")),
        deprecated=bool(item.get("deprecated")),
        replaced_by=item.get("replacedBy") or "",
        file=str(path),
        line=line,
    )


def _load_source_scheme(path: Path, taxonomy: Taxonomy) -> None:
    """One list's contents; kept even when the manifest of a build leaves that list out."""
    document = load_yaml(path, SOURCE_SCHEME)
    source_id = require(document, "source", path)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", source_id):
        raise InputError(path, f"source '{source_id}' must be a source id slug", document.line)
    lectures = []
    taxonomy.terms[source_id] = {}
    by_heading: dict[str, str] = {}
    pending_broader = []
    for kind, list_key, item_key in (
        ("heading", "headings", "heading"),
        ("lecture", "lectures", "heading"),
        ("label", "labels", "label"),
        ("keyword", "keywords", "keyword"),
    ):
        for item in document.get(list_key) or []:
            line = getattr(item, "line", 0)
            text = str(require(item, item_key, path))
            if source_concept_id(source_id, kind, text) in taxonomy.concepts:
                raise InputError(path, f"'{text}' is listed twice", line)
            mappings = tuple((prop, target) for prop in MAPPING_PROPERTIES for target in item.get(prop) or ())
            not_a_topic = str(item.get("not_a_topic") or "")
            if not mappings and not not_a_topic:
                raise InputError(path, f"'{text}' needs a mapping or a not_a_topic reason", line)
            concept_id = taxonomy.add_source_concept(
                source_id,
                kind,
                text,
                mappings=mappings,
                not_a_topic=not_a_topic,
                fallback=bool(item.get("fallback")),
                file=str(path),
                line=line,
                scope_notes=(("en", f"Not a topic: {not_a_topic}."),) if not_a_topic else (),
            )
            if kind in ("heading", "lecture"):
                by_heading[term_key(text)] = concept_id
            if kind == "lecture":
                lectures.append(concept_id)
            if item.get("broader"):
                pending_broader.append((concept_id, str(item["broader"]), line))
    for concept_id, parent_text, line in pending_broader:
        parent = by_heading.get(term_key(parent_text))
        if not parent:
            raise InputError(path, f"broader heading '{parent_text}' is not a heading of this list", line)
        concept = taxonomy.concepts[concept_id]
        taxonomy.concepts[concept_id] = replace(concept, broader=(parent,))
    taxonomy.schemes[source_id] = SchemeInfo(
        id=source_id,
        titles=_labels(require(document, "title", path, dict), path, document.line, "title"),
        structural_headings=frozenset(term_key(h) for h in document.get("structural") or ()),
        lectures=tuple(lectures),
    )
    if document.get("keywords"):
        keyword_scheme = source_scheme_id(source_id, "keyword")
        taxonomy.schemes[keyword_scheme] = SchemeInfo(
            id=keyword_scheme,
            titles=_labels(
                require(document, "keywords_title", path, dict), path, document.line, "keywords_title"
            ),
        )


def validate(taxonomy: Taxonomy) -> None:
    """Every rule a curator can break, reported with the YAML file and line."""
    concepts = taxonomy.concepts

    def fail(concept: Concept, message: str) -> None:
        raise InputError(concept.file, f"concept '{concept.id}': {message}", concept.line)

    for concept in concepts.values():
        for target in [*concept.broader, *concept.related, *(t for _, t in concept.mappings)] + (
            [concept.replaced_by] if concept.replaced_by else []
        ):
            if target not in concepts:
                fail(concept, f"unknown concept '{target}'")
        for _, target in concept.mappings:
            if concepts[target].scheme == concept.scheme:
                fail(concept, f"mapping to '{target}' stays inside one scheme; use broader or related")
        if concept.scheme != OUR_SCHEME:
            continue
        if not concept.definitions:
            fail(concept, "has no definition")
        if concept.deprecated:
            if not concept.replaced_by or concepts[concept.replaced_by].deprecated:
                fail(concept, "a retired concept needs replacedBy naming a current concept")
            continue
        if concept.top == bool(concept.broader):
            fail(concept, "needs either top: true or a broader concept, not both")
        if not concept.label("en"):
            fail(concept, "has no English prefLabel")
    _check_cycles(taxonomy, fail)
    _check_reachable(taxonomy, fail)
    _check_label_clashes(taxonomy, fail)
    for concept in concepts.values():
        ancestors = _ancestors(taxonomy, concept.id)
        for other in concept.related:
            if other in ancestors or concept.id in _ancestors(taxonomy, other):
                fail(concept, f"related to '{other}', which is already linked to it by broader")


def lineage(taxonomy: Taxonomy, concept_id: str) -> set[str]:
    """A concept and every concept broader than it, at any depth."""
    return _ancestors(taxonomy, concept_id) | {concept_id}


def _ancestors(taxonomy: Taxonomy, concept_id: str) -> set[str]:
    seen: set[str] = set()
    stack = list(taxonomy.concepts[concept_id].broader)
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(taxonomy.concepts[current].broader)
    return seen


def _check_cycles(taxonomy: Taxonomy, fail) -> None:
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(concept_id: str, path: list[str]) -> None:
        if state.get(concept_id) == 2:
            return
        if state.get(concept_id) == 1:
            cycle = path[path.index(concept_id) :] + [concept_id]
            fail(taxonomy.concepts[concept_id], "broader cycle: " + " → ".join(cycle))
        state[concept_id] = 1
        for parent in taxonomy.concepts[concept_id].broader:
            visit(parent, path + [concept_id])
        state[concept_id] = 2

    for concept_id in sorted(taxonomy.concepts):
        visit(concept_id, [])


def _check_reachable(taxonomy: Taxonomy, fail) -> None:
    ours = [c for c in taxonomy.concepts.values() if c.scheme == OUR_SCHEME and not c.deprecated]
    for concept in ours:
        lineage = _ancestors(taxonomy, concept.id) | {concept.id}
        if not any(taxonomy.concepts[c].top for c in lineage):
            fail(concept, "is not reachable from a top concept")


def _check_label_clashes(taxonomy: Taxonomy, fail) -> None:
    """No label (pref, alt or hidden) may name two concepts of one scheme in one language.

    Labels compare as headings and key words are matched (case, accents, punctuation and a
    trailing year ignored), so that every label a paper's evidence can match names one concept.
    """
    holders: dict[tuple[str, str, str], list[str]] = {}
    concepts = sorted(taxonomy.concepts.values(), key=lambda c: (c.file, c.line, c.id))
    for concept in concepts:
        if concept.deprecated:
            continue
        for language, text in [*concept.pref_labels, *concept.alt_labels, *concept.hidden_labels]:
            owners = holders.setdefault((concept.scheme, language, term_key(text)), [])
            if concept.id not in owners:
                owners.append(concept.id)
    for concept in concepts:
        if concept.deprecated:
            continue
        for kind, labels in (("prefLabel", concept.pref_labels), ("altLabel", concept.alt_labels),
                             ("hiddenLabel", concept.hidden_labels)):
            for language, text in labels:
                owners = holders[(concept.scheme, language, term_key(text))]
                if owners[0] != concept.id:
                    fail(concept, f"{kind} '{text}'@{language} is already a label of '{owners[0]}'")
