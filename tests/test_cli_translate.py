"""`toolkit translate` end to end: the real Argos engine with the fixture packages, offline.

The fixture packages (tests/data/models, tiny models that memorised a few corpus sentences) are
installed once through argostranslate's real ``install_from_path`` into a temporary package
folder. Commands that use them run as subprocesses whose HOME, XDG folders and
ARGOS_PACKAGES_DIR point into tmp_path: argostranslate reads its settings when first imported,
and a test must never touch the real home folder. Whatever the models say for sentences they
did not memorise is fine: it is real engine output, and the job's business is to file it.

Commands that need no model (``--engine memory``, the lock) run in process with CliRunner.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from argos_home import fixture_archive
from gettext_check import msgfmt_problems
from job_project import DUPLICATE, copy_project, hold_lock, republish, snapshot
from typer.testing import CliRunner

import toolkit.cli.translate  # registers the command until toolkit.cli imports it
from toolkit.cli import app
from toolkit.corpus.articles import ArticleMeta, meta_to_json
from toolkit.gettext import pofile

ALL_PACKAGES = ("fixture-en_ru", "fixture-en_kk")
# What the fixtures memorised, as the job must file it (from tests/models/parallel).
MEMORISED = {
    "ru": ("This is our first meeting this year.", "Это наша первая встреча в этом году."),
}
# The console script's code, with the command registered explicitly (see the import above).
RUN_CLI = (
    "import sys, toolkit.cli.translate; from toolkit.cli import main; "
    "sys.argv[0] = 'toolkit'; main()"
)
INSTALL = """\
import sys
from pathlib import Path
from argostranslate import package
for archive in sys.argv[1:]:
    package.install_from_path(Path(archive))
"""


def argos_env(home: Path, packages: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "ARGOS_PACKAGES_DIR": str(packages),
        "ARGOS_DEVICE_TYPE": "cpu",
    }
    for key in ("ARGOS_BEAM_SIZE", "ARGOS_COMPUTE_TYPE", "ARGOS_BATCH_SIZE"):
        env.pop(key, None)
    return env


def install(home: Path, names: Sequence[str]) -> dict[str, str]:
    """Install fixture packages into their own package folder; the environment that sees it."""
    archives = [fixture_archive(name) for name in names]
    env = argos_env(home, home / "packages")
    done = subprocess.run(
        [sys.executable, "-c", INSTALL, *map(str, archives)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (home / "packages").iterdir()) == sorted(names)
    return env


@pytest.fixture(scope="module")
def all_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return install(tmp_path_factory.mktemp("argos-all"), ALL_PACKAGES)


@pytest.fixture(scope="module")
def ru_model_only(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return install(tmp_path_factory.mktemp("argos-ru"), ("fixture-en_ru",))


def toolkit(
    root: Path, env: dict[str, str], *args: str, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUN_CLI, "--project", str(root), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def summary_of(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def entries(root: Path, language: str) -> dict[tuple[str, str], Any]:
    """(article, msgid) -> message, for every active entry of a language's catalogs."""
    found = {}
    for path in sorted((root / "translations" / language).glob("*.po")):
        for message in pofile.read_catalog(path).active:
            found[(path.stem, message.msgid)] = message
    return found


# --- end to end with the real engine -------------------------------------------------------


