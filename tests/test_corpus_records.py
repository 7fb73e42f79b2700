"""The JSON shapes of articles (``toolkit corpus list|show --format json``) and their metadata."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from toolkit.corpus.articles import Article, ArticleMeta, meta_to_json
from toolkit.corpus.segmentation import Segment, SegmentKind

ROOT = Path("/project")

META = ArticleMeta(
    id="2022-07-04-smailov-innoprom",
    title="Smailov visits INNOPROM",
    date=dt.date(2022, 7, 4),
    source="Kazinform",
    dateline="Yekaterinburg",
    origin="innoprom.txt",
    note="date from the site",
)
BARE = ArticleMeta(id="bare", title="A title", date=None, source=None, dateline=None, origin=None)

TITLE = Segment("title", "Smailov visits INNOPROM", SegmentKind.TITLE, paragraph=0, line=3)
TEXT = Segment("p1.s1", "Smailov arrived.", SegmentKind.TEXT, paragraph=1, line=1)
CREDIT = Segment(
    "p2.s1", "Photo: Kazinform", SegmentKind.BOILERPLATE, paragraph=2, line=3, reason="credit"
)


def article(
    meta: ArticleMeta = META, segments: tuple[Segment, ...] = (TITLE, TEXT, CREDIT)
) -> Article:
    folder = ROOT / "corpus"
    return Article(meta, folder / f"{meta.id}.txt", folder / f"{meta.id}.json", segments)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (
            META,
            {
                "id": "2022-07-04-smailov-innoprom",
                "title": "Smailov visits INNOPROM",
                "date": "2022-07-04",
                "source": "Kazinform",
                "dateline": "Yekaterinburg",
                "origin": "innoprom.txt",
                "language": "en",
                "note": "date from the site",
            },
        ),
        (
            BARE,
            {
                "id": "bare",
                "title": "A title",
                "date": None,
                "source": None,
                "dateline": None,
                "origin": None,
                "language": "en",
                "note": None,
            },
        ),
    ],
)
def test_meta_record(meta: ArticleMeta, expected: dict[str, Any]) -> None:
    assert meta.record() == expected
    assert list(meta.record()) == list(expected)  # `corpus show` prints them in this order
    assert json.loads(meta_to_json(meta)) == expected  # the metadata file holds the same


@pytest.mark.parametrize(
    ("segment", "reference", "expected"),
    [
        (
            TEXT,
            "corpus/a.txt:1",
            {
                "id": "p1.s1",
                "kind": "text",
                "text": "Smailov arrived.",
                "paragraph": 1,
                "reference": "corpus/a.txt:1",
                "translatable": True,
                "reason": None,
            },
        ),
        (
            CREDIT,
            "corpus/a.txt:3",
            {
                "id": "p2.s1",
                "kind": "boilerplate",
                "text": "Photo: Kazinform",
                "paragraph": 2,
                "reference": "corpus/a.txt:3",
                "translatable": False,
                "reason": "credit",
            },
        ),
    ],
)
def test_segment_record(segment: Segment, reference: str, expected: dict[str, Any]) -> None:
    record = segment.record(reference)
    assert record == expected
    assert list(record) == list(expected)


@pytest.mark.parametrize(
    ("meta", "segments", "expected"),
    [
        (
            META,
            (TITLE, TEXT, CREDIT),
            {
                "id": "2022-07-04-smailov-innoprom",
                "date": "2022-07-04",
                "title": "Smailov visits INNOPROM",
                "source": "Kazinform",
                "dateline": "Yekaterinburg",
                "segments": 3,
                "translatable": 2,
            },
        ),
        (
            BARE,
            (TITLE,),
            {
                "id": "bare",
                "date": None,
                "title": "A title",
                "source": None,
                "dateline": None,
                "segments": 1,
                "translatable": 1,
            },
        ),
    ],
)
def test_article_summary_record(
    meta: ArticleMeta, segments: tuple[Segment, ...], expected: dict[str, Any]
) -> None:
    record = article(meta, segments).summary_record()
    assert record == expected
    assert list(record) == list(expected)


def test_article_record_shows_paths_relative_to_the_root_and_every_segment() -> None:
    shown = article()
    record = shown.record(ROOT)
    assert list(record) == [*META.record(), "text_path", "meta_path", "segments"]
    assert {k: record[k] for k in META.record()} == META.record()
    assert record["text_path"] == "corpus/2022-07-04-smailov-innoprom.txt"
    assert record["meta_path"] == "corpus/2022-07-04-smailov-innoprom.json"
    # The title's reference is in the metadata file; the body's in the text file.
    assert [s["reference"] for s in record["segments"]] == [
        "corpus/2022-07-04-smailov-innoprom.json:3",
        "corpus/2022-07-04-smailov-innoprom.txt:1",
        "corpus/2022-07-04-smailov-innoprom.txt:3",
    ]
    assert record["segments"][1] == TEXT.record("corpus/2022-07-04-smailov-innoprom.txt:1")
