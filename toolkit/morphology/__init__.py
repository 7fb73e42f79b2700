"""Glossary terms in any inflected form: finding them in a text and generating the form needed.

A glossary form (``Премьер-Министр Республики Казахстан``, ``Нұр-Сұлтан``) is compiled once per
language into a :class:`TermForm`. It knows which of its words inflect and how, and answers three
questions that enforcement and the checks ask:

- :meth:`TermForm.find`: where does the term occur in a text, in any inflected form, and in which
  grammatical case and number (:class:`Features`) can each occurrence be read;
- :meth:`TermForm.generate`: the term in given features (``Премьер-Министру Республики
  Казахстан``, ``Нұр-Сұлтанда``);
- :meth:`TermForm.near_word`: how close a word of a text comes to one of the term's words in its
  best-fitting inflected form (a misspelling, a transliteration), with the features it would have.

Russian (:mod:`toolkit.morphology.ru`) uses pymorphy3's dictionary and generator and rules for
people's names that the dictionary does not know. Kazakh (:mod:`toolkit.morphology.kk`) is the
toolkit's own suffix grammar: vowel harmony, consonant assimilation, case, plural, possessive and
the pronominal ``н``. Any other language gets :class:`PlainForm`: exact words, no inflection.

Words are what :data:`WORD` matches: letters and digits with inner hyphens or apostrophes
(``Премьер-Министр``, ``ШЫҰ-ның``), the same rule the checks use.
"""

from __future__ import annotations

from functools import lru_cache

from toolkit.glossary.termbase import Morphology
from toolkit.morphology import kk, ru
from toolkit.morphology.forms import (
    ANY,
    NO_HINTS,
    NOMINATIVE,
    WORD,
    Case,
    Features,
    Occurrence,
    PlainForm,
    TermForm,
    Word,
    WordMatch,
    apply_case,
    words,
)

__all__ = [
    "ANY",
    "NOMINATIVE",
    "NO_HINTS",
    "WORD",
    "Case",
    "Features",
    "Occurrence",
    "PlainForm",
    "TermForm",
    "Word",
    "WordMatch",
    "apply_case",
    "governed_cases",
    "is_known_word",
    "term_form",
    "words",
]


def _language(code: str) -> str:
    return code.replace("-", "_").split("_")[0].lower()


@lru_cache(maxsize=4096)
def term_form(
    form: str,
    language: str,
    *,
    person: bool = False,
    hints: Morphology = NO_HINTS,
) -> TermForm:
    """*form* compiled for *language*; *person* selects name rules, *hints* are the glossary's.

    Compiled forms are cached: a termbase's forms are compiled once per process.
    """
    code = _language(language)
    if code == "ru":
        return ru.RussianForm(form, person=person, hints=hints)
    if code == "kk":
        return kk.KazakhForm(form, person=person, hints=hints)
    return PlainForm(form)


def governed_cases(language: str, word: str) -> tuple[Case, ...]:
    """The cases a preposition *word* governs, most usual first; () when it is not one."""
    if _language(language) == "ru":
        return ru.PREPOSITIONS.get(word.lower(), ())
    return ()


def is_known_word(language: str, word: str) -> tuple[str, ...] | None:
    """The dictionary lemmas of *word* when the language's dictionary knows it, else None.

    Only Russian has a dictionary here; a known word is not a misspelling of a name.
    """
    if _language(language) == "ru":
        return ru.known_lemmas(word)
    return None
