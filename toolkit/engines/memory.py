"""Translation memory: what the project's catalogs already say about a sentence.

Every catalog of a target language is read; each translated message becomes a memory unit.
An exact msgid match is reused as it is, keeping its fuzzy state: an approved translation
stays approved, a machine suggestion stays a suggestion. When one sentence is translated in
several catalogs, an approved translation wins over a fuzzy one, an active message over an
obsolete one, and then the first catalog in path order (so the choice is deterministic).

A similar but not identical sentence is never used as a translation: the best match above a
threshold is only *offered*, as an ``#. x-memory:`` annotation the reviewer sees next to the
entry.

Messages whose translation belongs to another source are not memory: a msgmerge fuzzy match
(``#| msgid`` set) carries the translation of the previous sentence, not of its msgid.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from toolkit.config import Settings
from toolkit.engines.protocol import Route, Translation
from toolkit.errors import EngineUnavailable
from toolkit.gettext.model import Catalog, Message
from toolkit.project.catalogs import language_catalogs

# Similarity (0-100, rapidfuzz's ratio) from which a sentence is offered as a suggestion. Lower
# than that, news sentences share names and dates but not meaning.
SUGGESTION_THRESHOLD = 75.0
MEMORY_KEY = "memory"  # the annotation key: ``#. x-memory: ...``
ENGINE_KEY = "engine"  # machine provenance travels with a reused translation


@dataclass(frozen=True)
class Unit:
    """One translated sentence the project already has."""

    source: str
    target: str
    fuzzy: bool
    origin: str  # the article (catalog stem) it comes from
    obsolete: bool = False
    provenance: str | None = None  # the ``x-engine`` annotation when it is machine output

    @property
    def rank(self) -> tuple[bool, bool]:
        """Sort key: approved before fuzzy, active before obsolete."""
        return (self.fuzzy, self.obsolete)


@dataclass(frozen=True)
class Suggestion:
    """A similar sentence and its translation, offered to the reviewer, never applied."""

    score: float  # 0-100
    unit: Unit

    def annotation(self) -> str:
        """The value of ``#. x-memory:``: ``87% <article>: <source> => <target>``."""
        state = " (fuzzy)" if self.unit.fuzzy else ""
        return (
            f"{self.score:.0f}% {self.unit.origin}{state}: "
            f"{_one_line(self.unit.source)} => {_one_line(self.unit.target)}"
        )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def units_of(catalog: Catalog, origin: str) -> list[Unit]:
    """The memory units of one catalog: its translated singular messages."""
    units = []
    for message in catalog.messages:
        if not _usable(message):
            continue
        provenance = dict(message.annotations).get(ENGINE_KEY)
        units.append(
            Unit(
                source=message.msgid,
                target=message.msgstr,
                fuzzy=message.fuzzy,
                origin=origin,
                obsolete=message.obsolete,
                provenance=provenance,
            )
        )
    return units


def _usable(message: Message) -> bool:
    # Plural messages never come out of the corpus; a msgctxt only narrows the meaning, so the
    # text is still a translation of the msgid.
    return (
        bool(message.msgid)
        and not message.plural
        and bool(message.msgstr)
        and message.previous_msgid is None
    )


class TranslationMemory:
    """The memory of one target language, built from catalogs; also an :class:`Engine`.

    As an engine it translates exactly what it remembers and returns an empty translation for
    the rest (``--engine memory``: reuse only, no machine translation).
    """

    name = "memory"

    def __init__(self, source: str, target: str, units: Iterable[Unit]) -> None:
        self.source = source
        self.target = target
        best: dict[str, Unit] = {}
        for unit in units:
            held = best.get(unit.source)
            if held is None or unit.rank < held.rank:
                best[unit.source] = unit
        self._best = best
        # Preference order for suggestions: approved before fuzzy, active before obsolete,
        # then catalog order (the sort is stable).
        self._sources = sorted(best, key=lambda text: best[text].rank)

    def __len__(self) -> int:
        return len(self._best)

    def lookup(self, source: str) -> Unit | None:
        """The remembered translation of exactly this sentence, if any."""
        return self._best.get(source)

    def suggest(self, source: str, threshold: float = SUGGESTION_THRESHOLD) -> Suggestion | None:
        """The most similar remembered sentence (not *source* itself) at or above *threshold*.

        Ties go to the approved translation, then to the first sentence in catalog order.
        """
        if not self._sources:
            return None
        # extractOne raises its cutoff as it goes (several times faster than ranking them
        # all) and keeps the first of equal scores: the sources are in preference order.
        found = process.extractOne(source, self._sources, scorer=fuzz.ratio, score_cutoff=threshold)
        if found is not None and found[0] == source:
            ranked = process.extract(
                source, self._sources, scorer=fuzz.ratio, score_cutoff=threshold, limit=2
            )
            found = next((f for f in ranked if f[0] != source), None)
        if found is None:
            return None
        return Suggestion(score=found[1], unit=self._best[found[0]])

    # --- the Engine protocol -------------------------------------------------------------

    def pairs(self) -> set[tuple[str, str]]:
        return {(self.source, self.target)}

    def route(self, source: str, target: str) -> Route:
        if (source, target) != (self.source, self.target):
            raise EngineUnavailable(
                f"the translation memory for {self.target!r} cannot translate {source} -> {target}",
                hint="build a memory for that language",
            )
        return Route(source, target, steps=(f"memory {target}",))

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[Translation]:
        self.route(source, target)
        results = []
        for segment in segments:
            unit = self.lookup(segment)
            if unit is None:
                results.append(Translation("", provenance=f"memory {target}", fuzzy=False))
            else:
                results.append(
                    Translation(unit.target, provenance=f"memory {unit.origin}", fuzzy=unit.fuzzy)
                )
        return results


def load_memory(
    settings: Settings,
    language: str,
    catalogs: Iterable[tuple[str, Catalog]] | None = None,
) -> TranslationMemory:
    """The memory of *language*: every catalog in ``translations/<language>/``.

    *catalogs* (article, catalog) replaces reading the folder, for callers that have the
    catalogs at hand already.
    """
    if catalogs is None:
        found = language_catalogs(settings, language)
        catalogs = ((article, item.catalog) for article, item in found.items())
    units = [unit for origin, catalog in catalogs for unit in units_of(catalog, origin)]
    return TranslationMemory(settings.source_language, language, units)
