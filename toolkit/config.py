"""Project settings from ``[tool.toolkit]`` in the nearest ``pyproject.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import ConfigError, LanguageError
from toolkit.locales import validate_language

CONFIG_FILE = "pyproject.toml"
SECTION = "toolkit"

# Engine options are passed through to the engine; they are checked where they are used.
_KNOWN_KEYS = {
    "source_language",
    "target_languages",
    "corpus_dir",
    "glossary_dir",
    "translations_dir",
    "build_dir",
    "engine",
}


@dataclass(frozen=True)
class Settings:
    root: Path
    source_language: str = "en"
    target_languages: tuple[str, ...] = ("ru", "kk")
    corpus_dir: str = "corpus"
    glossary_dir: str = "glossary"
    translations_dir: str = "translations"
    build_dir: str = "build"
    engine: dict[str, Any] = field(default_factory=dict)

    @property
    def corpus_path(self) -> Path:
        return self.root / self.corpus_dir

    @property
    def glossary_path(self) -> Path:
        return self.root / self.glossary_dir

    @property
    def translations_path(self) -> Path:
        return self.root / self.translations_dir

    @property
    def templates_path(self) -> Path:
        return self.translations_path / "templates"

    @property
    def build_path(self) -> Path:
        return self.root / self.build_dir

    def catalog_dir(self, language: str) -> Path:
        return self.translations_path / language

    def require_target(self, language: str) -> str:
        """Return the normalised code of a configured target language or raise."""
        code = validate_language(language)
        if code not in self.target_languages:
            raise LanguageError(
                f"language {code!r} is not a target language of this project",
                hint=f"targets are {', '.join(self.target_languages)}; "
                "add it to target_languages in [tool.toolkit]",
            )
        return code


def find_project(start: Path | None = None) -> Path:
    """Return the nearest folder upwards from *start* whose pyproject.toml has [tool.toolkit]."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file() and _has_section(candidate):
            return folder
    raise ConfigError(
        f"no {CONFIG_FILE} with a [tool.{SECTION}] section in {here} or any parent folder",
        hint="run inside a toolkit project or pass --project DIR",
    )


def load_settings(project: Path | None = None) -> Settings:
    """Read the settings of *project*, or of the nearest project upwards from the cwd."""
    if project is not None:
        root = project.resolve()
        if not (root / CONFIG_FILE).is_file():
            raise ConfigError(
                f"no {CONFIG_FILE} in {root}", hint="--project must name the project folder"
            )
    else:
        root = find_project()
    path = root / CONFIG_FILE
    table = _read_toml(path).get("tool", {}).get(SECTION)
    if table is None:
        raise ConfigError(f"no [tool.{SECTION}] section", path=path)
    if not isinstance(table, dict):
        raise ConfigError(f"[tool.{SECTION}] must be a table", path=path)
    return parse_settings(root, table, path)


def parse_settings(root: Path, table: dict[str, Any], path: Path) -> Settings:
    unknown = sorted(set(table) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(
            f"unknown key(s) in [tool.{SECTION}]: {', '.join(unknown)}",
            path=path,
            hint=f"known keys: {', '.join(sorted(_KNOWN_KEYS))}",
        )
    values: dict[str, Any] = {}
    for key in ("corpus_dir", "glossary_dir", "translations_dir", "build_dir"):
        if key in table:
            values[key] = _string(table, key, path)
    try:
        if "source_language" in table:
            values["source_language"] = validate_language(_string(table, "source_language", path))
        if "target_languages" in table:
            targets = table["target_languages"]
            if (
                not isinstance(targets, list)
                or not targets
                or not all(isinstance(t, str) for t in targets)
            ):
                raise ConfigError(
                    "target_languages must be a non-empty list of language codes", path=path
                )
            values["target_languages"] = tuple(validate_language(t) for t in targets)
    except LanguageError as exc:
        raise LanguageError(exc.message, path=path, hint=exc.hint) from exc
    if "engine" in table:
        if not isinstance(table["engine"], dict):
            raise ConfigError(f"[tool.{SECTION}.engine] must be a table", path=path)
        values["engine"] = dict(table["engine"])
    settings = Settings(root=root, **values)
    if settings.source_language in settings.target_languages:
        raise ConfigError(
            f"source language {settings.source_language!r} is also a target language", path=path
        )
    return settings


def _string(table: dict[str, Any], key: str, path: Path) -> str:
    value = table[key]
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{key} must be a non-empty string", path=path)
    return value


def _has_section(path: Path) -> bool:
    # A broken pyproject.toml that mentions the section is still "ours": report it, don't skip it.
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return f"[tool.{SECTION}" in text


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's TOMLDecodeError only carries the position inside its message.
        found = re.search(r"at line (\d+)", str(exc))
        if found:
            line: int | None = int(found.group(1))
        elif "end of document" in str(exc):
            line = path.read_bytes().count(b"\n") or 1
        else:
            line = None
        raise ConfigError(
            f"invalid TOML: {exc}",
            path=path,
            line=line,
            hint="fix the syntax of the file",
        ) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError("not valid UTF-8", path=path, offset=exc.start) from exc
