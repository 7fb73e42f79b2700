"""Splitting article text into paragraphs and sentences, and classifying each segment.

A segment is the unit of translation: one sentence (or a dateline, a caption, a title). Segments
that must not be translated (boilerplate, text not in the source language) are kept with a
reason, so that the article can be reassembled whole and the exclusion reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SegmentKind(StrEnum):
    TITLE = "title"
    DATELINE = "dateline"
    TEXT = "text"
    CAPTION = "caption"
    BOILERPLATE = "boilerplate"
    FOREIGN = "foreign"  # not in the source language


UNTRANSLATABLE = frozenset({SegmentKind.BOILERPLATE, SegmentKind.FOREIGN})


@dataclass(frozen=True)
class Segment:
    id: str  # stable within its article: "title", "p3.s2"
    text: str
    kind: SegmentKind
    paragraph: int  # 1-based paragraph number; 0 for the title
    line: int  # 1-based line of the corpus file where the segment's paragraph is
    reason: str | None = None  # why a segment is kept out of translation

    @property
    def translatable(self) -> bool:
        return self.kind not in UNTRANSLATABLE
