"""The three-way merge a save does when the file changed after the writer read it."""

from __future__ import annotations

import pytest

from toolkit.gettext.model import Catalog, Message, annotate, make_obsolete
from toolkit.gettext.threeway import Conflict, keep_disk_changes, merge3

A = Message("Alpha.", "Альфа.", flags=("fuzzy",))
B = Message("Beta.", "")
C = Message("Gamma.", "Гамма.")
BASE = Catalog(header=(("Language", "ru"),), messages=(A, B, C))


def approved(message: Message) -> Message:
    return Message(message.msgid, message.msgstr or "Х.")


def texts(catalog: Catalog) -> list[tuple[str, str, bool, bool]]:
    return [(m.msgid, m.msgstr, m.fuzzy, m.obsolete) for m in catalog.messages]


CASES = {
    # name: (ours, theirs, expected messages)
    "nobody changed": ((A, B, C), (A, B, C), (A, B, C)),
    "ours only": ((approved(A), B, C), (A, B, C), (approved(A), B, C)),
    "theirs only": ((A, B, C), (approved(A), B, C), (approved(A), B, C)),
    "different entries": (
        (A, Message("Beta.", "Бета.", flags=("fuzzy",)), C),
        (approved(A), B, C),
        (approved(A), Message("Beta.", "Бета.", flags=("fuzzy",)), C),
    ),
    "both the same": ((approved(A), B, C), (approved(A), B, C), (approved(A), B, C)),
    "added by ours": ((A, B, C, Message("Delta.")), (A, B, C), (A, B, C, Message("Delta."))),
    "added by theirs, placed after its predecessor": (
        (A, B, C),
        (A, Message("Delta."), B, C),
        (A, Message("Delta."), B, C),
    ),
    "added by both, the same": (
        (A, B, C, Message("Delta.")),
        (A, B, C, Message("Delta.")),
        (A, B, C, Message("Delta.")),
    ),
    "removed by ours": ((A, C), (A, B, C), (A, C)),
    "removed by theirs": ((A, B, C), (A, C), (A, C)),
    "obsoleted by ours (catalog update), theirs edited another": (
        (A, B, make_obsolete(C)),
        (approved(A), B, C),
        (approved(A), B, make_obsolete(C)),
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_side_keeps_what_only_it_changed(case: str) -> None:
    ours, theirs, expected = CASES[case]
    merged = merge3(BASE, BASE.with_messages(ours), BASE.with_messages(theirs))
    assert merged.conflicts == ()
    assert texts(merged.catalog) == texts(BASE.with_messages(expected))


CONFLICTS = {
    "edited differently": ((Message("Alpha.", "Один."), B, C), (Message("Alpha.", "Два."), B, C)),
    "added differently": (
        (A, B, C, Message("Delta.", "Д1")),
        (A, B, C, Message("Delta.", "Д2")),
    ),
    "edited by theirs, removed by ours": ((B, C), (approved(A), B, C)),
    "obsoleted by ours, edited by theirs": (
        (B, C, make_obsolete(A)),
        (approved(A), B, C),
    ),
}


@pytest.mark.parametrize("case", list(CONFLICTS), ids=list(CONFLICTS))
def test_entries_both_changed_differently_are_conflicts(case: str) -> None:
    ours, theirs = CONFLICTS[case]
    merged = merge3(BASE, BASE.with_messages(ours), BASE.with_messages(theirs))
    assert [(c.msgctxt, c.msgid) for c in merged.conflicts] in (
        [(None, "Alpha.")],
        [(None, "Delta.")],
    )
    assert isinstance(merged.conflicts[0], Conflict)


def test_header_takes_theirs_plus_the_fields_ours_changed() -> None:
    base = Catalog(header=(("PO-Revision-Date", "old"), ("Language", "ru"), ("X-Old", "1")))
    ours = Catalog(header=(("PO-Revision-Date", "ours"), ("Language", "ru")))
    theirs = Catalog(
        header=(("PO-Revision-Date", "old"), ("Language", "ru"), ("X-Old", "1"), ("X-Tool", "p")),
        header_comment=("edited by hand",),
    )
    merged = merge3(base, ours, theirs).catalog
    assert merged.header == (("PO-Revision-Date", "ours"), ("Language", "ru"), ("X-Tool", "p"))
    assert merged.header_comment == ("edited by hand",)


def test_the_jobs_policy_fills_only_entries_still_empty_on_disk() -> None:
    machine = annotate(Message("Beta.", "Бета.", flags=("fuzzy",)), "engine", "argos x")
    human = Message("Beta.", "Бета, вручную.")
    commented = Message("Beta.", "", translator_comments=("ask the editor",))
    ours = BASE.with_messages((A, machine, C))
    # A person translated it meanwhile: theirs stays.
    kept = merge3(BASE, ours, BASE.with_messages((A, human, C)), keep_disk_changes).catalog
    assert kept.find("Beta.") == human
    # A person only commented it: the machine text goes in, the comment stays.
    filled = merge3(BASE, ours, BASE.with_messages((A, commented, C)), keep_disk_changes)
    beta = filled.catalog.find("Beta.")
    assert beta is not None and filled.conflicts == () and filled.resolved == 1
    assert (beta.msgstr, beta.fuzzy, beta.translator_comments) == (
        "Бета.",
        True,
        ("ask the editor",),
    )
    assert ("engine", "argos x") in beta.annotations
    # Removed on disk (catalog update obsoleted it): it stays removed.
    gone = merge3(BASE, ours, BASE.with_messages((A, C)), keep_disk_changes).catalog
    assert gone.find("Beta.") is None
