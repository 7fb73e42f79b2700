"""The source side: what is sent to the machine translation engine, and what comes back.

Before machine translation, :func:`normalise_source` rewrites source variants to their concept's
canonical spelling (``Alihan Smailov`` -> ``Alikhan Smailov``, ``EKATERINBURG`` ->
``YEKATERINBURG``) and replaces do-not-translate terms with numbered placeholders (``[[1]]``)
that :func:`restore_protected` puts back after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from toolkit.enforce.changes import Change, ChangeKind
from toolkit.glossary.termbase import Concept, ConceptType, Termbase
from toolkit.morphology import words
from toolkit.text import fold, normalize_term

__all__ = [
    "PLACEHOLDER",
    "SPELLING_THRESHOLD",
    "Prepared",
    "Protection",
    "Restored",
    "SourceChange",
    "normalise_source",
    "restore_protected",
]

# Similarity of a source variant's words to the canonical form's for it to be a spelling of it.
SPELLING_THRESHOLD = 75.0
PLACEHOLDER = "[[{n}]]"


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
