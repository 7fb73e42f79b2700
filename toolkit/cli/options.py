"""Arguments and options that several commands take with the same meaning, and their completion.

One name per idea: the target language is ``-l/--lang LANG``, the output format ``--format
text|json``, article ids are ``ARTICLE`` arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from toolkit.cli.output import TextFormat
from toolkit.config import Settings, load_settings
from toolkit.corpus.articles import article_ids

# --- completion --------------------------------------------------------------------------------
#
# The shell calls these while the user types; the root callback has not run, and a traceback
# would land in the middle of the command line. So they find the project themselves (--project
# if it was typed, else the nearest upwards) and answer "no candidates" on any failure.


def completion_settings(ctx: typer.Context) -> Settings | None:
    """The settings of the project the command line being completed is about, if any."""
    project = ctx.find_root().params.get("project")
    try:
        return load_settings(Path(project) if project else None)
    except Exception:  # no project, a broken one: nothing to offer
        return None


def candidates(values: Iterable[str], incomplete: str) -> list[str]:
    return [value for value in values if value.startswith(incomplete)]


def never_failing(
    find: Callable[[typer.Context], Iterable[str]],
) -> Callable[[typer.Context, str], list[str]]:
    """A completion function from *find*; any error means no candidates."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            return candidates(find(ctx), incomplete)
        except Exception:  # completion must never break the shell
            return []

    return complete


def _project_articles(ctx: typer.Context) -> Iterable[str]:
    settings = completion_settings(ctx)
    return article_ids(settings) if settings is not None else ()


def _project_languages(ctx: typer.Context) -> Iterable[str]:
    settings = completion_settings(ctx)
    return settings.target_languages if settings is not None else ()


complete_articles = never_failing(_project_articles)
complete_languages = never_failing(_project_languages)


# --- choices ---------------------------------------------------------------------------------

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


# --- shared arguments and options --------------------------------------------------------------


def articles_argument(help: str = "Article ids (default: all).") -> Any:
    return typer.Argument(
        metavar="ARTICLE", help=help, show_default=False, autocompletion=complete_articles
    )


def language_option(help: str, *, hidden_alias: str | None = None) -> Any:
    """``-l/--lang LANG``, completed with the project's target languages."""
    names = ("--lang", "-l") if hidden_alias is None else (hidden_alias,)
    return typer.Option(
        *names,
        metavar="LANG",
        help=help,
        show_default=False,
        hidden=hidden_alias is not None,
        autocompletion=complete_languages,
    )


ArticlesArg = Annotated[list[str] | None, articles_argument()]
ArticleArg = Annotated[
    str,
    typer.Argument(metavar="ARTICLE", help="Id of the article.", autocompletion=complete_articles),
]
LanguagesOpt = Annotated[
    list[str] | None,
    language_option("Target language; repeat for several (default: all of the project's)."),
]
LanguageOpt = Annotated[
    str | None,
    language_option(
        "Target language of catalogs whose Language header does not say (default: the header)."
    ),
]
FormatOpt = Annotated[
    TextFormat,
    typer.Option("--format", metavar="text|json", help="Output as text, or as JSON for scripts."),
]
