"""Compile: language catalogs to ``.mo`` files, fuzzy entries left out as msgfmt does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.config import Settings
from toolkit.errors import CatalogError
from toolkit.findings import display_path
from toolkit.gettext import pofile
from toolkit.gettext.model import WriteStatus
from toolkit.project.paths import catalog_path, catalog_paths, mo_path, target_languages


@dataclass(frozen=True)
class CompileResult:
    article: str
    language: str
    source: Path
    path: Path
    status: WriteStatus
    compiled: int  # translated messages written
    fuzzy: int  # left out, as msgfmt does without --use-fuzzy

    def record(self, root: Path | None = None) -> dict[str, Any]:
        """The JSON shape of ``toolkit compile --format json``."""
        return {
            "article": self.article,
            "language": self.language,
            "source": display_path(self.source, root),
            "path": display_path(self.path, root),
            "status": self.status,
            "compiled": self.compiled,
            "fuzzy": self.fuzzy,
        }


def compile_catalogs(
    settings: Settings,
    languages: Sequence[str] | None = None,
    article_ids: Sequence[str] | None = None,
    out_dir: Path | None = None,
) -> list[CompileResult]:
    """Compile catalogs to ``.mo`` files (default ``build/locale``), fuzzy entries left out."""
    codes = target_languages(settings, languages)
    out = out_dir if out_dir is not None else settings.build_path / "locale"
    results = []
    for language in codes:
        if article_ids:
            sources = [catalog_path(settings, language, a) for a in dict.fromkeys(article_ids)]
            for source in sources:
                if not source.is_file():
                    raise CatalogError(
                        "no catalog to compile",
                        path=source,
                        hint=f"run `toolkit catalog update --lang {language} {source.stem}`",
                    )
        else:
            sources = catalog_paths(settings, language)
            if not sources and languages:
                raise CatalogError(
                    f"no catalogs for {language!r}",
                    path=settings.catalog_dir(language),
                    hint=f"run `toolkit catalog update --lang {language}` first",
                )
        for source in sources:
            catalog = pofile.read_catalog(source)
            path = mo_path(out, language, source.stem)
            data = pofile.mo_bytes(catalog)
            if path.is_file() and path.read_bytes() == data:
                status: WriteStatus = "unchanged"
            else:
                status = "updated" if path.exists() else "created"
                pofile.write_mo(path, catalog)
            active = catalog.active
            results.append(
                CompileResult(
                    article=source.stem,
                    language=language,
                    source=source,
                    path=path,
                    status=status,
                    compiled=sum(1 for m in active if m.translated),
                    fuzzy=sum(1 for m in active if m.fuzzy and m.has_translation),
                )
            )
    if not results:
        raise CatalogError(
            "no catalogs to compile",
            path=settings.translations_path,
            hint="run `toolkit catalog update` first",
        )
    return results
