"""``toolkit models list|add|install|remove``: the Argos packages the engine translates with."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from toolkit.cli.app import app
from toolkit.cli.output import TableFormat
from toolkit.engines.argos import (
    INDEX_TIMEOUT,
    INSTALL_HINT,
    PackageInfo,
    add_package,
    install_from_index,
    list_packages,
    packages_dir,
    remove_package,
)

models_app = typer.Typer(
    name="models",
    help="Argos Translate packages: list them, add a package file, install from the index, "
    "remove. The folder is argostranslate's own (ARGOS_PACKAGES_DIR), shared with argospm.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(models_app, name="models")


ReplaceOpt = Annotated[
    bool,
    typer.Option(
        "--replace",
        help="Replace a package already installed for the same pair or under the same name.",
    ),
]


def _size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def _as_json(package: PackageInfo) -> dict[str, object]:
    return {
        "name": package.name,
        "source": package.source,
        "target": package.target,
        "version": package.version,
        "size": package.size,
        "tokenizer": package.tokenizer,
        "target_prefix": package.target_prefix,
        "type": package.kind,
        "path": str(package.path),
        "problem": package.problem,
    }


def _installed(verb: str, package: PackageInfo) -> str:
    return (
        f"{verb} {package.name}: {package.source} -> {package.target} {package.version}, "
        f"{package.tokenizer}, {_size(package.size)}, in {package.path.parent}"
    )


@models_app.command("list")
def list_command(
    output: Annotated[
        TableFormat, typer.Option("--format", help="table for people, json for scripts.")
    ] = TableFormat.TABLE,
) -> None:
    """List installed packages: name, pair, version, size, tokenizer and location."""
    packages = list_packages()
    if output is TableFormat.JSON:
        typer.echo(json.dumps([_as_json(p) for p in packages], ensure_ascii=False, indent=2))
        return
    if not packages:
        typer.echo(f"no Argos packages in {packages_dir()}; {INSTALL_HINT}", err=True)
        return
    rows = [
        (
            p.name,
            f"{p.source}->{p.target}" if p.source else "?",
            p.version or "-",
            _size(p.size),
            p.tokenizer or "none",
            str(p.path.parent) + (f"  ({p.problem})" if p.problem else ""),
        )
        for p in packages
    ]
    header = ("NAME", "PAIR", "VERSION", "SIZE", "TOKENIZER", "LOCATION")
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header) - 1)]
    for row in (header, *rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        typer.echo("  ".join([*cells, row[-1]]))


@models_app.command("add")
def add_command(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE.argosmodel", help="The package file to check and install.", dir_okay=False
        ),
    ],
    replace: ReplaceOpt = False,
) -> None:
    """Check a package file completely, then install it with argostranslate.

    A damaged or incomplete file is refused before anything is written.
    """
    typer.echo(_installed("installed", add_package(file, replace=replace)))


@models_app.command("install")
def install_command(
    source: Annotated[str, typer.Argument(metavar="FROM", help="Source language code, e.g. en.")],
    target: Annotated[str, typer.Argument(metavar="TO", help="Target language code, e.g. ru.")],
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", min=0.1, help="Seconds to wait for the network before giving up."
        ),
    ] = INDEX_TIMEOUT,
    replace: ReplaceOpt = False,
) -> None:
    """Download a package from the Argos index (needs a network) and install it.

    Offline this fails at once; install a package file with `toolkit models add` instead.
    """
    package = install_from_index(
        source,
        target,
        timeout=timeout,
        replace=replace,
        notify=lambda message: typer.echo(message, err=True),
    )
    typer.echo(_installed("installed", package))


@models_app.command("remove")
def remove_command(
    package: Annotated[
        str,
        typer.Argument(
            metavar="PACKAGE",
            help="A name from `toolkit models list`, an argospm name, or a pair such as en-ru.",
        ),
    ],
) -> None:
    """Uninstall a package."""
    removed = remove_package(package)
    typer.echo(f"removed {removed.name} ({removed.source} -> {removed.target}) from {removed.path}")
