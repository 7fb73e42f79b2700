"""The termbase in gettext files: ``glossary/glossary.pot`` and ``glossary/<lang>.po``.

One concept is one entry. The template holds the source side, each language catalog the target
side, in the places gettext tools (msgmerge, Poedit, Weblate) give each kind of information:

- ``msgctxt``: the concept id, stable (``alikhan-smailov``). It keys the entry, so two concepts
  may share a source form.
- ``msgid``: the canonical source form.
- ``#.`` extracted comments, written in the **template** (they are the source side and a merge
  refreshes them from it): ``type: person`` (exactly once; person, place, organisation, event,
  title, other), ``variant: Alihan Smailov`` (one line per source variant), ``note: ...`` (one
  line per line of the note).
- ``msgstr`` (language catalog): the approved form. Empty: not decided yet.
- ``#`` translator comments (language catalog; a merge keeps them): ``do-not-translate``
  alone on its line (the term is kept as in the source; its msgstr repeats the source form),
  ``wrong: Смайлов`` (one line per wrong variant), ``morph: gender=m inflect=Премьер-Министр
  indeclinable`` (at most one line; see :class:`~toolkit.glossary.termbase.Morphology`),
  ``note: ...``.
- ``#,`` flags (language catalog): only ``fuzzy`` (the approved form awaits review: it is not
  approved yet; the toolkit never sets it). Do-not-translate is a comment line, not a flag,
  because GNU msgmerge and msgcat drop every flag they do not know (``read-only`` too), so a
  flag would vanish the first time someone merges the files with gettext's own tools.

Example, ``glossary/ru.po``::

    # wrong: Смайлов
    # morph: gender=m
    #. type: person
    #. variant: Alihan Smailov
    #. variant: Smailov
    msgctxt "alikhan-smailov"
    msgid "Alikhan Smailov"
    msgstr "Алихан Смаилов"

The ``#.`` lines and the msgid in a language catalog are copies of the template's, as after
``msgmerge``: reading takes the source side from the template only and matches language
entries to concepts by msgctxt; every write refreshes the copies. Edit the source side in the
template.

Reading is strict, since a line the toolkit did not understand would otherwise be lost on the
next write: an unknown comment key, a bad type, a flag other than ``fuzzy``, a language
entry for a concept the template lacks are each a :class:`GlossaryError` naming file and line.
Obsolete ``#~`` entries and the header belong to no concept; a write keeps them as they are.
Writing goes through :func:`toolkit.gettext.merge.merge_catalog` (msgmerge's rules for the
language catalogs) and :func:`toolkit.gettext.store.save_catalog` (atomic; a file whose content
does not change is left byte-identical, its dates included; a file changed since it was read
keeps that change, or is refused).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from toolkit.config import Settings
from toolkit.errors import CatalogError, GlossaryError
from toolkit.gettext.merge import merge_catalog
from toolkit.gettext.model import FUZZY, Catalog, Message, WriteStatus, timestamp
from toolkit.gettext.store import ReadCatalog, read_catalog_snapshot, save_catalog
from toolkit.glossary.termbase import (
    Concept,
    ConceptType,
    Morphology,
    TargetTerm,
    Termbase,
    check_form,
    check_id,
)
from toolkit.locales import language_name
from toolkit.project.extract import project_id, template_header

__all__ = [
    "DNT_LINE",
    "TEMPLATE_NAME",
    "GlossaryFiles",
    "catalog_file",
    "concept_message",
    "glossary_catalogs",
    "project_name",
    "read_glossary",
    "read_glossary_files",
    "read_termbase",
    "read_termbase_files",
    "target_message",
    "template_file",
    "termbase_from_catalogs",
    "write_glossary",
    "write_termbase",
]

TEMPLATE_NAME = "glossary.pot"
DNT_LINE = "do-not-translate"

TEMPLATE_KEYS = ("type", "variant", "note")
CATALOG_KEYS = ("wrong", "morph", "note")
CATALOG_BARE_KEYS = (DNT_LINE,)
CATALOG_FLAGS = (FUZZY,)

_COMMENT = re.compile(r"([a-z][a-z-]*)(:(?: (.*))?)?")
_ENTRY_START = re.compile(r"\s*(?:msgctxt|msgid)\b")
_COMMENT_LINE = re.compile(r"#\.?(?: (.*))?")


def template_file(folder: Path) -> Path:
    return folder / TEMPLATE_NAME


def catalog_file(folder: Path, language: str) -> Path:
    return folder / f"{language}.po"


# --- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    """A catalog as read, with its text lines for pointing at a comment's own line."""

    catalog: Catalog
    path: Path | str | None = None
    lines: tuple[str, ...] = ()

    def error(
        self, message: str, entry: Message | None = None, *, comment: str = "", hint: str = ""
    ) -> GlossaryError:
        return GlossaryError(
            message, path=self.path, line=self.line_of(entry, comment), hint=hint or None
        )

    def line_of(self, entry: Message | None, comment: str = "") -> int | None:
        """The line of *comment* (its text after ``#. `` or ``# ``) in *entry*, else the
        entry's first line."""
        if entry is None or entry.lineno is None:
            return None
        if comment:
            for index in range(entry.lineno - 1, len(self.lines)):
                raw = self.lines[index]
                if _ENTRY_START.match(raw):
                    break
                found = _COMMENT_LINE.fullmatch(raw.strip())
                if found and found.group(1).strip() == comment.strip():
                    return index + 1
        return entry.lineno


