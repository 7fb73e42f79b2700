"""`toolkit models list|add|install|remove`: output, exit codes and one-line errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from argos_home import ArgosHome, argos_home, fixture_archive
from typer.testing import CliRunner

import toolkit.cli.models  # noqa: F401  (registers `models` until toolkit.cli imports it)
from toolkit.cli import app

EN_RU = "fixture-en_ru"
EN_KK = "fixture-en_kk"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArgosHome]:
    with argos_home(tmp_path_factory.mktemp("argos")) as argos:
        yield argos


@pytest.fixture
def packages(home: ArgosHome) -> Iterator[Path]:
    assert list(home.packages.iterdir()) == []
    yield home.packages
    for child in home.packages.iterdir():
        shutil.rmtree(child)


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["models", *args])
    return result.exit_code, result.stdout, result.stderr


def one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def test_list_with_nothing_installed(runner: CliRunner, packages: Path) -> None:
    code, out, err = run(runner, "list")
    assert code == 0
    assert out == ""
    assert f"no Argos packages in {packages}" in err
    assert "toolkit models add FILE.argosmodel" in err
    assert run(runner, "list", "--format", "json")[:2] == (0, "[]\n")


def test_add_then_list(runner: CliRunner, packages: Path) -> None:
    code, out, err = run(runner, "add", str(fixture_archive(EN_KK)))
    assert code == 0, err
    assert out.startswith(f"installed {EN_KK}: en -> kk 0.1, sentencepiece, ")
    assert out.rstrip().endswith(f"in {packages}")
    assert run(runner, "add", str(fixture_archive(EN_RU)))[0] == 0

    code, out, _ = run(runner, "list")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split() == ["NAME", "PAIR", "VERSION", "SIZE", "TOKENIZER", "LOCATION"]
    assert [row.split()[:3] for row in rows] == [[EN_KK, "en->kk", "0.1"], [EN_RU, "en->ru", "0.1"]]
    assert all("sentencepiece" in row and str(packages) in row for row in rows)

    code, out, _ = run(runner, "list", "--format", "json")
    listed = {p["name"]: p for p in json.loads(out)}
    assert listed[EN_KK]["target_prefix"] == "<2kk>"
    assert listed[EN_KK]["tokenizer"] == "sentencepiece"
    assert listed[EN_RU]["path"] == str(packages / EN_RU)
    assert listed[EN_RU]["size"] > 100_000


def test_add_broken_file_is_one_error_line(
    runner: CliRunner, packages: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.argosmodel"
    with zipfile.ZipFile(fixture_archive(EN_RU)) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            if not info.filename.endswith("sentencepiece.model"):
                target.writestr(info, source.read(info))
    code, out, err = run(runner, "add", str(broken))
    assert code == 2
    assert out == ""
    line = one_error_line(err)
    assert line.startswith(f"error: {broken}: not a usable Argos package: no tokenizer")
    assert "nothing was installed" in line
    assert list(packages.iterdir()) == []


def test_add_a_zip_bomb_is_refused_with_the_numbers(
    runner: CliRunner, packages: Path, tmp_path: Path
) -> None:
    bomb = tmp_path / "bomb.argosmodel"
    shutil.copy(fixture_archive(EN_RU), bomb)
    with zipfile.ZipFile(bomb, "a") as archive:
        archive.writestr(
            f"{EN_RU}/model/extra.bin", bytes(256 * 2**20), compress_type=zipfile.ZIP_DEFLATED
        )
    code, out, err = run(runner, "add", str(bomb))
    assert (code, out) == (2, "")
    line = one_error_line(err)
    assert line.startswith(
        f"error: {bomb}: {EN_RU}/model/extra.bin declares 256.0 MiB uncompressed from "
    )
    assert "over 100 times its packed size (nothing was installed;" in line
    assert list(packages.iterdir()) == []


def test_add_twice_then_replace(runner: CliRunner, packages: Path) -> None:
    archive = str(fixture_archive(EN_RU))
    assert run(runner, "add", archive)[0] == 0
    code, _, err = run(runner, "add", archive)
    assert code == 2
    assert "already installed: fixture-en_ru" in one_error_line(err)
    code, out, _ = run(runner, "add", archive, "--replace")
    assert code == 0
    assert out.startswith(f"installed {EN_RU}")


def test_add_missing_file(runner: CliRunner, packages: Path, tmp_path: Path) -> None:
    code, _, err = run(runner, "add", str(tmp_path / "none.argosmodel"))
    assert code == 2
    assert "no such package file" in one_error_line(err)


def test_remove(runner: CliRunner, packages: Path) -> None:
    run(runner, "add", str(fixture_archive(EN_RU)))
    code, out, _ = run(runner, "remove", "en-ru")
    assert code == 0
    assert out == f"removed {EN_RU} (en -> ru) from {packages / EN_RU}\n"
    assert list(packages.iterdir()) == []
    code, _, err = run(runner, "remove", "en-ru")
    assert code == 2
    assert "no installed package 'en-ru'" in one_error_line(err)


def test_install_offline_fails_fast_with_advice(runner: CliRunner, packages: Path) -> None:
    started = time.monotonic()
    code, out, err = run(runner, "install", "en", "ru")
    assert time.monotonic() - started < 15
    assert code == 2
    assert out == ""
    line = one_error_line(err)
    assert "cannot reach the Argos package index" in line
    assert "toolkit models add FILE.argosmodel" in line
    assert list(packages.iterdir()) == []


def test_install_times_out_on_a_silent_network(
    runner: CliRunner, packages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    from argostranslate import settings

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/index.json"
        monkeypatch.setattr(settings, "remote_package_index", url)
        started = time.monotonic()
        code, _, err = run(runner, "install", "en", "ru", "--timeout", "0.5")
    assert time.monotonic() - started < 3
    assert code == 2
    assert "cannot reach the Argos package index" in one_error_line(err)


# The real console script, in a fresh process: the environment decides the package folder.
SCRIPT = "from toolkit.cli import main; import toolkit.cli.models; main()"


def test_packages_dir_environment_is_honoured(home: ArgosHome, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    env = {**home.env, "ARGOS_PACKAGES_DIR": str(other)}
    added = subprocess.run(
        [sys.executable, "-c", SCRIPT, "models", "add", str(fixture_archive(EN_RU))],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert added.returncode == 0, added.stderr
    probe = (
        "import sys, json; from typer.testing import CliRunner; import toolkit.cli.models; "
        "from toolkit.cli import app; r = CliRunner().invoke(app, ['models', 'list', "
        "'--format', 'json']); print(json.dumps([json.loads(r.stdout), "
        "sorted(m for m in ('torch', 'stanza', 'argostranslate.translate') if m in sys.modules)]))"
    )
    listed = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    packages, heavy = json.loads(listed.stdout)
    assert [(p["name"], p["path"]) for p in packages] == [(EN_RU, str(other / EN_RU))]
    assert heavy == []  # listing never loads argostranslate's translation stack
    assert not (home.packages / EN_RU).exists()