def test_translate_fills_ru_and_kk_catalogs_offline_and_a_rerun_does_nothing(
    tmp_path: Path, all_models: dict[str, str]
) -> None:
    root = copy_project(tmp_path / "p")
    done = toolkit(root, all_models, "translate", "--lang", "ru", "--lang", "kk")
    assert done.returncode == 0, done.stderr
    assert "translating ru: 122/122 segments" in done.stderr
    assert "translating kk: 122/122 segments" in done.stderr
    assert "ru: en -> ru (argos fixture-en_ru" in done.stdout
    assert "kk: en -> kk (argos fixture-en_kk" in done.stdout
    total_line = next(line for line in done.stdout.splitlines() if line.startswith("TOTAL"))
    assert total_line.split()[1:5] == ["ru", "0", "122", "0"]
    for language in ("ru", "kk"):
        paths = sorted((root / "translations" / language).glob("*.po"))
        assert len(paths) == 5
        for path in paths:
            assert msgfmt_problems(path) == ""
        filled = entries(root, language)
        assert len(filled) == 122
        for message in filled.values():
            assert message.msgstr and message.fuzzy
            provenance = dict(message.annotations)["engine"]
            assert provenance.startswith(f"argos fixture-en_{language} ")
    # Glossary enforcement ran on the machine output (the fixtures make the usual mistakes
    # with names) and recorded what it changed on the entries.
    assert "glossary enforcement: " in done.stderr
    enforced = [c for m in entries(root, "ru").values() for c in m.translator_comments]
    assert enforced and all(c.startswith("enforced: ") for c in enforced)
    source, target = MEMORISED["ru"]
    ((_, memorised),) = [(k, m) for k, m in entries(root, "ru").items() if k[1] == source]
    assert memorised.msgstr == target
    kazakh = "".join(m.msgstr for m in entries(root, "kk").values())
    assert set("әғқңөұүі") & set(kazakh)  # the target prefix made it Kazakh

    before = snapshot(root / "translations")
    again = summary_of(toolkit(root, all_models, "translate", "--format", "json"))
    assert {lang: t["machine"] for lang, t in again["totals"].items()} == {"ru": 0, "kk": 0}
    assert {c["status"] for c in again["catalogs"]} == {"unchanged"}
    assert again["complete"] is True
    assert snapshot(root / "translations") == before


def test_memory_reuses_everything_and_the_engine_gets_nothing(
    tmp_path: Path, all_models: dict[str, str]
) -> None:
    root = copy_project(tmp_path / "p", translations=True)
    republish(root)  # an article again under a new id: its catalogs start empty
    before = {p: b for p, b in snapshot(root / "translations").items() if DUPLICATE not in p}
    data = summary_of(toolkit(root, all_models, "translate", "--format", "json"))
    assert data["complete"] is True
    for language in ("ru", "kk"):
        assert data["totals"][language]["machine"] == 0
        (row,) = [
            c for c in data["catalogs"] if c["article"] == DUPLICATE and c["language"] == language
        ]
        assert row["reused"] == row["total"] > 0
        assert row["status"] == "created"
    after = snapshot(root / "translations")
    assert {p: b for p, b in after.items() if DUPLICATE not in p} == before
    copy = entries(root, "ru")
    assert all(not m.fuzzy for (a, _), m in copy.items() if a == DUPLICATE)  # approved stays


def test_missing_pair_leaves_entries_empty_names_it_and_exits_0(
    tmp_path: Path, ru_model_only: dict[str, str]
) -> None:
    root = copy_project(tmp_path / "p")
    done = toolkit(root, ru_model_only, "translate")
    assert done.returncode == 0, done.stderr
    assert "no model for en -> kk: 122 entries left empty" in done.stderr
    assert "toolkit models add FILE.argosmodel" in done.stderr
    assert "toolkit models install en kk" in done.stderr
    assert all(m.msgstr for m in entries(root, "ru").values())
    kk = entries(root, "kk")
    assert len(kk) == 122 and not any(m.msgstr for m in kk.values())
    for path in (root / "translations" / "kk").glob("*.po"):
        assert msgfmt_problems(path) == ""

    strict = toolkit(root, ru_model_only, "translate", "--require-complete")
    assert strict.returncode == 1
    assert "incomplete: 122 entries have no translation" in strict.stderr
    assert (
        toolkit(root, ru_model_only, "translate", "--lang", "ru", "--require-complete").returncode
        == 0
    )


def test_no_glossary_keeps_the_engine_output_as_it_is(
    tmp_path: Path, ru_model_only: dict[str, str]
) -> None:
    root = copy_project(tmp_path / "p")
    done = toolkit(root, ru_model_only, "translate", "--lang", "ru", "--no-glossary")
    assert done.returncode == 0, done.stderr
    assert "glossary enforcement" not in done.stderr
    filled = entries(root, "ru")
    assert len(filled) == 122 and all(m.msgstr for m in filled.values())
    assert not any(m.translator_comments for m in filled.values())


