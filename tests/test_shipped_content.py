"""The content the repository ships (corpus/, glossary/, translations/) as the subject of tests.

Edit the shipped corpus, glossary or reference translations and these are the tests that speak:
the catalogs pass msgfmt, the corpus holds its five articles and rebuilds every paragraph, the
reference translations pass `toolkit check` (issue 7) and export as finished articles. The
behaviour behind them is tested on tiny projects under tests/data/ (tests/data/project and its
README.md), whose numbers do not move when the shipped content does.
"""

# Real corpus text: Cyrillic letters, typographic quotes and dashes are the point here.

from __future__ import annotations

import re
from pathlib import Path

import pytest
from corpus_check import assert_segments_rebuild_every_paragraph
from export_check import assert_exported_whole
from gettext_check import msgfmt_problems
from typer.testing import CliRunner

import toolkit.cli.check  # noqa: F401  (registers `toolkit check`; toolkit.cli imports it too)
from toolkit.checks import check_project
from toolkit.cli import app
from toolkit.config import Settings, load_settings
from toolkit.corpus.articles import Article, load_corpus
from toolkit.export import TranslatedArticle, plan_export, render_article
from toolkit.findings import Severity

REPO = Path(__file__).resolve().parent.parent
NNBSP = "\u202f"
ARTICLES = {
    "2022-07-04-smailov-consulate-general-yekaterinburg": "2022-07-04",
    "2022-07-04-smailov-innoprom-industrial-cooperation": "2022-07-04",
    "2022-07-04-smailov-mishustin-innoprom": "2022-07-04",
    "2024-02-01-mishustin-smailov-almaty-meeting": "2024-02-01",
    "2024-02-04-smailov-mishustin-almaty-talks": "2024-02-04",
}
DATES = {
    ("ru", "2022-07-04"): f"4 июля 2022{NNBSP}г.",
    ("ru", "2024-02-01"): f"1 февраля 2024{NNBSP}г.",
    ("ru", "2024-02-04"): f"4 февраля 2024{NNBSP}г.",
    ("kk", "2022-07-04"): f"2022{NNBSP}ж. 4 шілде",
    ("kk", "2024-02-01"): f"2024{NNBSP}ж. 1 ақпан",
    ("kk", "2024-02-04"): f"2024{NNBSP}ж. 4 ақпан",
}


# --- the shipped catalogs pass msgfmt --check ------------------------------------------------


def test_catalogs_in_the_repository_pass_msgfmt() -> None:
    """Whatever catalogs the project ships (translations, glossary) msgfmt accepts."""
    shipped = sorted(
        p
        for folder in ("translations", "glossary")
        for p in (REPO / folder).rglob("*.po*")
        if p.suffix in (".po", ".pot")
    )
    if not shipped:
        pytest.skip("no catalogs in the repository yet")
    problems = {str(p.relative_to(REPO)): msgfmt_problems(p) for p in shipped}
    assert problems == {name: "" for name in problems}


# --- the committed corpus --------------------------------------------------------------------

CORPUS = load_corpus(load_settings(REPO)) if (REPO / "corpus").is_dir() else []


def test_corpus_has_the_five_articles() -> None:
    assert [a.id for a in CORPUS] == [
        "2022-07-04-smailov-consulate-general-yekaterinburg",
        "2022-07-04-smailov-innoprom-industrial-cooperation",
        "2022-07-04-smailov-mishustin-innoprom",
        "2024-02-01-mishustin-smailov-almaty-meeting",
        "2024-02-04-smailov-mishustin-almaty-talks",
    ]
    sources = {a.id: (a.meta.source, a.meta.dateline) for a in CORPUS}
    assert sources["2022-07-04-smailov-mishustin-innoprom"] == ("Kazinform", "Yekaterinburg")
    assert sources["2022-07-04-smailov-innoprom-industrial-cooperation"] == (None, "Nur-Sultan")
    assert sources["2024-02-04-smailov-mishustin-almaty-talks"] == ("primeminister.kz", None)
    assert all(a.meta.date is not None for a in CORPUS)


@pytest.mark.parametrize("article", CORPUS, ids=lambda a: a.id)
def test_corpus_segments_rebuild_every_paragraph(article: Article) -> None:
    assert_segments_rebuild_every_paragraph(article)


# --- the reference translations pass `toolkit check` (issue 7) -------------------------------


@pytest.fixture(scope="module")
def findings() -> list[tuple[str, str, Severity, str]]:
    report = check_project(load_settings(REPO))
    assert report.catalogs >= 15  # five articles in ru and kk, and their templates
    return [(str(f.location), f.check, f.severity, f.message) for f in report.findings]


def test_shipped_translations_have_no_errors(
    findings: list[tuple[str, str, Severity, str]],
) -> None:
    errors = [f for f in findings if f[2] is Severity.ERROR]
    assert errors == []


def test_shipped_translations_warn_only_about_coordinated_lists(
    findings: list[tuple[str, str, Severity, str]],
) -> None:
    """What is left are region names in `the Sverdlovsk, Chelyabinsk, Kurgan, and Tyumen
    regions`, which become adjectives before a shared `области`/`облыстарын`: the stem lookup
    cannot match them, so they are warnings that say so."""
    assert {(check, severity) for _, check, severity, _ in findings} <= {
        ("term-missing", Severity.WARNING)
    }
    assert all("coordinated list" in message for *_, message in findings)


def test_shipped_translations_pass(runner: CliRunner) -> None:
    """Issue 7's acceptance: `toolkit check` reports no errors on the reference translations."""
    result = runner.invoke(app, ["--project", str(REPO), "check"])
    code, out, err = result.exit_code, result.stdout, result.stderr
    assert code == 0, out
    assert " error" not in err
    found = re.search(r"\((\d+) catalog\(s\)", err)
    assert found is not None and int(found.group(1)) >= 15  # 5 articles: ru, kk, templates


# --- the reference translations export as finished articles ----------------------------------


@pytest.fixture(scope="module")
def shipped() -> Settings:
    return load_settings(REPO)


@pytest.fixture(scope="module")
def exported(shipped: Settings) -> dict[tuple[str, str], TranslatedArticle]:
    return {
        (language, article.id): article
        for language in ("ru", "kk")
        for article in plan_export(shipped, language)
    }


@pytest.mark.parametrize("language", ["ru", "kk"])
@pytest.mark.parametrize("article_id", sorted(ARTICLES))
def test_shipped_articles_are_finished(
    shipped: Settings,
    exported: dict[tuple[str, str], TranslatedArticle],
    language: str,
    article_id: str,
) -> None:
    date = DATES[(language, ARTICLES[article_id])]
    assert_exported_whole(shipped, exported[(language, article_id)], language, article_id, date)


@pytest.mark.parametrize(
    ("article_id", "credits", "dropped"),
    [
        ("2022-07-04-smailov-mishustin-innoprom", ("Photo: primeminister.kz",), ""),
        ("2024-02-04-smailov-mishustin-almaty-talks", ("Images | primeminister.kz",), ""),
        ("2024-02-01-mishustin-smailov-almaty-meeting", (), "Предыдущая новость"),
    ],
)
def test_credits_kept_and_navigation_dropped(
    exported: dict[tuple[str, str], TranslatedArticle],
    article_id: str,
    credits: tuple[str, ...],
    dropped: str,
) -> None:
    for language in ("ru", "kk"):
        article = exported[(language, article_id)]
        assert article.credits == credits
        text = render_article(article)
        if credits:
            assert text.endswith("\n\n" + "\n\n".join(credits) + "\n")
        if dropped:
            assert dropped not in text
