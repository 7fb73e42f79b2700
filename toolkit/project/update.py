"""Update: merge each template into its catalog of each language (``translations/<lang>/``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.config import Settings
from toolkit.errors import CatalogError
from toolkit.findings import display_path
from toolkit.gettext import pofile
from toolkit.gettext.merge import merge_catalog
from toolkit.gettext.model import WriteStatus
from toolkit.gettext.store import ReadCatalog, save_catalog
from toolkit.project.catalogs import read_catalog_file
from toolkit.project.paths import catalog_path, target_languages, template_ids, template_path


@dataclass(frozen=True)
class UpdateResult:
    article: str
    language: str
    path: Path
    status: WriteStatus
    new: int
    kept: int
    revived: int
    fuzzy_matched: int
    obsoleted: int
    dropped: int

    def record(self, root: Path | None = None) -> dict[str, Any]:
        """The JSON shape of ``toolkit catalog update --format json``."""
        return {
            "article": self.article,
            "language": self.language,
            "path": display_path(self.path, root),
            "status": self.status,
            "kept": self.kept,
            "new": self.new,
            "fuzzy_matched": self.fuzzy_matched,
            "revived": self.revived,
            "obsoleted": self.obsoleted,
            "dropped": self.dropped,
        }


def _templates(settings: Settings, article_ids: Sequence[str] | None) -> list[str]:
    if article_ids:
        for article in article_ids:
            path = template_path(settings, article)
            if not path.is_file():
                raise CatalogError(
                    f"no template for article {article!r}",
                    path=path,
                    hint=f"run `toolkit extract {article}` first",
                )
        return list(dict.fromkeys(article_ids))
    found = template_ids(settings)
    if not found:
        raise CatalogError(
            "no templates to merge",
            path=settings.templates_path,
            hint="run `toolkit extract` first",
        )
    return found


def update_catalogs(
    settings: Settings,
    languages: Sequence[str] | None = None,
    article_ids: Sequence[str] | None = None,
) -> list[UpdateResult]:
    """Merge each template into its catalog of each language (``translations/<lang>/``)."""
    codes = target_languages(settings, languages)
    articles = _templates(settings, article_ids)
    templates = {a: pofile.read_catalog(template_path(settings, a)) for a in articles}
    results = []
    for language in codes:
        for article in articles:
            path = catalog_path(settings, language, article)
            found = (
                read_catalog_file(path, settings=settings, requested=(language,))
                if path.exists()
                else None
            )
            existing = found.catalog if found is not None else None
            base = found.base if found is not None else ReadCatalog.absent(path)
            merged = merge_catalog(templates[article], existing, language)
            results.append(
                UpdateResult(
                    article=article,
                    language=language,
                    path=path,
                    status=save_catalog(path, merged.catalog, base=base),
                    new=merged.new,
                    kept=merged.kept,
                    revived=merged.revived,
                    fuzzy_matched=merged.fuzzy_matched,
                    obsoleted=merged.obsoleted,
                    dropped=merged.dropped,
                )
            )
    return results
