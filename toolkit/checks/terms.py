"""Glossary checks: is each concept of the source rendered with its approved form?

``term-missing``: a concept found in the source (the termbase's source matcher, every variant)
whose approved form is not in the translation in any inflected form. ``term-forbidden``: one
of the glossary's wrong variants in the translation, in any inflected form, whether or not the
source names the concept. ``term-inconsistent``: one concept written in different ways across
the entries of a language (``Премьер-Министр`` here, ``премьер-министр`` there; the approved
form in one article, a wrong variant in another).

Inflection is recognised by :func:`find_inflected` and nowhere else, so that real morphology
(the enforcement issue) can replace it in one place. It is deliberately simple and says so:

- every word of the glossary form must appear in order, as consecutive words of the text;
- a Cyrillic word matches a text word that starts with its stem and goes on with an ending of
  at most a few letters (:data:`INFLECTION`). Russian endings replace the final vowels: the
  stem is the word without them (and without ``й``, ``ь``, ``ъ``), the ending at most 3 letters
  (``Смаилов`` -> ``Смаиловым``, ``Россия`` -> ``Россией``). Kazakh endings are added and stack:
  the stem drops one final vowel at most (the possessive of ``Премьер-Министрі``, which
  ``Премьер-Министрдің`` has not), the ending is at most 5 letters (``Ресейдегі``,
  ``Алматыдағы``, ``Республикасының``). An acronym keeps its whole form as the stem and may
  take a hyphenated ending (``ШЫҰ-ның``);
- words in another script (``primeminister.kz``, ``XXI``) and words shorter than three letters
  (``о``, ``в``) match exactly; case never matters, except for a wrong variant that differs from
  the approved form only in case (``Иннопром`` for ``ИННОПРОМ``).

What it cannot see, it does not guess: a suppletive or fleeting-vowel form, or a form that
grammar has turned into another part of speech. The one such case this corpus has is the
coordinated list (``the Sverdlovsk, Chelyabinsk, Kurgan, and Tyumen regions`` ->
``Свердловскую, Челябинскую, Курганскую и Тюменскую области``), where the shared head word moves
to the end and the names become adjectives: a concept missing from a coordinated mention is
reported as a warning, not an error. A person named by a short variant in the source
(``Smailov``, ``Mr Smailov``) may be named by the surname alone in the translation
(``господин Смаилов``, ``Смайылов мырза``): the approved form's last word, inflected, is enough.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Literal

from toolkit.checks.entry import CheckContext, Entry, Issue
from toolkit.checks.text import CYRILLIC_VOWELS, Word, is_acronym, quoted, script_of_word, words
from toolkit.findings import Severity
from toolkit.glossary.matcher import Match
from toolkit.glossary.termbase import Concept, ConceptType, TargetTerm
from toolkit.text import fold

__all__ = [
    "INFLECTION",
    "Inflection",
    "Mention",
    "Rendering",
    "TermAnalysis",
    "TermMatch",
    "analyse_terms",
    "check_term_forbidden",
    "check_term_inconsistent",
    "check_term_missing",
    "find_inflected",
]

_STRIPPED = CYRILLIC_VOWELS + "йьъ"


@dataclass(frozen=True)
class Inflection:
    """How far a language's inflected forms may stray from a glossary word."""

    max_ending: int  # letters allowed after the stem
    strip_all: bool  # the stem drops every final vowel (True) or at most one (False)


INFLECTION: dict[str, Inflection] = {
    "ru": Inflection(max_ending=3, strip_all=True),
    "kk": Inflection(max_ending=5, strip_all=False),
}
DEFAULT_INFLECTION = Inflection(max_ending=3, strip_all=True)

# What may stand between two members of a coordinated list: "," "and" "or" "&" (", and the").
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*)?(?:(?:and|or|&)\s+)?(?:the\s+)?", re.IGNORECASE)
_CONJUNCTION = re.compile(r"\b(?:and|or)\b|&", re.IGNORECASE)


# --- inflection-tolerant lookup --------------------------------------------------------------


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    stems: tuple[str, ...]  # each matched word of the text, cut to the glossary word's stem


@dataclass(frozen=True)
class _FormWord:
    text: str
    stem: str  # folded
    exact: bool


