"""`toolkit check`: output grouped by file and entry, JSON, selection, exit codes 0/1/2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import toolkit.cli.check  # noqa: F401  (registers `toolkit check`; toolkit.cli imports it too)
from toolkit.checks import CHECKS
from toolkit.cli import app
from toolkit.gettext.model import Catalog, Message
from toolkit.gettext.pofile import write_catalog

DATA = Path(__file__).parent / "data" / "checks"
BAD = DATA / "bad" / "ru-sample.po"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(DATA / "project", root)
    return root


def run(runner: CliRunner, project: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--project", str(project), "check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_list(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [c.name for c in CHECKS]
    assert lines[6].split()[:2] == ["numbers", "error"]
    data = json.loads(runner.invoke(app, ["check", "--list", "--format", "json"]).stdout)
    assert data[0] == {
        "name": "untranslated",
        "severity": "warning",
        "side": "target",
        "description": "Entry has no translation yet.",
    }


def test_clean_project_exits_0(runner: CliRunner, sample: Path) -> None:
    code, out, err = run(runner, sample)
    assert (code, out) == (0, "")
    assert err.strip() == "no findings (3 catalog(s), 27 entries, 13 checks)"


def test_findings_grouped_by_file_and_entry(runner: CliRunner, sample: Path) -> None:
    code, out, err = run(runner, sample, str(BAD))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].endswith("bad/ru-sample.po")
    assert lines[1].split()[0] == "30"
    assert lines[1].split(maxsplit=1)[1].startswith("In the city, the Head of Government")
    assert lines[2].split()[:2] == ["warning", "punctuation"]
    entry_lines = [line for line in lines if line.startswith("  ") and line[2:7].strip().isdigit()]
    assert [line.split()[0] for line in entry_lines] == ["30", "40", "63", "72", "77"]
    assert "    error    term-forbidden     'Кустанае' is a wrong variant 'Кустанай'" in out
    assert "at: В прошлом году в [Кустанае] успешно прошел XIX Форум." in out
    assert "source: …Consular District, including over [7,000] students" in out
    assert err.strip() == "5 finding(s): 3 error, 2 warning (1 catalog(s), 9 entries, 13 checks)"


@pytest.mark.parametrize(
    ("args", "code", "checks"),
    [
        (["--only", "numbers"], 1, {"numbers"}),
        (["--only", "whitespace,punctuation"], 0, {"whitespace", "punctuation"}),
        (["--only", "whitespace", "--fail-on", "warning"], 1, {"whitespace"}),
        (["--exclude", "numbers", "--exclude", "term-forbidden"], 0, {"whitespace", "punctuation"}),
        (["--only", "fuzzy", "--fail-on", "info"], 0, set()),
    ],
)
def test_selection_and_fail_on(
    runner: CliRunner, sample: Path, args: list[str], code: int, checks: set[str]
) -> None:
    exit_code, out, _ = run(runner, sample, str(BAD), "--format", "json", *args)
    assert exit_code == code
    data = json.loads(out)
    assert {f["check"] for f in data["findings"]} == checks


def test_json(runner: CliRunner, sample: Path) -> None:
    code, out, _ = run(runner, sample, str(BAD), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["summary"]["counts"] == {"error": 3, "warning": 2, "info": 0}
    assert data["summary"]["entries"] == 9
    forbidden = next(f for f in data["findings"] if f["check"] == "term-forbidden")
    assert forbidden["severity"] == "error"
    assert (
        forbidden["entry"]["msgid"] == "The 19th Forum was successfully held last year in Kostanay."
    )
    start, end = forbidden["span"]
    assert forbidden["subject"][start:end] == "Кустанае"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--only", "numbr"], "unknown check(s): numbr; checks are: untranslated, unchanged"),
        (["--exclude", "quote"], "unknown check(s): quote"),
        (["--lang", "de"], "language 'de' is not a target language"),
        (["missing.po"], "no such file or folder"),
    ],
)
def test_usage_errors_exit_2(
    runner: CliRunner, sample: Path, args: list[str], message: str
) -> None:
    code, out, err = run(runner, sample, *args)
    assert code == 2
    assert out == ""
    assert message in " ".join(err.split())


def test_lang_and_templates(runner: CliRunner, sample: Path) -> None:
    template = Catalog(
        header=(("Language", ""),),
        messages=(
            Message("Предыдущая новость Смаилов и Мишустин", extracted_comments=("p9.s1 (text)",)),
        ),
    )
    write_catalog(sample / "translations" / "templates" / "nav.pot", template)
    code, out, err = run(runner, sample, "--lang", "kk")
    assert (code, out) == (0, "")
    assert "1 catalog(s)" in err
    code, out, err = run(runner, sample, "--only", "source-language")
    assert code == 0
    assert "translations/templates/nav.pot" in out
    assert "warning  source-language" in out
    code, _, _ = run(runner, sample, "--only", "source-language", "--fail-on", "warning")
    assert code == 1
