"""Variant discovery: on the real corpus with variants removed from the shipped glossary, on small
made-up passages for new names and for words that are not names, and at glossary scale."""

from __future__ import annotations

import json
import shlex
import time
from pathlib import Path

import pytest

from toolkit.config import load_settings
from toolkit.corpus.articles import load_corpus
from toolkit.glossary.discover import (
    Discovery,
    NameSuggestion,
    Passage,
    VariantSuggestion,
    corpus_passages,
    discover,
    skeleton,
)
from toolkit.glossary.storage import read_glossary
from toolkit.glossary.termbase import Concept, ConceptChange, ConceptType, Termbase, apply_change

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def shipped() -> Termbase:
    return read_glossary(load_settings(REPO))


@pytest.fixture(scope="module")
def corpus() -> list[Passage]:
    return corpus_passages(load_corpus(load_settings(REPO)))


def without(termbase: Termbase, concept_id: str, variant: str) -> Termbase:
    concept = termbase.get(concept_id)
    assert concept is not None and variant in concept.variants
    change = ConceptChange(remove_variants=(variant,))
    return termbase.with_concept(apply_change(concept, change, termbase.languages))


@pytest.mark.parametrize(
    ("concept_id", "variant", "evidence", "count"),
    [
        ("alikhan-smailov", "Alihan Smailov", "transliteration of 'Alikhan Smailov': h for kh", 5),
        ("yekaterinburg", "Ekaterinburg", "transliteration of 'Yekaterinburg': e for ye", 1),
        ("yevgeniy-kuivashev", "Kuivashev", "transliteration of 'Kuyvashev': i for y", 1),
        ("urals-federal-district", "Ural Federal District", "1 edit(s) from 'Urals Federal", 1),
    ],
)
def test_finds_a_removed_variant_in_the_corpus(
    shipped: Termbase,
    corpus: list[Passage],
    concept_id: str,
    variant: str,
    evidence: str,
    count: int,
) -> None:
    found = discover(without(shipped, concept_id, variant), corpus)
    [suggestion] = found.variants
    assert (suggestion.concept, suggestion.form, suggestion.count) == (concept_id, variant, count)
    assert suggestion.evidence.startswith(evidence)
    assert (
        suggestion.command == f"toolkit glossary edit {concept_id} --variant {shlex.quote(variant)}"
    )
    assert variant not in [name.form for name in found.names]


def test_shipped_glossary_on_the_corpus(shipped: Termbase, corpus: list[Passage]) -> None:
    found = discover(shipped, corpus)
    assert found.variants == ()
    assert [(n.form, n.type, n.count) for n in found.names] == [
        ("International Industrial Exhibition", ConceptType.EVENT, 2)
    ]
    assert found.names[0].command == (
        "toolkit glossary add 'International Industrial Exhibition' --type event"
    )
    assert found == discover(shipped, corpus)  # deterministic


GLOSSARY = Termbase(
    (
        Concept("yekaterinburg", ConceptType.PLACE, "Yekaterinburg"),
        Concept("alikhan-smailov", ConceptType.PERSON, "Alikhan Smailov", ("Smailov",)),
        Concept("russia", ConceptType.PLACE, "Russia"),
        Concept("kostanay", ConceptType.PLACE, "Kostanay"),
    ),
    ("ru", "kk"),
)


def passages(*texts: str) -> list[Passage]:
    return [Passage(f"a:p{i}.s1", text) for i, text in enumerate(texts, start=1)]


@pytest.mark.parametrize(
    ("text", "form", "evidence"),
    [
        ("He flew from EKATERINBURG to Kostanay.", "Ekaterinburg", "e for ye"),
        ("Ekaterinburg’s mayor met him.", "Ekaterinburg", "e for ye"),
        ("The governor met Alihan Smailov's team.", "Alihan Smailov", "h for kh"),
        ("Talks were held in Kostanai on Monday.", "Kostanai", "i for y"),
    ],
)
def test_caps_possessives_and_transliterations(text: str, form: str, evidence: str) -> None:
    [suggestion] = discover(GLOSSARY, passages(text)).variants
    assert suggestion.form == form
    assert suggestion.evidence.endswith(evidence)


@pytest.mark.parametrize(
    "text",
    [
        "Russian officials arrived; Russians voted.",  # another word, not another spelling
        "Smailov and Yekaterinburg are already listed, as is YEKATERINBURG.",
        "Prussia is not Russia.",  # a different first letter is another name
    ],
)
def test_no_variant_suggestion(text: str) -> None:
    assert discover(GLOSSARY, passages(text)).variants == ()


def test_new_name_repeated_in_a_small_corpus() -> None:
    texts = passages(
        "The delegation was received by Zhanibek Orazbayev in Yekaterinburg.",
        "In March, Zhanibek Orazbayev visited Kostanay.",
        "During the talks Zhanibek Orazbayev said the Ural Mining Company would invest.",
        "The Ural Mining Company opened a plant in January.",
        "In January the plant opened.",
        "The plant is in Russia.",
        "Despite the weather, talks went on.",
        "Despite everything, they agreed.",
    )
    found = discover(GLOSSARY, texts)
    assert [(n.form, n.count, n.type) for n in found.names] == [
        ("Zhanibek Orazbayev", 3, ConceptType.OTHER),
        ("Ural Mining Company", 2, ConceptType.ORGANISATION),
    ]
    assert found.names[0].examples == ("a:p1.s1", "a:p2.s1", "a:p3.s1")
    forms = {n.form for n in discover(GLOSSARY, texts, min_count=1).names}
    for word in ("The", "In", "During", "March", "January", "Despite", "In March"):
        assert word not in forms


