"""`toolkit glossary`: list, show, add, edit, remove, find, lint, import, export and discover
glossary concepts.

Each command parses its options, calls one library function (:mod:`toolkit.glossary.editing`,
:mod:`toolkit.glossary.search`, :mod:`toolkit.glossary.discover`...) and prints; the JSON shapes
are the library values' ``record()``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from toolkit.cli.app import app, state
from toolkit.cli.output import TextFormat, shown
from toolkit.config import Settings, load_settings
from toolkit.corpus.articles import load_corpus
from toolkit.errors import GlossaryError, ToolkitError
from toolkit.fileio import write_text_atomic
from toolkit.findings import Severity, exit_code
from toolkit.glossary.discover import Discovery, corpus_passages, discover
from toolkit.glossary.editing import (
    Saved,
    add_concept,
    edit_concept,
    plan_glossary_import,
    remove_concept,
    save_import,
)
from toolkit.glossary.exchange import ExchangeFormat, ImportMode, export_termbase
from toolkit.glossary.lint import lint, lint_record
from toolkit.glossary.search import find_in_articles, find_in_text
from toolkit.glossary.storage import project_name, read_glossary
from toolkit.glossary.termbase import ConceptChange, ConceptType, Morphology

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


Choice = TypeVar("Choice", bound=StrEnum)


def _choice(kind: type[Choice]) -> Callable[[Any], Choice | None]:
    """Parses an option into *kind*, saying which values there are (typer's own message starts
    with "Value error,")."""

    def parse(value: Any) -> Choice | None:
        if value is None:
            return None
        try:
            return kind(value)
        except ValueError:
            choices = ", ".join(repr(member.value) for member in kind)
            raise typer.BadParameter(f"{value!r} is not one of {choices}.") from None

    return parse


def _choices(kind: type[StrEnum]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [member.value for member in kind if member.value.startswith(incomplete)]

    return complete


def _completion_settings(ctx: typer.Context) -> Settings | None:
    """The project's settings while the shell completes a word; None outside a project."""
    try:
        return load_settings(ctx.find_root().params.get("project"))
    except (ToolkitError, OSError, ValueError):
        return None


def _complete_concepts(ctx: typer.Context, incomplete: str) -> list[str]:
    settings = _completion_settings(ctx)
    if settings is None:
        return []
    try:
        termbase = read_glossary(settings)
    except (ToolkitError, OSError, ValueError):
        return []
    return [concept.id for concept in termbase.concepts if concept.id.startswith(incomplete)]


def _complete_languages(ctx: typer.Context, incomplete: str) -> list[str]:
    settings = _completion_settings(ctx)
    if settings is None:
        return []
    return [code for code in settings.target_languages if code.startswith(incomplete)]


