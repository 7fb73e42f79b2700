"""The job lock: one translate job per project; a second one refuses, waits, or takes over a
lock its dead holder left behind."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from job_project import BOTH, Tagger, copy_job_project, hold_lock

from toolkit.config import Settings, load_settings
from toolkit.errors import JobBusy
from toolkit.jobs import job_lock, lock_path, read_holder, translate_project


@pytest.fixture
def empty_project(tmp_path: Path) -> Settings:
    return load_settings(copy_job_project(tmp_path / "project"))


def test_a_second_job_refuses_while_the_lock_is_held(empty_project: Settings) -> None:
    holder = hold_lock(empty_project.root, 30)
    try:
        with pytest.raises(JobBusy) as caught:
            translate_project(empty_project, Tagger(BOTH))
        message = str(caught.value)
        assert f"pid {holder.pid}" in message
        assert "--wait" in message
        assert not empty_project.catalog_dir("ru").exists()  # nothing written
    finally:
        holder.kill()
        holder.wait()


def test_a_second_job_waits_for_the_first(empty_project: Settings) -> None:
    holder = hold_lock(empty_project.root, 1.0)
    waited: list[object] = []
    started = time.monotonic()
    try:
        summary = translate_project(empty_project, Tagger(BOTH), wait=30, on_wait=waited.append)
    finally:
        holder.wait()
    assert summary.complete
    assert time.monotonic() - started >= 0.5
    assert len(waited) == 1 and getattr(waited[0], "pid", None) == holder.pid


def test_a_lock_left_by_a_dead_process_is_taken_over(empty_project: Settings) -> None:
    holder = hold_lock(empty_project.root, 30)
    holder.kill()  # SIGKILL: no clean-up, the file still names it
    holder.wait()
    left = read_holder(lock_path(empty_project))
    assert left is not None and left.pid == holder.pid
    summary = translate_project(empty_project, Tagger(BOTH))
    assert summary.complete
    assert summary.notes == (
        f"took over the job lock left by {left.describe()}, no longer running",
    )


def test_the_lock_names_its_holder_while_held(empty_project: Settings) -> None:
    with job_lock(empty_project) as stale:
        assert stale is None
        holder = read_holder(lock_path(empty_project))
        assert holder is not None and holder.pid == os.getpid()
    assert read_holder(lock_path(empty_project)) is None
