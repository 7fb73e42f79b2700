"""Enforcement records: the one line format, written and read back."""

from __future__ import annotations

import pytest

from toolkit.enforce.records import (
    EnforcementRecord,
    enforcement_comment,
    enforcement_records,
    other_comments,
    parse_enforcement,
)
from toolkit.gettext.model import Message


@pytest.mark.parametrize(
    ("line", "record"),
    [
        (
            "enforced: alikhan-smailov: Смайлов -> Смаилов",
            EnforcementRecord("alikhan-smailov", "Смайлов", "Смаилов"),
        ),
        (
            "enforced: yekaterinburg: в Екатеринбург -> в Екатеринбурге",
            EnforcementRecord("yekaterinburg", "в Екатеринбург", "в Екатеринбурге"),
        ),
        ("enforced: innoprom:  -> ИННОПРОМ", EnforcementRecord("innoprom", "", "ИННОПРОМ")),
        ("enforced: innoprom: Иннопром ->", EnforcementRecord("innoprom", "Иннопром", "")),
        (
            "x-enforced: kazakhstan: Казахстане -> Республике Казахстан",
            EnforcementRecord("kazakhstan", "Казахстане", "Республике Казахстан"),
        ),
        ("  enforced: a1: x -> y  ", EnforcementRecord("a1", "x", "y")),
        # Not records: other notes, a bad concept id, no arrow, two arrows.
        ("Machine translation; the engine wrote Смайлов.", None),
        ("enforced: Alikhan Smailov: a -> b", None),
        ("enforced: alikhan-smailov: Смайлов", None),
        ("enforced: alikhan-smailov: a -> b -> c", None),
        ("enforcedx: alikhan-smailov: a -> b", None),
    ],
)
def test_parse(line: str, record: EnforcementRecord | None) -> None:
    assert parse_enforcement(line) == record


@pytest.mark.parametrize(
    ("concept", "old", "new"),
    [
        ("alikhan-smailov", "Смайлов", "Смаилов"),
        ("innoprom", "", "ИННОПРОМ"),
        ("innoprom", "Иннопром", ""),
        (
            "prime-minister-of-kazakhstan",
            "премьер-министр РК",
            "Премьер-Министр Республики Казахстан",
        ),
    ],
)
def test_comment_round_trip(concept: str, old: str, new: str) -> None:
    line = enforcement_comment(concept, old, new)
    assert line.startswith(f"enforced: {concept}: ")
    assert parse_enforcement(line) == EnforcementRecord(concept, old, new)


@pytest.mark.parametrize(
    ("concept", "old", "new"),
    [("Not An Id", "a", "b"), ("c", "a -> b", "c"), ("c", "a", "two\nlines"), ("c", "a->", "b")],
)
def test_comment_refuses_what_cannot_be_read_back(concept: str, old: str, new: str) -> None:
    with pytest.raises(ValueError):
        enforcement_comment(concept, old, new)


def test_records_of_a_message_in_order_and_other_notes() -> None:
    message = Message(
        msgid="Alikhan Smailov arrived in Yekaterinburg.",
        msgstr="Алихан Смаилов прибыл в Екатеринбург.",
        translator_comments=(
            "enforced: alikhan-smailov: Смайлов -> Смаилов",
            "Checked against the press release.",
        ),
        extracted_comments=(
            "p1.s2 (text)",
            "x-enforced: yekaterinburg: Екатеринбурге -> Екатеринбург",
        ),
    )
    assert enforcement_records(message) == (
        EnforcementRecord("alikhan-smailov", "Смайлов", "Смаилов"),
        EnforcementRecord("yekaterinburg", "Екатеринбурге", "Екатеринбург"),
    )
    assert other_comments(message) == ("Checked against the press release.",)
    assert EnforcementRecord("innoprom", "", "ИННОПРОМ").format() == "innoprom: ∅ -> ИННОПРОМ"


# --- records: the JSON shape of an enforcement record in `toolkit review --format json` ----------


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            EnforcementRecord("alikhan-smailov", "Смайлов", "Смаилов"),
            {"concept": "alikhan-smailov", "old": "Смайлов", "new": "Смаилов"},
        ),
        (
            EnforcementRecord("innoprom", "", "ИННОПРОМ"),
            {"concept": "innoprom", "old": "", "new": "ИННОПРОМ"},
        ),
    ],
)
def test_enforcement_record_record(record: EnforcementRecord, expected: dict[str, str]) -> None:
    assert record.record() == expected
    assert list(record.record()) == ["concept", "old", "new"]
