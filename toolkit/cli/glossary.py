"""`toolkit glossary`: list, show, add, edit, remove, find, lint, import, export and discover
glossary concepts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from toolkit.cli.app import app, state
from toolkit.cli.output import TableFormat, TextFormat, shown
from toolkit.config import Settings
from toolkit.corpus.articles import load_corpus
from toolkit.corpus.segmentation import SegmentKind
from toolkit.errors import GlossaryError
from toolkit.fileio import write_text_atomic
from toolkit.findings import Finding, Severity, exit_code
from toolkit.glossary.discover import Discovery, Passage, discover
from toolkit.glossary.exchange import (
    ExchangeFormat,
    ImportMode,
    export_termbase,
    plan_import,
    read_exchange,
)
from toolkit.glossary.lint import lint, require_no_new_errors
from toolkit.glossary.matcher import Match
from toolkit.glossary.storage import read_glossary, write_glossary
from toolkit.glossary.termbase import (
    Concept,
    ConceptChange,
    ConceptType,
    Morphology,
    Termbase,
    apply_change,
    check_id,
    make_id,
)
from toolkit.project.extract import project_id

glossary_app = typer.Typer(
    help="The glossary (glossary/*.po): list, show, add, edit, remove, find and lint concepts; "
    "import and export TBX or CSV; discover variants and names in the corpus.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(glossary_app, name="glossary")


class ImportFormat(StrEnum):
    auto = "auto"
    csv = "csv"
    tbx = "tbx"


class Level(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


FormatOpt = Annotated[
    TableFormat, typer.Option("--format", help="Output as a table or as JSON for scripts.")
]
TypeOpt = Annotated[
    ConceptType | None,
    typer.Option("--type", "-t", help="Concept type.", show_default=False),
]
VariantOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--variant",
        "-v",
        metavar="TEXT",
        help="Source variant (spelling, short form); repeat for several.",
        show_default=False,
    ),
]
NoteOpt = Annotated[
    str | None, typer.Option("--note", metavar="TEXT", help="Note on the concept (source side).")
]
TargetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--target",
        metavar="LANG=FORM",
        help="Approved form in a target language, e.g. ru=Алматы; repeat per language.",
        show_default=False,
    ),
]
WrongOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--wrong",
        metavar="LANG=FORM",
        help="Wrong target variant to repair, e.g. ru=Алма-Ата; repeat for several.",
        show_default=False,
    ),
]
MorphOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--morph",
        metavar="LANG=HINTS",
        help="Morphology hints, e.g. 'ru=gender=m' or 'ru=inflect=Премьер-Министр' or "
        "'ru=indeclinable'; 'ru=' clears them.",
        show_default=False,
    ),
]
TargetNoteOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--target-note",
        metavar="LANG=TEXT",
        help="Note for one target language; 'ru=' clears it.",
        show_default=False,
    ),
]


# --- helpers -----------------------------------------------------------------------------------


def _pairs(settings: Settings, values: Sequence[str] | None, option: str) -> list[tuple[str, str]]:
    pairs = []
    for value in values or ():
        language, sep, text = value.partition("=")
        if not sep or not language:
            raise typer.BadParameter(f"{value!r} is not LANG=VALUE", param_hint=option)
        pairs.append((settings.require_target(language.strip()), text.strip()))
    return pairs


def _forms(pairs: list[tuple[str, str]], option: str) -> tuple[tuple[str, str], ...]:
    for _, text in pairs:
        if not text:
            raise typer.BadParameter("the form is empty", param_hint=option)
    return tuple(pairs)


def _change(
    settings: Settings,
    *,
    concept_type: ConceptType | None = None,
    source: str | None = None,
    variants: list[str] | None = None,
    remove_variants: list[str] | None = None,
    note: str | None = None,
    targets: list[str] | None = None,
    wrong: list[str] | None = None,
    remove_wrong: list[str] | None = None,
    morph: list[str] | None = None,
    target_notes: list[str] | None = None,
    dnt: bool | None = None,
) -> ConceptChange:
    return ConceptChange(
        type=concept_type,
        source=source.strip() if source is not None else None,
        add_variants=tuple(v.strip() for v in variants or ()),
        remove_variants=tuple(v.strip() for v in remove_variants or ()),
        note=note,
        targets=_forms(_pairs(settings, targets, "--target"), "--target"),
        add_wrong=_forms(_pairs(settings, wrong, "--wrong"), "--wrong"),
        remove_wrong=_forms(_pairs(settings, remove_wrong, "--remove-wrong"), "--remove-wrong"),
        morphology=tuple(
            (language, Morphology.parse(spec))
            for language, spec in _pairs(settings, morph, "--morph")
        ),
        target_notes=tuple(_pairs(settings, target_notes, "--target-note")),
        do_not_translate=dnt,
    )


def _concept(termbase: Termbase, concept_id: str) -> Concept:
    concept = termbase.get(concept_id)
    if concept is None:
        named = termbase.lookup(concept_id)
        hint = (
            f"did you mean {', '.join(c.id for c in named)}?"
            if named
            else "`toolkit glossary list` shows the ids"
        )
        raise GlossaryError(f"no concept with id {concept_id!r}", hint=hint)
    return concept


def _save(settings: Settings, before: Termbase, after: Termbase) -> None:
    """Write *after* unless it adds lint errors; say which files changed and new warnings."""
    require_no_new_errors(before, after)
    for path, status in write_glossary(settings, after):
        if status != "unchanged":
            typer.echo(f"{status} {shown(path, settings)}", err=True)
    known = {(f.check, f.message) for f in lint(before)}
    for finding in lint(after):
        if finding.severity is Severity.WARNING and (finding.check, finding.message) not in known:
            typer.echo(f"warning: {finding.message}", err=True)


def concept_record(concept: Concept) -> dict[str, Any]:
    """A concept as JSON data."""
    return {
        "id": concept.id,
        "type": concept.type.value,
        "source": concept.source,
        "variants": list(concept.variants),
        "note": concept.note,
        "targets": {
            term.language: {
                "approved": term.approved,
                "wrong": list(term.wrong),
                "do_not_translate": term.do_not_translate,
                "fuzzy": term.fuzzy,
                "morphology": {
                    "gender": term.morphology.gender.value if term.morphology.gender else None,
                    "inflect": list(term.morphology.inflect),
                    "indeclinable": term.morphology.indeclinable,
                },
                "note": term.note,
            }
            for term in concept.targets
        },
    }


def _table(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        typer.echo("  ".join([*cells, row[-1]]).rstrip())


def _match_record(match: Match, termbase: Termbase) -> dict[str, Any]:
    concept = termbase.get(match.key)
    return {
        "start": match.start,
        "end": match.end,
        "text": match.text,
        "concept": match.key,
        "concepts": list(match.keys),
        "type": concept.type.value if concept else None,
        "pattern": match.pattern,
    }


# --- commands ----------------------------------------------------------------------------------


@glossary_app.command("list")
def list_concepts(
    ctx: typer.Context,
    lang: Annotated[
        list[str] | None,
        typer.Option(
            "--lang",
            "-l",
            help="Show this target language only; repeat for several (default: all).",
            show_default=False,
        ),
    ] = None,
    concept_type: TypeOpt = None,
    output: FormatOpt = TableFormat.TABLE,
) -> None:
    """List the concepts: id, type, source form and the approved form per language."""
    settings = state(ctx).settings
    languages = (
        list(dict.fromkeys(settings.require_target(code) for code in lang))
        if lang
        else list(settings.target_languages)
    )
    termbase = read_glossary(settings)
    concepts = [c for c in termbase.concepts if concept_type is None or c.type is concept_type]
    if output is TableFormat.JSON:
        records = []
        for concept in concepts:
            record = concept_record(concept)
            record["targets"] = {k: v for k, v in record["targets"].items() if k in languages}
            records.append(record)
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    if not concepts:
        typer.echo(
            "no concepts" + (f" of type {concept_type.value}" if concept_type else ""), err=True
        )
        return
    rows = [["ID", "TYPE", "SOURCE", *(code.upper() for code in languages)]]
    for concept in concepts:
        forms = []
        for code in languages:
            term = concept.target(code)
            form = term.approved if term is not None and term.approved else "-"
            forms.append(form + (" (fuzzy)" if term is not None and term.fuzzy else ""))
        rows.append([concept.id, concept.type.value, concept.source, *forms])
    _table(rows)
    typer.echo(f"{len(concepts)} concept(s)", err=True)


@glossary_app.command("show")
def show_concept(
    ctx: typer.Context,
    term: Annotated[
        str,
        typer.Argument(metavar="TERM", help="Concept id, or any source or target form (any case)."),
    ],
    output: Annotated[
        TextFormat, typer.Option("--format", help="Output as text or as JSON for scripts.")
    ] = TextFormat.TEXT,
) -> None:
    """Show every concept TERM names, with its forms in all languages."""
    settings = state(ctx).settings
    termbase = read_glossary(settings)
    found = termbase.lookup(term)
    if not found:
        raise GlossaryError(
            f"no concept is named {term!r}",
            hint="`toolkit glossary find TEXT` searches inside text; `list` shows all concepts",
        )
    if output is TextFormat.JSON:
        typer.echo(json.dumps([concept_record(c) for c in found], ensure_ascii=False, indent=2))
        return
    for number, concept in enumerate(found):
        if number:
            typer.echo("")
        typer.echo(f"{concept.id} ({concept.type.value})")
        typer.echo(f"  source:    {concept.source}")
        if concept.variants:
            typer.echo(f"  variants:  {'; '.join(concept.variants)}")
        for line in concept.note.split("\n") if concept.note else ():
            typer.echo(f"  note:      {line}")
        for code in termbase.languages:
            target = concept.target(code)
            if target is None:
                typer.echo(f"  {code + ':':<10} - (no approved form)")
                continue
            marks = [
                mark
                for mark, on in (
                    ("do not translate", target.do_not_translate),
                    ("fuzzy: not approved yet", target.fuzzy),
                )
                if on
            ]
            extra = f"  [{', '.join(marks)}]" if marks else ""
            typer.echo(f"  {code + ':':<10} {target.approved or '- (no approved form)'}{extra}")
            if target.wrong:
                typer.echo(f"    wrong:   {'; '.join(target.wrong)}")
            if not target.morphology.empty:
                typer.echo(f"    morph:   {target.morphology.format()}")
            for line in target.note.split("\n") if target.note else ():
                typer.echo(f"    note:    {line}")


@glossary_app.command("add")
def add_concept(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="Canonical source form.")],
    concept_type: Annotated[
        ConceptType, typer.Option("--type", "-t", help="Concept type.", show_default=False)
    ],
    concept_id: Annotated[
        str | None,
        typer.Option("--id", metavar="ID", help="Concept id (default: made from SOURCE)."),
    ] = None,
    variant: VariantOpt = None,
    note: NoteOpt = None,
    target: TargetOpt = None,
    wrong: WrongOpt = None,
    morph: MorphOpt = None,
    target_note: TargetNoteOpt = None,
    dnt: Annotated[
        bool,
        typer.Option(
            "--dnt", help="Do not translate: every language keeps the source form as it is."
        ),
    ] = False,
) -> None:
    """Add a concept; prints its id. Refuses (exit 2) a concept that conflicts with another."""
    settings = state(ctx).settings
    source = source.strip()
    new_id = check_id(concept_id) if concept_id is not None else make_id(source)
    before = read_glossary(settings)
    existing = before.get(new_id)
    if existing is not None:
        raise GlossaryError(
            f"concept id {new_id!r} exists already ({existing.source!r})",
            hint="edit it with `toolkit glossary edit`, or give another id with --id",
        )
    change = _change(
        settings,
        variants=variant,
        note=note,
        targets=target,
        wrong=wrong,
        morph=morph,
        target_notes=target_note,
        dnt=True if dnt else None,
    )
    concept = apply_change(
        Concept(id=new_id, type=concept_type, source=source), change, before.languages
    )
    after = before.with_concept(concept)
    _save(settings, before, after)
    typer.echo(new_id)


@glossary_app.command("edit")
def edit_concept(
    ctx: typer.Context,
    concept_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the concept to change.")],
    concept_type: TypeOpt = None,
    source: Annotated[
        str | None,
        typer.Option("--source", metavar="TEXT", help="New canonical source form."),
    ] = None,
    variant: VariantOpt = None,
    remove_variant: Annotated[
        list[str] | None,
        typer.Option(
            "--remove-variant",
            metavar="TEXT",
            help="Source variant to remove; repeat for several.",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="TEXT", help="Replace the concept's note ('' clears it)."),
    ] = None,
    target: TargetOpt = None,
    wrong: WrongOpt = None,
    remove_wrong: Annotated[
        list[str] | None,
        typer.Option(
            "--remove-wrong",
            metavar="LANG=FORM",
            help="Wrong target variant to remove; repeat for several.",
            show_default=False,
        ),
    ] = None,
    morph: MorphOpt = None,
    target_note: TargetNoteOpt = None,
    dnt: Annotated[
        bool | None,
        typer.Option(
            "--dnt/--no-dnt",
            help="Mark or unmark the concept do-not-translate (in every language).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Change a concept; prints its id. Refuses (exit 2) a change that creates a conflict."""
    settings = state(ctx).settings
    before = read_glossary(settings)
    concept = _concept(before, concept_id)
    change = _change(
        settings,
        concept_type=concept_type,
        source=source,
        variants=variant,
        remove_variants=remove_variant,
        note=note,
        targets=target,
        wrong=wrong,
        remove_wrong=remove_wrong,
        morph=morph,
        target_notes=target_note,
        dnt=dnt,
    )
    after = before.with_concept(apply_change(concept, change, before.languages))
    if after == before:
        typer.echo("nothing to change", err=True)
    else:
        _save(settings, before, after)
    typer.echo(concept.id)


