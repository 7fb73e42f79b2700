"""``toolkit review``, ``toolkit approve`` and ``toolkit export``: from a checked catalog to a
published article."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from toolkit.cli.app import app, state
from toolkit.cli.options import (
    ArticlesArg,
    FormatOpt,
    LanguagesOpt,
    never_failing,
)
from toolkit.cli.output import TextFormat, page, print_json
from toolkit.config import Settings
from toolkit.errors import EXIT_FINDINGS, EXIT_OK, CatalogError
from toolkit.export import ExportFormat, ExportRefused, export_articles
from toolkit.fileio import write_text_atomic
from toolkit.gettext import pofile
from toolkit.gettext.model import Catalog
from toolkit.gettext.store import read_catalog_snapshot, save_catalog
from toolkit.glossary.storage import read_glossary
from toolkit.glossary.termbase import Termbase
from toolkit.project.catalogs import CatalogFile, find_catalogs
from toolkit.review.approve import accept, approve, edit, entry_ids
from toolkit.review.html import render_index, render_report
from toolkit.review.model import (
    EntryState,
    ReviewCatalog,
    ReviewEntry,
    Selection,
    check_catalogs,
    review_catalog,
    review_catalogs,
    select_entries,
)
from toolkit.review.terminal import Layout, render_catalog, render_entry

STAMP = "PO-Revision-Date"


def _layout(color: bool | None, width: int | None) -> Layout:
    """Colour on a terminal (or when asked), plain markers in a pipe; the terminal's width."""
    use_color = sys.stdout.isatty() if color is None else color
    if os.environ.get("NO_COLOR") and color is None:
        use_color = False
    columns = width or shutil.get_terminal_size(fallback=(100, 24)).columns
    return Layout(width=columns, color=use_color)


# --- review ------------------------------------------------------------------------------------


def _write_html(
    reviews: Sequence[ReviewCatalog], chosen: Sequence[Sequence[ReviewEntry]], out: Path
) -> list[Path]:
    """One page at OUT.html, or a folder with one page per catalog and an index.html."""
    if out.suffix.lower() in (".html", ".htm") and not out.is_dir():
        write_text_atomic(out, render_report(reviews, chosen))
        return [out]
    written = []
    names: list[str] = []
    for review, entries in zip(reviews, chosen, strict=True):
        stem = f"{review.language}--{Path(review.path).stem}"
        name, number = f"{stem}.html", 1
        while name in names:  # two catalogs of one language with one name, in other folders
            number += 1
            name = f"{stem}-{number}.html"
        names.append(name)
        write_text_atomic(out / name, render_report([review], [entries]))
        written.append(out / name)
    index = out / "index.html"
    write_text_atomic(index, render_index(reviews, names, "Review of the translations"))
    return [*written, index]


@app.command("review")
def review(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Catalogs (.po) or folders of them (default: every catalog of the project).",
            show_default=False,
        ),
    ] = None,
    lang: LanguagesOpt = None,
    only: Annotated[
        list[Selection] | None,
        typer.Option(
            "--only",
            metavar="fuzzy|findings|untranslated",
            help="Show only fuzzy entries, entries with findings, or untranslated entries; "
            "repeat for several.",
            show_default=False,
        ),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="OUT",
            help="Write a self-contained HTML report instead: OUT.html (one page), or a folder "
            "(one page per catalog and an index.html).",
            show_default=False,
        ),
    ] = None,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive",
            "-i",
            help="Step through the fuzzy entries: accept, edit, skip or quit; each decision is "
            "saved at once.",
        ),
    ] = False,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Highlight with ANSI colours (default: only when stdout is a terminal).",
            show_default=False,
        ),
    ] = None,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            metavar="N",
            min=40,
            help="Wrap to this many columns (default: the terminal's width).",
            show_default=False,
        ),
    ] = None,
    output: FormatOpt = TextFormat.TEXT,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print straight to the terminal; without it, output longer than the terminal "
            "goes through $PAGER (default: less). Piped output is never paged.",
        ),
    ] = False,
) -> None:
    """Review translations side by side: source, translation, state, findings.

    Glossary terms are marked on both sides. With --html, writes a page to read in a browser
    (filters by state and check, works offline, readable on a phone). With --interactive, walks
    through the fuzzy entries.
    """
    settings = state(ctx).settings
    if interactive and (html is not None or output is TextFormat.JSON):
        raise typer.BadParameter("--interactive cannot be combined with --html or --format")
    if html is not None and output is TextFormat.JSON:
        raise typer.BadParameter(
            "--html writes HTML; it cannot be combined with --format json",
            param_hint="'--format'",
        )
    if interactive:
        _interactive(settings, paths or [], lang, _layout(color, width))
        return
    reviews = review_catalogs(settings, paths or (), lang)
    chosen = [select_entries(r.entries, only or ()) for r in reviews]
    if html is not None:
        for path in _write_html(reviews, chosen, html):
            typer.echo(str(path))
        typer.echo(
            f"review: {sum(len(c) for c in chosen)} entries of {len(reviews)} catalog(s)",
            err=True,
        )
        return
    if output is TextFormat.JSON:
        print_json([r.record(entries) for r, entries in zip(reviews, chosen, strict=True)])
        return
    layout = _layout(color, width)
    lines: list[str] = []
    for number, (item, entries) in enumerate(zip(reviews, chosen, strict=True)):
        if number:
            lines.append("")
        lines.extend(render_catalog(item, entries, layout))
    page(lines, color=layout.color, pager=not no_pager)


