"""What the `toolkit glossary` CLI tests share: running a command and reading its files."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from toolkit.cli import app

REPO = Path(__file__).resolve().parent.parent
# A small project of the glossary tests' own: 16 concepts of the shipped glossary (written by the
# toolkit) and two short articles, so that editing the shipped glossary or corpus breaks no test
# whose subject they are not.
SAMPLE = Path(__file__).resolve().parent / "data" / "glossary" / "project"


def copy_sample(destination: Path) -> Path:
    """A copy of the sample project at *destination* (tests write to it)."""
    shutil.copytree(SAMPLE, destination)
    return destination


def run(
    runner: CliRunner, project: Path, *args: str, columns: int | None = None
) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `toolkit --project PROJECT glossary ARGS...`; *columns*:
    the terminal width the command sees."""
    env = {"COLUMNS": str(columns)} if columns is not None else None
    result = runner.invoke(app, ["--project", str(project), "glossary", *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def files(project: Path) -> dict[str, bytes]:
    folder = project / "glossary"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}
