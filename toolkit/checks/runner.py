"""Running checks over catalogs: which files, in which language, with which glossary.

Checks of the target side run over all entries of one language at once (consistency and the
usual length ratio are properties of a language's whole set of catalogs), checks of the source
side over the templates. Findings come back sorted by file, entry and check.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit.checks.entry import CheckContext, Entry, catalog_entries
from toolkit.checks.registry import CHECKS, Check, Side, select_checks
from toolkit.config import Settings
from toolkit.errors import CatalogError
from toolkit.findings import Finding
from toolkit.gettext.model import Catalog
from toolkit.glossary.termbase import Termbase
from toolkit.project.paths import (
    CATALOG_SUFFIX,
    TEMPLATE_SUFFIX,
    catalog_paths,
    template_ids,
    template_path,
)
from toolkit.project.update import target_languages

__all__ = ["CheckReport", "CheckedCatalog", "check_project", "find_catalogs", "run_checks"]


@dataclass(frozen=True)
class CheckedCatalog:
    path: str  # as shown in findings: "translations/ru/<article>.po"
    catalog: Catalog
    language: str | None  # None: a template, checked on its source side


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...]
    catalogs: int  # files checked
    entries: int  # entries (plural forms counted apart) checked
    checks: tuple[str, ...]  # names of the checks that ran


def run_checks(
    catalogs: Sequence[CheckedCatalog],
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
            catalog_entries(item.path, item.catalog, item.language)
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


def _shown(path: Path, settings: Settings) -> str:
    try:
        return path.resolve().relative_to(settings.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _language_of(path: Path, catalog: Catalog, settings: Settings, languages: Sequence[str]) -> str:
    declared = catalog.language
    if declared:
        code = settings.require_target(declared)
        if languages and code not in languages:
            raise CatalogError(
                f"catalog is for {code!r}, not {', '.join(languages)}",
                path=path,
                hint="leave out --lang, or pass catalogs of that language",
            )
        return code
    if len(languages) == 1:
        return languages[0]
    if path.parent.name in settings.target_languages:
        return path.parent.name
    raise CatalogError(
        "cannot tell the catalog's language: no Language header",
        path=path,
        hint="fill in its Language header, or pass --lang",
    )


def _expand(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.rglob(f"*{CATALOG_SUFFIX}")))
            found.extend(sorted(path.rglob(f"*{TEMPLATE_SUFFIX}")))
        elif path.is_file():
            if path.suffix not in (CATALOG_SUFFIX, TEMPLATE_SUFFIX):
                raise CatalogError(
                    "not a gettext catalog", path=path, hint="pass .po or .pot files or folders"
                )
            found.append(path)
        else:
            raise CatalogError("no such file or folder", path=path, hint="check the path")
    return list(dict.fromkeys(found))


def find_catalogs(
    settings: Settings,
    paths: Sequence[Path] = (),
    languages: Sequence[str] | None = None,
    *,
    templates: bool = True,
) -> list[CheckedCatalog]:
    """The catalogs to check: *paths* (files or folders), or every catalog of the project.

    Without paths: every catalog of each language in *languages* (default: all target
    languages), and, when *templates* is set and no language is chosen, every template.
    A catalog's language is its ``Language`` header, else the one ``--lang`` given, else the
    folder it is in.
    """
    from toolkit.gettext import pofile  # pofile imports catalogs, which this module builds on

    codes = target_languages(settings, languages) if languages else []
    found: list[CheckedCatalog] = []
    if paths:
        for path in _expand(paths):
            catalog = pofile.read_catalog(path)
            if path.suffix == TEMPLATE_SUFFIX:
                found.append(CheckedCatalog(_shown(path, settings), catalog, None))
            else:
                language = _language_of(path, catalog, settings, codes)
                found.append(CheckedCatalog(_shown(path, settings), catalog, language))
        return found
    for language in codes or settings.target_languages:
        for path in catalog_paths(settings, language):
            found.append(
                CheckedCatalog(_shown(path, settings), pofile.read_catalog(path), language)
            )
    if templates and not codes:
        for article in template_ids(settings):
            path = template_path(settings, article)
            found.append(CheckedCatalog(_shown(path, settings), pofile.read_catalog(path), None))
    if not found:
        raise CatalogError(
            "no catalogs to check",
            path=settings.translations_path,
            hint="run `toolkit extract` and `toolkit catalog update` first",
        )
    return found


def check_project(
    settings: Settings,
    paths: Sequence[Path] = (),
    languages: Sequence[str] | None = None,
    *,
    only: Iterable[str] | None = None,
    exclude: Iterable[str] | None = None,
) -> CheckReport:
    """Check the project's catalogs (or *paths*) against its glossary."""
    from toolkit.glossary.storage import read_glossary

    checks = select_checks(only, exclude)
    wants_templates = any(check.side is Side.SOURCE for check in checks)
    catalogs = find_catalogs(settings, paths, languages, templates=wants_templates)
    return run_checks(
        catalogs,
        checks=checks,
        termbase=read_glossary(settings),
        source_language=settings.source_language,
    )
