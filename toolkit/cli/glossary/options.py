"""What the `toolkit glossary` commands share: the command group, options that mean the same in
every command (``--format``, ``--type``, ``--lang``, concept ids) with shell completion from the
project's glossary, and how a save and JSON are printed."""

from __future__ import annotations

from typing import Annotated

import typer

from toolkit.cli.app import ToolkitTyper, app
from toolkit.cli.options import (
    choice,
    choices,
    complete_languages,
    completion_settings,
    never_failing,
)
from toolkit.cli.output import shown
from toolkit.config import Settings
from toolkit.glossary.editing import Saved
from toolkit.glossary.storage import read_glossary
from toolkit.glossary.termbase import ConceptType

glossary_app = ToolkitTyper(
    help="The glossary (glossary/*.po): list, show, add, edit, remove, find and lint concepts; "
    "import and export TBX or CSV; discover variants and names in the corpus.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(glossary_app, name="glossary")


def _project_concepts(ctx: typer.Context) -> list[str]:
    settings = completion_settings(ctx)
    return [c.id for c in read_glossary(settings).concepts] if settings is not None else []


complete_concepts = never_failing(_project_concepts)


TYPE_HELP = "Concept type: " + ", ".join(t.value for t in ConceptType) + "."
TypeOpt = Annotated[
    ConceptType | None,
    typer.Option(
        "--type",
        metavar="TYPE",
        parser=choice(ConceptType),
        autocompletion=choices(ConceptType),
        help=TYPE_HELP,
        show_default=False,
    ),
]
LangsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--lang",
        "-l",
        metavar="LANG",
        autocompletion=complete_languages,
        help="Show this target language only; repeat for several (default: all).",
        show_default=False,
    ),
]
ConceptArg = Annotated[
    str,
    typer.Argument(
        metavar="ID", autocompletion=complete_concepts, help="Id of the concept to change."
    ),
]


def report_saved(settings: Settings, saved: Saved) -> None:
    """Which files a save changed, and the lint warnings it brought."""
    for path, status in saved.changed:
        typer.echo(f"{status} {shown(path, settings)}", err=True)
    for finding in saved.warnings:
        typer.echo(f"warning: {finding.message}", err=True)
