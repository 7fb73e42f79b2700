"""``toolkit extract``, ``toolkit catalog update|stats`` and ``toolkit compile``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from toolkit.cli.app import ToolkitTyper, app, state
from toolkit.cli.findings import FailOnOpt, report_findings
from toolkit.cli.options import ArticlesArg, FormatOpt, LanguagesOpt
from toolkit.cli.output import TextFormat, print_json, shown
from toolkit.corpus.articles import select_articles
from toolkit.findings import exit_code
from toolkit.project.compile import compile_catalogs
from toolkit.project.extract import extract_templates
from toolkit.project.stats import catalog_stats, counts_record, total_counts
from toolkit.project.update import update_catalogs

catalog_app = ToolkitTyper(
    name="catalog",
    help="Merge templates into the translation catalogs and report how far they are.",
)
app.add_typer(catalog_app, name="catalog")


@app.command("extract")
def extract(
    ctx: typer.Context,
    articles: ArticlesArg = None,
    fail_on: FailOnOpt = None,
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """Write a translation template (.pot) for each corpus article.

    Templates go to translations/templates/<article>.pot. Segments kept out of translation
    (boilerplate, text not in the source language) are reported on stderr as findings (with
    --format json: in the JSON).
    """
    settings = state(ctx).settings
    loaded = select_articles(settings, articles)
    results = extract_templates(settings, loaded)
    findings = [f for article in loaded for f in article.exclusions(settings.root)]
    if output is TextFormat.JSON:
        print_json(
            {
                "templates": [result.record(settings.root) for result in results],
                "findings": [finding.record() for finding in findings],
            }
        )
    else:
        for result in results:
            typer.echo(
                f"{result.status:<9} {shown(result.path, settings)} ({result.messages} messages)"
            )
        report_findings(findings)
    raise typer.Exit(exit_code(findings, fail_on))


@catalog_app.command("update")
def update(
    ctx: typer.Context,
    articles: ArticlesArg = None,
    lang: LanguagesOpt = None,
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """Merge templates into translations/<lang>/<article>.po (msgmerge semantics).

    Translations are kept; changed sentences become fuzzy with the old source as `#| msgid`;
    sentences gone from the template become obsolete `#~` entries. Nothing is lost.
    """
    settings = state(ctx).settings
    results = update_catalogs(settings, lang, articles)
    if output is TextFormat.JSON:
        print_json({"catalogs": [result.record(settings.root) for result in results]})
        return
    for result in results:
        parts = [
            f"{count} {label}"
            for count, label in (
                (result.kept, "kept"),
                (result.new, "new"),
                (result.fuzzy_matched, "fuzzy"),
                (result.revived, "revived"),
                (result.obsoleted, "obsolete"),
                (result.dropped, "dropped"),
            )
            if count
        ]
        summary = f" ({', '.join(parts)})" if parts and result.status != "unchanged" else ""
        typer.echo(f"{result.status:<9} {shown(result.path, settings)}{summary}")


@catalog_app.command("stats")
def stats(
    ctx: typer.Context,
    articles: ArticlesArg = None,
    lang: LanguagesOpt = None,
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """Show translated, fuzzy and untranslated messages per article and language."""
    settings = state(ctx).settings
    rows = catalog_stats(settings, lang, articles)
    totals = total_counts(rows)
    if output is TextFormat.JSON:
        print_json(
            {
                "catalogs": [row.record(settings.root) for row in rows],
                "totals": {language: counts_record(c) for language, c in totals.items()},
            }
        )
        return
    table = [
        (
            row.article if row.exists else f"{row.article} (no catalog)",
            row.language,
            row.counts,
        )
        for row in rows
    ]
    table += [("TOTAL", language, counts) for language, counts in totals.items()]
    width = max([len("article"), *(len(name) for name, _, _ in table)])
    header = (
        f"{'article':<{width}}  lang  {'total':>5}  {'translated':>10}  {'%':>6}  "
        f"{'fuzzy':>5}  {'untranslated':>12}"
    )
    typer.echo(header)
    typer.echo("-" * len(header))
    for name, language, counts in table:
        if name == "TOTAL" and language == next(iter(totals)):
            typer.echo("-" * len(header))
        typer.echo(
            f"{name:<{width}}  {language:<4}  {counts.total:>5}  {counts.translated:>10}  "
            f"{counts.percent:>5.1f}%  {counts.fuzzy:>5}  {counts.untranslated:>12}"
        )


@app.command("compile")
def compile_(
    ctx: typer.Context,
    articles: ArticlesArg = None,
    lang: LanguagesOpt = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="DIR",
            help="Locale folder to write <lang>/LC_MESSAGES/<article>.mo into "
            "(default: build/locale).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """Compile catalogs to .mo files that gettext loads; fuzzy entries are left out."""
    settings = state(ctx).settings
    results = compile_catalogs(settings, lang, articles, out)
    if output is TextFormat.JSON:
        print_json({"catalogs": [result.record(settings.root) for result in results]})
        return
    for result in results:
        fuzzy = f", {result.fuzzy} fuzzy left out" if result.fuzzy else ""
        typer.echo(
            f"{result.status:<9} {shown(result.path, settings)} "
            f"({result.compiled} translated{fuzzy})"
        )
