"""Approving translations: clearing ``fuzzy`` on entries a person has checked.

Entries are addressed the way the review shows them: by a segment id from their ``#.`` lines
(``p3.s2``, ``title``) or by their exact msgid. Approving goes through
:func:`toolkit.gettext.model.set_fuzzy`, which also drops the ``#|`` previous-source lines (they
only explain a pending match). Approving all clean entries leaves fuzzy every entry that has an
error finding: a number that changed, a glossary term missing or wrong, the source unchanged.

Everything here returns new catalogs; the caller saves them
(:func:`toolkit.gettext.store.save_catalog` with ``stamp="PO-Revision-Date"`` and the file as
it read it as ``base``: an entry changed on disk meanwhile is kept, or the save refused).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from toolkit.checks import catalog_entries
from toolkit.errors import CatalogError
from toolkit.findings import Finding, Severity
from toolkit.gettext.model import Catalog, Message, MessageKey, set_fuzzy, with_translation

__all__ = [
    "ApproveResult",
    "Decision",
    "accept",
    "approve",
    "edit",
    "entry_ids",
    "find_entries",
]


@dataclass(frozen=True)
class Decision:
    """What happened to one entry, and why."""

    label: str  # segment ids ("p3.s2") or "line 40"
    msgid: str
    status: Literal["approved", "unchanged", "kept"]  # kept: still fuzzy or untranslated
    reason: str  # "approved", "already approved", "1 error finding: numbers", ...

    @property
    def approved(self) -> bool:
        return self.status == "approved"

    def record(self) -> dict[str, Any]:
        """The JSON shape of a decision in ``toolkit approve --format json``."""
        return {
            "entry": self.label,
            "msgid": self.msgid,
            "status": self.status,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class ApproveResult:
    catalog: Catalog
    decisions: tuple[Decision, ...]

    @property
    def approved(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.approved)

    @property
    def kept(self) -> tuple[Decision, ...]:
        """Entries that still need work: not approved, and not approved before either."""
        return tuple(d for d in self.decisions if d.status == "kept")

    def record(self, path: str, status: str) -> dict[str, Any]:
        """The JSON shape of ``toolkit approve --format json``: the catalog as shown (*path*),
        what became of its file (*status*: "updated", "unchanged", "dry-run"; the caller saves
        it) and each decision."""
        return {
            "path": path,
            "status": status,
            "decisions": [d.record() for d in self.decisions],
        }


def entry_ids(message: Message) -> tuple[str, ...]:
    """The segment ids of a message (``p3.s2``; a repeated sentence has several)."""
    entries = catalog_entries("", Catalog(messages=(message,)), None)
    return tuple(s.id for s in entries[0].segments) if entries else ()


def _label(message: Message) -> str:
    ids = entry_ids(message)
    if ids:
        return ", ".join(ids)
    return f"line {message.lineno}" if message.lineno is not None else "entry"


def find_entries(catalog: Catalog, refs: Sequence[str], *, path: str = "") -> list[Message]:
    """The active messages *refs* name (segment id or exact msgid), in the order given.

    Raises CatalogError naming every ref that matches nothing, before anything changes.
    """
    by_id: dict[str, Message] = {}
    by_msgid: dict[str, Message] = {}
    for message in catalog.active:
        for segment in entry_ids(message):
            by_id.setdefault(segment, message)
        by_msgid.setdefault(message.msgid, message)
    found: list[Message] = []
    unknown: list[str] = []
    for ref in refs:
        match = by_id.get(ref.strip()) or by_msgid.get(ref)
        if match is None:
            unknown.append(ref)
        elif match not in found:
            found.append(match)
    if unknown:
        close = [
            match
            for ref in unknown
            for match in difflib.get_close_matches(ref.strip(), list(by_id), n=2, cutoff=0.6)
        ]
        hint = "address entries by segment id (p3.s2, title) or exact msgid"
        if close:
            hint += f"; did you mean {', '.join(dict.fromkeys(close))}?"
        raise CatalogError(
            f"no entry {', '.join(repr(u) for u in unknown)}",
            path=path or None,
            hint=hint + "; `toolkit review PO` shows the ids",
        )
    return found


def _errors(findings: Iterable[Finding], key: MessageKey) -> list[Finding]:
    return [f for f in findings if f.entry == key and f.severity >= Severity.ERROR]


def _approvable(message: Message) -> Decision | None:
    """Why *message* cannot be approved, or None."""
    label = _label(message)
    if message.translated:
        return Decision(label, message.msgid, "unchanged", "already approved")
    if not message.has_translation:
        return Decision(label, message.msgid, "kept", "no translation to approve")
    if not all(message.translations):
        return Decision(label, message.msgid, "kept", "plural forms missing")
    return None


def _error_reason(errors: Sequence[Finding]) -> str:
    names = ", ".join(dict.fromkeys(f.check for f in errors))
    noun = "finding" if len(errors) == 1 else "findings"
    return f"{len(errors)} error {noun}: {names}"


def approve(
    catalog: Catalog,
    findings: Sequence[Finding] = (),
    *,
    refs: Sequence[str] = (),
    all_clean: bool = False,
    path: str = "",
) -> ApproveResult:
    """Approve the entries *refs* names, or (``all_clean``) every fuzzy entry without an error
    finding among *findings* (those of a check run over this catalog).

    An entry named on purpose is approved even with error findings (a person checked it; the
    reason says what the checks found); ``all_clean`` never approves one.
    """
    if bool(refs) == all_clean:
        raise ValueError("approve needs either refs or all_clean")
    chosen = (
        find_entries(catalog, refs, path=path) if refs else [m for m in catalog.active if m.fuzzy]
    )
    decisions: list[Decision] = []
    for message in chosen:
        blocked = _approvable(message)
        if blocked is not None:
            decisions.append(blocked)
            continue
        label = _label(message)
        errors = _errors(findings, message.key)
        if errors and all_clean:
            decisions.append(Decision(label, message.msgid, "kept", _error_reason(errors)))
            continue
        catalog = catalog.with_message(set_fuzzy(message, False))
        reason = f"approved despite {_error_reason(errors)}" if errors else "approved"
        decisions.append(Decision(label, message.msgid, "approved", reason))
    return ApproveResult(catalog, tuple(decisions))


def _active(catalog: Catalog, key: MessageKey) -> Message:
    message = catalog.get(key)
    if message is None:
        raise CatalogError(f"no entry with msgid {key[1]!r}", hint="was the catalog updated?")
    return message


def accept(catalog: Catalog, key: MessageKey) -> Catalog:
    """The catalog with the entry *key* approved as it is."""
    return catalog.with_message(set_fuzzy(_active(catalog, key), False))


def edit(catalog: Catalog, key: MessageKey, text: str | Sequence[str]) -> Catalog:
    """The catalog with the entry *key* given a reviewer's translation, approved."""
    return catalog.with_message(with_translation(_active(catalog, key), text, fuzzy=False))
