"""Compiling catalogs to .mo files that gettext loads."""

from __future__ import annotations

import gettext
from collections.abc import Callable
from pathlib import Path

import pytest
from sample_article import translate

from toolkit.config import Settings
from toolkit.corpus.articles import Article
from toolkit.errors import CatalogError
from toolkit.project.compile import compile_catalogs
from toolkit.project.extract import extract_templates
from toolkit.project.paths import catalog_path
from toolkit.project.update import update_catalogs


def test_compiled_catalog_translates_in_python_gettext(
    article: Article, settings_: Settings, epoch: Callable[[str], None]
) -> None:
    extract_templates(settings_, [article])
    update_catalogs(settings_)
    path = catalog_path(settings_, "ru", article.id)
    translate(
        path, {"«We will meet again,» said Smailov.": "«Мы встретимся снова», — сказал Смаилов."}
    )
    translate(path, {"The sides discussed trade.": "Стороны обсудили торговлю."}, fuzzy=True)
    results = compile_catalogs(settings_, ["ru"])
    assert [(r.status, r.compiled, r.fuzzy) for r in results] == [("created", 1, 1)]
    localedir = settings_.build_path / "locale"
    assert results[0].path == localedir / "ru" / "LC_MESSAGES" / f"{article.id}.mo"
    ru = gettext.translation(article.id, localedir, languages=["ru"])
    assert (
        ru.gettext("«We will meet again,» said Smailov.")
        == "«Мы встретимся снова», — сказал Смаилов."
    )
    assert ru.gettext("The sides discussed trade.") == "The sides discussed trade."  # fuzzy
    assert [r.status for r in compile_catalogs(settings_, ["ru"])] == ["unchanged"]


def test_compile_errors(settings_: Settings, tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="no catalogs for 'kk'"):
        compile_catalogs(settings_, ["kk"])
    with pytest.raises(CatalogError, match="no catalog to compile"):
        compile_catalogs(settings_, ["ru"], ["missing-article"])