def test_dry_run_says_what_would_be_translated_and_writes_nothing(
    tmp_path: Path, ru_model_only: dict[str, str]
) -> None:
    root = copy_project(tmp_path / "p")
    before = snapshot(root)
    done = toolkit(root, ru_model_only, "translate", "--dry-run", "--format", "json")
    data = summary_of(done)
    assert snapshot(root) == before
    assert data["dry_run"] is True
    assert data["totals"]["ru"]["machine"] == 122
    assert data["totals"]["kk"]["machine"] == 0
    assert data["totals"]["kk"]["empty"] == 122
    assert [m["target"] for m in data["missing"]] == ["kk"]
    assert "dry run: nothing was written" in done.stderr


# --- interrupted jobs ----------------------------------------------------------------------


def many_articles(root: Path, count: int, sentences: int) -> int:
    """*count* extra articles of distinct sentences, varied from the corpus's; returns segments."""
    corpus = root / "corpus"
    pool = [
        line.strip()
        for path in sorted(corpus.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().endswith(".") and len(line) < 240
    ]
    for n in range(count):
        article = f"2030-01-{n % 28 + 1:02d}-generated-{n:03d}"
        body = "\n\n".join(
            f"{pool[(n * sentences + i) % len(pool)][:-1]}, officials said on day {n}-{i}."
            for i in range(sentences)
        )
        (corpus / f"{article}.txt").write_text(body + "\n", encoding="utf-8")
        meta = ArticleMeta(
            id=article,
            title=f"Generated article {n}",
            date=None,
            source=None,
            dateline=None,
            origin=None,
        )
        (corpus / f"{article}.json").write_text(meta_to_json(meta), encoding="utf-8")
    return count * sentences


def start_job(root: Path, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", RUN_CLI, "--project", str(root), "translate", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_first_catalog(folder: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not any(folder.glob("*.po")):
        assert process.poll() is None, "the job ended before writing a catalog"
        assert time.monotonic() < deadline, "no catalog written within 120 s"
        time.sleep(0.005)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_a_killed_job_loses_nothing_and_a_rerun_translates_only_the_rest(
    tmp_path: Path, all_models: dict[str, str], how: signal.Signals
) -> None:
    root = copy_project(tmp_path / "p")
    many_articles(root, count=24, sentences=30)
    folder = root / "translations" / "ru"
    job = start_job(root, all_models, "--lang", "ru", "--batch-size", "8")
    wait_for_first_catalog(folder, job)
    job.send_signal(how)
    _, stderr = job.communicate(timeout=60)
    if how is signal.SIGTERM:
        assert job.returncode == 130, stderr
        assert "interrupted; files already written are complete" in stderr
        assert not list(folder.glob(".*.tmp"))  # no half-written temporary files
    else:
        assert job.returncode == -signal.SIGKILL

    written = sorted(folder.glob("*.po"))
    assert 0 < len(written) < 29, "the job was not interrupted halfway"
    for path in written:
        assert msgfmt_problems(path) == ""
    kept = {key: m.msgstr for key, m in entries(root, "ru").items() if m.msgstr}
    assert kept

    data = summary_of(toolkit(root, all_models, "translate", "--lang", "ru", "--format", "json"))
    totals = data["totals"]["ru"]
    # What was written is reused as it is; a sentence that recurs in a later article comes
    # from memory; the engine gets the rest.
    assert totals["machine"] + totals["reused"] == totals["total"] - len(kept)
    assert totals["machine"] > 0
    assert data["complete"] is True
    after = entries(root, "ru")
    assert {key: after[key].msgstr for key in kept} == kept  # nothing already written changed
    if how is signal.SIGKILL:
        assert len(data["notes"]) == 1 and "took over the job lock" in data["notes"][0]


# --- without a model: memory engine, the lock, options -------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_memory_engine_reuses_and_translates_nothing(tmp_path: Path, runner: CliRunner) -> None:
    root = copy_project(tmp_path / "p", translations=True)
    republish(root)
    result = runner.invoke(app, ["--project", str(root), "translate", "--engine", "memory"])
    assert result.exit_code == 0, result.output
    assert "ru: translation memory only" in result.stdout
    rows = [line.split() for line in result.stdout.splitlines() if line.startswith(DUPLICATE)]
    assert [row[1:5] for row in rows] == [["ru", "17", "0", "0"], ["kk", "17", "0", "0"]]


def test_second_job_refuses_clearly_while_another_holds_the_lock(
    tmp_path: Path, runner: CliRunner
) -> None:
    root = copy_project(tmp_path / "p")
    holder = hold_lock(root, 30)
    try:
        result = runner.invoke(app, ["--project", str(root), "translate", "--engine", "memory"])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 2
    assert f"another translate job is running on this project (pid {holder.pid}" in result.stderr
    assert "pass --wait SECONDS" in result.stderr
    assert not (root / "translations").exists()


def test_second_job_waits_with_wait(tmp_path: Path, runner: CliRunner) -> None:
    root = copy_project(tmp_path / "p")
    holder = hold_lock(root, 1.0)
    try:
        result = runner.invoke(
            app, ["--project", str(root), "translate", "--engine", "memory", "--wait", "60"]
        )
    finally:
        holder.wait()
    assert result.exit_code == 0, result.output
    assert f"another translate job is running (pid {holder.pid}" in result.stderr
    assert "waiting up to 60 s" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "de"], "not a target language"),
        (["--to", "de"], "not a target language"),
        (["--lang", "kz"], "unknown language code 'kz'; did you mean 'kk'?"),
        (["--batch-size", "0"], "--batch-size"),
        (["--device", "tpu"], "--device"),
        (["--engine", "google"], "--engine"),
        (["no-such-article"], "unknown article"),
    ],
    ids=["language", "language-alias", "language-typo", "batch", "device", "engine", "article"],
)
def test_bad_input_is_one_clear_line(
    tmp_path: Path, runner: CliRunner, args: list[str], message: str
) -> None:
    root = copy_project(tmp_path / "p")
    result = runner.invoke(app, ["--project", str(root), "translate", "--engine", "memory", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("batch_size = 0", "engine batch_size must be a whole number >= 1, not 0"),
        ("beam_size = true", "engine beam_size must be a whole number >= 1, not True"),
        ('device = "tpu"', "engine device must be one of cpu, cuda, auto, not 'tpu'"),
        ('compute_type = "int3"', "engine compute_type must be one of auto"),
        ("batchsize = 8", "unknown key(s) in [tool.toolkit.engine]: batchsize"),
    ],
    ids=["batch", "beam", "device", "compute", "unknown"],
)
def test_engine_settings_are_checked(
    tmp_path: Path, runner: CliRunner, table: str, message: str
) -> None:
    root = copy_project(tmp_path / "p")
    with (root / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(f"\n[tool.toolkit.engine]\n{table}\n")
    result = runner.invoke(app, ["--project", str(root), "translate", "--dry-run"])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "pyproject.toml" in result.stderr


def test_engine_setting_chooses_the_engine(tmp_path: Path, runner: CliRunner) -> None:
    root = copy_project(tmp_path / "p")
    with (root / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[tool.toolkit.engine]\nname = "memory"\nbatch_size = 8\n')
    result = runner.invoke(app, ["--project", str(root), "translate", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "ru: translation memory only" in result.stdout


def test_to_still_names_the_languages(tmp_path: Path, runner: CliRunner) -> None:
    """`--to` was the option's name before -l/--lang; it stays, hidden, with a note."""
    root = copy_project(tmp_path / "p", translations=True)
    args = ["--project", str(root), "translate", "--engine", "memory", "--dry-run"]
    result = runner.invoke(app, [*args, "--to", "kk"])
    assert result.exit_code == 0, result.output
    assert "note: --to is now spelled -l/--lang" in result.stderr
    assert runner.invoke(app, [*args, "--lang", "kk"]).stdout == result.stdout
    rows = [line.split() for line in result.stdout.splitlines() if line.startswith("TOTAL")]
    assert [row[1] for row in rows] == ["kk"]
    assert "--to" not in runner.invoke(app, ["translate", "--help"]).stdout


def test_help_names_every_option(runner: CliRunner) -> None:
    result = runner.invoke(app, ["translate", "--help"])
    assert result.exit_code == 0
    for option in (
        "--lang",
        "--engine",
        "--device",
        "--batch-size",
        "--beam-size",
        "--dry-run",
        "--require-complete",
        "--wait",
        "--format",
    ):
        assert option in result.stdout
