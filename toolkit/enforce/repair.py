"""The target side: the glossary's terms repaired in one translated segment.

:func:`enforce_segment` looks at every concept the source names and at how the translation
renders it (:mod:`toolkit.enforce.renderings`):

- the approved form in any inflected form: left alone, unless its inflection is impossible there
  (Russian: a nominative right after a preposition, ``с Премьер-Министр`` -> ``с
  Премьер-Министром``, and a name in apposition to it; Kazakh: an ending against vowel harmony,
  ``Нұр-Сұлтанде`` -> ``Нұр-Сұлтанда``);
- one of the glossary's wrong variants in any inflected form: replaced by the approved form in
  the same case and number (``премьер-министру Казахстана`` -> ``Премьер-Министру Республики
  Казахстан``, ``Смаиловқа`` -> ``Смайыловқа``);
- neither, but a near miss: replaced the same way;
- nothing: a ``term-missing`` finding (:mod:`toolkit.enforce.findings`).

Replacements keep a sentence-initial capital and ALL CAPS (``АЛМА-АТА`` -> ``АЛМАТЫ``); a
person's surname found after the first name extends to the whole name. The text outside the
replaced spans is kept byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from toolkit.enforce.changes import Change, ChangeKind
from toolkit.enforce.findings import report_findings
from toolkit.enforce.renderings import (
    Rendering,
    case_only_spans,
    find_approved,
    find_mentions,
    find_near,
    find_wrong,
    overlaps,
    within,
)
from toolkit.enforce.terms import compiled_terms, language_code, present_terms
from toolkit.findings import Finding
from toolkit.glossary.termbase import ConceptType, Termbase
from toolkit.morphology import (
    NOMINATIVE,
    Case,
    Features,
    TermForm,
    Word,
    governed_cases,
    ru,
    words,
)

__all__ = ["Enforcement", "enforce_segment"]

# A word opens a sentence when only these stand between it and the end of the last one.
_SENTENCE_END = ".!?…"
_OPENERS = "«“„\"'‘([{—–- \u00a0\t\n"


@dataclass(frozen=True)
class Enforcement:
    """What :func:`enforce_segment` made of one translation."""

    text: str
    changes: tuple[Change, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.changes)


@dataclass(frozen=True)
class _Repair:
    found: Rendering
    kind: ChangeKind
    features: Features
    new: str


def _preposition(
    target: str, text_words: Sequence[Word], first: int, language: str
) -> tuple[Case, ...]:
    """The cases governed by a preposition right before word *first*, or ()."""
    if first == 0:
        return ()
    before = text_words[first - 1]
    if target[before.end : text_words[first].start].strip():
        return ()
    return governed_cases(language, before.text)


def _choose(
    options: Iterable[Features],
    form: TermForm,
    governed: tuple[Case, ...],
    old_head: str,
    language: str,
) -> Features:
    """The reading of a replaced span that decides the replacement's inflection: one the
    preposition before it governs, else the likeliest for the word it replaces."""
    choices = sorted(set(options), key=lambda f: (list(Case).index(f.case), f))
    if not choices:
        return NOMINATIVE
    if governed:
        fitting = [f for f in choices if f.case in governed]
        if fitting:
            choices = sorted(fitting, key=lambda f: governed.index(f.case))
            if len({form.generate(f) for f in choices}) == 1:
                return choices[0]
    if language_code(language) == "ru":
        return ru.rank_readings(old_head, choices)[0]
    return choices[0]


def _sentence_start(target: str, start: int) -> bool:
    before = target[:start].rstrip(_OPENERS)
    return not before or before[-1] in _SENTENCE_END


def _all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


def _styled(new: str, old: str, pattern: str, target: str, start: int) -> str:
    """*new* with the casing that *old* had for a reason: ALL CAPS where the glossary form that
    it matched (*pattern*) is not (a dateline), a capital opening a sentence."""
    if _all_caps(old) and not _all_caps(pattern):
        return new.upper()
    if new[:1].islower() and old[:1].isupper() and _sentence_start(target, start):
        return new[:1].upper() + new[1:]
    return new


def _keep_case(old: str, new: str) -> str:
    """*new* with the capitals of *old*, word by word: an approved form whose ending is repaired
    keeps the writer's capitals (``Премьер-Министрдың`` -> ``Премьер-Министрдің``)."""
    old_words, new_words = words(old), words(new)
    if len(old_words) != len(new_words):
        return new
    pieces: list[str] = []
    last = 0
    for before, after in zip(old_words, new_words, strict=True):
        pieces.append(new[last : after.start])
        shared = len(before.text)
        pieces.append(
            "".join(
                (ch.upper() if before.text[i].isupper() else ch.lower()) if i < shared else ch
                for i, ch in enumerate(after.text)
            )
        )
        last = after.end
    pieces.append(new[last:])
    return "".join(pieces)


