"""Glossary lint: every rule with a glossary that breaks it and one that does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.config import load_settings
from toolkit.errors import GlossaryError
from toolkit.findings import Location, Severity
from toolkit.glossary.lint import RULES, lint, lint_record, new_errors, require_no_new_errors
from toolkit.glossary.storage import read_glossary
from toolkit.glossary.termbase import Concept, ConceptType, Morphology, TargetTerm, Termbase

REPO = Path(__file__).resolve().parent.parent
P, T, E = ConceptType.PLACE, ConceptType.TITLE, ConceptType.EVENT


def ru(approved: str, *wrong: str, **extra: object) -> TargetTerm:
    return TargetTerm("ru", approved, tuple(wrong), **extra)  # type: ignore[arg-type]


def kk(approved: str, *wrong: str, **extra: object) -> TargetTerm:
    return TargetTerm("kk", approved, tuple(wrong), **extra)  # type: ignore[arg-type]


def concept(
    concept_id: str,
    source: str,
    *targets: TargetTerm,
    variants: tuple[str, ...] = (),
    kind: ConceptType = P,
    line: int | None = None,
) -> Concept:
    return Concept(concept_id, kind, source, variants, targets=targets, line=line)


def glossary(*concepts: Concept, languages: tuple[str, ...] = ("ru",)) -> Termbase:
    return Termbase(concepts=concepts, languages=languages)


KAZAKHSTAN = concept("kazakhstan", "Kazakhstan", ru("Казахстан"))
UFA = concept("ufa", "Ufa", ru("Уфа"))

# rule, a glossary that breaks it, words of the message, a glossary that keeps it
CASES = [
    (
        "duplicate-id",
        glossary(UFA, concept("ufa", "Ufa City", ru("город Уфа"), line=9)),
        "concept id 'ufa' is used twice: 'Ufa' and 'Ufa City'",
        glossary(UFA, concept("kazan", "Kazan", ru("Казань"))),
    ),
    (
        "variant-conflict",
        glossary(
            concept(
                "alikhan-smailov", "Alikhan Smailov", ru("Алихан Смаилов"), variants=("Smailov",)
            ),
            concept("smailova", "SMAILOV’S", ru("Смаилова"), line=9),
        ),
        "source form 'SMAILOV’S' of smailova is also 'Smailov' of alikhan-smailov",
        glossary(
            concept(
                "alikhan-smailov", "Alikhan Smailov", ru("Алихан Смаилов"), variants=("Smailov",)
            ),
            concept("smailova", "Smailova", ru("Смаилова")),
        ),
    ),
    (
        "shadowed-variant",
        glossary(
            KAZAKHSTAN,
            concept(
                "president-of-kazakhstan",
                "President of Kazakhstan",
                ru("Президент Республики Казахстан"),
                kind=T,
                line=9,
            ),
        ),
        "'Kazakhstan' (kazakhstan) is inside 'President of Kazakhstan' "
        "(president-of-kazakhstan): where the longer form occurs, only president-of-kazakhstan "
        "is found",
        # not at word boundaries, so the matcher finds them apart anyway
        glossary(
            UFA,
            concept("ufaina", "Ufaina Forum", ru("форум Уфаина")),
            concept("russia", "Russia", ru("Россия")),
            concept("russian-federation", "Russian Federation", ru("Российская Федерация")),
        ),
    ),
    (
        "missing-target",
        glossary(concept("ufa", "Ufa", ru("Уфа"), line=9), languages=("ru", "kk")),
        "ufa: kk: no approved form",
        glossary(concept("ufa", "Ufa", ru("Уфа"), kk("Уфа")), languages=("ru", "kk")),
    ),
    (
        "missing-target",
        glossary(concept("ufa", "Ufa", ru("Уфе", fuzzy=True, line=9))),
        "ufa: ru: its approved form 'Уфе' is fuzzy (not reviewed)",
        glossary(concept("ufa", "Ufa", ru("Уфа", fuzzy=False))),
    ),
    (
        "missing-target",
        glossary(concept("site", "primeminister.kz", ru("", do_not_translate=True, line=9))),
        "site: ru: it is do-not-translate but msgstr is empty (write 'primeminister.kz')",
        glossary(
            concept("site", "primeminister.kz", ru("primeminister.kz", do_not_translate=True))
        ),
    ),
    (
        "approved-is-wrong",
        glossary(concept("almaty", "Almaty", ru("Алматы", "Алма-Ата", "Алматы", line=9))),
        "almaty: ru: approved form 'Алматы' is also listed as wrong",
        # a wrong variant that differs in case only is a real one: Иннопром for ИННОПРОМ
        glossary(concept("innoprom", "INNOPROM", ru("ИННОПРОМ", "Иннопром"), kind=E)),
    ),
    (
        "wrong-collides",
        glossary(
            KAZAKHSTAN,
            concept(
                "republic-of-kazakhstan",
                "Republic of Kazakhstan",
                ru("Республика Казахстан", "казахстан", line=9),
            ),
        ),
        "republic-of-kazakhstan: ru: wrong variant 'казахстан' is the approved form of kazakhstan",
        # the same form in another language is no collision
        glossary(
            concept(
                "smailov",
                "Alikhan Smailov",
                ru("Алихан Смаилов"),
                kk("Әлихан Смайылов", "Алихан Смаилов"),
            ),
            languages=("ru", "kk"),
        ),
    ),
    (
        "dnt-differs",
        glossary(
            concept(
                "digital-almaty",
                "Digital Almaty",
                ru("Диджитал Алматы", do_not_translate=True, line=9),
                kind=E,
            )
        ),
        "digital-almaty: ru: do-not-translate, but the target 'Диджитал Алматы' differs from "
        "the source 'Digital Almaty'",
        glossary(
            concept(
                "digital-almaty",
                "Digital Almaty",
                ru("Digital Almaty", do_not_translate=True),
                kind=E,
            )
        ),
    ),
    (
        "redundant-variant",
        glossary(concept("ufa", "Ufa", ru("Уфа"), variants=("Ufa",), line=9)),
        "ufa: 'Ufa' is listed twice",
        glossary(concept("innoprom", "INNOPROM", ru("ИННОПРОМ"), variants=("Innoprom",), kind=E)),
    ),
    (
        "redundant-variant",
        glossary(concept("almaty", "Almaty", ru("Алматы", "Алма-Ата", "Алма-Ата", line=9))),
        "almaty: ru: wrong variant 'Алма-Ата' is listed twice",
        glossary(concept("almaty", "Almaty", ru("Алматы", "Алма-Ата", "Алма-ата"))),
    ),
    (
        "morph-word",
        glossary(
            concept(
                "pm",
                "Prime Minister of Kazakhstan",
                ru(
                    "Премьер-Министр Республики Казахстан",
                    morphology=Morphology(inflect=("Премьер",)),
                    line=9,
                ),
                kind=T,
            )
        ),
        "pm: ru: inflect=Премьер is not a word of 'Премьер-Министр Республики Казахстан'",
        glossary(
            concept(
                "pm",
                "Prime Minister of Kazakhstan",
                ru(
                    "Премьер-Министр Республики Казахстан",
                    morphology=Morphology(inflect=("Премьер-Министр",)),
                ),
                kind=T,
            )
        ),
    ),
]


@pytest.mark.parametrize(
    ("rule", "broken", "message", "kept"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_rule_fails_and_passes(rule: str, broken: Termbase, message: str, kept: Termbase) -> None:
    severity = next(r.severity for r in RULES if r.name == rule)
    findings = lint(broken, rules=[rule])
    assert [(f.check, f.severity, f.message) for f in findings] == [(rule, severity, message)]
    source_side = rule in {"duplicate-id", "variant-conflict", "shadowed-variant"} or (
        rule == "redundant-variant" and "wrong" not in message
    )
    if source_side:
        assert str(findings[0].location) == "glossary/glossary.pot:9"
    elif rule == "missing-target" and " kk: " in message:
        assert str(findings[0].location) == "glossary/kk.po"  # no entry, so no line to point at
    else:
        assert str(findings[0].location) == "glossary/ru.po:9"
    assert lint(kept, rules=[rule]) == []
    assert lint(kept) == []  # the passing glossaries are clean under every rule


def test_every_rule_has_a_case() -> None:
    assert {rule.name for rule in RULES} == {case[0] for case in CASES}
    assert len({rule.name for rule in RULES}) == len(RULES)


def test_severities() -> None:
    assert {r.name: r.severity for r in RULES} == {
        "duplicate-id": Severity.ERROR,
        "variant-conflict": Severity.ERROR,
        "shadowed-variant": Severity.INFO,
        "missing-target": Severity.WARNING,
        "approved-is-wrong": Severity.ERROR,
        "wrong-collides": Severity.ERROR,
        "dnt-differs": Severity.ERROR,
        "redundant-variant": Severity.WARNING,
        "morph-word": Severity.ERROR,
    }


def test_location_without_a_line_and_folder() -> None:
    findings = lint(glossary(concept("ufa", "Ufa"), languages=("kk",)), folder="terms")
    assert [f.location for f in findings] == [Location("terms/kk.po")]


def test_unknown_rule_is_an_error() -> None:
    with pytest.raises(GlossaryError, match="unknown lint rule"):
        lint(glossary(), rules=["spelling"])


def test_new_errors_ignore_old_ones_and_line_numbers() -> None:
    before = glossary(UFA, concept("ufa", "Ufa City", ru("город Уфа"), line=9))
    moved = glossary(
        concept("other", "Other", ru("Другое")),
        UFA,
        concept("ufa", "Ufa City", ru("город Уфа"), line=12),
    )
    assert new_errors(before, moved) == []
    require_no_new_errors(before, moved)
    clash = moved.with_concept(concept("other", "Other", ru("Другое"), variants=("Ufa",)))
    assert [f.check for f in new_errors(before, clash)] == ["variant-conflict"]
    with pytest.raises(GlossaryError, match=r"\[variant-conflict\] source form 'Ufa'"):
        require_no_new_errors(before, clash)


def test_shipped_glossary_is_clean() -> None:
    termbase = read_glossary(load_settings(REPO))
    findings = lint(termbase)
    assert [f.format() for f in findings if f.severity >= Severity.WARNING] == []
    # nesting is expected in a glossary of titles; it is reported as information only
    shadowed = {f.subject for f in findings if f.check == "shadowed-variant"}
    assert {"Kazakhstan", "Republic of Kazakhstan", "Russian Federation"} <= shadowed


@pytest.mark.parametrize(
    ("termbase", "expected"),
    [
        (
            glossary(concept("ufa", "Ufa", line=7), languages=("ru",)),
            {
                "check": "missing-target",
                "severity": "warning",
                "location": "glossary/ru.po",
                "message": "ufa: ru: no approved form",
                "subject": "ufa",
            },
        ),
        (
            glossary(
                concept("a", "Ufa", ru("Уфа"), line=3),
                concept("b", "Oufa", ru("Уфа"), variants=("Ufa",), line=9),
            ),
            {
                "check": "variant-conflict",
                "severity": "error",
                "location": "glossary/glossary.pot:9",
                "message": "source form 'Ufa' of b is also 'Ufa' of a",
                "subject": "Ufa",
            },
        ),
    ],
    ids=["warning", "error"],
)
def test_lint_record(termbase: Termbase, expected: dict[str, object]) -> None:
    assert lint_record(lint(termbase)[0]) == expected
