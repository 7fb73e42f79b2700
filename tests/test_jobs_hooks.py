"""Glossary enforcement as the translate job's hooks: what the engine sees, what is filed, and
sentences whose placeholders the engine mangled, translated again on the engine's thread."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from job_project import Tagger, catalogs, copy_job_project

from toolkit.config import Settings, load_settings
from toolkit.enforce import enforce_segment, load_termbase, normalise_source
from toolkit.engines import Translation
from toolkit.jobs import Hooks, glossary_hooks, translate_project


@pytest.fixture
def empty_project(tmp_path: Path) -> Settings:
    return load_settings(copy_job_project(tmp_path / "project"))


def test_without_a_glossary_folder_the_hooks_do_nothing(empty_project: Settings) -> None:
    shutil.rmtree(empty_project.glossary_path)
    hooks = glossary_hooks(empty_project)
    assert hooks == Hooks()


def test_glossary_hooks_normalise_the_source_and_repair_the_output(
    empty_project: Settings,
) -> None:
    hooks = glossary_hooks(empty_project, ["ru"])
    source = "Alihan Smailov arrived in Almaty."
    assert hooks.preprocess(source, "ru") == "Alikhan Smailov arrived in Almaty."
    text, comments, findings = hooks.postprocess(source, "Алихан Смайлов прибыл в Алматы.", "ru")
    # How enforcement words its record is its own business; the hook passes it on.
    assert text == "Алихан Смаилов прибыл в Алматы."
    assert len(comments) == 1
    assert comments[0].startswith("enforced: alikhan-smailov: ")
    assert comments[0].endswith("Смаилов")
    assert not [f for f in findings if "alikhan-smailov" in f.message]


def test_the_job_records_enforcement_on_the_entries_it_fills(empty_project: Settings) -> None:
    class Wrong(Tagger):
        """Renders every sentence naming Smailov with the glossary's wrong variant."""

        def translate(self, segments: Sequence[str], source: str, target: str) -> list[Translation]:
            self.calls.append((target, list(segments)))
            return [
                Translation("Алихан Смайлов прибыл." if "Smailov" in s else "Текст.", "wrong 1")
                for s in segments
            ]

    engine = Wrong({("en", "ru")})
    summary = translate_project(
        empty_project,
        engine,
        languages=["ru"],
        hooks=glossary_hooks(empty_project, ["ru"]),
    )
    named = [
        m for c in catalogs(empty_project, "ru").values() for m in c.active if "Smailov" in m.msgid
    ]
    assert named
    for message in named:
        assert message.msgstr == "Алихан Смаилов прибыл."
        (comment,) = message.translator_comments
        assert comment.startswith("enforced: alikhan-smailov: ") and comment.endswith("Смаилов")
        assert message.fuzzy and ("engine", "wrong 1") in message.annotations
    assert all(f.location.path.startswith("translations/ru/") for f in summary.findings)
    assert all(f.entry is not None for f in summary.findings)


def test_sentences_whose_placeholders_are_mangled_go_to_the_engine_again_from_its_thread(
    empty_project: Settings,
) -> None:
    threads: set[str] = set()

    class Mangler(Tagger):
        """Breaks every placeholder beyond repair; records the thread of each call."""

        def translate(self, segments: Sequence[str], source: str, target: str) -> list[Translation]:
            threads.add(threading.current_thread().name)
            done = super().translate(segments, source, target)
            return [
                Translation("Текст [[1", t.provenance) if "[[" in s else t
                for s, t in zip(segments, done, strict=True)
            ]

    engine = Mangler({("en", "ru")})
    summary = translate_project(
        empty_project, engine, languages=["ru"], hooks=glossary_hooks(empty_project, ["ru"])
    )
    assert summary.complete
    assert threads and all(name.startswith("toolkit-engine") for name in threads)
    termbase = load_termbase(["ru"], settings=empty_project)
    protected = [
        m
        for c in catalogs(empty_project, "ru").values()
        for m in c.active
        if "[[" in normalise_source(m.msgid, termbase, "ru").text
    ]
    assert protected
    sent = engine.sent("ru")
    for message in protected:
        ready = normalise_source(message.msgid, termbase, "ru")
        # asked once with placeholders, then once more with the term left in the text
        assert sent.count(ready.text) == 1 and sent.count(ready.unprotected) == 1
        expected = enforce_segment(message.msgid, f"[ru] {ready.unprotected}", termbase, "ru")
        assert message.msgstr == expected.text
        assert list(message.translator_comments) == [c.comment() for c in expected.changes]
        assert "[[" not in message.msgstr
