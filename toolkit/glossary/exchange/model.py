"""What every exchange format shares: the formats, what reading a file gives (:class:`Exchange`),
and the helpers the readers and writers of :mod:`.tbx` and :mod:`.tabular` both use (language
codes, concept ids, locations, decoding)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from toolkit.encoding import NotUtf8, find_not_utf8
from toolkit.errors import GlossaryError, LanguageError, ToolkitError
from toolkit.findings import Location
from toolkit.glossary.termbase import Concept, Termbase, check_id
from toolkit.locales import validate_language

__all__ = [
    "DNT_NOTE",
    "Exchange",
    "ExchangeFormat",
    "FileLanguages",
    "ImportedConcept",
    "bcp47",
    "decode",
    "given_id",
    "location_at",
    "not_text",
    "relocated",
    "unique_ids",
]

# The do-not-translate mark: a TBX term note and a csv-full flag.
DNT_NOTE = "do-not-translate"
# Ids that only number entries (MultiTerm's c1, a spreadsheet's 1234) say nothing about a concept.
NUMBERING_ID = re.compile(r"[a-z]{0,3}-?[0-9]+")


class ExchangeFormat(StrEnum):
    CSV = "csv"
    CSV_FULL = "csv-full"
    TBX = "tbx"


@dataclass(frozen=True)
class ImportedConcept:
    """A concept as an exchange file gives it, with what the file did not say."""

    concept: Concept
    id_given: bool = True  # False: the id was made from the source form (match it by forms)
    type_given: bool = True  # False: the file has no type (the concept keeps its own)
    location: Location = field(default_factory=Location)  # for messages


@dataclass(frozen=True)
class Exchange:
    """The content of one exchange file: concepts in file order, and what was left out."""

    concepts: tuple[ImportedConcept, ...]
    languages: tuple[str, ...]
    source_language: str
    format: ExchangeFormat
    warnings: tuple[str, ...] = ()

    @property
    def termbase(self) -> Termbase:
        return Termbase(
            concepts=tuple(item.concept for item in self.concepts),
            languages=self.languages,
            source_language=self.source_language,
        )


def bcp47(code: str) -> str:
    return code.replace("_", "-")


@dataclass
class FileLanguages:
    """Maps the language codes of a file to the project's source and target languages."""

    source: str
    targets: tuple[str, ...]
    path: Path | str | None
    skipped: dict[str, int] = field(default_factory=dict)

    def project_code(self, raw: str, line: int | None) -> str | None:
        """The project language *raw* names (``en-US`` is ``en``), or None if it is none of
        them; an unknown code is a :class:`LanguageError` at *line*."""
        try:
            code = validate_language(raw)
        except LanguageError as exc:
            raise LanguageError(exc.message, path=self.path, line=line, hint=exc.hint) from exc
        for known in (self.source, *self.targets):
            if code == known or code.split("_")[0] == known:
                return known
        return None

    def skip(self, raw: str) -> None:
        self.skipped[raw] = self.skipped.get(raw, 0) + 1

    def warnings(self) -> list[str]:
        if not self.skipped:
            return []
        codes = ", ".join(sorted(self.skipped))
        return [f"skipped language(s) {codes}: not a language of this project"]


def location_at(path: Path | str | None, line: int | None) -> Location:
    return Location(str(path) if path is not None else "", line)


def relocated(exc: ToolkitError, path: Path | str | None, line: int | None) -> GlossaryError:
    return GlossaryError(exc.message, path=path, line=line, hint=exc.hint)


def given_id(raw: str) -> str | None:
    """The concept id an exchange file gives, or None when it gives none worth keeping."""
    value = raw.strip()
    escaped = value.startswith("_")
    if escaped:
        value = value[1:]
    try:
        check_id(value)
    except GlossaryError:
        return None
    if not escaped and NUMBERING_ID.fullmatch(value):
        return None
    return value


def unique_ids(items: list[ImportedConcept]) -> list[ImportedConcept]:
    """Made ids that repeat get a number (``almaty-2``); given ids stay as they are."""
    used = {item.concept.id for item in items if item.id_given}
    result = []
    for item in items:
        if not item.id_given:
            base = new = item.concept.id
            number = 1
            while new in used:
                number += 1
                new = f"{base}-{number}"
            used.add(new)
            item = replace(item, concept=replace(item.concept, id=new))
        result.append(item)
    return result


def decode(data: bytes, path: Path | str | None) -> str:
    """A text exchange file's text: UTF-8 (with or without a byte order mark), or UTF-16 with
    one. Anything else is an error naming the encoding it looks like, or calling it binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise GlossaryError(
                "not valid UTF-16", path=path, offset=exc.start, hint="save the file as UTF-8"
            ) from exc
    problem = find_not_utf8(data)
    if problem is not None:
        raise not_text(problem, path)
    return data.decode("utf-8-sig")


def not_text(problem: NotUtf8, path: Path | str | None) -> GlossaryError:
    return GlossaryError(
        problem.message(),
        path=path,
        line=problem.line,
        offset=problem.offset,
        hint=problem.hint(path if path is not None else "FILE"),
    )
