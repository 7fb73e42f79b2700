"""The termbase: concepts, their source variants and their approved form in each target language.

A :class:`Concept` is one thing the glossary names: a person, a place, an organisation, an event,
an official title or something else, with a stable id (``alikhan-smailov``), one canonical source
form (``Alikhan Smailov``), any number of source variants (``Alihan Smailov``, ``Smailov``) and a
note. Per target language it has one :class:`TargetTerm`: the approved form, the wrong variants a
translation must be repaired from (``Смайлов``), whether the term is kept as in the source
(do-not-translate), and :class:`Morphology` hints for inflecting it.

Everything here is a frozen value; changes are plain functions and ``with_*`` methods that return
new values. Values are checked when they are made, so a termbase never holds a form that cannot
be written to a PO file or matched (a line break, a control character, no letter at all): the
check raises :class:`GlossaryError`. Consistency *between* concepts (one variant claimed twice, a
wrong variant that is another concept's approved form) is not checked here: a termbase read from
hand-edited files must be able to hold such mistakes so that :mod:`toolkit.glossary.lint` can
report them all at once.

Lookups go through the matcher's normalisation (:func:`toolkit.glossary.matcher.normalize_term`),
so ``YEKATERINBURG``, ``Kazakhstan’s`` and ``Nur–Sultan`` find the concepts they name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from typing import Any

from toolkit.errors import GlossaryError
from toolkit.glossary.matcher import Matcher
from toolkit.text import fold, normalize_term

__all__ = [
    "Concept",
    "ConceptChange",
    "ConceptType",
    "Gender",
    "Morphology",
    "TargetTerm",
    "Termbase",
    "apply_change",
    "check_form",
    "check_id",
    "clean_note",
    "make_id",
]

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Characters a one-line value may not hold: they would break a PO comment line or be invisible.
_FORBIDDEN = {"Cc", "Cs", "Zl", "Zp"}


class ConceptType(StrEnum):
    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"
    EVENT = "event"
    TITLE = "title"
    OTHER = "other"


class Gender(StrEnum):
    """Grammatical gender (or plural-only) that agreement and surname forms depend on."""

    MASCULINE = "m"
    FEMININE = "f"
    NEUTER = "n"
    PLURAL = "pl"


# --- checks on single values -----------------------------------------------------------------


def check_id(concept_id: str) -> str:
    """Return *concept_id* if it is a valid id (``alikhan-smailov``), else raise."""
    if not _ID.fullmatch(concept_id):
        raise GlossaryError(
            f"invalid concept id {concept_id!r}",
            hint="use lower-case letters, digits and single hyphens, e.g. 'alikhan-smailov'",
        )
    return concept_id


def make_id(source: str) -> str:
    """A concept id made from a source form: ``Prime Minister of Kazakhstan`` ->
    ``prime-minister-of-kazakhstan``."""
    folded = fold(source).replace("'", "")  # one dash, one apostrophe, lower case
    ascii_form = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_form))
    if not slug:
        raise GlossaryError(
            f"cannot make a concept id from {source!r}", hint="give one with --id ID"
        )
    return slug


def _check_line(value: str, what: str, *, empty: bool = False) -> str:
    if not empty and not value:
        raise GlossaryError(f"{what} is empty")
    if value != value.strip():
        raise GlossaryError(f"{what} {value!r} starts or ends with whitespace")
    bad = next((ch for ch in value if unicodedata.category(ch) in _FORBIDDEN), None)
    if bad is not None:
        raise GlossaryError(
            f"{what} {value!r} contains U+{ord(bad):04X}",
            hint="a glossary form is one line of text without control characters",
        )
    return value


def check_form(value: str, what: str, *, empty: bool = False) -> str:
    """Return *value* if it can be a glossary form (one line, trimmed, with a letter or digit)."""
    _check_line(value, what, empty=empty)
    if value and not any(ch.isalnum() for ch in value):
        raise GlossaryError(f"{what} {value!r} has no letter or digit")
    return value


def _check_note(note: str, what: str) -> str:
    for line in note.split("\n"):
        _check_line(line, what)
    return note


def clean_note(text: str) -> str:
    """A note as the termbase keeps it: lines stripped, empty lines dropped."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


