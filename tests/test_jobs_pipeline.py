"""What the job plans and how it hands the engine its work: whole catalogs per chunk, a number
of the engine's batches per call, memory first."""

from __future__ import annotations

from pathlib import Path

import pytest
from job_project import copy_job_project

from toolkit.config import EngineOptions, Settings, load_settings
from toolkit.corpus.articles import select_articles
from toolkit.engines.memory import SUGGESTION_THRESHOLD
from toolkit.jobs.pipeline import chunk_works, segments_per_call
from toolkit.jobs.plan import Work, plan_language, prepare_templates

FIRST, SECOND, THIRD = (
    "2022-07-04-smailov-visits-innoprom",  # 5 segments
    "2023-09-28-regions-forum-kostanay",  # 3
    "2024-02-01-mishustin-smailov-meeting",  # 5
)


def plan(settings: Settings, language: str) -> list[Work]:
    articles = select_articles(settings)
    templates = prepare_templates(settings, articles, dry_run=True)
    return plan_language(settings, language, articles, templates, SUGGESTION_THRESHOLD)


@pytest.fixture
def empty_project(tmp_path: Path) -> Settings:
    return load_settings(copy_job_project(tmp_path / "project"))


def test_an_empty_project_leaves_every_entry_to_the_engine(empty_project: Settings) -> None:
    works = plan(empty_project, "ru")
    assert [(w.article, len(w.pending), w.reused) for w in works] == [
        (FIRST, 5, 0),
        (SECOND, 3, 0),
        (THIRD, 5, 0),
    ]
    assert all(w.existing is None for w in works)
    assert [w.shown for w in works] == [f"translations/ru/{a}.po" for a in (FIRST, SECOND, THIRD)]


def test_translated_catalogs_leave_the_engine_nothing(tmp_path: Path) -> None:
    settings = load_settings(copy_job_project(tmp_path / "p", translations=True))
    works = plan(settings, "kk")
    assert all(not w.pending and w.reused == 0 and w.existing is not None for w in works)


def test_chunks_hold_whole_catalogs_until_they_reach_the_size(empty_project: Settings) -> None:
    works = plan(empty_project, "ru")
    assert [[w.article for w in c] for c in chunk_works(works, 6)] == [[FIRST, SECOND], [THIRD]]
    assert [[w.article for w in c] for c in chunk_works(works, 1)] == [[FIRST], [SECOND], [THIRD]]
    assert [[w.article for w in c] for c in chunk_works(works, 100)] == [[FIRST, SECOND, THIRD]]
    works[0].pending.clear()  # a catalog with nothing to translate is in no chunk
    assert [[w.article for w in c] for c in chunk_works(works, 6)] == [[SECOND, THIRD]]


def test_each_engine_call_is_a_number_of_its_batches() -> None:
    assert segments_per_call(EngineOptions()) == 32 * 16
    assert segments_per_call(EngineOptions(batch_size=100)) == 1600
    assert segments_per_call(EngineOptions(batch_size=1)) == 64  # never fewer than that