def _form_word(word: str, inflection: Inflection) -> _FormWord:
    folded = fold(word)
    if script_of_word(word) != "Cyrillic" or len(word) < 3:
        return _FormWord(word, folded, exact=True)
    if is_acronym(word):
        return _FormWord(word, folded, exact=False)
    if inflection.strip_all:
        stem = folded.rstrip(_STRIPPED)
    else:
        stem = folded[:-1] if folded[-1] in _STRIPPED else folded
    return _FormWord(word, stem if len(stem) >= 2 else folded[:2], exact=False)


def _same_case(form: str, text: str) -> bool:
    return [ch.isupper() for ch in form] == [ch.isupper() for ch in text]


def _word_matches(form: _FormWord, word: str, max_ending: int, case_sensitive: bool) -> str | None:
    """The part of *word* that matches the stem of *form*, or None."""
    folded = fold(word)
    if form.exact:
        if folded != form.stem:
            return None
        stem_part = word
    else:
        if not folded.startswith(form.stem):
            return None
        rest = folded[len(form.stem) :]
        if rest.startswith("-"):
            rest = rest[1:]
        if len(rest) > max_ending or not all(ch.isalpha() for ch in rest):
            return None
        stem_part = word[: len(form.stem)]
    if case_sensitive and not _same_case(form.text[: len(stem_part)], stem_part):
        return None
    return stem_part


def find_inflected(
    form: str,
    text: str,
    language: str,
    *,
    case_sensitive: bool = False,
    text_words: Sequence[Word] | None = None,
) -> list[TermMatch]:
    """Where *form* (a glossary form) occurs in *text* in any inflected form, left to right.

    This is the one place that decides what counts as an inflected form (see the module
    docstring); *text_words* may pass ``words(text)`` when the caller already has them.
    """
    parts = words(form)
    if not parts:
        return []
    inflection = INFLECTION.get(language.split("_")[0], DEFAULT_INFLECTION)
    max_ending = inflection.max_ending
    wanted = [_form_word(w.text, inflection) for w in parts]
    gaps = [fold(form[a.end : b.start]).strip() for a, b in pairwise(parts)]
    found = list(text_words) if text_words is not None else words(text)
    matches: list[TermMatch] = []
    i = 0
    while i + len(wanted) <= len(found):
        stems: list[str] = []
        for k, form_word in enumerate(wanted):
            word = found[i + k]
            if k and fold(text[found[i + k - 1].end : word.start]).strip() != gaps[k - 1]:
                break
            stem = _word_matches(form_word, word.text, max_ending, case_sensitive)
            if stem is None:
                break
            stems.append(stem)
        if len(stems) == len(wanted):
            matches.append(TermMatch(found[i].start, found[i + len(wanted) - 1].end, tuple(stems)))
            i += len(wanted)
        else:
            i += 1
    return matches


# --- what an entry says about the glossary ------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A concept found in the source of an entry, with its term in the target language."""

    concept: Concept
    term: TargetTerm
    span: tuple[int, int]  # of the (first) mention in the source
    short: bool  # a person named by a short variant only (``Smailov``)
    coordinated: bool  # part of a coordinated list


@dataclass(frozen=True)
class Rendering:
    """How the target renders a concept: its approved form, its surname only, or a wrong form."""

    concept: Concept
    kind: Literal["approved", "surname", "wrong"]
    form: str  # the glossary form that was found
    span: tuple[int, int]
    text: str  # the matched words, each cut to its stem: what consistency compares
    caps: bool  # ALL CAPS (a dateline): its case says nothing about how the term is written


@dataclass(frozen=True)
class TermAnalysis:
    mentions: tuple[Mention, ...]
    renderings: tuple[Rendering, ...]
    missing: tuple[Mention, ...]

    @property
    def wrong(self) -> tuple[Rendering, ...]:
        return tuple(r for r in self.renderings if r.kind == "wrong")


def _usable(term: TargetTerm | None) -> TargetTerm | None:
    return term if term is not None and term.approved and not term.fuzzy else None