@glossary_app.command("remove")
def remove_concept(
    ctx: typer.Context,
    concept_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the concept to remove.")],
) -> None:
    """Remove a concept from the template and every language file; prints its id."""
    settings = state(ctx).settings
    before = read_glossary(settings)
    _concept(before, concept_id)
    after = before.without(concept_id)
    _save(settings, before, after)
    typer.echo(concept_id)


@glossary_app.command("find")
def find_concepts(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="TEXT", help="Text to search (or use --corpus).", show_default=False
        ),
    ] = None,
    corpus: Annotated[
        bool,
        typer.Option("--corpus", help="Search every translatable segment of every article."),
    ] = False,
    unmatched: Annotated[
        bool,
        typer.Option(
            "--unmatched", help="With --corpus: list the segments where no concept is found."
        ),
    ] = False,
    output: FormatOpt = TableFormat.TABLE,
) -> None:
    """Find glossary concepts in TEXT or in the corpus, with their character spans."""
    if (text is None) == (not corpus):
        raise typer.BadParameter("give either TEXT or --corpus")
    if unmatched and not corpus:
        raise typer.BadParameter("--unmatched needs --corpus")
    settings = state(ctx).settings
    termbase = read_glossary(settings)
    matcher = termbase.source_matcher
    if text is not None:
        matches = matcher.find(text)
        if output is TableFormat.JSON:
            records = [_match_record(m, termbase) for m in matches]
            typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
            return
        if matches:
            rows = [["SPAN", "CONCEPT", "TEXT"]]
            rows += [[f"{m.start}-{m.end}", "|".join(m.keys), m.text] for m in matches]
            _table(rows)
        typer.echo(f"{len(matches)} match(es)", err=True)
        return

    results = []
    for article in load_corpus(settings):
        for segment in article.translatable:
            found = matcher.find(segment.text)
            if unmatched == (not found):
                results.append((article, segment, found))
    if output is TableFormat.JSON:
        data = [
            {
                "article": article.id,
                "segment": segment.id,
                "reference": article.reference(segment, settings.root),
                "text": segment.text,
                "matches": [_match_record(m, termbase) for m in found],
            }
            for article, segment, found in results
        ]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if unmatched:
        for article, segment, _ in results:
            typer.echo(f"{article.id}:{segment.id}  {segment.text}")
        typer.echo(f"{len(results)} segment(s) without a concept", err=True)
        return
    rows = [["SEGMENT", "SPAN", "CONCEPT", "TEXT"]]
    for article, segment, found in results:
        for match in found:
            rows.append(
                [
                    f"{article.id}:{segment.id}",
                    f"{match.start}-{match.end}",
                    match.text,
                    "|".join(match.keys),
                ]
            )
    if len(rows) > 1:
        _table(rows)
    total = sum(len(found) for _, _, found in results)
    typer.echo(f"{total} match(es) in {len(results)} segment(s)", err=True)


