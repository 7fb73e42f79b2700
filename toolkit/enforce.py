"""Glossary enforcement: the official term, in the case the sentence needs, and nothing else.

Before machine translation, :func:`normalise_source` rewrites source variants to their concept's
canonical spelling (``Alihan Smailov`` -> ``Alikhan Smailov``, ``EKATERINBURG`` ->
``YEKATERINBURG``) and replaces do-not-translate terms with numbered placeholders (``[[1]]``)
that :func:`restore_protected` puts back after it. After it, :func:`enforce_segment` looks at
every concept the source names and at how the translation renders it:

- the approved form in any inflected form: left alone, unless its inflection is impossible there
  (Russian: a nominative right after a preposition, ``с Премьер-Министр`` -> ``с
  Премьер-Министром``, and a name in apposition to it; Kazakh: an ending against vowel harmony,
  ``Нұр-Сұлтанде`` -> ``Нұр-Сұлтанда``);
- one of the glossary's wrong variants in any inflected form: replaced by the approved form in
  the same case and number (``премьер-министру Казахстана`` -> ``Премьер-Министру Республики
  Казахстан``, ``Смаиловқа`` -> ``Смайыловқа``);
- neither, but a near miss: words within a small edit distance of the approved form or a wrong
  variant in one of their inflected forms (a misspelling or a transliteration such as
  ``Мишустену``, ``Алихан Смайылов``), that are not dictionary words of another lemma nor
  derivations of the term (``челябинскую``, ``қазақстандық``): replaced the same way;
- nothing: a ``term-missing`` finding. Nothing is guessed into the text.

A wrong variant of a concept the source does not name is a ``term-forbidden`` finding and is not
changed. Replacements keep a sentence-initial capital and ALL CAPS (``АЛМА-АТА`` -> ``АЛМАТЫ``);
the text outside the replaced spans is kept byte for byte. Each :class:`Change` says what was
replaced by what; :func:`enforce_message` records them on a catalog entry as translator comments
(:func:`toolkit.review.enforcement.enforcement_comment`) and makes the entry fuzzy.
"""

from __future__ import annotations

import difflib
import re
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from toolkit.config import Settings
from toolkit.errors import GlossaryError
from toolkit.findings import Finding, Location, Severity
from toolkit.gettext.model import Catalog, Message, with_translation
from toolkit.glossary.matcher import Match
from toolkit.glossary.termbase import Concept, ConceptType, TargetTerm, Termbase
from toolkit.morphology import (
    NOMINATIVE,
    Case,
    Features,
    Occurrence,
    TermForm,
    Word,
    governed_cases,
    is_known_word,
    term_form,
    words,
)
from toolkit.review.enforcement import enforcement_comment
from toolkit.text import fold, normalize_term

__all__ = [
    "NEAR_MISS_THRESHOLD",
    "PLACEHOLDER",
    "CatalogEnforcement",
    "Change",
    "ChangeKind",
    "Enforcement",
    "EntryEnforcement",
    "Prepared",
    "Protection",
    "Restored",
    "SourceChange",
    "catalog_diff",
    "enforce_catalog",
    "enforce_message",
    "enforce_segment",
    "load_termbase",
    "normalise_source",
    "restore_protected",
    "term_renderings",
]

# Word similarity (rapidfuzz ratio, 0-100) from which a word is a near miss of a term's word.
NEAR_MISS_THRESHOLD = 80.0
NEAR_MISS_MIN_LETTERS = 4
# Similarity of a source variant's words to the canonical form's for it to be a spelling of it.
SPELLING_THRESHOLD = 75.0
PLACEHOLDER = "[[{n}]]"

TERM_MISSING = "term-missing"
TERM_FORBIDDEN = "term-forbidden"

_SENTENCE_END = ".!?…"
_OPENERS = "«“„\"'‘([{—–- \u00a0\t\n"
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
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*)?(?:(?:and|or|&)\s+)?(?:the\s+)?", re.IGNORECASE)
_CONJUNCTION = re.compile(r"\b(?:and|or)\b|&", re.IGNORECASE)


class ChangeKind(StrEnum):
    WRONG_VARIANT = "wrong-variant"  # a listed wrong variant replaced
    NEAR_MISS = "near-miss"  # a misspelling or transliteration replaced
    INFLECTION = "inflection"  # the approved form put into the case the sentence needs
    RESTORED = "restored"  # a do-not-translate term put back after machine translation