# --- values ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Morphology:
    """What inflecting a target term needs to know beyond the form itself.

    ``inflect`` names the words of the approved form that change with case and number (``()``:
    not said, the usual rules apply): ``Премьер-Министр Республики Казахстан`` inflects only
    ``Премьер-Министр``. ``indeclinable`` says no word changes (``Алматы`` in Russian).
    Written as ``gender=m inflect=Премьер-Министр indeclinable`` (:meth:`format`, :meth:`parse`).
    """

    gender: Gender | None = None
    inflect: tuple[str, ...] = ()
    indeclinable: bool = False

    def __post_init__(self) -> None:
        for word in self.inflect:
            _check_line(word, "inflected word")
            if any(ch.isspace() or ch == "," for ch in word):
                raise GlossaryError(
                    f"inflected word {word!r} is not one word",
                    hint="list words separated by commas: inflect=Генеральное,консульство",
                )
        if self.indeclinable and self.inflect:
            raise GlossaryError(
                "a term cannot be indeclinable and name words that inflect",
                hint="keep either 'indeclinable' or 'inflect=...'",
            )

    @property
    def empty(self) -> bool:
        return self.gender is None and not self.inflect and not self.indeclinable

    def format(self) -> str:
        items = []
        if self.gender is not None:
            items.append(f"gender={self.gender.value}")
        if self.inflect:
            items.append("inflect=" + ",".join(self.inflect))
        if self.indeclinable:
            items.append("indeclinable")
        return " ".join(items)

    @classmethod
    def parse(cls, spec: str) -> Morphology:
        """Read ``gender=m inflect=A,B indeclinable`` (items in any order, each at most once)."""
        gender: Gender | None = None
        inflect: tuple[str, ...] = ()
        indeclinable = False
        seen: set[str] = set()
        for item in spec.split():
            key, sep, value = item.partition("=")
            if key in seen:
                raise GlossaryError(f"morphology item {key!r} given twice in {spec!r}")
            seen.add(key)
            if key == "gender" and sep:
                try:
                    gender = Gender(value)
                except ValueError:
                    raise GlossaryError(
                        f"unknown gender {value!r}",
                        hint="gender is one of " + ", ".join(g.value for g in Gender),
                    ) from None
            elif key == "inflect" and sep:
                inflect = tuple(value.split(","))
                if not all(inflect):
                    raise GlossaryError(f"empty word in {item!r}", hint="inflect=WORD,WORD")
            elif key == "indeclinable" and not sep:
                indeclinable = True
            else:
                raise GlossaryError(
                    f"unknown morphology item {item!r}",
                    hint="known items: gender=m|f|n|pl, inflect=WORD[,WORD...], indeclinable",
                )
        return cls(gender=gender, inflect=inflect, indeclinable=indeclinable)

    def record(self) -> dict[str, Any]:
        """The hints as JSON-ready data."""
        return {
            "gender": self.gender.value if self.gender else None,
            "inflect": list(self.inflect),
            "indeclinable": self.indeclinable,
        }


@dataclass(frozen=True)
class TargetTerm:
    """A concept in one target language."""

    language: str
    approved: str = ""  # the one approved form; empty: not decided yet
    wrong: tuple[str, ...] = ()  # forms a translation must be repaired from
    do_not_translate: bool = False  # kept exactly as the source form
    fuzzy: bool = False  # the approved form awaits review (a PO "fuzzy" flag): not approved
    morphology: Morphology = field(default_factory=Morphology)
    note: str = ""
    line: int | None = field(default=None, compare=False)  # where it was read, for messages

    def __post_init__(self) -> None:
        if not self.language:
            raise GlossaryError("a target term needs a language")
        check_form(self.approved, f"{self.language} approved form", empty=True)
        for form in self.wrong:
            check_form(form, f"{self.language} wrong variant")
        if self.note:
            _check_note(self.note, f"{self.language} note")

    @property
    def empty(self) -> bool:
        """Nothing is said: no form, no flag, no hint, no note (as an untranslated entry)."""
        return not (
            self.approved
            or self.wrong
            or self.do_not_translate
            or self.fuzzy
            or self.note
            or not self.morphology.empty
        )

    @property
    def forms(self) -> tuple[str, ...]:
        """The approved form (if any), then the wrong variants."""
        return ((self.approved,) if self.approved else ()) + self.wrong

    def is_wrong(self, text: str) -> bool:
        """*text* is exactly one of the wrong variants (case matters: ``Иннопром``)."""
        return text.strip() in self.wrong

    def record(self) -> dict[str, Any]:
        """The term as JSON-ready data (its language is the key it is filed under)."""
        return {
            "approved": self.approved,
            "wrong": list(self.wrong),
            "do_not_translate": self.do_not_translate,
            "fuzzy": self.fuzzy,
            "morphology": self.morphology.record(),
            "note": self.note,
        }


