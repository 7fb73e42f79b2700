"""Templates from articles: translatable sentences once, the header, deterministic files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sample_article import DAY2, SENTENCES, make_article

from toolkit.config import Settings, load_settings
from toolkit.corpus.articles import Article, load_corpus
from toolkit.gettext.pofile import read_catalog
from toolkit.project.extract import build_template, extract_templates
from toolkit.project.paths import template_path

# --- templates ---------------------------------------------------------------------------------


def test_template_holds_translatable_sentences_once(article: Article, settings_: Settings) -> None:
    template = build_template(article, settings_, created="2024-02-01 09:30+0000")
    assert [m.msgid for m in template.messages] == [
        "Smailov and Mishustin meet at INNOPROM",
        "YEKATERINBURG. KAZINFORM -",
        "Alikhan Smailov arrived in Yekaterinburg.",
        "The sides discussed trade.",
        "«We will meet again,» said Smailov.",
    ]
    title, dateline, _, repeated, _ = template.messages
    assert title.references == ("corpus/2022-07-04-innoprom.json:9",)
    assert dateline.extracted_comments == ("p1.s1 (dateline)",)
    assert repeated.references == (
        "corpus/2022-07-04-innoprom.txt:1",
        "corpus/2022-07-04-innoprom.txt:7",
    )
    assert repeated.extracted_comments == ("p1.s3 (text)", "p4.s1 (text)")
    assert all(m.msgstr == "" and not m.flags for m in template.messages)


def test_template_header(article: Article, settings_: Settings) -> None:
    template = build_template(article, settings_, created="2024-02-01 09:30+0000")
    assert template.header_value("Project-Id-Version") == "test-project 0.0.1"
    assert template.header_value("POT-Creation-Date") == "2024-02-01 09:30+0000"
    assert template.header_value("Content-Type") == "text/plain; charset=UTF-8"
    assert template.header_value("Content-Transfer-Encoding") == "8bit"
    assert template.header_value("MIME-Version") == "1.0"
    assert template.header_value("Language") == ""
    assert (template.header_value("Generated-By") or "").startswith("kzru-toolkit ")
    assert template.header_fuzzy
    assert article.id in template.header_comment[0]


def test_project_id_falls_back_to_folder_name(make_project: Callable[..., Path]) -> None:
    root = make_project("[tool.toolkit]\n", name="newsdesk")
    settings_ = load_settings(root)
    template = build_template(make_article(root, "a", SENTENCES[:1]), settings_)
    assert template.header_value("Project-Id-Version") == "newsdesk"


def test_extract_reports_excluded_segments(
    article: Article, settings_: Settings, epoch: Callable[[str], None]
) -> None:
    [result] = extract_templates(settings_, [article])
    assert result.status == "created"
    assert result.path == settings_.templates_path / "2022-07-04-innoprom.pot"
    assert result.messages == 5
    assert [s.id for s in result.excluded] == ["p2.s1", "p3.s1"]


# --- writing deterministically -----------------------------------------------------------------


def test_extract_twice_is_byte_identical_even_a_day_later(
    article: Article, settings_: Settings, epoch: Callable[[str], None]
) -> None:
    extract_templates(settings_, [article])
    path = template_path(settings_, article.id)
    first = path.read_bytes()
    epoch(DAY2)
    [again] = extract_templates(settings_, [article])
    assert again.status == "unchanged"
    assert path.read_bytes() == first
    assert read_catalog(path).header_value("POT-Creation-Date") == "2024-02-01 09:33+0000"


def test_changed_article_gets_a_new_date(
    article: Article, settings_: Settings, epoch: Callable[[str], None]
) -> None:
    extract_templates(settings_, [article])
    epoch(DAY2)
    changed = replace(article, segments=article.segments[:-1])
    [result] = extract_templates(settings_, [changed])
    assert result.status == "updated"
    assert read_catalog(result.path).header_value("POT-Creation-Date") == "2024-02-02 09:33+0000"


# --- the tiny project's templates are what extract writes --------------------------------------


def test_extract_reproduces_the_tiny_project_templates(
    tiny_project: Path, epoch: Callable[[str], None]
) -> None:
    settings = load_settings(tiny_project)
    before = {p: p.read_bytes() for p in settings.templates_path.glob("*.pot")}
    results = extract_templates(settings, load_corpus(settings))
    assert [(r.article, r.status, r.messages, len(r.excluded)) for r in results] == [
        ("2022-07-04-innoprom", "unchanged", 5, 1),
        ("2024-02-01-almaty-meeting", "unchanged", 4, 1),
        ("2024-02-04-almaty-talks", "unchanged", 3, 1),
    ]
    assert {p: p.read_bytes() for p in settings.templates_path.glob("*.pot")} == before
