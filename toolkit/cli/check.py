"""``toolkit check``: run the quality checks over catalogs and report the findings."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from toolkit.checks import CHECKS, CheckReport, check_project, select_checks
from toolkit.cli.app import app, state
from toolkit.cli.findings import FailOnOpt
from toolkit.cli.options import FormatOpt, language_option
from toolkit.cli.output import TextFormat, print_json
from toolkit.errors import ConfigError
from toolkit.findings import Finding, Location, Severity, exit_code

EXCERPT = 72  # characters of a source or target shown in the text report


def _check_names(values: list[str] | None) -> list[str] | None:
    """Unknown check names are a usage error that lists the valid ones."""
    try:
        select_checks(values)
    except ConfigError as exc:
        names = ", ".join(c.name for c in CHECKS)
        raise typer.BadParameter(f"{exc.message}; checks are: {names}") from None
    return values


def complete_checks(incomplete: str) -> list[str]:
    """Check names; after a comma, the names not given yet (``--only numbers,qu<TAB>``)."""
    done, _, last = incomplete.rpartition(",")
    given = set(done.split(",")) if done else set()
    prefix = f"{done}," if done else ""
    return [prefix + c.name for c in CHECKS if c.name.startswith(last) and c.name not in given]


def _excerpt(text: str, span: tuple[int, int] | None = None) -> str:
    flat = " ".join(text.split())
    if span is None:
        return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1] + "…"
    start, end = span
    before = " ".join(text[:start].split())
    inside = " ".join(text[start:end].split()) or text[start:end]
    after = " ".join(text[end:].split())
    room = max((EXCERPT - len(inside)) // 2, 10)
    left = ("…" + before[-room:]) if len(before) > room else before
    right = (after[:room] + "…") if len(after) > room else after
    gap_before = " " if text[:start].endswith((" ", "\u00a0")) and left else ""
    gap_after = " " if text[end:].startswith((" ", "\u00a0")) and right else ""
    return f"{left}{gap_before}[{inside}]{gap_after}{right}"


def _print_text(findings: Sequence[Finding]) -> None:
    current_file, current_entry = "", Location()
    for finding in findings:
        path, line = finding.location.path, finding.location.line
        if path != current_file:
            if current_file:
                typer.echo()
            typer.echo(path)
            current_file, current_entry = path, Location()
        if finding.location != current_entry:
            source = finding.entry[1] if finding.entry else finding.subject
            typer.echo(f"  {line if line is not None else '-':>5}  {_excerpt(source)}")
            current_entry = finding.location
        typer.echo(f"    {finding.severity.label:<8} {finding.check:<18} {finding.message}")
        if finding.span is not None and finding.subject:
            typer.echo(f"    {'':<8} {'':<18} at: {_excerpt(finding.subject, finding.span)}")
        elif finding.source_span is not None and finding.entry is not None:
            shown = _excerpt(finding.entry[1], finding.source_span)
            typer.echo(f"    {'':<8} {'':<18} source: {shown}")


def _summary(report: CheckReport) -> str:
    found = ", ".join(f"{n} {label}" for label, n in report.counts.items() if n)
    scope = f"{report.catalogs} catalog(s), {report.entries} entries, {len(report.checks)} checks"
    if not report.findings:
        return f"no findings ({scope})"
    return f"{len(report.findings)} finding(s): {found} ({scope})"


def _list_checks(output: TextFormat) -> None:
    if output is TextFormat.JSON:
        print_json([c.record() for c in CHECKS])
        return
    width = max(len(c.name) for c in CHECKS)
    for c in CHECKS:
        typer.echo(f"{c.name:<{width}}  {c.severity.label:<7}  {c.description}")


@app.command("check")
def check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Catalogs (.po), templates (.pot) or folders of them (default: every catalog "
            "of the project's target languages, and the templates).",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        list[str] | None,
        language_option(
            "Check this target language only; repeat for several. With PO files: the "
            "language of a file whose header does not say."
        ),
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only",
            metavar="CHECK",
            callback=_check_names,
            autocompletion=complete_checks,
            help="Run only this check; repeat or comma-separate for several (--list names them).",
            show_default=False,
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude",
            metavar="CHECK",
            callback=_check_names,
            autocompletion=complete_checks,
            help="Skip this check; repeat or comma-separate for several.",
            show_default=False,
        ),
    ] = None,
    fail_on: FailOnOpt = None,
    output: FormatOpt = TextFormat.TEXT,
    list_checks: Annotated[
        bool,
        typer.Option("--list", help="List the checks with their severity and description."),
    ] = False,
) -> None:
    """Check translations: terms, numbers, scripts, typography, completeness.

    Findings are printed grouped by file and entry (or as JSON). Exit status 1 when a finding
    reaches --fail-on (default: error), 2 for a usage error.
    """
    if list_checks:
        _list_checks(output)
        return
    settings = state(ctx).settings
    report = check_project(settings, paths or (), lang, only=only, exclude=exclude)
    if output is TextFormat.JSON:
        print_json(report.record())
    else:
        _print_text(report.findings)
    typer.echo(_summary(report), err=True)
    raise typer.Exit(exit_code(report.findings, fail_on or Severity.ERROR))