def _replacement_form(found: Rendering) -> TermForm:
    """What replaces a rendering: the approved form, or a person's surname for a surname."""
    term = found.term
    if found.kind == "approved":
        return found.form
    words_found = found.occurrence.count
    if term.person and words_found < term.approved.size:
        return term.tail(words_found)
    return term.approved


def _with_first_name(found: Rendering, text_words: Sequence[Word]) -> Rendering:
    """A person's surname found after the words that start the approved form (``Алиханом
    Смайловым``): the whole name, read in the case its words agree on."""
    approved = found.term.approved
    occurrence = found.occurrence
    lead = approved.size - occurrence.count
    first = occurrence.first - lead
    if not found.term.person or lead <= 0 or first < 0:
        return found
    readings: list[frozenset[Features]] = []
    for k in range(lead):
        match = approved.match_word(k, text_words[first + k].text)
        if match is None:
            return found
        if match.features is not None:
            readings.append(match.features)
    if occurrence.features is not None:
        readings.append(occurrence.features)
    common = (frozenset.intersection(*readings) if readings else None) or occurrence.features
    extended = replace(
        occurrence,
        start=text_words[first].start,
        first=first,
        count=approved.size,
        features=common,
    )
    return replace(found, occurrence=extended)


def _repair(
    found: Rendering,
    kind: ChangeKind,
    target: str,
    text_words: Sequence[Word],
    language: str,
    features: frozenset[Features] | None = None,
) -> _Repair | None:
    occurrence = found.occurrence
    form = _replacement_form(found)
    options = features if features is not None else occurrence.features
    governed = _preposition(target, text_words, occurrence.first, language)
    head = text_words[occurrence.first + occurrence.count - 1].text
    chosen = _choose(options or (NOMINATIVE,), form, governed, head, language)
    old = target[occurrence.start : occurrence.end]
    generated = form.generate(chosen)
    if kind is ChangeKind.INFLECTION:
        generated = _keep_case(old, generated)
    new = _styled(generated, old, found.form.form, target, occurrence.start)
    if new == old:
        return None
    return _Repair(found, kind, chosen, new)


