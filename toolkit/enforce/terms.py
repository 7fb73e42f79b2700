"""The glossary as enforcement uses it: read from its folder, compiled once per language.

:func:`load_termbase` reads a glossary folder; :func:`compiled_terms` compiles each concept's
approved form and wrong variants in one language into a :class:`Term` (morphology's
:class:`~toolkit.morphology.TermForm`), cached per termbase and shared by the mentions, the
renderings, the findings and the repairs.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from toolkit.config import Settings
from toolkit.errors import GlossaryError
from toolkit.glossary.storage import read_termbase
from toolkit.glossary.termbase import Concept, ConceptType, TargetTerm, Termbase
from toolkit.morphology import TermForm, Word, term_form
from toolkit.text import fold

__all__ = ["Term", "compiled_terms", "language_code", "load_termbase", "present_terms"]


def language_code(language: str) -> str:
    """The language part of a locale code: "ru" for "ru_RU" or "ru-RU"."""
    return language.replace("-", "_").split("_")[0].lower()


@dataclass(frozen=True)
class Term:
    """A concept's approved form and wrong variants in one language, compiled."""

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


def present_terms(terms: dict[str, Term], text_words: Sequence[Word]) -> list[Term]:
    """The terms that may occur among *text_words* (see :attr:`Term.first_keys`)."""
    keys = {w.key for w in text_words}
    return [term for term in terms.values() if not term.first_keys.isdisjoint(keys)]


def _compile_term(concept: Concept, term: TargetTerm) -> Term:
    person = concept.type is ConceptType.PERSON
    hints = term.morphology
    approved = term_form(term.approved, term.language, person=person, hints=hints)
    # A wrong variant inflects by the usual rules: the hints describe the approved form.
    wrong = tuple(
        (variant, term_form(variant, term.language, person=person)) for variant in term.wrong
    )
    case_only = frozenset(v for v in term.wrong if fold(v) == fold(term.approved))
    return Term(concept, term, approved, wrong, case_only, person)


_COMPILED: dict[int, tuple[weakref.ref[Termbase], dict[str, dict[str, Term]]]] = {}


def _forget(key: int) -> Callable[[weakref.ref[Termbase]], None]:
    def forget(_: weakref.ref[Termbase]) -> None:
        _COMPILED.pop(key, None)

    return forget


def compiled_terms(termbase: Termbase, language: str) -> dict[str, Term]:
    """Every concept with an approved (not fuzzy) form in *language*, compiled once."""
    key = id(termbase)
    entry = _COMPILED.get(key)
    if entry is None or entry[0]() is not termbase:
        # keyed by identity: a termbase is a large frozen value, hashing it on every call costs
        entry = (weakref.ref(termbase, _forget(key)), {})
        _COMPILED[key] = entry
    languages = entry[1]
    if language not in languages:
        compiled: dict[str, Term] = {}
        for concept in termbase:
            term = concept.target(language)
            if term is None or not term.approved or term.fuzzy or concept.id in compiled:
                continue
            compiled[concept.id] = _compile_term(concept, term)
        languages[language] = compiled
    return languages[language]


def load_termbase(
    languages: Sequence[str],
    *,
    settings: Settings | None = None,
    folder: Path | None = None,
) -> Termbase:
    """The glossary for *languages*: from *folder* when given, else the project's."""
    source = settings.source_language if settings is not None else "en"
    if folder is None:
        if settings is None:
            raise GlossaryError("no glossary", hint="pass --glossary DIR or run inside a project")
        folder = settings.glossary_path
    if not folder.is_dir():
        raise GlossaryError("no such glossary folder", path=folder, hint="check --glossary")
    return read_termbase(folder, list(dict.fromkeys(languages)), source_language=source)
