"""What the job has to translate: templates, merged catalogs, and what memory already knows.

For each target language every article's template is merged into its catalog (msgmerge
semantics, in memory), empty entries are filled from the translation memory (exact matches
from every catalog of the language, keeping their fuzzy state), similar sentences are offered
as ``#. x-memory:``, and what is still empty is left for the engine as a :class:`Work` item's
``pending`` entries.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.config import Settings
from toolkit.corpus.articles import Article
from toolkit.engines.memory import ENGINE_KEY, MEMORY_KEY, TranslationMemory, load_memory
from toolkit.gettext.merge import merge_catalog
from toolkit.gettext.model import Catalog, Message, annotate, with_translation
from toolkit.gettext.store import (
    ReadCatalog,
    read_catalog_snapshot,
    same_content,
    save_catalog,
)
from toolkit.project.catalogs import language_catalogs
from toolkit.project.extract import build_template
from toolkit.project.paths import catalog_path, template_path


@dataclass
class Work:
    """One catalog being filled: the merged catalog, and which entries the engine must fill."""

    article: str
    language: str
    path: Path
    shown: str  # the path as messages show it: relative to the project
    catalog: Catalog
    existing: Catalog | None  # the catalog as the file has it, None when there is no file
    base: ReadCatalog  # the file as read: the job's save applies only its own changes to it
    pending: list[int] = field(default_factory=list)  # message indexes for the engine
    reused: int = 0
    suggestions: int = 0
    machine: int = 0
    seconds: float = 0.0


def untranslated(message: Message) -> bool:
    """An entry the job may fill: active, from the corpus, and without any text yet."""
    # Plural entries never come out of the corpus; a message with any text is someone's work.
    return (
        not message.obsolete
        and bool(message.msgid)
        and not message.plural
        and not message.has_translation
    )


def prepare_templates(
    settings: Settings, articles: Sequence[Article], dry_run: bool
) -> dict[str, Catalog]:
    """Each article's template; written (like ``extract``) unless this is a dry run."""
    templates = {}
    for article in articles:
        template = build_template(article, settings)
        path = template_path(settings, article.id)
        read = read_catalog_snapshot(path, missing_ok=True)
        existing = read.catalog
        if existing is not None and same_content(existing, template):
            # Merging from the file, with its creation date, keeps catalogs byte-identical
            # on a rerun.
            template = existing
        elif not dry_run:
            save_catalog(path, template, base=read)
        templates[article.id] = template
    return templates


def plan_language(
    settings: Settings,
    language: str,
    articles: Sequence[Article],
    templates: dict[str, Catalog],
    threshold: float,
) -> list[Work]:
    """Merge each article's template into its catalog and fill what memory knows."""
    started = time.perf_counter()
    found = language_catalogs(settings, language)
    existing = {a: file.catalog for a, file in found.items()}
    memory = load_memory(settings, language, existing.items())
    works = []
    for article in articles:
        merged = merge_catalog(templates[article.id], existing.get(article.id), language)
        path = catalog_path(settings, language, article.id)
        shown = path.relative_to(settings.root).as_posix()
        old = existing.get(article.id)
        base = found[article.id].base if article.id in found else ReadCatalog.absent(path)
        work = Work(article.id, language, path, shown, merged.catalog, old, base)
        fill_from_memory(work, memory, threshold)
        works.append(work)
    # Reading, merging and memory serve all of the language's catalogs alike.
    shared = (time.perf_counter() - started) / max(len(works), 1)
    for work in works:
        work.seconds += shared
    return works


def fill_from_memory(work: Work, memory: TranslationMemory, threshold: float) -> None:
    """Fill *work*'s empty entries memory knows; the rest become pending for the engine."""
    messages = list(work.catalog.messages)
    for i, message in enumerate(messages):
        if not untranslated(message):
            continue
        unit = memory.lookup(message.msgid)
        if unit is not None:
            filled = with_translation(message, unit.target, fuzzy=unit.fuzzy)
            filled = annotate(filled, MEMORY_KEY, f"reused from {unit.origin}")
            if unit.provenance:
                filled = annotate(filled, ENGINE_KEY, unit.provenance)
            messages[i] = filled
            work.reused += 1
            continue
        suggestion = memory.suggest(message.msgid, threshold)
        if suggestion is not None:
            messages[i] = annotate(message, MEMORY_KEY, suggestion.annotation())
            work.suggestions += 1
        work.pending.append(i)
    work.catalog = work.catalog.with_messages(messages)
