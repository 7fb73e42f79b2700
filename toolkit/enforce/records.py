"""What glossary enforcement changed in a translation, as lines stored with the catalog entry.

Enforcement (normalising and repairing glossary terms in machine output) records each change it
makes to an entry as one **translator comment** line, so that a reviewer sees it in the review
and in any PO editor, and so that it survives ``msgmerge`` (which keeps translator comments)::

    # enforced: alikhan-smailov: Смайлов -> Смаилов
    # enforced: yekaterinburg: Екатеринбург -> Екатеринбурге

that is ``enforced: <concept id>: <old text> -> <new text>``, one line per change, in the order
the changes were made. Either side may be empty (a term inserted or removed); it is then
written as nothing, for example ``enforced: innoprom:  -> ИННОПРОМ``. The old and new texts are
exactly the spans of the translation before and after the change, inflection included.

The same line as an extracted-comment annotation (``#. x-enforced: <concept>: <old> -> <new>``)
is read too, since :mod:`toolkit.gettext.merge` keeps such annotations through merges as well; the
writer, :func:`enforcement_comment`, produces the translator-comment form. This module is the
one place that knows the format: enforcement writes lines with :func:`enforcement_comment`,
review reads them with :func:`enforcement_records`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from toolkit.gettext.model import Message

__all__ = [
    "ENFORCED",
    "EnforcementRecord",
    "enforcement_comment",
    "enforcement_records",
    "other_comments",
    "parse_enforcement",
]

ENFORCED = "enforced"
ARROW = "->"
SPACED_ARROW = " -> "

# The concept id has the termbase's id syntax, so ": " cannot occur in it; the texts are split
# at the one "->" (enforcement_comment refuses texts that contain one). Spaces around the texts
# are not part of them: an editor may strip the one after an arrow with nothing behind it.
_RECORD = re.compile(rf"{ENFORCED}: ([a-z0-9]+(?:-[a-z0-9]+)*): (.*)")


@dataclass(frozen=True)
class EnforcementRecord:
    """One change that glossary enforcement made to a translation."""

    concept: str  # concept id: "alikhan-smailov"
    old: str  # the text before the change ("" when the term was inserted)
    new: str  # the text after it ("" when the text was removed)

    def format(self) -> str:
        return f"{self.concept}: {self.old or '∅'} -> {self.new or '∅'}"

    def record(self) -> dict[str, Any]:
        """The JSON shape of a record in ``toolkit review --format json`` (``enforced``)."""
        return {"concept": self.concept, "old": self.old, "new": self.new}


def enforcement_comment(concept: str, old: str, new: str) -> str:
    """The translator-comment line (without ``# ``) that records one change."""
    if ARROW in old or ARROW in new or "\n" in old or "\n" in new:
        raise ValueError(f"an enforcement record is one line with one {ARROW!r}")
    record = f"{ENFORCED}: {concept}: {old}{SPACED_ARROW}{new}"
    if parse_enforcement(record) != EnforcementRecord(concept, old.strip(), new.strip()):
        raise ValueError(f"{concept!r} is not a concept id")
    return record


def parse_enforcement(line: str) -> EnforcementRecord | None:
    """The record a comment line holds, or None when it is not an enforcement record."""
    text = line.strip()
    if text.startswith("x-"):
        text = text[2:]
    found = _RECORD.fullmatch(text)
    if found is None or found.group(2).count(ARROW) != 1:
        return None
    old, new = found.group(2).split(ARROW)
    return EnforcementRecord(found.group(1), old.strip(), new.strip())


def enforcement_records(message: Message) -> tuple[EnforcementRecord, ...]:
    """Every enforcement record of a message: translator comments, then annotations."""
    lines = (*message.translator_comments, *message.extracted_comments)
    found = (parse_enforcement(line) for line in lines)
    return tuple(record for record in found if record is not None)


def other_comments(message: Message) -> tuple[str, ...]:
    """The translator comments that are not enforcement records: notes for the reviewer."""
    return tuple(c for c in message.translator_comments if parse_enforcement(c) is None)
