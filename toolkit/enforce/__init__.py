"""Glossary enforcement: the official term, in the case the sentence needs, and nothing else.

Before machine translation, :func:`normalise_source` rewrites source variants to their concept's
canonical spelling (``Alihan Smailov`` -> ``Alikhan Smailov``) and replaces do-not-translate
terms with numbered placeholders (``[[1]]``) that :func:`restore_protected` puts back after it.
After it, :func:`enforce_segment` looks at every concept the source names and at how the
translation renders it: the approved form is left alone unless its inflection is impossible
where it stands; a wrong variant or a near miss (a misspelling, a transliteration) is replaced
by the approved form in the same case and number; nothing at all is a ``term-missing`` finding,
and nothing is guessed into the text. A wrong variant of a concept the source does not name is
a ``term-forbidden`` finding and is not changed. Each :class:`Change` says what was replaced by
what; :func:`enforce_message` records them on a catalog entry as translator comments and makes
the entry fuzzy.

The modules, each depending only on those listed before it:

- :mod:`toolkit.enforce.records`: the ``# enforced: <concept>: <old> -> <new>`` comment format
  (written here, read by review);
- :mod:`toolkit.enforce.terms`: the glossary loaded and compiled per language;
- :mod:`toolkit.enforce.changes`: :class:`Change`, one replaced span;
- :mod:`toolkit.enforce.protect`: the source side, normalisation and do-not-translate
  placeholders;
- :mod:`toolkit.enforce.renderings`: the concepts a source names, and where a translation renders
  them (approved, wrong variant, near miss);
- :mod:`toolkit.enforce.findings`: ``term-missing`` and ``term-forbidden``;
- :mod:`toolkit.enforce.repair`: the target side, :func:`enforce_segment`;
- :mod:`toolkit.enforce.catalog`: entries and catalogs, and their diff.
"""

from __future__ import annotations

from toolkit.enforce.catalog import (
    CatalogEnforcement,
    EnforceSummary,
    EntryEnforcement,
    catalog_diff,
    enforce_catalog,
    enforce_message,
)
from toolkit.enforce.changes import Change, ChangeKind
from toolkit.enforce.protect import (
    PLACEHOLDER,
    Prepared,
    Protection,
    Restored,
    SourceChange,
    normalise_source,
    restore_protected,
)
from toolkit.enforce.renderings import NEAR_MISS_THRESHOLD, term_renderings
from toolkit.enforce.repair import Enforcement, enforce_segment
from toolkit.enforce.terms import load_termbase

__all__ = [
    "NEAR_MISS_THRESHOLD",
    "PLACEHOLDER",
    "CatalogEnforcement",
    "Change",
    "ChangeKind",
    "EnforceSummary",
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
