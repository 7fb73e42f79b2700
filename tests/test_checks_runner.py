"""Checking a project: its catalogs against its glossary, a clean project and a bad catalog.

Which catalogs are found, in which language, is tests/test_project_catalogs.py; the shipped
reference translations are tests/test_shipped_content.py."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from toolkit.checks import check_project
from toolkit.config import load_settings
from toolkit.findings import Severity

DATA = Path(__file__).parent / "data" / "checks"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A project with the glossary and one article in ru, kk and its template."""
    root = tmp_path / "project"
    shutil.copytree(DATA / "project", root)
    return root


def test_sample_project_is_clean_and_the_bad_catalog_is_not(sample: Path) -> None:
    settings = load_settings(sample)
    assert check_project(settings).findings == ()
    report = check_project(settings, [DATA / "bad" / "ru-sample.po"])
    assert Counter((f.check, f.severity) for f in report.findings) == {
        ("punctuation", Severity.WARNING): 1,
        ("numbers", Severity.ERROR): 2,
        ("term-forbidden", Severity.ERROR): 1,
        ("whitespace", Severity.WARNING): 1,
    }


# --- a whole project (tests/data/project): clean, until a translator slips ------------------


def test_tiny_project_is_clean(tiny_project: Path) -> None:
    report = check_project(load_settings(tiny_project))
    assert report.findings == ()
    assert (report.catalogs, report.entries) == (9, 36)  # 3 articles in ru, kk and templates


def test_tiny_project_with_a_wrong_name_and_a_lost_number(tiny_project: Path) -> None:
    path = tiny_project / "translations" / "ru" / "2022-07-04-innoprom.po"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Алихан Смаилов прибыл", "Алихан Смайлов прибыл")
    path.write_text(text.replace("подписали 12 соглашений", "подписали соглашения"), "utf-8")
    report = check_project(load_settings(tiny_project), languages=["ru"])
    assert [(str(f.location), f.check, f.severity) for f in report.findings] == [
        ("translations/ru/2022-07-04-innoprom.po:29", "term-forbidden", Severity.ERROR),
        ("translations/ru/2022-07-04-innoprom.po:29", "term-inconsistent", Severity.WARNING),
        ("translations/ru/2022-07-04-innoprom.po:39", "numbers", Severity.ERROR),
    ]
    assert report.catalogs == 3