FormatOpt = Annotated[
    TextFormat,
    typer.Option(
        "--format",
        metavar="text|json",
        parser=_choice(TextFormat),
        autocompletion=_choices(TextFormat),
        help="Output as text or as JSON for scripts.",
    ),
]
_TYPE_HELP = "Concept type: " + ", ".join(t.value for t in ConceptType) + "."
TypeOpt = Annotated[
    ConceptType | None,
    typer.Option(
        "--type",
        metavar="TYPE",
        parser=_choice(ConceptType),
        autocompletion=_choices(ConceptType),
        help=_TYPE_HELP,
        show_default=False,
    ),
]
LangsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--lang",
        "-l",
        metavar="LANG",
        autocompletion=_complete_languages,
        help="Show this target language only; repeat for several (default: all).",
        show_default=False,
    ),
]
ConceptArg = Annotated[
    str,
    typer.Argument(
        metavar="ID", autocompletion=_complete_concepts, help="Id of the concept to change."
    ),
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


def _languages(settings: Settings, lang: Sequence[str] | None) -> list[str]:
    if not lang:
        return list(settings.target_languages)
    return list(dict.fromkeys(settings.require_target(code) for code in lang))


def _report(settings: Settings, saved: Saved) -> None:
    """Which files a save changed, and the lint warnings it brought."""
    for path, status in saved.changed:
        typer.echo(f"{status} {shown(path, settings)}", err=True)
    for finding in saved.warnings:
        typer.echo(f"warning: {finding.message}", err=True)


def _json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


_GAP = "  "
_MORE = "…"
# Ids stay whole while the cells cut beside them keep this many characters ("…" included).
_READABLE = 16


def _cap(widths: Sequence[int], room: int) -> int:
    """The largest width to cut columns to so that together they take at most *room*."""
    cap = max(widths, default=1)
    while cap > 1 and sum(min(width, cap) for width in widths) > room:
        cap -= 1
    return cap


def _fit(widths: list[int], total: int, keep: int) -> list[int]:
    """Column widths for lines of at most *total* characters: the widest columns are cut first,
    to one common width; the first *keep* columns (what a user types back: ids) too when
    keeping them whole would leave the others unreadable."""
    room = total - len(_GAP) * (len(widths) - 1)
    if sum(widths) <= room:
        return widths
    cap = _cap(widths[keep:], room - sum(widths[:keep]))
    if cap >= _READABLE:
        return widths[:keep] + [min(width, cap) for width in widths[keep:]]
    cap = _cap(widths, room)
    return [min(width, cap) for width in widths]


def _cut(cell: str, width: int) -> str:
    return cell if len(cell) <= width else cell[: width - 1] + _MORE


def _table(rows: list[list[str]], width: int | None = None, *, keep: int = 1) -> None:
    """Rows in aligned columns; with *width*, cells are cut ("…") so that lines fit it."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    if width is not None:
        widths = _fit(widths, width, keep)
        rows = [[_cut(cell, w) for cell, w in zip(row, widths, strict=True)] for row in rows]
    for row in rows:
        cells = [cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=False)]
        typer.echo(_GAP.join([*cells, row[-1]]).rstrip())


# --- commands ----------------------------------------------------------------------------------


@glossary_app.command("list")
def list_concepts(
    ctx: typer.Context,
    lang: LangsOpt = None,
    concept_type: TypeOpt = None,
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """List the concepts: id, type, source form and the approved form per language."""
    settings = state(ctx).settings
    languages = _languages(settings, lang)
    termbase = read_glossary(settings)
    concepts = [c for c in termbase.concepts if concept_type is None or c.type is concept_type]
    if output is TextFormat.JSON:
        _json([concept.record(languages) for concept in concepts])
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
    _table(rows, shutil.get_terminal_size().columns)
    typer.echo(f"{len(concepts)} concept(s)", err=True)


@glossary_app.command("show")
def show_concept(
    ctx: typer.Context,
    term: Annotated[
        str,
        typer.Argument(
            metavar="TERM",
            autocompletion=_complete_concepts,
            help="Concept id, or any source or target form (any case).",
        ),
    ],
    output: FormatOpt = TextFormat.TEXT,
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
        _json([concept.record() for concept in found])
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
def add_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="Canonical source form.")],
    concept_type: Annotated[
        ConceptType,
        typer.Option(
            "--type",
            metavar="TYPE",
            parser=_choice(ConceptType),
            autocompletion=_choices(ConceptType),
            help=_TYPE_HELP,
            show_default=False,
        ),
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
    edit = add_concept(settings, source, concept_type, change, concept_id=concept_id)
    if edit.saved is not None:
        _report(settings, edit.saved)
    typer.echo(edit.concept_id)


@glossary_app.command("edit")
def edit_command(
    ctx: typer.Context,
    concept_id: ConceptArg,
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
    edit = edit_concept(settings, concept_id, change)
    if edit.saved is None:
        typer.echo("nothing to change", err=True)
    else:
        _report(settings, edit.saved)
    typer.echo(edit.concept_id)


@glossary_app.command("remove")
def remove_command(
    ctx: typer.Context,
    concept_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", autocompletion=_complete_concepts, help="Id of the concept to remove."
        ),
    ],
) -> None:
    """Remove a concept from the template and every language file; prints its id."""
    settings = state(ctx).settings
    edit = remove_concept(settings, concept_id)
    if edit.saved is not None:
        _report(settings, edit.saved)
    typer.echo(edit.concept_id)


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
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """Find glossary concepts in TEXT or in the corpus, with their character spans."""
    if (text is None) == (not corpus):
        raise typer.BadParameter("give either TEXT or --corpus")
    if unmatched and not corpus:
        raise typer.BadParameter("--unmatched needs --corpus")
    settings = state(ctx).settings
    termbase = read_glossary(settings)
    if text is not None:
        matches = find_in_text(termbase, text)
        if output is TextFormat.JSON:
            _json([m.record() for m in matches])
            return
        if matches:
            rows = [["SPAN", "CONCEPT", "TEXT"]]
            rows += [
                [f"{m.match.start}-{m.match.end}", "|".join(m.match.keys), m.match.text]
                for m in matches
            ]
            _table(rows)
        typer.echo(f"{len(matches)} match(es)", err=True)
        return

    results = find_in_articles(termbase, load_corpus(settings), settings.root, unmatched=unmatched)
    if output is TextFormat.JSON:
        _json([segment.record() for segment in results])
        return
    if unmatched:
        for segment in results:
            typer.echo(f"{segment.label}  {segment.text}")
        typer.echo(f"{len(results)} segment(s) without a concept", err=True)
        return
    rows = [["SEGMENT", "SPAN", "CONCEPT", "TEXT"]]
    for segment in results:
        for found in segment.matches:
            match = found.match
            rows.append(
                [segment.label, f"{match.start}-{match.end}", match.text, "|".join(match.keys)]
            )
    if len(rows) > 1:
        _table(rows)
    total = sum(len(segment.matches) for segment in results)
    typer.echo(f"{total} match(es) in {len(results)} segment(s)", err=True)


@glossary_app.command("lint")
def lint_glossary(
    ctx: typer.Context,
    fail_on: Annotated[
        Level,
        typer.Option(
            "--fail-on",
            metavar="error|warning|info",
            parser=_choice(Level),
            autocompletion=_choices(Level),
            help="Exit 1 when a finding reaches this severity.",
        ),
    ] = Level.error,
    show: Annotated[
        Level,
        typer.Option(
            "--show",
            metavar="error|warning|info",
            parser=_choice(Level),
            autocompletion=_choices(Level),
            help="Print findings from this severity up.",
        ),
    ] = Level.warning,
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """Check the glossary for conflicts and gaps; exit 1 when a finding reaches --fail-on."""
    settings = state(ctx).settings
    termbase = read_glossary(settings)
    findings = lint(termbase, folder=settings.glossary_dir)
    shown_findings = [f for f in findings if f.severity >= Severity.parse(show.value)]
    if output is TextFormat.JSON:
        _json([lint_record(f) for f in shown_findings])
    else:
        for finding in shown_findings:
            typer.echo(finding.format())
    counts = {level: sum(1 for f in findings if f.severity is level) for level in Severity}
    summary = ", ".join(
        f"{counts[level]} {level.label}(s)" for level in sorted(Severity, reverse=True)
    )
    hidden = len(findings) - len(shown_findings)
    typer.echo(
        f"{len(termbase)} concept(s): {summary}"
        + (f" ({hidden} not shown; --show info shows them)" if hidden else ""),
        err=True,
    )
    raise typer.Exit(exit_code(findings, Severity.parse(fail_on.value)))


# --- exchange ----------------------------------------------------------------------------------


@glossary_app.command("export")
def export_glossary(
    ctx: typer.Context,
    output: Annotated[
        ExchangeFormat,
        typer.Option(
            "--format",
            metavar="tbx|csv|csv-full",
            parser=_choice(ExchangeFormat),
            autocompletion=_choices(ExchangeFormat),
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
            autocompletion=_complete_languages,
            help="Export this target language only; repeat for several (default: all).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Export the glossary as TBX or CSV."""
    settings = state(ctx).settings
    languages = _languages(settings, lang)
    termbase = read_glossary(settings)
    title = f"Glossary of {project_name(settings)}"
    text = export_termbase(termbase, output, languages=languages, title=title)
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
        typer.Option(
            "--format",
            metavar="auto|csv|tbx",
            parser=_choice(ImportFormat),
            autocompletion=_choices(ImportFormat),
            help="File format; auto: XML is TBX, anything else CSV.",
        ),
    ] = ImportFormat.auto,
    mode: Annotated[
        ImportMode,
        typer.Option(
            "--mode",
            metavar="merge|replace",
            parser=_choice(ImportMode),
            autocompletion=_choices(ImportMode),
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
            autocompletion=_complete_languages,
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
    pending = plan_glossary_import(settings, file, fmt=fmt.value, mode=mode, target=target)
    plan = pending.plan
    for warning in plan.warnings:
        typer.echo(f"warning: {warning}", err=True)
    saved = save_import(settings, pending, dry_run=dry_run)
    for change in plan.changes:
        typer.echo(change.format())
    counts = plan.counts
    summary = ", ".join(f"{counts[kind]} {kind}" for kind in ("added", "changed", "removed"))
    read = f"{len(pending.incoming.concepts)} concept(s) read from {file}"
    if not plan.changes:
        typer.echo(f"{read}; nothing to change", err=True)
    elif saved is None:
        typer.echo(f"{read}: {summary}; dry run, nothing written", err=True)
    else:
        _report(settings, saved)
        typer.echo(f"{read}: {summary}", err=True)


# --- discovery ---------------------------------------------------------------------------------


@glossary_app.command("discover")
def discover_terms(
    ctx: typer.Context,
    min_count: Annotated[
        int,
        typer.Option(
            "--min-count",
            metavar="N",
            min=1,
            help="Propose a new name seen at least this often (variants of known concepts are "
            "proposed from one occurrence).",
        ),
    ] = 2,
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """Suggest variants of known concepts and new names from the corpus; never edits the
    glossary."""
    settings = state(ctx).settings
    termbase = read_glossary(settings)
    passages = corpus_passages(load_corpus(settings))
    found = discover(termbase, passages, min_count=min_count)
    if output is TextFormat.JSON:
        _json(found.record())
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
