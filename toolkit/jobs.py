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
5. writes each catalog atomically as soon as its segments are done.

A catalog on disk is therefore always complete: a job killed at any moment loses at most the
segments in flight, and a rerun finds them empty and translates only those. A catalog whose
entries are all filled is not touched by a rerun (the job is idempotent).

When no model serves a pair, the job still does everything else for that language (templates,
merge, memory) and reports the pair, with how to install a model; the entries stay empty.
A dry run does all of the reading and planning and writes nothing.

Two jobs on one project would each write catalogs the other read a moment before, so a job
holds ``build/.translate.lock`` (an advisory ``flock``, released by the kernel when the
process ends, however it ends). The file names the holder's pid for the message a second job
prints; a lock left by a dead process is not held by anyone and is taken over.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache, partial
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from toolkit.config import EngineOptions, Settings
from toolkit.corpus.articles import Article, select_articles
from toolkit.engines import Engine, Route, Translation
from toolkit.engines.memory import (
    ENGINE_KEY,
    MEMORY_KEY,
    SUGGESTION_THRESHOLD,
    TranslationMemory,
    load_memory,
)
from toolkit.errors import CatalogError, EngineUnavailable, JobBusy
from toolkit.findings import Finding, Location
from toolkit.gettext import pofile
from toolkit.gettext.merge import merge_catalog
from toolkit.gettext.model import Catalog, Message, annotate, with_translation
from toolkit.gettext.store import same_content, save_catalog
from toolkit.project.catalogs import language_catalogs
from toolkit.project.extract import build_template
from toolkit.project.paths import catalog_path, target_languages, template_path

if TYPE_CHECKING:
    from toolkit.enforce import Prepared
    from toolkit.glossary.termbase import Termbase

LOCK_NAME = ".translate.lock"
# Segments handed to the engine per call. Large enough for the engine to sort by length and
# fill its batches; small enough that catalogs are written every few seconds, which bounds
# what an interrupted job has to redo.
DEFAULT_CHUNK = 512
BATCHES_PER_CALL = 16
INSTALL_HINT = (
    "install a model with `toolkit models install {source} {target}` (online) "
    "or `toolkit models add FILE.argosmodel`"
)

RowStatus = Literal["created", "updated", "unchanged", "dry-run"]


# --- hooks ---------------------------------------------------------------------------------


class Postprocessed(NamedTuple):
    """What the post-processing hook made of one machine translation."""

    text: str
    comments: Sequence[str] = ()  # translator-comment lines ("enforced: <concept>: a -> b")
    findings: Sequence[Finding] = ()


# preprocess(source, language) -> the text the engine sees (source-variant normalisation,
# placeholders for do-not-translate terms); the target language decides what is protected.
Preprocess = Callable[[str, str], str]
# postprocess(source, machine text, language) -> (text, comments, findings)
Postprocess = Callable[[str, str, str], tuple[str, Sequence[str], Sequence[Finding]]]


def no_preprocess(source: str, language: str) -> str:
    return source


def no_postprocess(
    source: str, target_text: str, language: str
) -> tuple[str, Sequence[str], Sequence[Finding]]:
    return Postprocessed(target_text)


@dataclass(frozen=True)
class Hooks:
    """Where glossary enforcement plugs in; both are no-ops by default."""

    preprocess: Preprocess = no_preprocess
    postprocess: Postprocess = no_postprocess


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


# --- the lock ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LockHolder:
    pid: int | None
    host: str
    since: str

    def describe(self) -> str:
        who = f"pid {self.pid}" if self.pid is not None else "an unknown process"
        if self.host and self.host != socket.gethostname():
            who += f" on {self.host}"
        return f"{who}, started {self.since}" if self.since else who


def lock_path(settings: Settings) -> Path:
    return settings.build_path / LOCK_NAME


def read_holder(path: Path) -> LockHolder | None:
    """Who the lock file says holds it ("pid host time"); None for an empty file."""
    try:
        words = path.read_text(encoding="utf-8").split()
    except (OSError, UnicodeDecodeError):
        return None
    if not words:
        return None
    pid = int(words[0]) if words[0].isdigit() else None
    host = words[1] if len(words) > 1 else ""
    return LockHolder(pid, host, " ".join(words[2:]))