@glossary_app.command("lint")
def lint_glossary(
    ctx: typer.Context,
    fail_on: Annotated[
        Level,
        typer.Option("--fail-on", help="Exit 1 when a finding reaches this severity."),
    ] = Level.error,
    show: Annotated[
        Level,
        typer.Option("--show", help="Print findings from this severity up."),
    ] = Level.warning,
    output: FormatOpt = TableFormat.TABLE,
) -> None:
    """Check the glossary for conflicts and gaps; exit 1 when a finding reaches --fail-on."""
    settings = state(ctx).settings
    termbase = read_glossary(settings)
    findings = lint(termbase, folder=settings.glossary_dir)
    shown = [f for f in findings if f.severity >= Severity.parse(show.value)]
    if output is TableFormat.JSON:
        typer.echo(json.dumps([_finding_record(f) for f in shown], ensure_ascii=False, indent=2))
    else:
        for finding in shown:
            typer.echo(finding.format())
    counts = {level: sum(1 for f in findings if f.severity is level) for level in Severity}
    summary = ", ".join(
        f"{counts[level]} {level.label}(s)" for level in sorted(Severity, reverse=True)
    )
    hidden = len(findings) - len(shown)
    typer.echo(
        f"{len(termbase)} concept(s): {summary}"
        + (f" ({hidden} not shown; --show info shows them)" if hidden else ""),
        err=True,
    )
    raise typer.Exit(exit_code(findings, Severity.parse(fail_on.value)))


