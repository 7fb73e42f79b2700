"""Enforcement on catalog entries and catalogs: records, fuzzy, plural forms, findings."""

from __future__ import annotations

from typing import Any

import pytest
from enforce_data import TERMBASE

from toolkit.enforce import Change, ChangeKind, EnforceSummary, enforce_catalog, enforce_message
from toolkit.enforce.records import EnforcementRecord, enforcement_records
from toolkit.findings import Location
from toolkit.gettext.model import Catalog, Message


def test_enforce_message_records_changes_and_makes_the_entry_fuzzy() -> None:
    message = Message(
        "The talks were held in Nur-Sultan.",
        "Келіссөздер Нур-Султанда өтті.",
        translator_comments=("checked by the desk",),
        lineno=12,
    )
    result = enforce_message(message, TERMBASE, "kk")
    assert result.message.msgstr == "Келіссөздер Нұр-Сұлтанда өтті."
    assert result.message.fuzzy
    assert result.message.translator_comments == (
        "checked by the desk",
        "enforced: nur-sultan: Нур-Султанда -> Нұр-Сұлтанда",
    )
    assert enforcement_records(result.message) == (
        EnforcementRecord("nur-sultan", "Нур-Султанда", "Нұр-Сұлтанда"),
    )


def test_enforce_message_leaves_a_correct_entry_as_it_is() -> None:
    message = Message("The talks were held in Nur-Sultan.", "Келіссөздер Нұр-Сұлтанда өтті.")
    result = enforce_message(message, TERMBASE, "kk")
    assert result.message is message
    assert not result.changed


def test_enforce_message_plural_forms() -> None:
    message = Message(
        "Smailov met {n} governor",
        msgid_plural="Smailov met {n} governors",
        msgstr_plural=(
            "Смайлов встретился с {n} губернатором",
            "Смайлов встретился с {n} губернаторами",
            "Смаилов встретился с {n} губернаторами",
        ),
    )
    result = enforce_message(message, TERMBASE, "ru")
    assert result.message.msgstr_plural == (
        "Смаилов встретился с {n} губернатором",
        "Смаилов встретился с {n} губернаторами",
        "Смаилов встретился с {n} губернаторами",
    )
    assert len(result.changes) == 2


def test_enforce_catalog_keeps_untouched_entries_and_findings_carry_the_entry() -> None:
    messages = (
        Message("", "Language: ru\n"),
        Message("Mishustin thanked Smailov.", "Мишустин поблагодарил Смайлова.", lineno=5),
        Message("Almaty", "", lineno=8),
        Message("The Prime Minister of Kazakhstan arrived.", "Он прибыл.", lineno=11),
    )
    catalog = Catalog(header=(("Language", "ru"),), messages=messages)
    result = enforce_catalog(catalog, TERMBASE, "ru")
    assert result.catalog.messages[1].msgstr == "Мишустин поблагодарил Смаилова."
    assert result.catalog.messages[0] == messages[0]
    assert result.catalog.messages[2] == messages[2]
    assert len(result.changes) == 1 and len(result.changed) == 1
    (finding,) = [f for e in result.entries for f in e.findings]
    assert finding.entry == (None, "The Prime Minister of Kazakhstan arrived.")


# --- records: the JSON shapes of `toolkit enforce --format json` --------------------------------


@pytest.mark.parametrize(
    ("change", "location", "language", "expected"),
    [
        (
            Change(
                "almaty",
                ChangeKind.WRONG_VARIANT,
                "Алма-Ате",
                "Алматы",
                (2, 10),
                (2, 8),
                "locative singular",
            ),
            Location("translations/ru/sample.po", 12),
            "ru",
            {
                "location": "translations/ru/sample.po:12",
                "language": "ru",
                "concept": "almaty",
                "kind": "wrong-variant",
                "old": "Алма-Ате",
                "new": "Алматы",
                "features": "locative singular",
                "span": [2, 10],
                "new_span": [2, 8],
            },
        ),
        (
            Change("innoprom", ChangeKind.RESTORED, "", "ИННОПРОМ", (0, 0), (0, 8)),
            Location("kk.po", 0),
            None,
            {
                "location": "kk.po:0",
                "language": None,
                "concept": "innoprom",
                "kind": "restored",
                "old": "",
                "new": "ИННОПРОМ",
                "features": "",
                "span": [0, 0],
                "new_span": [0, 8],
            },
        ),
    ],
)
def test_change_record(
    change: Change, location: Location, language: str | None, expected: dict[str, Any]
) -> None:
    record = change.record(location, language)
    assert record == expected
    assert list(record) == list(expected)  # the printed order


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        (
            EnforceSummary(catalogs=2, entries_changed=3, changes=4, written=0, dry_run=True),
            {"catalogs": 2, "entries_changed": 3, "changes": 4, "written": 0, "dry_run": True},
        ),
        (
            EnforceSummary(catalogs=1, entries_changed=0, changes=0, written=0, dry_run=False),
            {"catalogs": 1, "entries_changed": 0, "changes": 0, "written": 0, "dry_run": False},
        ),
    ],
)
def test_enforce_summary_record(summary: EnforceSummary, expected: dict[str, Any]) -> None:
    assert summary.record() == expected
    assert list(summary.record()) == list(expected)
