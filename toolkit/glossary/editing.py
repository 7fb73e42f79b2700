"""Changing the project's glossary: add, edit or remove a concept, import an exchange file.

Every write goes through :func:`save_checked`: a change that would add a lint error is refused
(:class:`GlossaryError`, nothing written); otherwise the files are written and the result says
which files changed and which lint warnings are new, for the caller to report. The functions
here read the glossary, make one change and save it; they print nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit.config import Settings
from toolkit.errors import GlossaryError
from toolkit.findings import Finding, Severity
from toolkit.gettext.model import WriteStatus
from toolkit.gettext.store import ReadCatalog
from toolkit.glossary.exchange import Exchange, ImportMode, ImportPlan, plan_import, read_exchange
from toolkit.glossary.lint import lint, require_no_new_errors
from toolkit.glossary.storage import read_glossary_files, write_glossary
from toolkit.glossary.termbase import (
    Concept,
    ConceptChange,
    ConceptType,
    Termbase,
    apply_change,
    check_id,
    make_id,
)

__all__ = [
    "Edit",
    "GlossaryImport",
    "Saved",
    "add_concept",
    "edit_concept",
    "plan_glossary_import",
    "remove_concept",
    "require_concept",
    "save_checked",
    "save_import",
]


@dataclass(frozen=True)
class Saved:
    """What a checked save wrote, and the lint warnings the change brought."""

    written: tuple[tuple[Path, WriteStatus], ...]  # every file, created/updated/unchanged
    warnings: tuple[Finding, ...] = ()  # warnings *after* has that *before* did not

    @property
    def changed(self) -> tuple[tuple[Path, WriteStatus], ...]:
        """The files written anew (created or updated)."""
        return tuple((path, status) for path, status in self.written if status != "unchanged")


@dataclass(frozen=True)
class Edit:
    """The concept a change was about, and what saving it wrote (None: nothing to change)."""

    concept_id: str
    saved: Saved | None


def save_checked(
    settings: Settings,
    before: Termbase,
    after: Termbase,
    *,
    base: Sequence[ReadCatalog] | None = None,
) -> Saved:
    """Write *after* unless it adds lint errors to *before* (then raise, writing nothing).

    *base*: the files *before* was read from, as read (a change made to them since is kept,
    or the save refused); without it, the files as they are now."""
    require_no_new_errors(before, after)
    written = write_glossary(settings, after, base=base)
    known = {(f.check, f.message) for f in lint(before)}
    warnings = tuple(
        finding
        for finding in lint(after)
        if finding.severity is Severity.WARNING and (finding.check, finding.message) not in known
    )
    return Saved(tuple(written), warnings)


def require_concept(termbase: Termbase, concept_id: str) -> Concept:
    """The concept with this id, else an error that suggests the ids its name points to."""
    concept = termbase.get(concept_id)
    if concept is None:
        named = termbase.lookup(concept_id)
        hint = (
            f"did you mean {', '.join(c.id for c in named)}?"
            if named
            else "`toolkit glossary list` shows the ids"
        )
        raise GlossaryError(f"no concept with id {concept_id!r}", hint=hint)
    return concept


def add_concept(
    settings: Settings,
    source: str,
    concept_type: ConceptType,
    change: ConceptChange,
    *,
    concept_id: str | None = None,
) -> Edit:
    """Add a concept (id: *concept_id*, else made from *source*) with *change* applied."""
    source = source.strip()
    new_id = check_id(concept_id) if concept_id is not None else make_id(source)
    files = read_glossary_files(settings)
    before = files.termbase
    existing = before.get(new_id)
    if existing is not None:
        raise GlossaryError(
            f"concept id {new_id!r} exists already ({existing.source!r})",
            hint="edit it with `toolkit glossary edit`, or give another id with --id",
        )
    concept = apply_change(
        Concept(id=new_id, type=concept_type, source=source), change, before.languages
    )
    saved = save_checked(settings, before, before.with_concept(concept), base=files.files)
    return Edit(new_id, saved)


def edit_concept(settings: Settings, concept_id: str, change: ConceptChange) -> Edit:
    """Apply *change* to a concept; a change that changes nothing writes nothing."""
    files = read_glossary_files(settings)
    before = files.termbase
    concept = require_concept(before, concept_id)
    after = before.with_concept(apply_change(concept, change, before.languages))
    saved = None if after == before else save_checked(settings, before, after, base=files.files)
    return Edit(concept.id, saved)


def remove_concept(settings: Settings, concept_id: str) -> Edit:
    """Remove a concept from the template and every language file."""
    files = read_glossary_files(settings)
    before = files.termbase
    require_concept(before, concept_id)
    saved = save_checked(settings, before, before.without(concept_id), base=files.files)
    return Edit(concept_id, saved)


@dataclass(frozen=True)
class GlossaryImport:
    """An exchange file read and planned against the project's glossary, not written yet."""

    before: Termbase
    incoming: Exchange
    plan: ImportPlan
    files: tuple[ReadCatalog, ...] = ()  # the glossary's files as read: what saving builds on


def plan_glossary_import(
    settings: Settings,
    path: Path,
    *,
    fmt: str = "auto",
    mode: ImportMode = ImportMode.MERGE,
    target: str | None = None,
) -> GlossaryImport:
    """Read *path* (``fmt``: auto, csv or tbx; *target*: the language of two-column rows) and
    plan importing it into the project's glossary."""
    files = read_glossary_files(settings)
    before = files.termbase
    incoming = read_exchange(
        path,
        source_language=settings.source_language,
        languages=settings.target_languages,
        fmt=fmt,
        target=target,
    )
    return GlossaryImport(before, incoming, plan_import(before, incoming, mode), files.files)


def save_import(
    settings: Settings, pending: GlossaryImport, *, dry_run: bool = False
) -> Saved | None:
    """Write a planned import. Refuses one that would add a lint error (dry run or not); writes
    nothing (None) when nothing changes or for a dry run."""
    require_no_new_errors(pending.before, pending.plan.after)
    if not pending.plan.changes or dry_run:
        return None
    base = pending.files or None
    return save_checked(settings, pending.before, pending.plan.after, base=base)