# --- interactive review ------------------------------------------------------------------------

PROMPT = "[a]ccept, [e]dit, [i]nline edit, [s]kip, [q]uit"


def _editor() -> str | None:
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or None


def _edit_in_editor(text: str, editor: str) -> str | None:
    """The text after the reviewer edited it in *editor*; None when the editor failed."""
    with tempfile.TemporaryDirectory(prefix="toolkit-review-") as folder:
        path = Path(folder) / "translation.txt"
        path.write_text(text + "\n", encoding="utf-8")
        try:
            done = subprocess.run([*shlex.split(editor), str(path)], check=False)
        except OSError as exc:
            typer.echo(f"cannot start the editor {editor!r}: {exc.strerror}", err=True)
            return None
        if done.returncode != 0:
            typer.echo(f"the editor exited with status {done.returncode}; not changed", err=True)
            return None
        return path.read_text(encoding="utf-8").rstrip("\n")


def _ask() -> str:
    while True:
        try:
            answer = typer.prompt(PROMPT, default="s", show_default=True)
        except typer.Abort:  # end of input: stop as if the reviewer quit
            typer.echo()
            return "q"
        key = str(answer).strip().lower()[:1]
        if key in ("a", "e", "i", "s", "q"):
            return key
        typer.echo(f"answer one of: {PROMPT}")


def _interactive(
    settings: Settings, paths: Sequence[Path], languages: Sequence[str] | None, layout: Layout
) -> None:
    termbase = read_glossary(settings)
    catalogs = [c for c in find_catalogs(settings, paths, languages, templates=False) if c.language]
    if not catalogs:
        raise CatalogError("no language catalogs to review", hint="pass .po files")
    counts = {"accepted": 0, "edited": 0, "skipped": 0}
    for item in catalogs:
        file = item.path
        if _review_file(item, file, termbase, settings, layout, counts):
            break
    typer.echo(
        f"review: {counts['accepted']} accepted, {counts['edited']} edited, "
        f"{counts['skipped']} skipped",
        err=True,
    )


def _checked(item: CatalogFile, catalog: Catalog, termbase: Termbase, source: str) -> ReviewCatalog:
    current = item.with_catalog(catalog)
    report = check_catalogs([current], termbase, source)
    return review_catalog(current, report.findings, termbase, source)


def _review_file(
    item: CatalogFile,
    file: Path,
    termbase: Termbase,
    settings: Settings,
    layout: Layout,
    counts: dict[str, int],
) -> bool:
    """Walk the fuzzy entries of one catalog; True when the reviewer quit."""
    source = settings.source_language
    catalog = item.catalog
    base = item.base  # what each save builds on: the file as last read
    reviewed = _checked(item, catalog, termbase, source)
    queue = [e.key for e in reviewed.entries if e.state is EntryState.FUZZY and e.form == 0]
    if not queue:
        typer.echo(f"{item.shown}: no fuzzy entries", err=True)
        return False
    for position, key in enumerate(queue, start=1):
        entry = next(e for e in reviewed.entries if e.key == key)
        typer.echo(f"\n{item.shown}: fuzzy entry {position} of {len(queue)}")
        for line in render_entry(entry, layout):
            typer.echo(line, color=layout.color)
        answer = _ask()
        if answer == "q":
            return True
        if answer == "s":
            counts["skipped"] += 1
            continue
        if answer == "a":
            catalog = accept(catalog, key)
            counts["accepted"] += 1
            verb = "approved"
        else:
            text = _new_text(entry.target, inline=answer == "i")
            if text is None:
                typer.echo(f"not changed; {entry.label} stays fuzzy")
                counts["skipped"] += 1
                continue
            if text == entry.target:
                catalog = accept(catalog, key)
                counts["accepted"] += 1
                verb = "approved unchanged"
            else:
                catalog = edit(catalog, key, text)
                counts["edited"] += 1
                verb = "edited and approved"
        save_catalog(file, catalog, base=base, stamp=STAMP)
        typer.echo(f"{verb} {entry.label}; saved {item.shown}")
        base = read_catalog_snapshot(file)  # line numbers as saved, for what follows
        assert base.catalog is not None  # a missing file is an error
        catalog = base.catalog
        reviewed = _checked(item, catalog, termbase, source)
        if verb.startswith("edited"):
            after = next((e for e in reviewed.entries if e.key == key), None)
            for finding in after.shown_findings if after is not None else ():
                typer.echo(f"  {finding.severity.label}: [{finding.check}] {finding.message}")
    return False