@contextmanager
def job_lock(
    settings: Settings,
    wait: float = 0.0,
    *,
    poll: float = 0.1,
    on_wait: Callable[[LockHolder | None], None] | None = None,
) -> Iterator[LockHolder | None]:
    """Hold the project's translate lock; wait up to *wait* seconds for another job.

    Yields the previous holder when the lock was left behind by a process that died (taken
    over), None otherwise. Raises :class:`JobBusy` when the lock is still held after *wait*.
    """
    path = lock_path(settings)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise CatalogError(
            f"cannot create the job lock: {exc.strerror}",
            path=path,
            hint="check that the build folder is writable",
        ) from exc
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = read_holder(path)
                if time.monotonic() >= deadline:
                    who = holder.describe() if holder else "another process"
                    waited = f"after waiting {wait:g} s" if wait > 0 else "at once"
                    raise JobBusy(
                        f"another translate job is running on this project ({who}); "
                        f"gave up {waited}",
                        path=path,
                        hint="let it finish, or pass --wait SECONDS to wait for it",
                    ) from None
                if on_wait is not None and not told:
                    on_wait(holder)
                    told = True
                time.sleep(poll)
        # Released locks are emptied, so a pid still in the file is one that died holding it.
        stale = read_holder(path)
        since = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {socket.gethostname()} {since}\n".encode(), 0)
        try:
            yield stale
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# --- planning ------------------------------------------------------------------------------


@dataclass
class _Work:
    """One catalog being filled: the merged catalog, and which entries the engine must fill."""

    article: str
    language: str
    path: Path
    shown: str  # the path as messages show it: relative to the project
    catalog: Catalog
    existing: Catalog | None  # the catalog as the file has it, None when there is no file
    pending: list[int] = field(default_factory=list)  # message indexes for the engine
    reused: int = 0
    suggestions: int = 0
    machine: int = 0
    seconds: float = 0.0


def _empty(message: Message) -> bool:
    # Plural entries never come out of the corpus; a message with any text is someone's work.
    return (
        not message.obsolete
        and bool(message.msgid)
        and not message.plural
        and not message.has_translation
    )


def _fill_from_memory(work: _Work, memory: TranslationMemory, threshold: float) -> None:
    messages = list(work.catalog.messages)
    for i, message in enumerate(messages):
        if not _empty(message):
            continue
        unit = memory.lookup(message.msgid)
        if unit is not None:
            filled = with_translation(message, unit.target, fuzzy=unit.fuzzy)
            filled = annotate(filled, MEMORY_KEY, f"reused from {unit.origin}")
            if unit.provenance:
                filled = annotate(filled, ENGINE_KEY, unit.provenance)
            messages[i] = filled
            work.reused += 1
            continue
        suggestion = memory.suggest(message.msgid, threshold)
        if suggestion is not None:
            messages[i] = annotate(message, MEMORY_KEY, suggestion.annotation())
            work.suggestions += 1
        work.pending.append(i)
    work.catalog = work.catalog.with_messages(messages)


def _templates(
    settings: Settings, articles: Sequence[Article], dry_run: bool
) -> dict[str, Catalog]:
    """Each article's template; written (like ``extract``) unless this is a dry run."""
    templates = {}
    for article in articles:
        template = build_template(article, settings)
        path = template_path(settings, article.id)
        existing = pofile.read_catalog(path) if path.is_file() else None
        if existing is not None and same_content(existing, template):
            # Merging from the file, with its creation date, keeps catalogs byte-identical
            # on a rerun.
            template = existing
        elif not dry_run:
            save_catalog(path, template)
        templates[article.id] = template
    return templates


