"""The termbase as TBX (ISO 30042): :func:`write_tbx` and :func:`read_tbx`.

Written: TBX-Basic, DCA style, in the ISO 30042:2019 namespace (``urn:iso:std:iso:30042:ed-2``).
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

Read: that, and also TBX v2 (``martif``, ``termEntry``/``langSet``/``tig``) and TBX in DCT
style. Reading is defensive: an XML document that declares entities (an internal DTD subset)
is refused, an external DTD is never read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.parsers import expat

from toolkit.errors import GlossaryError
from toolkit.glossary.exchange.model import (
    DNT_NOTE,
    NUMBERING_ID,
    Exchange,
    ExchangeFormat,
    FileLanguages,
    ImportedConcept,
    bcp47,
    given_id,
    location_at,
    relocated,
    unique_ids,
)
from toolkit.glossary.termbase import (
    Concept,
    ConceptType,
    Gender,
    Morphology,
    TargetTerm,
    Termbase,
    clean_note,
    make_id,
)

__all__ = [
    "ADMITTED",
    "DEPRECATED",
    "PREFERRED",
    "SUPERSEDED",
    "TBX_NAMESPACE",
    "read_tbx",
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
MORPH_NOTE = "morph:"

_GENDERS = {Gender.MASCULINE: "masculine", Gender.FEMININE: "feminine", Gender.NEUTER: "neuter"}
_TBX_GENDERS = {name: gender for gender, name in _GENDERS.items()}


# --- writing -----------------------------------------------------------------------------------


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
    section = _sub(entry, "langSec", **{_XML_LANG: bcp47(term.language)})
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
            _XML_LANG: bcp47(termbase.source_language),
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
        plain = concept.id[0].isalpha() and not NUMBERING_ID.fullmatch(concept.id)
        entry_id = concept.id if plain else f"_{concept.id}"
        entry = _sub(body, "conceptEntry", id=entry_id)
        _sub(entry, "descrip", concept.type.value, type="subjectField")
        for line in _note_lines(concept.note):
            _sub(entry, "note", line)
        source = _sub(entry, "langSec", **{_XML_LANG: bcp47(termbase.source_language)})
        _term_section(source, concept.source, PREFERRED)
        for variant in concept.variants:
            _term_section(source, variant, ADMITTED)
        for language in chosen:
            term = concept.target(language)
            if term is not None:
                _target_section(entry, term)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


# --- reading -----------------------------------------------------------------------------------


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
    languages: FileLanguages
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
        given = given_id(raw_id) if raw_id else None
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
            raise relocated(exc, self.path, self.line(entry)) from exc
        return ImportedConcept(
            concept,
            id_given=given is not None,
            type_given=kind is not None,
            location=location_at(self.path, self.line(entry)),
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
                    f"{location_at(self.path, self.line(element))}: {code} term {form!r} not "
                    "imported: the glossary keeps one approved form per language"
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
            raise relocated(exc, self.path, self.line(section)) from exc

    def gender(self, item: _Item) -> Gender | None:
        gender = _TBX_GENDERS.get(item.value)
        if gender is None:
            self.notes.append(
                f"{location_at(self.path, item.line)}: grammaticalGender {item.value!r} not "
                "imported (the glossary knows masculine, feminine, neuter)"
            )
        return gender

    def morphology(self, item: _Item) -> Morphology:
        try:
            return Morphology.parse(item.value[len(MORPH_NOTE) :])
        except GlossaryError as exc:
            raise relocated(exc, self.path, item.line) from exc


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
    reader = _TbxReader(path, lines, FileLanguages(source_language, tuple(languages), path))
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
        concepts=tuple(unique_ids(items)),
        languages=tuple(languages),
        source_language=source_language,
        format=ExchangeFormat.TBX,
        warnings=tuple(warnings),
    )
