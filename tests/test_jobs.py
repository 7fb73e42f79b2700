"""The translate job's control flow: memory, engine, hooks, missing pairs, resume, the lock.

The engine here is a stand-in that tags each sentence with its language (the job's logic does
not depend on what an engine says). The end-to-end runs with the real Argos engine and the
fixture packages are in test_cli_translate.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from gettext_check import msgfmt_problems

from toolkit.config import Settings, load_settings
from toolkit.enforce import enforce_segment, load_termbase, normalise_source
from toolkit.engines import Route, Translation
from toolkit.errors import EngineUnavailable, JobBusy
from toolkit.findings import Finding, Severity
from toolkit.gettext import pofile
from toolkit.gettext.model import Catalog
from toolkit.jobs import (
    Hooks,
    Progress,
    glossary_hooks,
    job_lock,
    lock_path,
    read_holder,
    translate_project,
)
from toolkit.project.paths import catalog_path, template_path

REPO = Path(__file__).resolve().parents[1]
DUPLICATE = "2099-01-01-republished-innoprom"  # a copy of an article under a new id
ORIGINAL = "2022-07-04-smailov-mishustin-innoprom"


def toolkit_section() -> str:
    """The repository's own [tool.toolkit] table, as the user wrote it."""
    lines = (REPO / "pyproject.toml").read_text(encoding="utf-8").splitlines()
    start = lines.index("[tool.toolkit]")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    return "\n".join(lines[start:end]).strip() + "\n"


