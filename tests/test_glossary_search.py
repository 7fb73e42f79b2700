"""Finding concepts in a text and across the corpus (`toolkit glossary find`), and the JSON
records of what is found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.config import load_settings
from toolkit.corpus.articles import load_corpus
from toolkit.glossary.search import find_in_articles, find_in_text
from toolkit.glossary.termbase import Concept, ConceptType, TargetTerm, Termbase

TERMBASE = Termbase(
    concepts=(
        Concept(
            "alikhan-smailov",
            ConceptType.PERSON,
            "Alikhan Smailov",
            ("Alihan Smailov", "Smailov"),
            targets=(TargetTerm("ru", "Алихан Смаилов"),),
        ),
        Concept("almaty", ConceptType.PLACE, "Almaty", ("Alma-Ata",)),
        Concept("kazakh-premier", ConceptType.TITLE, "Kazakh Premier"),
        Concept("premier", ConceptType.TITLE, "Premier"),
    ),
    languages=("ru", "kk"),
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Alikhan Smailov", [(0, 15, "alikhan-smailov", "person", "Alikhan Smailov")]),
        ("ALIHAN SMAILOV", [(0, 14, "alikhan-smailov", "person", "Alihan Smailov")]),
        (
            "Kazakh Premier Smailov in Alma-Ata.",
            [
                (0, 14, "kazakh-premier", "title", "Kazakh Premier"),
                (15, 22, "alikhan-smailov", "person", "Smailov"),
                (26, 34, "almaty", "place", "Alma-Ata"),
            ],
        ),
        ("The Premier of Almatyland.", [(4, 11, "premier", "title", "Premier")]),
        ("Nothing here.", []),
    ],
)
def test_find_in_text(text: str, found: list[tuple[int, int, str, str, str]]) -> None:
    matches = find_in_text(TERMBASE, text)
    assert [
        (m.match.start, m.match.end, m.match.key, m.type and m.type.value, m.match.pattern)
        for m in matches
    ] == found


def test_a_match_record() -> None:
    (match,) = find_in_text(TERMBASE, "SMAILOV")
    assert match.record() == {
        "start": 0,
        "end": 7,
        "text": "SMAILOV",
        "concept": "alikhan-smailov",
        "concepts": ["alikhan-smailov"],
        "type": "person",
        "pattern": "Smailov",
    }


TALKS = "2024-03-01-talks"
WEATHER = "2024-03-02-weather"
ARTICLE = {
    "date": "2024-03-01",
    "dateline": None,
    "language": "en",
    "note": None,
    "origin": None,
    "source": None,
}


def corpus(project: Path) -> Path:
    folder = project / "corpus"
    folder.mkdir()
    for article_id, title, text in [
        (
            TALKS,
            "Smailov in Almaty",
            "Alikhan Smailov arrived in Almaty.\n\nThe talks went well.\n",
        ),
        (WEATHER, "Rain", "It rained all day.\n"),
    ]:
        (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
        meta = {**ARTICLE, "id": article_id, "title": title}
        (folder / f"{article_id}.json").write_text(json.dumps(meta), encoding="utf-8")
    return project


@pytest.mark.parametrize(
    ("unmatched", "segments"),
    [
        (
            False,
            [
                (f"{TALKS}:title", f"corpus/{TALKS}.json:1", ["alikhan-smailov", "almaty"]),
                (f"{TALKS}:p1.s1", f"corpus/{TALKS}.txt:1", ["alikhan-smailov", "almaty"]),
            ],
        ),
        (
            True,
            [
                (f"{TALKS}:p2.s1", f"corpus/{TALKS}.txt:3", []),
                (f"{WEATHER}:title", f"corpus/{WEATHER}.json:1", []),
                (f"{WEATHER}:p1.s1", f"corpus/{WEATHER}.txt:1", []),
            ],
        ),
    ],
    ids=["matched", "unmatched"],
)
def test_find_in_articles(
    project: Path, unmatched: bool, segments: list[tuple[str, str, list[str]]]
) -> None:
    settings = load_settings(corpus(project))
    articles = load_corpus(settings)
    results = find_in_articles(TERMBASE, articles, settings.root, unmatched=unmatched)
    assert [(r.label, r.reference, [m.match.key for m in r.matches]) for r in results] == segments


def test_a_segment_record(project: Path) -> None:
    settings = load_settings(corpus(project))
    first = find_in_articles(TERMBASE, load_corpus(settings), settings.root)[1]
    assert first.record() == {
        "article": TALKS,
        "segment": "p1.s1",
        "reference": f"corpus/{TALKS}.txt:1",
        "text": "Alikhan Smailov arrived in Almaty.",
        "matches": [m.record() for m in find_in_text(TERMBASE, first.text)],
    }
    assert [m["concept"] for m in first.record()["matches"]] == ["alikhan-smailov", "almaty"]
