"""Updating catalogs from templates: determinism, kept translations, errors, msgfmt and GNU
msgmerge as judges of what is written."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from gettext_check import msgfmt_problems
from sample_article import DAY2, SENTENCES, T, make_article, translate

from toolkit.config import Settings, load_settings
from toolkit.corpus.articles import Article
from toolkit.errors import CatalogError, LanguageError
from toolkit.gettext.pofile import read_catalog
from toolkit.project.compile import compile_catalogs
from toolkit.project.extract import extract_templates
from toolkit.project.paths import catalog_path, template_path
from toolkit.project.update import update_catalogs


def test_update_twice_is_byte_identical(
    article: Article, settings_: Settings, epoch: Callable[[str], None]
) -> None:
    extract_templates(settings_, [article])
    first = update_catalogs(settings_)
    assert [(r.language, r.status, r.new) for r in first] == [
        ("ru", "created", 5),
        ("kk", "created", 5),
    ]
    files = {r.path: r.path.read_bytes() for r in first}
    epoch(DAY2)
    second = update_catalogs(settings_)
    assert [r.status for r in second] == ["unchanged", "unchanged"]
    assert {p: p.read_bytes() for p in files} == files


def test_update_after_edits_keeps_translations_and_bumps_the_revision_date(
    article: Article, settings_: Settings, epoch: Callable[[str], None]
) -> None:
    extract_templates(settings_, [article])
    update_catalogs(settings_, ["ru"])
    path = catalog_path(settings_, "ru", article.id)
    translate(
        path, {"Alikhan Smailov arrived in Yekaterinburg.": "Алихан Смаилов прибыл в Екатеринбург."}
    )
    epoch(DAY2)
    edited = replace(
        article,
        segments=tuple(
            replace(s, text="Alikhan Smailov arrived in Yekaterinburg on Monday.")
            if s.id == "p1.s2"
            else s
            for s in article.segments
        ),
    )
    extract_templates(settings_, [edited])
    [result] = update_catalogs(settings_, ["ru"], [article.id])
    assert (result.status, result.fuzzy_matched, result.kept) == ("updated", 1, 4)
    catalog = read_catalog(path)
    message = catalog.find("Alikhan Smailov arrived in Yekaterinburg on Monday.")
    assert message is not None
    assert message.msgstr == "Алихан Смаилов прибыл в Екатеринбург."
    assert message.fuzzy and message.previous_msgid == "Alikhan Smailov arrived in Yekaterinburg."
    assert catalog.header_value("PO-Revision-Date") == "2024-02-02 09:33+0000"


def test_update_errors(settings_: Settings, article: Article, epoch: Callable[[str], None]) -> None:
    with pytest.raises(CatalogError, match="no templates to merge"):
        update_catalogs(settings_)
    extract_templates(settings_, [article])
    with pytest.raises(CatalogError, match="no template for article 'nope'") as info:
        update_catalogs(settings_, None, ["nope"])
    assert info.value.hint and "toolkit extract nope" in info.value.hint
    with pytest.raises(LanguageError, match="not a target language"):
        update_catalogs(settings_, ["de"])
    with pytest.raises(LanguageError, match="unknown language code"):
        update_catalogs(settings_, ["xx-nope"])
    update_catalogs(settings_, ["ru"])
    ru, kk = catalog_path(settings_, "ru", article.id), catalog_path(settings_, "kk", article.id)
    kk.parent.mkdir(parents=True)
    shutil.copy(ru, kk)
    with pytest.raises(CatalogError, match="catalog in folder 'kk' declares Language 'ru'"):
        update_catalogs(settings_, ["kk"])


# --- every catalog the toolkit writes passes msgfmt --check ------------------------------------


def test_full_project_passes_msgfmt(settings_: Settings, epoch: Callable[[str], None]) -> None:
    """Extract, update, translate, change the source, update again: check every file."""
    articles = [
        make_article(settings_.root, "2022-07-04-innoprom", SENTENCES),
        make_article(
            settings_.root,
            "2024-02-01-almaty",
            [*SENTENCES[:3], ("p2.s1", "Kazakhstan and Russia signed a treaty.", T, 2, 3)],
        ),
    ]
    extract_templates(settings_, articles)
    update_catalogs(settings_)
    for language, text in (
        ("ru", "Алихан Смаилов прибыл в Екатеринбург."),
        ("kk", "Әлихан Смайылов Екатеринбургке келді."),
    ):
        path = catalog_path(settings_, language, articles[0].id)
        translate(path, {"Alikhan Smailov arrived in Yekaterinburg.": text})
        translate(path, {"The sides discussed trade.": "…"}, fuzzy=True)
        translate(path, {"«We will meet again,» said Smailov.": "«…», — сказал Смаилов."})
    epoch(DAY2)
    changed = replace(
        articles[0],
        segments=tuple(
            replace(s, text=s.text.replace("arrived", "has arrived"))
            for s in articles[0].segments
            if s.id != "p4.s2"
        ),
    )
    extract_templates(settings_, [changed, articles[1]])
    update_catalogs(settings_)
    compile_catalogs(settings_)
    written = sorted(settings_.translations_path.rglob("*.po*"))
    assert len(written) == 6
    problems = {p.name: msgfmt_problems(p) for p in written}
    assert problems == {p.name: "" for p in written}
    ru = read_catalog(catalog_path(settings_, "ru", articles[0].id))
    assert [m.msgid for m in ru.messages if m.fuzzy and m.previous_msgid] == [
        "Alikhan Smailov has arrived in Yekaterinburg."
    ]
    assert [m.msgid for m in ru.obsolete_messages] == ["«We will meet again,» said Smailov."]


def test_update_writes_what_gnu_msgmerge_writes(
    settings_: Settings, article: Article, epoch: Callable[[str], None]
) -> None:
    """Merging our own template into our catalog again with `msgmerge --previous` is a no-op."""
    msgmerge = shutil.which("msgmerge")
    assert msgmerge is not None
    extract_templates(settings_, [article])
    update_catalogs(settings_, ["ru"])
    path = catalog_path(settings_, "ru", article.id)
    translate(
        path, {"Alikhan Smailov arrived in Yekaterinburg.": "Алихан Смаилов прибыл в Екатеринбург."}
    )
    translate(
        path, {"«We will meet again,» said Smailov.": "«Мы встретимся снова», — сказал Смаилов."}
    )
    edited = replace(
        article,
        segments=tuple(
            replace(s, text=s.text.replace("arrived in", "has arrived in"))
            for s in article.segments
            if s.id != "p4.s2"
        ),
    )
    extract_templates(settings_, [edited])
    update_catalogs(settings_, ["ru"])
    gnu = subprocess.run(
        [msgmerge, "--previous", "--quiet", "-o", "-", path, template_path(settings_, article.id)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert gnu.stdout == path.read_text(encoding="utf-8")


# --- the tiny project's catalogs are what update writes, and msgfmt accepts them ---------------


def test_update_leaves_the_tiny_project_as_committed(
    tiny_project: Path, epoch: Callable[[str], None]
) -> None:
    settings = load_settings(tiny_project)
    files = sorted(settings.translations_path.rglob("*.po*"))
    before = {p: p.read_bytes() for p in files}
    results = update_catalogs(settings)
    assert [(r.language, r.article, r.status, r.kept) for r in results] == [
        (language, article, "unchanged", kept)
        for language in ("ru", "kk")
        for article, kept in (
            ("2022-07-04-innoprom", 5),
            ("2024-02-01-almaty-meeting", 4),
            ("2024-02-04-almaty-talks", 3),
        )
    ]
    assert {p: p.read_bytes() for p in files} == before
    assert len(files) == 9
    problems = {p.name: msgfmt_problems(p) for p in files}
    assert problems == {p.name: "" for p in files}