@dataclass(frozen=True)
class Change:
    """One replacement in a translation."""

    concept: str
    kind: ChangeKind
    old: str
    new: str
    span: tuple[int, int]  # of ``old`` in the text before enforcement
    new_span: tuple[int, int]  # of ``new`` in the text after it
    features: str = ""  # the grammatical reading carried over: "dative singular"

    def comment(self) -> str:
        """The translator-comment line that records this change on a catalog entry."""
        return enforcement_comment(self.concept, _flat(self.old), _flat(self.new))


@dataclass(frozen=True)
class Enforcement:
    """What :func:`enforce_segment` made of one translation."""

    text: str
    changes: tuple[Change, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def _code(language: str) -> str:
    return language.replace("-", "_").split("_")[0].lower()


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- the glossary compiled for one language -------------------------------------------------


@dataclass(frozen=True)
class _Term:
    concept: Concept
    target: TargetTerm
    approved: TermForm
    wrong: tuple[tuple[str, TermForm], ...]  # (variant as listed, compiled)
    case_only: frozenset[str]  # wrong variants that differ from the approved form only in case
    person: bool

    @cached_property
    def first_keys(self) -> frozenset[str]:
        """Folded words any of the term's forms can start with: a text without one of them
        cannot contain the term, so most terms are skipped without searching."""
        forms = [self.approved, *(form for _, form in self.wrong)]
        if self.person and self.approved.size > 1:
            forms.append(self.tail(1))
        return frozenset(key for form in forms if form.tables for key in form.tables[0])

    def tail(self, count: int) -> TermForm:
        """The approved form's last *count* words: a person named by the surname only."""
        parts = self.approved.parts
        if count >= len(parts):
            return self.approved
        if count not in self._tails:
            self._tails[count] = term_form(
                self.approved.form[parts[-count].start :],
                self.target.language,
                person=self.person,
                hints=self.target.morphology,
            )
        return self._tails[count]

    @cached_property
    def _tails(self) -> dict[int, TermForm]:
        # Compiled on first use and kept: terms live as long as their compiled termbase.
        return {}


def _present(terms: dict[str, _Term], text_words: Sequence[Word]) -> list[_Term]:
    """The terms that may occur among *text_words* (see :attr:`_Term.first_keys`)."""
    keys = {w.key for w in text_words}
    return [term for term in terms.values() if not term.first_keys.isdisjoint(keys)]


def _compile_term(concept: Concept, term: TargetTerm) -> _Term:
    person = concept.type is ConceptType.PERSON
    hints = term.morphology
    approved = term_form(term.approved, term.language, person=person, hints=hints)
    # A wrong variant inflects by the usual rules: the hints describe the approved form.
    wrong = tuple(
        (variant, term_form(variant, term.language, person=person)) for variant in term.wrong
    )
    case_only = frozenset(v for v in term.wrong if fold(v) == fold(term.approved))
    return _Term(concept, term, approved, wrong, case_only, person)


_COMPILED: dict[int, tuple[weakref.ref[Termbase], dict[str, dict[str, _Term]]]] = {}


def _forget(key: int) -> Callable[[weakref.ref[Termbase]], None]:
    def forget(_: weakref.ref[Termbase]) -> None:
        _COMPILED.pop(key, None)

    return forget


def _terms(termbase: Termbase, language: str) -> dict[str, _Term]:
    """Every concept with an approved (not fuzzy) form in *language*, compiled once."""
    key = id(termbase)
    entry = _COMPILED.get(key)
    if entry is None or entry[0]() is not termbase:
        # keyed by identity: a termbase is a large frozen value, hashing it on every call costs
        entry = (weakref.ref(termbase, _forget(key)), {})
        _COMPILED[key] = entry
    languages = entry[1]
    if language not in languages:
        compiled: dict[str, _Term] = {}
        for concept in termbase:
            term = concept.target(language)
            if term is None or not term.approved or term.fuzzy or concept.id in compiled:
                continue
            compiled[concept.id] = _compile_term(concept, term)
        languages[language] = compiled
    return languages[language]


# --- source side ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceChange:
    """A source variant rewritten to its canonical spelling in the text for the engine."""

    concept: str
    old: str
    new: str
    span: tuple[int, int]  # in the original source


@dataclass(frozen=True)
class Protection:
    """A do-not-translate term replaced by a placeholder in the text for the engine."""

    concept: str
    number: int
    placeholder: str  # "[[1]]"
    text: str  # the term as the source writes it


@dataclass(frozen=True)
class Prepared:
    """A source segment made ready for machine translation.

    ``text`` goes to the engine; ``unprotected`` is the same text with the do-not-translate terms
    left in place, for a retry when the engine mangles placeholders beyond recovery
    (:attr:`Restored.clean`).
    """

    source: str
    text: str
    unprotected: str
    protections: tuple[Protection, ...] = ()
    changes: tuple[SourceChange, ...] = ()


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[\s\-]+", fold(text).replace(".", "")) if t]


def _spelling_of(variant: str, canonical: str, person: bool) -> str | None:
    """The part of *canonical* that *variant* spells differently, or None when it is another
    name (``Kazakh Premier``), a short form (``Smailov``) or the same spelling."""
    from rapidfuzz import fuzz

    mine, theirs = _tokens(variant), _tokens(canonical)
    if not mine or mine == theirs[-len(mine) :]:
        return None
    if len(mine) == len(theirs):
        target = canonical
    elif person and len(mine) < len(theirs):
        parts = words(canonical)
        if len(parts) < len(mine):
            return None
        target = canonical[parts[-len(mine)].start :]
        theirs = _tokens(target)
        if len(theirs) != len(mine):
            return None
    else:
        return None
    if all(fuzz.ratio(a, b) >= SPELLING_THRESHOLD for a, b in zip(mine, theirs, strict=True)):
        return target
    return None


def _styled_source(new: str, old: str) -> str:
    letters = [ch for ch in old if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return new.upper()
    return new


def _protected(concept: Concept, language: str | None) -> bool:
    return any(
        term.do_not_translate for term in concept.targets if language in (None, term.language)
    )


def normalise_source(
    source: str, termbase: Termbase, language: str | None = None, *, protect: bool = True
) -> Prepared:
    """The text to send to the engine for *source* (see the module docstring).

    With *language*, only terms that are do-not-translate in that language are protected;
    without it, those that are in any target language.
    """
    pieces: list[str] = []
    plain: list[str] = []
    protections: list[Protection] = []
    changes: list[SourceChange] = []
    last = 0
    for match in termbase.source_matcher.find(source):
        concept = termbase.get(match.key)
        if concept is None:
            continue
        before = source[last : match.start]
        pieces.append(before)
        plain.append(before)
        new = match.text
        if normalize_term(match.pattern) != normalize_term(concept.source):
            spelled = _spelling_of(
                match.pattern, concept.source, concept.type is ConceptType.PERSON
            )
            if spelled is not None:
                new = _styled_source(spelled, match.text)
                changes.append(SourceChange(concept.id, match.text, new, (match.start, match.end)))
        plain.append(new)
        if protect and _protected(concept, language):
            number = len(protections) + 1
            placeholder = PLACEHOLDER.format(n=number)
            protections.append(Protection(concept.id, number, placeholder, match.text))
            pieces.append(placeholder)
        else:
            pieces.append(new)
        last = match.end
    pieces.append(source[last:])
    plain.append(source[last:])
    return Prepared(source, "".join(pieces), "".join(plain), tuple(protections), tuple(changes))


@dataclass(frozen=True)
class Restored:
    """Machine output with the do-not-translate terms put back.

    ``clean`` is False when placeholder debris is left that could not be resolved (a number the
    engine made up, half a bracket pair): then translate :attr:`Prepared.unprotected` instead.
    ``lost`` lists protections whose placeholder the engine dropped: the term is missing, and
    enforcement reports it as ``term-missing`` rather than guessing where it belongs.
    """

    text: str
    changes: tuple[Change, ...] = ()
    lost: tuple[Protection, ...] = ()
    clean: bool = True


_DEBRIS = re.compile(r"\[\s*\[\s*\d+\s*\]\s*\]|\[\s*\[\s*\d+|\d+\s*\]\s*\]")


def _placeholder_pattern(number: int, source: str) -> re.Pattern[str]:
    double = rf"\[\s*\[\s*{number}\s*\]\s*\]"
    single = rf"\[\s*{number}\s*\]"
    # A single-bracket "[1]" is an engine's rendering of "[[1]]" only if the source has none.
    if re.search(single, source) or re.search(double, source):
        return re.compile(double)
    return re.compile(f"{double}|{single}")


def restore_protected(output: str, prepared: Prepared) -> Restored:
    """Put the protected terms back into the engine's *output* (see :class:`Restored`)."""
    text = output
    changes: list[Change] = []
    lost: list[Protection] = []
    for protection in prepared.protections:
        pattern = _placeholder_pattern(protection.number, prepared.source)
        found = list(pattern.finditer(text))
        if not found:
            lost.append(protection)
            continue
        pieces: list[str] = []
        last = 0
        for match in found:
            pieces.append(text[last : match.start()])
            start = sum(len(p) for p in pieces)
            pieces.append(protection.text)
            changes.append(
                Change(
                    protection.concept,
                    ChangeKind.RESTORED,
                    match.group(0),
                    protection.text,
                    (match.start(), match.end()),
                    (start, start + len(protection.text)),
                )
            )
            last = match.end()
        pieces.append(text[last:])
        text = "".join(pieces)
    clean = _DEBRIS.search(text) is None or bool(_DEBRIS.search(prepared.source))
    return Restored(text, tuple(changes), tuple(lost), clean)


# --- target side ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mention:
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


def _mentions(source: str, termbase: Termbase, terms: dict[str, _Term]) -> list[_Mention]:
    matches = termbase.source_matcher.find(source)
    listed = _coordinated(source, matches)
    found: dict[str, list[_Mention]] = {}
    for index, match in enumerate(matches):
        term = terms.get(match.key)
        if term is None:
            continue
        short = term.person and len(words(match.pattern)) < len(words(term.concept.source))
        mention = _Mention(term.concept.id, (match.start, match.end), short, index in listed)
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
class _Found:
    """An occurrence of a concept in the target: approved, wrong or a near miss."""

    term: _Term
    kind: str  # "approved", "wrong", "near"
    occurrence: Occurrence
    form: TermForm  # the glossary form that matched
    score: float = 100.0

    @property
    def span(self) -> tuple[int, int]:
        return self.occurrence.span


@dataclass(frozen=True)
class _Repair:
    found: _Found
    kind: ChangeKind
    features: Features
    new: str


def _inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _leftmost_longest(found: Iterable[_Found]) -> list[_Found]:
    ordered = sorted(found, key=lambda f: (f.span[0], -f.span[1], -f.score))
    kept: list[_Found] = []
    for item in ordered:
        if not any(_overlaps(item.span, k.span) for k in kept):
            kept.append(item)
    return kept


def _approved(term: _Term, target: str, text_words: Sequence[Word]) -> list[_Found]:
    found = [
        _Found(term, "approved", o, term.approved) for o in term.approved.find(target, text_words)
    ]
    if term.person and term.approved.size > 1:
        surname = term.tail(1)
        found += [
            _Found(term, "approved", o, surname)
            for o in surname.find(target, text_words)
            if not any(_overlaps(o.span, f.span) for f in found)
        ]
    return found


def _wrong(term: _Term, target: str, text_words: Sequence[Word]) -> list[_Found]:
    found: list[_Found] = []
    for variant, form in term.wrong:
        case_sensitive = variant in term.case_only
        found += [
            _Found(term, "wrong", o, form)
            for o in form.find(target, text_words, case_sensitive=case_sensitive)
        ]
    return _leftmost_longest(found)


def _case_only_spans(term: _Term, target: str, text_words: Sequence[Word]) -> list[tuple[int, int]]:
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
    code = _code(language)
    own = fold(glossary_word)
    if code == "kk":
        if folded.startswith(own) and folded[len(own) :].startswith(_KK_DERIVATIONS):
            return False
    elif folded.startswith(_stem(glossary_word)):
        return False  # a derivation (челябинскую), or an inflection the paradigm lacks
    lemmas = is_known_word(language, word.text)
    return not (lemmas and own not in lemmas)


def _near(
    term: _Term,
    target: str,
    text_words: Sequence[Word],
    blocked: Sequence[tuple[int, int]],
    language: str,
    short: bool,
) -> _Found | None:
    """The best near miss of *term* among the words not *blocked* by a known occurrence."""
    forms: list[TermForm] = [term.approved] + [form for _, form in term.wrong]
    if short and term.person and term.approved.size > 1:
        forms.append(term.tail(1))
    best: _Found | None = None
    for form in forms:
        size = form.size
        for i in range(len(text_words) - size + 1):
            window = text_words[i : i + size]
            span = (window[0].start, window[-1].end)
            if any(_overlaps(span, b) for b in blocked):
                continue
            result = _near_window(form, target, window, language)
            if result is None:
                continue
            score, features = result
            if best is None or score > best.score:
                occurrence = Occurrence(span[0], span[1], i, size, features)
                best = _Found(term, "near", occurrence, form, score)
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
    if _code(language) == "ru":
        from toolkit.morphology import ru

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


def _replacement_form(found: _Found) -> TermForm:
    """What replaces a rendering: the approved form, or a person's surname for a surname."""
    term = found.term
    if found.kind == "approved":
        return found.form
    words_found = found.occurrence.count
    if term.person and words_found < term.approved.size:
        return term.tail(words_found)
    return term.approved


def _with_first_name(found: _Found, text_words: Sequence[Word]) -> _Found:
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
    found: _Found,
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
    approved: Sequence[_Found],
    repairs: Sequence[_Repair],
    target: str,
    text_words: Sequence[Word],
    language: str,
) -> list[_Repair]:
    """*repairs* with the inflection repairs added: approved forms whose inflection cannot be
    right where they stand, and (Russian) names in apposition to a title in another case."""
    result: list[_Repair] = []
    code = _code(language)
    repaired = {id(r.found): r for r in repairs}
    items = sorted([*approved, *(r.found for r in repairs)], key=lambda f: f.span)
    # the title just before and its readings, when it is in an oblique case
    title: tuple[_Found, frozenset[Features]] | None = None
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


def _derived(term: _Term, text_words: Sequence[Word], language: str) -> bool:
    """A one-word Kazakh term rendered by a derivation (``қазақстандық`` for ``Kazakhstani``
    investors): not missing, and not to be repaired either."""
    if _code(language) != "kk" or term.approved.size != 1:
        return False
    own = fold(term.target.approved)
    return any(
        fold(w.text).startswith(own) and fold(w.text)[len(own) :].startswith(_KK_DERIVATIONS)
        for w in text_words
    )


def _findings(
    source: str,
    text: str,
    mentions: Sequence[_Mention],
    terms: dict[str, _Term],
    language: str,
) -> list[Finding]:
    text_words = words(text)
    findings: list[Finding] = []
    approved_spans: list[tuple[int, int]] = []
    present = _present(terms, text_words)
    for term in present:
        approved_spans += [o.span for o in term.approved.find(text, text_words)]
    named = {m.concept for m in mentions}
    for mention in mentions:
        term = terms[mention.concept]
        case_only = _case_only_spans(term, text, text_words)
        found = [
            f
            for f in _approved(term, text, text_words)
            if f.form is term.approved or mention.short
            if f.span not in case_only
        ]
        if found or _derived(term, text_words, language):
            continue
        start, end = mention.span
        message = (
            f"'{source[start:end]}' ({term.concept.id}): approved '{term.target.approved}' "
            "not found in any inflected form"
        )
        severity = Severity.ERROR
        if mention.coordinated:
            message += " (a coordinated list: names may have become adjectives)"
            severity = Severity.WARNING
        findings.append(
            Finding(
                TERM_MISSING, severity, message, Location(), subject=text, source_span=mention.span
            )
        )
    for term in present:
        if term.concept.id in named:
            continue
        for wrong in _wrong(term, text, text_words):
            inside = any(_inside(wrong.span, a) or wrong.span == a for a in approved_spans)
            if inside and wrong.span not in _case_only_spans(term, text, text_words):
                continue
            start, end = wrong.span
            findings.append(
                Finding(
                    TERM_FORBIDDEN,
                    Severity.ERROR,
                    f"'{text[start:end]}' is a wrong variant '{wrong.form.form}' of "
                    f"{term.concept.id}; use '{term.target.approved}'",
                    Location(),
                    subject=text,
                    span=wrong.span,
                )
            )
    findings.sort(key=lambda f: (f.check, f.span or f.source_span or (0, 0)))
    return findings


def term_renderings(
    source: str, text: str, termbase: Termbase, language: str
) -> dict[str, tuple[tuple[int, int], ...]]:
    """Per concept the source names (with an approved form in *language*): the spans of *text*
    that render it with the approved form, in any inflected form (a person named by a short
    form in the source: the surname alone too). A concept rendered otherwise maps to ()."""
    terms = _terms(termbase, language)
    text_words = words(text)
    found: dict[str, tuple[tuple[int, int], ...]] = {}
    for mention in _mentions(source, termbase, terms):
        term = terms[mention.concept]
        case_only = _case_only_spans(term, text, text_words)
        found[mention.concept] = tuple(
            f.span
            for f in _approved(term, text, text_words)
            if (f.form is term.approved or mention.short) and f.span not in case_only
        )
    return found


def enforce_segment(source: str, target: str, termbase: Termbase, language: str) -> Enforcement:
    """Repair the glossary terms of one translated segment (see the module docstring)."""
    terms = _terms(termbase, language)
    if not target.strip() or not terms:
        return Enforcement(target)
    mentions = _mentions(source, termbase, terms)
    text_words = words(target)

    approved_all: list[_Found] = []
    wrong_all: list[_Found] = []
    for term in _present(terms, text_words):
        case_only = _case_only_spans(term, target, text_words)
        approved_all += [f for f in _approved(term, target, text_words) if f.span not in case_only]
        wrong_all += _wrong(term, target, text_words)
    approved_spans = [f.span for f in approved_all if f.form is f.term.approved]

    repairs: list[_Repair] = []
    named = {m.concept: m for m in mentions}
    for found in wrong_all:
        if found.term.concept.id not in named:
            continue
        if any(_inside(found.span, a) for a in approved_spans):
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
        near = _near(terms[concept], target, text_words, blocked, language, mention.short)
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
        if not any(_overlaps(repair.found.span, a.found.span) for a in accepted):
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
    findings = _findings(source, text, mentions, terms, language)
    return Enforcement(text, tuple(changes), tuple(findings))


# --- catalogs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryEnforcement:
    """What enforcement did to one catalog entry."""

    message: Message  # the entry after enforcement (the same object when nothing changed)
    original: Message
    changes: tuple[Change, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def enforce_message(message: Message, termbase: Termbase, language: str) -> EntryEnforcement:
    """Enforce the glossary on every translation of *message*.

    A changed entry gets one ``# enforced: ...`` translator comment per change and is made fuzzy;
    its findings carry the entry's key (their ``location`` is left for the caller to fill in).
    """
    if message.obsolete or not message.msgid or not message.has_translation:
        return EntryEnforcement(message, message)
    sources = (
        [message.msgid] + [message.msgid_plural or message.msgid] * (len(message.msgstr_plural) - 1)
        if message.plural
        else [message.msgid]
    )
    texts: list[str] = []
    changes: list[Change] = []
    findings: list[Finding] = []
    for source, target in zip(sources, message.translations, strict=True):
        result = enforce_segment(source, target, termbase, language)
        texts.append(result.text)
        changes += result.changes
        findings += [replace(f, entry=message.key) for f in result.findings]
    if not changes:
        return EntryEnforcement(message, message, (), tuple(findings))
    changed = with_translation(message, texts if message.plural else texts[0], fuzzy=True)
    comments = tuple(change.comment() for change in changes)
    changed = replace(changed, translator_comments=(*changed.translator_comments, *comments))
    return EntryEnforcement(changed, message, tuple(changes), tuple(findings))


@dataclass(frozen=True)
class CatalogEnforcement:
    catalog: Catalog
    entries: tuple[EntryEnforcement, ...] = field(default=())

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(c for e in self.entries for c in e.changes)

    @property
    def changed(self) -> tuple[EntryEnforcement, ...]:
        return tuple(e for e in self.entries if e.changed)


def enforce_catalog(catalog: Catalog, termbase: Termbase, language: str) -> CatalogEnforcement:
    """Enforce the glossary on every translated active entry of *catalog*."""
    results: list[EntryEnforcement] = []
    messages: list[Message] = []
    for message in catalog.messages:
        result = enforce_message(message, termbase, language)
        messages.append(result.message)
        if result.original.has_translation and not message.obsolete and message.msgid:
            results.append(result)
    updated = catalog.with_messages(messages) if any(r.changed for r in results) else catalog
    return CatalogEnforcement(updated, tuple(results))


# --- files --------------------------------------------------------------------------------------


def load_termbase(
    languages: Sequence[str],
    *,
    settings: Settings | None = None,
    folder: Path | None = None,
) -> Termbase:
    """The glossary for *languages*: from *folder* when given, else the project's."""
    from toolkit.glossary.storage import read_termbase

    source = settings.source_language if settings is not None else "en"
    if folder is None:
        if settings is None:
            raise GlossaryError("no glossary", hint="pass --glossary DIR or run inside a project")
        folder = settings.glossary_path
    if not folder.is_dir():
        raise GlossaryError("no such glossary folder", path=folder, hint="check --glossary")
    return read_termbase(folder, list(dict.fromkeys(languages)), source_language=source)


def catalog_diff(path: str, before: Catalog, after: Catalog) -> str:
    """A unified diff of a catalog's text before and after (empty when equal)."""
    from toolkit.gettext import pofile

    old = pofile.dump_catalog(before).splitlines(keepends=True)
    new = pofile.dump_catalog(after).splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}"))