def _new_text(current: str, *, inline: bool) -> str | None:
    editor = None if inline else _editor()
    if editor is not None:
        return _edit_in_editor(current, editor)
    try:
        text = typer.prompt("New translation", default=current, show_default=False)
    except typer.Abort:
        return None
    return str(text).strip()


# --- approve -----------------------------------------------------------------------------------


def _catalog_entries(ctx: typer.Context) -> list[str]:
    """Segment ids of the active entries of the catalog named before ``--entry``."""
    path = ctx.params.get("path")
    if path is None:
        return []
    return [
        segment
        for message in pofile.read_catalog(Path(path)).active
        for segment in entry_ids(message)
    ]


@app.command("approve")
def approve_command(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="The catalog (.po) to approve entries in."),
    ],
    entry: Annotated[
        list[str] | None,
        typer.Option(
            "--entry",
            "-e",
            metavar="ENTRY",
            help="Approve this entry: a segment id (p3.s2, title) or its exact msgid; repeat "
            "for several.",
            show_default=False,
            autocompletion=never_failing(_catalog_entries),
        ),
    ] = None,
    all_clean: Annotated[
        bool,
        typer.Option(
            "--all-clean",
            help="Approve every fuzzy entry without an error finding (runs the checks).",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be approved; change nothing.")
    ] = False,
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """Approve fuzzy entries a person has checked: clears `fuzzy` and the `#|` lines.

    Exit status 1 when an entry stays fuzzy (error findings, or nothing to approve).
    """
    if bool(entry) == all_clean:
        raise typer.BadParameter("give either --entry ENTRY (repeatable) or --all-clean")
    settings = state(ctx).settings
    found = find_catalogs(settings, [path], templates=False)
    item = found[0]
    if item.language is None:
        raise CatalogError(
            "a template has no translations to approve",
            path=path,
            hint="pass a language catalog (translations/<lang>/<article>.po)",
        )
    findings = []
    if all_clean or entry:
        termbase = read_glossary(settings)
        findings = list(check_catalogs([item], termbase, settings.source_language).findings)
    result = approve(item.catalog, findings, refs=entry or (), all_clean=all_clean, path=str(path))
    status = "unchanged"
    if result.approved and not dry_run:
        status = save_catalog(path, result.catalog, base=item.base, stamp=STAMP)
    if output is TextFormat.JSON:
        print_json(result.record(item.shown, "dry-run" if dry_run else status))
    else:
        for decision in result.decisions:
            flat = " ".join(decision.msgid.split())
            shown = flat if len(flat) <= 60 else flat[:59] + "…"
            typer.echo(f"{decision.status:<9} {decision.label:<8} {decision.reason}: {shown}")
    verb = "would approve" if dry_run else "approved"
    typer.echo(
        f"{item.shown}: {verb} {len(result.approved)}, kept {len(result.kept)}"
        + ("" if dry_run else f"; file {status}"),
        err=True,
    )
    raise typer.Exit(EXIT_FINDINGS if result.kept else EXIT_OK)


# --- export ------------------------------------------------------------------------------------


@app.command("export")
def export(
    ctx: typer.Context,
    articles: ArticlesArg = None,
    lang: LanguagesOpt = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--as", metavar="txt|md|html", help="File format of the articles."),
    ] = ExportFormat.TXT,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="DIR",
            help="Write to DIR/<lang>/<article>.<ext> (default: the build folder's export/).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    bilingual: Annotated[
        bool,
        typer.Option(
            "--bilingual",
            help="Source and translation side by side, paragraph by paragraph (HTML only): "
            "<article>.bilingual.html.",
        ),
    ] = False,
    allow_partial: Annotated[
        bool,
        typer.Option(
            "--allow-partial",
            help="Export even with fuzzy or untranslated segments, marked [fuzzy: ...] and "
            "[untranslated: ...]; without it such segments stop the export (exit 2).",
        ),
    ] = False,
    output: FormatOpt = TextFormat.TEXT,
) -> None:
    """Export finished articles in the target languages: title, date, paragraphs.

    Only approved translations are exported; the list of segments that are not goes to stderr.
    Photo credits are kept as in the source, after the text; site navigation is dropped.
    """
    if bilingual and fmt is not ExportFormat.HTML:
        raise typer.BadParameter("--bilingual needs --as html")
    settings = state(ctx).settings
    try:
        results = export_articles(
            settings,
            lang,
            articles or (),
            fmt=fmt,
            out_dir=out,
            bilingual=bilingual,
            allow_partial=allow_partial,
        )
    except ExportRefused as refused:
        for gap in refused.gaps:
            typer.echo(gap.format(), err=True)
        raise
    if output is TextFormat.JSON:
        print_json({"articles": [result.record(settings.root) for result in results]})
    else:
        for result in results:
            typer.echo(str(result.path))
    marked = sum(r.gaps for r in results)
    changed = sum(1 for r in results if r.status != "unchanged")
    summary = f"export: {len(results)} article(s), {changed} written"
    if marked:
        summary += f"; {marked} segment(s) marked as not approved"
    typer.echo(summary, err=True)
