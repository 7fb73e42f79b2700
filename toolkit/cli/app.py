"""The root ``toolkit`` command: global options, error handling, command groups."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from toolkit.config import Settings, load_settings
from toolkit.errors import EXIT_ERROR, ToolkitError


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
    """Turns every ToolkitError into one line on stderr and exit code 2 (the one place)."""

    # Typer's vendored click Context is private API; the override takes whatever click passes.
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ToolkitError as exc:
            state = ctx.obj if isinstance(ctx.obj, State) else None
            if state is not None and state.debug:
                raise
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(EXIT_ERROR) from None
        except KeyboardInterrupt:
            typer.echo("interrupted; files already written are complete", err=True)
            raise typer.Exit(130) from None


app = typer.Typer(
    name="toolkit",
    cls=ToolkitGroup,
    help="Translate English news into Russian and Kazakh offline, driven by a PO glossary.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    ctx: typer.Context,
    project: Annotated[
        Path | None,
        typer.Option(
            "--project",
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
