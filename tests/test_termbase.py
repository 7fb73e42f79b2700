"""The termbase model: checked values, lookups, matchers, changes; and the shipped glossary
finds a concept in every corpus sentence that names one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit.config import load_settings
from toolkit.errors import GlossaryError
from toolkit.glossary.storage import read_glossary
from toolkit.glossary.termbase import (
    Concept,
    ConceptChange,
    ConceptType,
    Gender,
    Morphology,
    TargetTerm,
    Termbase,
    apply_change,
    check_id,
    make_id,
)

REPO = Path(__file__).resolve().parent.parent

SMAILOV = Concept(
    id="alikhan-smailov",
    type=ConceptType.PERSON,
    source="Alikhan Smailov",
    variants=("Alihan Smailov", "Smailov"),
    targets=(
        TargetTerm("ru", "Алихан Смаилов", ("Смайлов",), morphology=Morphology(Gender.MASCULINE)),
        TargetTerm("kk", "Әлихан Смайылов", ("Алихан Смаилов", "Смаилов")),
    ),
)
INNOPROM = Concept(
    id="innoprom",
    type=ConceptType.EVENT,
    source="INNOPROM",
    variants=("Innoprom",),
    targets=(TargetTerm("ru", "ИННОПРОМ", ("Иннопром",)),),
)
KAZAKHSTAN = Concept(
    id="kazakhstan",
    type=ConceptType.PLACE,
    source="Kazakhstan",
    targets=(TargetTerm("ru", "Казахстан"), TargetTerm("kk", "Қазақстан")),
)
TERMBASE = Termbase(concepts=(SMAILOV, INNOPROM, KAZAKHSTAN), languages=("ru", "kk"))


@pytest.fixture(scope="module")
def shipped() -> Termbase:
    return read_glossary(load_settings(REPO))


# --- values ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Concept("Smailov", ConceptType.PERSON, "Smailov"), "invalid concept id"),
        (lambda: Concept("a--b", ConceptType.PERSON, "Smailov"), "invalid concept id"),
        (lambda: Concept("smailov", ConceptType.PERSON, ""), "source form of 'smailov' is empty"),
        (lambda: Concept("smailov", ConceptType.PERSON, " Smailov"), "starts or ends with"),
        (lambda: Concept("x", ConceptType.PERSON, "Smailov", ("a\nb",)), "contains U+000A"),
        (lambda: Concept("x", ConceptType.PERSON, "Smailov", ("--",)), "has no letter or digit"),
        (lambda: TargetTerm("ru", "Алматы", ("Алма\u2028Ата",)), "contains U+2028"),
        (
            lambda: Concept(
                "x", ConceptType.PLACE, "Almaty", targets=(TargetTerm("ru"), TargetTerm("ru"))
            ),
            "two target terms for one language",
        ),
        (lambda: Morphology(inflect=("Премьер Министр",)), "is not one word"),
        (lambda: Morphology(inflect=("Алматы",), indeclinable=True), "cannot be indeclinable"),
    ],
    ids=[
        "id-upper-case",
        "id-double-hyphen",
        "empty-source",
        "padded-source",
        "line-break",
        "no-letter",
        "line-separator",
        "two-targets",
        "inflect-two-words",
        "indeclinable-and-inflect",
    ],
)
def test_invalid_values_raise_glossary_error(make: object, message: str) -> None:
    with pytest.raises(GlossaryError, match=re.escape(message)):
        make()  # type: ignore[operator]


@pytest.mark.parametrize(
    ("spec", "expected", "formatted"),
    [
        ("", Morphology(), ""),
        ("gender=m", Morphology(Gender.MASCULINE), "gender=m"),
        ("indeclinable", Morphology(indeclinable=True), "indeclinable"),
        (
            "inflect=Генеральное,консульство",
            Morphology(inflect=("Генеральное", "консульство")),
            "inflect=Генеральное,консульство",
        ),
        (
            "indeclinable  gender=f",
            Morphology(Gender.FEMININE, indeclinable=True),
            "gender=f indeclinable",
        ),
    ],
)
def test_morphology_parse_and_format(spec: str, expected: Morphology, formatted: str) -> None:
    assert Morphology.parse(spec) == expected
    assert expected.format() == formatted
    assert Morphology.parse(formatted) == expected


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("gender=x", "unknown gender 'x'"),
        ("case=nom", "unknown morphology item 'case=nom'"),
        ("gender", "unknown morphology item 'gender'"),
        ("indeclinable=yes", "unknown morphology item"),
        ("gender=m gender=f", "given twice"),
        ("inflect=a,,b", "empty word"),
    ],
)
def test_morphology_parse_errors(spec: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        Morphology.parse(spec)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Alikhan Smailov", "alikhan-smailov"),
        ("primeminister.kz", "primeminister-kz"),
        ("Kazakhstan’s Prime Minister", "kazakhstans-prime-minister"),
        (
            "Treaty on Good-Neighbourliness and Alliance in the 21st Century",
            "treaty-on-good-neighbourliness-and-alliance-in-the-21st-century",
        ),
        ("Nur–Sultan", "nur-sultan"),
    ],
)
def test_make_id(source: str, expected: str) -> None:
    assert make_id(source) == expected
    assert check_id(expected) == expected


def test_make_id_needs_latin_letters() -> None:
    with pytest.raises(GlossaryError, match="give one with --id"):
        make_id("ШОС")


# --- records (the JSON shapes) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("morphology", "expected"),
    [
        (Morphology(), {"gender": None, "inflect": [], "indeclinable": False}),
        (Morphology(Gender.MASCULINE), {"gender": "m", "inflect": [], "indeclinable": False}),
        (
            Morphology(Gender.PLURAL, inflect=("Генеральное", "консульство")),
            {"gender": "pl", "inflect": ["Генеральное", "консульство"], "indeclinable": False},
        ),
        (Morphology(indeclinable=True), {"gender": None, "inflect": [], "indeclinable": True}),
    ],
)
def test_morphology_record(morphology: Morphology, expected: dict[str, object]) -> None:
    assert morphology.record() == expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        (
            TargetTerm(
                "ru", "Алихан Смаилов", ("Смайлов",), morphology=Morphology(Gender.MASCULINE)
            ),
            {
                "approved": "Алихан Смаилов",
                "wrong": ["Смайлов"],
                "do_not_translate": False,
                "fuzzy": False,
                "morphology": {"gender": "m", "inflect": [], "indeclinable": False},
                "note": "",
            },
        ),
        (
            TargetTerm("kk", "", do_not_translate=True, fuzzy=True, note="one\ntwo"),
            {
                "approved": "",
                "wrong": [],
                "do_not_translate": True,
                "fuzzy": True,
                "morphology": {"gender": None, "inflect": [], "indeclinable": False},
                "note": "one\ntwo",
            },
        ),
    ],
)
def test_target_term_record(term: TargetTerm, expected: dict[str, object]) -> None:
    assert term.record() == expected


@pytest.mark.parametrize(
    ("languages", "targets"),
    [(None, ["ru", "kk"]), (["kk"], ["kk"]), (["kk", "ru"], ["ru", "kk"]), ([], [])],
)
def test_concept_record(languages: list[str] | None, targets: list[str]) -> None:
    record = SMAILOV.record(languages)
    assert record == {
        "id": "alikhan-smailov",
        "type": "person",
        "source": "Alikhan Smailov",
        "variants": ["Alihan Smailov", "Smailov"],
        "note": "",
        "targets": {code: SMAILOV.target(code).record() for code in targets},  # type: ignore[union-attr]
    }
    assert list(record["targets"]) == targets  # the concept's order, whatever was asked


# --- lookups and matchers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("alikhan-smailov", ["alikhan-smailov"]),
        ("ALIKHAN-SMAILOV", ["alikhan-smailov"]),
        ("Alihan Smailov", ["alikhan-smailov"]),
        ("SMAILOV", ["alikhan-smailov"]),
        ("Smailov’s", ["alikhan-smailov"]),
        ("  innoprom ", ["innoprom"]),
        ("Смайлов", ["alikhan-smailov"]),  # a target form finds the concept too
        ("Қазақстан", ["kazakhstan"]),
        ("Kazakh", []),
    ],
)
def test_lookup(term: str, expected: list[str]) -> None:
    assert [c.id for c in TERMBASE.lookup(term)] == expected


def test_get_and_contains() -> None:
    assert TERMBASE.get("innoprom") is INNOPROM
    assert TERMBASE.get("missing") is None
    assert "kazakhstan" in TERMBASE
    assert len(TERMBASE) == 3
    assert list(TERMBASE) == [SMAILOV, INNOPROM, KAZAKHSTAN]


def test_source_matcher_finds_every_variant_with_concept_ids() -> None:
    text = "YEKATERINBURG. Kazakh Premier Alihan Smailov visited INNOPROM; Kazakhstan’s stand."
    found = [(m.text, m.key) for m in TERMBASE.source_matcher.find(text)]
    assert found == [
        ("Alihan Smailov", "alikhan-smailov"),
        ("INNOPROM", "innoprom"),
        ("Kazakhstan", "kazakhstan"),
    ]


def test_target_matcher_tells_approved_from_wrong() -> None:
    matcher = TERMBASE.target_matcher("ru")
    text = "Алихан Смаилов и Смайлов посетили Иннопром в Казахстане и в Казахстан."
    found = [(m.text, m.key) for m in matcher.find(text)]
    assert found == [
        ("Алихан Смаилов", "alikhan-smailov"),
        ("Смайлов", "alikhan-smailov"),
        ("Иннопром", "innoprom"),
        ("Казахстан", "kazakhstan"),  # inflected forms are the morphology step's job
    ]
    ru = {c.id: c.target("ru") for c in TERMBASE.concepts}
    verdicts = [ru[m.key].is_wrong(m.text) for m in matcher.find(text)]  # type: ignore[union-attr]
    assert verdicts == [False, True, True, False]
    assert TERMBASE.target_matcher("kk").find("Алихан Смаилов")[0].key == "alikhan-smailov"
    assert TERMBASE.target_matcher("de").find("Алихан Смаилов") == []


def test_duplicate_ids_keep_the_first_for_get() -> None:
    other = Concept("innoprom", ConceptType.OTHER, "Innoprom 2022")
    termbase = Termbase(concepts=(INNOPROM, other))
    assert termbase.get("innoprom") is INNOPROM
    assert termbase.without("innoprom").concepts == ()


# --- changes --------------------------------------------------------------------------------


def test_with_target_replaces_in_place_and_empty_removes() -> None:
    changed = SMAILOV.with_target(TargetTerm("ru", "Алихан Смаилов"))
    assert [t.language for t in changed.targets] == ["ru", "kk"]
    assert changed.target("ru") == TargetTerm("ru", "Алихан Смаилов")
    assert [t.language for t in SMAILOV.with_target(TargetTerm("ru")).targets] == ["kk"]


def test_with_concept_replaces_or_appends() -> None:
    renamed = TERMBASE.with_concept(INNOPROM.__class__(**{**INNOPROM.__dict__, "note": "fair"}))
    assert renamed.get("innoprom").note == "fair"  # type: ignore[union-attr]
    assert [c.id for c in renamed.concepts] == ["alikhan-smailov", "innoprom", "kazakhstan"]
    ufa = Concept("ufa", ConceptType.PLACE, "Ufa")
    assert [c.id for c in TERMBASE.with_concept(ufa).concepts][-1] == "ufa"


def test_apply_change_adds_and_removes() -> None:
    change = ConceptChange(
        add_variants=("Smailov A.", "Smailov"),  # listed already: not added twice
        remove_variants=("Alihan Smailov",),
        note="  Prime Minister \n\n 2022-2024 ",
        targets=(("kk", "Әлихан Смайылов"),),
        add_wrong=(("ru", "Смаилов А."),),
        remove_wrong=(("kk", "Смаилов"),),
        morphology=(("kk", Morphology(Gender.MASCULINE)),),
        target_notes=(("ru", "official spelling"),),
    )
    changed = apply_change(SMAILOV, change, ("ru", "kk"))
    assert changed.variants == ("Smailov", "Smailov A.")
    assert changed.note == "Prime Minister\n2022-2024"
    assert changed.target("ru") == TargetTerm(
        "ru",
        "Алихан Смаилов",
        ("Смайлов", "Смаилов А."),
        morphology=Morphology(Gender.MASCULINE),
        note="official spelling",
    )
    assert changed.target("kk") == TargetTerm(
        "kk", "Әлихан Смайылов", ("Алихан Смаилов",), morphology=Morphology(Gender.MASCULINE)
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (ConceptChange(remove_variants=("Smailoff",)), "has no variant 'Smailoff'"),
        (ConceptChange(remove_wrong=(("ru", "Смаилов"),)), "has no ru wrong variant"),
    ],
)
def test_apply_change_refuses_to_remove_what_is_not_there(
    change: ConceptChange, message: str
) -> None:
    with pytest.raises(GlossaryError, match=message):
        apply_change(SMAILOV, change, ("ru", "kk"))


def test_do_not_translate_sets_the_source_form_everywhere() -> None:
    site = Concept("primeminister-kz", ConceptType.ORGANISATION, "primeminister.kz")
    marked = apply_change(site, ConceptChange(do_not_translate=True), ("ru", "kk"))
    assert [(t.language, t.approved, t.do_not_translate) for t in marked.targets] == [
        ("ru", "primeminister.kz", True),
        ("kk", "primeminister.kz", True),
    ]
    moved = apply_change(marked, ConceptChange(source="primeminister.gov.kz"), ("ru", "kk"))
    assert {t.approved for t in moved.targets} == {"primeminister.gov.kz"}
    unmarked = apply_change(marked, ConceptChange(do_not_translate=False), ("ru", "kk"))
    assert [(t.approved, t.do_not_translate) for t in unmarked.targets] == [
        ("primeminister.kz", False),
        ("primeminister.kz", False),
    ]


def test_setting_a_form_approves_a_fuzzy_one() -> None:
    pending = KAZAKHSTAN.with_target(TargetTerm("kk", "Казахстан", fuzzy=True))
    approved = apply_change(pending, ConceptChange(targets=(("kk", "Қазақстан"),)), ("ru", "kk"))
    assert approved.target("kk") == TargetTerm("kk", "Қазақстан")


# --- the shipped glossary on the real corpus ------------------------------------------------

# (sentence as printed in corpus/, concepts the glossary must find in it, in text order)
CORPUS_SENTENCES: list[tuple[str, list[str]]] = [
    (
        "YEKATERINBURG. KAZINFORM -",
        ["yekaterinburg", "kazinform"],
    ),
    (
        "NUR-SULTAN –",
        ["nur-sultan"],
    ),
    (
        "RUSSIA, February 1 - The conversation took place on the sidelines of the Eurasian "
        "Intergovernmental Council meeting.",
        ["russia", "eurasian-intergovernmental-council"],
    ),
    (
        "Alihan Smailov: Mr Mishustin, colleagues.",
        ["alikhan-smailov", "mikhail-mishustin"],
    ),
    (
        "On the sidelines of the 12th International Industrial Exhibition INNOPROM held in "
        "Yekaterinburg, Russia, a meeting between Prime Ministers of Kazakhstan and Russia "
        "Alikhan Smailov and Mikhail Mishustin took place, Kazinform cites the press service of "
        "the Kazakh Premier.",
        [
            "innoprom",
            "yekaterinburg",
            "russia",
            "kazakhstan",
            "russia",
            "alikhan-smailov",
            "mikhail-mishustin",
            "kazinform",
            "prime-minister-of-kazakhstan",
        ],
    ),
    (
        "«The Kazakh government is ready for active dialogue in all areas of our cooperation "
        "aimed at deepening of economc cooperation,» said the Head of the Kazakh Cabinet of "
        "Ministers.",
        ["government-of-kazakhstan", "prime-minister-of-kazakhstan"],
    ),
    (
        "During his meeting with Russian PM Mikhail Mishustin, Smailov reaffirmed Kazakhstan’s "
        "firm commitment to expanding cooperation with Russia “in all areas.”",
        [
            "chairman-of-the-government-of-russia",
            "mikhail-mishustin",
            "alikhan-smailov",
            "kazakhstan",
            "russia",
        ],
    ),
    (
        "«Our cooperation has stood the test of time and has proved to be stable against external "
        "challenges,» said the Russian Prime Minister.",
        ["chairman-of-the-government-of-russia"],
    ),
    (
        "In his speech, Mishustin said that the Russian government considers further "
        "stregthening of friendship and partnership with Kazakhstan as a priority.",
        ["mikhail-mishustin", "government-of-russia", "kazakhstan"],
    ),
    (
        "NUR-SULTAN – Kazakhstan seeks to boost industrial cooperation with Russia, said Kazakh "
        "Prime Minister Alikhan Smailov attending the INNOPROM international industrial "
        "exhibition taking place July 4-7 in Ekaterinburg, Russia, reports his press office.",
        [
            "nur-sultan",
            "kazakhstan",
            "russia",
            "prime-minister-of-kazakhstan",
            "alikhan-smailov",
            "innoprom",
            "yekaterinburg",
            "russia",
        ],
    ),
    (
        "Addressing the plenary session titled Industrial Transition: Leaders’ Experience, "
        "Smailov commended the bilateral cooperation in the industry supported by the "
        "Kazakh-Russian Program of Joint Actions.",
        ["alikhan-smailov", "kazakh-russian-program-of-joint-actions"],
    ),
    (
        "The scope of the new diplomatic mission will extend throughout the Urals Federal "
        "District, including the Sverdlovsk, Chelyabinsk, Kurgan, and Tyumen regions and the "
        "Perm region.",
        [
            "urals-federal-district",
            "sverdlovsk-region",
            "chelyabinsk",
            "kurgan",
            "tyumen",
            "perm-krai",
        ],
    ),
    (
        "There are over 90,000 Kazakhs living in the Consular District, including over 7,000 "
        "students from the Republic of Kazakhstan.",
        ["consular-district", "republic-of-kazakhstan"],
    ),
    (
        "Ural Federal District, the administrative center and largest city of which is "
        "Yekaterinburg, is one of the rapidly developing industrial, scientific, educational, "
        "logistical and financial centers of the Russian Federation.",
        ["urals-federal-district", "yekaterinburg", "russian-federation"],
    ),
    (
        "In a solemn atmosphere Head of the Government Alikhan Smailov and Governor of the "
        "Sverdlovsk region Yevgeniy Kuivashev cut the red ribbon, and then toured the building "
        "of the Consulate General.",
        [
            "head-of-government",
            "alikhan-smailov",
            "governor-of-sverdlovsk-region",
            "yevgeniy-kuivashev",
            "consulate-general",
        ],
    ),
    (
        "As Prime Minister noted, the opening of the Consulate General in the heart of the Urals "
        "will give an additional impetus to the development of friendly relations between the "
        "Republic of Kazakhstan and Russia.",
        ["prime-minister", "consulate-general", "urals", "republic-of-kazakhstan", "russia"],
    ),
    (
        "He also reminded that 10 years ago in Yekaterinburg the Presidents of two countries "
        "signed the Treaty of Good Neighborliness and Alliance in the XXI century, on the solid "
        "foundation of which bilateral strategic partnership continues to expand.",
        ["yekaterinburg", "treaty-on-good-neighbourliness-and-alliance"],
    ),
    (
        "Last year we celebrated the 10th anniversary of signing the Treaty on Neighbourliness "
        "and Alliance in the 21st Century.",
        ["treaty-on-good-neighbourliness-and-alliance"],
    ),
    (
        "In this regard, the Urals region is important both in terms of geographical proximity "
        "and in terms of established trade and economic relations with the industrially "
        'developed Sverdlovsk, Kurgan, Tyumen, Chelyabinsk regions and the Perm Territory," '
        "Alikhan Smailov emphasized.",
        [
            "urals",
            "sverdlovsk-region",
            "kurgan",
            "tyumen",
            "chelyabinsk",
            "perm-krai",
            "alikhan-smailov",
        ],
    ),
    (
        "President of Kazakhstan Kassym-Jomart Tokayev pays special attention to mutually "
        "beneficial and long-term cooperation with the Russian Federation.",
        ["president-of-kazakhstan", "kassym-jomart-tokayev", "russian-federation"],
    ),
    (
        "The official visit of the President of the Russian Federation, the esteemed Vladimir "
        "Putin, to Kazakhstan last year once again confirmed the allied nature of relations "
        "between our countries.",
        ["president-of-russia", "vladimir-putin", "kazakhstan"],
    ),
    (
        "I would like to take this opportunity to ask you to convey best wishes and kind words "
        "to President of Kazakhstan Kassym-Jomart Tokayev from President of Russia Vladimir "
        "Putin and, of course, from me.",
        [
            "president-of-kazakhstan",
            "kassym-jomart-tokayev",
            "president-of-russia",
            "vladimir-putin",
        ],
    ),
    (
        "The 19th Forum was successfully held last year in Kostanay.",
        ["kostanay"],
    ),
    (
        "The 20th anniversary forum will be held in Russia, in Ufa, this autumn.",
        ["russia", "ufa"],
    ),
    (
        "An effective platform in this direction is the Forum of Interregional Cooperation.",
        ["interregional-cooperation-forum"],
    ),
    (
        "We traditionally start the new year with a visit to hospitable Almaty, and the Digital "
        "Almaty forum, an interesting event that presents innovative developments by our partners "
        "in the Eurasian space, other countries, SCO countries, and investors from Kazakhstan.",
        ["almaty", "digital-almaty", "sco", "kazakhstan"],
    ),
    (
        "And this year Kazakhstan took over the chairmanship of the Eurasian Economic Commission.",
        ["kazakhstan", "eurasian-economic-commission"],
    ),
    (
        "These goals are reflected in the Declaration on the Further Development of Economic "
        "Processes within the Eurasian Economic Union, which was adopted by the leaders of the "
        "five member states at the Supreme Eurasian Economic Council meeting on 25 December in "
        "St Petersburg.",
        [
            "declaration-on-eaeu-economic-processes",
            "supreme-eurasian-economic-council",
            "st-petersburg",
        ],
    ),
    (
        "In Almaty, the Prime Minister of the Republic of Kazakhstan Alikhan Smailov and "
        "Chairman of the Government of the Russian Federation Mikhail Mishustin met.",
        [
            "almaty",
            "prime-minister-of-kazakhstan",
            "alikhan-smailov",
            "chairman-of-the-government-of-russia",
            "mikhail-mishustin",
        ],
    ),
    (
        "The talks were held on the eve of the meeting of the Eurasian Intergovernmental "
        "Council, primeminister.kz reports.",
        ["eurasian-intergovernmental-council", "primeminister-kz"],
    ),
    (
        "According to the head of the Government, Kazakhstan pays great attention to the "
        "development of interregional and cross-border cooperation.",
        ["head-of-government", "kazakhstan"],
    ),
    (
        "Russia and Kazakhstan are accomplishing much within the Eurasian Economic Union.",
        ["russia", "kazakhstan", "eurasian-economic-union"],
    ),
    (
        "The Prime Minister of Kazakhstan Alikhan Smailov arrived on a working trip to "
        "Yekaterinburg (Russia) to participate in INNOPROM, the XIII International Industrial "
        "Exhibition.",
        ["prime-minister-of-kazakhstan", "alikhan-smailov", "yekaterinburg", "russia", "innoprom"],
    ),
    (
        "In the city, the Head of Government first attended the official opening ceremony of the "
        "Consulate General of Kazakhstan, primeminister.kz reports.",
        ["head-of-government", "consulate-general-of-kazakhstan", "primeminister-kz"],
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected"), CORPUS_SENTENCES, ids=[s[:40] for s, _ in CORPUS_SENTENCES]
)
def test_shipped_glossary_finds_the_concepts_of_real_sentences(
    shipped: Termbase, sentence: str, expected: list[str]
) -> None:
    assert [m.key for m in shipped.source_matcher.find(sentence)] == expected


def test_corpus_sentences_are_quoted_exactly() -> None:
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "corpus").glob("*.txt"))
    for sentence, _ in CORPUS_SENTENCES:
        assert sentence.rstrip(" -–") in corpus, sentence


# Capitalised words that name no glossary concept: adjectives, months, the pronoun I.
NOT_NAMES = {
    "Eurasian",
    "I",
    "January",
    "January-May",
    "January-November",
    "Kazakh-Russian",
    "Kazakhstani",
    "May",
    "Russian",
}


def test_shipped_glossary_finds_a_concept_in_every_segment_that_names_one(
    shipped: Termbase,
) -> None:
    """A segment where nothing is found has no capitalised word past its first one, other
    than adjectives, months and 'I': every name in the corpus is in the glossary."""
    from toolkit.corpus.articles import load_corpus

    missed = []
    for article in load_corpus(load_settings(REPO)):
        for segment in article.translatable:
            if shipped.source_matcher.find(segment.text):
                continue
            words = re.findall(r"\w[\w-]*", segment.text)[1:]
            names = [w for w in words if w[0].isupper() and w not in NOT_NAMES]
            if names:
                missed.append(f"{article.id}:{segment.id} {names}")
    assert missed == []
