"""What every engine is: the :class:`Engine` protocol and the values it hands back.

The job talks only to this protocol. It lives apart from :mod:`toolkit.engines` (which
re-exports it) because that package opens the engines, and the engines need these names:
defining them here keeps the imports pointing one way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Route:
    """How one language pair is served: a direct model or a pivot through other languages."""

    source: str
    target: str
    steps: tuple[str, ...]  # provenance of each hop, e.g. ("argos translate-en_ru 1.9",)
    via: tuple[str, ...] = ()  # pivot languages, empty for a direct route

    def describe(self) -> str:
        path = " -> ".join((self.source, *self.via, self.target))
        return f"{path} ({'; '.join(self.steps)})"


@dataclass(frozen=True)
class Translation:
    text: str
    provenance: str  # what produced it: "argos translate-en_ru 1.9", "memory ru/<article>.po"
    fuzzy: bool = True  # machine output stays fuzzy until a person approves it


@runtime_checkable
class Engine(Protocol):
    name: str

    def pairs(self) -> set[tuple[str, str]]:
        """The (source, target) pairs this engine can translate, pivots included."""
        ...

    def route(self, source: str, target: str) -> Route:
        """How the pair would be served; raises EngineUnavailable when it can't be."""
        ...

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[Translation]:
        """Translate many segments in one call, in order; one result per segment."""
        ...
