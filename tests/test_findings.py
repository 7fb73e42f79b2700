from __future__ import annotations

import pytest

from toolkit.errors import EXIT_FINDINGS, EXIT_OK
from toolkit.findings import Finding, Severity, exit_code


def finding(severity: Severity) -> Finding:
    return Finding("source-language", severity, "not English", "corpus/a.txt:5")


@pytest.mark.parametrize(
    ("severities", "fail_on", "expected"),
    [
        ([], Severity.INFO, EXIT_OK),
        ([Severity.INFO], None, EXIT_OK),
        ([Severity.INFO], Severity.WARNING, EXIT_OK),
        ([Severity.WARNING], Severity.WARNING, EXIT_FINDINGS),
        ([Severity.INFO, Severity.ERROR], Severity.WARNING, EXIT_FINDINGS),
        ([Severity.WARNING], Severity.ERROR, EXIT_OK),
        ([Severity.INFO], Severity.INFO, EXIT_FINDINGS),
    ],
)
def test_exit_code(severities: list[Severity], fail_on: Severity | None, expected: int) -> None:
    assert exit_code([finding(s) for s in severities], fail_on) == expected


@pytest.mark.parametrize("name", ["error", "WARNING", "Info"])
def test_parse_round_trips_label(name: str) -> None:
    assert Severity.parse(name).label == name.lower()


def test_format_is_one_grep_friendly_line() -> None:
    line = finding(Severity.WARNING).format()
    assert line == "corpus/a.txt:5: warning: [source-language] not English"