def _coordinated(source: str, matches: Sequence[Match]) -> set[int]:
    """Indexes of the matches that are members of a coordinated list of glossary terms.

    A list is two or more mentions one after the other, joined by commas or a conjunction,
    with a conjunction somewhere or at least three members: ``Kazakhstan and Russia``,
    ``the Sverdlovsk, Kurgan, Tyumen, Chelyabinsk regions``; not ``the Consulate General of
    Kazakhstan, primeminister.kz reports``.
    """
    members: set[int] = set()
    chain = [0] if matches else []
    joined_by_conjunction = False

    def close() -> None:
        if len(chain) >= 3 or (len(chain) == 2 and joined_by_conjunction):
            members.update(chain)

    for i in range(1, len(matches)):
        between = source[matches[i - 1].end : matches[i].start]
        if between and _LIST_SEPARATOR.fullmatch(between) and between.strip():
            chain.append(i)
            joined_by_conjunction = joined_by_conjunction or bool(_CONJUNCTION.search(between))
        else:
            close()
            chain, joined_by_conjunction = [i], False
    if chain:
        close()
    return members


def _mentions(entry: Entry, context: CheckContext) -> list[Mention]:
    """Concepts of the source with an approved form in the target language, one per concept."""
    language = context.language or ""
    matches = context.termbase.source_matcher.find(entry.source)
    listed = _coordinated(entry.source, matches)
    found: dict[str, list[Mention]] = {}
    for index, match in enumerate(matches):
        concept = context.termbase.get(match.key)
        term = _usable(concept.target(language)) if concept is not None else None
        if concept is None or term is None:
            continue
        short = concept.type is ConceptType.PERSON and len(words(match.pattern)) < len(
            words(concept.source)
        )
        mention = Mention(concept, term, (match.start, match.end), short, index in listed)
        found.setdefault(concept.id, []).append(mention)
    # A concept named twice is short (or listed) only if every mention is.
    return [
        replace(
            mentions[0],
            short=all(m.short for m in mentions),
            coordinated=all(m.coordinated for m in mentions),
        )
        for mentions in found.values()
    ]


def _rendering(
    concept: Concept,
    kind: Literal["approved", "surname", "wrong"],
    form: str,
    match: TermMatch,
    text: str,
) -> Rendering:
    matched = text[match.start : match.end]
    letters = [ch for ch in matched if ch.isalpha()]
    return Rendering(
        concept=concept,
        kind=kind,
        form=form,
        span=(match.start, match.end),
        text=" ".join(match.stems),
        caps=len(letters) > 1 and all(ch.isupper() for ch in letters),
    )


def _inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _analyse(entry: Entry, context: CheckContext) -> TermAnalysis:
    language = context.language or ""
    target = entry.target
    text_words = words(target)
    renderings: list[Rendering] = []

    wrong: list[Rendering] = []
    for concept in context.termbase:
        term = concept.target(language)
        if term is None:
            continue
        for variant in term.wrong:
            case_only = bool(term.approved) and fold(variant) == fold(term.approved)
            for match in find_inflected(
                variant, target, language, case_sensitive=case_only, text_words=text_words
            ):
                wrong.append(_rendering(concept, "wrong", variant, match, target))
    if wrong:
        # A wrong variant inside a longer approved form is part of a right rendering.
        approved_spans = [
            (m.start, m.end)
            for concept in context.termbase
            if (term := _usable(concept.target(language))) is not None
            for m in find_inflected(term.approved, target, language, text_words=text_words)
        ]
        wrong = [w for w in wrong if not any(_inside(w.span, a) for a in approved_spans)]
    renderings.extend(wrong)

    missing: list[Mention] = []
    mentions = _mentions(entry, context)
    for mention in mentions:
        concept, term = mention.concept, mention.term
        wrong_spans = [w.span for w in wrong if w.concept.id == concept.id]
        approved = [
            m
            for m in find_inflected(term.approved, target, language, text_words=text_words)
            if not any(_overlaps((m.start, m.end), span) for span in wrong_spans)
        ]
        if approved:
            renderings.extend(
                _rendering(concept, "approved", term.approved, m, target) for m in approved
            )
            continue
        if mention.short:
            surname = words(term.approved)[-1].text
            found = find_inflected(surname, target, language, text_words=text_words)
            if found:
                renderings.extend(_rendering(concept, "surname", surname, m, target) for m in found)
                continue
        if not wrong_spans:
            missing.append(mention)
    return TermAnalysis(tuple(mentions), tuple(renderings), tuple(missing))


