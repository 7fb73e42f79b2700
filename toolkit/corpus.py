"""The corpus: source articles as UTF-8 text files with JSON metadata, and their import."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from toolkit.segment import Segment, SegmentKind


@dataclass(frozen=True)
class ArticleMeta:
    id: str  # stable, meaningful: "2022-07-04-smailov-mishustin-innoprom"
    title: str  # in the source language; translated like any segment
    date: dt.date | None
    source: str | None  # outlet: "Kazinform", "primeminister.kz"
    dateline: str | None  # dateline place as printed: "Yekaterinburg"
    origin: str | None  # file name the article was imported from
    language: str = "en"


@dataclass(frozen=True)
class Article:
    meta: ArticleMeta
    text_path: Path  # corpus/<id>.txt
    meta_path: Path  # corpus/<id>.json
    segments: tuple[Segment, ...]

    @property
    def id(self) -> str:
        return self.meta.id

    def reference(self, segment: Segment, root: Path) -> str:
        """The gettext ``#:`` reference of a segment: ``corpus/<id>.txt:LINE``."""
        path = self.meta_path if segment.kind is SegmentKind.TITLE else self.text_path
        return f"{path.relative_to(root).as_posix()}:{segment.line}"
