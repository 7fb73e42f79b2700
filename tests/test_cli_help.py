"""One vocabulary on the command line: every command's help, options and completion, walked.

The walk goes through the Click command tree Typer builds, so every group is covered, the ones
added later included: `-l/--lang LANG` is the target language, `--format text|json` the output
format of every command that prints data, help shows metavars (never Python types), a wrong
choice is a clean usage error, and completion offers what the project has.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from argos_home import ArgosHome, argos_home, fixture_archive
from typer.testing import CliRunner

from toolkit.cli import app

DATA = Path(__file__).parent / "data" / "review" / "project"
RU = Path("translations") / "ru" / "sample.po"


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from walk(sub, (*path, name))


COMMANDS = dict(walk(typer.main.get_command(app)))
LEAVES = [path for path, command in COMMANDS.items() if not hasattr(command, "commands")]


def name(path: tuple[str, ...]) -> str:
    return " ".join(("toolkit", *path))


def options(command: Any) -> list[Any]:
    return [p for p in getattr(command, "params", []) if p.param_type_name == "option"]


def offered(command: Any, param: Any) -> list[str]:
    """What completion offers for an option's value, outside any project."""
    return [item.value for item in param.shell_complete(typer.Context(command), "")]


# Typer's type placeholders, shown where a metavar belongs: <str>, <int range>, <dir>,
# <list[str]>, <a|b|c>. Help text also says translations/<lang>/<article>.po; that stays.
PLACEHOLDER = re.compile(
    r"<(?:str|int|float|bool|path|file|dir|datetime|(?:int|float) range|list\[[^\]]*\]"
    r"|[\w-]+(?:\|[\w-]+)+)>"
)
NEVER_IN_HELP = ("<list[str]>", "list[", "[[", "Value error")


