"""Shared fixtures: throwaway projects and a CLI runner."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from sample_article import ARTICLE_ID, DAY1, SENTENCES, make_article
from typer.testing import CliRunner

from toolkit.config import Settings, load_settings
from toolkit.corpus.articles import Article

# Property tests draw the same examples on every run, so that CI on a clean clone passes or fails
# for a reason in the change; `pytest --hypothesis-profile=explore` searches new examples.
settings.register_profile("deterministic", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("deterministic")

# argostranslate and onnxruntime create folders under the user's home at import time; no test may
# touch the real ones. Set before any test module imports them; tests/argos_home.py narrows this
# further per test.
_SANDBOX = Path(tempfile.mkdtemp(prefix="toolkit-tests-home-"))
for _name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = str(_SANDBOX / _name.lower())
os.environ["ARGOS_PACKAGES_DIR"] = str(_SANDBOX / "argos-packages")

# A whole project of three short articles, finished in ru and kk (see its README.md): tests copy
# it with the `tiny_project` fixture and count on its numbers instead of the shipped content's.
TINY_PROJECT = Path(__file__).parent / "data" / "project"

MINIMAL_CONFIG = """\
[project]
name = "test-project"
version = "0.0.1"

[tool.toolkit]
source_language = "en"
target_languages = ["ru", "kk"]
"""


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Create a project folder with a pyproject.toml; returns its path."""

    def make(config: str = MINIMAL_CONFIG, name: str = "project") -> Path:
        root = tmp_path / name
        root.mkdir(parents=True, exist_ok=True)
        (root / "pyproject.toml").write_text(config, encoding="utf-8")
        return root

    return make


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    return make_project()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def shipped(project: Path) -> Path:
    """A project with the repository's glossary and corpus (modules may define their own)."""
    repo = Path(__file__).resolve().parent.parent
    shutil.copytree(repo / "glossary", project / "glossary")
    shutil.copytree(repo / "corpus", project / "corpus")
    return project


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    """A copy of tests/data/project: three articles, templates, ru and kk catalogs, a glossary."""
    root = tmp_path / "tiny"
    shutil.copytree(TINY_PROJECT, root)
    return root


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """SOURCE_DATE_EPOCH pinned at DAY1 (tests/sample_article.py); call it to move the clock."""

    def set_epoch(value: str) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)

    set_epoch(DAY1)
    return set_epoch


@pytest.fixture
def settings_(project: Path) -> Settings:
    return load_settings(project)


@pytest.fixture
def article(settings_: Settings) -> Article:
    """The sample article of tests/sample_article.py, in the throwaway project."""
    return make_article(settings_.root, ARTICLE_ID, SENTENCES)
