"""TBX (toolkit.glossary.exchange.tbx): the export is TBX-Basic, maps every field, encodes edge
cases, and writes a subset of the languages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from glossary_exchange_cases import EDGE, LANGS, SAMPLE, read

from toolkit.config import load_settings
from toolkit.errors import GlossaryError
from toolkit.glossary.exchange import ExchangeFormat, export_termbase
from toolkit.glossary.exchange.tbx import (
    ADMITTED,
    DEPRECATED,
    PREFERRED,
    SUPERSEDED,
    TBX_NAMESPACE,
    write_tbx,
)
from toolkit.glossary.storage import read_glossary
from toolkit.glossary.termbase import (
    Concept,
    ConceptType,
    Termbase,
)


@pytest.fixture(scope="module")
def sample() -> Termbase:
    return read_glossary(load_settings(SAMPLE))


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
