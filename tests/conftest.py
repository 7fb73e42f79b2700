"""Shared fixtures: throwaway projects and a CLI runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

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
