"""How commands print: text for people (a table is text), JSON for scripts, long text paged."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

import click
import typer

from toolkit.config import Settings
from toolkit.findings import display_path


class TextFormat(StrEnum):
    """``--format``: the one output-format choice every command that prints data offers."""

    TEXT = "text"
    JSON = "json"


def print_json(data: Any) -> None:
    """JSON as every command writes it: indented, UTF-8 text left readable."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def shown(path: Path, settings: Settings | None) -> str:
    """A path as users read it: relative to the project when inside it, else as given."""
    return display_path(path, settings.root if settings is not None else None)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def page(lines: Sequence[str], *, color: bool, pager: bool = True) -> None:
    """Print *lines*; through a pager ($PAGER, else less) when they would not fit the terminal.

    Only on a terminal: piped or redirected output is never paged.
    """
    height = shutil.get_terminal_size(fallback=(100, 24)).lines
    if pager and stdout_is_terminal() and len(lines) >= height:
        # Typer's bundled copy of click leaves the pager out; click's own handles $PAGER, less
        # and colour (a dependency of its own in pyproject.toml).
        click.echo_via_pager("\n".join(lines) + "\n", color=color)
        return
    for line in lines:
        typer.echo(line, color=color)
