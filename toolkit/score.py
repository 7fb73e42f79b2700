"""Terminology scores of a translation against reference translations (WMT-style).

For every entry translated in the reference, each glossary concept that the source names and
the reference renders with its approved form is a term to get right:

- **exact-match accuracy**: the share of the reference's renderings that the hypothesis has
  with exactly the same text (``Премьер-Министру Республики Казахстан``, inflection included);
- **lemma accuracy** (the fallback): the share the hypothesis has in any inflected form of the
  approved form (morphology as enforcement sees it), so a correct term in a sentence built
  another way still counts.

Both are given per concept and overall, with chrF (sacrebleu, default settings: character
6-grams, beta 2) over all paired entries as the general quality figure. An entry the hypothesis
leaves empty is scored as an empty translation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from toolkit.enforce import term_renderings
from toolkit.gettext.model import Catalog
from toolkit.glossary.termbase import Termbase

__all__ = ["ConceptScore", "Score", "score_catalogs", "score_segments"]


@dataclass(frozen=True)
class ConceptScore:
    concept: str
    total: int  # renderings in the reference
    exact: int  # of them, found with the same text in the hypothesis
    lemma: int  # of them, found in any inflected form (exact ones included)

    @property
    def exact_accuracy(self) -> float:
        return self.exact / self.total if self.total else 0.0

    @property
    def lemma_accuracy(self) -> float:
        return self.lemma / self.total if self.total else 0.0

    def record(self) -> dict[str, Any]:
        return {
            "concept": self.concept,
            "total": self.total,
            "exact": self.exact,
            "lemma": self.lemma,
            "exact_accuracy": round(self.exact_accuracy, 4),
            "lemma_accuracy": round(self.lemma_accuracy, 4),
        }


@dataclass(frozen=True)
class Score:
    language: str
    entries: int  # entries paired (translated in the reference)
    empty: int  # of them, without a translation in the hypothesis
    concepts: tuple[ConceptScore, ...]
    chrf: float

    @property
    def total(self) -> int:
        return sum(c.total for c in self.concepts)

    @property
    def exact(self) -> int:
        return sum(c.exact for c in self.concepts)

    @property
    def lemma(self) -> int:
        return sum(c.lemma for c in self.concepts)

    @property
    def exact_accuracy(self) -> float:
        return self.exact / self.total if self.total else 0.0

    @property
    def lemma_accuracy(self) -> float:
        return self.lemma / self.total if self.total else 0.0

    def record(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "entries": self.entries,
            "empty": self.empty,
            "terms": self.total,
            "exact": self.exact,
            "lemma": self.lemma,
            "exact_accuracy": round(self.exact_accuracy, 4),
            "lemma_accuracy": round(self.lemma_accuracy, 4),
            "chrf": round(self.chrf, 2),
            "concepts": [c.record() for c in self.concepts],
        }


def _renderings(source: str, text: str, termbase: Termbase, language: str) -> dict[str, list[str]]:
    """Per concept of the source: the texts of its approved renderings in *text*."""
    return {
        concept: [" ".join(text[a:b].split()) for a, b in spans]
        for concept, spans in term_renderings(source, text, termbase, language).items()
    }


def score_segments(
    segments: list[tuple[str, str, str]], termbase: Termbase, language: str
) -> Score:
    """Score ``(source, reference, hypothesis)`` triples."""
    from sacrebleu import CHRF

    totals: dict[str, list[int]] = {}
    empty = 0
    for source, reference, hypothesis in segments:
        if not hypothesis.strip():
            empty += 1
        expected = _renderings(source, reference, termbase, language)
        produced = _renderings(source, hypothesis, termbase, language)
        for concept, wanted in expected.items():
            if not wanted:
                continue  # the reference words it another way: nothing to compare with
            got = produced.get(concept, [])
            exact = sum((Counter(wanted) & Counter(got)).values())
            counts = totals.setdefault(concept, [0, 0, 0])
            counts[0] += len(wanted)
            counts[1] += exact
            counts[2] += min(len(wanted), len(got))
    concepts = tuple(ConceptScore(concept, *counts) for concept, counts in sorted(totals.items()))
    chrf = 0.0
    if segments:
        hypotheses = [h for _, _, h in segments]
        references = [r for _, r, _ in segments]
        chrf = float(CHRF().corpus_score(hypotheses, [references]).score)
    return Score(language, len(segments), empty, concepts, chrf)


def score_catalogs(
    reference: Catalog, hypothesis: Catalog, termbase: Termbase, language: str
) -> Score:
    """Score *hypothesis* against *reference*, entry by entry (matched by msgctxt and msgid)."""
    segments: list[tuple[str, str, str]] = []
    for message in reference.active:
        if not message.msgid or not message.has_translation:
            continue
        other = hypothesis.get(message.key)
        got = other.translations if other is not None and not other.obsolete else ()
        sources = [message.msgid] + [message.msgid_plural or message.msgid] * (
            len(message.translations) - 1
        )
        for i, (source, wanted) in enumerate(zip(sources, message.translations, strict=True)):
            if wanted:
                segments.append((source, wanted, got[i] if i < len(got) else ""))
    return score_segments(segments, termbase, language)