@pytest.mark.parametrize(
    ("texts", "min_count", "expected"),
    [
        (["Aigerim Bekova spoke."], 2, []),
        (["Aigerim Bekova spoke."], 1, ["Aigerim Bekova"]),
        # a word capitalised only where a sentence starts is an ordinary word
        (["Systematic work goes on.", "Systematic checks help."], 1, []),
        # a headline capitalises every word
        (["Ministers Meet In Astana To Talk Trade"], 1, []),
        # names on both sides of a known one stay apart
        (["Aigerim Bekova and Russia and Dana Omar met."], 1, ["Aigerim Bekova", "Dana Omar"]),
    ],
)
def test_name_rules(texts: list[str], min_count: int, expected: list[str]) -> None:
    given = [Passage(f"a:{i}", text, headline="Meet" in text) for i, text in enumerate(texts)]
    found = discover(GLOSSARY, given, min_count=min_count)
    assert sorted(n.form for n in found.names) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Alihan", "Alikhan"),
        ("Ekaterinburg", "YEKATERINBURG"),
        ("Kuyvashev", "Kuivashev"),
        ("Kostanai", "Kostanay"),
        ("Kasym-Jomart", "Kassym Jomart"),
        ("Yevgeny", "Yevgeniy"),
        ("Neighbourliness", "Neighborliness"),
        ("Kazakhstan's", "Kazakhstan"),
    ],
)
def test_skeleton_folds_transliteration_pairs(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(("a", "b"), [("Russia", "Russian"), ("Ufa", "Uva"), ("Perm", "Term")])
def test_skeleton_keeps_other_words_apart(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


def test_blocking_scales_to_a_large_glossary() -> None:
    # 10,000 made-up names, 2,000 sentences with 4,000 distinct unknown names and one misspelt
    # known name: every candidate is compared, but only with its block of known forms
    syllables = ["ka", "zo", "mir", "tan", "bek", "ul", "ar", "sen", "dor", "lin"]
    words = [
        a + b + c + d for a in syllables for b in syllables for c in syllables for d in syllables
    ]
    concepts = [
        Concept(f"c{i}", ConceptType.PERSON, word.capitalize()) for i, word in enumerate(words)
    ]
    concepts.append(Concept("target", ConceptType.PLACE, "Karaganda Oblast"))
    termbase = Termbase(tuple(concepts), ("ru",))
    texts = [
        f"Officials from Karagandy Oblast met Vu{words[i].capitalize()} and "
        f"{words[-i].capitalize()}ovich in Astana."
        for i in range(2000)
    ]
    started = time.perf_counter()
    found = discover(termbase, passages(*texts), min_count=5)
    elapsed = time.perf_counter() - started
    assert [(s.concept, s.form, s.count) for s in found.variants] == [
        ("target", "Karagandy Oblast", 2000)
    ]
    assert [n.form for n in found.names] == ["Astana"]  # "Officials" only starts sentences
    assert elapsed < 20  # a few seconds even on a slow machine; naive comparison takes minutes


def test_empty_glossary_and_empty_corpus() -> None:
    empty = Termbase(languages=("ru",))
    assert discover(empty, []).names == ()
    found = discover(empty, passages("Aigerim Bekova met Dana Omar.", "Aigerim Bekova left."))
    assert [(n.form, n.count) for n in found.names] == [("Aigerim Bekova", 2)]


# --- passages and records ----------------------------------------------------------------------


def test_corpus_passages_are_the_translatable_segments(project: Path) -> None:
    corpus = project / "corpus"
    corpus.mkdir()
    (corpus / "2024-03-01-talks.txt").write_text(
        "Zhanibek Orazbayev met the delegation.\n\nPhoto: Kazinform\n", encoding="utf-8"
    )
    meta = {
        "id": "2024-03-01-talks",
        "title": "Talks In The Region",
        "date": "2024-03-01",
        "dateline": None,
        "language": "en",
        "note": None,
        "origin": None,
        "source": None,
    }
    (corpus / "2024-03-01-talks.json").write_text(json.dumps(meta), encoding="utf-8")
    assert corpus_passages(load_corpus(load_settings(project))) == [
        Passage("2024-03-01-talks:title", "Talks In The Region", headline=True),
        Passage("2024-03-01-talks:p1.s1", "Zhanibek Orazbayev met the delegation."),
    ]


VARIANT = VariantSuggestion(
    concept="yekaterinburg",
    form="Ekaterinburg",
    known="Yekaterinburg",
    evidence="transliteration of 'Yekaterinburg': e for ye",
    count=1,
    examples=("a:p1.s1",),
)
NAME = NameSuggestion(
    form="Zhanibek Orazbayev", type=ConceptType.PERSON, count=2, examples=("a:p1.s1", "a:p2.s1")
)


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        (Discovery((), ()), {"variants": [], "names": []}),
        (
            Discovery((VARIANT,), (NAME,)),
            {
                "variants": [
                    {
                        "concept": "yekaterinburg",
                        "form": "Ekaterinburg",
                        "known": "Yekaterinburg",
                        "evidence": "transliteration of 'Yekaterinburg': e for ye",
                        "count": 1,
                        "examples": ["a:p1.s1"],
                        "command": "toolkit glossary edit yekaterinburg --variant Ekaterinburg",
                    }
                ],
                "names": [
                    {
                        "form": "Zhanibek Orazbayev",
                        "type": "person",
                        "count": 2,
                        "examples": ["a:p1.s1", "a:p2.s1"],
                        "command": "toolkit glossary add 'Zhanibek Orazbayev' --type person",
                    }
                ],
            },
        ),
    ],
    ids=["empty", "both"],
)
def test_discovery_record(found: Discovery, expected: dict[str, object]) -> None:
    assert found.record() == expected
