"""`toolkit config`: show the settings every other command will use."""

from __future__ import annotations

import typer

from toolkit.cli.app import app, state
from toolkit.cli.options import FormatOpt
from toolkit.cli.output import TextFormat, print_json
from toolkit.locales import language_name


@app.command("config")
def show_config(ctx: typer.Context, output: FormatOpt = TextFormat.TEXT) -> None:
    """Show the project folder and its [tool.toolkit] settings."""
    settings = state(ctx).settings
    data = settings.record()
    if output is TextFormat.JSON:
        print_json(data)
        return
    typer.echo(f"project       {settings.root}")
    typer.echo(
        f"source        {settings.source_language} ({language_name(settings.source_language)})"
    )
    targets = ", ".join(f"{code} ({language_name(code)})" for code in settings.target_languages)
    typer.echo(f"targets       {targets}")
    for key in ("corpus", "glossary", "translations", "build"):
        typer.echo(f"{key:<13} {data[key]}")
