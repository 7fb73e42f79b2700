"""What enforcement reports instead of repairing: terms missing, wrong variants forbidden."""

from __future__ import annotations

import pytest
from enforce_data import TERMBASE

from toolkit.enforce import enforce_segment


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
