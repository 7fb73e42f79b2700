"""Glossary enforcement on real sentences of this corpus, per language, in every case.

The tables (tests/data/enforce/<lang>.tsv) hold, for each kind of error a machine makes with the
glossary's terms, a source sentence, an output with the error in one grammatical case, and the
sentence as enforcement must repair it; ``correct`` rows must come back unchanged. Every entry of
the shipped reference translations must come back byte-identical too (no false repairs).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from toolkit.enforce import (
    ChangeKind,
    enforce_catalog,
    enforce_message,
    enforce_segment,
)
from toolkit.enforce.records import EnforcementRecord, enforcement_records
from toolkit.gettext import pofile
from toolkit.gettext.model import Catalog, Message
from toolkit.glossary.storage import read_termbase

ROOT = Path(__file__).resolve().parent.parent
TABLES = Path(__file__).parent / "data" / "enforce"
TERMBASE = read_termbase(ROOT / "glossary", ["ru", "kk"])
RU_CASES = {"nominative", "genitive", "dative", "accusative", "instrumental", "prepositional"}
KK_CASES = {
    "nominative",
    "genitive",
    "dative",
    "accusative",
    "instrumental",
    "locative",
    "ablative",
}


def table(language: str) -> list[dict[str, str]]:
    with (TABLES / f"{language}.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def cases(language: str) -> list[pytest.param]:  # type: ignore[valid-type]
    return [
        pytest.param(row, id=f"{language}-{i}-{row['kind']}-{row['case']}")
        for i, row in enumerate(table(language), start=2)
    ]


@pytest.mark.parametrize("row", cases("ru"))
def test_russian(row: dict[str, str]) -> None:
    result = enforce_segment(row["source"], row["mt"], TERMBASE, "ru")
    assert result.text == row["expected"]
    assert result.changed is (row["mt"] != row["expected"])


@pytest.mark.parametrize("row", cases("kk"))
def test_kazakh(row: dict[str, str]) -> None:
    result = enforce_segment(row["source"], row["mt"], TERMBASE, "kk")
    assert result.text == row["expected"]
    assert result.changed is (row["mt"] != row["expected"])


@pytest.mark.parametrize(
    ("language", "wanted"),
    [("ru", RU_CASES), ("kk", KK_CASES)],
)
def test_tables_cover_every_case_of_the_main_kinds(language: str, wanted: set[str]) -> None:
    rows = table(language)
    for kind in ("wrong-variant", "title", "near-miss"):
        assert {r["case"] for r in rows if r["kind"] == kind} == wanted, kind
    assert any(r["kind"] == "correct" for r in rows)


def reference_entries() -> list[pytest.param]:  # type: ignore[valid-type]
    params = []
    for language in ("ru", "kk"):
        for path in sorted((ROOT / "translations" / language).glob("*.po")):
            for message in pofile.read_catalog(path).active:
                if message.msgstr:
                    params.append(
                        pytest.param(
                            language,
                            message.msgid,
                            message.msgstr,
                            id=f"{language}-{path.stem[:18]}-{message.lineno}",
                        )
                    )
    return params


@pytest.mark.parametrize(("language", "source", "target"), reference_entries())
def test_reference_translations_come_back_unchanged(
    language: str, source: str, target: str
) -> None:
    result = enforce_segment(source, target, TERMBASE, language)
    assert result.text == target
    assert result.changes == ()
    assert all(f.check == "term-missing" for f in result.findings)


def test_reference_findings_are_only_the_coordinated_lists() -> None:
    """What the reference renders other than by the approved form: the names that a
    coordinated list turns into adjectives, reported as warnings."""
    found = []
    for language in ("ru", "kk"):
        for path in sorted((ROOT / "translations" / language).glob("*.po")):
            for message in pofile.read_catalog(path).active:
                result = enforce_segment(message.msgid, message.msgstr, TERMBASE, language)
                found += [(f.check, f.severity.label) for f in result.findings]
    assert found and set(found) == {("term-missing", "warning")}


def parallel_rows() -> list[pytest.param]:  # type: ignore[valid-type]
    """The outputs the tiny test models memorise (tests/models/parallel), where present."""
    params = []
    for language in ("ru", "kk"):
        path = ROOT / "tests" / "models" / "parallel" / f"en-{language}.tsv"
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for i, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
                params.append(pytest.param(language, row, id=f"{language}-{i}"))
    return params or [pytest.param("", {}, marks=pytest.mark.skip("no parallel sets"))]


@pytest.mark.parametrize(("language", "row"), parallel_rows())
def test_outputs_of_the_tiny_test_models(language: str, row: dict[str, str]) -> None:
    result = enforce_segment(row["source"], row["target"], TERMBASE, language)
    assert result.text == (row.get("reference") or row["target"])


# --- findings ------------------------------------------------------------------------------


def test_missing_term_is_a_finding_not_a_guess() -> None:
    source = "President of Kazakhstan Kassym-Jomart Tokayev pays special attention to cooperation."
    target = "Қазақстан Президенті Қасым-Жомарт Тоқаев ынтымақтастыққа ерекше назар аударады."
    result = enforce_segment(source, target, TERMBASE, "kk")
    assert result.text == target
    (finding,) = result.findings
    assert finding.check == "term-missing"
    assert finding.severity.label == "error"
    assert "president-of-kazakhstan" in finding.message
    assert finding.source_span is not None
    assert source[slice(*finding.source_span)] == "President of Kazakhstan"


def test_wrong_variant_without_its_concept_in_the_source_is_forbidden_not_changed() -> None:
    source = "The delegation returned home."
    target = "Делегация вернулась в Алма-Ату."
    result = enforce_segment(source, target, TERMBASE, "ru")
    assert result.text == target
    (finding,) = result.findings
    assert finding.check == "term-forbidden"
    assert finding.span is not None and target[slice(*finding.span)] == "Алма-Ату"


@pytest.mark.parametrize(
    ("target", "wrong"),
    [
        # beside approved forms of other concepts (the check looks inside each of them)
        ("Мишустин вернулся в Алма-Ату.", "Алма-Ату"),
        ("Смаилов открыл Иннопром в Екатеринбурге.", "Иннопром"),
        # a variant that differs from the approved form only in case, on its own
        ("Открылась выставка Иннопром.", "Иннопром"),
        # the approved form itself is not forbidden
        ("Открылась выставка ИННОПРОМ.", None),
    ],
)
def test_wrong_variants_of_concepts_the_source_does_not_name(
    target: str, wrong: str | None
) -> None:
    result = enforce_segment("The delegation returned home.", target, TERMBASE, "ru")
    assert result.text == target and not result.changes
    spans = [target[slice(*f.span)] for f in result.findings if f.span is not None]
    assert [f.check for f in result.findings] == (["term-forbidden"] if wrong else [])
    assert spans == ([wrong] if wrong else [])


def test_a_wrong_variant_is_repaired_everywhere_it_occurs() -> None:
    source = "Smailov met Mishustin. According to Smailov, the talks went well."
    target = "Смайлов встретился с Мишустиным. По словам Смайлова, переговоры прошли хорошо."
    result = enforce_segment(source, target, TERMBASE, "ru")
    assert result.text == (
        "Смаилов встретился с Мишустиным. По словам Смаилова, переговоры прошли хорошо."
    )
    assert [(c.old, c.new, c.kind) for c in result.changes] == [
        ("Смайлов", "Смаилов", ChangeKind.WRONG_VARIANT),
        ("Смайлова", "Смаилова", ChangeKind.WRONG_VARIANT),
    ]


def test_change_spans_point_into_both_texts() -> None:
    source = "Mikhail Mishustin met with Alikhan Smailov in Almaty."
    target = "Михаил Мишустин встретился с Алиханом Смайловым в Алма-Ате."
    result = enforce_segment(source, target, TERMBASE, "ru")
    for change in result.changes:
        assert target[slice(*change.span)] == change.old
        assert result.text[slice(*change.new_span)] == change.new
    assert [c.features for c in result.changes] == [
        "instrumental singular",
        "locative singular",
    ]


def test_unknown_language_and_empty_target_change_nothing() -> None:
    assert enforce_segment("Almaty", "", TERMBASE, "ru").text == ""
    result = enforce_segment("Almaty", "Alma-Ata", TERMBASE, "de")
    assert result.text == "Alma-Ata" and not result.changes


# --- catalog entries ----------------------------------------------------------------------


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


def test_enforcing_twice_changes_nothing_more() -> None:
    for language in ("ru", "kk"):
        for row in table(language):
            once = enforce_segment(row["source"], row["mt"], TERMBASE, language)
            twice = enforce_segment(row["source"], once.text, TERMBASE, language)
            assert twice.text == once.text, row["mt"]
            assert not twice.changes