def _finding_record(finding: Finding) -> dict[str, Any]:
    return {
        "check": finding.check,
        "severity": finding.severity.label,
        "location": str(finding.location),
        "message": finding.message,
        "subject": finding.subject,
    }


# --- exchange ----------------------------------------------------------------------------------


@glossary_app.command("export")
def export_glossary(
    ctx: typer.Context,
    output: Annotated[
        ExchangeFormat,
        typer.Option(
            "--format",
            help="tbx: TBX-Basic, every field; csv: header of language codes, one row per source "
            "form with the approved forms (Amazon/Google/MT engines); csv-full: every field, one "
            "row per concept.",
        ),
    ] = ExchangeFormat.TBX,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", metavar="FILE", help="Write here (default: stdout).", dir_okay=False
        ),
    ] = None,
    lang: Annotated[
        list[str] | None,
        typer.Option(
            "--lang",
            "-l",
            metavar="LANG",
            help="Export this target language only; repeat for several (default: all).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Export the glossary as TBX or CSV."""
    settings = state(ctx).settings
    languages = (
        list(dict.fromkeys(settings.require_target(code) for code in lang))
        if lang
        else list(settings.target_languages)
    )
    termbase = read_glossary(settings)
    project = project_id(settings)[0].split(" ")[0]
    text = export_termbase(termbase, output, languages=languages, title=f"Glossary of {project}")
    if out is None:
        typer.echo(text, nl=False)
        return
    write_text_atomic(out, text)
    typer.echo(f"wrote {out} ({len(termbase)} concept(s), {output.value})", err=True)


@glossary_app.command("import")
def import_glossary(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="TBX or CSV file to import.", dir_okay=False)
    ],
    fmt: Annotated[
        ImportFormat,
        typer.Option("--format", help="File format; auto: XML is TBX, anything else CSV."),
    ] = ImportFormat.auto,
    mode: Annotated[
        ImportMode,
        typer.Option(
            "--mode",
            help="merge: add concepts and forms, set what the file gives, remove nothing; "
            "replace: the glossary becomes the file.",
        ),
    ] = ImportMode.MERGE,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would change; write nothing.")
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            metavar="LANG",
            help="Target language of a two-column CSV (SOURCE,TARGET rows without a header).",
        ),
    ] = None,
) -> None:
    """Import a TBX or CSV glossary; prints what is added, changed or removed.

    Concepts are matched by id, or by source form where the file has none. Refuses (exit 2,
    nothing written) an import that would create a lint error.
    """
    settings = state(ctx).settings
    target = settings.require_target(lang) if lang is not None else None
    before = read_glossary(settings)
    incoming = read_exchange(
        file,
        source_language=settings.source_language,
        languages=settings.target_languages,
        fmt=fmt.value,
        target=target,
    )
    plan = plan_import(before, incoming, mode)
    for warning in plan.warnings:
        typer.echo(f"warning: {warning}", err=True)
    require_no_new_errors(before, plan.after)
    for change in plan.changes:
        typer.echo(change.format())
    counts = plan.counts
    summary = ", ".join(f"{counts[kind]} {kind}" for kind in ("added", "changed", "removed"))
    read = f"{len(incoming.concepts)} concept(s) read from {file}"
    if not plan.changes:
        typer.echo(f"{read}; nothing to change", err=True)
    elif dry_run:
        typer.echo(f"{read}: {summary}; dry run, nothing written", err=True)
    else:
        _save(settings, before, plan.after)
        typer.echo(f"{read}: {summary}", err=True)


