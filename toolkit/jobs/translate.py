"""The translate job: from corpus articles to filled catalogs, resumable and one at a time.

The job builds each article's template (written to ``translations/templates/``, as
``extract`` does) and then, for each target language,

1. merges it into the article's catalog (msgmerge semantics, in memory);
2. fills empty entries from the translation memory (exact matches from every catalog of the
   language, keeping their fuzzy state) and offers similar sentences as ``#. x-memory:``;
3. hands what is still empty to the engine, many segments per call, each distinct sentence
   once per language (no engine: memory only);
4. passes every machine translation through the post-processing hook (glossary enforcement),
   marks it ``fuzzy`` and records its provenance (``#. x-engine: ...``);
5. writes each catalog atomically as soon as its segments are done, applying only its own
   changes to the file as it is then: an entry approved or edited meanwhile (``approve``,
   ``review``, an editor) keeps that work, and machine output goes only into entries the file
   still has empty (:func:`toolkit.gettext.threeway.keep_disk_changes`).

Steps 1-2 are :mod:`toolkit.jobs.plan`, 3-4 :mod:`toolkit.jobs.pipeline` with the hooks of
:mod:`toolkit.jobs.hooks`; this module runs them under the job lock (:mod:`toolkit.jobs.lock`)
and writes the catalogs.

A catalog on disk is therefore always complete: a job killed at any moment loses at most the
segments in flight, and a rerun finds them empty and translates only those. A catalog whose
entries are all filled is not touched by a rerun (the job is idempotent).

When no model serves a pair, the job still does everything else for that language (templates,
merge, memory) and reports the pair, with how to install a model; the entries stay empty.
A dry run does all of the reading and planning and writes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Literal

from toolkit.config import Settings
from toolkit.corpus.articles import select_articles
from toolkit.engines import Engine, Route
from toolkit.engines.memory import SUGGESTION_THRESHOLD
from toolkit.errors import EngineUnavailable
from toolkit.findings import Finding, display_path
from toolkit.gettext.store import same_content, save_catalog
from toolkit.gettext.threeway import keep_disk_changes
from toolkit.jobs.hooks import Hooks
from toolkit.jobs.lock import LockHolder, job_lock
from toolkit.jobs.pipeline import DEFAULT_CHUNK, translate_chunks
from toolkit.jobs.plan import Work, plan_language, prepare_templates, untranslated
from toolkit.project.paths import target_languages

INSTALL_HINT = (
    "install a model with `toolkit models install {source} {target}` (online) "
    "or `toolkit models add FILE.argosmodel`"
)

RowStatus = Literal["created", "updated", "unchanged", "dry-run"]


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """Segments done so far for one language (the CLI draws one bar per language)."""

    language: str
    done: int
    total: int


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True)
class Row:
    """What the job did to one article in one language."""

    article: str
    language: str
    path: Path
    total: int  # active entries in the catalog
    reused: int  # filled from the translation memory (exact match)
    machine: int  # filled by the engine in this job
    empty: int  # still without a translation
    suggestions: int  # similar sentences offered as #. x-memory
    seconds: float
    status: RowStatus

    def record(self, root: Path) -> dict[str, Any]:
        """The JSON shape of a catalog in ``toolkit translate --format json``; the path shown
        relative to *root* (the project)."""
        return {
            "article": self.article,
            "language": self.language,
            "path": display_path(self.path, root),
            **self._figures(),
        }

    def total_record(self) -> dict[str, Any]:
        """The JSON shape of a language's totals row (:meth:`JobSummary.totals`): no article,
        no path."""
        return {"language": self.language, **self._figures()}

    def _figures(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "total": self.total,
            "reused": self.reused,
            "machine": self.machine,
            "empty": self.empty,
            "suggestions": self.suggestions,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class Missing:
    """A language pair no model serves: its entries stay empty."""

    source: str
    target: str
    reason: str
    hint: str
    segments: int  # entries left empty for want of it

    @property
    def pair(self) -> str:
        return f"{self.source} -> {self.target}"

    def record(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "reason": self.reason,
            "hint": self.hint,
            "segments": self.segments,
        }


@dataclass(frozen=True)
class JobSummary:
    rows: tuple[Row, ...]
    routes: tuple[tuple[str, str], ...]  # (language, how it was translated)
    missing: tuple[Missing, ...]
    findings: tuple[Finding, ...]  # from the post-processing hook
    notes: tuple[str, ...]  # things worth telling: a stale lock taken over
    seconds: float
    dry_run: bool

    @property
    def complete(self) -> bool:
        """Every entry of every catalog the job covered has a translation."""
        return all(row.empty == 0 for row in self.rows)

    def totals(self) -> dict[str, Row]:
        """One summed row per language, in job order."""
        sums: dict[str, Row] = {}
        for row in self.rows:
            held = sums.get(row.language)
            if held is None:
                sums[row.language] = replace(row, article="TOTAL", status="unchanged")
                continue
            sums[row.language] = replace(
                held,
                total=held.total + row.total,
                reused=held.reused + row.reused,
                machine=held.machine + row.machine,
                empty=held.empty + row.empty,
                suggestions=held.suggestions + row.suggestions,
                seconds=held.seconds + row.seconds,
            )
        return sums

    def record(self, root: Path) -> dict[str, Any]:
        """The JSON shape of ``toolkit translate --format json``; paths relative to *root*."""
        return {
            "dry_run": self.dry_run,
            "complete": self.complete,
            "seconds": round(self.seconds, 3),
            "catalogs": [row.record(root) for row in self.rows],
            "totals": {language: row.total_record() for language, row in self.totals().items()},
            "routes": dict(self.routes),
            "missing": [gap.record() for gap in self.missing],
            "notes": list(self.notes),
            "findings": [finding.record() for finding in self.findings],
        }


# --- the job -------------------------------------------------------------------------------


def translate_project(
    settings: Settings,
    engine: Engine | None,
    *,
    languages: Sequence[str] | None = None,
    article_ids: Sequence[str] | None = None,
    hooks: Hooks | None = None,
    progress: ProgressCallback | None = None,
    dry_run: bool = False,
    wait: float = 0.0,
    on_wait: Callable[[LockHolder | None], None] | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    threshold: float = SUGGESTION_THRESHOLD,
) -> JobSummary:
    """Run the translate job on *settings*' project and say what it did.

    *engine* None means memory only (``--engine memory``). A dry run reads everything, plans
    and counts, and writes nothing (no lock either: it changes nothing another job could see).
    """
    run = partial(
        _run,
        settings,
        engine,
        languages=languages,
        article_ids=article_ids,
        hooks=hooks or Hooks(),
        progress=progress,
        chunk_size=chunk_size,
        threshold=threshold,
    )
    if dry_run:
        return run(dry_run=True, notes=())
    with job_lock(settings, wait, on_wait=on_wait) as stale:
        notes: tuple[str, ...] = ()
        if stale is not None:
            notes = (f"took over the job lock left by {stale.describe()}, no longer running",)
        return run(dry_run=False, notes=notes)


def _run(
    settings: Settings,
    engine: Engine | None,
    *,
    languages: Sequence[str] | None,
    article_ids: Sequence[str] | None,
    hooks: Hooks,
    progress: ProgressCallback | None,
    dry_run: bool,
    chunk_size: int,
    threshold: float,
    notes: tuple[str, ...],
) -> JobSummary:
    started = time.perf_counter()
    codes = target_languages(settings, languages)
    articles = select_articles(settings, article_ids)
    templates = prepare_templates(settings, articles, dry_run)
    rows: list[Row] = []
    routes: list[tuple[str, str]] = []
    missing: list[Missing] = []
    findings: list[Finding] = []
    for language in codes:
        works = plan_language(settings, language, articles, templates, threshold)
        pending = sum(len(w.pending) for w in works)
        route = _route(engine, settings.source_language, language)
        if isinstance(route, Route):
            routes.append((language, route.describe()))
        elif route is None:
            routes.append((language, "translation memory only"))
        else:
            missing.append(replace(route, segments=pending))
            routes.append((language, f"no model: {route.reason}"))
        translating = isinstance(route, Route) and engine is not None and pending > 0
        if dry_run:
            rows += _rows(works, "dry-run", translating)
            continue
        if engine is None or not translating:
            rows += [_row(work, _write(work)) for work in works]
            continue
        statuses = {w.article: _write(w) for w in works if not w.pending}
        if progress is not None:
            progress(Progress(language, 0, pending))
        done = 0
        for chunk in translate_chunks(
            works, engine, settings.source_language, language, hooks, chunk_size, findings
        ):
            for work in chunk:
                statuses[work.article] = _write(work)
                done += len(work.pending)
            if progress is not None:
                progress(Progress(language, done, pending))
        rows += [_row(work, statuses[work.article]) for work in works]
    return JobSummary(
        rows=tuple(rows),
        routes=tuple(routes),
        missing=tuple(missing),
        findings=tuple(findings),
        notes=notes,
        seconds=time.perf_counter() - started,
        dry_run=dry_run,
    )


def _row(work: Work, status: RowStatus) -> Row:
    return Row(
        article=work.article,
        language=work.language,
        path=work.path,
        total=len(work.catalog.active),
        reused=work.reused,
        machine=work.machine,
        empty=sum(1 for m in work.catalog.active if untranslated(m)),
        suggestions=work.suggestions,
        seconds=work.seconds,
        status=status,
    )


def _rows(works: Sequence[Work], status: RowStatus, translating: bool) -> list[Row]:
    """A dry run's rows: what the engine would fill counts as machine translated."""
    rows = []
    for work in works:
        row = _row(work, status)
        if translating:
            row = replace(row, machine=len(work.pending), empty=row.empty - len(work.pending))
        rows.append(row)
    return rows


def _route(engine: Engine | None, source: str, target: str) -> Route | Missing | None:
    if engine is None:
        return None
    try:
        return engine.route(source, target)
    except EngineUnavailable as exc:
        return Missing(
            source=source,
            target=target,
            reason=exc.message,
            hint=exc.hint or INSTALL_HINT.format(source=source, target=target),
            segments=0,
        )


def _write(work: Work) -> RowStatus:
    started = time.perf_counter()
    if work.existing is not None and same_content(work.existing, work.catalog):
        status: RowStatus = "unchanged"  # the common case of a rerun: no need to compare bytes
    else:
        status = save_catalog(
            work.path,
            work.catalog,
            base=work.base,
            stamp="PO-Revision-Date",
            resolve=keep_disk_changes,
        )
    work.seconds += time.perf_counter() - started
    return status
