"""Running checks over catalogs: which files, in which language, with which glossary.

Checks of the target side run over all entries of one language at once (consistency and the
usual length ratio are properties of a language's whole set of catalogs), checks of the source
side over the templates. Findings come back sorted by file, entry and check.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.checks.entry import CheckContext, Entry, catalog_entries
from toolkit.checks.registry import CHECKS, Check, Side, select_checks
from toolkit.config import Settings
from toolkit.findings import Finding, Severity
from toolkit.glossary.storage import read_glossary
from toolkit.glossary.termbase import Termbase
from toolkit.project.catalogs import CatalogFile, find_catalogs

__all__ = ["CheckReport", "check_project", "run_checks"]


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...]
    catalogs: int  # files checked
    entries: int  # entries (plural forms counted apart) checked
    checks: tuple[str, ...]  # names of the checks that ran

    @property
    def counts(self) -> dict[str, int]:
        """Findings per severity label, the most severe first (every level, zeros included)."""
        return {s.label: sum(f.severity is s for f in self.findings) for s in reversed(Severity)}

    def record(self) -> dict[str, Any]:
        """The JSON shape of ``toolkit check --format json``: the findings and a summary."""
        return {
            "findings": [finding.record() for finding in self.findings],
            "summary": {
                "catalogs": self.catalogs,
                "entries": self.entries,
                "checks": list(self.checks),
                "counts": self.counts,
            },
        }


def run_checks(
    catalogs: Sequence[CatalogFile],
    *,
    checks: Sequence[Check] = CHECKS,
    termbase: Termbase | None = None,
    source_language: str = "en",
) -> CheckReport:
    """Run *checks* over *catalogs*: target-side checks per language, source-side on templates."""
    glossary = termbase if termbase is not None else Termbase(source_language=source_language)
    by_language: dict[str | None, list[Entry]] = {}
    for item in catalogs:
        by_language.setdefault(item.language, []).extend(
            catalog_entries(item.shown, item.catalog, item.language)
        )
    findings: list[Finding] = []
    for language, entries in by_language.items():
        context = CheckContext(language, source_language, glossary)
        side = Side.SOURCE if language is None else Side.TARGET
        for check in checks:
            if check.side is side:
                findings.extend(check.run(entries, context))
    order = {check.name: i for i, check in enumerate(CHECKS)}
    findings.sort(
        key=lambda f: (
            f.location.sort_key,
            order.get(f.check, len(order)),
            f.span or (0, 0),
        )
    )
    return CheckReport(
        findings=tuple(findings),
        catalogs=len(catalogs),
        entries=sum(len(entries) for entries in by_language.values()),
        checks=tuple(check.name for check in checks),
    )


def check_project(
    settings: Settings,
    paths: Sequence[Path] = (),
    languages: Sequence[str] | None = None,
    *,
    only: Iterable[str] | None = None,
    exclude: Iterable[str] | None = None,
) -> CheckReport:
    """Check the project's catalogs (or *paths*) against its glossary."""
    checks = select_checks(only, exclude)
    wants_templates = any(check.side is Side.SOURCE for check in checks)
    catalogs = find_catalogs(settings, paths, languages, templates=wants_templates)
    return run_checks(
        catalogs,
        checks=checks,
        termbase=read_glossary(settings),
        source_language=settings.source_language,
    )
