"""Which catalogs, in which language: the one finder every command uses.

A language catalog has two witnesses of its language: its ``Language`` header and, inside a
project, the folder it lives in (``translations/<lang>/``). When both speak they must agree:
a file in ``translations/ru/`` that says ``Language: kk`` is refused, never quietly checked,
enforced or translated as Kazakh. When only one speaks it decides; when neither does, the one
language the user asked for (``--lang``) decides; otherwise the file is refused with a hint.
A language the user asked for that the catalog is not in is refused too.

Templates (``.pot``) have no target language; they are found with ``templates=True`` and carry
``language=None``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit.config import Settings
from toolkit.errors import CatalogError
from toolkit.findings import Location, display_path
from toolkit.gettext.model import Catalog
from toolkit.gettext.store import ReadCatalog, read_catalog_snapshot
from toolkit.locales import validate_language
from toolkit.project.paths import (
    CATALOG_SUFFIX,
    TEMPLATE_SUFFIX,
    catalog_paths,
    target_languages,
    template_ids,
    template_path,
)

__all__ = [
    "CatalogFile",
    "catalog_language",
    "expand_paths",
    "find_catalogs",
    "language_catalogs",
    "read_catalog_file",
    "read_catalog_files",
]


@dataclass(frozen=True)
class CatalogFile:
    """A catalog as found: the file, how it is shown, its content and its language."""

    path: Path  # the file as found (a symlink stays a symlink: writes follow it)
    shown: str  # for display: relative to the project when inside it
    catalog: Catalog
    language: str | None  # None: a template, which has only a source side
    read: ReadCatalog | None = None  # the file as read: what a save of it builds on

    @property
    def base(self) -> ReadCatalog:
        """The file as it was read, for :func:`~toolkit.gettext.store.save_catalog`."""
        if self.read is None:
            raise CatalogError("not read from a file", path=self.path)
        return self.read

    @classmethod
    def in_memory(cls, name: str, catalog: Catalog, language: str | None) -> CatalogFile:
        """A catalog that is not (yet) a file, shown as *name*: for checking text in memory."""
        return cls(Path(name), name, catalog, language)

    @property
    def article(self) -> str:
        return self.path.stem

    @property
    def target(self) -> str:
        """The target language of a language catalog (a template has none: an error)."""
        if self.language is None:
            raise CatalogError(
                "a template has no target language",
                path=self.path,
                hint="pass a language catalog (translations/<lang>/<article>.po)",
            )
        return self.language

    @property
    def location(self) -> Location:
        return Location(self.shown)

    def with_catalog(self, catalog: Catalog) -> CatalogFile:
        """The same file with another catalog; its base stays the file as read."""
        return CatalogFile(self.path, self.shown, catalog, self.language, self.read)


def _folder_language(path: Path, settings: Settings | None) -> str | None:
    """The language the folder names: ``<lang>`` of ``…/<lang>/<article>.po`` in a project."""
    if settings is None:
        return None
    name = path.parent.name
    return name if name in settings.target_languages else None


def catalog_language(
    path: Path,
    catalog: Catalog,
    *,
    settings: Settings | None = None,
    requested: Sequence[str] = (),
) -> str:
    """The language of a language catalog, from its header and its folder (see the module)."""
    declared = catalog.language
    if declared:
        declared = settings.require_target(declared) if settings else validate_language(declared)
    folder = _folder_language(path, settings)
    if declared and folder and declared != folder and settings is not None:
        other = display_path(path.parent.parent / declared, settings.root)
        raise CatalogError(
            f"catalog in folder {folder!r} declares Language {declared!r}",
            path=path,
            hint=f"fix its Language header, or move it to {other}/",
        )
    code = declared or folder or (requested[0] if len(requested) == 1 else None)
    if code is None:
        raise CatalogError(
            "cannot tell the catalog's language: no Language header",
            path=path,
            hint="fill in its Language header, or pass --lang",
        )
    if requested and code not in requested:
        raise CatalogError(
            f"catalog is for {code!r}, not {', '.join(map(repr, requested))}",
            path=path,
            hint="leave out --lang, or pass catalogs of that language",
        )
    return code


def read_catalog_file(
    path: Path,
    *,
    settings: Settings | None = None,
    requested: Sequence[str] = (),
) -> CatalogFile:
    """Read one catalog or template and decide its language."""
    read = read_catalog_snapshot(path)
    assert read.catalog is not None  # a missing file is an error
    catalog = read.catalog
    shown = display_path(path, settings.root if settings is not None else None)
    if path.suffix == TEMPLATE_SUFFIX:
        return CatalogFile(path, shown, catalog, None, read)
    language = catalog_language(path, catalog, settings=settings, requested=requested)
    return CatalogFile(path, shown, catalog, language, read)


def expand_paths(paths: Iterable[Path], *, templates: bool = True) -> list[Path]:
    """Files as given and the catalogs (and templates) under folders, each once, in order."""
    suffixes = (CATALOG_SUFFIX, TEMPLATE_SUFFIX) if templates else (CATALOG_SUFFIX,)
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for suffix in suffixes:
                found.extend(sorted(path.rglob(f"*{suffix}")))
        elif path.is_file():
            if path.suffix not in suffixes:
                raise CatalogError(
                    "not a translation catalog" if not templates else "not a gettext catalog",
                    path=path,
                    hint="pass .po files or folders"
                    if not templates
                    else "pass .po or .pot files or folders",
                )
            found.append(path)
        else:
            raise CatalogError("no such file or folder", path=path, hint="check the path")
    return list(dict.fromkeys(found))


def read_catalog_files(
    paths: Sequence[Path],
    languages: Sequence[str] = (),
    *,
    settings: Settings | None = None,
    templates: bool = False,
) -> list[CatalogFile]:
    """The catalogs named by *paths* (files, or folders searched recursively)."""
    found = expand_paths(paths, templates=templates)
    if not found:
        raise CatalogError(
            "no catalogs found", path=paths[0] if paths else None, hint="pass .po files"
        )
    return [read_catalog_file(p, settings=settings, requested=languages) for p in found]


def language_catalogs(settings: Settings, language: str) -> dict[str, CatalogFile]:
    """Every catalog of *language* in the project, by article id, each one's language checked."""
    return {
        path.stem: read_catalog_file(path, settings=settings, requested=(language,))
        for path in catalog_paths(settings, language)
    }


def find_catalogs(
    settings: Settings,
    paths: Sequence[Path] = (),
    languages: Sequence[str] | None = None,
    *,
    templates: bool = False,
) -> list[CatalogFile]:
    """*paths* (files or folders), or every catalog of the project.

    Paths name files of either kind (a template named is a template wanted). Without paths:
    every catalog of each language in *languages* (default: all target languages), and, when
    *templates* is set and no language is chosen, every template.
    """
    codes = target_languages(settings, languages) if languages else []
    if paths:
        return read_catalog_files(paths, codes, settings=settings, templates=True)
    found: list[CatalogFile] = []
    for language in codes or settings.target_languages:
        found.extend(language_catalogs(settings, language).values())
    if templates and not codes:
        for article in template_ids(settings):
            found.append(read_catalog_file(template_path(settings, article), settings=settings))
    if not found:
        raise CatalogError(
            "no catalogs yet",
            path=settings.translations_path,
            hint="run `toolkit extract` and `toolkit catalog update` first",
        )
    return found
