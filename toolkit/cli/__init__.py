"""Command-line interface: a thin Typer layer over the library."""

from toolkit.cli import catalog, check, corpus, enforce, glossary, models, project, review  # noqa: F401  (each module registers its commands on `app`)
from toolkit.cli.app import app, main

__all__ = ["app", "main"]
