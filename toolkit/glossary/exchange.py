"""Glossary exchange: the termbase as TBX (ISO 30042) and CSV files, and importing them.

Formats written by :func:`export_termbase`:

- ``tbx``: TBX-Basic, DCA style, in the ISO 30042:2019 namespace (``urn:iso:std:iso:30042:ed-2``).
  Lossless: :func:`read_tbx` gives back the same :class:`Termbase`. One ``conceptEntry`` per
  concept (``id`` is the concept id; one that starts with a digit, which an XML ID may not, or
  that looks like a tool's entry number, ``c1``, gets a leading ``_``: a reader makes ids from the
  source form for numbered entries). The type is the ``subjectField`` (``person``, ``place``...),
  the concept note one ``<note>`` per line. The source ``langSec`` holds the canonical form as the
  ``preferredTerm-admn-sts`` term and each variant as an ``admittedTerm-admn-sts`` term. A target
  ``langSec`` holds the target note (``<note>`` per line), the approved form
  (``preferredTerm-admn-sts``; ``admittedTerm-admn-sts`` while it is fuzzy, i.e. not reviewed)
  with its ``grammaticalGender`` and two term notes of this toolkit: ``do-not-translate`` and
  ``morph: inflect=... indeclinable`` (what TBX-Basic has no data category for), then each wrong
  variant as a ``deprecatedTerm-admn-sts`` term. Every term says ``partOfSpeech`` ``noun``
  (TBX-Basic has no ``properNoun``).
- ``csv``: the multi-language shape of Amazon Translate custom terminology and Google's
  equivalent-term-set glossaries: a header row of language codes (``en,ru,kk``), then one row per
  source form, the canonical form and every variant, each with the approved forms (empty where
  none is approved yet). MT engines take it as it is. It carries source forms and approved forms
  only: no ids, types, notes, wrong variants, morphology, do-not-translate or fuzzy flags.
- ``csv-full``: the same header shape with more columns (``id``, ``type``, ``en:variants``,
  ``note``, and per language ``ru:wrong``, ``ru:morph``, ``ru:flags``, ``ru:note``), one row per
  concept; several values in a cell are separate lines. Lossless, for a spreadsheet.

:func:`read_exchange` reads all of these and also TBX v2 (``martif``, ``termEntry``/``langSet``/
``tig``), TBX in DCT style, and DeepL/Google two-column CSV (``source,target`` or DeepL's
``source,target,source_lang,target_lang``) without a header. It is defensive: an XML document
that declares entities (an internal DTD subset) is refused, an external DTD is never read.

:func:`plan_import` merges what was read into a termbase (or replaces it) and says what changes.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from xml.parsers import expat

from toolkit.errors import GlossaryError, LanguageError, ToolkitError
from toolkit.findings import Location
from toolkit.glossary.termbase import (
    Concept,
    ConceptType,
    Gender,
    Morphology,
    TargetTerm,
    Termbase,
    check_id,
    clean_note,
    make_id,
)
from toolkit.locales import validate_language
from toolkit.text import normalize_term

__all__ = [
    "TBX_NAMESPACE",
    "ConceptDiff",
    "Exchange",
    "ExchangeFormat",
    "ImportMode",
    "ImportPlan",
    "ImportedConcept",
    "diff_termbases",
    "export_termbase",
    "plan_import",
    "read_csv",
    "read_exchange",
    "read_tbx",
    "write_csv",
    "write_tbx",
]

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
# The TBX-Basic dialect's own schemas moved to this namespace after the 2019 edition.
_TBX_NAMESPACES = frozenset({TBX_NAMESPACE, "urn:iso:std:iso:30042:ed:3.0"})
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
SUPERSEDED = "supersededTerm-admn-sts"
DNT_NOTE = "do-not-translate"
MORPH_NOTE = "morph:"

_GENDERS = {Gender.MASCULINE: "masculine", Gender.FEMININE: "feminine", Gender.NEUTER: "neuter"}
_TBX_GENDERS = {name: gender for gender, name in _GENDERS.items()}
_FLAGS = (DNT_NOTE, "fuzzy")
# Ids that only number entries (MultiTerm's c1, a spreadsheet's 1234) say nothing about a concept.
_NUMBERING_ID = re.compile(r"[a-z]{0,3}-?[0-9]+")


class ExchangeFormat(StrEnum):
    CSV = "csv"
    CSV_FULL = "csv-full"
    TBX = "tbx"


class ImportMode(StrEnum):
    MERGE = "merge"
    REPLACE = "replace"


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


# --- export ------------------------------------------------------------------------------------


def export_termbase(
    termbase: Termbase,
    fmt: ExchangeFormat,
    *,
    languages: Sequence[str] | None = None,
    title: str = "Glossary",
) -> str:
    """The termbase as the text of an exchange file (*languages*: the target languages to
    include, default all)."""
    chosen = tuple(languages) if languages is not None else termbase.languages
    if fmt is ExchangeFormat.TBX:
        return write_tbx(termbase, languages=chosen, title=title)
    return write_csv(termbase, languages=chosen, full=fmt is ExchangeFormat.CSV_FULL)


def _bcp47(code: str) -> str:
    return code.replace("_", "-")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        bad = _NOT_XML.search(text)
        if bad is not None:
            raise GlossaryError(
                f"{text!r} contains U+{ord(bad.group(0)):04X}, which XML cannot hold",
                hint="remove the character from the glossary entry",
            )
        element.text = text
    return element


def _term_section(
    parent: ET.Element,
    form: str,
    status: str,
    *,
    gender: Gender | None = None,
    notes: Iterable[str] = (),
) -> None:
    section = _sub(parent, "termSec")
    _sub(section, "term", form)
    _sub(section, "termNote", "noun", type="partOfSpeech")
    _sub(section, "termNote", status, type="administrativeStatus")
    if gender in _GENDERS:
        _sub(section, "termNote", _GENDERS[gender], type="grammaticalGender")
    for note in notes:
        _sub(section, "note", note)


def _note_lines(note: str) -> list[str]:
    return note.split("\n") if note else []


def _target_section(entry: ET.Element, term: TargetTerm) -> None:
    section = _sub(entry, "langSec", **{_XML_LANG: _bcp47(term.language)})
    for line in _note_lines(term.note):
        _sub(section, "note", line)
    morphology = term.morphology
    # Gender m/f/n is TBX-Basic's grammaticalGender; the rest of the hints is a term note.
    rest = Morphology(
        gender=None if morphology.gender in _GENDERS else morphology.gender,
        inflect=morphology.inflect,
        indeclinable=morphology.indeclinable,
    )
    notes = [DNT_NOTE] if term.do_not_translate else []
    if not rest.empty:
        notes.append(f"{MORPH_NOTE} {rest.format()}")
    # A langSec needs a termSec: an approved slot is written (empty if need be) unless wrong
    # variants fill the section and nothing belongs to the approved form.
    if term.approved or term.fuzzy or notes or morphology.gender or not term.wrong:
        _term_section(
            section,
            term.approved,
            ADMITTED if term.fuzzy else PREFERRED,
            gender=morphology.gender,
            notes=notes,
        )
    for form in term.wrong:
        _term_section(section, form, DEPRECATED)


def write_tbx(
    termbase: Termbase, *, languages: Sequence[str] | None = None, title: str = "Glossary"
) -> str:
    """TBX-Basic (ISO 30042:2019, DCA style), pretty-printed; the same termbase gives the same
    text."""
    chosen = tuple(languages) if languages is not None else termbase.languages
    root = ET.Element(
        "tbx",
        {
            "type": "TBX-Basic",
            "style": "dca",
            _XML_LANG: _bcp47(termbase.source_language),
            "xmlns": TBX_NAMESPACE,
        },
    )
    header = _sub(_sub(root, "tbxHeader"), "fileDesc")
    _sub(_sub(header, "titleStmt"), "title", title)
    description = _sub(header, "sourceDesc")
    _sub(
        description,
        "p",
        "Concept type: subjectField. Source: the canonical form is the preferred term, variants "
        "are admitted terms. Target: the approved form is the preferred term (admitted while not "
        "reviewed), wrong variants are deprecated terms; term notes 'do-not-translate' and "
        "'morph: ...' carry what TBX-Basic has no data category for.",
    )
    body = _sub(_sub(root, "text"), "body")
    for concept in termbase.concepts:
        # "_" keeps ids an XML ID cannot be (21st-...) or that a reader takes for numbering (c1)
        plain = concept.id[0].isalpha() and not _NUMBERING_ID.fullmatch(concept.id)
        entry_id = concept.id if plain else f"_{concept.id}"
        entry = _sub(body, "conceptEntry", id=entry_id)
        _sub(entry, "descrip", concept.type.value, type="subjectField")
        for line in _note_lines(concept.note):
            _sub(entry, "note", line)
        source = _sub(entry, "langSec", **{_XML_LANG: _bcp47(termbase.source_language)})
        _term_section(source, concept.source, PREFERRED)
        for variant in concept.variants:
            _term_section(source, variant, ADMITTED)
        for language in chosen:
            term = concept.target(language)
            if term is not None:
                _target_section(entry, term)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


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
    source = _bcp47(termbase.source_language)
    if not full:
        writer.writerow([source, *(_bcp47(code) for code in chosen)])
        for concept in termbase.concepts:
            approved = []
            for code in chosen:
                term = concept.target(code)
                usable = term is not None and term.approved and not term.fuzzy
                approved.append(term.approved if term is not None and usable else "")
            for form in concept.source_forms:
                writer.writerow([form, *approved])
        return out.getvalue()
    writer.writerow(_full_header(source, [_bcp47(code) for code in chosen]))
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


# --- reading: common ---------------------------------------------------------------------------


@dataclass
class _Languages:
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


def _at(path: Path | str | None, line: int | None) -> Location:
    return Location(str(path) if path is not None else "", line)


def _relocated(exc: ToolkitError, path: Path | str | None, line: int | None) -> GlossaryError:
    return GlossaryError(exc.message, path=path, line=line, hint=exc.hint)


def _given_id(raw: str) -> str | None:
    """The concept id an exchange file gives, or None when it gives none worth keeping."""
    value = raw.strip()
    escaped = value.startswith("_")
    if escaped:
        value = value[1:]
    try:
        check_id(value)
    except GlossaryError:
        return None
    if not escaped and _NUMBERING_ID.fullmatch(value):
        return None
    return value


def _unique_ids(items: list[ImportedConcept]) -> list[ImportedConcept]:
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


def _decode(data: bytes, path: Path | str | None) -> str:
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise GlossaryError(
            f"not valid {encoding.upper().removesuffix('-SIG')}",
            path=path,
            offset=exc.start,
            hint="save the file as UTF-8",
        ) from exc


# --- reading: TBX ------------------------------------------------------------------------------


class _Refused(Exception):
    """A construct the TBX reader will not process (entity declarations)."""


def _qname(name: str) -> str:
    return "{" + name if "}" in name else name


def _parse_xml(data: bytes, path: Path | str | None) -> tuple[ET.Element, dict[ET.Element, int]]:
    """Parse with expat directly: element start lines for messages, and no entity expansion."""
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def start(name: str, attrs: dict[str, str]) -> None:
        element = builder.start(_qname(name), {_qname(k): v for k, v in attrs.items()})
        lines[element] = parser.CurrentLineNumber

    def doctype(_name: str, _system: str | None, _public: str | None, internal: bool) -> None:
        if internal:
            raise _Refused("the document declares a DTD internal subset")

    def entity(name: str, *_args: object) -> None:
        raise _Refused(f"the document declares the entity {name!r}")

    def skipped(name: str, _is_parameter: bool) -> None:
        raise _Refused(f"the document uses the undeclared entity &{name};")

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: builder.end(_qname(name))
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.SkippedEntityHandler = skipped
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise GlossaryError(
            f"not well-formed XML: {expat.ErrorString(exc.code)} (column {exc.offset + 1})",
            path=path,
            line=exc.lineno,
            hint="fix the XML; a TBX file must be well-formed",
        ) from exc
    except _Refused as exc:
        raise GlossaryError(
            str(exc),
            path=path,
            line=parser.CurrentLineNumber,
            hint="entity declarations are refused for safety; remove the <!DOCTYPE ...[...]> part",
        ) from exc
    return builder.close(), lines


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


_WRAPPED = re.compile(r"[ \t]*[\r\n\t][ \t\r\n]*")
# Characters XML 1.0 cannot carry at all (not even as references).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(element: ET.Element) -> str:
    """The text of an element, with the line breaks and indentation of wrapped text as one
    space (a pretty-printer may wrap a long note); other spaces stay as they are."""
    return _WRAPPED.sub(" ", "".join(element.itertext())).strip()


@dataclass(frozen=True)
class _Item:
    """One data category of a TBX element: its name (``note``, ``administrativeStatus``...)."""

    category: str
    value: str
    line: int | None


_STRUCTURE = frozenset(
    {"langSec", "langSet", "termSec", "tig", "ntig", "term", "termGrp", "conceptEntry"}
)
_TYPED = frozenset(
    {"descrip", "termNote", "admin", "transac", "ref", "xref", "transacNote", "adminNote"}
)
# Read and used, or known to say nothing the glossary keeps (no warning for these).
_USED = frozenset(
    {
        "note",
        "definition",
        "subjectField",
        "administrativeStatus",
        "grammaticalGender",
        "partOfSpeech",
        "translationNote",
    }
)


@dataclass
class _TbxReader:
    path: Path | str | None
    lines: dict[ET.Element, int]
    languages: _Languages
    ignored: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    subjects: set[str] = field(default_factory=set)  # subject fields that are no concept type

    def line(self, element: ET.Element) -> int | None:
        return self.lines.get(element)

    def error(self, message: str, element: ET.Element | None, hint: str = "") -> GlossaryError:
        line = self.line(element) if element is not None else None
        return GlossaryError(message, path=self.path, line=line, hint=hint or None)

    def items(self, element: ET.Element) -> list[_Item]:
        """The data categories directly in *element* (and in its ``*Grp`` groups)."""
        found: list[_Item] = []
        for child in element:
            name = _local(child.tag)
            namespace = _namespace(child.tag)
            if name in _STRUCTURE and name != "termGrp":
                continue
            if name.endswith("Grp"):
                found += self.items(child)
            elif namespace and namespace not in _TBX_NAMESPACES:
                found.append(_Item(name, _text(child), self.line(child)))  # DCT style
            elif name == "note":
                found.append(_Item("note", _text(child), self.line(child)))
            elif name in _TYPED:
                found.append(_Item(child.get("type", name), _text(child), self.line(child)))
            elif name not in ("date",):
                self.ignored.add(name)
        for item in found:
            if item.category not in _USED:
                self.ignored.add(item.category)
        return found

    def term_sections(self, section: ET.Element) -> list[tuple[str, list[_Item], ET.Element]]:
        result = []
        for child in section:
            if _local(child.tag) not in ("termSec", "tig", "ntig"):
                continue
            holder = child
            if _local(child.tag) == "ntig":
                holder = next((g for g in child if _local(g.tag) == "termGrp"), child)
            term = next((t for t in holder if _local(t.tag) == "term"), None)
            if term is None:
                raise self.error(f"<{_local(child.tag)}> without a <term>", child)
            result.append((_text(term), self.items(child), child))
        return result

    def concept(self, entry: ET.Element, types: frozenset[str]) -> ImportedConcept:
        entry_items = self.items(entry)
        notes = [i.value for i in entry_items if i.category in ("note", "definition") and i.value]
        kind: ConceptType | None = None
        for item in entry_items:
            if item.category == "subjectField" and item.value and kind is None:
                if item.value.lower() in types:
                    kind = ConceptType(item.value.lower())
                else:
                    self.subjects.add(item.value)
        source: tuple[list[str], list[str]] | None = None
        targets: list[TargetTerm] = []
        seen: set[str] = set()
        for section in entry:
            if _local(section.tag) not in ("langSec", "langSet"):
                continue
            raw = section.get(_XML_LANG) or section.get("lang")
            if not raw:
                raise self.error("language section without xml:lang", section)
            code = self.languages.project_code(raw, self.line(section))
            if code is None:
                self.languages.skip(raw)
                continue
            if code in seen:
                raise self.error(
                    f"two language sections for {code!r} in one entry",
                    section,
                    hint="put all terms of a language in one langSec",
                )
            seen.add(code)
            if code == self.languages.source:
                source = self.source_terms(section)
            else:
                targets.append(self.target_term(section, code))
        if source is None or not source[0]:
            raise self.error(
                f"entry has no {self.languages.source} term",
                entry,
                hint=f"every concept needs a source ({self.languages.source}) term",
            )
        forms, source_notes = source
        raw_id = entry.get("id", "")
        given = _given_id(raw_id) if raw_id else None
        try:
            concept = Concept(
                id=given or make_id(forms[0]),
                type=kind or ConceptType.OTHER,
                source=forms[0],
                variants=tuple(forms[1:]),
                note=clean_note("\n".join(notes + source_notes)),
            )
            for code in self.languages.targets:
                term = next((t for t in targets if t.language == code), None)
                if term is not None:
                    concept = concept.with_target(term)
        except GlossaryError as exc:
            raise _relocated(exc, self.path, self.line(entry)) from exc
        return ImportedConcept(
            concept,
            id_given=given is not None,
            type_given=kind is not None,
            location=_at(self.path, self.line(entry)),
        )

    def source_terms(self, section: ET.Element) -> tuple[list[str], list[str]]:
        sections = self.term_sections(section)
        notes = [
            i.value for i in self.items(section) if i.category in ("note", "definition") and i.value
        ]
        preferred = [form for form, items, _ in sections if form and _status(items) == PREFERRED]
        forms: list[str] = preferred[:1]
        for form, items, _ in sections:
            if form and form not in forms:
                forms.append(form)
            notes += [i.value for i in items if i.category in ("note", "definition") and i.value]
        return forms, notes

    def target_term(self, section: ET.Element, code: str) -> TargetTerm:
        sections = self.term_sections(section)
        notes = [
            i.value for i in self.items(section) if i.category in ("note", "definition") and i.value
        ]
        statuses = [_status(items) for _, items, _ in sections]
        slot = next(
            (
                index
                for wanted in (PREFERRED, None, ADMITTED)
                for index, status in enumerate(statuses)
                if status == wanted
            ),
            None,
        )
        wrong: list[str] = []
        dnt = False
        morphology = Morphology()
        gender: Gender | None = None
        for index, (form, items, element) in enumerate(sections):
            if any(i.category == "translationNote" and i.value.lower() == "no" for i in items):
                dnt = True
            if index == slot:
                for item in items:
                    if item.category == "grammaticalGender":
                        gender = self.gender(item)
                    elif item.category == "note" and item.value == DNT_NOTE:
                        dnt = True
                    elif item.category == "note" and item.value.startswith(MORPH_NOTE):
                        morphology = self.morphology(item)
                    elif item.category in ("note", "definition") and item.value:
                        notes.append(item.value)
            elif statuses[index] in (DEPRECATED, SUPERSEDED):
                if form and form not in wrong:
                    wrong.append(form)
                notes += [f"{form}: {i.value}" for i in items if i.category == "note" and i.value]
            elif form:
                self.notes.append(
                    f"{_at(self.path, self.line(element))}: {code} term {form!r} not imported: "
                    "the glossary keeps one approved form per language"
                )
        if morphology.gender is not None and gender is not None and morphology.gender != gender:
            raise self.error(
                f"two genders for {code}: grammaticalGender and the 'morph:' note disagree",
                section,
            )
        if morphology.gender is None and gender is not None:
            morphology = replace(morphology, gender=gender)
        approved = sections[slot][0] if slot is not None else ""
        try:
            return TargetTerm(
                language=code,
                approved=approved,
                wrong=tuple(wrong),
                do_not_translate=dnt,
                fuzzy=slot is not None and statuses[slot] == ADMITTED,
                morphology=morphology,
                note=clean_note("\n".join(notes)),
            )
        except GlossaryError as exc:
            raise _relocated(exc, self.path, self.line(section)) from exc

    def gender(self, item: _Item) -> Gender | None:
        gender = _TBX_GENDERS.get(item.value)
        if gender is None:
            self.notes.append(
                f"{_at(self.path, item.line)}: grammaticalGender {item.value!r} not imported "
                "(the glossary knows masculine, feminine, neuter)"
            )
        return gender

    def morphology(self, item: _Item) -> Morphology:
        try:
            return Morphology.parse(item.value[len(MORPH_NOTE) :])
        except GlossaryError as exc:
            raise _relocated(exc, self.path, item.line) from exc


def _status(items: Sequence[_Item]) -> str | None:
    return next((i.value for i in items if i.category == "administrativeStatus"), None)


def read_tbx(
    data: bytes,
    *,
    source_language: str,
    languages: Sequence[str],
    path: Path | str | None = None,
) -> Exchange:
    """Read TBX (v3 DCA or DCT, or v2 ``martif``) into concepts for the project's languages."""
    root, lines = _parse_xml(data, path)
    name, namespace = _local(root.tag), _namespace(root.tag)
    if not (
        (name == "tbx" and (namespace in _TBX_NAMESPACES or not namespace))
        or (name == "martif" and not namespace)
    ):
        raise GlossaryError(
            f"not a TBX document: the root element is <{name}>"
            + (f" in namespace {namespace!r}" if namespace else ""),
            path=path,
            line=lines.get(root),
            hint=f"TBX has a <tbx xmlns={TBX_NAMESPACE!r}> (or TBX v2 <martif>) root",
        )
    reader = _TbxReader(path, lines, _Languages(source_language, tuple(languages), path))
    text = next((c for c in root if _local(c.tag) == "text"), None)
    body = next((c for c in text if _local(c.tag) == "body"), None) if text is not None else None
    if body is None:
        raise reader.error("TBX document without <text><body>", root)
    types = frozenset(t.value for t in ConceptType)
    items = []
    for entry in body:
        if _local(entry.tag) in ("conceptEntry", "termEntry"):
            items.append(reader.concept(entry, types))
    warnings = reader.languages.warnings() + reader.notes
    if reader.subjects:
        warnings.append(
            f"subject field(s) {', '.join(sorted(reader.subjects))} are not concept types "
            f"({', '.join(sorted(types))}): matched concepts keep their type, new ones are "
            "'other'"
        )
    if reader.ignored:
        ignored = ", ".join(sorted(reader.ignored))
        warnings.append(f"not imported (the glossary has no place for them): {ignored}")
    return Exchange(
        concepts=tuple(_unique_ids(items)),
        languages=tuple(languages),
        source_language=source_language,
        format=ExchangeFormat.TBX,
        warnings=tuple(warnings),
    )


