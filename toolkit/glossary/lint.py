"""Glossary lint: named rules that look at a whole termbase and return findings.

Each rule is a plain function from a :class:`Termbase` to :class:`~toolkit.findings.Finding`
values, registered with its name and severity in :data:`RULES`. Severities say what a finding
means for the glossary:

- **error**: the glossary contradicts itself and cannot be applied as it stands (one variant
  names two concepts, a wrong variant is another concept's approved form). ``glossary add`` and
  ``glossary edit`` refuse changes that create one.
- **warning**: incomplete or redundant (no approved form yet in a language, a variant listed
  twice). Adding a concept before its translations are known is normal work.
- **info**: worth knowing, not wrong: a form nested inside another concept's form, which the
  matcher then finds only as part of the longer one.

Comparisons: source forms and forms of *different* concepts are compared the way the matcher
compares them (:func:`~toolkit.glossary.matcher.normalize_term`: case, dashes, apostrophes),
since that is how they would collide in a text. A term's own approved form and wrong variants
are compared exactly, because a wrong variant may differ only in case (``Иннопром`` for
``ИННОПРОМ``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from toolkit.errors import GlossaryError
from toolkit.findings import Finding, Location, Severity
from toolkit.glossary.storage import TEMPLATE_NAME
from toolkit.glossary.termbase import Concept, TargetTerm, Termbase
from toolkit.text import normalize_term

__all__ = ["RULES", "Rule", "lint", "lint_record", "new_errors", "require_no_new_errors"]


@dataclass(frozen=True)
class _Where:
    """Turns a concept or target term into a ``file:line`` location."""

    folder: str

    def source(self, concept: Concept) -> Location:
        return self._at(TEMPLATE_NAME, concept.line)

    def target(self, language: str, term: TargetTerm | None) -> Location:
        return self._at(f"{language}.po", term.line if term is not None else None)

    def _at(self, name: str, line: int | None) -> Location:
        return Location(f"{self.folder}/{name}" if self.folder else name, line)


Check = Callable[
    [Termbase, _Where], Iterable[tuple[Location, str, str]]
]  # (where, message, subject)


@dataclass(frozen=True)
class Rule:
    name: str  # stable, used in output and in --rule style switches
    severity: Severity
    description: str
    check: Check

    def run(self, termbase: Termbase, where: _Where) -> Iterator[Finding]:
        for location, message, subject in self.check(termbase, where):
            yield Finding(self.name, self.severity, message, location, subject)


RULES: list[Rule] = []


def _rule(name: str, severity: Severity, description: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES.append(Rule(name, severity, description, check))
        return check

    return register


def lint(
    termbase: Termbase, *, folder: str = "glossary", rules: Iterable[str] | None = None
) -> list[Finding]:
    """Every finding of every rule (or of the named *rules*), rule by rule in concept order.

    *folder* prefixes the file names in locations (``glossary/ru.po:12``).
    """
    wanted = set(rules) if rules is not None else None
    if wanted is not None:
        unknown = wanted - {rule.name for rule in RULES}
        if unknown:
            raise GlossaryError(
                f"unknown lint rule(s): {', '.join(sorted(unknown))}",
                hint="rules: " + ", ".join(rule.name for rule in RULES),
            )
    where = _Where(folder)
    return [
        finding
        for rule in RULES
        if wanted is None or rule.name in wanted
        for finding in rule.run(termbase, where)
    ]


def lint_record(finding: Finding) -> dict[str, Any]:
    """A lint finding as JSON-ready data (what ``glossary lint --format json`` prints): a
    glossary finding has no span or catalog entry, so the shape is narrower than
    :meth:`Finding.record`."""
    return {
        "check": finding.check,
        "severity": finding.severity.label,
        "location": str(finding.location),
        "message": finding.message,
        "subject": finding.subject,
    }


def new_errors(before: Termbase, after: Termbase) -> list[Finding]:
    """Errors *after* has that *before* did not (compared without their line numbers)."""
    known = {(f.check, f.message) for f in lint(before) if f.severity is Severity.ERROR}
    return [
        f for f in lint(after) if f.severity is Severity.ERROR and (f.check, f.message) not in known
    ]


def require_no_new_errors(before: Termbase, after: Termbase) -> None:
    """Raise :class:`GlossaryError` listing the lint errors a change would create."""
    errors = new_errors(before, after)
    if errors:
        listed = "; ".join(f"[{f.check}] {f.message}" for f in errors)
        raise GlossaryError(
            f"the change would make the glossary inconsistent: {listed}",
            hint="nothing was written; change the conflicting entry first",
        )


def _names(concepts: Iterable[Concept]) -> str:
    return ", ".join(dict.fromkeys(c.id for c in concepts))


# --- the rules ---------------------------------------------------------------------------------


@_rule("duplicate-id", Severity.ERROR, "two concepts have the same id")
def _duplicate_ids(termbase: Termbase, where: _Where) -> Iterator[tuple[Location, str, str]]:
    first: dict[str, Concept] = {}
    for concept in termbase.concepts:
        earlier = first.setdefault(concept.id, concept)
        if earlier is not concept:
            yield (
                where.source(concept),
                f"concept id {concept.id!r} is used twice: {earlier.source!r} and "
                f"{concept.source!r}",
                concept.id,
            )


@_rule("variant-conflict", Severity.ERROR, "one source form is claimed by two concepts")
def _variant_conflicts(termbase: Termbase, where: _Where) -> Iterator[tuple[Location, str, str]]:
    owners: dict[str, list[tuple[Concept, str]]] = {}
    for concept in termbase.concepts:
        for form in concept.source_forms:
            claims = owners.setdefault(normalize_term(form), [])
            if all(c.id != concept.id for c, _ in claims):
                claims.append((concept, form))
    for claims in owners.values():
        for concept, form in claims[1:]:
            first, first_form = claims[0]
            yield (
                where.source(concept),
                f"source form {form!r} of {concept.id} is also {first_form!r} of {first.id}",
                form,
            )


def _word_spans(folded: str) -> list[tuple[int, int]]:
    """Every (start, end) of a run of whole words in a folded form, as the matcher sees words."""

    def word(ch: str) -> bool:
        return ch.isalnum() or ch == "_"

    starts = [
        i
        for i, ch in enumerate(folded)
        if word(ch)
        and (i == 0 or not word(folded[i - 1]))
        and not (i >= 2 and folded[i - 1] == "'" and word(folded[i - 2]))  # "o'brien"
    ]
    ends = [
        i + 1
        for i, ch in enumerate(folded)
        if word(ch)
        and (i + 1 == len(folded) or not word(folded[i + 1]))
        and not (i + 2 < len(folded) and folded[i + 1] == "'" and word(folded[i + 2]))
    ]
    return [(s, e) for s in starts for e in ends if s < e]


@_rule(
    "shadowed-variant",
    Severity.INFO,
    "a source form lies inside another concept's source form at word boundaries",
)
def _shadowed(termbase: Termbase, where: _Where) -> Iterator[tuple[Location, str, str]]:
    owners: dict[str, list[tuple[Concept, str]]] = {}
    for concept in termbase.concepts:
        for form in concept.source_forms:
            owners.setdefault(normalize_term(form), []).append((concept, form))
    for outer in termbase.concepts:
        reported: set[str] = set()
        for form in outer.source_forms:
            folded = normalize_term(form)
            for start, end in _word_spans(folded):
                if (start, end) == (0, len(folded)):
                    continue
                for inner, inner_form in owners.get(folded[start:end], ()):
                    if inner.id == outer.id or inner.id in reported:
                        continue
                    reported.add(inner.id)
                    yield (
                        where.source(outer),
                        f"{inner_form!r} ({inner.id}) is inside {form!r} ({outer.id}): where "
                        f"the longer form occurs, only {outer.id} is found",
                        inner_form,
                    )


@_rule(
    "missing-target",
    Severity.WARNING,
    "no approved form (or only a fuzzy one) for a target language",
)
def _missing_targets(termbase: Termbase, where: _Where) -> Iterator[tuple[Location, str, str]]:
    for concept in termbase.concepts:
        for language in termbase.languages:
            term = concept.target(language)
            if term is not None and term.approved and not term.fuzzy:
                continue
            if term is not None and term.approved:
                why = f"its approved form {term.approved!r} is fuzzy (not reviewed)"
            elif term is not None and term.do_not_translate:
                why = f"it is do-not-translate but msgstr is empty (write {concept.source!r})"
            else:
                why = "no approved form"
            yield where.target(language, term), f"{concept.id}: {language}: {why}", concept.id


@_rule("approved-is-wrong", Severity.ERROR, "an approved form is also one of its wrong variants")
def _approved_is_wrong(termbase: Termbase, where: _Where) -> Iterator[tuple[Location, str, str]]:
    for concept in termbase.concepts:
        for term in concept.targets:
            if term.approved and term.approved in term.wrong:
                yield (
                    where.target(term.language, term),
                    f"{concept.id}: {term.language}: approved form {term.approved!r} is also "
                    "listed as wrong",
                    term.approved,
                )


@_rule(
    "wrong-collides",
    Severity.ERROR,
    "a wrong variant is another concept's approved form in the same language",
)
def _wrong_collides(termbase: Termbase, where: _Where) -> Iterator[tuple[Location, str, str]]:
    for language in termbase.languages:
        approved: dict[str, list[Concept]] = {}
        for concept in termbase.concepts:
            term = concept.target(language)
            if term is not None and term.approved:
                approved.setdefault(normalize_term(term.approved), []).append(concept)
        for concept in termbase.concepts:
            term = concept.target(language)
            if term is None:
                continue
            for form in term.wrong:
                others = [c for c in approved.get(normalize_term(form), ()) if c.id != concept.id]
                if others:
                    yield (
                        where.target(language, term),
                        f"{concept.id}: {language}: wrong variant {form!r} is the approved form "
                        f"of {_names(others)}",
                        form,
                    )


@_rule(
    "dnt-differs",
    Severity.ERROR,
    "a do-not-translate term whose target differs from its source form",
)
def _dnt_differs(termbase: Termbase, where: _Where) -> Iterator[tuple[Location, str, str]]:
    for concept in termbase.concepts:
        for term in concept.targets:
            if term.do_not_translate and term.approved and term.approved != concept.source:
                yield (
                    where.target(term.language, term),
                    f"{concept.id}: {term.language}: do-not-translate, but the target "
                    f"{term.approved!r} differs from the source {concept.source!r}",
                    term.approved,
                )


@_rule("redundant-variant", Severity.WARNING, "the same form is listed twice in one concept")
def _redundant(termbase: Termbase, where: _Where) -> Iterator[tuple[Location, str, str]]:
    for concept in termbase.concepts:
        seen: set[str] = set()
        for form in concept.source_forms:
            if form in seen:
                yield where.source(concept), f"{concept.id}: {form!r} is listed twice", form
            seen.add(form)
        for term in concept.targets:
            if len(set(term.wrong)) != len(term.wrong):
                twice = next(f for f in term.wrong if term.wrong.count(f) > 1)
                yield (
                    where.target(term.language, term),
                    f"{concept.id}: {term.language}: wrong variant {twice!r} is listed twice",
                    twice,
                )


@_rule(
    "morph-word",
    Severity.ERROR,
    "a morphology hint names a word that is not in the approved form",
)
def _morph_words(termbase: Termbase, where: _Where) -> Iterator[tuple[Location, str, str]]:
    for concept in termbase.concepts:
        for term in concept.targets:
            words = term.approved.split()
            for word in term.morphology.inflect:
                if word not in words:
                    yield (
                        where.target(term.language, term),
                        f"{concept.id}: {term.language}: inflect={word} is not a word of "
                        f"{term.approved!r}",
                        word,
                    )
