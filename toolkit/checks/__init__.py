"""Quality checks: named, each with a default severity, returning findings (never raising).

Every check is a plain function over catalog entries, registered in
:data:`~toolkit.checks.registry.CHECKS` with a stable name that doubles as a CLI switch
(``toolkit check --only numbers``), a default severity and one line of help:

====================  ========  ===============================================================
``untranslated``      warning   no translation yet
``unchanged``         error     the source text copied as the translation
``fuzzy``             info      a suggestion awaiting approval
``term-missing``      error     a glossary concept of the source not in its approved form
``term-forbidden``    error     a glossary wrong variant in the translation
``term-inconsistent`` warning   one concept written in different ways across a language
``numbers``           error     a number missing or changed (locale-aware)
``latin-residue``     warning   Latin words left in a Cyrillic translation
``quotes``            warning   quote style, quotes and brackets balanced per paragraph
``punctuation``       warning   final mark kept; quote, comma and dash order
``whitespace``        warning   leading, trailing, double spaces; spaces around marks
``length-ratio``      warning   far shorter or longer than usual for the language pair
``source-language``   warning   template text not in the source language
====================  ========  ===============================================================

:func:`check_project` checks a project's catalogs against its glossary;
:func:`run_checks` runs checks over catalogs already read.
"""

from toolkit.checks.entry import CheckContext, Entry, Issue, SegmentRef, catalog_entries
from toolkit.checks.registry import CHECKS, Check, Side, get_check, select_checks
from toolkit.checks.runner import (
    CheckReport,
    check_project,
    run_checks,
)
from toolkit.checks.terms import find_inflected

__all__ = [
    "CHECKS",
    "Check",
    "CheckContext",
    "CheckReport",
    "Entry",
    "Issue",
    "SegmentRef",
    "Side",
    "catalog_entries",
    "check_project",
    "find_inflected",
    "get_check",
    "run_checks",
    "select_checks",
]
