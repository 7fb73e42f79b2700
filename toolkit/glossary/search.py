"""Finding the glossary's concepts in a text or across the corpus (``toolkit glossary find``).

A :class:`ConceptMatch` is a matcher :class:`~toolkit.glossary.matcher.Match` of a source form
with the type of the concept it names; :class:`SegmentMatches` are the matches in one segment of
an article. Both give their JSON shape with ``record()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.corpus.articles import Article
from toolkit.glossary.matcher import Match
from toolkit.glossary.termbase import ConceptType, Termbase

__all__ = ["ConceptMatch", "SegmentMatches", "find_in_articles", "find_in_text"]


@dataclass(frozen=True)
class ConceptMatch:
    """A source form found in a text, and the type of the concept it names."""

    match: Match
    type: ConceptType | None  # None only when the match key names no concept

    def record(self) -> dict[str, Any]:
        match = self.match
        return {
            "start": match.start,
            "end": match.end,
            "text": match.text,
            "concept": match.key,
            "concepts": list(match.keys),
            "type": self.type.value if self.type else None,
            "pattern": match.pattern,
        }


@dataclass(frozen=True)
class SegmentMatches:
    """The concepts found in one translatable segment of an article (none: an unmatched one)."""

    article: str  # article id
    segment: str  # segment id (p1.s2)
    reference: str  # where the segment is: corpus/<id>.txt:LINE
    text: str
    matches: tuple[ConceptMatch, ...]

    @property
    def label(self) -> str:
        """``article:segment``, as the other corpus commands name a segment."""
        return f"{self.article}:{self.segment}"

    def record(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "segment": self.segment,
            "reference": self.reference,
            "text": self.text,
            "matches": [m.record() for m in self.matches],
        }


def find_in_text(termbase: Termbase, text: str) -> list[ConceptMatch]:
    """Every concept the source forms of *termbase* find in *text*, leftmost-longest."""
    return [_typed(termbase, match) for match in termbase.source_matcher.find(text)]


def find_in_articles(
    termbase: Termbase, articles: Iterable[Article], root: Path, *, unmatched: bool = False
) -> list[SegmentMatches]:
    """The translatable segments of *articles* where a concept is found, in corpus order; with
    *unmatched*, the segments where none is (their ``matches`` are empty). *root*: the project
    folder that references are relative to."""
    results = []
    for article in articles:
        for segment in article.translatable:
            found = find_in_text(termbase, segment.text)
            if unmatched == (not found):
                results.append(
                    SegmentMatches(
                        article=article.id,
                        segment=segment.id,
                        reference=article.reference(segment, root),
                        text=segment.text,
                        matches=tuple(found),
                    )
                )
    return results


def _typed(termbase: Termbase, match: Match) -> ConceptMatch:
    concept = termbase.get(match.key)
    return ConceptMatch(match, concept.type if concept is not None else None)
