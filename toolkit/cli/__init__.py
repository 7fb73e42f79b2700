"""Command-line interface: a thin Typer layer over the library."""

# Each module registers its commands on `app` when imported.
from toolkit.cli import (  # noqa: F401
    catalog,
    check,
    corpus,
    enforce,
    glossary,
    models,
    project,
    review,
    translate,
)
from toolkit.cli.app import app, main

__all__ = ["app", "main"]