@dataclass(frozen=True)
class Concept:
    """One glossary entry: a stable id, a type, the source forms and the target terms."""

    id: str
    type: ConceptType
    source: str  # the canonical source form
    variants: tuple[str, ...] = ()  # other source forms: spellings, short forms, casings
    note: str = ""
    targets: tuple[TargetTerm, ...] = ()  # at most one per language, none empty
    line: int | None = field(default=None, compare=False)  # where it was read, for messages

    def __post_init__(self) -> None:
        check_id(self.id)
        if not isinstance(self.type, ConceptType):
            raise GlossaryError(f"concept {self.id!r} has no valid type")
        check_form(self.source, f"source form of {self.id!r}")
        for variant in self.variants:
            check_form(variant, f"variant of {self.id!r}")
        if self.note:
            _check_note(self.note, f"note of {self.id!r}")
        languages = [t.language for t in self.targets]
        if len(set(languages)) != len(languages):
            raise GlossaryError(f"concept {self.id!r} has two target terms for one language")

    @property
    def source_forms(self) -> tuple[str, ...]:
        """The canonical form, then the variants: every form the source matcher looks for."""
        return (self.source, *self.variants)

    def target(self, language: str) -> TargetTerm | None:
        return next((t for t in self.targets if t.language == language), None)

    def record(self, languages: Collection[str] | None = None) -> dict[str, Any]:
        """The concept as JSON-ready data (what ``--format json`` prints); *languages*: the
        target terms to include (default all)."""
        return {
            "id": self.id,
            "type": self.type.value,
            "source": self.source,
            "variants": list(self.variants),
            "note": self.note,
            "targets": {
                term.language: term.record()
                for term in self.targets
                if languages is None or term.language in languages
            },
        }

    def with_target(self, term: TargetTerm) -> Concept:
        """The concept with *term* for its language (replacing one); an empty term removes it."""
        kept = tuple(t for t in self.targets if t.language != term.language)
        if term.empty:
            return replace(self, targets=kept)
        position = next(
            (i for i, t in enumerate(self.targets) if t.language == term.language), len(kept)
        )
        return replace(self, targets=(*kept[:position], term, *kept[position:]))


@dataclass(frozen=True)
class Termbase:
    """The whole glossary: concepts in file order and the target languages it serves.

    Concepts may repeat an id (a hand-edited file can); :meth:`get` returns the first and lint
    reports the rest.
    """

    concepts: tuple[Concept, ...] = ()
    languages: tuple[str, ...] = ()
    source_language: str = "en"

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    @cached_property
    def _by_id(self) -> dict[str, Concept]:
        index: dict[str, Concept] = {}
        for concept in self.concepts:
            index.setdefault(concept.id, concept)
        return index

    def get(self, concept_id: str) -> Concept | None:
        """The concept with this id (the first one, if a file repeats it)."""
        return self._by_id.get(concept_id)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._by_id

    @cached_property
    def _by_source_form(self) -> dict[str, list[Concept]]:
        index: dict[str, list[Concept]] = {}
        for concept in self.concepts:
            for form in concept.source_forms:
                found = index.setdefault(normalize_term(form), [])
                if concept not in found:
                    found.append(concept)
        return index

    @cached_property
    def _by_target_form(self) -> dict[str, list[Concept]]:
        index: dict[str, list[Concept]] = {}
        for concept in self.concepts:
            for term in concept.targets:
                for form in term.forms:
                    found = index.setdefault(normalize_term(form), [])
                    if concept not in found:
                        found.append(concept)
        return index

    def lookup(self, term: str) -> tuple[Concept, ...]:
        """Concepts named by *term*: its id, else any source form, else any target form.

        Case, dashes, apostrophes and a possessive ending do not matter (the matcher's
        normalisation). Several concepts come back only when the glossary is ambiguous.
        """
        key = term.strip()
        by_id = self.get(key.lower())
        if by_id is not None:
            return (by_id,)
        folded = normalize_term(key)
        return tuple(self._by_source_form.get(folded) or self._by_target_form.get(folded) or ())

    @cached_property
    def source_matcher(self) -> Matcher:
        """Finds every source form of every concept; match keys are concept ids."""
        return Matcher.build(
            (form, concept.id) for concept in self.concepts for form in concept.source_forms
        )

    @cached_property
    def _target_matchers(self) -> dict[str, Matcher]:
        return {}

    def target_matcher(self, language: str) -> Matcher:
        """Finds approved forms and wrong variants in *language*; keys are concept ids.

        ``Match.pattern`` is the form as stored: :meth:`TargetTerm.is_wrong` tells a wrong
        variant from the approved form (only case may tell them apart: ``Иннопром``).
        """
        matcher = self._target_matchers.get(language)
        if matcher is None:
            matcher = Matcher.build(
                (form, concept.id)
                for concept in self.concepts
                if (term := concept.target(language)) is not None
                for form in term.forms
            )
            self._target_matchers[language] = matcher
        return matcher

    def with_concept(self, concept: Concept) -> Termbase:
        """Replace the concept with the same id (the first), or append *concept*."""
        for i, old in enumerate(self.concepts):
            if old.id == concept.id:
                concepts = (*self.concepts[:i], concept, *self.concepts[i + 1 :])
                return replace(self, concepts=concepts)
        return replace(self, concepts=(*self.concepts, concept))

    def without(self, concept_id: str) -> Termbase:
        """Every concept but those with *concept_id*."""
        return replace(self, concepts=tuple(c for c in self.concepts if c.id != concept_id))


