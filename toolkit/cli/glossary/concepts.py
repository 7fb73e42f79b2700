"""`toolkit glossary list, show, add, edit, remove, find, lint`: the concepts one by one.

Each command parses its options, calls one library function (:mod:`toolkit.glossary.editing`,
:mod:`toolkit.glossary.search`, :mod:`toolkit.glossary.lint`) and prints; the JSON shapes are the
library values' ``record()``.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated

import typer

from toolkit.cli.app import state
from toolkit.cli.glossary.options import (
    TYPE_HELP,
    ConceptArg,
    LangsOpt,
    TypeOpt,
    complete_concepts,
    glossary_app,
    report_saved,
)
from toolkit.cli.options import FormatOpt, choice, choices
from toolkit.cli.output import TextFormat, print_json
from toolkit.config import Settings
from toolkit.corpus.articles import load_corpus
from toolkit.errors import GlossaryError
from toolkit.findings import Severity, exit_code
from toolkit.glossary.editing import (
    add_concept,
    edit_concept,
    remove_concept,
)
from toolkit.glossary.lint import lint, lint_record
from toolkit.glossary.search import find_in_articles, find_in_text
from toolkit.glossary.storage import read_glossary
from toolkit.glossary.termbase import ConceptChange, ConceptType, Morphology
from toolkit.project.paths import target_languages


class Level(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


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
    languages = target_languages(settings, lang)
    termbase = read_glossary(settings)
    concepts = [c for c in termbase.concepts if concept_type is None or c.type is concept_type]
    if output is TextFormat.JSON:
        print_json([concept.record(languages) for concept in concepts])
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
            autocompletion=complete_concepts,
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
        print_json([concept.record() for concept in found])
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
            parser=choice(ConceptType),
            autocompletion=choices(ConceptType),
            help=TYPE_HELP,
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
        report_saved(settings, edit.saved)
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
        report_saved(settings, edit.saved)
    typer.echo(edit.concept_id)


@glossary_app.command("remove")
def remove_command(
    ctx: typer.Context,
    concept_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", autocompletion=complete_concepts, help="Id of the concept to remove."
        ),
    ],
) -> None:
    """Remove a concept from the template and every language file; prints its id."""
    settings = state(ctx).settings
    edit = remove_concept(settings, concept_id)
    if edit.saved is not None:
        report_saved(settings, edit.saved)
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
            print_json([m.record() for m in matches])
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
        print_json([segment.record() for segment in results])
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
                [segment.label, f"{match.start}-{match.end}", "|".join(match.keys), match.text]
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
            parser=choice(Level),
            autocompletion=choices(Level),
            help="Exit 1 when a finding reaches this severity.",
        ),
    ] = Level.error,
    show: Annotated[
        Level,
        typer.Option(
            "--show",
            metavar="error|warning|info",
            parser=choice(Level),
            autocompletion=choices(Level),
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
        print_json([lint_record(f) for f in shown_findings])
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
