"""Glossary exchange (toolkit.glossary.exchange): TBX and CSV written and read back losslessly
(TBX, csv-full), files from other tools, and errors that name file and line. The formats one by
one: test_glossary_exchange_tbx.py, _tabular.py; merging: _importing.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from glossary_exchange_cases import DATA, EDGE, LANGS, REPO, SAMPLE, read, read_file
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from toolkit.config import load_settings
from toolkit.errors import GlossaryError, LanguageError, ToolkitError
from toolkit.glossary.exchange import (
    ExchangeFormat,
    ImportMode,
    export_termbase,
    plan_import,
    read_exchange,
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


@pytest.fixture(scope="module")
def shipped() -> Termbase:
    return read_glossary(load_settings(REPO))


@pytest.fixture(scope="module")
def sample() -> Termbase:
    return read_glossary(load_settings(SAMPLE))


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


def test_a_binary_file_given_as_csv_is_called_binary(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    # A zip archive (what a spreadsheet's .xlsx is), whatever the name says.
    path.write_bytes((REPO / "tests" / "data" / "models" / "fixture-en_ru.argosmodel").read_bytes())
    for fmt in ("auto", "csv", "tbx"):
        with pytest.raises(GlossaryError) as caught:
            read_exchange(path, source_language="en", languages=LANGS, fmt=fmt)
        assert caught.value.message.startswith("not a text file: byte 0x"), fmt
        assert caught.value.message.endswith(" is binary data")
        assert "XML" not in str(caught.value)


@pytest.mark.parametrize(
    ("codec", "named"), [("cp1251", "CP1251"), ("koi8_r", "KOI8-R"), ("utf-16-le", "UTF-16LE")]
)
def test_a_csv_in_another_encoding_names_it_and_the_command(
    tmp_path: Path, codec: str, named: str
) -> None:
    path = tmp_path / "terms.csv"
    text = "en,ru\nAstana,Астана\nPrime Minister,Премьер-министр\nMinistry,Министерство\n"
    path.write_bytes(text.encode(codec))
    with pytest.raises(GlossaryError) as caught:
        read_exchange(path, source_language="en", languages=LANGS)
    assert caught.value.message.endswith(f"; it looks like {named} text")
    assert caught.value.hint == (
        f"convert it to UTF-8: iconv -f {named} -t UTF-8 {path} > {path}.utf8"
    )


def test_a_tbx_named_csv_is_read_as_tbx_and_said_so(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_bytes((DATA / "multiterm.tbx").read_bytes())
    read = read_exchange(path, source_language="en", languages=LANGS)
    assert read.format is ExchangeFormat.TBX
    assert read.warnings[0] == "terms.csv holds TBX (XML), not CSV; read as such"
    with pytest.raises(GlossaryError) as caught:
        read_exchange(path, source_language="en", languages=LANGS, fmt="csv")
    assert caught.value.message == "not CSV: the file holds TBX (XML)"
    assert caught.value.hint == "import it with --as tbx (or --as auto, which looks at the content)"


def test_a_csv_named_tbx_is_read_as_csv_and_said_so(tmp_path: Path) -> None:
    path = tmp_path / "terms.tbx"
    path.write_bytes((DATA / "amazon.csv").read_bytes())
    read = read_exchange(path, source_language="en", languages=LANGS)
    assert read.format is ExchangeFormat.CSV
    assert read.warnings[0] == "terms.tbx holds CSV, not TBX (XML); read as such"
    with pytest.raises(GlossaryError) as caught:
        read_exchange(path, source_language="en", languages=LANGS, fmt="tbx")
    assert caught.value.message == "not TBX (XML): the file holds CSV"


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
