"""What a check looks at: one translation of one catalog entry, and what it may consult.

An :class:`Entry` is one (source, target) pair: the msgid and the msgstr of a message, or one
plural form. It knows where it comes from (catalog path and line), which segments of its
article it stands for (the ``#. p3.s2 (text)`` lines that ``toolkit extract`` writes) and so
which paragraph it belongs to, which the quote check needs: a quotation may open in one
sentence of a paragraph and close in a later one.

A check reports an :class:`Issue` about an entry; the registry turns it into a
:class:`~toolkit.findings.Finding` with the check's name, severity and the entry's location.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from toolkit.findings import Location, Severity
from toolkit.gettext.model import Catalog, Message
from toolkit.glossary.termbase import Termbase

_SEGMENT = re.compile(r"(title|p(\d+)\.s(\d+)) \(([a-z]+)\)")


@dataclass(frozen=True)
class SegmentRef:
    """A segment an entry stands for: ``p3.s2 (text)`` -> paragraph 3, sentence 2, ``text``."""

    id: str
    kind: str
    paragraph: int  # 0 for the title
    sentence: int  # 0 for the title


@dataclass(frozen=True)
class Entry:
    path: str  # the catalog as shown to the user: "translations/ru/<article>.po"
    message: Message
    language: str | None  # the target language; None for a template (source side only)
    form: int = 0  # which msgstr of a plural message

    @property
    def source(self) -> str:
        return self.message.source_of(self.form)

    @property
    def target(self) -> str:
        return self.message.translation_of(self.form)

    @property
    def key(self) -> tuple[str | None, str]:
        return self.message.key

    @property
    def location(self) -> Location:
        return Location(self.path, self.message.lineno)

    @cached_property
    def segments(self) -> tuple[SegmentRef, ...]:
        found = []
        for comment in self.message.extracted_comments:
            match = _SEGMENT.fullmatch(comment.strip())
            if match is None:
                continue
            paragraph = int(match.group(2) or 0)
            sentence = int(match.group(3) or 0)
            found.append(SegmentRef(match.group(1), match.group(4), paragraph, sentence))
        return tuple(found)

    @property
    def label(self) -> str:
        """The segment ids for display: ``p1.s2`` (``title, p6.s1`` for a repeated sentence)."""
        return ", ".join(s.id for s in self.segments)


def catalog_entries(path: str, catalog: Catalog, language: str | None) -> list[Entry]:
    """Every active message of *catalog* as entries, one per plural form."""
    entries: list[Entry] = []
    for message in catalog.active:
        forms = len(message.msgstr_plural) if message.plural else 1
        entries.extend(Entry(path, message, language, form) for form in range(max(forms, 1)))
    return entries


@dataclass(frozen=True)
class Issue:
    """What a check found in an entry; the registry adds the check name and location.

    ``span`` points into the target, or into the source when ``on_source`` is set (the
    template-side checks). ``severity`` overrides the check's default for this one issue.
    """

    entry: Entry
    message: str
    span: tuple[int, int] | None = None
    source_span: tuple[int, int] | None = None
    severity: Severity | None = None
    on_source: bool = False


@dataclass(frozen=True)
class CheckContext:
    """What checks of one language may consult besides the entries themselves."""

    language: str | None  # target language; None when checking templates
    source_language: str = "en"
    termbase: Termbase = field(default_factory=Termbase)
    # Results computed once and shared by the checks of one run (the glossary analysis of an
    # entry serves three checks).
    cache: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def do_not_translate(self) -> tuple[str, ...]:
        """Forms kept as in the source in this language (``primeminister.kz``)."""
        forms: list[str] = []
        for concept in self.termbase:
            term = concept.target(self.language) if self.language else None
            if term is not None and term.do_not_translate:
                forms.extend(f for f in (term.approved, *concept.source_forms) if f)
        return tuple(dict.fromkeys(forms))


def paragraphs(entries: Sequence[Entry]) -> list[list[tuple[Entry, SegmentRef]]]:
    """Entries grouped by the paragraph of their article, sentences in order.

    An entry that stands for segments in two paragraphs (a repeated sentence) is in both.
    Entries without segment ids are left out: the caller checks them on their own.
    """
    groups: dict[tuple[str, int], list[tuple[Entry, SegmentRef]]] = {}
    for entry in entries:
        for segment in entry.segments:
            groups.setdefault((entry.path, segment.paragraph), []).append((entry, segment))
    return [sorted(group, key=lambda item: item[1].sentence) for group in groups.values()]
