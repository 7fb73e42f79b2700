"""Enforcement applied to catalog entries and whole catalogs, and the diff it makes.

:func:`enforce_message` enforces the glossary on every translation of an entry (each plural form
against its source); a changed entry gets one translator comment per change, in the format of
:mod:`toolkit.enforce.records`, and is made fuzzy. :func:`enforce_catalog` does so for every
translated active entry; :func:`catalog_diff` shows what that did to the catalog's text.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from typing import Any

from toolkit.enforce.changes import Change
from toolkit.enforce.repair import enforce_segment
from toolkit.findings import Finding
from toolkit.gettext import pofile
from toolkit.gettext.model import Catalog, Message, with_translation
from toolkit.glossary.termbase import Termbase

__all__ = [
    "CatalogEnforcement",
    "EnforceSummary",
    "EntryEnforcement",
    "catalog_diff",
    "enforce_catalog",
    "enforce_message",
]


@dataclass(frozen=True)
class EntryEnforcement:
    """What enforcement did to one catalog entry."""

    message: Message  # the entry after enforcement (the same object when nothing changed)
    original: Message
    changes: tuple[Change, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def enforce_message(message: Message, termbase: Termbase, language: str) -> EntryEnforcement:
    """Enforce the glossary on every translation of *message*.

    A changed entry gets one ``# enforced: ...`` translator comment per change and is made fuzzy;
    its findings carry the entry's key (their ``location`` is left for the caller to fill in).
    """
    if message.obsolete or not message.msgid or not message.has_translation:
        return EntryEnforcement(message, message)
    sources = (
        [message.msgid] + [message.msgid_plural or message.msgid] * (len(message.msgstr_plural) - 1)
        if message.plural
        else [message.msgid]
    )
    texts: list[str] = []
    changes: list[Change] = []
    findings: list[Finding] = []
    for source, target in zip(sources, message.translations, strict=True):
        result = enforce_segment(source, target, termbase, language)
        texts.append(result.text)
        changes += result.changes
        findings += [replace(f, entry=message.key) for f in result.findings]
    if not changes:
        return EntryEnforcement(message, message, (), tuple(findings))
    changed = with_translation(message, texts if message.plural else texts[0], fuzzy=True)
    comments = tuple(change.comment() for change in changes)
    changed = replace(changed, translator_comments=(*changed.translator_comments, *comments))
    return EntryEnforcement(changed, message, tuple(changes), tuple(findings))


@dataclass(frozen=True)
class CatalogEnforcement:
    """What enforcement did to a catalog: the catalog after it and each translated entry."""

    catalog: Catalog
    entries: tuple[EntryEnforcement, ...] = field(default=())

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(c for e in self.entries for c in e.changes)

    @property
    def changed(self) -> tuple[EntryEnforcement, ...]:
        return tuple(e for e in self.entries if e.changed)


def enforce_catalog(catalog: Catalog, termbase: Termbase, language: str) -> CatalogEnforcement:
    """Enforce the glossary on every translated active entry of *catalog*."""
    results: list[EntryEnforcement] = []
    messages: list[Message] = []
    for message in catalog.messages:
        result = enforce_message(message, termbase, language)
        messages.append(result.message)
        if result.original.has_translation and not message.obsolete and message.msgid:
            results.append(result)
    updated = catalog.with_messages(messages) if any(r.changed for r in results) else catalog
    return CatalogEnforcement(updated, tuple(results))


@dataclass(frozen=True)
class EnforceSummary:
    """What one enforcement run over several catalogs came to."""

    catalogs: int  # catalogs read
    entries_changed: int
    changes: int
    written: int  # catalogs saved (none in a dry run)
    dry_run: bool

    def record(self) -> dict[str, Any]:
        """The ``summary`` of ``toolkit enforce --format json``."""
        return {
            "catalogs": self.catalogs,
            "entries_changed": self.entries_changed,
            "changes": self.changes,
            "written": self.written,
            "dry_run": self.dry_run,
        }


def catalog_diff(path: str, before: Catalog, after: Catalog) -> str:
    """A unified diff of a catalog's text before and after (empty when equal)."""
    old = pofile.dump_catalog(before).splitlines(keepends=True)
    new = pofile.dump_catalog(after).splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}"))
