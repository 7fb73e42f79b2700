"""What the `toolkit glossary` CLI tests share: running a command and reading its files."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from toolkit.cli import app

REPO = Path(__file__).resolve().parent.parent


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
