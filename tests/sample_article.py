"""One article built in memory, and a translator's edits: what the project workflow tests share.

The article is made from segments directly (no corpus files), so extract, update, stats and
compile are tested without the corpus importer. ``tests/conftest.py`` turns it into the
``article`` fixture, in the throwaway ``project``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from toolkit.corpus.articles import Article, ArticleMeta
from toolkit.corpus.segmentation import Segment, SegmentKind
from toolkit.gettext.model import with_translation
from toolkit.gettext.pofile import read_catalog, write_catalog

DAY1, DAY2 = "1706780000", "1706866400"  # 2024-02-01 09:33, 2024-02-02 09:33 UTC
ARTICLE_ID = "2022-07-04-innoprom"

T = SegmentKind.TEXT
SENTENCES = [
    ("title", "Smailov and Mishustin meet at INNOPROM", SegmentKind.TITLE, 0, 9),
    ("p1.s1", "YEKATERINBURG. KAZINFORM -", SegmentKind.DATELINE, 1, 1),
    ("p1.s2", "Alikhan Smailov arrived in Yekaterinburg.", T, 1, 1),
    ("p1.s3", "The sides discussed trade.", T, 1, 1),
    ("p2.s1", "Images | primeminister.kz", SegmentKind.BOILERPLATE, 2, 3),
    ("p3.s1", "Предыдущая новость Следующая новость", SegmentKind.FOREIGN, 3, 5),
    ("p4.s1", "The sides discussed trade.", T, 4, 7),
    ("p4.s2", "«We will meet again,» said Smailov.", T, 4, 7),
]


def make_article(
    root: Path, article_id: str, rows: Sequence[tuple[str, str, SegmentKind, int, int]]
) -> Article:
    segments = tuple(
        Segment(
            id=sid,
            text=text,
            kind=kind,
            paragraph=paragraph,
            line=line,
            reason=None if kind not in (SegmentKind.BOILERPLATE, SegmentKind.FOREIGN) else "test",
        )
        for sid, text, kind, paragraph, line in rows
    )
    meta = ArticleMeta(
        id=article_id, title=rows[0][1], date=None, source="Kazinform", dateline=None, origin=None
    )
    corpus = root / "corpus"
    return Article(meta, corpus / f"{article_id}.txt", corpus / f"{article_id}.json", segments)


def translate(path: Path, translations: dict[str, str], *, fuzzy: bool = False) -> None:
    """What a translator (or the translate job) does to a catalog."""
    catalog = read_catalog(path)
    for msgid, text in translations.items():
        message = catalog.find(msgid)
        assert message is not None, msgid
        catalog = catalog.with_message(with_translation(message, text, fuzzy=fuzzy))
    write_catalog(path, catalog)
