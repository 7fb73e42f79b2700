"""Approving entries: by segment id or msgid, all clean ones, and the interactive steps."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from toolkit.config import load_settings
from toolkit.errors import CatalogError
from toolkit.findings import Finding, Severity
from toolkit.gettext import pofile
from toolkit.gettext.model import Catalog, Message
from toolkit.glossary.storage import read_glossary
from toolkit.project.catalogs import CatalogFile
from toolkit.review.approve import (
    ApproveResult,
    Decision,
    accept,
    approve,
    edit,
    entry_ids,
    find_entries,
)
from toolkit.review.model import check_catalogs

DATA = Path(__file__).parent / "data" / "review" / "project"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return pofile.read_catalog(DATA / "translations" / "ru" / "sample.po")


@pytest.fixture(scope="module")
def findings(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> list[Finding]:
    root = tmp_path_factory.mktemp("approve") / "project"
    shutil.copytree(DATA, root)
    termbase = read_glossary(load_settings(root))
    checked = CatalogFile.in_memory("translations/ru/sample.po", catalog, "ru")
    return list(check_catalogs([checked], termbase).findings)


def states(catalog: Catalog) -> dict[str, str]:
    return {
        ", ".join(entry_ids(m)): "fuzzy" if m.fuzzy else "ok" if m.translated else "empty"
        for m in catalog.active
    }


def test_entry_ids() -> None:
    message = Message("x", extracted_comments=("title (title)", "p6.s1 (caption)", "x-tm: 1"))
    assert entry_ids(message) == ("title", "p6.s1")
    assert entry_ids(Message("x")) == ()


@pytest.mark.parametrize(
    ("refs", "found"),
    [
        (["p1.s2"], ["Alikhan Smailov arrived in Yekaterinburg for INNOPROM."]),
        (["He met Mikhail Mishustin there."], ["He met Mikhail Mishustin there."]),
        (
            ["p1.s3", "p1.s3", " title "],
            [
                "He met Mikhail Mishustin there.",
                "Alikhan Smailov meets Mikhail Mishustin at INNOPROM",
            ],
        ),
    ],
)
def test_find_entries(catalog: Catalog, refs: list[str], found: list[str]) -> None:
    assert [m.msgid for m in find_entries(catalog, refs)] == found


def test_unknown_entries_are_one_error_with_suggestions(catalog: Catalog) -> None:
    with pytest.raises(CatalogError) as caught:
        find_entries(catalog, ["p1.s2", "p1.s9", "nothing"], path="ru/sample.po")
    assert caught.value.message == "no entry 'p1.s9', 'nothing'"
    assert caught.value.hint is not None and "did you mean p1.s3, p1.s2?" in caught.value.hint


def test_approve_by_id_clears_fuzzy_and_previous(catalog: Catalog, findings: list[Finding]) -> None:
    result = approve(catalog, findings, refs=["p1.s2"])
    message = result.catalog.find("Alikhan Smailov arrived in Yekaterinburg for INNOPROM.")
    assert message is not None and not message.fuzzy and message.previous_msgid is None
    assert message.translator_comments[0].startswith("enforced: ")  # the record stays
    assert [(d.label, d.status, d.reason) for d in result.decisions] == [
        ("p1.s2", "approved", "approved")
    ]
    assert states(result.catalog)["p1.s3"] == "fuzzy"


def test_approve_all_clean_keeps_entries_with_errors(
    catalog: Catalog, findings: list[Finding]
) -> None:
    result = approve(catalog, findings, all_clean=True)
    assert [(d.label, d.status, d.reason) for d in result.decisions] == [
        ("p1.s2", "approved", "approved"),
        ("p1.s3", "approved", "approved"),
        ("p2.s1", "kept", "1 error finding: numbers"),
    ]
    assert states(result.catalog) == {
        "title": "ok",
        "p1.s1": "ok",
        "p1.s2": "ok",
        "p1.s3": "ok",
        "p2.s1": "fuzzy",
        "p3.s1": "ok",
        "p4.s1": "empty",
    }
    assert [d.label for d in result.kept] == ["p2.s1"]


def test_warnings_do_not_block(catalog: Catalog) -> None:
    warning = Finding(
        "quotes",
        Severity.WARNING,
        "quote style",
        "x.po:39",
        entry=(None, "He met Mikhail Mishustin there."),
    )
    result = approve(catalog, [warning], all_clean=True)
    assert [d.status for d in result.decisions] == ["approved", "approved", "approved"]


@pytest.mark.parametrize(
    ("ref", "status", "reason"),
    [
        ("p2.s1", "approved", "approved despite 1 error finding: numbers"),
        ("title", "unchanged", "already approved"),
        ("p4.s1", "kept", "no translation to approve"),
    ],
)
def test_named_entries(
    catalog: Catalog, findings: list[Finding], ref: str, status: str, reason: str
) -> None:
    (decision,) = approve(catalog, findings, refs=[ref]).decisions
    assert (decision.status, decision.reason) == (status, reason)


def test_approve_needs_one_way_of_choosing(catalog: Catalog) -> None:
    with pytest.raises(ValueError):
        approve(catalog)
    with pytest.raises(ValueError):
        approve(catalog, refs=["p1.s2"], all_clean=True)


def test_accept_and_edit(catalog: Catalog) -> None:
    msgid = "There are over 90,000 Kazakhs living in the Consular District, including over "
    key = (None, msgid + "7,000 students.")
    accepted = accept(catalog, key).get(key)
    assert (
        accepted is not None and not accepted.fuzzy and accepted.msgstr.endswith("700 студентов.")
    )
    fixed = (
        "В консульском округе проживает более 90 000 казахов, в том числе свыше 7 000 студентов."
    )
    edited = edit(catalog, key, fixed).get(key)
    assert edited is not None and not edited.fuzzy and edited.msgstr == fixed
    with pytest.raises(CatalogError):
        accept(catalog, (None, "not there"))


# --- records: the JSON shape of `toolkit approve --format json` ----------------------------------


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        (
            Decision("p1.s2", "Smailov arrived.", "approved", "approved"),
            {
                "entry": "p1.s2",
                "msgid": "Smailov arrived.",
                "status": "approved",
                "reason": "approved",
            },
        ),
        (
            Decision("line 40", "19 regions", "kept", "1 error finding: numbers"),
            {
                "entry": "line 40",
                "msgid": "19 regions",
                "status": "kept",
                "reason": "1 error finding: numbers",
            },
        ),
    ],
)
def test_decision_record(decision: Decision, expected: dict[str, str]) -> None:
    assert decision.record() == expected
    assert list(decision.record()) == ["entry", "msgid", "status", "reason"]


@pytest.mark.parametrize("status", ["updated", "unchanged", "dry-run"])
def test_approve_result_record(status: str) -> None:
    decisions = (
        Decision("p1.s2", "Smailov arrived.", "approved", "approved"),
        Decision("title", "A title", "unchanged", "already approved"),
    )
    result = ApproveResult(Catalog(), decisions)
    record: dict[str, Any] = result.record("translations/ru/sample.po", status)
    assert record == {
        "path": "translations/ru/sample.po",
        "status": status,
        "decisions": [d.record() for d in decisions],
    }
    assert list(record) == ["path", "status", "decisions"]


def test_approve_record_of_a_real_catalog(catalog: Catalog, findings: list[Finding]) -> None:
    result = approve(catalog, findings, all_clean=True)
    record = result.record("translations/ru/sample.po", "dry-run")
    assert [(d["entry"], d["status"]) for d in record["decisions"]] == [
        (d.label, d.status) for d in result.decisions
    ]