# --- reading: CSV ------------------------------------------------------------------------------


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
    languages: _Languages
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
        raise _relocated(exc, reader.path, head.line) from exc
    return ImportedConcept(
        concept,
        id_given=given is not None,
        type_given=kind is not None,
        location=_at(reader.path, head.line),
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
        raise _relocated(exc, reader.path, where.line) from exc


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
    text = _decode(data, path)
    first_line = text.split("\n", 1)[0]
    tabbed = str(path or "").lower().endswith(".tsv") or (
        "\t" in first_line and "," not in first_line
    )
    reader = _CsvReader(
        path,
        _Languages(source_language, tuple(languages), path),
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
        concepts=tuple(_unique_ids(items)),
        languages=tuple(languages),
        source_language=source_language,
        format=ExchangeFormat.CSV,
        warnings=tuple(reader.languages.warnings()),
    )


def read_exchange(
    path: Path,
    *,
    source_language: str,
    languages: Sequence[str],
    fmt: str = "auto",
    target: str | None = None,
) -> Exchange:
    """Read a TBX or CSV file (``fmt``: ``auto``, ``csv`` or ``tbx``; auto looks at the
    content: XML is TBX, anything else CSV)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GlossaryError("no such file", path=path) from None
    except OSError as exc:
        raise GlossaryError(f"cannot read the file: {exc.strerror}", path=path) from exc
    if fmt == "auto":
        head = data.lstrip(b"\xef\xbb\xbf").lstrip()
        is_xml = head.startswith(b"<") or head[:4] in (b"\xff\xfe<\x00", b"\xfe\xff\x00<")
        fmt = "tbx" if is_xml else "csv"
    if fmt == "tbx":
        return read_tbx(data, source_language=source_language, languages=languages, path=path)
    if fmt == "csv":
        return read_csv(
            data, source_language=source_language, languages=languages, path=path, target=target
        )
    raise GlossaryError(f"unknown exchange format {fmt!r}", hint="use auto, csv or tbx")


# --- import ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConceptDiff:
    """What an import does to one concept."""

    id: str
    kind: str  # added, changed, removed
    details: tuple[str, ...] = ()

    def format(self) -> str:
        details = ": " + "; ".join(self.details) if self.details else ""
        return f"{self.kind:<8} {self.id}{details}"


@dataclass(frozen=True)
class ImportPlan:
    before: Termbase
    after: Termbase
    changes: tuple[ConceptDiff, ...]
    warnings: tuple[str, ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        return {
            kind: sum(1 for c in self.changes if c.kind == kind)
            for kind in ("added", "changed", "removed")
        }


class _FormIndex:
    """Normalized source form -> ids of the concepts that have it; grows as concepts are added."""

    def __init__(self, concepts: Iterable[Concept] = ()) -> None:
        self._ids: dict[str, list[str]] = {}
        for concept in concepts:
            self.add(concept)

    def add(self, concept: Concept) -> None:
        for form in concept.source_forms:
            ids = self._ids.setdefault(normalize_term(form), [])
            if concept.id not in ids:
                ids.append(concept.id)

    def find(self, concept: Concept, location: Location) -> str | None:
        """The one concept that has *concept*'s canonical form, else one of its variants."""
        for forms in ((concept.source,), concept.variants):
            found = (i for f in forms for i in self._ids.get(normalize_term(f), ()))
            ids = list(dict.fromkeys(found))
            if len(ids) > 1:
                raise GlossaryError(
                    f"{concept.source!r} ({location}) matches several concepts: {', '.join(ids)}",
                    hint="give it the concept id (an id column, or a TBX conceptEntry id)",
                )
            if ids:
                return ids[0]
        return None


def _merge_morphology(old: Morphology, new: Morphology) -> Morphology:
    words = new if (new.inflect or new.indeclinable) else old
    return Morphology(
        gender=new.gender or old.gender, inflect=words.inflect, indeclinable=words.indeclinable
    )


def _merge_target(old: TargetTerm | None, new: TargetTerm) -> TargetTerm:
    if old is None:
        return new
    wrong = list(old.wrong) + [form for form in new.wrong if form not in old.wrong]
    return replace(
        old,
        approved=new.approved or old.approved,
        fuzzy=new.fuzzy if new.approved else old.fuzzy,
        wrong=tuple(wrong),
        do_not_translate=old.do_not_translate or new.do_not_translate,
        morphology=_merge_morphology(old.morphology, new.morphology),
        note=_merge_notes(old.note, new.note),
    )


def _merge_notes(old: str, new: str) -> str:
    lines = old.split("\n") if old else []
    return "\n".join(lines + [line for line in new.split("\n") if line and line not in lines])


def _merge_concept(old: Concept, new: Concept, *, by_id: bool, typed: bool) -> Concept:
    """*old* with what *new* says: forms are added, never lost; values *new* gives win."""
    source = new.source if by_id else old.source
    forms = [old.source, *old.variants] if source != old.source else list(old.variants)
    known = {normalize_term(f) for f in (source, *forms)}
    for form in new.source_forms:
        if normalize_term(form) not in known:
            forms.append(form)
            known.add(normalize_term(form))
    merged = replace(
        old,
        source=source,
        variants=tuple(f for f in forms if f != source),
        type=new.type if typed else old.type,
        note=_merge_notes(old.note, new.note),
    )
    for term in new.targets:
        merged = merged.with_target(_merge_target(old.target(term.language), term))
    return merged


def plan_import(base: Termbase, incoming: Exchange, mode: ImportMode) -> ImportPlan:
    """The termbase after importing *incoming* into *base*, and what changes.

    Concepts are matched by id, or by source form where the file has no ids. ``merge`` adds
    concepts, variants, wrong variants and note lines, and sets the approved forms, types and
    morphology the file gives; it never removes anything. ``replace`` makes the glossary what
    the file says, taking only the ids and types the file does not give from the concepts it
    matches.
    """
    work = _Work(base.concepts if mode is ImportMode.MERGE else ())
    index = _FormIndex(work.concepts)
    base_index = _FormIndex(base.concepts) if mode is ImportMode.REPLACE else index
    for item in incoming.concepts:
        concept = item.concept
        found: str | None = concept.id if item.id_given else index.find(concept, item.location)
        existing = work.get(found) if found is not None else None
        if existing is not None:
            concept = _merge_concept(existing, concept, by_id=item.id_given, typed=item.type_given)
        elif not item.id_given:
            matched_id = base_index.find(concept, item.location)
            matched = base.get(matched_id) if matched_id is not None else None
            if matched is not None and work.get(matched.id) is None:
                concept = replace(
                    concept,
                    id=matched.id,
                    type=concept.type if item.type_given else matched.type,
                )
            else:
                concept = replace(concept, id=work.free_id(concept.id))
        work.put(concept)
        index.add(concept)
    # Target terms in the project's language order, as reading the files gives them.
    rank = {code: i for i, code in enumerate(base.languages)}
    concepts = tuple(
        replace(c, targets=tuple(sorted(c.targets, key=lambda t: rank.get(t.language, 0))))
        for c in work.concepts
    )
    after = Termbase(concepts, base.languages, base.source_language)
    return ImportPlan(base, after, tuple(diff_termbases(base, after)), incoming.warnings)


class _Work:
    """Concepts in order with an index by id (the first of a repeated id), changed in place:
    a Termbase per step would make an import quadratic."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self.concepts: list[Concept] = list(concepts)
        self._at: dict[str, int] = {}
        for position, concept in enumerate(self.concepts):
            self._at.setdefault(concept.id, position)

    def get(self, concept_id: str) -> Concept | None:
        position = self._at.get(concept_id)
        return self.concepts[position] if position is not None else None

    def put(self, concept: Concept) -> None:
        position = self._at.setdefault(concept.id, len(self.concepts))
        if position == len(self.concepts):
            self.concepts.append(concept)
        else:
            self.concepts[position] = concept

    def free_id(self, wanted: str) -> str:
        new, number = wanted, 1
        while new in self._at:
            number += 1
            new = f"{wanted}-{number}"
        return new


def diff_termbases(before: Termbase, after: Termbase) -> list[ConceptDiff]:
    """Concepts added, changed (with what changed) and removed, in the order of *after*."""
    changes = []
    for concept in after.concepts:
        old = before.get(concept.id)
        if old is None:
            changes.append(ConceptDiff(concept.id, "added", (f"{concept.source!r}",)))
        elif old != concept:
            changes.append(ConceptDiff(concept.id, "changed", tuple(_details(old, concept))))
    changes += [
        ConceptDiff(concept.id, "removed", (f"{concept.source!r}",))
        for concept in before.concepts
        if concept.id not in after
    ]
    return changes


def _listed(what: str, old: Sequence[str], new: Sequence[str]) -> Iterator[str]:
    yield from (f"+{what} {form!r}" for form in new if form not in old)
    yield from (f"-{what} {form!r}" for form in old if form not in new)


def _details(old: Concept, new: Concept) -> list[str]:
    details = []
    if old.type is not new.type:
        details.append(f"type {old.type.value} -> {new.type.value}")
    if old.source != new.source:
        details.append(f"source {old.source!r} -> {new.source!r}")
    details += _listed("variant", old.variants, new.variants)
    if old.note != new.note:
        details.append("note")
    codes = dict.fromkeys([t.language for t in old.targets] + [t.language for t in new.targets])
    for code in codes:
        a = old.target(code) or TargetTerm(code)
        b = new.target(code) or TargetTerm(code)
        if a.approved != b.approved:
            details.append(f"{code} {a.approved or '-'!r} -> {b.approved or '-'!r}")
        details += _listed(f"{code} wrong", a.wrong, b.wrong)
        for name, was, now in (
            ("do-not-translate", a.do_not_translate, b.do_not_translate),
            ("fuzzy", a.fuzzy, b.fuzzy),
        ):
            if was != now:
                details.append(f"{code} {name} {'on' if now else 'off'}")
        if a.morphology != b.morphology:
            details.append(f"{code} morph {a.morphology.format()!r} -> {b.morphology.format()!r}")
        if a.note != b.note:
            details.append(f"{code} note")
    return details
