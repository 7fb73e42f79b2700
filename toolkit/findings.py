"""Findings: what a check or a step noticed, as data with a severity.

Checks never raise for a problem in the text they look at; they return findings. Commands print
them and exit 1 when one reaches the level the user chose with ``--fail-on``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from functools import total_ordering
from pathlib import Path, PurePath
from typing import Any

from toolkit.errors import EXIT_FINDINGS, EXIT_OK


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]


def display_path(path: PurePath | str, root: Path | None = None) -> str:
    """How a file is shown to users: relative to *root* (the project) when inside it, POSIX."""
    if root is not None and isinstance(path, Path):
        # Absolute but not resolved: a symlinked catalog is shown where it was found.
        here, base = Path(os.path.abspath(path)), Path(os.path.abspath(root))
        for candidate, top in ((here, base), (here, base.resolve())):
            try:
                return candidate.relative_to(top).as_posix()
            except ValueError:
                continue
    return PurePath(path).as_posix() if isinstance(path, PurePath) else path


@total_ordering
@dataclass(frozen=True)
class Location:
    """Where a finding points: a file as shown to users and, when known, a 1-based line.

    A value, compared and sorted as (path, line); rendered as ``path:line`` in one place
    (``str()``), never parsed back.
    """

    path: str = ""
    line: int | None = None

    @classmethod
    def of(
        cls, path: PurePath | str, line: int | None = None, root: Path | None = None
    ) -> Location:
        return cls(display_path(path, root), line)

    def at(self, line: int | None) -> Location:
        """The same file at another line."""
        return Location(self.path, line)

    def __bool__(self) -> bool:
        return bool(self.path) or self.line is not None

    def __str__(self) -> str:
        if not self.path:
            return f"line {self.line}" if self.line is not None else ""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    @property
    def sort_key(self) -> tuple[str, int]:
        """(path, line), a file's own location (no line) first."""
        return (self.path, self.line if self.line is not None else 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Location):
            return NotImplemented
        return self.sort_key < other.sort_key


@dataclass(frozen=True)
class Finding:
    check: str  # stable name that doubles as a CLI switch: "source-language", "numbers"
    severity: Severity
    message: str
    location: Location  # corpus/<id>.txt:12, translations/ru/<id>.po:40
    subject: str = ""  # the text the finding is about, for display
    span: tuple[int, int] | None = None  # character span inside `subject`
    # The catalog entry a finding belongs to, as gettext keys it: (msgctxt, msgid). Review and
    # approve look findings up by it; None for findings about a file or a glossary.
    entry: tuple[str | None, str] | None = None
    # Where in the entry's source (msgid) the finding points, when `subject` is the target: the
    # mention of a term that is missing from the translation, a number that did not arrive.
    source_span: tuple[int, int] | None = None

    def format(self) -> str:
        return f"{self.location}: {self.severity.label}: [{self.check}] {self.message}"

    def record(self) -> dict[str, Any]:
        """The finding as JSON-ready data (what ``--format json`` prints)."""
        data: dict[str, Any] = {
            "check": self.check,
            "severity": self.severity.label,
            "location": str(self.location),
            "path": self.location.path or None,
            "line": self.location.line,
            "message": self.message,
            "subject": self.subject,
            "span": list(self.span) if self.span is not None else None,
        }
        if self.entry is not None:
            data["entry"] = {"msgctxt": self.entry[0], "msgid": self.entry[1]}
            data["source_span"] = list(self.source_span) if self.source_span else None
        return data


def exit_code(findings: Iterable[Finding], fail_on: Severity | None) -> int:
    """EXIT_FINDINGS when any finding reaches *fail_on*; EXIT_OK otherwise or without a level."""
    if fail_on is None:
        return EXIT_OK
    return EXIT_FINDINGS if any(f.severity >= fail_on for f in findings) else EXIT_OK
