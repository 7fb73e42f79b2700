"""Where the project keeps its catalogs: templates, language catalogs, compiled files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from toolkit.config import Settings

TEMPLATE_SUFFIX = ".pot"
CATALOG_SUFFIX = ".po"
MO_SUFFIX = ".mo"


def template_path(settings: Settings, article_id: str) -> Path:
    return settings.templates_path / f"{article_id}{TEMPLATE_SUFFIX}"


def catalog_path(settings: Settings, language: str, article_id: str) -> Path:
    return settings.catalog_dir(language) / f"{article_id}{CATALOG_SUFFIX}"


def catalog_paths(settings: Settings, language: str) -> list[Path]:
    """Every catalog of a language, sorted (the translation memory reads them all)."""
    folder = settings.catalog_dir(language)
    return sorted(folder.glob(f"*{CATALOG_SUFFIX}")) if folder.is_dir() else []


def template_ids(settings: Settings) -> list[str]:
    folder = settings.templates_path
    return sorted(p.stem for p in folder.glob(f"*{TEMPLATE_SUFFIX}")) if folder.is_dir() else []


# --- extract -------------------------------------------------------------------------------


def mo_path(out_dir: Path, language: str, article_id: str) -> Path:
    """Where gettext looks: ``<localedir>/<lang>/LC_MESSAGES/<domain>.mo``."""
    return out_dir / language / "LC_MESSAGES" / f"{article_id}{MO_SUFFIX}"


def target_languages(settings: Settings, languages: Sequence[str] | None) -> list[str]:
    """The requested target languages (checked and normalised), or all of the project's."""
    if not languages:
        return list(settings.target_languages)
    chosen: list[str] = []
    for language in languages:
        code = settings.require_target(language)
        if code not in chosen:
            chosen.append(code)
    return chosen
