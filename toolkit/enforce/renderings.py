"""Where a translation renders the concepts its source names, and how.

The source side: :func:`find_mentions`, the concepts a source segment names (a person by the
full name or a short form; a member of a coordinated list, whose names a translation may turn
into adjectives). The target side: every occurrence of a term in a translation, as a
:class:`Rendering` that is

- the approved form in any inflected form (:func:`find_approved`);
- one of the glossary's wrong variants in any inflected form (:func:`find_wrong`);
- a near miss (:func:`find_near`): words within a small edit distance of the approved form or a
  wrong variant in one of their inflected forms (a misspelling or a transliteration such as
  ``Мишустену``, ``Алихан Смайылов``), that are not dictionary words of another lemma nor
  derivations of the term (``челябинскую``, ``қазақстандық``).

:func:`term_renderings` answers, per concept the source names, where the translation renders it
with the approved form (what :mod:`toolkit.score` counts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from toolkit.enforce.terms import Term, compiled_terms, language_code
from toolkit.glossary.matcher import Match
from toolkit.glossary.termbase import Termbase
from toolkit.morphology import Features, Occurrence, TermForm, Word, is_known_word, words
from toolkit.text import fold

__all__ = [
    "NEAR_MISS_MIN_LETTERS",
    "NEAR_MISS_THRESHOLD",
    "Mention",
    "Rendering",
    "case_only_spans",
    "find_approved",
    "find_mentions",
    "find_near",
    "find_wrong",
    "overlaps",
    "rendered_by_derivation",
    "term_renderings",
    "within",
]

# Word similarity (rapidfuzz ratio, 0-100) from which a word is a near miss of a term's word.
NEAR_MISS_THRESHOLD = 80.0
NEAR_MISS_MIN_LETTERS = 4

# Kazakh derivational suffixes: a word that continues a term with one is another word
# (``қазақстандық``, ``ресейлік``), never a misspelling of it.
_KK_DERIVATIONS = (
    "лық",
    "лік",
    "дық",
    "дік",
    "тық",
    "тік",
    "шы",
    "ші",
    "ша",
    "ше",
    "лы",
    "лі",
    "сыз",
    "сіз",
)
# What stands between the members of a coordinated list in an English source.
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*)?(?:(?:and|or|&)\s+)?(?:the\s+)?", re.IGNORECASE)
_CONJUNCTION = re.compile(r"\b(?:and|or)\b|&", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A concept the source names (its mentions merged: the first one's span)."""

    concept: str
    span: tuple[int, int]
    short: bool  # a person named by a short form only (``Smailov``)
    coordinated: bool  # a member of a coordinated list (``the Sverdlovsk, Kurgan ... regions``)


def _coordinated(source: str, matches: Sequence[Match]) -> set[int]:
    """Indexes of matches that are members of a coordinated list (as the term checks see it)."""
    members: set[int] = set()
    chain = [0] if matches else []
    joined = False

    def close() -> None:
        if len(chain) >= 3 or (len(chain) == 2 and joined):
            members.update(chain)

    for i in range(1, len(matches)):
        between = source[matches[i - 1].end : matches[i].start]
        if between.strip() and _LIST_SEPARATOR.fullmatch(between):
            chain.append(i)
            joined = joined or bool(_CONJUNCTION.search(between))
        else:
            close()
            chain, joined = [i], False
    if chain:
        close()
    return members


def find_mentions(source: str, termbase: Termbase, terms: dict[str, Term]) -> list[Mention]:
    """The concepts of *terms* that *source* names, once each, in the order first named."""
    matches = termbase.source_matcher.find(source)
    listed = _coordinated(source, matches)
    found: dict[str, list[Mention]] = {}
    for index, match in enumerate(matches):
        term = terms.get(match.key)
        if term is None:
            continue
        short = term.person and len(words(match.pattern)) < len(words(term.concept.source))
        mention = Mention(term.concept.id, (match.start, match.end), short, index in listed)
        found.setdefault(term.concept.id, []).append(mention)
    return [
        replace(
            group[0],
            short=all(m.short for m in group),
            coordinated=all(m.coordinated for m in group),
        )
        for group in found.values()
    ]


@dataclass(frozen=True)
class Rendering:
    """An occurrence of a concept in the target: approved, wrong or a near miss."""

    term: Term
    kind: str  # "approved", "wrong", "near"
    occurrence: Occurrence
    form: TermForm  # the glossary form that matched
    score: float = 100.0

    @property
    def span(self) -> tuple[int, int]:
        return self.occurrence.span


