"""The named checks: a stable name (also the CLI switch), a default severity, one line of help.

Severities say what a finding means for the entry:

- **error**: the translation says something wrong and must not be approved or published as it
  is: a number that changed or went missing, a glossary term missing or in a wrong form, the
  source text left unchanged.
- **warning**: a person should look: probably wrong, or a rule of typography broken, or work
  not done yet (``untranslated``: a missing translation is incomplete, not wrong; ``catalog
  stats`` counts it and ``export`` refuses it, so ``check`` reports it without failing a
  catalog in progress at the default level; ``--fail-on warning`` is the release gate).
- **info**: worth knowing: a suggestion awaiting review (``fuzzy``), a style remark.

A check may give one finding another severity than its default, and says so in the message:
``term-missing`` is a warning in a coordinated list, ``quotes`` is info where the source does
not balance either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from toolkit.checks.basic import check_fuzzy, check_unchanged, check_untranslated
from toolkit.checks.entry import CheckContext, Entry, Issue
from toolkit.checks.length import check_length_ratio
from toolkit.checks.numbers import check_numbers
from toolkit.checks.script import check_latin_residue, check_source_language
from toolkit.checks.terms import check_term_forbidden, check_term_inconsistent, check_term_missing
from toolkit.checks.typography import check_punctuation, check_quotes, check_whitespace
from toolkit.errors import ConfigError
from toolkit.findings import Finding, Severity

__all__ = ["CHECKS", "Check", "EntryCheck", "SetCheck", "Side", "get_check", "select_checks"]

EntryCheck = Callable[[Entry, CheckContext], Iterable[Issue]]
SetCheck = Callable[[Sequence[Entry], CheckContext], Iterable[Issue]]


class Side(StrEnum):
    TARGET = "target"  # language catalogs: the translations
    SOURCE = "source"  # templates: the source text


def each_entry(check: EntryCheck) -> SetCheck:
    """A check of one entry, run over a set of entries."""

    def run(entries: Sequence[Entry], context: CheckContext) -> Iterator[Issue]:
        for entry in entries:
            yield from check(entry, context)

    run.__name__ = check.__name__
    run.__doc__ = check.__doc__
    return run


@dataclass(frozen=True)
class Check:
    name: str
    severity: Severity
    description: str
    function: SetCheck  # all entries of one language (or all templates) at once
    side: Side = Side.TARGET

    def record(self) -> dict[str, Any]:
        """The JSON shape of ``toolkit check --list --format json``."""
        return {
            "name": self.name,
            "severity": self.severity.label,
            "side": self.side.value,
            "description": self.description,
        }

    def run(self, entries: Sequence[Entry], context: CheckContext) -> list[Finding]:
        return [self.finding(issue) for issue in self.function(entries, context)]

    def finding(self, issue: Issue) -> Finding:
        entry = issue.entry
        return Finding(
            check=self.name,
            severity=issue.severity or self.severity,
            message=issue.message,
            location=entry.location,
            subject=entry.source if issue.on_source else entry.target,
            span=issue.span,
            entry=entry.key,
            source_span=issue.source_span,
        )


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

CHECKS: tuple[Check, ...] = (
    Check("untranslated", WARNING, "Entry has no translation yet.", each_entry(check_untranslated)),
    Check(
        "unchanged",
        ERROR,
        "Translation is the source text unchanged (do-not-translate terms, numbers and "
        "acronyms aside).",
        each_entry(check_unchanged),
    ),
    Check("fuzzy", INFO, "Entry is a suggestion that awaits approval.", each_entry(check_fuzzy)),
    Check(
        "term-missing",
        ERROR,
        "A glossary concept of the source is not in the translation in its approved form "
        "(any inflection).",
        each_entry(check_term_missing),
    ),
    Check(
        "term-forbidden",
        ERROR,
        "A wrong variant from the glossary is in the translation (any inflection).",
        each_entry(check_term_forbidden),
    ),
    Check(
        "term-inconsistent",
        WARNING,
        "One concept is written in different ways across the catalogs of a language.",
        check_term_inconsistent,
    ),
    Check(
        "numbers",
        ERROR,
        "A number of the source is missing or changed in the translation (locale-aware).",
        each_entry(check_numbers),
    ),
    Check(
        "latin-residue",
        WARNING,
        "Latin-script words left in a Cyrillic translation (not do-not-translate, addresses, "
        "Roman numerals or kept acronyms).",
        each_entry(check_latin_residue),
    ),
    Check(
        "quotes",
        WARNING,
        "Quotation marks not in the language's style, or quotes and brackets that do not "
        "balance within a paragraph.",
        check_quotes,
    ),
    Check(
        "punctuation",
        WARNING,
        "Sentence-final mark not kept, or quote and dash order against the language's rules.",
        each_entry(check_punctuation),
    ),
    Check(
        "whitespace",
        WARNING,
        "Leading, trailing or double spaces, spaces before marks; a plain space before a dash.",
        each_entry(check_whitespace),
    ),
    Check(
        "length-ratio",
        WARNING,
        "Translation far shorter or longer than usual for the language pair.",
        check_length_ratio,
    ),
    Check(
        "source-language",
        WARNING,
        "Template text that is not in the source language.",
        each_entry(check_source_language),
        side=Side.SOURCE,
    ),
)

_BY_NAME = {check.name: check for check in CHECKS}


def get_check(name: str) -> Check:
    check = _BY_NAME.get(name)
    if check is None:
        raise ConfigError(
            f"unknown check {name!r}", hint="checks: " + ", ".join(c.name for c in CHECKS)
        )
    return check


def select_checks(
    only: Iterable[str] | None = None, exclude: Iterable[str] | None = None
) -> tuple[Check, ...]:
    """The checks named in *only* (default: all) without those in *exclude*, in registry order.

    Names may be given comma-separated (``numbers,quotes``). An unknown name is an error that
    lists the valid ones.
    """

    def names(values: Iterable[str] | None) -> set[str]:
        found = {n.strip() for value in values or () for n in value.split(",") if n.strip()}
        unknown = sorted(found - _BY_NAME.keys())
        if unknown:
            raise ConfigError(
                f"unknown check(s): {', '.join(unknown)}",
                hint="checks: " + ", ".join(c.name for c in CHECKS),
            )
        return found

    wanted = names(only) or set(_BY_NAME)
    dropped = names(exclude)
    return tuple(c for c in CHECKS if c.name in wanted and c.name not in dropped)
