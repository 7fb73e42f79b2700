"""``toolkit models list|add|install|remove``: the Argos packages the engine translates with."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from toolkit.cli.app import ToolkitTyper, app
from toolkit.cli.options import FormatOpt
from toolkit.cli.output import TextFormat, print_json
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

models_app = ToolkitTyper(
    name="models",
    help="Argos Translate packages: list them, add a package file, install from the index, "
    "remove. The folder is argostranslate's own (ARGOS_PACKAGES_DIR), shared with argospm.",
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


def _print_installed(package: PackageInfo, output: TextFormat) -> None:
    if output is TextFormat.JSON:
        print_json(package.record())
        return
    typer.echo(
        f"installed {package.name}: {package.source} -> {package.target} {package.version}, "
        f"{package.tokenizer}, {_size(package.size)}, in {package.path.parent}"
    )


@models_app.command("list")
def list_command(output: FormatOpt = TextFormat.TEXT) -> None:
    """List installed packages: name, pair, version, size, tokenizer and location."""
    packages = list_packages()
    if output is TextFormat.JSON:
        print_json([p.record() for p in packages])
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
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """Check a package file completely, then install it with argostranslate.

    A damaged or incomplete file is refused before anything is written.
    """
    _print_installed(add_package(file, replace=replace), output)


@models_app.command("install")
def install_command(
    source: Annotated[str, typer.Argument(metavar="FROM", help="Source language code, e.g. en.")],
    target: Annotated[str, typer.Argument(metavar="TO", help="Target language code, e.g. ru.")],
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            min=0.1,
            help="Seconds to wait for the network before giving up.",
        ),
    ] = INDEX_TIMEOUT,
    replace: ReplaceOpt = False,
    output: FormatOpt = TextFormat.TEXT,
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
    _print_installed(package, output)


@models_app.command("remove")
def remove_command(
    package: Annotated[
        str,
        typer.Argument(
            metavar="PACKAGE",
            help="A name from `toolkit models list`, an argospm name, or a pair such as en-ru.",
        ),
    ],
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """Uninstall a package."""
    removed = remove_package(package)
    if output is TextFormat.JSON:
        print_json(removed.record())
        return
    typer.echo(f"removed {removed.name} ({removed.source} -> {removed.target}) from {removed.path}")
