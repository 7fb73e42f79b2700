"""The translate job's control flow: memory, engine, hooks, missing pairs, resume.

The engine here is a stand-in that tags each sentence with its language (the job's logic does
not depend on what an engine says). The project is the job tests' own (tests/data/jobs): three
short articles, 13 segments, complete ru and kk catalogs to copy on request. The end-to-end
runs with the real Argos engine and the fixture packages are in test_cli_translate.py; the
lock's tests are in test_jobs_lock.py, the glossary hooks' in test_jobs_hooks.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from gettext_check import msgfmt_problems
from job_project import (
    BOTH,
    Tagger,
    catalogs,
    copy_job_project,
    copy_project,
    republish,
    snapshot,
)

from toolkit.config import Settings, load_settings
from toolkit.engines import Translation
from toolkit.errors import EngineUnavailable
from toolkit.findings import Finding, Location, Severity
from toolkit.gettext import pofile
from toolkit.jobs import (
    Hooks,
    JobSummary,
    Missing,
    Progress,
    Row,
    lock_path,
    translate_project,
)
from toolkit.project.paths import catalog_path, template_path

ARTICLES = 3  # in tests/data/jobs/project/corpus
SEGMENTS = 13  # their translatable segments
ORIGINAL = "2022-07-04-smailov-visits-innoprom"
DUPLICATE = "2099-01-01-republished-visit"  # a copy of ORIGINAL under a new id
MEETING = "2024-02-01-mishustin-smailov-meeting"


@pytest.fixture
def empty_project(tmp_path: Path) -> Settings:
    return load_settings(copy_job_project(tmp_path / "project"))


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
        assert len(found) == ARTICLES
        for article, catalog in found.items():
            template = pofile.read_catalog(template_path(empty_project, article))
            assert [m.msgid for m in catalog.active] == [m.msgid for m in template.active]
            for message in catalog.active:
                assert message.msgstr == f"[{language}] {message.msgid}"
                assert message.fuzzy
                assert ("engine", f"tagger en_{language} 1.0") in message.annotations
            assert msgfmt_problems(catalog_path(empty_project, language, article)) == ""
    rows = {(r.article, r.language): r for r in summary.rows}
    assert len(rows) == 2 * ARTICLES
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
    root = copy_job_project(tmp_path / "p", translations=True)
    republish(root, ORIGINAL, DUPLICATE)
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
    root = copy_job_project(tmp_path / "p")
    settings = load_settings(root)
    translate_project(settings, Tagger({("en", "ru")}), languages=["ru"])
    republish(root, ORIGINAL, DUPLICATE)
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
    root = copy_job_project(tmp_path / "p", translations=True)
    settings = load_settings(root)
    article = MEETING
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
    assert (gap.pair, gap.segments) == ("en -> kk", SEGMENTS)
    assert "toolkit models add" in gap.hint
    assert all(t == "ru" for t, _ in engine.calls)
    kk = catalogs(empty_project, "kk")
    assert len(kk) == ARTICLES  # merged and written all the same
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
    assert len(catalogs(empty_project, "ru")) == ARTICLES


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
    translate_project(empty_project, engine, languages=["ru"], chunk_size=5, progress=events.append)
    assert len(engine.calls) > 1
    assert events[0] == Progress("ru", 0, SEGMENTS)
    assert events[-1] == Progress("ru", SEGMENTS, SEGMENTS)
    assert [e.done for e in events] == sorted(e.done for e in events)
    assert len(events) == len(engine.calls) + 1


def test_a_sentence_in_two_articles_goes_to_the_engine_once(tmp_path: Path) -> None:
    root = copy_job_project(tmp_path / "p")
    republish(root, ORIGINAL, DUPLICATE)
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
        translate_project(empty_project, first, languages=["ru"], chunk_size=5)
    written = catalogs(empty_project, "ru")
    assert 0 < len(written) < ARTICLES
    kept = {
        (a, m.msgid): m.msgstr for a, c in written.items() for m in c.active if m.has_translation
    }
    assert len(kept) == len(first.sent("ru"))
    rest = Tagger(BOTH)
    summary = translate_project(empty_project, rest, languages=["ru"])
    assert sum(r.machine for r in summary.rows) == SEGMENTS - len(kept)
    assert not set(rest.sent("ru")) & {msgid for _, msgid in kept}
    after = catalogs(empty_project, "ru")
    assert all(after[a].find(msgid).msgstr == text for (a, msgid), text in kept.items())  # type: ignore[union-attr]
    assert summary.complete
    assert not lock_path(empty_project).read_text()  # released on the way out


# --- records: the JSON shapes of `toolkit translate --format json` ----------------------------

RECORD_ROOT = Path("/project")


def row(article: str, language: str, **figures: Any) -> Row:
    values: dict[str, Any] = {
        "total": 5,
        "reused": 1,
        "machine": 3,
        "empty": 1,
        "suggestions": 2,
        "seconds": 1.23456,
        "status": "updated",
    }
    values.update(figures)
    path = RECORD_ROOT / "translations" / language / f"{article}.po"
    return Row(article=article, language=language, path=path, **values)


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        (
            row("a", "ru"),
            {
                "article": "a",
                "language": "ru",
                "path": "translations/ru/a.po",
                "status": "updated",
                "total": 5,
                "reused": 1,
                "machine": 3,
                "empty": 1,
                "suggestions": 2,
                "seconds": 1.235,
            },
        ),
        (
            row("b", "kk", status="dry-run", machine=0, empty=4, seconds=0.0),
            {
                "article": "b",
                "language": "kk",
                "path": "translations/kk/b.po",
                "status": "dry-run",
                "total": 5,
                "reused": 1,
                "machine": 0,
                "empty": 4,
                "suggestions": 2,
                "seconds": 0.0,
            },
        ),
    ],
)
def test_row_record(shown: Row, expected: dict[str, Any]) -> None:
    record = shown.record(RECORD_ROOT)
    assert record == expected
    assert list(record) == list(expected)
    total = shown.total_record()
    assert total == {k: v for k, v in expected.items() if k not in ("article", "path")}
    assert list(total) == [k for k in expected if k not in ("article", "path")]


def test_a_path_outside_the_root_is_shown_as_it_is() -> None:
    outside = Row("a", "ru", Path("/elsewhere/a.po"), 1, 0, 1, 0, 0, 0.5, "created")
    assert outside.record(RECORD_ROOT)["path"] == "/elsewhere/a.po"


def test_missing_record() -> None:
    gap = Missing("en", "kk", "no package", "install one", 7)
    assert gap.record() == {
        "source": "en",
        "target": "kk",
        "reason": "no package",
        "hint": "install one",
        "segments": 7,
    }
    assert list(gap.record()) == ["source", "target", "reason", "hint", "segments"]


def test_job_summary_record() -> None:
    rows = (row("a", "ru"), row("b", "ru", empty=0, seconds=2.0), row("a", "kk", empty=0))
    finding = Finding(
        "term-missing", Severity.ERROR, "missing", Location("translations/ru/a.po", 3)
    )
    summary = JobSummary(
        rows=rows,
        routes=(("ru", "argos en->ru"), ("kk", "memory only")),
        missing=(Missing("en", "kk", "no package", "install one", 0),),
        findings=(finding,),
        notes=("took over a stale lock",),
        seconds=3.14159,
        dry_run=False,
    )
    record = summary.record(RECORD_ROOT)
    assert list(record) == [
        "dry_run",
        "complete",
        "seconds",
        "catalogs",
        "totals",
        "routes",
        "missing",
        "notes",
        "findings",
    ]
    assert (record["dry_run"], record["complete"], record["seconds"]) == (False, False, 3.142)
    assert record["catalogs"] == [r.record(RECORD_ROOT) for r in rows]
    assert record["totals"] == {
        "ru": {
            "language": "ru",
            "status": "unchanged",
            "total": 10,
            "reused": 2,
            "machine": 6,
            "empty": 1,
            "suggestions": 4,
            "seconds": 3.235,
        },
        "kk": rows[2].total_record() | {"status": "unchanged"},
    }
    assert record["routes"] == {"ru": "argos en->ru", "kk": "memory only"}
    assert record["missing"] == [summary.missing[0].record()]
    assert record["notes"] == ["took over a stale lock"]
    assert record["findings"] == [finding.record()]


def test_job_summary_record_of_a_run(empty_project: Settings) -> None:
    settings = empty_project
    summary = translate_project(settings, Tagger(BOTH), dry_run=True)
    record = summary.record(settings.root)
    assert record["dry_run"] is True
    assert [c["path"] for c in record["catalogs"]] == [
        catalog_path(settings, r.language, r.article).relative_to(settings.root).as_posix()
        for r in summary.rows
    ]
