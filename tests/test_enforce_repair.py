"""Glossary enforcement on real sentences of this corpus, per language, in every case.

The tables (tests/data/enforce/<lang>.tsv) hold, for each kind of error a machine makes with the
glossary's terms, a source sentence, an output with the error in one grammatical case, and the
sentence as enforcement must repair it; ``correct`` rows must come back unchanged. The shipped
reference translations must come back byte-identical too: tests/test_enforce_shipped.py.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from enforce_data import TERMBASE, table

from toolkit.enforce import ChangeKind, enforce_segment

ROOT = Path(__file__).resolve().parent.parent
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


def test_enforcing_twice_changes_nothing_more() -> None:
    for language in ("ru", "kk"):
        for row in table(language):
            once = enforce_segment(row["source"], row["mt"], TERMBASE, language)
            twice = enforce_segment(row["source"], once.text, TERMBASE, language)
            assert twice.text == once.text, row["mt"]
            assert not twice.changes
