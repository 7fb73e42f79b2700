"""What a reviewer sees of a catalog: each entry with its state, glossary terms and findings.

:func:`review_catalogs` reads catalogs, runs the quality checks over them (the same run as
``toolkit check``) and returns one :class:`ReviewCatalog` per file, whose entries carry
everything the terminal view and the HTML report show: both texts, the state, the glossary
terms found on each side (with the official form in the target language), the findings, what
enforcement changed, the previous source of a fuzzy match and the translator's notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from toolkit.checks import (
    CheckContext,
    CheckReport,
    Entry,
    catalog_entries,
    run_checks,
)
from toolkit.checks.terms import analyse_terms
from toolkit.config import Settings
from toolkit.enforce.records import EnforcementRecord, enforcement_records, other_comments
from toolkit.errors import CatalogError
from toolkit.findings import Finding, Location, Severity
from toolkit.gettext.model import Counts, Message, count_messages
from toolkit.glossary.storage import read_glossary
from toolkit.glossary.termbase import Termbase
from toolkit.project.catalogs import CatalogFile, find_catalogs
from toolkit.project.paths import TEMPLATE_SUFFIX

__all__ = [
    "STATE_CHECKS",
    "EntryState",
    "ReviewCatalog",
    "ReviewEntry",
    "Selection",
    "TermHit",
    "check_catalogs",
    "entry_state",
    "review_catalog",
    "review_catalogs",
    "select_entries",
]

# Checks that only restate an entry's state; the state column already says it.
STATE_CHECKS = frozenset({"fuzzy", "untranslated"})

TermKind = Literal["source", "approved", "surname", "wrong"]


class EntryState(StrEnum):
    TRANSLATED = "translated"
    FUZZY = "fuzzy"
    UNTRANSLATED = "untranslated"


class Selection(StrEnum):
    """What ``review --only`` keeps."""

    FUZZY = "fuzzy"
    FINDINGS = "findings"  # a finding other than the state's own (fuzzy, untranslated)
    UNTRANSLATED = "untranslated"


def entry_state(message: Message) -> EntryState:
    """The state as ``catalog stats`` counts it: fuzzy wins over (un)translated."""
    if message.fuzzy:
        return EntryState.FUZZY
    return EntryState.TRANSLATED if message.translated else EntryState.UNTRANSLATED


@dataclass(frozen=True)
class TermHit:
    """A glossary term in one of the texts: where, which concept, and its official form."""

    start: int
    end: int
    concept: str  # concept id
    kind: TermKind  # source mention, or how the target renders it
    official: str  # the approved form in the target language ("" when none is approved)
    form: str  # the glossary form that matched (a source variant, the approved or wrong form)

    @property
    def wrong(self) -> bool:
        return self.kind == "wrong"

    def record(self) -> dict[str, Any]:
        """The JSON shape of a term in ``toolkit review --format json``; a source mention
        leaves out its kind (every term of the source is one)."""
        record: dict[str, Any] = {"start": self.start, "end": self.end, "concept": self.concept}
        if self.kind != "source":
            record["kind"] = self.kind
        record["official"] = self.official
        return record

    def describe(self, language: str) -> str:
        """One line for a hover title or a legend: the concept and its official form."""
        official = f"official {language}: {self.official}" if self.official else ""
        if not official:
            official = f"no approved {language} form yet"
        if self.kind == "wrong":
            return f"{self.concept}: wrong variant {self.form!r}; {official}"
        if self.kind == "surname":
            return f"{self.concept}: surname of the approved form; {official}"
        return f"{self.concept}: {official}"


@dataclass(frozen=True)
class ReviewEntry:
    path: str  # the catalog as shown: "translations/ru/<article>.po"
    line: int | None  # of the entry in the catalog
    message: Message
    language: str
    form: int  # which msgstr of a plural message
    state: EntryState
    segments: tuple[str, ...]  # segment ids from the "#." lines: ("p3.s2",)
    findings: tuple[Finding, ...]  # every finding of the entry, state checks included
    source_terms: tuple[TermHit, ...]
    target_terms: tuple[TermHit, ...]
    enforcement: tuple[EnforcementRecord, ...]
    notes: tuple[str, ...]  # translator comments that are not enforcement records

    @property
    def source(self) -> str:
        return self.message.source_of(self.form)

    @property
    def target(self) -> str:
        return self.message.translation_of(self.form)

    @property
    def key(self) -> tuple[str | None, str]:
        return self.message.key

    @property
    def label(self) -> str:
        """How the entry is addressed: its segment ids, else its line."""
        if self.segments:
            return ", ".join(self.segments)
        return f"line {self.line}" if self.line is not None else "entry"

    @property
    def location(self) -> Location:
        return Location(self.path, self.line)

    @property
    def previous_source(self) -> str | None:
        """The source a fuzzy match was made from (``#| msgid``), while it is fuzzy."""
        return self.message.previous_msgid if self.message.fuzzy else None

    @property
    def shown_findings(self) -> tuple[Finding, ...]:
        """The findings worth listing beside the entry: all but the state's own."""
        return tuple(f for f in self.findings if f.check not in STATE_CHECKS)

    @property
    def worst(self) -> Severity | None:
        shown = self.shown_findings
        return max((f.severity for f in shown), default=None)

    def record(self) -> dict[str, Any]:
        """The JSON shape of an entry in ``toolkit review --format json``."""
        return {
            "location": str(self.location),
            "segments": list(self.segments),
            "msgid": self.source,
            "msgstr": self.target,
            "state": self.state.value,
            "findings": [f.record() for f in self.shown_findings],
            "source_terms": [h.record() for h in self.source_terms],
            "target_terms": [h.record() for h in self.target_terms],
            "enforced": [r.record() for r in self.enforcement],
            "previous_msgid": self.previous_source,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class ReviewCatalog:
    path: str  # as shown: "translations/ru/<article>.po"
    language: str
    source_language: str
    entries: tuple[ReviewEntry, ...]
    counts: Counts

    @property
    def checks(self) -> tuple[str, ...]:
        """Names of the checks with findings shown in this catalog, in order of first use."""
        names = (f.check for e in self.entries for f in e.shown_findings)
        return tuple(dict.fromkeys(names))

    def record(self, entries: Sequence[ReviewEntry] | None = None) -> dict[str, Any]:
        """The JSON shape of a catalog in ``toolkit review --format json``, with *entries*
        (those ``--only`` kept; default: all)."""
        shown = self.entries if entries is None else entries
        return {
            "path": self.path,
            "language": self.language,
            "entries": [e.record() for e in shown],
        }


def _source_hits(text: str, language: str, termbase: Termbase) -> list[TermHit]:
    hits = []
    for match in termbase.source_matcher.find(text):
        concept = termbase.get(match.key)
        if concept is None:
            continue
        term = concept.target(language)
        official = term.approved if term is not None and not term.fuzzy else ""
        hits.append(TermHit(match.start, match.end, concept.id, "source", official, match.pattern))
    return hits


def _without_overlaps(hits: Iterable[TermHit]) -> tuple[TermHit, ...]:
    """Hits that do not overlap, the longer one kept (a term inside a longer term)."""
    kept: list[TermHit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= k.start or k.end <= hit.start for k in kept):
            kept.append(hit)
    return tuple(sorted(kept, key=lambda h: h.start))


def _target_hits(entry: Entry, context: CheckContext) -> list[TermHit]:
    if not entry.target.strip() or context.language is None:
        return []
    hits = []
    for rendering in analyse_terms(entry, context).renderings:
        term = rendering.concept.target(context.language)
        official = term.approved if term is not None and not term.fuzzy else ""
        start, end = rendering.span
        hits.append(
            TermHit(start, end, rendering.concept.id, rendering.kind, official, rendering.form)
        )
    return hits


def review_catalog(
    checked: CatalogFile,
    findings: Sequence[Finding],
    termbase: Termbase,
    source_language: str = "en",
) -> ReviewCatalog:
    """One catalog for review, with the findings of a check run that included it."""
    language = checked.language
    if language is None:
        raise CatalogError(
            "a template has no translations to review",
            path=checked.shown,
            hint="pass a language catalog (translations/<lang>/<article>.po)",
        )
    context = CheckContext(language, source_language, termbase)
    by_key: dict[tuple[str | None, str], list[Finding]] = {}
    for finding in findings:
        if finding.entry is not None and finding.location.path == checked.shown:
            by_key.setdefault(finding.entry, []).append(finding)
    entries = []
    for entry in catalog_entries(checked.shown, checked.catalog, language):
        message = entry.message
        entries.append(
            ReviewEntry(
                path=checked.shown,
                line=message.lineno,
                message=message,
                language=language,
                form=entry.form,
                state=entry_state(message),
                segments=tuple(s.id for s in entry.segments),
                findings=tuple(by_key.get(entry.key, ())),
                source_terms=_without_overlaps(_source_hits(entry.source, language, termbase)),
                target_terms=_without_overlaps(_target_hits(entry, context)),
                enforcement=enforcement_records(message),
                notes=other_comments(message),
            )
        )
    return ReviewCatalog(
        path=checked.shown,
        language=language,
        source_language=source_language,
        entries=tuple(entries),
        counts=count_messages(checked.catalog),
    )


def review_catalogs(
    settings: Settings,
    paths: Sequence[Path] = (),
    languages: Sequence[str] | None = None,
) -> list[ReviewCatalog]:
    """Read *paths* (files or folders; default: every catalog of the project), check them
    against the project's glossary and return them ready for review.

    Templates inside a folder are skipped; a template named on its own is an error.
    """
    for path in paths:
        if path.is_file() and path.suffix == TEMPLATE_SUFFIX:
            raise CatalogError(
                "a template has no translations to review",
                path=path,
                hint="pass a language catalog (translations/<lang>/<article>.po)",
            )
    found = [c for c in find_catalogs(settings, paths, languages, templates=False) if c.language]
    if not found:
        raise CatalogError(
            "no language catalogs to review",
            path=paths[0] if paths else settings.translations_path,
            hint="pass .po files, or run `toolkit catalog update` first",
        )
    termbase = read_glossary(settings)
    report = check_catalogs(found, termbase, settings.source_language)
    return [
        review_catalog(item, report.findings, termbase, settings.source_language) for item in found
    ]


def check_catalogs(
    catalogs: Sequence[CatalogFile], termbase: Termbase, source_language: str = "en"
) -> CheckReport:
    """Every target-side check over *catalogs* (what ``toolkit check`` runs on them)."""
    return run_checks(catalogs, termbase=termbase, source_language=source_language)


def select_entries(
    entries: Iterable[ReviewEntry], only: Iterable[Selection] = ()
) -> list[ReviewEntry]:
    """The entries ``--only`` keeps (any of the selections; all entries without one)."""
    wanted = set(only)
    if not wanted:
        return list(entries)
    kept = []
    for entry in entries:
        if (
            (Selection.FUZZY in wanted and entry.state is EntryState.FUZZY)
            or (Selection.UNTRANSLATED in wanted and entry.state is EntryState.UNTRANSLATED)
            or (Selection.FINDINGS in wanted and entry.shown_findings)
        ):
            kept.append(entry)
    return kept
