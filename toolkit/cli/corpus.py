"""`toolkit corpus`: import source articles, list them, show their segments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from toolkit.cli.app import ToolkitTyper, app, state
from toolkit.cli.options import ArticleArg, FormatOpt
from toolkit.cli.output import TextFormat, print_json
from toolkit.corpus.articles import (
    ImportPlan,
    ImportResult,
    load_article,
    load_corpus,
    plan_import,
    write_import,
)
from toolkit.errors import CorpusError

corpus_app = ToolkitTyper(help="Source articles: import them, list them, show their segments.")
app.add_typer(corpus_app, name="corpus")


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


@corpus_app.command("import")
def import_files(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE",
            help="Text files to import (UTF-8; noise is cleaned, wording is kept).",
        ),
    ],
    article_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="ARTICLE",
            help="Article id (one file only); default: date and title words.",
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title", metavar="TEXT", help="Title (one file only); default: the first sentence."
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="Publication date; overrides a date marker in the file.",
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", metavar="NAME", help="Outlet; overrides the one the text names."),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            metavar="TEXT",
            help="Editor's note kept in the metadata (where facts came from).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an article that has the same id.")
    ] = False,
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """Import articles into the corpus; prints each id, and on stderr what was cleaned."""
    if len(files) > 1 and (article_id is not None or title is not None):
        raise typer.BadParameter("--id and --title need exactly one FILE")
    settings = state(ctx).settings
    when = _parse_date(date)
    # Every file is read, cleaned and checked before the first one is written.
    plans: list[ImportPlan] = []
    for path in files:
        plan = plan_import(
            settings,
            path,
            article_id=article_id,
            title=title,
            date=when,
            source=source,
            note=note,
            force=force,
        )
        clash = next((p for p in plans if p.meta.id == plan.meta.id), None)
        if clash is not None:
            raise CorpusError(
                f"{path} and {clash.origin} would both be imported as {plan.meta.id!r}",
                hint="import them one at a time with --id",
            )
        plans.append(plan)
    records = []
    for plan in plans:
        result = write_import(settings, plan)
        if output is TextFormat.JSON:
            records.append(result.record(settings.root))
        else:
            _report_import(plan, result)
    if output is TextFormat.JSON:
        print_json(records)


def _report_import(plan: ImportPlan, result: ImportResult) -> None:
    """The new id on stdout; what was cleaned, decided and left out on stderr."""
    article = result.article
    verb = "replaced" if result.replaced else "imported"
    typer.echo(article.id)
    typer.echo(
        f"{verb} {plan.origin} as {article.text_path} "
        f"({len(article.segments)} segments, {len(article.translatable)} to translate)",
        err=True,
    )
    for change in result.changes:
        typer.echo(f"  cleaned: {change}", err=True)
    for decision in result.decisions:
        typer.echo(f"  metadata: {decision}", err=True)
    for segment in result.excluded:
        typer.echo(
            f"  not translated: {segment.id} ({segment.kind}: {segment.reason}): {segment.text}",
            err=True,
        )


@corpus_app.command("list")
def list_articles(ctx: typer.Context, output: FormatOpt = TextFormat.TEXT) -> None:
    """List the articles: id, date, segments (total/to translate), title."""
    settings = state(ctx).settings
    articles = load_corpus(settings)
    rows = [article.summary_record() for article in articles]
    if output is TextFormat.JSON:
        print_json(rows)
        return
    if not rows:
        typer.echo(f"no articles in {settings.corpus_path}", err=True)
        return
    width = max(len(row["id"]) for row in rows)
    typer.echo(f"{'ID':<{width}}  {'DATE':<10}  {'SEGMENTS':>8}  TITLE")
    for row in rows:
        counts = f"{row['segments']}/{row['translatable']}"
        typer.echo(f"{row['id']:<{width}}  {row['date'] or '-':<10}  {counts:>8}  {row['title']}")


@corpus_app.command("show")
def show_article(
    ctx: typer.Context, article_id: ArticleArg, output: FormatOpt = TextFormat.TEXT
) -> None:
    """Show an article's metadata and segments; segments kept out of translation say why."""
    settings = state(ctx).settings
    article = load_article(settings, article_id)
    meta = article.meta
    if output is TextFormat.JSON:
        print_json(article.record(settings.root))
        return
    fields = [
        ("id", meta.id),
        ("title", meta.title),
        ("date", meta.date.isoformat() if meta.date else None),
        ("source", meta.source),
        ("dateline", meta.dateline),
        ("origin", meta.origin),
        ("note", meta.note),
    ]
    for name, value in fields:
        if value is not None:
            typer.echo(f"{name + ':':<10}{value}")
    typer.echo(
        f"{'segments:':<10}{len(article.segments)} ({len(article.translatable)} to translate)"
    )
    typer.echo("")
    width = max(len(s.id) for s in article.segments)
    for segment in article.segments:
        mark = "-" if not segment.translatable else " "
        line = f"{segment.id:<{width}} {mark} {segment.kind:<11} {segment.text}"
        if segment.reason:
            line += f"  [not translated: {segment.reason}]"
        typer.echo(line)
