"""The termbase as CSV (or TSV): :func:`write_csv` and :func:`read_csv`.

Written, two shapes:

- ``csv``: the multi-language shape of Amazon Translate custom terminology and Google's
  equivalent-term-set glossaries: a header row of language codes (``en,ru,kk``), then one row per
  source form, the canonical form and every variant, each with the approved forms (empty where
  none is approved yet). MT engines take it as it is. It carries source forms and approved forms
  only: no ids, types, notes, wrong variants, morphology, do-not-translate or fuzzy flags.
- ``csv-full``: the same header shape with more columns (``id``, ``type``, ``en:variants``,
  ``note``, and per language ``ru:wrong``, ``ru:morph``, ``ru:flags``, ``ru:note``), one row per
  concept; several values in a cell are separate lines. Lossless, for a spreadsheet.

Read: both, and DeepL/Google two-column CSV (``source,target`` or DeepL's
``source,target,source_lang,target_lang``) without a header; tab-separated files too.

(Named ``tabular`` so that ``import csv`` here and elsewhere is never this module.)
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import GlossaryError, LanguageError
from toolkit.glossary.exchange.model import (
    DNT_NOTE,
    Exchange,
    ExchangeFormat,
    FileLanguages,
    ImportedConcept,
    bcp47,
    decode,
    location_at,
    relocated,
    unique_ids,
)
from toolkit.glossary.termbase import (
    Concept,
    ConceptType,
    Morphology,
    TargetTerm,
    Termbase,
    clean_note,
    make_id,
)
from toolkit.text import normalize_term

__all__ = ["read_csv", "write_csv"]

_FLAGS = (DNT_NOTE, "fuzzy")


# --- writing -----------------------------------------------------------------------------------


def _full_header(source: str, languages: Sequence[str]) -> list[str]:
    header = ["id", "type", source, f"{source}:variants", "note"]
    for code in languages:
        header += [code, f"{code}:wrong", f"{code}:morph", f"{code}:flags", f"{code}:note"]
    return header


def write_csv(
    termbase: Termbase, *, languages: Sequence[str] | None = None, full: bool = False
) -> str:
    """CSV with a header row of language codes: one row per source form (``full=False``,
    ready for MT engines), or one row per concept with every field (``full=True``)."""
    chosen = tuple(languages) if languages is not None else termbase.languages
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    source = bcp47(termbase.source_language)
    if not full:
        writer.writerow([source, *(bcp47(code) for code in chosen)])
        for concept in termbase.concepts:
            approved = []
            for code in chosen:
                term = concept.target(code)
                usable = term is not None and term.approved and not term.fuzzy
                approved.append(term.approved if term is not None and usable else "")
            for form in concept.source_forms:
                writer.writerow([form, *approved])
        return out.getvalue()
    writer.writerow(_full_header(source, [bcp47(code) for code in chosen]))
    for concept in termbase.concepts:
        row = [concept.id, concept.type.value, concept.source, "\n".join(concept.variants)]
        row.append(concept.note)
        for code in chosen:
            term = concept.target(code) or TargetTerm(code)
            states = (term.do_not_translate, term.fuzzy)
            flags = [flag for flag, on in zip(_FLAGS, states, strict=True) if on]
            row += [
                term.approved,
                "\n".join(term.wrong),
                term.morphology.format(),
                "\n".join(flags),
                term.note,
            ]
        writer.writerow(row)
    return out.getvalue()


# --- reading -----------------------------------------------------------------------------------


@dataclass
class _Row:
    """One CSV row, as far as it says anything."""

    line: int
    number: int
    source: str
    id: str = ""
    type: str = ""
    variants: list[str] = field(default_factory=list)
    note: str = ""
    approved: dict[str, str] = field(default_factory=dict)
    wrong: dict[str, list[str]] = field(default_factory=dict)
    morph: dict[str, str] = field(default_factory=dict)
    flags: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


_TARGET_FIELDS = ("wrong", "morph", "flags", "note")
_CONCEPT_COLUMNS = {"id": "id", "type": "type", "note": "note", "description": "note", "pos": ""}


def _lines(cell: str) -> list[str]:
    return [line.strip() for line in cell.splitlines() if line.strip()]


@dataclass
class _CsvReader:
    path: Path | str | None
    languages: FileLanguages
    target: str | None  # the target language of two-column rows

    def error(self, message: str, row: _Row | int, hint: str = "") -> GlossaryError:
        line = row.line if isinstance(row, _Row) else row
        return GlossaryError(message, path=self.path, line=line, hint=hint or None)

    def is_header(self, cells: list[str]) -> bool:
        first = cells[0].strip().lower() if cells else ""
        if first == "id" or first.replace("-", "_").split("_")[0] == self.languages.source:
            return True
        try:
            return all(self.column(cell, 1) is not None for cell in cells if cell.strip())
        except LanguageError:
            return False

    def column(self, cell: str, line: int) -> tuple[str, str, str] | None:
        """(kind, language, field) for a header cell; kind is concept, source, target or skip."""
        name = cell.strip()
        lowered = name.lower()
        if not name:
            return None  # a spreadsheet's empty trailing column
        if lowered in _CONCEPT_COLUMNS:
            return ("concept", "", _CONCEPT_COLUMNS[lowered])
        code_part, sep, what = lowered.partition(":")
        code = self.languages.project_code(code_part, line)
        if code is None:
            self.languages.skip(code_part)
            return ("skip", code_part, "")
        if code == self.languages.source:
            if what not in ("", "variants"):
                raise self.error(
                    f"unknown column {name!r}",
                    line,
                    hint=f"source columns are {self.languages.source} and "
                    f"{self.languages.source}:variants",
                )
            return ("source", code, what)
        if sep and what not in _TARGET_FIELDS:
            raise self.error(
                f"unknown column {name!r}",
                line,
                hint="target columns are LANG, " + ", ".join(f"LANG:{f}" for f in _TARGET_FIELDS),
            )
        return ("target", code, what)

    def header_rows(self, rows: list[tuple[int, list[str]]]) -> list[_Row]:
        line, header = rows[0]
        columns = [self.column(cell, line) for cell in header]
        if ("source", self.languages.source, "") not in columns:
            raise self.error(
                f"the header has no {self.languages.source} column",
                line,
                hint=f"the first row names the languages, e.g. "
                f"{','.join((self.languages.source, *self.languages.targets))}",
            )
        if not any(c is not None and c[0] == "target" for c in columns):
            raise self.error(
                "the header names none of the project's target languages",
                line,
                hint="targets are " + ", ".join(self.languages.targets),
            )
        result = []
        for number, (line, cells) in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                raise self.error(
                    f"row {number} has {len(cells)} column(s), the header has {len(header)}",
                    line,
                    hint="every row needs one cell per header column (empty cells are fine)",
                )
            row = _Row(line, number, "")
            for column, cell in zip(columns, cells, strict=True):
                if column is None:
                    continue
                self.fill(row, column, cell)
            if not row.source:
                raise self.error(
                    f"row {number} has no {self.languages.source} term",
                    row,
                    hint="every row starts from a source form",
                )
            result.append(row)
        return result

    def fill(self, row: _Row, column: tuple[str, str, str], cell: str) -> None:
        kind, code, what = column
        value = cell.strip()
        if kind == "concept" and what == "note":
            row.note = clean_note(cell)
        elif kind == "concept" and what:
            setattr(row, what, value)
        elif kind == "source":
            if what == "variants":
                row.variants += _lines(cell)
            else:
                row.source = value
        elif kind == "target":
            if what == "":
                if value:
                    row.approved[code] = value
            elif what == "wrong":
                row.wrong[code] = _lines(cell)
            elif what == "flags":
                row.flags[code] = _lines(cell)
            elif what == "morph":
                row.morph[code] = value
            else:
                row.notes[code] = clean_note(cell)

    def pair_rows(self, rows: list[tuple[int, list[str]]]) -> list[_Row]:
        """DeepL/Google rows without a header: SOURCE,TARGET[,SOURCE_LANG,TARGET_LANG]."""
        result = []
        for number, (line, cells) in enumerate(rows, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) not in (2, 4):
                raise self.error(
                    f"row {number} has {len(cells)} column(s); a glossary without a header row "
                    "has SOURCE,TARGET or SOURCE,TARGET,SOURCE_LANG,TARGET_LANG",
                    line,
                    hint="or start the file with a header row of language codes (en,ru,kk)",
                )
            target = self.target
            if len(cells) == 4:
                source_code = self.languages.project_code(cells[2].strip(), line)
                if source_code != self.languages.source:
                    raise self.error(
                        f"row {number}: source language {cells[2].strip()!r} is not the "
                        f"project's source language {self.languages.source!r}",
                        line,
                    )
                target = self.languages.project_code(cells[3].strip(), line)
                if target is None or target == self.languages.source:
                    self.languages.skip(cells[3].strip())
                    continue
            if target is None:
                raise self.error(
                    "a two-column glossary does not say its target language",
                    line,
                    hint="name it with --lang (e.g. --lang ru)",
                )
            row = _Row(line, number, cells[0].strip())
            if not row.source:
                raise self.error(f"row {number} has no source term", line)
            if cells[1].strip():
                row.approved[target] = cells[1].strip()
            result.append(row)
        return result


def _groups(rows: list[_Row]) -> list[list[_Row]]:
    """Rows that name one concept: the same id, or (without ids) the same source form or the same
    approved forms."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, object], int] = {}
    for index, row in enumerate(rows):
        if row.id:
            keys: list[tuple[str, object]] = [("id", row.id)]
        else:
            keys = [("form", normalize_term(row.source))]
            if row.approved:
                keys.append(("targets", frozenset(row.approved.items())))
        for key in keys:
            other = first.setdefault(key, index)
            a, b = find(other), find(index)
            if a != b:
                parent[max(a, b)] = min(a, b)
    grouped: dict[int, list[_Row]] = {}
    for index, row in enumerate(rows):
        grouped.setdefault(find(index), []).append(row)
    return list(grouped.values())


