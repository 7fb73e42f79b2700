"""Findings and their locations: severities, exit codes, one grep-friendly line, Location values."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from toolkit.errors import EXIT_FINDINGS, EXIT_OK
from toolkit.findings import Finding, Location, Severity, exit_code


def finding(severity: Severity) -> Finding:
    return Finding("source-language", severity, "not English", Location("corpus/a.txt", 5))


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


# --- Location --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "shown", "truthy"),
    [
        (Location("corpus/a.txt", 5), "corpus/a.txt:5", True),
        (Location("glossary/ru.po"), "glossary/ru.po", True),
        (Location(line=12), "line 12", True),
        (Location("translations/ru/a.po", 0), "translations/ru/a.po:0", True),
        (Location(), "", False),
    ],
)
def test_location_renders_in_one_place(location: Location, shown: str, truthy: bool) -> None:
    assert str(location) == shown
    assert bool(location) is truthy


def test_locations_sort_by_path_then_line_as_numbers() -> None:
    locations = [
        Location("b.po", 1),
        Location("a.po", 10),
        Location("a.po", 2),
        Location("a.po", 9),
    ]
    assert [str(x) for x in sorted(locations)] == ["a.po:2", "a.po:9", "a.po:10", "b.po:1"]
    assert Location("a.po", 2) == Location("a.po", 2) != Location("a.po", 3)
    assert len({Location("a.po", 2), Location("a.po", 2)}) == 1  # a value: hashable


def test_sort_key_puts_the_whole_file_before_its_lines() -> None:
    locations = [Location("a.po", 3), Location("b.po"), Location("a.po"), Location("a.po", 1)]
    assert [str(x) for x in sorted(locations, key=lambda x: x.sort_key)] == [
        "a.po",
        "a.po:1",
        "a.po:3",
        "b.po",
    ]
    # The values themselves sort the same way, a file without a line included.
    assert sorted(locations) == sorted(locations, key=lambda x: x.sort_key)
    assert Location("a.po").sort_key == ("a.po", 0)


def test_at_moves_to_another_line_of_the_same_file() -> None:
    location = Location("translations/kk/a.po", 4)
    assert location.at(40) == Location("translations/kk/a.po", 40)
    assert location.at(None) == Location("translations/kk/a.po")
    assert location == Location("translations/kk/a.po", 4)  # frozen: at() makes a new one


@pytest.mark.parametrize(
    ("path", "line", "root", "expected"),
    [
        ("project/translations/ru/a.po", 7, "project", Location("translations/ru/a.po", 7)),
        ("project/corpus/a.txt", None, "project", Location("corpus/a.txt")),
        ("project/../project/glossary/ru.po", 3, "project", Location("glossary/ru.po", 3)),
        ("elsewhere/a.po", 2, "project", None),  # outside the root: shown as given
        ("project/translations/ru/a.po", 1, None, None),  # no root: shown as given
    ],
)
def test_of_is_relative_to_the_root_when_inside_it(
    tmp_path: Path, path: str, line: int | None, root: str | None, expected: Location | None
) -> None:
    full = tmp_path / path
    location = Location.of(full, line, tmp_path / root if root else None)
    assert location == (expected or Location(full.as_posix(), line))


def test_of_takes_strings_and_pure_paths_as_they_are() -> None:
    assert Location.of("corpus/a.txt", 5) == Location("corpus/a.txt", 5)
    assert Location.of("corpus/a.txt", 5, Path("/nowhere")) == Location("corpus/a.txt", 5)
    assert Location.of(PurePosixPath("glossary/kk.po")) == Location("glossary/kk.po")


def test_finding_record_splits_the_location() -> None:
    records = [
        finding(Severity.ERROR).record(),
        Finding("numbers", Severity.ERROR, "lost", Location(line=3)).record(),
    ]
    assert [(r["location"], r["path"], r["line"]) for r in records] == [
        ("corpus/a.txt:5", "corpus/a.txt", 5),
        ("line 3", None, 3),
    ]
