"""Glossary exchange: TBX and CSV written and read back losslessly (TBX, csv-full) or as far as
the format carries (csv), TBX-Basic structure, files from other tools, merge and replace, and
errors that name file and line."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from toolkit.config import load_settings
from toolkit.errors import GlossaryError, LanguageError, ToolkitError
from toolkit.glossary.exchange import (
    ADMITTED,
    DEPRECATED,
    PREFERRED,
    SUPERSEDED,
    TBX_NAMESPACE,
    ConceptDiff,
    Exchange,
    ExchangeFormat,
    ImportedConcept,
    ImportMode,
    diff_termbases,
    export_termbase,
    plan_import,
    read_csv,
    read_exchange,
    read_tbx,
    write_tbx,
)
from toolkit.glossary.storage import read_glossary
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


@pytest.fixture(scope="module")
def shipped() -> Termbase:
    return read_glossary(load_settings(REPO))


@pytest.fixture(scope="module")
def sample() -> Termbase:
    return read_glossary(load_settings(SAMPLE))


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


# --- lossless round trips ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [ExchangeFormat.TBX, ExchangeFormat.CSV_FULL])
def test_shipped_glossary_round_trips_exactly(shipped: Termbase, fmt: ExchangeFormat) -> None:
    result = read(fmt, export_termbase(shipped, fmt))
    assert result.termbase == shipped
    assert all(item.id_given and item.type_given for item in result.concepts)
    assert result.warnings == ()


@pytest.mark.parametrize("fmt", [ExchangeFormat.TBX, ExchangeFormat.CSV_FULL])
def test_edge_cases_round_trip_exactly(fmt: ExchangeFormat) -> None:
    text = export_termbase(EDGE, fmt)
    result = read(fmt, text)
    assert result.termbase == EDGE
    assert export_termbase(result.termbase, fmt) == text


@pytest.mark.parametrize("fmt", list(ExchangeFormat))
def test_export_is_deterministic(shipped: Termbase, fmt: ExchangeFormat) -> None:
    assert export_termbase(shipped, fmt) == export_termbase(shipped, fmt)


_FORM = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Zl", "Zp", "Co")),
    min_size=1,
    max_size=12,
).filter(lambda s: s == s.strip() and any(ch.isalnum() for ch in s))
_ID = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
_NOTE = st.lists(_FORM, max_size=3).map("\n".join)


@st.composite
def _termbases(draw: st.DrawFn) -> Termbase:
    concepts = []
    for concept_id in draw(st.lists(_ID, min_size=1, max_size=4, unique=True)):
        targets = []
        for code in LANGS:
            term = TargetTerm(
                code,
                draw(st.one_of(st.just(""), _FORM)),
                wrong=tuple(draw(st.lists(_FORM, max_size=2, unique=True))),
                do_not_translate=draw(st.booleans()),
                fuzzy=draw(st.booleans()),
                morphology=Morphology(draw(st.one_of(st.none(), st.sampled_from(Gender)))),
                note=draw(_NOTE),
            )
            if not term.empty:
                targets.append(term)
        concepts.append(
            Concept(
                id=concept_id,
                type=draw(st.sampled_from(ConceptType)),
                source=draw(_FORM),
                variants=tuple(draw(st.lists(_FORM, max_size=3, unique=True))),
                note=draw(_NOTE),
                targets=tuple(targets),
            )
        )
    return Termbase(tuple(concepts), LANGS)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(termbase=_termbases(), fmt=st.sampled_from([ExchangeFormat.TBX, ExchangeFormat.CSV_FULL]))
def test_any_termbase_round_trips(termbase: Termbase, fmt: ExchangeFormat) -> None:
    # a variant equal to its own canonical form is not a term of its own in either format
    assume(all(c.source not in c.variants for c in termbase.concepts))
    assert read(fmt, export_termbase(termbase, fmt)).termbase == termbase


# --- TBX structure -----------------------------------------------------------------------------

NS = f"{{{TBX_NAMESPACE}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# TBX-Basic (DCA): the data categories and values its RNG and Schematron allow.
TYPES = {
    "descrip": {"context", "definition", "subjectField"},
    "termNote": {
        "administrativeStatus",
        "grammaticalGender",
        "geographicalUsage",
        "partOfSpeech",
        "termLocation",
        "termType",
    },
    "admin": {"customerSubset", "projectSubset", "source"},
}
VALUES = {
    "administrativeStatus": {PREFERRED, ADMITTED, DEPRECATED, SUPERSEDED},
    "partOfSpeech": {"noun", "verb", "adjective", "adverb", "other"},
    "grammaticalGender": {"masculine", "feminine", "neuter", "other"},
}
AUX = {"descrip", "descripGrp", "admin", "adminGrp", "transacGrp", "note", "ref", "xref"}
NCNAME = re.compile(r"[A-Za-z_][\w.\-]*")


def tbx_basic_problems(root: ET.Element) -> list[str]:
    """What keeps a document from the TBX-Basic core structure (hand-written checks)."""
    problems: list[str] = []

    def name(element: ET.Element) -> str:
        if not element.tag.startswith(NS):
            problems.append(f"{element.tag} is not in the TBX namespace")
        return element.tag.removeprefix(NS)

    def names(element: ET.Element) -> list[str]:
        return [name(child) for child in element]

    if name(root) != "tbx":
        problems.append("root is not <tbx>")
    if (root.get("type"), root.get("style")) != ("TBX-Basic", "dca") or not root.get(XML_LANG):
        problems.append(f"root attributes {root.attrib}")
    if names(root) != ["tbxHeader", "text"]:
        problems.append(f"tbx holds {names(root)}")
    file_desc = root.find(f"{NS}tbxHeader/{NS}fileDesc")
    sources = root.findall(f"{NS}tbxHeader/{NS}fileDesc/{NS}sourceDesc")
    if (
        file_desc is None
        or not sources
        or any(names(s) != ["p"] * len(s) or not len(s) for s in sources)
    ):
        problems.append("tbxHeader needs fileDesc/sourceDesc/p")
    body = root.find(f"{NS}text/{NS}body")
    if body is None or not len(body) or set(names(body)) != {"conceptEntry"}:
        problems.append("text/body needs conceptEntry elements")
        return problems
    ids: set[str] = set()
    for entry in body:
        entry_id = entry.get("id", "")
        if not NCNAME.fullmatch(entry_id) or entry_id in ids:
            problems.append(f"conceptEntry id {entry_id!r} is not a unique XML ID")
        ids.add(entry_id)
        sections = [("langSec", s) for s in entry if s.tag == f"{NS}langSec"]
        for level, element in [("conceptEntry", entry), *sections]:
            children = names(element)
            inner = "langSec" if level == "conceptEntry" else "termSec"
            first = children.index(inner) if inner in children else len(children)
            if first == len(children) or set(children[first:]) != {inner}:
                problems.append(f"{level} {entry_id}: needs {inner}+ after its notes: {children}")
            if not set(children[:first]) <= AUX:
                problems.append(f"{level} {entry_id}: {children[:first]} not allowed")
            if level == "langSec" and not element.get(XML_LANG):
                problems.append(f"langSec in {entry_id} without xml:lang")
        for section in entry.iter(f"{NS}termSec"):
            children = names(section)
            rest = children[1:]
            aux = next((i for i, c in enumerate(rest) if c != "termNote"), len(rest))
            if children[:1] != ["term"] or not set(rest[aux:]) <= AUX:
                problems.append(f"termSec in {entry_id}: term, termNote*, then notes: {children}")
        for element in entry.iter():
            kind = name(element)
            if kind in TYPES:
                category = element.get("type", "")
                if category not in TYPES[kind]:
                    problems.append(f"<{kind} type={category!r}> is not TBX-Basic")
                if category in VALUES and element.text not in VALUES[category]:
                    problems.append(f"{category} {element.text!r} is not a TBX-Basic value")
        for descrip in entry.iter(f"{NS}descrip"):
            if descrip.get("type") == "subjectField" and descrip not in list(entry):
                problems.append(f"subjectField below conceptEntry level in {entry_id}")
    return problems


def test_tbx_export_is_tbx_basic(sample: Termbase) -> None:
    text = write_tbx(sample, title="Glossary of kzru-toolkit")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tbx ')
    assert text.endswith("</tbx>\n")
    root = ET.fromstring(text.encode("utf-8"))
    assert tbx_basic_problems(root) == []
    assert len(root.findall(f"{NS}text/{NS}body/{NS}conceptEntry")) == len(sample) == 16
    assert root.findtext(f"{NS}tbxHeader/{NS}fileDesc/{NS}titleStmt/{NS}title") == (
        "Glossary of kzru-toolkit"
    )


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (">noun<", ">properNoun<", "'properNoun' is not a TBX-Basic value"),
        ('type="subjectField"', 'type="domain"', "<descrip type='domain'> is not TBX-Basic"),
        ('id="alikhan-smailov"', 'id="1-alikhan"', "is not a unique XML ID"),
        ('style="dca"', 'style="dct"', "root attributes"),
        ("<term>Smailov</term>", "<note>x</note><term>Smailov</term>", "termSec in alikhan"),
        (
            "<note>do-not-translate</note>",
            '<note>x</note><termNote type="termType">variant</termNote>',
            "termSec in primeminister-kz",
        ),
    ],
)
def test_structure_check_catches_violations(
    sample: Termbase, old: str, new: str, problem: str
) -> None:
    text = write_tbx(sample).replace(old, new, 1)
    problems = tbx_basic_problems(ET.fromstring(text.encode("utf-8")))
    assert any(problem in p for p in problems), problems


def _entry(text: str, concept_id: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    found = root.find(f".//{NS}conceptEntry[@id='{concept_id}']")
    assert found is not None
    return found


def _terms(entry: ET.Element, language: str) -> list[tuple[str, str | None, str | None]]:
    section = next(s for s in entry.findall(f"{NS}langSec") if s.get(XML_LANG) == language)
    return [
        (
            term.findtext(f"{NS}term") or "",
            term.findtext(f"{NS}termNote[@type='administrativeStatus']"),
            term.findtext(f"{NS}termNote[@type='grammaticalGender']"),
        )
        for term in section.findall(f"{NS}termSec")
    ]


def test_tbx_maps_every_field(sample: Termbase) -> None:
    text = write_tbx(sample)
    smailov = _entry(text, "alikhan-smailov")
    assert smailov.findtext(f"{NS}descrip[@type='subjectField']") == "person"
    assert smailov.findtext(f"{NS}note") == (
        "Prime Minister of the Republic of Kazakhstan (2022-2024)."
    )
    assert _terms(smailov, "en") == [
        ("Alikhan Smailov", PREFERRED, None),
        ("Alihan Smailov", ADMITTED, None),
        ("Smailov", ADMITTED, None),
    ]
    assert _terms(smailov, "ru") == [
        ("Алихан Смаилов", PREFERRED, "masculine"),
        ("Смайлов", DEPRECATED, None),
    ]
    site = _entry(text, "primeminister-kz")
    ru_site = next(s for s in site.findall(f"{NS}langSec") if s.get(XML_LANG) == "ru")
    assert ru_site.findtext(f"{NS}termSec/{NS}note") == "do-not-translate"
    title = _entry(text, "prime-minister-of-kazakhstan")
    kk_title = next(s for s in title.findall(f"{NS}langSec") if s.get(XML_LANG) == "kk")
    assert kk_title.findtext(f"{NS}termSec/{NS}note") == "morph: inflect=Премьер-Министрі"
    agency = _entry(text, "kazinform")
    ru_agency = next(s for s in agency.findall(f"{NS}langSec") if s.get(XML_LANG) == "ru")
    assert ru_agency.findtext(f"{NS}note") == "In full: МИА «Казинформ»."


def test_tbx_edge_encoding() -> None:
    text = write_tbx(EDGE)
    assert '<conceptEntry id="_21st-century-forum">' in text
    assert "Forum &quot;21st Century&quot; &amp; &lt;Partners&gt;" not in text  # text, not attr
    assert 'Forum "21st Century" &amp; &lt;Partners&gt;' in text
    forum = _entry(text, "_21st-century-forum")
    assert _terms(forum, "ru") == [("Форум «XXI век»", ADMITTED, None)]  # fuzzy: not reviewed
    assert _terms(forum, "kk") == [("", PREFERRED, None)]  # a slot for the note-only term
    assert _terms(_entry(text, "wrong-only"), "ru") == [
        ("Ронг", DEPRECATED, None),
        ("Ронг Онли", DEPRECATED, None),
    ]
    assert tbx_basic_problems(ET.fromstring(text.encode("utf-8"))) == []


def test_tbx_language_subset(sample: Termbase) -> None:
    text = export_termbase(sample, ExchangeFormat.TBX, languages=["ru"])
    assert 'xml:lang="kk"' not in text
    only_ru = read(ExchangeFormat.TBX, text, ("ru",)).termbase
    assert only_ru.get("almaty") == Concept(
        id="almaty",
        type=ConceptType.PLACE,
        source="Almaty",
        variants=("Alma-Ata",),
        note=sample.get("almaty").note,
        targets=(sample.get("almaty").target("ru"),),
    )


def test_refuses_characters_xml_cannot_hold() -> None:
    termbase = Termbase((Concept("x", ConceptType.OTHER, "X\ufffe"),), LANGS)
    with pytest.raises(GlossaryError, match="U\\+FFFE"):
        write_tbx(termbase)


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


# --- files from other tools --------------------------------------------------------------------


def test_multiterm_tbx() -> None:
    result = read_file("multiterm.tbx")
    astana, almaty = (item.concept for item in result.concepts)
    assert astana == Concept(
        id="astana",
        type=ConceptType.OTHER,
        source="Astana",
        variants=("Astana City",),
        note="Capital of Kazakhstan; named Nur-Sultan from 2019 to September 2022.",
        targets=(
            TargetTerm(
                "ru",
                "Астана",
                wrong=("Акмола",),
                morphology=Morphology(Gender.FEMININE),
                note="Акмола: Name of the city from 1992 to 1998.",
            ),
            TargetTerm("kk", "Астана"),
        ),
    )
    assert almaty.variants == ("Alma Ata",)
    assert almaty.target("ru") == TargetTerm("ru", "Алматы", wrong=("Алма-Ата", "Алма Ата"))
    assert not any(item.id_given or item.type_given for item in result.concepts)
    warnings = "\n".join(result.warnings)
    assert "skipped language(s) de-DE" in warnings
    assert "subject field(s) Geography, Politics are not concept types" in warnings
    assert "context, responsibility, source, transactionType" in warnings


def test_multiterm_tbx_merges_into_a_glossary(sample: Termbase) -> None:
    plan = plan_import(sample, read_file("multiterm.tbx"), ImportMode.MERGE)
    assert [c.format() for c in plan.changes] == [
        "changed  almaty: +variant 'Alma Ata'; +ru wrong 'Алма Ата'",
        "added    astana: 'Astana'",
    ]
    almaty = plan.after.get("almaty")
    assert almaty is not None and almaty.type is ConceptType.PLACE  # Geography is no type
    assert almaty.note == sample.get("almaty").note


def test_tbx_v2_martif() -> None:
    result = read_file("weblate-v2.tbx")
    region, hub = (item.concept for item in result.concepts)
    assert (region.id, region.source) == ("bashkortostan", "Bashkortostan")  # id "17" numbers
    assert region.target("ru") == TargetTerm("ru", "Башкортостан")
    assert region.target("kk") == TargetTerm(
        "kk", "Башқұртстан", note="Kazakh form of the republic's name."
    )
    assert hub.target("ru") == TargetTerm("ru", "Astana Hub", do_not_translate=True)


ASTANA_AKMOLA = ("Astana", ("Akmola",), "Астана", "Астана")
HUB = ("Astana Hub", (), "Astana Hub", "")


@pytest.mark.parametrize(
    ("name", "target", "expected"),
    [
        ("deepl.csv", None, {"astana": ASTANA_AKMOLA, "ufa": ("Ufa", (), "Уфа", "")}),
        ("deepl.tsv", "ru", {"astana": ("Astana", (), "Астана", ""), "astana-hub": HUB}),
        ("amazon.csv", None, {"astana": ASTANA_AKMOLA, "astana-hub": HUB}),
    ],
)
def test_mt_glossary_csv(
    name: str, target: str | None, expected: dict[str, tuple[str, tuple[str, ...], str, str]]
) -> None:
    result = read_file(name, target)
    found = {}
    for item in result.concepts:
        c = item.concept
        ru, kk = c.target("ru"), c.target("kk")
        found[c.id] = (c.source, c.variants, ru.approved if ru else "", kk.approved if kk else "")
    assert found == expected


def test_deepl_rows_in_other_languages_are_skipped() -> None:
    assert read_file("deepl.csv").warnings == (
        "skipped language(s) DE: not a language of this project",
    )


# --- merge and replace -------------------------------------------------------------------------


def _incoming(*concepts: Concept, id_given: bool = True, type_given: bool = True) -> Exchange:
    return Exchange(
        tuple(ImportedConcept(c, id_given, type_given, "test") for c in concepts),
        LANGS,
        "en",
        ExchangeFormat.TBX,
    )


ALMATY = Concept(
    "almaty",
    ConceptType.PLACE,
    "Almaty",
    ("Alma-Ata",),
    targets=(
        TargetTerm(
            "ru",
            "Алматы",
            wrong=("Алма-Ата",),
            morphology=Morphology(Gender.MASCULINE, indeclinable=True),
        ),
    ),
)
MORPH = Morphology(Gender.MASCULINE, indeclinable=True)


@pytest.mark.parametrize(
    ("new", "by_id", "typed", "expected"),
    [
        # new forms are added once; forms the matcher sees as equal are not
        (
            Concept("almaty", ConceptType.OTHER, "Almaty", ("ALMATY", "Alma-Ata", "Almaty City")),
            True,
            False,
            Concept(
                "almaty", ConceptType.PLACE, "Almaty", ("Alma-Ata", "Almaty City"),
                targets=ALMATY.targets,
            ),
        ),
        # an approved form the file gives wins, with its fuzzy state; wrong variants add up
        (
            Concept(
                "almaty", ConceptType.PLACE, "Almaty",
                targets=(TargetTerm("ru", "Алма Ата", wrong=("Алмата",), fuzzy=True, note="n"),),
            ),
            True,
            True,
            Concept(
                "almaty", ConceptType.PLACE, "Almaty", ("Alma-Ata",),
                targets=(
                    TargetTerm(
                        "ru", "Алма Ата", wrong=("Алма-Ата", "Алмата"), fuzzy=True, note="n",
                        morphology=MORPH,
                    ),
                ),
            ),
        ),
        # a new canonical form (by id) keeps the old one as a variant; the type the file gives
        (
            Concept("almaty", ConceptType.OTHER, "Almaty City", note="A note."),
            True,
            True,
            Concept(
                "almaty", ConceptType.OTHER, "Almaty City", ("Almaty", "Alma-Ata"),
                note="A note.", targets=ALMATY.targets,
            ),
        ),
        # matched by form: the canonical form stays; morphology hints merge item by item
        (
            Concept(
                "almaty-2", ConceptType.OTHER, "Alma-Ata",
                targets=(TargetTerm("ru", "", morphology=Morphology(inflect=("Алматы",))),),
            ),
            False,
            False,
            Concept(
                "almaty", ConceptType.PLACE, "Almaty", ("Alma-Ata",),
                targets=(
                    TargetTerm(
                        "ru", "Алматы", wrong=("Алма-Ата",),
                        morphology=Morphology(Gender.MASCULINE, inflect=("Алматы",)),
                    ),
                ),
            ),
        ),
    ],
)  # fmt: skip
def test_merge_rules(new: Concept, by_id: bool, typed: bool, expected: Concept) -> None:
    base = Termbase((ALMATY,), LANGS)
    plan = plan_import(base, _incoming(new, id_given=by_id, type_given=typed), ImportMode.MERGE)
    assert plan.after.concepts == (expected,)


def test_merge_adds_note_lines_once() -> None:
    base = Termbase((Concept("a", ConceptType.PLACE, "A", note="one\ntwo"),), LANGS)
    new = Concept("a", ConceptType.PLACE, "A", note="two\nthree")
    plan = plan_import(base, _incoming(new), ImportMode.MERGE)
    assert plan.after.concepts[0].note == "one\ntwo\nthree"


def test_merge_never_removes_and_replace_does() -> None:
    base = Termbase(EDGE.concepts, LANGS)
    only = Concept("almaty", ConceptType.PLACE, "Almaty")
    merged = plan_import(base, _incoming(only), ImportMode.MERGE)
    assert merged.changes == () and merged.after == base
    replaced = plan_import(base, _incoming(only), ImportMode.REPLACE)
    assert replaced.after.concepts == (only,)
    assert [c.format() for c in replaced.changes] == [
        "changed  almaty: ru 'Алматы' -> '-'; -ru wrong 'Алма-Ата'; "
        "ru morph 'gender=m indeclinable' -> ''",
        "removed  21st-century-forum: 'Forum \"21st Century\" & <Partners>'",
        "removed  wrong-only: 'Wrong Only'",
        "removed  dnt: 'example.kz'",
        "removed  no-targets: 'Nothing Yet'",
    ]
    assert replaced.counts == {"added": 0, "changed": 1, "removed": 4}


def test_replace_keeps_ids_and_types_the_file_does_not_give() -> None:
    base = Termbase(EDGE.concepts, LANGS)
    plain = Concept("made-up", ConceptType.OTHER, "Almaty", targets=(TargetTerm("ru", "Алматы"),))
    plan = plan_import(base, _incoming(plain, id_given=False, type_given=False), ImportMode.REPLACE)
    assert plan.after.concepts == (
        Concept("almaty", ConceptType.PLACE, "Almaty", targets=(TargetTerm("ru", "Алматы"),)),
    )


def test_made_ids_do_not_take_an_existing_id() -> None:
    base = Termbase((Concept("astana", ConceptType.PLACE, "Nur-Sultan"),), LANGS)
    new = Concept("astana", ConceptType.OTHER, "Astana")
    plan = plan_import(base, _incoming(new, id_given=False, type_given=False), ImportMode.MERGE)
    assert [c.id for c in plan.after] == ["astana", "astana-2"]


def test_form_matching_several_concepts_is_an_error() -> None:
    base = Termbase(
        (
            Concept("a", ConceptType.PLACE, "Alpha"),
            Concept("b", ConceptType.PLACE, "Beta"),
        ),
        LANGS,
    )
    new = Concept("x", ConceptType.OTHER, "Gamma", ("Alpha", "Beta"))
    with pytest.raises(GlossaryError, match="matches several concepts: a, b"):
        plan_import(base, _incoming(new, id_given=False), ImportMode.MERGE)


def test_diff_describes_each_field() -> None:
    old = EDGE.get("wrong-only")
    assert old is not None
    new = Concept(
        "wrong-only",
        ConceptType.TITLE,
        "Wrong Only",
        ("W.O.",),
        "note",
        (TargetTerm("ru", "Ронг", do_not_translate=True),),
    )
    [change] = diff_termbases(Termbase((old,), LANGS), Termbase((new,), LANGS))
    assert change == ConceptDiff(
        "wrong-only",
        "changed",
        (
            "type person -> title",
            "+variant 'W.O.'",
            "note",
            "ru '-' -> 'Ронг'",
            "-ru wrong 'Ронг'",
            "-ru wrong 'Ронг Онли'",
            "ru do-not-translate on",
            "kk 'Ронг Онли' -> '-'",
            "kk morph 'gender=pl inflect=Онли' -> ''",
        ),
    )


# --- errors ------------------------------------------------------------------------------------


def tbx(*lines: str) -> str:
    """A TBX document whose body lines start at line 4."""
    head = '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">'
    lines = ('<?xml version="1.0" encoding="UTF-8"?>', head, "<text><body>", *lines)
    return "\n".join([*lines, "</body></text></tbx>"])


def lang(code: str, form: str, *extra: str) -> str:
    return f'<langSec xml:lang="{code}"><termSec><term>{form}</term>{"".join(extra)}'


END = "</termSec></langSec>"
ENTRY = '<conceptEntry id="a">'
BAD_TBX = {
    "root": "<html><body/></html>",
    "language": tbx(ENTRY, lang("zz", "A") + END + "</conceptEntry>"),
    "no source": tbx(ENTRY, lang("ru", "А") + END + "</conceptEntry>"),
    "morph": tbx(
        ENTRY,
        lang("en", "A") + END,
        lang("ru", "А"),
        "<note>morph: gender=x</note>" + END,
        "</conceptEntry>",
    ),
    "entity": tbx("<conceptEntry>&nbsp;</conceptEntry>"),
}


@pytest.mark.parametrize(
    ("name", "content", "error", "line", "message"),
    [
        ("broken.tbx", None, GlossaryError, 10, "not well-formed XML: mismatched tag"),
        ("entities.tbx", None, GlossaryError, 2, "declares a DTD internal subset"),
        ("x.tbx", BAD_TBX["root"], GlossaryError, 1, "not a TBX document: the root element"),
        ("x.tbx", BAD_TBX["language"], LanguageError, 5, "unknown language code 'zz'"),
        ("x.tbx", BAD_TBX["no source"], GlossaryError, 4, "entry has no en term"),
        ("x.tbx", BAD_TBX["morph"], GlossaryError, 7, "unknown gender 'x'"),
        ("x.tbx", BAD_TBX["entity"], GlossaryError, 4, "undefined entity"),
        ("x.csv", "en,ru,xx\nA,Б,В\n", LanguageError, 1, "unknown language code 'xx'"),
        ("x.csv", "en,ru,kk\nA,Б,В\nC,Д\n", GlossaryError, 3, "row 3 has 2 column(s), the header"),
        ("x.csv", "en,ru\n,Б\n", GlossaryError, 2, "row 2 has no en term"),
        ("x.csv", "ru,kk\nБ,В\n", GlossaryError, 1, "the header has no en column"),
        ("x.csv", "en,de\nA,B\n", GlossaryError, 1, "names none of the project's target"),
        ("x.csv", "A,Б\nC,Д,E\n", GlossaryError, 1, "does not say its target language"),
        ("x.csv", "A,Б,EN,RU\nC,Д,E\n", GlossaryError, 2, "row 2 has 3 column(s)"),
        ("x.csv", "A,Б,RU,EN\n", GlossaryError, 1, "source language 'RU' is not the project's"),
        ("x.csv", "A,Б,EN,QQ\n", LanguageError, 1, "unknown language code 'QQ'"),
        ("x.csv", 'en,ru\nA,"Б\n', GlossaryError, 2, "malformed CSV"),
        ("x.csv", "en,ru\nA,Б\na,В\n", GlossaryError, 3, "'A' has two ru forms: 'Б' (row 2)"),
        ("x.csv", "id,type,en,ru\nBad Id,place,A,Б\n", GlossaryError, 2, "invalid concept id"),
        ("x.csv", "id,type,en,ru\na,town,A,Б\n", GlossaryError, 2, "unknown type 'town'"),
        ("x.csv", "id,en,ru,ru:flags\na,A,Б,frozen\n", GlossaryError, 2, "unknown flag 'frozen'"),
        ("x.csv", "id,en,ru,ru:morph\na,A,Б,gender=q\n", GlossaryError, 2, "unknown gender 'q'"),
        ("x.csv", "id,en,ru:colour\n", GlossaryError, 1, "unknown column 'ru:colour'"),
    ],
)
def test_malformed_input_names_file_and_line(
    tmp_path: Path,
    name: str,
    content: str | None,
    error: type[ToolkitError],
    line: int,
    message: str,
) -> None:
    path = DATA / name
    if content is not None:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
    with pytest.raises(error) as caught:
        read_exchange(path, source_language="en", languages=LANGS)
    assert message in caught.value.message
    assert (caught.value.path, caught.value.line) == (path, line)


def test_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"en,ru\nA,\xff\n")
    with pytest.raises(GlossaryError, match="not valid UTF-8") as caught:
        read_exchange(path, source_language="en", languages=LANGS)
    assert caught.value.offset == 8


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="no such file"):
        read_exchange(tmp_path / "none.tbx", source_language="en", languages=LANGS)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("en,ru\nAstana,Астана\n", "utf-8-sig"),  # Excel's UTF-8 with a byte order mark
        ("en,ru\nAstana,Астана\n", "utf-16"),  # Excel's "Unicode text"
    ],
)
def test_csv_encodings(tmp_path: Path, data: str, encoding: str) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(data.encode(encoding))
    [item] = read_exchange(path, source_language="en", languages=LANGS).concepts
    assert item.concept.target("ru") == TargetTerm("ru", "Астана")


def test_csv_ignores_empty_header_columns(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text("en,ru,kk,,\nAstana,Астана,,,\n", encoding="utf-8")
    [item] = read_exchange(path, source_language="en", languages=LANGS).concepts
    assert item.concept.targets == (TargetTerm("ru", "Астана"),)
