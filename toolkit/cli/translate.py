"""``toolkit translate``: fill the catalogs from memory and the offline engine."""

from __future__ import annotations

import signal
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from types import FrameType
from typing import Annotated, Any

import typer

from toolkit.cli.app import app, state
from toolkit.cli.findings import FailOnOpt
from toolkit.cli.options import ArticlesArg, FormatOpt, LanguagesOpt, language_option
from toolkit.cli.output import TextFormat, print_json
from toolkit.engines import open_engine
from toolkit.errors import EXIT_FINDINGS, EXIT_OK
from toolkit.findings import exit_code
from toolkit.jobs import (
    Hooks,
    JobSummary,
    LockHolder,
    Progress,
    glossary_hooks,
    segments_per_call,
    translate_project,
)

# Exit status of `--require-complete` when entries stay empty: a result that falls short, like
# findings at the `--fail-on` level (1), not a usage error or a broken input (2).
EXIT_INCOMPLETE = EXIT_FINDINGS


class EngineName(StrEnum):
    ARGOS = "argos"
    MEMORY = "memory"


class Device(StrEnum):
    CPU = "cpu"
    CUDA = "cuda"
    AUTO = "auto"


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM ends the job like Ctrl-C: temporary files are removed, the lock released."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Bars:
    """Progress on stderr: a bar per language on a terminal, plain lines otherwise."""

    def __init__(self) -> None:
        self._progress: Any = None  # rich.progress.Progress, imported when first needed
        self._tasks: dict[str, Any] = {}
        self._live = sys.stderr.isatty()

    def __call__(self, event: Progress) -> None:
        if not self._live:
            typer.echo(
                f"translating {event.language}: {event.done}/{event.total} segments", err=True
            )
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self._progress = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                "segments",
                TimeElapsedColumn(),
                console=Console(stderr=True),
            )
            self._progress.start()
        if event.language not in self._tasks:
            self._tasks[event.language] = self._progress.add_task(
                f"translating {event.language}", total=event.total
            )
        self._progress.update(self._tasks[event.language], completed=event.done)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


