"""Review entries: state, glossary terms on both sides, findings, enforcement, selection."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from toolkit.config import Settings, load_settings
from toolkit.enforce.records import EnforcementRecord
from toolkit.errors import CatalogError
from toolkit.findings import Finding, Location, Severity
from toolkit.gettext.model import Catalog, Counts, Message
from toolkit.glossary.storage import read_glossary
from toolkit.project.catalogs import CatalogFile
from toolkit.review.model import (
    EntryState,
    ReviewCatalog,
    ReviewEntry,
    Selection,
    TermHit,
    check_catalogs,
    entry_state,
    review_catalog,
    review_catalogs,
    select_entries,
)

DATA = Path(__file__).parent / "data" / "review" / "project"
RU = Path("translations/ru/sample.po")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    root = tmp_path / "project"
    shutil.copytree(DATA, root)
    return load_settings(root)


@pytest.fixture
def ru(settings: Settings) -> ReviewCatalog:
    (review,) = review_catalogs(settings, [settings.root / RU])
    return review


def by_id(review: ReviewCatalog) -> dict[str, object]:
    return {entry.label: entry for entry in review.entries}


@pytest.mark.parametrize(
    ("message", "state"),
    [
        (Message("a", "б"), EntryState.TRANSLATED),
        (Message("a", "б", flags=("fuzzy",)), EntryState.FUZZY),
        (Message("a", "", flags=("fuzzy",)), EntryState.FUZZY),
        (Message("a", ""), EntryState.UNTRANSLATED),
        (Message("a", msgid_plural="as", msgstr_plural=("б", "")), EntryState.UNTRANSLATED),
    ],
)
def test_entry_state(message: Message, state: EntryState) -> None:
    assert entry_state(message) is state


def test_catalog_entries_states_and_counts(ru: ReviewCatalog) -> None:
    assert ru.path == "translations/ru/sample.po"
    assert (ru.language, ru.source_language) == ("ru", "en")
    assert [(e.label, e.state.value) for e in ru.entries] == [
        ("title", "translated"),
        ("p1.s1", "translated"),
        ("p1.s2", "fuzzy"),
        ("p1.s3", "fuzzy"),
        ("p2.s1", "fuzzy"),
        ("p3.s1", "translated"),
        ("p4.s1", "untranslated"),
    ]
    assert (ru.counts.translated, ru.counts.fuzzy, ru.counts.untranslated) == (3, 3, 1)
    assert ru.entries[2].location == Location("translations/ru/sample.po", 29)


def test_findings_belong_to_their_entry(ru: ReviewCatalog) -> None:
    shown = {e.label: [f.check for f in e.shown_findings] for e in ru.entries}
    assert shown["p2.s1"] == ["numbers"]
    assert shown["p3.s1"] == ["latin-residue"] * 4 + ["quotes"]
    assert shown["title"] == shown["p1.s2"] == shown["p4.s1"] == []
    # The state's own findings are kept but not shown beside the entry.
    entries = {e.label: e for e in ru.entries}
    assert [f.check for f in entries["p1.s2"].findings] == ["fuzzy"]
    assert [f.check for f in entries["p4.s1"].findings] == ["untranslated"]
    assert entries["p2.s1"].worst is not None and entries["p2.s1"].worst.label == "error"
    assert ru.checks == ("numbers", "latin-residue", "quotes")


def test_terms_on_both_sides_with_official_forms(ru: ReviewCatalog) -> None:
    entry = {e.label: e for e in ru.entries}["p1.s2"]
    source = [(entry.source[h.start : h.end], h.concept, h.official) for h in entry.source_terms]
    assert source == [
        ("Alikhan Smailov", "alikhan-smailov", "Алихан Смаилов"),
        ("Yekaterinburg", "yekaterinburg", "Екатеринбург"),
        ("INNOPROM", "innoprom", "ИННОПРОМ"),
    ]
    target = [(entry.target[h.start : h.end], h.kind) for h in entry.target_terms]
    assert target == [
        ("Алихан Смаилов", "approved"),
        ("Екатеринбург", "approved"),
        ("ИННОПРОМ", "approved"),
    ]
    assert entry.source_terms[0].describe("ru") == "alikhan-smailov: official ru: Алихан Смаилов"
    # Inflected renderings are found too.
    title = {e.label: e for e in ru.entries}["title"]
    assert [title.target[h.start : h.end] for h in title.target_terms] == [
        "Алихан Смаилов",
        "Михаилом Мишустиным",
        "ИННОПРОМ",
    ]


def test_wrong_variant_marked_with_the_official_form(settings: Settings) -> None:
    termbase = read_glossary(settings)
    message = Message(
        msgid="Alikhan Smailov arrived in Yekaterinburg for INNOPROM.",
        msgstr="Алихан Смайлов прибыл в Екатеринбург на «Иннопром».",
        extracted_comments=("p1.s2 (text)",),
    )
    checked = CatalogFile.in_memory("ru/x.po", Catalog(messages=(message,)), "ru")
    report = check_catalogs([checked], termbase)
    (entry,) = review_catalog(checked, report.findings, termbase).entries
    wrong = [(entry.target[h.start : h.end], h.form) for h in entry.target_terms if h.wrong]
    assert wrong == [("Смайлов", "Смайлов"), ("Иннопром", "Иннопром")]
    assert entry.target_terms[0].describe("ru") == (
        "alikhan-smailov: wrong variant 'Смайлов'; official ru: Алихан Смаилов"
    )
    assert {f.check for f in entry.shown_findings} >= {"term-forbidden"}


def test_enforcement_previous_source_and_notes(ru: ReviewCatalog) -> None:
    entry = {e.label: e for e in ru.entries}["p1.s2"]
    assert entry.enforcement == (
        EnforcementRecord("alikhan-smailov", "Смайлов", "Смаилов"),
        EnforcementRecord("innoprom", "Иннопром", "ИННОПРОМ"),
    )
    assert entry.previous_source == "Alikhan Smailov arrived in Ekaterinburg for INNOPROM."
    assert entry.notes == ("Machine translation; the engine wrote Смайлов.",)


@pytest.mark.parametrize(
    ("only", "labels"),
    [
        ((), ["title", "p1.s1", "p1.s2", "p1.s3", "p2.s1", "p3.s1", "p4.s1"]),
        ((Selection.FUZZY,), ["p1.s2", "p1.s3", "p2.s1"]),
        ((Selection.UNTRANSLATED,), ["p4.s1"]),
        ((Selection.FINDINGS,), ["p2.s1", "p3.s1"]),
        ((Selection.FUZZY, Selection.UNTRANSLATED), ["p1.s2", "p1.s3", "p2.s1", "p4.s1"]),
    ],
)
def test_select_entries(ru: ReviewCatalog, only: tuple[Selection, ...], labels: list[str]) -> None:
    assert [e.label for e in select_entries(ru.entries, only)] == labels


def test_folder_and_project_skip_templates(settings: Settings) -> None:
    everything = review_catalogs(settings)
    assert [r.path for r in everything] == [
        "translations/ru/sample.po",
        "translations/kk/sample.po",
    ]
    folder = review_catalogs(settings, [settings.root / "translations"])
    assert sorted(r.path for r in folder) == [
        "translations/kk/sample.po",
        "translations/ru/sample.po",
    ]
    assert [r.path for r in review_catalogs(settings, languages=["kk"])] == [
        "translations/kk/sample.po"
    ]


def test_a_template_is_not_reviewed(settings: Settings) -> None:
    with pytest.raises(CatalogError, match="a template has no translations to review"):
        review_catalogs(settings, [settings.root / "translations/templates/sample.pot"])


# --- records: the JSON shapes of `toolkit review --format json` -----------------------------------


@pytest.mark.parametrize(
    ("hit", "expected"),
    [
        (
            TermHit(0, 15, "alikhan-smailov", "source", "Алихан Смаилов", "Alikhan Smailov"),
            {"start": 0, "end": 15, "concept": "alikhan-smailov", "official": "Алихан Смаилов"},
        ),
        (
            TermHit(3, 10, "almaty", "wrong", "Алматы", "Алма-Ата"),
            {"start": 3, "end": 10, "concept": "almaty", "kind": "wrong", "official": "Алматы"},
        ),
        (
            TermHit(0, 7, "smailov", "surname", "", "Смаилов"),
            {"start": 0, "end": 7, "concept": "smailov", "kind": "surname", "official": ""},
        ),
    ],
)
def test_term_hit_record(hit: TermHit, expected: dict[str, Any]) -> None:
    """A source mention leaves its kind out; a target rendering says how it renders the term."""
    assert hit.record() == expected
    assert list(hit.record()) == list(expected)


FUZZY_ENTRY = ReviewEntry(
    path="translations/ru/a.po",
    line=29,
    message=Message(
        "Smailov arrived.",
        "Смаилов прибыл.",
        flags=("fuzzy",),
        previous_msgid="Smailov came.",
        lineno=29,
    ),
    language="ru",
    form=0,
    state=EntryState.FUZZY,
    segments=("p1.s2",),
    findings=(
        Finding("fuzzy", Severity.INFO, "awaits approval", Location("translations/ru/a.po", 29)),
        Finding("numbers", Severity.ERROR, "19 missing", Location("translations/ru/a.po", 29)),
    ),
    source_terms=(TermHit(0, 7, "smailov", "source", "Смаилов", "Smailov"),),
    target_terms=(TermHit(0, 7, "smailov", "approved", "Смаилов", "Смаилов"),),
    enforcement=(EnforcementRecord("smailov", "Смайлов", "Смаилов"),),
    notes=("checked by the desk",),
)


def test_review_entry_record() -> None:
    record = FUZZY_ENTRY.record()
    assert record == {
        "location": "translations/ru/a.po:29",
        "segments": ["p1.s2"],
        "msgid": "Smailov arrived.",
        "msgstr": "Смаилов прибыл.",
        "state": "fuzzy",
        "findings": [FUZZY_ENTRY.findings[1].record()],  # the state's own finding left out
        "source_terms": [{"start": 0, "end": 7, "concept": "smailov", "official": "Смаилов"}],
        "target_terms": [
            {"start": 0, "end": 7, "concept": "smailov", "kind": "approved", "official": "Смаилов"}
        ],
        "enforced": [{"concept": "smailov", "old": "Смайлов", "new": "Смаилов"}],
        "previous_msgid": "Smailov came.",
        "notes": ["checked by the desk"],
    }
    assert list(record) == [
        "location",
        "segments",
        "msgid",
        "msgstr",
        "state",
        "findings",
        "source_terms",
        "target_terms",
        "enforced",
        "previous_msgid",
        "notes",
    ]


def test_review_catalog_record_with_all_or_the_chosen_entries() -> None:
    plain = ReviewEntry(
        path="translations/ru/a.po",
        line=None,
        message=Message("Hello.", ""),
        language="ru",
        form=0,
        state=EntryState.UNTRANSLATED,
        segments=(),
        findings=(),
        source_terms=(),
        target_terms=(),
        enforcement=(),
        notes=(),
    )
    catalog = ReviewCatalog(
        "translations/ru/a.po", "ru", "en", (FUZZY_ENTRY, plain), Counts(2, 0, 1, 1)
    )
    assert catalog.record() == {
        "path": "translations/ru/a.po",
        "language": "ru",
        "entries": [FUZZY_ENTRY.record(), plain.record()],
    }
    assert catalog.record([plain])["entries"] == [plain.record()]
    assert catalog.record([])["entries"] == []
    assert plain.record()["location"] == "translations/ru/a.po"
    assert plain.record()["previous_msgid"] is None


def test_review_record_of_a_checked_catalog(ru: ReviewCatalog) -> None:
    record = ru.record(select_entries(ru.entries, [Selection.FINDINGS]))
    assert (record["path"], record["language"]) == ("translations/ru/sample.po", "ru")
    assert [e["segments"] for e in record["entries"]] == [["p2.s1"], ["p3.s1"]]
    assert [f["check"] for f in record["entries"][0]["findings"]] == ["numbers"]
