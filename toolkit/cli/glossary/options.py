"""What the `toolkit glossary` commands share: the command group, options that mean the same in
every command (``--format``, ``--type``, ``--lang``, concept ids) with shell completion from the
project's glossary, and how a save and JSON are printed."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer

from toolkit.cli.app import ToolkitTyper, app
from toolkit.cli.output import TextFormat, shown
from toolkit.config import Settings, load_settings
from toolkit.errors import ToolkitError
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


Choice = TypeVar("Choice", bound=StrEnum)


def choice(kind: type[Choice]) -> Callable[[Any], Choice | None]:
    """Parses an option into *kind*, saying which values there are (typer's own message starts
    with "Value error,")."""

    def parse(value: Any) -> Choice | None:
        if value is None:
            return None
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(repr(member.value) for member in kind)
            raise typer.BadParameter(f"{value!r} is not one of {allowed}.") from None

    return parse


def choices(kind: type[StrEnum]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [member.value for member in kind if member.value.startswith(incomplete)]

    return complete


def _completion_settings(ctx: typer.Context) -> Settings | None:
    """The project's settings while the shell completes a word; None outside a project."""
    try:
        return load_settings(ctx.find_root().params.get("project"))
    except (ToolkitError, OSError, ValueError):
        return None


def complete_concepts(ctx: typer.Context, incomplete: str) -> list[str]:
    settings = _completion_settings(ctx)
    if settings is None:
        return []
    try:
        termbase = read_glossary(settings)
    except (ToolkitError, OSError, ValueError):
        return []
    return [concept.id for concept in termbase.concepts if concept.id.startswith(incomplete)]


def complete_languages(ctx: typer.Context, incomplete: str) -> list[str]:
    settings = _completion_settings(ctx)
    if settings is None:
        return []
    return [code for code in settings.target_languages if code.startswith(incomplete)]


FormatOpt = Annotated[
    TextFormat,
    typer.Option(
        "--format",
        metavar="text|json",
        parser=choice(TextFormat),
        autocompletion=choices(TextFormat),
        help="Output as text or as JSON for scripts.",
    ),
]
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


def chosen_languages(settings: Settings, lang: Sequence[str] | None) -> list[str]:
    if not lang:
        return list(settings.target_languages)
    return list(dict.fromkeys(settings.require_target(code) for code in lang))


def report_saved(settings: Settings, saved: Saved) -> None:
    """Which files a save changed, and the lint warnings it brought."""
    for path, status in saved.changed:
        typer.echo(f"{status} {shown(path, settings)}", err=True)
    for finding in saved.warnings:
        typer.echo(f"warning: {finding.message}", err=True)


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
