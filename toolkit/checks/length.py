"""``length-ratio``: a translation far shorter or longer than translations usually are.

The usual ratio (target length / source length, in characters with whitespace runs counted as
one) is the median over the entries being checked in that language, when there are at least
:data:`MIN_SAMPLE` of them with a source of :data:`MIN_SOURCE` characters or more; a smaller
set falls back to :data:`DEFAULT_RATIO`. On this project's reference translations the median is
1.01 for en->ru and 0.98 for en->kk, with log-ratios spread by about 0.13, so a translation
outside half to twice the usual ratio (:data:`BAND`, some five standard deviations) is a
dropped clause, a doubled sentence or text from another entry, not a matter of style. Short
sources (titles, datelines) vary too much to judge and are left out.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator, Sequence

from toolkit.checks.entry import CheckContext, Entry, Issue

__all__ = ["BAND", "DEFAULT_RATIO", "MIN_SAMPLE", "MIN_SOURCE", "check_length_ratio", "usual_ratio"]

MIN_SOURCE = 20
MIN_SAMPLE = 20
DEFAULT_RATIO = 1.0
BAND = 2.0


def _length(text: str) -> int:
    return len(" ".join(text.split()))


def _judged(entries: Sequence[Entry]) -> list[Entry]:
    return [e for e in entries if e.target.strip() and _length(e.source) >= MIN_SOURCE]


def usual_ratio(entries: Sequence[Entry]) -> tuple[float, bool]:
    """(the usual ratio, whether it was measured on *entries* rather than the default)."""
    judged = _judged(entries)
    if len(judged) < MIN_SAMPLE:
        return DEFAULT_RATIO, False
    return statistics.median(_length(e.target) / _length(e.source) for e in judged), True


def check_length_ratio(entries: Sequence[Entry], context: CheckContext) -> Iterator[Issue]:
    if context.language is None:
        return
    usual, measured = usual_ratio(entries)
    basis = (
        f"the median of these {context.language} catalogs"
        if measured
        else "the default for too few entries to measure"
    )
    for entry in _judged(entries):
        ratio = _length(entry.target) / _length(entry.source)
        if usual / BAND <= ratio <= usual * BAND:
            continue
        how = "longer" if ratio > usual else "shorter"
        yield Issue(
            entry,
            f"the translation is {ratio:.2f}× the source's length, far {how} than the usual "
            f"{usual:.2f}× ({basis})",
        )