def _load(path: Path) -> tuple[_Source, ReadCatalog]:
    """The file's catalog for reading concepts, and the file as read, for writing it back."""
    try:
        read = read_catalog_snapshot(path)
    except CatalogError as exc:
        raise GlossaryError(exc.message, path=exc.path, line=exc.line, hint=exc.hint) from exc
    assert read.catalog is not None  # a missing file is an error
    lines = tuple(path.read_text(encoding="utf-8").split("\n"))
    return _Source(read.catalog, path, lines), read


def _items(
    source: _Source,
    entry: Message,
    comments: Sequence[str],
    keys: Sequence[str],
    kind: str,
    bare: Sequence[str] = (),
) -> Iterator[tuple[str, str, str]]:
    """(key, value, comment) for each structured comment line; anything else is an error.

    A line is ``key: value``, or one of the *bare* keys alone (its value is ``""``).
    """
    for comment in comments:
        if not comment.strip():
            continue  # a bare "#" line says nothing
        found = _COMMENT.fullmatch(comment.strip())
        key = found.group(1) if found else None
        if found is None or (key not in keys and key not in bare):
            known = [f"'{k}: ...'" for k in keys] + [f"'{k}'" for k in bare]
            raise source.error(
                f"unknown {kind} {comment!r} in concept {entry.msgctxt or entry.msgid!r}",
                entry,
                comment=comment,
                hint="the lines this file takes are " + ", ".join(known),
            )
        assert key is not None
        if key in bare:
            if found.group(2):
                raise source.error(
                    f"'{key}' takes no value: {comment!r}",
                    entry,
                    comment=comment,
                    hint=f"write the line as '{key}' alone",
                )
            yield key, "", comment
            continue
        value = (found.group(3) or "").strip()
        if not found.group(2) or not value:
            hint = f"write '{key}: VALUE'"
            raise source.error(f"no value in {comment!r}", entry, comment=comment, hint=hint)
        yield key, value, comment


def _checked(source: _Source, entry: Message, comment: str, value: str, what: str) -> str:
    """*value* if it is a valid form; else an error pointing at its own comment line."""
    try:
        return check_form(value, what)
    except GlossaryError as exc:
        raise source.error(exc.message, entry, comment=comment, hint=exc.hint or "") from exc


def _concept_id(source: _Source, entry: Message) -> str:
    if entry.msgctxt is None:
        raise source.error(
            f"entry {entry.msgid!r} has no concept id",
            entry,
            hint='add a line msgctxt "some-id" above its msgid',
        )
    try:
        return check_id(entry.msgctxt)
    except GlossaryError as exc:
        raise source.error(exc.message, entry, hint=exc.hint or "") from exc


def _check_plain(source: _Source, entry: Message) -> None:
    if entry.plural:
        raise source.error(
            f"concept {entry.msgctxt!r} has a plural form", entry, hint="remove msgid_plural"
        )
    if entry.references:
        raise source.error(
            f"concept {entry.msgctxt!r} has a '#:' reference line",
            entry,
            hint="glossary entries have no references; say where a term comes from in a note",
        )