def within(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    """Whether span *inner* lies inside span *outer* and is not the same span."""
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether spans *a* and *b* share a character."""
    return a[0] < b[1] and b[0] < a[1]


def _leftmost_longest(found: Iterable[Rendering]) -> list[Rendering]:
    ordered = sorted(found, key=lambda f: (f.span[0], -f.span[1], -f.score))
    kept: list[Rendering] = []
    for item in ordered:
        if not any(overlaps(item.span, k.span) for k in kept):
            kept.append(item)
    return kept


def find_approved(term: Term, target: str, text_words: Sequence[Word]) -> list[Rendering]:
    found = [
        Rendering(term, "approved", o, term.approved)
        for o in term.approved.find(target, text_words)
    ]
    if term.person and term.approved.size > 1:
        surname = term.tail(1)
        found += [
            Rendering(term, "approved", o, surname)
            for o in surname.find(target, text_words)
            if not any(overlaps(o.span, f.span) for f in found)
        ]
    return found


def find_wrong(term: Term, target: str, text_words: Sequence[Word]) -> list[Rendering]:
    found: list[Rendering] = []
    for variant, form in term.wrong:
        case_sensitive = variant in term.case_only
        found += [
            Rendering(term, "wrong", o, form)
            for o in form.find(target, text_words, case_sensitive=case_sensitive)
        ]
    return _leftmost_longest(found)


def case_only_spans(term: Term, target: str, text_words: Sequence[Word]) -> list[tuple[int, int]]:
    return [
        o.span
        for variant, form in term.wrong
        if variant in term.case_only
        for o in form.find(target, text_words, case_sensitive=True)
    ]


def _stem(word: str) -> str:
    folded = fold(word)
    stem = folded.rstrip("аеёиоуыэюяйьъ")
    return stem if len(stem) >= 3 else folded


def _eligible(word: Word, glossary_word: str, language: str) -> bool:
    """Whether a text word may be a misspelling of a glossary word at all."""
    folded = fold(word.text)
    if sum(ch.isalpha() for ch in folded) < NEAR_MISS_MIN_LETTERS:
        return False
    if glossary_word[:1].isupper() and not word.text[:1].isupper():
        return False
    code = language_code(language)
    own = fold(glossary_word)
    if code == "kk":
        if folded.startswith(own) and folded[len(own) :].startswith(_KK_DERIVATIONS):
            return False
    elif folded.startswith(_stem(glossary_word)):
        return False  # a derivation (челябинскую), or an inflection the paradigm lacks
    lemmas = is_known_word(language, word.text)
    return not (lemmas and own not in lemmas)


def find_near(
    term: Term,
    target: str,
    text_words: Sequence[Word],
    blocked: Sequence[tuple[int, int]],
    language: str,
    short: bool,
) -> Rendering | None:
    """The best near miss of *term* among the words not *blocked* by a known occurrence."""
    forms: list[TermForm] = [term.approved] + [form for _, form in term.wrong]
    if short and term.person and term.approved.size > 1:
        forms.append(term.tail(1))
    best: Rendering | None = None
    for form in forms:
        size = form.size
        for i in range(len(text_words) - size + 1):
            window = text_words[i : i + size]
            span = (window[0].start, window[-1].end)
            if any(overlaps(span, b) for b in blocked):
                continue
            result = _near_window(form, target, window, language)
            if result is None:
                continue
            score, features = result
            if best is None or score > best.score:
                occurrence = Occurrence(span[0], span[1], i, size, features)
                best = Rendering(term, "near", occurrence, form, score)
    return best


def _near_window(
    form: TermForm, target: str, window: Sequence[Word], language: str
) -> tuple[float, frozenset[Features] | None] | None:
    scores: list[float] = []
    readings: list[frozenset[Features]] = []
    exact = True
    for k, (part, word) in enumerate(zip(form.parts, window, strict=True)):
        if k and fold(target[window[k - 1].end : word.start]).strip() != form.gaps[k - 1]:
            return None
        match = form.match_word(k, word.text)
        if match is not None:
            scores.append(100.0)
            if match.features is not None:
                readings.append(match.features)
            continue
        if not _eligible(word, part.text, language):
            return None
        score, features = form.near_word(k, word.text)
        if score < NEAR_MISS_THRESHOLD:
            return None
        exact = False
        scores.append(score)
        if features is not None:
            readings.append(features)
    if exact:
        return None
    features_: frozenset[Features] | None = None
    if readings:
        features_ = frozenset.intersection(*readings) or readings[-1]
    return min(scores), features_


def rendered_by_derivation(term: Term, text_words: Sequence[Word], language: str) -> bool:
    """A one-word Kazakh term rendered by a derivation (``қазақстандық`` for ``Kazakhstani``
    investors): not missing, and not to be repaired either."""
    if language_code(language) != "kk" or term.approved.size != 1:
        return False
    own = fold(term.target.approved)
    return any(
        fold(w.text).startswith(own) and fold(w.text)[len(own) :].startswith(_KK_DERIVATIONS)
        for w in text_words
    )


def term_renderings(
    source: str, text: str, termbase: Termbase, language: str
) -> dict[str, tuple[tuple[int, int], ...]]:
    """Per concept the source names (with an approved form in *language*): the spans of *text*
    that render it with the approved form, in any inflected form (a person named by a short
    form in the source: the surname alone too). A concept rendered otherwise maps to ()."""
    terms = compiled_terms(termbase, language)
    text_words = words(text)
    found: dict[str, tuple[tuple[int, int], ...]] = {}
    for mention in find_mentions(source, termbase, terms):
        term = terms[mention.concept]
        case_only = case_only_spans(term, text, text_words)
        found[mention.concept] = tuple(
            f.span
            for f in find_approved(term, text, text_words)
            if (f.form is term.approved or mention.short) and f.span not in case_only
        )
    return found