def _inflection_repairs(
    approved: Sequence[Rendering],
    repairs: Sequence[_Repair],
    target: str,
    text_words: Sequence[Word],
    language: str,
) -> list[_Repair]:
    """*repairs* with the inflection repairs added: approved forms whose inflection cannot be
    right where they stand, and (Russian) names in apposition to a title in another case."""
    result: list[_Repair] = []
    code = language_code(language)
    repaired = {id(r.found): r for r in repairs}
    items = sorted([*approved, *(r.found for r in repairs)], key=lambda f: f.span)
    # the title just before and its readings, when it is in an oblique case
    title: tuple[Rendering, frozenset[Features]] | None = None
    for found in items:
        occurrence = found.occurrence
        repair = repaired.get(id(found))
        readings = frozenset({repair.features}) if repair else occurrence.features
        wanted: frozenset[Features] | None = None
        if repair is None and not occurrence.regular and readings:
            wanted = readings
        elif code == "ru" and readings:
            governed = _preposition(target, text_words, occurrence.first, language)
            if governed and not any(f.case in governed for f in readings):
                plural = any(f.plural for f in readings)
                wanted = frozenset({Features(governed[0], plural)})
            elif (
                title is not None
                and found.term.person
                and all(f.case is Case.NOMINATIVE for f in readings)
                and not target[title[0].span[1] : occurrence.start].strip()
            ):
                # a name in apposition to a title takes the title's case
                wanted = title[1]
        if wanted is not None:
            kind = repair.kind if repair is not None else ChangeKind.INFLECTION
            again = _repair(found, kind, target, text_words, language, wanted)
            if again is not None:
                repair = again
                readings = frozenset({again.features})
        if repair is not None:
            result.append(repair)
        oblique = readings is not None and all(f.case is not Case.NOMINATIVE for f in readings)
        is_title = found.term.concept.type is ConceptType.TITLE
        title = (found, readings) if is_title and oblique and readings else None
    return result


def enforce_segment(source: str, target: str, termbase: Termbase, language: str) -> Enforcement:
    """Repair the glossary terms of one translated segment (see the module docstring)."""
    terms = compiled_terms(termbase, language)
    if not target.strip() or not terms:
        return Enforcement(target)
    mentions = find_mentions(source, termbase, terms)
    text_words = words(target)

    approved_all: list[Rendering] = []
    wrong_all: list[Rendering] = []
    for term in present_terms(terms, text_words):
        case_only = case_only_spans(term, target, text_words)
        approved_all += [
            f for f in find_approved(term, target, text_words) if f.span not in case_only
        ]
        wrong_all += find_wrong(term, target, text_words)
    approved_spans = [f.span for f in approved_all if f.form is f.term.approved]

    repairs: list[_Repair] = []
    named = {m.concept: m for m in mentions}
    for found in wrong_all:
        if found.term.concept.id not in named:
            continue
        if any(within(found.span, a) for a in approved_spans):
            continue
        found = _with_first_name(found, text_words)
        repair = _repair(found, ChangeKind.WRONG_VARIANT, target, text_words, language)
        if repair is not None:
            repairs.append(repair)

    blocked = [f.span for f in approved_all] + [f.span for f in wrong_all]
    for mention in mentions:
        concept = mention.concept
        if mention.coordinated:
            continue
        if any(f.term.concept.id == concept for f in approved_all + wrong_all):
            continue
        near = find_near(terms[concept], target, text_words, blocked, language, mention.short)
        if near is not None:
            near = _with_first_name(near, text_words)
            repair = _repair(near, ChangeKind.NEAR_MISS, target, text_words, language)
            if repair is not None:
                repairs.append(repair)
                blocked.append(near.span)

    source_approved = [f for f in approved_all if f.term.concept.id in named]
    repairs = _inflection_repairs(source_approved, repairs, target, text_words, language)

    accepted: list[_Repair] = []
    for repair in sorted(repairs, key=lambda r: (r.found.span[0], -r.found.span[1])):
        if not any(overlaps(repair.found.span, a.found.span) for a in accepted):
            accepted.append(repair)

    pieces: list[str] = []
    changes: list[Change] = []
    last = shift = 0
    for repair in accepted:
        start, end = repair.found.span
        pieces.append(target[last:start])
        new_start = start + shift
        pieces.append(repair.new)
        changes.append(
            Change(
                repair.found.term.concept.id,
                repair.kind,
                target[start:end],
                repair.new,
                (start, end),
                (new_start, new_start + len(repair.new)),
                repair.features.label(),
            )
        )
        shift += len(repair.new) - (end - start)
        last = end
    pieces.append(target[last:])
    text = "".join(pieces)
    findings = report_findings(source, text, mentions, terms, language)
    return Enforcement(text, tuple(changes), tuple(findings))
