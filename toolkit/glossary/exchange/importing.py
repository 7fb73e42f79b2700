"""Importing what an exchange file says into a termbase: :func:`plan_import` merges (or
replaces) and says what changes; :func:`diff_termbases` is that account of changes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from toolkit.errors import GlossaryError
from toolkit.findings import Location
from toolkit.glossary.exchange.model import Exchange
from toolkit.glossary.termbase import Concept, Morphology, TargetTerm, Termbase
from toolkit.text import normalize_term

__all__ = ["ConceptDiff", "ImportMode", "ImportPlan", "diff_termbases", "plan_import"]


class ImportMode(StrEnum):
    MERGE = "merge"
    REPLACE = "replace"


@dataclass(frozen=True)
class ConceptDiff:
    """What an import does to one concept."""

    id: str
    kind: str  # added, changed, removed
    details: tuple[str, ...] = ()

    def format(self) -> str:
        details = ": " + "; ".join(self.details) if self.details else ""
        return f"{self.kind:<8} {self.id}{details}"

    def record(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "details": list(self.details)}


@dataclass(frozen=True)
class ImportPlan:
    before: Termbase
    after: Termbase
    changes: tuple[ConceptDiff, ...]
    warnings: tuple[str, ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        return {
            kind: sum(1 for c in self.changes if c.kind == kind)
            for kind in ("added", "changed", "removed")
        }

    def record(self) -> dict[str, Any]:
        """The JSON shape of ``toolkit glossary import --format json``."""
        return {
            "counts": self.counts,
            "changes": [change.record() for change in self.changes],
            "warnings": list(self.warnings),
        }


class _FormIndex:
    """Normalized source form -> ids of the concepts that have it; grows as concepts are added."""

    def __init__(self, concepts: Iterable[Concept] = ()) -> None:
        self._ids: dict[str, list[str]] = {}
        for concept in concepts:
            self.add(concept)

    def add(self, concept: Concept) -> None:
        for form in concept.source_forms:
            ids = self._ids.setdefault(normalize_term(form), [])
            if concept.id not in ids:
                ids.append(concept.id)

    def find(self, concept: Concept, location: Location) -> str | None:
        """The one concept that has *concept*'s canonical form, else one of its variants."""
        for forms in ((concept.source,), concept.variants):
            found = (i for f in forms for i in self._ids.get(normalize_term(f), ()))
            ids = list(dict.fromkeys(found))
            if len(ids) > 1:
                raise GlossaryError(
                    f"{concept.source!r} ({location}) matches several concepts: {', '.join(ids)}",
                    hint="give it the concept id (an id column, or a TBX conceptEntry id)",
                )
            if ids:
                return ids[0]
        return None


def _merge_morphology(old: Morphology, new: Morphology) -> Morphology:
    words = new if (new.inflect or new.indeclinable) else old
    return Morphology(
        gender=new.gender or old.gender, inflect=words.inflect, indeclinable=words.indeclinable
    )


def _merge_target(old: TargetTerm | None, new: TargetTerm) -> TargetTerm:
    if old is None:
        return new
    wrong = list(old.wrong) + [form for form in new.wrong if form not in old.wrong]
    return replace(
        old,
        approved=new.approved or old.approved,
        fuzzy=new.fuzzy if new.approved else old.fuzzy,
        wrong=tuple(wrong),
        do_not_translate=old.do_not_translate or new.do_not_translate,
        morphology=_merge_morphology(old.morphology, new.morphology),
        note=_merge_notes(old.note, new.note),
    )


def _merge_notes(old: str, new: str) -> str:
    lines = old.split("\n") if old else []
    return "\n".join(lines + [line for line in new.split("\n") if line and line not in lines])


def _merge_concept(old: Concept, new: Concept, *, by_id: bool, typed: bool) -> Concept:
    """*old* with what *new* says: forms are added, never lost; values *new* gives win."""
    source = new.source if by_id else old.source
    forms = [old.source, *old.variants] if source != old.source else list(old.variants)
    known = {normalize_term(f) for f in (source, *forms)}
    for form in new.source_forms:
        if normalize_term(form) not in known:
            forms.append(form)
            known.add(normalize_term(form))
    merged = replace(
        old,
        source=source,
        variants=tuple(f for f in forms if f != source),
        type=new.type if typed else old.type,
        note=_merge_notes(old.note, new.note),
    )
    for term in new.targets:
        merged = merged.with_target(_merge_target(old.target(term.language), term))
    return merged


