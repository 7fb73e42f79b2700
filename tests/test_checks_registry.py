"""The registry of checks: stable names, severities, selection; findings as data."""

from __future__ import annotations

import pytest

from toolkit.checks import CHECKS, Side, get_check, run_checks, select_checks
from toolkit.errors import ConfigError
from toolkit.findings import Location, Severity
from toolkit.gettext.model import Catalog, Message
from toolkit.project.catalogs import CatalogFile

# Names double as CLI switches and are part of the interface: renaming one breaks scripts.
NAMES = {
    "untranslated": Severity.WARNING,
    "unchanged": Severity.ERROR,
    "fuzzy": Severity.INFO,
    "term-missing": Severity.ERROR,
    "term-forbidden": Severity.ERROR,
    "term-inconsistent": Severity.WARNING,
    "numbers": Severity.ERROR,
    "latin-residue": Severity.WARNING,
    "quotes": Severity.WARNING,
    "punctuation": Severity.WARNING,
    "whitespace": Severity.WARNING,
    "length-ratio": Severity.WARNING,
    "source-language": Severity.WARNING,
}


def test_names_and_default_severities_are_stable() -> None:
    assert {check.name: check.severity for check in CHECKS} == NAMES
    assert [check.name for check in CHECKS] == list(NAMES)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.name)
def test_every_check_has_one_line_of_help(check: object) -> None:
    description = getattr(check, "description", "")
    assert description.endswith(".") and "\n" not in description and len(description) < 140


def test_only_source_language_runs_on_templates() -> None:
    assert [c.name for c in CHECKS if c.side is Side.SOURCE] == ["source-language"]


@pytest.mark.parametrize(
    ("only", "exclude", "names"),
    [
        (None, None, list(NAMES)),
        (["numbers"], None, ["numbers"]),
        (["quotes,numbers", "fuzzy"], None, ["fuzzy", "numbers", "quotes"]),  # registry order
        (
            None,
            ["term-missing", "term-forbidden,term-inconsistent"],
            [n for n in NAMES if not n.startswith("term-")],
        ),
        (["numbers", "quotes"], ["quotes"], ["numbers"]),
    ],
)
def test_select_checks(only: list[str] | None, exclude: list[str] | None, names: list[str]) -> None:
    assert [c.name for c in select_checks(only, exclude)] == names


@pytest.mark.parametrize(("only", "exclude"), [(["numbr"], None), (None, ["quote"])])
def test_unknown_check_names_are_an_error_listing_the_valid_ones(
    only: list[str] | None, exclude: list[str] | None
) -> None:
    with pytest.raises(ConfigError) as raised:
        select_checks(only, exclude)
    assert "unknown check(s)" in raised.value.message
    assert raised.value.hint is not None and "term-forbidden" in raised.value.hint


def test_get_check() -> None:
    assert get_check("numbers").severity is Severity.ERROR
    with pytest.raises(ConfigError):
        get_check("nope")


def test_findings_carry_entry_location_and_spans() -> None:
    message = Message(
        "The 19th Forum was successfully held last year in Kostanay.",
        "В прошлом году в Костанае успешно прошел XVIII Форум.",
        msgctxt="forum",
        extracted_comments=("p13.s3 (text)",),
        lineno=42,
    )
    catalog = CatalogFile.in_memory("translations/ru/a.po", Catalog(messages=(message,)), "ru")
    (finding,) = run_checks([catalog], checks=select_checks(["numbers"])).findings
    assert finding.location == Location("translations/ru/a.po", 42)
    assert finding.entry == ("forum", message.msgid)
    assert finding.subject == message.msgstr
    assert finding.source_span is not None
    assert message.msgid[slice(*finding.source_span)] == "19"
    record = finding.record()
    assert record["entry"] == {"msgctxt": "forum", "msgid": message.msgid}
    assert record["severity"] == "error" and record["check"] == "numbers"


def test_checks_never_raise_on_odd_entries() -> None:
    odd = [
        Message("", ""),
        Message("«", "»"),
        Message("...", "…"),
        Message("$", "$"),
        Message("1,2,3", "1 2 3"),
        Message("Smailov", "Смаилов", msgid_plural="Smailovs", msgstr_plural=("", "")),
        Message("A\tB", "\n"),
    ]
    for language in ("ru", "kk", None):
        catalog = CatalogFile.in_memory("x.po", Catalog(messages=tuple(odd)), language)
        report = run_checks([catalog])
        assert report.entries == len(odd) + 1  # the plural message has two forms


# --- records: the JSON shape of `toolkit check --list --format json` ---------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "untranslated",
            {
                "name": "untranslated",
                "severity": "warning",
                "side": "target",
                "description": "Entry has no translation yet.",
            },
        ),
        (
            "fuzzy",
            {
                "name": "fuzzy",
                "severity": "info",
                "side": "target",
                "description": "Entry is a suggestion that awaits approval.",
            },
        ),
        (
            "source-language",
            {
                "name": "source-language",
                "severity": "warning",
                "side": "source",
                "description": "Template text that is not in the source language.",
            },
        ),
    ],
)
def test_check_record(name: str, expected: dict[str, str]) -> None:
    record = get_check(name).record()
    assert record == expected
    assert list(record) == ["name", "severity", "side", "description"]  # the printed order


def test_every_check_record_says_its_severity_and_side() -> None:
    for check in CHECKS:
        record = check.record()
        assert record["severity"] == check.severity.label
        assert record["side"] in {side.value for side in Side}
