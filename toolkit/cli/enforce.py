"""``toolkit enforce`` and ``toolkit score``: the glossary applied to catalogs, and measured."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer

from toolkit.cli.app import app, state
from toolkit.cli.options import FormatOpt, LanguageOpt
from toolkit.cli.output import TextFormat, print_json
from toolkit.config import Settings
from toolkit.enforce import (
    Change,
    EnforceSummary,
    catalog_diff,
    enforce_catalog,
    load_termbase,
)
from toolkit.errors import ConfigError
from toolkit.findings import Finding, Location
from toolkit.gettext.store import save_catalog
from toolkit.project.catalogs import read_catalog_files
from toolkit.score import Score, score_catalogs

GlossaryOpt = Annotated[
    Path | None,
    typer.Option(
        "--glossary",
        metavar="DIR",
        help="Glossary folder (glossary.pot and <lang>.po) instead of the project's.",
        file_okay=False,
        show_default=False,
    ),
]


def _settings(ctx: typer.Context, glossary: Path | None) -> Settings | None:
    """The project's settings; with --glossary the command also runs outside a project."""
    try:
        return state(ctx).settings
    except ConfigError:
        if glossary is None:
            raise
        return None


def _change_line(location: Location, change: Change) -> str:
    old = " ".join(change.old.split())
    new = " ".join(change.new.split())
    return f"{location}: {change.concept}: {old} -> {new} ({change.kind.value}, {change.features})"


@app.command("enforce")
def enforce(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="Catalogs (.po) or folders of them to apply the glossary to.",
            show_default=False,
        ),
    ],
    lang: LanguageOpt = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would change; write nothing.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Also print a unified diff of each changed catalog.")
    ] = False,
    glossary: GlossaryOpt = None,
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """Repair glossary terms in translated catalogs, in the case the sentence needs.

    Wrong variants and near misses of the terms the source names are replaced by the approved
    form, inflected like what they replace; each change is recorded on its entry (a translator
    comment) and the entry is made fuzzy. Files are changed in place unless --dry-run. Terms
    that cannot be found are reported on stderr, never guessed in.
    """
    settings = _settings(ctx, glossary)
    files = read_catalog_files(paths, [lang] if lang else [], settings=settings)
    termbase = load_termbase([f.target for f in files], settings=settings, folder=glossary)
    records: list[dict[str, Any]] = []
    findings: list[Finding] = []
    changes = entries = written = 0
    for item in files:
        where = item.shown
        result = enforce_catalog(item.catalog, termbase, item.target)
        for entry in result.entries:
            location = Location(where, entry.original.lineno or 0)
            findings.extend(replace(f, location=location) for f in entry.findings)
            if not entry.changed:
                continue
            entries += 1
            for change in entry.changes:
                changes += 1
                if output is TextFormat.TEXT:
                    typer.echo(_change_line(location, change))
                records.append(change.record(location, item.language))
        if not result.changed:
            continue
        if diff and output is TextFormat.TEXT:
            typer.echo(catalog_diff(where, item.catalog, result.catalog), nl=False)
        if not dry_run:
            save_catalog(item.path, result.catalog, base=item.base, stamp="PO-Revision-Date")
            written += 1
    summary = EnforceSummary(len(files), entries, changes, written, dry_run)
    if output is TextFormat.JSON:
        data = {
            "changes": records,
            "findings": [f.record() for f in findings],
            "summary": summary.record(),
        }
        print_json(data)
    else:
        for finding in findings:
            typer.echo(finding.format(), err=True)
    tail = "dry run, nothing written" if dry_run else f"{written} catalog(s) written"
    typer.echo(
        f"{changes} change(s) in {entries} entr{'y' if entries == 1 else 'ies'} of "
        f"{len(files)} catalog(s), {len(findings)} finding(s); {tail}",
        err=True,
    )


def _print_score(score: Score) -> None:
    width = max([len("overall"), *(len(c.concept) for c in score.concepts)])
    typer.echo(f"{'concept':<{width}}  {'terms':>5}  {'exact':>6}  {'lemma':>6}")
    for c in score.concepts:
        typer.echo(
            f"{c.concept:<{width}}  {c.total:>5}  {c.exact_accuracy:>6.1%}  "
            f"{c.lemma_accuracy:>6.1%}"
        )
    typer.echo(
        f"{'overall':<{width}}  {score.total:>5}  {score.exact_accuracy:>6.1%}  "
        f"{score.lemma_accuracy:>6.1%}"
    )
    typer.echo(
        f"chrF {score.chrf:.2f} over {score.entries} entries ({score.empty} untranslated); "
        f"language {score.language}"
    )


@app.command("score")
def score(
    ctx: typer.Context,
    hypothesis: Annotated[
        Path,
        typer.Argument(
            metavar="HYP.po", help="The translations to score.", dir_okay=False, show_default=False
        ),
    ],
    reference: Annotated[
        Path,
        typer.Option(
            "--reference",
            "-r",
            metavar="REF.po",
            help="Reference translations of the same entries.",
            dir_okay=False,
            show_default=False,
        ),
    ],
    lang: LanguageOpt = None,
    glossary: GlossaryOpt = None,
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """Score glossary terms and chrF of a catalog against reference translations.

    Exact-match term accuracy (the reference's inflected form), lemma accuracy (any inflected
    form of the approved term), per concept and overall, and chrF over the paired entries.
    """
    settings = _settings(ctx, glossary)
    (hyp,) = read_catalog_files([hypothesis], [lang] if lang else [], settings=settings)
    (ref,) = read_catalog_files([reference], [lang] if lang else [], settings=settings)
    if hyp.language != ref.language:
        raise ConfigError(
            f"the catalogs are in different languages ({hyp.language}, {ref.language})",
            hint="score a catalog against a reference of its own language",
        )
    termbase = load_termbase([hyp.target], settings=settings, folder=glossary)
    result = score_catalogs(ref.catalog, hyp.catalog, termbase, hyp.target)
    if output is TextFormat.JSON:
        print_json(result.record())
    else:
        _print_score(result)