def _existing(settings: Settings, language: str) -> dict[str, Catalog]:
    return {a: found.catalog for a, found in language_catalogs(settings, language).items()}


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
    templates = _templates(settings, articles, dry_run)
    rows: list[Row] = []
    routes: list[tuple[str, str]] = []
    missing: list[Missing] = []
    findings: list[Finding] = []
    for language in codes:
        works = _prepare(settings, language, articles, templates, threshold)
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
        for chunk in _translated(
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


def _prepare(
    settings: Settings,
    language: str,
    articles: Sequence[Article],
    templates: dict[str, Catalog],
    threshold: float,
) -> list[_Work]:
    """Merge each article's template into its catalog and fill what memory knows."""
    started = time.perf_counter()
    existing = _existing(settings, language)
    memory = load_memory(settings, language, existing.items())
    works = []
    for article in articles:
        merged = merge_catalog(templates[article.id], existing.get(article.id), language)
        path = catalog_path(settings, language, article.id)
        shown = path.relative_to(settings.root).as_posix()
        old = existing.get(article.id)
        work = _Work(article.id, language, path, shown, merged.catalog, old)
        _fill_from_memory(work, memory, threshold)
        works.append(work)
    # Reading, merging and memory serve all of the language's catalogs alike.
    shared = (time.perf_counter() - started) / max(len(works), 1)
    for work in works:
        work.seconds += shared
    return works


def _row(work: _Work, status: RowStatus) -> Row:
    return Row(
        article=work.article,
        language=work.language,
        path=work.path,
        total=len(work.catalog.active),
        reused=work.reused,
        machine=work.machine,
        empty=sum(1 for m in work.catalog.active if _empty(m)),
        suggestions=work.suggestions,
        seconds=work.seconds,
        status=status,
    )


def _rows(works: Sequence[_Work], status: RowStatus, translating: bool) -> list[Row]:
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


def _chunks(works: Sequence[_Work], size: int) -> Iterator[list[_Work]]:
    """Whole catalogs, grouped until they hold at least *size* segments for the engine."""
    chunk: list[_Work] = []
    count = 0
    for work in works:
        if not work.pending:
            continue
        chunk.append(work)
        count += len(work.pending)
        if count >= size:
            yield chunk
            chunk, count = [], 0
    if chunk:
        yield chunk


def _translated(
    works: Sequence[_Work],
    engine: Engine,
    source: str,
    language: str,
    hooks: Hooks,
    chunk_size: int,
    findings: list[Finding],
) -> Iterator[list[_Work]]:
    """Fill the catalogs' pending entries chunk by chunk; yield each chunk when it is done.

    The engine works one chunk ahead, in a thread (CTranslate2 releases the GIL): while it
    translates the next chunk, this one goes through the post-processing hook and is written.
    Each distinct sentence goes to the engine once per language.
    """
    chunks = list(_chunks(works, chunk_size))
    cache: dict[str, tuple[str, str]] = {}  # source -> (machine text, provenance)
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="toolkit-engine")
    try:
        ahead = _ask(chunks[0], engine, source, language, hooks, cache, pool) if chunks else None
        for number, chunk in enumerate(chunks):
            started = time.perf_counter()
            assert ahead is not None  # for mypy: one request per chunk
            _receive(ahead, engine, cache)
            if number + 1 < len(chunks):
                ahead = _ask(chunks[number + 1], engine, source, language, hooks, cache, pool)
            findings += _fill(chunk, language, hooks, cache)
            yield chunk
            total = sum(len(w.pending) for w in chunk)
            elapsed = time.perf_counter() - started
            for work in chunk:
                work.seconds += elapsed * len(work.pending) / total
    finally:
        # Interrupted: nothing more is written; the call in flight is abandoned.
        pool.shutdown(wait=False, cancel_futures=True)


@dataclass(frozen=True)
class _Request:
    """One engine call in flight: the sentences asked for and the future translations."""

    wanted: list[str]
    future: Future[list[Translation]] | None


def _ask(
    chunk: Sequence[_Work],
    engine: Engine,
    source: str,
    language: str,
    hooks: Hooks,
    cache: dict[str, tuple[str, str]],
    pool: ThreadPoolExecutor,
) -> _Request:
    wanted = list(
        dict.fromkeys(
            work.catalog.messages[i].msgid
            for work in chunk
            for i in work.pending
            if work.catalog.messages[i].msgid not in cache
        )
    )
    if not wanted:
        return _Request(wanted, None)
    prepared = [hooks.preprocess(text, language) for text in wanted]
    return _Request(wanted, pool.submit(engine.translate, prepared, source, language))


def _receive(request: _Request, engine: Engine, cache: dict[str, tuple[str, str]]) -> None:
    if request.future is None:
        return
    results = request.future.result()
    if len(results) != len(request.wanted):
        raise EngineUnavailable(
            f"engine {engine.name} returned {len(results)} translations "
            f"for {len(request.wanted)} segments",
            hint="this is a bug in the engine; report it",
        )
    for text, result in zip(request.wanted, results, strict=True):
        cache[text] = (result.text, result.provenance)