def plan_import(base: Termbase, incoming: Exchange, mode: ImportMode) -> ImportPlan:
    """The termbase after importing *incoming* into *base*, and what changes.

    Concepts are matched by id, or by source form where the file has no ids. ``merge`` adds
    concepts, variants, wrong variants and note lines, and sets the approved forms, types and
    morphology the file gives; it never removes anything. ``replace`` makes the glossary what
    the file says, taking only the ids and types the file does not give from the concepts it
    matches.
    """
    work = _Work(base.concepts if mode is ImportMode.MERGE else ())
    index = _FormIndex(work.concepts)
    base_index = _FormIndex(base.concepts) if mode is ImportMode.REPLACE else index
    for item in incoming.concepts:
        concept = item.concept
        found: str | None = concept.id if item.id_given else index.find(concept, item.location)
        existing = work.get(found) if found is not None else None
        if existing is not None:
            concept = _merge_concept(existing, concept, by_id=item.id_given, typed=item.type_given)
        elif not item.id_given:
            matched_id = base_index.find(concept, item.location)
            matched = base.get(matched_id) if matched_id is not None else None
            if matched is not None and work.get(matched.id) is None:
                concept = replace(
                    concept,
                    id=matched.id,
                    type=concept.type if item.type_given else matched.type,
                )
            else:
                concept = replace(concept, id=work.free_id(concept.id))
        work.put(concept)
        index.add(concept)
    # Target terms in the project's language order, as reading the files gives them.
    rank = {code: i for i, code in enumerate(base.languages)}
    concepts = tuple(
        replace(c, targets=tuple(sorted(c.targets, key=lambda t: rank.get(t.language, 0))))
        for c in work.concepts
    )
    after = Termbase(concepts, base.languages, base.source_language)
    return ImportPlan(base, after, tuple(diff_termbases(base, after)), incoming.warnings)


class _Work:
    """Concepts in order with an index by id (the first of a repeated id), changed in place:
    a Termbase per step would make an import quadratic."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self.concepts: list[Concept] = list(concepts)
        self._at: dict[str, int] = {}
        for position, concept in enumerate(self.concepts):
            self._at.setdefault(concept.id, position)

    def get(self, concept_id: str) -> Concept | None:
        position = self._at.get(concept_id)
        return self.concepts[position] if position is not None else None

    def put(self, concept: Concept) -> None:
        position = self._at.setdefault(concept.id, len(self.concepts))
        if position == len(self.concepts):
            self.concepts.append(concept)
        else:
            self.concepts[position] = concept

    def free_id(self, wanted: str) -> str:
        new, number = wanted, 1
        while new in self._at:
            number += 1
            new = f"{wanted}-{number}"
        return new


def diff_termbases(before: Termbase, after: Termbase) -> list[ConceptDiff]:
    """Concepts added, changed (with what changed) and removed, in the order of *after*."""
    changes = []
    for concept in after.concepts:
        old = before.get(concept.id)
        if old is None:
            changes.append(ConceptDiff(concept.id, "added", (f"{concept.source!r}",)))
        elif old != concept:
            changes.append(ConceptDiff(concept.id, "changed", tuple(_details(old, concept))))
    changes += [
        ConceptDiff(concept.id, "removed", (f"{concept.source!r}",))
        for concept in before.concepts
        if concept.id not in after
    ]
    return changes


def _listed(what: str, old: Sequence[str], new: Sequence[str]) -> Iterator[str]:
    yield from (f"+{what} {form!r}" for form in new if form not in old)
    yield from (f"-{what} {form!r}" for form in old if form not in new)


def _details(old: Concept, new: Concept) -> list[str]:
    details = []
    if old.type is not new.type:
        details.append(f"type {old.type.value} -> {new.type.value}")
    if old.source != new.source:
        details.append(f"source {old.source!r} -> {new.source!r}")
    details += _listed("variant", old.variants, new.variants)
    if old.note != new.note:
        details.append("note")
    codes = dict.fromkeys([t.language for t in old.targets] + [t.language for t in new.targets])
    for code in codes:
        a = old.target(code) or TargetTerm(code)
        b = new.target(code) or TargetTerm(code)
        if a.approved != b.approved:
            details.append(f"{code} {a.approved or '-'!r} -> {b.approved or '-'!r}")
        details += _listed(f"{code} wrong", a.wrong, b.wrong)
        for name, was, now in (
            ("do-not-translate", a.do_not_translate, b.do_not_translate),
            ("fuzzy", a.fuzzy, b.fuzzy),
        ):
            if was != now:
                details.append(f"{code} {name} {'on' if now else 'off'}")
        if a.morphology != b.morphology:
            details.append(f"{code} morph {a.morphology.format()!r} -> {b.morphology.format()!r}")
        if a.note != b.note:
            details.append(f"{code} note")
    return details
