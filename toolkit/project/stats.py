"""Stats: translated, fuzzy and untranslated counts per article and language."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.config import Settings
from toolkit.errors import CatalogError
from toolkit.findings import display_path
from toolkit.gettext import pofile
from toolkit.gettext.model import Counts, count_messages
from toolkit.project.paths import (
    catalog_path,
    catalog_paths,
    target_languages,
    template_ids,
    template_path,
)


@dataclass(frozen=True)
class CatalogStats:
    article: str
    language: str
    path: Path
    exists: bool  # False: no catalog yet, counted from the template (all untranslated)
    counts: Counts

    def record(self, root: Path | None = None) -> dict[str, Any]:
        """One row of ``toolkit catalog stats --format json``."""
        return {
            "article": self.article,
            "language": self.language,
            "path": display_path(self.path, root),
            "exists": self.exists,
            **counts_record(self.counts),
        }


def counts_record(counts: Counts) -> dict[str, Any]:
    """Counts as JSON, with the translated share in percent to one decimal."""
    return {
        "total": counts.total,
        "translated": counts.translated,
        "fuzzy": counts.fuzzy,
        "untranslated": counts.untranslated,
        "percent": round(counts.percent, 1),
    }


def catalog_stats(
    settings: Settings,
    languages: Sequence[str] | None = None,
    article_ids: Sequence[str] | None = None,
) -> list[CatalogStats]:
    """Counts per article and language, for every template or catalog there is."""
    codes = target_languages(settings, languages)
    stats = []
    for language in codes:
        articles = list(article_ids or ()) or sorted(
            {*template_ids(settings), *(p.stem for p in catalog_paths(settings, language))}
        )
        for article in articles:
            path = catalog_path(settings, language, article)
            if path.exists():
                catalog, exists = pofile.read_catalog(path), True
            elif template_path(settings, article).is_file():
                catalog = pofile.read_catalog(template_path(settings, article))
                exists = False
            else:
                raise CatalogError(
                    f"no catalog or template for article {article!r}",
                    path=path,
                    hint="run `toolkit extract` and `toolkit catalog update` first",
                )
            stats.append(CatalogStats(article, language, path, exists, count_messages(catalog)))
    if not stats:
        raise CatalogError(
            "no templates or catalogs yet",
            path=settings.translations_path,
            hint="run `toolkit extract` and `toolkit catalog update` first",
        )
    return stats


def total_counts(stats: Iterable[CatalogStats]) -> dict[str, Counts]:
    """Counts summed per language, in the order the languages first appear."""
    totals: dict[str, Counts] = {}
    for item in stats:
        totals[item.language] = totals.get(item.language, Counts()) + item.counts
    return totals


# --- compile -------------------------------------------------------------------------------
