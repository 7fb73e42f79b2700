"""The root command: help everywhere, one error line with exit 2, --debug, lazy imports."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from toolkit.cli import app


def walk(command: object, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], object]]:
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from walk(sub, (*path, name))


ALL_COMMANDS = [path for path, _ in walk(typer.main.get_command(app))]


def test_root_help_lists_groups(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("config",):
        assert name in result.output


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=lambda p: " ".join(p) or "toolkit")
def test_every_command_has_help(runner: CliRunner, path: tuple[str, ...]) -> None:
    command = dict(walk(typer.main.get_command(app)))[path]
    help_text = getattr(command, "help", None) or getattr(command, "short_help", None)
    assert help_text, f"`toolkit {' '.join(path)}` has no help text"
    for param in getattr(command, "params", []):
        if param.param_type_name == "option" and not param.hidden:
            assert param.help, f"option {param.opts} of `toolkit {' '.join(path)}` has no help"
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_config_shows_settings(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(app, ["--project", str(project), "config", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["target_languages"] == ["ru", "kk"]
    assert data["root"] == str(project.resolve())


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[tool.toolkit]\ntarget_languages = ["ru", "zz"]\n', "unknown language code 'zz'"),
        ("[tool.toolkit]\ncolour = 1\n", "unknown key(s) in [tool.toolkit]: colour"),
        ('[tool.toolkit]\nsource_language = "en\n', "invalid TOML"),
    ],
)
def test_errors_are_one_line_and_exit_2(
    runner: CliRunner, make_project: Callable[..., Path], config: str, message: str
) -> None:
    root = make_project(config)
    result = runner.invoke(app, ["--project", str(root), "config"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert message in lines[0]
    assert "pyproject.toml" in lines[0]
    assert "Traceback" not in result.output


def test_debug_shows_the_exception(runner: CliRunner, make_project: Callable[..., Path]) -> None:
    root = make_project("[tool.toolkit]\ncolour = 1\n")
    result = runner.invoke(app, ["--debug", "--project", str(root), "config"])
    assert result.exit_code != 0
    assert type(result.exception).__name__ == "ConfigError"


def test_console_script_maps_errors(tmp_path: Path) -> None:
    """The installed entry point, in a real process: one line on stderr, exit 2."""
    result = subprocess.run(
        [sys.executable, "-c", "from toolkit.cli import main; main()", "config"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: no pyproject.toml with a [tool.toolkit] section")
    assert "Traceback" not in result.stderr


def test_help_does_not_import_heavy_dependencies() -> None:
    code = (
        "import sys; from toolkit.cli import app; "
        "from typer.testing import CliRunner; CliRunner().invoke(app, ['--help']); "
        "print(sorted(m for m in ('argostranslate', 'ctranslate2', 'torch', 'stanza') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
