"""Fault injection: writers killed with SIGKILL at random points, and a disk that fills up.

Each command runs as the real CLI in a process of its own, on a fresh copy of the job tests'
project (tests/data/jobs/project) with the real Argos fixture package where it translates. Before
each run the test makes a human edit and a human approval in the catalogs (as an editor saves
them). One uninterrupted *reference* run per test measures the command's duration and records the
result it writes; then every run is killed after a delay drawn by ``random.Random(seed)`` from
``[startup, duration]``, where *startup* is a little less than the time ``toolkit --help`` takes
(before it the command is still importing, and kills there all find untouched files). The seed
is named in every assertion message; set ``FAULT_SEED`` to draw other points. After each kill
the test asserts:

* every ``.po``/``.pot`` under translations/ and glossary/ passes ``msgfmt --check``;
* every catalog is wholly the one before the run or wholly the one the reference run wrote;
* the human edit and the human approval made before the run are still there;
* a leftover ``.<name>.<hex>.tmp`` (SIGKILL between creating it and renaming it cannot be
  cleaned up) is accepted only when the real file beside it is intact: msgfmt-clean and one of
  the two versions above; no leftover tmp is ever read as a catalog;
* a leftover ``.<name>.lock`` sidecar does not block a rerun (the kernel releases the flock of
  a dead process): the rerun exits 0 within its timeout and ends with the reference's result;
  for translate, its JSON summary shows it translated only what the killed run had left.

The full-disk test mounts a 1 MiB tmpfs over translations/ (the helper of
tests/test_system_faults.py), fills it, and skips with the reason where mounting is not allowed.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from file_locks import edit_by_hand
from gettext_check import msgfmt_problems
from job_project import copy_job_project
from test_cli_translate import install, many_articles
from test_system_faults import FULL, tmpfs

from toolkit.gettext import pofile

pytestmark = pytest.mark.slow

RUN_CLI = "import sys; from toolkit.cli import main; sys.argv[0] = 'toolkit'; main()"
SEED = int(os.environ.get("FAULT_SEED", "15"))
RUNS = {"translate": 8, "approve": 6, "enforce": 8}
TIMEOUT = 120  # a rerun blocked by a dead writer's lock would hang: this ends it

FIRST = "2022-07-04-smailov-visits-innoprom"
SECOND = "2023-09-28-regions-forum-kostanay"
THIRD = "2024-02-01-mishustin-smailov-meeting"
# A human edit (an approved translation reworded) and a human approval (a fuzzy entry whose
# flag the translator removed), made before every run.
HUMAN_EDIT = (FIRST, "The delegation includes 200 domestic companies.")
HUMAN_APPROVAL = (FIRST, "Kazakhstan is the partner country of the exhibition this year.")
TMP_NAME = re.compile(r"^\.(?P<name>.+)\.[0-9a-f]{8}\.tmp$")

Entries = dict[tuple[str | None, str], tuple[str, bool]]


@pytest.fixture(scope="module")
def ru_model(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return install(tmp_path_factory.mktemp("argos-ru"), ("fixture-en_ru",))


def start(root: Path, env: dict[str, str] | None, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", RUN_CLI, "--project", str(root), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(root: Path, env: dict[str, str] | None, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUN_CLI, "--project", str(root), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def catalog_files(root: Path) -> list[Path]:
    return sorted(
        path
        for folder in ("translations", "glossary")
        for path in (root / folder).rglob("*")
        if path.suffix in (".po", ".pot") and not path.name.startswith(".")
    )


def entries(path: Path) -> Entries:
    """(msgctxt, msgid) -> (msgstr, fuzzy) of a catalog's active entries; the header aside,
    whose dates differ from run to run."""
    return {(m.msgctxt, m.msgid): (m.msgstr, m.fuzzy) for m in pofile.read_catalog(path).active}


def state(root: Path) -> dict[str, Entries]:
    return {path.relative_to(root).as_posix(): entries(path) for path in catalog_files(root)}


def message(root: Path, article: str, msgid: str) -> tuple[str, bool]:
    return entries(root / "translations" / "ru" / f"{article}.po")[(None, msgid)]


def human_work(root: Path) -> dict[tuple[str, str], tuple[str, bool]]:
    """Reword an approved translation and approve a fuzzy entry, as an editor saves them."""
    article, msgid = HUMAN_EDIT
    old, fuzzy = message(root, article, msgid)
    assert not fuzzy
    path = root / "translations" / "ru" / f"{article}.po"
    edit_by_hand(path, f'msgstr "{old}"', f'msgstr "{old[:-1]} (правка редактора)."')
    article, msgid = HUMAN_APPROVAL
    assert message(root, article, msgid)[1], "the fixture's fuzzy entry is no longer fuzzy"
    edit_by_hand(path, f'#, fuzzy\nmsgid "{msgid}"', f'msgid "{msgid}"')
    made = {key: message(root, *key) for key in (HUMAN_EDIT, HUMAN_APPROVAL)}
    assert all(not fuzzy for _, fuzzy in made.values())
    return made


@dataclass(frozen=True)
class Scenario:
    name: str
    prepare: Callable[[Path], None]  # the command's work, set up in a fresh project
    args: Callable[[Path], list[str]]
    env: dict[str, str] | None


@dataclass(frozen=True)
class Reference:
    before: dict[str, Entries]
    after: dict[str, Entries]
    duration: float


def fresh(tmp_path: Path, scenario: Scenario, name: str) -> tuple[Path, dict[Any, Any]]:
    root = copy_job_project(tmp_path / name, translations=True)
    made = human_work(root)
    scenario.prepare(root)
    return root, made


def reference(tmp_path: Path, scenario: Scenario) -> Reference:
    root, made = fresh(tmp_path, scenario, "reference")
    before = state(root)
    started = time.monotonic()
    done = run(root, scenario.env, *scenario.args(root))
    duration = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    after = state(root)
    assert after != before, f"{scenario.name} changed nothing: no write to interrupt"
    for (article, msgid), kept in made.items():
        assert message(root, article, msgid) == kept, f"{scenario.name} lost a human change"
    return Reference(before, after, duration)


def leftovers(root: Path, pattern: str) -> list[Path]:
    return sorted(p for p in root.rglob(pattern) if p.is_file())


def kill_at_random(tmp_path: Path, scenario: Scenario, runs: int) -> list[dict[str, Any]]:
    """Every run killed at a drawn point and checked; what each run found, for the caller."""
    ref = reference(tmp_path, scenario)
    # Most of a short command's run is Python importing the toolkit; kills drawn there would
    # all find the files untouched. The window starts where the startup of a command that
    # writes nothing (`toolkit --help`) ends, less a margin, and ends with the reference run.
    started = time.monotonic()
    assert run(tmp_path, None, "--help").returncode == 0
    earliest = min(0.8 * (time.monotonic() - started), ref.duration / 2)
    found = []
    for n in range(runs):
        seed = SEED * 1000 + n
        delay = random.Random(seed).uniform(earliest, ref.duration)
        where = (
            f"{scenario.name}, seed {seed} (FAULT_SEED={SEED}, run {n}), kill after {delay:.3f}s"
        )
        root, made = fresh(tmp_path, scenario, f"run{n}")
        process = start(root, scenario.env, *scenario.args(root))
        time.sleep(delay)
        killed = process.poll() is None
        if killed:
            os.kill(process.pid, signal.SIGKILL)
        _, err = process.communicate(timeout=TIMEOUT)
        if not killed:
            assert process.returncode == 0, f"{where}: {err}"

        for path in catalog_files(root):
            problems = msgfmt_problems(path)
            assert problems == "", f"{where}: {path} fails msgfmt --check: {problems}"
        now = state(root)
        lost = sorted(set(ref.before) - set(now))
        assert not lost, f"{where}: catalogs gone: {lost}"
        for name, content in now.items():
            assert content in (ref.before.get(name), ref.after.get(name)), (
                f"{where}: {name} is neither the catalog before the run nor the one written"
            )
        for (article, msgid), kept in made.items():
            assert message(root, article, msgid) == kept, f"{where}: lost {msgid!r}"
        tmps = leftovers(root, ".*.tmp")
        for tmp in tmps:
            match = TMP_NAME.match(tmp.name)
            assert match, f"{where}: {tmp} is not a temporary file of write_atomic"
            real = tmp.with_name(match["name"])
            assert not real.exists() or real.relative_to(root).as_posix() in now, (
                f"{where}: {tmp} left beside {real}, which is no catalog"
            )
        locks = leftovers(root, ".*.lock")

        rerun = run(root, scenario.env, *scenario.args(root))
        assert rerun.returncode == 0, f"{where}: the rerun failed (locks left: {locks}): {rerun}"
        assert state(root) == ref.after, f"{where}: the rerun did not end where the reference did"
        for (article, msgid), kept in made.items():
            assert message(root, article, msgid) == kept, f"{where}: the rerun lost {msgid!r}"
        for tmp in tmps:
            real = tmp.with_name(tmp.name[1:].rsplit(".", 2)[0])
            assert real.is_file() and msgfmt_problems(real) == "", f"{where}: {real}"
        found.append(
            {"where": where, "killed": killed, "after_kill": now, "rerun": rerun, "tmps": tmps}
            | {"locks": locks, "wrote": now != ref.before}
        )
    hit = [f for f in found if f["killed"]]
    assert len(hit) >= runs // 2, f"{scenario.name}: only {len(hit)} of {runs} runs were killed"
    return found


# --- translate ----------------------------------------------------------------------------


def translate_work(root: Path) -> None:
    """Empty entries in two catalogs and new articles with no catalog yet: several writes."""
    for article in (SECOND, THIRD):
        path = root / "translations" / "ru" / f"{article}.po"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r'^msgstr ".+"$', 'msgstr ""', text, flags=re.M), encoding="utf-8")
    many_articles(root, count=4, sentences=4)


def test_translate_killed_at_random_points(tmp_path: Path, ru_model: dict[str, str]) -> None:
    scenario = Scenario(
        "translate",
        translate_work,
        lambda root: ["translate", "--lang", "ru", "--format", "json"],
        ru_model,
    )
    found = kill_at_random(tmp_path, scenario, RUNS["translate"])
    # The job writes catalog after catalog: some kills must fall between two of its writes.
    assert any(f["killed"] and f["wrote"] for f in found), f"FAULT_SEED={SEED}: no kill mid-job"
    for run_found in found:
        where, after_kill = run_found["where"], run_found["after_kill"]
        filled = sum(
            1
            for name, content in after_kill.items()
            if name.startswith("translations/ru/") and name.endswith(".po")
            for msgstr, _ in content.values()
            if msgstr
        )
        totals = json.loads(run_found["rerun"].stdout)["totals"]["ru"]
        # The rerun reuses what the killed run wrote and translates only the rest.
        assert totals["machine"] + totals["reused"] == totals["total"] - filled, (
            f"{where}: {totals} with {filled} entries already translated"
        )


# --- approve ------------------------------------------------------------------------------

# Every entry of SECOND, made fuzzy before the run; the checks find nothing wrong in them.
TO_APPROVE = {
    "title": "Forum of the regions opens in Kostanay",
    "p1.s1": "The forum of the regions of Kazakhstan and Russia opened in Kostanay.",
    "p2.s1": "The regions signed 30 agreements.",
}


def fuzzy_entries(root: Path) -> None:
    path = root / "translations" / "ru" / f"{SECOND}.po"
    for msgid in TO_APPROVE.values():
        edit_by_hand(path, f'msgid "{msgid}"', f'#, fuzzy\nmsgid "{msgid}"')
    assert all(fuzzy for _, fuzzy in entries(path).values())


def second(root: Path) -> str:
    return str(root / "translations" / "ru" / f"{SECOND}.po")


@pytest.mark.parametrize(
    "how",
    [
        ["-e", "title", "-e", "p1.s1", "-e", "p2.s1"],
        ["--all-clean"],
    ],
    ids=["entry", "all-clean"],
)
def test_approve_killed_at_random_points(tmp_path: Path, how: list[str]) -> None:
    scenario = Scenario(
        f"approve {' '.join(how)}",
        fuzzy_entries,
        lambda root: ["approve", second(root), *how],
        None,
    )
    found = kill_at_random(tmp_path, scenario, RUNS["approve"])
    # The catalog is approved wholly or not at all: never some of the three entries.
    for run_found in found:
        content = run_found["after_kill"][f"translations/ru/{SECOND}.po"]
        assert len({fuzzy for _, fuzzy in content.values()}) == 1, run_found["where"]


# --- enforce ------------------------------------------------------------------------------


def wrong_forms(root: Path) -> None:
    """The glossary's wrong form of a name in two catalogs: enforce has repairs to write."""
    for article in (FIRST, THIRD):
        path = root / "translations" / "ru" / f"{article}.po"
        text = path.read_text(encoding="utf-8")
        assert "Смаилов" in text
        path.write_text(text.replace("Смаилов", "Смайлов"), encoding="utf-8")


