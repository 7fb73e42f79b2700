"""Project settings from ``[tool.toolkit]`` in the nearest ``pyproject.toml``."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import ConfigError, LanguageError
from toolkit.locales import validate_language

CONFIG_FILE = "pyproject.toml"
SECTION = "toolkit"

_KNOWN_KEYS = {
    "source_language",
    "target_languages",
    "corpus_dir",
    "glossary_dir",
    "translations_dir",
    "build_dir",
    "engine",
}

ENGINE_NAMES = ("argos", "memory")
DEVICES = ("cpu", "cuda", "auto")
# CTranslate2's compute types; "auto" picks the fastest the device supports (as argostranslate).
COMPUTE_TYPES = (
    "auto",
    "default",
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
    "int16",
    "float16",
    "bfloat16",
    "float32",
)


@dataclass(frozen=True)
class EngineOptions:
    """``[tool.toolkit.engine]``: which engine translates, and how it decodes.

    The defaults are argostranslate's own (batch 32, beam 4, compute type auto), so that the
    toolkit's output equals argostranslate's for the same package.
    """

    name: str = "argos"  # "argos" or "memory" (memory only: no machine translation)
    batch_size: int = 32  # segments per CTranslate2 batch
    beam_size: int = 4
    device: str = "auto"  # "cpu", "cuda" or "auto" (CUDA when CTranslate2 sees a GPU)
    compute_type: str = "auto"
    threads: int = 0  # CPU threads per translation; 0: CTranslate2's default

    def override(
        self,
        *,
        name: str | None = None,
        batch_size: int | None = None,
        beam_size: int | None = None,
        device: str | None = None,
        compute_type: str | None = None,
        threads: int | None = None,
    ) -> EngineOptions:
        """These options with command-line overrides; None keeps the project's setting."""
        given = {
            "name": name,
            "batch_size": batch_size,
            "beam_size": beam_size,
            "device": device,
            "compute_type": compute_type,
            "threads": threads,
        }
        table = {**dataclasses.asdict(self), **{k: v for k, v in given.items() if v is not None}}
        return EngineOptions(**parse_engine(table, Path("command line")))


_ENGINE_INTS = {"batch_size": 1, "beam_size": 1, "threads": 0}  # key -> smallest value
_ENGINE_CHOICES = {"name": ENGINE_NAMES, "device": DEVICES, "compute_type": COMPUTE_TYPES}


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

    @property
    def engine_options(self) -> EngineOptions:
        """The validated ``[tool.toolkit.engine]`` table (defaults for missing keys)."""
        return EngineOptions(**self.engine)

    def catalog_dir(self, language: str) -> Path:
        return self.translations_path / language

    def record(self) -> dict[str, Any]:
        """The JSON shape of ``toolkit config --format json``: the folders as absolute paths."""
        return {
            "root": str(self.root),
            "source_language": self.source_language,
            "target_languages": list(self.target_languages),
            "corpus": str(self.corpus_path),
            "glossary": str(self.glossary_path),
            "translations": str(self.translations_path),
            "build": str(self.build_path),
            "engine": self.engine,
        }

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
            values["target_languages"] = _distinct_targets(targets, path)
    except LanguageError as exc:
        raise LanguageError(exc.message, path=path, hint=exc.hint) from exc
    if "engine" in table:
        if not isinstance(table["engine"], dict):
            raise ConfigError(f"[tool.{SECTION}.engine] must be a table", path=path)
        values["engine"] = parse_engine(table["engine"], path)
    settings = Settings(root=root, **values)
    if settings.source_language in settings.target_languages:
        raise ConfigError(
            f"source language {settings.source_language!r} is also a target language", path=path
        )
    return settings


def _distinct_targets(targets: list[str], path: Path) -> tuple[str, ...]:
    """The normalised target languages, each once: a language listed twice (also as ``ru`` and
    ``RU``) would be translated, counted and reported twice. Regional variants (``pt`` and
    ``pt_BR``) are different targets with catalogs of their own."""
    seen: dict[str, str] = {}
    for written in targets:
        code = validate_language(written)
        if code in seen:
            spelled = (
                f"{written!r} twice"
                if seen[code] == written
                else f"{seen[code]!r} and {written!r}, both {code!r}"
            )
            raise ConfigError(
                f"target_languages lists {spelled}",
                path=path,
                hint="list each target language once",
            )
        seen[code] = written
    return tuple(seen)


def parse_engine(table: dict[str, Any], path: Path) -> dict[str, Any]:
    """Check ``[tool.toolkit.engine]``: known keys, each of the right type and range."""
    known = {f.name for f in dataclasses.fields(EngineOptions)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(
            f"unknown key(s) in [tool.{SECTION}.engine]: {', '.join(unknown)}",
            path=path,
            hint=f"known keys: {', '.join(sorted(known))}",
        )
    for key, value in table.items():
        if key in _ENGINE_INTS:
            smallest = _ENGINE_INTS[key]
            # bool is an int in Python; `batch_size = true` is a mistake, not 1.
            if not isinstance(value, int) or isinstance(value, bool) or value < smallest:
                raise ConfigError(
                    f"engine {key} must be a whole number >= {smallest}, not {value!r}", path=path
                )
        elif value not in _ENGINE_CHOICES[key]:
            raise ConfigError(
                f"engine {key} must be one of {', '.join(_ENGINE_CHOICES[key])}, not {value!r}",
                path=path,
            )
    return dict(table)


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
