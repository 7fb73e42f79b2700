"""``toolkit enforce`` and ``toolkit score`` end to end, with the tests' glossary
(tests/data/enforce/glossary); the last enforce test runs on the shipped project itself."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from enforce_data import DATA, GLOSSARY
from typer.testing import CliRunner

import toolkit.cli.enforce  # noqa: F401  (registers the commands on `app`)
from toolkit.cli.app import app
from toolkit.enforce.records import EnforcementRecord, enforcement_records
from toolkit.gettext import pofile

ROOT = Path(__file__).resolve().parent.parent
CONFIG = """\
[project]
name = "enforce-test"
version = "0.0.1"

[tool.toolkit]
source_language = "en"
target_languages = ["ru", "kk"]
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "translations" / "ru").mkdir(parents=True)
    (root / "translations" / "kk").mkdir(parents=True)
    (root / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    shutil.copytree(GLOSSARY, root / "glossary")
    shutil.copy(DATA / "sample-ru.po", root / "translations" / "ru" / "sample.po")
    shutil.copy(DATA / "sample-kk.po", root / "translations" / "kk" / "sample.po")
    return root


def run(runner: CliRunner, project: Path | None, *args: str) -> tuple[int, str, str]:
    prefix = ["--project", str(project)] if project is not None else []
    result = runner.invoke(app, [*prefix, *args])
    return result.exit_code, result.stdout, result.stderr


def test_dry_run_prints_changes_and_writes_nothing(runner: CliRunner, project: Path) -> None:
    path = project / "translations" / "ru" / "sample.po"
    before = path.read_bytes()
    code, out, err = run(runner, project, "enforce", str(path), "--dry-run")
    assert code == 0
    assert path.read_bytes() == before
    lines = out.splitlines()
    assert lines == [
        "translations/ru/sample.po:12: almaty: Алма-Ате -> Алматы "
        "(wrong-variant, locative singular)",
        "translations/ru/sample.po:12: prime-minister-of-kazakhstan: премьер-министр Казахстана "
        "-> Премьер-Министр Республики Казахстан (wrong-variant, nominative singular)",
        "translations/ru/sample.po:12: alikhan-smailov: Алихан Смайлов -> Алихан Смаилов "
        "(wrong-variant, nominative singular)",
        "translations/ru/sample.po:27: alikhan-smailov: Смайлову -> Смаилову "
        "(wrong-variant, dative singular)",
    ]
    assert "4 change(s) in 2 entries of 1 catalog(s)" in err
    assert "dry run, nothing written" in err
    assert "term-missing" in err and "president-of-kazakhstan" in err


def test_enforce_writes_records_and_fuzzy_and_a_rerun_changes_nothing(
    runner: CliRunner, project: Path
) -> None:
    path = project / "translations" / "ru" / "sample.po"
    code, _, err = run(runner, project, "enforce", str(path))
    assert code == 0 and "1 catalog(s) written" in err
    catalog = pofile.read_catalog(path)
    greeting = catalog.find("Mishustin sent greetings to Smailov.")
    assert greeting is not None
    assert greeting.msgstr == "Мишустин передал привет Смаилову."
    assert greeting.fuzzy
    assert enforcement_records(greeting) == (
        EnforcementRecord("alikhan-smailov", "Смайлову", "Смаилову"),
    )
    untouched = catalog.find("Mishustin thanked Smailov for the hospitality.")
    assert untouched is not None and not untouched.fuzzy and not untouched.translator_comments
    written = path.read_bytes()
    code, out, err = run(runner, project, "enforce", str(path))
    assert code == 0 and out == ""
    assert "0 change(s)" in err and "0 catalog(s) written" in err
    assert path.read_bytes() == written


def test_language_from_the_header_and_folders(runner: CliRunner, project: Path) -> None:
    code, out, err = run(runner, project, "enforce", str(project / "translations"), "--dry-run")
    assert code == 0
    assert "nur-sultan: Нур-Султанда -> Нұр-Сұлтанда (wrong-variant, locative singular)" in out
    assert (
        "prime-minister-of-kazakhstan: Қазақстан Премьер-министріне -> "
        "Қазақстан Республикасының Премьер-Министріне (wrong-variant, dative singular)"
    ) in out
    assert "of 2 catalog(s)" in err


def test_diff(runner: CliRunner, project: Path) -> None:
    path = project / "translations" / "kk" / "sample.po"
    code, out, _ = run(runner, project, "enforce", str(path), "--dry-run", "--diff")
    assert code == 0
    assert "--- a/translations/kk/sample.po" in out
    assert '-msgstr "Келіссөздер Нур-Султанда өтті."' in out
    assert '+msgstr "Келіссөздер Нұр-Сұлтанда өтті."' in out
    assert "+# enforced: nur-sultan: Нур-Султанда -> Нұр-Сұлтанда" in out
    assert "+#, fuzzy" in out


def test_json(runner: CliRunner, project: Path) -> None:
    path = project / "translations" / "kk" / "sample.po"
    code, out, _ = run(runner, project, "enforce", str(path), "--dry-run", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["summary"] == {
        "catalogs": 1,
        "entries_changed": 2,
        "changes": 2,
        "written": 0,
        "dry_run": True,
    }
    assert [c["concept"] for c in data["changes"]] == ["nur-sultan", "prime-minister-of-kazakhstan"]
    assert data["changes"][0]["old"] == "Нур-Султанда"


def test_glossary_option_works_outside_a_project(
    runner: CliRunner, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(DATA / "sample-kk.po", outside / "mt.po")
    monkeypatch.chdir(outside)
    code, out, _ = run(
        runner, None, "enforce", "mt.po", "--glossary", str(project / "glossary"), "--dry-run"
    )
    assert code == 0 and "nur-sultan" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["enforce", "missing.po"], "no such file or folder"),
        (["enforce", "translations/ru/sample.po", "--lang", "kk"], "catalog is for 'ru', not 'kk'"),
        (["enforce", "pyproject.toml"], "not a translation catalog"),
        (["enforce", "translations/ru/sample.po", "--glossary", "nowhere"], "no such glossary"),
        (
            ["score", "translations/ru/sample.po", "--reference", "translations/kk/sample.po"],
            "different languages",
        ),
    ],
)
def test_errors_exit_2_with_one_line(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(project)
    code, _, err = run(runner, project, *args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_shipped_reference_translations_need_no_repair(runner: CliRunner, tmp_path: Path) -> None:
    copy = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", copy)
    code, out, err = run(runner, ROOT, "enforce", str(copy / "ru"), str(copy / "kk"), "--dry-run")
    assert code == 0 and out == ""
    assert "0 change(s) in 0 entries of 10 catalog(s)" in err


def test_score_table_and_json(runner: CliRunner, project: Path) -> None:
    hyp = project / "translations" / "ru" / "sample.po"
    run(runner, project, "enforce", str(project / "translations" / "ru"))
    reference = project / "reference.po"
    shutil.copy(DATA / "sample-ru.po", reference)
    code, out, _ = run(
        runner, project, "score", str(DATA / "sample-ru.po"), "--reference", str(hyp)
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["concept", "terms", "exact", "lemma"]
    assert any(line.startswith("overall") for line in lines)
    assert lines[-1].startswith("chrF ")
    code, out, _ = run(
        runner,
        project,
        "score",
        str(DATA / "sample-ru.po"),
        "--reference",
        str(hyp),
        "--format",
        "json",
    )
    data = json.loads(out)
    assert data["language"] == "ru"
    concepts = {c["concept"]: c for c in data["concepts"]}
    # the machine output has the wrong variant where the repaired reference has the term
    assert concepts["almaty"]["exact"] == 0 and concepts["almaty"]["total"] == 1
    assert concepts["mikhail-mishustin"]["exact_accuracy"] == 1.0
    assert 0 < data["chrf"] < 100
