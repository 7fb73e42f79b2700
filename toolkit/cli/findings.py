"""How every command prints findings and takes `--fail-on`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from toolkit.findings import Finding, Severity


def _parse_level(value: str | None) -> Severity | None:
    if value is None:
        return None
    try:
        return Severity.parse(value)
    except KeyError:
        raise typer.BadParameter("choose error, warning or info") from None


FailOnOpt = Annotated[
    Severity | None,
    typer.Option(
        "--fail-on",
        metavar="error|warning|info",
        parser=_parse_level,
        help="Exit with status 1 when a finding of this severity or worse is reported.",
        show_default=False,
    ),
]


def report_findings(findings: Sequence[Finding]) -> None:
    """Findings go to stderr, one grep-friendly line each, with a count at the end."""
    for finding in findings:
        typer.echo(finding.format(), err=True)
    if findings:
        by_level = {s: sum(f.severity is s for f in findings) for s in reversed(Severity)}
        summary = ", ".join(f"{n} {s.label}" for s, n in by_level.items() if n)
        typer.echo(f"{len(findings)} finding(s): {summary}", err=True)