def _combine(reader: _CsvReader, group: list[_Row]) -> ImportedConcept:
    head = group[0]
    forms: list[str] = [head.source]
    for row in group:
        for form in (row.source, *row.variants):
            if form not in forms:
                forms.append(form)
    kind: ConceptType | None = None
    for row in group:
        if row.type and kind is None:
            try:
                kind = ConceptType(row.type.lower())
            except ValueError:
                raise reader.error(
                    f"row {row.number}: unknown type {row.type!r}",
                    row,
                    hint="type is one of " + ", ".join(t.value for t in ConceptType),
                ) from None
    given = None
    if head.id:
        given = head.id if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", head.id) else None
        if given is None:
            raise reader.error(
                f"row {head.number}: invalid concept id {head.id!r}",
                head,
                hint="use lower-case letters, digits and single hyphens, e.g. 'alikhan-smailov'",
            )
    try:
        concept = Concept(
            id=given or make_id(head.source),
            type=kind or ConceptType.OTHER,
            source=head.source,
            variants=tuple(forms[1:]),
            note=next((row.note for row in group if row.note), ""),
        )
        for code in reader.languages.targets:
            concept = concept.with_target(_combined_target(reader, group, code))
    except GlossaryError as exc:
        if exc.path is not None:
            raise
        raise relocated(exc, reader.path, head.line) from exc
    return ImportedConcept(
        concept,
        id_given=given is not None,
        type_given=kind is not None,
        location=location_at(reader.path, head.line),
    )