# --- discovery ---------------------------------------------------------------------------------


@glossary_app.command("discover")
def discover_terms(
    ctx: typer.Context,
    min_count: Annotated[
        int,
        typer.Option(
            "--min-count",
            min=1,
            help="Propose a new name seen at least this often (variants of known concepts are "
            "proposed from one occurrence).",
        ),
    ] = 2,
    output: FormatOpt = TableFormat.TABLE,
) -> None:
    """Suggest variants of known concepts and new names from the corpus; never edits the
    glossary."""
    settings = state(ctx).settings
    termbase = read_glossary(settings)
    passages = [
        Passage(f"{article.id}:{segment.id}", segment.text, segment.kind is SegmentKind.TITLE)
        for article in load_corpus(settings)
        for segment in article.translatable
    ]
    found = discover(termbase, passages, min_count=min_count)
    if output is TableFormat.JSON:
        typer.echo(json.dumps(_discovery_record(found), ensure_ascii=False, indent=2))
    else:
        _print_discovery(found, min_count)
    typer.echo(
        f"{len(passages)} segment(s) scanned: {len(found.variants)} variant(s) of known "
        f"concepts, {len(found.names)} new name(s); the glossary is unchanged",
        err=True,
    )


def _times(count: int) -> str:
    return f"{count} time" + ("s" if count != 1 else "")


def _print_discovery(found: Discovery, min_count: int) -> None:
    if found.variants:
        typer.echo("Variants of known concepts:")
        for variant in found.variants:
            typer.echo(
                f"  {variant.concept}: {variant.form!r} seen {_times(variant.count)} "
                f"({', '.join(variant.examples)})"
            )
            typer.echo(f"    {variant.evidence}")
            typer.echo(f"    {variant.command}")
    if found.names:
        if found.variants:
            typer.echo("")
        typer.echo(f"New names (seen at least {_times(min_count)}):")
        for name in found.names:
            typer.echo(f"  {name.form!r} seen {_times(name.count)} ({', '.join(name.examples)})")
            typer.echo(f"    {name.command}")


def _discovery_record(found: Discovery) -> dict[str, Any]:
    return {
        "variants": [
            {
                "concept": v.concept,
                "form": v.form,
                "known": v.known,
                "evidence": v.evidence,
                "count": v.count,
                "examples": list(v.examples),
                "command": v.command,
            }
            for v in found.variants
        ],
        "names": [
            {
                "form": n.form,
                "type": n.type.value,
                "count": n.count,
                "examples": list(n.examples),
                "command": n.command,
            }
            for n in found.names
        ],
    }
