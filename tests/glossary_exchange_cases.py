"""What the glossary exchange tests share: their files, a termbase of edge cases, and reading
exported text back."""

from __future__ import annotations

from pathlib import Path

from toolkit.glossary.exchange import (
    Exchange,
    ExchangeFormat,
    read_csv,
    read_exchange,
    read_tbx,
)
from toolkit.glossary.termbase import (
    Concept,
    ConceptType,
    Gender,
    Morphology,
    TargetTerm,
    Termbase,
)

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "glossary_exchange"
# 16 concepts of the shipped glossary: the tests whose subject it is not use these
SAMPLE = Path(__file__).parent / "data" / "glossary" / "project"
LANGS = ("ru", "kk")


def read(fmt: ExchangeFormat, text: str, languages: tuple[str, ...] = LANGS) -> Exchange:
    data = text.encode("utf-8")
    if fmt is ExchangeFormat.TBX:
        return read_tbx(data, source_language="en", languages=languages)
    return read_csv(data, source_language="en", languages=languages)


def read_file(name: str, target: str | None = None) -> Exchange:
    return read_exchange(DATA / name, source_language="en", languages=LANGS, target=target)


EDGE = Termbase(
    concepts=(
        Concept(
            id="21st-century-forum",  # an XML ID may not start with a digit
            type=ConceptType.EVENT,
            source='Forum "21st Century" & <Partners>',
            variants=("Forum, 21st Century", "FORUM 21", "St\u00a0Petersburg  Forum"),
            note="First line.\nSecond line: morph: not a hint.",
            targets=(
                TargetTerm("ru", "Форум «XXI век»", fuzzy=True, note="pending review"),
                TargetTerm("kk", "", note="only a note"),
            ),
        ),
        Concept(
            id="wrong-only",
            type=ConceptType.PERSON,
            source="Wrong Only",
            targets=(
                TargetTerm("ru", "", wrong=("Ронг", "Ронг Онли")),
                TargetTerm(
                    "kk",
                    "Ронг Онли",
                    morphology=Morphology(Gender.PLURAL, inflect=("Онли",)),
                ),
            ),
        ),
        Concept(
            id="dnt",
            type=ConceptType.ORGANISATION,
            source="example.kz",
            targets=(
                TargetTerm("ru", "example.kz", do_not_translate=True),
                TargetTerm("kk", "", do_not_translate=True, fuzzy=True),
            ),
        ),
        Concept(
            id="almaty",
            type=ConceptType.PLACE,
            source="Almaty",
            targets=(
                TargetTerm(
                    "ru",
                    "Алматы",
                    wrong=("Алма-Ата",),
                    morphology=Morphology(Gender.MASCULINE, indeclinable=True),
                ),
            ),
        ),
        Concept(id="no-targets", type=ConceptType.OTHER, source="Nothing Yet"),
    ),
    languages=LANGS,
)