def _concept(source: _Source, entry: Message) -> Concept:
    concept_id = _concept_id(source, entry)
    _check_plain(source, entry)
    if entry.msgstr:
        raise source.error(
            f"concept {concept_id!r} has a msgstr in the template",
            entry,
            hint="leave msgstr empty here; approved forms go in the language files (ru.po, ...)",
        )
    if entry.translator_comments:
        raise source.error(
            f"concept {concept_id!r} has a translator comment in the template",
            entry,
            comment=entry.translator_comments[0],
            hint="the template takes '#. type:', '#. variant:' and '#. note:' lines",
        )
    flags = list(entry.flags)
    if flags:
        raise source.error(
            f"concept {concept_id!r} has the flag {flags[0]!r} in the template",
            entry,
            hint=f"the template takes no flags ({FUZZY!r} belongs to the language files)",
        )
    kind: ConceptType | None = None
    variants: list[str] = []
    notes: list[str] = []
    for key, value, comment in _items(
        source, entry, entry.extracted_comments, TEMPLATE_KEYS, "extracted comment"
    ):
        if key == "type":
            if kind is not None:
                raise source.error(f"concept {concept_id!r} has two types", entry, comment=comment)
            try:
                kind = ConceptType(value)
            except ValueError:
                raise source.error(
                    f"unknown type {value!r} of concept {concept_id!r}",
                    entry,
                    comment=comment,
                    hint="type is one of " + ", ".join(t.value for t in ConceptType),
                ) from None
        elif key == "variant":
            variants.append(_checked(source, entry, comment, value, f"variant of {concept_id!r}"))
        else:
            notes.append(value)
    if kind is None:
        raise source.error(
            f"concept {concept_id!r} has no type",
            entry,
            hint="add a line '#. type: person' (or place, organisation, event, title, other)",
        )
    try:
        return Concept(
            id=concept_id,
            type=kind,
            source=entry.msgid,
            variants=tuple(variants),
            note="\n".join(notes),
            line=entry.lineno,
        )
    except GlossaryError as exc:
        raise source.error(exc.message, entry, hint=exc.hint or "") from exc


def _target(source: _Source, entry: Message, language: str) -> TargetTerm:
    concept_id = entry.msgctxt or ""
    _check_plain(source, entry)
    unknown = [f for f in entry.flags if f not in CATALOG_FLAGS]
    if unknown:
        raise source.error(
            f"unknown flag {unknown[0]!r} on concept {concept_id!r}",
            entry,
            hint=f"the only flag is {FUZZY!r}; do-not-translate is the comment line "
            f"'# {DNT_LINE}' (msgmerge drops unknown flags)",
        )
    wrong: list[str] = []
    notes: list[str] = []
    morphology: Morphology | None = None
    dnt = False
    for key, value, comment in _items(
        source,
        entry,
        entry.translator_comments,
        CATALOG_KEYS,
        "translator comment",
        bare=CATALOG_BARE_KEYS,
    ):
        if key == DNT_LINE:
            dnt = True
        elif key == "wrong":
            wrong.append(_checked(source, entry, comment, value, f"{language} wrong variant"))
        elif key == "note":
            notes.append(value)
        else:
            if morphology is not None:
                raise source.error(
                    f"concept {concept_id!r} has two 'morph:' lines",
                    entry,
                    comment=comment,
                    hint="put every item on one line: morph: gender=m inflect=WORD",
                )
            try:
                morphology = Morphology.parse(value)
            except GlossaryError as exc:
                raise source.error(
                    exc.message, entry, comment=comment, hint=exc.hint or ""
                ) from exc
    try:
        return TargetTerm(
            language=language,
            approved=entry.msgstr,
            wrong=tuple(wrong),
            do_not_translate=dnt,
            fuzzy=entry.fuzzy,
            morphology=morphology or Morphology(),
            note="\n".join(notes),
            line=entry.lineno,
        )
    except GlossaryError as exc:
        raise source.error(exc.message, entry, hint=exc.hint or "") from exc


def _termbase(
    template: _Source,
    catalogs: Mapping[str, _Source],
    languages: Sequence[str],
    source_language: str,
) -> Termbase:
    concepts = [_concept(template, entry) for entry in template.catalog.active]
    # Language entries belong to concepts by id; by (id, msgid) where the template repeats an id.
    ids = [c.id for c in concepts]
    repeated = {i for i in ids if ids.count(i) > 1}
    for language in languages:
        source = catalogs.get(language)
        if source is None:
            continue
        # The file name <lang>.po decides here, not a translations/<lang>/ folder (catalog_language)
        declared = source.catalog.language
        if declared and declared != language:
            raise GlossaryError(
                f"catalog declares Language {declared!r}, expected {language!r}",
                path=source.path,
                hint="fix its Language header, or rename the file to <language>.po",
            )
        placed: dict[int, Message] = {}
        for entry in source.catalog.active:
            concept_id = _concept_id(source, entry)
            at = next(
                (
                    i
                    for i, c in enumerate(concepts)
                    if c.id == concept_id
                    and (concept_id not in repeated or c.source == entry.msgid)
                ),
                None,
            )
            if at is None:
                raise source.error(
                    f"concept {concept_id!r} is not in {TEMPLATE_NAME}",
                    entry,
                    hint=f"add it to {TEMPLATE_NAME}, or delete this entry",
                )
            if at in placed:
                raise source.error(
                    f"concept {concept_id!r} has two entries in this file",
                    entry,
                    hint="merge them into one",
                )
            placed[at] = entry
            term = _target(source, entry, language)
            concepts[at] = concepts[at].with_target(term)
    return Termbase(
        concepts=tuple(concepts), languages=tuple(languages), source_language=source_language
    )


