"""Three-way merge of a catalog: what a writer read, what it wants to write, what the file holds.

A writer builds its catalog from the file as it read it (*base*). When the file changed before
the writer saved (another command, a person in an editor: *theirs*), only the writer's own
changes (*ours*) are applied to the file as it is now, message by message, keyed by
(msgctxt, msgid) (obsolete messages apart from active ones):

- a message only one side changed (added, removed, edited) takes that side;
- a message both sides changed the same way takes it;
- a message both changed differently is a conflict: a :data:`Resolver` (the writer's policy)
  decides it, or the merge reports it and the caller refuses to write.

The header takes the file's fields plus the fields the writer changed; its comment and fuzzy
mark follow the same rule. Message order is the writer's, with messages only the file has
placed after the message they follow there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from toolkit.gettext.model import Catalog, Message, annotate, with_translation

__all__ = ["Conflict", "Merged", "Resolver", "keep_disk_changes", "merge3"]

# (base, ours, theirs) -> the message to keep (None: none); each argument None where that side
# has no such message.
Resolver = Callable[[Message | None, Message | None, Message | None], Message | None]

_Slot = tuple[bool, str | None, str, int]  # (obsolete, msgctxt, msgid, occurrence)


@dataclass(frozen=True)
class Conflict:
    """A message both sides changed differently."""

    msgctxt: str | None
    msgid: str
    line: int | None  # where the file has it now, when it has it

    def label(self) -> str:
        flat = " ".join(self.msgid.split())
        shown = flat if len(flat) <= 40 else flat[:39] + "…"
        where = f"line {self.line}: " if self.line else ""
        context = f"[{self.msgctxt}] " if self.msgctxt else ""
        return f"{where}{context}{shown!r}"


@dataclass(frozen=True)
class Merged:
    catalog: Catalog
    conflicts: tuple[Conflict, ...] = ()  # unresolved: the caller must not write the catalog
    resolved: int = 0  # conflicts the resolver decided


def _slots(catalog: Catalog) -> dict[_Slot, Message]:
    slots: dict[_Slot, Message] = {}
    seen: dict[tuple[bool, str | None, str], int] = {}
    for message in catalog.messages:
        key = (message.obsolete, message.msgctxt, message.msgid)
        number = seen.get(key, 0)
        seen[key] = number + 1
        slots[(*key, number)] = message
    return slots


def _order(ours: Iterable[_Slot], theirs: Iterable[_Slot]) -> list[_Slot]:
    """Ours' order; a slot only theirs has goes after the slot it follows in theirs."""
    order = list(ours)
    placed = set(order)
    previous: _Slot | None = None
    for slot in theirs:
        if slot not in placed:
            at = order.index(previous) + 1 if previous is not None else 0
            order.insert(at, slot)
            placed.add(slot)
        previous = slot
    return order


def _header(base: Catalog, ours: Catalog, theirs: Catalog) -> Catalog:
    """*theirs* with the header fields (and comment, fuzzy mark) *ours* changed from *base*."""
    merged = theirs
    before = dict(base.header)
    mine = dict(ours.header)
    for name, value in ours.header:
        if before.get(name) != value:
            merged = merged.with_header(name, value)
    dropped = {n for n in before if n not in mine}
    if dropped:
        header = tuple((n, v) for n, v in merged.header if n not in dropped or v != before.get(n))
        merged = replace(merged, header=header)
    if ours.header_comment != base.header_comment:
        merged = replace(merged, header_comment=ours.header_comment)
    if ours.header_fuzzy != base.header_fuzzy:
        merged = replace(merged, header_fuzzy=ours.header_fuzzy)
    return merged


def merge3(
    base: Catalog, ours: Catalog, theirs: Catalog, resolve: Resolver | None = None
) -> Merged:
    """Apply what *ours* changed from *base* to *theirs* (see the module)."""
    b, o, t = _slots(base), _slots(ours), _slots(theirs)
    chosen: dict[_Slot, Message | None] = {}
    conflicts: list[Conflict] = []
    resolved = 0
    for slot in _order(o, t) + [s for s in b if s not in o and s not in t]:
        old, mine, disk = b.get(slot), o.get(slot), t.get(slot)
        if mine in (disk, old):
            chosen[slot] = disk
        elif disk == old:
            chosen[slot] = mine
        elif resolve is not None:
            chosen[slot] = resolve(old, mine, disk)
            resolved += 1
        else:
            chosen[slot] = disk
            line = disk.lineno if disk is not None else None
            conflicts.append(Conflict(slot[1], slot[2], line))
    kept = [m for m in chosen.values() if m is not None]
    messages = [m for m in kept if not m.obsolete] + [m for m in kept if m.obsolete]
    catalog = _header(base, ours, theirs).with_messages(messages)
    return Merged(catalog, tuple(conflicts), resolved)


def keep_disk_changes(
    base: Message | None, ours: Message | None, disk: Message | None
) -> Message | None:
    """The translate job's policy: machine output never overwrites a change found on disk.

    A message the file removed stays removed, one it changed keeps the file's version; the
    job's translation only goes into a message that the file still has without any
    translation (with the job's fuzzy mark and ``#. x-…`` annotations).
    """
    del base  # both sides changed it: only the two versions matter
    if disk is None or ours is None:
        return disk
    if disk.has_translation or not ours.has_translation or disk.plural != ours.plural:
        return disk
    filled = with_translation(disk, ours.translations, fuzzy=ours.fuzzy)
    for key, value in ours.annotations:
        if (key, value) not in filled.annotations:
            filled = annotate(filled, key, value)
    return filled
