"""What enforcement reports instead of repairing: ``term-missing`` and ``term-forbidden``.

A concept the source names that the repaired translation renders neither by its approved form
(in any inflected form; Kazakh: nor by a derivation of it) is ``term-missing``: nothing is
guessed into the text. In a coordinated list (``the Sverdlovsk, Kurgan and Tyumen regions``) a
translation may have made the names adjectives, so there it is a warning, not an error. A wrong
variant of a concept the source does not name is ``term-forbidden`` and is not changed.
"""

from __future__ import annotations

from collections.abc import Sequence

from toolkit.enforce.renderings import (
    Mention,
    case_only_spans,
    find_approved,
    find_wrong,
    rendered_by_derivation,
    within,
)
from toolkit.enforce.terms import Term, present_terms
from toolkit.findings import Finding, Location, Severity
from toolkit.morphology import words

__all__ = ["TERM_FORBIDDEN", "TERM_MISSING", "report_findings"]

TERM_MISSING = "term-missing"
TERM_FORBIDDEN = "term-forbidden"


def report_findings(
    source: str,
    text: str,
    mentions: Sequence[Mention],
    terms: dict[str, Term],
    language: str,
) -> list[Finding]:
    """The findings on *text*, a translation of *source* whose *mentions* are known."""
    text_words = words(text)
    findings: list[Finding] = []
    approved_spans: list[tuple[int, int]] = []
    present = present_terms(terms, text_words)
    for term in present:
        approved_spans += [o.span for o in term.approved.find(text, text_words)]
    named = {m.concept for m in mentions}
    for mention in mentions:
        term = terms[mention.concept]
        case_only = case_only_spans(term, text, text_words)
        found = [
            f
            for f in find_approved(term, text, text_words)
            if f.form is term.approved or mention.short
            if f.span not in case_only
        ]
        if found or rendered_by_derivation(term, text_words, language):
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
        for wrong in find_wrong(term, text, text_words):
            inside = any(within(wrong.span, a) or wrong.span == a for a in approved_spans)
            if inside and wrong.span not in case_only_spans(term, text, text_words):
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
