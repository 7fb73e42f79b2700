"""What enforcement changed in a translation: one :class:`Change` per replaced span.

Both sides make changes: the source side puts do-not-translate terms back into machine output
(:mod:`toolkit.enforce.protect`), the target side repairs terms (:mod:`toolkit.enforce.repair`).
A change is written onto its catalog entry in the format of :mod:`toolkit.enforce.records`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from toolkit.enforce.records import enforcement_comment
from toolkit.findings import Location

__all__ = ["Change", "ChangeKind"]


class ChangeKind(StrEnum):
    WRONG_VARIANT = "wrong-variant"  # a listed wrong variant replaced
    NEAR_MISS = "near-miss"  # a misspelling or transliteration replaced
    INFLECTION = "inflection"  # the approved form put into the case the sentence needs
    RESTORED = "restored"  # a do-not-translate term put back after machine translation


@dataclass(frozen=True)
class Change:
    """One replacement in a translation."""

    concept: str
    kind: ChangeKind
    old: str
    new: str
    span: tuple[int, int]  # of ``old`` in the text before enforcement
    new_span: tuple[int, int]  # of ``new`` in the text after it
    features: str = ""  # the grammatical reading carried over: "dative singular"

    def comment(self) -> str:
        """The translator-comment line that records this change on a catalog entry."""
        return enforcement_comment(self.concept, _flat(self.old), _flat(self.new))

    def record(self, location: Location, language: str | None) -> dict[str, Any]:
        """The JSON shape of a change in ``toolkit enforce --format json``: the change at the
        entry *location* of a catalog in *language* (both known to the caller only)."""
        return {
            "location": str(location),
            "language": language,
            "concept": self.concept,
            "kind": self.kind.value,
            "old": self.old,
            "new": self.new,
            "features": self.features,
            "span": list(self.span),
            "new_span": list(self.new_span),
        }


def _flat(text: str) -> str:
    return " ".join(text.split())