def termbase_from_catalogs(
    template: Catalog,
    catalogs: Mapping[str, Catalog],
    *,
    languages: Sequence[str] | None = None,
    source_language: str = "en",
) -> Termbase:
    """The termbase that a template and its language catalogs encode (no files involved)."""
    return _termbase(
        _Source(template, TEMPLATE_NAME),
        {lang: _Source(cat, f"{lang}.po") for lang, cat in catalogs.items()},
        list(languages if languages is not None else catalogs),
        source_language,
    )


@dataclass(frozen=True)
class GlossaryFiles:
    """A termbase and the files it was read from, as read: what a write of it builds on."""

    termbase: Termbase
    files: tuple[ReadCatalog, ...] = ()


def read_termbase(
    folder: Path, languages: Sequence[str], *, source_language: str = "en"
) -> Termbase:
    """Read ``folder/glossary.pot`` and ``folder/<lang>.po`` for each language.

    No folder or no file at all is an empty termbase (a project starts that way); a missing
    language catalog means no target terms in that language yet. Language catalogs without
    the template are an error: they cannot be read without it.
    """
    return read_termbase_files(folder, languages, source_language=source_language).termbase


def read_termbase_files(
    folder: Path, languages: Sequence[str], *, source_language: str = "en"
) -> GlossaryFiles:
    """:func:`read_termbase`, with the files as read (pass them to :func:`write_termbase`)."""
    template_path = template_file(folder)
    if not template_path.exists():
        orphans = [p for code in languages if (p := catalog_file(folder, code)).exists()]
        if orphans:
            raise GlossaryError(
                f"{orphans[0].name} has no template: {TEMPLATE_NAME} is missing",
                path=template_path,
                hint=f"restore {TEMPLATE_NAME} (e.g. from version control); it holds the concepts",
            )
        empty = Termbase(languages=tuple(languages), source_language=source_language)
        return GlossaryFiles(empty, (ReadCatalog.absent(template_path),))
    template, template_read = _load(template_path)
    catalogs: dict[str, _Source] = {}
    files = [template_read]
    for language in languages:
        path = catalog_file(folder, language)
        if path.exists():
            catalogs[language], read = _load(path)
            files.append(read)
        else:
            files.append(ReadCatalog.absent(path))
    termbase = _termbase(template, catalogs, languages, source_language)
    return GlossaryFiles(termbase, tuple(files))


def read_glossary(settings: Settings) -> Termbase:
    """The project's termbase, read from its glossary folder."""
    return read_glossary_files(settings).termbase


def read_glossary_files(settings: Settings) -> GlossaryFiles:
    """The project's termbase and its files as read (pass them to :func:`write_glossary`)."""
    return read_termbase_files(
        settings.glossary_path,
        settings.target_languages,
        source_language=settings.source_language,
    )


# --- writing -----------------------------------------------------------------------------------


def _note_lines(note: str) -> list[str]:
    return [f"note: {line}" for line in note.split("\n")] if note else []


def concept_message(concept: Concept) -> Message:
    """The template entry of a concept."""
    comments = [f"type: {concept.type.value}"]
    comments += [f"variant: {variant}" for variant in concept.variants]
    comments += _note_lines(concept.note)
    return Message(msgid=concept.source, msgctxt=concept.id, extracted_comments=tuple(comments))


def target_message(concept: Concept, term: TargetTerm | None) -> Message:
    """The language entry of a concept, before the template's comments are merged in."""
    if term is None:
        return Message(msgid=concept.source, msgctxt=concept.id)
    comments = [DNT_LINE] if term.do_not_translate else []
    comments += [f"wrong: {form}" for form in term.wrong]
    if not term.morphology.empty:
        comments.append(f"morph: {term.morphology.format()}")
    comments += _note_lines(term.note)
    return Message(
        msgid=concept.source,
        msgctxt=concept.id,
        msgstr=term.approved,
        flags=(FUZZY,) if term.fuzzy else (),
        translator_comments=tuple(comments),
    )


