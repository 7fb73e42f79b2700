"""Glossary storage: the PO encoding, byte-identical round trips, hand edits, errors with
file:line, GNU gettext's verdict; and the shipped glossary holds every form issue 3 requires."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from gettext_check import msgfmt_problems
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.config import Settings, load_settings
from toolkit.errors import GlossaryError
from toolkit.gettext.pofile import dump_catalog, read_catalog
from toolkit.glossary.storage import (
    glossary_catalogs,
    read_glossary,
    read_termbase,
    termbase_from_catalogs,
    write_glossary,
    write_termbase,
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
DATA = Path(__file__).parent / "data" / "glossary"
NOW = "2024-02-03 12:00+0000"
HEADER = (
    ("Project-Id-Version", "test 1"),
    ("Report-Msgid-Bugs-To", ""),
    ("POT-Creation-Date", NOW),
    ("PO-Revision-Date", ""),
    ("Last-Translator", ""),
    ("Language-Team", ""),
    ("Language", ""),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
)

SMAILOV = Concept(
    id="alikhan-smailov",
    type=ConceptType.PERSON,
    source="Alikhan Smailov",
    variants=("Alihan Smailov", "Smailov"),
    note="Prime Minister of Kazakhstan.\nSecond line.",
    targets=(
        TargetTerm("ru", "Алихан Смаилов", ("Смайлов",), morphology=Morphology(Gender.MASCULINE)),
        TargetTerm("kk", "Әлихан Смайылов", ("Алихан Смаилов", "Смаилов"), note="Official."),
    ),
)
SITE = Concept(
    id="primeminister-kz",
    type=ConceptType.ORGANISATION,
    source="primeminister.kz",
    targets=(TargetTerm("ru", "primeminister.kz", do_not_translate=True),),
)
SMALL = Termbase(concepts=(SMAILOV, SITE), languages=("ru", "kk"))


def gettext_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"GNU gettext's {name} is not installed; run scripts/setup.sh")
    return path


def copy_project(tmp_path: Path, glossary: Path) -> Settings:
    root = tmp_path / "project"
    root.mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        '[project]\nname = "test"\nversion = "1"\n\n[tool.toolkit]\n', encoding="utf-8"
    )
    shutil.copytree(glossary, root / "glossary")
    return load_settings(root)


# --- the encoding ---------------------------------------------------------------------------

EXPECTED_RU_ENTRY = """\
# wrong: Смайлов
# morph: gender=m
#. type: person
#. variant: Alihan Smailov
#. variant: Smailov
#. note: Prime Minister of Kazakhstan.
#. note: Second line.
msgctxt "alikhan-smailov"
msgid "Alikhan Smailov"
msgstr "Алихан Смаилов"
"""
EXPECTED_TEMPLATE_ENTRY = """\
#. type: person
#. variant: Alihan Smailov
#. variant: Smailov
#. note: Prime Minister of Kazakhstan.
#. note: Second line.
msgctxt "alikhan-smailov"
msgid "Alikhan Smailov"
msgstr ""
"""
EXPECTED_DNT_ENTRY = """\
# do-not-translate
#. type: organisation
msgctxt "primeminister-kz"
msgid "primeminister.kz"
msgstr "primeminister.kz"
"""


def test_encoding_of_one_concept(tmp_path: Path) -> None:
    written = write_termbase(tmp_path, SMALL, header=HEADER, created=NOW)
    assert [(p.name, status) for p, status in written] == [
        ("glossary.pot", "created"),
        ("ru.po", "created"),
        ("kk.po", "created"),
    ]
    template = (tmp_path / "glossary.pot").read_text(encoding="utf-8")
    ru = (tmp_path / "ru.po").read_text(encoding="utf-8")
    kk = (tmp_path / "kk.po").read_text(encoding="utf-8")
    assert EXPECTED_TEMPLATE_ENTRY in template
    assert EXPECTED_RU_ENTRY in ru
    assert EXPECTED_DNT_ENTRY in ru
    assert "# wrong: Алихан Смаилов\n# wrong: Смаилов\n# note: Official.\n#. type: person" in kk
    # no kk form for the site yet: an untranslated entry, so that translators see it
    assert 'msgctxt "primeminister-kz"\nmsgid "primeminister.kz"\nmsgstr ""\n' in kk
    assert "Language: ru\\n" in ru and "Plural-Forms: nplurals=3;" in ru
    assert "fuzzy" not in ru + kk
    for name in ("glossary.pot", "ru.po", "kk.po"):
        assert msgfmt_problems(tmp_path / name) == ""
    assert read_termbase(tmp_path, ("ru", "kk")) == SMALL


def test_msgmerge_writes_the_same_language_files(tmp_path: Path) -> None:
    """The language files are what `msgmerge LANG.po glossary.pot` makes of them."""
    write_termbase(tmp_path, SMALL, header=HEADER, created=NOW)
    for name in ("ru.po", "kk.po"):
        merged = subprocess.run(
            [gettext_tool("msgmerge"), "--quiet", name, "glossary.pot", "-o", "-"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert merged == (tmp_path / name).read_text(encoding="utf-8")


def test_missing_folder_and_missing_language_file(tmp_path: Path) -> None:
    assert read_termbase(tmp_path / "none", ("ru", "kk")) == Termbase(languages=("ru", "kk"))
    write_termbase(tmp_path, SMALL, header=HEADER, created=NOW)
    (tmp_path / "kk.po").unlink()
    read = read_termbase(tmp_path, ("ru", "kk"))
    assert [t.language for t in read.get("alikhan-smailov").targets] == ["ru"]  # type: ignore[union-attr]


def test_language_file_without_template_is_an_error(tmp_path: Path) -> None:
    write_termbase(tmp_path, SMALL, header=HEADER, created=NOW)
    (tmp_path / "glossary.pot").unlink()
    with pytest.raises(GlossaryError, match=r"ru\.po has no template") as caught:
        read_termbase(tmp_path, ("ru", "kk"))
    assert caught.value.path == tmp_path / "glossary.pot"


def test_unchanged_write_keeps_files_and_dates(tmp_path: Path) -> None:
    write_termbase(tmp_path, SMALL, header=HEADER, created=NOW)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    written = write_termbase(tmp_path, SMALL, header=HEADER, created="2030-01-01 00:00+0000")
    assert {status for _, status in written} == {"unchanged"}
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_change_touches_only_what_changed(tmp_path: Path) -> None:
    write_termbase(tmp_path, SMALL, header=HEADER, created=NOW)
    kk_before = (tmp_path / "kk.po").read_bytes()
    changed = SMALL.with_concept(
        SMAILOV.with_target(TargetTerm("ru", "Алихан Смаилов", ("Смайлов", "Смаилова")))
    )
    written = dict(
        write_termbase(tmp_path, changed, header=HEADER, created="2030-01-01 00:00+0000")
    )
    assert written[tmp_path / "ru.po"] == "updated"
    assert written[tmp_path / "glossary.pot"] == "unchanged"
    assert written[tmp_path / "kk.po"] == "unchanged"
    assert (tmp_path / "kk.po").read_bytes() == kk_before
    ru = (tmp_path / "ru.po").read_text(encoding="utf-8")
    assert "PO-Revision-Date: 2030-01-01 00:00+0000" in ru
    assert "# wrong: Смайлов\n# wrong: Смаилова\n" in ru


def test_two_concepts_with_one_key_cannot_be_written(tmp_path: Path) -> None:
    twice = Termbase(concepts=(SITE, SITE), languages=("ru",))
    with pytest.raises(GlossaryError, match="two concepts have the id 'primeminister-kz'"):
        write_termbase(tmp_path, twice, header=HEADER)
    assert not (tmp_path / "glossary.pot").exists()


def test_a_repeated_id_with_two_source_forms_round_trips(tmp_path: Path) -> None:
    """Lint must see duplicate ids, so the files must be able to hold them."""
    other = Concept(
        "primeminister-kz",
        ConceptType.OTHER,
        "Prime Minister's site",
        targets=(TargetTerm("ru", "сайт Премьер-Министра"),),
    )
    twice = Termbase(concepts=(SITE, other), languages=("ru",))
    write_termbase(tmp_path, twice, header=HEADER, created=NOW)
    assert read_termbase(tmp_path, ("ru",)) == twice


# --- round trips ----------------------------------------------------------------------------


def test_shipped_glossary_round_trips_byte_identically(tmp_path: Path) -> None:
    settings = copy_project(tmp_path, REPO / "glossary")
    files = {p.name: p.read_bytes() for p in settings.glossary_path.iterdir()}
    termbase = read_glossary(settings)
    assert len(termbase) > 40
    written = write_glossary(settings, termbase, created="2030-01-01 00:00+0000")
    assert {status for _, status in written} == {"unchanged"}
    assert {p.name: p.read_bytes() for p in settings.glossary_path.iterdir()} == files
    # the same through the functions that touch no file
    existing = {None: read_catalog(settings.glossary_path / "glossary.pot")}
    for code in ("ru", "kk"):
        existing[code] = read_catalog(settings.glossary_path / f"{code}.po")
    catalogs = glossary_catalogs(termbase, existing, header=(), created="2030-01-01 00:00+0000")
    template = dump_catalog(catalogs.pop(None))
    assert template.encode("utf-8") != b""  # dates differ: compare the messages only
    for code, catalog in catalogs.items():
        assert code is not None
        shipped = read_catalog(settings.glossary_path / f"{code}.po")
        assert catalog.messages == shipped.messages


def test_sample_project_files_are_as_the_toolkit_writes_them(tmp_path: Path) -> None:
    # the glossary tests' own project (tests/data/glossary/project) stays canonical
    settings = copy_project(tmp_path, DATA / "project" / "glossary")
    written = write_glossary(settings, read_glossary(settings), created="2030-01-01 00:00+0000")
    assert [(path.name, status) for path, status in written] == [
        ("glossary.pot", "unchanged"),
        ("ru.po", "unchanged"),
        ("kk.po", "unchanged"),
    ]
    for name in ("glossary.pot", "ru.po", "kk.po"):
        assert msgfmt_problems(settings.glossary_path / name) == ""


_ONE_LINE = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=12
).map(str.strip)
_FORM = _ONE_LINE.filter(lambda s: any(ch.isalnum() for ch in s))
_WORD = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=1, max_size=6)
_NOTE = st.lists(_ONE_LINE.filter(bool), max_size=3).map("\n".join)
_MORPH = st.builds(
    Morphology,
    gender=st.none() | st.sampled_from(Gender),
    inflect=st.lists(_WORD, max_size=2).map(tuple),
) | st.just(Morphology(indeclinable=True))


@st.composite
def _target(draw: st.DrawFn, language: str) -> TargetTerm:
    term = TargetTerm(
        language,
        approved=draw(_FORM | st.just("")),
        wrong=tuple(draw(st.lists(_FORM, max_size=3))),
        do_not_translate=draw(st.booleans()),
        fuzzy=draw(st.booleans()),
        morphology=draw(_MORPH),
        note=draw(_NOTE),
    )
    return term


@st.composite
def termbases(draw: st.DrawFn) -> Termbase:
    ids = draw(
        st.lists(
            st.from_regex(r"[a-z0-9]{1,5}(-[a-z0-9]{1,4})?", fullmatch=True),
            unique=True,
            max_size=5,
        )
    )
    concepts = []
    for concept_id in ids:
        targets = [draw(_target(code)) for code in ("ru", "kk") if draw(st.booleans())]
        concept = Concept(
            id=concept_id,
            type=draw(st.sampled_from(ConceptType)),
            source=draw(_FORM),
            variants=tuple(draw(st.lists(_FORM, max_size=3))),
            note=draw(_NOTE),
        )
        for term in targets:
            concept = concept.with_target(term)
        concepts.append(concept)
    return Termbase(concepts=tuple(concepts), languages=("ru", "kk"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(termbases())
def test_any_termbase_round_trips(termbase: Termbase) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        write_termbase(path, termbase, header=HEADER, created=NOW)
        files = {p.name: p.read_bytes() for p in path.iterdir()}
        assert read_termbase(path, ("ru", "kk")) == termbase
        written = write_termbase(path, read_termbase(path, ("ru", "kk")), header=HEADER)
        assert {status for _, status in written} == {"unchanged"}
        assert {p.name: p.read_bytes() for p in path.iterdir()} == files


def test_catalogs_and_termbase_convert_without_files() -> None:
    catalogs = glossary_catalogs(SMALL, {}, header=HEADER, created=NOW)
    template = catalogs.pop(None)
    assert termbase_from_catalogs(template, catalogs, languages=("ru", "kk")) == SMALL  # type: ignore[arg-type]


# --- hand edits -----------------------------------------------------------------------------


def test_hand_edited_files_are_read(tmp_path: Path) -> None:
    settings = copy_project(tmp_path, DATA / "hand-edited")
    termbase = read_glossary(settings)
    assert termbase.concepts == (
        Concept(
            "alikhan-smailov",
            ConceptType.PERSON,
            "Alikhan Smailov",
            ("Alihan Smailov", "Smailov"),
            note="Head of the Kazakh government 2022-2024.",
            targets=(
                TargetTerm(
                    "ru",
                    "Алихан Смаилов",
                    ("Смайлов",),
                    morphology=Morphology(Gender.MASCULINE),
                    note="Official spelling of the Government of Kazakhstan.",
                ),
                TargetTerm("kk", "Әлихан Смайылов", ("Алихан Смаилов",), fuzzy=True),
            ),
        ),
        # ru.po's stale copies (msgid "Almaty City", "#. type: city") are not read
        Concept(
            "almaty",
            ConceptType.PLACE,
            "Almaty",
            ("Alma-Ata",),
            targets=(
                TargetTerm("ru", "Алматы", ("Алма-Ата",), morphology=Morphology(indeclinable=True)),
            ),
        ),
        Concept(
            "digital-almaty",
            ConceptType.EVENT,
            "Digital Almaty",
            targets=(TargetTerm("ru", "Digital Almaty", do_not_translate=True),),
        ),
    )
    assert termbase.get("almaty").line == 25  # type: ignore[union-attr]
    assert termbase.get("almaty").target("ru").line == 27  # type: ignore[union-attr]


def test_hand_edited_files_are_written_back_in_canonical_form(tmp_path: Path) -> None:
    settings = copy_project(tmp_path, DATA / "hand-edited")
    write_glossary(settings, read_glossary(settings), created=NOW)
    folder = settings.glossary_path
    template = (folder / "glossary.pot").read_text(encoding="utf-8")
    ru = (folder / "ru.po").read_text(encoding="utf-8")
    kk = (folder / "kk.po").read_text(encoding="utf-8")
    # the template's own header and comment are kept; its comment lines come in canonical order
    assert template.startswith("# A glossary edited by hand in a text editor")
    assert (
        "#. type: person\n#. variant: Alihan Smailov\n#. variant: Smailov\n#. note: Head"
        in template
    )
    # the copies in ru.po are refreshed from the template; the bare "#" line is gone
    assert (
        "# wrong: Алма-Ата\n# morph: indeclinable\n#. type: place\n#. variant: Alma-Ata\n"
        'msgctxt "almaty"\nmsgid "Almaty"\nmsgstr "Алматы"\n'
    ) in ru
    assert "Almaty City" not in ru and "type: city" not in ru
    assert "# morph: gender=m\n# note: Official spelling" in ru
    assert "\n#\n" not in ru
    # what belongs to no concept stays: the translator in the header, the obsolete entry
    assert "Last-Translator: A. Terminologist <terms@example.org>" in ru
    assert ru.endswith(
        '# wrong: Нурсултан\n#~ msgctxt "nur-sultan"\n#~ msgid "Nur-Sultan"\n'
        '#~ msgstr "Нур-Султан"\n'
    )
    # the fuzzy kk form stays fuzzy; concepts kk lacked get empty entries
    assert '#, fuzzy\nmsgctxt "alikhan-smailov"' in kk
    assert 'msgctxt "digital-almaty"\nmsgid "Digital Almaty"\nmsgstr ""\n' in kk
    for name in ("glossary.pot", "ru.po", "kk.po"):
        assert msgfmt_problems(folder / name) == ""
    assert read_glossary(settings) == read_glossary(
        copy_project(tmp_path / "again", DATA / "hand-edited")
    )


def test_a_hand_edit_is_seen_on_the_next_read(tmp_path: Path) -> None:
    settings = copy_project(tmp_path, DATA / "project" / "glossary")
    ru = settings.glossary_path / "ru.po"
    text = ru.read_text(encoding="utf-8")
    ru.write_text(text.replace('msgctxt "ufa"', '# wrong: Уфы-город\nmsgctxt "ufa"', 1))
    assert read_glossary(settings).get("ufa").target("ru").wrong == ("Уфы-город",)  # type: ignore[union-attr]


# --- malformed files: a GlossaryError naming file and line ----------------------------------

# (file, text to replace, replacement, message, the line the error names: the line that
#  contains this text in the broken file)
MALFORMED = [
    ("glossary.pot", "#. type: person", "#. type: human", "unknown type 'human'", "type: human"),
    (
        "glossary.pot",
        "#. variant: Smailov",
        "#. varaint: Smailov",
        "unknown extracted comment 'varaint: Smailov'",
        "varaint",
    ),
    (
        "glossary.pot",
        "#. variant: Smailov",
        "#. variant: Smailov\n#. type: place",
        "has two types",
        "type: place",
    ),
    ("glossary.pot", "#. variant: Smailov", "#. variant:", "no value in 'variant:'", "#. variant:"),
    (
        "glossary.pot",
        "#. variant: Smailov",
        "#. variant: --",
        "'--' has no letter or digit",
        "#. variant: --",
    ),
    (
        "ru.po",
        "# wrong: Смайлов",
        "# wrong: «»",
        "ru wrong variant '«»' has no letter or digit",
        "# wrong: «»",
    ),
    ("glossary.pot", "#. type: person\n", "", "has no type", "#. variant: Alihan"),
    ("glossary.pot", 'msgctxt "alikhan-smailov"\n', "", "has no concept id", "#. type: person"),
    (
        "glossary.pot",
        'msgctxt "alikhan-smailov"',
        'msgctxt "Alikhan Smailov"',
        "invalid concept id 'Alikhan Smailov'",
        "#. type: person",
    ),
    (
        "glossary.pot",
        "#. type: person",
        "#, do-not-translate\n#. type: person",
        "has the flag 'do-not-translate' in the template",
        "#, do-not-translate",
    ),
    (
        "glossary.pot",
        "#. type: person",
        "# wrong: Смайлов\n#. type: person",
        "translator comment in the template",
        "# wrong",
    ),
    (
        "glossary.pot",
        'msgid "Alikhan Smailov"\nmsgstr ""',
        'msgid "Alikhan Smailov"\nmsgstr "x"',
        "has a msgstr in the template",
        "#. type: person",
    ),
    (
        "glossary.pot",
        "#. type: person",
        "#: corpus/a.txt:1\n#. type: person",
        "has a '#:' reference line",
        "#: corpus",
    ),
    (
        "glossary.pot",
        'msgid "Alikhan Smailov"',
        'msgid "Alikhan Smailov',
        "string without closing quote",
        'msgid "Alikhan Smailov',
    ),
    (
        "ru.po",
        "# wrong: Смайлов",
        "# wrng: Смайлов",
        "unknown translator comment 'wrng: Смайлов'",
        "wrng",
    ),
    ("ru.po", "# wrong: Смайлов", "# checked by the desk", "unknown translator comment", "checked"),
    ("ru.po", "# wrong: Смайлов", "# wrong:", "no value in 'wrong:'", "# wrong:"),
    ("ru.po", "# morph: gender=m", "# morph: gender=x", "unknown gender 'x'", "gender=x"),
    (
        "ru.po",
        "# morph: gender=m",
        "# morph: gender=m\n# morph: indeclinable",
        "has two 'morph:' lines",
        "indeclinable",
    ),
    (
        "ru.po",
        "# morph: gender=m",
        "# morph: indeclinable inflect=Смаилов",
        "cannot be indeclinable",
        "indeclinable inflect",
    ),
    (
        "ru.po",
        "# do-not-translate",
        "# do-not-translate: yes",
        "'do-not-translate' takes no value",
        "do-not-translate: yes",
    ),
    (
        "ru.po",
        "# do-not-translate",
        "#, do-not-translate",
        "unknown flag 'do-not-translate'",
        "#, do-not-translate",
    ),
    (
        "ru.po",
        'msgctxt "primeminister-kz"',
        'msgctxt "primeminister-gov-kz"',
        "concept 'primeminister-gov-kz' is not in glossary.pot",
        "# do-not-translate",
    ),
    (
        "ru.po",
        'msgstr "Алихан Смаилов"',
        'msgstr "Алихан\\nСмаилов"',
        "contains U+000A",
        "# wrong: Смайлов",
    ),
    ("ru.po", "Language: ru", "Language: kk", "declares Language 'kk', expected 'ru'", None),
]


@pytest.mark.parametrize(
    ("name", "old", "new", "message", "marker"),
    MALFORMED,
    ids=[f"{m[0]}:{m[3][:30]}" for m in MALFORMED],
)
def test_malformed_files_name_file_and_line(
    tmp_path: Path, name: str, old: str, new: str, message: str, marker: str | None
) -> None:
    write_termbase(tmp_path, SMALL, header=HEADER, created=NOW)
    path = tmp_path / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(GlossaryError, match=re.escape(message)) as caught:
        read_termbase(tmp_path, ("ru", "kk"))
    error = caught.value
    assert error.path == path
    if marker is None:
        assert error.line is None
    else:
        lines = broken.split("\n")
        # the marker is searched from the start of the entry that holds the edit
        entry = broken.rfind("\n\n", 0, text.index(old))
        first = broken[:entry].count("\n")
        candidates = [i for i in range(first, len(lines)) if marker in lines[i]]
        exact = [i for i in candidates if lines[i] == marker]
        expected = (exact or candidates)[0] + 1
        assert error.line == expected, (error.line, broken)
    assert str(error).startswith(f"{path}:")


# --- the shipped glossary -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["glossary.pot", "ru.po", "kk.po"])
def test_shipped_files_pass_msgfmt_check(name: str) -> None:
    assert msgfmt_problems(REPO / "glossary" / name) == ""


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_shipped_language_files_are_what_msgmerge_makes(language: str) -> None:
    folder = REPO / "glossary"
    merged = subprocess.run(
        [gettext_tool("msgmerge"), "--quiet", f"{language}.po", "glossary.pot", "-o", "-"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert merged == (folder / f"{language}.po").read_text(encoding="utf-8")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


# Issue 3's table, as written there:
# concept | source variants | ru approved | ru wrong | kk approved | kk wrong
ISSUE_TABLE = """
Alikhan Smailov | Alihan Smailov; Smailov | Алихан Смаилов | Смайлов | Әлихан Смайылов | Алихан Смаилов; Смаилов
Mikhail Mishustin | Mishustin | Михаил Мишустин | | Михаил Мишустин |
Kassym-Jomart Tokayev | Tokayev | Касым-Жомарт Токаев | Тоқаев | Қасым-Жомарт Тоқаев | Касым-Жомарт Токаев; Токаев
Vladimir Putin | Putin | Владимир Путин | | Владимир Путин |
Yevgeniy Kuivashev | Yevgeny Kuyvashev | Евгений Куйвашев | | Евгений Куйвашев |
Yekaterinburg | Ekaterinburg | Екатеринбург | | Екатеринбург |
Almaty | Alma-Ata | Алматы | Алма-Ата | Алматы | Алма-Ата
Nur-Sultan | | Нур-Султан | | Нұр-Сұлтан | Нур-Султан
Kostanay | Kostanai | Костанай | Кустанай | Қостанай | Костанай
Chelyabinsk | | Челябинск | | Челябі | Челябинск
Tyumen | | Тюмень | | Түмен | Тюмень
Kurgan | | Курган | | Қорған | Курган
INNOPROM | Innoprom | ИННОПРОМ | Иннопром | ИННОПРОМ | Иннопром
Prime Minister of the Republic of Kazakhstan | Prime Minister of Kazakhstan; Kazakh Prime Minister; Kazakh Premier; Head of the Kazakh Cabinet of Ministers | Премьер-Министр Республики Казахстан | премьер-министр Казахстана; казахстанский премьер | Қазақстан Республикасының Премьер-Министрі | Қазақстан Премьер-министрі
Chairman of the Government of the Russian Federation | Russian Prime Minister; Russian PM; Prime Minister of Russia | Председатель Правительства Российской Федерации | премьер-министр России; российский премьер | Ресей Федерациясы Үкіметінің Төрағасы | Ресей Премьер-министрі
Eurasian Intergovernmental Council | | Евразийский межправительственный совет | | Еуразиялық үкіметаралық кеңес |
Eurasian Economic Union | EAEU | Евразийский экономический союз | | Еуразиялық экономикалық одақ |
Consulate General of the Republic of Kazakhstan | Consulate General of Kazakhstan | Генеральное консульство Республики Казахстан | | Қазақстан Республикасының Бас консулдығы |
Urals Federal District | Ural Federal District | Уральский федеральный округ | | Орал федералдық округі |
primeminister.kz | | (do not translate) | | (do not translate) |
"""  # noqa: E501
ROWS = [
    tuple(cell.strip() for cell in line.split("|")) for line in ISSUE_TABLE.strip().splitlines()
]


@pytest.fixture(scope="module")
def shipped() -> Termbase:
    return read_glossary(load_settings(REPO))


@pytest.mark.parametrize("row", ROWS, ids=[row[0] for row in ROWS])
def test_shipped_glossary_has_every_form_of_the_issue_table(
    shipped: Termbase, row: tuple[str, ...]
) -> None:
    source, variants, ru, ru_wrong, kk, kk_wrong = row
    found = shipped.lookup(source)
    assert len(found) == 1, found
    concept = found[0]
    assert concept.source == source
    assert set(_split(variants)) <= set(concept.variants)
    for language, approved, wrong in (("ru", ru, ru_wrong), ("kk", kk, kk_wrong)):
        term = concept.target(language)
        assert term is not None and not term.fuzzy
        if approved == "(do not translate)":
            assert term.do_not_translate
            assert term.approved == source
        else:
            assert term.approved == approved
            assert not term.do_not_translate
        assert set(_split(wrong)) <= set(term.wrong)


@pytest.mark.parametrize(
    ("source", "ru", "kk"),
    [
        ("Sverdlovsk Region", "Свердловская область", "Свердлов облысы"),
        ("Perm Krai", "Пермский край", "Пермь өлкесі"),
        ("St Petersburg", "Санкт-Петербург", "Санкт-Петербург"),
        ("Ufa", "Уфа", "Уфа"),
        ("Kazinform", "Казинформ", "ҚазАқпарат"),
        ("SCO", "ШОС", "ШЫҰ"),
        ("Kazakhstan", "Казахстан", "Қазақстан"),
        ("Republic of Kazakhstan", "Республика Казахстан", "Қазақстан Республикасы"),
        ("Russia", "Россия", "Ресей"),
        ("Russian Federation", "Российская Федерация", "Ресей Федерациясы"),
        (
            "President of Kazakhstan",
            "Президент Республики Казахстан",
            "Қазақстан Республикасының Президенті",
        ),
        (
            "President of Russia",
            "Президент Российской Федерации",
            "Ресей Федерациясының Президенті",
        ),
        (
            "Eurasian Economic Commission",
            "Евразийская экономическая комиссия",
            "Еуразиялық экономикалық комиссия",
        ),
        (
            "Supreme Eurasian Economic Council",
            "Высший Евразийский экономический совет",
            "Жоғары Еуразиялық экономикалық кеңес",
        ),
        (
            "Interregional Cooperation Forum",
            "Форум межрегионального сотрудничества",
            "Өңіраралық ынтымақтастық форумы",
        ),
        (
            "Forum of Interregional Cooperation",
            "Форум межрегионального сотрудничества",
            "Өңіраралық ынтымақтастық форумы",
        ),
        (
            "Treaty on Good-Neighbourliness and Alliance in the 21st Century",
            "Договор о добрососедстве и союзничестве в XXI веке",
            "XXI ғасырдағы тату көршілік және одақтастық туралы шарт",
        ),
        (
            "Treaty of Good Neighborliness and Alliance in the XXI century",
            "Договор о добрососедстве и союзничестве в XXI веке",
            "XXI ғасырдағы тату көршілік және одақтастық туралы шарт",
        ),
        (
            "Treaty on Neighbourliness and Alliance in the 21st Century",
            "Договор о добрососедстве и союзничестве в XXI веке",
            "XXI ғасырдағы тату көршілік және одақтастық туралы шарт",
        ),
        ("Digital Almaty", "Digital Almaty", "Digital Almaty"),
        ("Urals", "Урал", "Орал"),
    ],
)
def test_shipped_glossary_has_the_other_concepts_the_issue_names(
    shipped: Termbase, source: str, ru: str, kk: str
) -> None:
    (concept,) = shipped.lookup(source)
    assert (concept.target("ru").approved, concept.target("kk").approved) == (ru, kk)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("concept_id", "language", "morphology"),
    [
        ("alikhan-smailov", "ru", Morphology(Gender.MASCULINE)),
        ("alikhan-smailov", "kk", Morphology(Gender.MASCULINE)),
        ("almaty", "ru", Morphology(indeclinable=True)),
        ("prime-minister-of-kazakhstan", "ru", Morphology(inflect=("Премьер-Министр",))),
        ("prime-minister-of-kazakhstan", "kk", Morphology(inflect=("Премьер-Министрі",))),
        (
            "consulate-general-of-kazakhstan",
            "ru",
            Morphology(inflect=("Генеральное", "консульство")),
        ),
    ],
)
def test_shipped_glossary_morphology_hints(
    shipped: Termbase, concept_id: str, language: str, morphology: Morphology
) -> None:
    assert shipped.get(concept_id).target(language).morphology == morphology  # type: ignore[union-attr]


def test_every_shipped_concept_has_both_languages(shipped: Termbase) -> None:
    assert shipped.languages == ("ru", "kk")
    for concept in shipped.concepts:
        for language in ("ru", "kk"):
            term = concept.target(language)
            assert term is not None and term.approved and not term.fuzzy, (concept.id, language)
