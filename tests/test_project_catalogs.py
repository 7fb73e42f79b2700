"""Which catalogs, in which language: the one finder (toolkit/project/catalogs.py).

A catalog's language comes from its header and its folder, which must agree; a template has none.
Most cases run on tests/data/checks/project (one article in ru, kk and its template) and the
headerless or misplaced copies the tests make of it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.config import load_settings
from toolkit.errors import CatalogError, LanguageError
from toolkit.gettext.pofile import read_catalog, write_catalog
from toolkit.gettext.store import save_catalog
from toolkit.project.catalogs import (
    CatalogFile,
    find_catalogs,
    language_catalogs,
    read_catalog_file,
)

DATA = Path(__file__).parent / "data" / "checks"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A project with the glossary and one article in ru, kk and its template."""
    root = tmp_path / "project"
    shutil.copytree(DATA / "project", root)
    return root


# --- find_catalogs ---------------------------------------------------------------------------


def test_default_is_every_catalog_and_the_templates(sample: Path) -> None:
    found = find_catalogs(load_settings(sample), templates=True)
    assert [(c.shown, c.language) for c in found] == [
        ("translations/ru/sample.po", "ru"),
        ("translations/kk/sample.po", "kk"),
        ("translations/templates/sample.pot", None),
    ]


def test_a_chosen_language_leaves_out_the_templates(sample: Path) -> None:
    found = find_catalogs(load_settings(sample), languages=["kk"])
    assert [c.shown for c in found] == ["translations/kk/sample.po"]


def test_paths_and_folders(sample: Path) -> None:
    settings = load_settings(sample)
    found = find_catalogs(settings, [sample / "translations" / "templates", DATA / "bad"])
    assert [(Path(c.path).name, c.language) for c in found] == [
        ("sample.pot", None),
        ("ru-sample.po", "ru"),
    ]


def test_language_from_lang_or_folder_when_the_header_is_empty(sample: Path) -> None:
    settings = load_settings(sample)
    catalog = read_catalog(DATA / "bad" / "ru-sample.po")
    headerless = catalog.with_header("Language", "")
    write_catalog(sample / "translations" / "ru" / "headerless.po", headerless)
    write_catalog(sample / "loose.po", headerless)
    in_folder = find_catalogs(settings, [sample / "translations" / "ru" / "headerless.po"])
    assert in_folder[0].language == "ru"
    with pytest.raises(CatalogError, match="cannot tell the catalog's language"):
        find_catalogs(settings, [sample / "loose.po"])
    assert find_catalogs(settings, [sample / "loose.po"], ["kk"])[0].language == "kk"


@pytest.mark.parametrize(
    ("name", "error"),
    [("missing.po", "no such file or folder"), ("pyproject.toml", "not a gettext catalog")],
)
def test_bad_paths(sample: Path, name: str, error: str) -> None:
    with pytest.raises(CatalogError, match=error):
        find_catalogs(load_settings(sample), [sample / name])


def test_the_folder_and_the_header_must_agree(sample: Path) -> None:
    catalog = read_catalog(sample / "translations" / "kk" / "sample.po")
    write_catalog(sample / "translations" / "ru" / "moved.po", catalog)
    with pytest.raises(CatalogError, match="catalog in folder 'ru' declares Language 'kk'"):
        find_catalogs(load_settings(sample))
    with pytest.raises(CatalogError, match="in folder 'ru' declares Language 'kk'"):
        find_catalogs(load_settings(sample), [sample / "translations" / "ru" / "moved.po"])


def test_a_catalog_of_another_language_than_asked(sample: Path) -> None:
    with pytest.raises(CatalogError, match="catalog is for 'ru', not 'kk'"):
        find_catalogs(load_settings(sample), [DATA / "bad" / "ru-sample.po"], ["kk"])


def test_an_unknown_language(sample: Path) -> None:
    with pytest.raises(LanguageError):
        find_catalogs(load_settings(sample), languages=["de"])


def test_no_catalogs(project: Path) -> None:
    with pytest.raises(CatalogError, match="no catalogs yet"):
        find_catalogs(load_settings(project))


# --- read_catalog_file -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown", "language"),
    [
        ("translations/ru/sample.po", "translations/ru/sample.po", "ru"),
        ("translations/kk/sample.po", "translations/kk/sample.po", "kk"),
        ("translations/templates/sample.pot", "translations/templates/sample.pot", None),
    ],
)
def test_read_catalog_file_in_a_project(
    sample: Path, name: str, shown: str, language: str | None
) -> None:
    found = read_catalog_file(sample / name, settings=load_settings(sample))
    assert (found.path, found.shown, found.language) == (sample / name, shown, language)
    assert found.catalog == read_catalog(sample / name)
    assert found.article == "sample"
    assert str(found.location) == shown


def test_read_catalog_file_outside_a_project_takes_the_header() -> None:
    path = DATA / "bad" / "ru-sample.po"
    found = read_catalog_file(path)
    assert (found.path, found.shown, found.language) == (path, path.as_posix(), "ru")
    with pytest.raises(CatalogError, match="catalog is for 'ru', not 'kk'"):
        read_catalog_file(path, requested=["kk"])