# --- changes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConceptChange:
    """What ``glossary add`` and ``glossary edit`` change in one concept.

    ``None`` leaves a field as it is. Per-language fields map a language code to a value;
    ``do_not_translate`` applies to every language of the termbase.
    """

    type: ConceptType | None = None
    source: str | None = None
    add_variants: tuple[str, ...] = ()
    remove_variants: tuple[str, ...] = ()
    note: str | None = None
    targets: tuple[tuple[str, str], ...] = ()  # (language, approved form)
    add_wrong: tuple[tuple[str, str], ...] = ()  # (language, wrong variant)
    remove_wrong: tuple[tuple[str, str], ...] = ()
    morphology: tuple[tuple[str, Morphology], ...] = ()
    target_notes: tuple[tuple[str, str], ...] = ()
    do_not_translate: bool | None = None


def _missing(what: str, value: str, concept_id: str) -> GlossaryError:
    return GlossaryError(
        f"{concept_id} has no {what} {value!r} to remove",
        hint=f"`toolkit glossary show {concept_id}` lists what it has",
    )


def apply_change(concept: Concept, change: ConceptChange, languages: Iterable[str]) -> Concept:
    """The concept with *change* applied; removing what is not there is an error.

    Variants and wrong variants that are already listed are not added twice. Marking a concept
    do-not-translate sets its approved form in every language to the source form, unless the
    same change gives another one (which lint then reports).
    """
    languages = tuple(languages)
    source = change.source if change.source is not None else concept.source
    variants = list(concept.variants)
    for variant in change.remove_variants:
        if variant not in variants:
            raise _missing("variant", variant, concept.id)
        variants.remove(variant)
    for variant in change.add_variants:
        if variant not in variants and variant != source:
            variants.append(variant)
    result = replace(
        concept,
        type=change.type or concept.type,
        source=source,
        variants=tuple(variants),
        note=clean_note(change.note) if change.note is not None else concept.note,
    )
    touched = dict.fromkeys(
        [language for language, _ in change.targets]
        + [language for language, _ in change.add_wrong + change.remove_wrong]
        + [language for language, _ in change.morphology]
        + [language for language, _ in change.target_notes]
        + (list(languages) if change.do_not_translate is not None else [])
        # a do-not-translate target follows a new source form
        + [t.language for t in concept.targets if change.source and t.do_not_translate]
    )
    for language in touched:
        term = result.target(language) or TargetTerm(language)
        wrong = list(term.wrong)
        for lang, form in change.remove_wrong:
            if lang == language:
                if form not in wrong:
                    raise _missing(f"{language} wrong variant", form, concept.id)
                wrong.remove(form)
        for lang, form in change.add_wrong:
            if lang == language and form not in wrong:
                wrong.append(form)
        approved = term.approved
        dnt = term.do_not_translate
        if change.do_not_translate is not None:
            dnt = change.do_not_translate
            if dnt:
                approved = source
        elif dnt and approved == concept.source:
            approved = source
        given = [form for lang, form in change.targets if lang == language]
        morphs = [m for lang, m in change.morphology if lang == language]
        notes = [n for lang, n in change.target_notes if lang == language]
        result = result.with_target(
            replace(
                term,
                approved=given[-1] if given else approved,
                # a form a person sets is reviewed: it is no longer pending
                fuzzy=term.fuzzy and not given,
                wrong=tuple(wrong),
                do_not_translate=dnt,
                morphology=morphs[-1] if morphs else term.morphology,
                note=clean_note(notes[-1]) if notes else term.note,
            )
        )
    return result