def copy_project(dest: Path, *, translations: bool = False) -> Path:
    """The real corpus and glossary in a throwaway project; shipped catalogs on request."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "corpus", dest / "corpus")
    shutil.copytree(REPO / "glossary", dest / "glossary")
    if translations:
        shutil.copytree(REPO / "translations", dest / "translations")
    # The repository's name and version too: templates name them, so the shipped ones match.
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (dest / "pyproject.toml").write_text(
        f'[project]\nname = "{meta["name"]}"\nversion = "{meta["version"]}"\n\n'
        + toolkit_section(),
        encoding="utf-8",
    )
    return dest


def republish(root: Path, original: str = ORIGINAL, new_id: str = DUPLICATE) -> None:
    """The same article again under another id: its catalog starts empty."""
    corpus = root / "corpus"
    shutil.copy(corpus / f"{original}.txt", corpus / f"{new_id}.txt")
    meta = (corpus / f"{original}.json").read_text(encoding="utf-8")
    (corpus / f"{new_id}.json").write_text(meta.replace(original, new_id), encoding="utf-8")


@dataclass
class Tagger:
    """Stand-in engine: "[ru] <source>"; serves only the pairs it is given; records calls."""

    served: set[tuple[str, str]]
    name: str = "tagger"
    calls: list[tuple[str, list[str]]] = field(default_factory=list)

    def pairs(self) -> set[tuple[str, str]]:
        return set(self.served)

    def route(self, source: str, target: str) -> Route:
        if (source, target) not in self.served:
            raise EngineUnavailable(
                f"no package for {source} -> {target}",
                hint=f"toolkit models add FILE.argosmodel ({source}->{target})",
            )
        return Route(source, target, steps=(f"tagger {source}_{target} 1.0",))

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[Translation]:
        self.calls.append((target, list(segments)))
        return [Translation(f"[{target}] {s}", f"tagger {source}_{target} 1.0") for s in segments]

    def sent(self, target: str) -> list[str]:
        return [s for t, segments in self.calls if t == target for s in segments]


BOTH = {("en", "ru"), ("en", "kk")}


def catalogs(settings: Settings, language: str) -> dict[str, Catalog]:
    folder = settings.catalog_dir(language)
    return {p.stem: pofile.read_catalog(p) for p in sorted(folder.glob("*.po"))}


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def empty_project(tmp_path: Path) -> Settings:
    return load_settings(copy_project(tmp_path / "project"))


def test_job_fills_every_empty_entry_as_fuzzy_machine_output(empty_project: Settings) -> None:
    engine = Tagger(BOTH)
    summary = translate_project(empty_project, engine)
    assert summary.complete and not summary.missing
    assert dict(summary.routes) == {
        "ru": "en -> ru (tagger en_ru 1.0)",
        "kk": "en -> kk (tagger en_kk 1.0)",
    }
    for language in ("ru", "kk"):
        found = catalogs(empty_project, language)
        assert len(found) == 5
        for article, catalog in found.items():
            template = pofile.read_catalog(template_path(empty_project, article))
            assert [m.msgid for m in catalog.active] == [m.msgid for m in template.active]
            for message in catalog.active:
                assert message.msgstr == f"[{language}] {message.msgid}"
                assert message.fuzzy
                assert ("engine", f"tagger en_{language} 1.0") in message.annotations
            assert msgfmt_problems(catalog_path(empty_project, language, article)) == ""
    rows = {(r.article, r.language): r for r in summary.rows}
    assert len(rows) == 10
    assert all(r.machine == r.total > 0 and r.reused == 0 and r.empty == 0 for r in rows.values())
    assert all(r.status == "created" for r in rows.values())
    # each distinct sentence went to the engine once per language
    assert sorted(engine.sent("ru")) == sorted(
        {m.msgid for c in catalogs(empty_project, "ru").values() for m in c.active}
    )


def test_rerun_translates_nothing_and_leaves_every_file_as_it_was(
    empty_project: Settings,
) -> None:
    translate_project(empty_project, Tagger(BOTH))
    before = snapshot(empty_project.root / "translations")
    engine = Tagger(BOTH)
    summary = translate_project(empty_project, engine)
    assert engine.calls == []
    assert {r.status for r in summary.rows} == {"unchanged"}
    assert sum(r.machine + r.reused for r in summary.rows) == 0
    assert snapshot(empty_project.root / "translations") == before


def test_shipped_translations_leave_the_engine_nothing_to_do(tmp_path: Path) -> None:
    settings = load_settings(copy_project(tmp_path / "p", translations=True))
    before = snapshot(settings.root / "translations")
    engine = Tagger(BOTH)
    summary = translate_project(settings, engine)
    assert engine.calls == []
    assert summary.complete
    assert {r.status for r in summary.rows} == {"unchanged"}
    assert snapshot(settings.root / "translations") == before


def test_memory_reuses_an_article_translated_elsewhere_keeping_its_state(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", translations=True)
    republish(root)
    settings = load_settings(root)
    engine = Tagger(BOTH)
    summary = translate_project(settings, engine)
    assert engine.calls == []
    row = next(r for r in summary.rows if r.article == DUPLICATE and r.language == "ru")
    assert row.reused == row.total > 0 and row.machine == 0 and row.empty == 0
    copy = catalogs(settings, "ru")[DUPLICATE]
    original = catalogs(settings, "ru")[ORIGINAL]
    for message in copy.active:
        source = original.find(message.msgid)
        assert source is not None
        assert (message.msgstr, message.fuzzy) == (source.msgstr, source.fuzzy)
        assert ("memory", f"reused from {ORIGINAL}") in message.annotations


def test_memory_reuse_keeps_fuzzy_state_and_machine_provenance(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    settings = load_settings(root)
    translate_project(settings, Tagger({("en", "ru")}), languages=["ru"])
    republish(root)
    engine = Tagger({("en", "ru")})
    summary = translate_project(settings, engine, languages=["ru"])
    assert engine.calls == []
    copy = catalogs(settings, "ru")[DUPLICATE]
    assert all(m.fuzzy for m in copy.active)  # machine output stays a suggestion
    assert all(("engine", "tagger en_ru 1.0") in m.annotations for m in copy.active)
    assert sum(r.reused for r in summary.rows) == len(copy.active)


def test_similar_sentences_are_offered_as_comments_never_as_translations(
    tmp_path: Path,
) -> None:
    root = copy_project(tmp_path / "p", translations=True)
    settings = load_settings(root)
    article = "2024-02-01-mishustin-smailov-almaty-meeting"
    text = root / "corpus" / f"{article}.txt"
    old = "This is our first meeting this year."
    old_ru = "Это наша первая встреча в этом году."
    assert old in text.read_text(encoding="utf-8")
    # A new sentence much like a translated one: the engine translates it, memory offers.
    added = "This is our first meeting this year, said the minister."
    with text.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{added}\n")
    engine = Tagger({("en", "ru")})
    summary = translate_project(settings, engine, languages=["ru"], article_ids=[article])
    assert engine.sent("ru") == [added]
    (row,) = summary.rows
    assert (row.machine, row.suggestions) == (1, 1)
    new = catalogs(settings, "ru")[article].find(added)
    assert new is not None
    assert new.msgstr == f"[ru] {added}"
    offer = dict(new.annotations)["memory"]
    assert offer.endswith(f"% {article}: {old} => {old_ru}")
    assert 75 <= int(offer.partition("%")[0]) < 100
    # A reworded sentence: msgmerge keeps the old translation as a fuzzy match with #| msgid;
    # it has a translation, so neither memory nor the engine touches it.
    body = text.read_text(encoding="utf-8")
    text.write_text(body.replace(old, "This is our first meeting in this year."), "utf-8")
    engine = Tagger({("en", "ru")})
    translate_project(settings, engine, languages=["ru"], article_ids=[article])
    assert engine.calls == []
    entry = catalogs(settings, "ru")[article].find("This is our first meeting in this year.")
    assert entry is not None
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == (old_ru, True, old)


def test_missing_pair_leaves_entries_empty_and_says_how_to_install(
    empty_project: Settings,
) -> None:
    engine = Tagger({("en", "ru")})
    summary = translate_project(empty_project, engine)
    assert not summary.complete
    (gap,) = summary.missing
    assert (gap.pair, gap.segments) == ("en -> kk", 122)
    assert "toolkit models add" in gap.hint
    assert all(t == "ru" for t, _ in engine.calls)
    kk = catalogs(empty_project, "kk")
    assert len(kk) == 5  # merged and written all the same
    assert all(not m.has_translation for c in kk.values() for m in c.active)
    assert all(r.empty == r.total for r in summary.rows if r.language == "kk")
    assert all(r.empty == 0 for r in summary.rows if r.language == "ru")


def test_memory_only_engine_writes_catalogs_without_machine_output(
    empty_project: Settings,
) -> None:
    summary = translate_project(empty_project, None)
    assert dict(summary.routes) == {
        "ru": "translation memory only",
        "kk": "translation memory only",
    }
    assert not summary.missing
    assert sum(r.machine for r in summary.rows) == 0
    assert len(catalogs(empty_project, "ru")) == 5


def test_dry_run_writes_nothing_and_counts_what_a_run_does(empty_project: Settings) -> None:
    root = empty_project.root
    before = snapshot(root)
    planned = translate_project(empty_project, Tagger({("en", "ru")}), dry_run=True)
    assert snapshot(root) == before
    assert {r.status for r in planned.rows} == {"dry-run"}
    done = translate_project(empty_project, Tagger({("en", "ru")}))
    counts = [(r.article, r.language, r.reused, r.machine, r.empty) for r in done.rows]
    assert [(r.article, r.language, r.reused, r.machine, r.empty) for r in planned.rows] == counts
    assert [g.pair for g in planned.missing] == ["en -> kk"]


def test_chunks_write_catalogs_as_they_go_and_report_progress(empty_project: Settings) -> None:
    events: list[Progress] = []
    engine = Tagger(BOTH)
    translate_project(
        empty_project, engine, languages=["ru"], chunk_size=20, progress=events.append
    )
    assert len(engine.calls) > 1
    assert events[0] == Progress("ru", 0, 122)
    assert events[-1] == Progress("ru", 122, 122)
    assert [e.done for e in events] == sorted(e.done for e in events)
    assert len(events) == len(engine.calls) + 1


def test_a_sentence_in_two_articles_goes_to_the_engine_once(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    republish(root)
    engine = Tagger(BOTH)
    summary = translate_project(load_settings(root), engine, languages=["ru"], chunk_size=10)
    sent = engine.sent("ru")
    assert len(sent) == len(set(sent))
    rows = {r.article: r for r in summary.rows}
    assert rows[DUPLICATE].machine == rows[ORIGINAL].machine == rows[ORIGINAL].total


def test_hooks_see_the_source_and_shape_what_is_written(empty_project: Settings) -> None:
    def preprocess(source: str, language: str) -> str:
        return source.replace("Smailov", "SMAILOV")

    def postprocess(
        source: str, text: str, language: str
    ) -> tuple[str, Sequence[str], Sequence[Finding]]:
        if "SMAILOV" not in text:
            return text, (), ()
        finding = Finding("terms", Severity.WARNING, f"name in {language}", "here", text)
        return (
            text.replace("SMAILOV", "Смаилов"),
            ("enforced: alikhan-smailov: SMAILOV -> Смаилов",),
            (finding,),
        )

    engine = Tagger({("en", "ru")})
    summary = translate_project(
        empty_project, engine, languages=["ru"], hooks=Hooks(preprocess, postprocess)
    )
    assert any("SMAILOV" in s for s in engine.sent("ru"))
    assert not any("Smailov" in s for s in engine.sent("ru"))
    changed = [
        m for c in catalogs(empty_project, "ru").values() for m in c.active if "Smailov" in m.msgid
    ]
    assert changed
    for message in changed:
        assert "Смаилов" in message.msgstr and "SMAILOV" not in message.msgstr
        assert "enforced: alikhan-smailov: SMAILOV -> Смаилов" in message.translator_comments
        assert message.fuzzy
    assert len(summary.findings) == len(changed)


class Short(Tagger):
    def translate(self, segments: Sequence[str], source: str, target: str) -> list[Translation]:
        return super().translate(segments, source, target)[:-1]


def test_an_engine_that_loses_segments_is_an_error_not_silence(empty_project: Settings) -> None:
    with pytest.raises(EngineUnavailable, match="returned"):
        translate_project(empty_project, Short(BOTH), languages=["ru"])


def test_an_interrupted_job_keeps_what_it_wrote_and_a_rerun_does_the_rest(
    empty_project: Settings,
) -> None:
    class Interrupted(Tagger):
        def translate(self, segments: Sequence[str], source: str, target: str) -> list[Translation]:
            if self.calls:
                raise KeyboardInterrupt
            return super().translate(segments, source, target)

    first = Interrupted(BOTH)
    with pytest.raises(KeyboardInterrupt):
        translate_project(empty_project, first, languages=["ru"], chunk_size=30)
    written = catalogs(empty_project, "ru")
    assert 0 < len(written) < 5
    kept = {
        (a, m.msgid): m.msgstr for a, c in written.items() for m in c.active if m.has_translation
    }
    assert len(kept) == len(first.sent("ru"))
    rest = Tagger(BOTH)
    summary = translate_project(empty_project, rest, languages=["ru"])
    assert sum(r.machine for r in summary.rows) == 122 - len(kept)
    assert not set(rest.sent("ru")) & {msgid for _, msgid in kept}
    after = catalogs(empty_project, "ru")
    assert all(after[a].find(msgid).msgstr == text for (a, msgid), text in kept.items())  # type: ignore[union-attr]
    assert summary.complete
    assert not lock_path(empty_project).read_text()  # released on the way out


# --- the lock ------------------------------------------------------------------------------

HOLDER = """\
import sys, time
from pathlib import Path
from toolkit.config import load_settings
from toolkit.jobs import job_lock
with job_lock(load_settings(Path(sys.argv[1]))):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold_lock(root: Path, seconds: float) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "held"
    return process


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


# --- glossary enforcement as the job's hooks -----------------------------------------------


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