def test_enforce_killed_at_random_points(tmp_path: Path) -> None:
    scenario = Scenario(
        "enforce",
        wrong_forms,
        lambda root: ["enforce", str(root / "translations" / "ru")],
        None,
    )
    kill_at_random(tmp_path, scenario, RUNS["enforce"])


# --- a full disk --------------------------------------------------------------------------


def test_translate_into_a_full_disk_then_with_space_again(
    tmp_path: Path, ru_model: dict[str, str]
) -> None:
    root = copy_job_project(tmp_path / "full", translations=True)
    made = human_work(root)
    translate_work(root)
    translations = root / "translations"
    with tmpfs(translations, full=True):
        before = {p: p.read_bytes() for p in catalog_files(root)}
        done = run(root, ru_model, "translate", "--lang", "ru")
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and FULL in errors[0], done.stderr
        assert errors[0].startswith(f"error: {translations}"), errors[0]
        assert {p: p.read_bytes() for p in catalog_files(root)} == before
        for path in catalog_files(root):
            assert msgfmt_problems(path) == "", path
        for filler in (".filler", ".filler-tail"):
            (translations / filler).unlink()
        again = run(root, ru_model, "translate", "--lang", "ru")
        assert again.returncode == 0, again.stderr
        for path in catalog_files(root):
            assert msgfmt_problems(path) == "", path
        assert all(
            m.msgstr for m in pofile.read_catalog(translations / "ru" / f"{SECOND}.po").active
        )
        for (article, msgid), kept in made.items():
            assert message(root, article, msgid) == kept
