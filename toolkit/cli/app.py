"""The root ``toolkit`` command: global options, error handling, command groups."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from toolkit.config import Settings, load_settings
from toolkit.errors import EXIT_ERROR, SystemFault, ToolkitError


@dataclass
class State:
    """What the root callback learned, shared with every command through ``ctx.obj``."""

    project: Path | None = None
    debug: bool = False
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        # Loaded on first use so that `--help` and commands that need no project work anywhere.
        if self._settings is None:
            self._settings = load_settings(self.project)
        return self._settings


class ToolkitGroup(TyperGroup):
    """Turns every ToolkitError (and every system fault, see SystemFault) into one line on
    stderr and exit code 2 (the one place)."""

    # Typer's vendored click Context is private API; the override takes whatever click passes.
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.BadParameter as exc:
            # Typer checks choices with pydantic, whose message for a wrong one starts with
            # "Value error, "; subcommands parse their options inside this call, so every
            # usage error passes here once.
            exc.message = exc.message.removeprefix("Value error, ")
            raise
        except ToolkitError as exc:
            state = ctx.obj if isinstance(ctx.obj, State) else None
            if state is not None and state.debug:
                raise
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(EXIT_ERROR) from None
        except OSError as exc:
            # Disk full, read-only, no permission, too many open files: the user's to fix, so
            # one line too. Any other OSError is a bug and keeps its traceback.
            fault = SystemFault.from_os_error(exc)
            state = ctx.obj if isinstance(ctx.obj, State) else None
            if fault is None or (state is not None and state.debug):
                raise
            typer.echo(f"error: {fault}", err=True)
            raise typer.Exit(EXIT_ERROR) from None
        except KeyboardInterrupt:
            typer.echo("interrupted; files already written are complete", err=True)
            raise typer.Exit(130) from None


def _argument_name(param: TyperArgument, *, usage: bool = False) -> str:
    """``ARTICLE...`` in the argument list; ``[ARTICLE]...`` (optional) in the usage line."""
    name = param.metavar or (param.name or "").upper()
    if usage and not param.required:
        name = f"[{name}]"
    return name if param.nargs == 1 else f"{name}..."


class ToolkitCommand(TyperCommand):
    """A command whose help names its arguments by their metavar alone.

    Typer shows an argument with its Python type (``ARTICLE <list[str]>``) and a required one in
    braces (``{PO}...``); here they read ``ARTICLE...`` in the argument list and ``[ARTICLE]...``
    or ``PO...`` in the usage line, as click writes them.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.resilient_parsing and args and args[-1].startswith("-"):
            # Completing an option's value (`approve FILE --entry <TAB>`): the option has no
            # value yet, which stops the parser before the arguments the completion needs.
            args = args[:-1]
        return super().parse_args(ctx, args)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                pieces.append(_argument_name(param, usage=True))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if isinstance(param, TyperArgument):
                arguments.append((_argument_name(param), record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class ToolkitTyper(typer.Typer):
    """A command group of this CLI: plain help text, help when called bare, ToolkitCommand."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("rich_markup_mode", None)
        kwargs.setdefault("no_args_is_help", True)
        super().__init__(**kwargs)

    def command(  # type: ignore[override]  # narrower than Typer's; takes the same keywords
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return super().command(name, cls=cls or ToolkitCommand, **kwargs)


app = ToolkitTyper(
    name="toolkit",
    cls=ToolkitGroup,
    help="Translate English news into Russian and Kazakh offline, driven by a PO glossary.",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    ctx: typer.Context,
    project: Annotated[
        Path | None,
        typer.Option(
            "--project",
            metavar="DIR",
            help="Project folder (with pyproject.toml [tool.toolkit]); default: nearest upwards.",
            file_okay=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show full tracebacks instead of one-line errors.")
    ] = False,
) -> None:
    """Translate English news into Russian and Kazakh offline, driven by a PO glossary."""
    ctx.obj = State(project=project, debug=debug)


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):  # commands invoked without the root callback (tests)
        obj = State()
        ctx.find_root().obj = obj
    return obj


def main() -> None:
    """Console-script entry point."""
    sys.exit(app(prog_name="toolkit") or 0)