def _check_writable(termbase: Termbase) -> None:
    seen: set[tuple[str, str]] = set()
    for concept in termbase.concepts:
        if (concept.id, concept.source) in seen:
            raise GlossaryError(
                f"two concepts have the id {concept.id!r} and the source form {concept.source!r}",
                hint="give one of them another id",
            )
        seen.add((concept.id, concept.source))


def _template_comment(project: str) -> tuple[str, ...]:
    return (
        f"Glossary of {project}: one entry per concept; msgctxt is the concept id.",
        "Source side (type, variants, notes) is edited here; see glossary/README.md.",
    )


def _catalog_comment(project: str, language: str) -> tuple[str, ...]:
    return (
        f"Glossary of {project}: {language_name(language)} ({language}) approved forms.",
        "Translator comments hold wrong variants, morphology and notes; see glossary/README.md.",
    )


def glossary_catalogs(
    termbase: Termbase,
    existing: Mapping[str | None, Catalog],
    *,
    header: tuple[tuple[str, str], ...],
    project: str = "the project",
    created: str | None = None,
) -> dict[str | None, Catalog]:
    """The template (key ``None``) and one catalog per language that encode *termbase*.

    *existing* holds the files as they are now: their header and obsolete entries are kept.
    *header* is the header of a template written for the first time.
    """
    _check_writable(termbase)
    now = created or timestamp()
    old_template = existing.get(None)
    messages = tuple(concept_message(c) for c in termbase.concepts)
    if old_template is None:
        template = Catalog(
            header=header,
            header_comment=_template_comment(project),
            header_fuzzy=True,  # as xgettext writes a template: its header is not filled in
            messages=messages,
        )
    else:
        if old_template.header_value("POT-Creation-Date") is not None:
            old_template = old_template.with_header("POT-Creation-Date", now)
        template = replace(old_template, messages=messages + old_template.obsolete_messages)
    result: dict[str | None, Catalog] = {None: template}
    for language in termbase.languages:
        old = existing.get(language)
        own = tuple(target_message(c, c.target(language)) for c in termbase.concepts)
        base = Catalog(
            header=old.header if old is not None else template.header,
            header_comment=old.header_comment if old is not None else (),
            header_fuzzy=old.header_fuzzy if old is not None else False,
            messages=own + (old.obsolete_messages if old is not None else ()),
        )
        merged = merge_catalog(template, base, language, revised=now).catalog
        if old is None:
            merged = replace(merged, header_comment=_catalog_comment(project, language))
        result[language] = merged
    return result


def write_termbase(
    folder: Path,
    termbase: Termbase,
    *,
    header: tuple[tuple[str, str], ...],
    project: str = "the project",
    created: str | None = None,
    base: Sequence[ReadCatalog] | None = None,
) -> list[tuple[Path, WriteStatus]]:
    """Write the template and each language catalog atomically; unchanged files stay as
    they are. Returns each path with created/updated/unchanged.

    *base* holds the files as the caller read them (:func:`read_termbase_files`); without it
    they are read now. Each file is saved as :func:`~toolkit.gettext.store.save_catalog` does
    with that base: a change made on disk since is kept, or the save refused.
    """
    template_path = template_file(folder)
    paths: dict[str | None, Path] = {None: template_path}
    paths.update({language: catalog_file(folder, language) for language in termbase.languages})
    given = {read.path: read for read in base or ()}
    reads: dict[str | None, ReadCatalog] = {}
    for code, path in paths.items():
        if base is not None:
            reads[code] = given.get(path) or ReadCatalog.absent(path)
        elif path.exists():
            reads[code] = _load(path)[1]
        else:
            reads[code] = ReadCatalog.absent(path)
    existing = {code: read.catalog for code, read in reads.items() if read.catalog is not None}
    catalogs = glossary_catalogs(
        termbase, existing, header=header, project=project, created=created
    )
    written = []
    for code, catalog in catalogs.items():
        target = paths[code]
        written.append((target, save_catalog(target, catalog, base=reads[code])))
    return written


def project_name(settings: Settings) -> str:
    """The project's name as the glossary's comments and exports title it."""
    ident, _ = project_id(settings)
    return ident.split(" ")[0]


def write_glossary(
    settings: Settings,
    termbase: Termbase,
    *,
    created: str | None = None,
    base: Sequence[ReadCatalog] | None = None,
) -> list[tuple[Path, WriteStatus]]:
    """Write the project's termbase to its glossary folder (*base*: its files as read, see
    :func:`write_termbase`)."""
    now = created or timestamp()
    header = template_header(settings, now)
    return write_termbase(
        settings.glossary_path,
        termbase,
        header=header,
        project=project_name(settings),
        created=now,
        base=base,
    )
