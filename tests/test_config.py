from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from toolkit.config import find_project, load_settings
from toolkit.errors import ConfigError, LanguageError


def test_defaults_and_paths(project: Path) -> None:
    settings = load_settings(project)
    assert settings.source_language == "en"
    assert settings.target_languages == ("ru", "kk")
    assert settings.corpus_path == project / "corpus"
    assert settings.catalog_dir("kk") == project / "translations" / "kk"
    assert settings.templates_path == project / "translations" / "templates"


def test_found_upwards_from_a_subfolder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = project / "corpus" / "nested"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert find_project() == project.resolve()
    assert load_settings().root == project.resolve()


def test_pyproject_without_section_is_skipped(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    outer = make_project()
    inner = outer / "sub"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "other"\n', encoding="utf-8")
    monkeypatch.chdir(inner)
    assert find_project() == outer.resolve()


def test_no_project_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match="--project"):
        find_project()


@pytest.mark.parametrize(
    ("body", "error", "fragment"),
    [
        ('source_language = "en"\ntranslator = "me"\n', ConfigError, "unknown key(s)"),
        ('target_languages = ["ru", "xx"]\n', LanguageError, "'xx'"),
        ('source_language = "klingon"\n', LanguageError, "'klingon'"),
        ("target_languages = []\n", ConfigError, "non-empty list"),
        ('target_languages = "ru"\n', ConfigError, "non-empty list"),
        ('corpus_dir = ""\n', ConfigError, "corpus_dir"),
        ('source_language = "ru"\n', ConfigError, "also a target"),
        ('engine = "fast"\n', ConfigError, "engine"),
        (
            'target_languages = ["ru", "ru", "kk"]\n',
            ConfigError,
            "target_languages lists 'ru' twice (list each target language once)",
        ),
        (
            'target_languages = ["kk", "ru", "RU"]\n',
            ConfigError,
            "target_languages lists 'ru' and 'RU', both 'ru'",
        ),
        (
            'target_languages = ["ru", "kk", "kk-kz", "kk_KZ"]\n',
            ConfigError,
            "target_languages lists 'kk-kz' and 'kk_KZ', both 'kk_KZ'",
        ),
    ],
)
def test_invalid_settings(
    make_project: Callable[..., Path], body: str, error: type[Exception], fragment: str
) -> None:
    root = make_project("[tool.toolkit]\n" + body)
    with pytest.raises(error) as info:
        load_settings(root)
    assert fragment in str(info.value)
    assert "pyproject.toml" in str(info.value)


def test_regional_variants_are_different_targets(make_project: Callable[..., Path]) -> None:
    root = make_project('[tool.toolkit]\ntarget_languages = ["pt", "pt-BR", "ru"]\n')
    assert load_settings(root).target_languages == ("pt", "pt_BR", "ru")


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("[tool.toolkit]\nsource_language = en\n", 2),
        ('[tool.toolkit]\nsource_language = "en"\ntarget_languages = ["ru",\n', 3),
        ("[tool.toolkit]\n[tool.toolkit]\n", 2),
    ],
)
def test_corrupt_toml_names_file_and_line(
    make_project: Callable[..., Path], body: str, line: int
) -> None:
    root = make_project(body)
    with pytest.raises(ConfigError) as info:
        load_settings(root)
    assert info.value.path == root / "pyproject.toml"
    assert info.value.line == line
    assert f"pyproject.toml:{line}: invalid TOML" in str(info.value)


def test_project_option_must_point_at_a_project(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no pyproject\.toml"):
        load_settings(tmp_path)


@pytest.mark.parametrize(("given", "expected"), [("ru", "ru"), ("kk", "kk"), ("KK", "kk")])
def test_require_target(project: Path, given: str, expected: str) -> None:
    assert load_settings(project).require_target(given) == expected


def test_require_target_rejects_unconfigured(project: Path) -> None:
    with pytest.raises(LanguageError, match="not a target language"):
        load_settings(project).require_target("de")


# --- records: the JSON shape of `toolkit config --format json` -----------------------------------


def test_settings_record(project: Path) -> None:
    settings = load_settings(project)
    record = settings.record()
    assert record == {
        "root": str(settings.root),
        "source_language": "en",
        "target_languages": ["ru", "kk"],
        "corpus": str(settings.root / "corpus"),
        "glossary": str(settings.root / "glossary"),
        "translations": str(settings.root / "translations"),
        "build": str(settings.root / "build"),
        "engine": {},
    }
    assert list(record) == [
        "root",
        "source_language",
        "target_languages",
        "corpus",
        "glossary",
        "translations",
        "build",
        "engine",
    ]