def _combined_target(reader: _CsvReader, group: list[_Row], code: str) -> TargetTerm:
    approved = ""
    where = group[0]
    for row in group:
        form = row.approved.get(code, "")
        if form and approved and form != approved:
            raise reader.error(
                f"row {row.number}: {group[0].source!r} has two {code} forms: {approved!r} "
                f"(row {where.number}) and {form!r}",
                row,
                hint=f"a glossary keeps one approved form per language; list others in "
                f"{code}:wrong",
            )
        if form and not approved:
            approved, where = form, row
    wrong: list[str] = []
    flags: set[str] = set()
    morph = ""
    note = ""
    for row in group:
        wrong += [form for form in row.wrong.get(code, ()) if form not in wrong]
        for flag in row.flags.get(code, ()):
            if flag.lower() not in _FLAGS:
                raise reader.error(
                    f"row {row.number}: unknown flag {flag!r} in {code}:flags",
                    row,
                    hint="flags are " + ", ".join(_FLAGS),
                )
            flags.add(flag.lower())
        morph = morph or row.morph.get(code, "")
        note = note or row.notes.get(code, "")
    try:
        morphology = Morphology.parse(morph)
        return TargetTerm(
            language=code,
            approved=approved,
            wrong=tuple(wrong),
            do_not_translate=DNT_NOTE in flags,
            fuzzy="fuzzy" in flags,
            morphology=morphology,
            note=note,
        )
    except GlossaryError as exc:
        raise relocated(exc, reader.path, where.line) from exc


def read_csv(
    data: bytes,
    *,
    source_language: str,
    languages: Sequence[str],
    path: Path | str | None = None,
    target: str | None = None,
) -> Exchange:
    """Read a CSV glossary: a header row of language codes (Amazon, Google, ``csv-full``), or
    DeepL/Google rows without a header (*target*: their target language when rows do not say).
    TSV (tab-separated) is read too."""
    text = decode(data, path)
    first_line = text.split("\n", 1)[0]
    tabbed = str(path or "").lower().endswith(".tsv") or (
        "\t" in first_line and "," not in first_line
    )
    reader = _CsvReader(
        path,
        FileLanguages(source_language, tuple(languages), path),
        target if target is not None else (languages[0] if len(languages) == 1 else None),
    )
    rows: list[tuple[int, list[str]]] = []
    delimiter = "\t" if tabbed else ","
    parsed = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    try:
        for cells in parsed:
            rows.append((line, cells))
            line = parsed.line_num + 1
    except csv.Error as exc:
        raise GlossaryError(
            f"malformed CSV: {exc}", path=path, line=parsed.line_num or 1, hint="check the quotes"
        ) from exc
    while rows and not any(cell.strip() for cell in rows[0][1]):
        rows.pop(0)
    if not rows:
        result: list[_Row] = []
    elif reader.is_header(rows[0][1]):
        result = reader.header_rows(rows)
    else:
        result = reader.pair_rows(rows)
    items = [_combine(reader, group) for group in _groups(result)]
    return Exchange(
        concepts=tuple(unique_ids(items)),
        languages=tuple(languages),
        source_language=source_language,
        format=ExchangeFormat.CSV,
        warnings=tuple(reader.languages.warnings()),
    )