@app.command("translate")
def translate(
    ctx: typer.Context,
    articles: ArticlesArg = None,
    lang: LanguagesOpt = None,
    to: Annotated[
        list[str] | None,
        # The option's name before -l/--lang was everybody's; scripts that use it still work.
        language_option("Deprecated spelling of --lang.", hidden_alias="--to"),
    ] = None,
    engine: Annotated[
        EngineName | None,
        typer.Option(
            "--engine",
            metavar="argos|memory",
            help="argos: offline machine translation; memory: reuse only, no MT "
            "(default: [tool.toolkit.engine] name, else argos).",
            show_default=False,
        ),
    ] = None,
    device: Annotated[
        Device | None,
        typer.Option(
            "--device",
            metavar="cpu|cuda|auto",
            help="Where the model runs (default: setting, else auto).",
            show_default=False,
        ),
    ] = None,
    batch_size: Annotated[
        int | None,
        typer.Option(
            "--batch-size",
            metavar="N",
            min=1,
            help="Segments per model batch (default: setting, else 32).",
            show_default=False,
        ),
    ] = None,
    beam_size: Annotated[
        int | None,
        typer.Option(
            "--beam-size",
            metavar="N",
            min=1,
            help="Beam search width (default: setting, else 4).",
            show_default=False,
        ),
    ] = None,
    threads: Annotated[
        int | None,
        typer.Option(
            "--threads",
            metavar="N",
            min=0,
            help="CPU threads per translation; 0: CTranslate2's default.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Say what would be reused and translated; write nothing."),
    ] = False,
    require_complete: Annotated[
        bool,
        typer.Option(
            "--require-complete",
            help="Exit with status 1 when any entry is left without a translation "
            "(a missing model, for example).",
        ),
    ] = False,
    wait: Annotated[
        float,
        typer.Option(
            "--wait",
            min=0,
            metavar="SECONDS",
            help="When another translate job runs on this project, wait this long for it "
            "instead of refusing at once.",
        ),
    ] = 0.0,
    no_glossary: Annotated[
        bool,
        typer.Option(
            "--no-glossary",
            help="Leave machine output as the engine gave it: no source normalisation, "
            "no glossary term repair.",
        ),
    ] = False,
    output: FormatOpt = TextFormat.TEXT,
    fail_on: FailOnOpt = None,
) -> None:
    """Translate the corpus into the target languages' catalogs.

    Extracts templates, merges them into translations/<lang>/<article>.po, reuses exact
    matches from every catalog of the language (translation memory), and machine-translates
    what is still empty, offline, in large batches. Machine output is marked fuzzy and names
    its engine and model in a `#. x-engine:` comment. Catalogs are written as soon as their
    segments are done, so an interrupted job loses nothing and a rerun does only the rest.
    Progress goes to stderr, the summary to stdout.
    """
    settings = state(ctx).settings
    options = settings.engine_options.override(
        name=engine.value if engine else None,
        device=device.value if device else None,
        batch_size=batch_size,
        beam_size=beam_size,
        threads=threads,
    )
    if to:
        typer.echo("note: --to is now spelled -l/--lang", err=True)
    languages = [*(lang or ()), *(to or ())] or None
    chosen = open_engine(settings, options)
    # Memory only: nothing machine-made for the glossary to repair.
    hooks = Hooks() if no_glossary or chosen is None else glossary_hooks(settings, languages)
    bars = _Bars()

    def waiting(holder: LockHolder | None) -> None:
        who = holder.describe() if holder is not None else "another process"
        typer.echo(f"another translate job is running ({who}); waiting up to {wait:g} s", err=True)

    try:
        with _sigterm_interrupts():
            summary = translate_project(
                settings,
                chosen,
                languages=languages,
                article_ids=articles,
                hooks=hooks,
                progress=bars,
                dry_run=dry_run,
                wait=wait,
                on_wait=waiting,
                chunk_size=segments_per_call(options),
            )
    finally:
        bars.close()

    for note in summary.notes:
        typer.echo(note, err=True)
    for gap in summary.missing:
        typer.echo(
            f"no model for {gap.pair}: {gap.segments} entries left empty; {gap.hint}", err=True
        )
    if output is TextFormat.JSON:
        print_json(summary.record(settings.root))
    else:
        _print_table(summary)
    if summary.findings:
        # Tiny or weak models give hundreds; the table must stay readable. JSON has them all.
        levels = Counter(f.severity.label for f in summary.findings)
        counted = ", ".join(f"{n} {label}" for label, n in sorted(levels.items()))
        typer.echo(
            f"glossary enforcement: {len(summary.findings)} finding(s) ({counted}); "
            "`toolkit check` lists them, `--format json` includes them",
            err=True,
        )
    if dry_run:
        typer.echo("dry run: nothing was written", err=True)
    code = exit_code(summary.findings, fail_on)
    if require_complete and not summary.complete:
        empty = sum(row.empty for row in summary.rows)
        typer.echo(f"incomplete: {empty} entries have no translation", err=True)
        code = max(code, EXIT_INCOMPLETE)
    raise typer.Exit(code or EXIT_OK)


def _print_table(summary: JobSummary) -> None:
    dry = summary.dry_run
    labels = ("reuse", "translate", "empty") if dry else ("reused", "machine", "empty")
    totals = summary.totals()
    names = [row.article for row in summary.rows] + ["TOTAL"]
    width = max(len("article"), *(len(n) for n in names))
    # A dry run's times would only measure the planning.
    timed = not dry
    header = f"{'article':<{width}}  lang  {labels[0]:>7}  {labels[1]:>9}  {labels[2]:>6}"
    header += f"  {'time':>7}" if timed else ""
    typer.echo(header)
    typer.echo("-" * len(header))
    for row in [*summary.rows, *totals.values()]:
        if row.article == "TOTAL" and row is next(iter(totals.values())):
            typer.echo("-" * len(header))
        line = (
            f"{row.article:<{width}}  {row.language:<4}  {row.reused:>7}  {row.machine:>9}  "
            f"{row.empty:>6}"
        )
        typer.echo(line + (f"  {row.seconds:>6.1f}s" if timed else ""))
    for language, route in summary.routes:
        typer.echo(f"{language}: {route}")
    if timed:
        typer.echo(f"time: {summary.seconds:.1f} s")