@pytest.mark.parametrize(
    ("folder", "settings", "requested", "language", "error"),
    [
        ("ru", True, (), "ru", None),  # the folder speaks
        ("ru", True, ("ru",), "ru", None),
        ("ru", True, ("kk",), None, "catalog is for 'ru', not 'kk'"),
        ("loose", True, ("kk",), "kk", None),  # neither speaks: the one language asked for
        ("loose", True, ("ru", "kk"), None, "cannot tell the catalog's language"),
        ("loose", True, (), None, "cannot tell the catalog's language"),
        ("ru", False, (), None, "cannot tell the catalog's language"),  # no project, no folder
    ],
)
def test_read_catalog_file_without_a_language_header(
    sample: Path,
    folder: str,
    settings: bool,
    requested: tuple[str, ...],
    language: str | None,
    error: str | None,
) -> None:
    headerless = read_catalog(sample / "translations" / "ru" / "sample.po").with_header(
        "Language", ""
    )
    path = sample / "translations" / folder / "headerless.po"
    write_catalog(path, headerless)
    project = load_settings(sample) if settings else None
    if error is None:
        found = read_catalog_file(path, settings=project, requested=requested)
        assert found.language == language
    else:
        with pytest.raises(CatalogError, match=error):
            read_catalog_file(path, settings=project, requested=requested)


# --- language_catalogs -----------------------------------------------------------------------


def test_language_catalogs_by_article(sample: Path) -> None:
    settings = load_settings(sample)
    write_catalog(
        sample / "translations" / "kk" / "another.po",
        read_catalog(sample / "translations" / "kk" / "sample.po"),
    )
    found = language_catalogs(settings, "kk")
    assert list(found) == ["another", "sample"]
    assert [(c.shown, c.language) for c in found.values()] == [
        ("translations/kk/another.po", "kk"),
        ("translations/kk/sample.po", "kk"),
    ]


def test_language_catalogs_of_a_language_without_catalogs(sample: Path) -> None:
    shutil.rmtree(sample / "translations" / "kk")
    assert language_catalogs(load_settings(sample), "kk") == {}


def test_language_catalogs_check_each_header(sample: Path) -> None:
    write_catalog(
        sample / "translations" / "kk" / "moved.po",
        read_catalog(sample / "translations" / "ru" / "sample.po"),
    )
    with pytest.raises(CatalogError, match="catalog in folder 'kk' declares Language 'ru'"):
        language_catalogs(load_settings(sample), "kk")


# --- CatalogFile -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "target", "error"),
    [
        ("translations/ru/sample.po", "ru", None),
        ("translations/kk/sample.po", "kk", None),
        ("translations/templates/sample.pot", None, "a template has no target language"),
    ],
)
def test_target(sample: Path, name: str, target: str | None, error: str | None) -> None:
    found = read_catalog_file(sample / name, settings=load_settings(sample))
    if error is None:
        assert found.target == target
    else:
        with pytest.raises(CatalogError, match=error) as info:
            _ = found.target
        assert info.value.hint and "translations/<lang>/<article>.po" in info.value.hint


def test_in_memory_and_with_catalog(sample: Path) -> None:
    catalog = read_catalog(sample / "translations" / "ru" / "sample.po")
    memory = CatalogFile.in_memory("<text>", catalog, "ru")
    assert (memory.path, memory.shown, memory.language, memory.target) == (
        Path("<text>"),
        "<text>",
        "ru",
        "ru",
    )
    emptied = memory.with_catalog(catalog.with_messages(()))
    assert (emptied.path, emptied.shown, emptied.language) == (Path("<text>"), "<text>", "ru")
    assert emptied.catalog.messages == () and memory.catalog == catalog


def test_a_symlinked_catalog_keeps_the_path_as_found(sample: Path, tmp_path: Path) -> None:
    """The link, not its target, is the catalog's path: its folder names the language."""
    target = tmp_path / "elsewhere" / "sample.po"
    target.parent.mkdir()
    headerless = read_catalog(sample / "translations" / "kk" / "sample.po").with_header(
        "Language", ""
    )
    write_catalog(target, headerless)
    link = sample / "translations" / "kk" / "linked.po"
    link.symlink_to(target)
    settings = load_settings(sample)
    found = {c.path.name: c for c in find_catalogs(settings, languages=["kk"])}
    assert list(found) == ["linked.po", "sample.po"]
    linked = found["linked.po"]
    assert linked.path == link and linked.path.is_symlink()
    assert (linked.article, linked.language) == ("linked", "kk")
    assert linked.catalog == headerless
    assert read_catalog_file(link, settings=settings).path == link
    assert language_catalogs(settings, "kk")["linked"].path == link
    assert linked.shown == "translations/kk/linked.po"  # where it was found, not its target


def test_saving_a_symlinked_catalog_writes_through_the_link(sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "sample.po"
    target.parent.mkdir()
    catalog = read_catalog(sample / "translations" / "kk" / "sample.po")
    write_catalog(target, catalog)
    link = sample / "translations" / "kk" / "linked.po"
    link.symlink_to(target)
    changed = catalog.with_header("Last-Translator", "Editor <e@example.org>")
    save_catalog(link, changed)
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert read_catalog(target).header_value("Last-Translator") == "Editor <e@example.org>"
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
