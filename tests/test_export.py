"""Exporting articles: a finished project's articles (tests/data/project), refusal, partial export.

The shipped reference translations as finished articles are tests/test_shipped_content.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from export_check import assert_exported_whole

from toolkit.config import Settings, load_settings
from toolkit.errors import CatalogError, CorpusError
from toolkit.export import (
    ExportFormat,
    ExportRefused,
    TranslatedArticle,
    export_articles,
    plan_export,
    render_article,
)
from toolkit.gettext import pofile
from toolkit.project.paths import catalog_path

TINY_PROJECT = Path(__file__).parent / "data" / "project"  # finished in ru and kk
DATA = Path(__file__).parent / "data" / "review" / "project"  # one article, with gaps
NNBSP = "\u202f"
ARTICLES = {
    "2022-07-04-innoprom": "2022-07-04",
    "2024-02-01-almaty-meeting": "2024-02-01",
    "2024-02-04-almaty-talks": "2024-02-04",
}
DATES = {
    ("ru", "2022-07-04"): f"4 июля 2022{NNBSP}г.",
    ("ru", "2024-02-01"): f"1 февраля 2024{NNBSP}г.",
    ("ru", "2024-02-04"): f"4 февраля 2024{NNBSP}г.",
    ("kk", "2022-07-04"): f"2022{NNBSP}ж. 4 шілде",
    ("kk", "2024-02-01"): f"2024{NNBSP}ж. 1 ақпан",
    ("kk", "2024-02-04"): f"2024{NNBSP}ж. 4 ақпан",
}


@pytest.fixture(scope="module")
def finished() -> Settings:
    """The tiny project, read in place: planning an export writes nothing."""
    return load_settings(TINY_PROJECT)


@pytest.fixture(scope="module")
def exported(finished: Settings) -> dict[tuple[str, str], TranslatedArticle]:
    return {
        (language, article.id): article
        for language in ("ru", "kk")
        for article in plan_export(finished, language)
    }


@pytest.fixture
def project(tmp_path: Path) -> Settings:
    root = tmp_path / "project"
    shutil.copytree(DATA, root)
    return load_settings(root)


@pytest.mark.parametrize("language", ["ru", "kk"])
@pytest.mark.parametrize("article_id", sorted(ARTICLES))
def test_finished_articles_export_whole(
    finished: Settings,
    exported: dict[tuple[str, str], TranslatedArticle],
    language: str,
    article_id: str,
) -> None:
    date = DATES[(language, ARTICLES[article_id])]
    assert_exported_whole(finished, exported[(language, article_id)], language, article_id, date)


@pytest.mark.parametrize(
    ("article_id", "credits", "dropped"),
    [
        ("2022-07-04-innoprom", ("Photo: primeminister.kz",), ""),
        ("2024-02-04-almaty-talks", ("Images | primeminister.kz",), ""),
        ("2024-02-01-almaty-meeting", (), "Предыдущая новость"),
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


def test_export_writes_six_files_atomically_and_reruns_unchanged(
    tiny_project: Path, tmp_path: Path
) -> None:
    finished = load_settings(tiny_project)
    out = tmp_path / "out"  # beside the project, whose corpus is .txt files too
    results = export_articles(finished, out_dir=out)
    assert len(results) == 6
    assert {r.status for r in results} == {"created"}
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")) == sorted(
        f"{language}/{article}.txt" for language in ("ru", "kk") for article in ARTICLES
    )
    assert not list(out.rglob("*.tmp"))
    again = export_articles(finished, ["kk"], out_dir=out)
    assert {r.status for r in again} == {"unchanged"}


def test_default_folder_is_the_build_folder(project: Settings) -> None:
    (result,) = export_articles(project, ["kk"], fmt=ExportFormat.MD)
    assert result.path == project.root / "build" / "export" / "kk" / "sample.md"
    assert result.path.is_file()


def test_refusal_lists_every_gap_and_writes_nothing(project: Settings, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(ExportRefused) as refused:
        export_articles(project, out_dir=out)
    assert [gap.format() for gap in refused.value.gaps] == [
        "translations/ru/sample.po:29: p1.s2: fuzzy (not approved): "
        "Alikhan Smailov arrived in Yekaterinburg for INNOPROM.",
        "translations/ru/sample.po:39: p1.s3: fuzzy (not approved): "
        "He met Mikhail Mishustin there.",
        "translations/ru/sample.po:45: p2.s1: fuzzy (not approved): "
        "There are over 90,000 Kazakhs living in the Consular Distri…",
        "translations/ru/sample.po:62: p4.s1: untranslated: "
        "Russia is one of the main trade and economic partners of Ka…",
    ]
    assert str(refused.value).startswith(
        "4 segment(s) of 1 article(s) have no approved translation"
    )
    assert refused.value.exit_code == 2
    assert not out.exists()


def test_allow_partial_marks_the_gaps(project: Settings, tmp_path: Path) -> None:
    results = export_articles(project, ["ru"], out_dir=tmp_path, allow_partial=True)
    assert [(r.article, r.gaps) for r in results] == [("sample", 4)]
    text = results[0].path.read_text(encoding="utf-8")
    assert text.split("\n\n")[:3] == [
        "Алихан Смаилов встретился с Михаилом Мишустиным на выставке «ИННОПРОМ»",
        f"4 июля 2022{NNBSP}г.",
        "ЕКАТЕРИНБУРГ. КАЗИНФОРМ – [fuzzy: Алихан Смаилов прибыл в Екатеринбург на «ИННОПРОМ».] "
        "[fuzzy: Там он встретился с Михаилом Мишустиным.]",
    ]
    assert (
        "[untranslated: Russia is one of the main trade and economic partners of Kazakhstan.]"
        in text
    )
    assert text.endswith("\n\nPhoto: primeminister.kz\n")
    assert "Предыдущая новость" not in text


def test_an_entry_missing_from_the_catalog(project: Settings) -> None:
    path = catalog_path(project, "kk", "sample")
    catalog = pofile.read_catalog(path)
    pofile.write_catalog(path, catalog.with_messages(catalog.messages[1:]))
    (article,) = plan_export(project, "kk")
    assert [(g.segment, g.state) for g in article.gaps] == [("title", "missing")]
    assert (
        article.gaps[0].format().startswith("translations/kk/sample.po: title: not in the catalog")
    )
    assert render_article(article).startswith(
        "[untranslated: Alikhan Smailov meets Mikhail Mishustin at INNOPROM]\n\n"
    )


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        (
            ExportFormat.MD,
            [
                "# Әлихан Смайылов «ИННОПРОМ» көрмесінде Михаил Мишустинмен кездесті",
                f"*2022{NNBSP}ж. 4 шілде*",
                'Сайт \\<script\\>alert("x")\\</script\\> & «тегтерді» қарапайым мәтін '
                "ретінде басып шығарды.",
                "---",
                "*Photo: primeminister.kz*",
            ],
        ),
        (
            ExportFormat.HTML,
            [
                '<html lang="kk">',
                "<h1>Әлихан Смайылов «ИННОПРОМ» көрмесінде Михаил Мишустинмен кездесті</h1>",
                f'<p class="date"><time datetime="2022-07-04">2022{NNBSP}ж. 4 шілде</time></p>',
                "<p>Сайт &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «тегтерді» "
                "қарапайым мәтін ретінде басып шығарды.</p>",
                '<footer><p lang="en">Photo: primeminister.kz</p></footer>',
            ],
        ),
    ],
)
def test_formats(project: Settings, fmt: ExportFormat, expected: list[str]) -> None:
    (article,) = plan_export(project, "kk")
    text = render_article(article, fmt)
    for fragment in expected:
        assert fragment in text
    assert "https://" not in text and "http://" not in text
    assert "<script>" not in text.replace("\\<script\\>", "")


def test_bilingual_html_pairs_the_paragraphs(project: Settings) -> None:
    (article,) = plan_export(project, "kk")
    page = render_article(article, ExportFormat.HTML, bilingual=True)
    assert page.count('<div class="src" lang="en" data-paragraph=') == 4
    assert page.count('<div class="tgt" lang="kk" data-paragraph=') == 4
    assert (
        '<div class="head" lang="en">English</div><div class="head" lang="kk">қазақ тілі</div>'
        in page
    )
    assert '<p class="title">Alikhan Smailov meets Mikhail Mishustin at INNOPROM</p>' in page
    assert '<time datetime="2022-07-04">July 4, 2022</time>' in page
    assert (
        '<div class="src" lang="en" data-paragraph="2"><p>There are over 90,000 Kazakhs living in '
        "the Consular District, including over 7,000 students.</p></div>"
        '<div class="tgt" lang="kk" data-paragraph="2"><p>Консулдық округте 90 000-нан астам қазақ'
    ) in page
    assert "@media (max-width: 600px)" in page and "<script" not in page
    with pytest.raises(ValueError):
        render_article(article, ExportFormat.TXT, bilingual=True)


def test_partial_html_marks_the_language_of_the_marker(project: Settings) -> None:
    (article,) = plan_export(project, "ru")
    page = render_article(article, ExportFormat.HTML)
    assert '<span class="gap" lang="en">[untranslated: Russia is one of' in page
    assert '<span class="gap" lang="ru">[fuzzy: Там он встретился' in page


def test_missing_catalog_and_unknown_article(project: Settings) -> None:
    catalog_path(project, "kk", "sample").unlink()
    with pytest.raises(CatalogError, match="no kk catalog for article 'sample'"):
        plan_export(project, "kk")
    with pytest.raises(CorpusError, match="unknown article 'nope'"):
        plan_export(project, "ru", ["nope"])
