"""Command-line interface: a thin Typer layer over the library."""

from toolkit.cli.app import app, main

__all__ = ["app", "main"]
