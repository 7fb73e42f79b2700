"""CSV (toolkit.glossary.exchange.tabular): one row per source form with the approved forms
(csv), every field (csv-full), and what plain CSV carries back."""

from __future__ import annotations

import csv
import io

import pytest
from glossary_exchange_cases import EDGE, LANGS, SAMPLE, read

from toolkit.config import load_settings
from toolkit.glossary.exchange import (
    ExchangeFormat,
    ImportMode,
    export_termbase,
    plan_import,
)
from toolkit.glossary.storage import read_glossary
from toolkit.glossary.termbase import (
    ConceptType,
    TargetTerm,
    Termbase,
)


@pytest.fixture(scope="module")
def sample() -> Termbase:
    return read_glossary(load_settings(SAMPLE))


# --- CSV ---------------------------------------------------------------------------------------


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_is_one_row_per_source_form(sample: Termbase) -> None:
    rows = _rows(export_termbase(sample, ExchangeFormat.CSV))
    assert rows[0] == ["en", "ru", "kk"]
    assert rows[1:4] == [
        ["Alikhan Smailov", "Алихан Смаилов", "Әлихан Смайылов"],
        ["Alihan Smailov", "Алихан Смаилов", "Әлихан Смайылов"],
        ["Smailov", "Алихан Смаилов", "Әлихан Смайылов"],
    ]
    assert len(rows) == 1 + sum(len(c.source_forms) for c in sample)
    assert ["primeminister.kz", "primeminister.kz", "primeminister.kz"] in rows


def test_csv_leaves_unreviewed_forms_empty() -> None:
    rows = _rows(export_termbase(EDGE, ExchangeFormat.CSV))
    assert rows[1] == ['Forum "21st Century" & <Partners>', "", ""]
    assert ["Almaty", "Алматы", ""] in rows


def test_csv_full_header(sample: Termbase) -> None:
    rows = _rows(export_termbase(sample, ExchangeFormat.CSV_FULL, languages=["kk"]))
    assert rows[0] == [
        "id", "type", "en", "en:variants", "note", "kk", "kk:wrong", "kk:morph", "kk:flags",
        "kk:note",
    ]  # fmt: skip
    assert rows[1][:4] == [
        "alikhan-smailov",
        "person",
        "Alikhan Smailov",
        "Alihan Smailov\nSmailov",
    ]
    assert rows[1][6] == "Алихан Смаилов\nСмаилов"


def test_csv_carries_source_and_approved_forms(sample: Termbase) -> None:
    incoming = read(ExchangeFormat.CSV, export_termbase(sample, ExchangeFormat.CSV))
    assert len(incoming.concepts) == len(sample)
    assert not any(item.id_given or item.type_given for item in incoming.concepts)
    assert plan_import(sample, incoming, ImportMode.MERGE).changes == ()
    after = plan_import(sample, incoming, ImportMode.REPLACE).after
    for old, new in zip(sample, after, strict=True):
        assert (new.id, new.type, new.source, new.variants) == (
            old.id,
            old.type,
            old.source,
            old.variants,
        )
        for code in LANGS:
            old_term, new_term = old.target(code), new.target(code)
            assert (new_term.approved if new_term else "") == (
                old_term.approved if old_term else ""
            )
    # what plain CSV cannot carry is gone after a replace
    smailov = after.get("alikhan-smailov")
    assert (
        smailov is not None
        and smailov.note == ""
        and smailov.target("ru") == TargetTerm("ru", "Алихан Смаилов")
    )


def test_csv_into_an_empty_glossary_makes_ids(sample: Termbase) -> None:
    incoming = read(ExchangeFormat.CSV, export_termbase(sample, ExchangeFormat.CSV))
    plan = plan_import(Termbase(languages=LANGS), incoming, ImportMode.MERGE)
    assert [c.kind for c in plan.changes] == ["added"] * 16
    assert [c.id for c in plan.after][:3] == [
        "alikhan-smailov",
        "mikhail-mishustin",
        "kassym-jomart-tokayev",
    ]
    assert {c.type for c in plan.after} == {ConceptType.OTHER}
