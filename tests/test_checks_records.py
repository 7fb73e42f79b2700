"""The JSON shape of a check run (``toolkit check --format json``): findings and a summary."""

from __future__ import annotations

import pytest

from toolkit.checks import CheckReport
from toolkit.findings import Finding, Location, Severity


def finding(severity: Severity, line: int) -> Finding:
    return Finding("numbers", severity, "a number changed", Location("ru/a.po", line), "текст")


@pytest.mark.parametrize(
    ("severities", "counts"),
    [
        ((), {"error": 0, "warning": 0, "info": 0}),
        ((Severity.INFO,), {"error": 0, "warning": 0, "info": 1}),
        (
            (Severity.ERROR, Severity.WARNING, Severity.ERROR),
            {"error": 2, "warning": 1, "info": 0},
        ),
    ],
)
def test_counts_per_severity_most_severe_first(
    severities: tuple[Severity, ...], counts: dict[str, int]
) -> None:
    findings = tuple(finding(s, n) for n, s in enumerate(severities, start=1))
    report = CheckReport(findings, catalogs=1, entries=3, checks=("numbers",))
    assert report.counts == counts
    assert list(report.counts) == ["error", "warning", "info"]


def test_report_record() -> None:
    found = (finding(Severity.ERROR, 4), finding(Severity.WARNING, 9))
    report = CheckReport(found, catalogs=2, entries=7, checks=("numbers", "quotes"))
    assert report.record() == {
        "findings": [f.record() for f in found],
        "summary": {
            "catalogs": 2,
            "entries": 7,
            "checks": ["numbers", "quotes"],
            "counts": {"error": 1, "warning": 1, "info": 0},
        },
    }


def test_empty_report_record() -> None:
    report = CheckReport((), catalogs=0, entries=0, checks=())
    assert report.record() == {
        "findings": [],
        "summary": {
            "catalogs": 0,
            "entries": 0,
            "checks": [],
            "counts": {"error": 0, "warning": 0, "info": 0},
        },
    }