def _fill(
    chunk: Sequence[_Work], language: str, hooks: Hooks, cache: dict[str, tuple[str, str]]
) -> list[Finding]:
    """Put the machine translations into the chunk's catalogs, through the hook."""
    findings: list[Finding] = []
    for work in chunk:
        messages = list(work.catalog.messages)
        for i in work.pending:
            message = messages[i]
            machine, provenance = cache[message.msgid]
            if not machine:
                continue  # the engine had nothing (memory engine): leave it empty
            text, comments, found = hooks.postprocess(message.msgid, machine, language)
            filled = with_translation(message, text, fuzzy=True)
            filled = annotate(filled, ENGINE_KEY, provenance)
            extra = tuple(c for c in comments if c not in filled.translator_comments)
            if extra:
                filled = replace(filled, translator_comments=(*filled.translator_comments, *extra))
            findings.extend(
                replace(
                    f, location=f.location or Location(work.shown), entry=f.entry or message.key
                )
                for f in found
            )
            messages[i] = filled
            work.machine += 1
        work.catalog = work.catalog.with_messages(messages)
    return findings


def _write(work: _Work) -> RowStatus:
    started = time.perf_counter()
    if work.existing is not None and same_content(work.existing, work.catalog):
        status: RowStatus = "unchanged"  # the common case of a rerun: no need to compare bytes
    else:
        status = save_catalog(work.path, work.catalog, stamp="PO-Revision-Date")
    work.seconds += time.perf_counter() - started
    return status


def glossary_hooks(
    settings: Settings, languages: Sequence[str] | None = None, engine: Engine | None = None
) -> Hooks:
    """Glossary enforcement (:mod:`toolkit.enforce`) as the job's hooks.

    Before the engine: source variants become their canonical spelling and do-not-translate
    terms become placeholders. After it: the placeholders are put back and every glossary term
    is repaired to its approved form in the case the sentence needs; each change becomes a
    translator comment (``# enforced: ...``), and what enforcement cannot repair a finding.
    When the engine mangles a placeholder beyond recovery, the sentence is translated again
    by *engine* with the term left in the text.

    No-op hooks when the project has no glossary folder, or this build has no enforcement.
    Enforcement, the glossary and the morphology behind them are loaded when the first segment
    needs them: a job with nothing to translate (a rerun) does not pay for them.
    """
    if not settings.glossary_path.is_dir() or find_spec("toolkit.enforce") is None:
        return Hooks()
    codes = target_languages(settings, languages)
    source_language = settings.source_language
    prepared: dict[tuple[str, str], Prepared] = {}

    @cache
    def termbase() -> Termbase:
        from toolkit.enforce import load_termbase

        return load_termbase(codes, settings=settings)

    def prepare(source: str, language: str) -> Prepared:
        from toolkit.enforce import normalise_source

        key = (source, language)
        if key not in prepared:
            prepared[key] = normalise_source(source, termbase(), language)
        return prepared[key]

    def preprocess(source: str, language: str) -> str:
        return prepare(source, language).text

    def postprocess(
        source: str, target_text: str, language: str
    ) -> tuple[str, Sequence[str], Sequence[Finding]]:
        from toolkit.enforce import Restored, enforce_segment, restore_protected

        ready = prepare(source, language)
        # Done with it (a sentence met again is prepared again): memory stays flat.
        prepared.pop((source, language), None)
        restored = restore_protected(target_text, ready)
        if not restored.clean and engine is not None:
            (again,) = engine.translate([ready.unprotected], source_language, language)
            restored = Restored(again.text)
        result = enforce_segment(source, restored.text, termbase(), language)
        comments = [change.comment() for change in (*restored.changes, *result.changes)]
        return Postprocessed(result.text, comments, result.findings)

    return Hooks(preprocess, postprocess)


# --- engines -------------------------------------------------------------------------------


def segments_per_call(options: EngineOptions) -> int:
    """How many segments the job hands the engine at once: a number of its batches."""
    return max(options.batch_size * BATCHES_PER_CALL, 64)
