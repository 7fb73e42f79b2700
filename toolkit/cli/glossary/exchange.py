"""`toolkit glossary export, import, discover`: the glossary to and from files and the corpus.

Each command parses its options, calls one library function (:mod:`toolkit.glossary.exchange`,
:mod:`toolkit.glossary.editing`, :mod:`toolkit.glossary.discover`) and prints.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from toolkit.cli.app import state
from toolkit.cli.glossary.options import (
    glossary_app,
    report_saved,
)
from toolkit.cli.options import FormatOpt, choice, choices, complete_languages
from toolkit.cli.output import TextFormat, print_json
from toolkit.corpus.articles import load_corpus
from toolkit.fileio import write_text_atomic
from toolkit.glossary.discover import Discovery, corpus_passages, discover
from toolkit.glossary.editing import plan_glossary_import, save_import
from toolkit.glossary.exchange import ExchangeFormat, ImportMode, export_termbase
from toolkit.glossary.storage import project_name, read_glossary
from toolkit.project.paths import target_languages


class ImportFormat(StrEnum):
    auto = "auto"
    csv = "csv"
    tbx = "tbx"


# --- exchange ----------------------------------------------------------------------------------


@glossary_app.command("export")
def export_glossary(
    ctx: typer.Context,
    output: Annotated[
        ExchangeFormat,
        typer.Option(
            "--as",
            metavar="tbx|csv|csv-full",
            parser=choice(ExchangeFormat),
            autocompletion=choices(ExchangeFormat),
            help="tbx: TBX-Basic, every field; csv: header of language codes, one row per source "
            "form with the approved forms (Amazon/Google/MT engines); csv-full: every field, one "
            "row per concept.",
        ),
    ] = ExchangeFormat.TBX,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", metavar="FILE", help="Write here (default: stdout).", dir_okay=False
        ),
    ] = None,
    lang: Annotated[
        list[str] | None,
        typer.Option(
            "--lang",
            "-l",
            metavar="LANG",
            autocompletion=complete_languages,
            help="Export this target language only; repeat for several (default: all).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Export the glossary as TBX or CSV."""
    settings = state(ctx).settings
    languages = target_languages(settings, lang)
    termbase = read_glossary(settings)
    title = f"Glossary of {project_name(settings)}"
    text = export_termbase(termbase, output, languages=languages, title=title)
    if out is None:
        typer.echo(text, nl=False)
        return
    write_text_atomic(out, text)
    typer.echo(f"wrote {out} ({len(termbase)} concept(s), {output.value})", err=True)


@glossary_app.command("import")
def import_glossary(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="TBX or CSV file to import.", dir_okay=False)
    ],
    fmt: Annotated[
        ImportFormat,
        typer.Option(
            "--as",
            metavar="auto|csv|tbx",
            parser=choice(ImportFormat),
            autocompletion=choices(ImportFormat),
            help="File format; auto: XML is TBX, anything else CSV.",
        ),
    ] = ImportFormat.auto,
    mode: Annotated[
        ImportMode,
        typer.Option(
            "--mode",
            metavar="merge|replace",
            parser=choice(ImportMode),
            autocompletion=choices(ImportMode),
            help="merge: add concepts and forms, set what the file gives, remove nothing; "
            "replace: the glossary becomes the file.",
        ),
    ] = ImportMode.MERGE,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would change; write nothing.")
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            metavar="LANG",
            autocompletion=complete_languages,
            help="Target language of a two-column CSV (SOURCE,TARGET rows without a header).",
        ),
    ] = None,
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """Import a TBX or CSV glossary; prints what is added, changed or removed.

    Concepts are matched by id, or by source form where the file has none. Refuses (exit 2,
    nothing written) an import that would create a lint error.
    """
    settings = state(ctx).settings
    target = settings.require_target(lang) if lang is not None else None
    pending = plan_glossary_import(settings, file, fmt=fmt.value, mode=mode, target=target)
    plan = pending.plan
    for warning in plan.warnings:
        typer.echo(f"warning: {warning}", err=True)
    saved = save_import(settings, pending, dry_run=dry_run)
    if output is TextFormat.JSON:
        print_json({**plan.record(), "written": saved is not None})
    else:
        for change in plan.changes:
            typer.echo(change.format())
    counts = plan.counts
    summary = ", ".join(f"{counts[kind]} {kind}" for kind in ("added", "changed", "removed"))
    read = f"{len(pending.incoming.concepts)} concept(s) read from {file}"
    if not plan.changes:
        typer.echo(f"{read}; nothing to change", err=True)
    elif saved is None:
        typer.echo(f"{read}: {summary}; dry run, nothing written", err=True)
    else:
        report_saved(settings, saved)
        typer.echo(f"{read}: {summary}", err=True)


# --- discovery ---------------------------------------------------------------------------------


@glossary_app.command("discover")
def discover_terms(
    ctx: typer.Context,
    min_count: Annotated[
        int,
        typer.Option(
            "--min-count",
            metavar="N",
            min=1,
            help="Propose a new name seen at least this often (variants of known concepts are "
            "proposed from one occurrence).",
        ),
    ] = 2,
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """Suggest variants of known concepts and new names from the corpus; never edits the
    glossary."""
    settings = state(ctx).settings
    termbase = read_glossary(settings)
    passages = corpus_passages(load_corpus(settings))
    found = discover(termbase, passages, min_count=min_count)
    if output is TextFormat.JSON:
        print_json(found.record())
    else:
        _print_discovery(found, min_count)
    typer.echo(
        f"{len(passages)} segment(s) scanned: {len(found.variants)} variant(s) of known "
        f"concepts, {len(found.names)} new name(s); the glossary is unchanged",
        err=True,
    )


def _times(count: int) -> str:
    return f"{count} time" + ("s" if count != 1 else "")


def _print_discovery(found: Discovery, min_count: int) -> None:
    if found.variants:
        typer.echo("Variants of known concepts:")
        for variant in found.variants:
            typer.echo(
                f"  {variant.concept}: {variant.form!r} seen {_times(variant.count)} "
                f"({', '.join(variant.examples)})"
            )
            typer.echo(f"    {variant.evidence}")
            typer.echo(f"    {variant.command}")
    if found.names:
        if found.variants:
            typer.echo("")
        typer.echo(f"New names (seen at least {_times(min_count)}):")
        for name in found.names:
            typer.echo(f"  {name.form!r} seen {_times(name.count)} ({', '.join(name.examples)})")
            typer.echo(f"    {name.command}")