def analyse_terms(entry: Entry, context: CheckContext) -> TermAnalysis:
    """What the glossary finds in one entry; computed once per entry and context."""
    key = ("terms", entry)
    cached = context.cache.get(key)
    if not isinstance(cached, TermAnalysis):
        cached = _analyse(entry, context)
        context.cache[key] = cached
    return cached


# --- the checks ------------------------------------------------------------------------------


def _translated(entry: Entry, context: CheckContext) -> bool:
    return bool(entry.target.strip()) and context.language is not None and len(context.termbase) > 0


def check_term_missing(entry: Entry, context: CheckContext) -> Iterator[Issue]:
    if not _translated(entry, context):
        return
    for mention in analyse_terms(entry, context).missing:
        start, end = mention.span
        message = (
            f"{quoted(entry.source[start:end])} ({mention.concept.id}): approved "
            f"{quoted(mention.term.approved)} not found in any inflected form"
        )
        severity = None
        if mention.coordinated:
            message += (
                " (a coordinated list, where the shared word moves and names may become "
                "adjectives: not matched reliably, so a warning)"
            )
            severity = Severity.WARNING
        yield Issue(entry, message, source_span=mention.span, severity=severity)


def check_term_forbidden(entry: Entry, context: CheckContext) -> Iterator[Issue]:
    if not _translated(entry, context):
        return
    for rendering in analyse_terms(entry, context).wrong:
        start, end = rendering.span
        term = rendering.concept.target(context.language or "")
        approved = term.approved if term is not None else ""
        instead = f"; use {quoted(approved)}" if approved else ""
        yield Issue(
            entry,
            f"{quoted(entry.target[start:end])} is a wrong variant {quoted(rendering.form)} of "
            f"{rendering.concept.id}{instead}",
            span=rendering.span,
        )


def _signature(rendering: Rendering) -> str:
    """How a rendering is written, for comparison: its stems with their case, except the first
    letter's, which follows the sentence (``Премьер-Министр`` opening one) or the word class
    (``қазақстандық``, an adjective, is lower case), not the writer's choice."""
    if rendering.kind == "wrong":
        return f"wrong:{rendering.form}"
    return rendering.text[:1].lower() + rendering.text[1:]


def check_term_inconsistent(entries: Sequence[Entry], context: CheckContext) -> Iterator[Issue]:
    """One concept written in more than one way across the entries of a language."""
    if context.language is None or not len(context.termbase):
        return
    by_concept: dict[str, list[tuple[Entry, Rendering]]] = {}
    for entry in entries:
        if not entry.target.strip():
            continue
        for rendering in analyse_terms(entry, context).renderings:
            if rendering.kind == "surname" or rendering.caps:
                continue
            by_concept.setdefault(rendering.concept.id, []).append((entry, rendering))
    language = context.language
    for items in by_concept.values():
        groups: dict[str, list[tuple[Entry, Rendering]]] = {}
        for item in items:
            groups.setdefault(_signature(item[1]), []).append(item)
        if len(groups) < 2:
            continue
        concept = items[0][1].concept
        term = concept.target(language)
        approved = term.approved if term is not None else ""
        own = find_inflected(approved, approved, language) if approved else []
        approved_key = (
            _signature(_rendering(concept, "approved", approved, own[0], approved)) if own else ""
        )
        # The usual writing: the most frequent, the approved one on a tie, else the first seen.
        ranked = [
            (len(group), key == approved_key, -position, key)
            for position, (key, group) in enumerate(groups.items())
        ]
        usual = max(ranked)[3]
        first = groups[usual][0]
        shown = first[0].target[first[1].span[0] : first[1].span[1]]
        catalogs = len({e.path for e, _ in groups[usual]})
        for key, group in groups.items():
            if key == usual:
                continue
            for entry, rendering in group:
                start, end = rendering.span
                yield Issue(
                    entry,
                    f"{concept.id} is written {quoted(entry.target[start:end])} here and "
                    f"{quoted(shown)} in {len(groups[usual])} other place(s) of {catalogs} "
                    f"catalog(s) of this language",
                    span=rendering.span,
                )
