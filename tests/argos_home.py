"""argostranslate pointed at a temporary folder, in this process, for tests.

argostranslate reads its settings and creates its folders when it is first imported, and keeps
them in module globals. :func:`argos_home` therefore sets the environment (for a first import
and for subprocesses) *and* patches the already-imported settings, so that whichever test runs
first, nothing touches the real ``~/.local/share/argos-translate``. The package index URL points
at a port nobody listens on: the machine is offline as far as argostranslate can tell.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
MODELS_DIR = TESTS / "data" / "models"
PARALLEL_DIR = TESTS / "models" / "parallel"
FIXTURE_NAMES = ("fixture-en_kk", "fixture-en_ru", "fixture-ru_en")
# Settings that would make argostranslate decode differently from the engine's defaults.
ARGOS_OVERRIDES = (
    "ARGOS_BEAM_SIZE",
    "ARGOS_COMPUTE_TYPE",
    "ARGOS_CHUNK_TYPE",
    "ARGOS_MODEL_PROVIDER",
    "ARGOS_INTER_THREADS",
    "ARGOS_INTRA_THREADS",
    "ARGOS_PACKAGE_INDEX",
    "ARGOS_DEBUG",
)


def fixture_archive(name: str) -> Path:
    path = MODELS_DIR / f"{name}.argosmodel"
    assert path.is_file(), f"missing test model {path}: build it with tests/models/build.py"
    return path


def closed_port() -> int:
    """A local TCP port that refuses connections (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@dataclass(frozen=True)
class ArgosHome:
    root: Path
    packages: Path
    env: dict[str, str]  # the environment a subprocess needs to see the same folders


@contextmanager
def argos_home(root: Path, index_url: str | None = None) -> Iterator[ArgosHome]:
    """argostranslate's data, cache, config and package folders under *root*."""
    folders = {name: root / name for name in ("data", "config", "cache", "packages")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    index = index_url or f"http://127.0.0.1:{closed_port()}/"
    env = {
        "XDG_DATA_HOME": str(folders["data"]),
        "XDG_CONFIG_HOME": str(folders["config"]),
        "XDG_CACHE_HOME": str(folders["cache"]),
        "ARGOS_PACKAGES_DIR": str(folders["packages"]),
        "ARGOS_DEVICE_TYPE": "cpu",
    }
    patch = pytest.MonkeyPatch()
    try:
        for key, value in env.items():
            patch.setenv(key, value)
        for key in ARGOS_OVERRIDES:
            patch.delenv(key, raising=False)
        from argostranslate import settings

        data = folders["data"] / "argos-translate"
        cache = folders["cache"] / "argos-translate"
        (cache / "downloads").mkdir(parents=True, exist_ok=True)
        for name, value in {
            "data_dir": data,
            "cache_dir": cache,
            "downloads_dir": cache / "downloads",
            "package_data_dir": folders["packages"],
            "package_dirs": [folders["packages"]],
            "local_package_index": data / "index.json",
            "package_index": index,
            "remote_package_index": index + "index.json",
            "device": "cpu",
        }.items():
            patch.setattr(settings, name, value)
        _forget_argos_languages()
        yield ArgosHome(root=root, packages=folders["packages"], env={**os.environ, **env})
    finally:
        patch.undo()
        _forget_argos_languages()


def _forget_argos_languages() -> None:
    # argostranslate keeps loaded translations per language pair across its cache; a package
    # folder from another test must not answer for this one.
    translate = sys.modules.get("argostranslate.translate")
    if translate is not None:
        translate.installed_translates.clear()
        translate.get_installed_languages.cache_clear()