@pytest.mark.parametrize("path", list(COMMANDS), ids=name)
def test_help_is_clean(runner: CliRunner, path: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    for text in NEVER_IN_HELP:
        assert text not in result.stdout, f"`{name(path)} --help` shows {text!r}"
    assert PLACEHOLDER.findall(result.stdout) == [], f"`{name(path)} --help` shows a type"


def test_nobody_uses_t() -> None:
    """-t was --to in translate and --type in glossary: one letter, two ideas."""
    users = [
        name(path)
        for path, command in COMMANDS.items()
        for param in options(command)
        if "-t" in (*param.opts, *param.secondary_opts)
    ]
    assert users == []


LANGUAGE_NAMES = {"-l", "--lang", "--to", "--language", "--target-language", "--target-lang"}


def test_the_target_language_is_lang_everywhere() -> None:
    found, wrong = [], []
    for path, command in COMMANDS.items():
        for param in options(command):
            if param.hidden or not (param.metavar == "LANG" or LANGUAGE_NAMES & {*param.opts}):
                continue
            found.append(name(path))
            if sorted(param.opts) != ["--lang", "-l"] or param.metavar != "LANG":
                wrong.append(f"{name(path)}: {'/'.join(param.opts)} {param.metavar}")
    assert wrong == []
    assert len(found) >= 10  # the walk does find them


def test_every_format_offers_text_and_json() -> None:
    wrong = [
        f"{name(path)}: {param.metavar} {offered(command, param)}"
        for path, command in COMMANDS.items()
        for param in options(command)
        if "--format" in param.opts
        and (offered(command, param) != ["text", "json"] or param.metavar != "text|json")
    ]
    assert wrong == []


# A command that prints no data at all needs no --format; say here why it prints none.
PRINTS_NO_DATA: dict[str, str] = {
    # They print the id of the concept they wrote, one line, for scripts to pick up; what they
    # wrote and the lint warnings go to stderr.
    "toolkit glossary add": "prints the concept id it wrote",
    "toolkit glossary edit": "prints the concept id it wrote",
    "toolkit glossary remove": "prints the concept id it removed",
    # Its output is the glossary itself, in the file format --as names.
    "toolkit glossary export": "prints TBX or CSV",
}


def test_every_command_that_prints_data_has_format() -> None:
    missing = [
        name(path)
        for path in LEAVES
        if not any("--format" in param.opts for param in options(COMMANDS[path]))
        and name(path) not in PRINTS_NO_DATA
    ]
    assert missing == []


CHOICES = [
    (path, param.opts[0])
    for path, command in COMMANDS.items()
    for param in options(command)
    # Typer keeps an option's choices on its type descriptor (no click Choice type).
    if getattr(getattr(param, "type_descriptor", None), "is_choice", False)
    and not param.hidden
    and not getattr(param, "is_flag", False)
]


@pytest.mark.parametrize(("path", "option"), CHOICES, ids=lambda v: v if isinstance(v, str) else "")
def test_a_wrong_choice_is_a_clean_usage_error(
    runner: CliRunner, path: tuple[str, ...], option: str
) -> None:
    result = runner.invoke(app, [*path, option, "no-such-choice"])
    assert result.exit_code == 2, result.output
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith(f"Error: Invalid value for '{option}'"), error
    assert "Value error" not in result.stderr


def test_arguments_are_shown_by_metavar(runner: CliRunner) -> None:
    check = runner.invoke(app, ["check", "--help"]).stdout
    assert check.startswith("Usage: toolkit check [OPTIONS] [PATH]...\n")
    assert "\n  PATH...  Catalogs (.po)" in check
    enforce = runner.invoke(app, ["enforce", "--help"]).stdout
    assert enforce.startswith("Usage: toolkit enforce [OPTIONS] PATH...\n")


# --- every command that prints data prints JSON -------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(DATA, root)
    return root


@pytest.mark.parametrize(
    "args",
    [
        ["config"],
        ["extract"],
        ["catalog", "update"],
        ["catalog", "stats"],
        ["compile"],
        ["check"],
        ["enforce", "--dry-run", str(RU)],
        ["score", str(RU), "--reference", str(RU)],
        ["review", str(RU)],
        ["approve", str(RU), "--all-clean", "--dry-run"],
        ["export", "--allow-partial"],
        ["corpus", "list"],
        ["corpus", "show", "sample"],
        ["translate", "--engine", "memory", "--dry-run"],
    ],
    ids=lambda args: " ".join(a for a in args if not a.startswith(("-", "translations"))),
)
def test_format_json_prints_json(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(project)
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    json.loads(result.stdout)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArgosHome]:
    with argos_home(tmp_path_factory.mktemp("argos")) as argos:
        yield argos


def test_models_add_and_remove_as_json(runner: CliRunner, home: ArgosHome) -> None:
    added = runner.invoke(
        app, ["models", "add", str(fixture_archive("fixture-en_kk")), "--format", "json"]
    )
    assert added.exit_code == 0, added.output
    package = json.loads(added.stdout)
    assert (package["name"], package["source"], package["target"]) == ("fixture-en_kk", "en", "kk")
    assert package["path"] == str(home.packages / "fixture-en_kk")
    assert package["target_prefix"] == "<2kk>" and package["problem"] == ""
    listed = json.loads(runner.invoke(app, ["models", "list", "--format", "json"]).stdout)
    assert listed == [package]
    removed = runner.invoke(app, ["models", "remove", "en-kk", "--format", "json"])
    assert removed.exit_code == 0, removed.output
    assert json.loads(removed.stdout)["name"] == "fixture-en_kk"
    assert list(home.packages.iterdir()) == []


# --- completion ---------------------------------------------------------------------------------


def complete(runner: CliRunner, line: str) -> list[str]:
    """What bash completion offers for the last word of *line* (empty after a final space)."""
    words = line.split(" ")
    result = runner.invoke(
        app,
        [],
        env={
            "_TOOLKIT_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
        },
        prog_name="toolkit",
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout.split()


def test_completion_offers_what_the_project_has(runner: CliRunner, project: Path) -> None:
    at = f"toolkit --project {project}"
    assert complete(runner, f"{at} review --lang ") == ["ru", "kk"]
    assert complete(runner, f"{at} catalog stats -l k") == ["kk"]
    assert complete(runner, f"{at} translate ") == ["sample"]
    assert complete(runner, f"{at} corpus show s") == ["sample"]
    entries = complete(runner, f"{at} approve {project / RU} --entry ")
    assert entries[:3] == ["title", "p1.s1", "p1.s2"] and "p4.s1" in entries
    assert complete(runner, f"{at} approve {project / RU} --entry p4") == ["p4.s1"]
    assert complete(runner, "toolkit check --only numbers,qu") == ["numbers,quotes"]
    assert "latin-residue" in complete(runner, "toolkit check --exclude ")
    assert complete(runner, "toolkit review --format ") == ["text", "json"]


def test_completion_without_a_project_offers_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert complete(runner, "toolkit review --lang ") == []
    assert complete(runner, "toolkit translate ") == []
    assert complete(runner, f"toolkit --project {tmp_path / 'nowhere'} export ") == []
    assert complete(runner, "toolkit approve missing.po --entry ") == []
    (tmp_path / "pyproject.toml").write_text("[tool.toolkit]\ncolour = 1\n", encoding="utf-8")
    assert complete(runner, "toolkit review --lang ") == []  # a broken project: nothing either
